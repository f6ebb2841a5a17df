//! 搜索: projects and indicators whose names contain the words (Chinese text matched as
//! typed, every word must appear), across departments and years, as far as the viewer may see.

use axum::extract::State;
use axum::response::{Html, Response};
use serde::{Deserialize, Serialize};

use super::render::{page_result, render, PageError, Viewer, PageQuery};
use crate::db::sql::{bind_all, numbered, Arg, Col, Filter, CURRENT};
use crate::state::AppState;
use jixiao_store::Backend;

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

/// SQLite: an FTS5 query for the trigram indexes of migration 0003 (`*_search`) asking for every
/// word of ≥ 3 characters as a quoted phrase (a substring there), `None` when no word is that
/// long (trigrams cannot find shorter ones). It only narrows the rows: the LIKE filters still
/// decide, so the hits are the same as without it.
fn trigram_match(words: &[String]) -> Option<String> {
    let phrases: Vec<String> = words
        .iter()
        .filter(|w| w.chars().count() >= 3)
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!phrases.is_empty()).then(|| phrases.join(" AND "))
}

/// SQLite: whether any text ever stored as 项目名称 or 三级指标 contains every word (migration
/// 0003's `search_texts`: one row per distinct text, far fewer than the rows). Asked only when
/// a word is shorter than 3 characters, where the trigram indexes cannot help: a word found
/// nowhere then costs a scan of the distinct texts instead of a scan of every indicator.
/// (PostgreSQL's search goes through `search_texts` anyway.)
async fn found_in_some_text(state: &AppState, words: &[String]) -> Result<bool, crate::problem::Problem> {
    if state.store.backend() == Backend::Postgres || words.iter().all(|w| w.chars().count() >= 3) {
        return Ok(true);
    }
    let mut f = Filter::new();
    for w in words {
        f.contains("text", w);
    }
    let sql = numbered(&format!("SELECT 1 AS found FROM search_texts{} LIMIT 1", f.where_sql()));
    let rows = bind_all(sqlx::query(&sql), f.args()).fetch_all(state.store.pool()).await?;
    Ok(!rows.is_empty())
}

pub async fn page(State(state): State<AppState>, me: Viewer, PageQuery(q): PageQuery<SearchQuery>) -> Response {
    let r = build(&state, &me, q).await;
    page_result(&me, r)
}

fn base(me: &Viewer, year: Option<i64>, backend: Backend) -> Filter {
    let mut f = Filter::new();
    f.and(CURRENT, []);
    if let Some(y) = year {
        // PostgreSQL: `+ 0` keeps the year index out of the plan, since the words are what
        // narrows a search and the year only filters the hits (it otherwise started from every
        // project of the year: 370 ms against 66 ms). SQLite's plans want the index (the
        // public's search for two words in a year: 48 ms with it, 350 ms without).
        let clause = match backend {
            Backend::Postgres => "p.year + 0 = ?",
            Backend::Sqlite => "p.year = ?",
        };
        f.and(clause, [Arg::Int(y)]);
    }
    f.visible_projects(me.actor);
    f
}

