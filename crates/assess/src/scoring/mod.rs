//! 自评评分 (财预〔2020〕10号): budget execution plus output, benefit and satisfaction
//! indicators, each figure kept so the 项目支出绩效自评表 can print it.
//!
//! - 预算执行率 = 全年执行数 / 全年预算数; score = points × min(rate, 1).
//! - Positive quantities (≥, >, =): actual ≥ target → full points, else points × actual /
//!   target.
//! - Reverse quantities (≤, <): actual ≤ target → full; below twice the target → points ×
//!   (1 − (actual − target) / target); twice or more → 0. Configured as
//!   [`ReverseFormula::Ratio`] (the A/B formula some provinces use): points × target / actual.
//! - Qualitative (and unreadable) targets: the evaluator's band, scored as a share of the
//!   points within the band's range.
//! - Deadlines: completed by the deadline month → full; late or not completed → 0 (or an
//!   evaluator's band).
//! - A level's points are split evenly among its indicators unless weights are set; a missing
//!   level's points (and the budget's, when the budget is 0) follow [`MissingLevel`].
//!
//! All arithmetic is exact; [`crate::round2`] is for display.

mod config;
#[cfg(test)]
mod tests;

pub use config::{BandRule, Grade, GradeBand, IndicatorWeight, LevelScheme, MissingLevel, ReverseFormula, ScoringConfig, ZeroBudget};

use jixiao_model::{Decimal, Direction, Document, Indicator, Level1, Money};
use serde::{Deserialize, Serialize};

use crate::actual::{ActualValue, QualitativeBand, TargetKind};
use crate::error::{InputError, Place};
use crate::monitoring::{MonitoringReport, ProjectMonitoring};

/// 资金的一行：年初预算数、全年预算数、全年执行数（万元）。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundRow {
    pub initial: Option<Money>,
    pub adjusted: Option<Money>,
    pub executed: Option<Money>,
}

impl FundRow {
    /// 执行率（%）。
    pub fn rate(&self) -> Option<Decimal> {
        let (a, e) = (self.adjusted?, self.executed?);
        crate::percent_of(e.0, a.0).filter(|_| a.0 > Decimal::ZERO)
    }

    fn is_empty(&self) -> bool {
        self.initial.is_none() && self.adjusted.is_none() && self.executed.is_none()
    }
}

/// 自评表的资金行：年度资金总额，其中本年财政拨款、上年结转资金、其他资金。
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funds {
    /// 年度资金总额
    pub total: FundRow,
    /// 其中：本年财政拨款
    pub fiscal: FundRow,
    /// 上年结转资金
    pub carried_over: FundRow,
    /// 其他资金
    pub other: FundRow,
}

impl Funds {
    /// The rows with their printed labels, in table order.
    pub fn rows(&self) -> [(&'static str, &FundRow); 4] {
        [
            ("年度资金总额", &self.total),
            ("其中：本年财政拨款", &self.fiscal),
            ("上年结转资金", &self.carried_over),
            ("其他资金", &self.other),
        ]
    }
}

/// 一个项目的年终自评填报。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SelfEvaluation {
    /// Index in `Document::projects`.
    pub project: usize,
    /// 年初预算数缺省取文档所印预算数。
    pub funds: Funds,
    /// 执行率偏低的原因说明。
    pub budget_explanation: Option<String>,
    /// 总体目标实际完成情况。
    pub goal_actual: Option<String>,
    pub indicators: Vec<IndicatorActual>,
}

/// 一条指标的实际完成值。
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorActual {
    /// Index in the project's `indicators`.
    pub indicator: usize,
    pub actual: Option<ActualValue>,
    /// 偏差原因分析及改进措施（填报人所写）。
    pub explanation: Option<String>,
}

