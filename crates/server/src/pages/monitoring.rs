//! 运行监控（预览）: enter a document's monitoring data in a web form — or download its
//! template and upload it filled in — and see the lights (红黄绿) computed by jixiao-assess.
//! Nothing is stored: the store has no table for monitoring entries yet, so the page is
//! labelled a preview.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use jixiao_model::Document;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Deserialize;

use super::render::{page_result, render, PageError, Viewer};
use crate::db::read;
use crate::db::sql::Col;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct MonitorQuery {
    document: Option<i64>,
    /// 监控截至月份（1–12），默认 8 月（年中监控）。
    month: Option<u32>,
}

pub async fn page(State(state): State<AppState>, me: Viewer, Query(q): Query<MonitorQuery>) -> Response {
    let r = async {
        if !me.signed_in {
            return Err(PageError::NeedLogin(String::new()));
        }
        let params = crate::api::query::ListParams { per_page: Some(200), ..Default::default() };
        let w = params.window()?;
        let (documents, _) = read::documents(&state.store, me.actor, &params, w).await?;
        let projects = match q.document {
            Some(id) => entry_rows(&stored_document(&state, &me, id).await?),
            None => Vec::new(),
        };
        let likelihoods = jixiao_assess::Likelihood::ALL.map(|l| l.label());
        let causes = jixiao_assess::DeviationCause::ALL.map(|c| c.label());
        render(
            "monitoring.html",
            minijinja::context! { me, documents, selected => q.document, month => q.month.unwrap_or(8), projects, likelihoods, causes },
        )
    }
    .await;
    page_result(&me, r)
}

/// The stored document, read again from its current revision's bytes (what was imported).
async fn stored_document(state: &AppState, me: &Viewer, id: i64) -> Result<Document, PageError> {
    let doc = read::document_by_id(&state.store, me.actor, id).await?;
    let revision = doc.current_revision_id.ok_or_else(|| PageError::NotFound("该文档没有修订版。".into()))?;
    let row = sqlx::query("SELECT file_name, content FROM document_revisions WHERE id = $1")
        .bind(revision)
        .fetch_one(state.store.pool())
        .await?;
    let name = row.text("file_name")?;
    let bytes: Vec<u8> = sqlx::Row::try_get(&row, "content")?;
    tokio::task::spawn_blocking(move || jixiao_read::read_bytes(&name, &bytes))
        .await
        .map_err(|e| PageError::Internal(e.to_string()))?
        .map(|r| r.document)
        .map_err(|e| PageError::BadRequest(e.to_string()))
}

fn period(doc: &Document, month: Option<u32>) -> Result<jixiao_assess::Period, PageError> {
    let year = doc.year.as_ref().map(|y| y.value);
    jixiao_assess::Period::to_month(year, month.unwrap_or(8)).map_err(|e| PageError::BadRequest(e.to_string()))
}

