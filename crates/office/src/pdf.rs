//! .pdf → blocks, from the text layer and the drawn table rules (lopdf parses the file; the
//! content streams are interpreted here).
//!
//! Each page gives text pieces with positions and the horizontal and vertical rules drawn
//! on it. Tables are rebuilt from the rules, as they are printed: a band between two
//! horizontal rules crossed by vertical rules is a table row, the vertical rules crossing
//! it bound its cells, and each text piece goes to the cell it starts in (positions from the
//! fonts' glyph widths). A cell's lines wrapped at its right edge are joined back; lines the
//! text broke are joined with `\n`. Text outside the rules is paragraphs, one per printed
//! line. A table going on over a page break continues the same table; a row broken over it
//! is one row; a header repeated at a page top is skipped; two tables printed one under the
//! other (their borders doubled) stay two.
//!
//! A PDF without any text (a scan) gets [`OfficeError::NeedsOcr`]. "Line" is the visual line
//! (a table row or a line of text), counted 1-based across pages.

use std::collections::BTreeMap;

use jixiao_read::layout::{Block, Cell, Row, Table};
use lopdf::content::Content;
use lopdf::Encoding;

use crate::error::OfficeError;
use widths::Widths;

mod widths;
use crate::limits::{MAX_CELLS, MAX_ENTRY_BYTES, MAX_PAGES};

const KIND: &str = "PDF ";
/// Most content operations interpreted on one page.
const MAX_OPERATIONS: usize = 2_000_000;

/// A run of text shown at one place.
#[derive(Debug, Clone)]
struct Piece {
    x: f32,
    /// Baseline, in page space (up).
    y: f32,
    /// Estimated end of the run.
    end: f32,
    size: f32,
    text: String,
}

/// A horizontal (`y` fixed, from `a` to `b` in x) or vertical (`x` fixed) rule.
#[derive(Debug, Clone, Copy)]
struct Rule {
    at: f32,
    a: f32,
    b: f32,
}

#[derive(Default)]
struct Page {
    pieces: Vec<Piece>,
    horizontal: Vec<Rule>,
    vertical: Vec<Rule>,
}

pub fn blocks(file: &str, bytes: &[u8]) -> Result<Vec<Block>, OfficeError> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_ENTRY_BYTES),
        ..lopdf::LoadOptions::default()
    };
    let doc = lopdf::Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decryption(_) => OfficeError::Encrypted {
            file: file.to_string(),
        },
        other => OfficeError::corrupt(file, KIND, "文件结构", other),
    })?;
    if doc.is_encrypted() {
        return Err(OfficeError::Encrypted {
            file: file.to_string(),
        });
    }
    let pages = doc.get_pages();
    if pages.len() > MAX_PAGES {
        return Err(OfficeError::too_large(
            file,
            "PDF 页数",
            MAX_PAGES.to_string(),
        ));
    }
    let mut out = Layout::default();
    let mut any_text = false;
    for (number, id) in pages {
        let page = read_page(&doc, id)
            .map_err(|e| OfficeError::corrupt(file, KIND, format!("第{number}页"), e))?;
        any_text |= page.pieces.iter().any(|p| !p.text.trim().is_empty());
        out.page(page);
        if out.cells > MAX_CELLS {
            return Err(OfficeError::too_large(
                file,
                "表格单元格总数",
                MAX_CELLS.to_string(),
            ));
        }
    }
    if !any_text {
        return Err(OfficeError::NeedsOcr {
            file: file.to_string(),
        });
    }
    Ok(out.blocks)
}

/// A 2-D affine matrix `[a b c d e f]` as PDF writes them.
#[derive(Debug, Clone, Copy)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `other` (PDF's `self × other`).
    fn then(self, o: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [oa, ob, oc, od, oe, of] = o.0;
        Matrix([
            a * oa + b * oc,
            a * ob + b * od,
            c * oa + d * oc,
            c * ob + d * od,
            e * oa + f * oc + oe,
            e * ob + f * od + of,
        ])
    }

    fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    fn scale(self) -> f32 {
        let [a, b, ..] = self.0;
        (a * a + b * b).sqrt()
    }
}

