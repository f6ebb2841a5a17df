//! 部门 page: the department's projects with budget, indicator count, quality score and
//! status, department totals, and (for its 填报员) submitting every draft at once.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use axum::extract::State;
use axum::response::{Html, Response};
use rust_decimal::Decimal;

use super::dashboard::{pick_year, YearQuery};
use super::render::{page_result, render, PageError, Viewer, PageQuery, PagePath};
use super::{format, queries};
use crate::auth::policy::{check, Action};
use crate::state::AppState;

pub async fn page(State(state): State<AppState>, me: Viewer, PagePath(id): PagePath<String>, PageQuery(q): PageQuery<YearQuery>) -> Response {
    let r = build(&state, &me, &id, q).await;
    page_result(&me, r)
}

async fn build(state: &AppState, me: &Viewer, id: &str, q: YearQuery) -> Result<Html<String>, PageError> {
    let id: i64 = id.parse().map_err(|_| PageError::BadRequest(format!("部门编号应为整数，实际为“{id}”。")))?;
    let org = state.store.organisation(id).await?;
    let year = pick_year(q.year.as_deref(), &[])?;
    let projects = queries::projects_of_department(&state.store, me.actor, id, year).await?;
    let total: Decimal = projects.iter().filter_map(|p| format::money(p.budget_total.as_deref())).sum();
    let indicators: i64 = projects.iter().map(|p| p.indicators).sum();
    let mean_score = if projects.is_empty() { 0 } else { projects.iter().map(|p| p.score).sum::<i64>() / projects.len() as i64 };
    let years: Vec<i64> = {
        let mut y: Vec<i64> = projects.iter().filter_map(|p| p.year).collect();
        y.dedup();
        y
    };
    // What "提交本部门全部草稿" sends, one API call per project (each with its version).
    let submittable: Vec<serde_json::Value> = projects
        .iter()
        .filter(|p| check(me.actor, Action::Submit, id, p.status).is_ok())
        .map(|p| serde_json::json!({ "id": p.id, "version": p.version }))
        .collect();
    let can_submit_all = me.is(crate::auth::policy::Role::Filler) && !submittable.is_empty();
    let disclosures = disclosures(state, id, &projects).await?;
    render(
        "department.html",
        minijinja::context! {
            me, org, year, years, projects,
            total => format::wan(total),
            indicators, mean_score, grade => format::grade(mean_score),
            submittable,
            can_submit_all,
            disclosures,
        },
    )
}

/// The 部门预算公开 printed around the targets, for each current document of the department
/// whose every project the viewer may see (a document still partly in draft shows its
/// disclosure only to those who see its drafts): read again from the stored original bytes.
/// The sections are HTML written by `jixiao-disclosure`, which escapes every text it prints;
/// they go into the page as markup, all other data as escaped text.
async fn disclosures(state: &AppState, department: i64, visible: &[queries::ProjectRow]) -> Result<Vec<minijinja::Value>, PageError> {
    let pairs = state.store.current_projects_of_department(department).await?;
    let seen = |p: &i64| visible.iter().any(|v| v.id == *p);
    let mut revisions: Vec<i64> = pairs.iter().filter(|(_, p)| seen(p)).map(|(r, _)| *r).collect();
    revisions.sort_unstable();
    revisions.dedup();
    revisions.retain(|r| pairs.iter().filter(|(rev, _)| rev == r).all(|(_, p)| seen(p)));
    let mut sections = Vec::new();
    for revision in revisions {
        if let Some(section) = disclosure_of(state, revision).await? {
            sections.push(minijinja::Value::from_safe_string(section));
        }
    }
    Ok(sections)
}

/// A revision's 部门预算公开 section, rendered once per process for the same bytes (by their
/// SHA-256 and file name): reading the stored file again took most of the page's time (40 ms
/// on SQLite).
async fn disclosure_of(state: &AppState, revision: i64) -> Result<Option<String>, PageError> {
    type Sections = HashMap<(String, String), Option<String>>;
    static RENDERED: OnceLock<Mutex<Sections>> = OnceLock::new();
    let (file_name, sha256) = state.store.revision_file(revision).await?;
    let key = (sha256, file_name);
    if let Some(hit) = RENDERED.get_or_init(Default::default).lock().ok().and_then(|m| m.get(&key).cloned()) {
        return Ok(hit);
    }
    let bytes = state.store.revision_content(revision).await?;
    let section = jixiao_office::blocks(&key.1, &bytes)
        .ok()
        .and_then(|blocks| jixiao_disclosure::read_disclosure(&blocks).0)
        .map(|d| jixiao_disclosure::render_section(&d));
    if let Ok(mut map) = RENDERED.get_or_init(Default::default).lock() {
        if map.len() >= 4096 {
            map.clear(); // bounded; a miss only means reading the file again
        }
        map.insert(key, section.clone());
    }
    Ok(section)
}
