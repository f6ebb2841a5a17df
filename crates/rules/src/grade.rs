//! 审核等级：财预〔2015〕88号 意义上的“优、良、中、差”——优、良可进入预算安排（良须小幅修改），
//! 中须修改完善后重新报送，差不得进入下一步预算安排流程。
//!
//! The grade comes from the weighted consequences of every finding counted (the review's,
//! document-level ones and the budget disclosure's included): each finding (one per cause)
//! costs points by its severity or its own weight, a little more for each further place it
//! lists; a project's score is 100 minus its costs, the document's the mean of its projects
//! minus the costs of findings that belong to no project. Two things decide more than points:
//! a *decisive* finding (the money does not match, there are no goals or indicators) caps the
//! grade at 中, and a table whose rows mostly have no usable target is 差. Every number is
//! configurable ([`Grading`]), and [`Grade::reasons`] says in Chinese why the grade is what it is.

use jixiao_model::Severity;

use crate::catalogue::{Rule, RuleSet};
use crate::finding::Finding;

/// How findings weigh in the grade.
#[derive(Debug, Clone, PartialEq)]
pub struct Grading {
    /// Points one finding (one cause) costs, by severity: error, warning, info.
    pub error: f64,
    pub warning: f64,
    pub info: f64,
    /// Further cost of each further place of a grouped finding, as a share of its cost…
    pub repeat: f64,
    /// …up to this multiple of its cost.
    pub repeat_cap: f64,
    /// Costs of single rules, instead of their severity's.
    pub weights: Vec<(Rule, f64)>,
    /// Rules whose findings mean the targets cannot be approved as they are: 中 at best.
    pub decisive: Vec<Rule>,
    /// Share of indicator rows without a usable target from which the grade is 差…
    pub unusable_poor: f64,
    /// …and from which it is 中 at best.
    pub unusable_fair: f64,
    /// Lower bounds (inclusive) of 优, 良 and 中.
    pub bands: [u32; 3],
    /// A finding at error severity leaves 良 at best: 优 means approved as it stands.
    pub errors_cap_excellent: bool,
    /// Multiplier of the costs of each rule set's findings, in [`RuleSet::ALL`] order
    /// (review, disclosure, self-evaluation: the re-scoring of a published self-evaluation
    /// does not judge the targets, so 0 by default; benchmark: hints against other documents,
    /// never part of a document's grade, 0).
    pub set_weight: [f64; 4],
}

impl Default for Grading {
    fn default() -> Self {
        Grading {
            error: 10.0,
            warning: 4.0,
            info: 1.0,
            repeat: 0.25,
            repeat_cap: 2.0,
            weights: Vec::new(),
            decisive: vec![
                Rule::C003,
                Rule::C004,
                Rule::C005,
                Rule::A001,
                Rule::A002,
                Rule::A003,
                Rule::A010,
                Rule::A011,
            ],
            unusable_poor: 0.3,
            unusable_fair: 0.15,
            bands: [90, 80, 60],
            errors_cap_excellent: true,
            set_weight: [1.0, 1.0, 0.0, 0.0],
        }
    }
}

/// Rules saying a row has no usable target or names no indicator (one of them at most per
/// row).
const UNUSABLE: [Rule; 7] = [
    Rule::C008,
    Rule::C009,
    Rule::M001,
    Rule::M002,
    Rule::A008,
    Rule::M004,
    Rule::M005,
];

/// What each grade means for the targets (财预〔2015〕88号).
pub fn grade_meaning(grade: &str) -> &'static str {
    match grade {
        "优" => "可直接进入预算安排",
        "良" => "小幅修改后可进入预算安排",
        "中" => "须修改完善后重新报送",
        _ => "不得进入下一步预算安排流程，须重新编制",
    }
}

/// A computed grade: the score, the grade and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Grade {
    pub value: u32,
    pub grade: &'static str,
    /// Chinese sentences: what cost the most, what capped the grade.
    pub reasons: Vec<String>,
}

