//! The 项目支出绩效目标申报表 as a workbook to fill offline (issue 17): blank, or prefilled
//! from a stored project or draft. A department's filler downloads it, fills it in Excel or
//! WPS, and imports it through the ordinary upload, where it is read by the same
//! [`read_bytes`](crate::read_bytes) as any other file.
//!
//! One sheet, [`SHEET`], in the official layout: 项目名称, 主管部门 and 实施单位, 项目编码,
//! 项目资金（万元） with 年度资金总额 / 其中：财政拨款 / 其他资金, 资金用途, the 资金支出计划
//! (cumulative per cent at the end of March, June, October and December), 年度绩效目标 (one
//! goal per row) and the indicator grid 一级指标 / 二级指标 / 三级指标 / 指标描述 / 指标值 /
//! 指标值确定依据. 一级 and 二级 cells have drop-downs of the model's canonical names
//! ([`Level1::ALL`], [`Level2::ALL`]); amounts and the plan are number cells, every text cell
//! is formatted as text (a code `0012` or a target `95%` stays what was typed); notes and a
//! 填表说明 row say how to fill it; it prints on A4, one page wide.
//!
//! Reading a workbook with this sheet and the template's [`MARK`] leaves its 填表说明 rows
//! out and [`check`]s it, by its labels (rows may be added or moved): a row without its
//! 三级指标, an amount that is not a number, a level that is not one of the canonical names
//! refuse the whole file with Chinese messages naming the cell (`第18行 C列`), so nothing of
//! a half-filled form is imported.

use std::collections::BTreeMap;

use jixiao_model::{Decimal, Framework, Level1, Level2, Located, Money, Project};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, Format, FormatAlign, FormatBorder,
    Note, Workbook, Worksheet, XlsxError,
};

use crate::form::{decimal_text, decimals};

/// The template's sheet: reading a workbook checks the sheet of this name.
pub const SHEET: &str = "绩效目标申报表";
/// A workbook-level defined name the template carries (spreadsheet programs keep defined
/// names when they save): a sheet named [`SHEET`] is checked as the template only in a
/// workbook that has it, so a department's own form whose sheet has that name is read as
/// any other.
pub const MARK: &str = "JIXIAO_TEMPLATE";
/// The title printed in A1.
pub const TITLE: &str = "项目支出绩效目标申报表";
/// Empty indicator rows of a blank template; a prefilled one has [`SPARE_ROWS`] after its
/// indicators, and at least this many rows in all.
pub const MIN_INDICATOR_ROWS: usize = 20;
pub const SPARE_ROWS: usize = 10;
/// How many problems a refused template lists.
pub const MAX_PROBLEMS: usize = 20;

const NAME: &str = "项目名称";
const DEPARTMENT: &str = "主管部门";
const UNIT: &str = "实施单位";
const CODE: &str = "项目编码";
const FUNDS: &str = "项目资金（万元）";
const TOTAL: &str = "年度资金总额";
const FISCAL: &str = "其中：财政拨款";
const OTHER: &str = "其他资金";
const PURPOSE: &str = "资金用途";
const PLAN: &str = "资金支出计划（%）";
const PLAN_MONTHS: [&str; 4] = ["3月底", "6月底", "10月底", "12月底"];
const GOALS: &str = "年度绩效目标";
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
const HINT_MARK: &str = "填表说明";
const HINT: &str = "填表说明：金额以万元为单位，填数字；资金支出计划填截至各月底累计支出占年度资金的百分比（如 30 表示 30%）；年度绩效目标每行一条；一级指标、二级指标从下拉列表选择，同一指标类别下的后续行可留空；每条指标须填写三级指标和指标值。填好后在 jixiao 的“上传导入”页面导入，作为本部门的草稿保存。";

const WIDTHS: [f64; 6] = [14.0, 16.0, 22.0, 30.0, 16.0, 28.0];
const FONT: &str = "宋体";
/// A4 in Excel's paper numbering.
const A4: u8 = 9;
/// Amounts in 万元: at least two decimals shown, up to six kept (a 元 is 0.0001 万元).
const MONEY_FORMAT: &str = "0.00####";

