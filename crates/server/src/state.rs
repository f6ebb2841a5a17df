//! What every handler shares: the store, limits, the login limiter and cookie settings.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::FromRef;
use jixiao_store::Store;

use crate::auth::ratelimit::LoginLimiter;
use crate::json::Limits;

/// Service settings that do not come from the database.
#[derive(Debug, Clone)]
pub struct Settings {
    pub limits: Limits,
    /// Mark cookies `Secure` (set when served behind TLS).
    pub secure_cookies: bool,
    pub session_ttl: Duration,
    /// Failed logins allowed per (address, user name) within `login_window`.
    pub login_failures: usize,
    pub login_window: Duration,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            limits: Limits {
                body_bytes: 8 * 1024 * 1024,
            },
            secure_cookies: false,
            session_ttl: Duration::from_secs(8 * 3600),
            login_failures: 5,
            login_window: Duration::from_secs(300),
        }
    }
}

/// 服务共享状态（克隆代价很小）。
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub settings: Arc<Settings>,
    pub login_limiter: Arc<LoginLimiter>,
}

impl AppState {
    pub fn new(store: Store, settings: Settings) -> AppState {
        let login_limiter = Arc::new(LoginLimiter::new(
            settings.login_failures,
            settings.login_window,
        ));
        AppState {
            store,
            settings: Arc::new(settings),
            login_limiter,
        }
    }
}

impl FromRef<AppState> for Limits {
    fn from_ref(state: &AppState) -> Limits {
        state.settings.limits
    }
}
