//! The one table model (表格模型) of every printed table and report: a titled grid of cells
//! with spans, header cells, exact numbers, colours and stable field names, and a
//! publication of sections (headings, paragraphs, tables).
//!
//! Pure data, no IO: `jixiao-assess` (the 项目支出绩效自评表, the department summary, the
//! monitoring lights), `jixiao-disclosure` (the 部门预算公开) and `jixiao-office`'s official
//! tables (绩效目标表, 公开表) build these values;
//! `jixiao-office` has the one .xlsx writer and the one HTML writer that draw them, so every
//! format shows the same cells in the same places.

use crate::Decimal;

/// How a cell's text sits in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// The writer's usual: left, numbers right (HTML), header cells centred.
    #[default]
    Auto,
    /// Filled-in text of the official tables, left aligned and wrapped.
    Left,
    /// Labels and short values of the official tables (level names, amounts, targets).
    Center,
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// What the cell shows (in HTML, and in .xlsx when it has no number).
    pub text: String,
    /// Written as a number in .xlsx, exact here; `text` shows it as printed.
    pub number: Option<Decimal>,
    /// Decimal places the number is shown with in .xlsx (`0.00` for 2).
    pub places: u32,
    pub colspan: u16,
    pub rowspan: u32,
    /// A header cell (`<th>`, bold on a pale background).
    pub header: bool,
    /// Background colour (`#188038`) behind white bold text, for lights.
    pub fill: Option<&'static str>,
    /// A pale background behind the usual text, to mark a cell (`#f4c7c3`).
    pub mark: Option<&'static str>,
    /// A stable name for tests and scripts (`data-field` in HTML).
    pub field: Option<&'static str>,
    pub align: Align,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            number: None,
            places: 0,
            colspan: 1,
            rowspan: 1,
            header: false,
            fill: None,
            mark: None,
            field: None,
            align: Align::Auto,
        }
    }

    pub fn head(text: impl Into<String>) -> Cell {
        Cell { header: true, ..Cell::text(text) }
    }

    /// An empty cell.
    pub fn empty() -> Cell {
        Cell::text("")
    }

    /// A number shown as `text`, written in .xlsx as `value` with `places` decimals.
    pub fn number(value: Decimal, places: u32, text: impl Into<String>) -> Cell {
        Cell { number: Some(value), places, ..Cell::text(text) }
    }

    /// A number printed as it is (`861.04`, `3`), with its own places.
    pub fn exact(value: Decimal) -> Cell {
        Cell::number(value, value.scale(), value.to_string())
    }

    pub fn span(mut self, cols: u16) -> Cell {
        self.colspan = cols;
        self
    }

    pub fn rows(mut self, rows: u32) -> Cell {
        self.rowspan = rows;
        self
    }

    pub fn field(mut self, name: &'static str) -> Cell {
        self.field = Some(name);
        self
    }

    pub fn fill(mut self, color: &'static str) -> Cell {
        self.fill = Some(color);
        self
    }

    pub fn mark(mut self, color: &'static str) -> Cell {
        self.mark = Some(color);
        self
    }

    pub fn align(mut self, align: Align) -> Cell {
        self.align = align;
        self
    }
}

/// A cell with the (row, column) of the grid it starts at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed<'a> {
    pub row: u32,
    pub col: u16,
    pub cell: &'a Cell,
}

/// A table: an optional title and subtitle above rows of cells, notes below.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Printed above the table (empty: no title row).
    pub title: String,
    pub subtitle: Option<String>,
    /// Number of columns of the table.
    pub width: u16,
    /// Column widths in characters for .xlsx, from the first column; columns beyond take
    /// the writer's default.
    pub widths: Vec<f64>,
    pub rows: Vec<Vec<Cell>>,
    /// Notes printed under the table.
    pub notes: Vec<String>,
}

impl Table {
    /// A table with a header row and no title: the header cells, then the rows.
    pub fn with_header(header: &[&str], rows: Vec<Vec<Cell>>) -> Table {
        let mut all = vec![header.iter().map(|h| Cell::head(*h)).collect::<Vec<_>>()];
        all.extend(rows);
        Table { width: header.len() as u16, rows: all, ..Table::default() }
    }

    /// Rows of the grid: the rows of cells, or further down where a cell spans below them.
    pub fn height(&self) -> u32 {
        let mut h = self.rows.len() as u32;
        for (row, places) in self.rows.iter().zip(self.positions()) {
            for (cell, (r, _)) in row.iter().zip(places) {
                h = h.max(r + cell.rowspan.max(1));
            }
        }
        h
    }

    /// Every cell with the place it starts at, row by row.
    pub fn placed(&self) -> Vec<Placed<'_>> {
        self.rows
            .iter()
            .zip(self.positions())
            .flat_map(|(row, places)| row.iter().zip(places).map(|(cell, (row, col))| Placed { row, col, cell }))
            .collect()
    }

    /// The (row, column) each cell starts at, skipping places taken by spans from above.
    pub fn positions(&self) -> Vec<Vec<(u32, u16)>> {
        let mut taken: std::collections::HashSet<(u32, u16)> = std::collections::HashSet::new();
        let mut out = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            let r = r as u32;
            let mut c = 0u16;
            let mut places = Vec::new();
            for cell in row {
                while taken.contains(&(r, c)) {
                    c += 1;
                }
                places.push((r, c));
                for dr in 0..cell.rowspan.max(1) {
                    for dc in 0..cell.colspan.max(1) {
                        taken.insert((r + dr, c + dc));
                    }
                }
                c += cell.colspan.max(1);
            }
            out.push(places);
        }
        out
    }
}

/// Tables printed together: one standalone page of them in HTML, a workbook with a sheet
/// each in .xlsx (the 自评表 of a department's projects).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableSet {
    /// The page's title.
    pub title: String,
    /// Each table with the name of its worksheet.
    pub sheets: Vec<(String, Table)>,
}

/// A piece of a section: an optional heading, paragraphs, then an optional table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Piece {
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
    pub table: Option<Table>,
}

/// A section of a publication: one HTML heading, one worksheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The heading (`一、基本情况`).
    pub heading: String,
    /// The short name (`基本情况`): the worksheet's name.
    pub name: String,
    pub pieces: Vec<Piece>,
}

/// A titled document of sections (the 部门预算公开): a page in HTML, a workbook with a sheet
/// per section in .xlsx.
#[derive(Debug, Clone, PartialEq)]
pub struct Publication {
    pub title: String,
    pub sections: Vec<Section>,
    /// The worksheet name and line a workbook shows when there is no section.
    pub empty: (&'static str, &'static str),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_push_later_cells_right_and_down() {
        let table = Table {
            width: 3,
            rows: vec![vec![Cell::head("A").rows(2), Cell::text("B").span(2)], vec![Cell::text("C"), Cell::text("D")]],
            ..Table::default()
        };
        assert_eq!(table.positions(), vec![vec![(0, 0), (0, 1)], vec![(1, 1), (1, 2)]]);
    }

    #[test]
    fn exact_numbers_keep_their_places() {
        let c = Cell::exact(Decimal::new(86104, 2));
        assert_eq!((c.text.as_str(), c.places, c.number), ("861.04", 2, Some(Decimal::new(86104, 2))));
        let h = Table::with_header(&["名词", "解释"], vec![vec![Cell::text("三公"), Cell::empty()]]);
        assert_eq!((h.width, h.rows[0][0].header, h.rows[1][0].header), (2, true, false));
    }
}
