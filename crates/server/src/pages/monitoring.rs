//! 运行监控: enter a document's monitoring data in a web form and save it — each project's
//! entry goes through [`crate::api::monitoring::save`], the same permission check,
//! validation, version lock and audit entry as `PUT /api/v1/projects/{id}/monitoring` — and
//! see the lights (红黄绿) computed by jixiao-assess. Reopening the page shows the stored
//! entries. A filled-in .xlsx template can be uploaded to preview its lights (not saved).
//!
//! The document is built from the stored rows of its current revision (edits included), so
//! project `K` of the form is the `K`-th stored project and indicator `J` is the one at index
//! `J` of `GET /api/v1/projects/{id}`.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use jixiao_model::Document;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::render::{page_result, render, PageError, Viewer, PageQuery, PagePath, PageBody};
use crate::api::monitoring::{self as api_monitoring, entry_of, monitoring_of, Entry};
use crate::auth::policy::Role;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct MonitorQuery {
    document: Option<i64>,
    /// 监控截至月份（1–12），默认 8 月（年中监控）。
    month: Option<u32>,
    /// The project shown in the form (its index in the document, default the first), or
    /// `all`: one project at a time keeps the page short (issue 17).
    #[serde(default)]
    project: Option<String>,
}

pub async fn page(State(state): State<AppState>, me: Viewer, PageQuery(q): PageQuery<MonitorQuery>) -> Response {
    let r = async {
        if !me.signed_in {
            return Err(PageError::NeedLogin(String::new()));
        }
        let params = crate::api::query::ListParams { per_page: Some(200), ..Default::default() };
        let w = params.window()?;
        let stored_documents = state.store.documents(me.actor.visibility(), &params.filter(), w.slice()).await?.items;
        // Named as people know them (issue 17): department, year, then the file name.
        let mut names: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
        let mut documents = Vec::with_capacity(stored_documents.len());
        for d in stored_documents {
            let department = match d.department_id {
                Some(id) => match names.get(&id) {
                    Some(n) => n.clone(),
                    None => {
                        let n = state.store.organisation(id).await.map(|o| o.name).unwrap_or_else(|_| "（未识别部门）".into());
                        names.insert(id, n.clone());
                        n
                    }
                },
                None => "（未识别部门）".into(),
            };
            let year = d.year.map_or_else(|| "年度未知".to_string(), |y| format!("{y} 年度"));
            documents.push((department.clone(), d.year, minijinja::context! { id => d.id, label => format!("{department} · {year} · {}", d.source_name) }));
        }
        documents.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let documents: Vec<_> = documents.into_iter().map(|(_, _, d)| d).collect();
        let projects = match q.document {
            Some(id) => {
                let stored = stored_document(&state, &me, id).await?;
                let period = period(&stored.doc, q.month)?;
                let entries = readable_entries(&state, &me, &stored, period).await?;
                entry_rows(&stored, &entries)
            }
            None => Vec::new(),
        };
        // One project at a time (or all of them): the picker lists every project with
        // whether it has been saved for this period.
        let picker: Vec<_> = projects
            .iter()
            .map(|p| minijinja::context! { index => p.index, name => p.name.clone(), saved => p.saved_at.is_some() })
            .collect();
        let shown = match q.project.as_deref().map(str::trim) {
            Some("all") => None,
            None | Some("") => Some(0),
            Some(t) => match t.parse::<usize>() {
                Ok(k) if k < projects.len() => Some(k),
                _ => return Err(PageError::BadRequest(format!("项目应为文档中项目的序号（0–{}）或 all，实际为“{t}”。", projects.len().saturating_sub(1)))),
            },
        };
        let projects: Vec<EntryProject> = match shown {
            Some(k) => projects.into_iter().filter(|p| p.index == k).collect(),
            None => projects,
        };
        let likelihoods = jixiao_assess::Likelihood::ALL.map(|l| l.label());
        let causes = jixiao_assess::DeviationCause::ALL.map(|c| c.label());
        let can_save = !me.is(Role::Reviewer);
        render(
            "monitoring.html",
            minijinja::context! { me, documents, selected => q.document, month => q.month.unwrap_or(8), projects, picker, shown, likelihoods, causes, can_save },
        )
    }
    .await;
    page_result(&me, r)
}

/// A document's current projects as the viewer sees them, from the stored rows.
struct StoredDocument {
    doc: Document,
    rows: Vec<jixiao_store::Project>,
}

