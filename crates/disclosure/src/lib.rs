//! 部门预算公开：读取、核对并发布绩效目标周围的预算说明。
//!
//! A department's budget disclosure (seed 004 is one) prints, around its performance
//! targets, its duties and units, income and spending against last year, 机关运行经费,
//! “三公”经费, government procurement by item, state assets and term definitions. This
//! crate reads those parts from the shared layout blocks ([`read_disclosure`]), checks that
//! their figures agree with each other and with the target tables ([`check`]: the rule set
//! `JX-D001`… of the one rule engine, `jixiao-rules`), and lays them out for publication
//! ([`publication`]: sections of paragraphs and tables of the one table model,
//! `jixiao_model::table`), which `jixiao-office` draws as an HTML page or section and as a
//! workbook. Like the other rule sets it does no IO and writes no files.
//!
//! ```no_run
//! let bytes = std::fs::read("004.txt").unwrap();
//! let (blocks, _) = jixiao_read::text_blocks("004.txt", &bytes).unwrap();
//! let (disclosure, _notes) = jixiao_disclosure::read_disclosure(&blocks);
//! let (document, _) = jixiao_read::read_blocks("004.txt", &blocks).unwrap();
//! if let Some(d) = disclosure {
//!     let settings = jixiao_rules::Settings::default();
//!     for f in jixiao_disclosure::check(&d, &document, &settings) {
//!         println!("{}", f.message);
//!     }
//!     let publication = jixiao_disclosure::publication(&d);
//!     assert!(!publication.sections.is_empty());
//! }
//! ```

mod check;
mod figures;
pub mod model;
mod read;
mod render;

pub use check::check;
pub use model::*;
pub use read::read_disclosure;
pub use render::view::{publication, title};

/// Reads the disclosure of a document given as bytes (any text encoding `jixiao-read`
/// knows): the blocks step and [`read_disclosure`] in one call.
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
) -> Result<(Option<Disclosure>, Vec<jixiao_model::Diagnostic>), jixiao_read::ReadError> {
    let (blocks, _) = jixiao_read::text_blocks(name, bytes)?;
    Ok(read_disclosure(&blocks))
}
