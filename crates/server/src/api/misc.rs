//! Small read endpoints: years, findings, search, users, audit log, and the OpenAPI document.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use super::query::{ListParams, Paged, Params};
use crate::auth::caller::Caller;
use crate::auth::policy::{check_admin, Role};
use super::input::checked;
use crate::auth::password::hash_password;
use jixiao_store::text;
use crate::json::JsonBody;
use crate::problem::Problem;
use crate::state::AppState;

pub async fn openapi() -> Response {
    Json(super::openapi::document()).into_response()
}

pub async fn years(State(state): State<AppState>) -> Result<Response, Problem> {
    let years = state.store.years().await?;
    let total = years.len() as i64;
    Ok(Json(json!({ "items": years, "total": total })).into_response())
}

pub async fn findings(
    State(state): State<AppState>,
    caller: Caller,
    Params(p): Params<ListParams>,
) -> Result<Response, Problem> {
    let w = p.window()?;
    let listed = state.store.findings(caller.actor().visibility(), &p.filter(), w.slice()).await?;
    Ok(Json(Paged::new(listed, w)).into_response())
}

/// Names matching `q` among organisations, projects and indicators (first page of each).
pub async fn search(
    State(state): State<AppState>,
    caller: Caller,
    Params(p): Params<ListParams>,
) -> Result<Response, Problem> {
    if p.text().is_none() {
        return Err(Problem::bad_request("请用 q 参数给出要搜索的名称。"));
    }
    let w = p.window()?;
    let only_text = ListParams {
        q: p.q.clone(),
        year: p.year,
        department: p.department,
        ..Default::default()
    };
    let (filter, seen, slice) = (only_text.filter(), caller.actor().visibility(), w.slice());
    let organisations = state.store.organisations(&filter, slice).await?;
    let projects = state.store.projects(seen, &filter, slice).await?;
    let indicators = state.store.indicators(seen, &filter, slice).await?;
    Ok(Json(json!({
        "organisations": { "items": organisations.items, "total": organisations.total },
        "projects": { "items": projects.items, "total": projects.total },
        "indicators": { "items": indicators.items, "total": indicators.total },
    }))
    .into_response())
}

pub async fn users(State(state): State<AppState>, caller: Caller) -> Result<Response, Problem> {
    check_admin(caller.actor())?;
    Ok(Json(json!({ "items": state.store.users().await? })).into_response())
}

/// 新建用户。
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub username: String,
    #[serde(default)]
    pub display_name: Option<String>,
    pub password: String,
    pub role: RoleName,
    #[serde(default)]
    pub department_id: Option<i64>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleName {
    Admin,
    Reviewer,
    Filler,
}

pub async fn create_user(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<NewUser>,
) -> Result<Response, Problem> {
    check_admin(caller.actor())?;
    let by = caller.require_user()?.id;
    let username = body.username.trim();
    if username.is_empty() || username.chars().count() > text::USERNAME.max {
        return Err(Problem::unprocessable(
            "用户名不能为空，且不超过 64 个字符。",
        ));
    }
    checked(text::USERNAME, username)?;
    if body.password.chars().count() < 10 {
        return Err(Problem::unprocessable("口令至少 10 个字符。"));
    }
    checked(text::PASSWORD, &body.password)?;
    if let Some(d) = &body.display_name {
        checked(text::DISPLAY_NAME, d.trim())?;
    }
    let role = match body.role {
        RoleName::Admin => Role::Admin,
        RoleName::Reviewer => Role::Reviewer,
        RoleName::Filler => Role::Filler,
    };
    let department_id = match (role, body.department_id) {
        (Role::Filler, None) => {
            return Err(Problem::unprocessable(
                "部门填报员必须指定所属部门（department_id）。",
            ))
        }
        (Role::Filler, d) => d,
        (_, Some(_)) => {
            return Err(Problem::unprocessable(
                "只有部门填报员属于某个部门，其他角色不应指定 department_id。",
            ))
        }
        (_, None) => None,
    };
    let display_name = body
        .display_name
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .unwrap_or(username);
    let password_hash = hash_password(&body.password)?;
    let new = jixiao_store::NewUser {
        username,
        display_name,
        password_hash: &password_hash,
        role,
        department_id,
    };
    let user = state.store.create_user(Some(by), &new).await?;
    Ok((StatusCode::CREATED, Json(user)).into_response())
}

pub async fn audit(
    State(state): State<AppState>,
    caller: Caller,
    Params(p): Params<ListParams>,
) -> Result<Response, Problem> {
    check_admin(caller.actor())?;
    let w = p.window()?;
    Ok(Json(Paged::new(state.store.audit_log(w.slice()).await?, w)).into_response())
}
