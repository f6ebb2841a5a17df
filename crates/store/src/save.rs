//! Storing a document read elsewhere: a new revision with its projects, goals, indicators
//! and findings, and the import's audit entry, in one transaction. Reading and reviewing the
//! bytes is the caller's work (`jixiao-import`); this module only persists what it is given.

use jixiao_model::{Document, Indicator, Located, Money, TargetValue};
use serde::Serialize;

use sqlx::Row;

use crate::db::WriteTx;
use crate::error::StoreError;
use crate::model::{NewFinding, NewRevision};
use crate::rows::{Insert, V};
use crate::time::now;
use crate::Store;

/// 导入选项。
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The user importing (for the revision and the audit trail).
    pub imported_by: Option<i64>,
    /// Only into this department (a 部门填报员's): the department the document names must be
    /// this existing organisation (it is then never created), and the logical document the
    /// import becomes a revision of must be this department's too. Otherwise the import
    /// fails with [`StoreError::WrongDepartment`] and nothing is written. Decided inside the
    /// import's transaction, from the reading that is stored.
    pub department: Option<i64>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum ImportOutcome {
    /// 已导入：新文档，或已有文档的新修订版。
    Imported {
        document_id: i64,
        revision_id: i64,
        revision: i64,
    },
    /// 内容未变：与当前修订版字节相同，未写入任何内容。
    Unchanged { document_id: i64, revision_id: i64 },
}

fn dec(m: &Option<Located<Money>>) -> Option<String> {
    m.as_ref().map(|m| m.value.0.normalize().to_string())
}

/// Finds or creates an organisation under `parent` (bureau → department → unit). Safe when
/// a parallel import creates the same one: the insert yields to the other and both read the
/// one row (a plain SELECT-then-INSERT fails on PostgreSQL's unique constraint instead).
async fn organisation(
    tx: &mut WriteTx,
    parent: i64,
    kind: &str,
    name: &str,
    code: Option<&str>,
) -> Result<i64, sqlx::Error> {
    let find = "SELECT id FROM organisations WHERE parent_id = $1 AND kind = $2 AND name = $3";
    // Usually it is there already (one statement); else inserted, then read.
    let found: Option<i64> = sqlx::query_scalar(find)
        .bind(parent)
        .bind(kind)
        .bind(name)
        .fetch_optional(&mut **tx)
        .await?;
    if let Some(id) = found {
        return Ok(id);
    }
    sqlx::query(
        "INSERT INTO organisations (parent_id, kind, name, code, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (parent_id, kind, name) DO NOTHING",
    )
    .bind(parent)
    .bind(kind)
    .bind(name)
    .bind(code)
    .bind(now())
    .execute(&mut **tx)
    .await?;
    sqlx::query_scalar(find)
        .bind(parent)
        .bind(kind)
        .bind(name)
        .fetch_one(&mut **tx)
        .await
}

/// The 财政局 at the root of the tree (created by the first migration).
async fn bureau(tx: &mut WriteTx) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM organisations WHERE kind = 'bureau' ORDER BY id LIMIT 1")
        .fetch_one(&mut **tx)
        .await
}

/// The bureau ([`bureau`]) and its department named `name` if there is one: what an import
/// looks up first, in one statement.
async fn bureau_and_department(tx: &mut WriteTx, name: &str) -> Result<(i64, Option<i64>), sqlx::Error> {
    sqlx::query_as(
        "SELECT b.id, (SELECT o.id FROM organisations o WHERE o.parent_id = b.id AND o.kind = 'department' AND o.name = $1) \
         FROM organisations b WHERE b.kind = 'bureau' ORDER BY b.id LIMIT 1",
    )
    .bind(name)
    .fetch_one(&mut **tx)
    .await
}

/// `Unchanged` when these bytes, under this file name, are some document's current revision.
async fn unchanged(store: &Store, name: &str, sha: &str) -> Result<Option<ImportOutcome>, StoreError> {
    let found: Option<(i64, i64)> = sqlx::query_as(
        "SELECT r.document_id, r.id FROM document_revisions r \
         JOIN documents d ON d.id = r.document_id AND d.current_revision_id = r.id \
         WHERE r.sha256 = $1 AND r.file_name = $2 ORDER BY r.id LIMIT 1",
    )
    .bind(sha)
    .bind(name)
    .fetch_optional(store.pool())
    .await?;
    Ok(
        found.map(|(document_id, revision_id)| ImportOutcome::Unchanged {
            document_id,
            revision_id,
        }),
    )
}

