//! The indicator library after a write (issue 18): the server time of the first `/library`
//! page after a single-project edit, with the library's snapshot updated
//! (`LibraryCache`: `Store::library_changes` and `Snapshot::updated`), against building the
//! snapshot anew (`library::build`, what the first read after every write did before), over
//! an existing database (filled by `bench_data`, every project approved), in-process through
//! the real router, as the public and as an administrator. Each edit changes one indicator's
//! target of a random approved project through the store, as another process would. Not a
//! test: it prints times and the peak resident memory of each step.
//!
//! ```sh
//! cargo run -p jixiao-server --example bench_data -- --db sqlite://bench.db --indicators 200000
//! cargo run -p jixiao-server --example library_update_times -- --db sqlite://bench.db [--edits 5] [--no-rebuild] [--seed 0]
//! ```
//!
//! `--seed` picks other projects (a second run with the same seed writes the same targets
//! again, which changes nothing the library sees).
//!
//! `--no-rebuild` leaves out the rebuild after each edit (a minute of 1 M indicators on a
//! busy machine) when only the update is wanted.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use jixiao_server::{library, router, AppState, Settings};
use jixiao_store::{IndicatorChanges, ListFilter, Slice, Store, Visibility};
use tower::ServiceExt;

fn main() {
    let mut db = String::from("sqlite://bench.db");
    let mut edits: usize = 5;
    let mut rebuild = true;
    let mut seed: u64 = 0;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--db" => db = args.next().unwrap_or_default(),
            "--edits" => edits = args.next().and_then(|n| n.parse().ok()).unwrap_or(edits),
            "--no-rebuild" => rebuild = false,
            "--seed" => seed = args.next().and_then(|n| n.parse().ok()).unwrap_or(seed),
            other => {
                eprintln!("未知参数：{other}");
                std::process::exit(2);
            }
        }
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio");
    if let Err(e) = rt.block_on(run(&db, edits, rebuild, seed)) {
        eprintln!("错误：{e}");
        std::process::exit(1);
    }
}

/// Resets the peak resident memory (Linux: `/proc/self/clear_refs`), so that the next
/// [`peak_mib`] is the peak of what ran in between.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The peak resident memory since the last [`reset_peak`], in MiB (`VmHWM`).
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

#[path = "../../../bench/cpu_secs.rs"]
mod cpu;
use cpu::cpu_secs;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn get(app: &axum::Router, path: &str) -> Result<Duration, String> {
    let started = Instant::now();
    let r = app
        .clone()
        .oneshot(
            Request::get(path)
                .body(Body::empty())
                .map_err(|e| e.to_string())?,
        )
        .await
        .map_err(|e| e.to_string())?;
    let status = r.status();
    axum::body::to_bytes(r.into_body(), usize::MAX)
        .await
        .map_err(|e| e.to_string())?;
    if status != StatusCode::OK {
        return Err(format!("{path}：{status}"));
    }
    Ok(started.elapsed())
}

