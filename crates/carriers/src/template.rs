//! The 项目支出绩效目标申报表 template's layout (issue 17), shared by its writer
//! (`jixiao-office`'s `template`, which writes it blank or prefilled) and its reader here: a
//! filled template comes in through the ordinary upload and [`read_bytes`](crate::read_bytes).
//!
//! One sheet, [`SHEET`], in the official layout: 项目名称, 主管部门 and 实施单位, 项目编码,
//! 项目资金（万元） with 年度资金总额 / 其中：财政拨款 / 其他资金, 资金用途, the 资金支出计划
//! (cumulative per cent at the end of March, June, October and December), 年度绩效目标 (one
//! goal per row) and the indicator grid 一级指标 / 二级指标 / 三级指标 / 指标描述 / 指标值 /
//! 指标值确定依据.
//!
//! Reading a workbook with this sheet and the template's [`MARK`] leaves its 填表说明 rows
//! out and [`check`]s it, by its labels (rows may be added or moved): a row without its
//! 三级指标, an amount that is not a number, a level that is not one of the canonical names
//! refuse the whole file with Chinese messages naming the cell (`第18行 C列`), so nothing of
//! a half-filled form is imported.

use std::collections::BTreeMap;

use jixiao_model::{Decimal, Framework, Level1, Level2};

/// The template's sheet: reading a workbook checks the sheet of this name.
pub const SHEET: &str = "绩效目标申报表";
/// A workbook-level defined name the template carries (spreadsheet programs keep defined
/// names when they save): a sheet named [`SHEET`] is checked as the template only in a
/// workbook that has it, so a department's own form whose sheet has that name is read as
/// any other.
pub const MARK: &str = "JIXIAO_TEMPLATE";
/// The title printed in A1.
pub const TITLE: &str = "项目支出绩效目标申报表";
/// How many problems a refused template lists.
pub const MAX_PROBLEMS: usize = 20;

pub const NAME: &str = "项目名称";
pub const DEPARTMENT: &str = "主管部门";
pub const UNIT: &str = "实施单位";
pub const CODE: &str = "项目编码";
pub const FUNDS: &str = "项目资金（万元）";
pub const TOTAL: &str = "年度资金总额";
pub const FISCAL: &str = "其中：财政拨款";
pub const OTHER: &str = "其他资金";
pub const PURPOSE: &str = "资金用途";
pub const PLAN: &str = "资金支出计划（%）";
pub const PLAN_MONTHS: [&str; 4] = ["3月底", "6月底", "10月底", "12月底"];
pub const GOALS: &str = "年度绩效目标";
/// The indicator grid's headers, one per column A–F.
pub const HEADERS: [&str; 6] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "指标描述",
    "指标值",
    "指标值确定依据",
];
/// Starts the 填表说明 row.
pub const HINT_MARK: &str = "填表说明";
pub const HINT: &str = "填表说明：金额以万元为单位，填数字；资金支出计划填截至各月底累计支出占年度资金的百分比（如 30 表示 30%）；年度绩效目标每行一条；一级指标、二级指标从下拉列表选择，同一指标类别下的后续行可留空；每条指标须填写三级指标和指标值。填好后在 jixiao 的“上传导入”页面导入，作为本部门的草稿保存。";

// The rows of the layout (0-based).
pub const ROW_TITLE: u32 = 0;
pub const ROW_YEAR: u32 = 1;
pub const ROW_HINT: u32 = 2;
pub const ROW_NAME: u32 = 3;
pub const ROW_DEPARTMENT: u32 = 4;
pub const ROW_CODE: u32 = 5;
pub const ROW_TOTAL: u32 = 6;
pub const ROW_PURPOSE: u32 = 9;
pub const ROW_PLAN: u32 = 10;
pub const ROW_GOALS: u32 = 12;

/// Whether a workbook's defined names (name, formula) mark it as the template.
pub fn is_marked<'a>(mut names: impl Iterator<Item = &'a str>) -> bool {
    names.any(|n| n.eq_ignore_ascii_case(MARK))
}

/// A 填表说明 row's text: the reader leaves such rows of the template out.
pub fn is_hint(text: &str) -> bool {
    text.trim_start().starts_with(HINT_MARK)
}

