//! Issue 17, exports: a whole year of the bureau in one workbook
//! (`/years/{year}/download/xlsx`, `GET /api/v1/years/{year}/workbook`) and the official tables as PDF
//! (`/projects/{id}/download/pdf`, `/departments/{id}/download/pdf`), each role on SQLite and
//! PostgreSQL. What a download holds is exactly what its caller may see: admins and reviewers
//! everything, a filler their own department's drafts and what is approved elsewhere, the
//! public what is approved.

mod common;

use std::collections::BTreeMap;
use std::io::Cursor;

use axum::http::{header, StatusCode};
use calamine::{Data, Reader, Xlsx};
use common::{seed, App, Auth, Backend, SEED_B};
use jixiao_model::Decimal;
use serde_json::{json, Value};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The document's projects (as admin), each with `indicator_count` from its detail.
async fn projects_of(app: &App, doc: i64) -> Vec<Value> {
    let r = app.get(&app.admin, &format!("/api/v1/projects?document={doc}&per_page=200")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut out = r.body["items"].as_array().unwrap().clone();
    for p in &mut out {
        let detail = app.get(&app.admin, &format!("/api/v1/projects/{}", p["id"])).await.body;
        p["indicator_count"] = json!(detail["indicators"].as_array().unwrap().len());
    }
    out
}

async fn department_name(app: &App, id: i64) -> String {
    app.get(&app.admin, &format!("/api/v1/organisations/{id}")).await.body["name"].as_str().unwrap().to_string()
}

/// The year's set-up: seed A (department A, 2023, drafts) with its first project approved, and
/// seed B printed for 2023 (department B, drafts). Returns the approved project and B's 2023
/// document.
async fn year_2023(app: &App) -> (Value, i64) {
    let text = String::from_utf8(seed(SEED_B)).unwrap().replace("2020", "2023");
    let r = app.upload(&app.admin, "乙部门2023.txt", text.as_bytes()).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let doc_b = r.body["document_id"].as_i64().unwrap();
    let first = app.first_project(app.doc_a).await;
    app.publish_as_admin(first["id"].as_i64().unwrap()).await;
    let first = projects_of(app, app.doc_a).await.into_iter().find(|p| p["id"] == first["id"]).unwrap();
    (first, doc_b)
}

/// The 目录 as (department → projects, 预算合计) and the 合计 line, and the project names of the
/// 指标明细 by department.
struct Year {
    index: BTreeMap<String, (i64, Decimal)>,
    total: (i64, Decimal),
    flat: BTreeMap<String, std::collections::BTreeSet<String>>,
    sheets: Vec<String>,
}

fn number(d: &Data) -> Decimal {
    match d {
        Data::Float(v) => v.to_string().parse().unwrap(),
        other => panic!("应为数字单元格：{other:?}"),
    }
}

fn open_year(bytes: &[u8]) -> Year {
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let sheets = wb.sheet_names();
    let index = wb.worksheet_range("目录").unwrap();
    let mut lines = BTreeMap::new();
    let mut total = None;
    for row in index.rows().skip(4) {
        let name = row[1].to_string();
        let line = (number(&row[2]).to_string().parse().unwrap(), number(&row[3]));
        if name == "合计" {
            total = Some(line);
        } else {
            lines.insert(name, line);
        }
    }
    let mut flat: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for row in wb.worksheet_range("指标明细").unwrap().rows().skip(1) {
        flat.entry(row[0].to_string()).or_default().insert(row[4].to_string());
    }
    Year { index: lines, total: total.expect("目录有合计行"), flat, sheets }
}

fn money(p: &Value) -> Decimal {
    p["budget_total"].as_str().map_or(Decimal::ZERO, |s| s.parse().unwrap())
}

async fn the_year_workbook_holds_what_each_role_may_see(b: Backend) {
    let app = App::new(b).await;
    let (approved, doc_b) = year_2023(&app).await;
    let (name_a, name_b) = (department_name(&app, app.dept_a).await, department_name(&app, app.dept_b).await);
    let all_a = projects_of(&app, app.doc_a).await;
    let all_b = projects_of(&app, doc_b).await;
    assert!(all_a.len() > 1 && !all_b.is_empty());
    let sum = |ps: &[Value]| ps.iter().map(money).sum::<Decimal>();
    let names = |ps: &[Value]| ps.iter().map(|p| p["name"].as_str().unwrap().to_string()).collect::<std::collections::BTreeSet<_>>();
    let only_approved = vec![approved.clone()];

    let everything = [(name_a.clone(), all_a.clone()), (name_b.clone(), all_b.clone())];
    let filler_a = [(name_a.clone(), all_a.clone())];
    let filler_b = [(name_a.clone(), only_approved.clone()), (name_b.clone(), all_b.clone())];
    let public = [(name_a.clone(), only_approved.clone())];
    type Sees<'a> = &'a [(String, Vec<Value>)];
    let cases: [(&str, &Auth, Sees); 5] = [
        ("管理员", &app.admin, &everything),
        ("审核员", &app.reviewer, &everything),
        ("甲部门填报员", &app.filler, &filler_a),
        ("乙部门填报员", &app.filler_b, &filler_b),
        ("公众", &Auth::Public, &public),
    ];
    for (who, auth, want) in cases {
        let r = app.get(auth, "/years/2023/download/xlsx").await;
        assert_eq!(r.status, StatusCode::OK, "{who}");
        assert_eq!(r.content_type(), XLSX, "{who}");
        let disposition = r.headers.get(header::CONTENT_DISPOSITION).unwrap().to_str().unwrap();
        assert!(disposition.contains("filename=\"year-2023.xlsx\""), "{disposition}");
        let year = open_year(&r.bytes);
        let expected: BTreeMap<String, (i64, Decimal)> = want.iter().map(|(d, ps)| (d.clone(), (ps.len() as i64, sum(ps)))).collect();
        assert_eq!(year.index, expected, "{who} 的目录");
        let total: Decimal = want.iter().map(|(_, ps)| sum(ps)).sum();
        let count: i64 = want.iter().map(|(_, ps)| ps.len() as i64).sum();
        assert_eq!(year.total, (count, total), "{who} 的合计（精确小数）");
        assert_eq!(year.sheets.len(), want.len() + 2, "{who}: {:?}", year.sheets);
        // The 指标明细 holds exactly the projects the role may see that have indicators.
        for (d, ps) in want.iter() {
            let with_indicators: std::collections::BTreeSet<String> =
                ps.iter().filter(|p| p["indicator_count"].as_i64().unwrap() > 0).map(|p| p["name"].as_str().unwrap().to_string()).collect();
            let got = year.flat.get(d).cloned().unwrap_or_default();
            assert!(got.is_subset(&names(ps)), "{who}: {d} 指标明细含不可见项目：{got:?}");
            assert_eq!(got, with_indicators, "{who}: {d}");
        }
        assert!(year.flat.keys().all(|d| want.iter().any(|(n, _)| n == d)), "{who}: {:?}", year.flat.keys());
        // The API gives the same workbook.
        let r = app.get(auth, "/api/v1/years/2023/workbook").await;
        assert_eq!((r.status, r.content_type()), (StatusCode::OK, XLSX), "{who}");
        let api = open_year(&r.bytes);
        assert_eq!((api.index, api.total, api.flat), (year.index, year.total, year.flat), "{who}: API");
    }
    let r = app.get(&app.admin, "/api/v1/years/abc/workbook").await;
    assert_eq!((r.status, r.content_type()), (StatusCode::BAD_REQUEST, "application/problem+json"));
    assert_eq!(r.detail(), "年度应为四位数字，实际为“abc”。");

    // A year nobody wrote for: an index with a zero 合计; bad years and formats are refused.
    let r = app.get(&Auth::Public, "/years/2031/download/xlsx").await;
    assert_eq!(r.status, StatusCode::OK);
    let year = open_year(&r.bytes);
    assert!(year.index.is_empty());
    assert_eq!(year.total, (0, Decimal::ZERO));
    for path in ["/years/abc/download/xlsx", "/years/20231/download/xlsx", "/years/2023/download/pdf"] {
        let r = app.get(&app.admin, path).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}");
    }
    let r = app.get(&app.admin, "/years/2023/download/docx").await;
    assert!(r.body.as_str().unwrap_or("").contains("不支持的年度汇总下载格式“docx”：可选 xlsx。"), "{}", r.body);

    // The dashboard of the year links it.
    let r = app.get(&Auth::Public, "/?year=2023").await;
    assert!(r.body.as_str().unwrap().contains("href=\"/years/2023/download/xlsx\""));
}
both!(the_year_workbook_holds_what_each_role_may_see);

