//! The re-scoring as findings of the rule set 自评复核 (`JX-E001`…`JX-E014`) of the one rule
//! engine: each names the row (or funds row, or total), quotes what is printed and gives the
//! published and the recomputed score with the arithmetic.

use jixiao_model::{Decimal, Document, Indicator, Origin};
use jixiao_rules::{Finding, Location, Quote, Rule, Settings};

use super::{rescore, Judgement, Rescored, Table, Verdict};
use crate::scoring::{Grade, ScoringConfig};

/// One place where a published figure breaks the scoring rules: the rule, where, and the
/// values that fill the rule's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    pub rule: Rule,
    pub location: Location,
    pub args: Vec<(&'static str, String)>,
    pub quotes: Vec<Quote>,
}

impl Break {
    fn args(&self) -> Vec<(&str, &str)> {
        self.args.iter().map(|(k, v)| (*k, v.as_str())).collect()
    }

    /// The rule's message filled in (as a finding of it reads).
    pub fn message(&self) -> String {
        self.rule.message(&self.args())
    }
}

/// Re-scores every self-evaluation table of `doc` under `cfg` and returns the findings of
/// the rules that apply, as `settings` configures them (rules `JX-E…`). A table whose
/// printed scores the rules all confirm gives none.
pub fn check(doc: &Document, cfg: &ScoringConfig, settings: &Settings) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in rescore(doc, cfg) {
        // The rules' total (JX-E014) sums the breaks reported row by row: a finding of its own
        // only where it changes the grade (优/良/中/差 decide what follows); the re-scored form
        // still prints it.
        let regraded = r.totals.recomputed.zip(r.totals.published()).is_some_and(|((_, grade), published)| {
            let printed = r.totals.printed_grade.as_ref().and_then(|g| super::grade_of_text(&g.value));
            grade != printed.unwrap_or_else(|| cfg.grade(published))
        });
        for b in breaks(doc, &r, cfg).into_iter().filter(|b| b.rule != Rule::E014 || regraded) {
            let args = b.args();
            settings.emit(&mut out, b.rule, b.location.clone(), &args, b.quotes.clone());
        }
    }
    out
}

fn n(d: Decimal) -> String {
    d.normalize().to_string()
}

fn quote(field: &'static str, value: impl Into<String>) -> Quote {
    Quote { field, value: value.into() }
}

