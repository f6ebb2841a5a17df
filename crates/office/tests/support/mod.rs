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

/// The CJK fonts a PDF producer may have: each conversion gets a private fontconfig
/// configuration (`FONTCONFIG_FILE`) that lists only these fonts, whatever the machine has
/// installed, and prefers them for the generic families.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontSet {
    /// Noto Sans/Serif CJK (fonts-noto-cjk) and DejaVu for Latin text.
    NotoCjk,
    /// Noto CJK and WenQuanYi Zen Hei (fonts-wqy-zenhei), the latter preferred for every
    /// generic family, and no Latin-only font: what a producer does not take from its own
    /// list of fonts (LibreOffice prints CJK text in Noto Serif CJK when it is there) is
    /// printed in WenQuanYi Zen Hei, Latin letters and digits included.
    NotoCjkWenQuanYi,
}

/// The files of the installed fonts whose family name contains `family`
/// (`fc-list` with the machine's configuration).
fn font_files(family: &str) -> Vec<PathBuf> {
    let out = Command::new("fc-list")
        .args(["-f", "%{file}|%{family}\n"])
        .env_remove("FONTCONFIG_FILE")
        .output()
        .expect("未找到 fc-list：请先运行 scripts/install-test-deps.sh");
    let mut files: Vec<PathBuf> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once('|'))
        .filter(|(_, fam)| fam.contains(family))
        .map(|(file, _)| PathBuf::from(file))
        .collect();
    files.sort();
    files.dedup();
    files
}

/// Writes `dir/fonts.conf`, a fontconfig configuration that sees only the font files of
/// `set` (their directories, every other file in them rejected), with its own cache and its
/// own preferences for the generic families, and returns its path. (Symbolic links to the
/// files would be simpler, but LibreOffice skips fonts reached through them.)
pub fn font_config(dir: &Path, set: FontSet) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let wanted = match set {
        FontSet::NotoCjk => [
            ("Noto Sans CJK", true),
            ("Noto Serif CJK", true),
            ("DejaVu", false),
        ],
        FontSet::NotoCjkWenQuanYi => [
            ("Noto Sans CJK", true),
            ("Noto Serif CJK", true),
            ("WenQuanYi Zen Hei", true),
        ],
    };
    let mut files = Vec::new();
    for (family, required) in wanted {
        let found = font_files(family);
        assert!(
            !found.is_empty() || !required,
            "未找到字体 {family}：请先运行 scripts/install-test-deps.sh"
        );
        files.extend(found);
    }
    let mut dirs: Vec<&Path> = files.iter().filter_map(|f| f.parent()).collect();
    dirs.sort();
    dirs.dedup();
    let xml = |s: &str| escape(s).replace('*', "\\*");
    let mut conf = String::from(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n",
    );
    for d in &dirs {
        conf.push_str(&format!("  <dir>{}</dir>\n", xml(&d.to_string_lossy())));
    }
    conf.push_str(&format!(
        "  <cachedir>{}</cachedir>\n  <selectfont>\n    <acceptfont>\n",
        xml(&dir.join("cache").to_string_lossy())
    ));
    for f in &files {
        conf.push_str(&format!(
            "      <glob>{}</glob>\n",
            xml(&f.to_string_lossy())
        ));
    }
    conf.push_str(
        "    </acceptfont>\n    <rejectfont><glob>*</glob></rejectfont>\n  </selectfont>\n",
    );
    // A pattern naming no generic family gets sans-serif (as fontconfig's 49-sansserif.conf
    // does), so that the preferences below apply to every request.
    conf.push_str(
        "  <match target=\"pattern\">\n    <test qual=\"all\" name=\"family\" compare=\"not_eq\"><string>sans-serif</string></test>\n    <test qual=\"all\" name=\"family\" compare=\"not_eq\"><string>serif</string></test>\n    <test qual=\"all\" name=\"family\" compare=\"not_eq\"><string>monospace</string></test>\n    <edit name=\"family\" mode=\"append_last\"><string>sans-serif</string></edit>\n  </match>\n",
    );
    let first = match set {
        FontSet::NotoCjk => "",
        FontSet::NotoCjkWenQuanYi => "<family>WenQuanYi Zen Hei</family>",
    };
    for (generic, latin, cjk) in [
        ("serif", "DejaVu Serif", "Noto Serif CJK SC"),
        ("sans-serif", "DejaVu Sans", "Noto Sans CJK SC"),
        ("monospace", "DejaVu Sans Mono", "Noto Sans Mono CJK SC"),
    ] {
        conf.push_str(&format!(
            "  <alias><family>{generic}</family><prefer>{first}<family>{latin}</family><family>{cjk}</family></prefer></alias>\n"
        ));
    }
    conf.push_str("</fontconfig>\n");
    let path = dir.join("fonts.conf");
    std::fs::write(&path, conf).unwrap();
    path
}

/// Like [`convert`], with the fonts of `fonts.conf` (from [`font_config`]) only.
pub fn convert_with_fonts(files: &[PathBuf], filter: &str, out_dir: &Path, fonts_conf: &Path) {
    let profile = out_dir.join("lo-profile");
    let out = Command::new(soffice())
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            filter,
            "--outdir",
        ])
        .arg(out_dir)
        .args(files)
        .env("FONTCONFIG_FILE", fonts_conf)
        .output()
        .expect("runs soffice");
    assert!(
        out.status.success(),
        "soffice {filter}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `chromium`, or a failure that says how to get it.
pub fn chromium() -> PathBuf {
    for dir in std::env::var("PATH").unwrap_or_default().split(':') {
        for name in ["chromium", "chromium-browser"] {
            let p = Path::new(dir).join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!("未找到 Chromium：请先运行 scripts/install-test-deps.sh");
}

/// Prints each page to `out_dir/NAME.pdf` with headless Chromium (its default page header
/// and footer: date, title, address, page numbers), with the fonts of `fonts_conf` only.
pub fn chromium_pdfs(files: &[PathBuf], out_dir: &Path, fonts_conf: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(out_dir).unwrap();
    let profile = out_dir.join("chromium-profile");
    files
        .iter()
        .map(|f| {
            let pdf = out_dir.join(f.with_extension("pdf").file_name().unwrap());
            let out = Command::new(chromium())
                .args(["--headless", "--no-sandbox", "--disable-gpu"])
                .arg(format!("--user-data-dir={}", profile.display()))
                .arg(format!("--print-to-pdf={}", pdf.display()))
                .arg(f)
                .env("FONTCONFIG_FILE", fonts_conf)
                .output()
                .expect("runs chromium");
            assert!(
                out.status.success() && pdf.is_file(),
                "chromium --print-to-pdf {}: {}",
                f.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            pdf
        })
        .collect()
}
