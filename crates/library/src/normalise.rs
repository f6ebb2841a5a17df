//! An indicator name (三级指标) as the library compares it.
//!
//! Printed names carry annotations that are not part of what is measured: `★★★` marks,
//! `(必填硬性指标)`, `(50分)`, template hints `(≥**%)`, `指标1:` / `1.` prefixes, a unit in
//! brackets at the end (`执法检查覆盖率（%）`) and remarks after `——`. [`normalise`] removes
//! them and keeps the rest; the unit in brackets is kept as a hint. [`meaning_key`] then maps
//! wordings of the same meaning to one key (the many 满意度 wordings).

use jixiao_model::target::is_unit;

/// A normalised indicator name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalised {
    /// The name without annotations, as shown (`执法检查覆盖率`).
    pub name: String,
    /// A unit printed in brackets in the name (`%`, `份`, `元/人·月`).
    pub unit_hint: Option<String>,
}

/// Full-width forms to ASCII, white space dropped.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '％' => '%',
            '＜' => '<',
            '＞' => '>',
            '＝' => '=',
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn is_mark(c: char) -> bool {
    matches!(c, '★' | '☆' | '※' | '▲' | '△' | '●' | '○')
}

/// Text in brackets that annotates the name instead of naming what is measured.
fn is_annotation(inner: &str) -> bool {
    const WORDS: [&str; 6] = ["必填", "硬性", "选填", "核心", "共性", "个性"];
    inner.is_empty()
        || WORDS.iter().any(|w| inner.contains(w))
        || inner.contains("**")
        || inner.starts_with(['≥', '≤', '>', '<', '='])
        || (inner.ends_with('分') && inner[..inner.len() - '分'.len_utf8()].chars().all(|c| c.is_ascii_digit() || c == '.'))
        || inner.chars().all(|c| c.is_ascii_digit() || c == '%' || c == '.')
}

/// The unit a template hint or unit bracket names: `≥**元/人·月` → `元/人·月`, `%` → `%`.
fn hinted_unit(inner: &str) -> Option<String> {
    let u = inner
        .trim_start_matches(['≥', '≤', '>', '<', '='])
        .trim_start_matches(|c: char| c == '*' || c.is_ascii_digit() || c == '.');
    (!u.is_empty() && is_unit(u)).then(|| u.to_string())
}

/// Strips a leading `指标1:`, `1.`, `1、`, `(一)`, `一、`.
fn strip_prefix(s: &str) -> &str {
    let mut s = s;
    if let Some(rest) = s.strip_prefix("指标") {
        let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        if digits.len() < rest.len() {
            if let Some(after) = digits.strip_prefix([':', '、', '.']) {
                s = after;
            }
        }
    }
    let (rest, _) = jixiao_model::text::strip_enumerator(s);
    rest
}

/// Removes annotations from a printed indicator name; see the module documentation.
pub fn normalise(printed: &str) -> Normalised {
    let folded = fold(printed);
    let mut s: String = folded.chars().filter(|c| !is_mark(*c)).collect();
    // Remarks after a dash: `扶贫临时救助标准(<**元/户·年)——一户年最高5300元`.
    if let Some(i) = s.find("——") {
        s.truncate(i);
    }
    let mut s = strip_prefix(&s).to_string();
    let mut unit_hint = None;
    // Brackets: annotations and units go, other content stays (without the brackets).
    let mut out = String::with_capacity(s.len());
    while let Some(open) = s.find(['(', '[', '【']) {
        let close_rel = s[open..].find([')', ']', '】']);
        let Some(close_rel) = close_rel else { break };
        let close = open + close_rel;
        let inner = &s[open + 1..close];
        out.push_str(&s[..open]);
        let score = inner.ends_with('分') && is_annotation(inner);
        if let Some(u) = hinted_unit(inner).filter(|_| !score) {
            unit_hint = Some(u);
        } else if !is_annotation(inner) {
            out.push('(');
            out.push_str(inner);
            out.push(')');
        }
        let next = close + s[close..].chars().next().map_or(1, char::len_utf8);
        s = s[next..].to_string();
    }
    out.push_str(&s);
    // An unbracketed template hint at the end: `受益建档立卡贫困人口数≥**人`.
    if let Some(i) = out.find("**") {
        let head = out[..i].trim_end_matches(['≥', '≤', '>', '<', '=']);
        if unit_hint.is_none() {
            unit_hint = hinted_unit(&out[i..]);
        }
        out = head.to_string();
    }
    let name = out
        .trim_matches('*')
        .trim_matches([':', '；', ';', ',', '，', '。', '、', '.'])
        .to_string();
    Normalised { name, unit_hint }
}

/// Who is satisfied, as grouped: the general public and direct beneficiaries are one object.
fn satisfied_object(who: &str) -> &str {
    const PUBLIC: [&str; 16] = [
        "", "服务对象", "受益群众", "群众", "受益对象", "社会公众", "公众", "人民群众", "居民",
        "周边居民", "受益人群", "受益人员", "受益群体", "社会群众", "辖区群众", "项目受益群众",
    ];
    // `群众地震安全知识普及满意度`: the public, about something.
    let public_prefix = PUBLIC[1..].iter().any(|p| who.starts_with(p));
    if PUBLIC.contains(&who) || public_prefix {
        "服务对象"
    } else if who.contains("企业") {
        "企业"
    } else if who.contains("学员") || who.contains("参训") || who.contains("受训") || who.contains("培训") {
        "参训人员"
    } else if who.contains("农户") || who.contains("农民") {
        "农户"
    } else if who.contains("学生") || who.contains("家长") {
        "学生及家长"
    } else if who.contains("救助对象") || who.contains("受助") || who.contains("救助") {
        "救助对象"
    } else {
        who
    }
}

