//! The comparisons (对比, issue 18 item 4) through the API, the CSV downloads and the pages,
//! on SQLite and PostgreSQL: a project across years and the departments of a year, as every
//! role sees them — a draft of department A never reaches department B's filler or the public
//! in any comparison, chart or CSV; reviewers and admins see everything; the public sees
//! approved projects only.

mod common;

use axum::http::{Method, StatusCode};
use common::{seed, App, Auth, Backend, SEED_A};
use serde_json::{json, Value};

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn years_of(body: &Value) -> Vec<i64> {
    body["years"].as_array().unwrap().iter().map(|y| y["year"].as_i64().unwrap()).collect()
}

/// Department A's document of 2022 (a draft, uploaded by the admin): the same projects as
/// the 2023 seed, one year earlier, with the first project's first target changed.
async fn last_year_of_a(app: &App) -> i64 {
    let last_year = String::from_utf8(seed(SEED_A)).unwrap().replace("2023", "2022");
    let r = app.upload(&app.admin, "上年.txt", last_year.as_bytes()).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    r.body["document_id"].as_i64().unwrap()
}

/// A project across years, for every role: A's 2023 project with its 2022 draft; the draft
/// year only for those who may read A's drafts; the draft project itself 404 to others; the
/// CSV and the page the same.
async fn project_across_years_by_role(b: Backend) {
    let app = App::new(b).await;
    let doc_2022 = last_year_of_a(&app).await;
    let p2023 = app.first_project(app.doc_a).await;
    let p2022 = app.first_project(doc_2022).await;
    let (id, old) = (p2023["id"].as_i64().unwrap(), p2022["id"].as_i64().unwrap());
    let name = p2023["name"].as_str().unwrap().to_string();
    // A monitoring entry on the 2023 project: its budget execution and actual values show.
    let r = app
        .send(&app.admin, Method::PUT, &format!("/api/v1/projects/{id}/monitoring?from=1&to=6"), Some(json!({
            "version": 0, "annual_budget": "50", "spent_to_date": "20",
            "indicators": [{ "indicator": 0, "current": { "kind": "number", "value": "30" }, "likelihood": "certain" }]
        })))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    // Everything is a draft: A's readers see both years; the others nothing.
    let url = format!("/api/v1/compare/project?id={id}");
    let csv = format!("/api/v1/compare/project.csv?id={id}");
    let page = format!("/compare/project?id={id}");
    for (who, auth, sees) in app.readers_of_a_drafts() {
        let r = app.get(auth, &url).await;
        if !sees {
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{who}：{}", r.body);
            assert_eq!(app.get(auth, &csv).await.status, StatusCode::NOT_FOUND, "{who}");
            assert_eq!(app.get(auth, &page).await.status, StatusCode::NOT_FOUND, "{who}");
            // Nor through the other year's project.
            assert_eq!(app.get(auth, &format!("/api/v1/compare/project?id={old}")).await.status, StatusCode::NOT_FOUND, "{who}");
            continue;
        }
        assert_eq!(r.status, StatusCode::OK, "{who}：{}", r.body);
        assert_eq!(years_of(&r.body), [2022, 2023], "{who}");
        let y = &r.body["years"];
        assert_eq!((y[0]["project_id"].as_i64(), y[1]["project_id"].as_i64()), (Some(old), Some(id)));
        assert_eq!(y[1]["matched_by"], "本项目");
        assert!(y[0]["matched_by"].as_str().unwrap().starts_with("按"), "{}", y[0]);
        assert_eq!((y[1]["execution"].as_str(), y[1]["monitoring"].as_str()), (Some("40"), Some("1—6月")), "{who}");
        assert!(y[1]["score"].is_i64() && y[1]["grade"].is_string(), "审核得分：{}", y[1]);
        let first = &r.body["indicators"][0];
        assert_eq!(first["cells"][1]["actuals"][0].as_str().map(|a| a.starts_with("30")), Some(true), "{first}");
        assert!(!first["cells"][0]["targets"].as_array().unwrap().is_empty(), "上年的指标值：{first}");
        // The CSV: a row per year and indicator, both years.
        let c = app.get(auth, &csv).await;
        assert_eq!(c.status, StatusCode::OK);
        assert!(c.content_type().starts_with("text/csv"), "{}", c.content_type());
        let body = text(&c.body);
        assert!(body.starts_with('\u{feff}'), "CSV 带 BOM");
        assert!(body.contains("年度,部门,项目编码,项目名称"), "{body}");
        assert!(body.contains(&format!("\r\n2022,门源县应急管理局,")) && body.contains("\r\n2023,门源县应急管理局,"), "{body}");
        // The page: the chart's data, both tables, the CSV link; the project page links to it.
        let h = text(&app.get(auth, &page).await.body);
        assert!(h.contains("id=\"chart-years\"") && h.contains("id=\"compare-indicators\"") && h.contains(&csv), "{who}");
        assert!(h.contains(&format!("/projects/{old}")), "{who}：上年项目的链接");
        let p = text(&app.get(auth, &format!("/projects/{id}")).await.body);
        assert!(p.contains(&format!("/compare/project?id={id}")), "{who}：项目页链接");
    }

    // Published this year: the public and B's filler see it, without last year's draft, and
    // without its monitoring (运行监控 is the own department's, the reviewer's and the
    // administrator's: SECURITY.md).
    app.publish_as_admin(id).await;
    for (who, auth) in [("外部门填报员", &app.filler_b), ("公众", &Auth::Public)] {
        let r = app.get(auth, &url).await;
        assert_eq!(r.status, StatusCode::OK, "{who}：{}", r.body);
        assert_eq!(years_of(&r.body), [2023], "{who}：上年草稿不可见");
        let y = &r.body["years"][0];
        assert!(y["execution"].is_null() && y["spent"].is_null(), "{who}：不含执行数：{y}");
        let first = &r.body["indicators"][0];
        assert!(first["cells"][0]["actuals"].as_array().is_none_or(|a| a.is_empty()), "{who}：不含实际值：{first}");
        assert!(!r.body.to_string().contains(&format!("\"project_id\":{old}")), "{who}");
        let body = text(&app.get(auth, &csv).await.body);
        assert!(!body.contains("\r\n2022,"), "{who}：CSV 不含上年草稿：{body}");
        assert!(body.contains("\r\n2023,"), "{who}");
        let h = text(&app.get(auth, &page).await.body);
        assert!(!h.contains(&format!("/projects/{old}")), "{who}：页面不含上年草稿");
        assert!(h.contains(&name));
        assert_eq!(app.get(auth, &format!("/api/v1/compare/project?id={old}")).await.status, StatusCode::NOT_FOUND, "{who}");
    }
    // A's filler and the reviewer still see both years.
    for auth in [&app.filler, &app.reviewer] {
        assert_eq!(years_of(&app.get(auth, &url).await.body), [2022, 2023]);
    }
}
both!(project_across_years_by_role);

