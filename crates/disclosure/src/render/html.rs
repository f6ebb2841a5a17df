//! The disclosure as HTML: a `<section>` for the department page, or a standalone page.

use super::view::{parts, Grid, Value};
use crate::model::Disclosure;

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

const STYLE: &str =
    "body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;margin:2em;color:#222}\
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em}h3{font-size:1em}\
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #999;padding:.25em .5em}\
th{background:#eef}td.num{text-align:right;font-variant-numeric:tabular-nums}";

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn grid(g: &Grid, out: &mut String) {
    out.push_str("<table><thead><tr>");
    for h in &g.header {
        out.push_str(&format!("<th>{}</th>", esc(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &g.rows {
        out.push_str("<tr>");
        for v in row {
            match v {
                Value::Text(t) => out.push_str(&format!("<td>{}</td>", esc(t))),
                Value::Number(d) => out.push_str(&format!("<td class=\"num\">{d}</td>")),
                Value::Empty => out.push_str("<td></td>"),
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>\n");
}

/// The disclosure as a `<section>` (no page around it), in the usual disclosure order: for
/// the department page.
pub fn render_section(d: &Disclosure) -> String {
    let mut out = String::from("<section class=\"disclosure\">\n");
    for (i, part) in parts(d).iter().enumerate() {
        let n = NUMERALS.get(i).copied().unwrap_or("");
        out.push_str(&format!("<h2>{n}、{}</h2>\n", esc(part.title)));
        for sub in &part.subs {
            if let Some(t) = &sub.title {
                out.push_str(&format!("<h3>{}</h3>\n", esc(t)));
            }
            for p in &sub.paragraphs {
                out.push_str(&format!("<p>{}</p>\n", esc(p)));
            }
            if let Some(g) = &sub.grid {
                grid(g, &mut out);
            }
        }
    }
    out.push_str("</section>\n");
    out
}

/// The title: `石家庄高新区应急管理局2020年度部门预算公开`.
pub(crate) fn title(d: &Disclosure) -> String {
    let dept = d.department.as_ref().map_or("", |x| x.value.as_str());
    let year = d
        .year
        .as_ref()
        .map_or(String::new(), |y| format!("{}年度", y.value));
    format!("{dept}{year}部门预算公开")
}

/// The disclosure as a standalone HTML page (UTF-8, styles inline, no scripts).
pub fn render_html(d: &Disclosure) -> String {
    let title = esc(&title(d));
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{STYLE}</style></head>\n<body>\n<h1>{title}</h1>\n{}</body></html>\n",
        render_section(d)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Disclosure, Term};
    use jixiao_model::{Located, Origin};

    #[test]
    fn escapes_and_orders() {
        let d = Disclosure {
            department: Some(Located::new("甲局<b>".into(), Origin::line(1))),
            duties: vec![Located::new("负责&协调".into(), Origin::line(3))],
            terms: vec![Term {
                term: "三公".into(),
                definition: "因公出国（境）费用……".into(),
                at: Origin::line(9),
            }],
            ..Disclosure::default()
        };
        let html = render_html(&d);
        assert!(html.contains("<title>甲局&lt;b&gt;部门预算公开</title>"));
        assert!(html.contains("<h2>一、基本情况</h2>\n<h3>部门职责</h3>\n<p>1、负责&amp;协调</p>"));
        assert!(html.contains("<h2>二、名词解释</h2>"));
        assert!(html.contains("<td>三公</td><td>因公出国（境）费用……</td>"));
    }
}