fn numbers(ops: &[lopdf::Object]) -> Vec<f32> {
    ops.iter().filter_map(|o| o.as_float().ok()).collect()
}

fn matrix_of(ops: &[lopdf::Object]) -> Option<Matrix> {
    let n = numbers(ops);
    (n.len() == 6 && n.iter().all(|v| v.is_finite()))
        .then(|| Matrix([n[0], n[1], n[2], n[3], n[4], n[5]]))
}

/// The width of a shown character in text space units of 1 em, estimated: CJK and full-width
/// forms are square, the rest about half as wide.
fn em_width(c: char) -> f32 {
    if c as u32 >= 0x2E80 || ('\u{FF00}'..='\u{FFEF}').contains(&c) {
        1.0
    } else if c == ' ' {
        0.28
    } else {
        0.55
    }
}

struct TextState {
    tm: Matrix,
    line: Matrix,
    font: Vec<u8>,
    size: f32,
    leading: f32,
    char_space: f32,
    word_space: f32,
    hscale: f32,
}

fn read_page(doc: &lopdf::Document, id: lopdf::ObjectId) -> Result<Page, lopdf::Error> {
    let fonts = doc.get_page_fonts(id)?;
    let fonts: BTreeMap<Vec<u8>, (Encoding, Option<Widths>)> = fonts
        .into_iter()
        .filter_map(|(name, font)| {
            font.get_font_encoding_with_limit(doc, MAX_ENTRY_BYTES)
                .ok()
                .map(|e| (name, (e, Widths::of(doc, font))))
        })
        .collect();
    let data = doc.get_page_content_with_limit(id, MAX_ENTRY_BYTES)?;
    let content = Content::decode(&data)?;
    let mut page = Page::default();
    let mut ctm = Matrix::IDENTITY;
    let mut stack: Vec<Matrix> = Vec::new();
    let mut ts = TextState {
        tm: Matrix::IDENTITY,
        line: Matrix::IDENTITY,
        font: Vec::new(),
        size: 12.0,
        leading: 0.0,
        char_space: 0.0,
        word_space: 0.0,
        hscale: 1.0,
    };
    // The path being built: segments in page space.
    let mut path: Vec<((f32, f32), (f32, f32))> = Vec::new();
    let mut current = (0.0f32, 0.0f32);
    let mut start = (0.0f32, 0.0f32);
    for op in content.operations.iter().take(MAX_OPERATIONS) {
        let n = || numbers(&op.operands);
        match op.operator.as_str() {
            "q" if stack.len() < 64 => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(Matrix::IDENTITY),
            "cm" => {
                if let Some(m) = matrix_of(&op.operands) {
                    ctm = m.then(ctm);
                }
            }
            "BT" => {
                ts.tm = Matrix::IDENTITY;
                ts.line = Matrix::IDENTITY;
            }
            "Tf" => {
                if let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) {
                    ts.font = name.to_vec();
                }
                if let Some(size) = op.operands.get(1).and_then(|o| o.as_float().ok()) {
                    ts.size = size;
                }
            }
            "TL" => ts.leading = n().first().copied().unwrap_or(0.0),
            "Tc" => ts.char_space = n().first().copied().unwrap_or(0.0),
            "Tw" => ts.word_space = n().first().copied().unwrap_or(0.0),
            "Tz" => ts.hscale = n().first().copied().unwrap_or(100.0) / 100.0,
            "Td" | "TD" => {
                let v = n();
                if v.len() == 2 {
                    if op.operator == "TD" {
                        ts.leading = -v[1];
                    }
                    ts.line = Matrix::translate(v[0], v[1]).then(ts.line);
                    ts.tm = ts.line;
                }
            }
            "Tm" => {
                if let Some(m) = matrix_of(&op.operands) {
                    ts.line = m;
                    ts.tm = m;
                }
            }
            "T*" => next_line(&mut ts),
            "Tj" | "'" | "\"" | "TJ" => {
                if op.operator != "Tj" && op.operator != "TJ" {
                    next_line(&mut ts);
                }
                let Some((encoding, widths)) = fonts.get(&ts.font) else {
                    continue;
                };
                let items: Vec<&lopdf::Object> = match op.operator.as_str() {
                    "TJ" => op
                        .operands
                        .first()
                        .and_then(|o| o.as_array().ok())
                        .map(|a| a.iter().collect())
                        .unwrap_or_default(),
                    _ => op.operands.last().into_iter().collect(),
                };
                show(&mut page, &mut ts, ctm, (encoding, widths.as_ref()), &items);
            }
            "m" => {
                let v = n();
                if v.len() == 2 {
                    current = ctm.apply(v[0], v[1]);
                    start = current;
                }
            }
            "l" => {
                let v = n();
                if v.len() == 2 {
                    let p = ctm.apply(v[0], v[1]);
                    path.push((current, p));
                    current = p;
                }
            }
            "h" => {
                path.push((current, start));
                current = start;
            }
            "re" => {
                let v = n();
                if v.len() == 4 {
                    let (x, y, w, h) = (v[0], v[1], v[2], v[3]);
                    let c = [
                        ctm.apply(x, y),
                        ctm.apply(x + w, y),
                        ctm.apply(x + w, y + h),
                        ctm.apply(x, y + h),
                    ];
                    rect_or_edges(&mut path, c);
                }
            }
            "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                for (p, q) in path.drain(..) {
                    add_rule(&mut page, p, q);
                }
            }
            "n" => path.clear(),
            _ => {}
        }
    }
    Ok(page)
}

