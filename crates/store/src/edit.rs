//! Edits. Each runs in one write transaction: check the version the client read (optimistic
//! lock), change the row, bump its version, and write an audit entry (who, when, what,
//! before → after). Values arrive checked and normalised by the caller (the service's text
//! limits and amounts); rules that need the database (a name taken, a row in use, an
//! indicator of another project) are decided here.

use jixiao_model::{Level1, Level2, Target, TargetValue};
use serde::Serialize;

use crate::accounts::audit;
use crate::db::WriteTx;
use crate::error::StoreError;
use crate::model::{
    Direction, FiscalYear, FiscalYearChanges, Indicator, IndicatorChanges, NewAudit, NewFiscalYear, NewOrganisation, Organisation,
    OrganisationChanges, Project, ProjectChanges, Status, StoredDocument, TableState,
};
use crate::sql::{bind_all, numbered, Arg};
use crate::time::now;
use crate::{to_json, Store};

/// `UPDATE table SET sets…, version = version + 1 WHERE id AND version`; stale or not found
/// when no row matched.
async fn versioned_update(
    tx: &mut WriteTx,
    table: &str,
    id: i64,
    expected: i64,
    sets: &[(&str, Arg)],
) -> Result<(), StoreError> {
    let mut sql = format!("UPDATE {table} SET version = version + 1");
    let mut args = Vec::new();
    for (col, arg) in sets {
        sql.push_str(&format!(", {col} = ?"));
        args.push(arg.clone());
    }
    sql.push_str(" WHERE id = ? AND version = ?");
    args.extend([Arg::Int(id), Arg::Int(expected)]);
    let done = bind_all(sqlx::query(&numbered(&sql)), &args)
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() == 1 {
        return Ok(());
    }
    stale_or_missing(tx, table, id, expected).await
}

async fn stale_or_missing(tx: &mut WriteTx, table: &str, id: i64, expected: i64) -> Result<(), StoreError> {
    let current: Option<i64> = sqlx::query_scalar(&format!("SELECT version FROM {table} WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    match current {
        Some(actual) => Err(StoreError::Stale { expected, actual }),
        None => Err(StoreError::NotFound(format!("记录 {id} 不存在（可能已被删除）。"))),
    }
}

async fn versioned_delete(tx: &mut WriteTx, table: &str, id: i64, expected: i64) -> Result<(), StoreError> {
    let done = sqlx::query(&format!("DELETE FROM {table} WHERE id = $1 AND version = $2"))
        .bind(id)
        .bind(expected)
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        stale_or_missing(tx, table, id, expected).await
    }
}

/// A clearable text field of a change set: its column, the change (`None`: unchanged,
/// `Some(None)`: cleared) and the field of the row it changes.
type Clearable<'a> = (&'static str, &'a Option<Option<String>>, &'a mut Option<String>);

/// A row the API edits: its table, its entity name in the audit log, and its id.
#[doc(hidden)]
pub trait Audited: Serialize {
    const TABLE: &'static str;
    const ENTITY: &'static str;
    fn id(&self) -> i64;
}

impl Audited for Organisation {
    const TABLE: &'static str = "organisations";
    const ENTITY: &'static str = "organisation";
    fn id(&self) -> i64 {
        self.id
    }
}

impl Audited for FiscalYear {
    const TABLE: &'static str = "fiscal_years";
    const ENTITY: &'static str = "fiscal_year";
    /// A year is its own key.
    fn id(&self) -> i64 {
        self.year
    }
}

impl Audited for Project {
    const TABLE: &'static str = "projects";
    const ENTITY: &'static str = "project";
    fn id(&self) -> i64 {
        self.id
    }
}

impl Audited for Indicator {
    const TABLE: &'static str = "indicators";
    const ENTITY: &'static str = "indicator";
    fn id(&self) -> i64 {
        self.id
    }
}

impl Audited for TableState {
    const TABLE: &'static str = "department_tables";
    const ENTITY: &'static str = "department_table";
    fn id(&self) -> i64 {
        self.id
    }
}

