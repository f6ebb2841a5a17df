//! A PDF font as text extraction needs it: how the bytes of a shown string split into
//! character codes, the text of each code, and its width.
//!
//! The text of a code comes first from the font's ToUnicode map, as PDF says; where the font
//! has none, or the map lacks the code or gives only private-use or control characters, from
//! what else the file says about the font:
//! - a simple font: its encoding (a base encoding and `Differences` glyph names);
//! - a composite font with a predefined Unicode CMap (`UniGB-UCS2-H`, `…-UTF16-H`): the code
//!   is the character; with a legacy Chinese, Japanese or Korean CMap (`GBK-EUC-H`,
//!   `B5pc-H`, `90ms-RKSJ-H`, …): the code is the character in that encoding;
//! - a composite font shown by CIDs (`Identity-H` or an embedded CMap) whose embedded font
//!   program is TrueType: the CID's glyph, through `CIDToGIDMap`, and the program's own
//!   character map.
//!
//! Kangxi and CJK radicals, CJK strokes and CJK compatibility ideographs, which producers'
//! maps give for ordinary characters where the font draws both with one glyph (⼀ for 一, ⻓
//! for 长), are read as the unified ideographs they stand for.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};
use unicode_normalization::UnicodeNormalization;

use super::cmap::{glyph_text, CMap};
use super::radicals::EQUIVALENT;
use super::sfnt;
use super::widths::Widths;

/// One character code of a shown string.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Glyph {
    /// The text it stands for (empty when nothing says).
    pub(super) text: String,
    /// Its width in thousandths of the text size (estimated where the font lists none).
    pub(super) width: f32,
    /// A one-byte code 32, to which word spacing applies.
    pub(super) word_break: bool,
}

