//! 适当性：成本指标与预算、资金来源、合计、资金支出计划。

use jixiao_model::{
    Comparison, Decimal, Indicator, Money, Origin, Project, SpendingPlan, TargetValue,
};
use jixiao_rules::Rule;

use crate::rules::{excerpt, is_cost_row, row_list};
use crate::text::{money_in_wan, unit_measure, Measure};
use crate::{at, quote, Ctx};

pub(crate) fn document(ctx: &mut Ctx) {
    let Some(total) = &ctx.doc.printed_total else {
        return;
    };
    let totals: Option<Vec<Money>> = ctx
        .doc
        .projects
        .iter()
        .map(|p| p.budget.total.as_ref().map(|t| t.value))
        .collect();
    let Some(totals) = totals.filter(|t| !t.is_empty()) else {
        return;
    };
    let sum: Money = totals.into_iter().sum();
    if sum.0.normalize() != total.value.0.normalize() {
        ctx.emit(
            Rule::A003,
            at(None, None, total.at, Some("合计")),
            &[
                ("sum", &sum.to_string()),
                ("total", &total.value.to_string()),
            ],
            vec![quote("合计", total.value.to_string())],
        );
    }
}

/// A cap to suggest for a cost target: the project's budget when known.
pub(crate) fn example_cap(ctx: &Ctx, pi: Option<usize>) -> String {
    pi.and_then(|p| ctx.doc.projects.get(p))
        .and_then(|p| p.budget.total.as_ref())
        .map_or_else(|| "5".to_string(), |t| t.value.0.normalize().to_string())
}

pub(crate) fn project(ctx: &mut Ctx, pi: usize, p: &Project) {
    budget(ctx, pi, p);
    cost_sum(ctx, pi, p);
    standard_times_quantity(ctx, pi, p);
    plan(ctx, pi, p);
}

/// A unit standard (`10元/每户`, `300元/人`): the amount in 万元 per one of what, and that
/// measure.
fn unit_standard(ind: &Indicator) -> Option<(Decimal, Measure)> {
    let TargetValue::Quantity {
        value,
        unit: Some(unit),
        ..
    } = &ind.target.as_ref()?.value.value
    else {
        return None;
    };
    let (money, per) = unit.split_once('/')?;
    let per = per.strip_prefix('每').unwrap_or(per);
    let per_measure = unit_measure(per).filter(|m| {
        matches!(
            m,
            Measure::Persons
                | Measure::PersonTimes
                | Measure::Households
                | Measure::Items
                | Measure::Enterprises
                | Measure::Copies
                | Measure::Times
        )
    })?;
    // `元/户·年` is per year as well: still one household's amount for the budget year.
    let wan = match money {
        "元" => *value / Decimal::from(10_000),
        "万元" | "万" => *value,
        "千元" => *value / Decimal::from(10),
        _ => return None,
    };
    Some((wan, per_measure))
}

