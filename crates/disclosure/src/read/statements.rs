//! Budget explanations in prose: which item each amount belongs to, and whether it is this
//! year's figure, last year's, or the change.
//!
//! `2020年预算收支安排861.04万元，较2019年预算667.25万元，增加了193.79万元，其中：基本支出
//! 增加199.18万元` reads as 合计 861.04, previous 667.25, change +193.79, 基本支出 change
//! +199.18: the words since the last punctuation mark name the item (the last-named one
//! when they name none), and 较/比 or 增加/减少 make it last year's figure or the change.

use jixiao_model::{Located, Money, Origin};
use jixiao_read::layout::Block;

use super::{add_paragraph, paragraphs, sub_heading, Notes};
use crate::figures::{scan, Token};
use crate::model::{Change, Figure, Item, Statement, StatementKind};

/// Words naming an item; when several appear in a label, the one ending last wins.
const ITEM_WORDS: &[(&str, Item)] = &[
    ("一般公共预算", Item::GeneralBudget),
    ("政府性基金", Item::GovernmentFund),
    ("基金预算", Item::GovernmentFund),
    ("国有资本经营", Item::StateCapital),
    ("财政专户", Item::SpecialAccount),
    ("事业收入", Item::BusinessIncome),
    ("上年结转", Item::CarryOver),
    ("其他收入", Item::OtherIncome),
    ("基本支出", Item::Basic),
    ("人员经费", Item::Personnel),
    ("公用经费", Item::PublicExpenses),
    ("项目支出", Item::Project),
    ("机关运行经费", Item::RunningCosts),
    ("机关运行费", Item::RunningCosts),
    ("三公", Item::ThreePublicTotal),
    ("因公出国", Item::Abroad),
    ("公务用车购置及运", Item::Vehicles),
    ("公务用车购置和运", Item::Vehicles),
    ("公务用车费", Item::Vehicles),
    ("公务用车购置费", Item::VehiclePurchase),
    ("车辆购置", Item::VehiclePurchase),
    ("公务用车运行", Item::VehicleOperation),
    ("公务用车运维", Item::VehicleOperation),
    ("公务接待", Item::Reception),
];

/// Words for the whole of what a statement is about, used when no item is named.
const TOTAL_WORDS: &[&str] = &["收入", "支出", "收支", "总计", "合计", "安排", "预算"];

const MORE: &[&str] = &["增加", "增长", "上升", "提高"];
const LESS: &[&str] = &["减少", "下降", "降低", "压减", "节约"];
const VERSUS: &[&str] = &["较", "比", "上年", "同期"];

/// The item a statement's unnamed total is.
fn total_item(kind: StatementKind) -> Item {
    match kind {
        StatementKind::RunningCosts => Item::RunningCosts,
        StatementKind::ThreePublic => Item::ThreePublicTotal,
        _ => Item::Total,
    }
}

/// The item a label names, if any.
fn named_item(label: &str, kind: StatementKind) -> Option<Item> {
    let specific = ITEM_WORDS
        .iter()
        .filter_map(|(w, item)| label.rfind(w).map(|i| (i + w.len(), w.len(), *item)))
        .max_by_key(|(end, len, _)| (*end, *len))
        .map(|(_, _, item)| item);
    specific.or_else(|| {
        TOTAL_WORDS
            .iter()
            .any(|w| label.contains(w))
            .then(|| total_item(kind))
    })
}

/// +1 for an increase, −1 for a decrease, by the word nearest the figure.
fn direction(label: &str) -> Option<i32> {
    let last = |words: &[&str]| words.iter().filter_map(|w| label.rfind(w)).max();
    match (last(MORE), last(LESS)) {
        (Some(m), Some(l)) => Some(if m > l { 1 } else { -1 }),
        (Some(_), None) => Some(1),
        (None, Some(_)) => Some(-1),
        (None, None) => None,
    }
}

/// The last figure of an item, created when the statement has none.
fn figure_mut(stmt: &mut Statement, item: Item) -> &mut Figure {
    let pos = match stmt.figures.iter().rposition(|f| f.item == item) {
        Some(p) => p,
        None => {
            stmt.figures.push(Figure::new(item));
            stmt.figures.len() - 1
        }
    };
    &mut stmt.figures[pos]
}

