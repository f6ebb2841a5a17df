//! Hand-computed self-evaluations. Each project's arithmetic is written out; figures are
//! compared after rounding to two places, as the 自评表 prints them.

use std::str::FromStr;

use super::*;
use crate::testdoc::{doc_with, ind};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn money(s: &str) -> Option<Money> {
    Some(Money(d(s)))
}

/// An evaluation of project 0 with 全年预算数, 全年执行数 and one typed-in actual per indicator.
fn eval(doc: &Document, adjusted: &str, executed: &str, actuals: &[&str]) -> SelfEvaluation {
    let indicators = &doc.projects[0].indicators;
    SelfEvaluation {
        project: 0,
        funds: Funds { total: FundRow { initial: None, adjusted: money(adjusted), executed: money(executed) }, ..Funds::default() },
        indicators: actuals
            .iter()
            .enumerate()
            .map(|(i, text)| IndicatorActual {
                indicator: i,
                actual: Some(TargetKind::of(&indicators[i]).parse(text).unwrap()),
                explanation: None,
            })
            .collect(),
        ..SelfEvaluation::default()
    }
}

/// (points, score) of each indicator, the total and the grade, all rounded to 2 places.
fn check(s: &ProjectScore, budget: (&str, &str), indicators: &[(&str, &str)], total: &str, grade: Grade) {
    assert_eq!((crate::fmt2(s.budget.points), crate::fmt2(s.budget.score)), (budget.0.to_string(), budget.1.to_string()), "预算执行");
    let got: Vec<(String, String)> = s.indicators.iter().map(|i| (crate::fmt2(i.points), crate::fmt2(i.score))).collect();
    let want: Vec<(String, String)> = indicators.iter().map(|(p, s)| (p.to_string(), s.to_string())).collect();
    assert_eq!(got, want);
    assert_eq!(crate::fmt2(s.total), total);
    assert_eq!(s.grade, grade);
}

/// Project 1: every level present, met and partly met, reverse within, a qualitative band.
///
/// 预算执行：4.5 / 5 = 90% → 10 × 0.9 = 9.
/// 产出 50 分 / 3 条 = 16.67 each:
///   ≥16次/年, actual 16: met → 16.67
///   ≥95%, actual 90: partly → 16.666… × 90/95 = 15.789… → 15.79
///   ≤5万元, actual 4.8: reverse within → 16.67
/// 效益 30 分 / 2 条 = 15 each: ≥95% actual 95 → 15; 健全, 达成 (default 100%) → 15.
/// 满意度 10 分: ≥90%, actual 85 → 10 × 85/90 = 9.444… → 9.44.
/// Total = 9 + 50/3 + 4500/285 + 50/3 + 15 + 15 + 85/9 = 97.567… → 97.57 优.
#[test]
fn project_1_met_and_partly_met() {
    let doc = doc_with(vec![(
        "“双控”机制建设",
        "5",
        vec![
            ind("产出指标", "数量指标", "双控机制活动覆盖数", "≥16次/年"),
            ind("产出指标", "质量指标", "活动质量", "≥95%"),
            ind("产出指标", "成本指标", "活动成本", "≤5万元"),
            ind("效果指标", "社会效益指标", "促进推动作用", "≥95%"),
            ind("效果指标", "可持续影响指标", "长效机制", "健全"),
            ind("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"),
        ],
    )]);
    let e = eval(&doc, "5", "4.5", &["16", "90", "4.8", "95", "达成", "85"]);
    let s = score(&doc, &e, &ScoringConfig::default()).unwrap();
    check(
        &s,
        ("10.00", "9.00"),
        &[("16.67", "16.67"), ("16.67", "15.79"), ("16.67", "16.67"), ("15.00", "15.00"), ("15.00", "15.00"), ("10.00", "9.44")],
        "97.57",
        Grade::Excellent,
    );
    let branches: Vec<Branch> = s.indicators.iter().map(|i| i.branch).collect();
    assert_eq!(
        branches,
        [Branch::Met, Branch::PartlyMet, Branch::ReverseWithin, Branch::Met, Branch::Band(QualitativeBand::Achieved), Branch::PartlyMet]
    );
    assert_eq!(s.budget.rate, Some(d("90")));
    // Rate 90% is not below 90%: no explanation needed. Two partly met indicators are.
    assert_eq!(s.warnings.len(), 2, "{:?}", s.warnings);
    assert_eq!(s.indicators[1].deviation, "实际完成90%，为年度指标值95%的94.74%，未达成。");
    let groups: Vec<(Group, String)> = s.groups.iter().map(|g| (g.group, crate::fmt2(g.score))).collect();
    assert_eq!(
        groups,
        [
            (Group::Level(Level1::Output), "49.12".to_string()),
            (Group::Level(Level1::Benefit), "30.00".to_string()),
            (Group::Level(Level1::Satisfaction), "9.44".to_string())
        ]
    );
    assert_eq!(s.funds.total.initial, money("5"), "年初预算数 comes from the document");
}

