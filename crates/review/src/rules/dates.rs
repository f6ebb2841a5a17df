//! 时效：时限与预算年度、沿用往年的年份、发文字号中的年份。

use jixiao_model::{Indicator, Located, Origin, Project, TargetValue};
use jixiao_rules::Rule;

use crate::text::{may_have_doc_number, years, DocNumber};
use crate::{at, quote, Ctx};

pub(crate) fn project<'a>(ctx: &mut Ctx<'a>, pi: usize, p: &'a Project) {
    stale_years(ctx, pi, p);
    document_numbers(ctx, pi, p);
}

/// T002: goals, names and descriptions that speak of an earlier year than the budget year.
fn stale_years(ctx: &mut Ctx, pi: usize, p: &Project) {
    let Some(budget_year) = ctx.year else { return };
    let goals = p
        .goals
        .iter()
        .map(|g| ("绩效目标", None, g.at, g.value.as_str()));
    let cells = row_cells(p, |i| {
        [("三级指标", &i.level3), ("指标描述", &i.description)]
    });
    let mut seen: Vec<(&str, i32)> = Vec::new();
    for (field, row, origin, text) in goals.chain(cells) {
        for (year, snippet) in years(text) {
            if year >= budget_year || seen.contains(&(field, year)) {
                continue;
            }
            seen.push((field, year));
            ctx.emit(
                Rule::T002,
                at(Some(pi), row, origin, Some(field)),
                &[
                    ("field", field),
                    ("quote", &snippet),
                    ("budget_year", &budget_year.to_string()),
                ],
                vec![quote(field, crate::rules::excerpt(text, 60))],
            );
        }
    }
}

/// T003/T004: `【20196】` and numbers dated after the budget year, once per distinct number.
fn document_numbers<'a>(ctx: &mut Ctx<'a>, pi: usize, p: &'a Project) {
    let name = [("项目名称", None, p.name.at, p.name.value.as_str())];
    let purpose = p
        .purpose
        .iter()
        .map(|c| ("资金用途", None, c.at, c.value.as_str()));
    let goals = p
        .goals
        .iter()
        .map(|g| ("绩效目标", None, g.at, g.value.as_str()));
    let cells = row_cells(p, |i| {
        [
            ("指标值确定依据", &i.basis),
            ("三级指标", &i.level3),
            ("指标描述", &i.description),
        ]
    });
    /// A number worth a finding: where it is first printed, and how often.
    struct Found {
        number: DocNumber,
        field: &'static str,
        row: Option<usize>,
        origin: Origin,
        impossible: bool,
        count: usize,
    }
    let mut found: Vec<Found> = Vec::new();
    let texts = name.into_iter().chain(purpose).chain(goals).chain(cells);
    for (field, row, origin, text) in texts {
        // Most cells cannot hold a number; the bases that do are printed row after row.
        if !may_have_doc_number(text) {
            continue;
        }
        for n in ctx.memo.doc_numbers(text).iter() {
            let year: Option<i32> = n.year_digits.parse().ok();
            let impossible =
                n.year_digits.len() != 4 || year.is_none_or(|y| !(1949..=2100).contains(&y));
            let late = !impossible && ctx.year.is_some_and(|b| year.is_some_and(|y| y > b));
            if !impossible && !late {
                continue;
            }
            match found.iter_mut().find(|f| f.number.printed == n.printed) {
                Some(f) => f.count += 1,
                None => found.push(Found {
                    number: n.clone(),
                    field,
                    row,
                    origin,
                    impossible,
                    count: 1,
                }),
            }
        }
    }
    for Found {
        number,
        field,
        row,
        origin,
        impossible,
        count,
    } in found
    {
        let count_note = if count > 1 {
            format!("（本项目共{count}处）")
        } else {
            String::new()
        };
        let budget_year = ctx.year.map(|y| y.to_string()).unwrap_or_default();
        let rule = if impossible { Rule::T003 } else { Rule::T004 };
        ctx.emit(
            rule,
            at(Some(pi), row, origin, Some(field)),
            &[
                ("number", &number.printed),
                ("year", &number.year_digits),
                ("count", &count_note),
                ("budget_year", &budget_year),
            ],
            vec![quote(field, number.printed.clone())],
        );
    }
}

