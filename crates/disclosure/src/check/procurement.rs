//! Rules on the 政府采购预算表: lines against unit subtotals (D007), subtotals against the
//! grand total (D008), quantity × unit price (D009), funding sources against row totals
//! (D010), the prose against the table (D011), and the projects named against the target
//! tables (D012–D014).

use jixiao_model::{Decimal, Document, Located, Money};

use super::{at, wan, Findings, Location, Rule};
use crate::model::{Disclosure, FundingRow, Item, Procurement, ProcurementGroup, ProcurementLine};

const PART: &str = "政府采购";

fn at_line(line: u32) -> Location {
    at(PART, line, None)
}

pub(crate) fn check(d: &Disclosure, doc: &Document, out: &mut Findings) {
    let Some(p) = &d.procurement else { return };
    subtotals(p, out);
    grand_total(p, out);
    for line in p.lines() {
        quantity_times_price(line, out);
    }
    sources(p, out);
    prose_against_table(p, out);
    prose_categories(p, out);
    projects(p, doc, out);
}

fn value(m: Option<&Located<Money>>) -> Option<Money> {
    m.map(|l| l.value)
}

/// A column of several rows: `None` when no row prints it.
fn column_sum<'a>(rows: impl Iterator<Item = &'a FundingRow>, col: usize) -> Option<Money> {
    rows.filter_map(|r| value(r.columns()[col].1))
        .fold(None, |acc: Option<Money>, v| {
            Some(acc.unwrap_or(Money::ZERO) + v)
        })
}

/// The columns where `row` prints other than the sum of `parts` (a column printed on neither
/// side is skipped, one missing side counts as zero): name, printed, sum.
fn column_mismatches<'a>(
    row: &FundingRow,
    parts: impl Iterator<Item = &'a FundingRow> + Clone,
) -> Vec<(&'static str, Money, Money)> {
    let mut out = Vec::new();
    for (col, (name, printed)) in row.columns().into_iter().enumerate() {
        let sum = column_sum(parts.clone(), col);
        let printed = value(printed);
        if printed.is_none() && sum.is_none() {
            continue;
        }
        let (printed, sum) = (printed.unwrap_or_default(), sum.unwrap_or_default());
        if printed != sum {
            out.push((name, printed, sum));
        }
    }
    out
}

/// The unit a group is printed under, empty when none is.
fn unit_name(g: &ProcurementGroup) -> String {
    g.unit.as_ref().map_or(String::new(), |u| u.value.clone())
}

/// D007: each unit's lines add up to its 小计, column by column.
fn subtotals(p: &Procurement, out: &mut Findings) {
    for g in &p.groups {
        let Some(sub) = &g.subtotal else { continue };
        for (name, printed, sum) in column_mismatches(sub, g.lines.iter().map(|l| &l.amount)) {
            out.emit(
                Rule::D007,
                at_line(sub.line),
                &[
                    ("line", sub.line.to_string()),
                    ("unit", unit_name(g)),
                    ("column", name.to_string()),
                    ("subtotal", wan(printed)),
                    ("count", g.lines.len().to_string()),
                    ("sum", wan(sum)),
                ],
            );
        }
    }
}

/// D008: the 合计 row equals the subtotals (lines where a unit prints no subtotal).
fn grand_total(p: &Procurement, out: &mut Findings) {
    let Some(total) = &p.total else { return };
    let parts: Vec<&FundingRow> = p
        .groups
        .iter()
        .flat_map(|g| match &g.subtotal {
            Some(s) => vec![s],
            None => g.lines.iter().map(|l| &l.amount).collect(),
        })
        .collect();
    if parts.is_empty() {
        return;
    }
    for (name, printed, sum) in column_mismatches(total, parts.iter().copied()) {
        out.emit(
            Rule::D008,
            at_line(total.line),
            &[
                ("line", total.line.to_string()),
                ("column", name.to_string()),
                ("total", wan(printed)),
                ("sum", wan(sum)),
            ],
        );
    }
}

/// Half a unit of the last printed place: how far a rounded figure may be from its value.
fn half_unit(d: Decimal) -> Decimal {
    super::unit_of_last_place(d) / Decimal::TWO
}

