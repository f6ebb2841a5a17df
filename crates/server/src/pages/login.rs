//! 登录 / 退出: a plain form (works without scripts) posting to a page handler that sets the
//! same session and CSRF cookies as `POST /api/v1/auth/login`, with the same rate limit.

use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::render::{render, Viewer};
use crate::api::auth::ClientAddr;
use crate::auth::ratelimit::LoginLimiter;
use crate::auth::session::{cookie, csrf_for, login_cookies, logout_cookies, random_token, same_token, token_hash, SESSION_COOKIE};
use crate::db::accounts;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// Only same-site paths may follow a login (no open redirect).
fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/"
    }
}

fn login_page(status: StatusCode, username: &str, next: &str, error: Option<String>) -> Response {
    let ctx = minijinja::context! { me => Viewer::public(), username, next, error };
    match render("login.html", ctx) {
        Ok(html) => (status, html).into_response(),
        Err(e) => e.into_page(None),
    }
}

pub async fn form(Query(q): Query<LoginQuery>) -> Response {
    login_page(StatusCode::OK, "", safe_next(q.next.as_deref().unwrap_or("/")), None)
}

pub async fn submit(State(state): State<AppState>, ClientAddr(client): ClientAddr, body: Bytes) -> Response {
    let form: LoginForm = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let next = safe_next(&form.next).to_string();
    if form.username.trim().is_empty() || form.password.is_empty() {
        return login_page(StatusCode::UNPROCESSABLE_ENTITY, &form.username, &next, Some("请填写用户名和口令。".into()));
    }
    let key = LoginLimiter::key(&client, &form.username);
    if let Err(wait) = state.login_limiter.check(&key, Instant::now()) {
        return login_page(StatusCode::TOO_MANY_REQUESTS, &form.username, &next, Some(format!("登录失败次数过多，请 {wait} 秒后再试。")));
    }
    let user = match accounts::check_password(&state.store, &form.username, &form.password).await {
        Ok(Some(user)) => user,
        Ok(None) => {
            state.login_limiter.record_failure(&key, Instant::now());
            return login_page(StatusCode::UNAUTHORIZED, &form.username, &next, Some("用户名或口令错误。".into()));
        }
        Err(p) => return super::PageError::from(p).into_page(None),
    };
    state.login_limiter.record_success(&key);
    let token = random_token();
    let ttl = state.settings.session_ttl;
    if let Err(p) = accounts::create_session(&state.store, user.id, &token_hash(&token), ttl).await {
        return super::PageError::from(p).into_page(None);
    }
    let mut response = Redirect::to(&next).into_response();
    set_cookies(response.headers_mut(), &login_cookies(&token, ttl.as_secs(), state.settings.secure_cookies));
    response
}

fn set_cookies(headers: &mut HeaderMap, cookies: &[String]) {
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(c) {
            headers.append(header::SET_COOKIE, v);
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct LogoutForm {
    #[serde(default)]
    _csrf: String,
}

/// Ends the session; the form carries the CSRF token, so another site cannot log people out.
pub async fn logout(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let form: LogoutForm = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    if let Some(token) = cookie(&headers, SESSION_COOKIE).filter(|t| !t.is_empty()) {
        if !same_token(&form._csrf, &csrf_for(token)) {
            return super::PageError::Forbidden("退出请求缺少有效的 CSRF 令牌，请从页面上的“退出”按钮操作。".into()).into_page(None);
        }
        if let Ok(Some(user)) = accounts::user_by_session(&state.store, &token_hash(token)).await {
            if let Err(p) = accounts::delete_session(&state.store, user.id, Some(token_hash(token).as_str())).await {
                return super::PageError::from(p).into_page(None);
            }
        }
    }
    let mut response = Redirect::to("/").into_response();
    set_cookies(response.headers_mut(), &logout_cookies(state.settings.secure_cookies));
    response
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        for (input, expected) in [("/projects/3", "/projects/3"), ("//evil.example", "/"), ("https://x", "/"), ("/\\x", "/"), ("", "/")] {
            assert_eq!(safe_next(input), expected, "{input}");
        }
    }
}
