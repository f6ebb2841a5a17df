//! The import pipeline against both backends: every test runs on a fresh SQLite file and on
//! a fresh PostgreSQL database (127.0.0.1:5432 by default; `JIXIAO_TEST_PG_URL` to change).

use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao_import::{
    import_document, import_paths, load_demo, ImportError, ImportOptions, ImportOutcome,
};
use jixiao_store::Store;

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds")
}

fn seed(name: &str) -> Vec<u8> {
    std::fs::read(seeds_dir().join(name)).unwrap()
}

fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-import-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn pg_url() -> String {
    std::env::var("JIXIAO_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// A fresh PostgreSQL database for one test; fails (never skips) when no server answers.
async fn postgres(tag: &str) -> Store {
    let admin = Store::connect(&pg_url()).await.unwrap_or_else(|e| {
        panic!(
            "PostgreSQL 无法连接（{}）：{e}。请先运行 scripts/pg-test-server.sh",
            pg_url()
        )
    });
    let name = format!("jixiao_import_{tag}_{}", std::process::id());
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(admin.pool())
        .await
        .unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(admin.pool())
        .await
        .unwrap();
    admin.close().await;
    let url = match pg_url().rsplit_once('/') {
        Some((base, _)) => format!("{base}/{name}"),
        None => unreachable!("a PostgreSQL URL names its database"),
    };
    Store::open(&url).await.unwrap()
}

async fn sqlite(tag: &str) -> Store {
    let dir = scratch(tag);
    Store::open(dir.join("jixiao.db").to_str().unwrap())
        .await
        .unwrap()
}

async fn backends(tag: &str) -> Vec<(&'static str, Store)> {
    vec![
        ("sqlite", sqlite(tag).await),
        ("postgres", postgres(tag).await),
    ]
}

async fn count(store: &Store, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(store.pool())
        .await
        .unwrap()
}

/// Every project's kept counts (migration 0005) against the rows they count.
async fn assert_project_counts_agree(store: &Store, context: &str) {
    let wrong: Vec<(i64, i64, i64, i64, i64, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT id, indicator_count, n_i, findings_error, n_e, findings_warning, n_w, findings_info, n_n FROM \
         (SELECT p.id, p.indicator_count, p.findings_error, p.findings_warning, p.findings_info, \
            (SELECT COUNT(*) FROM indicators i WHERE i.project_id = p.id) AS n_i, \
            (SELECT COUNT(*) FROM findings x WHERE x.revision_id = p.revision_id AND x.project_position = p.position AND x.severity = 'error') AS n_e, \
            (SELECT COUNT(*) FROM findings x WHERE x.revision_id = p.revision_id AND x.project_position = p.position AND x.severity = 'warning') AS n_w, \
            (SELECT COUNT(*) FROM findings x WHERE x.revision_id = p.revision_id AND x.project_position = p.position AND x.severity = 'info') AS n_n \
          FROM projects p) t \
         WHERE indicator_count <> n_i OR findings_error <> n_e OR findings_warning <> n_w OR findings_info <> n_n",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    assert!(wrong.is_empty(), "{context}: kept counts differ from the rows: {wrong:?}");
    let counted: i64 = sqlx::query_scalar("SELECT CAST(COALESCE(SUM(indicator_count + findings_error + findings_warning + findings_info), 0) AS BIGINT) FROM projects")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert!(counted > 0, "{context}: something was counted");
    // An import counts its own rows (migration 0013) and leaves no revision marked behind it,
    // so later inserts into its revision are counted by the triggers.
    let marked: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM counts_preset").fetch_one(store.pool()).await.unwrap();
    assert_eq!(marked, 0, "{context}: counts_preset is empty after the imports");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_rule_set_is_stored() {
    for (backend, store) in backends("rulesets").await {
        let bytes = seed("004_ef264869df8a45bf.txt");
        import_document(&store, "004.txt", &bytes, &ImportOptions::default())
            .await
            .unwrap();
        // Seed 004's disclosure: 审计服务 (D021), three asset shares (D017), two planned
        // purchases (D020), as `jixiao check` reports them; the document's own, no project's.
        let disclosure: Vec<(String, String, Option<i64>, Option<i64>)> = sqlx::query_as(
            "SELECT rule, severity, line, project_position FROM findings WHERE rule_set = 'disclosure' ORDER BY id",
        )
        .fetch_all(store.pool())
        .await
        .unwrap();
        let expected = [
            ("JX-D021", "info", 469),
            ("JX-D017", "warning", 502),
            ("JX-D017", "warning", 502),
            ("JX-D017", "warning", 502),
            ("JX-D020", "info", 502),
            ("JX-D020", "info", 502),
        ]
        .map(|(rule, severity, line)| (rule.to_string(), severity.to_string(), Some(line), None));
        assert_eq!(disclosure, expected, "{backend}");
        // Every finding names the rule set its rule belongs to; the review's are there too.
        let scalar = |sql: &'static str| sqlx::query_scalar::<_, i64>(sql).fetch_one(store.pool());
        let misnamed = scalar(
            "SELECT COUNT(*) FROM findings WHERE rule_set <> CASE WHEN rule LIKE 'JX-D%' THEN 'disclosure' \
             WHEN rule LIKE 'read.%' THEN 'read' ELSE 'review' END",
        );
        assert_eq!(misnamed.await.unwrap(), 0, "{backend}");
        let review = scalar("SELECT COUNT(*) FROM findings WHERE rule_set = 'review'");
        assert!(review.await.unwrap() > 0, "{backend}");
        assert_project_counts_agree(&store, backend).await;
    }
}

/// The review's findings stored and read back are those the import was given, suggested
/// fixes and quoted values included (migration 0022), on both backends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn findings_keep_their_suggestions_and_quotes() {
    for (backend, store) in backends("suggestions").await {
        let name = "000_c2d12ba55cbeb785.txt";
        let read = jixiao_import::ReadDocument::read(name, seed(name)).unwrap();
        let outcome = jixiao_import::import_read(&store, &read, &ImportOptions::default()).await.unwrap();
        let ImportOutcome::Imported { revision_id, .. } = outcome else { panic!("{backend}: {outcome:?}") };
        let given = read.findings();
        assert!(given.iter().any(|f| f.suggestion.is_some()), "{backend}: the seed has findings with a fix");
        assert!(given.iter().any(|f| !f.quotes.is_empty()), "{backend}: and with quotes");
        assert_eq!(store.revision_findings(revision_id).await.unwrap(), given, "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cause_repeated_across_projects_is_stored_with_each_project() {
    for (backend, store) in backends("grouped").await {
        // Seed 003: one table copied into 25 projects, targets copied from the names: one
        // finding in the report, stored once for every project it names (issue 16).
        let bytes = seed("003_dc947c097ca44fd8.txt");
        import_document(&store, "003.txt", &bytes, &ImportOptions::default())
            .await
            .unwrap();
        let rows: Vec<(Option<i64>, String)> = sqlx::query_as(
            "SELECT project_position, message FROM findings WHERE rule = 'JX-M002' ORDER BY id",
        )
        .fetch_all(store.pool())
        .await
        .unwrap();
        let mut projects: Vec<Option<i64>> = rows.iter().map(|r| r.0).collect();
        projects.dedup();
        assert_eq!(projects.len(), rows.len(), "{backend}: once per project");
        assert!(rows.len() >= 20, "{backend}: {rows:?}");
        assert!(
            rows.iter().all(|r| r.1 == rows[0].1 && r.1.contains("同一问题另见")),
            "{backend}"
        );
        assert_project_counts_agree(&store, backend).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_is_whole_and_idempotent() {
    for (backend, store) in backends("idem").await {
        let bytes = seed("000_c2d12ba55cbeb785.txt");
        let doc = jixiao_read::read_bytes("000.txt", &bytes).unwrap().document;
        let rows: usize = doc.projects.iter().map(|p| p.indicators.len()).sum();
        let first = import_document(&store, "000.txt", &bytes, &ImportOptions::default())
            .await
            .unwrap();
        let ImportOutcome::Imported { revision, .. } = first else {
            panic!("{backend}: {first:?}")
        };
        assert_eq!(revision, 1);
        assert_eq!(
            count(&store, "projects").await,
            doc.projects.len() as i64,
            "{backend}"
        );
        assert_eq!(count(&store, "indicators").await, rows as i64, "{backend}");
        assert!(
            count(&store, "findings").await > 0,
            "{backend}: review findings are stored"
        );
        let (code, total): (Option<String>, Option<String>) =
            sqlx::query_as("SELECT code, budget_total FROM projects WHERE position = 0")
                .fetch_one(store.pool())
                .await
                .unwrap();
        assert_eq!(
            (code.as_deref(), total.as_deref()),
            (Some("426-0403-JBN-7MI2"), Some("5")),
            "{backend}"
        );
        let (op, value, unit): (Option<String>, Option<String>, Option<String>) = sqlx::query_as(
            "SELECT target_op, target_value, target_unit FROM indicators WHERE target_printed = '≥16次/年'",
        )
        .fetch_one(store.pool())
        .await
        .unwrap();
        assert_eq!(
            (op.as_deref(), value.as_deref(), unit.as_deref()),
            (Some("at_least"), Some("16"), Some("次/年"))
        );

        // The same bytes again: nothing written.
        let before = (
            count(&store, "document_revisions").await,
            count(&store, "indicators").await,
        );
        let again = import_document(&store, "000.txt", &bytes, &ImportOptions::default())
            .await
            .unwrap();
        assert!(
            matches!(again, ImportOutcome::Unchanged { .. }),
            "{backend}"
        );
        assert_eq!(
            before,
            (
                count(&store, "document_revisions").await,
                count(&store, "indicators").await
            )
        );
        store.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changed_bytes_are_a_new_revision_with_a_diff() {
    for (backend, store) in backends("rev").await {
        let bytes = seed("001_bad47639f8145b87.txt");
        let one = import_document(&store, "001.txt", &bytes, &ImportOptions::default())
            .await
            .unwrap();
        let changed = String::from_utf8(bytes)
            .unwrap()
            .replace("≥90%", "≥95%")
            .replace("交通费", "交通补助");
        let two = import_document(
            &store,
            "001.txt",
            changed.as_bytes(),
            &ImportOptions::default(),
        )
        .await
        .unwrap();
        let (
            ImportOutcome::Imported {
                document_id: d1,
                revision_id: r1,
                ..
            },
            ImportOutcome::Imported {
                document_id: d2,
                revision_id: r2,
                revision,
                ..
            },
        ) = (one, two)
        else {
            panic!("{backend}")
        };
        assert_eq!(
            (d1, revision),
            (d2, 2),
            "{backend}: same document, second revision"
        );
        assert_eq!(
            count(&store, "document_revisions").await,
            2,
            "{backend}: the old revision is kept"
        );
        let diff = store.diff_revisions(r1, r2).await.unwrap();
        assert!(
            diff.added
                .iter()
                .any(|r| r.project == "交通补助" && r.indicator.is_none()),
            "{backend}: {diff:?}"
        );
        assert!(
            diff.removed
                .iter()
                .any(|r| r.project == "交通费" && r.indicator.is_none()),
            "{backend}"
        );
        assert!(
            diff.changed.iter().any(|c| c.field == "target"
                && c.before.as_deref() == Some("≥90%")
                && c.after.as_deref() == Some("≥95%")),
            "{backend}: {diff:?}"
        );
        assert_project_counts_agree(&store, backend).await;
        // Deleting rows (as removing a document does) takes them off the counts.
        sqlx::query("DELETE FROM findings WHERE severity = 'warning'").execute(store.pool()).await.unwrap();
        sqlx::query("DELETE FROM indicators WHERE id IN (SELECT MIN(id) FROM indicators GROUP BY project_id)")
            .execute(store.pool())
            .await
            .unwrap();
        assert_project_counts_agree(&store, &format!("{backend}, after deletes")).await;
        // Rows inserted into an imported revision by anything but the import (a tool of the
        // user's own) are counted by the triggers: the import's own preset (migration 0013)
        // ends with its transaction.
        sqlx::query(
            "INSERT INTO indicators (revision_id, project_id, position, level1_printed, level2_printed, line, created_at, updated_at) \
             SELECT revision_id, id, 999, '产出指标', '数量指标', 1, 'now', 'now' FROM projects",
        )
        .execute(store.pool())
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO findings (revision_id, rule, severity, message, project_position, created_at) \
             SELECT revision_id, 'JX-M001', 'error', '测试', position, 'now' FROM projects",
        )
        .execute(store.pool())
        .await
        .unwrap();
        assert_project_counts_agree(&store, &format!("{backend}, after inserts by hand")).await;
        store.close().await;
    }
}

/// A 三级指标 too long to index is refused with its place on both backends alike (PostgreSQL's
/// B-tree would otherwise fail on ~900 Chinese characters and SQLite take them); the longest
/// allowed one is stored on both.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overlong_indexed_texts_are_refused_with_their_place() {
    // Characters that do not compress (PostgreSQL compresses index entries that repeat).
    let varied = |n: usize| -> String {
        (0..n).map(|i| char::from_u32(0x4e00 + ((i * 7919) % 20000) as u32).unwrap()).collect()
    };
    let text = String::from_utf8(seed("000_c2d12ba55cbeb785.txt")).unwrap();
    let cell = "全年安全生产执法覆盖率";
    let line = text[..text.find(cell).unwrap()].matches('\n').count() + 1;
    for (backend, store) in backends("overlong").await {
        let long = text.replacen(cell, &format!("{cell}{}", varied(1200)), 1);
        let err = import_document(&store, "长指标.txt", long.as_bytes(), &ImportOptions::default())
            .await
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("长指标.txt："), "{backend}: {err}");
        assert!(err.contains(&format!("第{line}行")), "{backend}: {err}");
        assert!(err.contains("三级指标过长（1211 个字符，最多 500 个）"), "{backend}: {err}");
        assert_eq!(count(&store, "documents").await, 0, "{backend}: nothing stored");

        let longest = text.replacen(cell, &format!("{cell}{}", varied(500 - cell.chars().count())), 1);
        let stored = import_document(&store, "长指标.txt", longest.as_bytes(), &ImportOptions::default()).await;
        assert!(matches!(stored, Ok(ImportOutcome::Imported { .. })), "{backend}: {stored:?}");
        store.close().await;
    }
}

/// A failure in the middle of a document leaves nothing of it: a trigger rejects one
/// indicator deep inside the document.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_document_is_not_half_imported() {
    for (backend, store) in backends("atomic").await {
        let trigger = match backend {
            "sqlite" => vec![
                "CREATE TRIGGER boom BEFORE INSERT ON indicators WHEN NEW.level3 = '爆炸指标' \
                 BEGIN SELECT RAISE(ABORT, 'boom'); END"
                    .to_string(),
            ],
            _ => vec![
                "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN IF NEW.level3 = '爆炸指标' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql".to_string(),
                "CREATE TRIGGER boom BEFORE INSERT ON indicators FOR EACH ROW EXECUTE FUNCTION boom()".to_string(),
            ],
        };
        for sql in trigger {
            sqlx::raw_sql(&sql).execute(store.pool()).await.unwrap();
        }
        // The last indicator of the last project fails, after everything else was written.
        let text = String::from_utf8(seed("000_c2d12ba55cbeb785.txt")).unwrap();
        let cell = "\t服务对象满意度\n"; // the last project's last level-3 cell
        let at = text.rfind(cell).unwrap();
        let broken = format!("{}\t爆炸指标\n{}", &text[..at], &text[at + cell.len()..]);
        let err = import_document(
            &store,
            "000.txt",
            broken.as_bytes(),
            &ImportOptions::default(),
        )
        .await
        .unwrap_err();
        assert!(matches!(err, ImportError::Store { .. }), "{backend}: {err}");
        assert!(
            err.to_string().contains("000.txt"),
            "the error names the file: {err}"
        );
        for table in [
            "documents",
            "document_revisions",
            "projects",
            "indicators",
            "goals",
            "findings",
        ] {
            assert_eq!(
                count(&store, table).await,
                0,
                "{backend}: {table} after a failed import"
            );
        }
        // What was stored before stays.
        import_document(
            &store,
            "001.txt",
            &seed("001_bad47639f8145b87.txt"),
            &ImportOptions::default(),
        )
        .await
        .unwrap();
        let _ = import_document(
            &store,
            "000.txt",
            broken.as_bytes(),
            &ImportOptions::default(),
        )
        .await
        .unwrap_err();
        assert_eq!(count(&store, "documents").await, 1, "{backend}");
        store.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batches_summarise_and_demo_loads_once() {
    for (backend, store) in backends("batch").await {
        let dir = scratch(&format!("batch-{backend}"));
        for entry in std::fs::read_dir(seeds_dir()).unwrap() {
            let p = entry.unwrap().path();
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
        std::fs::write(dir.join("letter.txt"), "尊敬的领导：您好。").unwrap();
        let seen = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = seen.clone();
        let summary = import_paths(
            &store,
            std::slice::from_ref(&dir),
            3,
            &ImportOptions::default(),
            move |_, total, _| {
                assert_eq!(total, 6);
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            },
        )
        .await;
        assert_eq!(seen.load(std::sync::atomic::Ordering::SeqCst), 6);
        assert_eq!(summary.imported.len(), 5, "{backend}: {:?}", summary.failed);
        assert_eq!(summary.failed.len(), 1);
        assert!(
            summary.failed[0].1.contains("不是绩效目标文档"),
            "{:?}",
            summary.failed
        );
        let again = import_paths(&store, &[dir], 2, &ImportOptions::default(), |_, _, _| {}).await;
        assert_eq!(again.unchanged.len(), 5, "{backend}");
        assert_eq!(
            load_demo(&store, &seeds_dir()).await.unwrap(),
            None,
            "{backend}: not on a filled database"
        );
        store.close().await;
    }
    for (backend, store) in backends("demo").await {
        assert_eq!(
            load_demo(&store, &seeds_dir()).await.unwrap(),
            Some(5),
            "{backend}"
        );
        assert_eq!(count(&store, "documents").await, 5);
        store.close().await;
    }
}

/// Parallel imports of one department's documents create the department once and every
/// document whole; each import is audited; a hidden file is no document; re-importing the
/// batch writes nothing at all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_imports_share_organisations_and_are_audited() {
    for (backend, store) in backends("parallel").await {
        let dir = scratch(&format!("parallel-{backend}"));
        let bytes = seed("000_c2d12ba55cbeb785.txt");
        for i in 0..8 {
            std::fs::write(dir.join(format!("临西-{i}.txt")), &bytes).unwrap();
        }
        std::fs::write(dir.join(".DS_Store"), b"\0\0binary").unwrap();
        let summary = import_paths(
            &store,
            std::slice::from_ref(&dir),
            4,
            &ImportOptions::default(),
            |_, _, _| {},
        )
        .await;
        assert_eq!(
            (summary.imported.len(), summary.failed.len()),
            (8, 0),
            "{backend}: {:?}",
            summary.failed
        );
        let departments: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE kind = 'department'")
                .fetch_one(store.pool())
                .await
                .unwrap();
        assert_eq!(
            departments, 1,
            "{backend}: one department however many parallel imports"
        );
        assert_eq!(count(&store, "documents").await, 8, "{backend}");
        assert_eq!(
            count(&store, "projects").await,
            8 * 12,
            "{backend}: every document whole"
        );
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'document' AND action = 'import'",
        )
        .fetch_one(store.pool())
        .await
        .unwrap();
        assert_eq!(audited, 8, "{backend}: one audit entry per import");

        let tables = [
            "organisations",
            "fiscal_years",
            "documents",
            "document_revisions",
            "projects",
            "indicators",
            "findings",
            "audit_log",
        ];
        let mut before = Vec::new();
        for t in tables {
            before.push(count(&store, t).await);
        }
        let again = import_paths(&store, &[dir], 4, &ImportOptions::default(), |_, _, _| {}).await;
        assert_eq!(
            (again.imported.len(), again.unchanged.len()),
            (0, 8),
            "{backend}"
        );
        for (t, n) in tables.iter().zip(before) {
            assert_eq!(
                count(&store, t).await,
                n,
                "{backend}: {t} after re-importing the same bytes"
            );
        }
        store.close().await;
    }
}

/// Parallel imports of one logical document (same department, year and file name) take
/// their turns: different bytes become revisions 1, 2, 3 … with no number twice and none
/// failing (the same bytes stay one revision when nothing else came in between).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_imports_of_one_document_number_their_revisions() {
    for (backend, store) in backends("samedoc").await {
        let text = String::from_utf8(seed("000_c2d12ba55cbeb785.txt")).unwrap();
        // Six versions, each sent twice: 12 imports at once.
        let versions: Vec<Vec<u8>> = (0..6)
            .map(|i| format!("{text}\n（第{i}稿）\n").into_bytes())
            .collect();
        let imports = versions.iter().chain(versions.iter()).map(|bytes| {
            let store = store.clone();
            let bytes = bytes.clone();
            tokio::spawn(async move {
                import_document(&store, "同一文档.txt", &bytes, &ImportOptions::default()).await
            })
        });
        let mut imported = 0;
        for handle in imports.collect::<Vec<_>>() {
            match handle.await.unwrap() {
                Ok(ImportOutcome::Imported { .. }) => imported += 1,
                Ok(ImportOutcome::Unchanged { .. }) => {}
                Err(e) => panic!("{backend}: a parallel import failed: {e}"),
            }
        }
        assert_eq!(count(&store, "documents").await, 1, "{backend}");
        let revisions: Vec<i64> = sqlx::query_scalar("SELECT revision FROM document_revisions ORDER BY revision")
            .fetch_all(store.pool())
            .await
            .unwrap();
        assert_eq!(revisions.len(), imported, "{backend}");
        assert_eq!(revisions, (1..=imported as i64).collect::<Vec<_>>(), "{backend}: numbered 1, 2, 3 … once each");
        assert!((6..=12).contains(&imported), "{backend}: {imported}");
        store.close().await;
    }
}

/// Child mode of [`killed_mid_import_leaves_only_whole_documents`]: imports many distinct
/// documents into the SQLite file named by the environment, until killed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_child() {
    let Ok(db) = std::env::var("JIXIAO_CRASH_DB") else {
        return;
    };
    let store = Store::open(&db).await.unwrap();
    let text = String::from_utf8(seed("003_dc947c097ca44fd8.txt")).unwrap();
    for i in 0.. {
        let name = format!("copy-{i}.txt");
        let bytes = format!("{text}\n{i}\n");
        import_document(&store, &name, bytes.as_bytes(), &ImportOptions::default())
            .await
            .unwrap();
    }
}

#[test]
fn killed_mid_import_leaves_only_whole_documents() {
    let dir = scratch("crash");
    let db = dir.join("crash.db");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
        .env("JIXIAO_CRASH_DB", &db)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Let it commit some documents, then kill it mid-way (SIGKILL: no cleanup at all).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        std::thread::sleep(std::time::Duration::from_millis(200));
        let committed = db.exists() && {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                let Ok(s) = Store::connect(db.to_str().unwrap()).await else {
                    return 0;
                };
                let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM documents")
                    .fetch_one(s.pool())
                    .await
                    .unwrap_or(0);
                s.close().await;
                n
            }) >= 3
        };
        if committed || std::time::Instant::now() > deadline {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();

    let expected = jixiao_read::read_bytes("x.txt", &seed("003_dc947c097ca44fd8.txt"))
        .unwrap()
        .document;
    let rows: i64 = expected
        .projects
        .iter()
        .map(|p| p.indicators.len() as i64)
        .sum();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let store = Store::open(db.to_str().unwrap()).await.unwrap();
        let docs: Vec<(i64, Option<i64>)> =
            sqlx::query_as("SELECT id, current_revision_id FROM documents").fetch_all(store.pool()).await.unwrap();
        assert!(docs.len() >= 3, "the child committed documents before it was killed");
        for (id, revision) in docs {
            let revision = revision.expect("a stored document has its revision");
            let projects: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM projects WHERE document_id = $1")
                .bind(id)
                .fetch_one(store.pool())
                .await
                .unwrap();
            let indicators: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM indicators WHERE revision_id = $1")
                .bind(revision)
                .fetch_one(store.pool())
                .await
                .unwrap();
            assert_eq!((projects, indicators), (expected.projects.len() as i64, rows), "document {id} is whole");
        }
        let orphans: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM document_revisions r WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.current_revision_id = r.id)",
        )
        .fetch_one(store.pool())
        .await
        .unwrap();
        assert_eq!(orphans, 0, "no partial revision");
    });
}

