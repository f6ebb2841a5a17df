//! The table grammar: assigns a run of tokens to the columns of an indicator table and cuts
//! it into rows, by content, whatever the delimiters.
//!
//! A best-path search (semi-Markov Viterbi) over the tokens: each step takes one or more
//! consecutive tokens as one cell of some column. A cell scores by how well its text fits
//! its column (a level name in 一级指标, a value in 指标值, `≥` in 计算符号 …); moving to a
//! later column continues the row, moving back starts a new one; skipping columns costs
//! (merged cells dropped by the flattening are cheap, a missing 指标值 is not); boundaries
//! the text shows (a table row, a cell, a line, a blank line) favour or forbid cuts. The
//! path may leave the table at a line boundary, so the table ends where its content does.

use std::ops::Range;

use super::class::{Class, Shape};
use super::tokens::{join, span_class, Break, Token, MAX_SPAN};
use super::vocab::{Column, Label};

/// The columns of an indicator table, in printed order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    pub columns: Vec<Column>,
    /// The table's 一级指标 are words of its own (`实施效果指标 | 产出指标 | …`): the
    /// usual level-1 names stand in its 二级指标 column.
    pub own_level1: bool,
    /// Columns read but left out of the record: the other period's group where a table
    /// prints 中期目标 and 年度目标 side by side (`二级 | 三级 | 指标值 | 二级 | 三级 | 指标值`).
    pub hidden: Vec<bool>,
    /// A report's results: the target printed before a result is optional.
    pub results: bool,
    /// One value column per place (`西坪镇尧山村 | 桃舟乡吾培村 | …`): the first is the
    /// target, the others ([`Column::Ignored`]) are read past.
    pub per_place: bool,
    /// Columns read past hold values too (the other places', last year's `上年完成值`, a
    /// `完成率` no vocabulary names): a value there is no worse than free text.
    pub ignored_values: bool,
}

impl Model {
    pub fn new(columns: Vec<Column>) -> Model {
        Model {
            hidden: vec![false; columns.len()],
            columns,
            own_level1: false,
            results: false,
            per_place: false,
            ignored_values: false,
        }
    }

    /// The cost of leaving column `k` empty at `place`.
    fn skip_cost(&self, k: usize, place: Place) -> f32 {
        if self.results && self.columns[k] == Column::Target {
            // Cheaper than leaving the result out: one value alone is the result.
            0.05
        } else {
            skip_cost(self.columns[k], place)
        }
    }

    /// Whether column `c` is read but not recorded.
    pub fn is_hidden(&self, c: usize) -> bool {
        self.hidden.get(c).copied().unwrap_or(false)
    }

    /// The usual layouts, tried when a table prints no header.
    pub fn candidates() -> Vec<Model> {
        use Column::*;
        [
            vec![Level1, Level2, Level3, Target],
            vec![Level1, Level2, Level3, Description, Target],
            vec![Level1, Level2, Level3, Target, Basis],
            vec![Level1, Level2, Level3, Description, Target, Basis],
            // `足额保障率=100% 22.5`: each value followed by the row's 分值.
            vec![Level1, Level2, Level3, Target, Weight],
            // `= | 6 | 万元`: the target split over 计算符号 / 指标值 / 度量单位.
            vec![Level1, Level2, Level3, Operator, Target, Unit],
            vec![Level1, Level2, Level3, Operator, Target, Unit, Weight],
            // A 自评表 cut above its header: the actual, then the 分值.
            vec![Level1, Level2, Level3, Operator, Target, Unit, Actual, Weight],
        ]
        .into_iter()
        .map(Model::new)
        .collect()
    }
}

/// One row of the table: each cell is a column index into the model and a token range.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GridRow {
    pub cells: Vec<(usize, Range<usize>)>,
}

impl GridRow {
    /// The row's cell in column `col` of `model`, if it printed one.
    pub fn cell(&self, model: &Model, col: Column) -> Option<&(usize, Range<usize>)> {
        self.cells.iter().find(|(c, _)| model.columns[*c] == col)
    }
}

/// The rows found and where the table ends.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub rows: Vec<GridRow>,
    /// The token index after the table's last token.
    pub end: usize,
    pub score: f32,
    /// Tokens with text that fit no column, skipped as noise (reported as not understood).
    pub skipped: Vec<usize>,
}

