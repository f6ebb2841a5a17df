//! 运行监控填报 (`monitoring_entries`): one row per project and period (months
//! `first`–`last` of the project's year). Saved like every other edit: the version the client
//! read (0 = none yet), the row, and an audit entry in one write transaction.

use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::any::AnyRow;

use crate::accounts::audit;
use crate::db::WriteTx;
use crate::error::StoreError;
use crate::model::{MonitoredProject, MonitoringEntry, MonitoringFigures, NewAudit, Project, Visibility, YearEndFigures};
use crate::sql::{bind_all, current, numbered, Arg, Col, Filter};
use crate::time::now;
use crate::{to_json, Store};

pub(crate) const COLS: &str = "id, project_id, year, first_month, last_month, annual_budget, spent_to_date, \
    expected_full_year_spend, indicators_json, version, created_by, created_at, updated_by, updated_at, \
    fiscal_budget, fiscal_spent, carried_over_budget, carried_over_spent, other_budget, other_spent, goal_actual, \
    budget_explanation";

pub(crate) fn entry<P: DeserializeOwned>(r: &AnyRow) -> Result<MonitoringEntry<P>, StoreError> {
    let json = r.text("indicators_json")?;
    Ok(MonitoringEntry {
        id: r.int("id")?,
        project_id: r.int("project_id")?,
        year: r.opt_int("year")?,
        first_month: r.int("first_month")?,
        last_month: r.int("last_month")?,
        annual_budget: r.opt_text("annual_budget")?,
        spent_to_date: r.opt_text("spent_to_date")?,
        expected_full_year_spend: r.opt_text("expected_full_year_spend")?,
        indicators: serde_json::from_str(&json)
            .map_err(|e| StoreError::Corrupt(format!("monitoring_entries.indicators_json：{e}")))?,
        year_end: YearEndFigures {
            fiscal_budget: r.opt_text("fiscal_budget")?,
            fiscal_spent: r.opt_text("fiscal_spent")?,
            carried_over_budget: r.opt_text("carried_over_budget")?,
            carried_over_spent: r.opt_text("carried_over_spent")?,
            other_budget: r.opt_text("other_budget")?,
            other_spent: r.opt_text("other_spent")?,
            goal_actual: r.opt_text("goal_actual")?,
            budget_explanation: r.opt_text("budget_explanation")?,
        },
        version: r.int("version")?,
        created_by: r.opt_int("created_by")?,
        created_at: r.text("created_at")?,
        updated_by: r.opt_int("updated_by")?,
        updated_at: r.text("updated_at")?,
    })
}

async fn find<P: DeserializeOwned>(
    conn: &mut sqlx::AnyConnection,
    project_id: i64,
    (first, last): (u32, u32),
) -> Result<Option<MonitoringEntry<P>>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {COLS} FROM monitoring_entries WHERE project_id = $1 AND first_month = $2 AND last_month = $3"
    ))
    .bind(project_id)
    .bind(i64::from(first))
    .bind(i64::from(last))
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(entry).transpose()
}

