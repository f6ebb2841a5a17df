//! .xlsx and .xls (Excel, WPS 表格) → blocks, through calamine.
//!
//! Each sheet is a grid: rows separated by blank rows form tables; a row whose only text is
//! in its first column, outside a table, is a paragraph (titles, unit lines). Merged regions
//! keep their text in the top-left cell and leave the others empty, as Word dumps print
//! merged cells; a row's last cell merged to the table's end pads nothing (as in .docx).
//! Rows are as wide as their table otherwise: a sheet has no row ends. Numbers stored as numbers print with their cell's number format
//! (`0.00` → `5.00`, `0%` → `95%`).
//!
//! "Line" is the sheet row; with several sheets rows are counted on across sheets, and
//! [`SheetPlaces`] turns a line back into the sheet and its own row for messages.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Dimensions, Reader, Xls, Xlsx};
use jixiao_model::Origin;
use jixiao_read::layout::{Block, Cell, Row, Table};

use crate::detect::Carrier;
use crate::error::CarrierError;
use crate::limits::{Package, MAX_CELLS, MAX_COLUMNS, MAX_ROWS};
use crate::template;

const KIND: &str = "Excel ";

/// Written by `jixiao-office` in its workbook's index sheet's A1: the reader knows a jixiao
/// workbook by it, and reads its 部门整体 and project sheets only, not the derived 公开表 and
/// 指标明细 (which repeat them).
pub const EXPORT_MARK: &str = "本工作簿由 jixiao 导出";
pub const INDEX_SHEET: &str = "目录";
pub const PUBLIC_SHEET: &str = "公开表";
pub const FLAT_SHEET: &str = "指标明细";
pub const DEPARTMENT_SHEET: &str = "部门整体";

/// A workbook read: its blocks and where each sheet's lines are.
pub struct Sheets {
    pub blocks: Vec<Block>,
    pub places: SheetPlaces,
}

/// Which lines belong to which sheet.
#[derive(Debug, Default, Clone)]
pub struct SheetPlaces {
    /// (sheet name, line of its row 1).
    sheets: Vec<(String, u32)>,
}

impl SheetPlaces {
    /// `工作表“项目1”第3行第2列`.
    pub fn describe(&self, at: Origin) -> String {
        let Some((name, first)) = self.sheets.iter().rev().find(|(_, f)| *f <= at.line) else {
            return at.to_string();
        };
        let row = at.line - first + 1;
        match at.cell {
            Some(c) => format!("工作表“{name}”第{row}行第{c}列"),
            None => format!("工作表“{name}”第{row}行"),
        }
    }
}

/// One sheet's cells: text by (row, col), 0-based, and its merged regions.
#[derive(Default)]
struct Grid {
    cells: BTreeMap<(u32, u32), String>,
    merges: Vec<Dimensions>,
    /// Rows with a cell drawn with borders: where a sheet draws its tables.
    bordered: std::collections::BTreeSet<u32>,
}

pub fn blocks(file: &str, bytes: &[u8], carrier: Carrier) -> Result<Sheets, CarrierError> {
    let (mut sheets, marked) = match carrier {
        Carrier::Xls => (xls_grids(file, bytes)?, false),
        _ => xlsx_grids(file, bytes)?,
    };
    // A workbook jixiao exported: its 公开表 and 指标明细 repeat the project sheets.
    let exported = sheets.first().is_some_and(|(name, grid)| {
        name == INDEX_SHEET
            && grid.cells.get(&(0, 0)).map(String::as_str) == Some(EXPORT_MARK)
    });
    if exported {
        let derived = [
            INDEX_SHEET,
            PUBLIC_SHEET,
            FLAT_SHEET,
        ];
        sheets.retain(|(name, _)| !derived.contains(&name.as_str()));
    }
    // A filled 申报表 template is checked cell by cell before anything is read from it; its
    // 填表说明 rows are instructions, not part of the form.
    for (name, grid) in &mut sheets {
        if marked && name == template::SHEET {
            let hints: std::collections::HashSet<u32> = grid
                .cells
                .iter()
                .filter(|((_, c), t)| *c == 0 && template::is_hint(t))
                .map(|((r, _), _)| *r)
                .collect();
            grid.cells.retain(|(r, _), _| !hints.contains(r));
            let covered = covered(&grid.merges);
            let cells = grid
                .cells
                .iter()
                .filter(|(at, _)| !covered.contains(at))
                .map(|(at, t)| (*at, t.clone()))
                .collect();
            let mut problems = template::check(&cells);
            if !problems.is_empty() {
                problems.truncate(template::MAX_PROBLEMS);
                return Err(CarrierError::Template {
                    file: file.to_string(),
                    problems,
                });
            }
        }
    }
    let mut out = Sheets {
        blocks: Vec::new(),
        places: SheetPlaces::default(),
    };
    let mut first_line = 1u32;
    for (name, grid) in sheets {
        out.places.sheets.push((name, first_line));
        let rows = grid
            .cells
            .keys()
            .map(|(r, _)| *r)
            .max()
            .map_or(0, |r| r + 1);
        out.blocks.extend(grid_blocks(&grid, first_line));
        first_line = first_line.saturating_add(rows.max(1));
    }
    Ok(out)
}

