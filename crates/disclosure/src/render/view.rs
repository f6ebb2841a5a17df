//! The disclosure as parts, sub-parts, paragraphs and tables, in the usual order
//! (基本情况, 收支预算, 机关运行经费, “三公”经费, 政府采购, 国有资产, 名词解释, 其他):
//! what the HTML page and the workbook both show.

use jixiao_model::{Decimal, Located, Money};

use crate::model::{Disclosure, Figure, FundingRow, ProcurementLine, Statement};

/// A table cell: text, or a number printed with its own places.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Text(String),
    Number(Decimal),
    Empty,
}

impl Value {
    fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }
    fn money(m: Option<&Located<Money>>) -> Value {
        m.map_or(Value::Empty, |m| Value::Number(m.value.0))
    }
    fn number(d: Option<Decimal>) -> Value {
        d.map_or(Value::Empty, Value::Number)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grid {
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
}

/// A titled piece of a part: paragraphs then a table.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Sub {
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
    pub grid: Option<Grid>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Part {
    /// The sheet name and heading (`收支预算`).
    pub title: &'static str,
    pub subs: Vec<Sub>,
}

/// The parts a disclosure prints, in disclosure order; empty parts are left out.
pub(crate) fn parts(d: &Disclosure) -> Vec<Part> {
    let mut out = Vec::new();
    let mut basic = Vec::new();
    if !d.duties.is_empty() {
        basic.push(Sub {
            title: Some("部门职责".into()),
            paragraphs: d
                .duties
                .iter()
                .enumerate()
                .map(|(i, t)| format!("{}、{}", i + 1, t.value))
                .collect(),
            grid: None,
        });
    }
    if !d.institutions.is_empty() {
        basic.push(Sub {
            title: Some("机构设置".into()),
            paragraphs: Vec::new(),
            grid: Some(Grid {
                header: vec!["单位名称", "单位性质", "单位规格", "经费保障形式"],
                rows: d
                    .institutions
                    .iter()
                    .map(|u| {
                        let opt = |s: &Option<String>| Value::text(s.clone().unwrap_or_default());
                        vec![
                            Value::text(&u.name),
                            opt(&u.nature),
                            opt(&u.rank),
                            opt(&u.funding),
                        ]
                    })
                    .collect(),
            }),
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
            subs.push(Sub {
                title: None,
                paragraphs: s.text.iter().map(|t| t.value.clone()).collect(),
                grid: None,
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
            subs.push(Sub {
                title: Some("政府采购预算表（万元）".into()),
                paragraphs: Vec::new(),
                grid: Some(Grid {
                    header: vec![
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
                    ],
                    rows,
                }),
            });
        }
        push(&mut out, "政府采购", subs);
    }
    if let Some(a) = &d.assets {
        let mut subs = vec![Sub {
            title: None,
            paragraphs: a.text.iter().map(|t| t.value.clone()).collect(),
            grid: None,
        }];
        if !a.classes.is_empty() {
            let mut rows: Vec<Vec<Value>> = Vec::new();
            if let Some(t) = &a.total {
                rows.push(vec![
                    Value::text("固定资产总额"),
                    Value::Number(t.value.0),
                    Value::Empty,
                ]);
            }
            rows.extend(a.classes.iter().map(|c| {
                vec![
                    Value::text(&c.name),
                    Value::Number(c.amount.value.0),
                    Value::number(c.share.as_ref().map(|s| s.value)),
                ]
            }));
            let title = a.as_of.as_ref().map_or("固定资产构成".into(), |d| {
                format!("固定资产构成（截止{}）", d.value)
            });
            subs.push(Sub {
                title: Some(title),
                paragraphs: Vec::new(),
                grid: Some(Grid {
                    header: vec!["类别", "金额（万元）", "占比（%）"],
                    rows,
                }),
            });
        }
        if !a.planned.is_empty() {
            subs.push(Sub {
                title: Some("本年拟购置资产".into()),
                paragraphs: Vec::new(),
                grid: Some(Grid {
                    header: vec!["资产", "数量", "计量单位"],
                    rows: a
                        .planned
                        .iter()
                        .map(|p| {
                            vec![
                                Value::text(&p.item),
                                Value::Number(p.quantity),
                                Value::text(&p.measure),
                            ]
                        })
                        .collect(),
                }),
            });
        }
        if !a.table.is_empty() {
            subs.push(Sub {
                title: Some("固定资产占用情况表".into()),
                paragraphs: Vec::new(),
                grid: Some(Grid {
                    header: vec!["项目", "数量", "计量单位", "价值（万元）"],
                    rows: a
                        .table
                        .iter()
                        .map(|r| {
                            vec![
                                Value::text(&r.label),
                                Value::number(r.quantity.as_ref().map(|q| q.value)),
                                Value::text(r.measure.clone().unwrap_or_default()),
                                Value::money(r.value.as_ref()),
                            ]
                        })
                        .collect(),
                }),
            });
        }
        push(&mut out, "国有资产", subs);
    }
    if !d.terms.is_empty() {
        push(
            &mut out,
            "名词解释",
            vec![Sub {
                title: None,
                paragraphs: Vec::new(),
                grid: Some(Grid {
                    header: vec!["名词", "解释"],
                    rows: d
                        .terms
                        .iter()
                        .map(|t| vec![Value::text(&t.term), Value::text(&t.definition)])
                        .collect(),
                }),
            }],
        );
    }
    if !d.other_notes.is_empty() {
        push(
            &mut out,
            "其他重要情况说明",
            vec![Sub {
                title: None,
                paragraphs: d.other_notes.iter().map(|t| t.value.clone()).collect(),
                grid: None,
            }],
        );
    }
    out
}

fn push(out: &mut Vec<Part>, title: &'static str, subs: Vec<Sub>) {
    if !subs.is_empty() {
        out.push(Part { title, subs });
    }
}

fn statement(s: &Statement) -> Sub {
    Sub {
        title: Some(s.kind.name().to_string()),
        paragraphs: s.text.iter().map(|t| t.value.clone()).collect(),
        grid: (!s.figures.is_empty()).then(|| Grid {
            header: vec![
                "项目",
                "本年预算（万元）",
                "上年预算（万元）",
                "较上年增减（万元）",
            ],
            rows: s.figures.iter().map(figure_row).collect(),
        }),
    }
}

fn figure_row(f: &Figure) -> Vec<Value> {
    vec![
        Value::text(f.item.name()),
        Value::money(f.amount.as_ref()),
        Value::money(f.previous.as_ref()),
        f.change
            .as_ref()
            .map_or(Value::Empty, |c| Value::Number(c.value.0)),
    ]
}

fn funding_cells(f: &FundingRow) -> Vec<Value> {
    f.columns().iter().map(|(_, m)| Value::money(*m)).collect()
}

fn funding_row(label: &str, f: &FundingRow) -> Vec<Value> {
    let mut row = vec![Value::text(label)];
    row.extend(vec![Value::Empty; 6]);
    row.extend(funding_cells(f));
    row
}

fn procurement_line(l: &ProcurementLine) -> Vec<Value> {
    let mut row = vec![
        Value::text(&l.project.value),
        Value::money(l.project_budget.as_ref()),
        Value::text(&l.item.value),
        Value::text(
            l.catalogue_code
                .as_ref()
                .map_or(String::new(), |c| c.value.clone()),
        ),
        Value::text(l.measure.clone().unwrap_or_default()),
        Value::number(l.quantity.as_ref().map(|q| q.value)),
        Value::money(l.unit_price.as_ref()),
    ];
    row.extend(funding_cells(&l.amount));
    row
}
