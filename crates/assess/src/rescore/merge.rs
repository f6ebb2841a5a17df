//! A published self-evaluation read against the approved targets: each 自评表 project paired
//! with its target table's project ([`jixiao_model::pairing`]) and each printed row with the
//! target row of the same 三级指标, so that re-scoring judges the actuals against the targets
//! that were approved, not against what the 自评表 reprints.

use jixiao_model::pairing::{normalise_name, pair_documents, Pair};
use jixiao_model::text::squeeze;
use jixiao_model::{Comparison, Direction, Document, Indicator, Project, Target, TargetValue};

/// A row's 三级指标 as rows are paired: normalised ([`normalise_name`]) after a leading
/// number the 自评表 forms put before it (`指标1:`, `1.`, `1、`, `（1）`, `①`) is dropped, so that
/// `指标2:毛发检查试剂数量` is the target table's `毛发检查试剂数量`.
pub fn row_key(level3: &str) -> String {
    let s = level3.trim();
    let s = s.strip_prefix("指标").filter(|r| r.starts_with(|c: char| c.is_ascii_digit())).unwrap_or(s);
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &s[digits..];
    let stripped = if digits > 0 {
        rest.strip_prefix([':', '：', '.', '．', '、', ')', '）']).unwrap_or(s)
    } else if let Some(r) = s.strip_prefix(['(', '（']) {
        let d = r.len() - r.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if d > 0 { r[d..].strip_prefix([')', '）']).unwrap_or(s) } else { s }
    } else {
        s.strip_prefix(['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩']).unwrap_or(s)
    };
    let key = normalise_name(stripped);
    if key.is_empty() { normalise_name(s) } else { key }
}

/// For each of `rows` (三级指标 as printed), the index of the row of `candidates` it pairs
/// with: the first not yet paired with the same [`row_key`], each candidate used once. Every
/// pairing of a 自评表's rows with its target table's goes through here.
pub fn pair_rows<'a>(rows: impl IntoIterator<Item = &'a str>, candidates: &[&str]) -> Vec<Option<usize>> {
    let keys: Vec<String> = candidates.iter().map(|c| row_key(c)).collect();
    let mut used = vec![false; keys.len()];
    rows.into_iter()
        .map(|row| {
            let key = row_key(row);
            if key.is_empty() {
                return None;
            }
            let k = (0..keys.len()).find(|&k| !used[k] && keys[k] == key)?;
            used[k] = true;
            Some(k)
        })
        .collect()
}

/// The target document with the self-evaluation's figures on its paired projects.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The target document; paired projects carry the 自评表's 分值, 实际完成值, 得分, 偏差原因
    /// and project part; unpaired projects are left out.
    pub document: Document,
    /// The pairs (indices into the target and the self-evaluation documents' projects).
    pub pairs: Vec<Pair>,
    /// What did not line up, in Chinese: projects without a partner, rows only one side
    /// prints, targets the 自评表 reprints differently.
    pub notes: Vec<String>,
}

/// Pairs the projects of `targets` (a target table) with those of `evaluation` (a published
/// 自评表) and carries the self-evaluation onto the targets.
pub fn merge_published(targets: &Document, evaluation: &Document) -> Merged {
    let pairs = pair_documents(targets, evaluation);
    let mut notes = Vec::new();
    for (i, p) in evaluation.projects.iter().enumerate() {
        if !pairs.iter().any(|x| x.evaluation == i) {
            notes.push(format!("自评表项目「{}」在绩效目标文档中找不到同一项目（按项目编码，或部门、项目名称与年度），未复核", p.name.value));
        }
    }
    let mut document = Document { projects: Vec::new(), ..targets.clone() };
    for pair in &pairs {
        let mut project = targets.projects[pair.target].clone();
        let published = &evaluation.projects[pair.evaluation];
        let name = project.name.value.clone();
        project.evaluation = published.evaluation.clone();
        let printed: Vec<&str> = published.indicators.iter().map(Indicator::level3_text).collect();
        let pairs = pair_rows(project.indicators.iter().map(Indicator::level3_text), &printed);
        let mut used = vec![false; published.indicators.len()];
        for (ind, found) in project.indicators.iter_mut().zip(pairs) {
            match found {
                Some(k) => {
                    used[k] = true;
                    carry(ind, &published.indicators[k], &name, &mut notes);
                }
                None => notes.push(format!("「{name}」指标“{}”在自评表中没有实际完成值", ind.level3_text())),
            }
        }
        for (k, row) in published.indicators.iter().enumerate() {
            if !used[k] {
                notes.push(format!("「{name}」自评表指标“{}”不在绩效目标表中，按自评表所印的年度指标值复核", row.level3_text()));
                project.indicators.push(row.clone());
            }
        }
        document.projects.push(project);
    }
    Merged { document, pairs, notes }
}

