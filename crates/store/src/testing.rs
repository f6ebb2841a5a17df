//! For tests and benchmarks (the `testing` feature): fresh databases to fill.

use crate::error::StoreError;
use crate::Store;

/// A fresh, migrated PostgreSQL database `name` on the server of `base_url` (whose database
/// is used to create it): dropped first when it exists.
pub async fn fresh_postgres(base_url: &str, name: &str) -> Result<Store, StoreError> {
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(StoreError::Invalid(format!("数据库名只能含字母、数字和下划线：{name}")));
    }
    let admin = Store::connect(base_url).await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(admin.pool()).await?;
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(admin.pool()).await?;
    admin.close().await;
    let (root, _) = base_url
        .rsplit_once('/')
        .ok_or_else(|| StoreError::BadUrl(base_url.to_string()))?;
    Store::open(&format!("{root}/{name}")).await
}

/// A fresh, migrated SQLite database in the file `path` (removed first, with its WAL).
pub async fn fresh_sqlite(path: &std::path::Path) -> Result<Store, StoreError> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(&p);
    }
    Store::open(&format!("sqlite://{}", path.display())).await
}
