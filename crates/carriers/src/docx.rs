//! .docx (Word, WPS) → blocks.
//!
//! Body paragraphs and tables in document order; content controls and other wrappers are
//! looked through. Tables keep Word's grid: a cell spanning columns (`gridSpan`) keeps its
//! text in the first cell and adds empty cells for the rest, except for the last cell of a
//! row: its span pads nothing (Word's text dumps print one cell there, and the grammar puts
//! rows split by blank paragraphs back together by their widths);
//! a vertically merged cell's
//! continuation (`vMerge` without `restart`) is an empty cell, as Word's text dumps print
//! it. Paragraphs inside a cell are joined with `\n`; a table nested in a cell becomes more
//! lines of that cell. Numbered paragraphs get the number Word shows (`1.`, `一、`), which is
//! not in the text, from `numbering.xml`.
//!
//! "Line" is the body paragraph or top-level table row, counted 1-based in document order.

use std::collections::HashMap;

use jixiao_read::layout::{Block, Cell, Row, Table};

use crate::error::CarrierError;
use crate::limits::{Package, MAX_CELLS, MAX_COLUMNS, MAX_ROWS};
use crate::xml::{attr, Event, Pull, XmlError};

const KIND: &str = "Word ";
const BODY: &str = "word/document.xml";

pub fn blocks(file: &str, bytes: &[u8]) -> Result<Vec<Block>, CarrierError> {
    let mut pkg = Package::open(file, KIND, bytes)?;
    let numbering = if pkg.has("word/numbering.xml") {
        let xml = pkg.text("word/numbering.xml")?;
        // Broken numbering costs the numbers, not the document.
        Numbering::parse(&xml).unwrap_or_default()
    } else {
        Numbering::default()
    };
    let body = pkg.text(BODY)?;
    let mut w = Walker {
        file,
        pull: Pull::new(&body),
        numbering,
        blocks: Vec::new(),
        line: 0,
        cells: 0,
    };
    w.document().map_err(|e| match e {
        Stop::Xml(e) => CarrierError::corrupt(file, KIND, BODY, e),
        Stop::Office(e) => e,
    })?;
    Ok(w.blocks)
}

enum Stop {
    Xml(XmlError),
    Office(CarrierError),
}

impl From<XmlError> for Stop {
    fn from(e: XmlError) -> Self {
        Stop::Xml(e)
    }
}

struct Walker<'a> {
    file: &'a str,
    pull: Pull<'a>,
    numbering: Numbering,
    blocks: Vec<Block>,
    line: u32,
    cells: usize,
}

/// A table cell being read.
#[derive(Default)]
struct CellState {
    paragraphs: Vec<String>,
    span: u32,
    continuation: bool,
}

