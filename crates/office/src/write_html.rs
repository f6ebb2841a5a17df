//! The one HTML writer of the table model ([`jixiao_model::table`]): a table as a
//! `<table>` (spans, header cells, numbers right-aligned, light and mark colours,
//! `data-field` names), tables as a standalone page, a publication as a `<section>` or a
//! standalone page; every text through the one [`escape`]. The .xlsx writer of the same
//! model is [`crate::write_table`].

use jixiao_model::table::{Publication, Table, TableSet};
use jixiao_model::text::escape_html;

/// Escapes text for HTML element content and quoted attribute values
/// ([`jixiao_model::text::escape_html`]); a line break becomes `<br>`.
pub fn escape(s: &str) -> String {
    escape_html(s).replace('\n', "<br>")
}

/// The stylesheet of the standalone pages (inline: the pages carry no links).
const STYLE: &str = "body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;margin:2em;color:#202124}\
h1{text-align:center;font-size:1.4em;margin-bottom:.2em}p.sub{text-align:center;margin-top:0}\
h2{font-size:1.2em;margin-top:1.5em}h3{font-size:1em}\
table{border-collapse:collapse;width:100%;margin-bottom:1.5em}th,td{border:1px solid #5f6368;padding:4px 6px;vertical-align:middle}\
th{background:#eef1f6;font-weight:600;min-width:3.5em}td.num{text-align:right;font-variant-numeric:tabular-nums}td.light{color:#fff;text-align:center;font-weight:600}\
ul.notes{color:#a50e0e}";

fn head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(title)
    )
}

/// The table as a `<table>` (no page around it, no title), for embedding in web pages,
/// with its notes under it.
pub fn table_html(table: &Table) -> String {
    let mut h = String::from("<table class=\"jixiao-form\">\n");
    for row in &table.rows {
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
                h.push_str(&format!(" style=\"background:{}\"", escape(color)));
            }
            if let Some(f) = cell.field {
                h.push_str(&format!(" data-field=\"{}\"", escape(f)));
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
    if !table.notes.is_empty() {
        h.push_str("<ul class=\"notes\">\n");
        for n in &table.notes {
            h.push_str(&format!("<li>{}</li>\n", escape(n)));
        }
        h.push_str("</ul>\n");
    }
    h
}

/// A set of tables as one standalone HTML page titled by the set: each table a `<section>`
/// with its title and subtitle.
pub fn page_html(set: &TableSet) -> String {
    let mut h = head(&set.title);
    for (_, table) in &set.sheets {
        h.push_str(&format!("<section>\n<h1>{}</h1>\n", escape(&table.title)));
        if let Some(s) = &table.subtitle {
            h.push_str(&format!("<p class=\"sub\">{}</p>\n", escape(s)));
        }
        h.push_str(&table_html(table));
        h.push_str("</section>\n");
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// A publication's sections as one `<section>` (no page around it): each section's heading
/// as `<h2>`, its pieces' headings as `<h3>`, paragraphs, tables; `class` names the section
/// (`disclosure`).
pub fn publication_section(p: &Publication, class: &str) -> String {
    let mut out = format!("<section class=\"{}\">\n", escape(class));
    for s in &p.sections {
        out.push_str(&format!("<h2>{}</h2>\n", escape(&s.heading)));
        for piece in &s.pieces {
            if let Some(t) = &piece.title {
                out.push_str(&format!("<h3>{}</h3>\n", escape(t)));
            }
            for para in &piece.paragraphs {
                out.push_str(&format!("<p>{}</p>\n", escape(para)));
            }
            if let Some(t) = &piece.table {
                out.push_str(&table_html(t));
            }
        }
    }
    out.push_str("</section>\n");
    out
}

/// A publication as a standalone page (UTF-8, styles inline, no scripts).
pub fn publication_html(p: &Publication, class: &str) -> String {
    let mut h = head(&p.title);
    h.push_str(&format!("<h1>{}</h1>\n", escape(&p.title)));
    h.push_str(&publication_section(p, class));
    h.push_str("</body>\n</html>\n");
    h
}

#[cfg(test)]
mod tests {
    use jixiao_model::table::{Cell, Piece, Section};
    use jixiao_model::Decimal;

    use super::*;

    #[test]
    fn spans_classes_and_fields() {
        let table = Table {
            width: 3,
            rows: vec![
                vec![Cell::head("A").rows(2), Cell::text("B").span(2)],
                vec![Cell::number(Decimal::new(9757, 2), 2, "97.57").field("total"), Cell::text("红灯").fill("#d93025")],
            ],
            ..Table::default()
        };
        let html = table_html(&table);
        assert!(html.contains("<th rowspan=\"2\">A</th><td colspan=\"2\">B</td>"), "{html}");
        assert!(html.contains("<td class=\"num\" data-field=\"total\">97.57</td><td class=\"light\" style=\"background:#d93025\">红灯</td>"), "{html}");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("<b>&\"甲\"</b>\n乙"), "&lt;b&gt;&amp;&quot;甲&quot;&lt;/b&gt;<br>乙");
    }

    #[test]
    fn publications_escape_and_order() {
        let p = Publication {
            title: "甲局<b>部门预算公开".into(),
            sections: vec![Section {
                heading: "一、基本情况".into(),
                name: "基本情况".into(),
                pieces: vec![Piece { title: Some("部门职责".into()), paragraphs: vec!["1、负责&协调".into()], table: None }],
            }],
            empty: ("预算公开", "没有读到预算公开内容"),
        };
        let html = publication_html(&p, "disclosure");
        assert!(html.contains("<title>甲局&lt;b&gt;部门预算公开</title>"), "{html}");
        assert!(html.contains("<section class=\"disclosure\">\n<h2>一、基本情况</h2>\n<h3>部门职责</h3>\n<p>1、负责&amp;协调</p>"), "{html}");
        assert!(html.ends_with("</html>\n"));
    }
}