/// A row that moves through the review workflow (草稿 → 已提交 → 已退回 / 已批准): a project,
/// or a 部门整体支出绩效目标表 (`department_tables`, keyed by its revision). One
/// [`Store::transition`] moves either, with the same optimistic lock, comment and audit entry.
pub trait Flowing: Audited + Clone {
    /// The comments table of such rows and its column naming the row.
    #[doc(hidden)]
    const COMMENTS: (&'static str, &'static str);
    #[doc(hidden)]
    fn moved(&mut self, to: Status, version: i64, at: String);
}

impl Flowing for Project {
    const COMMENTS: (&'static str, &'static str) = ("comments", "project_id");
    fn moved(&mut self, to: Status, version: i64, at: String) {
        self.status = to;
        self.version = version;
        self.updated_at = at;
    }
}

impl Flowing for TableState {
    const COMMENTS: (&'static str, &'static str) = ("department_table_comments", "table_id");
    fn moved(&mut self, to: Status, version: i64, at: String) {
        self.status = to;
        self.version = version;
        self.updated_at = at;
    }
}

/// The audit entry of a new comment (on a project, an indicator or a 部门整体 table).
async fn audit_new_comment(tx: &mut WriteTx, by: i64, id: i64, after: serde_json::Value) -> Result<(), StoreError> {
    let after = after.to_string();
    let entry = NewAudit {
        user_id: Some(by),
        entity: "comment",
        entity_id: Some(id),
        action: "create",
        before: None,
        after: Some(&after),
    };
    audit(tx, entry).await
}

/// The audit entry of a change to `T`'s row.
async fn audit_change<T: Audited>(
    tx: &mut WriteTx,
    by: i64,
    action: &str,
    id: i64,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<(), StoreError> {
    let (before, after) = (before.map(to_json), after.map(to_json));
    let entry = NewAudit {
        user_id: Some(by),
        entity: T::ENTITY,
        entity_id: Some(id),
        action,
        before: before.as_deref(),
        after: after.as_deref(),
    };
    audit(tx, entry).await
}

/// What an edit's transaction reviews again before it commits (`rereview.rs`): the revision
/// of a project, or a revision; and the self-evaluations paired with the edited project
/// (its rows are the targets they are judged against).
#[derive(Debug, Clone, Copy)]
enum Again {
    Nothing,
    Project(i64),
    Revision(i64),
}

/// The edited project whose paired self-evaluations are reviewed again, and whether the
/// edit may change its key (编码, name; its deletion), hence which self-evaluations pair.
#[derive(Debug, Clone, Copy)]
struct Pairs {
    project: Option<i64>,
    key: bool,
}

impl Pairs {
    const NONE: Pairs = Pairs { project: None, key: false };

    fn rows(project: Option<i64>) -> Pairs {
        Pairs { project, key: false }
    }

    fn key(project: i64) -> Pairs {
        Pairs { project: Some(project), key: true }
    }

    async fn before(self, store: &Store, tx: &mut WriteTx) -> Result<Option<crate::rereview::PairsBefore>, StoreError> {
        match self.project {
            Some(p) => Ok(Some(store.pairs_before(tx, p, self.key).await?)),
            None => Ok(None),
        }
    }
}

impl Again {
    /// Reviews again what the edit changed; `pairs`: the pairing before it.
    async fn run(self, store: &Store, tx: &mut WriteTx, pairs: Option<crate::rereview::PairsBefore>) -> Result<(), StoreError> {
        let reviewed = match self {
            Again::Nothing => None,
            Again::Project(id) => {
                store.rereview_project(tx, id).await?;
                revision_of_project(tx, id).await?
            }
            Again::Revision(id) => {
                store.rereview(tx, id).await?;
                Some(id)
            }
        };
        match pairs {
            Some(before) => store.rereview_pairs_after(tx, before, reviewed).await,
            None => Ok(()),
        }
    }
}

async fn revision_of_project(tx: &mut WriteTx, project: i64) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar("SELECT revision_id FROM projects WHERE id = $1")
        .bind(project)
        .fetch_optional(&mut **tx)
        .await?)
}

