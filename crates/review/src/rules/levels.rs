//! R007: an indicator filed under a second level it does not belong to — a satisfaction
//! figure outside 满意度指标, an awareness rate among the outputs (not under 质量指标), a count under 质量指标 or
//! 时效指标, a rate or a quality ratio under 数量指标, a ratio or a count under 成本指标, an
//! amount of money under 数量/质量/时效指标.

use jixiao_model::{Comparison, Decimal, Indicator, Level2, TargetValue};
use jixiao_rules::Rule;

use crate::rules::RowText;
use crate::text::{clean, is_satisfaction_name_clean, stated_measure_clean, unit_measure, Measure};
use crate::{at, quote, Ctx};

/// What a row measures, as far as its second level is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Satisfaction,
    Awareness,
    Count,
    QualityRate,
    TimelinessRate,
    Rate,
    Money,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Satisfaction => "满意度",
            Kind::Awareness => "知晓率等反映效果的指标",
            Kind::Count => "数量（个数、次数、人数等）",
            Kind::QualityRate => "反映质量的比率",
            Kind::TimelinessRate => "反映时效的比率",
            Kind::Rate => "比率，不是成本金额",
            Kind::Money => "金额",
        }
    }
}

/// Names of events one wants to keep rare (`事故发生次数 0次`): counts that do measure quality.
const NEGATIVE: &[&str] = &[
    "事故", "发生", "投诉", "差错", "违规", "违纪", "问题", "失误", "伤亡", "案件", "上访",
];

fn is_count(m: Measure) -> bool {
    matches!(
        m,
        Measure::Times
            | Measure::Persons
            | Measure::PersonTimes
            | Measure::Households
            | Measure::Copies
            | Measure::Items
            | Measure::Enterprises
    )
}

/// What the row measures: its name's own words first, else its target's unit.
fn kind(ind: &Indicator, name: &str) -> Option<Kind> {
    if is_satisfaction_name_clean(name) {
        return Some(Kind::Satisfaction);
    }
    let stated = stated_measure_clean(name).map(|m| m.0);
    if stated == Some(Measure::Percent) {
        // Without a template's hint (`种植作物成活率(≥**%)`) or a unit in brackets (`(%)`).
        let mut core = name;
        while let Some(body) = core.strip_suffix(')') {
            match body.rfind('(') {
                Some(open) => core = &body[..open],
                None => break,
            }
        }
        let core = core.trim_end_matches(['%', '(']);
        if ["知晓率", "知晓度", "知晓程度", "知晓面"]
            .iter()
            .any(|w| core.contains(w))
        {
            return Some(Kind::Awareness);
        }
        if [
            "合格率",
            "达标率",
            "通过率",
            "准确率",
            "正确率",
            "优良率",
            "验收率",
            "成活率",
        ]
        .iter()
        .any(|w| core.ends_with(w))
        {
            return Some(Kind::QualityRate);
        }
        if ["及时率", "按时完成率", "按期完成率", "准时率"]
            .iter()
            .any(|w| core.ends_with(w))
        {
            return Some(Kind::TimelinessRate);
        }
        return Some(Kind::Rate);
    }
    // A name that says it is about time (`考核任务完成及时`) is a timeliness measure, whatever
    // figure its value holds (`1-6期培训结束后及时考核`).
    if ["及时", "按时", "准时", "按期"].iter().any(|w| name.trim_end_matches([')', '(']).ends_with(w)) {
        return None;
    }
    let target = ind.target.as_ref().map(|t| &t.value.value);
    let unit = match target {
        // A rate (`1次/月`, `570元/人·月`) is a frequency or a standard, not a count or an
        // amount.
        Some(TargetValue::Quantity { unit: Some(u), .. }) if u.contains('/') => return None,
        Some(TargetValue::Quantity { unit: Some(u), .. }) => unit_measure(u),
        _ => None,
    };
    let measure = stated.filter(|m| *m != Measure::Count).or(unit)?;
    if measure == Measure::Money {
        return (unit == Some(Measure::Money)).then_some(Kind::Money);
    }
    if is_count(measure) {
        // `0次`, `≤2起`: a count kept low is a quality measure.
        let low = matches!(
            target,
            Some(TargetValue::Quantity {
                op: Some(Comparison::AtMost | Comparison::LessThan),
                ..
            })
        ) || matches!(target, Some(TargetValue::Quantity { value, .. }) if *value == Decimal::ZERO);
        if low || NEGATIVE.iter().any(|w| name.contains(w)) {
            return None;
        }
        return Some(Kind::Count);
    }
    None
}

