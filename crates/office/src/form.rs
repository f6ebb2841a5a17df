//! The official tables as tables of the one table model ([`jixiao_model::table`]): cells
//! with spans, written the same way to .xlsx, .docx and PDF: the 项目支出绩效目标表 (one per
//! project, the layout departments print in their budget explanations), the
//! 部门整体绩效目标表, and the department-wide 公开表 (one row per project). The writers only
//! draw these tables; what goes where is decided here once.
//!
//! The project table is 7 columns wide: 一级 | 二级 | 三级指标 | 绩效指标描述 | 指标值 |
//! 指标值确定依据 (two columns, so that the budget row's 其他资金 fits above it).

use jixiao_model::table::{Align, Cell, Table};
use jixiao_model::{Decimal, Document, Indicator, Money, Project, TargetValue};

/// How a cell is drawn: the shorthand the builders below use for a cell of the one table
/// model ([`jixiao_model::table`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A form label (`项目名称`), centred.
    Label,
    /// A column header of the indicator table, bold and centred.
    Header,
    /// Filled-in text, left aligned and wrapped.
    Text,
    /// A short value, centred (level names, amounts, targets).
    Center,
}

fn styled(text: &str, style: Style) -> Cell {
    match style {
        Style::Label | Style::Center => Cell::text(text).align(Align::Center),
        Style::Header => Cell::head(text).align(Align::Center),
        Style::Text => Cell::text(text).align(Align::Left),
    }
}

/// Builds a table by placing cells on a grid of `widths.len()` columns: cells are put
/// where they stand and laid out in rows at the end, so every place must be covered (by a
/// cell or a span from above) for the rows to keep the places (checked in debug builds).
#[derive(Debug, Clone, Default)]
struct Grid {
    widths: Vec<f64>,
    cells: Vec<(u32, u16, Cell)>,
}

impl Grid {
    fn new(widths: &[f64]) -> Grid {
        Grid { widths: widths.to_vec(), cells: Vec::new() }
    }

    fn put(&mut self, row: u32, col: u16, rows: u32, cols: u16, text: &str, style: Style) {
        self.cells.push((row, col, styled(text, style).rows(rows.max(1)).span(cols.max(1))));
    }

    fn put_money(&mut self, row: u32, col: u16, cols: u16, m: Option<Money>) {
        match m {
            Some(m) => self.put_number(row, col, cols, m.0),
            None => self.put(row, col, 1, cols, "", Style::Center),
        }
    }

    /// A number shown with at least two decimals, written as a number where the carrier has
    /// numbers.
    fn put_number(&mut self, row: u32, col: u16, cols: u16, d: Decimal) {
        let cell = Cell::number(d, decimals(d) as u32, decimal_text(d)).align(Align::Center).span(cols.max(1));
        self.cells.push((row, col, cell));
    }

    fn finish(mut self) -> Table {
        self.cells.sort_by_key(|(r, c, _)| (*r, *c));
        let height = self.cells.iter().map(|(r, _, c)| r + c.rowspan).max().unwrap_or(0);
        let mut rows = vec![Vec::new(); height as usize];
        let places: Vec<(u32, u16)> = self.cells.iter().map(|(r, c, _)| (*r, *c)).collect();
        for (r, _, cell) in self.cells {
            rows[r as usize].push(cell);
        }
        // Rows that only continue cells from above stay, empty, so the height is kept.
        let table = Table { width: self.widths.len() as u16, widths: self.widths, rows, ..Table::default() };
        debug_assert_eq!(table.placed().iter().map(|p| (p.row, p.col)).collect::<Vec<_>>(), places, "a place of the grid is left uncovered");
        table
    }
}

/// A part of an exported document, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// The document's title, or a table's (`1、…绩效目标表`).
    Title(String),
    /// A line above a table or a narrative paragraph (`426002临西县应急管理局`, `单位：万元`).
    Line(String),
    Table(Table),
}

