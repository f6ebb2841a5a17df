//! The printed outputs: 项目支出绩效自评表 per project, the department summary (scores,
//! grades and lights of all projects) and the monitoring lights table, as tables of the one
//! table model ([`jixiao_model::table`]): data, drawn as HTML and .xlsx by `jixiao-office`'s
//! writers (`write_html::page_html`, `write_table::tables_xlsx`); plus plain text for the
//! command line.

use jixiao_model::{Decimal, Document, Money};
use serde::{Deserialize, Serialize};

use jixiao_model::table::{Cell, Table, TableSet};
use crate::lights::{Light, ProjectLights};
use crate::monitoring::{MonitoringReport, Period};
use crate::scoring::{Grade, ProjectScore, PublishedScore};

fn department(doc: &Document) -> String {
    doc.department.as_ref().map_or_else(String::new, |d| d.value.clone())
}

fn year_line(doc: &Document) -> Option<String> {
    doc.year.as_ref().map(|y| format!("（{}年度）", y.value))
}

/// Consecutive equal texts as (text, run length).
fn runs<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<(&'a str, usize)> {
    let mut out: Vec<(&str, usize)> = Vec::new();
    for t in texts {
        match out.last_mut() {
            Some((last, n)) if *last == t => *n += 1,
            _ => out.push((t, 1)),
        }
    }
    out
}

/// A figure shown with two decimals (`16.67`), exact in the number.
fn figure(d: Decimal) -> Cell {
    Cell::number(crate::round2(d), 2, crate::fmt2(d))
}

/// A percentage shown with two decimals and a sign (`90.00%`).
fn percent(d: Decimal) -> Cell {
    Cell::number(crate::round2(d), 2, format!("{}%", crate::fmt2(d)))
}

/// An amount in 万元 as printed, without trailing zeros (`4.5`).
fn money(m: Option<Money>) -> Cell {
    match m {
        Some(m) => Cell::number(m.0.normalize(), 2, m.0.normalize().to_string()),
        None => Cell::text(""),
    }
}

/// A sheet name Excel accepts (none of `[]:*?/\'`, at most 31 characters), numbered:
/// `1-项目名称`.
pub fn sheet_name(index: usize, name: &str) -> String {
    let clean: String = name.chars().filter(|c| !"[]:*?/\\'".contains(*c)).collect();
    let prefix = format!("{}-", index + 1);
    let room = 31 - prefix.chars().count();
    format!("{prefix}{}", clean.chars().take(room).collect::<String>())
}

/// Background of a published score the scoring rules do not give.
pub const BROKEN_FILL: &str = "#f4c7c3";

/// A published score beside the recomputed one: the figure, marked when the rules break.
fn published_cell(p: Option<&PublishedScore>) -> Cell {
    match p {
        None => Cell::text(""),
        Some(p) if p.holds => figure(p.score).field("published-score"),
        Some(p) => figure(p.score).field("published-score-broken").mark(BROKEN_FILL),
    }
}

