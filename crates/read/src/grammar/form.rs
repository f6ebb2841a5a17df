//! The project form (项目支出绩效目标表): labelled cells (项目名称, 预算数, 资金支出计划…)
//! followed by the indicator grid (一级指标, 二级指标, 三级指标, …), merged cells empty.

use jixiao_model::text::{squeezed, trim};
use jixiao_model::{
    Decimal, Indicator, IndicatorLevel, Level1, Level2, Located, Money, Origin, Project, Severity,
    SpendingPlan, Target,
};

use super::items::split_goals;
use super::vocab::{column, label, Column, Label};
use super::{cell_text, Reader};
use crate::layout::{Cell, Row, Table};

/// The indicator grid's columns, from its header row.
#[derive(Debug, Clone)]
pub(super) struct Columns {
    width: usize,
    kinds: Vec<Option<Column>>,
}

impl Columns {
    /// A header row names at least three indicator columns, one of them 三级指标 or 指标值.
    pub(super) fn detect(row: &Row) -> Option<Columns> {
        // Most rows name no column: count before allocating.
        if row
            .cells
            .iter()
            .filter(|c| column(&c.text).is_some())
            .take(3)
            .count()
            < 3
        {
            return None;
        }
        let mut kinds: Vec<Option<Column>> = row.cells.iter().map(|c| column(&c.text)).collect();
        // `绩效指标 | 一级指标 | 二级指标 | 三级指标`: the first names the merged label column
        // of the grid, not its level 3.
        let level3_named = row.cells.iter().any(|c| squeezed(&c.text) == "三级指标");
        for (k, c) in kinds.iter_mut().zip(&row.cells) {
            if *k == Some(Column::Level3) && level3_named && squeezed(&c.text) != "三级指标" {
                *k = None;
            }
        }
        let named = kinds.iter().flatten().count();
        let essential = kinds
            .iter()
            .any(|k| matches!(k, Some(Column::Level3 | Column::Target)));
        (named >= 3 && essential).then_some(Columns {
            width: row.cells.len(),
            kinds,
        })
    }

    fn index(&self, kind: Column) -> Option<usize> {
        self.kinds.iter().position(|k| *k == Some(kind))
    }

    fn cell<'r>(&self, row: &'r Row, kind: Column) -> Option<&'r Cell> {
        self.index(kind).and_then(|i| row.cells.get(i))
    }
}

/// What the row after a labelled row is expected to hold.
#[derive(Debug, Clone)]
enum Expect {
    Nothing,
    /// 资金用途 text below 预算规模及资金用途.
    Purpose,
    /// Percentages below the month headers: (cell index in the header row, quarter).
    PlanValues {
        header_width: usize,
        columns: Vec<(usize, usize)>,
    },
    /// Goal text below (or continuing) a 绩效目标 row.
    Goals,
}

/// The level-1/level-2 values merged cells inherit.
#[derive(Default)]
struct Levels {
    level1: Option<Located<String>>,
    level2: Option<Located<String>>,
}

fn located(cell: &Cell) -> Option<Located<String>> {
    let t = cell_text(cell);
    (!t.is_empty()).then(|| Located::new(t, cell.origin()))
}

fn is_goal_number_label(s: &str) -> bool {
    let s = squeezed(s);
    let s = s.trim_end_matches([':', '：']);
    s.strip_prefix("目标").is_some_and(|n| {
        !n.is_empty()
            && n.chars()
                .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
    })
}

/// `绩效目标 1、确保…` printed in one cell: the label and its text.
fn goals_in_label_cell(cell: &Cell) -> Option<String> {
    let t = trim(&cell.text);
    let rest = t.strip_prefix("绩效目标")?;
    rest.starts_with(char::is_whitespace)
        .then(|| trim(rest).to_string())
        .filter(|r| !r.is_empty())
}

