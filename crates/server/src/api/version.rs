//! The version a write is based on (optimistic locking): the body's `version` field or the
//! `If-Match` header (`3`, `"3"` or `W/"3"`). A write without one is refused (428), so no
//! client can overwrite by accident.

use axum::http::{header, HeaderMap, StatusCode};
use serde::Deserialize;

use crate::problem::Problem;

/// `?version=` on DELETE.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionParam {
    pub version: Option<i64>,
}

pub fn expected_version(headers: &HeaderMap, in_body: Option<i64>) -> Result<i64, Problem> {
    let from_header = match headers.get(header::IF_MATCH) {
        None => None,
        Some(v) => {
            let text = v.to_str().unwrap_or("").trim();
            let bare = text.strip_prefix("W/").unwrap_or(text).trim_matches('"');
            Some(bare.parse::<i64>().map_err(|_| {
                Problem::bad_request(format!(
                    "If-Match 头应为版本号（如 \"3\"），实际为“{text}”。"
                ))
            })?)
        }
    };
    match (in_body, from_header) {
        (Some(b), Some(h)) if b != h => Err(Problem::bad_request(format!(
            "请求体中的 version（{b}）与 If-Match 头（{h}）不一致。"
        ))),
        (Some(v), _) | (None, Some(v)) => Ok(v),
        (None, None) => Err(Problem::new(
            StatusCode::PRECONDITION_REQUIRED,
            "缺少版本号",
            "修改或删除须提交读取时的版本号：请求体 version 字段、?version= 参数或 If-Match 头。",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_if_match(v: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::IF_MATCH, HeaderValue::from_static(v));
        h
    }

    #[test]
    fn versions() {
        assert_eq!(expected_version(&HeaderMap::new(), Some(3)).unwrap(), 3);
        assert_eq!(
            expected_version(&with_if_match("W/\"4\""), None).unwrap(),
            4
        );
        assert_eq!(expected_version(&with_if_match("5"), Some(5)).unwrap(), 5);
        assert_eq!(
            expected_version(&with_if_match("5"), Some(6))
                .unwrap_err()
                .status,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            expected_version(&with_if_match("abc"), None)
                .unwrap_err()
                .status,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            expected_version(&HeaderMap::new(), None)
                .unwrap_err()
                .status,
            StatusCode::PRECONDITION_REQUIRED
        );
    }
}