/// `A`, `B`, … `Z`, `AA`: a 0-based column as spreadsheets name it.
pub fn column_name(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// `第12行 E列` for a 0-based row and column.
pub fn cell_name(row: u32, col: u32) -> String {
    format!("第{}行 {}列", row + 1, column_name(col))
}

/// A label as compared: no white space.
fn key(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A plain non-negative decimal (`12`, `12.50`), as a number cell prints or as typed.
fn plain_decimal(s: &str) -> Option<Decimal> {
    let t = s.trim();
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) || (t.contains('.') && frac.is_empty()) {
        return None;
    }
    t.parse().ok()
}

/// A number as a message quotes it: a number cell's text without the zeros its format pads
/// it with (`-3.000000` → `-3`); any other text as it is.
fn shown(t: &str) -> &str {
    let digits = t.strip_prefix('-').unwrap_or(t);
    if t.contains('.') && plain_decimal(digits).is_some() {
        t.trim_end_matches('0').trim_end_matches('.')
    } else {
        t
    }
}

/// `（2026年度）`, `2026年度`, `2026年`: the year; `None` when no year is written.
fn year_of(s: &str) -> Option<i32> {
    let k = key(s);
    let k = k.trim_start_matches(['（', '(']).trim_end_matches(['）', ')']);
    let k = k.strip_suffix('度').unwrap_or(k);
    let digits = k.strip_suffix('年')?;
    if digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()) {
        digits.parse().ok().filter(|y| (2000..=2100).contains(y))
    } else {
        None
    }
}

/// Checks a filled template sheet: `cells` are its non-empty cells by (row, column),
/// 0-based, as read (numbers as their format prints them), merged-over cells left out.
/// Returns the problems found, each naming its cell, in sheet order.
pub fn check(cells: &BTreeMap<(u32, u32), String>) -> Vec<String> {
    let text = |r: u32, c: u32| cells.get(&(r, c)).map(|s| s.trim()).filter(|s| !s.is_empty());
    // The first text in columns `from..=to` of a row (a merged value, or typed beside it).
    let value = |r: u32, from: u32, to: u32| (from..=to).find_map(|c| text(r, c).map(|t| (c, t)));
    let mut problems: Vec<(u32, u32, String)> = Vec::new();
    // Found in row order but for a few fixed places near the top: past twice what is shown,
    // the rest of a huge sheet adds nothing to the first MAX_PROBLEMS.
    let mut problem = |r: u32, c: u32, m: String| {
        if problems.len() < 2 * MAX_PROBLEMS {
            problems.push((r, c, m));
        }
    };
    let last_row = cells.keys().map(|(r, _)| *r).max().unwrap_or(0);
    let last_col = HEADERS.len() as u32 - 1;

    let mut seen_name = false;
    let mut seen_department = false;
    let mut year_seen = false;
    let mut header = None;
    for r in 0..=last_row {
        let a = text(r, 0).map(key);
        // The year under the title, above the form's first label.
        if !seen_name && !year_seen {
            let written = value(r, 0, last_col).filter(|(_, t)| t.contains('年'));
            if let Some((c, t)) = written {
                year_seen = true;
                if year_of(t).is_none() {
                    problem(r, c, format!("年度应写作“（2026年度）”这样的四位年份，实际为“{t}”。"));
                }
            }
        }
        match a.as_deref() {
            Some(NAME) => {
                seen_name = true;
                if value(r, 1, last_col).is_none() {
                    problem(r, 1, "请填写项目名称。".into());
                }
            }
            Some(DEPARTMENT) => {
                seen_department = true;
                if value(r, 1, 2).is_none() {
                    problem(r, 1, "请填写主管部门。".into());
                }
            }
            Some(k) if k.starts_with("资金支出计划") => {
                for c in 1..=4 {
                    let Some(t) = text(r + 1, c) else { continue };
                    let n = plain_decimal(t.strip_suffix('%').unwrap_or(t));
                    if !n.is_some_and(|n| n <= Decimal::ONE_HUNDRED) {
                        let month = text(r, c).unwrap_or("该月底");
                        problem(r + 1, c, format!("资金支出计划“{month}”应为 0 到 100 之间的数字（累计支出百分比），实际为“{}”。", shown(t)));
                    }
                }
            }
            Some(k) if k == HEADERS[0] => {
                header = Some(r);
                break;
            }
            _ => {}
        }
        // The amounts: a label in column B, its value to the right.
        if let Some(b) = text(r, 1).map(key) {
            if let Some(name) = [TOTAL, FISCAL, OTHER].into_iter().find(|l| key(l) == b) {
                if let Some((c, t)) = value(r, 2, last_col) {
                    if t.strip_prefix('-').and_then(plain_decimal).is_some() {
                        problem(r, c, format!("{name}不能为负数，实际为“{}”。", shown(t)));
                    } else if plain_decimal(t).is_none() {
                        problem(r, c, format!("{name}应为数字（单位万元，如 12.5），实际为“{t}”。"));
                    }
                }
            }
        }
    }
    if !year_seen {
        problem(ROW_YEAR, 0, "缺少年度：请在标题下写明“（2026年度）”这样的年度。".into());
    }
    if !seen_name {
        problem(ROW_NAME, 0, "缺少“项目名称”一行。".into());
    }
    if !seen_department {
        problem(ROW_DEPARTMENT, 0, "缺少“主管部门”一行。".into());
    }
    let Some(header) = header else {
        problem(last_row + 1, 0, "缺少指标表（“一级指标”开头的表头行）。".into());
        return sorted(problems);
    };

    let names1: Vec<&str> = Level1::ALL.iter().map(|l| l.name()).collect();
    let names2: Vec<&str> = Level2::ALL.iter().map(|l| l.name()).collect();
    let (mut level1, mut level2): (Option<(Level1, &str)>, Option<(Level2, &str)>) = (None, None);
    // A missing level is reported once, not again on each row that would inherit it.
    let (mut missing1, mut missing2) = (false, false);
    for r in header + 1..=last_row {
        if (0..=last_col).all(|c| text(r, c).is_none()) {
            continue;
        }
        match text(r, 0) {
            Some(t) => match Level1::from_printed(t) {
                Some(l) => {
                    // A new 一级 starts its own 二级 group.
                    if level1.is_some_and(|(_, p)| key(p) != key(t)) {
                        level2 = None;
                    }
                    level1 = Some((l, t));
                }
                None => {
                    problem(r, 0, format!("一级指标应为{}之一，实际为“{t}”。", names1.join("、")));
                    (level1, missing1) = (None, true);
                }
            },
            None if level1.is_none() && !missing1 => {
                missing1 = true;
                problem(r, 0, "请选择一级指标。".into());
            }
            None => {}
        }
        match text(r, 1) {
            Some(t) => match Level2::from_printed(t) {
                Some(l) => {
                    if let Some((l1, p1)) = level1 {
                        let belongs = [Framework::Classic, Framework::Guideline2021]
                            .iter()
                            .any(|f| l.parent(*f) == l1);
                        if !belongs {
                            problem(r, 1, format!("二级指标“{t}”不属于一级指标“{p1}”。"));
                        }
                    }
                    level2 = Some((l, t));
                }
                None => {
                    problem(r, 1, format!("二级指标应为{}之一，实际为“{t}”。", names2.join("、")));
                    (level2, missing2) = (None, true);
                }
            },
            None if level2.is_none() && !missing2 => {
                missing2 = true;
                problem(r, 1, "请选择二级指标。".into());
            }
            None => {}
        }
        if text(r, 2).is_none() {
            problem(r, 2, "缺少三级指标：每条指标须填写三级指标（不用的行请整行清空）。".into());
        }
    }
    sorted(problems)
}

