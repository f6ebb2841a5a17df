//! .pdf → blocks, from the text layer and the drawn table rules (lopdf parses the file; the
//! content streams and fonts are interpreted here: pdf/content.rs, pdf/font.rs).
//!
//! Each page gives text pieces with positions and the horizontal and vertical rules drawn
//! on it. A piece's text comes from its font's ToUnicode map, else from what the font's
//! encoding says (pdf/font.rs); its end from the font's glyph widths. Tables are rebuilt
//! from the rules, as they are printed: a band between two horizontal rules crossed by
//! vertical rules is a table row, the vertical rules crossing it bound its cells, and each
//! text piece goes to the cell it starts in. A band may also end where its vertical rules
//! run off the page unclosed (a row broken over a page break, drawn without a rule there).
//! A cell's lines wrapped at its right edge are joined back; lines the text broke are joined
//! with `\n`. Text outside the rules is paragraphs: a printed line each, except that a long
//! line wrapped at the document's right margin goes on with the line below it. Spaces
//! between pieces are inferred from the gaps, allowing for the room producers leave between
//! CJK and Latin text.
//!
//! Across pages: page headers and footers (lines at a page's top or foot printed again at
//! the same height on other pages) are read once, at the start; a table going on over a
//! page break continues the same table; a row broken over it is one row; a header repeated
//! at a page top is skipped; two tables printed one under the other (their borders doubled,
//! more than the page's rows' are) stay two.
//!
//! Tested with the seeds printed by LibreOffice under two font sets and by Chromium
//! (tests/pdf_producers.rs, crates/office/README.md).
//!
//! A PDF without any text (a scan) gets [`CarrierError::NeedsOcr`]. "Line" is the visual line
//! (a table row or a line of text), counted 1-based across pages; a paragraph joined from
//! several lines has its first line's.

use jixiao_read::layout::{Block, Cell, Row, Table};

use crate::error::CarrierError;
use crate::limits::{MAX_CELLS, MAX_ENTRY_BYTES, MAX_PAGES};

mod cmap;
mod content;
mod font;
mod radicals;
mod sfnt;
mod widths;

const KIND: &str = "PDF ";
/// Most text pieces and rules kept from one document (every page is read before it is laid
/// out, to find the page headers and footers).
const MAX_PIECES: usize = 2_000_000;

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

pub fn blocks(file: &str, bytes: &[u8]) -> Result<Vec<Block>, CarrierError> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_ENTRY_BYTES),
        ..lopdf::LoadOptions::default()
    };
    let doc = lopdf::Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decryption(_) => CarrierError::Encrypted {
            file: file.to_string(),
        },
        other => CarrierError::corrupt(file, KIND, "文件结构", other),
    })?;
    if doc.is_encrypted() {
        return Err(CarrierError::Encrypted {
            file: file.to_string(),
        });
    }
    let pages = doc.get_pages();
    if pages.len() > MAX_PAGES {
        return Err(CarrierError::too_large(
            file,
            "PDF 页数",
            MAX_PAGES.to_string(),
        ));
    }
    let mut read = Vec::with_capacity(pages.len());
    let mut pieces = 0usize;
    let mut reader = content::Reader::new(&doc);
    for (number, id) in pages {
        let page = reader
            .page(id)
            .map_err(|e| CarrierError::corrupt(file, KIND, format!("第{number}页"), e))?;
        pieces += page.pieces.len() + page.horizontal.len() + page.vertical.len();
        if pieces > MAX_PIECES {
            return Err(CarrierError::too_large(
                file,
                "PDF 文字片段与线条总数",
                MAX_PIECES.to_string(),
            ));
        }
        read.push(page);
    }
    let any_text = read
        .iter()
        .any(|p| p.pieces.iter().any(|p| !p.text.trim().is_empty()));
    let out = Layout::of(&read);
    if out.cells > MAX_CELLS {
        return Err(CarrierError::too_large(
            file,
            "表格单元格总数",
            MAX_CELLS.to_string(),
        ));
    }
    if !any_text {
        return Err(CarrierError::NeedsOcr {
            file: file.to_string(),
        });
    }
    Ok(out.blocks)
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