/// The sheets' grids, and whether the workbook is marked as the 申报表 template.
fn xlsx_grids(file: &str, bytes: &[u8]) -> Result<(Vec<(String, Grid)>, bool), CarrierError> {
    // calamine opens the package itself: inflate every part once through the caps first.
    Package::open(file, KIND, bytes)?.check_all()?;
    let corrupt = |place: &str, e: &dyn std::fmt::Display| {
        CarrierError::corrupt(file, KIND, place.to_string(), e)
    };
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| corrupt("工作簿", &e))?;
    let marked = template::is_marked(book.defined_names().iter().map(|(n, _)| n.as_str()));
    let mut total = 0usize;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let place = format!("工作表“{name}”");
        let merges = book
            .merge_cells_by_sheet_name(&name)
            .map_err(|e| corrupt(&place, &e))?;
        let mut grid = Grid {
            merges,
            ..Grid::default()
        };
        let mut reader = book
            .worksheet_cells_reader(&name)
            .map_err(|e| corrupt(&place, &e))?;
        let formats: Vec<Option<String>> = reader
            .styles()
            .iter()
            .map(|s| s.number_format.as_ref().map(|f| f.format_code.clone()))
            .collect();
        let borders: Vec<bool> = reader
            .styles()
            .iter()
            .map(|s| s.borders.as_ref().is_some_and(|b| b.has_visible_borders()))
            .collect();
        while let Some((cell, style)) = reader
            .next_cell_with_style_id()
            .map_err(|e| corrupt(&place, &e))?
        {
            let (row, col) = cell.get_position();
            total += 1;
            if row >= MAX_ROWS || col >= MAX_COLUMNS || total > MAX_CELLS {
                return Err(too_big(file, &name, row, col, total));
            }
            if borders.get(style).copied().unwrap_or(false) {
                grid.bordered.insert(row);
            }
            let format = formats.get(style).and_then(|f| f.as_deref());
            let text = ref_text(cell.get_value(), format);
            if !text.is_empty() {
                grid.cells.insert((row, col), text);
            }
        }
        out.push((name, grid));
    }
    Ok((out, marked))
}

fn too_big(file: &str, sheet: &str, row: u32, col: u32, total: usize) -> CarrierError {
    if row >= MAX_ROWS {
        CarrierError::too_large(
            file,
            format!("工作表“{sheet}”的行数"),
            format!("{MAX_ROWS} 行"),
        )
    } else if col >= MAX_COLUMNS {
        CarrierError::too_large(
            file,
            format!("工作表“{sheet}”的列数"),
            format!("{MAX_COLUMNS} 列"),
        )
    } else {
        CarrierError::too_large(
            file,
            format!("单元格总数（{total}）"),
            MAX_CELLS.to_string(),
        )
    }
}

