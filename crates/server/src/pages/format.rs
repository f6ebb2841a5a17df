//! Display helpers: amounts in 万元, severity names, quality grades (all exact, all Chinese).

use std::str::FromStr;

use rust_decimal::Decimal;

/// Parses a stored amount (万元, exact decimal text).
pub fn money(s: Option<&str>) -> Option<Decimal> {
    s.and_then(|t| Decimal::from_str(t.trim()).ok())
}

/// `1234567.5` → `1,234,567.50` (两位小数，千分位).
pub fn wan(d: Decimal) -> String {
    let d = d.round_dp(2);
    let text = format!("{d:.2}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |r| ("-", r));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{frac}")
}

pub fn severity_name(db: &str) -> &'static str {
    match db {
        "error" => "错误",
        "warning" => "警告",
        "info" => "提示",
        _ => "其他",
    }
}

/// 项目质量得分 = max(0, 100 − 10×错误 − 4×警告 − 1×提示)（与 jixiao-review 的公式相同）。
pub fn quality(penalty: i64) -> i64 {
    (100 - penalty).max(0)
}

pub fn grade(score: i64) -> &'static str {
    jixiao_review::score::grade(score.clamp(0, 100) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_with_two_decimals() {
        let cases = [("0", "0.00"), ("12.5", "12.50"), ("1234", "1,234.00"), ("1234567.125", "1,234,567.12"), ("-1000", "-1,000.00")];
        for (input, expected) in cases {
            assert_eq!(wan(Decimal::from_str(input).unwrap()), expected, "{input}");
        }
        assert_eq!(money(Some(" 3.10 ")), Some(Decimal::from_str("3.1").unwrap()));
        assert_eq!(money(Some("十万")), None);
    }

    #[test]
    fn quality_follows_the_review_formula() {
        assert_eq!(quality(0), 100);
        assert_eq!(quality(10 + 4 + 1), 85);
        assert_eq!(quality(300), 0);
        assert_eq!(grade(85), "良");
        assert_eq!(grade(59), "差");
    }
}
