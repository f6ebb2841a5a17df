//! Comparisons (对比) as the service shows them: one project across years
//! (`/compare/project?id=`) and the departments of one year (`/compare/departments?year=`),
//! as pages, JSON (`/api/v1/compare/…`) and CSV.
//!
//! Both are built from the indicator library's snapshot of the caller's [`Visibility`]
//! ([`crate::library`]: the projects with their targets and budgets; matching across years
//! and the per-department counts are `jixiao_library::compare`'s) and the store's
//! [`Store::project_figures`] under the same visibility (the review's stored grade and the
//! latest monitoring entry: actual values and budget execution, only where the caller may read
//! monitoring; for the departments of a year [`Store::department_figures`], the same summed per
//! department in SQL). So a comparison, its chart and its CSV hold nothing the caller may not
//! read. Self-evaluation scores (自评得分) are not
//! stored (the store keeps target tables only); the score shown is the review's (审核得分).

use std::collections::HashMap;
use std::sync::Arc;

use jixiao_assess::IndicatorProgress;
use jixiao_library::compare::{departments_of_year, indicator_rows, series, ProjectIdentity};
use jixiao_model::pairing::PairedBy;
use jixiao_store::{DepartmentFigures, FiguresOf, MonitoringEntry, ProjectFigures, Store, StoreError, Visibility};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::library::Snapshot;

/// Quantitative indicators drawn in the project comparison's chart (the table has them all).
pub const MAX_CHART_SERIES: usize = 8;

/// A project of the series, one year.
#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    pub project_id: i64,
    pub year: Option<i32>,
    pub department: String,
    pub code: Option<String>,
    pub name: String,
    /// 本项目 / 按项目编码 / 按部门与项目名称.
    pub matched_by: &'static str,
    /// 预算数（万元）.
    pub budget: Option<String>,
    /// The review's 得分 and grade (审核得分, 优/良/中/差) as stored.
    pub score: Option<i64>,
    pub grade: Option<String>,
    /// The latest monitoring period (`1—6月`) and its figures.
    pub monitoring: Option<String>,
    pub annual_budget: Option<String>,
    pub spent: Option<String>,
    /// 预算执行率 (%), one decimal.
    pub execution: Option<String>,
}

/// One indicator in one year.
#[derive(Debug, Clone, Serialize, Default)]
pub struct CellView {
    /// Targets as printed (a project may print the indicator twice).
    pub targets: Vec<String>,
    /// The number of the first quantitative target, for the chart.
    pub value: Option<String>,
    /// Actual values of the latest monitoring entry (当前完成值, else 全年预计).
    pub actuals: Vec<String>,
    pub actual_value: Option<String>,
}

/// One indicator over the years.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    pub label: String,
    pub unit: Option<String>,
    /// One per year of [`ProjectComparison::years`].
    pub cells: Vec<CellView>,
}

/// A project across years.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectComparison {
    pub project_id: i64,
    pub name: String,
    pub department: String,
    pub years: Vec<YearView>,
    pub indicators: Vec<IndicatorView>,
}

/// A department's figures of one year.
#[derive(Debug, Clone, Serialize)]
pub struct DepartmentRow {
    pub department_id: Option<i64>,
    /// `未识别部门` for documents that name none.
    pub department: String,
    pub projects: usize,
    pub indicators: usize,
    /// Indicators with a quantitative target, and their share (%).
    pub quantitative: usize,
    pub quantitative_percent: Option<String>,
    /// 预算数合计（万元）.
    pub budget: String,
    /// Projects by the review's grade [优, 良, 中, 差], and the average 审核得分 of the graded.
    pub grades: [usize; 4],
    pub graded: usize,
    pub average_score: Option<String>,
    /// Projects with a monitoring entry, their 全年预算 and 执行数 summed, and the rate (%).
    pub monitored: usize,
    pub annual_budget: String,
    pub spent: String,
    pub execution: Option<String>,
    /// Published self-evaluations (自评表) printing a total, and their average 自评得分.
    pub self_evaluated: usize,
    pub average_self_score: Option<String>,
}

/// The departments of a year.
#[derive(Debug, Clone, Serialize)]
pub struct DepartmentComparison {
    pub year: Option<i32>,
    /// Every year the caller can see projects of, newest first.
    pub years: Vec<i32>,
    pub departments: Vec<DepartmentRow>,
}

fn by_label(by: Option<PairedBy>) -> &'static str {
    match by {
        None => "本项目",
        Some(PairedBy::Code) => "按项目编码",
        Some(PairedBy::Name) => "按部门与项目名称",
    }
}

