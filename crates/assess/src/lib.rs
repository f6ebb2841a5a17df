//! 运行监控与自评评分：in-year monitoring with warning lights (预警灯), year-end
//! self-evaluation scoring (项目支出绩效自评), and the files around them (the monitoring
//! template, the 项目支出绩效自评表 and a department summary, as .xlsx and HTML).
//!
//! The core (`monitoring`, `lights`, `scoring`) is pure computation on a
//! [`jixiao_model::Document`] and entered figures, with exact decimals. Projects and
//! indicators are identified by position in the document (project index, indicator index).

pub mod actual;
pub mod error;
pub mod form;
pub mod lights;
pub mod monitoring;
pub mod report;
pub mod scoring;
pub mod xlsx;

#[cfg(test)]
pub(crate) mod testdoc;

use jixiao_model::Decimal;

/// Rounds to 2 places (half away from zero) for display; computations stay exact.
pub fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// A score or rate as printed: two decimals (`16.67`, `100.00`).
pub fn fmt2(d: Decimal) -> String {
    format!("{:.2}", round2(d))
}

pub use actual::{ActualValue, QualitativeBand, TargetKind};
pub use error::{InputError, Place};
pub use monitoring::{DeviationCause, IndicatorProgress, Likelihood, MonitoringReport, Period, ProjectMonitoring};
pub use scoring::{score, score_document, Grade, ProjectScore, ScoringConfig, SelfEvaluation};
pub use lights::{project_lights, Light, LightConfig, ProjectLights};
pub use report::{department_summary, self_evaluation_html, department_summary_html, lights_html, DepartmentSummary};
