//! `/api/v1/projects/{id}/monitoring?from=1&to=7`: a project's 运行监控填报 for one period.
//! The department's filler and the admin write it, reviewers (and the admin) read it; the
//! figures are checked by `jixiao_assess::monitoring::validate` (422 lists every problem in
//! Chinese); writes name the version they read (0 when none is stored yet).

use std::str::FromStr;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use jixiao_assess::{IndicatorProgress, Period, ProjectMonitoring};
use jixiao_model::{Document, Money};
use rust_decimal::Decimal;
use serde::Deserialize;

use super::query::{Id, Params};
use super::version::expected_version;
use crate::auth::caller::Caller;
use crate::auth::policy::{check, Action, Actor, Role};
use jixiao_store::{MonitoringEntry, MonitoringFigures, Project};

use crate::json::JsonBody;
use crate::problem::Problem;
use crate::state::AppState;

/// `?from=1&to=7`: 监控期间（from 缺省为 1）。
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodParams {
    pub from: Option<u32>,
    pub to: Option<u32>,
}

/// PUT 请求体：读取时的版本号（尚无填报时为 0）、金额（万元，字符串）和各指标的填报。
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonitoringBody {
    pub version: Option<i64>,
    #[serde(default)]
    pub annual_budget: Option<String>,
    #[serde(default)]
    pub spent_to_date: Option<String>,
    #[serde(default)]
    pub expected_full_year_spend: Option<String>,
    #[serde(default)]
    pub indicators: Vec<IndicatorProgress>,
}

/// A stored monitoring entry: what is entered for each indicator is jixiao-assess's.
pub type Entry = MonitoringEntry<IndicatorProgress>;

/// An entry as jixiao-assess's input for a one-project document (`project` = 0).
pub fn monitoring_of(entry: &Entry) -> ProjectMonitoring {
    let money = |t: &Option<String>| t.as_deref().and_then(|t| Decimal::from_str(t).ok()).map(Money);
    ProjectMonitoring {
        year_end: Default::default(),
        project: 0,
        annual_budget: money(&entry.annual_budget),
        spent_to_date: money(&entry.spent_to_date),
        expected_full_year_spend: money(&entry.expected_full_year_spend),
        indicators: entry.indicators.clone(),
    }
}

/// The stored entry of a project for a period, if any.
pub async fn entry_of(store: &jixiao_store::Store, project_id: i64, period: Period) -> Result<Option<Entry>, Problem> {
    Ok(store.monitoring_entry(project_id, (period.first_month, period.last_month)).await?)
}

pub fn period(
    project: &Project,
    from: Option<u32>,
    to: Option<u32>,
) -> Result<Period, Problem> {
    let to = to.ok_or_else(|| {
        Problem::bad_request(
            "须用 ?to= 指定监控截至月份（1–12），可用 ?from= 指定起始月份（缺省为 1）。",
        )
    })?;
    let year = project.year.and_then(|y| i32::try_from(y).ok());
    Period::new(year, from.unwrap_or(1), to).map_err(|e| Problem::bad_request(e.to_string()))
}

/// Reading: admins and reviewers; a filler only for their own department. Projects the
/// caller cannot see at all answer 404, as everywhere.
fn check_read(actor: Actor, p: &Project) -> Result<(), Problem> {
    check(actor, Action::Read, p.department(), p.status)?;
    match actor.role() {
        None => Err(Problem::unauthorized("查看运行监控数据需要登录。")),
        Some(Role::Admin | Role::Reviewer) => Ok(()),
        Some(Role::Filler) if actor.own_department() == Some(p.department()) => Ok(()),
        Some(Role::Filler) => Err(Problem::forbidden(
            "部门填报员只能查看本部门项目的运行监控数据。",
        )),
    }
}

/// Writing: the admin, or the project's department's filler (in any workflow state:
/// monitoring happens during the budget year, after approval).
fn check_write(actor: Actor, p: &Project) -> Result<(), Problem> {
    check(actor, Action::Read, p.department(), p.status)?;
    match actor.role() {
        None => Err(Problem::unauthorized("此操作需要登录。")),
        Some(Role::Admin) => Ok(()),
        Some(Role::Filler) if actor.own_department() == Some(p.department()) => Ok(()),
        Some(Role::Filler) => Err(Problem::forbidden(
            "部门填报员只能填报本部门项目的运行监控数据。",
        )),
        Some(Role::Reviewer) => Err(Problem::forbidden(
            "财政审核员可以查看运行监控数据，但不能填报。",
        )),
    }
}

