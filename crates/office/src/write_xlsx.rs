//! The department's workbook (.xlsx): 目录 (index with links), 部门整体, one sheet per project
//! with its 绩效目标表 in the official layout, the 公开表 and the flat 指标明细.
//!
//! Tables have thin borders, wrapped text, merged level cells, 宋体, and print on A4 fitted
//! to the page width. The index sheet says the workbook is a jixiao export: reading such a
//! workbook back reads the 部门整体 and project sheets only, not the derived 公开表 and
//! 指标明细 (which repeat them).

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Url, Workbook, Worksheet, XlsxError};

use jixiao_model::Document;

use crate::flat;
use jixiao_model::table::Table;

use crate::write_table::{draw_cells, Look};

use crate::form::{self, Part};

// The sheet names and the mark a reader knows a jixiao workbook by: one definition, the
// reader's.
pub use jixiao_carriers::xlsx::{DEPARTMENT_SHEET, EXPORT_MARK, FLAT_SHEET, INDEX_SHEET, PUBLIC_SHEET};

const FONT: &str = "宋体";
/// A4 in Excel's paper numbering.
const A4: u8 = 9;

fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(10.5)
}

/// Writes the workbook; errors only if the writer itself fails (never on document content).
pub fn write_xlsx(doc: &Document) -> Vec<u8> {
    build(doc).unwrap_or_default()
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique.
pub(crate) fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\'".contains(c) { '_' } else { c })
        .take(28)
        .collect();
    let mut name = clean.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{clean}{n}");
        n += 1;
    }
    taken.push(name.clone());
    name
}

fn build(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let mut taken = vec![
        INDEX_SHEET.to_string(),
        PUBLIC_SHEET.to_string(),
        FLAT_SHEET.to_string(),
        DEPARTMENT_SHEET.to_string(),
    ];
    let project_sheets: Vec<String> = doc
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| sheet_name(&format!("{} {}", i + 1, p.name.value), &mut taken))
        .collect();
    let department = form::department_parts(doc);

    // 目录
    {
        let ws = book.add_worksheet();
        ws.set_name(INDEX_SHEET)?;
        ws.write_string_with_format(0, 0, EXPORT_MARK, &base())?;
        ws.write_string_with_format(
            1,
            0,
            form::document_title(doc),
            &base().set_bold().set_font_size(14),
        )?;
        ws.set_column_width(0, 8)?;
        ws.set_column_width(1, 60)?;
        let mut row = 3;
        let link = |ws: &mut Worksheet, row: u32, n: &str, sheet: &str| -> Result<(), XlsxError> {
            ws.write_string_with_format(row, 0, n, &base())?;
            ws.write_url_with_text(row, 1, Url::new(format!("internal:'{sheet}'!A1")), sheet)?;
            Ok(())
        };
        link(ws, row, "", DEPARTMENT_SHEET)?;
        row += 1;
        for (i, s) in project_sheets.iter().enumerate() {
            link(ws, row, &(i + 1).to_string(), s)?;
            row += 1;
        }
        link(ws, row, "", PUBLIC_SHEET)?;
        link(ws, row + 1, "", FLAT_SHEET)?;
    }
    {
        // The document title first: the department and year are read back from it.
        let ws = book.add_worksheet();
        ws.set_name(DEPARTMENT_SHEET)?;
        let mut parts = form::title_parts(doc);
        parts.extend(department);
        draw_parts(ws, &parts, 7)?;
    }
    for (i, (p, name)) in doc.projects.iter().zip(&project_sheets).enumerate() {
        let ws = book.add_worksheet();
        ws.set_name(name)?;
        draw_parts(ws, &form::project_parts(doc, i + 1, p), 7)?;
    }
    {
        let ws = book.add_worksheet();
        ws.set_name(PUBLIC_SHEET)?;
        let dept = doc.department.as_ref().map_or("", |d| d.value.as_str());
        let year = doc
            .year
            .as_ref()
            .map_or(String::new(), |y| format!("{}年", y.value));
        let title = format!("{dept}{year}部门预算项目支出绩效目标公开表");
        draw_parts(
            ws,
            &[Part::Title(title), Part::Table(form::public_grid(doc))],
            5,
        )?;
        ws.set_landscape();
    }
    {
        let ws = book.add_worksheet();
        ws.set_name(FLAT_SHEET)?;
        flat_header(ws)?;
        let rows = flat::rows(doc);
        write_flat_rows(ws, 1, &rows)?;
        flat_print_setup(ws, rows.len() as u32)?;
    }
    book.save_to_buffer()
}

/// The 指标明细 header row, its column widths and frozen header.
pub(crate) fn flat_header(ws: &mut Worksheet) -> Result<(), XlsxError> {
    let header = base().set_bold().set_border(FormatBorder::Thin);
    for (c, h) in flat::HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &header)?;
        ws.set_column_width(c as u16, if c >= 8 { 20 } else { 12 })?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// 指标明细 rows from sheet row `first` on.
pub(crate) fn write_flat_rows(ws: &mut Worksheet, first: u32, rows: &[flat::FlatRow]) -> Result<(), XlsxError> {
    let cell = base().set_border(FormatBorder::Thin);
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.fields().iter().enumerate() {
            // 年度, 预算数 and 数值 as numbers (issue 17: they were text), with as many
            // decimals as printed; anything else, or what does not read as a number, as text.
            let number = NUMERIC_FLAT_COLUMNS.contains(&c).then(|| flat_number(v)).flatten();
            let at = first + r as u32;
            match number {
                Some((n, places)) => {
                    let fmt = cell.clone().set_num_format(if places == 0 { "0".to_string() } else { format!("0.{}", "0".repeat(places)) });
                    ws.write_number_with_format(at, c as u16, n, &fmt)?
                }
                None => ws.write_string_with_format(at, c as u16, v, &cell)?,
            };
        }
    }
    Ok(())
}

