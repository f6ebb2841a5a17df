//! 对比 pages: a project across years (`/compare/project?id=`, linked from the project page)
//! and the departments of a year (`/compare/departments?year=`, linked from the dashboard),
//! each with ECharts charts (`assets/compare.js`), a table and a CSV download (the API's
//! `.csv` routes). Built by [`crate::compare`] from what the viewer may see.

use axum::extract::State;
use axum::response::{Html, Response};
use serde::Deserialize;

use super::render::{page_result, render, PageError, PageQuery, Viewer};
use crate::api::compare::{departments_comparison, project_comparison};
use crate::compare::{departments_chart, project_chart};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct ProjectQuery {
    id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct DepartmentsQuery {
    year: Option<String>,
}

fn number<T: std::str::FromStr>(v: &Option<String>, what: &str) -> Result<Option<T>, PageError> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .parse()
            .map(Some)
            .map_err(|_| PageError::BadRequest(format!("{what}应为整数，实际为“{s}”。"))),
    }
}

pub async fn project(State(state): State<AppState>, me: Viewer, PageQuery(q): PageQuery<ProjectQuery>) -> Response {
    let r = async {
        let id: Option<i64> = number(&q.id, "项目编号")?;
        let c = project_comparison(&state, me.actor, id).await?;
        let chart = project_chart(&c);
        render("compare_project.html", minijinja::context! { me, c, chart })
    }
    .await;
    page_result(&me, r)
}

pub async fn departments(State(state): State<AppState>, me: Viewer, PageQuery(q): PageQuery<DepartmentsQuery>) -> Response {
    let r: Result<Html<String>, PageError> = async {
        let year: Option<i32> = number(&q.year, "年度")?;
        let c = departments_comparison(&state, me.actor, year).await?;
        let chart = departments_chart(&c);
        render("compare_departments.html", minijinja::context! { me, c, chart })
    }
    .await;
    page_result(&me, r)
}
