//! Typed target values (指标值): the printed text plus what it means.
//!
//! `≥16次/年` is a quantity (operator ≥, number 16, unit 次/年); `健全` is qualitative;
//! `2022年12月底前` is a deadline; `工作任务完成情况` names the indicator instead of setting a
//! value, which review flags. Parsing never fails: whatever cannot be understood is kept as
//! [`TargetValue::Other`] with the reason.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::text::{squeeze, trim};

/// 计算符号。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// ≥
    AtLeast,
    /// >
    MoreThan,
    /// =
    Equal,
    /// ≤
    AtMost,
    /// <
    LessThan,
    /// ≈
    About,
}

impl Comparison {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => "≥",
            Comparison::MoreThan => ">",
            Comparison::Equal => "=",
            Comparison::AtMost => "≤",
            Comparison::LessThan => "<",
            Comparison::About => "≈",
        }
    }

    /// Reads an operator as a split-column form prints it (`≥`, `>=`, `大于等于`, `正向`…).
    pub fn from_symbol(s: &str) -> Option<Comparison> {
        let s = squeeze(s);
        let (op, rest) = leading_operator(&s)?;
        rest.is_empty().then_some(op)
    }

    pub fn direction(self) -> Direction {
        match self {
            Comparison::AtLeast | Comparison::MoreThan | Comparison::Equal | Comparison::About => {
                Direction::Positive
            }
            Comparison::AtMost | Comparison::LessThan => Direction::Reverse,
        }
    }
}

/// 指标方向：正向（越大越好）或反向（越小越好）。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Positive,
    Reverse,
}

/// What a printed target value means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TargetValue {
    /// 定量：计算符号 + 数值 + 度量单位（区间时有上限）。
    Quantity {
        #[serde(skip_serializing_if = "Option::is_none", default)]
        op: Option<Comparison>,
        value: Decimal,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        upper: Option<Decimal>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        unit: Option<String>,
        /// Text glued to the number that is not a unit (`≥100企业满意度`).
        #[serde(skip_serializing_if = "Option::is_none", default)]
        trailing: Option<String>,
    },
    /// 定性：健全、完备、是、按时完成、效果显著……
    Qualitative { text: String },
    /// 时限：`2022年12月底前`、`3月底`。
    Deadline {
        #[serde(skip_serializing_if = "Option::is_none", default)]
        year: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        month: Option<u32>,
    },
    /// 印的是指标名称而不是指标值（`工作任务完成情况`、`评估企业数量`）。
    NotATarget,
    /// 其他：需要说明（`3*300`、`≥2022年依法维权次数`）。
    Other { reason: String },
}

/// 指标值：印刷原文及其解析。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub printed: String,
    pub value: TargetValue,
}

impl Target {
    pub fn parse(printed: &str) -> Target {
        Target {
            printed: printed.to_string(),
            value: parse_value(printed),
        }
    }

    /// Joins a target split over columns (计算符号 / 指标值 / 度量单位) the way one would write it
    /// in one cell; a 定性/定量 marker is not part of the value.
    pub fn join_parts<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
        let mut out = String::new();
        for p in parts {
            let p = trim(p);
            if matches!(
                p,
                "定性" | "定量" | "正向" | "反向" | "正向指标" | "反向指标"
            ) {
                continue;
            }
            // `≥95%` under a 单位 column of `%`, `≥` before a value that prints it: the
            // part is printed already (a contradicting unit is still joined as printed).
            if !out.is_empty() && out.ends_with(p) && !p.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            if !out.is_empty() && p.starts_with(out.as_str()) {
                out.clear();
            }
            out.push_str(p);
        }
        out
    }

    pub fn is_quantitative(&self) -> bool {
        matches!(self.value, TargetValue::Quantity { .. })
    }

    /// The number of a quantitative target (the lower bound of a range).
    pub fn number(&self) -> Option<Decimal> {
        match &self.value {
            TargetValue::Quantity { value, .. } => Some(*value),
            _ => None,
        }
    }

    pub fn unit(&self) -> Option<&str> {
        match &self.value {
            TargetValue::Quantity { unit, .. } => unit.as_deref(),
            _ => None,
        }
    }

    pub fn comparison(&self) -> Option<Comparison> {
        match &self.value {
            TargetValue::Quantity { op, .. } => *op,
            _ => None,
        }
    }

    /// Positive unless the operator says smaller is better; `None` for non-quantities.
    pub fn direction(&self) -> Option<Direction> {
        match &self.value {
            TargetValue::Quantity { op, .. } => {
                Some(op.map_or(Direction::Positive, Comparison::direction))
            }
            _ => None,
        }
    }

    pub fn is_percentage(&self) -> bool {
        self.unit() == Some("%")
    }
}

