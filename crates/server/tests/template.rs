//! Issue 17: the 项目支出绩效目标申报表 template — downloaded blank (`/drafts/template.xlsx`,
//! `/api/v1/drafts/template`) or prefilled from a project or draft
//! (`/projects/{id}/template.xlsx`, `/api/v1/projects/{id}/template`), filled offline and
//! imported through the ordinary upload as a draft of the filler's own department. Each
//! test on SQLite and PostgreSQL: who may download which template, who may import it, and
//! that a wrongly filled one is refused whole.

mod common;

use axum::http::{header, Method, StatusCode};
use common::{App, Auth, Backend};
use jixiao_model::{Document, Project};
use jixiao_office::template::TemplateFill;
use jixiao_carriers::CarrierError;
use serde_json::json;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn read(bytes: &[u8]) -> Result<Document, CarrierError> {
    jixiao_carriers::read_bytes("申报表.xlsx", bytes).map(|r| r.document)
}

/// The problems a blank template is refused with (it is a template, not a document).
fn blank_problems(bytes: &[u8]) -> Vec<String> {
    match read(bytes) {
        Err(CarrierError::Template { problems, .. }) => problems,
        other => panic!("空白模板应要求填写：{other:?}"),
    }
}

async fn download(app: &App, who: &Auth, path: &str) -> common::Answer {
    app.get(who, path).await
}