impl Store {
    /// Stores a document read elsewhere as a new revision of its logical document (one per
    /// department, year and file name), with its projects, goals, indicators and findings and
    /// the import's audit entry: all of it in one transaction, or nothing. The same bytes as
    /// the logical document's current revision change nothing ([`ImportOutcome::Unchanged`]).
    /// Texts over their limits or with control characters are [`StoreError::Invalid`] (with
    /// their place), a department outside [`ImportOptions::department`] is
    /// [`StoreError::WrongDepartment`]; nothing is written then.
    pub async fn save_revision(&self, new: &NewRevision<'_>, options: &ImportOptions) -> Result<ImportOutcome, StoreError> {
        save_revision(self, new, options, false).await
    }

    /// Stores a document drafted in jixiao itself (新建绩效目标表, 复制为下一年度草稿) as the first
    /// revision of a new logical document, exactly as [`Store::save_revision`] stores an
    /// imported one (projects as drafts, goals, indicators, findings, audit entry, one
    /// transaction), so that it is then edited, submitted and reviewed like any other. The
    /// caller gives it a file name of its own: when a document of that department, year and
    /// name exists already the draft is [`StoreError::Conflict`] and nothing is written (a
    /// draft never becomes a revision of another document).
    pub async fn save_draft(&self, new: &NewRevision<'_>, options: &ImportOptions) -> Result<ImportOutcome, StoreError> {
        save_revision(self, new, options, true).await
    }

    /// `Unchanged` when these bytes (by their SHA-256), under this file name, are some
    /// document's current revision: a batch can skip reading them again.
    pub async fn unchanged(&self, file_name: &str, sha256: &str) -> Result<Option<ImportOutcome>, StoreError> {
        unchanged(self, file_name, sha256).await
    }
}