impl SelfEvaluation {
    /// Year-end monitoring (1–12月) as self-evaluation input: 全年预算数 and 执行数 carry
    /// over, the funds' sources, 实际完成情况 and the explanation of a low execution rate as
    /// filled ([`crate::monitoring::YearEnd`]), 当前完成值 is the actual value, cause and
    /// measures become the explanation.
    pub fn from_monitoring(pm: &ProjectMonitoring) -> SelfEvaluation {
        let text = |t: &Option<String>| t.as_deref().map(jixiao_model::text::trim).filter(|t| !t.is_empty()).map(str::to_string);
        SelfEvaluation {
            project: pm.project,
            funds: Funds {
                total: FundRow { initial: None, adjusted: pm.annual_budget, executed: pm.spent_to_date },
                fiscal: pm.year_end.fiscal,
                carried_over: pm.year_end.carried_over,
                other: pm.year_end.other,
            },
            budget_explanation: text(&pm.year_end.budget_explanation),
            goal_actual: text(&pm.year_end.goal_actual),
            indicators: pm
                .indicators
                .iter()
                .map(|p| {
                    let parts: Vec<String> = [
                        p.cause.map(|c| format!("{}：", c.label())),
                        p.cause_text.clone(),
                        p.measures.as_ref().map(|m| format!("改进措施：{m}")),
                    ]
                    .into_iter()
                    .flatten()
                    .collect();
                    IndicatorActual {
                        indicator: p.indicator,
                        actual: p.current.clone(),
                        explanation: (!parts.is_empty()).then(|| parts.concat()),
                    }
                })
                .collect(),
        }
    }
}

/// 评分组：一级指标，或不分级时的“绩效指标”。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Level(Level1),
    Pooled,
}

impl Group {
    pub fn label(self) -> &'static str {
        match self {
            Group::Level(l) => l.name(),
            Group::Pooled => "绩效指标",
        }
    }
}

/// Which scoring rule applied to an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Branch {
    /// 正向指标达成
    Met,
    /// 正向指标未达成：按比例得分
    PartlyMet,
    /// 反向指标在指标值以内
    ReverseWithin,
    /// 反向指标超出但不到两倍
    ReverseBeyond,
    /// 反向指标达到或超过两倍：0 分
    ReverseTwiceOrMore,
    /// 定性档次
    Band(QualitativeBand),
    /// 按时完成
    OnTime,
    /// 逾期完成
    Late,
    /// 未完成
    NotCompleted,
    /// 自评表所印的得分，规则无法复核（没有实际完成值、文字看不出档次、单位不同）
    AsPrinted,
}

/// 自评表所印的一个得分，及按评分规则复核的结论（`jixiao-assess` 的 [`crate::rescore`]）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedScore {
    /// 所印得分。
    pub score: Decimal,
    /// 评分规则认可这一得分。
    pub holds: bool,
}

/// 自评表所印的等级及复核结论。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedGrade {
    /// 如所印（`优`、`良好`）。
    pub printed: String,
    /// 与所印总分所在的分数段相符。
    pub holds: bool,
}

/// 预算执行率得分。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetScore {
    /// 分值（不适用时为 0，分值已分给各级指标）。
    pub points: Decimal,
    /// 执行率（%）。
    pub rate: Option<Decimal>,
    pub score: Decimal,
    /// 说明（如“全年预算数为 0，预算执行率不适用”）。
    pub note: Option<String>,
    /// 自评表所印的预算执行得分（复核时）。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub published: Option<PublishedScore>,
}

/// 一级指标（评分组）得分。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupScore {
    pub group: Group,
    /// 设置的分值。
    pub nominal: Decimal,
    /// 分配缺项后的分值。
    pub points: Decimal,
    pub score: Decimal,
}

/// 单条指标得分。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorScore {
    pub indicator: usize,
    pub group: Group,
    /// 一级、二级、三级指标（如文档所印）。
    pub level1: String,
    pub level2: String,
    pub level3: String,
    /// 年度指标值（原文）。
    pub target: String,
    /// 实际完成值（显示文本）。
    pub actual: String,
    /// 分值。
    pub points: Decimal,
    /// 得分比例（0–1）。
    pub share: Decimal,
    /// 得分。
    pub score: Decimal,
    pub branch: Branch,
    /// 偏差原因分析及改进措施。
    pub deviation: String,
    /// 自评表所印的得分（复核时）；`score` 是按规则重算的得分。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub published: Option<PublishedScore>,
}