/// 项目支出绩效自评表 of one project, in the official column layout. A re-scored published
/// table ([`crate::rescore`]) gets a 所印得分 column beside each 得分 (then 复核得分), the
/// printed scores the rules do not give marked, and the breaks as notes.
pub fn self_evaluation_form(doc: &Document, s: &ProjectScore) -> Table {
    let published = s.budget.published.is_some()
        || s.published_total.is_some()
        || s.indicators.iter().any(|i| i.published.is_some());
    let extra = u16::from(published);
    let score_head = if published { "复核得分" } else { "得分" };
    let mut money_head = vec![
        Cell::head("项目资金\n（万元）").rows(5),
        Cell::head("").span(2),
        Cell::head("年初预算数"),
        Cell::head("全年预算数"),
        Cell::head("全年执行数"),
        Cell::head("分值"),
        Cell::head("执行率"),
    ];
    if published {
        money_head.push(Cell::head("所印得分"));
    }
    money_head.push(Cell::head(score_head));
    let mut rows = vec![
        vec![Cell::head("项目名称"), Cell::text(&s.name).span(8 + extra).field("project")],
        vec![
            Cell::head("主管部门"),
            Cell::text(department(doc)).span(3),
            Cell::head("实施单位"),
            Cell::text(s.unit.clone().unwrap_or_default()).span(4 + extra),
        ],
        money_head,
    ];
    for (i, (label, row)) in s.funds.rows().into_iter().enumerate() {
        let rate = row.rate().map_or_else(|| Cell::text(""), percent);
        let (points, printed, score) = if i == 0 {
            (
                figure(s.budget.points),
                published_cell(s.budget.published.as_ref()),
                figure(s.budget.score).field("budget-score"),
            )
        } else {
            (Cell::text("—"), Cell::text("—"), Cell::text("—"))
        };
        let mut cells = vec![
            Cell::head(label).span(2),
            money(row.initial),
            money(row.adjusted),
            money(row.executed),
            points,
            if i == 0 { rate.field("execution-rate") } else { rate },
        ];
        if published {
            cells.push(printed);
        }
        cells.push(score);
        rows.push(cells);
    }
    // The reason a low execution rate needs, where it is given (filled in or printed).
    if let Some(why) = &s.budget_explanation {
        rows.push(vec![Cell::head("执行率偏低原因说明").span(2), Cell::text(why).span(7 + extra).field("budget-explanation")]);
    }
    rows.push(vec![Cell::head("年度总体目标").rows(2), Cell::head("预期目标").span(4), Cell::head("实际完成情况").span(4 + extra)]);
    rows.push(vec![Cell::text(s.goals.join("\n")).span(4), Cell::text(s.goal_actual.clone().unwrap_or_default()).span(4 + extra)]);
    let mut head = vec!["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值"];
    if published {
        head.push("所印得分");
    }
    head.extend([score_head, "偏差原因分析及改进措施"]);
    rows.push(head.into_iter().map(Cell::head).collect());
    rows.last_mut().expect("just pushed").insert(0, Cell::head("绩效指标").rows(s.indicators.len() as u32 + 1));
    // 一级 and 二级 cells span the rows that repeat them, as on the printed form.
    let level1_runs = runs(s.indicators.iter().map(|i| i.level1.as_str()));
    let mut level1_starts = std::collections::BTreeMap::new();
    let mut at = 0;
    for (text, n) in &level1_runs {
        level1_starts.insert(at, (*text, *n));
        at += n;
    }
    let mut level2_starts = std::collections::BTreeMap::new();
    let mut at = 0;
    for (_, n1) in &level1_runs {
        for (text, n) in runs(s.indicators[at..at + n1].iter().map(|i| i.level2.as_str())) {
            level2_starts.insert(at, (text, n));
            at += n;
        }
    }
    for (k, ind) in s.indicators.iter().enumerate() {
        let mut row = Vec::new();
        if let Some((text, n)) = level1_starts.get(&k) {
            row.push(Cell::text(*text).rows(*n as u32));
        }
        if let Some((text, n)) = level2_starts.get(&k) {
            row.push(Cell::text(*text).rows(*n as u32));
        }
        row.extend([
            Cell::text(&ind.level3),
            Cell::text(&ind.target),
            Cell::text(&ind.actual),
            figure(ind.points),
        ]);
        if published {
            row.push(published_cell(ind.published.as_ref()));
        }
        row.extend([figure(ind.score).field("indicator-score"), Cell::text(&ind.deviation)]);
        rows.push(row);
    }
    let grade = match &s.published_grade {
        Some(g) if g.holds => format!("等级：{}（所印：{}）", s.grade.label(), g.printed),
        Some(g) => format!("等级：{}（所印：{}，与所印总分不符）", s.grade.label(), g.printed),
        None => format!("等级：{}", s.grade.label()),
    };
    let mut total_row = vec![Cell::head("总分").span(6), figure(s.max_total)];
    if published {
        total_row.push(published_cell(s.published_total.as_ref()));
    }
    total_row.extend([figure(s.total).field("total"), Cell::text(grade).field("grade")]);
    rows.push(total_row);
    let mut notes: Vec<String> = Vec::new();
    if published {
        notes.push("“所印得分”为自评表所印，“复核得分”按评分规则重算；所印得分与规则不符的单元格标为红色。".into());
    }
    notes.extend(s.budget.note.iter().cloned());
    notes.extend(s.warnings.iter().cloned());
    Table { title: "项目支出绩效自评表".into(), subtitle: year_line(doc), width: 9 + extra, widths: vec![], rows, notes }
}