/// Carries a printed row's 分值 and self-evaluation onto the target row.
fn carry(target: &mut Indicator, printed: &Indicator, project: &str, notes: &mut Vec<String>) {
    target.weight = printed.weight;
    target.evaluation = printed.evaluation.clone();
    let approved = target.target.as_ref().map(|t| squeeze(&t.value.printed));
    let reprinted = printed.target.as_ref().map(|t| squeeze(&t.value.printed));
    if let (Some(a), Some(r)) = (&approved, &reprinted) {
        if a != r {
            notes.push(format!(
                "「{project}」指标“{}”：自评表所印年度指标值“{r}”与绩效目标表“{a}”不同，按绩效目标表复核",
                target.level3_text()
            ));
        }
    }
    if approved.is_none() {
        target.target = printed.target.clone();
    }
}

/// How a 自评表 row differs from the approved target (批复的绩效目标).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetChange {
    /// The row reprints the indicator with another 年度指标值 (a weakened or raised value,
    /// another operator or unit); re-scored against `approved`.
    Value { approved: String, printed: String, detail: &'static str },
    /// An approved indicator the 自评表 does not list.
    Dropped { approved: String },
    /// A row the approved targets do not have; re-scored against its own printed value.
    Added { printed: String },
}

/// One difference between a self-evaluation project and its approved target table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Index of the self-evaluation project in its document.
    pub project: usize,
    /// Index of the row in the self-evaluation project; `None` for a dropped row.
    pub row: Option<usize>,
    /// The row's 三级指标 (the self-evaluation's, or the target table's for a dropped row).
    pub level3: String,
    /// Where the row is printed (in the self-evaluation; the project's place for a dropped row).
    pub at: jixiao_model::Origin,
    pub change: TargetChange,
}

impl Change {
    /// The change in Chinese, with both values quoted (the message of `JX-E015`).
    pub fn text(&self) -> String {
        match &self.change {
            TargetChange::Value { approved, printed, detail } => {
                format!("自评表所印年度指标值“{printed}”与批复目标“{approved}”不同（{detail}），按批复目标“{approved}”复核")
            }
            TargetChange::Dropped { approved } => format!("批复目标“{approved}”的指标在自评表中未列出，未作评价"),
            TargetChange::Added { printed } => {
                format!("自评表所列指标（年度指标值“{printed}”）不在批复的绩效目标表中，按自评表所印的值复核")
            }
        }
    }
}

/// How `printed` differs from `approved`, or `None` when they state the same target (the
/// same text once white space is removed, or the same operator, number and unit).
fn difference(approved: &Target, printed: &Target) -> Option<&'static str> {
    if squeeze(&approved.printed) == squeeze(&printed.printed) {
        return None;
    }
    match (&approved.value, &printed.value) {
        (
            TargetValue::Quantity { op: ao, value: av, upper: au, unit: an, .. },
            TargetValue::Quantity { op: po, value: pv, upper: pu, unit: pn, .. },
        ) => {
            let unit = |u: &Option<String>| u.as_deref().map(squeeze).unwrap_or_default();
            if unit(an) != unit(pn) {
                return Some("计量单位不同");
            }
            let op = |o: &Option<Comparison>| o.unwrap_or(Comparison::Equal);
            if op(ao) != op(po) {
                return Some("计算符号不同");
            }
            if av == pv && au == pu {
                return None;
            }
            let lower = pv < av || (av == pv && pu < au);
            let weakened = match op(ao).direction() {
                Direction::Positive => lower,
                Direction::Reverse => !lower,
            };
            Some(if weakened { "目标降低" } else { "目标提高" })
        }
        _ => Some("指标值不同"),
    }
}

