//! 可衡量：指标值是否给出可考核的目标——不是名称、不照抄、单位明确且与名称一致、数值合理。

use jixiao_model::{Comparison, Decimal, Indicator, Level2, Target, TargetValue};
use jixiao_rules::Rule;

use crate::rules::{is_cost_row, RowText};
use crate::text::{
    clean, hint_unit, is_satisfaction_name_clean, stated_measure_clean, unit_measure, Measure,
};
use crate::{at, quote, Ctx};

/// Qualitative values a reviewer can judge as met or not.
const ACCEPTED: &[&str] = &[
    "是",
    "否",
    "有",
    "无",
    "健全",
    "完备",
    "完善",
    "齐全",
    "合理",
    "规范",
    "合格",
    "达标",
    "优",
    "良",
    "中",
    "优良",
    "优秀",
    "良好",
    "较好",
    "好",
    "高",
    "较高",
    "显著",
    "效果显著",
    "明显",
    "有效",
    "及时",
    "按时",
    "按期",
    "准时",
    "按时完成",
    "按期完成",
    "如期完成",
    "及时完成",
    "全部完成",
    "提高",
    "提升",
    "降低",
    "减少",
    "增加",
    "改善",
    "逐步提高",
    "稳步提升",
    "明显提升",
    "显著提升",
    "明显改善",
    "有所提高",
    "持续改善",
    "保持稳定",
    "稳定",
    "符合要求",
    "符合标准",
    "达到要求",
    "达到标准",
    "通过",
    "通过验收",
    "安全",
    "正常",
    "正常运行",
    "长期",
    "持续",
];

/// An accepted judgement (of two characters or more) after an adverb of degree (`有效提升`, as
/// `显著提升` and `明显提升` are) or after the effect it judges (`经济效益良好`, `效果良好`,
/// `影响程度明显`, as `良好` and `明显` are): judged as the word itself. Short values only.
fn accepted_with_subject_or_degree(t: &str) -> bool {
    const DEGREE: &[&str] = &["有效", "显著", "明显", "逐步", "稳步"];
    const SUBJECT_ENDS: &[&str] = &["效益", "效果", "程度"];
    if t.len() > 8 * 3 {
        return false;
    }
    let judged = |rest: &str| rest.chars().nth(1).is_some() && ACCEPTED.contains(&rest);
    DEGREE.iter().any(|d| t.strip_prefix(d).is_some_and(judged))
        || SUBJECT_ENDS
            .iter()
            .any(|e| t.find(e).is_some_and(|i| judged(&t[i + e.len()..])))
}

/// True when a qualitative value is one a reviewer can judge.
pub(crate) fn accepted_qualitative(ctx: &Ctx, text: &str) -> bool {
    let t = clean(text);
    if ACCEPTED.contains(&&*t) || ctx.cfg.accepted_qualitative.iter().any(|a| *a == t) {
        return true;
    }
    if accepted_with_subject_or_degree(&t) {
        return true;
    }
    // 按时支付、及时拨款、按期交付: timeliness phrases are judged by the date.
    ["按时", "按期", "及时", "如期", "准时"]
        .iter()
        .any(|p| t.starts_with(p))
        && t.chars().count() <= 8
}

pub(crate) fn row(ctx: &mut Ctx, pi: Option<usize>, row: usize, ind: &Indicator, text: &RowText) {
    target_chain(ctx, pi, row, ind, text);
    if let Some(t) = &ind.target {
        quantity(ctx, pi, row, ind, text, &t.value, t.at);
    }
    let l3 = &text.level3;
    if let Some(d) = &ind.description {
        let copied_target = text.target.as_ref() == Some(l3);
        if !l3.is_empty()
            && text.description.as_ref() == Some(l3)
            && !copied_target
            && !text.is_category
        {
            ctx.emit(
                Rule::M003,
                at(pi, Some(row), d.at, Some("指标描述")),
                &[("level3", l3)],
                vec![quote("指标描述", d.value.clone())],
            );
        }
    }
    let chars = if l3.len() > ctx.cfg.thresholds.max_name_chars {
        l3.chars().count()
    } else {
        0
    };
    if chars > ctx.cfg.thresholds.max_name_chars {
        let origin = ind.level3.as_ref().map_or(ind.at, |l| l.at);
        ctx.emit(
            Rule::M014,
            at(pi, Some(row), origin, Some("三级指标")),
            &[
                ("chars", &chars.to_string()),
                ("max", &ctx.cfg.thresholds.max_name_chars.to_string()),
            ],
            vec![],
        );
    }
}