/// How a composite font's codes map to characters and CIDs.
#[derive(Debug)]
enum Encoding {
    /// Two-byte codes that are CIDs.
    Identity,
    /// An embedded CMap: codespace and code → CID.
    Embedded(CMap),
    /// UTF-16BE codes (UCS-2 CMaps are the same for the BMP).
    Utf16,
    /// A legacy multi-byte encoding.
    Legacy(&'static encoding_rs::Encoding),
}

// One per font read, so the variants' sizes do not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
enum Kind {
    /// One byte a code; each code's text by the font's encoding.
    Simple { table: Vec<String> },
    Composite {
        encoding: Encoding,
        /// CID → glyph id, where a `CIDToGIDMap` stream gives it (else they are equal).
        cid_to_gid: Option<Vec<u16>>,
        /// Glyph id → character, from an embedded TrueType program's character map.
        glyph_chars: HashMap<u16, char>,
    },
}

#[derive(Debug)]
pub(super) struct Font {
    kind: Kind,
    to_unicode: Option<CMap>,
    widths: Option<Widths>,
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

fn stream_bytes(doc: &Document, o: &Object, limit: usize) -> Option<Vec<u8>> {
    let stream = deref(doc, o)?.as_stream().ok()?;
    stream.get_plain_content_with_limit(limit).ok().or_else(|| {
        (stream.filters().map_or(true, |f| f.is_empty())).then(|| stream.content.clone())
    })
}

/// The text of a byte under a base encoding (`WinAnsiEncoding`, …) as lopdf knows them.
fn base_table(doc: &Document, name: &[u8]) -> Vec<String> {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Font".to_vec()));
    dict.set("Subtype", Object::Name(b"Type1".to_vec()));
    dict.set("Encoding", Object::Name(name.to_vec()));
    let encoding = dict.get_font_encoding(doc).ok();
    (0..=255u8)
        .map(|b| {
            encoding
                .as_ref()
                .and_then(|e| Document::decode_text(e, &[b]).ok())
                .unwrap_or_default()
        })
        .collect()
}

/// The text of a glyph name, by its form (`uni4E00`) or lopdf's glyph list.
fn name_text(doc: &Document, name: &[u8]) -> String {
    let s = String::from_utf8_lossy(name);
    if let Some(t) = glyph_text(&s) {
        return t;
    }
    // Code 0 is not in the standard encoding that lopdf falls back to for a name it does
    // not know, so an unknown name gives nothing.
    let mut enc = Dictionary::new();
    enc.set(
        "Differences",
        Object::Array(vec![Object::Integer(0), Object::Name(name.to_vec())]),
    );
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Font".to_vec()));
    dict.set("Subtype", Object::Name(b"Type1".to_vec()));
    dict.set("Encoding", Object::Dictionary(enc));
    dict.get_font_encoding(doc)
        .ok()
        .and_then(|e| Document::decode_text(&e, &[0]).ok())
        .unwrap_or_default()
}

/// A simple font's text per code: its base encoding (standard where it names none) with its
/// `Differences`.
fn simple_table(doc: &Document, font: &Dictionary) -> Vec<String> {
    let encoding = font.get(b"Encoding").ok().and_then(|o| deref(doc, o));
    let base: &[u8] = match encoding {
        Some(Object::Name(n)) => n,
        Some(Object::Dictionary(d)) => d
            .get(b"BaseEncoding")
            .ok()
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"StandardEncoding"),
        _ => b"StandardEncoding",
    };
    let mut table = base_table(doc, base);
    if let Some(Object::Dictionary(d)) = encoding {
        if let Some(list) = d
            .get(b"Differences")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
        {
            let mut code = 0usize;
            // Codes go to 255: a longer list names nothing more.
            for item in list.iter().take(600) {
                match deref(doc, item) {
                    Some(Object::Integer(n)) => code = (*n).clamp(0, 256) as usize,
                    Some(Object::Name(name)) => {
                        if let Some(slot) = table.get_mut(code) {
                            *slot = name_text(doc, name);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
    }
    table
}

/// A predefined CMap by name: Unicode ones and the legacy CJK encodings.
fn predefined(name: &[u8]) -> Option<Encoding> {
    let name = String::from_utf8_lossy(name);
    let base = name
        .strip_suffix("-H")
        .or_else(|| name.strip_suffix("-V"))
        .unwrap_or(&name);
    if base == "Identity" {
        return Some(Encoding::Identity);
    }
    if base.starts_with("Uni") && (base.ends_with("-UCS2") || base.ends_with("-UTF16")) {
        return Some(Encoding::Utf16);
    }
    let legacy = match base {
        "GB-EUC" | "GBpc-EUC" | "GBK-EUC" | "GBKp-EUC" | "GBK2K" | "GBT-EUC" | "GBTpc-EUC" => {
            encoding_rs::GB18030
        }
        "B5pc" | "ETen-B5" | "HKscs-B5" | "CNS-EUC" | "ETenms-B5" | "B5" => encoding_rs::BIG5,
        "90ms-RKSJ" | "90msp-RKSJ" | "83pv-RKSJ" | "90pv-RKSJ" | "78-RKSJ" | "Ext-RKSJ"
        | "RKSJ" => encoding_rs::SHIFT_JIS,
        "EUC" => encoding_rs::EUC_JP,
        "KSC-EUC" | "KSCms-UHC" | "KSCpc-EUC" | "KSCms-UHC-HW" => encoding_rs::EUC_KR,
        _ => return None,
    };
    Some(Encoding::Legacy(legacy))
}

/// How many bytes the legacy multi-byte code starting `bytes` has.
fn legacy_len(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> usize {
    let b0 = bytes[0];
    if encoding == encoding_rs::SHIFT_JIS {
        return if (0x81..=0x9F).contains(&b0) || (0xE0..=0xFC).contains(&b0) {
            2
        } else {
            1
        };
    }
    if b0 < 0x81 || b0 == 0xFF {
        return 1;
    }
    if encoding == encoding_rs::GB18030 && bytes.get(1).is_some_and(|b| b.is_ascii_digit()) {
        return 4;
    }
    2
}

impl Font {
    /// The font of a font dictionary; `limit` bounds each stream inflated for it.
    pub(super) fn of(doc: &Document, font: &Dictionary, limit: usize) -> Font {
        let to_unicode = font
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| stream_bytes(doc, o, limit))
            .map(|b| CMap::parse(&b))
            .filter(CMap::has_text);
        let widths = Widths::of(doc, font);
        let subtype = font.get(b"Subtype").and_then(Object::as_name).ok();
        let kind = if subtype == Some(b"Type0") {
            composite(doc, font, limit)
        } else {
            Kind::Simple {
                table: simple_table(doc, font),
            }
        };
        Font {
            kind,
            to_unicode,
            widths,
        }
    }

    /// A font about which nothing is known: one byte a code, standard encoding.
    pub(super) fn unknown(doc: &Document) -> Font {
        Font {
            kind: Kind::Simple {
                table: base_table(doc, b"StandardEncoding"),
            },
            to_unicode: None,
            widths: None,
        }
    }

    /// The codes of a shown string.
    pub(super) fn glyphs(&self, bytes: &[u8]) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let len = self.code_len(rest).clamp(1, rest.len().min(4));
            let code = rest[..len]
                .iter()
                .fold(0u32, |acc, b| acc << 8 | u32::from(*b));
            out.push(self.glyph(&rest[..len], code));
            i += len;
        }
        out
    }

    fn code_len(&self, bytes: &[u8]) -> usize {
        match &self.kind {
            Kind::Simple { .. } => 1,
            Kind::Composite { encoding, .. } => match encoding {
                Encoding::Identity => 2,
                Encoding::Embedded(cmap) => cmap
                    .code_len(bytes)
                    .or_else(|| self.to_unicode.as_ref()?.code_len(bytes))
                    .unwrap_or(2),
                Encoding::Utf16 => {
                    let hi = bytes.first().copied().unwrap_or(0);
                    if (0xD8..=0xDB).contains(&hi) {
                        4
                    } else {
                        2
                    }
                }
                Encoding::Legacy(e) => legacy_len(e, bytes),
            },
        }
    }

    fn glyph(&self, bytes: &[u8], code: u32) -> Glyph {
        let len = bytes.len() as u8;
        let mapped = self
            .to_unicode
            .as_ref()
            .and_then(|m| m.text(len, code))
            .filter(|t| t.chars().any(|c| !unusable(c)));
        let cid = self.cid(len, code);
        let text = mapped.unwrap_or_else(|| self.fallback_text(bytes, code, cid));
        let text = normalize(&text);
        let listed = match (&self.widths, &self.kind) {
            (Some(w @ Widths::Simple { .. }), _) => Some(w.width(code)),
            (Some(w @ Widths::Composite { .. }), _) if cid.is_some() => cid.map(|cid| w.width(cid)),
            // A predefined Unicode CMap names no CID; over an Adobe CJK font (STSong-Light,
            // not embedded) every character but ASCII is of the font's default width, its
            // `/DW` (full width), which estimates `“”…—` better than a Latin letter's.
            (
                Some(Widths::Composite { default, .. }),
                Kind::Composite {
                    encoding: Encoding::Utf16,
                    ..
                },
            ) if !text.is_empty() && !text.is_ascii() => Some(*default * text.chars().count() as f32),
            _ => None,
        };
        let width = listed.unwrap_or_else(|| {
            if text.is_empty() {
                500.0
            } else {
                text.chars().map(em_width).sum::<f32>() * 1000.0
            }
        });
        Glyph {
            text,
            width,
            word_break: len == 1 && code == 32,
        }
    }

    /// The CID of a composite font's code, where the encoding tells it.
    fn cid(&self, len: u8, code: u32) -> Option<u32> {
        match &self.kind {
            Kind::Composite { encoding, .. } => match encoding {
                Encoding::Identity => Some(code),
                Encoding::Embedded(cmap) => cmap.cid(len, code),
                _ => None,
            },
            Kind::Simple { .. } => None,
        }
    }

    fn fallback_text(&self, bytes: &[u8], code: u32, cid: Option<u32>) -> String {
        let text = match &self.kind {
            Kind::Simple { table } => table.get(code as usize).cloned().unwrap_or_default(),
            Kind::Composite {
                encoding,
                cid_to_gid,
                glyph_chars,
            } => match encoding {
                Encoding::Utf16 => encoding_rs::UTF_16BE
                    .decode_without_bom_handling(bytes)
                    .0
                    .into_owned(),
                Encoding::Legacy(e) => e.decode_without_bom_handling(bytes).0.into_owned(),
                Encoding::Identity | Encoding::Embedded(_) => cid
                    .and_then(|cid| match cid_to_gid {
                        Some(map) => map.get(cid as usize).copied(),
                        None => u16::try_from(cid).ok(),
                    })
                    .and_then(|gid| glyph_chars.get(&gid))
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
            },
        };
        text.chars().filter(|c| !unusable(*c)).collect()
    }
}

fn composite(doc: &Document, font: &Dictionary, limit: usize) -> Kind {
    let encoding = match font.get(b"Encoding").ok().and_then(|o| deref(doc, o)) {
        Some(Object::Name(n)) => predefined(n).unwrap_or(Encoding::Identity),
        Some(Object::Stream(s)) => {
            let cmap = s
                .get_plain_content_with_limit(limit)
                .ok()
                .map(|b| CMap::parse(&b))
                .unwrap_or_default();
            match cmap.uses.as_deref().map(str::as_bytes).and_then(predefined) {
                Some(e) if !cmap.has_cids() => e,
                _ => Encoding::Embedded(cmap),
            }
        }
        _ => Encoding::Identity,
    };
    let descendant = font
        .get(b"DescendantFonts")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_array().ok())
        .and_then(|a| a.first())
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok());
    let cid_to_gid = descendant
        .and_then(|d| d.get(b"CIDToGIDMap").ok())
        .and_then(|o| stream_bytes(doc, o, limit))
        .map(|b| {
            b.chunks_exact(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect()
        });
    let glyph_chars = descendant
        .and_then(|d| d.get(b"FontDescriptor").ok())
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .and_then(|d| d.get(b"FontFile2").ok())
        .and_then(|o| stream_bytes(doc, o, limit))
        .map(|b| sfnt::glyph_chars(&b))
        .unwrap_or_default();
    Kind::Composite {
        encoding,
        cid_to_gid,
        glyph_chars,
    }
}

/// Characters a map gives that stand for no text: controls and private-use code points.
fn unusable(c: char) -> bool {
    c.is_control()
        || ('\u{E000}'..='\u{F8FF}').contains(&c)
        || ('\u{F0000}'..='\u{10FFFF}').contains(&c)
        || c == char::REPLACEMENT_CHARACTER
}

/// Radicals, strokes and compatibility ideographs as the unified ideographs they stand for.
fn normalize(text: &str) -> String {
    let radical =
        |c: char| ('\u{2E80}'..='\u{2FDF}').contains(&c) || ('\u{31C0}'..='\u{31EF}').contains(&c);
    let compatibility = |c: char| {
        ('\u{F900}'..='\u{FAFF}').contains(&c) || ('\u{2F800}'..='\u{2FA1F}').contains(&c)
    };
    if !text.chars().any(|c| radical(c) || compatibility(c)) {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if radical(c) {
            let i = EQUIVALENT.partition_point(|e| u32::from(e.0) < c as u32);
            match EQUIVALENT.get(i) {
                Some(&(r, u)) if u32::from(r) == c as u32 => {
                    out.push(char::from_u32(u).unwrap_or(c))
                }
                _ => out.push(c),
            }
        } else if compatibility(c) {
            out.extend(std::iter::once(c).nfc());
        } else {
            out.push(c);
        }
    }
    out
}

/// The width of a character in ems, estimated: CJK and full-width forms are square, the
/// rest about half as wide.
pub(super) fn em_width(c: char) -> f32 {
    if c as u32 >= 0x2E80 || ('\u{FF00}'..='\u{FFEF}').contains(&c) {
        1.0
    } else if c == ' ' {
        0.28
    } else {
        0.55
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::Stream;

    fn stream(doc: &mut Document, data: &[u8]) -> Object {
        Object::Reference(doc.add_object(Stream::new(Dictionary::new(), data.to_vec())))
    }

    fn texts(font: &Font, bytes: &[u8]) -> String {
        font.glyphs(bytes).iter().map(|g| g.text.as_str()).collect()
    }

    #[test]
    fn to_unicode_wins_over_glyph_names() {
        // A Type3 font as Chromium writes them: Differences with names that say nothing,
        // and a ToUnicode map.
        let mut doc = Document::with_version("1.7");
        let map = stream(
            &mut doc,
            b"1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <01> <4E00> <02> <0032> endbfchar",
        );
        let mut enc = Dictionary::new();
        enc.set(
            "Differences",
            Object::Array(vec![
                Object::Integer(1),
                Object::Name(b"g41D6".to_vec()),
                Object::Name(b"g12".to_vec()),
            ]),
        );
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"Font".to_vec()));
        dict.set("Subtype", Object::Name(b"Type3".to_vec()));
        dict.set("Encoding", Object::Dictionary(enc));
        dict.set("ToUnicode", map);
        let font = Font::of(&doc, &dict, 1 << 20);
        assert_eq!(texts(&font, &[1, 2]), "一2");
    }

    #[test]
    fn simple_fonts_by_their_encoding() {
        let doc = Document::with_version("1.7");
        let mut enc = Dictionary::new();
        enc.set("BaseEncoding", Object::Name(b"WinAnsiEncoding".to_vec()));
        enc.set(
            "Differences",
            Object::Array(vec![
                Object::Integer(65),
                Object::Name(b"uni4E00".to_vec()),
                Object::Name(b"greaterequal".to_vec()),
            ]),
        );
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"Font".to_vec()));
        dict.set("Subtype", Object::Name(b"TrueType".to_vec()));
        dict.set("Encoding", Object::Dictionary(enc));
        let font = Font::of(&doc, &dict, 1 << 20);
        assert_eq!(texts(&font, b"ABC1 "), "一≥C1 ");
        let glyphs = font.glyphs(b" ");
        assert!(glyphs[0].word_break);
    }

