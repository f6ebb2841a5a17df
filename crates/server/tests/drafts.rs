//! Issue 17: drafting a 绩效目标表 in jixiao (新建, 复制为下一年度草稿) and submitting with the
//! open findings confirmed — through the API and the pages, each test on SQLite and
//! PostgreSQL. A draft must then behave like an imported project; who may draft for which
//! department, CSRF and the edge's checks hold for the new endpoints as for the old.

mod common;

use axum::http::{Method, StatusCode};
use common::{App, Auth, Backend};
use serde_json::{json, Value};

/// A complete draft: budget, plan, goals and two indicators with explanation and basis.
fn draft(name: &str) -> Value {
    json!({
        "year": 2026,
        "name": name,
        "code": "YJ-2026-01",
        "unit": "门源县应急管理服务中心",
        "purpose": "组织全县应急演练与培训。",
        "budget_total": "12.50",
        "budget_fiscal": "10.00",
        "budget_other": "2.5",
        "plan": ["20", "50", "80", "100"],
        "goals": ["完成全县应急演练 4 次", "提升群众应急能力"],
        "indicators": [
            { "level1": "产出指标", "level2": "数量指标", "level3": "应急演练次数", "target": "≥4次",
              "description": "全年组织的综合演练次数", "basis": "县级应急预案要求" },
            { "level1": "满意度指标", "level2": "服务对象满意度指标", "level3": "参训群众满意度", "target": "≥90%",
              "description": "问卷调查满意的比例", "basis": "上年调查结果" },
        ],
    })
}

async fn scalar(app: &App, sql: &str, id: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(app.store.pool())
        .await
        .unwrap()
}

fn html(a: &common::Answer) -> String {
    a.body
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| a.body.to_string())
}

