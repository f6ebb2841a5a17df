//! 绩效目标审核（审核）：绩效目标表的规则集，输出定位到行的审核意见、质量评分和按规则汇总。
//!
//! The review rule set of the one rule engine (`jixiao-rules`): [`review`] takes a
//! [`Document`] and a [`Config`] and returns a [`Report`] of findings of the rules
//! `JX-C…`/`JX-M…`/`JX-R…`/`JX-A…`/`JX-T…` with the quality score per project and document.
//! The rules are data in the one catalogue ([`jixiao_rules::CATALOGUE`]); the checks in
//! `rules/` only find where a rule applies and quote what was printed, and emit through
//! [`jixiao_rules::Settings::emit`]. No IO; the renderers are `jixiao-rules`'.

pub mod config;
mod rules;
pub mod score;
pub mod text;

#[cfg(test)]
mod render_tests;
#[cfg(test)]
mod testkit;

use jixiao_model::{Document, Framework, Origin};
use std::collections::HashMap;

use jixiao_rules::{Finding, Grouping, Location, Occurrence, Quote, Report, Rule};

pub use config::{Config, ConfigError, FrameworkSetting, Thresholds};

/// Reviews one document.
pub fn review(doc: &Document, cfg: &Config) -> Report {
    let (framework, detected) = match cfg.framework {
        FrameworkSetting::Auto => (doc.framework(), true),
        FrameworkSetting::Fixed(f) => (f, false),
    };
    let inferred = match (&doc.year, cfg.year) {
        (None, None) => infer_year(doc),
        _ => None,
    };
    let mut ctx = Ctx {
        doc,
        cfg,
        framework,
        year: doc
            .year
            .as_ref()
            .map(|y| y.value)
            .or(cfg.year)
            .or(inferred.map(|y| y.0)),
        layout: Layout::of(doc),
        memo: rules::Memo::default(),
        findings: Vec::new(),
        repeats: Repeats::default(),
        row: RowState::default(),
    };
    if let Some((year, basis)) = inferred {
        let first = doc.projects.first().map_or(Origin::default(), |p| p.at);
        ctx.emit(
            Rule::T005,
            at(None, None, first, Some("预算年度")),
            &[("year", &year.to_string()), ("basis", basis)],
            vec![],
        );
    }
    rules::run(&mut ctx);
    let mut findings = ctx.findings;
    jixiao_rules::sort_findings(&mut findings);
    let findings = jixiao_rules::group_by_cause(findings);
    score::assemble(doc, framework, detected, findings, &cfg.grading)
}

/// The budget year of a document that does not print it plainly: the year its deadlines
/// name most often (`2023年12月底前`), else the year most often named in its project names
/// and goals (`2021南堡……项目`, `2020年底前完成`); the later year on a tie. With what it rests
/// on, for the message.
fn infer_year(doc: &Document) -> Option<(i32, &'static str)> {
    use jixiao_model::TargetValue;
    fn most(years: &[i32]) -> Option<i32> {
        let mut best: Option<(usize, i32)> = None;
        for &y in years {
            let n = years.iter().filter(|x| **x == y).count();
            if best.is_none_or(|(bn, by)| n > bn || (n == bn && y > by)) {
                best = Some((n, y));
            }
        }
        best.map(|b| b.1)
    }
    let rows = || {
        doc.projects
            .iter()
            .flat_map(|p| &p.indicators)
            .chain(&doc.department_indicators)
    };
    let deadlines: Vec<i32> = rows()
        .filter_map(|i| match i.target.as_ref()?.value.value {
            TargetValue::Deadline { year: Some(y), .. } => Some(y),
            _ => None,
        })
        .collect();
    if let Some(y) = most(&deadlines) {
        return Some((y, "指标值所写时限的年份"));
    }
    let named: Vec<i32> = doc
        .projects
        .iter()
        .flat_map(|p| std::iter::once(&p.name).chain(&p.goals))
        .chain(&doc.overall_goals)
        .flat_map(|t| {
            let mut ys: Vec<i32> = text::years(&t.value).into_iter().map(|y| y.0).collect();
            // `2021南堡……`: a year leading a project name, without 年.
            let lead: String = t.value.trim().chars().take(5).collect();
            if ys.is_empty() && lead.len() >= 4 && lead.chars().take(4).all(|c| c.is_ascii_digit())
            {
                if let Ok(y) = lead[..4].parse::<i32>() {
                    if (1990..=2100).contains(&y)
                        && !lead[4..].starts_with(|c: char| c.is_ascii_digit())
                    {
                        ys.push(y);
                    }
                }
            }
            ys
        })
        .collect();
    most(&named).map(|y| (y, "项目名称和绩效目标中的年份"))
}