/// At least two decimals, more when the value has them (`5.00`, `0.125`).
pub fn decimals(d: Decimal) -> usize {
    (d.normalize().scale() as usize).max(2)
}

pub fn decimal_text(d: Decimal) -> String {
    format!("{:.*}", decimals(d), d)
}

const PROJECT_WIDTHS: [f64; 7] = [10.0, 12.0, 16.0, 26.0, 12.0, 10.0, 10.0];

/// The document title: `临西县应急管理局2023年部门预算绩效目标`.
pub fn document_title(doc: &Document) -> String {
    let dept = doc.department.as_ref().map_or("", |d| d.value.as_str());
    match doc.year.as_ref() {
        Some(y) => format!("{dept}{}年部门预算绩效目标", y.value),
        None => format!("{dept}部门预算绩效目标"),
    }
}

/// The document's title as printed on a cover: the department, then the year's title (the
/// department and year are read back from these two lines).
pub fn title_parts(doc: &Document) -> Vec<Part> {
    let mut parts = Vec::new();
    if let Some(d) = doc.department.as_ref() {
        parts.push(Part::Title(d.value.clone()));
    }
    parts.push(Part::Title(match doc.year.as_ref() {
        Some(y) => format!("{}年部门预算绩效目标", y.value),
        None => "部门预算绩效目标".to_string(),
    }));
    parts
}

/// The department line printed above a table: its unit, else the department's code and name.
fn unit_line(doc: &Document, p: Option<&Project>) -> Option<String> {
    if let Some(u) = p.and_then(|p| p.unit.as_ref()) {
        return Some(u.printed.clone());
    }
    let name = doc.department.as_ref()?;
    Some(match doc.department_code.as_ref() {
        Some(c) => format!("{}{}", c.value, name.value),
        None => name.value.clone(),
    })
}

/// 部门整体：总体绩效目标 and the department-wide indicator table, when the document has them.
pub fn department_parts(doc: &Document) -> Vec<Part> {
    let mut parts = Vec::new();
    // Budget units no project table names (the department itself, `426 …局`): their lines
    // carry the department's code.
    for u in &doc.units {
        let used = doc
            .projects
            .iter()
            .any(|p| p.unit.as_ref().is_some_and(|pu| pu.printed == u.printed));
        if !used {
            parts.push(Part::Line(u.printed.clone()));
        }
    }
    if !doc.overall_goals.is_empty() {
        parts.push(Part::Line("一、总体绩效目标".into()));
        parts.extend(
            doc.overall_goals
                .iter()
                .map(|g| Part::Line(g.value.clone())),
        );
    }
    if !doc.department_indicators.is_empty() {
        parts.push(Part::Title("部门整体绩效目标表".into()));
        let mut g = Grid::new(&PROJECT_WIDTHS);
        indicator_rows(&mut g, 0, &doc.department_indicators);
        parts.push(Part::Table(g.finish()));
    }
    parts
}

/// The 部门整体支出绩效目标表 as one form (the printed layout of the official table): 部门名称,
/// the 年度绩效目标 (the 总体绩效目标, one row each, the label merged down) and the
/// department-wide indicator table; `None` when the document has neither goals nor indicators.
pub fn department_grid(doc: &Document) -> Option<Table> {
    if doc.overall_goals.is_empty() && doc.department_indicators.is_empty() {
        return None;
    }
    let mut g = Grid::new(&PROJECT_WIDTHS);
    let name = doc.department.as_ref().map_or("", |d| d.value.as_str());
    g.put(0, 0, 1, 1, "部门名称", Style::Label);
    g.put(0, 1, 1, 6, name, Style::Text);
    let goals = doc.overall_goals.len().max(1) as u32;
    g.put(1, 0, goals, 1, "年度绩效目标", Style::Label);
    if doc.overall_goals.is_empty() {
        g.put(1, 1, 1, 6, "", Style::Text);
    }
    for (i, goal) in doc.overall_goals.iter().enumerate() {
        g.put(1 + i as u32, 1, 1, 6, &goal.value, Style::Text);
    }
    if !doc.department_indicators.is_empty() {
        indicator_rows(&mut g, 1 + goals, &doc.department_indicators);
    }
    Some(g.finish())
}