/// Issue 13: an import restricted to one department (a 部门填报员's upload) stores a document
/// only when the reading that is stored names that department, never creates a department,
/// and never adds a revision to another department's document — whatever a caller decided
/// from its own reading. Refused imports write nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_department_restricted_import_stays_in_its_department() {
    use jixiao_import::{import_read, ReadDocument};
    let a = seed("002_cab738b0acffaaf0.txt");
    let b = seed("004_ef264869df8a45bf.txt");
    for (backend, store) in backends("restricted").await {
        import_document(&store, "a.txt", &a, &ImportOptions::default()).await.unwrap();
        import_document(&store, "b.txt", &b, &ImportOptions::default()).await.unwrap();
        let dept = |name: &'static str| {
            let store = store.clone();
            async move {
                sqlx::query_scalar::<_, i64>("SELECT id FROM organisations WHERE kind = 'department' AND name = $1")
                    .bind(name)
                    .fetch_one(store.pool())
                    .await
                    .unwrap()
            }
        };
        let (dept_a, dept_b) = (dept("门源县应急管理局").await, dept("石家庄高新区应急管理局").await);
        let only_a = ImportOptions { imported_by: None, department: Some(dept_a) };
        let before = count(&store, "document_revisions").await;

        // B's document, restricted to A: refused, whatever the file is called.
        let changed_b = String::from_utf8(b.clone()).unwrap().replacen("≥", "＞", 1);
        let doc = ReadDocument::read("b.txt", changed_b.into_bytes()).unwrap();
        assert_eq!(doc.department(), Some("石家庄高新区应急管理局"));
        let err = import_read(&store, &doc, &only_a).await.unwrap_err();
        assert!(matches!(&err, ImportError::WrongDepartment { printed: Some(p), .. } if p == "石家庄高新区应急管理局"), "{backend}: {err}");
        assert_eq!(err.to_string(), "b.txt：文档的部门（石家庄高新区应急管理局）不是允许导入的部门");

        // A department the bureau does not have yet is not created by a restricted import.
        let unknown = String::from_utf8(a.clone()).unwrap().replace("门源县应急管理局", "不存在的局");
        let doc = ReadDocument::read("x.txt", unknown.into_bytes()).unwrap();
        assert!(matches!(import_read(&store, &doc, &only_a).await, Err(ImportError::WrongDepartment { .. })));
        assert_eq!(count(&store, "document_revisions").await, before, "{backend}: nothing written");
        let orgs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE name = '不存在的局'")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(orgs, 0, "{backend}");

        // A's own document: stored as A's revision 2.
        let changed_a = String::from_utf8(a.clone()).unwrap().replacen("≥95%", "≥96%", 1);
        let doc = ReadDocument::read("a.txt", changed_a.into_bytes()).unwrap();
        let stored = import_read(&store, &doc, &only_a).await.unwrap();
        assert!(matches!(stored, ImportOutcome::Imported { revision: 2, .. }), "{backend}: {stored:?}");

        // A document row whose department was changed behind jixiao's back keeps its key, but
        // an import may not add a revision to it for the department the key names.
        sqlx::query("UPDATE documents SET department_id = $1 WHERE source_name = 'a.txt'")
            .bind(dept_b)
            .execute(store.pool())
            .await
            .unwrap();
        let again = String::from_utf8(a.clone()).unwrap().replacen("≥95%", "≥97%", 1);
        let doc = ReadDocument::read("a.txt", again.into_bytes()).unwrap();
        let before = count(&store, "document_revisions").await;
        assert!(matches!(import_read(&store, &doc, &only_a).await, Err(ImportError::WrongDepartment { .. })), "{backend}");
        assert!(matches!(import_read(&store, &doc, &ImportOptions::default()).await, Err(ImportError::WrongDepartment { .. })), "{backend}");
        assert_eq!(count(&store, "document_revisions").await, before, "{backend}: nothing written");
        store.close().await;
    }
}

