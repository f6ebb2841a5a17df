//! Issue 17, every role's day in the web app: what the pages show each role (document-level
//! findings, projects without a year or department, the menu, the work queues) and what a
//! batch of reviews does, on SQLite and PostgreSQL. The browser flow is `tests/browser.rs`.

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

async fn projects_of(app: &App, doc: i64) -> Vec<Value> {
    let r = app.get(&app.admin, &format!("/api/v1/projects?document={doc}&per_page=200")).await;
    r.body["items"].as_array().unwrap().clone()
}

async fn version(app: &App, project: i64) -> i64 {
    app.get(&app.admin, &format!("/api/v1/projects/{project}")).await.body["version"].as_i64().unwrap()
}

/// The number in the dashboard tile `id`.
fn tile(html: &str, id: &str) -> i64 {
    let at = html.find(&format!("id=\"{id}\">")).unwrap_or_else(|| panic!("首页应有 {id}")) + id.len() + 6;
    html[at..].chars().take_while(|c| c.is_ascii_digit()).collect::<String>().parse().unwrap()
}

const MISMATCH: &str = "与表中合计140.99万元不符";

/// Issue 17: a finding about the document as a whole (项目预算之和与合计不符, JX-A003) is
/// shown on the department page and on each of its projects' pages, and the dashboard's
/// count includes it — for those who may see the whole document only (a draft's
/// department and the staff; the public once every project is approved).
async fn document_findings_are_shown_and_counted(b: Backend) {
    let app = App::new(b).await;
    let text = String::from_utf8(seed(SEED_A)).unwrap();
    assert!(text.contains("合计:\t\t135.99"));
    let r = app.upload(&app.admin, SEED_A, text.replace("合计:\t\t135.99", "合计:\t\t140.99").as_bytes()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let projects = projects_of(&app, app.doc_a).await;
    let first = projects[0]["id"].as_i64().unwrap();
    let dept = format!("/departments/{}", app.dept_a);
    let project = format!("/projects/{first}");
    app.publish_as_admin(first).await;

    for (who, auth) in [("管理员", &app.admin), ("审核员", &app.reviewer), ("本部门填报员", &app.filler)] {
        for path in [&dept, &project] {
            let r = app.get(auth, path).await;
            assert_eq!(r.status, StatusCode::OK, "{who} {path}");
            assert!(page(&r).contains(MISMATCH), "{who} {path} 应显示文档整体的审核发现");
        }
        // The dashboard counts every finding the viewer may see: those of the list API.
        let listed = app.get(auth, "/api/v1/findings?year=2023&per_page=1").await.body["total"].as_i64().unwrap();
        let home = page(&app.get(auth, "/?year=2023").await);
        assert_eq!(tile(&home, "tile-findings"), listed, "{who}：首页的审核发现应含文档整体的发现");
    }
    // The document still has drafts: its own findings may quote them.
    for (who, auth) in [("公众", &Auth::Public), ("外部门填报员", &app.filler_b)] {
        for path in [&dept, &project] {
            let r = app.get(auth, path).await;
            assert_eq!(r.status, StatusCode::OK, "{who} {path}");
            assert!(!page(&r).contains(MISMATCH), "{who} {path} 不应看到含草稿文档的整体审核发现");
        }
    }
    for p in projects.iter().skip(1) {
        app.publish_as_admin(p["id"].as_i64().unwrap()).await;
    }
    for path in [&dept, &project] {
        assert!(page(&app.get(&Auth::Public, path).await).contains(MISMATCH), "全部批准后公众在 {path} 可以看到");
    }
    let listed = app.get(&Auth::Public, "/api/v1/findings?year=2023&per_page=1").await.body["total"].as_i64().unwrap();
    assert_eq!(tile(&page(&app.get(&Auth::Public, "/?year=2023").await), "tile-findings"), listed);
}
both!(document_findings_are_shown_and_counted);

/// Issue 17: reviewers may not import, so their menu has no 上传导入; fillers' and admins'
/// has; the public's has neither, and its 登录 link is there.
async fn the_menu_offers_what_the_role_may_do(b: Backend) {
    let app = App::new(b).await;
    for (who, auth, upload) in [("管理员", &app.admin, true), ("填报员", &app.filler, true), ("审核员", &app.reviewer, false), ("公众", &Auth::Public, false)] {
        let home = page(&app.get(auth, "/").await);
        assert_eq!(home.contains("href=\"/upload\" id=\"nav-upload\""), upload, "{who}");
        assert_eq!(home.contains("id=\"login-link\""), matches!(auth, Auth::Public), "{who}");
    }
}
both!(the_menu_offers_what_the_role_may_do);

fn ids(projects: &[Value]) -> Vec<i64> {
    projects.iter().map(|p| p["id"].as_i64().unwrap()).collect()
}

fn links(html: &str, ids: &[i64]) -> usize {
    ids.iter().filter(|id| html.contains(&format!("href=\"/projects/{id}\""))).count()
}

/// Issue 17 (queues) with issue 13's rule for a new page: who sees what. The public is sent
/// to the login page; a filler's queues are their own department's only (another
/// department's drafts never show, whatever `?department=` asks); reviewers see every
/// department's submitted projects, filtered by department and year; the home page counts
/// each queue; a batch of returns with one comment lands on each project, and the filler's
/// 被退回 queue shows it.
async fn work_queues_per_role(b: Backend) {
    let app = App::new(b).await;
    let a = ids(&projects_of(&app, app.doc_a).await); // department A, 2023
    let bp = ids(&projects_of(&app, app.doc_b).await); // department B, 2020
    assert!(a.len() >= 3 && !bp.is_empty());

    let r = app.get(&Auth::Public, "/queue").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.headers["location"], "/login");

    // Fillers: their own drafts, counted on the home page.
    let q = page(&app.get(&app.filler, "/queue").await);
    assert!(q.contains("我的草稿"), "{q}");
    assert_eq!((links(&q, &a), links(&q, &bp)), (a.len(), 0));
    let q = page(&app.get(&app.filler, &format!("/queue?status=draft&department={}", app.dept_b)).await);
    assert_eq!((links(&q, &a), links(&q, &bp)), (a.len(), 0), "填报员只看本部门，不论网址中的 department");
    let q = page(&app.get(&app.filler_b, "/queue").await);
    assert_eq!((links(&q, &a), links(&q, &bp)), (0, bp.len()));
    let home = page(&app.get(&app.filler, "/").await);
    assert!(home.contains(&format!("href=\"/queue?status=draft\">我的草稿 <b class=\"count\">{}</b>", a.len())), "{home}");
    assert!(home.contains("href=\"/queue?status=returned\">被退回 <b class=\"count\">0</b>"));
    assert!(!page(&app.get(&Auth::Public, "/").await).contains("我的待办"));

    // Submitted: two of A, one of B.
    for p in [a[0], a[1], bp[0]] {
        app.submit_as_admin(p).await;
    }
    let q = page(&app.get(&app.reviewer, "/queue").await);
    assert!(q.contains("待审核"));
    assert_eq!((links(&q, &a), links(&q, &bp)), (2, 1));
    let q = page(&app.get(&app.reviewer, &format!("/queue?status=submitted&department={}", app.dept_a)).await);
    assert_eq!((links(&q, &a), links(&q, &bp)), (2, 0));
    let q = page(&app.get(&app.reviewer, "/queue?status=submitted&year=2020").await);
    assert_eq!((links(&q, &a), links(&q, &bp)), (0, 1));
    assert!(page(&app.get(&app.reviewer, "/").await).contains("href=\"/queue?status=submitted\">待审核 <b class=\"count\">3</b>"));
    let q = page(&app.get(&app.filler, "/queue?status=submitted").await);
    assert_eq!((links(&q, &a), links(&q, &bp)), (2, 0));
    // Only a reviewer's (or admin's) 待审核 offers the batch; a filler's list does not.
    assert!(q.contains("id=\"queue-all\"") == false && !q.contains("id=\"batch-approve\""));
    assert!(page(&app.get(&app.reviewer, "/queue").await).contains("id=\"batch-approve\""));
    let bad = app.get(&app.reviewer, "/queue?status=approved").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let bad = app.get(&app.reviewer, "/queue?year=二〇二〇").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    // The batch, as the page sends it: each ticked project through the workflow endpoint
    // with the one comment. A filler may not take part.
    let comment = "请补充成本指标的测算依据。";
    let v = version(&app, a[0]).await;
    let r = app.send(&app.filler, Method::POST, &format!("/api/v1/projects/{}/return", a[0]), Some(json!({ "version": v, "comment": comment }))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    for p in [a[0], a[1]] {
        let v = version(&app, p).await;
        let r = app.send(&app.reviewer, Method::POST, &format!("/api/v1/projects/{p}/return"), Some(json!({ "version": v, "comment": comment }))).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let q = page(&app.get(&app.filler, "/queue?status=returned").await);
    assert_eq!(links(&q, &a), 2);
    assert_eq!(q.matches(comment).count(), 2, "被退回的项目旁显示审核员的意见");
    assert!(!page(&app.get(&app.filler_b, "/queue?status=returned").await).contains(comment));
    assert!(page(&app.get(&app.filler, "/").await).contains("href=\"/queue?status=returned\">被退回 <b class=\"count\">2</b>"));
}
both!(work_queues_per_role);

/// 河北唐山南堡经济开发区应急管理局: the document prints no year.
const UNDATED: &str = "003_dc947c097ca44fd8.txt";
/// 2021: the document names no department.
const UNPLACED: &str = "001_bad47639f8145b87.txt";

/// Issue 17: projects whose document prints no year, or names no department, are reachable
/// from the dashboard (年度未知 among the years; the 未识别部门 row a link to
/// `/departments/unknown`), for those who may see them and for nobody else.
async fn projects_without_year_or_department_are_reachable(b: Backend) {
    let app = App::new(b).await;
    let mut docs = Vec::new();
    for name in [UNDATED, UNPLACED] {
        let r = app.upload(&app.admin, name, &seed(name)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        docs.push(r.body["document_id"].as_i64().unwrap());
    }
    let undated = ids(&projects_of(&app, docs[0]).await);
    let unplaced = ids(&projects_of(&app, docs[1]).await);
    assert!(undated.len() > 5 && unplaced.len() > 2);
    let doc = app.get(&app.admin, &format!("/api/v1/documents/{}", docs[0])).await.body;
    assert!(doc["year"].is_null(), "{doc}");
    let nanpu = doc["department_id"].as_i64().unwrap();
    assert!(app.get(&app.admin, &format!("/api/v1/documents/{}", docs[1])).await.body["department_id"].is_null());

    for auth in [&app.admin, &app.reviewer] {
        let home = page(&app.get(auth, "/").await);
        assert!(home.contains("<option value=\"unknown\" >年度未知</option>"), "{home}");
        let home = page(&app.get(auth, "/?year=unknown").await);
        let link = format!("href=\"/departments/{nanpu}?year=unknown\"");
        assert!(home.contains(&link), "{home}");
        let dept = page(&app.get(auth, &format!("/departments/{nanpu}?year=unknown")).await);
        assert_eq!(links(&dept, &undated), undated.len());
        assert!(dept.contains("年度未知"));
        let home = page(&app.get(auth, "/?year=2021").await);
        assert!(home.contains("href=\"/departments/unknown?year=2021\">（未识别部门）</a>"), "{home}");
        let unknown = app.get(auth, "/departments/unknown?year=2021").await;
        assert_eq!(unknown.status, StatusCode::OK);
        assert_eq!(links(&page(&unknown), &unplaced), unplaced.len());
        assert_eq!(links(&page(&app.get(auth, "/departments/unknown").await), &unplaced), unplaced.len());
    }
    // Drafts: the public and the fillers of other departments see none of them.
    for auth in [&Auth::Public, &app.filler, &app.filler_b] {
        assert!(!page(&app.get(auth, "/").await).contains("value=\"unknown\""));
        let r = app.get(auth, "/?year=unknown").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(!page(&r).contains(&format!("/departments/{nanpu}")));
        for path in ["/departments/unknown".to_string(), "/departments/unknown?year=2021".to_string(), format!("/departments/{nanpu}?year=unknown")] {
            let r = app.get(auth, &path).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            assert_eq!(links(&page(&r), &unplaced) + links(&page(&r), &undated), 0, "{path}");
        }
    }
    // Once approved, the public reaches them too.
    app.publish_as_admin(undated[0]).await;
    app.publish_as_admin(unplaced[0]).await;
    let home = page(&app.get(&Auth::Public, "/?year=unknown").await);
    assert!(home.contains(&format!("href=\"/departments/{nanpu}?year=unknown\"")));
    assert_eq!(links(&page(&app.get(&Auth::Public, &format!("/departments/{nanpu}?year=unknown")).await), &undated), 1);
    assert_eq!(links(&page(&app.get(&Auth::Public, "/departments/unknown?year=2021").await), &unplaced), 1);
    let bad = app.get(&Auth::Public, "/departments/abc").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}
both!(projects_without_year_or_department_are_reachable);

/// Issue 17 (administration) with issue 13's rules: only administrators reach 系统管理; an
/// administrator creates a user, changes their role and department, stops them (they can no
/// longer sign in), restores them with a new password; each change is in the audit log with
/// before and after, filtered by object and user; the last administrator cannot be stopped.
async fn administration_of_users_and_the_audit_log(b: Backend) {
    let app = App::new(b).await;
    for (who, auth, status) in [("审核员", &app.reviewer, StatusCode::FORBIDDEN), ("填报员", &app.filler, StatusCode::FORBIDDEN)] {
        for path in ["/admin/users", "/admin/audit", "/admin/audit?entity=user"] {
            assert_eq!(app.get(auth, path).await.status, status, "{who} {path}");
        }
        assert!(!page(&app.get(auth, "/").await).contains("nav-admin"), "{who}");
    }
    assert_eq!(app.get(&app.reviewer, "/admin/organisations").await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(&app.filler, "/admin/organisations").await.status, StatusCode::FORBIDDEN);
    let orgs = page(&app.get(&app.admin, "/admin/organisations").await);
    assert!(orgs.contains(&format!("<tr data-id=\"{}\"", app.dept_a)) && orgs.contains("value=\"门源县应急管理局\""), "{orgs}");
    for path in ["/admin/users", "/admin/audit", "/admin/organisations"] {
        let r = app.get(&Auth::Public, path).await;
        assert_eq!((r.status, r.headers["location"].to_str().unwrap()), (StatusCode::SEE_OTHER, "/login"), "{path}");
    }
    assert!(page(&app.get(&app.admin, "/").await).contains("href=\"/admin/users\" id=\"nav-admin\""));

    let r = app
        .send(&app.admin, Method::POST, "/api/v1/users", Some(json!({ "username": "zhang", "display_name": "张新", "password": common::PASSWORD, "role": "filler", "department_id": app.dept_a })))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.body["id"].as_i64().unwrap();
    let users = page(&app.get(&app.admin, "/admin/users").await);
    assert!(users.contains("data-username=\"zhang\"") && users.contains("value=\"张新\""), "{users}");
    let zhang = app.login("zhang", common::PASSWORD).await;
    // Moved to department B as a filler, then made a reviewer.
    let r = app.send(&app.admin, Method::PUT, &format!("/api/v1/users/{id}"), Some(json!({ "version": 1, "department_id": app.dept_b }))).await;
    assert_eq!((r.status, r.body["department_id"].as_i64()), (StatusCode::OK, Some(app.dept_b)), "{}", r.body);
    let r = app.send(&app.admin, Method::PUT, &format!("/api/v1/users/{id}"), Some(json!({ "version": 2, "role": "reviewer", "department_id": app.dept_b }))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = app.send(&app.admin, Method::PUT, &format!("/api/v1/users/{id}"), Some(json!({ "version": 2, "role": "reviewer" }))).await;
    assert_eq!((r.status, r.body["role"].as_str()), (StatusCode::OK, Some("reviewer")), "{}", r.body);
    let r = app.send(&app.admin, Method::PUT, &format!("/api/v1/users/{id}"), Some(json!({ "version": 2, "display_name": "旧版本" }))).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    // Stopped: the session ends and the password no longer signs in.
    let r = app.send(&app.admin, Method::PUT, &format!("/api/v1/users/{id}"), Some(json!({ "version": 3, "active": false }))).await;
    assert_eq!((r.status, r.body["active"].as_bool()), (StatusCode::OK, Some(false)), "{}", r.body);
    assert_eq!(app.get(&zhang, "/api/v1/auth/me").await.status, StatusCode::UNAUTHORIZED);
    let refused = app.send(&Auth::Public, Method::POST, "/api/v1/auth/login", Some(json!({ "username": "zhang", "password": common::PASSWORD }))).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    // Restored with a new password.
    let new_password = "新口令-管理员重设-2026";
    let r = app.send(&app.admin, Method::PUT, &format!("/api/v1/users/{id}"), Some(json!({ "version": 4, "active": true, "password": new_password }))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let zhang = app.login("zhang", new_password).await;
    let r = app.send(&zhang, Method::POST, "/api/v1/auth/tokens", Some(json!({ "name": "脚本" }))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let token = Auth::Bearer(r.body["token"].as_str().unwrap().to_string());
    assert_eq!(app.get(&token, "/api/v1/auth/me").await.status, StatusCode::OK);
    let r = app.send(&app.admin, Method::PUT, &format!("/api/v1/users/{id}"), Some(json!({ "version": 5, "password": "short" }))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Another reset (the password may be known to someone): sessions and API tokens end.
    let r = app.send(&app.admin, Method::PUT, &format!("/api/v1/users/{id}"), Some(json!({ "version": 5, "password": "又一个新口令-2026-12" }))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.get(&token, "/api/v1/auth/me").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get(&zhang, "/api/v1/auth/me").await.status, StatusCode::UNAUTHORIZED);

    // The audit log: every change with before and after, filtered.
    let log = page(&app.get(&app.admin, &format!("/admin/audit?entity=user&entity_id={id}")).await);
    assert!(log.contains("<span id=\"audit-total\">6</span>"), "建立 1 次、修改 5 次：{log}");
    assert!(log.contains("<tr data-field=\"role\"><th>角色</th><td class=\"before\">部门填报员</td><td>→</td><td class=\"after\">财政审核员</td>"), "{log}");
    assert!(log.contains("<tr data-field=\"active\"><th>在用</th><td class=\"before\">是</td><td>→</td><td class=\"after\">否</td>"), "{log}");
    assert!(log.contains("<tr data-field=\"password_reset\"><th>重设口令</th>"), "{log}");
    assert!(!log.contains("argon2"), "口令哈希不应出现在日志中");
    let admin_id: i64 = app.get(&app.admin, "/api/v1/auth/me").await.body["id"].as_i64().unwrap();
    let by_admin = page(&app.get(&app.admin, &format!("/admin/audit?user={admin_id}&entity=user&action=update")).await);
    assert!(by_admin.contains("<span id=\"audit-total\">5</span>"), "{by_admin}");
    let none = page(&app.get(&app.admin, "/admin/audit?from=2999-01-01").await);
    assert!(none.contains("<span id=\"audit-total\">0</span>"));
    assert_eq!(app.get(&app.admin, "/admin/audit?from=昨天").await.status, StatusCode::BAD_REQUEST);

    // The last administrator stays; nobody stops their own account.
    let v = app.get(&app.admin, "/api/v1/users").await.body["items"].as_array().unwrap().iter().find(|u| u["id"] == admin_id).unwrap()["version"].as_i64().unwrap();
    let r = app.send(&app.admin, Method::PUT, &format!("/api/v1/users/{admin_id}"), Some(json!({ "version": v, "active": false }))).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let r = app.send(&app.admin, Method::PUT, &format!("/api/v1/users/{admin_id}"), Some(json!({ "version": v, "role": "reviewer" }))).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    // Others may not change users at all.
    for auth in [&app.reviewer, &app.filler] {
        let r = app.send(auth, Method::PUT, &format!("/api/v1/users/{id}"), Some(json!({ "version": 7, "role": "admin" }))).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
}
both!(administration_of_users_and_the_audit_log);

/// Issue 17: the monitoring page names documents by department and year, not only by their
/// (often hashed) file names; each filler sees their own department's.
async fn monitoring_names_documents_readably(b: Backend) {
    let app = App::new(b).await;
    let own = page(&app.get(&app.filler, "/monitoring").await);
    assert!(own.contains(&format!(">门源县应急管理局 · 2023 年度 · {SEED_A}</option>")), "{own}");
    assert!(!own.contains("石家庄高新区应急管理局 · 2020"), "外部门的草稿文档不应列出");
    let all = page(&app.get(&app.reviewer, "/monitoring").await);
    assert!(all.contains(">石家庄高新区应急管理局 · 2020 年度 · "), "{all}");
}
both!(monitoring_names_documents_readably);

/// Issue 17: qualitative results are chosen from the bands (达成年度指标 / 部分达成并具有一定
/// 效果 / 未达成且效果较差), deadlines from the months, not typed; numbers are typed.
async fn monitoring_offers_choices_for_words_and_deadlines(b: Backend) {
    let app = App::new(b).await;
    let mut saw_band = false;
    for doc in [app.doc_a, app.doc_b] {
        let html = page(&app.get(&app.admin, &format!("/monitoring?document={doc}&month=8")).await);
        assert!(html.contains("<input name=\"cur_0_0\"") || html.contains("<select name=\"cur_0_0\""), "{html}");
        for part in html.split("<select name=\"cur_").skip(1) {
            let select = &part[..part.find("</select>").unwrap()];
            let band = select.contains("<option >达成年度指标</option><option >部分达成并具有一定效果</option><option >未达成且效果较差</option>");
            let months = select.contains("<option >6月完成</option>") && select.contains("<option >未完成</option>");
            assert!(band || months, "{select}");
            saw_band |= band;
        }
    }
    assert!(saw_band, "种子文档中应有定性指标");
    // One project at a time: the first by default, any by its number, or all of them.
    let sections = |html: &str| html.matches("class=\"card entry-project\"").count();
    let projects = projects_of(&app, app.doc_a).await.len();
    let base = format!("/monitoring?document={}&month=8", app.doc_a);
    assert_eq!(sections(&page(&app.get(&app.filler, &base).await)), 1);
    let second = page(&app.get(&app.filler, &format!("{base}&project=1")).await);
    assert_eq!(sections(&second), 1);
    assert!(second.contains("name=\"project-1\"") && !second.contains("name=\"project-0\""));
    assert_eq!(sections(&page(&app.get(&app.filler, &format!("{base}&project=all")).await)), projects);
    assert_eq!(app.get(&app.filler, &format!("{base}&project={projects}")).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.get(&app.filler_b, &format!("{base}&project=all")).await.status, StatusCode::NOT_FOUND);
}
both!(monitoring_offers_choices_for_words_and_deadlines);

/// Issue 17, the audit log at scale: past 10,000 matching entries the log is counted no
/// further (the page says 10000 条以上 and offers the next page with its filters; the API's
/// `more` is true), a filter matching fewer is counted exactly, and the log reads newest
/// first by time: the service's own entries before ten thousand older ones written directly.
async fn the_audit_log_counts_up_to_its_limit(b: Backend) {
    let app = App::new(b).await;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10120) \
         INSERT INTO audit_log (at, user_id, entity, entity_id, action, before_json, after_json) \
         SELECT '2020-01-01T00:00:00Z', NULL, 'indicator', i, 'update', '{\"target_printed\":\"≥90%\"}', '{\"target_printed\":\"≥95%\"}' FROM n",
    )
    .execute(app.store.pool())
    .await
    .unwrap();
    let all = app.get(&app.admin, "/api/v1/audit?per_page=50").await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    assert_eq!((all.body["total"].as_i64(), &all.body["more"]), (Some(10_000), &json!(true)));
    let at: Vec<&str> = all.body["items"].as_array().unwrap().iter().map(|e| e["at"].as_str().unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] >= w[1]) && at[0] > "2026", "新的在前：{at:?}");
    // A filter matching fewer: exact.
    let docs = app.get(&app.admin, "/api/v1/audit?entity=document").await;
    assert_eq!((docs.body["total"].as_i64(), &docs.body["more"]), (Some(docs.body["items"].as_array().unwrap().len() as i64), &json!(false)));
    // Past the first 10,000: counted from the page's start.
    let late = app.get(&app.admin, "/api/v1/audit?entity=indicator&per_page=100&page=101").await;
    assert_eq!(late.body["items"].as_array().unwrap().len(), 100);
    assert_eq!((late.body["total"].as_i64(), &late.body["more"]), (Some(10_120), &json!(false)));
    // The page: 10000 条以上, the next page keeping the filter.
    let html = page(&app.get(&app.admin, "/admin/audit?entity=indicator").await);
    assert!(html.contains("<span id=\"audit-total\">10000</span> 条以上"), "{html}");
    assert!(html.contains("href=\"/admin/audit?page=2&amp;entity=indicator\" id=\"audit-next\""), "{html}");
    let html = page(&app.get(&app.admin, "/admin/audit?entity=indicator&page=102").await);
    assert!(html.contains("<span id=\"audit-total\">10120</span> 条）") && !html.contains("id=\"audit-next\""), "{html}");
}
both!(the_audit_log_counts_up_to_its_limit);
