//! Bounds on the work a reader does, and the one way zip packages (.docx, .xlsx) are opened:
//! every entry is inflated through a counting reader, so a small file that inflates to
//! gigabytes (a zip bomb) stops at the cap with a clear error, whatever its headers claim.

use std::io::{Cursor, Read};

use crate::error::CarrierError;

/// Largest file read at all.
pub const MAX_FILE_BYTES: usize = 200 << 20;
/// Largest inflated size of one package entry (a sheet, the document body).
pub const MAX_ENTRY_BYTES: usize = 100 << 20;
/// Largest inflated size of all entries of a package together.
pub const MAX_PACKAGE_BYTES: usize = 300 << 20;
/// Most entries a package may have.
pub const MAX_ENTRIES: usize = 20_000;
/// Most rows read from one sheet or table.
pub const MAX_ROWS: u32 = 200_000;
/// Most cells read from one workbook or document.
pub const MAX_CELLS: usize = 2_000_000;
/// Most columns of a table grid (gridSpan/colspan included).
pub const MAX_COLUMNS: u32 = 1_000;
/// Deepest element nesting followed in XML and HTML.
pub const MAX_DEPTH: usize = 200;
/// Most PDF pages read.
pub const MAX_PAGES: usize = 2_000;

pub fn human_bytes(n: usize) -> String {
    if n >= 1 << 20 {
        format!("{} MB", n >> 20)
    } else {
        format!("{n} 字节")
    }
}

/// A zip package opened for bounded reading.
pub struct Package<'a> {
    file: String,
    kind: &'static str,
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    inflated: usize,
}

impl<'a> Package<'a> {
    pub fn open(file: &str, kind: &'static str, bytes: &'a [u8]) -> Result<Self, CarrierError> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| CarrierError::corrupt(file, kind, "zip 目录", zip_reason(&e)))?;
        if archive.len() > MAX_ENTRIES {
            return Err(CarrierError::too_large(
                file,
                "压缩包内文件数",
                MAX_ENTRIES.to_string(),
            ));
        }
        Ok(Package {
            file: file.to_string(),
            kind,
            archive,
            inflated: 0,
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    pub fn names(&self) -> Vec<String> {
        self.archive
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .collect()
    }

    /// Inflates one entry, at most [`MAX_ENTRY_BYTES`] (and the package's remaining total).
    pub fn bytes(&mut self, name: &str) -> Result<Vec<u8>, CarrierError> {
        let (file, kind) = (self.file.clone(), self.kind);
        let mut entry = self
            .archive
            .by_name(name)
            .map_err(|e| CarrierError::corrupt(&file, kind, name, zip_reason(&e)))?;
        let cap = MAX_ENTRY_BYTES.min(MAX_PACKAGE_BYTES.saturating_sub(self.inflated));
        let mut out = Vec::new();
        // Read one byte past the cap to tell "exactly at the cap" from "over it".
        let read = (&mut entry)
            .take(cap as u64 + 1)
            .read_to_end(&mut out)
            .map_err(|e| CarrierError::corrupt(&file, kind, name, format!("解压失败：{e}")))?;
        if read > cap {
            return Err(CarrierError::too_large(
                &file,
                format!("“{name}”解压后的大小"),
                human_bytes(cap),
            ));
        }
        self.inflated += read;
        Ok(out)
    }

    pub fn text(&mut self, name: &str) -> Result<String, CarrierError> {
        let bytes = self.bytes(name)?;
        String::from_utf8(bytes)
            .map_err(|_| CarrierError::corrupt(&self.file, self.kind, name, "不是 UTF-8 编码的 XML"))
    }

    /// Inflates every entry once, counting: what a reader that opens the package itself
    /// (calamine) needs checked beforehand.
    pub fn check_all(&mut self) -> Result<(), CarrierError> {
        for name in self.names() {
            if !name.ends_with('/') {
                self.bytes(&name)?;
            }
        }
        Ok(())
    }
}

fn zip_reason(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError;
    match e {
        ZipError::FileNotFound => "缺少该部件".into(),
        ZipError::InvalidArchive(_) => "不是完整的 zip 文件（可能被截断）".into(),
        ZipError::UnsupportedArchive(_) => "使用了不支持的压缩方式或加密".into(),
        other => format!("zip 错误：{other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn entries_inflate_up_to_the_cap() {
        let z = zip_of(&[("a.xml", b"<a/>")]);
        let mut p = Package::open("t.docx", "Word", &z).unwrap();
        assert_eq!(p.text("a.xml").unwrap(), "<a/>");
        let err = p.bytes("b.xml").unwrap_err().to_string();
        assert!(
            err.contains("t.docx") && err.contains("b.xml") && err.contains("缺少"),
            "{err}"
        );
    }

    #[test]
    fn truncated_zip_is_corrupt() {
        let z = zip_of(&[("a.xml", b"<a/>")]);
        let err = Package::open("t.docx", "Word", &z[..z.len() / 2])
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("t.docx") && err.contains("损坏"), "{err}");
    }
}
