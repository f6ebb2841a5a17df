//! Extraction throughput and memory on a corpus of ≥ 50 MB made by repeating the seeds,
//! written as many files and read one document at a time on one core.
//!
//! `cargo bench -p jixiao-read --bench throughput` prints MB/s and peak resident memory
//! (VmHWM). Targets: ≥ 100 MB/s, peak < 64 MiB.

// The allocator the `jixiao` binary uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::time::Instant;

const TARGET_BYTES: usize = 50 * 1024 * 1024;

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds")
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

fn main() {
    let seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(seeds_dir())
        .expect("seed fixtures")
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
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
            "  {name} (in memory): {:.1} MB/s wall, {:.1} MB/s per CPU-second",
            mb / secs,
            mb / cpu
        );
    }
    drop(seeds);
    let before = peak_rss_kib();
    // Warm the page cache so the figure is the reader's, not the disk's.
    for f in &files {
        let _ = std::fs::metadata(f);
    }
    let (mut best, mut best_cpu) = (f64::MAX, f64::MAX);
    let mut rows = 0usize;
    for _ in 0..5 {
        let (start, cpu_start) = (Instant::now(), cpu_ns());
        rows = 0;
        for f in &files {
            let reading = jixiao_read::read_path(f).expect("seed copies read");
            rows += reading
                .document
                .projects
                .iter()
                .map(|p| p.indicators.len())
                .sum::<usize>();
        }
        best = best.min(start.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu_start, cpu_ns()) {
            best_cpu = best_cpu.min((b - a) as f64 / 1e9);
        }
    }
    let mb = total as f64 / 1_000_000.0;
    println!(
        "corpus: {} files, {:.1} MB, {} indicator rows per pass",
        files.len(),
        mb,
        rows
    );
    println!(
        "extraction: {:.3} s wall best of 5, {:.1} MB/s on one core",
        best,
        mb / best
    );
    if best_cpu < f64::MAX {
        println!(
            "extraction: {:.3} s on-CPU best of 5, {:.1} MB/s per CPU-second",
            best_cpu,
            mb / best_cpu
        );
    }
    match (before, peak_rss_kib()) {
        (Some(b), Some(a)) => println!(
            "peak resident memory: {:.1} MiB (before reading: {:.1} MiB)",
            a as f64 / 1024.0,
            b as f64 / 1024.0
        ),
        _ => println!("peak resident memory: unavailable (no /proc)"),
    }
    std::fs::remove_dir_all(&dir).ok();
}
