//! `/api/v1/organisations`: the tree 财政局 → 部门 → 预算单位. Everyone reads; admins write.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::query::{Id, ListParams, Paged, Params};
use super::version::{expected_version, VersionParam};
use crate::auth::caller::Caller;
use crate::auth::policy::check_admin;
use crate::db::{edit, read};
use crate::json::JsonBody;
use crate::problem::Problem;
use crate::state::AppState;

pub async fn list(
    State(state): State<AppState>,
    Params(p): Params<ListParams>,
) -> Result<Response, Problem> {
    let w = p.window()?;
    let (items, total) = read::organisations(&state.store, &p, w).await?;
    Ok(Json(Paged::new(items, total, w)).into_response())
}

pub async fn get(State(state): State<AppState>, Id(id): Id) -> Result<Response, Problem> {
    Ok(Json(read::organisation_by_id(&state.store, id).await?).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<edit::NewOrganisation>,
) -> Result<Response, Problem> {
    check_admin(caller.actor())?;
    let by = caller.require_user()?.id;
    let org = edit::create_organisation(&state.store, by, &body).await?;
    Ok((StatusCode::CREATED, Json(org)).into_response())
}

pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    headers: HeaderMap,
    JsonBody(body): JsonBody<edit::OrganisationEdit>,
) -> Result<Response, Problem> {
    check_admin(caller.actor())?;
    let by = caller.require_user()?.id;
    let version = expected_version(&headers, body.version)?;
    let before = read::organisation_by_id(&state.store, id).await?;
    Ok(
        Json(edit::update_organisation(&state.store, by, &before, version, &body).await?)
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
    check_admin(caller.actor())?;
    let by = caller.require_user()?.id;
    let version = expected_version(&headers, v.version)?;
    let before = read::organisation_by_id(&state.store, id).await?;
    edit::delete_organisation(&state.store, by, &before, version).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