const NEG: f32 = f32::NEG_INFINITY;
/// A token that fits no column, skipped as noise (a page number, a stray mark).
const NOISE: f32 = 4.0;

/// How well a cell's text fits a column of `model`.
fn fit_in(c: &Class, col: Column, model: &Model) -> f32 {
    let f = fit_in_(c, col, model);
    debug_assert!(f <= max_fit(col), "max_fit({col:?}) is no bound: {f}");
    f
}

fn fit_in_(c: &Class, col: Column, model: &Model) -> f32 {
    if model.own_level1 && !c.stop {
        // Usual level-1 names are this table's level 2; a level word alone before a 三级指标
        // starts a new level 2 under the merged level 1 above.
        match (col, c.level1.is_some() || c.satisfaction, c.level_like) {
            (Column::Level1, true, _) => return 1.0,
            (Column::Level2, true, _) => return 6.0,
            (Column::Level1, _, true) => return 3.0,
            (Column::Level2, _, true) => return 3.5,
            _ => {}
        }
    }
    // Beside the actual, an ignored column is mostly a rate (累计完成率 `143%`): a value
    // there is rather the column's own than the next row's, which follows a name.
    if col == Column::Ignored
        && !c.name_like
        && c.target == Shape::Strong
        && model.columns.contains(&Column::Actual)
    {
        return -0.3;
    }
    // The other places' value columns hold values like the target's (at no gain: the most
    // an ignored column may score).
    if col == Column::Ignored && model.ignored_values && c.target != Shape::No && !c.name_like {
        return 0.0;
    }
    fit(c, col)
}

/// The most any text can score in column `col` ([`fit_in`], with or without
/// `own_level1`): the bound that lets [`align_once`] skip spans that cannot win.
fn max_fit(col: Column) -> f32 {
    use Column::*;
    match col {
        Level1 | Level2 => 6.0,
        Level3 => 1.5 + 20.0 / 40.0,
        Description => 2.0,
        Target | Actual | Unit => 4.0,
        Operator => 5.0,
        Basis | Weight | Score | Amount | UnitName => 3.0,
        Deviation | Goals => 0.5,
        Ignored => 0.0,
        ProjectName | ProjectCode => 1.0,
    }
}

