//! Canonical indicator categories (一级/二级指标) and the two frameworks in use.
//!
//! Documents print level names with many variations (`效果指标` for 效益指标, `可持续性影响`,
//! missing `指标` suffix, line breaks inside the cell). The printed text is always kept;
//! these enums are what it means.

use serde::{Deserialize, Serialize};

use crate::text::strip_enumerator;

/// 一级指标的规范类别。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level1 {
    /// 产出指标
    Output,
    /// 效益指标（亦印作“效果指标”）
    Benefit,
    /// 满意度指标
    Satisfaction,
    /// 成本指标（2021 年框架中的一级指标）
    Cost,
}

/// 二级指标的规范类别。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level2 {
    /// 数量指标
    Quantity,
    /// 质量指标
    Quality,
    /// 时效指标
    Timeliness,
    /// 成本指标（旧框架中属产出指标）
    Cost,
    /// 经济效益指标
    Economic,
    /// 社会效益指标
    Social,
    /// 生态效益指标
    Ecological,
    /// 可持续影响指标
    Sustainability,
    /// 服务对象满意度指标
    ServiceSatisfaction,
    /// 经济成本指标（2021 框架）
    EconomicCost,
    /// 社会成本指标（2021 框架）
    SocialCost,
    /// 生态环境成本指标（2021 框架）
    EcologicalCost,
}

/// 指标体系框架。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Framework {
    /// 旧框架：产出（数量/质量/时效/成本）、效益、满意度
    #[default]
    Classic,
    /// 2021 年指引（财预〔2021〕101号）：成本指标单列为一级指标
    Guideline2021,
}

fn normalized(printed: &str) -> std::borrow::Cow<'_, str> {
    match crate::text::squeezed(printed) {
        std::borrow::Cow::Borrowed(s) => std::borrow::Cow::Borrowed(
            strip_enumerator(s)
                .0
                .trim_end_matches([':', '：', '；', ';']),
        ),
        std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(
            strip_enumerator(&s)
                .0
                .trim_end_matches([':', '：', '；', ';'])
                .to_string(),
        ),
    }
}

/// The category word of a printed level name, without what forms print around it: a
/// weight or value a conversion glued in front (`7.5质量指标`, `>=98%时效指标`), and the
/// endings `指标`, `值` (`产出值`, a template's), `目标`, `等`.
fn category_word(s: &str) -> &str {
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit() || ".%％≥≤<>=＝＞＜".contains(c));
    let s = s.strip_suffix('等').unwrap_or(s);
    ["指标", "目标", "值"]
        .iter()
        .find_map(|end| s.strip_suffix(end))
        .unwrap_or(s)
}

impl Level1 {
    /// Maps printed text (`产出\n\n指标`, `效果指标`, `一、产出指标`) to its category.
    pub fn from_printed(printed: &str) -> Option<Level1> {
        let s = normalized(printed);
        if s.is_empty() || s.chars().count() > 12 {
            return None;
        }
        let s = s.strip_suffix("指标").unwrap_or(&s);
        match s {
            "产出" => Some(Level1::Output),
            "效益" | "效果" => Some(Level1::Benefit),
            "满意度" => Some(Level1::Satisfaction),
            "成本" => Some(Level1::Cost),
            _ => None,
        }
    }

    /// What a cell known to hold a level 1 means, read more loosely than
    /// [`from_printed`](Self::from_printed) (which also decides whether text is a level name
    /// at all): forms' own endings and prefixes (`产出值`, `项目效益指标`, `预期产出指标`,
    /// `项目完成指标`) and a weight a conversion glued in front (`2产出指标`).
    pub fn from_level_cell(printed: &str) -> Option<Level1> {
        if let Some(l) = Level1::from_printed(printed) {
            return Some(l);
        }
        let s = normalized(printed);
        if s.is_empty() || s.chars().count() > 14 {
            return None;
        }
        let named = s.ends_with("指标");
        let word = category_word(&s);
        let word = word.strip_prefix("项目").or_else(|| word.strip_prefix("预期")).unwrap_or(word);
        // `项目完成指标`; `完成` alone is a value.
        if word == "完成" {
            return named.then_some(Level1::Output);
        }
        Level1::from_printed(word)
    }

    pub fn name(self) -> &'static str {
        match self {
            Level1::Output => "产出指标",
            Level1::Benefit => "效益指标",
            Level1::Satisfaction => "满意度指标",
            Level1::Cost => "成本指标",
        }
    }

    pub const ALL: [Level1; 4] = [
        Level1::Output,
        Level1::Benefit,
        Level1::Satisfaction,
        Level1::Cost,
    ];
}

