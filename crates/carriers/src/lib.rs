//! The one way in for reading: the bytes of any carrier (text, .docx, .xlsx/.xls, .html,
//! .pdf), recognised by content and not by name, laid out as the same
//! [`Block`](jixiao_read::layout::Block)s (paragraphs and tables of cells, with their places),
//! then read by `jixiao-read`'s grammar into a [`Document`], the budget disclosure
//! (部门预算公开) around it and a reading report. The CLI, the import, the API and the upload
//! page all read through [`read_bytes`] / [`read_file`], so what is checked is what is stored.
//!
//! What "line" means in a read document's origins, per carrier:
//! - text: the line of the file;
//! - .docx: the body paragraph or table row, counted 1-based in document order;
//! - .xlsx/.xls: the sheet row; with several sheets rows are counted on across sheets
//!   (sheet 2 starts after the last row of sheet 1) and diagnostics name the sheet and its
//!   own row;
//! - .html: the table row or paragraph, counted 1-based in document order;
//! - .pdf: the visual line (a table row or a line of text), counted 1-based across pages.
//!
//! Every reader bounds its work ([`limits`]) and never panics on user data. Writing files is
//! `jixiao-office`'s job.

pub mod detect;
pub mod docx;
pub mod error;
pub mod html;
pub mod limits;
pub mod pdf;
pub mod template;
pub mod xlsx;
mod xml;

#[cfg(test)]
mod test_support;

use std::path::Path;

use jixiao_model::{Diagnostic, Document};
use jixiao_read::layout::Block;

pub use detect::Carrier;
pub use error::CarrierError;
/// 读取报告's types, which every [`Reading`] carries.
pub use jixiao_read::report;

/// A document read from any carrier, with what the reader noticed.
#[derive(Debug, Clone)]
pub struct Reading {
    pub document: Document,
    pub diagnostics: Vec<Diagnostic>,
    /// What the file turned out to be.
    pub carrier: Carrier,
    /// 读取报告: rows read, text not understood, confidence per project.
    pub report: jixiao_read::report::ReadingReport,
    /// The file laid out as paragraphs and tables, as the readers read it (a file is laid
    /// out once).
    pub blocks: Vec<Block>,
    /// 部门预算公开: the budget disclosure around the targets, read from the same blocks
    /// (`None` when the file has none).
    pub disclosure: Option<jixiao_disclosure::Disclosure>,
    /// The disclosure reader's notes (rows it skipped, …): shown by `jixiao`, not stored with
    /// the reading's own diagnostics.
    pub disclosure_notes: Vec<Diagnostic>,
}

/// Reads a file of any supported kind, detected by content (not by extension).
pub fn read_file(path: &Path) -> Result<Reading, CarrierError> {
    let file = path.display().to_string();
    let len = std::fs::metadata(path)
        .map_err(|source| CarrierError::Io {
            file: file.clone(),
            source,
        })?
        .len();
    if len > limits::MAX_FILE_BYTES as u64 {
        return Err(too_large_file(&file));
    }
    let bytes = std::fs::read(path).map_err(|source| CarrierError::Io {
        file: file.clone(),
        source,
    })?;
    let name = path
        .file_name()
        .map_or(file, |n| n.to_string_lossy().into_owned());
    read_bytes(&name, &bytes)
}

/// Reads a file's bytes; `name` is the file name the document keeps as its source and that
/// error messages name.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Reading, CarrierError> {
    if bytes.len() > limits::MAX_FILE_BYTES {
        return Err(too_large_file(name));
    }
    let Laid { blocks, places, carrier } = lay_out(name, bytes)?;
    if places.is_some() && blocks.is_empty() {
        return Err(CarrierError::EmptyWorkbook { file: name.to_string() });
    }
    let (document, mut diagnostics) = jixiao_read::read_blocks(name, &blocks)?;
    let (disclosure, disclosure_notes) = jixiao_disclosure::read_disclosure(&blocks);
    let mut report = jixiao_read::report::report(&document, &diagnostics);
    if let Some(places) = places {
        for u in &mut report.not_understood {
            u.text = format!("{}：{}", places.describe(u.at), u.text);
        }
        for d in &mut diagnostics {
            d.message = format!("{}：{}", places.describe(d.at), d.message);
        }
    }
    Ok(Reading {
        document,
        diagnostics,
        carrier,
        report,
        blocks,
        disclosure,
        disclosure_notes,
    })
}

fn too_large_file(file: &str) -> CarrierError {
    CarrierError::too_large(file, "文件大小", limits::human_bytes(limits::MAX_FILE_BYTES))
}

/// A file laid out by its carrier: its blocks, where a workbook's sheets' lines are, and the
/// carrier it turned out to be (a text's with its encoding).
struct Laid {
    blocks: Vec<Block>,
    places: Option<xlsx::SheetPlaces>,
    carrier: Carrier,
}

/// Detects the carrier and lays the file out, the one dispatch of [`read_bytes`] and
/// [`blocks`].
fn lay_out(name: &str, bytes: &[u8]) -> Result<Laid, CarrierError> {
    blank(name, bytes)?;
    let carrier = detect::carrier(name, bytes)?;
    let (blocks, places, carrier) = match carrier {
        Carrier::Text(_) => {
            let (blocks, encoding) = jixiao_read::text_blocks(name, bytes)?;
            (blocks, None, Carrier::Text(encoding))
        }
        Carrier::Docx => (docx::blocks(name, bytes)?, None, carrier),
        Carrier::Xlsx | Carrier::Xls => {
            let sheets = xlsx::blocks(name, bytes, carrier)?;
            (sheets.blocks, Some(sheets.places), carrier)
        }
        Carrier::Html => (html::blocks(name, bytes)?, None, carrier),
        Carrier::Pdf => (pdf::blocks(name, bytes)?, None, carrier),
    };
    Ok(Laid { blocks, places, carrier })
}

/// Refuses bytes that are all ASCII white space but not empty (empty files are the text
/// reader's `文件为空`).
fn blank(name: &str, bytes: &[u8]) -> Result<(), CarrierError> {
    if !bytes.is_empty() && bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(CarrierError::Blank {
            file: name.to_string(),
        });
    }
    Ok(())
}

/// Reads a file's blocks (paragraphs and tables) without running the grammars: for readers
/// of other parts of a document, and for tests comparing carriers.
pub fn blocks(name: &str, bytes: &[u8]) -> Result<Vec<Block>, CarrierError> {
    Ok(lay_out(name, bytes)?.blocks)
}
