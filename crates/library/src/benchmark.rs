//! Benchmark checks (对标检查, the rule set `RuleSet::Benchmark` of the one catalogue):
//! targets compared with last year's actuals, budgets and peers.
//!
//! Each check takes the rules' `&Settings` and returns `jixiao_rules::Finding`s recorded
//! through `Settings::emit` — located by project (the index in the `projects` given) and
//! indicator row, the figures it compared quoted and named in the message (the templates are
//! the catalogue's):
//! - `JX-B001` a target below what the same project achieved last year (by code, else
//!   department + normalised name; same library entry and unit);
//! - `JX-B002` a target unchanged while the project's budget rose by 20% or more;
//! - `JX-B003` a target outside the 5–95 percentile of its peers' targets (same entry and
//!   unit, at least 10 peers);
//! - `JX-B004` / `JX-B005` boilerplate values as department statistics: most percentage
//!   targets 100%, nearly every 满意度 target ≥90% (no project in the location: a department's
//!   year, kept apart in [`Benchmarks::departments`]).
//!
//! They are computed on demand from a library, not stored with a document's report: they
//! compare a project with other documents, which change without it.

use std::collections::{BTreeMap, HashMap};

use jixiao_model::pairing::{normalise_code, normalise_name};
use jixiao_model::{Comparison, Decimal, Direction, Indicator, Level1};
use jixiao_rules::{Finding, Location, Quote, Rule, Settings};

use crate::entry::{percentile, row_unit, Library, SourceProject};
use crate::normalise::{meaning_key, normalise};

/// The numbers the checks compare against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thresholds {
    /// `JX-B002`: the budget rise (%) from which an unchanged target is noted; 20.
    pub min_rise_percent: Decimal,
    /// `JX-B003`: the other rows of an entry and unit a target is compared with, at least; 10.
    pub min_peers: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { min_rise_percent: Decimal::from(20), min_peers: 10 }
    }
}

/// Every benchmark finding about a set of projects.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Benchmarks {
    /// About indicator rows (`JX-B001`…`B003`), by rule, then as found: `Location::project` is
    /// the project's index in the projects checked, `row` the indicator's from 1.
    pub rows: Vec<Finding>,
    /// About a department's year (`JX-B004`, `B005`): its name (empty: documents naming none),
    /// its year and its findings, by department and year.
    pub departments: Vec<(String, Option<i32>, Vec<Finding>)>,
}

impl Benchmarks {
    /// Every check over `projects`, with `settings` (disabled rules find nothing, severities as
    /// configured).
    pub fn check(projects: &[SourceProject], library: &Library, settings: &Settings, limits: &Thresholds) -> Benchmarks {
        let mut rows = below_last_year(projects, library, settings);
        rows.extend(unchanged_while_budget_rose(projects, library, limits.min_rise_percent, settings));
        rows.extend(outside_peer_range(projects, library, limits.min_peers, settings));
        let departments = department_stats(projects)
            .iter()
            .map(|s| (s.department.clone(), s.year, boilerplate(s, settings)))
            .filter(|d| !d.2.is_empty())
            .collect();
        Benchmarks { rows, departments }
    }

