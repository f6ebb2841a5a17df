//! `jixiao check` and `jixiao rules`: the review engine from the command line.

use serde_json::Value;

use crate::util::{fixtures, jixiao};

fn seed(name: &str) -> String {
    fixtures().join("seeds").join(name).display().to_string()
}

#[test]
fn json_report_locates_findings() {
    let out = jixiao(&[
        "check",
        "--format",
        "json",
        &seed("003_dc947c097ca44fd8.txt"),
    ]);
    // 003 has errors (targets that are not targets), so the exit code says so.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let text = report.to_string();
    assert!(
        text.contains("工作任务完成情况"),
        "the copy-pasted target is quoted"
    );
    assert!(
        text.contains("\"line\""),
        "findings carry their source line"
    );
}

#[test]
fn text_and_html_reports() {
    let out = jixiao(&["check", &seed("000_c2d12ba55cbeb785.txt")]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("临汛字【20196】4号"),
        "the impossible year is reported: {text}"
    );
    assert!(!text.contains("\u{1b}["), "no colour when not a terminal");
    let out = jixiao(&[
        "check",
        "--format",
        "html",
        &seed("002_cab738b0acffaaf0.txt"),
    ]);
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"));
    assert!(html.contains("门源县应急管理局"));
}

#[test]
fn bad_config_is_named() {
    let dir = std::env::temp_dir().join(format!("jixiao-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cfg = dir.join("rules.toml");
    std::fs::write(&cfg, "framework = \"nonsense\"\n").unwrap();
    let out = jixiao(&[
        "check",
        "--config",
        cfg.to_str().unwrap(),
        &seed("000_c2d12ba55cbeb785.txt"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("rules.toml") && err.contains("framework"),
        "{err}"
    );
}

#[test]
fn rules_lists_the_catalogue() {
    let out = jixiao(&["rules"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let count = text.lines().filter(|l| l.starts_with("JX-")).count();
    assert!(count >= 30, "{count} rules");
}

#[test]
fn budget_disclosure_is_read_and_checked() {
    let file = seed("004_ef264869df8a45bf.txt");
    let out = jixiao(&["extract", "--format", "json", &file]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        doc["disclosure"]["procurement"].is_object() || doc["disclosure"]["procurement"].is_array()
    );
    let out = jixiao(&["check", "--format", "json", &file]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["schema_version"], 2);
    let findings = report["documents"][0]["findings"].as_array().unwrap();
    let found = of_rule_set(findings, "disclosure");
    let rules: Vec<&str> = found.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(
        rules.iter().filter(|r| **r == "JX-D017").count(),
        3,
        "{rules:?}"
    );
    // Disclosure findings are findings like any other: located, counted, with stable ids.
    assert_eq!(found[1]["id"], "JX-D017@l502");
    assert_eq!(found[2]["id"], "JX-D017@l502.n2");
    assert_eq!(found[1]["location"]["part"], "国有资产");
    let mut ids: Vec<&str> = findings.iter().map(|f| f["id"].as_str().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), findings.len(), "ids are unique in a document");
    let warnings = findings
        .iter()
        .filter(|f| f["severity"] == "warning")
        .count();
    assert_eq!(report["documents"][0]["counts"]["warning"], warnings);
    // Documents without a disclosure carry none.
    let out = jixiao(&[
        "check",
        "--format",
        "json",
        &seed("000_c2d12ba55cbeb785.txt"),
    ]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = report["documents"][0]["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    assert_eq!(of_rule_set(findings, "disclosure"), Vec::<&Value>::new());
    assert!(findings.iter().all(|f| f["rule_set"] == "review"));
}

fn of_rule_set<'a>(findings: &'a [Value], set: &str) -> Vec<&'a Value> {
    findings.iter().filter(|f| f["rule_set"] == set).collect()
}

#[test]
fn every_finding_in_every_format() {
    let file = seed("004_ef264869df8a45bf.txt");
    let text = String::from_utf8(jixiao(&["check", &file]).stdout).unwrap();
    let html = String::from_utf8(jixiao(&["check", "--format", "html", &file]).stdout).unwrap();
    assert_eq!(
        text.matches("警告 JX-D017 资产占比与金额不符　国有资产 · 第502行")
            .count(),
        3
    );
    assert_eq!(
        html.matches("<td class=\"rule\">JX-D017<br>资产占比与金额不符</td>")
            .count(),
        3
    );
    for shown in [&text, &html] {
        assert!(shown.contains("部门预算公开"), "{shown}");
        assert!(shown.contains("第502行：家具用具9.93万元占总额74.5万元的13.33%，文中写作13.2%。"));
        assert!(shown.contains("建议：按金额除以总额重新计算占比。"));
    }
    assert!(html.contains("<tr id=\"JX-D017@l502.n3\">"));
    // The grade counts every finding, the disclosure's included (issue 16), and says why:
    // no budget printed for any of the 21 projects sends the targets back.
    assert!(text.contains("得分 71（中）"), "{text}");
    assert!(text.contains("为什么是“中”\n  得分71：21个项目平均90分，不属于任何项目的问题（含部门预算公开）扣19分"), "{text}");
    assert!(html.contains("<h3>为什么是“中”</h3>"));
}

#[test]
fn rules_lists_one_catalogue_with_every_rule_set() {
    let text = String::from_utf8(jixiao(&["rules"]).stdout).unwrap();
    let review = text.find("══ 绩效目标审核").unwrap();
    let disclosure = text.find("══ 部门预算公开").unwrap();
    assert!(review < text.find("JX-C001").unwrap() && disclosure < text.find("JX-D001").unwrap());
    // One layout: every rule's head line is `id  severity  title`.
    for id in [
        "JX-C001  警告  缺少一级指标",
        "JX-D017  警告  资产占比与金额不符",
    ] {
        assert!(text.contains(&format!("\n{id}\n")), "{id}");
    }
}

#[test]
fn budget_disclosure_exports() {
    let dir = crate::util::temp_dir("disclosure-export");
    let html = dir.join("公开.html");
    let out = jixiao(&[
        "export",
        &seed("004_ef264869df8a45bf.txt"),
        "--format",
        "disclosure-html",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("政府采购") && page.contains("170.62"));
    let xlsx = dir.join("公开.xlsx");
    let out = jixiao(&[
        "export",
        &seed("004_ef264869df8a45bf.txt"),
        "--format",
        "disclosure-xlsx",
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let out = jixiao(&[
        "export",
        &seed("000_c2d12ba55cbeb785.txt"),
        "--format",
        "disclosure-html",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有部门预算公开内容"));
}
