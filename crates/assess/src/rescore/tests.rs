//! Real published 自评表 (tests/fixtures/corpus/selfeval_*.txt), re-scored row by row.
//!
//! Each table is built here as a careful reader would enter it (the figures of its golden
//! and of the text beside it), so the tests do not depend on how well the reader reads it
//! today. The arithmetic of every row that breaks the rules is written out above its test.

use std::str::FromStr;

use jixiao_model::{
    Decimal, Document, EvaluationFunds, FundLine, Indicator, IndicatorLevel, Level1, Level2, Located, Money, Origin,
    Project, ProjectEvaluation, RowEvaluation, Target,
};
use jixiao_rules::{Rule, RuleSetting, Settings};

use super::*;
use crate::scoring::{BandRule, GradeBand, ReverseFormula};
use crate::QualitativeBand;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn opt(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// An indicator row as printed: 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分 ("" for an
/// empty cell). Rows get lines 101, 102… in table order.
type Printed<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str);

fn rows(printed: &[Printed], reasons: &[(usize, &str)]) -> Vec<Indicator> {
    printed
        .iter()
        .enumerate()
        .map(|(i, &(l1, l2, l3, target, actual, weight, score))| {
            let line = 101 + i as u32;
            let at = |cell| Origin::cell(line, cell);
            Indicator {
                level1: IndicatorLevel { category: Level1::from_printed(l1), printed: Located::new(l1.into(), at(1)), inherited: false },
                level2: IndicatorLevel { category: Level2::from_printed(l2), printed: Located::new(l2.into(), at(2)), inherited: false },
                level3: opt(l3).map(|t| Located::new(t.into(), at(3))),
                description: None,
                target: opt(target).map(|t| Located::new(Target::parse(t), at(4))),
                basis: None,
                weight: opt(weight).map(d),
                evaluation: Some(RowEvaluation {
                    actual: opt(actual).map(|a| Located::new(Target::parse(a), at(5))),
                    score: opt(score).map(d),
                    deviation: reasons.iter().find(|(r, _)| *r == i + 1).map(|(_, t)| Located::new(t.to_string(), at(8))),
                }),
                at: Origin::line(line),
            }
        })
        .collect()
}

/// A funds row: 年初预算数, 全年预算数, 全年执行数 (万元), 分值, 执行率 (as printed), 得分.
fn fund(line: u32, amounts: [&str; 3], points: &str, rate: &str, score: &str) -> Option<FundLine> {
    let at = |cell| Origin::cell(line, cell);
    let money = |s: &str, cell| opt(s).map(|s| Located::new(Money(d(s)), at(cell)));
    Some(FundLine {
        initial: money(amounts[0], 3),
        adjusted: money(amounts[1], 4),
        executed: money(amounts[2], 5),
        points: opt(points).map(|p| Located::new(d(p), at(6))),
        rate: opt(rate).and_then(jixiao_model::evaluation::parse_percent).map(|r| Located::new(r, at(7))),
        score: opt(score).map(|s| Located::new(d(s), at(8))),
        at: Origin::line(line),
    })
}

/// 总分一行：分值, 得分, 等级 ("" when not printed), on line 200.
fn totals(points: &str, score: &str, grade: &str) -> ProjectEvaluation {
    let at = |cell| Origin::cell(200, cell);
    ProjectEvaluation {
        total_points: opt(points).map(|p| Located::new(d(p), at(7))),
        total_score: opt(score).map(|s| Located::new(d(s), at(8))),
        grade: opt(grade).map(|g| Located::new(g.to_string(), at(9))),
        ..ProjectEvaluation::default()
    }
}

fn project(name: &str, indicators: Vec<Indicator>, evaluation: ProjectEvaluation) -> Project {
    Project {
        name: Located::new(name.into(), Origin::line(3)),
        indicators,
        evaluation: Some(Box::new(evaluation)),
        at: Origin::line(3),
        ..Project::default()
    }
}

fn document(source: &str, department: &str, year: i32, projects: Vec<Project>) -> Document {
    Document {
        source: source.into(),
        department: Some(Located::new(department.into(), Origin::line(2))),
        year: Some(Located::new(year, Origin::line(1))),
        projects,
        ..Document::default()
    }
}

/// The findings of a document under `cfg`: (rule, row) in order.
/// Every rule on, the opt-in JX-E013 too (each test checks the rules' logic; off by default).
fn found(doc: &Document, cfg: &ScoringConfig) -> Vec<(&'static str, Option<usize>)> {
    check(doc, cfg, &Settings::with_opt_in()).iter().map(|f| (f.rule_id, f.location.row)).collect()
}

fn messages(doc: &Document, cfg: &ScoringConfig, rule: Rule) -> Vec<String> {
    check(doc, cfg, &Settings::with_opt_in()).into_iter().filter(|f| f.rule == rule).map(|f| f.message).collect()
}

/// selfeval_anhui-suixi_minzheng_2019: 临时救助 (濉溪县民政局).
///
/// 资金：全年预算数 30, 全年执行数 30 → 100%, 10 × 100% = 10 (both rows print 10): holds.
/// Row 4 特困人员救助供养人数: ≥4754人, actual 4604人 → 5 × 4604 ÷ 4754 = 4.842… → 4.84;
///   printed 5 → full points though missed (JX-E002); its 未完成原因 is printed.
/// Row 8 扶贫临时救助标准: ≤5300元/户, actual 5830元/户 → reverse beyond:
///   10 × (1 − (5830 − 5300) ÷ 5300) = 10 × 0.9 = 9; printed 10 → JX-E002, no reason → JX-E012.
/// Row 10 受助对象满意度: cut after its target; 分值 10, no actual → JX-E011.
/// Every other row meets its target with full points. No total is printed, and the unscored
/// last row leaves no sum to check.
fn suixi() -> Document {
    let printed: Vec<Printed> = vec![
        ("产出指标(50分)", "数量指标", "★★★农村低保发放人数(按月平均)(≥**人)", ">=21933人", "21980人", "5", "5"),
        ("产出指标(50分)", "数量指标", "★★★其中:农村低保对象中建档立卡贫困人口数量(按月平均)(≥**人)", ">=9431人", "9453人", "5", "5"),
        ("产出指标(50分)", "数量指标", "★★★建档立卡贫困人口中接受临时救助的人次数(≥**人次)", ">=59人次", "87人次", "5", "5"),
        ("产出指标(50分)", "数量指标", "★★★特困人员救助供养人数(按月平均)(≥**人)", ">=4754人", "4604人", "5", "5"),
        ("产出指标(50分)", "数量指标", "扶贫临时救助人数(按月平均)(≥**人)", ">=7人", "7人", "10", "10"),
        ("产出指标(50分)", "质量指标", "★农村低保标准(≥**元/人·月)", ">=530元/人*月", "583元/人*月", "5", "5"),
        ("产出指标(50分)", "质量指标", "农村特困人员救助供养基本生活标准(≥**元/人·月)", ">=570元/人*月", "758元/人*月", "5", "5"),
        ("产出指标(50分)", "质量指标", "扶贫临时救助标准(<**元/户·年)——一户年最高5300元", "<=5300元/户", "5830元/户", "10", "10"),
        ("效益指标(30分)", "社会效益指标", "★★★受益建档立卡贫困人口数≥**人", ">=80人", "87人", "30", "30"),
        ("满意度指标(10分)", "服务对象满意度指标", "★受助对象满意度(≥**%)", ">=9", "", "10", ""),
    ];
    let evaluation = ProjectEvaluation {
        funds: EvaluationFunds {
            total: fund(10, ["", "30", "30"], "10", "100%", "10"),
            fiscal: fund(11, ["", "30", "30"], "10", "100%", "10"),
            ..EvaluationFunds::default()
        },
        ..ProjectEvaluation::default()
    };
    let p = project("临时救助", rows(&printed, &[(4, "特困人员实行动态管理")]), evaluation);
    document("selfeval_anhui-suixi_minzheng_2019.txt", "濉溪县民政局", 2019, vec![p])
}

