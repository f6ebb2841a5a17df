//! Load-benchmark data: fills a database with at least N indicator rows (default 1,000,000)
//! by importing the seed documents again and again for many synthetic departments, through
//! the real import pipeline, then approves every project so the public API serves them.
//!
//! `bench_data --db URL [--indicators N] [--seeds DIR]`

use std::path::PathBuf;
use std::time::Instant;

use jixiao_store::{ListFilter, Slice, Store};

const PLACES_A: [&str; 20] = [
    "东", "西", "南", "北", "中", "新", "安", "平", "永", "长", "清", "宁", "和", "兴", "泰", "丰",
    "临", "广", "福", "吉",
];
const PLACES_B: [&str; 10] = ["山", "河", "阳", "城", "原", "江", "林", "川", "水", "台"];
const LEVELS: [&str; 3] = ["县", "区", "市"];
const BUREAUS: [&str; 4] = ["应急管理局", "财政局", "教育局", "卫生健康委员会"];

/// The k-th synthetic department name, e.g. `东山县应急管理局`.
fn department(k: usize) -> String {
    let a = PLACES_A[k % 20];
    let b = PLACES_B[(k / 20) % 10];
    let l = LEVELS[(k / 200) % 3];
    let t = BUREAUS[(k / 600) % 4];
    let round = k / 2400;
    if round == 0 {
        format!("{a}{b}{l}{t}")
    } else {
        format!("{a}{b}{l}第{round}{t}")
    }
}

fn main() {
    let mut db = String::from("sqlite://bench.db");
    let mut target: i64 = 1_000_000;
    let mut seeds = PathBuf::from("tests/fixtures/seeds");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--db" => db = args.next().unwrap_or_default(),
            "--indicators" => target = args.next().and_then(|n| n.parse().ok()).unwrap_or(target),
            "--seeds" => seeds = PathBuf::from(args.next().unwrap_or_default()),
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
    if let Err(e) = rt.block_on(run(&db, target, &seeds)) {
        eprintln!("错误：{e}");
        std::process::exit(1);
    }
}

/// (file name, text, printed department) of every seed.
fn load_seeds(dir: &PathBuf) -> Result<Vec<(String, String, Option<String>)>, String> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}：{e}", dir.display()))?
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(e.path()).map_err(|e| e.to_string())?;
        let Ok(text) = String::from_utf8(bytes.clone()) else {
            continue;
        };
        let reading = jixiao_read::read_bytes(&name, &bytes).map_err(|e| e.to_string())?;
        out.push((name, text, reading.document.department.map(|d| d.value)));
    }
    Ok(out)
}

async fn run(db: &str, target: i64, seeds: &PathBuf) -> Result<(), String> {
    let seeds = load_seeds(seeds)?;
    let store = Store::open(db).await.map_err(|e| e.to_string())?;
    let count = |store: Store| async move {
        store.row_counts().await.map(|c| c.indicators).map_err(|e| e.to_string())
    };
    let started = Instant::now();
    let mut have = count(store.clone()).await?;
    // The departments already there (under the bureau, the tree's first row).
    let first = Slice { offset: 0, limit: 1 };
    let bureau = store.organisations(&ListFilter::default(), first).await.map_err(|e| e.to_string())?.items[0].id;
    let under_bureau = ListFilter { parent: Some(bureau), ..ListFilter::default() };
    let mut k = store.organisations(&under_bureau, first).await.map_err(|e| e.to_string())?.total as usize;
    while have < target {
        // Several departments at once, each one's documents in order: concurrent imports
        // that would create the same department or year at once collide on PostgreSQL, so
        // the first department runs alone (it creates the years).
        let batch = if k == 0 { 1 } else { 4 };
        let mut tasks = Vec::new();
        for d in k..k + batch {
            let dept = department(d);
            let docs: Vec<(String, String)> = seeds
                .iter()
                .map(|(name, text, printed)| {
                    let text = match printed {
                        Some(p) => text.replace(p.as_str(), &dept),
                        None => format!("{dept}\n{text}"),
                    };
                    (format!("{d:05}_{name}"), text)
                })
                .collect();
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                for (file, text) in docs {
                    jixiao_import::import_document(
                        &store,
                        &file,
                        text.as_bytes(),
                        &Default::default(),
                    )
                    .await
                    .map_err(|e| e.to_string())?;
                }
                Ok::<(), String>(())
            }));
        }
        for t in tasks {
            t.await.map_err(|e| e.to_string())??;
        }
        k += batch;
        if k % 100 == 1 {
            have = count(store.clone()).await?;
            eprintln!(
                "{k} 个部门，{have} 条指标，用时 {:.0} 秒",
                started.elapsed().as_secs_f64()
            );
        }
    }
    have = count(store.clone()).await?;
    store.approve_all_drafts().await.map_err(|e| e.to_string())?;
    println!(
        "完成：{k} 个部门，{have} 条指标，用时 {:.0} 秒；全部项目已批准（公开）。",
        started.elapsed().as_secs_f64()
    );
    store.close().await;
    Ok(())
}