/// Project 2: the reverse branches.
///
/// 预算执行：10 / 10 = 100% → 10.
/// 产出 50 分 / 4 条 = 12.5 each:
///   ≤10万元, actual 12: beyond → 12.5 × (1 − (12 − 10)/10) = 12.5 × 0.8 = 10
///   <2次, actual 4: twice or more → 0
///   ≤15%, actual 15: within → 12.5
///   ≤8万元, actual 15.2: beyond → 12.5 × (1 − 7.2/8) = 12.5 × 0.1 = 1.25
/// 效益 30 分: 效果显著, 部分达成 75% → 30 × 0.75 = 22.5.
/// 满意度 10 分: ≥95%, actual 96 → 10.
/// Total = 10 + 10 + 0 + 12.5 + 1.25 + 22.5 + 10 = 66.25 → 中.
#[test]
fn project_2_reverse_within_beyond_twice() {
    let doc = doc_with(vec![(
        "安全生产执法",
        "10",
        vec![
            ind("产出指标", "成本指标", "执法装备成本", "≤10万元"),
            ind("产出指标", "数量指标", "执法过错次数", "<2次"),
            ind("产出指标", "质量指标", "复议纠错率", "≤15%"),
            ind("产出指标", "成本指标", "培训成本", "≤8万元"),
            ind("效益指标", "社会效益指标", "执法效果", "效果显著"),
            ind("满意度指标", "服务对象满意度指标", "企业满意度", "≥95%"),
        ],
    )]);
    let e = eval(&doc, "10", "10", &["12", "4", "15", "15.2", "部分达成 75%", "96"]);
    let s = score(&doc, &e, &ScoringConfig::default()).unwrap();
    check(
        &s,
        ("10.00", "10.00"),
        &[("12.50", "10.00"), ("12.50", "0.00"), ("12.50", "12.50"), ("12.50", "1.25"), ("30.00", "22.50"), ("10.00", "10.00")],
        "66.25",
        Grade::Fair,
    );
    let branches: Vec<Branch> = s.indicators.iter().take(4).map(|i| i.branch).collect();
    assert_eq!(branches, [Branch::ReverseBeyond, Branch::ReverseTwiceOrMore, Branch::ReverseWithin, Branch::ReverseBeyond]);
    assert_eq!(s.indicators[0].deviation, "实际12万元，超出年度指标值10万元的20.00%。");
    assert_eq!(s.total, d("66.25"), "exact, no rounding needed");
}

