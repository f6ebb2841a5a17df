//! 规则与审核意见：jixiao 的每一项检查共用的规则目录、审核意见、消息模板和报告。
//!
//! One rule engine for every check, after ruff: a rule is declared once in the one
//! [`CATALOGUE`] (id → rule set, category, severity, status, Chinese title, message and fix
//! templates, the standard it rests on); checks in other crates decide *where* a rule applies
//! and emit one [`Finding`] type through [`Settings::emit`] (which applies the per-rule
//! configuration and fills the templates with [`fill`]'s rules); each output format is one
//! renderer over [`Report`]s and their findings, whatever rule set made them.
//!
//! Rule sets: [`RuleSet::Review`] (`jixiao-review`, the target tables, with the quality
//! score), [`RuleSet::Disclosure`] (`jixiao-disclosure`, the budget disclosure) and
//! [`RuleSet::SelfEvaluation`] (`jixiao-assess`, a published self-evaluation's scores
//! re-scored) and [`RuleSet::Benchmark`] (`jixiao-library`, targets against last year,
//! budgets and peers: hints computed on demand, rendered by the per-finding renderers). This
//! crate runs no check itself and does no IO.
//!
//! ```no_run
//! fn report(mut report: jixiao_rules::Report, disclosure: Vec<jixiao_rules::Finding>) {
//!     // `report` from `jixiao_review::review`; `disclosure` from `jixiao_disclosure::check`.
//!     report.add(disclosure);
//!     let text = jixiao_rules::render_text(&[("a.txt", &report)], /* colour */ false);
//!     let json = jixiao_rules::render_json(&[("a.txt", &report)]);
//!     let html = jixiao_rules::render_html(&[("a.txt", &report)]);
//!     let rules = jixiao_rules::catalogue_text(); // `jixiao rules`
//! }
//! ```

pub mod catalogue;
pub mod finding;
pub mod grade;
pub mod group;
pub mod render;
pub mod report;
pub mod settings;
mod template;

pub use catalogue::{severity_name, Category, Rule, RuleInfo, RuleSet, Status, CATALOGUE};
pub use finding::{finding_ids, Finding, Location, Occurrence, Quote};
pub use grade::{grade_meaning, Grade, Grading};
pub use group::{group_by_cause, Grouping};
pub use render::{
    catalogue_text, findings_json, render_findings_html, render_findings_text, render_html,
    render_json, render_text, SCHEMA_VERSION,
};
pub use report::{sort_findings, Counts, ProjectSummary, Report, RuleSummary, Score};
pub use settings::{RuleSetting, Settings};
pub use template::fill;
