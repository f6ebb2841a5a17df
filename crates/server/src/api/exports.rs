//! A whole year of the bureau in one workbook (issue 17): `GET /api/v1/years/{year}/workbook`
//! and the page's `/years/{year}/download/xlsx`, from the one function here. Every
//! department of that year the caller may see — the store's aggregates and lists under the
//! caller's `Visibility`, applied in SQL as for every list — each with the projects and the
//! 部门整体支出绩效目标表 the caller may see (a table's own workflow decides: the public's
//! workbook holds approved tables only; a department with a table and no project has its
//! sheet too), written department by department (`jixiao_office::YearWorkbook`): a
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
    // (department id, name, budget): those with projects the caller may see…
    let mut departments: Vec<(Option<i64>, Option<String>, rust_decimal::Decimal)> = state
        .store
        .department_totals(seen, year)
        .await?
        .into_iter()
        .map(|d| (d.department_id, d.name, d.budget))
        .collect();
    // …and those whose documents print only a 部门整体 table the caller may see.
    for id in table_departments(state, seen, year).await? {
        if !departments.iter().any(|d| d.0 == Some(id)) {
            let name = state.store.organisation(id).await?.name;
            departments.push((Some(id), Some(name), rust_decimal::Decimal::ZERO));
        }
    }
    // As the dashboard lists them: largest budget first.
    departments.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    let name = format!("{year}年度部门预算绩效目标汇总");
    let mut book = jixiao_office::YearWorkbook::new(&name).map_err(|e| Problem::internal(&e))?;
    for (id, department, _) in departments {
        let rows = match id {
            Some(id) => state.store.department_projects(seen, id, Some(year)).await?,
            None => state.store.unplaced_projects(seen, Some(year)).await?,
        };
        let table = department_table(state, seen, id, Some(year)).await?;
        if rows.is_empty() && table.is_none() {
            continue;
        }
        let mut projects = Vec::with_capacity(rows.len());
        for row in &rows {
            let p = state.store.project(row.id).await?;
            projects.push(state.store.model_project(&p).await?);
        }
        let department = id.and(department);
        let mut doc = document(format!("{name}（jixiao 导出）"), department, Some(year), projects);
        if let Some(table) = table {
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

/// The departments with a 部门整体 table of `year` that `seen` may see, in the store's order
/// (a department whose documents print the table and no project has a sheet too).
async fn table_departments(state: &AppState, seen: Visibility, year: i64) -> Result<Vec<i64>, Problem> {
    let filter = ListFilter { year: Some(year), ..Default::default() };
    let mut out: Vec<i64> = Vec::new();
    let mut offset = 0;
    loop {
        let page = state.store.department_tables_in(seen, &filter, Slice { offset, limit: 200 }).await?;
        let n = page.items.len() as i64;
        for id in page.items.into_iter().filter_map(|t| t.department_id) {
            if !out.contains(&id) {
                out.push(id);
            }
        }
        offset += n;
        if n == 0 || offset >= page.total {
            return Ok(out);
        }
    }
}

/// `GET /api/v1/years/{year}/workbook`.
pub async fn year_workbook_file(State(state): State<AppState>, caller: Caller, Path(year): Path<String>) -> Result<Response, Problem> {
    Ok(year_workbook(&state, caller.actor(), &year).await?.into_response())
}