/// A thin filled rectangle is a rule along its long side; a larger one is its four edges.
fn rect_or_edges(path: &mut Vec<((f32, f32), (f32, f32))>, c: [(f32, f32); 4]) {
    let xs = [c[0].0, c[1].0, c[2].0, c[3].0];
    let ys = [c[0].1, c[1].1, c[2].1, c[3].1];
    let (x0, x1) = (
        xs.iter().copied().fold(f32::MAX, f32::min),
        xs.iter().copied().fold(f32::MIN, f32::max),
    );
    let (y0, y1) = (
        ys.iter().copied().fold(f32::MAX, f32::min),
        ys.iter().copied().fold(f32::MIN, f32::max),
    );
    if y1 - y0 < 2.0 {
        let y = (y0 + y1) / 2.0;
        path.push(((x0, y), (x1, y)));
    } else if x1 - x0 < 2.0 {
        let x = (x0 + x1) / 2.0;
        path.push(((x, y0), (x, y1)));
    } else {
        path.extend([(c[0], c[1]), (c[1], c[2]), (c[2], c[3]), (c[3], c[0])]);
    }
}

fn add_rule(page: &mut Page, p: (f32, f32), q: (f32, f32)) {
    let (dx, dy) = ((q.0 - p.0).abs(), (q.1 - p.1).abs());
    if dy < 1.0 && dx >= 2.0 {
        page.horizontal.push(Rule {
            at: (p.1 + q.1) / 2.0,
            a: p.0.min(q.0),
            b: p.0.max(q.0),
        });
    } else if dx < 1.0 && dy >= 2.0 {
        page.vertical.push(Rule {
            at: (p.0 + q.0) / 2.0,
            a: p.1.min(q.1),
            b: p.1.max(q.1),
        });
    }
}

fn next_line(ts: &mut TextState) {
    ts.line = Matrix::translate(0.0, -ts.leading).then(ts.line);
    ts.tm = ts.line;
}

