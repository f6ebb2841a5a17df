//! Consistency rules for a disclosure (`JX-D001`…): totals against their parts, stated
//! changes against the two years, figures restated elsewhere, procurement against the
//! target tables, asset shares against amounts.
//!
//! The rules are data ([`CATALOGUE`]), as in `jixiao-review`; the checks only find where a
//! rule applies and fill the message with the place and the printed figures. The review
//! engine's `Finding` names a rule of its own closed catalogue, so findings here are this
//! crate's [`Finding`], serialised in the same JSON shape as the review report's findings.

mod assets;
mod budget;
mod procurement;

use jixiao_model::{Decimal, Document, Money, Severity};
use serde::Serialize;

use crate::model::Disclosure;

const OPEN_RULES: &str =
    "《地方预决算公开操作规程》（财预〔2016〕143号）：公开的预算数据应真实、准确、前后一致";
const PROCUREMENT_RULES: &str = "《政府采购法实施条例》第二十九条：采购人应当根据集中采购目录、采购限额标准和已批复的部门预算编制政府采购实施计划";
const TARGET_RULES: &str =
    "财预〔2015〕88号《中央部门预算绩效目标管理办法》：绩效目标与部门预算相匹配";

/// One entry of the catalogue.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleInfo {
    #[serde(skip)]
    pub rule: Rule,
    pub id: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    /// Message template with `{name}` placeholders.
    pub message: &'static str,
    /// Suggested fix.
    pub fix: &'static str,
    /// 依据。
    pub standard: &'static str,
}

macro_rules! catalogue {
    ($( $variant:ident = $id:literal, $sev:ident, $title:literal, $msg:literal, $fix:literal, $std:expr; )*) => {
        /// Disclosure rules; `Rule::D001` is `JX-D001`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule { $($variant),* }

        /// 预算公开一致性规则目录。
        pub const CATALOGUE: &[RuleInfo] = &[
            $( RuleInfo { rule: Rule::$variant, id: $id, severity: Severity::$sev, title: $title,
                          message: $msg, fix: $fix, standard: $std } ),*
        ];
    };
}

catalogue! {
    D001 = "JX-D001", Error, "分项之和与合计不符",
        "{at}：{whole}为{total}，而{parts}之和为{sum}。", "核对合计数与各分项金额。", OPEN_RULES;
    D002 = "JX-D002", Error, "增减额与两年之差不符",
        "{at}：{item}本年{amount}、上年{previous}，相差{diff}，文中却写“{stated}”。", "按本年数减上年数重新计算增减额。", OPEN_RULES;
    D003 = "JX-D003", Error, "增减额与其构成不符",
        "{at}：{whole}{change}，而{parts}的增减额之和为{sum}。", "核对总增减额与各部分的增减额。", OPEN_RULES;
    D004 = "JX-D004", Error, "同一数字前后不一致",
        "{item}在{first_at}（{first_kind}）为{first}，在{at}（{kind}）却为{value}。", "统一各处所列的同一数字。", OPEN_RULES;
    D005 = "JX-D005", Error, "推算的上年数为负",
        "{at}：{item}本年{amount}，“{stated}”，推算上年为{previous}，金额不可能为负。", "核对本年数与增减额的方向和金额。", OPEN_RULES;
    D006 = "JX-D006", Warning, "项目支出与项目预算之和不符",
        "{at}：项目支出为{project}，绩效目标表中{count}个项目的预算数之和为{sum}。", "核对项目支出预算与各项目的预算数。", TARGET_RULES;
    D007 = "JX-D007", Error, "采购明细之和与小计不符",
        "第{line}行：{unit}小计的{column}为{subtotal}，其下{count}行明细之和为{sum}。", "核对小计与各采购明细。", OPEN_RULES;
    D008 = "JX-D008", Error, "采购小计之和与合计不符",
        "第{line}行：政府采购合计的{column}为{total}，各单位小计之和为{sum}。", "核对合计与各单位小计。", OPEN_RULES;
    D009 = "JX-D009", Error, "数量乘单价与金额不符",
        "第{line}行：“{item}”数量{quantity}×单价{price}为{product}，金额却为{amount}。", "核对数量、单价与金额。", PROCUREMENT_RULES;
    D010 = "JX-D010", Error, "资金来源之和与合计不符",
        "第{line}行：{row}的合计为{total}，各资金来源之和为{sum}。", "核对合计与各资金来源金额。", OPEN_RULES;
    D011 = "JX-D011", Error, "采购说明与采购表不符",
        "{at}：文字说明的{what}为{stated}，政府采购表第{line}行为{table}。", "统一文字说明与政府采购表。", OPEN_RULES;
    D012 = "JX-D012", Warning, "采购项目不在绩效目标中",
        "{at}：政府采购项目来源“{project}”不是本文档绩效目标表中的项目。", "核对项目名称，或补充该项目的绩效目标。", PROCUREMENT_RULES;
    D013 = "JX-D013", Error, "同一项目的预算资金不一致",
        "{at}：项目“{project}”的预算资金为{value}，{first_at}却为{first}。", "统一同一项目的预算资金。", OPEN_RULES;
    D014 = "JX-D014", Error, "采购金额超过项目预算",
        "{at}：项目“{project}”的政府采购金额之和{sum}超过其预算资金{budget}。", "采购金额不应超过项目预算，请核对金额。", PROCUREMENT_RULES;
    D015 = "JX-D015", Error, "资产构成之和与总额不符",
        "{at}：固定资产总额为{total}，{parts}之和为{sum}。", "核对资产总额与各类别金额。", OPEN_RULES;
    D016 = "JX-D016", Error, "资产占比合计不为100%",
        "{at}：固定资产各类别占比合计为{sum}%，应为100%。", "按各类别金额除以总额重新计算占比。", OPEN_RULES;
    D017 = "JX-D017", Warning, "资产占比与金额不符",
        "{at}：{name}{amount}占总额{total}的{computed}%，文中写作{share}%。", "按金额除以总额重新计算占比。", OPEN_RULES;
    D018 = "JX-D018", Error, "资产表分项之和与总额不符",
        "第{line}行：资产表的资产总额为{total}，{parts}之和为{sum}。", "核对资产总额与各项价值。", OPEN_RULES;
    D019 = "JX-D019", Error, "资产表与文字说明不符",
        "第{line}行：资产表的{row}为{table}，文字说明（{at}）为{prose}。", "统一资产表与文字说明。", OPEN_RULES;
    D020 = "JX-D020", Info, "拟购置资产未列入政府采购预算",
        "{at}：国有资产说明本年拟购置“{item}”{quantity}，政府采购预算表中没有相应的采购物品。", "核对该资产是否应编入政府采购预算。", PROCUREMENT_RULES;
    D021 = "JX-D021", Info, "采购说明所列品目不在采购表中",
        "{at}：政府采购说明列有“{category}”，政府采购预算表的采购物品中没有这一类（表中为{items}）。", "统一文字说明与政府采购表的品目。", OPEN_RULES;
    D022 = "JX-D022", Error, "财政拨款与收入预算不符",
        "{at}：财政拨款收支为{fiscal}，收入预算中的财政拨款（{parts}）之和为{sum}。", "核对财政拨款合计与收入预算中的各项拨款。", OPEN_RULES;
}

