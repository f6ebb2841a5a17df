//! PDFs of the seeds' tables from more than one producer and font set, read back. The seeds'
//! tables are rendered as HTML (`support::html_of`) and printed to PDF by:
//!
//! - LibreOffice (writer_web_pdf_Export) seeing Noto CJK only;
//! - LibreOffice seeing Noto CJK and WenQuanYi Zen Hei, the latter preferred;
//! - Chromium's headless print-to-PDF (its default page header and footer on every page),
//!   seeing Noto CJK only.
//!
//! Each producer's fonts are picked by a private fontconfig configuration
//! (`support::font_config`), so both font situations are tested on one machine whatever it
//! has installed (scripts/install-test-deps.sh installs both fonts). Each producer converts
//! the five seeds once; extraction F1 on the goldens, rows and projects, must be within 0.005
//! of reading the seeds' text.

mod support;

use std::path::PathBuf;

use support::{
    chromium_pdfs, convert_with_fonts, font_config, html_of, norm, record, seeds, temp_dir,
    FontSet, Score,
};

#[derive(Debug, Clone)]
enum Producer {
    LibreOffice(FontSet),
    Chromium(FontSet),
    /// PDFs of the seeds made elsewhere, `NAME.pdf` in a directory.
    Given(PathBuf),
}

/// The seeds as HTML pages in `dir`, and the score of reading the seeds' text.
fn pages(dir: &std::path::Path) -> (Vec<PathBuf>, Score) {
    let mut text_score = Score::default();
    let mut html_files = Vec::new();
    for (name, text, golden) in seeds() {
        let reading = jixiao_carriers::read_bytes(&format!("{name}.txt"), &text).unwrap();
        text_score.add(&golden, &record(&reading.document));
        let (blocks, _) = jixiao_read::text_blocks(&name, &text).unwrap();
        let path = dir.join(format!("{name}.html"));
        std::fs::write(&path, html_of(&blocks)).unwrap();
        html_files.push(path);
    }
    (html_files, text_score)
}

fn reads_as_well_as_text(tag: &str, producer: Producer) {
    let dir = temp_dir(tag);
    let (html_files, text_score) = pages(&dir);
    let out = dir.join("out");
    let started = std::time::Instant::now();
    let pdfs: Vec<PathBuf> = match &producer {
        Producer::LibreOffice(set) => {
            let conf = font_config(&dir.join("fontconfig"), *set);
            convert_with_fonts(&html_files, "pdf:writer_web_pdf_Export", &out, &conf);
            html_files
                .iter()
                .map(|p| out.join(p.with_extension("pdf").file_name().unwrap()))
                .collect()
        }
        Producer::Chromium(set) => {
            let conf = font_config(&dir.join("fontconfig"), *set);
            chromium_pdfs(&html_files, &out, &conf)
        }
        Producer::Given(from) => html_files
            .iter()
            .map(|p| from.join(p.with_extension("pdf").file_name().unwrap()))
            .collect(),
    };
    let converted = started.elapsed();
    let mut score = Score::default();
    for ((name, _, golden), path) in seeds().iter().zip(&pdfs) {
        match jixiao_carriers::read_file(path) {
            Ok(reading) => {
                let out = record(&reading.document);
                score.add(golden, &out);
                // Projects read that the golden does not have (the score counts them only).
                let names = |v: &serde_json::Value| -> Vec<String> {
                    v["projects"]
                        .as_array()
                        .map(|ps| ps.iter().map(|p| norm(&p["name"]).to_string()).collect())
                        .unwrap_or_default()
                };
                let want = names(golden);
                for extra in names(&out).into_iter().filter(|n| !want.contains(n)) {
                    score
                        .mismatches
                        .push(format!("{name}: project read, not in golden: {extra}"));
                }
            }
            Err(e) => {
                score.add(golden, &serde_json::json!({}));
                score.mismatches.insert(0, format!("{name}: {e}"));
            }
        }
    }
    let (f1, text_f1) = (score.row_f1(), text_score.row_f1());
    let (pf1, text_pf1) = (score.project_f1(), text_score.project_f1());
    eprintln!(
        "{producer:?}: F1 {f1:.4} (text {text_f1:.4}), projects {pf1:.4} (text {text_pf1:.4}); \
         converted in {:.1}s; files in {}",
        converted.as_secs_f32(),
        out.display()
    );
    assert!(
        f1 >= text_f1 - 0.005 && pf1 >= text_pf1 - 0.005,
        "{producer:?}: F1 {f1:.4} (text {text_f1:.4}), projects {pf1:.4} (text {text_pf1:.4}): {:#?}",
        &score.mismatches[..score.mismatches.len().min(12)]
    );
}

#[test]
fn libreoffice_pdfs_with_noto_cjk_read_as_well_as_text() {
    reads_as_well_as_text("pdf-lo-noto", Producer::LibreOffice(FontSet::NotoCjk));
}

#[test]
fn libreoffice_pdfs_with_wenquanyi_read_as_well_as_text() {
    reads_as_well_as_text(
        "pdf-lo-wqy",
        Producer::LibreOffice(FontSet::NotoCjkWenQuanYi),
    );
}

#[test]
fn chromium_pdfs_read_as_well_as_text() {
    reads_as_well_as_text("pdf-chromium", Producer::Chromium(FontSet::NotoCjk));
}

/// PDFs of the seeds made by another producer or on another machine, scored the same way:
/// `JIXIAO_SEED_PDFS=DIR cargo test -p jixiao-office --test pdf_producers -- --ignored`, with
/// `DIR/NAME.pdf` for each seed `NAME`.
#[test]
#[ignore = "needs JIXIAO_SEED_PDFS"]
fn given_pdfs_read_as_well_as_text() {
    let dir = std::env::var_os("JIXIAO_SEED_PDFS").expect("JIXIAO_SEED_PDFS=目录");
    reads_as_well_as_text("pdf-given", Producer::Given(PathBuf::from(dir)));
}
