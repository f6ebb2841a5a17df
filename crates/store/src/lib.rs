//! Persistence for jixiao: one [`Store`] over SQLite (default, one file) or PostgreSQL,
//! written once through sqlx's `Any` driver.
//!
//! - [`db`]: opening the database (WAL and foreign keys on SQLite), write transactions.
//! - [`schema`]: the embedded migrations (`migrations/*.sql`), rendered per backend.
//! - [`text`]: the limits and characters every stored text keeps to (import and service).
//! - [`import`]: the import pipeline. Each document is read by `jixiao-office`, reviewed by
//!   `jixiao-review` and stored in one transaction: all of it or nothing. The same bytes
//!   twice change nothing; changed bytes become a new revision and the old one is kept.
//!   [`ReadDocument`] is a reading not yet stored and [`import_read`] stores exactly it, so a
//!   caller can check what it read (the service: the uploader's department, via
//!   [`ImportOptions::department`]) before the same reading is written.
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
pub mod text;
pub mod time;

pub use db::{Backend, Store, WriteTx};
pub use error::{ImportError, StoreError};
pub use import::{
    diff_revisions, import_document, import_paths, import_read, load_demo, ImportOptions,
    ImportOutcome, ImportSummary, ReadDocument, RevisionDiff, MAX_INDEXED_TEXT,
};
