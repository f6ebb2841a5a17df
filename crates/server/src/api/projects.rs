//! `/api/v1/projects`: read (visibility by role), edit drafts, the review workflow
//! (submit → return / approve) and comments.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use jixiao_store::{text, Flowing, Project, ProjectChanges};

use super::input::{amount, given, optional, required};
use super::query::{Id, ListParams, Paged, Params};
use super::version::{expected_version, VersionParam};
use crate::auth::caller::Caller;
use crate::auth::policy::{check, Action, Status};
use crate::json::JsonBody;
use crate::problem::Problem;
use crate::state::AppState;

/// 修改项目（只改给出的字段；可选文字字段给 "" 即清空）。
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectEdit {
    pub version: Option<i64>,
    pub name: Option<String>,
    pub code: Option<String>,
    pub purpose: Option<String>,
    /// 预算数（万元，字符串形式的精确小数）。
    pub budget_total: Option<String>,
    pub budget_fiscal: Option<String>,
    pub budget_other: Option<String>,
}

impl ProjectEdit {
    /// The fields given, checked and normalised.
    fn changes(&self) -> Result<ProjectChanges, Problem> {
        Ok(ProjectChanges {
            name: given(&self.name, |v| required(text::PROJECT_NAME, v))?,
            code: given(&self.code, |v| optional(text::PROJECT_CODE, v))?,
            purpose: given(&self.purpose, |v| optional(text::PURPOSE, v))?,
            budget_total: given(&self.budget_total, |v| amount("budget_total", v))?,
            budget_fiscal: given(&self.budget_fiscal, |v| amount("budget_fiscal", v))?,
            budget_other: given(&self.budget_other, |v| amount("budget_other", v))?,
        })
    }
}

/// 新建项目（在某文档的当前修订版中）。
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewProject {
    pub document_id: i64,
    pub name: String,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub purpose: Option<String>,
    #[serde(default)]
    pub budget_total: Option<String>,
    #[serde(default)]
    pub budget_fiscal: Option<String>,
    #[serde(default)]
    pub budget_other: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Params(p): Params<ListParams>,
) -> Result<Response, Problem> {
    let w = p.window()?;
    let listed = state.store.projects(caller.actor().visibility(), &p.filter(), w.slice()).await?;
    Ok(Json(Paged::new(listed, w)).into_response())
}

/// The project when the caller may do `action` on it.
pub async fn allowed(
    state: &AppState,
    caller: &Caller,
    id: i64,
    action: Action,
) -> Result<Project, Problem> {
    let p = state.store.project(id).await?;
    // Hidden projects answer 404 even for writes, so their existence does not leak.
    check(caller.actor(), Action::Read, p.department(), p.status)?;
    check(caller.actor(), action, p.department(), p.status)?;
    // A filler's change or submission of a year whose 申报 is closed.
    if matches!(action, Action::Edit | Action::Submit) {
        super::years::check_open(state, caller.actor(), p.year).await?;
    }
    Ok(p)
}

/// 项目详情：项目字段、项目目标、全部指标与审核等级（审核给出并随项目保存；未评为 null）。
/// 自评表的项目另有 `evaluation`（资金情况、实际完成情况、所印总分与等级），其指标行另有
/// `actual_printed`、`score`、`deviation`；`paired` 是另一类中的同一项目（目标表 ↔ 自评表），
/// 调用者看不到或没有时为 null。
#[derive(serde::Serialize)]
struct ProjectDetail {
    #[serde(flatten)]
    project: Project,
    goals: Vec<String>,
    indicators: Vec<jixiao_store::Indicator>,
    grade: Option<jixiao_store::StoredGrade>,
    paired: Option<jixiao_store::PairedProject>,
}

pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Response, Problem> {
    let project = allowed(&state, &caller, id, Action::Read).await?;
    let (goals, indicators, grade, paired) = tokio::try_join!(
        state.store.goals_of(id),
        state.store.indicators_of(id),
        state.store.project_grade(id),
        state.store.paired_project(caller.actor().visibility(), id)
    )?;
    Ok(Json(ProjectDetail {
        project,
        goals,
        indicators,
        grade,
        paired,
    })
    .into_response())
}

pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<NewProject>,
) -> Result<Response, Problem> {
    let by = caller.require_user()?.id;
    let doc = state.store.document(caller.actor().visibility(), body.document_id).await?;
    check(
        caller.actor(),
        Action::Edit,
        doc.department_id.unwrap_or(0),
        Status::Draft,
    )?;
    super::years::check_open(&state, caller.actor(), doc.year).await?;
    let new = ProjectEdit {
        version: None,
        name: Some(body.name),
        code: body.code,
        purpose: body.purpose,
        budget_total: body.budget_total,
        budget_fiscal: body.budget_fiscal,
        budget_other: body.budget_other,
    }
    .changes()?;
    let p = state.store.create_project(by, &doc, &new).await?;
    Ok((StatusCode::CREATED, Json(p)).into_response())
}

pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    headers: HeaderMap,
    JsonBody(body): JsonBody<ProjectEdit>,
) -> Result<Response, Problem> {
    let by = caller.require_user()?.id;
    let version = expected_version(&headers, body.version)?;
    let before = allowed(&state, &caller, id, Action::Edit).await?;
    let changes = body.changes()?;
    Ok(Json(state.store.update_project(by, &before, version, &changes).await?).into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    headers: HeaderMap,
    Params(v): Params<VersionParam>,
) -> Result<Response, Problem> {
    let by = caller.require_user()?.id;
    let version = expected_version(&headers, v.version)?;
    let before = allowed(&state, &caller, id, Action::Edit).await?;
    state.store.delete_project(by, &before, version).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// 流转请求：读取时的版本号和可选的意见。
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    pub version: Option<i64>,
    #[serde(default)]
    pub comment: Option<String>,
}

async fn transition(
    state: AppState,
    caller: Caller,
    id: i64,
    headers: HeaderMap,
    body: Transition,
    action: Action,
) -> Result<Response, Problem> {
    caller.require_user()?;
    let version = expected_version(&headers, body.version)?;
    let before = allowed(&state, &caller, id, action).await?;
    let errors = if action == Action::Submit { open_errors(&state, id).await? } else { 0 };
    move_through(&state, &caller, &before, version, &body, action, errors, "本项目").await
}

/// One step of the review workflow of a project or a 部门整体 table (`before`, which the
/// caller has read and checked with the role rules for `action`): a return needs a comment,
/// a comment passes the text limits, a submit with `errors` error findings open needs a
/// justification; then the store's one [`jixiao_store::Store::transition`] (status, version,
/// comment and audit entry in one transaction). `what` names the item in messages (本项目).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn move_through<T: Flowing>(
    state: &AppState,
    caller: &Caller,
    before: &T,
    version: i64,
    body: &Transition,
    action: Action,
    errors: usize,
    what: &str,
) -> Result<Response, Problem> {
    let by = caller.require_user()?.id;
    let (to, name) = match action {
        Action::Submit => (Status::Submitted, "submit"),
        Action::Return => (Status::Returned, "return"),
        _ => (Status::Approved, "approve"),
    };
    let comment = body.comment.as_deref().map(str::trim).filter(|c| !c.is_empty());
    if action == Action::Return && comment.is_none() {
        return Err(Problem::unprocessable(
            "退回时须填写意见（comment），说明需要修改什么。",
        ));
    }
    if let Some(c) = &body.comment {
        let field = text::Field { name: "comment", ..text::COMMENT };
        super::input::checked(field, c.trim())?;
    }
    if action == Action::Submit && errors > 0 && comment.is_none() {
        return Err(Problem::unprocessable(format!(
            "{what}有 {errors} 条错误级审核发现：请先改正，或在提交说明（comment）中写明带着错误提交的理由。"
        )));
    }
    let after = state.store.transition(by, before, version, to, name, body.comment.as_deref()).await?;
    Ok(Json(after).into_response())
}

/// How many of the project's findings are errors (错误): what the project page shows the
/// filler before submitting, and what a submit without a justification is refused for.
pub async fn open_errors(state: &AppState, project_id: i64) -> Result<usize, Problem> {
    let findings = state.store.project_findings(project_id).await?;
    Ok(findings.iter().filter(|f| f.severity == "error").count())
}

pub async fn submit(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    headers: HeaderMap,
    JsonBody(body): JsonBody<Transition>,
) -> Result<Response, Problem> {
    transition(state, caller, id, headers, body, Action::Submit).await
}

pub async fn send_back(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    headers: HeaderMap,
    JsonBody(body): JsonBody<Transition>,
) -> Result<Response, Problem> {
    transition(state, caller, id, headers, body, Action::Return).await
}

pub async fn approve(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    headers: HeaderMap,
    JsonBody(body): JsonBody<Transition>,
) -> Result<Response, Problem> {
    transition(state, caller, id, headers, body, Action::Approve).await
}

pub async fn comments(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Response, Problem> {
    caller.require_user()?;
    allowed(&state, &caller, id, Action::Read).await?;
    Ok(Json(json!({ "items": state.store.comments(id).await? })).into_response())
}

/// 审核意见。
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    pub body: String,
    #[serde(default)]
    pub indicator_id: Option<i64>,
}

pub async fn add_comment(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    JsonBody(body): JsonBody<NewComment>,
) -> Result<Response, Problem> {
    let by = caller.require_user()?.id;
    allowed(&state, &caller, id, Action::Comment).await?;
    let comment = required(text::COMMENT, &body.body)?;
    let comment_id = state.store.add_comment(by, id, body.indicator_id, &comment).await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": comment_id }))).into_response())
}