    /// The findings about project `p` of `projects`: its department's of its year, then its
    /// rows'.
    pub fn of_project<'a>(&'a self, projects: &[SourceProject], p: usize) -> Vec<&'a Finding> {
        let project = &projects[p];
        let department = self
            .departments
            .iter()
            .filter(|(d, y, _)| *d == project.department && *y == project.year)
            .flat_map(|d| &d.2);
        let rows = self.rows.iter().filter(|f| f.location.project == Some(p));
        department.chain(rows).collect()
    }

    /// Every finding: the departments', then the rows'.
    pub fn all(&self) -> impl Iterator<Item = &Finding> {
        self.departments.iter().flat_map(|d| &d.2).chain(&self.rows)
    }

    pub fn len(&self) -> usize {
        self.rows.len() + self.departments.iter().map(|d| d.2.len()).sum::<usize>()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn quote(field: &'static str, value: impl ToString) -> Quote {
    Quote { field, value: value.to_string() }
}

/// Indicator row `i` (from 0) of project `p`: where its target is printed.
fn at_row(p: usize, i: usize, ind: &Indicator) -> Location {
    let at = ind.target.as_ref().map_or(ind.at, |t| t.at);
    Location {
        project: Some(p),
        row: Some(i + 1),
        line: at.line,
        cell: at.cell,
        field: Some("指标值"),
        ..Location::default()
    }
}

/// The keys a project is known by across years: its code, and department + name.
fn project_keys(p: &SourceProject) -> Vec<String> {
    let mut keys = Vec::with_capacity(2);
    if let Some(c) = p.code.as_deref().map(normalise_code).filter(|c| !c.is_empty()) {
        keys.push(format!("code:{c}"));
    }
    keys.push(format!("name:{}|{}", p.department, normalise_name(&p.name)));
    keys
}

/// For each project, the projects of the year before with the same key (by code first).
fn last_year(projects: &[SourceProject]) -> Vec<Vec<usize>> {
    let mut by_key: HashMap<(String, i32), Vec<usize>> = HashMap::new();
    for (i, p) in projects.iter().enumerate() {
        let Some(y) = p.year else { continue };
        for k in project_keys(p) {
            by_key.entry((k, y)).or_default().push(i);
        }
    }
    projects
        .iter()
        .map(|p| {
            let Some(y) = p.year else { return Vec::new() };
            project_keys(p)
                .into_iter()
                .find_map(|k| by_key.get(&(k, y - 1)).cloned())
                .unwrap_or_default()
        })
        .collect()
}

fn number_and_unit(i: &Indicator) -> Option<(Decimal, String)> {
    let t = i.target.as_ref()?;
    Some((t.value.number()?, row_unit(i)?))
}

fn actual_of(i: &Indicator) -> Option<(Decimal, String)> {
    let a = i.evaluation.as_ref()?.actual.as_ref()?;
    let unit = a.value.unit().map(str::to_string).or_else(|| row_unit(i))?;
    Some((a.value.number()?, unit))
}

fn shown(d: Decimal, unit: &str) -> String {
    format!("{}{unit}", d.normalize())
}

/// `JX-B001`: a target below last year's actual for the same project and indicator (above
/// it for a reverse indicator).
pub fn below_last_year(projects: &[SourceProject], library: &Library, settings: &Settings) -> Vec<Finding> {
    let mut out = Vec::new();
    if !settings.enabled(Rule::B001) {
        return out;
    }
    let before = last_year(projects);
    for (p, project) in projects.iter().enumerate() {
        for (i, ind) in project.indicators.iter().enumerate() {
            let Some(entry) = library.placed(p, i) else { continue };
            let Some((target, unit)) = number_and_unit(ind) else { continue };
            let reverse = ind.target.as_ref().and_then(|t| t.value.direction()) == Some(Direction::Reverse);
            let actual = before[p].iter().find_map(|&q| {
                projects[q].indicators.iter().enumerate().find_map(|(j, old)| {
                    (library.placed(q, j) == Some(entry))
                        .then(|| actual_of(old))
                        .flatten()
                        .filter(|(_, u)| *u == unit)
                })
            });
            let Some((actual, _)) = actual else { continue };
            let worse = if reverse { target > actual } else { target < actual };
            if worse {
                let year = project.year.map_or(String::new(), |y| format!("{}年", y - 1));
                let actual = shown(actual, &unit);
                let args = [
                    ("level3", ind.level3_text()),
                    ("target", &shown(target, &unit)),
                    ("side", if reverse { "高于" } else { "低于" }),
                    ("year", &year),
                    ("actual", &actual),
                ];
                let quotes = vec![
                    quote("本年目标值", ind.target.as_ref().map_or("", |t| t.value.printed.as_str())),
                    quote("上年实际完成值", &actual),
                ];
                settings.emit(&mut out, Rule::B001, at_row(p, i, ind), &args, quotes);
            }
        }
    }
    out
}

/// `JX-B002`: a target unchanged while the budget rose by `min_rise_percent` or more (20 by
/// default); 100% targets, which cannot rise, are left out.
pub fn unchanged_while_budget_rose(
    projects: &[SourceProject],
    library: &Library,
    min_rise_percent: Decimal,
    settings: &Settings,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if !settings.enabled(Rule::B002) {
        return out;
    }
    let before = last_year(projects);
    let hundred = Decimal::from(100);
    for (p, project) in projects.iter().enumerate() {
        let Some(budget) = project.budget else { continue };
        for &q in &before[p] {
            let Some(old_budget) = projects[q].budget.filter(|b| *b > Decimal::ZERO) else { continue };
            let rise = (budget - old_budget) / old_budget * hundred;
            if rise < min_rise_percent {
                continue;
            }
            for (i, ind) in project.indicators.iter().enumerate() {
                let Some(entry) = library.placed(p, i) else { continue };
                let Some((target, unit)) = number_and_unit(ind) else { continue };
                if unit == "%" && target >= hundred {
                    continue;
                }
                let op = ind.target.as_ref().and_then(|t| t.value.comparison());
                let same = projects[q].indicators.iter().enumerate().any(|(j, old)| {
                    library.placed(q, j) == Some(entry)
                        && number_and_unit(old) == Some((target, unit.clone()))
                        && old.target.as_ref().and_then(|t| t.value.comparison()) == op
                });
                if same {
                    let target = shown(target, &unit);
                    let old_budget = old_budget.normalize().to_string();
                    let budget = budget.normalize().to_string();
                    let rise = rise.round_dp(1).normalize().to_string();
                    let args = [
                        ("old_budget", old_budget.as_str()),
                        ("budget", &budget),
                        ("rise", &rise),
                        ("level3", ind.level3_text()),
                        ("target", &target),
                    ];
                    let quotes = vec![
                        quote("目标值", &target),
                        quote("上年预算（万元）", &old_budget),
                        quote("本年预算（万元）", &budget),
                        quote("预算增幅", format!("{rise}%")),
                    ];
                    settings.emit(&mut out, Rule::B002, at_row(p, i, ind), &args, quotes);
                }
            }
            break;
        }
    }
    out
}

/// `JX-B003`: a target outside the 5–95 percentile of the targets of the same entry and unit,
/// where at least `min_peers` other rows set one.
pub fn outside_peer_range(projects: &[SourceProject], library: &Library, min_peers: usize, settings: &Settings) -> Vec<Finding> {
    let mut out = Vec::new();
    if !settings.enabled(Rule::B003) {
        return out;
    }
    let mut groups: BTreeMap<(usize, String), Vec<(usize, usize, Decimal)>> = BTreeMap::new();
    for (p, project) in projects.iter().enumerate() {
        for (i, ind) in project.indicators.iter().enumerate() {
            let (Some(entry), Some((n, unit))) = (library.placed(p, i), number_and_unit(ind)) else { continue };
            groups.entry((entry, unit)).or_default().push((p, i, n));
        }
    }
    for ((entry, unit), rows) in groups {
        if rows.len() < min_peers + 1 {
            continue;
        }
        let mut values: Vec<Decimal> = rows.iter().map(|r| r.2).collect();
        values.sort();
        let low = percentile(&values, Decimal::new(5, 2)).normalize();
        let high = percentile(&values, Decimal::new(95, 2)).normalize();
        let (p5, p95) = (shown(low, &unit), shown(high, &unit));
        let count = values.len().to_string();
        for (p, i, n) in rows.iter().copied() {
            let below = if n < low { true } else if n > high { false } else { continue };
            let ind = &projects[p].indicators[i];
            let target = shown(n, &unit);
            let args = [
                ("level3", ind.level3_text()),
                ("target", &target),
                ("side", if below { "低于" } else { "高于" }),
                ("entry", &library.entries[entry].label),
                ("count", &count),
                ("percentile", if below { "5%" } else { "95%" }),
                ("bound", if below { &p5 } else { &p95 }),
            ];
            let quotes = vec![
                quote("目标值", &target),
                quote("同类5%分位", &p5),
                quote("同类95%分位", &p95),
                quote("同类指标数", &count),
            ];
            settings.emit(&mut out, Rule::B003, at_row(p, i, ind), &args, quotes);
        }
    }
    out
}

/// A department's boilerplate figures for one year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DepartmentStats {
    pub department: String,
    pub year: Option<i32>,
    /// Quantitative targets in %.
    pub percent_targets: usize,
    /// Of those, set at 100%.
    pub hundred_percent: usize,
    /// 满意度 targets in %.
    pub satisfaction_targets: usize,
    /// Of those, set at ≥90% (`≥90%`, `90%`, `>=90%`).
    pub satisfaction_at_90: usize,
}

