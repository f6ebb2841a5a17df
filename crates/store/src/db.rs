//! Opening the database: one [`Store`] over SQLite or PostgreSQL through sqlx's `Any`
//! driver, so every query below is written once with `$1` placeholders for both.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyConnection, AnyPool, Connection, Executor};
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
    /// that, while reads stay concurrent (WAL). Every write runs on one dedicated connection
    /// behind this lock (opened at the first write): its page cache stays valid from one write
    /// transaction to the next (a pooled connection's cache is thrown away whenever another
    /// connection has written, so each import re-read the index pages it touched: 3.5% of a
    /// bulk import's time in pread alone, measured), and it may have a larger cache and keep
    /// its statement journals in memory. PostgreSQL needs no such lock.
    write_lock: Option<Arc<Mutex<Writer>>>,
    /// How to open the SQLite writer connection.
    sqlite_options: Option<Arc<AnyConnectOptions>>,
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

/// SQLite's one writing connection (see [`Store`]'s `write_lock`).
#[derive(Default)]
pub(crate) struct Writer {
    conn: Option<AnyConnection>,
    /// A transaction was left open (its [`WriteTx`] dropped where no rollback could be
    /// started): rolled back before the next one begins.
    open: bool,
}

/// The SQLite writer's pragmas, besides every connection's: a 16 MiB page cache (the pages an
/// import touches — index leaves, the FTS segments being merged — stay in memory between
/// imports instead of being read back out of the WAL) and statement journals in memory (a
/// multi-row INSERT with triggers keeps one, and SQLite spilled it to a new temporary file in
/// /var/tmp for every document past 64 KiB: a file created, written and deleted per import).
const WRITER_PRAGMAS: &str = "PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY;";

