//! `/api/v1/auth/…`: login (rate-limited), logout, who am I, API tokens.

use std::net::SocketAddr;
use std::time::Instant;

use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use super::query::Id;
use crate::auth::caller::{Caller, Credential};
use crate::auth::ratelimit::LoginLimiter;
use crate::auth::session::{csrf_for, login_cookies, logout_cookies, random_token, token_hash};
use crate::db::accounts;
use crate::json::JsonBody;
use crate::problem::Problem;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Login {
    pub username: String,
    pub password: String,
}

/// The client's IP address, when the server was started with connect info (in-process
/// tests may omit it: then every request counts as one client, `local`).
pub struct ClientAddr(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let addr = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(a)| a.ip().to_string());
        Ok(ClientAddr(addr.unwrap_or_else(|| "local".to_string())))
    }
}

pub async fn login(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    JsonBody(body): JsonBody<Login>,
) -> Result<Response, Problem> {
    let key = LoginLimiter::key(&client, &body.username);
    if let Err(wait) = state.login_limiter.check(&key, Instant::now()) {
        return Err(Problem::too_many(
            format!("登录失败次数过多，请 {wait} 秒后再试。"),
            wait,
        ));
    }
    let Some(user) = accounts::check_password(&state.store, &body.username, &body.password).await?
    else {
        state.login_limiter.record_failure(&key, Instant::now());
        return Err(Problem::unauthorized("用户名或口令错误。"));
    };
    state.login_limiter.record_success(&key);
    let token = random_token();
    accounts::create_session(
        &state.store,
        user.id,
        &token_hash(&token),
        state.settings.session_ttl,
    )
    .await?;
    let mut response =
        Json(json!({ "user": user, "csrf_token": csrf_for(&token) })).into_response();
    for cookie in login_cookies(
        &token,
        state.settings.session_ttl.as_secs(),
        state.settings.secure_cookies,
    ) {
        set_cookie(response.headers_mut(), &cookie)?;
    }
    Ok(response)
}

fn set_cookie(headers: &mut HeaderMap, cookie: &str) -> Result<(), Problem> {
    let value = HeaderValue::from_str(cookie).map_err(|e| Problem::internal(&e))?;
    headers.append(header::SET_COOKIE, value);
    Ok(())
}

pub async fn logout(State(state): State<AppState>, caller: Caller) -> Result<Response, Problem> {
    let user = caller.require_user()?;
    let session = match &caller.credential {
        Credential::Session(token) => Some(token_hash(token)),
        _ => None,
    };
    accounts::delete_session(&state.store, user.id, session.as_deref()).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    for cookie in logout_cookies(state.settings.secure_cookies) {
        set_cookie(response.headers_mut(), &cookie)?;
    }
    Ok(response)
}

pub async fn me(caller: Caller) -> Result<Response, Problem> {
    Ok(Json(caller.require_user()?.clone()).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    pub name: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<NewToken>,
) -> Result<Response, Problem> {
    let user = caller.require_user()?;
    let name = body.name.trim();
    if name.is_empty() {
        return Err(Problem::unprocessable("字段“name”不能为空。"));
    }
    let token = random_token();
    let id = accounts::create_token(&state.store, user.id, name, &token_hash(&token)).await?;
    let body =
        json!({ "id": id, "name": name, "token": token, "note": "令牌只显示这一次，请妥善保存。" });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

pub async fn revoke_token(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Response, Problem> {
    let user = caller.require_user()?;
    accounts::revoke_token(&state.store, user, id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