// The rows of the layout (0-based).
const ROW_TITLE: u32 = 0;
const ROW_YEAR: u32 = 1;
const ROW_HINT: u32 = 2;
const ROW_NAME: u32 = 3;
const ROW_DEPARTMENT: u32 = 4;
const ROW_CODE: u32 = 5;
const ROW_TOTAL: u32 = 6;
const ROW_PURPOSE: u32 = 9;
const ROW_PLAN: u32 = 10;
const ROW_GOALS: u32 = 12;
/// Rows for 年度绩效目标 in a blank template (a prefilled one has one per goal, at least
/// this many); the indicator grid's header follows them.
pub const GOAL_ROWS: usize = 3;

/// What a template is prefilled with; everything `None` is a blank template.
#[derive(Debug, Clone, Copy, Default)]
pub struct TemplateFill<'a> {
    /// 主管部门.
    pub department: Option<&'a str>,
    /// The budget year printed under the title (`（2026年度）`).
    pub year: Option<i32>,
    /// The project whose fields and indicators fill the form.
    pub project: Option<&'a Project>,
}

/// Writes the template; errors only if the writer itself fails (never on the content).
pub fn write_template(fill: &TemplateFill<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(TITLE)
            .set_subject("预算绩效目标申报")
            .set_comment("由 jixiao 生成：填好后在 jixiao 的“上传导入”页面导入。"),
    );
    let ws = book.add_worksheet();
    ws.set_name(SHEET)?;
    draw(ws, fill)?;
    book.define_name(MARK, &format!("='{SHEET}'!$A$1"))?;
    book.save_to_buffer()
}

fn base() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(10.5)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
}

fn boxed() -> Format {
    base().set_border(FormatBorder::Thin)
}

/// A label: centred, bold, on grey.
fn label() -> Format {
    boxed()
        .set_align(FormatAlign::Center)
        .set_bold()
        .set_background_color(0xF2F2F2)
}

/// A cell to fill with text: formatted as text, so what is typed stays text.
fn input() -> Format {
    boxed().set_align(FormatAlign::Left).set_num_format("@")
}

fn centred_input() -> Format {
    input().set_align(FormatAlign::Center)
}

fn number(format: &str) -> Format {
    boxed().set_align(FormatAlign::Right).set_num_format(format)
}

fn text_of(v: &Option<Located<String>>) -> &str {
    v.as_ref().map_or("", |v| v.value.as_str())
}

/// Writes `text` over columns `c1..=c2` of `row` (merged when wider than one column).
fn put(ws: &mut Worksheet, row: u32, c1: u16, c2: u16, text: &str, f: &Format) -> Result<(), XlsxError> {
    if c2 > c1 {
        ws.merge_range(row, c1, row, c2, "", f)?;
    }
    if text.is_empty() {
        ws.write_blank(row, c1, f)?;
    } else {
        ws.write_string_with_format(row, c1, text, f)?;
    }
    Ok(())
}

/// An amount or a percentage as a number cell over `c1..=c2` (empty when `None`).
fn put_number(ws: &mut Worksheet, row: u32, c1: u16, c2: u16, v: Option<Decimal>, f: &Format) -> Result<(), XlsxError> {
    if c2 > c1 {
        ws.merge_range(row, c1, row, c2, "", f)?;
    }
    match v {
        Some(d) => match decimal_text(d).parse::<f64>() {
            Ok(n) if decimals(d) <= 6 => ws.write_number_with_format(row, c1, n, f)?,
            // More places than a number cell keeps here: the exact text.
            _ => ws.write_string_with_format(row, c1, decimal_text(d), f)?,
        },
        None => ws.write_blank(row, c1, f)?,
    };
    Ok(())
}

/// A row's height in points for texts wrapped in columns of the given widths: room for the
/// longest, and at least a comfortable line to type in.
fn height(texts: &[(&str, f64)]) -> f64 {
    let lines = texts.iter().map(|(t, w)| crate::write_table::text_lines(t, *w)).max().unwrap_or(1);
    (14.0 * lines as f64 + 6.0).max(20.0)
}

fn note(text: &str) -> Note {
    Note::new(text)
        .set_author("jixiao")
        .add_author_prefix(false)
        .set_font_name(FONT)
        .set_width(260)
        .set_height(90)
}