/// Texts with control characters (NUL above all: PostgreSQL cannot store it) are refused with
/// their place on both backends alike, never a database error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_characters_in_documents_are_refused() {
    let text = String::from_utf8(seed("000_c2d12ba55cbeb785.txt")).unwrap();
    let cell = "全年安全生产执法覆盖率";
    let line = text[..text.find(cell).unwrap()].matches('\n').count() + 1;
    for (backend, store) in backends("controls").await {
        for (c, shown) in [('\0', "U+0000"), ('\u{1b}', "U+001B"), ('\u{7f}', "U+007F")] {
            let bad = text.replacen(cell, &format!("{cell}{c}x"), 1);
            let err = import_document(&store, "控制字符.txt", bad.as_bytes(), &ImportOptions::default())
                .await
                .unwrap_err()
                .to_string();
            assert!(err.contains(&format!("第{line}行")) && err.contains(&format!("三级指标含有不允许的控制字符（{shown}）")), "{backend}: {err}");
        }
        assert_eq!(count(&store, "documents").await, 0, "{backend}: nothing stored");
        store.close().await;
    }
}

/// What a revision's findings and grades are, as stored.
async fn stored_review(store: &Store) -> (Vec<(String, String, Option<i64>, Option<i64>, Option<i64>, String)>, Vec<(Option<i64>, Option<String>)>) {
    let findings = sqlx::query_as(
        "SELECT rule, rule_set, project_position, row_position, line, message FROM findings ORDER BY revision_id, id",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    let grades = sqlx::query_as(
        "SELECT grade_value, grade FROM (SELECT 0 AS t, id, grade_value, grade FROM projects \
         UNION ALL SELECT 1 AS t, id, grade_value, grade FROM document_revisions) g ORDER BY t, id",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    (findings, grades)
}

/// Issue 16: reviewing a stored revision again (as every edit does) gives what the import
/// stored when nothing was edited — the stored projects laid over the reading keep every
/// line, cell, inherited level and printed field — for every seed, and it grades what an
/// older version left ungraded.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_untouched_revision_reviews_again_as_imported() {
    for (backend, store) in backends("rereview").await {
        let store = store.with_reviewer(std::sync::Arc::new(jixiao_import::StoredReviewer::new()));
        let summary = import_paths(&store, &[seeds_dir()], 2, &ImportOptions::default(), |_, _, _| {}).await;
        assert_eq!(summary.imported.len(), 5, "{backend}: {:?}", summary.failed);
        let imported = stored_review(&store).await;
        assert!(imported.0.iter().any(|f| f.3.is_some_and(|r| r > 0)), "{backend}: rows kept");
        assert!(imported.1.iter().all(|g| g.1.is_some()), "{backend}: all graded on import");
        sqlx::query("UPDATE projects SET grade = NULL, grade_value = NULL")
            .execute(store.pool())
            .await
            .unwrap();
        sqlx::query("UPDATE document_revisions SET grade = NULL, grade_value = NULL")
            .execute(store.pool())
            .await
            .unwrap();
        let ungraded = store.ungraded_revisions(100).await.unwrap();
        assert_eq!(ungraded.len(), 5, "{backend}");
        for id in ungraded {
            store.rereview_revision(id).await.unwrap();
        }
        let again = stored_review(&store).await;
        // Ids change (deleted and inserted again); order within a revision is the import's.
        let mut a = imported.0.clone();
        let mut b = again.0.clone();
        a.sort();
        b.sort();
        assert_eq!(a, b, "{backend}: the same findings");
        assert_eq!(imported.1, again.1, "{backend}: the same grades");
        assert!(store.ungraded_revisions(100).await.unwrap().is_empty(), "{backend}");
        assert_project_counts_agree(&store, backend).await;
    }
}

/// The 自评表's stored JX-E015 / JX-E002 findings (rule, message) at project `p`, row `k`.
async fn pairing_findings_at(store: &Store, revision: i64, p: usize, k: usize) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT rule, message FROM findings WHERE revision_id = $1 AND rule IN ('JX-E015', 'JX-E002') \
         AND project_position = $2 AND row_position = $3 ORDER BY rule",
    )
    .bind(revision)
    .bind(p as i64)
    .bind(k as i64)
    .fetch_all(store.pool())
    .await
    .unwrap()
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/corpus")
}

