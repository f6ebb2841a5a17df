//! `/api/v1/fiscal-years` (issue 17, administration of fiscal years): each 预算年度, whether
//! its 申报 is still open to the departments' fillers (`open` 开放填报 / `closed` 已截止) and
//! its 申报截止日期. Administrators only, reading too (the counts are every department's,
//! drafts included); every change is audited with its before and after.
//!
//! [`check_open`] is the rule every write of a filler to a year's 绩效目标 meets — drafting
//! (新建, 复制为下一年度草稿), changing a project, its indicators or a 部门整体 table, submitting,
//! importing a document or a filled 申报表: once the year is closed by hand, or its deadline
//! (Beijing time, the day itself still open) has passed, it is refused with 409 before anything
//! is written. Reviewers still return and approve, administrators still change everything, and
//! a year nobody has closed (every year an import stored) stays open as before.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use jixiao_store::{FiscalYear, FiscalYearChanges, NewFiscalYear, Role};
use serde::Deserialize;

use super::query::{Id, Params};
use super::version::expected_version;
use crate::auth::caller::Caller;
use crate::auth::policy::{check_admin, Actor};
use crate::json::JsonBody;
use crate::problem::Problem;
use crate::state::AppState;

/// 新建预算年度。
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewYear {
    pub year: i64,
    /// open（开放填报，默认）或 closed（已截止）。
    #[serde(default)]
    pub status: Option<String>,
    /// 申报截止日期 YYYY-MM-DD（北京时间，当日仍可填报）；省略或空：未定。
    #[serde(default)]
    pub deadline: Option<String>,
}

/// 修改预算年度：省略的字段不改。
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearEdit {
    pub version: Option<i64>,
    /// open（开放填报）或 closed（已截止）。
    pub status: Option<String>,
    /// 申报截止日期 YYYY-MM-DD；空字符串清除截止日期。
    pub deadline: Option<String>,
}

/// Today in Beijing, the day a deadline is compared with.
fn today() -> String {
    jixiao_store::time::today_in_china()
}

fn year_number(year: i64) -> Result<i64, Problem> {
    if (2000..=2100).contains(&year) {
        Ok(year)
    } else {
        Err(Problem::unprocessable(format!("年度应在 2000 至 2100 之间，实际为 {year}。")))
    }
}

fn status(s: &str) -> Result<String, Problem> {
    match s.trim() {
        "open" | "closed" => Ok(s.trim().to_string()),
        other => Err(Problem::unprocessable(format!(
            "字段“status”应为 open（开放填报）或 closed（已截止），实际为“{}”。",
            other.chars().take(40).collect::<String>()
        ))),
    }
}

/// A deadline as stored: `YYYY-MM-DD`, a real day (`None`: empty, no deadline).
pub fn deadline(text: &str) -> Result<Option<String>, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let wrong = || {
        Problem::unprocessable(format!(
            "申报截止日期应写成 年-月-日（如 2026-12-31），实际为“{}”。",
            t.chars().take(40).collect::<String>()
        ))
    };
    let parts: Vec<&str> = t.split('-').collect();
    let [y, m, d] = parts[..] else { return Err(wrong()) };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 || !t.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return Err(wrong());
    }
    let (y, m, d): (i64, u32, u32) = (y.parse().map_err(|_| wrong())?, m.parse().map_err(|_| wrong())?, d.parse().map_err(|_| wrong())?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(wrong()),
    };
    if !(1..=days).contains(&d) || !(2000..=2100).contains(&y) {
        return Err(wrong());
    }
    Ok(Some(t.to_string()))
}

/// Why `year` no longer takes a filler's writes (Chinese, for the answer and the pages).
pub fn closed_message(year: &FiscalYear) -> String {
    let why = match (&*year.status, &year.deadline) {
        ("closed", _) | (_, None) => "已由财政局截止".to_string(),
        (_, Some(d)) => format!("已于截止日期 {d} 结束"),
    };
    format!(
        "{} 年度的绩效目标申报{why}，部门填报员不能再新建、修改、导入或提交该年度的绩效目标；如需修改，请联系财政局重新开放该年度。",
        year.year
    )
}

/// Why the caller may not write `year`'s targets (`None`: they may, as far as the year goes):
/// only a filler is held, and only by a year closed on today's date.
pub async fn closed_for(state: &AppState, actor: Actor, year: Option<i64>) -> Result<Option<String>, Problem> {
    let (Some(Role::Filler), Some(year)) = (actor.role(), year) else { return Ok(None) };
    Ok(state.store.fiscal_year(year).await?.filter(|y| y.closed_on(&today())).map(|y| closed_message(&y)))
}