/// A page's text pieces placed: table rows (bands, each cell's pieces) and loose printed
/// lines, top to bottom.
struct Arranged<'p> {
    bands: Vec<Band>,
    cells: Vec<Vec<Vec<&'p Piece>>>,
    /// (top or baseline, item), top first. Lines of white space only are not there.
    items: Vec<(f32, Item<'p>)>,
}

enum Item<'p> {
    Line(Vec<&'p Piece>),
    Band(usize),
}

/// Each piece goes to the band and cell it starts in, or stays in a loose line.
fn arrange(page: &Page) -> Arranged<'_> {
    let bands = bands(page);
    let mut cells: Vec<Vec<Vec<&Piece>>> = bands
        .iter()
        .map(|b| vec![Vec::new(); b.edges.len().saturating_sub(1)])
        .collect();
    let mut loose: Vec<&Piece> = Vec::new();
    for p in &page.pieces {
        match cell_of(&bands, p) {
            Some((bi, ci)) => cells[bi][ci].push(p),
            None => loose.push(p),
        }
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
    Arranged {
        bands,
        cells,
        items,
    }
}

/// How many of a page's first and last lines may be its header and footer.
const MARGIN_LINES: usize = 3;

/// A printed line as compared across pages: its text without white space, every run of
/// digits one `#` (page numbers, dates).
fn running_key(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Page headers and footers: lines among a page's first or last few, outside its tables,
/// printed again at the same height on another page (digits aside). They are read once, at
/// the start of the document, and skipped where they repeat, so that they neither break a
/// table running over the page break nor repeat the department and year on every page.
#[derive(Default)]
struct Running {
    /// (key, baseline, text where first printed), in order of first appearance.
    lines: Vec<(String, f32, String)>,
}

impl Running {
    fn of(pages: &[Arranged]) -> Running {
        // (key, baseline, page, text) of each page's margin lines.
        let mut seen: Vec<(String, f32, usize, String)> = Vec::new();
        for (pi, page) in pages.iter().enumerate() {
            let n = page.items.len();
            let first_band = page
                .items
                .iter()
                .position(|(_, i)| matches!(i, Item::Band(_)))
                .unwrap_or(n);
            let last_band = page
                .items
                .iter()
                .rposition(|(_, i)| matches!(i, Item::Band(_)))
                .map_or(0, |i| i + 1);
            let top = 0..first_band.min(MARGIN_LINES);
            let bottom = last_band.max(n.saturating_sub(MARGIN_LINES))..n;
            for ii in top.chain(bottom) {
                if let (y, Item::Line(l)) = &page.items[ii] {
                    let text = join_line(l);
                    let key = running_key(&text);
                    if !key.is_empty() {
                        seen.push((key, *y, pi, text));
                    }
                }
            }
        }
        let mut lines: Vec<(String, f32, String)> = Vec::new();
        for (i, (key, y, page, text)) in seen.iter().enumerate() {
            let again = seen[i + 1..]
                .iter()
                .any(|o| o.2 != *page && o.0 == *key && (o.1 - y).abs() <= 3.0);
            let known = lines.iter().any(|l| l.0 == *key && (l.1 - y).abs() <= 3.0);
            if again && !known {
                lines.push((key.clone(), *y, text.clone()));
            }
        }
        Running { lines }
    }

    fn has(&self, text: &str, y: f32) -> bool {
        let key = running_key(text);
        self.lines
            .iter()
            .any(|l| l.0 == key && (l.1 - y).abs() <= 3.0)
    }
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
    /// The printed line that ended the last paragraph, while nothing else followed it: the
    /// next line may go on with it.
    open_line: Option<OpenLine>,
    /// The left and right margins of the document's loose lines, where found.
    margins: Option<(f32, f32)>,
}

/// Where a paragraph's last printed line stands.
#[derive(Debug, Clone, Copy)]
struct OpenLine {
    x: f32,
    y: f32,
    end: f32,
    size: f32,
    /// A space ended it.
    spaced: bool,
}

/// A table row found on a page: the band between two horizontal rules and its cell bounds.
struct Band {
    top: f32,
    bottom: f32,
    edges: Vec<f32>,
    /// Its top rule is doubled (two tables' borders drawn one on the other): a new table
    /// starts here.
    opens_table: bool,
    /// No rule closes it above or below: its cells' rules run off the page there.
    open_top: bool,
    open_bottom: bool,
}

/// The last printed line of a cell.
#[derive(Debug, Clone, Copy)]
struct LastLine {
    end: f32,
    baseline: f32,
    size: f32,
    /// A space ended it (a wrap at a space, the space left at the line's end).
    spaced: bool,
}

/// The row that ended a page, as printed: enough to tell whether the next page's first row
/// carries on its cells.
struct Tail {
    edges: Vec<f32>,
    bottom: f32,
    cells: Vec<Option<LastLine>>,
    /// No rule closed the row at the page's foot.
    open: bool,
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
        // Rules that run off one page and on at the next: one row drawn in two parts.
        if self.open && next.open_top {
            return true;
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
            let next = lines_of(pieces)
                .first()
                .map(|l| join_line(l))
                .unwrap_or_default();
            cut |= wraps(last.end, last.size, right, &next);
        }
        cut || cells.iter().flatten().all(|p| p.text.trim().is_empty())
    }
}