/// `3月底`, `6月末`, `10月` → the quarter index in 3/6/10/12.
fn month_quarter(s: &str) -> Option<usize> {
    let s = squeezed(s);
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &s[digits.len()..];
    if !rest.starts_with('月') {
        return None;
    }
    let m: u32 = digits.parse().ok()?;
    SpendingPlan::MONTHS.iter().position(|x| *x == m)
}

fn percent(cell: &Cell) -> Option<Decimal> {
    let s = squeezed(&cell.text);
    let s = s.trim_end_matches(['%', '％']);
    s.parse::<Decimal>().ok()
}

struct FormState {
    projects: Vec<Project>,
    current: Project,
}

impl FormState {
    /// Starts a new project when the current one already has what `label` sets.
    fn boundary(&mut self, label: Label, line: u32) {
        let c = &self.current;
        // A second 项目名称 or 项目编码 in one table starts the next project.
        let repeated = match label {
            Label::Code => c.code.is_some(),
            Label::Name => !c.name.value.is_empty(),
            _ => false,
        };
        if repeated {
            let done = std::mem::take(&mut self.current);
            self.projects.push(done);
            self.current.at = Origin::line(line);
        }
    }
}

/// Reads a form table; false when the table is no performance-target form.
pub(super) fn read(r: &mut Reader, table: &Table) -> bool {
    let rows = &table.rows;
    // An indicator grid, or at least two different form labels (a procurement table
    // printing only 项目名称 is no form).
    let mut labels: Vec<Label> = rows
        .iter()
        .flat_map(|r| r.cells.iter().filter_map(|c| label(&c.text)))
        .collect();
    labels.sort_by_key(|l| *l as u8);
    labels.dedup();
    let recognisable = labels.len() >= 2 || rows.iter().any(|row| Columns::detect(row).is_some());
    if !recognisable {
        return false;
    }
    let title = r.title.take();
    let first_line = rows.first().map_or(0, |r| r.line);
    let mut st = FormState {
        projects: Vec::new(),
        current: Project::default(),
    };
    st.current.at = Origin::line(first_line);
    let mut columns: Option<Columns> = None;
    let mut expect = Expect::Nothing;
    let mut levels = Levels::default();
    let mut i = 0;
    while i < rows.len() {
        let row = &rows[i];
        i += 1;
        if row.is_blank() {
            continue;
        }
        if let Some(cols) = Columns::detect(row) {
            columns = Some(cols);
            expect = Expect::Nothing;
            continue;
        }
        if let Some(cols) = &columns {
            if !leaves_grid(row) {
                // Blank paragraphs inside cells can split a row: put the pieces back together.
                let merged;
                let row = match pieces_of_row(&rows[i - 1..], cols.width) {
                    Some(n) if n > 1 => {
                        let mut m = row.clone();
                        for piece in &rows[i..i + n - 1] {
                            m.cells.extend(piece.cells.iter().cloned());
                        }
                        m.renumber();
                        merged = m;
                        i += n - 1;
                        &merged
                    }
                    _ => row,
                };
                if let Some(cell) = cols
                    .cell(row, Column::ProjectName)
                    .filter(|c| !c.is_empty())
                {
                    start_project_of_row(r, &mut st, row, cols, cell);
                    levels = Levels::default();
                }
                if let Some(ind) = indicator(r, row, cols, &mut levels) {
                    st.current.indicators.push(ind);
                }
                continue;
            }
            columns = None;
        }
        if labelled_row(r, row, &mut st, &mut expect) {
            continue;
        }
        // Rows without labels: what the previous labelled row announced.
        let filled: Vec<&Cell> = row.filled().collect();
        match std::mem::replace(&mut expect, Expect::Nothing) {
            Expect::PlanValues {
                header_width,
                columns,
            } => {
                let offset = header_width.saturating_sub(row.cells.len());
                let mut plan = SpendingPlan::default();
                for (ci, q) in columns {
                    if let Some(cell) = ci.checked_sub(offset).and_then(|c| row.cells.get(c)) {
                        plan.cumulative_percent[q] =
                            percent(cell).map(|p| Located::new(p, cell.origin()));
                    }
                }
                st.current.spending_plan = Some(plan);
            }
            Expect::Purpose if filled.len() == 1 && st.current.purpose.is_none() => {
                st.current.purpose = located(filled[0]);
            }
            Expect::Goals if !filled.is_empty() => {
                push_goals(
                    &mut st.current,
                    filled
                        .into_iter()
                        .filter(|c| !is_goal_number_label(&c.text)),
                );
                expect = Expect::Goals;
            }
            _ if row.cells.len() <= 3
                && filled
                    .iter()
                    .all(|c| r.unit_line(&c.text, c.origin()) || is_amount_unit(&c.text)) =>
            {
                // 426002临西县应急管理局 | 单位：万元
                for c in &filled {
                    if is_amount_unit(&c.text) {
                        if let Some(u) = jixiao_model::AmountUnit::from_statement(&c.text) {
                            r.amount_unit = u;
                        }
                    }
                }
            }
            _ => {
                let text: Vec<String> = filled.iter().map(|c| cell_text(c)).collect();
                r.note(
                    Severity::Info,
                    Origin::line(row.line),
                    format!("未识别的表格行，已跳过：{}", text.join(" | ")),
                );
            }
        }
    }
    st.projects.push(st.current);
    let department_wide = title
        .as_ref()
        .is_some_and(|t| squeezed(&t.value).contains("部门整体"));
    for mut p in st.projects {
        if p.name.value.is_empty() && p.indicators.is_empty() && p.goals.is_empty() {
            continue;
        }
        if department_wide && p.name.value.is_empty() {
            r.doc.department_indicators.extend(p.indicators);
            // The form's 年度绩效目标 is the department's overall goal when no narrative says it.
            if r.doc.overall_goals.is_empty() {
                r.doc.overall_goals = p.goals;
            }
            continue;
        }
        if p.name.value.is_empty() {
            match (&title, r.doc.projects.last_mut()) {
                (Some(t), _) => p.name = Located::new(name_from_title(&t.value), t.at),
                // A table without title or name continues the project above it (a form
                // split over pages, or its indicator grid printed as a table of its own).
                (None, Some(last)) if p.code.is_none() => {
                    last.goals.extend(p.goals);
                    last.indicators.extend(p.indicators);
                    continue;
                }
                (None, _) => r.note(Severity::Warning, p.at, "项目表没有项目名称"),
            }
        }
        if p.unit.is_none() {
            p.unit = r.unit.clone();
        }
        r.doc.projects.push(p);
    }
    true
}

