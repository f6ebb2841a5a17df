//! The library's entries: indicators of the same meaning, grouped over every stored project.
//!
//! An entry is a meaning key ([`crate::meaning_key`]) and a compatible unit family (`%`, money
//! in 元 or 万元, `个`…): `隐患排查率` with `%` and `培训天数` with `天` are entries; a row
//! whose target has no unit (`高`, `是`) joins the key's most used unit. Each entry counts the
//! departments and projects using it, the years seen, the target values per unit (min,
//! quartiles, max, exact decimals), the typical descriptions and bases, and is 共性 when at
//! least [`Options::common_min_departments`] departments use it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use jixiao_model::pairing::ProjectKey;
use jixiao_model::{Decimal, Direction, Document, Framework, Indicator, Level1, Level2};

use crate::normalise::{meaning_key, normalise};
use crate::LibraryError;

/// A stored project as the library reads it: who published it, when, and its indicators.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceProject {
    /// 部门名称.
    pub department: String,
    pub year: Option<i32>,
    pub code: Option<String>,
    pub name: String,
    pub purpose: Option<String>,
    pub goals: Vec<String>,
    /// 预算数（万元）.
    pub budget: Option<Decimal>,
    pub framework: Framework,
    pub indicators: Vec<Indicator>,
}

impl SourceProject {
    /// The projects of a document (the department named by the document, else the unit).
    pub fn from_document(doc: &Document) -> Vec<SourceProject> {
        let framework = doc.framework();
        doc.projects
            .iter()
            .map(|p| SourceProject {
                department: doc
                    .department
                    .as_ref()
                    .map(|d| d.value.clone())
                    .or_else(|| p.unit.as_ref().map(|u| u.name.clone()))
                    .unwrap_or_default(),
                year: doc.year.as_ref().map(|y| y.value),
                code: p.code.as_ref().map(|c| c.value.clone()),
                name: p.name.value.clone(),
                purpose: p.purpose.as_ref().map(|x| x.value.clone()),
                goals: p.goals.iter().map(|g| g.value.clone()).collect(),
                budget: p.budget.total.as_ref().map(|m| m.value.decimal()),
                framework,
                indicators: p.indicators.clone(),
            })
            .collect()
    }

    /// What identifies the project across years (code, else department + name).
    pub fn key(&self) -> ProjectKey {
        ProjectKey::new(self.code.as_deref(), Some(&self.department), &self.name, None)
    }
}

/// How the library is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// An entry used by at least this many departments is 共性 (common across sectors).
    pub common_min_departments: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options { common_min_departments: 3 }
    }
}

/// The target values of one unit in an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueStats {
    pub unit: String,
    pub count: usize,
    pub min: Decimal,
    pub q1: Decimal,
    pub median: Decimal,
    pub q3: Decimal,
    pub max: Decimal,
}

/// One entry of the library.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What `show` takes: the name, with the unit family when the name has several entries.
    pub label: String,
    /// The name shown: the key for grouped 满意度 wordings, else the most used wording.
    pub name: String,
    pub key: String,
    /// `%`, `元` (元 and 万元), or the unit as printed; `None` when no row has a unit.
    pub unit_family: Option<String>,
    pub level1: Option<Level1>,
    pub level2: Option<Level2>,
    pub direction: Option<Direction>,
    pub rows: usize,
    pub departments: usize,
    pub projects: usize,
    pub years: Vec<i32>,
    /// Normalised wordings with their counts, most used first.
    pub wordings: Vec<(String, usize)>,
    pub values: Vec<ValueStats>,
    /// Typical descriptions and bases (most used first, at most three each).
    pub descriptions: Vec<String>,
    pub bases: Vec<String>,
    /// 共性 (used by enough departments) rather than sector-specific.
    pub common: bool,
}

/// The library: entries, most used first, and which entry each stored indicator is in.
///
/// It is kept current by [`Library::update`]: after some sources changed, only the entries
/// of the meaning keys their rows had or have are computed again; the result equals
/// [`Library::build`] of the new sources (entries, their order and every placement).
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub entries: Vec<Entry>,
    /// `placement[project][indicator]`: the entry of each indicator of each source project.
    pub placement: Vec<Vec<Option<usize>>>,
    options: Options,
    /// The rows of each meaning key, their normalised name and unit read once.
    members: HashMap<String, Vec<Member>>,
}

