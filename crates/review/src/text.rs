//! Text analysis shared by the rules: comparison forms, what a name measures (次数, 率, 人数),
//! numbers mentioned in prose (`完成培训2次以上`), years and document numbers (`【2019】`).

use std::borrow::Cow;
use std::str::FromStr;

use jixiao_model::{Decimal, Target, TargetValue};

/// The comparison form of a cell: no white space, no trailing punctuation, ASCII digits and
/// brackets folded (`提高意识。` = `提高意识`).
///
/// Most cells need no folding: those are borrowed, not copied (the review cleans every cell).
pub fn clean(s: &str) -> Cow<'_, str> {
    let plain = !may_need_folding(s) || !s.chars().any(|c| c.is_whitespace() || fold(c) != c);
    if plain {
        return Cow::Borrowed(s.trim_end_matches(TRAILING));
    }
    // `char::is_whitespace` covers the full-width space U+3000 and U+00A0 too.
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().filter(|c| !c.is_whitespace()).map(fold));
    out.truncate(out.trim_end_matches(TRAILING).len());
    Cow::Owned(out)
}

/// Cheap pre-check for [`clean`]: false when `s` has neither white space nor a character
/// [`fold`] changes, judged on bytes (like [`has_digit`]). Those characters are ASCII white
/// space or start with one of the UTF-8 lead bytes C2 (U+0080–), E1 (U+1680), E2 (U+2000–),
/// E3 (U+3000) and EF (full-width forms); Chinese characters (E4–E9) never do.
fn may_need_folding(s: &str) -> bool {
    s.bytes().fold(false, |seen, b| {
        seen | matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF)
    })
}

/// Punctuation [`clean`] drops from the end of a cell.
const TRAILING: [char; 9] = ['。', '；', ';', '，', ',', '、', '.', '：', ':'];

/// True when [`clean`] would leave nothing: only white space and punctuation.
pub fn is_blank(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || TRAILING.contains(&fold(c)))
}

/// Folds full-width digits, brackets and signs to ASCII.
pub fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '（' => '(',
        '）' => ')',
        '％' => '%',
        '．' => '.',
        _ => c,
    }
}

/// What a unit or a name measures. Two targets can only be compared, and a name only agrees
/// with a target, when their measures are [`compatible`](Measure::compatible).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    /// 百分比
    Percent,
    /// 次数（次、场、期……）
    Times,
    /// 人数（人、名）
    Persons,
    /// 人次
    PersonTimes,
    /// 户数
    Households,
    /// 份数（份、册、本）
    Copies,
    /// 个数（个、套、件、台……）
    Items,
    /// 家数（企业）
    Enterprises,
    /// 天数
    Days,
    /// 月数
    Months,
    /// 金额
    Money,
    /// 数量（未指明单位的计数）
    Count,
}

impl Measure {
    pub fn name(self) -> &'static str {
        match self {
            Measure::Percent => "百分比",
            Measure::Times => "次数",
            Measure::Persons => "人数",
            Measure::PersonTimes => "人次",
            Measure::Households => "户数",
            Measure::Copies => "份数",
            Measure::Items => "个数",
            Measure::Enterprises => "家数",
            Measure::Days => "天数",
            Measure::Months => "月数",
            Measure::Money => "金额",
            Measure::Count => "数量",
        }
    }

    /// A unit that suits the measure, for suggested fixes.
    pub fn unit_hint(self) -> &'static str {
        match self {
            Measure::Percent => "%",
            Measure::Times => "次",
            Measure::Persons => "人",
            Measure::PersonTimes => "人次",
            Measure::Households => "户",
            Measure::Copies => "份",
            Measure::Items | Measure::Count => "个",
            Measure::Enterprises => "家",
            Measure::Days => "天",
            Measure::Months => "个月",
            Measure::Money => "万元",
        }
    }

    pub fn compatible(self, other: Measure) -> bool {
        use Measure::*;
        // 数量 says only "a count of something": money (`奖金数量`) included, shares not.
        let countable = |m: Measure| m != Percent;
        self == other
            || (self == Count && countable(other))
            || (other == Count && countable(self))
            || matches!((self, other), (Items, Enterprises) | (Enterprises, Items))
    }
}

