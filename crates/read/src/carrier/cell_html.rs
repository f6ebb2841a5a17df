//! HTML fragments inside table cells (`<p>目标1: …</p>`, `<ol> 1. … 2. … `), as published
//! portals export them: often unclosed, with list items numbered in text instead of `<li>`.
//!
//! A scan for six tags, not an HTML parser: an HTML5 parser would put the unclosed `<ol>`'s
//! numbered text into one item and cost 31 crates (`html5ever`, see `jixiao-carriers`'s
//! `html.rs` for the measurement). [`decode_entities`] is the one entity decoder of jixiao.

/// A piece of a cell's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fragment {
    /// A paragraph (`<p>` or loose text).
    Paragraph(String),
    /// A list item (`<li>`, or `N. ` numbered text inside a list).
    Item(String),
}

/// True when the cell holds HTML markup worth parsing.
pub fn has_markup(s: &str) -> bool {
    ["<p", "<ol", "<ul", "<li", "<br", "<div"]
        .iter()
        .any(|t| s.contains(t))
}

/// Splits a cell's HTML into paragraphs and list items, in order.
pub fn fragments(html: &str) -> Vec<Fragment> {
    let mut out = Vec::new();
    let (mut in_p, mut in_li, mut in_list) = (false, false, false);
    let mut rest = html;
    let mut text = String::new();
    let flush =
        |text: &mut String, in_p: bool, in_li: bool, in_list: bool, out: &mut Vec<Fragment>| {
            let t = decode_entities(text.trim());
            text.clear();
            if t.is_empty() {
                return;
            }
            if in_li {
                out.push(Fragment::Item(t));
            } else if in_p || !in_list {
                out.push(Fragment::Paragraph(t));
            } else {
                out.extend(split_numbered(&t).into_iter().map(Fragment::Item));
            }
        };
    while !rest.is_empty() {
        match rest.find('<') {
            None => {
                text.push_str(rest);
                rest = "";
            }
            Some(i) => {
                text.push_str(&rest[..i]);
                let after = &rest[i..];
                let starts_tag =
                    after[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/');
                let Some(end) = after.find('>').filter(|_| starts_tag) else {
                    // Not a tag (`<2次`): keep the `<` as text.
                    text.push('<');
                    rest = &after[1..];
                    continue;
                };
                let tag = after[1..end].trim().to_ascii_lowercase();
                let name: String = tag
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                let closing = tag.starts_with('/');
                if matches!(name.as_str(), "p" | "li" | "ol" | "ul" | "br" | "div") {
                    flush(&mut text, in_p, in_li, in_list, &mut out);
                    match (name.as_str(), closing) {
                        ("p" | "div", c) => in_p = !c,
                        ("li", c) => in_li = !c,
                        ("ol" | "ul", c) => {
                            in_list = !c;
                            in_p = false;
                        }
                        _ => {}
                    }
                }
                rest = &after[end + 1..];
            }
        }
    }
    flush(&mut text, in_p, in_li, in_list, &mut out);
    out
}

/// Named and numeric character references (the ones published tables use: `&ge;`, `&nbsp;`,
/// `&ldquo;`, `&#8805;`); unknown ones stay as printed. The one decoder of both HTML readers
/// (cells here, whole pages in `jixiao-carriers`).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &after[..e];
            let named = match ent {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
                "ge" => '≥',
                "le" => '≤',
                "ne" => '≠',
                "times" => '×',
                "divide" => '÷',
                "plusmn" => '±',
                "middot" => '·',
                "ldquo" => '“',
                "rdquo" => '”',
                "lsquo" => '‘',
                "rsquo" => '’',
                "mdash" => '—',
                "ndash" => '–',
                "hellip" => '…',
                "permil" => '‰',
                "yen" => '¥',
                _ => {
                    return ent
                        .strip_prefix('#')
                        .and_then(|n| {
                            n.strip_prefix(['x', 'X'])
                                .map_or_else(|| n.parse().ok(), |h| u32::from_str_radix(h, 16).ok())
                        })
                        .and_then(char::from_u32)
                        .map(|c| (c, e));
                }
            };
            Some((named, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Finds `N.` / `N、` at `pos` (`num` is N written out) preceded by white space (or the
/// start) and followed by white space or a non-digit: a list enumerator, not a decimal like
/// `3.2`.
fn marker_len(s: &str, pos: usize, num: &str) -> Option<usize> {
    if pos > 0 && !s[..pos].ends_with(char::is_whitespace) {
        return None;
    }
    let rest = s[pos..].strip_prefix(num)?;
    let sep = rest.chars().next()?;
    if !matches!(sep, '.' | '、' | '．') {
        return None;
    }
    let after = &rest[sep.len_utf8()..];
    match after.chars().next() {
        Some(c) if c.is_ascii_digit() => None,
        _ => Some(num.len() + sep.len_utf8()),
    }
}

/// Splits `1. 甲 50次 2. 乙 ≥2次` into `["甲 50次", "乙 ≥2次"]` following the numbering.
pub fn split_numbered(text: &str) -> Vec<String> {
    // The numbering may start anywhere (`3. 甲 4. 乙` continues a list split over paragraphs).
    let digits: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
    let Some((first_n, first)) = digits
        .parse::<usize>()
        .ok()
        .and_then(|n| marker_len(text, 0, &digits).map(|l| (n, l)))
    else {
        return vec![text.to_string()];
    };
    let mut items = Vec::new();
    let mut start = first;
    let mut next = (first_n + 1).to_string();
    let first_digit = |n: &str| n.as_bytes()[0];
    // Only positions holding the next number's first digit can start the next item.
    let mut pos = start;
    while let Some(off) = text.as_bytes()[pos..]
        .iter()
        .position(|b| *b == first_digit(&next))
    {
        pos += off;
        if let Some(len) = marker_len(text, pos, &next) {
            items.push(text[start..pos].trim().to_string());
            start = pos + len;
            pos = start;
            next = (next.parse::<usize>().unwrap_or(0) + 1).to_string();
        } else {
            pos += 1;
        }
    }
    items.push(text[start..].trim().to_string());
    items.retain(|s| !s.is_empty());
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use Fragment::*;

    #[test]
    fn portal_cell() {
        let html = r#"<p>一、产出指标</p> <p>(一) 数量指标:</p> <ol style="list-style-type: none"> 1. 企业安全检查 50次 2. 第三方专家咨询和检查 ≥2次 <p>(二) 质量指标</p> <ol> 1. 农村住房保险补贴户数 3.2 万户 2. 成本 ≤ 0.7万元;"#;
        assert_eq!(
            fragments(html),
            vec![
                Paragraph("一、产出指标".into()),
                Paragraph("(一) 数量指标:".into()),
                Item("企业安全检查 50次".into()),
                Item("第三方专家咨询和检查 ≥2次".into()),
                Paragraph("(二) 质量指标".into()),
                Item("农村住房保险补贴户数 3.2 万户".into()),
                Item("成本 ≤ 0.7万元;".into()),
            ]
        );
    }

    #[test]
    fn li_tags_and_entities() {
        assert_eq!(
            fragments("<ul><li>甲 &ge;1</li><li>乙 &lt;2次 &amp; 丙 &unknown;</li></ul>"),
            vec![Item("甲 ≥1".into()), Item("乙 <2次 & 丙 &unknown;".into())]
        );
        assert_eq!(
            split_numbered("3. 消防培训次数 ≥50次 4. 消防监督检查 ≥150次"),
            vec!["消防培训次数 ≥50次", "消防监督检查 ≥150次"]
        );
        assert_eq!(
            fragments("<p>目标1: 甲</p> <p>目标2: 乙</p>"),
            vec![Paragraph("目标1: 甲".into()), Paragraph("目标2: 乙".into())]
        );
        assert_eq!(
            fragments("<p>未闭合 <2次"),
            vec![Paragraph("未闭合 <2次".into())]
        );
    }
}
