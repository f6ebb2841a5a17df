//! What a stored text may be: how long each field may grow, and which characters are never
//! stored. One table for the import (texts read from documents) and for the HTTP service's
//! edits, so a text the API refuses is refused on import too, on both backends alike.
//!
//! - Length: every text column has a limit in characters. 项目名称 and 三级指标 are also
//!   indexed, and an index entry has a size limit (PostgreSQL's B-tree: 2,704 bytes), so they
//!   stay at [`MAX_INDEXED_TEXT`]; the others are generous bounds that no printed table
//!   reaches (the longest 资金用途 of the seed documents has a few hundred characters) but
//!   that keep a misread or a hostile request from storing megabytes in one cell.
//! - Characters: control characters other than TAB, LF and CR (`U+0000`–`U+001F`,
//!   `U+007F`–`U+009F`) are refused. PostgreSQL cannot store NUL in TEXT at all (the insert
//!   fails), SQLite can; refusing all of them keeps the two backends the same and keeps
//!   terminal escapes out of exports and logs.

use std::fmt;

/// Longest 项目名称 or 三级指标, in characters (≤ 2,000 bytes in UTF-8).
pub const MAX_INDEXED_TEXT: usize = 500;

/// A text field: its name in the API (`purpose`), its Chinese name, and its limit in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub max: usize,
}

const fn field(name: &'static str, label: &'static str, max: usize) -> Field {
    Field { name, label, max }
}

pub const PROJECT_NAME: Field = field("name", "项目名称", MAX_INDEXED_TEXT);
pub const PROJECT_CODE: Field = field("code", "项目编码", 100);
pub const PURPOSE: Field = field("purpose", "资金用途", 5_000);
pub const GOAL: Field = field("goal", "绩效目标", 5_000);
pub const LEVEL1: Field = field("level1", "一级指标", 200);
pub const LEVEL2: Field = field("level2", "二级指标", 200);
pub const LEVEL3: Field = field("level3", "三级指标", MAX_INDEXED_TEXT);
pub const DESCRIPTION: Field = field("description", "指标解释", 2_000);
pub const TARGET: Field = field("target", "指标值", 1_000);
pub const BASIS: Field = field("basis", "指标值设定依据", 2_000);
pub const WEIGHT: Field = field("weight", "分值", 50);
/// 自评表的实际完成值（所印原文，同指标值）。
pub const ACTUAL: Field = field("actual", "实际完成值", 1_000);
/// 自评表的偏差原因分析及改进措施，及资金执行的说明。
pub const DEVIATION: Field = field("deviation", "偏差原因分析及改进措施", 5_000);
/// 年终监控填报的实际完成情况（总体目标的完成情况）。
pub const GOAL_ACTUAL: Field = field("goal_actual", "实际完成情况", 5_000);
/// 年终监控填报的执行率偏低原因说明。
pub const BUDGET_EXPLANATION: Field = field("budget_explanation", "执行率偏低原因说明", 5_000);
/// 自评表所印的评价等级。
pub const GRADE: Field = field("grade", "评价等级", 100);
pub const DEPARTMENT: Field = field("department", "部门名称", 200);
pub const ORG_NAME: Field = field("name", "组织名称", 200);
pub const ORG_CODE: Field = field("code", "组织编码", 100);
pub const UNIT_NAME: Field = field("unit", "预算单位", 200);
pub const COMMENT: Field = field("body", "意见", 2_000);
pub const TOKEN_NAME: Field = field("name", "令牌名称", 100);
pub const USERNAME: Field = field("username", "用户名", 64);
pub const DISPLAY_NAME: Field = field("display_name", "显示名称", 100);
pub const PASSWORD: Field = field("password", "口令", 1_024);
pub const FILE_NAME: Field = field("name", "文件名", 200);
pub const AMOUNT: Field = field("amount", "金额", 50);
/// 运行监控填报的文字（当前完成值、原因分析、改进措施）。
pub const MONITORING_TEXT: Field = field("text", "监控填报文字", 2_000);
/// A search text (`q`).
pub const QUERY: Field = field("q", "搜索文字", 200);

/// A character no stored text may hold: a control character other than TAB, LF and CR.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The first forbidden character of `s`, if any.
pub fn forbidden_char(s: &str) -> Option<char> {
    s.chars().find(|&c| is_forbidden(c))
}

/// `U+0000`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Why a text cannot be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextProblem {
    TooLong { chars: usize, max: usize },
    Forbidden(char),
}

impl fmt::Display for TextProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextProblem::TooLong { chars, max } => write!(f, "过长（{chars} 个字符，最多 {max} 个）"),
            TextProblem::Forbidden(c) => write!(f, "含有不允许的控制字符（{}）", code_point(*c)),
        }
    }
}

impl Field {
    /// Whether `text` may be stored in this field.
    pub fn check(&self, text: &str) -> Result<(), TextProblem> {
        if let Some(c) = forbidden_char(text) {
            return Err(TextProblem::Forbidden(c));
        }
        // Counting stops just past the limit: a megabyte of text costs no more than 5,001 chars.
        let chars = text.chars().take(self.max + 1).count();
        if chars > self.max {
            return Err(TextProblem::TooLong {
                chars: text.chars().count(),
                max: self.max,
            });
        }
        Ok(())
    }
}

/// Replaces forbidden characters by U+FFFD: for texts jixiao writes itself (review
/// messages, reader diagnostics) that may quote a document's raw bytes.
pub fn scrub(text: &str) -> std::borrow::Cow<'_, str> {
    if forbidden_char(text).is_none() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(
            text.chars()
                .map(|c| if is_forbidden(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_but_tab_and_line_breaks_are_forbidden() {
        for c in ['\0', '\u{1}', '\u{8}', '\u{b}', '\u{c}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}'] {
            assert!(is_forbidden(c), "{}", code_point(c));
        }
        for c in ['\t', '\n', '\r', ' ', '中', '\u{2028}', '\u{a0}', '\u{feff}'] {
            assert!(!is_forbidden(c), "{}", code_point(c));
        }
        assert_eq!(forbidden_char("甲\0乙"), Some('\0'));
        assert_eq!(scrub("甲\0乙\u{1b}[31m"), "甲\u{FFFD}乙\u{FFFD}[31m");
        assert!(matches!(scrub("甲\t乙"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let f = field("purpose", "资金用途", 3);
        assert_eq!(f.check("资金用"), Ok(()));
        assert_eq!(f.check("资金用途"), Err(TextProblem::TooLong { chars: 4, max: 3 }));
        assert_eq!(f.check("a\0"), Err(TextProblem::Forbidden('\0')));
        assert_eq!(TextProblem::Forbidden('\0').to_string(), "含有不允许的控制字符（U+0000）");
        assert_eq!(TextProblem::TooLong { chars: 4, max: 3 }.to_string(), "过长（4 个字符，最多 3 个）");
    }
}
