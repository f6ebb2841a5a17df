//! Bulk-import benchmark: a province's archive of target documents into an empty database,
//! on SQLite and on PostgreSQL, through the pipeline `jixiao import` runs ([`import_paths`]:
//! read → review → one transaction per document). Not a test: it prints the time and the
//! projects per second. Figures and how to read them: `bench/README.md`.
//!
//! The documents are the seed documents again and again, for as many synthetic departments as
//! it takes to reach `--projects` (default 100,000): each department's five documents with the
//! printed department name changed, written to a directory first (as an archive would be).
//!
//! ```sh
//! cargo run -p jixiao-import --example bulk_import -- [--projects N] [--jobs N]
//!     [--backend sqlite|postgres|both] [--pg URL] [--dir DIR] [--read-only] [--split] [--unreviewed]
//! ```
//!
//! `--pg` is a PostgreSQL server's URL with a database to connect to (default
//! `postgres://postgres@127.0.0.1:5432/test`, or `JIXIAO_TEST_PG_URL`); the benchmark creates
//! its own database `jixiao_bulk_import` there. `--read-only` also times reading and reviewing
//! alone (no database), to tell the CPU work from the storing; `--split` reads the documents
//! in batches first and then stores each batch one document after another, timing the two
//! apart (instead of the pipeline, where they overlap). Every figure comes with the CPU
//! seconds this process used (not PostgreSQL's server): on a shared machine they move less
//! than the wall time. The store is opened as `jixiao import` opens it, with the reviewer that
//! pairs a 自评表 with its target table (`jixiao_import::reviewing`); `--unreviewed` leaves it
//! out.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use jixiao_import::{import_paths, ImportOptions, ReadDocument};
use jixiao_store::Store;

// `jixiao import`'s allocator (src/main.rs), so that the benchmark times what the command runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

struct Seed {
    name: String,
    text: String,
    department: Option<String>,
    projects: usize,
    indicators: usize,
}

fn seeds(dir: &Path) -> Vec<Seed> {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("种子目录").flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    entries
        .into_iter()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let text = String::from_utf8(std::fs::read(e.path()).ok()?).ok()?;
            let read = ReadDocument::read(&name, text.clone().into_bytes()).ok()?;
            let doc = &read.reading.document;
            Some(Seed {
                department: read.department().map(str::to_string),
                projects: doc.projects.len(),
                indicators: doc.projects.iter().map(|p| p.indicators.len()).sum::<usize>()
                    + doc.department_indicators.len(),
                name,
                text,
            })
        })
        .collect()
}

/// Writes departments' documents into `dir` until they hold `projects` projects; returns
/// (documents, projects, indicators).
fn generate(dir: &Path, seeds: &[Seed], projects: usize) -> (usize, usize, usize) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("文档目录");
    let (mut docs, mut have, mut indicators) = (0, 0, 0);
    let mut k = 0;
    while have < projects {
        let dept = department(k);
        for s in seeds {
            let text = match &s.department {
                Some(p) => s.text.replace(p.as_str(), &dept),
                None => format!("{dept}\n{}", s.text),
            };
            std::fs::write(dir.join(format!("{k:05}_{}", s.name)), text).expect("写入文档");
            docs += 1;
            have += s.projects;
            indicators += s.indicators;
        }
        k += 1;
    }
    (docs, have, indicators)
}

#[path = "../../../bench/cpu_secs.rs"]
mod cpu;
use cpu::cpu_secs;

