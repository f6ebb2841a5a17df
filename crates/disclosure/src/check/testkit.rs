//! Test helpers: a disclosure from a few lines of text, checked against a hand-built
//! document, reduced to the messages of one rule.

use jixiao_model::{Budget, Document, Located, Money, Origin, Project};
use jixiao_rules::{Finding, Rule, Settings};

use crate::check::check;
use crate::read_disclosure;

/// A document whose target tables list these projects (name, printed budget in 万元).
pub(crate) fn document(projects: &[(&str, Option<&str>)]) -> Document {
    Document {
        projects: projects
            .iter()
            .map(|(name, budget)| Project {
                name: Located::new(name.to_string(), Origin::line(1)),
                budget: Budget {
                    total: budget.map(|b| Located::new(Money(b.parse().unwrap()), Origin::line(1))),
                    ..Budget::default()
                },
                ..Project::default()
            })
            .collect(),
        ..Document::default()
    }
}

/// The messages of `rule` for a disclosure given as text, checked against `projects`.
pub(crate) fn findings_with(
    text: &str,
    projects: &[(&str, Option<&str>)],
    rule: Rule,
) -> Vec<String> {
    checked(text, projects, &Settings::default())
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.message)
        .collect()
}

/// The findings for a disclosure given as text, checked against `projects` under `settings`.
fn checked(text: &str, projects: &[(&str, Option<&str>)], settings: &Settings) -> Vec<Finding> {
    let blocks = jixiao_read::carrier::text::blocks(text);
    let (disclosure, _) = read_disclosure(&blocks);
    let disclosure = disclosure.expect("the text is a disclosure");
    check(&disclosure, &document(projects), settings)
}

/// Every finding for a disclosure given as text, with no target tables, under `settings`.
pub(crate) fn findings_under(text: &str, settings: &Settings) -> Vec<Finding> {
    checked(text, &[], settings)
}

/// The messages of `rule` for a disclosure given as text, with no target tables.
pub(crate) fn findings(text: &str, rule: Rule) -> Vec<String> {
    findings_with(text, &[], rule)
}