/// Project 2 under the A/B formula for reverse indicators (分值 × 指标值 ÷ 实际值):
///   ≤10万元, actual 12 → 12.5 × 10/12 = 10.41666… → 10.42
///   <2次, actual 4 → 12.5 × 2/4 = 6.25 (no zero at twice the target)
///   ≤15%, actual 15 → within → 12.5
///   ≤8万元, actual 15.2 → 12.5 × 8/15.2 = 6.5789… → 6.58
/// Total = 10 + 10.41666… + 6.25 + 12.5 + 6.5789… + 22.5 + 10 = 78.2456… → 78.25 中.
#[test]
fn project_2_under_the_ratio_formula() {
    let doc = doc_with(vec![(
        "安全生产执法",
        "10",
        vec![
            ind("产出指标", "成本指标", "执法装备成本", "≤10万元"),
            ind("产出指标", "数量指标", "执法过错次数", "<2次"),
            ind("产出指标", "质量指标", "复议纠错率", "≤15%"),
            ind("产出指标", "成本指标", "培训成本", "≤8万元"),
            ind("效益指标", "社会效益指标", "执法效果", "效果显著"),
            ind("满意度指标", "服务对象满意度指标", "企业满意度", "≥95%"),
        ],
    )]);
    let e = eval(&doc, "10", "10", &["12", "4", "15", "15.2", "部分达成 75%", "96"]);
    let cfg = ScoringConfig { reverse_formula: ReverseFormula::Ratio, ..ScoringConfig::default() };
    let s = score(&doc, &e, &cfg).unwrap();
    check(
        &s,
        ("10.00", "10.00"),
        &[("12.50", "10.42"), ("12.50", "6.25"), ("12.50", "12.50"), ("12.50", "6.58"), ("30.00", "22.50"), ("10.00", "10.00")],
        "78.25",
        Grade::Fair,
    );
    let branches: Vec<Branch> = s.indicators.iter().take(4).map(|i| i.branch).collect();
    assert_eq!(branches, [Branch::ReverseBeyond, Branch::ReverseBeyond, Branch::ReverseWithin, Branch::ReverseBeyond]);
    // The explanation names the excess over the target, whatever the formula.
    assert_eq!(s.indicators[0].deviation, "实际12万元，超出年度指标值10万元的20.00%。");
    assert_eq!(s.indicators[1].deviation, "实际4次，超出年度指标值2次的100.00%。");
}

/// Project 3: qualitative bands (default and chosen shares), a deadline met, low execution.
///
/// 预算执行：15 / 20 = 75% → 10 × 0.75 = 7.5 (below 90%: an explanation is asked for).
/// 产出 50 分 / 2 条 = 25 each:
///   健全, 未达成 (default 30%) → 25 × 0.3 = 7.5
///   2023年6月底前, completed in May → on time → 25
/// 效益 30 分 / 2 条 = 15 each:
///   效果显著, 达成 85% → 15 × 0.85 = 12.75
///   促进生态文明建设, 部分达成 (default 70%) → 15 × 0.7 = 10.5
/// 满意度 10 分: ≥90%, actual 90 → 10.
/// Total = 7.5 + 7.5 + 25 + 12.75 + 10.5 + 10 = 73.25 → 中.
#[test]
fn project_3_qualitative_bands() {
    let doc = doc_with(vec![(
        "应急预案编制",
        "20",
        vec![
            ind("产出指标", "质量指标", "预案体系", "健全"),
            ind("产出指标", "时效指标", "完成时间", "2023年6月底前"),
            ind("效益指标", "社会效益指标", "应急能力", "效果显著"),
            ind("效益指标", "生态效益指标", "生态影响", "促进生态文明建设"),
            ind("满意度指标", "社会公众或服务对象满意度指标", "群众满意度", "≥90%"),
        ],
    )]);
    let e = eval(&doc, "20", "15", &["未达成", "5月完成", "达成 85%", "部分达成", "90"]);
    let s = score(&doc, &e, &ScoringConfig::default()).unwrap();
    check(
        &s,
        ("10.00", "7.50"),
        &[("25.00", "7.50"), ("25.00", "25.00"), ("15.00", "12.75"), ("15.00", "10.50"), ("10.00", "10.00")],
        "73.25",
        Grade::Fair,
    );
    assert!(s.warnings[0].contains("预算执行率 75.00% 低于 90%，须说明原因"), "{:?}", s.warnings);
    assert_eq!(s.indicators[3].deviation, "评价为“部分达成并具有一定效果”，按分值的70.00%计分。");

    // A share outside its band is refused, naming the indicator.
    let mut bad = e.clone();
    bad.indicators[2].actual = Some(ActualValue::Band { band: QualitativeBand::Achieved, share: Some(d("70")) });
    let err = score(&doc, &bad, &ScoringConfig::default()).unwrap_err();
    assert_eq!(
        err[0].to_string(),
        "第1个项目「应急预案编制」第3条指标「应急能力」：实际完成值“达成年度指标（70%）”不适用于该指标：“达成年度指标”档的得分比例应在 80%–100% 之间，填的是 70%"
    );
}

