//! `jixiao extract`: documents as extraction records or the full model.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use jixiao_model::record::ExtractionRecord;

#[derive(clap::Args)]
pub struct Args {
    /// 要读取的文件
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// record：提取记录格式；json：完整领域模型
    #[arg(long, value_enum, default_value = "record")]
    format: Format,
    /// 在标准错误输出读取报告（读出的行数、未识别的内容、各项目的置信度）
    #[arg(long)]
    report: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Record,
    Json,
}

/// One file: one pretty-printed JSON object. Several files: one compact JSON object per
/// line (JSON Lines), in the order given. Exit code 1 when any file could not be read.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    for path in &args.files {
        let loaded = match super::load(path) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("错误：{e}");
                failed = true;
                continue;
            }
        };
        super::print_diagnostics(path, &loaded.diagnostics);
        if args.report {
            eprint!("{}：{}", path.display(), loaded.report.to_text());
        }
        let value = match args.format {
            Format::Record => serde_json::to_value(ExtractionRecord::from(&loaded.document))?,
            Format::Json => {
                let mut value = serde_json::to_value(&loaded.document)?;
                if let Some(d) = &loaded.disclosure {
                    value["disclosure"] = serde_json::to_value(d)?;
                }
                value
            }
        };
        let text = if args.files.len() == 1 {
            serde_json::to_string_pretty(&value)?
        } else {
            serde_json::to_string(&value)?
        };
        if writeln!(out, "{text}").is_err() {
            return Ok(ExitCode::from(1)); // stdout closed (a pipe to `head`)
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
