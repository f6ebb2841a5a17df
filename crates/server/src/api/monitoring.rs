//! `/api/v1/projects/{id}/monitoring?from=1&to=7`: a project's 运行监控填报 for one period.
//! The department's filler and the admin write it, reviewers (and the admin) read it; the
//! figures are checked by `jixiao_assess::monitoring::validate` (422 lists every problem in
//! Chinese); writes name the version they read (0 when none is stored yet).

use std::str::FromStr;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use jixiao_assess::scoring::FundRow;
use jixiao_assess::{IndicatorProgress, Period, ProjectMonitoring, YearEnd};
use jixiao_model::{Document, Money};
use rust_decimal::Decimal;
use serde::Deserialize;

use super::query::{Id, Params};
use super::version::expected_version;
use crate::auth::caller::Caller;
use crate::auth::policy::{check, Action, Actor, Role};
use jixiao_store::{MonitoringEntry, MonitoringFigures, Project, YearEndFigures};

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
    /// 年终自评另需填报的内容（只用于截至12月的填报）：资金来源明细、实际完成情况、
    /// 执行率偏低原因说明。
    #[serde(default)]
    pub year_end: Option<YearEndFigures>,
}

/// A stored monitoring entry: what is entered for each indicator is jixiao-assess's.
pub type Entry = MonitoringEntry<IndicatorProgress>;

