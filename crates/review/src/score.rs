//! 质量评分：每个项目和整份文档 0–100 分。
//!
//! 公式（写在这里，也写在 README）：
//! - 项目得分 = max(0, 100 − 10×错误数 − 4×警告数 − 1×提示数)，只计该项目的审核意见；
//! - 文档得分 = 各项目得分的平均数（无项目时为 100），再减去不属于任何项目的审核意见的扣分
//!   （同样 10/4/1），最低 0 分；
//! - 等级：90 分及以上“优”，80–90“良”，60–80“中”，60 以下“差”（下限含）。
//!
//! Penalties are per finding, so a project whose every row copies its name into the target
//! scores 0: that is the intent — such a table has to go back for revision.

use jixiao_model::{Document, Framework, Severity};
use jixiao_rules::{Counts, Finding, ProjectSummary, Report, Score};

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

pub fn grade(value: u32) -> &'static str {
    match value {
        90.. => "优",
        80..=89 => "良",
        60..=79 => "中",
        _ => "差",
    }
}

fn score(value: u32) -> Score {
    Score {
        value,
        grade: grade(value),
    }
}

pub(crate) fn assemble(
    doc: &Document,
    framework: Framework,
    detected: bool,
    findings: Vec<Finding>,
) -> Report {
    let n = doc.projects.len();
    let mut project_counts = vec![Counts::default(); n];
    let mut project_penalty = vec![0u32; n];
    let mut doc_penalty = 0u32;
    for f in &findings {
        match f.location.project.filter(|p| *p < n) {
            Some(p) => {
                project_counts[p].add(f.severity);
                project_penalty[p] += penalty(f.severity);
            }
            None => doc_penalty += penalty(f.severity),
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
            score: score(100u32.saturating_sub(project_penalty[i])),
        })
        .collect();
    let mean = if projects.is_empty() {
        100
    } else {
        let sum: u32 = projects.iter().map(|p| p.score.value).sum();
        (sum as f64 / projects.len() as f64).round() as u32
    };
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
        score: score(mean.saturating_sub(doc_penalty)),
        projects,
        summary: Vec::new(),
        findings,
    };
    report.tally();
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