/// The cells `pick` names of every indicator row that has them, as (field, row from 1,
/// origin, text), row by row.
fn row_cells<'a, const N: usize>(
    p: &'a Project,
    pick: impl Fn(&'a Indicator) -> [(&'static str, &'a Option<Located<String>>); N] + 'a,
) -> impl Iterator<Item = (&'static str, Option<usize>, Origin, &'a str)> + 'a {
    p.indicators.iter().enumerate().flat_map(move |(r, i)| {
        pick(i).into_iter().filter_map(move |(field, cell)| {
            cell.as_ref()
                .map(|c| (field, Some(r + 1), c.at, c.value.as_str()))
        })
    })
}

/// T001: a deadline target in another year, and outside the project's printed period (a
/// project of `项目期 2022年3月-2023年11月` may finish in 2023).
pub(crate) fn row(ctx: &mut Ctx, pi: Option<usize>, row: usize, ind: &Indicator) {
    let (Some(budget_year), Some(t)) = (ctx.year, &ind.target) else {
        return;
    };
    if let TargetValue::Deadline { year: Some(y), .. } = t.value.value {
        let period = pi
            .and_then(|pi| ctx.doc.projects.get(pi))
            .and_then(|p| p.period.as_ref())
            .and_then(|p| period_years(&p.value, budget_year));
        let in_period = period.is_some_and(|(from, to)| (from..=to).contains(&y));
        if y != budget_year && !in_period {
            let printed = t.value.printed.trim();
            ctx.emit(
                Rule::T001,
                at(pi, Some(row), t.at, Some("指标值")),
                &[
                    ("target", printed),
                    ("year", &y.to_string()),
                    ("budget_year", &budget_year.to_string()),
                ],
                vec![
                    quote("三级指标", ind.level3_text()),
                    quote("指标值", printed),
                ],
            );
        }
    }
}

