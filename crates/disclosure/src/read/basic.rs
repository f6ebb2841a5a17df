//! 一、部门职责、机构设置等基本情况: the duties as a list, the units as a table.

use jixiao_model::text::{squeeze, strip_enumerator, trim};
use jixiao_model::Located;
use jixiao_read::layout::{Block, Table};

use super::{sub_heading, Notes};
use crate::model::{Disclosure, Institution};

pub(crate) fn read(body: &[&Block], d: &mut Disclosure, notes: &mut Notes) {
    for block in body {
        match block {
            Block::Paragraph { text, line } => {
                if sub_heading(text).is_some() || trim(text).is_empty() {
                    continue;
                }
                let (duty, _) = strip_enumerator(text);
                d.duties.push(Located::new(
                    duty.to_string(),
                    jixiao_model::Origin::line(*line),
                ));
            }
            Block::Table(t) => institutions(t, d, notes),
        }
    }
}

/// `单位名称 | 单位性质 | 单位规格 | 经费保障形式` and one row per unit.
fn institutions(table: &Table, d: &mut Disclosure, notes: &mut Notes) {
    let Some(header_at) = table
        .rows
        .iter()
        .position(|r| r.cells.iter().any(|c| c.squeezed().contains("单位名称")))
    else {
        notes.info(
            table
                .rows
                .first()
                .map(|r| {
                    r.cells
                        .first()
                        .map_or_else(|| jixiao_model::Origin::line(r.line), |c| c.origin())
                })
                .unwrap_or_default(),
            "基本情况中的表格没有“单位名称”列，未读取",
        );
        return;
    };
    let header = &table.rows[header_at];
    let col = |words: &[&str]| {
        header
            .cells
            .iter()
            .position(|c| words.iter().any(|w| c.squeezed().contains(w)))
    };
    let name = col(&["单位名称"]);
    let nature = col(&["性质"]);
    let rank = col(&["规格", "级别"]);
    let funding = col(&["经费", "保障"]);
    for row in &table.rows[header_at + 1..] {
        let get = |i: Option<usize>| {
            i.and_then(|i| row.cells.get(i))
                .map(|c| squeeze(&c.text))
                .filter(|s| !s.is_empty())
        };
        let Some(unit) = get(name) else { continue };
        d.institutions.push(Institution {
            name: unit,
            nature: get(nature),
            rank: get(rank),
            funding: get(funding),
            at: jixiao_model::Origin::line(row.line),
        });
    }
}
