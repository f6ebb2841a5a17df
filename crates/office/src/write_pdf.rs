//! The official tables as PDF, written by hand (no PDF library, no font file): A4 portrait,
//! for each project its 项目支出绩效目标表 and, where the document has department-wide
//! content, the 部门整体支出绩效目标表, each on its own pages and closed by the
//! 盖章/签字 block (填报单位（盖章）、负责人（签字）、填报人、联系电话、填报日期).
//!
//! The tables are the grids of [`crate::form`], the ones the .xlsx and .docx writers draw:
//! cells with spans, level cells merged down. Text is shown in `STSong-Light`, one of the
//! Adobe CJK fonts every PDF viewer supplies (Acrobat, pdf.js, Chromium's PDFium): a Type0
//! font with the predefined CMap `UniGB-UCS2-H` (a code is the character's UTF-16 unit) over
//! a `CIDFontType0` of the `Adobe-GB1` collection, nothing embedded. A `ToUnicode` map makes
//! copying text out of a viewer give the characters shown. Widths: a CJK character is 1000
//! units, an ASCII one 500 (the font's `/W` says so, so viewers advance as measured here).
//!
//! Cells wrap their text; rows grow to it; a table goes on over a page break with its
//! indicator header row printed again at the top of the new page; a row taller than what is
//! left of a page is broken over the break, its rules left open there (as printers do, and
//! as `jixiao_carriers::pdf` reads them back). Characters outside the Basic Multilingual Plane are
//! printed as `?`, control characters but line breaks are dropped: any document writes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jixiao_model::Document;

use jixiao_model::table::{Align, Table};

use crate::form::{self, Part};

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 50.0;
const MARGIN_TOP: f32 = 56.0;
const MARGIN_BOTTOM: f32 = 50.0;
const TITLE_SIZE: f32 = 16.0;
const TEXT_SIZE: f32 = 10.5;
const CELL_SIZE: f32 = 9.0;
/// Line height as a multiple of the text size.
const LEADING: f32 = 1.4;
const PAD_X: f32 = 3.0;
const PAD_Y: f32 = 3.0;

/// The block every official table ends with, in two printed lines.
pub const SIGNATURE_LINES: [&str; 2] = [
    "填报单位（盖章）：　　　　　　　　　　　　　　负责人（签字）：　　　　　　　　",
    "填报人：　　　　　　　　联系电话：　　　　　　　　填报日期：　　　　年　　月　　日",
];

/// Title of a project's table.
pub const PROJECT_TITLE: &str = "项目支出绩效目标表";
/// Title of the department-wide table.
pub const DEPARTMENT_TITLE: &str = "部门整体支出绩效目标表";

/// Writes the document's official tables as a PDF. Never fails and never panics on any
/// document content.
pub fn write_pdf(doc: &Document) -> Vec<u8> {
    let mut w = Pages::default();
    let sections = sections(doc);
    for section in &sections {
        w.section(section);
    }
    finish(doc, w.done())
}

/// What is printed, block by block; a section starts on a new page.
enum Block {
    Title(String),
    Centered(String),
    Line(String),
    Table(Table),
    Signature,
}

fn year_line(doc: &Document) -> Option<Block> {
    doc.year
        .as_ref()
        .map(|y| Block::Centered(format!("（{}年度）", y.value)))
}

fn blocks_of(parts: Vec<Part>) -> Vec<Block> {
    parts
        .into_iter()
        .map(|p| match p {
            Part::Title(t) => Block::Centered(t),
            Part::Line(t) => Block::Line(t),
            Part::Table(g) => Block::Table(g),
        })
        .collect()
}