/// The corpus's published self-evaluations (`selfeval_*.txt`).
fn self_evaluation_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("selfeval_") && p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// Issue 15: a published self-evaluation's re-scoring is stored with the document's findings
/// (rule set `self_evaluation`, rules `JX-E…`, each on its project and row), exactly the
/// findings `jixiao check` gives, and stays so when the revision is reviewed again; an edit
/// of a row's 分值 re-scores the row in the edit's transaction.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_self_evaluation_is_rescored_on_import_and_after_an_edit() {
    let files = self_evaluation_files();
    assert!(files.len() >= 12, "{files:?}");
    // What `jixiao check` finds (the same path: default scoring rules, default settings).
    let mut expected: Vec<(String, Option<i64>)> = Vec::new();
    // A row whose printed 得分 (at least 1) the rules confirm: (file, project, row).
    let mut confirmed = None;
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let doc = jixiao_read::read_bytes("x.txt", &bytes).unwrap().document;
        let cfg = jixiao_review::Config::default();
        for r in jixiao_assess::rescore(&doc, &jixiao_assess::ScoringConfig::default()) {
            let holds = r.rows.iter().find(|c| c.verdict.holds() && c.published.is_some_and(|p| p >= jixiao_model::Decimal::ONE));
            if let (Some(p), Some(c), None) = (r.project, holds, &confirmed) {
                let name = f.file_name().unwrap().to_string_lossy().into_owned();
                confirmed = Some((name, p as i64, c.indicator as i64));
            }
        }
        for finding in jixiao_assess::check(&doc, &jixiao_assess::ScoringConfig::default(), cfg.rules()) {
            let mut projects = Vec::new();
            for l in finding.locations() {
                if !projects.contains(&l.project) {
                    projects.push(l.project);
                    expected.push((finding.rule.id().to_string(), l.project.map(|p| p as i64)));
                }
            }
        }
    }
    expected.sort();
    // (Twenty since the review's precision work dropped the findings that were wrong.)
    assert!(expected.len() >= 20, "the corpus's tables break the rules: {expected:?}");
    let confirmed = confirmed.expect("a corpus row whose score the rules confirm");
    for (backend, store) in backends("selfeval").await {
        let store = store.with_reviewer(std::sync::Arc::new(jixiao_import::StoredReviewer::new()));
        let summary = import_paths(&store, &files, 2, &ImportOptions::default(), |_, _, _| {}).await;
        assert_eq!(summary.imported.len(), files.len(), "{backend}: {:?}", summary.failed);
        let stored = || async {
            let mut rows: Vec<(String, Option<i64>)> = sqlx::query_as(
                "SELECT rule, project_position FROM findings WHERE rule_set = 'self_evaluation' ORDER BY id",
            )
            .fetch_all(store.pool())
            .await
            .unwrap();
            rows.sort();
            rows
        };
        assert_eq!(stored().await, expected, "{backend}");
        let misnamed: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM findings WHERE (rule LIKE 'JX-E%') <> (rule_set = 'self_evaluation')",
        )
        .fetch_one(store.pool())
        .await
        .unwrap();
        assert_eq!(misnamed, 0, "{backend}");
        // Reviewed again untouched: the same findings.
        let imported = stored_review(&store).await;
        let revisions: Vec<i64> = sqlx::query_scalar("SELECT id FROM document_revisions ORDER BY id")
            .fetch_all(store.pool())
            .await
            .unwrap();
        for id in &revisions {
            store.rereview_revision(*id).await.unwrap();
        }
        let mut a = imported.0.clone();
        let mut b = stored_review(&store).await.0;
        a.sort();
        b.sort();
        assert_eq!(a, b, "{backend}: the same findings again");
        // An edit: a scored row's 分值 set below its printed 得分 is JX-E001 (得分超过分值) on
        // that row, stored by the edit itself.
        let (file, project, row) = &confirmed;
        let (indicator, score): (i64, String) = sqlx::query_as(
            "SELECT i.id, i.score FROM indicators i JOIN projects p ON p.id = i.project_id \
             JOIN document_revisions r ON r.id = i.revision_id \
             WHERE r.file_name = $1 AND p.position = $2 AND i.position = $3",
        )
        .bind(file)
        .bind(project)
        .bind(row)
        .fetch_one(store.pool())
        .await
        .unwrap();
        let (project, row) = (*project, *row);
        let e001 = || async {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM findings f JOIN indicators i ON i.revision_id = f.revision_id \
                 WHERE i.id = $1 AND f.rule = 'JX-E001' AND f.project_position = $2 AND f.row_position = $3",
            )
            .bind(indicator)
            .bind(project)
            .bind(row)
            .fetch_one(store.pool())
            .await
            .unwrap();
            n
        };
        assert_eq!(e001().await, 0, "{backend}: 得分 {score} within its 分值 as printed");
        let (before, _) = store.indicator(indicator).await.unwrap();
        let changes = jixiao_store::IndicatorChanges { weight: Some(Some("0.5".into())), ..Default::default() };
        let admin = jixiao_store::NewUser {
            username: "admin",
            display_name: "管理员",
            password_hash: "x",
            role: jixiao_store::Role::Admin,
            department_id: None,
        };
        let admin = store.create_user(None, &admin).await.unwrap();
        store.update_indicator(admin.id, &before, before.version, &changes).await.unwrap_or_else(|e| panic!("{backend}: {e}"));
        assert_eq!(e001().await, 1, "{backend}: 得分 {score} > 分值 0.5 after the edit");
        store.close().await;
    }
}

