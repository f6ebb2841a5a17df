//! 自评复核: a published self-evaluation table (自评表) re-scored by the scoring rules.
//!
//! A 自评表 prints, per indicator row, its 分值, 年度指标值, 实际完成值 and 得分, and for the
//! project the funds block (执行率, 得分), the total and the grade. [`rescore`] applies the
//! rules of [`crate::scoring`] — the same [`crate::scoring::rule`] that scores monitoring data,
//! under the same [`ScoringConfig`] (weights, bands, reverse formula, grade bands) — to what
//! is printed, and says for every printed figure whether the rules give it:
//!
//! - a row's points are its printed 分值; a quantity's score is 分值 × the formula's share; a
//!   value in words (`达成预期指标`, `未完成`) allows the range of the evaluation bands the words
//!   fit (达成 80–100% by default); a row is confirmed when its printed 得分 lies within what
//!   the rules allow (to [`ScoringConfig::tolerance`], or half the last printed decimal);
//! - 执行率 is 全年执行数 ÷ 全年预算数 and the budget score 分值 × 执行率, capped at 分值;
//! - 分值 and 得分 add up to the printed total, whose band gives the grade.
//!
//! [`check`] turns the result into findings of the rule set `JX-E…` of the one rule engine.
//! [`Rescored::score`] gives the re-scored project as a [`ProjectScore`] with the published
//! figures beside the recomputed ones, for the 自评表 in HTML and .xlsx. [`merge_published`]
//! puts a 自评表's figures onto the target table of the same projects, so that the actuals are
//! judged against the approved targets.

mod check;
mod judge;
mod merge;
#[cfg(test)]
mod tests;

pub use check::{breaks, check, Break};

pub use judge::{judge, published_kind, words_say_met, Judgement};
pub use merge::{check_against_targets, merge_published, pair_rows, row_key, with_approved_targets, Change, Merged, TargetChange};

use jixiao_model::{Decimal, Document, EvaluationFunds, FundLine, Indicator, Located, Money, Origin, ProjectEvaluation};
use serde::Serialize;

use crate::scoring::{
    budget_points_for, group_of, BudgetScore, FundRow, Funds, Grade, Group, GroupScore, IndicatorScore, LevelScheme,
    ProjectScore, PublishedGrade, PublishedScore, ScoringConfig,
};

/// What the rules say of a printed score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// 与规则相符。
    Holds,
    /// 得分超过分值。
    AboveWeight,
    /// 未达成却得满分。
    FullThoughMissed,
    /// 得分高于规则所给（扣分少于规则）。
    AboveRule,
    /// 已达成却扣分。
    DeductedThoughMet,
    /// 得分低于规则所给（扣分多于规则）。
    BelowRule,
    /// 无从复核：没有所印得分、分值或实际完成值。
    Unchecked,
}

impl Verdict {
    pub fn holds(self) -> bool {
        self == Verdict::Holds
    }

    /// The verdict in Chinese, as the command line and the project page print it.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Holds => "与规则相符",
            Verdict::AboveWeight => "得分超过分值",
            Verdict::FullThoughMissed => "未达成却得满分",
            Verdict::AboveRule => "得分高于规则所给",
            Verdict::DeductedThoughMet => "已达成却扣分",
            Verdict::BelowRule => "得分低于规则所给",
            Verdict::Unchecked => "无从复核",
        }
    }
}

