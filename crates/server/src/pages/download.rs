//! Download buttons (issue 7): a project or a department as .xlsx, .docx or .csv, written by
//! `jixiao-office` from the data as it is now in the database (edits included), with the
//! same visibility as the pages.

use std::str::FromStr;

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use jixiao_model::{Budget, Document, Indicator, IndicatorLevel, Level1, Level2, Located, Money, Origin, Project, Target};
use rust_decimal::Decimal;

use super::dashboard::{pick_year, YearQuery};
use super::render::{PageError, Viewer};
use crate::auth::policy::{check, Action};
use crate::db::read;
use crate::state::AppState;

/// 可下载的格式：扩展名、媒体类型、写出函数。
type Format = (&'static str, &'static str, fn(&Document) -> Vec<u8>);

fn format_of(name: &str) -> Result<Format, PageError> {
    match name {
        "xlsx" => Ok(("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", jixiao_office::write_xlsx)),
        "docx" => Ok(("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", jixiao_office::write_docx)),
        "csv" => Ok(("csv", "text/csv; charset=utf-8", jixiao_office::write_csv)),
        other => Err(PageError::BadRequest(format!("不支持的下载格式“{other}”：可选 xlsx、docx、csv。"))),
    }
}

fn at(line: i64) -> Origin {
    Origin::line(u32::try_from(line).unwrap_or(0))
}

fn located(text: Option<String>, line: i64) -> Option<Located<String>> {
    text.filter(|t| !t.trim().is_empty()).map(|t| Located::new(t, at(line)))
}

fn amount(text: &Option<String>, line: i64) -> Option<Located<Money>> {
    text.as_deref().and_then(|t| Decimal::from_str(t.trim()).ok()).map(|d| Located::new(Money(d), at(line)))
}

/// A stored indicator as the model's row (the target parsed again from its printed text).
fn indicator(i: read::Indicator) -> Indicator {
    let here = at(i.line);
    Indicator {
        level1: IndicatorLevel { category: Level1::from_printed(&i.level1_printed), printed: Located::new(i.level1_printed, here), inherited: false },
        level2: IndicatorLevel { category: Level2::from_printed(&i.level2_printed), printed: Located::new(i.level2_printed, here), inherited: false },
        level3: located(i.level3, i.line),
        description: located(i.description, i.line),
        target: i.target_printed.filter(|t| !t.trim().is_empty()).map(|t| Located::new(Target::parse(&t), here)),
        basis: located(i.basis, i.line),
        weight: i.weight.as_deref().and_then(|w| Decimal::from_str(w).ok()),
        at: here,
    }
}

async fn project(state: &AppState, p: &read::Project) -> Result<Project, PageError> {
    let (indicators, goals) = tokio::try_join!(read::indicators_of(&state.store, p.id), read::goals_of(&state.store, p.id))?;
    Ok(Project {
        unit: None,
        code: located(p.code.clone(), p.line),
        name: Located::new(p.name.clone(), at(p.line)),
        budget: Budget { total: amount(&p.budget_total, p.line), fiscal: amount(&p.budget_fiscal, p.line), other: amount(&p.budget_other, p.line) },
        purpose: located(p.purpose.clone(), p.line),
        spending_plan: None,
        goals: goals.into_iter().map(|g| Located::new(g, at(p.line))).collect(),
        indicators: indicators.into_iter().map(indicator).collect(),
        at: at(p.line),
    })
}

async fn department_name(state: &AppState, id: Option<i64>) -> Option<String> {
    read::organisation_by_id(&state.store, id?).await.ok().map(|o| o.name)
}

fn document(source: String, department: Option<String>, year: Option<i64>, projects: Vec<Project>) -> Document {
    Document {
        source,
        department: department.map(|d| Located::new(d, Origin::line(1))),
        year: year.and_then(|y| i32::try_from(y).ok()).map(|y| Located::new(y, Origin::line(1))),
        projects,
        ..Document::default()
    }
}

/// `attachment` with the Chinese name (RFC 5987) and an ASCII fallback.
fn attachment(name: &str, ext: &str, fallback: &str) -> String {
    let encoded: String = format!("{name}.{ext}")
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    format!("attachment; filename=\"{fallback}.{ext}\"; filename*=UTF-8''{encoded}")
}

fn file(doc: &Document, format: &str, name: &str, fallback: &str) -> Result<Response, PageError> {
    let (ext, mime, write) = format_of(format)?;
    let bytes = write(doc);
    Ok(([(header::CONTENT_TYPE, mime.to_string()), (header::CONTENT_DISPOSITION, attachment(name, ext, fallback))], bytes).into_response())
}

pub async fn project_file(State(state): State<AppState>, me: Viewer, Path((id, format)): Path<(i64, String)>) -> Response {
    let r = async {
        let p = read::project_row(&state.store, id).await.map_err(|_| PageError::NotFound("未找到该记录，或您无权查看。".into()))?;
        check(me.actor, Action::Read, p.department(), p.status()?)?;
        let department = department_name(&state, p.department_id).await;
        let doc = document(format!("{}（jixiao 导出）", p.name), department, p.year, vec![project(&state, &p).await?]);
        file(&doc, &format, &p.name, &format!("project-{id}"))
    }
    .await;
    r.unwrap_or_else(|e| e.into_page(Some(&me)))
}

pub async fn department_file(
    State(state): State<AppState>,
    me: Viewer,
    Path((id, format)): Path<(i64, String)>,
    Query(q): Query<YearQuery>,
) -> Response {
    let r = async {
        let org = read::organisation_by_id(&state.store, id).await?;
        let year = pick_year(q.year.as_deref(), &[])?;
        let rows = super::queries::projects_of_department(&state.store, me.actor, id, year).await?;
        let mut projects = Vec::with_capacity(rows.len());
        for row in &rows {
            projects.push(project(&state, &read::project_row(&state.store, row.id).await?).await?);
        }
        let name = match year {
            Some(y) => format!("{}{y}年度绩效目标", org.name),
            None => format!("{}绩效目标", org.name),
        };
        let doc = document(format!("{name}（jixiao 导出）"), Some(org.name.clone()), year, projects);
        file(&doc, &format, &name, &format!("department-{id}"))
    }
    .await;
    r.unwrap_or_else(|e| e.into_page(Some(&me)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_file_names_are_encoded() {
        assert_eq!(
            attachment("安全 项目", "csv", "project-7"),
            "attachment; filename=\"project-7.csv\"; filename*=UTF-8''%E5%AE%89%E5%85%A8%20%E9%A1%B9%E7%9B%AE.csv"
        );
        assert!(matches!(format_of("pdf"), Err(PageError::BadRequest(m)) if m == "不支持的下载格式“pdf”：可选 xlsx、docx、csv。"));
    }
}