/// One finding at most about whether the printed target is a target at all: the first of
/// empty, copied, a name, not an amount (cost rows), qualitative for a quantity, vague, or in
/// need of explanation.
fn target_chain(ctx: &mut Ctx, pi: Option<usize>, row: usize, ind: &Indicator, text: &RowText) {
    let l3 = ind.level3_text();
    let loc_origin = ind.target.as_ref().map_or(ind.at, |t| t.at);
    let here = at(pi, Some(row), loc_origin, Some("指标值"));
    // A value published blank but for its unit (`公里`, `≧ %`) is an empty value.
    let unit_only = ind
        .target
        .as_ref()
        .is_some_and(|t| jixiao_model::target::is_bare_unit(&t.value.printed));
    let empty = unit_only || text.target.as_ref().is_none_or(|t| t.is_empty());
    // A self-evaluation written as a report prints the result (`办理法律援助案件94件`), not
    // the target: no value is missing.
    let result = ind
        .evaluation
        .as_ref()
        .is_some_and(|e| e.actual.is_some());
    if empty {
        if ctx.on(Rule::C008) && !result {
            ctx.emit(
                Rule::C008,
                here,
                &[("level3", l3)],
                vec![quote("三级指标", l3)],
            );
        }
        return;
    }
    let target: &Target = &ind.target.as_ref().unwrap().value;
    let printed = target.printed.trim();
    let tc = text.target.as_deref().unwrap_or_default();
    let quotes = || vec![quote("三级指标", l3), quote("指标值", printed)];

    let same_l3 = tc == text.level3;
    let same_desc = text.description.as_deref() == Some(tc);
    if ctx.on(Rule::M002) && (same_l3 || same_desc) {
        let copied = match (same_l3, same_desc) {
            (true, true) => "三级指标、指标描述",
            (true, false) => "三级指标",
            _ => "指标描述",
        };
        ctx.emit(
            Rule::M002,
            here,
            &[("target", printed), ("copied", copied)],
            quotes(),
        );
        return;
    }
    if ctx.on(Rule::M001) && target.value == TargetValue::NotATarget {
        ctx.emit(Rule::M001, here, &[("target", printed)], quotes());
        return;
    }
    // A cost value in words that states a figure (`每亩300`, `严格按照预算标准1000元/人给补助
    // 对象兑付补助`) can be compared with the budget and the standard: no amount is missing.
    if is_cost_row(ind) && !target.is_quantitative() && printed.chars().any(|c| c.is_ascii_digit()) {
        return;
    }
    if ctx.on(Rule::A008) && is_cost_row(ind) && !target.is_quantitative() {
        let example = crate::rules::money::example_cap(ctx, pi);
        ctx.emit(
            Rule::A008,
            here,
            &[("level3", l3), ("target", printed), ("example", &example)],
            quotes(),
        );
        return;
    }
    let qualitative = matches!(
        target.value,
        TargetValue::Qualitative { .. } | TargetValue::Deadline { .. }
    );
    // `±3%以内` is a percentage the model cannot type (no ± operator): no advice to give one.
    let percent_printed = printed
        .char_indices()
        .any(|(i, c)| matches!(c, '%' | '％') && printed[..i].ends_with(|d: char| d.is_ascii_digit()));
    if ctx.on(Rule::M004) && qualitative && !percent_printed {
        let satisfaction = is_satisfaction_name_clean(&text.level3);
        let named = stated_measure_clean(&text.level3)
            .map(|(m, _)| m)
            .or_else(|| satisfaction.then_some(Measure::Percent));
        if let Some(m) = named {
            // A timeliness rate is met when all is on time: `100%`, which M010 accepts.
            let timely = timeliness_rate(&text.level3);
            let example = match m {
                Measure::Percent if timely => "100%".to_string(),
                Measure::Percent => "≥95%".to_string(),
                Measure::Count => "≥4个".to_string(),
                m => format!("≥4{}", m.unit_hint()),
            };
            let more = if accepted_qualitative(ctx, printed) {
                format!(
                    "；“{printed}”这样的定性值只适用于不以{}计的指标（如“完成时间”）",
                    m.name()
                )
            } else {
                String::new()
            };
            let measure = if satisfaction {
                "满意度（百分比）"
            } else {
                m.name()
            };
            ctx.emit(
                Rule::M004,
                here,
                &[
                    ("level3", l3),
                    ("measure", measure),
                    ("target", printed),
                    ("example", &example),
                    ("more", &more),
                ],
                quotes(),
            );
            return;
        }
    }
    if let TargetValue::Qualitative { text } = &target.value {
        if ctx.on(Rule::M005) && !percent_printed && !accepted_qualitative(ctx, text) {
            let examples = qualitative_examples(ind.level2.category);
            ctx.emit(
                Rule::M005,
                here,
                &[("target", printed), ("examples", examples)],
                quotes(),
            );
        }
        return;
    }
    if let TargetValue::Other { reason } = &target.value {
        if ctx.on(Rule::M006) {
            let reason = match reason.as_str() {
                "指标值是算式" => "是算式，不是目标值",
                "以年份或往年数值为参照，需说明" => {
                    "以往年数值为参照，没有给出具体数值"
                }
                "比较对象不是数值" => "的比较对象不是数值",
                other => other,
            };
            ctx.emit(
                Rule::M006,
                here,
                &[("target", printed), ("reason", reason)],
                quotes(),
            );
        }
    }
}

