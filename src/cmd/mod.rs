//! One module per subcommand.

pub mod assess;
pub mod check;
pub mod extract;
pub mod store;

use std::path::Path;

use anyhow::Context;
use jixiao_model::Severity;

/// A file read: the performance targets and, where the file has one, the budget
/// disclosure around them (部门预算公开), both from the same blocks.
pub struct Loaded {
    pub document: jixiao_model::Document,
    pub diagnostics: Vec<jixiao_model::Diagnostic>,
    pub disclosure: Option<jixiao_disclosure::Disclosure>,
}

/// Reads a file once into blocks, then into the targets and the disclosure.
pub fn load(path: &Path) -> Result<Loaded, jixiao_read::ReadError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| jixiao_read::ReadError::Io {
        file: file.clone(),
        source,
    })?;
    let name = path
        .file_name()
        .map_or(file, |n| n.to_string_lossy().into_owned());
    let (blocks, _) = jixiao_read::text_blocks(&name, &bytes)?;
    let (document, mut diagnostics) = jixiao_read::read_blocks(&name, &blocks)?;
    let (disclosure, notes) = jixiao_disclosure::read_disclosure(&blocks);
    diagnostics.extend(notes);
    Ok(Loaded {
        document,
        diagnostics,
        disclosure,
    })
}

/// Reads one document, printing the reader's diagnostics to standard error.
pub fn read_document(path: &Path) -> anyhow::Result<jixiao_model::Document> {
    let loaded = load(path)?;
    print_diagnostics(path, &loaded.diagnostics);
    Ok(loaded.document)
}

pub fn print_diagnostics(path: &Path, diagnostics: &[jixiao_model::Diagnostic]) {
    for d in diagnostics {
        let level = match d.severity {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        };
        eprintln!("{}:{}: {level}：{}", path.display(), d.at.line, d.message);
    }
}

/// Writes an output file, naming it in the error.
pub fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("无法写入文件 {}", path.display()))
}
