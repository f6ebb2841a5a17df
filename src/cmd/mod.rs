//! One module per subcommand.

pub mod assess;
pub mod check;
pub mod extract;
pub mod store;

use std::path::Path;

use anyhow::Context;
use jixiao_model::Severity;

/// Reads one document, printing the reader's diagnostics to standard error.
pub fn read_document(path: &Path) -> anyhow::Result<jixiao_model::Document> {
    let reading = jixiao_read::read_path(path)?;
    print_diagnostics(path, &reading.diagnostics);
    Ok(reading.document)
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
