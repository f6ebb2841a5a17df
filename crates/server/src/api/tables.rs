//! `/api/v1/department-tables`: the 部门整体支出绩效目标表 (issue 17) as items of the review
//! workflow. A table is stored with the revision that prints it, and its workflow row is keyed
//! by that revision (`id` = the revision's id; only a document's current revision's table is
//! reachable). It goes draft → submit → return (with a comment) | approve like a project,
//! through the same role rules (`auth/policy.rs` `check`, the table's department and status),
//! the same checks of a step and the store's same transition (`projects::move_through`),
//! audited before → after as entity `department_table`. Hidden tables answer 404.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use jixiao_store::{text, DepartmentTable, ListFilter, TableState};

use super::input::required;
use super::projects::{move_through, NewComment, Transition};
use super::query::{Id, ListParams, Paged, Params};
use super::version::expected_version;
use crate::auth::caller::Caller;
use crate::auth::policy::{check_item, Action};

/// What messages call a table.
const TABLE: &str = "部门整体支出绩效目标表";
use crate::json::JsonBody;
use crate::problem::Problem;
use crate::state::AppState;

/// The table's workflow row when the caller may do `action` on it (a table the caller may
/// not read is 404, even for writes).
pub async fn allowed(state: &AppState, caller: &Caller, id: i64, action: Action) -> Result<TableState, Problem> {
    let t = state.store.table_state(id).await?;
    check_item(caller.actor(), Action::Read, t.department(), t.status, TABLE)?;
    check_item(caller.actor(), action, t.department(), t.status, TABLE)?;
    if matches!(action, Action::Edit | Action::Submit) {
        super::years::check_open(state, caller.actor(), t.year).await?;
    }
    Ok(t)
}

/// The whole table (goals, budget, indicators, status) of workflow row `t`, as the caller
/// sees it.
pub async fn table(state: &AppState, caller: &Caller, t: &TableState) -> Result<DepartmentTable, Problem> {
    let filter = ListFilter { document: Some(t.document_id), ..Default::default() };
    state
        .store
        .department_tables(caller.actor().visibility(), &filter)
        .await?
        .into_iter()
        .find(|x| x.id == t.id)
        .ok_or_else(|| Problem::not_found("未找到该记录，或您无权查看。"))
}

/// How many of the table's own findings (its revision's findings about no project) are
/// errors: what a submit without a justification is refused for.
pub async fn open_errors(state: &AppState, id: i64) -> Result<usize, Problem> {
    let findings = state.store.table_findings(id).await?;
    Ok(findings.iter().filter(|f| f.severity == "error").count())
}

pub async fn list(State(state): State<AppState>, caller: Caller, Params(p): Params<ListParams>) -> Result<Response, Problem> {
    let w = p.window()?;
    let listed = state.store.department_tables_in(caller.actor().visibility(), &p.filter(), w.slice()).await?;
    Ok(Json(Paged::new(listed, w)).into_response())
}

pub async fn get(State(state): State<AppState>, caller: Caller, Id(id): Id) -> Result<Response, Problem> {
    let t = allowed(&state, &caller, id, Action::Read).await?;
    Ok(Json(table(&state, &caller, &t).await?).into_response())
}

async fn transition(
    state: AppState,
    caller: Caller,
    id: i64,
    headers: HeaderMap,
    body: Transition,
    action: Action,
) -> Result<Response, Problem> {
    caller.require_user()?;
    let version = expected_version(&headers, body.version)?;
    let before = allowed(&state, &caller, id, action).await?;
    let errors = if action == Action::Submit { open_errors(&state, id).await? } else { 0 };
    move_through(&state, &caller, &before, version, &body, action, errors, &format!("本{TABLE}")).await
}

pub async fn submit(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    headers: HeaderMap,
    JsonBody(body): JsonBody<Transition>,
) -> Result<Response, Problem> {
    transition(state, caller, id, headers, body, Action::Submit).await
}

pub async fn send_back(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    headers: HeaderMap,
    JsonBody(body): JsonBody<Transition>,
) -> Result<Response, Problem> {
    transition(state, caller, id, headers, body, Action::Return).await
}

pub async fn approve(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    headers: HeaderMap,
    JsonBody(body): JsonBody<Transition>,
) -> Result<Response, Problem> {
    transition(state, caller, id, headers, body, Action::Approve).await
}

pub async fn comments(State(state): State<AppState>, caller: Caller, Id(id): Id) -> Result<Response, Problem> {
    caller.require_user()?;
    allowed(&state, &caller, id, Action::Read).await?;
    Ok(Json(json!({ "items": state.store.table_comments(id).await? })).into_response())
}

pub async fn add_comment(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    JsonBody(body): JsonBody<NewComment>,
) -> Result<Response, Problem> {
    let by = caller.require_user()?.id;
    allowed(&state, &caller, id, Action::Comment).await?;
    if body.indicator_id.is_some() {
        return Err(Problem::unprocessable("部门整体支出绩效目标表的意见针对整张表，不能指定 indicator_id。"));
    }
    let comment = required(text::COMMENT, &body.body)?;
    let comment_id = state.store.add_table_comment(by, id, &comment).await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": comment_id }))).into_response())
}