async fn stored_document(state: &AppState, me: &Viewer, id: i64) -> Result<StoredDocument, PageError> {
    let document = state.store.document(me.actor.visibility(), id).await?;
    let params = crate::api::query::ListParams { document: Some(id), per_page: Some(200), ..Default::default() };
    let rows = state.store.projects(me.actor.visibility(), &params.filter(), params.window()?.slice()).await?.items;
    let mut projects = Vec::with_capacity(rows.len());
    for row in &rows {
        projects.push(state.store.model_project(row).await?);
    }
    let doc = jixiao_store::domain::document(document.source_name, None, document.year, projects);
    Ok(StoredDocument { doc, rows })
}

/// The stored entries of the document's projects for `period`, each only where the viewer may
/// read it (as `GET /api/v1/projects/{id}/monitoring`: reviewers, admins and the project's
/// department's filler — another department's filler sees an approved project, not its
/// monitoring).
async fn readable_entries(state: &AppState, me: &Viewer, stored: &StoredDocument, period: jixiao_assess::Period) -> Result<Vec<Option<Entry>>, PageError> {
    let mut entries = Vec::with_capacity(stored.rows.len());
    for row in &stored.rows {
        let entry = match api_monitoring::check_read(me.actor, row) {
            Ok(()) => entry_of(&state.store, row.id, period).await?,
            Err(_) => None,
        };
        entries.push(entry);
    }
    Ok(entries)
}

/// The stored entries as a report of the document (project `K` the `K`-th row), for the
/// template and the 自评表.
fn stored_report(period: jixiao_assess::Period, entries: &[Option<Entry>]) -> jixiao_assess::MonitoringReport {
    let projects = entries
        .iter()
        .enumerate()
        .filter_map(|(k, e)| {
            let mut pm = monitoring_of(e.as_ref()?);
            pm.project = k;
            Some(pm)
        })
        .collect();
    jixiao_assess::MonitoringReport { period, projects }
}

/// `/monitoring/self-evaluation/{document}`: the document's 项目支出绩效自评表 (.xlsx) scored
/// from its projects' stored year-end (1–12 月) entries that the viewer may read — the path
/// of `GET /api/v1/projects/{id}/monitoring/self-evaluation.xlsx` for a whole document, as
/// `jixiao score DOC --year-end` scores the filled template. 404 when no such entry is
/// stored (or none the viewer may read); a page listing what the scoring lacks otherwise.
pub async fn self_evaluation(State(state): State<AppState>, me: Viewer, PagePath(id): PagePath<i64>) -> Response {
    let r = async {
        if !me.signed_in {
            return Err(PageError::NeedLogin(String::new()));
        }
        let stored = stored_document(&state, &me, id).await?;
        let period = period(&stored.doc, Some(12))?;
        let entries = readable_entries(&state, &me, &stored, period).await?;
        let report = stored_report(period, &entries);
        if report.projects.is_empty() {
            return Err(PageError::NotFound(format!("该文档尚无{}的运行监控填报，没有年终自评表可下载。", period.label())));
        }
        let bytes = api_monitoring::year_end_xlsx(&stored.doc, period, report.projects)?;
        let name = stored.doc.projects.first().map_or_else(String::new, |p| p.name.value.clone());
        Ok::<_, PageError>(crate::api::templates::TemplateFile { bytes, name: format!("{name}等年终绩效自评表"), fallback: format!("document-{id}-year-end") })
    }
    .await;
    match r {
        Ok(file) => file.into_response(),
        Err(e) => e.into_page(Some(&me)),
    }
}

fn period(doc: &Document, month: Option<u32>) -> Result<jixiao_assess::Period, PageError> {
    let year = doc.year.as_ref().map(|y| y.value);
    jixiao_assess::Period::to_month(year, month.unwrap_or(8)).map_err(|e| PageError::BadRequest(e.to_string()))
}

pub async fn template(State(state): State<AppState>, me: Viewer, PagePath(id): PagePath<i64>, PageQuery(q): PageQuery<MonitorQuery>) -> Response {
    let r = async {
        let stored = stored_document(&state, &me, id).await?;
        let period = period(&stored.doc, q.month)?;
        // Prefilled with the stored entries the viewer may read (the year-end figures too),
        // so it is read back as stored.
        let entries = readable_entries(&state, &me, &stored, period).await?;
        let report = stored_report(period, &entries);
        let filled = (!report.projects.is_empty()).then_some(&report);
        let bytes = jixiao_office::monitoring::monitor_template(&stored.doc, period, filled)
            .map_err(|e| PageError::Internal(e.to_string()))?;
        Ok::<_, PageError>(bytes)
    }
    .await;
    match r {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"monitoring-{id}.xlsx\"")),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => e.into_page(Some(&me)),
    }
}

