//! Findings that never go stale: after every edit of a project or an indicator, the
//! revision they belong to is reviewed again and its stored findings and grades are replaced,
//! in the same write transaction as the edit.
//!
//! The store knows no reader and no review rule (its invariant): the review is a
//! [`Reviewer`] the service installs ([`Store::with_reviewer`]). The store hands it the
//! revision as it is now inside the transaction — the original bytes and every stored
//! project with its goals and indicators, edits included — and stores what it returns: the
//! findings of the review's rule sets (those of the reader, rule set `read`, stay as they
//! were: the bytes did not change) and the grades of the document and of each project.

use std::sync::Arc;

use crate::db::WriteTx;
use crate::error::StoreError;
use crate::model::{Indicator, NewFinding, NewGrades, Project, StoredGrade};
use crate::read::{project, stored_grade, PROJECT_COLS};
use crate::rows::V;
use crate::time::now;
use crate::Store;

/// A stored revision as it is now, for a [`Reviewer`].
#[derive(Debug, Clone)]
pub struct StoredRevision {
    pub revision_id: i64,
    pub file_name: String,
    /// The SHA-256 of the original bytes (hex): the same bytes read the same.
    pub sha256: String,
    /// The original bytes, as imported.
    pub bytes: Vec<u8>,
    /// Its projects in their order (`position`), edits included.
    pub projects: Vec<StoredProject>,
    /// For each project of [`StoredRevision::projects`] (same index) that is a published
    /// self-evaluation, the current target table's project paired with it
    /// ([`Store::paired_project`], among every stored project): its approved targets, which the
    /// re-scoring judges the actuals against. `None` for target tables and unpaired projects.
    pub approved: Vec<Option<StoredProject>>,
}

/// A stored project with its goals and its indicator rows in table order.
#[derive(Debug, Clone)]
pub struct StoredProject {
    /// Its position in the revision (the index it had when imported; new projects follow).
    pub position: i64,
    pub project: Project,
    pub goals: Vec<String>,
    /// Each row with the cell it was printed in (`None` when added by an edit or when the
    /// layout has no cells).
    pub indicators: Vec<(Indicator, Option<i64>)>,
}

/// What a [`Reviewer`] found: findings whose `project` is an index into
/// [`StoredRevision::projects`] and whose `row` an index into that project's indicators,
/// and the grades (`projects` in the same order).
#[derive(Debug, Clone, Default)]
pub struct Reviewed {
    pub findings: Vec<NewFinding>,
    pub grades: NewGrades,
}

/// Reviews a stored revision again (pure CPU work; it runs on a blocking thread).
pub trait Reviewer: Send + Sync + 'static {
    fn review(&self, revision: &StoredRevision) -> Reviewed;
}

impl Store {
    /// This store, re-reviewing a revision after every edit of its projects or indicators
    /// with `reviewer` (without one, edits leave findings and grades as they were).
    pub fn with_reviewer(mut self, reviewer: Arc<dyn Reviewer>) -> Store {
        self.reviewer = Some(reviewer);
        self
    }

