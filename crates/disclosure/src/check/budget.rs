//! Rules on the prose figures: parts against totals (D001), changes against the two years
//! (D002) and against the changes of the parts (D003), the same figure restated (D004),
//! impossible previous years (D005), and project spending against the target tables (D006).

use jixiao_model::{Document, Money, Origin};

use super::{at, change_words, wan, Findings, Location, Rule};
use crate::model::{Disclosure, Figure, Item, Statement, StatementKind};

pub(crate) fn part(kind: StatementKind) -> &'static str {
    match kind {
        StatementKind::RunningCosts => "机关运行经费",
        StatementKind::ThreePublic => "“三公”经费",
        StatementKind::Procurement => "政府采购",
        _ => "收支预算",
    }
}

fn loc(kind: StatementKind, origin: Origin) -> Location {
    at(part(kind), origin.line, origin.cell)
}

pub(crate) fn check(d: &Disclosure, doc: &Document, out: &mut Findings) {
    for s in d.statements() {
        parts_add_up(s, out);
        changes_match_years(s, out);
        changes_add_up(s, out);
    }
    restated(d, out);
    fiscal_against_income(d, out);
    project_budgets(d, doc, out);
}

/// The parts of a breakdown a statement prints amounts for; `complete` when a reader can
/// expect them to add up exactly (all printed, or a list of two or more income sources).
fn printed_parts<'a>(
    s: &'a Statement,
    list: &[Item],
    value: impl Fn(&'a Figure) -> Option<Money>,
) -> (Vec<(Item, Money)>, bool) {
    let parts: Vec<(Item, Money)> = list
        .iter()
        .filter_map(|i| s.figure(*i).and_then(&value).map(|v| (*i, v)))
        .collect();
    let income_list = list.contains(&Item::GeneralBudget);
    let complete = parts.len() == list.len() || (income_list && parts.len() >= 2);
    (parts, complete)
}

fn names(parts: &[(Item, Money)]) -> String {
    parts
        .iter()
        .map(|(i, v)| format!("{}{}", i.name(), wan(*v)))
        .collect::<Vec<_>>()
        .join("、")
}

/// D001: 合计 = Σ 分项 (income sources, 基本 + 项目, 人员 + 公用, the “三公” items).
fn parts_add_up(s: &Statement, out: &mut Findings) {
    for whole in &s.figures {
        let Some(total) = &whole.amount else { continue };
        for list in whole.item.breakdowns() {
            let (parts, complete) = printed_parts(s, list, |f| f.amount.as_ref().map(|a| a.value));
            if parts.is_empty() {
                continue;
            }
            let sum: Money = parts.iter().map(|(_, v)| *v).sum();
            if (complete && sum != total.value) || sum > total.value {
                out.emit(
                    Rule::D001,
                    loc(s.kind, total.at),
                    &[
                        ("at", total.at.to_string()),
                        ("whole", whole_name(s.kind, whole.item)),
                        ("total", wan(total.value)),
                        ("parts", names(&parts)),
                        ("sum", wan(sum)),
                    ],
                );
            }
        }
    }
}

/// `收入合计`, `支出合计`, or the item's own name.
fn whole_name(kind: StatementKind, item: Item) -> String {
    match (kind, item) {
        (StatementKind::Income, Item::Total) => "收入合计".into(),
        (StatementKind::Spending, Item::Total) => "支出合计".into(),
        (StatementKind::Procurement, Item::Total) => "政府采购合计".into(),
        (StatementKind::Fiscal, Item::Total) => "财政拨款收支合计".into(),
        (_, Item::Total) => "收支合计".into(),
        (_, i) => i.name().into(),
    }
}

/// D002: the stated change equals this year minus last year; D005: a change that makes last
/// year negative.
fn changes_match_years(s: &Statement, out: &mut Findings) {
    for f in &s.figures {
        let (Some(amount), Some(change)) = (&f.amount, &f.change) else {
            continue;
        };
        match &f.previous {
            Some(previous) => {
                let diff = amount.value - previous.value;
                if diff != change.value {
                    out.emit(
                        Rule::D002,
                        loc(s.kind, change.at),
                        &[
                            ("at", change.at.to_string()),
                            ("item", whole_name(s.kind, f.item)),
                            ("amount", wan(amount.value)),
                            ("previous", wan(previous.value)),
                            ("diff", change_words(diff)),
                            ("stated", change.printed.clone()),
                        ],
                    );
                }
            }
            None => {
                let previous = amount.value - change.value;
                if previous.0.is_sign_negative() && !previous.0.is_zero() {
                    out.emit(
                        Rule::D005,
                        loc(s.kind, change.at),
                        &[
                            ("at", change.at.to_string()),
                            ("item", whole_name(s.kind, f.item)),
                            ("amount", wan(amount.value)),
                            ("stated", change.printed.clone()),
                            ("previous", wan(previous)),
                        ],
                    );
                }
            }
        }
    }
}