impl Rule {
    pub fn info(self) -> &'static RuleInfo {
        &CATALOGUE[self as usize]
    }
    pub fn id(self) -> &'static str {
        self.info().id
    }
}

/// Where a finding points: the disclosure part, and the printed line (and cell).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// 所在部分（收支预算、“三公”经费、政府采购、国有资产）。
    pub part: &'static str,
    /// Line in the source file (from 1); 0 when unknown.
    pub line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<u32>,
}

/// A figure quoted as evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub field: String,
    pub value: String,
}

/// One inconsistency found. Serialises like a `jixiao-review` finding (rule, title,
/// category, severity, message, location, quotes, suggestion).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    #[serde(skip)]
    pub rule: Rule,
    #[serde(rename = "rule")]
    pub rule_id: &'static str,
    /// Always `consistency` (一致性).
    pub category: &'static str,
    pub category_name: &'static str,
    pub severity: Severity,
    pub severity_name: &'static str,
    pub title: &'static str,
    pub message: String,
    pub location: Location,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Quote>,
    pub suggestion: &'static str,
}

/// Findings being collected.
#[derive(Default)]
pub(crate) struct Findings(pub Vec<Finding>);

impl Findings {
    pub fn emit(&mut self, rule: Rule, location: Location, args: &[(&str, String)]) {
        let info = rule.info();
        self.0.push(Finding {
            rule,
            rule_id: info.id,
            category: "consistency",
            category_name: "一致性",
            severity: info.severity,
            severity_name: match info.severity {
                Severity::Error => "错误",
                Severity::Warning => "警告",
                Severity::Info => "提示",
            },
            title: info.title,
            message: fill(info.message, args),
            location,
            quotes: args
                .iter()
                .filter(|(k, _)| *k != "at" && *k != "line")
                .map(|(k, v)| Quote {
                    field: quote_name(k).to_string(),
                    value: v.clone(),
                })
                .collect(),
            suggestion: info.fix,
        });
    }
}

