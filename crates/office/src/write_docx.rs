//! The department's tables as a Word document (.docx), as a department pastes them into its
//! budget explanation: the title, 总体绩效目标, the 部门整体 table, then for every project its
//! title, unit line and 绩效目标表 with merged cells and borders, A4 portrait, 宋体.
//!
//! A small WordprocessingML writer of our own: four parts in a zip, nothing else needed.

use std::io::{Cursor, Write};

use jixiao_model::Document;

use jixiao_model::table::{Align, Cell, Table};

use crate::form::{self, Part};

/// Usable width of an A4 page with 2 cm margins, in twentieths of a point.
const TEXT_WIDTH: f64 = 11906.0 - 2.0 * 1134.0;

pub fn write_docx(doc: &Document) -> Vec<u8> {
    let mut parts = form::title_parts(doc);
    parts.extend(form::department_parts(doc));
    for (i, p) in doc.projects.iter().enumerate() {
        parts.extend(form::project_parts(doc, i + 1, p));
    }
    let mut body = String::new();
    for part in &parts {
        match part {
            Part::Title(t) => body.push_str(&paragraph(t, true)),
            Part::Line(t) => body.push_str(&paragraph(t, false)),
            Part::Table(g) => {
                body.push_str(&table(g));
                // Word needs a paragraph between two tables, or it joins them.
                body.push_str("<w:p/>");
            }
        }
    }
    package(&body).unwrap_or_default()
}

/// XML text: the one HTML escape ([`jixiao_model::text::escape_html`], whose entities XML
/// reads the same), after dropping the characters XML 1.0 forbids (control codes).
fn escape(s: &str) -> String {
    let allowed: String = s.chars().filter(|&c| (c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r')).collect();
    jixiao_model::text::escape_html(&allowed)
}

fn run(text: &str, bold: bool, size_half_points: u32) -> String {
    let b = if bold { "<w:b/>" } else { "" };
    format!(
        r#"<w:r><w:rPr>{b}<w:sz w:val="{size_half_points}"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        escape(text)
    )
}

fn paragraph(text: &str, title: bool) -> String {
    if title {
        format!(
            r#"<w:p><w:pPr><w:jc w:val="center"/><w:spacing w:before="240" w:after="120"/></w:pPr>{}</w:p>"#,
            run(text, true, 32)
        )
    } else {
        format!("<w:p>{}</w:p>", run(text, false, 21))
    }
}

fn cell_paragraphs(c: &Cell) -> String {
    let jc = match c.align {
        Align::Left => "left",
        Align::Center | Align::Auto => "center",
    };
    let bold = c.header;
    c.text
        .split('\n')
        .map(|line| {
            format!(
                r#"<w:p><w:pPr><w:jc w:val="{jc}"/><w:spacing w:before="0" w:after="0"/></w:pPr>{}</w:p>"#,
                if line.is_empty() {
                    String::new()
                } else {
                    run(line, bold, 21)
                }
            )
        })
        .collect()
}

fn table(g: &Table) -> String {
    let placed = g.placed();
    let total: f64 = g.widths.iter().sum::<f64>().max(1.0);
    let twips: Vec<u32> = g
        .widths
        .iter()
        .map(|w| (w / total * TEXT_WIDTH) as u32)
        .collect();
    let mut out = String::from(
        r#"<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#,
    );
    for t in &twips {
        out.push_str(&format!(r#"<w:gridCol w:w="{t}"/>"#));
    }
    out.push_str("</w:tblGrid>");
    let width_of = |col: u16, cols: u16| -> u32 {
        twips[col as usize..(col + cols).min(g.width) as usize]
            .iter()
            .sum()
    };
    for r in 0..g.height() {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        let mut c = 0u16;
        while c < g.width {
            let starts = placed.iter().find(|x| x.row == r && x.col == c);
            let covers = placed
                .iter()
                .find(|x| x.col == c && x.row < r && r < x.row + x.cell.rowspan.max(1));
            let (cols, merge, content) = match (starts, covers) {
                (Some(x), _) => (
                    x.cell.colspan.max(1),
                    if x.cell.rowspan > 1 {
                        r#"<w:vMerge w:val="restart"/>"#
                    } else {
                        ""
                    },
                    cell_paragraphs(x.cell),
                ),
                (None, Some(x)) => (x.cell.colspan.max(1), "<w:vMerge/>", "<w:p/>".to_string()),
                (None, None) => (1, "", "<w:p/>".to_string()),
            };
            let span = if cols > 1 {
                format!(r#"<w:gridSpan w:val="{cols}"/>"#)
            } else {
                String::new()
            };
            out.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/>{span}{merge}<w:vAlign w:val="center"/></w:tcPr>{content}</w:tc>"#,
                width_of(c, cols)
            ));
            c += cols.max(1);
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/><w:sz w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#;

fn package(body: &str) -> zip::result::ZipResult<Vec<u8>> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    );
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", STYLES),
        ("word/document.xml", document.as_str()),
    ] {
        w.start_file(name, opts)?;
        w.write_all(data.as_bytes())?;
    }
    Ok(w.finish()?.into_inner())
}
