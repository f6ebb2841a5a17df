//! Warning lights (预警灯) for in-year monitoring.
//!
//! - Budget: execution rate ÷ the pace — the document's own spending plan at the period's
//!   end where it has one ([`planned_share`]), else the elapsed time share (last month /
//!   12). Default bands: below 60% red, 60–80% yellow, 80% and above green; spending more
//!   than the year's budget is red whatever the pace.
//! - Indicators that accrue over the year (数量, 效益, 满意度 counts): current value ÷
//!   (annual target × month / 12); below 60% red, 60–80% yellow, 80–120% green, 120% and
//!   above blue.
//! - Quality, timeliness and cost indicators, percentages and reverse targets: green when the
//!   current value is within the target, else red.
//! - Deadlines: red once the deadline month has passed without completion.
//!
//! Qualitative or unreadable targets get [`Light::NotApplicable`] with the reason.
//! Lower bounds are inclusive. Ratios are computed as `current × 12 × 100 / (target ×
//! month)` so boundaries are exact.

use jixiao_model::{Comparison, Decimal, Direction, Document, Framework, Indicator, Level1, Money};
use serde::{Deserialize, Serialize};

use crate::actual::{ActualValue, TargetKind};
use crate::monitoring::{IndicatorProgress, MonitoringReport, Period, ProjectMonitoring};

/// 预警灯。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "light", rename_all = "snake_case")]
pub enum Light {
    Red,
    Yellow,
    Green,
    Blue,
    /// 不适用，附原因。
    NotApplicable { reason: String },
}

impl Light {
    pub fn label(&self) -> &'static str {
        match self {
            Light::Red => "红灯",
            Light::Yellow => "黄灯",
            Light::Green => "绿灯",
            Light::Blue => "蓝灯",
            Light::NotApplicable { .. } => "不适用",
        }
    }

    /// A CSS colour for HTML renderers.
    pub fn color(&self) -> &'static str {
        match self {
            Light::Red => "#d93025",
            Light::Yellow => "#f9ab00",
            Light::Green => "#188038",
            Light::Blue => "#1a73e8",
            Light::NotApplicable { .. } => "#9aa0a6",
        }
    }

    fn na(reason: impl Into<String>) -> Light {
        Light::NotApplicable { reason: reason.into() }
    }
}

/// 预警阈值（百分数）：`ratio < red_below` 红，`< yellow_below` 黄，`>= blue_from` 蓝，其余绿。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LightThresholds {
    pub red_below: Decimal,
    pub yellow_below: Decimal,
    pub blue_from: Option<Decimal>,
}

impl LightThresholds {
    pub fn classify(&self, ratio_percent: Decimal) -> Light {
        if ratio_percent < self.red_below {
            Light::Red
        } else if ratio_percent < self.yellow_below {
            Light::Yellow
        } else if self.blue_from.is_some_and(|b| ratio_percent >= b) {
            Light::Blue
        } else {
            Light::Green
        }
    }
}

/// 预警设置。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LightConfig {
    /// 预算执行进度的阈值（默认 60/80，无蓝灯）。
    pub budget: LightThresholds,
    /// 累计类指标的阈值（默认 60/80/120）。
    pub accrual: LightThresholds,
    /// Whether percentage targets in accruing categories also accrue (default no: a
    /// satisfaction rate of 95% is a level, not a count that grows through the year).
    pub accrue_percentages: bool,
}

impl Default for LightConfig {
    fn default() -> Self {
        LightConfig {
            budget: LightThresholds { red_below: 60.into(), yellow_below: 80.into(), blue_from: None },
            accrual: LightThresholds { red_below: 60.into(), yellow_below: 80.into(), blue_from: Some(120.into()) },
            accrue_percentages: false,
        }
    }
}

/// 预算执行预警。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLight {
    /// 预算执行率（%）= 执行数 / 全年预算数。
    pub execution_rate: Option<Decimal>,
    /// 进度（%）：时间进度 = 截止月份 / 12，或（`planned`）支出计划的累计进度。
    pub time_share: Decimal,
    /// 执行率 ÷ 时间进度（%）。
    pub ratio: Option<Decimal>,
    pub light: Light,
    /// 超支额（万元）：执行数超过全年预算数时，超出的部分（红灯，不论进度）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overspent: Option<Decimal>,
    /// `time_share` is the document's own spending plan at the period's end (资金支出计划,
    /// cumulative, interpolated between its months), not month / 12.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub planned: bool,
}