/// Folds full-width forms (０-９, ％, ＞, ．) to ASCII and drops white space.
fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap(),
            '％' => '%',
            '＞' => '>',
            '＜' => '<',
            '＝' => '=',
            '．' => '.',
            '／' => '/',
            '～' | '〜' => '~',
            '≧' => '≥',
            // A double rule (box drawing) stands for = in some converted tables (`═100%`).
            '═' => '=',
            '≦' => '≤',
            c if c.is_whitespace() || c == '\u{3000}' => continue,
            c => c,
        };
        out.push(c);
    }
    out
}

const OPERATORS: &[(&str, Comparison)] = &[
    ("≥", Comparison::AtLeast),
    (">=", Comparison::AtLeast),
    ("=>", Comparison::AtLeast),
    ("大于等于", Comparison::AtLeast),
    ("大于或等于", Comparison::AtLeast),
    ("不低于", Comparison::AtLeast),
    ("不少于", Comparison::AtLeast),
    ("不小于", Comparison::AtLeast),
    ("≤", Comparison::AtMost),
    ("<=", Comparison::AtMost),
    ("=<", Comparison::AtMost),
    ("小于等于", Comparison::AtMost),
    ("小于或等于", Comparison::AtMost),
    ("不高于", Comparison::AtMost),
    ("不超过", Comparison::AtMost),
    ("不大于", Comparison::AtMost),
    ("不多于", Comparison::AtMost),
    ("控制在", Comparison::AtMost),
    (">", Comparison::MoreThan),
    ("大于", Comparison::MoreThan),
    ("高于", Comparison::MoreThan),
    ("超过", Comparison::MoreThan),
    ("<", Comparison::LessThan),
    ("小于", Comparison::LessThan),
    ("低于", Comparison::LessThan),
    ("少于", Comparison::LessThan),
    ("=", Comparison::Equal),
    ("等于", Comparison::Equal),
    ("≈", Comparison::About),
    ("约", Comparison::About),
];

fn leading_operator(s: &str) -> Option<(Comparison, &str)> {
    OPERATORS
        .iter()
        .find_map(|(sym, op)| s.strip_prefix(sym).map(|rest| (*op, rest)))
}

/// `printed` without its leading comparison (`≥`, `>=`, `不低于`, `≧`), normalised as for
/// parsing (full-width figures and signs folded, white space dropped).
pub fn without_operator(printed: &str) -> String {
    let s = normalize(printed);
    match leading_operator(&s) {
        Some((_, rest)) => rest.to_string(),
        None => s,
    }
}

/// A value that is a unit and nothing else (`公里`, `≧ %`): published blank but for its unit.
pub fn is_bare_unit(printed: &str) -> bool {
    // No unit has a figure: the review asks this of every row, and most values have one.
    if printed.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return false;
    }
    let s = without_operator(printed);
    !s.is_empty() && is_unit(&s)
}

/// Splits a leading decimal number off `s`: `"16次/年"` → `(16, "次/年")`.
fn leading_number(s: &str) -> Option<(Decimal, &str)> {
    let bytes = s.as_bytes();
    let mut end = 0;
    let mut seen_dot = false;
    while end < bytes.len() {
        match bytes[end] {
            b'0'..=b'9' => end += 1,
            b'.' if !seen_dot && end > 0 && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                seen_dot = true;
                end += 1
            }
            b',' if end > 0 && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) && !seen_dot => {
                end += 1
            }
            _ => break,
        }
    }
    if end == 0 {
        return None;
    }
    let digits: String = s[..end].chars().filter(|c| *c != ',').collect();
    // Very long digit strings overflow Decimal: treat as no number.
    let value = Decimal::from_str(&digits).ok()?;
    Some((value, &s[end..]))
}