/// D003: the change of a whole equals the changes of its parts (`增加193.79万元，其中：基本
/// 支出增加199.18万元……项目支出减少5.39万元`).
fn changes_add_up(s: &Statement, out: &mut Findings) {
    for whole in &s.figures {
        let Some(change) = &whole.change else {
            continue;
        };
        for list in whole.item.breakdowns() {
            let (parts, complete) = printed_parts(s, list, |f| f.change.as_ref().map(|c| c.value));
            if !complete {
                continue;
            }
            let sum: Money = parts.iter().map(|(_, v)| *v).sum();
            if sum != change.value {
                let parts_text = parts
                    .iter()
                    .map(|(i, v)| format!("{}{}", i.name(), change_words(*v)))
                    .collect::<Vec<_>>()
                    .join("、");
                out.emit(
                    Rule::D003,
                    loc(s.kind, change.at),
                    &[
                        ("at", change.at.to_string()),
                        ("whole", whole_name(s.kind, whole.item)),
                        ("change", change_words(change.value)),
                        ("parts", parts_text),
                        ("sum", change_words(sum)),
                    ],
                );
            }
        }
    }
}

/// D004: an item's figures agree wherever 二、收支预算 states them (the income and spending
/// totals are one figure: the budget balances). The 财政拨款 statement is about a part of
/// the money and is left out.
fn restated(d: &Disclosure, out: &mut Findings) {
    let statements: Vec<&Statement> = d
        .budget
        .iter()
        .filter(|s| s.kind != StatementKind::Fiscal)
        .collect();
    type Pick = fn(&Figure) -> Option<(Money, Origin)>;
    let views: [(&str, Pick); 3] = [
        ("", |f| f.amount.as_ref().map(|a| (a.value, a.at))),
        ("上年", |f| f.previous.as_ref().map(|a| (a.value, a.at))),
        ("增减额", |f| f.change.as_ref().map(|c| (c.value, c.at))),
    ];
    for (view, pick) in views {
        let mut seen: Vec<(Item, Money, Origin, StatementKind)> = Vec::new();
        for s in &statements {
            for f in &s.figures {
                let Some((value, at)) = pick(f) else { continue };
                match seen.iter().find(|(i, ..)| *i == f.item) {
                    Some(&(_, first, first_at, first_kind)) if first != value => {
                        let show = |m: Money| {
                            if view == "增减额" {
                                change_words(m)
                            } else {
                                wan(m)
                            }
                        };
                        out.emit(
                            Rule::D004,
                            loc(s.kind, at),
                            &[
                                ("item", format!("{}{}", f.item.name(), view)),
                                ("first_at", first_at.to_string()),
                                ("first_kind", first_kind.name().to_string()),
                                ("first", show(first)),
                                ("at", at.to_string()),
                                ("kind", s.kind.name().to_string()),
                                ("value", show(value)),
                            ],
                        );
                    }
                    Some(_) => {}
                    None => seen.push((f.item, value, at, s.kind)),
                }
            }
        }
    }
}

/// D022: the 财政拨款 total is the appropriations among the income sources (一般公共预算,
/// 政府性基金, 国有资本经营预算拨款); checked when the income statement names the first.
fn fiscal_against_income(d: &Disclosure, out: &mut Findings) {
    let (Some(fiscal), Some(income)) = (
        d.statement(StatementKind::Fiscal),
        d.statement(StatementKind::Income),
    ) else {
        return;
    };
    let Some(total) = fiscal.figure(Item::Total).and_then(|f| f.amount.as_ref()) else {
        return;
    };
    if income.amount(Item::GeneralBudget).is_none() {
        return;
    }
    let parts: Vec<(Item, Money)> = [
        Item::GeneralBudget,
        Item::GovernmentFund,
        Item::StateCapital,
    ]
    .iter()
    .filter_map(|i| income.amount(*i).map(|v| (*i, v)))
    .collect();
    let sum: Money = parts.iter().map(|(_, v)| *v).sum();
    if sum != total.value {
        out.emit(
            Rule::D022,
            loc(StatementKind::Fiscal, total.at),
            &[
                ("at", total.at.to_string()),
                ("fiscal", wan(total.value)),
                ("parts", names(&parts)),
                ("sum", wan(sum)),
            ],
        );
    }
}