/// The share of the year's budget the project's own spending plan (cumulative % at the end
/// of months 3, 6, 10 and 12) foresees spent by the end of `month`, straight-line between
/// its months (and from 0 at the start of the year). `None` when the plan lacks a month it
/// needs or foresees nothing spent by then (then the time share month / 12 applies).
pub fn planned_share(plan: &jixiao_model::SpendingPlan, month: u32) -> Option<Decimal> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let mut points: Vec<(u32, Option<Decimal>)> = vec![(0, Some(Decimal::ZERO))];
    for (m, p) in jixiao_model::SpendingPlan::MONTHS.iter().zip(&plan.cumulative_percent) {
        points.push((*m, p.as_ref().map(|p| p.value)));
    }
    let k = points.iter().position(|(m, _)| *m >= month)?;
    let (m1, p1) = (points[k].0, points[k].1?);
    let (m0, p0) = (points[k - 1].0, points[k - 1].1?);
    let share = p0 + (p1 - p0) * Decimal::from(month - m0) / Decimal::from(m1 - m0);
    (share > Decimal::ZERO).then_some(share)
}

/// How an indicator's light was computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum LightMethod {
    /// 累计类：期末应完成值 = 年度指标值 × 月份 / 12。
    Accrual { expected: Decimal },
    /// 区间类：是否在指标值范围内。
    InRange,
    /// 时限类。
    Deadline,
    /// 未计算。
    None,
}

impl LightMethod {
    pub fn label(&self) -> String {
        match self {
            LightMethod::Accrual { expected } => format!("按进度累计（期末应完成 {}）", crate::round2(*expected).normalize()),
            LightMethod::InRange => "是否在指标值范围内".into(),
            LightMethod::Deadline => "是否按时限完成".into(),
            LightMethod::None => String::new(),
        }
    }
}

/// 指标预警。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorLight {
    pub indicator: usize,
    pub method: LightMethod,
    /// 完成进度（%）：累计类为当前值 ÷ 期末应完成值，区间类为当前值 ÷ 指标值。
    pub ratio: Option<Decimal>,
    pub light: Light,
}

/// 一个项目的全部预警灯。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectLights {
    pub project: usize,
    pub budget: BudgetLight,
    pub indicators: Vec<IndicatorLight>,
}

impl ProjectLights {
    /// Counts of red, yellow, green, blue and not-applicable indicator lights.
    pub fn counts(&self) -> [usize; 5] {
        let mut c = [0; 5];
        for l in &self.indicators {
            let i = match l.light {
                Light::Red => 0,
                Light::Yellow => 1,
                Light::Green => 2,
                Light::Blue => 3,
                Light::NotApplicable { .. } => 4,
            };
            c[i] += 1;
        }
        c
    }
}

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;
const TWELVE: Decimal = Decimal::from_parts(12, 0, 0, false, 0);

/// 预算执行预警灯，按时间进度（截至月份 / 12）。
pub fn budget_light(spent: Option<Money>, budget: Option<Money>, period: Period, cfg: &LightConfig) -> BudgetLight {
    budget_light_planned(spent, budget, period, None, cfg)
}

