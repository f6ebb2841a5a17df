//! `jixiao monitor` and `jixiao score`: template, import with cell errors, lights, 自评表.

use jixiao_assess::actual::{ActualValue, QualitativeBand, TargetKind};
use jixiao_assess::monitoring::{
    IndicatorProgress, Likelihood, MonitoringReport, Period, ProjectMonitoring,
};
use jixiao_model::{Decimal, Document, Money};

use crate::util::{fixtures, jixiao, temp_dir};

fn seed() -> std::path::PathBuf {
    fixtures().join("seeds/001_bad47639f8145b87.txt")
}

/// Half the budget spent by July, every counted indicator at half its target.
fn july(doc: &Document) -> MonitoringReport {
    let half = |d: Decimal| d / Decimal::from(2);
    MonitoringReport {
        period: Period::new(Some(2021), 1, 7).unwrap(),
        projects: doc
            .projects
            .iter()
            .enumerate()
            .map(|(pi, p)| {
                let budget = p.budget.total.as_ref().map_or(Money::ZERO, |m| m.value);
                ProjectMonitoring {
                    project: pi,
                    annual_budget: Some(budget),
                    spent_to_date: Some(Money(half(budget.0))),
                    expected_full_year_spend: Some(budget),
                    indicators: p
                        .indicators
                        .iter()
                        .enumerate()
                        .map(|(ii, ind)| {
                            let current = match TargetKind::of(ind) {
                                TargetKind::Quantity { value, .. } => ActualValue::number(value),
                                TargetKind::Deadline { month } => ActualValue::Completed {
                                    month: month.unwrap_or(6),
                                },
                                _ => ActualValue::band(QualitativeBand::Achieved),
                            };
                            IndicatorProgress {
                                current: Some(current),
                                likelihood: Some(Likelihood::Certain),
                                ..IndicatorProgress::empty(ii)
                            }
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}

#[test]
fn template_import_lights_and_score() {
    let dir = temp_dir("assess");
    let template = dir.join("模板.xlsx");
    let out = jixiao(&[
        "monitor",
        "template",
        seed().to_str().unwrap(),
        "--to-month",
        "7",
        "-o",
        template.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::metadata(&template).unwrap().len() > 1000);

    // An empty template is refused cell by cell, naming sheet, row and column.
    let out = jixiao(&[
        "monitor",
        "import",
        seed().to_str().unwrap(),
        template.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("工作表「指标」第2行") && err.contains("未导入任何数据"),
        "{err}"
    );

    // A filled one gives lights.
    let doc = jixiao_read::read_path(&seed()).unwrap().document;
    let filled = dir.join("填报.xlsx");
    let report = july(&doc);
    let bytes = jixiao_office::monitoring::monitor_template(&doc, report.period, Some(&report)).unwrap();
    std::fs::write(&filled, bytes).unwrap();
    let html = dir.join("lights.html");
    let out = jixiao(&[
        "monitor",
        "lights",
        seed().to_str().unwrap(),
        filled.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("安全生产专项经费"), "{text}");
    assert!(std::fs::read_to_string(&html)
        .unwrap()
        .contains("data-field=\"light\""));

    // Year end: everything met → 100 points, 优, and the 自评表 written.
    let mut year_end = report.clone();
    year_end.period = Period::new(Some(2021), 1, 12).unwrap();
    for p in &mut year_end.projects {
        p.spent_to_date = p.annual_budget;
    }
    let filled = dir.join("全年.xlsx");
    let bytes =
        jixiao_office::monitoring::monitor_template(&doc, year_end.period, Some(&year_end)).unwrap();
    std::fs::write(&filled, bytes).unwrap();
    let form = dir.join("自评表.xlsx");
    let out = jixiao(&[
        "score",
        seed().to_str().unwrap(),
        "--year-end",
        filled.to_str().unwrap(),
        "--xlsx",
        form.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("优"), "{text}");
    assert!(std::fs::metadata(&form).unwrap().len() > 1000);
}
