//! Comparisons (对比): one project across years, and the departments of one year.
//!
//! - **The same project in other years** ([`same_project`], [`series`]): by 项目编码 when
//!   both years print one (codes that differ part them), else by department and name, both
//!   normalised as in [`jixiao_model::pairing`] (`2023年“双控”机制建设项目` and `双控机制建设`
//!   are one name). The department must be the same in either case (a code is only unique
//!   within a department's budget), so two departments' projects of one name never match.
//! - **Its indicators over the years** ([`indicator_rows`]): rows of the same library entry
//!   (meaning and unit family) side by side, one column per year.
//! - **The departments of a year** ([`departments_of_year`]): projects, indicators, how many
//!   are measurable (a quantitative target: number and unit) and the budget, per department.
//!
//! Pure like the rest of the crate: the caller adds what the store keeps besides (grades,
//! monitoring) and decides who may see what by the projects it passes in.

use std::collections::BTreeMap;

use jixiao_model::pairing::{normalise_code, normalise_name, PairedBy};
use rust_decimal::Decimal;

use crate::entry::{row_unit, Library, SourceProject};
use crate::normalise::{meaning_key, normalise};

/// A project's identity as compared across years, normalised once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectIdentity {
    pub code: Option<String>,
    pub department: String,
    pub name: String,
}

impl ProjectIdentity {
    pub fn of(p: &SourceProject) -> ProjectIdentity {
        ProjectIdentity {
            code: p.code.as_deref().map(normalise_code).filter(|c| !c.is_empty()),
            department: normalise_name(&p.department),
            name: normalise_name(&p.name),
        }
    }

    /// Whether `self` and `other` are the same project (in any years), and by what.
    pub fn same_project(&self, other: &ProjectIdentity) -> Option<PairedBy> {
        if self.department != other.department {
            return None;
        }
        match (&self.code, &other.code) {
            (Some(a), Some(b)) => (a == b).then_some(PairedBy::Code),
            _ => (!self.name.is_empty() && self.name == other.name).then_some(PairedBy::Name),
        }
    }
}

/// Whether two projects are the same project; see the module documentation.
pub fn same_project(a: &SourceProject, b: &SourceProject) -> Option<PairedBy> {
    ProjectIdentity::of(a).same_project(&ProjectIdentity::of(b))
}

/// A project of the series and how it was matched (`None`: the project asked about).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    pub project: usize,
    pub by: Option<PairedBy>,
}

/// The project `of` and every project that is the same project, ordered by year (unknown
/// years last), then by index. `identities[i]` is `ProjectIdentity::of(&projects[i])`.
pub fn series(identities: &[ProjectIdentity], years: &[Option<i32>], of: usize) -> Vec<Member> {
    let me = &identities[of];
    let mut out: Vec<Member> = identities
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            if i == of {
                Some(Member { project: i, by: None })
            } else {
                me.same_project(id).map(|by| Member { project: i, by: Some(by) })
            }
        })
        .collect();
    out.sort_by_key(|m| (years[m.project].is_none(), years[m.project], m.project));
    out
}

/// One indicator over the years: a library entry (else a normalised name) and, per member of
/// the series, the indices of its rows in that member's project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorRow {
    /// The entry's label, else the normalised name.
    pub label: String,
    pub entry: Option<usize>,
    /// The unit of its first quantitative target, if any.
    pub unit: Option<String>,
    /// `cells[m]`: indices into `projects[members[m].project].indicators`.
    pub cells: Vec<Vec<usize>>,
}

/// The indicators of a series' projects, one row per library entry (meaning and unit
/// family), in the order of first use (earliest year first).
pub fn indicator_rows(projects: &[SourceProject], library: &Library, members: &[Member]) -> Vec<IndicatorRow> {
    let mut rows: Vec<IndicatorRow> = Vec::new();
    let mut at: BTreeMap<(Option<usize>, String), usize> = BTreeMap::new();
    for (m, member) in members.iter().enumerate() {
        let p = &projects[member.project];
        for (i, ind) in p.indicators.iter().enumerate() {
            let entry = library.placed(member.project, i);
            let key = match entry {
                Some(e) => (Some(e), String::new()),
                None => {
                    let name = normalise(ind.level3_text()).name;
                    let k = meaning_key(&name);
                    if k.is_empty() {
                        continue;
                    }
                    (None, k)
                }
            };
            let r = *at.entry(key).or_insert_with(|| {
                let label = match entry {
                    Some(e) => library.entries[e].label.clone(),
                    None => normalise(ind.level3_text()).name,
                };
                rows.push(IndicatorRow {
                    label,
                    entry,
                    unit: None,
                    cells: vec![Vec::new(); members.len()],
                });
                rows.len() - 1
            });
            rows[r].cells[m].push(i);
            if rows[r].unit.is_none() && ind.target.as_ref().is_some_and(|t| t.value.is_quantitative()) {
                rows[r].unit = row_unit(ind);
            }
        }
    }
    rows
}