/// A grid with one row per indicator of many projects: a filled 项目名称 cell starts the
/// next project, with the code, amount and goals printed in its row.
fn start_project_of_row(
    r: &Reader,
    st: &mut FormState,
    row: &Row,
    cols: &Columns,
    name_cell: &Cell,
) {
    let name = cell_text(name_cell);
    if st.current.name.value == name {
        return;
    }
    if !st.current.name.value.is_empty() || !st.current.indicators.is_empty() {
        let done = std::mem::take(&mut st.current);
        st.projects.push(done);
    }
    let p = &mut st.current;
    p.at = Origin::line(row.line);
    p.name = Located::new(name, name_cell.origin());
    p.code = cols.cell(row, Column::ProjectCode).and_then(located);
    p.budget.total = cols.cell(row, Column::Amount).and_then(|c| {
        Money::parse(&cell_text(c), r.amount_unit).map(|m| Located::new(m, c.origin()))
    });
    if let Some(c) = cols.cell(row, Column::Goals) {
        push_goals(p, std::iter::once(c).filter(|c| !c.is_empty()));
    }
}

/// A row below the indicator grid that starts the form's labelled part again (a new
/// project in the same table). A label elsewhere in the row is data (a basis printed
/// `绩效目标`).
fn leaves_grid(row: &Row) -> bool {
    row.cells.first().is_some_and(|c| label(&c.text).is_some())
        || goals_in_label_cell_row(row).is_some()
}

