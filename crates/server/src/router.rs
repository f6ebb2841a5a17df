//! The whole application: API and pages over one state, with the body limit applied.

use axum::extract::{DefaultBodyLimit, Request};
use axum::response::{IntoResponse, Response};
use axum::Router;

use crate::state::AppState;
use crate::{api, pages};

/// The service as an axum router (tests drive it in-process; `serve` binds it to TCP).
pub fn router(state: AppState) -> Router {
    let limit = state.settings.limits.body_bytes;
    Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .fallback(fallback)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(DefaultBodyLimit::max(limit))
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