/// 一个项目的自评结果：自评表所需的全部数字。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectScore {
    pub project: usize,
    pub name: String,
    /// 预算单位名称（如有）。
    pub unit: Option<String>,
    pub funds: Funds,
    pub budget: BudgetScore,
    pub groups: Vec<GroupScore>,
    pub indicators: Vec<IndicatorScore>,
    /// 总分（精确值；显示时保留两位）。
    pub total: Decimal,
    /// 满分（缺项不再分配时低于 100）。
    pub max_total: Decimal,
    pub grade: Grade,
    /// 预期目标。
    pub goals: Vec<String>,
    /// 实际完成情况。
    pub goal_actual: Option<String>,
    /// 执行率偏低原因说明（填报或所印的）。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub budget_explanation: Option<String>,
    /// 须补充说明之处（中文）；复核时为所印得分与规则不符之处。
    pub warnings: Vec<String>,
    /// 自评表所印的总分（复核时）；`total` 是按规则重算的总分。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub published_total: Option<PublishedScore>,
    /// 自评表所印的等级（复核时）。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub published_grade: Option<PublishedGrade>,
}

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Scores every evaluation of a document; all problems are returned together.
pub fn score_document(doc: &Document, evals: &[SelfEvaluation], cfg: &ScoringConfig) -> Result<Vec<ProjectScore>, Vec<InputError>> {
    let mut scores = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for e in evals {
        if !seen.insert(e.project) && e.project < doc.projects.len() {
            errors.push(InputError::Duplicate { place: Place::project(doc, e.project) });
            continue;
        }
        match score(doc, e, cfg) {
            Ok(s) => scores.push(s),
            Err(mut es) => {
                es.retain(|e| !errors.contains(e)); // config errors once, not per project
                errors.extend(es)
            }
        }
    }
    if errors.is_empty() {
        Ok(scores)
    } else {
        Err(errors)
    }
}

/// Scores year-end monitoring data (a period ending in December, e.g. an imported 1–12月
/// template): 全年预算数 and 执行数 and the 当前完成值 of each indicator are the actuals.
pub fn score_year_end(doc: &Document, report: &MonitoringReport, cfg: &ScoringConfig) -> Result<Vec<ProjectScore>, Vec<InputError>> {
    if report.period.last_month != 12 {
        return Err(vec![InputError::BadPeriod {
            problem: format!("自评须使用截至12月的全年数据，此数据为{}", report.period.label()),
        }]);
    }
    let evals: Vec<SelfEvaluation> = report.projects.iter().map(SelfEvaluation::from_monitoring).collect();
    score_document(doc, &evals, cfg)
}