/// Project 4: no 满意度指标; its 10 points are redistributed. Also a late deadline and an
/// execution rate above 100% (capped).
///
/// 预算执行：8.4 / 8 = 105% → min(1.05, 1) × 10 = 10.
/// Proportional (default): 产出 50 + 10 × 50/80 = 56.25; 效益 30 + 10 × 30/80 = 33.75.
///   产出 2 条 = 28.125 each: ≥4次, actual 3 → 28.125 × 3/4 = 21.09375; 3月底, done in 5月 → 0.
///   效益 1 条: ≥1200人, actual 1500 → met → 33.75.
///   Total = 10 + 21.09375 + 0 + 33.75 = 64.84375 → 64.84 中.
/// Even: the 10 points split 5 + 5 → 产出 55 (27.5 each), 效益 35.
///   Total = 10 + 27.5 × 3/4 + 0 + 35 = 10 + 20.625 + 35 = 65.625 → 65.63 中.
/// Forfeit: 产出 50 (25 each), 效益 30, maximum 90.
///   Total = 10 + 18.75 + 0 + 30 = 58.75 → 差.
#[test]
fn project_4_missing_level() {
    let doc = doc_with(vec![(
        "应急演练",
        "8",
        vec![
            ind("产出指标", "数量指标", "演练次数", "≥4次"),
            ind("产出指标", "时效指标", "方案完成", "3月底"),
            ind("效益指标", "社会效益指标", "受训人数", "≥1200人"),
        ],
    )]);
    let e = eval(&doc, "8", "8.4", &["3", "5月完成", "1500"]);

    let s = score(&doc, &e, &ScoringConfig::default()).unwrap();
    check(&s, ("10.00", "10.00"), &[("28.13", "21.09"), ("28.13", "0.00"), ("33.75", "33.75")], "64.84", Grade::Fair);
    assert_eq!(s.total, d("64.84375"));
    assert_eq!(s.indicators[1].branch, Branch::Late);
    assert_eq!(s.indicators[1].deviation, "5月完成，晚于3月的时限。");
    assert_eq!(s.budget.rate, Some(d("105")));
    assert_eq!(s.max_total, d("100"));

    let even = ScoringConfig { missing_level: MissingLevel::Even, ..ScoringConfig::default() };
    let s = score(&doc, &e, &even).unwrap();
    check(&s, ("10.00", "10.00"), &[("27.50", "20.63"), ("27.50", "0.00"), ("35.00", "35.00")], "65.63", Grade::Fair);

    let forfeit = ScoringConfig { missing_level: MissingLevel::Forfeit, ..ScoringConfig::default() };
    let s = score(&doc, &e, &forfeit).unwrap();
    check(&s, ("10.00", "10.00"), &[("25.00", "18.75"), ("25.00", "0.00"), ("30.00", "30.00")], "58.75", Grade::Poor);
    assert_eq!(s.max_total, d("90"));
}

