//! Opening the database: one [`Store`] over SQLite or PostgreSQL through sqlx's `Any`
//! driver, so every query below is written once with `$1` placeholders for both.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::error::StoreError;

/// 数据库种类。
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The persistent store: a connection pool plus what the backend needs.
///
/// Cheap to clone (the pool and the write lock are shared).
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// The URL connected to (normalised): which database this is.
    url: Arc<str>,
    /// SQLite allows one writer at a time and fails rather than waits when a reading
    /// transaction tries to become a writer; serialising writes inside the process avoids
    /// that, while reads stay concurrent (WAL). PostgreSQL needs no such lock.
    write_lock: Option<Arc<Mutex<()>>>,
    /// Reviews a revision again after an edit (`rereview.rs`); none: edits leave findings
    /// and grades as they were.
    pub(crate) reviewer: Option<Arc<dyn crate::Reviewer>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend)
            .finish()
    }
}

/// A write transaction (holding the SQLite write lock while it lives).
pub(crate) struct WriteTx {
    pub(crate) tx: sqlx::Transaction<'static, sqlx::Any>,
    _guard: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub(crate) async fn commit(self) -> Result<(), StoreError> {
        self.tx.commit().await?;
        Ok(())
    }
}

impl std::ops::Deref for WriteTx {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

/// Turns what a user may type into a URL sqlx accepts: a bare path or `sqlite://path` means a
/// SQLite file created when missing.
fn normalise_url(url: &str) -> Result<(String, Backend), StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok((url.to_string(), Backend::Postgres));
    }
    if url.contains("://") && !url.starts_with("sqlite://") {
        return Err(StoreError::BadUrl(url.to_string()));
    }
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    if path.is_empty() || path == ":memory:" {
        // Every pooled connection would see its own empty in-memory database.
        return Err(StoreError::BadUrl(url.to_string()));
    }
    let query = if query.is_empty() {
        "mode=rwc".to_string()
    } else {
        query.to_string()
    };
    Ok((format!("sqlite://{path}?{query}"), Backend::Sqlite))
}

impl Store {
    /// Connects and brings the schema up to date (creating it on a new database).
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        let store = Store::connect(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Connects without touching the schema.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let (url, backend) = normalise_url(url)?;
        let options = AnyConnectOptions::from_str(&url)
            .map_err(|e| StoreError::BadUrl(format!("{url}：{e}")))?;
        let max = std::thread::available_parallelism()
            .map_or(4, |n| n.get() as u32 * 4)
            .max(4);
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    match backend {
                        // A checkpoint every 10,000 pages (40 MB of WAL) rather than every 1,000:
                        // pages changed by many transactions in a row (index pages above all) are
                        // copied back to the database once instead of ten times, and the checkpoint's
                        // fsync is paid a tenth as often (bulk imports: 6% of the time, measured).
                        // Pages are read through mmap (256 MiB of the file, the OS page cache's
                        // memory, shared by every connection) instead of a read call per page
                        // missing in the connection's own 2 MB cache.
                        Backend::Sqlite => {
                            conn.execute("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 10000; PRAGMA mmap_size = 268435456;")
                                .await?;
                        }
                        // No JIT: on a million rows the planner's cost of a LIMIT query that
                        // stops after a few rows passes JIT's thresholds, and compiling then
                        // takes 100 ms for a query that runs in 2 ms.
                        Backend::Postgres => {
                            conn.execute("SET jit = off").await?;
                        }
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        let write_lock = (backend == Backend::Sqlite).then(|| Arc::new(Mutex::new(())));
        Ok(Store {
            pool,
            backend,
            url: url.into(),
            write_lock,
            reviewer: None,
        })
    }

    /// Applies the embedded migrations not yet applied.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        crate::schema::migrator(self.backend)
            .run(&self.pool)
            .await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Which database this is (its URL): a key for caches kept per database.
    pub fn identity(&self) -> &str {
        &self.url
    }

    /// The pool. Only this crate speaks SQL; with the `testing` feature, tests (this crate's
    /// and the service's) may look at what was stored, or break it on purpose.
    #[cfg(feature = "testing")]
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    #[cfg(not(feature = "testing"))]
    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Starts a write transaction; on SQLite waits for the process's write lock first.
    pub(crate) async fn begin_write(&self) -> Result<WriteTx, StoreError> {
        let guard = match &self.write_lock {
            Some(lock) => Some(lock.clone().lock_owned().await),
            None => None,
        };
        // SQLite: take the write lock at BEGIN, where busy_timeout waits for it. A deferred
        // transaction that reads first fails at once with "database is locked" when it has
        // to become a writer while an earlier, dropped write transaction on another connection
        // still awaits its rollback (the in-process lock is released before that runs).
        let tx = match guard {
            Some(_) => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            None => self.pool.begin().await?,
        };
        Ok(WriteTx { tx, _guard: guard })
    }

    /// Closes the pool (waits for connections to return).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let cases = [
            (
                "jixiao.db",
                Some(("sqlite://jixiao.db?mode=rwc", Backend::Sqlite)),
            ),
            (
                "sqlite://data/x.db",
                Some(("sqlite://data/x.db?mode=rwc", Backend::Sqlite)),
            ),
            (
                "sqlite:x.db?mode=ro",
                Some(("sqlite://x.db?mode=ro", Backend::Sqlite)),
            ),
            (
                "postgres://u@h/db",
                Some(("postgres://u@h/db", Backend::Postgres)),
            ),
            ("mysql://u@h/db", None),
            ("sqlite::memory:", None),
            ("", None),
        ];
        for (input, want) in cases {
            let got = normalise_url(input).ok();
            assert_eq!(got.as_ref().map(|(u, b)| (u.as_str(), *b)), want, "{input}");
        }
    }
}
