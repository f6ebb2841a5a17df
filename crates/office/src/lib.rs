//! Office files out: writes the official tables (绩效目标表, 公开表, flat indicator rows) as
//! .xlsx, .docx, PDF, CSV and JSON, and a whole year's workbook. Reading files of any kind is
//! `jixiao-carriers`' job; what this crate writes reads back through it the same.
//!
//! It also holds the one .xlsx writer ([`write_table`]) and the one HTML writer
//! ([`write_html`]) of the table model [`jixiao_model::table`], which `jixiao-assess` (自评表,
//! summary, monitoring lights) and `jixiao-disclosure` (部门预算公开) fill with data, and the
//! monitoring template of `jixiao-assess` ([`monitoring`]), written and read back (the one
//! file it reads: its own template, filled in).

pub mod error;
pub mod flat;
pub mod form;
pub mod monitoring;
pub mod template;
pub mod write_docx;
pub mod write_html;
pub mod write_pdf;
pub mod write_table;
pub mod write_xlsx;
pub mod write_year;

pub use error::WriteError;
pub use flat::{write_csv, write_json, FlatRow};
pub use template::{write_template, TemplateFill};
pub use write_docx::write_docx;
pub use write_pdf::write_pdf;
pub use write_xlsx::write_xlsx;
pub use write_year::{IndexLine, YearWorkbook};
