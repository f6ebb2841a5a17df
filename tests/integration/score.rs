//! Scoring an extraction record against a golden one, as `../shared/tools/score-extraction`
//! does. Shared with the office crate's tests (`crates/office/tests/support`), which include
//! this file by path.

use serde_json::Value;

/// Text without any white space, as the extraction record is compared.
pub fn norm(v: &Value) -> Value {
    match v {
        Value::String(s) => {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
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

const ROW_FIELDS: [&str; 6] = [
    "level1",
    "level2",
    "level3",
    "description",
    "target",
    "basis",
];

/// Counts as `../shared/tools/score-extraction` does: projects matched by name, indicator
/// rows exact when all six fields agree.
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
        let mut used = vec![false; op.len()];
        for g in &gp {
            let Some(oi) =
                (0..op.len()).find(|&i| !used[i] && norm(&op[i]["name"]) == norm(&g["name"]))
            else {
                self.mismatches
                    .push(format!("project missing: {}", g["name"]));
                continue;
            };
            used[oi] = true;
            self.matched_projects += 1;
            let (gr, or) = (rows(g), rows(&op[oi]));
            let mut row_used = vec![false; or.len()];
            for (ri, grow) in gr.iter().enumerate() {
                let exact = (0..or.len()).find(|&j| {
                    !row_used[j] && ROW_FIELDS.iter().all(|f| norm(&grow[f]) == norm(&or[j][f]))
                });
                match exact {
                    Some(j) => {
                        row_used[j] = true;
                        self.exact_rows += 1;
                    }
                    None => self
                        .mismatches
                        .push(format!("{} row {}: {}", g["name"], ri + 1, grow)),
                }
            }
        }
    }

    fn f1(tp: usize, n_out: usize, n_gold: usize) -> f64 {
        let p = if n_out == 0 {
            0.0
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
