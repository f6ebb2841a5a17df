//! 指标库 pages: entries by 一级/二级 category and by words (`/library`), an entry's value
//! distribution and the projects using it (`/library/{key}`), and indicator suggestions for a
//! project being drafted (`/library/suggest`, a form; from a project page with `?project=`).
//! All of it from the library of what the viewer may see ([`crate::library`]).

use axum::extract::State;
use axum::response::{Html, Response};
use serde::Deserialize;

use super::render::{page_result, render, PageError, PagePath, PageQuery, Viewer};
use crate::api::library::{problem, SuggestRequest};
use crate::auth::policy::{check, Action};
use crate::library::{categories, filtered, EntryDetail, EntrySummary, SuggestionView};
use crate::state::AppState;

/// Entries per page.
const PER_PAGE: usize = 50;

#[derive(Debug, Default, Deserialize)]
pub struct IndexQuery {
    q: Option<String>,
    level1: Option<String>,
    level2: Option<String>,
    page: Option<String>,
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn short(v: Option<&str>, what: &str) -> Result<(), PageError> {
    if v.is_some_and(|v| v.chars().count() > jixiao_store::text::QUERY.max) {
        return Err(PageError::BadRequest(format!(
            "{what}过长（最多 {} 字）。",
            jixiao_store::text::QUERY.max
        )));
    }
    Ok(())
}

pub async fn index(State(state): State<AppState>, me: Viewer, PageQuery(q): PageQuery<IndexQuery>) -> Response {
    let r = build_index(&state, &me, q).await;
    page_result(&me, r)
}

async fn build_index(state: &AppState, me: &Viewer, q: IndexQuery) -> Result<Html<String>, PageError> {
    let (words, level1, level2) = (given(&q.q), given(&q.level1), given(&q.level2));
    short(words, "搜索文字")?;
    short(level1, "一级指标")?;
    short(level2, "二级指标")?;
    let page: usize = match given(&q.page) {
        None => 1,
        Some(p) => p
            .parse()
            .ok()
            .filter(|p| (1..=1_000_000).contains(p))
            .ok_or_else(|| PageError::BadRequest(format!("页码应为正整数，实际为“{p}”。")))?,
    };
    let snapshot = state.library.get(&state.store, me.actor.visibility()).await?;
    let found = filtered(&snapshot, words, level1, level2);
    let total = found.len();
    let entries: Vec<EntrySummary> = found
        .into_iter()
        .skip((page - 1) * PER_PAGE)
        .take(PER_PAGE)
        .map(EntrySummary::of)
        .collect();
    let categories: Vec<_> = categories(&snapshot)
        .into_iter()
        .map(|(l1, n, l2s)| {
            let l2s: Vec<_> = l2s.into_iter().map(|(name, n)| minijinja::context! { name, n }).collect();
            minijinja::context! { name => l1, n, level2 => l2s }
        })
        .collect();
    let pages = total.div_ceil(PER_PAGE).max(1);
    render(
        "library.html",
        minijinja::context! {
            me, q => words.unwrap_or(""), level1, level2, entries, total, categories,
            all => snapshot.library.entries.len(), projects => snapshot.sources.len(),
            common_min => jixiao_library::Options::default().common_min_sectors,
            page, pages,
            prev => (page > 1).then(|| page - 1), next => (page < pages).then(|| page + 1),
        },
    )
}

pub async fn entry(State(state): State<AppState>, me: Viewer, PagePath(key): PagePath<String>) -> Response {
    let r = async {
        if key.chars().count() > jixiao_store::text::LEVEL3.max {
            return Err(PageError::BadRequest("条目名称过长。".into()));
        }
        let snapshot = state.library.get(&state.store, me.actor.visibility()).await?;
        let (k, _) = snapshot.entry(&key).map_err(problem)?;
        let e = EntryDetail::of(&snapshot, k);
        render(
            "library_entry.html",
            minijinja::context! {
                me, e, max_users => crate::library::MAX_USERS,
                common_min => jixiao_library::Options::default().common_min_sectors,
            },
        )
    }
    .await;
    page_result(&me, r)
}

#[derive(Debug, Default, Deserialize)]
pub struct SuggestQuery {
    name: Option<String>,
    purpose: Option<String>,
    /// One goal per line.
    goals: Option<String>,
    project: Option<String>,
}

pub async fn suggest(State(state): State<AppState>, me: Viewer, PageQuery(q): PageQuery<SuggestQuery>) -> Response {
    let r = build_suggest(&state, &me, q).await;
    page_result(&me, r)
}

async fn build_suggest(state: &AppState, me: &Viewer, q: SuggestQuery) -> Result<Html<String>, PageError> {
    let project_id: Option<i64> = match given(&q.project) {
        None => None,
        Some(p) => Some(
            p.parse()
                .map_err(|_| PageError::BadRequest(format!("项目编号应为整数，实际为“{p}”。")))?,
        ),
    };
    let request = SuggestRequest {
        name: q.name.clone(),
        purpose: q.purpose.clone(),
        goals: q
            .goals
            .as_deref()
            .unwrap_or("")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        project_id,
        limit: None,
    };
    let mut draft = request.draft()?;
    let mut project = None;
    if let Some(id) = project_id {
        let p = state
            .store
            .project(id)
            .await
            .map_err(|_| PageError::NotFound("未找到该记录，或您无权查看。".into()))?;
        check(me.actor, Action::Read, p.department(), p.status)?;
        crate::library::complete_draft(&state.store, &mut draft, &p).await?;
        project = Some(minijinja::context! { id => p.id, name => p.name });
    }
    let asked = !(draft.name.is_empty() && draft.purpose.is_empty() && draft.goals.is_empty());
    let suggestions: Vec<SuggestionView> = if asked {
        let snapshot = state.library.get(&state.store, me.actor.visibility()).await?;
        snapshot
            .suggest(&draft, project_id, 20)
            .iter()
            .map(SuggestionView::of)
            .collect()
    } else {
        Vec::new()
    };
    render(
        "library_suggest.html",
        minijinja::context! {
            me, asked, suggestions, project,
            name => draft.name, purpose => draft.purpose, goals => draft.goals.join("\n"),
        },
    )
}