fn draw(ws: &mut Worksheet, fill: &TemplateFill<'_>) -> Result<(), XlsxError> {
    let p = fill.project;
    let last_col = HEADERS.len() as u16 - 1;
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }

    // Title, year and the hint, above the table (no borders: paragraphs to the reader).
    let title = base().set_bold().set_font_size(16).set_align(FormatAlign::Center);
    put(ws, ROW_TITLE, 0, last_col, TITLE, &title)?;
    ws.set_row_height(ROW_TITLE, 28)?;
    let year = match fill.year {
        Some(y) => format!("（{y}年度）"),
        None => "（    年度）".to_string(),
    };
    put(ws, ROW_YEAR, 0, last_col, &year, &base().set_align(FormatAlign::Center).set_num_format("@"))?;
    ws.insert_note(ROW_YEAR, 0, &note("在括号内填写预算年度，例如：（2026年度）"))?;
    let hint = base().set_font_size(9).set_font_color(0x595959);
    put(ws, ROW_HINT, 0, last_col, HINT, &hint)?;
    ws.set_row_height(ROW_HINT, 52)?;

    // 项目名称, 主管部门 / 实施单位, 项目编码.
    put(ws, ROW_NAME, 0, 0, NAME, &label())?;
    put(ws, ROW_NAME, 1, last_col, p.map_or("", |p| p.name.value.as_str()), &input())?;
    put(ws, ROW_DEPARTMENT, 0, 0, DEPARTMENT, &label())?;
    put(ws, ROW_DEPARTMENT, 1, 2, fill.department.unwrap_or(""), &input())?;
    put(ws, ROW_DEPARTMENT, 3, 3, UNIT, &label())?;
    let unit = p.and_then(|p| p.unit.as_ref()).map_or("", |u| u.printed.as_str());
    put(ws, ROW_DEPARTMENT, 4, last_col, unit, &input())?;
    put(ws, ROW_CODE, 0, 0, CODE, &label())?;
    put(ws, ROW_CODE, 1, last_col, p.map_or("", |p| text_of(&p.code)), &input())?;

    // 项目资金（万元）.
    ws.merge_range(ROW_TOTAL, 0, ROW_TOTAL + 2, 0, FUNDS, &label())?;
    let money = |m: &Option<Located<Money>>| m.as_ref().map(|m| m.value.0);
    let amounts = [
        (TOTAL, p.and_then(|p| money(&p.budget.total))),
        (FISCAL, p.and_then(|p| money(&p.budget.fiscal))),
        (OTHER, p.and_then(|p| money(&p.budget.other))),
    ];
    for (i, (name, value)) in amounts.iter().enumerate() {
        let row = ROW_TOTAL + i as u32;
        put(ws, row, 1, 1, name, &label())?;
        put_number(ws, row, 2, last_col, *value, &number(MONEY_FORMAT))?;
    }
    ws.insert_note(ROW_TOTAL, 2, &note("填数字，单位万元，例如 12.5。年度资金总额一般等于财政拨款与其他资金之和。"))?;

    for row in ROW_NAME..ROW_PURPOSE {
        ws.set_row_height(row, 20)?;
    }
    ws.set_row_height(ROW_PLAN, 20)?;
    ws.set_row_height(ROW_PLAN + 1, 20)?;

    // 资金用途.
    put(ws, ROW_PURPOSE, 0, 0, PURPOSE, &label())?;
    let purpose = p.map_or("", |p| text_of(&p.purpose));
    put(ws, ROW_PURPOSE, 1, last_col, purpose, &input())?;
    ws.set_row_height(ROW_PURPOSE, height(&[(purpose, WIDTHS[1..].iter().sum())]).max(48.0))?;

    // 资金支出计划: the months, then the cumulative percentages under them.
    ws.merge_range(ROW_PLAN, 0, ROW_PLAN + 1, 0, PLAN, &label())?;
    let plan = p.and_then(|p| p.spending_plan.as_ref());
    for (i, month) in PLAN_MONTHS.iter().enumerate() {
        let c = 1 + i as u16;
        let end = if i == 3 { last_col } else { c };
        put(ws, ROW_PLAN, c, end, month, &label())?;
        let v = plan.and_then(|plan| plan.cumulative_percent[i].as_ref().map(|v| v.value));
        put_number(ws, ROW_PLAN + 1, c, end, v, &boxed().set_align(FormatAlign::Right))?;
    }
    ws.insert_note(ROW_PLAN + 1, 1, &note("截至该月底累计支出占年度资金的百分比，填 0 到 100 的数字，例如 30 表示 30%。"))?;

    // 年度绩效目标: one goal per row, each numbered (`目标1`, as official forms print them, and
    // how a reader tells a further goal from stray text), the label merged down over them.
    let goals: Vec<&str> = p.map_or(Vec::new(), |p| p.goals.iter().map(|g| g.value.as_str()).collect());
    let goal_rows = goals.len().max(GOAL_ROWS) as u32;
    ws.merge_range(ROW_GOALS, 0, ROW_GOALS + goal_rows - 1, 0, GOALS, &label())?;
    for r in 0..goal_rows {
        let goal = goals.get(r as usize).copied().unwrap_or("");
        put(ws, ROW_GOALS + r, 1, 1, &format!("目标{}", r + 1), &label())?;
        put(ws, ROW_GOALS + r, 2, last_col, goal, &input())?;
        ws.set_row_height(ROW_GOALS + r, height(&[(goal, WIDTHS[2..].iter().sum())]).max(32.0))?;
    }
    ws.insert_note(ROW_GOALS, 2, &note("每行填写一条年度绩效目标；目标多于行数时可插入行，并在 B 列依次写“目标4”“目标5”……"))?;

    // The indicator grid.
    let header = ROW_GOALS + goal_rows;
    let first = header + 1;
    for (c, h) in HEADERS.iter().enumerate() {
        put(ws, header, c as u16, c as u16, h, &label())?;
    }
    ws.insert_note(header, 4, &note("例如：≥95%、≤10万元、100次、按时完成、明显提升。"))?;
    let indicators = p.map_or(&[][..], |p| p.indicators.as_slice());
    let rows = (indicators.len() + SPARE_ROWS).max(MIN_INDICATOR_ROWS) as u32;
    for r in 0..rows {
        let row = first + r;
        let ind = indicators.get(r as usize);
        let cells: [&str; 6] = match ind {
            Some(i) => [
                i.level1.printed.value.as_str(),
                i.level2.printed.value.as_str(),
                text_of(&i.level3),
                text_of(&i.description),
                i.target.as_ref().map_or("", |t| t.value.printed.as_str()),
                text_of(&i.basis),
            ],
            None => [""; 6],
        };
        for (c, text) in cells.iter().enumerate() {
            let f = if c < 2 || c == 4 { centred_input() } else { input() };
            put(ws, row, c as u16, c as u16, text, &f)?;
        }
        // Spreadsheets do not grow rows to wrapped text when opening a file.
        let texts: Vec<(&str, f64)> = cells.iter().zip(WIDTHS).map(|(t, w)| (*t, w)).collect();
        ws.set_row_height(row, height(&texts))?;
    }
    let last = first + rows - 1;
    let level1: Vec<&str> = Level1::ALL.iter().map(|l| l.name()).collect();
    let level2: Vec<&str> = Level2::ALL.iter().map(|l| l.name()).collect();
    for (c, names, what) in [(0u16, &level1, "一级指标"), (1, &level2, "二级指标")] {
        let v = DataValidation::new()
            .allow_list_strings(names)?
            .set_input_title(format!("选择{what}"))?
            .set_input_message("从下拉列表选择；同一类别下的后续行可留空。")?
            .set_error_title(format!("{what}不在列表中"))?
            .set_error_message(format!("{what}应为：{}。", names.join("、")))?
            .set_error_style(DataValidationErrorStyle::Stop);
        ws.add_data_validation(first, c, last, c, &v)?;
    }

    ws.set_paper_size(A4)
        .set_portrait()
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true);
    ws.set_print_area(0, 0, last, last_col)?;
    ws.set_repeat_rows(header, header)?;
    Ok(())
}

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
