//! The checks, one module per category. Each check decides where a catalogue rule applies and
//! quotes the printed values; wording and severity come from the catalogue and the config.

mod completeness;
mod consistency;
mod dates;
mod levels;
mod measurability;
mod money;

use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

use jixiao_model::{Indicator, Level1, Level2};
use jixiao_rules::{Finding, Rule};

use crate::text::{clean, doc_numbers, is_blank, topic_bigrams, DocNumber};
use crate::Ctx;

/// A row's cells in comparison form ([`clean`]), computed once: most checks compare these.
pub(crate) struct RowText<'a> {
    pub level3: Cow<'a, str>,
    pub description: Option<Cow<'a, str>>,
    pub target: Option<Cow<'a, str>>,
    pub basis_empty: bool,
    /// The level-3 name is only a category name (`社会效益指标`).
    pub is_category: bool,
}

impl<'a> RowText<'a> {
    pub fn of(ind: &'a Indicator, memo: &mut Memo<'a>) -> RowText<'a> {
        let level3 = clean(ind.level3_text());
        RowText {
            description: ind.description.as_ref().map(|d| clean(&d.value)),
            target: ind.target.as_ref().map(|t| clean(&t.value.printed)),
            basis_empty: ind.basis.as_ref().is_none_or(|b| is_blank(&b.value)),
            is_category: may_be_category(&level3) && memo.is_category(ind.level3_text()),
            level3,
        }
    }
}

/// Cheap pre-check for [`is_category`]: category names end in 指标 or are one of a few bare
/// forms; only those are parsed.
fn may_be_category(level3: &str) -> bool {
    const BARE: &[&str] = &[
        "产出",
        "效益",
        "效果",
        "满意度",
        "成本",
        "数量",
        "质量",
        "时效",
        "经济效益",
        "社会效益",
        "生态效益",
        "可持续影响",
        "可持续性影响",
        "可持续发展",
        "经济成本",
        "社会成本",
        "生态环境成本",
        "生态成本",
    ];
    level3.ends_with("指标")
        || level3.ends_with("指标:")
        || BARE.iter().any(|b| level3.ends_with(b))
}

/// The level-3 name (in [`clean`] form) is only a category name (`社会效益指标`).
fn is_category(level3: &str) -> bool {
    may_be_category(level3)
        && level3.chars().count() <= 16
        && (Level1::from_printed(level3).is_some() || Level2::from_printed(level3).is_some())
}

/// Costly analyses of cell text, kept for the whole document: the same indicator names and
/// descriptions are printed in project after project, and each distinct text is analysed once.
#[derive(Default)]
pub(crate) struct Memo<'a> {
    topics: HashMap<&'a str, Rc<[(char, char)]>>,
    doc_numbers: HashMap<&'a str, Rc<[DocNumber]>>,
    categories: HashMap<&'a str, bool>,
    /// Each CJK bigram of the projects' names → the one project whose name has it (`None`:
    /// several), built at the first use (R008).
    name_bigrams: Option<NameIndex>,
}

/// Each bigram of the projects' names → the one project whose name has it (`None`: several).
pub(crate) type NameIndex = Rc<HashMap<(char, char), Option<usize>>>;

/// The bigrams of the CJK characters of `text` (others skipped).
pub(crate) fn cjk_bigrams(text: &str) -> Vec<(char, char)> {
    let cs: Vec<char> = text.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).collect();
    cs.windows(2).map(|w| (w[0], w[1])).collect()
}

impl<'a> Memo<'a> {
    /// [`topic_bigrams`] of `text`.
    pub fn topic(&mut self, text: &'a str) -> Rc<[(char, char)]> {
        let topic = self.topics.entry(text);
        topic.or_insert_with(|| topic_bigrams(text).into()).clone()
    }

    /// Whether the level-3 name `printed` is only a category name ([`is_category`]).
    pub fn is_category(&mut self, printed: &'a str) -> bool {
        let category = self.categories.entry(printed);
        *category.or_insert_with(|| is_category(&clean(printed)))
    }

    /// Which project's name, alone, has each bigram ([`cjk_bigrams`]).
    pub fn name_bigrams(&mut self, projects: &[jixiao_model::Project]) -> NameIndex {
        self.name_bigrams
            .get_or_insert_with(|| {
                let mut map: HashMap<(char, char), Option<usize>> = HashMap::new();
                for (i, p) in projects.iter().enumerate() {
                    for b in cjk_bigrams(&p.name.value) {
                        map.entry(b)
                            .and_modify(|e| {
                                if *e != Some(i) {
                                    *e = None;
                                }
                            })
                            .or_insert(Some(i));
                    }
                }
                Rc::new(map)
            })
            .clone()
    }

    /// [`doc_numbers`] of `text`.
    pub fn doc_numbers(&mut self, text: &'a str) -> Rc<[DocNumber]> {
        let numbers = self.doc_numbers.entry(text);
        numbers.or_insert_with(|| doc_numbers(text).into()).clone()
    }
}

