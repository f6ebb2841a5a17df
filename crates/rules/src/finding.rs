//! The one finding type every check emits: a rule, where it applies, the message filled from
//! the catalogue, the values quoted as evidence and the suggested fix.

use std::collections::HashMap;

use jixiao_model::Severity;
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::catalogue::{severity_name, Category, Rule};

/// Where a finding points: project, indicator row or disclosure part, and the printed
/// line/cell.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// Index of the project in [`crate::Report::projects`] (0-based); `None` for the document,
    /// the department-wide table or the disclosure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<usize>,
    /// 指标行号：the row's position in its indicator table, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// 部门预算公开的部分（收支预算、“三公”经费、政府采购、国有资产）。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<&'static str>,
    /// Line in the source file (from 1); 0 when unknown.
    pub line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<u32>,
    /// The field the finding is about (`指标值`, `预算数`…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
}

/// A value quoted from the document as evidence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Quote {
    pub field: &'static str,
    pub value: String,
}

/// A further place where the same cause shows: a finding grouped by cause
/// ([`crate::group_by_cause`]) lists them after its own location.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Occurrence {
    pub location: Location,
    /// What is printed there, when the finding's message does not already say it
    /// (findings grouped by rule: `≥100%`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The fix for this place, when it is not the finding's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

/// One problem found, by any rule set.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: Rule,
    /// `JX-M002`
    pub rule_id: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub title: &'static str,
    pub message: String,
    pub location: Location,
    pub quotes: Vec<Quote>,
    pub suggestion: Option<String>,
    /// The other places of the same cause, in report order (empty for most findings).
    pub also: Vec<Occurrence>,
}

impl Finding {
    /// A finding of `rule` at `severity`, its message and fix filled from `args`.
    pub fn new(
        rule: Rule,
        severity: Severity,
        location: Location,
        args: &[(&str, &str)],
        quotes: Vec<Quote>,
    ) -> Finding {
        let info = rule.info();
        Finding {
            rule,
            rule_id: info.id,
            category: info.category,
            severity,
            title: info.title,
            message: rule.message(args),
            location,
            quotes,
            suggestion: rule.fix(args),
            also: Vec::new(),
        }
    }

    /// How many places the finding stands for: its own and those of [`Finding::also`].
    pub fn places(&self) -> usize {
        1 + self.also.len()
    }

    /// The fixes of the places of [`Finding::also`] that have their own, each with the places
    /// it is for (`项目2第3行指标、项目5第3行指标`), in order of first appearance.
    pub fn other_suggestions(&self) -> Vec<(String, &str)> {
        let mut out: Vec<(Vec<String>, &str)> = Vec::new();
        for o in &self.also {
            let Some(s) = o.suggestion.as_deref() else {
                continue;
            };
            match out.iter_mut().find(|(_, x)| *x == s) {
                Some((places, _)) => places.push(o.location.short()),
                None => out.push((vec![o.location.short()], s)),
            }
        }
        out.into_iter().map(|(p, s)| (p.join("、"), s)).collect()
    }

    /// Every location of the finding: its own, then [`Finding::also`]'s.
    pub fn locations(&self) -> impl Iterator<Item = &Location> {
        std::iter::once(&self.location).chain(self.also.iter().map(|o| &o.location))
    }

