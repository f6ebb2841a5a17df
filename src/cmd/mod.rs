//! One module per subcommand.

pub mod assess;
pub mod check;
pub mod export;
pub mod extract;
pub mod library;
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
    /// 读取报告.
    pub report: jixiao_read::report::ReadingReport,
}

impl Loaded {
    /// Every check of the file under `cfg`: the review of the target tables, then the
    /// disclosure's rules when it has one, then the re-scoring of a published
    /// self-evaluation (自评表) under `scoring`, in one report.
    pub fn check(
        &self,
        cfg: &jixiao_review::Config,
        scoring: &jixiao_assess::ScoringConfig,
    ) -> jixiao_rules::Report {
        jixiao_import::check_document(&self.document, self.disclosure.as_ref(), &[], cfg, scoring)
    }
}

/// A scoring configuration (JSON, as `jixiao score --config` takes it), checked; the default
/// rules of the 2020 measures without a file.
pub fn scoring_config(path: Option<&Path>) -> anyhow::Result<jixiao_assess::ScoringConfig> {
    let Some(path) = path else {
        return Ok(jixiao_assess::ScoringConfig::default());
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("无法读取评分配置文件 {}：{}", path.display(), jixiao_model::io_reason(&e)))?;
    let cfg: jixiao_assess::ScoringConfig = serde_json::from_str(&text)
        .with_context(|| format!("评分配置文件 {} 格式错误", path.display()))?;
    cfg.validate()
        .map_err(|e| anyhow::anyhow!("评分配置文件 {}：{e}", path.display()))?;
    Ok(cfg)
}

/// Reads a file of any carrier (text, .docx, .xlsx/.xls, .html, .pdf) into the targets and,
/// from the same file's blocks, the disclosure.
pub fn load(path: &Path) -> Result<Loaded, jixiao_carriers::CarrierError> {
    // The one reading entry: any carrier, the targets and the disclosure from one layout.
    let reading = jixiao_carriers::read_file(path)?;
    let mut diagnostics = reading.diagnostics;
    diagnostics.extend(reading.disclosure_notes);
    Ok(Loaded {
        document: reading.document,
        diagnostics,
        disclosure: reading.disclosure,
        report: reading.report,
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
    std::fs::write(path, bytes).map_err(|e| anyhow::anyhow!("无法写入文件 {}：{}", path.display(), jixiao_model::io_reason(&e)))
}
