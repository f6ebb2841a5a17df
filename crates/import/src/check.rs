//! Every rule set over one document, in one report: the one place the rule sets run, for
//! `jixiao check`, the import and the re-review of stored documents.

use jixiao_model::{Document, Project};

/// The review of the target tables, then the disclosure's rules when the file has a budget
/// disclosure, then — when the document is a published self-evaluation (自评表, 部门整体
/// 自评) — its re-scoring by `scoring` (rules `JX-E…`), each row also against the approved
/// 年度指标值 of its paired target project where `approved` has one (`(i, target)`: the
/// target project paired with `doc.projects[i]`, `JX-E015`). Every rule as `review`
/// configures it.
pub fn check_document(
    doc: &Document,
    disclosure: Option<&jixiao_disclosure::Disclosure>,
    approved: &[(usize, &Project)],
    review: &jixiao_review::Config,
    scoring: &jixiao_assess::ScoringConfig,
) -> jixiao_rules::Report {
    let mut report = jixiao_review::review(doc, review);
    if let Some(d) = disclosure {
        report.add(jixiao_disclosure::check(d, doc, review.rules()));
    }
    if evaluates(doc) {
        report.add(jixiao_assess::check_against_targets(doc, approved, scoring, review.rules()));
    }
    report
}

/// Whether the document prints self-evaluation results: every target table is left alone by
/// the re-scoring (it would find nothing).
fn evaluates(doc: &Document) -> bool {
    doc.projects.iter().any(Project::is_self_evaluation)
        || doc.department_evaluation.as_deref().is_some_and(|e| !e.is_empty())
        || doc.department_indicators.iter().any(|i| i.evaluation.is_some())
}
