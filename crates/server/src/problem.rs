//! Errors as `application/problem+json` (RFC 9457) with Chinese titles and details.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An API error: HTTP status, a short Chinese title and a Chinese detail naming the problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub status: StatusCode,
    pub title: &'static str,
    pub detail: String,
    /// Extra members (e.g. `expected_version`, `current_version` on 409).
    pub extra: Map<String, Value>,
    /// Seconds to wait, sent as `Retry-After` (on 429).
    pub retry_after: Option<u64>,
}

impl Problem {
    pub fn new(status: StatusCode, title: &'static str, detail: impl Into<String>) -> Problem {
        Problem {
            status,
            title,
            detail: detail.into(),
            extra: Map::new(),
            retry_after: None,
        }
    }

    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Problem {
        self.extra.insert(key.to_string(), value.into());
        self
    }

    pub fn bad_request(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, "请求无效", detail)
    }

    pub fn unprocessable(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "内容无法处理", detail)
    }

    pub fn unauthorized(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::UNAUTHORIZED, "需要登录", detail)
    }

    pub fn forbidden(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::FORBIDDEN, "无权操作", detail)
    }

    pub fn not_found(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, "未找到", detail)
    }

    /// 409: the row changed since the client read it (optimistic locking).
    pub fn stale(expected: i64, current: i64) -> Problem {
        Problem::new(
            StatusCode::CONFLICT,
            "版本冲突",
            format!("该记录已被他人修改：您提交的版本为 {expected}，当前版本为 {current}。请重新读取后再修改。"),
        )
        .with("expected_version", expected)
        .with("current_version", current)
    }

    pub fn conflict(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::CONFLICT, "状态冲突", detail)
    }

    pub fn too_large(limit: usize) -> Problem {
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "请求体过大",
            format!("请求体超过上限 {}（{limit} 字节）。", human_size(limit)),
        )
        .with("limit_bytes", limit as u64)
    }

    pub fn unsupported_media(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "不支持的内容类型",
            detail,
        )
    }

    pub fn too_many(detail: impl Into<String>, retry_after: u64) -> Problem {
        let mut p = Problem::new(StatusCode::TOO_MANY_REQUESTS, "尝试次数过多", detail);
        p.retry_after = Some(retry_after);
        p
    }

    /// 429 when the service is busy (too many password checks at once), not the caller's fault.
    pub fn busy(detail: impl Into<String>, retry_after: u64) -> Problem {
        let mut p = Problem::new(StatusCode::TOO_MANY_REQUESTS, "请求过多", detail);
        p.retry_after = Some(retry_after);
        p
    }

    /// 500: details go to the server log, never to the client.
    pub fn internal(cause: &dyn std::fmt::Display) -> Problem {
        eprintln!("内部错误：{cause}");
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "服务器内部错误",
            "服务器处理请求时出错，请稍后重试或联系管理员。",
        )
    }

    pub fn body(&self) -> Value {
        let mut body = json!({
            "type": "about:blank",
            "title": self.title,
            "status": self.status.as_u16(),
            "detail": self.detail,
        });
        if let Value::Object(map) = &mut body {
            for (k, v) in &self.extra {
                map.insert(k.clone(), v.clone());
            }
        }
        body
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.body()).unwrap_or_default();
        let mut response = (self.status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if let Some(secs) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}：{}",
            self.status.as_u16(),
            self.title,
            self.detail
        )
    }
}

/// The store's errors as the API answers them: a missing row 404, a stale version or a
/// conflicting write 409, refused input 422, anything else 500 (details only in the log).
impl From<jixiao_store::StoreError> for Problem {
    fn from(e: jixiao_store::StoreError) -> Problem {
        use jixiao_store::StoreError;
        match e {
            StoreError::Stale { expected, actual } => Problem::stale(expected, actual),
            StoreError::NotFound(msg) => Problem::not_found(msg),
            StoreError::Conflict(msg) => Problem::conflict(msg),
            StoreError::Invalid(msg) => Problem::unprocessable(msg),
            other => Problem::internal(&other),
        }
    }
}

/// `1048576` → `1 MiB`; used in messages about the upload limit.
pub fn human_size(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} 字节")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_write_names_both_versions() {
        let body = Problem::stale(3, 5).body();
        assert_eq!(body["status"], 409);
        assert_eq!(body["expected_version"], 3);
        assert_eq!(body["current_version"], 5);
        assert_eq!(
            body["detail"],
            "该记录已被他人修改：您提交的版本为 3，当前版本为 5。请重新读取后再修改。"
        );
    }

    #[test]
    fn response_has_problem_media_type_and_retry_after() {
        let r = Problem::too_many("请稍后再试", 120).into_response();
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(r.headers()[header::CONTENT_TYPE], PROBLEM_JSON);
        assert_eq!(r.headers()[header::RETRY_AFTER], "120");
    }

    #[test]
    fn sizes() {
        assert_eq!(human_size(8 * 1024 * 1024), "8 MiB");
        assert_eq!(human_size(2048), "2 KiB");
        assert_eq!(human_size(1000), "1000 字节");
    }
}
