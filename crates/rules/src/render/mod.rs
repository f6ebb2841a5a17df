//! Renderers, one per format, over reports of findings from every rule set: terminal text,
//! JSON for machines, standalone HTML for people; and the catalogue for `jixiao rules`.
//! Findings that belong to no document's report (the benchmark checks) go through the same
//! per-finding code: `render_findings_text`, `findings_json`, `render_findings_html`.

mod html;
mod json;
mod text;

pub use html::{render_findings_html, render_html};
pub use json::{findings_json, render_json, SCHEMA_VERSION};
pub use text::{catalogue_text, render_findings_text, render_text};

use jixiao_model::Framework;

use crate::catalogue::RuleSet;
use crate::finding::Finding;
use crate::report::Report;

pub(crate) fn framework_name(f: Framework) -> &'static str {
    match f {
        Framework::Classic => "旧框架（产出含成本指标）",
        Framework::Guideline2021 => "2021年框架（成本指标为一级指标）",
    }
}

/// A run of findings shown under one heading: one rule set's, at one project (or none).
pub(crate) struct Group<'r> {
    pub set: RuleSet,
    pub project: Option<usize>,
    pub findings: Vec<&'r Finding>,
}

impl Group<'_> {
    /// The heading of a group that is not a review project's (those show the project's score):
    /// `文档整体` for the review's document-level findings, else the rule set's name
    /// (`部门预算公开`), with the project when the findings have one.
    pub fn plain_heading(&self, report: &Report) -> String {
        let project = self
            .project
            .and_then(|i| report.projects.get(i).map(|p| (i, p)));
        match (self.set, project) {
            (RuleSet::Review, _) => "文档整体".to_string(),
            (set, Some((i, p))) => format!("{}　项目{}　{}", set.name(), i + 1, p.name),
            (set, None) => set.name().to_string(),
        }
    }

    /// The review project this group is about, when it is one (headed with its score).
    pub fn review_project<'r>(
        &self,
        report: &'r Report,
    ) -> Option<(usize, &'r crate::ProjectSummary)> {
        if self.set != RuleSet::Review {
            return None;
        }
        self.project
            .and_then(|i| report.projects.get(i).map(|p| (i, p)))
    }
}