/// The measure of a unit word exactly as printed (`次`, `人次`, `万元`).
///
/// A `match` and not a table search: units are looked up several times for every quantitative
/// row, and matching against constant strings costs no call per entry.
fn unit_word_measure(word: &str) -> Option<Measure> {
    use Measure::*;
    Some(match word {
        "%" | "‰" | "百分比" => Percent,
        "人次" => PersonTimes,
        "场次" | "户次" | "批次" | "次" | "场" | "期" | "轮" | "遍" | "届" => Times,
        "人" | "名" | "位" => Persons,
        "户" => Households,
        "份" | "册" | "本" | "篇" => Copies,
        "家" => Enterprises,
        "个月" | "月" => Months,
        "天" | "日" | "工作日" => Days,
        "元" | "万元" | "亿元" | "万" | "亿" => Money,
        "个" | "套" | "件" | "台" | "辆" | "处" | "座" | "项" | "所" | "块" | "条" | "张"
        | "只" | "盏" | "株" | "棵" | "间" | "栋" | "部" | "支" | "队" | "组" => Items,
        _ => return None,
    })
}

/// The measure of a target unit: `次/年` → 次数, `万户` → 户数, `元/户·年` → 金额, `万` → 金额.
pub fn unit_measure(unit: &str) -> Option<Measure> {
    // `人/次`, `人·次` are how forms print 人次 (person-times), not persons per time.
    if matches!(unit.trim(), "人/次" | "人·次" | "人／次") {
        return Some(Measure::PersonTimes);
    }
    let u = unit_without_per(unit);
    let u = u.strip_prefix('每').unwrap_or(u);
    unit_word_measure(u)
        .or_else(|| unit_word_measure(u.trim_start_matches(['万', '千', '百', '亿'])))
}

/// A unit without what it is per: `次/年` → `次`. (A byte search: units are a few bytes, too
/// short for the general `char` search to pay off.)
fn unit_without_per(unit: &str) -> &str {
    match unit.bytes().position(|b| b == b'/') {
        Some(slash) => &unit[..slash],
        None => unit,
    }
}

/// The multiplier of a unit prefix: `万户` → 10000; money units keep 1 (they are compared in
/// 万元 by [`money_in_wan`]).
pub fn unit_multiplier(unit: &str) -> Decimal {
    let u = unit_without_per(unit);
    if unit_measure(u) == Some(Measure::Money) {
        return Decimal::ONE;
    }
    match u.chars().next() {
        Some('万') if u.chars().count() > 1 => Decimal::from(10_000),
        Some('千') if u.chars().count() > 1 => Decimal::from(1_000),
        Some('亿') if u.chars().count() > 1 => Decimal::from(100_000_000),
        _ => Decimal::ONE,
    }
}

/// A money target as an amount in 万元 (`9.2万元` → 9.2, `3000元` → 0.3); `None` for rates
/// (`元/户·年`) and for anything that is not money.
pub fn money_in_wan(t: &Target) -> Option<Decimal> {
    let TargetValue::Quantity {
        value,
        unit: Some(unit),
        ..
    } = &t.value
    else {
        return None;
    };
    match unit.as_str() {
        "万" | "万元" => Some(*value),
        "元" => Some(*value / Decimal::from(10_000)),
        "亿" | "亿元" => Some(*value * Decimal::from(10_000)),
        "千元" => Some(*value / Decimal::from(10)),
        _ => None,
    }
}