/// The catalogue as text, one rule per paragraph (for `jixiao rules`).
pub fn catalogue_text() -> String {
    let mut out = String::new();
    for r in CATALOGUE {
        let severity = match r.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        };
        out.push_str(&format!(
            "{} [{}] {}\n  {}\n  建议：{}\n  依据：{}\n",
            r.id, severity, r.title, r.message, r.fix, r.standard
        ));
    }
    out
}

/// The Chinese name of a message placeholder, as a quote's field.
fn quote_name(key: &str) -> &str {
    const NAMES: &[(&str, &str)] = &[
        ("whole", "合计项"),
        ("total", "合计"),
        ("parts", "分项"),
        ("sum", "分项之和"),
        ("item", "项目"),
        ("amount", "本年数"),
        ("previous", "上年数"),
        ("diff", "两年之差"),
        ("stated", "文中所写"),
        ("change", "增减额"),
        ("first_at", "首次所在位置"),
        ("first_kind", "首次所在说明"),
        ("first", "首次所列"),
        ("kind", "所在说明"),
        ("value", "所列数"),
        ("project", "项目"),
        ("count", "个数"),
        ("unit", "单位"),
        ("column", "列"),
        ("subtotal", "小计"),
        ("quantity", "数量"),
        ("price", "单价"),
        ("product", "数量×单价"),
        ("row", "行"),
        ("what", "内容"),
        ("table", "表中数"),
        ("category", "品目"),
        ("items", "表中采购物品"),
        ("name", "类别"),
        ("computed", "按金额计算的占比"),
        ("share", "文中占比"),
        ("fiscal", "财政拨款"),
        ("budget", "预算资金"),
        ("prose", "文字说明"),
    ];
    NAMES
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, name)| name)
}

/// Fills `{name}` placeholders.
fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// `861.04万元`, with the printed places.
pub(crate) fn wan(m: Money) -> String {
    format!("{}万元", m.0)
}

/// `增加193.79万元`, `减少5.39万元`, `无变化`.
pub(crate) fn change_words(m: Money) -> String {
    if m.0.is_zero() {
        "无变化".into()
    } else if m.0.is_sign_negative() {
        format!("减少{}万元", -m.0)
    } else {
        format!("增加{}万元", m.0)
    }
}

/// Decimal places printed.
pub(crate) fn places(d: Decimal) -> u32 {
    d.scale()
}

/// One unit of the last printed place: 0.01 for `34.50`, 0.1 for `13.2`, 1 for `100`.
pub(crate) fn unit_of_last_place(d: Decimal) -> Decimal {
    Decimal::new(1, places(d))
}

/// Checks a disclosure against itself and against the document's target tables (project
/// names and budgets). Findings come in disclosure order.
pub fn check(disclosure: &Disclosure, document: &Document) -> Vec<Finding> {
    let mut out = Findings::default();
    budget::check(disclosure, document, &mut out);
    procurement::check(disclosure, document, &mut out);
    assets::check(disclosure, &mut out);
    procurement::planned_purchases(disclosure, &mut out);
    out.0
}

#[cfg(test)]
pub(crate) mod testkit;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_consistent() {
        for (i, r) in CATALOGUE.iter().enumerate() {
            assert_eq!(r.rule as usize, i, "{} out of order", r.id);
            assert_eq!(r.id, format!("JX-D{:03}", i + 1));
            assert!(!r.title.is_empty() && !r.fix.is_empty() && !r.standard.is_empty());
        }
    }

    #[test]
    fn every_placeholder_has_a_chinese_quote_name() {
        for r in CATALOGUE {
            let mut rest = r.message;
            while let Some(open) = rest.find('{') {
                let close = rest[open..].find('}').unwrap() + open;
                let key = &rest[open + 1..close];
                if key != "at" && key != "line" {
                    assert_ne!(quote_name(key), key, "{} {{{key}}}", r.id);
                }
                rest = &rest[close + 1..];
            }
        }
    }

    #[test]
    fn catalogue_as_text() {
        let text = catalogue_text();
        assert!(text.starts_with("JX-D001 [错误] 分项之和与合计不符\n"));
        assert_eq!(text.matches("\n  依据：").count(), CATALOGUE.len());
    }

    #[test]
    fn words_for_figures() {
        let d = |s: &str| Money(s.parse().unwrap());
        assert_eq!(wan(d("0.50")), "0.50万元");
        assert_eq!(change_words(d("-5.39")), "减少5.39万元");
        assert_eq!(change_words(d("193.79")), "增加193.79万元");
        assert_eq!(change_words(d("0")), "无变化");
        assert_eq!(
            unit_of_last_place("34.50".parse().unwrap()),
            "0.01".parse().unwrap()
        );
        assert_eq!(
            fill("{a}与{b}", &[("a", "甲".into()), ("b", "乙".into())]),
            "甲与乙"
        );
    }
}
