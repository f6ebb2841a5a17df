//! The store's one error type; every message is Chinese, for users. Callers map the kinds
//! (the service: [`StoreError::NotFound`] → 404, [`StoreError::Stale`] and
//! [`StoreError::Conflict`] → 409, [`StoreError::Invalid`] → 422, the rest → 500).

/// 存储层错误。
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("数据库地址无效：{0}（应为 sqlite://文件路径 或 postgres://…）")]
    BadUrl(String),
    #[error("数据库错误：{0}")]
    Database(#[from] sqlx::Error),
    #[error("数据库结构迁移失败：{0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// 乐观锁冲突：写入时提交的版本已过期（`actual` 为当前版本，记录不存在时为 0）。
    #[error("该记录已被他人修改：您提交的版本为 {expected}，当前版本为 {actual}。请重新读取后再修改。")]
    Stale { expected: i64, actual: i64 },
    /// The row does not exist (or the reader may not see it); the message says which.
    #[error("{0}")]
    NotFound(String),
    /// The write contradicts what is stored (a name taken, a token already revoked, a row
    /// still in use); the message says what.
    #[error("{0}")]
    Conflict(String),
    /// 输入不合规（文本过长、层级不对、指标不属于该项目等）。
    #[error("{0}")]
    Invalid(String),
    #[error("数据库中的数据无法解读：{0}")]
    Corrupt(String),
    /// 导入限定了部门（部门填报员），而文档印的部门不是它（或未印部门，或同名文档属于别的部门）。
    #[error("文档的部门（{}）不是允许导入的部门", printed.as_deref().unwrap_or("未印部门名称"))]
    WrongDepartment { printed: Option<String> },
}
