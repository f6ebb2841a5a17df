//! The dashboard's and department page's rows, from the store's aggregates (the viewer's
//! visibility applied there, in SQL, as for the API's lists), with the figures as shown.

use jixiao_store::Store;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::auth::policy::{Actor, Status};
use crate::problem::Problem;

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
    /// Projects by the review's grade (stored with them): [优, 良, 中, 差].
    #[serde(skip)]
    pub quality: [i64; 4],
}

/// The year's projects by department, largest budget first: workflow status, budget,
/// indicators, findings by severity and the quality grades, everything the dashboard shows.
pub async fn departments_of_year(store: &Store, actor: Actor, year: i64) -> Result<Vec<DepartmentRow>, Problem> {
    let totals = if year == super::dashboard::UNDATED {
        store.department_totals_undated(actor.visibility()).await?
    } else {
        store.department_totals(actor.visibility(), year).await?
    };
    let mut out: Vec<DepartmentRow> = totals
        .into_iter()
        .map(|t| DepartmentRow {
            department_id: t.department_id,
            name: t.name.unwrap_or_else(|| "（未识别部门）".into()),
            projects: t.projects,
            budget: t.budget,
            budget_text: super::format::wan(t.budget),
            draft: t.draft,
            submitted: t.submitted,
            returned: t.returned,
            approved: t.approved,
            indicators: t.indicators,
            findings: t.findings,
            quality: t.quality,
        })
        .collect();
    out.sort_by(|a, b| b.budget.cmp(&a.budget).then_with(|| a.name.cmp(&b.name)));
    Ok(out)
}

/// 部门页的一行：项目、预算、指标数、审核等级（优/良/中/差，得分与理由）、状态。
#[derive(Debug, Clone, Serialize)]
pub struct ProjectRow {
    pub id: i64,
    pub year: Option<i64>,
    pub code: Option<String>,
    pub name: String,
    pub budget_total: Option<String>,
    pub budget_text: String,
    pub indicators: i64,
    /// The review's grade as stored with the project (`jixiao-rules`' `Grading`, the one
    /// computation); `None` until it is graded.
    pub grade: Option<jixiao_store::StoredGrade>,
    /// The grade as the page shows it: `良（85）`, or `未评` before grading.
    pub grade_text: String,
    pub status: Status,
    pub status_name: &'static str,
    pub version: i64,
    /// Its findings of severity 错误.
    pub errors: i64,
}

/// The projects of a department (`None`: of documents that named none) the viewer may see.
pub async fn projects_of_department(store: &Store, actor: Actor, department: Option<i64>, year: Option<i64>) -> Result<Vec<ProjectRow>, Problem> {
    let rows = match department {
        Some(d) => store.department_projects(actor.visibility(), d, year).await?,
        None => store.unplaced_projects(actor.visibility(), year).await?,
    };
    Ok(rows
        .into_iter()
        .map(|p| {
            ProjectRow {
                id: p.id,
                year: p.year,
                code: p.code,
                name: p.name,
                budget_text: super::format::money(p.budget_total.as_deref()).map(super::format::wan).unwrap_or_default(),
                budget_total: p.budget_total,
                indicators: p.indicators,
                grade_text: super::format::grade_text(p.grade.as_ref()),
                grade: p.grade,
                status_name: p.status.name(),
                status: p.status,
                version: p.version,
                errors: p.errors,
            }
        })
        .collect())
}
