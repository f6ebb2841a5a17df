//! Stored rows as `jixiao-model` values, for the code that works on a `Document` (downloads
//! through jixiao-office, monitoring validation and lights through jixiao-assess): the data
//! as it is now in the database, edits included.

use std::str::FromStr;

use jixiao_model::{
    Budget, Document, Indicator, IndicatorLevel, Level1, Level2, Located, Money, Origin, Project,
    Target,
};
use rust_decimal::Decimal;

use crate::error::StoreError;
use crate::model;
use crate::Store;

fn at(line: i64) -> Origin {
    Origin::line(u32::try_from(line).unwrap_or(0))
}

fn located(text: Option<String>, line: i64) -> Option<Located<String>> {
    text.filter(|t| !t.trim().is_empty())
        .map(|t| Located::new(t, at(line)))
}

fn amount(text: &Option<String>, line: i64) -> Option<Located<Money>> {
    text.as_deref()
        .and_then(|t| Decimal::from_str(t.trim()).ok())
        .map(|d| Located::new(Money(d), at(line)))
}

/// A stored indicator as the model's row (the target parsed again from its printed text).
pub fn indicator(i: model::Indicator) -> Indicator {
    let here = at(i.line);
    Indicator {
        level1: IndicatorLevel {
            category: Level1::from_printed(&i.level1_printed),
            printed: Located::new(i.level1_printed, here),
            inherited: false,
        },
        level2: IndicatorLevel {
            category: Level2::from_printed(&i.level2_printed),
            printed: Located::new(i.level2_printed, here),
            inherited: false,
        },
        level3: located(i.level3, i.line),
        description: located(i.description, i.line),
        target: i
            .target_printed
            .filter(|t| !t.trim().is_empty())
            .map(|t| Located::new(Target::parse(&t), here)),
        basis: located(i.basis, i.line),
        weight: i.weight.as_deref().and_then(|w| Decimal::from_str(w).ok()),
        at: here,
        evaluation: None,
    }
}

/// A document made of stored projects.
pub fn document(source: String, department: Option<String>, year: Option<i64>, projects: Vec<Project>) -> Document {
    Document {
        source,
        department: department.map(|d| Located::new(d, Origin::line(1))),
        year: year
            .and_then(|y| i32::try_from(y).ok())
            .map(|y| Located::new(y, Origin::line(1))),
        projects,
        ..Document::default()
    }
}

impl Store {
    /// A stored project with its goals and indicators, as the model's project (indicators in
    /// `position` order, so an indicator's index here is its index in the project's table).
    pub async fn model_project(&self, p: &model::Project) -> Result<Project, StoreError> {
        let (indicators, goals) = tokio::try_join!(self.indicators_of(p.id), self.goals_of(p.id))?;
        Ok(Project {
            unit: None,
            code: located(p.code.clone(), p.line),
            name: Located::new(p.name.clone(), at(p.line)),
            budget: Budget {
                total: amount(&p.budget_total, p.line),
                fiscal: amount(&p.budget_fiscal, p.line),
                other: amount(&p.budget_other, p.line),
            },
            purpose: located(p.purpose.clone(), p.line),
            spending_plan: None,
            goals: goals.into_iter().map(|g| Located::new(g, at(p.line))).collect(),
            indicators: indicators.into_iter().map(indicator).collect(),
            at: at(p.line),
            // The store keeps target tables only; a self-evaluation's project part is not stored yet.
            evaluation: None,
        })
    }
}
