//! Shared by the office end-to-end tests: the seed documents and goldens, an HTML rendering
//! of a seed's tables, LibreOffice conversions, and scoring (`tests/integration/score.rs`:
//! projects by name, rows exact on six fields).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao_read::layout::Block;
use serde_json::Value;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// (name, seed text bytes, golden record), sorted by name.
pub fn seeds() -> Vec<(String, Vec<u8>, Value)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(fixtures().join("goldens")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let golden: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let text = std::fs::read(fixtures().join("seeds").join(format!("{name}.txt"))).unwrap();
        out.push((name, text, golden));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A web page of a seed's blocks: paragraphs as `<p>`, tables as bordered `<table>`s with
/// one `<td>` per cell, a cell's lines as `<br>`-separated lines. Tables are grids, as the
/// Word tables the seeds were dumped from: a row's last cell spans to the table's width. HTML printed inside a
/// seed's cells (the 公开表) stays text, escaped, as the seed has it.
pub fn html_of(blocks: &[Block]) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>seed</title></head><body>\n",
    );
    for b in blocks {
        match b {
            Block::Paragraph { text, .. } => out.push_str(&format!("<p>{}</p>\n", escape(text))),
            Block::Table(t) => {
                out.push_str("<table border=\"1\" cellspacing=\"0\" cellpadding=\"2\">\n");
                let width = t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(1);
                for r in &t.rows {
                    out.push_str("<tr>");
                    for (i, c) in r.cells.iter().enumerate() {
                        let lines: Vec<String> = c.text.split('\n').map(escape).collect();
                        let span = if i + 1 == r.cells.len() { width - i } else { 1 };
                        let colspan = if span > 1 {
                            format!(" colspan=\"{span}\"")
                        } else {
                            String::new()
                        };
                        out.push_str(&format!("<td{colspan}>{}</td>", lines.join("<br>")));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
            }
        }
    }
    out.push_str("</body></html>\n");
    out
}

/// `soffice`, or a failure that says how to get it.
pub fn soffice() -> PathBuf {
    for dir in std::env::var("PATH").unwrap_or_default().split(':') {
        let p = Path::new(dir).join("soffice");
        if p.is_file() {
            return p;
        }
    }
    panic!("未找到 LibreOffice（soffice）：请先运行 scripts/install-test-deps.sh");
}

/// A fresh temporary directory for one test.
pub fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-office-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Converts files with LibreOffice headless into `out_dir`, with a private profile so that
/// concurrent runs do not share one. `filter` is e.g. `docx:MS Word 2007 XML`.
pub fn convert(files: &[PathBuf], filter: &str, infilter: Option<&str>, out_dir: &Path) {
    let profile = out_dir.join("lo-profile");
    let mut cmd = Command::new(soffice());
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .arg("--headless")
    .arg("--norestore");
    if let Some(f) = infilter {
        cmd.arg(format!("--infilter={f}"));
    }
    cmd.arg("--convert-to")
        .arg(filter)
        .arg("--outdir")
        .arg(out_dir);
    cmd.args(files);
    let out = cmd.output().expect("runs soffice");
    assert!(
        out.status.success(),
        "soffice {filter}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Scoring as `tests/integration` scores: one file for both.
#[path = "../../../../tests/integration/score.rs"]
mod score;
#[allow(unused_imports)] // not every test binary scores
pub use score::{norm, Score};

/// The extraction record of a document, as JSON.
pub fn record(doc: &jixiao_model::Document) -> Value {
    serde_json::to_value(jixiao_model::record::ExtractionRecord::from(doc)).unwrap()
}
