//! The one table writers (HTML and .xlsx) over what `jixiao-assess` and `jixiao-disclosure`
//! lay out: the 项目支出绩效自评表, the department summary, the monitoring lights and the
//! 部门预算公开, each read back (HTML as text, .xlsx with calamine).

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use jixiao_assess::report::{department_summary, department_summary_tables, lights_tables, self_evaluation_form, self_evaluation_tables};
use jixiao_assess::testdoc::{monitored_in_june, scored};
use jixiao_office::write_html::{page_html, publication_html, publication_section, table_html};
use jixiao_office::write_table::{publication_xlsx, tables_xlsx};

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
fn self_evaluation_form_layout() {
    let (doc, scores) = scored();
    let form = self_evaluation_form(&doc, &scores[0]);
    let html = table_html(&form);
    assert!(html.contains("<td class=\"num\" data-field=\"total\">97.57</td><td data-field=\"grade\">等级：优</td>"), "{html}");
    assert!(html.contains("<td rowspan=\"3\">产出指标</td><td>数量指标</td>"), "一级 merged over its rows");
    assert!(html.contains("<td rowspan=\"2\">效果指标</td><td rowspan=\"2\">社会效益指标</td>"), "二级 merged too");
    assert!(html.contains("<td class=\"num\" data-field=\"execution-rate\">90.00%</td>"));
    assert!(html.contains("实际完成90%，为年度指标值95%的94.74%，未达成。 人员不足，明年增配"));
    let page = page_html(&self_evaluation_tables(&doc, &scores));
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("&lt;应急&gt;演练"), "names are escaped");
    assert_eq!(jixiao_assess::fmt2(scores[1].total), "55.00");
}

#[test]
fn summary_and_lights_pages() {
    let (doc, scores) = scored();
    let (report, lights) = monitored_in_june(&doc);
    let summary = department_summary(&doc, &scores[..1], Some(&report), &lights);
    let html = page_html(&department_summary_tables(&summary));
    assert!(html.contains("<td class=\"light\" style=\"background:#d93025\" data-field=\"light\">红灯</td>"), "{html}");
    assert!(html.contains("<td class=\"num\" data-field=\"mean-score\">97.57</td>"));
    assert!(html.contains("2023年度 监控期间：2023年1–6月"));
    assert!(page_html(&lights_tables(&doc, &report, &lights)).contains("按进度累计（期末应完成 2）"));
}

#[test]
fn self_evaluation_workbook_in_the_official_layout() {
    let (doc, scores) = scored();
    let bytes = tables_xlsx(&self_evaluation_tables(&doc, &scores)).unwrap();
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
    let (doc, scores) = scored();
    let summary = department_summary(&doc, &scores, None, &[]);
    let bytes = tables_xlsx(&department_summary_tables(&summary)).unwrap();
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

const SEED_004: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/seeds/004_ef264869df8a45bf.txt");

#[test]
fn disclosure_published_as_html_and_xlsx() {
    let bytes = std::fs::read(SEED_004).expect("seed 004 is in tests/fixtures");
    let (d, _) = jixiao_disclosure::read_bytes("004_ef264869df8a45bf.txt", &bytes).unwrap();
    let d = d.expect("seed 004 has a disclosure");
    let p = jixiao_disclosure::publication(&d);
    let html = publication_html(&p, "disclosure");
    // Every section's heading (seed_004.rs in jixiao-disclosure checks them), in order.
    assert_eq!(p.sections.len(), 8);
    let order: Vec<usize> = p
        .sections
        .iter()
        .map(|s| html.find(&format!("<h2>{}</h2>", s.heading)).unwrap_or_else(|| panic!("{}", s.heading)))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(html.contains("<td>安全服务</td><td>C0810</td><td>项</td><td class=\"num\">1.00</td><td class=\"num\">160.00</td>"));

    let bytes = publication_xlsx(&p).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec![
            "基本情况",
            "收支预算",
            "机关运行经费",
            "三公经费",
            "政府采购",
            "国有资产",
            "名词解释",
            "其他重要情况说明"
        ]
    );
    let sheet = wb.worksheet_range("政府采购").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let total = rows
        .iter()
        .find(|r| r.first().map(String::as_str) == Some("合计"))
        .unwrap();
    assert_eq!(total[7..9], ["170.62".to_string(), "170.62".to_string()]);
    let line = rows
        .iter()
        .find(|r| r.get(2).map(String::as_str) == Some("安全服务"))
        .unwrap();
    assert_eq!(
        line[..9],
        [
            "危险化学品及重大危险源企业安全评审",
            "160",
            "安全服务",
            "C0810",
            "项",
            "1",
            "160",
            "160",
            "160"
        ]
        .map(String::from)
    );
}

/// The department page's section, and a disclosure with nothing read: a page without
/// sections, a workbook of one sheet saying so.
#[test]
fn disclosure_section_and_empty_disclosure() {
    use jixiao_model::{Located, Origin};
    let d = jixiao_disclosure::Disclosure {
        department: Some(Located::new("甲局<b>".into(), Origin::line(1))),
        duties: vec![Located::new("负责&协调".into(), Origin::line(3))],
        terms: vec![jixiao_disclosure::Term { term: "三公".into(), definition: "因公出国（境）费用……".into(), at: Origin::line(9) }],
        ..jixiao_disclosure::Disclosure::default()
    };
    let p = jixiao_disclosure::publication(&d);
    let html = publication_html(&p, "disclosure");
    assert!(html.contains("<title>甲局&lt;b&gt;部门预算公开</title>"));
    assert!(html.contains("<h2>一、基本情况</h2>\n<h3>部门职责</h3>\n<p>1、负责&amp;协调</p>"));
    assert!(html.contains("<h2>二、名词解释</h2>"));
    assert!(html.contains("<td>三公</td><td>因公出国（境）费用……</td>"));
    let section = publication_section(&p, "disclosure");
    assert!(section.starts_with("<section class=\"disclosure\">\n<h2>一、基本情况</h2>"), "{section}");

    let empty = jixiao_disclosure::publication(&jixiao_disclosure::Disclosure::default());
    assert!(publication_html(&empty, "disclosure").ends_with("<section class=\"disclosure\">\n</section>\n</body>\n</html>\n"));
    let at = cells(&publication_xlsx(&empty).unwrap(), "预算公开");
    assert_eq!([at("A1"), at("A2")], [s("部门预算公开"), s("没有读到预算公开内容")]);
}
