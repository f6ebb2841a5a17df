//! Issue 17, administration of fiscal years: who may read and change them (API and page), the
//! audit entries, CSRF; and what a closed year (closed by hand, or past its deadline) refuses a
//! department's filler — drafting, copying into it, changing a project or its indicators,
//! submitting, importing — with nothing written, while reviewers and administrators go on. On
//! SQLite and PostgreSQL.

mod common;

use axum::http::{Method, StatusCode};
use common::{seed, App, Auth, Backend, SEED_A};
use serde_json::{json, Value};

fn page(a: &common::Answer) -> String {
    match &a.body {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

async fn years(app: &App) -> Vec<Value> {
    let r = app.get(&app.admin, "/api/v1/fiscal-years").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body["items"].as_array().unwrap().clone()
}

fn year_of(items: &[Value], year: i64) -> Value {
    items.iter().find(|y| y["year"] == year).cloned().unwrap_or_else(|| panic!("应有 {year} 年度：{items:?}"))
}

async fn put_year(app: &App, who: &Auth, year: i64, body: Value) -> common::Answer {
    app.send(who, Method::PUT, &format!("/api/v1/fiscal-years/{year}"), Some(body)).await
}

async fn project(app: &App, id: i64) -> Value {
    app.get(&app.admin, &format!("/api/v1/projects/{id}")).await.body
}

async fn document_count(app: &App) -> i64 {
    app.get(&app.admin, "/api/v1/documents?per_page=1").await.body["total"].as_i64().unwrap()
}

/// Issue 17 with issue 13's rules for a new endpoint: only administrators read or change the
/// fiscal years (the public 401, fillers and reviewers 403, nothing written); wrong input is
/// refused in Chinese with nothing written; every change is in the audit log with its before
/// and after; the page is for administrators; the session's writes need the CSRF token.
async fn only_administrators_read_and_change_fiscal_years(b: Backend) {
    let app = App::new(b).await;
    // The imports stored 2023 (A) and 2020 (B): open, no deadline, with what they hold.
    let items = years(&app).await;
    assert_eq!(items.iter().map(|y| y["year"].as_i64().unwrap()).collect::<Vec<_>>(), [2023, 2020]);
    let y2023 = year_of(&items, 2023);
    assert_eq!((y2023["status"].as_str(), &y2023["deadline"], &y2023["closed"], y2023["version"].as_i64()), (Some("open"), &Value::Null, &json!(false), Some(1)));
    let a_projects = app.get(&app.admin, &format!("/api/v1/projects?document={}&per_page=1", app.doc_a)).await.body["total"].as_i64().unwrap();
    assert_eq!((y2023["documents"].as_i64(), y2023["projects"]["draft"].as_i64(), y2023["projects"]["approved"].as_i64()), (Some(1), Some(a_projects), Some(0)));

    for (who, auth, status) in [("公众", &Auth::Public, StatusCode::UNAUTHORIZED), ("填报员", &app.filler, StatusCode::FORBIDDEN), ("审核员", &app.reviewer, StatusCode::FORBIDDEN)] {
        assert_eq!(app.get(auth, "/api/v1/fiscal-years").await.status, status, "{who}");
        let r = app.send(auth, Method::POST, "/api/v1/fiscal-years", Some(json!({ "year": 2027 }))).await;
        assert_eq!(r.status, status, "{who}: {}", r.body);
        let r = put_year(&app, auth, 2023, json!({ "version": 1, "status": "closed" })).await;
        assert_eq!(r.status, status, "{who}: {}", r.body);
        let r = app.get(auth, "/admin/years").await;
        match auth {
            Auth::Public => assert_eq!((r.status, r.headers["location"].to_str().unwrap()), (StatusCode::SEE_OTHER, "/login")),
            _ => assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}"),
        }
    }
    assert_eq!(years(&app).await, items, "被拒绝的请求什么也没改");
    let audit = app.audit_count().await;

    // Wrong input: refused in Chinese, nothing stored.
    for (body, says) in [
        (json!({ "year": 1999 }), "年度应在 2000 至 2100 之间"),
        (json!({ "year": 2027, "deadline": "2027-02-30" }), "申报截止日期应写成 年-月-日"),
        (json!({ "year": 2027, "deadline": "2027/06/30" }), "申报截止日期应写成 年-月-日"),
        (json!({ "year": 2027, "status": "shut" }), "应为 open（开放填报）或 closed（已截止）"),
    ] {
        let r = app.send(&app.admin, Method::POST, "/api/v1/fiscal-years", Some(body.clone())).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", r.body);
        assert!(r.detail().contains(says), "{body}: {}", r.detail());
    }
    let r = app.send(&app.admin, Method::POST, "/api/v1/fiscal-years", Some(json!({ "year": 2027, "closes": "2027-06-30" }))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "未知字段：{}", r.body);
    let r = app.send(&app.admin, Method::POST, "/api/v1/fiscal-years", Some(json!({ "year": 2023 }))).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.detail().contains("2023 年度已经存在"), "{}", r.detail());
    assert_eq!((years(&app).await, app.audit_count().await), (items.clone(), audit));

    // A new year with its deadline; then closed, the deadline cleared.
    let r = app.send(&app.admin, Method::POST, "/api/v1/fiscal-years", Some(json!({ "year": 2027, "deadline": "2027-06-30" }))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!((r.body["status"].as_str(), r.body["deadline"].as_str(), r.body["version"].as_i64()), (Some("open"), Some("2027-06-30"), Some(1)));
    assert_eq!(years(&app).await[0]["year"], 2027, "最新的年度在前");
    let r = put_year(&app, &app.admin, 2027, json!({ "version": 1, "status": "closed", "deadline": "" })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!((r.body["status"].as_str(), &r.body["deadline"], r.body["version"].as_i64()), (Some("closed"), &Value::Null, Some(2)));
    let stale = put_year(&app, &app.admin, 2027, json!({ "version": 1, "status": "open" })).await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    let r = put_year(&app, &app.admin, 2027, json!({ "version": 2, "deadline": "2027-13-01" })).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(put_year(&app, &app.admin, 1990, json!({ "version": 1, "status": "open" })).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.send(&app.admin, Method::PUT, "/api/v1/fiscal-years/二〇二七", Some(json!({ "version": 1 }))).await.status, StatusCode::BAD_REQUEST);
    let y2027 = year_of(&years(&app).await, 2027);
    assert_eq!((y2027["status"].as_str(), &y2027["deadline"], &y2027["closed"], y2027["version"].as_i64()), (Some("closed"), &Value::Null, &json!(true), Some(2)));

    // The audit log: both changes, the second with its before and after.
    let log = app.get(&app.admin, "/api/v1/audit?entity=fiscal_year").await;
    assert_eq!(log.status, StatusCode::OK, "{}", log.body);
    let entries = log.body["items"].as_array().unwrap();
    assert_eq!(entries.iter().map(|e| e["action"].as_str().unwrap()).collect::<Vec<_>>(), ["update", "create"]);
    assert_eq!((&entries[0]["entity_id"], &entries[0]["before"]["status"], &entries[0]["after"]["status"]), (&json!(2027), &json!("open"), &json!("closed")));
    assert_eq!((&entries[0]["before"]["deadline"], &entries[0]["after"]["deadline"]), (&json!("2027-06-30"), &Value::Null));
    let shown = page(&app.get(&app.admin, "/admin/audit?entity=fiscal_year").await);
    assert!(shown.contains("预算年度") && shown.contains("申报截止日期") && shown.contains("2027-06-30"), "{shown}");
    assert!(shown.contains("<td class=\"before\">开放填报</td><td>→</td><td class=\"after\">已截止</td>"), "{shown}");

    // The page: every year, its state and counts, the forms.
    let html = page(&app.get(&app.admin, "/admin/years").await);
    for want in ["id=\"year-create\"", "data-year=\"2027\" data-version=\"2\"", "data-year=\"2023\"", "data-year=\"2020\"", "已截止", "开放填报"] {
        assert!(html.contains(want), "{want}: {html}");
    }
    assert!(page(&app.get(&app.admin, "/admin/users").await).contains("id=\"nav-years\""), "用户页应链接到预算年度");

    // A session's writes need the CSRF token; nothing changes without it.
    let session = app.login("admin", common::PASSWORD).await;
    let Auth::Session { cookie, .. } = session.clone() else { panic!("会话登录") };
    let bare = Auth::Session { cookie, csrf: None };
    let r = app.send(&bare, Method::POST, "/api/v1/fiscal-years", Some(json!({ "year": 2028 }))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = put_year(&app, &bare, 2027, json!({ "version": 2, "status": "open" })).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(year_of(&years(&app).await, 2027)["version"], 2);
    assert!(years(&app).await.iter().all(|y| y["year"] != 2028));
    let r = put_year(&app, &session, 2027, json!({ "version": 2, "status": "open" })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}
both!(only_administrators_read_and_change_fiscal_years);

/// Issue 17: a year whose 申报 is closed refuses its department's filler every write of its
/// targets — change a project, add, change or delete an indicator, submit, draft a project
/// or a 部门整体 table, copy into it, import a document — with 409 in Chinese and nothing
/// written; the pages say why and offer none of it. Reviewers return and approve, the
/// administrator changes and submits. Reopened it takes the filler's writes again; a deadline
/// past closes it as closing by hand does, the deadline's own day still open.
async fn a_closed_year_holds_its_fillers_writes(b: Backend) {
    let app = App::new(b).await;
    let (p, ind) = app.fresh_project(app.doc_a).await; // department A, 2023
    let r = put_year(&app, &app.admin, 2023, json!({ "version": 1, "status": "closed" })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let closed = "2023 年度的绩效目标申报已由财政局截止";
    let before = (project(&app, p).await, document_count(&app).await, app.audit_count().await);

    let refused = |r: common::Answer, what: &str| {
        assert_eq!(r.status, StatusCode::CONFLICT, "{what}: {}", r.body);
        assert!(r.detail().contains(closed), "{what}: {}", r.detail());
    };
    let f = &app.filler;
    refused(app.send(f, Method::PUT, &format!("/api/v1/projects/{p}"), Some(json!({ "version": 1, "name": "改名" }))).await, "修改项目");
    refused(app.send(f, Method::POST, "/api/v1/indicators", Some(json!({
        "project_id": p, "level1": "产出指标", "level2": "数量指标", "level3": "新指标", "target": "≥1次" }))).await, "新增指标");
    refused(app.send(f, Method::PUT, &format!("/api/v1/indicators/{ind}"), Some(json!({ "version": 1, "target": "≥200人次" }))).await, "修改指标");
    refused(app.send(f, Method::DELETE, &format!("/api/v1/indicators/{ind}?version=1"), None).await, "删除指标");
    refused(app.send(f, Method::POST, &format!("/api/v1/projects/{p}/submit"), Some(json!({ "version": 1, "comment": "请审核。" }))).await, "提交");
    refused(app.send(f, Method::DELETE, &format!("/api/v1/projects/{p}?version=1"), None).await, "删除项目");
    refused(app.send(f, Method::POST, "/api/v1/projects", Some(json!({ "document_id": app.doc_a, "name": "新项目" }))).await, "新增项目");
    let draft = json!({ "year": 2023, "name": "起草的项目", "goals": ["目标"], "indicators": [
        { "level1": "产出指标", "level2": "数量指标", "level3": "培训人次", "target": "≥100人次" }] });
    refused(app.send(f, Method::POST, "/api/v1/drafts", Some(draft.clone())).await, "新建绩效目标表");
    let table = json!({ "kind": "department", "year": 2023, "budget_total": "10", "goals": ["目标"], "indicators": [
        { "level1": "产出指标", "level2": "数量指标", "level3": "演练次数", "target": "≥12次" }] });
    refused(app.send(f, Method::POST, "/api/v1/drafts", Some(table)).await, "新建部门整体表");
    refused(app.upload(f, "again.txt", &seed(SEED_A)).await, "导入 2023 年度的文档");
    assert_eq!((project(&app, p).await, document_count(&app).await, app.audit_count().await), before, "被拒绝的写入什么也没留下");

    // The pages say why and offer nothing the API would refuse.
    let html = page(&app.get(f, &format!("/projects/{p}")).await);
    assert!(html.contains(&format!("您不能修改此项目：{closed}")), "{html}");
    assert!(!html.contains("id=\"submit-project\"") && !html.contains("class=\"edit-row\""), "{html}");
    let dept = page(&app.get(f, &format!("/departments/{}?year=2023", app.dept_a)).await);
    assert!(dept.contains(closed) && !dept.contains("id=\"submit-all\""), "{dept}");
    // The other department's filler, another year: not held (B is 2020).
    let pb = app.first_project(app.doc_b).await["id"].as_i64().unwrap();
    let r = app.send(&app.filler_b, Method::PUT, &format!("/api/v1/projects/{pb}"), Some(json!({ "version": 1, "name": "二〇二〇年的项目" }))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Drafting another year still works; copying into a closed one does not.
    let mut later = draft.clone();
    later["year"] = json!(2025);
    let r = app.send(f, Method::POST, "/api/v1/drafts", Some(later)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = app.send(&app.admin, Method::POST, "/api/v1/fiscal-years", Some(json!({ "year": 2024, "status": "closed" }))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let docs = document_count(&app).await;
    let r = app.send(f, Method::POST, &format!("/api/v1/projects/{p}/copy"), Some(json!({}))).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.detail().contains("2024 年度的绩效目标申报已由财政局截止"), "{}", r.detail());
    assert_eq!(document_count(&app).await, docs);

    // A 部门整体 table drafted while its year was open: once the year is closed, its filler
    // may not submit it (API), and the department page offers no submit.
    let table = json!({ "kind": "department", "year": 2025, "budget_total": "1200.50", "budget_fiscal": "1000", "budget_other": "200.5",
        "goals": ["全面提升应急管理能力"], "indicators": [{ "level1": "产出指标", "level2": "数量指标", "level3": "全县综合应急演练次数",
        "target": "≥12次", "description": "全年组织的综合应急演练次数", "basis": "县级应急预案要求" }] });
    let r = app.send(f, Method::POST, "/api/v1/drafts", Some(table)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let stored = app.get(f, &format!("/api/v1/documents/{}", r.body["document_id"])).await;
    let table_id = stored.body["department_table"]["id"].as_i64().unwrap();
    let dept_2025 = format!("/departments/{}?year=2025", app.dept_a);
    assert!(page(&app.get(f, &dept_2025).await).contains("flow-submit"), "开放年度的部门整体表可以提交");
    let y2025 = year_of(&years(&app).await, 2025);
    let r = put_year(&app, &app.admin, 2025, json!({ "version": y2025["version"], "status": "closed" })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app.send(f, Method::POST, &format!("/api/v1/department-tables/{table_id}/submit"), Some(json!({ "version": 1, "comment": "请审核。" }))).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.detail().contains("2025 年度的绩效目标申报已由财政局截止"), "{}", r.detail());
    assert_eq!(app.get(f, &format!("/api/v1/department-tables/{table_id}")).await.body["status"], "draft");
    let dept = page(&app.get(f, &dept_2025).await);
    assert!(!dept.contains("flow-submit") && !dept.contains("id=\"submit-all\"") && dept.contains("2025 年度的绩效目标申报已由财政局截止"), "{dept}");

    // Staff go on: the administrator changes and submits, the reviewer returns.
    let r = app.send(&app.admin, Method::PUT, &format!("/api/v1/projects/{p}"), Some(json!({ "version": 1, "name": "管理员改名" }))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    app.submit_as_admin(p).await;
    let v = project(&app, p).await["version"].as_i64().unwrap();
    let r = app.send(&app.reviewer, Method::POST, &format!("/api/v1/projects/{p}/return"), Some(json!({ "version": v, "comment": "请补充依据。" }))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Returned, still in a closed year: the filler may not change it.
    let v = v + 1;
    refused(app.send(f, Method::PUT, &format!("/api/v1/projects/{p}"), Some(json!({ "version": v, "name": "改名" }))).await, "已退回");

    // Reopened with a deadline past: closed by the date; one still ahead: open.
    let y = year_of(&years(&app).await, 2023);
    let r = put_year(&app, &app.admin, 2023, json!({ "version": y["version"], "status": "open", "deadline": "2001-01-01" })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app.send(f, Method::PUT, &format!("/api/v1/projects/{p}"), Some(json!({ "version": v, "name": "改名" }))).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.detail().contains("2023 年度的绩效目标申报已于截止日期 2001-01-01 结束"), "{}", r.detail());
    let r = put_year(&app, &app.admin, 2023, json!({ "version": y["version"].as_i64().unwrap() + 1, "deadline": "2100-12-31" })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app.send(f, Method::PUT, &format!("/api/v1/projects/{p}"), Some(json!({ "version": v, "name": "重新开放后改名" }))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let html = page(&app.get(f, &format!("/projects/{p}")).await);
    assert!(!html.contains("您不能修改此项目") && html.contains("id=\"submit-project\""), "{html}");
}
both!(a_closed_year_holds_its_fillers_writes);

/// Issue 17: those who draft are told which years are open and until when — on the home
/// page's 我的待办 and on 新建绩效目标表 — from last year on; the public's home page says
/// nothing of it.
async fn fillers_are_told_which_years_are_open(b: Backend) {
    let app = App::new(b).await;
    let next = jixiao_store::time::today_in_china()[..4].parse::<i64>().unwrap() + 1;
    let r = app.send(&app.admin, Method::POST, "/api/v1/fiscal-years", Some(json!({ "year": next, "deadline": format!("{next}-06-30") }))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let open = format!("<span data-year=\"{next}\">{next} 年度开放填报（截止日期 {next}-06-30）</span>");
    for path in ["/", "/drafts/new"] {
        let html = page(&app.get(&app.filler, path).await);
        assert!(html.contains(&open), "{path}: {html}");
        assert!(!html.contains("data-year=\"2020\">"), "{path}: 去年以前的年度不列出");
    }
    assert!(page(&app.get(&app.reviewer, "/").await).contains(&open));
    assert!(!page(&app.get(&Auth::Public, "/").await).contains("申报年度"), "公众首页不显示申报年度");
    let r = put_year(&app, &app.admin, next, json!({ "version": 1, "status": "closed" })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let html = page(&app.get(&app.filler, "/drafts/new").await);
    assert!(html.contains(&format!("<span data-year=\"{next}\">{next} 年度已截止（截止日期 {next}-06-30）</span>")), "{html}");
}
both!(fillers_are_told_which_years_are_open);
