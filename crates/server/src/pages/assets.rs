//! Static assets embedded in the binary, served with long cache headers (the names carry
//! versions, and `app.css`/`app.js` carry `?v=` of the crate version in the templates).

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// (file name, content type, bytes)
const ASSETS: &[(&str, &str, &[u8])] = &[
    ("app.css", "text/css; charset=utf-8", include_bytes!("../../assets/app.css")),
    ("app.js", "text/javascript; charset=utf-8", include_bytes!("../../assets/app.js")),
    ("charts.js", "text/javascript; charset=utf-8", include_bytes!("../../assets/charts.js")),
    ("compare.js", "text/javascript; charset=utf-8", include_bytes!("../../assets/compare.js")),
    ("htmx-2.0.11.min.js", "text/javascript; charset=utf-8", include_bytes!("../../assets/vendor/htmx-2.0.11.min.js")),
    (
        "echarts-6.1.0.common.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/vendor/echarts-6.1.0.common.min.js"),
    ),
    ("htmx-LICENSE.txt", "text/plain; charset=utf-8", include_bytes!("../../assets/vendor/htmx-LICENSE.txt")),
    ("echarts-LICENSE.txt", "text/plain; charset=utf-8", include_bytes!("../../assets/vendor/echarts-LICENSE.txt")),
];

pub async fn serve(Path(file): Path<String>) -> Response {
    match ASSETS.iter().find(|(name, _, _)| *name == file) {
        Some((_, mime, bytes)) => (
            [(header::CONTENT_TYPE, *mime), (header::CACHE_CONTROL, "public, max-age=31536000, immutable")],
            *bytes,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "没有这个文件。").into_response(),
    }
}