/// The re-scoring of `doc` as text for the command line: per table, each row's 年度指标值,
/// 实际完成值, 分值, published and recomputed 得分 with the arithmetic and the verdict; each
/// funds row's 执行率 and 得分; the total and grade, published beside recomputed.
pub fn rescored_text(doc: &Document, rescored: &[Rescored]) -> String {
    let n = |d: Decimal| d.normalize().to_string();
    let opt = |d: Option<Decimal>| d.map_or_else(|| "（未填）".to_string(), n);
    let mut out = String::new();
    for r in rescored {
        let t = Table::of(doc, r);
        let name = r.project.and_then(|i| doc.projects.get(i)).map_or("部门整体", |p| p.name.value.as_str());
        let number = r.project.map_or(String::new(), |i| format!("{}. ", i + 1));
        out.push_str(&format!("{number}{name}\n"));
        for f in &r.funds {
            let rate = f.computed_rate.map(|c| format!("执行率 {}%", crate::fmt2(c))).unwrap_or_else(|| "执行率无从计算".into());
            let printed_rate = f.printed_rate.as_ref().map(|p| format!("（所印 {}%）", n(p.value))).unwrap_or_default();
            let holds = match (f.rate_holds, f.score_holds) {
                (Some(false), _) | (_, Some(false)) => "不符",
                (None, None) => "无从复核",
                _ => "相符",
            };
            out.push_str(&format!(
                "   预算执行·{}：{rate}{printed_rate}，分值 {}，所印得分 {}，重算 {}{}【{holds}】\n",
                f.label,
                opt(f.points),
                opt(f.published.as_ref().map(|p| p.value)),
                f.recomputed.map_or_else(|| "—".to_string(), crate::fmt2),
                if f.arithmetic.is_empty() { String::new() } else { format!("（{}）", f.arithmetic) },
            ));
        }
        for row in &r.rows {
            let Some(ind) = t.indicators.get(row.indicator) else { continue };
            let target = ind.target.as_ref().map_or("（未填）", |t| t.value.printed.as_str());
            let actual = ind.evaluation.as_ref().and_then(|e| e.actual.as_ref()).map_or("（未填）", |a| a.value.printed.as_str());
            let recomputed = match row.allowed {
                Some((lo, hi)) if lo == hi => crate::fmt2(lo),
                Some((lo, hi)) => format!("{}–{}", crate::fmt2(lo), crate::fmt2(hi)),
                None => "—".into(),
            };
            out.push_str(&format!(
                "   {}：年度指标值 {target}，实际完成值 {actual}，分值 {}，所印得分 {}，重算 {recomputed}（{}）【{}】\n",
                ind.level3_text(),
                opt(row.points),
                opt(row.published),
                row.arithmetic,
                row.verdict.label(),
            ));
        }
        let totals = &r.totals;
        let published = totals.published().map_or_else(|| "（未印）".to_string(), n);
        let printed_grade = totals.printed_grade.as_ref().map(|g| format!("，{}", g.value)).unwrap_or_default();
        let recomputed = totals
            .recomputed
            .map_or_else(|| "无从重算".to_string(), |(total, grade)| format!("{}，{}", crate::fmt2(total), grade.label()));
        out.push_str(&format!("   总分：所印 {published}{printed_grade}；按规则重算 {recomputed}\n"));
    }
    out
}

/// One printed indicator row, re-scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowCheck {
    /// Index in the project's (or the department table's) `indicators`.
    pub indicator: usize,
    /// 分值 as printed.
    pub points: Option<Decimal>,
    /// 得分 as printed.
    pub published: Option<Decimal>,
    pub judgement: Judgement,
    /// The scores the rules allow (one figure for a quantity, a band's range for words).
    pub allowed: Option<(Decimal, Decimal)>,
    /// The rules' score nearest the printed one (the rules' only score when none is printed).
    pub recomputed: Option<Decimal>,
    /// How the rules' score is reached, in Chinese with the figures.
    pub arithmetic: String,
    pub verdict: Verdict,
    /// The target was missed and no 偏差原因分析及改进措施 is printed.
    pub reason_missing: bool,
}

/// One row of the funds block, re-scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FundCheck {
    /// `年度资金总额`, `其中：本年财政拨款`…
    pub label: &'static str,
    pub at: Origin,
    /// 执行率 = 全年执行数 ÷ 全年预算数（%）, exact.
    pub computed_rate: Option<Decimal>,
    pub printed_rate: Option<Located<Decimal>>,
    /// The printed 执行率 is the computed one, to its printed precision.
    pub rate_holds: Option<bool>,
    /// 分值 (printed; the configured budget points for 年度资金总额 when it prints none).
    pub points: Option<Decimal>,
    pub published: Option<Located<Decimal>>,
    /// 分值 × 执行率, capped at 分值.
    pub recomputed: Option<Decimal>,
    pub arithmetic: String,
    pub score_holds: Option<bool>,
}

