//! Office files jixiao did not write: the seeds' tables rendered as HTML, converted by
//! LibreOffice to .docx and .xlsx, read back. Each carrier's extraction F1 on the seed
//! goldens must be within 0.005 of reading the seeds' text. PDFs, from more than one producer
//! and font set, are tested in pdf_producers.rs.

mod support;

use std::path::PathBuf;

use support::{convert, html_of, record, seeds, temp_dir, Score};

/// Scores reading `files[i]` (the i-th seed in another carrier) against the goldens.
fn score_of(files: &[PathBuf]) -> Score {
    let mut score = Score::default();
    for ((name, _, golden), path) in seeds().iter().zip(files) {
        match jixiao_carriers::read_file(path) {
            Ok(reading) => score.add(golden, &record(&reading.document)),
            Err(e) => {
                // Counted as reading nothing: every golden row and project is missed.
                score.add(golden, &serde_json::json!({}));
                score.mismatches.insert(0, format!("{name}: {e}"));
            }
        }
    }
    score
}

/// Converts the seeds with LibreOffice into `ext` once per test and compares the carrier's
/// F1 with the text's.
fn carrier_reads_as_well_as_text(ext: &str) {
    let dir = temp_dir(ext);
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
    let out = dir.join("out");
    let files: Vec<PathBuf> = match ext {
        "html" => html_files.clone(),
        _ => {
            match ext {
                "docx" => convert(&html_files, "docx:MS Word 2007 XML", None, &out),
                "xlsx" => convert(
                    &html_files,
                    "xlsx:Calc Office Open XML",
                    Some("HTML (StarCalc)"),
                    &out,
                ),
                _ => unreachable!("{ext}"),
            }
            html_files
                .iter()
                .map(|p| out.join(p.with_extension(ext).file_name().unwrap()))
                .collect()
        }
    };
    let score = score_of(&files);
    let (f1, text_f1) = (score.row_f1(), text_score.row_f1());
    eprintln!(
        "{ext}: F1 {f1:.4} (text {text_f1:.4}), projects {:.4}",
        score.project_f1()
    );
    assert!(
        f1 >= text_f1 - 0.005 && score.project_f1() >= text_score.project_f1(),
        "{ext}: F1 {f1:.4}, text {text_f1:.4}: {:#?}",
        &score.mismatches[..score.mismatches.len().min(12)]
    );
}

#[test]
fn html_pages_read_as_well_as_text() {
    carrier_reads_as_well_as_text("html");
}

#[test]
fn word_files_read_as_well_as_text() {
    carrier_reads_as_well_as_text("docx");
}

#[test]
fn spreadsheets_read_as_well_as_text() {
    carrier_reads_as_well_as_text("xlsx");
}