/// [`versioned_update`] of `before`'s row and its audit entry (before → after), and the
/// review again of what it changes, in one write transaction.
#[allow(clippy::too_many_arguments)]
async fn audited_update<T: Audited>(
    store: &Store,
    by: i64,
    before: &T,
    version: i64,
    sets: &[(&str, Arg)],
    after: &T,
    again: Again,
    pairs: Pairs,
) -> Result<(), StoreError> {
    let mut tx = store.begin_write().await?;
    let paired = pairs.before(store, &mut tx).await?;
    versioned_update(&mut tx, T::TABLE, before.id(), version, sets).await?;
    audit_change(&mut tx, by, "update", before.id(), Some(before), Some(after)).await?;
    again.run(store, &mut tx, paired).await?;
    tx.commit().await?;
    Ok(())
}

/// [`versioned_delete`] of `before`'s row and its audit entry, and the review again of what
/// it changes, in one write transaction.
async fn audited_delete<T: Audited>(store: &Store, by: i64, before: &T, version: i64, again: Again, pairs: Pairs) -> Result<(), StoreError> {
    let mut tx = store.begin_write().await?;
    let paired = pairs.before(store, &mut tx).await?;
    versioned_delete(&mut tx, T::TABLE, before.id(), version).await?;
    audit_change::<T>(&mut tx, by, "delete", before.id(), Some(before), None).await?;
    again.run(store, &mut tx, paired).await?;
    tx.commit().await?;
    Ok(())
}

impl ProjectChanges {
    /// The column changes, applied also to `after` (for the audit log and the answer).
    fn apply(&self, after: &mut Project) -> Vec<(&'static str, Arg)> {
        let mut sets = Vec::new();
        if let Some(name) = &self.name {
            after.name = name.clone();
            sets.push(("name", Arg::Text(name.clone())));
        }
        let fields: [Clearable; 5] = [
            ("code", &self.code, &mut after.code),
            ("purpose", &self.purpose, &mut after.purpose),
            ("budget_total", &self.budget_total, &mut after.budget_total),
            ("budget_fiscal", &self.budget_fiscal, &mut after.budget_fiscal),
            ("budget_other", &self.budget_other, &mut after.budget_other),
        ];
        for (col, value, field) in fields {
            if let Some(v) = value {
                *field = v.clone();
                sets.push((col, Arg::from(v.clone())));
            }
        }
        sets
    }
}

/// The canonical name of a level category (`output`), as stored.
fn category_name<T: Serialize>(c: Option<T>) -> Option<String> {
    match c.map(|c| serde_json::to_value(c)) {
        Some(Ok(serde_json::Value::String(s))) => Some(s),
        _ => None,
    }
}

