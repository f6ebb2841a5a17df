//! 政府采购: the prose total and the 政府采购预算表, which PDF conversion splits into several
//! tables (each page repeats the two header rows) with cells broken by spaces
//! (`安全生产 月活动经 费`). Columns are found by their header words; subtotal rows
//! (`……小计`) head their unit's lines, or close them when printed below.

use jixiao_model::text::{squeeze, trim};
use jixiao_model::{AmountUnit, Located, Origin};
use jixiao_read::layout::{Block, Row, Table};

use super::{add_paragraph, decimal_cell, money_cell, Notes};
use crate::model::{
    FundingRow, Procurement, ProcurementGroup, ProcurementLine, Statement, StatementKind,
};

/// What a column of the 政府采购预算表 holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Project,
    Budget,
    Item,
    Code,
    Measure,
    Quantity,
    Price,
    Total,
    General,
    Fund,
    Capital,
    Special,
    Other,
}

/// Header words, tried in order on the lower header row's cell (or the upper one's when
/// the lower is empty).
const HEADER_WORDS: &[(&str, Col)] = &[
    ("项目名称", Col::Project),
    ("项目来源", Col::Project),
    ("预算资金", Col::Budget),
    ("物品名称", Col::Item),
    ("品目", Col::Item),
    ("目录", Col::Code),
    ("计量单位", Col::Measure),
    ("数量", Col::Quantity),
    ("单价", Col::Price),
    ("合计", Col::Total),
    ("一般公共预算", Col::General),
    ("国有资本", Col::Capital),
    ("基金", Col::Fund),
    ("财政专户", Col::Special),
    ("其他", Col::Other),
];

fn is_header_row(row: &Row) -> bool {
    row.cells.iter().any(|c| {
        let s = c.squeezed();
        s.contains("采购物品") || s.contains("目录序号") || s.contains("项目来源")
    })
}

/// Column roles from one or two header rows.
fn columns(upper: &Row, lower: Option<&Row>) -> Vec<Option<Col>> {
    let width = upper.cells.len().max(lower.map_or(0, |r| r.cells.len()));
    (0..width)
        .map(|i| {
            let text_of = |r: Option<&Row>| {
                r.and_then(|r| r.cells.get(i))
                    .map(|c| c.squeezed())
                    .unwrap_or_default()
            };
            let low = text_of(lower);
            let label = if low.is_empty() {
                text_of(Some(upper))
            } else {
                low
            };
            HEADER_WORDS
                .iter()
                .find(|(w, _)| label.contains(w))
                .map(|(_, c)| *c)
        })
        .collect()
}

#[derive(Default)]
struct State {
    procurement: Procurement,
    unit: AmountUnit,
    cols: Vec<Option<Col>>,
    /// Subtotal rows head their lines (printed above them): decided by the first data row.
    subtotal_first: Option<bool>,
}

pub(crate) fn read(body: &[&Block], notes: &mut Notes) -> Procurement {
    let mut st = State::default();
    let mut stmt = Statement::new(StatementKind::Procurement);
    for block in body {
        match block {
            Block::Paragraph { text, line } => {
                let s = squeeze(text);
                if s.starts_with("单位") && s.chars().count() <= 12 {
                    st.unit = AmountUnit::from_statement(&s).unwrap_or(st.unit);
                } else if is_unit_line(&s) || s.is_empty() {
                    // `426 石家庄高新技术产业开发区应急管理局` above each page of the table
                } else {
                    add_paragraph(&mut stmt, trim(text), Origin::line(*line), notes);
                }
            }
            Block::Table(t) => table(t, &mut st, notes),
        }
    }
    if !stmt.text.is_empty() {
        st.procurement.statement = Some(stmt);
    }
    st.procurement
}

/// A budget-unit line: a code then a name, nothing else.
fn is_unit_line(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars().count() <= 40
        && !s.contains(['，', '。'])
        && s.chars()
            .skip_while(char::is_ascii_digit)
            .all(|c| !c.is_ascii_digit())
}

