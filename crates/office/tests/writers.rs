//! Writing the official tables and reading them back: the seeds through .xlsx and .docx
//! give back the same documents; LibreOffice opens what jixiao writes (converted to PDF
//! headlessly, pages counted).

mod support;

use serde_json::Value;
use support::{convert, norm, record, seeds, temp_dir};

/// The record without the file name, white space ignored.
fn comparable(doc: &jixiao_model::Document) -> Value {
    let mut r = record(doc);
    r.as_object_mut().unwrap().remove("source");
    norm(&r)
}

#[test]
fn seeds_round_trip_through_xlsx_and_docx() {
    for (name, text, _) in seeds() {
        let doc = jixiao_carriers::read_bytes(&format!("{name}.txt"), &text)
            .unwrap()
            .document;
        let want = comparable(&doc);
        for (ext, bytes) in [
            ("xlsx", jixiao_office::write_xlsx(&doc)),
            ("docx", jixiao_office::write_docx(&doc)),
        ] {
            let back = jixiao_carriers::read_bytes(&format!("{name}.{ext}"), &bytes)
                .unwrap_or_else(|e| panic!("{name}.{ext}: {e}"))
                .document;
            let got = comparable(&back);
            for key in want.as_object().unwrap().keys() {
                assert_eq!(got[key], want[key], "{name}.{ext}: {key}");
            }
            // Typed targets too, not only their printed text.
            let targets = |d: &jixiao_model::Document| -> Vec<jixiao_model::TargetValue> {
                d.projects
                    .iter()
                    .flat_map(|p| &p.indicators)
                    .chain(&d.department_indicators)
                    .filter_map(|i| i.target.as_ref().map(|t| t.value.value.clone()))
                    .collect()
            };
            assert_eq!(targets(&back), targets(&doc), "{name}.{ext}");
        }
    }
}

#[test]
fn flat_rows_as_csv_and_json() {
    let (name, text, _) = &seeds()[0];
    let doc = jixiao_carriers::read_bytes(&format!("{name}.txt"), text)
        .unwrap()
        .document;
    let n: usize = doc.department_indicators.len()
        + doc
            .projects
            .iter()
            .map(|p| p.indicators.len())
            .sum::<usize>();
    let csv = String::from_utf8(jixiao_office::write_csv(&doc)).unwrap();
    assert!(csv.starts_with("\u{feff}部门,年度,预算单位,项目编码,项目名称"));
    // One record per indicator after the header (line breaks inside quoted cells are bare
    // `\n`, records end with CRLF).
    assert_eq!(csv.matches("\r\n").count(), n + 1);
    let json: Value = serde_json::from_slice(&jixiao_office::write_json(&doc)).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), n);
    let first = &doc.projects[0];
    assert_eq!(
        rows[doc.department_indicators.len()]["project"],
        first.name.value.as_str()
    );
    assert_eq!(
        rows[doc.department_indicators.len()]["target"],
        first.indicators[0]
            .target
            .as_ref()
            .unwrap()
            .value
            .printed
            .as_str()
    );
}

/// Pages of a PDF LibreOffice wrote, which jixiao reads back as well.
fn pages(pdf: &std::path::Path) -> usize {
    let bytes = std::fs::read(pdf).unwrap();
    let blocks = jixiao_carriers::blocks("x.pdf", &bytes);
    assert!(blocks.is_ok(), "{}: {:?}", pdf.display(), blocks.err());
    lopdf::Document::load_mem(&bytes).unwrap().get_pages().len()
}

#[test]
fn libreoffice_opens_what_jixiao_writes() {
    let dir = temp_dir("written");
    let mut files = Vec::new();
    let mut sheets = Vec::new();
    for (name, text, _) in seeds() {
        let doc = jixiao_carriers::read_bytes(&format!("{name}.txt"), &text)
            .unwrap()
            .document;
        for (ext, bytes) in [
            ("xlsx", jixiao_office::write_xlsx(&doc)),
            ("docx", jixiao_office::write_docx(&doc)),
        ] {
            let path = dir.join(format!("{name}.{ext}"));
            std::fs::write(&path, bytes).unwrap();
            files.push(path);
        }
        // 目录, 部门整体, the projects, 公开表, 指标明细: each prints on pages of its own.
        sheets.push(doc.projects.len() + 4);
    }
    // One directory per kind: both would become NAME.pdf.
    for ext in ["xlsx", "docx"] {
        let kind: Vec<_> = files
            .iter()
            .filter(|f| f.extension().unwrap() == ext)
            .cloned()
            .collect();
        convert(&kind, "pdf", None, &dir.join(ext));
    }
    for (i, f) in files.iter().enumerate() {
        let ext = f.extension().unwrap().to_str().unwrap();
        let pdf = dir
            .join(ext)
            .join(f.with_extension("pdf").file_name().unwrap());
        let n = pages(&pdf);
        let at_least = if i % 2 == 0 { sheets[i / 2] } else { 1 };
        assert!(
            n >= at_least,
            "{}: {n} pages, want ≥ {at_least}",
            f.display()
        );
    }
}
