//! Small text helpers shared by readers, review, the record view and the HTML writers.

/// Escapes text for HTML element content and quoted attribute values (`&`, `<`, `>`, `"`,
/// `'`): the one escape of every HTML jixiao writes by hand (the rules' report, the table
/// writer, the server's fragments); templates escape by themselves.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}'
}

/// Removes all white space, including U+3000 and NBSP: the comparison form of printed text.
pub fn squeeze(s: &str) -> String {
    squeezed(s).into_owned()
}

/// Fast test for white space on the UTF-8 bytes: ASCII space characters, and the few
/// multi-byte sequences of Unicode spaces (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
/// U+2029, U+202F, U+205F, U+3000). CJK text is scanned without decoding characters.
fn has_space(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => return true,
            0xC2 if matches!(b.get(i + 1), Some(0x85 | 0xA0)) => return true,
            0xE1 if b.get(i + 1) == Some(&0x9A) && b.get(i + 2) == Some(&0x80) => return true,
            0xE2 => match (b.get(i + 1), b.get(i + 2)) {
                (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) | (Some(0x81), Some(0x9F)) => {
                    return true
                }
                _ => {}
            },
            0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

/// [`squeeze`] without allocating when there is no white space (most cells): for hot paths.
pub fn squeezed(s: &str) -> std::borrow::Cow<'_, str> {
    if has_space(s) {
        std::borrow::Cow::Owned(s.chars().filter(|c| !is_space(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Trims white space including the ideographic space.
pub fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}'
    })
}

/// Strips a leading list enumerator: `一、`, `（一）`, `(三)`, `1、`, `1.`, `2)`, `- `.
/// Returns the rest (trimmed) and whether anything was stripped.
pub fn strip_enumerator(s: &str) -> (&str, bool) {
    let t = trim(s);
    let t2 = t.trim_start_matches(['-', '•', '·', '*']).trim_start();
    if t2.len() != t.len() {
        return (t2, true);
    }
    let mut chars = t.char_indices().peekable();
    // (一) / （一） / (1)
    if let Some(&(_, c)) = chars.peek() {
        if c == '(' || c == '（' {
            let rest = &t[c.len_utf8()..];
            if let Some(end) = rest.find([')', '）']) {
                let inner = &rest[..end];
                if !inner.is_empty() && inner.chars().count() <= 3 && inner.chars().all(is_numeral)
                {
                    let close = rest[end..].chars().next().unwrap().len_utf8();
                    let after = &rest[end + close..];
                    let after = after.trim_start_matches(['、', '.', '．', ':', '：', ',', '，']);
                    return (trim(after), true);
                }
            }
            return (t, false);
        }
    }
    let numeral_end = t
        .char_indices()
        .find(|(_, c)| !is_numeral(*c))
        .map(|(i, _)| i)
        .unwrap_or(t.len());
    if numeral_end > 0 && numeral_end < t.len() {
        let rest = &t[numeral_end..];
        let sep = rest.chars().next().unwrap();
        if matches!(sep, '、' | '.' | '．' | ')' | '）') {
            // "1.2万" is a number, not an enumerator
            let after = &rest[sep.len_utf8()..];
            if sep == '.' && after.starts_with(|c: char| c.is_ascii_digit()) {
                return (t, false);
            }
            return (trim(after), true);
        }
    }
    (t, false)
}

/// Chinese or Arabic numeral character.
pub fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十百零〇".contains(c)
}

/// True for CJK ideographs.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enumerators() {
        for (input, want, stripped) in [
            ("一、产出指标", "产出指标", true),
            ("(一) 数量指标:", "数量指标:", true),
            ("（三）满意度指标", "满意度指标", true),
            ("1、开展活动", "开展活动", true),
            ("2. 第三方", "第三方", true),
            ("1.2万", "1.2万", false),
            ("产出指标", "产出指标", false),
            ("(五）自然灾害", "自然灾害", true),
            ("", "", false),
            ("(", "(", false),
        ] {
            assert_eq!(strip_enumerator(input), (want, stripped), "{input}");
        }
    }

    #[test]
    fn squeeze_removes_all_space() {
        assert_eq!(squeeze(" 产出\n\n指标\u{3000} "), "产出指标");
        assert_eq!(
            squeeze("a\u{a0}b\u{2003}c\u{205f}d\u{1680}e\u{85}f"),
            "abcdef"
        );
        assert!(matches!(
            squeezed("“双控”机制、建设。"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    proptest::proptest! {
        #[test]
        fn byte_scan_agrees_with_chars(s in "\\PC{0,30}") {
            proptest::prop_assert_eq!(has_space(&s), s.chars().any(is_space));
        }
    }
}