async fn a_draft_behaves_like_an_imported_project(b: Backend) {
    let app = App::new(b).await;
    let r = app
        .send(
            &app.filler,
            Method::POST,
            "/api/v1/drafts",
            Some(draft("应急演练与培训")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.body["project_id"].as_i64().unwrap();
    let doc = r.body["document_id"].as_i64().unwrap();
    assert_eq!(
        r.body["errors"], 0,
        "a complete draft has no errors: {}",
        r.body
    );

    // Stored as the department's draft, amounts exact, plan, goals, unit and every row.
    let p = app
        .get(&app.filler, &format!("/api/v1/projects/{id}"))
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert_eq!(p.body["status"], "draft");
    assert_eq!(p.body["department_id"], app.dept_a);
    assert_eq!(p.body["year"], 2026);
    assert_eq!(
        (
            p.body["budget_total"].as_str(),
            p.body["budget_fiscal"].as_str(),
            p.body["budget_other"].as_str()
        ),
        (Some("12.5"), Some("10"), Some("2.5"))
    );
    assert_eq!(
        p.body["goals"],
        json!(["完成全县应急演练 4 次", "提升群众应急能力"])
    );
    let rows = p.body["indicators"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (
            rows[0]["level1_printed"].as_str(),
            rows[0]["level2_printed"].as_str()
        ),
        (Some("产出指标"), Some("数量指标"))
    );
    assert_eq!(
        (
            rows[0]["target_printed"].as_str(),
            rows[0]["target_op"].as_str(),
            rows[0]["target_value"].as_str()
        ),
        (Some("≥4次"), Some("at_least"), Some("4"))
    );
    assert_eq!(rows[1]["basis"], "上年调查结果");
    assert_eq!(rows[1]["description"], "问卷调查满意的比例");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM organisations WHERE name = '门源县应急管理服务中心' AND parent_id = $1", app.dept_a).await, 1);
    let page = app.get(&app.filler, &format!("/projects/{id}")).await;
    let page = html(&page);
    assert!(
        page.contains("80%") && page.contains("应急演练次数"),
        "the plan and the rows are on the project page"
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE entity = 'document' AND action = 'import' AND entity_id = $1", doc).await,
        1,
        "the draft is audited like an import"
    );

    // Hidden from the public and other departments, as drafts are.
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
        app.get(&app.reviewer, &format!("/api/v1/projects/{id}"))
            .await
            .status,
        StatusCode::OK
    );

    // Editable, submittable, reviewable.
    let r = app
        .send(
            &app.filler,
            Method::PUT,
            &format!("/api/v1/projects/{id}"),
            Some(json!({ "version": 1, "budget_other": "3" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app.send(&app.filler, Method::POST, "/api/v1/indicators", Some(json!({
        "project_id": id, "level1": "效益指标", "level2": "社会效益指标", "level3": "应急知识知晓率", "target": "≥85%"
    }))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    // Edits are reviewed again: the draft now carries an error-level finding, so submitting
    // needs a 说明.
    let r = app
        .send(
            &app.filler,
            Method::POST,
            &format!("/api/v1/projects/{id}/submit"),
            Some(json!({ "version": 2 })),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.to_string().contains("错误级审核发现"), "{}", r.body);
    let r = app
        .send(
            &app.filler,
            Method::POST,
            &format!("/api/v1/projects/{id}/submit"),
            Some(json!({ "version": 2, "comment": "其他资金待财政局确认后调整" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app
        .send(
            &app.reviewer,
            Method::POST,
            &format!("/api/v1/projects/{id}/approve"),
            Some(json!({ "version": 3 })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        app.get(&Auth::Public, &format!("/api/v1/projects/{id}"))
            .await
            .status,
        StatusCode::OK,
        "approved: public"
    );
}
both!(a_draft_behaves_like_an_imported_project);

async fn only_fillers_of_the_department_and_admins_draft(b: Backend) {
    let app = App::new(b).await;
    let before = app.row_counts().await;
    let mut for_b = draft("外部门项目");
    for_b["department_id"] = json!(app.dept_b);
    let cases: [(&str, &Auth, &Value, u16); 4] = [
        ("公众", &Auth::Public, &draft("公众"), 401),
        ("财政审核员", &app.reviewer, &draft("审核员"), 403),
        ("填报员为外部门", &app.filler, &for_b, 403),
        ("管理员未选部门", &app.admin, &draft("管理员"), 422),
    ];
    for (who, auth, body, want) in cases {
        for path in ["/api/v1/drafts", "/api/v1/drafts/review"] {
            let r = app.send(auth, Method::POST, path, Some(body.clone())).await;
            assert_eq!(r.status.as_u16(), want, "{who} {path}: {}", r.body);
            assert_eq!(r.content_type(), "application/problem+json", "{who}");
        }
    }
    assert_eq!(
        app.row_counts().await,
        before,
        "nothing written by refused drafts"
    );
    // An admin drafts for the department named.
    let r = app
        .send(
            &app.admin,
            Method::POST,
            "/api/v1/drafts",
            Some(for_b.clone()),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let p = app
        .get(
            &app.admin,
            &format!("/api/v1/projects/{}", r.body["project_id"]),
        )
        .await;
    assert_eq!(p.body["department_id"], app.dept_b);
    // Wrong levels and amounts are 422 naming them, in Chinese.
    let mut bad = draft("层级错误");
    bad["indicators"][0]["level2"] = json!("社会效益指标");
    let r = app
        .send(&app.filler, Method::POST, "/api/v1/drafts", Some(bad))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.detail().contains("不属于产出指标"), "{}", r.detail());
    let mut bad = draft("金额错误");
    bad["budget_total"] = json!("十二万");
    let r = app
        .send(&app.filler, Method::POST, "/api/v1/drafts", Some(bad))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.detail().contains("budget_total"), "{}", r.detail());
    let mut bad = draft("多余字段");
    bad["status"] = json!("approved");
    assert_eq!(
        app.send(&app.filler, Method::POST, "/api/v1/drafts", Some(bad))
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}
both!(only_fillers_of_the_department_and_admins_draft);

async fn csrf_and_the_edge_hold_for_drafts(b: Backend) {
    let app = App::new(b).await;
    let session = app.login("filler_a", common::PASSWORD).await;
    let Auth::Session { cookie, .. } = &session else {
        unreachable!()
    };
    let no_csrf = Auth::Session {
        cookie: cookie.clone(),
        csrf: None,
    };
    let wrong_csrf = Auth::Session {
        cookie: cookie.clone(),
        csrf: Some("x".repeat(43)),
    };
    let before = app.row_counts().await;
    for auth in [&no_csrf, &wrong_csrf] {
        let r = app
            .send(auth, Method::POST, "/api/v1/drafts", Some(draft("无令牌")))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        assert!(r.detail().contains("CSRF"), "{}", r.detail());
        let (id, _) = app.fresh_project(app.doc_a).await;
        let r = app
            .send(
                auth,
                Method::POST,
                &format!("/api/v1/projects/{id}/copy"),
                Some(json!({})),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        app.send(
            &app.admin,
            Method::DELETE,
            &format!("/api/v1/projects/{id}?version=1"),
            None,
        )
        .await;
    }
    let after = app.row_counts().await;
    assert_eq!(
        (after[2], after[4]),
        (before[2], before[4]),
        "no document, no project written without the token"
    );
    // Control characters are refused at the edge, before the handler.
    let mut bad = draft("控制字符");
    bad["goals"] = json!(["目标\u{7}"]);
    let r = app
        .send(&session, Method::POST, "/api/v1/drafts", Some(bad))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let r = app
        .send(
            &session,
            Method::POST,
            "/api/v1/drafts",
            Some(draft("有令牌")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}
both!(csrf_and_the_edge_hold_for_drafts);

async fn copy_to_next_year(b: Backend) {
    let app = App::new(b).await;
    let first = app.first_project(app.doc_a).await;
    let id = first["id"].as_i64().unwrap();
    let year = first["year"].as_i64().unwrap();
    let source = app
        .get(&app.filler, &format!("/api/v1/projects/{id}"))
        .await
        .body;
    let r = app
        .send(
            &app.filler,
            Method::POST,
            &format!("/api/v1/projects/{id}/copy"),
            Some(json!({})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let copy = app
        .get(
            &app.filler,
            &format!("/api/v1/projects/{}", r.body["project_id"]),
        )
        .await
        .body;
    assert_eq!(copy["year"], year + 1);
    assert_eq!(
        (copy["status"].as_str(), copy["name"].as_str()),
        (Some("draft"), source["name"].as_str())
    );
    assert_eq!(copy["department_id"], app.dept_a);
    assert!(
        copy["budget_total"].is_null() && copy["budget_fiscal"].is_null(),
        "budget blank by default: {copy}"
    );
    assert_eq!(copy["goals"], source["goals"]);
    let targets = |p: &Value| -> Vec<(Value, Value, Value)> {
        p["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["level2_printed"].clone(),
                    i["level3"].clone(),
                    i["target_printed"].clone(),
                )
            })
            .collect()
    };
    assert!(!targets(&source).is_empty());
    assert_eq!(
        targets(&copy),
        targets(&source),
        "targets copied row by row"
    );
    assert_ne!(
        copy["document_id"], source["document_id"],
        "a document of its own"
    );
    // With the budget copied.
    let r = app
        .send(
            &app.filler,
            Method::POST,
            &format!("/api/v1/projects/{id}/copy"),
            Some(json!({ "budget": "copy" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let copy = app
        .get(
            &app.filler,
            &format!("/api/v1/projects/{}", r.body["project_id"]),
        )
        .await
        .body;
    assert_eq!(copy["budget_total"], source["budget_total"]);
    let r = app
        .send(
            &app.filler,
            Method::POST,
            &format!("/api/v1/projects/{id}/copy"),
            Some(json!({ "budget": "half" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Another department's: its drafts are hidden (404), its published projects are not the
    // filler's to draft (403); reviewers never copy, the public must sign in.
    let before = app.row_counts().await;
    let b_first = app.first_project(app.doc_b).await["id"].as_i64().unwrap();
    let r = app
        .send(
            &app.filler,
            Method::POST,
            &format!("/api/v1/projects/{b_first}/copy"),
            Some(json!({})),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    app.submit_as_admin(b_first).await;
    let v = app
        .get(&app.admin, &format!("/api/v1/projects/{b_first}"))
        .await
        .body["version"]
        .clone();
    let r = app
        .send(
            &app.reviewer,
            Method::POST,
            &format!("/api/v1/projects/{b_first}/approve"),
            Some(json!({ "version": v })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let before_published = app.row_counts().await;
    let r = app
        .send(
            &app.filler,
            Method::POST,
            &format!("/api/v1/projects/{b_first}/copy"),
            Some(json!({})),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = app
        .send(
            &app.reviewer,
            Method::POST,
            &format!("/api/v1/projects/{id}/copy"),
            Some(json!({})),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = app
        .send(
            &Auth::Public,
            Method::POST,
            &format!("/api/v1/projects/{b_first}/copy"),
            Some(json!({})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    let r = app
        .send(
            &app.filler,
            Method::POST,
            "/api/v1/projects/999999/copy",
            Some(json!({})),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let counts = app.row_counts().await;
    assert_eq!(
        (counts[2], counts[4]),
        (before_published[2], before_published[4]),
        "refused copies write nothing"
    );
    assert_eq!(counts[2], before[2]);
    // The filler's own department's other projects: the admin may copy B's for B.
    let r = app
        .send(
            &app.admin,
            Method::POST,
            &format!("/api/v1/projects/{b_first}/copy"),
            Some(json!({})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}
both!(copy_to_next_year);

async fn submit_with_open_errors_needs_a_justification(b: Backend) {
    let app = App::new(b).await;
    // 财政资金 + 其他资金 ≠ 预算数: an error the review reports (JX-A002).
    let mut body = draft("资金不符的项目");
    body["budget_other"] = json!("5");
    let review = app
        .send(
            &app.filler,
            Method::POST,
            "/api/v1/drafts/review",
            Some(body.clone()),
        )
        .await;
    assert_eq!(review.status, StatusCode::OK, "{}", review.body);
    assert!(
        review.body["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "JX-A002" && f["severity"] == "error"),
        "{}",
        review.body
    );
    let before = app.row_counts().await;
    assert_eq!(before, app.row_counts().await, "a review stores nothing");
    let r = app
        .send(&app.filler, Method::POST, "/api/v1/drafts", Some(body))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert!(r.body["errors"].as_u64().unwrap() >= 1, "{}", r.body);
    let id = r.body["project_id"].as_i64().unwrap();
    let page = html(&app.get(&app.filler, &format!("/projects/{id}")).await);
    assert!(
        page.contains("id=\"submit-findings\"") && page.contains("须写明理由"),
        "the page asks for the justification"
    );

    for comment in [json!(null), json!(""), json!("   ")] {
        let r = app
            .send(
                &app.filler,
                Method::POST,
                &format!("/api/v1/projects/{id}/submit"),
                Some(json!({ "version": 1, "comment": comment })),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.detail().contains("错误级审核发现"), "{}", r.detail());
    }
    // The admin is held to the same rule.
    let r = app
        .send(
            &app.admin,
            Method::POST,
            &format!("/api/v1/projects/{id}/submit"),
            Some(json!({ "version": 1 })),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        app.get(&app.filler, &format!("/api/v1/projects/{id}"))
            .await
            .body["status"],
        "draft"
    );
    let r = app
        .send(
            &app.filler,
            Method::POST,
            &format!("/api/v1/projects/{id}/submit"),
            Some(json!({ "version": 1, "comment": "其他资金含上年结转 2.5 万元，已与财政沟通" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let comments = app
        .get(&app.reviewer, &format!("/api/v1/projects/{id}/comments"))
        .await;
    assert!(comments.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["body"] == "其他资金含上年结转 2.5 万元，已与财政沟通"));
    // Without errors, no justification is needed.
    let r = app
        .send(
            &app.filler,
            Method::POST,
            "/api/v1/drafts",
            Some(draft("无错误的项目")),
        )
        .await;
    let id = r.body["project_id"].as_i64().unwrap();
    let r = app
        .send(
            &app.filler,
            Method::POST,
            &format!("/api/v1/projects/{id}/submit"),
            Some(json!({ "version": 1 })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}
both!(submit_with_open_errors_needs_a_justification);

async fn the_drafting_page(b: Backend) {
    let app = App::new(b).await;
    let page = app.get(&app.filler, "/drafts/new").await;
    assert_eq!(page.status, StatusCode::OK);
    let text = html(&page);
    for expected in [
        "项目支出绩效目标表",
        "门源县应急管理局",
        "实施单位",
        "财政资金",
        "10月底",
        "指标解释",
        "指标值设定依据",
        "服务对象满意度指标",
        "生态环境成本指标",
        "id=\"draft-save\"",
    ] {
        assert!(text.contains(expected), "{expected} on the page");
    }
    assert!(
        !text.contains("石家庄高新区应急管理局"),
        "a filler drafts for their own department only"
    );
    // Earlier years of the own department to start from, and starting from one.
    let first = app.first_project(app.doc_a).await;
    assert!(
        text.contains(&format!("<option value=\"{}\">", first["id"])),
        "own projects offered"
    );
    let from = app
        .get(&app.filler, &format!("/drafts/new?from={}", first["id"]))
        .await;
    assert_eq!(from.status, StatusCode::OK);
    let from = html(&from);
    assert!(
        from.contains("id=\"draft-from\"")
            && from.contains(&format!("\"year\":{}", first["year"].as_i64().unwrap() + 1)),
        "prefilled for the next year"
    );
    // Another department's draft is not found; reviewers and the public do not draft.
    let b_first = app.first_project(app.doc_b).await;
    assert_eq!(
        app.get(&app.filler, &format!("/drafts/new?from={}", b_first["id"]))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&app.filler, "/drafts/new?from=x").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get(&app.reviewer, "/drafts/new").await.status,
        StatusCode::FORBIDDEN
    );
    let public = app.get(&Auth::Public, "/drafts/new").await;
    assert!(public.status.is_redirection(), "{}", public.status);
    // The admin picks the department.
    let admin = html(&app.get(&app.admin, "/drafts/new").await);
    assert!(admin.contains("石家庄高新区应急管理局") && admin.contains("门源县应急管理局"));
    // The menu and the project page offer drafting to those who may.
    assert!(text.contains("id=\"nav-draft\""));
    assert!(!html(&app.get(&app.reviewer, "/").await).contains("id=\"nav-draft\""));
    let project = html(
        &app.get(&app.filler, &format!("/projects/{}", first["id"]))
            .await,
    );
    assert!(project.contains("复制为下一年度草稿"));
    assert!(!html(
        &app.get(&app.reviewer, &format!("/projects/{}", first["id"]))
            .await
    )
    .contains("复制为下一年度草稿"));
}
both!(the_drafting_page);

/// A complete 部门整体支出绩效目标表: goals, the department budget, two indicator rows.
fn department_draft() -> Value {
    json!({
        "kind": "department",
        "year": 2026,
        "budget_total": "1200.50",
        "budget_fiscal": "1000",
        "budget_other": "200.5",
        "goals": ["全面提升全县应急管理能力", "安全生产事故起数持续下降"],
        "indicators": [
            { "level1": "产出指标", "level2": "数量指标", "level3": "全县综合应急演练次数", "target": "≥12次",
              "description": "全年组织的综合应急演练次数", "basis": "县级应急预案要求" },
            { "level1": "效益指标", "level2": "社会效益指标", "level3": "较大以上生产安全事故起数", "target": "=0起",
              "description": "全年发生的较大以上生产安全事故", "basis": "安全生产责任书" },
        ],
    })
}

async fn a_department_wide_draft_is_stored_and_seen_by_its_department_only(b: Backend) {
    let app = App::new(b).await;
    let r = app
        .send(
            &app.filler,
            Method::POST,
            "/api/v1/drafts",
            Some(department_draft()),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert!(r.body.get("project_id").is_none(), "{}", r.body);
    assert_eq!(r.body["department_id"], app.dept_a);
    let doc = r.body["document_id"].as_i64().unwrap();
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM projects WHERE document_id = $1",
            doc
        )
        .await,
        0,
        "a department-wide table is no project"
    );

    // Read back: goals, the exact budget and every row, in order.
    let stored = app
        .get(&app.filler, &format!("/api/v1/documents/{doc}"))
        .await;
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
    assert_eq!(stored.body["department_id"], app.dept_a);
    assert_eq!(stored.body["year"], 2026);
    let table = &stored.body["department_table"];
    assert_eq!(
        table["overall_goals"],
        json!(["全面提升全县应急管理能力", "安全生产事故起数持续下降"])
    );
    assert_eq!(
        (
            table["budget_total"].as_str(),
            table["budget_fiscal"].as_str(),
            table["budget_other"].as_str()
        ),
        (Some("1200.5"), Some("1000"), Some("200.5"))
    );
    let rows: Vec<(&str, &str, &str, &str)> = table["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["level1_printed"].as_str().unwrap(),
                i["level2_printed"].as_str().unwrap(),
                i["level3"].as_str().unwrap(),
                i["target_printed"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("产出指标", "数量指标", "全县综合应急演练次数", "≥12次"),
            (
                "效益指标",
                "社会效益指标",
                "较大以上生产安全事故起数",
                "=0起"
            )
        ]
    );
    assert!(table["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["project_id"].is_null() && i["department_id"] == app.dept_a));
    // Reviewers and admins see it; another department and the public do not.
    for who in [&app.reviewer, &app.admin] {
        let seen = app.get(who, &format!("/api/v1/documents/{doc}")).await;
        assert_eq!(seen.status, StatusCode::OK);
        assert_eq!(seen.body["department_table"], *table);
    }
    for who in [&app.filler_b, &Auth::Public] {
        let hidden = app.get(who, &format!("/api/v1/documents/{doc}")).await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND, "{}", hidden.body);
        let listed = app.get(who, "/api/v1/documents?limit=100").await;
        assert!(
            !listed.body.to_string().contains(&format!("\"id\":{doc},")),
            "{}",
            listed.body
        );
    }

    // The department page shows the table to its department, never to others.
    let page = |who: Auth| {
        let app = &app;
        async move {
            html(
                &app.get(&who, &format!("/departments/{}?year=2026", app.dept_a))
                    .await,
            )
        }
    };
    let own = page(app.filler.clone()).await;
    for expected in [
        "部门整体支出绩效目标表（2026 年度）",
        "全面提升全县应急管理能力",
        "1,200.50",
        "较大以上生产安全事故起数",
        "=0起",
    ] {
        assert!(own.contains(expected), "{expected} on the department page");
    }
    assert!(page(app.reviewer.clone())
        .await
        .contains("全面提升全县应急管理能力"));
    for who in [app.filler_b.clone(), Auth::Public] {
        let other = page(who).await;
        assert!(!other.contains("全面提升全县应急管理能力"));
        assert!(!other.contains("部门整体支出绩效目标表"));
    }
    // The seeds' own 部门整体 table (B prints an overall goal) shows on B's page to its filler.
    let b_page = html(
        &app.get(&app.filler_b, &format!("/departments/{}", app.dept_b))
            .await,
    );
    assert!(
        b_page.contains("部门整体支出绩效目标表（2020 年度）"),
        "imported tables are shown too"
    );
}
both!(a_department_wide_draft_is_stored_and_seen_by_its_department_only);

async fn department_wide_drafts_are_refused_and_reviewed_like_project_drafts(b: Backend) {
    let app = App::new(b).await;
    let before = app.row_counts().await;
    let mut for_b = department_draft();
    for_b["department_id"] = json!(app.dept_b);
    let cases: [(&str, &Auth, &Value, u16); 4] = [
        ("公众", &Auth::Public, &department_draft(), 401),
        ("财政审核员", &app.reviewer, &department_draft(), 403),
        ("填报员为外部门", &app.filler, &for_b, 403),
        ("管理员未选部门", &app.admin, &department_draft(), 422),
    ];
    for (who, auth, body, want) in cases {
        for path in ["/api/v1/drafts", "/api/v1/drafts/review"] {
            let r = app.send(auth, Method::POST, path, Some(body.clone())).await;
            assert_eq!(r.status.as_u16(), want, "{who} {path}: {}", r.body);
            assert_eq!(r.content_type(), "application/problem+json", "{who}");
        }
    }
    // Bad tables are 422 naming the field or row, in Chinese, and nothing is written.
    let bad = |edit: &dyn Fn(&mut Value)| {
        let mut d = department_draft();
        edit(&mut d);
        d
    };
    let cases: [(Value, &str); 5] = [
        (
            bad(&|d| d["name"] = json!("应急演练")),
            "部门整体支出绩效目标表没有“项目名称”一栏：请选择项目支出绩效目标表，或清空该栏。",
        ),
        (
            bad(&|d| d["budget_other"] = json!("100")),
            "部门预算的财政拨款与其他资金之和（1100 万元）应等于部门预算总额（1200.5 万元）。",
        ),
        (
            bad(&|d| d["indicators"][1]["level2"] = json!("数量指标")),
            "第 2 条指标的二级指标“数量指标”不属于效益指标（可选：经济效益指标、社会效益指标、生态效益指标、可持续影响指标）。",
        ),
        (bad(&|d| d["budget_total"] = json!("一千万")), "budget_total"),
        (bad(&|d| d["kind"] = json!("全部")), "kind"),
    ];
    for (body, expected) in cases {
        for path in ["/api/v1/drafts", "/api/v1/drafts/review"] {
            let r = app
                .send(&app.filler, Method::POST, path, Some(body.clone()))
                .await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{path}: {}",
                r.body
            );
            assert!(r.detail().contains(expected), "{path}: {}", r.detail());
        }
    }
    assert_eq!(
        app.row_counts().await,
        before,
        "nothing written by refused drafts"
    );
    // The live review judges the department-wide rows, located on their row.
    let mut vague = department_draft();
    vague["indicators"][0]["target"] = json!("演练次数");
    let r = app
        .send(
            &app.filler,
            Method::POST,
            "/api/v1/drafts/review",
            Some(vague),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "JX-M001" && f["row"] == 0 && f["severity"] == "error"),
        "{}",
        r.body
    );
    assert_eq!(app.row_counts().await, before, "a review stores nothing");
    // The offline 申报表 is a project's only.
    let r = app
        .send(
            &app.filler,
            Method::POST,
            "/api/v1/drafts/template",
            Some(department_draft()),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.detail().contains("申报表模板只有项目支出绩效目标表"));
    // An admin drafts for the department named.
    let r = app
        .send(&app.admin, Method::POST, "/api/v1/drafts", Some(for_b))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["department_id"], app.dept_b);
}
both!(department_wide_drafts_are_refused_and_reviewed_like_project_drafts);
