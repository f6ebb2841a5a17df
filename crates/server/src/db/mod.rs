//! The service's data access on top of `jixiao-store`: reads shaped for the API (with the
//! caller's visibility applied in SQL) and the edits the API offers (optimistic locking and
//! an audit entry in the same transaction). Queries are written once with `$n` placeholders
//! for SQLite and PostgreSQL alike (sqlx `Any`), on the store's schema.

pub mod accounts;
pub mod edit;
pub mod import;
pub mod model;
pub mod monitoring;
pub mod read;
pub mod sql;

use jixiao_store::StoreError;
use serde::Serialize;

use crate::auth::policy::{Role, Status};
use crate::problem::Problem;

pub use accounts::{user_by_session, user_by_token, User};

impl From<sqlx::Error> for Problem {
    fn from(e: sqlx::Error) -> Problem {
        Problem::internal(&e)
    }
}

impl From<StoreError> for Problem {
    fn from(e: StoreError) -> Problem {
        match e {
            StoreError::Conflict {
                expected, actual, ..
            } => Problem::stale(expected, actual),
            StoreError::NotFound { .. } => Problem::not_found(e.to_string()),
            StoreError::Invalid(msg) => Problem::unprocessable(msg),
            other => Problem::internal(&other),
        }
    }
}

pub fn role_from_db(s: &str) -> Option<Role> {
    match s {
        "admin" => Some(Role::Admin),
        "reviewer" => Some(Role::Reviewer),
        "filler" => Some(Role::Filler),
        _ => None,
    }
}

pub fn role_to_db(r: Role) -> &'static str {
    match r {
        Role::Admin => "admin",
        Role::Reviewer => "reviewer",
        Role::Filler => "filler",
    }
}

pub fn status_from_db(s: &str) -> Result<Status, Problem> {
    match s {
        "draft" => Ok(Status::Draft),
        "submitted" => Ok(Status::Submitted),
        "returned" => Ok(Status::Returned),
        "approved" => Ok(Status::Approved),
        other => Err(Problem::internal(&format!(
            "数据库中的项目状态无法识别：{other}"
        ))),
    }
}

pub fn status_to_db(s: Status) -> &'static str {
    match s {
        Status::Draft => "draft",
        Status::Submitted => "submitted",
        Status::Returned => "returned",
        Status::Approved => "approved",
    }
}

/// Times are the store's: RFC 3339 UTC text (`2024-05-01T08:00:00Z`).
pub use jixiao_store::time::{in_secs, now};

/// An audit entry's JSON (before/after).
pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