impl Grading {
    /// 优 / 良 / 中 / 差 of a score, by [`Grading::bands`].
    pub fn band(&self, value: u32) -> &'static str {
        match value {
            v if v >= self.bands[0] => "优",
            v if v >= self.bands[1] => "良",
            v if v >= self.bands[2] => "中",
            _ => "差",
        }
    }

    /// Points one place of `f` costs before repeats.
    pub fn cost(&self, f: &Finding) -> f64 {
        let base = self
            .weights
            .iter()
            .find(|(r, _)| *r == f.rule)
            .map(|w| w.1)
            .unwrap_or(match f.severity {
                Severity::Error => self.error,
                Severity::Warning => self.warning,
                Severity::Info => self.info,
            });
        let set = RuleSet::ALL
            .iter()
            .position(|s| *s == f.rule.set())
            .map_or(1.0, |i| self.set_weight[i]);
        base * set
    }

    /// The cost of a finding standing for `places` places.
    fn repeated(&self, cost: f64, places: usize) -> f64 {
        cost * (1.0 + self.repeat * places.saturating_sub(1) as f64).min(self.repeat_cap)
    }

    fn capped(&self, grade: &'static str, cap: &'static str) -> &'static str {
        let rank = |g: &str| {
            ["优", "良", "中", "差"]
                .iter()
                .position(|x| *x == g)
                .unwrap_or(3)
        };
        if rank(grade) < rank(cap) {
            cap
        } else {
            grade
        }
    }

    /// Grades a document: `projects` holds each project's name and indicator rows, `rows`
    /// the document's indicator rows in all. Returns the grade of each project and the
    /// document's.
    pub fn grade(
        &self,
        findings: &[Finding],
        projects: &[(&str, usize)],
        rows: usize,
    ) -> (Vec<Grade>, Grade) {
        let n = projects.len();
        let mut project_cost = vec![0.0f64; n];
        let mut project_caps: Vec<Vec<String>> = vec![Vec::new(); n];
        let mut project_unusable = vec![0usize; n];
        let mut project_errors = vec![0usize; n];
        let mut doc_cost = 0.0f64;
        let mut doc_caps: Vec<String> = Vec::new();
        let mut unusable = 0usize;
        // Cost by rule over the document, for the explanation.
        let mut by_rule: Vec<(f64, usize)> = vec![(0.0, 0); crate::CATALOGUE.len()];
        for f in findings {
            let cost = self.cost(f);
            if cost <= 0.0 {
                continue;
            }
            // Places per project (None: the document's own). A finding's places are in report
            // order, so one project's are consecutive; most findings have one place.
            let mut per: Vec<(Option<usize>, usize)> = Vec::with_capacity(1);
            for l in f.locations() {
                let p = l.project.filter(|p| *p < n);
                match per.last_mut() {
                    Some(e) if e.0 == p => e.1 += 1,
                    _ => per.push((p, 1)),
                }
            }
            let decisive = self.decisive.contains(&f.rule);
            let is_unusable = UNUSABLE.contains(&f.rule);
            let mut total = 0.0;
            for (p, places) in per {
                let c = self.repeated(cost, places);
                total += c;
                match p {
                    Some(p) => {
                        project_cost[p] += c;
                        if f.severity == Severity::Error {
                            project_errors[p] += 1;
                        }
                        if is_unusable {
                            project_unusable[p] += places;
                            unusable += places;
                        }
                        if decisive {
                            project_caps[p].push(format!("{}（{}）", f.title, f.rule_id));
                        }
                    }
                    None => {
                        doc_cost += c;
                        if is_unusable {
                            unusable += places;
                        }
                    }
                }
            }
            if decisive {
                let place = match f.location.project {
                    Some(p) if p < n => format!("项目“{}”", projects[p].0),
                    _ => "文档整体".to_string(),
                };
                doc_caps.push(format!("{place}{}（{}）", f.title, f.rule_id));
            }
            let e = &mut by_rule[f.rule as usize];
            e.0 += total;
            e.1 += f.places();
        }
        let project_grades: Vec<Grade> = (0..n)
            .map(|p| {
                let value = (100.0 - project_cost[p]).max(0.0).round() as u32;
                let mut grade = self.band(value);
                let mut reasons = Vec::new();
                let share = share(project_unusable[p], projects[p].1);
                if projects[p].1 > 0 && share >= self.unusable_poor {
                    grade = "差";
                    reasons.push(format!(
                        "{}行指标中{}行没有可考核的指标值",
                        projects[p].1, project_unusable[p]
                    ));
                } else if projects[p].1 > 0 && share >= self.unusable_fair {
                    grade = self.capped(grade, "中");
                }
                if !project_caps[p].is_empty() {
                    grade = self.capped(grade, "中");
                    reasons.push(project_caps[p].join("、"));
                }
                if self.errors_cap_excellent && project_errors[p] > 0 {
                    grade = self.capped(grade, "良");
                }
                Grade {
                    value,
                    grade,
                    reasons,
                }
            })
            .collect();
        let mean = if n == 0 {
            100.0
        } else {
            project_grades.iter().map(|g| g.value as f64).sum::<f64>() / n as f64
        };
        let value = (mean.round() - doc_cost).max(0.0).round() as u32;
        let by_points = self.band(value);
        let mut grade = by_points;
        let mut reasons = vec![if n == 0 {
            format!("得分{value}：文档整体的问题扣{}分。", fmt(doc_cost))
        } else {
            format!(
                "得分{value}：{n}个项目平均{}分，不属于任何项目的问题（含部门预算公开）扣{}分，按分数为“{by_points}”。",
                fmt(mean),
                fmt(doc_cost)
            )
        }];
        let mut top: Vec<(Rule, &(f64, usize))> = by_rule
            .iter()
            .enumerate()
            .filter(|(_, c)| c.1 > 0)
            .map(|(i, c)| (crate::CATALOGUE[i].rule, c))
            .collect();
        top.sort_by(|a, b| b.1 .0.total_cmp(&a.1 .0));
        let top: Vec<String> = top
            .iter()
            .take(3)
            .map(|(r, (c, places))| {
                format!(
                    "{} {}（{}处，各项目合计扣{}分）",
                    r.id(),
                    r.info().title,
                    places,
                    fmt(*c)
                )
            })
            .collect();
        if !top.is_empty() {
            reasons.push(format!("扣分最多的问题：{}。", top.join("；")));
        }
        let doc_share = share(unusable, rows);
        if rows > 0 && doc_share >= self.unusable_poor {
            grade = "差";
            reasons.push(format!(
                "{rows}行指标中{unusable}行（{}%）没有可考核的指标值（为空、照抄名称、只写名称或笼统表述），达到{}%，评为“差”。",
                fmt(doc_share * 100.0),
                fmt(self.unusable_poor * 100.0)
            ));
        } else if rows > 0 && doc_share >= self.unusable_fair {
            grade = self.capped(grade, "中");
            reasons.push(format!(
                "{rows}行指标中{unusable}行（{}%）没有可考核的指标值，达到{}%，等级至多为“中”。",
                fmt(doc_share * 100.0),
                fmt(self.unusable_fair * 100.0)
            ));
        }
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error && self.cost(f) > 0.0)
            .count();
        if self.errors_cap_excellent && errors > 0 && grade == "优" {
            grade = "良";
            reasons.push(format!(
                "有{errors}个错误级问题，须改正后才能进入预算安排，等级至多为“良”。"
            ));
        }
        if !doc_caps.is_empty() {
            let before = grade;
            grade = self.capped(grade, "中");
            let mut list: Vec<String> = doc_caps.iter().take(5).cloned().collect();
            if doc_caps.len() > 5 {
                list.push(format!("等{}处", doc_caps.len()));
            }
            reasons.push(format!(
                "{}：资金与目标不能对应或缺少目标、指标，按财预〔2015〕88号须修改后重新报送，等级至多为“中”{}。",
                list.join("；"),
                if before != grade { "（按分数本为“".to_string() + before + "”）" } else { String::new() }
            ));
        }
        reasons.push(format!("结论：“{grade}”，{}。", grade_meaning(grade)));
        (
            project_grades,
            Grade {
                value,
                grade,
                reasons,
            },
        )
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// A number as a person writes it: `12`, `12.5`.
fn fmt(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Location, Occurrence};

    fn finding(rule: Rule, project: Option<usize>, row: Option<usize>) -> Finding {
        let location = Location {
            project,
            row,
            line: 1,
            ..Location::default()
        };
        Finding::new(rule, rule.info().severity, location, &[], Vec::new())
    }

    fn repeated(mut f: Finding, places: &[(usize, usize)]) -> Finding {
        f.also = places
            .iter()
            .map(|&(p, r)| Occurrence {
                location: Location {
                    project: Some(p),
                    row: Some(r),
                    ..Location::default()
                },
                value: None,
                suggestion: None,
            })
            .collect();
        f
    }

    const PROJECTS: [(&str, usize); 2] = [("甲项目", 10), ("乙项目", 10)];

    #[test]
    fn a_cost_overrun_is_sent_back_whatever_the_points() {
        let g = Grading::default();
        let (projects, doc) = g.grade(&[finding(Rule::A001, Some(1), Some(4))], &PROJECTS, 20);
        assert_eq!((projects[0].value, projects[0].grade), (100, "优"));
        assert_eq!((projects[1].value, projects[1].grade), (90, "中"));
        assert_eq!((doc.value, doc.grade), (95, "中"));
        assert!(
            doc.reasons.iter().any(
                |r| r.contains("项目“乙项目”成本指标合计超过预算（JX-A001）")
                    && r.contains("等级至多为“中”（按分数本为“良”）")
            ),
            "{:#?}",
            doc.reasons
        );
        assert_eq!(
            doc.reasons.last().unwrap(),
            "结论：“中”，须修改完善后重新报送。"
        );
        // Without the rule among the decisive ones the points decide (an error still keeps 优 out).
        let g = Grading {
            decisive: vec![],
            ..Grading::default()
        };
        assert_eq!(
            g.grade(&[finding(Rule::A001, Some(1), Some(4))], &PROJECTS, 20)
                .1
                .grade,
            "良"
        );
    }

    #[test]
    fn a_habit_costs_a_little_more_than_once_not_once_per_row() {
        let g = Grading::default();
        let habit = repeated(
            finding(Rule::M010, Some(0), Some(1)),
            &[(0, 2), (0, 3), (1, 1)],
        );
        let (projects, doc) = g.grade(&[habit], &PROJECTS, 20);
        // Info costs 1; three places in project 1: 1 × 1.5; one in project 2: 1.
        assert_eq!((projects[0].value, projects[1].value), (99, 99));
        assert_eq!((doc.value, doc.grade), (99, "优"));
        let twelve = repeated(
            finding(Rule::M012, Some(0), Some(1)),
            &(2..=12).map(|r| (0, r % 10 + 1)).collect::<Vec<_>>(),
        );
        // A warning at most twice over, however many rows.
        assert_eq!(g.grade(&[twelve], &PROJECTS, 20).0[0].value, 92);
    }

    #[test]
    fn rows_without_targets_decide_the_grade() {
        let g = Grading::default();
        let copied = repeated(
            finding(Rule::M002, Some(0), Some(1)),
            &(2..=7).map(|r| (0, r)).collect::<Vec<_>>(),
        );
        let (projects, doc) = g.grade(std::slice::from_ref(&copied), &PROJECTS, 20);
        assert_eq!(projects[0].grade, "差", "7 of 10 rows");
        assert_eq!(doc.grade, "差", "7 of 20 rows: 35%");
        assert!(doc
            .reasons
            .iter()
            .any(|r| r.starts_with("20行指标中7行（35%）没有可考核的指标值")));
        let (projects, doc) = g.grade(&[copied], &[("甲项目", 10), ("乙项目", 30)], 40);
        assert_eq!(
            (projects[1].grade, doc.grade),
            ("优", "中"),
            "7 of 40 rows: 17.5%"
        );
    }

    #[test]
    fn the_disclosure_counts_the_self_evaluation_does_not() {
        let g = Grading::default();
        let (_, doc) = g.grade(&[finding(Rule::D017, None, None)], &PROJECTS, 20);
        assert_eq!(doc.value, 96);
        let (_, doc) = g.grade(&[finding(Rule::E002, Some(0), Some(1))], &PROJECTS, 20);
        assert_eq!((doc.value, doc.grade), (100, "优"));
        let g = Grading {
            set_weight: [1.0, 0.0, 0.0, 0.0],
            ..Grading::default()
        };
        assert_eq!(
            g.grade(&[finding(Rule::D017, None, None)], &PROJECTS, 20)
                .1
                .value,
            100
        );
    }
}
