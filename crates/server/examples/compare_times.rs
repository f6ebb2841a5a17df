//! Comparison page times: the server time of `/compare/project?id=` and
//! `/compare/departments?year=` (the pages, so the store's query, the library's matching and
//! the template all count) over an existing database, in-process through the real router, as
//! the public (a database filled by `bench_data`, every project approved), and of the
//! suggestions (`/library/suggest`, for a stored project's name as a new draft and for a
//! stored project leaving out its own rows). Not a test: it prints the first request (which
//! builds the indicator library of the visibility) and then p50 / p95 / p99 / max of warm
//! requests.
//!
//! ```sh
//! cargo run --release -p jixiao-server --example bench_data -- --db sqlite://bench.db --indicators 1000000
//! cargo run --release -p jixiao-server --example compare_times -- --db sqlite://bench.db [--requests 200]
//! ```

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use jixiao_server::{router, AppState, Settings};
use jixiao_store::{ListFilter, Slice, Store, Visibility};
use tower::ServiceExt;

fn main() {
    let mut db = String::from("sqlite://bench.db");
    let mut requests: usize = 200;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--db" => db = args.next().unwrap_or_default(),
            "--requests" => requests = args.next().and_then(|n| n.parse().ok()).unwrap_or(requests),
            other => {
                eprintln!("未知参数：{other}");
                std::process::exit(2);
            }
        }
    }
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio");
    if let Err(e) = rt.block_on(run(&db, requests)) {
        eprintln!("错误：{e}");
        std::process::exit(1);
    }
}

#[path = "../../../bench/cpu_secs.rs"]
mod cpu;
use cpu::cpu_secs;

/// A published project picked at random (a linear congruential step of `seed`) among `total`.
async fn random_project(store: &Store, seed: &mut u64, total: i64) -> Result<jixiao_store::Project, String> {
    *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    let offset = (*seed >> 33) % total as u64;
    let page = store
        .projects(Visibility::Published, &ListFilter::default(), Slice { offset: offset as i64, limit: 1 })
        .await
        .map_err(|e| e.to_string())?;
    page.items.into_iter().next().ok_or_else(|| "没有项目".to_string())
}

async fn get(app: &axum::Router, path: &str) -> Result<(Duration, usize), String> {
    let started = Instant::now();
    let r = app
        .clone()
        .oneshot(Request::get(path).body(Body::empty()).map_err(|e| e.to_string())?)
        .await
        .map_err(|e| e.to_string())?;
    let status = r.status();
    let bytes = axum::body::to_bytes(r.into_body(), usize::MAX).await.map_err(|e| e.to_string())?;
    let took = started.elapsed();
    if status != StatusCode::OK {
        return Err(format!("{path}：{status}"));
    }
    Ok((took, bytes.len()))
}

fn summary(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "{what}：{} 次，p50 {:.1} ms，p95 {:.1} ms，p99 {:.1} ms，最大 {:.1} ms",
        times.len(),
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(0.99)),
        ms(times[times.len() - 1])
    );
}

async fn run(db: &str, requests: usize) -> Result<(), String> {
    let store = Store::open(db).await.map_err(|e| e.to_string())?;
    let counts = store.row_counts().await.map_err(|e| e.to_string())?;
    println!("数据：{} 个项目，{} 条指标（{db}）", counts.projects, counts.indicators);
    let app = router(AppState::new(store.clone(), Settings::default()));
    let all = Slice { offset: 0, limit: 1 };
    let total = store
        .projects(Visibility::Published, &ListFilter::default(), all)
        .await
        .map_err(|e| e.to_string())?
        .total;
    if total == 0 {
        return Err("没有已批准的项目（先运行 bench_data）".into());
    }
    let years = store.years().await.map_err(|e| e.to_string())?;
    for y in &years {
        let n = store.department_totals(Visibility::Published, *y).await.map_err(|e| e.to_string())?;
        println!("{y} 年度：{} 个部门，{} 个项目", n.len(), n.iter().map(|d| d.projects).sum::<i64>());
    }
    let cpu = cpu_secs();
    let (cold, size) = get(&app, "/compare/departments").await?;
    println!(
        "首次请求 /compare/departments（含构建公众的指标库）：{:.0} ms（本进程 CPU {:.1} 秒），{size} 字节",
        cold.as_secs_f64() * 1000.0,
        cpu_secs() - cpu
    );
    let mut times = Vec::new();
    for k in 0..requests {
        let y = years[k % years.len()];
        times.push(get(&app, &format!("/compare/departments?year={y}")).await?.0);
    }
    summary("/compare/departments?year=（已缓存指标库）", times);
    // Where the time goes: the JSON alone (no template), and the store's query alone.
    let mut times = Vec::new();
    for k in 0..requests {
        let y = years[k % years.len()];
        times.push(get(&app, &format!("/api/v1/compare/departments?year={y}")).await?.0);
    }
    summary("/api/v1/compare/departments?year=（JSON）", times);
    let mut times = Vec::new();
    for k in 0..requests.min(50) {
        let y = years[k % years.len()];
        let started = Instant::now();
        let rows = store.department_figures(Visibility::Published, y).await.map_err(|e| e.to_string())?;
        std::hint::black_box(rows.len());
        times.push(started.elapsed());
    }
    summary("其中 Store::department_figures（按部门汇总）", times);
    let snapshot = jixiao_server::library::build(&store, Visibility::Published).await.map_err(|e| e.to_string())?;
    let mut times = Vec::new();
    for k in 0..requests.min(50) {
        let y = years[k % years.len()];
        let started = Instant::now();
        let d = jixiao_library::compare::departments_of_year(&snapshot.sources, y as i32);
        std::hint::black_box(d.len());
        times.push(started.elapsed());
    }
    summary("其中 departments_of_year（指标库快照上的统计）", times);
    let mut times = Vec::new();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..requests {
        let id = random_project(&store, &mut seed, total).await?.id;
        times.push(get(&app, &format!("/compare/project?id={id}")).await?.0);
    }
    summary("/compare/project?id=（随机项目，已缓存指标库）", times);
    // Suggestions while drafting: a random stored project's name as a new draft's, and a
    // stored project's own suggestions (its rows left out).
    let mut by_name = Vec::new();
    let mut by_project = Vec::new();
    for _ in 0..requests {
        let p = random_project(&store, &mut seed, total).await?;
        let query = serde_urlencoded::to_string([("name", p.name.as_str())]).map_err(|e| e.to_string())?;
        by_name.push(get(&app, &format!("/library/suggest?{query}")).await?.0);
        by_project.push(get(&app, &format!("/library/suggest?project={}", p.id)).await?.0);
    }
    summary("/library/suggest?name=（随机项目的名称作新项目）", by_name);
    summary("/library/suggest?project=（随机项目，不含它自己）", by_project);
    store.close().await;
    Ok(())
}
