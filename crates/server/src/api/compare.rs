//! `/api/v1/compare`: the comparisons (对比) as JSON and CSV — a project across years
//! (`project?id=`, `project.csv?id=`) and the departments of a year (`departments?year=`,
//! `departments.csv?year=`). Built by [`crate::compare`] from what the caller may see: the
//! project must be readable by the caller (404 otherwise), and the other years and the
//! departments' figures come from the caller's visibility only.

use axum::http::header;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

use super::query::Params;
use crate::auth::caller::Caller;
use crate::auth::policy::{check, Action, Actor};
use crate::compare::{departments_csv, project_csv, DepartmentComparison, ProjectComparison};
use crate::problem::Problem;
use crate::state::AppState;

/// 项目跨年度对比的参数。
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectParams {
    /// 项目 ID。
    pub id: Option<i64>,
}

/// 部门对比的参数。
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentsParams {
    /// 预算年度（缺省为最近一年）。
    pub year: Option<i32>,
}

/// The project comparison of `id` for `actor` (404 when the actor may not read it).
pub async fn project_comparison(state: &AppState, actor: Actor, id: Option<i64>) -> Result<ProjectComparison, Problem> {
    let id = id.ok_or_else(|| Problem::bad_request("请给出项目 ID（?id=）。"))?;
    let p = state.store.project(id).await?;
    // Hidden projects answer 404, so their existence does not leak.
    check(actor, Action::Read, p.department(), p.status)?;
    let seen = actor.visibility();
    let snapshot = state.library.get(&state.store, seen).await?;
    crate::compare::project(&state.store, &snapshot, seen, id)
        .await?
        .ok_or_else(|| Problem::not_found("该项目不是当前版本，无法对比。"))
}

/// The department comparison of `year` for `actor`.
pub async fn departments_comparison(state: &AppState, actor: Actor, year: Option<i32>) -> Result<std::sync::Arc<DepartmentComparison>, Problem> {
    if year.is_some_and(|y| !(1900..=2200).contains(&y)) {
        return Err(Problem::bad_request("年度应在 1900 到 2200 之间。"));
    }
    let seen = actor.visibility();
    let snapshot = state.library.get(&state.store, seen).await?;
    Ok(crate::compare::departments(&state.store, &snapshot, seen, year).await?)
}

/// A CSV download named `name` (ASCII).
pub fn csv_file(bytes: Vec<u8>, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response()
}

/// 项目跨年度对比：同一项目各年度（按项目编码，否则按部门与规范化的项目名称匹配）的预算、
/// 审核得分、预算执行与各指标的目标值和实际完成值。
pub async fn project(State(state): State<AppState>, caller: Caller, Params(p): Params<ProjectParams>) -> Result<Response, Problem> {
    Ok(Json(project_comparison(&state, caller.actor(), p.id).await?).into_response())
}

/// 项目跨年度对比（CSV）。
pub async fn project_csv_file(State(state): State<AppState>, caller: Caller, Params(p): Params<ProjectParams>) -> Result<Response, Problem> {
    let c = project_comparison(&state, caller.actor(), p.id).await?;
    Ok(csv_file(project_csv(&c), &format!("compare-project-{}.csv", c.project_id)))
}

/// 部门对比：某年度各部门的项目与指标数、定量指标占比、预算、审核等级与平均得分、预算执行率。
pub async fn departments(State(state): State<AppState>, caller: Caller, Params(p): Params<DepartmentsParams>) -> Result<Response, Problem> {
    Ok(Json(&*departments_comparison(&state, caller.actor(), p.year).await?).into_response())
}

/// 部门对比（CSV）。
pub async fn departments_csv_file(State(state): State<AppState>, caller: Caller, Params(p): Params<DepartmentsParams>) -> Result<Response, Problem> {
    let c = departments_comparison(&state, caller.actor(), p.year).await?;
    let name = c.year.map_or("compare-departments.csv".to_string(), |y| format!("compare-departments-{y}.csv"));
    Ok(csv_file(departments_csv(&c), &name))
}