fn sections(doc: &Document) -> Vec<Vec<Block>> {
    let mut out = Vec::new();
    for (i, p) in doc.projects.iter().enumerate() {
        let mut s = vec![Block::Title(PROJECT_TITLE.into())];
        s.extend(year_line(doc));
        // The project's parts but their numbered title (the page's title stands for it).
        s.extend(blocks_of(
            form::project_parts(doc, i + 1, p)
                .into_iter()
                .filter(|p| !matches!(p, Part::Title(_)))
                .collect(),
        ));
        s.push(Block::Signature);
        out.push(s);
    }
    // The department-wide table after the projects' (the projects' repeated page titles,
    // which a reader takes for page headers, then stand before a project's table).
    let department = form::department_grid(doc);
    if department.is_some() || doc.projects.is_empty() {
        let mut s = vec![Block::Title(DEPARTMENT_TITLE.into())];
        s.extend(year_line(doc));
        match department {
            Some(g) => s.push(Block::Table(g)),
            None => {
                if let Some(d) = doc.department.as_ref() {
                    s.push(Block::Line(format!("部门名称：{}", d.value)));
                }
                s.push(Block::Line("（无项目）".into()));
            }
        }
        s.push(Block::Signature);
        out.push(s);
    }
    out
}

/// Text as the font can show it: line breaks kept, tabs as spaces, other control characters
/// dropped, characters beyond UCS-2 as `?`.
fn printable(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c if (c as u32) > 0xFFFF => Some('?'),
            c => Some(c),
        })
        .collect()
}

/// A character's width in thousandths of the text size.
fn char_width(c: char) -> f32 {
    if c.is_ascii() {
        500.0
    } else {
        1000.0
    }
}

fn text_width(text: &str, size: f32) -> f32 {
    text.chars().map(char_width).sum::<f32>() * size / 1000.0
}

/// `text` wrapped into lines at most `width` wide (at least one character a line); a Latin
/// word is kept whole where it fits a line.
fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in printable(text).split('\n') {
        let chars: Vec<char> = para.chars().collect();
        if chars.is_empty() {
            lines.push(String::new());
            continue;
        }
        let mut start = 0;
        while start < chars.len() {
            let mut end = start;
            let mut w = 0.0;
            while end < chars.len() {
                let cw = char_width(chars[end]) * size / 1000.0;
                if end > start && w + cw > width {
                    break;
                }
                w += cw;
                end += 1;
            }
            if end < chars.len() && chars[end].is_ascii_alphanumeric() {
                // Inside a Latin word: break after the last space of the line, if any.
                if let Some(space) = (start + 1..end).rev().find(|&i| chars[i] == ' ') {
                    end = space + 1;
                }
            }
            lines.push(
                chars[start..end]
                    .iter()
                    .collect::<String>()
                    .trim_end()
                    .to_string(),
            );
            start = end;
            // A line does not start with the space it broke at.
            while start < chars.len() && chars[start] == ' ' {
                start += 1;
            }
        }
    }
    lines
}

/// A string in the content stream: UTF-16BE hex (`<4E2D6587>`), which is what
/// `UniGB-UCS2-H` takes as codes.
fn hex(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 4 + 2);
    out.push('<');
    for unit in text.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.push('>');
    out
}

fn num(v: f32) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// The pages being laid out: each a content stream.
#[derive(Default)]
struct Pages {
    done: Vec<Page>,
    page: Option<Page>,
}

#[derive(Default)]
struct Page {
    content: String,
    /// Rules to draw: horizontal by y, vertical by x (hundredths of a point), as intervals.
    horizontal: BTreeMap<i64, Vec<(f32, f32)>>,
    vertical: BTreeMap<i64, Vec<(f32, f32)>>,
    /// Where the next block goes (its top, in page space).
    y: f32,
}

const TOP: f32 = PAGE_H - MARGIN_TOP;
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN_X;

impl Page {
    fn text(&mut self, x: f32, baseline: f32, size: f32, text: &str, bold: bool) {
        if text.is_empty() {
            return;
        }
        let (x, y) = (num(x), num(baseline));
        let s = hex(text);
        if bold {
            // Fill and stroke the glyphs: the font has no bold face.
            let _ = writeln!(
                self.content,
                "q 0.35 w BT /F1 {} Tf 2 Tr {x} {y} Td {s} Tj ET Q",
                num(size)
            );
        } else {
            let _ = writeln!(self.content, "BT /F1 {} Tf {x} {y} Td {s} Tj ET", num(size));
        }
    }

