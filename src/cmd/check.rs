//! `jixiao check`: every rule set's findings (review, disclosure, the re-scoring of a
//! published self-evaluation) as text, JSON or HTML.

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
    /// 自评复核所用的评分规则（JSON，同 `jixiao score --config`；缺省为财预〔2020〕10号的默认规则）
    #[arg(long)]
    scoring: Option<PathBuf>,
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
    let scoring = super::scoring_config(args.scoring.as_deref())?;
    let mut reports = Vec::new();
    let mut unreadable = false;
    for f in &args.files {
        match super::load(f) {
            Ok(loaded) => reports.push((f.display().to_string(), loaded.check(&cfg, &scoring))),
            Err(e) => {
                eprintln!("错误：{e}");
                unreadable = true;
            }
        }
    }
    let refs: Vec<(&str, &jixiao_rules::Report)> =
        reports.iter().map(|(f, r)| (f.as_str(), r)).collect();
    let text = match args.format {
        Format::Text => jixiao_rules::render_text(&refs, std::io::stdout().is_terminal()),
        Format::Json => jixiao_rules::render_json(&refs) + "\n",
        Format::Html => jixiao_rules::render_html(&refs),
    };
    print!("{text}");
    let errors = reports.iter().any(|(_, r)| r.counts.error > 0);
    Ok(if errors || unreadable {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
