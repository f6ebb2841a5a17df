//! What a review produces: located findings, scores per project and document, a summary by rule.

use jixiao_model::{Framework, Severity};
use serde::Serialize;

use crate::catalogue::{Category, Rule};

/// Where a finding points: project, indicator row, and the printed line/cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// Index of the project in [`Report::projects`] (0-based); `None` for the document or the
    /// department-wide table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<usize>,
    /// 指标行号：the row's position in its indicator table, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// Line in the source file (from 1); 0 when unknown.
    pub line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<u32>,
    /// The field the finding is about (`指标值`, `预算数`…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
}

/// A value quoted from the document as evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub field: &'static str,
    pub value: String,
}

/// One problem found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    #[serde(skip)]
    pub rule: Rule,
    /// `JX-M002`
    #[serde(rename = "rule")]
    pub rule_id: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub title: &'static str,
    pub message: String,
    pub location: Location,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Quote>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

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
}

/// Findings of one rule across the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleSummary {
    pub rule: &'static str,
    pub title: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub count: usize,
}

/// 一份文档的审核结果。
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
    pub score: Score,
    pub projects: Vec<ProjectSummary>,
    /// Sorted by severity (errors first), then count.
    pub summary: Vec<RuleSummary>,
    /// Sorted by project, then row, then line.
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
}