/// A row of a meaning key: where it is, its normalised name and its unit.
#[derive(Debug, Clone)]
struct Member {
    project: usize,
    index: usize,
    name: String,
    unit: Option<String>,
}

/// The unit family: money in 元, 万元, 亿元 is `元`; other units are themselves.
pub fn unit_family(unit: &str) -> String {
    let bare = unit.trim_start_matches(['万', '千', '百', '亿']);
    if bare == "元" {
        "元".to_string()
    } else {
        unit.to_string()
    }
}

/// The unit of a row: its target's, else the one its name printed in brackets.
pub fn row_unit(i: &Indicator) -> Option<String> {
    i.target
        .as_ref()
        .and_then(|t| t.value.unit().map(str::to_string))
        .or_else(|| normalise(i.level3_text()).unit_hint)
}

/// The `p` percentile (0 to 1) of sorted values, linearly interpolated, exact.
pub fn percentile(sorted: &[Decimal], p: Decimal) -> Decimal {
    if sorted.is_empty() {
        return Decimal::ZERO;
    }
    let pos = p * Decimal::from(sorted.len() - 1);
    let lo = pos.floor();
    let i = rust_decimal::prelude::ToPrimitive::to_usize(&lo).unwrap_or(0);
    let frac = pos - lo;
    match sorted.get(i + 1) {
        Some(next) if !frac.is_zero() => sorted[i] + (*next - sorted[i]) * frac,
        _ => sorted[i],
    }
}

fn stats(unit: String, mut v: Vec<Decimal>) -> ValueStats {
    v.sort();
    let q = |p: &str| percentile(&v, p.parse().unwrap_or_default()).normalize();
    ValueStats {
        unit,
        count: v.len(),
        min: v[0].normalize(),
        q1: q("0.25"),
        median: q("0.5"),
        q3: q("0.75"),
        max: v[v.len() - 1].normalize(),
    }
}

fn most_used<T: Ord + Clone>(items: impl IntoIterator<Item = T>) -> Vec<(T, usize)> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for i in items {
        *counts.entry(i).or_default() += 1;
    }
    let mut v: Vec<(T, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

struct Row<'a> {
    project: usize,
    name: &'a str,
    unit: Option<&'a str>,
    indicator: &'a Indicator,
    framework: Framework,
}

/// How an entry of an update was made: kept from its old index, or computed anew with
/// the places (project, indicator) of its rows.
enum Made {
    Kept(usize),
    Anew(Vec<(usize, usize)>),
}

/// The order of entries: most projects first, then by label (key and unit family only
/// break ties of equal labels, so the order is total).
fn entry_order(x: &Entry, y: &Entry) -> std::cmp::Ordering {
    y.projects
        .cmp(&x.projects)
        .then_with(|| x.label.cmp(&y.label))
        .then_with(|| x.key.cmp(&y.key))
        .then_with(|| x.unit_family.cmp(&y.unit_family))
}

impl Library {
    /// Groups every indicator of `projects` into entries.
    pub fn build(projects: &[SourceProject], options: Options) -> Library {
        let mut library = Library { options, ..Library::default() };
        library.update(projects, &[]);
        library
    }