async fn department_name(app: &App, id: i64) -> String {
    let r = app.get(&app.admin, &format!("/api/v1/organisations/{id}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body["name"].as_str().unwrap().to_string()
}

/// A filled template as a filler would save it: `project` in `department`, 2026.
fn filled(department: &str, project: &Project) -> Vec<u8> {
    jixiao_office::write_template(&TemplateFill { department: Some(department), year: Some(2026), project: Some(project) }).unwrap()
}

/// A small complete project, as typed into a template.
fn typed_project(name: &str) -> Project {
    let text = format!(
        "项目名称\t{name}\n年度资金总额\t12.5\n其中：财政拨款\t12.5\n\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t演练次数\t≥4次\n满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\n"
    );
    let doc = jixiao_read::read_bytes("t.txt", text.as_bytes()).expect("读得出").document;
    doc.projects.into_iter().next().expect("一个项目")
}

async fn anyone_may_download_the_blank_template(b: Backend) {
    let app = App::new(b).await;
    let dept_a = department_name(&app, app.dept_a).await;
    for (who, department) in [
        (&Auth::Public, None),
        (&app.reviewer, None),
        (&app.admin, None),
        (&app.filler, Some(dept_a.as_str())),
    ] {
        let r = download(&app, who, "/drafts/template.xlsx").await;
        assert_eq!(r.status, StatusCode::OK, "{who:?}");
        assert_eq!(r.content_type(), XLSX);
        let disposition = r.headers.get(header::CONTENT_DISPOSITION).unwrap().to_str().unwrap();
        assert!(disposition.starts_with("attachment; filename=\"template.xlsx\""), "{disposition}");
        let problems = blank_problems(&r.bytes);
        // A filler's template names their department; anyone else's leaves it to fill.
        let mut want = vec!["第4行 B列：请填写项目名称。".to_string()];
        if department.is_none() {
            want.push("第5行 B列：请填写主管部门。".to_string());
        }
        assert_eq!(problems, want, "{who:?}");
    }
    // Linked from the drafting page, the upload page and the project page.
    let page = app.get(&app.filler, "/drafts/new").await;
    assert!(page.body.as_str().unwrap().contains("href=\"/drafts/template.xlsx\""));
    let page = app.get(&app.filler, "/upload").await;
    assert!(page.body.as_str().unwrap().contains("href=\"/drafts/template.xlsx\""));
    let id = app.first_project(app.doc_a).await["id"].as_i64().unwrap();
    let page = app.get(&app.filler, &format!("/projects/{id}")).await;
    assert!(page.body.as_str().unwrap().contains(&format!("href=\"/projects/{id}/template.xlsx\"")));
    let page = app.get(&app.filler, &format!("/drafts/new?from={id}")).await;
    assert!(page.body.as_str().unwrap().contains(&format!("href=\"/projects/{id}/template.xlsx?year=2024\"")), "{}", page.body);
}
both!(anyone_may_download_the_blank_template);

async fn a_prefilled_template_is_for_those_who_may_read_the_project(b: Backend) {
    let app = App::new(b).await;
    let filler_b = app.user("filler_b2", json!({ "role": "filler", "department_id": app.dept_b })).await;
    // Seed A's first project: a draft of department A.
    let p = app.first_project(app.doc_a).await;
    let id = p["id"].as_i64().unwrap();
    assert_eq!(p["status"], "draft");
    let path = format!("/projects/{id}/template.xlsx");
    for who in [&Auth::Public, &app.filler_b, &filler_b] {
        let r = download(&app, who, &path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{who:?}");
        assert!(!r.content_type().contains("spreadsheet"));
    }
    // The API answers the same, with problems in JSON.
    let api = format!("/api/v1/projects/{id}/template");
    for who in [&Auth::Public, &app.filler_b] {
        let r = download(&app, who, &api).await;
        assert_eq!((r.status, r.content_type()), (StatusCode::NOT_FOUND, "application/problem+json"), "{who:?}");
    }
    for (who, path) in [(&app.filler, format!("{api}?year=1900")), (&app.filler, format!("{api}?format=docx"))] {
        let r = download(&app, who, &path).await;
        assert_eq!((r.status, r.content_type()), (StatusCode::BAD_REQUEST, "application/problem+json"), "{path}: {}", r.body);
    }
    let r = download(&app, &app.filler, &api).await;
    assert_eq!((r.status, r.content_type()), (StatusCode::OK, XLSX));
    assert_eq!(read(&r.bytes).unwrap().projects[0].name.value, p["name"].as_str().unwrap());
    let r = download(&app, &Auth::Public, "/api/v1/drafts/template").await;
    assert_eq!((r.status, r.content_type()), (StatusCode::OK, XLSX));
    assert_eq!(blank_problems(&r.bytes), ["第4行 B列：请填写项目名称。", "第5行 B列：请填写主管部门。"]);
    assert_eq!(download(&app, &Auth::Public, "/projects/999999/template.xlsx").await.status, StatusCode::NOT_FOUND);
    assert_eq!(download(&app, &app.filler, "/projects/abc/template.xlsx").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(download(&app, &app.filler, &format!("{path}?year=abc")).await.status, StatusCode::BAD_REQUEST);

    // The department's filler, reviewers and admins get it prefilled with the stored project.
    let stored = app.get(&app.admin, &format!("/api/v1/projects/{id}")).await.body;
    let dept_a = department_name(&app, app.dept_a).await;
    for who in [&app.filler, &app.reviewer, &app.admin] {
        let r = download(&app, who, &path).await;
        assert_eq!(r.status, StatusCode::OK, "{who:?}");
        let disposition = r.headers.get(header::CONTENT_DISPOSITION).unwrap().to_str().unwrap();
        assert!(disposition.contains(&format!("filename=\"project-{id}-template.xlsx\"")), "{disposition}");
        let doc = read(&r.bytes).expect("预填的模板读得出");
        assert_eq!(doc.department.as_ref().unwrap().value, dept_a);
        assert_eq!(doc.year.as_ref().unwrap().value, 2023);
        let project = &doc.projects[0];
        assert_eq!(project.name.value, stored["name"].as_str().unwrap());
        assert_eq!(
            project.budget.total.as_ref().map(|m| m.value.0.normalize().to_string()).as_deref(),
            stored["budget_total"].as_str()
        );
        let rows = stored["indicators"].as_array().unwrap();
        assert_eq!(project.indicators.len(), rows.len());
        for (got, want) in project.indicators.iter().zip(rows) {
            assert_eq!(got.level3.as_ref().map(|l| l.value.as_str()), want["level3"].as_str());
            assert_eq!(got.target.as_ref().map(|t| t.value.printed.as_str()), want["target_printed"].as_str());
            assert_eq!(got.level2.printed.value, want["level2_printed"].as_str().unwrap());
        }
        assert_eq!(project.goals.len(), stored["goals"].as_array().unwrap().len());
    }
    // For next year's draft.
    let r = download(&app, &app.filler, &format!("{path}?year=2024")).await;
    assert_eq!(read(&r.bytes).unwrap().year.unwrap().value, 2024);

    // Once approved, everyone may read it, so everyone may have its template; another
    // department's filler gets it with their own department as 主管部门 (where it imports).
    app.submit_as_admin(id).await;
    let v = app.get(&app.admin, &format!("/api/v1/projects/{id}")).await.body["version"].as_i64().unwrap();
    let r = app.send(&app.admin, Method::POST, &format!("/api/v1/projects/{id}/approve"), Some(json!({ "version": v }))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = download(&app, &Auth::Public, &path).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(read(&r.bytes).unwrap().department.unwrap().value, dept_a);
    let r = download(&app, &app.filler_b, &path).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(read(&r.bytes).unwrap().department.unwrap().value, department_name(&app, app.dept_b).await);
}
both!(a_prefilled_template_is_for_those_who_may_read_the_project);

async fn a_drafts_template_holds_every_field_it_was_drafted_with(b: Backend) {
    let app = App::new(b).await;
    let draft = json!({
        "year": 2026, "name": "应急演练与培训", "code": "0012-YJ-01", "unit": "门源县应急管理服务中心",
        "purpose": "组织全县应急演练与培训。", "budget_total": "12.3456", "budget_fiscal": "10", "budget_other": "2.3456",
        "plan": ["20", "50.5", "", "100"], "goals": ["完成全县应急演练 4 次", "提升群众应急能力"],
        "indicators": [
            { "level1": "产出指标", "level2": "数量指标", "level3": "应急演练次数", "target": "≥4次",
              "description": "全年组织的综合演练次数", "basis": "县级应急预案要求" },
            { "level1": "满意度指标", "level2": "服务对象满意度指标", "level3": "参训群众满意度", "target": "≥90%" },
        ],
    });
    let r = app.send(&app.filler, Method::POST, "/api/v1/drafts", Some(draft)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.body["project_id"].as_i64().unwrap();
    for who in [&Auth::Public, &app.filler_b] {
        assert_eq!(download(&app, who, &format!("/projects/{id}/template.xlsx")).await.status, StatusCode::NOT_FOUND, "{who:?}");
    }
    let r = download(&app, &app.filler, &format!("/projects/{id}/template.xlsx")).await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = read(&r.bytes).expect("读得出");
    assert_eq!(doc.year.unwrap().value, 2026);
    let p = &doc.projects[0];
    let text = |v: &Option<jixiao_model::Located<String>>| v.as_ref().map(|v| v.value.clone());
    let money = |m: &Option<jixiao_model::Located<jixiao_model::Money>>| m.as_ref().map(|m| m.value.0.normalize().to_string());
    assert_eq!(text(&p.code).as_deref(), Some("0012-YJ-01"));
    assert_eq!(p.unit.as_ref().map(|u| u.printed.as_str()), Some("门源县应急管理服务中心"));
    assert_eq!(text(&p.purpose).as_deref(), Some("组织全县应急演练与培训。"));
    assert_eq!(
        [money(&p.budget.total), money(&p.budget.fiscal), money(&p.budget.other)],
        [Some("12.3456".to_string()), Some("10".to_string()), Some("2.3456".to_string())]
    );
    let plan: Vec<Option<String>> = p.spending_plan.as_ref().unwrap().cumulative_percent.iter().map(|v| v.as_ref().map(|v| v.value.normalize().to_string())).collect();
    assert_eq!(plan, [Some("20".into()), Some("50.5".into()), None, Some("100".into())]);
    assert_eq!(p.goals.iter().map(|g| g.value.as_str()).collect::<Vec<_>>(), ["完成全县应急演练 4 次", "提升群众应急能力"]);
    let rows: Vec<(Option<String>, Option<String>, Option<String>, Option<String>)> = p
        .indicators
        .iter()
        .map(|i| (text(&i.level3), i.target.as_ref().map(|t| t.value.printed.clone()), text(&i.description), text(&i.basis)))
        .collect();
    assert_eq!(
        rows,
        [
            (Some("应急演练次数".into()), Some("≥4次".into()), Some("全年组织的综合演练次数".into()), Some("县级应急预案要求".into())),
            (Some("参训群众满意度".into()), Some("≥90%".into()), None, None),
        ]
    );
}
both!(a_drafts_template_holds_every_field_it_was_drafted_with);

async fn a_filled_template_imports_as_a_draft_of_the_fillers_own_department(b: Backend) {
    let app = App::new(b).await;
    let dept_a = department_name(&app, app.dept_a).await;

    // The blank template filled in and imported by department A's filler.
    let bytes = filled(&dept_a, &typed_project("离线填写的演练项目"));
    let r = app.raw(&app.filler, Method::POST, "/api/v1/documents?name=template-a.xlsx", Some(XLSX), bytes).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["projects"], 1);
    assert_eq!(r.body["indicators"], 2);
    let doc = r.body["document_id"].as_i64().unwrap();
    let d = app.get(&app.filler, &format!("/api/v1/documents/{doc}")).await;
    assert_eq!(d.body["department_id"], app.dept_a, "{}", d.body);
    let p = app.first_project(doc).await;
    assert_eq!((p["name"].as_str(), p["status"].as_str(), p["year"].as_i64()), (Some("离线填写的演练项目"), Some("draft"), Some(2026)));
    assert_eq!(p["department_id"], app.dept_a);
    assert_eq!(p["budget_total"], "12.5");
    // A draft: not for the public or department B.
    let id = p["id"].as_i64().unwrap();
    assert_eq!(app.get(&Auth::Public, &format!("/api/v1/projects/{id}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&app.filler_b, &format!("/api/v1/projects/{id}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(download(&app, &app.filler_b, &format!("/projects/{id}/template.xlsx")).await.status, StatusCode::NOT_FOUND);

    // Its own template, downloaded, changed offline and imported again: a new revision.
    let r = download(&app, &app.filler, &format!("/projects/{id}/template.xlsx")).await;
    let mut project = read(&r.bytes).unwrap().projects.remove(0);
    project.name.value = "离线修改后的演练项目".into();
    let r = app.raw(&app.filler, Method::POST, "/api/v1/documents?name=template-a.xlsx", Some(XLSX), filled(&dept_a, &project)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!((r.body["document_id"].as_i64(), r.body["revision"].as_i64()), (Some(doc), Some(2)));
    assert_eq!(app.first_project(doc).await["name"], "离线修改后的演练项目");

    // A template naming another department is refused whole, whoever's form it was.
    let before = app.row_counts().await;
    let r = app.raw(&app.filler_b, Method::POST, "/api/v1/documents?name=template-b.xlsx", Some(XLSX), filled(&dept_a, &typed_project("冒名项目"))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(r.detail().contains("只能导入本部门"), "{}", r.body);
    assert_eq!(app.row_counts().await, before, "nothing written");
    // Department B's filler imports department A's (approved) project as their own draft
    // through the template the server gave them.
    app.submit_as_admin(id).await;
    let v = app.get(&app.admin, &format!("/api/v1/projects/{id}")).await.body["version"].as_i64().unwrap();
    let r = app.send(&app.admin, Method::POST, &format!("/api/v1/projects/{id}/approve"), Some(json!({ "version": v }))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = download(&app, &app.filler_b, &format!("/projects/{id}/template.xlsx")).await;
    assert_eq!(r.status, StatusCode::OK);
    let r = app.raw(&app.filler_b, Method::POST, "/api/v1/documents?name=template-b.xlsx", Some(XLSX), r.bytes.to_vec()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let copy = app.first_project(r.body["document_id"].as_i64().unwrap()).await;
    assert_eq!((copy["department_id"].as_i64(), copy["status"].as_str()), (Some(app.dept_b), Some("draft")));
    assert_ne!(copy["id"], p["id"]);

    // Reviewers may not import (the existing rule), the public must sign in.
    let before = app.row_counts().await;
    let bytes = filled(&dept_a, &typed_project("审核员的项目"));
    let r = app.raw(&app.reviewer, Method::POST, "/api/v1/documents?name=template-r.xlsx", Some(XLSX), bytes.clone()).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = app.raw(&Auth::Public, Method::POST, "/api/v1/documents?name=template-r.xlsx", Some(XLSX), bytes).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    assert_eq!(app.row_counts().await, before, "nothing written");
}
both!(a_filled_template_imports_as_a_draft_of_the_fillers_own_department);

async fn a_wrongly_filled_template_is_refused_naming_the_cells(b: Backend) {
    let app = App::new(b).await;
    let dept_a = department_name(&app, app.dept_a).await;
    let mut project = typed_project("缺三级指标的项目");
    project.indicators[1].level3 = None;
    let bytes = filled(&dept_a, &project);
    let before = app.row_counts().await;
    let r = app.raw(&app.filler, Method::POST, "/api/v1/documents?name=template-bad.xlsx", Some(XLSX), bytes.clone()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.detail().contains("第18行 C列：缺少三级指标"), "{}", r.body);
    assert_eq!(app.row_counts().await, before, "nothing half-imported");
    // The upload page's check says the same, before anything is imported.
    let r = app.raw(&app.filler, Method::POST, "/upload/diagnose?name=template-bad.xlsx", Some(XLSX), bytes).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["ok"], false);
    assert!(r.body["error"].as_str().unwrap().contains("第18行 C列"), "{}", r.body);
}
both!(a_wrongly_filled_template_is_refused_naming_the_cells);

/// The drafting page's 按已填内容下载申报表: a draft not yet saved, as its template.
async fn an_unsaved_draft_downloads_as_its_template(b: Backend) {
    let app = App::new(b).await;
    let dept_a = department_name(&app, app.dept_a).await;
    let draft = |department: Option<i64>, level1: &str| {
        json!({
            "department_id": department, "year": 2027, "name": "尚未保存的演练项目", "budget_total": "8.5", "plan": ["", "40", "", ""],
            "goals": ["完成演练 2 次"],
            "indicators": [{ "level1": level1, "level2": "数量指标", "level3": "演练次数", "target": "≥2次", "basis": "预案" }],
        })
    };
    let before = app.row_counts().await;
    let r = app.send(&app.filler, Method::POST, "/api/v1/drafts/template", Some(draft(None, "产出指标"))).await;
    assert_eq!((r.status, r.content_type()), (StatusCode::OK, XLSX), "{}", r.body);
    let disposition = r.headers.get(header::CONTENT_DISPOSITION).unwrap().to_str().unwrap();
    assert!(disposition.contains("filename=\"draft-template.xlsx\""), "{disposition}");
    let doc = read(&r.bytes).expect("读得出");
    assert_eq!((doc.department.unwrap().value, doc.year.unwrap().value), (dept_a, 2027));
    let p = &doc.projects[0];
    assert_eq!(p.name.value, "尚未保存的演练项目");
    assert_eq!(p.budget.total.as_ref().unwrap().value.0.normalize().to_string(), "8.5");
    assert_eq!(p.goals[0].value, "完成演练 2 次");
    assert_eq!(p.indicators[0].basis.as_ref().unwrap().value, "预案");
    let plan: Vec<Option<String>> = p.spending_plan.as_ref().unwrap().cumulative_percent.iter().map(|v| v.as_ref().map(|v| v.value.to_string())).collect();
    assert_eq!(plan, [None, Some("40".into()), None, None]);
    assert_eq!(app.row_counts().await, before, "nothing stored");

    // Checked as saving it would be: levels, the department, the role, CSRF.
    let r = app.send(&app.filler, Method::POST, "/api/v1/drafts/template", Some(draft(None, "其他指标"))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = app.send(&app.filler, Method::POST, "/api/v1/drafts/template", Some(draft(Some(app.dept_b), "产出指标"))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = app.send(&app.reviewer, Method::POST, "/api/v1/drafts/template", Some(draft(None, "产出指标"))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = app.send(&Auth::Public, Method::POST, "/api/v1/drafts/template", Some(draft(None, "产出指标"))).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    let session = app.login("filler_a", common::PASSWORD).await;
    let Auth::Session { cookie, .. } = &session else { unreachable!() };
    let no_csrf = Auth::Session { cookie: cookie.clone(), csrf: None };
    let r = app.send(&no_csrf, Method::POST, "/api/v1/drafts/template", Some(draft(None, "产出指标"))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = app.send(&session, Method::POST, "/api/v1/drafts/template", Some(draft(None, "产出指标"))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // The admin drafts for the department chosen.
    let r = app.send(&app.admin, Method::POST, "/api/v1/drafts/template", Some(draft(Some(app.dept_b), "产出指标"))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(read(&r.bytes).unwrap().department.unwrap().value, department_name(&app, app.dept_b).await);
    // The drafting page offers it.
    let page = app.get(&app.filler, "/drafts/new").await;
    assert!(page.body.as_str().unwrap().contains("id=\"draft-template-filled\""));
}
both!(an_unsaved_draft_downloads_as_its_template);