async fn save_revision(store: &Store, new: &NewRevision<'_>, options: &ImportOptions, fresh: bool) -> Result<ImportOutcome, StoreError> {
    let NewRevision { file_name: name, bytes, sha256: sha, carrier, document: doc, findings, grades } = *new;
    check_texts(doc)?;
    let stamp = now();
    let backend = store.backend();
    let year = doc.year.as_ref().map(|y| i64::from(y.value));
    // Every row is built before the transaction (on SQLite, before the process's one write
    // lock is taken): inside it only the ids the transaction decides are filled in.
    let mut rows = Rows::build(doc, findings, grades, year, &stamp);
    // A draft is typed by hand: its commit is durable. An import is read again from its file.
    let mut tx = if fresh { store.begin_write().await? } else { store.begin_import().await? };

    let printed = doc.department.as_ref().map(|d| d.value.trim()).filter(|d| !d.is_empty());
    let wrong = || StoreError::WrongDepartment {
        printed: printed.map(str::to_string),
    };
    // The bureau and the printed department (when it exists already), in one statement.
    let (bureau, found) = match printed {
        Some(name) => bureau_and_department(&mut tx, name).await?,
        None => (bureau(&mut tx).await?, None),
    };
    let department = match (printed, options.department) {
        // Restricted: the named department must already be the allowed one; never created.
        (Some(_), Some(allowed)) => {
            if found != Some(allowed) {
                return Err(wrong());
            }
            Some(allowed)
        }
        (None, Some(_)) => return Err(wrong()),
        (Some(_), None) if found.is_some() => found,
        (Some(name), None) => Some(
            organisation(
                &mut tx,
                bureau,
                "department",
                name,
                doc.department_code.as_ref().map(|c| c.value.as_str()),
            )
            .await?,
        ),
        (None, None) => None,
    };

    // One logical document per (department, year, file name); imports are its revisions.
    let series_key = format!("{}|{}|{}", department.unwrap_or(0), year.unwrap_or(0), name);
    // The year and the logical document (each yields to a parallel import creating the same
    // one, as organisations do), then the document's row with the current revision's bytes
    // (by their SHA-256) and the next revision number.
    let (created, document_id, current, owner, mut current_sha, mut revision): (i64, i64, Option<i64>, Option<i64>, Option<String>, i64) =
        match backend {
            // One round trip for the three statements (sqlx runs a text's statements one after
            // the other on the connection's thread; `$n` is the n-th value in all of them).
            // `changes()`: rows inserted by the statement before, the document's INSERT.
            crate::Backend::Sqlite => {
                sqlx::query_as(
                    "INSERT INTO fiscal_years (year, created_at) SELECT $1, $2 WHERE $1 IS NOT NULL ON CONFLICT (year) DO NOTHING; \
                     INSERT INTO documents (series_key, department_id, year, source_name, created_at) VALUES ($3, $4, $1, $5, $2) \
                     ON CONFLICT (series_key) DO NOTHING; \
                     SELECT changes(), d.id, d.current_revision_id, d.department_id, \
                     (SELECT r.sha256 FROM document_revisions r WHERE r.id = d.current_revision_id), \
                     (SELECT COALESCE(MAX(r.revision), 0) + 1 FROM document_revisions r WHERE r.document_id = d.id) \
                     FROM documents d WHERE d.series_key = $3",
                )
                .bind(year)
                .bind(&stamp)
                .bind(&series_key)
                .bind(department)
                .bind(name)
                // Not `fetch_one`: it stops at the first statement's result (no row).
                .fetch_all(&mut *tx)
                .await?
                .into_iter()
                .next()
                .ok_or(sqlx::Error::RowNotFound)?
            }
            // The document row stays locked until commit, so parallel imports of the same
            // document take their turns (the next one sees this revision: no duplicate revision
            // number, and the same bytes twice stay one revision).
            crate::Backend::Postgres => {
                let created = sqlx::query(
                    "WITH y AS (INSERT INTO fiscal_years (year, created_at) SELECT $3, $5 WHERE $3::BIGINT IS NOT NULL \
                     ON CONFLICT (year) DO NOTHING) \
                     INSERT INTO documents (series_key, department_id, year, source_name, created_at) VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (series_key) DO NOTHING",
                )
                .bind(&series_key)
                .bind(department)
                .bind(year)
                .bind(name)
                .bind(&stamp)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                let (id, current, owner, sha, revision) = sqlx::query_as(
                    "SELECT d.id, d.current_revision_id, d.department_id, \
                     (SELECT r.sha256 FROM document_revisions r WHERE r.id = d.current_revision_id), \
                     (SELECT COALESCE(MAX(r.revision), 0) + 1 FROM document_revisions r WHERE r.document_id = d.id) \
                     FROM documents d WHERE d.series_key = $1 FOR UPDATE",
                )
                .bind(&series_key)
                .fetch_one(&mut *tx)
                .await?;
                (created as i64, id, current, owner, sha, revision)
            }
        };
    if fresh && created == 0 {
        return Err(StoreError::Conflict(format!("已有同名文档“{name}”，草稿未保存。")));
    }
    // The logical document this becomes a revision of must be the same department's (the key
    // says so; a row changed by hand or by an older version must not let one department's
    // upload replace another's document).
    if owner != department {
        return Err(wrong());
    }
    // PostgreSQL: the statement's subqueries read the snapshot taken before it waited for the
    // row lock, so a parallel import that held it and committed a revision is not among them:
    // read them again, after the lock (a new snapshot per statement). SQLite: no one else
    // writes meanwhile.
    if backend == crate::Backend::Postgres {
        (current_sha, revision) = sqlx::query_as(
            "SELECT (SELECT sha256 FROM document_revisions WHERE id = $1), \
             (SELECT COALESCE(MAX(revision), 0) + 1 FROM document_revisions WHERE document_id = $2)",
        )
        .bind(current)
        .bind(document_id)
        .fetch_one(&mut *tx)
        .await?;
    }
    if let (Some(current), Some(current_sha)) = (current, current_sha) {
        if current_sha == *sha {
            return Ok(ImportOutcome::Unchanged {
                document_id,
                revision_id: current,
            });
        }
    }
    let framework = match doc.framework() {
        jixiao_model::Framework::Classic => "classic",
        jixiao_model::Framework::Guideline2021 => "guideline2021",
    };
    // The revision, and (same round trip) its mark in `counts_preset`: this transaction's rows
    // are counted here, not by the insert triggers (migration 0013); the mark is deleted
    // again just before the commit.
    const REVISION: &str = "INSERT INTO document_revisions (document_id, revision, file_name, sha256, size, content, encoding, \
         department_printed, department_code, year, framework, imported_by, imported_at, grade_value, grade, grade_reasons, \
         budget_total, budget_fiscal, budget_other, department_evaluation) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)";
    let revision_sql = match backend {
        crate::Backend::Sqlite => format!("{REVISION} RETURNING id; INSERT INTO counts_preset (revision_id) VALUES (last_insert_rowid())"),
        crate::Backend::Postgres => format!(
            "WITH r AS ({REVISION} RETURNING id), c AS (INSERT INTO counts_preset (revision_id) SELECT id FROM r) SELECT id FROM r"
        ),
    };
    // `fetch_all`: every statement of the text runs (the stream is read to its end).
    let returned = sqlx::query(&revision_sql)
        .bind(document_id)
        .bind(revision)
        .bind(name)
        .bind(sha)
        .bind(bytes.len() as i64)
        .bind(bytes.to_vec())
        .bind(carrier)
        .bind(doc.department.as_ref().map(|d| d.value.clone()))
        .bind(doc.department_code.as_ref().map(|d| d.value.clone()))
        .bind(year)
        .bind(framework)
        .bind(options.imported_by)
        .bind(&stamp)
        .bind(grades.document.as_ref().map(|g| g.value))
        .bind(grades.document.as_ref().map(|g| g.grade.clone()))
        .bind(grades.document.as_ref().map(|g| crate::to_json(&g.reasons)))
        .bind(doc.department_budget.as_ref().and_then(|b| dec(&b.total)))
        .bind(doc.department_budget.as_ref().and_then(|b| dec(&b.fiscal)))
        .bind(doc.department_budget.as_ref().and_then(|b| dec(&b.other)))
        .bind(doc.department_evaluation.as_deref().filter(|e| !e.is_empty()).map(crate::to_json))
        .fetch_all(&mut *tx)
        .await?;
    let revision_id: i64 = returned.first().ok_or(sqlx::Error::RowNotFound)?.try_get(0)?;

    // Units first (each once), then every project in one multi-row INSERT, then the rows that
    // hang off the projects, each table in one multi-row INSERT.
    let mut units = std::collections::HashMap::new();
    if let Some(dept) = department {
        for u in doc.projects.iter().filter_map(|p| p.unit.as_ref()) {
            if !units.contains_key(u.name.as_str()) {
                let id = organisation(&mut tx, dept, "unit", &u.name, u.code.as_deref()).await?;
                units.insert(u.name.as_str(), id);
            }
        }
    }
    let project_units: Vec<Option<i64>> = doc
        .projects
        .iter()
        .map(|p| p.unit.as_ref().and_then(|u| units.get(u.name.as_str()).copied()))
        .collect();
    rows.set_projects(revision_id, document_id, department, &project_units);
    let inserted = PROJECTS.run(&mut tx, backend, std::mem::take(&mut rows.projects)).await?;
    let mut project_ids = vec![0i64; doc.projects.len()];
    for row in &inserted {
        let (id, position): (i64, i64) = (row.try_get("id")?, row.try_get("position")?);
        if let Some(slot) = usize::try_from(position).ok().and_then(|p| project_ids.get_mut(p)) {
            *slot = id;
        }
    }
    rows.set_rest(revision_id, department, &project_ids);
    GOALS.run(&mut tx, backend, std::mem::take(&mut rows.goals)).await?;
    INDICATORS.run(&mut tx, backend, std::mem::take(&mut rows.indicators)).await?;
    FINDINGS.run(&mut tx, backend, std::mem::take(&mut rows.findings)).await?;
    // A revision printing a 部门整体 table (what `Store::department_tables` lists) gets the
    // table's workflow row, a draft like the revision's projects.
    let budget = doc.department_budget.as_ref();
    let prints_table = budget.is_some_and(|b| [&b.total, &b.fiscal, &b.other].iter().any(|m| dec(m).is_some()))
        || !doc.overall_goals.is_empty()
        || !doc.department_indicators.is_empty()
        || doc.department_evaluation.as_deref().is_some_and(|e| !e.is_empty());
    if prints_table {
        sqlx::query(
            "INSERT INTO department_tables (id, document_id, department_id, year, status, updated_at) \
             VALUES ($1, $2, $3, $4, 'draft', $5)",
        )
        .bind(revision_id)
        .bind(document_id)
        .bind(department)
        .bind(year)
        .bind(&stamp)
        .execute(&mut *tx)
        .await?;
    }
    // The counts' mark removed, the revision made current and the import's audit entry (it
    // belongs to the import's transaction: a document is never stored unaudited), in one
    // round trip.
    let after = serde_json::json!({
        "file_name": name,
        "sha256": sha,
        "revision": revision,
        "projects": doc.projects.len(),
        "indicators": doc.department_indicators.len() + doc.projects.iter().map(|p| p.indicators.len()).sum::<usize>(),
    });
    const AUDIT: &str = "INSERT INTO audit_log (at, user_id, entity, entity_id, action, before_json, after_json) \
         VALUES ($3, $4, 'document', $2, 'import', NULL, $5)";
    let finish = match backend {
        crate::Backend::Sqlite => format!(
            "DELETE FROM counts_preset WHERE revision_id = $1; UPDATE documents SET current_revision_id = $1 WHERE id = $2; {AUDIT}"
        ),
        crate::Backend::Postgres => format!(
            "WITH c AS (DELETE FROM counts_preset WHERE revision_id = $1), \
             d AS (UPDATE documents SET current_revision_id = $1 WHERE id = $2) {AUDIT}"
        ),
    };
    sqlx::query(&finish)
        .bind(revision_id)
        .bind(document_id)
        .bind(&stamp)
        .bind(options.imported_by)
        .bind(after.to_string())
        .execute(&mut *tx)
        .await?;
    // A self-evaluation and its target table are judged together whichever came first.
    // (Its projects are `project_ids`, in their order, with what the pairing compares of
    // them: no need to read them back.)
    let keys: Vec<crate::cycle::PairKey> = doc
        .projects
        .iter()
        .map(|p| crate::cycle::PairKey {
            self_evaluation: p.is_self_evaluation(),
            department,
            year,
            code: p.code.as_ref().map(|c| c.value.clone()),
        })
        .collect();
    store.rereview_pairs_of(&mut tx, &project_ids, Some(&keys)).await?;
    tx.commit().await?;
    Ok(ImportOutcome::Imported {
        document_id,
        revision_id,
        revision,
    })
}

