//! Issue 16, review precision in the service: the web pages and the API show the review's
//! grade (优/良/中/差 with its reasons, stored with each project and revision; no formula of
//! their own), edits review the project's document again in the edit's transaction (findings
//! never go stale, counts follow), and findings of a one-row-per-project 公开表 sit on the row
//! they are about. On SQLite and PostgreSQL.

mod common;

use axum::http::{Method, StatusCode};
use common::{App, Backend};
use serde_json::{json, Value};

fn page(a: &common::Answer) -> String {
    match &a.body {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

async fn projects_of(app: &App, doc: i64) -> Vec<Value> {
    let r = app
        .get(
            &app.admin,
            &format!("/api/v1/projects?document={doc}&per_page=200"),
        )
        .await;
    r.body["items"].as_array().unwrap().clone()
}

async fn project(app: &App, id: i64) -> Value {
    let r = app.get(&app.admin, &format!("/api/v1/projects/{id}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body
}

/// The project named `name` of seed A (门源县应急管理局, a one-row-per-project 公开表).
async fn named(app: &App, name: &str) -> Value {
    let all = projects_of(app, app.doc_a).await;
    let p = all
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("种子 A 应有项目“{name}”"));
    project(app, p["id"].as_i64().unwrap()).await
}

/// Which of a few rules the project's page shows findings of (in its rows' review cells or
/// the project's own list).
async fn rules_of(app: &App, id: i64) -> Vec<String> {
    let html = page(&app.get(&app.admin, &format!("/projects/{id}")).await);
    let mut rules = Vec::new();
    for rule in ["JX-A001", "JX-A002", "JX-M006", "JX-M003", "JX-C005"] {
        if html.contains(rule) {
            rules.push(rule.to_string());
        }
    }
    rules
}

/// The dashboard's chart figures of a year, as the page embeds them.
async fn chart(app: &App, year: i64) -> Value {
    let html = page(&app.get(&app.admin, &format!("/?year={year}")).await);
    let start =
        html.find("id=\"chart-data\">").expect("首页应有图表数据") + "id=\"chart-data\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

async fn put_project(app: &App, id: i64, body: Value) {
    let v = project(app, id).await["version"].as_i64().unwrap();
    let mut body = body;
    body["version"] = json!(v);
    let r = app
        .send(
            &app.filler,
            Method::PUT,
            &format!("/api/v1/projects/{id}"),
            Some(body),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

fn grade(p: &Value) -> (&str, i64) {
    (
        p["grade"]["grade"].as_str().unwrap_or("未评"),
        p["grade"]["value"].as_i64().unwrap_or(-1),
    )
}

fn rank(g: &str) -> usize {
    ["优", "良", "中", "差"]
        .iter()
        .position(|x| *x == g)
        .unwrap()
}

/// A project whose cost indicators exceed its budget (JX-A001, decisive: 中 at best) is graded
/// below one with only small notes, on the project API, the department page, the document API
/// and the dashboard; every figure is the review's, stored with the project.
async fn the_pages_and_the_api_show_the_review_grade(b: Backend) {
    let app = App::new(b).await;
    // 应急度汛安全经费: 50 万元, its cost indicators 45 + 30 + 30 + 30 万元.
    let overrun = named(&app, "应急度汛安全经费").await;
    // 全县安全生产监管专项: 50 万元, its cost indicators 10 + 20 + 8 + 8 + 4 = 50 万元.
    let fits = named(&app, "全县安全生产监管专项").await;
    assert_eq!(grade(&overrun).0, "中", "{b:?}: {}", overrun["grade"]);
    assert!(
        overrun["grade"]["reasons"].to_string().contains("JX-A001"),
        "{b:?}: the reason names the overrun: {}",
        overrun["grade"]
    );
    assert!(
        rank(grade(&fits).0) < rank(grade(&overrun).0),
        "{b:?}: {} vs {}",
        fits["grade"],
        overrun["grade"]
    );
    // The score alone would have said 良 or better: the grade is the review's, capped.
    assert!(grade(&overrun).1 >= 80, "{b:?}: {}", overrun["grade"]);

    // The department page shows each project's stored grade and the document's with reasons.
    let html = page(
        &app.get(
            &app.admin,
            &format!("/departments/{}?year=2023", app.dept_a),
        )
        .await,
    );
    let shown = format!("{}（{}）", grade(&overrun).0, grade(&overrun).1);
    assert!(html.contains(&shown), "{b:?}: {shown}");
    assert!(
        html.contains("项目审核等级") && html.contains("文档审核等级"),
        "{b:?}"
    );
    assert!(
        html.contains("成本指标合计超过预算（JX-A001）"),
        "{b:?}: the document's reasons"
    );
    assert!(
        !html.contains("质量得分"),
        "{b:?}: no score of the old formula"
    );

    // The document's grade, for whoever sees all of its projects.
    let doc = app
        .get(&app.admin, &format!("/api/v1/documents/{}", app.doc_a))
        .await;
    assert!(
        ["中", "差"].contains(&doc.body["grade"]["grade"].as_str().unwrap()),
        "{b:?}: {}",
        doc.body["grade"]
    );
    assert!(doc.body["grade"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r.as_str().unwrap().starts_with("结论：")));
    let filler_b = app
        .get(&app.filler_b, &format!("/api/v1/documents/{}", app.doc_a))
        .await;
    assert_eq!(
        filler_b.status,
        StatusCode::NOT_FOUND,
        "{b:?}: another department's drafts"
    );

    // The dashboard counts projects by their stored grades.
    let all = projects_of(&app, app.doc_a).await;
    let mut by_grade = [0i64; 4];
    for p in &all {
        by_grade[rank(grade(&project(&app, p["id"].as_i64().unwrap()).await).0)] += 1;
    }
    assert_eq!(
        chart(&app, 2023).await["quality"]["values"],
        json!(by_grade),
        "{b:?}"
    );
}
both!(the_pages_and_the_api_show_the_review_grade);

/// The public sees the grade of a published project, and a document's grade only when every
/// project of it is published (its reasons name projects).
async fn the_grade_keeps_visibility(b: Backend) {
    let app = App::new(b).await;
    let p = named(&app, "全县安全生产监管专项").await;
    let id = p["id"].as_i64().unwrap();
    assert_eq!(
        app.get(&common::Auth::Public, &format!("/api/v1/projects/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "{b:?}"
    );
    app.submit_as_admin(id).await;
    let v = project(&app, id).await["version"].as_i64().unwrap();
    let r = app
        .send(
            &app.admin,
            Method::POST,
            &format!("/api/v1/projects/{id}/approve"),
            Some(json!({ "version": v })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let public = app
        .get(&common::Auth::Public, &format!("/api/v1/projects/{id}"))
        .await;
    assert_eq!(public.body["grade"], p["grade"], "{b:?}");
    let doc = app
        .get(
            &common::Auth::Public,
            &format!("/api/v1/documents/{}", app.doc_a),
        )
        .await;
    assert_eq!(doc.status, StatusCode::OK, "{b:?}");
    assert_eq!(
        doc.body["grade"],
        Value::Null,
        "{b:?}: the other projects are drafts"
    );
    let own = app
        .get(&app.filler, &format!("/api/v1/documents/{}", app.doc_a))
        .await;
    assert!(
        own.body["grade"]["grade"].is_string(),
        "{b:?}: the department's own filler sees it"
    );
}
both!(the_grade_keeps_visibility);

/// Edits review the document again in the same transaction: a budget cut below the cost
/// indicators brings JX-A001 and 中; restoring it clears both; an indicator's target edited
/// to a value without its unit brings a finding that the fixed value clears; the department
/// page and the dashboard follow.
async fn edits_never_leave_findings_stale(b: Backend) {
    let app = App::new(b).await;
    let p = named(&app, "全县安全生产监管专项").await;
    let id = p["id"].as_i64().unwrap();
    let before = grade(&p);
    assert!(
        !rules_of(&app, id).await.contains(&"JX-A001".to_string()),
        "{b:?}"
    );
    let findings_before = chart(&app, 2023).await["severity"]["values"].clone();

    // The budget below the costs: the overrun appears, the grade drops, the counts follow.
    put_project(&app, id, json!({ "budget_total": "5" })).await;
    let cut = project(&app, id).await;
    assert!(
        rules_of(&app, id).await.contains(&"JX-A001".to_string()),
        "{b:?}: the overrun found on saving"
    );
    assert_eq!(grade(&cut).0, "中", "{b:?}: {}", cut["grade"]);
    let html = page(
        &app.get(
            &app.admin,
            &format!("/departments/{}?year=2023", app.dept_a),
        )
        .await,
    );
    assert!(html.contains(&format!("中（{}）", grade(&cut).1)), "{b:?}");
    let findings_cut = chart(&app, 2023).await["severity"]["values"].clone();
    assert!(
        findings_cut[0].as_i64() > findings_before[0].as_i64(),
        "{b:?}: {findings_before} → {findings_cut}"
    );

    // Restored: the finding is gone and the grade is what it was.
    put_project(&app, id, json!({ "budget_total": "50.00" })).await;
    assert!(
        !rules_of(&app, id).await.contains(&"JX-A001".to_string()),
        "{b:?}: the overrun cleared"
    );
    assert_eq!(grade(&project(&app, id).await), before, "{b:?}");
    assert_eq!(
        chart(&app, 2023).await["severity"]["values"],
        findings_before,
        "{b:?}"
    );

    // An indicator: a count target edited to a percentage above 100 on a 次 row.
    let row = p["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["level3"] == "省、州级培训")
        .unwrap()
        .clone();
    let ind = row["id"].as_i64().unwrap();
    let row_index = p["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .position(|i| i["id"] == ind)
        .unwrap() as i64;
    let places = |found: &[jixiao_store::ProjectFinding]| {
        found
            .iter()
            .map(|f| (f.rule.clone(), f.row))
            .collect::<Vec<_>>()
    };
    let original = places(&app.store.project_findings(id).await.unwrap());
    assert!(
        !original.contains(&("JX-M009".to_string(), Some(row_index))),
        "{b:?}: {original:?}"
    );
    let r = app
        .send(
            &app.filler,
            Method::PUT,
            &format!("/api/v1/indicators/{ind}"),
            Some(json!({ "version": row["version"], "target": "≥120%" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let after = app.store.project_findings(id).await.unwrap();
    // A ratio above 100% (JX-M009, an error), on the edited row of the one-row 公开表.
    assert!(
        after.iter().any(|f| f.rule == "JX-M009"
            && f.row == Some(row_index)
            && f.message.contains("≥120%")),
        "{b:?}: the edited target is reviewed on saving: {after:?}"
    );
    let r = app
        .send(
            &app.filler,
            Method::PUT,
            &format!("/api/v1/indicators/{ind}"),
            Some(json!({ "version": r.body["version"], "target": "≥8次" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let fixed = places(&app.store.project_findings(id).await.unwrap());
    assert_eq!(
        fixed, original,
        "{b:?}: the fixed value clears it, the rest as on import"
    );
}
both!(edits_never_leave_findings_stale);

/// Seed A is a 公开表 printed one row per project: every indicator of a project shares the
/// project's line. A finding about one indicator sits on that indicator's row of the project
/// page, not on the first row.
async fn findings_sit_on_their_row_in_a_public_table(b: Backend) {
    let app = App::new(b).await;
    // Findings quoting their row's 三级指标 name: the row stored is the row quoted.
    let (mut later_rows, mut quoting) = (0, 0);
    for p in projects_of(&app, app.doc_a).await {
        let id = p["id"].as_i64().unwrap();
        let indicators = project(&app, id).await["indicators"]
            .as_array()
            .unwrap()
            .clone();
        let lines: Vec<i64> = indicators
            .iter()
            .map(|i| i["line"].as_i64().unwrap())
            .collect();
        assert!(
            lines.windows(2).all(|w| w[0] == w[1]),
            "{b:?}: one line per project"
        );
        for f in app.store.project_findings(id).await.unwrap() {
            let Some(row) = f.row.filter(|r| *r > 0) else {
                continue;
            };
            later_rows += 1;
            let level3 = indicators[row as usize]["level3"].as_str().unwrap_or("");
            if !level3.is_empty() && f.message.contains(level3) {
                quoting += 1;
            }
        }
    }
    assert!(
        later_rows > 0 && quoting > 0,
        "{b:?}: {later_rows} findings on later rows, {quoting} quoting their row"
    );
    // On the page: a finding about a later row is in that row's review cell.
    let p = named(&app, "全县安全生产监管专项").await;
    let id = p["id"].as_i64().unwrap();
    let found = app.store.project_findings(id).await.unwrap();
    let later = found
        .iter()
        .find(|f| f.row.is_some_and(|r| r > 0))
        .expect("a finding about a later row");
    let ind = &p["indicators"][later.row.unwrap() as usize];
    let html = page(&app.get(&app.admin, &format!("/projects/{id}")).await);
    let tr = html
        .find(&format!("<tr data-id=\"{}\"", ind["id"]))
        .expect("the row");
    let end = tr + html[tr..].find("</tr>").unwrap();
    assert!(
        html[tr..end].contains(&later.message),
        "{b:?}: {}",
        later.message
    );
    let first = html
        .find(&format!("<tr data-id=\"{}\"", p["indicators"][0]["id"]))
        .unwrap();
    let first_end = first + html[first..].find("</tr>").unwrap();
    assert!(
        !html[first..first_end].contains(&later.message),
        "{b:?}: not on the first row"
    );
}
both!(findings_sit_on_their_row_in_a_public_table);

async fn doc_grade(app: &App) -> Value {
    app.get(&app.admin, &format!("/api/v1/documents/{}", app.doc_a))
        .await
        .body["grade"]
        .clone()
}

/// The document's own findings count in its grade as the review defines: seed A again with a
/// printed total its project budgets do not add up to (JX-A003, about no project) is graded
/// with that finding named, its projects' grades unchanged.
async fn document_findings_count_in_the_document_grade(b: Backend) {
    let app = App::new(b).await;
    let before = doc_grade(&app).await;
    assert!(
        !before["reasons"].to_string().contains("JX-A003"),
        "{b:?}: {before}"
    );
    let first = projects_of(&app, app.doc_a).await[0]["name"]
        .as_str()
        .unwrap()
        .to_string();
    let first_grade = named(&app, &first).await["grade"].clone();
    let text = String::from_utf8(common::seed(common::SEED_A)).unwrap();
    assert!(text.contains("合计:\t\t135.99"));
    let r = app
        .upload(
            &app.admin,
            common::SEED_A,
            text.replace("合计:\t\t135.99", "合计:\t\t140.99")
                .as_bytes(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let after = doc_grade(&app).await;
    assert!(
        after["reasons"]
            .to_string()
            .contains("文档整体项目预算之和与合计不符（JX-A003）"),
        "{b:?}: {after}"
    );
    assert_eq!(after["grade"], "中", "{b:?}: decisive");
    assert!(
        after["value"].as_i64() < before["value"].as_i64(),
        "{b:?}: {before} → {after}"
    );
    assert_eq!(
        named(&app, &first).await["grade"],
        first_grade,
        "{b:?}: the projects' own grades"
    );
}
both!(document_findings_count_in_the_document_grade);

/// A finding's fix and quotes, stored at import, reach the reader: the API's findings carry
/// them, and the project page prints the fix under the finding in its row.
async fn findings_show_their_fix(b: Backend) {
    let app = App::new(b).await;
    let listed = app
        .get(&app.admin, &format!("/api/v1/findings?document={}&per_page=200", app.doc_a))
        .await;
    let items = listed.body["items"].as_array().expect("items").clone();
    let with_fix = items.iter().filter(|f| f["suggestion"].as_str().is_some_and(|s| !s.is_empty())).count();
    let quoting = items
        .iter()
        .filter(|f| f["quotes"].as_array().is_some_and(|q| q.iter().any(|q| q["field"].is_string() && q["value"].is_string())))
        .count();
    assert!(with_fix > 0 && quoting > 0, "{b:?}: {with_fix} with a fix, {quoting} quoting, of {}", items.len());
    // On the page, in the row the finding is about.
    let escape = |s: &str| {
        s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#x27;").replace('/', "&#x2f;")
    };
    let mut shown = 0;
    for p in projects_of(&app, app.doc_a).await {
        let id = p["id"].as_i64().unwrap();
        let html = page(&app.get(&app.admin, &format!("/projects/{id}")).await);
        for f in app.store.project_findings(id).await.unwrap() {
            if let Some(fix) = f.suggestion.filter(|_| f.row.is_some()) {
                assert!(html.contains(&format!("建议：{}", escape(&fix))), "{b:?}: {fix}");
                shown += 1;
            }
        }
    }
    assert!(shown > 0, "{b:?}: no row finding with a fix");
}
both!(findings_show_their_fix);