    fn hline(&mut self, y: f32, x1: f32, x2: f32) {
        let key = (y * 100.0).round() as i64;
        self.horizontal.entry(key).or_default().push((x1, x2));
    }

    fn vline(&mut self, x: f32, y1: f32, y2: f32) {
        let key = (x * 100.0).round() as i64;
        self.vertical
            .entry(key)
            .or_default()
            .push((y1.min(y2), y1.max(y2)));
    }

    /// The content stream: text, then every rule once (collinear rules joined).
    fn finish(mut self) -> String {
        let mut rules = String::new();
        let join = |spans: &mut Vec<(f32, f32)>| {
            spans.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut out: Vec<(f32, f32)> = Vec::new();
            for &(a, b) in spans.iter() {
                match out.last_mut() {
                    Some(last) if a <= last.1 + 0.01 => last.1 = last.1.max(b),
                    _ => out.push((a, b)),
                }
            }
            out
        };
        for (key, spans) in &mut self.horizontal {
            let y = num(*key as f32 / 100.0);
            for (a, b) in join(spans) {
                let _ = writeln!(rules, "{} {y} m {} {y} l", num(a), num(b));
            }
        }
        for (key, spans) in &mut self.vertical {
            let x = num(*key as f32 / 100.0);
            for (a, b) in join(spans) {
                let _ = writeln!(rules, "{x} {} m {x} {} l", num(a), num(b));
            }
        }
        if !rules.is_empty() {
            self.content.push_str("0.6 w 0 0 0 RG\n");
            self.content.push_str(&rules);
            self.content.push_str("S\n");
        }
        self.content
    }
}

/// A row of a table as placed on a page: a slice of its lines (a row broken over a page
/// break is placed twice).
struct Placed {
    row: u32,
    top: f32,
    bottom: f32,
    /// The lines of the row's one-row cells shown here.
    lines: (usize, usize),
    /// Rules left open: the row goes on from the page before / on the next page.
    open_top: bool,
    open_bottom: bool,
}

fn line_height(size: f32) -> f32 {
    size * LEADING
}

impl Pages {
    fn done(mut self) -> Vec<String> {
        if let Some(p) = self.page.take() {
            self.done.push(p);
        }
        self.done.into_iter().map(Page::finish).collect()
    }

    fn new_page(&mut self) -> &mut Page {
        if let Some(p) = self.page.take() {
            self.done.push(p);
        }
        self.page.insert(Page {
            y: TOP,
            ..Page::default()
        })
    }

    fn page(&mut self) -> &mut Page {
        if self.page.is_none() {
            self.new_page();
        }
        self.page.as_mut().expect("a page")
    }

    /// Room left on the page below its current position.
    fn room(&mut self) -> f32 {
        self.page().y - MARGIN_BOTTOM
    }

    fn section(&mut self, blocks: &[Block]) {
        self.new_page();
        for b in blocks {
            match b {
                Block::Title(t) => {
                    self.lines(t, TITLE_SIZE, true, true, 2.0);
                    self.page().y -= 4.0;
                }
                Block::Centered(t) => self.lines(t, TEXT_SIZE, true, false, 0.0),
                Block::Line(t) => self.lines(t, TEXT_SIZE, false, false, 0.0),
                Block::Table(g) => {
                    self.page().y -= 4.0;
                    self.table(g);
                    self.page().y -= 6.0;
                }
                Block::Signature => {
                    let lh = line_height(TEXT_SIZE) * 1.6;
                    let lines: Vec<String> = SIGNATURE_LINES
                        .iter()
                        .flat_map(|l| wrap(l, TEXT_SIZE, WIDTH))
                        .collect();
                    // The block stays on one page.
                    if self.room() < lh * lines.len() as f32 + 12.0 {
                        self.new_page();
                    }
                    self.page().y -= 12.0;
                    for l in &lines {
                        self.line(l, TEXT_SIZE, lh, false, false);
                    }
                }
            }
        }
    }