pub use crate::text::MAX_INDEXED_TEXT;

/// Every text the import stores, against the limits and characters of [`crate::text`]:
/// refused with its place, the field's Chinese name and the start of the text, on both
/// backends alike (rather than failing deep inside one database, as PostgreSQL does on NUL
/// or on an index entry over 2,704 bytes).
fn check_texts(doc: &Document) -> Result<(), StoreError> {
    use crate::text::{self, Field};
    let check = |field: Field, text: &str, at: &jixiao_model::Origin| -> Result<(), StoreError> {
        field.check(text).map_err(|problem| {
            let start: String = text::scrub(text).chars().take(20).collect();
            StoreError::Invalid(format!("{at}：{}{problem}：“{start}……”", field.label))
        })
    };
    let located = |field: Field, l: &Option<Located<String>>| match l {
        Some(l) => check(field, &l.value, &l.at),
        None => Ok(()),
    };
    located(text::DEPARTMENT, &doc.department)?;
    located(text::ORG_CODE, &doc.department_code)?;
    for g in doc.overall_goals.iter().chain(&doc.sub_goals).chain(&doc.safeguards) {
        check(text::GOAL, &g.value, &g.at)?;
    }
    let check_indicator = |i: &Indicator| -> Result<(), StoreError> {
        check(text::LEVEL1, &i.level1.printed.value, &i.level1.printed.at)?;
        check(text::LEVEL2, &i.level2.printed.value, &i.level2.printed.at)?;
        located(text::LEVEL3, &i.level3)?;
        located(text::DESCRIPTION, &i.description)?;
        located(text::BASIS, &i.basis)?;
        if let Some(t) = &i.target {
            check(text::TARGET, &t.value.printed, &t.at)?;
        }
        if let Some(e) = &i.evaluation {
            if let Some(a) = &e.actual {
                check(text::ACTUAL, &a.value.printed, &a.at)?;
            }
            located(text::DEVIATION, &e.deviation)?;
        }
        Ok(())
    };
    let check_evaluation = |e: &jixiao_model::ProjectEvaluation| -> Result<(), StoreError> {
        for g in &e.goal_actual {
            check(text::GOAL, &g.value, &g.at)?;
        }
        located(text::GRADE, &e.grade)?;
        located(text::DEVIATION, &e.budget_explanation)
    };
    if let Some(e) = &doc.department_evaluation {
        check_evaluation(e)?;
    }
    for i in &doc.department_indicators {
        check_indicator(i)?;
    }
    for p in &doc.projects {
        check(text::PROJECT_NAME, &p.name.value, &p.name.at)?;
        located(text::PROJECT_CODE, &p.code)?;
        located(text::PURPOSE, &p.purpose)?;
        if let Some(u) = &p.unit {
            check(text::UNIT_NAME, &u.name, &u.at)?;
            if let Some(code) = &u.code {
                check(text::ORG_CODE, code, &u.at)?;
            }
        }
        for g in &p.goals {
            check(text::GOAL, &g.value, &g.at)?;
        }
        for i in &p.indicators {
            check_indicator(i)?;
        }
        if let Some(e) = &p.evaluation {
            check_evaluation(e)?;
        }
    }
    Ok(())
}

