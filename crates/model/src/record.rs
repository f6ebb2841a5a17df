//! The extraction record: the flat interchange view of one document
//! (`../shared/spec/extraction-record.md`), used to measure how faithfully it was read.

use serde::{Deserialize, Serialize};

use crate::document::{Document, Indicator, Project};
use crate::origin::Located;

/// One document as the extraction record prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractionRecord {
    pub source: String,
    pub organization: Option<String>,
    pub organization_code: Option<String>,
    pub year: Option<i32>,
    pub overall_goals: Vec<String>,
    pub department_indicators: Vec<RecordIndicator>,
    pub projects: Vec<RecordProject>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordProject {
    pub unit: Option<String>,
    pub code: Option<String>,
    pub name: String,
    pub budget_total: Option<f64>,
    pub budget_fiscal: Option<f64>,
    pub budget_other: Option<f64>,
    pub purpose: Option<String>,
    pub spending_plan: Option<Vec<Option<f64>>>,
    pub goals: Vec<String>,
    pub indicators: Vec<RecordIndicator>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordIndicator {
    pub level1: Option<String>,
    pub level2: Option<String>,
    pub level3: Option<String>,
    pub description: Option<String>,
    pub target: Option<String>,
    pub basis: Option<String>,
    /// 实际完成值 (self-evaluation tables only).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub actual: Option<String>,
    /// 分值 / 权重 where printed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub weight: Option<f64>,
    /// 得分 (self-evaluation tables only).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub score: Option<f64>,
}

fn text(v: &Option<Located<String>>) -> Option<String> {
    v.as_ref().map(|l| l.value.clone())
}

fn number(d: rust_decimal::Decimal) -> f64 {
    // The record carries JSON numbers; the model keeps the exact decimal.
    d.to_string().parse().unwrap_or(0.0)
}

impl From<&Indicator> for RecordIndicator {
    fn from(i: &Indicator) -> Self {
        let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_string());
        RecordIndicator {
            level1: non_empty(&i.level1.printed.value),
            level2: non_empty(&i.level2.printed.value),
            level3: text(&i.level3),
            description: text(&i.description),
            target: i.target.as_ref().map(|t| t.value.printed.clone()),
            basis: text(&i.basis),
            actual: i
                .evaluation
                .as_ref()
                .and_then(|e| e.actual.as_ref())
                .map(|a| a.value.printed.clone()),
            weight: i.weight.map(number),
            score: i.evaluation.as_ref().and_then(|e| e.score).map(number),
        }
    }
}

impl From<&Project> for RecordProject {
    fn from(p: &Project) -> Self {
        let money = |m: &Option<Located<crate::Money>>| m.as_ref().map(|m| number(m.value.0));
        RecordProject {
            unit: p.unit.as_ref().map(|u| u.printed.clone()),
            code: text(&p.code),
            name: p.name.value.clone(),
            budget_total: money(&p.budget.total),
            budget_fiscal: money(&p.budget.fiscal),
            budget_other: money(&p.budget.other),
            purpose: text(&p.purpose),
            spending_plan: p.spending_plan.as_ref().map(|plan| {
                plan.cumulative_percent
                    .iter()
                    .map(|c| c.as_ref().map(|c| number(c.value)))
                    .collect()
            }),
            goals: p.goals.iter().map(|g| g.value.clone()).collect(),
            indicators: p.indicators.iter().map(Into::into).collect(),
        }
    }
}

impl From<&Document> for ExtractionRecord {
    fn from(d: &Document) -> Self {
        ExtractionRecord {
            source: d.source.clone(),
            organization: text(&d.department),
            organization_code: text(&d.department_code),
            year: d.year.as_ref().map(|y| y.value),
            overall_goals: d.overall_goals.iter().map(|g| g.value.clone()).collect(),
            department_indicators: d.department_indicators.iter().map(Into::into).collect(),
            projects: d.projects.iter().map(Into::into).collect(),
        }
    }
}
