//! Web pages (.html) → blocks: tables with `rowspan`/`colspan` laid on their grid (the
//! covered positions are empty cells, as Word dumps print merged cells; a row's last cell
//! spanning columns pads nothing, as in .docx), HTML inside cells
//! split into paragraphs and list items (`jixiao_read::carrier::cell_html`), and the text
//! around the tables as paragraphs. Scripts, styles, navigation and forms are skipped, so
//! a portal page with menus around its table reads like the table alone.
//!
//! The parser is lenient (unclosed `<p>`, `<td>`, `<tr>`), as published pages are.
//! "Line" is the paragraph or table row, counted 1-based in document order.
//!
//! Why a tokenizer of our own rather than `html5ever` / `scraper` (issue 14): jixiao needs
//! only tags, attributes (`rowspan`, `colspan`), text and the entity decoder it shares with
//! the cell reader, with its own limits on rows, cells and depth (`limits.rs`) enforced while
//! reading, and fuzzed (`fuzz/`). Measured on 2026-12-05 on the 2-core development machine:
//! `html5ever` 0.29 brings 31 crates and 10 s of cold build, `scraper` 0.20 65 crates and
//! 35 s, for a DOM we would walk once and throw away. Kept by hand for size and control.

use jixiao_read::carrier::cell_html::{decode_entities, fragments, Fragment};
use jixiao_read::layout::{Block, Cell, Row, Table};

use crate::error::CarrierError;
use crate::limits::{MAX_CELLS, MAX_COLUMNS, MAX_DEPTH, MAX_ROWS};

pub fn blocks(file: &str, bytes: &[u8]) -> Result<Vec<Block>, CarrierError> {
    let (text, _) = jixiao_read::decode::decode(bytes).ok_or_else(|| {
        CarrierError::corrupt(
            file,
            "网页",
            "编码",
            "无法识别文本编码（不是 UTF-8 或 GB18030）",
        )
    })?;
    let mut b = Builder {
        file,
        ..Builder::default()
    };
    for token in Tokens::new(&text) {
        b.token(token)?;
    }
    b.finish();
    Ok(b.blocks)
}

#[derive(Debug, PartialEq)]
enum Token<'a> {
    Start {
        name: String,
        attrs: &'a str,
        raw: &'a str,
    },
    End {
        name: String,
        raw: &'a str,
    },
    Text(&'a str),
}

/// Splits HTML into tags and text; comments, doctype and raw-text elements' content
/// (`script`, `style`) are dropped.
struct Tokens<'a> {
    rest: &'a str,
}

impl<'a> Tokens<'a> {
    fn new(s: &'a str) -> Self {
        Tokens { rest: s }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;
    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            let s = self.rest;
            let Some(lt) = s.find('<') else {
                self.rest = "";
                return Some(Token::Text(s));
            };
            if lt > 0 {
                self.rest = &s[lt..];
                return Some(Token::Text(&s[..lt]));
            }
            if let Some(body) = s.strip_prefix("<!--") {
                self.rest = body.find("-->").map_or("", |e| &body[e + 3..]);
                continue;
            }
            let after = &s[1..];
            let closing = after.starts_with('/');
            let name_start = if closing { &after[1..] } else { after };
            if !name_start.starts_with(|c: char| c.is_ascii_alphabetic())
                && !after.starts_with('!')
                && !after.starts_with('?')
            {
                // `<2次`: a `<` that starts no tag is text.
                self.rest = &s[1..];
                return Some(Token::Text(&s[..1]));
            }
            let Some(gt) = s.find('>') else {
                self.rest = "";
                return None; // a tag cut off at the end of the file
            };
            let raw = &s[..=gt];
            self.rest = &s[gt + 1..];
            if after.starts_with('!') || after.starts_with('?') {
                continue;
            }
            let name: String = name_start
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if closing {
                return Some(Token::End { name, raw });
            }
            if matches!(name.as_str(), "script" | "style" | "noscript" | "template") {
                let close = format!("</{name}");
                let lower = self.rest.to_ascii_lowercase();
                self.rest = match lower.find(&close) {
                    Some(i) => {
                        let r = &self.rest[i..];
                        r.find('>').map_or("", |g| &r[g + 1..])
                    }
                    None => "",
                };
                continue;
            }
            let attrs = &raw[1 + name.len()..raw.len() - 1];
            return Some(Token::Start { name, attrs, raw });
        }
    }
}