fn table(t: &Table, st: &mut State, notes: &mut Notes) {
    let mut rows = t.rows.iter().peekable();
    while let Some(row) = rows.next() {
        if row.is_blank() {
            continue;
        }
        if is_header_row(row) {
            let lower = rows.next_if(|r| {
                !is_header_row(r)
                    && r.cells.iter().any(|c| {
                        let s = c.squeezed();
                        s == "合计" || s.contains("项目名称") || s.contains("预算资金")
                    })
                    && !r
                        .cells
                        .iter()
                        .any(|c| crate::figures::decimal(&c.text).is_some())
            });
            st.cols = columns(row, lower);
            continue;
        }
        if st.cols.is_empty() {
            notes.info(
                Origin::line(row.line),
                format!("第{}行：政府采购表缺少表头，未读取", row.line),
            );
            continue;
        }
        data_row(row, st, notes);
    }
}

fn data_row(row: &Row, st: &mut State, notes: &mut Notes) {
    let cols = st.cols.clone();
    let unit = st.unit;
    let cell = |col: Col| {
        cols.iter()
            .position(|c| *c == Some(col))
            .and_then(|i| row.cells.get(i))
    };
    let money = |col: Col, notes: &mut Notes| {
        cell(col).and_then(|c| match money_cell(c, unit) {
            Ok(m) => m,
            Err(e) => {
                notes.warn(c.origin(), e);
                None
            }
        })
    };
    let number = |col: Col, notes: &mut Notes| {
        cell(col).and_then(|c| match decimal_cell(c) {
            Ok(d) => d,
            Err(e) => {
                notes.warn(c.origin(), e);
                None
            }
        })
    };
    let located_text = |col: Col| {
        cell(col)
            .filter(|c| !c.is_empty())
            .map(|c| Located::new(squeeze(&c.text), c.origin()))
    };
    let funding = FundingRow {
        total: money(Col::Total, notes),
        general_budget: money(Col::General, notes),
        government_fund: money(Col::Fund, notes),
        state_capital: money(Col::Capital, notes),
        special_account: money(Col::Special, notes),
        other: money(Col::Other, notes),
        line: row.line,
    };
    let first = row
        .filled()
        .next()
        .map(|c| c.squeezed())
        .unwrap_or_default();
    if first == "合计" || first == "总计" {
        st.procurement.total = Some(funding);
        return;
    }
    if let Some(unit_name) = first.strip_suffix("小计") {
        let unit_name = (!unit_name.is_empty())
            .then(|| Located::new(unit_name.to_string(), Origin::line(row.line)));
        subtotal(st, unit_name, funding);
        return;
    }
    let project = located_text(Col::Project);
    let item = located_text(Col::Item);
    if project.is_none() && item.is_none() {
        notes.info(
            Origin::line(row.line),
            format!(
                "第{}行：政府采购表的这一行没有项目名称和采购物品名称，未读取",
                row.line
            ),
        );
        return;
    }
    let blank = || Located::new(String::new(), Origin::line(row.line));
    let line = ProcurementLine {
        project: project.unwrap_or_else(blank),
        project_budget: money(Col::Budget, notes),
        item: item.unwrap_or_else(blank),
        catalogue_code: located_text(Col::Code),
        measure: located_text(Col::Measure).map(|l| l.value),
        quantity: number(Col::Quantity, notes),
        unit_price: money(Col::Price, notes),
        amount: funding,
    };
    let heads = *st.subtotal_first.get_or_insert(false);
    let groups = &mut st.procurement.groups;
    match groups.last_mut() {
        Some(g) if heads || g.subtotal.is_none() => g.lines.push(line),
        _ => groups.push(ProcurementGroup {
            unit: None,
            subtotal: None,
            lines: vec![line],
        }),
    }
}

/// A `……小计` row: it opens a group when subtotals head their lines (decided by the first
/// data row), else it closes the open one.
fn subtotal(st: &mut State, unit: Option<Located<String>>, funding: FundingRow) {
    let heads = *st.subtotal_first.get_or_insert(true);
    let groups = &mut st.procurement.groups;
    if !heads {
        if let Some(g) = groups.last_mut().filter(|g| g.subtotal.is_none()) {
            g.unit = unit;
            g.subtotal = Some(funding);
            return;
        }
    }
    groups.push(ProcurementGroup {
        unit,
        subtotal: Some(funding),
        lines: Vec::new(),
    });
}
