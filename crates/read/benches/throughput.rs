//! Extraction throughput and memory, on one core, one document at a time:
//!
//! - **seeds repeated**: ≥ 50 MB made by writing the five seed documents again and again as
//!   many files. The reader keeps no state across documents (its class cache is cleared per
//!   document), so the repeats are read as cold as new files; but five layouts are few.
//! - **corpus**: the development corpus (`tests/fixtures/corpus/*.txt`), 65 distinct real
//!   documents of many layouts, each read once per pass. The honest figure for real inputs.
//! - **line scan**: the same files read and their lines counted with `memchr`: the ceiling
//!   that reading from disk and touching every byte once sets.
//!
//! `cargo bench -p jixiao-read --bench throughput` prints MB/s (wall and per CPU-second) and
//! peak resident memory (VmHWM). Targets: ≥ 100 MB/s per core, peak < 64 MiB.

// The allocator the `jixiao` binary uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::time::Instant;

const TARGET_BYTES: usize = 50 * 1024 * 1024;
/// Corpus passes per timed round: one pass is under a megabyte.
const CORPUS_PASSES: usize = 20;
/// Line-scan repeats per timed round.
const SCAN_REPEATS: usize = 10;

fn fixtures(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(dir)
}

fn text_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture directory")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Nanoseconds this thread has run on a CPU (not waiting for one): a figure that other
/// processes on a busy machine disturb far less than wall time.
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Best wall and on-CPU seconds of five runs of `f` (on-CPU falls back to wall).
fn best_of_5(mut f: impl FnMut()) -> (f64, f64) {
    let (mut wall, mut cpu) = (f64::MAX, f64::MAX);
    for _ in 0..5 {
        let (start, cpu_start) = (Instant::now(), cpu_ns());
        f();
        let w = start.elapsed().as_secs_f64();
        wall = wall.min(w);
        cpu = cpu.min(match (cpu_start, cpu_ns()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1e9,
            _ => w,
        });
    }
    (wall, cpu)
}

fn report(what: &str, bytes: usize, (wall, cpu): (f64, f64)) -> f64 {
    let mb = bytes as f64 / 1e6;
    println!(
        "{what}: {:.1} MB/s per CPU-second ({:.3} s on CPU), {:.1} MB/s wall ({:.3} s), best of 5",
        mb / cpu,
        cpu,
        mb / wall,
        wall
    );
    mb / cpu
}

/// Indicator rows read from one file (0 when the document is refused).
fn read_rows(path: &Path) -> usize {
    match jixiao_read::read_path(path) {
        Ok(r) => {
            r.document
                .projects
                .iter()
                .map(|p| p.indicators.len())
                .sum::<usize>()
                + r.document.department_indicators.len()
        }
        Err(_) => 0,
    }
}

/// The ceiling: each file read and its lines counted, nothing else.
fn line_scan(files: &[PathBuf]) -> usize {
    let mut lines = 0;
    for f in files {
        let bytes = std::fs::read(f).expect("file reads");
        lines += memchr::memchr_iter(b'\n', &bytes).count() + usize::from(!bytes.is_empty());
    }
    std::hint::black_box(lines)
}

fn main() {
    let seeds: Vec<(String, Vec<u8>)> = text_files(&fixtures("seeds"))
        .iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(p).unwrap(),
            )
        })
        .collect();
    let dir = std::env::temp_dir().join(format!("jixiao-bench-corpus-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    let mut total = 0usize;
    while total < TARGET_BYTES {
        for (name, bytes) in &seeds {
            let path = dir.join(format!("{:05}-{name}", files.len()));
            std::fs::write(&path, bytes).unwrap();
            total += bytes.len();
            files.push(path);
        }
    }
    // Per layout: which seed is slow per byte.
    println!("per seed, in memory (one document's data stays hot in the caches):");
    for (name, bytes) in &seeds {
        let rounds = 200;
        let (start, cpu_start) = (Instant::now(), cpu_ns());
        for _ in 0..rounds {
            jixiao_read::read_bytes(name, bytes).expect("seed reads");
        }
        let secs = start.elapsed().as_secs_f64();
        let cpu = match (cpu_start, cpu_ns()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1e9,
            _ => secs,
        };
        let mb = (bytes.len() * rounds) as f64 / 1e6;
        println!(
            "  {name}: {:.1} MB/s per CPU-second, {:.1} MB/s wall",
            mb / cpu,
            mb / secs
        );
    }
    drop(seeds);
    let corpus = text_files(&fixtures("corpus"));
    let corpus_bytes: usize = corpus
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len() as usize)
        .sum();
    let before = peak_rss_kib();
    // Warm the page cache so the figures are the reader's, not the disk's.
    for f in files.iter().chain(&corpus) {
        let _ = std::fs::read(f);
    }

    println!(
        "\nseeds repeated: {} files, {:.1} MB; corpus: {} distinct documents, {:.2} MB × {} passes",
        files.len(),
        total as f64 / 1e6,
        corpus.len(),
        corpus_bytes as f64 / 1e6,
        CORPUS_PASSES
    );
    let mut rows = 0;
    let seeds_time = best_of_5(|| rows = files.iter().map(|f| read_rows(f)).sum());
    let seeds_rate = report("extraction, seeds repeated", total, seeds_time);
    println!("  {rows} indicator rows per pass");
    let mut corpus_rows = 0;
    let corpus_time = best_of_5(|| {
        for _ in 0..CORPUS_PASSES {
            corpus_rows = corpus.iter().map(|f| read_rows(f)).sum();
        }
    });
    let corpus_rate = report(
        "extraction, corpus (distinct)",
        corpus_bytes * CORPUS_PASSES,
        corpus_time,
    );
    println!("  {corpus_rows} indicator rows per pass");
    // The scans are fast: repeated so that each timed run lasts long enough to measure.
    let scan_seeds = report(
        "line scan, seeds repeated (ceiling)",
        total * SCAN_REPEATS,
        best_of_5(|| {
            for _ in 0..SCAN_REPEATS {
                line_scan(&files);
            }
        }),
    );
    let scan_corpus = report(
        "line scan, corpus (ceiling)",
        corpus_bytes * CORPUS_PASSES * SCAN_REPEATS,
        best_of_5(|| {
            for _ in 0..CORPUS_PASSES * SCAN_REPEATS {
                line_scan(&corpus);
            }
        }),
    );
    println!(
        "extraction / line scan: seeds repeated {:.1}%, corpus {:.1}%",
        100.0 * seeds_rate / scan_seeds,
        100.0 * corpus_rate / scan_corpus
    );
    match (before, peak_rss_kib()) {
        (Some(b), Some(a)) => println!(
            "peak resident memory: {:.1} MiB (before reading the files: {:.1} MiB)",
            a as f64 / 1024.0,
            b as f64 / 1024.0
        ),
        _ => println!("peak resident memory: unavailable (no /proc)"),
    }
    std::fs::remove_dir_all(&dir).ok();
}
