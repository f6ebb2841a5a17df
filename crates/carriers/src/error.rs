//! Why a file could not be read. Messages are in Chinese and name the file and,
//! where there is one, the place (part of the package, sheet, row, page).

use jixiao_read::ReadError;

#[derive(Debug, thiserror::Error)]
pub enum CarrierError {
    /// The grammar or the text carrier refused the content.
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("{file}：无法读取文件：{}", jixiao_model::io_reason(source))]
    Io {
        file: String,
        source: std::io::Error,
    },
    /// The file is of a known kind but broken: truncated, bad zip, bad XML.
    #[error("{file}：{kind}文件已损坏或不完整（{place}）：{detail}")]
    Corrupt {
        file: String,
        kind: &'static str,
        place: String,
        detail: String,
    },
    /// Reading would take more than the bounds allow (zip bomb, huge sheet, deep nesting).
    #[error("{file}：{what}超过上限（{limit}），为防止耗尽资源已停止读取")]
    TooLarge {
        file: String,
        what: String,
        limit: String,
    },
    #[error("{file}：PDF 没有文字层（可能是扫描件），需要先进行文字识别（OCR）再导入")]
    NeedsOcr { file: String },
    #[error("{file}：PDF 已加密，请先去除密码保护再导入")]
    Encrypted { file: String },
    #[error("{file}：{kind}是旧版二进制格式，不能直接读取；请在 WPS、Word 或 LibreOffice 中另存为 {suggest} 后再导入")]
    OldBinary {
        file: String,
        kind: &'static str,
        suggest: &'static str,
    },
    /// Bytes that are all white space (spaces, tabs, line breaks) but not none at all: a file
    /// of a hundred thousand lines of tabs is no document, yet not empty either.
    #[error("{file}：文件只有空白字符（空格、制表符、换行），没有文字，不是绩效目标文档")]
    Blank { file: String },
    /// A workbook whose sheets hold no text at all (issue 15, item 5: called empty, not "no
    /// target table found").
    #[error("{file}：工作簿是空的（各工作表都没有任何文字），不是绩效目标文档")]
    EmptyWorkbook { file: String },
    /// A 项目支出绩效目标申报表 template (issue 17) filled in wrongly: every problem names its
    /// cell (`第16行 C列：缺少三级指标…`); nothing of it is imported.
    #[error("{file}：申报表填写有误，未导入。{}", problems.join("；"))]
    Template { file: String, problems: Vec<String> },
    #[error("{file}：不支持的文件类型（{what}）")]
    Unsupported { file: String, what: String },
}

impl CarrierError {
    pub(crate) fn corrupt(
        file: &str,
        kind: &'static str,
        place: impl Into<String>,
        detail: impl std::fmt::Display,
    ) -> Self {
        CarrierError::Corrupt {
            file: file.to_string(),
            kind,
            place: place.into(),
            detail: detail.to_string(),
        }
    }

    pub(crate) fn too_large(file: &str, what: impl Into<String>, limit: impl Into<String>) -> Self {
        CarrierError::TooLarge {
            file: file.to_string(),
            what: what.into(),
            limit: limit.into(),
        }
    }
}