/// How well a cell's text fits a column.
pub fn fit(c: &Class, col: Column) -> f32 {
    if c.empty {
        return 0.0;
    }
    if c.stop {
        return -10.0;
    }
    // A scoring rule belongs in its own column (评（扣）分标准), read past.
    if c.scoring {
        return if col == Column::Ignored { 0.0 } else { -3.0 };
    }
    if c.header.is_some() && !c.is_level() && c.label.is_none() && c.target == Shape::No {
        return -8.0;
    }
    let level = c.is_level();
    let text = c.is_text();
    let long = c.chars > 40;
    use Column::*;
    if c.numbered && matches!(col, Target | Actual | Description | Basis | Deviation) {
        return -4.0;
    }
    match col {
        Level1 => {
            if c.level1.is_some() || c.satisfaction {
                6.0
            } else if c.level_like {
                // Alone before a 三级指标, a level word of no list is rather a new level 2
                // under a merged level 1 (`预算控制指标 | 年度预算执行率 | ≥90%`).
                3.2
            } else if c.level2.is_some() {
                -3.0
            } else {
                -5.0
            }
        }
        Level2 => {
            if c.level2.is_some() {
                6.0
            } else if c.satisfaction {
                4.0
            } else if c.level_like {
                3.2
            } else if c.level1.is_some() {
                // Under an unknown level 1 (`实施效果指标 | 产出指标`).
                1.5
            } else if c.satisfaction_name {
                2.0
            } else {
                -4.0
            }
        }
        Level3 => {
            if level {
                -3.0
            } else if c.number {
                // A bare figure names no indicator (a section's score, a page number).
                -2.5
            } else if c.label == Some(Label::Total) && c.chars >= 5 {
                // `项目计划总投资`, `年度资金总额` in a row: a cost indicator named after the
                // sum it watches, beside its figures, not a form's label.
                0.5
            } else if c.label.is_some() {
                -4.0
            } else if c.target == Shape::Strong {
                -2.0
            } else if c.operator || c.unit {
                -3.0
            } else if long {
                0.3
            } else if c.chars <= 1 || c.colon || c.tail_value {
                // `)`, a stray mark; `定量指标计算:` opens an explanation; `名称 100%` is a
                // name and a value
                -2.0
            } else if c.name_like {
                1.5 + (c.chars.min(20) as f32) / 40.0
            } else {
                1.0 + (c.chars.min(20) as f32) / 40.0
            }
        }
        Description => {
            if level {
                -4.0
            } else if c.target == Shape::Strong {
                -2.0
            } else if c.operator || c.unit {
                -3.0
            } else if c.description {
                2.0
            } else if text {
                0.5
            } else {
                -1.0
            }
        }
        Target | Actual => {
            if level {
                -4.0
            } else if c.target == Shape::Strong {
                4.0
            } else if c.target == Shape::Weak {
                2.0
            } else if c.operator {
                0.5
            } else if c.name_like {
                -1.5
            } else if c.chars <= 15 {
                -0.5
            } else if c.description {
                -1.5
            } else {
                -1.0
            }
        }
        Operator => {
            if c.operator {
                5.0
            } else {
                -5.0
            }
        }
        Unit => {
            if c.unit {
                4.0
            } else if c.chars <= 4 && text {
                -0.5
            } else {
                -5.0
            }
        }
        Basis => {
            if level {
                -4.0
            } else if c.basis {
                3.0
            } else if c.target == Shape::Strong {
                -1.5
            } else if text {
                0.5
            } else {
                -1.0
            }
        }
        Weight | Score => {
            if c.points {
                3.0
            } else if c.number {
                -2.0
            } else if c.share {
                1.0
            } else {
                -4.0
            }
        }
        Deviation => {
            if level {
                -4.0
            } else if c.name_like {
                -1.0
            } else if text {
                0.5
            } else {
                -0.5
            }
        }
        // A column the record leaves out (备注, 评分标准): free text, but not what belongs
        // to the next row.
        Ignored => {
            if c.name_like || c.target == Shape::Strong {
                -1.0
            } else {
                0.0
            }
        }
        ProjectName => {
            // A bare value (`143%`) names no project.
            if level || c.label.is_some() || c.org || (c.target == Shape::Strong && c.chars <= 10) {
                -5.0
            } else if text && !long {
                1.0
            } else {
                -1.0
            }
        }
        ProjectCode => {
            if c.number || c.chars <= 30 && !level {
                1.0
            } else {
                -3.0
            }
        }
        Amount => {
            if c.number {
                3.0
            } else {
                -3.0
            }
        }
        Goals => {
            if level {
                -4.0
            } else if c.target == Shape::Strong && c.chars <= 10 {
                // A bare value (`143%`) states no goal: it ends the row before.
                -1.5
            } else {
                0.5
            }
        }
        UnitName => {
            if c.org {
                3.0
            } else if text {
                0.5
            } else {
                -3.0
            }
        }
    }
}

