//! 待办 (work queues, issue 17): each role's list of projects and 部门整体支出绩效目标表
//! waiting for them — a filler's 我的草稿 and 被退回 (with the reviewer's last comment), a
//! reviewer's 待审核 — filtered by status, department and year, and the counts the home page
//! shows (projects and tables together). Reviewers approve or return the items they tick in
//! one go, with one comment: `assets/app.js` sends each through the API's own workflow
//! endpoint (`/api/v1/projects/{id}/…` or `/api/v1/department-tables/{id}/…`: its role,
//! department, status and version checks). The lists are the store's project list and
//! `department_tables_in` under the viewer's visibility; a filler's queue is always their own
//! department's. The department-wide tables come first, on the first page.

use std::collections::HashMap;

use axum::extract::State;
use axum::response::{Html, Response};
use jixiao_store::{ListFilter, Slice, Status};
use serde::{Deserialize, Serialize};

use super::format;
use super::render::{page_result, render, PageError, PageQuery, Viewer};
use crate::auth::policy::Role;
use crate::state::AppState;

/// Rows on one page of a queue.
const PER_PAGE: i64 = 100;

#[derive(Debug, Default, Deserialize)]
pub struct QueueQuery {
    pub status: Option<String>,
    pub department: Option<String>,
    pub year: Option<String>,
    pub page: Option<String>,
}

/// One queue of a role: its status, its name for this role and how many items (projects and
/// 部门整体 tables) wait in it, of which `tables` are 部门整体 tables.
#[derive(Debug, Clone, Serialize)]
pub struct QueueCount {
    pub status: &'static str,
    pub name: &'static str,
    pub count: i64,
    pub tables: i64,
}

/// The queues of the viewer's role, in the order shown: fillers 我的草稿 / 被退回 /
/// 已提交待审核; reviewers and admins 待审核 / 已退回待修改. The public has none.
fn queues_of(me: &Viewer) -> Vec<(Status, &'static str)> {
    match me.actor.role() {
        Some(Role::Filler) => vec![(Status::Draft, "我的草稿"), (Status::Returned, "被退回"), (Status::Submitted, "已提交待审核")],
        Some(Role::Reviewer | Role::Admin) => vec![(Status::Submitted, "待审核"), (Status::Returned, "已退回待修改")],
        None => Vec::new(),
    }
}

/// The department a viewer's queues are limited to: a filler's own (none: nothing to do).
fn own_department(me: &Viewer) -> Result<Option<i64>, ()> {
    match me.actor.role() {
        Some(Role::Filler) => me.department_id.map(Some).ok_or(()),
        _ => Ok(None),
    }
}

/// The counts of the viewer's queues (for the home page).
pub async fn counts(state: &AppState, me: &Viewer, year: Option<i64>) -> Result<Vec<QueueCount>, PageError> {
    let Ok(department) = own_department(me) else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for (status, name) in queues_of(me) {
        let filter = ListFilter { status: Some(status), department, year, ..Default::default() };
        let none = Slice { offset: 0, limit: 0 };
        let (projects, tables) = tokio::try_join!(
            state.store.project_count(me.actor.visibility(), &filter),
            state.store.department_tables_in(me.actor.visibility(), &filter, none),
        )?;
        out.push(QueueCount { status: status.as_str(), name, count: projects + tables.total, tables: tables.total });
    }
    Ok(out)
}

fn parse_status(s: &str) -> Option<Status> {
    match s {
        "draft" => Some(Status::Draft),
        "submitted" => Some(Status::Submitted),
        "returned" => Some(Status::Returned),
        _ => None,
    }
}

fn number(field: &str, value: Option<&str>) -> Result<Option<i64>, PageError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| PageError::BadRequest(format!("{field}应为整数，实际为“{v}”。"))),
    }
}

/// A row of the queue: a project, or a 部门整体 table (`table`).
#[derive(Debug, Serialize)]
struct Row {
    id: i64,
    /// A 部门整体支出绩效目标表 (its id is its revision's; worked on in its section of the
    /// department page, moved by `/api/v1/department-tables/{id}/…`) rather than a project.
    table: bool,
    department_id: Option<i64>,
    version: i64,
    year: Option<i64>,
    department: String,
    name: String,
    budget: String,
    status: &'static str,
    status_name: &'static str,
    updated_at: String,
    /// The last comment on a returned project (what the reviewer asked for).
    last_comment: Option<String>,
}

/// A department's name for a row, from the page's names (one query for all of them: a
/// query per department was most of the page's time with a hundred rows).
fn department_name(names: &HashMap<i64, String>, id: Option<i64>) -> String {
    id.and_then(|d| names.get(&d)).cloned().unwrap_or_else(|| "（未识别部门）".into())
}