/// A011: a quantity times its unit standard (`3.2万户 × 10元/户 = 32万元`) above the
/// project's cost indicators or its budget. The quantity is the one row counting what the
/// standard is per (or, among several, the one whose name shares most words with it).
fn standard_times_quantity(ctx: &mut Ctx, pi: usize, p: &Project) {
    if !ctx.on(Rule::A011) {
        return;
    }
    for (sr, s) in p.indicators.iter().enumerate() {
        let Some((per_unit, measure)) = unit_standard(s) else {
            continue;
        };
        let quantities: Vec<(usize, &Indicator, Decimal)> = p
            .indicators
            .iter()
            .enumerate()
            .filter(|(r, _)| *r != sr)
            .filter_map(|(r, i)| {
                let t = &i.target.as_ref()?.value;
                if matches!(
                    t.comparison(),
                    Some(Comparison::AtMost) | Some(Comparison::LessThan)
                ) {
                    return None;
                }
                let (n, m) = crate::text::target_amount(t)?;
                (m == measure && unit_standard(i).is_none()).then_some((r, i, n))
            })
            .collect();
        let quantity = match quantities.len() {
            0 => continue,
            1 => quantities[0],
            _ => {
                let topic = crate::text::topic_bigrams(s.level3_text());
                let scored: Vec<(f32, (usize, &Indicator, Decimal))> = quantities
                    .iter()
                    .map(|q| {
                        let t = crate::text::topic_bigrams(q.1.level3_text());
                        (crate::text::topic_overlap(&topic, &t), *q)
                    })
                    .collect();
                let best = scored.iter().map(|x| x.0).fold(0.0f32, f32::max);
                let top: Vec<_> = scored.iter().filter(|x| x.0 == best).collect();
                if best <= 0.0 || top.len() != 1 {
                    continue;
                }
                top[0].1
            }
        };
        let product = quantity.2 * per_unit;
        let costs: Decimal = p
            .indicators
            .iter()
            .filter(|i| is_cost_row(i))
            .filter_map(capped_amount)
            .sum();
        let budget = p.budget.total.as_ref().or(p.budget.fiscal.as_ref());
        let mut limits: Vec<String> = Vec::new();
        if let Some(b) = budget.filter(|b| product > b.value.0) {
            limits.push(format!("项目预算数{}", b.value));
        }
        if costs > Decimal::ZERO && product > costs {
            limits.push(format!("成本指标合计{}", Money(costs)));
        }
        if limits.is_empty() {
            continue;
        }
        let (qr, q, _) = quantity;
        let printed = |i: &Indicator| {
            i.target
                .as_ref()
                .map_or("", |t| t.value.printed.trim())
                .to_string()
        };
        let quantity_text = format!("“{}”{}", excerpt(q.level3_text(), 20), printed(q));
        let standard_text = format!("“{}”{}", excerpt(s.level3_text(), 20), printed(s));
        let origin = s.target.as_ref().map_or(s.at, |t| t.at);
        ctx.emit(
            Rule::A011,
            at(Some(pi), Some(sr + 1), origin, Some("指标值")),
            &[
                ("quantity", &quantity_text),
                ("standard", &standard_text),
                ("product", &Money(product.round_dp(4)).to_string()),
                ("limit", &limits.join("和")),
            ],
            vec![
                quote("数量指标", format!("第{}行：{quantity_text}", qr + 1)),
                quote("单位标准", format!("第{}行：{standard_text}", sr + 1)),
            ],
        );
    }
}

fn budget(ctx: &mut Ctx, pi: usize, p: &Project) {
    let b = &p.budget;
    if let Some(total) = &b.total {
        if total.value.0 <= Decimal::ZERO {
            ctx.emit(
                Rule::A010,
                at(Some(pi), None, total.at, Some("预算数")),
                &[("total", &total.value.to_string())],
                vec![],
            );
        }
        // A budget printed as 0 (A010) is the cause: that its parts do not add up to it is
        // the same defect, not a second finding.
        if let Some(fiscal) = b.fiscal.as_ref().filter(|_| total.value.0 > Decimal::ZERO) {
            let other = b.other.as_ref().map_or(Money::ZERO, |o| o.value);
            let sum = fiscal.value + other;
            // With 其他资金 not printed, `其中:财政资金 132` of 164 leaves the rest to sources
            // the form does not list; only a part larger than the whole contradicts it.
            let compared = b.other.is_some() || fiscal.value.0 > total.value.0;
            if compared && sum.0.normalize() != total.value.0.normalize() {
                ctx.emit(
                    Rule::A002,
                    at(Some(pi), None, total.at, Some("预算数")),
                    &[
                        ("fiscal", &fiscal.value.to_string()),
                        ("other", &other.to_string()),
                        ("sum", &sum.to_string()),
                        ("total", &total.value.to_string()),
                    ],
                    vec![
                        quote("预算数", total.value.to_string()),
                        quote("财政资金", fiscal.value.to_string()),
                    ],
                );
            }
        }
    }
}

/// A cost target that caps an amount (`≤10万元`, `4万`, `3000元`), in 万元.
fn capped_amount(ind: &Indicator) -> Option<Decimal> {
    let t = &ind.target.as_ref()?.value;
    if matches!(
        t.comparison(),
        Some(Comparison::AtLeast) | Some(Comparison::MoreThan)
    ) {
        return None;
    }
    money_in_wan(t)
}