/// Name endings and what they say the indicator measures. Longer endings first.
const NAME_ENDINGS: &[(&str, Option<Measure>)] = &[
    ("频率", None),
    ("效率", None),
    ("功率", None),
    ("百分比", Some(Measure::Percent)),
    ("百分率", Some(Measure::Percent)),
    ("比率", Some(Measure::Percent)),
    ("比例", Some(Measure::Percent)),
    ("比重", Some(Measure::Percent)),
    ("率", Some(Measure::Percent)),
    ("人次", Some(Measure::PersonTimes)),
    ("次数", Some(Measure::Times)),
    ("频次", Some(Measure::Times)),
    ("场次", Some(Measure::Times)),
    ("人数", Some(Measure::Persons)),
    ("户数", Some(Measure::Households)),
    ("家数", Some(Measure::Enterprises)),
    ("天数", Some(Measure::Days)),
    ("份数", Some(Measure::Copies)),
    ("个数", Some(Measure::Items)),
    ("件数", Some(Measure::Items)),
    ("数量", Some(Measure::Count)),
    ("总数", Some(Measure::Count)),
];

/// How a name states what it measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// A unit in brackets: `（个）`, `(%)`.
    Bracket,
    /// The noun it ends with: `……次数`, `……率`.
    Ending,
}

/// What a level-3 name or a description says it measures: a bracketed unit (`数量（份）`) or
/// its final noun (`……覆盖率`, `……户数`).
pub fn stated_measure(text: &str) -> Option<(Measure, Evidence)> {
    stated_measure_clean(&clean(text))
}

/// [`stated_measure`] of text already in [`clean`] form (the review's hot path).
/// The unit a bracketed template hint states after its comparison and placeholder
/// (`≥**人次` → `人次`); other bracketed text as it is, normalised.
pub fn hint_unit(inner: &str) -> String {
    jixiao_model::target::without_operator(inner)
        .trim_start_matches(['*', '＊', 'X', 'x'])
        .to_string()
}

pub fn stated_measure_clean(t: &str) -> Option<(Measure, Evidence)> {
    // Bracketed units anywhere: 数量（份）, 覆盖率(%), 比例（百分比）.
    let mut rest = t;
    while let Some(open) = rest.find('(') {
        let inner_start = open + 1;
        let Some(close) = rest[inner_start..].find(')') else {
            break;
        };
        let inner = hint_unit(&rest[inner_start..inner_start + close]);
        if let Some(m) = unit_measure(&inner).filter(|_| !inner.is_empty()) {
            return Some((m, Evidence::Bracket));
        }
        rest = &rest[inner_start + close + 1..];
    }
    // Strip trailing bracket groups (`人数（按年平均）`) and look at the final noun.
    let mut core = t;
    while core.ends_with(')') {
        match core.rfind('(') {
            Some(open) => core = &core[..open],
            None => break,
        }
    }
    NAME_ENDINGS
        .iter()
        .find(|(e, _)| core.ends_with(e))
        .and_then(|(_, m)| m.map(|m| (m, Evidence::Ending)))
}

/// True when the name is about satisfaction (`满意度`, `满意率`, `满意程度`).
pub fn is_satisfaction_name(text: &str) -> bool {
    is_satisfaction_name_clean(&clean(text))
}

/// [`is_satisfaction_name`] of text already in [`clean`] form.
pub fn is_satisfaction_name_clean(t: &str) -> bool {
    let t = t.trim_end_matches([')', '%', '(']);
    t.ends_with("满意度") || t.ends_with("满意率") || t.ends_with("满意程度")
}

/// A number with a unit mentioned in prose: `完成培训2次以上`, `5万余份`, `96%`.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The value with its 万/千 multiplier applied (`2万户` → 20000).
    pub value: Decimal,
    pub measure: Measure,
    /// `以上`, `余`, `至少`, `不少于`: a floor rather than an exact number.
    pub at_least: bool,
    /// The mention as printed (`2次以上`).
    pub printed: String,
    /// Byte range of the mention in the text it was found in.
    pub start: usize,
    pub end: usize,
}

const MENTION_UNITS: &[&str] = &[
    "场次", "人次", "户次", "个月", "万元", "次", "场", "人", "名", "户", "份", "家", "个", "项",
    "期", "天", "辆", "台", "套", "件", "所", "处", "%",
];

