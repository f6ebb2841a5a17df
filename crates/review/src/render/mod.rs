//! Report renderers: terminal text, JSON for machines, standalone HTML for people, and the
//! rule catalogue for `jixiao rules`.

mod html;
mod json;
mod text;

pub use html::render_html;
pub use json::{render_json, SCHEMA_VERSION};
pub use text::{catalogue_text, render_text};

use jixiao_model::Framework;

use crate::report::{Finding, Report};

pub(crate) fn framework_name(f: Framework) -> &'static str {
    match f {
        Framework::Classic => "旧框架（产出含成本指标）",
        Framework::Guideline2021 => "2021年框架（成本指标为一级指标）",
    }
}

/// `第3行指标 · 第88行第5列 · 指标值`
pub(crate) fn place(f: &Finding) -> String {
    let l = &f.location;
    let mut parts = Vec::new();
    if let Some(r) = l.row {
        parts.push(format!("第{r}行指标"));
    }
    if l.line > 0 {
        parts.push(match l.cell {
            Some(c) => format!("第{}行第{}列", l.line, c),
            None => format!("第{}行", l.line),
        });
    }
    if let Some(field) = l.field {
        parts.push(field.to_string());
    }
    parts.join(" · ")
}

/// Findings grouped as the reports show them: document-level first, then each project in order.
pub(crate) fn groups(report: &Report) -> Vec<(Option<usize>, Vec<&Finding>)> {
    let mut out: Vec<(Option<usize>, Vec<&Finding>)> = Vec::new();
    for f in &report.findings {
        match out.last_mut() {
            Some((p, list)) if *p == f.location.project => list.push(f),
            _ => out.push((f.location.project, vec![f])),
        }
    }
    out
}