/// Which columns and sections the document's layout prints at all: a rule about an empty
/// cell only makes sense where the form has that cell.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Layout {
    pub description: bool,
    pub basis: bool,
    pub budget: bool,
    pub plan: bool,
    pub purpose: bool,
    /// The reader said whether the layout prints a basis column (else it is judged from what
    /// is filled in).
    pub basis_known: bool,
}

impl Layout {
    fn of(doc: &Document) -> Layout {
        let rows = || {
            doc.projects
                .iter()
                .flat_map(|p| &p.indicators)
                .chain(&doc.department_indicators)
        };
        // What the reader says the layout prints, else what is filled in somewhere.
        let printed = doc.printed_fields.unwrap_or_default();
        let or_filled = |said: Option<bool>, filled: &dyn Fn() -> bool| said.unwrap_or_else(filled);
        Layout {
            description: or_filled(printed.description, &|| {
                rows().any(|i| i.description.is_some())
            }),
            basis: or_filled(printed.basis, &|| rows().any(|i| i.basis.is_some())),
            budget: or_filled(printed.budget, &|| {
                doc.projects
                    .iter()
                    .any(|p| p.budget.total.is_some() || p.budget.fiscal.is_some())
            }),
            plan: or_filled(printed.plan, &|| {
                doc.projects.iter().any(|p| p.spending_plan.is_some())
            }),
            purpose: or_filled(printed.purpose, &|| {
                doc.projects.iter().any(|p| p.purpose.is_some())
            }),
            basis_known: printed.basis.is_some(),
        }
    }
}

/// What every check sees, and where findings are collected.
pub(crate) struct Ctx<'a> {
    pub doc: &'a Document,
    pub cfg: &'a Config,
    pub framework: Framework,
    /// 预算年度（文档所写，或配置给出）。
    pub year: Option<i32>,
    pub layout: Layout,
    pub memo: rules::Memo<'a>,
    pub findings: Vec<Finding>,
    pub repeats: Repeats,
    pub row: RowState,
}

/// Findings that repeat one of an earlier project are recorded at once as further places of
/// it ([`Occurrence`]s), without making a finding only for [`jixiao_rules::group_by_cause`]
/// to fold it away: a table copied from project to project repeats its findings in each.
/// The result is the same as grouping afterwards; it only spares the work.
#[derive(Default)]
pub(crate) struct Repeats {
    /// A key of a finding's rule and arguments → its index in [`Ctx::findings`] (a finding of
    /// a project already reviewed and sorted).
    known: HashMap<(u64, u64), usize>,
    /// The current project's keys, with the rule and place of the finding that made each;
    /// registered once the project's findings are sorted ([`Ctx::project_done`]).
    pending: Vec<((u64, u64), Rule, Location)>,
}

/// What the row under review has had so far, for `rules::fold_consequences`: whether its
/// name is only a category (its C009 takes the row's target problem), whether it had a C009
/// and a target problem, made or recorded as repeats.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RowState {
    pub category: bool,
    pub c009: bool,
    pub no_target: bool,
}

/// A key of a finding that has the same message and fix as any other with the same key: the
/// rule, and for the rules grouped by message their arguments (two hashes).
fn repeat_key(rule: Rule, args: &[(&str, &str)]) -> (u64, u64) {
    if rule.grouping() == Grouping::Rule {
        return (rule as u64, 0);
    }
    let (mut a, mut b) = (rule as u64, !(rule as u64));
    for (k, v) in args {
        for part in [k.as_bytes(), v.as_bytes()] {
            a = mix(a, part, 0x51_7c_c1_b7_27_22_0a_95);
            b = mix(b, part, 0x9e_37_79_b9_7f_4a_7c_15);
        }
    }
    (a, b)
}

