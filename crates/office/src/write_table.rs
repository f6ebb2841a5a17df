//! The one .xlsx writer of the table model ([`jixiao_model::table`]): a workbook of tables
//! (one sheet each, title on row 1, subtitle on row 2, spans merged, exact numbers as number
//! cells), and a publication as a workbook with a sheet per section. The HTML writer of the
//! same model is [`crate::write_html`].

use jixiao_model::table::{Align, Cell, Publication, Section, Table, TableSet};
use jixiao_model::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::WriteError;

/// A column's width when the table names none, in characters.
const DEFAULT_WIDTH: f64 = 14.0;

fn failed(e: XlsxError) -> WriteError {
    WriteError { what: " xlsx 文件".into(), detail: e.to_string() }
}

/// Tables as a workbook: one sheet per table, named as the set names it, in order.
pub fn tables_xlsx(set: &TableSet) -> Result<Vec<u8>, WriteError> {
    let mut wb = Workbook::new();
    for (name, table) in &set.sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name).map_err(failed)?;
        table_sheet(ws, table).map_err(failed)?;
    }
    wb.save_to_buffer().map_err(failed)
}

/// A publication as a workbook: one sheet per section (its short name), the publication's
/// title and the section's name on row 1, then each piece — heading in bold, paragraphs,
/// table — with a blank row after it. A publication without sections is one sheet with its
/// `empty` line.
pub fn publication_xlsx(p: &Publication) -> Result<Vec<u8>, WriteError> {
    let mut wb = Workbook::new();
    if p.sections.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name(p.empty.0).map_err(failed)?;
        ws.write_string(0, 0, &p.title).map_err(failed)?;
        ws.write_string(1, 0, p.empty.1).map_err(failed)?;
    }
    for s in &p.sections {
        section_sheet(wb.add_worksheet(), &p.title, s).map_err(failed)?;
    }
    wb.save_to_buffer().map_err(failed)
}

/// Sheet names may not hold `“”` in every spreadsheet program: keep the plain words.
fn plain_name(name: &str) -> String {
    name.chars().filter(|c| !matches!(c, '“' | '”')).collect()
}

fn section_sheet(ws: &mut Worksheet, title: &str, s: &Section) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    ws.set_name(plain_name(&s.name))?;
    // The first column holds the headings and paragraphs as well as the row labels.
    ws.set_column_width(0, 28)?;
    for c in 1..13u16 {
        ws.set_column_width(c, DEFAULT_WIDTH)?;
    }
    ws.write_string_with_format(0, 0, format!("{title} — {}", s.name), &bold)?;
    let mut r: u32 = 2;
    for piece in &s.pieces {
        if let Some(t) = &piece.title {
            ws.write_string_with_format(r, 0, t, &bold)?;
            r += 1;
        }
        for p in &piece.paragraphs {
            ws.write_string(r, 0, p)?;
            r += 1;
        }
        if let Some(t) = &piece.table {
            draw_cells(ws, r, t, &Look::report())?;
            r += t.rows.len() as u32;
        }
        r += 1;
    }
    Ok(())
}

/// Writes a table onto a worksheet: title on row 1 and subtitle on row 2 (merged over the
/// table's width) when it has them, column widths, the cells, the notes under them.
pub fn table_sheet(ws: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
    let last = table.width.saturating_sub(1);
    let mut top = 0;
    if !table.title.is_empty() {
        let title = Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center);
        ws.merge_range(0, 0, 0, last, &table.title, &title)?;
        top = 1;
    }
    if let Some(s) = &table.subtitle {
        ws.merge_range(top, 0, top, last, s, &Format::new().set_align(FormatAlign::Center))?;
        top += 1;
    }
    for c in 0..table.width {
        ws.set_column_width(c, table.widths.get(c as usize).copied().unwrap_or(DEFAULT_WIDTH))?;
    }
    draw_cells(ws, top, table, &Look::report())?;
    let first_note = top + table.rows.len() as u32 + 1;
    for (r, n) in (first_note..).zip(&table.notes) {
        ws.write_string(r, 0, n)?;
    }
    Ok(())
}