/// Shows strings (and TJ position adjustments), recording a piece per string.
fn show(
    page: &mut Page,
    ts: &mut TextState,
    ctm: Matrix,
    (encoding, widths): (&Encoding, Option<&Widths>),
    items: &[&lopdf::Object],
) {
    for item in items {
        if let Ok(adjust) = item.as_float() {
            let tx = -adjust / 1000.0 * ts.size * ts.hscale;
            ts.tm = Matrix::translate(tx, 0.0).then(ts.tm);
            continue;
        }
        let Ok(bytes) = item.as_str() else {
            continue;
        };
        let text = lopdf::Document::decode_text(encoding, bytes).unwrap_or_default();
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        let m = ts.tm.then(ctm);
        let (x, y) = m.apply(0.0, 0.0);
        let advance = match widths {
            Some(w) => advance_by_widths(ts, w, bytes),
            None => text
                .chars()
                .map(|c| {
                    let word = if c == ' ' { ts.word_space } else { 0.0 };
                    (em_width(c) * ts.size + ts.char_space + word) * ts.hscale
                })
                .sum(),
        };
        ts.tm = Matrix::translate(advance, 0.0).then(ts.tm);
        let (end, _) = ts.tm.then(ctm).apply(0.0, 0.0);
        if !text.is_empty() && x.is_finite() && y.is_finite() {
            page.pieces.push(Piece {
                x,
                y,
                end,
                size: ts.size * m.scale(),
                text,
            });
        }
    }
}

/// How far showing `bytes` moves the text position, by the font's glyph widths (word
/// spacing applies to the one-byte code 32 only, as PDF says).
fn advance_by_widths(ts: &TextState, widths: &Widths, bytes: &[u8]) -> f32 {
    let n = widths.code_len();
    bytes
        .chunks(n)
        .map(|code| {
            let c = code.iter().fold(0u32, |acc, b| acc << 8 | u32::from(*b));
            let word = if n == 1 && c == 32 {
                ts.word_space
            } else {
                0.0
            };
            (widths.width(c) / 1000.0 * ts.size + ts.char_space + word) * ts.hscale
        })
        .sum()
}

