//! 运行监控填报 through the API (issue 6), on SQLite and PostgreSQL: save, read back,
//! validation (422 in Chinese), optimistic locking (409) and who may read or write.

mod common;

use axum::http::{Method, StatusCode};
use common::{App, Auth, Backend};
use serde_json::json;

fn certain() -> serde_json::Value {
    json!({
        "version": 0,
        "spent_to_date": "3.50",
        "expected_full_year_spend": "10",
        "indicators": [{
            "indicator": 0,
            "current": { "kind": "number", "value": "60" },
            "expected_full_year": { "kind": "number", "value": "100" },
            "likelihood": "certain",
            "cause": null, "cause_text": null, "measures": null
        }]
    })
}

async fn save_read_back_validate_and_lock(b: Backend) {
    let app = App::new(b).await;
    let (project, _) = app.fresh_project(app.doc_a).await;
    let path = format!("/api/v1/projects/{project}/monitoring?from=1&to=7");

    // Nothing stored yet: 404 that says which version to send.
    let r = app.get(&app.filler, &path).await;
    assert_eq!(
        (r.status, r.body["current_version"].clone()),
        (StatusCode::NOT_FOUND, json!(0))
    );
    assert_eq!(
        r.detail(),
        "项目“测试项目”2023年1–7月尚无运行监控填报（首次保存时 version 为 0）。"
    );

    let audits = app.audit_count().await;
    let r = app
        .send(&app.filler, Method::PUT, &path, Some(certain()))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        (
            r.body["version"].clone(),
            r.body["spent_to_date"].clone(),
            r.body["expected_full_year_spend"].clone()
        ),
        (json!(1), json!("3.5"), json!("10"))
    );
    assert_eq!(app.audit_count().await, audits + 1);

    // Read back by the reviewer: the stored figures, exactly.
    let r = app.get(&app.reviewer, &path).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        (r.body["first_month"].clone(), r.body["last_month"].clone()),
        (json!(1), json!(7))
    );
    assert_eq!(r.body["spent_to_date"], "3.5");
    assert_eq!(
        r.body["indicators"],
        json!([{
            "indicator": 0,
            "current": { "kind": "number", "value": "60" },
            "expected_full_year": { "kind": "number", "value": "100" },
            "likelihood": "certain",
            "cause": null, "cause_text": null, "measures": null
        }])
    );
    // Another period is another entry.
    assert_eq!(
        app.get(
            &app.filler,
            &format!("/api/v1/projects/{project}/monitoring?to=8")
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    // 有可能 without cause, analysis and measures: 422 listing each, nothing changed.
    let mut lagging = certain();
    lagging["version"] = json!(1);
    lagging["indicators"][0]["likelihood"] = json!("possible");
    let r = app
        .send(&app.filler, Method::PUT, &path, Some(lagging.clone()))
        .await;
    assert_eq!(
        (r.status, r.content_type()),
        (StatusCode::UNPROCESSABLE_ENTITY, "application/problem+json")
    );
    assert_eq!(
        r.body["errors"],
        json!([
            "第1个项目「测试项目」第1条指标「培训人次」：完成可能性为“有可能”时必须填写偏差原因类别",
            "第1个项目「测试项目」第1条指标「培训人次」：完成可能性为“有可能”时必须填写偏差原因分析",
            "第1个项目「测试项目」第1条指标「培训人次」：完成可能性为“有可能”时必须填写改进措施",
        ])
    );
    assert!(
        r.detail().starts_with("监控数据有 3 处问题："),
        "{}",
        r.detail()
    );
    // Bad amounts and unknown indicators are named too.
    let mut bad = certain();
    bad["spent_to_date"] = json!("三万");
    let r = app.send(&app.filler, Method::PUT, &path, Some(bad)).await;
    assert_eq!(
        (r.status, r.body["errors"].clone()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!(["执行数应为金额（万元，如 \"12.5\"），实际为“三万”"])
        )
    );
    let mut bad = certain();
    bad["version"] = json!(1);
    bad["indicators"][0]["indicator"] = json!(5);
    let r = app.send(&app.filler, Method::PUT, &path, Some(bad)).await;
    assert_eq!(
        r.body["errors"],
        json!(["第1个项目中没有第6条指标（共1条）"])
    );
    assert_eq!(app.get(&app.filler, &path).await.body["version"], 1);

    // A stale version (the client still thinks nothing is stored): 409 naming both.
    let r = app
        .send(&app.filler, Method::PUT, &path, Some(certain()))
        .await;
    assert_eq!(
        (
            r.status,
            r.body["expected_version"].clone(),
            r.body["current_version"].clone()
        ),
        (StatusCode::CONFLICT, json!(0), json!(1))
    );

    // With cause, analysis and measures the update is stored as version 2.
    lagging["indicators"][0]["cause"] = json!("staffing");
    lagging["indicators"][0]["cause_text"] = json!("培训教师抽调");
    lagging["indicators"][0]["measures"] = json!("下半年集中培训");
    let r = app
        .send(&app.admin, Method::PUT, &path, Some(lagging))
        .await;
    assert_eq!(
        (r.status, r.body["version"].clone()),
        (StatusCode::OK, json!(2)),
        "{}",
        r.body
    );
    let r = app.get(&app.filler, &path).await;
    assert_eq!(
        (
            r.body["indicators"][0]["likelihood"].clone(),
            r.body["indicators"][0]["measures"].clone()
        ),
        (json!("possible"), json!("下半年集中培训"))
    );
    // No version at all: 428, as for every write.
    let mut unversioned = certain();
    unversioned.as_object_mut().unwrap().remove("version");
    let r = app
        .send(&app.filler, Method::PUT, &path, Some(unversioned))
        .await;
    assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED);
    // The period must be named.
    let r = app
        .get(
            &app.filler,
            &format!("/api/v1/projects/{project}/monitoring"),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app
        .get(
            &app.filler,
            &format!("/api/v1/projects/{project}/monitoring?from=8&to=7"),
        )
        .await;
    assert_eq!(
        (r.status, r.detail()),
        (
            StatusCode::BAD_REQUEST,
            "监控期间无效：起始月份 8 晚于截止月份 7"
        )
    );
}
both!(save_read_back_validate_and_lock);

async fn who_may_read_and_write(b: Backend) {
    let app = App::new(b).await;
    let (project, _) = app.fresh_project(app.doc_a).await;
    let path = format!("/api/v1/projects/{project}/monitoring?to=6");
    let put = |auth: Auth| {
        let app = &app;
        let path = path.clone();
        async move { app.send(&auth, Method::PUT, &path, Some(certain())).await }
    };
    // A draft of department A: hidden from department B's filler (404), not theirs to write.
    assert_eq!(
        put(app.filler_b.clone()).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&app.filler_b, &path).await.status,
        StatusCode::NOT_FOUND
    );
    let r = put(app.reviewer.clone()).await;
    assert_eq!(
        (r.status, r.detail()),
        (
            StatusCode::FORBIDDEN,
            "财政审核员可以查看运行监控数据，但不能填报。"
        )
    );
    assert_eq!(put(Auth::Public).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.get(&Auth::Public, &path).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get(&app.filler, "/api/v1/projects/999999/monitoring?to=6")
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Approved (published): B's filler sees the project, but still may not read or write
    // A's monitoring; A's filler still writes it (monitoring happens after approval).
    app.submit_as_admin(project).await;
    let v = app
        .get(&app.admin, &format!("/api/v1/projects/{project}"))
        .await
        .body["version"]
        .clone();
    let r = app
        .send(
            &app.reviewer,
            Method::POST,
            &format!("/api/v1/projects/{project}/approve"),
            Some(json!({ "version": v })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = put(app.filler_b.clone()).await;
    assert_eq!(
        (r.status, r.detail()),
        (
            StatusCode::FORBIDDEN,
            "部门填报员只能填报本部门项目的运行监控数据。"
        )
    );
    assert_eq!(put(app.filler.clone()).await.status, StatusCode::CREATED);
    assert_eq!(
        app.get(&app.filler_b, &path).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.get(&app.reviewer, &path).await.status, StatusCode::OK);
}
both!(who_may_read_and_write);

/// The dashboard's 运行监控预警与自评得分 panel: a whole-year entry with every target met
/// scores 100 and shows green lights for its department.
async fn dashboard_panel_shows_lights_and_scores(b: Backend) {
    let app = App::new(b).await;
    let (project, _) = app.fresh_project(app.doc_a).await;
    let year_end = json!({
        "version": 0,
        "spent_to_date": "10.5",
        "expected_full_year_spend": "10.5",
        "indicators": [{
            "indicator": 0,
            "current": { "kind": "number", "value": "120" },
            "expected_full_year": { "kind": "number", "value": "120" },
            "likelihood": "certain",
            "cause": null, "cause_text": null, "measures": null
        }]
    });
    let path = format!("/api/v1/projects/{project}/monitoring?from=1&to=12");
    let r = app.send(&app.filler, Method::PUT, &path, Some(year_end)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let page = app.get(&app.admin, "/?year=2023").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.body.as_str().expect("an HTML page").to_string();
    assert!(html.contains("运行监控预警与自评得分"), "{html}");
    let cell = html.split("data-field=\"mean-score\">").nth(1).expect("a scored department");
    let text = &cell[..cell.find('<').unwrap()];
    let score: f64 = text.parse().unwrap_or_else(|_| panic!("mean score {text:?}: {}", &html[html.find("lights-overview").unwrap()..]));
    assert_eq!(score, 100.0, "{html}");
}
both!(dashboard_panel_shows_lights_and_scores);

/// The dashboard's figures are cached between requests and recomputed in the background after
/// writes; whichever of the two a page meets, it never shows figures older than the last
/// write, including writes that follow each other quickly.
async fn dashboard(app: &App) -> String {
    let page = app.get(&app.admin, "/?year=2023").await;
    assert_eq!(page.status, StatusCode::OK);
    page.body.as_str().expect("an HTML page").to_string()
}

async fn dashboard_figures_follow_every_write(b: Backend) {
    let app = App::new(b).await;
    let tile = |html: &str, id: &str| -> i64 {
        let cell = html.split(&format!("id=\"{id}\">")).nth(1).unwrap_or_else(|| panic!("{id}: {html}"));
        cell[..cell.find('<').unwrap()].parse().unwrap()
    };
    let before = dashboard(&app).await;
    let (projects, indicators) = (tile(&before, "tile-projects"), tile(&before, "tile-indicators"));
    // The figures kept on each project add up to what counting the rows gives.
    let current = "p.revision_id = (SELECT current_revision_id FROM documents d WHERE d.id = p.document_id) AND p.year = 2023";
    let counted = |sql: String| {
        let app = &app;
        async move { sqlx::query_scalar::<_, i64>(&sql).fetch_one(app.store.pool()).await.unwrap() }
    };
    assert!(indicators > 0 && tile(&before, "tile-findings") > 0, "the seeds have indicators and findings");
    assert_eq!(
        indicators,
        counted(format!("SELECT COUNT(*) FROM indicators i JOIN projects p ON p.id = i.project_id WHERE {current}")).await
    );
    // Findings: the projects' and (issue 17) the documents' own, of the year's current revisions.
    assert_eq!(
        tile(&before, "tile-findings"),
        counted(format!(
            "SELECT COUNT(*) FROM findings x JOIN projects p ON x.revision_id = p.revision_id AND x.project_position = p.position WHERE {current}"
        ))
        .await
            + counted(
                "SELECT COUNT(*) FROM findings x JOIN documents d ON d.current_revision_id = x.revision_id \
                 WHERE x.project_position IS NULL AND d.year = 2023"
                    .to_string()
            )
            .await
    );
    let mut added = Vec::new();
    for n in 1..=3 {
        added.push(app.fresh_project(app.doc_a).await); // one project with one indicator
        let html = dashboard(&app).await;
        assert_eq!(tile(&html, "tile-projects"), projects + n, "第 {n} 次写入后");
        assert_eq!(tile(&html, "tile-indicators"), indicators + n, "第 {n} 次写入后");
    }
    // Let the background refresh run, then read again: still the latest figures.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let html = dashboard(&app).await;
    assert_eq!(tile(&html, "tile-indicators"), indicators + 3);
    // A deleted indicator, then a deleted project (with its indicator), leave the counts.
    for (path, left) in [
        (format!("/api/v1/indicators/{}", added[0].1), (projects + 3, indicators + 2)),
        (format!("/api/v1/projects/{}", added[1].0), (projects + 2, indicators + 1)),
    ] {
        let version = app.get(&app.admin, &path).await.body["version"].as_i64().unwrap();
        let r = app.send(&app.admin, Method::DELETE, &format!("{path}?version={version}"), None).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{path}: {}", r.body);
        let html = dashboard(&app).await;
        assert_eq!((tile(&html, "tile-projects"), tile(&html, "tile-indicators")), left, "{path}");
    }
}
both!(dashboard_figures_follow_every_write);
