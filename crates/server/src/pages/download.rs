//! Download buttons (issue 7): a project or a department as .xlsx, .docx or .csv, written by
//! `jixiao-office` from the data as it is now in the database (edits included), with the
//! same visibility as the pages.
//!
//! The 项目支出绩效目标申报表 template to fill offline (issue 17): `/drafts/template.xlsx`
//! blank, `/projects/{id}/template.xlsx` prefilled from a project or draft the caller may
//! read (hidden ones answer 404, as the project page does). The blank template is the
//! official form and holds nothing stored, so anyone may download it, the public too. The
//! 主管部门 printed is the one a filled template is imported into: a filler's own department
//! (the upload refuses any other), else the project's. The filled file is imported through
//! the ordinary upload (`POST /api/v1/documents`), read by the same `jixiao-office`.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use jixiao_model::{BudgetUnit, Decimal, Document, Located, Origin, SpendingPlan};
use jixiao_office::TemplateFill;

use super::dashboard::{pick_year, YearQuery};
use super::render::{PageError, Viewer, PageQuery, PagePath};
use crate::auth::policy::{check, Action, Role};
use crate::state::AppState;
use jixiao_store::domain::document;

/// 可下载的格式：扩展名、媒体类型、写出函数。
type Format = (&'static str, &'static str, fn(&Document) -> Vec<u8>);

fn format_of(name: &str) -> Result<Format, PageError> {
    match name {
        "xlsx" => Ok(("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", jixiao_office::write_xlsx)),
        "docx" => Ok(("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", jixiao_office::write_docx)),
        "csv" => Ok(("csv", "text/csv; charset=utf-8", jixiao_office::write_csv)),
        other => Err(PageError::BadRequest(format!("不支持的下载格式“{other}”：可选 xlsx、docx、csv。"))),
    }
}

async fn project(state: &AppState, p: &jixiao_store::Project) -> Result<jixiao_model::Project, PageError> {
    Ok(state.store.model_project(p).await?)
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The year a new template is for: next year, as on the drafting page.
fn next_budget_year() -> i32 {
    jixiao_store::time::now()
        .get(..4)
        .and_then(|y| y.parse::<i32>().ok())
        .map_or(2026, |y| y + 1)
}

/// A filler's own department's name (the department a template they fill is imported into).
async fn own_department(state: &AppState, me: &Viewer) -> Option<String> {
    match me.actor.role() {
        Some(Role::Filler) => department_name(state, me.actor.own_department()).await,
        _ => None,
    }
}

fn template_file(fill: &TemplateFill<'_>, name: &str, fallback: &str) -> Result<Response, PageError> {
    let bytes = jixiao_office::write_template(fill).map_err(|e| PageError::Internal(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, XLSX.to_string()), (header::CONTENT_DISPOSITION, attachment(name, "xlsx", fallback))], bytes).into_response())
}

/// `GET /drafts/template.xlsx`: the blank 申报表 (a filler's department and next year
/// printed on it).
pub async fn blank_template(State(state): State<AppState>, me: Viewer) -> Response {
    let department = own_department(&state, &me).await;
    let fill = TemplateFill { department: department.as_deref(), year: Some(next_budget_year()), project: None };
    template_file(&fill, "项目支出绩效目标申报表", "template").unwrap_or_else(|e| e.into_page(Some(&me)))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct TemplateQuery {
    /// 模板所印年度（默认：项目的年度；新建下一年度草稿时为下一年度）。
    #[serde(default)]
    year: Option<String>,
}

/// `GET /projects/{id}/template.xlsx`: the 申报表 prefilled from a project or draft the
/// caller may read, with its year (or `?year=`), unit, amounts, plan, goals and every
/// indicator.
pub async fn project_template(State(state): State<AppState>, me: Viewer, PagePath(id): PagePath<i64>, PageQuery(q): PageQuery<TemplateQuery>) -> Response {
    let r = async {
        let year_wanted = match q.year.as_deref().filter(|y| !y.is_empty()) {
            None => None,
            Some(y) => Some(y.parse::<i32>().ok().filter(|y| (2000..=2100).contains(y)).ok_or_else(|| PageError::BadRequest(format!("年度应为 2000 到 2100 之间的整数，实际为“{y}”。")))?),
        };
        let hidden = || PageError::NotFound("未找到该记录，或您无权查看。".into());
        let p = state.store.project(id).await.map_err(|_| hidden())?;
        check(me.actor, Action::Read, p.department(), p.status).map_err(|_| hidden())?;
        let mut project = project(&state, &p).await?;
        if let Some(u) = p.unit_id {
            if let Ok(unit) = state.store.organisation(u).await {
                project.unit = Some(BudgetUnit { code: None, name: unit.name.clone(), printed: unit.name, at: Origin::default() });
            }
        }
        let plan = state.store.spending_plan(id).await?;
        let mut percent: [Option<Located<Decimal>>; 4] = Default::default();
        for (slot, v) in percent.iter_mut().zip(&plan) {
            *slot = v.as_deref().and_then(|v| v.trim().trim_end_matches('%').parse().ok()).map(|d| Located::new(d, Origin::default()));
        }
        if percent.iter().any(Option::is_some) {
            project.spending_plan = Some(SpendingPlan { cumulative_percent: percent });
        }
        let department = match own_department(&state, &me).await {
            Some(d) => Some(d),
            None => department_name(&state, p.department_id).await,
        };
        let year = year_wanted.or_else(|| p.year.and_then(|y| i32::try_from(y).ok()));
        let fill = TemplateFill { department: department.as_deref(), year, project: Some(&project) };
        template_file(&fill, &format!("{}绩效目标申报表", p.name), &format!("project-{id}-template"))
    }
    .await;
    r.unwrap_or_else(|e| e.into_page(Some(&me)))
}

async fn department_name(state: &AppState, id: Option<i64>) -> Option<String> {
    state.store.organisation(id?).await.ok().map(|o| o.name)
}

/// `attachment` with the Chinese name (RFC 5987) and an ASCII fallback.
fn attachment(name: &str, ext: &str, fallback: &str) -> String {
    let encoded: String = format!("{name}.{ext}")
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    format!("attachment; filename=\"{fallback}.{ext}\"; filename*=UTF-8''{encoded}")
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
        let doc = document(format!("{name}（jixiao 导出）"), Some(org.name.clone()), year, projects);
        file(&doc, &format, &name, &format!("department-{id}"))
    }
    .await;
    r.unwrap_or_else(|e| e.into_page(Some(&me)))
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
        assert!(matches!(format_of("pdf"), Err(PageError::BadRequest(m)) if m == "不支持的下载格式“pdf”：可选 xlsx、docx、csv。"));
    }
}