fn is_satisfaction(project: &SourceProject, i: &Indicator) -> bool {
    i.level1_category(project.framework) == Some(Level1::Satisfaction)
        || meaning_key(&normalise(i.level3_text()).name).ends_with("满意度")
}

/// Every department's boilerplate figures, by department and year.
pub fn department_stats(projects: &[SourceProject]) -> Vec<DepartmentStats> {
    let mut by: BTreeMap<(String, Option<i32>), DepartmentStats> = BTreeMap::new();
    let (hundred, ninety) = (Decimal::from(100), Decimal::from(90));
    for p in projects {
        let s = by.entry((p.department.clone(), p.year)).or_insert_with(|| DepartmentStats {
            department: p.department.clone(),
            year: p.year,
            ..DepartmentStats::default()
        });
        for i in &p.indicators {
            let Some((n, unit)) = number_and_unit(i) else { continue };
            if unit != "%" {
                continue;
            }
            s.percent_targets += 1;
            if n == hundred {
                s.hundred_percent += 1;
            }
            if is_satisfaction(p, i) {
                s.satisfaction_targets += 1;
                let op = i.target.as_ref().and_then(|t| t.value.comparison());
                if n == ninety && matches!(op, None | Some(Comparison::AtLeast | Comparison::Equal)) {
                    s.satisfaction_at_90 += 1;
                }
            }
        }
    }
    by.into_values().collect()
}

