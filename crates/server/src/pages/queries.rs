//! Aggregates for the dashboard and department pages, with the viewer's visibility applied
//! in SQL (the same [`Filter::visible_projects`] rule as the API's lists).
//!
//! Budgets are summed in SQL as whole yuan (万元 × 10000, an integer) so the sum is exact
//! without moving every row into the service: amounts are printed to at most four decimals
//! of 万元 (one yuan), and each is rounded to the yuan before summing.

use jixiao_store::Store;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::auth::policy::Actor;
use crate::db::sql::{bind_all, numbered, Arg, Col, Filter, CURRENT};
use crate::problem::Problem;


/// A stored amount in 万元 as whole yuan, in SQL that SQLite and PostgreSQL both run.
const BUDGET_YUAN: &str = "CAST(SUM(CAST(ROUND(CAST(COALESCE(p.budget_total, '0') AS NUMERIC) * 10000) AS BIGINT)) AS BIGINT)";


fn yuan_to_wan(yuan: i64) -> Decimal {
    Decimal::new(yuan, 4).normalize()
}

/// 部门在某年度的汇总（仪表盘一行）。
#[derive(Debug, Clone, Serialize)]
pub struct DepartmentRow {
    pub department_id: Option<i64>,
    pub name: String,
    pub projects: i64,
    #[serde(skip)]
    pub budget: Decimal,
    pub budget_text: String,
    pub draft: i64,
    pub submitted: i64,
    pub returned: i64,
    pub approved: i64,
    /// 绩效指标 of these projects.
    #[serde(skip)]
    pub indicators: i64,
    /// Review findings by severity: [错误, 警告, 提示].
    #[serde(skip)]
    pub findings: [i64; 3],
    /// Projects by quality grade: [优, 良, 中, 差].
    #[serde(skip)]
    pub quality: [i64; 4],
}

fn year_filter(actor: Actor, year: i64) -> Filter {
    let mut f = Filter::new();
    f.and(CURRENT, []).and("p.year = ?", [Arg::Int(year)]);
    f.visible_projects(actor);
    f
}

/// The year's projects by department, in one pass over the projects (their indicator and
/// finding counts are kept on them, migration 0005): workflow status, budget, indicators,
/// findings by severity and the quality grades (得分 = 100 − 10×错误 − 4×警告 − 1×提示,
/// grades at 90/80/60), everything the dashboard shows.
pub async fn departments_of_year(store: &Store, actor: Actor, year: i64) -> Result<Vec<DepartmentRow>, Problem> {
    let f = year_filter(actor, year);
    let count = |s: &str| format!("SUM(CASE WHEN p.status = '{s}' THEN 1 ELSE 0 END) AS {s}");
    let total = |col: &str, name: &str| format!("CAST(SUM(p.{col}) AS BIGINT) AS {name}");
    let pen = "(10 * p.findings_error + 4 * p.findings_warning + p.findings_info)";
    let grade = |cond: &str, name: &str| format!("SUM(CASE WHEN {cond} THEN 1 ELSE 0 END) AS {name}");
    let sql = format!(
        "SELECT p.department_id, MAX(o.name) AS name, COUNT(*) AS projects, {BUDGET_YUAN} AS budget_yuan, {}, {}, {}, {}, \
         {}, {}, {}, {}, {}, {}, {}, {} \
         FROM projects p LEFT JOIN organisations o ON o.id = p.department_id{} GROUP BY p.department_id",
        count("draft"),
        count("submitted"),
        count("returned"),
        count("approved"),
        total("indicator_count", "indicators"),
        total("findings_error", "fe"),
        total("findings_warning", "fw"),
        total("findings_info", "fi"),
        grade(&format!("{pen} <= 10"), "q0"),
        grade(&format!("{pen} > 10 AND {pen} <= 20"), "q1"),
        grade(&format!("{pen} > 20 AND {pen} <= 40"), "q2"),
        grade(&format!("{pen} > 40"), "q3"),
        f.where_sql()
    );
    let rows = bind_all(sqlx::query(&numbered(&sql)), f.args()).fetch_all(store.pool()).await?;
    let mut out = rows
        .iter()
        .map(|r| {
            let budget = yuan_to_wan(r.opt_int("budget_yuan")?.unwrap_or(0));
            Ok(DepartmentRow {
                department_id: r.opt_int("department_id")?,
                name: r.opt_text("name")?.unwrap_or_else(|| "（未识别部门）".into()),
                projects: r.int("projects")?,
                budget,
                budget_text: super::format::wan(budget),
                draft: r.int("draft")?,
                submitted: r.int("submitted")?,
                returned: r.int("returned")?,
                approved: r.int("approved")?,
                indicators: r.int("indicators")?,
                findings: [r.int("fe")?, r.int("fw")?, r.int("fi")?],
                quality: [r.int("q0")?, r.int("q1")?, r.int("q2")?, r.int("q3")?],
            })
        })
        .collect::<Result<Vec<_>, Problem>>()?;
    out.sort_by(|a, b| b.budget.cmp(&a.budget).then_with(|| a.name.cmp(&b.name)));
    Ok(out)
}

/// 部门页的一行：项目、预算、指标数、质量得分、状态。
#[derive(Debug, Clone, Serialize)]
pub struct ProjectRow {
    pub id: i64,
    pub year: Option<i64>,
    pub code: Option<String>,
    pub name: String,
    pub budget_total: Option<String>,
    pub budget_text: String,
    pub indicators: i64,
    pub score: i64,
    pub grade: &'static str,
    pub status: String,
    pub status_name: &'static str,
    pub version: i64,
}

pub async fn projects_of_department(store: &Store, actor: Actor, department: i64, year: Option<i64>) -> Result<Vec<ProjectRow>, Problem> {
    let mut f = Filter::new();
    f.and(CURRENT, []).and("p.department_id = ?", [Arg::Int(department)]);
    if let Some(y) = year {
        f.and("p.year = ?", [Arg::Int(y)]);
    }
    f.visible_projects(actor);
    let sql = format!(
        "SELECT p.id, p.year, p.code, p.name, p.budget_total, p.status, p.version, \
         p.indicator_count AS n_indicators, \
         (10 * p.findings_error + 4 * p.findings_warning + p.findings_info) AS penalty \
         FROM projects p{} ORDER BY p.year DESC, p.document_id, p.position LIMIT 2000",
        f.where_sql()
    );
    let rows = bind_all(sqlx::query(&numbered(&sql)), f.args()).fetch_all(store.pool()).await?;
    rows.iter()
        .map(|r| {
            let budget_total = r.opt_text("budget_total")?;
            let score = super::format::quality(r.int("penalty")?);
            let status = r.text("status")?;
            Ok(ProjectRow {
                id: r.int("id")?,
                year: r.opt_int("year")?,
                code: r.opt_text("code")?,
                name: r.text("name")?,
                budget_text: super::format::money(budget_total.as_deref()).map(super::format::wan).unwrap_or_default(),
                budget_total,
                indicators: r.int("n_indicators")?,
                score,
                grade: super::format::grade(score),
                status_name: super::format::status_name(&status),
                status,
                version: r.int("version")?,
            })
        })
        .collect()
}