/// Project 5: 全年预算数 0.
///
/// Redistribute (default): the 10 budget points go to the levels in proportion 50:30:10:
///   产出 50 + 10 × 50/90 = 55.56; 效益 30 + 10 × 30/90 = 33.33; 满意度 10 + 10 × 10/90 = 11.11.
///   ≥2次, actual 2 → 55.56; ≥95%, actual 76 → 33.33 × 76/95 = 26.67; ≥90%, actual 90 → 11.11.
///   Total = 500/9 + 240/9 + 100/9 = 840/9 = 93.33 → 优.
/// FullPoints: 10 + 50 + 30 × 0.8 + 10 = 94 → 优.
#[test]
fn project_5_zero_budget() {
    let doc = doc_with(vec![(
        "宣传教育（无预算）",
        "0",
        vec![
            ind("产出指标", "数量指标", "宣传活动", "≥2次"),
            ind("效益指标", "社会效益指标", "知晓率", "≥95%"),
            ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%"),
        ],
    )]);
    let e = eval(&doc, "0", "0", &["2", "76", "90"]);
    let s = score(&doc, &e, &ScoringConfig::default()).unwrap();
    check(&s, ("0.00", "0.00"), &[("55.56", "55.56"), ("33.33", "26.67"), ("11.11", "11.11")], "93.33", Grade::Excellent);
    assert_eq!(s.budget.note.as_deref(), Some("全年预算数为 0，预算执行率不适用，其 10 分计入各级指标"));
    assert_eq!(crate::round2(s.max_total), d("100"));

    let full = ScoringConfig { zero_budget: ZeroBudget::FullPoints, ..ScoringConfig::default() };
    let s = score(&doc, &e, &full).unwrap();
    check(&s, ("10.00", "10.00"), &[("50.00", "50.00"), ("30.00", "24.00"), ("10.00", "10.00")], "94.00", Grade::Excellent);

    // Spending without a budget is an input error.
    let spent = eval(&doc, "0", "1", &["2", "76", "90"]);
    let err = score(&doc, &spent, &ScoringConfig::default()).unwrap_err();
    assert_eq!(err[0].to_string(), "第1个项目「宣传教育（无预算）」：全年预算数为 0，全年执行数却为 1万元");
}

/// Project 6: 预算执行 10 + 绩效指标 90 with per-indicator points.
///
/// Points: 40 and 30 set; the third takes the rest, 90 − 70 = 20.
///   ≥10次, actual 5 → 40 × 5/10 = 20; ≥95%, actual 95 → 30; 健全, 达成 90% → 20 × 0.9 = 18.
/// 预算执行：9 / 10 = 90% → 9. Total = 9 + 20 + 30 + 18 = 77 → 中.
#[test]
fn project_6_pooled_with_indicator_weights() {
    let doc = doc_with(vec![(
        "隐患排查",
        "10",
        vec![
            ind("产出指标", "数量指标", "排查次数", "≥10次"),
            ind("效益指标", "社会效益指标", "整改率", "≥95%"),
            ind("满意度指标", "服务对象满意度指标", "企业评价", "健全"),
        ],
    )]);
    let e = eval(&doc, "10", "9", &["5", "95", "达成 90%"]);
    let mut cfg = ScoringConfig::pooled();
    cfg.indicator_points = vec![
        IndicatorWeight { project: 0, indicator: 0, points: d("40") },
        IndicatorWeight { project: 0, indicator: 1, points: d("30") },
    ];
    let s = score(&doc, &e, &cfg).unwrap();
    check(&s, ("10.00", "9.00"), &[("40.00", "20.00"), ("30.00", "30.00"), ("20.00", "18.00")], "77.00", Grade::Fair);

    // Set points above the pool are refused.
    cfg.indicator_points[1].points = d("60");
    let err = score(&doc, &e, &cfg).unwrap_err();
    assert_eq!(err[0].to_string(), "第1个项目「隐患排查」：绩效指标各指标分值合计 100 与该级分值 90 不符");
}