#[test]
fn suixi_full_points_for_missed_targets() {
    let doc = suixi();
    let cfg = ScoringConfig::default();
    assert_eq!(found(&doc, &cfg), [("JX-E002", Some(4)), ("JX-E002", Some(8)), ("JX-E012", Some(8)), ("JX-E011", Some(10))]);
    assert_eq!(
        messages(&doc, &cfg, Rule::E002),
        [
            "指标“★★★特困人员救助供养人数(按月平均)(≥**人)”实际完成4604人，未达到年度指标值>=4754人，却得满分5；按规则应得4.84（5 × 4604 ÷ 4754 = 4.84）。",
            "指标“扶贫临时救助标准(<**元/户·年)——一户年最高5300元”实际完成5830元/户，未达到年度指标值<=5300元/户，却得满分10；按规则应得9.00（10 × (1 − (5830 − 5300) ÷ 5300) = 9.00）。",
        ]
    );
    let r = &rescore(&doc, &cfg)[0];
    // Rows the rules confirm carry no finding and keep their score.
    let holds: Vec<usize> = r.rows.iter().filter(|c| c.verdict == Verdict::Holds).map(|c| c.indicator + 1).collect();
    assert_eq!(holds, [1, 2, 3, 5, 6, 7, 9]);
    assert_eq!(r.rows[0].arithmetic, "实际21980人 ≥ 指标值21933人，得满分5");
    assert_eq!(r.rows[3].recomputed.map(crate::fmt2).as_deref(), Some("4.84"));
    assert_eq!(r.rows[9].verdict, Verdict::Unchecked);
    assert!(r.funds.iter().all(|f| f.rate_holds == Some(true) && f.score_holds == Some(true)));
    assert_eq!(r.totals.score_sum, None, "the cut last row prints no 得分");
    assert_eq!(r.totals.points_sum.as_ref().map(|s| s.0), Some(d("100")));
    assert!(r.totals.levels.is_empty(), "10 + 产出 50 + 效益 30 + 满意度 10, as the default rules");

    // Findings carry the row, the place and the printed values.
    let f = check(&doc, &cfg, &Settings::default()).into_iter().find(|f| f.rule == Rule::E012).unwrap();
    assert_eq!((f.location.project, f.location.row, f.location.line), (Some(0), Some(8), 108));
    assert_eq!(f.location.field, Some("偏差原因分析及改进措施"));
    let quoted: Vec<(&str, &str)> = f.quotes.iter().map(|q| (q.field, q.value.as_str())).collect();
    assert_eq!(
        quoted,
        [
            ("三级指标", "扶贫临时救助标准(<**元/户·年)——一户年最高5300元"),
            ("年度指标值", "<=5300元/户"),
            ("实际完成值", "5830元/户"),
            ("分值", "10"),
            ("得分", "10"),
        ]
    );
    let missing = check(&doc, &cfg, &Settings::default()).into_iter().find(|f| f.rule == Rule::E011).unwrap();
    assert_eq!(missing.message, "指标“★受助对象满意度(≥**%)”（年度指标值>=9）没有填写实际完成值，所印得分（未填）无从核对。");
}

/// The A/B formula for reverse indicators (a configured rule set): row 8 scores
/// 10 × 5300 ÷ 5830 = 9.09; still not the printed 10.
#[test]
fn suixi_under_the_ratio_formula() {
    let cfg = ScoringConfig { reverse_formula: ReverseFormula::Ratio, ..ScoringConfig::default() };
    let r = &rescore(&suixi(), &cfg)[0];
    assert_eq!(r.rows[7].arithmetic, "10 × 5300 ÷ 5830 = 9.09");
    assert_eq!(r.rows[7].verdict, Verdict::FullThoughMissed);
}

/// selfeval_yunnan-yongde_jiaoyu_2022: 义务教育营养改善计划专项资金 (永德县明朗中学), amounts in 元.
///
/// 资金：387664.62 元 = 38.766462 万元 budgeted and spent → 100%, 10 → holds.
/// Row 3 资金到位及时率: ≥100%, actual 100% → met, the rules give 10; printed 7 → JX-E004.
/// Row 6 政策知晓率: =100% (printed ═100%), actual 98% → 10 × 98 ÷ 100 = 9.8; printed 9, the
///   9.8 cut to a whole point as the table scores (every score whole) → holds; no reason
///   printed → JX-E012.
/// Row 5 减轻贫困学生家庭经济负担: 有效 / 有效 → 达成 band, 8–10; printed 10 holds.
/// 总分: 分值 10 + 9 × 10 = 100 = printed 100; 得分 10 + 86 = 96 = printed 96; 96 → 优 = printed.
/// The rules' total: 10 + 10 × 5 + 9 + 10 × 3 = 99, 优 as the printed 96: no JX-E014 (the
/// total is a finding only where it changes the grade; the re-scored form prints it).
/// Its split (产出 40, 满意度 20) is not the default 50/10 → JX-E013 twice (opt-in, 可选).
fn yongde() -> Document {
    let printed: Vec<Printed> = vec![
        ("产出指标", "数量指标", "学生受资助人数", "≧735人次", "735", "10", "10"),
        ("产出指标", "质量指标", "营养改善计划覆盖率", "≧100%", "100%", "10", "10"),
        ("产出指标", "时效指标", "资金到位及时率", "≧100%", "100%", "10", "7"),
        ("产出指标", "成本指标", "生均补助标准达标率", "═100%", "100%", "10", "10"),
        ("效益指标", "经济效益指标", "减轻贫困学生家庭经济负担", "有效", "有效", "10", "10"),
        ("效益指标", "社会效益指标", "政策知晓率", "═100%", "98%", "10", "9"),
        ("效益指标", "可持续影响指标", "促进学校教育事业健康发展", "≧100%", "100%", "10", "10"),
        ("满意度指标", "服务对象满意度指标等", "学生满意度", "≧95%", "100%", "10", "10"),
        ("满意度指标", "服务对象满意度指标等", "家长满意度", "≧95%", "100%", "10", "10"),
    ];
    let mut evaluation = totals("100", "96", "优");
    evaluation.funds = EvaluationFunds {
        total: fund(8, ["", "38.766462", "38.766462"], "10", "100%", "10"),
        fiscal: fund(9, ["", "38.766462", "38.766462"], "", "", ""),
        ..EvaluationFunds::default()
    };
    let p = project("义务教育营养改善计划专项资金", rows(&printed, &[]), evaluation);
    document("selfeval_yunnan-yongde_jiaoyu_2022.txt", "永德县教育体育局", 2022, vec![p])
}