/// How a table's cells look on their sheet: the official forms ([`crate::write_xlsx`]) print
/// in 宋体 with bold headers and each cell aligned as the form says; the reports of the table
/// model (自评表, lights, disclosure) have shaded, centred headers.
pub(crate) struct Look {
    /// Every cell's format before borders, wrapping and alignment (the font).
    pub base: Format,
    /// Header cells' background, if shaded.
    pub header_fill: Option<u32>,
}

impl Look {
    /// The reports' look: the workbook's default font, shaded headers.
    pub(crate) fn report() -> Look {
        Look { base: Format::new(), header_fill: Some(0xEEF1F6) }
    }

    fn format(&self, cell: &Cell) -> Format {
        let rgb = |color: &str| u32::from_str_radix(color.trim_start_matches('#'), 16).unwrap_or(0xFFFFFF);
        let mut f = self.base.clone().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::VerticalCenter);
        f = match (cell.align, cell.header) {
            (Align::Left, _) => f.set_align(FormatAlign::Left),
            (Align::Center, _) | (Align::Auto, true) => f.set_align(FormatAlign::Center),
            // Auto: a report's cell as the spreadsheet aligns it (numbers right, text left);
            // the official forms centre it.
            (Align::Auto, false) if self.header_fill.is_none() => f.set_align(FormatAlign::Center),
            (Align::Auto, false) => f,
        };
        if cell.header {
            f = f.set_bold();
            if let Some(fill) = self.header_fill {
                f = f.set_background_color(fill);
            }
        }
        if cell.number.is_some() {
            f = f.set_num_format(number_format(cell.places));
        }
        if let Some(color) = cell.fill {
            f = f.set_background_color(rgb(color)).set_font_color(0xFFFFFF).set_bold();
        } else if let Some(color) = cell.mark {
            f = f.set_background_color(rgb(color));
        }
        f
    }
}

/// The one drawer of a table's cells, from row `top`: spans merged, numbers as number cells
/// shown with their places, header, fill and mark colours, and each row as high as its wrapped
/// text (spreadsheets do not grow rows to wrapped text when opening a file). Column widths
/// are the table's (else [`DEFAULT_WIDTH`]), as its sheet set them.
pub(crate) fn draw_cells(ws: &mut Worksheet, top: u32, table: &Table, look: &Look) -> Result<(), XlsxError> {
    let placed = table.placed();
    for p in &placed {
        let cell = p.cell;
        let fmt = look.format(cell);
        let (r, c) = (top + p.row, p.col);
        let (r2, c2) = (r + cell.rowspan.max(1) - 1, c + cell.colspan.max(1) - 1);
        if r2 > r || c2 > c {
            ws.merge_range(r, c, r2, c2, "", &fmt)?;
        }
        match cell.number {
            Some(n) => ws.write_number_with_format(r, c, to_f64(n), &fmt)?,
            None if cell.text.is_empty() => ws.write_blank(r, c, &fmt)?,
            None => ws.write_string_with_format(r, c, &cell.text, &fmt)?,
        };
    }
    let width = |c: u16| table.widths.get(c as usize).copied().unwrap_or(DEFAULT_WIDTH);
    let mut lines = vec![1usize; table.height() as usize];
    for p in placed.iter().filter(|p| p.cell.rowspan <= 1) {
        let w: f64 = (p.col..p.col + p.cell.colspan.max(1)).map(width).sum();
        lines[p.row as usize] = lines[p.row as usize].max(text_lines(&p.cell.text, w));
    }
    for (r, n) in lines.iter().enumerate() {
        ws.set_row_height(top + r as u32, 14.0 * *n as f64 + 4.0)?;
    }
    Ok(())
}