/// Printed landscape, one page wide, the header on every page, the `rows` written.
pub(crate) fn flat_print_setup(ws: &mut Worksheet, rows: u32) -> Result<(), XlsxError> {
    ws.set_paper_size(A4).set_landscape().set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    ws.set_print_area(0, 0, rows, flat::HEADERS.len() as u16 - 1)?;
    Ok(())
}

/// The 指标明细 columns that hold numbers: 年度, 预算数（万元）, 数值.
const NUMERIC_FLAT_COLUMNS: [usize; 3] = [1, 5, 12];

/// A plain decimal (`2023`, `12.5`, `-0.25`) as a number and its decimal places; `None` for
/// anything else (empty, a unit, a range), which stays text.
fn flat_number(text: &str) -> Option<(f64, usize)> {
    let t = text.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = !int.is_empty() && int.chars().all(|c| c.is_ascii_digit()) && frac.chars().all(|c| c.is_ascii_digit());
    if !plain || (digits.contains('.') && frac.is_empty()) || int.len() > 15 || frac.len() > 6 {
        return None;
    }
    t.parse::<f64>().ok().map(|n| (n, frac.len()))
}

/// Draws titles, lines and tables down a sheet, A4 fitted to the width.
pub(crate) fn draw_parts(ws: &mut Worksheet, parts: &[Part], width: u16) -> Result<(), XlsxError> {
    let mut row = 0u32;
    let title = base()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::CenterAcross);
    for part in parts {
        match part {
            Part::Title(t) => {
                ws.write_string_with_format(row, 0, t, &title)?;
                for c in 1..width {
                    ws.write_blank(row, c, &title)?;
                }
                ws.set_row_height(row, 24)?;
                row += 1;
            }
            Part::Line(t) => {
                ws.write_string_with_format(row, 0, t, &base())?;
                row += 1;
            }
            Part::Table(g) => {
                draw_grid(ws, g, row)?;
                row += g.height() + 1;
            }
        }
    }
    ws.set_paper_size(A4)
        .set_portrait()
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true);
    // What is printed is what was drawn (issue 17: no print area was set).
    if row > 0 {
        ws.set_print_area(0, 0, row - 1, width.max(1) - 1)?;
    }
    Ok(())
}

/// An official table: its column widths, then its cells as the one drawer draws them (宋体,
/// bold headers, left or centred as the form says).
fn draw_grid(ws: &mut Worksheet, g: &Table, top: u32) -> Result<(), XlsxError> {
    for (c, w) in g.widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let look = Look { base: base(), header_fill: None };
    draw_cells(ws, top, g, &look)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals_become_numbers() {
        assert_eq!(flat_number("2023"), Some((2023.0, 0)));
        assert_eq!(flat_number(" 12.50 "), Some((12.5, 2)));
        assert_eq!(flat_number("-0.25"), Some((-0.25, 2)));
        for text in ["", "95%", "1.", ".5", "1e3", "≥90", "12,000", "十"] {
            assert_eq!(flat_number(text), None, "{text}");
        }
    }

    /// Issue 17: in the 指标明细 sheet, 年度, 预算数 and 数值 are numbers, not text.
    #[test]
    fn the_flat_sheet_holds_numbers_as_numbers() {
        use std::io::Read;
        let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds/002_cab738b0acffaaf0.txt");
        let doc = jixiao_read::read_path(&seed).expect("种子文档").document;
        let bytes = build(&doc).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        // The 指标明细 sheet is the last one.
        let sheets = zip.file_names().filter(|n| n.as_deref().is_ok_and(|n| n.starts_with("xl/worksheets/sheet"))).count();
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{sheets}.xml")).unwrap().read_to_string(&mut xml).unwrap();
        // Row 2: B2 (年度) and F2 (预算数) are number cells (no t="s"), with their values.
        let cell = |r: &str| {
            let at = xml.find(&format!("<c r=\"{r}\"")).unwrap_or_else(|| panic!("{r}: {xml}"));
            xml[at..at + xml[at..].find("</c>").unwrap()].to_string()
        };
        assert!(!cell("B2").contains("t=\"s\"") && cell("B2").contains("<v>2023</v>"), "{}", cell("B2"));
        assert!(!cell("F2").contains("t=\"s\""), "{}", cell("F2"));
        assert!(cell("A2").contains("t=\"s\""), "部门 stays text: {}", cell("A2"));
    }

    /// Issue 17: every sheet but the 目录 has a print area (what was drawn), and the
    /// 指标明细 repeats its header row on each printed page.
    #[test]
    fn sheets_have_print_areas() {
        use std::io::Read;
        let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds/002_cab738b0acffaaf0.txt");
        let doc = jixiao_read::read_path(&seed).expect("种子文档").document;
        let bytes = build(&doc).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("xl/workbook.xml").unwrap().read_to_string(&mut xml).unwrap();
        let sheets = xml.matches("<sheet ").count();
        assert_eq!(xml.matches("_xlnm.Print_Area").count(), sheets - 1, "{xml}");
        assert_eq!(xml.matches("_xlnm.Print_Titles").count(), 1, "{xml}");
        assert!(xml.contains(&format!("{FLAT_SHEET}!$A$1:$O$")), "{xml}");
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut taken = vec!["目录".to_string()];
        assert_eq!(sheet_name("目录", &mut taken), "目录2");
        assert_eq!(sheet_name("1 a/b:c", &mut taken), "1 a_b_c");
        let long = "很".repeat(40);
        assert_eq!(sheet_name(&long, &mut taken).chars().count(), 28);
    }
}
