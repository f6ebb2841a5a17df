//! Figures in prose: amounts with their unit (`861.04万元`, `170.62 万元`, `861.04万`),
//! percentages (`占34.50%`) and the words for “no change” (`较上年无变化`), each with the
//! text before it that says what it is.

use std::str::FromStr;

use jixiao_model::{Decimal, Money};

/// Something a sentence states.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token {
    /// An amount, converted to 万元.
    Amount(Money),
    /// A percentage (34.50 for `34.50%`).
    Percent(Decimal),
    /// `无变化`, `持平`: a change of zero.
    NoChange,
}

/// A token with where it sits in its paragraph.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mention {
    pub token: Token,
    /// The words as printed (`861.04万元`).
    pub printed: String,
    /// The clause before the token, from the last punctuation mark: what the figure is.
    pub label: String,
}

const NO_CHANGE: [&str; 5] = ["无变化", "没有变化", "未发生变化", "持平", "不变"];

/// Punctuation that ends a clause: a label never reaches back over it.
fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '。' | '：' | ':' | '、' | '！' | '？' | '\n'
    )
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// Reads every amount, percentage and no-change phrase of a paragraph, in order.
pub(crate) fn scan(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut last_end = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        if let Some(word) = NO_CHANGE.iter().find(|w| text[i..].starts_with(*w)) {
            let end = i + word.len();
            out.push(Mention {
                token: Token::NoChange,
                printed: clause_before(text, end).to_string(),
                label: label(&text[last_end..i]),
            });
            last_end = end;
            i = end;
            continue;
        }
        let starts_number =
            bytes[i].is_ascii_digit() && (i == 0 || !matches!(bytes[i - 1], b'0'..=b'9' | b'.'));
        if starts_number {
            if let Some((token, end)) = number_at(text, i) {
                out.push(Mention {
                    token,
                    printed: text[i..end].to_string(),
                    label: label(&text[last_end..i]),
                });
                last_end = end;
                i = end;
                continue;
            }
            // a number without unit (a year, a count): step over all of it
            while i < text.len() && matches!(bytes[i], b'0'..=b'9' | b'.' | b',') {
                i += 1;
            }
            continue;
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// The clause ending at `end` (for quoting `较上年无变化`).
fn clause_before(text: &str, end: usize) -> &str {
    let start = text[..end]
        .char_indices()
        .rev()
        .find(|(_, c)| is_clause_break(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    text[start..end].trim()
}

/// The words that say what a figure is: the text since the last clause break.
fn label(before: &str) -> String {
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| is_clause_break(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    before[start..].chars().filter(|c| !is_space(*c)).collect()
}

/// A number at `start` followed by a money unit or a percent sign.
fn number_at(text: &str, start: usize) -> Option<(Token, usize)> {
    let bytes = text.as_bytes();
    let mut end = start;
    while end < text.len() && (bytes[end].is_ascii_digit() || bytes[end] == b',') {
        end += 1;
    }
    if end + 1 < text.len() && bytes[end] == b'.' && bytes[end + 1].is_ascii_digit() {
        end += 1;
        while end < text.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
    }
    let digits: String = text[start..end].chars().filter(|c| *c != ',').collect();
    let value = bounded(Decimal::from_str(&digits).ok()?)?;
    let rest = &text[end..];
    let gap = rest.len() - rest.trim_start_matches(is_space).len();
    let unit_text = &rest[gap..];
    let (token, unit_len) = if unit_text.starts_with("万元") {
        (Token::Amount(Money(value)), "万元".len())
    } else if unit_text.starts_with("亿元") {
        (
            Token::Amount(Money((value * Decimal::from(10_000)).normalize())),
            "亿元".len(),
        )
    } else if unit_text.starts_with('万') && !followed_by_word(&unit_text["万".len()..]) {
        (Token::Amount(Money(value)), "万".len())
    } else if unit_text.starts_with('元') {
        (
            Token::Amount(Money((value / Decimal::from(10_000)).normalize())),
            "元".len(),
        )
    } else if unit_text.starts_with('%') || unit_text.starts_with('％') {
        let len = unit_text.chars().next().map_or(1, char::len_utf8);
        (Token::Percent(value), len)
    } else {
        return None;
    };
    Some((token, end + gap + unit_len))
}

/// `万人` is a count of people, `万,` an amount.
fn followed_by_word(rest: &str) -> bool {
    rest.chars().next().is_some_and(jixiao_model::text::is_cjk)
}

/// A printed decimal as it stands (`0.50` keeps its two places); `None` unless the whole
/// text is a number.
pub(crate) fn decimal(printed: &str) -> Option<Decimal> {
    let t: String = printed
        .chars()
        .filter(|c| !is_space(*c) && *c != ',')
        .collect();
    if t.is_empty()
        || !t
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        return None;
    }
    Decimal::from_str(&t).ok().and_then(bounded)
}

/// The largest figure read (10¹² of a unit) and the most places (6): beyond them a
/// “number” is an artefact, and keeping to them lets every later sum, product and share be
/// computed without overflow.
fn bounded(d: Decimal) -> Option<Decimal> {
    (d.abs() <= Decimal::from(1_000_000_000_000_i64) && d.scale() <= 6).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<String> {
        scan(text)
            .into_iter()
            .map(|m| match m.token {
                Token::Amount(v) => format!("{}={}万", m.label, v.0),
                Token::Percent(p) => format!("{}={}%", m.label, p),
                Token::NoChange => format!("{}=无变化", m.label),
            })
            .collect()
    }

    #[test]
    fn amounts_with_their_labels() {
        for (text, want) in [
            (
                "2020年预算收支安排861.04万元，较2019年预算667.25万元，增加了193.79万元，其中：基本支出增加199.18万元",
                vec!["2020年预算收支安排=861.04万", "较2019年预算=667.25万", "增加了=193.79万", "基本支出增加=199.18万"],
            ),
            ("安排政府采购预算合计 170.62 万元，其中一般公共预算拨款 170.62 万元。", vec!["安排政府采购预算合计=170.62万", "其中一般公共预算拨款=170.62万"]),
            ("2020年预算收支安排861.04万,较2019年预算增加193.79万元", vec!["2020年预算收支安排=861.04万", "较2019年预算增加=193.79万"]),
            ("- 1、因公出国(境)支出预算0万元,较上年无变化。", vec!["因公出国(境)支出预算=0万", "较上年=无变化"]),
            ("交通运输25.72万元，占34.50%；", vec!["交通运输=25.72万", "占=34.50%"]),
            ("接待3000元", vec!["接待=0.3万"]),
            ("2019年12月31日共5万人次", vec![]),
            ("1,234.5万元", vec!["=1234.5万"]),
        ] {
            assert_eq!(show(text), want, "{text}");
        }
    }

    #[test]
    fn precision_is_kept() {
        let m = scan("金额0.50万元");
        assert_eq!(m[0].token, Token::Amount(Money(Decimal::new(50, 2))));
        assert_eq!(m[0].printed, "0.50万元");
        assert_eq!(decimal(" 34.50 "), Some(Decimal::new(3450, 2)));
        assert_eq!(decimal("箱"), None);
        assert_eq!(decimal(""), None);
        assert_eq!(decimal("79228162514264337593543950335"), None);
        assert_eq!(decimal("0.0000001"), None);
        assert!(scan("99999999999999999999万元").is_empty());
    }
}
