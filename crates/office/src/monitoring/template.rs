//! The monitoring template: one row per project (money) and one per indicator (progress),
//! pre-filled from the document and, when given, from earlier entries.

use jixiao_model::{Document, Money};
use rust_xlsxwriter::{DataValidation, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use jixiao_assess::actual::{ActualValue, TargetKind};
use jixiao_assess::monitoring::{DeviationCause, Likelihood, MonitoringReport, Period};
use rust_xlsxwriter::XlsxError;

use super::{SHEET_INDICATORS, SHEET_INFO, SHEET_PROJECTS};
use crate::write_table::to_f64;
use crate::WriteError;

/// Headers of the 项目 sheet, in column order: the first [`PROJECT_REQUIRED`] every
/// template has; then what the year-end self-evaluation needs besides (the funds' sources,
/// 实际完成情况, the explanation of a low execution rate), which a template written before
/// them lacks.
pub(crate) const PROJECT_HEADERS: [&str; 15] = [
    "项目序号",
    "项目名称",
    "项目编码",
    "年初预算数（万元）",
    "全年预算数（万元）",
    "执行数（万元）",
    "全年预计执行数（万元）",
    "其中：本年财政拨款全年预算数（万元）",
    "其中：本年财政拨款执行数（万元）",
    "上年结转资金全年预算数（万元）",
    "上年结转资金执行数（万元）",
    "其他资金全年预算数（万元）",
    "其他资金执行数（万元）",
    "实际完成情况",
    "执行率偏低原因说明",
];
/// How many of [`PROJECT_HEADERS`] a template must have.
pub(crate) const PROJECT_REQUIRED: usize = 7;
/// The columns of the funds' sources: (全年预算数, 执行数) of 本年财政拨款, 上年结转资金 and
/// 其他资金, as indices into [`PROJECT_HEADERS`].
pub(crate) const SOURCE_COLUMNS: [(usize, usize); 3] = [(7, 8), (9, 10), (11, 12)];
pub(crate) const GOAL_ACTUAL_COLUMN: usize = 13;
pub(crate) const EXPLANATION_COLUMN: usize = 14;

/// Headers of the 指标 sheet, in column order; entry columns start at 当前完成值.
pub(crate) const INDICATOR_HEADERS: [&str; 14] = [
    "项目序号",
    "指标序号",
    "项目名称",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "填写要求",
    "当前完成值",
    "全年预计完成值",
    "完成可能性",
    "偏差原因类别",
    "偏差原因分析",
    "改进措施",
];

/// Labels of the 填报说明 sheet (column A), values in column B.
pub(crate) const INFO_DEPARTMENT: &str = "部门";
pub(crate) const INFO_YEAR: &str = "预算年度";
pub(crate) const INFO_FIRST: &str = "起始月份";
pub(crate) const INFO_LAST: &str = "截止月份";
pub(crate) const INFO_SOURCE: &str = "文档";

struct Formats {
    header: Format,
    given: Format,
    entry: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::VerticalCenter);
        Formats {
            header: base.clone().set_bold().set_background_color(0xD9E1F2).set_align(FormatAlign::Center),
            given: base.clone().set_background_color(0xF2F2F2),
            entry: base,
        }
    }
}

/// Writes the monitoring template for a department's document and period. `filled` puts
/// earlier entries in the entry columns (a re-download, or a round trip).
pub fn monitor_template(doc: &Document, period: Period, filled: Option<&MonitoringReport>) -> Result<Vec<u8>, WriteError> {
    write(doc, period, filled).map_err(|e| WriteError { what: "监控填报模板".into(), detail: e.to_string() })
}

fn write(doc: &Document, period: Period, filled: Option<&MonitoringReport>) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    write_info(wb.add_worksheet(), doc, period, &f)?;
    write_projects(wb.add_worksheet(), doc, period, filled, &f)?;
    write_indicators(wb.add_worksheet(), doc, filled, &f)?;
    wb.save_to_buffer()
}

