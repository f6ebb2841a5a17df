//! Findings grouped by cause: a defect repeated across rows (a table filled by copying, a
//! habit such as `≥100%` on every rate) is one finding that lists its places, not one line
//! per row.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::catalogue::Rule;
use crate::finding::{Finding, Occurrence};

/// How a rule's findings in one document are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// Findings with the same message and suggestion are one cause (the same printed values
    /// in several rows or projects): the default.
    Message,
    /// Every finding of the rule in the document is one cause, a habit of whoever filled the
    /// form (`≥100%`, descriptions that repeat the name): one finding listing each place with
    /// what is printed there.
    Rule,
}

impl Rule {
    /// How findings of this rule are grouped ([`group_by_cause`]).
    pub fn grouping(self) -> Grouping {
        match self {
            // Whether a row's target is a target at all (C009, M001, M002, M004, M005, A008,
            // M007), and the notes on how it is written: a table filled by copying repeats
            // them row after row with different words.
            Rule::C009
            // Values left blank row after row: one form not filled in, not one defect a row.
            | Rule::C008
            | Rule::M001
            | Rule::M002
            | Rule::M003
            | Rule::M004
            | Rule::M005
            | Rule::M007
            | Rule::A008
            | Rule::M010
            | Rule::M012
            | Rule::M013
            | Rule::M014 => Grouping::Rule,
            _ => Grouping::Message,
        }
    }
}

/// At most this many places are named in a grouped finding's message (all are in
/// [`Finding::also`]).
const NAMED_PLACES: usize = 8;

/// Groups findings by cause, keeping report order: each group is its first finding, the
/// others' places in its [`Finding::also`] and named at the end of its message
/// (`同一问题另见3处：项目2第1行指标、…`).
pub fn group_by_cause(findings: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    // Key hash → the first group with that hash; `chain[i]`: the next group after `out[i]`
    // with the same hash (compared in full on a hit).
    let mut first: HashMap<u64, usize, BuildHasherDefault<Identity>> = HashMap::default();
    let mut chain: Vec<Option<usize>> = Vec::with_capacity(findings.len());
    for f in findings {
        let by_rule = f.rule.grouping() == Grouping::Rule;
        let key = if by_rule {
            f.rule as u64
        } else {
            let mut h = fx(f.rule as u64, f.message.as_bytes());
            if let Some(s) = &f.suggestion {
                h = fx(h, s.as_bytes());
            }
            h
        };
        let same = |g: &Finding| {
            g.rule == f.rule
                && (by_rule || (g.message == f.message && g.suggestion == f.suggestion))
        };
        let mut hit = None;
        let mut last = None;
        let mut at = first.get(&key).copied();
        while let Some(i) = at {
            if same(&out[i]) {
                hit = Some(i);
                break;
            }
            last = Some(i);
            at = chain[i];
        }
        match hit {
            Some(i) => {
                let value = by_rule.then(|| printed_value(&f)).flatten();
                let suggestion = f
                    .suggestion
                    .filter(|s| out[i].suggestion.as_ref() != Some(s));
                out[i].also.push(Occurrence {
                    location: f.location,
                    value,
                    suggestion,
                });
            }
            None => {
                let i = out.len();
                match last {
                    Some(l) => chain[l] = Some(i),
                    None => {
                        first.insert(key, i);
                    }
                }
                out.push(f);
                chain.push(None);
            }
        }
    }
    for f in &mut out {
        if !f.also.is_empty() {
            // Places recorded as they were found (`jixiao-review` records repeats of an earlier
            // project at once) are put in report order.
            let key = |o: &Occurrence| {
                (
                    o.location.project.map_or(0, |p| p + 1),
                    o.location.row.unwrap_or(0),
                    o.location.line,
                )
            };
            if !f.also.is_sorted_by_key(key) {
                f.also.sort_by_key(key);
            }
            let note = repeat_note(f);
            f.message.push_str(&note);
        }
    }
    out
}

/// A fast hash of `bytes` continuing `h` (FxHash's step, eight bytes at a time): findings'
/// messages are hashed once each, and a document may have a million.
fn fx(mut h: u64, bytes: &[u8]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
    }
    (h.rotate_left(5) ^ bytes.len() as u64).wrapping_mul(K)
}

/// The keys are hashes already.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fx(self.0, bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The value a finding is about: its quoted 指标值, else its last quote.
fn printed_value(f: &Finding) -> Option<String> {
    f.quotes
        .iter()
        .find(|q| q.field == "指标值")
        .or(f.quotes.last())
        .map(|q| q.value.clone())
}

