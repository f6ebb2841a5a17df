//! 评分设置: points per level (or pooled), per-indicator weights, what happens to the
//! points of a missing level or a zero budget, qualitative bands, grade bands, the formula
//! for reverse indicators and the tolerance when published scores are re-scored.

use std::collections::BTreeMap;

use jixiao_model::{Decimal, Level1};
use serde::{Deserialize, Serialize};

use crate::actual::QualitativeBand;
use crate::error::InputError;

/// How the indicator points (100 minus the budget points) are grouped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "scheme", rename_all = "snake_case")]
pub enum LevelScheme {
    /// 按一级指标分配（默认 产出 50、效益 30、满意度 10）。A level 1 without its own entry
    /// (成本指标 under the 2021 framework, by default) is scored within 产出指标.
    ByLevel { points: BTreeMap<Level1, Decimal> },
    /// 绩效指标合计（如 90 分）不分级，各指标按权重或均分。
    Pooled { points: Decimal },
}

/// 缺少某一级指标（或预算执行率不适用）时其分值的去向。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingLevel {
    /// 按现有各级分值比例分配（默认；总分仍为 100）。
    Proportional,
    /// 在现有各级之间平均分配。
    Even,
    /// 不再分配（满分低于 100）。
    Forfeit,
}

/// 全年预算数为 0 时的预算执行分值。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZeroBudget {
    /// 预算执行率不适用，分值按 `missing_level` 分给各级指标（默认）。
    Redistribute,
    /// 无预算即无未执行资金：得满分。
    FullPoints,
}

/// 反向指标（≤、<）超出指标值时的计分公式。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReverseFormula {
    /// 分值 × (1 − (实际值 − 指标值) ÷ 指标值)，达到指标值两倍及以上为 0（默认）。
    #[default]
    Excess,
    /// A/B：分值 × 指标值(A) ÷ 实际值(B)。
    Ratio,
}

/// 定性档次的得分比例范围（百分数，含两端）和未填比例时的默认比例。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BandRule {
    pub band: QualitativeBand,
    pub min: Decimal,
    pub max: Decimal,
    pub default: Decimal,
}

/// 等级。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 优
    Excellent,
    /// 良
    Good,
    /// 中
    Fair,
    /// 差
    Poor,
}

impl Grade {
    pub fn label(self) -> &'static str {
        match self {
            Grade::Excellent => "优",
            Grade::Good => "良",
            Grade::Fair => "中",
            Grade::Poor => "差",
        }
    }
}

/// 等级分数线：总分（两位小数后）不低于 `from` 即为该等级。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeBand {
    pub from: Decimal,
    pub grade: Grade,
}

/// 单条指标的分值（覆盖均分）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorWeight {
    pub project: usize,
    pub indicator: usize,
    pub points: Decimal,
}

/// 自评评分设置。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoringConfig {
    /// 预算执行率分值（默认 10）。
    pub budget_points: Decimal,
    pub scheme: LevelScheme,
    /// Points of single indicators, nominal (before any redistribution). The rest of a
    /// level's points is split evenly among its other indicators.
    pub indicator_points: Vec<IndicatorWeight>,
    /// Use the 分值/权重 printed in the document's indicator table as indicator points.
    pub use_printed_weights: bool,
    pub missing_level: MissingLevel,
    pub zero_budget: ZeroBudget,
    /// 达成 / 部分达成 / 未达成 的比例范围与默认比例。
    pub bands: Vec<BandRule>,
    /// 从高到低的等级分数线。
    pub grades: Vec<GradeBand>,
    /// 执行率低于此值（%）须说明原因（默认 90）。
    pub explain_below_rate: Decimal,
    /// 反向指标超出指标值时的计分公式（默认按超出比例扣分）。
    #[serde(default)]
    pub reverse_formula: ReverseFormula,
    /// 复核所印得分时容许的差（分，默认 0.01）。A score printed with one decimal is also
    /// allowed half its last digit (0.05), as it shows it was rounded there.
    #[serde(default = "default_tolerance")]
    pub tolerance: Decimal,
}

fn default_tolerance() -> Decimal {
    Decimal::new(1, 2)
}

