//! The service's data access on top of `jixiao-store`: reads shaped for the API (with the
//! caller's visibility applied in SQL) and the edits the API offers (optimistic locking and
//! an audit entry in the same transaction). Queries are written once with `$n` placeholders
//! for SQLite and PostgreSQL alike (sqlx `Any`), on the store's schema.

pub mod accounts;
pub mod edit;
pub mod import;
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
            StoreError::Conflict { expected, actual, .. } => Problem::stale(expected, actual),
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
        other => Err(Problem::internal(&format!("数据库中的项目状态无法识别：{other}"))),
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

/// The current time as RFC 3339 UTC (`2024-05-01T08:00:00Z`), the store's time format.
pub fn now() -> String {
    rfc3339(std::time::SystemTime::now())
}

pub fn rfc3339(t: std::time::SystemTime) -> String {
    let secs = t.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// An audit entry's JSON (before/after).
pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn times() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(UNIX_EPOCH + Duration::from_secs(1_714_521_600 + 8 * 3600 + 61)), "2024-05-01T08:01:01Z");
        assert_eq!(rfc3339(UNIX_EPOCH + Duration::from_secs(951_782_400)), "2000-02-29T00:00:00Z");
    }
}
