//! JSON for machines. The schema is documented in the crate README; bump
//! [`SCHEMA_VERSION`] on any incompatible change.

use serde_json::{json, Value};

use crate::catalogue::severity_name;
use crate::report::{Counts, Report};

/// Version of the JSON layout produced by [`render_json`].
pub const SCHEMA_VERSION: u32 = 1;

/// Renders reports as one JSON object: `{schema_version, documents: [...], totals}`.
pub fn render_json(reports: &[(&str, &Report)]) -> String {
    let mut totals = Counts::default();
    let documents: Vec<Value> = reports
        .iter()
        .map(|(file, r)| {
            totals.error += r.counts.error;
            totals.warning += r.counts.warning;
            totals.info += r.counts.info;
            let mut doc = serde_json::to_value(r).unwrap_or(Value::Null);
            if let Value::Object(map) = &mut doc {
                map.insert("file".into(), json!(file));
                if let Some(Value::Array(findings)) = map.get_mut("findings") {
                    for (f, v) in r.findings.iter().zip(findings.iter_mut()) {
                        if let Value::Object(fm) = v {
                            fm.insert("severity_name".into(), json!(severity_name(f.severity)));
                            fm.insert("category_name".into(), json!(f.category.name()));
                            fm.insert("project_name".into(), json!(r.project_name(f)));
                        }
                    }
                }
            }
            doc
        })
        .collect();
    let out = json!({
        "schema_version": SCHEMA_VERSION,
        "tool": "jixiao-review",
        "documents": documents,
        "totals": { "documents": reports.len(), "error": totals.error, "warning": totals.warning, "info": totals.info },
    });
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::*;

    #[test]
    fn schema_is_stable() {
        let mut p = good_project();
        p.indicators[1] = ind(
            "产出指标",
            "质量指标",
            "工作任务完成情况",
            "工作任务完成情况",
            "工作任务完成情况",
            "计划",
        );
        let r = run(&doc(vec![p]));
        let v: Value = serde_json::from_str(&render_json(&[("a.txt", &r)])).unwrap();
        assert_eq!(v["schema_version"], 1);
        assert_eq!(v["totals"]["error"], 1);
        let d = &v["documents"][0];
        assert_eq!(d["file"], "a.txt");
        assert_eq!(d["year"], 2020);
        assert_eq!(d["framework"], "classic");
        assert_eq!(d["score"]["value"], 90);
        assert_eq!(d["projects"][0]["name"], "安全生产宣传");
        assert_eq!(d["summary"][0]["rule"], "JX-M002");
        let f = &d["findings"][0];
        assert_eq!(f["rule"], "JX-M002");
        assert_eq!(f["severity"], "error");
        assert_eq!(f["severity_name"], "错误");
        assert_eq!(f["category"], "measurability");
        assert_eq!(f["category_name"], "可衡量");
        assert_eq!(f["project_name"], "安全生产宣传");
        assert_eq!(
            f["location"],
            json!({"project": 0, "row": 2, "line": 111, "cell": 5, "field": "指标值"})
        );
        assert_eq!(
            f["quotes"][1],
            json!({"field": "指标值", "value": "工作任务完成情况"})
        );
        assert!(f["suggestion"].is_string());
    }
}