/// Reads the figures of one paragraph into a statement.
pub(crate) fn read_figures(stmt: &mut Statement, text: &str, at: Origin, notes: &mut Notes) {
    let mut current: Option<Item> = None;
    for m in scan(text) {
        let named = named_item(&m.label, stmt.kind);
        match m.token {
            Token::Percent(_) => {}
            Token::NoChange => {
                if let Some(item) = named.or(current) {
                    figure_mut(stmt, item).change = Some(Change {
                        value: Money::ZERO,
                        printed: m.printed,
                        at,
                    });
                }
            }
            Token::Amount(value) => {
                let dir = direction(&m.label);
                // `上年结转` is an income source, not a comparison with last year.
                let compared = m.label.replace("上年结转", "");
                let versus = VERSUS.iter().any(|w| compared.contains(w));
                if let Some(sign) = dir {
                    let Some(item) = named.or(current) else {
                        notes.info(at, format!("{at}：未能确定“{}”是哪一项的增减额", m.printed));
                        continue;
                    };
                    let signed = if sign < 0 { Money(-value.0) } else { value };
                    let printed = format!("{}{}", m.label, m.printed);
                    figure_mut(stmt, item).change = Some(Change {
                        value: signed,
                        printed,
                        at,
                    });
                    current = Some(item);
                } else if versus {
                    let named_specific = named.filter(|i| *i != total_item(stmt.kind));
                    let Some(item) = named_specific.or(current).or(named) else {
                        continue;
                    };
                    figure_mut(stmt, item).previous = Some(Located::new(value, at));
                    current = Some(item);
                } else if let Some(item) = named {
                    let has_amount = stmt
                        .figures
                        .iter()
                        .rev()
                        .find(|f| f.item == item)
                        .is_some_and(|f| f.amount.is_some());
                    if has_amount {
                        // The same item named again: keep both, the checks compare them.
                        stmt.figures.push(Figure::new(item));
                    }
                    figure_mut(stmt, item).amount = Some(Located::new(value, at));
                    current = Some(item);
                } else {
                    notes.info(at, format!("{at}：未能确定金额“{}”属于哪一项", m.printed));
                }
            }
        }
    }
}

/// 二、部门预算安排总体情况: one statement per sub-heading.
pub(crate) fn read_budget(body: &[&Block], notes: &mut Notes) -> Vec<Statement> {
    let mut out: Vec<Statement> = Vec::new();
    for (text, at) in paragraphs(body) {
        if let Some(title) = sub_heading(text) {
            let mut stmt = Statement::new(budget_kind(title));
            stmt.heading = Some(Located::new(text.to_string(), at));
            out.push(stmt);
            continue;
        }
        if out.is_empty() {
            out.push(Statement::new(StatementKind::Overall));
        }
        if let Some(stmt) = out.last_mut() {
            add_paragraph(stmt, text, at, notes);
        }
    }
    out
}

/// Which budget explanation a sub-heading introduces.
fn budget_kind(title: &str) -> StatementKind {
    let s = jixiao_model::text::squeeze(title);
    if s.contains("财政拨款") {
        StatementKind::Fiscal
    } else if s.contains("收入支出") || s.contains("收支") || s.contains("总体") {
        StatementKind::Overall
    } else if s.contains("收入") {
        StatementKind::Income
    } else if s.contains("支出") {
        StatementKind::Spending
    } else {
        StatementKind::Overall
    }
}