impl Walker<'_> {
    fn document(&mut self) -> Result<(), Stop> {
        while let Some(ev) = self.pull.next()? {
            if let Event::Start {
                name, empty: false, ..
            } = ev
            {
                match name.as_str() {
                    "p" => {
                        let text = self.paragraph()?;
                        self.line += 1;
                        let mut first = true;
                        for piece in text.split('\n') {
                            if !first {
                                self.line += 1;
                            }
                            first = false;
                            let t = jixiao_model::text::trim(piece);
                            if !t.is_empty() {
                                self.blocks.push(Block::Paragraph {
                                    text: t.to_string(),
                                    line: self.line,
                                });
                            }
                        }
                    }
                    "tbl" => {
                        let rows = self.table(true)?;
                        if !rows.is_empty() {
                            self.blocks.push(Block::Table(Table { rows }));
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// Reads a paragraph after its start tag, through its end tag: the text with its list
    /// number, `\n` for line breaks.
    fn paragraph(&mut self) -> Result<String, Stop> {
        let mut text = String::new();
        let (mut in_text, mut depth) = (false, 1usize);
        let (mut num_id, mut ilvl) = (None::<String>, 0usize);
        while let Some(ev) = self.pull.next()? {
            match ev {
                Event::Start { name, attrs, empty } => {
                    match name.as_str() {
                        "t" if !empty => in_text = true,
                        // A tab stop in the paragraph properties has a position; a TAB in a run has none.
                        "tab" if attr(&attrs, "pos").is_none() => text.push(' '),
                        "br" | "cr" => text.push('\n'),
                        "numId" => num_id = attr(&attrs, "val").map(str::to_string),
                        "ilvl" => {
                            ilvl = attr(&attrs, "val")
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(0)
                        }
                        _ => {}
                    }
                    if name == "p" && !empty {
                        depth += 1;
                    }
                }
                Event::End(name) => match name.as_str() {
                    "t" => in_text = false,
                    "p" => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                },
                Event::Text(t) if in_text => text.push_str(&t),
                Event::Text(_) => {}
            }
        }
        if let Some(id) = num_id {
            if !text.trim().is_empty() {
                if let Some(prefix) = self.numbering.next(&id, ilvl.min(8)) {
                    text.insert_str(0, &prefix);
                }
            }
        }
        Ok(text)
    }

    /// Reads a table after its start tag, through its end tag. Nested tables (`top` false)
    /// do not count lines.
    fn table(&mut self, top: bool) -> Result<Vec<Row>, Stop> {
        let mut rows: Vec<Row> = Vec::new();
        let mut row: Option<Row> = None;
        let mut cell: Option<CellState> = None;
        // Columns the previous cell spans beyond its first: empty cells, added only when
        // another cell follows (a row's last span pads nothing, as Word's dumps print it).
        let mut pad = 0u32;
        while let Some(ev) = self.pull.next()? {
            match ev {
                Event::Start { name, attrs, empty } => match name.as_str() {
                    "tr" if !empty => {
                        if rows.len() as u32 >= MAX_ROWS {
                            return Err(Stop::Office(CarrierError::too_large(
                                self.file,
                                "表格行数",
                                MAX_ROWS.to_string(),
                            )));
                        }
                        if top {
                            self.line += 1;
                        }
                        row = Some(Row {
                            cells: Vec::new(),
                            line: self.line,
                        });
                        pad = 0;
                    }
                    "gridBefore" => {
                        let n: u32 = attr(&attrs, "val")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0);
                        if let Some(r) = row.as_mut() {
                            for _ in 0..n.min(MAX_COLUMNS) {
                                push_cell(r, String::new());
                            }
                        }
                    }
                    "tc" if !empty => {
                        if let Some(r) = row.as_mut() {
                            for _ in 0..std::mem::take(&mut pad) {
                                push_cell(r, String::new());
                            }
                        }
                        cell = Some(CellState {
                            span: 1,
                            ..CellState::default()
                        })
                    }
                    "gridSpan" => {
                        if let Some(c) = cell.as_mut() {
                            c.span = attr(&attrs, "val")
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(1u32)
                                .clamp(1, MAX_COLUMNS);
                        }
                    }
                    "vMerge" => {
                        if let Some(c) = cell.as_mut() {
                            c.continuation = attr(&attrs, "val") != Some("restart");
                        }
                    }
                    "p" if !empty => {
                        let text = self.paragraph()?;
                        if let Some(c) = cell.as_mut() {
                            c.paragraphs.push(text);
                        }
                    }
                    "tbl" if !empty => {
                        let nested = self.table(false)?;
                        if let Some(c) = cell.as_mut() {
                            c.paragraphs.extend(nested.iter().map(Row::as_line));
                        }
                    }
                    _ => {}
                },
                Event::End(name) => match name.as_str() {
                    "tc" => {
                        if let (Some(c), Some(r)) = (cell.take(), row.as_mut()) {
                            let text = if c.continuation {
                                String::new()
                            } else {
                                cell_text(&c.paragraphs)
                            };
                            self.count_cells(c.span as usize)?;
                            push_cell(r, text);
                            pad = c.span - 1;
                            if r.cells.len() as u32 + pad > MAX_COLUMNS {
                                return Err(Stop::Office(CarrierError::too_large(
                                    self.file,
                                    format!("表格第{}行的列数", r.line),
                                    MAX_COLUMNS.to_string(),
                                )));
                            }
                        }
                    }
                    "tr" => {
                        if let Some(r) = row.take() {
                            rows.push(r);
                        }
                    }
                    "tbl" => break,
                    _ => {}
                },
                Event::Text(_) => {}
            }
        }
        Ok(rows)
    }

    fn count_cells(&mut self, n: usize) -> Result<(), Stop> {
        self.cells += n;
        if self.cells > MAX_CELLS {
            return Err(Stop::Office(CarrierError::too_large(
                self.file,
                "表格单元格总数",
                MAX_CELLS.to_string(),
            )));
        }
        Ok(())
    }
}

fn push_cell(row: &mut Row, text: String) {
    let col = row.cells.len() as u32 + 1;
    row.cells.push(Cell {
        text,
        line: row.line,
        col,
    });
}

/// Paragraphs joined with `\n`, without the empty ones at the end.
fn cell_text(paragraphs: &[String]) -> String {
    let mut n = paragraphs.len();
    while n > 0 && paragraphs[n - 1].trim().is_empty() {
        n -= 1;
    }
    paragraphs[..n].join("\n")
}

/// List numbering (`numbering.xml`): how each level prints, and the running counters.
#[derive(Default)]
struct Numbering {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// abstractNumId → levels.
    abstracts: HashMap<String, Vec<Level>>,
    /// Running counters per abstract list, one per level.
    counters: HashMap<String, [u32; 9]>,
}

#[derive(Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering, XmlError> {
        let mut n = Numbering::default();
        let mut pull = Pull::new(xml);
        let (mut abs, mut num, mut lvl): (Option<String>, Option<String>, Option<usize>) =
            (None, None, None);
        while let Some(ev) = pull.next()? {
            let Event::Start { name, attrs, .. } = ev else {
                if let Event::End(name) = ev {
                    match name.as_str() {
                        "abstractNum" => abs = None,
                        "num" => num = None,
                        "lvl" => lvl = None,
                        _ => {}
                    }
                }
                continue;
            };
            let val = attr(&attrs, "val").map(str::to_string);
            match name.as_str() {
                "abstractNum" => abs = attr(&attrs, "abstractNumId").map(str::to_string),
                "num" => num = attr(&attrs, "numId").map(str::to_string),
                "abstractNumId" => {
                    if let (Some(id), Some(v)) = (&num, val) {
                        n.nums.insert(id.clone(), v);
                    }
                }
                "lvl" => {
                    lvl = attr(&attrs, "ilvl")
                        .and_then(|v| v.parse().ok())
                        .filter(|l| *l < 9);
                    if let (Some(a), Some(l)) = (&abs, lvl) {
                        let levels = n.abstracts.entry(a.clone()).or_default();
                        if levels.len() <= l {
                            levels.resize(l + 1, Level::default());
                        }
                        levels[l].start = 1;
                    }
                }
                "start" | "numFmt" | "lvlText" => {
                    let (Some(a), Some(l), Some(v)) = (&abs, lvl, val) else {
                        continue;
                    };
                    let Some(level) = n.abstracts.get_mut(a).and_then(|ls| ls.get_mut(l)) else {
                        continue;
                    };
                    match name.as_str() {
                        "start" => level.start = v.parse().unwrap_or(1),
                        "numFmt" => level.format = v,
                        _ => level.text = v,
                    }
                }
                _ => {}
            }
        }
        Ok(n)
    }

    /// The printed number of the next paragraph of list `num_id` at level `ilvl`.
    fn next(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let abs = self.nums.get(num_id)?.clone();
        let levels = self.abstracts.get(&abs)?;
        let level = levels.get(ilvl)?;
        if level.format == "bullet" || level.format == "none" {
            return None;
        }
        let counters = self.counters.entry(abs.clone()).or_insert([0; 9]);
        counters[ilvl] = if counters[ilvl] == 0 {
            level.start
        } else {
            counters[ilvl].saturating_add(1)
        };
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = 0;
        }
        let mut out = level.text.clone();
        for (l, lv) in levels.iter().enumerate().take(ilvl + 1) {
            let value = if counters[l] == 0 {
                lv.start
            } else {
                counters[l]
            };
            out = out.replace(&format!("%{}", l + 1), &format_number(value, &lv.format));
        }
        Some(out)
    }
}

fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographTraditional"
        | "taiwaneseCounting" => chinese(n),
        "lowerLetter" => letter(n, b'a'),
        "upperLetter" => letter(n, b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or(n.to_string(), String::from)
        }
        _ => n.to_string(),
    }
}