/// The departments of a year, for every role: counts, measurable share, grades and budget
/// execution over what the caller may see; B's draft department never shows to A's filler
/// or the public, in the JSON, the CSV or the page.
async fn departments_of_a_year_by_role(b: Backend) {
    let app = App::new(b).await;
    let a = app.first_project(app.doc_a).await;
    let id = a["id"].as_i64().unwrap();
    let all_a = app
        .get(&app.admin, &format!("/api/v1/projects?document={}&per_page=200", app.doc_a))
        .await
        .body["total"]
        .as_i64()
        .unwrap();
    let r = app
        .send(&app.admin, Method::PUT, &format!("/api/v1/projects/{id}/monitoring?to=12"), Some(json!({
            "version": 0, "annual_budget": "10", "spent_to_date": "9", "indicators": []
        })))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    app.publish_as_admin(id).await;
    const B_NAME: &str = "石家庄高新区应急管理局";
    const A_NAME: &str = "门源县应急管理局";
    // Monitoring (运行监控) is read by the administrator, the reviewer and the own department
    // only (SECURITY.md): the others see the published project without its execution.
    for (who, auth, a_projects, sees_b, reads_monitoring) in [
        ("系统管理员", &app.admin, all_a, true, true),
        ("财政审核员", &app.reviewer, all_a, true, true),
        ("本部门填报员", &app.filler, all_a, false, true),
        ("外部门填报员", &app.filler_b, 1, true, false),
        ("公众", &Auth::Public, 1, false, false),
    ] {
        // 2023: department A, all its projects or the published one.
        let r = app.get(auth, "/api/v1/compare/departments?year=2023").await;
        assert_eq!(r.status, StatusCode::OK, "{who}：{}", r.body);
        let d = &r.body["departments"];
        assert_eq!(d.as_array().unwrap().len(), 1, "{who}：{}", r.body);
        assert_eq!((d[0]["department"].as_str(), d[0]["projects"].as_i64()), (Some(A_NAME), Some(a_projects)), "{who}");
        assert_eq!(d[0]["department_id"].as_i64(), Some(app.dept_a));
        let q = d[0]["quantitative"].as_i64().unwrap();
        assert!(q > 0 && q <= d[0]["indicators"].as_i64().unwrap(), "{who}：{}", d[0]);
        assert!(d[0]["quantitative_percent"].is_string());
        assert_eq!(d[0]["graded"].as_i64(), Some(a_projects), "{who}：每个项目都有审核等级");
        if reads_monitoring {
            assert_eq!((d[0]["monitored"].as_i64(), d[0]["execution"].as_str()), (Some(1), Some("90")), "{who}");
        } else {
            assert_eq!((d[0]["monitored"].as_i64(), d[0]["execution"].as_str()), (Some(0), None), "{who}：{}", d[0]);
            let c = text(&app.get(auth, "/api/v1/compare/departments.csv?year=2023").await.body);
            let lines: Vec<Vec<&str>> = c.trim_start_matches('\u{feff}').lines().map(|l| l.split(',').collect()).collect();
            let col = |name: &str| lines[0].iter().position(|h| *h == name).expect(name);
            let row = &lines[1];
            assert_eq!(
                (row[col("已填报监控项目数")], row[col("执行数（万元）")], row[col("预算执行率（%）")]),
                ("0", "0", ""),
                "{who}：CSV 不含执行：{c}"
            );
        }
        // 2020: department B's drafts, only for those who may read them.
        let r = app.get(auth, "/api/v1/compare/departments?year=2020").await;
        assert_eq!(r.status, StatusCode::OK, "{who}");
        assert_eq!(r.body.to_string().contains(B_NAME), sees_b, "{who}：{}", r.body);
        assert_eq!(r.body["years"].to_string().contains("2020"), sees_b, "{who}：年度列表");
        let c = app.get(auth, "/api/v1/compare/departments.csv?year=2020").await;
        assert_eq!(c.status, StatusCode::OK);
        assert_eq!(text(&c.body).contains(B_NAME), sees_b, "{who}：CSV");
        let h = text(&app.get(auth, "/compare/departments?year=2020").await.body);
        assert_eq!(h.contains(B_NAME), sees_b, "{who}：页面");
        // The CSV and the page of 2023, and the default year.
        let c = text(&app.get(auth, "/api/v1/compare/departments.csv?year=2023").await.body);
        assert!(c.starts_with('\u{feff}') && c.contains(&format!("\r\n2023,{A_NAME},{a_projects},")), "{who}：{c}");
        let h = text(&app.get(auth, "/compare/departments?year=2023").await.body);
        assert!(h.contains("id=\"chart-departments\"") && h.contains("id=\"compare-departments\""), "{who}");
        assert!(h.contains("/api/v1/compare/departments.csv?year=2023"));
        let r = app.get(auth, "/api/v1/compare/departments").await;
        assert_eq!(r.body["year"].as_i64(), Some(2023), "{who}：缺省为最近一年");
        // The dashboard links to it.
        let h = text(&app.get(auth, "/?year=2023").await.body);
        assert!(h.contains("/compare/departments?year=2023"), "{who}：首页链接");
    }
    // Current after a write: the comparison kept for the year is not served again.
    let r = app
        .send(&app.admin, Method::PUT, &format!("/api/v1/projects/{id}/monitoring?to=12"), Some(json!({
            "version": 1, "annual_budget": "10", "spent_to_date": "5", "indicators": [],
            // (A year-end rate of 50% needs its reason: issue 15, item 5.)
            "year_end": { "budget_explanation": "项目延期至次年实施。" }
        })))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    for auth in [&app.admin, &app.filler] {
        let r = app.get(auth, "/api/v1/compare/departments?year=2023").await;
        assert_eq!(r.body["departments"][0]["execution"], "50", "{}", r.body);
    }
    let r = app.get(&Auth::Public, "/api/v1/compare/departments?year=2023").await;
    assert!(r.body["departments"][0]["execution"].is_null(), "{}", r.body);
}
both!(departments_of_a_year_by_role);

