//! Compact builders for hand-made documents in unit tests.

use std::str::FromStr;

use jixiao_model::*;

use jixiao_rules::{Report, Rule};

use crate::{review, Config};

fn opt(s: &str, at: Origin) -> Option<Located<String>> {
    (!s.is_empty()).then(|| Located::new(s.to_string(), at))
}

/// One indicator row; an empty string is an empty cell.
pub fn ind(l1: &str, l2: &str, l3: &str, desc: &str, target: &str, basis: &str) -> Indicator {
    let at = Origin::default();
    Indicator {
        level1: IndicatorLevel {
            category: Level1::from_level_cell(l1),
            printed: Located::new(l1.into(), at),
            inherited: false,
        },
        level2: IndicatorLevel {
            category: Level2::from_level_cell(l2),
            printed: Located::new(l2.into(), at),
            inherited: false,
        },
        level3: opt(l3, at),
        description: opt(desc, at),
        target: (!target.is_empty()).then(|| Located::new(Target::parse(target), at)),
        basis: opt(basis, at),
        weight: None,
        at,
        evaluation: None,
    }
}

pub fn money(s: &str) -> Option<Located<Money>> {
    Some(Located::new(
        Money(Decimal::from_str(s).unwrap()),
        Origin::default(),
    ))
}

pub fn plan(values: [Option<&str>; 4]) -> Option<SpendingPlan> {
    Some(SpendingPlan {
        cumulative_percent: values
            .map(|v| v.map(|v| Located::new(Decimal::from_str(v).unwrap(), Origin::default()))),
    })
}

/// A complete project that no rule objects to.
pub fn good_project() -> Project {
    Project {
        period: None,
        unit: None,
        code: Some(Located::new("P-1".into(), Origin::default())),
        name: Located::new("安全生产宣传".into(), Origin::default()),
        budget: Budget {
            total: money("10"),
            fiscal: money("10"),
            other: None,
        },
        purpose: opt("开展安全生产宣传，印制宣传材料。", Origin::default()),
        spending_plan: plan([Some("25"), Some("50"), Some("75"), Some("100")]),
        goals: vec![Located::new(
            "1、全年开展安全生产宣传4次以上，群众满意度达到90%。".into(),
            Origin::default(),
        )],
        indicators: vec![
            ind(
                "产出指标",
                "数量指标",
                "宣传活动次数",
                "全年开展宣传活动的次数",
                "≥4次",
                "年度工作计划",
            ),
            ind(
                "产出指标",
                "质量指标",
                "宣传覆盖率",
                "宣传覆盖的村居占全部村居的比例",
                "≥90%",
                "年度工作计划",
            ),
            ind(
                "产出指标",
                "时效指标",
                "宣传完成时间",
                "在规定时间内完成宣传",
                "按时完成",
                "年度工作计划",
            ),
            ind(
                "产出指标",
                "成本指标",
                "宣传材料费",
                "印制宣传材料的费用",
                "≤6万元",
                "预算支出标准",
            ),
            ind(
                "效益指标",
                "社会效益指标",
                "安全知识知晓率",
                "知晓安全知识的群众占受访群众的比例",
                "≥85%",
                "历史标准",
            ),
            ind(
                "效益指标",
                "可持续影响指标",
                "宣传机制健全性",
                "宣传工作机制是否健全",
                "健全",
                "计划标准",
            ),
            ind(
                "满意度指标",
                "服务对象满意度指标",
                "群众满意度",
                "受访群众中表示满意的比例",
                "≥90%",
                "历史标准",
            ),
        ],
        at: Origin::default(),
        evaluation: None,
    }
}