    /// Brings the library up to date with `projects`, the sources as they are now, given
    /// where each former source went: `moved[old] = Some(new)` when the source at `old` is
    /// unchanged at `new`, `None` when it was removed or changed (a changed source is one
    /// removed and one added). Every source of `projects` that no `moved` names is added.
    /// Only the entries of meaning keys whose rows changed are computed again; the result
    /// equals [`Library::build`] of `projects`.
    pub fn update(&mut self, projects: &[SourceProject], moved: &[Option<usize>]) {
        let added = crate::added_sources(projects.len(), moved);
        // The rows kept, at their new places; the keys that lost one are touched.
        let mut touched: HashSet<String> = HashSet::new();
        for (key, list) in self.members.iter_mut() {
            let before = list.len();
            list.retain_mut(|m| match moved.get(m.project).copied().flatten() {
                Some(p) => {
                    m.project = p;
                    true
                }
                None => false,
            });
            if list.len() != before {
                touched.insert(key.clone());
            }
        }
        for (p, project) in projects.iter().enumerate().filter(|(p, _)| added[*p]) {
            for (i, ind) in project.indicators.iter().enumerate() {
                let n = normalise(ind.level3_text());
                let key = meaning_key(&n.name);
                if key.is_empty() {
                    continue;
                }
                let member = Member { project: p, index: i, name: n.name, unit: row_unit(ind) };
                match self.members.get_mut(&key) {
                    Some(list) => list.push(member),
                    None => {
                        self.members.insert(key.clone(), vec![member]);
                    }
                }
                touched.insert(key);
            }
        }
        self.members.retain(|_, list| !list.is_empty());
        // The entries of untouched keys stay as they are; touched keys' are computed again.
        let old_entries = std::mem::take(&mut self.entries);
        let old_count = old_entries.len();
        let mut all: Vec<(Entry, Made)> = old_entries
            .into_iter()
            .enumerate()
            .filter(|(_, e)| !touched.contains(&e.key))
            .map(|(k, e)| (e, Made::Kept(k)))
            .collect();
        let mut keys: Vec<&String> = touched.iter().filter(|k| self.members.contains_key(*k)).collect();
        keys.sort();
        for key in keys {
            let members = &self.members[key];
            for (entry, places) in Self::entries_of(key, members, projects, self.options) {
                all.push((entry, Made::Anew(places)));
            }
        }
        all.sort_by(|a, b| entry_order(&a.0, &b.0));
        // Placements: kept rows follow their entry to its new index, touched keys' rows are
        // placed anew.
        let mut renumber: Vec<Option<usize>> = vec![None; old_count];
        for (new, (_, from)) in all.iter().enumerate() {
            if let Made::Kept(old) = from {
                renumber[*old] = Some(new);
            }
        }
        let old_placement = std::mem::take(&mut self.placement);
        let mut placement: Vec<Vec<Option<usize>>> = projects.iter().map(|p| vec![None; p.indicators.len()]).collect();
        for (old, row) in old_placement.into_iter().enumerate() {
            if let Some(p) = moved.get(old).copied().flatten() {
                for (slot, e) in placement[p].iter_mut().zip(row) {
                    *slot = e.and_then(|e| renumber[e]);
                }
            }
        }
        let mut entries = Vec::with_capacity(all.len());
        for (new, (entry, from)) in all.into_iter().enumerate() {
            if let Made::Anew(places) = from {
                for (p, i) in places {
                    placement[p][i] = Some(new);
                }
            }
            entries.push(entry);
        }
        self.entries = entries;
        self.placement = placement;
    }

    /// The entries of one meaning key (one per unit family) with the rows of each.
    fn entries_of(
        key: &str,
        members: &[Member],
        projects: &[SourceProject],
        options: Options,
    ) -> Vec<(Entry, Vec<(usize, usize)>)> {
        let rows: Vec<Row> = members
            .iter()
            .map(|m| Row {
                project: m.project,
                name: &m.name,
                unit: m.unit.as_deref(),
                indicator: &projects[m.project].indicators[m.index],
                framework: projects[m.project].framework,
            })
            .collect();
        let families = most_used(rows.iter().filter_map(|r| r.unit.map(unit_family)));
        let main = families.first().map(|f| f.0.clone());
        let mut groups: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
        for (k, r) in rows.iter().enumerate() {
            let family = r.unit.map(unit_family).or_else(|| main.clone());
            groups.entry(family).or_default().push(k);
        }
        let several = groups.len() > 1;
        groups
            .into_iter()
            .map(|(family, ks)| {
                let group: Vec<&Row> = ks.iter().map(|&k| &rows[k]).collect();
                let entry = Self::entry(key, family, &group, projects, options, several);
                (entry, ks.iter().map(|&k| (members[k].project, members[k].index)).collect())
            })
            .collect()
    }

