//! 运行监控与自评评分：in-year monitoring with warning lights (预警灯) and year-end
//! self-evaluation scoring (项目支出绩效自评), as pure computation: this crate does no IO
//! and writes no files.
//!
//! The core ([`monitoring`], [`lights`], [`scoring`]) computes on a
//! [`jixiao_model::Document`] and entered figures, with exact decimals; [`report`] lays the
//! results out as tables of the one table model ([`jixiao_model::table`]: the
//! 项目支出绩效自评表, the department summary, the monitoring lights), which
//! `jixiao-office` draws as HTML and .xlsx. The monitoring template (.xlsx, written and read
//! back) is `jixiao_office::monitoring`. Projects and indicators are identified by position
//! in the document: `project` indexes `Document::projects`, `indicator` indexes that
//! project's `indicators`. Files carry the project name and 三级指标 beside the positions
//! and imports check them.
//!
//! What the command line and the server call:
//! - monitoring: `jixiao_office::monitoring::monitor_template` → a person fills it →
//!   `jixiao_office::monitoring::read_monitoring_xlsx` (all cell errors or a
//!   [`MonitoringReport`]) → [`lights::report_lights`] → [`report::lights_tables`] (drawn by
//!   `jixiao_office::write_html::page_html` / `jixiao_office::write_table::tables_xlsx`) /
//!   [`report::lights_text`]; web forms and the API build a [`MonitoringReport`] and call
//!   [`monitoring::validate`].
//! - scoring: [`scoring::score_year_end`] on a 1–12月 report, or [`score_document`] on
//!   [`SelfEvaluation`]s (JSON via serde) → [`report::self_evaluation_tables`] /
//!   [`report::scores_text`].
//! - summary: [`report::department_summary`] → [`report::department_summary_tables`].

// Input errors carry the project and indicator names for their messages; they are collected
// into lists and returned rarely, so their size does not matter.
#![allow(clippy::result_large_err)]

pub mod actual;
pub mod error;
pub mod lights;
pub mod monitoring;
pub mod report;
pub mod rescore;
pub mod scoring;

#[cfg(any(test, feature = "testing"))]
pub mod testdoc;

use jixiao_model::Decimal;

/// Rounds to 2 places (half away from zero) for display; computations stay exact.
pub fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// `num × 100 / den` without panicking: `None` when `den` is 0 or the figures overflow
/// (a document may print absurd numbers; they get a reason, never a crash).
pub fn percent_of(num: Decimal, den: Decimal) -> Option<Decimal> {
    if den.is_zero() {
        return None;
    }
    match num.checked_mul(Decimal::ONE_HUNDRED) {
        Some(n) => n.checked_div(den),
        None => num.checked_div(den)?.checked_mul(Decimal::ONE_HUNDRED),
    }
}

/// The largest amount or value accepted as input (万元 or the target's unit): far above any
/// real budget, far below where exact arithmetic would overflow.
pub const MAX_INPUT: Decimal = Decimal::from_parts(0xA4C6_8000, 0x38D7E, 0, false, 0); // 1e15

/// A score or rate as printed: two decimals (`16.67`, `100.00`).
pub fn fmt2(d: Decimal) -> String {
    format!("{:.2}", round2(d))
}

pub use actual::{ActualValue, QualitativeBand, TargetKind};
pub use error::{InputError, Place};
pub use monitoring::{unexplained_low_rates, DeviationCause, IndicatorProgress, Likelihood, MonitoringReport, Period, ProjectMonitoring, YearEnd};
pub use rescore::{check, check_against_targets, merge_published, rescore, rescored_text, with_approved_targets, Rescored};
pub use scoring::{score, score_document, score_year_end, Grade, ProjectScore, ReverseFormula, ScoringConfig, SelfEvaluation};
pub use lights::{project_lights, report_lights, Light, LightConfig, ProjectLights};
pub use report::{department_summary, department_summary_tables, lights_tables, self_evaluation_tables, DepartmentSummary};

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn figures() {
        assert_eq!(MAX_INPUT, Decimal::from_str("1000000000000000").unwrap());
        assert_eq!(percent_of(Decimal::ONE, Decimal::ZERO), None);
        assert_eq!(percent_of(Decimal::from(3), Decimal::from(4)), Some(Decimal::from(75)));
        assert_eq!(percent_of(Decimal::MAX, Decimal::from(1000)).map(round2), Some(round2(Decimal::MAX / Decimal::from(10))));
        assert_eq!(fmt2(Decimal::from_str("89.995").unwrap()), "90.00");
        assert_eq!(fmt2(Decimal::from(50) / Decimal::from(3)), "16.67");
    }
}
