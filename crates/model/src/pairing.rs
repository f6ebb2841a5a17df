//! Which self-evaluation (自评表) is about which target table's project: one project's cycle
//! from its targets to its year-end score.
//!
//! Two projects are the same project when their 项目编码 are the same; when either lacks a
//! code, when their department, normalised name and year are the same. Codes that are both
//! printed and differ part the projects even if their names agree (a code is the project's
//! identity in the budget system). A department or year missing on one side does not part
//! them, a differing one does. Pairing is one to one: a project that two candidates fit
//! equally well is left unpaired rather than guessed.
//!
//! The functions are pure: [`ProjectKey`]s are built from documents here or from stored rows
//! elsewhere, and [`pair`] works on keys alone.

use serde::{Deserialize, Serialize};

use crate::document::{Document, Project};

/// What identifies a project across documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectKey {
    /// 项目编码, normalised ([`normalise_code`]); `None` where none is printed.
    pub code: Option<String>,
    /// 主管部门 (the document's department), normalised ([`normalise_name`]).
    pub department: Option<String>,
    /// 项目名称, normalised ([`normalise_name`]).
    pub name: String,
    /// 预算年度 (a self-evaluation's year is the year evaluated).
    pub year: Option<i32>,
}

/// How two projects were found to be the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PairedBy {
    /// 项目编码相同。
    Code,
    /// 部门、项目名称（规范化后）与年度相同。
    Name,
}

impl PairedBy {
    pub fn label(self) -> &'static str {
        match self {
            PairedBy::Code => "按项目编码",
            PairedBy::Name => "按部门、项目名称与年度",
        }
    }
}

/// A target-table project and the self-evaluation of the same project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    /// Index into the target keys given to [`pair`].
    pub target: usize,
    /// Index into the self-evaluation keys given to [`pair`].
    pub evaluation: usize,
    pub by: PairedBy,
}

impl ProjectKey {
    /// The key of `doc.projects[project]`.
    pub fn of(doc: &Document, project: &Project) -> ProjectKey {
        ProjectKey::new(
            project.code.as_ref().map(|c| c.value.as_str()),
            doc.department.as_ref().map(|d| d.value.as_str()),
            &project.name.value,
            doc.year.as_ref().map(|y| y.value),
        )
    }

    /// A key from printed (or stored) values; everything is normalised here.
    pub fn new(code: Option<&str>, department: Option<&str>, name: &str, year: Option<i32>) -> ProjectKey {
        ProjectKey {
            code: code.map(normalise_code).filter(|c| !c.is_empty()),
            department: department.map(normalise_name).filter(|d| !d.is_empty()),
            name: normalise_name(name),
            year,
        }
    }

    /// Whether `self` and `other` are the same project, and by what.
    pub fn same_project(&self, other: &ProjectKey) -> Option<PairedBy> {
        match (&self.code, &other.code) {
            (Some(a), Some(b)) if a == b => return Some(PairedBy::Code),
            (Some(_), Some(_)) => return None,
            _ => {}
        }
        let agree = |a: &Option<String>, b: &Option<String>| a.is_none() || b.is_none() || a == b;
        let years = self.year.is_none() || other.year.is_none() || self.year == other.year;
        (!self.name.is_empty() && self.name == other.name && agree(&self.department, &other.department) && years)
            .then_some(PairedBy::Name)
    }
}

/// Pairs target-table projects with self-evaluations, one to one: pairs by code first, then by
/// name among the rest; a project with two equally good candidates stays unpaired. Pairs are
/// in the order of `targets`.
pub fn pair(targets: &[ProjectKey], evaluations: &[ProjectKey]) -> Vec<Pair> {
    let mut taken_t = vec![false; targets.len()];
    let mut taken_e = vec![false; evaluations.len()];
    let mut pairs = Vec::new();
    for by in [PairedBy::Code, PairedBy::Name] {
        let fits = |t: usize, e: usize| targets[t].same_project(&evaluations[e]) == Some(by);
        for t in 0..targets.len() {
            if taken_t[t] {
                continue;
            }
            let candidates: Vec<usize> = (0..evaluations.len()).filter(|&e| !taken_e[e] && fits(t, e)).collect();
            let [e] = candidates[..] else { continue };
            // The evaluation must not fit another free target equally well either.
            if (0..targets.len()).any(|o| o != t && !taken_t[o] && fits(o, e)) {
                continue;
            }
            taken_t[t] = true;
            taken_e[e] = true;
            pairs.push(Pair { target: t, evaluation: e, by });
        }
    }
    pairs.sort_by_key(|p| p.target);
    pairs
}

/// Pairs the projects of a target document with those of a self-evaluation document.
pub fn pair_documents(targets: &Document, evaluations: &Document) -> Vec<Pair> {
    let keys = |d: &Document| d.projects.iter().map(|p| ProjectKey::of(d, p)).collect::<Vec<_>>();
    pair(&keys(targets), &keys(evaluations))
}

/// A code as compared: white space removed, ASCII upper case, full-width forms folded.
pub fn normalise_code(code: &str) -> String {
    code.chars().filter_map(fold).filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect()
}

/// A name as compared: white space, punctuation, quotes and brackets removed (their content
/// kept), full-width forms folded; a leading budget year (`2022年`, `2022年度`) and a
/// trailing `项目` dropped. `“双控”机制建设项目` and `双控机制建设` are one name.
pub fn normalise_name(name: &str) -> String {
    let mut s: String = name
        .chars()
        .filter_map(fold)
        .filter(|c| !c.is_whitespace() && !is_punctuation(*c))
        .collect();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 4 {
        let rest = &s[digits..];
        if let Some(r) = rest.strip_prefix("年度").or_else(|| rest.strip_prefix('年')) {
            if !r.is_empty() {
                s = r.to_string();
            }
        }
    }
    if let Some(r) = s.strip_suffix("项目") {
        if !r.is_empty() {
            s.truncate(r.len());
        }
    }
    s
}