/// A name that measures being on time (`按时完成率`, `及时率`).
fn timeliness_rate(level3: &str) -> bool {
    let core = level3.trim_end_matches([')', '%', '(']);
    ["及时率", "按时完成率", "按期完成率", "准时率", "按时率"]
        .iter()
        .any(|w| core.ends_with(w))
}

/// Qualitative values to suggest for a row of this second level: only those the other rules
/// accept there (no `按时完成` for a quality or a rate).
fn qualitative_examples(level2: Option<Level2>) -> &'static str {
    match level2 {
        Some(Level2::Timeliness) => "“按时完成”“6月底前完成”",
        Some(Level2::Quality) => "“达标”“合格”“通过验收”",
        Some(Level2::Sustainability) => "“健全”“长期”",
        Some(Level2::Economic | Level2::Social | Level2::Ecological) => "“显著”“明显改善”",
        _ => "“达标”“健全”",
    }
}

/// A suggested value in measure `m` for a target printed without its unit, written so that
/// the other rules accept it: a ratio of `≥100` is `100%` (M010), above 100 it is not a ratio
/// at all and keeps the number for the user to check (M009).
fn suggested(
    op: Option<Comparison>,
    value: Decimal,
    upper: Option<&Decimal>,
    m: Measure,
) -> String {
    let hundred = Decimal::from(100);
    let number = |v: &Decimal| v.normalize().to_string();
    let sign = match op {
        Some(Comparison::Equal) => "=",
        Some(Comparison::AtLeast) => "≥",
        Some(Comparison::AtMost) => "≤",
        Some(Comparison::MoreThan) => ">",
        Some(Comparison::LessThan) => "<",
        _ => "",
    };
    if m == Measure::Percent && value == hundred && matches!(op, Some(Comparison::AtLeast) | None) {
        return "100%".to_string();
    }
    match upper {
        Some(u) => format!("{}-{}{}", number(&value), number(u), m.unit_hint()),
        None => format!("{sign}{}{}", number(&value), m.unit_hint()),
    }
}