/// A document's rows, table by table (`Insert::run`'s layout: row after row), built before
/// the transaction; the ids only the transaction knows are filled in by [`Rows::set_projects`]
/// and [`Rows::set_rest`] (their columns are built as NULL).
struct Rows {
    projects: Vec<V>,
    goals: Vec<V>,
    /// Each goal's project, by position in the document (`None`: the document's own).
    goal_projects: Vec<Option<usize>>,
    indicators: Vec<V>,
    indicator_projects: Vec<Option<usize>>,
    findings: Vec<V>,
}

impl Rows {
    fn build(doc: &Document, findings: &[NewFinding], grades: &crate::model::NewGrades, year: Option<i64>, stamp: &str) -> Rows {
        // Built with no revision, document, department, unit or project: set later.
        let ids = Ids { revision: 0, document: 0, department: None, year };
        let counts = counts(doc, findings);
        let projects = doc
            .projects
            .iter()
            .enumerate()
            .flat_map(|(position, p)| project_row(&ids, position, p, None, grades.projects.get(position), counts[position], stamp))
            .collect();
        let document_goals = [("overall", &doc.overall_goals), ("sub", &doc.sub_goals), ("safeguard", &doc.safeguards)]
            .into_iter()
            .flat_map(|(kind, goals)| goals.iter().enumerate().map(move |(i, g)| (None, kind, i, g)));
        let project_goals = doc
            .projects
            .iter()
            .enumerate()
            .flat_map(|(at, p)| p.goals.iter().enumerate().map(move |(i, g)| (Some(at), "project", i, g)));
        let (mut goals, mut goal_projects) = (Vec::new(), Vec::new());
        for (project, kind, i, g) in document_goals.chain(project_goals) {
            goals.extend(goal_row(0, project.map(|_| 0), kind, i, g));
            goal_projects.push(project);
        }
        let department_indicators = doc.department_indicators.iter().enumerate().map(|(i, ind)| (None, i, ind));
        let project_indicators = doc
            .projects
            .iter()
            .enumerate()
            .flat_map(|(at, p)| p.indicators.iter().enumerate().map(move |(i, ind)| (Some(at), i, ind)));
        let (mut indicators, mut indicator_projects) = (Vec::new(), Vec::new());
        for (project, position, ind) in department_indicators.chain(project_indicators) {
            indicators.extend(indicator_row(&ids, project.map(|_| 0), position, ind, stamp));
            indicator_projects.push(project);
        }
        let findings = findings.iter().flat_map(|f| finding_row(0, f, stamp)).collect();
        Rows { projects, goals, goal_projects, indicators, indicator_projects, findings }
    }