    fn lines(&mut self, text: &str, size: f32, centered: bool, bold: bool, after: f32) {
        let lh = line_height(size);
        for l in wrap(text, size, WIDTH) {
            self.line(&l, size, lh, centered, bold);
        }
        self.page().y -= after;
    }

    fn line(&mut self, text: &str, size: f32, lh: f32, centered: bool, bold: bool) {
        if self.room() < lh {
            self.new_page();
        }
        let page = self.page();
        let x = if centered {
            MARGIN_X + ((WIDTH - text_width(text, size)) / 2.0).max(0.0)
        } else {
            MARGIN_X
        };
        let baseline = page.y - lh + (lh - size) / 2.0 + size * 0.12;
        page.text(x, baseline, size, text, bold);
        page.y -= lh;
    }

    fn table(&mut self, g: &Table) {
        let all = g.placed();
        let grid_height = g.height();
        if g.width == 0 || grid_height == 0 || all.is_empty() {
            return;
        }
        let lh = line_height(CELL_SIZE);
        // Column edges, the grid's widths scaled to the page.
        let total: f32 = g.widths.iter().map(|w| (*w as f32).max(0.1)).sum();
        let mut xs = vec![MARGIN_X];
        for c in 0..g.width as usize {
            let w = g.widths.get(c).map_or(1.0, |w| (*w as f32).max(0.1));
            xs.push(xs[c] + WIDTH * w / total.max(0.1));
        }
        let cols = xs.len() - 1;
        let edge = |c: u16| xs[(c as usize).min(cols)];
        // Each cell's lines, clamped to the grid.
        let height = grid_height as usize;
        let cells: Vec<(&jixiao_model::table::Placed, Vec<String>, u32, u16)> = all
            .iter()
            .filter(|c| (c.row as usize) < height && (c.col as usize) < cols)
            .map(|c| {
                let last_row = (c.row + c.cell.rowspan.max(1) - 1).min(grid_height - 1);
                let last_col = (c.col + c.cell.colspan.max(1) - 1).min(cols as u16 - 1);
                let inner = (edge(last_col + 1) - edge(c.col) - 2.0 * PAD_X).max(CELL_SIZE);
                (c, wrap(&c.cell.text, CELL_SIZE, inner), last_row, last_col)
            })
            .collect();
        // Rows' line counts from their one-row cells; a merged cell that needs more lines
        // than its rows have makes its last row taller.
        let mut row_lines = vec![1usize; height];
        for (c, lines, last_row, _) in &cells {
            if *last_row == c.row {
                let r = c.row as usize;
                row_lines[r] = row_lines[r].max(lines.len());
            }
        }
        // A merged cell's text is printed in its first row (a reader of the file takes text
        // to the row it starts in), which grows to hold it.
        for (c, lines, last_row, _) in &cells {
            if *last_row > c.row {
                let r = c.row as usize;
                row_lines[r] = row_lines[r].max(lines.len());
            }
        }
        // The indicator header, printed again at the top of a page the table goes on to.
        let header = all
            .iter()
            .find(|c| c.cell.header)
            .map(|c| c.row as usize)
            .filter(|&r| r < height);
        let row_height = |r: usize, lines: usize| -> f32 {
            let _ = r;
            lines as f32 * lh + 2.0 * PAD_Y
        };
        let full = TOP - MARGIN_BOTTOM;
        // Place the rows on pages.
        let mut placed: Vec<(usize, Vec<Placed>)> = Vec::new(); // (page index, rows)
        let mut page_rows: Vec<Placed> = Vec::new();
        let mut at_top = false;
        let mut r = 0usize;
        let mut from = 0usize; // first line of row r still to place
        while r < height {
            let left = row_lines[r] - from;
            let need = row_height(r, left);
            let room = self.room();
            if need > room + 0.01 {
                let header_h = header
                    .filter(|&h| h < r)
                    .map_or(0.0, |h| row_height(h, row_lines[h]));
                let fits_fresh = need <= full - header_h;
                let lines_here = ((room - 2.0 * PAD_Y) / lh).floor().max(0.0) as usize;
                if (fits_fresh && !at_top) || lines_here == 0 {
                    // To a new page, with the header again when the table is past it.
                    if !page_rows.is_empty() {
                        placed.push((self.done.len(), std::mem::take(&mut page_rows)));
                    }
                    self.new_page();
                    at_top = true;
                    if let Some(h) = header.filter(|&h| h < r) {
                        let hh = row_height(h, row_lines[h]);
                        if hh < full / 2.0 {
                            let page = self.page();
                            page_rows.push(Placed {
                                row: h as u32,
                                top: page.y,
                                bottom: page.y - hh,
                                lines: (0, row_lines[h]),
                                open_top: false,
                                open_bottom: false,
                            });
                            page.y -= hh;
                        }
                    }
                    if lines_here == 0 && !fits_fresh && self.room() < 2.0 * PAD_Y + lh {
                        // Nothing fits even on a fresh page (cannot happen at A4); stop.
                        break;
                    }
                    continue;
                }
                // Broken over the page break: what fits here, the rest on the next page.
                let page = self.page();
                let h = row_height(r, lines_here);
                page_rows.push(Placed {
                    row: r as u32,
                    top: page.y,
                    bottom: page.y - h,
                    lines: (from, from + lines_here),
                    open_top: from > 0,
                    open_bottom: true,
                });
                page.y -= h;
                from += lines_here;
                placed.push((self.done.len(), std::mem::take(&mut page_rows)));
                self.new_page();
                at_top = true;
                continue;
            }
            let page = self.page();
            page_rows.push(Placed {
                row: r as u32,
                top: page.y,
                bottom: page.y - need,
                lines: (from, row_lines[r]),
                open_top: from > 0,
                open_bottom: false,
            });
            page.y -= need;
            at_top = false;
            r += 1;
            from = 0;
        }
        if !page_rows.is_empty() {
            placed.push((self.done.len(), page_rows));
        }
        // Draw, page by page: each cell where its rows were placed.
        for (index, rows) in placed {
            let page = if index < self.done.len() {
                &mut self.done[index]
            } else {
                self.page()
            };
            for (c, lines, last_row, last_col) in &cells {
                let (x1, x2) = (edge(c.col), edge(*last_col + 1));
                // The placed rows of this cell on this page, in order (a repeated header row
                // is one of them when the cell is the header's).
                let mine: Vec<&Placed> = rows
                    .iter()
                    .filter(|p| p.row >= c.row && p.row <= *last_row)
                    .collect();
                let (Some(first), Some(last)) = (mine.first(), mine.last()) else {
                    continue;
                };
                let (top, bottom) = (first.top, last.bottom);
                if !first.open_top {
                    page.hline(top, x1, x2);
                }
                if !last.open_bottom {
                    page.hline(bottom, x1, x2);
                }
                page.vline(x1, top, bottom);
                page.vline(x2, top, bottom);
                // The text, in the cell's first row placed on this page (a merged cell's
                // again on each page it goes on to): that row's slice of the lines.
                let (a, b) = first.lines;
                let shown = &lines[a.min(lines.len())..b.min(lines.len())];
                // Centred vertically in that row.
                let used = shown.len() as f32 * lh;
                let offset = if first.open_top || first.open_bottom {
                    0.0
                } else {
                    ((first.top - first.bottom - 2.0 * PAD_Y - used) / 2.0).max(0.0)
                };
                for (i, l) in shown.iter().enumerate() {
                    let line_top = top - PAD_Y - offset - i as f32 * lh;
                    let baseline = line_top - lh + (lh - CELL_SIZE) / 2.0 + CELL_SIZE * 0.12;
                    let x = match c.cell.align {
                        Align::Left => x1 + PAD_X,
                        Align::Center | Align::Auto => x1 + ((x2 - x1 - text_width(l, CELL_SIZE)) / 2.0).max(PAD_X),
                    };
                    page.text(x, baseline, CELL_SIZE, l, c.cell.header);
                }
            }
        }
    }
}

