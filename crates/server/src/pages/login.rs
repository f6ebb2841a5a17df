//! 登录 / 退出: a plain form (works without scripts) posting to a page handler that logs in
//! exactly as `POST /api/v1/auth/login` does ([`crate::auth::login`]: rate limit, bounded
//! hashing, audit) and sets the same session and CSRF cookies.
//!
//! Login CSRF: the form carries a token that must equal the `jixiao_login` cookie set with
//! the form (double submit; the cookie is `SameSite=Strict` and `HttpOnly`, so a page of
//! another site can neither send it nor read it), and the router refuses writes from other
//! sites by `Sec-Fetch-Site` / `Origin` ([`crate::edge::refuse_cross_site_writes`]) before
//! this handler runs. `next` may only name a path of this site ([`safe_next`]).

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::render::{render, Viewer, PageQuery};
use crate::auth::login;
use crate::auth::session::{cookie, csrf_for, login_cookies, logout_cookies, random_token, same_token, token_hash, SESSION_COOKIE};
use crate::edge::Client;
use crate::state::AppState;

/// The cookie holding the login form's CSRF token.
pub const LOGIN_COOKIE: &str = "jixiao_login";

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
    #[serde(default)]
    _login: String,
}

/// Only a path of this site may follow a login (no open redirect): it starts with one `/`
/// (not `//` or `/\`, which browsers take for another host), holds no backslash, no white
/// space or control character (browsers drop TAB and line breaks, so `/\t/host` would become
/// `//host`), and no scheme or host; at most 2,000 characters. Anything else goes to `/`.
pub fn safe_next(next: &str) -> &str {
    let fine = next.starts_with('/')
        && !next.starts_with("//")
        && next.len() <= 2000
        && !next.chars().any(|c| c == '\\' || c.is_whitespace() || c.is_control())
        && next
            .parse::<axum::http::Uri>()
            .is_ok_and(|u| u.scheme().is_none() && u.authority().is_none() && u.path().starts_with('/'));
    if fine {
        next
    } else {
        "/"
    }
}

/// The login form's token: the one already in the cookie (so two open login tabs both
/// work), else a new one.
fn form_token(headers: &HeaderMap) -> String {
    cookie(headers, LOGIN_COOKIE)
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .map_or_else(random_token, str::to_string)
}

fn login_cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{LOGIN_COOKIE}={token}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=7200{secure}")
}

fn login_page(status: StatusCode, username: &str, next: &str, error: Option<String>, token: &str, secure: bool) -> Response {
    let ctx = minijinja::context! { me => Viewer::public(), username, next, error, login_token => token };
    match render("login.html", ctx) {
        Ok(html) => {
            let mut r = (status, html).into_response();
            set_cookies(r.headers_mut(), &[login_cookie(token, secure)]);
            r
        }
        Err(e) => e.into_page(None),
    }
}

pub async fn form(State(state): State<AppState>, client: Client, headers: HeaderMap, PageQuery(q): PageQuery<LoginQuery>) -> Response {
    let secure = client.secure_cookies(&state.settings);
    login_page(StatusCode::OK, "", safe_next(q.next.as_deref().unwrap_or("/")), None, &form_token(&headers), secure)
}

pub async fn submit(State(state): State<AppState>, client: Client, request: Request) -> Response {
    let headers = request.headers().clone();
    let secure = client.secure_cookies(&state.settings);
    let body = match crate::json::read_body(request, &state, state.settings.limits).await {
        Ok(b) => b,
        Err(p) => return super::PageError::from(p).into_page(None),
    };
    let form: LoginForm = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let next = safe_next(&form.next).to_string();
    let token = form_token(&headers);
    let expected = cookie(&headers, LOGIN_COOKIE).unwrap_or("");
    if expected.is_empty() || !same_token(&form._login, expected) {
        let why = "登录表单已失效或不是从本站登录页提交的，请在登录页重新登录。".to_string();
        return login_page(StatusCode::FORBIDDEN, &form.username, &next, Some(why), &token, secure);
    }
    let session = match login::attempt(&state, &client, &form.username, &form.password).await {
        Ok(s) => s,
        Err(p) if p.status.is_server_error() => return super::PageError::from(p).into_page(None),
        Err(p) => {
            let mut r = login_page(p.status, &form.username, &next, Some(p.detail.clone()), &token, secure);
            if let Some(secs) = p.retry_after {
                r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
            }
            return r;
        }
    };
    let ttl = state.settings.session_ttl;
    let mut response = Redirect::to(&next).into_response();
    let mut cookies = login_cookies(&session.token, ttl.as_secs(), secure).to_vec();
    // The form's token has served: a new one comes with the next login form.
    cookies.push(format!("{LOGIN_COOKIE}=; Path=/login; HttpOnly; SameSite=Strict; Max-Age=0"));
    set_cookies(response.headers_mut(), &cookies);
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
pub async fn logout(State(state): State<AppState>, client: Client, request: Request) -> Response {
    let headers = request.headers().clone();
    let body = match crate::json::read_body(request, &state, state.settings.limits).await {
        Ok(b) => b,
        Err(p) => return super::PageError::from(p).into_page(None),
    };
    let form: LogoutForm = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    if let Some(token) = cookie(&headers, SESSION_COOKIE).filter(|t| !t.is_empty()) {
        if !same_token(&form._csrf, &csrf_for(token)) {
            return super::PageError::Forbidden("退出请求缺少有效的 CSRF 令牌，请从页面上的“退出”按钮操作。".into()).into_page(None);
        }
        if let Ok(Some(user)) = state.store.user_by_session(&token_hash(token)).await {
            if let Err(p) = state.store.end_session(user.id, Some(token_hash(token).as_str())).await {
                return super::PageError::from(p).into_page(None);
            }
        }
    }
    let mut response = Redirect::to("/").into_response();
    set_cookies(response.headers_mut(), &logout_cookies(client.secure_cookies(&state.settings)));
    response
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        let cases = [
            ("/projects/3", "/projects/3"),
            ("/search?q=%E5%BA%94&year=2024", "/search?q=%E5%BA%94&year=2024"),
            ("//evil.example", "/"),
            ("https://x", "/"),
            ("/\\x", "/"),
            ("", "/"),
            // Browsers drop TAB and line breaks from URLs: `/\t/host` is `//host` to them.
            ("/\t/evil.example", "/"),
            ("/\n/evil.example", "/"),
            ("/\r\n/evil.example", "/"),
            ("/ /evil.example", "/"),
            ("/\u{0}x", "/"),
            ("/\\/evil.example", "/"),
            ("\\\\evil.example", "/"),
            ("javascript:alert(1)", "/"),
            ("/x\u{2028}y", "/"),
            ("projects/3", "/"),
            ("http:/evil.example", "/"),
        ];
        for (input, expected) in cases {
            assert_eq!(safe_next(input), expected, "{input}");
        }
    }
}