/// 预算执行预警灯：有支出计划时按计划进度（`planned`，百分数），否则按时间进度。
pub fn budget_light_planned(
    spent: Option<Money>,
    budget: Option<Money>,
    period: Period,
    planned: Option<Decimal>,
    cfg: &LightConfig,
) -> BudgetLight {
    let month = Decimal::from(period.last_month);
    // The pace the execution is compared with, in percent: the plan's, or month / 12.
    let (time_share, pace_num, pace_den) = match planned {
        Some(p) => (p, p, HUNDRED),
        None => (month * HUNDRED / TWELVE, month, TWELVE),
    };
    // Spending more than the whole year's budget is overspending, whatever the pace: red.
    let overspent = match (spent, budget) {
        (Some(s), Some(b)) if b.0 > Decimal::ZERO && s.0 > b.0 => Some(s.0 - b.0),
        _ => None,
    };
    let (execution_rate, ratio, light) = match (spent, budget) {
        _ if !(1..=12).contains(&period.last_month) => (None, None, Light::na("监控期间无效")),
        (_, None) => (None, None, Light::na("无全年预算数")),
        (_, Some(b)) if b.0 <= Decimal::ZERO => (None, None, Light::na("全年预算数为 0")),
        (None, _) => (None, None, Light::na("未填写执行数")),
        (Some(s), Some(b)) => {
            let rate = crate::percent_of(s.0, b.0);
            // 执行率 ÷ 进度 = spent × den / (budget × num), exact for month / 12.
            let ratio = s.0.checked_mul(pace_den).zip(b.0.checked_mul(pace_num)).and_then(|(n, d)| crate::percent_of(n, d));
            match (rate, ratio) {
                (Some(rate), Some(ratio)) if overspent.is_some() => (Some(rate), Some(ratio), Light::Red),
                (Some(rate), Some(ratio)) => (Some(rate), Some(ratio), cfg.budget.classify(ratio)),
                _ => (None, None, Light::na("金额过大，无法计算")),
            }
        }
    };
    let overspent = overspent.filter(|_| light == Light::Red);
    BudgetLight { execution_rate, time_share, ratio, light, overspent, planned: planned.is_some() }
}

/// Whether the indicator's category accrues over the year; `None` when unknown.
fn accrues(indicator: &Indicator, framework: Framework) -> Option<bool> {
    match indicator.level2.category {
        Some(c) => Some(c.accrues()),
        None => match indicator.level1_category(framework)? {
            Level1::Benefit | Level1::Satisfaction => Some(true),
            Level1::Cost => Some(false),
            Level1::Output => None,
        },
    }
}

fn in_range(op: Option<Comparison>, value: Decimal, upper: Option<Decimal>, current: Decimal) -> bool {
    if let Some(hi) = upper {
        return value <= current && current <= hi;
    }
    match op {
        None | Some(Comparison::AtLeast | Comparison::Equal | Comparison::About) => current >= value,
        Some(Comparison::MoreThan) => current > value,
        Some(Comparison::AtMost) => current <= value,
        Some(Comparison::LessThan) => current < value,
    }
}

/// 单条指标的预警灯。
pub fn indicator_light(
    indicator: &Indicator,
    index: usize,
    framework: Framework,
    progress: Option<&IndicatorProgress>,
    period: Period,
    cfg: &LightConfig,
) -> IndicatorLight {
    let current = progress.and_then(|p| p.current.as_ref());
    let (method, ratio, light) = match TargetKind::of(indicator) {
        TargetKind::Unreadable { reason } => (LightMethod::None, None, Light::na(format!("{reason}，不计算预警灯"))),
        TargetKind::Qualitative => (LightMethod::None, None, Light::na("定性指标，不计算预警灯，按完成可能性跟踪")),
        TargetKind::Deadline { month } => {
            let due = month.unwrap_or(12);
            let light = match current {
                Some(ActualValue::Completed { month: done }) if *done <= due => Light::Green,
                Some(ActualValue::Completed { .. }) => Light::Red,
                Some(ActualValue::NotCompleted) if period.last_month > due => Light::Red,
                Some(ActualValue::NotCompleted) => Light::Green,
                Some(_) => Light::na("时限指标按定性档次填报，不计算预警灯"),
                None => Light::na("未填写完成情况"),
            };
            (LightMethod::Deadline, None, light)
        }
        TargetKind::Quantity { op, value, upper, unit, direction } => {
            let percent = unit.as_deref() == Some("%");
            match (current, accrues(indicator, framework)) {
                (None, _) => (LightMethod::None, None, Light::na("未填写当前完成值")),
                (Some(ActualValue::Number { value: c }), Some(true))
                    if direction == Direction::Positive
                        && upper.is_none()
                        && (!percent || cfg.accrue_percentages)
                        && value > Decimal::ZERO =>
                {
                    let month = Decimal::from(period.last_month);
                    let expected = value.checked_mul(month).map(|v| v / TWELVE);
                    let ratio = c.checked_mul(TWELVE).zip(value.checked_mul(month)).and_then(|(n, d)| crate::percent_of(n, d));
                    match (expected, ratio) {
                        _ if !(1..=12).contains(&period.last_month) => (LightMethod::None, None, Light::na("监控期间无效")),
                        (Some(expected), Some(ratio)) => (LightMethod::Accrual { expected }, Some(ratio), cfg.accrual.classify(ratio)),
                        _ => (LightMethod::None, None, Light::na("数值过大，无法计算")),
                    }
                }
                (Some(ActualValue::Number { value: c }), Some(_)) => {
                    let ratio = crate::percent_of(*c, value);
                    let light = if in_range(op, value, upper, *c) { Light::Green } else { Light::Red };
                    (LightMethod::InRange, ratio, light)
                }
                (Some(_), Some(_)) => (LightMethod::None, None, Light::na("当前完成值不是数值")),
                (Some(_), None) => (LightMethod::None, None, Light::na("无法识别指标类别（二级指标）")),
            }
        }
    };
    IndicatorLight { indicator: index, method, ratio, light }
}