/// D009: 数量 × 单价 = 金额, allowing for the unit price and amount being rounded to the
/// places they print (3 × 0.33 may be 1.00).
fn quantity_times_price(line: &ProcurementLine, out: &mut Findings) {
    let (Some(q), Some(price), Some(amount)) =
        (&line.quantity, &line.unit_price, &line.amount.total)
    else {
        return;
    };
    let product = q.value * price.value.0;
    let tolerance = q.value.abs() * half_unit(price.value.0) + half_unit(amount.value.0);
    if (product - amount.value.0).abs() > tolerance {
        out.emit(
            Rule::D009,
            at(PART, amount.at.line, amount.at.cell),
            &[
                ("line", amount.at.line.to_string()),
                ("item", line.item.value.clone()),
                ("quantity", q.value.to_string()),
                ("price", wan(price.value)),
                ("product", wan(Money(product.normalize()))),
                ("amount", wan(amount.value)),
            ],
        );
    }
}

/// D010: on every row, the funding sources add up to the row's 合计.
fn sources(p: &Procurement, out: &mut Findings) {
    let mut rows: Vec<(String, &FundingRow)> = Vec::new();
    if let Some(t) = &p.total {
        rows.push(("合计行".into(), t));
    }
    for g in &p.groups {
        if let Some(s) = &g.subtotal {
            rows.push((format!("{}小计行", unit_name(g)), s));
        }
        for l in &g.lines {
            rows.push((format!("“{}”", l.item.value), &l.amount));
        }
    }
    for (name, row) in rows {
        let Some(total) = &row.total else { continue };
        let printed: Vec<Money> = row
            .sources()
            .iter()
            .filter_map(|(_, m)| value(*m))
            .collect();
        if printed.is_empty() {
            continue;
        }
        let sum: Money = printed.into_iter().sum();
        if sum != total.value {
            out.emit(
                Rule::D010,
                at_line(row.line),
                &[
                    ("line", row.line.to_string()),
                    ("row", name),
                    ("total", wan(total.value)),
                    ("sum", wan(sum)),
                ],
            );
        }
    }
}

/// D011: `政府采购预算合计170.62万元，其中一般公共预算拨款170.62万元` against the 合计 row.
fn prose_against_table(p: &Procurement, out: &mut Findings) {
    let (Some(s), Some(total)) = (&p.statement, &p.total) else {
        return;
    };
    let pairs: [(Item, &str, Option<&Located<Money>>); 6] = [
        (Item::Total, "采购预算合计", total.total.as_ref()),
        (
            Item::GeneralBudget,
            "一般公共预算拨款",
            total.general_budget.as_ref(),
        ),
        (
            Item::GovernmentFund,
            "基金预算拨款",
            total.government_fund.as_ref(),
        ),
        (
            Item::StateCapital,
            "国有资本经营预算拨款",
            total.state_capital.as_ref(),
        ),
        (
            Item::SpecialAccount,
            "财政专户核拨",
            total.special_account.as_ref(),
        ),
        (Item::OtherIncome, "其他来源收入", total.other.as_ref()),
    ];
    for (item, what, table) in pairs {
        let Some(stated) = s.figure(item).and_then(|f| f.amount.as_ref()) else {
            continue;
        };
        let table = value(table).unwrap_or_default();
        if stated.value != table {
            out.emit(
                Rule::D011,
                at_line(stated.at.line),
                &[
                    ("at", stated.at.to_string()),
                    ("what", what.to_string()),
                    ("stated", wan(stated.value)),
                    ("line", total.line.to_string()),
                    ("table", wan(table)),
                ],
            );
        }
    }
}

/// The comparison form of a project name: no spaces, no punctuation (`5·12` = `5.12`).
fn name_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .trim_end_matches("绩效目标表")
        .to_string()
}

/// Sources that are 基本支出, not projects: procurement from them names no project.
fn is_basic_spending(name: &str) -> bool {
    ["公用经费", "人员经费", "基本支出", "机关运行"]
        .iter()
        .any(|w| name.contains(w))
}