impl Layout {
    /// The pages laid out in order, their headers and footers read once at the start.
    /// Stops once the cells pass [`MAX_CELLS`].
    fn of(pages: &[Page]) -> Layout {
        let arranged: Vec<Arranged> = pages.iter().map(arrange).collect();
        let running = Running::of(&arranged);
        let mut out = Layout {
            margins: margins(&arranged, &running),
            ..Layout::default()
        };
        for (_, _, text) in &running.lines {
            out.line += 1;
            out.blocks.push(Block::Paragraph {
                text: jixiao_model::text::trim(text).to_string(),
                line: out.line,
            });
        }
        for page in arranged {
            out.page(page, &running);
            if out.cells > MAX_CELLS {
                break;
            }
        }
        out
    }

    /// Lays out one arranged page; `running` are the page headers and footers, which are
    /// not read again.
    fn page(&mut self, page: Arranged, running: &Running) {
        let Arranged {
            bands,
            cells: in_cells,
            items,
        } = page;
        let items: Vec<(f32, Item)> = items
            .into_iter()
            .filter(|(y, item)| match item {
                Item::Line(l) => !running.has(&join_line(l), *y),
                Item::Band(_) => true,
            })
            .collect();
        let tail = self.tail.take();
        let mut first_on_page = true;
        let mut prev_band_bottom: Option<f32> = None;
        let last_item = items.len().saturating_sub(1);
        for (ii, (_, item)) in items.into_iter().enumerate() {
            match item {
                Item::Line(pieces) => {
                    self.line += 1;
                    let text = join_line(&pieces);
                    self.paragraph_line(&pieces, text, first_on_page);
                    prev_band_bottom = None;
                }
                Item::Band(bi) => {
                    self.open_line = None;
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
                            open: band.open_bottom,
                        });
                    }
                    prev_band_bottom = Some(band.bottom);
                }
            }
            first_on_page = false;
        }
    }

    /// A loose printed line: it goes on with the paragraph before where that one's last
    /// line, a long one, wrapped at the right margin and this one starts no further right,
    /// just below it on the same page; else it starts a paragraph. (A paragraph going on
    /// over a page break is not joined: a line ending flush at the page's foot does not
    /// tell.)
    fn paragraph_line(&mut self, pieces: &[&Piece], text: String, first_on_page: bool) {
        let printed: Vec<&&Piece> = pieces
            .iter()
            .filter(|p| !p.text.trim().is_empty())
            .collect();
        let (Some(first), Some(size)) = (
            printed.first(),
            printed.iter().map(|p| p.size).reduce(f32::max),
        ) else {
            return;
        };
        let here = OpenLine {
            x: first.x,
            y: first.y,
            end: printed.iter().map(|p| p.end).fold(f32::MIN, f32::max),
            size,
            spaced: text.ends_with(char::is_whitespace),
        };
        let text = jixiao_model::text::trim(&text).to_string();
        let goes_on = match (self.open_line, self.margins, self.blocks.last()) {
            (Some(before), Some((left, right)), Some(Block::Paragraph { .. })) => {
                let below = before.y - here.y;
                !first_on_page
                    && below > 0.0
                    && below <= before.size * 2.0
                    && (here.size - before.size).abs() <= 1.0
                    && here.x <= before.x + before.size
                    && before.end - before.x >= (right - left) / 2.0
                    && wraps(before.end, before.size, right, &text)
            }
            _ => false,
        };
        let spaced = self.open_line.is_some_and(|b| b.spaced);
        self.open_line = Some(here);
        if goes_on {
            if let Some(Block::Paragraph { text: joined, .. }) = self.blocks.last_mut() {
                let sep = if spaced {
                    " "
                } else {
                    separator(joined, &text, true)
                };
                joined.push_str(sep);
                joined.push_str(&text);
                return;
            }
        }
        self.blocks.push(Block::Paragraph {
            text,
            line: self.line,
        });
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
            let (cut, spaced) = match (tail.cells.get(ci), tail.edges.get(ci + 1)) {
                (Some(Some(last)), Some(&right)) => {
                    (wraps(last.end, last.size, right, &more), last.spaced)
                }
                _ => (false, false),
            };
            if !cell.text.is_empty() {
                cell.text.push_str(if cut && spaced {
                    " "
                } else {
                    separator(&cell.text, &more, cut)
                });
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
    // Bands do not overlap and run top to bottom: the first one whose bottom is below the
    // probe is the only one that may hold it.
    let bi = bands.partition_point(|b| b.bottom >= probe_y);
    let band = bands
        .get(bi)
        .filter(|b| probe_y < b.top && probe_y > b.bottom)?;
    let e = &band.edges;
    let last = e.len().checked_sub(2)?;
    let ci = e
        .partition_point(|x| *x <= probe_x)
        .checked_sub(1)
        .filter(|&i| i <= last);
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
        spaced: join_line(line).ends_with(char::is_whitespace),
    })
}

