//! A whole year of the bureau in one workbook (issue 17): the 目录 with each department's
//! projects and exact 预算合计, a sheet per department in the official layout, and one
//! 指标明细 for the year; opened with calamine, the reader jixiao reads workbooks with.

mod support;

use std::io::Cursor;
use std::str::FromStr;

use calamine::{Data, Reader, Xlsx};
use jixiao_model::{Decimal, Document, Located, Money, Origin};
use support::seeds;

fn seed_docs() -> Vec<Document> {
    seeds()
        .into_iter()
        .map(|(name, text, _)| {
            jixiao_carriers::read_bytes(&format!("{name}.txt"), &text)
                .unwrap()
                .document
        })
        .collect()
}

#[test]
fn a_year_in_one_workbook() {
    let mut docs = seed_docs();
    // Amounts whose float sum is not exact: 0.1 + 0.2 万元 must total 0.30, not 0.30000000000000004.
    docs[0].projects[0].budget.total = Some(Located::new(
        Money(Decimal::from_str("0.1").unwrap()),
        Origin::default(),
    ));
    docs[0].projects[1].budget.total = Some(Located::new(
        Money(Decimal::from_str("0.2").unwrap()),
        Origin::default(),
    ));
    docs[1].department = None;
    let mut book = jixiao_office::YearWorkbook::new("2023年度部门预算绩效目标汇总").unwrap();
    let mut want = Vec::new();
    for doc in &docs {
        let line = book.add_department(doc).unwrap().clone();
        let sum: Decimal = doc
            .projects
            .iter()
            .filter_map(|p| p.budget.total.as_ref().map(|m| m.value.0))
            .sum();
        assert_eq!(line.budget, sum);
        assert_eq!(line.projects, doc.projects.len());
        want.push(line);
    }
    let bytes = book.finish().unwrap();

    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    let names = wb.sheet_names();
    assert_eq!(names.first().map(String::as_str), Some("目录"));
    assert_eq!(names.last().map(String::as_str), Some("指标明细"));
    assert_eq!(names.len(), docs.len() + 2, "{names:?}");
    assert_eq!(want[1].department, "（未识别部门）");
    for (line, name) in want.iter().zip(&names[1..]) {
        assert_eq!(&line.sheet, name);
    }

    let index = wb.worksheet_range("目录").unwrap();
    let cell = |r: u32, c: u32| index.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(3, 3), Data::String("预算合计（万元）".into()));
    for (i, line) in want.iter().enumerate() {
        let r = 4 + i as u32;
        assert_eq!(cell(r, 1), Data::String(line.department.clone()));
        assert_eq!(
            cell(r, 2),
            Data::Float(line.projects as f64),
            "projects are a number"
        );
        match cell(r, 3) {
            Data::Float(v) => assert_eq!(
                Decimal::from_str(&v.to_string()).unwrap(),
                line.budget.normalize(),
                "{}",
                line.department
            ),
            other => panic!("预算合计 is a number: {other:?}"),
        }
    }
    let total_row = 4 + want.len() as u32;
    assert_eq!(cell(total_row, 1), Data::String("合计".into()));
    let total: Decimal = want.iter().map(|l| l.budget).sum();
    match cell(total_row, 3) {
        // The exact decimal sum, not the float sum of the lines.
        Data::Float(v) => assert_eq!(
            Decimal::from_str(&v.to_string()).unwrap(),
            total.normalize()
        ),
        other => panic!("合计 is a number: {other:?}"),
    }

    // 指标明细: every department's rows, 部门 first, 年度 and 预算数 numbers.
    let flat = wb.worksheet_range("指标明细").unwrap();
    let rows: Vec<&[Data]> = flat.rows().collect();
    assert_eq!(rows[0][0], Data::String("部门".into()));
    let expected: usize = docs
        .iter()
        .map(|d| jixiao_office::flat::rows(d).len())
        .sum();
    assert_eq!(rows.len() - 1, expected);
    let first_dept = docs[0].department.as_ref().unwrap().value.clone();
    assert!(rows
        .iter()
        .any(|r| r[0] == Data::String(first_dept.clone())));
    assert!(
        rows.iter()
            .skip(1)
            .all(|r| matches!(r[1], Data::Float(_) | Data::Empty)),
        "年度 is a number"
    );

    // A department's sheet prints its projects' tables in the official layout.
    let sheet = wb.worksheet_range(&want[0].sheet).unwrap();
    let texts: Vec<String> = sheet.cells().map(|(_, _, d)| d.to_string()).collect();
    for p in &docs[0].projects {
        assert!(texts.contains(&p.name.value), "{}", p.name.value);
    }
    assert!(texts.iter().any(|t| t == "一级指标"));
}

#[test]
fn an_empty_year_writes_an_index_with_a_zero_total() {
    let bytes = jixiao_office::YearWorkbook::new("2030年度")
        .unwrap()
        .finish()
        .unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec!["目录".to_string(), "指标明细".to_string()]
    );
    let index = wb.worksheet_range("目录").unwrap();
    assert_eq!(index.get_value((4, 1)), Some(&Data::String("合计".into())));
    assert_eq!(index.get_value((4, 3)), Some(&Data::Float(0.0)));
}