/// The cost of leaving a column empty: at the start of a row, in its middle, or at its end.
fn skip_cost(col: Column, place: Place) -> f32 {
    use Column::*;
    match (col, place) {
        // Merged cells: printed once for many rows.
        (Level1 | Level2, Place::Lead) => 0.2,
        (ProjectName | ProjectCode | Amount | Goals | UnitName, _) => 0.1,
        (Level1 | Level2, _) => 0.4,
        // A row without 三级指标 is rare: mostly a stray value.
        (Level3, Place::Lead) => 5.0,
        (Level3, _) => 2.0,
        (Target, _) => 2.5,
        (_, Place::Trail) => 0.3,
        _ => 0.6,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Lead,
    Middle,
    Trail,
}

/// The cost of joining a token to the one before it inside one cell.
fn join_cost(brk: Break) -> f32 {
    match brk {
        Break::Glue => 0.2,
        Break::Space => 0.4,
        Break::Clause => 1.5,
        Break::Line => 1.0,
        Break::Gap => 2.5,
        Break::Blank => 2.5,
        Break::Cell | Break::Row => NEG.abs(),
    }
}

/// The cost of a new row starting at a token with boundary `brk`. Where lines are rows
/// (`line_rows`), a row starting at a space inside a line is rarer than a value the
/// conversion cut in two (`完成时间为 | 2022年12月30日`).
fn new_row_cost(brk: Break, line_rows: bool) -> f32 {
    match brk {
        Break::Space | Break::Gap if line_rows => 1.5,
        Break::Row | Break::Line | Break::Blank => 0.0,
        Break::Clause => 0.0,
        Break::Glue | Break::Space | Break::Gap => 0.5,
        Break::Cell => f32::INFINITY,
    }
}

/// Whether a row may continue over boundary `brk`.
fn same_row_ok(brk: Break) -> bool {
    brk != Break::Row
}

#[derive(Clone, Copy)]
struct Back {
    /// Previous position.
    from: usize,
    /// Previous state (column + 1; 0 = before the first row).
    prev: usize,
    /// The column this step filled, or `None` for a skipped token.
    col: Option<usize>,
    new_row: bool,
}

/// Assigns tokens `start..stop` to the model's columns. `width[i]` is the number of cells of
/// token i's table row where the table printed its rows (office files, Word dumps), else 0.
///
/// A table whose rows show level-1 names of its own, with a usual level-1 name beside them
/// in the 二级指标 column, is aligned again knowing that.
pub fn align(tokens: &[Token], start: usize, stop: usize, model: &Model, width: &[u32]) -> Grid {
    let grid = align_once(tokens, start, stop, model, width);
    if model.own_level1 {
        return grid;
    }
    let (Some(l1), Some(l2)) = (
        model.columns.iter().position(|c| *c == Column::Level1),
        model.columns.iter().position(|c| *c == Column::Level2),
    ) else {
        return grid;
    };
    let class = |rg: &Range<usize>| span_class(tokens, rg.start, rg.len());
    let own = grid.rows.iter().any(|r| {
        let cell = |col| {
            r.cells
                .iter()
                .find(|(c, _)| *c == col)
                .map(|(_, rg)| class(rg))
        };
        matches!(
            (cell(l1), cell(l2)),
            (Some(a), Some(b)) if a.level_like && a.level1.is_none() && b.level1.is_some()
        )
    });
    if !own {
        return grid;
    }
    let model = Model {
        own_level1: true,
        ..model.clone()
    };
    align_once(tokens, start, stop, &model, width)
}

fn align_once(tokens: &[Token], start: usize, stop: usize, model: &Model, width: &[u32]) -> Grid {
    let m = model.columns.len();
    let n = stop.saturating_sub(start);
    if m == 0 || n == 0 {
        return Grid {
            end: start,
            ..Grid::default()
        };
    }
    // score[p][s]: best score having consumed tokens start..start+p, in state s (0 = no row
    // yet, c+1 = last filled column c).
    let states = m + 1;
    let mut score = vec![NEG; (n + 1) * states];
    let mut back: Vec<Option<Back>> = vec![None; (n + 1) * states];
    score[0] = 0.0;
    let pos = positions(tokens, start, stop, width, model);
    // Lines of several cells are rows (a row goes on over a line break only where text
    // wrapped); lines of one cell each are cells.
    let (mut multi, mut lines) = (0usize, 0usize);
    let mut k = 0;
    while k < n {
        let mut e = k + 1;
        while e < n && tokens[start + e].brk < Break::Line {
            e += 1;
        }
        lines += 1;
        // A whole row: several cells, one of them a value.
        let cells = &tokens[start + k..start + e];
        if cells.len() >= 2 && cells.iter().any(|t| t.full().target != Shape::No) {
            multi += 1;
        }
        k = e;
    }
    let line_rows = lines > 0 && multi * 2 > lines;
    // A boundary carries over skipped empty cells: a row whose first cells are empty
    // (merged) still starts a row at its first printed cell.
    let mut brks: Vec<Break> = Vec::with_capacity(n);
    let mut carry: Option<Break> = None;
    for t in &tokens[start..stop] {
        let b = carry.map_or(t.brk, |c| c.max(t.brk));
        brks.push(b);
        carry = if t.is_empty() { Some(b) } else { None };
    }
    let lead_cost: Vec<f32> = (0..=m)
        .map(|c| (0..c).map(|k| model.skip_cost(k, Place::Lead)).sum())
        .collect();
    let trail_cost: Vec<f32> = (0..=m)
        .map(|s| {
            if s == 0 {
                0.0
            } else {
                (s..m).map(|k| model.skip_cost(k, Place::Trail)).sum()
            }
        })
        .collect();
    // Skip costs of the columns between two others, as prefix sums: mid[c] - mid[s] is the
    // cost of leaving columns s..c empty inside a row.
    let mut mid = vec![0.0f32; m + 1];
    for k in 0..m {
        mid[k + 1] = mid[k] + model.skip_cost(k, Place::Middle);
    }
    // Multi-token spans are most of the work (each one's text joined and classified). A
    // first pass with single-token cells only gives, for every state, the score of a real
    // path: a lower bound of its best score. A span whose best conceivable gain cannot
    // beat that bound anywhere cannot be on the best path, nor change a tie (the bound is
    // strict), so it is never classified. The result is exactly the full search's.
    let pass = Pass {
        tokens,
        start,
        n,
        model,
        width,
        states,
        m,
        brks: &brks,
        pos: &pos,
        echo: &echoes(tokens, start, n, model),
        line_rows,
        lead_cost: &lead_cost,
        trail_cost: &trail_cost,
        mid: &mid,
    };
    // Only text can join tokens into one cell: a printed table's cells never do.
    let spans = tokens[start + 1..stop]
        .iter()
        .any(|t| !matches!(t.brk, Break::Cell | Break::Row));
    if spans {
        let mut bound = vec![NEG; (n + 1) * states];
        bound[0] = 0.0;
        pass.run(&mut bound, &mut vec![None; (n + 1) * states], 1, None);
        let max_gain: Vec<f32> = model.columns.iter().map(|c| max_fit(*c)).collect();
        pass.run(&mut score, &mut back, MAX_SPAN, Some((&bound, &max_gain)));
    } else {
        pass.run(&mut score, &mut back, MAX_SPAN, None);
    }
    // Leave the table at the best line boundary (or at the end).
    let mut best = (0.0f32, 0usize, 0usize);
    for p in 1..=n {
        let at_boundary = p == n || brks[p] >= Break::Line;
        if !at_boundary {
            continue;
        }
        for s in 1..states {
            let v = score[p * states + s];
            if v == NEG {
                continue;
            }
            let v = v - trail_cost[s];
            if v > best.0 {
                best = (v, p, s);
            }
        }
    }
    let (total, end_p, end_s) = best;
    // Walk back.
    let mut steps: Vec<(usize, usize, Option<usize>, bool)> = Vec::new();
    let (mut p, mut s) = (end_p, end_s);
    while p > 0 {
        let Some(b) = back[p * states + s] else { break };
        steps.push((b.from, p, b.col, b.new_row));
        p = b.from;
        s = b.prev;
    }
    steps.reverse();
    let mut rows: Vec<GridRow> = Vec::new();
    let mut skipped = Vec::new();
    for (from, to, col, new_row) in steps {
        let Some(c) = col else {
            if !tokens[start + from].is_empty() {
                skipped.push(start + from);
            }
            continue;
        };
        if new_row || rows.is_empty() {
            rows.push(GridRow::default());
        }
        let row = rows.last_mut().expect("a row was pushed");
        let range = start + from..start + to;
        // An empty cell carries no text: keep it out of the row.
        if !(to - from == 1 && tokens[start + from].is_empty()) {
            row.cells.push((c, range));
        }
    }
    rows.retain(|r| !r.cells.is_empty());
    Grid {
        rows,
        end: start + end_p,
        score: total,
        skipped,
    }
}

/// What one pass of the search over a table's tokens reads.
struct Pass<'a> {
    tokens: &'a [Token],
    start: usize,
    n: usize,
    model: &'a Model,
    width: &'a [u32],
    states: usize,
    m: usize,
    brks: &'a [Break],
    pos: &'a [u32],
    /// Per token, the length of the cell it starts where that cell repeats the one before.
    echo: &'a [usize],
    line_rows: bool,
    lead_cost: &'a [f32],
    trail_cost: &'a [f32],
    mid: &'a [f32],
}