/// The output second level a row's own words give (C002): a quality or timeliness rate wherever
/// it is filed (R007 says where it belongs; the level is not missing), and for a row printed
/// without a second level (a prose list), a count, an amount or a deadline.
pub(crate) fn output_level2_by_name(ind: &Indicator) -> Option<Level2> {
    let name = clean(ind.level3_text());
    let unlabelled = ind.level2.category.is_none() && ind.level2.printed.value.trim().is_empty();
    let deadline = matches!(ind.target.as_ref().map(|t| &t.value.value), Some(TargetValue::Deadline { .. }));
    match kind(ind, &name) {
        Some(Kind::QualityRate) => Some(Level2::Quality),
        Some(Kind::TimelinessRate) => Some(Level2::Timeliness),
        Some(Kind::Count) if unlabelled => Some(Level2::Quantity),
        Some(Kind::Money) if unlabelled => Some(Level2::Cost),
        None if unlabelled && deadline => Some(Level2::Timeliness),
        _ => None,
    }
}

/// Where the kind belongs, when `level2` is not a place for it: the suggested fix.
fn misplaced(kind: Kind, level2: Level2) -> Option<&'static str> {
    use Level2::*;
    match (kind, level2) {
        (Kind::Satisfaction, ServiceSatisfaction) => None,
        (Kind::Satisfaction, _) => Some("移到“满意度指标—服务对象满意度指标”下。"),
        // Not under 质量指标: templates file 政策知晓率 there as how well the publicity was done
        // (学生资助's common indicators do), and a reviewer lets it stand — both labellers called
        // it pedantic (selfeval_hubei-xianning-hbust_jiaoyu_2021).
        (Kind::Awareness, Quantity | Timeliness | Cost | EconomicCost) => {
            Some("知晓率反映项目的效果，移到“效益指标—社会效益指标”下。")
        }
        // A count under 成本指标 is A007's (a cost that is no amount).
        (Kind::Count, Quality | Timeliness | ServiceSatisfaction) => {
            Some("移到“数量指标”下，或改为与所在二级指标相符的指标（如质量指标写合格率、时效指标写完成时限）。")
        }
        (Kind::QualityRate, Quantity) => Some("移到“质量指标”下。"),
        (Kind::TimelinessRate, Quantity) => Some("移到“时效指标”下。"),
        (Kind::Rate | Kind::QualityRate | Kind::TimelinessRate, Cost | EconomicCost) => {
            Some("成本指标填写成本金额（如“≤N万元”）；比率类指标列入质量、时效或效益指标。")
        }
        (Kind::Money, Quantity | Quality | Timeliness) => Some("金额列入“成本指标”下。"),
        _ => None,
    }
}

