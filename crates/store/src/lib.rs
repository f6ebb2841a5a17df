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
//! - [`import`]: the import pipeline. Each document is read by `jixiao-office`, reviewed by
//!   `jixiao-review` and stored in one transaction: all of it or nothing. The same bytes
//!   twice change nothing; changed bytes become a new revision and the old one is kept.
//!   [`ReadDocument`] is a reading not yet stored and [`import_read`] stores exactly it, so a
//!   caller can check what it read (the service: the uploader's department, via
//!   [`ImportOptions::department`]) before the same reading is written.
//!   The import's audit entry is written in the same transaction. Batches
//!   ([`import_paths`]) read on blocking threads, several files at once; parallel imports
//!   of one department share its organisation row (inserts yield `ON CONFLICT`).

mod accounts;
pub mod db;
mod documents;
pub mod domain;
mod edit;
pub mod error;
pub mod import;
pub mod model;
mod monitoring;
mod read;
pub mod schema;
mod search;
mod sql;
mod summary;
pub mod text;
pub mod time;

pub use db::{Backend, Store};
pub use error::StoreError;
pub use import::{
    diff_revisions, ImportError, import_document, import_paths, import_read, load_demo, ImportOptions,
    ImportOutcome, ImportSummary, ReadDocument, RevisionDiff, MAX_INDEXED_TEXT,
};
pub use model::*;

/// A value as audit-log JSON (before/after).
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
