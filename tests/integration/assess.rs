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
                    year_end: Default::default(),
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

/// Issue 15: `jixiao score` takes a published 自评表 as its year-end input. Alone, it re-scores
/// what is printed (each row published beside recomputed, with the arithmetic); with
/// `--targets` the project is paired with its target table and judged against the approved
/// 年度指标值: the 自评表 reprints 毛发检查试剂数量 as ≥2400份 where ≥4000份 was approved, so
/// 3200份 earns 12 × 3200 ÷ 4000 = 9.60, not the printed full 12 (JX-E015, JX-E002), and
/// the total 10 + 12 + 12 = 34 is 31.60 by the rules.
#[test]
fn score_reads_a_published_self_evaluation_and_its_approved_targets() {
    let selfeval = fixtures().join("corpus/selfeval_anhui-xuancheng_gongan_2021.txt");
    let out = jixiao(&["score", selfeval.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.starts_with("1. 禁毒经费\n"), "{text}");
    assert!(
        text.contains("   指标2:毛发检查试剂数量：年度指标值 ≥2400份，实际完成值 3200份，分值 12，所印得分 12，重算 12.00（实际3200份 ≥ 指标值2400份，得满分12）【与规则相符】\n"),
        "{text}"
    );
    assert!(text.contains("预算执行·年度资金总额：执行率 100.00%（所印 100%），分值 10，所印得分 10，重算 10.00"), "{text}");
    assert!(text.contains("   总分：所印 34；按规则重算 34.00，差\n"), "{text}");
    assert!(!text.contains("JX-E015") && !text.contains("JX-E002"), "{text}");

    let dir = temp_dir("score-selfeval");
    let targets = dir.join("绩效目标表.txt");
    std::fs::write(
        &targets,
        "宣城市公安局\n项目支出绩效目标表\n(2021年)\n主管部门 | 宣城市公安局 | 实施单位 | 禁毒支队 |\n项目名称 | 禁毒经费 | |||\n\
         预算规模及资金用途 | 预算数 | 100.00 | 其中:财政 资金 | 100.00 | 其他资金 | |\n绩效目标 | 支持公安机关开展禁毒业务工作,有效的打击毒品犯罪 |\n\
         一级指标 | 二级指标 | 三级指标 | 指标值 |\n产出指标 | 数量指标 | 禁毒舞台剧宣传的场次 | ≥1场 |\n产出指标 | 数量指标 | 毛发检查试剂数量 | ≥4000份 |\n",
    )
    .unwrap();
    let form = dir.join("自评表.xlsx");
    let out = jixiao(&["score", selfeval.to_str().unwrap(), "--targets", targets.to_str().unwrap(), "--xlsx", form.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    // An error finding (JX-E002): exit code 1.
    assert_eq!(out.status.code(), Some(1), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.starts_with("「禁毒经费」与绩效目标表项目「禁毒经费」为同一项目（按部门、项目名称与年度），按批复的年度指标值复核\n"), "{text}");
    assert!(
        text.contains("   指标2:毛发检查试剂数量：年度指标值 ≥4000份，实际完成值 3200份，分值 12，所印得分 12，重算 9.60（12 × 3200 ÷ 4000 = 9.60）【未达成却得满分】\n"),
        "{text}"
    );
    // The row both sides print alike (after its number 指标1:) is no change.
    assert!(text.contains("   指标1:禁毒舞台剧宣传的场次：年度指标值 ≥1场，实际完成值 1场，分值 12，所印得分 12，重算 12.00"), "{text}");
    assert!(text.contains("   总分：所印 34；按规则重算 31.60，差\n"), "{text}");
    assert!(
        text.contains("JX-E015 自评表指标值与批复目标不同")
            && text.contains("指标“指标2:毛发检查试剂数量”：自评表所印年度指标值“≥2400份”与批复目标“≥4000份”不同（目标降低），按批复目标“≥4000份”复核。"),
        "{text}"
    );
    assert_eq!(text.matches("自评表所印年度指标值").count(), 1, "{text}");
    assert!(text.contains("JX-E002 未达成却得满分") && text.contains("实际完成3200份，未达到年度指标值≥4000份，却得满分12；按规则应得9.60"), "{text}");
    let xlsx = std::fs::read(&form).unwrap();
    assert!(xlsx.starts_with(b"PK") && xlsx.len() > 1000);

    // A target table is no year-end input by itself.
    let out = jixiao(&["score", seed().to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("不是已公开的自评表") && err.contains("--year-end"), "{err}");
}