/// The key wordings of one meaning share: the normalised name without punctuation, and for a
/// 满意度 indicator `{object}满意度` (`群众对救助满意度`, `受益群众满意度`, `满意度` →
/// `服务对象满意度`; `受益企业满意度(%)` → `企业满意度`).
pub fn meaning_key(normalised: &str) -> String {
    let plain: String = normalised
        .chars()
        .filter(|c| !matches!(c, '(' | ')' | '"' | '“' | '”' | '《' | '》' | '、' | ',' | '，'))
        .collect();
    let sat = ["满意度", "满意率", "满意程度"]
        .iter()
        .find_map(|w| plain.find(w).map(|i| (i, *w)));
    let Some((i, _)) = sat else { return plain };
    let mut who = &plain[..i];
    for verb in ["提升", "提高", "增强", "确保"] {
        who = who.strip_prefix(verb).unwrap_or(who);
    }
    // `群众对突发情况处置满意度`: the object is before 对.
    // (`服务对象`, `受益对象` keep their 对.)
    if let Some(j) = who
        .match_indices('对')
        .map(|(j, _)| j)
        .find(|&j| !who[j..].starts_with("对象"))
    {
        who = &who[..j];
    }
    format!("{}满意度", satisfied_object(who))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real names from the goldens, with their normalised name, unit hint and key.
    #[test]
    fn real_names() {
        let cases: &[(&str, &str, Option<&str>, &str)] = &[
            ("指标1:安置小区物业费", "安置小区物业费", None, "安置小区物业费"),
            ("指标1:项目总成本(≤**万元)", "项目总成本", Some("万元"), "项目总成本"),
            ("执法检查覆盖率（%）", "执法检查覆盖率", Some("%"), "执法检查覆盖率"),
            ("制作与发放外宣品的数量（份）", "制作与发放外宣品的数量", Some("份"), "制作与发放外宣品的数量"),
            ("培训天数 (天)", "培训天数", Some("天"), "培训天数"),
            ("隐患排查率（100%）", "隐患排查率", Some("%"), "隐患排查率"),
            ("★★★农村低保发放人数(按月平均)(≥**人)", "农村低保发放人数(按月平均)", Some("人"), "农村低保发放人数按月平均"),
            ("★农村低保标准(≥**元/人·月)", "农村低保标准", Some("元/人·月"), "农村低保标准"),
            ("扶贫临时救助标准(<**元/户·年)——一户年最高5300元", "扶贫临时救助标准", Some("元/户·年"), "扶贫临时救助标准"),
            ("★★★受益建档立卡贫困人口数≥**人", "受益建档立卡贫困人口数", Some("人"), "受益建档立卡贫困人口数"),
            ("★受助对象满意度(≥**%)", "受助对象满意度", Some("%"), "救助对象满意度"),
            ("贫困地区旅游景点开发数量( ≥**个 )", "贫困地区旅游景点开发数量", Some("个"), "贫困地区旅游景点开发数量"),
            ("受益额度数（县级配套资金）", "受益额度数(县级配套资金)", None, "受益额度数县级配套资金"),
            ("开展 5·12 防灾减灾宣传周活动(次)", "开展5·12防灾减灾宣传周活动", Some("次"), "开展5·12防灾减灾宣传周活动"),
            ("社会公众满意度(必填硬性指标)", "社会公众满意度", None, "服务对象满意度"),
            ("1.项目完成率(50分)", "项目完成率", None, "项目完成率"),
            ("群众满意度", "群众满意度", None, "服务对象满意度"),
            ("服务对象满意度", "服务对象满意度", None, "服务对象满意度"),
            ("群众对突发情况处置满意度", "群众对突发情况处置满意度", None, "服务对象满意度"),
            ("提升周边居民满意度", "提升周边居民满意度", None, "服务对象满意度"),
            ("满意度", "满意度", None, "服务对象满意度"),
            ("群众地震安全知识普及满意度", "群众地震安全知识普及满意度", None, "服务对象满意度"),
            ("受益企业满意度(%)", "受益企业满意度", Some("%"), "企业满意度"),
            ("被检查企业满意度", "被检查企业满意度", None, "企业满意度"),
            ("受训学员满意度 (%)", "受训学员满意度", Some("%"), "参训人员满意度"),
            ("培训学员对培训效果满意度", "培训学员对培训效果满意度", None, "参训人员满意度"),
            ("农户对住房保险对象满意度", "农户对住房保险对象满意度", None, "农户满意度"),
            ("退休人员满意度", "退休人员满意度", None, "退休人员满意度"),
            ("安全监管人员对辖区监察效率满意程度", "安全监管人员对辖区监察效率满意程度", None, "安全监管人员满意度"),
        ];
        for (printed, name, unit, key) in cases {
            let n = normalise(printed);
            assert_eq!(
                (n.name.as_str(), n.unit_hint.as_deref(), meaning_key(&n.name).as_str()),
                (*name, *unit, *key),
                "{printed}"
            );
        }
    }
}