pub(crate) fn run(ctx: &mut Ctx) {
    let doc = ctx.doc;
    completeness::document(ctx);
    consistency::document(ctx);
    money::document(ctx);
    for (pi, p) in doc.projects.iter().enumerate() {
        let first_finding = ctx.findings.len();
        let texts: Vec<RowText> = p
            .indicators
            .iter()
            .map(|i| RowText::of(i, &mut ctx.memo))
            .collect();
        completeness::project(ctx, pi, p, &texts);
        money::project(ctx, pi, p);
        consistency::project(ctx, pi, p, &texts);
        dates::project(ctx, pi, p);
        for (ri, (ind, t)) in p.indicators.iter().zip(&texts).enumerate() {
            row(ctx, Some(pi), ri + 1, ind, t);
        }
        jixiao_rules::sort_findings(&mut ctx.findings[first_finding..]);
        ctx.project_done(first_finding);
    }
    for (ri, ind) in doc.department_indicators.iter().enumerate() {
        let text = RowText::of(ind, &mut ctx.memo);
        row(ctx, None, ri + 1, ind, &text);
    }
}

fn row(ctx: &mut Ctx, pi: Option<usize>, row: usize, ind: &Indicator, t: &RowText) {
    // A row the text's end cut short printed the first characters of its name and nothing
    // after: no value, basis or name of it is there to judge.
    if ctx.doc.is_cut_short(ind) {
        return;
    }
    let first = ctx.findings.len();
    ctx.row = crate::RowState {
        category: t.is_category && ind.level3.is_some() && ctx.on(Rule::C009),
        ..Default::default()
    };
    row_checks(ctx, pi, row, ind, t);
    let state = ctx.row;
    fold_consequences(&mut ctx.findings, first, state);
}

/// Rules saying a row's target is no usable target (at most one per row).
pub(crate) const NO_TARGET: [Rule; 6] = [
    Rule::C008,
    Rule::M001,
    Rule::M002,
    Rule::A008,
    Rule::M004,
    Rule::M005,
];

/// One finding per cause on a row. A row whose level-3 name is only a category (C009) names
/// no indicator: that its target is no target either is part of that finding. A row whose
/// target is no target has to be written anew: that its description repeats the name (M003)
/// is part of that finding. The folded finding's words join the main one's message.
/// `findings[first..]` are the row's.
///
/// `state` says which of them the row had, made or recorded as a repeat of an earlier
/// project's finding (`Ctx::emit`): a repeat is folded as a finding would be.
fn fold_consequences(findings: &mut Vec<Finding>, first: usize, state: crate::RowState) {
    let find =
        |f: &[Finding], rules: &[Rule]| (first..f.len()).find(|&i| rules.contains(&f[i].rule));
    let (main_rules, folded): (&[Rule], &[Rule]) = if state.c009 {
        (&[Rule::C009], &NO_TARGET)
    } else if state.no_target {
        (&NO_TARGET, &[Rule::M003])
    } else {
        return;
    };
    let mut notes: Vec<String> = Vec::new();
    let mut i = first;
    while i < findings.len() {
        if !folded.contains(&findings[i].rule) {
            i += 1;
            continue;
        }
        let f = findings.remove(i);
        notes.push(match f.rule {
            Rule::M003 => "指标描述也只重复了三级指标".to_string(),
            _ => {
                let target = f
                    .quotes
                    .iter()
                    .find(|q| q.field == "指标值")
                    .map_or("", |q| q.value.as_str());
                format!("指标值“{target}”也不是可考核的目标值")
            }
        });
    }
    if let (false, Some(m)) = (notes.is_empty(), find(findings, main_rules)) {
        let message = &mut findings[m].message;
        message.push_str(&format!("（同一行{}。）", notes.join("，")));
    }
}

fn row_checks(ctx: &mut Ctx, pi: Option<usize>, row: usize, ind: &Indicator, t: &RowText) {
    completeness::row(ctx, pi, row, ind, t);
    measurability::row(ctx, pi, row, ind, t);
    money::row(ctx, pi, row, ind);
    consistency::row(ctx, pi, row, ind);
    levels::row(ctx, pi, row, ind, t);
    dates::row(ctx, pi, row, ind);
}

/// 成本指标（金额）行：旧框架产出下的成本指标，或 2021 框架的经济成本指标。
pub(crate) fn is_cost_row(ind: &Indicator) -> bool {
    matches!(
        ind.level2.category,
        Some(Level2::Cost) | Some(Level2::EconomicCost)
    ) || (ind.level1.category == Some(Level1::Cost) && ind.level2.category.is_none())
}

/// `第1、3、5行`-style list of row numbers (at most 12, then `等`).
pub(crate) fn row_list(rows: &[usize]) -> String {
    let mut s = rows
        .iter()
        .take(12)
        .map(|r| r.to_string())
        .collect::<Vec<_>>()
        .join("、");
    if rows.len() > 12 {
        s.push('等');
    }
    s
}

/// A short excerpt for quoting in a message (at most `n` characters).
pub(crate) fn excerpt(s: &str, n: usize) -> String {
    let t = jixiao_model::text::trim(s);
    if t.chars().count() <= n {
        t.to_string()
    } else {
        let mut out: String = t.chars().take(n).collect();
        out.push('…');
        out
    }
}
