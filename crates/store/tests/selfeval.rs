//! Published self-evaluations (自评表, issue 15) through the store on SQLite and PostgreSQL:
//! every 自评表 of the corpus saved and read back as `jixiao-model` values — each row's
//! 实际完成值 (typed again), 得分 (exact, printed decimals kept) and 偏差原因, each project's
//! funds block, 实际完成情况, total and grade — and a target table paired with its
//! self-evaluation whichever is imported first, under each reader's visibility.

use std::path::{Path, PathBuf};

use jixiao_model::pairing::PairedBy;
use std::str::FromStr;

use jixiao_model::{Decimal, Document, EvaluationFunds, FundLine, Located, Money, Origin, Project, ProjectEvaluation};
use jixiao_store::{ImportOptions, ImportOutcome, NewGrades, NewRevision, NewUser, Role, Status, Store, StoreError, Visibility};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/corpus")
}

/// A 自评表's project part as printed: the funds block (amounts exact, a rate with its
/// printed decimals), 实际完成情况, total and grade, each at its place. (The reader fills the
/// rows of the corpus's tables; this is what it gives where it reads the project part too.)
fn printed_part() -> ProjectEvaluation {
    let d = |s: &str| Decimal::from_str(s).unwrap();
    let at = |line, cell| Origin::cell(line, cell);
    let line = FundLine {
        initial: Some(Located::new(Money(d("0.00")), at(17, 2))),
        adjusted: Some(Located::new(Money(d("3.36")), at(17, 3))),
        executed: Some(Located::new(Money(d("3.30")), at(17, 4))),
        points: Some(Located::new(d("10"), at(17, 6))),
        rate: Some(Located::new(d("100.00"), at(17, 5))),
        score: Some(Located::new(d("10"), at(17, 7))),
        at: at(17, 1),
    };
    ProjectEvaluation {
        funds: EvaluationFunds { total: Some(line.clone()), fiscal: Some(FundLine { points: None, score: None, at: at(18, 1), ..line }), ..Default::default() },
        goal_actual: vec![Located::new("2023年购买13台安可电脑，并于12月前完成资金支付。".into(), at(14, 2))],
        total_points: Some(Located::new(d("100"), at(40, 2))),
        total_score: Some(Located::new(d("99.50"), at(40, 3))),
        grade: Some(Located::new("优".into(), at(41, 2))),
        budget_explanation: Some(Located::new("无".into(), at(17, 8))),
    }
}