pub async fn template(State(state): State<AppState>, me: Viewer, Path(id): Path<i64>, Query(q): Query<MonitorQuery>) -> Response {
    let r = async {
        let doc = stored_document(&state, &me, id).await?;
        let bytes = jixiao_assess::xlsx::monitor_template(&doc, period(&doc, q.month)?, None)
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
pub async fn preview(State(state): State<AppState>, me: Viewer, Query(q): Query<MonitorQuery>, body: Bytes) -> Response {
    let r = async {
        if !me.signed_in {
            return Err(PageError::NeedLogin(String::new()));
        }
        let id = q.document.ok_or_else(|| PageError::BadRequest("请选择文档。".into()))?;
        let doc = stored_document(&state, &me, id).await?;
        let report = jixiao_assess::xlsx::read_monitoring_xlsx("监控表.xlsx", &body, &doc).map_err(|errors| {
            PageError::BadRequest(errors.iter().take(20).map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))
        })?;
        let lights = jixiao_assess::report_lights(&doc, &report, &jixiao_assess::LightConfig::default());
        let form = jixiao_assess::report::lights_form(&doc, &report, &lights);
        Ok(jixiao_assess::form::table_html(&form))
    }
    .await;
    match r {
        Ok(html) => Html(html).into_response(),
        Err(PageError::BadRequest(msg)) => (StatusCode::UNPROCESSABLE_ENTITY, Html(format!("<div class=\"error\"><pre>{}</pre></div>", escape(&msg)))).into_response(),
        Err(e) => e.into_page(Some(&me)),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// 填报表中的一个项目及其指标（名称、指标值、计量提示）。
#[derive(Debug, serde::Serialize)]
struct EntryProject {
    index: usize,
    name: String,
    budget: Option<String>,
    indicators: Vec<EntryIndicator>,
}

#[derive(Debug, serde::Serialize)]
struct EntryIndicator {
    index: usize,
    level3: String,
    target: String,
    hint: String,
}

fn entry_rows(doc: &Document) -> Vec<EntryProject> {
    doc.projects
        .iter()
        .enumerate()
        .map(|(k, p)| EntryProject {
            index: k,
            name: p.name.value.clone(),
            budget: p.budget.total.as_ref().map(|m| m.value.0.normalize().to_string()),
            indicators: p
                .indicators
                .iter()
                .enumerate()
                .map(|(j, ind)| EntryIndicator {
                    index: j,
                    level3: ind.level3_text().to_string(),
                    target: ind.target.as_ref().map(|t| t.value.printed.clone()).unwrap_or_default(),
                    hint: jixiao_assess::TargetKind::of(ind).hint(),
                })
                .collect(),
        })
        .collect()
}

/// The web form's fields: `spent_K` (执行数, 万元), and per indicator `cur_K_J` (当前完成值),
/// `lik_K_J` (完成可能性), `cause_K_J`, `why_K_J`, `fix_K_J`. A project is reported when
/// any of its fields is filled in. Values are read with the indicator's own rules; every
/// problem is collected, naming the project and indicator.
fn report_from_form(
    doc: &Document,
    period: jixiao_assess::Period,
    form: &std::collections::HashMap<String, String>,
) -> Result<jixiao_assess::MonitoringReport, Vec<String>> {
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
                    errors.push(format!("项目“{}”：执行数应为金额（万元），实际为“{t}”。", p.name.value));
                    None
                }
            },
            None => None,
        };
        let mut indicators = Vec::new();
        for (j, ind) in p.indicators.iter().enumerate() {
            let mut ip = IndicatorProgress::empty(j);
            if let Some(t) = field(format!("cur_{k}_{j}")) {
                match TargetKind::of(ind).parse(&t) {
                    Ok(v) => ip.current = Some(v),
                    Err(hint) => errors.push(format!("项目“{}”第 {} 条指标“{}”的当前完成值“{t}”：{hint}", p.name.value, j + 1, ind.level3_text())),
                }
            }
            ip.likelihood = field(format!("lik_{k}_{j}")).and_then(|t| Likelihood::from_label(&t));
            ip.cause = field(format!("cause_{k}_{j}")).and_then(|t| DeviationCause::from_label(&t));
            ip.cause_text = field(format!("why_{k}_{j}"));
            ip.measures = field(format!("fix_{k}_{j}"));
            indicators.push(ip);
        }
        projects.push(ProjectMonitoring { project: k, annual_budget: None, spent_to_date: spent, expected_full_year_spend: None, indicators });
    }
    if projects.is_empty() {
        errors.push("请至少填写一个项目的监控数据。".into());
    }
    let report = MonitoringReport { period, projects };
    if errors.is_empty() {
        if let Err(problems) = jixiao_assess::monitoring::validate(doc, &report) {
            errors.extend(problems.iter().map(|e| e.to_string()));
        }
    }
    if errors.is_empty() {
        Ok(report)
    } else {
        Err(errors)
    }
}

/// Lights from the web form (htmx posts the form; the answer replaces the lights panel).
pub async fn entry(State(state): State<AppState>, me: Viewer, Query(q): Query<MonitorQuery>, body: Bytes) -> Response {
    let r = async {
        if !me.signed_in {
            return Err(PageError::NeedLogin(String::new()));
        }
        let id = q.document.ok_or_else(|| PageError::BadRequest("请选择文档。".into()))?;
        let doc = stored_document(&state, &me, id).await?;
        let form: std::collections::HashMap<String, String> =
            serde_urlencoded::from_bytes(&body).map_err(|e| PageError::BadRequest(format!("表单无法读取：{e}")))?;
        let report = report_from_form(&doc, period(&doc, q.month)?, &form).map_err(|errors| PageError::BadRequest(errors.join("\n")))?;
        let lights = jixiao_assess::report_lights(&doc, &report, &jixiao_assess::LightConfig::default());
        let form = jixiao_assess::report::lights_form(&doc, &report, &lights);
        Ok(jixiao_assess::form::table_html(&form))
    }
    .await;
    match r {
        Ok(html) => Html(format!("<div data-lights=\"yes\">{html}</div>")).into_response(),
        // htmx swaps 2xx answers only: errors come back as 200 with the error panel.
        Err(PageError::BadRequest(msg)) => Html(format!("<div class=\"error\" data-lights=\"no\"><pre>{}</pre></div>", escape(&msg))).into_response(),
        Err(e) => e.into_page(Some(&me)),
    }
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
        assert_eq!(report_from_form(&doc, period, &form).unwrap_err(), vec!["请至少填写一个项目的监控数据。".to_string()]);
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
        assert_eq!(errors, vec![format!("项目“{}”：执行数应为金额（万元），实际为“二十”。", doc.projects[0].name.value)]);
    }
}
