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
    // With each account's state and version (for `PUT /api/v1/users/{id}`).
    Ok(Json(json!({ "items": state.store.accounts().await? })).into_response())
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
    let role = role_of(body.role);
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

/// 修改用户（系统管理员）：姓名、角色、所属部门、停用/启用、重设口令。
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserEdit {
    pub version: Option<i64>,
    #[serde(default)]
    pub display_name: Option<String>,
    /// With a role, `department_id` is the new department (required for a filler, absent
    /// for other roles); alone, it moves a filler to another department.
    #[serde(default)]
    pub role: Option<RoleName>,
    #[serde(default)]
    pub department_id: Option<i64>,
    #[serde(default)]
    pub active: Option<bool>,
    /// A new password (at least 10 characters): the user's sessions end.
    #[serde(default)]
    pub password: Option<String>,
}

fn role_of(name: RoleName) -> Role {
    match name {
        RoleName::Admin => Role::Admin,
        RoleName::Reviewer => Role::Reviewer,
        RoleName::Filler => Role::Filler,
    }
}

pub async fn update_user(
    State(state): State<AppState>,
    caller: Caller,
    super::query::Id(id): super::query::Id,
    headers: axum::http::HeaderMap,
    JsonBody(body): JsonBody<UserEdit>,
) -> Result<Response, Problem> {
    check_admin(caller.actor())?;
    let by = caller.require_user()?.id;
    let version = super::version::expected_version(&headers, body.version)?;
    let display_name = match &body.display_name {
        Some(d) => {
            let d = d.trim();
            if d.is_empty() {
                return Err(Problem::unprocessable("姓名不能为空。"));
            }
            checked(text::DISPLAY_NAME, d)?;
            Some(d.to_string())
        }
        None => None,
    };
    let role = body.role.map(role_of);
    let department_id = match (role, body.department_id) {
        (Some(Role::Filler), None) => return Err(Problem::unprocessable("部门填报员必须指定所属部门（department_id）。")),
        (Some(Role::Filler), d) => Some(d),
        (Some(_), Some(_)) => return Err(Problem::unprocessable("只有部门填报员属于某个部门，其他角色不应指定 department_id。")),
        (Some(_), None) => Some(None),
        (None, Some(d)) => Some(Some(d)),
        (None, None) => None,
    };
    let password_hash = match &body.password {
        Some(p) => {
            if p.chars().count() < 10 {
                return Err(Problem::unprocessable("口令至少 10 个字符。"));
            }
            checked(text::PASSWORD, p)?;
            Some(hash_password(p)?)
        }
        None => None,
    };
    if body.active == Some(false) && caller.require_user()?.id == id {
        return Err(Problem::conflict("不能停用自己的账号。"));
    }
    let changes = jixiao_store::AccountChanges { display_name, role, department_id, active: body.active, password_hash };
    Ok(Json(state.store.update_account(by, id, version, &changes).await?).into_response())
}

/// 审计日志的筛选（均可省略）。
#[derive(Debug, Default, Deserialize)]
pub struct AuditParams {
    pub entity: Option<String>,
    pub action: Option<String>,
    pub user: Option<i64>,
    pub entity_id: Option<i64>,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl AuditParams {
    pub fn filter(&self) -> jixiao_store::AuditFilter {
        let text = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        jixiao_store::AuditFilter {
            entity: text(&self.entity),
            action: text(&self.action),
            user_id: self.user,
            entity_id: self.entity_id,
            from: text(&self.from),
            to: text(&self.to),
        }
    }
}

/// A date filter of the audit log (`2026-12-05`), as the page and the API take it.
pub fn audit_date(field: &str, v: Option<&str>) -> Result<Option<String>, String> {
    match v.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(t) if t.len() == 10 && t.chars().enumerate().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() }) => {
            Ok(Some(t.to_string()))
        }
        Some(t) => Err(format!("{field}应为日期（如 2026-12-05），实际为“{t}”。")),
    }
}

impl AuditParams {
    /// The filters with their dates checked: `from` the first day, `to` the last day shown
    /// (entries before the next day).
    pub fn checked(
        entity: Option<String>,
        action: Option<String>,
        user: Option<i64>,
        entity_id: Option<i64>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<AuditParams, String> {
        Ok(AuditParams {
            entity,
            action,
            user,
            entity_id,
            from: audit_date("起始日期", from)?,
            to: audit_date("截止日期", to)?.map(|d| format!("{d}T99")),
        })
    }
}

/// `GET /api/v1/audit`'s query: the page window and the filters of the 审计日志 page
/// (`/admin/audit`): `entity`, `action`, `user` (the acting user's id), `entity_id`, `from`
/// and `to` (dates, both days included).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    pub entity: Option<String>,
    pub action: Option<String>,
    pub user: Option<i64>,
    pub entity_id: Option<i64>,
    pub from: Option<String>,
    pub to: Option<String>,
}

pub async fn audit(
    State(state): State<AppState>,
    caller: Caller,
    Params(q): Params<AuditQuery>,
) -> Result<Response, Problem> {
    check_admin(caller.actor())?;
    let w = ListParams { page: q.page, per_page: q.per_page, ..ListParams::default() }.window()?;
    let params = AuditParams::checked(q.entity, q.action, q.user, q.entity_id, q.from.as_deref(), q.to.as_deref())
        .map_err(Problem::bad_request)?;
    let log = state.store.audit_log(&params.filter(), w.slice()).await?;
    // `total` is counted up to 10,000 entries past the page's start; `more`: more match.
    Ok(Json(json!({ "items": log.items, "total": log.total, "more": log.more, "page": w.page, "per_page": w.per_page })).into_response())
}