/// Finds numbers with units in prose. Years, dates, enumerators and bare numbers are skipped.
pub fn mentions(text: &str) -> Vec<Mention> {
    if !has_digit(text) {
        return Vec::new();
    }
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(text.len());
    chars.extend(text.char_indices().map(|(i, c)| (i, fold(c))));
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
        if !c.is_ascii_digit()
            || prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.' || p == '-' || p == '·')
        {
            i += 1;
            continue;
        }
        // The number (parsed below, once a unit shows it is a quantity).
        let mut j = i;
        let mut decimal_point = false;
        while j < chars.len()
            && (chars[j].1.is_ascii_digit()
                || (chars[j].1 == '.'
                    && !decimal_point
                    && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit())))
        {
            decimal_point |= chars[j].1 == '.';
            j += 1;
        }
        let mut k = j;
        let skip_space = |k: &mut usize| {
            while *k < chars.len() && (chars[*k].1.is_whitespace() || chars[*k].1 == '\u{3000}') {
                *k += 1;
            }
        };
        skip_space(&mut k);
        let mut at_least = false;
        let mut multiplier = Decimal::ONE;
        for _ in 0..2 {
            match chars.get(k).map(|c| c.1) {
                Some('余') | Some('多') => {
                    at_least = true;
                    k += 1;
                }
                Some('万') if !starts_with_at(&chars, k, "万元") => {
                    multiplier = Decimal::from(10_000);
                    k += 1;
                }
                _ => {}
            }
        }
        skip_space(&mut k);
        let unit = MENTION_UNITS.iter().find(|u| starts_with_at(&chars, k, u));
        let Some(unit) = unit else {
            i = j;
            continue;
        };
        let after_unit = k + unit.chars().count();
        // `12月`, `2019年`: dates, not quantities (年/月 are not in MENTION_UNITS anyway).
        let Some(measure) = unit_measure(unit) else {
            i = j;
            continue;
        };
        let digits: String = chars[i..j].iter().map(|c| c.1).collect();
        let Ok(mut value) = Decimal::from_str(&digits) else {
            i = j;
            continue;
        };
        if measure != Measure::Money {
            value *= multiplier;
        }
        let mut end_k = after_unit;
        for q in ["及以上", "以上"] {
            if starts_with_at(&chars, end_k, q) {
                at_least = true;
                end_k += q.chars().count();
            }
        }
        let before = &chars[i.saturating_sub(6)..i];
        if ["至少", "不少于", "不低于", "超过"]
            .iter()
            .any(|w| (0..before.len()).any(|k| starts_with_at(before, k, w)))
        {
            at_least = true;
        }
        let end = chars.get(end_k).map_or(text.len(), |c| c.0);
        out.push(Mention {
            value,
            measure,
            at_least,
            printed: text[start..end].trim().to_string(),
            start,
            end,
        });
        i = end_k.max(j);
    }
    out
}

/// Cheap pre-check: ASCII or full-width digits anywhere.
///
/// Every cell goes through it several times and most have no digit, so it reads bytes, not
/// chars, and without stopping early: cells are short, and a scan to the end compiles to
/// vector instructions.
fn has_digit(text: &str) -> bool {
    let bytes = text.as_bytes();
    let any_byte = |test: fn(u8) -> bool| bytes.iter().fold(false, |seen, &b| seen | test(b));
    // Full-width digits ０–９ are U+FF10–U+FF19, which UTF-8 starts with the byte EF.
    any_byte(|b| b.is_ascii_digit())
        || (any_byte(|b| b == 0xEF) && text.chars().any(|c| ('０'..='９').contains(&c)))
}

fn starts_with_at(chars: &[(usize, char)], k: usize, word: &str) -> bool {
    let mut idx = k;
    for w in word.chars() {
        match chars.get(idx) {
            Some((_, c)) if *c == w => idx += 1,
            _ => return false,
        }
    }
    true
}

/// A target's value scaled by its unit prefix (`3.2万户` → 32000) and its measure.
pub fn target_amount(t: &Target) -> Option<(Decimal, Measure)> {
    let TargetValue::Quantity { value, unit, .. } = &t.value else {
        return None;
    };
    let unit = unit.as_deref()?;
    let m = unit_measure(unit)?;
    Some((*value * unit_multiplier(unit), m))
}