impl IndicatorChanges {
    /// The column changes, applied also to `after`: level categories derived from the printed
    /// names, the target parsed from its printed text.
    fn apply(&self, after: &mut Indicator) -> Vec<(&'static str, Arg)> {
        let mut sets = Vec::new();
        if let Some(v) = &self.level1 {
            after.level1_printed = v.clone();
            after.level1 = category_name(Level1::from_printed(v));
            sets.push(("level1_printed", Arg::Text(v.clone())));
            sets.push(("level1", Arg::from(after.level1.clone())));
        }
        if let Some(v) = &self.level2 {
            after.level2_printed = v.clone();
            after.level2 = category_name(Level2::from_printed(v));
            sets.push(("level2_printed", Arg::Text(v.clone())));
            sets.push(("level2", Arg::from(after.level2.clone())));
        }
        let texts: [Clearable; 4] = [
            ("level3", &self.level3, &mut after.level3),
            ("description", &self.description, &mut after.description),
            ("basis", &self.basis, &mut after.basis),
            ("weight", &self.weight, &mut after.weight),
        ];
        for (col, value, field) in texts {
            if let Some(v) = value {
                *field = v.clone();
                sets.push((col, Arg::from(v.clone())));
            }
        }
        match &self.target {
            None => {}
            Some(None) => {
                after.target_printed = None;
                after.target_kind = None;
                after.target_op = None;
                after.target_value = None;
                after.target_unit = None;
                for col in [
                    "target_printed",
                    "target_kind",
                    "target_op",
                    "target_value",
                    "target_upper",
                    "target_unit",
                    "target_json",
                ] {
                    sets.push((col, Arg::Null));
                }
            }
            Some(Some(printed)) => {
                let target = Target::parse(printed);
                let kind = match &target.value {
                    TargetValue::Quantity { .. } => "quantity",
                    TargetValue::Qualitative { .. } => "qualitative",
                    TargetValue::Deadline { .. } => "deadline",
                    TargetValue::NotATarget => "not_a_target",
                    TargetValue::Other { .. } => "other",
                };
                let upper = match &target.value {
                    TargetValue::Quantity { upper, .. } => upper.map(|u| u.to_string()),
                    _ => None,
                };
                after.target_printed = Some(printed.clone());
                after.target_kind = Some(kind.to_string());
                after.target_op = category_name(target.comparison());
                after.target_value = target.number().map(|n| n.to_string());
                after.target_unit = target.unit().map(str::to_string);
                sets.extend([
                    ("target_printed", Arg::Text(printed.clone())),
                    ("target_kind", Arg::Text(kind.to_string())),
                    ("target_op", Arg::from(after.target_op.clone())),
                    ("target_value", Arg::from(after.target_value.clone())),
                    ("target_upper", Arg::from(upper)),
                    ("target_unit", Arg::from(after.target_unit.clone())),
                    ("target_json", Arg::Text(to_json(&target))),
                ]);
            }
        }
        sets
    }
}

async fn insert_comment(
    tx: &mut WriteTx,
    by: i64,
    project_id: i64,
    indicator_id: Option<i64>,
    body: &str,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO comments (project_id, indicator_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(project_id)
    .bind(indicator_id)
    .bind(by)
    .bind(body)
    .bind(now())
    .fetch_one(&mut **tx)
    .await?)
}

/// A comment on a row of the workflow as a whole (a project, a 部门整体 table).
async fn insert_flow_comment<T: Flowing>(tx: &mut WriteTx, by: i64, id: i64, body: &str) -> Result<i64, StoreError> {
    let (table, key) = T::COMMENTS;
    Ok(sqlx::query_scalar(&format!(
        "INSERT INTO {table} ({key}, author_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id"
    ))
    .bind(id)
    .bind(by)
    .bind(body)
    .bind(now())
    .fetch_one(&mut **tx)
    .await?)
}

impl Store {
    // ------------------------------------------------------------ organisations

