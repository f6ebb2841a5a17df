//! 绩效目标审核（审核）：对领域模型运行规则目录，输出定位到行的审核意见、质量评分和按规则汇总。
//!
//! The engine does no IO: [`review`] takes a [`Document`] and a [`Config`] and returns a
//! [`Report`]. The rules are data ([`catalogue::CATALOGUE`]: id, category, severity, Chinese
//! title and message template, the standard it rests on); the checks in [`rules`] only find
//! where a rule applies and quote what was printed. Renderers turn reports into terminal
//! text, JSON (schema in the crate README) and a standalone HTML page.

pub mod catalogue;
pub mod config;
pub mod render;
pub mod report;
mod rules;
pub mod score;
pub mod text;

#[cfg(test)]
mod testkit;

use jixiao_model::{Document, Framework, Origin};

pub use catalogue::{Category, Rule, RuleInfo, CATALOGUE};
pub use config::{Config, ConfigError, FrameworkSetting, RuleSetting, Thresholds};
pub use render::{catalogue_text, render_html, render_json, render_text};
pub use report::{Counts, Finding, Location, ProjectSummary, Quote, Report, RuleSummary, Score};

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
    sort_findings(&mut findings);
    score::assemble(doc, framework, detected, findings)
}

/// Puts findings in report order: the document's own first, then by project, row and line
/// (a stable sort: findings at one place keep the order the checks made them in).
///
/// Checks run project by project, so [`rules::run`] sorts each project's findings as they are
/// made and the whole list is then usually in order already: skipping the sort then saves
/// moving a few million bytes of findings around.
pub(crate) fn sort_findings(findings: &mut [Finding]) {
    let key = |f: &Finding| {
        (
            f.location.project.map_or(0, |p| p + 1),
            f.location.row.unwrap_or(0),
            f.location.line,
        )
    };
    if !findings.is_sorted_by_key(key) {
        findings.sort_by_key(key);
    }
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
        let setting = self.cfg.rule(rule);
        if !setting.enabled {
            return;
        }
        let info = rule.info();
        self.findings.push(Finding {
            rule,
            rule_id: info.id,
            category: info.category,
            severity: setting.severity,
            title: info.title,
            message: rule.message(args),
            location,
            quotes,
            suggestion: rule.fix(args),
        });
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