    fn entry(
        key: &str,
        unit_family: Option<String>,
        rows: &[&Row],
        projects: &[SourceProject],
        options: Options,
        several: bool,
    ) -> Entry {
        let wordings = most_used(rows.iter().map(|r| r.name.to_string()));
        let name = if key.ends_with("满意度") {
            key.to_string()
        } else {
            wordings[0].0.clone()
        };
        let label = match (&unit_family, several) {
            (Some(f), true) => format!("{name}（{f}）"),
            _ => name.clone(),
        };
        let departments: BTreeSet<&str> = rows
            .iter()
            .map(|r| projects[r.project].department.as_str())
            .filter(|d| !d.is_empty())
            .collect();
        let project_set: BTreeSet<usize> = rows.iter().map(|r| r.project).collect();
        let years: BTreeSet<i32> = rows.iter().filter_map(|r| projects[r.project].year).collect();
        let mut values: BTreeMap<String, Vec<Decimal>> = BTreeMap::new();
        for r in rows {
            let t = r.indicator.target.as_ref().map(|t| &t.value);
            if let (Some(t), Some(unit)) = (t, r.unit) {
                if let Some(n) = t.number() {
                    values.entry(unit.to_string()).or_default().push(n);
                }
            }
        }
        let mut values: Vec<ValueStats> = values.into_iter().map(|(u, v)| stats(u, v)).collect();
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.unit.cmp(&b.unit)));
        let texts = |f: fn(&Indicator) -> Option<&str>| -> Vec<String> {
            most_used(rows.iter().filter_map(|r| f(r.indicator)).map(str::trim).filter(|s| !s.is_empty()))
                .into_iter()
                .take(3)
                .map(|(s, _)| s.to_string())
                .collect()
        };
        let level1 = most_used(rows.iter().filter_map(|r| r.indicator.level1_category(r.framework)));
        let level2 = most_used(rows.iter().filter_map(|r| r.indicator.level2.category));
        let direction = most_used(
            rows.iter()
                .filter_map(|r| r.indicator.target.as_ref()?.value.direction())
                .map(|d| d == Direction::Reverse),
        );
        Entry {
            label,
            name,
            key: key.to_string(),
            unit_family,
            level1: level1.first().map(|l| l.0),
            level2: level2.first().map(|l| l.0),
            direction: direction.first().map(|d| if d.0 { Direction::Reverse } else { Direction::Positive }),
            rows: rows.len(),
            departments: departments.len(),
            projects: project_set.len(),
            years: years.into_iter().collect(),
            wordings,
            values,
            descriptions: texts(|i| i.description.as_ref().map(|d| d.value.as_str())),
            bases: texts(|i| i.basis.as_ref().map(|d| d.value.as_str())),
            common: departments.len() >= options.common_min_departments,
        }
    }

    /// Entries whose name or a wording contains `word` (white space and full-width forms
    /// ignored), most used first.
    pub fn search(&self, word: &str) -> Vec<&Entry> {
        let w = normalise(word).name;
        if w.is_empty() {
            return Vec::new();
        }
        self.entries
            .iter()
            .filter(|e| e.label.contains(&w) || e.key.contains(&w) || e.wordings.iter().any(|(x, _)| x.contains(&w)))
            .collect()
    }

    /// The entry `show` names: its label, else its name, else the key of the words given.
    pub fn find(&self, name: &str) -> Result<&Entry, LibraryError> {
        let name = name.trim();
        if let Some(e) = self.entries.iter().find(|e| e.label == name) {
            return Ok(e);
        }
        let key = meaning_key(&normalise(name).name);
        let found: Vec<&Entry> = self.entries.iter().filter(|e| e.name == name || e.key == key).collect();
        match found.as_slice() {
            [] => Err(LibraryError::NoSuchEntry(name.to_string())),
            [one] => Ok(one),
            many => Err(LibraryError::Ambiguous(
                name.to_string(),
                many.iter().map(|e| e.label.as_str()).collect::<Vec<_>>().join("、"),
            )),
        }
    }
}

impl ValueStats {
    /// `%：4个，最小90，下四分位90，中位95，上四分位97.5，最大100`.
    pub fn line(&self) -> String {
        format!(
            "{}：{}个，最小{}，下四分位{}，中位{}，上四分位{}，最大{}",
            self.unit, self.count, self.min, self.q1, self.median, self.q3, self.max
        )
    }
}

impl Entry {
    /// One line for lists.
    pub fn line(&self) -> String {
        let levels = match (self.level1, self.level2) {
            (Some(a), Some(b)) => format!("{}/{}", a.name(), b.name()),
            (Some(a), None) => a.name().to_string(),
            (None, Some(b)) => b.name().to_string(),
            (None, None) => "未分类".to_string(),
        };
        let years: Vec<String> = self.years.iter().map(i32::to_string).collect();
        format!(
            "{}｜{}｜{}个部门 {}个项目｜{}｜{}",
            self.label,
            levels,
            self.departments,
            self.projects,
            if years.is_empty() { "年度不详".to_string() } else { years.join("、") },
            if self.common { "共性" } else { "个性" }
        )
    }