fn xls_grids(file: &str, bytes: &[u8]) -> Result<Vec<(String, Grid)>, CarrierError> {
    let corrupt = |place: &str, e: &dyn std::fmt::Display| {
        CarrierError::corrupt(file, KIND, place.to_string(), e)
    };
    let mut book = Xls::new(Cursor::new(bytes)).map_err(|e| corrupt("工作簿", &e))?;
    let mut out = Vec::new();
    let mut total = 0usize;
    for name in book.sheet_names() {
        let place = format!("工作表“{name}”");
        let range = book
            .worksheet_range(&name)
            .map_err(|e| corrupt(&place, &e))?;
        let merges = book
            .merge_cells_by_sheet_name(&name)
            .map_err(|e| corrupt(&place, &e))?;
        let mut grid = Grid {
            merges,
            ..Grid::default()
        };
        for (row, col, value) in range.used_cells() {
            let (row, col) = (row as u32, col as u32);
            total += 1;
            if row >= MAX_ROWS || col >= MAX_COLUMNS || total > MAX_CELLS {
                return Err(too_big(file, &name, row, col, total));
            }
            let text = data_text(value);
            if !text.is_empty() {
                grid.cells.insert((row, col), text);
            }
        }
        out.push((name, grid));
    }
    Ok(out)
}