/// Unit words a quantity may carry (after an optional 万/千/百/亿 multiplier, joined by / or ·).
const UNIT_WORDS: &[&str] = &[
    "%",
    "‰",
    "百分比",
    // `≥0.97比例`: a share printed as a fraction of one.
    "比例",
    "周岁",
    "岁",
    // `780元/生/年`: per pupil.
    "生",
    "个月",
    "人次",
    "场次",
    "户次",
    "车次",
    "课时",
    "学时",
    "平方米",
    "立方米",
    "公里",
    "千米",
    "小时",
    "分钟",
    "工作日",
    "个",
    "次",
    "人",
    "份",
    "家",
    "天",
    "日",
    "辆",
    "台",
    "套",
    "件",
    "场",
    "户",
    "元",
    "年",
    "月",
    "周",
    "分",
    "项",
    "处",
    "所",
    "座",
    "米",
    "亩",
    "吨",
    "册",
    "期",
    "批",
    "篇",
    "条",
    "部",
    "名",
    "支",
    "队",
    "张",
    "本",
    "组",
    "类",
    "块",
    "箱",
    "只",
    "株",
    "棵",
    "间",
    "栋",
    "宗",
    "起",
    "单",
    "页",
    "门",
    "网",
    "区",
    "镇",
    "村",
    "所",
    "点",
    "盏",
    "根",
    "架",
    "艘",
    "公顷",
    "平方公里",
    "千瓦",
    "度",
    "册",
    "头",
    "孔",
    "种",
    "羽",
    "尾",
    "粒",
    "幅",
    "副",
    "盒",
    "瓶",
    "袋",
    "包",
    "把",
    "台次",
    "架次",
    "班次",
    "批次",
    "项次",
    "人日",
    "工日",
    "课",
    "堂",
    "公斤",
    "千克",
    "克",
    "斤",
    "升",
    "棵",
    "所次",
    "宗次",
    "件次",
    "眼",
    "口",
    "节",
    "届",
    "轮",
    "遍",
    "班",
    // `≥2倍` (a multiple), `≥30例` (cases).
    "倍",
    "例",
    // Traditional forms, as tables in traditional characters print them (`>=2個`).
    "個",
    "個月",
    "場次",
    "戶次",
    "車次",
    "課時",
    "學時",
    "項次",
    "輛",
    "臺",
    "場",
    "戶",
    "項",
    "處",
    "張",
    "組",
    "類",
    "塊",
    "隻",
    "間",
    "棟",
    "單",
    "頁",
    "門",
    "網",
    "區",
    "鎮",
    "點",
    "盞",
    "節",
    "屆",
    "輪",
    "種",
    "噸",
    "畝",
    "冊",
    "條",
    "隊",
    "頭",
    "公頃",
];

/// Whether `p` is one of [`UNIT_WORDS`]: the reader asks for every short cell and every
/// target's tail, so the words are looked up in a set rather than compared one by one.
fn is_unit_word(p: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| UNIT_WORDS.iter().copied().collect())
        .contains(p)
}

fn is_unit_part(p: &str) -> bool {
    let p = p.strip_prefix('每').unwrap_or(p);
    if matches!(p, "万" | "亿" | "萬" | "億") || is_unit_word(p) {
        return true; // `20万` in a cost row: 万元 in shorthand; `百分比` before its 百 goes
    }
    let p = p.trim_start_matches(['万', '千', '百', '亿', '萬', '億']);
    if p.is_empty() {
        return false;
    }
    if p.len() <= 4 && p.bytes().all(|b| b.is_ascii_alphabetic()) {
        return true; // km, kg, GB, m
    }
    // `元/户·年`, `元/人*月`, `元/人、天`: a unit per two things.
    p.split(['·', '*', '、']).all(is_unit_word)
}

/// A unit in brackets after the unit (`(百分比)` after `%`), as 河北's unit column prints it.
fn glossed_unit(rest: &str) -> bool {
    let inner = rest.strip_prefix(['(', '（']).and_then(|r| r.strip_suffix([')', '）']));
    inner.is_some_and(|u| !u.is_empty() && u.split('/').all(is_unit_part))
}