    /// Creates a department under the bureau or a unit under a department (audited). An
    /// unknown parent or a kind that does not fit under it is [`StoreError::Invalid`]; a name
    /// already used under the parent is a [`StoreError::Conflict`].
    pub async fn create_organisation(&self, by: i64, new: &NewOrganisation) -> Result<Organisation, StoreError> {
        let parent = self
            .organisation(new.parent_id)
            .await
            .map_err(|_| StoreError::Invalid(format!("上级组织 {} 不存在。", new.parent_id)))?;
        let fits = matches!(
            (parent.kind.as_str(), new.kind.as_str()),
            ("bureau", "department") | ("department", "unit")
        );
        if !fits {
            return Err(StoreError::Invalid(format!(
                "组织层级不对：{} 之下只能建立{}。",
                parent.name,
                if parent.kind == "bureau" {
                    "部门（kind: department）"
                } else {
                    "预算单位（kind: unit）"
                }
            )));
        }
        let mut tx = self.begin_write().await?;
        let taken: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM organisations WHERE parent_id = $1 AND kind = $2 AND name = $3",
        )
        .bind(new.parent_id)
        .bind(&new.kind)
        .bind(&new.name)
        .fetch_optional(&mut *tx)
        .await?;
        if taken.is_some() {
            return Err(StoreError::Conflict(format!(
                "{} 之下已有名为“{}”的组织。",
                parent.name, new.name
            )));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO organisations (parent_id, kind, name, code, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(new.parent_id)
        .bind(&new.kind)
        .bind(&new.name)
        .bind(&new.code)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        let org = Organisation {
            id,
            parent_id: Some(new.parent_id),
            kind: new.kind.clone(),
            name: new.name.clone(),
            code: new.code.clone(),
            version: 1,
        };
        audit_change(&mut tx, by, "create", id, None, Some(&org)).await?;
        tx.commit().await?;
        Ok(org)
    }

    /// Adds a fiscal year (audited); one already stored — by an import, or before — is a
    /// [`StoreError::Conflict`].
    pub async fn create_fiscal_year(&self, by: i64, new: &NewFiscalYear) -> Result<FiscalYear, StoreError> {
        let mut tx = self.begin_write().await?;
        let stamp = now();
        let done = sqlx::query(
            "INSERT INTO fiscal_years (year, status, deadline, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (year) DO NOTHING",
        )
        .bind(new.year)
        .bind(&new.status)
        .bind(&new.deadline)
        .bind(&stamp)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict(format!("{} 年度已经存在。", new.year)));
        }
        let year = FiscalYear { year: new.year, status: new.status.clone(), deadline: new.deadline.clone(), version: 1, created_at: stamp };
        audit_change(&mut tx, by, "create", year.year, None, Some(&year)).await?;
        tx.commit().await?;
        Ok(year)
    }

    /// Changes a fiscal year read as `before` (its 填报状态, its deadline), based on
    /// `version` (audited, before → after).
    pub async fn update_fiscal_year(
        &self,
        by: i64,
        before: &FiscalYear,
        version: i64,
        changes: &FiscalYearChanges,
    ) -> Result<FiscalYear, StoreError> {
        let mut after = before.clone();
        if let Some(status) = &changes.status {
            after.status = status.clone();
        }
        if let Some(deadline) = &changes.deadline {
            after.deadline = deadline.clone();
        }
        after.version = version + 1;
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE fiscal_years SET status = $1, deadline = $2, version = version + 1 WHERE year = $3 AND version = $4",
        )
        .bind(&after.status)
        .bind(&after.deadline)
        .bind(before.year)
        .bind(version)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            let current: Option<i64> = sqlx::query_scalar("SELECT version FROM fiscal_years WHERE year = $1")
                .bind(before.year)
                .fetch_optional(&mut *tx)
                .await?;
            return Err(match current {
                Some(actual) => StoreError::Stale { expected: version, actual },
                None => StoreError::NotFound(format!("{} 年度不存在。", before.year)),
            });
        }
        audit_change(&mut tx, by, "update", before.year, Some(before), Some(&after)).await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Changes an organisation read as `before`, based on `version` (audited).
    pub async fn update_organisation(
        &self,
        by: i64,
        before: &Organisation,
        version: i64,
        changes: &OrganisationChanges,
    ) -> Result<Organisation, StoreError> {
        let mut after = before.clone();
        let mut sets = Vec::new();
        if let Some(name) = &changes.name {
            after.name = name.clone();
            sets.push(("name", Arg::Text(name.clone())));
        }
        if let Some(code) = &changes.code {
            after.code = code.clone();
            sets.push(("code", Arg::from(code.clone())));
        }
        after.version = version + 1;
        audited_update(self, by, before, version, &sets, &after, Again::Nothing, Pairs::NONE).await?;
        Ok(after)
    }

    /// Deletes an organisation nothing uses any more (audited); the bureau, or one still
    /// holding organisations, users or data, is a [`StoreError::Conflict`].
    pub async fn delete_organisation(&self, by: i64, before: &Organisation, version: i64) -> Result<(), StoreError> {
        if before.kind == "bureau" {
            return Err(StoreError::Conflict("财政局是组织树的根，不能删除。".into()));
        }
        let mut tx = self.begin_write().await?;
        let used: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM organisations WHERE parent_id = $1) + (SELECT COUNT(*) FROM users WHERE department_id = $1) \
             + (SELECT COUNT(*) FROM documents WHERE department_id = $1) + (SELECT COUNT(*) FROM projects WHERE department_id = $1 OR unit_id = $1)",
        )
        .bind(before.id)
        .fetch_one(&mut *tx)
        .await?;
        if used > 0 {
            return Err(StoreError::Conflict(format!(
                "“{}”下仍有下级组织、用户或数据，不能删除。",
                before.name
            )));
        }
        versioned_delete(&mut tx, "organisations", before.id, version).await?;
        audit_change(&mut tx, by, "delete", before.id, Some(before), None).await?;
        tx.commit().await?;
        Ok(())
    }

    // ------------------------------------------------------------ projects

    /// A new draft project at the end of the document's current revision (audited).
    pub async fn create_project(&self, by: i64, doc: &StoredDocument, new: &ProjectChanges) -> Result<Project, StoreError> {
        let revision_id = doc
            .current_revision_id
            .ok_or_else(|| StoreError::Conflict("该文档还没有任何修订版。".into()))?;
        let at = now();
        let mut p = Project {
            id: 0,
            document_id: doc.id,
            revision_id,
            department_id: doc.department_id,
            unit_id: None,
            year: doc.year,
            code: None,
            name: String::new(),
            budget_total: None,
            budget_fiscal: None,
            budget_other: None,
            purpose: None,
            status: Status::Draft,
            line: 0,
            version: 1,
            updated_at: at.clone(),
            evaluation: None,
        };
        new.apply(&mut p);
        let mut tx = self.begin_write().await?;
        let position: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(position), -1) + 1 FROM projects WHERE revision_id = $1",
        )
        .bind(revision_id)
        .fetch_one(&mut *tx)
        .await?;
        p.id = sqlx::query_scalar(
            "INSERT INTO projects (revision_id, document_id, department_id, year, position, code, name, budget_total, \
             budget_fiscal, budget_other, purpose, status, line, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'draft', 0, $12, $12) RETURNING id",
        )
        .bind(revision_id)
        .bind(doc.id)
        .bind(doc.department_id)
        .bind(doc.year)
        .bind(position)
        .bind(&p.code)
        .bind(&p.name)
        .bind(&p.budget_total)
        .bind(&p.budget_fiscal)
        .bind(&p.budget_other)
        .bind(&p.purpose)
        .bind(&at)
        .fetch_one(&mut *tx)
        .await?;
        audit_change(&mut tx, by, "create", p.id, None, Some(&p)).await?;
        let paired = self.pairs_before_creation(&mut tx, p.id).await?;
        Again::Revision(revision_id).run(self, &mut tx, Some(paired)).await?;
        tx.commit().await?;
        Ok(p)
    }

    /// Changes a project read as `before`, based on `version` (audited; its revision is
    /// reviewed again in the same transaction).
    pub async fn update_project(
        &self,
        by: i64,
        before: &Project,
        version: i64,
        changes: &ProjectChanges,
    ) -> Result<Project, StoreError> {
        let mut after = before.clone();
        let mut sets = changes.apply(&mut after);
        after.version = version + 1;
        after.updated_at = now();
        sets.push(("updated_at", Arg::Text(after.updated_at.clone())));
        let pairs = if changes.name.is_some() || changes.code.is_some() { Pairs::key(before.id) } else { Pairs::NONE };
        audited_update(self, by, before, version, &sets, &after, Again::Revision(before.revision_id), pairs).await?;
        Ok(after)
    }

    /// Deletes a project with its indicators, goals, comments and monitoring entries (audited;
    /// its revision is reviewed again).
    pub async fn delete_project(&self, by: i64, before: &Project, version: i64) -> Result<(), StoreError> {
        audited_delete(self, by, before, version, Again::Revision(before.revision_id), Pairs::key(before.id)).await
    }

    /// Moves a project or a 部门整体 table ([`Flowing`]) through the workflow (`action`:
    /// submit / return / approve), with an optional comment written in the same transaction
    /// (audited, before → after).
    pub async fn transition<T: Flowing>(
        &self,
        by: i64,
        before: &T,
        version: i64,
        to: Status,
        action: &str,
        comment: Option<&str>,
    ) -> Result<T, StoreError> {
        let mut after = before.clone();
        let at = now();
        after.moved(to, version + 1, at.clone());
        let sets = [
            ("status", Arg::Text(to.as_str().to_string())),
            ("updated_at", Arg::Text(at)),
        ];
        let mut tx = self.begin_write().await?;
        versioned_update(&mut tx, T::TABLE, before.id(), version, &sets).await?;
        if let Some(body) = comment.map(str::trim).filter(|b| !b.is_empty()) {
            insert_flow_comment::<T>(&mut tx, by, before.id(), body).await?;
        }
        audit_change(&mut tx, by, action, before.id(), Some(before), Some(&after)).await?;
        if T::TABLE == "projects" {
            // Who may see a project decides which approved targets its self-evaluation is
            // judged against (`rereview.rs`): review the pair again.
            self.rereview_pairs_of(&mut tx, &[before.id()], None).await?;
        }
        tx.commit().await?;
        Ok(after)
    }

    /// Adds a comment on a 部门整体 table (audited). Returns the comment's id.
    pub async fn add_table_comment(&self, by: i64, table_id: i64, body: &str) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let id = insert_flow_comment::<TableState>(&mut tx, by, table_id, body).await?;
        let after = serde_json::json!({ "table_id": table_id, "body": body });
        audit_new_comment(&mut tx, by, id, after).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Adds a comment on a project or one of its indicators (audited); an indicator of another
    /// project is [`StoreError::Invalid`]. Returns the comment's id.
    pub async fn add_comment(
        &self,
        by: i64,
        project_id: i64,
        indicator_id: Option<i64>,
        body: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        if let Some(ind) = indicator_id {
            let owner: Option<Option<i64>> = sqlx::query_scalar("SELECT project_id FROM indicators WHERE id = $1")
                .bind(ind)
                .fetch_optional(&mut *tx)
                .await?;
            if owner != Some(Some(project_id)) {
                return Err(StoreError::Invalid(format!("指标 {ind} 不属于项目 {project_id}。")));
            }
        }
        let id = insert_comment(&mut tx, by, project_id, indicator_id, body).await?;
        let after = serde_json::json!({ "project_id": project_id, "indicator_id": indicator_id, "body": body });
        audit_new_comment(&mut tx, by, id, after).await?;
        tx.commit().await?;
        Ok(id)
    }

    // ------------------------------------------------------------ indicators

    /// A new indicator at the end of the project's table (audited). `new.level1`,
    /// `new.level2` and `new.level3` are expected.
    pub async fn create_indicator(&self, by: i64, project: &Project, new: &IndicatorChanges) -> Result<Indicator, StoreError> {
        let mut ind = Indicator {
            id: 0,
            project_id: Some(project.id),
            department_id: project.department_id,
            position: 0,
            level1: None,
            level1_printed: String::new(),
            level2: None,
            level2_printed: String::new(),
            level3: None,
            description: None,
            target_printed: None,
            target_kind: None,
            target_op: None,
            target_value: None,
            target_unit: None,
            basis: None,
            weight: None,
            actual_printed: None,
            score: None,
            deviation: None,
            line: 0,
            version: 1,
        };
        let sets = new.apply(&mut ind);
        let at = now();
        let mut tx = self.begin_write().await?;
        ind.position = sqlx::query_scalar(
            "SELECT COALESCE(MAX(position), -1) + 1 FROM indicators WHERE project_id = $1",
        )
        .bind(project.id)
        .fetch_one(&mut *tx)
        .await?;
        let mut cols = vec![
            "revision_id",
            "project_id",
            "department_id",
            "position",
            "line",
            "created_at",
            "updated_at",
            "year",
        ];
        let mut args = vec![
            Arg::Int(project.revision_id),
            Arg::Int(project.id),
            project.department_id.map_or(Arg::NullInt, Arg::Int),
            Arg::Int(ind.position),
            Arg::Int(0),
            Arg::Text(at.clone()),
            Arg::Text(at),
            // The project's year, kept on its indicators (migration 0019).
            project.year.map_or(Arg::NullInt, Arg::Int),
        ];
        for (col, arg) in sets {
            cols.push(col);
            args.push(arg);
        }
        let marks = vec!["?"; cols.len()].join(", ");
        let sql = numbered(&format!(
            "INSERT INTO indicators ({}) VALUES ({marks}) RETURNING id",
            cols.join(", ")
        ));
        let row = bind_all(sqlx::query(&sql), &args).fetch_one(&mut *tx).await?;
        ind.id = sqlx::Row::try_get(&row, 0)?;
        audit_change(&mut tx, by, "create", ind.id, None, Some(&ind)).await?;
        let paired = Pairs::rows(Some(project.id)).before(self, &mut tx).await?;
        Again::Revision(project.revision_id).run(self, &mut tx, paired).await?;
        tx.commit().await?;
        Ok(ind)
    }

    /// Changes an indicator read as `before`, based on `version` (audited; its project's
    /// revision is reviewed again in the same transaction).
    pub async fn update_indicator(
        &self,
        by: i64,
        before: &Indicator,
        version: i64,
        changes: &IndicatorChanges,
    ) -> Result<Indicator, StoreError> {
        let mut after = before.clone();
        let mut sets = changes.apply(&mut after);
        after.version = version + 1;
        sets.push(("updated_at", Arg::Text(now())));
        let again = before.project_id.map_or(Again::Nothing, Again::Project);
        audited_update(self, by, before, version, &sets, &after, again, Pairs::rows(before.project_id)).await?;
        Ok(after)
    }

    /// Deletes an indicator (audited; its project's revision is reviewed again).
    pub async fn delete_indicator(&self, by: i64, before: &Indicator, version: i64) -> Result<(), StoreError> {
        let again = before.project_id.map_or(Again::Nothing, Again::Project);
        audited_delete(self, by, before, version, again, Pairs::rows(before.project_id)).await
    }

    /// Swaps an indicator with the one above or below it in its project's table (nothing at
    /// the table's ends); every moved row's version goes up, one audit entry names the order.
    /// An indicator of another project is [`StoreError::NotFound`].
    pub async fn move_indicator(&self, by: i64, project_id: i64, indicator_id: i64, dir: Direction) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let mut ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM indicators WHERE project_id = $1 ORDER BY position, id")
            .bind(project_id)
            .fetch_all(&mut *tx)
            .await?;
        let k = ids
            .iter()
            .position(|&i| i == indicator_id)
            .ok_or_else(|| StoreError::NotFound(format!("指标 {indicator_id} 不属于项目 {project_id}。")))?;
        let other = match dir {
            Direction::Up if k > 0 => k - 1,
            Direction::Down if k + 1 < ids.len() => k + 1,
            _ => return Ok(()),
        };
        ids.swap(k, other);
        let at = now();
        for (position, ind) in ids.iter().enumerate() {
            sqlx::query("UPDATE indicators SET position = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND position <> $1")
                .bind(position as i64)
                .bind(&at)
                .bind(ind)
                .execute(&mut *tx)
                .await?;
        }
        let after = serde_json::json!({ "order": ids }).to_string();
        let entry = NewAudit {
            user_id: Some(by),
            entity: "project",
            entity_id: Some(project_id),
            action: "reorder",
            before: None,
            after: Some(&after),
        };
        audit(&mut tx, entry).await?;
        let paired = Pairs::rows(Some(project_id)).before(self, &mut tx).await?;
        Again::Project(project_id).run(self, &mut tx, paired).await?;
        tx.commit().await?;
        Ok(())
    }
}
