//! Hand-built documents for unit tests (the seed documents are used in tests/), also for
//! the writers' tests in `jixiao-office` (feature `testing`).

use std::str::FromStr;

use crate::scoring::{score, FundRow, Funds, IndicatorActual, ScoringConfig, SelfEvaluation};
use crate::TargetKind;

use jixiao_model::{
    Budget, Decimal, Document, Indicator, IndicatorLevel, Level1, Level2, Located, Money, Origin, Project, Target,
};

/// An indicator row: 一级, 二级, 三级, 指标值 as printed.
pub fn ind(level1: &str, level2: &str, level3: &str, target: &str) -> Indicator {
    let at = Origin::line(1);
    Indicator {
        level1: IndicatorLevel { category: Level1::from_printed(level1), printed: Located::new(level1.into(), at), inherited: false },
        level2: IndicatorLevel { category: Level2::from_printed(level2), printed: Located::new(level2.into(), at), inherited: false },
        level3: Some(Located::new(level3.into(), at)),
        description: None,
        target: Some(Located::new(Target::parse(target), at)),
        basis: None,
        weight: None,
        at,
        evaluation: None,
    }
}

/// A document of projects given as (name, budget in 万元, indicators).
pub fn doc_with(projects: Vec<(&str, &str, Vec<Indicator>)>) -> Document {
    Document {
        source: "测试.txt".into(),
        department: Some(Located::new("临西县应急管理局".into(), Origin::line(1))),
        year: Some(Located::new(2023, Origin::line(1))),
        projects: projects
            .into_iter()
            .map(|(name, budget, indicators)| Project {
                name: Located::new(name.into(), Origin::line(1)),
                budget: Budget {
                    total: Some(Located::new(Money(Decimal::from_str(budget).unwrap()), Origin::line(1))),
                    ..Budget::default()
                },
                goals: vec![Located::new(format!("完成{name}工作任务"), Origin::line(1))],
                indicators,
                ..Project::default()
            })
            .collect(),
        ..Document::default()
    }
}

pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// Project 1 of the scoring tests (total 97.57, 优) and a second project scoring 50.
pub fn scored() -> (Document, Vec<crate::ProjectScore>) {
    let doc = doc_with(vec![
        (
            "“双控”机制建设",
            "5",
            vec![
                ind("产出指标", "数量指标", "双控机制活动覆盖数", "≥16次/年"),
                ind("产出指标", "质量指标", "活动质量", "≥95%"),
                ind("产出指标", "成本指标", "活动成本", "≤5万元"),
                ind("效果指标", "社会效益指标", "促进推动作用", "≥95%"),
                ind("效果指标", "社会效益指标", "长效机制", "健全"),
                ind("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"),
            ],
        ),
        ("<应急>演练", "8", vec![ind("产出指标", "数量指标", "演练次数", "≥4次")]),
    ]);
    let evaluation = |project: usize, adjusted: &str, executed: &str, actuals: &[&str]| SelfEvaluation {
        project,
        funds: Funds {
            total: FundRow { initial: None, adjusted: Some(Money(d(adjusted))), executed: Some(Money(d(executed))) },
            ..Funds::default()
        },
        goal_actual: Some("全年开展活动16次".into()),
        indicators: actuals
            .iter()
            .enumerate()
            .map(|(i, t)| IndicatorActual {
                indicator: i,
                actual: Some(TargetKind::of(&doc.projects[project].indicators[i]).parse(t).unwrap()),
                explanation: Some("人员不足，明年增配".into()),
            })
            .collect(),
        ..SelfEvaluation::default()
    };
    let cfg = ScoringConfig::default();
    let scores = vec![
        score(&doc, &evaluation(0, "5", "4.5", &["16", "90", "4.8", "95", "达成", "85"]), &cfg).unwrap(),
        // 8 / 8 → 10; the missing 效益 and 满意度 points go to 产出 (90): 2 of 4 → 45. Total 55.
        score(&doc, &evaluation(1, "8", "8", &["2"]), &cfg).unwrap(),
    ];
    (doc, scores)
}


/// What a table shows at an A1 reference of its worksheet (title and subtitle rows above the
/// cells, as `jixiao-office` draws it): a number's exact value, else the text; `None`
/// where no cell starts.
pub fn shown_at(table: &jixiao_model::table::Table, a1: &str) -> Option<String> {
    let split = a1.find(|c: char| c.is_ascii_digit())?;
    let col = a1[..split].bytes().fold(0u32, |n, b| n * 26 + (b - b'A' + 1) as u32) - 1;
    let top = u32::from(!table.title.is_empty()) + u32::from(table.subtitle.is_some());
    let row = a1[split..].parse::<u32>().ok()? - 1 - top;
    let positions = table.positions();
    let (r, c) = positions.iter().enumerate().find_map(|(r, places)| {
        places.iter().position(|&(pr, pc)| pr == row && u32::from(pc) == col).map(|c| (r, c))
    })?;
    let cell = &table.rows[r][c];
    Some(cell.number.map_or_else(|| cell.text.clone(), |n| n.normalize().to_string()))
}

/// The second project of [`scored`] monitored to June 2023: 2 of 8 万元 spent, 演练 2 of ≥4次
/// done for sure; with its lights.
pub fn monitored_in_june(doc: &Document) -> (crate::MonitoringReport, Vec<crate::ProjectLights>) {
    use crate::monitoring::{IndicatorProgress, Likelihood, MonitoringReport, Period, ProjectMonitoring};
    let period = Period::to_month(Some(2023), 6).unwrap();
    let report = MonitoringReport {
        period,
        projects: vec![ProjectMonitoring {
            year_end: Default::default(),
            project: 1,
            annual_budget: None,
            spent_to_date: Some(Money(d("2"))),
            expected_full_year_spend: None,
            indicators: vec![IndicatorProgress {
                current: Some(crate::ActualValue::number(d("2"))),
                likelihood: Some(Likelihood::Certain),
                ..IndicatorProgress::empty(0)
            }],
        }],
    };
    let lights = report.projects.iter().map(|pm| crate::project_lights(doc, pm, period, &crate::LightConfig::default())).collect();
    (report, lights)
}