fn pdf_projects(bytes: &[u8]) -> Vec<String> {
    assert!(bytes.starts_with(b"%PDF-"));
    let doc = jixiao_carriers::read_bytes("下载.pdf", bytes).expect("PDF 读得回").document;
    doc.projects.iter().map(|p| p.name.value.clone()).collect()
}

async fn the_pdf_of_the_official_tables_by_role(b: Backend) {
    let app = App::new(b).await;
    let (approved, _) = year_2023(&app).await;
    let all_a = projects_of(&app, app.doc_a).await;
    let draft = all_a.iter().find(|p| p["status"] == "draft").unwrap().clone();
    let (approved_id, draft_id) = (approved["id"].as_i64().unwrap(), draft["id"].as_i64().unwrap());

    // A project: a draft for those who may read it, 404 to the others.
    for (who, auth, sees_draft) in [
        ("管理员", &app.admin, true),
        ("审核员", &app.reviewer, true),
        ("甲部门填报员", &app.filler, true),
        ("乙部门填报员", &app.filler_b, false),
        ("公众", &Auth::Public, false),
    ] {
        let r = app.get(auth, &format!("/projects/{draft_id}/download/pdf")).await;
        if sees_draft {
            assert_eq!((r.status, r.content_type()), (StatusCode::OK, "application/pdf"), "{who}");
            assert_eq!(pdf_projects(&r.bytes), [draft["name"].as_str().unwrap()], "{who}");
            let disposition = r.headers.get(header::CONTENT_DISPOSITION).unwrap().to_str().unwrap();
            assert!(disposition.contains(&format!("filename=\"project-{draft_id}.pdf\"")), "{disposition}");
        } else {
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{who}");
            assert!(!r.bytes.starts_with(b"%PDF"), "{who}");
        }
        let r = app.get(auth, &format!("/projects/{approved_id}/download/pdf")).await;
        assert_eq!(r.status, StatusCode::OK, "{who}");
        let back = jixiao_carriers::read_bytes("x.pdf", &r.bytes).unwrap().document;
        assert_eq!(back.projects.len(), 1);
        let p = &back.projects[0];
        assert_eq!(p.name.value, approved["name"].as_str().unwrap(), "{who}");
        assert_eq!(p.budget.total.as_ref().map(|m| m.value.0), Some(money(&approved)), "{who}");
        assert_eq!(p.indicators.len() as i64, approved["indicator_count"].as_i64().unwrap(), "{who}");

        // The department's PDF: every project the role may see, each table signed.
        let r = app.get(auth, &format!("/departments/{}/download/pdf?year=2023", app.dept_a)).await;
        assert_eq!((r.status, r.content_type()), (StatusCode::OK, "application/pdf"), "{who}");
        let mut got = pdf_projects(&r.bytes);
        let mut want: Vec<String> = if sees_draft { all_a.iter() } else { std::slice::from_ref(&approved).iter() }
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{who}");
    }

    // Formats: pdf is one, anything else is named with the choices.
    let r = app.get(&app.admin, &format!("/projects/{approved_id}/download/odt")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.as_str().unwrap().contains("不支持的下载格式“odt”：可选 xlsx、docx、pdf、csv。"), "{}", r.body);
    // The project and department pages link the PDF.
    let page = app.get(&app.admin, &format!("/projects/{approved_id}")).await;
    assert!(page.body.as_str().unwrap().contains(&format!("href=\"/projects/{approved_id}/download/pdf\"")));
    let page = app.get(&app.admin, &format!("/departments/{}?year=2023", app.dept_a)).await;
    assert!(page.body.as_str().unwrap().contains(&format!("href=\"/departments/{}/download/pdf?year=2023\"", app.dept_a)));
}
both!(the_pdf_of_the_official_tables_by_role);
