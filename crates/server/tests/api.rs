//! API tests on a real store, each run on SQLite and on PostgreSQL.

mod common;

use axum::http::{header, Method, StatusCode};
use common::{App, Auth, Backend};
use jixiao_server::api::openapi::ROUTES;
use serde_json::json;

/// Every documented route exists in the router (is neither the 404 fallback nor 405).
async fn openapi_lists_routes_the_router_serves(b: Backend) {
    let app = App::new(b).await;
    let doc = app.get(&Auth::Public, "/api/openapi.json").await;
    assert_eq!(doc.status, StatusCode::OK);
    assert_eq!(doc.body["openapi"], "3.1.0");
    for route in ROUTES {
        let path = route.path.replace("{id}", "1").replace("{key}", "%E6%BB%A1%E6%84%8F%E5%BA%A6");
        let method = Method::from_bytes(route.method.to_uppercase().as_bytes()).unwrap();
        let r = app.send(&Auth::Public, method, &path, None).await;
        assert_ne!(
            r.status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{} {path}",
            route.method
        );
        assert!(
            !r.detail().starts_with("没有这个接口"),
            "{} {path} 未在路由中",
            route.method
        );
        assert!(doc.body["paths"][route.path][route.method].is_object());
    }
    let r = app.get(&Auth::Public, "/api/v1/nothing-here").await;
    assert_eq!(
        (r.status, r.content_type()),
        (StatusCode::NOT_FOUND, "application/problem+json")
    );
    assert_eq!(r.body["title"], "未找到");
    let r = app
        .send(&Auth::Public, Method::PATCH, "/api/v1/years", None)
        .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.body["title"], "方法不允许");
}
both!(openapi_lists_routes_the_router_serves);