fn percent(part: Decimal, whole: Decimal) -> Option<String> {
    (whole > Decimal::ZERO).then(|| (part * Decimal::from(100) / whole).round_dp(1).normalize().to_string())
}

fn amount(s: Option<&str>) -> Option<Decimal> {
    s.and_then(|s| s.trim().parse::<Decimal>().ok())
}

/// The monitoring entry's 全年预算 (else the project's budget) and 执行数.
fn execution(m: &MonitoringEntry<IndicatorProgress>, budget: Option<Decimal>) -> (Option<Decimal>, Option<Decimal>) {
    (amount(m.annual_budget.as_deref()).or(budget), amount(m.spent_to_date.as_deref()))
}

type Figures = ProjectFigures<IndicatorProgress>;

/// `id`'s project across the years the caller can see; `None` when the snapshot does not
/// hold it (not current, or not visible — the handler has checked the latter already).
pub async fn project(store: &Store, snapshot: &Snapshot, seen: Visibility, id: i64) -> Result<Option<ProjectComparison>, StoreError> {
    let Some(of) = snapshot.ids.iter().position(|&x| x == id) else {
        return Ok(None);
    };
    let identities = snapshot.identities();
    let years: Vec<Option<i32>> = snapshot.sources.iter().map(|p| p.year).collect();
    let members = series(identities, &years, of);
    let ids: Vec<i64> = members.iter().map(|m| snapshot.ids[m.project]).collect();
    let figures: HashMap<i64, Figures> = store
        .project_figures::<IndicatorProgress>(seen, FiguresOf::Projects(&ids))
        .await?
        .into_iter()
        .map(|f| (f.project_id, f))
        .collect();
    let year_views: Vec<YearView> = members
        .iter()
        .map(|m| {
            let s = &snapshot.sources[m.project];
            let pid = snapshot.ids[m.project];
            let f = figures.get(&pid);
            let mon = f.and_then(|f| f.monitoring.as_ref());
            let (annual, spent) = mon.map_or((None, None), |m| execution(m, s.budget));
            YearView {
                project_id: pid,
                year: s.year,
                department: s.department.clone(),
                code: s.code.clone(),
                name: s.name.clone(),
                matched_by: by_label(m.by),
                budget: s.budget.map(|b| b.normalize().to_string()),
                score: f.and_then(|f| f.grade_value),
                grade: f.and_then(|f| f.grade.clone()),
                monitoring: mon.map(|m| format!("{}—{}月", m.first_month, m.last_month)),
                annual_budget: annual.map(|a| a.normalize().to_string()),
                spent: spent.map(|a| a.normalize().to_string()),
                execution: annual.zip(spent).and_then(|(a, s)| percent(s, a)),
            }
        })
        .collect();
    let rows = indicator_rows(&snapshot.sources, &snapshot.library, &members);
    let indicators = rows
        .into_iter()
        .map(|r| IndicatorView {
            label: r.label,
            unit: r.unit,
            cells: r
                .cells
                .iter()
                .zip(&members)
                .map(|(rows, m)| {
                    let s = &snapshot.sources[m.project];
                    let mon = figures.get(&snapshot.ids[m.project]).and_then(|f| f.monitoring.as_ref());
                    let mut cell = CellView::default();
                    for &i in rows {
                        let ind = &s.indicators[i];
                        if let Some(t) = &ind.target {
                            cell.targets.push(t.value.printed.clone());
                            if cell.value.is_none() {
                                cell.value = t.value.number().map(|n| n.normalize().to_string());
                            }
                        }
                        let progress = mon.and_then(|m| m.indicators.iter().find(|p| p.indicator == i));
                        if let Some(a) = progress.and_then(|p| p.current.as_ref().or(p.expected_full_year.as_ref())) {
                            cell.actuals.push(a.display(&jixiao_assess::TargetKind::of(ind)));
                            if cell.actual_value.is_none() {
                                if let jixiao_assess::ActualValue::Number { value } = a {
                                    cell.actual_value = Some(value.normalize().to_string());
                                }
                            }
                        }
                    }
                    cell
                })
                .collect(),
        })
        .collect();
    let me = &snapshot.sources[of];
    Ok(Some(ProjectComparison {
        project_id: id,
        name: me.name.clone(),
        department: me.department.clone(),
        years: year_views,
        indicators,
    }))
}

/// Every year of the snapshot, newest first.
pub fn years(snapshot: &Snapshot) -> Vec<i32> {
    let mut y: Vec<i32> = snapshot.sources.iter().filter_map(|p| p.year).collect();
    y.sort_unstable_by(|a, b| b.cmp(a));
    y.dedup();
    y
}