/// What those who draft are told of the years (the dashboard's 我的待办, 新建绩效目标表):
/// each year from last year on, newest last, with its state today and its deadline.
pub async fn deadlines(state: &AppState) -> Result<Vec<minijinja::Value>, Problem> {
    let today = today();
    let this_year: i64 = today[..4].parse().unwrap_or(2026);
    let mut years = state.store.fiscal_year_states().await?;
    years.retain(|y| y.year >= this_year - 1);
    years.reverse();
    Ok(years
        .into_iter()
        .map(|y| {
            let closed = y.closed_on(&today);
            minijinja::context! {
                year => y.year,
                closed,
                deadline => y.deadline,
                state => if closed { "已截止" } else { "开放填报" },
            }
        })
        .collect())
}

/// [`closed_for`] as a refusal (409).
pub async fn check_open(state: &AppState, actor: Actor, year: Option<i64>) -> Result<(), Problem> {
    match closed_for(state, actor, year).await? {
        Some(why) => Err(Problem::conflict(why)),
        None => Ok(()),
    }
}

/// `GET /api/v1/fiscal-years`: every year, newest first, with its status, deadline, whether
/// it is closed today, and its documents and projects by status.
pub async fn list(State(state): State<AppState>, caller: Caller, Params(_): Params<NoParams>) -> Result<Response, Problem> {
    check_admin(caller.actor())?;
    let today = today();
    let items: Vec<_> = state
        .store
        .fiscal_years()
        .await?
        .into_iter()
        .map(|y| {
            let closed = y.year.closed_on(&today);
            let mut v = serde_json::to_value(&y).unwrap_or_default();
            v["closed"] = closed.into();
            v["projects"] = serde_json::json!({
                "draft": y.projects[0], "submitted": y.projects[1], "returned": y.projects[2], "approved": y.projects[3],
            });
            v
        })
        .collect();
    let total = items.len();
    Ok(Json(serde_json::json!({ "items": items, "total": total, "today": today })).into_response())
}

/// `POST /api/v1/fiscal-years`: a new year (open unless said), with its deadline.
pub async fn create(State(state): State<AppState>, caller: Caller, JsonBody(body): JsonBody<NewYear>) -> Result<Response, Problem> {
    check_admin(caller.actor())?;
    let by = caller.require_user()?.id;
    let new = NewFiscalYear {
        year: year_number(body.year)?,
        status: status(body.status.as_deref().unwrap_or("open"))?,
        deadline: match &body.deadline {
            Some(d) => deadline(d)?,
            None => None,
        },
    };
    let year = state.store.create_fiscal_year(by, &new).await?;
    Ok((StatusCode::CREATED, Json(year)).into_response())
}

/// `PUT /api/v1/fiscal-years/{year}`: open or close a year, set or clear its deadline.
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Id(year): Id,
    headers: HeaderMap,
    JsonBody(body): JsonBody<YearEdit>,
) -> Result<Response, Problem> {
    check_admin(caller.actor())?;
    let by = caller.require_user()?.id;
    let version = expected_version(&headers, body.version)?;
    let before = state
        .store
        .fiscal_year(year)
        .await?
        .ok_or_else(|| Problem::not_found(format!("{year} 年度不存在。")))?;
    let changes = FiscalYearChanges {
        status: body.status.as_deref().map(status).transpose()?,
        deadline: body.deadline.as_deref().map(deadline).transpose()?,
    };
    Ok(Json(state.store.update_fiscal_year(by, &before, version, &changes).await?).into_response())
}

/// The list takes no parameters; an unknown one is refused as on every list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoParams {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_are_real_days() {
        assert_eq!(deadline(" 2026-12-31 ").unwrap().as_deref(), Some("2026-12-31"));
        assert_eq!(deadline("2028-02-29").unwrap().as_deref(), Some("2028-02-29"));
        assert_eq!(deadline("").unwrap(), None);
        for wrong in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-1-5", "26-12-31", "2026/12/31", "二〇二六-12-31", "2026-12-31T00:00", "1999-12-31", "+026-12-31"] {
            let p = deadline(wrong).unwrap_err();
            assert!(p.detail.contains("年-月-日"), "{wrong}: {}", p.detail);
        }
    }

    #[test]
    fn a_closed_year_says_why_in_chinese() {
        let y = FiscalYear { year: 2027, status: "open".into(), deadline: Some("2026-12-31".into()), version: 1, created_at: String::new() };
        assert!(closed_message(&y).contains("2027 年度的绩效目标申报已于截止日期 2026-12-31 结束"));
        let y = FiscalYear { status: "closed".into(), ..y };
        assert!(closed_message(&y).contains("已由财政局截止"));
    }
}
