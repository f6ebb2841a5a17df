//! The store's conformance suite: one story that calls every operation of [`Store`] — and so
//! runs every query the store has — on a fresh SQLite file and on a fresh PostgreSQL database
//! (127.0.0.1:5432 by default; `JIXIAO_TEST_PG_URL` to change). The queries are written once
//! for both backends and checked by no compiler: this is what checks them.
//! `every_operation_is_in_the_story` keeps it so: an operation the story does not call fails it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jixiao_model::Severity;
use jixiao_store::{
    AccountChanges, AuditFilter, Direction, FiguresOf, FiscalYear, FiscalYearChanges, NewFiscalYear, ImportOptions, ImportOutcome, IndicatorChanges, ListFilter, MonitoringFigures, YearEndFigures,
    FindingQuote, NewAudit, NewFinding, NewGrades, NewOrganisation, NewRevision, NewUser, OrganisationChanges,
    ProjectChanges, Reviewed, Reviewer, Role, Slice, Status, Store, StoreError, StoredGrade, StoredRevision, Visibility,
};
use serde_json::{json, Value};

const ALL: Slice = Slice { offset: 0, limit: 200 };
/// 门源县应急管理局, 2023, 8 projects.
const SEED_A: &str = "002_cab738b0acffaaf0.txt";
/// 石家庄高新区应急管理局, 2020.
const SEED_B: &str = "004_ef264869df8a45bf.txt";

fn seed(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds").join(name)).unwrap()
}

fn pg_url() -> String {
    std::env::var("JIXIAO_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-store-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn document(name: &str, bytes: &[u8]) -> jixiao_model::Document {
    jixiao_read::read_bytes(name, bytes).unwrap().document
}

/// A finding about project 0 and one about the document as a whole.
fn findings() -> Vec<NewFinding> {
    vec![
        NewFinding {
            rule: "JX-T001".into(),
            rule_set: "review".into(),
            severity: Severity::Warning,
            message: "项目的问题".into(),
            line: 3,
            cell: Some(2),
            project: Some(0),
            row: Some(1),
            suggestion: None,
            quotes: Vec::new(),
        },
        NewFinding {
            rule: "read.diagnostic".into(),
            rule_set: "read".into(),
            severity: Severity::Error,
            // Control characters are scrubbed from stored messages.
            message: "文档的问题\u{1b}".into(),
            line: 1,
            cell: None,
            project: None,
            row: None,
            suggestion: None,
            quotes: Vec::new(),
        },
    ]
}

fn grade(value: i64, grade: &str) -> StoredGrade {
    StoredGrade { value, grade: grade.into(), reasons: vec![format!("结论：“{grade}”。")] }
}

/// The review's grades as the import stores them: the document 良; project 0 良 (its one
/// warning), the others 优.
fn grades() -> &'static NewGrades {
    static GRADES: std::sync::OnceLock<NewGrades> = std::sync::OnceLock::new();
    GRADES.get_or_init(|| NewGrades {
        document: Some(grade(85, "良")),
        projects: (0..64).map(|i| if i == 0 { grade(84, "良") } else { grade(100, "优") }).collect(),
    })
}

/// A review again that finds one problem in the first row of the first project and one of
/// the document, and grades everything 中 (the document 差).
struct Fixed;

impl Reviewer for Fixed {
    fn review(&self, rev: &StoredRevision) -> Reviewed {
        let mut found = vec![NewFinding {
            rule: "JX-C001".into(),
            rule_set: "review".into(),
            severity: Severity::Error,
            message: format!("重新审核：{}个项目", rev.projects.len()),
            line: 7,
            cell: None,
            project: Some(0),
            row: Some(0),
            suggestion: Some("重新审核的建议".into()),
            quotes: vec![FindingQuote { field: "指标值".into(), value: "≥100%".into() }],
        }];
        found.push(NewFinding { project: None, row: Some(3), message: "重新审核：文档".into(), ..found[0].clone() });
        Reviewed {
            findings: found,
            grades: NewGrades { document: Some(grade(40, "差")), projects: rev.projects.iter().map(|_| grade(70, "中")).collect() },
        }
    }
}

fn revision<'a>(
    file_name: &'a str,
    bytes: &'a [u8],
    sha256: &'a str,
    document: &'a jixiao_model::Document,
    findings: &'a [NewFinding],
) -> NewRevision<'a> {
    NewRevision { file_name, bytes, sha256, carrier: "Text(Utf8)", document, findings, grades: grades() }
}

fn filter() -> ListFilter {
    ListFilter::default()
}

fn is<T: std::fmt::Debug>(r: Result<T, StoreError>, what: fn(&StoreError) -> bool, context: &str) {
    match r {
        Err(e) if what(&e) => {}
        other => panic!("{context}: {other:?}"),
    }
}

fn not_found(e: &StoreError) -> bool {
    matches!(e, StoreError::NotFound(_))
}
fn conflict(e: &StoreError) -> bool {
    matches!(e, StoreError::Conflict(_))
}
fn invalid(e: &StoreError) -> bool {
    matches!(e, StoreError::Invalid(_))
}

