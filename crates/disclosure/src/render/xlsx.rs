//! The disclosure as a workbook: one sheet per part, in disclosure order; numbers are
//! numeric cells shown with the places they were printed with.

use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet, XlsxError};

use super::view::{parts, Part, Value};
use crate::model::Disclosure;
use crate::DisclosureError;

/// Writes the disclosure as .xlsx bytes.
pub fn write_xlsx(d: &Disclosure) -> Result<Vec<u8>, DisclosureError> {
    let mut wb = Workbook::new();
    let all = parts(d);
    if all.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name("预算公开")?;
        ws.write_string(0, 0, super::html::title(d))?;
        ws.write_string(1, 0, "没有读到预算公开内容")?;
    }
    for part in &all {
        let ws = wb.add_worksheet();
        sheet(ws, d, part)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// Sheet names may not hold `“”` in every spreadsheet program: keep the plain words.
fn sheet_name(title: &str) -> String {
    title.chars().filter(|c| !matches!(c, '“' | '”')).collect()
}

fn sheet(ws: &mut Worksheet, d: &Disclosure, part: &Part) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color("#EEEEFF");
    let cell = Format::new().set_border(FormatBorder::Thin);
    ws.set_name(sheet_name(part.title))?;
    ws.set_column_width(0, 28)?;
    for c in 1..13u16 {
        ws.set_column_width(c, 14)?;
    }
    ws.write_string_with_format(
        0,
        0,
        format!("{} — {}", super::html::title(d), part.title),
        &bold,
    )?;
    let mut r: u32 = 2;
    for sub in &part.subs {
        if let Some(t) = &sub.title {
            ws.write_string_with_format(r, 0, t, &bold)?;
            r += 1;
        }
        for p in &sub.paragraphs {
            ws.write_string(r, 0, p)?;
            r += 1;
        }
        if let Some(g) = &sub.grid {
            for (c, h) in g.header.iter().enumerate() {
                ws.write_string_with_format(r, c as u16, *h, &head)?;
            }
            r += 1;
            for row in &g.rows {
                for (c, v) in row.iter().enumerate() {
                    let c = c as u16;
                    match v {
                        Value::Text(t) => {
                            ws.write_string_with_format(r, c, t, &cell)?;
                        }
                        Value::Number(n) => {
                            // Display only: the exact figures stay in the model.
                            let places = n.scale() as usize;
                            let pattern = if places == 0 {
                                "0".to_string()
                            } else {
                                format!("0.{}", "0".repeat(places))
                            };
                            let f = cell.clone().set_num_format(pattern);
                            let x: f64 = n.to_string().parse().unwrap_or_default();
                            ws.write_number_with_format(r, c, x, &f)?;
                        }
                        Value::Empty => {
                            ws.write_blank(r, c, &cell)?;
                        }
                    }
                }
                r += 1;
            }
        }
        r += 1;
    }
    Ok(())
}