fn write_info(ws: &mut Worksheet, doc: &Document, period: Period, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(SHEET_INFO)?;
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 90)?;
    ws.write_string_with_format(0, 0, format!("运行监控填报（{}）", period.label()), &f.header)?;
    let department = doc.department.as_ref().map_or("", |d| d.value.as_str());
    ws.write_string(1, 0, INFO_DEPARTMENT)?;
    ws.write_string(1, 1, department)?;
    ws.write_string(2, 0, INFO_YEAR)?;
    match period.year.or(doc.year.as_ref().map(|y| y.value)) {
        Some(y) => ws.write_number(2, 1, y)?,
        None => ws.write_string(2, 1, "")?,
    };
    ws.write_string(3, 0, INFO_FIRST)?;
    ws.write_number(3, 1, period.first_month)?;
    ws.write_string(4, 0, INFO_LAST)?;
    ws.write_number(4, 1, period.last_month)?;
    ws.write_string(5, 0, INFO_SOURCE)?;
    ws.write_string(5, 1, &doc.source)?;
    let notes = [
        "填写方法：",
        "1. 灰色单元格由系统根据绩效目标生成，请勿修改；项目序号、指标序号、项目名称和三级指标用于核对，改动后将无法导入。",
        "2. 「项目」表填写全年预算数（已按文档预填，可改为调整后预算）、截至期末的执行数和全年预计执行数，单位万元。",
        "3. 「指标」表逐条填写当前完成值、全年预计完成值和完成可能性（确定能 / 有可能 / 完全不可能）。",
        "4. 定量指标填数值，百分比填百分数（95 表示 95%）；定性指标填“达成”“部分达成”或“未达成”；时限指标填“N月完成”或“未完成”。",
        "5. 完成可能性为“有可能”或“完全不可能”时，必须填写偏差原因类别（经费保障、制度保障、人员保障、硬件保障、其他）、偏差原因分析和改进措施。",
        "6. 导入时逐格检查，任一单元格有误则整份文件不导入，并列出全部错误的位置。",
        "7. 年终（截至12月）自评时，「项目」表还须填写：资金来源明细（其中本年财政拨款、上年结转资金、其他资金各自的全年预算数和执行数，万元，各项之和应等于全年预算数和执行数）、实际完成情况（总体目标的完成情况）；预算执行率偏低的，在“执行率偏低原因说明”列写明原因。",
    ];
    for (i, line) in notes.iter().enumerate() {
        ws.write_string(7 + i as u32, 0, *line)?;
    }
    Ok(())
}

fn write_money(ws: &mut Worksheet, row: u32, col: u16, m: Option<Money>, fmt: &Format) -> Result<(), XlsxError> {
    match m {
        Some(m) => ws.write_number_with_format(row, col, to_f64(m.0), fmt)?,
        None => ws.write_blank(row, col, fmt)?,
    };
    Ok(())
}

fn write_projects(ws: &mut Worksheet, doc: &Document, period: Period, filled: Option<&MonitoringReport>, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(SHEET_PROJECTS)?;
    for (c, h) in PROJECT_HEADERS.iter().enumerate() {
        let header = if *h == "执行数（万元）" { format!("{h}\n{}", period.label()) } else { h.to_string() };
        ws.write_string_with_format(0, c as u16, header, &f.header)?;
        let width = match c {
            1 => 36,
            GOAL_ACTUAL_COLUMN | EXPLANATION_COLUMN => 40,
            _ => 16,
        };
        ws.set_column_width(c as u16, width)?;
    }
    ws.set_freeze_panes(1, 2)?;
    for (i, p) in doc.projects.iter().enumerate() {
        let row = i as u32 + 1;
        let entry = filled.and_then(|r| r.projects.iter().find(|pm| pm.project == i));
        let printed = p.budget.total.as_ref().map(|m| m.value);
        ws.write_number_with_format(row, 0, (i + 1) as f64, &f.given)?;
        ws.write_string_with_format(row, 1, &p.name.value, &f.given)?;
        ws.write_string_with_format(row, 2, p.code.as_ref().map_or("", |c| c.value.as_str()), &f.given)?;
        write_money(ws, row, 3, printed, &f.given)?;
        write_money(ws, row, 4, entry.and_then(|e| e.annual_budget).or(printed), &f.entry)?;
        write_money(ws, row, 5, entry.and_then(|e| e.spent_to_date), &f.entry)?;
        write_money(ws, row, 6, entry.and_then(|e| e.expected_full_year_spend), &f.entry)?;
        let year_end = entry.map(|e| &e.year_end);
        let sources = year_end.map(|y| [y.fiscal, y.carried_over, y.other]).unwrap_or_default();
        for ((budget, spent), source) in SOURCE_COLUMNS.iter().zip(sources) {
            write_money(ws, row, *budget as u16, source.adjusted, &f.entry)?;
            write_money(ws, row, *spent as u16, source.executed, &f.entry)?;
        }
        for (col, text) in [
            (GOAL_ACTUAL_COLUMN, year_end.and_then(|y| y.goal_actual.as_deref())),
            (EXPLANATION_COLUMN, year_end.and_then(|y| y.budget_explanation.as_deref())),
        ] {
            match text {
                Some(t) => ws.write_string_with_format(row, col as u16, t, &f.entry)?,
                None => ws.write_blank(row, col as u16, &f.entry)?,
            };
        }
    }
    Ok(())
}