/// Findings grouped as the reports show them, in report order: the review's document-level
/// findings, then each project's, then each further rule set's.
pub(crate) fn groups(report: &Report) -> Vec<Group<'_>> {
    let mut out: Vec<Group> = Vec::new();
    for f in &report.findings {
        let set = f.rule.set();
        match out.last_mut() {
            Some(g) if g.set == set && g.project == f.location.project => g.findings.push(f),
            _ => out.push(Group {
                set,
                project: f.location.project,
                findings: vec![f],
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use jixiao_model::Framework;

    use super::*;
    use crate::catalogue::Rule;
    use crate::finding::{Location, Quote};
    use crate::report::{Counts, ProjectSummary, Score};

    fn finding(
        rule: Rule,
        project: Option<usize>,
        part: Option<&'static str>,
        line: u32,
    ) -> Finding {
        let location = Location {
            project,
            part,
            line,
            ..Location::default()
        };
        let quotes = vec![Quote {
            field: "类别",
            value: "家具用具".into(),
        }];
        Finding::new(
            rule,
            rule.info().severity,
            location,
            &[("at", "第9行")],
            quotes,
        )
    }

    /// A review report with a document-level and a project finding, and a disclosure finding
    /// added after it.
    fn report() -> Report {
        let mut r = Report {
            source: "a.txt".into(),
            department: Some("某局".into()),
            year: Some(2020),
            framework: Framework::Classic,
            framework_detected: true,
            indicators: 1,
            counts: Counts::default(),
            score: Score {
                value: 86,
                grade: "良",
            },
            projects: vec![ProjectSummary {
                name: "甲项目".into(),
                code: None,
                line: 5,
                indicators: 1,
                counts: Counts::default(),
                score: Score {
                    value: 90,
                    grade: "优",
                },
                grade_reasons: Vec::new(),
            }],
            summary: Vec::new(),
            grade_reasons: Vec::new(),
            grading: Default::default(),
            findings: vec![
                finding(Rule::T003, None, None, 2),
                finding(Rule::C003, Some(0), None, 5),
            ],
        };
        r.tally();
        r.regrade();
        r.add(vec![finding(Rule::D017, None, Some("国有资产"), 9)]);
        r
    }

    #[test]
    fn added_rule_sets_come_after_the_review_and_are_counted() {
        let r = report();
        let order: Vec<&str> = r.findings.iter().map(|f| f.rule_id).collect();
        assert_eq!(order, ["JX-T003", "JX-C003", "JX-D017"]);
        assert_eq!((r.counts.error, r.counts.warning, r.counts.info), (2, 1, 0));
        assert!(r
            .summary
            .iter()
            .any(|s| s.rule == "JX-D017" && s.count == 1));
        // The project's error costs 10; the document's T003 (10) and the disclosure's D017
        // (4) cost the document: 90 − 14. T003 is no decisive rule, C003 (no goals) is.
        assert_eq!(r.projects[0].score.value, 90);
        assert_eq!(r.score.value, 76);
        assert_eq!(r.score.grade, "中");
        assert!(
            r.grade_reasons
                .iter()
                .any(|s| s.contains("项目“甲项目”未填绩效目标（JX-C003）")),
            "{:?}",
            r.grade_reasons
        );
        let heads: Vec<String> = groups(&r)
            .iter()
            .map(|g| match g.review_project(&r) {
                Some((i, p)) => format!("项目{}　{}", i + 1, p.name),
                None => g.plain_heading(&r),
            })
            .collect();
        assert_eq!(heads, ["文档整体", "项目1　甲项目", "部门预算公开"]);
    }

    #[test]
    fn a_grouped_finding_keeps_its_id_and_lists_its_places() {
        let mut r = report();
        let at = |row: usize, line: u32| Location {
            project: Some(0),
            row: Some(row),
            line,
            cell: Some(5),
            ..Location::default()
        };
        let m010 = |row, line, target: &str| {
            Finding::new(
                Rule::M010,
                Rule::M010.info().severity,
                at(row, line),
                &[("target", target)],
                vec![Quote {
                    field: "指标值",
                    value: target.into(),
                }],
            )
        };
        r.findings = crate::group_by_cause(vec![
            m010(2, 12, "≥100%"),
            m010(5, 15, "≥100%"),
            m010(7, 17, "≥100.0%"),
        ]);
        r.tally();
        let json: serde_json::Value = serde_json::from_str(&render_json(&[("a.txt", &r)])).unwrap();
        let d = &json["documents"][0];
        let f = &d["findings"][0];
        assert_eq!(
            f["id"], "JX-M010@p0.r2.l12.c5",
            "the rule and the first place"
        );
        assert_eq!(f["places"], 3);
        assert_eq!(f["also"][1]["location"]["row"], 7);
        assert_eq!(f["also"][1]["value"], "≥100.0%");
        assert_eq!(d["summary"][0]["count"], 1);
        assert_eq!(d["summary"][0]["places"], 3);
        let text = render_text(&[("a.txt", &r)], false);
        assert!(
            text.contains("同一问题另见2处：项目1第5行指标“≥100%”、项目1第7行指标“≥100.0%”。"),
            "{text}"
        );
        assert!(text.contains("1 条（3 处）"), "{text}");
    }

    #[test]
    fn every_format_shows_every_rule_set() {
        let r = report();
        let text = render_text(&[("a.txt", &r)], false);
        assert!(
            text.contains("部门预算公开\n  警告 JX-D017 资产占比与金额不符　国有资产 · 第9行\n"),
            "{text}"
        );
        assert!(text.contains("错误 2 · 警告 1 · 提示 0"), "{text}");
        let html = render_html(&[("a.txt", &r)]);
        assert!(html.contains("<h3>部门预算公开</h3>"));
        assert!(html.contains("<tr id=\"JX-D017@l9\">"));
        assert!(html.contains("<li>类别：<q>家具用具</q></li>"));
        assert!(html.contains("<h3>为什么是“中”</h3>"));
        assert!(text.contains("为什么是“中”\n  得分76："), "{text}");
        let json: serde_json::Value = serde_json::from_str(&render_json(&[("a.txt", &r)])).unwrap();
        let d = &json["documents"][0];
        assert_eq!(d["findings"].as_array().unwrap().len(), 3);
        assert_eq!(json["totals"]["error"], 2);
        let f = &d["findings"][2];
        assert_eq!(f["id"], "JX-D017@l9");
        assert_eq!(f["rule_set"], "disclosure");
        assert_eq!(f["severity"], "warning");
        assert_eq!(f["severity_name"], "警告");
        assert_eq!(f["category_name"], "一致性");
        assert_eq!(
            f["location"],
            serde_json::json!({"part": "国有资产", "line": 9})
        );
        assert_eq!(f["project_name"], serde_json::Value::Null);
        assert_eq!(d["findings"][1]["project_name"], "甲项目");
    }

    #[test]
    fn findings_alone_render_as_in_a_report() {
        let r = report();
        let text = render_text(&[("a.txt", &r)], false);
        let alone = render_findings_text(&r.findings[2..], false);
        assert!(alone.starts_with("  警告 JX-D017 资产占比与金额不符　国有资产 · 第9行\n"), "{alone}");
        assert!(text.contains(&alone), "{text}");
        let json: serde_json::Value = serde_json::from_str(&render_json(&[("a.txt", &r)])).unwrap();
        let alone = findings_json(&r.findings, |f| r.project_name(f));
        assert_eq!(json["documents"][0]["findings"], alone);
        let html = render_html(&[("a.txt", &r)]);
        let alone = render_findings_html(&r.findings[2..]);
        assert!(alone.starts_with("<table>") && alone.contains("<tr id=\"JX-D017@l9\">"), "{alone}");
        assert!(html.contains(&alone), "{html}");
    }

    #[test]
    fn a_benchmark_finding_renders_with_its_figures() {
        let location = Location {
            project: Some(0),
            row: Some(2),
            line: 14,
            field: Some("指标值"),
            ..Location::default()
        };
        let args = [
            ("level3", "培训合格率"),
            ("target", "60%"),
            ("side", "低于"),
            ("entry", "培训合格率"),
            ("count", "12"),
            ("percentile", "5%"),
            ("bound", "76.5%<b>"),
        ];
        let quotes = vec![Quote { field: "同类5%分位", value: "76.5%<b>".into() }];
        let f = vec![Finding::new(Rule::B003, Rule::B003.info().severity, location, &args, quotes)];
        let json = findings_json(&f, |_| Some("干部培训"));
        assert_eq!(json[0]["id"], "JX-B003@p0.r2.l14");
        assert_eq!(json[0]["rule_set"], "benchmark");
        assert_eq!(json[0]["severity_name"], "提示");
        assert_eq!(json[0]["project_name"], "干部培训");
        assert_eq!(json[0]["quotes"][0]["field"], "同类5%分位");
        assert_eq!(
            json[0]["message"],
            "“培训合格率”目标值60%低于同类指标（培训合格率，12个）的5%分位76.5%<b>，请核实。"
        );
        let html = render_findings_html(&f);
        assert!(html.contains("<li>同类5%分位：<q>76.5%&lt;b&gt;</q></li>"), "{html}");
        assert!(!html.contains("<b>"), "every text escaped: {html}");
        let text = render_findings_text(&f, false);
        assert!(text.starts_with("  提示 JX-B003 目标偏离同类指标　第2行指标 · 第14行 · 指标值\n"), "{text}");
    }
}