    /// The projects' revision, document, department and units (by position).
    fn set_projects(&mut self, revision: i64, document: i64, department: Option<i64>, units: &[Option<i64>]) {
        let width = PROJECTS.columns.len();
        for (row, unit) in self.projects.chunks_mut(width).zip(units) {
            row[0] = revision.into();
            row[1] = document.into();
            row[2] = department.into();
            row[3] = (*unit).into();
        }
    }

    /// The other tables' revision, department and projects (`project_ids` by position).
    fn set_rest(&mut self, revision: i64, department: Option<i64>, project_ids: &[i64]) {
        let id = |p: &Option<usize>| p.and_then(|p| project_ids.get(p).copied());
        for (row, project) in self.goals.chunks_mut(GOALS.columns.len()).zip(&self.goal_projects) {
            row[0] = revision.into();
            row[1] = id(project).into();
        }
        for (row, project) in self.indicators.chunks_mut(INDICATORS.columns.len()).zip(&self.indicator_projects) {
            row[0] = revision.into();
            row[1] = id(project).into();
            row[2] = department.into();
        }
        for row in self.findings.chunks_mut(FINDINGS.columns.len()) {
            row[0] = revision.into();
        }
    }
}

/// What every row of a revision shares.
struct Ids {
    revision: i64,
    document: i64,
    department: Option<i64>,
    year: Option<i64>,
}

