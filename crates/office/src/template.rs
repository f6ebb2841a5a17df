//! The 项目支出绩效目标申报表 as a workbook to fill offline (issue 17): blank, or prefilled
//! from a stored project or draft. A department's filler downloads it, fills it in Excel or
//! WPS, and imports it through the ordinary upload, where it is read by the same
//! `jixiao_carriers::read_bytes` as any other file, which checks it against the layout both
//! share (`jixiao_carriers::template`: labels, rows, the sheet's name and mark).
//!
//! 一级 and 二级 cells have drop-downs of the model's canonical names ([`Level1::ALL`],
//! [`Level2::ALL`]); amounts and the plan are number cells, every text cell is formatted as
//! text (a code `0012` or a target `95%` stays what was typed); notes and a 填表说明 row say
//! how to fill it; it prints on A4, one page wide.

use jixiao_carriers::template::*;
use jixiao_model::{Decimal, Level1, Level2, Located, Money, Project};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, Format, FormatAlign, FormatBorder,
    Note, Workbook, Worksheet, XlsxError,
};

use crate::form::{decimal_text, decimals};

/// Empty indicator rows of a blank template; a prefilled one has [`SPARE_ROWS`] after its
/// indicators, and at least this many rows in all.
pub const MIN_INDICATOR_ROWS: usize = 20;
pub const SPARE_ROWS: usize = 10;

const WIDTHS: [f64; 6] = [14.0, 16.0, 22.0, 30.0, 16.0, 28.0];
const FONT: &str = "宋体";
/// A4 in Excel's paper numbering.
const A4: u8 = 9;
/// Amounts in 万元: at least two decimals shown, up to six kept (a 元 is 0.0001 万元).
const MONEY_FORMAT: &str = "0.00####";
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
