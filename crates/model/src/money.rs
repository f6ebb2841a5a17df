//! Money in 万元 as an exact decimal: sums never drift.

use std::ops::{Add, Sub};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::text::trim;

/// 金额，单位万元，精确小数。
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub Decimal);

/// The unit a table states its amounts in (`单位：万元`, `单位：元`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountUnit {
    /// 元
    Yuan,
    /// 万元
    #[default]
    WanYuan,
    /// 亿元
    YiYuan,
}

impl AmountUnit {
    /// Reads a unit statement such as `单位：万元` or `金额 (万元)`.
    pub fn from_statement(s: &str) -> Option<AmountUnit> {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        if s.contains("万元") {
            Some(AmountUnit::WanYuan)
        } else if s.contains("亿元") {
            Some(AmountUnit::YiYuan)
        } else if s.contains("元") {
            Some(AmountUnit::Yuan)
        } else {
            None
        }
    }

    /// `None` when the amount overflows (a fuzzer's `-3666…6亿`).
    fn to_wan(self, d: Decimal) -> Option<Decimal> {
        match self {
            AmountUnit::Yuan => d.checked_div(Decimal::from(10_000)),
            AmountUnit::WanYuan => Some(d),
            AmountUnit::YiYuan => d.checked_mul(Decimal::from(10_000)),
        }
    }
}

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn wan(d: Decimal) -> Money {
        Money(d)
    }

    /// Parses a printed amount: `60万` → 60, `9.2万元` → 9.2, `5.00` (in a 万元 table) → 5,
    /// `3000000` in a 元 table → 300, `1,234.50元` → 0.123450. `None` for empty or non-numeric
    /// cells.
    pub fn parse(printed: &str, table_unit: AmountUnit) -> Option<Money> {
        let s = trim(printed);
        if s.is_empty() {
            return None;
        }
        let num_end = s
            .char_indices()
            .find(|(_, c)| {
                !(c.is_ascii_digit() || *c == '.' || *c == ',' || *c == '，' || *c == '-')
            })
            .map(|(i, _)| i)
            .unwrap_or(s.len());
        let digits: String = s[..num_end]
            .chars()
            .filter(|c| *c != ',' && *c != '，')
            .collect();
        if digits.is_empty() || !digits.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let value = Decimal::from_str(&digits).ok()?;
        let rest = trim(&s[num_end..]);
        let rest = rest.trim_end_matches(['。', '；', ';', '，', ',']);
        let unit = match rest {
            "" => table_unit,
            "万" | "万元" => AmountUnit::WanYuan,
            "元" => AmountUnit::Yuan,
            "亿" | "亿元" => AmountUnit::YiYuan,
            _ => return None,
        };
        unit.to_wan(value).map(|v| Money(v.normalize()))
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }
}

/// Sums saturate instead of panicking: a document may print absurd amounts, and checking
/// them must not crash (review rules then report them).
impl Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0.saturating_add(o.0))
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0.saturating_sub(o.0))
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}万元", self.0.normalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn printed_amounts() {
        let w = AmountUnit::WanYuan;
        assert_eq!(Money::parse("60万", w), Some(m("60")));
        assert_eq!(Money::parse("9.2万元", w), Some(m("9.2")));
        assert_eq!(Money::parse(" 5.00", w), Some(m("5")));
        assert_eq!(Money::parse("25", w), Some(m("25")));
        assert_eq!(Money::parse("3000000", AmountUnit::Yuan), Some(m("300")));
        assert_eq!(Money::parse("3,000,000元", w), Some(m("300")));
        assert_eq!(Money::parse("  ", w), None);
        assert_eq!(Money::parse("", w), None);
        assert_eq!(Money::parse("无", w), None);
        assert_eq!(Money::parse("5个", w), None);
        // Found by fuzzing: 亿 on a huge number overflowed.
        assert_eq!(Money::parse("-3666666666665666666656666666666亿", w), None);
    }

    #[test]
    fn sums_are_exact() {
        let total: Money = std::iter::repeat_n(m("0.1"), 10).sum();
        assert_eq!(total, m("1"));
    }

    #[test]
    fn unit_statements() {
        assert_eq!(
            AmountUnit::from_statement("单位：万元"),
            Some(AmountUnit::WanYuan)
        );
        assert_eq!(
            AmountUnit::from_statement("单位: 元"),
            Some(AmountUnit::Yuan)
        );
        assert_eq!(
            AmountUnit::from_statement("金额 (万元)"),
            Some(AmountUnit::WanYuan)
        );
        assert_eq!(AmountUnit::from_statement("项目名称"), None);
    }
}
