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
use jixiao_rules::{Finding, Location, Quote, Report, Rule};

pub use config::{Config, ConfigError, FrameworkSetting, Thresholds};

/// Reviews one document.
pub fn review(doc: &Document, cfg: &Config) -> Report {
    let (framework, detected) = match cfg.framework {
        FrameworkSetting::Auto => (doc.framework(), true),
        FrameworkSetting::Fixed(f) => (f, false),
    };
    let mut ctx = Ctx {
        doc,
        cfg,
        framework,
        year: doc.year.as_ref().map(|y| y.value).or(cfg.year),
        layout: Layout::of(doc),
        memo: rules::Memo::default(),
        findings: Vec::new(),
    };
    rules::run(&mut ctx);
    let mut findings = ctx.findings;
    jixiao_rules::sort_findings(&mut findings);
    score::assemble(doc, framework, detected, findings)
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
}

impl Layout {
    fn of(doc: &Document) -> Layout {
        let rows = || {
            doc.projects
                .iter()
                .flat_map(|p| &p.indicators)
                .chain(&doc.department_indicators)
        };
        Layout {
            description: rows().any(|i| i.description.is_some()),
            basis: rows().any(|i| i.basis.is_some()),
            budget: doc
                .projects
                .iter()
                .any(|p| p.budget.total.is_some() || p.budget.fiscal.is_some()),
            plan: doc.projects.iter().any(|p| p.spending_plan.is_some()),
            purpose: doc.projects.iter().any(|p| p.purpose.is_some()),
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
}

impl Ctx<'_> {
    pub fn on(&self, rule: Rule) -> bool {
        self.cfg.enabled(rule)
    }

    /// Records a finding of `rule` with its message and fix filled from `args`.
    pub fn emit(
        &mut self,
        rule: Rule,
        location: Location,
        args: &[(&str, &str)],
        quotes: Vec<Quote>,
    ) {
        self.cfg
            .rules()
            .emit(&mut self.findings, rule, location, args, quotes);
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