/// Printed lines of `text` wrapped in a column `width` characters wide (a CJK character
/// is two wide).
pub(crate) fn text_lines(text: &str, width: f64) -> usize {
    let usable = (width - 1.0).max(1.0);
    text.split('\n')
        .map(|line| {
            let w: f64 = line
                .chars()
                .map(|c| if (c as u32) < 0x2E80 { 1.1 } else { 2.0 })
                .sum();
            (w / usable).ceil().max(1.0) as usize
        })
        .sum()
}

/// `0`, `0.00`: a number shown with `places` decimals.
fn number_format(places: u32) -> String {
    if places == 0 {
        "0".to_string()
    } else {
        format!("0.{}", "0".repeat(places as usize))
    }
}

/// A decimal as the `f64` its text reads as — the nearest one, correctly rounded, which is
/// the number a spreadsheet cell holds; the exact value stays in the model.
pub fn to_f64(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    use jixiao_model::table::{Cell, Piece};

    use super::*;

    fn range(bytes: Vec<u8>, sheet: &str) -> calamine::Range<Data> {
        let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        wb.worksheet_range(sheet).unwrap()
    }

    #[test]
    fn tables_have_title_spans_numbers_and_notes() {
        let table = Table {
            title: "表".into(),
            subtitle: Some("（2023年度）".into()),
            width: 3,
            widths: vec![],
            rows: vec![
                vec![Cell::head("A").rows(2), Cell::text("B").span(2)],
                vec![Cell::number(Decimal::new(1667, 2), 2, "16.67"), Cell::text("D")],
            ],
            notes: vec!["注".into()],
        };
        let set = TableSet { title: "页".into(), sheets: vec![("一".into(), table)] };
        let r = range(tables_xlsx(&set).unwrap(), "一");
        assert_eq!(r.get_value((0, 0)), Some(&Data::String("表".into())));
        assert_eq!(r.get_value((1, 0)), Some(&Data::String("（2023年度）".into())));
        assert_eq!(r.get_value((2, 0)), Some(&Data::String("A".into())));
        assert_eq!(r.get_value((2, 1)), Some(&Data::String("B".into())));
        assert_eq!(r.get_value((3, 1)), Some(&Data::Float(16.67)));
        assert_eq!(r.get_value((3, 2)), Some(&Data::String("D".into())));
        assert_eq!(r.get_value((5, 0)), Some(&Data::String("注".into())));
    }

    #[test]
    fn publications_have_a_sheet_per_section() {
        let p = Publication {
            title: "甲局部门预算公开".into(),
            sections: vec![Section {
                heading: "一、“三公”经费".into(),
                name: "“三公”经费".into(),
                pieces: vec![Piece {
                    title: Some("说明".into()),
                    paragraphs: vec!["段落".into()],
                    table: Some(Table::with_header(&["项目", "金额"], vec![vec![Cell::text("合计"), Cell::exact(Decimal::new(3, 0))]])),
                }],
            }],
            empty: ("预算公开", "没有读到预算公开内容"),
        };
        let r = range(publication_xlsx(&p).unwrap(), "三公经费");
        let at = |row, col| r.get_value((row, col)).cloned().unwrap_or(Data::Empty);
        assert_eq!(at(0, 0), Data::String("甲局部门预算公开 — “三公”经费".into()));
        assert_eq!([at(2, 0), at(3, 0), at(4, 0), at(5, 0), at(5, 1)], [
            Data::String("说明".into()),
            Data::String("段落".into()),
            Data::String("项目".into()),
            Data::String("合计".into()),
            Data::Float(3.0)
        ]);
        let empty = Publication { sections: vec![], ..p };
        let r = range(publication_xlsx(&empty).unwrap(), "预算公开");
        assert_eq!(r.get_value((1, 0)), Some(&Data::String("没有读到预算公开内容".into())));
    }
}