impl Level2 {
    /// Maps printed text (`可持续性影响`, `(二) 质量指标:`, `社会公众或服务对象满意度指标`).
    pub fn from_printed(printed: &str) -> Option<Level2> {
        let s = normalized(printed);
        if s.is_empty() || s.chars().count() > 16 {
            return None;
        }
        let had_suffix = s.ends_with("指标");
        let s = s.strip_suffix("指标").unwrap_or(&s);
        Some(match s {
            "数量" => Level2::Quantity,
            "质量" => Level2::Quality,
            "时效" => Level2::Timeliness,
            "成本" => Level2::Cost,
            "经济效益" => Level2::Economic,
            "社会效益" => Level2::Social,
            // (环境效益: the older templates' word for it.)
            "生态效益" | "环境效益" | "生态环境效益" => Level2::Ecological,
            "可持续影响" | "可持续性影响" | "可持续发展" | "可持续性" => Level2::Sustainability,
            "经济成本" => Level2::EconomicCost,
            "社会成本" => Level2::SocialCost,
            "生态环境成本" | "生态成本" => Level2::EcologicalCost,
            // `满意度指标` alone is the level 1; `服务对象满意度指标` and kin are level 2.
            _ if had_suffix
                && s.ends_with("满意度")
                && s != "满意度"
                && s.chars().count() <= 12 =>
            {
                Level2::ServiceSatisfaction
            }
            _ => return None,
        })
    }

    /// What a cell known to hold a level 2 means, read more loosely than
    /// [`from_printed`](Self::from_printed): endings (`数量值`, `社会效益目标`, `…指标等`),
    /// the level 1 printed before the word (`产出数量`), a budget control (`预算(或投资规模)
    /// 控制指标` is the cost), and a weight or value glued in front (`7.5质量指标`).
    pub fn from_level_cell(printed: &str) -> Option<Level2> {
        if let Some(l) = Level2::from_printed(printed) {
            return Some(l);
        }
        let s = normalized(printed);
        if s.is_empty() || s.chars().count() > 18 {
            return None;
        }
        let word = category_word(&s);
        let word = word.strip_prefix("产出").filter(|r| !r.is_empty()).unwrap_or(word);
        if word.contains("预算") && word.ends_with("控制") {
            return Some(Level2::Cost);
        }
        // In a level-2 cell `满意度指标`, `服务对象满意度` are the satisfaction level.
        if word.ends_with("满意度") && word.chars().count() <= 12 {
            return Some(Level2::ServiceSatisfaction);
        }
        let suffix = if s.ends_with("指标") || s.ends_with("指标等") { "指标" } else { "" };
        Level2::from_printed(&format!("{word}{suffix}"))
    }