/// The file: catalogue, page tree, the font, the pages and their content, the cross
/// reference table with each object's byte offset.
fn finish(doc: &Document, pages: Vec<String>) -> Vec<u8> {
    let pages = if pages.is_empty() {
        vec![String::new()]
    } else {
        pages
    };
    // Objects 1 catalogue, 2 pages, 3 font, 4 CID font, 5 descriptor, 6 ToUnicode,
    // 7 info, then a page and its content per page.
    let first_page = 8;
    let mut objects: Vec<Vec<u8>> = Vec::new();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", first_page + 2 * i))
        .collect();
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .into_bytes(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H \
/DescendantFonts [4 0 R] /ToUnicode 6 0 R >>"
            .to_vec(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light \
/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> \
/FontDescriptor 5 0 R /DW 1000 /W [1 95 500 814 939 500] >>"
            .to_vec(),
    );
    objects.push(
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 \
/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 \
/StemV 93 >>"
            .to_vec(),
    );
    objects.push(stream("", to_unicode().as_bytes()));
    objects.push(
        format!(
            "<< /Title {} /Producer (jixiao) >>",
            hex(&printable(&form::document_title(doc)).replace('\n', " "))
                .replacen('<', "<FEFF", 1)
        )
        .into_bytes(),
    );
    for (i, content) in pages.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] \
/Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                num(PAGE_W),
                num(PAGE_H),
                first_page + 2 * i + 1
            )
            .into_bytes(),
        );
        objects.push(stream("", content.as_bytes()));
    }
    let mut out: Vec<u8> = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for o in offsets {
        let _ = writeln!(table, "{o:010} 00000 n ");
    }
    let _ = write!(
        table,
        "trailer\n<< /Size {} /Root 1 0 R /Info 7 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(table.as_bytes());
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict}/Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// The ToUnicode map of `UniGB-UCS2-H` codes: each two-byte code is its own UTF-16 unit
/// (surrogates aside, which UCS-2 has not).
fn to_unicode() -> String {
    let ranges: Vec<u32> = (0..=0xFFu32)
        .filter(|h| !(0xD8..=0xDF).contains(h))
        .collect();
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in ranges.chunks(100) {
        let _ = writeln!(s, "{} beginbfrange", chunk.len());
        for h in chunk {
            let _ = writeln!(s, "<{h:02X}00> <{h:02X}FF> <{h:02X}00>");
        }
        s.push_str("endbfrange\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_wraps_at_the_width_keeping_latin_words() {
        // 9 pt: a CJK character is 9 points wide, an ASCII one 4.5.
        assert_eq!(wrap("一二三四五六", 9.0, 27.0), ["一二三", "四五六"]);
        assert_eq!(wrap("总量 report done", 9.0, 60.0), ["总量 report", "done"]);
        assert_eq!(wrap("甲\n\n乙", 9.0, 100.0), ["甲", "", "乙"]);
        // Narrower than one character: one a line, never none.
        assert_eq!(wrap("甲乙", 9.0, 1.0), ["甲", "乙"]);
        assert_eq!(wrap("", 9.0, 10.0), [""]);
    }

    #[test]
    fn only_what_the_font_can_show_is_written() {
        assert_eq!(printable("a\tb\u{0}c\r\n😀"), "a bc\n?");
        assert_eq!(hex("中A"), "<4E2D0041>");
        assert_eq!(num(12.0), "12");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(3.456), "3.46");
    }

    #[test]
    fn the_to_unicode_map_skips_surrogates() {
        let map = to_unicode();
        assert!(map.contains("<4E00> <4EFF> <4E00>"));
        assert!(!map.contains("<D800>"));
        assert_eq!(map.matches(" beginbfrange").count(), 3);
        assert_eq!(
            map.lines()
                .filter(|l| l.starts_with('<') && l.len() == 20)
                .count(),
            248
        );
    }
}
