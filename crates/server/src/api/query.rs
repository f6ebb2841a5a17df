//! List parameters: pagination (`page`, `per_page`) and filters (`year`, `department`,
//! `status`, `q`, …), parsed strictly with Chinese errors, and the paged answer shape.

use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::auth::policy::Status;
use crate::problem::Problem;

pub const DEFAULT_PER_PAGE: u32 = 50;
pub const MAX_PER_PAGE: u32 = 200;

/// `Params<T>`: query string as `T`, unknown or malformed parameters rejected in Chinese.
pub struct Params<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(t)) => Ok(Params(t)),
            Err(e) => Err(Problem::bad_request(format!(
                "查询参数无效：{}",
                explain_query_error(&e.body_text())
            ))),
        }
    }
}

/// serde_urlencoded's messages (`field: reason`, as axum reports them), in Chinese.
fn explain_query_error(msg: &str) -> String {
    let msg = msg
        .strip_prefix("Failed to deserialize query string: ")
        .unwrap_or(msg);
    let (field, reason) = match msg.split_once(": ") {
        Some((f, r)) if !f.contains(' ') => (Some(f), r),
        _ => (None, msg),
    };
    if let Some(rest) = reason.strip_prefix("unknown field `") {
        return format!("未知参数“{}”", rest.split('`').next().unwrap_or(""));
    }
    if let Some(rest) = reason.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or("");
        return match field {
            Some(f) => format!("参数“{f}”的取值“{value}”无效"),
            None => format!("取值“{value}”无效"),
        };
    }
    if reason.contains("invalid digit")
        || reason.contains("number too large")
        || reason.contains("too large to fit")
    {
        return match field {
            Some(f) => format!("参数“{f}”应为整数"),
            None => "数字参数应为整数".to_string(),
        };
    }
    msg.to_string()
}

/// `{id}` in the path, as an integer, with a Chinese 400 otherwise.
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        match Path::<i64>::from_request_parts(parts, state).await {
            Ok(Path(id)) => Ok(Id(id)),
            Err(_) => Err(Problem::bad_request("路径中的编号应为整数。")),
        }
    }
}

/// 列表参数（各列表共用，不适用的过滤条件被忽略）。
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// 名称包含的文字。
    pub q: Option<String>,
    pub year: Option<i32>,
    /// 部门组织 id。
    pub department: Option<i64>,
    pub status: Option<StatusParam>,
    pub project: Option<i64>,
    pub document: Option<i64>,
    pub parent: Option<i64>,
}

/// `status=` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusParam {
    Draft,
    Submitted,
    Returned,
    Approved,
}

impl From<StatusParam> for Status {
    fn from(s: StatusParam) -> Status {
        match s {
            StatusParam::Draft => Status::Draft,
            StatusParam::Submitted => Status::Submitted,
            StatusParam::Returned => Status::Returned,
            StatusParam::Approved => Status::Approved,
        }
    }
}

/// A validated page window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub page: u32,
    pub per_page: u32,
}

impl Window {
    pub fn offset(self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }
    pub fn limit(self) -> i64 {
        i64::from(self.per_page)
    }

    /// The rows the store is asked for.
    pub fn slice(self) -> jixiao_store::Slice {
        jixiao_store::Slice {
            offset: self.offset(),
            limit: self.limit(),
        }
    }
}

impl ListParams {
    /// The page window; also checks what every list shares (the length of `q`).
    pub fn window(&self) -> Result<Window, Problem> {
        let max_q = jixiao_store::text::QUERY.max;
        if self.q.as_deref().is_some_and(|q| q.chars().count() > max_q) {
            return Err(Problem::bad_request(format!("参数“q”过长（最多 {max_q} 字）。")));
        }
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE);
        if page == 0 {
            return Err(Problem::bad_request("page 从 1 开始。"));
        }
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(Problem::bad_request(format!(
                "per_page 应在 1 到 {MAX_PER_PAGE} 之间。"
            )));
        }
        // Keep offsets inside what every database accepts.
        if u64::from(page) * u64::from(per_page) > i32::MAX as u64 {
            return Err(Problem::bad_request("页码过大。"));
        }
        Ok(Window { page, per_page })
    }

    /// The trimmed search text, `None` when empty.
    pub fn text(&self) -> Option<&str> {
        self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
    }

    /// The filters, as the store's lists take them.
    pub fn filter(&self) -> jixiao_store::ListFilter {
        jixiao_store::ListFilter {
            text: self.text().map(str::to_string),
            year: self.year.map(i64::from),
            department: self.department,
            status: self.status.map(Status::from),
            project: self.project,
            document: self.document,
            parent: self.parent,
        }
    }
}

/// 分页结果。
#[derive(Debug, Serialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

impl<T> Paged<T> {
    pub fn new(listed: jixiao_store::Listed<T>, w: Window) -> Paged<T> {
        Paged {
            items: listed.items,
            total: listed.total,
            page: w.page,
            per_page: w.per_page,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows() {
        let p = |page, per_page| {
            ListParams {
                page,
                per_page,
                ..Default::default()
            }
            .window()
        };
        assert_eq!(
            p(None, None).unwrap(),
            Window {
                page: 1,
                per_page: 50
            }
        );
        assert_eq!(p(Some(3), Some(20)).unwrap().offset(), 40);
        assert_eq!(p(Some(0), None).unwrap_err().detail, "page 从 1 开始。");
        assert_eq!(
            p(None, Some(201)).unwrap_err().detail,
            "per_page 应在 1 到 200 之间。"
        );
        assert_eq!(
            p(Some(u32::MAX), Some(200)).unwrap_err().detail,
            "页码过大。"
        );
    }

    #[test]
    fn query_errors_in_chinese() {
        let cases = [
            ("Failed to deserialize query string: colour: unknown field `colour`, expected one of `page`", "未知参数“colour”"),
            ("Failed to deserialize query string: unknown field `colour`, expected one of `page`", "未知参数“colour”"),
            ("Failed to deserialize query string: year: invalid digit found in string", "参数“year”应为整数"),
            ("Failed to deserialize query string: status: unknown variant `done`, expected one of `draft`", "参数“status”的取值“done”无效"),
        ];
        for (msg, expected) in cases {
            assert_eq!(explain_query_error(msg), expected);
        }
    }
}
