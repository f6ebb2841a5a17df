//! 审核等级：每个项目和整份文档的得分（0–100）与财预〔2015〕88号意义上的等级（优、良、中、差）。
//!
//! The computation is the one engine's ([`jixiao_rules::Grading`], configurable with
//! `[grade]` in the review configuration): each finding — one per cause, grouped by
//! [`jixiao_rules::group_by_cause`] — costs points by its severity (10 / 4 / 1 by default), a
//! quarter more for each further place it lists (at most twice); a project scores 100 minus
//! its costs, the document the mean of its projects minus the costs of findings that belong to
//! no project (the disclosure's included). A decisive finding (money that does not match,
//! no goals, no indicators, no budget) caps the grade at 中 (修改后重新报送); when 30% of the
//! rows have no usable target the grade is 差 (不得进入预算安排), from 10% 中 at best.
//! [`jixiao_rules::Report::grade_reasons`] says why.

use jixiao_model::{Document, Framework, Severity};
use jixiao_rules::{Counts, Finding, Grading, ProjectSummary, Report, Score};

/// Default cost of a finding by severity (the configured [`Grading`] decides).
pub const PENALTY_ERROR: u32 = 10;
pub const PENALTY_WARNING: u32 = 4;
pub const PENALTY_INFO: u32 = 1;

pub fn penalty(s: Severity) -> u32 {
    match s {
        Severity::Error => PENALTY_ERROR,
        Severity::Warning => PENALTY_WARNING,
        Severity::Info => PENALTY_INFO,
    }
}

/// The grade of a score by the default bands (90 / 80 / 60, lower bounds inclusive).
pub fn grade(value: u32) -> &'static str {
    Grading::default().band(value)
}

pub(crate) fn assemble(
    doc: &Document,
    framework: Framework,
    detected: bool,
    findings: Vec<Finding>,
    grading: &Grading,
) -> Report {
    let n = doc.projects.len();
    let mut project_counts = vec![Counts::default(); n];
    for f in &findings {
        if let Some(p) = f.location.project.filter(|p| *p < n) {
            project_counts[p].add(f.severity);
        }
        // A finding grouped across projects counts in each project it names (its places are
        // in report order: one project's are consecutive).
        let mut last = f.location.project;
        for o in &f.also {
            let p = o.location.project;
            if p != last {
                if let Some(p) = p.filter(|p| *p < n) {
                    project_counts[p].add(f.severity);
                }
                last = p;
            }
        }
    }
    let projects: Vec<ProjectSummary> = doc
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| ProjectSummary {
            name: p.name.value.clone(),
            code: p.code.as_ref().map(|c| c.value.clone()),
            line: p.at.line,
            indicators: p.indicators.len(),
            counts: project_counts[i],
            score: Score {
                value: 100,
                grade: "优",
            },
            grade_reasons: Vec::new(),
        })
        .collect();
    let mut report = Report {
        source: doc.source.clone(),
        department: doc.department.as_ref().map(|d| d.value.clone()),
        year: doc.year.as_ref().map(|y| y.value),
        framework,
        framework_detected: detected,
        indicators: doc
            .projects
            .iter()
            .map(|p| p.indicators.len())
            .sum::<usize>()
            + doc.department_indicators.len(),
        counts: Counts::default(),
        score: Score {
            value: 100,
            grade: "优",
        },
        grade_reasons: Vec::new(),
        grading: grading.clone(),
        projects,
        summary: Vec::new(),
        findings,
    };
    report.tally();
    report.regrade();
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_have_inclusive_lower_bounds() {
        for (v, g) in [
            (100, "优"),
            (90, "优"),
            (89, "良"),
            (80, "良"),
            (79, "中"),
            (60, "中"),
            (59, "差"),
            (0, "差"),
        ] {
            assert_eq!(grade(v), g, "{v}");
        }
    }
}