#[test]
fn yongde_deducted_though_met_and_more_than_the_rule() {
    let doc = yongde();
    let cfg = ScoringConfig::default();
    assert_eq!(
        found(&doc, &cfg),
        [("JX-E004", Some(3)), ("JX-E012", Some(6)), ("JX-E013", None), ("JX-E013", None)]
    );
    // 9 for 政策知晓率's 9.80 is the rule's score cut to a whole point, as this table scores
    // (every score whole): no JX-E005; the missing 偏差原因 (JX-E012) stays.
    let r = &rescore(&doc, &cfg)[0];
    assert_eq!((r.rows[5].verdict, r.rows[5].recomputed), (Verdict::Holds, Some(d("9"))));
    let all = check(&doc, &cfg, &Settings::with_opt_in());
    let text: Vec<&str> = all.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(text[0], "指标“资金到位及时率”实际完成100%，已达到年度指标值≧100%，按规则应得10.00（实际100% ≥ 指标值100%，得满分10），却只得7。");
    assert_eq!(text[2], "产出指标的分值之和为40，所用评分规则为50分。");
    assert_eq!(text[3], "满意度指标的分值之和为20，所用评分规则为10分。");
    // The rules' total changes the grade when 资金到位及时率 is printed 0 (items 89, 良; the
    // rules' 99, 优): JX-E014, at the total's own line.
    let mut low = yongde();
    low.projects[0].indicators[2].evaluation.as_mut().unwrap().score = Some(d("0"));
    low.projects[0].evaluation.as_mut().unwrap().total_score = None;
    low.projects[0].evaluation.as_mut().unwrap().grade = None;
    let e014: Vec<jixiao_rules::Finding> = check(&low, &cfg, &Settings::default()).into_iter().filter(|f| f.rule == Rule::E014).collect();
    assert_eq!(e014[0].message, "按评分规则重算，总分为99.00（优），所印各项得分之和为89（良），相差10.00分；1处得分与规则不符。");
    // JX-E013 is opt-in (可选): a province's own split is no defect unless configured.
    assert!(check(&doc, &cfg, &Settings::default()).iter().all(|f| f.rule != Rule::E013));
    assert_eq!(all[0].suggestion.as_deref(), Some("说明扣分的理由，或按评分规则给满分。"));

    let r = &rescore(&doc, &cfg)[0];
    let t = &r.totals;
    assert_eq!((t.points_hold, t.score_holds, t.grade_holds), (Some(true), Some(true), Some(true)));
    assert_eq!(t.score_sum.as_ref().unwrap().1, "10 + 10 + 10 + 7 + 10 + 10 + 9 + 10 + 10 + 10 = 96");
    assert_eq!(r.rows[4].allowed, Some((d("8"), d("10"))), "有效 / 有效: the 达成 band");
    assert_eq!(r.rows[4].arithmetic, "实际完成值“有效”属“达成年度指标”档，得分应在8.00–10.00分（分值的80%–100%）");

    // A province's rule set: 产出 40, 效益 30, 满意度 20 and 优 from 97 points. The split now
    // agrees; the printed 优 for 96 does not.
    let mut cfg = ScoringConfig {
        scheme: crate::scoring::LevelScheme::ByLevel {
            points: [(Level1::Output, d("40")), (Level1::Benefit, d("30")), (Level1::Satisfaction, d("20"))].into(),
        },
        ..ScoringConfig::default()
    };
    cfg.grades[0] = GradeBand { from: d("97"), grade: Grade::Excellent };
    assert!(cfg.validate().is_ok());
    assert_eq!(
        found(&doc, &cfg),
        [("JX-E004", Some(3)), ("JX-E012", Some(6)), ("JX-E010", None)]
    );
    assert_eq!(messages(&doc, &cfg, Rule::E010), ["总分96应评为“良”（80分（含）至97分为良），所印等级为“优”。"]);

    // Rules switched off emit nothing; severities follow the settings.
    let mut settings = Settings::default();
    settings.set(Rule::E013, RuleSetting { enabled: false, severity: jixiao_model::Severity::Info });
    settings.set(Rule::E004, RuleSetting { enabled: true, severity: jixiao_model::Severity::Error });
    let f = check(&doc, &ScoringConfig::default(), &settings);
    assert!(f.iter().all(|f| f.rule != Rule::E013));
    assert_eq!(f[0].severity, jixiao_model::Severity::Error);
}

/// selfeval_sichuan-zhongjiang_shuili_2022: 小型水库水标尺制作安装 (中江县水利局).
///
/// Every row holds: actuals printed as their targets (`≥266米`, `显著提升`) claim them met, and
/// every row has full points. The totals do not: the rows' 分值 sum to 100 and the funds block
/// adds 10 → 110, yet the 总分 row prints 分值 100 (JX-E008) and 得分 100 (JX-E009: 10 + 100 =
/// 110). Its split (产出 70, 效益 20) is not the default (JX-E013 twice). The rules' total is
/// the items' sum, 110: no JX-E014.
fn zhongjiang() -> Document {
    let printed: Vec<Printed> = vec![
        ("产出指标(70分)", "数量指标", "安装坡面水标尺", "≥266米", "≥266米", "10", "10"),
        ("产出指标(70分)", "数量指标", "水标尺宽度", "≥50厘米", "≥50厘米", "10", "10"),
        ("产出指标(70分)", "质量指标", "项目(工程)验收合格率", "100%", "100%", "20", "20"),
        ("产出指标(70分)", "时效指标", "及时(按期)开工率", "≥90%", "≥90%", "10", "10"),
        ("产出指标(70分)", "时效指标", "及时(按期)完工率", "≥90%", "≥90%", "10", "10"),
        ("产出指标(70分)", "成本指标", "项目计划总投资", "20万元", "20万元", "10", "10"),
        ("效益指标(20分)", "社会效益指标", "受益脱贫(含监测对象)户人口数", "≥1000人", "≥1000人", "10", "10"),
        ("效益指标(20分)", "社会效益指标", "群众生产生活条件改善状况", "显著提升", "显著提升", "10", "10"),
        ("满意度指标(10分)", "服务对象满意度指标", "受益脱贫(含监测对象)户满意度", "≥95%", "≥95%", "10", "10"),
    ];
    let mut evaluation = totals("100", "100", "");
    evaluation.funds = EvaluationFunds {
        total: fund(8, ["", "20", "20"], "10", "100.00%", "10"),
        fiscal: fund(9, ["", "20", "20"], "", "", ""),
        ..EvaluationFunds::default()
    };
    let p = project("中江县农业水价综合改革精准补贴和节水奖励项目小型水库水标尺制作安装", rows(&printed, &[]), evaluation);
    document("selfeval_sichuan-zhongjiang_shuili_2022.txt", "中江县水利局", 2022, vec![p])
}