/// 项目支出绩效自评表 of several projects: one table each, on a sheet named “序号-项目名称”.
pub fn self_evaluation_tables(doc: &Document, scores: &[ProjectScore]) -> TableSet {
    TableSet {
        title: format!("{} 项目支出绩效自评表", department(doc)),
        sheets: scores.iter().map(|s| (sheet_name(s.project, &s.name), self_evaluation_form(doc, s))).collect(),
    }
}

/// 部门汇总的一行。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryRow {
    pub project: usize,
    pub name: String,
    /// 全年预算数（万元）。
    pub budget: Option<Money>,
    /// 执行数（自评的全年执行数，或监控期末执行数）。
    pub executed: Option<Money>,
    /// 执行率（%）。
    pub rate: Option<Decimal>,
    pub budget_light: Option<Light>,
    /// 指标灯计数：红、黄、绿、蓝、不适用。
    pub light_counts: Option<[usize; 5]>,
    pub score: Option<Decimal>,
    pub grade: Option<Grade>,
}

/// 部门汇总：全部项目的执行、预警灯、得分与等级。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentSummary {
    pub department: String,
    pub year: Option<i32>,
    pub period: Option<Period>,
    pub rows: Vec<SummaryRow>,
}

/// Puts together a department's scores and lights (either may be empty). Money comes from
/// the self-evaluation when there is one, else from monitoring, else the printed budget.
pub fn department_summary(
    doc: &Document,
    scores: &[ProjectScore],
    monitoring: Option<&MonitoringReport>,
    lights: &[ProjectLights],
) -> DepartmentSummary {
    let rows = doc
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let score = scores.iter().find(|s| s.project == i);
            let pm = monitoring.and_then(|m| m.projects.iter().find(|pm| pm.project == i));
            let light = lights.iter().find(|l| l.project == i);
            let (budget, executed) = match (score, pm) {
                (Some(s), _) => (s.funds.total.adjusted, s.funds.total.executed),
                (None, Some(pm)) => (pm.budget(doc), pm.spent_to_date),
                (None, None) => (p.budget.total.as_ref().map(|m| m.value), None),
            };
            let rate = match (budget, executed) {
                (Some(b), Some(e)) if b.0 > Decimal::ZERO => crate::percent_of(e.0, b.0),
                _ => None,
            };
            SummaryRow {
                project: i,
                name: p.name.value.clone(),
                budget,
                executed,
                rate,
                budget_light: light.map(|l| l.budget.light.clone()),
                light_counts: light.map(ProjectLights::counts),
                score: score.map(|s| s.total),
                grade: score.map(|s| s.grade),
            }
        })
        .collect();
    DepartmentSummary {
        department: department(doc),
        year: doc.year.as_ref().map(|y| y.value),
        period: monitoring.map(|m| m.period),
        rows,
    }
}

fn light_cell(light: &Option<Light>) -> Cell {
    match light {
        None => Cell::text(""),
        Some(l @ Light::NotApplicable { reason }) => Cell::text(format!("{}（{}）", l.label(), reason)),
        Some(l) => Cell::text(l.label()).fill(l.color()).field("light"),
    }
}

fn counts_text(c: &[usize; 5]) -> String {
    format!("红{} 黄{} 绿{} 蓝{}", c[0], c[1], c[2], c[3])
}

