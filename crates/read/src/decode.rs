//! Turning bytes into text: UTF-8 (with or without BOM), UTF-16 (LE/BE) or GB18030/GBK.

use std::borrow::Cow;

/// Which encoding the bytes were in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

/// Decodes document bytes, detecting the encoding. `None` when the bytes are no text in any
/// of the supported encodings (binary data).
pub fn decode(bytes: &[u8]) -> Option<(Cow<'_, str>, Encoding)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest).map(|s| (Cow::Borrowed(s), Encoding::Utf8));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, encoding_rs::UTF_16LE).map(|s| (s, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, encoding_rs::UTF_16BE).map(|s| (s, Encoding::Utf16Be));
    }
    if let Some(guess) = guess_utf16(bytes) {
        let enc = if guess == Encoding::Utf16Le {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        if let Some(s) = utf16(bytes, enc) {
            return Some((s, guess));
        }
    }
    if let Some(s) = utf8(bytes) {
        return (!looks_binary(s)).then_some((Cow::Borrowed(s), Encoding::Utf8));
    }
    let (s, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors || looks_binary(&s) {
        return None;
    }
    Some((s, Encoding::Gb18030))
}

/// UTF-8 validation with SIMD: CJK text defeats std's ASCII fast path, and validating is a
/// visible share of reading.
fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

fn utf16<'a>(bytes: &'a [u8], enc: &'static encoding_rs::Encoding) -> Option<Cow<'a, str>> {
    let (s, had_errors) = enc.decode_without_bom_handling(bytes);
    (!had_errors && !looks_binary(&s)).then(|| Cow::Owned(s.into_owned()))
}

/// UTF-16 without BOM: each ASCII character (newline, tab, digit) is a byte pair with one
/// NUL, on the low side for LE and the high side for BE. CJK characters such as 一 (U+4E00)
/// also contain a NUL, so the side with clearly more ASCII-looking pairs wins. Judged on the
/// first 4 KiB.
fn guess_utf16(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let ascii = |b: u8| b == b'\t' || b == b'\n' || b == b'\r' || (0x20..0x7f).contains(&b);
    let (mut le, mut be) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if pair[1] == 0 && ascii(pair[0]) {
            le += 1;
        }
        if pair[0] == 0 && ascii(pair[1]) {
            be += 1;
        }
    }
    let pairs = sample.len() / 2;
    if le * 50 > pairs && le > 2 * be {
        Some(Encoding::Utf16Le)
    } else if be * 50 > pairs && be > 2 * le {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Control characters other than tab/newline/CR/form feed mean binary data. Judged on
/// the first 16 KiB of bytes (UTF-8 continuation bytes are never control characters).
fn looks_binary(s: &str) -> bool {
    let sample = &s.as_bytes()[..s.len().min(16 * 1024)];
    let controls = sample
        .iter()
        .filter(|b| (**b < 0x20 && !matches!(**b, b'\t' | b'\n' | b'\r' | 0x0c)) || **b == 0x7f)
        .count();
    controls * 100 > sample.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "项目名称\t\"双控\"机制建设\n预算数\t5.00\n";

    #[test]
    fn encodings_round_trip() {
        let utf8 = TEXT.as_bytes().to_vec();
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(TEXT.as_bytes());
        let (gbk, _, _) = encoding_rs::GB18030.encode(TEXT);
        let le: Vec<u8> = TEXT.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let mut le_bom = vec![0xFF, 0xFE];
        le_bom.extend_from_slice(&le);
        let be: Vec<u8> = TEXT.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let mut be_bom = vec![0xFE, 0xFF];
        be_bom.extend_from_slice(&be);
        for (bytes, want) in [
            (utf8, Encoding::Utf8),
            (bom, Encoding::Utf8),
            (gbk.into_owned(), Encoding::Gb18030),
            (le_bom, Encoding::Utf16Le),
            (be_bom, Encoding::Utf16Be),
            (le, Encoding::Utf16Le),
            (be, Encoding::Utf16Be),
        ] {
            let (text, enc) = decode(&bytes).expect("decodes");
            assert_eq!(text, TEXT);
            assert_eq!(enc, want);
        }
    }

    #[test]
    fn binary_is_rejected() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 256) as u8).collect();
        assert!(decode(&bytes).is_none());
        assert!(decode(b"PK\x03\x04\x00\x00\x00\x01\x02\x03\x04\x05").is_none());
    }
}
