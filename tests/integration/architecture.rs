//! ARCHITECTURE.md's "Invariants", checked on what the manifests and sources show: the crate
//! graph (which workspace crates each may depend on), who may speak SQL, serve HTTP or write
//! file formats, and which crates do no file IO.
//!
//! The graph is one table, [`ALLOWED`]; ARCHITECTURE.md states the same. A dependency not in
//! the table fails the test, so a new edge is a decision written down in both places.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Each workspace crate (by package name) and the workspace crates its `[dependencies]` may
/// name: `model ← rules ← {review, assess, disclosure, library}`, `read` beside `rules`,
/// `carriers` (the one way in for reading) over `read` and `disclosure`, `office` (the
/// writers) over `carriers` and `assess`, `store` over `model` alone, `import` and `server`
/// on top, the binary over everything. Tests (`[dev-dependencies]`) may use more.
const ALLOWED: &[(&str, &[&str])] = &[
    ("jixiao-model", &[]),
    ("jixiao-read", &["jixiao-model"]),
    ("jixiao-rules", &["jixiao-model"]),
    ("jixiao-review", &["jixiao-model", "jixiao-rules"]),
    ("jixiao-assess", &["jixiao-model", "jixiao-rules"]),
    ("jixiao-disclosure", &["jixiao-model", "jixiao-read", "jixiao-rules"]),
    ("jixiao-library", &["jixiao-model", "jixiao-rules"]),
    ("jixiao-carriers", &["jixiao-model", "jixiao-read", "jixiao-disclosure"]),
    // (carriers: the layouts it writes and the reader knows — the 申报表 template, the
    // exported workbook's sheets — are defined once, on the reading side.)
    ("jixiao-office", &["jixiao-model", "jixiao-carriers", "jixiao-assess"]),
    ("jixiao-store", &["jixiao-model"]),
    (
        "jixiao-import",
        // (assess: a published self-evaluation's re-scoring is one of the import's rule sets.)
        &[
            "jixiao-model",
            "jixiao-rules",
            "jixiao-review",
            "jixiao-assess",
            "jixiao-disclosure",
            "jixiao-carriers",
            "jixiao-store",
        ],
    ),
    (
        "jixiao-server",
        &[
            "jixiao-model",
            "jixiao-rules",
            "jixiao-review",
            "jixiao-assess",
            "jixiao-disclosure",
            "jixiao-library",
            "jixiao-carriers",
            "jixiao-office",
            "jixiao-store",
            "jixiao-import",
        ],
    ),
    (
        "jixiao",
        &[
            "jixiao-model",
            "jixiao-read",
            "jixiao-rules",
            "jixiao-review",
            "jixiao-assess",
            "jixiao-disclosure",
            "jixiao-library",
            "jixiao-carriers",
            "jixiao-office",
            "jixiao-store",
            "jixiao-import",
            "jixiao-server",
        ],
    ),
];

/// The crates that judge or model documents: pure, they do no IO (no file, database or
/// network) and draw no file format; a caller hands them values and takes values back.
const PURE: &[&str] = &["jixiao-model", "jixiao-rules", "jixiao-review", "jixiao-assess", "jixiao-disclosure", "jixiao-library"];

/// External crates that do IO or write a file format, and the only workspace crates that may
/// depend on them.
const ONLY_IN: &[(&str, &[&str])] = &[
    // SQL: the store is the only crate that speaks it.
    ("sqlx", &["jixiao-store"]),
    // HTTP: the service.
    ("axum", &["jixiao-server"]),
    // HTML through templates with autoescape: the service's pages, the review's report
    // (rules' renderer) and the table model's HTML writer (office). Rendering a string is no IO.
    ("minijinja", &["jixiao-rules", "jixiao-office", "jixiao-server"]),
    ("argon2", &["jixiao-server"]),
    // The formats: carriers read them, office draws them (and reads back its own monitoring
    // template with calamine); the comparisons' CSV is the server's.
    ("rust_xlsxwriter", &["jixiao-office"]),
    ("calamine", &["jixiao-carriers", "jixiao-office"]),
    ("zip", &["jixiao-carriers", "jixiao-office"]),
    ("quick-xml", &["jixiao-carriers"]),
    ("lopdf", &["jixiao-carriers"]),
    ("csv", &["jixiao-office", "jixiao-server"]),
    // The async runtime: who waits on a database or a socket.
    ("tokio", &["jixiao-store", "jixiao-import", "jixiao-server", "jixiao"]),
    // The command line.
    ("clap", &["jixiao"]),
    ("anyhow", &["jixiao"]),
];

