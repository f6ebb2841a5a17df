//! The layout every carrier produces and every grammar reads: paragraphs and tables of
//! cells, each remembering its line. A new carrier (pipe tables, .docx, .xlsx) only has to
//! produce these blocks; the grammars that understand 绩效目标表 stay the same.

use jixiao_model::Origin;

/// One table cell: its text (paragraphs inside the cell joined by `\n`) and where it starts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    pub text: String,
    pub line: u32,
    /// 1-based column in its row.
    pub col: u32,
}

impl Cell {
    pub fn origin(&self) -> Origin {
        Origin::cell(self.line, self.col)
    }

    pub fn is_empty(&self) -> bool {
        jixiao_model::text::trim(&self.text).is_empty()
    }

    /// Text with white space removed: the form labels are compared in.
    pub fn squeezed(&self) -> String {
        jixiao_model::text::squeeze(&self.text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub line: u32,
}

impl Row {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }

    /// Non-empty cells.
    pub fn filled(&self) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(|c| !c.is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph { text: String, line: u32 },
    Table(Table),
}
