//! Issue 17: the review workflow of a 部门整体支出绩效目标表 — submit, return with a comment,
//! approve — through the API (`/api/v1/department-tables/…`) and the pages (the department
//! page's table section, the work queues and their counts, batch review), each role and
//! department on SQLite and PostgreSQL: who may do which step, who sees a table in which state
//! (drafts, submitted and returned tables only their department's fillers, reviewers and
//! admins; approved ones everyone, in the pages, the API and the year's workbook), and the
//! audit entries with before and after.

mod common;

use std::io::Cursor;

use axum::http::{Method, StatusCode};
use calamine::{Reader, Xlsx};
use common::{App, Auth, Backend};
use serde_json::{json, Value};

/// Marks the drafted table's texts, so that a page or file holding it is found.
const GOAL: &str = "部门整体目标甲7K";

/// A 部门整体支出绩效目标表 for 2023 (the year of department A's seed): goal, budget, one row.
fn department_draft() -> Value {
    json!({
        "kind": "department",
        "year": 2023,
        "budget_total": "1200.50",
        "budget_fiscal": "1000",
        "budget_other": "200.5",
        "goals": [GOAL],
        "indicators": [
            { "level1": "产出指标", "level2": "数量指标", "level3": "全县综合应急演练次数", "target": "≥12次",
              "description": "全年组织的综合应急演练次数", "basis": "县级应急预案要求" },
        ],
    })
}

fn html(a: &common::Answer) -> String {
    a.body.as_str().map(str::to_string).unwrap_or_else(|| a.body.to_string())
}

/// The filler of department A drafts the table; its id (its revision's) and document.
async fn drafted(app: &App) -> (i64, i64) {
    let r = app.send(&app.filler, Method::POST, "/api/v1/drafts", Some(department_draft())).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let doc = r.body["document_id"].as_i64().unwrap();
    let stored = app.get(&app.filler, &format!("/api/v1/documents/{doc}")).await;
    let table = &stored.body["department_table"];
    assert_eq!((table["status"].as_str(), table["version"].as_i64()), (Some("draft"), Some(1)), "{table}");
    assert_eq!(table["id"], table["revision_id"]);
    (table["id"].as_i64().unwrap(), doc)
}

