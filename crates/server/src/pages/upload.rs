//! 上传导入: several files at once (drag and drop) with progress. The browser sends each file
//! to `POST /api/v1/documents` (which imports it, checking the role and department) and to
//! [`diagnose`] here, which reads it the same way (`jixiao-carriers`, any carrier) without
//! storing anything and answers the reader's diagnostics and the review findings, so each
//! file's outcome can be shown in full.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use jixiao_model::Severity;
use serde::{Deserialize, Serialize};

use super::render::{page_result, render, Viewer, PageQuery};
use crate::problem::Problem;
use crate::state::AppState;

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
    /// The review's grade (优/良/中/差) and why, as it will be stored.
    grade: Option<&'static str>,
    grade_reasons: Vec<String>,
    diagnostics: Vec<Note>,
    findings: Vec<Note>,
    /// 读取报告: what was read and how sure the reading is, so the filler knows which rows to
    /// check and correct (on each project's page once imported as a draft) before submitting.
    reading: Option<Reading>,
}

/// 读取报告 as the upload page shows it.
#[derive(Debug, Serialize)]
struct Reading {
    /// 读出的指标行数。
    rows: usize,
    projects: Vec<ProjectReading>,
    /// 表格中未能识别的文字（前 100 处）。
    not_understood: Vec<Unread>,
    not_understood_total: usize,
}

#[derive(Debug, Serialize)]
struct ProjectReading {
    name: String,
    /// The line the project starts on: the imported project's `line`, by which the page links
    /// it to its project page.
    line: u32,
    rows: usize,
    /// 0–100.
    confidence: u32,
    /// 高 / 中 / 低.
    level: &'static str,
    /// 需要核对的行（项目内的序号，从 1 起）。
    doubtful_rows: Vec<usize>,
}

#[derive(Debug, Serialize)]
struct Unread {
    place: String,
    text: String,
}

/// How many lines not understood the page lists (the count says how many there were).
const UNREAD_SHOWN: usize = 100;

fn reading_report(name: &str, report: &jixiao_carriers::report::ReadingReport) -> Reading {
    let project = |p: &jixiao_carriers::report::ProjectReport| ProjectReading {
        name: if p.name.trim().is_empty() { "（未读出项目名称）".into() } else { p.name.clone() },
        line: p.at.line,
        rows: p.rows,
        confidence: (p.confidence * 100.0).round().clamp(0.0, 100.0) as u32,
        level: p.level.label(),
        doubtful_rows: p.doubtful_rows.iter().map(|r| r + 1).collect(),
    };
    Reading {
        rows: report.rows,
        projects: report.projects.iter().chain(report.department.as_ref()).map(project).collect(),
        not_understood: report
            .not_understood
            .iter()
            .take(UNREAD_SHOWN)
            .map(|u| Unread { place: format!("{name} {}", u.at), text: u.text.clone() })
            .collect(),
        not_understood_total: report.not_understood.len(),
    }
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

pub async fn diagnose(State(state): State<AppState>, me: Viewer, PageQuery(q): PageQuery<NameQuery>, request: Request) -> Response {
    if !me.signed_in {
        return (StatusCode::UNAUTHORIZED, Json(serde_json::json!({ "ok": false, "error": "请先登录。" }))).into_response();
    }
    // Over the limit: a Chinese 413 problem (with `ok` and `error` for the page's script).
    let body = match crate::json::read_body(request, &state, state.settings.limits).await {
        Ok(b) => b,
        Err(p) => return diagnosis_problem(p),
    };
    let name = match q.name.as_deref() {
        None => "上传文件".to_string(),
        Some(n) => match crate::api::documents::file_name(Some(n)) {
            Ok(n) => n,
            Err(p) => return diagnosis_problem(p),
        },
    };
    let diagnosis = match crate::api::documents::read_upload(&name, body.to_vec()).await {
        Ok(read) => {
            let (reading, report) = (&read.reading, &read.report);
            let doc = &reading.document;
            Diagnosis {
                ok: true,
                error: None,
                department: doc.department.as_ref().map(|d| d.value.clone()),
                year: doc.year.as_ref().map(|y| y.value),
                projects: doc.projects.len(),
                indicators: doc.projects.iter().map(|p| p.indicators.len()).sum::<usize>() + doc.department_indicators.len(),
                score: Some(report.score.value),
                grade: Some(report.score.grade),
                grade_reasons: report.grade_reasons.clone(),
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
                reading: Some(reading_report(&name, &reading.report)),
            }
        }
        Err(p) if p.status.is_server_error() => failed(format!("读取 {name} 时出错：{}", p.detail)),
        Err(p) => failed(p.detail),
    };
    Json(diagnosis).into_response()
}

/// A refused diagnosis: the problem (status and problem+json), plus `ok` and `error`.
fn diagnosis_problem(p: Problem) -> Response {
    let detail = p.detail.clone();
    p.with("ok", false).with("error", detail).into_response()
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
        grade: None,
        grade_reasons: vec![],
        diagnostics: vec![],
        findings: vec![],
        reading: None,
    }
}