#[test]
fn grades_are_judged_on_the_printed_total() {
    let cfg = ScoringConfig::default();
    for (total, grade) in [("89.994", Grade::Good), ("89.995", Grade::Excellent), ("90", Grade::Excellent), ("80", Grade::Good), ("79.99", Grade::Fair), ("60", Grade::Fair), ("59.99", Grade::Poor), ("0", Grade::Poor)] {
        assert_eq!(cfg.grade(d(total)), grade, "{total}");
    }
}

#[test]
fn config_is_checked() {
    let cfg = ScoringConfig { budget_points: d("20"), ..ScoringConfig::default() };
    assert_eq!(cfg.validate().unwrap_err().to_string(), "评分设置无效：预算执行与各级指标分值合计为 110，应为 100");
    let mut cfg = ScoringConfig::default();
    cfg.grades.reverse();
    assert!(cfg.validate().is_err());
    let cfg = ScoringConfig { tolerance: d("-0.01"), ..ScoringConfig::default() };
    assert_eq!(cfg.validate().unwrap_err().to_string(), "评分设置无效：复核得分的容许差 -0.01 应在 0 到 1 分之间");
}

#[test]
fn configs_written_before_the_reverse_formula_still_read() {
    let mut json = serde_json::to_value(ScoringConfig::default()).unwrap();
    let fields = json.as_object_mut().unwrap();
    fields.remove("reverse_formula");
    fields.remove("tolerance");
    let cfg: ScoringConfig = serde_json::from_value(json).unwrap();
    assert_eq!(cfg, ScoringConfig::default());
    let mut json = serde_json::to_value(ScoringConfig::default()).unwrap();
    json["reverse_formula"] = "ratio".into();
    json["tolerance"] = "0.05".into();
    let cfg: ScoringConfig = serde_json::from_value(json).unwrap();
    assert_eq!((cfg.reverse_formula, cfg.tolerance), (ReverseFormula::Ratio, d("0.05")));
}

#[test]
fn missing_values_and_funds_that_do_not_add_up_are_reported_together() {
    let doc = doc_with(vec![("培训", "10", vec![ind("产出指标", "数量指标", "培训人次", "≥100人次")])]);
    let mut e = eval(&doc, "10", "9", &[]);
    e.funds.fiscal = FundRow { initial: money("8"), adjusted: money("8"), executed: money("7") };
    e.funds.carried_over = FundRow { initial: None, adjusted: money("2"), executed: money("1") };
    let messages: Vec<String> = score(&doc, &e, &ScoringConfig::default()).unwrap_err().iter().map(|e| e.to_string()).collect();
    assert_eq!(
        messages,
        [
            "第1个项目「培训」：年初预算数：年度资金总额 10万元 与本年财政拨款、上年结转资金、其他资金之和 8万元 不符",
            "第1个项目「培训」：全年执行数：年度资金总额 9万元 与本年财政拨款、上年结转资金、其他资金之和 8万元 不符",
            "第1个项目「培训」第1条指标「培训人次」：未填写实际完成值",
        ]
    );
}

#[test]
fn cost_level_of_the_2021_framework_counts_within_output() {
    // 2021 framework: 成本指标 printed as a level 1. Without points of its own it shares
    // 产出's 50: 2 indicators × 25.
    let doc = doc_with(vec![(
        "设备购置",
        "10",
        vec![
            ind("产出指标", "数量指标", "购置台数", "≥4台"),
            ind("成本指标", "经济成本指标", "单价", "≤2万元"),
            ind("效益指标", "社会效益指标", "使用率", "≥90%"),
            ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%"),
        ],
    )]);
    let e = eval(&doc, "10", "10", &["4", "2", "90", "90"]);
    let s = score(&doc, &e, &ScoringConfig::default()).unwrap();
    assert_eq!(s.indicators[1].group, Group::Level(Level1::Output));
    check(&s, ("10.00", "10.00"), &[("25.00", "25.00"), ("25.00", "25.00"), ("30.00", "30.00"), ("10.00", "10.00")], "100.00", Grade::Excellent);
}