/// `1、…绩效目标表`, the unit line and amount unit, and the project's table.
pub fn project_parts(doc: &Document, number: usize, p: &Project) -> Vec<Part> {
    let mut parts = vec![Part::Title(format!("{number}、{}绩效目标表", p.name.value))];
    if let Some(u) = unit_line(doc, Some(p)) {
        parts.push(Part::Line(u));
    }
    parts.push(Part::Line("单位：万元".into()));
    parts.push(Part::Table(project_grid(p)));
    parts
}

/// The 项目支出绩效目标表 of one project.
pub fn project_grid(p: &Project) -> Table {
    let mut g = Grid::new(&PROJECT_WIDTHS);
    let code = p.code.as_ref().map_or("", |c| c.value.as_str());
    g.put(0, 0, 1, 1, "项目编码", Style::Label);
    g.put(0, 1, 1, 1, code, Style::Center);
    g.put(0, 2, 1, 1, "项目名称", Style::Label);
    g.put(0, 3, 1, 4, &p.name.value, Style::Text);
    g.put(1, 0, 2, 1, "预算规模及资金用途", Style::Label);
    g.put(1, 1, 1, 1, "预算数", Style::Label);
    let money = |m: &Option<jixiao_model::Located<Money>>| m.as_ref().map(|m| m.value);
    g.put_money(1, 2, 1, money(&p.budget.total));
    g.put(1, 3, 1, 1, "其中：财政资金", Style::Label);
    g.put_money(1, 4, 1, money(&p.budget.fiscal));
    g.put(1, 5, 1, 1, "其他资金", Style::Label);
    g.put_money(1, 6, 1, money(&p.budget.other));
    let purpose = p.purpose.as_ref().map_or("", |s| s.value.as_str());
    g.put(2, 1, 1, 6, purpose, Style::Text);
    // A project without a plan prints no plan rows: a blank printed row reads as a plan
    // with every month left empty, which is not what the project holds.
    let goals_row = if p.spending_plan.is_some() { 5 } else { 3 };
    if let Some(plan) = &p.spending_plan {
        g.put(3, 0, 2, 1, "资金支出计划（%）", Style::Label);
        for (i, month) in ["3月底", "6月底", "10月底", "12月底"].iter().enumerate() {
            let cols = if i == 3 { 3 } else { 1 };
            g.put(3, 1 + i as u16, 1, cols, month, Style::Label);
            match &plan.cumulative_percent[i] {
                Some(v) => g.put_number(4, 1 + i as u16, cols, v.value),
                None => g.put(4, 1 + i as u16, 1, cols, "", Style::Center),
            }
        }
    }
    let goals = p.goals.len().max(1) as u32;
    g.put(goals_row, 0, goals, 1, "绩效目标", Style::Label);
    if p.goals.is_empty() {
        g.put(goals_row, 1, 1, 6, "", Style::Text);
    }
    for (i, goal) in p.goals.iter().enumerate() {
        g.put(goals_row + i as u32, 1, 1, 6, &goal.value, Style::Text);
    }
    indicator_rows(&mut g, goals_row + goals, &p.indicators);
    g.finish()
}

