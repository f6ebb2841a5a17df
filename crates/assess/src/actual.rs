//! What an indicator's target allows as a value (typed by the target's parse), and the
//! values entered for it: 当前完成值 in monitoring, 实际完成值 at year end.
//!
//! A quantity target takes a number in the target's unit (`95` or `95%` for `≥95%`); a
//! qualitative target takes one of the three evaluation bands, optionally with a share;
//! a deadline takes the month of completion or 未完成. Targets that cannot be read as a value
//! (an indicator name printed in the value column, formulas) take a band only.

use jixiao_model::{Comparison, Decimal, Direction, Indicator, Target, TargetValue};
use serde::{Deserialize, Serialize};

/// 定性指标的评价档次。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QualitativeBand {
    /// 达成年度指标
    Achieved,
    /// 部分达成并具有一定效果
    PartlyAchieved,
    /// 未达成且效果较差
    NotAchieved,
}

impl QualitativeBand {
    pub const ALL: [QualitativeBand; 3] =
        [QualitativeBand::Achieved, QualitativeBand::PartlyAchieved, QualitativeBand::NotAchieved];

    pub fn label(self) -> &'static str {
        match self {
            QualitativeBand::Achieved => "达成年度指标",
            QualitativeBand::PartlyAchieved => "部分达成并具有一定效果",
            QualitativeBand::NotAchieved => "未达成且效果较差",
        }
    }

    /// Reads `达成`, `部分达成`, `未达成` or the full labels. Longest words first, since
    /// `部分达成` and `未达成` both contain `达成`.
    pub fn from_text(s: &str) -> Option<QualitativeBand> {
        let s = jixiao_model::text::squeeze(s);
        if s.starts_with("部分达成") {
            Some(QualitativeBand::PartlyAchieved)
        } else if s.starts_with("未达成") {
            Some(QualitativeBand::NotAchieved)
        } else if s.starts_with("达成") || s.starts_with("已达成") {
            Some(QualitativeBand::Achieved)
        } else {
            None
        }
    }
}

/// 实际（或当前）完成值。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ActualValue {
    /// 数值，单位同指标值（百分比记百分数：95 表示 95%）。
    Number { value: Decimal },
    /// 定性档次；`share` 为得分比例（百分数），须在该档范围内，缺省用设置中的默认比例。
    Band {
        band: QualitativeBand,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        share: Option<Decimal>,
    },
    /// 已完成（完成月份）。
    Completed { month: u32 },
    /// 尚未完成。
    NotCompleted,
}

impl ActualValue {
    pub fn number(value: Decimal) -> ActualValue {
        ActualValue::Number { value }
    }

    pub fn band(band: QualitativeBand) -> ActualValue {
        ActualValue::Band { band, share: None }
    }

    /// The value as the self-evaluation table prints it (`16次/年`, `达成年度指标`).
    pub fn display(&self, kind: &TargetKind) -> String {
        match self {
            ActualValue::Number { value } => {
                let unit = match kind {
                    TargetKind::Quantity { unit, .. } => unit.as_deref().unwrap_or(""),
                    _ => "",
                };
                format!("{}{}", value.normalize(), unit)
            }
            ActualValue::Band { band, share: Some(s) } => format!("{}（{}%）", band.label(), s.normalize()),
            ActualValue::Band { band, share: None } => band.label().to_string(),
            ActualValue::Completed { month } => format!("{month}月完成"),
            ActualValue::NotCompleted => "未完成".to_string(),
        }
    }
}

/// What a target is, as far as monitoring and scoring care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetKind {
    /// 定量指标。`value` is the lower bound of a range.
    Quantity {
        op: Option<Comparison>,
        value: Decimal,
        upper: Option<Decimal>,
        unit: Option<String>,
        direction: Direction,
    },
    /// 定性指标。
    Qualitative,
    /// 时限指标：截止月份（未印月份时为 None）。
    Deadline { month: Option<u32> },
    /// 指标值不是可比较的值（印的是指标名称、算式、空白）：只能按定性档次评价。
    Unreadable { reason: String },
}

impl TargetKind {
    pub fn of(indicator: &Indicator) -> TargetKind {
        match indicator.target.as_ref() {
            None => TargetKind::Unreadable { reason: "未填写指标值".into() },
            Some(t) => TargetKind::of_target(&t.value),
        }
    }

    pub fn of_target(target: &Target) -> TargetKind {
        match &target.value {
            TargetValue::Quantity { op, value, upper, unit, .. } => TargetKind::Quantity {
                op: *op,
                value: *value,
                upper: *upper,
                unit: unit.clone(),
                direction: target.direction().unwrap_or(Direction::Positive),
            },
            TargetValue::Qualitative { .. } => TargetKind::Qualitative,
            TargetValue::Deadline { month, .. } => TargetKind::Deadline { month: *month },
            TargetValue::NotATarget => {
                TargetKind::Unreadable { reason: "指标值一栏印的是指标名称，不是指标值".into() }
            }
            TargetValue::Other { reason } => TargetKind::Unreadable { reason: reason.clone() },
        }
    }

