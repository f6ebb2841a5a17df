//! Rules on 国有资产: classes against the total (D015), shares adding to 100% (D016) and
//! matching the amounts (D017), the table's rows against its total (D018) and the table
//! against the prose (D019).

use jixiao_model::{Decimal, Money};

use super::{at, unit_of_last_place, wan, Findings, Location, Rule};
use crate::model::{AssetRowKind, Assets, Disclosure};

const PART: &str = "国有资产";

fn at_line(line: u32) -> Location {
    at(PART, line, None)
}

pub(crate) fn check(d: &Disclosure, out: &mut Findings) {
    let Some(a) = &d.assets else { return };
    classes(a, out);
    shares(a, out);
    table(a, out);
}

/// D015: 交通运输 + 家具用具 + 通用设备 … = 固定资产总额.
fn classes(a: &Assets, out: &mut Findings) {
    let Some(total) = &a.total else { return };
    if a.classes.is_empty() {
        return;
    }
    let sum: Money = a.classes.iter().map(|c| c.amount.value).sum();
    if sum != total.value {
        let parts = a
            .classes
            .iter()
            .map(|c| format!("{}{}", c.name, wan(c.amount.value)))
            .collect::<Vec<_>>()
            .join("、");
        out.emit(
            Rule::D015,
            at_line(total.at.line),
            &[
                ("at", total.at.to_string()),
                ("total", wan(total.value)),
                ("parts", parts),
                ("sum", wan(sum)),
            ],
        );
    }
}

/// D016: the shares add to 100% (within the rounding of the coarsest printed share);
/// D017: each share is its amount over the total, to one unit of its last printed place
/// (a share may be nudged by one unit so that they add to 100%).
fn shares(a: &Assets, out: &mut Findings) {
    let printed: Vec<Decimal> = a
        .classes
        .iter()
        .filter_map(|c| c.share.as_ref().map(|s| s.value))
        .collect();
    if printed.len() == a.classes.len() && printed.len() >= 2 {
        let sum: Decimal = printed.iter().sum();
        let coarsest = printed
            .iter()
            .map(|d| unit_of_last_place(*d))
            .max()
            .unwrap_or_default();
        if (sum - Decimal::ONE_HUNDRED).abs() > coarsest {
            let at = a.classes[0]
                .share
                .as_ref()
                .map(|s| s.at)
                .unwrap_or_default();
            out.emit(
                Rule::D016,
                at_line(at.line),
                &[("at", at.to_string()), ("sum", sum.to_string())],
            );
        }
    }
    let Some(total) = a.total.as_ref().filter(|t| !t.value.0.is_zero()) else {
        return;
    };
    for c in &a.classes {
        let Some(share) = &c.share else { continue };
        let exact = c.amount.value.0 * Decimal::ONE_HUNDRED / total.value.0;
        if (exact - share.value).abs() > unit_of_last_place(share.value) {
            let places = share.value.scale().max(2);
            out.emit(
                Rule::D017,
                at_line(share.at.line),
                &[
                    ("at", share.at.to_string()),
                    ("name", c.name.clone()),
                    ("amount", wan(c.amount.value)),
                    ("total", wan(total.value)),
                    ("computed", exact.round_dp(places).to_string()),
                    ("share", share.value.to_string()),
                ],
            );
        }
    }
}

/// D018: 资产总额 = 房屋 + 车辆 + 单价20万元以上设备 + 其他固定资产 (办公用房 is part of
/// 房屋); D019: the table's total is the prose's.
fn table(a: &Assets, out: &mut Findings) {
    let Some(total_row) = a.row(AssetRowKind::Total) else {
        return;
    };
    let Some(total) = &total_row.value else {
        return;
    };
    let parts: Vec<(&str, Money)> = a
        .table
        .iter()
        .filter(|r| {
            matches!(
                r.kind,
                AssetRowKind::Buildings
                    | AssetRowKind::Vehicles
                    | AssetRowKind::CostlyEquipment
                    | AssetRowKind::Other
            )
        })
        .filter_map(|r| r.value.as_ref().map(|v| (r.label.as_str(), v.value)))
        .collect();
    if !parts.is_empty() {
        let sum: Money = parts.iter().map(|(_, v)| *v).sum();
        if sum != total.value {
            let names = parts
                .iter()
                .map(|(l, v)| format!("{}{}", strip_number(l), wan(*v)))
                .collect::<Vec<_>>()
                .join("、");
            out.emit(
                Rule::D018,
                at_line(total_row.line),
                &[
                    ("line", total_row.line.to_string()),
                    ("total", wan(total.value)),
                    ("parts", names),
                    ("sum", wan(sum)),
                ],
            );
        }
    }
    if let Some(prose) = &a.total {
        if prose.value != total.value {
            out.emit(
                Rule::D019,
                at_line(total_row.line),
                &[
                    ("line", total_row.line.to_string()),
                    ("row", "资产总额".to_string()),
                    ("table", wan(total.value)),
                    ("at", prose.at.to_string()),
                    ("prose", wan(prose.value)),
                ],
            );
        }
    }
}