/// A corpus 自评表 and a row of it whose printed target is met with full points: a quantity
/// `≥`/`=` target whose actual is a number of the same unit.
fn self_evaluation_with_a_met_row() -> (String, Vec<u8>, jixiao_model::Document, usize, usize) {
    use jixiao_model::{Comparison, TargetValue};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/corpus");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("selfeval_") && n.ends_with(".txt"))
        .collect();
    names.sort();
    for n in names {
        let bytes = std::fs::read(dir.join(&n)).unwrap();
        let doc = jixiao_import::ReadDocument::read(&n, bytes.clone()).unwrap().reading.document;
        for (p, project) in doc.projects.iter().enumerate() {
            for (k, row) in project.indicators.iter().enumerate() {
                let target = row.target.as_ref().map(|t| &t.value.value);
                let eval = row.evaluation.as_ref();
                let actual = eval.and_then(|e| e.actual.as_ref()).map(|a| &a.value.value);
                let full = eval.and_then(|e| e.score).zip(row.weight).is_some_and(|(s, w)| s == w && !w.is_zero());
                if let (Some(TargetValue::Quantity { op: Some(Comparison::AtLeast), value, unit, upper: None, .. }), Some(TargetValue::Quantity { value: got, unit: got_unit, .. })) = (target, actual) {
                    if full && unit == got_unit && got >= value && !got.is_zero() && !row.level3_text().is_empty() {
                        return (n, bytes, doc, p, k);
                    }
                }
            }
        }
    }
    panic!("no corpus 自评表 with a met ≥ row")
}