fn chinese(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!(
            "十{}",
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

fn letter(n: u32, base: u8) -> String {
    let n = n.max(1) - 1;
    let c = (base + (n % 26) as u8) as char;
    c.to_string().repeat(n as usize / 26 + 1)
}

fn roman(mut n: u32) -> String {
    const R: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in R {
        while n >= v && out.len() < 40 {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{docx, render};

    #[test]
    fn merges_paragraphs_in_cells_and_headings() {
        let body = r#"<w:p><w:r><w:t>1、“双控”机制建设绩效目标表</w:t></w:r></w:p>
<w:tbl>
<w:tr><w:tc><w:p><w:r><w:t>一级指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>二级指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>指标值</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>产出</w:t></w:r></w:p><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>数量指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t xml:space="preserve">≥16</w:t></w:r><w:r><w:t>次/年</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>质量指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>≥95%</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>合计</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>5.00</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl>
<w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r></w:p>"#;
        let blocks = blocks("t.docx", &docx(body, None)).unwrap();
        assert_eq!(
            render(&blocks),
            "P1 1、“双控”机制建设绩效目标表\nT\n  R2 [一级指标|二级指标|指标值]\n  R3 [产出⏎指标|数量指标|≥16次/年]\n  R4 [|质量指标|≥95%]\n  R5 [合计||5.00]\nP6 甲\nP7 乙\n"
        );
    }

    #[test]
    fn numbered_lists_print_their_numbers() {
        let numbering = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
        let item = |lvl: u32, t: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
            )
        };
        let body = [
            item(0, "总体目标"),
            item(1, "甲"),
            item(1, "乙"),
            item(0, "绩效指标"),
            item(1, "丙"),
        ]
        .concat();
        let blocks = blocks("t.docx", &docx(&body, Some(numbering))).unwrap();
        assert_eq!(
            render(&blocks),
            "P1 一、总体目标\nP2 1.甲\nP3 2.乙\nP4 二、绩效指标\nP5 1.丙\n"
        );
    }

    #[test]
    fn broken_body_names_the_part_and_line() {
        let bytes = docx("<w:p><w:r><w:t>甲</w:t></w:p>", None);
        let err = blocks("坏.docx", &bytes).unwrap_err().to_string();
        assert!(
            err.contains("坏.docx") && err.contains("word/document.xml") && err.contains("第"),
            "{err}"
        );
    }
}