async fn build(state: &AppState, me: &Viewer, q: SearchQuery) -> Result<Html<String>, PageError> {
    let text = q.q.unwrap_or_default();
    let year = super::dashboard::pick_year(q.year.as_deref(), &[])?;
    let words = words(&text);
    let mut projects = Vec::new();
    let mut indicators = Vec::new();
    if !words.is_empty() && found_in_some_text(state, &words).await? {
        let backend = state.store.backend();
        let mut fp = base(me, year, backend);
        // Newest first, walking indicators in id order: a common word stops after LIMIT
        // hits instead of matching and sorting every row (CROSS JOIN keeps SQLite's order).
        let mut fi = base(me, year, backend);
        fi.and("p.id = i.project_id", []);
        match backend {
            // SQLite: the FTS5 trigram indexes narrow the rows, the LIKEs decide.
            Backend::Sqlite => {
                if let Some(m) = trigram_match(&words) {
                    fp.and("p.id IN (SELECT rowid FROM projects_search WHERE projects_search MATCH ?)", [Arg::Text(m.clone())]);
                    fi.and("i.id IN (SELECT rowid FROM indicators_search WHERE indicators_search MATCH ?)", [Arg::Text(m)]);
                }
                for w in &words {
                    fp.contains("p.name", w);
                    fi.contains("i.level3", w);
                }
            }
            // PostgreSQL: the texts containing every word, found among the distinct texts
            // (trigram-indexed), then the rows with those texts (B-tree). The same hits as the
            // LIKEs on the rows, since every stored text is in `search_texts`; and the planner,
            // which knows both tables' statistics, walks the newest rows for a common word and
            // looks a rare one up: 1–85 ms where LIKEs on the rows took 200 ms–1 s.
            Backend::Postgres => {
                let mut texts = Filter::new();
                for w in &words {
                    texts.contains("text", w);
                }
                let matching = format!("SELECT text FROM search_texts{}", texts.where_sql());
                fp.and(&format!("p.name IN ({matching})"), texts.args().to_vec());
                fi.and(&format!("i.level3 IN ({matching})"), texts.args().to_vec());
            }
        }
        // The department's name by a subquery, not a join: the planner, expecting a handful of
        // hits, would otherwise scan every organisation once per hit (1.9 s on PostgreSQL).
        let cols = "p.id AS project_id, p.name AS project, \
                    (SELECT o.name FROM organisations o WHERE o.id = p.department_id) AS department, p.year, p.status";
        let sql_p = numbered(&format!(
            "SELECT {cols}, NULL AS level3, NULL AS target FROM projects p{} ORDER BY p.id DESC LIMIT {LIMIT}",
            fp.where_sql()
        ));
        let sql_i = numbered(&format!(
            "SELECT {cols}, i.level3, i.target_printed AS target FROM indicators i CROSS JOIN projects p{} \
             ORDER BY i.id DESC LIMIT {LIMIT}",
            fi.where_sql()
        ));
        // Not kept as prepared statements: PostgreSQL would soon plan them once for any
        // word (a generic plan), and the right plan depends on the word — walk the newest
        // rows for a common one, ask the trigram index for a rare one (1 s against 30 ms).
        let (rp, ri) = tokio::try_join!(
            bind_all(sqlx::query(&sql_p).persistent(false), fp.args()).fetch_all(state.store.pool()),
            bind_all(sqlx::query(&sql_i).persistent(false), fi.args()).fetch_all(state.store.pool()),
        )?;
        let hit = |r: &sqlx::any::AnyRow| -> Result<Hit, crate::problem::Problem> {
            Ok(Hit {
                project_id: r.int("project_id")?,
                project: r.text("project")?,
                department: r.opt_text("department")?,
                year: r.opt_int("year")?,
                status_name: super::format::status_name(&r.text("status")?),
                level3: r.opt_text("level3")?,
                target: r.opt_text("target")?,
            })
        };
        projects = rp.iter().map(hit).collect::<Result<Vec<_>, _>>()?;
        indicators = ri.iter().map(hit).collect::<Result<Vec<_>, _>>()?;
    }
    render("search.html", minijinja::context! { me, q => text, year, projects, indicators, limit => LIMIT })
}

#[cfg(test)]
mod tests {
    use super::{trigram_match, words};

    #[test]
    fn query_words() {
        assert_eq!(words("  应急  培训 "), vec!["应急", "培训"]);
        assert!(words("   ").is_empty());
        assert_eq!(words("a b c d e f g").len(), 5);
    }

    #[test]
    fn trigram_match_quotes_words_of_three_or_more_characters() {
        let w = |q: &str| trigram_match(&words(q));
        assert_eq!(w("应急 培训率"), Some("\"培训率\"".to_string()));
        assert_eq!(w("满意度 a\"b NOT"), Some("\"满意度\" AND \"a\"\"b\" AND \"NOT\"".to_string()));
        assert_eq!(w("应急 ab"), None);
    }
}