/// Every break of one re-scored table, in table order: rows, funds, totals.
pub fn breaks(doc: &Document, r: &Rescored, cfg: &ScoringConfig) -> Vec<Break> {
    let table = Table::of(doc, r);
    let indicators: &[Indicator] = table.indicators;
    let mut out = Vec::new();
    for row in &r.rows {
        let Some(ind) = indicators.get(row.indicator) else { continue };
        let eval = ind.evaluation.as_ref();
        let actual = eval.and_then(|e| e.actual.as_ref()).map(|a| a.value.printed.clone());
        let target = ind.target.as_ref().map_or_else(|| "（未填）".to_string(), |t| t.value.printed.clone());
        let deviation = eval.and_then(|e| e.deviation.as_ref()).map(|d| d.value.clone()).filter(|d| !d.trim().is_empty());
        let at = |field: &'static str, cell: Option<u32>| Location {
            project: r.project,
            row: Some(row.indicator + 1),
            line: ind.at.line,
            cell,
            field: Some(field),
            ..Location::default()
        };
        let mut quotes = vec![quote("三级指标", ind.level3_text()), quote("年度指标值", target.clone())];
        if let Some(a) = &actual {
            quotes.push(quote("实际完成值", a.clone()));
        }
        if let Some(w) = row.points {
            quotes.push(quote("分值", n(w)));
        }
        if let Some(p) = row.published {
            quotes.push(quote("得分", n(p)));
        }
        if let Some(d) = &deviation {
            quotes.push(quote("偏差原因分析及改进措施", d.clone()));
        }
        let recomputed = match row.allowed {
            Some((lo, hi)) if lo == hi => crate::fmt2(lo),
            Some((lo, hi)) => format!("{}–{}", crate::fmt2(lo), crate::fmt2(hi)),
            None => String::new(),
        };
        let args = || {
            vec![
                ("level3", ind.level3_text().to_string()),
                ("target", target.clone()),
                ("actual", actual.clone().unwrap_or_default()),
                ("points", row.points.map(n).unwrap_or_default()),
                ("published", row.published.map(n).unwrap_or_else(|| "（未填）".into())),
                ("recomputed", recomputed.clone()),
                ("arithmetic", row.arithmetic.clone()),
            ]
        };
        let rule = match row.verdict {
            Verdict::AboveWeight => Some(Rule::E001),
            Verdict::FullThoughMissed => Some(Rule::E002),
            Verdict::AboveRule => Some(Rule::E003),
            Verdict::DeductedThoughMet => Some(Rule::E004),
            Verdict::BelowRule => Some(Rule::E005),
            Verdict::Holds | Verdict::Unchecked => None,
        };
        if let Some(rule) = rule {
            out.push(Break { rule, location: at("得分", None), args: args(), quotes: quotes.clone() });
        }
        if row.judgement == Judgement::NoActual && (row.points.is_some() || row.published.is_some()) {
            let cell = eval.and_then(|e| e.actual.as_ref()).and_then(|a| a.at.cell);
            out.push(Break { rule: Rule::E011, location: at("实际完成值", cell), args: args(), quotes: quotes.clone() });
        }
        if row.reason_missing {
            out.push(Break { rule: Rule::E012, location: at("偏差原因分析及改进措施", None), args: args(), quotes });
        }
    }

    for f in &r.funds {
        let place = |field: &'static str, at: Origin| Location {
            project: r.project,
            line: at.line,
            cell: at.cell,
            field: Some(field),
            ..Location::default()
        };
        let line = table.evaluation.and_then(|e| e.funds.lines().find(|(label, _)| *label == f.label).map(|(_, l)| l.clone()));
        let money = |m: Option<&jixiao_model::Located<jixiao_model::Money>>| m.map_or_else(String::new, |m| m.value.to_string());
        let (adjusted, executed) = line.as_ref().map_or((String::new(), String::new()), |l| (money(l.adjusted.as_ref()), money(l.executed.as_ref())));
        let quotes = vec![
            quote("资金", f.label),
            quote("全年预算数", adjusted.clone()),
            quote("全年执行数", executed.clone()),
        ];
        if let (Some(false), Some(printed), Some(computed)) = (f.rate_holds, &f.printed_rate, f.computed_rate) {
            out.push(Break {
                rule: Rule::E006,
                location: place("执行率", printed.at),
                args: vec![
                    ("fund", f.label.to_string()),
                    ("executed", executed.clone()),
                    ("adjusted", adjusted.clone()),
                    ("computed", crate::fmt2(computed)),
                    ("printed", n(printed.value)),
                ],
                quotes: quotes.clone(),
            });
        }
        if let (Some(false), Some(published), Some(recomputed)) = (f.score_holds, &f.published, f.recomputed) {
            let rate = f.computed_rate.or(f.printed_rate.as_ref().map(|r| r.value)).unwrap_or_default();
            out.push(Break {
                rule: Rule::E007,
                location: place("得分", published.at),
                args: vec![
                    ("fund", f.label.to_string()),
                    ("rate", crate::fmt2(rate)),
                    ("recomputed", crate::fmt2(recomputed)),
                    ("arithmetic", f.arithmetic.clone()),
                    ("published", n(published.value)),
                ],
                quotes,
            });
        }
    }

    let t = &r.totals;
    let project_at = table.at;
    let total_place = |field: &'static str, at: Option<Origin>| {
        let at = at.unwrap_or(project_at);
        Location { project: r.project, line: at.line, cell: at.cell, field: Some(field), ..Location::default() }
    };
    if let (Some(false), Some((sum, text)), Some(printed)) = (t.points_hold, &t.points_sum, &t.printed_points) {
        out.push(Break {
            rule: Rule::E008,
            location: total_place("分值", Some(printed.at)),
            args: vec![("sum", n(*sum)), ("arithmetic", text.clone()), ("printed", n(printed.value))],
            quotes: vec![quote("总分值", n(printed.value))],
        });
    }
    if let (Some(false), Some((sum, text)), Some(printed)) = (t.score_holds, &t.score_sum, &t.printed_score) {
        out.push(Break {
            rule: Rule::E009,
            location: total_place("总分", Some(printed.at)),
            args: vec![("sum", n(*sum)), ("arithmetic", text.clone()), ("printed", n(printed.value))],
            quotes: vec![quote("总分", n(printed.value))],
        });
    }
    if let (Some(false), Some((total, expected)), Some(printed)) = (t.grade_holds, t.graded, &t.printed_grade) {
        out.push(Break {
            rule: Rule::E010,
            location: total_place("等级", Some(printed.at)),
            args: vec![
                ("total", n(total)),
                ("expected", expected.label().to_string()),
                ("band", band_text(expected, cfg)),
                ("printed", printed.value.clone()),
            ],
            quotes: vec![quote("总分", n(total)), quote("等级", printed.value.clone())],
        });
    }
    for level in &t.levels {
        out.push(Break {
            rule: Rule::E013,
            location: total_place("分值", None),
            args: vec![("level", level.label.to_string()), ("sum", n(level.printed)), ("expected", n(level.expected))],
            quotes: Vec::new(),
        });
    }
    if let (Some(false), Some((recomputed, grade)), Some(published)) = (t.recomputed_holds, t.recomputed, t.published()) {
        let printed_grade = t
            .printed_grade
            .as_ref()
            .map(|g| g.value.clone())
            .unwrap_or_else(|| cfg.grade(published).label().to_string());
        let broken = out.iter().filter(|b| matches!(b.rule, Rule::E001 | Rule::E002 | Rule::E003 | Rule::E004 | Rule::E005 | Rule::E007)).count();
        let basis = if t.printed_score.is_some() { "所印总分" } else { "所印各项得分之和" };
        out.push(Break {
            rule: Rule::E014,
            location: total_place("总分", t.printed_score.as_ref().map(|s| s.at)),
            args: vec![
                ("basis", basis.to_string()),
                ("recomputed", crate::fmt2(recomputed)),
                ("grade", grade.label().to_string()),
                ("published", n(published)),
                ("printed_grade", printed_grade),
                ("diff", crate::fmt2((published - recomputed).abs())),
                ("count", broken.to_string()),
            ],
            quotes: Vec::new(),
        });
    }
    out
}

/// `90分及以上`, `80分（含）至90分`, `60分以下` for a grade under `cfg`.
fn band_text(grade: Grade, cfg: &ScoringConfig) -> String {
    let Some(i) = cfg.grades.iter().position(|g| g.grade == grade) else { return String::new() };
    let from = cfg.grades[i].from;
    let above = i.checked_sub(1).map(|j| cfg.grades[j].from);
    match above {
        None => format!("{}分及以上为{}", n(from), grade.label()),
        Some(to) if from.is_zero() => format!("{}分以下为{}", n(to), grade.label()),
        Some(to) => format!("{}分（含）至{}分为{}", n(from), n(to), grade.label()),
    }
}