/// The departments of `year` (default: the newest year) the caller can see; computed once
/// per snapshot and year (the snapshot is rebuilt after every write, and `snapshot` is of
/// `seen`).
pub async fn departments(store: &Store, snapshot: &Snapshot, seen: Visibility, year: Option<i32>) -> Result<Arc<DepartmentComparison>, StoreError> {
    let all_years = years(snapshot);
    let Some(year) = year.or_else(|| all_years.first().copied()) else {
        return Ok(Arc::new(DepartmentComparison {
            year: None,
            years: all_years,
            departments: Vec::new(),
        }));
    };
    let cached = snapshot.department_comparisons.lock().ok().and_then(|c| c.get(&year).cloned());
    if let Some(c) = cached {
        return Ok(c);
    }
    let figures: HashMap<Option<i64>, DepartmentFigures> = store
        .department_figures(seen, i64::from(year))
        .await?
        .into_iter()
        .map(|f| (f.department_id, f))
        .collect();
    let departments = departments_of_year(&snapshot.sources, year)
        .into_iter()
        .map(|d| {
            // The library groups by the department's name; the store by its id (one name is
            // almost always one id, but every id of the name counts).
            let mut ids: Vec<Option<i64>> = d.projects.iter().map(|&p| snapshot.departments[p]).collect();
            ids.sort_unstable();
            ids.dedup();
            let (mut grades, mut graded, mut score_sum, mut monitored) = ([0usize; 4], 0usize, 0i64, 0usize);
            let (mut annual, mut spent) = (Decimal::ZERO, Decimal::ZERO);
            let (mut self_evaluated, mut self_sum) = (0usize, Decimal::ZERO);
            for f in ids.iter().filter_map(|id| figures.get(id)) {
                for (g, n) in grades.iter_mut().zip(f.grades) {
                    *g += usize::try_from(n).unwrap_or(0);
                }
                graded += usize::try_from(f.graded).unwrap_or(0);
                score_sum += f.score_sum;
                monitored += usize::try_from(f.monitored).unwrap_or(0);
                annual += f.annual;
                spent += f.spent;
                self_evaluated += usize::try_from(f.self_evaluated).unwrap_or(0);
                self_sum += f.self_score_sum;
            }
            DepartmentRow {
                department_id: ids.iter().copied().flatten().next(),
                department: if d.department.is_empty() { "未识别部门".to_string() } else { d.department.clone() },
                projects: d.projects.len(),
                indicators: d.indicators,
                quantitative: d.quantitative,
                quantitative_percent: d.quantitative_percent().map(|p| p.to_string()),
                budget: d.budget.normalize().to_string(),
                grades,
                graded,
                average_score: (graded > 0).then(|| {
                    (Decimal::from(score_sum) / Decimal::from(graded as u64)).round_dp(1).normalize().to_string()
                }),
                monitored,
                annual_budget: annual.normalize().to_string(),
                spent: spent.normalize().to_string(),
                execution: percent(spent, annual),
                self_evaluated,
                average_self_score: (self_evaluated > 0)
                    .then(|| (self_sum / Decimal::from(self_evaluated as u64)).round_dp(1).normalize().to_string()),
            }
        })
        .collect();
    let c = Arc::new(DepartmentComparison {
        year: Some(year),
        years: all_years,
        departments,
    });
    if let Ok(mut cache) = snapshot.department_comparisons.lock() {
        cache.insert(year, c.clone());
    }
    Ok(c)
}

// ---------------------------------------------------------------- CSV

/// CSV as the office exports write it: UTF-8 with BOM (Excel and WPS open it in Chinese),
/// CRLF line ends, quoting by the `csv` crate.
fn csv_of(headers: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        // Writing to a Vec cannot fail; a failure would be a bug in csv.
        w.write_record(headers).expect("CSV into memory");
        for r in rows {
            w.write_record(&r).expect("CSV into memory");
        }
        w.flush().expect("CSV into memory");
    }
    out
}

fn or_empty<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or(String::new(), ToString::to_string)
}

