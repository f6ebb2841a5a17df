//! `/api/v1/auth/…`: login (rate-limited, bounded hashing, audited: [`crate::auth::login`]),
//! logout, who am I, API tokens.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use super::query::Id;
use crate::auth::caller::{Caller, Credential};
use crate::auth::login;
use crate::auth::session::{csrf_for, login_cookies, logout_cookies, random_token, token_hash};
use crate::edge::Client;
use crate::json::JsonBody;
use crate::problem::Problem;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Login {
    pub username: String,
    pub password: String,
}

pub async fn login(
    State(state): State<AppState>,
    client: Client,
    JsonBody(body): JsonBody<Login>,
) -> Result<Response, Problem> {
    let session = login::attempt(&state, &client, &body.username, &body.password).await?;
    let mut response = Json(json!({ "user": session.user, "csrf_token": csrf_for(&session.token) }))
        .into_response();
    for cookie in login_cookies(
        &session.token,
        state.settings.session_ttl.as_secs(),
        client.secure_cookies(&state.settings),
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

pub async fn logout(
    State(state): State<AppState>,
    client: Client,
    caller: Caller,
) -> Result<Response, Problem> {
    let user = caller.require_user()?;
    let session = match &caller.credential {
        Credential::Session(token) => Some(token_hash(token)),
        _ => None,
    };
    state.store.end_session(user.id, session.as_deref()).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    for cookie in logout_cookies(client.secure_cookies(&state.settings)) {
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
    let name = super::input::required(jixiao_store::text::TOKEN_NAME, &body.name)?;
    let name = name.as_str();
    let token = random_token();
    let id = state.store.create_token(user.id, name, &token_hash(&token)).await?;
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
    state.store.revoke_token(user, id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
