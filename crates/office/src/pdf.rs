//! .pdf → blocks (stub while building).
use jixiao_read::layout::Block;
use crate::error::OfficeError;
pub fn blocks(file: &str, _bytes: &[u8]) -> Result<Vec<Block>, OfficeError> {
    Err(OfficeError::NeedsOcr { file: file.to_string() })
}
