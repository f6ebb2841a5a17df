//! The monitoring template written, filled and read back with the real reader (calamine).

use std::io::Cursor;
use std::str::FromStr;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use jixiao_model::{Decimal, Document, Money};
use rust_xlsxwriter::Workbook;

use super::*;
use jixiao_assess::actual::{ActualValue, QualitativeBand};
use jixiao_assess::monitoring::{DeviationCause, IndicatorProgress, Likelihood, MonitoringReport, Period, ProjectMonitoring};
use jixiao_assess::testdoc::{doc_with, ind};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn doc() -> Document {
    doc_with(vec![
        (
            "“双控”机制建设",
            "5",
            vec![
                ind("产出指标", "数量指标", "活动次数", "≥16次/年"),
                ind("产出指标", "时效指标", "完成时间", "2023年6月底前"),
                ind("效益指标", "社会效益指标", "长效机制", "健全"),
            ],
        ),
        ("应急演练", "8.25", vec![ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%")]),
    ])
}

fn period() -> Period {
    Period::to_month(Some(2023), 7).unwrap()
}

/// The sheets of a workbook as grids of calamine cells.
fn sheets(bytes: &[u8]) -> Vec<(String, calamine::Range<Data>)> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    wb.sheet_names().into_iter().map(|n| (n.clone(), wb.worksheet_range(&n).unwrap())).collect()
}

fn cell(bytes: &[u8], sheet: &str, a1: &str) -> Data {
    let (col, row) = a1.split_at(a1.find(|c: char| c.is_ascii_digit()).unwrap());
    let col = col.bytes().fold(0u32, |n, b| n * 26 + (b - b'A' + 1) as u32) - 1;
    let row: u32 = row.parse::<u32>().unwrap() - 1;
    let all = sheets(bytes);
    let range = &all.iter().find(|(n, _)| n == sheet).unwrap().1;
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

#[derive(Clone)]
enum Put<'a> {
    Text(&'a str),
    Num(f64),
    Blank,
}

/// Copies every cell of a workbook into a new one written with rust_xlsxwriter, changing
/// some: what a person filling the template in a spreadsheet program produces.
fn fill(bytes: &[u8], edits: &[(&str, &str, Put)]) -> Vec<u8> {
    let mut wb = Workbook::new();
    for (name, range) in sheets(bytes) {
        let ws = wb.add_worksheet();
        ws.set_name(&name).unwrap();
        for (r, c, v) in range.used_cells() {
            let (r, c) = (r as u32 + range.start().unwrap().0, c as u16 + range.start().unwrap().1 as u16);
            match v {
                Data::String(s) => ws.write_string(r, c, s).map(|_| ()).unwrap(),
                Data::Float(f) => ws.write_number(r, c, *f).map(|_| ()).unwrap(),
                Data::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()).unwrap(),
                _ => {}
            }
        }
        for (sheet, a1, put) in edits {
            if *sheet != name {
                continue;
            }
            let (col, row) = a1.split_at(a1.find(|c: char| c.is_ascii_digit()).unwrap());
            let col = (col.bytes().fold(0u32, |n, b| n * 26 + (b - b'A' + 1) as u32) - 1) as u16;
            let row: u32 = row.parse::<u32>().unwrap() - 1;
            match put {
                Put::Text(t) => ws.write_string(row, col, *t).map(|_| ()).unwrap(),
                Put::Num(n) => ws.write_number(row, col, *n).map(|_| ()).unwrap(),
                Put::Blank => ws.write_blank(row, col, &rust_xlsxwriter::Format::new()).map(|_| ()).unwrap(),
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn template_is_prefilled_from_the_document() {
    let bytes = monitor_template(&doc(), period(), None).unwrap();
    let names: Vec<String> = sheets(&bytes).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, [SHEET_INFO, SHEET_PROJECTS, SHEET_INDICATORS]);
    assert_eq!(cell(&bytes, SHEET_INFO, "A1"), Data::String("运行监控填报（2023年1–7月）".into()));
    assert_eq!(cell(&bytes, SHEET_INFO, "B4"), Data::Float(1.0));
    assert_eq!(cell(&bytes, SHEET_INFO, "B5"), Data::Float(7.0));
    assert_eq!(cell(&bytes, SHEET_PROJECTS, "B3"), Data::String("应急演练".into()));
    assert_eq!(cell(&bytes, SHEET_PROJECTS, "D3"), Data::Float(8.25), "年初预算数");
    assert_eq!(cell(&bytes, SHEET_PROJECTS, "E3"), Data::Float(8.25), "全年预算数 pre-filled");
    assert_eq!(cell(&bytes, SHEET_PROJECTS, "F3"), Data::Empty, "执行数 left to fill");
    assert_eq!(cell(&bytes, SHEET_INDICATORS, "F2"), Data::String("活动次数".into()));
    assert_eq!(cell(&bytes, SHEET_INDICATORS, "G2"), Data::String("≥16次/年".into()));
    assert_eq!(cell(&bytes, SHEET_INDICATORS, "H2"), Data::String("填数值（单位：次/年）".into()));
    assert_eq!(cell(&bytes, SHEET_INDICATORS, "A5"), Data::Float(2.0));
    assert_eq!(cell(&bytes, SHEET_INDICATORS, "H5"), Data::String("填数值（百分数，如 95 表示 95%）".into()));
}

#[test]
fn filled_entries_survive_a_round_trip() {
    let doc = doc();
    let report = MonitoringReport {
        period: period(),
        projects: vec![
            ProjectMonitoring {
                year_end: Default::default(),
                project: 0,
                annual_budget: Some(Money(d("5.5"))),
                spent_to_date: Some(Money(d("2.35"))),
                expected_full_year_spend: Some(Money(d("5.5"))),
                indicators: vec![
                    IndicatorProgress {
                        current: Some(ActualValue::number(d("7"))),
                        expected_full_year: Some(ActualValue::number(d("14"))),
                        likelihood: Some(Likelihood::Possible),
                        cause: Some(DeviationCause::Staffing),
                        cause_text: Some("执法人员抽调参加防汛".into()),
                        measures: Some("四季度集中开展".into()),
                        ..IndicatorProgress::empty(0)
                    },
                    IndicatorProgress {
                        current: Some(ActualValue::Completed { month: 5 }),
                        likelihood: Some(Likelihood::Certain),
                        ..IndicatorProgress::empty(1)
                    },
                    IndicatorProgress {
                        current: Some(ActualValue::Band { band: QualitativeBand::PartlyAchieved, share: Some(d("75")) }),
                        likelihood: Some(Likelihood::Certain),
                        ..IndicatorProgress::empty(2)
                    },
                ],
            },
            ProjectMonitoring {
                year_end: Default::default(),
                project: 1,
                annual_budget: Some(Money(d("8.25"))),
                spent_to_date: Some(Money(d("0"))),
                expected_full_year_spend: None,
                indicators: vec![IndicatorProgress {
                    current: Some(ActualValue::number(d("92.5"))),
                    likelihood: Some(Likelihood::Certain),
                    ..IndicatorProgress::empty(0)
                }],
            },
        ],
    };
    let bytes = monitor_template(&doc, period(), Some(&report)).unwrap();
    assert_eq!(read_monitoring_xlsx("监控.xlsx", &bytes, &doc), Ok(report.clone()));
    // Through a spreadsheet program's save as well.
    let resaved = fill(&bytes, &[]);
    assert_eq!(read_monitoring_xlsx("监控.xlsx", &resaved, &doc), Ok(report));
}

#[test]
fn a_person_fills_the_template() {
    let doc = doc();
    let blank = monitor_template(&doc, period(), None).unwrap();
    let filled = fill(
        &blank,
        &[
            (SHEET_PROJECTS, "F2", Put::Num(2.5)),
            (SHEET_PROJECTS, "F3", Put::Text("4.1万元")),
            (SHEET_INDICATORS, "I2", Put::Text("9次/年")),
            (SHEET_INDICATORS, "K2", Put::Text("确定能")),
            (SHEET_INDICATORS, "I3", Put::Text("未完成")),
            (SHEET_INDICATORS, "K3", Put::Text("有可能")),
            (SHEET_INDICATORS, "L3", Put::Text("硬件保障")),
            (SHEET_INDICATORS, "M3", Put::Text("设备未到货")),
            (SHEET_INDICATORS, "N3", Put::Text("督促供应商")),
            (SHEET_INDICATORS, "I4", Put::Text("达成")),
            (SHEET_INDICATORS, "K4", Put::Text("确定能")),
            (SHEET_INDICATORS, "I5", Put::Num(93.0)),
            (SHEET_INDICATORS, "K5", Put::Text("确定能")),
        ],
    );
    let report = read_monitoring_xlsx("监控.xlsx", &filled, &doc).unwrap();
    assert_eq!(report.period, period());
    assert_eq!(report.projects[0].spent_to_date, Some(Money(d("2.5"))));
    assert_eq!(report.projects[0].annual_budget, Some(Money(d("5"))));
    assert_eq!(report.projects[1].spent_to_date, Some(Money(d("4.1"))));
    let p0 = &report.projects[0].indicators;
    assert_eq!(p0[0].current, Some(ActualValue::number(d("9"))));
    assert_eq!(p0[1].current, Some(ActualValue::NotCompleted));
    assert_eq!(p0[1].cause, Some(DeviationCause::Hardware));
    assert_eq!(p0[2].current, Some(ActualValue::band(QualitativeBand::Achieved)));
    assert_eq!(report.projects[1].indicators[0].current, Some(ActualValue::number(d("93"))));
}

#[test]
fn every_bad_cell_is_reported_and_nothing_is_returned() {
    let doc = doc();
    let blank = monitor_template(&doc, period(), None).unwrap();
    let filled = fill(
        &blank,
        &[
            (SHEET_PROJECTS, "F2", Put::Text("两万")),
            (SHEET_PROJECTS, "G3", Put::Num(-1.0)),
            (SHEET_INDICATORS, "I2", Put::Text("很多")),
            (SHEET_INDICATORS, "K2", Put::Text("确定能")),
            (SHEET_INDICATORS, "K3", Put::Text("大概")),
            (SHEET_INDICATORS, "I4", Put::Text("部分达成")),
            (SHEET_INDICATORS, "K4", Put::Text("完全不可能")),
            (SHEET_INDICATORS, "L4", Put::Text("其他")),
            (SHEET_INDICATORS, "K5", Put::Blank),
        ],
    );
    let messages: Vec<String> = read_monitoring_xlsx("监控.xlsx", &filled, &doc).unwrap_err().iter().map(|e| e.to_string()).collect();
    assert_eq!(
        messages,
        [
            "监控.xlsx：工作表「项目」第2行F列（执行数（万元））：“两万”不是金额（单位万元，填数字）",
            "监控.xlsx：工作表「项目」第3行G列（全年预计执行数（万元））：全年预计执行数不能为负数",
            "监控.xlsx：工作表「指标」第2行I列（当前完成值）：“很多”无效：填数值（单位：次/年）",
            "监控.xlsx：工作表「指标」第3行K列（完成可能性）：“大概”无效：应为 确定能、有可能 或 完全不可能",
            "监控.xlsx：工作表「指标」第4行M列（偏差原因分析）：完成可能性为“完全不可能”时必须填写偏差原因分析",
            "监控.xlsx：工作表「指标」第4行N列（改进措施）：完成可能性为“完全不可能”时必须填写改进措施",
            "监控.xlsx：工作表「指标」第5行K列（完成可能性）：未填写完成可能性",
        ]
    );
}

#[test]
fn templates_for_another_document_are_refused() {
    let doc = doc();
    let blank = monitor_template(&doc, period(), None).unwrap();
    let edited = fill(&blank, &[(SHEET_INDICATORS, "F3", Put::Text("别的指标")), (SHEET_PROJECTS, "A3", Put::Num(9.0))]);
    let messages: Vec<String> = read_monitoring_xlsx("监控.xlsx", &edited, &doc).unwrap_err().iter().map(|e| e.to_string()).collect();
    // The blank template also lacks every 完成可能性; the identity errors come first by place.
    assert_eq!(messages[0], "监控.xlsx：工作表「项目」第3行A列（项目序号）：项目序号“9”无效（文档共2个项目）");
    assert!(messages.contains(&"监控.xlsx：工作表「指标」第3行F列（三级指标）：三级指标“别的指标”与文档中该项目第2条指标“完成时间”不符".to_string()), "{messages:#?}");
}

#[test]
fn not_a_workbook() {
    let errors = read_monitoring_xlsx("监控.xlsx", b"not a zip", &doc()).unwrap_err();
    assert!(errors[0].to_string().starts_with("监控.xlsx：不是有效的 xlsx 文件"), "{}", errors[0]);
    let mut wb = Workbook::new();
    // Another workbook (not an empty one: that is called empty, below).
    wb.add_worksheet().set_name("Sheet1").unwrap().write_string(0, 0, "别的表").unwrap();
    let other = wb.save_to_buffer().unwrap();
    let errors = read_monitoring_xlsx("监控.xlsx", &other, &doc()).unwrap_err();
    assert_eq!(errors[0].to_string(), "监控.xlsx：缺少工作表「填报说明」，请使用系统下载的监控模板");
}

/// Issue 15, item 5: the year-end input's errors name their cell. A blank 当前完成值 and 执行数,
/// a band's share outside its band and a row deleted from the template are each placed on
/// their sheet, row and column (the deleted row: its sheet and what it would carry); a period
/// not ending in December names the 截止月份 cell.
#[test]
fn year_end_errors_name_their_cells() {
    let doc = doc();
    let cfg = jixiao_assess::ScoringConfig::default();
    let year = Period::to_month(Some(2023), 12).unwrap();
    let blank = monitor_template(&doc, year, None).unwrap();
    let filled = fill(
        &blank,
        &[
            (SHEET_PROJECTS, "F2", Put::Num(4.0)),
            // F3 (执行数 of 应急演练) left blank.
            (SHEET_INDICATORS, "I2", Put::Text("16次/年")),
            (SHEET_INDICATORS, "K2", Put::Text("确定能")),
            // I3 (当前完成值 of 完成时间) left blank.
            (SHEET_INDICATORS, "K3", Put::Text("确定能")),
            (SHEET_INDICATORS, "I4", Put::Text("部分达成 95%")),
            (SHEET_INDICATORS, "K4", Put::Text("有可能")),
            (SHEET_INDICATORS, "L4", Put::Text("其他")),
            (SHEET_INDICATORS, "M4", Put::Text("尚在完善")),
            (SHEET_INDICATORS, "N4", Put::Text("年内完善")),
            // Row 5 (满意度) deleted.
            (SHEET_INDICATORS, "A5", Put::Blank),
            (SHEET_INDICATORS, "B5", Put::Blank),
            (SHEET_INDICATORS, "C5", Put::Blank),
            (SHEET_INDICATORS, "D5", Put::Blank),
            (SHEET_INDICATORS, "E5", Put::Blank),
            (SHEET_INDICATORS, "F5", Put::Blank),
            (SHEET_INDICATORS, "G5", Put::Blank),
            (SHEET_INDICATORS, "H5", Put::Blank),
        ],
    );
    let messages: Vec<String> = score_year_end_xlsx("全年.xlsx", &filled, &doc, &cfg).unwrap_err().iter().map(|e| e.to_string()).collect();
    assert_eq!(
        messages,
        [
            // (80% spent, and no reason given.)
            "全年.xlsx：工作表「项目」第2行O列（执行率偏低原因说明）：预算执行率 80.00% 低于 90%，须填写执行率偏低原因说明",
            "全年.xlsx：工作表「项目」第3行F列（执行数（万元））：未填写全年执行数",
            "全年.xlsx：工作表「指标」：缺少项目序号 2、指标序号 1（满意度）这一行：未填写实际完成值",
            "全年.xlsx：工作表「指标」第3行I列（当前完成值）：未填写实际完成值",
            "全年.xlsx：工作表「指标」第4行I列（当前完成值）：实际完成值“部分达成并具有一定效果（95%）”不适用于该指标：“部分达成并具有一定效果”档的得分比例应在 60%–80% 之间，填的是 95%",
        ]
    );
    // A template that ends in July is no year-end input: the 截止月份 cell says so.
    let july = fill(
        &monitor_template(&doc, period(), None).unwrap(),
        &[
            (SHEET_INDICATORS, "K2", Put::Text("确定能")),
            (SHEET_INDICATORS, "K3", Put::Text("确定能")),
            (SHEET_INDICATORS, "K4", Put::Text("确定能")),
            (SHEET_INDICATORS, "K5", Put::Text("确定能")),
        ],
    );
    let messages: Vec<String> = score_year_end_xlsx("七月.xlsx", &july, &doc, &cfg).unwrap_err().iter().map(|e| e.to_string()).collect();
    assert!(messages.iter().any(|m| m.starts_with("七月.xlsx：工作表「填报说明」第") && m.contains("B列（截止月份）：监控期间无效：自评须使用截至12月的全年数据")), "{messages:#?}");
}

/// Issue 15, item 5: an empty file, an empty workbook and broken zips are named so in Chinese
/// (no English from the zip or spreadsheet library).
#[test]
fn empty_and_broken_files_are_named_in_chinese() {
    let doc = doc();
    let one = |bytes: &[u8]| -> String {
        let errors = read_monitoring_xlsx("监控.xlsx", bytes, &doc).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors[0].to_string()
    };
    assert_eq!(one(b""), "监控.xlsx：文件为空（0 字节）：请上传填好的监控模板（.xlsx）");
    let mut wb = Workbook::new();
    wb.add_worksheet();
    assert_eq!(one(&wb.save_to_buffer().unwrap()), "监控.xlsx：工作簿是空的（没有任何单元格）：请在系统下载的监控模板中填写后上传");
    let truncated = monitor_template(&doc, period(), None).unwrap();
    let cut = one(&truncated[..truncated.len() / 2]);
    assert!(cut.starts_with("监控.xlsx：不是有效的 xlsx 文件：Excel文件已损坏或不完整（zip 目录）："), "{cut}");
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("hello.txt", zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(&mut zip, b"x").unwrap();
    let not_a_workbook = zip.finish().unwrap().into_inner();
    assert_eq!(one(&not_a_workbook), "监控.xlsx：不是有效的 xlsx 文件：压缩包中没有 Excel 工作簿（xl/workbook.xml），请使用系统下载的监控模板");
    for bytes in [&b"not a zip"[..], &b"PK\x03\x04garbage"[..]] {
        let m = one(bytes);
        assert!(m.chars().filter(char::is_ascii_alphabetic).all(|c| "xlsxzipExcelxmlPK".contains(c)), "{m}");
    }
}

/// The year-end template as a person fills it in a spreadsheet program: every indicator's
/// actual, and for the first project what the 自评表 needs besides — the funds' sources
/// (本年财政拨款 4 + 上年结转资金 1 of 全年预算数 5, 执行数 3.5 + 0.5 of 4), 实际完成情况
/// and the explanation of its 80% execution rate (`cells`: more edits).
fn year_end_filled(cells: &[(&str, &str, Put)]) -> Vec<u8> {
    let year = Period::to_month(Some(2023), 12).unwrap();
    let blank = monitor_template(&doc(), year, None).unwrap();
    let mut edits = vec![
        (SHEET_PROJECTS, "E2", Put::Num(5.0)),
        (SHEET_PROJECTS, "F2", Put::Num(4.0)),
        (SHEET_PROJECTS, "H2", Put::Num(4.0)),
        (SHEET_PROJECTS, "I2", Put::Num(3.5)),
        (SHEET_PROJECTS, "J2", Put::Num(1.0)),
        (SHEET_PROJECTS, "K2", Put::Text("0.5")),
        (SHEET_PROJECTS, "N2", Put::Text("全年开展“双控”活动16次，长效机制已健全。")),
        (SHEET_PROJECTS, "O2", Put::Text("部分设备采购款按合同于次年初支付。")),
        (SHEET_PROJECTS, "F3", Put::Num(8.25)),
        (SHEET_INDICATORS, "I2", Put::Text("16次/年")),
        (SHEET_INDICATORS, "I3", Put::Text("5月完成")),
        (SHEET_INDICATORS, "I4", Put::Text("达成")),
        (SHEET_INDICATORS, "I5", Put::Num(93.0)),
    ];
    for likely in ["K2", "K3", "K4", "K5"] {
        edits.push((SHEET_INDICATORS, likely, Put::Text("确定能")));
    }
    edits.extend(cells.iter().map(|(s, a, p)| (*s, *a, p.clone())));
    fill(&blank, &edits)
}

/// Issue 15, item 5: the year-end template has a place for the funds' sources (其中 本年财政
/// 拨款 / 上年结转资金 / 其他资金), 实际完成情况 and the explanation of a low execution rate;
/// filled in and read back from a real .xlsx they reach the scoring (the 自评表's funds rows,
/// its 实际完成情况; no warning that the 80% rate is unexplained), and a template written
/// with them carries them back.
#[test]
fn the_year_end_template_carries_sources_achievements_and_the_low_rate_explanation() {
    let doc = doc();
    let cfg = jixiao_assess::ScoringConfig::default();
    let bytes = year_end_filled(&[]);
    // The headers as written.
    assert_eq!(cell(&bytes, SHEET_PROJECTS, "H1"), Data::String("其中：本年财政拨款全年预算数（万元）".into()));
    assert_eq!(cell(&bytes, SHEET_PROJECTS, "M1"), Data::String("其他资金执行数（万元）".into()));
    assert_eq!(cell(&bytes, SHEET_PROJECTS, "N1"), Data::String("实际完成情况".into()));
    assert_eq!(cell(&bytes, SHEET_PROJECTS, "O1"), Data::String("执行率偏低原因说明".into()));
    let (report, scores) = score_year_end_xlsx("全年.xlsx", &bytes, &doc, &cfg).unwrap();
    let y = &report.projects[0].year_end;
    let m = |s: &str| Some(Money(d(s)));
    assert_eq!((y.fiscal.adjusted, y.fiscal.executed, y.fiscal.initial), (m("4"), m("3.5"), None));
    assert_eq!((y.carried_over.adjusted, y.carried_over.executed), (m("1"), m("0.5")));
    assert_eq!((y.other.adjusted, y.other.executed), (None, None));
    assert_eq!(y.goal_actual.as_deref(), Some("全年开展“双控”活动16次，长效机制已健全。"));
    assert_eq!(y.budget_explanation.as_deref(), Some("部分设备采购款按合同于次年初支付。"));
    assert!(report.projects[1].year_end.is_empty(), "{:?}", report.projects[1].year_end);
    let first = &scores[0];
    assert_eq!((first.funds.fiscal.adjusted, first.funds.fiscal.executed), (m("4"), m("3.5")));
    assert_eq!((first.funds.carried_over.adjusted, first.funds.carried_over.executed), (m("1"), m("0.5")));
    assert_eq!(first.goal_actual.as_deref(), Some("全年开展“双控”活动16次，长效机制已健全。"));
    assert_eq!(first.budget.rate, Some(d("80")));
    assert!(!first.warnings.iter().any(|w| w.contains("须说明原因")), "{:?}", first.warnings);
    // The printed 自评表 carries them.
    let tables = jixiao_assess::self_evaluation_tables(&doc, &scores);
    let texts: Vec<String> = tables.sheets[0].1.rows.iter().flat_map(|r| r.iter().map(|c| c.text.clone())).collect();
    assert!(texts.iter().any(|t| t == "全年开展“双控”活动16次，长效机制已健全。"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "部分设备采购款按合同于次年初支付。"), "the reason for the 80% rate: {texts:?}");
    // Drawn as a workbook and read back: the reason is in the row named for it.
    let xlsx = crate::write_table::tables_xlsx(&tables).unwrap();
    let (_, sheet) = sheets(&xlsx).into_iter().next().unwrap();
    let row = sheet.rows().find(|r| r.iter().any(|c| c.to_string() == "执行率偏低原因说明")).expect("the reason's row");
    assert!(row.iter().any(|c| c.to_string() == "部分设备采购款按合同于次年初支付。"), "{row:?}");
    // Without the explanation the year-end input is refused (the rules require a reason for
    // a rate below 90%), naming the cell it goes in; so is the monitoring import of the same
    // file. A configured threshold is the one applied.
    let unexplained = year_end_filled(&[(SHEET_PROJECTS, "O2", Put::Blank)]);
    let messages: Vec<String> = score_year_end_xlsx("全年.xlsx", &unexplained, &doc, &cfg).unwrap_err().iter().map(|e| e.to_string()).collect();
    let expected = "全年.xlsx：工作表「项目」第2行O列（执行率偏低原因说明）：预算执行率 80.00% 低于 90%，须填写执行率偏低原因说明";
    assert_eq!(messages, [expected]);
    let messages: Vec<String> = read_monitoring_xlsx("全年.xlsx", &unexplained, &doc).unwrap_err().iter().map(|e| e.to_string()).collect();
    assert_eq!(messages, [expected]);
    let lenient = jixiao_assess::ScoringConfig { explain_below_rate: d("80"), ..jixiao_assess::ScoringConfig::default() };
    assert!(score_year_end_xlsx("全年.xlsx", &unexplained, &doc, &lenient).is_ok());
    // Written back with the entries, read again: the same.
    let again = monitor_template(&doc, report.period, Some(&report)).unwrap();
    assert_eq!(read_monitoring_xlsx("全年.xlsx", &again, &doc), Ok(report));
}

/// Issue 15, item 5: the funds' sources are checked cell by cell, in Chinese, naming sheet,
/// row and column: a source that is no amount, and sources that do not add up to the
/// project's 全年预算数 or 执行数 (on the total's cell). A template written before these
/// columns (without them) is still read.
#[test]
fn year_end_sources_errors_name_their_cells() {
    let doc = doc();
    let cfg = jixiao_assess::ScoringConfig::default();
    let bad = year_end_filled(&[(SHEET_PROJECTS, "J2", Put::Text("一万")), (SHEET_PROJECTS, "I2", Put::Num(3.0))]);
    let messages: Vec<String> = score_year_end_xlsx("全年.xlsx", &bad, &doc, &cfg).unwrap_err().iter().map(|e| e.to_string()).collect();
    assert_eq!(
        messages,
        [
            "全年.xlsx：工作表「项目」第2行E列（全年预算数（万元））：全年预算数 5万元 与其中本年财政拨款、上年结转资金、其他资金的全年预算数之和 4万元 不符",
            "全年.xlsx：工作表「项目」第2行F列（执行数（万元））：执行数 4万元 与其中本年财政拨款、上年结转资金、其他资金的执行数之和 3.5万元 不符",
            "全年.xlsx：工作表「项目」第2行J列（上年结转资金全年预算数（万元））：“一万”不是金额（单位万元，填数字）",
        ]
    );
    // An older template: the 项目 sheet's first seven columns only.
    let bytes = year_end_filled(&[]);
    let mut wb = Workbook::new();
    for (name, range) in sheets(&bytes) {
        let ws = wb.add_worksheet();
        ws.set_name(&name).unwrap();
        for (r, c, v) in range.used_cells() {
            if name == SHEET_PROJECTS && c >= 7 {
                continue;
            }
            match v {
                Data::String(s) => ws.write_string(r as u32, c as u16, s).map(|_| ()).unwrap(),
                Data::Float(f) => ws.write_number(r as u32, c as u16, *f).map(|_| ()).unwrap(),
                _ => {}
            }
        }
    }
    let old = wb.save_to_buffer().unwrap();
    // Its first project spent 80% of its budget: the reason is required, and the template has
    // no column for it — the error says so on the row.
    let messages: Vec<String> = score_year_end_xlsx("旧模板.xlsx", &old, &doc, &cfg).unwrap_err().iter().map(|e| e.to_string()).collect();
    assert_eq!(
        messages,
        ["旧模板.xlsx：工作表「项目」第2行：预算执行率 80.00% 低于 90%，须填写执行率偏低原因说明（本模板没有“执行率偏低原因说明”列：请重新下载监控模板填写）"]
    );
    // At 90% it needs none and is read and scored.
    let old = fill(&old, &[(SHEET_PROJECTS, "F2", Put::Num(4.5))]);
    let (report, scores) = score_year_end_xlsx("旧模板.xlsx", &old, &doc, &cfg).unwrap();
    assert!(report.projects.iter().all(|p| p.year_end.is_empty()));
    assert_eq!(scores.len(), 2);
}

/// Issue 15, item 5: a negative source amount is named on its own cell with the field's
/// name, as a negative total is.
#[test]
fn negative_sources_are_named_on_their_cells() {
    let doc = doc();
    let cfg = jixiao_assess::ScoringConfig::default();
    let bad = year_end_filled(&[(SHEET_PROJECTS, "J2", Put::Num(-1.0)), (SHEET_PROJECTS, "H2", Put::Num(6.0))]);
    let messages: Vec<String> = score_year_end_xlsx("全年.xlsx", &bad, &doc, &cfg).unwrap_err().iter().map(|e| e.to_string()).collect();
    assert_eq!(
        messages,
        [
            "全年.xlsx：工作表「项目」第2行J列（上年结转资金全年预算数（万元））：上年结转资金全年预算数不能为负数",
        ]
    );
    let bad = year_end_filled(&[(SHEET_PROJECTS, "I2", Put::Num(-3.5)), (SHEET_PROJECTS, "J2", Put::Num(1.0))]);
    let messages: Vec<String> = score_year_end_xlsx("全年.xlsx", &bad, &doc, &cfg).unwrap_err().iter().map(|e| e.to_string()).collect();
    assert!(messages.contains(&"全年.xlsx：工作表「项目」第2行I列（其中：本年财政拨款执行数（万元））：本年财政拨款执行数不能为负数".to_string()), "{messages:#?}");
}

/// Issue 15, item 5: a negative value gets the specific hint (未完成的填 0, and what the cell
/// takes), whether typed as a number or as text, in the year-end template as in the monitoring
/// one; a negative amount names its field.
#[test]
fn negative_values_get_a_specific_hint_on_their_cells() {
    let doc = doc();
    let cfg = jixiao_assess::ScoringConfig::default();
    let bad = year_end_filled(&[(SHEET_INDICATORS, "I2", Put::Num(-5.0)), (SHEET_INDICATORS, "I5", Put::Text("-3%")), (SHEET_PROJECTS, "G2", Put::Num(-1.0))]);
    let messages: Vec<String> = score_year_end_xlsx("全年.xlsx", &bad, &doc, &cfg).unwrap_err().iter().map(|e| e.to_string()).collect();
    assert_eq!(
        messages,
        [
            "全年.xlsx：工作表「项目」第2行G列（全年预计执行数（万元））：全年预计执行数不能为负数",
            "全年.xlsx：工作表「指标」第2行I列（当前完成值）：“-5”无效：完成值不能为负数（填的是“-5”），未完成的填 0：填数值（单位：次/年）",
            "全年.xlsx：工作表「指标」第5行I列（当前完成值）：“-3%”无效：完成值不能为负数（填的是“-3%”），未完成的填 0：填数值（百分数，如 95 表示 95%）",
        ]
    );
    let messages: Vec<String> = read_monitoring_xlsx("全年.xlsx", &bad, &doc).unwrap_err().iter().map(|e| e.to_string()).collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
}