impl Pass<'_> {
    /// The best-path search with cells of up to `max_span` tokens. With `prune` (lower
    /// bounds of every state's score, and each column's highest gain), multi-token spans
    /// that cannot beat a bound are skipped unclassified.
    fn run(
        &self,
        score: &mut [f32],
        back: &mut [Option<Back>],
        max_span: usize,
        prune: Option<(&[f32], &[f32])>,
    ) {
        let Pass {
            tokens,
            start,
            n,
            model,
            width,
            states,
            m,
            brks,
            pos,
            echo,
            line_rows,
            lead_cost,
            trail_cost,
            mid,
        } = *self;
        let mut gains = vec![0.0f32; m];
        let mut reach = vec![NEG; m];
        for p in 0..n {
            let tok = &tokens[start + p];
            // A token skipped: empty cells freely, other text as noise.
            // A placeholder (`—`, `/`) is printed in a cell: it keeps that cell's place.
            let placeholder = tok.is_empty() && !tok.text.trim().is_empty();
            let skip = if placeholder {
                0.5
            } else if tok.is_empty() {
                0.0
            } else {
                NOISE
            };
            for s in 0..states {
                let here = score[p * states + s];
                if here != NEG {
                    relax(
                        score,
                        back,
                        (p + 1) * states + s,
                        here - skip,
                        Back {
                            from: p,
                            prev: s,
                            col: None,
                            new_row: false,
                        },
                    );
                }
            }
            let brk = brks[p];
            // A table row broken into pieces (blank paragraphs inside its cells): short rows
            // may continue one another.
            let pieces = brk == Break::Row
                && p > 0
                && (width[start + p - 1] as usize) < m
                && (width[start + p] as usize) < m;
            let cont = match brk {
                Break::Row => 1.5,
                Break::Line | Break::Blank if line_rows => 1.5,
                _ => 0.0,
            };
            let new_row = new_row_cost(brk, line_rows);
            // For the pruning below: the best a cell starting here can reach in column c
            // before its own gain, over every state it may follow (NEG where none). The
            // scores at `p` are final here (every step goes forward), so this is computed
            // once per token instead of once per span.
            if prune.is_some() && max_span > 1 {
                let row_cost = |s: usize| if s == 0 { 0.0 } else { new_row } + trail_cost[s];
                for (c, r) in reach.iter_mut().enumerate() {
                    *r = NEG;
                    for s in 0..states {
                        let here = score[p * states + s];
                        if here == NEG {
                            continue;
                        }
                        if s > 0 && c + 1 > s && (same_row_ok(brk) || pieces) {
                            *r = r.max(here - (mid[c] - mid[s]) - cont);
                        }
                        if row_cost(s).is_finite() {
                            *r = r.max(here - row_cost(s) - lead_cost[c]);
                        }
                    }
                }
            }
            // Spans of 1..MAX_SPAN tokens as one cell.
            let mut join = 0.0;
            for len in 1..=max_span.min(n - p) {
                if len > 1 {
                    let t = &tokens[start + p + len - 1];
                    // A stop (`合计`, a footer) joins no cell; a numbered name (`指标3.…`)
                    // starts one.
                    if t.is_empty() || tok.is_empty() || t.class.stop || t.class.numbered {
                        break;
                    }
                    join += join_cost(t.brk);
                    if !join.is_finite() || join > 12.0 {
                        break;
                    }
                }
                if len > 1 {
                    if let Some((lb, max_gain)) = prune {
                        // The sums are grouped otherwise than in the search, so a margin
                        // covers their rounding: a span is skipped only where it falls
                        // clearly short of the bound (one kept in vain changes nothing).
                        let may_win = max_gain.iter().enumerate().any(|(c, &g)| {
                            let to = lb[(p + len) * states + c + 1];
                            reach[c] != NEG
                                && reach[c] + (g - join) + (1e-3 + to.abs() * 1e-4) >= to
                        });
                        if !may_win {
                            continue;
                        }
                    }
                }
                let class = span_class(tokens, start + p, len);
                for (c, g) in gains.iter_mut().enumerate() {
                    *g = fit_in(&class, model.columns[c], model) - join;
                    // Where the table printed its rows, a cell's place in the row counts.
                    if len == 1 && pos[p] as usize == c + 1 {
                        *g += 1.5;
                    }
                    if echo[p] == len && matches!(model.columns[c], Column::Target | Column::Actual) {
                        *g += 2.0;
                    }
                }
                for s in 0..states {
                    let here = score[p * states + s];
                    if here == NEG {
                        continue;
                    }
                    let row_cost = if s == 0 { 0.0 } else { new_row } + trail_cost[s];
                    for (c, &gain) in gains.iter().enumerate() {
                        let to = (p + len) * states + c + 1;
                        // Same row: a later column, and no row boundary before the cell.
                        if s > 0 && c + 1 > s && (same_row_ok(brk) || pieces) {
                            let between = mid[c] - mid[s];
                            let v = here + gain - between - cont;
                            relax(
                                score,
                                back,
                                to,
                                v,
                                Back {
                                    from: p,
                                    prev: s,
                                    col: Some(c),
                                    new_row: false,
                                },
                            );
                        }
                        // New row (the first may start anywhere).
                        if row_cost.is_finite() {
                            let v = here + gain - row_cost - lead_cost[c];
                            relax(
                                score,
                                back,
                                to,
                                v,
                                Back {
                                    from: p,
                                    prev: s,
                                    col: Some(c),
                                    new_row: true,
                                },
                            );
                        }
                    }
                }
            }
        }
    }
}