/// D012: every project named exists among the target tables; D013: a project's 预算资金 is
/// the same on all its lines; D014: its procurement does not exceed that budget.
fn projects(p: &Procurement, doc: &Document, out: &mut Findings) {
    let mut by_project: Vec<(String, Vec<&ProcurementLine>)> = Vec::new();
    for l in p.lines().filter(|l| !l.project.value.is_empty()) {
        let key = name_key(&l.project.value);
        match by_project.iter_mut().find(|(k, _)| *k == key) {
            Some((_, ls)) => ls.push(l),
            None => by_project.push((key, vec![l])),
        }
    }
    for (key, lines) in &by_project {
        let first = lines[0];
        let target = doc
            .projects
            .iter()
            .find(|pr| name_key(&pr.name.value) == *key);
        if target.is_none() && !doc.projects.is_empty() && !is_basic_spending(key) {
            out.emit(
                Rule::D012,
                at_line(first.project.at.line),
                &[
                    ("at", first.project.at.to_string()),
                    ("project", first.project.value.clone()),
                ],
            );
        }
        let budgets: Vec<&Located<Money>> = lines
            .iter()
            .filter_map(|l| l.project_budget.as_ref())
            .collect();
        if let Some(first_budget) = budgets.first() {
            for b in &budgets[1..] {
                if b.value != first_budget.value {
                    out.emit(
                        Rule::D013,
                        at_line(b.at.line),
                        &[
                            ("at", b.at.to_string()),
                            ("project", first.project.value.clone()),
                            ("value", wan(b.value)),
                            ("first_at", first_budget.at.to_string()),
                            ("first", wan(first_budget.value)),
                        ],
                    );
                }
            }
        }
        let budget = budgets.first().map(|b| (b.value, b.at)).or_else(|| {
            target
                .and_then(|t| t.budget.total.as_ref())
                .map(|b| (b.value, first.project.at))
        });
        let sum: Money = lines
            .iter()
            .filter_map(|l| value(l.amount.total.as_ref()))
            .sum();
        if let Some((budget, at)) = budget {
            if sum > budget {
                out.emit(
                    Rule::D014,
                    at_line(at.line),
                    &[
                        ("at", at.to_string()),
                        ("project", first.project.value.clone()),
                        ("sum", wan(sum)),
                        ("budget", wan(budget)),
                    ],
                );
            }
        }
    }
}

/// Words too general to tie a planned asset or a category to a procurement item.
const GENERIC: &[&str] = &[
    "设备", "用品", "物品", "办公", "其他", "购置", "服务", "类似",
];

/// True when some procurement item shares a specific word (two characters or more, not a
/// general one) with `name`.
fn among_items(name: &str, items: &[&str]) -> bool {
    let chars: Vec<char> = name.chars().collect();
    (0..chars.len()).any(|start| {
        (start + 2..=chars.len()).any(|end| {
            let word: String = chars[start..end].iter().collect();
            !GENERIC.contains(&word.as_str()) && items.iter().any(|i| i.contains(&word))
        })
    })
}

/// The categories a procurement statement lists: `为办公消耗用品及类似物品、审计服务、印刷和
/// 出版。` → 办公消耗用品及类似物品, 审计服务, 印刷和出版.
fn listed_categories(text: &str) -> Vec<String> {
    text.split(['。', '；', ';'])
        .filter_map(|sentence| {
            let s = jixiao_model::text::squeeze(sentence);
            let start = ["主要用于", "用于", "包括", "主要为"]
                .iter()
                .find_map(|w| s.find(w).map(|i| i + w.len()))
                .or_else(|| s.starts_with('为').then_some('为'.len_utf8()))?;
            Some(
                s[start..]
                    .trim_end_matches('等')
                    .split(['、', '，', ','])
                    .map(|c| c.trim_end_matches('等').to_string())
                    .filter(|c| c.chars().count() >= 2 && !c.chars().any(|ch| ch.is_ascii_digit()))
                    .collect::<Vec<_>>(),
            )
        })
        .flatten()
        .collect()
}

/// D021: each category the statement lists is among the table's items.
fn prose_categories(p: &Procurement, out: &mut Findings) {
    let Some(s) = &p.statement else { return };
    let mut items: Vec<&str> = Vec::new();
    for l in p.lines() {
        if !items.contains(&l.item.value.as_str()) {
            items.push(&l.item.value);
        }
    }
    if items.is_empty() {
        return;
    }
    for para in &s.text {
        for category in listed_categories(&para.value) {
            if !among_items(&category, &items) {
                out.emit(
                    Rule::D021,
                    at_line(para.at.line),
                    &[
                        ("at", para.at.to_string()),
                        ("category", category),
                        (
                            "items",
                            items
                                .iter()
                                .map(|i| format!("“{i}”"))
                                .collect::<Vec<_>>()
                                .join("、"),
                        ),
                    ],
                );
            }
        }
    }
}

