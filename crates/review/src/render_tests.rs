//! The review's reports through the one set of renderers (`jixiao-rules`): what a reviewer
//! reads of the review's findings in each format.

use jixiao_rules::{render_html, render_json, render_text, Rule};
use serde_json::{json, Value};

use crate::testkit::*;

/// A project whose second row copies its name into the target (JX-M002).
fn copied_target() -> jixiao_model::Project {
    let mut p = good_project();
    p.indicators[1] = ind(
        "产出指标",
        "质量指标",
        "工作任务完成情况",
        "工作任务完成情况",
        "工作任务完成情况",
        "计划",
    );
    p
}

#[test]
fn text_groups_by_project_and_colours_only_on_request() {
    let r = run(&doc(vec![good_project(), copied_target()]));
    assert_eq!(r.of(Rule::M002).count(), 1);
    let plain = render_text(&[("a.txt", &r)], false);
    assert!(plain.contains("═══ a.txt"), "{plain}");
    assert!(
        plain.contains("项目2　安全生产宣传（P-1）　第200行"),
        "{plain}"
    );
    assert!(
        plain.contains("  错误 JX-M002 指标值照抄指标名称　第2行指标 · 第211行第5列 · 指标值"),
        "{plain}"
    );
    assert!(plain.contains("建议："));
    assert!(!plain.contains('\x1b'));
    let coloured = render_text(&[("a.txt", &r)], true);
    assert!(coloured.contains("\x1b[1;31m错误\x1b[0m"));
}

#[test]
fn schema_is_stable() {
    let r = run(&doc(vec![copied_target()]));
    let v: Value = serde_json::from_str(&render_json(&[("a.txt", &r)])).unwrap();
    assert_eq!(v["schema_version"], 2);
    assert_eq!(v["totals"]["error"], 1);
    let d = &v["documents"][0];
    assert_eq!(d["file"], "a.txt");
    assert_eq!(d["year"], 2020);
    assert_eq!(d["framework"], "classic");
    assert_eq!(d["score"]["value"], 90);
    assert_eq!(d["projects"][0]["name"], "安全生产宣传");
    assert_eq!(d["summary"][0]["rule"], "JX-M002");
    let f = &d["findings"][0];
    assert_eq!(f["id"], "JX-M002@p0.r2.l111.c5");
    assert_eq!(f["rule_set"], "review");
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

#[test]
fn html_is_standalone_and_escaped() {
    let mut p = copied_target();
    p.name.value = "<script>alert(1)</script>".into();
    let r = run(&doc(vec![p]));
    let h = render_html(&[("a.txt", &r)]);
    assert!(
        h.starts_with("<!DOCTYPE html>") && h.contains("lang=\"zh-CN\"") && h.contains("<style>")
    );
    assert!(!h.contains("<script>") && h.contains("&lt;script&gt;"));
    assert!(
        !h.contains("http://") && !h.contains("https://"),
        "no external resources"
    );
    assert!(h.contains("JX-M002") && h.contains("按规则汇总") && h.contains("建议："));
    assert!(h.contains("<tr id=\"JX-M002@p0.r2.l111.c5\">"));
}