/// True when `s` is a measurement unit such as `次/年`, `元/户·年`, `万户`, `人次`, `%`.
pub fn is_unit(s: &str) -> bool {
    let s = s
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）']);
    !s.is_empty() && s.chars().count() <= 10 && s.split('/').all(is_unit_part)
}

/// Noun endings that show a printed "target" is only the name of something measured.
const NAME_ENDINGS: &[&str] = &[
    "情况", "数量", "次数", "时限", "时效", "程度", "寿命", "率", "性", "报告", "金额", "人数",
    "比例", "指标", "标准", "数", "时间",
];

fn parse_value(printed: &str) -> TargetValue {
    let s = normalize(printed);
    let s = s.trim_end_matches(['。', '；', ';', '，', ',', '、']);
    if s.is_empty() {
        return TargetValue::Other {
            reason: "指标值为空".into(),
        };
    }
    let (op, rest) = match leading_operator(s) {
        Some((op, rest)) => (Some(op), rest),
        None => (None, s),
    };
    let Some((value, after)) = leading_number(rest) else {
        let symbolic = !s.starts_with(crate::text::is_cjk);
        if op.is_some() && symbolic && !rest.is_empty() {
            return TargetValue::Other {
                reason: "比较对象不是数值".into(),
            };
        }
        return classify_text(s);
    };
    // A year or a month end: 2022年12月底前, 3月底.
    if let Some(date) = deadline(value, after) {
        if op.is_none() {
            return date;
        }
    }
    if after.starts_with("年")
        && value >= Decimal::from(1990)
        && value <= Decimal::from(2100)
        && op.is_some()
    {
        return TargetValue::Other {
            reason: "以年份或往年数值为参照，需说明".into(),
        };
    }
    if after.starts_with(['*', '×', 'x', 'X']) {
        return TargetValue::Other {
            reason: "指标值是算式".into(),
        };
    }
    // Trailing qualifiers: 90%以上, 10万元以内.
    let (mut op, mut after) = (op, after);
    for (suffix, implied) in [
        ("及以上", Comparison::AtLeast),
        ("及以下", Comparison::AtMost),
        ("以上", Comparison::AtLeast),
        ("以下", Comparison::AtMost),
        ("以内", Comparison::AtMost),
    ] {
        if let Some(stripped) = after.strip_suffix(suffix) {
            if op.is_none() {
                op = Some(implied);
            }
            after = stripped;
        }
    }
    // Ranges: 90%-100%, 90~100%.
    let mut upper = None;
    let mut unit_text = after;
    if let Some(pos) = after.find(['-', '~', '—', '至']) {
        let sep_len = after[pos..].chars().next().unwrap().len_utf8();
        if let Some((hi, tail)) = leading_number(&after[pos + sep_len..]) {
            let first_unit = &after[..pos];
            if first_unit.is_empty() || first_unit == tail || is_unit(first_unit) {
                upper = Some(hi);
                unit_text = if tail.is_empty() { first_unit } else { tail };
            }
        }
    }
    let (unit, trailing) = if unit_text.is_empty() {
        (None, None)
    } else if is_unit(unit_text) {
        (Some(unit_text.to_string()), None)
    } else {
        // `≥1次应急演练`: a unit followed by text.
        let split = (1..=unit_text.chars().count().min(6))
            .rev()
            .map(|n| {
                unit_text
                    .char_indices()
                    .nth(n)
                    .map_or(unit_text.len(), |(i, _)| i)
            })
            .find(|&i| is_unit(&unit_text[..i]));
        match split {
            // `98%(百分比)`: the unit column's gloss in brackets says the unit again.
            Some(i) if glossed_unit(&unit_text[i..]) => (Some(unit_text[..i].to_string()), None),
            Some(i) => (
                Some(unit_text[..i].to_string()),
                Some(unit_text[i..].to_string()),
            ),
            None => (None, Some(unit_text.to_string())),
        }
    };
    TargetValue::Quantity {
        op,
        value,
        upper,
        unit,
        trailing,
    }
}