/// The department summary as a form.
pub fn summary_form(summary: &DepartmentSummary) -> Table {
    let head = ["序号", "项目名称", "全年预算数（万元）", "执行数（万元）", "执行率", "预算执行预警", "指标预警", "自评得分", "等级"];
    let mut rows = vec![head.into_iter().map(Cell::head).collect::<Vec<_>>()];
    for r in &summary.rows {
        rows.push(vec![
            Cell::text((r.project + 1).to_string()),
            Cell::text(&r.name).field("project"),
            money(r.budget),
            money(r.executed),
            r.rate.map_or_else(|| Cell::text(""), percent),
            light_cell(&r.budget_light),
            Cell::text(r.light_counts.as_ref().map(counts_text).unwrap_or_default()),
            r.score.map_or_else(|| Cell::text(""), |s| figure(s).field("score")),
            Cell::text(r.grade.map_or("", Grade::label)).field("grade"),
        ]);
    }
    let sum = |f: fn(&SummaryRow) -> Option<Money>| -> Option<Money> {
        let v: Vec<Money> = summary.rows.iter().filter_map(f).collect();
        (!v.is_empty()).then(|| v.into_iter().sum())
    };
    let (budget, executed) = (sum(|r| r.budget), sum(|r| r.executed));
    let rate = match (budget, executed) {
        (Some(b), Some(e)) if b.0 > Decimal::ZERO => crate::percent_of(e.0, b.0).map_or_else(|| Cell::text(""), percent),
        _ => Cell::text(""),
    };
    let scored: Vec<Decimal> = summary.rows.iter().filter_map(|r| r.score).collect();
    let mean = (!scored.is_empty()).then(|| scored.iter().sum::<Decimal>() / Decimal::from(scored.len()));
    let mut counts = [0usize; 5];
    for c in summary.rows.iter().filter_map(|r| r.light_counts.as_ref()) {
        for k in 0..5 {
            counts[k] += c[k];
        }
    }
    let grades: Vec<String> = [Grade::Excellent, Grade::Good, Grade::Fair, Grade::Poor]
        .into_iter()
        .map(|g| format!("{}{}", g.label(), summary.rows.iter().filter(|r| r.grade == Some(g)).count()))
        .collect();
    rows.push(vec![
        Cell::head("合计").span(2),
        money(budget),
        money(executed),
        rate,
        Cell::text(""),
        Cell::text(if summary.rows.iter().any(|r| r.light_counts.is_some()) { counts_text(&counts) } else { String::new() }),
        mean.map_or_else(|| Cell::text(""), |m| figure(m).field("mean-score")),
        Cell::text(if scored.is_empty() { String::new() } else { grades.join(" ") }),
    ]);
    let mut subtitle = summary.year.map(|y| format!("{y}年度")).unwrap_or_default();
    if let Some(p) = summary.period {
        subtitle.push_str(&format!(" 监控期间：{}", p.label()));
    }
    Table {
        title: format!("{} 项目支出绩效汇总", summary.department),
        subtitle: (!subtitle.is_empty()).then_some(subtitle),
        width: 9,
        widths: vec![],
        rows,
        notes: if scored.is_empty() { vec![] } else { vec!["自评得分的平均分为各项目得分的算术平均。".into()] },
    }
}

/// 部门汇总表, on a sheet 汇总.
pub fn department_summary_tables(summary: &DepartmentSummary) -> TableSet {
    TableSet { title: format!("{} 项目支出绩效汇总", summary.department), sheets: vec![("汇总".to_string(), summary_form(summary))] }
}

