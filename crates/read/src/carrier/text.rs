//! Plain-text carriers, detected line by line so that one file may mix them:
//!
//! - **Word table dumps**: each cell on a line led by one TAB, rows split by blank lines; a
//!   cell's further paragraphs follow as lines without a TAB (after a single blank line when
//!   the cell had an empty paragraph). Merged cells are empty TAB lines.
//! - **TAB-separated rows** (tables after PDF or spreadsheet conversion): one row per line.
//! - **Pipe tables**: `| a | b |` rows, with `|---|---|` rules ignored.
//!
//! Everything else is a paragraph. Word's table-of-contents field codes (` TC "…" \f C \l 1`)
//! are dropped from paragraphs.

use crate::layout::{Block, Cell, Row, Table};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// One TAB-led line per cell.
    WordCells,
    /// One line per row, TAB-separated or pipe-separated.
    Rows,
}

enum Line<'a> {
    Blank,
    WordCell(&'a str),
    Cells(Vec<&'a str>),
    Rule,
    Text(&'a str),
}

fn classify(raw: &str) -> Line<'_> {
    let line = raw.strip_suffix('\r').unwrap_or(raw);
    if let Some(rest) = line.strip_prefix('\t') {
        if !rest.contains('\t') {
            return Line::WordCell(rest);
        }
        return Line::Cells(line.split('\t').collect());
    }
    if line.contains('\t') {
        return Line::Cells(line.split('\t').collect());
    }
    let t = jixiao_model::text::trim(line);
    // A line of pipes alone (`||||`) is what a flattened table leaves of its empty cells.
    if t.is_empty() || t == "\u{c}" || t.chars().all(|c| c == '|' || c.is_whitespace()) {
        return Line::Blank;
    }
    if t.starts_with('|') && t.len() > 1 && t[1..].contains('|') {
        let inner = t.trim_start_matches('|');
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        let cells: Vec<&str> = inner.split('|').collect();
        if cells.iter().all(|c| {
            !c.trim().is_empty() && c.trim().chars().all(|ch| matches!(ch, '-' | ':' | ' '))
        }) {
            return Line::Rule;
        }
        return Line::Cells(cells);
    }
    Line::Text(line)
}

/// A document-sharing site's preview cuts the document's text into numbered pieces of one
/// fixed length (`1、…` / `2、…` / `3、…`, each 300 characters), wherever the cut falls, even
/// inside a word. The pieces are one text: their numbers are dropped and they are joined
/// back. Lines kept in place (the joined text stands on the first piece's line, the others
/// are left empty), so every later line keeps its number.
fn join_preview_chunks(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let numbered = |l: &str, k: usize| -> Option<usize> {
        // (Most lines start with no figure: no prefix is made for them.)
        if !l.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let prefix = format!("{k}、");
        l.starts_with(&prefix).then_some(prefix.len())
    };
    let mut out: Option<Vec<String>> = None;
    let mut i = 0;
    while i < lines.len() {
        // A run of lines numbered 1、, 2、, … whose pieces but the last share one length.
        let run_len = if numbered(lines[i], 1).is_some() {
            let mut k = 1;
            while i + k < lines.len() && numbered(lines[i + k], k + 1).is_some() {
                k += 1;
            }
            k
        } else {
            0
        };
        let piece = |j: usize| {
            let l = lines[i + j];
            &l[numbered(l, j + 1).unwrap_or(0)..]
        };
        let width = (run_len >= 2).then(|| piece(0).chars().count());
        let fixed = width.is_some_and(|w| {
            w >= 100 && (0..run_len - 1).all(|j| piece(j).chars().count() == w)
        });
        if !fixed {
            if let Some(o) = out.as_mut() {
                o.push(lines[i].to_string());
            }
            i += 1;
            continue;
        }
        let o = out.get_or_insert_with(|| lines[..i].iter().map(|l| l.to_string()).collect());
        o.push((0..run_len).map(piece).collect());
        o.extend(std::iter::repeat_n(String::new(), run_len - 1));
        i += run_len;
    }
    out.map(|o| o.join("\n"))
}

/// Drops a Word TOC field code: `1、…绩效目标表 TC 1、…绩效目标表 \f C \l 1`.
pub fn strip_field_code(s: &str) -> &str {
    match s.find(" TC ") {
        Some(i) if s[i..].contains("\\l") || s[i..].contains("\\f") => s[..i].trim_end(),
        _ => s,
    }
}

struct Builder {
    blocks: Vec<Block>,
    table: Option<(Mode, Table)>,
    row_open: bool,
}

impl Builder {
    fn flush(&mut self) {
        if let Some((_, t)) = self.table.take() {
            if !t.rows.is_empty() {
                self.blocks.push(Block::Table(t));
            }
        }
        self.row_open = false;
    }

    fn table(&mut self, mode: Mode) -> &mut Table {
        if self.table.as_ref().is_some_and(|(m, _)| *m != mode) {
            self.flush();
        }
        &mut self.table.get_or_insert_with(|| (mode, Table::default())).1
    }

    fn mode(&self) -> Option<Mode> {
        self.table.as_ref().map(|(m, _)| *m)
    }

    fn append_to_last_cell(&mut self, text: &str) -> bool {
        let Some((_, t)) = self.table.as_mut() else {
            return false;
        };
        let Some(cell) = t.rows.last_mut().and_then(|r| r.cells.last_mut()) else {
            return false;
        };
        cell.text.push('\n');
        cell.text.push_str(text);
        true
    }
}

/// Whether line `i` is a text cell whose closing `|` stands alone on the next line.
fn closed_below_at(lines: &[&str], i: usize) -> bool {
    // (The next line first: it is rarely a `|` alone, and the test stops at its first
    // character; the line itself is scanned only then. Every line is asked: `blocks` −8%
    // instructions on the corpus, −15% on the seeds.)
    if !lines.get(i + 1).is_some_and(|l| l.trim() == "|") {
        return false;
    }
    let t = lines[i].trim();
    !t.is_empty() && !t.contains('|') && !t.contains('\t')
}

/// Reads plain text into blocks.
pub fn blocks(text: &str) -> Vec<Block> {
    let joined = join_preview_chunks(text);
    let text = joined.as_deref().unwrap_or(text);
    let lines: Vec<&str> = text.split('\n').collect();
    let mut b = Builder {
        blocks: Vec::new(),
        table: None,
        row_open: false,
    };
    let mut blanks = 0usize;
    // (A style of the whole text: a stray `(2019年度)` above a `|` is no such cell.)
    let cells_closed_below = (0..lines.len()).filter(|&i| closed_below_at(&lines, i)).count();
    for (i, raw) in lines.iter().enumerate() {
        let n = i as u32 + 1;
        let mut line = classify(raw);
        if let Line::WordCell(rest) = line {
            // Inside TAB-separated rows, `\t质量指标` is a row whose first cell is empty.
            if blanks == 0 && b.mode() == Some(Mode::Rows) {
                line = Line::Cells(vec!["", rest]);
            }
        }
        match line {
            Line::Blank => {
                blanks += 1;
                match b.mode() {
                    Some(Mode::WordCells) => b.row_open = false,
                    Some(Mode::Rows) => b.flush(),
                    None => {}
                }
            }
            Line::WordCell(cell) => {
                let row_open = b.row_open;
                let t = b.table(Mode::WordCells);
                if !row_open || t.rows.is_empty() {
                    t.rows.push(Row {
                        cells: Vec::new(),
                        line: n,
                    });
                }
                let row = t.rows.last_mut().unwrap();
                let col = row.cells.len() as u32 + 1;
                row.cells.push(Cell {
                    text: cell.to_string(),
                    line: n,
                    col,
                });
                b.row_open = true;
                blanks = 0;
            }
            Line::Cells(cells) => {
                let t = b.table(Mode::Rows);
                let cells = cells
                    .iter()
                    .enumerate()
                    .map(|(c, s)| Cell {
                        text: s.trim().to_string(),
                        line: n,
                        col: c as u32 + 1,
                    })
                    .collect();
                t.rows.push(Row { cells, line: n });
                blanks = 0;
            }
            Line::Rule => blanks = 0,
            Line::Text(t) => {
                let next_is =
                    |pred: fn(&Line) -> bool| lines.get(i + 1).is_some_and(|l| pred(&classify(l)));
                // A flattened table that ends each cell with a `|` on the next line (`美化环境。`
                // then `|`): the line is one cell, closed by that `|`, as if printed `美化环境。 |`.
                let closed_below;
                let t = if cells_closed_below >= 3 && closed_below_at(&lines, i) {
                    closed_below = format!("{} |", t.trim_end());
                    closed_below.as_str()
                } else {
                    t
                };
                let attached = match b.mode() {
                    // A cell's next paragraph: directly below, or after one blank line when
                    // the row goes on right after it.
                    Some(Mode::WordCells) => {
                        (blanks == 0
                            || (blanks == 1 && next_is(|l| matches!(l, Line::WordCell(_)))))
                            && b.append_to_last_cell(t)
                    }
                    // A line without TABs between two rows is a one-cell row (a cell whose
                    // text wrapped onto its own line).
                    Some(Mode::Rows) if blanks == 0 && next_is(|l| matches!(l, Line::Cells(_))) => {
                        // A pipe row printed without its leading `|` is a row of cells; a
                        // lone terminating `|` closes the one cell (`年度资金总额 |`).
                        let closed = t.trim().strip_suffix('|');
                        let pieces: Vec<&str> = if t.matches('|').count() >= 2 {
                            closed.unwrap_or(t.trim()).split('|').collect()
                        } else {
                            vec![closed.unwrap_or(t)]
                        };
                        let row = Row {
                            cells: pieces
                                .iter()
                                .enumerate()
                                .map(|(c, p)| Cell {
                                    text: p.trim().to_string(),
                                    line: n,
                                    col: c as u32 + 1,
                                })
                                .collect(),
                            line: n,
                        };
                        b.table(Mode::Rows).rows.push(row);
                        true
                    }
                    _ => false,
                };
                if attached {
                    b.row_open = true;
                } else {
                    b.flush();
                    // The line's indentation is kept: an indentation tree prints a value
                    // deeper than its name (the tokens measure it; everything else trims).
                    let body = jixiao_model::text::trim(t);
                    let indent = &t[..body.as_ptr() as usize - t.as_ptr() as usize];
                    let indent = if body.is_empty() || indent.contains(['\n', '\r']) { "" } else { indent };
                    let text = format!("{indent}{}", strip_field_code(body));
                    b.blocks.push(Block::Paragraph { text, line: n });
                }
                blanks = 0;
            }
        }
    }
    b.flush();
    b.blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::render;


    #[test]
    fn word_cells_with_continuations() {
        let text = "1、表 TC 1、表 \\f C \\l 1 \n\t426002局\n\t单位：万元\n\n\t项目\n\n编码\n\t\n\t项目名称\n\t甲\n\n\t产出指标\n\t≥100\n\n%\n\t依据\n\n\n2、下一表\n";
        let want = "P1 1、表\nT\n  R2 [426002局|单位：万元]\n  R5 [项目⏎编码||项目名称|甲]\n  R12 [产出指标|≥100⏎%|依据]\nP19 2、下一表\n";
        assert_eq!(render(&blocks(text)), want);
    }

    #[test]
    fn tab_separated_rows() {
        let text = "标题\n\n绩效目标\t\t\t\n1、目标一。\n一级指标\t二级指标\n产出指标\t数量指标\n\t质量指标\n\n尾\n";
        let want = "P1 标题\nT\n  R3 [绩效目标|||]\n  R4 [1、目标一。]\n  R5 [一级指标|二级指标]\n  R6 [产出指标|数量指标]\n  R7 [|质量指标]\nP9 尾\n";
        assert_eq!(render(&blocks(text)), want);
    }

    #[test]
    fn preview_chunks_are_joined() {
        let a = "甲".repeat(150);
        let text = format!("标题\n1、{a}乙丙\n2、{a}丁戊\n3、末尾\n其后");
        let joined = join_preview_chunks(&text).expect("joined");
        assert_eq!(joined, format!("标题\n{a}乙丙{a}丁戊末尾\n\n\n其后"));
        // Lists of a text keep their numbers: items of different lengths are no pieces.
        assert_eq!(join_preview_chunks("1、完成道路建设。\n2、改善出行条件。"), None);
    }

    #[test]
    fn cells_closed_by_a_pipe_below() {
        // Each cell then its closing `|` on a line of its own: the cells of a flattened
        // table, printed as `cell |`; one such line in a text is no style of it.
        let text = "效益指标\n|\n社会效益指标\n|\n美化环境。\n|\n美化环境。\n|\n";
        let want = "P1 效益指标 |\nP3 社会效益指标 |\nP5 美化环境。 |\nP7 美化环境。 |\n";
        assert_eq!(render(&blocks(text)), want);
        let text = "(2019年度)\n|\n项目名称 | 申遗经费 |\n";
        let want = "P1 (2019年度)\nP3 项目名称 | 申遗经费 |\n";
        assert_eq!(render(&blocks(text)), want);
    }

    #[test]
    fn pipe_tables() {
        let text = "| 一级指标 | 二级指标 |\n|---|:---:|\n| 产出指标 | 数量指标 |\n";
        let want = "T\n  R1 [一级指标|二级指标]\n  R3 [产出指标|数量指标]\n";
        assert_eq!(render(&blocks(text)), want);
    }
}