fn ref_text(v: &DataRef<'_>, format: Option<&str>) -> String {
    match v {
        DataRef::Int(i) => number_text(*i as f64, format),
        DataRef::Float(f) => number_text(*f, format),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Bool(b) => if *b { "是" } else { "否" }.into(),
        DataRef::DateTime(d) => d.as_f64().to_string(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

fn data_text(v: &Data) -> String {
    match v {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f, None),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => if *b { "是" } else { "否" }.into(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// A number as its format shows it: percent formats multiply by 100, the count of `0`s
/// after the decimal point gives the decimals; without a format, the shortest form.
fn number_text(v: f64, format: Option<&str>) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let code = format.unwrap_or("General");
    // Only the positive section of a format (`0.00;[Red]-0.00`) counts.
    let code = code.split(';').next().unwrap_or("");
    let percent = code.contains('%');
    let decimals = code
        .split_once('.')
        .map(|(_, d)| d.chars().take_while(|c| *c == '0' || *c == '#').count());
    let v = if percent { v * 100.0 } else { v };
    let s = match decimals {
        Some(d) if code.contains('0') => format!("{v:.d$}"),
        _ if percent => format!("{v:.0}"),
        _ => {
            // General: up to 10 significant decimals, no float noise (0.1+0.2).
            let s = format!("{v:.10}");
            let s = s.trim_end_matches('0');
            s.trim_end_matches('.').to_string()
        }
    };
    if percent {
        format!("{s}%")
    } else {
        s
    }
}

/// The cells merged regions cover (all but each region's top-left).
fn covered(merges: &[Dimensions]) -> std::collections::HashSet<(u32, u32)> {
    let mut covered = std::collections::HashSet::new();
    for m in merges {
        let rows = m.start.0..=m.end.0.min(m.start.0.saturating_add(MAX_ROWS));
        for r in rows {
            for c in m.start.1..=m.end.1.min(m.start.1.saturating_add(MAX_COLUMNS)) {
                if (r, c) != m.start {
                    covered.insert((r, c));
                }
            }
        }
    }
    covered
}

/// Lays one sheet out as blocks; `first_line` is the line of the sheet's row 1.
fn grid_blocks(grid: &Grid, first_line: u32) -> Vec<Block> {
    // Merged regions: the covered cells (all but the top-left) are emptied.
    let covered = covered(&grid.merges);
    let mut rows: BTreeMap<u32, Vec<(u32, &str)>> = BTreeMap::new();
    for ((r, c), text) in &grid.cells {
        if !covered.contains(&(*r, *c)) && !text.trim().is_empty() {
            rows.entry(*r).or_default().push((*c, text.as_str()));
        }
    }
    // Runs of consecutive rows: where the sheet draws borders, a table is a run of bordered
    // rows (blank ones included) and the rows around it are not; otherwise blank rows
    // separate runs.
    let with_borders = !grid.bordered.is_empty();
    for r in &grid.bordered {
        rows.entry(*r).or_default();
    }
    let mut runs: Vec<(Vec<u32>, bool)> = Vec::new();
    let mut last: Option<u32> = None;
    for (r, cells) in &rows {
        let bordered = grid.bordered.contains(r);
        if cells.is_empty() && !bordered {
            continue;
        }
        match (last, runs.last_mut()) {
            (Some(l), Some((run, b))) if *r == l + 1 && *b == bordered => run.push(*r),
            _ => runs.push((vec![*r], bordered)),
        }
        last = Some(*r);
    }
    let line = |r: u32| first_line.saturating_add(r);
    // Merged regions in row `r` other than one starting at the text's own cell (spreadsheets
    // merge a title across the table's width).
    let anchored = |r: u32, first_col: u32| {
        grid.merges
            .iter()
            .any(|m| m.start.0 == r && m.start.1 != first_col)
    };
    let mut blocks = Vec::new();
    for (run, bordered) in runs {
        let first_col = run
            .iter()
            .flat_map(|r| rows[r].iter().map(|(c, _)| *c))
            .min()
            .unwrap_or(0);
        // A row with one text in the first column (merged across or not) and no other merged
        // cells is a paragraph (a title or unit line) at the run's edges, or inside it when the text is longer
        // than a level heading (`产出指标` alone on a row belongs to the table). Rows drawn
        // with borders, where the sheet has borders, are table rows.
        let single = |r: u32| {
            !(with_borders && bordered)
                && rows[&r].len() == 1
                && rows[&r][0].0 == first_col
                && !anchored(r, first_col)
        };
        // A run of single cells only is text, not a table.
        let all_single = run.iter().all(|r| single(*r));
        let is_paragraph = |i: usize, after_paragraph: bool| {
            let r = run[i];
            let edge = i == 0 || i + 1 == run.len();
            // Inside a run, spreadsheets merge a title across the sheet exactly as they merge a
            // piece of a row broken by blank paragraphs: the grammar's vocabulary tells them
            // apart. Single cells right under a paragraph (a section heading's body text, one
            // paragraph per row) are paragraphs too, up to the next row of several cells.
            single(r)
                && (all_single
                    || edge
                    || with_borders
                    || after_paragraph
                    || jixiao_read::grammar::looks_like_heading(rows[&r][0].1))
        };
        let mut table_rows: Vec<u32> = Vec::new();
        let mut after_paragraph = false;
        for i in 0..run.len() {
            after_paragraph = is_paragraph(i, after_paragraph);
            if after_paragraph {
                push_table(&mut blocks, grid, &rows, &table_rows, first_col, &line);
                table_rows.clear();
                blocks.push(paragraph(rows[&run[i]][0].1, line(run[i])));
            } else {
                table_rows.push(run[i]);
            }
        }
        push_table(&mut blocks, grid, &rows, &table_rows, first_col, &line);
    }
    blocks
}

/// Lays rows out as a table of the width of its widest row (merged regions included), or
/// continues the table just before when only blank rows separated them.
fn push_table(
    blocks: &mut Vec<Block>,
    grid: &Grid,
    rows: &BTreeMap<u32, Vec<(u32, &str)>>,
    table_rows: &[u32],
    first_col: u32,
    line: &dyn Fn(u32) -> u32,
) {
    if table_rows.is_empty() {
        return;
    }
    // A merged region's columns count for the row width even when only its first holds text.
    let width_of = |r: u32| {
        grid.merges
            .iter()
            .filter(|m| m.start.0 <= r && r <= m.end.0)
            .map(|m| m.end.1 + 1)
            .max()
            .unwrap_or(0)
    };
    let last_col = table_rows
        .iter()
        .map(|r| {
            let text_end = rows[r].iter().map(|(c, _)| c + 1).max().unwrap_or(0);
            text_end.max(width_of(*r))
        })
        .max()
        .unwrap_or(first_col + 1);
    let mut table = Table::default();
    for r in table_rows {
        let l = line(*r);
        let mut cells: Vec<Cell> = (first_col..last_col)
            .map(|c| Cell {
                text: String::new(),
                line: l,
                col: c + 1,
            })
            .collect();
        for (c, text) in &rows[r] {
            if let Some(cell) = cells.get_mut((c - first_col) as usize) {
                cell.text = text.replace("\r\n", "\n");
            }
        }
        // The row's last cell spanning to the end pads nothing, as in Word tables.
        if let Some(end) = last_span_start(&grid.merges, *r, first_col, last_col) {
            cells.truncate((end - first_col + 1) as usize);
        }
        table.rows.push(Row { cells, line: l });
    }
    // Blank rows inside a table split it into runs: put it back together.
    if let Some(Block::Table(prev)) = blocks.last_mut() {
        let same_start = prev
            .rows
            .first()
            .and_then(|r| r.cells.first())
            .is_some_and(|c| c.col == first_col + 1);
        if same_start {
            prev.rows.extend(table.rows);
            return;
        }
    }
    blocks.push(Block::Table(table));
}

/// The column of a merged region anchored in row `r` that reaches the table's last column,
/// when the cells after it are all covered by it.
fn last_span_start(merges: &[Dimensions], r: u32, first_col: u32, last_col: u32) -> Option<u32> {
    merges
        .iter()
        .filter(|m| m.start.0 == r && m.start.1 >= first_col && m.end.1 + 1 >= last_col)
        .map(|m| m.start.1)
        .min()
}

fn paragraph(text: &str, line: u32) -> Block {
    Block::Paragraph {
        text: jixiao_model::text::trim(text).to_string(),
        line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::render;

    #[test]
    fn numbers_print_as_formatted() {
        let cases = [
            (5.0, Some("0.00"), "5.00"),
            (0.95, Some("0%"), "95%"),
            (0.955, Some("0.0%"), "95.5%"),
            (135.99, None, "135.99"),
            (0.1 + 0.2, None, "0.3"),
            (12.0, Some("General"), "12"),
            (-3.5, Some("#,##0.00;[Red]-#,##0.00"), "-3.50"),
        ];
        for (v, f, want) in cases {
            assert_eq!(number_text(v, f), want, "{v} {f:?}");
        }
    }

    #[test]
    fn sheets_become_paragraphs_and_tables() {
        let mut g = Grid::default();
        let put = |g: &mut Grid, r: u32, c: u32, t: &str| {
            g.cells.insert((r, c), t.to_string());
        };
        put(&mut g, 0, 0, "1、甲项目绩效目标表");
        put(&mut g, 1, 0, "一级指标");
        put(&mut g, 1, 1, "二级指标");
        put(&mut g, 1, 2, "指标值");
        put(&mut g, 2, 0, "产出指标");
        put(&mut g, 2, 1, "数量指标");
        put(&mut g, 2, 2, "≥1次");
        put(&mut g, 3, 0, "被合并遮住的文字");
        put(&mut g, 3, 1, "质量指标");
        put(&mut g, 4, 0, "绩效目标");
        put(&mut g, 4, 1, "完成工作");
        put(&mut g, 6, 0, "单位：万元");
        g.merges.push(Dimensions::new((2, 0), (3, 0)));
        g.merges.push(Dimensions::new((4, 1), (4, 2)));
        put(&mut g, 5, 0, "2、乙项目绩效目标表");
        put(&mut g, 7, 0, "效益指标");
        put(&mut g, 7, 1, "社会效益指标");
        put(&mut g, 8, 0, "满意度");
        put(&mut g, 9, 0, "满意度指标");
        put(&mut g, 9, 1, "服务对象满意度指标");
        assert_eq!(
            render(&grid_blocks(&g, 1)),
            "P1 1、甲项目绩效目标表\nT\n  R2 [一级指标|二级指标|指标值]\n  R3 [产出指标|数量指标|≥1次]\n  R4 [|质量指标|]\n  R5 [绩效目标|完成工作]\nP6 2、乙项目绩效目标表\nP7 单位：万元\nT\n  R8 [效益指标|社会效益指标]\n  R9 [满意度|]\n  R10 [满意度指标|服务对象满意度指标]\n"
        );
    }

    #[test]
    fn places_name_the_sheet() {
        let places = SheetPlaces {
            sheets: vec![("目录".into(), 1), ("项目1".into(), 11)],
        };
        assert_eq!(
            places.describe(Origin::cell(13, 2)),
            "工作表“项目1”第3行第2列"
        );
        assert_eq!(places.describe(Origin::line(4)), "工作表“目录”第4行");
    }
}