const PROJECTS: Insert = Insert {
    table: "projects",
    columns: &[
        "revision_id", "document_id", "department_id", "unit_id", "year", "position", "code", "name",
        "budget_total", "budget_fiscal", "budget_other", "purpose", "spending_plan", "line", "cell",
        "created_at", "updated_at", "grade_value", "grade", "grade_reasons", "evaluation", "self_score",
        "indicator_count", "findings_error", "findings_warning", "findings_info",
    ],
    returning: " RETURNING id, position",
};

/// A project's counts (migration 0005) as the insert triggers would make them: its indicators,
/// and the findings at its position by stored severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counts {
    indicators: i64,
    error: i64,
    warning: i64,
    info: i64,
}

/// Every project's [`Counts`], by position.
fn counts(doc: &Document, findings: &[NewFinding]) -> Vec<Counts> {
    let mut counts: Vec<Counts> = doc
        .projects
        .iter()
        .map(|p| Counts { indicators: p.indicators.len() as i64, ..Counts::default() })
        .collect();
    for f in findings {
        let Some(c) = f.project.and_then(|p| counts.get_mut(p)) else { continue };
        // As stored (`finding_row`) and as the triggers compare it.
        match snake(&f.severity).as_deref() {
            Some("error") => c.error += 1,
            Some("warning") | None => c.warning += 1,
            Some("info") => c.info += 1,
            Some(_) => {}
        }
    }
    counts
}

/// A self-evaluation's project part as stored (`projects.evaluation`): its JSON, `{}` when
/// only the rows print actuals or scores; `None` for a target table's project.
fn evaluation_json(p: &jixiao_model::Project) -> Option<String> {
    p.is_self_evaluation()
        .then(|| crate::to_json(p.evaluation.as_deref().unwrap_or(&jixiao_model::ProjectEvaluation::default())))
}

fn project_row(
    ids: &Ids,
    position: usize,
    p: &jixiao_model::Project,
    unit: Option<i64>,
    grade: Option<&crate::model::StoredGrade>,
    counts: Counts,
    stamp: &str,
) -> [V; 26] {
    let plan = p.spending_plan.as_ref().map(|plan| {
        let values: Vec<Option<String>> = plan
            .cumulative_percent
            .iter()
            .map(|c| c.as_ref().map(|c| c.value.normalize().to_string()))
            .collect();
        serde_json::to_string(&values).unwrap_or_default()
    });
    [
        ids.revision.into(),
        ids.document.into(),
        ids.department.into(),
        unit.into(),
        ids.year.into(),
        (position as i64).into(),
        p.code.as_ref().map(|c| c.value.clone()).into(),
        p.name.value.clone().into(),
        dec(&p.budget.total).into(),
        dec(&p.budget.fiscal).into(),
        dec(&p.budget.other).into(),
        p.purpose.as_ref().map(|c| c.value.clone()).into(),
        plan.into(),
        i64::from(p.at.line).into(),
        p.at.cell.map(i64::from).into(),
        stamp.into(),
        stamp.into(),
        grade.map(|g| g.value).into(),
        grade.map(|g| g.grade.clone()).into(),
        grade.map(|g| crate::to_json(&g.reasons)).into(),
        evaluation_json(p).into(),
        p.evaluation.as_ref().and_then(|e| e.total_score.as_ref()).map(|s| s.value.to_string()).into(),
        counts.indicators.into(),
        counts.error.into(),
        counts.warning.into(),
        counts.info.into(),
    ]
}

const GOALS: Insert = Insert {
    table: "goals",
    columns: &["revision_id", "project_id", "kind", "position", "text", "line", "cell"],
    returning: "",
};

fn goal_row(revision: i64, project: Option<i64>, kind: &str, position: usize, goal: &Located<String>) -> [V; 7] {
    [
        revision.into(),
        project.into(),
        kind.into(),
        (position as i64).into(),
        goal.value.clone().into(),
        i64::from(goal.at.line).into(),
        goal.at.cell.map(i64::from).into(),
    ]
}

fn snake<T: Serialize>(v: &T) -> Option<String> {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
}

