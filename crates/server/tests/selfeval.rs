//! Issue 15 in the service: a published self-evaluation (自评表) uploaded is stored with its
//! actuals and scores; its project page shows the 自评 section (published beside recomputed
//! scores, breaks marked, funds, total and grade) and the API carries the row evaluations and
//! the project part; its target table's page links to it and shows each actual beside its
//! target, and back. A self-evaluation follows its project's workflow status like any
//! project: the public never sees a draft's evaluation, nor a filler of another department.
//! On SQLite and PostgreSQL.

mod common;

use std::str::FromStr;

use axum::http::StatusCode;
use common::{App, Auth, Backend};
use jixiao_model::{Decimal, EvaluationFunds, FundLine, Located, Money, Origin, ProjectEvaluation, RowEvaluation, Target};
use serde_json::{json, Value};

const SELF_EVALUATION: &str = "selfeval_sichuan-daying_sifa_2023.txt";

fn corpus(name: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/corpus").join(name)).unwrap()
}

fn html(a: &common::Answer) -> String {
    match &a.body {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

struct Cycle {
    /// The self-evaluation's first project and the target table's (both drafts).
    evaluation: i64,
    target: i64,
    department: i64,
    /// The self-evaluation as read.
    read: jixiao_model::Document,
}

/// The table's project part as printed (the reader fills the rows of the corpus's tables):
/// 全年执行数 3.30 of 3.36 is 98.21%, so the printed 100.00% and full 10 points break the
/// rules (JX-E…), as does the total 99.50 that is not the sum of the scores.
fn printed_part() -> ProjectEvaluation {
    let d = |s: &str| Decimal::from_str(s).unwrap();
    let at = |line, cell| Origin::cell(line, cell);
    ProjectEvaluation {
        funds: EvaluationFunds {
            total: Some(FundLine {
                initial: Some(Located::new(Money(d("0.00")), at(17, 2))),
                adjusted: Some(Located::new(Money(d("3.36")), at(17, 3))),
                executed: Some(Located::new(Money(d("3.30")), at(17, 4))),
                rate: Some(Located::new(d("100.00"), at(17, 5))),
                points: Some(Located::new(d("10"), at(17, 6))),
                score: Some(Located::new(d("10"), at(17, 7))),
                at: at(17, 1),
            }),
            ..Default::default()
        },
        goal_actual: vec![Located::new("2023年购买13台安可电脑，并于12月前完成资金支付。".into(), at(14, 2))],
        total_points: Some(Located::new(d("100"), at(40, 2))),
        total_score: Some(Located::new(d("99.50"), at(40, 3))),
        grade: Some(Located::new("优".into(), at(41, 2))),
        budget_explanation: None,
    }
}

/// The corpus's 自评表 (with its printed project part) imported as an upload is, and its
/// targets (the same projects without the 自评 part) as a document of their own after it.
async fn cycle(app: &App) -> Cycle {
    let bytes = corpus(SELF_EVALUATION);
    let mut upload = jixiao_import::ReadDocument::read(SELF_EVALUATION, bytes).unwrap();
    // The page opens on the unnamed tail of another table (a project of its own, which nothing
    // can pair): the 自评表 this test follows is the form it names.
    upload.reading.document.projects.retain(|p| !p.name.value.is_empty());
    upload.reading.document.projects[0].evaluation = Some(Box::new(printed_part()));
    // The stored page is cut before this form's row reaches its 实际完成值 and 得分: the test
    // gives it the published figures a scored form prints, as it gives the printed part.
    let row = &mut upload.reading.document.projects[0].indicators[0];
    row.weight = Some(Decimal::from(90));
    row.evaluation = Some(RowEvaluation {
        actual: Some(Located::new(Target::parse("100"), row.at)),
        score: Some(Decimal::from(90)),
        deviation: None,
    });
    let cfg = jixiao_review::Config::default();
    upload.report = jixiao_import::check_document(&upload.reading.document, None, &[], &cfg, &Default::default());
    let read = upload.reading.document.clone();
    assert!(read.projects[0].is_self_evaluation());
    let jixiao_store::ImportOutcome::Imported { document_id: doc, .. } =
        jixiao_import::import_read(&app.store, &upload, &jixiao_import::ImportOptions::default()).await.unwrap()
    else {
        panic!("a new document")
    };
    let evaluation = app.first_project(doc).await;
    let mut targets = read.clone();
    for p in &mut targets.projects {
        p.evaluation = None;
        for i in &mut p.indicators {
            i.evaluation = None;
        }
    }
    let draft = jixiao_import::DraftDocument::new("绩效目标表", b"targets".to_vec(), targets);
    let jixiao_store::ImportOutcome::Imported { document_id, .. } =
        jixiao_import::import_draft(&app.store, &draft, &jixiao_import::ImportOptions::default()).await.unwrap()
    else {
        panic!("a new document")
    };
    let target = app.first_project(document_id).await;
    Cycle {
        evaluation: evaluation["id"].as_i64().unwrap(),
        target: target["id"].as_i64().unwrap(),
        department: evaluation["department_id"].as_i64().unwrap(),
        read,
    }
}

async fn self_evaluation_page_and_api(b: Backend) {
    let app = App::new(b).await;
    let c = cycle(&app).await;
    let p = &c.read.projects[0];
    // The API: the project part and every row's actual, exact score and deviation.
    let api = app.get(&app.admin, &format!("/api/v1/projects/{}", c.evaluation)).await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.body);
    let e = p.evaluation.as_deref().unwrap();
    assert_eq!(api.body["evaluation"], serde_json::to_value(e).unwrap(), "{b:?}");
    let total = e.funds.total.as_ref().unwrap();
    assert_eq!(api.body["evaluation"]["funds"]["total"]["adjusted"]["value"], json!(total.adjusted.as_ref().unwrap().value.0.to_string()));
    let rows = api.body["indicators"].as_array().unwrap();
    assert_eq!(rows.len(), p.indicators.len());
    for (row, ind) in rows.iter().zip(&p.indicators) {
        let ev = ind.evaluation.as_ref();
        assert_eq!(row["actual_printed"].as_str(), ev.and_then(|e| e.actual.as_ref()).map(|a| a.value.printed.as_str()), "{b:?}");
        assert_eq!(row["score"].as_str().map(str::to_string), ev.and_then(|e| e.score).map(|s| s.to_string()), "{b:?}");
    }
    assert_eq!(api.body["paired"]["id"], json!(c.target), "{b:?}");
    assert_eq!(api.body["paired"]["self_evaluation"], json!(false), "{b:?}");
    // A target table's project carries none of it.
    let t = app.get(&app.admin, &format!("/api/v1/projects/{}", c.target)).await;
    assert!(t.body.get("evaluation").is_none() && t.body["indicators"][0].get("actual_printed").is_none(), "{}", t.body);
    assert_eq!(t.body["paired"]["id"], json!(c.evaluation), "{b:?}");

    // The page: the 自评 section with published and recomputed scores, the breaks the
    // re-scoring finds marked, the link to the target table.
    let cfg = jixiao_assess::ScoringConfig::default();
    let rescored = jixiao_assess::rescore(&c.read, &cfg);
    let breaks = jixiao_assess::rescore::breaks(&c.read, &rescored[0], &cfg);
    let page = html(&app.get(&app.admin, &format!("/projects/{}", c.evaluation)).await);
    assert!(page.contains("id=\"self-evaluation\""), "{b:?}: {page}");
    assert!(page.contains(&format!("href=\"/projects/{}\" id=\"paired-link\"", c.target)), "{b:?}");
    for ind in &p.indicators {
        if let Some(a) = ind.evaluation.as_ref().and_then(|e| e.actual.as_ref()) {
            assert!(page.contains(&format!("<td class=\"actual\">{}</td>", a.value.printed)), "{b:?}: {}", a.value.printed);
        }
    }
    let marked = page.matches("<tr class=\"break\">").count();
    assert!(breaks.len() >= 2, "{b:?}: the funds row and the total break the rules: {:?}", breaks.iter().map(|b| b.message()).collect::<Vec<_>>());
    assert!(page.contains(&format!("所印自评有 {} 处与评分规则不符", breaks.len())), "{b:?}");
    assert!(marked >= 2, "{b:?}: breaks are marked");
    // The funds row: printed beside recomputed, exact amounts.
    assert!(page.contains("<td class=\"num\">3.36</td><td class=\"num\">3.30</td>"), "{b:?}");
    assert!(page.contains("<td class=\"num bad\">100.00%</td><td class=\"num\">98.21%</td>"), "{b:?}");
    assert!(page.contains("<td class=\"num\" id=\"self-evaluation-total-published\">99.50</td>"), "{b:?}");
    assert!(page.contains("2023年购买13台安可电脑"), "{b:?}");
    let recomputed = rescored[0].totals.recomputed.map(|(t, _)| t.round_dp(2).normalize().to_string()).unwrap();
    assert!(page.contains(&format!("<td class=\"num\" id=\"self-evaluation-total-recomputed\">{recomputed}</td>")), "{b:?}: {recomputed}");
    // The target table's page: each actual beside its target, and the link back.
    let page = html(&app.get(&app.admin, &format!("/projects/{}", c.target)).await);
    assert!(page.contains(&format!("href=\"/projects/{}\" id=\"paired-link\"", c.evaluation)), "{b:?}");
    assert!(page.contains("实际完成值（自评）"), "{b:?}");
    let first_actual = p.indicators.iter().find_map(|i| i.evaluation.as_ref()?.actual.as_ref()).unwrap();
    assert!(page.contains(&format!("<td class=\"paired-actual\">{}</td>", first_actual.value.printed)), "{b:?}");
    assert!(!page.contains("id=\"self-evaluation\""), "{b:?}: a target table has no 自评 section");
}
both!(self_evaluation_page_and_api);

/// What `who` is shown of the self-evaluation: its API answer's status, whether the target
/// table's page and API link to it and show its actuals.
async fn seen(app: &App, who: &Auth, c: &Cycle) -> (StatusCode, StatusCode, bool, bool) {
    let api = app.get(who, &format!("/api/v1/projects/{}", c.evaluation)).await;
    let page = app.get(who, &format!("/projects/{}", c.evaluation)).await;
    let target_api = app.get(who, &format!("/api/v1/projects/{}", c.target)).await;
    let target_page = html(&app.get(who, &format!("/projects/{}", c.target)).await);
    let linked = target_api.status == StatusCode::OK && !target_api.body["paired"].is_null();
    let shown = target_page.contains("paired-link") || target_page.contains("实际完成值（自评）");
    assert_eq!(linked, shown, "the page and the API agree");
    if page.status == StatusCode::OK {
        assert!(html(&page).contains("id=\"self-evaluation\""));
    } else {
        assert!(!html(&page).contains("self-evaluation") && api.body.get("evaluation").is_none());
    }
    (api.status, page.status, linked, shown)
}

/// The department's 自评 figures in `who`'s department comparison of the self-evaluation's
/// year (API and CSV agree): self-evaluations with a printed total and their average.
async fn self_scores(app: &App, who: &Auth, c: &Cycle) -> Option<(i64, String)> {
    let year = c.read.year.as_ref().unwrap().value;
    let r = app.get(who, &format!("/api/v1/compare/departments?year={year}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let d = r.body["departments"].as_array().unwrap().iter().find(|d| d["department_id"] == json!(c.department))?.clone();
    let csv = html(&app.get(who, &format!("/api/v1/compare/departments.csv?year={year}")).await);
    let average = d["average_self_score"].as_str().unwrap_or("").to_string();
    let line = csv.lines().find(|l| l.contains(&format!(",{},", c.department))).unwrap();
    assert!(line.ends_with(&format!(",{},{average}", d["self_evaluated"])), "{line}");
    Some((d["self_evaluated"].as_i64().unwrap(), average))
}

async fn a_self_evaluation_follows_its_projects_status(b: Backend) {
    let app = App::new(b).await;
    let c = cycle(&app).await;
    let own = app.user("filler_c", json!({ "role": "filler", "department_id": c.department })).await;
    let nf = StatusCode::NOT_FOUND;
    // Both drafts: the department's filler sees both and their link; the public and another
    // department's filler see nothing of either.
    assert_eq!(seen(&app, &own, &c).await, (StatusCode::OK, StatusCode::OK, true, true), "{b:?}");
    assert_eq!(seen(&app, &app.reviewer, &c).await, (StatusCode::OK, StatusCode::OK, true, true), "{b:?}");
    assert_eq!(seen(&app, &Auth::Public, &c).await, (nf, nf, false, false), "{b:?}");
    assert_eq!(seen(&app, &app.filler_b, &c).await, (nf, nf, false, false), "{b:?}");
    // Its printed total (99.50) in the department comparison, for those who may read it.
    let scored = Some((1, "99.5".to_string()));
    assert_eq!(self_scores(&app, &own, &c).await, scored, "{b:?}");
    assert_eq!(self_scores(&app, &app.admin, &c).await, scored, "{b:?}");
    assert_eq!(self_scores(&app, &Auth::Public, &c).await, None, "{b:?}");
    assert_eq!(self_scores(&app, &app.filler_b, &c).await, None, "{b:?}");
    // The target table approved, its self-evaluation still a draft: the public reads the
    // targets but no actual, no link, no evaluation.
    app.publish_as_admin(c.target).await;
    assert_eq!(seen(&app, &Auth::Public, &c).await, (nf, nf, false, false), "{b:?}");
    assert_eq!(seen(&app, &app.filler_b, &c).await, (nf, nf, false, false), "{b:?}");
    let public_target = app.get(&Auth::Public, &format!("/api/v1/projects/{}", c.target)).await;
    assert_eq!(public_target.status, StatusCode::OK, "{b:?}");
    assert!(public_target.body["paired"].is_null(), "{b:?}");
    assert_eq!(self_scores(&app, &Auth::Public, &c).await, Some((0, String::new())), "{b:?}: the targets, no 自评得分");
    // The self-evaluation approved too: everyone sees it and the cycle.
    app.publish_as_admin(c.evaluation).await;
    assert_eq!(seen(&app, &Auth::Public, &c).await, (StatusCode::OK, StatusCode::OK, true, true), "{b:?}");
    assert_eq!(seen(&app, &app.filler_b, &c).await, (StatusCode::OK, StatusCode::OK, true, true), "{b:?}");
    assert_eq!(self_scores(&app, &Auth::Public, &c).await, scored, "{b:?}");
    let public = app.get(&Auth::Public, &format!("/api/v1/projects/{}", c.evaluation)).await;
    assert!(public.body["evaluation"].is_object(), "{b:?}");
}
both!(a_self_evaluation_follows_its_projects_status);

/// Issue 18 from the store: last year's 自评表 stored with its actuals, this year's target
/// below what was achieved is `JX-B001` in the project's benchmarks (page and API).
async fn last_years_actual_benchmarks_this_years_target(b: Backend) {
    let app = App::new(b).await;
    // A 自评表 with a row whose 实际完成值 is a number with a unit.
    let mut picked = None;
    for name in ["selfeval_hunan-hengshan_liangshi_2020.txt", "selfeval_anhui-suixi_minzheng_2019.txt", "selfeval_hubei-guangshui_jiaotong_2021.txt", SELF_EVALUATION] {
        let bytes = corpus(name);
        let doc = jixiao_read::read_bytes(name, &bytes).unwrap().document;
        let row = doc.projects.first().and_then(|p| {
            p.indicators.iter().position(|i| {
                let a = i.evaluation.as_ref().and_then(|e| e.actual.as_ref());
                a.is_some_and(|a| a.value.number().is_some_and(|n| n > jixiao_model::Decimal::ONE) && a.value.unit().is_some())
                    && i.target.as_ref().is_some_and(|t| t.value.number().is_some())
            })
        });
        if let (Some(row), Some(_)) = (row, doc.year.as_ref()) {
            picked = Some((name, bytes, doc, row));
            break;
        }
    }
    let (name, bytes, last_year, row) = picked.expect("a corpus 自评表 with a numeric actual");
    let up = app.upload(&app.admin, name, &bytes).await;
    assert!(up.status.is_success(), "{} {}", up.status, up.body);
    // Next year's targets of the same project: that row's target half of last year's actual.
    let mut next = last_year.clone();
    next.projects.truncate(1);
    let year = next.year.as_mut().unwrap();
    year.value += 1;
    let p = &mut next.projects[0];
    p.evaluation = None;
    for i in &mut p.indicators {
        i.evaluation = None;
    }
    let actual = last_year.projects[0].indicators[row].evaluation.as_ref().unwrap().actual.as_ref().unwrap().value.clone();
    let lower = format!("≥{}{}", (actual.number().unwrap() / jixiao_model::Decimal::TWO).round_dp(2).normalize(), actual.unit().unwrap());
    let target = p.indicators[row].target.as_mut().unwrap();
    target.value = jixiao_model::Target::parse(&lower);
    let level3 = p.indicators[row].level3_text().to_string();
    let draft = jixiao_import::DraftDocument::new("下一年度绩效目标表", b"next".to_vec(), next);
    let jixiao_store::ImportOutcome::Imported { document_id, .. } =
        jixiao_import::import_draft(&app.store, &draft, &jixiao_import::ImportOptions::default()).await.unwrap()
    else {
        panic!("a new document")
    };
    let project = app.first_project(document_id).await["id"].as_i64().unwrap();
    let found = app.get(&app.admin, &format!("/api/v1/projects/{project}/benchmarks")).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    let text = found.body.to_string();
    assert!(text.contains("JX-B001") && text.contains(&level3), "{b:?}: {lower} against {}: {text}", actual.printed);
    let page = html(&app.get(&app.admin, &format!("/projects/{project}/benchmarks")).await);
    assert!(page.contains("JX-B001"), "{b:?}: {page}");
    // The public sees neither draft: nothing to compare with.
    let public = app.get(&Auth::Public, &format!("/api/v1/projects/{project}/benchmarks")).await;
    assert_eq!(public.status, StatusCode::NOT_FOUND, "{b:?}");
}
both!(last_years_actual_benchmarks_this_years_target);

/// A 自评表 of the corpus and its target table approving more than the 自评表 reprints:
/// 毛发检查试剂数量 ≥4000份 approved, ≥2400份 reprinted, 3200份 achieved with the full 12.
/// Returns the self-evaluation's project, the target table's and their department.
async fn changed_cycle(app: &App) -> (i64, i64, i64) {
    let name = "selfeval_anhui-xuancheng_gongan_2021.txt";
    // The service's store re-reviews (`AppState::new` installs the reviewer): so does this one.
    let store = app.store.clone().with_reviewer(std::sync::Arc::new(jixiao_import::StoredReviewer::new()));
    let upload = jixiao_import::ReadDocument::read(name, corpus(name)).unwrap();
    let mut targets = upload.reading.document.clone();
    let jixiao_store::ImportOutcome::Imported { document_id: doc, .. } =
        jixiao_import::import_read(&store, &upload, &jixiao_import::ImportOptions::default()).await.unwrap()
    else {
        panic!("a new document")
    };
    let evaluation = app.first_project(doc).await;
    for p in &mut targets.projects {
        p.evaluation = None;
        for i in &mut p.indicators {
            i.evaluation = None;
            i.weight = None;
            if i.level3_text() == "指标2:毛发检查试剂数量" {
                i.level3 = Some(Located::new("毛发检查试剂数量".into(), i.at));
                i.target = Some(Located::new(jixiao_model::Target::parse("≥4000份"), i.at));
            }
        }
    }
    let draft = jixiao_import::DraftDocument::new("绩效目标表", b"targets".to_vec(), targets);
    let jixiao_store::ImportOutcome::Imported { document_id, .. } =
        jixiao_import::import_draft(&store, &draft, &jixiao_import::ImportOptions::default()).await.unwrap()
    else {
        panic!("a new document")
    };
    let target = app.first_project(document_id).await;
    (evaluation["id"].as_i64().unwrap(), target["id"].as_i64().unwrap(), evaluation["department_id"].as_i64().unwrap())
}

/// The row of the downloaded 自评表 for 毛发检查试剂数量: 年度指标值, 所印得分, 复核得分 as
/// the spreadsheet shows them, and the total row's 所印 and 复核 figures.
/// Every sheet's name and cells, as text.
fn xlsx_cells(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let names = wb.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let rows = range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
            (name, rows)
        })
        .collect()
}

fn xlsx_row(bytes: &[u8]) -> ((String, String, String), (String, String)) {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheet = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&sheet).unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    let head = rows.iter().find(|r| r.iter().any(|c| c == "所印得分") && r.iter().any(|c| c == "年度指标值")).expect("the indicator header");
    let col = |name: &str| head.iter().position(|c| c == name).unwrap();
    let (target, printed, recomputed) = (col("年度指标值"), col("所印得分"), col("复核得分"));
    let row = rows.iter().find(|r| r.iter().any(|c| c == "指标2:毛发检查试剂数量")).expect("the row");
    let total = rows.iter().find(|r| r.first().is_some_and(|c| c == "总分")).expect("the total row");
    let figures: Vec<&String> = total.iter().filter(|c| !c.is_empty() && c.as_str() != "总分").collect();
    (
        (row[target].clone(), row[printed].clone(), row[recomputed].clone()),
        (figures[1].clone(), figures[2].clone()),
    )
}

