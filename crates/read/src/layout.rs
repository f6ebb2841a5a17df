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

    /// The row as one line: its cells' texts, empty ones left out, joined by a space (a table
    /// nested in a cell becomes lines of that cell).
    pub fn as_line(&self) -> String {
        let texts: Vec<&str> = self
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        texts.join(" ")
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

/// Blocks as compact text, for tests and for looking at what a carrier made of a file:
/// `P<line> text` for paragraphs, `T` then `  R<line> [a|b]` rows for tables; `⏎` marks a
/// line break inside a cell.
pub fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Paragraph { text, line } => out.push_str(&format!("P{line} {text}\n")),
            Block::Table(t) => {
                out.push_str("T\n");
                for r in &t.rows {
                    let cells: Vec<String> =
                        r.cells.iter().map(|c| c.text.replace('\n', "⏎")).collect();
                    out.push_str(&format!("  R{} [{}]\n", r.line, cells.join("|")));
                }
            }
        }
    }
    out
}