/// Lights from an uploaded, filled-in template (the body is the .xlsx file); answers an HTML
/// fragment for the page, or a Chinese error naming the sheet, row and column.
pub async fn preview(State(state): State<AppState>, me: Viewer, PageQuery(q): PageQuery<MonitorQuery>, PageBody(body): PageBody) -> Response {
    let r = async {
        if !me.signed_in {
            return Err(PageError::NeedLogin(String::new()));
        }
        let id = q.document.ok_or_else(|| PageError::BadRequest("请选择文档。".into()))?;
        let doc = stored_document(&state, &me, id).await?.doc;
        let report = jixiao_office::monitoring::read_monitoring_xlsx("监控表.xlsx", &body, &doc).map_err(|errors| {
            PageError::BadRequest(errors.iter().take(20).map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))
        })?;
        let lights = jixiao_assess::report_lights(&doc, &report, &jixiao_assess::LightConfig::default());
        let form = jixiao_assess::report::lights_form(&doc, &report, &lights);
        Ok(jixiao_office::write_html::table_html(&form))
    }
    .await;
    match r {
        Ok(html) => Html(html).into_response(),
        Err(PageError::BadRequest(msg)) => {
            let errors: Vec<FieldError> = msg.lines().map(|l| FieldError::general(l.to_string())).collect();
            let html = result_fragment(minijinja::context! { errors, panel => false, note => "", versions => Vec::<Saved>::new() });
            (StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response()
        }
        Err(e) => e.into_page(Some(&me)),
    }
}


/// 填报表中的一个项目及其指标（名称、指标值、计量提示）与已保存的填报。
#[derive(Debug, serde::Serialize)]
struct EntryProject {
    index: usize,
    id: i64,
    name: String,
    budget: Option<String>,
    /// 已保存填报的版本（0：尚未保存）及保存时间。
    version: i64,
    saved_at: Option<String>,
    spent: Option<String>,
    /// 年终自评另需填报的内容（截至12月时表中有这些栏）。
    year_end: jixiao_store::YearEndFigures,
    indicators: Vec<EntryIndicator>,
}

#[derive(Debug, Default, serde::Serialize)]
struct EntryIndicator {
    index: usize,
    level3: String,
    target: String,
    hint: String,
    current: String,
    likelihood: String,
    cause: String,
    cause_text: String,
    measures: String,
    /// What may be chosen instead of typed (issue 17): the qualitative bands, or the months
    /// of a deadline; empty for numbers. The saved value is among them.
    choices: Vec<String>,
}

/// The choices for an indicator's current value: the three bands for qualitative (or
/// unreadable) targets, "N月完成" / "未完成" for deadlines, none for numbers. A saved value
/// that is not one of them (a band with a share, "部分达成（70%）") is kept as a choice.
fn choices(kind: &jixiao_assess::TargetKind, current: &str) -> Vec<String> {
    use jixiao_assess::{QualitativeBand, TargetKind};
    let mut out: Vec<String> = match kind {
        TargetKind::Qualitative | TargetKind::Unreadable { .. } => QualitativeBand::ALL.iter().map(|b| b.label().to_string()).collect(),
        TargetKind::Deadline { .. } => (1..=12).map(|m| format!("{m}月完成")).chain(["未完成".to_string()]).collect(),
        TargetKind::Quantity { .. } => return Vec::new(),
    };
    if !current.is_empty() && !out.iter().any(|c| c == current) {
        out.push(current.to_string());
    }
    out
}