/// Drafts are hidden from the public; the review workflow publishes them.
async fn workflow_from_draft_to_published(b: Backend) {
    let app = App::new(b).await;
    let public = app.get(&Auth::Public, "/api/v1/projects").await;
    assert_eq!(public.body["total"], 0, "导入的项目是草稿，公众看不到");
    let project = app.first_project(app.doc_a).await;
    let id = project["id"].as_i64().unwrap();
    assert_eq!(
        app.get(&Auth::Public, &format!("/api/v1/projects/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&app.filler_b, &format!("/api/v1/projects/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&app.filler, &format!("/api/v1/projects/{id}"))
            .await
            .status,
        StatusCode::OK
    );

    // The filler edits and submits their draft.
    let path = format!("/api/v1/projects/{id}");
    let r = app
        .send(
            &app.filler,
            Method::PUT,
            &path,
            Some(json!({ "version": 1, "budget_total": "88.50" })),
        )
        .await;
    assert_eq!(
        (
            r.status,
            r.body["budget_total"].clone(),
            r.body["version"].clone()
        ),
        (StatusCode::OK, json!("88.5"), json!(2))
    );
    let r = app
        .send(
            &app.filler,
            Method::POST,
            &format!("{path}/submit"),
            Some(json!({ "version": 2 })),
        )
        .await;
    assert_eq!(
        (r.status, r.body["status"].clone()),
        (StatusCode::OK, json!("submitted"))
    );
    // Submitted: no more edits by the filler.
    let r = app
        .send(
            &app.filler,
            Method::PUT,
            &path,
            Some(json!({ "version": 3, "name": "改名" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        r.detail(),
        "项目状态为“已提交”，只有草稿或已退回的项目可以修改。"
    );

    // The reviewer must say why when returning.
    let r = app
        .send(
            &app.reviewer,
            Method::POST,
            &format!("{path}/return"),
            Some(json!({ "version": 3 })),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .send(
            &app.reviewer,
            Method::POST,
            &format!("{path}/return"),
            Some(json!({ "version": 3, "comment": "预算依据不足" })),
        )
        .await;
    assert_eq!(
        (r.status, r.body["status"].clone()),
        (StatusCode::OK, json!("returned"))
    );
    let comments = app.get(&app.filler, &format!("{path}/comments")).await;
    assert_eq!(comments.body["items"][0]["body"], "预算依据不足");

    let r = app
        .send(
            &app.filler,
            Method::POST,
            &format!("{path}/submit"),
            Some(json!({ "version": 4 })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = app
        .send(
            &app.reviewer,
            Method::POST,
            &format!("{path}/approve"),
            Some(json!({ "version": 5 })),
        )
        .await;
    assert_eq!(
        (r.status, r.body["status"].clone()),
        (StatusCode::OK, json!("approved"))
    );

    // Published: the public reads it and its indicators.
    let public = app.get(&Auth::Public, "/api/v1/projects").await;
    assert_eq!(public.body["total"], 1);
    let detail = app.get(&Auth::Public, &path).await;
    assert_eq!(detail.status, StatusCode::OK);
    let n = detail.body["indicators"].as_array().unwrap().len();
    assert!(n > 0);
    let listed = app
        .get(
            &Auth::Public,
            &format!("/api/v1/indicators?project={id}&per_page=200"),
        )
        .await;
    assert_eq!(listed.body["total"], n as i64);

    // Every change is in the audit log, with before → after.
    let audit = app.get(&app.admin, "/api/v1/audit?per_page=200").await;
    let entries = audit.body["items"].as_array().unwrap();
    let approve = entries
        .iter()
        .find(|e| e["action"] == "approve" && e["entity_id"] == id)
        .expect("批准应记入审计日志");
    assert_eq!(
        (
            approve["before"]["status"].clone(),
            approve["after"]["status"].clone()
        ),
        (json!("submitted"), json!("approved"))
    );
    let edit = entries
        .iter()
        .find(|e| e["action"] == "update" && e["entity"] == "project")
        .unwrap();
    assert_eq!(
        (
            edit["before"]["budget_total"].clone(),
            edit["after"]["budget_total"].clone()
        ),
        (project["budget_total"].clone(), json!("88.5"))
    );
    assert_eq!(
        app.get(&app.reviewer, "/api/v1/audit").await.status,
        StatusCode::FORBIDDEN
    );
}
both!(workflow_from_draft_to_published);

/// A stale write gets 409 naming both versions, and changes nothing.
async fn stale_write_is_a_conflict(b: Backend) {
    let app = App::new(b).await;
    let (project, indicator) = app.fresh_project(app.doc_a).await;
    let path = format!("/api/v1/indicators/{indicator}");
    let first = app
        .send(
            &app.filler,
            Method::PUT,
            &path,
            Some(json!({ "version": 1, "target": "≥95%" })),
        )
        .await;
    assert_eq!(
        (
            first.status,
            first.body["target_kind"].clone(),
            first.body["target_value"].clone()
        ),
        (StatusCode::OK, json!("quantity"), json!("95"))
    );
    let stale = app
        .send(
            &app.admin,
            Method::PUT,
            &path,
            Some(json!({ "version": 1, "target": "≥50%" })),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.content_type(), "application/problem+json");
    assert_eq!(
        (
            stale.body["expected_version"].clone(),
            stale.body["current_version"].clone()
        ),
        (json!(1), json!(2))
    );
    let now = app.get(&app.admin, &path).await;
    assert_eq!(
        (
            now.body["target_printed"].clone(),
            now.body["version"].clone()
        ),
        (json!("≥95%"), json!(2))
    );
    // If-Match works too, and a delete needs the version.
    let r = app
        .raw(
            &app.admin,
            Method::DELETE,
            &format!("/api/v1/projects/{project}"),
            None,
            vec![],
        )
        .await;
    assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED);
    let r = app
        .send(
            &app.admin,
            Method::DELETE,
            &format!("/api/v1/projects/{project}?version=7"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = app
        .send(
            &app.admin,
            Method::DELETE,
            &format!("/api/v1/projects/{project}?version=1"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get(&app.admin, &path).await.status,
        StatusCode::NOT_FOUND,
        "指标随项目删除"
    );
}
both!(stale_write_is_a_conflict);

/// Bad bodies get a Chinese 4xx and leave the database as it was.
async fn bad_input_changes_nothing(b: Backend) {
    let settings = jixiao_server::Settings {
        limits: jixiao_server::json::Limits {
            body_bytes: 64 * 1024,
        },
        ..Default::default()
    };
    let app = App::with_settings(b, settings).await;
    let (project, _) = app.fresh_project(app.doc_a).await;
    let path = format!("/api/v1/projects/{project}");
    let before = app.row_counts().await;
    let json_ct = Some("application/json");
    // (method, uri, content type, body, status, start of the Chinese detail)
    type Case<'a> = (Method, String, Option<&'a str>, Vec<u8>, u16, &'a str);
    let cases: Vec<Case> = vec![
        (
            Method::PUT,
            path.clone(),
            json_ct,
            b"{\"version\": 1,".to_vec(),
            400,
            "JSON 格式错误（第1行第14列）：内容不完整",
        ),
        (
            Method::PUT,
            path.clone(),
            json_ct,
            r#"{"version": "一"}"#.as_bytes().to_vec(),
            422,
            "字段“version”类型错误：应为整数，实际为字符串 \"一\"（第1行第17列）",
        ),
        (
            Method::PUT,
            path.clone(),
            json_ct,
            r#"{"version": 1, "colour": "红"}"#.as_bytes().to_vec(),
            422,
            "未知字段“colour”",
        ),
        (
            Method::PUT,
            path.clone(),
            Some("text/plain"),
            br#"{"version": 1}"#.to_vec(),
            415,
            "请求体必须是 JSON，请设置 Content-Type: application/json。",
        ),
        (
            Method::PUT,
            path.clone(),
            json_ct,
            r#"{"version": 1, "budget_total": "很多"}"#.as_bytes().to_vec(),
            422,
            "字段“budget_total”应为不小于 0 的金额（万元，如 \"12.5\"），实际为“很多”。",
        ),
        (
            Method::PUT,
            path.clone(),
            json_ct,
            br#"{"version": 1, "name": "  "}"#.to_vec(),
            422,
            "字段“name”不能为空。",
        ),
        (
            Method::POST,
            "/api/v1/documents?name=big.txt".into(),
            Some("text/plain"),
            vec![b'x'; 70 * 1024],
            413,
            "请求体超过上限 64 KiB（65536 字节）。",
        ),
        (
            Method::POST,
            "/api/v1/documents?name=x.bin".into(),
            Some("application/octet-stream"),
            vec![0, 159, 146, 150, 255, 0, 1, 2],
            422,
            "x.bin：无法识别文本编码",
        ),
        (
            Method::POST,
            "/api/v1/documents?name=note.txt".into(),
            Some("text/plain"),
            "今天天气很好。\n".as_bytes().to_vec(),
            422,
            "note.txt：不是绩效目标文档",
        ),
        (
            Method::POST,
            "/api/v1/documents?name=empty.txt".into(),
            Some("text/plain"),
            vec![],
            422,
            "empty.txt：文件为空",
        ),
        (
            Method::POST,
            "/api/v1/documents".into(),
            Some("text/plain"),
            b"abc".to_vec(),
            400,
            "请用 ?name= 参数给出文件名",
        ),
        (
            Method::GET,
            "/api/v1/projects?page=abc".into(),
            None,
            vec![],
            400,
            "查询参数无效",
        ),
        (
            Method::GET,
            "/api/v1/projects?colour=red".into(),
            None,
            vec![],
            400,
            "查询参数无效：未知参数“colour”",
        ),
        (
            Method::GET,
            "/api/v1/projects/abc".into(),
            None,
            vec![],
            400,
            "路径中的编号应为整数。",
        ),
    ];
    for (method, uri, ct, body, status, detail) in cases {
        let r = app.raw(&app.admin, method.clone(), &uri, ct, body).await;
        assert_eq!(r.status.as_u16(), status, "{method} {uri}: {}", r.body);
        assert_eq!(
            r.content_type(),
            "application/problem+json",
            "{method} {uri}"
        );
        assert!(
            r.detail().starts_with(detail),
            "{method} {uri}: {}",
            r.detail()
        );
    }
    assert_eq!(
        app.row_counts().await,
        before,
        "被拒绝的请求不应改变任何数据"
    );
}
both!(bad_input_changes_nothing);

/// Cookie sessions need the CSRF token for writes; bearer tokens do not; bad tokens are 401;
/// logout ends the session.
async fn sessions_csrf_and_tokens(b: Backend) {
    let app = App::new(b).await;
    let session = app.login("filler_a", common::PASSWORD).await;
    let Auth::Session { cookie, csrf } = session.clone() else {
        unreachable!()
    };
    let me = app.get(&session, "/api/v1/auth/me").await;
    assert_eq!(
        (me.body["username"].clone(), me.body["role"].clone()),
        (json!("filler_a"), json!("filler"))
    );
    let (project, _) = app.fresh_project(app.doc_a).await;
    let path = format!("/api/v1/projects/{project}");
    let body = json!({ "version": 1, "purpose": "补充说明" });
    let no_csrf = Auth::Session {
        cookie: cookie.clone(),
        csrf: None,
    };
    let r = app
        .send(&no_csrf, Method::PUT, &path, Some(body.clone()))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.detail().contains("CSRF"));
    let wrong = Auth::Session {
        cookie: cookie.clone(),
        csrf: Some("0".repeat(64)),
    };
    assert_eq!(
        app.send(&wrong, Method::PUT, &path, Some(body.clone()))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.send(&session, Method::PUT, &path, Some(body))
            .await
            .status,
        StatusCode::OK
    );
    let bad = Auth::Bearer("not-a-token".into());
    let r = app.get(&bad, "/api/v1/projects").await;
    assert_eq!(
        (r.status, r.detail()),
        (StatusCode::UNAUTHORIZED, "API 令牌无效或已被撤销。")
    );
    let r = app
        .send(&session, Method::POST, "/api/v1/auth/logout", None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let cleared = r
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|c| c.to_str().unwrap().contains("Max-Age=0"));
    assert!(cleared);
    assert_eq!(
        app.get(&session, "/api/v1/auth/me").await.status,
        StatusCode::UNAUTHORIZED,
        "退出后会话失效"
    );
    let _ = csrf;
}
both!(sessions_csrf_and_tokens);

/// Five failed logins for a user from one client, then 429 with Retry-After; others unaffected.
async fn login_is_rate_limited(b: Backend) {
    let app = App::new(b).await;
    let login = |user: &str, password: &str| json!({ "username": user, "password": password });
    for _ in 0..5 {
        let r = app
            .send(
                &Auth::Public,
                Method::POST,
                "/api/v1/auth/login",
                Some(login("reviewer", "错误口令")),
            )
            .await;
        assert_eq!(
            (r.status, r.detail()),
            (StatusCode::UNAUTHORIZED, "用户名或口令错误。")
        );
    }
    let r = app
        .send(
            &Auth::Public,
            Method::POST,
            "/api/v1/auth/login",
            Some(login("reviewer", common::PASSWORD)),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::TOO_MANY_REQUESTS,
        "即使口令正确，也须等待"
    );
    assert!(r.detail().starts_with("登录失败次数过多，请"));
    assert!(r.headers.get(header::RETRY_AFTER).is_some());
    let cookie_set = r.headers.get(header::SET_COOKIE).is_some();
    assert!(!cookie_set);
    app.login("filler_a", common::PASSWORD).await;
}
both!(login_is_rate_limited);

/// Uploading the same bytes twice changes nothing; changed bytes make a new revision with a diff.
async fn upload_revisions_and_diff(b: Backend) {
    let app = App::new(b).await;
    let bytes = common::seed(common::SEED_A);
    let before = app.row_counts().await;
    let again = app.upload(&app.filler, common::SEED_A, &bytes).await;
    assert_eq!(
        (again.status, again.body["result"].clone()),
        (StatusCode::OK, json!("unchanged"))
    );
    let after = app.row_counts().await;
    // Only the audit log may differ: nothing else was written.
    assert_eq!(
        (before[..9].to_vec(), before[10]),
        (after[..9].to_vec(), after[10])
    );
    let text = String::from_utf8(bytes).unwrap();
    let changed = text.replacen("≥95%", "≥96%", 1);
    assert_ne!(changed, text);
    let r = app
        .upload(&app.filler, common::SEED_A, changed.as_bytes())
        .await;
    assert_eq!(
        (
            r.status,
            r.body["result"].clone(),
            r.body["revision"].clone()
        ),
        (StatusCode::CREATED, json!("imported"), json!(2))
    );
    assert_eq!(r.body["document_id"], app.doc_a);
    let doc = app
        .get(&app.filler, &format!("/api/v1/documents/{}", app.doc_a))
        .await;
    assert_eq!(doc.body["revisions"].as_array().unwrap().len(), 2);
    let diff = app
        .get(
            &app.filler,
            &format!("/api/v1/documents/{}/diff", app.doc_a),
        )
        .await;
    assert_eq!(diff.status, StatusCode::OK, "{}", diff.body);
    assert!(diff.body.to_string().contains("≥96%"), "{}", diff.body);
    // Another department's filler may not upload this department's document.
    let counts = app.row_counts().await;
    let other = text.replacen("≥95%", "≥97%", 1);
    let r = app
        .upload(&app.filler_b, common::SEED_A, other.as_bytes())
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.row_counts().await,
        counts,
        "被拒绝的上传不应写入任何数据"
    );
}
both!(upload_revisions_and_diff);

/// Pagination with totals, filters and search by name.
async fn pagination_filters_and_search(b: Backend) {
    let app = App::new(b).await;
    let all = app.get(&app.admin, "/api/v1/projects?per_page=200").await;
    let total = all.body["total"].as_i64().unwrap();
    assert_eq!(all.body["items"].as_array().unwrap().len() as i64, total);
    let page2 = app
        .get(&app.admin, "/api/v1/projects?per_page=5&page=2")
        .await;
    assert_eq!(
        (
            page2.body["total"].as_i64().unwrap(),
            page2.body["page"].clone(),
            page2.body["items"].as_array().unwrap().len()
        ),
        (total, json!(2), 5)
    );
    assert_eq!(page2.body["items"][0]["id"], all.body["items"][5]["id"]);
    let a = app
        .get(
            &app.admin,
            &format!("/api/v1/projects?department={}&per_page=200", app.dept_a),
        )
        .await;
    let b2 = app
        .get(
            &app.admin,
            &format!("/api/v1/projects?department={}&per_page=200", app.dept_b),
        )
        .await;
    assert_eq!(
        a.body["total"].as_i64().unwrap() + b2.body["total"].as_i64().unwrap(),
        total
    );
    let y = app
        .get(&app.admin, "/api/v1/projects?year=2023&per_page=200")
        .await;
    assert_eq!(y.body["total"], a.body["total"], "种子 A 是 2023 年");
    assert_eq!(
        app.get(&app.admin, "/api/v1/projects?status=approved")
            .await
            .body["total"],
        0
    );
    let name = all.body["items"][0]["name"].as_str().unwrap().to_string();
    let part: String = name.chars().take(4).collect();
    let found = app
        .get(
            &app.admin,
            &format!("/api/v1/search?q={}", urlencode(&part)),
        )
        .await;
    assert!(found.body["projects"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == name.as_str()));
    let public = app
        .get(
            &Auth::Public,
            &format!("/api/v1/search?q={}", urlencode(&part)),
        )
        .await;
    assert_eq!(public.body["projects"]["total"], 0, "公众搜索不到草稿");
    let orgs = app
        .get(&Auth::Public, "/api/v1/organisations?q=应急管理局")
        .await;
    assert!(orgs.body["total"].as_i64().unwrap() >= 2);
    assert_eq!(
        app.get(&app.admin, "/api/v1/projects?per_page=500")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}
both!(pagination_filters_and_search);

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// 项目名称 and 三级指标 are indexed: more than 500 characters are refused with a Chinese 422
/// (as on import), on every path that writes them; 500 are taken.
async fn overlong_indexed_texts_are_refused(b: Backend) {
    let app = App::new(b).await;
    let (project, indicator) = app.fresh_project(app.doc_a).await;
    let varied = |n: usize| -> String {
        (0..n).map(|i| char::from_u32(0x4e00 + ((i * 7919) % 20000) as u32).unwrap()).collect()
    };
    let (too_long, longest) = (varied(501), varied(500));
    let writes = [
        (Method::PUT, format!("/api/v1/indicators/{indicator}"), "level3", json!({ "version": 1, "level3": too_long })),
        (Method::PUT, format!("/api/v1/projects/{project}"), "name", json!({ "version": 1, "name": too_long })),
        (
            Method::POST,
            "/api/v1/indicators".to_string(),
            "level3",
            json!({ "project_id": project, "level1": "产出指标", "level2": "数量指标", "level3": too_long, "target": "≥1次" }),
        ),
    ];
    for (method, path, field, body) in writes {
        let r = app.send(&app.admin, method, &path, Some(body)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {}", r.body);
        assert_eq!(r.detail(), format!("字段“{field}”过长（最多 500 字）。"), "{path}");
    }
    let version = app.get(&app.admin, &format!("/api/v1/indicators/{indicator}")).await.body["version"].clone();
    let r = app
        .send(&app.admin, Method::PUT, &format!("/api/v1/indicators/{indicator}"), Some(json!({ "version": version, "level3": longest })))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["level3"], json!(longest));
}
both!(overlong_indexed_texts_are_refused);

/// `GET /api/v1/audit` honours the filters of the 审计日志 page (`/admin/audit`): object type,
/// action, acting user, object id and dates (both days included); bad values are 400 in
/// Chinese, and the log stays the administrator's.
async fn audit_log_is_filtered(b: Backend) {
    let app = App::new(b).await;
    // A's filler edits a project of A: an update by them, among the administrator's imports.
    let p = app.first_project(app.doc_a).await;
    let id = p["id"].as_i64().unwrap();
    let r = app
        .send(&app.filler, Method::PUT, &format!("/api/v1/projects/{id}"), Some(json!({ "version": p["version"], "purpose": "审计日志过滤" })))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let users = app.get(&app.admin, "/api/v1/users").await;
    let filler = users.body["items"].as_array().unwrap().iter().find(|u| u["username"] == "filler_a").unwrap()["id"].as_i64().unwrap();
    let all = app.get(&app.admin, "/api/v1/audit?per_page=200").await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    let total = all.body["total"].as_i64().unwrap();
    let items = |r: &common::Answer| r.body["items"].as_array().unwrap().clone();
    assert!(items(&all).iter().any(|e| e["user_id"] != filler), "the log has others' entries too");

    // By acting user: only the filler's, their edit among them.
    let mine = app.get(&app.admin, &format!("/api/v1/audit?user={filler}&per_page=200")).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    assert!(!items(&mine).is_empty() && items(&mine).iter().all(|e| e["user_id"] == filler), "{}", mine.body);
    assert!(mine.body["total"].as_i64().unwrap() < total);
    assert!(items(&mine).iter().any(|e| e["entity"] == "project" && e["action"] == "update" && e["entity_id"] == id));
    // By object and action.
    let project = app.get(&app.admin, &format!("/api/v1/audit?entity=project&entity_id={id}&action=update")).await;
    let project = items(&project);
    assert!(!project.is_empty(), "the edit is there");
    assert!(project.iter().all(|e| e["entity"] == "project" && e["entity_id"] == id && e["action"] == "update"));
    assert_eq!(project[0]["after"]["purpose"], "审计日志过滤");
    let imports = app.get(&app.admin, "/api/v1/audit?entity=document&action=import").await;
    assert_eq!(imports.body["total"], 2, "the two seeds: {}", imports.body);
    // By date: a day long past has nothing; the days of the entries have them all.
    let none = app.get(&app.admin, "/api/v1/audit?from=2000-01-01&to=2000-01-31").await;
    assert_eq!((none.status, none.body["total"].clone()), (StatusCode::OK, json!(0)), "{}", none.body);
    let days: Vec<String> = items(&all).iter().map(|e| e["at"].as_str().unwrap()[..10].to_string()).collect();
    let (first, last) = (days.iter().min().unwrap(), days.iter().max().unwrap());
    let dated = app.get(&app.admin, &format!("/api/v1/audit?from={first}&to={last}")).await;
    assert_eq!(dated.body["total"], total, "`to` includes its day: {}", dated.body);
    // Paging over a filter.
    let page = app.get(&app.admin, &format!("/api/v1/audit?user={filler}&per_page=1&page=1")).await;
    assert_eq!((items(&page).len(), page.body["total"].clone()), (1, mine.body["total"].clone()));
    // Bad filters are named; an unknown one is refused rather than ignored.
    for (query, says) in [
        ("user=abc", "参数“user”应为整数"),
        ("from=2026-1-5", "起始日期应为日期"),
        ("to=昨天", "截止日期应为日期"),
        ("owner=1", "未知参数“owner”"),
    ] {
        let r = app.get(&app.admin, &format!("/api/v1/audit?{query}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{query}: {}", r.body);
        assert!(r.detail().contains(says), "{query}: {}", r.detail());
    }
    // Still the administrator's only.
    for auth in [&app.reviewer, &app.filler] {
        assert_eq!(app.get(auth, &format!("/api/v1/audit?user={filler}")).await.status, StatusCode::FORBIDDEN);
    }
    // The OpenAPI document lists the filters.
    let doc = app.get(&Auth::Public, "/api/openapi.json").await;
    let names: Vec<&str> = doc.body["paths"]["/api/v1/audit"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["page", "per_page", "entity", "action", "user", "entity_id", "from", "to"]);
}
both!(audit_log_is_filtered);

/// The upload page's check answers the 读取报告 (issue 12): rows read, each project's
/// confidence and the rows to check (from 1), the text not understood; each project's line is
/// the line of the project stored by the import, by which the page links a project to its
/// page for correcting the rows. The check stores nothing and needs a login.
async fn the_upload_check_reports_the_reading(b: Backend) {
    let app = App::new(b).await;
    let before = app.row_counts().await;
    let drill = "项目支出绩效目标表\n（2026年度）\n项目名称 | 应急演练项目 | 主管部门 | 某县应急管理局\n项目资金（万元） | 年度资金总额 | 12\n年度绩效目标 | 完成应急演练2次\n一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 演练次数 | ≥2次\n产出指标 | 质量指标 | 演练合格率 | \n效益指标 | 社会效益指标 | 群众安全意识 | 明显提高\n满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90%\n";
    let r = app.raw(&app.filler, Method::POST, "/upload/diagnose?name=drill.txt", Some("text/plain"), drill.as_bytes().to_vec()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let reading = &r.body["reading"];
    assert_eq!(reading["rows"], 4, "{}", r.body);
    let project = &reading["projects"][0];
    assert_eq!((project["name"].as_str(), project["rows"].as_u64()), (Some("应急演练项目"), Some(4)));
    assert_eq!(project["doubtful_rows"], json!([2]), "演练合格率 has no 指标值");
    let confidence = project["confidence"].as_u64().unwrap();
    assert!(confidence < 100 && confidence > 50, "{confidence}");
    assert!(["高", "中", "低"].contains(&project["level"].as_str().unwrap()));
    assert_eq!(reading["not_understood_total"], 0);
    assert_eq!(app.row_counts().await, before, "the check stores nothing");

    // A seed already imported for department A: every project of the report is a stored
    // project of the document at the same line.
    let r = app.raw(&app.filler, Method::POST, &format!("/upload/diagnose?name={}", common::SEED_A), Some("text/plain"), common::seed(common::SEED_A)).await;
    let projects = r.body["reading"]["projects"].as_array().unwrap().clone();
    assert!(projects.len() > 1, "{}", r.body);
    let stored = app.get(&app.filler, &format!("/api/v1/projects?per_page=200&document={}", app.doc_a)).await;
    let lines: Vec<u64> = stored.body["items"].as_array().unwrap().iter().map(|p| p["line"].as_u64().unwrap()).collect();
    for p in &projects {
        assert!(lines.contains(&p["line"].as_u64().unwrap()), "{p} not among the stored lines {lines:?}");
    }
    // The project page numbers its rows as read: the report's 第 N 行 is `#row-N` there.
    let first = &stored.body["items"][0];
    let page = app.get(&app.filler, &format!("/projects/{}", first["id"])).await;
    let page = String::from_utf8_lossy(&page.bytes);
    assert!(page.contains(r#"id="row-1""#) && page.contains(r#"id="row-2""#), "{page}");

    // Without a login: refused, in Chinese.
    let r = app.raw(&Auth::Public, Method::POST, "/upload/diagnose?name=drill.txt", Some("text/plain"), drill.as_bytes().to_vec()).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.body["error"], "请先登录。");
}
both!(the_upload_check_reports_the_reading);
