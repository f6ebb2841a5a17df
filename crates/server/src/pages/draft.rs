//! 新建绩效目标表 (`/drafts/new`): a 项目支出绩效目标表 drafted from scratch in the official
//! layout, or started from a project of an earlier year (`?from=项目`: 复制为下一年度草稿 on
//! the form, targets copied, amounts blank). The page only reads; `assets/app.js` reviews the
//! draft as the user types (`POST /api/v1/drafts/review`, each indicator row's value also
//! through `/ui/check-target`, the editor's live validation) and saves it with
//! `POST /api/v1/drafts`: the same permission check as the API (`policy::check_draft`).
//! Beside the table, 指标建议（相似项目的指标） lists what the most similar projects the
//! user may see measure (`POST /api/v1/library/suggest` as the user types the name, purpose
//! and goals); 添加 puts one into the table as a row, its typical target already split.

use axum::extract::State;
use axum::response::{Html, Response};
use serde::Deserialize;

use super::render::{page_result, render, PageError, PageQuery, Viewer};
use crate::api::drafts::{next_year, DraftRequest, LEVELS};
use crate::auth::policy::{check, check_draft, Action, Role};
use crate::state::AppState;
use jixiao_store::{ListFilter, Slice};

#[derive(Debug, Default, Deserialize)]
pub struct DraftQuery {
    /// 以此项目（上一年度）为起点。
    #[serde(default)]
    from: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    me: Viewer,
    PageQuery(q): PageQuery<DraftQuery>,
) -> Response {
    if !me.signed_in {
        return PageError::NeedLogin(String::new()).into_page(None);
    }
    let r = build(&state, &me, q).await;
    page_result(&me, r)
}

async fn build(state: &AppState, me: &Viewer, q: DraftQuery) -> Result<Html<String>, PageError> {
    let store = &state.store;
    // Admins pick the department; a filler drafts for their own; reviewers never.
    let own = match me.actor.role() {
        Some(Role::Admin) => None,
        _ => Some(check_draft(me.actor, None)?),
    };
    let departments: Vec<_> = match own {
        Some(d) => vec![store.organisation(d).await?],
        None => store
            .organisations(
                &ListFilter::default(),
                Slice {
                    offset: 0,
                    limit: 10_000,
                },
            )
            .await?
            .items
            .into_iter()
            .filter(|o| o.kind == "department")
            .collect(),
    };
    let this_year = jixiao_store::time::now()
        .get(..4)
        .and_then(|y| y.parse::<i64>().ok())
        .unwrap_or(2025);
    let mut initial = DraftRequest {
        year: this_year + 1,
        department_id: own,
        ..DraftRequest::default()
    };
    let mut from_name = None;
    let mut from_id = None;
    if let Some(from) = q.from.as_deref().filter(|f| !f.is_empty()) {
        let id: i64 = from
            .parse()
            .map_err(|_| PageError::BadRequest(format!("项目编号应为整数，实际为“{from}”。")))?;
        let hidden = || PageError::NotFound("未找到该记录，或您无权查看。".into());
        let project = store.project(id).await.map_err(|_| hidden())?;
        check(me.actor, Action::Read, project.department(), project.status)
            .map_err(|_| hidden())?;
        // Starting from it drafts for the viewer's department (or, for an admin, its own).
        let mut draft = next_year(state, &project, false).await?;
        draft.department_id = own.or(project.department_id);
        from_name = Some(format!(
            "{}（{} 年度）",
            project.name,
            project.year.unwrap_or_default()
        ));
        initial = draft;
        from_id = Some(id);
    }
    // Projects of earlier years of the viewer's department to start from.
    let earlier = match own {
        Some(d) => store
            .department_projects(me.actor.visibility(), d, None)
            .await?
            .into_iter()
            .filter(|p| p.year.is_some_and(|y| y < initial.year))
            .take(200)
            .collect(),
        None => Vec::new(),
    };
    let deadlines = crate::api::years::deadlines(state).await?;
    let levels: Vec<_> = LEVELS
        .iter()
        .map(|(l1, l2s)| minijinja::context! { name => l1, children => l2s })
        .collect();
    render(
        "draft.html",
        minijinja::context! {
            me, departments, initial, from_name, from_id, levels, deadlines,
            earlier => earlier.iter().map(|p| minijinja::context! { id => p.id, name => &p.name, year => p.year }).collect::<Vec<_>>(),
            is_admin => own.is_none(),
            operators => ["≥", ">", "=", "≤", "<", "约", "定性"],
            months => [3, 6, 10, 12],
        },
    )
}