/// A 2020 document; lines are numbered so that project p starts at 100·p and row r of it is
/// at 100·p + 10 + r.
pub fn doc(mut projects: Vec<Project>) -> Document {
    for (p, project) in projects.iter_mut().enumerate() {
        let base = 100 * (p as u32 + 1);
        project.at = Origin::line(base);
        for (r, i) in project.indicators.iter_mut().enumerate() {
            let line = base + 10 + r as u32;
            i.at = Origin::line(line);
            i.level1.printed.at = Origin::cell(line, 1);
            i.level2.printed.at = Origin::cell(line, 2);
            for (c, cell) in [
                (3, &mut i.level3),
                (4, &mut i.description),
                (6, &mut i.basis),
            ] {
                if let Some(cell) = cell {
                    cell.at = Origin::cell(line, c);
                }
            }
            if let Some(t) = &mut i.target {
                t.at = Origin::cell(line, 5);
            }
        }
    }
    Document {
        source: "test.txt".into(),
        year: Some(Located::new(2020, Origin::line(1))),
        projects,
        ..Default::default()
    }
}

/// Reviews `d` with every rule on, the opt-in ones (可选) too: unit tests check each rule's
/// logic; whether a rule is on by default is the catalogue's business.
pub fn run(d: &Document) -> Report {
    let mut c = Config::default();
    let all = jixiao_rules::Settings::with_opt_in();
    for r in jixiao_rules::CATALOGUE {
        c.set_rule(r.rule, all.get(r.rule));
    }
    review(d, &c)
}

/// Asserts that `rule` found something in project `project` (from 1), at `row` when given,
/// with `text` in its message.
#[track_caller]
pub fn assert_found(d: &Document, rule: Rule, project: usize, row: Option<usize>, text: &str) {
    let r = run(d);
    let hits: Vec<_> = r.of(rule).collect();
    assert!(
        hits.iter().any(|f| f.location.project == Some(project - 1)
            && (row.is_none() || f.location.row == row)
            && f.message.contains(text)),
        "{} should report “{text}” in project {project} row {row:?}; got {:#?}",
        rule.id(),
        hits
    );
}

/// Asserts that `rule` found something that belongs to no project, with `text` in its message.
#[track_caller]
pub fn assert_found_doc(d: &Document, rule: Rule, text: &str) {
    let r = run(d);
    let hits: Vec<_> = r.of(rule).collect();
    assert!(
        hits.iter()
            .any(|f| f.location.project.is_none() && f.message.contains(text)),
        "{} should report “{text}” for the document; got {:#?}",
        rule.id(),
        hits
    );
}

#[track_caller]
pub fn assert_none(d: &Document, rule: Rule) {
    let r = run(d);
    let hits: Vec<_> = r.of(rule).collect();
    assert!(
        hits.is_empty(),
        "{} should be quiet; got {:#?}",
        rule.id(),
        hits
    );
}

#[test]
fn good_project_is_clean() {
    let r = run(&doc(vec![good_project(), good_project()]));
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
    assert_eq!(r.score.value, 100);
    assert_eq!(r.score.grade, "优");
}

#[test]
fn a_project_copied_three_times_is_one_finding_per_cause() {
    let mut p = good_project();
    p.indicators[1] = ind(
        "产出指标",
        "质量指标",
        "资金发放率",
        "已发放资金的比例",
        "≥100%",
        "计划",
    );
    p.indicators[4] = ind(
        "效益指标",
        "社会效益指标",
        "知晓率",
        "知晓的比例",
        "95",
        "计划",
    );
    let r = run(&doc(vec![p.clone(), p.clone(), p]));
    let m010: Vec<_> = r.of(Rule::M010).collect();
    assert_eq!(m010.len(), 1);
    assert_eq!(m010[0].places(), 3);
    assert_eq!(
        m010[0].location.project,
        Some(0),
        "the first place is the finding's own"
    );
    let places: Vec<_> = m010[0].also.iter().map(|o| o.location.project).collect();
    assert_eq!(places, [Some(1), Some(2)]);
    let m007: Vec<_> = r.of(Rule::M007).collect();
    assert_eq!((m007.len(), m007[0].places()), (1, 3));
    assert!(
        m007[0]
            .message
            .ends_with("同一问题另见2处：项目2第5行指标“95”、项目3第5行指标“95”。"),
        "{}",
        m007[0].message
    );
    // Each project counts the finding once.
    assert!(
        r.projects
            .iter()
            .all(|p| p.counts.warning == 1 && p.counts.info == 1),
        "{:#?}",
        r.projects
    );
}