/// The self-evaluation `evaluation` with the approved targets in place: for each
/// `(i, target)` in `approved`, project `i` (a self-evaluation) is paired with `target` (its
/// target table's project, [`jixiao_model::pairing`]); each of its rows with the target row of
/// the same 三级指标 (normalised, each used once) is re-scored against the approved
/// 年度指标值. Rows keep their places, so findings on the returned document point at the
/// printed rows. The differences are returned as [`Change`]s in table order.
pub fn with_approved_targets(evaluation: &Document, approved: &[(usize, &Project)]) -> (Document, Vec<Change>) {
    let mut doc = evaluation.clone();
    let mut changes = Vec::new();
    for &(i, target) in approved {
        let Some(project) = doc.projects.get_mut(i) else { continue };
        let approved_names: Vec<&str> = target.indicators.iter().map(Indicator::level3_text).collect();
        let pairs = pair_rows(project.indicators.iter().map(Indicator::level3_text), &approved_names);
        let mut used = vec![false; target.indicators.len()];
        for (k, (row, found)) in project.indicators.iter_mut().zip(pairs).enumerate() {
            let printed = row.target.as_ref().map(|t| t.value.printed.clone());
            match found.map(|t| (t, &target.indicators[t])) {
                Some((t, ind)) => {
                    used[t] = true;
                    let Some(approved) = ind.target.as_ref() else { continue };
                    let detail = match &row.target {
                        Some(p) => difference(&approved.value, &p.value),
                        None => Some("自评表未印年度指标值"),
                    };
                    if let Some(detail) = detail {
                        changes.push(Change {
                            project: i,
                            row: Some(k),
                            level3: row.level3_text().to_string(),
                            at: row.target.as_ref().map_or(row.at, |t| t.at),
                            change: TargetChange::Value {
                                approved: approved.value.printed.clone(),
                                printed: printed.unwrap_or_else(|| "（未填）".into()),
                                detail,
                            },
                        });
                        let at = row.target.as_ref().map_or(row.at, |t| t.at);
                        row.target = Some(jixiao_model::Located::new(approved.value.clone(), at));
                    }
                }
                None => changes.push(Change {
                    project: i,
                    row: Some(k),
                    level3: row.level3_text().to_string(),
                    at: row.at,
                    change: TargetChange::Added { printed: printed.unwrap_or_else(|| "（未填）".into()) },
                }),
            }
        }
        for (t, ind) in target.indicators.iter().enumerate() {
            if !used[t] && !ind.level3_text().trim().is_empty() {
                changes.push(Change {
                    project: i,
                    row: None,
                    level3: ind.level3_text().to_string(),
                    at: project.at,
                    change: TargetChange::Dropped {
                        approved: ind.target.as_ref().map_or_else(|| "（未填）".into(), |t| t.value.printed.clone()),
                    },
                });
            }
        }
    }
    (doc, changes)
}

