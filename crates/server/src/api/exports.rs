//! A whole year of the bureau in one workbook (issue 17): `GET /api/v1/years/{year}/workbook`
//! and the page's `/years/{year}/download/xlsx`, from the one function here. Every
//! department of that year the caller may see — the store's aggregates and lists under the
//! caller's `Visibility`, applied in SQL as for every list — each with the projects and the
//! 部门整体支出绩效目标表 the caller may see (a table's own workflow decides: the public's
//! workbook holds approved tables only), written department by department (`jixiao_office::YearWorkbook`): a
//! department's projects are read, written and dropped before the next one's are read.

use axum::extract::{Path, State};
use axum::response::Response;
use jixiao_store::domain::{document, with_department_table};
use jixiao_store::{DepartmentTable, ListFilter, Slice, Visibility};

use super::templates::TemplateFile;
use crate::auth::caller::Caller;
use crate::auth::policy::Actor;
use crate::problem::Problem;
use crate::state::AppState;

/// The year's workbook as `actor` may see it; `year` as written in the path.
pub async fn year_workbook(state: &AppState, actor: Actor, year: &str) -> Result<TemplateFile, Problem> {
    let year = year
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .ok_or_else(|| Problem::bad_request(format!("年度应为四位数字，实际为“{year}”。")))?;
    let seen = actor.visibility();
    let mut departments = state.store.department_totals(seen, year).await?;
    // As the dashboard lists them: largest budget first.
    departments.sort_by(|a, b| b.budget.cmp(&a.budget).then_with(|| a.name.cmp(&b.name)));
    let name = format!("{year}年度部门预算绩效目标汇总");
    let mut book = jixiao_office::YearWorkbook::new(&name).map_err(|e| Problem::internal(&e))?;
    for d in &departments {
        let rows = match d.department_id {
            Some(id) => state.store.department_projects(seen, id, Some(year)).await?,
            None => state.store.unplaced_projects(seen, Some(year)).await?,
        };
        if rows.is_empty() {
            continue;
        }
        let mut projects = Vec::with_capacity(rows.len());
        for row in &rows {
            let p = state.store.project(row.id).await?;
            projects.push(state.store.model_project(&p).await?);
        }
        let department = d.department_id.and(d.name.clone());
        let mut doc = document(format!("{name}（jixiao 导出）"), department, Some(year), projects);
        if let Some(table) = department_table(state, seen, d.department_id, Some(year)).await? {
            doc = with_department_table(doc, table);
        }
        book.add_department(&doc).map_err(|e| Problem::internal(&e))?;
    }
    let bytes = tokio::task::spawn_blocking(move || book.finish())
        .await
        .map_err(|e| Problem::internal(&e))?
        .map_err(|e| Problem::internal(&e))?;
    Ok(TemplateFile { bytes, name, fallback: format!("year-{year}") })
}

/// The 部门整体支出绩效目标表 of a department and year as `seen` may see it (its own workflow:
/// drafts, submitted and returned tables only to its department, reviewers and admins), the
/// first of the store's order when several documents print one; `None` for documents that
/// name no department.
pub async fn department_table(
    state: &AppState,
    seen: Visibility,
    department: Option<i64>,
    year: Option<i64>,
) -> Result<Option<DepartmentTable>, Problem> {
    let Some(department) = department else { return Ok(None) };
    let filter = ListFilter { department: Some(department), year, ..Default::default() };
    Ok(state.store.department_tables_in(seen, &filter, Slice { offset: 0, limit: 1 }).await?.items.into_iter().next())
}

/// `GET /api/v1/years/{year}/workbook`.
pub async fn year_workbook_file(State(state): State<AppState>, caller: Caller, Path(year): Path<String>) -> Result<Response, Problem> {
    Ok(year_workbook(&state, caller.actor(), &year).await?.into_response())
}
