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

/// A stored grade as pages show it: `良（85）`; `未评` before the review has graded it. The
/// grade itself is always the review's (`jixiao_rules::Grading`, stored with the project or
/// revision): pages compute none.
pub fn grade_text(g: Option<&jixiao_store::StoredGrade>) -> String {
    match g {
        Some(g) => format!("{}（{}）", g.grade, g.value),
        None => "未评".to_string(),
    }
}

/// What a grade means (财预〔2015〕88号), as the review says it.
pub fn grade_meaning(g: Option<&jixiao_store::StoredGrade>) -> &'static str {
    match g {
        Some(g) => jixiao_rules::grade_meaning(&g.grade),
        None => "尚未审核评级",
    }
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
    fn grades_are_shown_as_stored() {
        let g = jixiao_store::StoredGrade { value: 90, grade: "中".into(), reasons: vec![] };
        // A capped grade keeps its grade: the page does not band the score again.
        assert_eq!(grade_text(Some(&g)), "中（90）");
        assert_eq!(grade_meaning(Some(&g)), "须修改完善后重新报送");
        assert_eq!(grade_text(None), "未评");
    }
}