/// Clusters values closer than `tol` (sorted), returning each cluster's mean.
fn levels(mut v: Vec<f32>, tol: f32) -> Vec<f32> {
    v.sort_by(|a, b| a.total_cmp(b));
    let mut out: Vec<(f32, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((m, n)) if (x - *m / *n as f32).abs() <= tol => {
                *m += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(m, n)| m / n as f32).collect()
}

/// Pages laid out into blocks in order.
#[derive(Default)]
struct Layout {
    blocks: Vec<Block>,
    line: u32,
    cells: usize,
    /// The table row that ended the previous page, if a row did: the next page's first row
    /// may be its continuation.
    tail: Option<Tail>,
}

/// A table row found on a page: the band between two horizontal rules and its cell bounds.
struct Band {
    top: f32,
    bottom: f32,
    edges: Vec<f32>,
    /// Its top rule is doubled (two tables' borders drawn one on the other): a new table
    /// starts here.
    opens_table: bool,
}

/// The last printed line of a cell.
#[derive(Debug, Clone, Copy)]
struct LastLine {
    end: f32,
    baseline: f32,
    size: f32,
}

/// The row that ended a page, as printed: enough to tell whether the next page's first row
/// carries on its cells.
struct Tail {
    edges: Vec<f32>,
    bottom: f32,
    cells: Vec<Option<LastLine>>,
}

impl Tail {
    /// Whether `next` (the first row of a page, its cells' pieces) is the rest of this row,
    /// broken over the page break: the same columns, every cell printed on the new page
    /// goes on a cell that was printed on the old one down to the row's bottom (a new row
    /// has cells of fewer lines, centred or at the top, ending well above its bottom), and
    /// at least one of them filled its last line (the break cut its text); a row left
    /// empty is the broken row's bottom padding.
    fn continues_in(&self, next: &Band, cells: &[Vec<&Piece>]) -> bool {
        let same_columns = self.edges.len() == next.edges.len()
            && self
                .edges
                .iter()
                .zip(&next.edges)
                .all(|(a, b)| (a - b).abs() <= 2.0);
        if !same_columns {
            return false;
        }
        let mut cut = false;
        for (ci, pieces) in cells.iter().enumerate() {
            if pieces.iter().all(|p| p.text.trim().is_empty()) {
                continue;
            }
            let Some(Some(last)) = self.cells.get(ci) else {
                return false;
            };
            let reaches_bottom = last.baseline - self.bottom <= last.size * 1.6 + 4.0;
            if !reaches_bottom {
                return false;
            }
            let right = self.edges.get(ci + 1).copied().unwrap_or(f32::MAX);
            cut |= fills(last.end, last.size, right);
        }
        cut || cells.iter().flatten().all(|p| p.text.trim().is_empty())
    }
}

impl Layout {
    fn page(&mut self, page: Page) {
        let bands = bands(&page);
        // Each piece goes to the band and cell it starts in, or stays a paragraph piece.
        let mut in_cells: Vec<Vec<Vec<&Piece>>> = bands
            .iter()
            .map(|b| vec![Vec::new(); b.edges.len().saturating_sub(1)])
            .collect();
        let mut loose: Vec<&Piece> = Vec::new();
        for p in &page.pieces {
            match cell_of(&bands, p) {
                Some((bi, ci)) => in_cells[bi][ci].push(p),
                None => loose.push(p),
            }
        }
        // Walk top to bottom: paragraphs (loose lines) and table rows, in order. Lines of
        // white space only are not there.
        enum Item<'p> {
            Line(Vec<&'p Piece>),
            Band(usize),
        }
        let mut items: Vec<(f32, Item)> = lines_of(&loose)
            .into_iter()
            .filter(|l| l.iter().any(|p| !p.text.trim().is_empty()))
            .map(|l| (l[0].y, Item::Line(l)))
            .collect();
        items.extend(
            bands
                .iter()
                .enumerate()
                .map(|(i, b)| (b.top, Item::Band(i))),
        );
        items.sort_by(|a, b| b.0.total_cmp(&a.0));
        let tail = self.tail.take();
        let mut first_on_page = true;
        let mut prev_band_bottom: Option<f32> = None;
        let last_item = items.len().saturating_sub(1);
        for (ii, (_, item)) in items.into_iter().enumerate() {
            match item {
                Item::Line(pieces) => {
                    self.line += 1;
                    let text = join_line(&pieces);
                    self.blocks.push(Block::Paragraph {
                        text: jixiao_model::text::trim(&text).to_string(),
                        line: self.line,
                    });
                    prev_band_bottom = None;
                }
                Item::Band(bi) => {
                    let band = &bands[bi];
                    let cells = &in_cells[bi];
                    let texts: Vec<String> = cells
                        .iter()
                        .enumerate()
                        .map(|(ci, ps)| cell_text(ps, band.edges.get(ci + 1).copied()))
                        .collect();
                    // A band starts a new table unless it touches the band above, or it
                    // opens the page right after a table ended the previous one.
                    let continues = !band.opens_table
                        && match prev_band_bottom {
                            Some(b) => (b - band.top).abs() < 3.0,
                            None => first_on_page && tail.is_some(),
                        };
                    let broken = tail
                        .as_ref()
                        .filter(|t| first_on_page && continues && t.continues_in(band, cells));
                    if let Some(tail) = broken {
                        self.carry_on_row(tail, texts);
                    } else if !(first_on_page && continues && self.repeats_header(&texts)) {
                        self.push_row(texts, continues);
                    }
                    if ii == last_item {
                        self.tail = Some(Tail {
                            edges: band.edges.clone(),
                            bottom: band.bottom,
                            cells: cells.iter().map(|ps| last_line(ps)).collect(),
                        });
                    }
                    prev_band_bottom = Some(band.bottom);
                }
            }
            first_on_page = false;
        }
    }

    fn push_row(&mut self, texts: Vec<String>, continues: bool) {
        self.line += 1;
        let cells: Vec<Cell> = texts
            .into_iter()
            .enumerate()
            .map(|(ci, text)| Cell {
                text,
                line: self.line,
                col: ci as u32 + 1,
            })
            .collect();
        self.cells += cells.len();
        let row = Row {
            cells,
            line: self.line,
        };
        match self.blocks.last_mut() {
            Some(Block::Table(t)) if continues => t.rows.push(row),
            _ => self.blocks.push(Block::Table(Table { rows: vec![row] })),
        }
    }

    /// Adds the rest of a row broken over a page break to the last row's cells: a cell
    /// whose last line the break cut goes on as wrapped text, others on a new line.
    fn carry_on_row(&mut self, tail: &Tail, texts: Vec<String>) {
        let Some(Block::Table(t)) = self.blocks.last_mut() else {
            return;
        };
        let Some(row) = t.rows.last_mut() else {
            return;
        };
        for (ci, (cell, more)) in row.cells.iter_mut().zip(texts).enumerate() {
            if more.is_empty() {
                continue;
            }
            let cut = match (tail.cells.get(ci), tail.edges.get(ci + 1)) {
                (Some(Some(last)), Some(&right)) => fills(last.end, last.size, right),
                _ => false,
            };
            if !cell.text.is_empty() {
                cell.text.push_str(separator(&cell.text, &more, cut));
            }
            cell.text.push_str(&more);
        }
    }

    /// Whether a page's first row repeats the header row of the table it continues (a
    /// table's heading printed again at each page top).
    fn repeats_header(&self, texts: &[String]) -> bool {
        let Some(Block::Table(t)) = self.blocks.last() else {
            return false;
        };
        let Some(header) = t.rows.first().filter(|_| t.rows.len() > 1) else {
            return false;
        };
        header.cells.len() == texts.len()
            && !header.is_blank()
            && header.cells.iter().zip(texts).all(|(h, t)| h.text == *t)
    }
}

/// The band and cell a piece starts in. A piece hanging just past a row's right edge (a
/// closing bracket the cell did not wrap) belongs to the row's last cell.
fn cell_of(bands: &[Band], p: &Piece) -> Option<(usize, usize)> {
    let probe_x = p.x + p.size * 0.3;
    let probe_y = p.y + p.size * 0.3;
    let bi = bands
        .iter()
        .position(|b| probe_y < b.top && probe_y > b.bottom)?;
    let e = &bands[bi].edges;
    let last = e.len().checked_sub(2)?;
    let ci = (0..=last).find(|&i| probe_x >= e[i] && probe_x < e[i + 1]);
    let overhang = p.x >= e[last + 1] - 2.0 && p.x < e[last + 1] + p.size;
    ci.or(overhang.then_some(last)).map(|ci| (bi, ci))
}

/// A cell's last printed line, if it has text.
fn last_line(pieces: &[&Piece]) -> Option<LastLine> {
    let lines = lines_of(pieces);
    let line = lines
        .iter()
        .rev()
        .find(|l| l.iter().any(|p| !p.text.trim().is_empty()))?;
    let printed = line.iter().filter(|p| !p.text.trim().is_empty());
    Some(LastLine {
        end: printed.clone().map(|p| p.end).fold(f32::MIN, f32::max),
        baseline: line[0].y,
        size: printed.map(|p| p.size).fold(0.0, f32::max),
    })
}

/// Table rows of a page: bands between consecutive horizontal rules that at least two
/// vertical rules cross; the crossing rules' positions are the cell edges.
fn bands(page: &Page) -> Vec<Band> {
    let ys = levels(page.horizontal.iter().map(|r| r.at).collect(), 1.5);
    let mut out = Vec::new();
    for w in ys.windows(2).rev() {
        let (bottom, top) = (w[0], w[1]);
        if top - bottom < 3.0 {
            continue;
        }
        let mid = (top + bottom) / 2.0;
        let xs = levels(
            page.vertical
                .iter()
                .filter(|r| r.a <= mid && r.b >= mid)
                .map(|r| r.at)
                .collect(),
            1.5,
        );
        if xs.len() < 2 {
            continue;
        }
        // The band must be closed by rules spanning its cells above and below.
        let (x0, x1) = (xs[0], xs[xs.len() - 1]);
        let spans = |y: f32| {
            page.horizontal
                .iter()
                .any(|r| (r.at - y).abs() <= 1.5 && r.a <= x0 + 2.0 && r.b >= x0 + 2.0)
                || page
                    .horizontal
                    .iter()
                    .any(|r| (r.at - y).abs() <= 1.5 && r.a <= x1 - 2.0 && r.b >= x1 - 2.0)
        };
        if spans(top) && spans(bottom) {
            let at_top: Vec<f32> = page
                .horizontal
                .iter()
                .filter(|r| (r.at - top).abs() <= 1.5)
                .map(|r| r.at)
                .collect();
            let spread = at_top.iter().copied().fold(f32::MIN, f32::max)
                - at_top.iter().copied().fold(f32::MAX, f32::min);
            out.push(Band {
                top,
                bottom,
                edges: xs,
                opens_table: spread >= 0.3,
            });
        }
    }
    out
}

/// Pieces grouped into printed lines (by baseline), top to bottom, each left to right.
fn lines_of<'p>(pieces: &[&'p Piece]) -> Vec<Vec<&'p Piece>> {
    let mut sorted: Vec<&Piece> = pieces.to_vec();
    sorted.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<&Piece>> = Vec::new();
    for p in sorted {
        match lines.last_mut() {
            Some(l) if (l[0].y - p.y).abs() <= p.size.max(l[0].size) * 0.4 => l.push(p),
            _ => lines.push(vec![p]),
        }
    }
    for l in &mut lines {
        l.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    lines
}

