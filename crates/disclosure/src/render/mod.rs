//! Publishing a disclosure: one view of its parts in the usual disclosure order
//! ([`view`]), rendered as a standalone HTML page or section ([`html`]) and as a workbook
//! with one sheet per part ([`xlsx`]).

pub mod html;
pub(crate) mod view;
pub mod xlsx;
