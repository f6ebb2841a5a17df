//! Storing a document read elsewhere: a new revision with its projects, goals, indicators
//! and findings, and the import's audit entry, in one transaction. Reading and reviewing the
//! bytes is the caller's work (`jixiao-import`); this module only persists what it is given.

use jixiao_model::{Document, Indicator, Located, Money, TargetValue};
use serde::Serialize;

use crate::db::WriteTx;
use crate::error::StoreError;
use crate::model::{NewFinding, NewRevision};
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
    sqlx::query_scalar(
        "SELECT id FROM organisations WHERE parent_id = $1 AND kind = $2 AND name = $3",
    )
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
        save_revision(self, new, options).await
    }

    /// `Unchanged` when these bytes (by their SHA-256), under this file name, are some
    /// document's current revision: a batch can skip reading them again.
    pub async fn unchanged(&self, file_name: &str, sha256: &str) -> Result<Option<ImportOutcome>, StoreError> {
        unchanged(self, file_name, sha256).await
    }
}

async fn save_revision(store: &Store, new: &NewRevision<'_>, options: &ImportOptions) -> Result<ImportOutcome, StoreError> {
    let NewRevision { file_name: name, bytes, sha256: sha, carrier, document: doc, findings } = *new;
    check_texts(doc)?;
    let stamp = now();
    let mut tx = store.begin_write().await?;
    let bureau = bureau(&mut tx).await?;

    let printed = doc.department.as_ref().map(|d| d.value.trim()).filter(|d| !d.is_empty());
    let wrong = || StoreError::WrongDepartment {
        printed: printed.map(str::to_string),
    };
    let department = match (printed, options.department) {
        // Restricted: the named department must already be the allowed one; never created.
        (Some(name), Some(allowed)) => {
            let found: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM organisations WHERE parent_id = $1 AND kind = 'department' AND name = $2",
            )
            .bind(bureau)
            .bind(name)
            .fetch_optional(&mut *tx)
            .await?;
            if found != Some(allowed) {
                return Err(wrong());
            }
            Some(allowed)
        }
        (None, Some(_)) => return Err(wrong()),
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
    let year = doc.year.as_ref().map(|y| i64::from(y.value));
    if let Some(y) = year {
        sqlx::query("INSERT INTO fiscal_years (year, created_at) VALUES ($1, $2) ON CONFLICT (year) DO NOTHING")
            .bind(y)
            .bind(&stamp)
            .execute(&mut *tx)
            .await?;
    }

    // One logical document per (department, year, file name); imports are its revisions.
    let series_key = format!("{}|{}|{}", department.unwrap_or(0), year.unwrap_or(0), name);
    // Yields to a parallel import of the same logical document, as organisations do.
    sqlx::query(
        "INSERT INTO documents (series_key, department_id, year, source_name, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (series_key) DO NOTHING",
    )
    .bind(&series_key)
    .bind(department)
    .bind(year)
    .bind(name)
    .bind(&stamp)
    .execute(&mut *tx)
    .await?;
    // PostgreSQL: the document row stays locked until commit, so parallel imports of the same
    // document take their turns (the next one sees this revision: no duplicate revision
    // number, and the same bytes twice stay one revision). SQLite writes one at a time anyway.
    let lock = match store.backend() {
        crate::Backend::Postgres => " FOR UPDATE",
        crate::Backend::Sqlite => "",
    };
    let (document_id, current, owner): (i64, Option<i64>, Option<i64>) = sqlx::query_as(&format!(
        "SELECT id, current_revision_id, department_id FROM documents WHERE series_key = $1{lock}"
    ))
    .bind(&series_key)
    .fetch_one(&mut *tx)
    .await?;
    // The logical document this becomes a revision of must be the same department's (the key
    // says so; a row changed by hand or by an older version must not let one department's
    // upload replace another's document).
    if owner != department {
        return Err(wrong());
    }
    if let Some(current) = current {
        let current_sha: String = sqlx::query_scalar("SELECT sha256 FROM document_revisions WHERE id = $1")
            .bind(current)
            .fetch_one(&mut *tx)
            .await?;
        if current_sha == *sha {
            return Ok(ImportOutcome::Unchanged {
                document_id,
                revision_id: current,
            });
        }
    }
    let revision: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(revision), 0) + 1 FROM document_revisions WHERE document_id = $1",
    )
    .bind(document_id)
    .fetch_one(&mut *tx)
    .await?;
    let framework = match doc.framework() {
        jixiao_model::Framework::Classic => "classic",
        jixiao_model::Framework::Guideline2021 => "guideline2021",
    };
    let revision_id: i64 = sqlx::query_scalar(
        "INSERT INTO document_revisions (document_id, revision, file_name, sha256, size, content, encoding, \
         department_printed, department_code, year, framework, imported_by, imported_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
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
    .fetch_one(&mut *tx)
    .await?;

    store_goals(&mut tx, revision_id, doc).await?;
    for ind in doc.department_indicators.iter().enumerate() {
        store_indicator(&mut tx, revision_id, None, department, ind, &stamp).await?;
    }
    for (position, p) in doc.projects.iter().enumerate() {
        let unit = match (&p.unit, department) {
            (Some(u), Some(dept)) => {
                Some(organisation(&mut tx, dept, "unit", &u.name, u.code.as_deref()).await?)
            }
            _ => None,
        };
        let plan = p.spending_plan.as_ref().map(|plan| {
            let values: Vec<Option<String>> = plan
                .cumulative_percent
                .iter()
                .map(|c| c.as_ref().map(|c| c.value.normalize().to_string()))
                .collect();
            serde_json::to_string(&values).unwrap_or_default()
        });
        let project_id: i64 = sqlx::query_scalar(
            "INSERT INTO projects (revision_id, document_id, department_id, unit_id, year, position, code, name, \
             budget_total, budget_fiscal, budget_other, purpose, spending_plan, line, cell, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id",
        )
        .bind(revision_id)
        .bind(document_id)
        .bind(department)
        .bind(unit)
        .bind(year)
        .bind(position as i64)
        .bind(p.code.as_ref().map(|c| c.value.clone()))
        .bind(&p.name.value)
        .bind(dec(&p.budget.total))
        .bind(dec(&p.budget.fiscal))
        .bind(dec(&p.budget.other))
        .bind(p.purpose.as_ref().map(|c| c.value.clone()))
        .bind(plan)
        .bind(i64::from(p.at.line))
        .bind(p.at.cell.map(i64::from))
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await?;
        for (i, g) in p.goals.iter().enumerate() {
            insert_goal(&mut tx, revision_id, Some(project_id), "project", i, g).await?;
        }
        for ind in p.indicators.iter().enumerate() {
            store_indicator(
                &mut tx,
                revision_id,
                Some(project_id),
                department,
                ind,
                &stamp,
            )
            .await?;
        }
    }
    store_findings(&mut tx, revision_id, findings, &stamp).await?;
    sqlx::query("UPDATE documents SET current_revision_id = $1 WHERE id = $2")
        .bind(revision_id)
        .bind(document_id)
        .execute(&mut *tx)
        .await?;
    // The audit entry belongs to the import's transaction: a document is never stored unaudited.
    let after = serde_json::json!({
        "file_name": name,
        "sha256": sha,
        "revision": revision,
        "projects": doc.projects.len(),
        "indicators": doc.department_indicators.len() + doc.projects.iter().map(|p| p.indicators.len()).sum::<usize>(),
    });
    sqlx::query("INSERT INTO audit_log (at, user_id, entity, entity_id, action, before_json, after_json) VALUES ($1, $2, 'document', $3, 'import', NULL, $4)")
        .bind(&stamp)
        .bind(options.imported_by)
        .bind(document_id)
        .bind(after.to_string())
        .execute(&mut *tx)
        .await?;
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
        Ok(())
    };
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
    }
    Ok(())
}