fn cost_sum(ctx: &mut Ctx, pi: usize, p: &Project) {
    let Some(budget) = p.budget.total.as_ref().or(p.budget.fiscal.as_ref()) else {
        return;
    };
    // Costs over a budget printed as 0 follow from the 0 (A010), one finding of one cause.
    if budget.value.0 <= Decimal::ZERO {
        return;
    }
    let costs: Vec<(usize, &Indicator, Decimal)> = p
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| is_cost_row(i))
        .filter_map(|(r, i)| capped_amount(i).map(|a| (r + 1, i, a)))
        .collect();
    // A row that is the sum of the others (`年度预算总成本 3万元` over 1 + 2万元 of items)
    // states the whole cost: it stands for the items, not beside them.
    let all: Decimal = costs.iter().map(|c| c.2).sum();
    let whole = (costs.len() >= 3)
        .then(|| costs.iter().position(|c| c.2 > Decimal::ZERO && c.2 + c.2 == all))
        .flatten();
    let costs: Vec<(usize, &Indicator, Decimal)> = match whole {
        Some(k) => vec![costs[k]],
        None => costs,
    };
    let sum: Decimal = costs.iter().map(|c| c.2).sum();
    if costs.is_empty() || sum <= budget.value.0 {
        return;
    }
    let rows: Vec<usize> = costs.iter().map(|c| c.0).collect();
    let quotes = costs
        .iter()
        .map(|(_, i, _)| {
            quote(
                "成本指标",
                format!(
                    "{}：{}",
                    excerpt(i.level3_text(), 20),
                    i.target.as_ref().map_or("", |t| t.value.printed.trim())
                ),
            )
        })
        .collect();
    ctx.emit(
        Rule::A001,
        at(Some(pi), Some(rows[0]), budget.at, Some("预算数")),
        &[
            ("sum", &Money(sum).to_string()),
            ("budget", &budget.value.to_string()),
            ("rows", &format!("第{}行", row_list(&rows))),
        ],
        quotes,
    );
}

fn plan(ctx: &mut Ctx, pi: usize, p: &Project) {
    let Some(plan) = &p.spending_plan else {
        if ctx.layout.plan {
            ctx.emit(
                Rule::A006,
                at(Some(pi), None, p.at, Some("资金支出计划")),
                &[],
                vec![],
            );
        }
        return;
    };
    let given: Vec<(u32, Decimal, Origin)> = plan
        .cumulative_percent
        .iter()
        .zip(SpendingPlan::MONTHS)
        .filter_map(|(v, m)| v.as_ref().map(|v| (m, v.value, v.at)))
        .collect();
    if given.is_empty() {
        ctx.emit(
            Rule::A006,
            at(Some(pi), None, p.at, Some("资金支出计划")),
            &[],
            vec![],
        );
        return;
    }
    let hundred = Decimal::from(100);
    let mut out_of_range = false;
    for (m, v, origin) in &given {
        if *v < Decimal::ZERO || *v > hundred {
            out_of_range = true;
            ctx.emit(
                Rule::A009,
                at(Some(pi), None, *origin, Some("资金支出计划")),
                &[
                    ("month", &m.to_string()),
                    ("value", &v.normalize().to_string()),
                ],
                vec![],
            );
        }
    }
    if out_of_range {
        return;
    }
    if let Some(w) = given.windows(2).find(|w| w[1].1 < w[0].1) {
        ctx.emit(
            Rule::A004,
            at(Some(pi), None, w[1].2, Some("资金支出计划")),
            &[
                ("later", &w[1].0.to_string()),
                ("b", &w[1].1.normalize().to_string()),
                ("earlier", &w[0].0.to_string()),
                ("a", &w[0].1.normalize().to_string()),
            ],
            vec![],
        );
        return;
    }
    early_end(ctx, pi, p, plan);
    let (m, last, origin) = given[given.len() - 1];
    if last < hundred {
        ctx.emit(
            Rule::A005,
            at(Some(pi), None, origin, Some("资金支出计划")),
            &[
                ("month", &m.to_string()),
                ("last", &last.normalize().to_string()),
            ],
            vec![],
        );
    }
}

/// Words saying the work goes on through the year or ends late in it.
const LATE_WORK: &[&str] = &[
    "全年",
    "年底",
    "年末",
    "年终",
    "下半年",
    "第四季度",
    "四季度",
    "每月",
    "每天",
    "每日",
    "常态化",
    "12月",
];