    pub fn is_percentage(&self) -> bool {
        matches!(self, TargetKind::Quantity { unit: Some(u), .. } if u == "%")
    }

    /// What to type for this target, for template hints and error messages.
    pub fn hint(&self) -> String {
        match self {
            TargetKind::Quantity { unit: Some(u), .. } if u == "%" => "填数值（百分数，如 95 表示 95%）".into(),
            TargetKind::Quantity { unit: Some(u), .. } => format!("填数值（单位：{u}）"),
            TargetKind::Quantity { unit: None, .. } => "填数值".into(),
            TargetKind::Deadline { .. } => "填“N月完成”或“未完成”".into(),
            TargetKind::Qualitative | TargetKind::Unreadable { .. } => {
                "填“达成”“部分达成”或“未达成”，可加得分比例，如“部分达成 70%”".into()
            }
        }
    }

    /// Checks a value entered through an API against the target; the message is Chinese.
    pub fn accepts(&self, value: &ActualValue) -> Result<(), String> {
        match (self, value) {
            (TargetKind::Quantity { .. }, ActualValue::Number { value }) if value.is_sign_negative() && !value.is_zero() => {
                Err("完成值不能为负数".into())
            }
            (TargetKind::Quantity { .. }, ActualValue::Number { value }) if *value > crate::MAX_INPUT => Err("数值过大".into()),
            (TargetKind::Quantity { .. }, ActualValue::Number { .. }) => Ok(()),
            (TargetKind::Deadline { .. }, ActualValue::Completed { month }) if !(1..=12).contains(month) => {
                Err(format!("月份 {month} 不在 1–12 之间"))
            }
            (TargetKind::Deadline { .. }, ActualValue::Completed { .. } | ActualValue::NotCompleted) => Ok(()),
            (TargetKind::Deadline { .. } | TargetKind::Qualitative | TargetKind::Unreadable { .. }, ActualValue::Band { share, .. }) => {
                match share {
                    Some(s) if *s < Decimal::ZERO || *s > Decimal::ONE_HUNDRED => Err("得分比例须在 0–100% 之间".into()),
                    _ => Ok(()),
                }
            }
            (TargetKind::Unreadable { reason }, _) => Err(format!("{reason}，只能按定性档次评价：{}", self.hint())),
            _ => Err(self.hint()),
        }
    }

    /// Reads a typed-in value (a spreadsheet or form cell) for this target.
    pub fn parse(&self, text: &str) -> Result<ActualValue, String> {
        let s = jixiao_model::text::squeeze(text);
        let value = match self {
            TargetKind::Quantity { unit, .. } => match parse_number(&s, unit.as_deref()) {
                Some(v) => v,
                // `-5`, `－5次`: a number, but negative — say so rather than how to type one.
                None => match s.strip_prefix(['-', '－', '−']).and_then(|rest| parse_number(rest, unit.as_deref())) {
                    Some(_) => return Err(format!("完成值不能为负数（填的是“{s}”），未完成的填 0：{}", self.hint())),
                    None => return Err(self.hint()),
                },
            },
            TargetKind::Deadline { .. } => parse_completion(&s).or_else(|| parse_band(&s)).ok_or_else(|| self.hint())?,
            TargetKind::Qualitative | TargetKind::Unreadable { .. } => parse_band(&s).ok_or_else(|| self.hint())?,
        };
        self.accepts(&value).map(|()| value)
    }
}

/// `95`, `95%`, `16次/年` (the target's own unit), full-width digits.
fn parse_number(s: &str, unit: Option<&str>) -> Option<ActualValue> {
    let t = Target::parse(s);
    match t.value {
        TargetValue::Quantity { op: None, value, upper: None, unit: got, trailing: None }
            if got.is_none() || got.as_deref() == unit =>
        {
            Some(ActualValue::Number { value: value.normalize() })
        }
        _ => None,
    }
}

/// `5月完成`, `5月`, `2023年5月完成`, `未完成`.
fn parse_completion(s: &str) -> Option<ActualValue> {
    if s == "未完成" || s == "尚未完成" {
        return Some(ActualValue::NotCompleted);
    }
    let s = s.strip_suffix("完成").unwrap_or(s);
    let s = s.strip_suffix("已").unwrap_or(s);
    let s = s.strip_suffix("份").unwrap_or(s);
    let s = match s.find('年') {
        Some(i) if s[..i].bytes().all(|b| b.is_ascii_digit()) => &s[i + '年'.len_utf8()..],
        _ => s,
    };
    let month: u32 = s.strip_suffix('月')?.parse().ok()?;
    Some(ActualValue::Completed { month })
}

