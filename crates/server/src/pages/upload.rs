//! 上传导入: several files at once (drag and drop) with progress. The browser sends each file
//! to `POST /api/v1/documents` (which imports it, checking the role and department) and to
//! [`diagnose`] here, which reads it without storing anything and answers the reader's
//! diagnostics and the review findings, so each file's outcome can be shown in full.

use axum::body::Bytes;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use jixiao_model::Severity;
use serde::{Deserialize, Serialize};

use super::render::{page_result, render, Viewer};

pub async fn page(me: Viewer) -> Response {
    if !me.signed_in {
        return super::PageError::NeedLogin(String::new()).into_page(None);
    }
    let can_upload = crate::auth::policy::check_upload(me.actor, None).is_ok();
    page_result(&me, render("upload.html", minijinja::context! { me, can_upload }))
}

#[derive(Debug, Deserialize)]
pub struct NameQuery {
    name: Option<String>,
}

#[derive(Debug, Serialize)]
struct Note {
    severity: &'static str,
    place: String,
    message: String,
}

/// 文件的读取诊断与审核意见（不保存）。
#[derive(Debug, Serialize)]
struct Diagnosis {
    ok: bool,
    error: Option<String>,
    department: Option<String>,
    year: Option<i32>,
    projects: usize,
    indicators: usize,
    score: Option<u32>,
    diagnostics: Vec<Note>,
    findings: Vec<Note>,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

pub async fn diagnose(me: Viewer, Query(q): Query<NameQuery>, body: Bytes) -> Response {
    if !me.signed_in {
        return (StatusCode::UNAUTHORIZED, Json(serde_json::json!({ "ok": false, "error": "请先登录。" }))).into_response();
    }
    let name = q.name.unwrap_or_else(|| "上传文件".into());
    let file = name.clone();
    let result = tokio::task::spawn_blocking(move || {
        let reading = jixiao_read::read_bytes(&file, &body)?;
        let report = jixiao_review::review(&reading.document, &jixiao_review::Config::default());
        Ok::<_, jixiao_read::ReadError>((reading, report))
    })
    .await;
    let diagnosis = match result {
        Ok(Ok((reading, report))) => {
            let doc = &reading.document;
            Diagnosis {
                ok: true,
                error: None,
                department: doc.department.as_ref().map(|d| d.value.clone()),
                year: doc.year.as_ref().map(|y| y.value),
                projects: doc.projects.len(),
                indicators: doc.projects.iter().map(|p| p.indicators.len()).sum::<usize>() + doc.department_indicators.len(),
                score: Some(report.score.value),
                diagnostics: reading
                    .diagnostics
                    .iter()
                    .map(|d| Note { severity: severity(d.severity), place: format!("{name} {}", d.at), message: d.message.clone() })
                    .collect(),
                findings: report
                    .findings
                    .iter()
                    .take(200)
                    .map(|f| Note { severity: severity(f.severity), place: format!("{name} 第 {} 行", f.location.line), message: f.message.clone() })
                    .collect(),
            }
        }
        Ok(Err(e)) => failed(e.to_string()),
        Err(e) => failed(format!("读取 {name} 时出错：{e}")),
    };
    Json(diagnosis).into_response()
}

fn failed(error: String) -> Diagnosis {
    Diagnosis {
        ok: false,
        error: Some(error),
        department: None,
        year: None,
        projects: 0,
        indicators: 0,
        score: None,
        diagnostics: vec![],
        findings: vec![],
    }
}