/// Checks on quantitative targets: unit present and consistent with the name, plausible value.
fn quantity(
    ctx: &mut Ctx,
    pi: Option<usize>,
    row: usize,
    ind: &Indicator,
    text: &RowText,
    target: &Target,
    origin: jixiao_model::Origin,
) {
    let TargetValue::Quantity {
        op,
        value,
        upper,
        unit,
        trailing,
    } = &target.value
    else {
        return;
    };
    let printed = target.printed.trim();
    let l3 = ind.level3_text();
    let here = || at(pi, Some(row), origin, Some("指标值"));
    let quotes = || vec![quote("三级指标", l3), quote("指标值", printed)];
    let hundred = Decimal::from(100);
    let is_percent = unit.as_deref() == Some("%");

    // A deadline a spreadsheet printed as its day number (`44,561`, 2021年12月31日): the fault
    // is an unreadable date, not a missing unit.
    if unit.is_none() && upper.is_none() && ind.level2.category == Some(Level2::Timeliness) {
        // The first number as printed: a form printing the day number in the value and the
        // unit columns (`= 44,561 44,561`) reads as one run of digits.
        let first: Option<Decimal> = printed
            .trim_start_matches(['=', '＝', ' ', '\u{3000}'])
            .split_whitespace()
            .next()
            .and_then(|t| t.replace([',', '，'], "").parse().ok());
        if let Some((y, m, d)) = first.and_then(spreadsheet_date) {
            if ctx.on(Rule::M006) {
                let reason = format!("是电子表格的日期序号（即{y}年{m}月{d}日），不是可读的时限");
                ctx.emit(Rule::M006, here(), &[("target", printed), ("reason", &reason)], quotes());
            }
            return;
        }
    }
    let always_met = (*op == Some(Comparison::AtLeast) && value.is_zero())
        || (is_percent && *op == Some(Comparison::AtMost) && *value >= hundred);
    // A rate filed as a cost (`预算执行率 100`) lacks a `%`, not an amount (A007 is about amounts).
    let rate_name = || stated_measure_clean(&text.level3).is_some_and(|m| m.0 == Measure::Percent);
    match unit {
        // `≥0` has no meaning with any unit: M012 says so, a missing unit is beside the point.
        None if (!is_cost_row(ind) || rate_name())
            && !always_met
            && !date_like(printed)
            && !(trailing.is_none() && unit_given_by_name(&text.level3))
            // Nothing is nothing in any unit: a bare `0` (a share of 0, no accidents) reads.
            && !(value.is_zero() && upper.is_none() && trailing.is_none()) =>
        {
            let trailing_note = trailing
                .as_ref()
                .map_or(String::new(), |t| format!("，数值后是文字“{t}”"));
            // What the value says of itself (`≥100购买率（%）`) before what the name says.
            let own = trailing
                .as_deref()
                .and_then(|t| stated_measure_clean(&clean(t)))
                .map(|(m, _)| m);
            let named = stated_measure_clean(&text.level3)
                .or_else(|| text.description.as_deref().and_then(stated_measure_clean))
                .map(|(m, _)| m)
                .or_else(|| is_satisfaction_name_clean(&text.level3).then_some(Measure::Percent));
            let hint = own.or(named);
            let example = match hint {
                Some(m) => suggested(*op, *value, upper.as_ref(), m),
                None => {
                    let number = target.value.render().unwrap_or_else(|| printed.to_string());
                    format!("{number}%或{number}次")
                }
            };
            let more = match (own, named) {
                (Some(o), Some(n)) if !o.compatible(n) => format!(
                    "，并改正三级指标“{}”（按{}计），使名称与指标值一致",
                    l3.trim(),
                    n.name()
                ),
                _ => String::new(),
            };
            ctx.emit(
                Rule::M007,
                here(),
                &[
                    ("target", printed),
                    ("trailing", &trailing_note),
                    ("example", &example),
                    ("more", &more),
                ],
                quotes(),
            );
        }
        Some(u) => {
            if let Some(tm) = unit_measure(u) {
                let sources = [
                    ("三级指标", Some(&*text.level3)),
                    ("指标描述", text.description.as_deref()),
                ];
                for (source, cell) in sources {
                    let Some(cell) = cell else { continue };
                    if let Some((expected, _)) = stated_measure_clean(cell) {
                        if !expected.compatible(tm) {
                            ctx.emit(
                                Rule::M008,
                                here(),
                                &[
                                    ("source", source),
                                    ("text", cell),
                                    ("expected", expected.name()),
                                    ("target", printed),
                                    ("unit", u),
                                ],
                                quotes(),
                            );
                            break;
                        }
                    }
                }
            }
            // Not text mixed into a value: a calendar year's period (`2021年全年`), or a clause
            // saying when (`1-6期培训结束后及时考核`), which is the target itself — cutting it
            // to `1-6期` would lose it.
            let calendar_year = u == "年" && *value >= Decimal::from(1900) && *value <= Decimal::from(2100);
            let when = |t: &str| ["后", "前", "及时", "按时", "之内", "以内"].iter().any(|w| t.contains(w));
            if let Some(t) = trailing.as_deref().filter(|t| !calendar_year && !when(t)) {
                let clean_value = target.value.render().unwrap_or_default();
                ctx.emit(
                    Rule::M013,
                    here(),
                    &[
                        ("target", printed),
                        ("trailing", t),
                        ("clean", &clean_value),
                    ],
                    quotes(),
                );
            }
        }
        None => {}
    }

    let over = *value > hundred
        || upper.is_some_and(|u| u > hundred)
        || (*op == Some(Comparison::MoreThan) && *value >= hundred);
    // Growth rates may exceed 100%; the name is only searched when the value is that high.
    let growth = || {
        ["增长", "增幅", "提高率", "提升率", "增加", "同比"]
            .iter()
            .any(|w| l3.contains(w))
    };
    if is_percent && over && !growth() {
        ctx.emit(Rule::M009, here(), &[("target", printed)], quotes());
    } else if is_percent && *op == Some(Comparison::AtLeast) && *value == hundred && upper.is_none()
    {
        ctx.emit(Rule::M010, here(), &[("target", printed)], quotes());
    }

    if always_met {
        ctx.emit(Rule::M012, here(), &[("target", printed)], quotes());
    }

    let satisfaction = ind.level2.category == Some(Level2::ServiceSatisfaction)
        || is_satisfaction_name_clean(&text.level3);
    let floor = ctx.cfg.thresholds.satisfaction_floor;
    let positive = !matches!(op, Some(Comparison::AtMost) | Some(Comparison::LessThan));
    if satisfaction && (is_percent || unit.is_none()) && positive && *value < floor && !always_met {
        ctx.emit(
            Rule::M011,
            here(),
            &[
                ("target", printed),
                ("floor", &floor.normalize().to_string()),
            ],
            quotes(),
        );
    }
}

/// The date a spreadsheet's day number stands for (day 1 is 1900-01-01, counted with its 1900
/// leap day), for whole numbers of the years 2000–2049 (36526–54788); `None` otherwise.
fn spreadsheet_date(value: Decimal) -> Option<(i64, i64, i64)> {
    if !value.fract().is_zero() || value < Decimal::from(36526) || value > Decimal::from(54788) {
        return None;
    }
    let serial: i64 = value.to_string().parse().ok()?;
    // Day 25569 is 1970-01-01.
    Some(jixiao_model::date::civil_from_days(serial - 25569))
}