/// D020: an asset the 国有资产 section plans to buy (`本年拟购置办公设备计算机1台`) should
/// be among the procurement items; tied by a specific word at the end of its name
/// (`计算机`), not a general one (`设备`). Skipped when the disclosure has no procurement table.
pub(crate) fn planned_purchases(d: &Disclosure, out: &mut Findings) {
    let (Some(a), Some(p)) = (&d.assets, &d.procurement) else {
        return;
    };
    let items: Vec<&str> = p.lines().map(|l| l.item.value.as_str()).collect();
    if items.is_empty() {
        return;
    }
    for planned in &a.planned {
        if !among_items(&planned.item, &items) {
            out.emit(
                Rule::D020,
                at("国有资产", planned.at.line, None),
                &[
                    ("at", planned.at.to_string()),
                    ("item", planned.item.clone()),
                    (
                        "quantity",
                        format!("{}{}", planned.quantity, planned.measure),
                    ),
                ],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testkit::{findings, findings_with};
    use jixiao_rules::Rule;

    /// A procurement section: prose, then a table whose rows are given TAB-separated.
    fn section(prose: &str, rows: &[&str]) -> String {
        let header = "项目名称\t预算资金\t采购物品名称\t政府采购目录序号\t计量单位\t数量\t单价\t合计\t一般公共预算拨款\t基金预算拨款\n";
        format!(
            "六、政府采购支出情况说明\n\n{prose}\n\n单位：万元\n\n{header}{}\n",
            rows.join("\n")
        )
    }

    const TOTAL: &str = "合计\t\t\t\t\t\t\t2.50\t2.50\t";
    const SUB_A: &str = "甲局小计\t\t\t\t\t\t\t2.50\t2.50\t";
    const LINE_1: &str = "培训经费\t3.00\t印刷品\tA080299\t箱\t10.00\t0.10\t1.00\t1.00\t";
    const LINE_2: &str = "培训经费\t3.00\t办公用品\tA0999\t个\t5.00\t0.30\t1.50\t1.50\t";
    const PROSE: &str = "本部门安排政府采购预算合计2.50万元，其中一般公共预算拨款2.50万元。";

    /// The consistent table with its two lines replaced.
    fn with_lines(first: &str, second: &str) -> String {
        section(PROSE, &[TOTAL, SUB_A, first, second])
    }

    /// The consistent table under other prose.
    fn with_prose(prose: &str) -> String {
        section(prose, &[TOTAL, SUB_A, LINE_1, LINE_2])
    }

    fn ok() -> String {
        with_prose(PROSE)
    }

    #[test]
    fn the_consistent_table_has_no_findings() {
        for rule in [
            Rule::D007,
            Rule::D008,
            Rule::D009,
            Rule::D010,
            Rule::D011,
            Rule::D012,
            Rule::D013,
            Rule::D014,
        ] {
            assert_eq!(
                findings_with(&ok(), &[("培训经费", None)], rule),
                Vec::<String>::new(),
                "{rule:?}"
            );
        }
    }

    #[test]
    fn d007_lines_against_subtotal() {
        let bad = with_lines(
            LINE_1,
            "培训经费\t3.00\t办公用品\tA0999\t个\t5.00\t0.30\t1.50\t1.40\t",
        );
        assert_eq!(
            findings(&bad, Rule::D007),
            vec!["第9行：甲局小计的一般公共预算拨款为2.50万元，其下2行明细之和为2.40万元。"]
        );
    }

    #[test]
    fn d008_subtotals_against_total() {
        let bad = section(
            PROSE,
            &["合计\t\t\t\t\t\t\t2.60\t2.50\t", SUB_A, LINE_1, LINE_2],
        );
        assert_eq!(
            findings(&bad, Rule::D008),
            vec!["第8行：政府采购合计的合计为2.60万元，各单位小计之和为2.50万元。"]
        );
        // subtotals printed below their lines
        let below = section(
            PROSE,
            &[LINE_1, LINE_2, SUB_A, "合计\t\t\t\t\t\t\t2.50\t2.50\t"],
        );
        assert_eq!(findings(&below, Rule::D008), Vec::<String>::new());
        assert_eq!(findings(&below, Rule::D007), Vec::<String>::new());
    }

    #[test]
    fn d009_quantity_times_price() {
        let rounded = with_lines(
            "培训经费\t3.00\t印刷品\tA080299\t箱\t3\t0.33\t1.00\t1.00\t",
            LINE_2,
        );
        assert_eq!(findings(&rounded, Rule::D009), Vec::<String>::new());
        let bad = with_lines(
            "培训经费\t3.00\t印刷品\tA080299\t箱\t10.00\t0.12\t1.00\t1.00\t",
            LINE_2,
        );
        assert_eq!(
            findings(&bad, Rule::D009),
            vec!["第10行：“印刷品”数量10.00×单价0.12万元为1.2万元，金额却为1.00万元。"]
        );
    }

    #[test]
    fn d010_sources_against_row_total() {
        let bad = with_lines(
            LINE_1,
            "培训经费\t3.00\t办公用品\tA0999\t个\t5.00\t0.30\t1.50\t1.00\t0.40",
        );
        assert_eq!(
            findings(&bad, Rule::D010),
            vec!["第11行：“办公用品”的合计为1.50万元，各资金来源之和为1.40万元。"]
        );
    }

    #[test]
    fn d011_prose_against_table() {
        let bad = with_prose("本部门安排政府采购预算合计2.05万元，其中一般公共预算拨款2.50万元。");
        assert_eq!(
            findings(&bad, Rule::D011),
            vec!["第3行：文字说明的采购预算合计为2.05万元，政府采购表第8行为2.50万元。"]
        );
    }

    #[test]
    fn d012_projects_exist() {
        let text = with_lines(
            LINE_1,
            "日常公用经费\t13.75\t办公用品\tA0999\t个\t5.00\t0.30\t1.50\t1.50\t",
        );
        // 日常公用经费 is 基本支出, not a project; spaces from PDF line breaks do not matter
        assert_eq!(
            findings_with(&text, &[("培 训经 费", None)], Rule::D012),
            Vec::<String>::new()
        );
        assert_eq!(
            findings_with(&text, &[("防汛培训经费", None)], Rule::D012),
            vec!["第10行第1列：政府采购项目来源“培训经费”不是本文档绩效目标表中的项目。"]
        );
    }

    #[test]
    fn d013_one_budget_per_project() {
        let bad = with_lines(
            LINE_1,
            "培训经费\t3.50\t办公用品\tA0999\t个\t5.00\t0.30\t1.50\t1.50\t",
        );
        assert_eq!(
            findings(&bad, Rule::D013),
            vec!["第11行第2列：项目“培训经费”的预算资金为3.50万元，第10行第2列却为3.00万元。"]
        );
    }

    #[test]
    fn d020_planned_assets_are_procured() {
        let assets = "\n七、国有资产信息\n\n本年拟购置办公设备计算机1台，购置制证设备1台。\n";
        let with = |item: &str| {
            let line = format!("培训经费\t3.00\t{item}\tA0201\t台\t1\t1.00\t1.00\t1.00\t");
            section(PROSE, &[&line]) + assets
        };
        assert_eq!(
            findings(&with("台式计算机"), Rule::D020),
            vec![
                "第12行：国有资产说明本年拟购置“制证设备”1台，政府采购预算表中没有相应的采购物品。"
            ]
        );
        // “设备” alone does not tie 制证设备 to 其他设备
        assert_eq!(
            findings(&with("其他设备"), Rule::D020),
            vec![
                "第12行：国有资产说明本年拟购置“办公设备计算机”1台，政府采购预算表中没有相应的采购物品。",
                "第12行：国有资产说明本年拟购置“制证设备”1台，政府采购预算表中没有相应的采购物品。",
            ]
        );
        assert_eq!(
            findings(&with("计算机及制证设备"), Rule::D020),
            Vec::<String>::new()
        );
    }

    #[test]
    fn d021_listed_categories_are_in_the_table() {
        let ok = with_prose("安排政府采购预算合计2.50万元。主要用于印刷品、办公用品等。");
        assert_eq!(findings(&ok, Rule::D021), Vec::<String>::new());
        let bad = with_prose("安排政府采购预算合计2.50万元。为办公用品、审计服务、印刷和出版。");
        assert_eq!(
            findings(&bad, Rule::D021),
            vec!["第3行：政府采购说明列有“审计服务”，政府采购预算表的采购物品中没有这一类（表中为“印刷品”、“办公用品”）。"]
        );
    }

    #[test]
    fn d014_procurement_within_budget() {
        let bad = with_lines(
            "培训经费\t2.00\t印刷品\tA080299\t箱\t10.00\t0.10\t1.00\t1.00\t",
            "培训经费\t2.00\t办公用品\tA0999\t个\t5.00\t0.30\t1.50\t1.50\t",
        );
        assert_eq!(
            findings(&bad, Rule::D014),
            vec!["第10行第2列：项目“培训经费”的政府采购金额之和2.50万元超过其预算资金2.00万元。"]
        );
        // without a 预算资金 column, the target table's budget counts
        let no_budget = with_lines(
            "培训经费\t\t印刷品\tA080299\t箱\t10.00\t0.10\t1.00\t1.00\t",
            "培训经费\t\t办公用品\tA0999\t个\t5.00\t0.30\t1.50\t1.50\t",
        );
        assert_eq!(
            findings_with(&no_budget, &[("培训经费", Some("2"))], Rule::D014),
            vec!["第10行第1列：项目“培训经费”的政府采购金额之和2.50万元超过其预算资金2万元。"]
        );
    }
}