/// The years a printed period spans: the years it names (`2022年3月-2023年11月`,
/// `2019-2021`), or `3年` counted from the budget year; `None` for a period that names
/// neither (`全年`).
fn period_years(text: &str, budget_year: i32) -> Option<(i32, i32)> {
    // Full-width digits as ASCII.
    let k: Vec<char> = text.chars().map(crate::text::fold).collect();
    // Runs of exactly four digits that make a plausible year.
    let mut years = Vec::new();
    let mut i = 0;
    while i < k.len() {
        let run = k[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run == 4 {
            let y = k[i..i + 4].iter().fold(0, |y, c| y * 10 + c.to_digit(10).unwrap_or(0) as i32);
            if (1990..=2100).contains(&y) {
                years.push(y);
            }
        }
        i += run.max(1);
    }
    if let (Some(from), Some(to)) = (years.iter().min(), years.iter().max()) {
        return Some((*from, *to));
    }
    // `3年`, `三年`: a length, the project taken to run from the budget year on.
    let k: String = k.into_iter().filter(|c| !c.is_whitespace()).collect();
    let n = k.strip_suffix('年').and_then(|n| {
        n.parse::<i32>().ok().or_else(|| match n {
            "一" => Some(1),
            "两" | "二" => Some(2),
            "三" => Some(3),
            "四" => Some(4),
            "五" => Some(5),
            _ => None,
        })
    })?;
    (1..=10).contains(&n).then(|| (budget_year, budget_year + n - 1))
}

#[cfg(test)]
mod tests {
    use super::period_years;
    use crate::testkit::*;
    use jixiao_model::{Located, Origin};
    use jixiao_rules::Rule;

    #[test]
    fn t001_deadline_outside_year() {
        assert_none(&doc(vec![good_project()]), Rule::T001);
        let mut p = good_project();
        p.indicators[2] = ind(
            "产出指标",
            "时效指标",
            "提供法律咨询时间",
            "完成时间",
            "2019年12月底前",
            "计划",
        );
        assert_found(
            &doc(vec![p.clone()]),
            Rule::T001,
            1,
            Some(3),
            "时限在2019年，不在预算年度2020年内",
        );
        p.indicators[2] = ind(
            "产出指标",
            "时效指标",
            "提供法律咨询时间",
            "完成时间",
            "2020年12月底前",
            "计划",
        );
        assert_none(&doc(vec![p]), Rule::T001);
    }

    /// A multi-year project's deadline within its printed 项目期 stands; outside it, or in a
    /// one-year project, it is raised.
    #[test]
    fn t001_deadline_within_the_project_period() {
        let mut p = good_project();
        p.indicators[2] = ind("产出指标", "时效指标", "完成时间", "", "2021年底", "计划");
        assert_found(&doc(vec![p.clone()]), Rule::T001, 1, Some(3), "时限在2021年");
        for (period, raised) in [
            ("2020年3月-2021年11月", false),
            ("2019-2021", false),
            ("３年", false),
            ("两年", false),
            ("2020年", true),
            ("1年", true),
            ("全年", true),
        ] {
            p.period = Some(Located::new(period.into(), Origin::default()));
            let findings = run(&doc(vec![p.clone()])).of(Rule::T001).count();
            assert_eq!(findings, usize::from(raised), "项目期 {period}");
        }
        assert_eq!(period_years("2022年3月-2023年11月", 2022), Some((2022, 2023)));
        assert_eq!(period_years("12345", 2022), None);
        assert_eq!(period_years("3 年", 2022), Some((2022, 2024)));
    }

    #[test]
    fn t002_stale_year_in_goal() {
        assert_none(&doc(vec![good_project()]), Rule::T002);
        let mut p = good_project();
        p.goals = vec![Located::new(
            "1、2019 年底对有关安委会成员单位全年安全生产工作进行考评。".into(),
            Origin::default(),
        )];
        assert_found(
            &doc(vec![p.clone()]),
            Rule::T002,
            1,
            None,
            "绩效目标写的是“2019 年底对有关安委会成”，与预算年度2020年不符",
        );
        p.goals = vec![Located::new(
            "1、2020年底前完成考评，较2019年提高。".into(),
            Origin::default(),
        )];
        assert_none(&doc(vec![p]), Rule::T002);
    }

    #[test]
    fn t003_impossible_document_year() {
        assert_none(&doc(vec![good_project()]), Rule::T003);
        let mut p = good_project();
        for i in &mut p.indicators {
            i.basis = Some(Located::new("临汛字【20196】4号".into(), Origin::default()));
        }
        let d = doc(vec![p]);
        assert_found(
            &d,
            Rule::T003,
            1,
            Some(1),
            "文号“临汛字【20196】4号”中的年份“20196”不是有效年份（本项目共7处）",
        );
        assert_eq!(
            run(&d).of(Rule::T003).count(),
            1,
            "one finding per distinct number"
        );
    }

    #[test]
    fn t005_budget_year_inferred_when_not_printed() {
        // No year printed: the deadlines say 2023, so the time rules run for 2023.
        let mut p = good_project();
        p.indicators[2] = ind(
            "产出指标",
            "时效指标",
            "完成时间",
            "完成的时间",
            "2023年12月底前",
            "计划",
        );
        let mut q = good_project();
        q.indicators[2] = ind(
            "产出指标",
            "时效指标",
            "完成时间",
            "完成的时间",
            "2023年10月底前",
            "计划",
        );
        let mut r = good_project();
        r.indicators[2] = ind(
            "产出指标",
            "时效指标",
            "完成时间",
            "完成的时间",
            "2022年12月底前",
            "计划",
        );
        let mut d = doc(vec![p, q, r]);
        d.year = None;
        assert_found_doc(&d, Rule::T005, "按指标值所写时限的年份推定为2023年");
        assert_found(
            &d,
            Rule::T001,
            3,
            Some(3),
            "时限在2022年，不在预算年度2023年内",
        );
        // Seed 003: no deadline, the year leads the project names (`2021南堡……`).
        let mut p = good_project();
        p.name = Located::new("2021南堡安全风险评估".into(), Origin::default());
        let mut d = doc(vec![p.clone(), good_project()]);
        d.year = None;
        assert_found_doc(&d, Rule::T005, "按项目名称和绩效目标中的年份推定为2021年");
        // A printed year, or one configured, is not inferred.
        d.year = Some(Located::new(2021, Origin::line(1)));
        assert_none(&d, Rule::T005);
        d.year = None;
        let mut cfg = crate::Config::default();
        cfg.year = Some(2021);
        assert!(crate::review(&d, &cfg).of(Rule::T005).next().is_none());
        // Nothing to infer from: no year, no finding.
        let mut d = doc(vec![good_project()]);
        d.year = None;
        assert_none(&d, Rule::T005);
    }

    #[test]
    fn t004_document_after_budget_year() {
        assert_none(&doc(vec![good_project()]), Rule::T004);
        let mut p = good_project();
        p.indicators[0].basis = Some(Located::new("冀民〔2021〕7号".into(), Origin::default()));
        assert_found(
            &doc(vec![p]),
            Rule::T004,
            1,
            Some(1),
            "依据“冀民〔2021〕7号”的年份2021晚于预算年度2020年",
        );
    }
}
