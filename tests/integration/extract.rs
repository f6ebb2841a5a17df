//! `jixiao extract`: reading the seed documents as the goldens say.

use serde_json::Value;

use crate::util::{jixiao, norm, seeds, Score};

const PROJECT_FIELDS: [&str; 9] = [
    "unit",
    "code",
    "name",
    "budget_total",
    "budget_fiscal",
    "budget_other",
    "purpose",
    "spending_plan",
    "goals",
];

#[test]
fn seeds_read_as_the_goldens_say() {
    let mut score = Score::default();
    let mut field_errors = Vec::new();
    for (name, path, golden) in seeds() {
        let out = jixiao(&["extract", "--format", "record", path.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let record: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
        assert_eq!(record["source"], format!("{name}.txt"));
        for f in ["organization", "organization_code", "year", "overall_goals"] {
            if norm(&golden[f]) != norm(&record[f]) {
                field_errors.push(format!("{name} {f}: want {} got {}", golden[f], record[f]));
            }
        }
        let gp = golden["projects"].as_array().unwrap();
        let op = record["projects"].as_array().unwrap();
        for (g, o) in gp.iter().zip(op) {
            for f in PROJECT_FIELDS {
                if norm(&g[f]) != norm(&o[f]) {
                    field_errors.push(format!(
                        "{name} {} {f}: want {} got {}",
                        g["name"], g[f], o[f]
                    ));
                }
            }
        }
        score.add(&golden, &record);
    }
    assert!(
        score.row_f1() >= 0.995,
        "extraction F1 {:.3}: {:#?}",
        score.row_f1(),
        score.mismatches
    );
    assert_eq!(score.project_f1(), 1.0, "{:#?}", score.mismatches);
    assert!(field_errors.is_empty(), "{field_errors:#?}");
}

#[test]
fn several_files_give_one_object_per_line() {
    let paths: Vec<String> = seeds()
        .iter()
        .map(|(_, p, _)| p.display().to_string())
        .collect();
    let mut args = vec!["extract"];
    args.extend(paths.iter().map(String::as_str));
    let out = jixiao(&args);
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON object"))
        .collect();
    assert_eq!(lines.len(), paths.len());
}

#[test]
fn full_model_keeps_origins_and_typed_targets() {
    let (_, path, _) = &seeds()[0];
    let out = jixiao(&["extract", "--format", "json", path.to_str().unwrap()]);
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &doc["projects"][0]["indicators"][0];
    assert_eq!(first["target"]["value"]["printed"], "≥16次/年");
    assert_eq!(first["target"]["value"]["value"]["kind"], "quantity");
    assert_eq!(first["target"]["value"]["value"]["op"], "at_least");
    assert_eq!(first["target"]["value"]["value"]["unit"], "次/年");
    assert_eq!(first["level1"]["category"], "output");
    assert!(first["target"]["at"]["line"].as_u64().unwrap() > 0);
    assert!(first["target"]["at"]["cell"].as_u64().is_some());
}

#[test]
fn unreadable_files_fail_with_a_reason() {
    let dir = std::env::temp_dir().join(format!("jixiao-extract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "binary.txt",
            &[0, 159, 146, 150, 0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 1],
            "无法识别文本编码",
        ),
        (
            "letter.txt",
            "尊敬的领导：\n\n您好，今天天气很好。\n".as_bytes(),
            "不是绩效目标文档",
        ),
        ("empty.txt", b"", "文件为空"),
        // White space only is no document either, but not empty (issue 13).
        ("blank.txt", b"  \n\t\t\n", "文件只有空白字符（空格、制表符、换行），没有文字，不是绩效目标文档"),
    ];
    for (file, bytes, reason) in cases {
        let path = dir.join(file);
        std::fs::write(&path, bytes).unwrap();
        let out = jixiao(&["extract", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{file}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(reason) && err.contains(file), "{file}: {err}");
    }
    let out = jixiao(&["extract", dir.join("missing.txt").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing.txt：无法读取文件：文件或目录不存在（"), "{err}");
}

/// The official tables as PDF, read back by jixiao's own PDF reader: every project, and the
/// indicator rows as printed (white space inside a cell aside: a PDF prints no cell breaks).
#[test]
fn exported_pdf_reads_back() {
    let dir = crate::util::temp_dir("export-pdf");
    for (name, path, _) in seeds() {
        let text = jixiao(&["extract", path.to_str().unwrap()]);
        let want: Value = serde_json::from_slice(&text.stdout).unwrap();
        let out_file = dir.join(format!("{name}.pdf"));
        let out = jixiao(&["export", path.to_str().unwrap(), "--format", "pdf", "-o", out_file.to_str().unwrap()]);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(std::fs::read(&out_file).unwrap().starts_with(b"%PDF-1.4"));
        let back = jixiao(&["extract", out_file.to_str().unwrap()]);
        assert!(back.status.success(), "{name}: {}", String::from_utf8_lossy(&back.stderr));
        let got: Value = serde_json::from_slice(&back.stdout).unwrap();
        let mut score = Score::default();
        score.add(&want, &got);
        eprintln!("{name}: projects {} rows {}", score.project_f1(), score.row_f1());
        assert_eq!(score.project_f1(), 1.0, "{name}: {:#?}", score.mismatches);
        assert_eq!(score.row_f1(), 1.0, "{name}: {:#?}", score.mismatches);
    }
}

/// Export to office files, then read them back: the same record.
#[test]
fn exported_office_files_read_back_the_same() {
    let dir = crate::util::temp_dir("export");
    for (name, path, _) in seeds() {
        let text = jixiao(&["extract", path.to_str().unwrap()]);
        let want: Value = serde_json::from_slice(&text.stdout).unwrap();
        for format in ["xlsx", "docx"] {
            let out_file = dir.join(format!("{name}.{format}"));
            let out = jixiao(&[
                "export",
                path.to_str().unwrap(),
                "--format",
                format,
                "-o",
                out_file.to_str().unwrap(),
            ]);
            assert!(
                out.status.success(),
                "{name} {format}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let back = jixiao(&["extract", out_file.to_str().unwrap()]);
            assert!(
                back.status.success(),
                "{name} {format}: {}",
                String::from_utf8_lossy(&back.stderr)
            );
            let got: Value = serde_json::from_slice(&back.stdout).unwrap();
            let mut score = Score::default();
            score.add(&want, &got);
            assert_eq!(
                score.row_f1(),
                1.0,
                "{name} {format}: {:#?}",
                score.mismatches
            );
            assert_eq!(score.project_f1(), 1.0, "{name} {format}");
        }
    }
}
