//! Scoring an extraction record against a golden one exactly as
//! `../shared/tools/score-extraction` does: projects matched one-to-one by name (exact keys
//! first, then by similarity ≥ 0.6), rows by `level3|description|target` (exact, then
//! similarity ≥ 0.5), a row exact when all six fields agree and, where the golden row has
//! them, `actual`, `weight` and `score`. Similarity is difflib's `SequenceMatcher.ratio`
//! without autojunk. Shared with the office crate's tests (`crates/office/tests/support`),
//! which include this file by path.

#![allow(dead_code)]

use serde_json::Value;

/// Text without any white space, as the extraction record is compared; numbers to 0.001.
pub fn norm(v: &Value) -> Value {
    match v {
        Value::String(s) => {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{3000}' && *c != '\u{a0}')
                .collect();
            if s.is_empty() {
                Value::Null
            } else {
                Value::String(s)
            }
        }
        Value::Array(a) => Value::Array(a.iter().map(norm).collect()),
        Value::Number(n) => serde_json::json!((n.as_f64().unwrap() * 1000.0).round() / 1000.0),
        other => other.clone(),
    }
}

/// Equal after [`norm`]; numbers within 0.001.
pub fn same(a: &Value, b: &Value) -> bool {
    match (norm(a), norm(b)) {
        (Value::Number(x), Value::Number(y)) => {
            (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() <= 0.001
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(&y).all(|(p, q)| same(p, q))
        }
        (x, y) => x == y,
    }
}

fn text(v: &Value) -> String {
    match norm(v) {
        Value::String(s) => s,
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// difflib's `SequenceMatcher(None, a, b, autojunk=False).ratio()`.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    fn longest(
        a: &[char],
        b: &[char],
        alo: usize,
        ahi: usize,
        blo: usize,
        bhi: usize,
    ) -> (usize, usize, usize) {
        // As difflib: the longest block, earliest in a, then earliest in b.
        let (mut bi, mut bj, mut bk) = (alo, blo, 0usize);
        let mut len = vec![0usize; bhi - blo + 1];
        for i in alo..ahi {
            let mut next = vec![0usize; bhi - blo + 1];
            for j in blo..bhi {
                if a[i] == b[j] {
                    let k = len[j - blo] + 1;
                    next[j - blo + 1] = k;
                    if k > bk {
                        bi = i + 1 - k;
                        bj = j + 1 - k;
                        bk = k;
                    }
                }
            }
            len = next;
        }
        (bi, bj, bk)
    }
    let mut matched = 0;
    let mut queue = vec![(0, a.len(), 0, b.len())];
    while let Some((alo, ahi, blo, bhi)) = queue.pop() {
        let (i, j, k) = longest(&a, &b, alo, ahi, blo, bhi);
        if k > 0 {
            matched += k;
            if alo < i && blo < j {
                queue.push((alo, i, blo, j));
            }
            if i + k < ahi && j + k < bhi {
                queue.push((i + k, ahi, j + k, bhi));
            }
        }
    }
    2.0 * matched as f64 / (a.len() + b.len()) as f64
}

/// Greedy one-to-one matching: exact keys first (in order), then best similarity.
fn matching(golds: &[String], outs: &[String], threshold: f64) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut used = vec![false; outs.len()];
    let mut left = Vec::new();
    for (gi, g) in golds.iter().enumerate() {
        match (0..outs.len()).find(|&oi| !used[oi] && outs[oi] == *g) {
            Some(oi) => {
                used[oi] = true;
                pairs.push((gi, oi));
            }
            None => left.push(gi),
        }
    }
    let mut cands = Vec::new();
    for &gi in &left {
        for (oi, o) in outs.iter().enumerate() {
            if !used[oi] {
                let s = similarity(&golds[gi], o);
                if s >= threshold {
                    cands.push((s, gi, oi));
                }
            }
        }
    }
    cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut used_g = vec![false; golds.len()];
    for (_, gi, oi) in cands {
        if used_g[gi] || used[oi] {
            continue;
        }
        used_g[gi] = true;
        used[oi] = true;
        pairs.push((gi, oi));
    }
    pairs.sort();
    pairs
}

const ROW_FIELDS: [&str; 6] = [
    "level1",
    "level2",
    "level3",
    "description",
    "target",
    "basis",
];
const EVAL_FIELDS: [&str; 3] = ["actual", "weight", "score"];

