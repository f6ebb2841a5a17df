//! Download buttons (issue 7): a project or a department as .xlsx, .docx, .pdf or .csv,
//! written by `jixiao-office` from the data as it is now in the database (edits included),
//! with the same visibility as the pages. The PDF is the official tables with the 盖章/签字
//! block, fit for printing and filing (issue 17).
//!
//! A whole year of the bureau in one workbook (issue 17): `/years/{year}/download/xlsx`,
//! written by [`crate::api::exports`] as the API's is.
//!
//! The 项目支出绩效目标申报表 template to fill offline (issue 17): `/drafts/template.xlsx`
//! blank, `/projects/{id}/template.xlsx` prefilled from a project or draft the caller may
//! read, written by [`crate::api::templates`] as the API's are (who gets which, and why).

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use jixiao_model::Document;

use super::dashboard::{pick_year, YearQuery};
use super::render::{PageError, Viewer, PageQuery, PagePath};
use crate::api::templates::{self, attachment};
use crate::auth::policy::{check, Action};
use crate::state::AppState;
use jixiao_store::domain::document;

/// 可下载的格式：扩展名、媒体类型、写出函数。
type Format = (&'static str, &'static str, fn(&Document) -> Vec<u8>);

fn format_of(name: &str) -> Result<Format, PageError> {
    match name {
        "xlsx" => Ok(("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", jixiao_office::write_xlsx)),
        "docx" => Ok(("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", jixiao_office::write_docx)),
        "pdf" => Ok(("pdf", "application/pdf", jixiao_office::write_pdf)),
        "csv" => Ok(("csv", "text/csv; charset=utf-8", jixiao_office::write_csv)),
        other => Err(PageError::BadRequest(format!("不支持的下载格式“{other}”：可选 xlsx、docx、pdf、csv。"))),
    }
}

async fn project(state: &AppState, p: &jixiao_store::Project) -> Result<jixiao_model::Project, PageError> {
    Ok(state.store.model_project(p).await?)
}

/// `GET /drafts/template.xlsx`: the blank 申报表 (`crate::api::templates`).
pub async fn blank_template(State(state): State<AppState>, me: Viewer) -> Response {
    match templates::blank(&state, me.actor).await {
        Ok(file) => file.into_response(),
        Err(p) => PageError::from(p).into_page(Some(&me)),
    }
}

/// `GET /projects/{id}/template.xlsx`: the 申报表 prefilled from a project or draft the
/// caller may read (`?year=` for another year), 404 otherwise.
pub async fn project_template(
    State(state): State<AppState>,
    me: Viewer,
    PagePath(id): PagePath<i64>,
    PageQuery(q): PageQuery<templates::TemplateParams>,
) -> Response {
    match templates::prefilled(&state, me.actor, id, q.year.as_deref()).await {
        Ok(file) => file.into_response(),
        Err(p) => PageError::from(p).into_page(Some(&me)),
    }
}

async fn department_name(state: &AppState, id: Option<i64>) -> Option<String> {
    state.store.organisation(id?).await.ok().map(|o| o.name)
}

fn file(doc: &Document, format: &str, name: &str, fallback: &str) -> Result<Response, PageError> {
    let (ext, mime, write) = format_of(format)?;
    let bytes = write(doc);
    Ok(([(header::CONTENT_TYPE, mime.to_string()), (header::CONTENT_DISPOSITION, attachment(name, ext, fallback))], bytes).into_response())
}

pub async fn project_file(State(state): State<AppState>, me: Viewer, PagePath((id, format)): PagePath<(i64, String)>) -> Response {
    let r = async {
        let p = state.store.project(id).await.map_err(|_| PageError::NotFound("未找到该记录，或您无权查看。".into()))?;
        check(me.actor, Action::Read, p.department(), p.status)?;
        let department = department_name(&state, p.department_id).await;
        let doc = document(format!("{}（jixiao 导出）", p.name), department, p.year, vec![project(&state, &p).await?]);
        file(&doc, &format, &p.name, &format!("project-{id}"))
    }
    .await;
    r.unwrap_or_else(|e| e.into_page(Some(&me)))
}

pub async fn department_file(
    State(state): State<AppState>,
    me: Viewer,
    PagePath((id, format)): PagePath<(i64, String)>,
    PageQuery(q): PageQuery<YearQuery>,
) -> Response {
    let r = async {
        let org = state.store.organisation(id).await?;
        let year = pick_year(q.year.as_deref(), &[])?;
        let rows = super::queries::projects_of_department(&state.store, me.actor, Some(id), year).await?;
        let mut projects = Vec::with_capacity(rows.len());
        for row in &rows {
            projects.push(project(&state, &state.store.project(row.id).await?).await?);
        }
        let name = match year {
            Some(y) => format!("{}{y}年度绩效目标", org.name),
            None => format!("{}绩效目标", org.name),
        };
        let mut doc = document(format!("{name}（jixiao 导出）"), Some(org.name.clone()), year, projects);
        // Its 部门整体 table, as far as the viewer may see it (approved, or their own).
        if let Some(table) = crate::api::exports::department_table(&state, me.actor.visibility(), Some(id), year).await? {
            doc = jixiao_store::domain::with_department_table(doc, table);
        }
        file(&doc, &format, &name, &format!("department-{id}"))
    }
    .await;
    r.unwrap_or_else(|e| e.into_page(Some(&me)))
}

/// `GET /years/{year}/download/xlsx`: the year's workbook (`crate::api::exports`) — 目录, a
/// sheet per department the caller may see (its projects as the caller may see them), the
/// year's 指标明细.
pub async fn year_file(State(state): State<AppState>, me: Viewer, PagePath((year, format)): PagePath<(String, String)>) -> Response {
    if format != "xlsx" {
        return PageError::BadRequest(format!("不支持的年度汇总下载格式“{format}”：可选 xlsx。")).into_page(Some(&me));
    }
    match crate::api::exports::year_workbook(&state, me.actor, &year).await {
        Ok(file) => file.into_response(),
        Err(p) => PageError::from(p).into_page(Some(&me)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_file_names_are_encoded() {
        assert_eq!(
            attachment("安全 项目", "csv", "project-7"),
            "attachment; filename=\"project-7.csv\"; filename*=UTF-8''%E5%AE%89%E5%85%A8%20%E9%A1%B9%E7%9B%AE.csv"
        );
        assert!(format_of("pdf").is_ok());
        assert!(matches!(format_of("odt"), Err(PageError::BadRequest(m)) if m == "不支持的下载格式“odt”：可选 xlsx、docx、pdf、csv。"));
    }
}

/// `GET /projects/{id}/self-evaluation.xlsx`: a published 自评表 re-scored, as the API's
/// `GET /api/v1/projects/{id}/self-evaluation.xlsx` ([`crate::api::selfeval`]).
pub async fn self_evaluation(State(state): State<AppState>, me: Viewer, PagePath(id): PagePath<i64>) -> Response {
    match crate::api::selfeval::file(&state, me.actor, id).await {
        Ok(file) => file.into_response(),
        Err(p) => PageError::from(p).into_page(Some(&me)),
    }
}