/// A printed line's pieces joined; a space where the gap between two Latin words is wide.
fn join_line(pieces: &[&Piece]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Piece> = None;
    for p in pieces {
        if let Some(q) = prev {
            let gap = p.x - q.end;
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if gap > p.size * 0.2
                && !out.ends_with(' ')
                && !p.text.starts_with(' ')
                && (latin(out.chars().last()) || latin(p.text.chars().next()) || gap > p.size)
            {
                out.push(' ');
            }
        }
        out.push_str(&p.text);
        prev = Some(p);
    }
    out
}

/// Whether a printed line ending at `end` filled its cell up to the `right` edge, so that
/// the text went on by wrapping. Wrapping leaves up to two characters' room (a character
/// goes to the next line with the closing punctuation that may not start one: 通。) and the
/// cell's padding.
fn fills(end: f32, size: f32, right: f32) -> bool {
    end >= right - size * 2.2 - 3.0
}

/// What goes between two pieces of a cell's text: nothing or a space where the printer
/// wrapped a line (a space between Latin words, or where the text had one), a line break
/// where the text broke.
fn separator(before: &str, after: &str, wrapped: bool) -> &'static str {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if !wrapped {
        "\n"
    } else if before.ends_with(char::is_whitespace)
        || after.starts_with(char::is_whitespace)
        || (latin(before.chars().last()) && latin(after.chars().next()))
    {
        " "
    } else {
        ""
    }
}

