//! Splitting text that packs several things into one cell: goals (`1、… 2、…`) and list
//! items that print an indicator's name and its target together (`企业安全检查 50次`).

use jixiao_model::target::{Target, TargetValue};
use jixiao_model::text::trim;

/// Trailing punctuation that ends a list item but is not part of its value.
const ITEM_END: &[char] = &['；', ';', '。', '，', ',', '、'];

/// Splits goal text at its own numbering (`1、… 2、…`, `1.… 2.…`), keeping the numbers;
/// text without such numbering stays whole.
pub fn split_goals(text: &str) -> Vec<String> {
    // `…正式运行。填报日期:2023年…自评总分:98…`: a form's closing fields glued after the
    // goals end them.
    let end = ["填报日期", "填表日期", "填表人", "填报人", "联系电话", "审核意见"]
        .iter()
        .flat_map(|w| text.match_indices(w).map(move |(i, _)| (i, w.len())))
        .filter(|&(i, len)| i > 0 && text[i + len..].starts_with([':', '：']))
        .map(|(i, _)| i)
        .min();
    let t = trim(end.map_or(text, |e| &text[..e]));
    // `…卫生口机关。绩效指标`: a form's block word glued after the last sentence is no goal's.
    let t = match t.rfind('。') {
        Some(i) if {
            let tail = trim(&t[i + '。'.len_utf8()..]);
            !tail.is_empty()
                && tail.chars().count() <= 8
                && (super::vocab::column(tail).is_some() || super::vocab::label(tail).is_some())
        } =>
        {
            &t[..i + '。'.len_utf8()]
        }
        _ => t,
    };
    if t.is_empty() {
        return Vec::new();
    }
    for sep in ['、', '.', '．'] {
        if t.starts_with(&format!("1{sep}")) {
            let mut parts = Vec::new();
            let mut start = 0;
            let mut next = 2;
            let mut pos = 0;
            let mut marker = format!("{next}{sep}");
            while pos < t.len() {
                if t.is_char_boundary(pos) && pos > start && t.as_bytes()[pos].is_ascii_digit() {
                    let prev = t[..pos].chars().next_back();
                    let boundary =
                        prev.is_some_and(|c| c.is_whitespace() || "。；;，,！!".contains(c));
                    let after_ok = t[pos..]
                        .strip_prefix(&marker)
                        .is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_digit()));
                    if boundary && after_ok {
                        parts.push(trim(&t[start..pos]).to_string());
                        start = pos;
                        next += 1;
                        marker = format!("{next}{sep}");
                    }
                }
                pos += 1;
            }
            parts.push(trim(&t[start..]).to_string());
            return parts;
        }
    }
    // `目标1:… 目标2:…` (`目標1:` in traditional characters): one goal per number.
    // A converter's pinyin may follow the word (`目標(biāo)1:`).
    let past_pinyin = |r: &str| -> usize {
        r.strip_prefix('(')
            .and_then(|x| x.find(')').map(|e| (x, e)))
            .filter(|(x, e)| {
                *e > 0 && x[..*e].chars().all(|c| c == ' ' || super::norm::is_pinyin(c))
            })
            .map_or(0, |(_, e)| e + 2)
    };
    for word in ["目标", "目標"] {
        let first = t
            .strip_prefix(word)
            // (`目标 1:`: a PDF conversion's space before the number.)
            .map(|r| r[past_pinyin(r)..].trim_start_matches(' '))
            .and_then(|r| r.strip_prefix('1'))
            .is_some_and(|r| r.starts_with([':', '：', '、', '.', '．']));
        if !first {
            continue;
        }
        let mut parts = Vec::new();
        let mut start = 0;
        let mut next = 2;
        for (i, _) in t.match_indices(word) {
            let after = &t[i + word.len()..];
            let numbered = after[past_pinyin(after)..]
                .trim_start_matches(' ')
                .strip_prefix(&next.to_string())
                .is_some_and(|r| r.starts_with([':', '：', '、', '.', '．']));
            let boundary = t[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_whitespace() || "。；;，,！!:：".contains(c));
            if i > start && numbered && boundary {
                parts.push(trim(&t[start..i]).to_string());
                start = i;
                next += 1;
            }
        }
        parts.push(trim(&t[start..]).to_string());
        return parts;
    }
    vec![t.to_string()]
}

/// Is `s` a target value on its own (`≥2次`, `3.2 万户`, `2022年12月底前`, `健全`)?
fn is_clean_target(s: &str, allow_qualitative: bool) -> bool {
    let s = trim(s).trim_end_matches(ITEM_END);
    if s.is_empty() {
        return false;
    }
    let starts_like_value =
        s.starts_with(|c: char| c.is_ascii_digit() || "≥≤<>=≧≦＞＜＝﹥﹤﹦≈".contains(c));
    match Target::parse(s).value {
        TargetValue::Quantity { trailing, .. } => starts_like_value && trailing.is_none(),
        TargetValue::Deadline { .. } | TargetValue::Other { .. } => starts_like_value,
        TargetValue::Qualitative { .. } => {
            allow_qualitative && !s.contains(char::is_whitespace) && s.chars().count() <= 6
        }
        TargetValue::NotATarget => false,
    }
}