/// A cell printing the text of the cell before it (`美化环境。 | 美化环境。 | 美化环境。`): a
/// 自评表's target and actual that agree, even with the name, continue its row. Per token, the
/// length in tokens of the cell it starts where that cell is such a copy, else 0 (a cell runs
/// to the next cell's break). Only where the table has an actual: elsewhere a copy is a
/// description; and only words: equal figures are weights and scores as often.
fn echoes(tokens: &[Token], start: usize, n: usize, model: &Model) -> Vec<usize> {
    let mut echo = vec![0usize; n];
    if !model.columns.contains(&Column::Actual) {
        return echo;
    }
    let mut last: Option<String> = None;
    let mut p = 0;
    while p < n {
        let t = &tokens[start + p];
        if t.is_empty() || t.brk < Break::Cell {
            p += 1;
            continue;
        }
        let len = tokens[start + p + 1..start + n]
            .iter()
            .position(|u| u.brk >= Break::Cell)
            .map_or(n - p, |k| k + 1);
        let text = join(&tokens[start + p..start + p + len]);
        let text = text.trim();
        let words = text.chars().filter(|&c| jixiao_model::text::is_cjk(c)).count() >= 2;
        if words && last.as_deref() == Some(text) {
            echo[p] = len;
        }
        last = Some(text.to_string());
        p += len;
    }
    echo
}