/// Every self-evaluation of the corpus (`selfeval_*.txt`), read; the first project of the
/// first one with its printed project part ([`printed_part`]).
fn self_evaluations() -> Vec<(String, Vec<u8>, Document)> {
    let mut names: Vec<String> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("selfeval_") && n.ends_with(".txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 12, "{names:?}");
    let mut docs: Vec<(String, Vec<u8>, Document)> = names
        .into_iter()
        .map(|n| {
            let bytes = std::fs::read(corpus().join(&n)).unwrap();
            let doc = jixiao_read::read_bytes(&n, &bytes).unwrap().document;
            (n, bytes, doc)
        })
        .collect();
    let first = docs.iter_mut().find(|d| !d.2.projects.is_empty()).unwrap();
    first.2.projects[0].evaluation = Some(Box::new(printed_part()));
    docs
}

fn pg_url() -> String {
    std::env::var("JIXIAO_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

async fn sqlite(tag: &str) -> Store {
    let dir = std::env::temp_dir().join(format!("jixiao-selfeval-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    jixiao_store::testing::fresh_sqlite(&dir.join("s.db")).await.unwrap()
}

async fn postgres(tag: &str) -> Store {
    let name = format!("jixiao_selfeval_{tag}_{}", std::process::id());
    jixiao_store::testing::fresh_postgres(&pg_url(), &name)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL 无法连接（{}）：{e}。请先运行 scripts/pg-test-server.sh", pg_url()))
}

async fn save(store: &Store, name: &str, bytes: &[u8], doc: &Document) -> i64 {
    let grades = NewGrades::default();
    let sha = format!("{:x}", bytes.len() as u64 * 7919 + name.len() as u64);
    let new = NewRevision { file_name: name, bytes, sha256: &sha, carrier: "Text(Utf8)", document: doc, findings: &[], grades: &grades };
    match store.save_revision(&new, &ImportOptions::default()).await.unwrap() {
        ImportOutcome::Imported { document_id, .. } => document_id,
        other => panic!("{name}: {other:?}"),
    }
}

/// What a row's self-evaluation must keep: the actual as printed and as typed, the score's
/// exact text (its printed decimals), the deviation.
fn row_parts(p: &Project) -> Vec<(Option<String>, Option<String>, Option<String>, Option<String>)> {
    p.indicators
        .iter()
        .map(|i| {
            let e = i.evaluation.as_ref();
            let actual = e.and_then(|e| e.actual.as_ref());
            (
                actual.map(|a| a.value.printed.clone()),
                actual.map(|a| serde_json::to_string(&a.value.value).unwrap()),
                e.and_then(|e| e.score).map(|s| s.to_string()),
                e.and_then(|e| e.deviation.as_ref()).map(|d| d.value.clone()),
            )
        })
        .collect()
}

async fn round_trip(b: &str, store: Store) {
    let docs = self_evaluations();
    let (mut projects, mut rows, mut scored, mut funds) = (0, 0, 0, 0);
    for (name, bytes, doc) in &docs {
        let document_id = save(&store, name, bytes, doc).await;
        let stored: Vec<_> = store
            .visible_model_projects(Visibility::Everything)
            .await
            .unwrap()
            .into_iter()
            .filter(|v| v.document_id == document_id)
            .collect();
        let names: Vec<&str> = stored.iter().map(|v| v.project.name.value.as_str()).collect();
        let read: Vec<&str> = doc.projects.iter().map(|p| p.name.value.as_str()).collect();
        assert_eq!(names, read, "{b} {name}");
        for (v, p) in stored.iter().zip(&doc.projects) {
            let at = format!("{b} {name} 「{}」", p.name.value);
            assert_eq!(row_parts(&v.project), row_parts(p), "{at}");
            // The project part as read, origins and exact amounts included; `{}` for a
            // self-evaluation that prints only rows, nothing for a target table.
            let expected = p.is_self_evaluation().then(|| p.evaluation.clone().unwrap_or_default());
            assert_eq!(v.project.evaluation, expected, "{at}");
            assert_eq!(v.project.is_self_evaluation(), p.is_self_evaluation(), "{at}");
            // The one-project read gives the same.
            let one = store.model_project(&store.project(v.id).await.unwrap()).await.unwrap();
            assert_eq!((row_parts(&one), &one.evaluation), (row_parts(p), &expected), "{at}");
            projects += 1;
            rows += p.indicators.iter().filter(|i| i.evaluation.is_some()).count();
            scored += p.indicators.iter().filter(|i| i.evaluation.as_ref().is_some_and(|e| e.score.is_some())).count();
            funds += usize::from(p.evaluation.as_ref().is_some_and(|e| !e.funds.is_empty()));
        }
        // The API's row: the actual, the exact score and the deviation as printed.
        let Some(first) = stored.first() else { continue };
        let stored_rows = store.indicators_of(first.id).await.unwrap();
        for (s, i) in stored_rows.iter().zip(&doc.projects[0].indicators) {
            let e = i.evaluation.as_ref();
            assert_eq!(s.actual_printed, e.and_then(|e| e.actual.as_ref()).map(|a| a.value.printed.clone()), "{b} {name}");
            assert_eq!(s.score, e.and_then(|e| e.score).map(|s| s.to_string()), "{b} {name}");
        }
    }
    // The reader reads the funds block of most corpus 自评表 (the hand-made part is one more).
    assert!(projects >= 25 && rows > 150 && scored > 100 && funds >= 10, "{b}: {projects} projects, {rows} rows, {scored} scored, {funds} funds blocks");
    // The printed part's figures keep their printed decimals (`100.00%`, `99.50`).
    let hand_made = |e: &jixiao_model::ProjectEvaluation| e.total_score.as_ref().is_some_and(|s| s.value.to_string() == "99.50");
    let part = store.visible_model_projects(Visibility::Everything).await.unwrap().into_iter().find_map(|v| v.project.evaluation.filter(|e| hand_made(e))).unwrap();
    let rate = part.funds.total.as_ref().unwrap().rate.as_ref().unwrap();
    assert_eq!((rate.value.to_string(), part.total_score.as_ref().unwrap().value.to_string()), ("100.00".into(), "99.50".into()), "{b}");
    // The department comparison sums the printed totals (自评得分) in SQL, exactly.
    let first = docs.iter().find(|d| !d.2.projects.is_empty()).unwrap();
    let year = i64::from(first.2.year.as_ref().unwrap().value);
    let figures = store.department_figures(Visibility::Everything, year).await.unwrap();
    let evaluated: i64 = figures.iter().map(|f| f.self_evaluated).sum();
    let sum: Decimal = figures.iter().map(|f| f.self_score_sum).sum();
    // Every printed total of the year: the hand-made part's and those the reader read.
    let totals: Vec<Decimal> = docs
        .iter()
        .filter(|d| d.2.year.as_ref().is_some_and(|y| i64::from(y.value) == year))
        .flat_map(|d| &d.2.projects)
        .filter_map(|p| p.evaluation.as_ref()?.total_score.as_ref().map(|s| s.value))
        .collect();
    assert!(totals.len() >= 2, "{b}: {totals:?}");
    let expected: Decimal = totals.iter().copied().sum();
    assert_eq!((evaluated, sum), (totals.len() as i64, expected), "{b}");
    assert!(store.department_figures(Visibility::Published, year).await.unwrap().is_empty(), "{b}: drafts");
    // A score's printed decimals survive (`9.50` stays `9.50`, judged to its last digit).
    let decimals = docs
        .iter()
        .flat_map(|(_, _, d)| &d.projects)
        .flat_map(|p| &p.indicators)
        .filter_map(|i| i.evaluation.as_ref()?.score)
        .filter(|s| s.scale() > 0)
        .count();
    assert!(decimals > 0, "{b}: the corpus prints scores with decimals");
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn self_evaluations_round_trip_on_sqlite() {
    round_trip("sqlite", sqlite("roundtrip").await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn self_evaluations_round_trip_on_postgres() {
    round_trip("postgres", postgres("roundtrip").await).await;
}

/// The 自评表 as its target table: the same projects with the rows' targets only.
fn as_target_table(doc: &Document) -> Document {
    let mut t = doc.clone();
    for p in &mut t.projects {
        p.evaluation = None;
        for i in &mut p.indicators {
            i.evaluation = None;
        }
    }
    t
}

async fn pairing(b: &str, store: Store) {
    let docs = self_evaluations();
    // One 自评表 imported before its target table, another after.
    // (Only the projects a form names: `daying_sifa`'s page opens on the unnamed tail of another
    // table, which nothing can pair.)
    let pick = |n: &str| {
        let (name, bytes, mut doc) = docs.iter().find(|d| d.0.contains(n)).unwrap().clone();
        doc.projects.retain(|p| !p.name.value.is_empty() || p.code.is_some());
        (name, bytes, doc)
    };
    let first = pick("daying_sifa");
    let second = pick("hengshan_liangshi");
    let eval_first = save(&store, &first.0, &first.1, &first.2).await;
    let target_first = save(&store, &format!("目标表-{}", first.0), b"targets-1", &as_target_table(&first.2)).await;
    let target_second = save(&store, &format!("目标表-{}", second.0), b"targets-2", &as_target_table(&second.2)).await;
    let eval_second = save(&store, &second.0, &second.1, &second.2).await;
    let everything = Visibility::Everything;
    let projects_of = |doc: i64| {
        let store = store.clone();
        async move {
            let all = store.visible_model_projects(Visibility::Everything).await.unwrap();
            all.into_iter().filter(|v| v.document_id == doc).map(|v| v.id).collect::<Vec<_>>()
        }
    };
    for (evals, targets, doc) in [(eval_first, target_first, &first.2), (eval_second, target_second, &second.2)] {
        let (evals, targets) = (projects_of(evals).await, projects_of(targets).await);
        assert_eq!(evals.len(), doc.projects.len(), "{b}");
        for (k, (&e, &t)) in evals.iter().zip(&targets).enumerate() {
            let by = if doc.projects[k].code.is_some() { PairedBy::Code } else { PairedBy::Name };
            let to_eval = store.paired_project(everything, t).await.unwrap().unwrap_or_else(|| panic!("{b}: {t} unpaired"));
            assert_eq!((to_eval.id, to_eval.self_evaluation, to_eval.by), (e, true, by), "{b}");
            let to_target = store.paired_project(everything, e).await.unwrap().unwrap();
            assert_eq!((to_target.id, to_target.self_evaluation, to_target.by), (t, false, by), "{b}");
        }
    }
    // By code alone: the 自评表 prints `51 0923t0001` where the target table of another
    // department (the budget system's code is the project's identity) prints another name and
    // `510923T0001`; a third project of that code and kind makes it ambiguous, so unpaired.
    let third = docs.iter().find(|d| !d.2.projects.is_empty() && !d.0.contains("daying_sifa") && !d.0.contains("hengshan")).unwrap();
    let mut coded = third.2.clone();
    coded.projects.truncate(1);
    coded.projects[0].code = Some(Located::new("51 0923t0001".into(), Origin::line(3)));
    let mut targets = as_target_table(&coded);
    targets.department = Some(Located::new("另一个部门".into(), Origin::line(1)));
    targets.projects[0].name.value = "改了名的项目".into();
    targets.projects[0].code = Some(Located::new("510923T0001".into(), Origin::line(3)));
    let coded_eval = projects_of(save(&store, &third.0, &third.1, &coded).await).await[0];
    let coded_target = projects_of(save(&store, "另一部门目标表", b"targets-3", &targets).await).await[0];
    let paired = store.paired_project(everything, coded_eval).await.unwrap().unwrap();
    assert_eq!((paired.id, paired.by, paired.name.as_str()), (coded_target, PairedBy::Code, "改了名的项目"), "{b}");
    assert_eq!(store.paired_project(everything, coded_target).await.unwrap().map(|p| p.id), Some(coded_eval), "{b}");
    targets.department = Some(Located::new("第三个部门".into(), Origin::line(1)));
    let rival = projects_of(save(&store, "第三部门目标表", b"targets-4", &targets).await).await[0];
    assert_eq!(store.paired_project(everything, coded_eval).await.unwrap(), None, "{b}: two target tables fit");
    assert_eq!(store.paired_project(everything, rival).await.unwrap(), None, "{b}");
    // Visibility: every project is a draft, so the public sees neither side (asking about a
    // project it may not see is 404), a filler of another department sees no partner, the
    // own department's filler sees it.
    let t = projects_of(target_first).await[0];
    let e = projects_of(eval_first).await[0];
    assert!(matches!(store.paired_project(Visibility::Published, t).await, Err(StoreError::NotFound(_))), "{b}");
    let own = store.project(t).await.unwrap().department_id.unwrap();
    assert_eq!(store.paired_project(Visibility::Department(own), t).await.unwrap().map(|p| p.id), Some(e), "{b}");
    assert!(matches!(store.paired_project(Visibility::Department(own + 1000), t).await, Err(StoreError::NotFound(_))), "{b}");
    // Approve the target table only: the public sees it, not its draft self-evaluation.
    let admin = store
        .create_user(
            None,
            &NewUser { username: "admin", display_name: "管理员", password_hash: "x", role: Role::Admin, department_id: None },
        )
        .await
        .unwrap();
    for id in projects_of(target_first).await {
        let p = store.project(id).await.unwrap();
        store.transition(admin.id, &p, p.version, Status::Approved, "approve", None).await.unwrap();
    }
    assert_eq!(store.paired_project(Visibility::Published, t).await.unwrap(), None, "{b}: the draft self-evaluation stays hidden");
    assert_eq!(store.paired_project(Visibility::Department(own + 1000), t).await.unwrap(), None, "{b}");
    assert!(matches!(store.paired_project(Visibility::Published, e).await, Err(StoreError::NotFound(_))), "{b}");
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_target_table_pairs_with_its_self_evaluation_on_sqlite() {
    pairing("sqlite", sqlite("pairing").await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_target_table_pairs_with_its_self_evaluation_on_postgres() {
    pairing("postgres", postgres("pairing").await).await;
}

/// Issue 15, item 5: a year-end monitoring entry keeps what the 自评 needs besides its totals
/// (migration 0015): the funds' sources, 实际完成情况 and the reason for a low execution rate,
/// exactly as given, on creation and on update (a field cleared is cleared), in its audit
/// entry before and after; an entry of another period carries none.
async fn year_end_monitoring(b: &str, store: Store) {
    use jixiao_store::{AuditFilter, MonitoringFigures, Slice, YearEndFigures};
    let docs = self_evaluations();
    let (name, bytes, doc) = docs.iter().find(|d| !d.2.projects.is_empty()).unwrap();
    let document_id = save(&store, name, bytes, doc).await;
    let id = store.visible_model_projects(Visibility::Everything).await.unwrap().into_iter().find(|v| v.document_id == document_id).unwrap().id;
    let project = store.project(id).await.unwrap();
    let admin = NewUser { username: "admin", display_name: "管理员", password_hash: "x", role: Role::Admin, department_id: None };
    let admin = store.create_user(None, &admin).await.unwrap().id;
    let plain = MonitoringFigures::<serde_json::Value> {
        annual_budget: Some("12.5".into()),
        spent_to_date: Some("10".into()),
        expected_full_year_spend: None,
        indicators: vec![],
        year_end: YearEndFigures::default(),
    };
    let (july, _) = store.save_monitoring(admin, &project, (1, 7), 0, &plain).await.unwrap();
    assert!(july.year_end.is_empty(), "{b}");
    let mut year_end = MonitoringFigures {
        year_end: YearEndFigures {
            fiscal_budget: Some("10.5".into()),
            fiscal_spent: Some("9.75".into()),
            carried_over_budget: Some("2".into()),
            carried_over_spent: Some("0.25".into()),
            other_budget: None,
            other_spent: None,
            goal_actual: Some("全年完成培训 120 人次，长效机制已建立。".into()),
            budget_explanation: Some("部分设备采购款按合同于次年初支付。".into()),
        },
        ..plain.clone()
    };
    let (created, fresh) = store.save_monitoring(admin, &project, (1, 12), 0, &year_end).await.unwrap();
    assert!(fresh, "{b}");
    assert_eq!(created.year_end, year_end.year_end, "{b}");
    let read = store.monitoring_entry::<serde_json::Value>(id, (1, 12)).await.unwrap().unwrap();
    assert_eq!(read.year_end, year_end.year_end, "{b}: read back exactly");
    assert!(store.monitoring_entry::<serde_json::Value>(id, (1, 7)).await.unwrap().unwrap().year_end.is_empty(), "{b}");
    year_end.year_end.other_budget = Some("0".into());
    year_end.year_end.budget_explanation = None;
    let (updated, fresh) = store.save_monitoring(admin, &project, (1, 12), 1, &year_end).await.unwrap();
    assert_eq!((fresh, updated.version), (false, 2), "{b}");
    let read = store.monitoring_entry::<serde_json::Value>(id, (1, 12)).await.unwrap().unwrap();
    assert_eq!(read.year_end, year_end.year_end, "{b}: updated, the reason cleared");
    // The comparisons' latest entry is the year-end one, with its figures.
    let figures = store.project_figures::<serde_json::Value>(Visibility::Everything, jixiao_store::FiguresOf::Projects(&[id])).await.unwrap();
    assert_eq!(figures[0].monitoring.as_ref().map(|m| m.year_end.clone()), Some(year_end.year_end.clone()), "{b}");
    let filter = AuditFilter { entity: Some("monitoring".into()), entity_id: Some(updated.id), ..AuditFilter::default() };
    let audited = store.audit_log(&filter, Slice { offset: 0, limit: 10 }).await.unwrap();
    let last = &audited.items[0];
    let (before, after) = (last.before.as_ref().unwrap(), last.after.as_ref().unwrap());
    assert_eq!(
        (&before["year_end"]["budget_explanation"], &after["year_end"]["budget_explanation"], &after["year_end"]["other_budget"]),
        (&serde_json::json!("部分设备采购款按合同于次年初支付。"), &serde_json::Value::Null, &serde_json::json!("0")),
        "{b}"
    );
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn year_end_monitoring_round_trip_on_sqlite() {
    year_end_monitoring("sqlite", sqlite("yearend").await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn year_end_monitoring_round_trip_on_postgres() {
    year_end_monitoring("postgres", postgres("yearend").await).await;
}
