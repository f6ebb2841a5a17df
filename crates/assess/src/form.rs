//! A printed form as rows of cells with spans: built once, rendered to HTML and to .xlsx
//! so both show the same layout.

use jixiao_model::Decimal;

/// One cell of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    /// Written as a number in .xlsx (the text shows it rounded).
    pub number: Option<Decimal>,
    pub colspan: u16,
    pub rowspan: u32,
    pub header: bool,
    /// Background colour (`#188038`) behind white text, for lights.
    pub fill: Option<&'static str>,
    /// A pale background behind the usual text, to mark a cell (`#f4c7c3`).
    pub mark: Option<&'static str>,
    /// A stable name for tests and scripts (`data-field` in HTML).
    pub field: Option<&'static str>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), number: None, colspan: 1, rowspan: 1, header: false, fill: None, mark: None, field: None }
    }

    pub fn head(text: impl Into<String>) -> Cell {
        Cell { header: true, ..Cell::text(text) }
    }

    /// A figure shown with two decimals (`16.67`), exact in `number`.
    pub fn figure(d: Decimal) -> Cell {
        Cell { number: Some(crate::round2(d)), ..Cell::text(crate::fmt2(d)) }
    }

    /// A percentage shown with two decimals and a sign (`90.00%`).
    pub fn percent(d: Decimal) -> Cell {
        Cell { number: Some(crate::round2(d)), ..Cell::text(format!("{}%", crate::fmt2(d))) }
    }

    pub fn money(m: Option<jixiao_model::Money>) -> Cell {
        match m {
            Some(m) => Cell { number: Some(m.0.normalize()), ..Cell::text(m.0.normalize().to_string()) },
            None => Cell::text(""),
        }
    }

    pub fn span(mut self, cols: u16) -> Cell {
        self.colspan = cols;
        self
    }

    pub fn rows(mut self, rows: u32) -> Cell {
        self.rowspan = rows;
        self
    }

    pub fn field(mut self, name: &'static str) -> Cell {
        self.field = Some(name);
        self
    }

    pub fn fill(mut self, color: &'static str) -> Cell {
        self.fill = Some(color);
        self
    }

    pub fn mark(mut self, color: &'static str) -> Cell {
        self.mark = Some(color);
        self
    }
}

/// A titled table of cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub title: String,
    pub subtitle: Option<String>,
    /// Number of columns of the table.
    pub width: u16,
    pub rows: Vec<Vec<Cell>>,
    /// Notes printed under the table.
    pub notes: Vec<String>,
}