/// `达成`, `部分达成 70%`, `部分达成（70%）`.
fn parse_band(s: &str) -> Option<ActualValue> {
    let band = QualitativeBand::from_text(s)?;
    let digits_at = s.find(|c: char| c.is_ascii_digit());
    let share = match digits_at {
        None => None,
        Some(i) => {
            let rest = s[i..].trim_end_matches([')', '）']);
            let rest = rest.strip_suffix('%').unwrap_or(rest);
            Some(rest.parse::<Decimal>().ok()?.normalize())
        }
    };
    Some(ActualValue::Band { band, share })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn kinds_follow_the_target_parse() {
        let kind = |s: &str| TargetKind::of_target(&Target::parse(s));
        assert!(matches!(kind("≥95%"), TargetKind::Quantity { direction: Direction::Positive, .. }));
        assert!(kind("≥95%").is_percentage());
        assert!(matches!(kind("≤10万元"), TargetKind::Quantity { direction: Direction::Reverse, .. }));
        assert_eq!(kind("健全"), TargetKind::Qualitative);
        assert_eq!(kind("2022年12月底前"), TargetKind::Deadline { month: Some(12) });
        assert!(matches!(kind("工作任务完成情况"), TargetKind::Unreadable { .. }));
    }

    #[test]
    fn typed_in_values() {
        let pct = TargetKind::of_target(&Target::parse("≥95%"));
        let count = TargetKind::of_target(&Target::parse("≥16次/年"));
        let qual = TargetKind::Qualitative;
        let due = TargetKind::Deadline { month: Some(6) };
        let cases: Vec<(&TargetKind, &str, Result<ActualValue, ()>)> = vec![
            (&pct, "96", Ok(ActualValue::number(d("96")))),
            (&pct, "96.5%", Ok(ActualValue::number(d("96.5")))),
            (&pct, "９６％", Ok(ActualValue::number(d("96")))),
            (&pct, "很好", Err(())),
            (&pct, "≥96%", Err(())),
            (&pct, "96次", Err(())),
            (&count, "12", Ok(ActualValue::number(d("12")))),
            (&count, "12次/年", Ok(ActualValue::number(d("12")))),
            (&qual, "达成", Ok(ActualValue::band(QualitativeBand::Achieved))),
            (&qual, "部分达成并具有一定效果", Ok(ActualValue::band(QualitativeBand::PartlyAchieved))),
            (&qual, "部分达成（70%）", Ok(ActualValue::Band { band: QualitativeBand::PartlyAchieved, share: Some(d("70")) })),
            (&qual, "未达成 20%", Ok(ActualValue::Band { band: QualitativeBand::NotAchieved, share: Some(d("20")) })),
            (&qual, "达成 120%", Err(())),
            (&qual, "95", Err(())),
            (&due, "5月完成", Ok(ActualValue::Completed { month: 5 })),
            (&due, "2023年7月", Ok(ActualValue::Completed { month: 7 })),
            (&due, "未完成", Ok(ActualValue::NotCompleted)),
            (&due, "13月完成", Err(())),
            (&due, "达成", Ok(ActualValue::band(QualitativeBand::Achieved))),
        ];
        for (kind, text, want) in cases {
            assert_eq!(kind.parse(text).map_err(|_| ()), want, "{text}");
        }
    }

    /// Issue 15, item 5: a negative number gets its own message, not the generic hint.
    #[test]
    fn negative_values_are_called_negative() {
        let count = TargetKind::of_target(&Target::parse("≥16次/年"));
        let pct = TargetKind::of_target(&Target::parse("≥95%"));
        assert_eq!(count.parse("-5").unwrap_err(), "完成值不能为负数（填的是“-5”），未完成的填 0：填数值（单位：次/年）");
        assert_eq!(count.parse("－5次/年").unwrap_err(), "完成值不能为负数（填的是“－5次/年”），未完成的填 0：填数值（单位：次/年）");
        assert_eq!(pct.parse("-3%").unwrap_err(), "完成值不能为负数（填的是“-3%”），未完成的填 0：填数值（百分数，如 95 表示 95%）");
        assert_eq!(count.parse("很多").unwrap_err(), "填数值（单位：次/年）");
        assert_eq!(count.parse("0").unwrap(), ActualValue::number(d("0")));
    }

    #[test]
    fn unreadable_targets_take_bands_only() {
        let k = TargetKind::Unreadable { reason: "未填写指标值".into() };
        assert!(k.parse("达成").is_ok());
        let err = k.accepts(&ActualValue::number(d("3"))).unwrap_err();
        assert!(err.contains("未填写指标值"), "{err}");
    }
}