async fn insert_goal(
    tx: &mut WriteTx,
    revision_id: i64,
    project_id: Option<i64>,
    kind: &str,
    position: usize,
    goal: &Located<String>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO goals (revision_id, project_id, kind, position, text, line, cell) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(revision_id)
        .bind(project_id)
        .bind(kind)
        .bind(position as i64)
        .bind(&goal.value)
        .bind(i64::from(goal.at.line))
        .bind(goal.at.cell.map(i64::from))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn store_goals(
    tx: &mut WriteTx,
    revision_id: i64,
    doc: &Document,
) -> Result<(), sqlx::Error> {
    for (kind, goals) in [
        ("overall", &doc.overall_goals),
        ("sub", &doc.sub_goals),
        ("safeguard", &doc.safeguards),
    ] {
        for (i, g) in goals.iter().enumerate() {
            insert_goal(tx, revision_id, None, kind, i, g).await?;
        }
    }
    Ok(())
}

fn snake<T: Serialize>(v: &T) -> Option<String> {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
}

async fn store_indicator(
    tx: &mut WriteTx,
    revision_id: i64,
    project_id: Option<i64>,
    department: Option<i64>,
    (position, ind): (usize, &Indicator),
    stamp: &str,
) -> Result<(), sqlx::Error> {
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
    sqlx::query(
        "INSERT INTO indicators (revision_id, project_id, department_id, position, level1, level1_printed, level1_inherited, \
         level2, level2_printed, level2_inherited, level3, description, target_printed, target_kind, target_op, target_value, \
         target_upper, target_unit, target_json, target_line, target_cell, basis, weight, line, cell, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $26)",
    )
    .bind(revision_id)
    .bind(project_id)
    .bind(department)
    .bind(position as i64)
    .bind(ind.level1.category.as_ref().and_then(snake))
    .bind(&ind.level1.printed.value)
    .bind(i64::from(ind.level1.inherited))
    .bind(ind.level2.category.as_ref().and_then(snake))
    .bind(&ind.level2.printed.value)
    .bind(i64::from(ind.level2.inherited))
    .bind(text(&ind.level3))
    .bind(text(&ind.description))
    .bind(target.map(|t| t.value.printed.clone()))
    .bind(kind)
    .bind(op)
    .bind(value)
    .bind(upper)
    .bind(unit)
    .bind(target.and_then(|t| serde_json::to_string(&t.value.value).ok()))
    .bind(target.map(|t| i64::from(t.at.line)))
    .bind(target.and_then(|t| t.at.cell.map(i64::from)))
    .bind(text(&ind.basis))
    .bind(ind.weight.map(|w| w.normalize().to_string()))
    .bind(i64::from(ind.at.line))
    .bind(ind.at.cell.map(i64::from))
    .bind(stamp)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The review's findings and the reader's warnings, kept with the revision.
async fn store_findings(
    tx: &mut WriteTx,
    revision_id: i64,
    findings: &[NewFinding],
    stamp: &str,
) -> Result<(), sqlx::Error> {
    let insert = "INSERT INTO findings (revision_id, rule, severity, message, line, cell, project_position, created_at) \
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    for f in findings {
        sqlx::query(insert)
            .bind(revision_id)
            .bind(&f.rule)
            .bind(snake(&f.severity).unwrap_or_else(|| "warning".into()))
            .bind(crate::text::scrub(&f.message).into_owned())
            .bind(i64::from(f.line))
            .bind(f.cell.map(i64::from))
            .bind(f.project.map(|p| p as i64))
            .bind(stamp)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