/// A department's year's boilerplate findings: `JX-B004` when at least half of its (≥ 5)
/// percentage targets are 100%; `JX-B005` when at least 80% of its (≥ 3) 满意度 targets are
/// ≥90%. One finding per department and year, not one per row: no project in the location.
pub fn boilerplate(s: &DepartmentStats, settings: &Settings) -> Vec<Finding> {
    let mut out = Vec::new();
    let share = |a: usize, b: usize| {
        (Decimal::from(a * 100) / Decimal::from(b.max(1))).round_dp(1).normalize().to_string()
    };
    let year = s.year.map_or(String::new(), |y| format!("{y}年"));
    // Documents that name no department are counted together; the message says so.
    let who = if s.department.is_empty() { "未识别部门的项目" } else { s.department.as_str() };
    if s.percent_targets >= 5 && s.hundred_percent * 2 >= s.percent_targets {
        let pct = share(s.hundred_percent, s.percent_targets);
        let (count, hundred) = (s.percent_targets.to_string(), s.hundred_percent.to_string());
        let args = [("who", who), ("year", &year), ("count", &count), ("hundred", &hundred), ("share", &pct)];
        let quotes = vec![quote("百分比目标数", &count), quote("其中100%", &hundred), quote("占比", format!("{pct}%"))];
        settings.emit(&mut out, Rule::B004, Location::default(), &args, quotes);
    }
    if s.satisfaction_targets >= 3 && s.satisfaction_at_90 * 5 >= s.satisfaction_targets * 4 {
        let pct = share(s.satisfaction_at_90, s.satisfaction_targets);
        let (count, at_90) = (s.satisfaction_targets.to_string(), s.satisfaction_at_90.to_string());
        let args = [("who", who), ("year", &year), ("count", &count), ("at_90", &at_90), ("share", &pct)];
        let quotes = vec![quote("满意度目标数", &count), quote("其中≥90%", &at_90), quote("占比", format!("{pct}%"))];
        settings.emit(&mut out, Rule::B005, Location::default(), &args, quotes);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::tests::project;
    use crate::entry::Options;
    use jixiao_model::{Located, Origin, RowEvaluation, Target};

    fn with_actual(mut p: SourceProject, actuals: &[&str]) -> SourceProject {
        for (i, a) in p.indicators.iter_mut().zip(actuals) {
            i.evaluation = Some(RowEvaluation {
                actual: Some(Located::new(Target::parse(a), Origin::line(1))),
                ..RowEvaluation::default()
            });
        }
        p
    }

    fn messages<'a>(f: impl IntoIterator<Item = &'a Finding>) -> Vec<String> {
        f.into_iter().map(|f| format!("{} {}", f.rule_id, f.message)).collect()
    }

    fn all(stats: &[DepartmentStats]) -> Vec<Finding> {
        stats.iter().flat_map(|s| boilerplate(s, &Settings::default())).collect()
    }

    const Q: &str = "数量指标";
    const O: &str = "产出指标";

    #[test]
    fn target_below_last_years_actual() {
        let ps = vec![
            with_actual(
                project("临西县应急管理局", 2022, "安全生产宣传培训", &[(O, Q, "宣传活动开展的数量（次）", "≥4次"), (O, Q, "事故发生率（%）", "≤5%")]),
                &["8次", "2%"],
            ),
            project("临西县应急管理局", 2023, "安全生产宣传培训", &[(O, Q, "开展宣传活动次数", "≥6次"), (O, Q, "宣传活动开展的数量", "≥6次"), (O, Q, "事故发生率", "≤3%")]),
            // Another department's project of the same name is another project.
            project("某县民政局", 2023, "安全生产宣传培训", &[(O, Q, "宣传活动开展的数量", "≥2次")]),
        ];
        let lib = Library::build(&ps, Options::default());
        let f = below_last_year(&ps, &lib, &Settings::default());
        assert_eq!(messages(&f), [
            "JX-B001 “宣传活动开展的数量”目标值6次低于上年（2022年）实际完成值8次，目标缺乏挑战性。",
            "JX-B001 “事故发生率”目标值3%高于上年（2022年）实际完成值2%，目标缺乏挑战性。",
        ]);
        assert_eq!(f[0].quotes, [quote("本年目标值", "≥6次"), quote("上年实际完成值", "8次")]);
        // This year's project (2023), its second and third rows.
        assert_eq!((f[0].location.project, f[0].location.row), (Some(1), Some(2)));
        assert_eq!((f[1].location.project, f[1].location.row), (Some(1), Some(3)));
        assert_eq!(f[0].severity, jixiao_model::Severity::Info);
        assert_eq!(f[0].suggestion.as_deref(), Some("参考上年实际完成值8次重新测算目标值，或说明降低的理由。"));
        // Negative: targets at or above last year's actuals.
        let mut ok = ps.clone();
        ok[1].indicators[1] = crate::entry::tests::indicator(O, Q, "宣传活动开展的数量", "≥8次");
        ok[1].indicators[2] = crate::entry::tests::indicator(O, Q, "事故发生率", "≤2%");
        let lib = Library::build(&ok, Options::default());
        assert!(below_last_year(&ok, &lib, &Settings::default()).is_empty());
    }

    #[test]
    fn target_unchanged_while_budget_rose() {
        let mut a = project("某县民政局", 2022, "农村低保", &[(O, Q, "农村低保发放人数(≥**人)", "≥3200人"), (O, "质量指标", "资金发放准确率", "100%")]);
        a.code = Some("426001-01".into());
        a.budget = Some(Decimal::from(1000));
        let mut b = project("某县民政局", 2023, "2023年农村低保项目", &[(O, Q, "农村低保发放人数", "≥3200人"), (O, "质量指标", "资金发放准确率", "100%")]);
        b.code = Some("426001-01".into());
        b.budget = Some(Decimal::from(1250));
        let ps = vec![a, b];
        let lib = Library::build(&ps, Options::default());
        let f = unchanged_while_budget_rose(&ps, &lib, Decimal::from(20), &Settings::default());
        assert_eq!(messages(&f), ["JX-B002 预算由1000万元增至1250万元（增长25%），“农村低保发放人数”目标值仍为3200人，未随投入提高。"]);
        assert_eq!(f[0].quotes[3], quote("预算增幅", "25%"));
        assert_eq!((f[0].location.project, f[0].location.row), (Some(1), Some(1)));
        // Negative: a rise under 20%, or a raised target.
        let mut small = ps.clone();
        small[1].budget = Some(Decimal::from(1150));
        assert!(unchanged_while_budget_rose(&small, &lib, Decimal::from(20), &Settings::default()).is_empty());
        let mut raised = ps.clone();
        raised[1].indicators[0] = crate::entry::tests::indicator(O, Q, "农村低保发放人数", "≥3500人");
        let lib = Library::build(&raised, Options::default());
        assert!(unchanged_while_budget_rose(&raised, &lib, Decimal::from(20), &Settings::default()).is_empty());
    }

    #[test]
    fn target_outside_peers_range() {
        // Eleven departments set 培训合格率 between 90% and 100%; one sets 60%.
        let mut ps: Vec<SourceProject> = (0..11)
            .map(|k| project(&format!("部门{k}"), 2023, "干部培训", &[(O, "质量指标", "培训合格率(%)", &format!("≥{}%", 90 + k % 5))]))
            .collect();
        ps.push(project("某县党校", 2023, "干部培训", &[(O, "质量指标", "培训合格率（%）", "≥60%")]));
        let lib = Library::build(&ps, Options::default());
        let f = outside_peer_range(&ps, &lib, 10, &Settings::default());
        assert_eq!(messages(&f), ["JX-B003 “培训合格率（%）”目标值60%低于同类指标（培训合格率，12个）的5%分位76.5%，请核实。"]);
        assert_eq!((f[0].location.project, f[0].location.row), (Some(11), Some(1)));
        assert_eq!(ps[11].department, "某县党校");
        assert_eq!(f[0].quotes[..2], [quote("目标值", "60%"), quote("同类5%分位", "76.5%")]);
        // Negative: fewer than 10 peers, no benchmark.
        let few = &ps[3..];
        let lib = Library::build(few, Options::default());
        assert!(outside_peer_range(few, &lib, 10, &Settings::default()).is_empty());

        // The upper side: eleven departments plan 100 to 140 trainees; one plans 5000.
        let trainees = |top: &str| {
            let mut ps: Vec<SourceProject> = (0..11)
                .map(|k| project(&format!("部门{k}"), 2023, "干部培训", &[(O, Q, "参训人数（人）", &format!("≥{}人", 100 + 10 * (k % 5)))]))
                .collect();
            ps.push(project("某县党校", 2023, "干部培训", &[(O, Q, "参训人数", top)]));
            ps
        };
        let ps = trainees("≥5000人");
        let lib = Library::build(&ps, Options::default());
        let f = outside_peer_range(&ps, &lib, 10, &Settings::default());
        // 95% of the way through the 12 sorted values: 140 + 0.45 × (5000 − 140).
        assert_eq!(messages(&f), ["JX-B003 “参训人数”目标值5000人高于同类指标（参训人数，12个）的95%分位2327人，请核实。"]);
        assert_eq!((f[0].location.project, f[0].location.row), (Some(11), Some(1)));
        assert_eq!(f[0].quotes, [quote("目标值", "5000人"), quote("同类5%分位", "100人"), quote("同类95%分位", "2327人"), quote("同类指标数", "12")]);
        // Negative: the highest target shared with a peer (140) is not above the 95% bound.
        let ps = trainees("≥140人");
        let lib = Library::build(&ps, Options::default());
        assert!(outside_peer_range(&ps, &lib, 10, &Settings::default()).is_empty());
    }

    #[test]
    fn boilerplate_is_a_department_statistic() {
        let sat = ("满意度指标", "服务对象满意度指标");
        let mut rows: Vec<(String, String)> = (0..4).map(|k| (format!("指标{k}完成率"), "100%".to_string())).collect();
        rows.push(("资金拨付及时率".into(), "≥95%".into()));
        let mut ps = vec![project("临西县应急管理局", 2023, "甲", &rows.iter().map(|(a, b)| (O, "质量指标", a.as_str(), b.as_str())).collect::<Vec<_>>())];
        ps.push(project("临西县应急管理局", 2023, "乙", &[
            (sat.0, sat.1, "群众满意度", "≥90%"),
            (sat.0, sat.1, "企业满意度", "≥90%"),
            (sat.0, sat.1, "参训人员满意度", "90%"),
            (sat.0, sat.1, "受助对象满意度", "≥95%"),
        ]));
        ps.push(project("某县民政局", 2023, "丙", &[
            (O, "质量指标", "救助准确率", "100%"),
            (O, "质量指标", "资金发放率", "≥98%"),
            (sat.0, sat.1, "群众满意度", "≥85%"),
        ]));
        let stats = department_stats(&ps);
        assert_eq!(stats[0], DepartmentStats {
            department: "临西县应急管理局".into(),
            year: Some(2023),
            percent_targets: 9,
            hundred_percent: 4,
            satisfaction_targets: 4,
            satisfaction_at_90: 3,
        });
        // 4 of 9 is under half: no JX-B004; 3 of 4 满意度 at 90% is under 80%: no JX-B005.
        assert!(all(&stats).is_empty());
        ps[1].indicators[3] = crate::entry::tests::indicator(sat.0, sat.1, "受助对象满意度", "≥90%");
        ps[1].indicators.push(crate::entry::tests::indicator(O, "质量指标", "验收合格率", "100%"));
        let f = all(&department_stats(&ps));
        assert_eq!(messages(&f), [
            "JX-B004 临西县应急管理局2023年的10个百分比目标中5个（50%）为100%，多为套用值，难以区分绩效。",
            "JX-B005 临西县应急管理局2023年的4个满意度目标中4个（100%）为≥90%，多为套用值，请结合以往调查结果设定。",
        ]);
        assert_eq!(f[0].location, Location::default(), "a department's statistic: no project, no row");
        assert_eq!(f[1].quotes, [quote("满意度目标数", "4"), quote("其中≥90%", "4"), quote("占比", "100%")]);
        // Through `Benchmarks`: the department's findings are every one of its projects'.
        let lib = Library::build(&ps, Options::default());
        let b = Benchmarks::check(&ps, &lib, &Settings::default(), &Thresholds::default());
        assert_eq!(b.departments.len(), 1);
        assert_eq!(messages(b.of_project(&ps, 0)), messages(&f));
        assert!(b.of_project(&ps, 2).is_empty(), "某县民政局 has none");
        // A department the documents do not name is said so, not left blank.
        ps.iter_mut().for_each(|p| p.department.clear());
        let f = all(&department_stats(&ps));
        assert!(f[0].message.starts_with("未识别部门的项目2023年的"), "{}", f[0].message);
    }

    #[test]
    fn the_settings_disable_a_rule_or_change_its_severity() {
        let mut ps: Vec<SourceProject> = (0..11)
            .map(|k| project(&format!("部门{k}"), 2023, "干部培训", &[(O, "质量指标", "培训合格率", &format!("≥{}%", 90 + k % 5))]))
            .collect();
        ps.push(project("某县党校", 2023, "干部培训", &[(O, "质量指标", "培训合格率", "≥60%")]));
        let lib = Library::build(&ps, Options::default());
        let mut settings = Settings::default();
        settings.set(Rule::B003, jixiao_rules::RuleSetting { enabled: true, severity: jixiao_model::Severity::Warning });
        let b = Benchmarks::check(&ps, &lib, &settings, &Thresholds::default());
        assert_eq!(b.rows.len(), 1);
        assert_eq!(b.rows[0].severity, jixiao_model::Severity::Warning);
        settings.set(Rule::B003, jixiao_rules::RuleSetting { enabled: false, severity: jixiao_model::Severity::Info });
        assert!(Benchmarks::check(&ps, &lib, &settings, &Thresholds::default()).is_empty());
        // A lower bar for peers finds what the default does not.
        let few = &ps[3..];
        let lib = Library::build(few, Options::default());
        let limits = Thresholds { min_peers: 5, ..Thresholds::default() };
        assert_eq!(Benchmarks::check(few, &lib, &Settings::default(), &limits).rows.len(), 1);
    }
}