/// A012: a plan spent out by 3月底 or 6月底 (later months blank or 100) while the project's
/// own targets put work later: a deadline after that month, or goals and indicators that speak
/// of the whole year or its end.
fn early_end(ctx: &mut Ctx, pi: usize, p: &Project, plan: &SpendingPlan) {
    if !ctx.on(Rule::A012) {
        return;
    }
    let hundred = Decimal::from(100);
    let months = plan.cumulative_percent.iter().zip(SpendingPlan::MONTHS);
    let Some((value, month)) = months
        .clone()
        .find_map(|(v, m)| v.as_ref().filter(|v| v.value >= hundred).map(|v| (v, m)))
    else {
        return;
    };
    if month > 6 {
        return;
    }
    let later: Vec<Option<Decimal>> = months
        .filter(|(_, m)| *m > month)
        .map(|(v, _)| v.as_ref().map(|v| v.value))
        .collect();
    let blank = later.iter().all(|v| v.is_none());
    let deadline = p
        .indicators
        .iter()
        .find_map(|i| match i.target.as_ref()?.value.value {
            TargetValue::Deadline {
                month: Some(dm), ..
            } if dm > month => Some((i, dm)),
            _ => None,
        });
    let evidence = match deadline {
        Some((i, dm)) => format!("指标“{}”的时限是{dm}月", excerpt(i.level3_text(), 20)),
        None => {
            let texts = p
                .goals
                .iter()
                .map(|g| ("绩效目标", g.value.as_str()))
                .chain(p.indicators.iter().flat_map(|i| {
                    [
                        ("三级指标", i.level3.as_ref()),
                        ("指标描述", i.description.as_ref()),
                    ]
                    .into_iter()
                    .filter_map(|(f, c)| c.map(|c| (f, c.value.as_str())))
                }));
            let found = texts
                .filter_map(|(field, text)| {
                    LATE_WORK
                        .iter()
                        .find(|w| text.contains(*w))
                        .map(|w| (field, text, *w))
                })
                .next();
            let Some((field, text, word)) = found else {
                return;
            };
            format!("{field}“{}”说的是{word}的工作", excerpt(text, 30))
        }
    };
    let after = if blank { "，其后各月未填" } else { "" };
    ctx.emit(
        Rule::A012,
        at(Some(pi), None, value.at, Some("资金支出计划")),
        &[
            ("month", &month.to_string()),
            ("after", after),
            ("evidence", &evidence),
        ],
        vec![],
    );
}