fn thousands(n: f64) -> String {
    let s = format!("{:.0}", n);
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Reads and reviews every file, `jobs` at a time, storing nothing.
async fn read_only(dir: &Path, jobs: usize) -> f64 {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    files.sort();
    let started = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let files = Arc::new(files);
    let mut tasks = Vec::new();
    for _ in 0..jobs {
        let (next, files) = (next.clone(), files.clone());
        tasks.push(tokio::task::spawn_blocking(move || loop {
            let i = next.fetch_add(1, Ordering::SeqCst);
            let Some(f) = files.get(i) else { break };
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            ReadDocument::read(&name, std::fs::read(f).unwrap()).expect("种子文档应能读取");
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    started.elapsed().as_secs_f64()
}

/// Reads batches of documents first (`jobs` at a time), then stores each batch alone, one
/// document after another: the time spent storing, without the reading beside it.
async fn store_only(label: &str, store: Store, dir: &Path, jobs: usize) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    files.sort();
    let (mut reading, mut storing) = (0.0, 0.0);
    let (mut reading_cpu, mut storing_cpu) = (0.0, 0.0);
    for batch in files.chunks(256) {
        let started = Instant::now();
        let cpu = cpu_secs();
        let mut tasks = Vec::new();
        for part in batch.chunks(batch.len().div_ceil(jobs)) {
            let part = part.to_vec();
            tasks.push(tokio::task::spawn_blocking(move || {
                part.iter()
                    .map(|f| {
                        let name = f.file_name().unwrap().to_string_lossy().into_owned();
                        ReadDocument::read(&name, std::fs::read(f).unwrap()).expect("种子文档应能读取")
                    })
                    .collect::<Vec<_>>()
            }));
        }
        let mut docs = Vec::new();
        for t in tasks {
            docs.extend(t.await.unwrap());
        }
        reading += started.elapsed().as_secs_f64();
        reading_cpu += cpu_secs() - cpu;
        let started = Instant::now();
        let cpu = cpu_secs();
        for doc in &docs {
            jixiao_import::import_read(&store, doc, &ImportOptions::default()).await.expect("保存");
        }
        storing += started.elapsed().as_secs_f64();
        storing_cpu += cpu_secs() - cpu;
    }
    let counts = store.row_counts().await.expect("计数");
    println!(
        "{label}，分开计时：读取与审核 {reading:.1} 秒（CPU {reading_cpu:.1} 秒），逐份写入 {storing:.1} 秒（本进程 CPU {storing_cpu:.1} 秒；写入 {} 个项目/秒，{} 条指标/秒）",
        thousands(counts.projects as f64 / storing),
        thousands(counts.indicators as f64 / storing),
    );
    store.close().await;
}

async fn run(label: &str, store: Store, dir: &Path, jobs: usize) {
    let total = std::fs::read_dir(dir).unwrap().count();
    let started = Instant::now();
    let cpu = cpu_secs();
    let name = label.to_string();
    let summary = import_paths(&store, &[dir.to_path_buf()], jobs, &ImportOptions::default(), move |done, _, _| {
        if done % 1000 == 0 || done == total {
            eprintln!("  {name}：{done}/{total} 份，{:.1} 秒", started.elapsed().as_secs_f64());
        }
    })
    .await;
    let secs = started.elapsed().as_secs_f64();
    let cpu = cpu_secs() - cpu;
    if let Some((file, why)) = summary.failed.first() {
        panic!("{label}：{} 份失败，例如 {file}：{why}", summary.failed.len());
    }
    let counts = store.row_counts().await.expect("计数");
    println!(
        "{label}：{} 份文档，{} 个项目，{} 条指标，{} 条审核发现，用时 {secs:.1} 秒（本进程 CPU {cpu:.1} 秒），{} 个项目/秒（{} 条指标/秒）",
        thousands(counts.documents as f64),
        thousands(counts.projects as f64),
        thousands(counts.indicators as f64),
        thousands(counts.findings as f64),
        thousands(counts.projects as f64 / secs),
        thousands(counts.indicators as f64 / secs),
    );
    store.close().await;
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut projects = 100_000usize;
    let mut jobs = 4usize;
    let mut backend = String::from("both");
    let mut pg = std::env::var("JIXIAO_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let mut dir = root.join("target/bulk-import");
    let mut also_read_only = false;
    let mut split = false;
    let mut unreviewed = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match a.as_str() {
            "--projects" => projects = value().parse().expect("--projects 应为整数"),
            "--jobs" => jobs = value().parse().expect("--jobs 应为整数"),
            "--backend" => backend = value(),
            "--pg" => pg = value(),
            "--dir" => dir = PathBuf::from(value()),
            "--read-only" => also_read_only = true,
            "--split" => split = true,
            "--unreviewed" => unreviewed = true,
            other => {
                eprintln!("未知参数：{other}");
                std::process::exit(2);
            }
        }
    }
    // The store as `jixiao import` opens it (`jixiao_import::reviewing`: a stored 自评表 is
    // paired with the target tables imported after it); `--unreviewed`: without the reviewer,
    // as before, to tell the pairing's cost apart.
    let open = |store: Store| if unreviewed { store } else { jixiao_import::reviewing(store) };
    let seeds = seeds(&root.join("tests/fixtures/seeds"));
    let docs_dir = dir.join("documents");
    let (docs, have, indicators) = generate(&docs_dir, &seeds, projects);
    println!(
        "文档：{} 份（{} 个项目，{} 条指标），{} 个同时导入，{}",
        thousands(docs as f64),
        thousands(have as f64),
        thousands(indicators as f64),
        jobs,
        if cfg!(debug_assertions) { "debug 构建" } else { "release 构建" }
    );
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio");
    rt.block_on(async {
        if also_read_only {
            let secs = read_only(&docs_dir, jobs).await;
            println!("只读取和审核（不写数据库）：用时 {secs:.1} 秒，{} 个项目/秒", thousands(have as f64 / secs));
        }
        if backend == "sqlite" || backend == "both" {
            let store = open(jixiao_store::testing::fresh_sqlite(&dir.join("bulk.db")).await.expect("SQLite"));
            if split {
                store_only("SQLite", store, &docs_dir, jobs).await;
            } else {
                run("SQLite", store, &docs_dir, jobs).await;
            }
        }
        if backend == "postgres" || backend == "both" {
            let store = open(jixiao_store::testing::fresh_postgres(&pg, "jixiao_bulk_import").await.expect("PostgreSQL"));
            if split {
                store_only("PostgreSQL", store, &docs_dir, jobs).await;
            } else {
                run("PostgreSQL", store, &docs_dir, jobs).await;
            }
        }
    });
}
