//! Consistency rules for a disclosure (`JX-D001`…): totals against their parts, stated
//! changes against the two years, figures restated elsewhere, procurement against the
//! target tables, asset shares against amounts.
//!
//! This is the disclosure rule set ([`RuleSet::Disclosure`]) of the one rule engine,
//! `jixiao-rules`: the rules' texts are in its catalogue, the checks here only find where a
//! rule applies, and every finding is a [`Finding`] emitted through [`Settings::emit`], so
//! the same renderers, configuration and store take review and disclosure findings alike.
//! Every value a message names is quoted with its Chinese name.

mod assets;
mod budget;
mod procurement;

use jixiao_model::{Decimal, Document, Money};
use jixiao_rules::{Finding, Quote, RuleSet, Settings};
pub(crate) use jixiao_rules::{Location, Rule};

use crate::model::Disclosure;

/// Where a disclosure finding points: the part and the printed line (and cell).
pub(crate) fn at(part: &'static str, line: u32, cell: Option<u32>) -> Location {
    Location {
        part: Some(part),
        line,
        cell,
        ..Location::default()
    }
}

/// Findings being collected, under the rule settings.
pub(crate) struct Findings<'s> {
    settings: &'s Settings,
    list: Vec<Finding>,
}

impl Findings<'_> {
    /// Records a finding of `rule`: the message filled from `args`, and every argument but the
    /// place (`at`, `line`) quoted under its Chinese name.
    pub fn emit(&mut self, rule: Rule, location: Location, args: &[(&'static str, String)]) {
        debug_assert_eq!(rule.set(), RuleSet::Disclosure);
        if !self.settings.enabled(rule) {
            return;
        }
        let quotes = args
            .iter()
            .filter(|(k, _)| *k != "at" && *k != "line")
            .map(|(k, v)| Quote {
                field: quote_name(k),
                value: v.clone(),
            })
            .collect();
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.settings
            .emit(&mut self.list, rule, location, &args, quotes);
    }
}

/// The Chinese name of a message placeholder, as a quote's field.
fn quote_name(key: &'static str) -> &'static str {
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
/// names and budgets), under the rule settings (`Settings::default()`: every rule at its
/// catalogue severity). Findings come in disclosure order; `Report::add` puts them into a
/// document's report.
pub fn check(disclosure: &Disclosure, document: &Document, settings: &Settings) -> Vec<Finding> {
    let mut out = Findings {
        settings,
        list: Vec::new(),
    };
    budget::check(disclosure, document, &mut out);
    procurement::check(disclosure, document, &mut out);
    assets::check(disclosure, &mut out);
    procurement::planned_purchases(disclosure, &mut out);
    out.list
}

#[cfg(test)]
pub(crate) mod testkit;

#[cfg(test)]
mod tests {
    use jixiao_model::Severity;
    use jixiao_rules::{RuleSetting, CATALOGUE};

    use super::*;
    use crate::check::testkit::findings_under;

    #[test]
    fn every_placeholder_has_a_chinese_quote_name() {
        for r in CATALOGUE.iter().filter(|r| r.set == RuleSet::Disclosure) {
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
    fn settings_apply_to_disclosure_rules() {
        const ASSETS: &str = "七、国有资产信息\n\n固定资产总额74.5万元，固定资产构成：家具用具9.93万元，占13.2%；其他64.57万元，占86.8%。\n";
        let d017 = |settings: &Settings| -> Vec<Severity> {
            findings_under(ASSETS, settings)
                .into_iter()
                .filter(|f| f.rule == Rule::D017)
                .map(|f| f.severity)
                .collect()
        };
        let mut settings = Settings::default();
        assert_eq!(d017(&settings), [Severity::Warning, Severity::Warning]);
        let mut setting = RuleSetting {
            enabled: true,
            severity: Severity::Error,
        };
        settings.set(Rule::D017, setting);
        assert_eq!(d017(&settings), [Severity::Error, Severity::Error]);
        setting.enabled = false;
        settings.set(Rule::D017, setting);
        assert_eq!(d017(&settings), []);
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
            jixiao_rules::fill("{a}与{b}", &[("a", "甲"), ("b", "乙")]),
            "甲与乙"
        );
    }
}