    /// `第3行指标 · 第88行第5列 · 指标值`, `国有资产 · 第502行`: the place as people read it.
    pub fn place(&self) -> String {
        let l = &self.location;
        let mut parts = Vec::new();
        if let Some(r) = l.row {
            parts.push(format!("第{r}行指标"));
        }
        if let Some(part) = l.part {
            parts.push(part.to_string());
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

    /// The rule and the place (`JX-M002@p0.r2.l111.c5`: project index as in
    /// [`Location::project`], row, line, cell; those the location has, the line always).
    fn id_base(&self) -> String {
        let l = &self.location;
        let mut id = format!("{}@", self.rule_id);
        if let Some(p) = l.project {
            id.push_str(&format!("p{p}."));
        }
        if let Some(r) = l.row {
            id.push_str(&format!("r{r}."));
        }
        id.push_str(&format!("l{}", l.line));
        if let Some(c) = l.cell {
            id.push_str(&format!(".c{c}"));
        }
        id
    }
}

impl Location {
    /// A short place for lists of places: `项目3第2行指标`, `项目3`, `第88行`.
    pub fn short(&self) -> String {
        let mut s = String::new();
        if let Some(p) = self.project {
            s.push_str(&format!("项目{}", p + 1));
        }
        if let Some(r) = self.row {
            s.push_str(&format!("第{r}行指标"));
        } else if self.project.is_none() {
            match self.part {
                Some(part) => s.push_str(&format!("{part}第{}行", self.line)),
                None => s.push_str(&format!("第{}行", self.line)),
            }
        }
        s
    }
}

/// Stable ids of a document's findings, in order: the rule and the place
/// (`JX-M002@p0.r2.l111.c5`, `JX-D017@l502`), then `.n2`, `.n3`… for the second, third
/// finding of one rule at one place. An id depends only on the finding and on the findings of
/// the same rule at the same place before it, so the same document checked again gives the
/// same ids, whatever other rules were enabled.
pub fn finding_ids(findings: &[Finding]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            let base = f.id_base();
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            match *n {
                1 => base,
                n => format!("{base}.n{n}"),
            }
        })
        .collect()
}

/// The JSON of a finding (`rule` is the id; `category_name`, `severity_name` in Chinese;
/// `quotes` and `suggestion` left out when empty).
impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Finding", 12)?;
        st.serialize_field("rule", self.rule_id)?;
        st.serialize_field("title", self.title)?;
        st.serialize_field("category", &self.category)?;
        st.serialize_field("category_name", self.category.name())?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("severity_name", severity_name(self.severity))?;
        st.serialize_field("message", &self.message)?;
        st.serialize_field("location", &self.location)?;
        if self.quotes.is_empty() {
            st.skip_field("quotes")?;
        } else {
            st.serialize_field("quotes", &self.quotes)?;
        }
        match &self.suggestion {
            Some(s) => st.serialize_field("suggestion", s)?,
            None => st.skip_field("suggestion")?,
        }
        if self.also.is_empty() {
            st.skip_field("places")?;
            st.skip_field("also")?;
        } else {
            st.serialize_field("places", &self.places())?;
            st.serialize_field("also", &self.also)?;
        }
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rule: Rule, project: Option<usize>, row: Option<usize>, line: u32) -> Finding {
        let location = Location {
            project,
            row,
            line,
            cell: row.map(|_| 5),
            ..Location::default()
        };
        Finding::new(rule, rule.info().severity, location, &[], Vec::new())
    }

    #[test]
    fn ids_are_the_rule_and_the_place() {
        let findings = [
            at(Rule::C003, Some(2), None, 0),
            at(Rule::M002, Some(0), Some(2), 111),
            at(Rule::D017, None, None, 502),
            at(Rule::D017, None, None, 502),
            at(Rule::D020, None, None, 502),
            at(Rule::D017, None, None, 502),
        ];
        assert_eq!(
            finding_ids(&findings),
            [
                "JX-C003@p2.l0",
                "JX-M002@p0.r2.l111.c5",
                "JX-D017@l502",
                "JX-D017@l502.n2",
                "JX-D020@l502",
                "JX-D017@l502.n3",
            ]
        );
        // Another rule's findings before them do not move an id.
        assert_eq!(
            finding_ids(&findings[2..])[..2],
            ["JX-D017@l502", "JX-D017@l502.n2"]
        );
    }

    #[test]
    fn places_read_in_chinese() {
        let mut f = at(Rule::M002, Some(0), Some(2), 111);
        f.location.field = Some("指标值");
        assert_eq!(f.place(), "第2行指标 · 第111行第5列 · 指标值");
        let mut d = at(Rule::D017, None, None, 502);
        d.location.part = Some("国有资产");
        assert_eq!(d.place(), "国有资产 · 第502行");
    }
}
