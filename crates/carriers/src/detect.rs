//! Which carrier a file is, told by its content: the zip magic and the package's
//! `[Content_Types].xml` for .docx/.xlsx, the OLE magic for .doc/.xls/.wps, `%PDF`, and
//! `<html`/`<table` for web pages. Everything else is text.

use crate::error::CarrierError;
use crate::limits::Package;

/// 文件载体（文件实际的格式）。
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    /// Plain text in the encoding found.
    Text(jixiao_read::decode::Encoding),
    Docx,
    Xlsx,
    /// Excel 97–2003 (OLE), read by calamine.
    Xls,
    Html,
    Pdf,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

pub fn carrier(name: &str, bytes: &[u8]) -> Result<Carrier, CarrierError> {
    if bytes.starts_with(ZIP_MAGIC) {
        return zip_kind(name, bytes);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return ole_kind(name, bytes);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") && find(head, b"%PDF-").is_some_and(|i| i < 1024) {
        return Ok(Carrier::Pdf);
    }
    if looks_like_html(bytes) {
        return Ok(Carrier::Html);
    }
    Ok(Carrier::Text(jixiao_read::decode::Encoding::Utf8))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A page or fragment whose first markup is `<html`, `<!doctype html`, `<table` or `<body`.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let t = head.trim_start_matches('\u{feff}').trim_start();
    [
        "<!doctype html",
        "<html",
        "<table",
        "<body",
        "<meta",
        "<head",
    ]
    .iter()
    .any(|p| t.starts_with(p))
        || (t.starts_with("<?xml") && t.contains("<html"))
}

fn zip_kind(name: &str, bytes: &[u8]) -> Result<Carrier, CarrierError> {
    let mut pkg = Package::open(name, "Office（zip）", bytes)?;
    let types = pkg.text("[Content_Types].xml").map_err(|e| match e {
        CarrierError::Corrupt { .. } | CarrierError::TooLarge { .. } => e,
        other => other,
    })?;
    if types.contains("wordprocessingml.document") || pkg.has("word/document.xml") {
        return Ok(Carrier::Docx);
    }
    if types.contains("spreadsheetml") || pkg.has("xl/workbook.xml") {
        return Ok(Carrier::Xlsx);
    }
    if types.contains("presentationml") {
        return Err(CarrierError::Unsupported {
            file: name.to_string(),
            what: "演示文稿 .pptx".into(),
        });
    }
    Err(CarrierError::Unsupported {
        file: name.to_string(),
        what: "zip 压缩包，不是 .docx 或 .xlsx".into(),
    })
}

/// OLE compound files: Excel 97 workbooks are read; Word/WPS documents are not.
fn ole_kind(name: &str, bytes: &[u8]) -> Result<Carrier, CarrierError> {
    // Stream names are stored in UTF-16 in the directory; look for them there.
    let has = |s: &str| {
        let utf16: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        find(bytes, &utf16).is_some()
    };
    if has("Workbook") || has("Book") {
        return Ok(Carrier::Xls);
    }
    let wps = has("WpsCustomData") || name.to_ascii_lowercase().ends_with(".wps");
    Err(CarrierError::OldBinary {
        file: name.to_string(),
        kind: if wps {
            "WPS 文字文档（.wps）"
        } else if has("WordDocument") {
            "Word 97–2003 文档（.doc）"
        } else {
            "Office 97–2003 文件"
        },
        suggest: ".docx",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_pdf_html_by_content() {
        let cases: [(&[u8], &str); 5] = [
            (b"%PDF-1.7\n...", "Pdf"),
            (b"  <!DOCTYPE html><html>", "Html"),
            (b"<table><tr><td>1</td></tr></table>", "Html"),
            ("项目名称\t甲".as_bytes(), "Text(Utf8)"),
            (b"\xEF\xBB\xBF<html>", "Html"),
        ];
        for (bytes, want) in cases {
            let got = format!("{:?}", carrier("f", bytes).unwrap());
            assert_eq!(got, want, "{:?}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn old_word_files_ask_for_conversion() {
        let mut doc = OLE_MAGIC.to_vec();
        doc.extend("WordDocument".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let err = carrier("旧.doc", &doc).unwrap_err().to_string();
        assert!(
            err.contains("旧.doc") && err.contains("另存为 .docx"),
            "{err}"
        );
        let err = carrier("旧.wps", OLE_MAGIC).unwrap_err().to_string();
        assert!(err.contains("WPS"), "{err}");
    }
}