async fn run(db: &str, edits: usize, rebuild: bool, seed: u64) -> Result<(), String> {
    let err = |e: jixiao_store::StoreError| e.to_string();
    let store = Store::open(db).await.map_err(err)?;
    let counts = store.row_counts().await.map_err(err)?;
    println!(
        "数据：{} 个项目，{} 条指标（{db}）；{}构建",
        counts.projects,
        counts.indicators,
        if cfg!(debug_assertions) {
            "调试（dev）"
        } else {
            "发布（release）"
        }
    );
    // The edits are an administrator's (bench_data creates no user: the first run makes one).
    jixiao_server::serve::ensure_admin(&store)
        .await
        .map_err(|e| e.to_string())?;
    let by = store
        .users()
        .await
        .map_err(err)?
        .first()
        .map(|u| u.id)
        .ok_or("数据库中没有用户")?;
    let state = AppState::new(store.clone(), Settings::default());
    let cache = state.library.clone();
    let app = router(state);
    let total = store
        .projects(
            Visibility::Published,
            &ListFilter::default(),
            Slice {
                offset: 0,
                limit: 1,
            },
        )
        .await
        .map_err(err)?
        .total;
    if total == 0 {
        return Err("没有已批准的项目（先运行 bench_data）".into());
    }
    reset_peak();
    let cpu = cpu_secs();
    let cold = get(&app, "/library").await?;
    println!(
        "首次 /library（构建公众的指标库）：{:.0} ms（本进程 CPU {:.1} 秒），峰值内存 {:.0} MiB",
        ms(cold),
        cpu_secs() - cpu,
        peak_mib()
    );
    let started = Instant::now();
    let cpu = cpu_secs();
    cache
        .get(&store, Visibility::Everything)
        .await
        .map_err(err)?;
    println!(
        "首次读取管理员的指标库（构建）：{:.0} ms（本进程 CPU {:.1} 秒）",
        ms(started.elapsed()),
        cpu_secs() - cpu
    );
    let warm = get(&app, "/library").await?;
    println!("再次 /library（已缓存）：{:.1} ms", ms(warm));
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15 ^ seed;
    for k in 0..edits {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let offset = (seed >> 33) % total as u64;
        let page = store
            .projects(
                Visibility::Published,
                &ListFilter::default(),
                Slice {
                    offset: offset as i64,
                    limit: 1,
                },
            )
            .await
            .map_err(err)?;
        let project = page.items[0].id;
        let indicators = store.indicators_of(project).await.map_err(err)?;
        let Some(before) = indicators.first() else {
            continue;
        };
        let changes = IndicatorChanges {
            target: Some(Some(format!("≥{}", 100 + k))),
            ..IndicatorChanges::default()
        };
        let mark = store.change_mark().await.map_err(err)?;
        store
            .update_indicator(by, before, before.version, &changes)
            .await
            .map_err(err)?;
        reset_peak();
        let cpu = cpu_secs();
        let page = get(&app, "/library").await?;
        let page_cpu = cpu_secs() - cpu;
        let page_peak = peak_mib();
        let started = Instant::now();
        cache
            .get(&store, Visibility::Everything)
            .await
            .map_err(err)?;
        let admin = started.elapsed();
        let again = get(&app, "/library").await?;
        // The store's part of the update, asked once more (no longer the first read after
        // the write): what changed since the mark, as the public sees it.
        let started = Instant::now();
        let changes = store
            .library_changes(&mark, Visibility::Published, 64)
            .await
            .map_err(err)?;
        println!(
            "  本进程 CPU：修改后首次 /library {:.0} ms；再问一次 Store::library_changes {:.1} ms（{} 个项目）",
            page_cpu * 1000.0,
            ms(started.elapsed()),
            changes.map_or(0, |c| c.rows.len())
        );
        if !rebuild {
            println!(
                "第{}次修改（项目 {project}）：其后首次 /library {:.0} ms（峰值 {:.0} MiB），管理员的指标库更新 {:.0} ms，再次 /library {:.1} ms",
                k + 1,
                ms(page),
                page_peak,
                ms(admin),
                ms(again)
            );
            continue;
        }
        reset_peak();
        let started = Instant::now();
        let built = library::build(&store, Visibility::Published)
            .await
            .map_err(err)?;
        let rebuild = started.elapsed();
        let rebuild_peak = peak_mib();
        drop(built);
        println!(
            "第{}次修改（项目 {project}）：其后首次 /library {:.0} ms（峰值 {:.0} MiB），管理员的指标库更新 {:.0} ms，再次 /library {:.1} ms；同一数据整体重建（修改前的做法）{:.0} ms（峰值 {:.0} MiB）",
            k + 1,
            ms(page),
            page_peak,
            ms(admin),
            ms(again),
            ms(rebuild),
            rebuild_peak
        );
    }
    let (built, updated) = cache.counts();
    println!("指标库快照：整体构建 {built} 次，增量更新 {updated} 次");
    store.close().await;
    Ok(())
}