    fn type0(doc: &mut Document, encoding: Object, to_unicode: Option<&[u8]>) -> Dictionary {
        let mut cid = Dictionary::new();
        cid.set("Type", Object::Name(b"Font".to_vec()));
        cid.set("Subtype", Object::Name(b"CIDFontType2".to_vec()));
        cid.set("DW", Object::Integer(1000));
        cid.set(
            "W",
            Object::Array(vec![
                Object::Integer(3),
                Object::Array(vec![Object::Integer(500)]),
            ]),
        );
        let cid = doc.add_object(cid);
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"Font".to_vec()));
        dict.set("Subtype", Object::Name(b"Type0".to_vec()));
        dict.set("Encoding", encoding);
        dict.set(
            "DescendantFonts",
            Object::Array(vec![Object::Reference(cid)]),
        );
        if let Some(t) = to_unicode {
            let s = stream(doc, t);
            dict.set("ToUnicode", s);
        }
        dict
    }

    #[test]
    fn composite_fonts_by_their_cmap() {
        let mut doc = Document::with_version("1.7");
        let ucs2 = type0(&mut doc, Object::Name(b"UniGB-UCS2-H".to_vec()), None);
        let font = Font::of(&doc, &ucs2, 1 << 20);
        assert_eq!(texts(&font, &[0x4E, 0x00, 0x00, 0x32]), "一2");
        let gbk = type0(&mut doc, Object::Name(b"GBK-EUC-H".to_vec()), None);
        let font = Font::of(&doc, &gbk, 1 << 20);
        let (bytes, _, _) = encoding_rs::GBK.encode("一级指标≥90%");
        assert_eq!(texts(&font, &bytes), "一级指标≥90%");
        // Identity-H with a ToUnicode map that gives a Kangxi radical for 一, and widths by
        // CID: 3 is listed, 4 takes the default.
        let identity = type0(
            &mut doc,
            Object::Name(b"Identity-H".to_vec()),
            Some(b"1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0003> <0032> <0004> <2F00> endbfchar"),
        );
        let font = Font::of(&doc, &identity, 1 << 20);
        let glyphs = font.glyphs(&[0, 3, 0, 4]);
        assert_eq!(texts(&font, &[0, 3, 0, 4]), "2一");
        assert_eq!(
            normalize("\u{2ED3}期\u{2EA0}众\u{2F00}级\u{F900}"),
            "长期民众一级\u{8C48}"
        );
        assert_eq!((glyphs[0].width, glyphs[1].width), (500.0, 1000.0));
    }

    #[test]
    fn odd_bytes_never_panic() {
        let mut doc = Document::with_version("1.7");
        for enc in [
            "Identity-H",
            "UniGB-UTF16-H",
            "GBK-EUC-H",
            "90ms-RKSJ-H",
            "Nonsense",
        ] {
            let dict = type0(
                &mut doc,
                Object::Name(enc.as_bytes().to_vec()),
                Some(b"<00"),
            );
            let font = Font::of(&doc, &dict, 1 << 20);
            for bytes in [&[0xD8u8][..], &[0x81], &[0xFF, 0xFF, 0xFF], &[]] {
                let _ = font.glyphs(bytes);
            }
        }
    }
}