/// A section that is one statement (机关运行经费, “三公”经费); `None` when it has no text.
pub(crate) fn read_one(
    kind: StatementKind,
    body: &[&Block],
    notes: &mut Notes,
) -> Option<Statement> {
    let mut stmt = Statement::new(kind);
    for (text, at) in paragraphs(body) {
        add_paragraph(&mut stmt, text, at, notes);
    }
    (!stmt.text.is_empty()).then_some(stmt)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Figures as `item amount / previous / change` lines.
    fn show(kind: StatementKind, text: &str) -> Vec<String> {
        let mut stmt = Statement::new(kind);
        read_figures(&mut stmt, text, Origin::line(1), &mut Notes::default());
        stmt.figures
            .iter()
            .map(|f| {
                let v = |m: &Option<Located<Money>>| {
                    m.as_ref().map_or("-".into(), |m| m.value.0.to_string())
                };
                let c = f
                    .change
                    .as_ref()
                    .map_or("-".into(), |c| c.value.0.to_string());
                format!(
                    "{} {} / {} / {}",
                    f.item.name(),
                    v(&f.amount),
                    v(&f.previous),
                    c
                )
            })
            .collect()
    }

    #[test]
    fn figures_in_sentences() {
        use StatementKind::*;
        for (kind, text, want) in [
            (Overall, "2020年预算收支安排861.04万元，较2019年预算667.25万元，增加了193.79万元，其中：基本支出增加199.18万元，主要为增加了人员经费支出；项目支出334.3万元，比2019年度减少5.39万元。",
             vec!["合计 861.04 / 667.25 / 193.79", "基本支出 - / - / 199.18", "项目支出 334.3 / - / -5.39"]),
            (Income, "高新区应急管理局2020年预算收入861.04万元，其中：一般公共预算拨款861.04万元，政府性基金预算拨款0万元，财政专户核拨收入0万元，其他收入0万元。",
             vec!["合计 861.04 / - / -", "一般公共预算拨款 861.04 / - / -", "政府性基金预算拨款 0 / - / -", "财政专户核拨收入 0 / - / -", "其他收入 0 / - / -"]),
            (Spending, "2020年支出预算861.04万元，其中基本支出526.74万元，包括人员经费和日常公用经费；项目支出334.3万元。",
             vec!["合计 861.04 / - / -", "基本支出 526.74 / - / -", "项目支出 334.3 / - / -"]),
            (ThreePublic, "- 2、公务用车购置及运维费支出预算0万元,较上年无变化。",
             vec!["公务用车购置及运行维护费 0 / - / 0"]),
            (ThreePublic, "高新区应急管理局2020年安排“三公”经费总计0万元,具体情况如下:",
             vec!["“三公”经费合计 0 / - / -"]),
            (RunningCosts, "应急管理局2020年机关运行经费支出预算18.5万元,主要用于办公用品",
             vec!["机关运行经费 18.5 / - / -"]),
            (ThreePublic, "公务接待费3万元，比上年下降1.5万元；公务用车运行维护费2万元，与上年持平。",
             vec!["公务接待费 3 / - / -1.5", "公务用车运行维护费 2 / - / 0"]),
        ] {
            assert_eq!(show(kind, text), want, "{text}");
        }
    }

    #[test]
    fn other_departments_wording() {
        use StatementKind::*;
        for (kind, text, want) in [
            (Income, "2020年收入预算总计1234.56万元，比2019年增加100万元，增长8.8%。其中：一般公共预算拨款收入1000万元，比上年增加50万元；上年结转234.56万元。",
             vec!["合计 1234.56 / - / 100", "一般公共预算拨款 1000 / - / 50", "上年结转 234.56 / - / -"]),
            (Spending, "基本支出500万元，占总支出的40.5%；项目支出734.56万元。",
             vec!["基本支出 500 / - / -", "项目支出 734.56 / - / -"]),
            (ThreePublic, "“三公”经费预算数为10万元，比上年减少2万元，下降16.7%，其中：因公出国（境）费0万元，公务接待费3万元，公务用车购置及运行维护费7万元（其中：公务用车购置费0万元，公务用车运行维护费7万元）。",
             vec!["“三公”经费合计 10 / - / -2", "因公出国（境）费 0 / - / -", "公务接待费 3 / - / -", "公务用车购置及运行维护费 7 / - / -", "公务用车购置费 0 / - / -", "公务用车运行维护费 7 / - / -"]),
            (RunningCosts, "机关运行经费预算为35000元。", vec!["机关运行经费 3.5 / - / -"]),
        ] {
            assert_eq!(show(kind, text), want, "{text}");
        }
    }

    #[test]
    fn a_restated_item_is_kept_twice() {
        let got = show(StatementKind::Spending, "支出合计10万元。支出合计12万元。");
        assert_eq!(got, vec!["合计 10 / - / -", "合计 12 / - / -"]);
    }
}