#[test]
fn zhongjiang_rows_hold_but_the_totals_do_not_add_up() {
    let doc = zhongjiang();
    let cfg = ScoringConfig::default();
    assert_eq!(found(&doc, &cfg), [("JX-E008", None), ("JX-E009", None), ("JX-E013", None), ("JX-E013", None)]);
    assert_eq!(
        messages(&doc, &cfg, Rule::E008),
        ["各项分值之和为110（10 + 10 + 10 + 20 + 10 + 10 + 10 + 10 + 10 + 10 = 110），总分一行所印分值为100。"]
    );
    assert_eq!(
        messages(&doc, &cfg, Rule::E009),
        ["各项得分之和为110（10 + 10 + 10 + 20 + 10 + 10 + 10 + 10 + 10 + 10 = 110），所印总分为100。"]
    );
    let r = &rescore(&doc, &cfg)[0];
    assert!(r.rows.iter().all(|c| c.verdict == Verdict::Holds));
    assert_eq!(r.totals.grade_holds, None, "no grade printed");
}

/// selfeval_yunnan-linxiang_linye_2023: 马鹿坑国有林场新建野生动物收容所建设项目.
///
/// 资金：31.69 ÷ 32.4 = 97.808…% (printed 97.80%, cut rather than rounded: holds to its last
/// digit); 10 × 97.808…% = 9.78; printed 9: the 9.78 cut to a whole point, as the table
/// scores (every score whole) → holds. Every indicator row holds (the deadline 2023年12月 met
/// in 2023年10月). The items' sum 9 + 80 = 89 is the rules' too: no finding.
fn linxiang() -> Document {
    let printed: Vec<Printed> = vec![
        ("产出指标", "数量指标", "野生动物收容所", "≥200平方米", "204.46平方米", "10", "10"),
        ("产出指标", "数量指标", "钢结构圈养围栏", "≥120米", "121.5米", "10", "10"),
        ("产出指标", "时效指标", "项目完工时限", "2023年12月", "2023年10月", "15", "15"),
        ("产出指标", "质量指标", "项目竣工验收率", "100%", "100%", "15", "15"),
        ("效益指标", "经济效益指标", "务工人员年人均增收", "≥8400元", "8400元", "10", "10"),
        ("效益指标", "社会效益指标", "提供务工岗位", "≥5个", "5个", "10", "10"),
        ("效益指标", "可持续影响指标", "项目建成后可持续影响年限", "≥15年", "15年", "10", "10"),
        ("满意度指标", "服务对象满意度指标", "受益农户满意度", "", "", "", ""),
    ];
    let reasons: Vec<(usize, &str)> = (1..=7).map(|r| (r, "无")).collect();
    let evaluation = ProjectEvaluation {
        funds: EvaluationFunds {
            total: fund(12, ["", "32.4", "31.69"], "10", "97.80%", "9"),
            fiscal: fund(13, ["", "32.4", "31.69"], "10", "97.80%", "9"),
            ..EvaluationFunds::default()
        },
        ..ProjectEvaluation::default()
    };
    let p = project("2023年马鹿坑国有林场新建野生动物收容所建设项目", rows(&printed, &reasons), evaluation);
    document("selfeval_yunnan-linxiang_linye_2023.txt", "临沧市临翔区林业和草原局", 2023, vec![p])
}

#[test]
fn linxiang_budget_score_below_its_rate() {
    let doc = linxiang();
    let cfg = ScoringConfig::default();
    assert_eq!(found(&doc, &cfg), []);
    let r = &rescore(&doc, &cfg)[0];
    assert_eq!(r.funds[0].score_holds, Some(true), "9 for 9.78 in whole points");
    assert_eq!(r.totals.recomputed.map(|t| t.0), Some(d("89")));
    // A whole score more than a point below is still a break: 8 for 9.78.
    let mut low = linxiang();
    let e = low.projects[0].evaluation.as_mut().unwrap();
    e.funds.total = fund(12, ["", "32.4", "31.69"], "10", "97.80%", "8");
    e.funds.fiscal = fund(13, ["", "32.4", "31.69"], "10", "97.80%", "8");
    // (The rules' 89.78 is 良 as the items' 88: no JX-E014.)
    assert_eq!(found(&low, &cfg), [("JX-E007", None), ("JX-E007", None)]);
    let all = check(&low, &cfg, &Settings::default());
    assert_eq!(all[0].message, "年度资金总额：执行率97.81%，按规则得9.78分（10 × 97.81% = 9.78），所印得分为8。");
    assert_eq!((all[0].location.line, all[0].location.cell, all[0].location.field), (12, Some(8), Some("得分")));
    assert_eq!(all[1].message, "其中：本年财政拨款：执行率97.81%，按规则得9.78分（10 × 97.81% = 9.78），所印得分为8。");
    assert_eq!(r.funds[0].rate_holds, Some(true), "97.80% for 97.808…%: cut at its last digit");
    assert_eq!(r.rows[2].judgement, Judgement::OnTime);
}