/// Full-width ASCII forms (`０`, `Ａ`, `（`) to ASCII; U+3000 to a space.
fn fold(c: char) -> Option<char> {
    Some(match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0)?,
        '\u{3000}' => ' ',
        c => c,
    })
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '“' | '”' | '‘' | '’' | '《' | '》' | '〈' | '〉' | '【' | '】' | '〔' | '〕' | '「' | '」' | '『' | '』'
                | '、' | '，' | '。' | '：' | '；' | '·' | '—' | '－' | '…'
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::origin::{Located, Origin};

    fn key(code: Option<&str>, dept: Option<&str>, name: &str, year: Option<i32>) -> ProjectKey {
        ProjectKey::new(code, dept, name, year)
    }

    #[test]
    fn names_and_codes_are_normalised() {
        assert_eq!(normalise_name("“双控”机制建设项目"), "双控机制建设");
        assert_eq!(normalise_name("2022年度 （临时救助）"), "临时救助");
        assert_eq!(normalise_name("2022年临时救助"), "临时救助");
        assert_eq!(normalise_name("项目"), "项目", "a name that is only the suffix stays");
        assert_eq!(normalise_name("2022年"), "2022年");
        assert_eq!(normalise_name("农村　饮水 安全"), "农村饮水安全");
        assert_eq!(normalise_code(" 426-0403-jbn-7mi2 "), "426-0403-JBN-7MI2");
        assert_eq!(normalise_code("４２６"), "426");
    }

    #[test]
    fn same_project_by_code_else_by_name() {
        let t = key(Some("426-01"), Some("临西县应急管理局"), "双控机制建设", Some(2020));
        // Same code: same project, whatever the names say.
        assert_eq!(t.same_project(&key(Some("426-01"), None, "另一个名称", Some(2020))), Some(PairedBy::Code));
        // Different codes: different projects even with the same name.
        assert_eq!(t.same_project(&key(Some("426-02"), Some("临西县应急管理局"), "双控机制建设", Some(2020))), None);
        // A code on one side only: by name, department and year.
        let e = key(None, Some("临西县 应急管理局"), "“双控”机制建设项目", Some(2020));
        assert_eq!(t.same_project(&e), Some(PairedBy::Name));
        assert_eq!(t.same_project(&key(None, Some("临西县应急管理局"), "双控机制建设", Some(2021))), None, "another year");
        assert_eq!(t.same_project(&key(None, Some("临西县财政局"), "双控机制建设", Some(2020))), None, "another department");
        assert_eq!(t.same_project(&key(None, None, "双控机制建设", None)), Some(PairedBy::Name), "unknown department and year do not part");
        assert_eq!(t.same_project(&key(None, None, "双控机制", None)), None);
    }

    #[test]
    fn pairs_are_one_to_one_codes_first() {
        let targets = [
            key(Some("A1"), Some("甲局"), "培训", Some(2022)),
            key(None, Some("甲局"), "宣传", Some(2022)),
            key(None, Some("甲局"), "检查", Some(2022)),
            key(None, Some("甲局"), "无自评", Some(2022)),
        ];
        let evaluations = [
            key(None, Some("甲局"), "宣传项目", Some(2022)),
            key(Some("A1"), None, "培训（2022年）", Some(2022)),
            key(None, Some("甲局"), "检查", None),
            key(None, Some("甲局"), "检查", Some(2022)),
            key(None, Some("乙局"), "无自评", Some(2022)),
        ];
        let pairs = pair(&targets, &evaluations);
        assert_eq!(
            pairs,
            [
                Pair { target: 0, evaluation: 1, by: PairedBy::Code },
                Pair { target: 1, evaluation: 0, by: PairedBy::Name },
            ],
            "检查 has two candidates and stays unpaired; 无自评 has none"
        );
        // One candidate only: paired.
        let pairs = pair(&targets[2..3], &evaluations[3..4]);
        assert_eq!(pairs, [Pair { target: 0, evaluation: 0, by: PairedBy::Name }]);
        // An evaluation two targets fit equally is not guessed either.
        let pairs = pair(&[key(None, None, "检查", None), key(None, None, "检查", None)], &evaluations[2..3]);
        assert!(pairs.is_empty());
    }

    #[test]
    fn documents_pair_by_their_projects() {
        let project = |code: Option<&str>, name: &str| Project {
            code: code.map(|c| Located::new(c.to_string(), Origin::line(2))),
            name: Located::new(name.to_string(), Origin::line(2)),
            ..Project::default()
        };
        let doc = |dept: &str, year: i32, projects: Vec<Project>| Document {
            department: Some(Located::new(dept.to_string(), Origin::line(1))),
            year: Some(Located::new(year, Origin::line(1))),
            projects,
            ..Document::default()
        };
        let targets = doc("濉溪县民政局", 2019, vec![project(None, "城乡低保"), project(None, "临时救助")]);
        let evaluation = doc("濉溪县民政局", 2019, vec![project(None, "（临时救助）")]);
        assert_eq!(pair_documents(&targets, &evaluation), [Pair { target: 1, evaluation: 0, by: PairedBy::Name }]);
        let next_year = doc("濉溪县民政局", 2020, vec![project(None, "临时救助")]);
        assert!(pair_documents(&targets, &next_year).is_empty());
    }
}