async fn state(app: &App, id: i64) -> (String, i64) {
    let r = app.get(&app.admin, &format!("/api/v1/department-tables/{id}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    (r.body["status"].as_str().unwrap().to_string(), r.body["version"].as_i64().unwrap())
}

async fn step(app: &App, who: &Auth, id: i64, action: &str, body: Value) -> common::Answer {
    app.send(who, Method::POST, &format!("/api/v1/department-tables/{id}/{action}"), Some(body)).await
}

/// How many error findings the table's revision has about no project (a submit without a
/// justification is refused for them).
async fn open_errors(app: &App, id: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM findings WHERE revision_id = $1 AND project_position IS NULL AND severity = 'error'")
        .bind(id)
        .fetch_one(app.store.pool())
        .await
        .unwrap()
}

/// Every text cell of a workbook, joined.
fn workbook_text(bytes: &[u8]) -> String {
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let mut out = String::new();
    for name in wb.sheet_names() {
        for row in wb.worksheet_range(&name).unwrap().rows() {
            for cell in row {
                out.push_str(&cell.to_string());
                out.push('\n');
            }
        }
    }
    out
}

/// Whether `who` sees the table: its detail, the list, the document, the department page and
/// the year's workbook.
async fn sees(app: &App, who: &Auth, id: i64, doc: i64) -> [bool; 5] {
    let detail = app.get(who, &format!("/api/v1/department-tables/{id}")).await;
    assert!(matches!(detail.status, StatusCode::OK | StatusCode::NOT_FOUND), "{}", detail.body);
    let listed = app.get(who, "/api/v1/department-tables?per_page=200").await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    let document = app.get(who, &format!("/api/v1/documents/{doc}")).await;
    let page = html(&app.get(who, &format!("/departments/{}?year=2023", app.dept_a)).await);
    let workbook = app.get(who, "/api/v1/years/2023/workbook").await;
    assert_eq!(workbook.status, StatusCode::OK);
    [
        detail.status == StatusCode::OK && detail.body["overall_goals"][0] == GOAL,
        listed.body.to_string().contains(GOAL),
        document.status == StatusCode::OK && document.body["department_table"]["overall_goals"][0] == GOAL,
        page.contains(GOAL),
        workbook_text(&workbook.bytes).contains(GOAL),
    ]
}

/// The table from draft to published: each step by each role, wrong states and stale
/// versions refused, a return needing its comment, errors needing a justification, the
/// comments and the audit log; what each role sees before and after the approval.
async fn a_department_table_is_submitted_returned_and_approved(b: Backend) {
    let app = App::new(b).await;
    // One project of A approved, so that the year's workbook has A's sheet for everyone.
    let first = app.first_project(app.doc_a).await["id"].as_i64().unwrap();
    app.publish_as_admin(first).await;
    let (id, doc) = drafted(&app).await;
    let hidden = [false; 5];
    let seen = [true; 5];
    for (who, auth, want) in [
        ("管理员", &app.admin, seen),
        ("审核员", &app.reviewer, seen),
        ("本部门填报员", &app.filler, seen),
        ("外部门填报员", &app.filler_b, hidden),
        ("公众", &Auth::Public, hidden),
    ] {
        assert_eq!(sees(&app, auth, id, doc).await, want, "草稿：{who}");
    }

    // Submit: only the department's filler (or an admin); others are refused, hidden ones 404.
    let v = state(&app, id).await.1;
    assert_eq!(step(&app, &Auth::Public, id, "submit", json!({ "version": v })).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(step(&app, &app.filler_b, id, "submit", json!({ "version": v })).await.status, StatusCode::NOT_FOUND);
    assert_eq!(step(&app, &app.reviewer, id, "submit", json!({ "version": v })).await.status, StatusCode::FORBIDDEN);
    assert_eq!(step(&app, &app.filler, id, "approve", json!({ "version": v })).await.status, StatusCode::FORBIDDEN);
    let r = step(&app, &app.reviewer, id, "approve", json!({ "version": v })).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "a draft is not approved");
    assert_eq!(r.detail(), "部门整体支出绩效目标表状态为“草稿”，只有“已提交”的部门整体支出绩效目标表可以批准。");
    assert_eq!(step(&app, &app.filler, id, "submit", json!({ "version": v + 7 })).await.status, StatusCode::CONFLICT, "stale");
    let errors = open_errors(&app, id).await;
    if errors > 0 {
        let r = step(&app, &app.filler, id, "submit", json!({ "version": v })).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.detail().starts_with(&format!("本部门整体支出绩效目标表有 {errors} 条错误级审核发现")), "{}", r.detail());
    }
    let r = step(&app, &app.filler, id, "submit", json!({ "version": v, "comment": "预算已核对。" })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!((r.body["status"].as_str(), r.body["version"].as_i64()), (Some("submitted"), Some(v + 1)));
    // Submitted: still only the department's, reviewers' and admins'.
    assert_eq!(sees(&app, &app.filler_b, id, doc).await, hidden);
    assert_eq!(sees(&app, &Auth::Public, id, doc).await, hidden);
    let v = v + 1;
    assert_eq!(step(&app, &app.filler, id, "submit", json!({ "version": v })).await.status, StatusCode::CONFLICT);

    // Return: a reviewer, with a comment; the filler reads it.
    let r = step(&app, &app.reviewer, id, "return", json!({ "version": v })).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.detail(), "退回时须填写意见（comment），说明需要修改什么。");
    assert_eq!(step(&app, &app.filler, id, "return", json!({ "version": v, "comment": "自己退回" })).await.status, StatusCode::FORBIDDEN);
    let r = step(&app, &app.reviewer, id, "return", json!({ "version": v, "comment": "请补充满意度指标。" })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["status"], "returned");
    let comments = app.get(&app.filler, &format!("/api/v1/department-tables/{id}/comments")).await;
    assert_eq!(comments.status, StatusCode::OK);
    let bodies: Vec<&str> = comments.body["items"].as_array().unwrap().iter().map(|c| c["body"].as_str().unwrap()).collect();
    assert_eq!(bodies, ["预算已核对。", "请补充满意度指标。"]);
    assert!(comments.body["items"][0].get("project_id").is_none() && comments.body["items"][0]["table_id"] == id);
    assert_eq!(app.get(&app.filler_b, &format!("/api/v1/department-tables/{id}/comments")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&Auth::Public, &format!("/api/v1/department-tables/{id}/comments")).await.status, StatusCode::UNAUTHORIZED);
    let returned = html(&app.get(&app.filler, &format!("/departments/{}?year=2023", app.dept_a)).await);
    assert!(returned.contains("请补充满意度指标。") && returned.contains("status-returned"), "{returned}");
    assert_eq!(sees(&app, &Auth::Public, id, doc).await, hidden, "returned");

    // Comments: the department's filler and reviewers; another department's filler never.
    let note = |who: &Auth, body: Value| {
        let app = &app;
        let who = who.clone();
        async move { app.send(&who, Method::POST, &format!("/api/v1/department-tables/{id}/comments"), Some(body)).await.status }
    };
    assert_eq!(note(&app.filler, json!({ "body": "已补充。" })).await, StatusCode::CREATED);
    assert_eq!(note(&app.reviewer, json!({ "body": "收到。" })).await, StatusCode::CREATED);
    assert_eq!(note(&app.filler_b, json!({ "body": "外部门" })).await, StatusCode::NOT_FOUND);
    assert_eq!(note(&Auth::Public, json!({ "body": "公众" })).await, StatusCode::UNAUTHORIZED);
    assert_eq!(note(&app.filler, json!({ "body": "行意见", "indicator_id": 1 })).await, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(note(&app.filler, json!({ "body": "  " })).await, StatusCode::UNPROCESSABLE_ENTITY);

    // Submitted again, approved: public.
    let v = state(&app, id).await.1;
    assert_eq!(step(&app, &app.filler, id, "submit", json!({ "version": v, "comment": "已按意见修改。" })).await.status, StatusCode::OK);
    assert_eq!(step(&app, &app.filler, id, "approve", json!({ "version": v + 1 })).await.status, StatusCode::FORBIDDEN);
    let r = step(&app, &app.reviewer, id, "approve", json!({ "version": v + 1 })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["status"], "approved");
    assert_eq!(step(&app, &app.reviewer, id, "return", json!({ "version": v + 2, "comment": "晚了" })).await.status, StatusCode::CONFLICT);
    for (who, auth) in [("外部门填报员", &app.filler_b), ("公众", &Auth::Public), ("本部门填报员", &app.filler)] {
        assert_eq!(sees(&app, auth, id, doc).await, seen, "已批准：{who}");
    }
    let public_page = html(&app.get(&Auth::Public, &format!("/departments/{}?year=2023", app.dept_a)).await);
    assert!(public_page.contains("status-approved") && !public_page.contains("flow-submit") && !public_page.contains("请补充满意度指标。"));

    // The audit log: each step with the table before and after.
    let log = app.get(&app.admin, "/api/v1/audit?per_page=200").await;
    assert_eq!(log.status, StatusCode::OK, "{}", log.body);
    let items = log.body["items"].as_array().unwrap();
    let steps: Vec<(&str, &str, &str)> = items
        .iter()
        .filter(|e| e["entity"] == "department_table" && e["entity_id"] == id)
        .map(|e| (e["action"].as_str().unwrap(), e["before"]["status"].as_str().unwrap(), e["after"]["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        steps,
        [("approve", "submitted", "approved"), ("submit", "returned", "submitted"), ("return", "submitted", "returned"), ("submit", "draft", "submitted")]
    );
    let audit_page = html(&app.get(&app.admin, &format!("/admin/audit?entity=department_table&entity_id={id}")).await);
    assert!(audit_page.contains("部门整体支出绩效目标表") && audit_page.contains("已批准"), "{audit_page}");
}
both!(a_department_table_is_submitted_returned_and_approved);

/// A table of an unknown id, a revision that prints none, or a bad id: 404 and 400; the list's
/// filters by status and year.
async fn unknown_tables_are_not_found(b: Backend) {
    let app = App::new(b).await;
    let (id, _) = drafted(&app).await;
    for who in [&app.admin, &app.reviewer, &app.filler] {
        assert_eq!(app.get(who, "/api/v1/department-tables/999999").await.status, StatusCode::NOT_FOUND);
        let r = step(&app, who, 999_999, "approve", json!({ "version": 1 })).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(app.get(&app.admin, "/api/v1/department-tables/abc").await.status, StatusCode::BAD_REQUEST);
    // A project's revision that prints no table is no table.
    let revision: i64 = sqlx::query_scalar("SELECT current_revision_id FROM documents WHERE id = $1")
        .bind(app.doc_a)
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_ne!(revision, id);
    assert_eq!(app.get(&app.admin, &format!("/api/v1/department-tables/{revision}")).await.status, StatusCode::NOT_FOUND);
    // Filters of the list: by status, department, year.
    let list = |q: &'static str| {
        let app = &app;
        async move { app.get(&app.reviewer, &format!("/api/v1/department-tables?{q}")).await.body["total"].as_i64().unwrap() }
    };
    assert_eq!(list("status=draft&year=2023").await, 1);
    assert_eq!(list("status=submitted").await, 0);
    assert_eq!(list("year=2024").await, 0);
    assert_eq!(app.get(&app.reviewer, &format!("/api/v1/department-tables?department={}", app.dept_b)).await.body.to_string().contains(GOAL), false);
    assert_eq!(app.get(&app.reviewer, "/api/v1/department-tables?status=unknown").await.status, StatusCode::BAD_REQUEST);
}
both!(unknown_tables_are_not_found);

/// The work queues hold department-wide tables: the filler's 我的草稿 and 被退回 (with the
/// reviewer's comment), the reviewer's 待审核, counted on the home page, filtered by
/// department and year, never another department's filler's; the batch sends each ticked
/// table to its own workflow endpoint. The department page offers each role its own steps.
async fn department_tables_are_in_the_queues_and_the_batch(b: Backend) {
    let app = App::new(b).await;
    let (id, _) = drafted(&app).await;
    let api = format!("data-api=\"/api/v1/department-tables/{id}\"");
    let row = format!("data-table=\"{id}\"");
    let page = |who: &Auth, path: String| {
        let app = &app;
        let who = who.clone();
        async move { html(&app.get(&who, &path).await) }
    };

    // The filler's 我的草稿 counts the table with the department's draft projects.
    let projects = app.get(&app.admin, &format!("/api/v1/projects?document={}&per_page=200", app.doc_a)).await.body["total"].as_i64().unwrap();
    let home = page(&app.filler, "/".into()).await;
    assert!(home.contains(&format!("href=\"/queue?status=draft\">我的草稿 <b class=\"count\">{}</b>", projects + 1)), "{home}");
    let q = page(&app.filler, "/queue?status=draft".into()).await;
    assert!(q.contains(&row) && q.contains("部门整体支出绩效目标表（"), "{q}");
    assert!(!page(&app.filler_b, "/queue?status=draft".into()).await.contains(&row));
    assert!(!page(&app.filler_b, format!("/queue?status=draft&department={}", app.dept_a)).await.contains(&row));
    // The department page: the filler may submit; the reviewer may not yet review.
    let own = page(&app.filler, format!("/departments/{}?year=2023", app.dept_a)).await;
    assert!(own.contains(&api) && own.contains("flow-submit") && !own.contains("flow-approve"), "{own}");
    let reviewer_view = page(&app.reviewer, format!("/departments/{}?year=2023", app.dept_a)).await;
    assert!(reviewer_view.contains(&api) && !reviewer_view.contains("flow-submit") && !reviewer_view.contains("flow-approve"));

    let v = state(&app, id).await.1;
    let r = step(&app, &app.filler, id, "submit", json!({ "version": v, "comment": "按期报送。" })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // The reviewer's 待审核: the table, counted, filtered, with the batch's checkbox.
    let home = page(&app.reviewer, "/".into()).await;
    assert!(home.contains("href=\"/queue?status=submitted\">待审核 <b class=\"count\">1</b>"), "{home}");
    let q = page(&app.reviewer, "/queue".into()).await;
    assert!(q.contains(&row) && q.contains(&format!("class=\"queue-pick\" {api}")) && q.contains("id=\"batch-approve\""), "{q}");
    assert!(page(&app.reviewer, format!("/queue?status=submitted&department={}", app.dept_a)).await.contains(&row));
    assert!(!page(&app.reviewer, format!("/queue?status=submitted&department={}", app.dept_b)).await.contains(&row));
    assert!(!page(&app.reviewer, "/queue?status=submitted&year=2020".into()).await.contains(&row));
    assert!(page(&app.filler, "/queue?status=submitted".into()).await.contains(&row));
    let reviewer_view = page(&app.reviewer, format!("/departments/{}?year=2023", app.dept_a)).await;
    assert!(reviewer_view.contains("flow-approve") && reviewer_view.contains("flow-return"));

    // The batch's return, as the page sends it: the table's own endpoint with the comment.
    let comment = "部门整体指标需与项目指标衔接。";
    let r = step(&app, &app.reviewer, id, "return", json!({ "version": v + 1, "comment": comment })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let q = page(&app.filler, "/queue?status=returned".into()).await;
    assert!(q.contains(&row) && q.contains(comment), "被退回的表旁显示审核员的意见：{q}");
    assert!(page(&app.filler, "/".into()).await.contains("href=\"/queue?status=returned\">被退回 <b class=\"count\">1</b>"));
    assert!(!page(&app.filler_b, "/queue?status=returned".into()).await.contains(comment));
}
both!(department_tables_are_in_the_queues_and_the_batch);

/// CSRF: a session's workflow step on a table without the token is refused, and changes
/// nothing.
async fn table_steps_need_the_csrf_token(b: Backend) {
    let app = App::new(b).await;
    let (id, _) = drafted(&app).await;
    let session = app.login("filler_a", common::PASSWORD).await;
    let Auth::Session { cookie, .. } = session.clone() else { panic!("会话登录") };
    let bare = Auth::Session { cookie, csrf: None };
    let r = step(&app, &bare, id, "submit", json!({ "version": 1, "comment": "无令牌" })).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(state(&app, id).await, ("draft".to_string(), 1));
    let r = step(&app, &session, id, "submit", json!({ "version": 1, "comment": "有令牌" })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}
both!(table_steps_need_the_csrf_token);


/// What the department page's confirmation lists for 提交本部门全部草稿: each item's API path,
/// version and error count, as `assets/app.js` submits them.
fn submit_all_items(page: &str) -> Vec<(String, i64, i64)> {
    let attr = |li: &str, name: &str| -> String {
        let at = li.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        // As the browser reads an attribute (the templates escape `/`).
        li[at..at + li[at..].find('"').unwrap()].replace("&#x2f;", "/")
    };
    let Some(list) = page.find("<ol id=\"submit-all-list\">").map(|i| &page[i..]) else { return Vec::new() };
    let list = &list[..list.find("</ol>").unwrap()];
    list.split("<li ")
        .skip(1)
        .map(|li| (attr(li, "data-api"), attr(li, "data-version").parse().unwrap(), attr(li, "data-errors").parse().unwrap()))
        .collect()
}

/// 提交本部门全部草稿 submits the department's draft 部门整体 table with its projects: the
/// button counts it, the confirmation lists it with its errors (which need the same
/// justification as the projects'), and submitting every item as the page does leaves no
/// draft. Only the department's filler gets the button.
async fn submit_all_includes_the_department_table(b: Backend) {
    let app = App::new(b).await;
    let (id, _) = drafted(&app).await;
    let projects = app.get(&app.filler, &format!("/api/v1/projects?document={}&status=draft", app.doc_a)).await.body["total"].as_i64().unwrap();
    assert!(projects > 0);
    let url = format!("/departments/{}?year=2023", app.dept_a);
    let page = html(&app.get(&app.filler, &url).await);
    assert!(page.contains(&format!("提交本部门全部草稿（{projects} 个项目、1 张部门整体表）")), "{page}");
    assert!(page.contains(&format!("确认提交以下{projects} 个项目、1 张部门整体表？")), "{page}");
    let items = submit_all_items(&page);
    assert_eq!(items.len() as i64, projects + 1);
    let table = format!("/api/v1/department-tables/{id}");
    let errors = open_errors(&app, id).await;
    assert!(items.contains(&(table.clone(), 1, errors)), "{items:?}");
    assert!(page.contains("部门整体支出绩效目标表（2023 年度）"), "{page}");
    assert!(page.contains(&format!("data-errors=\"{}\"", items.iter().map(|i| i.2).sum::<i64>())), "the total the justification is asked for");
    // Nobody else gets the button: another department's filler, the reviewer, the public.
    for who in [&app.filler_b, &app.reviewer, &app.admin, &Auth::Public] {
        assert!(!html(&app.get(who, &url).await).contains("id=\"submit-all\""));
    }
    // A year whose documents print only the table: the button counts it alone.
    let mut only = department_draft();
    only["year"] = json!(2024);
    let r = app.send(&app.filler, Method::POST, "/api/v1/drafts", Some(only)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let page_2024 = html(&app.get(&app.filler, &format!("/departments/{}?year=2024", app.dept_a)).await);
    assert!(page_2024.contains("提交本部门全部草稿（1 张部门整体表）"), "{page_2024}");
    // Submitted as the page does: each item with its version and the one justification.
    let with_errors = items.iter().any(|i| i.2 > 0);
    if errors > 0 {
        let r = step(&app, &app.filler, id, "submit", json!({ "version": 1 })).await;
        assert!(!r.status.is_success(), "errors need a justification: {}", r.body);
    }
    for (api, version, _) in &items {
        let comment = if with_errors { json!("已核对，按原表提交。") } else { Value::Null };
        let r = app.send(&app.filler, Method::POST, &format!("{api}/submit"), Some(json!({ "version": version, "comment": comment }))).await;
        assert_eq!(r.status, StatusCode::OK, "{api}: {}", r.body);
    }
    assert_eq!(state(&app, id).await.0, "submitted");
    let drafts = app.get(&app.filler, &format!("/api/v1/projects?document={}&status=draft", app.doc_a)).await;
    assert_eq!(drafts.body["total"], 0);
    let page = html(&app.get(&app.filler, &url).await);
    assert!(!page.contains("id=\"submit-all\""), "nothing left to submit");
}
both!(submit_all_includes_the_department_table);

/// A department whose documents of a year print only a 部门整体 table (no project) has its
/// sheet in the year's workbook — for those who may see the table — and its line in the 目录.
async fn a_department_with_only_its_table_has_a_sheet(b: Backend) {
    let app = App::new(b).await;
    let mut only = department_draft();
    only["year"] = json!(2024);
    let r = app.send(&app.filler, Method::POST, "/api/v1/drafts", Some(only)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let doc = r.body["document_id"].as_i64().unwrap();
    let id = app.get(&app.admin, &format!("/api/v1/documents/{doc}")).await.body["department_table"]["id"].as_i64().unwrap();
    let name = app.get(&app.admin, &format!("/api/v1/organisations/{}", app.dept_a)).await.body["name"].as_str().unwrap().to_string();
    let sheets = |bytes: &[u8]| {
        let wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
        wb.sheet_names()
    };
    for (who, auth, sees) in app.readers_of_a_drafts() {
        let r = app.get(auth, "/api/v1/years/2024/workbook").await;
        assert_eq!(r.status, StatusCode::OK, "{who}");
        let text = workbook_text(&r.bytes);
        assert_eq!(text.contains(GOAL), sees, "{who}: {text}");
        assert_eq!(sheets(&r.bytes).contains(&format!("1 {name}")), sees, "{who}: {:?}", sheets(&r.bytes));
        if sees {
            assert!(text.contains("全县综合应急演练次数") && text.contains("部门整体绩效目标表"), "{who}: {text}");
        }
    }
    // The page's download is the same file.
    let page = app.get(&app.admin, "/years/2024/download/xlsx").await;
    assert!(workbook_text(&page.bytes).contains(GOAL));
    // Approved, the public's workbook has it too.
    let comment = if open_errors(&app, id).await > 0 { json!("已核对。") } else { Value::Null };
    assert_eq!(step(&app, &app.filler, id, "submit", json!({ "version": 1, "comment": comment })).await.status, StatusCode::OK);
    assert_eq!(step(&app, &app.reviewer, id, "approve", json!({ "version": 2 })).await.status, StatusCode::OK);
    let r = app.get(&Auth::Public, "/api/v1/years/2024/workbook").await;
    assert!(workbook_text(&r.bytes).contains(GOAL));
}
both!(a_department_with_only_its_table_has_a_sheet);
