//! The 自评 section of a self-evaluation's project page (issue 15): the published 自评表 as
//! stored, re-scored by `jixiao_assess::rescore` under the default scoring rules — each row's
//! target, 实际完成值, 分值 and the published beside the recomputed 得分, the funds block, the
//! total and grade published beside recomputed — with every break of the rules marked. And,
//! for a target table's page, the actuals of its paired self-evaluation by 三级指标. The
//! 部门整体 自评表 gets the same section on its department's page.

use jixiao_assess::rescore::{breaks, Rescored, Verdict};
use jixiao_assess::ScoringConfig;
use jixiao_assess::rescore::pair_rows;
use jixiao_model::{Decimal, Document, FundLine, Located, Money};
use serde::Serialize;

/// 自评表一行：所印与复核。
#[derive(Debug, Serialize)]
pub(super) struct RowView {
    level1: String,
    level2: String,
    level3: String,
    target: String,
    actual: String,
    points: Option<String>,
    published: Option<String>,
    /// 规则所给得分（文字档次给一个范围时为 `lo–hi`）。
    recomputed: Option<String>,
    arithmetic: String,
    verdict: &'static str,
    /// 所印得分与规则不符（需要标出）。
    breaks: bool,
    deviation: String,
    reason_missing: bool,
}

/// 资金情况一行。
#[derive(Debug, Serialize)]
pub(super) struct FundView {
    label: &'static str,
    initial: Option<String>,
    adjusted: Option<String>,
    executed: Option<String>,
    printed_rate: Option<String>,
    computed_rate: Option<String>,
    rate_breaks: bool,
    points: Option<String>,
    published: Option<String>,
    recomputed: Option<String>,
    arithmetic: String,
    score_breaks: bool,
}

/// 总分与等级：所印与复核。
#[derive(Debug, Default, Serialize)]
pub(super) struct TotalView {
    printed_points: Option<String>,
    points_sum: Option<String>,
    points_breaks: bool,
    printed_score: Option<String>,
    score_sum: Option<String>,
    score_breaks: bool,
    recomputed: Option<String>,
    recomputed_breaks: bool,
    printed_grade: Option<String>,
    /// 按所印总分（或得分合计）所在档次应得的等级。
    graded: Option<&'static str>,
    grade_breaks: bool,
    recomputed_grade: Option<&'static str>,
}

/// 自评部分。
#[derive(Debug, Serialize)]
pub(super) struct SelfEvaluationView {
    rows: Vec<RowView>,
    funds: Vec<FundView>,
    total: TotalView,
    goal_actual: Vec<String>,
    budget_explanation: Option<String>,
    /// 与规则不符之处（各条的说明，同审核发现 JX-E…）。
    breaks: Vec<String>,
}

fn n(d: Decimal) -> String {
    d.round_dp(2).normalize().to_string()
}

fn money(m: &Option<Located<Money>>) -> Option<String> {
    m.as_ref().map(|m| m.value.0.to_string())
}

/// The 自评 section of the one-project document `doc` (a stored self-evaluation as
/// `jixiao_store::domain` gives it back), or `None` when its project is no self-evaluation.
pub(super) fn view(doc: &Document) -> Option<SelfEvaluationView> {
    let project = doc.projects.first().filter(|p| p.is_self_evaluation())?;
    table_view(doc, Some(0), &project.indicators, project.evaluation.as_deref())
}

/// The 自评 section of a 部门整体 自评表: `doc` holds a stored 部门整体 table
/// (`jixiao_store::domain::with_department_table`); `None` when the table is no
/// self-evaluation (its rows print no 实际完成值 or 得分 and no printed part was read).
pub(super) fn department_view(doc: &Document) -> Option<SelfEvaluationView> {
    table_view(doc, None, &doc.department_indicators, doc.department_evaluation.as_deref())
}

