//! What checking a document produces: located findings of every rule set, counts and a
//! summary by rule, and the quality score of the target tables per project and document.

use jixiao_model::{Framework, Severity};
use serde::Serialize;

use crate::catalogue::{Category, Rule, CATALOGUE};
use crate::finding::Finding;
use crate::grade::Grading;
use crate::group::group_by_cause;

/// Counts by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Counts {
    pub fn add(&mut self, s: Severity) {
        match s {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }
}

/// 质量评分（0–100）与等级。
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Score {
    pub value: u32,
    /// 优 / 良 / 中 / 差
    pub grade: &'static str,
}

/// A project as the report lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectSummary {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub line: u32,
    pub indicators: usize,
    pub counts: Counts,
    pub score: Score,
    /// Why the project's grade is what it is (Chinese sentences; empty when nothing capped
    /// it). Not in the JSON schema: the document's [`Report::grade_reasons`] explain the whole.
    #[serde(skip)]
    pub grade_reasons: Vec<String>,
}

/// Findings of one rule across the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleSummary {
    pub rule: &'static str,
    pub title: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// Findings (one per cause).
    pub count: usize,
    /// Places those findings stand for (a grouped finding lists several).
    pub places: usize,
}

/// 一份文档的审核结果：every rule set's findings, with the review's quality score.
///
/// `jixiao_review::review` makes it (the target tables: findings, projects, score); other rule
/// sets' findings join through [`Report::add`]. Counts and the summary cover every finding;
/// the score and the projects' counts are the review's (the quality score of the target
/// tables, `jixiao-review`'s README).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    pub framework: Framework,
    pub framework_detected: bool,
    pub indicators: usize,
    pub counts: Counts,
    /// The grade of the targets (财预〔2015〕88号: 优 / 良 / 中 / 差) from every finding
    /// counted by [`Report::grading`].
    pub score: Score,
    /// Why the grade is what it is (Chinese sentences: the points, what cost most, what
    /// capped the grade, what the grade means).
    pub grade_reasons: Vec<String>,
    /// How findings weigh in the grade (configured with the check).
    #[serde(skip)]
    pub grading: Grading,
    pub projects: Vec<ProjectSummary>,
    /// Sorted by severity (errors first), then count.
    pub summary: Vec<RuleSummary>,
    /// In report order ([`sort_findings`]): the review's, then each added rule set's. Rendered
    /// by [`crate::render_json`] with each finding's id, rule set and project name.
    #[serde(skip)]
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn project_name(&self, f: &Finding) -> Option<&str> {
        f.location
            .project
            .and_then(|i| self.projects.get(i))
            .map(|p| p.name.as_str())
    }

    /// Findings of one rule (handy in tests and for the CLI).
    pub fn of(&self, rule: Rule) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.rule == rule)
    }

    /// Adds the findings of another rule set (the disclosure's, say): sorted as a report
    /// sorts and grouped by cause, after those already there; counts, the summary and the
    /// grade then cover them too.
    pub fn add(&mut self, mut findings: Vec<Finding>) {
        sort_findings(&mut findings);
        let mut findings = group_by_cause(findings);
        self.findings.append(&mut findings);
        self.tally();
        self.regrade();
    }

    /// Sets the score and grade of the document and of each project from the findings, by
    /// [`Report::grading`].
    pub fn regrade(&mut self) {
        let projects: Vec<(&str, usize)> = self
            .projects
            .iter()
            .map(|p| (p.name.as_str(), p.indicators))
            .collect();
        let (per_project, doc) = self
            .grading
            .grade(&self.findings, &projects, self.indicators);
        for (p, g) in self.projects.iter_mut().zip(per_project) {
            p.score = Score {
                value: g.value,
                grade: g.grade,
            };
            p.grade_reasons = g.reasons;
        }
        self.score = Score {
            value: doc.value,
            grade: doc.grade,
        };
        self.grade_reasons = doc.reasons;
    }

    /// Sets [`Report::counts`] and [`Report::summary`] from the findings.
    pub fn tally(&mut self) {
        let mut counts = Counts::default();
        let mut by_rule = vec![0usize; CATALOGUE.len()];
        let mut places = vec![0usize; CATALOGUE.len()];
        let mut severity_of = vec![None; CATALOGUE.len()];
        for f in &self.findings {
            counts.add(f.severity);
            by_rule[f.rule as usize] += 1;
            places[f.rule as usize] += f.places();
            severity_of[f.rule as usize] = Some(f.severity);
        }
        let mut summary: Vec<RuleSummary> = CATALOGUE
            .iter()
            .filter(|r| by_rule[r.rule as usize] > 0)
            .map(|r| RuleSummary {
                rule: r.id,
                title: r.title,
                category: r.category,
                severity: severity_of[r.rule as usize].unwrap_or(r.severity),
                count: by_rule[r.rule as usize],
                places: places[r.rule as usize],
            })
            .collect();
        summary.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then(b.count.cmp(&a.count))
                .then(a.rule.cmp(b.rule))
        });
        self.counts = counts;
        self.summary = summary;
    }
}

/// Puts findings in report order: the document's own first, then by project, row and line
/// (a stable sort: findings at one place keep the order the checks made them in).
///
/// The review's checks run project by project and sort each project's findings as they are
/// made, so the whole list is then usually in order already: skipping the sort then saves
/// moving a few million bytes of findings around.
pub fn sort_findings(findings: &mut [Finding]) {
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