/// Issue 15: a 自评表 is re-scored against its project's approved target table, whichever of
/// the two is imported first. The target table approves twice the value the 自评表 reprints
/// (and reports as met, full points): the stored findings of the 自评表 name the changed
/// target (JX-E015, both values quoted) and, judged against the approved value, the full
/// points for a missed target (JX-E002) — on both backends, in both orders.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_self_evaluation_is_rescored_against_its_approved_targets_in_either_order() {
    use jixiao_import::{import_draft, import_read, DraftDocument, ReadDocument};
    use jixiao_model::{Located, Target};
    let (name, bytes, doc, p, k) = self_evaluation_with_a_met_row();
    let row = &doc.projects[p].indicators[k];
    let printed = row.target.as_ref().unwrap().value.printed.clone();
    let jixiao_model::TargetValue::Quantity { unit, .. } = &row.target.as_ref().unwrap().value.value else { unreachable!() };
    let actual = &row.evaluation.as_ref().unwrap().actual.as_ref().unwrap().value.value;
    let jixiao_model::TargetValue::Quantity { value: got, .. } = actual else { unreachable!() };
    // Ten times what was achieved: missed by far.
    let approved = format!("≥{}{}", (*got * jixiao_model::Decimal::from(10)).normalize(), unit.clone().unwrap_or_default());
    // The target table: the same projects, targets only, the row's target far above its actual.
    let mut targets = doc.targets_only();
    targets.projects[p].indicators[k].target = Some(Located::new(Target::parse(&approved), row.at));
    let target_draft = DraftDocument::new("绩效目标表.txt", b"targets".to_vec(), targets);

    for order in ["自评表在先", "目标表在先"] {
        for (backend, store) in backends(&format!("approved{}", order.len() % 7)).await {
            let store = store.with_reviewer(std::sync::Arc::new(jixiao_import::StoredReviewer::new()));
            let options = ImportOptions::default();
            let read = ReadDocument::read(&name, bytes.clone()).unwrap();
            let eval_revision = if order == "自评表在先" {
                let out = import_read(&store, &read, &options).await.unwrap();
                let alone: Vec<String> = sqlx::query_scalar("SELECT rule FROM findings WHERE rule = 'JX-E015'").fetch_all(store.pool()).await.unwrap();
                assert!(alone.is_empty(), "{backend} {order}: no target table yet");
                import_draft(&store, &target_draft, &options).await.unwrap();
                out
            } else {
                import_draft(&store, &target_draft, &options).await.unwrap();
                import_read(&store, &read, &options).await.unwrap()
            };
            let ImportOutcome::Imported { revision_id, .. } = eval_revision else { panic!("{backend} {order}: not imported") };
            let found: Vec<(String, Option<i64>, Option<i64>, String)> = sqlx::query_as(
                "SELECT rule, project_position, row_position, message FROM findings WHERE revision_id = $1 AND rule IN ('JX-E015', 'JX-E002') ORDER BY id",
            )
            .bind(revision_id)
            .fetch_all(store.pool())
            .await
            .unwrap();
            // Stored rows count from 0 (`row_position`), findings' rows from 1.
    let at = (Some(p as i64), Some(k as i64));
            let e015: Vec<&(String, Option<i64>, Option<i64>, String)> = found.iter().filter(|f| f.0 == "JX-E015").collect();
            assert_eq!(e015.len(), 1, "{backend} {order}: {found:?}");
            assert_eq!((e015[0].1, e015[0].2), at, "{backend} {order}");
            assert!(
                e015[0].3.contains(&format!("“{printed}”")) && e015[0].3.contains(&format!("批复目标“{approved}”")) && e015[0].3.contains("目标降低"),
                "{backend} {order}: {}",
                e015[0].3
            );
            let e002 = found.iter().find(|f| f.0 == "JX-E002" && (f.1, f.2) == at);
            let e002 = e002.unwrap_or_else(|| panic!("{backend} {order}: no JX-E002 at the row: {found:?}"));
            assert!(e002.3.contains(&format!("未达到年度指标值{approved}")), "{backend} {order}: {}", e002.3);
            // The target table's own findings are the review's: no re-scoring there.
            let on_targets: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM findings WHERE revision_id <> $1 AND rule LIKE 'JX-E%'")
                .bind(revision_id)
                .fetch_one(store.pool())
                .await
                .unwrap();
            assert_eq!(on_targets, 0, "{backend} {order}");
            store.close().await;
        }
    }
}