/// Issue 15: `GET /api/v1/projects/{id}/self-evaluation.xlsx` and the page's
/// `/projects/{id}/self-evaluation.xlsx`: the 自评表 with the published beside the recomputed
/// 得分, judged against the approved targets the caller may see. While both are drafts the
/// owner's filler, the reviewer and the admin get it (≥4000份 approved: 12 × 3200 ÷ 4000 =
/// 9.6 beside the printed 12; total 34 printed, 31.6 recomputed); the public and another
/// department's filler get 404. The self-evaluation published alone: the public gets it
/// judged by its printed ≥2400份 (the draft target table stays hidden). A target table has
/// no 自评表 to download. The stored findings name the changed target (JX-E015).
async fn self_evaluation_xlsx_per_role(b: Backend) {
    let app = App::new(b).await;
    let (e, t, department) = changed_cycle(&app).await;
    let own = app.user("filler_x", json!({ "role": "filler", "department_id": department })).await;
    let path = format!("/api/v1/projects/{e}/self-evaluation.xlsx");
    let approved = (("≥4000份".to_string(), "12".to_string(), "9.6".to_string()), ("34".to_string(), "31.6".to_string()));
    for who in [&app.admin, &app.reviewer, &own] {
        let a = app.get(who, &path).await;
        assert_eq!(a.status, StatusCode::OK, "{b:?}: {}", a.body);
        assert_eq!(a.content_type(), jixiao_server::api::templates::XLSX, "{b:?}");
        assert!(a.headers[axum::http::header::CONTENT_DISPOSITION].to_str().unwrap().contains("project-"), "{b:?}");
        assert_eq!(xlsx_row(&a.bytes), approved, "{b:?}");
        let page = app.get(who, &format!("/projects/{e}/self-evaluation.xlsx")).await;
        // The same workbook, cell for cell on every sheet (the file's bytes differ where the
        // two downloads straddle a second: the workbook records when it was made).
        assert_eq!((page.status, xlsx_cells(&page.bytes)), (StatusCode::OK, xlsx_cells(&a.bytes)), "{b:?}: the page serves the same file");
    }
    for who in [&Auth::Public, &app.filler_b] {
        assert_eq!(app.get(who, &path).await.status, StatusCode::NOT_FOUND, "{b:?}");
        assert_eq!(app.get(who, &format!("/projects/{e}/self-evaluation.xlsx")).await.status, StatusCode::NOT_FOUND, "{b:?}");
    }
    let target = app.get(&app.admin, &format!("/api/v1/projects/{t}/self-evaluation.xlsx")).await;
    assert_eq!(target.status, StatusCode::NOT_FOUND, "{b:?}");
    assert!(target.detail().contains("不是已公开的自评表"), "{b:?}: {}", target.detail());
    // The page offers the download on the 自评表 only, and lists the changed target.
    let page = html(&app.get(&app.admin, &format!("/projects/{e}")).await);
    assert!(page.contains(&format!("href=\"/projects/{e}/self-evaluation.xlsx\"")), "{b:?}");
    assert!(page.contains("JX-E015") && page.contains("批复目标“≥4000份”"), "{b:?}: {}", page.split("JX-E").skip(1).map(|s| s.chars().take(200).collect::<String>()).collect::<Vec<_>>().join("\n"));
    assert!(!html(&app.get(&app.admin, &format!("/projects/{t}")).await).contains("self-evaluation.xlsx"), "{b:?}");
    // Published alone: the public gets it, judged by what it may see.
    app.publish_as_admin(e).await;
    let public = app.get(&Auth::Public, &path).await;
    assert_eq!(public.status, StatusCode::OK, "{b:?}");
    let printed = (("≥2400份".to_string(), "12".to_string(), "12".to_string()), ("34".to_string(), "34".to_string()));
    assert_eq!(xlsx_row(&public.bytes), printed, "{b:?}: no draft target leaks");
    assert_eq!(xlsx_row(&app.get(&app.filler_b, &path).await.bytes), printed, "{b:?}");
    assert_eq!(xlsx_row(&app.get(&app.admin, &path).await.bytes), approved, "{b:?}");
    // Nor do the stored findings, which everyone who reads the 自评表 sees: they were judged
    // again on publishing, against what the public may see.
    let public_page = html(&app.get(&Auth::Public, &format!("/projects/{e}")).await);
    assert!(public_page.contains("id=\"self-evaluation\""), "{b:?}");
    assert!(!public_page.contains("≥4000份"), "{b:?}: a draft target table's value in a published finding");
    // The target table published too: the public's is judged by the approved targets, and the
    // stored findings name the change again.
    app.publish_as_admin(t).await;
    assert_eq!(xlsx_row(&app.get(&Auth::Public, &path).await.bytes), approved, "{b:?}");
    let public_page = html(&app.get(&Auth::Public, &format!("/projects/{e}")).await);
    assert!(public_page.contains("批复目标“≥4000份”") && public_page.contains("未达到年度指标值≥4000份"), "{b:?}");
    // In the OpenAPI document.
    let api = app.get(&Auth::Public, "/api/openapi.json").await;
    assert!(api.body["paths"]["/api/v1/projects/{id}/self-evaluation.xlsx"]["get"].is_object(), "{b:?}");
}
both!(self_evaluation_xlsx_per_role);