/// All lights of one project for a period; indicators without an entry get not-applicable
/// lights.
pub fn project_lights(doc: &Document, pm: &ProjectMonitoring, period: Period, cfg: &LightConfig) -> ProjectLights {
    let framework = doc.framework();
    let indicators = doc.projects.get(pm.project).map_or(&[][..], |p| &p.indicators[..]);
    ProjectLights {
        project: pm.project,
        budget: budget_light_planned(
            pm.spent_to_date,
            pm.budget(doc),
            period,
            doc.projects.get(pm.project).and_then(|p| p.spending_plan.as_ref()).and_then(|plan| planned_share(plan, period.last_month)),
            cfg,
        ),
        indicators: indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| {
                let progress = pm.indicators.iter().find(|p| p.indicator == i);
                indicator_light(ind, i, framework, progress, period, cfg)
            })
            .collect(),
    }
}

/// The lights of every project in a monitoring report.
pub fn report_lights(doc: &Document, report: &MonitoringReport, cfg: &LightConfig) -> Vec<ProjectLights> {
    report.projects.iter().map(|pm| project_lights(doc, pm, report.period, cfg)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdoc::ind;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn period(month: u32) -> Period {
        Period::to_month(Some(2023), month).unwrap()
    }

    fn progress(value: ActualValue) -> IndicatorProgress {
        IndicatorProgress { current: Some(value), ..IndicatorProgress::empty(0) }
    }

    fn light_of(target_row: Indicator, month: u32, current: ActualValue) -> IndicatorLight {
        indicator_light(&target_row, 0, Framework::Classic, Some(&progress(current)), period(month), &LightConfig::default())
    }

    /// Budget 100 万元 at year end (time share 100%): the ratio is the spent amount itself.
    #[test]
    fn budget_boundaries_at_year_end() {
        let cfg = LightConfig::default();
        for (spent, ratio, light) in [
            ("59.99", "59.99", Light::Red),
            ("60", "60", Light::Yellow),
            ("79.99", "79.99", Light::Yellow),
            ("80", "80", Light::Green),
            ("100", "100", Light::Green), // no blue light for spending
            ("120", "120", Light::Red),   // 20 万元 over the year's budget
        ] {
            let b = budget_light(Some(Money(d(spent))), Some(Money(d("100"))), period(12), &cfg);
            assert_eq!(b.ratio, Some(d(ratio)), "{spent}");
            assert_eq!(b.light, light, "{spent}");
        }
    }

    /// July: time share 7/12. Budget 120 万元, so 70 万元 is on schedule (ratio 100%).
    /// 60% of schedule = 42 万元, 80% = 56 万元; 41.993 万元 is 41.993 / 0.7 = 59.99%.
    #[test]
    fn budget_boundaries_in_july() {
        let cfg = LightConfig::default();
        let at = |spent: &str| budget_light(Some(Money(d(spent))), Some(Money(d("120"))), period(7), &cfg);
        assert_eq!(at("41.993").light, Light::Red);
        assert_eq!(at("41.993").ratio, Some(d("59.99")));
        assert_eq!(at("42").light, Light::Yellow);
        assert_eq!(at("42").ratio, Some(d("60")));
        assert_eq!(at("55.99").light, Light::Yellow);
        assert_eq!(at("56").light, Light::Green);
        // 执行率 70 / 120 = 58.33…%, 时间进度 7/12 = 58.33…%.
        assert_eq!(crate::round2(at("70").execution_rate.unwrap()), d("58.33"));
        assert_eq!(crate::round2(at("70").time_share), d("58.33"));
        assert_eq!(at("120").overspent, None, "the whole budget spent is not overspending");
        assert_eq!(budget_light(None, Some(Money(d("1"))), period(7), &cfg).light, Light::na("未填写执行数"));
        assert_eq!(budget_light(Some(Money(d("1"))), Some(Money::ZERO), period(7), &cfg).light, Light::na("全年预算数为 0"));
    }

    /// Issue 17: 70 万元 spent of a 55 万元 budget by July is 218% of the pace, but it is
    /// overspending: a red light with the excess, never green.
    #[test]
    fn overspending_is_red_whatever_the_pace() {
        let cfg = LightConfig::default();
        let b = budget_light(Some(Money(d("70"))), Some(Money(d("55"))), period(7), &cfg);
        assert_eq!(b.light, Light::Red);
        assert_eq!(b.overspent, Some(d("15")));
        assert_eq!(crate::round2(b.execution_rate.unwrap()), d("127.27"));
        let on_budget = budget_light(Some(Money(d("55"))), Some(Money(d("55"))), period(7), &cfg);
        assert_eq!((on_budget.light, on_budget.overspent), (Light::Green, None));
        let early = budget_light(Some(Money(d("54"))), Some(Money(d("55"))), period(3), &cfg);
        assert_eq!((early.light, early.overspent), (Light::Green, None), "ahead of pace within the budget");
    }

    /// Issue 17: with a spending plan (3月 20%, 6月 50%, 10月 80%, 12月 100%), August's pace
    /// is 65% (halfway from 50% to 80%), not 8/12: 26 of 50 万元 (52%) is 80% of the plan's
    /// pace, green, where the time share (66.67%) would give 78%, yellow.
    #[test]
    fn the_spending_plan_sets_the_pace() {
        use jixiao_model::{Located, Origin, SpendingPlan};
        let at = |p: &str| Some(Located::new(d(p), Origin::line(1)));
        let plan = SpendingPlan { cumulative_percent: [at("20"), at("50"), at("80"), at("100")] };
        assert_eq!(planned_share(&plan, 8), Some(d("65")));
        assert_eq!(planned_share(&plan, 3), Some(d("20")));
        assert_eq!(planned_share(&plan, 12), Some(d("100")));
        assert_eq!(crate::round2(planned_share(&plan, 1).unwrap()), d("6.67"));
        let cfg = LightConfig::default();
        let b = budget_light_planned(Some(Money(d("26"))), Some(Money(d("50"))), period(8), planned_share(&plan, 8), &cfg);
        assert_eq!((b.ratio, b.light.clone(), b.time_share, b.planned), (Some(d("80")), Light::Green, d("65"), true));
        let by_time = budget_light(Some(Money(d("26"))), Some(Money(d("50"))), period(8), &cfg);
        assert_eq!((by_time.ratio, by_time.light, by_time.planned), (Some(d("78")), Light::Yellow, false));
        // A plan with a month missing, or nothing planned yet, leaves the time share.
        let partial = SpendingPlan { cumulative_percent: [at("20"), None, at("80"), at("100")] };
        assert_eq!(planned_share(&partial, 8), None);
        assert_eq!(planned_share(&partial, 2).map(crate::round2), Some(d("13.33")), "only the months it needs");
        let late = SpendingPlan { cumulative_percent: [at("0"), at("0"), at("60"), at("100")] };
        assert_eq!(planned_share(&late, 5), None);
    }

    /// 检查次数 ≥120次 in June: expected 120 × 6/12 = 60; ratio = current / 60.
    #[test]
    fn accrual_boundaries() {
        let row = || ind("产出指标", "数量指标", "检查次数", "≥120次");
        for (current, ratio, light) in [
            ("35.994", "59.99", Light::Red),
            ("36", "60", Light::Yellow),
            ("47.994", "79.99", Light::Yellow),
            ("48", "80", Light::Green),
            ("71.994", "119.99", Light::Green),
            ("72", "120", Light::Blue),
        ] {
            let l = light_of(row(), 6, ActualValue::number(d(current)));
            assert_eq!(l.method, LightMethod::Accrual { expected: d("60") });
            assert_eq!(l.ratio, Some(d(ratio)), "{current}");
            assert_eq!(l.light, light, "{current}");
        }
    }

    #[test]
    fn thresholds_are_configurable() {
        let cfg = LightConfig {
            accrual: LightThresholds { red_below: d("50"), yellow_below: d("70"), blue_from: None },
            ..LightConfig::default()
        };
        let row = ind("效益指标", "社会效益指标", "受益人数", "≥1200人");
        // 12月: expected 1200; 600 is 50% → yellow under these thresholds (red by default).
        let l = indicator_light(&row, 0, Framework::Classic, Some(&progress(ActualValue::number(d("600")))), period(12), &cfg);
        assert_eq!(l.light, Light::Yellow);
        let l = light_of(row, 12, ActualValue::number(d("600")));
        assert_eq!(l.light, Light::Red);
    }

    #[test]
    fn in_range_indicators() {
        let cases = [
            (ind("产出指标", "质量指标", "验收合格率", "≥95%"), "95", Light::Green),
            (ind("产出指标", "质量指标", "验收合格率", "≥95%"), "94.99", Light::Red),
            (ind("产出指标", "成本指标", "培训成本", "≤10万元"), "10", Light::Green),
            (ind("产出指标", "成本指标", "培训成本", "≤10万元"), "10.01", Light::Red),
            (ind("产出指标", "数量指标", "安全事故", "<2次"), "1", Light::Green),
            (ind("产出指标", "数量指标", "安全事故", "<2次"), "2", Light::Red),
            // A satisfaction rate does not accrue: 92% against ≥90% is in range in March.
            (ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%"), "92", Light::Green),
            (ind("产出指标", "质量指标", "达标率", "90%-100%"), "100", Light::Green),
            (ind("产出指标", "质量指标", "达标率", "90%-100%"), "89", Light::Red),
        ];
        for (row, current, want) in cases {
            let l = light_of(row.clone(), 3, ActualValue::number(d(current)));
            assert_eq!(l.method, LightMethod::InRange, "{} {current}", row.level3_text());
            assert_eq!(l.light, want, "{} {current}", row.level3_text());
        }
    }

    proptest::proptest! {
        /// Whatever a document prints and whatever is entered, lights never panic.
        #[test]
        fn lights_never_panic(
            target in proptest::num::u128::ANY, lo in 0u32..30, current in proptest::num::u128::ANY,
            spent in proptest::num::u128::ANY, month in 0u32..14, which in 0usize..4,
        ) {
            let big = |n: u128, scale: u32| Decimal::from_i128_with_scale((n % 79_228_162_514_264_337_593_543_950_335u128) as i128, scale % 28);
            let t = big(target, lo);
            let printed = format!("{}{}次", ["≥", "≤", "<", ""][which], t);
            let row = ind("产出指标", "数量指标", "次数", &printed);
            let period = Period { year: None, first_month: 1, last_month: month };
            let p = progress(ActualValue::number(big(current, lo + 3)));
            let _ = indicator_light(&row, 0, Framework::Classic, Some(&p), period, &LightConfig::default());
            let _ = budget_light(Some(Money(big(spent, 0))), Some(Money(big(current, lo))), period, &LightConfig::default());
        }
    }

    #[test]
    fn deadlines_and_reasons() {
        let due_june = || ind("产出指标", "时效指标", "完成时间", "2023年6月底前");
        assert_eq!(light_of(due_june(), 7, ActualValue::Completed { month: 5 }).light, Light::Green);
        assert_eq!(light_of(due_june(), 7, ActualValue::Completed { month: 7 }).light, Light::Red);
        assert_eq!(light_of(due_june(), 5, ActualValue::NotCompleted).light, Light::Green);
        assert_eq!(light_of(due_june(), 7, ActualValue::NotCompleted).light, Light::Red);

        let qual = light_of(ind("效益指标", "社会效益指标", "制度", "健全"), 7, ActualValue::band(crate::QualitativeBand::Achieved));
        assert_eq!(qual.light, Light::na("定性指标，不计算预警灯，按完成可能性跟踪"));
        let name = light_of(ind("产出指标", "数量指标", "次数", "开展执法检查次数"), 7, ActualValue::number(d("3")));
        assert_eq!(name.light, Light::na("指标值一栏印的是指标名称，不是指标值，不计算预警灯"));
        let none = indicator_light(&ind("产出指标", "数量指标", "次数", "≥3次"), 0, Framework::Classic, None, period(7), &LightConfig::default());
        assert_eq!(none.light, Light::na("未填写当前完成值"));
    }
}
