//! What a published self-evaluation table (项目支出绩效自评表) prints about a project beside
//! its indicator rows: the funds block, the overall goal's 实际完成情况, and the total and
//! grade as printed.
//!
//! The rows' own self-evaluation (实际完成值, 得分, 偏差原因) is [`crate::RowEvaluation`] on each
//! [`crate::Indicator`], their 分值 is `Indicator::weight`; the project's 预期目标 are
//! `Project::goals`. Everything here is *as printed*: re-scoring (`jixiao-assess`) compares
//! it with what the scoring rules give, so a reader fills what the table shows and leaves the
//! rest `None`, never computing a missing figure.

use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::origin::{Located, Origin};
use crate::Decimal;

/// 自评表的项目部分（目标表上没有，`Project::evaluation` 为 `None`）。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProjectEvaluation {
    /// 项目资金（万元）：年度资金总额及其中各来源的一行一行。
    #[serde(skip_serializing_if = "EvaluationFunds::is_empty", default)]
    pub funds: EvaluationFunds,
    /// 年度总体目标的实际完成情况（年度总体目标完成情况综述），每段一条，如所印。
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub goal_actual: Vec<Located<String>>,
    /// 总分一行所印的分值合计（通常为 100）。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub total_points: Option<Located<Decimal>>,
    /// 总分一行所印的得分（自评总分）。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub total_score: Option<Located<Decimal>>,
    /// 所印的评价等级（自评等级、评价结论），原文：`优`、`良好`、`合格`……
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub grade: Option<Located<String>>,
    /// 预算执行率偏低等的原因说明（资金一栏旁所印的说明或偏差原因），如所印。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub budget_explanation: Option<Located<String>>,
}

impl ProjectEvaluation {
    /// True when nothing was read (a target table read as one would be).
    pub fn is_empty(&self) -> bool {
        *self == ProjectEvaluation::default()
    }
}

/// 自评表的资金情况：每种资金一行；没有印出的行为 `None`。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EvaluationFunds {
    /// 年度资金总额（资金总额、合计）。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub total: Option<FundLine>,
    /// 其中：本年（当年）财政拨款（财政资金）。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub fiscal: Option<FundLine>,
    /// 上年结转资金。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub carried_over: Option<FundLine>,
    /// 其他资金。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub other: Option<FundLine>,
}

impl EvaluationFunds {
    pub fn is_empty(&self) -> bool {
        self.total.is_none() && self.fiscal.is_none() && self.carried_over.is_none() && self.other.is_none()
    }

    /// The rows printed, with their labels, in table order.
    pub fn lines(&self) -> impl Iterator<Item = (&'static str, &FundLine)> {
        [
            ("年度资金总额", &self.total),
            ("其中：本年财政拨款", &self.fiscal),
            ("上年结转资金", &self.carried_over),
            ("其他资金", &self.other),
        ]
        .into_iter()
        .filter_map(|(label, line)| line.as_ref().map(|l| (label, l)))
    }
}

/// 资金情况的一行：年初预算数、全年预算数、全年执行数（万元，按表上的金额单位换算）、分值、
/// 执行率、得分，各自带所印的位置。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FundLine {
    /// 年初预算数（万元）。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub initial: Option<Located<Money>>,
    /// 全年预算数（调整后预算，万元）。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub adjusted: Option<Located<Money>>,
    /// 全年执行数（万元）。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub executed: Option<Located<Money>>,
    /// 分值（预算执行率的满分，通常 10）。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub points: Option<Located<Decimal>>,
    /// 执行率，百分数：`100%` → 100，`93.4%` → 93.4（所印的小数位保留，用以判断舍入）。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub rate: Option<Located<Decimal>>,
    /// 得分。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub score: Option<Located<Decimal>>,
    /// Where the row starts (its label).
    pub at: Origin,
}

/// Reads a printed rate: `100%`, `93.40%`, `93.4`, `１００％` → the percent number, keeping
/// the printed decimals; `None` for anything else.
pub fn parse_percent(printed: &str) -> Option<Decimal> {
    let s: String = crate::text::squeeze(printed)
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '％' => '%',
            '．' => '.',
            c => c,
        })
        .collect();
    let s = s.strip_suffix('%').unwrap_or(&s);
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    s.parse::<Decimal>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn printed_rates() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(parse_percent("100%"), Some(d("100")));
        assert_eq!(parse_percent(" 93.40% "), Some(d("93.40")));
        assert_eq!(parse_percent("93.40%").map(|r| r.scale()), Some(2), "printed decimals kept");
        assert_eq!(parse_percent("１００％"), Some(d("100")));
        assert_eq!(parse_percent("95"), Some(d("95")));
        assert_eq!(parse_percent("约95%"), None);
        assert_eq!(parse_percent("%"), None);
        assert_eq!(parse_percent("-5%"), None);
    }

    #[test]
    fn an_evaluation_round_trips_and_empty_parts_are_left_out() {
        let at = Origin::cell(12, 3);
        let e = ProjectEvaluation {
            funds: EvaluationFunds {
                total: Some(FundLine {
                    adjusted: Some(Located::new(Money(Decimal::from(30)), at)),
                    executed: Some(Located::new(Money(Decimal::from(30)), at)),
                    rate: Some(Located::new(Decimal::from(100), at)),
                    at,
                    ..FundLine::default()
                }),
                ..EvaluationFunds::default()
            },
            total_score: Some(Located::new(Decimal::from(95), at)),
            ..ProjectEvaluation::default()
        };
        let json = serde_json::to_string(&e).unwrap();
        assert!(!json.contains("fiscal") && !json.contains("goal_actual") && !json.contains("grade"), "{json}");
        assert_eq!(serde_json::from_str::<ProjectEvaluation>(&json).unwrap(), e);
        assert_eq!(serde_json::from_str::<ProjectEvaluation>("{}").unwrap(), ProjectEvaluation::default());
        assert!(ProjectEvaluation::default().is_empty() && !e.is_empty());
        let labels: Vec<&str> = e.funds.lines().map(|(l, _)| l).collect();
        assert_eq!(labels, ["年度资金总额"]);
    }
}