/// The 部门整体 自评表 (issue 15): its rows (实际完成值, 分值, 得分) and its printed part (funds,
/// total, grade) are shown on its department's page in the same 自评复核 section as a
/// project's, published beside recomputed, breaks marked — to whoever may see the table: its
/// department, reviewers and admins while it is a draft, everyone once approved; never to
/// another department's filler or the public before.
async fn department_self_evaluation_on_its_page(b: Backend) {
    let app = App::new(b).await;
    let read = jixiao_import::ReadDocument::read(SELF_EVALUATION, corpus(SELF_EVALUATION)).unwrap().reading.document;
    let department: String = app.get(&app.admin, &format!("/api/v1/organisations/{}", app.dept_a)).await.body["name"].as_str().unwrap().to_string();
    let rows = read.projects[0].indicators.clone();
    assert!(rows.iter().any(|i| i.evaluation.is_some()), "{b:?}: the corpus rows print actuals");
    let mut doc = jixiao_model::Document {
        source: "部门整体自评表.txt".into(),
        department: Some(Located::new(department, Origin::line(1))),
        year: read.year.clone(),
        department_indicators: rows.clone(),
        department_evaluation: Some(Box::new(printed_part())),
        ..Default::default()
    };
    doc.overall_goals = vec![Located::new("全年保障司法行政工作正常运转。".into(), Origin::line(2))];
    let draft = jixiao_import::DraftDocument::new("部门整体自评表", b"dept-selfeval".to_vec(), doc.clone());
    let jixiao_store::ImportOutcome::Imported { revision_id: table, .. } =
        jixiao_import::import_draft(&app.store, &draft, &jixiao_import::ImportOptions::default()).await.unwrap()
    else {
        panic!("a new document")
    };
    let year = read.year.as_ref().map(|y| y.value).unwrap();
    let page_of = |who: &'static str| {
        let app = &app;
        async move {
            let auth = match who {
                "admin" => &app.admin,
                "reviewer" => &app.reviewer,
                "filler" => &app.filler,
                "filler_b" => &app.filler_b,
                _ => &Auth::Public,
            };
            let page = app.get(auth, &format!("/departments/{}?year={year}", app.dept_a)).await;
            assert_eq!(page.status, StatusCode::OK, "{b:?} {who}");
            html(&page)
        }
    };
    let section = format!("id=\"department-self-evaluation-{table}\"");
    // What the section shows: the printed total beside the recomputed one, the funds with the
    // printed rate marked, a row's actual, the breaks.
    let rescored = jixiao_assess::rescore(&doc, &jixiao_assess::ScoringConfig::default());
    let dept = rescored.iter().find(|r| r.project.is_none()).expect("the 部门整体 table is re-scored");
    let recomputed = dept.totals.recomputed.map(|(t, _)| t.round_dp(2).normalize().to_string()).unwrap();
    let actual = rows.iter().find_map(|i| i.evaluation.as_ref()?.actual.as_ref().map(|a| a.value.printed.clone())).unwrap();
    for who in ["admin", "reviewer", "filler"] {
        let page = page_of(who).await;
        assert!(page.contains(&section) && page.contains("部门整体自评复核"), "{b:?} {who}: {page}");
        assert!(page.contains(&format!("<td class=\"num\" id=\"department-self-evaluation-{table}-total-published\">99.50</td>")), "{b:?} {who}");
        assert!(page.contains(&format!("<td class=\"num\" id=\"department-self-evaluation-{table}-total-recomputed\">{recomputed}</td>")), "{b:?} {who}");
        assert!(page.contains("<td class=\"num bad\">100.00%</td><td class=\"num\">98.21%</td>"), "{b:?} {who}");
        assert!(page.contains(&format!("<td class=\"actual\">{actual}</td>")), "{b:?} {who}: {actual}");
        assert!(page.contains("2023年购买13台安可电脑"), "{b:?} {who}");
        assert!(page.contains(&format!("id=\"department-self-evaluation-{table}-breaks\"")), "{b:?} {who}");
    }
    for who in ["filler_b", "public"] {
        let page = page_of(who).await;
        assert!(!page.contains(&section) && !page.contains("2023年购买13台安可电脑"), "{b:?} {who}: a draft 部门整体 自评表 shown");
    }
    // Approved: everyone sees it.
    for action in ["submit", "approve"] {
        let v = app.get(&app.admin, &format!("/api/v1/department-tables/{table}")).await.body["version"].as_i64().unwrap();
        let mut body = json!({ "version": v });
        if action == "submit" {
            body["comment"] = json!("测试：审核发现已知。");
        }
        let r = app.send(&app.admin, axum::http::Method::POST, &format!("/api/v1/department-tables/{table}/{action}"), Some(body)).await;
        assert_eq!(r.status, StatusCode::OK, "{b:?} {action}: {}", r.body);
    }
    for who in ["filler_b", "public"] {
        let page = page_of(who).await;
        assert!(page.contains(&section) && page.contains(&format!("<td class=\"actual\">{actual}</td>")), "{b:?} {who}: approved");
    }
    // A target table's 部门整体 part has no such section.
    let mut targets = doc.clone();
    targets.department_evaluation = None;
    for i in &mut targets.department_indicators {
        i.evaluation = None;
    }
    targets.source = "部门整体目标表.txt".into();
    let draft = jixiao_import::DraftDocument::new("部门整体目标表", b"dept-targets".to_vec(), targets);
    let jixiao_store::ImportOutcome::Imported { revision_id: plain, .. } =
        jixiao_import::import_draft(&app.store, &draft, &jixiao_import::ImportOptions::default()).await.unwrap()
    else {
        panic!("a new document")
    };
    let page = page_of("admin").await;
    assert!(page.contains(&format!("id=\"department-table-{plain}\"")), "{b:?}");
    assert!(!page.contains(&format!("id=\"department-self-evaluation-{plain}\"")), "{b:?}");
}
both!(department_self_evaluation_on_its_page);