    pub fn name(self) -> &'static str {
        match self {
            Level2::Quantity => "数量指标",
            Level2::Quality => "质量指标",
            Level2::Timeliness => "时效指标",
            Level2::Cost => "成本指标",
            Level2::Economic => "经济效益指标",
            Level2::Social => "社会效益指标",
            Level2::Ecological => "生态效益指标",
            Level2::Sustainability => "可持续影响指标",
            Level2::ServiceSatisfaction => "服务对象满意度指标",
            Level2::EconomicCost => "经济成本指标",
            Level2::SocialCost => "社会成本指标",
            Level2::EcologicalCost => "生态环境成本指标",
        }
    }

    /// The level 1 this level 2 belongs to in a framework.
    pub fn parent(self, framework: Framework) -> Level1 {
        match self {
            Level2::Quantity | Level2::Quality | Level2::Timeliness => Level1::Output,
            Level2::Cost => match framework {
                Framework::Classic => Level1::Output,
                Framework::Guideline2021 => Level1::Cost,
            },
            Level2::Economic | Level2::Social | Level2::Ecological | Level2::Sustainability => {
                Level1::Benefit
            }
            Level2::ServiceSatisfaction => Level1::Satisfaction,
            Level2::EconomicCost | Level2::SocialCost | Level2::EcologicalCost => Level1::Cost,
        }
    }

    /// Whether this level 2 stands under `level1` in either framework (成本指标 is a level 2
    /// of 产出 in the classic one and a level 1 of its own in the 2021 guideline).
    pub fn belongs_to(self, level1: Level1) -> bool {
        self.parent(Framework::Classic) == level1 || self.parent(Framework::Guideline2021) == level1
    }

    /// Whether this level 2 may stand under `level1` in some published framework: either of
    /// [`belongs_to`](Self::belongs_to)'s, or the older one that put 社会公众或服务对象满意度指标
    /// under 效益指标.
    pub fn may_stand_under(self, level1: Level1) -> bool {
        self.belongs_to(level1) || (self == Level2::ServiceSatisfaction && level1 == Level1::Benefit)
    }

    /// Indicators that accrue over the year (counts, benefits, satisfaction) as opposed to
    /// quality/timeliness/cost indicators judged by whether they are in range.
    pub fn accrues(self) -> bool {
        !matches!(
            self,
            Level2::Quality
                | Level2::Timeliness
                | Level2::Cost
                | Level2::EconomicCost
                | Level2::SocialCost
                | Level2::EcologicalCost
        )
    }

    pub const ALL: [Level2; 12] = [
        Level2::Quantity,
        Level2::Quality,
        Level2::Timeliness,
        Level2::Cost,
        Level2::Economic,
        Level2::Social,
        Level2::Ecological,
        Level2::Sustainability,
        Level2::ServiceSatisfaction,
        Level2::EconomicCost,
        Level2::SocialCost,
        Level2::EcologicalCost,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_level_names() {
        let cases = [
            ("产出指标", Some(Level1::Output)),
            ("产出\n\n指标 ", Some(Level1::Output)),
            ("效果指标", Some(Level1::Benefit)),
            ("二、效益指标", Some(Level1::Benefit)),
            ("满意度指标", Some(Level1::Satisfaction)),
            ("成本指标", Some(Level1::Cost)),
            ("数量指标", None),
            ("", None),
        ];
        for (printed, want) in cases {
            assert_eq!(Level1::from_printed(printed), want, "{printed:?}");
        }
        let cases = [
            ("数量指标", Some(Level2::Quantity)),
            ("(一) 数量指标:", Some(Level2::Quantity)),
            ("可持续性影响", Some(Level2::Sustainability)),
            ("可持续性", Some(Level2::Sustainability)),
            (
                "社会公众或服务对象满意度指标",
                Some(Level2::ServiceSatisfaction),
            ),
            ("服务对象满意度指标", Some(Level2::ServiceSatisfaction)),
            ("群众满意度", None),
            ("经济效益指标", Some(Level2::Economic)),
            ("生态效益", Some(Level2::Ecological)),
            ("环境效益", Some(Level2::Ecological)),
            ("产出指标", None),
            ("满意度指标", None),
            ("确保全区人民生命财产安全", None),
        ];
        for (printed, want) in cases {
            assert_eq!(Level2::from_printed(printed), want, "{printed:?}");
        }
        // A cell known to be a level: forms' own endings and prefixes, a weight glued in front.
        let cases = [
            ("产出值", Some(Level1::Output)),
            ("项目完成指标", Some(Level1::Output)),
            ("项目效益指标", Some(Level1::Benefit)),
            ("预期产出指标", Some(Level1::Output)),
            ("2产出指标", Some(Level1::Output)),
            ("完成", None),
            ("实施效果", None),
        ];
        for (printed, want) in cases {
            assert_eq!(Level1::from_level_cell(printed), want, "{printed:?}");
        }
        let cases = [
            ("7.5质量指标", Some(Level2::Quality)),
            (">=98%时效指标", Some(Level2::Timeliness)),
            ("数量值", Some(Level2::Quantity)),
            ("产出数量", Some(Level2::Quantity)),
            ("社会效益目标", Some(Level2::Social)),
            ("服务对象满意度指标等", Some(Level2::ServiceSatisfaction)),
            ("预算(或投资规模)控制指标", Some(Level2::Cost)),
            ("满意度指标", Some(Level2::ServiceSatisfaction)),
            ("服务对象满意度", Some(Level2::ServiceSatisfaction)),
            ("计划管理指标", None),
        ];
        for (printed, want) in cases {
            assert_eq!(Level2::from_level_cell(printed), want, "{printed:?}");
        }
    }

    #[test]
    fn parents_depend_on_framework() {
        assert_eq!(Level2::Cost.parent(Framework::Classic), Level1::Output);
        assert_eq!(Level2::Cost.parent(Framework::Guideline2021), Level1::Cost);
        assert_eq!(Level2::Social.parent(Framework::Classic), Level1::Benefit);
    }
}
