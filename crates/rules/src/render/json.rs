//! JSON for machines. The schema is documented in `crates/rules/README.md`; bump
//! [`SCHEMA_VERSION`] on any incompatible change.

use serde::Serialize;

use crate::finding::{finding_ids, Finding};
use crate::report::{Counts, Report};

/// Version of the JSON layout produced by [`render_json`]. 2: every rule set's findings in
/// `findings` (no more `disclosure_findings`), each with its `id` and `rule_set`; counts and
/// the summary cover them all.
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Serialize)]
struct Output<'a> {
    schema_version: u32,
    tool: &'static str,
    documents: Vec<DocumentJson<'a>>,
    totals: Totals,
}

#[derive(Serialize)]
struct Totals {
    documents: usize,
    error: usize,
    warning: usize,
    info: usize,
}

#[derive(Serialize)]
struct DocumentJson<'a> {
    file: &'a str,
    #[serde(flatten)]
    report: &'a Report,
    findings: Vec<FindingJson<'a>>,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    /// Stable within the document: [`finding_ids`].
    id: String,
    rule_set: &'static str,
    #[serde(flatten)]
    finding: &'a Finding,
    project_name: Option<&'a str>,
}

/// The findings as the schema's `findings` entries: each with its id (stable within
/// `findings`), rule set and project name.
fn entries<'a>(
    findings: &'a [Finding],
    project_name: impl Fn(&Finding) -> Option<&'a str>,
) -> Vec<FindingJson<'a>> {
    findings
        .iter()
        .zip(finding_ids(findings))
        .map(|(finding, id)| FindingJson {
            id,
            rule_set: finding.rule.set().id(),
            finding,
            project_name: project_name(finding),
        })
        .collect()
}

/// Findings that belong to no document's report (the benchmark checks, computed on demand
/// from the indicator library) as a JSON array of the schema's `findings` entries
/// (`crates/rules/README.md`): the same fields, `project_name` from `project_name`.
pub fn findings_json<'a>(
    findings: &'a [Finding],
    project_name: impl Fn(&Finding) -> Option<&'a str>,
) -> serde_json::Value {
    serde_json::to_value(entries(findings, project_name)).unwrap_or_default()
}

/// Renders reports as one JSON object: `{schema_version, tool, documents: [...], totals}`.
pub fn render_json(reports: &[(&str, &Report)]) -> String {
    let mut totals = Counts::default();
    let documents = reports
        .iter()
        .map(|&(file, report)| {
            totals.error += report.counts.error;
            totals.warning += report.counts.warning;
            totals.info += report.counts.info;
            let findings = entries(&report.findings, |f| report.project_name(f));
            DocumentJson {
                file,
                report,
                findings,
            }
        })
        .collect();
    let out = Output {
        schema_version: SCHEMA_VERSION,
        tool: "jixiao-review",
        documents,
        totals: Totals {
            documents: reports.len(),
            error: totals.error,
            warning: totals.warning,
            info: totals.info,
        },
    };
    // Through a `Value`: keys in sorted order, as every version of this output has had them.
    serde_json::to_value(&out)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_default()
}
