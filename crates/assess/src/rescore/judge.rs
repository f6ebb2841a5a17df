//! What a printed 实际完成值 says about its row's target: a share of the points by the
//! scoring formula, or — where the value is words — the evaluation bands the words allow.

use jixiao_model::text::squeeze;
use jixiao_model::{Comparison, Decimal, Direction, Indicator, TargetValue};
use serde::Serialize;

use crate::actual::{ActualValue, QualitativeBand, TargetKind};
use crate::scoring::{rule, Branch, ReverseFormula, ScoringConfig};

/// The judgement of one printed row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Judgement {
    /// 没有实际完成值。
    NoActual,
    /// 定量：按公式计分，得分为分值 × `share`。
    Formula {
        share: Decimal,
        branch: Branch,
        /// 指标值与实际值，同一单位（实际值已按单位换算）。
        target: Decimal,
        actual: Decimal,
        unit: String,
        reverse_formula: ReverseFormula,
    },
    /// 时限：按时完成，得满分。
    OnTime,
    /// 按文字（或无法按公式比较时）评价：得分可落在这些档次的比例范围内。
    Bands {
        bands: Vec<QualitativeBand>,
        /// 文字表明达成（true）、未达成（false），或看不出（None）。
        met: Option<bool>,
        /// 为何按档次评价（`单位不同（万元 与 人）`），按文字时为空。
        why: String,
    },
}

impl Judgement {
    /// Whether the target was met, as far as the figures or words tell.
    pub fn met(&self) -> Option<bool> {
        match self {
            Judgement::NoActual => None,
            Judgement::Formula { share, .. } => Some(*share >= Decimal::ONE),
            Judgement::OnTime => Some(true),
            Judgement::Bands { met, .. } => *met,
        }
    }

    /// The share of the points the rules allow (0–1), lowest and highest; `None` without an
    /// actual value.
    pub fn share_range(&self, cfg: &ScoringConfig) -> Option<(Decimal, Decimal)> {
        match self {
            Judgement::NoActual => None,
            Judgement::Formula { share, .. } => Some((*share, *share)),
            Judgement::OnTime => Some((Decimal::ONE, Decimal::ONE)),
            Judgement::Bands { bands, .. } => {
                let range = |b: QualitativeBand| band_range(b, cfg);
                let lo = bands.iter().map(|b| range(*b).0).min()?;
                let hi = bands.iter().map(|b| range(*b).1).max()?;
                Some((lo / Decimal::ONE_HUNDRED, hi / Decimal::ONE_HUNDRED))
            }
        }
    }

    /// The branch a form shows: the formula's, a single band, else 按所印.
    pub fn branch(&self) -> Branch {
        match self {
            Judgement::Formula { branch, .. } => *branch,
            Judgement::OnTime => Branch::OnTime,
            Judgement::Bands { bands, .. } if bands.len() == 1 => Branch::Band(bands[0]),
            _ => Branch::AsPrinted,
        }
    }