/// `同一问题另见2处：项目2第1行指标“≥100%”、项目3第4行指标“≥100%”。`
fn repeat_note(f: &Finding) -> String {
    let mut named: Vec<String> = f
        .also
        .iter()
        .take(NAMED_PLACES)
        .map(|o| match &o.value {
            Some(v) => format!("{}“{v}”", o.location.short()),
            None => o.location.short(),
        })
        .collect();
    if f.also.len() > NAMED_PLACES {
        named.push("等".to_string());
    }
    let list = named.join("、").replace("、等", "等");
    format!("同一问题另见{}处：{list}。", f.also.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Location, Quote};

    fn finding(rule: Rule, project: usize, row: usize, target: &str) -> Finding {
        let location = Location {
            project: Some(project),
            row: Some(row),
            line: (100 * project + row) as u32,
            ..Location::default()
        };
        let args = [("target", target), ("copied", "三级指标")];
        let quotes = vec![Quote {
            field: "指标值",
            value: target.into(),
        }];
        Finding::new(rule, rule.info().severity, location, &args, quotes)
    }

    #[test]
    fn the_same_message_in_many_rows_is_one_finding() {
        // M008 is grouped by message: the same printed values are one cause.
        let findings = vec![
            finding(Rule::M008, 0, 1, "≥90%"),
            finding(Rule::M008, 0, 2, "≥3次"),
            finding(Rule::M008, 1, 1, "≥90%"),
            finding(Rule::M008, 2, 1, "≥90%"),
        ];
        let grouped = group_by_cause(findings);
        assert_eq!(grouped.len(), 2);
        let f = &grouped[0];
        assert_eq!(f.places(), 3);
        assert!(
            f.message.ends_with(
                "指标值“≥90%”却以“{unit}”计。同一问题另见2处：项目2第1行指标、项目3第1行指标。"
            ),
            "{}",
            f.message
        );
        assert_eq!(f.also[0].value, None, "the message already says the value");
        assert_eq!(grouped[1].places(), 1);
        assert!(grouped[1].message.ends_with("却以“{unit}”计。"));
    }

    #[test]
    fn a_copied_table_is_one_finding() {
        let findings = vec![
            finding(Rule::M002, 0, 1, "工作任务完成情况"),
            finding(Rule::M002, 0, 2, "评估企业数量"),
            finding(Rule::M002, 1, 1, "工作任务完成情况"),
        ];
        let grouped = group_by_cause(findings);
        assert_eq!(grouped.len(), 1);
        assert!(grouped[0].message.ends_with(
            "同一问题另见2处：项目1第2行指标“评估企业数量”、项目2第1行指标“工作任务完成情况”。"
        ));
    }

    #[test]
    fn a_habit_is_one_finding_naming_each_value() {
        let mut findings: Vec<Finding> = (1..=10)
            .map(|r| {
                let target = if r % 2 == 0 { "≥100%" } else { "≥100.0%" };
                finding(Rule::M010, (r - 1) / 4, r, target)
            })
            .collect();
        findings.push(finding(Rule::M008, 2, 11, "x"));
        let grouped = group_by_cause(findings);
        assert_eq!(grouped.len(), 2);
        assert_eq!(grouped[0].places(), 10);
        assert_eq!(grouped[0].also[0].value.as_deref(), Some("≥100%"));
        assert!(
            grouped[0]
                .message
                .ends_with("同一问题另见9处：项目1第2行指标“≥100%”、项目1第3行指标“≥100.0%”、项目1第4行指标“≥100%”、项目2第5行指标“≥100.0%”、项目2第6行指标“≥100%”、项目2第7行指标“≥100.0%”、项目2第8行指标“≥100%”、项目3第9行指标“≥100.0%”等。"),
            "{}",
            grouped[0].message
        );
    }

    #[test]
    fn places_recorded_out_of_order_are_listed_in_report_order() {
        let mut f = finding(Rule::M010, 0, 1, "≥100%");
        for (p, r) in [(2, 1), (1, 3), (1, 2)] {
            f.also.push(Occurrence {
                location: Location {
                    project: Some(p),
                    row: Some(r),
                    ..Location::default()
                },
                value: None,
                suggestion: None,
            });
        }
        let grouped = group_by_cause(vec![f]);
        let places: Vec<String> = grouped[0].also.iter().map(|o| o.location.short()).collect();
        assert_eq!(
            places,
            ["项目2第2行指标", "项目2第3行指标", "项目3第1行指标"]
        );
    }
}
