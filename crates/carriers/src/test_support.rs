//! Helpers for the unit tests: minimal packages built in memory and a compact rendering of
//! blocks to compare with expected text inline.

use std::io::{Cursor, Write};

/// A zip of the given entries.
pub fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A .docx whose body is `body` (WordprocessingML with the `w:` prefix).
pub fn docx(body: &str, numbering: Option<&str>) -> Vec<u8> {
    let types = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let doc = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut entries = vec![
        ("[Content_Types].xml", types),
        ("word/document.xml", doc.as_str()),
    ];
    if let Some(n) = numbering {
        entries.push(("word/numbering.xml", n));
    }
    zip_of(&entries)
}

pub use jixiao_read::layout::render;
