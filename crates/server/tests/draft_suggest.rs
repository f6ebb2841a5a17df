//! Issue 18, item 2: suggestions while drafting. 新建绩效目标表 carries the panel
//! 指标建议（相似项目的指标）, fed by `POST /api/v1/library/suggest`, whose items now also
//! give their typical target split as a row of the form takes it (`typical_target`). On
//! SQLite and PostgreSQL; a draft of department A is never suggested to department B's
//! filler or the public.

mod common;

use axum::http::{Method, StatusCode};
use common::{App, Auth, Backend};
use serde_json::{json, Value};

/// A unique mark in department A's draft: its name and its indicators carry it.
const MARK: &str = "Q7Z";

fn html(a: &common::Answer) -> String {
    a.body.as_str().map(str::to_string).unwrap_or_else(|| a.body.to_string())
}

/// The sample project: a draft of department A, saved by its filler through the drafting API.
fn sample() -> Value {
    json!({
        "year": 2026,
        "name": "乡村应急广播Q7Z建设",
        "purpose": "建设乡村应急广播Q7Z，覆盖全县行政村。",
        "budget_total": "45",
        "budget_fiscal": "45",
        "budget_other": "0",
        "goals": ["建成应急广播Q7Z，预警信息及时到达各行政村"],
        "indicators": [
            { "level1": "产出指标", "level2": "数量指标", "level3": "应急广播Q7Z覆盖行政村数", "target": "≥45个" },
            { "level1": "效益指标", "level2": "社会效益指标", "level3": "应急广播Q7Z预警信息到达情况", "target": "明显提升" },
            { "level1": "产出指标", "level2": "时效指标", "level3": "应急广播Q7Z建设完成时间", "target": "2026年10月底前" },
        ],
    })
}

async fn suggestions(app: &App, who: &Auth, body: Value) -> Vec<Value> {
    let r = app.send(who, Method::POST, "/api/v1/library/suggest", Some(body)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body["items"].as_array().unwrap().clone()
}

fn find<'a>(items: &'a [Value], part: &str) -> &'a Value {
    items
        .iter()
        .find(|s| s["label"].as_str().unwrap().contains(part))
        .unwrap_or_else(|| panic!("建议中应有含“{part}”的指标：{items:#?}"))
}

async fn the_drafting_form_suggests_indicators_of_visible_projects(b: Backend) {
    let app = App::new(b).await;
    // The drafting page carries the panel, and its script asks the suggestion API.
    let page = app.get(&app.filler, "/drafts/new").await;
    assert_eq!(page.status, StatusCode::OK);
    let text = html(&page);
    for expected in [
        "id=\"draft-suggest\"",
        "指标建议（相似项目的指标）",
        "id=\"draft-suggest-table\"",
        "相似项目的指标值",
        "来源项目",
    ] {
        assert!(text.contains(expected), "{expected} on the page");
    }
    let script = html(&app.get(&Auth::Public, "/assets/app.js").await);
    assert!(script.contains("/api/v1/library/suggest") && script.contains("typical_target"), "起草页脚本应请求指标建议");

    // Department A's filler saves the sample project as a draft.
    let r = app.send(&app.filler, Method::POST, "/api/v1/drafts", Some(sample())).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    // Typing a similar name, as the page does (session and CSRF token).
    let filler = app.login("filler_a", common::PASSWORD).await;
    let typed = json!({ "name": "乡村应急广播Q7Z维护", "purpose": "", "goals": [], "limit": 12 });
    let items = suggestions(&app, &filler, typed.clone()).await;
    let source = "门源县应急管理局·2026年·乡村应急广播Q7Z建设";
    // A quantity: operator, number and unit for the row's three fields, the display strings kept.
    let count = find(&items, "应急广播Q7Z覆盖");
    assert_eq!((count["level1"].as_str(), count["level2"].as_str()), (Some("产出指标"), Some("数量指标")), "{count}");
    assert_eq!(count["targets"], json!(["≥45个"]), "{count}");
    assert_eq!(count["typical"], "中位数45个（1个）", "{count}");
    assert_eq!(count["sources"][0], source, "{count}");
    assert_eq!(
        count["typical_target"],
        json!({ "printed": "≥45个", "op": "≥", "number": "45", "unit": "个", "text": null }),
        "{count}"
    );
    // A qualitative value and a deadline: the row's text field.
    let reach = find(&items, "应急广播Q7Z预警");
    assert_eq!((reach["level1"].as_str(), reach["level2"].as_str()), (Some("效益指标"), Some("社会效益指标")));
    assert_eq!(
        reach["typical_target"],
        json!({ "printed": "明显提升", "op": "定性", "number": null, "unit": null, "text": "明显提升" })
    );
    let done = find(&items, "应急广播Q7Z建设完成");
    assert_eq!(done["typical_target"]["op"], "定性", "{done}");
    assert_eq!(done["typical_target"]["text"], "2026年10月底前", "{done}");
    // Asked from the goals alone, the same project is found.
    let by_goals = suggestions(&app, &filler, json!({ "goals": ["应急广播Q7Z预警信息到达各村"] })).await;
    find(&by_goals, "应急广播Q7Z覆盖");

    // Visibility, exactly as for the library: those who may read A's draft see it suggested,
    // department B's filler and the public never, not even its department's name.
    let filler_b = app.login("filler_b", common::PASSWORD).await;
    let who: [(&str, &Auth, bool); 5] = [
        ("系统管理员", &app.admin, true),
        ("财政审核员", &app.reviewer, true),
        ("本部门填报员", &app.filler, true),
        ("外部门填报员", &filler_b, false),
        ("公众", &Auth::Public, false),
    ];
    for (name, auth, sees) in who {
        let items = suggestions(&app, auth, typed.clone()).await;
        let all = Value::Array(items.clone()).to_string();
        assert_eq!(all.contains(MARK), sees, "{name}：{all}");
        if !sees {
            assert!(!all.contains("门源县"), "{name}：建议不应出自部门 A 的草稿：{all}");
        } else {
            assert_eq!(find(&items, "应急广播Q7Z覆盖")["typical_target"]["number"], "45", "{name}");
        }
    }
    // B's filler has the panel on their own drafting page too (for their own department).
    let page_b = html(&app.get(&app.filler_b, "/drafts/new").await);
    assert!(page_b.contains("id=\"draft-suggest\"") && !page_b.contains(MARK));
}
both!(the_drafting_form_suggests_indicators_of_visible_projects);