fn deadline(value: Decimal, after: &str) -> Option<TargetValue> {
    let n: i64 = value.try_into().ok()?;
    if value.fract() != Decimal::ZERO {
        return None;
    }
    if let Some(rest) = after.strip_prefix('年') {
        if !(1990..=2100).contains(&n) {
            return None;
        }
        let month = leading_number(rest)
            .filter(|(_, r)| r.starts_with('月'))
            .and_then(|(m, _)| u32::try_from(m).ok())
            .filter(|m| (1..=12).contains(m));
        // `2025年年底前`, `2024年度内`: the year's end said twice.
        let rest = rest
            .strip_prefix('年')
            .or_else(|| rest.strip_prefix('度'))
            .filter(|r| r.starts_with(['底', '末', '内']))
            .unwrap_or(rest);
        if month.is_some() || rest.is_empty() || rest.starts_with(['底', '末', '前', '内']) {
            return Some(TargetValue::Deadline {
                year: Some(n as i32),
                month,
            });
        }
        return None;
    }
    if let Some(rest) = after.strip_prefix('月') {
        if (1..=12).contains(&n) && (rest.is_empty() || rest.starts_with(['底', '末', '前', '份']))
        {
            return Some(TargetValue::Deadline {
                year: None,
                month: Some(n as u32),
            });
        }
    }
    None
}

fn classify_text(s: &str) -> TargetValue {
    if s.starts_with("是否") || s.contains("是否") || NAME_ENDINGS.iter().any(|e| s.ends_with(e))
    {
        return TargetValue::NotATarget;
    }
    TargetValue::Qualitative {
        text: s.to_string(),
    }
}