/// Of [`ONLY_IN`], the crates that do no IO (a template engine renders a string): a pure crate
/// listed for one may use it.
const NO_IO: &[&str] = &["minijinja"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every package of the workspace: its name, directory and `[dependencies]` (names as the
/// manifest gives them, `package = "…"` renames resolved).
fn packages() -> BTreeMap<String, (PathBuf, Vec<String>)> {
    let mut dirs = vec![root()];
    let mut crates: Vec<PathBuf> = std::fs::read_dir(root().join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("Cargo.toml").is_file())
        .collect();
    crates.sort();
    dirs.extend(crates);
    dirs.into_iter()
        .map(|dir| {
            let path = dir.join("Cargo.toml");
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let manifest: toml::Table = text.parse().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = manifest["package"]["name"].as_str().unwrap().to_string();
            let mut deps = names(manifest.get("dependencies"));
            // Platform-specific dependencies are dependencies too.
            if let Some(targets) = manifest.get("target").and_then(|t| t.as_table()) {
                for t in targets.values() {
                    deps.extend(names(t.get("dependencies")));
                }
            }
            (name, (dir, deps))
        })
        .collect()
}

fn names(table: Option<&toml::Value>) -> Vec<String> {
    let Some(table) = table.and_then(|t| t.as_table()) else {
        return Vec::new();
    };
    table
        .iter()
        .map(|(key, spec)| spec.get("package").and_then(|p| p.as_str()).unwrap_or(key).to_string())
        .collect()
}

/// Where the table's edges and the manifests disagree, one line each.
fn violations(packages: &BTreeMap<String, (PathBuf, Vec<String>)>) -> Vec<String> {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut out = Vec::new();
    for (name, (_, deps)) in packages {
        let Some(may) = allowed.get(name.as_str()) else {
            out.push(format!("{name} is not in ALLOWED: add it (and to ARCHITECTURE.md's Invariants)"));
            continue;
        };
        for d in deps {
            if packages.contains_key(d) && !may.contains(&d.as_str()) {
                out.push(format!("{name} → {d} is not an allowed edge"));
            }
            if let Some((_, only)) = ONLY_IN.iter().find(|(x, _)| x == d) {
                if !only.contains(&name.as_str()) {
                    out.push(format!("{name} → {d}: only {only:?} may depend on {d}"));
                }
            }
        }
        if PURE.contains(&name.as_str()) {
            for d in deps {
                let io = ONLY_IN.iter().any(|(x, _)| x == d) && !NO_IO.contains(&d.as_str());
                if io || ["jixiao-carriers", "jixiao-office", "jixiao-store"].contains(&d.as_str()) {
                    out.push(format!("{name} is pure and may not depend on {d}"));
                }
            }
        }
    }
    for (name, _) in ALLOWED {
        if !packages.contains_key(*name) {
            out.push(format!("ALLOWED names {name}, which is no package of the workspace"));
        }
    }
    out
}

#[test]
fn the_crate_graph_is_the_one_architecture_md_states() {
    let packages = packages();
    assert!(packages.len() >= 12, "{:?}", packages.keys());
    let v = violations(&packages);
    assert!(v.is_empty(), "ARCHITECTURE.md's invariants broken:\n{}", v.join("\n"));
}

#[test]
fn a_forbidden_edge_is_caught() {
    // The check itself: a store that reviews, a server with SQL, a library that draws files.
    let mut packages = packages();
    packages.get_mut("jixiao-store").unwrap().1.push("jixiao-review".into());
    packages.get_mut("jixiao-server").unwrap().1.push("sqlx".into());
    packages.get_mut("jixiao-library").unwrap().1.push("rust_xlsxwriter".into());
    let v = violations(&packages);
    assert_eq!(
        v,
        [
            "jixiao-library → rust_xlsxwriter: only [\"jixiao-office\"] may depend on rust_xlsxwriter",
            "jixiao-library is pure and may not depend on rust_xlsxwriter",
            "jixiao-server → sqlx: only [\"jixiao-store\"] may depend on sqlx",
            "jixiao-store → jixiao-review is not an allowed edge",
        ]
    );
}

fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
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
    walk(&dir.join("src"), &mut out);
    out
}

/// The pure crates open no file in their code (doc comments may show a caller doing so), but
/// the review's configuration loader (`Config::load`), which reads the one file it is given.
#[test]
fn pure_crates_do_no_file_io() {
    let packages = packages();
    for name in PURE {
        for (path, text) in sources(&packages[*name].0) {
            if path.ends_with("review/src/config.rs") {
                continue;
            }
            for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
                for io in ["std::fs", "File::create", "File::open", "fs::write", "fs::read"] {
                    assert!(!line.contains(io), "{} uses {io}: {name} does no IO", path.display());
                }
            }
        }
    }
    // The formats are written by office, which is where assess's and the disclosure's tables
    // are drawn.
    assert!(packages["jixiao-office"].1.iter().any(|d| d == "rust_xlsxwriter"));
}

/// Inside the server, the pages are views over the API's operations: `pages` may call into
/// `api`, never the reverse (and no HTML is built in `api`), so an operation has one home
/// whichever way a user reaches it.
#[test]
fn the_server_api_does_not_import_its_pages() {
    let packages = packages();
    let api = packages["jixiao-server"].0.join("src").join("api");
    let mut seen = 0;
    for (path, text) in sources(&packages["jixiao-server"].0) {
        if !path.starts_with(&api) {
            continue;
        }
        seen += 1;
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            assert!(!line.contains("crate::pages"), "{} imports the pages: {line}", path.display());
        }
    }
    assert!(seen > 10, "the API's sources are where they were ({seen} files)");
}