/// Scores one project.
pub fn score(doc: &Document, eval: &SelfEvaluation, cfg: &ScoringConfig) -> Result<ProjectScore, Vec<InputError>> {
    cfg.validate().map_err(|e| vec![e])?;
    let Some(project) = doc.projects.get(eval.project) else {
        return Err(vec![InputError::UnknownProject { project: eval.project, count: doc.projects.len() }]);
    };
    let place = Place::project(doc, eval.project);
    let mut errors = Vec::new();
    let funds = checked_funds(doc, eval, &place, &mut errors);
    if project.indicators.is_empty() {
        errors.push(InputError::Unscorable { place: place.clone(), problem: "项目没有绩效指标".into() });
    }

    // Actual values by indicator, each checked against its target's kind.
    let mut actuals: Vec<Option<&IndicatorActual>> = vec![None; project.indicators.len()];
    for a in &eval.indicators {
        match actuals.get_mut(a.indicator) {
            None => errors.push(InputError::UnknownIndicator {
                project: eval.project,
                indicator: a.indicator,
                count: project.indicators.len(),
            }),
            Some(Some(_)) => errors.push(InputError::Duplicate { place: Place::indicator(doc, eval.project, a.indicator) }),
            Some(slot) => *slot = Some(a),
        }
    }
    let framework = doc.framework();
    let mut groups_of = Vec::new();
    for (i, ind) in project.indicators.iter().enumerate() {
        let place = Place::indicator(doc, eval.project, i);
        let kind = TargetKind::of(ind);
        match actuals[i].and_then(|a| a.actual.as_ref()) {
            None => errors.push(InputError::Missing { place: place.clone(), field: "实际完成值" }),
            Some(v) => {
                if let Err(problem) = kind.accepts(v).and_then(|()| band_share(v, cfg).map(|_| ())) {
                    errors.push(InputError::WrongKind { place: place.clone(), field: "实际完成值", value: v.display(&kind), problem });
                }
            }
        }
        match group_of(ind, framework, cfg) {
            Some(g) => groups_of.push(g),
            None => errors.push(InputError::Unscorable {
                place,
                problem: format!("无法识别一级指标「{}」，不知道计入哪一级分值", ind.level1.printed.value),
            }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let budget = budget_score(&funds, cfg);
    let groups = allot_groups(&groups_of, &budget, cfg);
    let points = indicator_points(doc, eval.project, &groups_of, &groups, cfg).map_err(|e| vec![e])?;

    let mut warnings = Vec::new();
    if let (Some(a), Some(e)) = (funds.total.adjusted, funds.total.executed) {
        if a.0 > Decimal::ZERO && e.0 > a.0 {
            warnings.push(format!(
                "{place}：全年执行数 {e} 超过全年预算数 {a}（执行率 {}%），超预算支出须说明原因并核实资金来源；预算执行得分按满分计",
                crate::fmt2(budget.rate.unwrap_or_default())
            ));
        }
    }
    if budget.rate.is_some_and(|r| r < cfg.explain_below_rate) && blank(&eval.budget_explanation) {
        warnings.push(format!(
            "{place}：预算执行率 {}% 低于 {}%，须说明原因",
            crate::fmt2(budget.rate.unwrap_or_default()),
            cfg.explain_below_rate.normalize()
        ));
    }
    let mut indicators = Vec::new();
    for (i, ind) in project.indicators.iter().enumerate() {
        let entry = actuals[i].expect("checked above");
        let actual = entry.actual.as_ref().expect("checked above");
        let kind = TargetKind::of(ind);
        let (share, branch) = rule(&kind, actual, cfg);
        let mut deviation = explain(&kind, actual, share, branch);
        match entry.explanation.as_deref().map(jixiao_model::text::trim).filter(|t| !t.is_empty()) {
            Some(text) => {
                deviation.push(' ');
                deviation.push_str(text);
            }
            None if share < Decimal::ONE => warnings.push(format!(
                "{}：未完全达成年度指标，须填写偏差原因分析及改进措施",
                Place::indicator(doc, eval.project, i)
            )),
            None => {}
        }
        indicators.push(IndicatorScore {
            indicator: i,
            group: groups_of[i],
            level1: ind.level1.printed.value.clone(),
            level2: ind.level2.printed.value.clone(),
            level3: ind.level3_text().to_string(),
            target: ind.target.as_ref().map_or_else(String::new, |t| t.value.printed.clone()),
            actual: actual.display(&kind),
            points: points[i],
            share,
            score: points[i] * share,
            branch,
            deviation,
            published: None,
        });
    }
    let groups: Vec<GroupScore> = groups
        .into_iter()
        .map(|(group, nominal, points)| GroupScore {
            group,
            nominal,
            points,
            score: indicators.iter().filter(|s| s.group == group).map(|s| s.score).sum(),
        })
        .collect();
    // Thirds and ninths carry 28 significant digits; their sums may exceed the whole by
    // 1e-27. Clamping keeps the invariants exact: 0 ≤ total ≤ max_total ≤ 100.
    let max_total = (budget.points + groups.iter().map(|g| g.points).sum::<Decimal>()).min(HUNDRED);
    let total = (budget.score + groups.iter().map(|g| g.score).sum::<Decimal>()).clamp(Decimal::ZERO, max_total);
    Ok(ProjectScore {
        project: eval.project,
        name: project.name.value.clone(),
        unit: project.unit.as_ref().map(|u| u.name.clone()),
        funds,
        budget,
        groups,
        indicators,
        total,
        max_total,
        grade: cfg.grade(total),
        goals: project.goals.iter().map(|g| g.value.clone()).collect(),
        goal_actual: eval.goal_actual.clone(),
        budget_explanation: eval.budget_explanation.as_deref().map(jixiao_model::text::trim).filter(|t| !t.is_empty()).map(str::to_string),
        warnings,
        published_total: None,
        published_grade: None,
    })
}

fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|t| jixiao_model::text::trim(t).is_empty())
}

/// Fills 年初预算数 from the document and checks money: required totals, no negatives,
/// spending without a budget, sub-rows adding up to the total.
fn checked_funds(doc: &Document, eval: &SelfEvaluation, place: &Place, errors: &mut Vec<InputError>) -> Funds {
    let mut funds = eval.funds.clone();
    if funds.total.initial.is_none() {
        funds.total.initial = doc.projects[eval.project].budget.total.as_ref().map(|m| m.value);
    }
    if funds.total.adjusted.is_none() {
        errors.push(InputError::Missing { place: place.clone(), field: "全年预算数" });
    }
    if funds.total.executed.is_none() {
        errors.push(InputError::Missing { place: place.clone(), field: "全年执行数" });
    }
    for (label, row) in funds.rows() {
        for value in [row.initial, row.adjusted, row.executed].into_iter().flatten() {
            if value.0.is_sign_negative() && !value.0.is_zero() {
                errors.push(InputError::Inconsistent { place: place.clone(), problem: format!("{label}的金额不能为负数") });
            }
            if value.0 > crate::MAX_INPUT {
                errors.push(InputError::Inconsistent { place: place.clone(), problem: format!("{label}的金额 {value} 过大") });
            }
        }
    }
    if let (Some(a), Some(e)) = (funds.total.adjusted, funds.total.executed) {
        if a.0.is_zero() && e.0 > Decimal::ZERO {
            errors.push(InputError::Inconsistent {
                place: place.clone(),
                problem: format!("全年预算数为 0，全年执行数却为 {}", e),
            });
        }
    }
    let parts = [&funds.fiscal, &funds.carried_over, &funds.other];
    if parts.iter().any(|r| !r.is_empty()) {
        type Column = fn(&FundRow) -> Option<Money>;
        let columns: [(&str, Column); 3] =
            [("年初预算数", |r| r.initial), ("全年预算数", |r| r.adjusted), ("全年执行数", |r| r.executed)];
        for (column, get) in columns {
            let Some(total) = get(&funds.total) else { continue };
            // A column none of the sources fills (a table printing them for 全年 only) is
            // not split.
            if parts.iter().all(|r| get(r).is_none()) {
                continue;
            }
            let sum: Money = parts.iter().filter_map(|r| get(r)).sum();
            if sum != total {
                errors.push(InputError::Inconsistent {
                    place: place.clone(),
                    problem: format!("{column}：年度资金总额 {total} 与本年财政拨款、上年结转资金、其他资金之和 {sum} 不符"),
                });
            }
        }
    }
    funds
}

/// 预算执行得分：分值 × 执行率（%），执行率超过 100% 的按满分。
pub(crate) fn budget_points_for(points: Decimal, rate: Decimal) -> Decimal {
    points * (rate / HUNDRED).min(Decimal::ONE).max(Decimal::ZERO)
}

fn budget_score(funds: &Funds, cfg: &ScoringConfig) -> BudgetScore {
    let points = cfg.budget_points;
    match funds.total.rate() {
        Some(rate) => BudgetScore { points, rate: Some(rate), score: budget_points_for(points, rate), note: None, published: None },
        None => match cfg.zero_budget {
            ZeroBudget::FullPoints => BudgetScore {
                points,
                rate: None,
                score: points,
                note: Some("全年预算数为 0，预算执行按满分计".into()),
                published: None,
            },
            ZeroBudget::Redistribute => BudgetScore {
                points: Decimal::ZERO,
                rate: None,
                score: Decimal::ZERO,
                note: Some(format!("全年预算数为 0，预算执行率不适用，其 {} 分计入各级指标", points.normalize())),
                published: None,
            },
        },
    }
}

pub(crate) fn group_of(ind: &Indicator, framework: jixiao_model::Framework, cfg: &ScoringConfig) -> Option<Group> {
    let l1 = ind.level1_category(framework)?;
    Some(match &cfg.scheme {
        LevelScheme::Pooled { .. } => Group::Pooled,
        LevelScheme::ByLevel { points } if points.contains_key(&l1) => Group::Level(l1),
        // 成本指标 without points of its own is scored within 产出指标 (validated to exist).
        LevelScheme::ByLevel { .. } => Group::Level(Level1::Output),
    })
}

/// Groups in table order with (nominal points, points after redistributing the missing
/// levels' and an inapplicable budget's points).
fn allot_groups(groups_of: &[Group], budget: &BudgetScore, cfg: &ScoringConfig) -> Vec<(Group, Decimal, Decimal)> {
    let all: Vec<(Group, Decimal)> = match &cfg.scheme {
        LevelScheme::Pooled { points } => vec![(Group::Pooled, *points)],
        LevelScheme::ByLevel { points } => points.iter().map(|(l, p)| (Group::Level(*l), *p)).collect(),
    };
    let (present, missing): (Vec<_>, Vec<_>) = all.into_iter().partition(|(g, _)| groups_of.contains(g));
    let spare: Decimal = missing.iter().map(|(_, p)| *p).sum::<Decimal>() + (cfg.budget_points - budget.points);
    let present_sum: Decimal = present.iter().map(|(_, p)| *p).sum();
    let n = Decimal::from(present.len().max(1));
    present
        .into_iter()
        .map(|(g, nominal)| {
            let extra = match cfg.missing_level {
                MissingLevel::Forfeit => Decimal::ZERO,
                MissingLevel::Proportional if present_sum > Decimal::ZERO => spare * nominal / present_sum,
                MissingLevel::Proportional | MissingLevel::Even => spare / n,
            };
            (g, nominal, nominal + extra)
        })
        .collect()
}

/// Points of each indicator: set weights first, the rest of the group's nominal points
/// split evenly, then scaled by the group's points / nominal points.
fn indicator_points(
    doc: &Document,
    project: usize,
    groups_of: &[Group],
    groups: &[(Group, Decimal, Decimal)],
    cfg: &ScoringConfig,
) -> Result<Vec<Decimal>, InputError> {
    let indicators = &doc.projects[project].indicators;
    let set_weight = |i: usize| {
        cfg.indicator_points
            .iter()
            .find(|w| w.project == project && w.indicator == i)
            .map(|w| w.points)
            .or_else(|| if cfg.use_printed_weights { indicators[i].weight } else { None })
    };
    let mut points = vec![Decimal::ZERO; indicators.len()];
    for &(group, nominal, allotted) in groups {
        let members: Vec<usize> = (0..indicators.len()).filter(|&i| groups_of[i] == group).collect();
        let weights: Vec<Option<Decimal>> = members.iter().map(|&i| set_weight(i)).collect();
        let fixed: Decimal = weights.iter().flatten().sum();
        let free = weights.iter().filter(|w| w.is_none()).count();
        let bad = |problem: String| InputError::Inconsistent { place: Place::project(doc, project), problem };
        if fixed > nominal || (free == 0 && fixed != nominal) {
            return Err(bad(format!(
                "{}各指标分值合计 {} 与该级分值 {} 不符",
                group.label(),
                fixed.normalize(),
                nominal.normalize()
            )));
        }
        let even = if free > 0 { (nominal - fixed) / Decimal::from(free) } else { Decimal::ZERO };
        for (&i, w) in members.iter().zip(&weights) {
            let nominal_points = w.unwrap_or(even);
            points[i] = if nominal > Decimal::ZERO {
                nominal_points * allotted / nominal
            } else {
                allotted / Decimal::from(members.len())
            };
        }
    }
    Ok(points)
}

/// The share of a band value, checked against the configured range.
fn band_share(actual: &ActualValue, cfg: &ScoringConfig) -> Result<Option<Decimal>, String> {
    let ActualValue::Band { band, share } = actual else { return Ok(None) };
    let rule = cfg.band_rule(*band).ok_or_else(|| format!("未设置“{}”档的得分比例", band.label()))?;
    match share {
        None => Ok(Some(rule.default / HUNDRED)),
        Some(s) if rule.min <= *s && *s <= rule.max => Ok(Some(*s / HUNDRED)),
        Some(s) => Err(format!(
            "“{}”档的得分比例应在 {}%–{}% 之间，填的是 {}%",
            band.label(),
            rule.min.normalize(),
            rule.max.normalize(),
            s.normalize()
        )),
    }
}

/// The share of the points earned (0–1) and the rule that applied. Inputs are validated.
pub fn rule(kind: &TargetKind, actual: &ActualValue, cfg: &ScoringConfig) -> (Decimal, Branch) {
    let one = Decimal::ONE;
    let zero = Decimal::ZERO;
    if let ActualValue::Band { band, .. } = actual {
        let share = band_share(actual, cfg).ok().flatten().unwrap_or(zero);
        return (share, Branch::Band(*band));
    }
    match (kind, actual) {
        (TargetKind::Quantity { value: t, direction: Direction::Positive, .. }, ActualValue::Number { value: a }) => {
            let (t, a) = (*t, *a);
            if a >= t {
                (one, Branch::Met)
            } else if t > zero {
                (a.max(zero).checked_div(t).unwrap_or(zero), Branch::PartlyMet)
            } else {
                (zero, Branch::PartlyMet)
            }
        }
        (TargetKind::Quantity { value: t, direction: Direction::Reverse, .. }, ActualValue::Number { value: a }) => {
            let (t, a) = (*t, *a);
            if a <= t {
                (one, Branch::ReverseWithin)
            } else if cfg.reverse_formula == ReverseFormula::Ratio {
                // A/B: a > t ≥ 0, so a > 0 and the share lies in [0, 1).
                (t.max(zero).checked_div(a).unwrap_or(zero), Branch::ReverseBeyond)
            } else if t > zero && t.checked_mul(Decimal::TWO).is_none_or(|twice| a < twice) {
                (one - (a - t) / t, Branch::ReverseBeyond)
            } else {
                (zero, Branch::ReverseTwiceOrMore)
            }
        }
        (TargetKind::Deadline { month }, ActualValue::Completed { month: done }) => {
            if month.is_none_or(|due| *done <= due) {
                (one, Branch::OnTime)
            } else {
                (zero, Branch::Late)
            }
        }
        _ => (zero, Branch::NotCompleted),
    }
}

/// The generated part of 偏差原因分析: what happened, in figures.
pub(crate) fn explain(kind: &TargetKind, actual: &ActualValue, share: Decimal, branch: Branch) -> String {
    let pct = |d: Decimal| format!("{}%", crate::fmt2(d * HUNDRED));
    let target = match kind {
        TargetKind::Quantity { value, unit, .. } => format!("{}{}", value.normalize(), unit.as_deref().unwrap_or("")),
        _ => String::new(),
    };
    match branch {
        Branch::Met => "已达成年度指标值。".into(),
        Branch::PartlyMet => format!("实际完成{}，为年度指标值{}的{}，未达成。", actual.display(kind), target, pct(share)),
        Branch::ReverseWithin => "控制在年度指标值以内。".into(),
        Branch::ReverseBeyond => {
            // The excess over the target, whichever formula scored it.
            let excess = match (kind, actual) {
                (TargetKind::Quantity { value: t, .. }, ActualValue::Number { value: a }) if !t.is_zero() => {
                    (*a - *t).checked_div(*t).unwrap_or(Decimal::ONE - share)
                }
                _ => Decimal::ONE - share,
            };
            format!("实际{}，超出年度指标值{}的{}。", actual.display(kind), target, pct(excess))
        }
        Branch::ReverseTwiceOrMore => format!("实际{}，达到年度指标值{}的两倍及以上，不得分。", actual.display(kind), target),
        Branch::Band(b) => format!("评价为“{}”，按分值的{}计分。", b.label(), pct(share)),
        Branch::OnTime => "按时完成。".into(),
        Branch::Late => match kind {
            TargetKind::Deadline { month: Some(due) } => format!("{}，晚于{}月的时限。", actual.display(kind), due),
            _ => format!("{}，晚于时限。", actual.display(kind)),
        },
        Branch::NotCompleted => "未完成。".into(),
        Branch::AsPrinted => String::new(),
    }
}
