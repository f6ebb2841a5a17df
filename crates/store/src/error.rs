//! The store's typed errors; every message is Chinese, for users.

/// 存储层错误。
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("数据库地址无效：{0}（应为 sqlite://文件路径 或 postgres://…）")]
    BadUrl(String),
    #[error("数据库错误：{0}")]
    Database(#[from] sqlx::Error),
    #[error("数据库结构迁移失败：{0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// 乐观锁冲突：写入时提交的版本已过期。
    #[error(
        "{entity} {id} 已被他人修改：当前版本为 {actual}，提交的版本为 {expected}，请刷新后重试"
    )]
    Conflict {
        entity: &'static str,
        id: i64,
        expected: i64,
        actual: i64,
    },
    #[error("{entity} {id} 不存在")]
    NotFound { entity: &'static str, id: i64 },
    /// 输入不合规（用户名重复、状态流转不允许等）。
    #[error("{0}")]
    Invalid(String),
    #[error("数据库中的数据无法解读：{0}")]
    Corrupt(String),
    /// 导入限定了部门（部门填报员），而文档印的部门不是它（或未印部门，或同名文档属于别的部门）。
    #[error("文档的部门（{}）不是允许导入的部门", printed.as_deref().unwrap_or("未印部门名称"))]
    WrongDepartment { printed: Option<String> },
}

/// 导入失败的原因。
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Read(#[from] jixiao_office::OfficeError),
    #[error("{file}：保存失败：{source}")]
    Store { file: String, source: StoreError },
    #[error("{file}：无法读取文件：{source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    /// See [`crate::ImportOptions::department`]: nothing was written.
    #[error("{file}：文档的部门（{}）不是允许导入的部门", printed.as_deref().unwrap_or("未印部门名称"))]
    WrongDepartment {
        file: String,
        printed: Option<String>,
    },
}