/// A cell's printed lines: lines wrapped at the cell's `right` edge joined back, lines the
/// text broke joined with `\n`.
fn cell_text(pieces: &[&Piece], right: Option<f32>) -> String {
    let mut out = String::new();
    // Whether the line before wrapped, and whether a space ended it.
    let mut wrapped = (false, false);
    for line in lines_of(pieces) {
        let raw = join_line(&line);
        if raw.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(match wrapped {
                (true, true) => " ",
                (wrapped, _) => separator(&out, &raw, wrapped),
            });
        }
        out.push_str(raw.trim());
        let printed = line.iter().filter(|p| !p.text.trim().is_empty());
        let end = printed.clone().map(|p| p.end).fold(f32::MIN, f32::max);
        let size = printed.map(|p| p.size).fold(0.0, f32::max);
        wrapped = (
            right.is_some_and(|r| fills(end, size, r)),
            raw.ends_with(char::is_whitespace),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(x: f32, y: f32, text: &str) -> Piece {
        Piece {
            x,
            y,
            end: x + text.chars().map(|c| em_width(c) * 10.0).sum::<f32>(),
            size: 10.0,
            text: text.into(),
        }
    }

    fn hr(y: f32, a: f32, b: f32) -> Rule {
        Rule { at: y, a, b }
    }

    #[test]
    fn ruled_tables_become_rows_and_cells() {
        // A title line, then a 2×3 table; the second row's middle cell wraps onto two lines
        // and its last cell is empty.
        let page = Page {
            pieces: vec![
                piece(50.0, 700.0, "1、甲项目绩效目标表"),
                piece(52.0, 672.0, "一级指标"),
                piece(152.0, 672.0, "二级指标"),
                piece(252.0, 672.0, "指标值"),
                piece(52.0, 652.0, "产出指标"),
                piece(152.0, 652.0, "数量"),
                piece(152.0, 640.0, "指标"),
                piece(50.0, 600.0, "单位：万元"),
            ],
            horizontal: vec![
                hr(685.0, 50.0, 350.0),
                hr(665.0, 50.0, 350.0),
                hr(635.0, 50.0, 350.0),
            ],
            vertical: [50.0, 150.0, 250.0, 350.0]
                .iter()
                .map(|x| Rule {
                    at: *x,
                    a: 635.0,
                    b: 685.0,
                })
                .collect(),
        };
        let mut layout = Layout::default();
        layout.page(page);
        assert_eq!(
            crate::test_support::render(&layout.blocks),
            "P1 1、甲项目绩效目标表\nT\n  R2 [一级指标|二级指标|指标值]\n  R3 [产出指标|数量⏎指标|]\nP4 单位：万元\n"
        );
    }

    /// A page of a two-column table between `top` and `bottom` with rules at `ys`.
    fn ruled(pieces: Vec<Piece>, ys: &[f32]) -> Page {
        let (top, bottom) = (ys[0], ys[ys.len() - 1]);
        Page {
            pieces,
            horizontal: ys.iter().map(|y| hr(*y, 50.0, 150.0)).collect(),
            vertical: [50.0, 100.0, 150.0]
                .iter()
                .map(|x| Rule {
                    at: *x,
                    a: bottom,
                    b: top,
                })
                .collect(),
        }
    }

    #[test]
    fn a_row_broken_over_a_page_break_is_one_row() {
        // Page 1: a header and a row running to the page bottom, its second cell wrapped at
        // the cell's edge; page 2: the rest of that cell, then a new row, whose short first
        // cell ends well above its bottom, and the bracket its second cell did not wrap.
        let mut layout = Layout::default();
        layout.page(ruled(
            vec![
                piece(52.0, 785.0, "一级"),
                piece(102.0, 785.0, "指标"),
                piece(52.0, 760.0, "产出"),
                piece(102.0, 760.0, "安全生产宣"),
                piece(102.0, 747.0, "传"),
                piece(102.0, 50.0, "安全生产宣"),
            ],
            &[800.0, 780.0, 40.0],
        ));
        layout.page(ruled(
            vec![
                piece(102.0, 785.0, "传活动次数"),
                piece(52.0, 745.0, "效益"),
                piece(102.0, 755.0, "满意度度<"),
                piece(148.0, 755.0, ">"),
                piece(102.0, 742.0, "指标"),
            ],
            &[800.0, 770.0, 720.0],
        ));
        assert_eq!(
            crate::test_support::render(&layout.blocks),
            "T\n  R1 [一级|指标]\n  R2 [产出|安全生产宣传⏎安全生产宣传活动次数]\n  R3 [效益|满意度度<>指标]\n"
        );
    }

    #[test]
    fn doubled_rules_part_two_tables() {
        let mut page = ruled(
            vec![piece(52.0, 785.0, "甲"), piece(52.0, 765.0, "乙")],
            &[800.0, 780.0, 760.0],
        );
        page.horizontal.push(hr(780.8, 50.0, 150.0));
        let mut layout = Layout::default();
        layout.page(page);
        assert_eq!(
            crate::test_support::render(&layout.blocks),
            "T\n  R1 [甲|]\nT\n  R2 [乙|]\n"
        );
    }

    #[test]
    fn latin_words_keep_their_spaces() {
        let a = piece(0.0, 0.0, "ISO");
        let b = piece(a.end + 4.0, 0.0, "9001");
        let c = piece(b.end, 0.0, "认证");
        assert_eq!(join_line(&[&a, &b, &c]), "ISO 9001认证");
    }
}