/// The monitoring lights of every indicator, with the figures behind them.
pub fn lights_form(doc: &Document, report: &MonitoringReport, lights: &[ProjectLights]) -> Table {
    let head = ["项目名称", "三级指标", "年度指标值", "当前完成值", "计算方法", "完成进度", "预警", "完成可能性", "偏差原因及措施"];
    let mut rows = vec![head.into_iter().map(Cell::head).collect::<Vec<_>>()];
    for pl in lights {
        let Some(project) = doc.projects.get(pl.project) else { continue };
        let pm = report.projects.iter().find(|p| p.project == pl.project);
        let b = &pl.budget;
        rows.push(vec![
            Cell::text(&project.name.value).rows(pl.indicators.len() as u32 + 1),
            Cell::head("预算执行"),
            money(pm.and_then(|p| p.budget(doc))),
            money(pm.and_then(|p| p.spent_to_date)),
            Cell::text(if b.planned {
                format!("执行率 ÷ 计划支出进度 {}%", crate::fmt2(b.time_share))
            } else {
                format!("执行率 ÷ 时间进度 {}%", crate::fmt2(b.time_share))
            }),
            b.ratio.map_or_else(|| Cell::text(""), percent),
            light_cell(&Some(b.light.clone())),
            Cell::text(""),
            Cell::text(b.overspent.map(|o| format!("超支：执行数超过全年预算数 {} 万元", crate::round2(o).normalize())).unwrap_or_default())
                .field("overspent"),
        ]);
        for il in &pl.indicators {
            let Some(ind) = project.indicators.get(il.indicator) else { continue };
            let kind = crate::TargetKind::of(ind);
            let progress = pm.and_then(|p| p.indicators.iter().find(|i| i.indicator == il.indicator));
            let cause = progress
                .map(|p| {
                    [p.cause.map(|c| c.label().to_string()), p.cause_text.clone(), p.measures.clone()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join("；")
                })
                .unwrap_or_default();
            rows.push(vec![
                Cell::text(ind.level3_text()),
                Cell::text(ind.target.as_ref().map_or("", |t| t.value.printed.as_str())),
                Cell::text(progress.and_then(|p| p.current.as_ref()).map(|v| v.display(&kind)).unwrap_or_default()),
                Cell::text(il.method.label()),
                il.ratio.map_or_else(|| Cell::text(""), percent),
                light_cell(&Some(il.light.clone())),
                Cell::text(progress.and_then(|p| p.likelihood).map_or("", |l| l.label())),
                Cell::text(cause),
            ]);
        }
    }
    Table {
        title: format!("{} 运行监控预警", department(doc)),
        subtitle: Some(format!("监控期间：{}", report.period.label())),
        width: 9,
        widths: vec![],
        rows,
        notes: vec![],
    }
}

/// 运行监控预警表, on a sheet 预警.
pub fn lights_tables(doc: &Document, report: &MonitoringReport, lights: &[ProjectLights]) -> TableSet {
    TableSet {
        title: format!("{} 运行监控预警", department(doc)),
        sheets: vec![("预警".to_string(), lights_form(doc, report, lights))],
    }
}

/// One line per project for the command line: `1. 项目名称  97.57 分  优`.
pub fn scores_text(scores: &[ProjectScore]) -> String {
    let mut out = String::new();
    for s in scores {
        out.push_str(&format!("{}. {}  {} 分  {}\n", s.project + 1, s.name, crate::fmt2(s.total), s.grade.label()));
        for w in &s.warnings {
            out.push_str(&format!("   提示：{w}\n"));
        }
    }
    out
}

/// One line per project and indicator for the command line.
pub fn lights_text(doc: &Document, lights: &[ProjectLights]) -> String {
    let mut out = String::new();
    let show = |l: &Light| match l {
        Light::NotApplicable { reason } => format!("不适用（{reason}）"),
        l => l.label().to_string(),
    };
    for pl in lights {
        let Some(project) = doc.projects.get(pl.project) else { continue };
        let ratio = pl.budget.ratio.map(|r| format!(" 进度比 {}%", crate::fmt2(r))).unwrap_or_default();
        out.push_str(&format!("{}. {}  预算执行：{}{}\n", pl.project + 1, project.name.value, show(&pl.budget.light), ratio));
        for il in &pl.indicators {
            let ratio = il.ratio.map(|r| format!(" {}%", crate::fmt2(r))).unwrap_or_default();
            let name = project.indicators.get(il.indicator).map_or("", |i| i.level3_text());
            out.push_str(&format!("   {}：{}{}\n", name, show(&il.light), ratio));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdoc::{d, monitored_in_june, scored};

    #[test]
    fn summary_and_lights() {
        let (doc, scores) = scored();
        let (report, lights) = monitored_in_june(&doc);
        // 2 of 8 万元 in June: 25% ÷ 50% = 50% → red. 演练 2 of ≥4次: expected 2 → 100% → green.
        assert_eq!(lights[0].budget.light, Light::Red);
        assert_eq!(lights[0].indicators[0].light, Light::Green);

        let summary = department_summary(&doc, &scores[..1], Some(&report), &lights);
        assert_eq!(summary.rows[0].score, Some(scores[0].total));
        assert_eq!(summary.rows[1].rate, Some(d("25")));
        assert_eq!(summary.rows[1].light_counts, Some([0, 0, 1, 0, 0]));

        let text = lights_text(&doc, &lights);
        assert_eq!(text, "2. <应急>演练  预算执行：红灯 进度比 50.00%\n   演练次数：绿灯 100.00%\n");
        assert!(scores_text(&scores).starts_with("1. “双控”机制建设  97.57 分  优\n"));
    }
}