/// Splits `地震灾害调查、评估、应急处置 ≤ 0.7万元;` into name and target. The target is the
/// shortest tail, after white space, that reads as a value on its own; failing that, a
/// number with a unit glued to the end (`法制培训全年三次2万元。`).
pub fn split_item(item: &str) -> (String, Option<String>) {
    let t = trim(item);
    let clean = |s: &str| trim(trim(s).trim_end_matches(ITEM_END)).to_string();
    // Leftmost white-space boundary whose tail is a whole value.
    let boundaries: Vec<usize> = t
        .char_indices()
        .filter(|(i, c)| c.is_whitespace() && *i > 0)
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    for &b in &boundaries {
        let (name, tail) = (&t[..b], &t[b..]);
        if trim(name).is_empty() || trim(tail).is_empty() {
            continue;
        }
        let last_token = !trim(tail).contains(char::is_whitespace);
        // Only a tail that starts like a value, or the last word (a qualitative value), can
        // be the target: spare the parse elsewhere.
        let value_like =
            trim(tail).starts_with(|c: char| c.is_ascii_digit() || "≥≤<>=≧≦＞＜＝﹥﹤﹦≈".contains(c));
        if (value_like || last_token) && is_clean_target(tail, last_token) {
            return (trim(name).to_string(), Some(clean(tail)));
        }
    }
    // A quantity glued to the name.
    for (i, c) in t.char_indices().skip(1) {
        let prev = t[..i].chars().next_back().unwrap();
        if c.is_ascii_digit() && !prev.is_ascii_digit() && prev != '.' {
            let tail = &t[i..];
            let with_unit = matches!(
                Target::parse(trim(tail).trim_end_matches(ITEM_END)).value,
                TargetValue::Quantity {
                    unit: Some(_),
                    trailing: None,
                    ..
                }
            );
            if with_unit && is_clean_target(tail, false) {
                return (trim(&t[..i]).to_string(), Some(clean(tail)));
            }
        }
    }
    (t.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goals() {
        assert_eq!(
            split_goals("1、提高意识。 2、切实加强。"),
            vec!["1、提高意识。", "2、切实加强。"]
        );
        assert_eq!(split_goals("1.执法完成率"), vec!["1.执法完成率"]);
        assert_eq!(split_goals("通过督导检查"), vec!["通过督导检查"]);
        assert_eq!(
            split_goals("1、按照12、13号文件 2、其次"),
            vec!["1、按照12、13号文件", "2、其次"]
        );
        assert!(split_goals("  ").is_empty());
        assert_eq!(
            split_goals("以服务对象满意为目标,着力打造文明型机关。绩效指标"),
            vec!["以服务对象满意为目标,着力打造文明型机关。"]
        );
        assert_eq!(
            split_goals("2022年市急救中心正式运行。填报日期:2023年4月23日自评总分:98项目权重"),
            vec!["2022年市急救中心正式运行。"]
        );
        assert_eq!(
            split_goals("目标1:落实资助政策; 目标2:教育公平显著提升: 目标3:提升吸引力"),
            vec!["目标1:落实资助政策;", "目标2:教育公平显著提升:", "目标3:提升吸引力"]
        );
        assert_eq!(split_goals("目標1:落實;目標2:提升"), vec!["目標1:落實;", "目標2:提升"]);
        assert_eq!(
            split_goals("目標(biāo)1:落實; 目標(biāo)2:提升"),
            vec!["目標(biāo)1:落實;", "目標(biāo)2:提升"]
        );
        // A PDF conversion's space before the number.
        assert_eq!(
            split_goals("目标 1:提供康复服务。 目标 2:资助特校学生。"),
            vec!["目标 1:提供康复服务。", "目标 2:资助特校学生。"]
        );
        // A goal that only mentions 目标2 in passing stays whole.
        assert_eq!(
            split_goals("目标1:完成目标2的前期工作"),
            vec!["目标1:完成目标2的前期工作"]
        );
    }

    #[test]
    fn items() {
        let cases = [
            ("企业安全检查 50次", "企业安全检查", Some("50次")),
            (
                "地震灾害调查、评估、应急处置 ≤ 0.7万元;",
                "地震灾害调查、评估、应急处置",
                Some("≤ 0.7万元"),
            ),
            (
                "农村住房保险补贴户数 3.2 万户",
                "农村住房保险补贴户数",
                Some("3.2 万户"),
            ),
            (
                "2023年01月--12月 ≥12个月",
                "2023年01月--12月",
                Some("≥12个月"),
            ),
            ("每人每年300元 3*300", "每人每年300元", Some("3*300")),
            (
                "群众依法维权次数提升 ≥2022年依法维权次数",
                "群众依法维权次数提升",
                Some("≥2022年依法维权次数"),
            ),
            (
                "提供法律咨询时间 2022年12月底前",
                "提供法律咨询时间",
                Some("2022年12月底前"),
            ),
            ("宣传制度健全性 健全", "宣传制度健全性", Some("健全")),
            (
                "制定印发宣传手册、制作宣传展板 1.2万。",
                "制定印发宣传手册、制作宣传展板",
                Some("1.2万"),
            ),
            ("法制培训全年三次2万元。", "法制培训全年三次", Some("2万元")),
            ("业务工作经费1万元", "业务工作经费", Some("1万元")),
            (
                "人均农村住房保险补贴标准 10元/每户",
                "人均农村住房保险补贴标准",
                Some("10元/每户"),
            ),
            (
                "开展 5·12 防灾减灾宣传周活动 ≥1次",
                "开展 5·12 防灾减灾宣传周活动",
                Some("≥1次"),
            ),
            ("只有名称", "只有名称", None),
        ];
        for (item, name, target) in cases {
            assert_eq!(
                split_item(item),
                (name.to_string(), target.map(String::from)),
                "{item}"
            );
        }
    }
}