/// A007: cost targets whose amount cannot be read as money.
pub(crate) fn row(ctx: &mut Ctx, pi: Option<usize>, row: usize, ind: &Indicator) {
    if !is_cost_row(ind) {
        return;
    }
    let Some(t) = &ind.target else { return };
    let TargetValue::Quantity { unit, .. } = &t.value.value else {
        return;
    };
    // A rate filed as a cost (`预算执行率 100`) is no amount: M007 asks for its `%`, R007 says
    // it is no cost.
    if crate::text::stated_measure(ind.level3_text()).is_some_and(|m| m.0 == Measure::Percent) {
        return;
    }
    // A name whose template hint states the money unit (`项目总投入(≥**万元)`,
    // `补助成本(≤**元/株)`) says what a bare `6070` or `≤28.40/株` is counted in.
    let named_money = || {
        crate::text::stated_measure(ind.level3_text())
            .is_some_and(|(m, e)| m == Measure::Money && e == crate::text::Evidence::Bracket)
    };
    if unit.as_deref().is_none_or(|u| u.starts_with('/')) && named_money() {
        return;
    }
    let problem = match unit.as_deref() {
        None => "没有单位".to_string(),
        Some(u) => match unit_measure(u) {
            Some(Measure::Money) | Some(Measure::Percent) => return,
            _ => format!("的单位“{u}”不是金额单位"),
        },
    };
    let printed = t.value.printed.trim();
    ctx.emit(
        Rule::A007,
        at(pi, Some(row), t.at, Some("指标值")),
        &[
            ("level3", ind.level3_text()),
            ("target", printed),
            ("problem", &problem),
        ],
        vec![
            quote("三级指标", ind.level3_text()),
            quote("指标值", printed),
        ],
    );
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;
    use jixiao_model::{Located, Money, Origin};
    use jixiao_rules::Rule;

    fn cost(l3: &str, target: &str) -> jixiao_model::Indicator {
        ind(
            "产出指标",
            "成本指标",
            l3,
            "相关费用",
            target,
            "预算支出标准",
        )
    }

    #[test]
    fn a001_costs_above_budget() {
        assert_none(&doc(vec![good_project()]), Rule::A001);
        let mut p = good_project();
        p.indicators[3] = cost("火灾及抢险救援处置成本", "≤45万元");
        p.indicators.insert(4, cost("安保执勤成本", "≤30万元"));
        p.indicators.insert(5, cost("培训费", "3000元"));
        p.budget.total = money("50");
        p.budget.fiscal = money("50");
        assert_found(
            &doc(vec![p.clone()]),
            Rule::A001,
            1,
            Some(4),
            "成本指标金额合计75.3万元，超过项目预算数50万元（第4、5、6行）",
        );
        // Per-unit rates (元/户) are not amounts to add up.
        p.indicators[4] = cost("人均补贴标准", "45元/户");
        p.indicators[5] = cost("培训费", "3000元");
        assert_none(&doc(vec![p]), Rule::A001);
        // A row that is the sum of the others stands for them: 3 = 1 + 2 is no overrun of 3…
        let mut p = good_project();
        p.budget.total = money("3");
        p.budget.fiscal = money("3");
        p.indicators[3] = cost("年度预算总成本", "3万元");
        p.indicators.insert(4, cost("培训费", "1万元"));
        p.indicators.insert(5, cost("印刷费", "2万元"));
        assert_none(&doc(vec![p.clone()]), Rule::A001);
        // …while items above the budget still are one.
        p.indicators[3] = cost("年度预算总成本", "5万元");
        assert_found(&doc(vec![p]), Rule::A001, 1, Some(4), "成本指标金额合计8万元，超过项目预算数3万元（第4、5、6行）");
    }

    #[test]
    fn a011_quantity_times_standard_above_cost_and_budget() {
        // Seed 002: 3.2万户 at 10元/每户 is 32万元, the cost indicator and the budget 20万元.
        let mut p = good_project();
        p.budget.total = money("20");
        p.budget.fiscal = money("20");
        p.indicators[0] = ind(
            "产出指标",
            "数量指标",
            "农村住房保险补贴户数",
            "",
            "3.2 万户",
            "计划",
        );
        p.indicators[3] = cost("农村住房保险总成本", "20万");
        p.indicators
            .insert(4, cost("人均农村住房保险补贴标准", "10元/每户"));
        assert_found(
            &doc(vec![p.clone()]),
            Rule::A011,
            1,
            Some(5),
            "“农村住房保险补贴户数”3.2 万户乘以“人均农村住房保险补贴标准”10元/每户为32万元，超过项目预算数20万元和成本指标合计20万元",
        );
        // 1.5万户 × 10元 = 15万元 fits.
        p.indicators[0] = ind(
            "产出指标",
            "数量指标",
            "农村住房保险补贴户数",
            "",
            "1.5万户",
            "计划",
        );
        assert_none(&doc(vec![p.clone()]), Rule::A011);
        // A standard per person with no count of persons: nothing to multiply.
        p.indicators[4] = cost("人均补贴标准", "300元/人");
        assert_none(&doc(vec![p]), Rule::A011);
    }

    #[test]
    fn a002_sources_do_not_add_up() {
        assert_none(&doc(vec![good_project()]), Rule::A002);
        let mut p = good_project();
        p.budget.fiscal = money("8");
        p.budget.other = money("0");
        assert_found(
            &doc(vec![p.clone()]),
            Rule::A002,
            1,
            None,
            "财政资金8万元加其他资金0万元为8万元，与预算数10万元不符",
        );
        p.budget.other = money("2");
        assert_none(&doc(vec![p.clone()]), Rule::A002);
        // 其他资金 not printed: `其中:财政资金 8` of 10 leaves the rest to unlisted sources…
        p.budget.other = None;
        assert_none(&doc(vec![p.clone()]), Rule::A002);
        // …but a part larger than the whole is wrong whatever else there is.
        p.budget.fiscal = money("12");
        assert_found(&doc(vec![p]), Rule::A002, 1, None, "财政资金12万元加其他资金0万元为12万元");
    }

    #[test]
    fn a003_printed_total() {
        let total = |s: &str| {
            let mut d = doc(vec![good_project(), good_project()]);
            d.printed_total = Some(Located::new(Money(s.parse().unwrap()), Origin::line(900)));
            d
        };
        let cfg = crate::Config::default();
        assert!(crate::review(&total("20"), &cfg)
            .of(Rule::A003)
            .next()
            .is_none());
        let r = crate::review(&total("25"), &cfg);
        let f = r.of(Rule::A003).next().expect("A003");
        assert_eq!(
            f.message,
            "各项目预算数之和为20万元，与表中合计25万元不符。"
        );
        assert_eq!((f.location.project, f.location.line), (None, 900));
    }

    #[test]
    fn a004_plan_not_cumulative() {
        assert_none(&doc(vec![good_project()]), Rule::A004);
        let mut p = good_project();
        p.spending_plan = plan([Some("30"), Some("60"), Some("20"), Some("100")]);
        assert_found(
            &doc(vec![p]),
            Rule::A004,
            1,
            None,
            "10月底（20%）却低于6月底（60%）",
        );
    }

    #[test]
    fn a005_plan_short_of_100() {
        assert_none(&doc(vec![good_project()]), Rule::A005);
        let mut p = good_project();
        p.spending_plan = plan([Some("30"), Some("60"), Some("80"), Some("90")]);
        assert_found(
            &doc(vec![p.clone()]),
            Rule::A005,
            1,
            None,
            "截至12月底累计为90%",
        );
        // Reaching 100% early and leaving later months blank is fine.
        p.spending_plan = plan([Some("100"), None, None, None]);
        assert_none(&doc(vec![p]), Rule::A005);
    }

    #[test]
    fn a012_plan_spent_out_before_the_work() {
        // Seed 001: a year's 目标考核 rewarded, the plan spent out by 3月底.
        let mut p = good_project();
        p.spending_plan = plan([Some("100"), None, None, None]);
        p.goals = vec![Located::new(
            "奖励年度安全生产目标考核优秀单位以及个人".into(),
            Origin::default(),
        )];
        p.indicators[0].description =
            Some(Located::new("开展宣传活动的次数".into(), Origin::default()));
        p.indicators[6] = ind(
            "满意度指标",
            "服务对象满意度指标",
            "被考核单位满意度",
            "被考核单位对全年考核结果的满意率",
            "≥90%",
            "考核结果",
        );
        assert_found(
            &doc(vec![p.clone()]),
            Rule::A012,
            1,
            None,
            "资金支出计划截至3月底已累计支出100%，其后各月未填，而指标描述“被考核单位对全年考核结果的满意率”说的是全年的工作",
        );
        // A deadline after the month says so too.
        p.spending_plan = plan([Some("50"), Some("100"), Some("100"), Some("100")]);
        p.indicators[2] = ind(
            "产出指标",
            "时效指标",
            "完成时间",
            "完成的时间",
            "10月底前",
            "计划",
        );
        assert_found(
            &doc(vec![p.clone()]),
            Rule::A012,
            1,
            None,
            "6月底已累计支出100%，而指标“完成时间”的时限是10月",
        );
        // Work that is done by then: no finding; a plan reaching 100% in 10月 is not early.
        let mut q = good_project();
        q.spending_plan = plan([Some("100"), None, None, None]);
        q.goals = vec![Located::new(
            "3月底前印制宣传材料4次以上。".into(),
            Origin::default(),
        )];
        q.indicators[0].description =
            Some(Located::new("开展宣传活动的次数".into(), Origin::default()));
        assert_none(&doc(vec![q.clone()]), Rule::A012);
        // The good project's 全年开展宣传 is work all year: spent out by 3月底 it is reported.
        let mut r = good_project();
        r.spending_plan = plan([Some("100"), None, None, None]);
        assert_found(
            &doc(vec![r]),
            Rule::A012,
            1,
            None,
            "绩效目标“1、全年开展安全生产宣传4次以上",
        );
        p.spending_plan = plan([Some("30"), Some("60"), Some("100"), Some("100")]);
        assert_none(&doc(vec![p]), Rule::A012);
    }

    #[test]
    fn a006_plan_empty() {
        assert_none(&doc(vec![good_project(), good_project()]), Rule::A006);
        let mut p = good_project();
        p.spending_plan = plan([None, None, None, None]);
        assert_found(
            &doc(vec![good_project(), p.clone()]),
            Rule::A006,
            2,
            None,
            "未填写资金支出计划",
        );
        p.spending_plan = None;
        assert_found(
            &doc(vec![good_project(), p.clone()]),
            Rule::A006,
            2,
            None,
            "未填写资金支出计划",
        );
        // A layout without plans at all is not a finding.
        assert_none(&doc(vec![p.clone(), p]), Rule::A006);
    }

    #[test]
    fn a007_cost_amount_without_money_unit() {
        assert_none(&doc(vec![good_project()]), Rule::A007);
        let mut p = good_project();
        p.indicators[3] = cost("宣传材料费", "6");
        assert_found(&doc(vec![p.clone()]), Rule::A007, 1, Some(4), "“6”没有单位");
        // …and M007 does not report the same cell again.
        assert_none(&doc(vec![p.clone()]), Rule::M007);
        p.indicators[3] = cost("宣传费用比例", "≤15%");
        assert_none(&doc(vec![p.clone()]), Rule::A007);
        // The name's template hint states the unit (pipe_ningxia-guyuan-yuanzhou_linye_2022,
        // prose_ningxia-tongxin-xiamaguan_nongye_2023): the amount can be checked.
        p.indicators[3] = cost("项目总投入(≥**万元)", "6070");
        assert_none(&doc(vec![p.clone()]), Rule::A007);
        p.indicators[3] = cost("黄金蜜(葡萄)补助成本(≤**元/株)", "≤28.40/株");
        assert_none(&doc(vec![p.clone()]), Rule::A007);
        // A hint of another measure does not: 470人/天 is no money (split_sichuan-ganzi).
        p.indicators[3] = cost("检查差旅费(≤**万元)", "470人/天");
        assert_found(&doc(vec![p.clone()]), Rule::A007, 1, Some(4), "的单位“人/天”不是金额单位");
        // A rate filed as a cost (seed 003: 预算执行率 100) lacks a `%`, not 元 or 万元; that it
        // is no cost is R007's.
        p.indicators[3] = cost("预算执行率", "100");
        let d = doc(vec![p]);
        assert_none(&d, Rule::A007);
        assert_found(&d, Rule::M007, 1, Some(4), "“100”没有计量单位");
        let r = run(&d);
        assert_eq!(
            r.of(Rule::M007).next().unwrap().suggestion.as_deref(),
            Some("补上计量单位，如“100%”。")
        );
        assert_found(
            &d,
            Rule::R007,
            1,
            Some(4),
            "“预算执行率”是比率，不是成本金额",
        );
    }

    #[test]
    fn a008_cost_not_an_amount() {
        assert_none(&doc(vec![good_project()]), Rule::A008);
        let mut p = good_project();
        p.indicators[3] = cost("项目预算控制", "项目预算控制数内");
        assert_found(
            &doc(vec![p]),
            Rule::A008,
            1,
            Some(4),
            "“项目预算控制数内”不是金额",
        );
        // Words that state the figure (selfeval_hunan-lingling_linye_2021 每亩300;
        // spaces_sichuan-guangyuan-zhaohua_weijian_2021) can be compared: no amount is missing.
        for words in ["每亩300", "严格按照预算标准1000元/人给补助对象兑付补助"] {
            let mut p = good_project();
            p.indicators[3] = cost("造林补助", words);
            assert_none(&doc(vec![p]), Rule::A008);
        }
        // Words without a figure still are no amount (selfeval_anhui-chizhou-tangxi).
        let mut p = good_project();
        p.indicators[3] = cost("单项业务成本", "符合相关规定");
        assert_found(&doc(vec![p]), Rule::A008, 1, Some(4), "“符合相关规定”不是金额");
    }

    #[test]
    fn a009_plan_out_of_range() {
        assert_none(&doc(vec![good_project()]), Rule::A009);
        let mut p = good_project();
        p.spending_plan = plan([Some("25"), Some("50"), Some("75"), Some("120")]);
        assert_found(&doc(vec![p]), Rule::A009, 1, None, "12月底为120%");
    }

    #[test]
    fn a010_budget_not_positive() {
        assert_none(&doc(vec![good_project()]), Rule::A010);
        let mut p = good_project();
        p.budget.total = money("0");
        p.budget.fiscal = money("0");
        assert_found(&doc(vec![p]), Rule::A010, 1, None, "预算数为0万元");
        // selfeval_anhui-chizhou-tangxi_xiangzhen_2022: 预算数 printed 0, 财政资金 89.974, costs
        // 90万元. The 0 is the one defect (A010); the sources and the costs measured against it
        // are its consequences, not findings of their own.
        let mut p = good_project();
        p.budget.total = money("0");
        p.budget.fiscal = money("89.974");
        p.budget.other = money("0");
        p.indicators[3] = cost("项目总成本", "≤90万元");
        let d = doc(vec![p]);
        assert_found(&d, Rule::A010, 1, None, "预算数为0万元");
        assert_none(&d, Rule::A002);
        assert_none(&d, Rule::A001);
    }
}
