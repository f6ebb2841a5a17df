//! `jixiao check`: the review engine's findings as text, JSON or HTML.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

#[derive(clap::Args)]
pub struct Args {
    /// 要审核的文件
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// text：终端文本；json：机器可读；html：独立网页报告
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// 规则配置文件（TOML）
    #[arg(long)]
    config: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Html,
}

/// Exit code 1 when a document has error-level findings or could not be read.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let cfg = match &args.config {
        Some(p) => jixiao_review::Config::load(p)?,
        None => jixiao_review::Config::default(),
    };
    let mut reports = Vec::new();
    let mut disclosure_findings = Vec::new();
    let mut unreadable = false;
    for f in &args.files {
        match super::load(f) {
            Ok(loaded) => {
                reports.push((
                    f.display().to_string(),
                    jixiao_review::review(&loaded.document, &cfg),
                ));
                let found = loaded
                    .disclosure
                    .as_ref()
                    .map(|d| jixiao_disclosure::check(d, &loaded.document));
                disclosure_findings.push(found.unwrap_or_default());
            }
            Err(e) => {
                eprintln!("错误：{e}");
                unreadable = true;
            }
        }
    }
    let refs: Vec<(&str, &jixiao_review::Report)> =
        reports.iter().map(|(f, r)| (f.as_str(), r)).collect();
    let text = match args.format {
        Format::Text => {
            let mut text = jixiao_review::render_text(&refs, std::io::stdout().is_terminal());
            for ((file, _), found) in reports
                .iter()
                .zip(&disclosure_findings)
                .filter(|(_, f)| !f.is_empty())
            {
                text.push_str(&format!(
                    "\n═══ {file}　部门预算公开：{} 个问题\n",
                    found.len()
                ));
                for f in found {
                    text.push_str(&format!(
                        "  {} {} {}　第{}行\n      {}\n",
                        f.severity_name, f.rule_id, f.title, f.location.line, f.message
                    ));
                }
            }
            text
        }
        Format::Json => {
            // The review's schema, with each document's disclosure findings beside its own.
            let mut value: serde_json::Value =
                serde_json::from_str(&jixiao_review::render_json(&refs))?;
            if let Some(docs) = value["documents"].as_array_mut() {
                for (doc, found) in docs.iter_mut().zip(&disclosure_findings) {
                    doc["disclosure_findings"] = serde_json::to_value(found)?;
                }
            }
            serde_json::to_string_pretty(&value)? + "\n"
        }
        Format::Html => jixiao_review::render_html(&refs),
    };
    print!("{text}");
    let errors = reports.iter().any(|(_, r)| r.counts.error > 0)
        || disclosure_findings
            .iter()
            .flatten()
            .any(|f| f.severity == jixiao_model::Severity::Error);
    Ok(if errors || unreadable {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
