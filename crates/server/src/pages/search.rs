//! 搜索: projects and indicators whose names contain the words (Chinese text matched as
//! typed, every word must appear), across departments and years, as far as the viewer may see.

use axum::extract::State;
use axum::response::{Html, Response};
use serde::{Deserialize, Serialize};

use super::render::{page_result, render, PageError, Viewer, PageQuery};
use crate::state::AppState;
use jixiao_store::SearchHit;

#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
    year: Option<String>,
}

#[derive(Debug, Serialize)]
struct Hit {
    project_id: i64,
    project: String,
    department: Option<String>,
    year: Option<i64>,
    status_name: &'static str,
    level3: Option<String>,
    target: Option<String>,
}

/// At most this many hits of each kind: the page is for finding, not for exporting.
const LIMIT: i64 = 100;

/// Words of the query: split on white space, at most five, each at most 50 characters.
fn words(q: &str) -> Vec<String> {
    q.split_whitespace().take(5).map(|w| w.chars().take(50).collect()).collect()
}

pub async fn page(State(state): State<AppState>, me: Viewer, PageQuery(q): PageQuery<SearchQuery>) -> Response {
    let r = build(&state, &me, q).await;
    page_result(&me, r)
}

async fn build(state: &AppState, me: &Viewer, q: SearchQuery) -> Result<Html<String>, PageError> {
    let text = q.q.unwrap_or_default();
    let year = super::dashboard::pick_year(q.year.as_deref(), &[])?;
    let words = words(&text);
    let found = state.store.search(me.actor.visibility(), &words, year, LIMIT).await?;
    let hit = |h: SearchHit| Hit {
        project_id: h.project_id,
        project: h.project,
        department: h.department,
        year: h.year,
        status_name: h.status.name(),
        level3: h.level3,
        target: h.target,
    };
    let projects: Vec<Hit> = found.projects.into_iter().map(hit).collect();
    let indicators: Vec<Hit> = found.indicators.into_iter().map(hit).collect();
    render("search.html", minijinja::context! { me, q => text, year, projects, indicators, limit => LIMIT })
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn query_words() {
        assert_eq!(words("  应急  培训 "), vec!["应急", "培训"]);
        assert!(words("   ").is_empty());
        assert_eq!(words("a b c d e f g").len(), 5);
    }
}
