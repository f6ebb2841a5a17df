//! The 公开表: one row per project (单位编码 | 单位及项目名称 | 金额 | 绩效目标 | 绩效指标),
//! budget-unit rows between them, goals and indicators as HTML lists inside the cells.

use jixiao_model::text::{squeezed, strip_enumerator, trim};
use jixiao_model::{
    AmountUnit, BudgetUnit, Indicator, IndicatorLevel, Level1, Level2, Located, Money, Origin,
    Project, Severity, Target,
};

use super::items::{split_goals, split_item};
use super::vocab::{is_org_name, label, Label};
use super::{cell_text, Reader};
use crate::carrier::cell_html::{fragments, has_markup, Fragment};
use crate::layout::{Cell, Row, Table};

struct Columns {
    code: Option<usize>,
    name: usize,
    amount: Option<usize>,
    amount_unit: Option<AmountUnit>,
    goals: usize,
    indicators: usize,
}

fn detect(row: &Row) -> Option<Columns> {
    let named = |c: &Cell| {
        let t = c.text.trim_start();
        t.len() <= 60 && (t.contains("名称") || t.contains("绩效") || t.contains("项目"))
    };
    if row.cells.iter().filter(|c| named(c)).count() < 2 {
        return None;
    }
    // Headers are short: squeeze each short cell once, leave long cells out.
    let heads: Vec<Option<std::borrow::Cow<str>>> = row
        .cells
        .iter()
        .map(|c| (c.text.len() <= 60).then(|| squeezed(&c.text)))
        .collect();
    if heads.iter().flatten().count() < 3 {
        return None;
    }
    let find =
        |pred: &dyn Fn(&str) -> bool| heads.iter().position(|h| h.as_deref().is_some_and(pred));
    let name = find(&|s| s.ends_with("项目名称") || s == "项目")?;
    let goals = find(&|s| s.starts_with("绩效目标") || s == "年度绩效目标")?;
    let indicators = find(&|s| s.starts_with("绩效指标") || s == "指标")?;
    let amount =
        find(&|s| label(s) == Some(Label::Total) || s.contains("金额") || s.starts_with("预算数"));
    Some(Columns {
        code: find(&|s| s.ends_with("编码") || s == "序号" || s.ends_with("代码")),
        name,
        amount,
        amount_unit: amount.and_then(|i| AmountUnit::from_statement(&row.cells[i].text)),
        goals,
        indicators,
    })
}

/// Whether a table is a 公开表: its header (in the first rows) names project, goals and
/// indicator columns.
pub(super) fn is_public(table: &Table) -> bool {
    table.rows.iter().take(3).any(|row| detect(row).is_some())
}

/// Reads a 公开表; false when the table has no such header.
pub(super) fn read(r: &mut Reader, table: &Table) -> bool {
    // The header heads the table (a title or unit row may stand above it).
    let Some((header_at, cols)) = table
        .rows
        .iter()
        .take(3)
        .enumerate()
        .find_map(|(i, row)| detect(row).map(|c| (i, c)))
    else {
        return false;
    };
    // A 公开表 prints a project's name, amount, goals and indicators (name and value), nothing
    // else of the form.
    r.doc.printed_fields = Some(jixiao_model::PrintedFields {
        budget: Some(cols.amount.is_some()),
        description: Some(false),
        basis: Some(false),
        plan: Some(false),
        purpose: Some(false),
    });
    for row in &table.rows[header_at + 1..] {
        if row.is_blank() || detect(row).is_some() {
            continue;
        }
        let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i));
        let text = |i: Option<usize>| cell(i).map(cell_text).unwrap_or_default();
        let (code, name) = (text(cols.code), text(Some(cols.name)));
        let (goals, indicators) = (cell(Some(cols.goals)), cell(Some(cols.indicators)));
        let has_targets =
            goals.is_some_and(|c| !c.is_empty()) || indicators.is_some_and(|c| !c.is_empty());
        if squeezed(&code).starts_with("合计") || squeezed(&name).starts_with("合计") {
            let unit = cols.amount_unit.unwrap_or(r.amount_unit);
            if let Some(c) = cell(cols.amount) {
                r.doc.printed_total =
                    Money::parse(&cell_text(c), unit).map(|m| Located::new(m, c.origin()));
            }
            continue;
        }
        if !has_targets && is_org_name(&name) && code.chars().all(|c| c.is_ascii_digit()) {
            // 309001 门源县应急管理局: the budget unit of the projects below.
            let printed = format!("{code}{name}");
            r.add_unit(BudgetUnit {
                code: (!code.is_empty()).then(|| code.clone()),
                name: name.clone(),
                printed,
                at: Origin::line(row.line),
            });
            continue;
        }
        if name.is_empty() {
            r.note(
                Severity::Info,
                Origin::line(row.line),
                "公开表中没有项目名称的行，已跳过",
            );
            continue;
        }
        let unit = cols.amount_unit.unwrap_or(r.amount_unit);
        let mut p = Project {
            unit: r.unit.clone(),
            code: project_code(&code)
                .then(|| Located::new(code.clone(), cell(cols.code).unwrap().origin())),
            name: Located::new(name, cell(Some(cols.name)).unwrap().origin()),
            at: Origin::line(row.line),
            ..Project::default()
        };
        if let Some(c) = cell(cols.amount) {
            p.budget.total = Money::parse(&cell_text(c), unit).map(|m| Located::new(m, c.origin()));
        }
        if let Some(c) = goals {
            p.goals = goal_texts(c)
                .into_iter()
                .map(|g| Located::new(g, c.origin()))
                .collect();
        }
        if let Some(c) = indicators {
            p.indicators = indicator_list(r, c);
        }
        r.doc.projects.push(p);
    }
    true
}

