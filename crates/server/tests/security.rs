//! The security suite of issue 13: every probe of the report, and the ones that held (CSRF on
//! the API, SQL injection, cookie flags, cross-department edits, optimistic locking), as
//! requests against the real router on SQLite and PostgreSQL. Each test names the item of
//! the issue it covers.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Method, Request, StatusCode};
use common::{seed, Answer, App, Auth, Backend, PASSWORD, SEED_A, SEED_B};
use jixiao_read::layout::Block;
use jixiao_server::api::openapi::ROUTES;
use jixiao_server::Settings;
use serde_json::{json, Value};
use tower::ServiceExt;

// ---------------------------------------------------------------- helpers

/// A request with any headers, optionally from a client address (as `serve` gives it).
async fn call(
    app: &App,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
    from: Option<&str>,
) -> Answer {
    let mut req = Request::builder().method(method).uri(path);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let mut req = req.body(Body::from(body)).unwrap();
    if let Some(ip) = from {
        let addr: SocketAddr = format!("{ip}:40000").parse().unwrap();
        req.extensions_mut().insert(ConnectInfo(addr));
    }
    let response = app.router.clone().oneshot(req).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()))
    };
    Answer { status, headers, body, bytes }
}

/// The request headers that authenticate as `auth` (writes by session carry the CSRF token).
fn auth_headers(auth: &Auth) -> Vec<(&'static str, String)> {
    match auth {
        Auth::Public => vec![],
        Auth::Bearer(t) => vec![("authorization", format!("Bearer {t}"))],
        Auth::Session { cookie, csrf } => {
            let mut h = vec![("cookie", cookie.clone())];
            if let Some(c) = csrf {
                h.push(("x-csrf-token", c.clone()));
            }
            h
        }
    }
}

async fn call_as(app: &App, auth: &Auth, method: Method, path: &str, extra: &[(&str, &str)], body: Vec<u8>) -> Answer {
    let owned = auth_headers(auth);
    let mut headers: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
    headers.extend_from_slice(extra);
    call(app, method, path, &headers, body, None).await
}