/// An entry as jixiao-assess's input for a one-project document (`project` = 0), the
/// year-end figures included (as the year-end template's import gives them).
pub fn monitoring_of(entry: &Entry) -> ProjectMonitoring {
    let money = |t: &Option<String>| t.as_deref().and_then(|t| Decimal::from_str(t).ok()).map(Money);
    let y = &entry.year_end;
    let row = |adjusted: &Option<String>, executed: &Option<String>| FundRow { initial: None, adjusted: money(adjusted), executed: money(executed) };
    let year_end = YearEnd {
        fiscal: row(&y.fiscal_budget, &y.fiscal_spent),
        carried_over: row(&y.carried_over_budget, &y.carried_over_spent),
        other: row(&y.other_budget, &y.other_spent),
        goal_actual: y.goal_actual.clone(),
        budget_explanation: y.budget_explanation.clone(),
    };
    ProjectMonitoring {
        year_end,
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
pub(crate) fn check_read(actor: Actor, p: &Project) -> Result<(), Problem> {
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

/// The year-end figures of a request as jixiao-assess's (amounts checked as the totals are,
/// each problem naming its field; texts trimmed, `""` none).
fn year_end_of(body: &YearEndFigures, errors: &mut Vec<String>) -> YearEnd {
    let [fb, fs, cb, cs, ob, os] = jixiao_assess::monitoring::SOURCE_FIELDS;
    let mut row = |budget: (&str, &Option<String>), spent: (&str, &Option<String>)| FundRow {
        initial: None,
        adjusted: amount(budget.0, budget.1, errors),
        executed: amount(spent.0, spent.1, errors),
    };
    let fiscal = row((fb, &body.fiscal_budget), (fs, &body.fiscal_spent));
    let carried_over = row((cb, &body.carried_over_budget), (cs, &body.carried_over_spent));
    let other = row((ob, &body.other_budget), (os, &body.other_spent));
    let text = |t: &Option<String>| t.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
    YearEnd { fiscal, carried_over, other, goal_actual: text(&body.goal_actual), budget_explanation: text(&body.budget_explanation) }
}

/// The year-end figures as stored (amounts as exact decimal text).
fn year_end_figures(y: &YearEnd) -> YearEndFigures {
    let money = |m: Option<Money>| m.map(|m| m.0.normalize().to_string());
    YearEndFigures {
        fiscal_budget: money(y.fiscal.adjusted),
        fiscal_spent: money(y.fiscal.executed),
        carried_over_budget: money(y.carried_over.adjusted),
        carried_over_spent: money(y.carried_over.executed),
        other_budget: money(y.other.adjusted),
        other_spent: money(y.other.executed),
        goal_actual: y.goal_actual.clone(),
        budget_explanation: y.budget_explanation.clone(),
    }
}

/// What is stored though it needs a look (Chinese, naming the field): spending above the
/// budget — the total's or a source's —, which the rules let through but never silently
/// (超预算支出须说明原因并核实资金来源).
pub fn warnings(doc: &Document, pm: &ProjectMonitoring) -> Vec<String> {
    let mut out = Vec::new();
    let over = |what: &str, budget: Option<Money>, spent: Option<Money>, out: &mut Vec<String>| {
        if let (Some(b), Some(s)) = (budget, spent) {
            if s.0 > b.0 {
                out.push(format!("{what}执行数 {s} 超过{what}全年预算数 {b}：超预算支出须说明原因并核实资金来源"));
            }
        }
    };
    over("", pm.budget(doc), pm.spent_to_date, &mut out);
    for (what, row) in [("本年财政拨款", &pm.year_end.fiscal), ("上年结转资金", &pm.year_end.carried_over), ("其他资金", &pm.year_end.other)] {
        over(what, row.adjusted, row.executed, &mut out);
    }
    out
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
) -> Result<Saved, Problem> {
    check_write(actor, p)?;
    if period.last_month != 12 && !pm.year_end.is_empty() {
        return Err(invalid(vec![format!(
            "年终自评内容（资金来源明细、实际完成情况、执行率偏低原因说明，year_end）只用于截至12月的填报，此填报为{}",
            period.label()
        )]));
    }
    for (field, text) in [
        (jixiao_store::text::GOAL_ACTUAL, &pm.year_end.goal_actual),
        (jixiao_store::text::BUDGET_EXPLANATION, &pm.year_end.budget_explanation),
    ] {
        if let Some(t) = text {
            super::input::checked(field, t).map_err(|_| {
                invalid(vec![format!("{}（year_end.{}）过长（最多 {} 字）或含有不允许的控制字符", field.label, field.name, field.max)])
            })?;
        }
    }
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
    let mut problems = jixiao_assess::monitoring::validate(&doc, &report).err().unwrap_or_default();
    // At year end the rules require a low execution rate's reason (as the year-end template's
    // import does).
    let explain_below = jixiao_assess::ScoringConfig::default().explain_below_rate;
    problems.extend(jixiao_assess::unexplained_low_rates(&doc, &report, explain_below));
    if !problems.is_empty() {
        return Err(invalid(problems.iter().map(|e| e.to_string()).collect()));
    }
    let warnings = warnings(&doc, &pm);
    let money = |m: Option<Money>| m.map(|m| m.0.normalize().to_string());
    let figures = MonitoringFigures {
        annual_budget: money(pm.annual_budget),
        spent_to_date: money(pm.spent_to_date),
        expected_full_year_spend: money(pm.expected_full_year_spend),
        year_end: year_end_figures(&pm.year_end),
        indicators: pm.indicators,
    };
    let months = (period.first_month, period.last_month);
    let (entry, created) = state.store.save_monitoring(by, p, months, version, &figures).await?;
    Ok(Saved { entry, created, warnings })
}

/// A stored entry and what its saving found to look at.
pub struct Saved {
    pub entry: Entry,
    pub created: bool,
    /// [`warnings`]: stored, but not silently.
    pub warnings: Vec<String>,
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
    let year_end = body.year_end.as_ref().map(|y| year_end_of(y, &mut errors)).unwrap_or_default();
    let pm = ProjectMonitoring {
        year_end,
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
    let saved = save(&state, caller.actor(), by, &p, period, version, pm).await?;
    let status = if saved.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    // The entry as GET gives it, and `warnings` when something needs a look.
    let mut answer = serde_json::to_value(&saved.entry).map_err(|e| Problem::internal(&e))?;
    if !saved.warnings.is_empty() {
        answer["warnings"] = serde_json::json!(saved.warnings);
    }
    Ok((status, Json(answer)).into_response())
}

/// `GET /api/v1/projects/{id}/monitoring/self-evaluation.xlsx`: the project's 项目支出绩效自评表
/// scored from its stored year-end (1–12 月) entry — the funds' sources, 实际完成情况 and
/// the explanation of a low execution rate included — exactly as `jixiao score DOC
/// --year-end` scores the year-end template (`jixiao_assess::score_year_end`, the default
/// scoring rules; 全年预算数 defaults to the project's budget, as the template prints it), laid
/// out by `jixiao_assess::self_evaluation_tables` and drawn by the one .xlsx writer. Who may
/// read the entry may download it; 404 when none is stored, 422 listing what the scoring
/// lacks (a blank 实际完成值 …).
pub async fn self_evaluation_xlsx(State(state): State<AppState>, caller: Caller, Id(id): Id) -> Result<Response, Problem> {
    caller.require_user()?;
    let p = state.store.project(id).await?;
    check_read(caller.actor(), &p)?;
    let period = period(&p, Some(1), Some(12))?;
    let Some(entry) = entry_of(&state.store, id, period).await? else {
        return Err(Problem::not_found(format!("项目“{}”尚无{}的运行监控填报，没有年终自评表可下载。", p.name, period.label())));
    };
    let doc = project_document(&state, &p).await?;
    let bytes = year_end_xlsx(&doc, period, vec![monitoring_of(&entry)])?;
    Ok(super::templates::TemplateFile { bytes, name: format!("{}年终绩效自评表", p.name), fallback: format!("project-{id}-year-end") }.into_response())
}

/// The 自评表 (.xlsx) of `doc` scored from stored year-end entries (`projects`, each
/// `project` an index into `doc`): 全年预算数 defaults to the project's printed budget (the
/// year-end template prints it in that column). 422 listing every problem when the entries
/// cannot be scored.
pub fn year_end_xlsx(doc: &Document, period: Period, mut projects: Vec<ProjectMonitoring>) -> Result<Vec<u8>, Problem> {
    for pm in &mut projects {
        if pm.annual_budget.is_none() {
            pm.annual_budget = pm.budget(doc);
        }
    }
    let report = jixiao_assess::MonitoringReport { period, projects };
    let scores = jixiao_assess::score_year_end(doc, &report, &jixiao_assess::ScoringConfig::default())
        .map_err(|errors| invalid(errors.iter().map(|e| e.to_string()).collect()))?;
    let tables = jixiao_assess::self_evaluation_tables(doc, &scores);
    jixiao_office::write_table::tables_xlsx(&tables).map_err(|e| Problem::internal(&e))
}