/// Each token's column in its printed table row (1-based), where the row has the table's
/// width, or is broken into consecutive short pieces that add up to it; else 0.
fn positions(tokens: &[Token], start: usize, stop: usize, width: &[u32], model: &Model) -> Vec<u32> {
    let m = model.columns.len();
    let mut pos = vec![0u32; stop - start];
    let mut p = start;
    while p < stop {
        let w = width[p] as usize;
        if w == 0 {
            p += 1;
            continue;
        }
        if w == m {
            for k in p..(p + w).min(stop) {
                pos[k - start] = (k - p + 1) as u32;
            }
            p += w;
            continue;
        }
        // Short pieces of one row.
        let (mut q, mut sum) = (p, 0usize);
        while q < stop && width[q] > 0 && (width[q] as usize) < m && sum + width[q] as usize <= m {
            sum += width[q] as usize;
            q += width[q] as usize;
            if sum == m {
                break;
            }
        }
        if sum == m {
            for k in p..q.min(stop) {
                pos[k - start] = (k - p + 1) as u32;
            }
            p = q;
        } else {
            // A short row that prints its level-1 name first (one that is no level 2 too,
            // unlike 成本指标) is printed from the left: its last cells are the ones missing (a
            // row cut at the end of the page), not merged cells before it.
            let from_left = model.columns[0] == Column::Level1
                && tokens[p].class.level1.is_some()
                && tokens[p].class.level2.is_none()
                && tokens[p].cell;
            if from_left && w >= 3 {
                for k in p..(p + w).min(stop) {
                    pos[k - start] = (k - p + 1) as u32;
                }
            }
            p += w;
        }
    }
    pos
}