/// `2、车辆（台、辆）` → `车辆（台、辆）`.
fn strip_number(label: &str) -> &str {
    jixiao_model::text::strip_enumerator(label).0
}

#[cfg(test)]
mod tests {
    use crate::check::testkit::findings;
    use jixiao_rules::Rule;

    fn section(prose: &str, rows: &[&str]) -> String {
        format!(
            "七、国有资产信息\n\n{prose}\n\n项目\t数量\t价值（金额单位：万元）\n{}\n",
            rows.join("\n")
        )
    }

    const PROSE: &str = "截止2019年12月31日固定资产总额100万元，固定资产构成：交通运输25万元，占25%；通用设备75万元，占75%。";
    const ROWS: &[&str] = &[
        "资产总额\t\t100",
        "1、房屋（平方米）\t\t",
        "2、车辆（台、辆）\t1\t25",
        "4、其他固定资产\t\t75",
    ];

    #[test]
    fn consistent_assets_have_no_findings() {
        for rule in [Rule::D015, Rule::D016, Rule::D017, Rule::D018, Rule::D019] {
            assert_eq!(
                findings(&section(PROSE, ROWS), rule),
                Vec::<String>::new(),
                "{rule:?}"
            );
        }
    }

    #[test]
    fn d015_classes_against_total() {
        let bad = "截止2019年12月31日固定资产总额100万元，固定资产构成：交通运输25万元，占25%；通用设备70万元，占75%。";
        assert_eq!(
            findings(&section(bad, ROWS), Rule::D015),
            vec!["第3行：固定资产总额为100万元，交通运输25万元、通用设备70万元之和为95万元。"]
        );
    }

    #[test]
    fn d016_shares_add_to_100() {
        let bad =
            "固定资产总额100万元，固定资产构成：交通运输25万元，占25%；通用设备75万元，占70%。";
        assert_eq!(
            findings(&section(bad, ROWS), Rule::D016),
            vec!["第3行：固定资产各类别占比合计为95%，应为100%。"]
        );
        // one decimal each, off by one unit in the sum: rounding
        let rounded = "固定资产总额90万元，固定资产构成：甲30万元，占33.3%；乙30万元，占33.3%；丙30万元，占33.3%。";
        assert_eq!(
            findings(&section(rounded, &[]), Rule::D016),
            Vec::<String>::new()
        );
    }

    #[test]
    fn d017_share_matches_amount() {
        let bad = "固定资产总额74.5万元，固定资产构成：家具用具9.93万元，占13.2%；其他64.57万元，占86.8%。";
        assert_eq!(
            findings(&section(bad, &[]), Rule::D017),
            vec![
                "第3行：家具用具9.93万元占总额74.5万元的13.33%，文中写作13.2%。",
                "第3行：其他64.57万元占总额74.5万元的86.67%，文中写作86.8%。",
            ]
        );
    }

    #[test]
    fn d018_table_rows_against_total() {
        let rows = [
            "资产总额\t\t100",
            "1、房屋（平方米）\t120\t30",
            "其中：办公用房（平方米）\t100\t20",
            "2、车辆（台、辆）\t1\t25",
            "4、其他固定资产\t\t40",
        ];
        assert_eq!(
            findings(&section(PROSE, &rows), Rule::D018),
            vec!["第6行：资产表的资产总额为100万元，房屋（平方米）30万元、车辆（台、辆）25万元、其他固定资产40万元之和为95万元。"]
        );
    }

    #[test]
    fn d019_table_against_prose() {
        let rows = [
            "资产总额\t\t105",
            "2、车辆（台、辆）\t1\t25",
            "4、其他固定资产\t\t80",
        ];
        assert_eq!(
            findings(&section(PROSE, &rows), Rule::D019),
            vec!["第6行：资产表的资产总额为105万元，文字说明（第3行）为100万元。"]
        );
    }
}