enum Tx {
    Pooled(sqlx::Transaction<'static, sqlx::Any>),
    Writer(Option<OwnedMutexGuard<Writer>>),
}

/// A write transaction (holding the SQLite write lock while it lives). Dropped without
/// [`WriteTx::commit`], it is rolled back.
pub(crate) struct WriteTx {
    tx: Tx,
}

impl WriteTx {
    pub(crate) async fn commit(mut self) -> Result<(), StoreError> {
        match &mut self.tx {
            Tx::Pooled(_) => {
                let Tx::Pooled(tx) = std::mem::replace(&mut self.tx, Tx::Writer(None)) else { unreachable!() };
                tx.commit().await?;
            }
            Tx::Writer(guard) => {
                let writer = guard.as_mut().expect("写事务已结束");
                let conn = writer.conn.as_mut().expect("写入连接");
                conn.execute("COMMIT").await?;
                writer.open = false;
            }
        }
        Ok(())
    }
}

impl Drop for WriteTx {
    fn drop(&mut self) {
        let Tx::Writer(guard) = &mut self.tx else { return };
        let Some(mut guard) = guard.take() else { return };
        if !guard.open {
            return;
        }
        // Rolled back before the lock is released, so the next writer finds no transaction
        // open; where no runtime is at hand, by the next `begin_write`.
        if let Ok(handle) = tokio::runtime::Handle::try_current() {
            handle.spawn(async move {
                let rolled_back = match guard.conn.as_mut() {
                    Some(conn) => conn.execute("ROLLBACK").await.is_ok(),
                    None => true,
                };
                if rolled_back {
                    guard.open = false;
                } else {
                    // A connection that cannot roll back is not used again.
                    guard.conn = None;
                    guard.open = false;
                }
            });
        }
    }
}

impl std::ops::Deref for WriteTx {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &Self::Target {
        match &self.tx {
            Tx::Pooled(tx) => tx,
            Tx::Writer(guard) => guard.as_ref().and_then(|g| g.conn.as_ref()).expect("写入连接"),
        }
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        match &mut self.tx {
            Tx::Pooled(tx) => tx,
            Tx::Writer(guard) => guard.as_mut().and_then(|g| g.conn.as_mut()).expect("写入连接"),
        }
    }
}

/// Every SQLite connection's pragmas.
///
/// A checkpoint every 10,000 pages (40 MB of WAL) rather than every 1,000: pages changed by
/// many transactions in a row (index pages above all) are copied back to the database once
/// instead of ten times, and the checkpoint's fsync is paid a tenth as often (bulk imports: 6%
/// of the time, measured). Pages are read through mmap (256 MiB of the file, the OS page
/// cache's memory, shared by every connection) instead of a read call per page missing in the
/// connection's own 2 MB cache.
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 10000; PRAGMA mmap_size = 268435456;";

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
                        Backend::Sqlite => {
                            conn.execute(SQLITE_PRAGMAS).await?;
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
            .connect_with(options.clone())
            .await?;
        let write_lock = (backend == Backend::Sqlite).then(|| Arc::new(Mutex::new(Writer::default())));
        let sqlite_options = (backend == Backend::Sqlite).then(|| Arc::new(options));
        Ok(Store {
            pool,
            backend,
            url: url.into(),
            write_lock,
            sqlite_options,
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

    /// Starts a write transaction; on SQLite waits for the process's write lock first and
    /// runs it on the writer connection.
    pub(crate) async fn begin_write(&self) -> Result<WriteTx, StoreError> {
        self.begin(true).await
    }

    /// Starts an import's write transaction: as [`Store::begin_write`], but on PostgreSQL the
    /// commit does not wait for the WAL to reach the disk (`synchronous_commit = off` for this
    /// transaction only), as SQLite's `synchronous = NORMAL` does not: still all of the
    /// document or nothing, but a crash of the server may lose the last imports committed
    /// (under a second's worth), which are imported again from their files. The flush cost
    /// 3 ms a document on this machine's disk (pg_test_fsync), each import waiting for it.
    pub(crate) async fn begin_import(&self) -> Result<WriteTx, StoreError> {
        self.begin(false).await
    }

    async fn begin(&self, durable: bool) -> Result<WriteTx, StoreError> {
        let (Some(lock), Some(options)) = (&self.write_lock, &self.sqlite_options) else {
            let tx = if durable {
                self.pool.begin().await?
            } else {
                self.pool.begin_with("BEGIN; SET LOCAL synchronous_commit = off").await?
            };
            return Ok(WriteTx { tx: Tx::Pooled(tx) });
        };
        let mut guard = lock.clone().lock_owned().await;
        if guard.open {
            guard.open = false;
            if let Some(conn) = guard.conn.as_mut() {
                if conn.execute("ROLLBACK").await.is_err() {
                    guard.conn = None;
                }
            }
        }
        if guard.conn.is_none() {
            let mut conn = AnyConnection::connect_with(options).await?;
            conn.execute(SQLITE_PRAGMAS).await?;
            conn.execute(WRITER_PRAGMAS).await?;
            guard.conn = Some(conn);
        }
        // Take the write lock at BEGIN, where busy_timeout waits for it (another process may
        // be writing). A deferred transaction that reads first fails at once with "database
        // is locked" when it has to become a writer while another connection writes.
        let conn = guard.conn.as_mut().expect("写入连接");
        if let Err(e) = conn.execute("BEGIN IMMEDIATE").await {
            guard.conn = None;
            return Err(e.into());
        }
        guard.open = true;
        Ok(WriteTx { tx: Tx::Writer(Some(guard)) })
    }

    /// Closes the pool (waits for connections to return) and the SQLite writer.
    pub async fn close(&self) {
        if let Some(lock) = &self.write_lock {
            let mut writer = lock.lock().await;
            if let Some(conn) = writer.conn.take() {
                if writer.open {
                    let mut conn = conn;
                    let _ = conn.execute("ROLLBACK").await;
                    let _ = conn.close().await;
                } else {
                    let _ = conn.close().await;
                }
                writer.open = false;
            }
        }
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
