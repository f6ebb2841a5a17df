//! What changed between two revisions of a document.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::StoreError;
use crate::Store;

/// A project or indicator row as compared between revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffRow {
    pub project: String,
    /// 三级指标 (for indicators).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
}

/// One changed field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub project: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    pub field: &'static str,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// 两个修订版之间的差异：新增、删除、修改的项目与指标。
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct RevisionDiff {
    pub from_revision: i64,
    pub to_revision: i64,
    pub added: Vec<DiffRow>,
    pub removed: Vec<DiffRow>,
    pub changed: Vec<FieldChange>,
}

type Fields = Vec<(&'static str, Option<String>)>;

async fn rows_of(
    store: &Store,
    revision: i64,
) -> Result<BTreeMap<(String, Option<String>), Fields>, StoreError> {
    let mut out = BTreeMap::new();
    let projects: Vec<(String, Option<String>, Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT name, code, budget_total, purpose, spending_plan FROM projects WHERE revision_id = $1 ORDER BY position",
    )
    .bind(revision)
    .fetch_all(store.pool())
    .await?;
    for (name, code, total, purpose, plan) in projects {
        let fields = vec![
            ("code", code),
            ("budget_total", total),
            ("purpose", purpose),
            ("spending_plan", plan),
        ];
        out.insert((name, None), fields);
    }
    let indicators: Vec<(Option<String>, Option<String>, String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT p.name, i.level3, i.level1_printed, i.level2_printed, i.target_printed, i.basis FROM indicators i \
         LEFT JOIN projects p ON p.id = i.project_id WHERE i.revision_id = $1 ORDER BY p.position, i.position",
    )
    .bind(revision)
    .fetch_all(store.pool())
    .await?;
    for (project, level3, level1, level2, target, basis) in indicators {
        let key = (
            project.unwrap_or_else(|| "部门整体".into()),
            Some(level3.unwrap_or_default()),
        );
        let fields = vec![
            ("level1", Some(level1)),
            ("level2", Some(level2)),
            ("target", target),
            ("basis", basis),
        ];
        out.insert(key, fields);
    }
    Ok(out)
}

impl Store {
    /// What changed from one revision to another, matching projects by name and indicators
    /// by (project, 三级指标).
    pub async fn diff_revisions(&self, from: i64, to: i64) -> Result<RevisionDiff, StoreError> {
        diff_revisions(self, from, to).await
    }
}

async fn diff_revisions(store: &Store, from: i64, to: i64) -> Result<RevisionDiff, StoreError> {
    let (a, b) = (rows_of(store, from).await?, rows_of(store, to).await?);
    let mut diff = RevisionDiff {
        from_revision: from,
        to_revision: to,
        ..RevisionDiff::default()
    };
    let row = |(p, i): &(String, Option<String>)| DiffRow {
        project: p.clone(),
        indicator: i.clone(),
    };
    for (key, before) in &a {
        match b.get(key) {
            None => diff.removed.push(row(key)),
            Some(after) => {
                for ((field, x), (_, y)) in before.iter().zip(after) {
                    if x != y {
                        diff.changed.push(FieldChange {
                            project: key.0.clone(),
                            indicator: key.1.clone(),
                            field,
                            before: x.clone(),
                            after: y.clone(),
                        });
                    }
                }
            }
        }
    }
    diff.added = b.keys().filter(|k| !a.contains_key(*k)).map(row).collect();
    Ok(diff)
}