/// selfeval_anhui-chizhou-tangxi_xiangzhen_2022: 委托业务项目. Every printed score holds:
/// quantities met (≥50个 / 50; ≥100百分比 / 100; ≤90万元 / 90) and words that say so
/// (达成预期指标) with full points; the funds row prints 0 budget, 执行率 0 and 得分 0
/// (10 × 0% = 0). The sum 0 + 80 = 80 is the rules' too. No finding.
#[test]
fn tangxi_every_score_holds() {
    let printed: Vec<Printed> = vec![
        ("产出指标(50分)", "数量指标", "基建工程委托业务项目数量", "≥50个", "50", "8", "8"),
        ("产出指标(50分)", "质量指标", "委托业务报告合格率", "≥100百分比", "100", "8", "8"),
        ("产出指标(50分)", "质量指标", "经费支出合规性", "严格执行相关制度规定", "达成预期指标", "8", "8"),
        ("产出指标(50分)", "时效指标", "提交报告及时性", "在项目计划完成时间内完成", "达成预期指标", "8", "8"),
        ("产出指标(50分)", "成本指标", "项目总成本", "≤90万元", "90", "8", "8"),
        ("产出指标(50分)", "成本指标", "单项业务成本", "符合相关规定", "达成预期指标", "10", "10"),
        ("效益指标(30分)", "社会效益指标", "对维护基建市场公平的影响程度", "效果明显", "达成预期指标", "10", "10"),
        ("效益指标(30分)", "生态效益指标", "对控制基建项目成本影响程度", "效果明显", "达成预期指标", "10", "10"),
        ("效益指标(30分)", "可持续影响指标", "对推动基建项目“四项制度”健全和落实的持续性影响", "效果明显", "达成预期指标", "10", "10"),
        ("满意度指标(10分)", "满意度指标", "公众满", "", "", "", ""),
    ];
    let evaluation = ProjectEvaluation {
        funds: EvaluationFunds {
            total: fund(8, ["0", "0", "0"], "10", "0", "0"),
            fiscal: fund(9, ["90", "89.974", "89.974"], "", "", ""),
            ..EvaluationFunds::default()
        },
        ..ProjectEvaluation::default()
    };
    let doc = document(
        "selfeval_anhui-chizhou-tangxi_xiangzhen_2022.txt",
        "池州市贵池区棠溪镇人民政府",
        2022,
        vec![project("委托业务项目", rows(&printed, &[]), evaluation)],
    );
    let cfg = ScoringConfig::default();
    assert_eq!(found(&doc, &cfg), []);
    let r = &rescore(&doc, &cfg)[0];
    assert!(r.rows[..9].iter().all(|c| c.verdict == Verdict::Holds));
    assert_eq!(r.totals.recomputed, Some((d("80"), Grade::Good)));
    // The form shows both columns and marks nothing.
    let s = r.score(&doc, &cfg).unwrap();
    assert!(s.indicators.iter().filter_map(|i| i.published.as_ref()).all(|p| p.holds));
    assert!(s.warnings.is_empty());
}

/// selfeval_shanghai-putuo_tiyu_2022: two projects, amounts in 元. Project 1: 215457.6 ÷ 250000
/// = 86.183…% (printed 86.19%, within its last digit), 10 × 86.183…% = 8.618… (printed 8.62);
/// rows met with full points (及时 / 及时: 达成, 16–20, printed 20); 总分 100 / 98.62 = 8.62 +
/// 90, and the rules' 98.618… rounds to it. Project 2: 9034 ÷ 20000 = 45.17%, 4.517 → 4.52;
/// its rows are cut before their values. No finding in either.
#[test]
fn putuo_every_score_holds() {
    let p1 = rows(
        &[
            ("产出指标", "数量指标", "与委托运营方结算完成率", "=100%", "100%", "10", "10"),
            ("产出指标", "质量指标", "合同结算条款完成率", "=100%", "100%", "20", "20"),
            ("产出指标", "时效指标", "费用结算及时性", "及时", "及时", "20", "20"),
            ("效益指标", "社会效益指标", "与委托运营方合同完成率", "=100%", "100%", "30", "30"),
            ("满意度指标", "服务对象满意度指标", "场馆开放满意度", ">=90%", "100%", "10", "10"),
        ],
        &[],
    );
    let mut e1 = totals("100", "98.62", "");
    e1.funds = EvaluationFunds {
        total: fund(5, ["25", "25", "21.54576"], "10", "86.19%", "8.62"),
        fiscal: fund(6, ["25", "25", "21.54576"], "", "", ""),
        ..EvaluationFunds::default()
    };
    let p2 = rows(
        &[
            ("产出指标", "数量指标", "经费使用率", "", "", "", ""),
            ("产出指标", "质量指标", "经费完成情况", "", "", "", ""),
            ("满意度指标", "服务对象满意度指标", "满意度", "", "", "", ""),
        ],
        &[],
    );
    let e2 = ProjectEvaluation {
        funds: EvaluationFunds { total: fund(30, ["2", "2", "0.9034"], "10", "45.17%", "4.52"), ..EvaluationFunds::default() },
        ..ProjectEvaluation::default()
    };
    let doc = document(
        "selfeval_shanghai-putuo_tiyu_2022.txt",
        "上海市普陀区体育局",
        2022,
        vec![project("普陀体育中心与委托运营方结算费用", p1, e1), project("援滇对口支援及结对帮扶经费", p2, e2)],
    );
    let cfg = ScoringConfig::default();
    assert_eq!(found(&doc, &cfg), []);
    let r = rescore(&doc, &cfg);
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].totals.recomputed_holds, Some(true));
    assert_eq!(r[0].funds[0].recomputed.map(crate::fmt2).as_deref(), Some("8.62"));
    assert_eq!(r[1].funds[0].arithmetic, "10 × 45.17% = 4.52");
}