/// The 自评 section of the self-evaluation table of `doc` that `rescore` numbers `table`
/// (a project's index, `None` for the 部门整体 table), whose rows are `indicators`.
fn table_view(
    doc: &Document,
    table: Option<usize>,
    indicators: &[jixiao_model::Indicator],
    eval: Option<&jixiao_model::ProjectEvaluation>,
) -> Option<SelfEvaluationView> {
    let cfg = ScoringConfig::default();
    let rescored: Rescored = jixiao_assess::rescore(doc, &cfg).into_iter().find(|r| r.project == table)?;
    let rows = rescored
        .rows
        .iter()
        .map(|r| {
            let ind = &indicators[r.indicator];
            let e = ind.evaluation.as_ref();
            let recomputed = match (r.allowed, r.recomputed) {
                (Some((lo, hi)), _) if lo != hi && r.published.is_none() => Some(format!("{}–{}", n(lo), n(hi))),
                (_, Some(x)) => Some(n(x)),
                _ => None,
            };
            RowView {
                level1: ind.level1.printed.value.clone(),
                level2: ind.level2.printed.value.clone(),
                level3: ind.level3_text().to_string(),
                target: ind.target.as_ref().map_or_else(String::new, |t| t.value.printed.clone()),
                actual: e.and_then(|e| e.actual.as_ref()).map_or_else(String::new, |a| a.value.printed.clone()),
                points: r.points.map(|p| p.normalize().to_string()),
                published: r.published.map(|p| p.to_string()),
                recomputed,
                arithmetic: r.arithmetic.clone(),
                verdict: r.verdict.label(),
                breaks: !matches!(r.verdict, Verdict::Holds | Verdict::Unchecked),
                deviation: e.and_then(|e| e.deviation.as_ref()).map_or_else(String::new, |d| d.value.clone()),
                reason_missing: r.reason_missing,
            }
        })
        .collect();
    let lines: Vec<(&str, &FundLine)> = eval.map(|e| e.funds.lines().collect()).unwrap_or_default();
    let funds = rescored
        .funds
        .iter()
        .map(|f| {
            let line = lines.iter().find(|(l, _)| *l == f.label).map(|(_, l)| *l);
            FundView {
                label: f.label,
                initial: line.and_then(|l| money(&l.initial)),
                adjusted: line.and_then(|l| money(&l.adjusted)),
                executed: line.and_then(|l| money(&l.executed)),
                printed_rate: f.printed_rate.as_ref().map(|r| format!("{}%", r.value)),
                computed_rate: f.computed_rate.map(|r| format!("{}%", n(r))),
                rate_breaks: f.rate_holds == Some(false),
                points: f.points.map(|p| p.normalize().to_string()),
                published: f.published.as_ref().map(|s| s.value.to_string()),
                recomputed: f.recomputed.map(n),
                arithmetic: f.arithmetic.clone(),
                score_breaks: f.score_holds == Some(false),
            }
        })
        .collect();
    let t = &rescored.totals;
    let total = TotalView {
        printed_points: t.printed_points.as_ref().map(|p| p.value.to_string()),
        points_sum: t.points_sum.as_ref().map(|s| s.1.clone()),
        points_breaks: t.points_hold == Some(false),
        printed_score: t.printed_score.as_ref().map(|p| p.value.to_string()),
        score_sum: t.score_sum.as_ref().map(|s| s.1.clone()),
        score_breaks: t.score_holds == Some(false),
        recomputed: t.recomputed.as_ref().map(|(r, _)| n(*r)),
        recomputed_breaks: t.recomputed_holds == Some(false),
        printed_grade: t.printed_grade.as_ref().map(|g| g.value.clone()),
        graded: t.graded.as_ref().map(|(_, g)| g.label()),
        grade_breaks: t.grade_holds == Some(false),
        recomputed_grade: t.recomputed.as_ref().map(|(_, g)| g.label()),
    };
    Some(SelfEvaluationView {
        rows,
        funds,
        total,
        goal_actual: eval.map(|e| e.goal_actual.iter().map(|g| g.value.clone()).collect()).unwrap_or_default(),
        budget_explanation: eval.and_then(|e| e.budget_explanation.as_ref()).map(|b| b.value.clone()),
        breaks: breaks(doc, &rescored, &cfg).iter().map(|b| b.message()).collect(),
    })
}

/// The actual of each of a target table's rows from its paired self-evaluation's rows, by
/// 三级指标 (normalised, each self-evaluation row used once, as `merge_published` pairs them).
pub(super) fn actuals_by_row(targets: &[jixiao_store::Indicator], evaluated: &[jixiao_store::Indicator]) -> Vec<Option<String>> {
    let names: Vec<&str> = evaluated.iter().map(|e| e.level3.as_deref().unwrap_or("")).collect();
    pair_rows(targets.iter().map(|t| t.level3.as_deref().unwrap_or("")), &names)
        .into_iter()
        .map(|k| evaluated[k?].actual_printed.clone())
        .collect()
}
