//! `jixiao import` and `jixiao serve`: the database and the web service.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use jixiao_import::ImportOptions;
use jixiao_store::Store;

/// The default database: one SQLite file in the working directory.
pub const DEFAULT_DB: &str = "sqlite://jixiao.db";

#[derive(clap::Args)]
pub struct ImportArgs {
    /// 要导入的文件或目录（目录递归导入）
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// 数据库地址：sqlite://文件 或 postgres://…
    #[arg(long, default_value = DEFAULT_DB)]
    db: String,
    /// 同时导入的文件数
    #[arg(long, default_value_t = 4)]
    jobs: usize,
}

#[derive(clap::Args)]
pub struct ServeArgs {
    /// 数据库地址：sqlite://文件 或 postgres://…
    #[arg(long, default_value = DEFAULT_DB)]
    db: String,
    /// 监听地址
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// 数据库为空时导入演示数据（五份示例文档与语料中的真实公开文档）
    #[arg(long)]
    demo: bool,
    /// 上传文件大小上限（MB）
    #[arg(long, default_value_t = 8)]
    upload_limit_mb: usize,
    /// Cookie 加 Secure 标记（经 HTTPS 提供服务时使用）
    #[arg(long)]
    secure_cookies: bool,
    /// 信任前置反向代理的 X-Forwarded-Proto / X-Forwarded-For / X-Forwarded-Host 头
    /// （仅当 jixiao 只能经该代理访问时使用）
    #[arg(long)]
    trust_proxy: bool,
}

/// The seed documents shipped with the source, for `--demo`.
fn demo_dir() -> PathBuf {
    let local = Path::new("tests/fixtures/seeds");
    if local.is_dir() {
        local.to_path_buf()
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds")
    }
}

/// The corpus of real published documents, loaded with the seeds by `--demo`.
fn demo_corpus() -> Option<PathBuf> {
    let local = Path::new("tests/fixtures/corpus");
    let dir = if local.is_dir() {
        local.to_path_buf()
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
    };
    dir.is_dir().then_some(dir)
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

/// The progress bar of `jixiao import` on standard error; hidden when that is not a terminal.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    let style = ProgressStyle::with_template("导入中 [{bar:30}] {pos}/{len} 份 {per_sec:.0} 剩余 {eta} {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    bar
}

/// `1234567` → `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Imports every document, each in its own transaction, reviewed as the service reviews an
/// upload (`jixiao_import::reviewing`: a 自评表 is judged against its target table's approved
/// targets whichever is imported first); shows a progress bar on a terminal,
/// then the counts on standard output and the projects, indicators and time on standard
/// error. Exit code 1 when any file failed.
pub fn import(args: ImportArgs) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let store = jixiao_import::reviewing(Store::open(&args.db).await?);
        let bar = progress_bar();
        let started = Instant::now();
        let shown = bar.clone();
        let summary = jixiao_import::import_paths(
            &store,
            &args.paths,
            args.jobs,
            &ImportOptions::default(),
            move |done, total, file| {
                shown.set_length(total as u64);
                shown.set_position(done as u64);
                shown.set_message(file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
            },
        )
        .await;
        bar.finish_and_clear();
        let secs = started.elapsed().as_secs_f64();
        for (file, reason) in &summary.failed {
            eprintln!("失败：{file}：{reason}");
        }
        println!(
            "已导入 {} 个，内容未变 {} 个，失败 {} 个。",
            summary.imported.len(),
            summary.unchanged.len(),
            summary.failed.len()
        );
        eprintln!(
            "共写入 {} 个项目、{} 条指标，用时 {secs:.1} 秒（每秒 {} 个项目）。",
            thousands(summary.projects as u64),
            thousands(summary.indicators as u64),
            thousands((summary.projects as f64 / secs.max(0.001)).round() as u64),
        );
        store.close().await;
        Ok(if summary.failed.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        })
    })
}

pub fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(jixiao_server::serve::serve(options(args)))?;
    Ok(ExitCode::SUCCESS)
}

fn options(args: ServeArgs) -> jixiao_server::serve::ServeOptions {
    jixiao_server::serve::ServeOptions {
        db_url: args.db,
        addr: args.addr,
        demo: args.demo,
        seeds_dir: demo_dir(),
        corpus_dir: demo_corpus(),
        upload_limit: args.upload_limit_mb * 1024 * 1024,
        secure_cookies: args.secure_cookies,
        trust_proxy: args.trust_proxy,
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    #[derive(Parser)]
    struct Serve {
        #[command(flatten)]
        args: super::ServeArgs,
    }

    fn settings(argv: &[&str]) -> jixiao_server::Settings {
        let args = Serve::try_parse_from(std::iter::once("serve").chain(argv.iter().copied())).unwrap().args;
        super::options(args).settings()
    }

    #[test]
    fn secure_cookies_and_proxy_trust_are_off_unless_asked_for() {
        let plain = settings(&[]);
        assert!(!plain.secure_cookies && !plain.trust_proxy);
        let behind_tls = settings(&["--secure-cookies", "--trust-proxy", "--upload-limit-mb", "2"]);
        assert!(behind_tls.secure_cookies && behind_tls.trust_proxy);
        assert_eq!(behind_tls.limits.body_bytes, 2 * 1024 * 1024);
    }
}
