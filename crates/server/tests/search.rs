//! The search page (搜索) on a real store, on SQLite and on PostgreSQL: the hits are exactly
//! the rows whose 项目名称 / 三级指标 contain every word (what LIKE '%词%' finds), newest first,
//! whether the trigram indexes of migration 0003 are used (words of ≥ 3 characters) or the
//! table of distinct texts is asked first (shorter words), and both follow edits.

mod common;

use axum::http::{Method, StatusCode};
use common::{App, Backend};
use serde_json::json;

/// Project ids linked from the table `id` of the page, in page order.
fn linked_projects(html: &str, id: &str) -> Vec<i64> {
    let start = html.find(&format!("id=\"{id}\"")).expect(id);
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    table
        .split("href=\"/projects/")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect()
}

/// What the page must show, computed here without SQL text matching: (project id, text) rows
/// of the current revisions in id order, newest first, those containing every word, at most 100.
fn expected(rows: &[(i64, i64, String)], words: &[&str]) -> Vec<i64> {
    let mut hits: Vec<&(i64, i64, String)> =
        rows.iter().filter(|(_, _, text)| words.iter().all(|w| text.contains(w))).collect();
    hits.sort_by_key(|(id, _, _)| std::cmp::Reverse(*id));
    hits.iter().take(100).map(|(_, project, _)| *project).collect()
}

async fn rows(app: &App, sql: &str) -> Vec<(i64, i64, String)> {
    sqlx::query_as::<_, (i64, i64, String)>(sql)
        .fetch_all(app.store.pool())
        .await
        .unwrap()
}

const CURRENT: &str = "p.revision_id = (SELECT current_revision_id FROM documents d WHERE d.id = p.document_id)";

async fn check(app: &App, query: &str) -> (usize, usize) {
    check_in(app, query, None).await
}

/// [`check`] limited to one budget year (the page's 年度 field).
async fn check_in(app: &App, query: &str, year: Option<i64>) -> (usize, usize) {
    let in_year = year.map_or(String::new(), |y| format!(" AND p.year = {y}"));
    let projects = rows(app, &format!("SELECT p.id, p.id, p.name FROM projects p WHERE {CURRENT}{in_year}")).await;
    let indicators = rows(
        app,
        &format!(
            "SELECT i.id, p.id, i.level3 FROM indicators i JOIN projects p ON p.id = i.project_id \
             WHERE i.level3 IS NOT NULL AND {CURRENT}{in_year}"
        ),
    )
    .await;
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut path = format!("/search?q={}", urlencode(query));
    if let Some(y) = year {
        path.push_str(&format!("&year={y}"));
    }
    let page = app.get(&app.admin, &path).await;
    assert_eq!(page.status, StatusCode::OK, "{query}");
    let html = page.body.as_str().unwrap();
    let (p, i) = (linked_projects(html, "project-hits"), linked_projects(html, "indicator-hits"));
    assert_eq!(p, expected(&projects, &words), "项目：{query}");
    assert_eq!(i, expected(&indicators, &words), "指标：{query}");
    (p.len(), i.len())
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

async fn search_finds_what_like_finds(b: Backend) {
    let app = App::new(b).await;
    let level3: String = sqlx::query_scalar(
        "SELECT level3 FROM indicators WHERE LENGTH(level3) >= 5 ORDER BY id LIMIT 1",
    )
    .fetch_one(app.store.pool())
    .await
    .unwrap();
    let name: String = sqlx::query_scalar("SELECT name FROM projects WHERE LENGTH(name) >= 6 ORDER BY id LIMIT 1")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    let part = |s: &str, from: usize, n: usize| s.chars().skip(from).take(n).collect::<String>();
    let three = part(&level3, 1, 3);
    let long_name = part(&name, 2, 4);
    // Words of 3+ characters (trigram index on SQLite), of 2 (LIKE only), a mix, none found.
    for (query, found) in [
        (three.as_str(), true),
        (long_name.as_str(), true),
        (&format!("{} {}", part(&level3, 0, 2), three), true),
        (&format!("{long_name} {}", part(&name, 0, 2)), true),
        ("满意度", true),
        ("不存在的词", false),
        // Short words: asked of the distinct texts first (`search_texts`).
        (&part(&level3, 1, 2), true),
        (&part(&name, 0, 1), true),
        ("龘", false),
        ("龘 应急", false),
        (&format!("{} 龘", part(&name, 0, 2)), false),
        ("100%", true),
        ("a\"b OR c", false),
    ] {
        let (p, i) = check(&app, query).await;
        assert_eq!(p + i > 0, found, "{query}");
    }

    // Limited to a year: the hits of that year only, and none in a year without data.
    let year: i64 = sqlx::query_scalar("SELECT MAX(year) FROM projects").fetch_one(app.store.pool()).await.unwrap();
    for query in ["满意度", three.as_str(), &part(&level3, 1, 2)] {
        let (p, i) = check_in(&app, query, Some(year)).await;
        assert!(p + i > 0, "{query} {year}");
        assert_eq!(check_in(&app, query, Some(1999)).await, (0, 0), "{query} 1999");
    }

    // An edited 三级指标 is found by its new text only.
    let (id, version): (i64, i64) = sqlx::query_as("SELECT id, version FROM indicators ORDER BY id LIMIT 1")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    let r = app
        .send(
            &app.admin,
            Method::PUT,
            &format!("/api/v1/indicators/{id}"),
            Some(json!({ "version": version, "level3": "独一无二的检索词" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert_eq!(check(&app, "一无二的检").await.1, 1);
    assert_eq!(check(&app, "检索").await.1, 1, "短词也能找到改过的指标");
    check(&app, &level3).await;
}
both!(search_finds_what_like_finds);
