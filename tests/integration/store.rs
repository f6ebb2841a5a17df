//! `jixiao import`: documents into the database, with a summary.

use crate::util::{fixtures, jixiao, temp_dir};

#[test]
fn import_directory_twice_then_a_bad_file() {
    let dir = temp_dir("import");
    let db = format!("sqlite://{}", dir.join("j.db").display());
    let seeds = fixtures().join("seeds");
    let out = jixiao(&["import", "--db", &db, seeds.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "已导入 5 个，内容未变 0 个，失败 0 个。"
    );
    let out = jixiao(&["import", "--db", &db, seeds.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "已导入 0 个，内容未变 5 个，失败 0 个。"
    );
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, [0u8, 159, 146, 150, 0, 0, 1, 2]).unwrap();
    let out = jixiao(&["import", "--db", &db, bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.txt") && err.contains("无法识别文本编码"),
        "{err}"
    );
}

/// A corpus 自评表 (file name, bytes) with a row met with full points against a `≥` target
/// (project and row index), and its target table written as .docx: the same projects without
/// the 自评 part, that row's approved target ten times what was achieved.
fn self_evaluation_and_targets() -> (String, Vec<u8>, Vec<u8>, usize, usize, String) {
    use jixiao_model::{Comparison, Located, Target, TargetValue};
    let corpus = fixtures().join("corpus");
    let mut names: Vec<String> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("selfeval_") && n.ends_with(".txt"))
        .collect();
    names.sort();
    for n in names {
        let bytes = std::fs::read(corpus.join(&n)).unwrap();
        let doc = jixiao_carriers::read_bytes(&n, &bytes).unwrap().document;
        for (p, project) in doc.projects.iter().enumerate() {
            for (k, row) in project.indicators.iter().enumerate() {
                let target = row.target.as_ref().map(|t| &t.value.value);
                let eval = row.evaluation.as_ref();
                let actual = eval.and_then(|e| e.actual.as_ref()).map(|a| &a.value.value);
                let full = eval.and_then(|e| e.score).zip(row.weight).is_some_and(|(s, w)| s == w && !w.is_zero());
                let (Some(TargetValue::Quantity { op: Some(Comparison::AtLeast), value, unit, upper: None, .. }), Some(TargetValue::Quantity { value: got, unit: got_unit, .. })) = (target, actual) else {
                    continue;
                };
                if !(full && unit == got_unit && got >= value && !got.is_zero() && !row.level3_text().is_empty()) {
                    continue;
                }
                let approved = format!("≥{}{}", (*got * jixiao_model::Decimal::from(10)).normalize(), unit.clone().unwrap_or_default());
                let mut targets = doc.targets_only();
                targets.projects[p].indicators[k].target = Some(Located::new(Target::parse(&approved), row.at));
                let docx = jixiao_office::write_docx(&targets);
                // The target table reads back as one: the same project, the approved target.
                let back = jixiao_carriers::read_bytes("目标表.docx", &docx).unwrap().document;
                let same = back.projects.get(p).is_some_and(|q| {
                    !q.is_self_evaluation()
                        && q.name.value == project.name.value
                        && q.indicators.get(k).and_then(|i| i.target.as_ref()).is_some_and(|t| t.value.printed == approved)
                });
                if same && back.year.as_ref().map(|y| y.value) == doc.year.as_ref().map(|y| y.value) {
                    return (n, bytes, docx, p, k, approved);
                }
            }
        }
    }
    panic!("no corpus 自评表 with a met ≥ row whose target table reads back")
}

/// Issue 15: `jixiao import` pairs a 自评表 with its target table as the service does: the
/// 自评表 imported first, its target table in a later run, the stored findings of the 自评表
/// are judged against the approved targets (JX-E015 quoting the approved value, JX-E002 for
/// full points on a missed target) — exactly the findings the service's store holds after
/// the same imports.
#[test]
fn import_pairs_a_self_evaluation_with_its_target_table_as_the_service_does() {
    let (name, bytes, docx, p, k, approved) = self_evaluation_and_targets();
    let dir = temp_dir("import-pairs");
    let (evaluation, targets) = (dir.join(&name), dir.join("绩效目标表.docx"));
    std::fs::write(&evaluation, &bytes).unwrap();
    std::fs::write(&targets, &docx).unwrap();
    let findings = |db: &str| -> Vec<(String, String, Option<i64>, Option<i64>, String)> {
        runtime().block_on(async {
            let store = jixiao_store::Store::open(db).await.unwrap();
            let rows = sqlx::query_as(
                "SELECT r.file_name, f.rule, f.project_position, f.row_position, f.message FROM findings f \
                 JOIN document_revisions r ON r.id = f.revision_id ORDER BY r.file_name, f.rule, f.project_position, f.row_position, f.message",
            )
            .fetch_all(store.pool())
            .await
            .unwrap();
            store.close().await;
            rows
        })
    };

    // The command line: two runs, the 自评表 first.
    let cli = format!("sqlite://{}", dir.join("cli.db").display());
    for file in [&evaluation, &targets] {
        let out = jixiao(&["import", "--db", &cli, file.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let by_cli = findings(&cli);
    let at_row: Vec<&(String, String, Option<i64>, Option<i64>, String)> = by_cli
        .iter()
        .filter(|f| f.0 == name && (f.2, f.3) == (Some(p as i64), Some(k as i64)) && (f.1 == "JX-E015" || f.1 == "JX-E002"))
        .collect();
    assert!(
        at_row.iter().any(|f| f.1 == "JX-E015" && f.4.contains(&format!("批复目标“{approved}”")))
            && at_row.iter().any(|f| f.1 == "JX-E002" && f.4.contains(&format!("未达到年度指标值{approved}"))),
        "the 自评表 judged against its target table: {at_row:?}"
    );

    // The service's store, the same imports in the same order.
    let served = format!("sqlite://{}", dir.join("served.db").display());
    runtime().block_on(async {
        let store = jixiao_store::Store::open(&served).await.unwrap();
        let state = jixiao_server::AppState::new(store, jixiao_server::Settings::default());
        for file in [&evaluation, &targets] {
            let summary = jixiao_import::import_paths(&state.store, &[file.clone()], 1, &jixiao_import::ImportOptions::default(), |_, _, _| {}).await;
            assert_eq!(summary.imported.len(), 1, "{:?}", summary.failed);
        }
        state.store.close().await;
    });
    assert_eq!(by_cli, findings(&served), "the command line's findings are the service's");
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}