fn row_key(r: &Value) -> String {
    ["level3", "description", "target"]
        .iter()
        .map(|f| text(&r[f]))
        .collect::<Vec<_>>()
        .join("|")
}

/// The counts of one or more documents.
#[derive(Debug, Default)]
pub struct Score {
    pub gold_projects: usize,
    pub out_projects: usize,
    pub matched_projects: usize,
    pub gold_rows: usize,
    pub out_rows: usize,
    pub exact_rows: usize,
    pub mismatches: Vec<String>,
}

fn rows(p: &Value) -> Vec<Value> {
    p["indicators"].as_array().cloned().unwrap_or_default()
}

/// Department-wide rows are scored as one more project, named 部门整体.
fn with_department(rec: &Value) -> Vec<Value> {
    let mut projects = rec["projects"].as_array().cloned().unwrap_or_default();
    if let Some(rows) = rec["department_indicators"]
        .as_array()
        .filter(|r| !r.is_empty())
    {
        projects.insert(
            0,
            serde_json::json!({"name": "部门整体", "indicators": rows}),
        );
    }
    projects
}

impl Score {
    pub fn add(&mut self, gold: &Value, out: &Value) {
        let (gp, op) = (with_department(gold), with_department(out));
        self.gold_projects += gp.len();
        self.out_projects += op.len();
        self.gold_rows += gp.iter().map(|p| rows(p).len()).sum::<usize>();
        self.out_rows += op.iter().map(|p| rows(p).len()).sum::<usize>();
        let names = |ps: &[Value]| ps.iter().map(|p| text(&p["name"])).collect::<Vec<_>>();
        let ppairs = matching(&names(&gp), &names(&op), 0.6);
        self.matched_projects += ppairs.len();
        for (gi, g) in gp.iter().enumerate() {
            let Some(&(_, oi)) = ppairs.iter().find(|(x, _)| *x == gi) else {
                self.mismatches
                    .push(format!("project missing: {}", g["name"]));
                continue;
            };
            let (gr, or) = (rows(g), rows(&op[oi]));
            let keys = |rs: &[Value]| rs.iter().map(row_key).collect::<Vec<_>>();
            let rpairs = matching(&keys(&gr), &keys(&or), 0.5);
            for (ri, grow) in gr.iter().enumerate() {
                let Some(&(_, rj)) = rpairs.iter().find(|(x, _)| *x == ri) else {
                    self.mismatches
                        .push(format!("{} row {} missing: {}", g["name"], ri + 1, grow));
                    continue;
                };
                let orow = &or[rj];
                let fields = ROW_FIELDS
                    .iter()
                    .chain(EVAL_FIELDS.iter().filter(|f| grow.get(**f).is_some()));
                let wrong: Vec<String> = fields
                    .filter(|f| !same(&grow[**f], &orow[**f]))
                    .map(|f| format!("{f}: want {} got {}", grow[*f], orow[*f]))
                    .collect();
                if wrong.is_empty() {
                    self.exact_rows += 1;
                } else {
                    self.mismatches.push(format!(
                        "{} row {}: {}",
                        g["name"],
                        ri + 1,
                        wrong.join("; ")
                    ));
                }
            }
        }
    }

    fn f1(tp: usize, n_out: usize, n_gold: usize) -> f64 {
        let p = if n_out == 0 {
            if n_gold == 0 {
                1.0
            } else {
                0.0
            }
        } else {
            tp as f64 / n_out as f64
        };
        let r = if n_gold == 0 {
            1.0
        } else {
            tp as f64 / n_gold as f64
        };
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    pub fn row_f1(&self) -> f64 {
        Self::f1(self.exact_rows, self.out_rows, self.gold_rows)
    }

    pub fn project_f1(&self) -> f64 {
        Self::f1(self.matched_projects, self.out_projects, self.gold_projects)
    }
}

#[cfg(test)]
mod tests {
    use super::similarity;

    #[test]
    fn similarity_is_difflibs_ratio() {
        // Values from Python's difflib.SequenceMatcher(None, a, b, autojunk=False).ratio().
        assert_eq!(similarity("abcd", "bcde"), 0.75);
        assert_eq!(similarity("", ""), 1.0);
        assert!((similarity("安全生产专项经费", "安全生产经费") - 0.857142857).abs() < 1e-6);
        assert_eq!(similarity("abc", "xyz"), 0.0);
    }
}