    /// The entry in full, for `show`.
    pub fn describe(&self) -> String {
        let mut out = format!("{}\n", self.line());
        let dir = match self.direction {
            Some(Direction::Positive) => "正向",
            Some(Direction::Reverse) => "反向",
            None => "定性或不详",
        };
        out.push_str(&format!("方向：{dir}；共{}行\n", self.rows));
        out.push_str("指标值分布：\n");
        if self.values.is_empty() {
            out.push_str("  （无定量指标值）\n");
        }
        for v in &self.values {
            out.push_str(&format!("  {}\n", v.line()));
        }
        out.push_str("不同写法：\n");
        for (w, n) in self.wordings.iter().take(10) {
            out.push_str(&format!("  {w}（{n}次）\n"));
        }
        for (title, list) in [("常见指标解释", &self.descriptions), ("常见指标值确定依据", &self.bases)] {
            if !list.is_empty() {
                out.push_str(&format!("{title}：\n"));
                for d in list {
                    out.push_str(&format!("  {d}\n"));
                }
            }
        }
        out
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use jixiao_model::{IndicatorLevel, Located, Origin, Target};

    pub fn indicator(l1: &str, l2: &str, l3: &str, target: &str) -> Indicator {
        let at = Origin::line(1);
        Indicator {
            level1: IndicatorLevel { category: Level1::from_printed(l1), printed: Located::new(l1.into(), at), inherited: false },
            level2: IndicatorLevel { category: Level2::from_printed(l2), printed: Located::new(l2.into(), at), inherited: false },
            level3: Some(Located::new(l3.into(), at)),
            description: None,
            target: (!target.is_empty()).then(|| Located::new(Target::parse(target), at)),
            basis: None,
            weight: None,
            evaluation: None,
            at,
        }
    }

    pub fn project(dept: &str, year: i32, name: &str, rows: &[(&str, &str, &str, &str)]) -> SourceProject {
        SourceProject {
            department: dept.into(),
            year: Some(year),
            name: name.into(),
            indicators: rows.iter().map(|r| indicator(r.0, r.1, r.2, r.3)).collect(),
            ..SourceProject::default()
        }
    }

    /// Real rows of the goldens (应急、民政、财政、农业 documents).
    pub fn sample() -> Vec<SourceProject> {
        const SAT: &str = "满意度指标";
        const SERV: &str = "服务对象满意度指标";
        vec![
            project("临西县应急管理局", 2022, "安全生产宣传培训", &[
                ("产出指标", "数量指标", "宣传活动开展的数量（次）", "≥4次"),
                ("产出指标", "数量指标", "制作与发放外宣品的数量（份）", "≥2000份"),
                ("产出指标", "质量指标", "执法检查覆盖率（%）", "100%"),
                (SAT, SERV, "群众满意度", "≥90%"),
            ]),
            project("临西县应急管理局", 2023, "安全生产宣传培训", &[
                ("产出指标", "数量指标", "宣传活动开展的数量（次）", "≥6次"),
                ("产出指标", "质量指标", "执法检查覆盖率（%）", "100%"),
                (SAT, SERV, "服务对象满意度", "≥95%"),
            ]),
            project("某县民政局", 2019, "农村低保", &[
                ("产出指标", "数量指标", "★★★农村低保发放人数(按月平均)(≥**人)", "≥3200人"),
                ("产出指标", "成本指标", "★农村低保标准(≥**元/人·月)", "≥400元/人·月"),
                (SAT, SERV, "★受助对象满意度(≥**%)", "≥90%"),
                (SAT, SERV, "受益群众满意度", "≥92%"),
            ]),
            project("某县财政局", 2021, "物业管理", &[
                ("产出指标", "成本指标", "指标1:项目总成本(≤**万元)", "≤1125万元"),
                (SAT, SERV, "满意度", "高"),
            ]),
            project("某县农业农村局", 2022, "农村住房保险", &[
                ("产出指标", "成本指标", "项目总成本", "≤20万元"),
                ("产出指标", "数量指标", "农村住房保险对象人数（按年平均）", "≥5000人"),
                (SAT, SERV, "农户对住房保险对象满意度", "≥90%"),
                (SAT, SERV, "社会公众满意度(必填硬性指标)", "≥85%"),
            ]),
        ]
    }

    #[test]
    fn entries_of_real_rows() {
        let lib = Library::build(&sample(), Options::default());
        let lines: Vec<String> = lib.entries.iter().map(Entry::line).collect();
        assert_eq!(
            lines,
            [
                "服务对象满意度｜满意度指标/服务对象满意度指标｜4个部门 5个项目｜2019、2021、2022、2023｜共性",
                "宣传活动开展的数量｜产出指标/数量指标｜1个部门 2个项目｜2022、2023｜个性",
                "执法检查覆盖率｜产出指标/质量指标｜1个部门 2个项目｜2022、2023｜个性",
                "项目总成本｜产出指标/成本指标｜2个部门 2个项目｜2021、2022｜个性",
                "农户满意度｜满意度指标/服务对象满意度指标｜1个部门 1个项目｜2022｜个性",
                "农村低保发放人数(按月平均)｜产出指标/数量指标｜1个部门 1个项目｜2019｜个性",
                "农村低保标准｜产出指标/成本指标｜1个部门 1个项目｜2019｜个性",
                "农村住房保险对象人数(按年平均)｜产出指标/数量指标｜1个部门 1个项目｜2022｜个性",
                "制作与发放外宣品的数量｜产出指标/数量指标｜1个部门 1个项目｜2022｜个性",
                "救助对象满意度｜满意度指标/服务对象满意度指标｜1个部门 1个项目｜2019｜个性",
            ]
        );
        let sat = lib.find("群众满意度").unwrap();
        assert_eq!(
            sat.describe(),
            "服务对象满意度｜满意度指标/服务对象满意度指标｜4个部门 5个项目｜2019、2021、2022、2023｜共性\n\
             方向：正向；共5行\n\
             指标值分布：\n  %：4个，最小85，下四分位88.75，中位91，上四分位92.75，最大95\n\
             不同写法：\n  受益群众满意度（1次）\n  服务对象满意度（1次）\n  满意度（1次）\n  \
             社会公众满意度（1次）\n  群众满意度（1次）\n"
        );
        // 元 and 万元 are one family; the value keeps its unit.
        let cost = lib.find("项目总成本").unwrap();
        assert_eq!(cost.unit_family.as_deref(), Some("元"));
        assert_eq!(cost.values[0].line(), "万元：2个，最小20，下四分位296.25，中位572.5，上四分位848.75，最大1125");
        assert_eq!(lib.placement[3], [Some(3), Some(0)]);
        assert_eq!(lib.search("宣传").iter().map(|e| e.label.as_str()).collect::<Vec<_>>(), ["宣传活动开展的数量"]);
        assert_eq!(lib.find("不存在的指标"), Err(LibraryError::NoSuchEntry("不存在的指标".into())));
    }

    #[test]
    fn a_name_with_two_unit_families_makes_two_entries() {
        let lib = Library::build(
            &[
                project("甲局", 2022, "甲", &[("产出指标", "数量指标", "培训人数", "≥100人")]),
                project("乙局", 2022, "乙", &[("产出指标", "数量指标", "培训人数", "≥3次")]),
                project("丙局", 2022, "丙", &[("产出指标", "数量指标", "培训人数", "≥50人")]),
            ],
            Options { common_min_departments: 2 },
        );
        let labels: Vec<&str> = lib.entries.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["培训人数（人）", "培训人数（次）"]);
        assert!(lib.entries[0].common && !lib.entries[1].common);
        assert!(matches!(lib.find("培训人数"), Err(LibraryError::Ambiguous(..))));
        assert_eq!(lib.find("培训人数（次）").unwrap().values[0].line(), "次：1个，最小3，下四分位3，中位3，上四分位3，最大3");
    }

    #[test]
    fn percentiles_are_exact() {
        let v: Vec<Decimal> = [1, 2, 3, 4].into_iter().map(Decimal::from).collect();
        assert_eq!(percentile(&v, "0.25".parse().unwrap()).to_string(), "1.75");
        assert_eq!(percentile(&v, Decimal::ONE).to_string(), "4");
        assert_eq!(percentile(&v, Decimal::ZERO).to_string(), "1");
    }
}