fn mix(mut h: u64, bytes: &[u8], k: u64) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(k);
    }
    for &x in chunks.remainder() {
        h = (h.rotate_left(5) ^ x as u64).wrapping_mul(k);
    }
    (h.rotate_left(5) ^ bytes.len() as u64).wrapping_mul(k)
}

impl Ctx<'_> {
    pub fn on(&self, rule: Rule) -> bool {
        self.cfg.enabled(rule)
    }

    /// After a project's findings are sorted (they start at `first`): its findings become
    /// those later projects' repeats are recorded with.
    pub fn project_done(&mut self, first: usize) {
        for (key, rule, location) in self.repeats.pending.drain(..) {
            if self.repeats.known.contains_key(&key) {
                continue;
            }
            let found = self.findings[first..]
                .iter()
                .position(|f| f.rule == rule && f.location == location);
            if let Some(j) = found {
                self.repeats.known.insert(key, first + j);
            }
        }
    }

    /// Records a finding, or a further place of the same finding of an earlier project.
    fn record(
        &mut self,
        rule: Rule,
        location: Location,
        args: &[(&str, &str)],
        quotes: Vec<Quote>,
    ) {
        if !self.cfg.enabled(rule) {
            return;
        }
        let no_target = rules::NO_TARGET.contains(&rule);
        self.row.c009 |= rule == Rule::C009;
        // A finding a row's other finding takes in is made, to be folded (a repeat would be
        // folded the same, but there is nothing to fold it into).
        let folded = (no_target && self.row.category) || (rule == Rule::M003 && self.row.no_target);
        self.row.no_target |= no_target;
        if location.project.is_some() && !folded {
            let key = repeat_key(rule, args);
            if let Some(&i) = self.repeats.known.get(&key) {
                let first = &mut self.findings[i];
                let (value, suggestion) = if rule.grouping() == Grouping::Rule {
                    let value = quotes
                        .iter()
                        .find(|q| q.field == "指标值")
                        .or(quotes.last())
                        .map(|q| q.value.clone());
                    let fix = rule
                        .fix(args)
                        .filter(|s| first.suggestion.as_ref() != Some(s));
                    (value, fix)
                } else {
                    (None, None)
                };
                first.also.push(Occurrence {
                    location,
                    value,
                    suggestion,
                });
                return;
            }
            self.repeats.pending.push((key, rule, location.clone()));
        }
        self.cfg
            .rules()
            .emit(&mut self.findings, rule, location, args, quotes);
    }

    /// Records a finding of `rule` with its message and fix filled from `args`.
    pub fn emit(
        &mut self,
        rule: Rule,
        location: Location,
        args: &[(&str, &str)],
        quotes: Vec<Quote>,
    ) {
        // A value printed over two lines of a cell (`≥100` / `%`) is quoted on one.
        if args
            .iter()
            .any(|(_, v)| v.bytes().any(|b| b == b'\n' || b == b'\r'))
        {
            let joined: Vec<(&str, String)> = args
                .iter()
                .map(|(k, v)| (*k, v.replace(['\n', '\r'], "")))
                .collect();
            let args: Vec<(&str, &str)> = joined.iter().map(|(k, v)| (*k, v.as_str())).collect();
            self.record(rule, location, &args, quotes);
            return;
        }
        self.record(rule, location, args, quotes);
    }
}

/// A location in a project (or the document when `project` is `None`).
pub(crate) fn at(
    project: Option<usize>,
    row: Option<usize>,
    origin: Origin,
    field: Option<&'static str>,
) -> Location {
    Location {
        project,
        row,
        part: None,
        line: origin.line,
        cell: origin.cell,
        field,
    }
}

pub(crate) fn quote(field: &'static str, value: impl Into<String>) -> Quote {
    Quote {
        field,
        value: value.into(),
    }
}
