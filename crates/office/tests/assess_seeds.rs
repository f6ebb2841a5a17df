//! The five published seed documents, read by the real reader, through the whole cycle:
//! template → filled workbook → import → lights → self-evaluation → 自评表.

use std::io::Cursor;
use std::path::PathBuf;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

use jixiao_assess::actual::{ActualValue, QualitativeBand, TargetKind};
use jixiao_assess::lights::{project_lights, Light, LightConfig};
use jixiao_assess::monitoring::{IndicatorProgress, Likelihood, MonitoringReport, Period, ProjectMonitoring};
use jixiao_assess::scoring::{score_document, Grade, ScoringConfig, SelfEvaluation};
use jixiao_assess::self_evaluation_tables;
use jixiao_office::monitoring::{monitor_template, read_monitoring_xlsx};
use jixiao_office::write_html::page_html;
use jixiao_office::write_table::tables_xlsx;
use jixiao_model::{Comparison, Decimal, Document, Money};

fn seeds() -> Vec<(String, Document)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), jixiao_read::read_path(&p).unwrap().document))
        .collect()
}

/// Every indicator exactly at its target: numbers equal to the target, 达成 for qualitative
/// and unreadable targets, deadlines completed in their month.
fn on_target(doc: &Document, period: Period) -> MonitoringReport {
    MonitoringReport {
        period,
        projects: doc
            .projects
            .iter()
            .enumerate()
            .map(|(pi, p)| {
                let budget = p.budget.total.as_ref().map_or(Money::ZERO, |m| m.value);
                ProjectMonitoring {
                    year_end: Default::default(),
                    project: pi,
                    annual_budget: Some(budget),
                    spent_to_date: Some(budget),
                    expected_full_year_spend: Some(budget),
                    indicators: p
                        .indicators
                        .iter()
                        .enumerate()
                        .map(|(ii, ind)| {
                            let current = match TargetKind::of(ind) {
                                // Strict operators need a value strictly beyond the target.
                                TargetKind::Quantity { op: Some(Comparison::LessThan), value, .. } => ActualValue::number(value - Decimal::ONE),
                                TargetKind::Quantity { op: Some(Comparison::MoreThan), value, .. } => ActualValue::number(value + Decimal::ONE),
                                TargetKind::Quantity { value, upper, .. } => ActualValue::number(upper.unwrap_or(value)),
                                TargetKind::Deadline { month } => ActualValue::Completed { month: month.unwrap_or(12) },
                                _ => ActualValue::band(QualitativeBand::Achieved),
                            };
                            IndicatorProgress { current: Some(current), likelihood: Some(Likelihood::Certain), ..IndicatorProgress::empty(ii) }
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}

#[test]
fn seeds_go_through_the_whole_cycle() {
    let seeds = seeds();
    assert_eq!(seeds.len(), 5);
    for (name, doc) in seeds {
        let year_end = Period::to_month(doc.year.as_ref().map(|y| y.value), 12).unwrap();
        let report = on_target(&doc, year_end);

        // Template pre-filled with the entries, read back unchanged.
        let bytes = monitor_template(&doc, year_end, Some(&report)).unwrap();
        let read = read_monitoring_xlsx(&name, &bytes, &doc).map_err(|e| e.iter().map(ToString::to_string).collect::<Vec<_>>());
        assert_eq!(read.as_ref(), Ok(&report), "{name}");

        // On target at year end: no red, yellow or blue light anywhere.
        for pm in &report.projects {
            let lights = project_lights(&doc, pm, year_end, &LightConfig::default());
            let budget_printed = doc.projects[pm.project].budget.total.as_ref().is_some_and(|m| m.value.0 > Decimal::ZERO);
            assert_eq!(lights.budget.light == Light::Green, budget_printed, "{name} {}", doc.projects[pm.project].name.value);
            let [red, yellow, _, blue, _] = lights.counts();
            assert_eq!((red, yellow, blue), (0, 0, 0), "{name} {}: {:?}", doc.projects[pm.project].name.value, lights);
        }

        // Every project scores full marks: all met, money fully spent (or no budget).
        let evals: Vec<SelfEvaluation> = report.projects.iter().map(SelfEvaluation::from_monitoring).collect();
        let scores = score_document(&doc, &evals, &ScoringConfig::default())
            .unwrap_or_else(|e| panic!("{name}: {:#?}", e.iter().map(ToString::to_string).collect::<Vec<_>>()));
        assert_eq!(scores.len(), doc.projects.len(), "{name}");
        for s in &scores {
            assert_eq!(jixiao_assess::fmt2(s.total), "100.00", "{name} {}", s.name);
            assert_eq!(s.grade, Grade::Excellent);
            assert!(s.warnings.is_empty(), "{name}: {:?}", s.warnings);
        }

        // The 自评表 workbook has one sheet per project, each totalling 100.
        let xlsx = tables_xlsx(&self_evaluation_tables(&doc, &scores)).unwrap();
        let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx)).unwrap();
        let sheets = wb.sheet_names();
        assert_eq!(sheets.len(), doc.projects.len(), "{name}");
        for (sheet, s) in sheets.iter().zip(&scores) {
            let range = wb.worksheet_range(sheet).unwrap();
            let total_row = range.rows().position(|r| r.first() == Some(&Data::String("总分".into()))).expect("总分 row");
            let row = range.rows().nth(total_row).unwrap();
            assert_eq!(row[7], Data::Float(100.0), "{name} {}", s.name);
        }
        let html = page_html(&self_evaluation_tables(&doc, &scores));
        assert_eq!(html.matches("<h1>项目支出绩效自评表</h1>").count(), doc.projects.len());
    }
}

/// Seed 000, project “双控”机制建设 in July:
/// - 执行 2 of 5 万元 against the document's own spending plan (6月底 25%, 10月底 80%; issue
///   17): July's planned pace is 25 + (80 − 25) × 1/4 = 38.75%; 40% ÷ 38.75% = 103.23% →
///   green. Against the time share 7/12 it would be 40% ÷ 58.33% = 68.57% → yellow.
/// - 双控机制活动覆盖数 ≥16次/年, 7 so far: expected 16 × 7/12 = 9.33; 7 ÷ 9.33 = 75% → yellow.
/// - 活动质量 ≥95% (quality, in range): 96 → green.
/// - 服务对象满意度 ≥90% (a rate, in range): 80 → red.
#[test]
fn seed_project_in_july() {
    let (_, doc) = seeds().into_iter().find(|(n, _)| n.starts_with("000_")).unwrap();
    let project = &doc.projects[0];
    assert_eq!(project.name.value, "\"双控\"机制建设");
    let find = |level3: &str| project.indicators.iter().position(|i| i.level3_text() == level3).unwrap();
    let july = Period::to_month(Some(2023), 7).unwrap();
    let entries = [("双控机制活动覆盖数", "7"), ("活动质量", "96"), ("服务对象满意度", "80")];
    let pm = ProjectMonitoring {
        year_end: Default::default(),
        project: 0,
        annual_budget: None,
        spent_to_date: Some(Money(Decimal::from(2))),
        expected_full_year_spend: None,
        indicators: entries
            .iter()
            .map(|(level3, value)| {
                let i = find(level3);
                let current = TargetKind::of(&project.indicators[i]).parse(value).unwrap();
                IndicatorProgress { current: Some(current), likelihood: Some(Likelihood::Certain), ..IndicatorProgress::empty(i) }
            })
            .collect(),
    };
    let lights = project_lights(&doc, &pm, july, &LightConfig::default());
    assert_eq!(lights.budget.light, Light::Green);
    assert!(lights.budget.planned);
    assert_eq!(jixiao_assess::fmt2(lights.budget.time_share), "38.75");
    assert_eq!(jixiao_assess::fmt2(lights.budget.ratio.unwrap()), "103.23");
    let by_time = jixiao_assess::lights::budget_light(Some(Money(Decimal::from(2))), pm.budget(&doc), july, &LightConfig::default());
    assert_eq!(by_time.light, Light::Yellow);
    assert_eq!(jixiao_assess::fmt2(by_time.ratio.unwrap()), "68.57");
    let light_of = |level3: &str| lights.indicators[find(level3)].clone();
    assert_eq!(light_of("双控机制活动覆盖数").light, Light::Yellow);
    assert_eq!(light_of("双控机制活动覆盖数").ratio, Some(Decimal::from(75)));
    assert_eq!(light_of("活动质量").light, Light::Green);
    assert_eq!(light_of("服务对象满意度").light, Light::Red);
}