/// Issue 15: an edit of a target table's rows re-reviews the 自评表 paired with it in the
/// edit's transaction (the same review again as the import's and the workflow's): a target
/// value edited to the value the 自评表 reprints clears JX-E015 and the JX-E002 judged
/// against it, a value edited away from it brings them back quoting the new value; a rename
/// that parts the pair and the deletion of the target table clear them. A published 自评表 is
/// never judged against a draft target table: its stored findings (which the public reads)
/// quote no draft value, whatever the draft's edits, until the target table is approved.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_of_a_target_table_rereviews_its_paired_self_evaluation() {
    use jixiao_import::{import_draft, import_read, DraftDocument, ReadDocument};
    use jixiao_model::{Located, Target};
    use jixiao_store::{IndicatorChanges, NewUser, ProjectChanges, Role, Status};
    let (name, bytes, doc, p, k) = self_evaluation_with_a_met_row();
    let row = &doc.projects[p].indicators[k];
    let printed = row.target.as_ref().unwrap().value.printed.clone();
    let jixiao_model::TargetValue::Quantity { unit, .. } = &row.target.as_ref().unwrap().value.value else { unreachable!() };
    let unit = unit.clone().unwrap_or_default();
    let actual = &row.evaluation.as_ref().unwrap().actual.as_ref().unwrap().value.value;
    let jixiao_model::TargetValue::Quantity { value: got, .. } = actual else { unreachable!() };
    let times = |n: i64| format!("≥{}{unit}", (*got * jixiao_model::Decimal::from(n)).normalize());
    let (approved, edited) = (times(10), times(20));
    let mut targets = doc.targets_only();
    targets.projects[p].indicators[k].target = Some(Located::new(Target::parse(&approved), row.at));
    let target_draft = DraftDocument::new("绩效目标表.txt", b"targets".to_vec(), targets);

    for (backend, store) in backends("targetedit").await {
        let store = store.with_reviewer(std::sync::Arc::new(jixiao_import::StoredReviewer::new()));
        let options = ImportOptions::default();
        let read = ReadDocument::read(&name, bytes.clone()).unwrap();
        let ImportOutcome::Imported { revision_id: eval_revision, .. } = import_read(&store, &read, &options).await.unwrap() else {
            panic!("{backend}: 自评表 not imported")
        };
        let ImportOutcome::Imported { revision_id: target_revision, document_id: target_document, .. } =
            import_draft(&store, &target_draft, &options).await.unwrap()
        else {
            panic!("{backend}: 目标表 not imported")
        };
        let admin = NewUser { username: "admin", display_name: "管理员", password_hash: "x", role: Role::Admin, department_id: None };
        let admin = store.create_user(None, &admin).await.unwrap().id;
        let project_at = |revision: i64| {
            let store = &store;
            async move {
                let id: i64 = sqlx::query_scalar("SELECT id FROM projects WHERE revision_id = $1 AND position = $2")
                    .bind(revision)
                    .bind(p as i64)
                    .fetch_one(store.pool())
                    .await
                    .unwrap();
                id
            }
        };
        let (target_project, eval_project) = (project_at(target_revision).await, project_at(eval_revision).await);
        let target_row = store.indicators_of(target_project).await.unwrap()[k].id;
        // The 自评表's stored JX-E015 / JX-E002 messages at the row.
        let at_row = || pairing_findings_at(&store, eval_revision, p, k);
        let set_target = |value: String| {
            let store = &store;
            async move {
                let (before, _) = store.indicator(target_row).await.unwrap();
                let changes = IndicatorChanges { target: Some(Some(value)), ..Default::default() };
                store.update_indicator(admin, &before, before.version, &changes).await.unwrap();
            }
        };
        let quotes = |found: &[(String, String)], value: &str| {
            found.iter().any(|(r, m)| r == "JX-E015" && m.contains(&format!("批复目标“{value}”")))
                && found.iter().any(|(r, m)| r == "JX-E002" && m.contains(&format!("未达到年度指标值{value}")))
        };
        assert!(quotes(&at_row().await, &approved), "{backend}: as imported: {:?}", at_row().await);

        // The target edited to the value the 自评表 reprints: they agree, the row's score holds.
        set_target(printed.clone()).await;
        assert_eq!(at_row().await, vec![], "{backend}: the target agrees after the edit");
        // Edited away again: the findings quote the new value.
        set_target(edited.clone()).await;
        let found = at_row().await;
        assert!(quotes(&found, &edited) && found.len() == 2, "{backend}: {found:?}");

        // A rename parts the pair (different name, no code in common): no approved target to
        // judge against; the old name back pairs them again.
        let rename = |name: &str, code: Option<String>| {
            let store = &store;
            let name = name.to_string();
            async move {
                let before = store.project(target_project).await.unwrap();
                let changes = ProjectChanges { name: Some(name), code: Some(code), ..Default::default() };
                store.update_project(admin, &before, before.version, &changes).await.unwrap();
            }
        };
        let old_name = store.project(target_project).await.unwrap().name;
        let old_code = store.project(target_project).await.unwrap().code;
        rename("另一个完全不同的项目", None).await;
        assert_eq!(at_row().await, vec![], "{backend}: renamed, unpaired");
        rename(&old_name, old_code.clone()).await;
        assert!(quotes(&at_row().await, &edited), "{backend}: paired again: {:?}", at_row().await);
        // A second project of the same name and code created beside it: two fit equally well,
        // the 自评表 is paired with neither (never guessed); deleted, the pair is back.
        let document = store.document(jixiao_store::Visibility::Everything, target_document).await.unwrap();
        let twin = ProjectChanges { name: Some(old_name.clone()), code: Some(old_code.clone()), ..Default::default() };
        let twin = store.create_project(admin, &document, &twin).await.unwrap();
        assert_eq!(at_row().await, vec![], "{backend}: two target projects fit: unpaired");
        store.delete_project(admin, &twin, twin.version).await.unwrap();
        assert!(quotes(&at_row().await, &edited), "{backend}: the twin deleted: {:?}", at_row().await);

        // The 自评表 approved (published), its target table still a draft: the findings the
        // public reads quote no draft value, whatever the draft's edits.
        let before = store.project(eval_project).await.unwrap();
        store.transition(admin, &before, before.version, Status::Approved, "approve", None).await.unwrap();
        assert_eq!(at_row().await, vec![], "{backend}: published 自评表, draft target table");
        let draft_value = times(30);
        set_target(draft_value.clone()).await;
        let quoted: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM findings WHERE revision_id = $1 AND message LIKE $2")
            .bind(eval_revision)
            .bind(format!("%{draft_value}%"))
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(quoted, 0, "{backend}: a draft target quoted to the public");
        assert_eq!(at_row().await, vec![], "{backend}: draft edited");
        // Approved, the target table is the one it is judged against (the workflow's review).
        let before = store.project(target_project).await.unwrap();
        store.transition(admin, &before, before.version, Status::Approved, "approve", None).await.unwrap();
        assert!(quotes(&at_row().await, &draft_value), "{backend}: approved: {:?}", at_row().await);

        // The target table deleted: nothing left to judge against.
        store.delete_document(admin, target_document).await.unwrap();
        assert_eq!(at_row().await, vec![], "{backend}: target table deleted");
        store.close().await;
    }
}