fn attr_number(attrs: &str, name: &str) -> Option<u32> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
        let rest = lower[at + name.len()..].trim_start();
        if let (true, Some(v)) = (before_ok, rest.strip_prefix('=')) {
            let v = v.trim_start().trim_start_matches(['"', '\'']);
            let digits: String = v.chars().take_while(|c| c.is_ascii_digit()).collect();
            return digits.parse().ok();
        }
    }
    None
}

/// A table being read: its rows of (text, colspan, rowspan) before the grid is laid out.
#[derive(Default)]
struct TableState {
    rows: Vec<(u32, Vec<(String, u32, u32)>)>,
    row_open: bool,
    /// The cell being read: its raw inner HTML, colspan, rowspan.
    cell: Option<(String, u32, u32)>,
}

#[derive(Default)]
struct Builder<'f> {
    file: &'f str,
    blocks: Vec<Block>,
    /// Open tables, innermost last.
    tables: Vec<TableState>,
    paragraph: String,
    line: u32,
    /// Inside `nav`, `header`, `footer`, `select`, `head`: depth of such elements.
    skipping: u32,
    cells: usize,
}

const BLOCK_TAGS: [&str; 16] = [
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "tr", "body",
];
const SKIPPED: [&str; 7] = [
    "nav", "header", "footer", "select", "head", "button", "form",
];

