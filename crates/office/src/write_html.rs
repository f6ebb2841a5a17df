//! The one HTML writer of the table model ([`jixiao_model::table`]): a table as a
//! `<table>` (spans, header cells, numbers right-aligned, light and mark colours,
//! `data-field` names), tables as a standalone page, a publication as a `<section>` or a
//! standalone page. The markup is in templates (`templates/*.html`) filled with minijinja's
//! autoescape, so every text is escaped; this module turns the model into their data. The
//! .xlsx writer of the same model is [`crate::write_table`].

use std::sync::OnceLock;

use jixiao_model::table::{Cell, Publication, Table, TableSet};
use minijinja::{context, Environment};
use serde::Serialize;

/// The writer's templates, parsed once. Names ending in `.html` are autoescaped.
fn templates() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        // A page ends in a line break, as the files always have.
        env.set_keep_trailing_newline(true);
        for (name, source) in [
            ("head.html", include_str!("../templates/head.html")),
            ("table.html", include_str!("../templates/table.html")),
            ("page.html", include_str!("../templates/page.html")),
            ("publication_section.html", include_str!("../templates/publication_section.html")),
            ("publication.html", include_str!("../templates/publication.html")),
        ] {
            // The templates are part of the crate and tested: a syntax error is a bug here.
            env.add_template(name, source).unwrap_or_else(|e| panic!("模板 {name}：{e}"));
        }
        env
    })
}

fn render(name: &str, ctx: minijinja::Value) -> String {
    templates()
        .get_template(name)
        .and_then(|t| t.render(ctx))
        .unwrap_or_else(|e| panic!("模板 {name}：{e}"))
}

/// A text's lines: the templates join them with `<br>`.
fn lines(s: &str) -> Vec<&str> {
    s.split('\n').collect()
}

#[derive(Serialize)]
struct TableView<'t> {
    title: &'t str,
    subtitle: Option<&'t str>,
    rows: Vec<Vec<CellView<'t>>>,
    notes: Vec<Vec<&'t str>>,
}

#[derive(Serialize)]
struct CellView<'t> {
    tag: &'static str,
    colspan: u16,
    rowspan: u32,
    classes: String,
    color: Option<&'static str>,
    field: Option<&'static str>,
    lines: Vec<&'t str>,
}

fn cell_view(cell: &Cell) -> CellView<'_> {
    let classes: Vec<&str> = [
        (cell.number.is_some(), "num"),
        (cell.fill.is_some(), "light"),
        (cell.mark.is_some(), "mark"),
    ]
    .into_iter()
    .filter_map(|(on, class)| on.then_some(class))
    .collect();
    CellView {
        tag: if cell.header { "th" } else { "td" },
        colspan: cell.colspan,
        rowspan: cell.rowspan,
        classes: classes.join(" "),
        color: cell.fill.or(cell.mark),
        field: cell.field,
        lines: lines(&cell.text),
    }
}

fn table_view(table: &Table) -> TableView<'_> {
    TableView {
        title: &table.title,
        subtitle: table.subtitle.as_deref(),
        rows: table.rows.iter().map(|row| row.iter().map(cell_view).collect()).collect(),
        notes: table.notes.iter().map(|n| lines(n)).collect(),
    }
}

/// The table as a `<table>` (no page around it, no title), for embedding in web pages,
/// with its notes under it.
pub fn table_html(table: &Table) -> String {
    render("table.html", context! { table => table_view(table) })
}

/// A set of tables as one standalone HTML page titled by the set: each table a `<section>`
/// with its title and subtitle.
pub fn page_html(set: &TableSet) -> String {
    let tables: Vec<TableView> = set.sheets.iter().map(|(_, t)| table_view(t)).collect();
    render("page.html", context! { title => &set.title, tables })
}

#[derive(Serialize)]
struct SectionView<'p> {
    heading: &'p str,
    pieces: Vec<PieceView<'p>>,
}

#[derive(Serialize)]
struct PieceView<'p> {
    title: Option<&'p str>,
    paragraphs: Vec<Vec<&'p str>>,
    table: Option<TableView<'p>>,
}

fn sections(p: &Publication) -> Vec<SectionView<'_>> {
    p.sections
        .iter()
        .map(|s| SectionView {
            heading: &s.heading,
            pieces: s
                .pieces
                .iter()
                .map(|piece| PieceView {
                    title: piece.title.as_deref(),
                    paragraphs: piece.paragraphs.iter().map(|para| lines(para)).collect(),
                    table: piece.table.as_ref().map(table_view),
                })
                .collect(),
        })
        .collect()
}

/// A publication's sections as one `<section>` (no page around it): each section's heading
/// as `<h2>`, its pieces' headings as `<h3>`, paragraphs, tables; `class` names the section
/// (`disclosure`).
pub fn publication_section(p: &Publication, class: &str) -> String {
    render("publication_section.html", context! { class, sections => sections(p) })
}

/// A publication as a standalone page (UTF-8, styles inline, no scripts).
pub fn publication_html(p: &Publication, class: &str) -> String {
    render(
        "publication.html",
        context! { title => &p.title, class, sections => sections(p) },
    )
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
        let table = Table { width: 1, rows: vec![vec![Cell::text("<b>&\"甲\"</b>\n乙").field("a\"b")]], ..Table::default() };
        let html = table_html(&table);
        assert!(html.contains("<td data-field=\"a&quot;b\">&lt;b&gt;&amp;&quot;甲&quot;&lt;&#x2f;b&gt;<br>乙</td>"), "{html}");
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