/// 复制为下一年度草稿: the copy is the same project a year later (same department and name), so
/// the filler who made it sees both years; the draft copy stays out of the others' comparison.
async fn a_copy_to_next_year_is_the_next_year(b: Backend) {
    let app = App::new(b).await;
    let id = app.first_project(app.doc_a).await["id"].as_i64().unwrap();
    app.publish_as_admin(id).await;
    let r = app
        .send(&app.filler, Method::POST, &format!("/api/v1/projects/{id}/copy"), Some(json!({})))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let copy = r.body["project_id"].as_i64().unwrap();
    for (who, auth, years) in [
        ("本部门填报员", &app.filler, vec![2023, 2024]),
        ("财政审核员", &app.reviewer, vec![2023, 2024]),
        ("外部门填报员", &app.filler_b, vec![2023]),
        ("公众", &Auth::Public, vec![2023]),
    ] {
        let r = app.get(auth, &format!("/api/v1/compare/project?id={id}")).await;
        assert_eq!(r.status, StatusCode::OK, "{who}");
        assert_eq!(years_of(&r.body), years, "{who}");
    }
    let r = app.get(&app.filler, &format!("/api/v1/compare/project?id={copy}")).await;
    assert_eq!(years_of(&r.body), [2023, 2024]);
    assert_eq!(r.body["years"][1]["matched_by"], "本项目");
    assert_eq!(app.get(&Auth::Public, &format!("/api/v1/compare/project?id={copy}")).await.status, StatusCode::NOT_FOUND);
}
both!(a_copy_to_next_year_is_the_next_year);

