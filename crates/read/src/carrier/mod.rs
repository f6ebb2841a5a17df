//! Carriers turn a file's text into [`Block`](crate::layout::Block)s. Each knows one way
//! tables get flattened into text; none knows anything about performance targets.

pub mod cell_html;
pub mod text;