/// selfeval_shanxi-jishan-zhaidian_weisheng_2021: 国家基本公共卫生服务, 25 scored rows, many
/// scored by hand and not by the rule (分值 × 实际 ÷ 指标值; one decimal printed, so ±0.05):
///
/// | row | target → actual | rule | printed | finding |
/// | 1 | 38508 → 37442人 | 3 × 37442 ÷ 38508 = 2.92 | 3 | E002 |
/// | 8 | 100.00% → 97.30% | 2 × 97.3 ÷ 100 = 1.946 | 1.9 | holds |
/// | 12, 13 | 214 → 203人 | 2 × 203 ÷ 214 = 1.897 | 1.8 | E005 |
/// | 14 | 120 → 69人 | 2 × 69 ÷ 120 = 1.15 | 1 | E005 |
/// | 15, 22 | 5662 → 4044人 | 2 × 4044 ÷ 5662 = 1.428 | 1.4 | holds |
/// | 16 | 3807 → 3224人 | 1.694 | 1.9 | E003 |
/// | 17 | 3807 → 3220人 | 1.692 | 1.8 | E003 |
/// | 18 | 863 → 695人 | 1.611 | 1.8 | E003 |
/// | 19 | 863 → 683人 | 1.583 | 1.7 | E003 |
/// | 20 | 212 → 209人 | 1.972 | 1.8 | E005 |
/// | 23 | 1228 → 770人 | 1.254 | 1.8 | E003 |
/// | 25 | 24694 → 22584人 | 1.829 | 1.7 | E005 |
///
/// Every missed row lacks a 偏差原因 (JX-E012). Items: 10 + 41.8 = 51.8; the rules' total 51.30,
/// 差 as well: no JX-E014. Levels are not printed: no JX-E013.
#[test]
fn jishan_scores_by_hand() {
    let mut printed: Vec<Printed> = vec![
        ("", "", "指标1:居民健康档案", "38508人", "37442人", "3", "3"),
        ("", "", "指标2:发放健康教育资料", "不少于12 种", "14种", "1", "1"),
        ("", "", "", "不少于6 种", "28种", "1", "1"),
        ("", "", "", "116次", "150次", "1", "1"),
        ("", "", "指标5:举办健康教育知识讲座", "6次", "150次", "1", "1"),
        ("", "", "指标6:举办健康教育宣传咨询活动", "12次", "96次", "1", "1"),
        ("", "", "指标7:建立预防接种证", "221人", "221人", "2", "2"),
        ("", "", "指标8:适龄儿童疫苗接种率", "100.00%", "97.30%", "2", "1.9"),
        ("", "", "指标9:0-6岁儿童健康管理数", "2089人", "2089人", "2", "2"),
        ("", "", "指标10:0-6岁儿童眼保健操覆盖数", "2089人", "2089人", "2", "2"),
        ("", "", "指标11:新生入访视数", "214人", "214人", "2", "2"),
        ("", "", "指标12:孕产妇7天访视数", "214人", "203人", "2", "1.8"),
        ("", "", "指标13:孕产妇42天访视数", "214人", "203人", "2", "1.8"),
        ("", "", "指标14:早孕建册数", "120人", "69人", "2", "1"),
        ("", "", "指标15:老年人体检数", "5662人", "4044人", "2", "1.4"),
        ("", "", "指标16:高血压规范管理数", "3807人", "3224人", "2", "1.9"),
        ("", "", "指标17:高血压随访控制数", "3807人", "3220人", "2", "1.8"),
        ("", "", "指标18:糖尿病规范管理数", "863人", "695人", "2", "1.8"),
        ("", "", "指标19:糖尿病随访控制数", "863人", "683人", "2", "1.7"),
        ("", "", "指标20:严重精神障碍患者管理数", "212人", "209人", "2", "1.8"),
        ("", "", "指标21:肺结核健康规范管理数", "8例", "8例", "2", "2"),
        ("", "", "指标22:老年人中医药规范管理数", "5662人", "4044人", "2", "1.4"),
        ("", "", "指标23:0-36月龄中医药规范管理数", "1228人", "770人", "2", "1.8"),
        ("", "", "指标24:传染病及突发公共卫生事件报告 数", "14例", "14例", "2", "2"),
        ("", "", "指标25:家庭医生签约率", "24694人", "22584人", "2", "1.7"),
    ];
    printed.push(("", "质量指标", "指标1:提升国家基本", "", "", "", ""));
    let evaluation = ProjectEvaluation {
        funds: EvaluationFunds {
            total: fund(6, ["0", "207.4538", "207.4538"], "10", "100%", "10"),
            fiscal: fund(7, ["", "207.4538", ""], "", "100%", ""),
            ..EvaluationFunds::default()
        },
        ..ProjectEvaluation::default()
    };
    let doc = document(
        "selfeval_shanxi-jishan-zhaidian_weisheng_2021.txt",
        "稷山县卫生健康和体育局",
        2021,
        vec![project("国家基本公共卫生服务", rows(&printed, &[]), evaluation)],
    );
    let cfg = ScoringConfig::default();
    let got = found(&doc, &cfg);
    let of = |rule: &str| got.iter().filter(|(r, _)| *r == rule).map(|(_, row)| row.unwrap_or(0)).collect::<Vec<_>>();
    assert_eq!(of("JX-E002"), [1]);
    assert_eq!(of("JX-E003"), [16, 17, 18, 19, 23]);
    // Scores printed with a decimal (1.9, 1.8): the table does not score in whole points, so
    // 1 for 1.15 (row 14) is no cut to a whole point.
    assert_eq!(of("JX-E005"), [12, 13, 14, 20, 25]);
    assert_eq!(of("JX-E012"), [1, 8, 12, 13, 14, 15, 16, 17, 18, 19, 20, 22, 23, 25]);
    assert!(of("JX-E014").is_empty());
    assert_eq!(got.len(), 1 + 5 + 5 + 14);
    assert_eq!(
        messages(&doc, &cfg, Rule::E003)[0],
        "指标“指标16:高血压规范管理数”实际完成3224人（年度指标值3807人），得分1.9，按规则应得1.69（2 × 3224 ÷ 3807 = 1.69）。"
    );
    let r = &rescore(&doc, &cfg)[0];
    assert_eq!(r.rows[7].verdict, Verdict::Holds, "1.9 for 1.946: one decimal printed");
    assert_eq!(r.rows[13].verdict, Verdict::BelowRule, "1 for 1.15: no decimal printed, no rounding assumed");
    assert_eq!(r.totals.score_sum.as_ref().map(|s| s.0), Some(d("51.8")));
    assert_eq!(r.totals.recomputed.map(|(t, g)| (crate::fmt2(t), g)), Some(("51.30".to_string(), Grade::Poor)));
}

/// selfeval_hunan-lingling_linye_2021: a department-wide self-evaluation (部门整体, 零陵区林业局).
///
/// Rows: 木材销售收入 1100万元 → 1093万元: 6 × 1093 ÷ 1100 = 5.96, printed 5;
/// 林产品收入 2.6亿元 → 2.45亿元: 6 × 2.45 ÷ 2.6 = 5.65, printed 5: the rules' scores cut to
/// whole points, as the table scores (every score whole) → hold; both without a reason
/// (JX-E012). 每亩300 / 每亩300 (words, 达成) and the quantities met hold.
/// Funds (from the golden's notes): 全年预算数 4753.66, 全年执行数 3824.26 万元 → 80.45%, yet
/// 执行率 printed 100% (JX-E006) and 得分 10 where the rule gives 10 × 80.45% = 8.04 (JX-E007).
#[test]
fn lingling_department_table() {
    let printed: Vec<Printed> = vec![
        ("产出指标 (50)", "数量指标", "造林面积", "1.2万亩", "1.2万亩", "10", "10"),
        ("产出指标 (50)", "数量指标", "病虫害防治面积", "3.45万亩", "3.45万亩", "7", "7"),
        ("产出指标 (50)", "数量指标", "森林经营面积", "16.3万亩", "16.3万亩", "7", "7"),
        ("产出指标 (50)", "质量指标", "造林成活率", "85%", "85%", "7", "7"),
        ("产出指标 (50)", "时效指标", "当期完成", "90%", "100%", "7", "7"),
        ("产出指标 (50)", "成本指标", "造林补助", "每亩300", "每亩300", "6", "6"),
        ("产出指标 (50)", "成本指标", "育补助", "每亩100", "每亩100", "6", "6"),
        ("效益指标30分)", "经济效益指标", "木材销售收入", "1100万元", "1093万元", "6", "5"),
        ("效益指标30分)", "经济效益指标", "林产品收入", "2.6亿元", "2.45亿元", "6", "5"),
        ("效益指标30分)", "社会效益指标", "提高就业率", "显著", "显著", "6", "6"),
    ];
    let doc = Document {
        source: "selfeval_hunan-lingling_linye_2021.txt".into(),
        department: Some(Located::new("零陵区林业局".into(), Origin::line(2))),
        year: Some(Located::new(2021, Origin::line(1))),
        department_indicators: rows(&printed, &[]),
        department_evaluation: Some(Box::new(ProjectEvaluation {
            funds: EvaluationFunds { total: fund(40, ["4753.66", "4753.66", "3824.26"], "10", "100%", "10"), ..EvaluationFunds::default() },
            ..ProjectEvaluation::default()
        })),
        ..Document::default()
    };
    let cfg = ScoringConfig::default();
    let all = check(&doc, &cfg, &Settings::with_opt_in());
    let got: Vec<(&str, Option<usize>, Option<usize>)> = all.iter().map(|f| (f.rule_id, f.location.project, f.location.row)).collect();
    assert_eq!(
        got[..4],
        [
            ("JX-E012", None, Some(8)),
            ("JX-E012", None, Some(9)),
            ("JX-E006", None, None),
            ("JX-E007", None, None),
        ]
    );
    assert_eq!(all[0].message, "指标“木材销售收入”实际完成1093万元，未达到年度指标值1100万元，没有填写偏差原因分析及改进措施。");
    assert_eq!(all[2].message, "年度资金总额：全年执行数3824.26万元÷全年预算数4753.66万元为80.45%，所印执行率为100%。");
    assert_eq!(all[3].message, "年度资金总额：执行率80.45%，按规则得8.04分（10 × 80.45% = 8.04），所印得分为10。");
    // The excerpt ends before 生态效益: 效益 prints 18 of the rules' 30 (opt-in). The rules'
    // total 8.04 + 66 = 74.04 is not the printed items' 10 + 66 = 76.
    // (中 either way: no JX-E014.)
    assert_eq!(got[4..], [("JX-E013", None, None)]);
    assert_eq!(all[4].message, "效益指标的分值之和为18，所用评分规则为30分。");
    assert_eq!(rescore(&doc, &cfg)[0].totals.recomputed.map(|t| crate::fmt2(t.0)), Some("74.04".to_string()));
    // A whole score more than a point below the rule's is still a break: 4 for 5.96.
    let mut doc = doc;
    doc.department_indicators[7].evaluation.as_mut().unwrap().score = Some(d("4"));
    assert_eq!(
        messages(&doc, &cfg, Rule::E005),
        ["指标“木材销售收入”实际完成1093万元（年度指标值1100万元），按规则应得5.96（6 × 1093 ÷ 1100 = 5.96），却只得4。"]
    );
}