/// Bad requests are Chinese 400s and 404s; a comparison writes nothing.
async fn requests_are_checked(b: Backend) {
    let app = App::new(b).await;
    let counts = app.row_counts().await;
    for (path, status) in [
        ("/api/v1/compare/project", StatusCode::BAD_REQUEST),
        ("/api/v1/compare/project?id=abc", StatusCode::BAD_REQUEST),
        ("/api/v1/compare/project?id=1&colour=red", StatusCode::BAD_REQUEST),
        ("/api/v1/compare/project?id=999999", StatusCode::NOT_FOUND),
        ("/api/v1/compare/project.csv?id=999999", StatusCode::NOT_FOUND),
        ("/api/v1/compare/departments?year=abc", StatusCode::BAD_REQUEST),
        ("/api/v1/compare/departments?year=99999", StatusCode::BAD_REQUEST),
        ("/api/v1/compare/departments.csv?year=1", StatusCode::BAD_REQUEST),
        ("/compare/project", StatusCode::BAD_REQUEST),
        ("/compare/project?id=abc", StatusCode::BAD_REQUEST),
        ("/compare/project?id=999999", StatusCode::NOT_FOUND),
        ("/compare/departments?year=abc", StatusCode::BAD_REQUEST),
    ] {
        let r = app.get(&app.admin, path).await;
        assert_eq!(r.status, status, "{path}：{}", r.body);
        if path.starts_with("/api/") {
            assert_eq!(r.content_type(), "application/problem+json", "{path}");
        }
    }
    // A year without projects: an empty comparison, not an error.
    let r = app.get(&app.admin, "/api/v1/compare/departments?year=1999").await;
    assert_eq!((r.status, r.body["departments"].as_array().map(Vec::len)), (StatusCode::OK, Some(0)));
    let r = app.get(&app.admin, "/compare/departments?year=1999").await;
    assert_eq!(r.status, StatusCode::OK, "{}", text(&r.body));
    assert_eq!(app.row_counts().await, counts, "对比不写任何数据");
}
both!(requests_are_checked);