fn relax(score: &mut [f32], back: &mut [Option<Back>], at: usize, v: f32, b: Back) {
    if v > score[at] {
        score[at] = v;
        back[at] = Some(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::carrier::text::blocks;
    use crate::grammar::tokens::{join, tokens};

    /// Aligns a text with a model and renders rows as `col=text` cells.
    fn check(text: &str, columns: &[Column]) -> String {
        let toks = tokens(&blocks(text));
        let width = vec![0; toks.len()];
        let grid = align(&toks, 0, toks.len(), &Model::new(columns.to_vec()), &width);
        let mut out = String::new();
        for r in &grid.rows {
            let cells: Vec<String> = r
                .cells
                .iter()
                .map(|(c, range)| format!("{:?}={}", columns[*c], join(&toks[range.clone()])))
                .collect();
            out.push_str(&cells.join(" "));
            out.push('\n');
        }
        out.push_str(&format!("end {}/{}", grid.end, toks.len()));
        out
    }

    use Column::*;

    #[test]
    fn one_cell_per_line_with_merged_cells_dropped() {
        let text = "产出指标\n\n数量指标\n\n脱贫村村内道路硬化里程\n\n≥100公里\n\n脱贫户供水设施数量\n\n≥20座\n\n质量指标\n\n项目(工程)验收合格率\n\n100%\n\n效益指标\n\n经济效益\n\n指标\n\n年增粮食\n\n3500公斤";
        assert_eq!(
            check(text, &[Level1, Level2, Level3, Target]),
            "Level1=产出指标 Level2=数量指标 Level3=脱贫村村内道路硬化里程 Target=≥100公里
Level3=脱贫户供水设施数量 Target=≥20座
Level2=质量指标 Level3=项目(工程)验收合格率 Target=100%
Level1=效益指标 Level2=经济效益指标 Level3=年增粮食 Target=3500公斤
end 13/13"
        );
    }

    #[test]
    fn space_separated_rows() {
        let text = "产出指标 数量指标 签约康复人数 ≥18000人\n涉及乡镇街数量 =22个\n质量指标 验收合格率 100%\n注:以上为示例";
        assert_eq!(
            check(text, &[Level1, Level2, Level3, Target]),
            "Level1=产出指标 Level2=数量指标 Level3=签约康复人数 Target=≥18000人
Level3=涉及乡镇街数量 Target==22个
Level2=质量指标 Level3=验收合格率 Target=100%
end 9/10"
        );
    }

    #[test]
    fn split_target_columns_in_pipe_rows() {
        let text = "成本指标 | 经济成本指标 | 疾病预防控制中心经费 | ≤ | 70 | 万元 | 反映经费。 |\n社会成本指标 | 实施项目对社会产生的不利影响 | 定性 | 减少 | 反映不利影响。 | ||";
        assert_eq!(
            check(text, &[Level1, Level2, Level3, Operator, Target, Unit, Description]),
            "Level1=成本指标 Level2=经济成本指标 Level3=疾病预防控制中心经费 Operator=≤ Target=70 Unit=万元 Description=反映经费。
Level2=社会成本指标 Level3=实施项目对社会产生的不利影响 Operator=定性 Target=减少 Description=反映不利影响。
end 12/12"
        );
    }

    #[test]
    fn glued_rows() {
        let text = "产出指标数量指标免费开放天数=300天质量指标博物馆绩效考核指标完成率=100%";
        assert_eq!(
            check(text, &[Level1, Level2, Level3, Target]),
            "Level1=产出指标 Level2=数量指标 Level3=免费开放天数 Target==300天
Level2=质量指标 Level3=博物馆绩效考核指标完成率 Target==100%
end 7/7"
        );
    }
}
#[cfg(test)]
mod debug_tests {
    use super::*;
    use crate::carrier::text::blocks;
    use crate::grammar::tokens::{join, tokens};
    #[test]
    #[ignore]
    fn debug_lixian() {
        let text = "产出指标数量指标研究培育食用菌品种数量研究培育食用菌品种数量\n2种\n培育中药材品种数量培育中药材品种数量\n4种\n创建食用菌生产基地创建食用菌生产基地\n2个\n";
        let toks = tokens(&blocks(text));
        for t in &toks {
            eprintln!("{:?} {:?}", t.brk, t.text);
        }
        use Column::*;
        let cols = vec![Level1, Level2, Level3, Description, Ignored, Target];
        let g = align(
            &toks,
            0,
            toks.len(),
            &Model::new(cols.clone()),
            &vec![0; toks.len()],
        );
        for r in &g.rows {
            eprintln!(
                "{:?}",
                r.cells
                    .iter()
                    .map(|(c, rg)| format!("{:?}={}", cols[*c], join(&toks[rg.clone()])))
                    .collect::<Vec<_>>()
            );
        }
        eprintln!("score {}", g.score);
    }
}
