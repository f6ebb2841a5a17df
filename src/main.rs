//! `jixiao`: the command line. Thin by design: it parses arguments, calls the library
//! crates and prints; all domain work lives in the crates.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use jixiao_model::record::ExtractionRecord;
use jixiao_model::Severity;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "jixiao",
    version,
    about = "预算绩效目标管理：读取、审核、监控、评分与公开"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 读取绩效目标文档并输出提取结果（JSON）
    Extract {
        /// 要读取的文件
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// record：提取记录格式；json：完整领域模型
        #[arg(long, value_enum, default_value = "record")]
        format: ExtractFormat,
    },
    /// 审核绩效目标：逐条列出问题并评分（有“错误”级问题时退出码为 1）
    Check {
        /// 要审核的文件
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// text：终端文本；json：机器可读；html：独立网页报告
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
        /// 规则配置文件（TOML）
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// 列出审核规则目录
    Rules,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Record,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { files, format } => extract(&files, format),
        Command::Check {
            files,
            format,
            config,
        } => report_errors(check(&files, format, config.as_deref())),
        Command::Rules => {
            print!("{}", jixiao_review::catalogue_text());
            ExitCode::SUCCESS
        }
    }
}

/// The binary's edge: a failed command prints its reason in Chinese and exits with 2.
fn report_errors(result: anyhow::Result<ExitCode>) -> ExitCode {
    result.unwrap_or_else(|e| {
        eprintln!("错误：{e:#}");
        ExitCode::from(2)
    })
}

fn check(
    files: &[PathBuf],
    format: CheckFormat,
    config: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let cfg = match config {
        Some(p) => jixiao_review::Config::load(p)?,
        None => jixiao_review::Config::default(),
    };
    let mut reports = Vec::new();
    let mut unreadable = false;
    for f in files {
        match jixiao_read::read_path(f) {
            Ok(reading) => reports.push((
                f.display().to_string(),
                jixiao_review::review(&reading.document, &cfg),
            )),
            Err(e) => {
                eprintln!("错误：{e}");
                unreadable = true;
            }
        }
    }
    let refs: Vec<(&str, &jixiao_review::Report)> =
        reports.iter().map(|(f, r)| (f.as_str(), r)).collect();
    let text = match format {
        CheckFormat::Text => jixiao_review::render_text(&refs, std::io::stdout().is_terminal()),
        CheckFormat::Json => jixiao_review::render_json(&refs),
        CheckFormat::Html => jixiao_review::render_html(&refs),
    };
    print!("{text}");
    let errors = reports.iter().any(|(_, r)| r.counts.error > 0);
    Ok(if errors || unreadable {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One file: one pretty-printed JSON object. Several files: one compact JSON object per
/// line (JSON Lines), in the order given.
fn extract(files: &[PathBuf], format: ExtractFormat) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    for path in files {
        let reading = match jixiao_read::read_path(path) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("错误：{e}");
                failed = true;
                continue;
            }
        };
        for d in &reading.diagnostics {
            let level = match d.severity {
                Severity::Info => "提示",
                Severity::Warning => "警告",
                Severity::Error => "错误",
            };
            eprintln!("{}:{}: {level}：{}", path.display(), d.at.line, d.message);
        }
        let value = match format {
            ExtractFormat::Record => {
                serde_json::to_value(ExtractionRecord::from(&reading.document))
            }
            ExtractFormat::Json => serde_json::to_value(&reading.document),
        }
        .expect("the model serialises");
        let text = if files.len() == 1 {
            serde_json::to_string_pretty(&value)
        } else {
            serde_json::to_string(&value)
        }
        .expect("JSON values serialise");
        if writeln!(out, "{text}").is_err() {
            return ExitCode::from(1);
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
