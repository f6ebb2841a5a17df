//! CMaps as PDF files embed them: a font's ToUnicode map (character codes to text) and an
//! embedded encoding CMap of a composite font (character codes to CIDs). Only what reading
//! text needs is kept: the codespace ranges (how many bytes a code has), `bfchar`/`bfrange`
//! (code → text) and `cidchar`/`cidrange` (code → CID).
//!
//! Any bytes parse: what is not understood is skipped, and the entries kept are bounded.

use std::collections::HashMap;

/// Most entries (single codes and ranges together) kept from one CMap.
const MAX_ENTRIES: usize = 200_000;
/// Most characters one code may map to (a ligature, a decomposed character).
const MAX_TEXT: usize = 16;

/// A code of `len` bytes (1 to 4) read big-endian.
type Code = (u8, u32);

/// Where the codes of a `bfrange` go: to consecutive characters from a start, or each to its
/// own text.
#[derive(Debug, Clone)]
enum Target {
    From(Vec<char>),
    Each(Vec<String>),
}

#[derive(Debug, Clone, Default)]
pub(super) struct CMap {
    /// Codespace ranges: per-byte lower and upper bounds, of 1 to 4 bytes.
    pub(super) codespace: Vec<(Vec<u8>, Vec<u8>)>,
    chars: HashMap<Code, String>,
    /// (len, lo, hi, target), sorted by (len, lo).
    ranges: Vec<(u8, u32, u32, Target)>,
    cids: HashMap<Code, u32>,
    /// (len, lo, hi, first CID), sorted by (len, lo).
    cid_ranges: Vec<(u8, u32, u32, u32)>,
    /// The CMap named by `usecmap` (a predefined one such as `Identity-H`), if any.
    pub(super) uses: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Str(Vec<u8>),
    Name(String),
    Int(i64),
    Open,
    Close,
    Word(String),
}

/// PostScript-like tokens of a CMap; dictionaries' `<<` `>>` and anything unknown are skipped.
fn tokens(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    let delimiter = |b: u8| b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b);
    while i < data.len() {
        let b = data[i];
        match b {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                i += 1;
                let mut digits = Vec::new();
                while i < data.len() && data[i] != b'>' {
                    if let Some(d) = (data[i] as char).to_digit(16) {
                        digits.push(d as u8);
                    }
                    i += 1;
                }
                i += 1;
                if digits.len() % 2 == 1 {
                    digits.push(0);
                }
                out.push(Token::Str(
                    digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect(),
                ));
            }
            b'(' => {
                i += 1;
                let mut s = Vec::new();
                let mut depth = 0usize;
                while i < data.len() {
                    match data[i] {
                        b'\\' if i + 1 < data.len() => {
                            i += 1;
                            s.push(match data[i] {
                                b'n' => b'\n',
                                b'r' => b'\r',
                                b't' => b'\t',
                                b'b' => 8,
                                b'f' => 12,
                                d @ b'0'..=b'7' => {
                                    let mut v = u32::from(d - b'0');
                                    for _ in 0..2 {
                                        match data.get(i + 1) {
                                            Some(&d @ b'0'..=b'7') => {
                                                v = v * 8 + u32::from(d - b'0');
                                                i += 1;
                                            }
                                            _ => break,
                                        }
                                    }
                                    v as u8
                                }
                                other => other,
                            });
                        }
                        b'(' => {
                            depth += 1;
                            s.push(b'(');
                        }
                        b')' if depth == 0 => break,
                        b')' => {
                            depth -= 1;
                            s.push(b')');
                        }
                        other => s.push(other),
                    }
                    i += 1;
                }
                i += 1;
                out.push(Token::Str(s));
            }
            b'[' => {
                out.push(Token::Open);
                i += 1;
            }
            b']' => {
                out.push(Token::Close);
                i += 1;
            }
            b'/' => {
                let start = i + 1;
                i += 1;
                while i < data.len() && !delimiter(data[i]) {
                    i += 1;
                }
                out.push(Token::Name(
                    String::from_utf8_lossy(&data[start..i]).into_owned(),
                ));
            }
            _ if b.is_ascii_whitespace() || b"{}>)".contains(&b) => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !delimiter(data[i]) {
                    i += 1;
                }
                let word = &data[start..i];
                let word = String::from_utf8_lossy(word).into_owned();
                match word.parse::<i64>() {
                    Ok(n) => out.push(Token::Int(n)),
                    Err(_) => out.push(Token::Word(word)),
                }
            }
        }
    }
    out
}

