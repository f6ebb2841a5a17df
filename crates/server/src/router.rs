//! The whole application: API and pages over one state, with the body limit applied and the
//! request edge of [`crate::edge`] around everything (fallbacks and errors included).

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::Method;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;

use crate::state::AppState;
use crate::{api, edge, pages};

/// The service as an axum router (tests drive it in-process; `serve` binds it to TCP).
pub fn router(state: AppState) -> Router {
    let limit = state.settings.limits.body_bytes;
    Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .fallback(fallback)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn_with_state(state.clone(), after_writes))
        // Outermost last: security headers on every answer, then cross-site writes refused,
        // then text checked, before any handler.
        .layer(middleware::from_fn_with_state(state.clone(), edge::check_text))
        .layer(middleware::from_fn_with_state(state.clone(), edge::refuse_cross_site_writes))
        .layer(middleware::from_fn_with_state(state.clone(), edge::security_headers))
        .with_state(state)
}

/// API paths answer problem+json, everything else a page.
async fn fallback(request: Request) -> Response {
    if request.uri().path().starts_with("/api/") {
        api::not_found().await.into_response()
    } else {
        pages::not_found().await
    }
}

/// Requests that change nothing although they are POSTed (a JSON body to read): no rebuild
/// of the dashboard or library follows them, so they cannot be used to make the server work.
const READS_BY_POST: &[&str] = &["/api/v1/library/suggest", "/api/v1/drafts/template"];

/// After a request that may have changed data (any method but GET/HEAD/OPTIONS, but the
/// reads in [`READS_BY_POST`]) and succeeded, the dashboard's cached figures are recomputed in
/// the background and the indicator library is rebuilt on its next read.
async fn after_writes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let writes = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        && !READS_BY_POST.contains(&request.uri().path());
    let response = next.run(request).await;
    if writes && (response.status().is_success() || response.status().is_redirection()) {
        state.library.invalidate();
        pages::after_write(state.store.clone());
    }
    response
}
