//! `/api/v1/projects`: read (visibility by role), edit drafts, the review workflow
//! (submit → return / approve) and comments.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use super::query::{Id, ListParams, Paged, Params};
use super::version::{expected_version, VersionParam};
use crate::auth::caller::Caller;
use crate::auth::policy::{check, Action, Status};
use crate::db::{edit, read};
use crate::json::JsonBody;
use crate::problem::Problem;
use crate::state::AppState;

pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Params(p): Params<ListParams>,
) -> Result<Response, Problem> {
    let w = p.window()?;
    let (items, total) = read::projects(&state.store, caller.actor(), &p, w).await?;
    Ok(Json(Paged::new(items, total, w)).into_response())
}

/// The project when the caller may do `action` on it.
pub async fn allowed(
    state: &AppState,
    caller: &Caller,
    id: i64,
    action: Action,
) -> Result<read::Project, Problem> {
    let p = read::project_row(&state.store, id).await?;
    // Hidden projects answer 404 even for writes, so their existence does not leak.
    check(caller.actor(), Action::Read, p.department(), p.status()?)?;
    check(caller.actor(), action, p.department(), p.status()?)?;
    Ok(p)
}

/// 项目详情：项目字段、项目目标与全部指标。
#[derive(serde::Serialize)]
struct ProjectDetail {
    #[serde(flatten)]
    project: read::Project,
    goals: Vec<String>,
    indicators: Vec<read::Indicator>,
}

pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Response, Problem> {
    let project = allowed(&state, &caller, id, Action::Read).await?;
    let (goals, indicators) = tokio::try_join!(
        read::goals_of(&state.store, id),
        read::indicators_of(&state.store, id)
    )?;
    Ok(Json(ProjectDetail {
        project,
        goals,
        indicators,
    })
    .into_response())
}

pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<edit::NewProject>,
) -> Result<Response, Problem> {
    let by = caller.require_user()?.id;
    let doc = read::document_by_id(&state.store, caller.actor(), body.document_id).await?;
    check(
        caller.actor(),
        Action::Edit,
        doc.department_id.unwrap_or(0),
        Status::Draft,
    )?;
    let p = edit::create_project(&state.store, by, &doc, &body).await?;
    Ok((StatusCode::CREATED, Json(p)).into_response())
}

pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    headers: HeaderMap,
    JsonBody(body): JsonBody<edit::ProjectEdit>,
) -> Result<Response, Problem> {
    let by = caller.require_user()?.id;
    let version = expected_version(&headers, body.version)?;
    let before = allowed(&state, &caller, id, Action::Edit).await?;
    Ok(
        Json(edit::update_project(&state.store, by, &before, version, &body).await?)
            .into_response(),
    )
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
    edit::delete_project(&state.store, by, &before, version).await?;
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
    let by = caller.require_user()?.id;
    let version = expected_version(&headers, body.version)?;
    let before = allowed(&state, &caller, id, action).await?;
    let (to, name) = match action {
        Action::Submit => (Status::Submitted, "submit"),
        Action::Return => (Status::Returned, "return"),
        _ => (Status::Approved, "approve"),
    };
    if action == Action::Return && body.comment.as_deref().is_none_or(|c| c.trim().is_empty()) {
        return Err(Problem::unprocessable(
            "退回时须填写意见（comment），说明需要修改什么。",
        ));
    }
    let after = edit::transition(
        &state.store,
        by,
        &before,
        version,
        to,
        name,
        body.comment.as_deref(),
    )
    .await?;
    Ok(Json(after).into_response())
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
    Ok(Json(json!({ "items": read::comments(&state.store, id).await? })).into_response())
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
    let comment_id = edit::add_comment(&state.store, by, id, body.indicator_id, &body.body).await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": comment_id }))).into_response())
}
