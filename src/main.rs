//! `jixiao`: the command line. Thin by design: it parses arguments, calls the library
//! crates and prints; all domain work lives in the crates. Each subcommand is a small
//! module under `cmd/` holding its arguments and a `run` function.

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    Extract(cmd::extract::Args),
    /// 审核绩效目标：逐条列出问题并评分（有“错误”级问题时退出码为 1）
    Check(cmd::check::Args),
    /// 列出规则目录（绩效目标审核与部门预算公开的全部规则）
    Rules,
    /// 运行监控：生成填报模板、导入填报数据、查看预警灯
    #[command(subcommand)]
    Monitor(cmd::assess::Monitor),
    /// 年终自评打分，输出项目支出绩效自评表
    Score(cmd::assess::ScoreArgs),
    /// 导入文档到数据库（每份文档一个事务；相同内容不重复导入）
    Import(cmd::store::ImportArgs),
    /// 启动网页与 API 服务
    Serve(cmd::store::ServeArgs),
    /// 导出绩效目标表（.xlsx / .docx）或指标明细（CSV / JSON）
    Export(cmd::export::Args),
    /// 指标库：由数据库中的项目归纳指标条目，查找与查看条目
    #[command(subcommand)]
    Library(cmd::library::Library),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Rules => {
            print!("{}", jixiao_rules::catalogue_text());
            Ok(ExitCode::SUCCESS)
        }
        Command::Monitor(m) => cmd::assess::monitor(m),
        Command::Score(args) => cmd::assess::score(args),
        Command::Import(args) => cmd::store::import(args),
        Command::Serve(args) => cmd::store::serve(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Library(c) => cmd::library::run(c),
    };
    // The binary's edge: a failed command prints its reason in Chinese and exits with 2.
    result.unwrap_or_else(|e| {
        eprintln!("错误：{e:#}");
        ExitCode::from(2)
    })
}
