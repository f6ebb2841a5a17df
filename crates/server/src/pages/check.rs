//! Live validation of the typed target input (htmx asks as the user types): the form's
//! operator, number, unit or qualitative text become the printed 指标值, which must parse,
//! and the row is then run through the review rules (jixiao-review) to show what a
//! reviewer would flag on it — before anything is saved.

use std::str::FromStr;

use axum::response::{Html, IntoResponse, Response};
use jixiao_model::{
    Document, Indicator, IndicatorLevel, Level1, Level2, Located, Origin, Project, Target, TargetValue,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::render::{render, PageQuery};

/// The editor's fields (all text, as typed).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct TargetForm {
    #[serde(default)]
    pub level1: String,
    #[serde(default)]
    pub level2: String,
    #[serde(default)]
    pub level3: String,
    /// ≥ > = ≤ < 约，或“定性”（文字指标值）
    #[serde(default)]
    pub op: String,
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub text: String,
}

/// 校验结果：拼成的指标值、阻止保存的错误、审核规则的提示。
#[derive(Debug, Default, Serialize, PartialEq)]
pub struct Verdict {
    pub printed: String,
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
}

const OPERATORS: [&str; 6] = ["≥", ">", "=", "≤", "<", "约"];

pub fn verdict(f: &TargetForm) -> Verdict {
    let mut v = Verdict::default();
    if f.level3.trim().is_empty() {
        v.errors.push("请填写三级指标名称。".into());
    }
    let op = f.op.trim();
    if op == "定性" {
        let text = f.text.trim();
        if text.is_empty() {
            v.errors.push("定性指标请填写指标值文字，如“明显提升”。".into());
        }
        v.printed = text.to_string();
    } else if OPERATORS.contains(&op) {
        let number = f.number.trim();
        match Decimal::from_str(number) {
            Ok(_) if number.starts_with('-') => v.errors.push(format!("指标值的数值不能为负数，实际为“{number}”。")),
            Ok(_) => {}
            Err(_) if number.is_empty() => v.errors.push("请填写指标值的数值。".into()),
            Err(_) => v.errors.push(format!("指标值的数值应为数字（如 95 或 12.5），实际为“{number}”。")),
        }
        let unit = f.unit.trim();
        if unit.chars().count() > 10 {
            v.errors.push("计量单位最多 10 个字。".into());
        }
        let shown_op = if op == "=" { "" } else { op };
        v.printed = format!("{shown_op}{number}{unit}");
    } else {
        v.errors.push("请选择指标值的比较符号（≥、≤ 等）或“定性”。".into());
    }
    if !v.errors.is_empty() {
        return v;
    }
    let target = Target::parse(&v.printed);
    if let TargetValue::Other { reason } = &target.value {
        v.errors.push(format!("指标值“{}”无法识别：{reason}", v.printed));
        return v;
    }
    v.warnings = review_row(f, target);
    v
}

/// Runs the review rules on a one-row table and keeps what they say about that row.
fn review_row(f: &TargetForm, target: Target) -> Vec<String> {
    let row = Origin::line(3);
    let level1 = f.level1.trim();
    let level2 = f.level2.trim();
    let indicator = Indicator {
        level1: IndicatorLevel { category: Level1::from_printed(level1), printed: Located::new(level1.to_string(), row), inherited: false },
        level2: IndicatorLevel { category: Level2::from_printed(level2), printed: Located::new(level2.to_string(), row), inherited: false },
        level3: Some(Located::new(f.level3.trim().to_string(), row)),
        description: None,
        target: Some(Located::new(target, row)),
        basis: None,
        weight: None,
        at: row,
        evaluation: None,
    };
    let project = Project {
        name: Located::new("（校验）".to_string(), Origin::line(1)),
        indicators: vec![indicator],
        at: Origin::line(1),
        ..Project::default()
    };
    let doc = Document { source: "校验".into(), projects: vec![project], ..Document::default() };
    let report = jixiao_review::review(&doc, &jixiao_review::Config::default());
    report
        .findings
        .iter()
        .filter(|x| x.location.line == row.line)
        .map(|x| format!("{}（{}）", x.message, x.rule_id))
        .collect()
}

pub async fn target(PageQuery(f): PageQuery<TargetForm>) -> Response {
    let v = verdict(&f);
    match render("check_target.html", minijinja::context! { v }) {
        Ok(html) => html.into_response(),
        // The template failed (a bug, caught by tests): the one line that is not a template.
        Err(e) => Html(format!("<p class=\"error\">校验暂时不可用：{}</p>", jixiao_model::text::escape_html(&format!("{e:?}")))).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(op: &str, number: &str, unit: &str, text: &str) -> TargetForm {
        TargetForm {
            level1: "产出指标".into(),
            level2: "数量指标".into(),
            level3: "培训人次".into(),
            op: op.into(),
            number: number.into(),
            unit: unit.into(),
            text: text.into(),
        }
    }

    #[test]
    fn typed_values_become_printed_targets_or_chinese_errors() {
        let cases: &[(TargetForm, &str, &[&str])] = &[
            (form("≥", "95", "%", ""), "≥95%", &[]),
            (form("=", "120", "人次", ""), "120人次", &[]),
            (form("≥", "abc", "%", ""), "≥abc%", &["指标值的数值应为数字（如 95 或 12.5），实际为“abc”。"]),
            (form("≤", "", "天", ""), "≤天", &["请填写指标值的数值。"]),
            (form("≥", "-3", "个", ""), "≥-3个", &["指标值的数值不能为负数，实际为“-3”。"]),
            (form("定性", "", "", "明显提升"), "明显提升", &[]),
            (form("定性", "", "", " "), "", &["定性指标请填写指标值文字，如“明显提升”。"]),
            (form("", "", "", ""), "", &["请选择指标值的比较符号（≥、≤ 等）或“定性”。"]),
        ];
        for (f, printed, errors) in cases {
            let v = verdict(f);
            assert_eq!(v.printed, *printed, "{f:?}");
            assert_eq!(v.errors, errors.iter().map(|e| e.to_string()).collect::<Vec<_>>(), "{f:?}");
        }
    }

    #[test]
    fn review_rules_speak_about_the_row() {
        let cases: &[(TargetForm, &[&str])] = &[
            // A target that repeats the indicator's name is what reviewers return most often.
            (form("定性", "", "", "培训人次"), &["指标值“培训人次”与三级指标完全相同，没有给出目标值。（JX-M002）"]),
            (form("≥", "95", "%", ""), &["三级指标“培训人次”按人次计，指标值“≥95%”却以“%”计。（JX-M008）"]),
            (form("≥", "1200", "人次", ""), &[]),
        ];
        for (f, expected) in cases {
            let v = verdict(f);
            assert!(v.errors.is_empty(), "{v:?}");
            assert_eq!(v.warnings, expected.iter().map(|w| w.to_string()).collect::<Vec<_>>(), "{f:?}");
        }
    }
}
