//! ARCHITECTURE.md's invariants on the crate graph that a manifest shows: assess and
//! disclosure compute and lay out tables (`jixiao_model::table`) but write no files and have
//! no file-format dependency; `jixiao-office` writes the formats.

use std::path::PathBuf;

fn manifest(krate: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crates").join(krate).join("Cargo.toml");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The names of a manifest's dependencies of every kind (normal, dev, build).
fn dependencies(krate: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_deps = false;
    for line in manifest(krate).lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_deps = line.ends_with("dependencies]");
            continue;
        }
        if in_deps && !line.starts_with('#') {
            if let Some((name, _)) = line.split_once('=') {
                out.push(name.trim().trim_end_matches(".workspace").to_string());
            }
        }
    }
    out
}

fn sources(krate: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<(PathBuf, String)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push((p.clone(), std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crates").join(krate).join("src"), &mut out);
    out
}

#[test]
fn assess_and_disclosure_write_no_files() {
    for krate in ["assess", "disclosure"] {
        let deps = dependencies(krate);
        assert!(deps.iter().any(|d| d == "jixiao-model"), "{krate}: {deps:?}");
        for format in ["rust_xlsxwriter", "calamine", "zip", "quick-xml", "lopdf", "jixiao-office"] {
            assert!(!deps.iter().any(|d| d == format), "{krate} may not depend on {format} (ARCHITECTURE.md)");
        }
        for (path, text) in sources(krate) {
            // Code, not the doc comments' examples of a caller.
            for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
                for io in ["std::fs", "File::create", "fs::write"] {
                    assert!(!line.contains(io), "{} uses {io}: {krate} does no IO", path.display());
                }
            }
        }
    }
    // The formats are written by office, which is where the two crates' tables are drawn.
    let office = dependencies("office");
    assert!(office.iter().any(|d| d == "rust_xlsxwriter"), "{office:?}");
}
