//! 国有资产信息: the prose (总额, 构成 by class with shares, planned purchases) and the
//! 固定资产占用情况表 (项目 | 数量 | 价值).

use jixiao_model::text::{squeeze, trim};
use jixiao_model::{AmountUnit, Decimal, Located, Origin};
use jixiao_read::layout::{Block, Table};

use super::{decimal_cell, money_cell, Notes};
use crate::figures::{scan, Token};
use crate::model::{AssetClass, AssetRow, AssetRowKind, Assets, PlannedPurchase};

const MEASURES: &[&str] = &["台", "辆", "套", "个", "件", "部", "组", "平方米"];

pub(crate) fn read(body: &[&Block], notes: &mut Notes) -> Option<Assets> {
    let mut a = Assets::default();
    for block in body {
        match block {
            Block::Paragraph { text, line } => {
                let at = Origin::line(*line);
                let s = squeeze(text);
                // the table's title
                if s.ends_with("情况表") && s.chars().count() <= 40 {
                    continue;
                }
                a.text.push(Located::new(trim(text).to_string(), at));
                prose(text, at, &mut a);
            }
            Block::Table(t) => table(t, &mut a, notes),
        }
    }
    (a != Assets::default()).then_some(a)
}

fn prose(text: &str, at: Origin, a: &mut Assets) {
    if a.as_of.is_none() {
        a.as_of = date_after(text, &["截止", "截至"]).map(|d| Located::new(d, at));
    }
    for m in scan(text) {
        match m.token {
            Token::Amount(value) => {
                let is_total = ["总额", "合计", "总计"].iter().any(|w| m.label.contains(w));
                if is_total {
                    a.total = Some(Located::new(value, at));
                } else if !m.label.is_empty() {
                    let name = m.label.trim_start_matches("其中").to_string();
                    a.classes.push(AssetClass {
                        name,
                        amount: Located::new(value, at),
                        share: None,
                    });
                }
            }
            Token::Percent(p) => {
                if let Some(c) = a.classes.last_mut().filter(|c| c.share.is_none()) {
                    c.share = Some(Located::new(p, at));
                }
            }
            Token::NoChange => {}
        }
    }
    a.planned.extend(planned(text, at));
}

/// `截止2019年12月31日` → `2019年12月31日`.
fn date_after(text: &str, words: &[&str]) -> Option<String> {
    let s = squeeze(text);
    let start = words.iter().find_map(|w| s.find(w).map(|i| i + w.len()))?;
    let rest = s[start..].trim_start_matches(['时', '间', '：', ':']);
    let end = rest.find('日')? + '日'.len_utf8();
    let date = &rest[..end];
    (date.contains('年') && date.chars().count() <= 12).then(|| date.to_string())
}

/// `本年拟购置办公设备计算机1台，购置制证设备1台。` → 办公设备计算机 1 台, 制证设备 1 台.
fn planned(text: &str, at: Origin) -> Vec<PlannedPurchase> {
    let s = squeeze(text);
    let Some(start) = s.find("购置") else {
        return Vec::new();
    };
    let sentence_start = s[..start].rfind('。').map_or(0, |i| i + '。'.len_utf8());
    let sentence_end = s[start..].find('。').map_or(s.len(), |i| start + i);
    s[sentence_start..sentence_end]
        .split(['，', ',', '、', '；', ';'])
        .filter_map(|part| {
            let part = part
                .trim_start_matches("本年")
                .trim_start_matches("拟")
                .trim_start_matches("购置");
            let measure = MEASURES.iter().find(|m| part.ends_with(*m))?;
            let body = &part[..part.len() - measure.len()];
            let digits_at = body.rfind(|c: char| !(c.is_ascii_digit() || c == '.'))?;
            let digits_at = digits_at + body[digits_at..].chars().next()?.len_utf8();
            let quantity: Decimal = body[digits_at..].parse().ok()?;
            let item = body[..digits_at].to_string();
            (!item.is_empty()).then(|| PlannedPurchase {
                item,
                quantity,
                measure: measure.to_string(),
                at,
            })
        })
        .collect()
}