fn entry_rows(stored: &StoredDocument, entries: &[Option<Entry>]) -> Vec<EntryProject> {
    stored
        .doc
        .projects
        .iter()
        .zip(&stored.rows)
        .zip(entries)
        .enumerate()
        .map(|(k, ((p, row), entry))| EntryProject {
            index: k,
            id: row.id,
            name: p.name.value.clone(),
            budget: p.budget.total.as_ref().map(|m| m.value.0.normalize().to_string()),
            version: entry.as_ref().map_or(0, |e| e.version),
            saved_at: entry.as_ref().map(|e| e.updated_at.clone()),
            spent: entry.as_ref().and_then(|e| e.spent_to_date.clone()),
            year_end: entry.as_ref().map(|e| e.year_end.clone()).unwrap_or_default(),
            indicators: p
                .indicators
                .iter()
                .enumerate()
                .map(|(j, ind)| {
                    let kind = jixiao_assess::TargetKind::of(ind);
                    let saved = entry.as_ref().and_then(|e| e.indicators.iter().find(|ip| ip.indicator == j));
                    let current = saved.and_then(|ip| ip.current.as_ref()).map(|v| v.display(&kind)).unwrap_or_default();
                    EntryIndicator {
                        choices: choices(&kind, &current),
                        index: j,
                        level3: ind.level3_text().to_string(),
                        target: ind.target.as_ref().map(|t| t.value.printed.clone()).unwrap_or_default(),
                        hint: kind.hint(),
                        current,
                        likelihood: saved.and_then(|ip| ip.likelihood).map(|l| l.label().to_string()).unwrap_or_default(),
                        cause: saved.and_then(|ip| ip.cause).map(|c| c.label().to_string()).unwrap_or_default(),
                        cause_text: saved.and_then(|ip| ip.cause_text.clone()).unwrap_or_default(),
                        measures: saved.and_then(|ip| ip.measures.clone()).unwrap_or_default(),
                    }
                })
                .collect(),
        })
        .collect()
}

/// The web form's fields: `spent_K` (执行数, 万元), and per indicator `cur_K_J` (当前完成值),
/// `lik_K_J` (完成可能性), `cause_K_J`, `why_K_J`, `fix_K_J`. A project is reported when
/// any of its fields is filled in. Values are read with the indicator's own rules; every
/// problem is collected, naming the project and indicator.
/// A problem with the form, and the field it is about (shown at the field, issue 17).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct FieldError {
    field: Option<String>,
    message: String,
}

impl FieldError {
    fn at(field: String, message: String) -> FieldError {
        FieldError { field: Some(field), message }
    }
    fn general(message: String) -> FieldError {
        FieldError { field: None, message }
    }
}

/// A project's entry saved, and its new version (the form's hidden `version-K`, swapped in).
#[derive(Debug, Clone, Copy, Serialize)]
struct Saved {
    project: usize,
    version: i64,
}

/// The fragment a form's submission answers with (`templates/monitoring_result.html`): the
/// panel of problems, or what was saved with its lights; then the new versions.
fn result_fragment(ctx: minijinja::Value) -> String {
    match render("monitoring_result.html", ctx) {
        Ok(Html(html)) => html,
        // The template is part of the binary and tested; should it fail, say so plainly.
        Err(e) => format!("<div class=\"error\"><p>{}</p></div>", jixiao_model::text::escape_html(&format!("{e:?}"))),
    }
}

/// The panel of problems: a list (each item naming its field, which `assets/app.js` marks in
/// the form), not a block of monospace text; `saved` are the projects saved all the same.
fn error_panel(errors: &[FieldError], note: &str, saved: &[Saved]) -> String {
    result_fragment(minijinja::context! { errors, panel => true, note, versions => saved })
}

/// The form field an entry's problem is about (marked on the page), when the form has one.
fn form_field(e: &jixiao_assess::InputError) -> Option<String> {
    let place = e.place()?;
    let k = place.project;
    let source = |f: &str| jixiao_assess::monitoring::SOURCE_FIELDS.iter().position(|s| *s == f);
    const SOURCE_NAMES: [&str; 6] = ["fiscal_budget", "fiscal_spent", "carried_over_budget", "carried_over_spent", "other_budget", "other_spent"];
    let name = match (e.field()?, &place.indicator) {
        ("执行数", None) => format!("spent_{k}"),
        (jixiao_assess::error::EXPLANATION_FIELD, None) => format!("ye_{k}_budget_explanation"),
        (f, None) => format!("ye_{k}_{}", SOURCE_NAMES[source(f)?]),
        (f, Some((j, _))) => {
            let prefix = match f {
                "当前完成值" => "cur",
                "完成可能性" => "lik",
                "偏差原因类别" => "cause",
                "偏差原因分析" => "why",
                "改进措施" => "fix",
                _ => return None,
            };
            format!("{prefix}_{k}_{j}")
        }
    };
    Some(name)
}