/// Table rows of a page: bands between consecutive horizontal rules that at least two
/// vertical rules cross; the crossing rules' positions are the cell edges.
fn bands(page: &Page) -> Vec<Band> {
    // Ends of vertical rules that no horizontal rule closes, where at least two meet: a
    // table running off the page, its row broken over the page break without a rule there
    // (Chromium draws none).
    let closed = |y: f32, x: f32| {
        page.horizontal
            .iter()
            .any(|r| (r.at - y).abs() <= 1.5 && r.a - 2.0 <= x && x <= r.b + 2.0)
    };
    let mut open_ends: Vec<(f32, f32)> = page
        .vertical
        .iter()
        .flat_map(|v| [(v.a, v.at), (v.b, v.at)])
        .filter(|&(y, x)| !closed(y, x))
        .collect();
    open_ends.sort_by(|a, b| a.0.total_cmp(&b.0));
    let open: Vec<f32> = open_ends
        .chunk_by(|a, b| (b.0 - a.0).abs() <= 1.5)
        .filter(|c| levels(c.iter().map(|e| e.1).collect(), 1.5).len() >= 2)
        .map(|c| c.iter().map(|e| e.0).sum::<f32>() / c.len() as f32)
        .collect();
    let is_open = |y: f32| open.iter().any(|o| (o - y).abs() <= 1.5);
    let ys = levels(
        page.horizontal
            .iter()
            .map(|r| r.at)
            .chain(open.iter().copied())
            .collect(),
        1.5,
    );
    let mut out = Vec::new();
    // How far apart the rules drawn at each band's top are.
    let mut spreads = Vec::new();
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
        if (spans(top) || is_open(top)) && (spans(bottom) || is_open(bottom)) {
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
                open_top: !spans(top),
                open_bottom: !spans(bottom),
            });
            spreads.push(spread);
        }
    }
    // Where a producer draws every cell's own border (Chromium), every row's rules are
    // doubled: then only a rule more doubled than the page's usual one parts two tables.
    let spread_at = |y: f32| {
        let at: Vec<f32> = page
            .horizontal
            .iter()
            .filter(|r| (r.at - y).abs() <= 1.5)
            .map(|r| r.at)
            .collect();
        at.iter().copied().fold(f32::MIN, f32::max) - at.iter().copied().fold(f32::MAX, f32::min)
    };
    let mut rules: Vec<f32> = out.iter().flat_map(|b| [b.top, b.bottom]).collect();
    rules.sort_by(|a, b| a.total_cmp(b));
    rules.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    let mut usual: Vec<f32> = rules
        .into_iter()
        .map(spread_at)
        .filter(|s| *s >= 0.0)
        .collect();
    usual.sort_by(|a, b| a.total_cmp(b));
    if let Some(&usual) = usual.get(usual.len().saturating_sub(1) / 2) {
        for (b, s) in out.iter_mut().zip(&spreads) {
            b.opens_table = *s >= 0.3 && *s > usual + 0.3;
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

/// A printed line's pieces joined, with a space where the gap between two pieces is wider
/// than the spacing a producer leaves without one. Between Latin letters or digits that is
/// a fifth of the text size; between a CJK character and a Latin one LibreOffice and Word
/// add about as much of their own (autospace), so a space there is a gap of over a third;
/// between CJK characters, a gap of a whole character.
fn join_line(pieces: &[&Piece]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Piece> = None;
    for p in pieces {
        if let Some(q) = prev {
            let gap = p.x - q.end;
            let size = p.size.max(q.size);
            let (a, b) = (out.chars().last(), p.text.chars().next());
            let room = match (a.is_some_and(wide), b.is_some_and(wide)) {
                (false, false) => 0.2,
                (true, true) => 1.0,
                _ => 0.35,
            };
            if gap > size * room
                && !a.is_some_and(char::is_whitespace)
                && !b.is_some_and(char::is_whitespace)
            {
                out.push(' ');
            }
        }
        out.push_str(&p.text);
        prev = Some(p);
    }
    out
}

/// A character printed a whole em wide: CJK, full-width forms.
fn wide(c: char) -> bool {
    font::em_width(c) >= 1.0
}

/// The left and right margins of a document's loose printed lines (page headers and
/// footers aside): the furthest left start and furthest right end that at least three of
/// them reach (within a character and a half), so that a few lines alone set none.
fn margins(pages: &[Arranged], running: &Running) -> Option<(f32, f32)> {
    let mut starts: Vec<(f32, f32)> = Vec::new();
    let mut ends: Vec<(f32, f32)> = Vec::new();
    for (y, item) in pages.iter().flat_map(|p| &p.items) {
        let Item::Line(l) = item else { continue };
        if running.has(&join_line(l), *y) {
            continue;
        }
        let printed = l.iter().filter(|p| !p.text.trim().is_empty());
        if let (Some(x), Some(end), Some(size)) = (
            printed.clone().map(|p| p.x).reduce(f32::min),
            printed.clone().map(|p| p.end).reduce(f32::max),
            printed.map(|p| p.size).reduce(f32::max),
        ) {
            starts.push((-x, size));
            ends.push((end, size));
        }
    }
    let furthest = |mut v: Vec<(f32, f32)>| {
        v.sort_by(|a, b| b.0.total_cmp(&a.0));
        v.windows(3)
            .find(|w| w[0].0 - w[2].0 <= w[0].1 * 1.5)
            .map(|w| w[0].0)
    };
    Some((-furthest(starts)?, furthest(ends)?))
}

/// Whether a printed line ending at `end`, in a cell whose right edge is `right`, wrapped
/// there with the text going on as `next`: the next line's first run that may not be broken
/// (a CJK character with the punctuation that may not start or end a line beside it, a
/// Latin word, a number with its sign and unit) would not have fitted in the room left, the
/// cell's padding allowed for.
fn wraps(end: f32, size: f32, right: f32, next: &str) -> bool {
    right - end < first_run_width(next, size) + size * 0.25 + 4.0
}

/// The width, estimated, of the first run of `text` a printer may not break.
fn first_run_width(text: &str, size: f32) -> f32 {
    let chars: Vec<char> = text.trim_start().chars().take(64).collect();
    let mut width = 0.0;
    for (i, &c) in chars.iter().enumerate() {
        width += font::em_width(c) * size;
        let Some(&n) = chars.get(i + 1) else {
            break;
        };
        if n.is_whitespace() {
            break;
        }
        let opening = "（([《〈「『【〔“‘".contains(c);
        let closing = "）)]》〉」』】〕”’，。、；：！？,.;:!?%％‰·…".contains(n);
        if !opening && !closing && (wide(c) || wide(n)) {
            break;
        }
    }
    width
}

/// What goes between two pieces of a cell's text: nothing or a space where the printer
/// wrapped a line, a line break where the text broke. A space goes between Latin words,
/// where the text had one, and where CJK text goes on with a Latin letter, a digit or a
/// comparison sign: printers wrap there at the space the text mostly has (`健全 2. 跨部门`,
/// `覆盖率 ≥95%`) and do not print it at the line's end.
fn separator(before: &str, after: &str, wrapped: bool) -> &'static str {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let comparison = |c: Option<char>| c.is_some_and(|c| "≥≤＞＜>＝=≧≦≠".contains(c));
    let next = after.chars().next();
    if !wrapped {
        "\n"
    } else if before.ends_with(char::is_whitespace)
        || after.starts_with(char::is_whitespace)
        || (latin(before.chars().last()) && latin(next))
        || (before.chars().last().is_some_and(wide) && (latin(next) || comparison(next)))
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
    // The line before: where it ended, its size, and whether a space ended it.
    let mut before: Option<(f32, f32, bool)> = None;
    for line in lines_of(pieces) {
        let raw = join_line(&line);
        if raw.trim().is_empty() {
            continue;
        }
        if let Some((end, size, spaced)) = before {
            let wrapped = right.is_some_and(|r| wraps(end, size, r, &raw));
            out.push_str(if wrapped && spaced {
                " "
            } else {
                separator(&out, &raw, wrapped)
            });
        }
        out.push_str(raw.trim());
        let printed = line.iter().filter(|p| !p.text.trim().is_empty());
        let end = printed.clone().map(|p| p.end).fold(f32::MIN, f32::max);
        let size = printed.map(|p| p.size).fold(0.0, f32::max);
        before = Some((end, size, raw.ends_with(char::is_whitespace)));
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
            end: x + text.chars().map(|c| font::em_width(c) * 10.0).sum::<f32>(),
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
        let layout = Layout::of(&[page]);
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
        let layout = Layout::of(&[
            ruled(
                vec![
                    piece(52.0, 785.0, "一级"),
                    piece(102.0, 785.0, "指标"),
                    piece(52.0, 760.0, "产出"),
                    piece(102.0, 760.0, "安全生产宣"),
                    piece(102.0, 747.0, "传"),
                    piece(102.0, 50.0, "安全生产宣"),
                ],
                &[800.0, 780.0, 40.0],
            ),
            ruled(
                vec![
                    piece(102.0, 785.0, "传活动次数"),
                    piece(52.0, 745.0, "效益"),
                    piece(102.0, 755.0, "满意度度<"),
                    piece(148.0, 755.0, ">"),
                    piece(102.0, 742.0, "指标"),
                ],
                &[800.0, 770.0, 720.0],
            ),
        ]);
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
        let layout = Layout::of(&[page]);
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

    #[test]
    fn autospace_between_cjk_and_digits_is_no_space() {
        // LibreOffice leaves a fifth of an em between 次 and 2 and between 2 and 万 (size 10:
        // 2 points); a real space is wider.
        let a = piece(0.0, 0.0, "三次");
        let b = piece(a.end + 2.0, 0.0, "2");
        let c = piece(b.end + 2.1, 0.0, "万元");
        assert_eq!(join_line(&[&a, &b, &c]), "三次2万元");
        let d = piece(c.end + 4.0, 0.0, "3");
        assert_eq!(join_line(&[&a, &b, &c, &d]), "三次2万元 3");
    }

    #[test]
    fn wraps_by_the_next_lines_first_run() {
        // 率 ends 34 points short of the edge: （%） (about 31 points with the padding
        // allowed for) could not have followed it there; 一 could.
        assert!(wraps(297.5, 12.0, 331.8, "（%）"));
        assert!(!wraps(297.5, 12.0, 331.8, "一、产出"));
        assert_eq!(first_run_width("≥95% 2.", 10.0), 22.0);
        assert_eq!(first_run_width("通。知", 10.0), 20.0);
        assert_eq!(first_run_width("《中华》", 10.0), 20.0);
        // Wrapped CJK text goes on with a digit or a comparison sign after a space.
        assert_eq!(separator("健全", "2. 跨部门", true), " ");
        assert_eq!(separator("覆盖率", "≥95%", true), " ");
        assert_eq!(separator("安全生产宣", "传", true), "");
        assert_eq!(separator("甲", "乙", false), "\n");
    }

    #[test]
    fn rows_running_off_the_page_go_on() {
        // No rule closes the row at the foot of page 1 or opens it at the top of page 2
        // (Chromium): the rules just end, and the row goes on, whatever its text.
        let mut one = ruled(
            vec![
                piece(52.0, 785.0, "一级"),
                piece(52.0, 760.0, "产出"),
                piece(102.0, 760.0, "甲"),
            ],
            &[800.0, 780.0, 40.0],
        );
        one.horizontal.retain(|r| r.at > 41.0);
        let mut two = ruled(
            vec![piece(102.0, 785.0, "乙"), piece(52.0, 745.0, "效益")],
            &[800.0, 770.0, 720.0],
        );
        two.horizontal.retain(|r| r.at < 799.0);
        let layout = Layout::of(&[one, two]);
        assert_eq!(
            crate::test_support::render(&layout.blocks),
            "T\n  R1 [一级|]\n  R2 [产出|甲⏎乙]\n  R3 [效益|]\n"
        );
    }

    #[test]
    fn page_headers_and_footers_are_read_once() {
        // Each page: a header with the department and year, a table row, a footer with the
        // page number. The footer and header between the pages do not part the table.
        let page = |n: u32, cell: &str| {
            let mut p = ruled(vec![piece(52.0, 760.0, cell)], &[780.0, 740.0]);
            p.pieces
                .push(piece(50.0, 820.0, "某县应急管理局2023年部门预算"));
            p.pieces.push(piece(90.0, 20.0, &format!("第{n}页")));
            p
        };
        let layout = Layout::of(&[page(1, "甲"), page(2, "乙"), page(3, "丙")]);
        assert_eq!(
            crate::test_support::render(&layout.blocks),
            "P1 某县应急管理局2023年部门预算\nP2 第1页\nT\n  R3 [甲|]\n  R4 [乙|]\n  R5 [丙|]\n"
        );
    }

    #[test]
    fn wrapped_paragraph_lines_are_joined() {
        // Three long lines reach the right margin (x 300); the first wraps into the second
        // line, whose end is the paragraph's; the third starts a paragraph after a gap.
        let long = "一二三四五六七八九十一二三四五六七八九十一二三四五";
        let page = Page {
            pieces: vec![
                piece(50.0, 700.0, long),
                piece(50.0, 686.0, "完。"),
                piece(50.0, 640.0, long),
                piece(50.0, 626.0, long),
                piece(50.0, 612.0, "续完。"),
            ],
            ..Page::default()
        };
        let layout = Layout::of(&[page]);
        assert_eq!(
            crate::test_support::render(&layout.blocks),
            format!("P1 {long}完。\nP3 {long}{long}续完。\n")
        );
    }
}
