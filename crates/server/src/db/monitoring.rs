//! 运行监控填报 (`monitoring_entries`): one row per project and period. Saved like every
//! other edit: the version the client read (0 = none yet), the row, and an audit entry in
//! one write transaction.

use std::str::FromStr;

use jixiao_assess::{IndicatorProgress, Period, ProjectMonitoring};
use jixiao_model::Money;
use jixiao_store::Store;
use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::any::AnyRow;

use super::accounts::audit;
use super::read::Project;
use super::sql::Col;
use super::{now, to_json};
use crate::problem::Problem;

/// 一个项目一个监控期间的填报（金额为万元，精确小数以字符串表示）。
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub id: i64,
    pub project_id: i64,
    pub year: Option<i64>,
    pub first_month: i64,
    pub last_month: i64,
    /// 全年预算数（缺省取项目预算数）。
    pub annual_budget: Option<String>,
    /// 截至期末执行数。
    pub spent_to_date: Option<String>,
    /// 全年预计执行数。
    pub expected_full_year_spend: Option<String>,
    /// 各指标的填报；`indicator` 是项目指标（按顺序）的下标。
    pub indicators: Vec<IndicatorProgress>,
    pub version: i64,
    pub created_by: Option<i64>,
    pub created_at: String,
    pub updated_by: Option<i64>,
    pub updated_at: String,
}

impl Entry {
    /// The entry as jixiao-assess's input for a one-project document (`project` = 0).
    pub fn monitoring(&self) -> ProjectMonitoring {
        let money = |t: &Option<String>| {
            t.as_deref()
                .and_then(|t| Decimal::from_str(t).ok())
                .map(Money)
        };
        ProjectMonitoring {
            project: 0,
            annual_budget: money(&self.annual_budget),
            spent_to_date: money(&self.spent_to_date),
            expected_full_year_spend: money(&self.expected_full_year_spend),
            indicators: self.indicators.clone(),
        }
    }
}

const COLS: &str = "id, project_id, year, first_month, last_month, annual_budget, spent_to_date, \
    expected_full_year_spend, indicators_json, version, created_by, created_at, updated_by, updated_at";

fn entry(r: &AnyRow) -> Result<Entry, Problem> {
    let json = r.text("indicators_json")?;
    Ok(Entry {
        id: r.int("id")?,
        project_id: r.int("project_id")?,
        year: r.opt_int("year")?,
        first_month: r.int("first_month")?,
        last_month: r.int("last_month")?,
        annual_budget: r.opt_text("annual_budget")?,
        spent_to_date: r.opt_text("spent_to_date")?,
        expected_full_year_spend: r.opt_text("expected_full_year_spend")?,
        indicators: serde_json::from_str(&json)
            .map_err(|e| Problem::internal(&format!("monitoring_entries.indicators_json：{e}")))?,
        version: r.int("version")?,
        created_by: r.opt_int("created_by")?,
        created_at: r.text("created_at")?,
        updated_by: r.opt_int("updated_by")?,
        updated_at: r.text("updated_at")?,
    })
}

async fn find(
    conn: &mut sqlx::AnyConnection,
    project_id: i64,
    period: Period,
) -> Result<Option<Entry>, Problem> {
    let row = sqlx::query(&format!(
        "SELECT {COLS} FROM monitoring_entries WHERE project_id = $1 AND first_month = $2 AND last_month = $3"
    ))
    .bind(project_id)
    .bind(i64::from(period.first_month))
    .bind(i64::from(period.last_month))
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(entry).transpose()
}

/// The stored entry of `project_id` for `period`, if any.
pub async fn entry_of(
    store: &Store,
    project_id: i64,
    period: Period,
) -> Result<Option<Entry>, Problem> {
    let mut conn = store.pool().acquire().await?;
    find(&mut conn, project_id, period).await
}

fn money_text(m: Option<Money>) -> Option<String> {
    m.map(|m| m.0.normalize().to_string())
}

/// Saves `pm` (already validated) as the entry of `project` for `period`, based on version
/// `expected` (0: the client saw none). Returns the entry and whether it was created.
pub async fn save(
    store: &Store,
    by: i64,
    project: &Project,
    period: Period,
    expected: i64,
    pm: &ProjectMonitoring,
) -> Result<(Entry, bool), Problem> {
    let mut tx = store.begin_write().await?;
    let before = find(&mut tx, project.id, period).await?;
    let current = before.as_ref().map_or(0, |e| e.version);
    if current != expected {
        return Err(Problem::stale(expected, current));
    }
    let at = now();
    let mut after = Entry {
        id: 0,
        project_id: project.id,
        year: project.year,
        first_month: period.first_month.into(),
        last_month: period.last_month.into(),
        annual_budget: money_text(pm.annual_budget),
        spent_to_date: money_text(pm.spent_to_date),
        expected_full_year_spend: money_text(pm.expected_full_year_spend),
        indicators: pm.indicators.clone(),
        version: expected + 1,
        created_by: Some(by),
        created_at: at.clone(),
        updated_by: Some(by),
        updated_at: at,
    };
    let json = serde_json::to_string(&after.indicators).map_err(|e| Problem::internal(&e))?;
    match &before {
        None => {
            let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
                "INSERT INTO monitoring_entries (project_id, year, first_month, last_month, annual_budget, \
                 spent_to_date, expected_full_year_spend, indicators_json, version, created_by, created_at, \
                 updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $9, $10) RETURNING id",
            )
            .bind(project.id)
            .bind(project.year)
            .bind(after.first_month)
            .bind(after.last_month)
            .bind(after.annual_budget.clone())
            .bind(after.spent_to_date.clone())
            .bind(after.expected_full_year_spend.clone())
            .bind(json)
            .bind(by)
            .bind(after.created_at.clone())
            .fetch_one(&mut *tx)
            .await;
            after.id = match inserted {
                Ok(id) => id,
                // Someone else saved the first entry at the same moment.
                Err(e)
                    if e.as_database_error()
                        .is_some_and(|d| d.is_unique_violation()) =>
                {
                    return Err(Problem::stale(0, 1));
                }
                Err(e) => return Err(e.into()),
            };
        }
        Some(old) => {
            after.id = old.id;
            after.created_by = old.created_by;
            after.created_at = old.created_at.clone();
            let done = sqlx::query(
                "UPDATE monitoring_entries SET annual_budget = $1, spent_to_date = $2, expected_full_year_spend = $3, \
                 indicators_json = $4, updated_by = $5, updated_at = $6, version = version + 1 \
                 WHERE id = $7 AND version = $8",
            )
            .bind(after.annual_budget.clone())
            .bind(after.spent_to_date.clone())
            .bind(after.expected_full_year_spend.clone())
            .bind(json)
            .bind(by)
            .bind(after.updated_at.clone())
            .bind(old.id)
            .bind(expected)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() != 1 {
                let now_current = find(&mut tx, project.id, period)
                    .await?
                    .map_or(0, |e| e.version);
                return Err(Problem::stale(expected, now_current));
            }
        }
    }
    let action = if before.is_none() { "create" } else { "update" };
    let before_json = before.as_ref().map(to_json);
    audit(
        &mut tx,
        Some(by),
        "monitoring",
        Some(after.id),
        action,
        before_json.as_deref(),
        Some(&to_json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok((after, before.is_none()))
}
