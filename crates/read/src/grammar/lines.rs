//! Tables printed one cell per line (text pulled out of PDFs or web pages without any
//! separators): a run of paragraphs that are indicator column headers (`一级指标`,
//! `二级指标`, `三级指标`, `指标值` on lines of their own) starts a grid of that width, and
//! label lines (`项目名称`, `预算数`) take the line below them as their value.
//!
//! Rows are the groups between blank lines; a group shorter than the grid lacks its merged
//! leading cells (level 1, level 2), a group of several widths holds several rows.

use std::borrow::Cow;

use jixiao_model::text::squeezed;

use super::vocab::{column, label, section_heading, Column};
use crate::layout::{Block, Cell, Row, Table};

fn paragraph(b: &Block) -> Option<(&str, u32)> {
    match b {
        Block::Paragraph { text, line } => Some((text.as_str(), *line)),
        Block::Table(_) => None,
    }
}

fn cell(text: &str, line: u32, col: u32) -> Cell {
    Cell {
        text: text.to_string(),
        line,
        col,
    }
}

/// The width of a header run starting at `blocks[i]` (consecutive lines, all column
/// names, one of them 三级指标 or 指标值), or 0.
fn header_run(blocks: &[Block], i: usize) -> usize {
    let mut n = 0;
    let mut essential = false;
    let mut last_line = None;
    while let Some((text, line)) = blocks.get(i + n).and_then(paragraph) {
        let Some(kind) = column(text) else { break };
        if last_line.is_some_and(|l| line != l + 1) {
            break;
        }
        essential |= matches!(kind, Column::Level3 | Column::Target);
        last_line = Some(line);
        n += 1;
    }
    if n >= 3 && essential {
        n
    } else {
        0
    }
}

fn ends_table(text: &str) -> bool {
    let s = squeezed(text);
    section_heading(text).is_some() || super::is_table_title(&s) || label(text).is_some()
}

/// Rebuilds one-cell-per-line tables; other blocks pass through unchanged.
pub(super) fn rebuild(blocks: &[Block]) -> Cow<'_, [Block]> {
    if !blocks
        .iter()
        .any(|b| paragraph(b).is_some_and(|(t, _)| column(t).is_some()))
    {
        return Cow::Borrowed(blocks);
    }
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut i = 0;
    while i < blocks.len() {
        // Label lines with their values: 项目名称 / 执法装备配置.
        let mut label_rows = Vec::new();
        let mut j = i;
        while let (Some((l, ll)), Some((v, vl))) = (
            blocks.get(j).and_then(paragraph),
            blocks.get(j + 1).and_then(paragraph),
        ) {
            if label(l).is_none() || label(v).is_some() || column(v).is_some() || vl != ll + 1 {
                break;
            }
            label_rows.push(Row {
                cells: vec![cell(l, ll, 1), cell(v, vl, 2)],
                line: ll,
            });
            j += 2;
        }
        let width = header_run(blocks, j);
        if width == 0 {
            out.push(blocks[i].clone());
            i += 1;
            continue;
        }
        let mut rows = label_rows;
        let header_line = paragraph(&blocks[j]).unwrap().1;
        let header = (0..width).map(|k| {
            let (t, l) = paragraph(&blocks[j + k]).unwrap();
            cell(t, l, k as u32 + 1)
        });
        rows.push(Row {
            cells: header.collect(),
            line: header_line,
        });
        let mut k = j + width;
        // Groups of consecutive lines.
        while k < blocks.len() {
            let mut group: Vec<(&str, u32)> = Vec::new();
            while let Some((t, l)) = blocks.get(k + group.len()).and_then(paragraph) {
                if group.last().is_some_and(|(_, pl)| l != pl + 1) || ends_table(t) {
                    break;
                }
                group.push((t, l));
            }
            let fits = !group.is_empty() && (group.len() < width || group.len().is_multiple_of(width));
            if !fits {
                break;
            }
            for chunk in group.chunks(width) {
                let pad = width - chunk.len();
                let mut cells: Vec<Cell> = (0..pad)
                    .map(|c| cell("", chunk[0].1, c as u32 + 1))
                    .collect();
                cells.extend(
                    chunk
                        .iter()
                        .enumerate()
                        .map(|(c, (t, l))| cell(t, *l, (pad + c) as u32 + 1)),
                );
                rows.push(Row {
                    cells,
                    line: chunk[0].1,
                });
            }
            k += group.len();
        }
        out.push(Block::Table(Table { rows }));
        i = k;
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::carrier::text::blocks;

    #[test]
    fn one_cell_per_line() {
        let text = "项目名称\n执法装备配置\n预算数\n20\n一级指标\n二级指标\n三级指标\n指标值\n\n产出指标\n数量指标\n配置执法记录仪\n≥10台\n\n配置执法车辆\n=2辆\n\n效益指标\n社会效益指标\n执法效率\n提高\n\n二、下一节\n";
        let laid_out = blocks(text);
        let rebuilt = rebuild(&laid_out);
        let Block::Table(t) = &rebuilt[0] else {
            panic!("{rebuilt:?}")
        };
        let rows: Vec<Vec<&str>> = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(
            rows,
            vec![
                vec!["项目名称", "执法装备配置"],
                vec!["预算数", "20"],
                vec!["一级指标", "二级指标", "三级指标", "指标值"],
                vec!["产出指标", "数量指标", "配置执法记录仪", "≥10台"],
                vec!["", "", "配置执法车辆", "=2辆"],
                vec!["效益指标", "社会效益指标", "执法效率", "提高"],
            ]
        );
        assert_eq!(
            rebuilt.len(),
            2,
            "the heading after the table stays a paragraph"
        );
    }
}