/// How many consecutive short rows, starting at `rows[0]`, add up to exactly one row of
/// `width` cells.
fn pieces_of_row(rows: &[Row], width: usize) -> Option<usize> {
    let mut total = 0;
    for (n, row) in rows.iter().enumerate() {
        if n > 0 && (leaves_grid(row) || Columns::detect(row).is_some()) {
            return None;
        }
        total += row.cells.len();
        if total == width {
            return Some(n + 1);
        }
        if total > width {
            return None;
        }
    }
    None
}

fn is_amount_unit(s: &str) -> bool {
    let s = squeezed(s);
    s.starts_with("单位")
        && s.chars().count() <= 12
        && jixiao_model::AmountUnit::from_statement(&s).is_some()
}

fn goals_in_label_cell_row(row: &Row) -> Option<String> {
    row.cells.first().and_then(goals_in_label_cell)
}

fn push_goals<'c>(p: &mut Project, cells: impl Iterator<Item = &'c Cell>) {
    for cell in cells {
        for g in goals_of(&cell.text) {
            p.goals.push(Located::new(g, cell.origin()));
        }
    }
}

/// Goals in one cell: separate paragraphs that each start with a number are separate
/// goals; otherwise the cell's lines are one text split at its numbering.
fn goals_of(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(trim)
        .filter(|l| !l.is_empty())
        .collect();
    let numbered = |l: &&str| jixiao_model::text::strip_enumerator(l).1;
    if lines.len() > 1 && lines.iter().all(numbered) {
        return lines.iter().flat_map(|l| split_goals(l)).collect();
    }
    split_goals(&super::join_lines(text))
}

/// Reads the labels of one row; false when it has none.
fn labelled_row(r: &mut Reader, row: &Row, st: &mut FormState, expect: &mut Expect) -> bool {
    if let Some(text) = goals_in_label_cell_row(row) {
        let cell = &row.cells[0];
        for g in goals_of(&text) {
            st.current.goals.push(Located::new(g, cell.origin()));
        }
        *expect = Expect::Goals;
        return true;
    }
    let cells = &row.cells;
    let mut any = false;
    for (ci, cell) in cells.iter().enumerate() {
        let Some(lab) = label(&cell.text) else {
            continue;
        };
        any = true;
        let value = cells.get(ci + 1).filter(|c| label(&c.text).is_none());
        st.boundary(lab, row.line);
        let p = &mut st.current;
        let money = |c: Option<&Cell>| {
            c.and_then(|c| {
                Money::parse(&cell_text(c), r.amount_unit).map(|m| Located::new(m, c.origin()))
            })
        };
        match lab {
            Label::Code => p.code = value.and_then(located),
            Label::Name => {
                if let Some(v) = value.and_then(located) {
                    p.name = v;
                }
            }
            Label::Total => {
                p.budget.total = money(value);
                *expect = Expect::Purpose;
            }
            Label::Fiscal => p.budget.fiscal = money(value),
            Label::Other => p.budget.other = money(value),
            Label::Purpose => {
                p.purpose = value.and_then(located);
                if p.purpose.is_none() {
                    *expect = Expect::Purpose;
                }
            }
            Label::BudgetSection => *expect = Expect::Purpose,
            Label::Department => {
                if let Some(v) = value
                    .and_then(located)
                    .filter(|_| r.doc.department.is_none())
                {
                    r.doc.department = Some(v);
                }
            }
            Label::SpendingPlan => {
                let columns: Vec<(usize, usize)> = cells
                    .iter()
                    .enumerate()
                    .skip(ci + 1)
                    .filter_map(|(i, c)| month_quarter(&c.text).map(|q| (i, q)))
                    .collect();
                *expect = Expect::PlanValues {
                    header_width: cells.len(),
                    columns,
                };
                return true;
            }
            Label::Goals => {
                let rest = cells[ci + 1..]
                    .iter()
                    .filter(|c| !c.is_empty() && !is_goal_number_label(&c.text));
                push_goals(p, rest);
                *expect = Expect::Goals;
                return true;
            }
        }
    }
    if any && matches!(expect, Expect::Goals) {
        *expect = Expect::Nothing;
    }
    any
}