/// A level's points as printed beside what the configured rules give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelPoints {
    /// `预算执行`, `产出指标`, `绩效指标`…
    pub label: &'static str,
    pub printed: Decimal,
    pub expected: Decimal,
}

/// The totals of a project's table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TotalsCheck {
    /// Σ 分值 (预算执行 and every row), with the addition written out; `None` unless every
    /// scored row prints its 分值.
    pub points_sum: Option<(Decimal, String)>,
    pub printed_points: Option<Located<Decimal>>,
    /// The sum of the 分值 is the printed one.
    pub points_hold: Option<bool>,
    /// Σ 得分 likewise; `None` unless every row with a 分值 prints its 得分.
    pub score_sum: Option<(Decimal, String)>,
    pub printed_score: Option<Located<Decimal>>,
    /// The sum of the 得分 is the printed total (to its printed precision).
    pub score_holds: Option<bool>,
    pub printed_grade: Option<Located<String>>,
    /// The total the printed grade is judged on (the printed total, else the sum) and the
    /// grade of its band.
    pub graded: Option<(Decimal, Grade)>,
    /// The printed grade names the band of `graded`; `None` when it names no grade.
    pub grade_holds: Option<bool>,
    /// Levels whose printed points differ from the configured rules'.
    pub levels: Vec<LevelPoints>,
    /// The total by the rules (every recomputed score; a row the rules cannot check keeps
    /// its printed score), and its grade.
    pub recomputed: Option<(Decimal, Grade)>,
    /// The rules' total is the sum of the printed scores (to the tolerance).
    pub recomputed_holds: Option<bool>,
}

impl TotalsCheck {
    /// The published total: printed, else the sum of the printed scores.
    pub fn published(&self) -> Option<Decimal> {
        self.printed_score.as_ref().map(|s| s.value).or(self.score_sum.as_ref().map(|s| s.0))
    }
}

/// A table re-scored: a project's, or the department-wide table's rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rescored {
    /// Index in `Document::projects`; `None` for the department-wide table.
    pub project: Option<usize>,
    pub rows: Vec<RowCheck>,
    pub funds: Vec<FundCheck>,
    pub totals: TotalsCheck,
}

/// One self-evaluation table: a project's, or the department-wide one.
pub(crate) struct Table<'d> {
    pub project: Option<usize>,
    pub indicators: &'d [Indicator],
    pub evaluation: Option<&'d ProjectEvaluation>,
    /// Where the table starts (findings about the whole table point here).
    pub at: Origin,
}