impl Form {
    /// The (row, column) each cell starts at, skipping places taken by spans from above.
    pub fn positions(&self) -> Vec<Vec<(u32, u16)>> {
        let mut taken: std::collections::HashSet<(u32, u16)> = std::collections::HashSet::new();
        let mut out = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            let r = r as u32;
            let mut c = 0u16;
            let mut places = Vec::new();
            for cell in row {
                while taken.contains(&(r, c)) {
                    c += 1;
                }
                places.push((r, c));
                for dr in 0..cell.rowspan.max(1) {
                    for dc in 0..cell.colspan.max(1) {
                        taken.insert((r + dr, c + dc));
                    }
                }
                c += cell.colspan.max(1);
            }
            out.push(places);
        }
        out
    }
}

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;margin:2em;color:#202124}\
h1{text-align:center;font-size:1.4em;margin-bottom:.2em}p.sub{text-align:center;margin-top:0}\
table{border-collapse:collapse;width:100%;margin-bottom:1.5em}th,td{border:1px solid #5f6368;padding:4px 6px;vertical-align:middle}\
th{background:#eef1f6;font-weight:600;min-width:3.5em}td.num{text-align:right}td.light{color:#fff;text-align:center;font-weight:600}\
ul.notes{color:#a50e0e}";

/// The form as a `<table>` (no page around it), for embedding in web pages.
pub fn table_html(form: &Form) -> String {
    let mut h = String::from("<table class=\"jixiao-form\">\n");
    for row in &form.rows {
        h.push_str("<tr>");
        for cell in row {
            let tag = if cell.header { "th" } else { "td" };
            h.push('<');
            h.push_str(tag);
            if cell.colspan > 1 {
                h.push_str(&format!(" colspan=\"{}\"", cell.colspan));
            }
            if cell.rowspan > 1 {
                h.push_str(&format!(" rowspan=\"{}\"", cell.rowspan));
            }
            let mut classes = Vec::new();
            if cell.number.is_some() {
                classes.push("num");
            }
            if cell.fill.is_some() {
                classes.push("light");
            }
            if cell.mark.is_some() {
                classes.push("mark");
            }
            if !classes.is_empty() {
                h.push_str(&format!(" class=\"{}\"", classes.join(" ")));
            }
            if let Some(color) = cell.fill.or(cell.mark) {
                h.push_str(&format!(" style=\"background:{color}\""));
            }
            if let Some(f) = cell.field {
                h.push_str(&format!(" data-field=\"{f}\""));
            }
            h.push('>');
            h.push_str(&escape(&cell.text));
            h.push_str("</");
            h.push_str(tag);
            h.push('>');
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n");
    if !form.notes.is_empty() {
        h.push_str("<ul class=\"notes\">\n");
        for n in &form.notes {
            h.push_str(&format!("<li>{}</li>\n", escape(n)));
        }
        h.push_str("</ul>\n");
    }
    h
}

/// Forms as one standalone HTML page.
pub fn page_html(title: &str, forms: &[Form]) -> String {
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(title)
    );
    for form in forms {
        h.push_str(&format!("<section>\n<h1>{}</h1>\n", escape(&form.title)));
        if let Some(s) = &form.subtitle {
            h.push_str(&format!("<p class=\"sub\">{}</p>\n", escape(s)));
        }
        h.push_str(&table_html(form));
        h.push_str("</section>\n");
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// Writes a form onto a worksheet: title on row 1, subtitle on row 2, the table below.
pub fn write_sheet(ws: &mut rust_xlsxwriter::Worksheet, form: &Form) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};
    let base = Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::VerticalCenter);
    let head = base.clone().set_bold().set_background_color(0xEEF1F6).set_align(FormatAlign::Center);
    let num = base.clone().set_num_format("0.00");
    let title = Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center);
    let last = form.width.saturating_sub(1);
    ws.merge_range(0, 0, 0, last, &form.title, &title)?;
    let mut top = 1;
    if let Some(s) = &form.subtitle {
        ws.merge_range(1, 0, 1, last, s, &Format::new().set_align(FormatAlign::Center))?;
        top = 2;
    }
    for c in 0..form.width {
        ws.set_column_width(c, 14)?;
    }
    let positions = form.positions();
    for (row, places) in form.rows.iter().zip(&positions) {
        for (cell, &(r, c)) in row.iter().zip(places) {
            let r = r + top;
            let mut fmt = if cell.header { head.clone() } else if cell.number.is_some() { num.clone() } else { base.clone() };
            let rgb = |color: &str| u32::from_str_radix(color.trim_start_matches('#'), 16).unwrap_or(0xFFFFFF);
            if let Some(color) = cell.fill {
                fmt = fmt.set_background_color(rgb(color)).set_font_color(0xFFFFFF).set_bold();
            } else if let Some(color) = cell.mark {
                fmt = fmt.set_background_color(rgb(color));
            }
            let (r2, c2) = (r + cell.rowspan.max(1) - 1, c + cell.colspan.max(1) - 1);
            if r2 > r || c2 > c {
                ws.merge_range(r, c, r2, c2, &cell.text, &fmt)?;
            }
            match cell.number {
                Some(n) => ws.write_number_with_format(r, c, crate::xlsx::to_f64(n), &fmt)?,
                None => ws.write_string_with_format(r, c, &cell.text, &fmt)?,
            };
        }
    }
    let first_note = top + form.rows.len() as u32 + 1;
    for (r, n) in (first_note..).zip(&form.notes) {
        ws.write_string(r, 0, n)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_push_later_cells_right_and_down() {
        let form = Form {
            title: "表".into(),
            subtitle: None,
            width: 3,
            rows: vec![
                vec![Cell::head("A").rows(2), Cell::text("B").span(2)],
                vec![Cell::text("C"), Cell::text("D")],
            ],
            notes: vec![],
        };
        assert_eq!(form.positions(), vec![vec![(0, 0), (0, 1)], vec![(1, 1), (1, 2)]]);
        let html = table_html(&form);
        assert!(html.contains("<th rowspan=\"2\">A</th><td colspan=\"2\">B</td>"), "{html}");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("<b>&\"甲\"</b>\n乙"), "&lt;b&gt;&amp;&quot;甲&quot;&lt;/b&gt;<br>乙");
    }
}
