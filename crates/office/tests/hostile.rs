//! Malformed, truncated and hostile files: each gets a clear Chinese error naming the file,
//! and reading stops at the bounds instead of inflating or looping (a zip bomb, a sheet of a
//! million rows, broken XML, truncated packages, a scan without text).

use std::io::{Cursor, Write};

use jixiao_carriers::{read_bytes, CarrierError};

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const DOCX_TYPES: &[u8] = br#"<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const XLSX_TYPES: &[u8] = br#"<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;
const WORKBOOK: &str = r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const ROOT_RELS: &[u8] = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK_RELS: &[u8] = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

/// Reads and expects an error whose message names the file and says `what`.
fn fails(name: &str, bytes: &[u8], what: &str) -> CarrierError {
    let started = std::time::Instant::now();
    let err = match read_bytes(name, bytes) {
        Ok(_) => panic!("{name}: read without error"),
        Err(e) => e,
    };
    let msg = err.to_string();
    assert!(msg.contains(name) && msg.contains(what), "{name}: {msg}");
    // A guard against runaway work, far above what reading takes.
    assert!(
        started.elapsed().as_secs() < 120,
        "{name}: {:?}",
        started.elapsed()
    );
    err
}

#[test]
fn zip_bombs_stop_at_the_cap() {
    // 150 MB of one byte deflates to about 150 KB.
    let huge = vec![b' '; 150 << 20];
    let mut body = b"<w:document><w:body>".to_vec();
    body.extend_from_slice(&huge);
    let docx = zip_of(&[
        ("[Content_Types].xml", DOCX_TYPES),
        ("word/document.xml", &body),
    ]);
    assert!(docx.len() < 2 << 20, "the bomb is small: {}", docx.len());
    let err = fails("炸弹.docx", &docx, "超过上限");
    assert!(matches!(err, CarrierError::TooLarge { .. }));
    let xlsx = zip_of(&[
        ("[Content_Types].xml", XLSX_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", &huge),
    ]);
    fails("炸弹.xlsx", &xlsx, "超过上限");
}

#[test]
fn a_million_rows_stop_at_the_row_cap() {
    let mut sheet = String::from(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for r in 1..=1_000_000u32 {
        sheet.push_str(&format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#));
    }
    sheet.push_str("</sheetData></worksheet>");
    let xlsx = zip_of(&[
        ("[Content_Types].xml", XLSX_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ]);
    let err = fails("百万行.xlsx", &xlsx, "行数超过上限");
    assert!(err.to_string().contains("表1"), "{err}");
}

#[test]
fn broken_xml_names_the_part_and_line() {
    let docx = zip_of(&[
        ("[Content_Types].xml", DOCX_TYPES),
        (
            "word/document.xml",
            "<w:document><w:body>\n<w:p><w:r><w:t>甲</w:t></w:r>\n</w:tbl></w:body></w:document>"
                .as_bytes(),
        ),
    ]);
    let err = fails("坏.docx", &docx, "word/document.xml").to_string();
    assert!(err.contains("第3行") && err.contains("XML"), "{err}");
    let sheet = b"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></row>";
    let xlsx = zip_of(&[
        ("[Content_Types].xml", XLSX_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", sheet),
    ]);
    let err = fails("坏.xlsx", &xlsx, "损坏").to_string();
    assert!(err.contains("工作表“表1”"), "{err}");
}

#[test]
fn truncated_files_are_reported_not_panicked_on() {
    let doc = jixiao_model::Document {
        source: "t".into(),
        ..Default::default()
    };
    let cases = [
        ("截断.xlsx", jixiao_office::write_xlsx(&doc)),
        ("截断.docx", jixiao_office::write_docx(&doc)),
    ];
    for (name, bytes) in cases {
        for cut in [bytes.len() / 3, bytes.len() / 2, bytes.len() - 10] {
            fails(name, &bytes[..cut], "损坏");
        }
    }
    // Every prefix of a small package: an error or a reading, never a panic.
    let small = zip_of(&[
        ("[Content_Types].xml", DOCX_TYPES),
        ("word/document.xml", b"<w:document/>"),
    ]);
    for cut in 0..small.len() {
        let _ = read_bytes("前缀.docx", &small[..cut]);
    }
    fails(
        "截断.pdf",
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R",
        "PDF",
    );
}

#[test]
fn a_scan_without_text_needs_ocr() {
    // One page whose content draws a rectangle and shows no text.
    let content = b"0 0 100 100 re f";
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_string(),
        format!(
            "<< /Length {} >>\nstream\n{}\nendstream",
            content.len(),
            String::from_utf8_lossy(content)
        ),
    ];
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for off in offsets {
        pdf.push_str(&format!("{off:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    let err = fails("扫描件.pdf", pdf.as_bytes(), "OCR");
    assert!(matches!(err, CarrierError::NeedsOcr { .. }));
}

#[test]
fn old_binary_word_files_ask_for_conversion() {
    let mut doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    doc.extend(vec![0u8; 512]);
    doc.extend("WordDocument".encode_utf16().flat_map(|u| u.to_le_bytes()));
    fails("旧格式.doc", &doc, "另存为 .docx");
}

/// Issue 15, item 5: a workbook with no text in any sheet — as a spreadsheet program saves a
/// new one (rust_xlsxwriter: one sheet, none written; two sheets, one blank cell) — is called
/// empty, not "no target table found".
#[test]
fn an_empty_workbook_is_called_empty() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet();
    let err = fails("空表.xlsx", &wb.save_to_buffer().unwrap(), "工作簿是空的");
    assert!(matches!(err, CarrierError::EmptyWorkbook { .. }), "{err:?}");
    assert_eq!(err.to_string(), "空表.xlsx：工作簿是空的（各工作表都没有任何文字），不是绩效目标文档");
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write_string(0, 0, " ").unwrap();
    wb.add_worksheet().write_blank(3, 2, &rust_xlsxwriter::Format::new().set_bold()).unwrap();
    fails("空白.xlsx", &wb.save_to_buffer().unwrap(), "工作簿是空的");
    // One word is no longer empty: the grammar's own answer.
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write_string(0, 0, "备注").unwrap();
    let err = fails("一词.xlsx", &wb.save_to_buffer().unwrap(), "不是绩效目标文档");
    assert!(!matches!(err, CarrierError::EmptyWorkbook { .. }), "{err:?}");
}
