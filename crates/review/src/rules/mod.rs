//! The checks, one module per category. Each check decides where a catalogue rule applies and
//! quotes the printed values; wording and severity come from the catalogue and the config.

mod completeness;
mod consistency;
mod dates;
mod measurability;
mod money;

use jixiao_model::{Indicator, Level1, Level2};

use crate::{Ctx, Extra};

pub(crate) fn run(ctx: &mut Ctx, extra: &Extra) {
    let doc = ctx.doc;
    completeness::document(ctx);
    consistency::document(ctx);
    money::document(ctx, extra);
    for (pi, p) in doc.projects.iter().enumerate() {
        completeness::project(ctx, pi, p);
        money::project(ctx, pi, p);
        consistency::project(ctx, pi, p);
        dates::project(ctx, pi, p);
        for (ri, ind) in p.indicators.iter().enumerate() {
            row(ctx, Some(pi), ri + 1, ind);
        }
    }
    for (ri, ind) in doc.department_indicators.iter().enumerate() {
        row(ctx, None, ri + 1, ind);
    }
}

fn row(ctx: &mut Ctx, pi: Option<usize>, row: usize, ind: &Indicator) {
    completeness::row(ctx, pi, row, ind);
    measurability::row(ctx, pi, row, ind);
    money::row(ctx, pi, row, ind);
    consistency::row(ctx, pi, row, ind);
    dates::row(ctx, pi, row, ind);
}

/// 成本指标（金额）行：旧框架产出下的成本指标，或 2021 框架的经济成本指标。
pub(crate) fn is_cost_row(ind: &Indicator) -> bool {
    matches!(ind.level2.category, Some(Level2::Cost) | Some(Level2::EconomicCost))
        || (ind.level1.category == Some(Level1::Cost) && ind.level2.category.is_none())
}

/// `第1、3、5行`-style list of row numbers (at most 12, then `等`).
pub(crate) fn row_list(rows: &[usize]) -> String {
    let mut s = rows.iter().take(12).map(|r| r.to_string()).collect::<Vec<_>>().join("、");
    if rows.len() > 12 {
        s.push_str("等");
    }
    s
}

/// A short excerpt for quoting in a message (at most `n` characters).
pub(crate) fn excerpt(s: &str, n: usize) -> String {
    let t = jixiao_model::text::trim(s);
    if t.chars().count() <= n {
        t.to_string()
    } else {
        let mut out: String = t.chars().take(n).collect();
        out.push('…');
        out
    }
}
