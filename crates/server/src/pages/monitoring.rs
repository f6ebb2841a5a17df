//! 运行监控（预览）: download a document's monitoring template, upload it filled in, and see
//! the lights (红黄绿) computed by jixiao-assess. Nothing is stored: the store has no table
//! for monitoring entries yet, so this page is labelled a preview.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use jixiao_model::Document;
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
        render("monitoring.html", minijinja::context! { me, documents, selected => q.document, month => q.month.unwrap_or(8) })
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