/// Values in words: a band's range; words that say the target was missed cap the score.
#[test]
fn words_and_bands() {
    let printed: Vec<Printed> = vec![
        ("产出指标", "质量指标", "制度健全性", "健全", "已健全", "10", "10"),
        ("产出指标", "质量指标", "资料归档", "完成", "未完成", "10", "10"),
        ("产出指标", "质量指标", "整改落实", "完成", "部分完成", "10", "7"),
        ("效益指标", "社会效益指标", "群众认可", "提高", "程度较高", "10", "4"),
        ("效益指标", "社会效益指标", "宣传效果", "良好", "良好", "10", "7"),
        ("效益指标", "社会效益指标", "安全事故", "0起", "1起", "10", "10"),
        ("满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95人", "10", "10"),
    ];
    let doc = document("词.txt", "某局", 2023, vec![project("文字评价", rows(&printed, &[(2, "档案室搬迁")]), ProjectEvaluation::default())]);
    let cfg = ScoringConfig::default();
    let r = &rescore(&doc, &cfg)[0];
    let verdicts: Vec<Verdict> = r.rows.iter().map(|c| c.verdict).collect();
    assert_eq!(
        verdicts,
        [
            // 已健全 for 健全: 达成 band, 8–10: 10 holds.
            Verdict::Holds,
            // 未完成: 部分达成 or 未达成, 0–8: full points → E002 (its reason is printed).
            Verdict::FullThoughMissed,
            // 部分完成: 部分达成 band, 6–8: 7 holds.
            Verdict::Holds,
            // 程度较高 says neither: 0–10, anything holds.
            Verdict::Holds,
            // 良好 / 良好: 达成, 8–10: 7 is more than the band allows → E005.
            Verdict::BelowRule,
            // 0起 is reverse (only 0 meets it); 1起 is more than twice 0 → 0 points: 10 → E002.
            Verdict::FullThoughMissed,
            // 95人 for a % target: units differ, any band: 10 holds.
            Verdict::Holds,
        ]
    );
    assert_eq!(r.rows[1].arithmetic, "实际完成值“未完成”属“部分达成并具有一定效果”或“未达成且效果较差”档，得分应在0.00–8.00分（分值的0%–80%）");
    assert_eq!(r.rows[6].arithmetic, "实际完成值的单位“人”与指标值的单位“%”不同，按定性档次评价，得分应在0.00–10.00分（分值的0%–100%）");
    let rows_found: Vec<_> = found(&doc, &cfg).into_iter().filter(|(_, row)| row.is_some()).collect();
    assert_eq!(rows_found, [("JX-E002", Some(2)), ("JX-E012", Some(3)), ("JX-E005", Some(5)), ("JX-E002", Some(6)), ("JX-E012", Some(6))]);

    // Narrower bands in a configured rule set: 达成 90–100% makes 良好's 8 too little too.
    let mut cfg = ScoringConfig::default();
    cfg.bands[0] = BandRule { band: QualitativeBand::Achieved, min: d("90"), max: d("100"), default: d("100") };
    let r = &rescore(&doc, &cfg)[0];
    assert_eq!(r.rows[4].allowed, Some((d("9"), d("10"))));
}

/// A score above its 分值, a grade outside its band, scores printed with two decimals.
#[test]
fn above_the_weight_and_a_wrong_grade() {
    let printed: Vec<Printed> = vec![
        ("产出指标", "数量指标", "培训人次", "≥100人次", "120人次", "50", "55"),
        ("效益指标", "社会效益指标", "知晓率", "≥90%", "81%", "30", "27.00"),
        ("满意度指标", "服务对象满意度指标", "满意度", "≥90%", "92%", "10", "10.00"),
    ];
    let mut e = totals("100", "100", "良");
    e.funds = EvaluationFunds { total: fund(8, ["10", "10", "9"], "10", "90%", "9"), ..EvaluationFunds::default() };
    let doc = document("构造.txt", "某局", 2023, vec![project("培训", rows(&printed, &[(2, "宣传不足")]), e)]);
    let cfg = ScoringConfig::default();
    // Row 2: 30 × 81 ÷ 90 = 27: holds. Items 9 + 55 + 27 + 10 = 101 ≠ printed 100 (E009);
    // 100 is 优, printed 良 (E010); the rules' 9 + 50 + 27 + 10 = 96 (E014).
    assert_eq!(found(&doc, &cfg), [("JX-E001", Some(1)), ("JX-E009", None), ("JX-E010", None), ("JX-E014", None)]);
    assert_eq!(messages(&doc, &cfg, Rule::E001), ["指标“培训人次”得分55，超过其分值50；按规则应得50.00（实际120人次 ≥ 指标值100人次，得满分50）。"]);
    assert_eq!(messages(&doc, &cfg, Rule::E010), ["总分100应评为“优”（90分及以上为优），所印等级为“良”。"]);
    let s = rescore(&doc, &cfg)[0].score(&doc, &cfg).unwrap();
    assert_eq!(crate::fmt2(s.total), "96.00");
    assert_eq!(s.published_total, Some(crate::scoring::PublishedScore { score: d("100"), holds: false }));
    assert_eq!(s.published_grade.as_ref().map(|g| (g.printed.as_str(), g.holds)), Some(("良", false)));
    assert_eq!(s.indicators[0].published, Some(crate::scoring::PublishedScore { score: d("55"), holds: false }));
    assert_eq!(s.warnings.len(), 4);
}

