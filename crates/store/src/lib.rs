//! Persistence for jixiao: one [`Store`] over SQLite (default, one file) or PostgreSQL,
//! written once through sqlx's `Any` driver.
//!
//! - [`db`]: opening the database (WAL and foreign keys on SQLite), write transactions.
//! - [`schema`]: the embedded migrations (`migrations/*.sql`), rendered per backend.
//! - [`import`]: the import pipeline. Each document is read by `jixiao-read`, reviewed by
//!   `jixiao-review` and stored in one transaction: all of it or nothing. The same bytes
//!   twice change nothing; changed bytes become a new revision and the old one is kept.
//!   The import's audit entry is written in the same transaction. Batches
//!   ([`import_paths`]) read on blocking threads, several files at once; parallel imports
//!   of one department share its organisation row (inserts yield `ON CONFLICT`).
//!
//! Accounts, sessions, workflow and the audit log are tables of the same schema; the HTTP
//! service (`jixiao-server`) reads and writes them in its own transactions.

pub mod db;
pub mod error;
pub mod import;
pub mod schema;
pub mod time;

pub use db::{Backend, Store, WriteTx};
pub use error::{ImportError, StoreError};
pub use import::{
    diff_revisions, import_document, import_paths, load_demo, ImportOptions, ImportOutcome,
    ImportSummary, RevisionDiff, MAX_INDEXED_TEXT,
};