fn code_of(bytes: &[u8]) -> Option<Code> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some((
        bytes.len() as u8,
        bytes.iter().fold(0u32, |acc, b| acc << 8 | u32::from(*b)),
    ))
}

/// The text of a ToUnicode destination: UTF-16BE (a lone byte is taken as is).
fn text_of(bytes: &[u8]) -> String {
    if bytes.len() == 1 {
        return char::from(bytes[0]).to_string();
    }
    let units = bytes
        .chunks(2)
        .map(|p| u16::from(p[0]) << 8 | u16::from(*p.get(1).unwrap_or(&0)));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .take(MAX_TEXT)
        .collect()
}

impl CMap {
    pub(super) fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let toks = tokens(data);
        let mut i = 0;
        let mut entries = 0usize;
        // The operands of a section: tokens up to its `end…` word.
        let section = |i: &mut usize, end: &str| -> Vec<Token> {
            let start = *i;
            while *i < toks.len() && toks[*i] != Token::Word(end.into()) {
                *i += 1;
            }
            toks[start..*i].to_vec()
        };
        while i < toks.len() {
            let word = match &toks[i] {
                Token::Word(w) => w.clone(),
                _ => {
                    i += 1;
                    continue;
                }
            };
            i += 1;
            match word.as_str() {
                "usecmap" => {
                    if let Some(Token::Name(n)) = i.checked_sub(2).and_then(|j| toks.get(j)) {
                        cmap.uses = Some(n.clone());
                    }
                }
                "begincodespacerange" => {
                    let ops = section(&mut i, "endcodespacerange");
                    for pair in ops.chunks(2) {
                        if let [Token::Str(lo), Token::Str(hi)] = pair {
                            if lo.len() == hi.len() && (1..=4).contains(&lo.len()) {
                                cmap.codespace.push((lo.clone(), hi.clone()));
                            }
                        }
                    }
                }
                "beginbfchar" => {
                    let ops = section(&mut i, "endbfchar");
                    for pair in ops.chunks(2) {
                        if entries >= MAX_ENTRIES {
                            break;
                        }
                        let (Some(Token::Str(src)), Some(dst)) = (pair.first(), pair.get(1)) else {
                            continue;
                        };
                        let Some(code) = code_of(src) else { continue };
                        let text = match dst {
                            Token::Str(d) => text_of(d),
                            Token::Name(n) => glyph_text(n).unwrap_or_default(),
                            _ => continue,
                        };
                        cmap.chars.insert(code, text);
                        entries += 1;
                    }
                }
                "beginbfrange" => {
                    let ops = section(&mut i, "endbfrange");
                    let mut j = 0;
                    while j < ops.len() {
                        if entries >= MAX_ENTRIES {
                            break;
                        }
                        let (Some(Token::Str(lo)), Some(Token::Str(hi))) =
                            (ops.get(j), ops.get(j + 1))
                        else {
                            j += 1;
                            continue;
                        };
                        j += 2;
                        let target = match ops.get(j) {
                            Some(Token::Str(d)) => {
                                j += 1;
                                Target::From(text_of(d).chars().collect())
                            }
                            Some(Token::Open) => {
                                j += 1;
                                let mut list = Vec::new();
                                while let Some(t) = ops.get(j) {
                                    j += 1;
                                    match t {
                                        Token::Str(d) => list.push(text_of(d)),
                                        Token::Close => break,
                                        _ => list.push(String::new()),
                                    }
                                }
                                Target::Each(list)
                            }
                            _ => continue,
                        };
                        if let (Some(lo), Some(hi)) = (code_of(lo), code_of(hi)) {
                            if lo.0 == hi.0 && lo.1 <= hi.1 {
                                cmap.ranges.push((lo.0, lo.1, hi.1, target));
                                entries += 1;
                            }
                        }
                    }
                }
                "begincidchar" => {
                    let ops = section(&mut i, "endcidchar");
                    for pair in ops.chunks(2) {
                        if entries >= MAX_ENTRIES {
                            break;
                        }
                        if let [Token::Str(src), Token::Int(cid)] = pair {
                            if let (Some(code), Ok(cid)) = (code_of(src), u32::try_from(*cid)) {
                                cmap.cids.insert(code, cid);
                                entries += 1;
                            }
                        }
                    }
                }
                "begincidrange" => {
                    let ops = section(&mut i, "endcidrange");
                    for triple in ops.chunks(3) {
                        if entries >= MAX_ENTRIES {
                            break;
                        }
                        if let [Token::Str(lo), Token::Str(hi), Token::Int(cid)] = triple {
                            if let (Some(lo), Some(hi), Ok(cid)) =
                                (code_of(lo), code_of(hi), u32::try_from(*cid))
                            {
                                if lo.0 == hi.0 && lo.1 <= hi.1 {
                                    cmap.cid_ranges.push((lo.0, lo.1, hi.1, cid));
                                    entries += 1;
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        cmap.ranges.sort_by_key(|r| (r.0, r.1));
        cmap.cid_ranges.sort_by_key(|r| (r.0, r.1));
        cmap
    }

    /// Whether the map gives text for any code.
    pub(super) fn has_text(&self) -> bool {
        !self.chars.is_empty() || !self.ranges.is_empty()
    }

    /// Whether the map gives CIDs for any code.
    pub(super) fn has_cids(&self) -> bool {
        !self.cids.is_empty() || !self.cid_ranges.is_empty()
    }

    /// The text of a code of `len` bytes, if the map has it.
    pub(super) fn text(&self, len: u8, code: u32) -> Option<String> {
        if let Some(t) = self.chars.get(&(len, code)) {
            return Some(t.clone());
        }
        let i = self.ranges.partition_point(|r| (r.0, r.1) <= (len, code));
        // Ranges may overlap: look back a few for one that holds the code.
        for r in self.ranges[..i].iter().rev().take(8) {
            if r.0 != len {
                break;
            }
            if code > r.2 {
                continue;
            }
            let offset = code - r.1;
            return match &r.3 {
                Target::From(chars) => {
                    let (last, head) = chars.split_last()?;
                    let c = char::from_u32(u32::from(*last).checked_add(offset)?)?;
                    Some(head.iter().chain(std::iter::once(&c)).collect())
                }
                Target::Each(list) => list.get(offset as usize).cloned(),
            };
        }
        None
    }

    /// The CID of a code of `len` bytes, if the map has it.
    pub(super) fn cid(&self, len: u8, code: u32) -> Option<u32> {
        if let Some(c) = self.cids.get(&(len, code)) {
            return Some(*c);
        }
        let i = self
            .cid_ranges
            .partition_point(|r| (r.0, r.1) <= (len, code));
        self.cid_ranges[..i]
            .iter()
            .rev()
            .take(8)
            .take_while(|r| r.0 == len)
            .find(|r| code <= r.2)
            .and_then(|r| r.3.checked_add(code - r.1))
    }

    /// How many bytes the code starting `bytes` has, by the codespace ranges; `None` where
    /// none holds it.
    pub(super) fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        (1..=4usize).find(|&n| {
            bytes.len() >= n
                && self.codespace.iter().any(|(lo, hi)| {
                    lo.len() == n && (0..n).all(|k| lo[k] <= bytes[k] && bytes[k] <= hi[k])
                })
        })
    }
}

/// The text of a glyph name: `uniXXXX`, `uXXXX`…, or a name of the Adobe Glyph List that
/// PDF fonts use for Latin text.
pub(super) fn glyph_text(name: &str) -> Option<String> {
    let name = name.split('.').next().unwrap_or(name);
    if let Some(hex) = name.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let units: Vec<u16> = hex
                .as_bytes()
                .chunks(4)
                .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
                .collect();
            let s: String = char::decode_utf16(units).filter_map(Result::ok).collect();
            return (!s.is_empty()).then_some(s);
        }
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return u32::from_str_radix(hex, 16)
                .ok()
                .and_then(char::from_u32)
                .map(String::from);
        }
    }
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_ascii_alphabetic() {
            return Some(c.to_string());
        }
    }
    let c = match name {
        "space" | "nbspace" => ' ',
        "exclam" => '!',
        "quotedbl" => '"',
        "numbersign" => '#',
        "dollar" => '$',
        "percent" => '%',
        "ampersand" => '&',
        "quotesingle" => '\'',
        "quoteright" => '’',
        "quoteleft" => '‘',
        "parenleft" => '(',
        "parenright" => ')',
        "asterisk" => '*',
        "plus" => '+',
        "comma" => ',',
        "hyphen" | "minus" => '-',
        "period" => '.',
        "slash" => '/',
        "zero" => '0',
        "one" => '1',
        "two" => '2',
        "three" => '3',
        "four" => '4',
        "five" => '5',
        "six" => '6',
        "seven" => '7',
        "eight" => '8',
        "nine" => '9',
        "colon" => ':',
        "semicolon" => ';',
        "less" => '<',
        "equal" => '=',
        "greater" => '>',
        "question" => '?',
        "at" => '@',
        "bracketleft" => '[',
        "backslash" => '\\',
        "bracketright" => ']',
        "asciicircum" => '^',
        "underscore" => '_',
        "grave" => '`',
        "braceleft" => '{',
        "bar" => '|',
        "braceright" => '}',
        "asciitilde" => '~',
        "percentmille" | "perthousand" => '‰',
        "degree" => '°',
        "multiply" => '×',
        "divide" => '÷',
        "plusminus" => '±',
        "lessequal" => '≤',
        "greaterequal" => '≥',
        "endash" => '–',
        "emdash" => '—',
        "quotedblleft" => '“',
        "quotedblright" => '”',
        "bullet" => '•',
        "ellipsis" => '…',
        "periodcentered" | "middot" => '·',
        "section" => '§',
        "yen" => '¥',
        "sterling" => '£',
        "cent" => '¢',
        "copyright" => '©',
        "registered" => '®',
        "trademark" => '™',
        "mu" | "mu1" => 'µ',
        _ => return None,
    };
    Some(c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bfchar_bfrange_and_codespace() {
        let cmap = CMap::parse(
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
              1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0010> <4E00> endbfchar\n\
              2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<6B21> <D835DC00>] endbfrange\n\
              endcmap",
        );
        assert_eq!(cmap.code_len(&[0, 3]), Some(2));
        assert_eq!(cmap.code_len(&[0]), None);
        assert_eq!(cmap.text(2, 3).as_deref(), Some(" "));
        assert_eq!(cmap.text(2, 0x10).as_deref(), Some("一"));
        assert_eq!(cmap.text(2, 0x22).as_deref(), Some("C"));
        assert_eq!(cmap.text(2, 0x31).as_deref(), Some("𝐀"));
        assert_eq!(cmap.text(2, 0x23), None);
        assert_eq!(cmap.text(1, 0x10), None);
    }

    #[test]
    fn cid_ranges_and_usecmap() {
        let cmap = CMap::parse(
            b"/Identity-H usecmap 1 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange\n\
              1 begincidrange <8140> <817E> 100 endcidrange 1 begincidchar <41> 34 endcidchar",
        );
        assert_eq!(cmap.uses.as_deref(), Some("Identity-H"));
        assert_eq!(cmap.code_len(&[0x41, 0x81]), Some(1));
        assert_eq!(cmap.code_len(&[0x81, 0x41]), Some(2));
        assert_eq!(cmap.cid(2, 0x8142), Some(102));
        assert_eq!(cmap.cid(1, 0x41), Some(34));
    }

    #[test]
    fn junk_parses_to_nothing() {
        for junk in [
            &b"beginbfrange <00> endbfrange"[..],
            b"<<<<(((\\",
            b"beginbfchar <0001",
            b"1 beginbfrange <00> <05> [<41> endbfrange",
            b"begincidrange <0000> <FFFF> -5 endcidrange",
        ] {
            let cmap = CMap::parse(junk);
            let _ = cmap.text(1, 0);
            let _ = cmap.cid(2, 0);
        }
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_text("uni4E00").as_deref(), Some("一"));
        assert_eq!(glyph_text("u1D400").as_deref(), Some("𝐀"));
        assert_eq!(glyph_text("two").as_deref(), Some("2"));
        assert_eq!(glyph_text("a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_text("g41D6"), None);
    }
}