fn text(a: &Answer) -> String {
    match &a.body {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn set_cookies(a: &Answer) -> Vec<String> {
    a.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_string))
        .collect()
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

fn json_body(v: Value) -> Vec<u8> {
    serde_json::to_vec(&v).unwrap()
}

const JSON: (&str, &str) = ("content-type", "application/json");

/// A request: method, path, headers, body.
type Probe<'a> = (Method, String, Vec<(&'a str, &'a str)>, Vec<u8>);
const FORM: (&str, &str) = ("content-type", "application/x-www-form-urlencoded");

async fn scalar(app: &App, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(app.store.pool()).await.unwrap()
}

async fn projects_of(app: &App, doc: i64) -> Vec<Value> {
    let r = app.get(&app.admin, &format!("/api/v1/projects?document={doc}&per_page=200")).await;
    r.body["items"].as_array().unwrap().clone()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A document's blocks (as jixiao-office reads them) written as an HTML page, with `comment`
/// hidden in an HTML comment at the top.
fn html_page(blocks: &[Block], comment: &str) -> String {
    let mut h = format!("<!doctype html><html><head><meta charset=\"utf-8\"><title>x</title></head><body>\n<!-- {comment} -->\n");
    for b in blocks {
        match b {
            Block::Paragraph { text, .. } => h.push_str(&format!("<p>{}</p>\n", esc(text))),
            Block::Table(t) => {
                h.push_str("<table>\n");
                for row in &t.rows {
                    h.push_str("<tr>");
                    for c in &row.cells {
                        h.push_str(&format!("<td>{}</td>", esc(&c.text)));
                    }
                    h.push_str("</tr>\n");
                }
                h.push_str("</table>\n");
            }
        }
    }
    h.push_str("</body></html>\n");
    h
}

// ---------------------------------------------------------------- 1. cross-department import

/// Issue 13.1: a 部门填报员 uploads, under another department's document name, an .html file
/// naming that department with their own department's name hidden in a comment. It used to be
/// checked with the text reader (which saw the comment) and stored from the HTML reader
/// (which did not): 201, the other department's published projects replaced by drafts.
async fn html_naming_another_department_cannot_replace_its_document(b: Backend) {
    let app = App::new(b).await;
    for p in projects_of(&app, app.doc_b).await {
        app.publish_as_admin(p["id"].as_i64().unwrap()).await;
    }
    let public_b = app.get(&Auth::Public, &format!("/api/v1/projects?department={}", app.dept_b)).await.body["total"].clone();
    assert!(public_b.as_i64().unwrap() > 0);

    let blocks = jixiao_carriers::blocks(SEED_B, &seed(SEED_B)).unwrap();
    let page = html_page(&blocks, "部门名称：门源县应急管理局 2023 年度 部门：门源县应急管理局");
    // The file is what the report describes: HTML whose reading names department B.
    let reading = jixiao_carriers::read_bytes("x.html", page.as_bytes()).unwrap();
    assert_eq!(reading.document.department.as_ref().map(|d| d.value.as_str()), Some("石家庄高新区应急管理局"));
    assert!(!reading.document.projects.is_empty());

    let before = app.row_counts().await;
    for name in [SEED_B, "石家庄高新区应急管理局2020.html"] {
        let r = app.upload(&app.filler, name, page.as_bytes()).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{name}: {}", r.body);
        assert_eq!(
            r.detail(),
            "部门填报员只能导入本部门的文档；该文档的部门（石家庄高新区应急管理局）不是您所在的部门。"
        );
    }
    assert_eq!(app.row_counts().await, before, "被拒绝的上传不应写入任何数据");
    let after = app.get(&Auth::Public, &format!("/api/v1/projects?department={}", app.dept_b)).await.body["total"].clone();
    assert_eq!(after, public_b, "B 部门已公开的项目不变");
    let doc = app.get(&app.admin, &format!("/api/v1/documents/{}", app.doc_b)).await;
    assert_eq!(doc.body["revisions"].as_array().unwrap().len(), 1);

    // The administrator may import it (and it is B's, by the same reading).
    let r = app.upload(&app.admin, "b.html", page.as_bytes()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let doc = app.get(&app.admin, &format!("/api/v1/documents/{}", r.body["document_id"])).await;
    assert_eq!(doc.body["department_id"], app.dept_b);
}
both!(html_naming_another_department_cannot_replace_its_document);

/// Issue 13.1: office files (.docx, .xlsx, .html) are accepted through the API for the
/// filler's own department, and refused for another's.
async fn office_uploads_are_accepted_for_the_own_department(b: Backend) {
    let app = App::new(b).await;
    let a = jixiao_carriers::read_bytes(SEED_A, &seed(SEED_A)).unwrap().document;
    let bdoc = jixiao_carriers::read_bytes(SEED_B, &seed(SEED_B)).unwrap().document;
    let html_a = html_page(&jixiao_carriers::blocks(SEED_A, &seed(SEED_A)).unwrap(), "");
    let own: [(&str, Vec<u8>); 3] = [
        ("门源2023.xlsx", jixiao_office::write_xlsx(&a)),
        ("门源2023.docx", jixiao_office::write_docx(&a)),
        ("门源2023.html", html_a.into_bytes()),
    ];
    for (name, bytes) in own {
        let r = app.upload(&app.filler, &urlencode(name), &bytes).await;
        assert_eq!(r.status, StatusCode::CREATED, "{name}: {}", r.body);
        assert!(r.body["projects"].as_i64().unwrap() > 0, "{name}: {}", r.body);
        let doc = app.get(&app.filler, &format!("/api/v1/documents/{}", r.body["document_id"])).await;
        assert_eq!(doc.body["department_id"], app.dept_a, "{name}");
    }
    let before = app.row_counts().await;
    for (name, bytes) in [("b.docx", jixiao_office::write_docx(&bdoc)), ("b.xlsx", jixiao_office::write_xlsx(&bdoc))] {
        let r = app.upload(&app.filler, name, &bytes).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{name}: {}", r.body);
    }
    assert_eq!(app.row_counts().await, before);
}
both!(office_uploads_are_accepted_for_the_own_department);

// ---------------------------------------------------------------- 2. XSS and headers

const XSS: &str = "</script><svg/onload=alert(1)>";

/// Every `<script>` of a page has a `src` (or is JSON data) and no element has an inline
/// event handler.
fn assert_no_inline_script(page: &str, html: &str) {
    for (i, _) in html.match_indices("<script") {
        let tag = &html[i..i + html[i..].find('>').unwrap()];
        assert!(tag.contains(" src=") || tag.contains("application/json"), "{page}：内联脚本 {tag}");
    }
    // Inside tags only: escaped text may well read "onerror=".
    let lower = html.to_lowercase();
    for (i, _) in lower.match_indices('<') {
        let tag = &lower[i..i + lower[i..].find('>').unwrap_or(lower.len() - i)];
        for (j, _) in tag.match_indices(" on") {
            let name: String = tag[j + 3..].chars().take_while(|c| c.is_ascii_alphabetic()).collect();
            let after = &tag[j + 3 + name.len()..];
            assert!(name.is_empty() || !after.starts_with('='), "{page}：内联事件 on{name} in {tag}");
        }
        assert!(!tag.contains("javascript:"), "{page}：{tag}");
    }
}

/// Issue 13.2: a department name (and project and indicator texts) holding markup never run
/// as script: the chart JSON is escaped inside its `<script type="application/json">`, text
/// is escaped everywhere, and no page has inline script.
async fn hostile_names_are_escaped_on_every_page(b: Backend) {
    let app = App::new(b).await;
    // An organisation named with markup (by an administrator, or printed so in a document).
    let dept_name = format!("{XSS}应急管理局");
    let (doc, dept) = (app.doc_a, app.dept_a);
    let v = app.get(&app.admin, &format!("/api/v1/organisations/{dept}")).await.body["version"].clone();
    let r = app.send(&app.admin, Method::PUT, &format!("/api/v1/organisations/{dept}"), Some(json!({ "version": v, "name": dept_name }))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let project = projects_of(&app, doc).await[0]["id"].as_i64().unwrap();
    let hostile = "<img src=x onerror=alert(2)>'\"&";
    let r = app
        .send(&app.admin, Method::PUT, &format!("/api/v1/projects/{project}"), Some(json!({ "version": 1, "name": format!("项目{hostile}"), "purpose": hostile })))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let indicator = app.get(&app.admin, &format!("/api/v1/projects/{project}")).await.body["indicators"][0]["id"].as_i64().unwrap();
    let r = app
        .send(&app.admin, Method::PUT, &format!("/api/v1/indicators/{indicator}"), Some(json!({ "version": 1, "level3": format!("指标'><script>alert(3)</script>") })))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    app.publish_as_admin(project).await;

    let pages = [
        "/".to_string(),
        "/?year=2023".to_string(),
        format!("/departments/{dept}"),
        format!("/projects/{project}"),
        format!("/search?q={}", urlencode("项目")),
        format!("/search?q={}", urlencode("应急管理局")),
        "/login".to_string(),
        "/upload".to_string(),
        format!("/monitoring?document={doc}"),
        // Issue 17: the work queue names departments (its filter) and projects.
        "/queue?status=submitted".to_string(),
        format!("/queue?status=draft&department={dept}"),
        "/admin/users".to_string(),
        "/admin/audit".to_string(),
        "/admin/organisations".to_string(),
    ];
    for who in [&app.admin, &Auth::Public] {
        for page in &pages {
            let r = call_as(&app, who, Method::GET, page, &[], vec![]).await;
            if matches!(who, Auth::Public) && (page == "/upload" || page.starts_with("/monitoring") || page.starts_with("/queue") || page.starts_with("/admin")) {
                continue; // the public is sent to the login page
            }
            assert_eq!(r.status, StatusCode::OK, "{page}");
            let html = text(&r);
            for raw in [XSS, "<svg", "<img src=x", "<script>alert", "'><script>"] {
                assert!(!html.contains(raw), "{page} 含有未转义的 {raw}");
            }
            assert_no_inline_script(page, &html);
        }
    }
    let home = text(&call_as(&app, &Auth::Public, Method::GET, "/?year=2023", &[], vec![]).await);
    assert!(home.contains(r#"\u003csvg/onload=alert(1)\u003e"#), "图表数据中的部门名称应转义");
    assert!(home.contains("&lt;svg&#x2f;onload=alert(1)&gt;"), "表格中的部门名称应转义");
    let page = text(&call_as(&app, &app.admin, Method::GET, &format!("/projects/{project}"), &[], vec![]).await);
    assert!(page.contains(r#"\u0027\u003e\u003cscript\u003ealert(3)\u003c/script\u003e"#), "data-indicator 中的 JSON 应转义");
}
both!(hostile_names_are_escaped_on_every_page);

/// Issue 13.2: every answer — pages, API, assets, errors, refusals — carries the headers.
async fn security_headers_on_every_response(b: Backend) {
    let app = App::with_settings(b, Settings { limits: jixiao_server::json::Limits { body_bytes: 64 * 1024 }, ..Settings::default() }).await;
    let probes: Vec<Probe> = vec![
        (Method::GET, "/".into(), vec![], vec![]),
        (Method::GET, "/login".into(), vec![], vec![]),
        (Method::GET, "/search?q=安全".into(), vec![], vec![]),
        (Method::GET, "/assets/app.js".into(), vec![], vec![]),
        (Method::GET, "/assets/none.js".into(), vec![], vec![]),
        (Method::GET, "/api/v1/projects".into(), vec![], vec![]),
        (Method::GET, "/api/openapi.json".into(), vec![], vec![]),
        (Method::GET, "/nothing".into(), vec![], vec![]),
        (Method::GET, "/api/v1/nothing".into(), vec![], vec![]),
        (Method::PATCH, "/api/v1/years".into(), vec![], vec![]),
        (Method::POST, "/api/v1/documents?name=x.txt".into(), vec![], b"x".to_vec()),
        (Method::GET, "/api/v1/projects?q=%00".into(), vec![], vec![]),
        (Method::POST, "/upload/diagnose?name=x.txt".into(), vec![], vec![b'x'; 70 * 1024]),
        (Method::POST, "/login".into(), vec![("sec-fetch-site", "cross-site"), FORM], b"username=a&password=b".to_vec()),
        (Method::GET, "/projects/abc".into(), vec![], vec![]),
    ];
    for (method, path, headers, body) in probes {
        let r = call(&app, method.clone(), &path, &headers, body, None).await;
        let h = |name: &str| r.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        let csp = h("content-security-policy");
        let script_src = csp.split(';').map(str::trim).find(|d| d.starts_with("script-src")).unwrap_or("");
        assert_eq!(script_src, "script-src 'self'", "{method} {path} ({}): {csp}", r.status);
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"), "{method} {path}");
        assert_eq!(h("x-content-type-options"), "nosniff", "{method} {path}");
        assert_eq!(h("x-frame-options"), "DENY", "{method} {path}");
        assert_eq!(h("referrer-policy"), "same-origin", "{method} {path}");
        assert!(!h("cache-control").is_empty(), "{method} {path}");
        assert!(h("strict-transport-security").is_empty(), "HSTS only over HTTPS");
    }
    // Assets keep their long caching; personal pages are never stored.
    let asset = call(&app, Method::GET, "/assets/app.js", &[], vec![], None).await;
    assert!(asset.headers[header::CACHE_CONTROL].to_str().unwrap().contains("immutable"));
    let page = call_as(&app, &app.admin, Method::GET, "/", &[], vec![]).await;
    assert_eq!(page.headers[header::CACHE_CONTROL], "no-store");
}
both!(security_headers_on_every_response);

// ---------------------------------------------------------------- 3. login rate limit

async fn login_from(app: &App, user: &str, password: &str, from: &str) -> Answer {
    call(
        app,
        Method::POST,
        "/api/v1/auth/login",
        &[JSON],
        json_body(json!({ "username": user, "password": password })),
        Some(from),
    )
    .await
}

/// Issue 13.3: 60 parallel wrong passwords for one user: five are checked (401), the other
/// 55 refused (429) — the limit reserves before it checks. Failed logins are audited, the
/// lockout once.
async fn parallel_wrong_passwords_are_limited_and_audited(b: Backend) {
    let app = std::sync::Arc::new(App::new(b).await);
    let mut tasks = Vec::new();
    for _ in 0..60 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move { login_from(&app, "reviewer", "错误口令", "192.0.2.7").await.status }));
    }
    let mut counts = std::collections::BTreeMap::new();
    for t in tasks {
        *counts.entry(t.await.unwrap().as_u16()).or_insert(0) += 1;
    }
    assert_eq!(counts, [(401, 5), (429, 55)].into_iter().collect(), "{counts:?}");
    let r = login_from(&app, "reviewer", PASSWORD, "198.51.100.1").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "即使口令正确、换了地址，也须等待");
    assert!(r.detail().starts_with("登录失败次数过多，请"), "{}", r.detail());
    assert!(r.headers.get(header::RETRY_AFTER).is_some());
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'").await, 5);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'login_blocked_user'").await, 1);
    let reviewer: i64 = scalar(&app, "SELECT id FROM users WHERE username = 'reviewer'").await;
    let audited: String = sqlx::query_scalar("SELECT after_json FROM audit_log WHERE action = 'login_failed' ORDER BY id LIMIT 1")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(serde_json::from_str::<Value>(&audited).unwrap(), json!({ "username": "reviewer", "client": "192.0.2.7" }));
    let by: Option<i64> = sqlx::query_scalar("SELECT user_id FROM audit_log WHERE action = 'login_failed' ORDER BY id LIMIT 1")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(by, Some(reviewer));
    // Unknown user names are audited too (without a user id); the page's login form as well.
    let r = login_from(&app, "nobody", "x", "192.0.2.8").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed' AND user_id IS NULL").await, 1);
    // Other users are unaffected.
    app.login("filler_a", PASSWORD).await;
}
both!(parallel_wrong_passwords_are_limited_and_audited);

/// Issue 13.3: limits per user name (from any address) and per client address (for any
/// user names).
async fn limits_per_user_name_and_per_address(b: Backend) {
    let settings = Settings { login_failures_per_client: 4, ..Settings::default() };
    let app = App::with_settings(b, settings).await;
    // One address guessing many user names.
    for name in ["u1", "u2", "u3", "u4"] {
        assert_eq!(login_from(&app, name, "x", "203.0.113.1").await.status, StatusCode::UNAUTHORIZED);
    }
    let r = login_from(&app, "filler_a", PASSWORD, "203.0.113.1").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "该地址已用完次数");
    assert_eq!(login_from(&app, "filler_a", PASSWORD, "203.0.113.2").await.status, StatusCode::OK);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'login_blocked_client'").await, 1);
    // One user name guessed from many addresses.
    for i in 0..5 {
        assert_eq!(login_from(&app, "filler_b", "x", &format!("203.0.113.{}", 10 + i)).await.status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(login_from(&app, "filler_b", PASSWORD, "203.0.113.99").await.status, StatusCode::TOO_MANY_REQUESTS);
    // The page's form counts against the same limits.
    let form = login_form(&app).await;
    let r = form.post(&app, "filler_b", PASSWORD, "/", &[]).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(text(&r).contains("登录失败次数过多"));
}
both!(limits_per_user_name_and_per_address);

/// Issue 13.3: password checks are bounded; logins beyond the line are answered 429 at once,
/// in Chinese, never 5xx.
async fn password_hashing_is_bounded(b: Backend) {
    let settings = Settings { hash_concurrency: 1, hash_queue: 2, ..Settings::default() };
    let app = std::sync::Arc::new(App::with_settings(b, settings).await);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..24 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move { login_from(&app, &format!("someone{i}"), "x", &format!("198.18.0.{i}")).await }));
    }
    let (mut wrong, mut busy) = (0, 0);
    for t in tasks {
        let r = t.await.unwrap();
        match r.status.as_u16() {
            401 => wrong += 1,
            429 => {
                assert_eq!((r.body["title"].as_str(), r.detail()), (Some("请求过多"), "同时登录的请求过多，请 1 秒后再试。"));
                assert_eq!(r.headers[header::RETRY_AFTER], "1");
                busy += 1;
            }
            other => panic!("意外的状态 {other}：{}", r.body),
        }
    }
    assert!(wrong >= 1 && busy >= 1, "401: {wrong}, 429: {busy}");
    assert!(started.elapsed() < Duration::from_secs(60));
    // Busy refusals are no failures: the user names are not locked.
    assert_eq!(login_from(&app, "filler_a", PASSWORD, "198.18.1.1").await.status, StatusCode::OK);
}
both!(password_hashing_is_bounded);

// ---------------------------------------------------------------- 4. open redirect, login CSRF

/// The login page's form: its token and cookie.
struct LoginForm {
    cookie: String,
    token: String,
}

async fn login_form(app: &App) -> LoginForm {
    let r = call(app, Method::GET, "/login", &[], vec![], None).await;
    assert_eq!(r.status, StatusCode::OK);
    let cookie = set_cookies(&r).into_iter().find(|c| c.starts_with("jixiao_login=")).expect("登录页设置 jixiao_login");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let html = text(&r);
    let at = html.find("name=\"_login\" value=\"").expect("表单含令牌") + 21;
    let token = html[at..at + 64].to_string();
    LoginForm { cookie: cookie.split(';').next().unwrap().to_string(), token }
}

impl LoginForm {
    async fn post(&self, app: &App, user: &str, password: &str, next: &str, extra: &[(&str, &str)]) -> Answer {
        let body = serde_urlencoded::to_string([("username", user), ("password", password), ("next", next), ("_login", &self.token)]).unwrap();
        let mut headers = vec![FORM, ("cookie", self.cookie.as_str())];
        headers.extend_from_slice(extra);
        call(app, Method::POST, "/login", &headers, body.into_bytes(), Some("192.0.2.50")).await
    }
}

/// Issue 13.4: `next` only ever leads to a path of this site.
async fn next_stays_on_this_site(b: Backend) {
    let app = App::new(b).await;
    let form = login_form(&app).await;
    let cases = [
        ("/projects/1", "/projects/1"),
        ("/\t/evil.example", "/"),
        ("/\n/evil.example", "/"),
        ("/\r\n/evil.example", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("\\\\evil.example", "/"),
        ("https://evil.example/", "/"),
        ("javascript:alert(1)", "/"),
        ("/ /evil.example", "/"),
        ("http:/evil.example", "/"),
    ];
    for (next, expected) in cases {
        let r = form.post(&app, "admin", PASSWORD, next, &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{next:?}: {}", text(&r));
        assert_eq!(r.headers[header::LOCATION], expected, "{next:?}");
        assert!(set_cookies(&r).iter().any(|c| c.starts_with("jixiao_session=")));
    }
    // The form itself only ever carries a safe next.
    let r = call(&app, Method::GET, &format!("/login?next={}", urlencode("/\t/evil.example")), &[], vec![], None).await;
    assert!(text(&r).contains("name=\"next\" value=\"&#x2f;\""), "{}", text(&r));
}
both!(next_stays_on_this_site);

/// Issue 13.4: a form posted to /login from another site is refused: it cannot carry the
/// form's cookie, and the browser says where it comes from.
async fn login_form_is_csrf_protected(b: Backend) {
    let app = App::new(b).await;
    let form = login_form(&app).await;
    let refused = |r: &Answer, why: &str| {
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{why}: {}", text(r));
        assert!(!set_cookies(r).iter().any(|c| c.starts_with("jixiao_session=")), "{why}");
    };
    // No cookie (a cross-site form cannot send a SameSite=Strict cookie), or a wrong token.
    let body = serde_urlencoded::to_string([("username", "admin"), ("password", PASSWORD), ("next", "/")]).unwrap();
    let r = call(&app, Method::POST, "/login", &[FORM], body.into_bytes(), None).await;
    refused(&r, "无 Cookie");
    assert!(text(&r).contains("登录表单已失效或不是从本站登录页提交的"));
    let wrong = LoginForm { cookie: form.cookie.clone(), token: "0".repeat(64) };
    refused(&wrong.post(&app, "admin", PASSWORD, "/", &[]).await, "令牌不符");
    // Even with both (say, a sibling site that could set cookies): the browser's headers.
    refused(&form.post(&app, "admin", PASSWORD, "/", &[("sec-fetch-site", "cross-site")]).await, "Sec-Fetch-Site");
    refused(&form.post(&app, "admin", PASSWORD, "/", &[("sec-fetch-site", "same-site")]).await, "same-site");
    refused(&form.post(&app, "admin", PASSWORD, "/", &[("origin", "https://evil.example"), ("host", "jixiao.test")]).await, "Origin");
    // From this site's own page.
    let ok = form.post(&app, "admin", PASSWORD, "/", &[("sec-fetch-site", "same-origin"), ("origin", "http://jixiao.test"), ("host", "jixiao.test")]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", text(&ok));
    let ok = form.post(&app, "admin", PASSWORD, "/", &[("origin", "http://jixiao.test"), ("host", "jixiao.test")]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", text(&ok));
    // The API's writes, by session and with the CSRF token, from another site: refused too.
    let session = app.login("admin", PASSWORD).await;
    let r = call_as(&app, &session, Method::POST, "/api/v1/auth/tokens", &[JSON, ("sec-fetch-site", "cross-site")], json_body(json!({ "name": "x" }))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.detail().contains("拒绝来自其他网站的写请求"), "{}", r.detail());
}
both!(login_form_is_csrf_protected);

// ---------------------------------------------------------------- 5. visibility

const MARKER: &str = "草稿标记Q7Z";
const MARKER_PART: &str = "标记Q7";

/// Issue 13.5: the public — and another department's filler — never see draft data (nor a
/// 部门整体 table drafted in jixiao, issue 17). A document with one published project and a
/// draft one carrying a marker (in its name,
/// goals, an indicator, a review finding, a comment and a monitoring entry); then every GET
/// route of the OpenAPI document, with every id and the usual filters, and the pages: the
/// marker never comes back. The administrator's walk finds it (the walk can see it).
async fn the_public_never_sees_draft_data(b: Backend) {
    let app = App::new(b).await;
    let source = String::from_utf8(seed(SEED_A)).unwrap();
    let marked = source
        .replacen("防震减灾工作经费", &format!("防震减灾工作经费{MARKER}"), 1)
        .replacen("保障地震经费开支", &format!("保障地震经费开支{MARKER}"), 1)
        .replacen("地震培训次数 ≥2次", &format!("地震培训次数{MARKER} ≥2%"), 1)
        .replacen("地震监督检查 ≥10次", &format!("地震监督检查{MARKER} ≥3次"), 1);
    let r = app.upload(&app.admin, "marked.txt", marked.as_bytes()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let doc = r.body["document_id"].as_i64().unwrap();
    let projects = projects_of(&app, doc).await;
    let draft = projects.iter().find(|p| p["name"].as_str().unwrap().contains(MARKER)).expect("带标记的项目")["id"].as_i64().unwrap();
    let published = projects.iter().find(|p| !p["name"].as_str().unwrap().contains(MARKER)).unwrap()["id"].as_i64().unwrap();
    app.publish_as_admin(published).await;
    let r = app.send(&app.admin, Method::POST, &format!("/api/v1/projects/{draft}/comments"), Some(json!({ "body": format!("意见{MARKER}") }))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = app
        .send(&app.admin, Method::PUT, &format!("/api/v1/projects/{draft}/monitoring?from=1&to=6"), Some(json!({
            "version": 0, "spent_to_date": "1",
            "indicators": [{ "indicator": 0, "current": { "kind": "number", "value": "1" }, "likelihood": "impossible",
                             "cause": "funding", "cause_text": format!("原因{MARKER}"), "measures": format!("措施{MARKER}") }]
        })))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    // Issue 17: a 部门整体 table drafted by the department's filler, marked in its goal, row
    // and basis: its department sees it on the department page, the walk below never.
    let r = app
        .send(
            &app.filler,
            Method::POST,
            "/api/v1/drafts",
            Some(json!({
                "kind": "department", "year": 2023, "budget_total": "10",
                "goals": [format!("部门总体目标{MARKER}")],
                "indicators": [{ "level1": "产出指标", "level2": "数量指标", "level3": format!("部门指标{MARKER}"),
                                 "target": "≥1次", "basis": format!("依据{MARKER}") }],
            })),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let own = app
        .get(
            &app.filler,
            &format!("/departments/{}?year=2023", app.dept_a),
        )
        .await;
    assert!(own
        .body
        .to_string()
        .contains(&format!("部门总体目标{MARKER}")));
    // The import's review quoted the marked indicator: a finding of the draft project.
    let f = app.get(&app.admin, &format!("/api/v1/findings?document={doc}&per_page=200")).await;
    assert!(f.body.to_string().contains(MARKER), "审核发现应引用带标记的指标：{}", f.body);

    // Every id the walk substitutes.
    let ids = |sql: &'static str| {
        let store = app.store.clone();
        async move { sqlx::query_scalar::<_, i64>(sql).fetch_all(store.pool()).await.unwrap() }
    };
    let project_ids = ids("SELECT id FROM projects").await;
    let indicator_ids = ids("SELECT id FROM indicators").await;
    let document_ids = ids("SELECT id FROM documents").await;
    let organisation_ids = ids("SELECT id FROM organisations").await;
    let revision_ids = ids("SELECT id FROM document_revisions").await;
    // Issue 18: the indicator library's entries as the administrator sees them (the marked
    // indicators are entries of their own), by name.
    let entries = app.get(&app.admin, "/api/v1/library?per_page=200").await;
    let entry_keys: Vec<String> = entries.body["items"].as_array().unwrap().iter().map(|e| urlencode(e["label"].as_str().unwrap())).collect();
    assert!(entries.body.to_string().contains(MARKER), "管理员的指标库应有带标记的条目");
    let mut paths = Vec::new();
    for route in ROUTES.iter().filter(|r| r.method == "get") {
        if route.path.contains("{key}") {
            paths.extend(entry_keys.iter().map(|k| route.path.replace("{key}", k)));
            continue;
        }
        let ids: Vec<i64> = if !route.path.contains("{id}") {
            vec![0]
        } else if route.path.starts_with("/api/v1/projects/") {
            project_ids.clone()
        } else if route.path.starts_with("/api/v1/indicators/") {
            indicator_ids.clone()
        } else if route.path.starts_with("/api/v1/documents/") {
            document_ids.clone()
        } else if route.path.starts_with("/api/v1/organisations/") {
            organisation_ids.clone()
        } else if route.path.starts_with("/api/v1/department-tables/") {
            // A 部门整体 table is keyed by the revision printing it (issue 17).
            revision_ids.clone()
        } else {
            panic!("新的 GET 路由 {}：请在此测试中给出它的编号", route.path)
        };
        for id in ids {
            let path = route.path.replace("{id}", &id.to_string());
            let mut queries = vec![String::new()];
            if route.list {
                // A part of the marker: it finds the marked rows, and an echo of the query
                // (the search page shows it) is not the marker itself.
                let q = urlencode(MARKER_PART);
                queries.extend([
                    "?per_page=200".to_string(),
                    format!("?q={q}&per_page=200"),
                    "?status=draft&per_page=200".to_string(),
                    format!("?document={doc}&per_page=200"),
                    format!("?project={draft}&per_page=200"),
                    format!("?department={}&per_page=200", app.dept_a),
                    "?year=2023&per_page=200".to_string(),
                ]);
            }
            if path == "/api/v1/library" {
                let q = urlencode(MARKER_PART);
                queries.extend([
                    "?per_page=200".to_string(),
                    format!("?q={q}&per_page=200"),
                    format!("?level1={}&per_page=200", urlencode("产出指标")),
                    format!("?level1={}&level2={}&per_page=200", urlencode("产出指标"), urlencode("数量指标")),
                ]);
            }
            if path.ends_with("/monitoring") {
                queries = vec!["?from=1&to=6".into(), "?to=12".into()];
            }
            // Issue 18: the comparisons, of every project and of the marked document's year.
            if path.starts_with("/api/v1/compare/project") {
                queries = project_ids.iter().map(|p| format!("?id={p}")).collect();
            }
            if path.starts_with("/api/v1/compare/departments") {
                queries.extend(["?year=2023".to_string()]);
            }
            if path.ends_with("/diff") {
                queries.extend(revision_ids.iter().map(|r| format!("?against={r}")));
            }
            for q in queries {
                paths.push(format!("{path}{q}"));
            }
        }
    }
    let q = urlencode(MARKER_PART);
    paths.extend([
        "/".to_string(),
        "/?year=2023".to_string(),
        format!("/search?q={q}"),
        format!("/search?q={}", urlencode("防震减灾")),
        format!("/departments/{}", app.dept_a),
        format!("/departments/{}?year=2023", app.dept_a),
        format!("/monitoring?document={doc}"),
        format!("/monitoring?document={doc}&project=all"),
        format!("/monitoring?document={doc}&project=1"),
        format!("/monitoring/template/{doc}"),
        // Issue 17: the projects without a year or department, and the work queues.
        "/?year=unknown".to_string(),
        "/departments/unknown".to_string(),
        "/departments/unknown?year=unknown".to_string(),
        format!("/departments/{}?year=unknown", app.dept_a),
        "/queue".to_string(),
        "/queue?status=draft".to_string(),
        "/queue?status=returned".to_string(),
        "/queue?status=submitted".to_string(),
        format!("/queue?status=draft&department={}", app.dept_a),
        "/queue?status=draft&year=2023".to_string(),
        "/admin/users".to_string(),
        "/admin/audit".to_string(),
        "/admin/audit?entity=project".to_string(),
        "/admin/organisations".to_string(),
        // Issue 18: the library pages.
        "/library".to_string(),
        format!("/library?q={q}"),
        format!("/library?level1={}", urlencode("产出指标")),
        format!("/library?level1={}&level2={}", urlencode("产出指标"), urlencode("数量指标")),
        format!("/library/suggest?name={}", urlencode("防震减灾工作经费")),
        format!("/library/suggest?name={}&purpose={}", urlencode("地震培训"), urlencode("保障地震经费开支")),
    ]);
    for k in &entry_keys {
        paths.push(format!("/library/{k}"));
    }
    paths.extend(["/compare/departments".to_string(), "/compare/departments?year=2023".to_string()]);
    for p in &project_ids {
        paths.push(format!("/compare/project?id={p}"));
    }
    for p in &project_ids {
        paths.push(format!("/library/suggest?project={p}"));
        paths.push(format!("/projects/{p}/benchmarks"));
    }
    for p in &project_ids {
        paths.push(format!("/projects/{p}"));
        for f in ["csv", "xlsx", "docx", "pdf"] {
            paths.push(format!("/projects/{p}/download/{f}"));
        }
    }
    for f in ["csv", "xlsx", "docx", "pdf"] {
        paths.push(format!("/departments/{}/download/{f}", app.dept_a));
    }
    paths.push("/years/2023/download/xlsx".to_string());
    // Office downloads are zipped (and the PDF's text is UTF-16 hex): the marker would not
    // show in their bytes, so a draft project's download must be refused outright.
    for f in ["csv", "xlsx", "docx", "pdf"] {
        let r = call(&app, Method::GET, &format!("/projects/{draft}/download/{f}"), &[], vec![], None).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{f}");
    }
    let csv = text(&call(&app, Method::GET, &format!("/departments/{}/download/csv", app.dept_a), &[], vec![], None).await);
    assert!(!csv.contains(MARKER));

    // Suggestions (POST, a read): never from the draft.
    for body in [json!({ "name": "防震减灾工作经费", "purpose": "保障地震经费开支" }), json!({ "name": "地震培训次数" }), json!({ "project_id": published })] {
        for (who, auth) in [("公众", &Auth::Public), ("外部门填报员", &app.filler_b)] {
            let r = call_as(&app, auth, Method::POST, "/api/v1/library/suggest", &[JSON], json_body(body.clone())).await;
            assert!(!r.status.is_server_error(), "{who} 建议 {body}: {}", r.status);
            assert!(!text(&r).contains(MARKER), "{who} 的建议含草稿数据：{}", text(&r));
        }
        let r = call_as(&app, &app.admin, Method::POST, "/api/v1/library/suggest", &[JSON], json_body(body.clone())).await;
        assert_eq!(r.status, StatusCode::OK, "{}", text(&r));
    }
    let mut admin_saw = 0;
    for path in &paths {
        for (who, auth) in [("公众", &Auth::Public), ("外部门填报员", &app.filler_b)] {
            let r = call_as(&app, auth, Method::GET, path, &[], vec![]).await;
            assert!(!r.status.is_server_error(), "{who} GET {path}: {}", r.status);
            assert!(!text(&r).contains(MARKER), "{who} GET {path} 看到了草稿数据：{}", text(&r).chars().take(600).collect::<String>());
        }
        let r = call_as(&app, &app.admin, Method::GET, path, &[], vec![]).await;
        if text(&r).contains(MARKER) {
            admin_saw += 1;
        }
    }
    assert!(admin_saw >= 10, "管理员应在多处看到标记（{admin_saw} 处）：遍历确实覆盖了草稿数据");
    // The document itself is public (one project is published), its findings only those of
    // the published project.
    let f = app.get(&Auth::Public, &format!("/api/v1/findings?document={doc}&per_page=200")).await;
    assert_eq!(f.status, StatusCode::OK);
    let diff = app.get(&Auth::Public, &format!("/api/v1/documents/{doc}/diff")).await;
    assert_eq!(diff.status, StatusCode::NOT_FOUND);
}
both!(the_public_never_sees_draft_data);

// ---------------------------------------------------------------- 6. control characters

/// Issue 13.6: NUL and other control characters (not TAB, LF, CR) are refused with a Chinese
/// 400 at the edge — query, form and JSON bodies, upload names — on both backends; a document
/// containing them is refused with its place (422); nothing reaches the database.
async fn control_characters_are_refused_at_the_edge(b: Backend) {
    let app = App::new(b).await;
    let session = app.login("admin", PASSWORD).await;
    let (project, indicator) = app.fresh_project(app.doc_a).await;
    let before = app.row_counts().await;
    let api = |path: &str| path.to_string();
    let cases: Vec<(Probe, &str)> = vec![
        ((Method::POST, api("/api/v1/auth/login"), vec![JSON], br#"{"username":"admin\u0000","password":"x"}"#.to_vec()), "字段“username”含有不允许的控制字符（U+0000）。"),
        ((Method::GET, api("/api/v1/search?q=%00"), vec![], vec![]), "查询参数“q”含有不允许的控制字符（U+0000）。"),
        ((Method::GET, api("/api/v1/projects?q=%00"), vec![], vec![]), "查询参数“q”含有不允许的控制字符（U+0000）。"),
        ((Method::GET, api("/api/v1/indicators?q=a%00b"), vec![], vec![]), "查询参数“q”含有不允许的控制字符（U+0000）。"),
        ((Method::GET, api("/api/v1/documents?q=%00"), vec![], vec![]), "查询参数“q”含有不允许的控制字符（U+0000）。"),
        ((Method::GET, api("/api/v1/findings?q=%00"), vec![], vec![]), "查询参数“q”含有不允许的控制字符（U+0000）。"),
        ((Method::GET, api("/api/v1/organisations?q=%00"), vec![], vec![]), "查询参数“q”含有不允许的控制字符（U+0000）。"),
        ((Method::GET, api("/search?q=%00"), vec![], vec![]), "查询参数“q”含有不允许的控制字符（U+0000）。"),
        ((Method::GET, api("/api/v1/projects?q=%1B%5B2J"), vec![], vec![]), "查询参数“q”含有不允许的控制字符（U+001B）。"),
        ((Method::GET, api("/api/v1/projects?q=%C2%85"), vec![], vec![]), "查询参数“q”含有不允许的控制字符（U+0085）。"),
        ((Method::GET, api("/api/v1/projects?q=%FF"), vec![], vec![]), "查询参数“q”不是有效的 UTF-8 文本。"),
        ((Method::GET, api("/api/v1/projects/%00"), vec![], vec![]), "路径含有不允许的控制字符（U+0000）。"),
        ((Method::POST, api("/api/v1/documents?name=a%00.txt"), vec![("content-type", "text/plain")], seed(SEED_A)), "查询参数“name”含有不允许的控制字符（U+0000）。"),
        ((Method::PUT, format!("/api/v1/projects/{project}"), vec![JSON], br#"{"version":1,"purpose":"a\u0000b"}"#.to_vec()), "字段“purpose”含有不允许的控制字符（U+0000）。"),
        ((Method::PUT, format!("/api/v1/indicators/{indicator}"), vec![JSON], br#"{"version":1,"level3":"x\u0007"}"#.to_vec()), "字段“level3”含有不允许的控制字符（U+0007）。"),
        ((Method::POST, format!("/api/v1/projects/{project}/comments"), vec![JSON], br#"{"body":"\u001f"}"#.to_vec()), "字段“body”含有不允许的控制字符（U+001F）。"),
        ((Method::PUT, format!("/api/v1/projects/{project}/monitoring?to=6"), vec![JSON], br#"{"version":0,"indicators":[{"indicator":0,"cause_text":"\u0000"}]}"#.to_vec()), "字段“indicators[0].cause_text”含有不允许的控制字符（U+0000）。"),
        ((Method::POST, api("/api/v1/organisations"), vec![JSON], br#"{"parent_id":1,"kind":"department","name":"\u0000"}"#.to_vec()), "字段“name”含有不允许的控制字符（U+0000）。"),
        ((Method::POST, api("/api/v1/users"), vec![JSON], br#"{"username":"a\u0000b","password":"0123456789ab","role":"reviewer"}"#.to_vec()), "字段“username”含有不允许的控制字符（U+0000）。"),
        ((Method::POST, api("/login"), vec![FORM], b"username=admin%00&password=x".to_vec()), "表单字段“username”含有不允许的控制字符（U+0000）。"),
        ((Method::POST, api("/upload/diagnose?name=%00.txt"), vec![("content-type", "text/plain")], b"x".to_vec()), "查询参数“name”含有不允许的控制字符（U+0000）。"),
    ];
    for ((method, path, headers, body), detail) in cases {
        let auth = if path.starts_with("/login") || path.contains("auth/login") { Auth::Public } else { session.clone() };
        let r = call_as(&app, &auth, method.clone(), &path, &headers, body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{method} {path}: {}", r.body);
        assert_eq!(r.content_type(), "application/problem+json", "{method} {path}");
        assert_eq!((r.body["title"].as_str(), r.detail()), (Some("请求无效"), detail), "{method} {path}");
    }
    // A person's browser gets the same refusal as a Chinese page.
    let r = call(&app, Method::GET, "/search?q=%00", &[("accept", "text/html")], vec![], None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(text(&r).contains("查询参数“q”含有不允许的控制字符（U+0000）。"));
    assert_eq!(app.row_counts().await, before, "被拒绝的请求不应写入任何数据");
    // TAB, LF and CR are text.
    let r = app.send(&app.admin, Method::PUT, &format!("/api/v1/projects/{project}"), Some(json!({ "version": 1, "purpose": "第一行\n\t第二行\r\n" }))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // A document holding NUL: 422 with the place, nothing stored.
    let counts = app.row_counts().await;
    let bad = String::from_utf8(seed(SEED_A)).unwrap().replacen("企业安全检查", "企业安全\0检查", 1);
    let r = app.upload(&app.admin, "nul.txt", bad.as_bytes()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.detail().contains("含有不允许的控制字符（U+0000）"), "{}", r.detail());
    assert_eq!(app.row_counts().await, counts);
}
both!(control_characters_are_refused_at_the_edge);

/// Issue 13.6 and a probe that held: search and list texts — SQLite FTS5 syntax, SQL
/// quoting, LIKE wildcards — never fail and never inject.
async fn search_texts_never_fail_or_inject(b: Backend) {
    let app = App::new(b).await;
    let (project, _) = app.fresh_project(app.doc_a).await;
    let sneaky = "项目'; DROP TABLE projects; --\"%_\\";
    let r = app.send(&app.admin, Method::PUT, &format!("/api/v1/projects/{project}"), Some(json!({ "version": 1, "name": sneaky }))).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(app.get(&app.admin, &format!("/api/v1/projects/{project}")).await.body["name"], sneaky);
    let probes = [
        "\"", "\"\"\"", "*", "a*", "NEAR(a b)", "a OR b", "a AND", "NOT", "^安全", "-安全", "安全:生产", "(", ")", "{}", "'",
        "' OR '1'='1", "' OR 1=1 --", "%", "_", "\\", "%%%", "安全\"生产\"检查", "安全*生产", "abc def ghi jkl mno pqr",
        "全县安全生产监管专项", "a\u{2028}b", "\u{feff}安全", "🙂🙂🙂",
    ];
    let long = "安".repeat(200);
    for q in probes.iter().copied().chain([long.as_str()]) {
        let e = urlencode(q);
        for path in [
            format!("/api/v1/search?q={e}"),
            format!("/api/v1/projects?q={e}"),
            format!("/api/v1/indicators?q={e}"),
            format!("/api/v1/findings?q={e}"),
            format!("/api/v1/documents?q={e}"),
            format!("/api/v1/organisations?q={e}"),
            format!("/search?q={e}"),
            format!("/search?q={e}&year=2023"),
        ] {
            for who in [&Auth::Public, &app.admin] {
                let r = call_as(&app, who, Method::GET, &path, &[], vec![]).await;
                assert_eq!(r.status, StatusCode::OK, "GET {path}: {}", text(&r).chars().take(300).collect::<String>());
            }
        }
    }
    let r = app.get(&app.admin, &format!("/api/v1/projects?q={}", urlencode("' OR '1'='1"))).await;
    assert_eq!(r.body["total"], 0, "引号只是文字");
    let r = app.get(&app.admin, &format!("/api/v1/projects?q={}", urlencode("DROP TABLE"))).await;
    assert_eq!(r.body["total"], 1);
    // A parameter given twice (HTTP parameter pollution) is refused, not silently picked.
    let r = app.get(&app.admin, "/api/v1/projects?q=a&q=b").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let r = call(&app, Method::GET, "/search?q=a&q=b", &[], vec![], None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app.get(&app.admin, &format!("/api/v1/projects?q={}", urlencode(&"安".repeat(201)))).await;
    assert_eq!((r.status, r.detail()), (StatusCode::BAD_REQUEST, "参数“q”过长（最多 200 字）。"));
    assert!(scalar(&app, "SELECT COUNT(*) FROM projects").await > 1, "表仍在");
}
both!(search_texts_never_fail_or_inject);

// ---------------------------------------------------------------- 7. Secure cookies, proxies

fn all_secure(cookies: &[String]) -> bool {
    !cookies.is_empty() && cookies.iter().all(|c| c.ends_with("; Secure"))
}

/// Issue 13.7: `--secure-cookies` marks every cookie `Secure` (and sends HSTS); a proxy's
/// `X-Forwarded-Proto` / `X-Forwarded-For` count only with `--trust-proxy`.
async fn secure_cookies_and_trusted_proxies(b: Backend) {
    let login = json_body(json!({ "username": "admin", "password": PASSWORD }));
    let https = ("x-forwarded-proto", "https");

    let secure = App::with_settings(b, Settings { secure_cookies: true, ..Settings::default() }).await;
    let r = call(&secure, Method::POST, "/api/v1/auth/login", &[JSON], login.clone(), None).await;
    assert!(all_secure(&set_cookies(&r)), "{:?}", set_cookies(&r));
    assert_eq!(r.headers["strict-transport-security"], "max-age=31536000");
    let r = call(&secure, Method::GET, "/login", &[], vec![], None).await;
    assert!(all_secure(&set_cookies(&r)), "{:?}", set_cookies(&r));

    let plain = App::with_settings(b, Settings { login_failures_per_client: 3, ..Settings::default() }).await;
    let r = call(&plain, Method::POST, "/api/v1/auth/login", &[JSON, https], login.clone(), None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(set_cookies(&r).iter().all(|c| !c.contains("Secure")), "未信任代理时忽略 X-Forwarded-Proto");
    assert!(r.headers.get("strict-transport-security").is_none());
    // X-Forwarded-For from an untrusted client changes nothing: one address, three failures.
    for i in 0..3 {
        let xff = format!("10.9.9.{i}");
        let r = call(&plain, Method::POST, "/api/v1/auth/login", &[JSON, ("x-forwarded-for", xff.as_str())], json_body(json!({ "username": format!("n{i}"), "password": "x" })), Some("192.0.2.200")).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = call(&plain, Method::POST, "/api/v1/auth/login", &[JSON, ("x-forwarded-for", "10.9.9.99")], json_body(json!({ "username": "n9", "password": "x" })), Some("192.0.2.200")).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);

    let proxied = App::with_settings(b, Settings { trust_proxy: true, login_failures_per_client: 3, ..Settings::default() }).await;
    let r = call(&proxied, Method::POST, "/api/v1/auth/login", &[JSON, https], login.clone(), None).await;
    assert!(all_secure(&set_cookies(&r)), "{:?}", set_cookies(&r));
    assert!(r.headers.get("strict-transport-security").is_some());
    let r = call(&proxied, Method::POST, "/api/v1/auth/login", &[JSON, ("x-forwarded-proto", "http")], login.clone(), None).await;
    assert!(set_cookies(&r).iter().all(|c| !c.contains("Secure")));
    // Behind the trusted proxy each client is its own address (the proxy's last entry).
    for i in 0..4 {
        let xff = format!("6.6.6.6, 10.8.8.{i}");
        let r = call(&proxied, Method::POST, "/api/v1/auth/login", &[JSON, ("x-forwarded-for", xff.as_str())], json_body(json!({ "username": format!("m{i}"), "password": "x" })), Some("127.0.0.1")).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "每个客户端各自计数");
    }
    for i in 0..3 {
        let r = call(&proxied, Method::POST, "/api/v1/auth/login", &[JSON, ("x-forwarded-for", "10.8.8.200")], json_body(json!({ "username": format!("k{i}"), "password": "x" })), Some("127.0.0.1")).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = call(&proxied, Method::POST, "/api/v1/auth/login", &[JSON, ("x-forwarded-for", "1.2.3.4, 10.8.8.200")], json_body(json!({ "username": "k9", "password": "x" })), Some("127.0.0.1")).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "伪造的左侧地址不能换掉代理看到的地址");
}
both!(secure_cookies_and_trusted_proxies);

// ---------------------------------------------------------------- 8. limits and messages

/// Issue 13.8: every edited text has a limit named in Chinese; the diagnosis of an oversized
/// upload answers in Chinese; a file of 100,000 lines of tabs is no document, not 文件为空.
async fn text_limits_and_upload_messages(b: Backend) {
    let app = App::new(b).await;
    let (project, indicator) = app.fresh_project(app.doc_a).await;
    let n = |k: usize| "资".repeat(k);
    let r = app.send(&app.admin, Method::PUT, &format!("/api/v1/projects/{project}"), Some(json!({ "version": 1, "purpose": n(1_000_000) }))).await;
    assert_eq!((r.status, r.detail()), (StatusCode::UNPROCESSABLE_ENTITY, "字段“purpose”过长（最多 5000 字）。"));
    let r = app.send(&app.admin, Method::PUT, &format!("/api/v1/projects/{project}"), Some(json!({ "version": 1, "purpose": n(5000) }))).await;
    assert_eq!(r.status, StatusCode::OK, "5000 字可以保存");
    let over: Vec<(Method, String, Value, &str)> = vec![
        (Method::PUT, format!("/api/v1/projects/{project}"), json!({ "version": 2, "code": n(101) }), "字段“code”过长（最多 100 字）。"),
        (Method::PUT, format!("/api/v1/projects/{project}"), json!({ "version": 2, "budget_total": "1".repeat(51) }), "字段“budget_total”过长（最多 50 字）。"),
        (Method::PUT, format!("/api/v1/indicators/{indicator}"), json!({ "version": 1, "description": n(2001) }), "字段“description”过长（最多 2000 字）。"),
        (Method::PUT, format!("/api/v1/indicators/{indicator}"), json!({ "version": 1, "basis": n(2001) }), "字段“basis”过长（最多 2000 字）。"),
        (Method::PUT, format!("/api/v1/indicators/{indicator}"), json!({ "version": 1, "target": n(1001) }), "字段“target”过长（最多 1000 字）。"),
        (Method::PUT, format!("/api/v1/indicators/{indicator}"), json!({ "version": 1, "level1": n(201) }), "字段“level1”过长（最多 200 字）。"),
        (Method::PUT, format!("/api/v1/indicators/{indicator}"), json!({ "version": 1, "weight": "1".repeat(51) }), "字段“weight”过长（最多 50 字）。"),
        (Method::POST, format!("/api/v1/projects/{project}/comments"), json!({ "body": n(2001) }), "字段“body”过长（最多 2000 字）。"),
        (Method::POST, format!("/api/v1/projects/{project}/submit"), json!({ "version": 2, "comment": n(2001) }), "字段“comment”过长（最多 2000 字）。"),
        (Method::POST, "/api/v1/organisations".into(), json!({ "parent_id": 1, "kind": "department", "name": n(201) }), "字段“name”过长（最多 200 字）。"),
        (Method::POST, "/api/v1/auth/tokens".into(), json!({ "name": n(101) }), "字段“name”过长（最多 100 字）。"),
        (Method::POST, "/api/v1/users".into(), json!({ "username": "longname", "display_name": n(101), "password": "0123456789ab", "role": "reviewer" }), "字段“display_name”过长（最多 100 字）。"),
        (Method::PUT, format!("/api/v1/projects/{project}/monitoring?to=6"), json!({ "version": 0, "indicators": [{ "indicator": 0, "cause_text": n(2001) }] }), "第 1 条指标：字段“cause_text”过长（最多 2000 字）。"),
        (Method::POST, "/api/v1/auth/login".into(), json!({ "username": n(65), "password": "x" }), "用户名不超过 64 个字符，口令不超过 1024 个字符。"),
    ];
    let before = app.row_counts().await;
    for (method, path, body, detail) in over {
        let r = app.send(&app.admin, method.clone(), &path, Some(body)).await;
        assert_eq!((r.status, r.detail()), (StatusCode::UNPROCESSABLE_ENTITY, detail), "{method} {path}");
    }
    assert_eq!(app.row_counts().await, before);

    // 100,000 lines of tabs: named for what it is, through the API and the diagnosis.
    let tabs = "\t\t\t\n".repeat(100_000);
    let r = app.upload(&app.filler, "tabs.txt", tabs.as_bytes()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.detail(), "tabs.txt：文件只有空白字符（空格、制表符、换行），没有文字，不是绩效目标文档");
    let r = call_as(&app, &app.filler, Method::POST, "/upload/diagnose?name=tabs.txt", &[("content-type", "text/plain")], tabs.into_bytes()).await;
    assert_eq!((r.status, r.body["ok"].clone()), (StatusCode::OK, json!(false)));
    assert_eq!(r.body["error"], "tabs.txt：文件只有空白字符（空格、制表符、换行），没有文字，不是绩效目标文档");
    // An empty file is still 文件为空.
    let r = app.upload(&app.filler, "empty.txt", b"").await;
    assert_eq!(r.detail(), "empty.txt：文件为空");

    // The diagnosis of an oversized body: a Chinese 413, with the page's fields.
    let small = App::with_settings(b, Settings { limits: jixiao_server::json::Limits { body_bytes: 64 * 1024 }, ..Settings::default() }).await;
    let r = call_as(&small, &small.filler, Method::POST, "/upload/diagnose?name=big.txt", &[("content-type", "text/plain")], vec![b'x'; 70 * 1024]).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.content_type(), "application/problem+json");
    assert_eq!(r.detail(), "请求体超过上限 64 KiB（65536 字节）。");
    assert_eq!((r.body["ok"].clone(), r.body["error"].clone()), (json!(false), json!("请求体超过上限 64 KiB（65536 字节）。")));
    // So does every other page that reads a body, and the edge that checks JSON and forms.
    for (path, ct) in [("/monitoring?document=1", "application/octet-stream"), ("/login", "application/x-www-form-urlencoded"), ("/api/v1/auth/tokens", "application/json")] {
        let r = call_as(&small, &small.admin, Method::POST, path, &[("content-type", ct)], vec![b'x'; 70 * 1024]).await;
        assert_eq!((r.status, r.detail()), (StatusCode::PAYLOAD_TOO_LARGE, "请求体超过上限 64 KiB（65536 字节）。"), "{path}");
    }
}
both!(text_limits_and_upload_messages);

// ---------------------------------------------------------------- probes that held

/// CSRF on the API, cookie flags, cross-department edits and optimistic locking: the
/// report's probes that held, kept as tests.
async fn probes_that_held(b: Backend) {
    let app = App::new(b).await;
    // Cookie flags.
    let r = call(&app, Method::POST, "/api/v1/auth/login", &[JSON], json_body(json!({ "username": "filler_a", "password": PASSWORD })), None).await;
    let cookies = set_cookies(&r);
    let session = cookies.iter().find(|c| c.starts_with("jixiao_session=")).unwrap();
    let csrf = cookies.iter().find(|c| c.starts_with("jixiao_csrf=")).unwrap();
    assert!(session.contains("; Path=/; HttpOnly; SameSite=Strict; Max-Age="), "{session}");
    assert!(csrf.contains("; Path=/; SameSite=Strict") && !csrf.contains("HttpOnly"), "{csrf}");

    // CSRF: a cookie-authenticated write without the token changes nothing.
    let s = app.login("filler_a", PASSWORD).await;
    let Auth::Session { cookie, .. } = s.clone() else { unreachable!() };
    let (project, indicator) = app.fresh_project(app.doc_a).await;
    let before = app.row_counts().await;
    for (method, path, body) in [
        (Method::PUT, format!("/api/v1/projects/{project}"), json!({ "version": 1, "purpose": "x" })),
        (Method::POST, "/api/v1/auth/tokens".to_string(), json!({ "name": "x" })),
        (Method::POST, format!("/projects/{project}/reorder"), json!({ "indicator_id": indicator, "dir": "up" })),
    ] {
        let r = call(&app, method.clone(), &path, &[JSON, ("cookie", cookie.as_str())], json_body(body), None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{method} {path}");
        assert!(r.detail().contains("CSRF"), "{}", r.detail());
    }
    let r = call(&app, Method::POST, "/logout", &[FORM, ("cookie", cookie.as_str())], b"_csrf=0".to_vec(), None).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(app.row_counts().await, before);

    // Cross-department edits: another department's draft is not even there (404); its
    // published project is refused (403); nothing changes.
    let b_project = projects_of(&app, app.doc_b).await[0]["id"].as_i64().unwrap();
    let b_indicator = app.get(&app.admin, &format!("/api/v1/projects/{b_project}")).await.body["indicators"][0]["id"].as_i64().unwrap();
    let edits = |p: i64, i: i64| {
        vec![
            (Method::PUT, format!("/api/v1/projects/{p}"), json!({ "version": 1, "purpose": "改" })),
            (Method::PUT, format!("/api/v1/indicators/{i}"), json!({ "version": 1, "target": "≥1%" })),
            (Method::POST, "/api/v1/indicators".to_string(), json!({ "project_id": p, "level1": "产出指标", "level2": "数量指标", "level3": "x" })),
            (Method::POST, format!("/api/v1/projects/{p}/submit"), json!({ "version": 1 })),
            (Method::POST, format!("/api/v1/projects/{p}/comments"), json!({ "body": "x" })),
            (Method::PUT, format!("/api/v1/projects/{p}/monitoring?to=6"), json!({ "version": 0, "indicators": [] })),
            (Method::POST, format!("/projects/{p}/reorder"), json!({ "indicator_id": i, "dir": "down" })),
        ]
    };
    let before = app.row_counts().await;
    for (method, path, body) in edits(b_project, b_indicator) {
        let r = app.send(&app.filler, method.clone(), &path, Some(body)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "草稿：{method} {path}: {}", r.body);
    }
    assert_eq!(app.row_counts().await, before);
    app.publish_as_admin(b_project).await;
    let before = app.row_counts().await;
    for (method, path, body) in edits(b_project, b_indicator) {
        let r = app.send(&app.filler, method.clone(), &path, Some(body)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "已公开：{method} {path}: {}", r.body);
    }
    assert_eq!(app.row_counts().await, before);

    // Optimistic locking: two writers with the same version, one wins, the other is told.
    let path = format!("/api/v1/projects/{project}");
    let app = std::sync::Arc::new(app);
    let mut tasks = Vec::new();
    for k in 0..2 {
        let (app, path) = (app.clone(), path.clone());
        tasks.push(tokio::spawn(async move {
            app.send(&app.filler, Method::PUT, &path, Some(json!({ "version": 1, "purpose": format!("写者{k}") }))).await.status.as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    statuses.sort();
    assert_eq!(statuses, vec![200, 409]);
    let r = app.send(&app.filler, Method::PUT, &path, Some(json!({ "version": 1, "purpose": "迟到" }))).await;
    assert_eq!((r.status, r.body["current_version"].clone()), (StatusCode::CONFLICT, json!(2)));
}
both!(probes_that_held);