/// The indicator header and rows from `row` on; level 1 and 2 cells merge down over the rows
/// that inherited them (printed once, as in the forms).
fn indicator_rows(g: &mut Grid, row: u32, indicators: &[Indicator]) {
    let headers = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"];
    for (c, h) in headers.iter().enumerate() {
        g.put(row, c as u16, 1, 1, h, Style::Header);
    }
    g.put(row, 5, 1, 2, "指标值确定依据", Style::Header);
    let first = row + 1;
    // A row continues the merged level cell above when it inherited that very text.
    let same1 = |i: usize| {
        i > 0
            && indicators[i].level1.inherited
            && indicators[i].level1.printed.value == indicators[i - 1].level1.printed.value
    };
    let same2 = |i: usize| {
        same1(i)
            && indicators[i].level2.inherited
            && indicators[i].level2.printed.value == indicators[i - 1].level2.printed.value
    };
    let run = |i: usize, level2: bool| {
        (i + 1..indicators.len())
            .take_while(|&j| if level2 { same2(j) } else { same1(j) })
            .count() as u32
    };
    for (i, ind) in indicators.iter().enumerate() {
        let r = first + i as u32;
        if !same1(i) {
            g.put(
                r,
                0,
                1 + run(i, false),
                1,
                &ind.level1.printed.value,
                Style::Center,
            );
        }
        if !same2(i) {
            g.put(
                r,
                1,
                1 + run(i, true),
                1,
                &ind.level2.printed.value,
                Style::Center,
            );
        }
        let text = |v: &Option<jixiao_model::Located<String>>| {
            v.as_ref().map_or(String::new(), |v| v.value.clone())
        };
        g.put(r, 2, 1, 1, &text(&ind.level3), Style::Text);
        g.put(r, 3, 1, 1, &text(&ind.description), Style::Text);
        let target = ind.target.as_ref().map_or("", |t| t.value.printed.as_str());
        g.put(r, 4, 1, 1, target, Style::Center);
        g.put(r, 5, 1, 2, &text(&ind.basis), Style::Text);
    }
}

const PUBLIC_WIDTHS: [f64; 5] = [10.0, 24.0, 12.0, 40.0, 48.0];

/// The department-wide 公开表: one row per project (unit code, name, amount, goals,
/// indicators), with the 合计 and the department above, as seed 002 prints it.
pub fn public_grid(doc: &Document) -> Table {
    let mut g = Grid::new(&PUBLIC_WIDTHS);
    let headers = [
        "单位编码",
        "单位及项目名称",
        "金额（万元）",
        "绩效目标",
        "绩效指标",
    ];
    for (c, h) in headers.iter().enumerate() {
        g.put(0, c as u16, 1, 1, h, Style::Header);
    }
    let total: Option<Decimal> = doc
        .projects
        .iter()
        .map(|p| p.budget.total.as_ref().map(|m| m.value.0))
        .sum();
    g.put(1, 0, 1, 2, "合计", Style::Label);
    g.put_money(1, 2, 1, total.map(Money));
    g.put(1, 3, 1, 2, "", Style::Text);
    let mut row = 2;
    if let Some(dept) = doc.department.as_ref() {
        let code = doc
            .department_code
            .as_ref()
            .map_or("", |c| c.value.as_str());
        g.put(row, 0, 1, 1, code, Style::Center);
        g.put(row, 1, 1, 1, &dept.value, Style::Text);
        g.put_money(row, 2, 1, total.map(Money));
        g.put(row, 3, 1, 2, "", Style::Text);
        row += 1;
    }
    for (i, p) in doc.projects.iter().enumerate() {
        let code = p
            .code
            .as_ref()
            .map_or((i + 1).to_string(), |c| c.value.clone());
        g.put(row, 0, 1, 1, &code, Style::Center);
        g.put(row, 1, 1, 1, &p.name.value, Style::Text);
        g.put_money(row, 2, 1, p.budget.total.as_ref().map(|m| m.value));
        let goals: Vec<&str> = p.goals.iter().map(|g| g.value.as_str()).collect();
        g.put(row, 3, 1, 1, &goals.join("\n"), Style::Text);
        g.put(row, 4, 1, 1, &indicator_outline(&p.indicators), Style::Text);
        row += 1;
    }
    g.finish()
}

