//! The `Caller` extractor: who is making this request.
//!
//! `Authorization: Bearer <token>` wins; else the session cookie; else the caller is the
//! public (公众). A bad bearer token is refused (401) rather than silently downgraded, while a
//! stale cookie just reads as the public. Writes (any method but GET/HEAD/OPTIONS)
//! authenticated by cookie must carry the session's CSRF token in `X-CSRF-Token`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, Method};

use crate::auth::policy::Actor;
use crate::auth::session::{cookie, csrf_for, same_token, token_hash, CSRF_HEADER, SESSION_COOKIE};
use jixiao_store::User;
use crate::problem::Problem;
use crate::state::AppState;

/// How the caller proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    None,
    /// The session token from the cookie (needed to log out).
    Session(String),
    Bearer,
}

/// 请求者。
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: Option<User>,
    pub credential: Credential,
}

impl Caller {
    pub fn actor(&self) -> Actor {
        match &self.user {
            None => Actor::Public,
            Some(u) => Actor::User {
                id: u.id,
                role: u.role,
                department: u.department_id,
            },
        }
    }

    /// The signed-in user, or 401.
    pub fn require_user(&self) -> Result<&User, Problem> {
        self.user
            .as_ref()
            .ok_or_else(|| Problem::unauthorized("此操作需要登录。"))
    }

    /// The user id written to the audit log (`None` for the public, who cannot write).
    pub fn user_id(&self) -> Option<i64> {
        self.user.as_ref().map(|u| u.id)
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        if let Some(auth) = parts.headers.get(header::AUTHORIZATION) {
            let token = auth
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .ok_or_else(|| Problem::unauthorized("Authorization 头格式应为“Bearer 令牌”。"))?;
            let user = state.store.user_by_token(&token_hash(token))
                .await?
                .ok_or_else(|| Problem::unauthorized("API 令牌无效或已被撤销。"))?;
            return Ok(Caller {
                user: Some(user),
                credential: Credential::Bearer,
            });
        }
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE).filter(|t| !t.is_empty()) else {
            return Ok(Caller {
                user: None,
                credential: Credential::None,
            });
        };
        let Some(user) = state.store.user_by_session(&token_hash(token)).await? else {
            return Ok(Caller {
                user: None,
                credential: Credential::None,
            });
        };
        if !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !same_token(sent, &csrf_for(token)) {
                return Err(Problem::forbidden("缺少或错误的 CSRF 令牌：使用会话登录时，写操作须带 X-CSRF-Token 头（登录时返回）。"));
            }
        }
        Ok(Caller {
            user: Some(user),
            credential: Credential::Session(token.to_string()),
        })
    }
}