/// D006: 项目支出 against the budgets printed in the project target tables. Skipped when
/// no table prints a budget (seed 004); when only some do, only a sum above the stated
/// project spending is a finding.
fn project_budgets(d: &Disclosure, doc: &Document, out: &mut Findings) {
    let budgets: Vec<Money> = doc
        .projects
        .iter()
        .filter_map(|p| p.budget.total.as_ref().map(|b| b.value))
        .collect();
    if budgets.is_empty() {
        return;
    }
    let all = budgets.len() == doc.projects.len();
    let sum: Money = budgets.iter().copied().sum();
    let stated = [StatementKind::Spending, StatementKind::Overall]
        .iter()
        .filter_map(|k| d.statement(*k))
        .find_map(|s| {
            s.figure(Item::Project)
                .and_then(|f| f.amount.as_ref())
                .map(|a| (s.kind, a))
        });
    let Some((kind, project)) = stated else {
        return;
    };
    if (all && sum != project.value) || sum > project.value {
        out.emit(
            Rule::D006,
            loc(kind, project.at),
            &[
                ("at", project.at.to_string()),
                ("project", wan(project.value)),
                ("count", budgets.len().to_string()),
                ("sum", wan(sum)),
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testkit::{findings, findings_with};
    use jixiao_rules::Rule;

    #[test]
    fn d001_parts_add_up() {
        let ok = "二、部门预算安排总体情况\n\n（三）支出预算情况\n\n2020年支出预算861.04万元，其中基本支出526.74万元；项目支出334.3万元。\n";
        assert_eq!(findings(ok, Rule::D001), Vec::<String>::new());
        let bad = "二、部门预算安排总体情况\n\n（三）支出预算情况\n\n2020年支出预算861.04万元，其中基本支出526.74万元；项目支出334.5万元。\n";
        assert_eq!(
            findings(bad, Rule::D001),
            vec!["第5行：支出合计为861.04万元，而基本支出526.74万元、项目支出334.5万元之和为861.24万元。"]
        );
        let income = "二、部门预算安排总体情况\n\n（二）收入预算情况\n\n预算收入100万元，其中：一般公共预算拨款90万元，政府性基金预算拨款0万元，其他收入5万元。\n";
        assert_eq!(
            findings(income, Rule::D001),
            vec!["第5行：收入合计为100万元，而一般公共预算拨款90万元、政府性基金预算拨款0万元、其他收入5万元之和为95万元。"]
        );
        let three = "四、“三公”经费支出预算情况说明\n\n安排“三公”经费总计2万元。\n\n1、因公出国(境)支出预算0万元。\n\n2、公务用车购置及运维费支出预算1万元。\n\n3、公务接待费支出预算0.5万元。\n";
        assert_eq!(
            findings(three, Rule::D001),
            vec!["第3行：“三公”经费合计为2万元，而因公出国（境）费0万元、公务用车购置及运行维护费1万元、公务接待费0.5万元之和为1.5万元。"]
        );
        // the vehicle costs split in two inside the “三公” list
        let split = "四、“三公”经费\n\n“三公”经费预算数为10万元，比上年减少2万元，其中：因公出国（境）费0万元，公务接待费3万元，公务用车购置及运行维护费7万元（其中：公务用车购置费0万元，公务用车运行维护费7万元）。\n";
        assert_eq!(findings(split, Rule::D001), Vec::<String>::new());
        let split_bad = split.replace("运行维护费7万元）", "运行维护费6万元）");
        assert_eq!(
            findings(&split_bad, Rule::D001),
            vec![
                "第3行：“三公”经费合计为10万元，而因公出国（境）费0万元、公务用车购置费0万元、公务用车运行维护费6万元、公务接待费3万元之和为9万元。",
                "第3行：公务用车购置及运行维护费为7万元，而公务用车购置费0万元、公务用车运行维护费6万元之和为6万元。",
            ]
        );
        // one source alone need not be the whole, but may not exceed it
        let partial = "二、部门预算安排总体情况\n\n（二）收入预算情况\n\n预算收入100万元，其中：一般公共预算拨款90万元。\n";
        assert_eq!(findings(partial, Rule::D001), Vec::<String>::new());
    }

    #[test]
    fn d002_change_is_the_difference() {
        let ok = "二、部门预算安排总体情况\n\n2020年预算收支安排861.04万元，较2019年预算667.25万元，增加了193.79万元。\n";
        assert_eq!(findings(ok, Rule::D002), Vec::<String>::new());
        let bad = "二、部门预算安排总体情况\n\n2020年预算收支安排861.04万元，较2019年预算667.25万元，增加了139.79万元。\n";
        assert_eq!(
            findings(bad, Rule::D002),
            vec!["第3行：收支合计本年861.04万元、上年667.25万元，相差增加193.79万元，文中却写“增加了139.79万元”。"]
        );
        let no_change = "四、“三公”经费\n\n公务接待费2万元，上年1.5万元，较上年无变化。\n";
        assert_eq!(
            findings(no_change, Rule::D002),
            vec!["第3行：公务接待费本年2万元、上年1.5万元，相差增加0.5万元，文中却写“较上年无变化”。"]
        );
    }

    #[test]
    fn d003_change_of_the_parts() {
        let ok = "二、部门预算安排总体情况\n\n2020年预算收支安排861.04万元，增加了193.79万元，其中：基本支出增加199.18万元；项目支出334.3万元，比2019年度减少5.39万元。\n";
        assert_eq!(findings(ok, Rule::D003), Vec::<String>::new());
        let bad = "二、部门预算安排总体情况\n\n2020年预算收支安排861.04万元，增加了193.79万元，其中：基本支出增加199.18万元；项目支出334.3万元，比2019年度增加5.39万元。\n";
        assert_eq!(
            findings(bad, Rule::D003),
            vec!["第3行：收支合计增加193.79万元，而基本支出增加199.18万元、项目支出增加5.39万元的增减额之和为增加204.57万元。"]
        );
    }

    #[test]
    fn d004_restated_figures() {
        let ok = "二、部门预算安排总体情况\n\n（二）收入预算\n\n预算收入861.04万元。\n\n（三）支出预算\n\n支出预算861.04万元，其中基本支出526.74万元；项目支出334.3万元。\n\n（一）总体情况\n\n项目支出334.3万元。\n";
        assert_eq!(findings(ok, Rule::D004), Vec::<String>::new());
        let bad = "二、部门预算安排总体情况\n\n（二）收入预算\n\n预算收入861.04万元。\n\n（三）支出预算\n\n支出预算861.40万元，其中基本支出526.74万元；项目支出334.3万元。\n";
        assert_eq!(
            findings(bad, Rule::D004),
            vec![
                "合计在第5行（收入预算情况）为861.04万元，在第9行（支出预算情况）却为861.40万元。"
            ]
        );
    }

    #[test]
    fn d005_negative_previous_year() {
        let ok = "四、“三公”经费\n\n1、公务接待费支出预算0万元，较上年无变化。\n\n2、因公出国(境)支出预算1万元，较上年增加1万元。\n";
        assert_eq!(findings(ok, Rule::D005), Vec::<String>::new());
        let bad = "四、“三公”经费\n\n1、公务接待费支出预算0万元，较上年增加0.5万元。\n";
        assert_eq!(
            findings(bad, Rule::D005),
            vec!["第3行：公务接待费本年0万元，“较上年增加0.5万元”，推算上年为-0.5万元，金额不可能为负。"]
        );
    }

    #[test]
    fn d022_fiscal_against_income_sources() {
        let text = |fiscal: &str| {
            format!("二、部门预算安排总体情况\n\n（二）收入预算\n\n预算收入100万元，其中：一般公共预算拨款80万元，政府性基金预算拨款10万元，其他收入10万元。\n\n（四）财政拨款收入支出预算总体情况\n\n财政拨款收支安排{fiscal}万元。\n")
        };
        assert_eq!(findings(&text("90"), Rule::D022), Vec::<String>::new());
        assert_eq!(
            findings(&text("100"), Rule::D022),
            vec!["第9行：财政拨款收支为100万元，收入预算中的财政拨款（一般公共预算拨款80万元、政府性基金预算拨款10万元）之和为90万元。"]
        );
    }

    #[test]
    fn d006_project_spending_against_target_tables() {
        let text = "二、部门预算安排总体情况\n\n（三）支出预算\n\n支出预算30万元，其中基本支出10万元；项目支出20万元。\n";
        assert_eq!(
            findings_with(
                text,
                &[("甲项目", Some("12")), ("乙项目", Some("8"))],
                Rule::D006
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            findings_with(
                text,
                &[("甲项目", Some("12")), ("乙项目", Some("9"))],
                Rule::D006
            ),
            vec!["第5行：项目支出为20万元，绩效目标表中2个项目的预算数之和为21万元。"]
        );
        // budgets printed for some projects only: below the total is no finding
        assert_eq!(
            findings_with(
                text,
                &[("甲项目", Some("12")), ("乙项目", None)],
                Rule::D006
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            findings_with(text, &[("甲项目", None)], Rule::D006),
            Vec::<String>::new()
        );
    }
}