#[test]
fn year_end_monitoring_becomes_a_self_evaluation() {
    use crate::monitoring::{DeviationCause, IndicatorProgress, Likelihood};
    let pm = ProjectMonitoring {
        year_end: Default::default(),
        project: 0,
        annual_budget: money("10"),
        spent_to_date: money("9.5"),
        expected_full_year_spend: None,
        indicators: vec![IndicatorProgress {
            current: Some(ActualValue::number(d("3"))),
            likelihood: Some(Likelihood::Impossible),
            cause: Some(DeviationCause::Staffing),
            cause_text: Some("人员抽调".into()),
            measures: Some("明年提前安排".into()),
            ..IndicatorProgress::empty(0)
        }],
    };
    let e = SelfEvaluation::from_monitoring(&pm);
    assert_eq!(e.funds.total.executed, money("9.5"));
    assert_eq!(e.indicators[0].explanation.as_deref(), Some("人员保障：人员抽调改进措施：明年提前安排"));
}

#[test]
fn only_year_end_data_is_scored() {
    let doc = doc_with(vec![("培训", "10", vec![ind("产出指标", "数量指标", "培训人次", "≥100人次")])]);
    let july = MonitoringReport { period: crate::Period::to_month(Some(2023), 7).unwrap(), projects: vec![] };
    let err = score_year_end(&doc, &july, &ScoringConfig::default()).unwrap_err();
    assert_eq!(err[0].to_string(), "监控期间无效：自评须使用截至12月的全年数据，此数据为2023年1–7月");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const TARGETS: [&str; 8] = ["≥16次", "≥95%", "≤10万元", "<2次", "健全", "2023年6月底前", "=100%", "≥0"];
    const LEVELS: [(&str, &str); 5] = [
        ("产出指标", "数量指标"),
        ("产出指标", "成本指标"),
        ("效益指标", "社会效益指标"),
        ("满意度指标", "服务对象满意度指标"),
        ("效益指标", "可持续影响指标"),
    ];

    fn actual_for(kind: &TargetKind, n: u32, band: usize) -> ActualValue {
        match kind {
            TargetKind::Quantity { .. } => ActualValue::number(Decimal::new(n as i64, 1)),
            TargetKind::Deadline { .. } if band == 0 => ActualValue::NotCompleted,
            TargetKind::Deadline { .. } => ActualValue::Completed { month: 1 + n % 12 },
            _ => ActualValue::band(QualitativeBand::ALL[band % 3]),
        }
    }

    /// A project from (level, target) choices, with actual values and money.
    fn scored(rows: &[(usize, usize, u32, usize)], adjusted: u32, executed: u32, policy: MissingLevel) -> ProjectScore {
        let indicators = rows.iter().map(|&(l, t, _, _)| ind(LEVELS[l].0, LEVELS[l].1, "指标", TARGETS[t])).collect();
        let doc = doc_with(vec![("项目", "10", indicators)]);
        let e = SelfEvaluation {
            project: 0,
            funds: Funds {
                total: FundRow { initial: None, adjusted: Some(Money(adjusted.into())), executed: Some(Money((executed.min(adjusted * 3)).into())) },
                ..Funds::default()
            },
            indicators: rows
                .iter()
                .enumerate()
                .map(|(i, &(_, _, n, band))| IndicatorActual {
                    indicator: i,
                    actual: Some(actual_for(&TargetKind::of(&doc.projects[0].indicators[i]), n, band)),
                    explanation: None,
                })
                .collect(),
            ..SelfEvaluation::default()
        };
        let cfg = ScoringConfig { missing_level: policy, ..ScoringConfig::default() };
        score(&doc, &e, &cfg).unwrap()
    }

    fn policy() -> impl Strategy<Value = MissingLevel> {
        prop_oneof![Just(MissingLevel::Proportional), Just(MissingLevel::Even), Just(MissingLevel::Forfeit)]
    }

    proptest! {
        #[test]
        fn total_is_within_0_and_100(
            rows in proptest::collection::vec((0..5usize, 0..8usize, 0..3000u32, 0..3usize), 1..10),
            adjusted in 0..50u32,
            executed in 0..80u32,
            policy in policy(),
        ) {
            let s = scored(&rows, adjusted, executed, policy);
            prop_assert!(s.total >= Decimal::ZERO && s.total <= s.max_total, "{} > {}", s.total, s.max_total);
            prop_assert!(s.max_total <= Decimal::ONE_HUNDRED);
            // The parts add up to the total (to the 20th place; thirds are not exact).
            let parts: Decimal = s.budget.score + s.indicators.iter().map(|i| i.score).sum::<Decimal>();
            prop_assert!((parts - s.total).abs() < Decimal::new(1, 20), "{parts} vs {}", s.total);
        }

        #[test]
        fn positive_scores_never_fall_as_the_actual_rises(
            target in 0..2000u32, a in 0..5000u32, b in 0..5000u32, op in 0..3usize,
        ) {
            let printed = format!("{}{}次", ["≥", ">", "="][op], target);
            let kind = TargetKind::of_target(&jixiao_model::Target::parse(&printed));
            let cfg = ScoringConfig::default();
            let (lo, hi) = (a.min(b), a.max(b));
            let s_lo = rule(&kind, &ActualValue::number(lo.into()), &cfg).0;
            let s_hi = rule(&kind, &ActualValue::number(hi.into()), &cfg).0;
            prop_assert!(s_lo <= s_hi, "{printed}: {lo} → {s_lo}, {hi} → {s_hi}");
            prop_assert!(s_lo >= Decimal::ZERO && s_hi <= Decimal::ONE);
        }

        #[test]
        fn reverse_scores_never_rise_as_the_actual_rises(
            target in 0..2000u32, a in 0..5000u32, b in 0..5000u32, op in 0..2usize, ratio in any::<bool>(),
        ) {
            let printed = format!("{}{}万元", ["≤", "<"][op], target);
            let kind = TargetKind::of_target(&jixiao_model::Target::parse(&printed));
            let reverse_formula = if ratio { ReverseFormula::Ratio } else { ReverseFormula::Excess };
            let cfg = ScoringConfig { reverse_formula, ..ScoringConfig::default() };
            let (lo, hi) = (a.min(b), a.max(b));
            let s_lo = rule(&kind, &ActualValue::number(lo.into()), &cfg).0;
            let s_hi = rule(&kind, &ActualValue::number(hi.into()), &cfg).0;
            prop_assert!(s_lo >= s_hi, "{printed}: {lo} → {s_lo}, {hi} → {s_hi}");
            prop_assert!(s_hi >= Decimal::ZERO && s_lo <= Decimal::ONE);
        }
    }
}

/// Issue 15, item 5: spending above the budget is flagged, not accepted silently. 全年执行数
/// 5.5 of 全年预算数 5 is 110%: the budget score is the full 10 (the rate is capped), and a
/// warning names the overspending; 5 of 5 gives none.
#[test]
fn spending_above_the_budget_is_flagged() {
    let doc = doc_with(vec![("培训", "5", vec![ind("产出指标", "数量指标", "培训人次", "≥100人次")])]);
    let over = score(&doc, &eval(&doc, "5", "5.5", &["100"]), &ScoringConfig::default()).unwrap();
    assert_eq!(crate::fmt2(over.budget.score), "10.00");
    let flagged: Vec<&String> = over.warnings.iter().filter(|w| w.contains("超过全年预算数")).collect();
    assert_eq!(flagged.len(), 1, "{:?}", over.warnings);
    assert!(flagged[0].starts_with("第1个项目「培训」：全年执行数 5.5") && flagged[0].contains("（执行率 110.00%）"), "{}", flagged[0]);
    let exact = score(&doc, &eval(&doc, "5", "5", &["100"]), &ScoringConfig::default()).unwrap();
    assert!(exact.warnings.iter().all(|w| !w.contains("超过全年预算数")), "{:?}", exact.warnings);
}
