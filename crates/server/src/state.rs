//! What every handler shares: the store, limits, the login limiter and cookie settings.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::FromRef;
use jixiao_store::Store;

use crate::auth::ratelimit::{HashGate, LoginLimiter};
use crate::json::Limits;
use crate::library::LibraryCache;

/// Service settings that do not come from the database.
#[derive(Debug, Clone)]
pub struct Settings {
    pub limits: Limits,
    /// Mark cookies `Secure` (`jixiao serve --secure-cookies`: served over TLS). Cookies are
    /// also marked when a trusted proxy says the request came over HTTPS.
    pub secure_cookies: bool,
    /// Trust the `X-Forwarded-Proto` and `X-Forwarded-For` headers of a reverse proxy in front
    /// of jixiao (`jixiao serve --trust-proxy`). Off, they are ignored: anyone could send them.
    pub trust_proxy: bool,
    pub session_ttl: Duration,
    /// Failed logins allowed per user name (from anywhere) within `login_window`.
    pub login_failures: usize,
    /// Failed logins allowed per client address (whatever the user names) within `login_window`.
    pub login_failures_per_client: usize,
    pub login_window: Duration,
    /// Password checks (argon2, 19 MiB each) computed at once; the rest wait in line.
    pub hash_concurrency: usize,
    /// Logins that may wait for a password check; beyond that they are answered 429 at once.
    pub hash_queue: usize,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            limits: Limits {
                body_bytes: 8 * 1024 * 1024,
            },
            secure_cookies: false,
            trust_proxy: false,
            session_ttl: Duration::from_secs(8 * 3600),
            login_failures: 5,
            login_failures_per_client: 30,
            login_window: Duration::from_secs(300),
            hash_concurrency: std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 4)),
            hash_queue: 32,
        }
    }
}

/// 服务共享状态（克隆代价很小）。
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub settings: Arc<Settings>,
    pub login_limiter: Arc<LoginLimiter>,
    pub hash_gate: Arc<HashGate>,
    /// The indicator library per visibility, rebuilt after writes (`crate::library`).
    pub library: Arc<LibraryCache>,
}

impl AppState {
    /// The service over `store`: every edit through it reviews the edited revision again
    /// (`jixiao_import::reviewing`, as `jixiao import` does), so stored findings and grades
    /// never go stale.
    pub fn new(store: Store, settings: Settings) -> AppState {
        let store = jixiao_import::reviewing(store);
        let login_limiter = Arc::new(LoginLimiter::new(
            settings.login_failures,
            settings.login_failures_per_client,
            settings.login_window,
        ));
        let hash_gate = Arc::new(HashGate::new(settings.hash_concurrency, settings.hash_queue));
        AppState {
            store,
            settings: Arc::new(settings),
            login_limiter,
            hash_gate,
            library: Arc::new(LibraryCache::default()),
        }
    }
}

impl FromRef<AppState> for Limits {
    fn from_ref(state: &AppState) -> Limits {
        state.settings.limits
    }
}
