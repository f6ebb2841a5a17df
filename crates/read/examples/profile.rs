//! Reads the seed documents over and over in one process: a target for profilers
//! (`perf record target/release/examples/profile`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
    let docs: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("seeds")
        .map(|e| {
            let p = e.expect("entry").path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).expect("seed"),
            )
        })
        .collect();
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
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