/// `2021.1.1-12.31`, `2022-06`, `2021.12`: a date or a period written with figures, which
/// needs no unit.
fn date_like(printed: &str) -> bool {
    let t = jixiao_model::target::without_operator(printed);
    let year: String = t.chars().take_while(char::is_ascii_digit).collect();
    let after = t[year.len()..].chars().next();
    year.len() == 4
        && year.parse::<u32>().is_ok_and(|y| (1990..=2100).contains(&y))
        && matches!(after, Some('.' | '-' | '/' | '—' | '~'))
}

/// A name that gives a bare figure its unit: stated in brackets as a column header does
/// (`实施营造林总面积(亩)`, a template's hint `(≥**平方米)`), or a count its noun names
/// (`受资助学生人数`, `开设课程数量`). A rate (`…合格率`) does not: its `%` is asked for.
fn unit_given_by_name(level3: &str) -> bool {
    let t = level3.trim();
    let bracketed = t
        .strip_suffix(')')
        .or_else(|| t.strip_suffix('）'))
        .and_then(|body| body.rfind(['(', '（']).map(|open| &body[open..]))
        .map(|inner| hint_unit(inner.trim_start_matches(['(', '（'])))
        .is_some_and(|unit| jixiao_model::target::is_unit(&unit));
    let counted = matches!(
        stated_measure_clean(&clean(t)),
        Some((m, _)) if !matches!(m, Measure::Percent | Measure::Money)
    );
    // A count of things named by a noun and 数 (`完成结算项目数`, `覆盖村数`): counted in them.
    let core = t.trim_end_matches([')', '）']);
    let number_of = core.ends_with('数')
        && !["指数", "系数", "分数", "倍数", "参数", "基数", "函数", "天数"].iter().any(|w| core.ends_with(w))
        && core.chars().count() >= 3;
    // A name ending in a unit of two or more characters (`抽验批次`, `人均培训学时`) or in a
    // count noun (`抽验品种`): the figure is counted in it.
    let last = |n: usize| {
        (core.chars().count() > n).then(|| core.char_indices().rev().nth(n - 1).map_or(core, |(i, _)| &core[i..]))
    };
    let named_unit = (2..=3)
        .filter_map(last)
        .any(|w| jixiao_model::target::is_unit(w) && !w.starts_with(['万', '千', '百', '亿', '每']))
        || core.ends_with("品种")
        || core.ends_with("种类");
    let counted = counted || number_of || named_unit;
    bracketed || counted
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;
    use jixiao_rules::Rule;

    /// Replaces row `r` (from 1) of the good project with `cells`, given as
    /// `一级指标|二级指标|三级指标|指标描述|指标值`, and returns the one-project document.
    fn with_row(r: usize, cells: &str) -> jixiao_model::Document {
        let [l1, l2, l3, desc, target] = cells.split('|').collect::<Vec<_>>()[..] else {
            panic!("five cells expected: {cells}");
        };
        let mut p = good_project();
        p.indicators[r - 1] = ind(l1, l2, l3, desc, target, "计划");
        doc(vec![p])
    }

    #[test]
    fn m001_name_instead_of_value() {
        assert_none(&doc(vec![good_project()]), Rule::M001);
        let d = with_row(
            2,
            "产出指标|质量指标|工作质量|完成工作任务的质量|工作任务完成情况",
        );
        assert_found(&d, Rule::M001, 1, Some(2), "“工作任务完成情况”是指标名称");
    }

    #[test]
    fn m002_copied_target() {
        assert_none(&doc(vec![good_project()]), Rule::M002);
        let d = with_row(
            2,
            "产出指标|质量指标|工作任务完成情况|工作任务完成情况|工作任务完成情况",
        );
        assert_found(&d, Rule::M002, 1, Some(2), "与三级指标、指标描述完全相同");
        // One finding per row: the copy is also "not a target", but only M002 speaks.
        assert_none(&d, Rule::M001);
        let d = with_row(
            6,
            "效益指标|可持续影响指标|持续影响|持续产生社会影响|持续产生社会影响。",
        );
        assert_found(&d, Rule::M002, 1, Some(6), "与指标描述完全相同");
    }

    #[test]
    fn m003_description_repeats_name() {
        assert_none(&doc(vec![good_project()]), Rule::M003);
        let d = with_row(2, "产出指标|质量指标|验收合格率|验收合格率|100%");
        assert_found(
            &d,
            Rule::M003,
            1,
            Some(2),
            "指标描述与三级指标相同（“验收合格率”）",
        );
    }

    #[test]
    fn m004_quantity_name_qualitative_value() {
        assert_none(&doc(vec![good_project()]), Rule::M004);
        let d = with_row(
            3,
            "产出指标|时效指标|按时完成率|按计划时间完成的比例|按时完成",
        );
        assert_found(
            &d,
            Rule::M004,
            1,
            Some(3),
            "“按时完成率”应以百分比计，指标值却是“按时完成”",
        );
        let d = with_row(
            7,
            "满意度指标|服务对象满意度指标|群众满意度|群众满意数量占总数的比例|群众满意率高",
        );
        assert_found(&d, Rule::M004, 1, Some(7), "满意度（百分比）");
    }

    #[test]
    fn m005_vague_qualitative() {
        assert_none(&doc(vec![good_project()]), Rule::M005);
        let d = with_row(
            6,
            "效益指标|生态效益指标|生态影响|对生态环境的影响|促进生态文明建设",
        );
        assert_found(&d, Rule::M005, 1, Some(6), "“促进生态文明建设”是笼统表述");
        // An accepted judgement after an adverb of degree or the effect it judges is judged as
        // the word itself (split_neimenggu-zhalaite 有效提升, cells_anhui-huaibei 影响程度明显,
        // cells_anhui-luan-jinan 经济效益良好 / 效果良好), as 显著提升 and 良好 are.
        for value in ["有效提升", "影响程度明显", "经济效益良好", "效果良好"] {
            let d = with_row(6, &format!("效益指标|生态效益指标|生态影响|对生态环境的影响|{value}"));
            assert_none(&d, Rule::M005);
        }
        // Not a hedge (基本健全), nor a direction with no level (持续提高), nor a sentence.
        for value in ["基本健全", "持续提高", "持续发展"] {
            let d = with_row(6, &format!("效益指标|生态效益指标|生态影响|对生态环境的影响|{value}"));
            assert_found(&d, Rule::M005, 1, Some(6), "是笼统表述");
        }
    }

    #[test]
    fn m006_needs_explanation() {
        assert_none(&doc(vec![good_project()]), Rule::M006);
        let d = with_row(
            5,
            "效益指标|社会效益指标|依法维权次数提升|较上年提升|≥2022年依法维权次数",
        );
        assert_found(&d, Rule::M006, 1, Some(5), "以往年数值为参照");
        // A deadline printed as a spreadsheet's day number (split_neimenggu-wuhai_gongxiao_2021).
        let d = with_row(3, "产出指标|时效指标|项目财政资金到位时间|到位时间|= 44,561 44,561");
        assert_found(&d, Rule::M006, 1, Some(3), "是电子表格的日期序号（即2021年12月31日），不是可读的时限");
        assert_none(&d, Rule::M007);
        // A count is a count, whatever its size.
        assert_none(&with_row(1, "产出指标|数量指标|服务人次|全年服务人次|45000人次"), Rule::M006);
    }

    #[test]
    fn m007_missing_unit() {
        assert_none(&doc(vec![good_project()]), Rule::M007);
        let d = with_row(
            2,
            "产出指标|质量指标|验收合格率|验收合格的设备占全部设备的比例|100",
        );
        assert_found(&d, Rule::M007, 1, Some(2), "“100”没有计量单位");
        let r = run(&d);
        assert_eq!(
            r.of(Rule::M007).next().unwrap().suggestion.as_deref(),
            Some("补上计量单位，如“100%”。")
        );
        let d = with_row(
            7,
            "满意度指标|服务对象满意度指标|企业满意度|企业满意度调查结果|100企业满意度",
        );
        assert_found(&d, Rule::M007, 1, Some(7), "数值后是文字“企业满意度”");
    }

    /// A period written with figures needs no unit; a name that states its unit in brackets
    /// (`…面积(亩)`) gives the bare figure one; a real unit is not text mixed into the value.
    #[test]
    fn m007_m013_dates_units_in_names_and_units_forms_print() {
        for row in [
            "产出指标|时效指标|项目实施期限|实施期|2021.1.1-12.31",
            "产出指标|数量指标|实施营造林总面积(亩)|当年完成面积|80000",
        ] {
            assert_none(&with_row(2, row), Rule::M007);
        }
        for row in [
            "产出指标|质量指标|结案率|结案数/收案数|≥98百分比",
            "产出指标|成本指标|生均公用经费标准|按标准拨付|780元/生/年",
            // Labelled wrong (review-precision): a unit per person and day; a unit column's
            // gloss in brackets.
            "产出指标|成本指标|培训成本|培训人均成本|400元/人、天",
            "产出指标|质量指标|救助对象认定准确率|认定准确|>= 98%(百分比)",
        ] {
            assert_none(&with_row(2, row), Rule::M013);
        }
        for row in [
            "产出指标|数量指标|新建道路长度(≥**公里)|当年完成|12",
            // extra_guangdong-dongguan_jiaotong_2019; cells_anhui-shucheng_yigongdaizhen_2023.
            "产出指标|数量指标|镇街补助款完成结算项目数|当年完成|3",
            "产出指标|质量指标|超规模、超标准、超概算项目比例|占比|0",
            "产出指标|数量指标|受资助学生人数|当年资助|14726",
            // Labelled wrong: `比例` is the unit (a share as a fraction of one); `≥0.97%`
            // would set the target a hundred times lower.
            "产出指标|质量指标|视频监控在线率|在线设备占比|≥0.97比例",
            // Labelled pedantic (spaces_sichuan-suining-jingkaiqu_shichang_2021): the name
            // ends in the unit or the thing counted.
            "产出指标|数量指标|化妆品抽验批次|抽验批次|≥3",
            "产出指标|数量指标|药品监管人员人均培训学时|人均学时|≥90",
            "产出指标|数量指标|药品抽验品种|抽验品种|≥3",
        ] {
            assert_none(&with_row(2, row), Rule::M007);
        }
        // A bare figure whose name gives no unit is still reported, and so is a rate's.
        assert_found(&with_row(2, "产出指标|数量指标|培训安排|全年培训|12"), Rule::M007, 1, Some(2), "“12”没有计量单位");
        assert_found(&with_row(2, "产出指标|质量指标|验收合格率|验收合格的比例|98"), Rule::M007, 1, Some(2), "“98”没有计量单位");
    }

    /// The suggestion of the one finding of `rule` on document `d`.
    fn suggestion(d: &jixiao_model::Document, rule: Rule) -> String {
        let r = run(d);
        let found: Vec<_> = r.of(rule).collect();
        assert_eq!(found.len(), 1, "{found:#?}");
        found[0].suggestion.clone().unwrap_or_default()
    }

    #[test]
    fn m007_unit_advice_knows_percentages() {
        // Seed 003: `≥100购买率（%）` under 购买数量 was told to write `≥100个`.
        let d = with_row(1, "产出指标|数量指标|购买数量|购买数量|≥100购买率（%）");
        let fix = suggestion(&d, Rule::M007);
        assert!(fix.starts_with("补上计量单位，如“100%”"), "{fix}");
        assert!(
            fix.contains("并改正三级指标“购买数量”（按数量计）"),
            "{fix}"
        );
        assert!(!fix.contains('个'), "{fix}");
        // A rate printed `≥100` is told `100%`, which M010 accepts, not `≥100%`.
        let d = with_row(
            2,
            "产出指标|质量指标|资金发放率|已发放资金占应发放资金的比例|≥100",
        );
        assert_eq!(suggestion(&d, Rule::M007), "补上计量单位，如“100%”。");
        let d = with_row(
            2,
            "产出指标|质量指标|资金发放率|已发放资金占应发放资金的比例|100%",
        );
        assert_none(&d, Rule::M010);
        let d = with_row(2, "产出指标|质量指标|验收合格率|验收合格的比例|≥98");
        assert_eq!(suggestion(&d, Rule::M007), "补上计量单位，如“≥98%”。");
    }

    #[test]
    fn m004_and_m005_give_one_advice_on_on_time() {
        // M004 on 按时完成率 says why 按时完成 does not do there and suggests what M010 accepts.
        let d = with_row(
            3,
            "产出指标|时效指标|按时完成率|按计划时间完成的比例|按时完成",
        );
        assert_eq!(
            suggestion(&d, Rule::M004),
            "改为定量指标值，如“100%”；“按时完成”这样的定性值只适用于不以百分比计的指标（如“完成时间”）。"
        );
        // M005 suggests 按时完成 only where it is accepted: a timeliness row not measured as a rate.
        let d = with_row(3, "产出指标|时效指标|完成时间|完成工作的时间|尽快完成");
        assert!(suggestion(&d, Rule::M005).contains("“按时完成”"));
        let d = with_row(2, "产出指标|质量指标|工作质量|工作完成的质量|工作扎实");
        let fix = suggestion(&d, Rule::M005);
        assert!(!fix.contains("按时完成") && fix.contains("“达标”"), "{fix}");
        let d = with_row(3, "产出指标|时效指标|完成时间|完成工作的时间|按时完成");
        assert_none(&d, Rule::M004);
        assert_none(&d, Rule::M005);
    }

    #[test]
    fn m004_not_on_a_percentage_the_model_cannot_type() {
        // `±3%以内` (东莞 交通 2019) is a percentage already: no advice to write one.
        let d = with_row(2, "产出指标|质量指标|补助款结算误差率|结算的误差|±3%以内");
        assert_none(&d, Rule::M004);
        assert_none(&d, Rule::M005);
        let d = with_row(2, "产出指标|质量指标|补助款结算误差率|结算的误差|较小");
        assert_found(&d, Rule::M004, 1, None, "补助款结算误差率");
    }

    #[test]
    fn m008_unit_contradicts_name() {
        assert_none(&doc(vec![good_project()]), Rule::M008);
        // `人/次` is how forms print 人次 (split_neimenggu-wuhai_gongxiao_2021)…
        assert_none(&with_row(1, "产出指标|数量指标|出差人次|全年出差人次|= 24人/次"), Rule::M008);
        // …still no count of households (pipe_hunan-nanyue_yulu_2023).
        let d = with_row(1, "产出指标|数量指标|年度申请就学补助户数|申请户数|>=101人/次");
        assert_found(&d, Rule::M008, 1, Some(1), "按户数计，指标值“>=101人/次”却以“人/次”计");
        let d = with_row(
            1,
            "产出指标|数量指标|自主信息发布平台数量（个）|本年度建立的平台总数|≥3次",
        );
        assert_found(
            &d,
            Rule::M008,
            1,
            Some(1),
            "三级指标“自主信息发布平台数量(个)”按个数计，指标值“≥3次”却以“次”计",
        );
        let d = with_row(
            1,
            "产出指标|数量指标|保险对象人数（按年平均）|农村住房保险对象的户数|48000人",
        );
        assert_found(
            &d,
            Rule::M008,
            1,
            Some(1),
            "指标描述“农村住房保险对象的户数”按户数计",
        );
        let d = with_row(
            1,
            "产出指标|数量指标|预期完成活动次数|完成活动的比例（百分比）|≥90%",
        );
        assert_found(
            &d,
            Rule::M008,
            1,
            Some(1),
            "按次数计，指标值“≥90%”却以“%”计",
        );
        // Compatible units stay quiet: 家 for a 数量, 场 for 场次.
        let d = with_row(1, "产出指标|数量指标|开办咨询场次|开办咨询的数量|≥8场");
        assert_none(&d, Rule::M008);
        // A template's hint states the unit after its placeholder: `(≥**人次)` is 人次.
        let d = with_row(1, "产出指标|数量指标|接受临时救助的人次数(≥**人次)|救助人次|>=59人次");
        assert_none(&d, Rule::M008);
    }

    #[test]
    fn m009_percent_above_100() {
        assert_none(&doc(vec![good_project()]), Rule::M009);
        let d = with_row(2, "产出指标|质量指标|验收合格率|合格设备占比|120%");
        assert_found(&d, Rule::M009, 1, Some(2), "超过100%");
        let d = with_row(2, "产出指标|质量指标|收入增长率|较上年增长|120%");
        assert_none(&d, Rule::M009);
    }

    #[test]
    fn m010_at_least_100_percent() {
        assert_none(&doc(vec![good_project()]), Rule::M010);
        let d = with_row(
            2,
            "产出指标|质量指标|资金发放率|已发放资金占应发放资金的比例|≥100%",
        );
        assert_found(&d, Rule::M010, 1, Some(2), "“≥100%”要求不低于100%");
        // A style note (可选): off unless configured; reviewers read ≥100% as 100%.
        assert!(crate::review(&d, &crate::Config::default()).of(Rule::M010).next().is_none());
        let d = with_row(
            2,
            "产出指标|质量指标|资金发放率|已发放资金占应发放资金的比例|100%",
        );
        assert_none(&d, Rule::M010);
    }

    #[test]
    fn m011_satisfaction_floor() {
        assert_none(&doc(vec![good_project()]), Rule::M011);
        let d = with_row(
            7,
            "满意度指标|服务对象满意度指标|群众满意度|表示满意的比例|≥60%",
        );
        assert_found(&d, Rule::M011, 1, Some(7), "“≥60%”低于下限80%");
        let mut cfg = crate::Config::default();
        cfg.thresholds.satisfaction_floor = 50.into();
        assert!(
            crate::review(&d, &cfg).of(Rule::M011).next().is_none(),
            "the floor is configurable"
        );
    }

    #[test]
    fn m012_always_met() {
        assert_none(&doc(vec![good_project()]), Rule::M012);
        let d = with_row(
            5,
            "效益指标|经济效益指标|受灾对象财产损失降低率|损失降低的比例|≥0",
        );
        assert_found(&d, Rule::M012, 1, Some(5), "“≥0”在任何情况下都能达成");
        assert_none(&d, Rule::M007);
        let d = with_row(
            5,
            "效益指标|社会效益指标|重大事故发生次数|全年发生的重大事故次数|0次",
        );
        assert_none(&d, Rule::M012);
    }

    #[test]
    fn m013_text_after_value() {
        assert_none(&doc(vec![good_project()]), Rule::M013);
        let d = with_row(
            1,
            "产出指标|数量指标|全年开展应急演练次数|全年开展应急演练的次数|≥1次应急演练",
        );
        assert_found(&d, Rule::M013, 1, Some(1), "数值后附有文字“应急演练”");
        // annot_anhui-jinzhai-kaifaqu_wuye_2021 (a period), pipe_shanxi-lvliang_peixun_2021 (a
        // clause saying when, the target itself).
        for row in [
            "产出指标|时效指标|完成时间|服务期|2021年全年",
            "产出指标|时效指标|考核任务完成及时|按期考核|1-6期培训结束后及时考核",
        ] {
            assert_none(&with_row(2, row), Rule::M013);
        }
    }

    #[test]
    fn m014_long_name() {
        assert_none(&doc(vec![good_project()]), Rule::M014);
        let long = "宣".repeat(101);
        let d = with_row(
            1,
            &format!("产出指标|数量指标|{long}|全年开展宣传活动的次数|≥4次"),
        );
        assert_found(&d, Rule::M014, 1, Some(1), "有101个字");
    }
}
