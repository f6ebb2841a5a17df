//! The indicator library (指标库, issue 18) through the API and the pages, on SQLite and
//! PostgreSQL: who sees what (a draft of department A never reaches department B's filler or
//! the public — not as an entry, a value, a suggestion or a benchmark), and that imports and
//! edits show at once.

mod common;

use axum::http::{Method, StatusCode};
use common::{seed, App, Auth, Backend, SEED_B};
use serde_json::{json, Value};

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

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A unique 三级指标 in a draft of department A.
const DRAFT: &str = "草稿指标甲Q7Z宣讲场次";
const DRAFT_PART: &str = "甲Q7Z";

/// Renames the first indicator of department A's first project (a draft) to `name`, as admin.
async fn rename_first_indicator(app: &App, name: &str) -> (i64, i64) {
    let project = app.first_project(app.doc_a).await["id"].as_i64().unwrap();
    let detail = app.get(&app.admin, &format!("/api/v1/projects/{project}")).await;
    let ind = &detail.body["indicators"][0];
    let (id, version) = (ind["id"].as_i64().unwrap(), ind["version"].as_i64().unwrap());
    let r = app
        .send(
            &app.admin,
            Method::PUT,
            &format!("/api/v1/indicators/{id}"),
            Some(json!({ "version": version, "level3": name, "target": "≥12场" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    (project, id)
}

async fn labels(app: &App, who: &Auth, q: &str) -> Vec<String> {
    let r = app
        .get(who, &format!("/api/v1/library?q={}&per_page=200", urlencode(q)))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["label"].as_str().unwrap().to_string())
        .collect()
}

/// Every role × every library endpoint and page: the draft of department A shows to those who
/// may read it (admin, reviewer, A's filler) and to nobody else (B's filler, the public).
async fn drafts_of_another_department_never_show(b: Backend) {
    let app = App::new(b).await;
    let (project, _) = rename_first_indicator(&app, DRAFT).await;
    let entry = format!("/api/v1/library/{}", urlencode(DRAFT));
    let page = format!("/library/{}", urlencode(DRAFT));
    let project_name = app.get(&app.admin, &format!("/api/v1/projects/{project}")).await.body["name"]
        .as_str()
        .unwrap()
        .to_string();
    let suggest_body = json!({ "name": project_name });
    let who = app.readers_of_a_drafts();
    for (name, auth, sees) in who {
        // The list, by words and by category.
        let found = labels(&app, auth, DRAFT_PART).await;
        assert_eq!(found.iter().any(|l| l == DRAFT), sees, "{name}：{found:?}");
        let r = app.get(auth, "/api/v1/library?per_page=200").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.body.to_string().contains(DRAFT_PART), sees, "{name}：全部条目");
        // The entry.
        let r = app.get(auth, &entry).await;
        if sees {
            assert_eq!(r.status, StatusCode::OK, "{name}：{}", r.body);
            assert_eq!(r.body["values"][0]["unit"], "场", "{name}");
            assert_eq!(r.body["values"][0]["median"], "12", "{name}");
            assert_eq!(r.body["used_by"][0]["project_id"].as_i64(), Some(project), "{name}");
        } else {
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{name}：{}", r.body);
            assert_eq!(r.content_type(), "application/problem+json");
            assert!(r.detail().contains("指标库中没有"), "{name}：{}", r.detail());
        }
        // Suggestions for a project like the draft one: its indicators only for those who see it.
        let r = app
            .send(auth, Method::POST, "/api/v1/library/suggest", Some(suggest_body.clone()))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{name}：{}", r.body);
        assert_eq!(r.body.to_string().contains(DRAFT_PART), sees, "{name}：建议 {}", r.body);
        if !sees {
            assert!(
                !r.body.to_string().contains("门源县"),
                "{name}：建议不应出自部门 A 的草稿：{}",
                r.body
            );
        }
        // Suggestions and benchmarks for the draft project itself: 404 to those who may not read it.
        let r = app
            .send(
                auth,
                Method::POST,
                "/api/v1/library/suggest",
                Some(json!({ "project_id": project })),
            )
            .await;
        assert_eq!(
            r.status,
            if sees { StatusCode::OK } else { StatusCode::NOT_FOUND },
            "{name}：{}",
            r.body
        );
        let r = app.get(auth, &format!("/api/v1/projects/{project}/benchmarks")).await;
        assert_eq!(
            r.status,
            if sees { StatusCode::OK } else { StatusCode::NOT_FOUND },
            "{name}：{}",
            r.body
        );
        // The pages.
        let r = app.get(auth, &format!("/library?q={}", urlencode(DRAFT_PART))).await;
        assert_eq!(r.status, StatusCode::OK, "{name}");
        assert_eq!(text(&r.body).contains(DRAFT), sees, "{name}：/library");
        let r = app.get(auth, "/library").await;
        assert_eq!(r.status, StatusCode::OK, "{name}：/library");
        let r = app.get(auth, &page).await;
        assert_eq!(
            r.status,
            if sees { StatusCode::OK } else { StatusCode::NOT_FOUND },
            "{name}：{page}"
        );
        assert_eq!(text(&r.body).contains("12场"), sees, "{name}：{page}");
        let r = app
            .get(auth, &format!("/library/suggest?name={}", urlencode(&project_name)))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{name}");
        assert_eq!(text(&r.body).contains(DRAFT), sees, "{name}：/library/suggest");
        let r = app.get(auth, &format!("/library/suggest?project={project}")).await;
        assert_eq!(
            r.status,
            if sees { StatusCode::OK } else { StatusCode::NOT_FOUND },
            "{name}：/library/suggest?project"
        );
    }
    // The public sees nothing while everything is a draft; B's filler only B's drafts.
    let r = app.get(&Auth::Public, "/api/v1/library").await;
    assert_eq!(r.body["total"], 0, "导入的项目都是草稿：{}", r.body);
    let r = app
        .get(&app.filler_b, "/api/v1/library?q=%E5%9C%B0%E9%9C%87&per_page=200")
        .await; // 地震
    assert!(!r.body.to_string().contains("地震培训"), "部门 A 的指标：{}", r.body);
}
both!(drafts_of_another_department_never_show);

/// Approving a project publishes its indicators to the library; the draft beside it stays hidden.
async fn approval_publishes_to_the_library(b: Backend) {
    let app = App::new(b).await;
    let (project, _) = rename_first_indicator(&app, DRAFT).await;
    let r = app
        .get(&app.admin, &format!("/api/v1/projects?document={}&per_page=200", app.doc_a))
        .await;
    let other = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .find(|&p| p != project)
        .unwrap();
    let other_ind = app.get(&app.admin, &format!("/api/v1/projects/{other}")).await.body["indicators"][0]["level3"]
        .as_str()
        .unwrap()
        .to_string();
    app.submit_as_admin(other).await;
    let v = app.get(&app.admin, &format!("/api/v1/projects/{other}")).await.body["version"]
        .as_i64()
        .unwrap();
    let r = app
        .send(
            &app.admin,
            Method::POST,
            &format!("/api/v1/projects/{other}/approve"),
            Some(json!({ "version": v })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let public = app.get(&Auth::Public, "/api/v1/library?per_page=200").await;
    assert!(public.body["total"].as_u64().unwrap() > 0, "{}", public.body);
    let everything = public.body.to_string();
    assert!(!everything.contains(DRAFT_PART), "{everything}");
    let r = app
        .get(&Auth::Public, &format!("/api/v1/library?q={}", urlencode(&other_ind)))
        .await;
    assert!(
        r.body["total"].as_u64().unwrap() >= 1,
        "已批准项目的指标“{other_ind}”应公开：{}",
        r.body
    );
    // Its benchmarks answer the public; the draft's do not.
    assert_eq!(
        app.get(&Auth::Public, &format!("/api/v1/projects/{other}/benchmarks"))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.get(&Auth::Public, &format!("/api/v1/projects/{project}/benchmarks"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The project page shows the benchmark section and the suggestion link.
    let page = text(&app.get(&Auth::Public, &format!("/projects/{other}")).await.body);
    assert!(
        page.contains("对标检查") && page.contains(&format!("/library/suggest?project={other}")),
        "项目页"
    );
}
both!(approval_publishes_to_the_library);

/// The library is current: an edit, a new indicator and a new revision show in the next read.
async fn imports_and_edits_show_at_once(b: Backend) {
    let app = App::new(b).await;
    let before = labels(&app, &app.admin, "").await;
    assert!(!before.is_empty());
    // An edit renames an indicator: the new entry is there at once.
    assert!(labels(&app, &app.admin, DRAFT_PART).await.is_empty());
    let (project, id) = rename_first_indicator(&app, DRAFT).await;
    assert_eq!(labels(&app, &app.admin, DRAFT_PART).await, [DRAFT]);
    // A second edit of the same row: the old wording is gone, the new value counts.
    let v = app.get(&app.admin, &format!("/api/v1/indicators/{id}")).await.body["version"]
        .as_i64()
        .unwrap();
    let r = app
        .send(
            &app.admin,
            Method::PUT,
            &format!("/api/v1/indicators/{id}"),
            Some(json!({ "version": v, "level3": "草稿指标甲Q7Z宣讲人次", "target": "≥300人次" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(labels(&app, &app.admin, DRAFT_PART).await, ["草稿指标甲Q7Z宣讲人次"]);
    // A new indicator (the filler's own draft) shows to the filler.
    let r = app
        .send(&app.filler, Method::POST, "/api/v1/indicators", Some(json!({
            "project_id": project, "level1": "产出指标", "level2": "数量指标", "level3": "新增指标甲Q7Z覆盖乡镇数", "target": "≥9个"
        })))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let found = labels(&app, &app.filler, DRAFT_PART).await;
    assert!(found.contains(&"新增指标甲Q7Z覆盖乡镇数".to_string()), "{found:?}");
    let e = app
        .get(
            &app.filler,
            &format!("/api/v1/library/{}", urlencode("新增指标甲Q7Z覆盖乡镇数")),
        )
        .await;
    assert_eq!(
        (e.body["values"][0]["unit"].as_str(), e.body["values"][0]["max"].as_str()),
        (Some("个"), Some("9")),
        "{}",
        e.body
    );
    // A new revision of department B's document, with one indicator renamed.
    let b_project = app.first_project(app.doc_b).await["id"].as_i64().unwrap();
    let b_ind = app.get(&app.admin, &format!("/api/v1/projects/{b_project}")).await.body["indicators"][0]["level3"]
        .as_str()
        .unwrap()
        .to_string();
    let source = String::from_utf8(seed(SEED_B)).unwrap();
    assert!(source.contains(&b_ind), "种子 B 应印有“{b_ind}”");
    let changed = source.replacen(&b_ind, "新导入指标乙Z9", 1);
    assert!(labels(&app, &app.filler_b, "乙Z9").await.is_empty());
    let r = app.upload(&app.filler_b, SEED_B, changed.as_bytes()).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    assert_eq!(
        labels(&app, &app.filler_b, "乙Z9").await,
        ["新导入指标乙Z9"],
        "新修订版的指标应即时可见"
    );
    assert_eq!(labels(&app, &app.admin, "乙Z9").await, ["新导入指标乙Z9"]);
    assert!(
        labels(&app, &app.filler, "乙Z9").await.is_empty(),
        "部门 B 的草稿不给部门 A 看"
    );
    assert!(labels(&app, &Auth::Public, "乙Z9").await.is_empty());
    // A write that does not pass through this service (another process on the same database:
    // here the store called directly) shows too: the store's change stamp moved.
    assert!(labels(&app, &Auth::Public, DRAFT_PART).await.is_empty());
    app.store.approve_all_drafts().await.unwrap();
    let published = labels(&app, &Auth::Public, DRAFT_PART).await;
    assert!(published.contains(&"草稿指标甲Q7Z宣讲人次".to_string()), "{published:?}");
    assert_eq!(labels(&app, &Auth::Public, "乙Z9").await, ["新导入指标乙Z9"]);
}
both!(imports_and_edits_show_at_once);

/// The API's checks: bad parameters are Chinese 400/422, suggest by session needs the CSRF
/// token, and a suggestion request changes nothing.
async fn requests_are_checked(b: Backend) {
    let app = App::new(b).await;
    let r = app.get(&app.admin, "/api/v1/library?colour=red").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.detail().contains("未知参数"), "{}", r.detail());
    assert_eq!(
        app.get(&app.admin, "/api/v1/library?per_page=0").await.status,
        StatusCode::BAD_REQUEST
    );
    let long = "长".repeat(300);
    assert_eq!(
        app.get(&app.admin, &format!("/api/v1/library?q={}", urlencode(&long)))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    let r = app
        .send(&app.admin, Method::POST, "/api/v1/library/suggest", Some(json!({})))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = app
        .send(
            &app.admin,
            Method::POST,
            "/api/v1/library/suggest",
            Some(json!({ "name": "甲", "limit": 0 })),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .send(
            &app.admin,
            Method::POST,
            "/api/v1/library/suggest",
            Some(json!({ "name": "甲", "colour": 1 })),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // By session without the CSRF token: refused; with it: answered.
    let Auth::Session { cookie, csrf } = app.login("filler_a", common::PASSWORD).await else {
        unreachable!()
    };
    let without = Auth::Session {
        cookie: cookie.clone(),
        csrf: None,
    };
    let body = json!({ "name": "防震减灾工作经费" });
    assert_eq!(
        app.send(&without, Method::POST, "/api/v1/library/suggest", Some(body.clone()))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let with = Auth::Session { cookie, csrf };
    let counts = app.row_counts().await;
    let r = app.send(&with, Method::POST, "/api/v1/library/suggest", Some(body)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        !r.body["items"].as_array().unwrap().is_empty(),
        "本部门的相似项目应给出建议：{}",
        r.body
    );
    assert_eq!(app.row_counts().await, counts, "建议不写任何数据");
    assert_eq!(
        app.get(&app.admin, "/api/v1/projects/999999/benchmarks").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get(&app.admin, "/library?page=abc").await.status, StatusCode::BAD_REQUEST);
}
both!(requests_are_checked);

/// Benchmark checks with their figures, on the API and the project page's fragment, from what
/// the caller may see only: last year's draft document makes a `JX-B002` (budget up, target
/// unchanged) for the administrator and for nobody who may not read that draft.
async fn benchmarks_compare_only_with_what_the_caller_sees(b: Backend) {
    let app = App::new(b).await;
    // Department A's document of the year before (a draft): the same projects and targets.
    let last_year = String::from_utf8(seed(common::SEED_A)).unwrap().replace("2023", "2022");
    let r = app.upload(&app.admin, "上年.txt", last_year.as_bytes()).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    // This year's first project: its budget raised well over 20%, then published.
    let p = app.first_project(app.doc_a).await;
    let id = p["id"].as_i64().unwrap();
    let old: f64 = p["budget_total"].as_str().expect("种子 A 的项目有预算").parse().unwrap();
    assert!(old > 0.0);
    let r = app
        .send(&app.admin, Method::PUT, &format!("/api/v1/projects/{id}"), Some(json!({ "version": p["version"], "budget_total": format!("{:.2}", old * 3.0) })))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    app.submit_as_admin(id).await;
    let v = app.get(&app.admin, &format!("/api/v1/projects/{id}")).await.body["version"].as_i64().unwrap();
    let r = app.send(&app.admin, Method::POST, &format!("/api/v1/projects/{id}/approve"), Some(json!({ "version": v }))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let r = app.get(&app.admin, &format!("/api/v1/projects/{id}/benchmarks")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let items = r.body["items"].as_array().unwrap();
    let b002: Vec<&Value> = items.iter().filter(|f| f["rule"] == "JX-B002").collect();
    assert!(!b002.is_empty(), "预算增长而目标未变应提示：{}", r.body);
    let f = b002[0];
    // A finding of the rules' JSON schema: its rule set, the project and row, the figures
    // compared as quotes.
    assert_eq!((f["rule_set"].as_str(), f["severity"].as_str(), f["severity_name"].as_str()), (Some("benchmark"), Some("info"), Some("提示")), "{f}");
    assert_eq!(f["title"], "预算增加而目标未变");
    assert!(f["message"].as_str().unwrap().contains("增长200%"), "{f}");
    assert_eq!(f["location"]["project"], 0, "{f}");
    assert!(f["location"]["row"].as_u64().is_some_and(|r| r >= 1), "{f}");
    assert_eq!(f["project_name"], p["name"]);
    assert!(f["id"].as_str().unwrap().starts_with("JX-B002@p0.r"), "{f}");
    let figures: Vec<&str> = f["quotes"].as_array().unwrap().iter().map(|g| g["field"].as_str().unwrap()).collect();
    assert_eq!(figures, ["目标值", "上年预算（万元）", "本年预算（万元）", "预算增幅"]);
    assert_eq!(f["quotes"][3]["value"], "200%");
    assert!(f["suggestion"].as_str().unwrap().contains("提高目标值"), "{f}");
    // The project page's fragment shows the same through the rules' HTML renderer, with the
    // figures, every text escaped.
    let html = text(&app.get(&app.admin, &format!("/projects/{id}/benchmarks")).await.body);
    assert!(html.contains("JX-B002") && html.contains("预算增幅：<q>200%</q>"), "{html}");
    assert!(html.contains("<span class=\"sev sev-info\">提示</span>"), "{html}");
    // A's filler sees last year's draft too; B's filler and the public see the published
    // project but not last year's draft, so no comparison with it.
    let r = app.get(&app.filler, &format!("/api/v1/projects/{id}/benchmarks")).await;
    assert!(r.body.to_string().contains("JX-B002"), "{}", r.body);
    for (who, auth) in [("外部门填报员", &app.filler_b), ("公众", &Auth::Public)] {
        let r = app.get(auth, &format!("/api/v1/projects/{id}/benchmarks")).await;
        assert_eq!(r.status, StatusCode::OK, "{who}");
        assert!(!r.body.to_string().contains("JX-B002"), "{who} 不应看到与草稿的比较：{}", r.body);
        let r = app.get(auth, &format!("/projects/{id}/benchmarks")).await;
        assert_eq!(r.status, StatusCode::OK, "{who}");
        assert!(!text(&r.body).contains("JX-B002"), "{who}");
    }
    // The fragment of a draft: 404 to those who may not read it.
    let draft = app.first_project(app.doc_b).await["id"].as_i64().unwrap();
    for (who, auth, status) in [("公众", &Auth::Public, StatusCode::NOT_FOUND), ("外部门填报员", &app.filler, StatusCode::NOT_FOUND), ("本部门填报员", &app.filler_b, StatusCode::OK), ("财政审核员", &app.reviewer, StatusCode::OK)] {
        assert_eq!(app.get(auth, &format!("/projects/{draft}/benchmarks")).await.status, status, "{who}");
    }
}
both!(benchmarks_compare_only_with_what_the_caller_sees);

/// Every entry the caller sees, through all pages of the list (`extra`: more parameters):
/// (label, 一级, 二级).
async fn all_entries(app: &App, who: &Auth, extra: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let mut out = Vec::new();
    for page in 1.. {
        let r = app.get(who, &format!("/api/v1/library?per_page=200&page={page}{extra}")).await;
        assert_eq!(r.status, StatusCode::OK, "{extra}：{}", r.body);
        let level = |e: &Value, k: &str| e[k].as_str().map(str::to_string);
        out.extend(
            r.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| (e["label"].as_str().unwrap().to_string(), level(e, "level1"), level(e, "level2"))),
        );
        if out.len() as u64 >= r.body["total"].as_u64().unwrap() {
            break;
        }
    }
    out
}

/// Browsing by category: `/api/v1/library?level1=…&level2=…` and `/library?level1=…&level2=…`
/// give exactly the entries of that category among those the caller may see (the list without
/// the category, filtered), for every role: department A's draft shows in its category to who
/// may read it only. The two seed departments are both 应急管理局: one sector, so nothing they
/// share is 共性.
async fn browsing_by_category_keeps_to_the_category_and_the_role(b: Backend) {
    let app = App::new(b).await;
    rename_first_indicator(&app, DRAFT).await;
    // One project of department B published, for the public to browse.
    let published = app.first_project(app.doc_b).await["id"].as_i64().unwrap();
    app.submit_as_admin(published).await;
    let v = app.get(&app.admin, &format!("/api/v1/projects/{published}")).await.body["version"].as_i64().unwrap();
    let r = app
        .send(&app.admin, Method::POST, &format!("/api/v1/projects/{published}/approve"), Some(json!({ "version": v })))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let draft = app.get(&app.admin, &format!("/api/v1/library/{}", urlencode(DRAFT))).await;
    let l1 = draft.body["level1"].as_str().expect("草稿指标有一级指标").to_string();
    let l2 = draft.body["level2"].as_str().expect("草稿指标有二级指标").to_string();

    // The sectors: every entry of the two 应急管理局 is of one sector, 个性.
    let r = app.get(&app.admin, "/api/v1/library?per_page=200").await;
    for e in r.body["items"].as_array().unwrap() {
        assert_eq!(e["sectors"], json!([{ "name": "应急", "departments": e["departments"] }]), "{e}");
        assert_eq!(e["common"], false, "{e}");
    }
    let page = text(&app.get(&app.admin, &format!("/library/{}", urlencode(DRAFT))).await.body);
    assert!(page.contains("应急（1 个部门）") && page.contains("行业特有"), "{page}");

    let who = app.readers_of_a_drafts();
    for (name, auth, sees) in who {
        let everything = all_entries(&app, auth, "").await;
        assert!(!everything.is_empty(), "{name}：至少有已公开项目的条目");
        let categories = [(l1.as_str(), Some(l2.as_str())), (l1.as_str(), None), ("满意度指标", None)];
        for (level1, level2) in categories {
            let extra = format!(
                "&level1={}{}",
                urlencode(level1),
                level2.map(|l| format!("&level2={}", urlencode(l))).unwrap_or_default()
            );
            let found = all_entries(&app, auth, &extra).await;
            let expected: Vec<_> = everything
                .iter()
                .filter(|e| e.1.as_deref() == Some(level1) && level2.is_none_or(|l| e.2.as_deref() == Some(l)))
                .cloned()
                .collect();
            assert_eq!(found, expected, "{name}：{extra}");
            assert!(found.len() < everything.len(), "{name}：{extra} 只是部分条目");
            assert_eq!(found.iter().any(|e| e.0 == DRAFT), sees && level1 == l1, "{name}：{extra}");
        }
        // The page of the category: its count, the draft (on its page of 50) only to who may
        // read it, and no entry of another category.
        let found = all_entries(&app, auth, &format!("&level1={}&level2={}", urlencode(&l1), urlencode(&l2))).await;
        let at = found.iter().position(|e| e.0 == DRAFT).unwrap_or(0);
        let path = format!("/library?level1={}&level2={}&page={}", urlencode(&l1), urlencode(&l2), at / 50 + 1);
        let r = app.get(auth, &path).await;
        assert_eq!(r.status, StatusCode::OK, "{name}：{path}");
        let html = text(&r.body);
        assert!(html.contains(&format!("{l1} / {l2}（{}）", found.len())), "{name}：{html}");
        assert_eq!(html.contains(&format!(">{DRAFT}</a>")), sees, "{name}：{path}");
        let plain = |s: &str| !s.contains(['&', '<', '>', '"', '\'', '/']);
        let names: Vec<&str> = everything.iter().flat_map(|e| [e.1.as_deref(), e.2.as_deref()]).flatten().collect();
        let other = everything.iter().find(|e| {
            e.1.as_deref() != Some(l1.as_str())
                && plain(&e.0)
                && !names.contains(&e.0.as_str())
                && !found.iter().any(|f| f.0.contains(&e.0))
        });
        let other = other.expect("另一类别的条目");
        assert!(!html.contains(&format!(">{}</a>", other.0)), "{name}：{path} 不应列出“{}”", other.0);
        // The same list without the category does list it (on the first page, when it is there).
        if everything.iter().position(|e| e.0 == other.0).is_some_and(|k| k < 50) {
            assert!(text(&app.get(auth, "/library").await.body).contains(&format!(">{}</a>", other.0)), "{name}");
        }
    }
}
both!(browsing_by_category_keeps_to_the_category_and_the_role);