pub async fn page(State(state): State<AppState>, me: Viewer, PageQuery(q): PageQuery<QueueQuery>) -> Response {
    if !me.signed_in {
        return PageError::NeedLogin(String::new()).into_page(None);
    }
    let r = build(&state, &me, q).await;
    page_result(&me, r)
}

async fn build(state: &AppState, me: &Viewer, q: QueueQuery) -> Result<Html<String>, PageError> {
    let queues = queues_of(me);
    let status = match q.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => queues.first().map(|(s, _)| *s).unwrap_or(Status::Submitted),
        Some(s) => parse_status(s).ok_or_else(|| PageError::BadRequest(format!("状态应为 draft、returned 或 submitted，实际为“{s}”。")))?,
    };
    let year = number("年度", q.year.as_deref())?;
    let asked_department = number("部门编号", q.department.as_deref())?;
    let page_no = number("页码", q.page.as_deref())?.unwrap_or(1).max(1);
    // A filler's queue is their own department's, whatever the address asks.
    let own = own_department(me).map_err(|_| PageError::Forbidden("您的账号没有所属部门，没有待办项目。".into()))?;
    let department = own.or(asked_department);
    let filter = ListFilter { status: Some(status), department, year, ..Default::default() };
    let slice = Slice { offset: (page_no - 1) * PER_PAGE, limit: PER_PAGE };
    let listed = state.store.projects(me.actor.visibility(), &filter, slice).await?;
    // The department-wide tables of this queue, before the projects on the first page.
    let tables = if page_no == 1 {
        state.store.department_tables_in(me.actor.visibility(), &filter, Slice { offset: 0, limit: PER_PAGE }).await?
    } else {
        state.store.department_tables_in(me.actor.visibility(), &filter, Slice { offset: 0, limit: 0 }).await?
    };
    let departments: Vec<i64> =
        tables.items.iter().filter_map(|t| t.department_id).chain(listed.items.iter().filter_map(|p| p.department_id)).collect();
    let names = state.store.organisation_names(&departments).await?;
    let mut rows = Vec::with_capacity(listed.items.len() + tables.items.len());
    for t in tables.items {
        let department = department_name(&names, t.department_id);
        let last_comment = if t.status == Status::Returned {
            state.store.table_comments(t.id).await?.into_iter().next_back().map(|c| format!("{}：{}", c.author.unwrap_or_else(|| "用户".into()), c.body))
        } else {
            None
        };
        rows.push(Row {
            id: t.id,
            table: true,
            department_id: t.department_id,
            version: t.version,
            year: t.year,
            department,
            name: format!("部门整体支出绩效目标表（{}）", t.file_name),
            budget: format::money(t.budget_total.as_deref()).map(format::wan).unwrap_or_default(),
            status: t.status.as_str(),
            status_name: t.status.name(),
            updated_at: t.updated_at.replace('T', " ").trim_end_matches('Z').to_string(),
            last_comment,
        });
    }
    for p in listed.items {
        let department = department_name(&names, p.department_id);
        let last_comment = if p.status == Status::Returned {
            state.store.comments(p.id).await?.into_iter().rev().find(|c| c.indicator_id.is_none()).map(|c| {
                format!("{}：{}", c.author.unwrap_or_else(|| "用户".into()), c.body)
            })
        } else {
            None
        };
        rows.push(Row {
            id: p.id,
            table: false,
            department_id: p.department_id,
            version: p.version,
            year: p.year,
            department,
            budget: format::money(p.budget_total.as_deref()).map(format::wan).unwrap_or_default(),
            name: p.name,
            status: p.status.as_str(),
            status_name: p.status.name(),
            updated_at: p.updated_at.replace('T', " ").trim_end_matches('Z').to_string(),
            last_comment,
        });
    }
    // Department choices for reviewers (fillers have their own only).
    let departments: Vec<_> = if own.is_none() {
        let orgs = state.store.organisations(&ListFilter::default(), Slice { offset: 0, limit: 1000 }).await?;
        orgs.items.into_iter().filter(|o| o.kind == "department").map(|o| minijinja::context! { id => o.id, name => o.name }).collect()
    } else {
        Vec::new()
    };
    let years = state.store.years().await?;
    let counts = counts(state, me, year).await?;
    let reviewing = status == Status::Submitted && matches!(me.actor.role(), Some(Role::Reviewer | Role::Admin));
    let pages = (listed.total + PER_PAGE - 1) / PER_PAGE;
    let title = queues.iter().find(|(s, _)| *s == status).map(|(_, n)| *n).unwrap_or(status.name());
    render(
        "queue.html",
        minijinja::context! {
            me, rows, counts, departments, years, title, reviewing,
            status => status.as_str(),
            department => asked_department,
            own_department => own,
            year,
            total => listed.total + tables.total,
            tables => tables.total,
            page => page_no,
            pages,
        },
    )
}
