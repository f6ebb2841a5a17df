//! Reading published performance-target documents into the domain model.
//!
//! Reading goes in three steps, each ignorant of the others' concerns:
//!
//! 1. [`decode`]: bytes → text (UTF-8 with or without BOM, UTF-16, GB18030/GBK).
//! 2. [`carrier`]: text → [`layout::Block`]s, paragraphs and tables of cells with line
//!    numbers. A carrier knows how a table was flattened (Word cell-per-line dumps,
//!    TAB-separated rows, pipe tables, HTML inside cells), nothing about targets.
//! 3. [`grammar`]: blocks → [`Document`]. Grammars know what the forms print (labelled cells,
//!    indicator column headers, merged cells, the one-row-per-project 公开表, narrative
//!    sections) and detect the layout by themselves.
//!
//! A new layout is usually a new carrier producing the same blocks; a new kind of table is
//! a new grammar. Reading never panics: whatever cannot be understood becomes a
//! [`Diagnostic`] or a [`ReadError`].

pub mod carrier;
pub mod decode;
pub mod grammar;
pub mod layout;
pub mod report;

use std::path::Path;

use jixiao_model::{Diagnostic, Document};

/// A document read, with what the reader noticed on the way.
#[derive(Debug, Clone)]
pub struct Reading {
    pub document: Document,
    pub diagnostics: Vec<Diagnostic>,
    pub encoding: decode::Encoding,
    /// 读取报告: rows read, text not understood, confidence per project.
    pub report: report::ReadingReport,
}

/// Why a file could not be read at all. Messages are in Chinese, for users.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{file}：无法读取文件：{}", jixiao_model::io_reason(source))]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}：文件为空")]
    Empty { file: String },
    #[error("{file}：无法识别文本编码（不是 UTF-8、UTF-16 或 GB18030 文本，可能是二进制文件）")]
    Undecodable { file: String },
    #[error("{file}：不是绩效目标文档（未找到绩效目标表、项目或总体绩效目标）")]
    NotATargetDocument { file: String },
}

/// Reads a file from disk.
pub fn read_path(path: &Path) -> Result<Reading, ReadError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        file: file.clone(),
        source,
    })?;
    let name = path
        .file_name()
        .map_or(file, |n| n.to_string_lossy().into_owned());
    read_bytes(&name, &bytes)
}

/// Reads a document's bytes; `name` is the file name the document keeps as its source.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Reading, ReadError> {
    let (blocks, encoding) = text_blocks(name, bytes)?;
    let (document, diagnostics) = read_blocks(name, &blocks)?;
    let report = report::report(&document, &diagnostics);
    Ok(Reading {
        document,
        diagnostics,
        encoding,
        report,
    })
}

/// Decodes text bytes and lays them out as blocks: the first two steps, for readers of
/// other parts of a document (the budget disclosure) that need the same layout.
pub fn text_blocks(
    name: &str,
    bytes: &[u8],
) -> Result<(Vec<layout::Block>, decode::Encoding), ReadError> {
    let file = name.to_string();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty { file });
    }
    let (text, encoding) = decode::decode(bytes).ok_or(ReadError::Undecodable { file })?;
    Ok((carrier::text::blocks(&text), encoding))
}

/// Reads blocks from any carrier (text here; .docx, .xlsx, .html, .pdf in `jixiao-carriers`)
/// into a document.
pub fn read_blocks(
    name: &str,
    blocks: &[layout::Block],
) -> Result<(Document, Vec<Diagnostic>), ReadError> {
    let (document, diagnostics) = grammar::read(name, blocks);
    let empty = document.projects.is_empty()
        && document.department_indicators.is_empty()
        && document.overall_goals.is_empty();
    if empty {
        return Err(ReadError::NotATargetDocument {
            file: name.to_string(),
        });
    }
    Ok((document, diagnostics))
}

#[cfg(test)]
mod tests;
