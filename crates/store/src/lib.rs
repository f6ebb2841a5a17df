//! Persistence for jixiao: one [`Store`] over SQLite (default, one file) or PostgreSQL,
//! written once through sqlx's `Any` driver. **This crate is the only one that speaks SQL**:
//! everything else calls its typed operations, which take and return the plain values of
//! [`model`] and fail with one [`StoreError`].
//!
//! - [`db`]: opening the database (WAL and foreign keys on SQLite), write transactions.
//! - [`schema`]: the embedded migrations (`migrations/*.sql`), rendered per backend.
//! - [`text`]: the limits and characters every stored text keeps to (import and service).
//! - [`model`]: what goes in and out — users, organisations, documents, projects,
//!   indicators, findings, comments, audit entries, monitoring entries, aggregates; the
//!   reader's [`Visibility`], applied in SQL by every list.
//! - The operations, by subject: accounts, sessions, tokens and the audit log
//!   (`accounts.rs`); reads (`read.rs`); edits with optimistic locking and an audit entry in
//!   the same transaction (`edit.rs`); monitoring entries (`monitoring.rs`); the dashboard's
//!   aggregates (`summary.rs`); search (`search.rs`); documents as wholes (`documents.rs`);
//!   stored rows back as `jixiao-model` values (`domain.rs`).
//! - Saving a document read elsewhere (`save.rs`, [`Store::save_revision`]): a new revision
//!   with its projects, goals, indicators, findings and audit entry in one transaction, all
//!   of it or nothing; the same bytes twice change nothing; an import restricted to one
//!   department ([`ImportOptions::department`]) is decided inside the transaction. Parallel
//!   saves of one department share its organisation row (inserts yield `ON CONFLICT`).
//!   Reading and reviewing the bytes is `jixiao-import`'s work, not this crate's.
//! - What changed between two revisions (`diff.rs`).
//! - Findings and grades kept true after edits (`rereview.rs`): every edit of a project or an
//!   indicator reviews its revision again through the installed [`Reviewer`] and replaces the
//!   stored findings and grades in the edit's own transaction.
//! - A published self-evaluation (自评表) is kept beside its targets: each row's 实际完成值, 得分
//!   and 偏差原因, each project's funds block, 实际完成情况, total and grade; `cycle.rs` finds a
//!   project's partner of the other kind ([`Store::paired_project`]).

mod accounts;
mod compare;
mod cycle;
pub mod db;
mod diff;
mod documents;
pub mod domain;
mod edit;
pub mod error;
pub mod model;
mod monitoring;
mod read;
mod rereview;
mod rows;
mod save;
pub mod schema;
mod search;
mod sql;
mod summary;
pub mod text;
#[cfg(feature = "testing")]
pub mod testing;
pub mod time;

pub use compare::FiguresOf;
pub use cycle::PairedProject;
pub use db::{Backend, Store};
pub use diff::{DiffRow, FieldChange, RevisionDiff};
pub use edit::Flowing;
pub use error::StoreError;
pub use rereview::{Reviewed, Reviewer, StoredProject, StoredRevision};
pub use save::{ImportOptions, ImportOutcome, MAX_INDEXED_TEXT};
pub use model::*;

/// A value as audit-log JSON (before/after).
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
