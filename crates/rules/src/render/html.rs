//! A standalone HTML report for people: inline CSS, Chinese, readable on screen and on paper.
//!
//! The page is a template (`templates/report.html`, the findings table `templates/findings.html`)
//! filled from plain data with minijinja's autoescape, so no text reaches the page unescaped;
//! this module only turns a [`Report`] into that data.

use std::sync::OnceLock;

use jixiao_model::Severity;
use minijinja::{context, Environment};
use serde::Serialize;

use super::{framework_name, groups};
use crate::catalogue::severity_name;
use crate::finding::{finding_ids, Finding};
use crate::report::Report;

/// The report's templates, parsed once. Names ending in `.html` are autoescaped.
fn templates() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        for (name, source) in [
            ("report.html", include_str!("../../templates/report.html")),
            ("findings.html", include_str!("../../templates/findings.html")),
        ] {
            // The templates are part of the crate and tested: a syntax error is a bug here.
            env.add_template(name, source).unwrap_or_else(|e| panic!("模板 {name}：{e}"));
        }
        env
    })
}

fn render(name: &str, ctx: minijinja::Value) -> String {
    templates()
        .get_template(name)
        .and_then(|t| t.render(ctx))
        .unwrap_or_else(|e| panic!("模板 {name}：{e}"))
}

fn sev_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    }
}

/// Renders reports as one standalone HTML page (no external resources).
pub fn render_html(reports: &[(&str, &Report)]) -> String {
    let title = match reports {
        [(file, _)] => format!("绩效目标审核报告 · {}", file),
        _ => format!("绩效目标审核报告 · {} 份文档", reports.len()),
    };
    let documents: Vec<DocumentView> = reports.iter().map(|(file, r)| document(file, r)).collect();
    render("report.html", context! { title, documents })
}

/// Findings that belong to no document's report (the benchmark checks, computed on demand
/// from the indicator library) as the report's table of findings: an HTML fragment, every
/// text escaped, for a page that has its own styles (classes `sev sev-info`, `rule`, `where`,
/// `msg`, `quotes`, `fix`).
pub fn render_findings_html(findings: &[Finding]) -> String {
    let findings = finding_views(findings, &mut finding_ids(findings).into_iter());
    render("findings.html", context! { findings })
}

/// One document's part of the page.
#[derive(Serialize)]
struct DocumentView<'r> {
    file: &'r str,
    department: &'r str,
    year: String,
    framework: &'static str,
    framework_source: &'static str,
    grade: &'static str,
    score: u32,
    indicators: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    grade_reasons: &'r [String],
    summary: Vec<SummaryView>,
    projects: Vec<ProjectView<'r>>,
    groups: Vec<GroupView<'r>>,
}

#[derive(Serialize)]
struct SummaryView {
    rule: &'static str,
    title: &'static str,
    category: &'static str,
    severity: &'static str,
    severity_class: &'static str,
    count: usize,
    places: usize,
}

#[derive(Serialize)]
struct ProjectView<'r> {
    number: usize,
    name: &'r str,
    code: Option<&'r str>,
    line: u32,
    indicators: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    score: u32,
    grade: &'static str,
}

/// A group of findings: under a project of the review (its head with the score), else under a
/// plain heading (the document as a whole, another rule set's project).
#[derive(Serialize)]
struct GroupView<'r> {
    project: Option<ProjectView<'r>>,
    heading: String,
    findings: Vec<FindingView<'r>>,
}

#[derive(Serialize)]
struct FindingView<'r> {
    id: String,
    severity: &'static str,
    severity_class: &'static str,
    rule: &'r str,
    title: &'r str,
    /// The place's parts (`项目1 · 第3行指标` → two lines).
    place: Vec<String>,
    message: &'r str,
    quotes: Vec<QuoteView<'r>>,
    suggestion: Option<&'r str>,
    other_suggestions: Vec<OtherSuggestion<'r>>,
}

#[derive(Serialize)]
struct QuoteView<'r> {
    field: &'r str,
    value: &'r str,
}

#[derive(Serialize)]
struct OtherSuggestion<'r> {
    places: String,
    text: &'r str,
}

fn project_view(number: usize, p: &crate::ProjectSummary) -> ProjectView<'_> {
    ProjectView {
        number,
        name: &p.name,
        code: p.code.as_deref(),
        line: p.line,
        indicators: p.indicators,
        errors: p.counts.error,
        warnings: p.counts.warning,
        infos: p.counts.info,
        score: p.score.value,
        grade: p.score.grade,
    }
}

fn document<'r>(file: &'r str, r: &'r Report) -> DocumentView<'r> {
    let mut ids = finding_ids(&r.findings).into_iter();
    let groups = groups(r)
        .into_iter()
        .map(|group| GroupView {
            project: group.review_project(r).map(|(i, p)| project_view(i + 1, p)),
            heading: group.plain_heading(r),
            findings: finding_views(group.findings, &mut ids),
        })
        .collect();
    DocumentView {
        file,
        department: r.department.as_deref().unwrap_or("部门未注明"),
        year: r.year.map_or("年度未注明".to_string(), |y| format!("{y}年")),
        framework: framework_name(r.framework),
        framework_source: if r.framework_detected { "自动识别" } else { "按配置" },
        grade: r.score.grade,
        score: r.score.value,
        indicators: r.indicators,
        errors: r.counts.error,
        warnings: r.counts.warning,
        infos: r.counts.info,
        grade_reasons: &r.grade_reasons,
        summary: r
            .summary
            .iter()
            .map(|s| SummaryView {
                rule: s.rule,
                title: s.title,
                category: s.category.name(),
                severity: severity_name(s.severity),
                severity_class: sev_class(s.severity),
                count: s.count,
                places: s.places,
            })
            .collect(),
        projects: r.projects.iter().enumerate().map(|(i, p)| project_view(i + 1, p)).collect(),
        groups,
    }
}

/// The findings of a table, each with its id (the finding's, from `ids` in report order).
fn finding_views<'f>(
    findings: impl IntoIterator<Item = &'f Finding>,
    ids: &mut impl Iterator<Item = String>,
) -> Vec<FindingView<'f>> {
    findings
        .into_iter()
        .map(|f| FindingView {
            id: ids.next().unwrap_or_default(),
            severity: severity_name(f.severity),
            severity_class: sev_class(f.severity),
            rule: f.rule_id,
            title: f.title,
            place: f.place().split(" · ").map(str::to_string).collect(),
            message: &f.message,
            quotes: f.quotes.iter().map(|q| QuoteView { field: q.field, value: &q.value }).collect(),
            suggestion: f.suggestion.as_deref(),
            other_suggestions: f
                .other_suggestions()
                .into_iter()
                .map(|(places, text)| OtherSuggestion { places, text })
                .collect(),
        })
        .collect()
}
