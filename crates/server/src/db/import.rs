//! Upload-and-import, revision diffs, document deletion and the demo data: thin wrappers
//! over the store's import pipeline, answering in the API's terms.

use std::path::Path;

use jixiao_store::Store;
use serde::Serialize;

use super::accounts::audit;
use super::{now, to_json};
use crate::problem::Problem;

/// 导入结果。
#[derive(Debug, Serialize)]
pub struct UploadOutcome {
    /// imported 已导入（新文档或新修订版）/ unchanged 内容未变，未写入
    pub result: &'static str,
    /// True when something was written (HTTP 201).
    #[serde(skip)]
    pub created: bool,
    pub document_id: i64,
    pub revision_id: i64,
    pub revision: i64,
    pub projects: i64,
    pub indicators: i64,
    pub findings: i64,
}

/// Stores a document read once by [`jixiao_store::ReadDocument::read`] (the reading the
/// caller checked is the one stored). `department`: only into this department (a
/// 部门填报员's), decided in the import's transaction from this reading.
pub async fn import_upload(
    store: &Store,
    by: i64,
    doc: &jixiao_store::ReadDocument,
    department: Option<i64>,
) -> Result<UploadOutcome, Problem> {
    let options = jixiao_store::ImportOptions {
        imported_by: Some(by),
        department,
    };
    let outcome = jixiao_store::import_read(store, doc, &options)
        .await
        .map_err(import_problem)?;
    let (created, revision_id) = match outcome {
        jixiao_store::ImportOutcome::Imported { revision_id, .. } => (true, revision_id),
        jixiao_store::ImportOutcome::Unchanged { revision_id, .. } => (false, revision_id),
    };
    // The store writes the import's audit entry in the import's own transaction.
    let outcome = describe(store, revision_id, created).await?;
    Ok(outcome)
}

/// An import failure as the API answers it.
pub fn import_problem(e: jixiao_store::ImportError) -> Problem {
    match e {
        jixiao_store::ImportError::Read(r) => Problem::unprocessable(r.to_string()),
        jixiao_store::ImportError::WrongDepartment { printed, .. } => Problem::forbidden(format!(
            "部门填报员只能导入本部门的文档；该文档的部门（{}）不是您所在的部门。",
            printed.as_deref().unwrap_or("未印部门名称")
        )),
        jixiao_store::ImportError::Store { source, .. } => source.into(),
        other => Problem::internal(&other),
    }
}

async fn describe(
    store: &Store,
    revision_id: i64,
    created: bool,
) -> Result<UploadOutcome, Problem> {
    let (document_id, revision): (i64, i64) =
        sqlx::query_as("SELECT document_id, revision FROM document_revisions WHERE id = $1")
            .bind(revision_id)
            .fetch_one(store.pool())
            .await?;
    let count = |table: &'static str| async move {
        sqlx::query_scalar::<_, i64>(&format!(
            "SELECT COUNT(*) FROM {table} WHERE revision_id = $1"
        ))
        .bind(revision_id)
        .fetch_one(store.pool())
        .await
    };
    Ok(UploadOutcome {
        result: if created { "imported" } else { "unchanged" },
        created,
        document_id,
        revision_id,
        revision,
        projects: count("projects").await?,
        indicators: count("indicators").await?,
        findings: count("findings").await?,
    })
}

/// What changed between two revisions (added/removed/changed projects and indicators).
pub async fn diff(
    store: &Store,
    from_revision: i64,
    to_revision: i64,
) -> Result<serde_json::Value, Problem> {
    let d = jixiao_store::diff_revisions(store, from_revision, to_revision).await?;
    serde_json::to_value(&d).map_err(|e| Problem::internal(&e))
}

/// Deletes a document with all its revisions (admin only; audited).
pub async fn delete_document(store: &Store, by: i64, id: i64) -> Result<(), Problem> {
    let mut tx = store.begin_write().await?;
    let before: Option<(String,)> =
        sqlx::query_as("SELECT source_name FROM documents WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((source_name,)) = before else {
        return Err(Problem::not_found(format!("文档 {id} 不存在。")));
    };
    let revs = "SELECT id FROM document_revisions WHERE document_id = $1";
    for sql in [
        format!("DELETE FROM findings WHERE revision_id IN ({revs})"),
        "DELETE FROM comments WHERE project_id IN (SELECT id FROM projects WHERE document_id = $1)"
            .to_string(),
        format!("DELETE FROM indicators WHERE revision_id IN ({revs})"),
        format!("DELETE FROM goals WHERE revision_id IN ({revs})"),
        "DELETE FROM projects WHERE document_id = $1".to_string(),
        "UPDATE documents SET current_revision_id = NULL WHERE id = $1".to_string(),
        "DELETE FROM document_revisions WHERE document_id = $1".to_string(),
        "DELETE FROM documents WHERE id = $1".to_string(),
    ] {
        sqlx::query(&sql).bind(id).execute(&mut *tx).await?;
    }
    let before = serde_json::json!({ "id": id, "source_name": source_name });
    audit(
        &mut tx,
        Some(by),
        "document",
        Some(id),
        "delete",
        Some(&to_json(&before)),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Imports the demo documents when the database has none; the demo's projects are then
/// approved so that the public view shows them. `None` when documents already exist.
pub async fn load_demo(store: &Store, seeds: &Path) -> Result<Option<usize>, Problem> {
    let Some(n) = jixiao_store::load_demo(store, seeds).await? else {
        return Ok(None);
    };
    let mut tx = store.begin_write().await?;
    sqlx::query("UPDATE projects SET status = 'approved', version = version + 1, updated_at = $1 WHERE status = 'draft'")
        .bind(now())
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        None,
        "project",
        None,
        "approve_demo",
        None,
        Some("{\"status\":\"approved\"}"),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(n))
}