/// Indicators as the 公开表 lists them: `一、产出指标` / `（一）数量指标` / `1. 三级指标 指标值`.
fn indicator_outline(indicators: &[Indicator]) -> String {
    const NUM: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let mut lines = Vec::new();
    let (mut l1, mut l2) = (String::new(), String::new());
    let (mut n1, mut n2, mut n3) = (0usize, 0usize, 0usize);
    for ind in indicators {
        if ind.level1.printed.value != l1 {
            l1 = ind.level1.printed.value.clone();
            l2.clear();
            lines.push(format!("{}、{l1}", NUM.get(n1).copied().unwrap_or("十")));
            n1 += 1;
        }
        if ind.level2.printed.value != l2 {
            l2 = ind.level2.printed.value.clone();
            lines.push(format!("（{}）{l2}", NUM.get(n2).copied().unwrap_or("十")));
            n2 += 1;
            n3 = 0;
        }
        n3 += 1;
        let target = ind.target.as_ref().map_or("", |t| t.value.printed.as_str());
        lines.push(format!("{n3}. {} {target}", ind.level3_text()));
    }
    lines.join("\n")
}

/// A target's comparison, number and unit for analysts (`≥`, `95`, `%`).
pub fn target_parts(ind: &Indicator) -> (String, String, String) {
    match ind.target.as_ref().map(|t| &t.value.value) {
        Some(TargetValue::Quantity {
            op,
            value,
            upper,
            unit,
            ..
        }) => (
            op.map_or(String::new(), |o| o.symbol().to_string()),
            match upper {
                Some(u) => format!("{value}-{u}"),
                None => value.to_string(),
            },
            unit.clone().unwrap_or_default(),
        ),
        _ => Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_model::{IndicatorLevel, Located, Origin, Target};

    fn level<C>(text: &str, inherited: bool) -> IndicatorLevel<C> {
        IndicatorLevel {
            category: None,
            printed: Located::new(text.into(), Origin::default()),
            inherited,
        }
    }

    fn ind(l1: (&str, bool), l2: (&str, bool), l3: &str, target: &str) -> Indicator {
        Indicator {
            level1: level(l1.0, l1.1),
            level2: level(l2.0, l2.1),
            level3: Some(Located::new(l3.into(), Origin::default())),
            description: None,
            target: Some(Located::new(Target::parse(target), Origin::default())),
            basis: None,
            weight: None,
            at: Origin::default(),
            evaluation: None,
        }
    }

    #[test]
    fn levels_merge_down_over_inherited_rows() {
        let rows = [
            ind(
                ("产出指标", false),
                ("数量指标", false),
                "检查次数",
                "≥16次",
            ),
            ind(("产出指标", true), ("数量指标", true), "培训次数", "≥2次"),
            ind(("产出指标", true), ("质量指标", false), "合格率", "≥95%"),
            ind(("效益指标", false), ("社会效益指标", false), "事故率", "0"),
        ];
        let mut g = Grid::new(&PROJECT_WIDTHS);
        indicator_rows(&mut g, 0, &rows);
        let table = g.finish();
        let spans: Vec<(u32, u16, u32, &str)> = table
            .placed()
            .into_iter()
            .filter(|p| p.col < 2 && p.row > 0)
            .map(|p| (p.row, p.col, p.cell.rowspan, p.cell.text.as_str()))
            .collect();
        assert_eq!(
            spans,
            vec![
                (1, 0, 3, "产出指标"),
                (1, 1, 2, "数量指标"),
                (3, 1, 1, "质量指标"),
                (4, 0, 1, "效益指标"),
                (4, 1, 1, "社会效益指标"),
            ]
        );
        assert_eq!(
            indicator_outline(&rows),
            "一、产出指标\n（一）数量指标\n1. 检查次数 ≥16次\n2. 培训次数 ≥2次\n（二）质量指标\n1. 合格率 ≥95%\n二、效益指标\n（三）社会效益指标\n1. 事故率 0"
        );
    }

    #[test]
    fn amounts_keep_their_decimals() {
        use std::str::FromStr;
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(decimal_text(d("5")), "5.00");
        assert_eq!(decimal_text(d("0.125")), "0.125");
        assert_eq!(decimal_text(d("135.9900")), "135.99");
    }
}