    /// Reviews a revision again and replaces its stored findings and grades, in a write
    /// transaction of its own (for revisions stored before grades were: migration 0008).
    /// Does nothing without a [`Reviewer`].
    pub async fn rereview_revision(&self, revision_id: i64) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        self.rereview(&mut tx, revision_id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// After a revision was stored (`projects`: its projects, in their order): every current
    /// revision of a published self-evaluation that one of its projects pairs with (the
    /// revision itself when it is a self-evaluation paired with a stored target table; the
    /// self-evaluations of its target projects) is reviewed again, so its re-scoring judges the
    /// actuals against the approved targets whichever was imported first. Also after a workflow
    /// step (which changes who may see a target table, so which approved targets a
    /// self-evaluation is judged against). Does nothing without a [`Reviewer`].
    /// `keys`: what the pairing weighs of `projects` (in their order), when the caller knows it
    /// (an import has just written them); else it is read.
    pub(crate) async fn rereview_pairs_of(&self, tx: &mut WriteTx, projects: &[i64], keys: Option<&[crate::cycle::PairKey]>) -> Result<(), StoreError> {
        if self.reviewer.is_none() {
            return Ok(());
        }
        let may_pair = match keys {
            Some(keys) => crate::cycle::evaluations_may_pair_keys(tx, keys).await?,
            None => crate::cycle::evaluations_may_pair(tx, projects).await?,
        };
        if !may_pair {
            return Ok(());
        }
        for r in paired_revisions(tx, projects).await? {
            self.rereview(tx, r).await?;
        }
        Ok(())
    }

    /// Before an edit of `project`'s rows (`key`: or of its 编码 or name, or its deletion):
    /// the self-evaluations paired around it, for [`Store::rereview_pairs_after`].
    pub(crate) async fn pairs_before(&self, tx: &mut WriteTx, project: i64, key: bool) -> Result<PairsBefore, StoreError> {
        if self.reviewer.is_none() {
            return Ok(PairsBefore { project, revisions: Vec::new(), near: None });
        }
        let revisions = paired_revisions(tx, &[project]).await?;
        let near = if key {
            let near = crate::cycle::evaluations_near(tx, crate::Visibility::Everything, project).await?;
            Some(partners(tx, &near, None).await?)
        } else {
            None
        };
        Ok(PairsBefore { project, revisions, near })
    }

    /// Before the creation of `project` (inside the transaction that created it): the pairing
    /// around it as it was without it, for [`Store::rereview_pairs_after`].
    pub(crate) async fn pairs_before_creation(&self, tx: &mut WriteTx, project: i64) -> Result<PairsBefore, StoreError> {
        if self.reviewer.is_none() {
            return Ok(PairsBefore { project, revisions: Vec::new(), near: None });
        }
        let near = crate::cycle::evaluations_near(tx, crate::Visibility::Everything, project).await?;
        let near = partners(tx, &near, Some(project)).await?;
        Ok(PairsBefore { project, revisions: Vec::new(), near: Some(near) })
    }

    /// After an edit of a project's rows or key ([`Store::pairs_before`]): every
    /// self-evaluation revision paired with the project before or after the edit, and (for a
    /// key's change) every one whose partner the edit changed, reviewed again in the edit's
    /// transaction — but `reviewed`, the revision the edit reviewed already. So a
    /// self-evaluation's findings (`JX-E015`, the targets it is judged against) follow its
    /// target table's edits as they follow its imports and workflow steps.
    pub(crate) async fn rereview_pairs_after(&self, tx: &mut WriteTx, before: PairsBefore, reviewed: Option<i64>) -> Result<(), StoreError> {
        if self.reviewer.is_none() {
            return Ok(());
        }
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM projects WHERE id = $1")
            .bind(before.project)
            .fetch_optional(&mut **tx)
            .await?;
        let mut revisions = before.revisions;
        if exists.is_some() {
            revisions.extend(paired_revisions(tx, &[before.project]).await?);
        }
        if let Some(near) = before.near {
            let mut ids: Vec<i64> = near.iter().map(|(e, _)| *e).collect();
            if exists.is_some() {
                for e in crate::cycle::evaluations_near(tx, crate::Visibility::Everything, before.project).await? {
                    if !ids.contains(&e) {
                        ids.push(e);
                    }
                }
            }
            for (e, partner) in partners(tx, &ids, None).await? {
                let was = near.iter().find(|(x, _)| *x == e).map(|(_, p)| *p);
                if was != Some(partner) {
                    revisions.extend(revision_of(tx, e).await?);
                }
            }
        }
        let mut done = Vec::new();
        for r in revisions {
            if Some(r) == reviewed || done.contains(&r) {
                continue;
            }
            self.rereview(tx, r).await?;
            done.push(r);
        }
        Ok(())
    }

    /// The current revisions without a stored grade (imported by an older version), oldest
    /// first, at most `limit`.
    pub async fn ungraded_revisions(&self, limit: i64) -> Result<Vec<i64>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT r.id FROM document_revisions r JOIN documents d ON d.current_revision_id = r.id \
             WHERE r.grade IS NULL ORDER BY r.id LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// The revision of a project (inside `tx`, so a project the transaction created counts).
    pub(crate) async fn rereview_project(
        &self,
        tx: &mut WriteTx,
        project_id: i64,
    ) -> Result<(), StoreError> {
        if self.reviewer.is_none() {
            return Ok(());
        }
        let revision: Option<i64> =
            sqlx::query_scalar("SELECT revision_id FROM projects WHERE id = $1")
                .bind(project_id)
                .fetch_optional(&mut **tx)
                .await?;
        match revision {
            Some(r) => self.rereview(tx, r).await,
            None => Ok(()),
        }
    }

    /// Reviews `revision_id` as `tx` sees it and replaces its findings (but the reader's) and
    /// grades.
    pub(crate) async fn rereview(
        &self,
        tx: &mut WriteTx,
        revision_id: i64,
    ) -> Result<(), StoreError> {
        let Some(reviewer) = self.reviewer.clone() else {
            return Ok(());
        };
        let Some((stored, grades)) = load(tx, revision_id).await? else {
            return Ok(());
        };
        let positions: Vec<i64> = stored.projects.iter().map(|p| p.position).collect();
        let ids: Vec<i64> = stored.projects.iter().map(|p| p.project.id).collect();
        let reviewed = tokio::task::spawn_blocking(move || reviewer.review(&stored))
            .await
            .map_err(|e| StoreError::Invalid(format!("重新审核失败：{e}")))?;

        sqlx::query("DELETE FROM findings WHERE revision_id = $1 AND rule_set <> 'read'")
            .bind(revision_id)
            .execute(&mut **tx)
            .await?;
        let stamp = now();
        let rows: Vec<V> = reviewed
            .findings
            .into_iter()
            .filter(|f| f.rule_set != "read")
            .filter_map(|mut f| {
                // From the reviewer's project index to the stored position.
                match f.project {
                    Some(i) => f.project = Some(usize::try_from(*positions.get(i)?).ok()?),
                    None => f.row = None,
                }
                Some(crate::save::finding_row(revision_id, &f, &stamp))
            })
            .flatten()
            .collect();
        crate::save::FINDINGS.run(tx, self.backend(), rows).await?;

        for ((id, old), new) in ids.iter().zip(&grades).zip(&reviewed.grades.projects) {
            if old.as_ref() != Some(new) {
                set_grade(tx, "projects", *id, Some(new)).await?;
            }
        }
        set_grade(
            tx,
            "document_revisions",
            revision_id,
            reviewed.grades.document.as_ref(),
        )
        .await?;
        Ok(())
    }
}

/// The self-evaluations paired around an edited project before the edit
/// ([`Store::pairs_before`]).
pub(crate) struct PairsBefore {
    project: i64,
    /// The self-evaluation revisions paired with it.
    revisions: Vec<i64>,
    /// When its key may change: each self-evaluation near it with its partner.
    near: Option<Vec<(i64, Option<i64>)>>,
}

/// The self-evaluation revisions paired with `projects` (their own, for self-evaluations
/// paired with a target table), each once.
pub(crate) async fn paired_revisions(tx: &mut WriteTx, projects: &[i64]) -> Result<Vec<i64>, StoreError> {
    let mut revisions: Vec<i64> = Vec::new();
    if !crate::cycle::evaluations_may_pair(tx, projects).await? {
        return Ok(revisions);
    }
    for &id in projects {
        let Some(paired) = crate::cycle::paired_in(tx, crate::Visibility::Everything, id).await? else { continue };
        let evaluation = if paired.self_evaluation { paired.id } else { id };
        if let Some(r) = revision_of(tx, evaluation).await?.filter(|r| !revisions.contains(r)) {
            revisions.push(r);
        }
    }
    Ok(revisions)
}

async fn revision_of(tx: &mut WriteTx, project: i64) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar("SELECT revision_id FROM projects WHERE id = $1")
        .bind(project)
        .fetch_optional(&mut **tx)
        .await?)
}