impl Builder<'_> {
    fn token(&mut self, t: Token<'_>) -> Result<(), CarrierError> {
        match t {
            Token::Start { ref name, .. } | Token::End { ref name, .. }
                if SKIPPED.contains(&name.as_str()) =>
            {
                if matches!(t, Token::Start { .. }) {
                    self.skipping += 1;
                } else {
                    self.skipping = self.skipping.saturating_sub(1);
                }
            }
            _ if self.skipping > 0 => {}
            Token::Start { name, attrs, raw } => self.start(&name, attrs, raw)?,
            Token::End { name, raw } => self.end(&name, raw),
            Token::Text(s) => {
                let in_table = !self.tables.is_empty();
                match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    Some(cell) => cell.0.push_str(s),
                    None if !in_table => self.paragraph.push_str(s),
                    None => {} // text between cells
                }
            }
        }
        Ok(())
    }

    fn start(&mut self, name: &str, attrs: &str, raw: &str) -> Result<(), CarrierError> {
        match name {
            "table" => {
                if self.tables.len() >= MAX_DEPTH {
                    return Err(CarrierError::too_large(
                        self.file,
                        "表格嵌套层数",
                        MAX_DEPTH.to_string(),
                    ));
                }
                self.flush_paragraph();
                self.tables.push(TableState::default());
            }
            "tr" if !self.tables.is_empty() => {
                self.close_row();
                let file = self.file;
                let t = self.tables.last_mut().expect("checked non-empty");
                if t.rows.len() as u32 >= MAX_ROWS {
                    return Err(CarrierError::too_large(
                        file,
                        "表格行数",
                        MAX_ROWS.to_string(),
                    ));
                }
                t.rows.push((0, Vec::new()));
                t.row_open = true;
            }
            "td" | "th" if !self.tables.is_empty() => {
                self.close_cell();
                self.cells += 1;
                if self.cells > MAX_CELLS {
                    return Err(CarrierError::too_large(
                        self.file,
                        "表格单元格总数",
                        MAX_CELLS.to_string(),
                    ));
                }
                let t = self.tables.last_mut().expect("checked non-empty");
                if !t.row_open {
                    t.rows.push((0, Vec::new()));
                    t.row_open = true;
                }
                let colspan = attr_number(attrs, "colspan")
                    .unwrap_or(1)
                    .clamp(1, MAX_COLUMNS);
                let rowspan = attr_number(attrs, "rowspan")
                    .unwrap_or(1)
                    .clamp(1, MAX_ROWS);
                t.cell = Some((String::new(), colspan, rowspan));
            }
            _ => {
                if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    cell.0.push_str(raw);
                } else if self.tables.is_empty() && BLOCK_TAGS.contains(&name) {
                    self.flush_paragraph();
                }
            }
        }
        Ok(())
    }

    fn end(&mut self, name: &str, raw: &str) {
        match name {
            "table" if !self.tables.is_empty() => {
                self.close_row();
                let t = self.tables.pop().expect("checked non-empty");
                let rows = self.lay_out(t);
                let outermost = self.tables.is_empty();
                match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    // A table nested in a cell: its rows become lines of the cell.
                    Some(cell) => {
                        for r in rows {
                            cell.0.push_str("<br>");
                            // Back into the cell's markup, which the cell splitter decodes.
                            cell.0.push_str(&jixiao_model::text::escape_html(&r.as_line()));
                        }
                    }
                    None if outermost && !rows.is_empty() => {
                        self.blocks.push(Block::Table(Table { rows }));
                    }
                    None => {}
                }
            }
            "tr" if !self.tables.is_empty() => self.close_row(),
            "td" | "th" if !self.tables.is_empty() => self.close_cell(),
            _ => {
                if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    cell.0.push_str(raw);
                } else if self.tables.is_empty() && BLOCK_TAGS.contains(&name) {
                    self.flush_paragraph();
                }
            }
        }
    }

    fn close_cell(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            if let Some((html, colspan, rowspan)) = t.cell.take() {
                if let Some(row) = t.rows.last_mut() {
                    row.1.push((cell_text(&html), colspan, rowspan));
                }
            }
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        if let Some(t) = self.tables.last_mut() {
            t.row_open = false;
        }
    }

    /// Lays rows on the table's grid: spanned positions become empty cells. Only top-level
    /// tables count lines.
    fn lay_out(&mut self, t: TableState) -> Vec<Row> {
        let top = self.tables.is_empty();
        // Per column: how many more rows a rowspan above still covers.
        let mut covering: Vec<u32> = Vec::new();
        let mut out = Vec::new();
        for (_, cells) in t.rows {
            if top {
                self.line += 1;
            }
            let line = self.line;
            let mut row = Row {
                cells: Vec::new(),
                line,
            };
            let mut col = 0usize;
            let push = |row: &mut Row, text: String| {
                let c = row.cells.len() as u32 + 1;
                row.cells.push(Cell { text, line, col: c });
            };
            let skip_covered = |row: &mut Row, col: &mut usize, covering: &mut Vec<u32>| {
                while *col < covering.len() && covering[*col] > 0 {
                    covering[*col] -= 1;
                    push(row, String::new());
                    *col += 1;
                }
            };
            // Where the padding of the row's last cell starts, when it spans columns.
            let mut last_pad = None;
            for (text, colspan, rowspan) in cells {
                skip_covered(&mut row, &mut col, &mut covering);
                last_pad = (colspan > 1).then_some(row.cells.len() + 1);
                if col + colspan as usize > MAX_COLUMNS as usize {
                    break;
                }
                if covering.len() < col + colspan as usize {
                    covering.resize(col + colspan as usize, 0);
                }
                for k in 0..colspan as usize {
                    covering[col + k] = rowspan - 1;
                    push(&mut row, if k == 0 { text.clone() } else { String::new() });
                }
                col += colspan as usize;
            }
            let before = row.cells.len();
            skip_covered(&mut row, &mut col, &mut covering);
            // The last cell's span pads nothing (as in .docx and Word's text dumps).
            if let (Some(n), true) = (last_pad, row.cells.len() == before) {
                row.cells.truncate(n);
            }
            if !row.cells.is_empty() {
                out.push(row);
            }
        }
        out
    }

    fn flush_paragraph(&mut self) {
        let text = collapse(&decode_entities(&self.paragraph));
        self.paragraph.clear();
        if !text.is_empty() {
            self.line += 1;
            self.blocks.push(Block::Paragraph {
                text,
                line: self.line,
            });
        }
    }

    fn finish(&mut self) {
        while !self.tables.is_empty() {
            self.end("table", "</table>");
        }
        self.flush_paragraph();
    }
}

