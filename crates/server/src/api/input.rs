//! What a request may write: every text against the limits and characters of
//! [`jixiao_store::text`] (the same table as the import), amounts as exact decimals; 422
//! naming the field otherwise. The values that pass go to the store normalised (trimmed,
//! `""` as "clear").

use std::str::FromStr;

use jixiao_store::text::{self, Field, TextProblem};
use rust_decimal::Decimal;

use crate::problem::Problem;

/// `text` against the limits and characters of `field`: 422 naming the field.
pub fn checked(field: Field, text: &str) -> Result<(), Problem> {
    field.check(text).map_err(|problem| {
        Problem::unprocessable(match problem {
            TextProblem::TooLong { max, .. } => format!("字段“{}”过长（最多 {max} 字）。", field.name),
            TextProblem::Forbidden(c) => format!(
                "字段“{}”含有不允许的控制字符（{}）。",
                field.name,
                text::code_point(c)
            ),
        })
    })
}

/// An optional text field, trimmed: `""` clears it (`None`).
pub fn optional(field: Field, s: &str) -> Result<Option<String>, Problem> {
    let t = s.trim();
    checked(field, t)?;
    Ok((!t.is_empty()).then(|| t.to_string()))
}

/// A required text field, trimmed.
pub fn required(field: Field, s: &str) -> Result<String, Problem> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Problem::unprocessable(format!("字段“{}”不能为空。", field.name)));
    }
    checked(field, t)?;
    Ok(t.to_string())
}

/// An amount in 万元 (`"12.5"`), normalised; `""` clears it (`None`).
pub fn amount(field: &'static str, s: &str) -> Result<Option<String>, Problem> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    checked(Field { name: field, ..text::AMOUNT }, t)?;
    match Decimal::from_str(t) {
        Ok(d) if d >= Decimal::ZERO => Ok(Some(d.normalize().to_string())),
        _ => Err(Problem::unprocessable(format!(
            "字段“{field}”应为不小于 0 的金额（万元，如 \"12.5\"），实际为“{t}”。"
        ))),
    }
}

/// `Some(value)` checked by `check`, for a field the request may leave out.
pub fn given<T>(value: &Option<String>, check: impl FnOnce(&str) -> Result<T, Problem>) -> Result<Option<T>, Problem> {
    value.as_deref().map(check).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_exact_and_checked() {
        assert_eq!(amount("budget_total", " 12.50 ").unwrap(), Some("12.5".into()));
        assert_eq!(amount("budget_total", "").unwrap(), None);
        assert_eq!(
            amount("budget_total", "十万").unwrap_err().detail,
            "字段“budget_total”应为不小于 0 的金额（万元，如 \"12.5\"），实际为“十万”。"
        );
        assert!(amount("budget_total", "-1").is_err());
    }

    #[test]
    fn texts_are_trimmed_and_checked() {
        assert_eq!(optional(text::PURPOSE, "  用途 ").unwrap(), Some("用途".into()));
        assert_eq!(optional(text::PURPOSE, "  ").unwrap(), None);
        assert_eq!(required(text::PROJECT_NAME, " ").unwrap_err().detail, "字段“name”不能为空。");
        assert_eq!(
            checked(text::PROJECT_NAME, "a\u{0}b").unwrap_err().detail,
            "字段“name”含有不允许的控制字符（U+0000）。"
        );
    }
}