async fn story(backend: &str, store: Store) {
    let b = backend;
    // ---------------------------------------------------------------- the schema
    store.migrate().await.unwrap(); // again: nothing to do
    assert!(!store.identity().is_empty());
    let empty = store.row_counts().await.unwrap();
    assert_eq!((empty.organisations, empty.documents, empty.users), (1, 0, 0), "{b}: the bureau only");
    assert!(store.years().await.unwrap().is_empty());
    let bureau = store.organisations(&filter(), ALL).await.unwrap().items[0].clone();
    assert_eq!(bureau.kind, "bureau");

    // ---------------------------------------------------------------- accounts
    assert_eq!(store.count_admins().await.unwrap(), 0);
    let new = |username, role, department_id| NewUser {
        username,
        display_name: "显示名",
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
        role,
        department_id,
    };
    let admin = store.create_user(None, &new("admin", Role::Admin, None)).await.unwrap();
    assert_eq!(store.count_admins().await.unwrap(), 1);
    is(store.create_user(Some(admin.id), &new("admin", Role::Reviewer, None)).await, conflict, b);
    is(store.create_user(Some(admin.id), &new("f", Role::Filler, Some(bureau.id))).await, invalid, b);
    let (found, hash) = store.login_candidate(" admin ").await.unwrap().unwrap();
    assert_eq!((found, hash.as_str()), (admin.clone(), "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"));
    assert!(store.login_candidate("nobody").await.unwrap().is_none());
    store.create_session(admin.id, "session-1", Duration::from_secs(3600)).await.unwrap();
    store.create_session(admin.id, "session-0", Duration::ZERO).await.unwrap();
    assert_eq!(store.user_by_session("session-1").await.unwrap(), Some(admin.clone()));
    assert_eq!(store.user_by_session("session-0").await.unwrap(), None, "{b}: expired");
    store.end_session(admin.id, Some("session-1")).await.unwrap();
    store.end_session(admin.id, None).await.unwrap();
    assert_eq!(store.user_by_session("session-1").await.unwrap(), None);
    let token = store.create_token(admin.id, "脚本", "token-1").await.unwrap();
    assert_eq!(store.user_by_token("token-1").await.unwrap(), Some(admin.clone()));
    let refusal = json!({ "username": "x" }).to_string();
    let entry = NewAudit { user_id: None, entity: "session", entity_id: None, action: "login_failed", before: None, after: Some(&refusal) };
    store.record_audit(entry).await.unwrap();
    let log = store.audit_log(&AuditFilter::default(), Slice { offset: 0, limit: 1 }).await.unwrap();
    assert_eq!(log.items[0].action, "login_failed", "{b}: newest first");
    assert_eq!(log.items[0].after, Some(json!({ "username": "x" })));
    assert!(log.total >= 6, "{b}: {}", log.total);

    // ---------------------------------------------------------------- saving documents
    let (bytes_a, bytes_b) = (seed(SEED_A), seed(SEED_B));
    let (doc_a, doc_b) = (document("a.txt", &bytes_a), document("b.txt", &bytes_b));
    let found = findings();
    let stamp = store.change_stamp().await.unwrap();
    let any = ImportOptions::default();
    let ImportOutcome::Imported { document_id: doc_a_id, revision_id: rev_a1, revision: 1 } =
        store.save_revision(&revision("a.txt", &bytes_a, "sha-a1", &doc_a, &found), &any).await.unwrap()
    else {
        panic!("{b}: a new document")
    };
    assert!(store.change_stamp().await.unwrap() > stamp, "{b}: a save moves the stamp");
    assert_eq!(
        store.save_revision(&revision("a.txt", &bytes_a, "sha-a1", &doc_a, &found), &any).await.unwrap(),
        ImportOutcome::Unchanged { document_id: doc_a_id, revision_id: rev_a1 }
    );
    assert_eq!(
        store.unchanged("a.txt", "sha-a1").await.unwrap(),
        Some(ImportOutcome::Unchanged { document_id: doc_a_id, revision_id: rev_a1 })
    );
    assert_eq!(store.unchanged("a.txt", "sha-other").await.unwrap(), None);
    let ImportOutcome::Imported { document_id: doc_b_id, .. } =
        store.save_revision(&revision("b.txt", &bytes_b, "sha-b1", &doc_b, &found), &any).await.unwrap()
    else {
        panic!("{b}")
    };
    let departments = store.organisations(&ListFilter { parent: Some(bureau.id), ..filter() }, ALL).await.unwrap();
    assert_eq!(departments.total, 2, "{b}");
    let dept = |name: &str| departments.items.iter().find(|o| o.name == name).unwrap().id;
    let (dept_a, dept_b) = (dept("门源县应急管理局"), dept("石家庄高新区应急管理局"));
    // Restricted to A, B's document is refused and nothing written.
    let before = store.row_counts().await.unwrap();
    let only_a = ImportOptions { imported_by: Some(admin.id), department: Some(dept_a) };
    is(store.save_revision(&revision("b.txt", &bytes_b, "sha-b2", &doc_b, &found), &only_a).await, |e| matches!(e, StoreError::WrongDepartment { .. }), b);
    assert_eq!(store.row_counts().await.unwrap(), before, "{b}: nothing written");
    let counts = store.revision_counts(rev_a1).await.unwrap();
    let indicators_a: usize = doc_a.projects.iter().map(|p| p.indicators.len()).sum();
    assert_eq!(
        (counts.document_id, counts.revision, counts.projects, counts.indicators, counts.findings),
        (doc_a_id, 1, doc_a.projects.len() as i64, indicators_a as i64, 2)
    );
    is(store.revision_counts(0).await, not_found, b);

    // ---------------------------------------------------------------- reads, as each reader sees them
    let filler_a = store.create_user(Some(admin.id), &new("filler_a", Role::Filler, Some(dept_a))).await.unwrap();
    let users = store.users().await.unwrap();
    assert_eq!(users.iter().map(|u| u.username.as_str()).collect::<Vec<_>>(), ["admin", "filler_a"]);
    // Administration: accounts with their versions; changes audited with before and after.
    let reviewer = store.create_user(Some(admin.id), &new("reviewer_x", Role::Reviewer, None)).await.unwrap();
    let accounts = store.accounts().await.unwrap();
    assert_eq!(accounts.iter().map(|a| (a.user.username.as_str(), a.active, a.version)).collect::<Vec<_>>(), [("admin", true, 1), ("filler_a", true, 1), ("reviewer_x", true, 1)]);
    let to_filler = AccountChanges { role: Some(Role::Filler), department_id: Some(Some(dept_b)), display_name: Some("改名".into()), ..AccountChanges::default() };
    let changed = store.update_account(admin.id, reviewer.id, 1, &to_filler).await.unwrap();
    assert_eq!((changed.user.role, changed.user.department_id, changed.version, changed.user.display_name.as_str()), (Role::Filler, Some(dept_b), 2, "改名"));
    is(store.update_account(admin.id, reviewer.id, 1, &to_filler).await, |e| matches!(e, StoreError::Stale { expected: 1, actual: 2 }), b);
    let no_department = AccountChanges { department_id: Some(None), ..AccountChanges::default() };
    is(store.update_account(admin.id, reviewer.id, 2, &no_department).await, invalid, b);
    let not_a_department = AccountChanges { department_id: Some(Some(bureau.id)), ..AccountChanges::default() };
    is(store.update_account(admin.id, reviewer.id, 2, &not_a_department).await, invalid, b);
    store.create_session(reviewer.id, "session-r", Duration::from_secs(3600)).await.unwrap();
    store.create_token(reviewer.id, "脚本", "token-r").await.unwrap();
    let reset = AccountChanges { password_hash: Some("$argon2id$new".into()), active: Some(false), ..AccountChanges::default() };
    let off = store.update_account(admin.id, reviewer.id, 2, &reset).await.unwrap();
    assert!(!off.active);
    assert_eq!(store.user_by_session("session-r").await.unwrap(), None, "{b}: a deactivated user's sessions end");
    assert!(store.login_candidate("reviewer_x").await.unwrap().is_none(), "{b}: and they cannot sign in");
    let back = AccountChanges { active: Some(true), ..AccountChanges::default() };
    let on = store.update_account(admin.id, reviewer.id, 3, &back).await.unwrap();
    assert!(on.active && store.login_candidate("reviewer_x").await.unwrap().is_some(), "{b}");
    assert_eq!(store.user_by_token("token-r").await.unwrap(), None, "{b}: the reset password revoked the token");
    let off_again = AccountChanges { active: Some(false), ..AccountChanges::default() };
    store.update_account(admin.id, reviewer.id, 4, &off_again).await.unwrap();
    let last_admin = AccountChanges { active: Some(false), ..AccountChanges::default() };
    is(store.update_account(admin.id, admin.id, 1, &last_admin).await, conflict, b);
    is(store.update_account(admin.id, 999_999, 1, &last_admin).await, not_found, b);
    let of_user = AuditFilter { entity: Some("user".into()), entity_id: Some(reviewer.id), action: Some("update".into()), ..AuditFilter::default() };
    let changes = store.audit_log(&of_user, ALL).await.unwrap();
    assert_eq!((changes.total, changes.more), (4, false), "{b}");
    // Newest first: stopped again, restored, reset and stopped, made a filler.
    assert_eq!(changes.items[2].before.as_ref().unwrap()["active"], json!(true));
    assert_eq!(changes.items[2].after.as_ref().unwrap()["password_reset"], json!(true));
    assert!(!changes.items[2].after.as_ref().unwrap().to_string().contains("argon2"), "{b}: never the hash");
    assert_eq!(changes.items[3].after.as_ref().unwrap()["role"], json!("filler"));
    assert_eq!(changes.items[0].who.as_deref(), Some(admin.display_name.as_str()));
    let by_admin = AuditFilter { user_id: Some(admin.id), from: Some("2000-01-01".into()), to: Some("9999-01-01".into()), ..AuditFilter::default() };
    assert!(store.audit_log(&by_admin, ALL).await.unwrap().total >= 4, "{b}");
    let future = AuditFilter { from: Some("9999-01-01".into()), ..AuditFilter::default() };
    assert_eq!(store.audit_log(&future, ALL).await.unwrap().total, 0, "{b}");
    let (everything, own_a, own_b, public) =
        (Visibility::Everything, Visibility::Department(dept_a), Visibility::Department(dept_b), Visibility::Published);
    assert_eq!(store.years().await.unwrap(), [2023, 2020]);
    let named = store.organisations(&ListFilter { text: Some("门源".into()), ..filter() }, ALL).await.unwrap();
    assert!(named.items.iter().any(|o| o.id == dept_a) && named.items.iter().all(|o| o.name.contains("门源")), "{b}: {:?}", named.items);
    assert_eq!(store.organisation(dept_a).await.unwrap().name, "门源县应急管理局");
    is(store.organisation(999_999).await, not_found, b);
    // Names of several at once (a queue page's departments): those that exist, each once.
    let names = store.organisation_names(&[dept_b, dept_a, 999_999, dept_a]).await.unwrap();
    assert_eq!(names.len(), 2, "{b}: {names:?}");
    assert_eq!(names[&dept_a], "门源县应急管理局", "{b}");
    assert_eq!(names[&dept_b], store.organisation(dept_b).await.unwrap().name, "{b}");
    assert!(store.organisation_names(&[]).await.unwrap().is_empty(), "{b}");
    // A count alone is the list's total, for every reader and filter.
    for seen in [Visibility::Everything, Visibility::Department(dept_a), Visibility::Published] {
        for f in [filter(), ListFilter { year: Some(2023), ..filter() }, ListFilter { status: Some(Status::Draft), ..filter() }] {
            let listed = store.projects(seen, &f, ALL).await.unwrap().total;
            assert_eq!(store.project_count(seen, &f).await.unwrap(), listed, "{b}: {seen:?} {f:?}");
        }
    }
    let docs = |seen| {
        let store = store.clone();
        async move { store.documents(seen, &filter(), ALL).await.unwrap().total }
    };
    assert_eq!((docs(everything).await, docs(own_a).await, docs(own_b).await, docs(public).await), (2, 1, 1, 0), "{b}");
    assert_eq!(store.documents(everything, &ListFilter { year: Some(2023), ..filter() }, ALL).await.unwrap().total, 1);
    assert_eq!(store.document(own_a, doc_a_id).await.unwrap().revision, Some(1));
    is(store.document(public, doc_a_id).await, not_found, b);
    is(store.document(own_b, doc_a_id).await, not_found, b);
    let revisions = store.revisions(doc_a_id).await.unwrap();
    assert_eq!(revisions.iter().map(|r| r.id).collect::<Vec<_>>(), [rev_a1]);
    assert_eq!(store.revision_file(rev_a1).await.unwrap(), ("a.txt".to_string(), "sha-a1".to_string()));
    assert_eq!(store.revision_content(rev_a1).await.unwrap(), bytes_a);
    is(store.revision_file(0).await, not_found, b);
    is(store.revision_content(0).await, not_found, b);
    let of_a = ListFilter { department: Some(dept_a), ..filter() };
    let projects_a = store.projects(everything, &of_a, ALL).await.unwrap();
    assert_eq!(projects_a.total, doc_a.projects.len() as i64, "{b}");
    assert_eq!(store.projects(public, &of_a, ALL).await.unwrap().total, 0, "{b}: drafts are not published");
    assert_eq!(store.projects(own_b, &of_a, ALL).await.unwrap().total, 0);
    assert_eq!(store.projects(own_a, &ListFilter { status: Some(Status::Draft), ..of_a.clone() }, ALL).await.unwrap().total, projects_a.total);
    let page = store.projects(everything, &filter(), Slice { offset: 0, limit: 3 }).await.unwrap();
    assert_eq!((page.items.len(), page.total), (3, (doc_a.projects.len() + doc_b.projects.len()) as i64), "{b}: a full page counts");
    let p0 = store.project(projects_a.items[0].id).await.unwrap();
    assert_eq!((p0.name.as_str(), p0.status, p0.version), (doc_a.projects[0].name.value.as_str(), Status::Draft, 1));
    is(store.project(0).await, not_found, b);
    let name_part: String = p0.name.chars().take(3).collect();
    let named = store.projects(everything, &ListFilter { text: Some(name_part.clone()), ..of_a.clone() }, ALL).await.unwrap();
    assert!(named.items.iter().any(|p| p.id == p0.id), "{b}");
    let of_p0 = ListFilter { project: Some(p0.id), ..filter() };
    let listed = store.indicators(everything, &of_p0, ALL).await.unwrap();
    assert_eq!(listed.total, doc_a.projects[0].indicators.len() as i64);
    assert_eq!(store.indicators(public, &of_p0, ALL).await.unwrap().total, 0);
    let in_order = store.indicators_of(p0.id).await.unwrap();
    assert_eq!(in_order.iter().map(|i| i.id).collect::<Vec<_>>(), listed.items.iter().map(|i| i.id).collect::<Vec<_>>());
    let (first, its_project) = store.indicator(in_order[0].id).await.unwrap();
    assert_eq!((first.position, its_project.id), (0, p0.id));
    is(store.indicator(0).await, not_found, b);
    let goals = store.goals_of(p0.id).await.unwrap();
    assert_eq!(goals.len(), doc_a.projects[0].goals.len());
    let plan = store.spending_plan(p0.id).await.unwrap();
    assert_eq!(plan.len(), doc_a.projects[0].spending_plan.as_ref().map_or(0, |p| p.cumulative_percent.len()));
    is(store.spending_plan(0).await, not_found, b);
    let model = store.model_project(&p0).await.unwrap();
    assert_eq!((model.name.value.as_str(), model.indicators.len()), (p0.name.as_str(), in_order.len()));
    // The indicator library's source: what the reader may see, goals and indicators included.
    let visible = store.visible_model_projects(everything).await.unwrap();
    assert_eq!(visible.len(), doc_a.projects.len() + doc_b.projects.len(), "{b}");
    let v0 = visible.iter().find(|v| v.id == p0.id).unwrap();
    assert_eq!((v0.department.as_deref(), v0.year, v0.project.indicators.len(), v0.project.goals.len()), (Some("门源县应急管理局"), Some(2023), in_order.len(), goals.len()), "{b}");
    assert_eq!(v0.project.indicators.iter().map(|i| i.level3_text().to_string()).collect::<Vec<_>>(), in_order.iter().map(|i| i.level3.clone().unwrap_or_default()).collect::<Vec<_>>());
    assert_eq!(store.visible_model_projects(own_a).await.unwrap().iter().map(|v| v.department_id).collect::<Vec<_>>(), vec![Some(dept_a); doc_a.projects.len()], "{b}");
    assert!(store.visible_model_projects(public).await.unwrap().is_empty(), "{b}: drafts are not published");
    // Target tables only: no project has a self-evaluation to pair with (selfeval.rs pairs them).
    assert!(model.evaluation.is_none() && v0.project.evaluation.is_none(), "{b}");
    assert_eq!(store.paired_project(everything, p0.id).await.unwrap(), None, "{b}");
    is(store.paired_project(public, p0.id).await, not_found, b);
    // What changed for the library since a mark: the documents the audit entries after it
    // name (a project's by its document), their projects as the reader may see them now.
    let mark = store.change_mark().await.unwrap();
    assert!(mark.last > 0, "{b}: {mark:?}");
    let nothing = store.library_changes(&mark, everything, 100).await.unwrap().unwrap();
    assert!(nothing.documents.is_empty() && nothing.rows.is_empty(), "{b}: {nothing:?}");
    let after = json!({ "document_id": doc_a_id }).to_string();
    let touched = NewAudit { user_id: Some(admin.id), entity: "project", entity_id: Some(p0.id), action: "update", before: None, after: Some(&after) };
    store.record_audit(touched).await.unwrap();
    let own = store.library_changes(&mark, own_a, 100).await.unwrap().unwrap();
    assert_eq!((own.documents.clone(), own.projects.clone()), (vec![doc_a_id], vec![p0.id]), "{b}");
    assert_eq!(own.rows.iter().map(|r| r.id).collect::<Vec<_>>(), projects_a.items.iter().map(|p| p.id).collect::<Vec<_>>(), "{b}");
    assert!(store.library_changes(&mark, public, 100).await.unwrap().unwrap().rows.is_empty(), "{b}: drafts are not published");
    assert_eq!(store.library_changes(&mark, own_a, 0).await.unwrap().map(|c| c.documents), None, "{b}: too many changes");
    // An entry the mark had not seen (committed after a later one was seen) is read again.
    let later = store.change_mark().await.unwrap();
    assert!(store.library_changes(&later, everything, 100).await.unwrap().unwrap().documents.is_empty(), "{b}");
    let missed = jixiao_store::domain::ChangeMark { last: later.last, unseen: vec![later.last] };
    assert_eq!(store.library_changes(&missed, everything, 100).await.unwrap().unwrap().documents, vec![doc_a_id], "{b}");
    // Only the unseen entries before the mark are read again, not the seen ones after them.
    store.record_audit(NewAudit { user_id: Some(admin.id), entity: "document", entity_id: Some(doc_b_id), action: "update", ..NewAudit::default() }).await.unwrap();
    let with_b = store.change_mark().await.unwrap();
    assert!(with_b.last > later.last, "{b}");
    let missed_before_b = jixiao_store::domain::ChangeMark { last: with_b.last, unseen: vec![later.last] };
    assert_eq!(store.library_changes(&missed_before_b, everything, 100).await.unwrap().unwrap().documents, vec![doc_a_id], "{b}");
    assert_eq!(store.library_changes(&missed, everything, 100).await.unwrap().unwrap().documents, vec![doc_a_id, doc_b_id], "{b}");
    // An organisation's change is not a few documents': the caller builds anew.
    store.record_audit(NewAudit { user_id: Some(admin.id), entity: "organisation", entity_id: Some(dept_a), action: "update", ..NewAudit::default() }).await.unwrap();
    assert!(store.library_changes(&later, everything, 100).await.unwrap().is_none(), "{b}");
    let pairs = store.current_projects_of_department(dept_a).await.unwrap();
    assert_eq!(pairs.len(), doc_a.projects.len());
    assert!(pairs.iter().all(|(r, _)| *r == rev_a1));
    // Findings follow what they concern: a draft's and the document's are hidden.
    let finds = |seen| {
        let store = store.clone();
        async move { store.findings(seen, &filter(), ALL).await.unwrap() }
    };
    let all = finds(everything).await;
    assert_eq!(all.total, 4, "{b}: two per document");
    assert!(all.items.iter().any(|f| f.message == "文档的问题\u{fffd}"), "{b}: scrubbed: {:?}", all.items);
    assert_eq!((finds(own_a).await.total, finds(own_b).await.total, finds(public).await.total), (2, 2, 0), "{b}");
    let messages = ListFilter { text: Some("项目的".into()), document: Some(doc_a_id), ..filter() };
    assert_eq!(store.findings(everything, &messages, ALL).await.unwrap().total, 1);
    let about_p0 = store.project_findings(p0.id).await.unwrap();
    assert_eq!((about_p0.len(), about_p0[0].rule.as_str(), about_p0[0].line, about_p0[0].row), (1, "JX-T001", Some(3), Some(1)));
    // The review's grades, stored with the project and the revision.
    assert_eq!(store.project_grade(p0.id).await.unwrap(), Some(grade(84, "良")), "{b}");
    assert_eq!(store.revision_grade(rev_a1).await.unwrap(), Some(grade(85, "良")), "{b}");
    assert_eq!(store.document_grade(everything, doc_a_id).await.unwrap(), Some(grade(85, "良")), "{b}");
    assert_eq!(store.document_grade(own_a, doc_a_id).await.unwrap(), Some(grade(85, "良")), "{b}: the department's own");
    assert_eq!(store.document_grade(own_b, doc_a_id).await.unwrap(), None, "{b}: its reasons name projects another department may not see");
    assert_eq!(store.document_grade(public, doc_a_id).await.unwrap(), None, "{b}");
    // A document's own findings, for its department's and its projects' pages and the
    // dashboard's count: they follow the document's visibility as in the list above.
    let doc_of_a = ListFilter { document: Some(doc_a_id), ..filter() };
    let doc_own = store.document_findings(everything, &doc_of_a).await.unwrap();
    assert_eq!(doc_own.iter().map(|f| f.message.as_str()).collect::<Vec<_>>(), ["文档的问题\u{fffd}"], "{b}");
    assert_eq!(store.document_findings(everything, &filter()).await.unwrap().len(), 2, "{b}");
    assert!(store.document_findings(own_b, &doc_of_a).await.unwrap().is_empty(), "{b}");
    // The 部门整体 table (B prints an overall goal): with every project of its revision, as a
    // document's own findings.
    let tables = |seen| {
        let store = store.clone();
        async move {
            store
                .department_tables(seen, &filter())
                .await
                .unwrap()
                .iter()
                .map(|t| (t.document_id, t.overall_goals.len(), t.indicators.len()))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(tables(everything).await, [(doc_b_id, 1, 0)], "{b}");
    assert_eq!(tables(own_b).await, [(doc_b_id, 1, 0)], "{b}");
    assert!(tables(own_a).await.is_empty(), "{b}: B's drafts");
    assert!(tables(public).await.is_empty(), "{b}: nothing approved");
    let of_b = store
        .department_tables(
            everything,
            &ListFilter {
                document: Some(doc_b_id),
                year: Some(2020),
                department: Some(dept_b),
                ..filter()
            },
        )
        .await
        .unwrap();
    assert!(
        of_b[0].overall_goals[0].starts_with("高新技术产业开发区应急管理局")
            && of_b[0].budget_total.is_none()
            && of_b[0].year == Some(2020),
        "{b}: {of_b:?}"
    );
    let of_dept_a = ListFilter { department: Some(dept_a), ..filter() };
    assert_eq!(store.document_findings(own_a, &of_dept_a).await.unwrap().len(), 1, "{b}");
    assert!(store.document_findings(public, &filter()).await.unwrap().is_empty(), "{b}");
    assert_eq!(store.document_finding_counts(everything, Some(2023)).await.unwrap(), [1, 0, 0], "{b}");
    assert_eq!(store.document_finding_counts(own_b, Some(2023)).await.unwrap(), [0, 0, 0], "{b}");
    assert_eq!(store.document_finding_counts(public, Some(2023)).await.unwrap(), [0, 0, 0], "{b}");
    assert_eq!(store.document_finding_counts(everything, None).await.unwrap(), [0, 0, 0], "{b}: every document prints its year");

    // ---------------------------------------------------------------- edits
    let unit = NewOrganisation { parent_id: dept_a, kind: "unit".into(), name: "某预算单位".into(), code: Some("001".into()) };
    let unit = store.create_organisation(admin.id, &unit).await.unwrap();
    let again = NewOrganisation { parent_id: dept_a, kind: "unit".into(), name: "某预算单位".into(), code: None };
    is(store.create_organisation(admin.id, &again).await, conflict, b);
    let misplaced = NewOrganisation { parent_id: bureau.id, kind: "unit".into(), name: "错层级".into(), code: None };
    is(store.create_organisation(admin.id, &misplaced).await, invalid, b);
    let orphan = NewOrganisation { parent_id: 999_999, kind: "unit".into(), name: "无上级".into(), code: None };
    is(store.create_organisation(admin.id, &orphan).await, invalid, b);
    let renamed = OrganisationChanges { name: Some("改名单位".into()), code: Some(None) };
    let unit2 = store.update_organisation(admin.id, &unit, 1, &renamed).await.unwrap();
    assert_eq!((unit2.name.as_str(), unit2.code.as_deref(), unit2.version), ("改名单位", None, 2));
    assert_eq!(store.organisation(unit.id).await.unwrap().name, "改名单位");
    is(store.update_organisation(admin.id, &unit, 1, &renamed).await, |e| matches!(e, StoreError::Stale { expected: 1, actual: 2 }), b);
    is(store.delete_organisation(admin.id, &bureau, 1).await, conflict, b);
    let department_a = store.organisation(dept_a).await.unwrap();
    is(store.delete_organisation(admin.id, &department_a, department_a.version).await, conflict, b);
    store.delete_organisation(admin.id, &unit2, 2).await.unwrap();
    is(store.organisation(unit.id).await, not_found, b);

    // Fiscal years: those the imports stored are open, with what they hold counted as the
    // lists count it; an administrator adds a year, closes it, and each change is audited.
    let years = store.fiscal_years().await.unwrap();
    assert_eq!(years.iter().map(|y| y.year.year).collect::<Vec<_>>(), [2023, 2020], "{b}");
    for y in &years {
        assert_eq!((y.year.status.as_str(), y.year.deadline.as_deref(), y.year.version), ("open", None, 1), "{b}: a year an import stored");
        let of_year = ListFilter { year: Some(y.year.year), ..filter() };
        assert_eq!(y.documents, store.documents(everything, &of_year, ALL).await.unwrap().total, "{b}");
        for (k, status) in [Status::Draft, Status::Submitted, Status::Returned, Status::Approved].into_iter().enumerate() {
            let of_status = ListFilter { status: Some(status), ..of_year.clone() };
            assert_eq!(y.projects[k], store.project_count(everything, &of_status).await.unwrap(), "{b}: {} {status:?}", y.year.year);
        }
    }
    assert!(years[0].projects.iter().sum::<i64>() > 0, "{b}");
    is(store.create_fiscal_year(admin.id, &NewFiscalYear { year: 2023, status: "open".into(), deadline: None }).await, conflict, b);
    let y2031 = NewFiscalYear { year: 2031, status: "open".into(), deadline: Some("2030-12-31".into()) };
    let y2031 = store.create_fiscal_year(admin.id, &y2031).await.unwrap();
    assert_eq!(store.fiscal_year(2031).await.unwrap().as_ref(), Some(&y2031), "{b}");
    assert_eq!(store.fiscal_year(1999).await.unwrap(), None, "{b}");
    assert!(!y2031.closed_on("2030-12-31") && y2031.closed_on("2031-01-01"), "{b}: the deadline's day is still open");
    assert_eq!(store.fiscal_years().await.unwrap()[0].projects, [0, 0, 0, 0], "{b}");
    let close = FiscalYearChanges { status: Some("closed".into()), deadline: Some(None) };
    let closed = store.update_fiscal_year(admin.id, &y2031, 1, &close).await.unwrap();
    assert_eq!((closed.status.as_str(), closed.deadline.as_deref(), closed.version), ("closed", None, 2), "{b}");
    assert!(closed.closed_on("2020-01-01"), "{b}");
    assert_eq!(store.fiscal_year(2031).await.unwrap().as_ref(), Some(&closed), "{b}");
    let states = store.fiscal_year_states().await.unwrap();
    assert_eq!(states, store.fiscal_years().await.unwrap().into_iter().map(|y| y.year).collect::<Vec<_>>(), "{b}");
    assert_eq!(states.iter().map(|y| y.year).collect::<Vec<_>>(), [2031, 2023, 2020], "{b}");
    is(store.update_fiscal_year(admin.id, &y2031, 1, &close).await, |e| matches!(e, StoreError::Stale { expected: 1, actual: 2 }), b);
    let unknown = FiscalYear { year: 1999, ..closed.clone() };
    is(store.update_fiscal_year(admin.id, &unknown, 2, &close).await, not_found, b);
    let of_year = AuditFilter { entity: Some("fiscal_year".into()), entity_id: Some(2031), ..AuditFilter::default() };
    let log = store.audit_log(&of_year, ALL).await.unwrap();
    assert_eq!(log.items.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["update", "create"], "{b}");
    assert_eq!((log.items[0].before.as_ref().unwrap()["status"].clone(), log.items[0].after.as_ref().unwrap()["status"].clone()), (json!("open"), json!("closed")), "{b}");
    assert_eq!(log.items[0].before.as_ref().unwrap()["deadline"], json!("2030-12-31"), "{b}");

    let changes = ProjectChanges { name: Some("改过的项目".into()), purpose: Some(None), budget_total: Some(Some("12.5".into())), ..ProjectChanges::default() };
    let p0b = store.update_project(admin.id, &p0, 1, &changes).await.unwrap();
    assert_eq!((p0b.name.as_str(), p0b.purpose.as_deref(), p0b.budget_total.as_deref(), p0b.version), ("改过的项目", None, Some("12.5"), 2));
    assert_eq!(store.project(p0.id).await.unwrap().name, "改过的项目");
    is(store.update_project(admin.id, &p0, 1, &changes).await, |e| matches!(e, StoreError::Stale { expected: 1, actual: 2 }), b);
    let doc_row = store.document(everything, doc_a_id).await.unwrap();
    let extra = ProjectChanges { name: Some("新增项目".into()), code: Some(Some("X-1".into())), ..ProjectChanges::default() };
    let created = store.create_project(admin.id, &doc_row, &extra).await.unwrap();
    assert_eq!((created.status, created.line, created.department_id), (Status::Draft, 0, Some(dept_a)));
    let new_indicator = IndicatorChanges {
        level1: Some("产出指标".into()),
        level2: Some("数量指标".into()),
        level3: Some(Some("培训人次".into())),
        target: Some(Some("≥95%".into())),
        weight: Some(Some("10".into())),
        ..IndicatorChanges::default()
    };
    let ind = store.create_indicator(admin.id, &created, &new_indicator).await.unwrap();
    assert_eq!(
        (ind.level1.as_deref(), ind.target_kind.as_deref(), ind.target_op.as_deref(), ind.target_value.as_deref(), ind.target_unit.as_deref()),
        (Some("output"), Some("quantity"), Some("at_least"), Some("95"), Some("%")),
        "{b}"
    );
    let second = IndicatorChanges { level1: Some("效益指标".into()), level2: Some("社会效益指标".into()), level3: Some(Some("覆盖率".into())), ..IndicatorChanges::default() };
    let ind2 = store.create_indicator(admin.id, &created, &second).await.unwrap();
    assert_eq!(ind2.position, 1);
    let cleared = store.update_indicator(admin.id, &ind, 1, &IndicatorChanges { target: Some(None), ..IndicatorChanges::default() }).await.unwrap();
    assert_eq!((cleared.target_printed, cleared.target_kind, cleared.version), (None, None, 2));
    is(store.update_indicator(admin.id, &ind, 1, &IndicatorChanges::default()).await, |e| matches!(e, StoreError::Stale { .. }), b);
    store.move_indicator(admin.id, created.id, ind2.id, Direction::Up).await.unwrap();
    store.move_indicator(admin.id, created.id, ind2.id, Direction::Up).await.unwrap(); // at the top: nothing
    let order: Vec<i64> = store.indicators_of(created.id).await.unwrap().iter().map(|i| i.id).collect();
    assert_eq!(order, [ind2.id, ind.id], "{b}");
    store.move_indicator(admin.id, created.id, ind2.id, Direction::Down).await.unwrap();
    is(store.move_indicator(admin.id, created.id, in_order[0].id, Direction::Down).await, not_found, b);
    let comment = store.add_comment(admin.id, created.id, Some(ind.id), "请补充依据").await.unwrap();
    is(store.add_comment(admin.id, created.id, Some(in_order[0].id), "别的项目的指标").await, invalid, b);
    let comments = store.comments(created.id).await.unwrap();
    assert_eq!((comments[0].id, comments[0].author.as_deref(), comments[0].indicator_id), (comment, Some("显示名"), Some(ind.id)));
    let now_ind = store.indicator(ind.id).await.unwrap().0;
    store.delete_indicator(admin.id, &now_ind, now_ind.version).await.unwrap();
    is(store.indicator(ind.id).await, not_found, b);
    is(store.delete_project(admin.id, &created, 99).await, |e| matches!(e, StoreError::Stale { expected: 99, actual: 1 }), b);
    store.delete_project(admin.id, &created, created.version).await.unwrap();
    is(store.delete_project(admin.id, &created, created.version).await, not_found, b);

    // The workflow: submitted, then approved with a comment: now published.
    let submitted = store.transition(filler_a.id, &p0b, 2, Status::Submitted, "submit", None).await.unwrap();
    let approved = store.transition(admin.id, &submitted, 3, Status::Approved, "approve", Some(" 同意 ")).await.unwrap();
    assert_eq!((approved.status, approved.version), (Status::Approved, 4));
    assert_eq!(store.comments(p0.id).await.unwrap().last().map(|c| c.body.as_str()), Some("同意"));
    assert_eq!(store.projects(public, &filter(), ALL).await.unwrap().total, 1, "{b}");
    assert_eq!(docs(public).await, 1, "{b}: a document with a published project is listed");
    assert_eq!(store.indicators(public, &of_p0, ALL).await.unwrap().total, listed.total);
    assert_eq!(finds(public).await.total, 1, "{b}: the approved project's finding, not the document's");
    let history = store.project_history(p0.id, doc_a_id).await.unwrap();
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions[..3], ["approve", "submit", "update"], "{b}");
    assert_eq!(history[0].who.as_deref(), Some("显示名"));
    assert!(history[2].before.is_some() && history[2].after.is_some() && history[2].before != history[2].after, "{b}: an edit keeps before and after");
    assert!(history.iter().any(|h| h.entity == "document" && h.action == "import"), "{b}: {actions:?}");

    // The 部门整体 table's own workflow (B prints an overall goal): keyed by its revision, a
    // draft on import, in the queues by status, moved like a project, audited before → after.
    let of_doc_b = ListFilter { document: Some(doc_b_id), ..filter() };
    let table = store.department_tables(everything, &of_doc_b).await.unwrap().remove(0);
    assert_eq!((table.id, table.status, table.version), (table.revision_id, Status::Draft, 1), "{b}");
    let state = store.table_state(table.id).await.unwrap();
    assert_eq!((state.document_id, state.department_id, state.year, state.status), (doc_b_id, Some(dept_b), Some(2020), Status::Draft));
    is(store.table_state(999_999).await, not_found, b);
    let drafts = ListFilter { status: Some(Status::Draft), ..filter() };
    let queue = store.department_tables_in(everything, &drafts, Slice { offset: 0, limit: 0 }).await.unwrap();
    assert_eq!((queue.total, queue.items.len()), (1, 0), "{b}: counted without rows");
    assert_eq!(store.department_tables_in(own_b, &drafts, ALL).await.unwrap().total, 1, "{b}");
    assert_eq!(store.department_tables_in(own_a, &drafts, ALL).await.unwrap().total, 0, "{b}: another department's draft");
    assert!(store.table_findings(table.id).await.unwrap().iter().all(|f| f.revision_id == table.id), "{b}");
    let submitted_t = store.transition(admin.id, &state, 1, Status::Submitted, "submit", None).await.unwrap();
    is(store.transition(admin.id, &state, 1, Status::Submitted, "submit", None).await, |e| matches!(e, StoreError::Stale { expected: 1, actual: 2 }), b);
    let returned_t = store.transition(admin.id, &submitted_t, 2, Status::Returned, "return", Some("请补充部门整体指标")).await.unwrap();
    let note = store.add_table_comment(admin.id, table.id, "补充后再提交").await.unwrap();
    let notes = store.table_comments(table.id).await.unwrap();
    assert_eq!(notes.iter().map(|c| (c.body.as_str(), c.table_id, c.project_id)).collect::<Vec<_>>(),
        [("请补充部门整体指标", Some(table.id), None), ("补充后再提交", Some(table.id), None)], "{b}");
    assert_eq!(notes[1].id, note);
    assert!(tables(public).await.is_empty(), "{b}: returned, not public");
    let again_t = store.transition(admin.id, &returned_t, 3, Status::Submitted, "submit", None).await.unwrap();
    let approved_t = store.transition(admin.id, &again_t, 4, Status::Approved, "approve", None).await.unwrap();
    assert_eq!((approved_t.status, approved_t.version), (Status::Approved, 5));
    assert_eq!(store.table_state(table.id).await.unwrap(), approved_t);
    assert_eq!(tables(public).await, [(doc_b_id, 1, 0)], "{b}: approved, public on its own");
    assert_eq!(tables(own_a).await, [(doc_b_id, 1, 0)], "{b}");
    let audited = store.audit_log(&AuditFilter { entity: Some("department_table".into()), entity_id: Some(table.id), ..AuditFilter::default() }, ALL).await.unwrap();
    let moves: Vec<&str> = audited.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(moves, ["approve", "submit", "return", "submit"], "{b}");
    assert_eq!(audited.items[0].before.as_ref().unwrap()["status"], "submitted");
    assert_eq!(audited.items[0].after.as_ref().unwrap()["status"], "approved");

    // ---------------------------------------------------------------- monitoring
    let figures = MonitoringFigures {
        annual_budget: Some("12.5".into()),
        spent_to_date: Some("3".into()),
        expected_full_year_spend: None,
        indicators: vec![json!({ "indicator": 0, "current": "80%" })],
        year_end: YearEndFigures::default(),
    };
    let (entry, created_now) = store.save_monitoring::<Value>(filler_a.id, &approved, (1, 6), 0, &figures).await.unwrap();
    assert!(created_now);
    assert_eq!((entry.version, entry.year, entry.first_month, entry.last_month), (1, Some(2023), 1, 6));
    is(store.save_monitoring::<Value>(filler_a.id, &approved, (1, 6), 0, &figures).await, |e| matches!(e, StoreError::Stale { expected: 0, actual: 1 }), b);
    let (entry2, created_now) = store.save_monitoring::<Value>(admin.id, &approved, (1, 6), 1, &figures).await.unwrap();
    assert_eq!((created_now, entry2.version, entry2.created_by, entry2.updated_by), (false, 2, Some(filler_a.id), Some(admin.id)));
    let stored = store.monitoring_entry::<Value>(p0.id, (1, 6)).await.unwrap().unwrap();
    assert_eq!((stored.indicators, stored.spent_to_date.as_deref()), (figures.indicators.clone(), Some("3")));
    assert!(store.monitoring_entry::<Value>(p0.id, (1, 7)).await.unwrap().is_none());
    assert!(stored.year_end.is_empty(), "{b}");
    let monitored = store.monitored_projects(public, 2023, 500).await.unwrap();
    assert_eq!(monitored.iter().map(|m| (m.project_id, m.last_month, m.department.as_deref())).collect::<Vec<_>>(), [(p0.id, 6, Some("门源县应急管理局"))]);
    assert!(store.monitored_projects(everything, 2020, 500).await.unwrap().is_empty());
    // The comparisons' figures: the grade and the latest monitoring entry, as visible.
    let all_2023 = store.project_figures::<Value>(everything, FiguresOf::Year(2023)).await.unwrap();
    assert_eq!(all_2023.len(), doc_a.projects.len(), "{b}");
    let ids: Vec<i64> = all_2023.iter().map(|f| f.project_id).collect();
    assert!(all_2023.iter().all(|f| f.grade.is_some() && f.department_id == Some(dept_a)), "{b}");
    let seen_p0 = all_2023.iter().find(|f| f.project_id == p0.id).unwrap();
    assert_eq!(seen_p0.monitoring.as_ref().map(|m| (m.last_month, m.spent_to_date.as_deref())), Some((6, Some("3"))), "{b}");
    assert!(all_2023.iter().filter(|f| f.project_id != p0.id).all(|f| f.monitoring.is_none()), "{b}");
    let public_figures = store.project_figures::<Value>(public, FiguresOf::Projects(&ids)).await.unwrap();
    assert_eq!(public_figures.iter().map(|f| f.project_id).collect::<Vec<_>>(), [p0.id], "{b}: drafts are not the public's");
    assert_eq!(store.project_figures::<Value>(Visibility::Department(dept_a), FiguresOf::Projects(&ids)).await.unwrap().len(), ids.len(), "{b}");
    assert!(store.project_figures::<Value>(everything, FiguresOf::Year(1999)).await.unwrap().is_empty());
    let by_department = store.department_figures(everything, 2023).await.unwrap();
    assert_eq!(by_department.len(), 1, "{b}");
    let d = &by_department[0];
    assert_eq!((d.department_id, d.graded, d.grades.iter().sum::<i64>()), (Some(dept_a), doc_a.projects.len() as i64, doc_a.projects.len() as i64), "{b}");
    let scores: i64 = all_2023.iter().filter_map(|f| f.grade_value).sum();
    assert_eq!((d.score_sum, d.monitored, d.annual.to_string(), d.spent.to_string()), (scores, 1, "12.5".to_string(), "3".to_string()), "{b}");
    assert_eq!((d.self_evaluated, d.self_score_sum), (0, rust_decimal::Decimal::ZERO), "{b}: target tables only");
    let public_by_department = store.department_figures(public, 2023).await.unwrap();
    // The approved project only, and without its monitoring: 运行监控 is not the public's
    // (SECURITY.md); the own department reads it.
    assert_eq!((public_by_department[0].graded, public_by_department[0].monitored), (1, 0), "{b}: the approved project only");
    assert!(public_figures.iter().all(|f| f.monitoring.is_none()), "{b}: no monitoring for the public");
    let own = store.department_figures(Visibility::Department(dept_a), 2023).await.unwrap();
    assert_eq!((own[0].monitored, own[0].spent.to_string()), (1, "3".to_string()), "{b}: the own department's monitoring");
    assert!(store.department_figures(public, 2020).await.unwrap().is_empty(), "{b}: B's drafts are not the public's");

    // ---------------------------------------------------------------- aggregates
    let totals = store.department_totals(everything, 2023).await.unwrap();
    assert_eq!(totals.len(), 1, "{b}");
    let t = &totals[0];
    assert_eq!((t.department_id, t.name.as_deref(), t.projects, t.approved, t.draft), (Some(dept_a), Some("门源县应急管理局"), doc_a.projects.len() as i64, 1, doc_a.projects.len() as i64 - 1));
    assert_eq!((t.indicators, t.findings, t.quality.iter().sum::<i64>()), (indicators_a as i64, [0, 1, 0], t.projects), "{b}");
    let public_totals = store.department_totals(public, 2023).await.unwrap();
    assert_eq!((public_totals[0].projects, public_totals[0].budget.to_string()), (1, "12.5".to_string()), "{b}");
    let listed_a = store.department_projects(everything, dept_a, Some(2023)).await.unwrap();
    assert_eq!(listed_a.len(), doc_a.projects.len());
    assert_eq!((listed_a[0].grade.clone(), listed_a[0].errors), (Some(grade(84, "良")), 0), "{b}: one warning, graded by the review");
    assert_eq!(t.quality, [t.projects - 1, 1, 0, 0], "{b}: projects by their stored grade");
    let public_a = store.department_projects(public, dept_a, None).await.unwrap();
    assert_eq!(public_a.iter().map(|p| (p.id, p.status)).collect::<Vec<_>>(), [(p0.id, Status::Approved)]);
    // Every document of the story prints its year and department.
    assert!(store.department_totals_undated(everything).await.unwrap().is_empty(), "{b}");
    assert!(store.unplaced_projects(everything, None).await.unwrap().is_empty(), "{b}");
    assert!(store.unplaced_projects(public, Some(2023)).await.unwrap().is_empty(), "{b}");

    // ---------------------------------------------------------------- search
    let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let hits = store.search(everything, &words(&["改过的"]), None, 100).await.unwrap();
    assert_eq!(hits.projects.iter().map(|h| h.project_id).collect::<Vec<_>>(), [p0.id], "{b}");
    let level3 = in_order[0].level3.clone().unwrap();
    let short: String = level3.chars().take(2).collect();
    let hits = store.search(own_a, &words(&[&short]), Some(2023), 100).await.unwrap();
    assert!(hits.indicators.iter().any(|h| h.level3.as_deref() == Some(level3.as_str())), "{b}: {short}");
    let draft_name = projects_a.items[1].name.clone();
    assert!(store.search(public, &words(&[&draft_name]), None, 100).await.unwrap().projects.is_empty(), "{b}: drafts stay hidden");
    // Two words in a year, as the public (the page `page-times.mjs` measures): exactly the
    // approved project's rows holding both words, newest first; the drafts beside it in the
    // same document (地震监督检查, 消防监督检查, …) and B's drafts of 2020 are not found.
    let two = words(&["监督", "检查"]);
    let both = |t: &str| t.contains("监督") && t.contains("检查");
    let mut rows: Vec<_> = store.indicators_of(p0.id).await.unwrap().into_iter().filter(|i| i.level3.as_deref().is_some_and(both)).collect();
    rows.sort_by_key(|i| std::cmp::Reverse(i.id));
    let expected: Vec<String> = rows.into_iter().filter_map(|i| i.level3).collect();
    assert!(!expected.is_empty(), "{b}: the approved project has rows with both words");
    let seen = store.search(public, &two, Some(2023), 100).await.unwrap();
    assert!(seen.indicators.iter().all(|h| h.project_id == p0.id && h.year == Some(2023) && h.status == Status::Approved), "{b}: {:?}", seen.indicators);
    assert_eq!(seen.indicators.iter().filter_map(|h| h.level3.clone()).collect::<Vec<_>>(), expected, "{b}");
    let all = store.search(everything, &two, Some(2023), 100).await.unwrap();
    assert!(all.indicators.iter().any(|h| h.project_id != p0.id && h.status == Status::Draft), "{b}: drafts hold both words too");
    assert!(all.indicators.iter().all(|h| h.level3.as_deref().is_some_and(both) && h.year == Some(2023)), "{b}");
    assert!(store.search(public, &two, Some(2020), 100).await.unwrap().indicators.is_empty(), "{b}: B's drafts stay hidden");
    // Project names: a draft's (应急度汛安全经费) is found by two words, not by the public.
    let named = words(&["安全", "经费"]);
    assert!(store.search(public, &named, Some(2023), 100).await.unwrap().projects.is_empty(), "{b}");
    let drafts = store.search(everything, &named, Some(2023), 100).await.unwrap().projects;
    assert!(drafts.iter().any(|h| h.project == "应急度汛安全经费" && h.status == Status::Draft), "{b}: {drafts:?}");
    assert!(store.search(everything, &words(&["找不到的词", "x%_"]), None, 100).await.unwrap().projects.is_empty());
    assert!(store.search(everything, &[], None, 100).await.unwrap().projects.is_empty());
    search_in_a_year(b, &store, (everything, own_a, own_b, public)).await;

    // ---------------------------------------------------------------- a second revision
    let changed = String::from_utf8(bytes_a.clone()).unwrap().replacen("≥", "＞", 1).into_bytes();
    let doc_a2 = document("a.txt", &changed);
    let ImportOutcome::Imported { revision_id: rev_a2, revision: 2, .. } =
        store.save_revision(&revision("a.txt", &changed, "sha-a2", &doc_a2, &found), &only_a).await.unwrap()
    else {
        panic!("{b}: a second revision")
    };
    let diff = store.diff_revisions(rev_a1, rev_a2).await.unwrap();
    assert!(!diff.changed.is_empty() || !diff.added.is_empty(), "{b}: {diff:?}");
    assert!(diff.removed.iter().any(|r| r.project == "改过的项目"), "{b}: the edited name is gone in the new revision");
    assert_eq!(store.revisions(doc_a_id).await.unwrap().len(), 2);

    // ---------------------------------------------------------------- a document naming no department
    let bytes_c = seed("001_bad47639f8145b87.txt");
    let mut doc_c = document("c.txt", &bytes_c);
    doc_c.department = None;
    let ImportOutcome::Imported { document_id: doc_c_id, .. } =
        store.save_revision(&revision("c.txt", &bytes_c, "sha-c1", &doc_c, &found), &any).await.unwrap()
    else {
        panic!("{b}")
    };
    let nobodys = store.projects(everything, &ListFilter { document: Some(doc_c_id), ..filter() }, ALL).await.unwrap();
    assert!(nobodys.items.iter().all(|p| p.department_id.is_none() && p.department() == 0));
    let ind_c = store.create_indicator(admin.id, &nobodys.items[0], &second).await.unwrap();
    assert_eq!(ind_c.department_id, None, "{b}: an integer NULL");
    is(store.save_revision(&revision("c.txt", &bytes_c, "sha-c2", &doc_c, &found), &only_a).await, |e| matches!(e, StoreError::WrongDepartment { printed: None }), b);
    store.delete_document(admin.id, doc_c_id).await.unwrap();

    // ---------------------------------------------------------------- reviewed again
    // Without a reviewer an edit leaves findings and grades; with one, every edit of a
    // project or indicator replaces its revision's findings (the reader's stay) and grades in
    // the edit's transaction.
    assert_eq!(store.ungraded_revisions(10).await.unwrap(), Vec::<i64>::new(), "{b}: every import graded");
    let reviewing = store.clone().with_reviewer(std::sync::Arc::new(Fixed));
    let current = store.projects(everything, &ListFilter { document: Some(doc_a_id), ..filter() }, ALL).await.unwrap();
    let first = current.items.iter().find(|p| p.revision_id == rev_a2).unwrap().clone();
    reviewing.update_project(admin.id, &first, first.version, &ProjectChanges { budget_total: Some(Some("7".into())), ..ProjectChanges::default() }).await.unwrap();
    let again = store.project_findings(first.id).await.unwrap();
    assert_eq!(
        again.iter().map(|f| (f.rule.as_str(), f.row)).collect::<Vec<_>>(),
        [("JX-C001", Some(0))],
        "{b}: the project's findings replaced"
    );
    assert_eq!(again[0].message, format!("重新审核：{}个项目", doc_a2.projects.len()));
    let own: Vec<String> = store.document_findings(everything, &doc_of_a).await.unwrap().into_iter().map(|f| f.message).collect();
    assert!(own.contains(&"重新审核：文档".to_string()) && own.iter().any(|m| m.starts_with("文档的问题")), "{b}: the reader's finding stays: {own:?}");
    assert_eq!(store.project_grade(first.id).await.unwrap(), Some(grade(70, "中")), "{b}");
    assert_eq!(store.revision_grade(rev_a2).await.unwrap(), Some(grade(40, "差")), "{b}");
    let after = store.department_totals(everything, 2023).await.unwrap();
    assert_eq!((after[0].quality, after[0].findings), ([0, 0, after[0].projects, 0], [1, 0, 0]), "{b}: the counts follow");
    reviewing.rereview_revision(rev_a2).await.unwrap();
    assert_eq!(store.project_findings(first.id).await.unwrap().len(), 1, "{b}: the same again, not twice");

    // ---------------------------------------------------------------- a drafted document
    // A draft is a new logical document (its projects drafts like an import's), never a
    // revision of an existing one: the same department, year and name again is a conflict.
    let mut drafted = doc_a.clone();
    drafted.projects.truncate(1);
    let ImportOutcome::Imported { document_id: draft_id, revision: 1, .. } =
        store.save_draft(&revision("草稿-1", b"{}", "sha-d1", &drafted, &found), &only_a).await.unwrap()
    else {
        panic!("{b}: a drafted document")
    };
    let drafts = store.projects(everything, &ListFilter { document: Some(draft_id), ..filter() }, ALL).await.unwrap();
    assert_eq!((drafts.total, drafts.items[0].status, drafts.items[0].department_id), (1, Status::Draft, Some(dept_a)), "{b}");
    let before = store.row_counts().await.unwrap();
    is(store.save_draft(&revision("草稿-1", b"{ }", "sha-d2", &drafted, &found), &only_a).await, conflict, b);
    is(store.save_draft(&revision("a.txt", b"{ }", "sha-d3", &drafted, &found), &only_a).await, conflict, b);
    assert_eq!(store.row_counts().await.unwrap(), before, "{b}: nothing written");
    store.delete_document(admin.id, draft_id).await.unwrap();

    // ---------------------------------------------------------------- documents as wholes, tokens
    store.approve_all_drafts().await.unwrap();
    assert_eq!(store.projects(public, &filter(), ALL).await.unwrap().total, store.projects(everything, &filter(), ALL).await.unwrap().total);
    store.delete_document(admin.id, doc_b_id).await.unwrap();
    is(store.document(everything, doc_b_id).await, not_found, b);
    is(store.delete_document(admin.id, doc_b_id).await, not_found, b);
    is(store.revoke_token(&filler_a, token).await, not_found, b);
    store.revoke_token(&admin, token).await.unwrap();
    is(store.revoke_token(&admin, token).await, conflict, b);
    assert_eq!(store.user_by_token("token-1").await.unwrap(), None);
    let end = store.row_counts().await.unwrap();
    assert_eq!((end.documents, end.document_revisions, end.api_tokens, end.monitoring_entries, end.users), (1, 2, 2, 1, 3), "{b}: admin, filler_a and reviewer_x; the admin's and reviewer_x's (revoked) tokens");
    assert!(end.sessions >= 1 && end.goals > 0 && end.comments == 1 && end.audit_log > 20, "{b}: {end:?}");
    store.close().await;
}

/// The indicator rows a search should find: those of the year's (or every year's) current
/// projects the reader may see whose 三级指标 holds every word, newest first, 100 at most.
async fn expected_hits(store: &Store, seen: Visibility, words: &[String], year: Option<i64>, limit: usize) -> Vec<(i64, String, Option<String>)> {
    let projects = store.projects(seen, &ListFilter { year, ..filter() }, ALL).await.unwrap();
    assert!(projects.total < ALL.limit, "a page holds them all");
    let mut rows = Vec::new();
    for p in &projects.items {
        for i in store.indicators_of(p.id).await.unwrap() {
            if i.level3.as_deref().is_some_and(|t| words.iter().all(|w| t.contains(w.as_str()))) {
                rows.push((i.id, (p.id, i.level3.clone().unwrap(), i.target_printed.clone())));
            }
        }
    }
    rows.sort_by_key(|(id, _)| std::cmp::Reverse(*id));
    rows.into_iter().take(limit).map(|(_, r)| r).collect()
}

/// Searches in a year, where hits are few (SQLite fetches them by year and text, migration
/// 0019) or none while other years have some: exactly the rows each reader may see. A has
/// 2023's projects (one approved, drafts), B 2020's (drafts).
async fn search_in_a_year(b: &str, store: &Store, readers: (Visibility, Visibility, Visibility, Visibility)) {
    let (everything, own_a, own_b, public) = readers;
    let found = |seen: Visibility, words: Vec<String>, year: Option<i64>| async move {
        let hits = store.search(seen, &words, year, 100).await.unwrap().indicators;
        assert!(hits.iter().all(|h| year.is_none() || h.year == year), "{hits:?}");
        hits.into_iter().map(|h| (h.project_id, h.level3.unwrap(), h.target)).collect::<Vec<_>>()
    };
    // Every indicator row holds its project's year (the import writes it).
    let wrong: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM indicators i JOIN projects p ON p.id = i.project_id WHERE COALESCE(i.year, -1) <> COALESCE(p.year, -1)",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert_eq!(wrong, 0, "{b}: indicators carry their project's year");
    // Two words of two characters found in B's 2020 rows and in no 2023 row.
    let in_2023: Vec<String> = expected_hits(store, everything, &[], Some(2023), usize::MAX).await.into_iter().map(|(_, t, _)| t).collect();
    let in_2020 = expected_hits(store, everything, &[], Some(2020), usize::MAX).await;
    let two = in_2020
        .iter()
        .filter_map(|(_, t, _)| {
            let c: Vec<char> = t.chars().collect();
            (c.len() >= 4).then(|| vec![c[..2].iter().collect::<String>(), c[c.len() - 2..].iter().collect::<String>()])
        })
        .find(|w| !in_2023.iter().any(|t| w.iter().all(|w| t.contains(w.as_str()))))
        .expect("a text of 2020 none of 2023 has");
    assert!(found(everything, two.clone(), Some(2023)).await.is_empty(), "{b}: {two:?} has no hits in 2023");
    assert!(found(own_a, two.clone(), Some(2023)).await.is_empty(), "{b}");
    assert!(found(public, two.clone(), Some(2023)).await.is_empty(), "{b}");
    let of_2020 = expected_hits(store, everything, &two, Some(2020), 100).await;
    assert!(!of_2020.is_empty(), "{b}: {two:?}");
    assert_eq!(found(everything, two.clone(), Some(2020)).await, of_2020, "{b}: {two:?} in 2020");
    assert_eq!(found(own_b, two.clone(), Some(2020)).await, of_2020, "{b}: B's own drafts");
    assert!(found(own_a, two.clone(), Some(2020)).await.is_empty(), "{b}: B's drafts are not A's");
    assert!(found(public, two.clone(), Some(2020)).await.is_empty(), "{b}: nor the public's");
    assert_eq!(found(everything, two.clone(), None).await, expected_hits(store, everything, &two, None, 100).await, "{b}: any year");
    // One word, and the two words of the page, in 2023: each reader's rows exactly.
    for words in [vec![two[0].clone()], vec!["监督".to_string(), "检查".to_string()]] {
        for (seen, who) in [(everything, "admin"), (own_a, "A"), (own_b, "B"), (public, "public")] {
            for year in [Some(2023), Some(2020), None] {
                let expected = expected_hits(store, seen, &words, year, 100).await;
                assert_eq!(found(seen, words.clone(), year).await, expected, "{b}: {who} {words:?} {year:?}");
            }
        }
    }
    // The triggers keep the year: a row inserted without it gets its project's, and a project
    // whose year changes takes its rows along.
    let p: (i64, i64, i64) = sqlx::query_as("SELECT id, revision_id, year FROM projects WHERE year = 2020 ORDER BY id LIMIT 1")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let row: i64 = sqlx::query_scalar(
        "INSERT INTO indicators (revision_id, project_id, position, level1_printed, level2_printed, level3, line, created_at, updated_at) \
         VALUES ($1, $2, 999, '产出指标', '数量指标', '触发器补上的年度', 0, 'now', 'now') RETURNING id",
    )
    .bind(p.1)
    .bind(p.0)
    .fetch_one(store.pool())
    .await
    .unwrap();
    let year_of = |id: i64| async move {
        sqlx::query_scalar::<_, Option<i64>>("SELECT year FROM indicators WHERE id = $1").bind(id).fetch_one(store.pool()).await.unwrap()
    };
    assert_eq!(year_of(row).await, Some(2020), "{b}: filled in on insert");
    sqlx::query("UPDATE projects SET year = 2019 WHERE id = $1").bind(p.0).execute(store.pool()).await.unwrap();
    assert_eq!(year_of(row).await, Some(2019), "{b}: moved with its project");
    let words = vec!["触发".to_string(), "年度".to_string()];
    assert_eq!(found(everything, words.clone(), Some(2019)).await.len(), 1, "{b}");
    assert!(found(everything, words.clone(), Some(2020)).await.is_empty(), "{b}");
    sqlx::query("UPDATE projects SET year = 2020 WHERE id = $1").bind(p.0).execute(store.pool()).await.unwrap();
    sqlx::query("DELETE FROM indicators WHERE id = $1").bind(row).execute(store.pool()).await.unwrap();
    let first = store.indicators_of(p.0).await.unwrap()[0].id;
    assert_eq!(year_of(first).await, Some(2020), "{b}: back with its project");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn story_on_sqlite() {
    let dir = scratch("story");
    let store = Store::open(&format!("sqlite://{}", dir.join("story.db").display())).await.unwrap();
    assert_eq!(store.backend(), jixiao_store::Backend::Sqlite);
    story("sqlite", store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn story_on_postgres() {
    let name = format!("jixiao_store_story_{}", std::process::id());
    let store = jixiao_store::testing::fresh_postgres(&pg_url(), &name).await.unwrap_or_else(|e| {
        panic!("PostgreSQL 无法连接（{}）：{e}。请先运行 scripts/pg-test-server.sh", pg_url())
    });
    assert_eq!(store.backend(), jixiao_store::Backend::Postgres);
    story("postgres", store).await;
}

/// Every public operation of `Store` (each `pub async fn` in the store's sources, but
/// opening and closing the database) is called by the story above, so every query runs on
/// both backends.
#[test]
fn every_operation_is_in_the_story() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let story = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/store.rs")).unwrap();
    let mut operations = BTreeSet::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") && path.file_name().is_some_and(|n| n != "testing.rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                if let Some(rest) = line.trim_start().strip_prefix("pub async fn ") {
                    let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    operations.insert(name);
                }
            }
        }
    }
    assert!(operations.len() > 50, "{operations:?}");
    let missing: Vec<&String> = operations
        .iter()
        .filter(|op| !["open", "connect", "close"].contains(&op.as_str()))
        .filter(|op| !story.contains(&format!(".{op}(")) && !story.contains(&format!(".{op}::<")))
        .collect();
    assert!(missing.is_empty(), "operations the story does not call: {missing:?}");
}