/// A department's projects of one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentYear {
    /// The department's name as stored (empty: documents that name none).
    pub department: String,
    /// Indices of its projects, in order.
    pub projects: Vec<usize>,
    pub indicators: usize,
    /// Indicators with a quantitative target (number, and a unit or a bare number).
    pub quantitative: usize,
    /// 预算数合计（万元）, over the projects that print one.
    pub budget: Decimal,
}

impl DepartmentYear {
    /// The share of measurable targets in percent, one decimal; `None` without indicators.
    pub fn quantitative_percent(&self) -> Option<Decimal> {
        (self.indicators > 0).then(|| {
            (Decimal::from(self.quantitative as u64) * Decimal::from(100) / Decimal::from(self.indicators as u64))
                .round_dp(1)
                .normalize()
        })
    }
}

/// The departments of `year` (by name), in name order; documents naming no department last.
pub fn departments_of_year(projects: &[SourceProject], year: i32) -> Vec<DepartmentYear> {
    let mut by: BTreeMap<(bool, &str), DepartmentYear> = BTreeMap::new();
    for (i, p) in projects.iter().enumerate() {
        if p.year != Some(year) {
            continue;
        }
        let d = by.entry((p.department.is_empty(), p.department.as_str())).or_insert_with(|| DepartmentYear {
            department: p.department.clone(),
            projects: Vec::new(),
            indicators: 0,
            quantitative: 0,
            budget: Decimal::ZERO,
        });
        d.projects.push(i);
        d.indicators += p.indicators.len();
        d.quantitative += p
            .indicators
            .iter()
            .filter(|ind| ind.target.as_ref().is_some_and(|t| t.value.is_quantitative()))
            .count();
        if let Some(b) = p.budget {
            d.budget += b;
        }
    }
    by.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::Options;
    use jixiao_model::{Framework, IndicatorLevel, Located, Origin, Target};

    fn indicator(l3: &str, target: &str) -> jixiao_model::Indicator {
        let at = Origin::line(1);
        jixiao_model::Indicator {
            level1: IndicatorLevel {
                category: jixiao_model::Level1::from_printed("产出指标"),
                printed: Located::new("产出指标".into(), at),
                inherited: false,
            },
            level2: IndicatorLevel {
                category: jixiao_model::Level2::from_printed("数量指标"),
                printed: Located::new("数量指标".into(), at),
                inherited: false,
            },
            level3: Some(Located::new(l3.into(), at)),
            description: None,
            target: Some(Located::new(Target::parse(target), at)),
            basis: None,
            weight: None,
            evaluation: None,
            at,
        }
    }

    fn project(dept: &str, year: i32, code: Option<&str>, name: &str, rows: &[(&str, &str)]) -> SourceProject {
        SourceProject {
            department: dept.into(),
            year: Some(year),
            code: code.map(str::to_string),
            name: name.into(),
            purpose: None,
            goals: vec![],
            budget: Some(Decimal::from(100 + year - 2020)),
            framework: Framework::Classic,
            indicators: rows.iter().map(|(l, t)| indicator(l, t)).collect(),
        }
    }

    fn matched(projects: &[SourceProject], of: usize) -> Vec<(usize, Option<PairedBy>)> {
        let ids: Vec<ProjectIdentity> = projects.iter().map(ProjectIdentity::of).collect();
        let years: Vec<Option<i32>> = projects.iter().map(|p| p.year).collect();
        series(&ids, &years, of).into_iter().map(|m| (m.project, m.by)).collect()
    }

    #[test]
    fn the_same_project_by_code_across_years() {
        let projects = [
            project("临西县应急管理局", 2023, Some("426-01"), "安全生产双控机制建设", &[]),
            project("临西县应急管理局", 2021, Some(" 426-01 "), "双控体系建设（更名前）", &[]),
            project("临西县应急管理局", 2022, Some("４２６-01"), "另一种写法", &[]),
            // A different code parts projects even with the same name.
            project("临西县应急管理局", 2022, Some("426-02"), "安全生产双控机制建设", &[]),
        ];
        assert_eq!(
            matched(&projects, 0),
            [(1, Some(PairedBy::Code)), (2, Some(PairedBy::Code)), (0, None)],
            "ordered by year; full-width and spaced codes are the same code"
        );
    }

    #[test]
    fn the_same_project_by_normalised_name_when_a_code_is_missing() {
        let projects = [
            project("濉溪县民政局", 2020, None, "临时救助", &[]),
            project("濉溪县 民政局", 2019, None, "2019年度“临时救助”项目", &[]),
            project("濉溪县民政局", 2021, Some("A-9"), "（临时救助）", &[]),
            project("濉溪县民政局", 2021, None, "城乡低保", &[]),
        ];
        assert_eq!(
            matched(&projects, 0),
            [(1, Some(PairedBy::Name)), (0, None), (2, Some(PairedBy::Name))]
        );
    }

    #[test]
    fn no_match_across_departments() {
        let projects = [
            project("甲县教育局", 2022, None, "学生资助", &[]),
            project("乙县教育局", 2023, None, "学生资助", &[]),
            project("乙县教育局", 2021, Some("X1"), "学生资助", &[]),
            project("甲县教育局", 2023, Some("X1"), "学生资助项目", &[]),
            project("", 2024, None, "学生资助", &[]),
        ];
        assert_eq!(matched(&projects, 0), [(0, None), (3, Some(PairedBy::Name))]);
        // Same code in two departments: not the same project either.
        assert_eq!(matched(&projects, 2), [(2, None), (1, Some(PairedBy::Name))]);
        // A project of no named department matches only projects of no named department.
        assert_eq!(matched(&projects, 4), [(4, None)]);
        assert_eq!(same_project(&projects[0], &projects[1]), None);
    }

    #[test]
    fn indicators_line_up_by_entry_across_years() {
        let projects = vec![
            project("甲局", 2022, None, "宣传", &[("宣传次数", "≥4次"), ("群众满意度", "≥90%")]),
            project("甲局", 2023, None, "宣传", &[("★宣传次数（次）", "≥6次"), ("新增指标", "好")]),
        ];
        let library = Library::build(&projects, Options::default());
        let ids: Vec<ProjectIdentity> = projects.iter().map(ProjectIdentity::of).collect();
        let members = series(&ids, &[Some(2022), Some(2023)], 1);
        let rows = indicator_rows(&projects, &library, &members);
        let shown: Vec<(&str, Option<&str>, Vec<Vec<usize>>)> =
            rows.iter().map(|r| (r.label.as_str(), r.unit.as_deref(), r.cells.clone())).collect();
        assert_eq!(
            shown,
            [
                ("宣传次数", Some("次"), vec![vec![0], vec![0]]),
                // The library's entry: 满意度 wordings are one meaning.
                ("服务对象满意度", Some("%"), vec![vec![1], vec![]]),
                ("新增指标", None, vec![vec![], vec![1]]),
            ]
        );
    }

    #[test]
    fn departments_of_a_year_count_measurable_targets() {
        let projects = vec![
            project("乙局", 2023, None, "培训", &[("培训人次", "≥100人次"), ("培训效果", "良好")]),
            project("甲局", 2023, None, "宣传", &[("宣传次数", "≥4次")]),
            project("甲局", 2022, None, "宣传", &[("宣传次数", "≥4次")]),
            project("乙局", 2023, None, "检查", &[("检查覆盖率", "100%"), ("整改情况", "及时")]),
            project("", 2023, None, "无部门", &[]),
        ];
        let d = departments_of_year(&projects, 2023);
        let shown: Vec<(&str, Vec<usize>, usize, usize, String, Option<String>)> = d
            .iter()
            .map(|d| {
                (
                    d.department.as_str(),
                    d.projects.clone(),
                    d.indicators,
                    d.quantitative,
                    d.budget.to_string(),
                    d.quantitative_percent().map(|p| p.to_string()),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("乙局", vec![0, 3], 4, 2, "206".to_string(), Some("50".to_string())),
                ("甲局", vec![1], 1, 1, "103".to_string(), Some("100".to_string())),
                ("", vec![4], 0, 0, "103".to_string(), None),
            ]
        );
    }
}