const INDICATORS: Insert = Insert {
    table: "indicators",
    columns: &[
        "revision_id", "project_id", "department_id", "position", "level1", "level1_printed", "level1_inherited",
        "level2", "level2_printed", "level2_inherited", "level3", "description", "target_printed", "target_kind",
        "target_op", "target_value", "target_upper", "target_unit", "target_json", "target_line", "target_cell",
        "basis", "weight", "line", "cell", "created_at", "updated_at", "actual_printed", "score", "deviation", "year",
    ],
    returning: "",
};

/// An indicator's row; `year` is its project's (migration 0019), none without a project.
fn indicator_row(ids: &Ids, project: Option<i64>, position: usize, ind: &Indicator, stamp: &str) -> [V; 31] {
    let target = ind.target.as_ref();
    let (kind, op, value, upper, unit) = match target.map(|t| &t.value.value) {
        Some(TargetValue::Quantity {
            op,
            value,
            upper,
            unit,
            ..
        }) => (
            Some("quantity"),
            op.as_ref().and_then(snake),
            Some(value.normalize().to_string()),
            upper.map(|u| u.normalize().to_string()),
            unit.clone(),
        ),
        Some(TargetValue::Qualitative { .. }) => (Some("qualitative"), None, None, None, None),
        Some(TargetValue::Deadline { .. }) => (Some("deadline"), None, None, None, None),
        Some(TargetValue::NotATarget) => (Some("not_a_target"), None, None, None, None),
        Some(TargetValue::Other { .. }) => (Some("other"), None, None, None, None),
        None => (None, None, None, None, None),
    };
    let text = |l: &Option<Located<String>>| l.as_ref().map(|l| l.value.clone());
    let eval = ind.evaluation.as_ref();
    [
        ids.revision.into(),
        project.into(),
        ids.department.into(),
        (position as i64).into(),
        ind.level1.category.as_ref().and_then(snake).into(),
        ind.level1.printed.value.clone().into(),
        i64::from(ind.level1.inherited).into(),
        ind.level2.category.as_ref().and_then(snake).into(),
        ind.level2.printed.value.clone().into(),
        i64::from(ind.level2.inherited).into(),
        text(&ind.level3).into(),
        text(&ind.description).into(),
        target.map(|t| t.value.printed.clone()).into(),
        kind.map(str::to_string).into(),
        op.into(),
        value.into(),
        upper.into(),
        unit.into(),
        target.and_then(|t| serde_json::to_string(&t.value.value).ok()).into(),
        target.map(|t| i64::from(t.at.line)).into(),
        target.and_then(|t| t.at.cell.map(i64::from)).into(),
        text(&ind.basis).into(),
        ind.weight.map(|w| w.normalize().to_string()).into(),
        i64::from(ind.at.line).into(),
        ind.at.cell.map(i64::from).into(),
        stamp.into(),
        stamp.into(),
        eval.and_then(|e| e.actual.as_ref()).map(|a| a.value.printed.clone()).into(),
        // Exact, with the printed decimals: a score is judged to its last printed digit.
        eval.and_then(|e| e.score).map(|s| s.to_string()).into(),
        eval.and_then(|e| e.deviation.as_ref()).map(|d| d.value.clone()).into(),
        project.and(ids.year).into(),
    ]
}

/// Every rule set's findings and the reader's warnings, kept with the revision.
pub(crate) const FINDINGS: Insert = Insert {
    table: "findings",
    columns: &[
        "revision_id", "rule", "severity", "message", "line", "cell", "project_position", "created_at", "rule_set",
        "row_position", "suggestion", "quotes",
    ],
    returning: "",
};

pub(crate) fn finding_row(revision: i64, f: &NewFinding, stamp: &str) -> [V; 12] {
    [
        revision.into(),
        f.rule.as_str().into(),
        snake(&f.severity).unwrap_or_else(|| "warning".into()).into(),
        crate::text::scrub(&f.message).into_owned().into(),
        i64::from(f.line).into(),
        f.cell.map(i64::from).into(),
        f.project.map(|p| p as i64).into(),
        stamp.into(),
        f.rule_set.as_str().into(),
        f.row.map(|r| r as i64).into(),
        f.suggestion.as_deref().map(|s| crate::text::scrub(s).into_owned()).into(),
        (!f.quotes.is_empty()).then(|| crate::to_json(&f.quotes)).into(),
    ]
}