async fn insert<P: Serialize>(tx: &mut WriteTx, after: &MonitoringEntry<P>, json: String) -> Result<i64, StoreError> {
    let sql = format!(
        "INSERT INTO monitoring_entries (project_id, year, first_month, last_month, annual_budget, \
         spent_to_date, expected_full_year_spend, indicators_json, version, created_by, created_at, \
         updated_by, updated_at, {}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $9, $10, {}) RETURNING id",
        YearEndFigures::COLUMNS.join(", "),
        (11..11 + YearEndFigures::COLUMNS.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
    );
    let mut query = sqlx::query_scalar(&sql)
        .bind(after.project_id)
        .bind(after.year)
        .bind(after.first_month)
        .bind(after.last_month)
        .bind(after.annual_budget.clone())
        .bind(after.spent_to_date.clone())
        .bind(after.expected_full_year_spend.clone())
        .bind(json)
        .bind(after.created_by)
        .bind(after.created_at.clone());
    for v in after.year_end.values() {
        query = query.bind(v);
    }
    let inserted: Result<i64, sqlx::Error> = query.fetch_one(&mut **tx).await;
    match inserted {
        Ok(id) => Ok(id),
        // Someone else saved the first entry at the same moment.
        Err(e) if e.as_database_error().is_some_and(|d| d.is_unique_violation()) => {
            Err(StoreError::Stale { expected: 0, actual: 1 })
        }
        Err(e) => Err(e.into()),
    }
}

impl Store {
    /// The stored entry of a project for the months `first`–`last`, if any.
    pub async fn monitoring_entry<P: DeserializeOwned>(
        &self,
        project_id: i64,
        months: (u32, u32),
    ) -> Result<Option<MonitoringEntry<P>>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        find(&mut conn, project_id, months).await
    }

    /// Saves `figures` (already checked) as the entry of `project` for the months
    /// `first`–`last`, based on version `expected` (0: the client saw none), audited.
    /// Returns the entry and whether it was created.
    pub async fn save_monitoring<P: Serialize + DeserializeOwned + Clone>(
        &self,
        by: i64,
        project: &Project,
        months: (u32, u32),
        expected: i64,
        figures: &MonitoringFigures<P>,
    ) -> Result<(MonitoringEntry<P>, bool), StoreError> {
        let mut tx = self.begin_write().await?;
        let before: Option<MonitoringEntry<P>> = find(&mut tx, project.id, months).await?;
        let current = before.as_ref().map_or(0, |e| e.version);
        if current != expected {
            return Err(StoreError::Stale { expected, actual: current });
        }
        let at = now();
        let mut after = MonitoringEntry {
            id: 0,
            project_id: project.id,
            year: project.year,
            first_month: months.0.into(),
            last_month: months.1.into(),
            annual_budget: figures.annual_budget.clone(),
            spent_to_date: figures.spent_to_date.clone(),
            expected_full_year_spend: figures.expected_full_year_spend.clone(),
            indicators: figures.indicators.clone(),
            year_end: figures.year_end.clone(),
            version: expected + 1,
            created_by: Some(by),
            created_at: at.clone(),
            updated_by: Some(by),
            updated_at: at,
        };
        let json = serde_json::to_string(&after.indicators)
            .map_err(|e| StoreError::Invalid(format!("监控填报无法保存：{e}")))?;
        match &before {
            None => after.id = insert(&mut tx, &after, json).await?,
            Some(old) => {
                after.id = old.id;
                after.created_by = old.created_by;
                after.created_at = old.created_at.clone();
                let sql = format!(
                    "UPDATE monitoring_entries SET annual_budget = $1, spent_to_date = $2, expected_full_year_spend = $3, \
                     indicators_json = $4, updated_by = $5, updated_at = $6, version = version + 1, {} \
                     WHERE id = $7 AND version = $8",
                    YearEndFigures::COLUMNS.iter().enumerate().map(|(i, c)| format!("{c} = ${}", 9 + i)).collect::<Vec<_>>().join(", ")
                );
                let mut query = sqlx::query(&sql)
                    .bind(after.annual_budget.clone())
                    .bind(after.spent_to_date.clone())
                    .bind(after.expected_full_year_spend.clone())
                    .bind(json)
                    .bind(by)
                    .bind(after.updated_at.clone())
                    .bind(old.id)
                    .bind(expected);
                for v in after.year_end.values() {
                    query = query.bind(v);
                }
                let done = query.execute(&mut *tx).await?;
                if done.rows_affected() != 1 {
                    let now_current = find::<P>(&mut tx, project.id, months).await?.map_or(0, |e| e.version);
                    return Err(StoreError::Stale { expected, actual: now_current });
                }
            }
        }
        let action = if before.is_none() { "create" } else { "update" };
        let (before_json, after_json) = (before.as_ref().map(to_json), to_json(&after));
        let entry = NewAudit {
            user_id: Some(by),
            entity: "monitoring",
            entity_id: Some(after.id),
            action,
            before: before_json.as_deref(),
            after: Some(&after_json),
        };
        audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok((after, before.is_none()))
    }

    /// Projects of current revisions the reader may see with a monitoring entry in `year`:
    /// each project's entries latest period first, at most `limit` rows.
    pub async fn monitored_projects(
        &self,
        seen: Visibility,
        year: i64,
        limit: i64,
    ) -> Result<Vec<MonitoredProject>, StoreError> {
        let mut f = Filter::new();
        f.and("e.year = ?", [Arg::Int(year)]).and(current(self.backend()), []);
        f.visible_projects(seen);
        let sql = format!(
            "SELECT e.project_id, e.first_month, e.last_month, p.department_id, o.name AS department \
             FROM monitoring_entries e JOIN projects p ON p.id = e.project_id \
             LEFT JOIN organisations o ON o.id = p.department_id{} \
             ORDER BY e.project_id, e.last_month DESC, e.first_month LIMIT ?",
            f.where_sql()
        );
        let mut args = f.args().to_vec();
        args.push(Arg::Int(limit));
        let rows = bind_all(sqlx::query(&numbered(&sql)), &args).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                Ok(MonitoredProject {
                    project_id: r.int("project_id")?,
                    first_month: r.int("first_month")?,
                    last_month: r.int("last_month")?,
                    department_id: r.opt_int("department_id")?,
                    department: r.opt_text("department")?,
                })
            })
            .collect()
    }
}
