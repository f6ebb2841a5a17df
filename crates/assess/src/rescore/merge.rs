//! A published self-evaluation read against the approved targets: each 自评表 project paired
//! with its target table's project ([`jixiao_model::pairing`]) and each printed row with the
//! target row of the same 三级指标, so that re-scoring judges the actuals against the targets
//! that were approved, not against what the 自评表 reprints.

use jixiao_model::pairing::{normalise_name, pair_documents, Pair};
use jixiao_model::text::squeeze;
use jixiao_model::{Document, Indicator};

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
        let mut used = vec![false; published.indicators.len()];
        for ind in &mut project.indicators {
            let key = normalise_name(ind.level3_text());
            let found = published
                .indicators
                .iter()
                .enumerate()
                .find(|(k, row)| !used[*k] && !key.is_empty() && normalise_name(row.level3_text()) == key);
            match found {
                Some((k, row)) => {
                    used[k] = true;
                    carry(ind, row, &name, &mut notes);
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
}