    /// The arithmetic behind the rules' score of a row worth `points`, in Chinese with the
    /// figures as printed: `5 × 4604 ÷ 4754 = 4.84`.
    pub fn arithmetic(&self, points: Decimal, actual: &str, cfg: &ScoringConfig) -> String {
        let n = |d: Decimal| d.normalize().to_string();
        match self {
            Judgement::NoActual => "没有实际完成值，无法复核".into(),
            Judgement::Formula { share, branch, target: t, actual: a, unit: u, reverse_formula } => {
                let result = crate::fmt2(points * *share);
                match branch {
                    Branch::Met => format!("实际{}{u} ≥ 指标值{}{u}，得满分{}", n(*a), n(*t), n(points)),
                    Branch::ReverseWithin => format!("实际{}{u} ≤ 指标值{}{u}，得满分{}", n(*a), n(*t), n(points)),
                    Branch::PartlyMet => format!("{} × {} ÷ {} = {result}", n(points), n(*a), n(*t)),
                    Branch::ReverseBeyond if *reverse_formula == ReverseFormula::Ratio => {
                        format!("{} × {} ÷ {} = {result}", n(points), n(*t), n(*a))
                    }
                    Branch::ReverseBeyond => {
                        format!("{} × (1 − ({} − {}) ÷ {}) = {result}", n(points), n(*a), n(*t), n(*t))
                    }
                    Branch::ReverseTwiceOrMore => {
                        format!("实际{}{u}达到指标值{}{u}的两倍及以上，得0分", n(*a), n(*t))
                    }
                    _ => format!("得{result}分"),
                }
            }
            Judgement::OnTime => format!("按时完成，得满分{}", n(points)),
            Judgement::Bands { bands, met, why } => {
                let (lo, hi) = self.share_range(cfg).unwrap_or((Decimal::ZERO, Decimal::ONE));
                let span = format!(
                    "{}–{}分（分值的{}%–{}%）",
                    crate::fmt2(points * lo),
                    crate::fmt2(points * hi),
                    n(lo * Decimal::ONE_HUNDRED),
                    n(hi * Decimal::ONE_HUNDRED)
                );
                let labels: Vec<&str> = bands.iter().map(|b| b.label()).collect();
                match met {
                    _ if !why.is_empty() => format!("{why}，按定性档次评价，得分应在{span}"),
                    Some(_) => format!("实际完成值“{actual}”属“{}”档，得分应在{span}", labels.join("”或“")),
                    None => format!("实际完成值“{actual}”看不出是否达成，得分应在{span}"),
                }
            }
        }
    }
}

/// A band's share range in percent, from the configuration (the defaults of domain.md when
/// the configuration lacks it).
fn band_range(band: QualitativeBand, cfg: &ScoringConfig) -> (Decimal, Decimal) {
    match cfg.band_rule(band) {
        Some(r) => (r.min, r.max),
        None => match band {
            QualitativeBand::Achieved => (80.into(), 100.into()),
            QualitativeBand::PartlyAchieved => (60.into(), 80.into()),
            QualitativeBand::NotAchieved => (0.into(), 60.into()),
        },
    }
}

/// The kind a published row's target is re-scored as: its parse, except that a bare or `=`
/// target of 0 (`0起`, `=0次`: accidents, complaints) is reverse — only 0 meets it — and so
/// is a bare amount of money filed under 成本指标 (`3000元/人`): a cost indicator caps what is
/// spent (财预〔2021〕101号), spending less misses nothing.
pub fn published_kind(ind: &Indicator) -> TargetKind {
    let cost = matches!(ind.level2.category, Some(jixiao_model::Level2::Cost | jixiao_model::Level2::EconomicCost));
    match TargetKind::of(ind) {
        TargetKind::Quantity { op, value, upper, unit, .. }
            if value.is_zero() && matches!(op, None | Some(Comparison::Equal)) && upper.is_none() =>
        {
            TargetKind::Quantity { op, value, upper, unit, direction: Direction::Reverse }
        }
        TargetKind::Quantity { op: None, value, upper: None, unit: Some(unit), .. } if cost && unit.contains('元') => {
            TargetKind::Quantity { op: None, value, upper: None, unit: Some(unit), direction: Direction::Reverse }
        }
        kind => kind,
    }
}