/// Target tables are not self-evaluations: nothing is re-scored.
#[test]
fn target_tables_are_left_alone() {
    let mut doc = suixi();
    for i in &mut doc.projects[0].indicators {
        i.evaluation = None;
    }
    doc.projects[0].evaluation = None;
    assert!(rescore(&doc, &ScoringConfig::default()).is_empty());
    assert!(check(&doc, &ScoringConfig::default(), &Settings::default()).is_empty());
}

/// The 自评表 laid out from a re-scored table carries the printed and the recomputed scores
/// side by side (cells as its worksheet shows them).
#[test]
fn the_form_carries_published_and_recomputed_scores() {
    use crate::testdoc::shown_at;

    let doc = yongde();
    let cfg = ScoringConfig::default();
    let s = rescore(&doc, &cfg)[0].score(&doc, &cfg).unwrap();
    assert_eq!(crate::fmt2(s.total), "99.00");
    assert_eq!(s.published_total.as_ref().map(|p| p.score), Some(d("96")));

    let set = crate::self_evaluation_tables(&doc, std::slice::from_ref(&s));
    assert_eq!(set.sheets[0].0, "1-义务教育营养改善计划专项资金");
    let table = &set.sheets[0].1;
    let at = |a1: &str| shown_at(table, a1).unwrap_or_default();
    let broken = table.rows.iter().flatten().find(|c| c.field == Some("published-score-broken")).unwrap();
    assert_eq!((broken.text.as_str(), broken.mark), ("7.00", Some(crate::report::BROKEN_FILL)));
    assert!(table.notes.iter().any(|n| n.contains("按评分规则重算，总分为99.00（优）")), "{:?}", table.notes);
    assert_eq!([at("I5"), at("J5")], ["所印得分", "复核得分"]);
    assert_eq!([at("I6"), at("J6")], ["10", "10"]);
    assert_eq!([at("H12"), at("I12")], ["所印得分", "复核得分"]);
    assert_eq!([at("D15"), at("H15"), at("I15")], ["资金到位及时率", "7", "10"]);
    // 9 for 9.8 in whole points holds: the rules' score is the printed one.
    assert_eq!([at("D18"), at("H18"), at("I18")], ["政策知晓率", "9", "9"]);
    assert_eq!([at("A22"), at("G22"), at("H22"), at("I22")], ["总分", "100", "96", "99"]);
    assert_eq!(at("J22"), "等级：优（所印：优）");
}

/// pipe_shanxi-lvliang_peixun_2021: 产出成本 吕梁山护工培训补贴标准达标 3000元/人, actual
/// 2600元/人. A cost indicator caps what is spent (财预〔2021〕101号): less is no shortfall and
/// asks for no 偏差原因 (no JX-E012); the count missed (12166 of 12500名) still does.
#[test]
fn a_cost_below_its_standard_is_no_shortfall() {
    let printed: Vec<Printed> = vec![
        ("产出指标", "产出数量", "完成2021年吕梁山护工培训任务", "12500名", "12166名", "", ""),
        // Printed 产出成本, which the reader reads as the cost level (Level2::from_level_cell).
        ("产出指标", "成本指标", "吕梁山护工培训补贴标准达标", "3000元/人", "2600元/人", "", ""),
    ];
    let p = project("吕梁山护工培训", rows(&printed, &[]), ProjectEvaluation::default());
    let doc = document("pipe_shanxi-lvliang_peixun_2021.txt", "吕梁市人力资源和社会保障局", 2021, vec![p]);
    assert_eq!(found(&doc, &ScoringConfig::default()), [("JX-E012", Some(1))]);
    // The same amount as a count of persons is no cost: 2600 of 3000人 is missed.
    let printed: Vec<Printed> = vec![("产出指标", "产出数量", "培训人数", "3000人", "2600人", "", "")];
    let p = project("吕梁山护工培训", rows(&printed, &[]), ProjectEvaluation::default());
    let doc = document("pipe_shanxi-lvliang_peixun_2021.txt", "吕梁市人力资源和社会保障局", 2021, vec![p]);
    assert_eq!(found(&doc, &ScoringConfig::default()), [("JX-E012", Some(1))]);
}

/// selfeval_yunnan-changning-gongxiao_shengzhu_2022: 预算执行情况(20分) prints no 分值 column:
/// 预算数 50, 执行数 10, 执行率 20%, 得分 4 (20分 × 执行率); the indicator rows are worth 80
/// (年度绩效目标(80分)). The budget is worth what the rows leave of 100, 20: 20 × 20% = 4 holds.
#[test]
fn budget_points_the_rows_leave() {
    let printed: Vec<Printed> = vec![
        ("产出指标", "数量指标", "生猪养殖户数", "≥10户", "10户", "40", "40"),
        ("效益指标", "经济效益指标", "带动增收", "≥5万元", "5万元", "30", "30"),
        ("满意度指标", "服务对象满意度指标", "养殖户满意度", "≥90%", "95%", "10", "10"),
    ];
    let evaluation = |score: &str| ProjectEvaluation {
        funds: EvaluationFunds { total: fund(104, ["", "50", "10"], "", "20%", score), ..EvaluationFunds::default() },
        ..ProjectEvaluation::default()
    };
    let doc = |score: &str| {
        let p = project("生猪产业发展", rows(&printed, &[]), evaluation(score));
        document("selfeval_yunnan-changning-gongxiao_shengzhu_2022.txt", "昌宁县供销合作社联合社", 2022, vec![p])
    };
    let cfg = ScoringConfig::default();
    // (Its split is not the default 50/30/10: JX-E013, opt-in, left out here.)
    let found = |d: &Document| -> Vec<_> { check(d, &cfg, &Settings::default()).iter().map(|f| (f.rule_id, f.location.row)).collect() };
    assert_eq!(found(&doc("4")), []);
    assert_eq!(rescore(&doc("4"), &cfg)[0].funds[0].points, Some(d("20")));
    // 2 is the default 10 points' share, not this form's.
    assert_eq!(found(&doc("2")), [("JX-E007", None)]);
    assert_eq!(
        messages(&doc("2"), &cfg, Rule::E007),
        ["年度资金总额：执行率20.00%，按规则得4.00分（20 × 20.00% = 4.00），所印得分为2。"]
    );
}
