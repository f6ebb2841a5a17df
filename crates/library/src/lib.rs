//! The indicator library (指标库): one job — learn, from the indicators departments actually
//! published, what is measured and how high the bar is set, with no IO.
//!
//! [`normalise`] turns a printed indicator name into the name and key of its meaning;
//! [`Library::build`] groups every indicator of every stored project into [`Entry`]s (who
//! uses them, the years, the target values per unit, 共性 across sectors or sector-specific,
//! with [`sector`] reading a department's sector from its name); [`suggest`]
//! ranks stored projects by BM25 over character bigrams and offers their indicators to a new
//! project; [`benchmark`] compares targets with last year's actuals, budgets and peers (the
//! rules `JX-B001`…`B005` of the one catalogue, `jixiao_rules::Finding`s);
//! [`compare`] finds the same project across years and sums up the departments of a year.
//! Callers read the projects from the store and pass them in: the service's `library` module
//! (jixiao-server: API, pages, and the `jixiao library` command through it), from exactly what
//! the caller may see.

pub mod benchmark;
pub mod compare;
pub mod entry;
pub mod normalise;
pub mod sector;
pub mod suggest;
#[cfg(test)]
mod update_tests;

pub use benchmark::{Benchmarks, DepartmentStats, Thresholds};

/// Which of `len` current sources an update adds: those no `moved[old] = Some(new)` names
/// (the library's and the similarity index's updates take changes the same way).
pub(crate) fn added_sources(len: usize, moved: &[Option<usize>]) -> Vec<bool> {
    let mut added = vec![true; len];
    for &m in moved.iter().flatten() {
        added[m] = false;
    }
    added
}
pub use entry::{Entry, Library, Options, SourceProject, ValueStats};
pub use normalise::{meaning_key, normalise, Normalised};
pub use sector::sector_of;
pub use suggest::{suggest, suggest_without, Draft, SimilarityIndex, Suggestion};

/// 指标库的错误。
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LibraryError {
    /// `show` named no entry.
    #[error("指标库中没有“{0}”这一条目")]
    NoSuchEntry(String),
    /// `show` named several entries.
    #[error("“{0}”对应多个条目：{1}")]
    Ambiguous(String, String),
}