fn sorted(mut problems: Vec<(u32, u32, String)>) -> Vec<String> {
    problems.sort_by_key(|(r, c, _)| (*r, *c));
    problems
        .into_iter()
        .take(MAX_PROBLEMS)
        .map(|(r, c, m)| format!("{}：{m}", cell_name(r, c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(4), "E");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(cell_name(11, 4), "第12行 E列");
    }

    /// A sheet of thousands of bad rows: the first MAX_PROBLEMS problems, in sheet order,
    /// the missing name near the top among them.
    #[test]
    fn problems_are_the_first_in_sheet_order() {
        let mut cells = BTreeMap::new();
        let mut put = |r: u32, c: u32, t: &str| {
            cells.insert((r, c), t.to_string());
        };
        put(1, 0, "（2026年度）");
        put(3, 0, NAME);
        put(4, 0, DEPARTMENT);
        put(4, 1, "某局");
        put(13, 0, HEADERS[0]);
        for r in 14..5000 {
            put(r, 0, "产出指标");
            put(r, 1, "数量指标");
            put(r, 4, "≥1次");
        }
        let problems = check(&cells);
        assert_eq!(problems.len(), MAX_PROBLEMS);
        assert_eq!(problems[0], "第4行 B列：请填写项目名称。");
        assert_eq!(problems[1], "第15行 C列：缺少三级指标：每条指标须填写三级指标（不用的行请整行清空）。");
        assert!(problems[MAX_PROBLEMS - 1].starts_with(&format!("第{}行 C列", 14 + MAX_PROBLEMS - 1)));
    }

    #[test]
    fn years_and_amounts() {
        assert_eq!(year_of("（2026年度）"), Some(2026));
        assert_eq!(year_of("2026 年"), Some(2026));
        assert_eq!(year_of("（    年度）"), None);
        assert_eq!(year_of("（26年度）"), None);
        assert_eq!(plain_decimal("12.50"), Some(Decimal::new(1250, 2)));
        for bad in ["十万", "12.", ".5", "-3", "1e3", "12万元", ""] {
            assert_eq!(plain_decimal(bad), None, "{bad}");
        }
        assert_eq!(shown("-3.000000"), "-3");
        assert_eq!(shown("120.50"), "120.5");
        assert_eq!(shown("100"), "100");
        assert_eq!(shown("十万.00"), "十万.00");
    }
}
