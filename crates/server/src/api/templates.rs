//! The 项目支出绩效目标申报表 template to fill offline (issue 17), written by `jixiao-office`:
//! `GET /api/v1/drafts/template` blank, `GET /api/v1/projects/{id}/template` prefilled from a
//! project or draft the caller may read (hidden ones answer 404, as reading the project
//! does), `POST /api/v1/drafts/template` prefilled from a draft not yet saved (the body of
//! `POST /api/v1/drafts`, checked as saving it would be: the 新建绩效目标表 page's
//! 按已填内容下载申报表). The pages serve the same files (`/drafts/template.xlsx`,
//! `/projects/{id}/template.xlsx`) from the same functions here.
//!
//! The blank template is the official form and holds nothing stored, so anyone may download
//! it, the public too. The 主管部门 printed is the department a filled template will be
//! imported into: a filler's own (the upload refuses any other), else the project's. The
//! filled file is imported through the ordinary upload (`POST /api/v1/documents`), read by
//! the same `jixiao-carriers`: a filler's lands in their department as a draft.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use jixiao_model::{BudgetUnit, Decimal, Located, Origin, SpendingPlan};
use jixiao_office::TemplateFill;
use serde::Deserialize;

use super::drafts::DraftRequest;
use super::query::{Id, Params};
use crate::auth::caller::Caller;
use crate::json::JsonBody;
use crate::auth::policy::{check, Action, Actor, Role};
use crate::problem::Problem;
use crate::state::AppState;

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A download's `Content-Disposition`: `attachment` with the Chinese name (RFC 5987) and an ASCII fallback.
pub(crate) fn attachment(name: &str, ext: &str, fallback: &str) -> String {
    let encoded: String = format!("{name}.{ext}")
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    format!("attachment; filename=\"{fallback}.{ext}\"; filename*=UTF-8''{encoded}")
}

/// A template written: its bytes, the Chinese file name (without `.xlsx`) and an ASCII one.
pub struct TemplateFile {
    pub bytes: Vec<u8>,
    pub name: String,
    pub fallback: String,
}

impl TemplateFile {
    /// The file as a download.
    pub fn into_response(self) -> Response {
        let disposition = attachment(&self.name, "xlsx", &self.fallback);
        ([(header::CONTENT_TYPE, XLSX.to_string()), (header::CONTENT_DISPOSITION, disposition)], self.bytes).into_response()
    }
}

/// The year a new template is for: next year, as on the drafting page.
fn next_budget_year() -> i32 {
    jixiao_store::time::now()
        .get(..4)
        .and_then(|y| y.parse::<i32>().ok())
        .map_or(2026, |y| y + 1)
}

async fn department_name(state: &AppState, id: Option<i64>) -> Option<String> {
    state.store.organisation(id?).await.ok().map(|o| o.name)
}

/// A filler's own department's name (the department a template they fill is imported into).
async fn own_department(state: &AppState, actor: Actor) -> Option<String> {
    match actor.role() {
        Some(Role::Filler) => department_name(state, actor.own_department()).await,
        _ => None,
    }
}

fn write(fill: &TemplateFill<'_>, name: String, fallback: String) -> Result<TemplateFile, Problem> {
    let bytes = jixiao_office::write_template(fill).map_err(|e| Problem::internal(&e))?;
    Ok(TemplateFile { bytes, name, fallback })
}

/// The blank 申报表, a filler's department and next year printed on it.
pub async fn blank(state: &AppState, actor: Actor) -> Result<TemplateFile, Problem> {
    let department = own_department(state, actor).await;
    let fill = TemplateFill { department: department.as_deref(), year: Some(next_budget_year()), project: None };
    write(&fill, "项目支出绩效目标申报表".into(), "template".into())
}

/// The 申报表 prefilled from project `id` (its unit, amounts, plan, goals and every
/// indicator), in the project's year or `year`; 404 for a project the caller may not read.
pub async fn prefilled(state: &AppState, actor: Actor, id: i64, year: Option<&str>) -> Result<TemplateFile, Problem> {
    let year = match year.map(str::trim).filter(|y| !y.is_empty()) {
        None => None,
        Some(y) => Some(
            y.parse::<i32>()
                .ok()
                .filter(|y| (2000..=2100).contains(y))
                .ok_or_else(|| Problem::bad_request(format!("年度应为 2000 到 2100 之间的整数，实际为“{y}”。")))?,
        ),
    };
    let hidden = || Problem::not_found("未找到该记录，或您无权查看。");
    let p = state.store.project(id).await.map_err(|_| hidden())?;
    check(actor, Action::Read, p.department(), p.status).map_err(|_| hidden())?;
    let mut project = state.store.model_project(&p).await?;
    if let Some(u) = p.unit_id {
        if let Ok(unit) = state.store.organisation(u).await {
            project.unit = Some(BudgetUnit { code: None, name: unit.name.clone(), printed: unit.name, at: Origin::default() });
        }
    }
    let plan = state.store.spending_plan(id).await?;
    let mut percent: [Option<Located<Decimal>>; 4] = Default::default();
    for (slot, v) in percent.iter_mut().zip(&plan) {
        *slot = v
            .as_deref()
            .and_then(|v| v.trim().trim_end_matches('%').parse().ok())
            .map(|d| Located::new(d, Origin::default()));
    }
    if percent.iter().any(Option::is_some) {
        project.spending_plan = Some(SpendingPlan { cumulative_percent: percent });
    }
    let department = match own_department(state, actor).await {
        Some(d) => Some(d),
        None => department_name(state, p.department_id).await,
    };
    let year = year.or_else(|| p.year.and_then(|y| i32::try_from(y).ok()));
    let fill = TemplateFill { department: department.as_deref(), year, project: Some(&project) };
    write(&fill, format!("{}绩效目标申报表", p.name), format!("project-{id}-template"))
}

/// `?year=`: the year printed on a prefilled template.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateParams {
    /// 模板所印年度（默认：项目的年度；为下一年度起草时写下一年度）。
    #[serde(default)]
    pub year: Option<String>,
}

/// `GET /api/v1/drafts/template`.
pub async fn blank_template(State(state): State<AppState>, caller: Caller) -> Result<Response, Problem> {
    Ok(blank(&state, caller.actor()).await?.into_response())
}

/// `GET /api/v1/projects/{id}/template`.
pub async fn project_template(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    Params(p): Params<TemplateParams>,
) -> Result<Response, Problem> {
    Ok(prefilled(&state, caller.actor(), id, p.year.as_deref()).await?.into_response())
}

/// `POST /api/v1/drafts/template`: a draft as typed so far, as the 申报表 to go on with
/// offline. Who may, and for which department, as for saving it (`policy::check_draft`);
/// its texts, amounts and levels are checked as saving checks them (422 naming the field).
pub async fn draft_template(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<DraftRequest>,
) -> Result<Response, Problem> {
    caller.require_user()?;
    let (_, department) =
        super::drafts::department(&state, caller.actor(), body.department_id).await?;
    if body.kind == super::drafts::DraftKind::Department {
        return Err(Problem::unprocessable(
            "申报表模板只有项目支出绩效目标表一种：部门整体支出绩效目标表请在新建绩效目标表页面填写并保存草稿。",
        ));
    }
    let doc = body.document(&department)?;
    let project = doc.projects.first().ok_or_else(|| Problem::unprocessable("草稿中没有项目。"))?;
    let fill = TemplateFill { department: Some(&department), year: doc.year.as_ref().map(|y| y.value), project: Some(project) };
    Ok(write(&fill, format!("{}绩效目标申报表", project.name.value), "draft-template".into())?.into_response())
}
