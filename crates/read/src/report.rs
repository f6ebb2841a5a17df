//! 读取报告: what a reading found and how sure it is, for the person who uploaded the file.
//!
//! A document is read in part rather than refused: the report says how many rows were read,
//! which printed text inside the tables was not understood (with its line), and how
//! confident the reading of each project is, so that the upload page can ask the user to
//! check and correct the rows before they are imported.

use jixiao_model::{Diagnostic, Document, Indicator, Origin, Project, Severity, TargetValue};
use serde::Serialize;

/// The message prefix of a diagnostic that reports text inside a table the grammar skipped.
pub const NOT_UNDERSTOOD: &str = "未识别的内容";

/// 读取报告.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReadingReport {
    /// 读出的指标行数（项目与部门整体）。
    pub rows: usize,
    /// 每个项目的读取情况。
    pub projects: Vec<ProjectReport>,
    /// 部门整体指标的读取情况（没有时为 None）。
    pub department: Option<ProjectReport>,
    /// 表格中未能识别的文字（行号与原文）。
    pub not_understood: Vec<Unread>,
}

/// 一个项目的读取情况。
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectReport {
    pub name: String,
    pub at: Origin,
    pub rows: usize,
    /// 0 到 1：行的一级、二级为规范名称，三级指标与指标值齐全、指标值可解析的程度。
    pub confidence: f64,
    /// 高 / 中 / 低.
    pub level: Confidence,
    /// Rows that want a look: missing 三级指标 or 指标值, or a level name no list knows.
    pub doubtful_rows: Vec<usize>,
}

/// 置信度等级。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Confidence {
    High,
    Medium,
    Low,
}

impl Confidence {
    fn of(score: f64) -> Confidence {
        if score >= 0.85 {
            Confidence::High
        } else if score >= 0.6 {
            Confidence::Medium
        } else {
            Confidence::Low
        }
    }

    /// 高 / 中 / 低.
    pub fn label(self) -> &'static str {
        match self {
            Confidence::High => "高",
            Confidence::Medium => "中",
            Confidence::Low => "低",
        }
    }
}

/// 一处未识别的文字。
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unread {
    pub at: Origin,
    pub text: String,
}

/// How well one row reads, 0 to 1, and whether it wants a look.
fn row_quality(row: &Indicator) -> (f64, bool) {
    let target_ok = row.target.as_ref().is_some_and(|t| {
        !matches!(
            t.value.value,
            TargetValue::NotATarget | TargetValue::Other { .. }
        )
    });
    let parts = [
        row.level1.category.is_some() || !row.level1.printed.value.is_empty(),
        row.level2.category.is_some(),
        row.level3
            .as_ref()
            .is_some_and(|l| !l.value.trim().is_empty()),
        row.target.is_some(),
        target_ok,
    ];
    let score = parts.iter().filter(|p| **p).count() as f64 / parts.len() as f64;
    let doubtful = row.level3.is_none() || row.target.is_none() || row.level1.category.is_none();
    (score, doubtful)
}

fn project_report(name: &str, at: Origin, rows: &[Indicator], named: bool) -> ProjectReport {
    let mut sum = 0.0;
    let mut doubtful_rows = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        let (q, doubtful) = row_quality(row);
        sum += q;
        if doubtful {
            doubtful_rows.push(n);
        }
    }
    let rows_score = if rows.is_empty() {
        0.0
    } else {
        sum / rows.len() as f64
    };
    // A table without rows is barely read, whatever its labels say.
    let confidence = if rows.is_empty() {
        if named {
            0.3
        } else {
            0.1
        }
    } else {
        0.9 * rows_score + if named { 0.1 } else { 0.0 }
    };
    let confidence = (confidence * 100.0).round() / 100.0;
    ProjectReport {
        name: name.to_string(),
        at,
        rows: rows.len(),
        confidence,
        level: Confidence::of(confidence),
        doubtful_rows,
    }
}

/// The report of a reading.
pub fn report(document: &Document, diagnostics: &[Diagnostic]) -> ReadingReport {
    let projects: Vec<ProjectReport> = document
        .projects
        .iter()
        .map(|p: &Project| {
            let named = !p.name.value.trim().is_empty();
            let name = if named {
                p.name.value.as_str()
            } else {
                "（未命名项目）"
            };
            project_report(name, p.at, &p.indicators, named)
        })
        .collect();
    let department = (!document.department_indicators.is_empty()).then(|| {
        let at = document.department_indicators[0].at;
        project_report("部门整体", at, &document.department_indicators, true)
    });
    let rows = document
        .projects
        .iter()
        .map(|p| p.indicators.len())
        .sum::<usize>()
        + document.department_indicators.len();
    let not_understood = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Info && d.message.starts_with(NOT_UNDERSTOOD))
        .map(|d| Unread {
            at: d.at,
            text: d
                .message
                .trim_start_matches(NOT_UNDERSTOOD)
                .trim_start_matches(['：', ':'])
                .to_string(),
        })
        .collect();
    ReadingReport {
        rows,
        projects,
        department,
        not_understood,
    }
}

impl ReadingReport {
    /// The report as Chinese text lines (for the command line).
    pub fn to_text(&self) -> String {
        let mut out = format!("读取报告：共读出 {} 行指标\n", self.rows);
        let line = |p: &ProjectReport| {
            let mut s = format!(
                "  {}：{} 行，置信度 {}（{:.2}）",
                p.name,
                p.rows,
                p.level.label(),
                p.confidence
            );
            if !p.doubtful_rows.is_empty() {
                let rows: Vec<String> = p
                    .doubtful_rows
                    .iter()
                    .map(|r| (r + 1).to_string())
                    .collect();
                s.push_str(&format!("，需核对第 {} 行", rows.join("、")));
            }
            s.push('\n');
            s
        };
        if let Some(d) = &self.department {
            out.push_str(&line(d));
        }
        for p in &self.projects {
            out.push_str(&line(p));
        }
        if !self.not_understood.is_empty() {
            out.push_str(&format!(
                "  未识别的内容 {} 处：\n",
                self.not_understood.len()
            ));
            for u in self.not_understood.iter().take(50) {
                out.push_str(&format!("    第 {} 行：{}\n", u.at.line, u.text));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_table_reads_with_high_confidence_and_a_broken_one_low() {
        let text = "\
项目名称 | 应急演练
一级指标 | 二级指标 | 三级指标 | 指标值
产出指标 | 数量指标 | 演练次数 | ≥2次
效益指标 | 社会效益指标 | 群众安全意识 | 提高
";
        let reading = crate::read_bytes("a.txt", text.as_bytes()).unwrap();
        let r = &reading.report;
        assert_eq!(r.rows, 2);
        assert_eq!(r.projects.len(), 1);
        assert_eq!(r.projects[0].level, Confidence::High, "{r:?}");
        assert!(r.projects[0].doubtful_rows.is_empty());
        assert!(
            r.to_text().contains("应急演练：2 行，置信度 高"),
            "{}",
            r.to_text()
        );

        let broken = "\
项目名称 | 应急演练
一级指标 | 二级指标 | 三级指标 | 指标值
某某 | 演练次数
";
        if let Ok(reading) = crate::read_bytes("b.txt", broken.as_bytes()) {
            for p in &reading.report.projects {
                assert_ne!(p.level, Confidence::High, "{:?}", reading.report);
            }
        }
    }
}
