//! The monitoring template (运行监控填报模板) of `jixiao-assess`: written pre-filled from a
//! document as .xlsx, read back into a [`jixiao_assess::MonitoringReport`] with every bad
//! cell reported. (The 自评表, summary and lights tables are drawn by the one table writer,
//! [`crate::write_table`].)
//!
//! Writing uses `rust_xlsxwriter`, reading uses `calamine`. Rows and columns in messages
//! are as Excel shows them (row 1, column A).

mod import;
mod template;

pub use import::{read_monitoring_path, read_monitoring_xlsx, score_year_end_path, score_year_end_xlsx};
pub use template::monitor_template;

use std::fmt;

/// Sheet names of the monitoring template.
pub const SHEET_INFO: &str = "填报说明";
pub const SHEET_PROJECTS: &str = "项目";
pub const SHEET_INDICATORS: &str = "指标";

/// 单元格错误：文件、工作表、行、列与问题（中文）。
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    pub file: String,
    pub sheet: Option<String>,
    /// Row as Excel shows it (1-based).
    pub row: Option<u32>,
    /// Column letter (`A`) and its header (`当前完成值`).
    pub column: Option<(String, String)>,
    pub message: String,
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(s) = &self.sheet {
            write!(f, "：工作表「{s}」")?;
        }
        if let Some(r) = self.row {
            write!(f, "第{r}行")?;
        }
        if let Some((letter, header)) = &self.column {
            write!(f, "{letter}列（{header}）")?;
        }
        write!(f, "：{}", self.message)
    }
}

impl std::error::Error for CellError {}

/// `0 → A`, `25 → Z`, `26 → AA` (the one spreadsheet column naming of the crate,
/// [`jixiao_carriers::template::column_name`]).
pub fn column_letter(col: usize) -> String {
    jixiao_carriers::template::column_name(col as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_place() {
        let e = CellError {
            file: "监控.xlsx".into(),
            sheet: Some("指标".into()),
            row: Some(5),
            column: Some(("I".into(), "当前完成值".into())),
            message: "填数值".into(),
        };
        assert_eq!(e.to_string(), "监控.xlsx：工作表「指标」第5行I列（当前完成值）：填数值");
    }
}

#[cfg(test)]
mod roundtrip_tests;