pub(crate) fn row(ctx: &mut Ctx, pi: Option<usize>, row: usize, ind: &Indicator, text: &RowText) {
    if !ctx.on(Rule::R007) || text.is_category || text.level3.is_empty() {
        return;
    }
    let Some(level2) = ind.level2.category else {
        return;
    };
    let Some(kind) = kind(ind, &text.level3) else { return };
    let Some(fix) = misplaced(kind, level2) else {
        return;
    };
    let origin = ind.level3.as_ref().map_or(ind.at, |l| l.at);
    let level2_printed = clean(&ind.level2.printed.value).into_owned();
    ctx.emit(
        Rule::R007,
        at(pi, Some(row), origin, Some("二级指标")),
        &[
            ("level3", ind.level3_text()),
            ("kind", kind.name()),
            ("level2", &level2_printed),
            ("fix", fix),
        ],
        vec![
            quote("二级指标", level2_printed.clone()),
            quote("三级指标", ind.level3_text()),
        ],
    );
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;
    use jixiao_rules::Rule;

    fn with_row(r: usize, l1: &str, l2: &str, l3: &str, target: &str) -> jixiao_model::Document {
        let mut p = good_project();
        p.indicators[r - 1] = ind(l1, l2, l3, "口径说明", target, "计划");
        doc(vec![p])
    }

    #[test]
    fn r007_indicator_under_the_wrong_second_level() {
        assert_none(&doc(vec![good_project()]), Rule::R007);
        // An awareness rate among the outputs' counts…
        let d = with_row(1, "产出指标", "数量指标", "安全知识知晓率", "≥85%");
        assert_found(
            &d,
            Rule::R007,
            1,
            Some(1),
            "“安全知识知晓率”是知晓率等反映效果的指标，却列在“数量指标”下",
        );
        // …but under 质量指标, where templates put it, it stands.
        assert_none(&with_row(2, "产出指标", "质量指标", "安全知识知晓率", "≥85%"), Rule::R007);
        // A count under 质量指标.
        let d = with_row(2, "产出指标", "质量指标", "培训人数", "≥50人");
        assert_found(
            &d,
            Rule::R007,
            1,
            Some(2),
            "是数量（个数、次数、人数等），却列在“质量指标”下",
        );
        // A ratio under 成本指标 (预算执行率 is no cost).
        let d = with_row(4, "产出指标", "成本指标", "预算执行率", "100%");
        assert_found(&d, Rule::R007, 1, Some(4), "是比率，不是成本金额");
        // Satisfaction under a benefit.
        let d = with_row(5, "效益指标", "社会效益指标", "群众满意度", "≥90%");
        assert_found(
            &d,
            Rule::R007,
            1,
            Some(5),
            "是满意度，却列在“社会效益指标”下",
        );
        // A quality ratio under 数量指标.
        let d = with_row(1, "产出指标", "数量指标", "验收合格率", "100%");
        assert_found(&d, Rule::R007, 1, Some(1), "是反映质量的比率");
        // Money under 数量指标.
        let d = with_row(1, "产出指标", "数量指标", "补助资金", "≤10万元");
        assert_found(&d, Rule::R007, 1, Some(1), "是金额");
    }

    #[test]
    fn r007_stays_quiet_where_the_row_belongs() {
        for (r, l1, l2, l3, target) in [
            (1, "产出指标", "数量指标", "培训人数", "≥50人"),
            (2, "产出指标", "质量指标", "验收合格率", "100%"),
            // A count kept at zero measures quality.
            (2, "产出指标", "质量指标", "安全事故发生次数", "0次"),
            (2, "产出指标", "质量指标", "重大差错", "≤1次"),
            (3, "产出指标", "时效指标", "项目完成时间", "≤12个月"),
            // A name about time is timeliness, whatever figure its value holds
            // (pipe_shanxi-lvliang_peixun_2021).
            (3, "产出指标", "时效指标", "考核任务完成及时", "1-6期培训结束后及时考核"),
            (3, "产出指标", "时效指标", "培训按时", "4期"),
            (5, "效益指标", "社会效益指标", "安全知识知晓率", "≥85%"),
            (5, "效益指标", "社会效益指标", "受益人数", "≥500人"),
            (5, "效益指标", "经济效益指标", "带动增收", "≥10万元"),
            (7, "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
            (1, "产出指标", "数量指标", "计划完成率", "100%"),
            // Rates are frequencies and standards, not counts and amounts (corpus).
            (
                3,
                "产出指标",
                "时效指标",
                "城市道路以克论净量化考核",
                "1次/月",
            ),
            (2, "产出指标", "质量指标", "农村低保标准", "≥570元/人·月"),
            // A count as a cost is A007's.
            (4, "产出指标", "成本指标", "培训费", "320人/天"),
            (4, "产出指标", "成本指标", "培训费", "320人"),
        ] {
            let d = with_row(r, l1, l2, l3, target);
            assert_none(&d, Rule::R007);
        }
    }
}