/// A cell's inner HTML as text: paragraphs and list items on lines of their own.
fn cell_text(html: &str) -> String {
    let lines: Vec<String> = fragments(html)
        .into_iter()
        .map(|f| match f {
            Fragment::Paragraph(t) | Fragment::Item(t) => collapse(&t),
        })
        .filter(|t| !t.is_empty())
        .collect();
    // `fragments` decodes the entities it knows; the rest (≥ as `&ge;`) here.
    decode_entities(&lines.join("\n"))
}

/// White space runs (HTML source line breaks included) as one space, trimmed.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() && c != '\u{3000}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::render;

    fn read(html: &str) -> String {
        render(&blocks("t.html", html.as_bytes()).unwrap())
    }

    #[test]
    fn rowspan_colspan_and_html_in_cells() {
        let html = r#"<html><head><title>门户</title><style>td{}</style></head><body>
<nav><a href="/">首页</a> | <a>政务公开</a></nav>
<h2>1、“双控”机制建设绩效目标表</h2>
<table border=1>
<tr><th>一级指标<th>二级指标<th>三级指标<th>指标值</tr>
<tr><td rowspan="2">产出<br>指标</td><td>数量指标</td><td><p>检查</p><p>次数</p></td><td>&ge;16次/年</td></tr>
<tr><td>质量指标</td><td>覆盖率</td><td>≥95%</td></tr>
<tr><td colspan=3>合计</td><td>5.00</td></tr>
<tr><td>注</td><td colspan=3>末格跨列</td></tr>
</table>
<footer>版权所有</footer><script>var a = "<table>";</script>
<p>单位：万元</body></html>"#;
        assert_eq!(
            read(html),
            "P1 1、“双控”机制建设绩效目标表\nT\n  R2 [一级指标|二级指标|三级指标|指标值]\n  R3 [产出⏎指标|数量指标|检查⏎次数|≥16次/年]\n  R4 [|质量指标|覆盖率|≥95%]\n  R5 [合计|||5.00]\n  R6 [注|末格跨列]\nP7 单位：万元\n"
        );
    }

    #[test]
    fn portal_lists_in_cells_and_nested_tables() {
        let html = r#"<table><tr><td>目标</td><td><ol> 1. 甲 50次 2. 乙 &lt;2次</ol></td></tr>
<tr><td>内</td><td><table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table></td></tr></table>"#;
        assert_eq!(
            read(html),
            "T\n  R1 [目标|甲 50次⏎乙 <2次]\n  R2 [内|a b⏎c]\n"
        );
    }

    #[test]
    fn hostile_pages_stay_bounded() {
        let deep = "<table><tr><td>".repeat(MAX_DEPTH + 5);
        let err = blocks("深.html", deep.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("深.html") && err.contains("嵌套"), "{err}");
        // Unclosed everything, a cut-off tag, absurd spans: no panic, a table.
        let html =
            "<table><tr><td colspan=99999999 rowspan=-3>甲<td rowspan=abc>乙<tr><td>丙</td><td";
        let b = blocks("t.html", html.as_bytes()).unwrap();
        assert!(matches!(&b[0], Block::Table(t) if t.rows.len() == 2));
    }
}