/// A document with more rows of one table than one INSERT carries on SQLite (256), then a
/// small one through the same prepared statements: every row stored once, in its place, with
/// its project's counts; none of the first document's values left in the second's rows.
async fn large_documents(b: &str, store: Store) {
    let bytes = seed(SEED_A);
    let mut doc = document(SEED_A, &bytes);
    let p = &mut doc.projects[0];
    let (indicator, goal) = (p.indicators[0].clone(), p.goals.first().cloned().expect("目标"));
    p.indicators = (0..300)
        .map(|i| {
            let mut row = indicator.clone();
            row.level3 = Some(jixiao_model::Located { value: format!("第{i}条指标"), at: indicator.at.clone() });
            row
        })
        .collect();
    p.goals = (0..270).map(|i| jixiao_model::Located { value: format!("第{i}个目标"), at: goal.at.clone() }).collect();
    let many: Vec<NewFinding> =
        (0..700).map(|i| NewFinding { message: format!("第{i}个问题"), row: Some(i % 300), ..findings()[0].clone() }).collect();
    let sha = "a".repeat(64);
    let big = store.save_revision(&revision("large.txt", &bytes, &sha, &doc, &many), &ImportOptions::default()).await.unwrap();
    let ImportOutcome::Imported { revision_id: big, .. } = big else { panic!("{b}: {big:?}") };
    let small_bytes = seed(SEED_B);
    let small_doc = document(SEED_B, &small_bytes);
    let small = store
        .save_revision(&revision("small.txt", &small_bytes, &"b".repeat(64), &small_doc, &findings()), &ImportOptions::default())
        .await
        .unwrap();
    let ImportOutcome::Imported { revision_id: small, .. } = small else { panic!("{b}: {small:?}") };
    let pool = store.pool();
    let count = |sql: &'static str, revision: i64| async move {
        sqlx::query_scalar::<_, i64>(sql).bind(revision).fetch_one(pool).await.unwrap()
    };
    let projects = "SELECT COUNT(*) FROM projects WHERE revision_id = $1";
    let first = "SELECT id FROM projects WHERE revision_id = $1 AND position = 0";
    let indicators = "SELECT COUNT(DISTINCT i.position) FROM indicators i JOIN projects p ON p.id = i.project_id WHERE p.revision_id = $1 AND p.position = 0";
    let indicator_rows = "SELECT COUNT(*) FROM indicators WHERE revision_id = $1";
    let counted = "SELECT indicator_count + 1000 * findings_warning FROM projects WHERE revision_id = $1 AND position = 0";
    let goals = "SELECT COUNT(DISTINCT g.text) FROM goals g JOIN projects p ON p.id = g.project_id WHERE p.revision_id = $1 AND p.position = 0";
    let found = "SELECT COUNT(*) FROM findings WHERE revision_id = $1";
    assert_eq!(count(projects, big).await, doc.projects.len() as i64, "{b}");
    assert_eq!(count(indicators, big).await, 300, "{b}: every row in its place");
    let rows: usize = doc.department_indicators.len() + doc.projects.iter().map(|p| p.indicators.len()).sum::<usize>();
    assert_eq!(count(indicator_rows, big).await, rows as i64, "{b}");
    assert_eq!(count(goals, big).await, 270, "{b}");
    assert_eq!(count(found, big).await, 700, "{b}");
    assert_eq!(count(counted, big).await, 300 + 1000 * 700, "{b}: the project's counts");
    let hits = store.search(Visibility::Everything, &["第299条指标".to_string()], None, 10).await.unwrap().indicators;
    assert_eq!(hits.len(), 1, "{b}: the last row searchable");
    // The small document: its own rows only.
    let small_rows: usize = small_doc.department_indicators.len() + small_doc.projects.iter().map(|p| p.indicators.len()).sum::<usize>();
    assert_eq!(count(projects, small).await, small_doc.projects.len() as i64, "{b}");
    assert_eq!(count(indicator_rows, small).await, small_rows as i64, "{b}");
    assert_eq!(count(found, small).await, 2, "{b}");
    assert!(count(first, small).await > count(first, big).await, "{b}");
    assert_eq!(
        count(counted, small).await,
        small_doc.projects[0].indicators.len() as i64 + 1000,
        "{b}: the small document's counts"
    );
}

