//! The REST API under `/api/v1`.

pub mod openapi;
pub mod query;