/// Judges one printed row under `cfg`.
pub fn judge(ind: &Indicator, cfg: &ScoringConfig) -> Judgement {
    let Some(actual) = ind.evaluation.as_ref().and_then(|e| e.actual.as_ref()).map(|a| &a.value) else {
        return Judgement::NoActual;
    };
    if squeeze(&actual.printed).is_empty() {
        return Judgement::NoActual;
    }
    let target_text = ind.target.as_ref().map(|t| t.value.printed.as_str());
    let kind = published_kind(ind);
    let words = |why: String| {
        let met = words_say_met(&actual.printed, target_text);
        let bands = match met {
            Some(true) => vec![QualitativeBand::Achieved],
            Some(false) if is_partly(&actual.printed) => vec![QualitativeBand::PartlyAchieved],
            Some(false) => vec![QualitativeBand::PartlyAchieved, QualitativeBand::NotAchieved],
            None if is_mostly(&actual.printed) => vec![QualitativeBand::Achieved, QualitativeBand::PartlyAchieved],
            None => QualitativeBand::ALL.to_vec(),
        };
        // A band reached by figures that could not be compared is no judgement of words.
        let met = if why.is_empty() { met } else { None };
        let bands = if why.is_empty() { bands } else { QualitativeBand::ALL.to_vec() };
        Judgement::Bands { bands, met, why }
    };
    match &kind {
        TargetKind::Quantity { value: t, unit, .. } => match &actual.value {
            // Text after the unit (`*月` of `元/人*月`) is not compared: it repeats the target's.
            TargetValue::Quantity { value: a, unit: au, .. } => {
                match in_unit(*a, au.as_deref(), unit.as_deref()) {
                    Ok(a) => {
                        let (share, branch) = rule(&kind, &ActualValue::number(a), cfg);
                        Judgement::Formula {
                            share,
                            branch,
                            target: *t,
                            actual: a,
                            unit: unit.clone().unwrap_or_default(),
                            reverse_formula: cfg.reverse_formula,
                        }
                    }
                    Err(why) => words(why),
                }
            }
            TargetValue::Qualitative { .. } | TargetValue::NotATarget => words(String::new()),
            _ => words(format!("实际完成值“{}”不是数值", actual.printed)),
        },
        TargetKind::Deadline { month: due } => {
            let due_year = ind.target.as_ref().and_then(|t| match t.value.value {
                TargetValue::Deadline { year, .. } => year,
                _ => None,
            });
            match &actual.value {
                TargetValue::Deadline { year, month: Some(done) } => {
                    let late = match (due_year, year) {
                        (Some(dy), Some(y)) if *y != dy => *y > dy,
                        _ => due.is_some_and(|due| *done > due),
                    };
                    if late {
                        Judgement::Bands {
                            bands: vec![QualitativeBand::PartlyAchieved, QualitativeBand::NotAchieved],
                            met: Some(false),
                            why: String::new(),
                        }
                    } else {
                        Judgement::OnTime
                    }
                }
                _ if says_on_time(&actual.printed) => Judgement::OnTime,
                _ => words(String::new()),
            }
        }
        TargetKind::Qualitative | TargetKind::Unreadable { .. } => words(String::new()),
    }
}

/// A number in the actual's unit converted into the target's: the same unit, no unit on
/// either side, or one a multiple of the other (`万元` and `元`, `万亩` and `亩`).
fn in_unit(a: Decimal, actual: Option<&str>, target: Option<&str>) -> Result<Decimal, String> {
    let (Some(au), Some(tu)) = (actual, target) else { return Ok(a) };
    let (af, ab) = split_multiplier(au);
    let (tf, tb) = split_multiplier(tu);
    if unit_key(ab) != unit_key(tb) {
        return Err(format!("实际完成值的单位“{au}”与指标值的单位“{tu}”不同"));
    }
    a.checked_mul(af).and_then(|v| v.checked_div(tf)).ok_or_else(|| "实际完成值过大".to_string())
}

/// `万元` → (10000, `元`); `亩` → (1, `亩`).
fn split_multiplier(unit: &str) -> (Decimal, &str) {
    for (prefix, factor) in [("万", 10_000i64), ("亿", 100_000_000), ("千", 1_000), ("百", 100)] {
        if let Some(rest) = unit.strip_prefix(prefix) {
            if !rest.is_empty() {
                return (Decimal::from(factor), rest);
            }
        }
    }
    (Decimal::ONE, unit)
}

/// Units compared without the ways of writing a product (`元/人*月`, `元/人·月`).
fn unit_key(unit: &str) -> String {
    unit.chars().filter(|c| !matches!(c, '*' | '·' | '×' | '•' | ' ')).collect()
}

