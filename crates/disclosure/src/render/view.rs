//! The disclosure as a publication of the one table model ([`jixiao_model::table`]):
//! sections, pieces, paragraphs and tables, in the usual order (基本情况, 收支预算,
//! 机关运行经费, “三公”经费, 政府采购, 国有资产, 名词解释, 其他). Data only: `jixiao-office`
//! draws it as an HTML page or section and as a workbook with one sheet per section.

use jixiao_model::table::{Cell, Piece, Publication, Section, Table};
use jixiao_model::{Decimal, Located, Money};

use crate::model::{Disclosure, Figure, FundingRow, ProcurementLine, Statement};

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn text(s: impl Into<String>) -> Cell {
    Cell::text(s)
}

fn money(m: Option<&Located<Money>>) -> Cell {
    m.map_or_else(Cell::empty, |m| Cell::exact(m.value.0))
}

fn number(d: Option<Decimal>) -> Cell {
    d.map_or_else(Cell::empty, Cell::exact)
}

/// The title: `石家庄高新区应急管理局2020年度部门预算公开`.
pub fn title(d: &Disclosure) -> String {
    let dept = d.department.as_ref().map_or("", |x| x.value.as_str());
    let year = d.year.as_ref().map_or(String::new(), |y| format!("{}年度", y.value));
    format!("{dept}{year}部门预算公开")
}

/// The disclosure as a publication: its title and the sections it prints, numbered
/// (`一、基本情况`); empty sections are left out.
pub fn publication(d: &Disclosure) -> Publication {
    let sections = parts(d)
        .into_iter()
        .enumerate()
        .map(|(i, (name, pieces))| Section {
            heading: format!("{}、{name}", NUMERALS.get(i).copied().unwrap_or("")),
            name: name.to_string(),
            pieces,
        })
        .collect();
    Publication { title: title(d), sections, empty: ("预算公开", "没有读到预算公开内容") }
}

