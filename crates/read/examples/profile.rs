//! Reads documents over and over in one process: a target for profilers
//! (`perf record target/release/examples/profile [ROUNDS] [DIR]`). DIR defaults to the seeds;
//! `tests/fixtures/corpus` profiles the development corpus.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rounds: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(50);
    let dir = args.get(2).map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds"),
        std::path::PathBuf::from,
    );
    let docs: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("a directory of documents")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).expect("document"),
            )
        })
        .collect();
    let mut rows = 0;
    for _ in 0..rounds {
        for (name, bytes) in &docs {
            if let Ok(r) = jixiao_read::read_bytes(name, bytes) {
                rows += r
                    .document
                    .projects
                    .iter()
                    .map(|p| p.indicators.len())
                    .sum::<usize>();
            }
        }
    }
    println!("{rows}");
}