/// Words that say the target was missed; a target that itself starts with the same word
/// (`无重大事故`) is not contradicted by it.
const MISSED: [&str; 9] = ["未完成", "未达成", "未达到", "未实现", "尚未", "没有完成", "不能", "无法", "未"];

/// Words that say the target was met (after an optional 已, 均, 全部, 全面, 按时, 如期).
const MET: [&str; 10] = ["完成", "达成", "达到", "实现", "达标", "符合", "合格", "满足", "按时", "如期"];

/// Whether the words of an actual value say the target was met.
pub fn words_say_met(actual: &str, target: Option<&str>) -> Option<bool> {
    let a = strip_ops(&squeeze(actual));
    let t = target.map(|t| strip_ops(&squeeze(t)));
    if a.is_empty() {
        return None;
    }
    if t.as_deref() == Some(a.as_str()) {
        return Some(true);
    }
    let first = |s: &str| s.chars().next();
    if MISSED.iter().any(|w| a.starts_with(w) && t.as_deref().is_none_or(|t| first(t) != first(w))) {
        return Some(false);
    }
    if is_partly(&a) {
        return Some(false);
    }
    if is_mostly(&a) {
        return None;
    }
    let mut rest = a.as_str();
    for lead in ["已经", "已", "均已", "均", "全部", "全面", "圆满"] {
        if let Some(r) = rest.strip_prefix(lead) {
            rest = r;
            break;
        }
    }
    MET.iter().any(|w| rest.starts_with(w)).then_some(true)
}

fn is_partly(s: &str) -> bool {
    squeeze(s).starts_with("部分")
}

/// `基本完成`, `基本达到`: between 达成 and 部分达成.
fn is_mostly(s: &str) -> bool {
    squeeze(s).starts_with("基本")
}

fn says_on_time(s: &str) -> bool {
    let s = squeeze(s);
    ["按时", "如期", "及时", "提前", "准时", "按期"].iter().any(|w| s.contains(w)) && !s.starts_with('未') && !s.starts_with("没有")
}

/// A value without a leading comparison and trailing punctuation, for comparing words.
fn strip_ops(s: &str) -> String {
    let s = s.trim_start_matches(['≥', '≤', '>', '<', '=', '＞', '＜', '＝', '≧', '≦', '═']);
    s.trim_end_matches(['。', '；', ';', '，', ',', '.']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        let met = |a: &str, t: &str| words_say_met(a, Some(t));
        assert_eq!(met("达成预期指标", "效果明显"), Some(true));
        assert_eq!(met("已完成", "完成"), Some(true));
        assert_eq!(met("全部完成", "完成"), Some(true));
        assert_eq!(met("显著提升", "显著提升"), Some(true));
        assert_eq!(met("≥266米", "≥266米"), Some(true), "a copied target is the claim that it was met");
        assert_eq!(met("未完成", "完成"), Some(false));
        assert_eq!(met("尚未建立", "建立"), Some(false));
        assert_eq!(met("部分完成", "完成"), Some(false));
        assert_eq!(met("无", "无重大事故"), None, "a target worded 无… is not contradicted by 无");
        assert_eq!(met("未发生", "未发生重大事故"), None);
        assert_eq!(met("基本达到", "是"), None);
        assert_eq!(met("程度较高", "加大文物保护,展示文物价值"), None);
    }

    #[test]
    fn units_convert_or_part() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(in_unit(d("12"), Some("万元"), Some("万元")), Ok(d("12")));
        assert_eq!(in_unit(d("120000"), Some("元"), Some("万元")), Ok(d("12")));
        assert_eq!(in_unit(d("2.45"), Some("亿元"), Some("万元")), Ok(d("24500")));
        assert_eq!(in_unit(d("583"), Some("元/人*月"), Some("元/人·月")), Ok(d("583")));
        assert_eq!(in_unit(d("96"), None, Some("%")), Ok(d("96")));
        assert!(in_unit(d("5"), Some("人次"), Some("人")).unwrap_err().contains("“人次”与指标值的单位“人”不同"));
    }
}