/// The parts a disclosure prints, in disclosure order, as (name, pieces); empty parts are
/// left out.
fn parts(d: &Disclosure) -> Vec<(&'static str, Vec<Piece>)> {
    let mut out = Vec::new();
    let mut basic = Vec::new();
    if !d.duties.is_empty() {
        basic.push(Piece {
            title: Some("部门职责".into()),
            paragraphs: d
                .duties
                .iter()
                .enumerate()
                .map(|(i, t)| format!("{}、{}", i + 1, t.value))
                .collect(),
            table: None,
        });
    }
    if !d.institutions.is_empty() {
        basic.push(Piece {
            title: Some("机构设置".into()),
            paragraphs: Vec::new(),
            table: Some(Table::with_header(&["单位名称", "单位性质", "单位规格", "经费保障形式"],  d
                    .institutions
                    .iter()
                    .map(|u| {
                        let opt = |s: &Option<String>| text(s.clone().unwrap_or_default());
                        vec![
                            text(&u.name),
                            opt(&u.nature),
                            opt(&u.rank),
                            opt(&u.funding),
                        ]
                    })
                    .collect(),
            )),
        });
    }
    push(&mut out, "基本情况", basic);
    push(
        &mut out,
        "收支预算",
        d.budget.iter().map(statement).collect(),
    );
    push(
        &mut out,
        "机关运行经费",
        d.running_costs.iter().map(statement).collect(),
    );
    push(
        &mut out,
        "“三公”经费",
        d.three_public.iter().map(statement).collect(),
    );
    if let Some(p) = &d.procurement {
        let mut subs = Vec::new();
        if let Some(s) = &p.statement {
            subs.push(Piece {
                title: None,
                paragraphs: s.text.iter().map(|t| t.value.clone()).collect(),
                table: None,
            });
        }
        let mut rows = Vec::new();
        if let Some(t) = &p.total {
            rows.push(funding_row("合计", t));
        }
        for g in &p.groups {
            if let Some(s) = &g.subtotal {
                let unit = g.unit.as_ref().map_or(String::new(), |u| u.value.clone());
                rows.push(funding_row(&format!("{unit}小计"), s));
            }
            rows.extend(g.lines.iter().map(procurement_line));
        }
        if !rows.is_empty() {
            subs.push(Piece {
                title: Some("政府采购预算表（万元）".into()),
                paragraphs: Vec::new(),
                table: Some(Table::with_header(&[
                        "项目名称",
                        "预算资金",
                        "采购物品名称",
                        "政府采购目录序号",
                        "计量单位",
                        "数量",
                        "单价",
                        "合计",
                        "一般公共预算拨款",
                        "基金预算拨款",
                        "国有资本经营预算拨款",
                        "财政专户核拨",
                        "其他来源收入",
                    ], rows,
                )),
            });
        }
        push(&mut out, "政府采购", subs);
    }
    if let Some(a) = &d.assets {
        let mut subs = vec![Piece {
            title: None,
            paragraphs: a.text.iter().map(|t| t.value.clone()).collect(),
            table: None,
        }];
        if !a.classes.is_empty() {
            let mut rows: Vec<Vec<Cell>> = Vec::new();
            if let Some(t) = &a.total {
                rows.push(vec![
                    text("固定资产总额"),
                    Cell::exact(t.value.0),
                    Cell::empty(),
                ]);
            }
            rows.extend(a.classes.iter().map(|c| {
                vec![
                    text(&c.name),
                    Cell::exact(c.amount.value.0),
                    number(c.share.as_ref().map(|s| s.value)),
                ]
            }));
            let title = a.as_of.as_ref().map_or("固定资产构成".into(), |d| {
                format!("固定资产构成（截止{}）", d.value)
            });
            subs.push(Piece {
                title: Some(title),
                paragraphs: Vec::new(),
                table: Some(Table::with_header(&["类别", "金额（万元）", "占比（%）"], rows,
                )),
            });
        }
        if !a.planned.is_empty() {
            subs.push(Piece {
                title: Some("本年拟购置资产".into()),
                paragraphs: Vec::new(),
                table: Some(Table::with_header(&["资产", "数量", "计量单位"],  a
                        .planned
                        .iter()
                        .map(|p| {
                            vec![
                                text(&p.item),
                                Cell::exact(p.quantity),
                                text(&p.measure),
                            ]
                        })
                        .collect(),
                )),
            });
        }
        if !a.table.is_empty() {
            subs.push(Piece {
                title: Some("固定资产占用情况表".into()),
                paragraphs: Vec::new(),
                table: Some(Table::with_header(&["项目", "数量", "计量单位", "价值（万元）"],  a
                        .table
                        .iter()
                        .map(|r| {
                            vec![
                                text(&r.label),
                                number(r.quantity.as_ref().map(|q| q.value)),
                                text(r.measure.clone().unwrap_or_default()),
                                money(r.value.as_ref()),
                            ]
                        })
                        .collect(),
                )),
            });
        }
        push(&mut out, "国有资产", subs);
    }
    if !d.terms.is_empty() {
        push(
            &mut out,
            "名词解释",
            vec![Piece {
                title: None,
                paragraphs: Vec::new(),
                table: Some(Table::with_header(&["名词", "解释"],  d
                        .terms
                        .iter()
                        .map(|t| vec![text(&t.term), text(&t.definition)])
                        .collect(),
                )),
            }],
        );
    }
    if !d.other_notes.is_empty() {
        push(
            &mut out,
            "其他重要情况说明",
            vec![Piece {
                title: None,
                paragraphs: d.other_notes.iter().map(|t| t.value.clone()).collect(),
                table: None,
            }],
        );
    }
    out
}

fn push(out: &mut Vec<(&'static str, Vec<Piece>)>, title: &'static str, subs: Vec<Piece>) {
    if !subs.is_empty() {
        out.push((title, subs));
    }
}

fn statement(s: &Statement) -> Piece {
    Piece {
        title: Some(s.kind.name().to_string()),
        paragraphs: s.text.iter().map(|t| t.value.clone()).collect(),
        table: (!s.figures.is_empty()).then(|| Table::with_header(&[
                "项目",
                "本年预算（万元）",
                "上年预算（万元）",
                "较上年增减（万元）",
            ],
            s.figures.iter().map(figure_row).collect(),
        )),
    }
}

fn figure_row(f: &Figure) -> Vec<Cell> {
    vec![
        text(f.item.name()),
        money(f.amount.as_ref()),
        money(f.previous.as_ref()),
        f.change
            .as_ref()
            .map_or(Cell::empty(), |c| Cell::exact(c.value.0)),
    ]
}

fn funding_cells(f: &FundingRow) -> Vec<Cell> {
    f.columns().iter().map(|(_, m)| money(*m)).collect()
}

fn funding_row(label: &str, f: &FundingRow) -> Vec<Cell> {
    let mut row = vec![text(label)];
    row.extend(vec![Cell::empty(); 6]);
    row.extend(funding_cells(f));
    row
}

fn procurement_line(l: &ProcurementLine) -> Vec<Cell> {
    let mut row = vec![
        text(&l.project.value),
        money(l.project_budget.as_ref()),
        text(&l.item.value),
        text(
            l.catalogue_code
                .as_ref()
                .map_or(String::new(), |c| c.value.clone()),
        ),
        text(l.measure.clone().unwrap_or_default()),
        number(l.quantity.as_ref().map(|q| q.value)),
        money(l.unit_price.as_ref()),
    ];
    row.extend(funding_cells(&l.amount));
    row
}