impl TargetValue {
    /// The value written as one would type it: `≥95%`, `健全`.
    pub fn render(&self) -> Option<String> {
        match self {
            TargetValue::Quantity {
                op,
                value,
                upper,
                unit,
                ..
            } => {
                let mut s = String::new();
                if let Some(op) = op {
                    s.push_str(op.symbol());
                }
                s.push_str(&value.normalize().to_string());
                if let Some(u) = upper {
                    s.push('-');
                    s.push_str(&u.normalize().to_string());
                }
                if let Some(u) = unit {
                    s.push_str(u);
                }
                Some(s)
            }
            TargetValue::Qualitative { text } => Some(text.clone()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::TargetValue::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn q(
        op: Option<Comparison>,
        v: &str,
        unit: Option<&str>,
        trailing: Option<&str>,
    ) -> TargetValue {
        Quantity {
            op,
            value: d(v),
            upper: None,
            unit: unit.map(Into::into),
            trailing: trailing.map(Into::into),
        }
    }

    use Comparison::*;

    /// Every target string that occurs in the seed documents, with its parse.
    #[test]
    fn seed_targets() {
        let ge = Some(AtLeast);
        let le = Some(AtMost);
        let cases: Vec<(&str, TargetValue)> = vec![
            ("0%", q(None, "0", Some("%"), None)),
            ("0次", q(None, "0", Some("次"), None)),
            ("1.2万", q(None, "1.2", Some("万"), None)),
            ("1.9万元", q(None, "1.9", Some("万元"), None)),
            ("100", q(None, "100", None, None)),
            ("100%", q(None, "100", Some("%"), None)),
            ("100人次", q(None, "100", Some("人次"), None)),
            ("100企业满意度", q(None, "100", None, Some("企业满意度"))),
            ("100演练合格率", q(None, "100", None, Some("演练合格率"))),
            ("100群众满意度", q(None, "100", None, Some("群众满意度"))),
            ("10元/每户", q(None, "10", Some("元/每户"), None)),
            ("1万元", q(None, "1", Some("万元"), None)),
            ("1次", q(None, "1", Some("次"), None)),
            (
                "2022年12月底前",
                Deadline {
                    year: Some(2022),
                    month: Some(12),
                },
            ),
            (
                "2025年年底前",
                Deadline {
                    year: Some(2025),
                    month: None,
                },
            ),
            (
                "2024年度内",
                Deadline {
                    year: Some(2024),
                    month: None,
                },
            ),
            ("20万", q(None, "20", Some("万"), None)),
            ("2万元", q(None, "2", Some("万元"), None)),
            (
                "3*300",
                Other {
                    reason: "指标值是算式".into(),
                },
            ),
            ("3.2 万户", q(None, "3.2", Some("万户"), None)),
            ("3000元", q(None, "3000", Some("元"), None)),
            (
                "3月底",
                Deadline {
                    year: None,
                    month: Some(3),
                },
            ),
            ("3次", q(None, "3", Some("次"), None)),
            ("4.1万元", q(None, "4.1", Some("万元"), None)),
            ("48000人", q(None, "48000", Some("人"), None)),
            ("4万", q(None, "4", Some("万"), None)),
            ("4元/户·年", q(None, "4", Some("元/户·年"), None)),
            ("4次", q(None, "4", Some("次"), None)),
            ("4辆", q(None, "4", Some("辆"), None)),
            ("50次", q(None, "50", Some("次"), None)),
            ("5880元/年/人", q(None, "5880", Some("元/年/人"), None)),
            ("5个", q(None, "5", Some("个"), None)),
            ("5元/户·年", q(None, "5", Some("元/户·年"), None)),
            ("80%", q(None, "80", Some("%"), None)),
            ("9.2万元/年", q(None, "9.2", Some("万元/年"), None)),
            ("98%", q(None, "98", Some("%"), None)),
            ("<2次", q(Some(LessThan), "2", Some("次"), None)),
            ("<40%", q(Some(LessThan), "40", Some("%"), None)),
            (">98", q(Some(MoreThan), "98", None, None)),
            ("≤ 0.7万元", q(le, "0.7", Some("万元"), None)),
            ("≤10万元", q(le, "10", Some("万元"), None)),
            ("≤15%", q(le, "15", Some("%"), None)),
            ("≤1万元", q(le, "1", Some("万元"), None)),
            ("≤20万元", q(le, "20", Some("万元"), None)),
            ("≤2万元", q(le, "2", Some("万元"), None)),
            ("≤30万元", q(le, "30", Some("万元"), None)),
            ("≤45万元", q(le, "45", Some("万元"), None)),
            ("≤4万元", q(le, "4", Some("万元"), None)),
            ("≤8万元", q(le, "8", Some("万元"), None)),
            ("≥0", q(ge, "0", None, None)),
            ("≥0%", q(ge, "0", Some("%"), None)),
            ("≥1 次", q(ge, "1", Some("次"), None)),
            ("≥100%", q(ge, "100", Some("%"), None)),
            ("≥10000份", q(ge, "10000", Some("份"), None)),
            (
                "≥100开展监督检查次数",
                q(ge, "100", None, Some("开展监督检查次数")),
            ),
            ("≥100购买率（%）", q(ge, "100", None, Some("购买率（%）"))),
            ("≥100验收合格", q(ge, "100", None, Some("验收合格"))),
            (
                "≥100验收合格率（%）",
                q(ge, "100", None, Some("验收合格率（%）")),
            ),
            ("≥10天", q(ge, "10", Some("天"), None)),
            ("≥10套/件", q(ge, "10", Some("套/件"), None)),
            ("≥10次", q(ge, "10", Some("次"), None)),
            ("≥12个月", q(ge, "12", Some("个月"), None)),
            ("≥12次/年", q(ge, "12", Some("次/年"), None)),
            ("≥150次", q(ge, "150", Some("次"), None)),
            ("≥15次", q(ge, "15", Some("次"), None)),
            ("≥16次/年", q(ge, "16", Some("次/年"), None)),
            ("≥1次", q(ge, "1", Some("次"), None)),
            ("≥1次应急演练", q(ge, "1", Some("次"), Some("应急演练"))),
            ("≥2 次", q(ge, "2", Some("次"), None)),
            ("≥2000份", q(ge, "2000", Some("份"), None)),
            (
                "≥2022年依法维权次数",
                Other {
                    reason: "以年份或往年数值为参照，需说明".into(),
                },
            ),
            ("≥24次/年", q(ge, "24", Some("次/年"), None)),
            ("≥284家", q(ge, "284", Some("家"), None)),
            ("≥2次", q(ge, "2", Some("次"), None)),
            ("≥30次", q(ge, "30", Some("次"), None)),
            ("≥323人", q(ge, "323", Some("人"), None)),
            ("≥3人", q(ge, "3", Some("人"), None)),
            ("≥3次", q(ge, "3", Some("次"), None)),
            ("≥4 家", q(ge, "4", Some("家"), None)),
            ("≥4 次", q(ge, "4", Some("次"), None)),
            ("≥420元/户·年", q(ge, "420", Some("元/户·年"), None)),
            ("≥4次/年", q(ge, "4", Some("次/年"), None)),
            ("≥5000份", q(ge, "5000", Some("份"), None)),
            ("≥50次", q(ge, "50", Some("次"), None)),
            ("≥5万份", q(ge, "5", Some("万份"), None)),
            ("≥5次", q(ge, "5", Some("次"), None)),
            ("≥60%", q(ge, "60", Some("%"), None)),
            ("≥6次", q(ge, "6", Some("次"), None)),
            ("≥70%", q(ge, "70", Some("%"), None)),
            ("≥7人", q(ge, "7", Some("人"), None)),
            ("≥80", q(ge, "80", None, None)),
            ("≥80 人次", q(ge, "80", Some("人次"), None)),
            ("≥80%", q(ge, "80", Some("%"), None)),
            ("≥80够买设备数量", q(ge, "80", None, Some("够买设备数量"))),
            ("≥8个", q(ge, "8", Some("个"), None)),
            // Traditional characters, units as printed.
            (">=2個", q(ge, "2", Some("個"), None)),
            ("10萬元", q(None, "10", Some("萬元"), None)),
            ("≥8场", q(ge, "8", Some("场"), None)),
            ("≥8次", q(ge, "8", Some("次"), None)),
            ("≥90 人", q(ge, "90", Some("人"), None)),
            ("≥90%", q(ge, "90", Some("%"), None)),
            ("≥90接入数量", q(ge, "90", None, Some("接入数量"))),
            ("≥95%", q(ge, "95", Some("%"), None)),
            ("≥96%", q(ge, "96", Some("%"), None)),
            ("≥98", q(ge, "98", None, None)),
            ("≥98%", q(ge, "98", Some("%"), None)),
            (
                "健全",
                Qualitative {
                    text: "健全".into(),
                },
            ),
            (
                "完备",
                Qualitative {
                    text: "完备".into(),
                },
            ),
            (
                "合理",
                Qualitative {
                    text: "合理".into(),
                },
            ),
            ("是", Qualitative { text: "是".into() }),
            (
                "按时完成",
                Qualitative {
                    text: "按时完成".into(),
                },
            ),
            (
                "效果显著",
                Qualitative {
                    text: "效果显著".into(),
                },
            ),
            (
                "及时拨款",
                Qualitative {
                    text: "及时拨款".into(),
                },
            ),
            (
                "顺利接入，网络使用畅通。",
                Qualitative {
                    text: "顺利接入，网络使用畅通".into(),
                },
            ),
            (
                "促进生态文明建设，推动绿色发展和绿色生活方式",
                Qualitative {
                    text: "促进生态文明建设，推动绿色发展和绿色生活方式".into(),
                },
            ),
            (
                "控制在预算成本内",
                Qualitative {
                    text: "控制在预算成本内".into(),
                },
            ),
            (
                "项目预算控制数内",
                Qualitative {
                    text: "项目预算控制数内".into(),
                },
            ),
            (
                "群众满意率高",
                Qualitative {
                    text: "群众满意率高".into(),
                },
            ),
            ("工作任务完成情况", NotATarget),
            ("评估企业数量", NotATarget),
            ("开展执法检查次数", NotATarget),
            ("排除安全隐患次数", NotATarget),
            ("事故调查报告完成时限", NotATarget),
            ("完成时效", NotATarget),
            ("人防指挥应急应战能力提升程度", NotATarget),
            ("项目预期使用寿命", NotATarget),
            ("修建消防水鹤数量", NotATarget),
            ("应急预案编制报告", NotATarget),
            ("预案编制的实用性、完整性、全面性", NotATarget),
            ("资金支付的及时程度", NotATarget),
            ("安全生产维稳控制目标是否实现", NotATarget),
            ("是否实现安全生产和维稳目标", NotATarget),
        ];
        for (printed, want) in cases {
            assert_eq!(Target::parse(printed).value, want, "{printed}");
        }
    }

    #[test]
    fn other_forms() {
        assert_eq!(
            Target::parse("90%以上").value,
            q(Some(AtLeast), "90", Some("%"), None)
        );
        assert_eq!(
            Target::parse("＞＝９５％").value,
            q(Some(AtLeast), "95", Some("%"), None)
        );
        assert_eq!(
            Target::parse("不少于4次").value,
            q(Some(AtLeast), "4", Some("次"), None)
        );
        assert_eq!(
            Target::parse("90%-100%").value,
            Quantity {
                op: None,
                value: d("90"),
                upper: Some(d("100")),
                unit: Some("%".into()),
                trailing: None
            }
        );
        assert_eq!(
            Target::parse("").value,
            Other {
                reason: "指标值为空".into()
            }
        );
        assert_eq!(Target::parse("≥").value, classify_text("≥"));
        // Published self-evaluations (selfeval_yunnan-yongde_jiaoyu_2022) print ═ and ≧.
        assert_eq!(
            Target::parse("═100%").value,
            q(Some(Equal), "100", Some("%"), None)
        );
        assert_eq!(
            Target::parse("≧735人次").value,
            q(Some(AtLeast), "735", Some("人次"), None)
        );
    }

    #[test]
    fn joined_parts() {
        assert_eq!(Target::join_parts(["≥", "95", "%"]), "≥95%");
        assert_eq!(Target::join_parts(["=", "116", "人"]), "=116人");
        assert_eq!(Target::join_parts(["定性", "减少", ""]), "减少");
        assert_eq!(Target::join_parts(["≥95%", "%"]), "≥95%");
        assert_eq!(Target::join_parts(["≥", "≥95", "%"]), "≥95%");
        assert_eq!(Target::join_parts(["28.8萬元", "%"]), "28.8萬元%");
    }

    #[test]
    fn bare_units() {
        for printed in ["公里", "≧ %", "≥万亩"] {
            assert!(is_bare_unit(printed), "{printed}");
        }
        for printed in ["≥95%", "", "≥", "按时完成"] {
            assert!(!is_bare_unit(printed), "{printed}");
        }
        assert_eq!(without_operator("不低于 95％"), "95%");
    }

    /// Units real forms print that read as words: 百分比, 周岁, a unit per pupil and month.
    #[test]
    fn units_forms_print() {
        for (printed, unit) in [
            ("≥98百分比", "百分比"),
            ("18-54周岁", "周岁"),
            ("780元/生/年", "元/生/年"),
            ("95%及以上", "%"),
            ("300元/人*月", "元/人*月"),
            // spaces_sichuan-suining-jingkaiqu_shichang_2021: per person and day.
            ("400元/人、天", "元/人、天"),
            // indent_anhui-huangshan_gongan_2025: a share as a fraction of one.
            ("≥0.97比例", "比例"),
            // split_hebei-chengan_minzheng_2020: the unit column's gloss.
            (">= 98%(百分比)", "%"),
        ] {
            match Target::parse(printed).value {
                TargetValue::Quantity { unit: u, trailing, .. } => {
                    assert_eq!((u.as_deref(), trailing), (Some(unit), None), "{printed}")
                }
                other => panic!("{printed}: {other:?}"),
            }
        }
    }

    #[test]
    fn directions() {
        assert_eq!(
            Target::parse("≤10万元").direction(),
            Some(Direction::Reverse)
        );
        assert_eq!(Target::parse("≥90%").direction(), Some(Direction::Positive));
        assert_eq!(Target::parse("100%").direction(), Some(Direction::Positive));
        assert_eq!(Target::parse("健全").direction(), None);
    }

    #[test]
    fn render_round_trips() {
        for s in ["≥95%", "≤10万元", "健全", "≥16次/年", "<2次"] {
            assert_eq!(Target::parse(s).value.render().as_deref(), Some(s));
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = Target::parse(&s);
        }

        #[test]
        fn numbers_round_trip(n in 0u32..1_000_000, op in 0usize..5) {
            let sym = ["≥", ">", "=", "≤", "<"][op];
            let t = Target::parse(&format!("{sym}{n}%"));
            proptest::prop_assert_eq!(t.number(), Some(Decimal::from(n)));
            proptest::prop_assert!(t.is_percentage());
        }
    }
}