/// Issue 15: `approve_all_drafts` (the demo loader's) publishes draft target tables at once,
/// which changes what a published 自评表 is judged against: a 自评表 approved while its target
/// table was a draft carries no finding quoting that draft; once the bulk approval publishes
/// the target table, the 自评表's stored findings are those of a review against it (JX-E015
/// and JX-E002 quoting the approved value), as a workflow step's approval gives — on both
/// backends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approving_all_drafts_rereviews_paired_self_evaluations() {
    use jixiao_import::{import_draft, import_read, DraftDocument, ReadDocument};
    use jixiao_model::{Located, Target};
    use jixiao_store::{NewUser, Role, Status};
    let (name, bytes, doc, p, k) = self_evaluation_with_a_met_row();
    let row = &doc.projects[p].indicators[k];
    let jixiao_model::TargetValue::Quantity { unit, .. } = &row.target.as_ref().unwrap().value.value else { unreachable!() };
    let actual = &row.evaluation.as_ref().unwrap().actual.as_ref().unwrap().value.value;
    let jixiao_model::TargetValue::Quantity { value: got, .. } = actual else { unreachable!() };
    let approved = format!("≥{}{}", (*got * jixiao_model::Decimal::from(10)).normalize(), unit.clone().unwrap_or_default());
    let mut targets = doc.targets_only();
    targets.projects[p].indicators[k].target = Some(Located::new(Target::parse(&approved), row.at));
    let target_draft = DraftDocument::new("绩效目标表.txt", b"targets".to_vec(), targets);

    for (backend, store) in backends("approveall").await {
        let store = store.with_reviewer(std::sync::Arc::new(jixiao_import::StoredReviewer::new()));
        let options = ImportOptions::default();
        let read = ReadDocument::read(&name, bytes.clone()).unwrap();
        let ImportOutcome::Imported { revision_id: eval_revision, .. } = import_read(&store, &read, &options).await.unwrap() else {
            panic!("{backend}: 自评表 not imported")
        };
        import_draft(&store, &target_draft, &options).await.unwrap();
        let admin = NewUser { username: "admin", display_name: "管理员", password_hash: "x", role: Role::Admin, department_id: None };
        let admin = store.create_user(None, &admin).await.unwrap().id;
        let eval_project: i64 = sqlx::query_scalar("SELECT id FROM projects WHERE revision_id = $1 AND position = $2")
            .bind(eval_revision)
            .bind(p as i64)
            .fetch_one(store.pool())
            .await
            .unwrap();
        let at_row = || pairing_findings_at(&store, eval_revision, p, k);
        let quotes = |found: &[(String, String)]| {
            found.iter().any(|(r, m)| r == "JX-E015" && m.contains(&format!("批复目标“{approved}”")))
                && found.iter().any(|(r, m)| r == "JX-E002" && m.contains(&format!("未达到年度指标值{approved}")))
        };
        // The 自评表 alone approved: published, judged against no draft.
        let before = store.project(eval_project).await.unwrap();
        store.transition(admin, &before, before.version, Status::Approved, "approve", None).await.unwrap();
        assert_eq!(at_row().await, vec![], "{backend}: published 自评表, draft target table");
        // Every draft approved at once: the target table is published, the 自评表 judged against it.
        store.approve_all_drafts().await.unwrap();
        let found = at_row().await;
        assert!(quotes(&found), "{backend}: after approve_all_drafts: {found:?}");
        // The same findings a review of the revision from scratch stores.
        let before: Vec<(String, String)> = sqlx::query_as("SELECT rule, message FROM findings WHERE revision_id = $1 ORDER BY rule, message")
            .bind(eval_revision)
            .fetch_all(store.pool())
            .await
            .unwrap();
        store.rereview_revision(eval_revision).await.unwrap();
        let again: Vec<(String, String)> = sqlx::query_as("SELECT rule, message FROM findings WHERE revision_id = $1 ORDER BY rule, message")
            .bind(eval_revision)
            .fetch_all(store.pool())
            .await
            .unwrap();
        assert_eq!(before, again, "{backend}");
        store.close().await;
    }
}

/// What a project keeps in the store, as `jixiao-model` values give it back (the read-back
/// keeps each row's line but not its cell, and not a project's unit or spending plan, which
/// have their own tables and pages).
fn stored_parts(p: &jixiao_model::Project) -> Vec<String> {
    let text = |l: &Option<jixiao_model::Located<String>>| l.as_ref().map(|l| l.value.clone());
    let money = |m: &Option<jixiao_model::Located<jixiao_model::Money>>| m.as_ref().map(|m| m.value.0.normalize().to_string());
    let mut parts = vec![format!(
        "{:?} {:?} {:?} {:?} {:?} {:?} {:?}",
        text(&p.code),
        p.name.value,
        money(&p.budget.total),
        money(&p.budget.fiscal),
        money(&p.budget.other),
        text(&p.purpose),
        p.goals.iter().map(|g| &g.value).collect::<Vec<_>>(),
    )];
    parts.extend(p.indicators.iter().map(|i| {
        format!(
            "{:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {}",
            i.level1.printed.value,
            i.level2.printed.value,
            text(&i.level3),
            text(&i.description),
            i.target.as_ref().map(|t| (&t.value.printed, serde_json::to_string(&t.value.value).unwrap())),
            text(&i.basis),
            i.weight.map(|w| w.normalize()),
            i.evaluation,
            p.evaluation,
            i.at.line,
        )
    }));
    parts
}

/// A document imported in a batch (`import_paths`: several files read and reviewed at once
/// while one writer stores them, each in its own transaction) reads back as it was read:
/// every project with its budget, goals and indicator rows, every finding of every rule set
/// on its project and row, and every grade — for each seed, on both backends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_import_reads_back_as_read() {
    for (backend, store) in backends("readback").await {
        let store = jixiao_import::reviewing(store);
        let summary = import_paths(&store, &[seeds_dir()], 3, &ImportOptions::default(), |_, _, _| {}).await;
        assert_eq!(summary.imported.len(), 5, "{backend}: {:?}", summary.failed);
        let stored = store.visible_model_projects(jixiao_store::Visibility::Everything).await.unwrap();
        let mut projects = 0;
        for (file, outcome) in &summary.imported {
            let ImportOutcome::Imported { document_id, revision_id, .. } = *outcome else {
                panic!("{backend} {file}: {outcome:?}")
            };
            let name = Path::new(file).file_name().unwrap().to_string_lossy().into_owned();
            let read = jixiao_import::ReadDocument::read(&name, std::fs::read(file).unwrap()).unwrap();
            let doc = &read.reading.document;
            let mine: Vec<_> = stored.iter().filter(|v| v.document_id == document_id).collect();
            assert_eq!(mine.len(), doc.projects.len(), "{backend} {name}");
            for (v, p) in mine.iter().zip(&doc.projects) {
                assert_eq!(stored_parts(&v.project), stored_parts(p), "{backend} {name} 「{}」", p.name.value);
                assert_eq!(v.department.as_deref(), read.department(), "{backend} {name}");
                assert_eq!(v.year, doc.year.as_ref().map(|y| i64::from(y.value)), "{backend} {name}");
                projects += 1;
            }
            let findings: Vec<(String, String, String, String, i64, Option<i64>, Option<i64>, Option<i64>)> = sqlx::query_as(
                "SELECT rule, rule_set, severity, message, line, cell, project_position, row_position \
                 FROM findings WHERE revision_id = $1 ORDER BY id",
            )
            .bind(revision_id)
            .fetch_all(store.pool())
            .await
            .unwrap();
            let expected: Vec<_> = read
                .findings()
                .into_iter()
                .map(|f| {
                    (
                        f.rule,
                        f.rule_set,
                        serde_json::to_value(f.severity).unwrap().as_str().unwrap().to_string(),
                        f.message,
                        i64::from(f.line),
                        f.cell.map(i64::from),
                        f.project.map(|p| p as i64),
                        f.row.map(|r| r as i64),
                    )
                })
                .collect();
            assert!(!expected.is_empty(), "{backend} {name}: the seeds have findings");
            assert_eq!(findings, expected, "{backend} {name}");
            let grades = read.grades();
            let stored_grades: Vec<(Option<i64>, Option<String>)> =
                sqlx::query_as("SELECT grade_value, grade FROM projects WHERE revision_id = $1 ORDER BY position")
                    .bind(revision_id)
                    .fetch_all(store.pool())
                    .await
                    .unwrap();
            let expected_grades: Vec<_> = grades.projects.iter().map(|g| (Some(g.value), Some(g.grade.clone()))).collect();
            assert_eq!(stored_grades, expected_grades, "{backend} {name}");
            let document_grade = store.revision_grade(revision_id).await.unwrap().map(|g| (g.value, g.grade));
            assert_eq!(document_grade, grades.document.map(|g| (g.value, g.grade)), "{backend} {name}");
        }
        assert!(projects >= 40, "{backend}: {projects} projects");
        assert_project_counts_agree(&store, backend).await;
        store.close().await;
    }
}