/// The project as a one-project document: what validation and lights work on.
pub async fn project_document(state: &AppState, p: &Project) -> Result<Document, Problem> {
    let project = state.store.model_project(p).await?;
    Ok(jixiao_store::domain::document(
        format!("项目 {}", p.id),
        None,
        p.year,
        vec![project],
    ))
}

fn amount(field: &str, text: &Option<String>, errors: &mut Vec<String>) -> Option<Money> {
    let t = text.as_deref()?.trim();
    if t.is_empty() {
        return None;
    }
    if t.chars().count() > jixiao_store::text::AMOUNT.max {
        errors.push(format!("{field}过长（最多 {} 字）", jixiao_store::text::AMOUNT.max));
        return None;
    }
    match Decimal::from_str(t) {
        Ok(d) => Some(Money(d)),
        Err(_) => {
            errors.push(format!("{field}应为金额（万元，如 \"12.5\"），实际为“{t}”"));
            None
        }
    }
}

/// 422 listing every problem (`errors`), the first ones also in `detail`.
fn invalid(errors: Vec<String>) -> Problem {
    let detail = format!(
        "监控数据有 {} 处问题：{}",
        errors.len(),
        errors
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("；")
    );
    Problem::unprocessable(detail).with("errors", errors)
}

/// Checks and stores one project's entry; the one path the API and the monitoring page
/// share. `pm.project` is ignored (the document has this project only).
pub async fn save(
    state: &AppState,
    actor: Actor,
    by: i64,
    p: &Project,
    period: Period,
    version: i64,
    mut pm: ProjectMonitoring,
) -> Result<(Entry, bool), Problem> {
    check_write(actor, p)?;
    for (i, progress) in pm.indicators.iter().enumerate() {
        for (name, text) in [("cause_text", &progress.cause_text), ("measures", &progress.measures)] {
            if let Some(t) = text {
                let field = jixiao_store::text::Field { name, ..jixiao_store::text::MONITORING_TEXT };
                super::input::checked(field, t).map_err(|p| {
                    Problem::unprocessable(format!("第 {} 条指标：{}", i + 1, p.detail))
                })?;
            }
        }
    }
    pm.project = 0;
    let doc = project_document(state, p).await?;
    let report = jixiao_assess::MonitoringReport {
        period,
        projects: vec![pm.clone()],
    };
    if let Err(problems) = jixiao_assess::monitoring::validate(&doc, &report) {
        return Err(invalid(problems.iter().map(|e| e.to_string()).collect()));
    }
    let money = |m: Option<Money>| m.map(|m| m.0.normalize().to_string());
    let figures = MonitoringFigures {
        annual_budget: money(pm.annual_budget),
        spent_to_date: money(pm.spent_to_date),
        expected_full_year_spend: money(pm.expected_full_year_spend),
        indicators: pm.indicators,
    };
    let months = (period.first_month, period.last_month);
    Ok(state.store.save_monitoring(by, p, months, version, &figures).await?)
}

pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    Params(q): Params<PeriodParams>,
) -> Result<Response, Problem> {
    caller.require_user()?;
    let p = state.store.project(id).await?;
    check_read(caller.actor(), &p)?;
    let period = period(&p, q.from, q.to)?;
    match entry_of(&state.store, id, period).await? {
        Some(entry) => Ok(Json(entry).into_response()),
        None => Err(Problem::not_found(format!(
            "项目“{}”{}尚无运行监控填报（首次保存时 version 为 0）。",
            p.name,
            period.label()
        ))
        .with("current_version", 0)),
    }
}

pub async fn put(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    Params(q): Params<PeriodParams>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<MonitoringBody>,
) -> Result<Response, Problem> {
    let by = caller.require_user()?.id;
    let p = state.store.project(id).await?;
    check_write(caller.actor(), &p)?;
    let version = expected_version(&headers, body.version)?;
    let period = period(&p, q.from, q.to)?;
    let mut errors = Vec::new();
    let pm = ProjectMonitoring {
        year_end: Default::default(),
        project: 0,
        annual_budget: amount("全年预算数", &body.annual_budget, &mut errors),
        spent_to_date: amount("执行数", &body.spent_to_date, &mut errors),
        expected_full_year_spend: amount(
            "全年预计执行数",
            &body.expected_full_year_spend,
            &mut errors,
        ),
        indicators: body.indicators,
    };
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    let (entry, created) = save(&state, caller.actor(), by, &p, period, version, pm).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(entry)).into_response())
}