/// The project comparison as one flat table: a row per year and indicator (a year without
/// indicators has one row with the indicator columns empty).
pub fn project_csv(c: &ProjectComparison) -> Vec<u8> {
    const HEADERS: [&str; 16] = [
        "年度", "部门", "项目编码", "项目名称", "匹配方式", "项目ID", "预算数（万元）", "审核得分", "审核等级", "监控期间",
        "全年预算（万元）", "执行数（万元）", "预算执行率（%）", "指标", "指标值", "实际完成值",
    ];
    let mut rows = Vec::new();
    for (k, y) in c.years.iter().enumerate() {
        let head = vec![
            or_empty(&y.year),
            y.department.clone(),
            or_empty(&y.code),
            y.name.clone(),
            y.matched_by.to_string(),
            y.project_id.to_string(),
            or_empty(&y.budget),
            or_empty(&y.score),
            or_empty(&y.grade),
            or_empty(&y.monitoring),
            or_empty(&y.annual_budget),
            or_empty(&y.spent),
            or_empty(&y.execution),
        ];
        let mut any = false;
        for i in &c.indicators {
            let cell = &i.cells[k];
            if cell.targets.is_empty() && cell.actuals.is_empty() {
                continue;
            }
            any = true;
            let mut r = head.clone();
            r.extend([i.label.clone(), cell.targets.join("；"), cell.actuals.join("；")]);
            rows.push(r);
        }
        if !any {
            let mut r = head;
            r.extend([String::new(), String::new(), String::new()]);
            rows.push(r);
        }
    }
    csv_of(&HEADERS, rows)
}

/// The department comparison, a row per department.
pub fn departments_csv(c: &DepartmentComparison) -> Vec<u8> {
    const HEADERS: [&str; 19] = [
        "年度", "部门", "项目数", "指标数", "定量指标数", "定量指标占比（%）", "预算数（万元）", "优", "良", "中", "差",
        "平均审核得分", "已填报监控项目数", "全年预算（万元）", "执行数（万元）", "预算执行率（%）", "部门ID", "自评表数",
        "平均自评得分",
    ];
    let rows = c.departments.iter().map(|d| {
        vec![
            or_empty(&c.year),
            d.department.clone(),
            d.projects.to_string(),
            d.indicators.to_string(),
            d.quantitative.to_string(),
            or_empty(&d.quantitative_percent),
            d.budget.clone(),
            d.grades[0].to_string(),
            d.grades[1].to_string(),
            d.grades[2].to_string(),
            d.grades[3].to_string(),
            or_empty(&d.average_score),
            d.monitored.to_string(),
            d.annual_budget.clone(),
            d.spent.clone(),
            or_empty(&d.execution),
            or_empty(&d.department_id),
            d.self_evaluated.to_string(),
            or_empty(&d.average_self_score),
        ]
    });
    csv_of(&HEADERS, rows)
}

/// The project comparison's chart data: budget, score and execution by year, and up to
/// [`MAX_CHART_SERIES`] quantitative indicators' targets and actuals.
pub fn project_chart(c: &ProjectComparison) -> serde_json::Value {
    let years: Vec<String> = c.years.iter().map(|y| y.year.map_or("年度不详".to_string(), |y| format!("{y}年"))).collect();
    let num = |s: &Option<String>| s.as_deref().and_then(|s| s.parse::<f64>().ok());
    let indicators: Vec<serde_json::Value> = c
        .indicators
        .iter()
        .filter(|i| i.cells.iter().any(|c| c.value.is_some()))
        .take(MAX_CHART_SERIES)
        .map(|i| {
            let name = match &i.unit {
                Some(u) => format!("{}（{u}）", i.label),
                None => i.label.clone(),
            };
            serde_json::json!({
                "name": name,
                "targets": i.cells.iter().map(|c| num(&c.value)).collect::<Vec<_>>(),
                "actuals": i.cells.iter().map(|c| num(&c.actual_value)).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({
        "years": years,
        "budget": c.years.iter().map(|y| num(&y.budget)).collect::<Vec<_>>(),
        "score": c.years.iter().map(|y| y.score).collect::<Vec<_>>(),
        "execution": c.years.iter().map(|y| num(&y.execution)).collect::<Vec<_>>(),
        "indicators": indicators,
    })
}

/// The department comparison's chart data: per department, the share of measurable targets,
/// the average review score and the budget execution rate.
pub fn departments_chart(c: &DepartmentComparison) -> serde_json::Value {
    let num = |s: &Option<String>| s.as_deref().and_then(|s| s.parse::<f64>().ok());
    serde_json::json!({
        "names": c.departments.iter().map(|d| d.department.clone()).collect::<Vec<_>>(),
        "quantitative": c.departments.iter().map(|d| num(&d.quantitative_percent)).collect::<Vec<_>>(),
        "score": c.departments.iter().map(|d| num(&d.average_score)).collect::<Vec<_>>(),
        "execution": c.departments.iter().map(|d| num(&d.execution)).collect::<Vec<_>>(),
    })
}

/// Identities of a snapshot's projects, for [`Snapshot::identities`].
pub fn identities_of(snapshot_sources: &[jixiao_library::SourceProject]) -> Vec<ProjectIdentity> {
    snapshot_sources.iter().map(ProjectIdentity::of).collect()
}
