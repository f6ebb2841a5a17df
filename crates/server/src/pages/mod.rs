//! Server-rendered pages (issue 5 builds the web UI here). They share the state, the
//! [`crate::auth::caller::Caller`] extractor and the role policy with the API; form posts
//! carry the CSRF token as a `_csrf` field.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/", get(home))
}

async fn home() -> Html<&'static str> {
    Html(concat!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>jixiao 预算绩效目标管理</title></head>",
        "<body><h1>jixiao 预算绩效目标管理</h1>",
        "<p>网页界面正在建设中。目前可使用 REST 接口：<a href=\"/api/openapi.json\">接口说明（OpenAPI）</a>、",
        "<a href=\"/api/v1/projects\">已公开的项目</a>、<a href=\"/api/v1/organisations\">组织机构</a>。</p>",
        "</body></html>"
    ))
}

/// Unknown page.
pub async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, Html("<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>未找到</title><p>页面不存在。<a href=\"/\">返回首页</a></p></html>")).into_response()
}
