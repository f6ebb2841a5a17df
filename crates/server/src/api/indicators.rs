//! `/api/v1/indicators`: 三级绩效指标. Visibility and edit rights follow the project.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::projects::allowed;
use super::query::{Id, ListParams, Paged, Params};
use super::version::{expected_version, VersionParam};
use crate::auth::caller::Caller;
use crate::auth::policy::{check, Action};
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
    let (items, total) = read::indicators(&state.store, caller.actor(), &p, w).await?;
    Ok(Json(Paged::new(items, total, w)).into_response())
}

/// The indicator when the caller may do `action` on its project.
async fn allowed_indicator(
    state: &AppState,
    caller: &Caller,
    id: i64,
    action: Action,
) -> Result<read::Indicator, Problem> {
    let (ind, project) = read::indicator_row(&state.store, id).await?;
    check(
        caller.actor(),
        Action::Read,
        project.department(),
        project.status()?,
    )?;
    check(
        caller.actor(),
        action,
        project.department(),
        project.status()?,
    )?;
    Ok(ind)
}

pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Response, Problem> {
    Ok(Json(allowed_indicator(&state, &caller, id, Action::Read).await?).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<edit::NewIndicator>,
) -> Result<Response, Problem> {
    let by = caller.require_user()?.id;
    let project = allowed(&state, &caller, body.project_id, Action::Edit).await?;
    let ind = edit::create_indicator(&state.store, by, &project, &body).await?;
    Ok((StatusCode::CREATED, Json(ind)).into_response())
}

pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    headers: HeaderMap,
    JsonBody(body): JsonBody<edit::IndicatorEdit>,
) -> Result<Response, Problem> {
    let by = caller.require_user()?.id;
    let version = expected_version(&headers, body.version)?;
    let before = allowed_indicator(&state, &caller, id, Action::Edit).await?;
    Ok(
        Json(edit::update_indicator(&state.store, by, &before, version, &body).await?)
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
    let before = allowed_indicator(&state, &caller, id, Action::Edit).await?;
    edit::delete_indicator(&state.store, by, &before, version).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
