//! `jixiao`: the command line. Thin by design: it parses arguments, calls the library
//! crates and prints; all domain work lives in the crates.

use std::io::Write;
use std::path::PathBuf;
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
    }
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