/// Years written as `2019年` / `2019 年底` (not inside document-number brackets), with the
/// words around them for quoting. Comparisons (`较2019年`, `低于2019年`) are left out.
pub fn years(text: &str) -> Vec<(i32, String)> {
    if !has_digit(text) {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().map(fold).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= chars.len() {
        let is_year = chars[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if !is_year {
            i += 1;
            continue;
        }
        let mut k = i + 4;
        while chars.get(k).is_some_and(|c| *c == ' ' || *c == '\u{3000}') {
            k += 1;
        }
        let prev = if i > 0 { chars[i - 1] } else { ' ' };
        let comparison = i > 0 && ['较', '比', '于', '同', '(', '[', '【', '〔'].contains(&prev);
        // `结转2024年…资金`: money carried over from that year, said on purpose.
        let carried = i >= 2 && chars[i - 2..i] == ['结', '转'];
        let comparison = comparison || carried;
        if chars.get(k) == Some(&'年') && !comparison {
            let y = chars[i..i + 4]
                .iter()
                .fold(0, |y, c| y * 10 + c.to_digit(10).unwrap_or(0) as i32);
            if (1990..=2100).contains(&y) {
                // Quote up to the end of the clause, at most eight characters after 年.
                let mut end = k + 1;
                while end < chars.len()
                    && end < k + 9
                    && !matches!(chars[end], '，' | ',' | '。' | '；' | ';' | '、')
                {
                    end += 1;
                }
                out.push((y, chars[i..end].iter().collect()));
            }
        }
        i += 4;
    }
    out
}

/// A document number such as `临汛字【20196】4号`: the bracketed year digits and the number as
/// printed (with up to six characters of the issuer before it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocNumber {
    pub printed: String,
    pub year_digits: String,
}

pub fn doc_numbers(text: &str) -> Vec<DocNumber> {
    if !may_have_doc_number(text) {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_opening_bracket(chars[i]) {
            i += 1;
            continue;
        }
        let mut k = i + 1;
        let mut digits = String::new();
        while k < chars.len() && (fold(chars[k]).is_ascii_digit() || chars[k] == ' ') {
            if chars[k] != ' ' {
                digits.push(fold(chars[k]));
            }
            k += 1;
        }
        let closes = chars
            .get(k)
            .is_some_and(|c| matches!(c, ']' | '】' | '〕' | '］' | ')' | '）' | '﹞'));
        if digits.len() < 3 || !closes {
            i += 1;
            continue;
        }
        let mut m = k + 1;
        while chars.get(m).is_some_and(|c| *c == ' ') {
            m += 1;
        }
        // A serial number follows: 4号, 11, 1 号.
        if !chars.get(m).is_some_and(|c| fold(*c).is_ascii_digit()) {
            i = k + 1;
            continue;
        }
        while chars
            .get(m)
            .is_some_and(|c| fold(*c).is_ascii_digit() || *c == ' ')
        {
            m += 1;
        }
        if chars.get(m) == Some(&'号') {
            m += 1;
        }
        let mut s = i;
        while s > 0 && i - s < 6 && jixiao_model::text::is_cjk(chars[s - 1]) {
            s -= 1;
        }
        let printed: String = chars[s..m].iter().collect::<String>().trim().to_string();
        out.push(DocNumber {
            printed,
            year_digits: digits,
        });
        i = m;
    }
    out
}

fn is_opening_bracket(c: char) -> bool {
    matches!(c, '[' | '【' | '〔' | '［' | '(' | '（' | '﹝')
}

/// Cheap pre-check for [`doc_numbers`], which needs an opening bracket followed at once by a
/// digit or a space: most names and descriptions have none and are skipped without allocating.
pub fn may_have_doc_number(text: &str) -> bool {
    if !has_digit(text) {
        return false;
    }
    let mut after_bracket = false;
    for c in text.chars() {
        if after_bracket && (fold(c).is_ascii_digit() || c == ' ') {
            return true;
        }
        after_bracket = is_opening_bracket(c);
    }
    false
}

/// Character bigrams of the CJK and alphanumeric characters of `s`, after removing words
/// that say nothing about *what* is counted (完成, 开展, 次数…).
pub fn topic_bigrams(s: &str) -> Vec<(char, char)> {
    const FILLER: &[&str] = &[
        "完成",
        "开展",
        "实现",
        "组织",
        "计划",
        "至少",
        "达到",
        "以上",
        "不少于",
        "全年",
        "次数",
        "数量",
        "人数",
        "户数",
        "场次",
        "人次",
        "工作",
        "进行",
        "年度",
        "预期",
        "及时",
    ];
    let mut chars: Vec<char> = s.chars().map(fold).collect();
    let mut i = 0;
    while i < chars.len() {
        if !matches!(
            chars[i],
            '完' | '开'
                | '实'
                | '组'
                | '计'
                | '至'
                | '达'
                | '以'
                | '不'
                | '全'
                | '次'
                | '数'
                | '人'
                | '户'
                | '场'
                | '工'
                | '进'
                | '年'
                | '预'
                | '及'
        ) {
            i += 1;
            continue;
        }
        let hit = FILLER.iter().find(|f| {
            let mut k = i;
            f.chars().all(|c| {
                let ok = chars.get(k) == Some(&c);
                k += 1;
                ok
            })
        });
        match hit {
            Some(f) => {
                let n = f.chars().count();
                chars[i..i + n].fill('|');
                i += n;
            }
            None => i += 1,
        }
    }
    let keep = |c: char| jixiao_model::text::is_cjk(c) || c.is_ascii_alphabetic();
    let mut out: Vec<(char, char)> = chars
        .windows(2)
        .filter(|w| keep(w[0]) && keep(w[1]))
        .map(|w| (w[0], w[1]))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Shared bigrams over the smaller set: 1.0 when one topic contains the other.
pub fn topic_overlap(a: &[(char, char)], b: &[(char, char)]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
    shared as f32 / a.len().min(b.len()) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn digits_are_found_in_bytes() {
        for (text, digit) in [
            ("", false),
            ("宣传次数", false),
            ("（１）", true),
            ("第9次", true),
            ("全角：，（）", false),
        ] {
            assert_eq!(has_digit(text), digit, "{text}");
        }
    }

    #[test]
    fn folding_pre_check_misses_no_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c.is_whitespace() || fold(c) != c {
                assert!(may_need_folding(c.encode_utf8(&mut [0; 4])), "{c:?}");
            }
        }
        assert!(!may_need_folding("宣传覆盖率"));
    }

    #[test]
    fn clean_forms() {
        assert_eq!(clean(" 提高意识，提升能力。"), "提高意识，提升能力");
        assert_eq!(clean("覆盖率（％）"), "覆盖率(%)");
        for (cell, blank) in [
            ("", true),
            (" 。\u{3000}．", true),
            ("无。", false),
            ("1.", false),
        ] {
            assert_eq!(is_blank(cell), blank, "{cell}");
            assert_eq!(clean(cell).is_empty(), blank, "{cell}");
        }
    }

    #[test]
    fn unit_measures() {
        let cases = [
            ("次/年", Some(Measure::Times)),
            ("万户", Some(Measure::Households)),
            ("元/户·年", Some(Measure::Money)),
            ("万", Some(Measure::Money)),
            ("个月", Some(Measure::Months)),
            ("人次", Some(Measure::PersonTimes)),
            ("套/件", Some(Measure::Items)),
            ("%", Some(Measure::Percent)),
            ("km", None),
        ];
        for (u, want) in cases {
            assert_eq!(unit_measure(u), want, "{u}");
        }
        assert_eq!(unit_multiplier("万户"), d("10000"));
        assert_eq!(unit_multiplier("万元"), d("1"));
    }

    #[test]
    fn stated_measures() {
        let cases = [
            (
                "自主信息发布平台数量（个）",
                Some((Measure::Items, Evidence::Bracket)),
            ),
            (
                "工作报告数量(份)",
                Some((Measure::Copies, Evidence::Bracket)),
            ),
            (
                "按照要求和计划完成双控机制活动的比例（百分比）",
                Some((Measure::Percent, Evidence::Bracket)),
            ),
            (
                "农村住房保险对象人数（按年平均）",
                Some((Measure::Persons, Evidence::Ending)),
            ),
            (
                "农村住房保险对象的户数",
                Some((Measure::Households, Evidence::Ending)),
            ),
            (
                "预期完成“双控”活动次数",
                Some((Measure::Times, Evidence::Ending)),
            ),
            (
                "参加省、市组织的风险普查培训人次",
                Some((Measure::PersonTimes, Evidence::Ending)),
            ),
            (
                "宣传次数占全年率",
                Some((Measure::Percent, Evidence::Ending)),
            ),
            (
                "隐患排查率（100%）",
                Some((Measure::Percent, Evidence::Ending)),
            ),
            ("检查频率", None),
            ("受益额度数（县级配套资金）", None),
            ("反映安全生产及应急宣传活动对外宣品的需求情况", None),
            (
                "粉刷维修后 办公环境改造好评率。",
                Some((Measure::Percent, Evidence::Ending)),
            ),
        ];
        for (t, want) in cases {
            assert_eq!(stated_measure(t), want, "{t}");
        }
    }

    #[test]
    fn prose_mentions() {
        let m = mentions("开展第三方专家咨询检查4次以上, 使重大安全事故发生率降低为0;");
        assert_eq!(m.len(), 1);
        assert_eq!(
            (
                m[0].value,
                m[0].measure,
                m[0].at_least,
                m[0].printed.as_str()
            ),
            (d("4"), Measure::Times, true, "4次以上")
        );
        let m = mentions("发放普法宣传资料5万余份, 普法范围达到96%");
        assert_eq!(
            m.iter().map(|m| (m.value, m.measure)).collect::<Vec<_>>(),
            vec![(d("50000"), Measure::Copies), (d("96"), Measure::Percent)]
        );
        let m = mentions("实现农村住房保险补贴2万户");
        assert_eq!(
            (m[0].value, m[0].measure),
            (d("20000"), Measure::Households)
        );
        let m = mentions("计划至少组织 1 次安委会联络员培训工作。");
        assert_eq!((m[0].value, m[0].at_least), (d("1"), true));
        assert!(mentions("2019年6月工作安排，目标1: 编号 JF-33, 1、开展").is_empty());
        assert_eq!(
            mentions("开展防灾减灾法制讲座8余场次")[0].measure,
            Measure::Times
        );
        assert_eq!(mentions("保障33名退休干部")[0].value, d("33"));
    }

    #[test]
    fn years_in_prose() {
        assert_eq!(
            years("2019 年底对有关安委会成员单位")
                .iter()
                .map(|y| y.0)
                .collect::<Vec<_>>(),
            vec![2019]
        );
        assert_eq!(years("截至2021年12月底前完成")[0].0, 2021);
        assert!(years("较2019年提高，〔2018〕1号，编号12345年").is_empty());
        assert!(years("结转2024年六运会项目资金").is_empty());
    }

    #[test]
    fn document_numbers() {
        let n = doc_numbers("临汛字【20196】4号");
        assert_eq!(
            n,
            vec![DocNumber {
                printed: "临汛字【20196】4号".into(),
                year_digits: "20196".into()
            }]
        );
        assert_eq!(
            doc_numbers("根据通知》石减传[2019]1 号)")[0].year_digits,
            "2019"
        );
        assert_eq!(
            doc_numbers("临安办【2019】11")[0].printed,
            "临安办【2019】11"
        );
        assert!(doc_numbers("（一）负责(100%)【2019】").is_empty());
    }

    #[test]
    fn topics() {
        let goal = topic_bigrams("实现省州级培训");
        let ind = topic_bigrams("省、州级培训");
        assert_eq!(topic_overlap(&goal, &ind), 1.0);
        assert!(topic_overlap(&topic_bigrams("完成演练"), &topic_bigrams("地震培训次数")) < 0.5);
    }
}