impl<'d> Table<'d> {
    /// Every self-evaluation table of `doc`: the department-wide table when its rows print
    /// 实际完成值 or 得分 (or its project part was read), then each project that is a
    /// self-evaluation ([`jixiao_model::Project::is_self_evaluation`]).
    pub fn all(doc: &'d Document) -> Vec<Table<'d>> {
        let mut out = Vec::new();
        let dept = doc.department_evaluation.as_deref().filter(|e| !e.is_empty());
        if dept.is_some() || doc.department_indicators.iter().any(|i| i.evaluation.is_some()) {
            let at = doc.department_indicators.first().map_or(Origin::default(), |i| i.at);
            out.push(Table { project: None, indicators: &doc.department_indicators, evaluation: dept, at });
        }
        for (i, p) in doc.projects.iter().enumerate() {
            if p.is_self_evaluation() {
                out.push(Table { project: Some(i), indicators: &p.indicators, evaluation: p.evaluation.as_deref(), at: p.at });
            }
        }
        out
    }

    /// The table of `r` in `doc`.
    pub fn of(doc: &'d Document, r: &Rescored) -> Table<'d> {
        match r.project.and_then(|i| doc.projects.get(i).map(|p| (i, p))) {
            Some((i, p)) => Table { project: Some(i), indicators: &p.indicators, evaluation: p.evaluation.as_deref(), at: p.at },
            None => Table {
                project: None,
                indicators: &doc.department_indicators,
                evaluation: doc.department_evaluation.as_deref(),
                at: doc.department_indicators.first().map_or(Origin::default(), |i| i.at),
            },
        }
    }
}

/// Re-scores every self-evaluation table of `doc`: the department-wide table (部门整体
/// 自评表) when its rows print 实际完成值 or 得分, and every project that is a self-evaluation.
/// `cfg` should be valid ([`ScoringConfig::validate`]).
pub fn rescore(doc: &Document, cfg: &ScoringConfig) -> Vec<Rescored> {
    Table::all(doc).iter().map(|t| rescore_table(doc, t, cfg)).collect()
}

fn rescore_table(doc: &Document, t: &Table, cfg: &ScoringConfig) -> Rescored {
    let empty = EvaluationFunds::default();
    let funds_block = t.evaluation.map_or(&empty, |e| &e.funds);
    let whole = scores_in_whole_points(t.indicators, funds_block);
    let rows = rows(t.indicators, whole, cfg);
    let budget_points = unprinted_budget_points(&rows, cfg);
    let funds: Vec<FundCheck> = funds_block
        .lines()
        .enumerate()
        .map(|(k, (label, line))| {
            let is_total = k == 0 && funds_block.total.is_some();
            fund_check(label, line, is_total.then_some(budget_points), whole, cfg)
        })
        .collect();
    let totals = totals(doc, t, &rows, funds.first().filter(|f| f.label == "年度资金总额"), whole, cfg);
    Rescored { project: t.project, rows, funds, totals }
}

/// The tolerance for a printed figure: the configured one, or half its last printed decimal
/// when it prints decimals (`1.9` → 0.05).
fn tolerance(printed: Decimal, cfg: &ScoringConfig) -> Decimal {
    match printed.scale() {
        0 => cfg.tolerance,
        s => cfg.tolerance.max(Decimal::new(5, s + 1)),
    }
}

/// What the budget's execution is worth when its row prints no 分值: what the indicator rows
/// leave of the 100 points of a self-evaluation (财预〔2020〕10号) when every scored row prints
/// its 分值 and they leave a share (`年度绩效目标(80分)` rows, `预算执行情况(20分)`); else the
/// configured points.
fn unprinted_budget_points(rows: &[RowCheck], cfg: &ScoringConfig) -> Decimal {
    let scored: Vec<&RowCheck> = rows.iter().filter(|r| r.points.is_some() || r.published.is_some()).collect();
    if scored.is_empty() || scored.iter().any(|r| r.points.is_none()) {
        return cfg.budget_points;
    }
    let sum: Decimal = scored.iter().filter_map(|r| r.points).sum();
    if sum > Decimal::ZERO && sum < Decimal::ONE_HUNDRED {
        Decimal::ONE_HUNDRED - sum
    } else {
        cfg.budget_points
    }
}

/// True when the table prints every score in whole points (`10`, `7`, `9`; none `1.9`): the
/// form scores in whole points.
fn scores_in_whole_points(indicators: &[Indicator], funds: &EvaluationFunds) -> bool {
    let rows = indicators.iter().filter_map(|i| i.evaluation.as_ref().and_then(|e| e.score));
    let funds = funds.lines().filter_map(|(_, l)| l.score.as_ref().map(|s| s.value));
    let mut scores = rows.chain(funds).peekable();
    scores.peek().is_some() && scores.all(|s| s.fract().is_zero())
}

fn rows(indicators: &[Indicator], whole: bool, cfg: &ScoringConfig) -> Vec<RowCheck> {
    indicators.iter().enumerate().map(|(i, ind)| row(i, ind, whole, cfg)).collect()
}

fn row(index: usize, ind: &Indicator, whole: bool, cfg: &ScoringConfig) -> RowCheck {
    let eval = ind.evaluation.as_ref();
    let published = eval.and_then(|e| e.score);
    let points = ind.weight;
    let judgement = judge(ind, cfg);
    let actual = eval.and_then(|e| e.actual.as_ref()).map_or("", |a| a.value.printed.as_str());
    let allowed = points.zip(judgement.share_range(cfg)).map(|(w, (lo, hi))| (w * lo, w * hi));
    let arithmetic = points.map_or_else(|| "未印分值，无法复核".to_string(), |w| judgement.arithmetic(w, actual, cfg));
    let (verdict, recomputed) = match (points, published, allowed) {
        (Some(w), Some(p), Some((lo, hi))) => match verdict(p, w, lo, hi, tolerance(p, cfg)) {
            // Whole points: the rules' score cut to a whole point (9 for 9.80) is the score
            // a form printing whole points gives; a reviewer does not ask for the fraction.
            Verdict::BelowRule if whole && whole_points_cut(p, lo) => (Verdict::Holds, Some(p)),
            v => (v, Some(p.clamp(lo, hi))),
        },
        (Some(_), None, Some((lo, hi))) => (Verdict::Unchecked, (lo == hi).then_some(lo)),
        _ => (Verdict::Unchecked, None),
    };
    let blank_reason = eval.and_then(|e| e.deviation.as_ref()).is_none_or(|d| jixiao_model::text::squeeze(&d.value).is_empty());
    RowCheck {
        indicator: index,
        points,
        published,
        reason_missing: judgement.met() == Some(false) && blank_reason,
        judgement,
        allowed,
        recomputed,
        arithmetic,
        verdict,
    }
}

/// A score that is the rules' score `exact` cut to a whole point (`9` for 9.80, `5` for 5.96):
/// less by a fraction only, as a form scoring in whole points prints it (the caller knows the
/// table does: [`scores_in_whole_points`]).
fn whole_points_cut(printed: Decimal, exact: Decimal) -> bool {
    printed.fract().is_zero() && printed < exact && printed == exact.floor()
}

/// The verdict on a printed score `p` of a row worth `w` where the rules allow `lo..=hi`.
fn verdict(p: Decimal, w: Decimal, lo: Decimal, hi: Decimal, tol: Decimal) -> Verdict {
    if p > w + tol {
        Verdict::AboveWeight
    } else if p > hi + tol && p >= w - tol {
        // More than the rules give, and the full points: the target was missed (hi < w).
        Verdict::FullThoughMissed
    } else if p > hi + tol {
        Verdict::AboveRule
    } else if p < lo - tol && lo >= w {
        // The rules give full points only: the target was met.
        Verdict::DeductedThoughMet
    } else if p < lo - tol {
        Verdict::BelowRule
    } else {
        Verdict::Holds
    }
}

/// `total_points`: for the 年度资金总额 row, the points it is worth when it prints none.
fn fund_check(label: &'static str, line: &FundLine, total_points: Option<Decimal>, whole: bool, cfg: &ScoringConfig) -> FundCheck {
    let money = |m: &Option<Located<Money>>| m.as_ref().map(|m| m.value.0);
    let computed_rate = match (money(&line.adjusted), money(&line.executed)) {
        (Some(a), Some(e)) if a > Decimal::ZERO => crate::percent_of(e, a),
        _ => None,
    };
    let rate_holds = computed_rate.zip(line.rate.as_ref()).map(|(c, p)| {
        // A rate is judged to its last printed digit, rounded or cut: `100%` for 99.6,
        // `97.80%` for 97.808.
        (c - p.value).abs() < Decimal::new(1, p.value.scale())
    });
    let points = line.points.as_ref().map(|p| p.value).or(total_points);
    let rate = computed_rate.or(line.rate.as_ref().map(|r| r.value));
    let recomputed = points.zip(rate).map(|(w, r)| budget_points_for(w, r));
    let n = |d: Decimal| d.normalize().to_string();
    let arithmetic = match (points, rate) {
        (Some(w), Some(r)) if r >= Decimal::ONE_HUNDRED => format!("执行率{}% ≥ 100%，得满分{}", crate::fmt2(r), n(w)),
        (Some(w), Some(r)) => format!("{} × {}% = {}", n(w), crate::fmt2(r), crate::fmt2(budget_points_for(w, r))),
        _ => String::new(),
    };
    let score_holds = line
        .score
        .as_ref()
        .zip(recomputed)
        .map(|(p, r)| (p.value - r).abs() <= tolerance(p.value, cfg).max(rate_rounding(points, line)) || (whole && whole_points_cut(p.value, r)));
    FundCheck {
        label,
        at: line.at,
        computed_rate,
        printed_rate: line.rate.clone(),
        rate_holds,
        points,
        published: line.score.clone(),
        recomputed,
        arithmetic,
        score_holds,
    }
}

/// A budget score computed from the printed, rounded rate is not wrong: allow the points
/// the rounding of the rate moves (10 × 0.5% = 0.05 for a rate printed without decimals).
fn rate_rounding(points: Option<Decimal>, line: &FundLine) -> Decimal {
    match (points, line.rate.as_ref()) {
        (Some(w), Some(r)) => w * Decimal::new(5, r.value.scale() + 1) / Decimal::ONE_HUNDRED,
        _ => Decimal::ZERO,
    }
}

fn totals(doc: &Document, t: &Table, rows: &[RowCheck], budget: Option<&FundCheck>, whole: bool, cfg: &ScoringConfig) -> TotalsCheck {
    let eval = t.evaluation;
    let n = |d: Decimal| d.normalize().to_string();
    // 预算执行's printed figures come from the 年度资金总额 row only (sub-rows repeat them).
    let total_line = eval.and_then(|e| e.funds.total.as_ref());
    let budget_points = total_line.and_then(|l| l.points.as_ref()).map(|p| p.value);
    let budget_score = total_line.and_then(|l| l.score.as_ref()).map(|s| s.value);

    let scored: Vec<&RowCheck> = rows.iter().filter(|r| r.points.is_some() || r.published.is_some()).collect();
    let sum = |parts: Vec<Decimal>| -> (Decimal, String) {
        let total: Decimal = parts.iter().sum();
        let text = parts.iter().map(|d| n(*d)).collect::<Vec<_>>().join(" + ");
        (total, format!("{text} = {}", n(total)))
    };
    let points_sum = (!scored.is_empty() && scored.iter().all(|r| r.points.is_some()))
        .then(|| sum(budget_points.into_iter().chain(scored.iter().filter_map(|r| r.points)).collect()));
    let score_sum = (!scored.is_empty() && scored.iter().all(|r| r.published.is_some()))
        .then(|| sum(budget_score.into_iter().chain(scored.iter().filter_map(|r| r.published)).collect()));

    let printed_points = eval.and_then(|e| e.total_points.clone());
    let printed_score = eval.and_then(|e| e.total_score.clone());
    let printed_grade = eval.and_then(|e| e.grade.clone());
    let graded_total = printed_score.as_ref().map(|s| s.value).or(score_sum.as_ref().map(|s| s.0));
    let graded = graded_total.map(|t| (t, cfg.grade(t)));
    let grade_holds = printed_grade
        .as_ref()
        .and_then(|g| grade_of_text(&g.value))
        .zip(graded)
        .map(|(printed, (_, expected))| printed == expected);

    // The rules' total: the budget's recomputed score and every row's (a row the rules cannot
    // check keeps its printed score).
    let recomputed = score_sum.as_ref().map(|_| {
        // A budget score cut to whole points holds (as a row's does): it counts as printed.
        let b = budget
            .and_then(|f| match (&f.published, f.recomputed) {
                (Some(p), Some(r)) if whole && whole_points_cut(p.value, r) => Some(p.value),
                _ => f.recomputed,
            })
            .or(budget_score)
            .unwrap_or_default();
        let total = b + scored.iter().map(|r| r.recomputed.or(r.published).unwrap_or_default()).sum::<Decimal>();
        (total, cfg.grade(total))
    });

    let close = |a: Decimal, printed: Decimal| (a - printed).abs() <= tolerance(printed, cfg);
    let points_hold = points_sum.as_ref().zip(printed_points.as_ref()).map(|(s, p)| close(s.0, p.value));
    let score_holds = score_sum.as_ref().zip(printed_score.as_ref()).map(|(s, p)| close(s.0, p.value));
    // The rules' total against the printed items' sum: a printed total that is not that sum
    // is a break of its own (JX-E009), not of the scoring.
    let recomputed_holds = recomputed.zip(score_sum.as_ref()).map(|((r, _), (sum, _))| close(r, *sum));
    TotalsCheck {
        points_sum,
        printed_points,
        points_hold,
        score_sum,
        printed_score,
        score_holds,
        printed_grade,
        graded,
        grade_holds,
        levels: level_points(doc, t.indicators, rows, budget_points, cfg),
        recomputed,
        recomputed_holds,
    }
}

/// Levels whose printed points (every row printing its 分值) differ from the configured rules.
fn level_points(doc: &Document, indicators: &[Indicator], rows: &[RowCheck], budget: Option<Decimal>, cfg: &ScoringConfig) -> Vec<LevelPoints> {
    let scored: Vec<&RowCheck> = rows.iter().filter(|r| r.points.is_some() || r.published.is_some()).collect();
    if scored.is_empty() || scored.iter().any(|r| r.points.is_none()) {
        return Vec::new();
    }
    let framework = doc.framework();
    let mut sums: Vec<(Group, Decimal)> = Vec::new();
    for r in &scored {
        let Some(g) = group_of(&indicators[r.indicator], framework, cfg) else { return Vec::new() };
        match sums.iter_mut().find(|(x, _)| *x == g) {
            Some((_, s)) => *s += r.points.unwrap_or_default(),
            None => sums.push((g, r.points.unwrap_or_default())),
        }
    }
    let mut out = Vec::new();
    if let Some(b) = budget.filter(|b| *b != cfg.budget_points) {
        out.push(LevelPoints { label: "预算执行", printed: b, expected: cfg.budget_points });
    }
    for (g, printed) in sums {
        let expected = match (&cfg.scheme, g) {
            (LevelScheme::ByLevel { points }, Group::Level(l)) => points.get(&l).copied(),
            (LevelScheme::Pooled { points }, Group::Pooled) => Some(*points),
            _ => None,
        };
        if let Some(expected) = expected.filter(|e| *e != printed) {
            out.push(LevelPoints { label: g.label(), printed, expected });
        }
    }
    out
}

/// The grade a printed word names: 优/优秀, 良/良好, 中/合格/一般/及格, 差/不合格/较差.
pub fn grade_of_text(printed: &str) -> Option<Grade> {
    let s = jixiao_model::text::squeeze(printed);
    let s = s.trim_start_matches("等级").trim_start_matches(['：', ':']);
    match s {
        "优" | "优秀" | "A" | "A级" => Some(Grade::Excellent),
        "良" | "良好" | "B" | "B级" => Some(Grade::Good),
        "中" | "中等" | "合格" | "一般" | "及格" | "C" | "C级" => Some(Grade::Fair),
        "差" | "较差" | "不合格" | "D" | "D级" => Some(Grade::Poor),
        _ => None,
    }
}

impl Rescored {
    /// The project's table re-scored, as the 自评表 forms print it: the recomputed scores with
    /// the printed ones beside them, and the breaks as notes. `None` for the department-wide
    /// table.
    pub fn score(&self, doc: &Document, cfg: &ScoringConfig) -> Option<ProjectScore> {
        let index = self.project?;
        let p = doc.projects.get(index)?;
        let eval = p.evaluation.as_deref();
        let framework = doc.framework();
        let row_of = |l: &Option<FundLine>| {
            l.as_ref().map_or_else(FundRow::default, |l| FundRow {
                initial: l.initial.as_ref().map(|m| m.value),
                adjusted: l.adjusted.as_ref().map(|m| m.value),
                executed: l.executed.as_ref().map(|m| m.value),
            })
        };
        let funds = eval.map_or_else(Funds::default, |e| Funds {
            total: row_of(&e.funds.total),
            fiscal: row_of(&e.funds.fiscal),
            carried_over: row_of(&e.funds.carried_over),
            other: row_of(&e.funds.other),
        });
        let budget_line = self.funds.first().filter(|f| f.label == "年度资金总额");
        let budget = match budget_line {
            Some(f) => BudgetScore {
                points: f.points.unwrap_or(cfg.budget_points),
                rate: f.computed_rate.or(f.printed_rate.as_ref().map(|r| r.value)),
                score: f.recomputed.or(f.published.as_ref().map(|s| s.value)).unwrap_or_default(),
                note: None,
                published: f
                    .published
                    .as_ref()
                    .map(|s| PublishedScore { score: s.value, holds: f.score_holds.unwrap_or(true) && f.rate_holds != Some(false) }),
            },
            None => BudgetScore {
                points: Decimal::ZERO,
                rate: None,
                score: Decimal::ZERO,
                note: Some("自评表未印预算执行情况".into()),
                published: None,
            },
        };
        let indicators: Vec<IndicatorScore> = self
            .rows
            .iter()
            .map(|r| {
                let ind = &p.indicators[r.indicator];
                let e = ind.evaluation.as_ref();
                let points = r.points.unwrap_or_default();
                let score = r.recomputed.or(r.published).unwrap_or_default();
                IndicatorScore {
                    indicator: r.indicator,
                    group: group_of(ind, framework, cfg).unwrap_or(Group::Pooled),
                    level1: ind.level1.printed.value.clone(),
                    level2: ind.level2.printed.value.clone(),
                    level3: ind.level3_text().to_string(),
                    target: ind.target.as_ref().map_or_else(String::new, |t| t.value.printed.clone()),
                    actual: e.and_then(|e| e.actual.as_ref()).map_or_else(String::new, |a| a.value.printed.clone()),
                    points,
                    share: if points.is_zero() { Decimal::ZERO } else { score / points },
                    score,
                    branch: r.judgement.branch(),
                    deviation: e.and_then(|e| e.deviation.as_ref()).map_or_else(String::new, |d| d.value.clone()),
                    published: r.published.map(|s| PublishedScore { score: s, holds: r.verdict.holds() || r.verdict == Verdict::Unchecked }),
                }
            })
            .collect();
        let mut groups: Vec<GroupScore> = Vec::new();
        for i in &indicators {
            match groups.iter_mut().find(|g| g.group == i.group) {
                Some(g) => {
                    g.nominal += i.points;
                    g.points += i.points;
                    g.score += i.score;
                }
                None => groups.push(GroupScore { group: i.group, nominal: i.points, points: i.points, score: i.score }),
            }
        }
        let max_total = budget.points + indicators.iter().map(|i| i.points).sum::<Decimal>();
        let total = budget.score + indicators.iter().map(|i| i.score).sum::<Decimal>();
        let t = &self.totals;
        Some(ProjectScore {
            project: index,
            name: p.name.value.clone(),
            unit: p.unit.as_ref().map(|u| u.name.clone()),
            funds,
            budget,
            groups,
            indicators,
            total,
            max_total,
            grade: cfg.grade(total),
            goals: p.goals.iter().map(|g| g.value.clone()).collect(),
            goal_actual: eval
                .map(|e| e.goal_actual.iter().map(|g| g.value.as_str()).collect::<Vec<_>>().join("\n"))
                .filter(|s| !s.is_empty()),
            budget_explanation: eval.and_then(|e| e.budget_explanation.as_ref()).map(|b| b.value.clone()).filter(|b| !b.trim().is_empty()),
            warnings: breaks(doc, self, cfg).iter().map(Break::message).collect(),
            published_total: t.published().map(|score| PublishedScore {
                score,
                holds: t.recomputed_holds != Some(false) && t.score_holds != Some(false),
            }),
            published_grade: t
                .printed_grade
                .as_ref()
                .map(|g| PublishedGrade { printed: g.value.clone(), holds: t.grade_holds != Some(false) }),
        })
    }
}
