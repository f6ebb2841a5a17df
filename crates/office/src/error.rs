//! Why a file could not be written.

/// A writer failed (never because of document content: every document can be written).
#[derive(Debug, thiserror::Error)]
#[error("写出{what}失败：{detail}")]
pub struct WriteError {
    pub what: String,
    pub detail: String,
}
