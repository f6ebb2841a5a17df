//! Documents as wholes: what a revision holds, deleting a document with everything in it,
//! publishing demo data, and how much the database holds.

use crate::accounts::audit;
use crate::error::StoreError;
use crate::model::{NewAudit, RevisionCounts, RowCounts};
use crate::time::now;
use crate::{to_json, Store};

impl Store {
    /// A revision's document, number and row counts.
    pub async fn revision_counts(&self, revision_id: i64) -> Result<RevisionCounts, StoreError> {
        let found: Option<(i64, i64)> =
            sqlx::query_as("SELECT document_id, revision FROM document_revisions WHERE id = $1")
                .bind(revision_id)
                .fetch_optional(self.pool())
                .await?;
        let (document_id, revision) =
            found.ok_or_else(|| StoreError::NotFound(format!("修订版 {revision_id} 不存在。")))?;
        let (projects, indicators, findings): (i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM projects WHERE revision_id = $1), \
             (SELECT COUNT(*) FROM indicators WHERE revision_id = $1), \
             (SELECT COUNT(*) FROM findings WHERE revision_id = $1)",
        )
        .bind(revision_id)
        .fetch_one(self.pool())
        .await?;
        Ok(RevisionCounts { document_id, revision, projects, indicators, findings })
    }

    /// Deletes a document with all its revisions, projects, indicators, goals, findings and
    /// comments (audited).
    pub async fn delete_document(&self, by: i64, id: i64) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let source_name: Option<String> = sqlx::query_scalar("SELECT source_name FROM documents WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(source_name) = source_name else {
            return Err(StoreError::NotFound(format!("文档 {id} 不存在。")));
        };
        // The self-evaluations judged against its target tables' rows (`rereview.rs`): reviewed
        // again once it is gone.
        let projects: Vec<i64> = sqlx::query_scalar(
            "SELECT p.id FROM projects p JOIN documents d ON d.current_revision_id = p.revision_id WHERE d.id = $1 ORDER BY p.id",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        let paired = if self.reviewer.is_some() { crate::rereview::paired_revisions(&mut tx, &projects).await? } else { Vec::new() };
        let revs = "SELECT id FROM document_revisions WHERE document_id = $1";
        for sql in [
            format!("DELETE FROM findings WHERE revision_id IN ({revs})"),
            "DELETE FROM comments WHERE project_id IN (SELECT id FROM projects WHERE document_id = $1)".to_string(),
            "DELETE FROM department_table_comments WHERE table_id IN (SELECT id FROM department_tables WHERE document_id = $1)".to_string(),
            "DELETE FROM department_tables WHERE document_id = $1".to_string(),
            format!("DELETE FROM indicators WHERE revision_id IN ({revs})"),
            format!("DELETE FROM goals WHERE revision_id IN ({revs})"),
            "DELETE FROM projects WHERE document_id = $1".to_string(),
            "UPDATE documents SET current_revision_id = NULL WHERE id = $1".to_string(),
            "DELETE FROM document_revisions WHERE document_id = $1".to_string(),
            "DELETE FROM documents WHERE id = $1".to_string(),
        ] {
            sqlx::query(&sql).bind(id).execute(&mut *tx).await?;
        }
        let before = to_json(&serde_json::json!({ "id": id, "source_name": source_name }));
        let entry = NewAudit {
            user_id: Some(by),
            entity: "document",
            entity_id: Some(id),
            action: "delete",
            before: Some(&before),
            after: None,
        };
        audit(&mut tx, entry).await?;
        for r in paired {
            // (Its own revisions are gone: nothing to review there.)
            self.rereview(&mut tx, r).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Approves every draft project and 部门整体 table at once (demo data, so that the public
    /// sees it), with one audit entry by the system. As a workflow step does, it reviews again
    /// the self-evaluation revisions paired with the projects it approves (a published 自评表
    /// is judged against published target tables only, so approving its target table — or
    /// itself — changes its findings), in the same transaction.
    pub async fn approve_all_drafts(&self) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        // The projects approved, when a reviewer is installed and some self-evaluation is
        // stored (else no pairing can change: a bulk approval of target tables costs nothing).
        let mut approved: Vec<i64> = Vec::new();
        if self.reviewer.is_some() {
            let any: Option<i64> = sqlx::query_scalar("SELECT id FROM projects WHERE evaluation IS NOT NULL LIMIT 1")
                .fetch_optional(&mut *tx)
                .await?;
            if any.is_some() {
                approved = sqlx::query_scalar("SELECT id FROM projects WHERE status = 'draft' ORDER BY id")
                    .fetch_all(&mut *tx)
                    .await?;
            }
        }
        for table in ["projects", "department_tables"] {
            sqlx::query(&format!(
                "UPDATE {table} SET status = 'approved', version = version + 1, updated_at = $1 WHERE status = 'draft'"
            ))
            .bind(now())
            .execute(&mut *tx)
            .await?;
        }
        let entry = NewAudit {
            entity: "project",
            action: "approve_demo",
            after: Some("{\"status\":\"approved\"}"),
            ..NewAudit::default()
        };
        audit(&mut tx, entry).await?;
        // (In chunks: a statement binds a bounded number of parameters.)
        let mut revisions: Vec<i64> = Vec::new();
        for chunk in approved.chunks(1000) {
            for r in crate::rereview::paired_revisions(&mut tx, chunk).await? {
                if !revisions.contains(&r) {
                    revisions.push(r);
                }
            }
        }
        for r in revisions {
            self.rereview(&mut tx, r).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// How many rows each table holds (one query).
    pub async fn row_counts(&self) -> Result<RowCounts, StoreError> {
        const TABLES: [&str; 13] = [
            "organisations",
            "users",
            "documents",
            "document_revisions",
            "projects",
            "indicators",
            "goals",
            "findings",
            "comments",
            "monitoring_entries",
            "audit_log",
            "api_tokens",
            "sessions",
        ];
        let sql = format!(
            "SELECT {}",
            TABLES.map(|t| format!("(SELECT COUNT(*) FROM {t}) AS {t}")).join(", ")
        );
        let row = sqlx::query(&sql).fetch_one(self.pool()).await?;
        let n = |t: &str| -> Result<i64, StoreError> { Ok(sqlx::Row::try_get(&row, t)?) };
        Ok(RowCounts {
            organisations: n("organisations")?,
            users: n("users")?,
            documents: n("documents")?,
            document_revisions: n("document_revisions")?,
            projects: n("projects")?,
            indicators: n("indicators")?,
            goals: n("goals")?,
            findings: n("findings")?,
            comments: n("comments")?,
            monitoring_entries: n("monitoring_entries")?,
            audit_log: n("audit_log")?,
            api_tokens: n("api_tokens")?,
            sessions: n("sessions")?,
        })
    }
}
