//! One login, for `POST /api/v1/auth/login` and the 登录 page alike: rate limit (reserved
//! before the password is checked), bounded password hashing, the session, and the audit log
//! (a successful login, every wrong password, and the first refusal of each lockout).

use std::time::Instant;

use serde_json::json;

use crate::auth::ratelimit::Blocked;
use crate::auth::session::{random_token, token_hash};
use crate::auth::password::{self, PasswordCheck};
use jixiao_store::{NewAudit, User};
use crate::edge::Client;
use crate::problem::Problem;
use crate::state::AppState;

/// A started session: the user and the session token (for the cookies).
pub struct Session {
    pub user: User,
    pub token: String,
}

async fn audit_refusal(
    state: &AppState,
    user_id: Option<i64>,
    action: &str,
    username: &str,
    client: &Client,
) -> Result<(), Problem> {
    let after = json!({
        "username": username.trim().chars().take(64).collect::<String>(),
        "client": client.addr,
    });
    let after = after.to_string();
    let entry = NewAudit { user_id, entity: "session", entity_id: None, action, before: None, after: Some(&after) };
    state.store.record_audit(entry).await?;
    Ok(())
}

/// Logs `username` in, or says why not (401, 422, 429) in Chinese.
pub async fn attempt(state: &AppState, client: &Client, username: &str, password: &str) -> Result<Session, Problem> {
    if username.trim().is_empty() || password.is_empty() {
        return Err(Problem::unprocessable("请填写用户名和口令。"));
    }
    let (user_max, password_max) = (jixiao_store::text::USERNAME.max, jixiao_store::text::PASSWORD.max);
    if username.trim().chars().count() > user_max || password.chars().count() > password_max {
        return Err(Problem::unprocessable(format!(
            "用户名不超过 {user_max} 个字符，口令不超过 {password_max} 个字符。"
        )));
    }
    let attempt = match state.login_limiter.begin(&client.addr, username, Instant::now()) {
        Ok(a) => a,
        Err(Blocked { wait, first, by_client }) => {
            if first {
                let action = if by_client { "login_blocked_client" } else { "login_blocked_user" };
                audit_refusal(state, None, action, username, client).await?;
            }
            return Err(Problem::too_many(format!("登录失败次数过多，请 {wait} 秒后再试。"), wait));
        }
    };
    let user = match password::check_password(&state.store, &state.hash_gate, username, password).await? {
        PasswordCheck::Right(user) => user,
        PasswordCheck::Wrong { user_id } => {
            attempt.failed(Instant::now());
            audit_refusal(state, user_id, "login_failed", username, client).await?;
            return Err(Problem::unauthorized("用户名或口令错误。"));
        }
        PasswordCheck::Busy => {
            // Not counted as a failure: the password was never checked.
            drop(attempt);
            return Err(Problem::busy("同时登录的请求过多，请 1 秒后再试。", 1));
        }
    };
    attempt.succeeded();
    let token = random_token();
    state.store.create_session(user.id, &token_hash(&token), state.settings.session_ttl).await?;
    Ok(Session { user, token })
}