fn write_value(ws: &mut Worksheet, row: u32, col: u16, v: Option<&ActualValue>, kind: &TargetKind, fmt: &Format) -> Result<(), XlsxError> {
    match v {
        Some(ActualValue::Number { value }) => ws.write_number_with_format(row, col, to_f64(*value), fmt)?,
        Some(other) => ws.write_string_with_format(row, col, other.display(kind), fmt)?,
        None => ws.write_blank(row, col, fmt)?,
    };
    Ok(())
}

fn write_indicators(ws: &mut Worksheet, doc: &Document, filled: Option<&MonitoringReport>, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(SHEET_INDICATORS)?;
    let widths = [8, 8, 24, 12, 14, 24, 14, 24, 14, 14, 12, 12, 30, 30];
    for (c, h) in INDICATOR_HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.header)?;
        ws.set_column_width(c as u16, widths[c])?;
    }
    ws.set_freeze_panes(1, 6)?;
    let mut row = 1u32;
    for (pi, p) in doc.projects.iter().enumerate() {
        let entry = filled.and_then(|r| r.projects.iter().find(|pm| pm.project == pi));
        for (ii, ind) in p.indicators.iter().enumerate() {
            let kind = TargetKind::of(ind);
            let progress = entry.and_then(|e| e.indicators.iter().find(|ip| ip.indicator == ii));
            let given = [
                ind.level1.printed.value.as_str(),
                ind.level2.printed.value.as_str(),
                ind.level3_text(),
                ind.target.as_ref().map_or("", |t| t.value.printed.as_str()),
            ];
            ws.write_number_with_format(row, 0, (pi + 1) as f64, &f.given)?;
            ws.write_number_with_format(row, 1, (ii + 1) as f64, &f.given)?;
            ws.write_string_with_format(row, 2, &p.name.value, &f.given)?;
            for (k, text) in given.iter().enumerate() {
                ws.write_string_with_format(row, 3 + k as u16, *text, &f.given)?;
            }
            ws.write_string_with_format(row, 7, kind.hint(), &f.given)?;
            write_value(ws, row, 8, progress.and_then(|p| p.current.as_ref()), &kind, &f.entry)?;
            write_value(ws, row, 9, progress.and_then(|p| p.expected_full_year.as_ref()), &kind, &f.entry)?;
            let texts = [
                progress.and_then(|p| p.likelihood).map(|l| l.label().to_string()),
                progress.and_then(|p| p.cause).map(|c| c.label().to_string()),
                progress.and_then(|p| p.cause_text.clone()),
                progress.and_then(|p| p.measures.clone()),
            ];
            for (k, text) in texts.iter().enumerate() {
                match text {
                    Some(t) => ws.write_string_with_format(row, 10 + k as u16, t, &f.entry)?,
                    None => ws.write_blank(row, 10 + k as u16, &f.entry)?,
                };
            }
            row += 1;
        }
    }
    if row > 1 {
        let likelihoods: Vec<&str> = Likelihood::ALL.iter().map(|l| l.label()).collect();
        let causes: Vec<&str> = DeviationCause::ALL.iter().map(|c| c.label()).collect();
        ws.add_data_validation(1, 10, row - 1, 10, &DataValidation::new().allow_list_strings(&likelihoods)?)?;
        ws.add_data_validation(1, 11, row - 1, 11, &DataValidation::new().allow_list_strings(&causes)?)?;
    }
    Ok(())
}
