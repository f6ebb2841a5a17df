//! The domain model of budget performance targets (预算绩效目标), with no IO.
//!
//! A [`Document`] is what a department published for one budget year: overall goals
//! (总体绩效目标), budget units, and for every project its budget in 万元, quarterly
//! spending plan, goals and three-level indicator table. Every value read from a file keeps
//! its [`Origin`] (line, and cell where there is one) so that later review findings,
//! monitoring entries and scores can point back at what was printed.
//!
//! A published self-evaluation table (自评表) is read into the same model: each row's
//! 实际完成值, 得分 and 偏差原因 in [`RowEvaluation`] (its 分值 in `Indicator::weight`), the
//! project's funds block, 实际完成情况, total and grade as printed in [`ProjectEvaluation`]
//! (`Project::evaluation`). [`pairing`] tells whether a self-evaluation and a target table
//! are about the same project.
//!
//! [`table`] is the one table model of every printed table and report (cells with spans,
//! exact numbers, colours), drawn by `jixiao-office`'s writers.
//!
//! Readers (`jixiao-read`) build documents; review, monitoring and scoring read them; the
//! store persists them. The flat [`record::ExtractionRecord`] is the interchange view used
//! to measure reading fidelity.

pub mod category;
pub mod date;
pub mod document;
pub mod evaluation;
mod io_reason;
pub mod money;
pub mod origin;
pub mod pairing;
pub mod record;
pub mod table;
pub mod target;
pub mod text;

pub use category::{Framework, Level1, Level2};
pub use document::{
    Budget, BudgetUnit, Diagnostic, Document, Indicator, IndicatorLevel, PrintedFields, Project,
    RowEvaluation, Severity, SpendingPlan,
};
pub use evaluation::{EvaluationFunds, FundLine, ProjectEvaluation};
pub use io_reason::io_reason;
pub use money::{AmountUnit, Money};
pub use origin::{Located, Origin};
pub use rust_decimal::Decimal;
pub use target::{Comparison, Direction, Target, TargetValue};
