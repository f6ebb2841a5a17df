//! `/api/v1/organisations`: the tree 财政局 → 部门 → 预算单位. Everyone reads; admins write.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use jixiao_store::text;
use serde::Deserialize;

use super::input::{checked, given, optional, required};
use super::query::{Id, ListParams, Paged, Params};
use super::version::{expected_version, VersionParam};
use crate::auth::caller::Caller;
use crate::auth::policy::check_admin;
use crate::json::JsonBody;
use crate::problem::Problem;
use crate::state::AppState;

/// 新建组织。
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewOrganisation {
    pub parent_id: i64,
    /// department 部门 / unit 预算单位
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub code: Option<String>,
}

/// 修改组织。
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationEdit {
    pub version: Option<i64>,
    pub name: Option<String>,
    pub code: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    Params(p): Params<ListParams>,
) -> Result<Response, Problem> {
    let w = p.window()?;
    let listed = state.store.organisations(&p.filter(), w.slice()).await?;
    Ok(Json(Paged::new(listed, w)).into_response())
}

pub async fn get(State(state): State<AppState>, Id(id): Id) -> Result<Response, Problem> {
    Ok(Json(state.store.organisation(id).await?).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<NewOrganisation>,
) -> Result<Response, Problem> {
    check_admin(caller.actor())?;
    let by = caller.require_user()?.id;
    let name = required(text::ORG_NAME, &body.name)?;
    let code = match &body.code {
        Some(c) => {
            checked(text::ORG_CODE, c.trim())?;
            Some(c.trim().to_string()).filter(|c| !c.is_empty())
        }
        None => None,
    };
    let new = jixiao_store::NewOrganisation { parent_id: body.parent_id, kind: body.kind, name, code };
    let org = state.store.create_organisation(by, &new).await?;
    Ok((StatusCode::CREATED, Json(org)).into_response())
}

pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    headers: HeaderMap,
    JsonBody(body): JsonBody<OrganisationEdit>,
) -> Result<Response, Problem> {
    check_admin(caller.actor())?;
    let by = caller.require_user()?.id;
    let version = expected_version(&headers, body.version)?;
    let before = state.store.organisation(id).await?;
    let changes = jixiao_store::OrganisationChanges {
        name: given(&body.name, |n| required(text::ORG_NAME, n))?,
        code: given(&body.code, |c| optional(text::ORG_CODE, c))?,
    };
    Ok(Json(state.store.update_organisation(by, &before, version, &changes).await?).into_response())
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
    let before = state.store.organisation(id).await?;
    state.store.delete_organisation(by, &before, version).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