/// Each of `evaluations` (still stored) with the project it is paired with (as if `without`
/// were not stored).
async fn partners(tx: &mut WriteTx, evaluations: &[i64], without: Option<i64>) -> Result<Vec<(i64, Option<i64>)>, StoreError> {
    let mut out = Vec::with_capacity(evaluations.len());
    for &e in evaluations {
        match crate::cycle::paired_without(tx, crate::Visibility::Everything, e, without).await {
            Ok(p) => out.push((e, p.map(|p| p.id))),
            Err(StoreError::NotFound(_)) => {}
            Err(err) => return Err(err),
        }
    }
    Ok(out)
}

async fn set_grade(
    tx: &mut WriteTx,
    table: &str,
    id: i64,
    g: Option<&StoredGrade>,
) -> Result<(), StoreError> {
    sqlx::query(&format!(
        "UPDATE {table} SET grade_value = $1, grade = $2, grade_reasons = $3 WHERE id = $4"
    ))
    .bind(g.map(|g| g.value))
    .bind(g.map(|g| g.grade.clone()))
    .bind(g.map(|g| crate::to_json(&g.reasons)))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The revision as `tx` sees it, with each project's stored grade and each self-evaluation's
/// paired target project.
async fn load(
    tx: &mut WriteTx,
    revision_id: i64,
) -> Result<Option<(StoredRevision, Vec<Option<StoredGrade>>)>, StoreError> {
    let Some((mut stored, grades)) = load_plain(tx, revision_id).await? else {
        return Ok(None);
    };
    let mut approved = Vec::with_capacity(stored.projects.len());
    for p in &stored.projects {
        let mut target = None;
        if p.project.evaluation.is_some() {
            // The stored findings are shown to whoever may read the self-evaluation: judge it
            // only against a target table they may all see (a published 自评表 against a
            // published target table; a draft against its department's and published ones).
            let seen = match (p.project.status, p.project.department_id) {
                (crate::Status::Approved, _) => crate::Visibility::Published,
                (_, Some(d)) => crate::Visibility::Department(d),
                (_, None) => crate::Visibility::Everything,
            };
            let paired = match crate::cycle::paired_in(tx, seen, p.project.id).await {
                Ok(found) => found,
                Err(StoreError::NotFound(_)) => None,
                Err(e) => return Err(e),
            };
            if let Some(paired) = paired.filter(|x| !x.self_evaluation) {
                let revision: Option<i64> = sqlx::query_scalar("SELECT revision_id FROM projects WHERE id = $1")
                    .bind(paired.id)
                    .fetch_optional(&mut **tx)
                    .await?;
                if let Some(r) = revision {
                    if let Some((other, _)) = Box::pin(load_plain(tx, r)).await? {
                        target = other.projects.into_iter().find(|x| x.project.id == paired.id);
                    }
                }
            }
        }
        approved.push(target);
    }
    stored.approved = approved;
    Ok(Some((stored, grades)))
}

/// The revision as `tx` sees it, with each project's stored grade (no pairing).
async fn load_plain(
    tx: &mut WriteTx,
    revision_id: i64,
) -> Result<Option<(StoredRevision, Vec<Option<StoredGrade>>)>, StoreError> {
    let head: Option<(String, String, Vec<u8>)> =
        sqlx::query_as("SELECT file_name, sha256, content FROM document_revisions WHERE id = $1")
            .bind(revision_id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((file_name, sha256, bytes)) = head else {
        return Ok(None);
    };
    let rows = sqlx::query(&format!(
        "SELECT {PROJECT_COLS}, p.position, p.grade_value, p.grade, p.grade_reasons FROM projects p \
         WHERE p.revision_id = $1 ORDER BY p.position, p.id"
    ))
    .bind(revision_id)
    .fetch_all(&mut **tx)
    .await?;
    let mut projects = Vec::with_capacity(rows.len());
    let mut grades = Vec::with_capacity(rows.len());
    for r in &rows {
        use crate::sql::Col;
        projects.push(StoredProject {
            position: r.int("position")?,
            project: project(r)?,
            goals: Vec::new(),
            indicators: Vec::new(),
        });
        grades.push(stored_grade(r)?);
    }
    let at: std::collections::HashMap<i64, usize> = projects
        .iter()
        .enumerate()
        .map(|(i, p)| (p.project.id, i))
        .collect();
    let index = |id: i64| at.get(&id).copied();
    let goals: Vec<(i64, String)> = sqlx::query_as(
        "SELECT project_id, text FROM goals WHERE revision_id = $1 AND project_id IS NOT NULL ORDER BY project_id, position",
    )
    .bind(revision_id)
    .fetch_all(&mut **tx)
    .await?;
    let mut by_project: Vec<Vec<String>> = vec![Vec::new(); projects.len()];
    for (id, text) in goals {
        if let Some(i) = index(id) {
            by_project[i].push(text);
        }
    }
    let rows = sqlx::query(&format!(
        "SELECT {}, i.cell FROM indicators i WHERE i.revision_id = $1 AND i.project_id IS NOT NULL \
         ORDER BY i.project_id, i.position, i.id",
        crate::read::INDICATOR_COLS
    ))
    .bind(revision_id)
    .fetch_all(&mut **tx)
    .await?;
    let mut rows_of: Vec<Vec<(Indicator, Option<i64>)>> = vec![Vec::new(); projects.len()];
    for r in &rows {
        use crate::sql::Col;
        let ind = crate::read::indicator(r)?;
        if let Some(i) = ind.project_id.and_then(index) {
            rows_of[i].push((ind, r.opt_int("cell")?));
        }
    }
    for ((p, goals), rows) in projects.iter_mut().zip(by_project).zip(rows_of) {
        p.goals = goals;
        p.indicators = rows;
    }
    Ok(Some((
        StoredRevision {
            revision_id,
            file_name,
            sha256,
            bytes,
            projects,
            approved: Vec::new(),
        },
        grades,
    )))
}