/// Runs `test` on a fresh SQLite file and then on a fresh PostgreSQL database, which is
/// dropped afterwards.
async fn on_both_backends<F: std::future::Future<Output = ()>>(tag: &str, test: impl Fn(&'static str, Store) -> F) {
    let dir = scratch(tag);
    test("sqlite", Store::open(&format!("sqlite://{}", dir.join("test.db").display())).await.unwrap()).await;
    let name = format!("jixiao_store_{tag}_{}", std::process::id());
    let store = jixiao_store::testing::fresh_postgres(&pg_url(), &name).await.unwrap();
    test("postgres", store.clone()).await;
    store.close().await;
    // Its sessions may still be ending on the server.
    let admin = Store::connect(&pg_url()).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(admin.pool()).await.unwrap();
    admin.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_documents_on_both_backends() {
    on_both_backends("large", large_documents).await;
}

/// Findings stored and read back are the findings given: rule, rule set, severity, message,
/// place, the suggested fix and the quoted values (migration 0022), on both backends; a
/// re-review's findings keep theirs too.
async fn findings_read_back(b: &str, store: Store) {
    let bytes = seed(SEED_A);
    let doc = document(SEED_A, &bytes);
    let mut given = findings();
    given[0].message = "项目的问题".into();
    given[1].message = "文档的问题".into();
    given[0].suggestion = Some("将“指标值”改为可衡量的数值，如“≥95%”。".into());
    given[0].quotes = vec![
        FindingQuote { field: "三级指标".into(), value: "群众满意度".into() },
        FindingQuote { field: "指标值".into(), value: "高\"引号\"与\\反斜杠".into() },
    ];
    given.push(NewFinding { rule: "JX-D017".into(), rule_set: "disclosure".into(), severity: Severity::Info, line: 0, ..given[1].clone() });
    let stored = store.save_revision(&revision("back.txt", &bytes, &"c".repeat(64), &doc, &given), &ImportOptions::default()).await.unwrap();
    let ImportOutcome::Imported { revision_id, document_id, .. } = stored else { panic!("{b}: {stored:?}") };
    assert_eq!(store.revision_findings(revision_id).await.unwrap(), given, "{b}");
    // The lists the API and the pages read give the fix and the quotes too.
    let of_doc = ListFilter { document: Some(document_id), ..filter() };
    let listed = store.findings(Visibility::Everything, &of_doc, ALL).await.unwrap().items;
    let project_level = listed.iter().find(|f| f.message == "项目的问题").expect("the project's finding listed");
    assert_eq!((&project_level.suggestion, &project_level.quotes), (&given[0].suggestion, &given[0].quotes), "{b}");
    let document_level = store.document_findings(Visibility::Everything, &of_doc).await.unwrap();
    assert!(document_level.iter().any(|f| f.message == "文档的问题" && f.quotes.is_empty()), "{b}: {document_level:?}");
    let mut on_pages = Vec::new();
    for p in store.projects(Visibility::Everything, &of_doc, ALL).await.unwrap().items {
        on_pages.extend(store.project_findings(p.id).await.unwrap());
    }
    let on_page = on_pages.iter().find(|f| f.message == "项目的问题").expect("on its project's page");
    assert_eq!(on_page.suggestion, given[0].suggestion, "{b}");
    // A re-review (after an edit) stores the reviewer's findings, fix and quotes with them.
    let reviewer = store.clone().with_reviewer(std::sync::Arc::new(Fixed));
    reviewer.rereview_revision(revision_id).await.unwrap();
    let first = NewFinding {
        rule: "JX-C001".into(),
        rule_set: "review".into(),
        severity: Severity::Error,
        message: format!("重新审核：{}个项目", doc.projects.len()),
        line: 7,
        cell: None,
        project: Some(0),
        row: Some(0),
        suggestion: Some("重新审核的建议".into()),
        quotes: vec![FindingQuote { field: "指标值".into(), value: "≥100%".into() }],
    };
    // (A re-review's finding about no project keeps no row, as before.)
    let again = vec![first.clone(), NewFinding { project: None, row: None, message: "重新审核：文档".into(), ..first }];
    let read: Vec<NewFinding> = reviewer.revision_findings(revision_id).await.unwrap().into_iter().filter(|f| f.rule_set != "read").collect();
    assert_eq!(read, again, "{b}: re-reviewed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn findings_read_back_on_both_backends() {
    on_both_backends("findings_back", findings_read_back).await;
}