/// Issue 15: a target table edited through the API (PUT of an indicator's 指标值) re-reviews
/// its paired 自评表 in the same request: the 自评表's stored findings (what its page lists)
/// follow the approved value — gone when it is edited to the value the 自评表 reprints, back
/// quoting the new value when edited away from it.
async fn editing_a_target_rereviews_its_self_evaluation(b: Backend) {
    let app = App::new(b).await;
    let (e, t, _) = changed_cycle(&app).await;
    let page = || async { html(&app.get(&app.admin, &format!("/projects/{e}")).await) };
    assert!(page().await.contains("批复目标“≥4000份”"), "{b:?}: as imported");
    let project = app.get(&app.admin, &format!("/api/v1/projects/{t}")).await;
    let row = project.body["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["level3"] == "毛发检查试剂数量")
        .unwrap_or_else(|| panic!("{b:?}: the target row: {}", project.body))
        .clone();
    let id = row["id"].as_i64().unwrap();
    let put = |value: &'static str| {
        let app = &app;
        async move {
            let v = app.get(&app.admin, &format!("/api/v1/indicators/{id}")).await.body["version"].as_i64().unwrap();
            let r = app.send(&app.admin, axum::http::Method::PUT, &format!("/api/v1/indicators/{id}"), Some(json!({ "version": v, "target": value }))).await;
            assert_eq!(r.status, StatusCode::OK, "{b:?}: {}", r.body);
        }
    };
    put("≥2400份").await;
    let now = page().await;
    assert!(!now.contains("批复目标“") && !now.contains("≥4000份"), "{b:?}: the 自评表 reprints the approved value now");
    put("≥3000份").await;
    let now = page().await;
    assert!(now.contains("批复目标“≥3000份”") && !now.contains("≥4000份"), "{b:?}: edited away again");
}
both!(editing_a_target_rereviews_its_self_evaluation);
