//! 项目支出绩效自评表 (one sheet per project), department summary and monitoring lights
//! as .xlsx, written from the same forms as the HTML.

use jixiao_model::Document;
use rust_xlsxwriter::Workbook;

use super::{sheet_name, WriteError};
use crate::form::{write_sheet, Form};
use crate::lights::ProjectLights;
use crate::monitoring::MonitoringReport;
use crate::report::{lights_form, self_evaluation_form, summary_form, DepartmentSummary};
use crate::scoring::ProjectScore;

fn workbook(sheets: &[(String, Form)]) -> Result<Vec<u8>, WriteError> {
    let mut wb = Workbook::new();
    for (name, form) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        write_sheet(ws, form)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// 项目支出绩效自评表：每个项目一张工作表（“序号-项目名称”）。
pub fn self_evaluation_xlsx(doc: &Document, scores: &[ProjectScore]) -> Result<Vec<u8>, WriteError> {
    let sheets: Vec<(String, Form)> =
        scores.iter().map(|s| (sheet_name(s.project, &s.name), self_evaluation_form(doc, s))).collect();
    workbook(&sheets)
}

/// 部门汇总表。
pub fn department_summary_xlsx(summary: &DepartmentSummary) -> Result<Vec<u8>, WriteError> {
    workbook(&[("汇总".to_string(), summary_form(summary))])
}

/// 运行监控预警表。
pub fn lights_xlsx(doc: &Document, report: &MonitoringReport, lights: &[ProjectLights]) -> Result<Vec<u8>, WriteError> {
    workbook(&[("预警".to_string(), lights_form(doc, report, lights))])
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

    use super::*;
    use crate::report::department_summary;

    /// The cell at an A1 reference, read back with calamine.
    fn cells(bytes: &[u8], sheet: &str) -> impl Fn(&str) -> Data {
        let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
        let range = wb.worksheet_range(sheet).unwrap();
        move |a1: &str| {
            let split = a1.find(|c: char| c.is_ascii_digit()).unwrap();
            let col = a1[..split].bytes().fold(0u32, |n, b| n * 26 + (b - b'A' + 1) as u32) - 1;
            let row = a1[split..].parse::<u32>().unwrap() - 1;
            range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
        }
    }

    fn s(text: &str) -> Data {
        Data::String(text.into())
    }

    #[test]
    fn self_evaluation_workbook_in_the_official_layout() {
        let (doc, scores) = crate::report::tests::scored();
        let bytes = self_evaluation_xlsx(&doc, &scores).unwrap();
        let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
        assert_eq!(wb.sheet_names(), ["1-“双控”机制建设", "2-<应急>演练"]);
        let _ = wb.worksheet_range("1-“双控”机制建设").unwrap();
        let at = cells(&bytes, "1-“双控”机制建设");
        assert_eq!(at("A1"), s("项目支出绩效自评表"));
        assert_eq!(at("A2"), s("（2023年度）"));
        assert_eq!(at("A3"), s("项目名称"));
        assert_eq!(at("B3"), s("“双控”机制建设"));
        assert_eq!(at("B4"), s("临西县应急管理局"));
        // Money block: header on row 5, 年度资金总额 on row 6.
        let money_head: Vec<Data> = ["D5", "E5", "F5", "G5", "H5", "I5"].iter().map(|c| at(c)).collect();
        assert_eq!(money_head, ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"].map(s));
        assert_eq!(at("B6"), s("年度资金总额"));
        let money: Vec<Data> = ["D6", "E6", "F6", "G6", "H6", "I6"].iter().map(|c| at(c)).collect();
        assert_eq!(money, [5.0, 5.0, 4.5, 10.0, 90.0, 9.0].map(Data::Float));
        assert_eq!(at("B7"), s("其中：本年财政拨款"));
        assert_eq!(at("B8"), s("上年结转资金"));
        assert_eq!(at("B9"), s("其他资金"));
        assert_eq!(at("A10"), s("年度总体目标"));
        assert_eq!(at("B11"), s("完成“双控”机制建设工作任务"));
        assert_eq!(at("F11"), s("全年开展活动16次"));
        let head: Vec<Data> = ["A12", "B12", "C12", "D12", "E12", "F12", "G12", "H12", "I12"].iter().map(|c| at(c)).collect();
        assert_eq!(
            head,
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"].map(s)
        );
        let second: Vec<Data> = ["C14", "D14", "E14", "F14", "G14", "H14"].iter().map(|c| at(c)).collect();
        assert_eq!(
            second,
            [s("质量指标"), s("活动质量"), s("≥95%"), s("90%"), Data::Float(16.67), Data::Float(15.79)]
        );
        assert_eq!(at("A19"), s("总分"));
        assert_eq!(at("G19"), Data::Float(100.0));
        assert_eq!(at("H19"), Data::Float(97.57));
        assert_eq!(at("I19"), s("等级：优"));
    }

    #[test]
    fn summary_workbook() {
        let (doc, scores) = crate::report::tests::scored();
        let summary = department_summary(&doc, &scores, None, &[]);
        let bytes = department_summary_xlsx(&summary).unwrap();
        let at = cells(&bytes, "汇总");
        assert_eq!(at("A1"), s("临西县应急管理局 项目支出绩效汇总"));
        assert_eq!(at("B4"), s("“双控”机制建设"));
        assert_eq!(at("H4"), Data::Float(97.57));
        assert_eq!(at("I4"), s("优"));
        assert_eq!(at("H5"), Data::Float(55.0));
        assert_eq!(at("I5"), s("差"));
        // 合计: budget 5 + 8 = 13, executed 4.5 + 8 = 12.5, mean (97.567… + 55) / 2 = 76.28.
        assert_eq!(at("A6"), s("合计"));
        assert_eq!(at("C6"), Data::Float(13.0));
        assert_eq!(at("D6"), Data::Float(12.5));
        assert_eq!(at("H6"), Data::Float(76.28));
        assert_eq!(at("I6"), s("优1 良0 中0 差1"));
    }
}