fn report_from_form(
    doc: &Document,
    period: jixiao_assess::Period,
    form: &std::collections::HashMap<String, String>,
) -> Result<jixiao_assess::MonitoringReport, Vec<FieldError>> {
    use jixiao_assess::{DeviationCause, IndicatorProgress, Likelihood, MonitoringReport, ProjectMonitoring, TargetKind};
    let field = |name: String| form.get(&name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let mut errors = Vec::new();
    let mut projects = Vec::new();
    for (k, p) in doc.projects.iter().enumerate() {
        let index = k.to_string();
        let touched = form.iter().any(|(name, v)| !v.trim().is_empty() && name.split('_').nth(1) == Some(index.as_str()));
        if !touched {
            continue;
        }
        let spent = match field(format!("spent_{k}")) {
            Some(t) => match Decimal::from_str(&t) {
                Ok(d) => Some(jixiao_model::Money(d)),
                Err(_) => {
                    errors.push(FieldError::at(format!("spent_{k}"), format!("项目“{}”：执行数应为金额（万元），实际为“{t}”。", p.name.value)));
                    None
                }
            },
            None => None,
        };
        // At year end (a period ending in December) the form has the 自评's fields too.
        let mut year_end = jixiao_assess::YearEnd::default();
        if period.last_month == 12 {
            let mut money = |name: &str, label: &str| -> Option<jixiao_model::Money> {
                let t = field(format!("ye_{k}_{name}"))?;
                match Decimal::from_str(&t) {
                    Ok(d) => Some(jixiao_model::Money(d)),
                    Err(_) => {
                        errors.push(FieldError::at(format!("ye_{k}_{name}"), format!("项目“{}”：{label}应为金额（万元），实际为“{t}”。", p.name.value)));
                        None
                    }
                }
            };
            let [fb, fs, cb, cs, ob, os] = jixiao_assess::monitoring::SOURCE_FIELDS;
            year_end.fiscal.adjusted = money("fiscal_budget", fb);
            year_end.fiscal.executed = money("fiscal_spent", fs);
            year_end.carried_over.adjusted = money("carried_over_budget", cb);
            year_end.carried_over.executed = money("carried_over_spent", cs);
            year_end.other.adjusted = money("other_budget", ob);
            year_end.other.executed = money("other_spent", os);
            year_end.goal_actual = field(format!("ye_{k}_goal_actual"));
            year_end.budget_explanation = field(format!("ye_{k}_budget_explanation"));
        }
        let mut indicators = Vec::new();
        for (j, ind) in p.indicators.iter().enumerate() {
            let mut ip = IndicatorProgress::empty(j);
            if let Some(t) = field(format!("cur_{k}_{j}")) {
                match TargetKind::of(ind).parse(&t) {
                    Ok(v) => ip.current = Some(v),
                    Err(hint) => errors.push(FieldError::at(
                        format!("cur_{k}_{j}"),
                        format!("项目“{}”第 {} 条指标“{}”的当前完成值“{t}”：{hint}", p.name.value, j + 1, ind.level3_text()),
                    )),
                }
            }
            ip.likelihood = field(format!("lik_{k}_{j}")).and_then(|t| Likelihood::from_label(&t));
            ip.cause = field(format!("cause_{k}_{j}")).and_then(|t| DeviationCause::from_label(&t));
            ip.cause_text = field(format!("why_{k}_{j}"));
            ip.measures = field(format!("fix_{k}_{j}"));
            indicators.push(ip);
        }
        projects.push(ProjectMonitoring { project: k, annual_budget: None, spent_to_date: spent, expected_full_year_spend: None, indicators, year_end });
    }
    if projects.is_empty() {
        errors.push(FieldError::general("请至少填写一个项目的监控数据。".into()));
    }
    let report = MonitoringReport { period, projects };
    if errors.is_empty() {
        let mut problems = jixiao_assess::monitoring::validate(doc, &report).err().unwrap_or_default();
        let explain_below = jixiao_assess::ScoringConfig::default().explain_below_rate;
        problems.extend(jixiao_assess::unexplained_low_rates(doc, &report, explain_below));
        errors.extend(problems.iter().map(|e| match form_field(e) {
            Some(f) => FieldError::at(f, e.to_string()),
            None => FieldError::general(e.to_string()),
        }));
    }
    if errors.is_empty() {
        Ok(report)
    } else {
        Err(errors)
    }
}

/// Saves the web form (htmx posts it; the answer replaces the lights panel): every reported
/// project through the API's save path, with the version shown on the page (`version-K`),
/// then the lights. New versions go back to the form's hidden fields (out-of-band swap) so a
/// second save from the same page is not refused as stale.
pub async fn entry(State(state): State<AppState>, me: Viewer, PageQuery(q): PageQuery<MonitorQuery>, PageBody(body): PageBody) -> Response {
    let r = async {
        if !me.signed_in {
            return Err(PageError::NeedLogin(String::new()));
        }
        let by = me.user_id.ok_or_else(|| PageError::NeedLogin(String::new()))?;
        let id = q.document.ok_or_else(|| PageError::BadRequest("请选择文档。".into()))?;
        let stored = stored_document(&state, &me, id).await?;
        let form: std::collections::HashMap<String, String> =
            serde_urlencoded::from_bytes(&body).map_err(|e| PageError::BadRequest(format!("表单无法读取：{e}")))?;
        let period = period(&stored.doc, q.month)?;
        let report = match report_from_form(&stored.doc, period, &form) {
            Ok(report) => report,
            Err(errors) => return Ok(error_panel(&errors, "", &[])),
        };
        let mut saved = Vec::new();
        let mut unchanged = 0;
        let mut errors = Vec::new();
        let mut warnings: Vec<String> = Vec::new();
        for pm in &report.projects {
            let (Some(row), Some(p)) = (stored.rows.get(pm.project), stored.doc.projects.get(pm.project)) else { continue };
            if form.get(&format!("project-{}", pm.project)).map(String::as_str) != Some(row.id.to_string().as_str()) {
                errors.push(FieldError::general(format!("项目“{}”：项目列表已变化，请重新打开填报表。", p.name.value)));
                continue;
            }
            let version = form.get(&format!("version-{}", pm.project)).and_then(|v| v.trim().parse::<i64>().ok()).unwrap_or(0);
            let before = entry_of(&state.store, row.id, period).await?;
            let merged = merge(before.as_ref(), pm, period);
            if before.as_ref().is_some_and(|e| e.version == version && monitoring_of(e) == merged) {
                unchanged += 1;
                continue;
            }
            match api_monitoring::save(&state, me.actor, by, row, period, version, merged).await {
                Ok(done) => {
                    warnings.extend(done.warnings.iter().map(|w| format!("项目“{}”：{w}", p.name.value)));
                    saved.push(Saved { project: pm.project, version: done.entry.version });
                }
                Err(problem) => {
                    let detail = match problem.extra.get("errors").and_then(|v| v.as_array()) {
                        Some(list) => list.iter().filter_map(|e| e.as_str()).collect::<Vec<_>>().join("；"),
                        None => problem.detail.clone(),
                    };
                    errors.push(FieldError::general(format!("项目“{}”未保存：{detail}", p.name.value)));
                }
            }
        }
        if !errors.is_empty() {
            let note = if saved.is_empty() { String::new() } else { format!("（其余 {} 个项目已保存。）", saved.len()) };
            return Ok(error_panel(&errors, &note, &saved));
        }
        let lights = jixiao_assess::report_lights(&stored.doc, &report, &jixiao_assess::LightConfig::default());
        let table = jixiao_office::write_html::table_html(&jixiao_assess::report::lights_form(&stored.doc, &report, &lights));
        let unchanged = if unchanged > 0 { format!("，{unchanged} 个项目未变化") } else { String::new() };
        let note = format!("已保存：{}监控数据，{} 个项目已更新{unchanged}。", period.label(), saved.len());
        // Stored, but not silently: spending above the budget (the fragment's warnings).
        Ok(result_fragment(minijinja::context! { note, warnings, table => minijinja::Value::from_safe_string(table), versions => saved }))
    }
    .await;
    match r {
        Ok(html) => Html(html).into_response(),
        // htmx swaps 2xx answers only: errors come back as 200 with the error panel.
        Err(PageError::BadRequest(msg)) => {
            Html(error_panel(&msg.lines().map(|l| FieldError::general(l.to_string())).collect::<Vec<_>>(), "", &[])).into_response()
        }
        Err(e) => e.into_page(Some(&me)),
    }
}

/// The form's figures over the stored entry: what the form does not show (全年预算数,
/// 全年预计执行数, 全年预计完成值, and before December the year-end figures) is kept, not
/// erased.
fn merge(before: Option<&Entry>, form: &jixiao_assess::ProjectMonitoring, period: jixiao_assess::Period) -> jixiao_assess::ProjectMonitoring {
    let mut pm = form.clone();
    pm.project = 0;
    if let Some(old) = before.map(monitoring_of) {
        pm.annual_budget = old.annual_budget;
        pm.expected_full_year_spend = old.expected_full_year_spend;
        if period.last_month != 12 {
            pm.year_end = old.year_end;
        }
        for ip in &mut pm.indicators {
            if let Some(o) = old.indicators.iter().find(|o| o.indicator == ip.indicator) {
                ip.expected_full_year = o.expected_full_year.clone();
            }
        }
    }
    pm
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Document {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds/002_cab738b0acffaaf0.txt");
        jixiao_read::read_path(&path).unwrap().document
    }

    #[test]
    fn form_fields_become_a_report_or_errors_naming_the_place() {
        let doc = seed();
        let period = jixiao_assess::Period::to_month(Some(2023), 8).unwrap();
        let mut form = std::collections::HashMap::new();
        assert_eq!(report_from_form(&doc, period, &form).unwrap_err(), vec![FieldError::general("请至少填写一个项目的监控数据。".to_string())]);
        for j in 0..doc.projects[0].indicators.len() {
            form.insert(format!("lik_0_{j}"), "确定能".to_string());
        }
        form.insert("spent_0".into(), "20".into());
        // Fields of project 0's second row must not make project 1 count as reported.
        form.insert("why_0_1".into(), " ".into());
        let report = report_from_form(&doc, period, &form).unwrap();
        assert_eq!(report.projects.len(), 1);
        assert_eq!(report.projects[0].spent_to_date, Some(jixiao_model::Money(Decimal::from(20))));
        form.insert("spent_0".into(), "二十".into());
        let errors = report_from_form(&doc, period, &form).unwrap_err();
        // The error names its field, which the page marks.
        assert_eq!(
            errors,
            vec![FieldError::at("spent_0".into(), format!("项目“{}”：执行数应为金额（万元），实际为“二十”。", doc.projects[0].name.value))]
        );
        let panel = error_panel(&errors, "", &[]);
        assert!(panel.contains("<li data-field=\"spent_0\">项目“") && !panel.contains("<pre>"), "{panel}");
    }

    /// The fragments a submission answers with: every text escaped, the lights table as the
    /// table writer made it, the saved projects' new versions swapped in out of band.
    #[test]
    fn result_fragments_escape_and_carry_versions() {
        let saved = [Saved { project: 2, version: 7 }];
        let errors = vec![FieldError::at("cur_0_1".into(), "<b>当前完成值</b>应为数值".into())];
        let html = error_panel(&errors, "（其余 1 个项目已保存。）", &saved);
        assert!(html.starts_with("<div class=\"error\" data-lights=\"no\"><p><b>未保存："), "{html}");
        assert!(html.contains("<li data-field=\"cur_0_1\">&lt;b&gt;当前完成值&lt;&#x2f;b&gt;应为数值</li>"), "{html}");
        assert!(html.contains("<p>（其余 1 个项目已保存。）</p></div>"), "{html}");
        assert!(html.ends_with("<input type=\"hidden\" name=\"version-2\" id=\"version-2\" value=\"7\" hx-swap-oob=\"true\">"), "{html}");

        let table = "<table class=\"jixiao-form\"></table>".to_string();
        let warnings = vec!["项目“甲<乙>”：执行数超过预算".to_string()];
        let html = result_fragment(minijinja::context! {
            note => "已保存：2023年1–8月监控数据，1 个项目已更新。",
            warnings,
            table => minijinja::Value::from_safe_string(table),
            versions => saved,
        });
        assert!(html.starts_with("<div data-lights=\"yes\" data-saved=\"yes\"><p class=\"notice\" id=\"saved-note\">已保存："), "{html}");
        assert!(html.contains("<ul><li>项目“甲&lt;乙&gt;”：执行数超过预算</li></ul></div><table class=\"jixiao-form\"></table></div>"), "{html}");
        assert!(html.contains("name=\"version-2\""), "{html}");
        assert!(!html.contains("form-errors"), "{html}");
    }
}