/// `1、"双控"机制建设绩效目标表` → `"双控"机制建设`.
fn name_from_title(title: &str) -> String {
    let (t, _) = jixiao_model::text::strip_enumerator(title);
    let mut t = t.to_string();
    for suffix in [
        "项目支出绩效目标申报表",
        "绩效目标申报表",
        "项目绩效目标表",
        "绩效目标表",
        "目标表",
    ] {
        if let Some(s) = t.strip_suffix(suffix) {
            t = s.to_string();
            break;
        }
    }
    trim(&t).to_string()
}

fn level<C>(
    printed: Option<Located<String>>,
    inherited: &mut Option<Located<String>>,
    parse: fn(&str) -> Option<C>,
) -> IndicatorLevel<C> {
    match printed {
        Some(p) => {
            *inherited = Some(p.clone());
            IndicatorLevel {
                category: parse(&p.value),
                printed: p,
                inherited: false,
            }
        }
        None => {
            let p = inherited.clone().unwrap_or_default();
            IndicatorLevel {
                category: parse(&p.value),
                printed: p,
                inherited: true,
            }
        }
    }
}

/// Reads one indicator row; `None` for rows that only carry level headings or nothing.
fn indicator(r: &mut Reader, row: &Row, cols: &Columns, levels: &mut Levels) -> Option<Indicator> {
    let get = |k| cols.cell(row, k).and_then(located);
    let (l1, l2) = (get(Column::Level1), get(Column::Level2));
    let level3 = get(Column::Level3);
    let description = get(Column::Description);
    let basis = get(Column::Basis);
    let target = if cols.index(Column::Operator).is_some() || cols.index(Column::Unit).is_some() {
        let part = |k| cols.cell(row, k).map(cell_text).unwrap_or_default();
        let joined = Target::join_parts(
            [
                part(Column::Operator),
                part(Column::Target),
                part(Column::Unit),
            ]
            .iter()
            .map(String::as_str),
        );
        let at = cols
            .cell(row, Column::Target)
            .map_or(Origin::line(row.line), Cell::origin);
        (!joined.is_empty()).then(|| Located::new(joined, at))
    } else {
        get(Column::Target)
    };
    if level3.is_none() && description.is_none() && target.is_none() && basis.is_none() {
        if l1.is_some() || l2.is_some() {
            if l1.is_some() {
                levels.level1 = l1;
            }
            levels.level2 = l2.or(levels.level2.take());
        }
        return None;
    }
    if row.cells.len() != cols.width {
        r.note(
            Severity::Info,
            Origin::line(row.line),
            format!(
                "指标行有{}个单元格，表头有{}列",
                row.cells.len(),
                cols.width
            ),
        );
    }
    let weight = cols
        .cell(row, Column::Weight)
        .and_then(|c| squeezed(&c.text).trim_end_matches('分').parse().ok());
    Some(Indicator {
        level1: level(l1, &mut levels.level1, Level1::from_printed),
        level2: level(l2, &mut levels.level2, Level2::from_printed),
        level3,
        description,
        target: target.map(|t| t.map(|s| Target::parse(&s))),
        basis,
        weight,
        at: Origin::line(row.line),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_months() {
        assert_eq!(
            name_from_title("1、\"双控\"机制建设绩效目标表"),
            "\"双控\"机制建设"
        );
        assert_eq!(
            name_from_title("1、5.12 防灾减灾宣传周活动经费绩效目标表"),
            "5.12 防灾减灾宣传周活动经费"
        );
        assert_eq!(
            name_from_title("1.  安全生产专项经费项目绩效目标表"),
            "安全生产专项经费"
        );
        assert_eq!(month_quarter("3月底"), Some(0));
        assert_eq!(month_quarter("12月底"), Some(3));
        assert_eq!(month_quarter("5月底"), None);
        assert!(is_goal_number_label("目标1"));
        assert!(!is_goal_number_label("目标"));
    }
}