/// [`super::check`] of a self-evaluation against its approved targets: the re-scoring uses
/// the approved 年度指标值 ([`with_approved_targets`]) and every difference is a finding of
/// `JX-E015` (the row, both values quoted). With no `approved` pairs this is `check`.
pub fn check_against_targets(
    evaluation: &Document,
    approved: &[(usize, &Project)],
    cfg: &crate::ScoringConfig,
    settings: &jixiao_rules::Settings,
) -> Vec<jixiao_rules::Finding> {
    let (doc, changes) = with_approved_targets(evaluation, approved);
    let mut out = Vec::new();
    for c in &changes {
        let mut quotes = vec![jixiao_rules::Quote { field: "三级指标", value: c.level3.clone() }];
        match &c.change {
            TargetChange::Value { approved, printed, .. } => {
                quotes.push(jixiao_rules::Quote { field: "自评表年度指标值", value: printed.clone() });
                quotes.push(jixiao_rules::Quote { field: "批复年度指标值", value: approved.clone() });
            }
            TargetChange::Dropped { approved } => quotes.push(jixiao_rules::Quote { field: "批复年度指标值", value: approved.clone() }),
            TargetChange::Added { printed } => quotes.push(jixiao_rules::Quote { field: "自评表年度指标值", value: printed.clone() }),
        }
        let location = jixiao_rules::Location {
            project: Some(c.project),
            row: c.row.map(|r| r + 1),
            line: c.at.line,
            cell: c.at.cell,
            field: Some("年度指标值"),
            ..jixiao_rules::Location::default()
        };
        let text = c.text();
        settings.emit(&mut out, jixiao_rules::Rule::E015, location, &[("level3", c.level3.as_str()), ("change", text.as_str())], quotes);
    }
    out.extend(super::check(&doc, cfg, settings));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdoc::{doc_with, ind};
    use jixiao_model::{Decimal, Located, Origin, RowEvaluation, Target};

    fn evaluated(mut i: jixiao_model::Indicator, actual: &str, weight: i64, score: i64) -> jixiao_model::Indicator {
        i.weight = Some(Decimal::from(weight));
        i.evaluation = Some(RowEvaluation {
            actual: Some(Located::new(Target::parse(actual), Origin::cell(40, 5))),
            score: Some(Decimal::from(score)),
            deviation: None,
        });
        i
    }

    #[test]
    fn actuals_join_the_approved_targets() {
        let targets = doc_with(vec![
            ("培训", "10", vec![ind("产出指标", "数量指标", "培训人次", "≥100人次"), ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%")]),
            ("宣传", "5", vec![ind("产出指标", "数量指标", "宣传次数", "≥4次")]),
        ]);
        let mut evaluation = doc_with(vec![(
            "培训项目",
            "10",
            vec![
                evaluated(ind("产出指标", "数量指标", "培训 人次", "≥80人次"), "90人次", 50, 50),
                evaluated(ind("效益指标", "社会效益指标", "持证率", "≥80%"), "85%", 30, 30),
            ],
        )]);
        evaluation.source = "自评.txt".into();
        let m = merge_published(&targets, &evaluation);
        assert_eq!(m.pairs.len(), 1);
        assert_eq!(m.document.projects.len(), 1);
        let p = &m.document.projects[0];
        assert_eq!(p.name.value, "培训");
        // The approved target stays; the printed actual, 分值 and 得分 join it.
        assert_eq!(p.indicators[0].target.as_ref().unwrap().value.printed, "≥100人次");
        assert_eq!(p.indicators[0].weight, Some(Decimal::from(50)));
        assert_eq!(p.indicators[0].evaluation.as_ref().unwrap().actual.as_ref().unwrap().value.printed, "90人次");
        assert!(p.indicators[1].evaluation.is_none());
        assert_eq!(p.indicators[2].level3_text(), "持证率");
        assert_eq!(
            m.notes,
            [
                "「培训」指标“培训人次”：自评表所印年度指标值“≥80人次”与绩效目标表“≥100人次”不同，按绩效目标表复核",
                "「培训」指标“满意度”在自评表中没有实际完成值",
                "「培训」自评表指标“持证率”不在绩效目标表中，按自评表所印的年度指标值复核",
            ]
        );
        // Re-scored against the approved ≥100人次, 90人次 earns 50 × 90 ÷ 100 = 45, not 50.
        let r = &crate::rescore::rescore(&m.document, &crate::ScoringConfig::default())[0];
        assert_eq!(r.rows[0].verdict, crate::rescore::Verdict::FullThoughMissed);
        assert_eq!(r.rows[0].arithmetic, "50 × 90 ÷ 100 = 45.00");
    }

    #[test]
    fn unpaired_self_evaluations_are_named() {
        let targets = doc_with(vec![("培训", "10", vec![])]);
        let evaluation = doc_with(vec![("维修", "3", vec![])]);
        let m = merge_published(&targets, &evaluation);
        assert!(m.document.projects.is_empty());
        assert_eq!(m.notes, ["自评表项目「维修」在绩效目标文档中找不到同一项目（按项目编码，或部门、项目名称与年度），未复核"]);
    }

    #[test]
    fn a_target_changed_in_the_self_evaluation_is_a_finding_and_the_approved_one_scores() {
        let approved = doc_with(vec![(
            "培训",
            "10",
            vec![
                ind("产出指标", "数量指标", "培训人次", "≥100人次"),
                ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%"),
                ind("产出指标", "数量指标", "宣传次数", "≥4次"),
            ],
        )]);
        let evaluation = doc_with(vec![(
            "培训项目",
            "10",
            vec![
                evaluated(ind("产出指标", "数量指标", "培训 人次", "≥80人次"), "90人次", 50, 50),
                evaluated(ind("满意度指标", "服务对象满意度指标", "满意度", "≥ 90%"), "95%", 20, 20),
                evaluated(ind("效益指标", "社会效益指标", "持证率", "≥80%"), "85%", 30, 30),
            ],
        )]);
        let pairs = jixiao_model::pairing::pair_documents(&approved, &evaluation);
        assert_eq!(pairs.len(), 1);
        let (doc, changes) = with_approved_targets(&evaluation, &[(0, &approved.projects[0])]);
        // The weakened row takes the approved target; the others keep theirs.
        assert_eq!(doc.projects[0].indicators[0].target.as_ref().unwrap().value.printed, "≥100人次");
        assert_eq!(doc.projects[0].indicators[1].target.as_ref().unwrap().value.printed, "≥ 90%");
        let texts: Vec<(Option<usize>, String)> = changes.iter().map(|c| (c.row, c.text())).collect();
        assert_eq!(
            texts,
            [
                (Some(0), "自评表所印年度指标值“≥80人次”与批复目标“≥100人次”不同（目标降低），按批复目标“≥100人次”复核".to_string()),
                (Some(2), "自评表所列指标（年度指标值“≥80%”）不在批复的绩效目标表中，按自评表所印的值复核".to_string()),
                (None, "批复目标“≥4次”的指标在自评表中未列出，未作评价".to_string()),
            ]
        );
        let settings = jixiao_rules::Settings::default();
        let found = check_against_targets(&evaluation, &[(0, &approved.projects[0])], &crate::ScoringConfig::default(), &settings);
        let ids: Vec<(&str, Option<usize>)> = found.iter().map(|f| (f.rule.id(), f.location.row)).collect();
        // 90 of the approved 100 earns 50 × 90 ÷ 100 = 45: the printed 50 is full points for a
        // missed target (JX-E002) with no 偏差原因 (JX-E012), which the reprinted ≥80 hid. (The
        // levels' points are not the default rules', but JX-E013 is opt-in; the rules' total 95
        // keeps the printed grade, so no JX-E014.)
        assert_eq!(
            ids,
            [
                ("JX-E015", Some(1)),
                ("JX-E015", Some(3)),
                ("JX-E015", None),
                ("JX-E002", Some(1)),
                ("JX-E012", Some(1)),
            ]
        );
        let e015 = &found[0];
        assert!(e015.message.contains("“≥80人次”") && e015.message.contains("“≥100人次”"), "{}", e015.message);
        assert!(e015.quotes.iter().any(|q| q.field == "批复年度指标值" && q.value == "≥100人次"));
        assert!(found[3].message.contains("未达到年度指标值≥100人次"), "{}", found[3].message);
        // Without the approved targets the reprinted ≥80 is met: no finding on row 1.
        let alone = crate::check(&evaluation, &crate::ScoringConfig::default(), &settings);
        assert!(alone.iter().all(|f| f.location.row != Some(1)), "{alone:?}");
    }

    #[test]
    fn row_numbers_are_no_part_of_the_indicator() {
        for printed in ["指标2:毛发检查试剂数量", "指标2：毛发检查试剂数量", "2.毛发检查试剂数量", "2、毛发 检查试剂数量", "（2）毛发检查试剂数量", "②毛发检查试剂数量"] {
            assert_eq!(row_key(printed), row_key("毛发检查试剂数量"), "{printed}");
        }
        assert_eq!(row_key("2022年度培训人次"), normalise_name("2022年度培训人次"));
        assert_eq!(row_key("100%"), normalise_name("100%"));
    }

    #[test]
    fn differences_name_what_changed() {
        let t = |s: &str| Target::parse(s);
        assert_eq!(difference(&t("≥100人次"), &t("≥ 100 人次")), None);
        assert_eq!(difference(&t("≥100人次"), &t("≥100.0人次")), None);
        assert_eq!(difference(&t("≥100人次"), &t("≥120人次")), Some("目标提高"));
        assert_eq!(difference(&t("≤5天"), &t("≤7天")), Some("目标降低"));
        assert_eq!(difference(&t("≤5天"), &t("≤3天")), Some("目标提高"));
        assert_eq!(difference(&t("≥100人次"), &t("≥100次")), Some("计量单位不同"));
        assert_eq!(difference(&t("≥95%"), &t("≤95%")), Some("计算符号不同"));
        assert_eq!(difference(&t("好"), &t("较好")), Some("指标值不同"));
    }
}