fn row_kind(label: &str) -> Option<AssetRowKind> {
    let kinds: [(&str, AssetRowKind); 7] = [
        ("资产总额", AssetRowKind::Total),
        ("合计", AssetRowKind::Total),
        ("办公用房", AssetRowKind::OfficeSpace),
        ("房屋", AssetRowKind::Buildings),
        ("车辆", AssetRowKind::Vehicles),
        ("20万", AssetRowKind::CostlyEquipment),
        ("其他", AssetRowKind::Other),
    ];
    kinds
        .iter()
        .find(|(w, _)| label.contains(w))
        .map(|(_, k)| *k)
}

/// `车辆（台、辆）` → `台、辆`.
fn measure_in(label: &str) -> Option<String> {
    let open = label.find(['（', '('])?;
    let inner = &label[open..];
    let inner = inner[inner.chars().next()?.len_utf8()..].trim_end_matches([')', '）']);
    (!inner.is_empty() && inner.chars().count() <= 6).then(|| inner.to_string())
}

fn table(t: &Table, a: &mut Assets, notes: &mut Notes) {
    let mut cols: Option<(usize, usize, usize)> = None;
    let mut unit = AmountUnit::WanYuan;
    for row in &t.rows {
        let texts: Vec<String> = row.cells.iter().map(|c| c.squeezed()).collect();
        if let Some(c) = texts
            .iter()
            .find(|s| s.contains("截止") || s.contains("截至"))
        {
            if a.as_of.is_none() {
                a.as_of = date_after(c, &["截止", "截至"])
                    .map(|d| Located::new(d, Origin::line(row.line)));
            }
            continue;
        }
        let is_header =
            texts.iter().any(|s| s == "项目") && texts.iter().any(|s| s.contains("价值"));
        if is_header {
            let find = |w: &str| texts.iter().position(|s| s.contains(w));
            let value = find("价值").unwrap_or(2);
            unit = AmountUnit::from_statement(&texts[value]).unwrap_or(unit);
            cols = Some((find("项目").unwrap_or(0), find("数量").unwrap_or(1), value));
            continue;
        }
        let Some((label_col, qty_col, value_col)) = cols else {
            continue;
        };
        let Some(label) = texts.get(label_col).filter(|s| !s.is_empty()) else {
            continue;
        };
        let Some(kind) = row_kind(label) else {
            notes.info(
                Origin::line(row.line),
                format!("第{}行：资产表的项目“{label}”无法识别，未读取", row.line),
            );
            continue;
        };
        let mut get = |i: usize, money: bool| {
            let cell = row.cells.get(i)?;
            let r = if money {
                money_cell(cell, unit).map(|m| m.map(|m| m.map(|v| v.0)))
            } else {
                decimal_cell(cell)
            };
            r.unwrap_or_else(|e| {
                notes.warn(cell.origin(), e);
                None
            })
        };
        let quantity = get(qty_col, false);
        let value = get(value_col, true).map(|v| v.map(jixiao_model::Money));
        a.table.push(AssetRow {
            kind,
            label: label.clone(),
            quantity,
            measure: measure_in(label),
            value,
            line: row.line,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn planned_purchases() {
        let got = planned(
            "截止2019年底……。本年拟购置办公设备计算机1台，购置制证设备1台。",
            Origin::line(1),
        );
        let got: Vec<String> = got
            .iter()
            .map(|p| format!("{} {} {}", p.item, p.quantity, p.measure))
            .collect();
        assert_eq!(got, vec!["办公设备计算机 1 台", "制证设备 1 台"]);
        assert!(planned("本年无购置计划。", Origin::line(1)).is_empty());
    }

    #[test]
    fn dates_and_measures() {
        assert_eq!(
            date_after("截止时间：2019年12月31日", &["截止"]).as_deref(),
            Some("2019年12月31日")
        );
        assert_eq!(measure_in("车辆（台、辆）").as_deref(), Some("台、辆"));
        assert_eq!(measure_in("1、房屋（平方米）").as_deref(), Some("平方米"));
        assert_eq!(measure_in("4、其他固定资产"), None);
    }
}