/// A bare sequence number (1, 2, 3) is no project code.
fn project_code(s: &str) -> bool {
    let s = trim(s);
    !s.is_empty() && (!s.chars().all(|c| c.is_ascii_digit()) || s.len() > 4)
}

fn goal_texts(cell: &Cell) -> Vec<String> {
    if has_markup(&cell.text) {
        fragments(&cell.text)
            .into_iter()
            .map(|f| match f {
                Fragment::Paragraph(t) | Fragment::Item(t) => t,
            })
            .collect()
    } else {
        split_goals(&cell_text(cell))
    }
}

/// A level heading inside the indicator cell: `一、产出指标` (level 1 position) or
/// `(一) 数量指标:` (level 2 position). Documents misplace them; the category decides.
enum Heading {
    Level1(String),
    Level2 {
        level1: Option<String>,
        level2: String,
    },
}

fn heading(text: &str) -> Option<Heading> {
    let s = squeezed(text);
    let (name, _) = strip_enumerator(&s);
    let name = name.trim_end_matches([':', '：']).to_string();
    let top = s.starts_with(|c: char| "一二三四五六七八九十".contains(c));
    match Level1::from_printed(&name) {
        // `(四) 成本指标` under 产出指标 is the level-2 成本指标 of the classic framework.
        Some(Level1::Cost) if !top => {}
        Some(_) => return Some(Heading::Level1(name)),
        None => {}
    }
    let l2 = Level2::from_printed(&name)?;
    // `三、服务对象满意度指标` at level-1 position: its parent is the level 1.
    let level1 = top.then(|| {
        l2.parent(jixiao_model::Framework::Classic)
            .name()
            .to_string()
    });
    Some(Heading::Level2 {
        level1,
        level2: name,
    })
}

/// A level-2 name leaked to the front of a list item (`社会效益指标 地震安全知识知晓率 ≥95%`).
fn leading_level2(item: &str) -> Option<(String, &str)> {
    let t = trim(item);
    let end = t.find(char::is_whitespace).unwrap_or(t.len());
    let first = &t[..end];
    (first.ends_with("指标") && Level2::from_printed(first).is_some())
        .then(|| (first.to_string(), trim(&t[end..])))
}

fn indicator_list(r: &mut Reader, cell: &Cell) -> Vec<Indicator> {
    let at = cell.origin();
    let frags = if has_markup(&cell.text) {
        fragments(&cell.text)
    } else {
        plain_fragments(&cell.text)
    };
    let mut level1: Option<String> = None;
    let mut level2: Option<String> = None;
    let mut out = Vec::new();
    for f in frags {
        let items = match f {
            Fragment::Paragraph(t) => match heading(&t) {
                Some(Heading::Level1(l1)) => {
                    level1 = Some(l1);
                    level2 = None;
                    continue;
                }
                Some(Heading::Level2 {
                    level1: l1,
                    level2: l2,
                }) => {
                    if l1.is_some() {
                        level1 = l1;
                    }
                    level2 = Some(l2);
                    continue;
                }
                // Items printed as paragraphs: `<p>1. 甲 ≥2次</p>`, `<p>1. 甲 ≥30次 2. 乙 ≥5次</p>`.
                None => {
                    let items = crate::carrier::cell_html::split_numbered(&t);
                    if items.len() == 1 {
                        vec![strip_enumerator(&t).0.to_string()]
                    } else {
                        items
                    }
                }
            },
            Fragment::Item(t) => vec![t],
        };
        for item in items {
            let mut body = item.as_str();
            if let Some((l2, rest)) = leading_level2(&item) {
                level2 = Some(l2);
                body = rest;
                if body.is_empty() {
                    continue; // the item is only a heading
                }
            }
            let (name, target) = split_item(body);
            if target.is_none() {
                r.note(Severity::Warning, at, format!("指标“{name}”未找到指标值"));
            }
            let lv = |printed: &Option<String>| printed.clone().unwrap_or_default();
            out.push(Indicator {
                level1: IndicatorLevel {
                    category: Level1::from_printed(&lv(&level1)),
                    printed: Located::new(lv(&level1), at),
                    inherited: true,
                },
                level2: IndicatorLevel {
                    category: Level2::from_printed(&lv(&level2)),
                    printed: Located::new(lv(&level2), at),
                    inherited: true,
                },
                level3: Some(Located::new(name, at)),
                description: None,
                target: target.map(|t| Located::new(Target::parse(&t), at)),
                basis: None,
                weight: None,
                at,
                evaluation: None,
            });
        }
    }
    out
}

/// Indicator cells without markup: lines are headings or `N. 名称 指标值` items.
fn plain_fragments(text: &str) -> Vec<Fragment> {
    text.split('\n')
        .map(trim)
        .filter(|l| !l.is_empty())
        .flat_map(|l| {
            if heading(l).is_some() {
                vec![Fragment::Paragraph(l.to_string())]
            } else {
                let (rest, _) = strip_enumerator(l);
                crate::carrier::cell_html::split_numbered(rest)
                    .into_iter()
                    .map(Fragment::Item)
                    .collect()
            }
        })
        .collect()
}