impl Default for ScoringConfig {
    fn default() -> Self {
        let band = |band, min: i64, max: i64, default: i64| BandRule { band, min: min.into(), max: max.into(), default: default.into() };
        let grade = |from: i64, grade| GradeBand { from: from.into(), grade };
        ScoringConfig {
            budget_points: 10.into(),
            scheme: LevelScheme::ByLevel {
                points: BTreeMap::from([
                    (Level1::Output, 50.into()),
                    (Level1::Benefit, 30.into()),
                    (Level1::Satisfaction, 10.into()),
                ]),
            },
            indicator_points: Vec::new(),
            use_printed_weights: false,
            missing_level: MissingLevel::Proportional,
            zero_budget: ZeroBudget::Redistribute,
            // Defaults: reaching the target earns full points as a met quantity does; the
            // other two bands default to the middle of their range.
            bands: vec![
                band(QualitativeBand::Achieved, 80, 100, 100),
                band(QualitativeBand::PartlyAchieved, 60, 80, 70),
                band(QualitativeBand::NotAchieved, 0, 60, 30),
            ],
            grades: vec![
                grade(90, Grade::Excellent),
                grade(80, Grade::Good),
                grade(60, Grade::Fair),
                grade(0, Grade::Poor),
            ],
            explain_below_rate: 90.into(),
            reverse_formula: ReverseFormula::Excess,
            tolerance: default_tolerance(),
        }
    }
}

impl ScoringConfig {
    /// 「预算执行 10 + 绩效指标 90」: one pool of indicator points.
    pub fn pooled() -> ScoringConfig {
        ScoringConfig { scheme: LevelScheme::Pooled { points: 90.into() }, ..ScoringConfig::default() }
    }

    /// Checks the configuration: nominal points add up to 100, nothing negative, each band
    /// has a rule whose default lies in its range, grade bands descend.
    pub fn validate(&self) -> Result<(), InputError> {
        let bad = |problem: String| Err(InputError::BadConfig { problem });
        let level_points: Vec<Decimal> = match &self.scheme {
            LevelScheme::ByLevel { points } => points.values().copied().collect(),
            LevelScheme::Pooled { points } => vec![*points],
        };
        if level_points.iter().chain([&self.budget_points]).any(|p| p.is_sign_negative()) {
            return bad("分值不能为负数".into());
        }
        let sum: Decimal = level_points.iter().sum::<Decimal>() + self.budget_points;
        if sum != Decimal::ONE_HUNDRED {
            return bad(format!("预算执行与各级指标分值合计为 {}，应为 100", sum.normalize()));
        }
        if matches!(&self.scheme, LevelScheme::ByLevel { points } if !points.contains_key(&Level1::Output)) {
            return bad("须为产出指标设置分值".into());
        }
        if self.tolerance.is_sign_negative() || self.tolerance >= Decimal::ONE {
            return bad(format!("复核得分的容许差 {} 应在 0 到 1 分之间", self.tolerance.normalize()));
        }
        if self.indicator_points.iter().any(|w| w.points.is_sign_negative()) {
            return bad("指标分值不能为负数".into());
        }
        for band in QualitativeBand::ALL {
            match self.band_rule(band) {
                None => return bad(format!("缺少“{}”档的得分比例", band.label())),
                Some(r) if !(Decimal::ZERO <= r.min && r.min <= r.default && r.default <= r.max && r.max <= Decimal::ONE_HUNDRED) => {
                    return bad(format!("“{}”档的得分比例范围无效", band.label()))
                }
                Some(_) => {}
            }
        }
        if self.grades.is_empty() || self.grades.windows(2).any(|w| w[0].from <= w[1].from) {
            return bad("等级分数线须从高到低排列".into());
        }
        Ok(())
    }

    pub fn band_rule(&self, band: QualitativeBand) -> Option<&BandRule> {
        self.bands.iter().find(|r| r.band == band)
    }

    /// The grade of a total, judged on the total as printed (two decimals), so a printed
    /// 90.00 is never 良.
    pub fn grade(&self, total: Decimal) -> Grade {
        let printed = crate::round2(total);
        self.grades
            .iter()
            .find(|g| printed >= g.from)
            .or(self.grades.last())
            .map_or(Grade::Poor, |g| g.grade)
    }
}
