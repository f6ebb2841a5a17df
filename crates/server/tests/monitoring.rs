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

/// A whole-year entry of the fresh project (budget 10.5, one indicator ≥100人次): `spent`
/// 万元 spent, the target met, and the year-end figures `year_end`.
fn year_end_body(version: i64, spent: &str, year_end: serde_json::Value) -> serde_json::Value {
    json!({
        "version": version,
        "spent_to_date": spent,
        "indicators": [{
            "indicator": 0,
            "current": { "kind": "number", "value": "120" },
            "likelihood": "certain",
            "cause": null, "cause_text": null, "measures": null
        }],
        "year_end": year_end,
    })
}

/// Issue 15, item 5: a year-end (1–12 月) entry through the API keeps the funds' sources,
/// 实际完成情况 and the reason for a low execution rate (read back exactly); every problem
/// is a Chinese 422 naming its field — an amount that is none, a negative source, sources not
/// adding up, an 80% rate without its reason (the rules require one), year-end figures on a
/// period not ending in December, an over-long text, a field the API does not know —; spending
/// above the budget is stored with `warnings` saying so (never silently).
async fn year_end_figures_round_trip_and_errors(b: Backend) {
    let app = App::new(b).await;
    let (project, _) = app.fresh_project(app.doc_a).await;
    let path = format!("/api/v1/projects/{project}/monitoring?from=1&to=12");
    let figures = json!({
        "fiscal_budget": "10.5", "fiscal_spent": "8.40",
        "goal_actual": "全年培训 120 人次，超额完成。",
    });
    // 80% spent and no reason: refused, naming the field.
    let r = app.send(&app.filler, Method::PUT, &path, Some(year_end_body(0, "8.4", figures.clone()))).await;
    assert_eq!(
        (r.status, r.body["errors"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!(["第1个项目「测试项目」：预算执行率 80.00% 低于 90%，须填写执行率偏低原因说明"])),
        "{}",
        r.body
    );
    // Amounts that are none, negative, or do not add up.
    let mut bad = figures.clone();
    bad["carried_over_spent"] = json!("三万");
    bad["other_spent"] = json!("-1");
    bad["budget_explanation"] = json!("设备款次年初支付。");
    let r = app.send(&app.filler, Method::PUT, &path, Some(year_end_body(0, "8.4", bad))).await;
    assert_eq!(
        (r.status, r.body["errors"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!(["上年结转资金执行数应为金额（万元，如 \"12.5\"），实际为“三万”"])),
        "{}",
        r.body
    );
    let mut bad = figures.clone();
    bad["other_spent"] = json!("-1");
    bad["budget_explanation"] = json!("设备款次年初支付。");
    let r = app.send(&app.filler, Method::PUT, &path, Some(year_end_body(0, "8.4", bad))).await;
    assert_eq!(
        r.body["errors"],
        json!([
            "第1个项目「测试项目」：其他资金执行数不能为负数",
            "第1个项目「测试项目」：执行数 8.4万元 与其中本年财政拨款、上年结转资金、其他资金的执行数之和 7.4万元 不符",
        ]),
        "{}",
        r.body
    );
    // Year-end figures on a July entry, an over-long reason, an unknown field.
    let july = format!("/api/v1/projects/{project}/monitoring?to=7");
    let r = app.send(&app.filler, Method::PUT, &july, Some(year_end_body(0, "3", figures.clone()))).await;
    assert_eq!(
        (r.status, r.body["errors"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!(["年终自评内容（资金来源明细、实际完成情况、执行率偏低原因说明，year_end）只用于截至12月的填报，此填报为2023年1–7月"])),
    );
    let mut long = figures.clone();
    long["budget_explanation"] = json!("长".repeat(5_001));
    let r = app.send(&app.filler, Method::PUT, &path, Some(year_end_body(0, "8.4", long))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.detail().contains("执行率偏低原因说明（year_end.budget_explanation）过长（最多 5000 字）"), "{}", r.body);
    let mut unknown = figures.clone();
    unknown["reason"] = json!("x");
    let r = app.send(&app.filler, Method::PUT, &path, Some(year_end_body(0, "8.4", unknown))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.detail().contains("reason"), "{}", r.detail());
    assert_eq!(app.get(&app.filler, &path).await.status, StatusCode::NOT_FOUND, "nothing stored");

    // With the reason: stored and read back exactly (amounts as exact decimals).
    let mut good = figures.clone();
    good["budget_explanation"] = json!("部分设备采购款按合同于次年初支付。");
    let r = app.send(&app.filler, Method::PUT, &path, Some(year_end_body(0, "8.4", good))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert!(r.body.get("warnings").is_none(), "{}", r.body);
    let expected = json!({
        "fiscal_budget": "10.5", "fiscal_spent": "8.4",
        "carried_over_budget": null, "carried_over_spent": null, "other_budget": null, "other_spent": null,
        "goal_actual": "全年培训 120 人次，超额完成。",
        "budget_explanation": "部分设备采购款按合同于次年初支付。",
    });
    assert_eq!(r.body["year_end"], expected);
    for who in [&app.filler, &app.reviewer, &app.admin] {
        assert_eq!(app.get(who, &path).await.body["year_end"], expected);
    }
    // Another period's entry has none.
    let r = app.send(&app.filler, Method::PUT, &july, Some(year_end_body(0, "3", serde_json::Value::Null))).await;
    assert_eq!((r.status, r.body["year_end"]["goal_actual"].clone()), (StatusCode::CREATED, serde_json::Value::Null), "{}", r.body);

    // Spending above the budget: stored, with warnings naming the figures.
    let over = json!({ "fiscal_budget": "10.5", "fiscal_spent": "11", "goal_actual": "全年培训 120 人次。" });
    let r = app.send(&app.admin, Method::PUT, &path, Some(year_end_body(1, "11", over))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        r.body["warnings"],
        json!([
            "执行数 11万元 超过全年预算数 10.5万元：超预算支出须说明原因并核实资金来源",
            "本年财政拨款执行数 11万元 超过本年财政拨款全年预算数 10.5万元：超预算支出须说明原因并核实资金来源",
        ])
    );
    assert_eq!(app.get(&app.reviewer, &path).await.body["year_end"]["budget_explanation"], serde_json::Value::Null, "cleared");
}
both!(year_end_figures_round_trip_and_errors);

/// The sheet of a downloaded 自评表 as rows of text.
fn xlsx_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheet = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&sheet).unwrap();
    range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

/// Issue 15, item 5: the 自评表 scored from a stored year-end entry
/// (`GET /api/v1/projects/{id}/monitoring/self-evaluation.xlsx`, the page's
/// `/monitoring/self-evaluation/{document}`) carries the funds' sources, 实际完成情况 and the
/// reason for the low rate as the year-end template's does, and the score (80% spent: 8 of 10
/// budget points, the target met: 98). Who may read the entry may download it: the project's
/// department's filler, the reviewer and the admin; another department's filler gets 404 while
/// the project is a draft and 403 once it is published, the public 401 (the page: login);
/// before any year-end entry, 404. The monitoring page shows the stored figures to those who
/// may read them, never to another department's filler.
async fn year_end_self_evaluation_per_role(b: Backend) {
    let app = App::new(b).await;
    let (project, _) = app.fresh_project(app.doc_a).await;
    let xlsx = format!("/api/v1/projects/{project}/monitoring/self-evaluation.xlsx");
    let r = app.get(&app.filler, &xlsx).await;
    assert_eq!((r.status, r.detail()), (StatusCode::NOT_FOUND, "项目“测试项目”尚无2023年1–12月的运行监控填报，没有年终自评表可下载。"));
    let figures = json!({
        "fiscal_budget": "8.5", "fiscal_spent": "6.9", "carried_over_budget": "2", "carried_over_spent": "1.5",
        "goal_actual": "全年培训 120 人次，超额完成。", "budget_explanation": "部分设备采购款按合同于次年初支付。",
    });
    let path = format!("/api/v1/projects/{project}/monitoring?from=1&to=12");
    let r = app.send(&app.filler, Method::PUT, &path, Some(year_end_body(0, "8.4", figures))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    let check = |bytes: &[u8], who: &str| {
        let rows = xlsx_rows(bytes);
        let row = |label: &str| rows.iter().find(|r| r.iter().any(|c| c == label)).unwrap_or_else(|| panic!("{who}: no {label}: {rows:?}")).clone();
        let fiscal = row("其中：本年财政拨款");
        assert!(fiscal.contains(&"8.5".to_string()) && fiscal.contains(&"6.9".to_string()), "{who}: {fiscal:?}");
        let carried = row("上年结转资金");
        assert!(carried.contains(&"2".to_string()) && carried.contains(&"1.5".to_string()), "{who}: {carried:?}");
        assert!(row("执行率偏低原因说明").contains(&"部分设备采购款按合同于次年初支付。".to_string()), "{who}");
        assert!(rows.iter().flatten().any(|c| c == "全年培训 120 人次，超额完成。"), "{who}: {rows:?}");
        let total = row("总分");
        assert!(total.contains(&"98".to_string()), "{who}: {total:?}");
    };
    for (who, auth) in [("filler", &app.filler), ("reviewer", &app.reviewer), ("admin", &app.admin)] {
        let r = app.get(auth, &xlsx).await;
        assert_eq!(r.status, StatusCode::OK, "{who}: {}", r.body);
        assert!(r.headers["content-type"].to_str().unwrap().contains("spreadsheetml"), "{who}");
        check(&r.bytes, who);
        let page = app.get(auth, &format!("/monitoring/self-evaluation/{}", app.doc_a)).await;
        assert_eq!(page.status, StatusCode::OK, "{who}: {}", page.body);
        check(&page.bytes, who);
    }
    assert_eq!(app.get(&app.filler_b, &xlsx).await.status, StatusCode::NOT_FOUND, "a draft of another department");
    assert_eq!(app.get(&Auth::Public, &xlsx).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get(&app.filler_b, &format!("/monitoring/self-evaluation/{}", app.doc_a)).await.status, StatusCode::NOT_FOUND);
    let public = app.get(&Auth::Public, &format!("/monitoring/self-evaluation/{}", app.doc_a)).await;
    assert!(!public.status.is_success(), "{}", public.status);
    // The page shows the stored figures at year end to the department's filler.
    let html = |a: &common::Answer| a.body.as_str().unwrap_or_default().to_string();
    let form = html(&app.get(&app.filler, &format!("/monitoring?document={}&month=12&project=all", app.doc_a)).await);
    assert!(form.contains("部分设备采购款按合同于次年初支付。") && form.contains("value=\"6.9\""), "{form}");

    // Published: another department's filler sees the project, not its monitoring (403 from
    // the API; the page shows no figure), the reviewer still downloads.
    app.publish_as_admin(project).await;
    let r = app.get(&app.filler_b, &xlsx).await;
    assert_eq!((r.status, r.detail()), (StatusCode::FORBIDDEN, "部门填报员只能查看本部门项目的运行监控数据。"));
    assert_eq!(app.get(&Auth::Public, &xlsx).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get(&app.reviewer, &xlsx).await.status, StatusCode::OK);
    let other = html(&app.get(&app.filler_b, &format!("/monitoring?document={}&month=12&project=all", app.doc_a)).await);
    assert!(other.contains("测试项目"), "the published project is listed: {other}");
    assert!(!other.contains("部分设备采购款按合同于次年初支付。") && !other.contains("value=\"6.9\""), "{other}");
    assert_eq!(app.get(&app.filler_b, &format!("/monitoring/self-evaluation/{}", app.doc_a)).await.status, StatusCode::NOT_FOUND);
    // The template downloaded by the filler carries the stored figures; by another
    // department's filler, none.
    let template = app.get(&app.filler, &format!("/monitoring/template/{}?month=12", app.doc_a)).await;
    assert_eq!(template.status, StatusCode::OK);
    assert!(xlsx_sheet_texts(&template.bytes, "项目").iter().any(|c| c == "部分设备采购款按合同于次年初支付。"));
    let template = app.get(&app.filler_b, &format!("/monitoring/template/{}?month=12", app.doc_a)).await;
    assert!(!xlsx_sheet_texts(&template.bytes, "项目").iter().any(|c| c == "部分设备采购款按合同于次年初支付。"));

}
both!(year_end_self_evaluation_per_role);

/// Issue 15, item 5: the 自评表 from a stored year-end entry is exactly the template path's —
/// the filler's prefilled template (downloaded from the monitoring page) read back and scored
/// as `jixiao score DOC --year-end` does draws the same workbook, cell for cell, as the page's
/// and the API's download (a one-project draft: 4 of ≥4次, 95% of ≥90%, 10 of 12.5 万元 spent
/// from two sources, the 80% explained).
async fn stored_year_end_scores_as_the_template_does(b: Backend) {
    let app = App::new(b).await;
    let draft = json!({
        "year": 2026, "name": "应急演练与培训", "budget_total": "12.50",
        "goals": ["完成全县应急演练 4 次"],
        "indicators": [
            { "level1": "产出指标", "level2": "数量指标", "level3": "应急演练次数", "target": "≥4次" },
            { "level1": "满意度指标", "level2": "服务对象满意度指标", "level3": "参训群众满意度", "target": "≥90%" },
        ],
    });
    let r = app.send(&app.filler, Method::POST, "/api/v1/drafts", Some(draft)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let (project, document) = (r.body["project_id"].as_i64().unwrap(), r.body["document_id"].as_i64().unwrap());
    let entry = json!({
        "version": 0, "spent_to_date": "10",
        "indicators": [
            { "indicator": 0, "current": { "kind": "number", "value": "4" }, "likelihood": "certain" },
            { "indicator": 1, "current": { "kind": "number", "value": "95" }, "likelihood": "certain" },
        ],
        "year_end": {
            "fiscal_budget": "10", "fiscal_spent": "8.5", "other_budget": "2.5", "other_spent": "1.5",
            "goal_actual": "全年组织综合演练 4 次。", "budget_explanation": "部分培训改为线上，节约经费。",
        },
    });
    let r = app.send(&app.filler, Method::PUT, &format!("/api/v1/projects/{project}/monitoring?from=1&to=12"), Some(entry)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    let template = app.get(&app.filler, &format!("/monitoring/template/{document}?month=12")).await;
    assert_eq!(template.status, StatusCode::OK);
    let seen = jixiao_store::Visibility::Department(app.dept_a);
    let stored = app.store.document(seen, document).await.unwrap();
    let row = app.store.project(project).await.unwrap();
    let doc = jixiao_store::domain::document(stored.source_name, None, stored.year, vec![app.store.model_project(&row).await.unwrap()]);
    let (report, scores) = jixiao_office::monitoring::score_year_end_xlsx("全年.xlsx", &template.bytes, &doc, &jixiao_assess::ScoringConfig::default())
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(report.projects[0].year_end.budget_explanation.as_deref(), Some("部分培训改为线上，节约经费。"));
    let by_template = xlsx_rows(&jixiao_office::write_table::tables_xlsx(&jixiao_assess::self_evaluation_tables(&doc, &scores)).unwrap());
    let page = app.get(&app.filler, &format!("/monitoring/self-evaluation/{document}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(xlsx_rows(&page.bytes), by_template);
    let api = app.get(&app.filler, &format!("/api/v1/projects/{project}/monitoring/self-evaluation.xlsx")).await;
    assert_eq!(xlsx_rows(&api.bytes), by_template);
    // (8 of 10 budget points at 80%, every target met.)
    assert!(by_template.iter().any(|r| r.iter().any(|c| c == "总分") && r.iter().any(|c| c == "98")), "{by_template:?}");
}
both!(stored_year_end_scores_as_the_template_does);

fn xlsx_sheet_texts(bytes: &[u8], name: &str) -> Vec<String> {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range.rows().flat_map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>()).collect()
}

/// Issue 15, item 5: the web form at year end (month 12) has the year-end fields; an 80% rate
/// without its reason is refused and the problem is shown at the reason's field; with it, the
/// entry is saved with its figures (the API reads them back) and shown again on the page.
/// A reviewer sees them and cannot save.
async fn year_end_web_form(b: Backend) {
    let app = App::new(b).await;
    let (project, _) = app.fresh_project(app.doc_a).await;
    let page = format!("/monitoring?document={}&month=12&project=all", app.doc_a);
    let html = app.get(&app.filler, &page).await.body.as_str().unwrap().to_string();
    let marker = format!("\" value=\"{project}\">");
    let at = html.find(&marker).unwrap_or_else(|| panic!("the project's hidden field: {html}"));
    let k: usize = html[..at].rsplit("name=\"project-").next().unwrap().parse().unwrap();
    assert!(html.contains(&format!("name=\"ye_{k}_budget_explanation\"")) && html.contains(&format!("name=\"ye_{k}_fiscal_budget\"")), "{html}");
    let july = app.get(&app.filler, &format!("/monitoring?document={}&month=7&project=all", app.doc_a)).await.body.as_str().unwrap().to_string();
    assert!(!july.contains("name=\"ye_"), "no year-end fields before December");
    let post = |fields: Vec<(String, String)>| {
        let app = &app;
        async move {
            let body = serde_urlencoded::to_string(&fields).unwrap();
            let uri = format!("/monitoring/entry?document={}&month=12", app.doc_a);
            let r = app.raw(&app.filler, Method::POST, &uri, Some("application/x-www-form-urlencoded"), body.into_bytes()).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            r.body.as_str().unwrap().to_string()
        }
    };
    let mut fields = vec![
        (format!("project-{k}"), project.to_string()),
        (format!("version-{k}"), "0".to_string()),
        (format!("spent_{k}"), "8.4".to_string()),
        (format!("cur_{k}_0"), "120".to_string()),
        (format!("lik_{k}_0"), "确定能".to_string()),
        (format!("ye_{k}_fiscal_budget"), "10.5".to_string()),
        (format!("ye_{k}_fiscal_spent"), "8.4".to_string()),
        (format!("ye_{k}_goal_actual"), "全年培训 120 人次。".to_string()),
    ];
    let refused = post(fields.clone()).await;
    assert!(
        refused.contains(&format!("<li data-field=\"ye_{k}_budget_explanation\">第")) && refused.contains("预算执行率 80.00% 低于 90%，须填写执行率偏低原因说明"),
        "{refused}"
    );
    let path = format!("/api/v1/projects/{project}/monitoring?from=1&to=12");
    assert_eq!(app.get(&app.filler, &path).await.status, StatusCode::NOT_FOUND, "nothing saved");
    fields.push((format!("ye_{k}_fiscal_spent"), "八万".to_string()));
    let bad = post(fields.iter().filter(|(n, v)| !(n.ends_with("fiscal_spent") && v == "8.4")).cloned().collect()).await;
    assert!(bad.contains(&format!("<li data-field=\"ye_{k}_fiscal_spent\">项目“测试项目”：本年财政拨款执行数应为金额（万元），实际为“八万”。")), "{bad}");
    fields.pop();
    fields.push((format!("ye_{k}_budget_explanation"), "部分设备采购款按合同于次年初支付。".to_string()));
    let saved = post(fields).await;
    assert!(saved.contains("data-saved=\"yes\""), "{saved}");
    let stored = app.get(&app.reviewer, &path).await;
    assert_eq!(
        (stored.body["year_end"]["fiscal_spent"].clone(), stored.body["year_end"]["budget_explanation"].clone(), stored.body["year_end"]["goal_actual"].clone()),
        (json!("8.4"), json!("部分设备采购款按合同于次年初支付。"), json!("全年培训 120 人次。"))
    );
    let again = app.get(&app.reviewer, &page).await.body.as_str().unwrap().to_string();
    assert!(again.contains("部分设备采购款按合同于次年初支付。</textarea>") && again.contains("财政审核员可以查看运行监控数据，但不能填报。"), "{again}");
    // Who may write: not the reviewer, not another department's filler (the draft is not
    // theirs to see), not the public; nothing they send is stored.
    let changed = vec![
        (format!("project-{k}"), project.to_string()),
        (format!("version-{k}"), "1".to_string()),
        (format!("spent_{k}"), "10.5".to_string()),
        (format!("cur_{k}_0"), "120".to_string()),
        (format!("lik_{k}_0"), "确定能".to_string()),
        (format!("ye_{k}_goal_actual"), "别人改的".to_string()),
    ];
    let body = serde_urlencoded::to_string(&changed).unwrap();
    let uri = format!("/monitoring/entry?document={}&month=12", app.doc_a);
    let send = |auth: Auth| {
        let (app, uri, body) = (&app, uri.clone(), body.clone());
        async move { app.raw(&auth, Method::POST, &uri, Some("application/x-www-form-urlencoded"), body.into_bytes()).await }
    };
    let r = send(app.reviewer.clone()).await;
    assert!(r.body.as_str().unwrap_or_default().contains("财政审核员可以查看运行监控数据，但不能填报。"), "{}", r.body);
    let r = send(app.filler_b.clone()).await;
    assert!(!r.body.as_str().unwrap_or_default().contains("data-saved=\"yes\""), "{}", r.body);
    let r = send(Auth::Public).await;
    assert!(!r.status.is_success() || !r.body.as_str().unwrap_or_default().contains("data-saved"), "{}", r.status);
    assert_eq!(app.get(&app.admin, &path).await.body["year_end"]["goal_actual"], json!("全年培训 120 人次。"), "unchanged");
}
both!(year_end_web_form);
