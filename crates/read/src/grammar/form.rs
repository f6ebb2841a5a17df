//! The forms (项目支出绩效目标表, 部门整体绩效目标表, 自评表) read from the token stream:
//! labelled fields (项目名称, 年度资金总额, 资金支出计划, 年度目标 …) with their values, and
//! indicator tables assembled by [`align`](super::align) from content, whatever the layout.
//!
//! One walk over the tokens, row by row (a table row, or a line of text): a column header
//! starts an indicator table; a level name starts one without header; labels take the
//! values beside or below them; anything else is narrative, a unit line, a title or noise.
//! Projects begin at a title or a repeated 项目名称 and end at the next.

use jixiao_model::evaluation::parse_percent;
use jixiao_model::text::{squeezed, strip_enumerator, trim};
use jixiao_model::{
    AmountUnit, BudgetUnit, Decimal, FundLine, Indicator, IndicatorLevel, Level1, Level2, Located, Money,
    Origin, Project, RowEvaluation, Severity, SpendingPlan, Target,
};

use super::align::{align, Grid, GridRow, Model};
use super::class::Shape;
use super::items::split_goals;
use super::norm::key;
use super::narrative::Narrative;
use super::tokens::{join, Break, Token};
use super::vocab::{Column, Funds, Label};
use super::{is_table_title, public, Reader};
use crate::layout::Block;

/// Where the search for a table's end gives up: no table is longer.
const MAX_TABLE_TOKENS: usize = 6000;

/// What the next unlabelled row holds, announced by the labelled row before it.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    Nothing,
    /// 资金用途 text below the budget row.
    Purpose,
    /// Goal text below (or continuing) a 绩效目标 row.
    Goals,
}

/// A row of a budget system's tree (`Walk::tree_header`); `end` is the token after it.
enum TreeRow {
    /// A budget unit: its code and name.
    Unit { code: Located<String>, name: String, end: usize },
    /// A project: its name and amount.
    Project { name: Located<String>, total: Located<Money>, end: usize },
    /// A department's or a project category's sum.
    Sum { end: usize },
}

/// The project being read.
#[derive(Default)]
struct Draft {
    project: Project,
    /// The title printed above it.
    title: Option<Located<String>>,
    /// Printed under a 部门整体 title, or with 部门名称 and no 项目名称.
    department_wide: bool,
    started: bool,
    name_label: bool,
    /// Labels describing the project (项目类别, 立项依据 …) the form printed.
    descriptor_labels: u8,
    /// 2 when the goals came from the year's goal label (年度目标), 1 from another.
    goals_rank: u8,
    /// 2 when the total came from the year's amount label (本年度项目金额), 1 from another
    /// (项目总金额 may be a multi-year project's whole sum).
    total_rank: u8,
    /// The total's label calls it fiscal money (`年度财政资金总额`).
    fiscal_total: bool,
    /// The total's label was printed with no amount of its own (`年度资金总额 | 金额(万元)`
    /// over `(一)财政拨款小计 6.30`, `(二)自有资金小计 0.00`).
    total_unfilled: bool,
    /// The indicators read from a long-term table (`长期绩效指标`), which the year's table
    /// (`年度绩效指标`), when one follows, replaces.
    long_term: Option<std::ops::Range<usize>>,
    /// A multi-year goal (中长期目标, 实施期绩效目标): the project's goal only where the form
    /// states no goal for the year.
    multi_year_goals: Vec<Located<String>>,
}

impl Draft {
    fn has_content(&self) -> bool {
        !self.project.indicators.is_empty()
            || !self.project.goals.is_empty()
            || self.project.budget.total.is_some()
            || self.project.code.is_some()
            || self.project.purpose.is_some()
    }
}

/// The level-1/level-2 values merged cells inherit.
#[derive(Default)]
struct Levels {
    level1: Option<Located<String>>,
    level2: Option<Located<String>>,
}

struct Walk<'t> {
    tokens: &'t [Token],
    /// Cells in the token's table row, where the document printed real table rows.
    width: Vec<u32>,
    draft: Draft,
    narrative: Narrative,
    expect: Expect,
    /// The funds block's columns, right-aligned with its value rows.
    funds: Option<Vec<Option<Funds>>>,
    /// The funds block's points its header states where no 分值 column prints them
    /// (`预算执行情况(20分)`, `得分(20分*执行率)`).
    funds_points: Option<Located<Decimal>>,
    /// A self-evaluation (实际完成值, 全年执行数 or 自评 printed): 实际完成情况 has values.
    self_eval: bool,
    /// A self-evaluation written as a report (自评报告, 完成情况分析): the values its lists
    /// and headerless tables print are results (实际完成值), not targets.
    report: bool,
    /// The block of the last form label or indicator table read.
    form_block: Option<usize>,
    /// What a notice's running text says of the project its targets follow.
    notice: Notice,
    /// Under a budget system's tree of units and projects (`tree_header`): the unit its bare
    /// amounts are in.
    tree: Option<AmountUnit>,
}

/// Facts a notice (`…项目绩效目标设定…现将绩效目标设定如下`) states in running text, for the
/// project whose targets follow.
#[derive(Default)]
struct Notice {
    name: Option<Located<String>>,
    total: Option<Located<Money>>,
    /// The year the money is for (`现将2022年…资金397万元下达你单位`).
    year: Option<Located<i32>>,
    goals: Vec<Located<String>>,
}

/// `text` without pinyin noise, in simplified characters of the same widths, and where each
/// of its bytes stands in `text` (`None`: at the same place).
fn plain_folded(text: &str) -> (String, Option<Vec<usize>>) {
    match super::norm::without_pinyin_mapped(text) {
        Some((p, m)) => (super::norm::fold_same_width(&p), Some(m)),
        None => (super::norm::fold_same_width(text), None),
    }
}

/// 中长期目标, 中期目标, 长期目标, 实施期(绩效)目标: a goal over the project's years.
/// A label that describes the project in a target form (项目类别, 项目属性, 立项依据 …): with a
/// 项目名称 label, two of them make the name a form's project even when the page is cut
/// before its budget, goals and indicators.
fn is_project_descriptor_label(text: &str) -> bool {
    let k = super::norm::key(text);
    matches!(
        k.as_ref(),
        "项目类别" | "项目属性" | "项目类型" | "项目性质" | "立项依据" | "设立依据" | "政策依据" | "项目期" | "项目支出实施期"
    )
}

/// 项目期, 项目支出实施期, 起止时间: the label of the project's period. (`实施期限` is not
/// one: report sections are headed `五、实施期限`, and a label there would cut the report's
/// project short.)
fn is_period_label(text: &str) -> bool {
    let k = super::norm::key(text);
    matches!(k.as_ref(), "项目期" | "项目支出实施期" | "起止时间")
}

/// A period's value names years or a length of time (`2022年3月-2023年11月`, `2019-2021`,
/// `3年`, `全年`), not another cell's text read into it (`02 经常性项目`).
fn names_a_period(value: &str) -> bool {
    let v = value.trim();
    v.chars().count() <= 40
        && (v.contains('年') || v.contains("月") || {
            let digits: String = v.chars().filter(char::is_ascii_digit).collect();
            digits.len() >= 4
        })
        && !v.contains("项目")
}

fn is_multi_year_goal_label(text: &str) -> bool {
    let k = super::norm::key(text);
    matches!(
        k.as_ref(),
        "中长期目标" | "中期目标" | "长期目标" | "长期绩效目标" | "实施期目标" | "实施期绩效目标" | "中长期绩效目标"
    )
}

/// Whether the goal label at `a` is glued to words that make it part of a longer phrase: a
/// score (`绩效目标5分`), or a heading or criterion (`绩效目标完成情况`, `绩效目标合理性`).
fn goal_word_in_compound(toks: &[Token], a: usize, value: &std::ops::Range<usize>) -> bool {
    let Some(first) = toks[value.clone()].iter().find(|t| !t.is_empty()) else {
        return false;
    };
    if first.brk != Break::Glue || !std::ptr::eq(first, &toks[a + 1]) {
        return false;
    }
    let k = super::norm::key(&first.text);
    let digits = k.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    (digits.len() < k.len() && digits.starts_with('分'))
        || ["完成情况", "实现情况", "完成率", "实现程度", "合理性", "明确性", "设置合理", "设置明确"]
            .iter()
            .any(|w| k.starts_with(w))
}

/// An amount in 万元 at the start of `s` (`50万元…`).
fn wan_yuan_at(s: &str) -> Option<Money> {
    let end = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    (end > 0 && s[end..].starts_with("万元"))
        .then(|| Money::parse(&s[..end + "万元".len()], AmountUnit::WanYuan))
        .flatten()
}

/// `…,2019年高等職業院校…補助資金項目由昌吉職業技術學院實施完成,…` (新疆's 项目情况公告公示):
/// the project named before the body carrying it out, as printed (pinyin noise included).
fn name_carried_out_by(text: &str) -> Option<String> {
    if !(text.contains('由') && (text.contains("实") || text.contains("實"))) {
        return None;
    }
    let (folded, map) = plain_folded(text);
    let at = folded.find("项目由")?;
    let end = at + "项目".len();
    let doer = &folded[end + "由".len()..];
    let doer_end = doer.find("实施")?;
    if !(2..=30).contains(&doer[..doer_end].chars().count()) || doer[..doer_end].contains([',', '，', '。']) {
        return None;
    }
    let start = folded[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| [',', '，', '。', ':', '：', '；', ';'].contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let raw = |i: usize| map.as_ref().map_or(i, |m| m[i]);
    let name = trim(&text[raw(start)..raw(end)]);
    (4..=60).contains(&name.chars().count()).then(|| name.to_string())
}

/// `该双心及文明城市创建专项资金项目于2020年初向财政局进行资金申报` (a 自评报告's account of
/// its money): the name the report refers to its project by, `该…项目` opening a sentence.
fn name_referred_to(text: &str) -> Option<String> {
    let start = text.find('该')?;
    let before = text[..start].trim_end();
    let at_sentence = before.is_empty() || before.ends_with(['。', '；', '，', ',', ';']);
    let rest = &text[start + '该'.len_utf8()..];
    let end = rest.find("项目")?;
    let name = &rest[..end];
    let follows = &rest[end + "项目".len()..];
    let n = name.chars().count();
    (at_sentence
        && (4..=30).contains(&n)
        && !name.contains([',', '，', '。', '、'])
        && follows.starts_with(['于', '由', '是']))
    .then(|| name.to_string())
}

impl Notice {
    /// `实施同心县…种植项目,`, `安排…资金50万元`, `项目总体绩效目标是:…。现将…`.
    fn read(&mut self, text: &str, line: u32) {
        let at = Origin::line(line);
        if self.name.is_none() {
            self.name = name_carried_out_by(text).map(|n| Located::new(n, at));
        }
        if self.name.is_none() {
            if let Some(i) = text.find("实施") {
                let rest = &text[i + "实施".len()..];
                if let Some(end) = rest.find("项目") {
                    let name = &rest[..end + "项目".len()];
                    let n = name.chars().count();
                    if (6..=40).contains(&n) && !name.contains([',', '，', '。', '；']) {
                        self.name = Some(Located::new(name.to_string(), at));
                    }
                }
            }
        }
        // `…西川河小流域水土流失综合治理项目立项批复525.39万元,其中…`: a report's sentence opened
        // by the project's name and the amount approved for it.
        let approved = || {
            ["项目立项批复", "项目批复", "项目总投资"]
                .into_iter()
                .find_map(|verb| Some((text.find(verb)?, verb)))
        };
        if let Some((i, verb)) = self.name.is_none().then(approved).flatten() {
            let start = text[..i]
                .char_indices()
                .rev()
                .find(|(_, c)| ['。', '；', ';', '，', ',', '：', ':'].contains(c))
                .map_or(0, |(k, c)| k + c.len_utf8());
            let name = trim(&text[start..i + "项目".len()]);
            let rest = text[i + verb.len()..].trim_start_matches(['为', ':', '：']);
            let rest = rest.strip_prefix("资金").unwrap_or(rest);
            if let (true, Some(m)) = ((6..=60).contains(&name.chars().count()), wan_yuan_at(rest)) {
                self.name = Some(Located::new(name.to_string(), at));
                // (Over an amount sent down for the programme as a whole: this is the project's.)
                self.total = Some(Located::new(m, at));
            }
        }
        if self.total.is_none() && self.name.is_some() && text.contains("涉及") {
            // `…項目由…實施完成,涉及資金895.8萬元` (公告公示): the amount the project involves.
            let (folded, _) = plain_folded(text);
            if let Some(i) = folded.find("涉及资金") {
                self.total = wan_yuan_at(&folded[i + "涉及资金".len()..]).map(|m| Located::new(m, at));
            }
        }
        if self.total.is_none() && (text.contains("安排") || text.contains("下达") || text.contains("下達")) {
            // `安排…资金50万元`, `下达…转移支付资金预算150万元`; in traditional characters too
            // (`累計安排資金10萬元`).
            let (folded, _) = plain_folded(text);
            let text = folded.as_str();
            if let Some(i) = text.find("安排").or_else(|| text.find("下达")) {
                let rest = &text[i..];
                let window: String = rest.chars().take(150).collect();
                // Every word's places, in order: the first word followed by an amount
                // (`…资金预算指标的通知…资金50万元`: the notice's title names 资金预算 too).
                // (`…资金共下达105万元`: the amount right after the verb, the word before it.)
                let words = ["资金预算", "资金", "预算", "经费", "安排", "下达"];
                let mut hits: Vec<(usize, usize)> = words
                    .iter()
                    .flat_map(|w| window.match_indices(w).map(|(j, m)| (j, m.len())))
                    .collect();
                hits.sort_unstable_by_key(|&(j, len)| (j, std::cmp::Reverse(len)));
                for (j, len) in hits {
                    if let Some(m) = wan_yuan_at(&window[j + len..]) {
                        self.total = Some(Located::new(m, at));
                        self.year = super::narrative::year_in(&window[..j]).map(|y| Located::new(y, at));
                        break;
                    }
                }
            }
        }
        if self.goals.is_empty() {
            let labels = ["总体绩效目标是", "总体绩效目标为", "总体绩效目标", "绩效目标是", "绩效目标为", "绩效目标"];
            for label in labels {
                if let Some(i) = text.find(label) {
                    let rest = text[i + label.len()..].trim_start_matches([':', '：']);
                    let end = rest.find("现将").unwrap_or(rest.len());
                    let goal = trim(&rest[..end]);
                    // `…项目绩效目标为做好…的工作。`: a copula says it as well as a colon
                    // (not `绩效目标是否…`, a question).
                    let copula = label.ends_with(['是', '为']) && !rest.starts_with('否');
                    if goal.chars().count() >= 6
                        && !rest[..end].is_empty()
                        && i + label.len() < text.len()
                        && (copula || text[i + label.len()..].starts_with([':', '：']))
                    {
                        // `…绩效目标:1.保质保量…;2.符合…`: one goal per number.
                        for g in split_goals(goal) {
                            self.goals.push(Located::new(g, at));
                        }
                    }
                    break;
                }
            }
        }
    }
}

/// Reads every form of the document.
pub(super) fn read(r: &mut Reader, blocks: &[Block], tokens: &[Token]) {
    let public_blocks: Vec<bool> = blocks
        .iter()
        .map(|b| matches!(b, Block::Table(t) if public::is_public(t)))
        .collect();
    let mut w = Walk {
        tokens,
        width: row_widths(tokens, blocks),
        draft: Draft::default(),
        narrative: Narrative::default(),
        expect: Expect::Nothing,
        funds: None,
        funds_points: None,
        form_block: None,
        notice: Notice::default(),
        report: {
            // (The words in one scan of each token, not one search per word.)
            static REPORT: std::sync::OnceLock<aho_corasick::AhoCorasick> =
                std::sync::OnceLock::new();
            let words = REPORT.get_or_init(|| {
                aho_corasick::AhoCorasick::new([
                    "自评报告",
                    "自评情况",
                    "绩效评价报告",
                    "完成情况分析",
                ])
                .expect("word list builds")
            });
            tokens
                .iter()
                .any(|t| t.text.len() < 200 && words.is_match(&t.text))
        },
        tree: None,
        self_eval: tokens.iter().any(|t| {
            t.class.header == Some(Column::Actual)
                || (t.text.len() < 200 && t.text.contains("自评"))
                || t.class.funds == Some(Funds::Executed)
        }),
    };
    let mut i = 0;
    let mut last_block = usize::MAX;
    while i < tokens.len() {
        let block = tokens[i].block;
        if block != last_block && matches!(blocks[block], Block::Table(_)) {
            w.narrative.table();
        }
        last_block = block;
        if public_blocks[block] {
            w.finish(r);
            if let Block::Table(t) = &blocks[block] {
                public::read(r, t);
            }
            while i < tokens.len() && tokens[i].block == block {
                i += 1;
            }
            continue;
        }
        let j = row_end(tokens, i);
        let in_narrative =
            w.narrative.in_section() && matches!(blocks[block], Block::Paragraph { .. });
        if let Some(next) = w.total_row(i, j) {
            i = next;
            continue;
        }
        let tree = match w.tree {
            None => w.tree_header(i),
            Some(_) => w.tree_row(r, i),
        };
        if let Some(next) = tree {
            i = next;
            continue;
        }
        if !in_narrative {
            if let Some((model, after)) = header_at(tokens, i) {
                w.narrative.table();
                w.form_block = Some(block);
                let period = period_before(tokens, i);
                if period == Some(Period::Year) {
                    if let Some(long) = w.draft.long_term.take() {
                        w.draft.project.indicators.drain(long);
                    }
                }
                let before = w.draft.project.indicators.len();
                i = w.grid(r, after, &model);
                if period == Some(Period::Long) {
                    w.draft.long_term = Some(before..w.draft.project.indicators.len());
                }
                continue;
            }
            // A 自评表 whose header was scrambled away may still number its rows as the
            // template does (`指标6:举办…活动 12次 96次 1 1`).
            let numbered_row = w.self_eval && super::tokens::template_numbered(&tokens[i].text);
            if tokens[i].class.is_level() || numbered_row {
                if let Some(end) = w.level_list(r, i, j) {
                    i = end;
                    continue;
                }
                if let Some(end) = w.headerless(r, i) {
                    w.narrative.table();
                    i = end;
                    continue;
                }
            }
            if let Some(next) = w.funds_header(r, i, j) {
                i = next;
                continue;
            }
            if let Some(next) = w.labels(r, i, j) {
                w.form_block = Some(block);
                w.narrative.end_section();
                i = next;
                continue;
            }
        }
        // Text up to the next label, header or level name in the row (a form flattened
        // onto one line goes on after it).
        let k = if in_narrative {
            j
        } else {
            (i + 1..j)
                .find(|&k| {
                    let c = &tokens[k].class;
                    c.label.is_some()
                        || c.is_level()
                        || tokens[k].class.funds.is_some()
                        || header_at(tokens, k).is_some()
                        || (w.self_eval && super::tokens::template_numbered(&tokens[k].text))
                })
                .unwrap_or(j)
        };
        w.plain_row(r, blocks, i, k);
        i = k;
    }
    w.finish(r);
    w.narrative.finish(r);
}

/// `项目名称 | <name> | 项目分类 | 运转类`: where a label's value runs over three or more
/// printed cells and the second is a short word, the row goes on with fields of its own
/// that no list names; the value is its first cell. Goals keep every cell (目标1 | 目标2).
fn first_cell_of_pairs(toks: &[Token], lab: Label, start: usize, end: usize) -> usize {
    if matches!(lab, Label::Goals | Label::Achieved | Label::SpendingPlan) {
        return end;
    }
    let cells: Vec<usize> = (start..end)
        .filter(|&k| !toks[k].is_empty() && (k == start || toks[k].brk >= Break::Cell))
        .collect();
    if cells.len() < 3 {
        return end;
    }
    let second = &toks[cells[1]];
    let wordy = second.text.chars().count() <= 12
        && !second.text.bytes().any(|b| b.is_ascii_digit())
        && second.class.target == Shape::No;
    if wordy {
        cells[1]
    } else {
        end
    }
}

/// Glued text whose lines are rows: a 三级指标 cell that runs over a line break although its
/// first line ends in a value of its own (`防汛物资配备是否齐全是` / `应急预案演练次数1次`) is
/// two rows: the first line's (its value cut off when filed) and the rest with the row's
/// other cells.
fn complete_lines_split(tokens: &[Token], rows: Vec<GridRow>, model: &Model) -> Vec<GridRow> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let name = row.cells.iter().position(|(c, _)| model.columns[*c] == Column::Level3);
        let split = name.and_then(|i| {
            let r = row.cells[i].1.clone();
            let k = (r.start + 1..r.end).find(|&k| tokens[k].brk >= Break::Line)?;
            let glued = tokens[r.start..r.end].iter().all(|t| !t.cell && !t.table);
            // The cells after the name start on its last line or later.
            let after_ok = row.cells[i + 1..].iter().all(|(_, rr)| rr.start >= k);
            let first = join(&tokens[r.start..k]);
            let rest_is_name = tokens[k..r.end].iter().all(|t| !t.class.is_level() && t.class.label.is_none());
            (glued && after_ok && rest_is_name && super::tokens::glued_tail_value(&first).is_some())
                .then_some((i, k))
        });
        match split {
            Some((i, k)) => {
                let r = row.cells[i].1.clone();
                let mut first: Vec<(usize, std::ops::Range<usize>)> = row.cells[..i].to_vec();
                first.push((row.cells[i].0, r.start..k));
                let mut second = vec![(row.cells[i].0, k..r.end)];
                second.extend(row.cells[i + 1..].iter().cloned());
                out.push(GridRow { cells: first });
                out.push(GridRow { cells: second });
            }
            None => out.push(row),
        }
    }
    out
}

/// Rows cut from one 三级指标 cell that lists several things with their figures
/// (`慰问伤残军人50人;革命烈士遗属50人;…;边海防官兵320人。`) whose last piece takes the
/// row's own value cells (`100%`) printed after it: the list is the name of that one row.
/// Where no value follows the cell, each listed item stays an indicator of its own.
fn listed_names_merged(tokens: &[Token], rows: &[GridRow], model: &Model) -> Vec<GridRow> {
    let line_of = |row: &GridRow, col: Column| {
        let mut lines = row
            .cells
            .iter()
            .filter(|(c, _)| model.columns[*c] == col)
            .flat_map(|(_, r)| tokens[r.clone()].iter().filter(|t| !t.is_empty()).map(|t| t.line));
        let first = lines.next()?;
        lines.all(|l| l == first).then_some(first)
    };
    let only_name_and_target = |row: &GridRow| {
        row.cells.iter().all(|(c, _)| {
            matches!(
                model.columns[*c],
                Column::Level1 | Column::Level2 | Column::Level3 | Column::Target
            )
        })
    };
    let mut out: Vec<GridRow> = Vec::with_capacity(rows.len());
    let mut i = 0;
    while i < rows.len() {
        let line = line_of(&rows[i], Column::Level3);
        let mut j = i;
        // Rows whose name and value both stand on the name's line.
        while let Some(l) = line {
            let row = &rows[j];
            if j + 1 < rows.len()
                && only_name_and_target(row)
                && line_of(row, Column::Level3) == Some(l)
                && line_of(row, Column::Target) == Some(l)
                && line_of(&rows[j + 1], Column::Level3) == Some(l)
            {
                j += 1;
            } else {
                break;
            }
        }
        let last = &rows[j];
        let value_after = line.is_some_and(|l| {
            last.cells.iter().any(|(c, r)| {
                matches!(model.columns[*c], Column::Target | Column::Actual)
                    && tokens[r.clone()].iter().any(|t| !t.is_empty() && t.line > l)
            })
        });
        if j > i && value_after {
            let level3 = |row: &GridRow| row.cell(model, Column::Level3).map(|(k, r)| (*k, r.clone()));
            if let (Some((k, first)), Some((_, end))) = (level3(&rows[i]), level3(last)) {
                let mut cells: Vec<(usize, std::ops::Range<usize>)> = rows[i]
                    .cells
                    .iter()
                    .filter(|(c, _)| {
                        matches!(model.columns[*c], Column::Level1 | Column::Level2)
                    })
                    .cloned()
                    .collect();
                cells.push((k, first.start..end.end));
                cells.extend(
                    last.cells
                        .iter()
                        .filter(|(c, _)| {
                            !matches!(
                                model.columns[*c],
                                Column::Level1 | Column::Level2 | Column::Level3
                            )
                        })
                        .cloned(),
                );
                out.push(GridRow { cells });
                i = j + 1;
                continue;
            }
        }
        out.push(rows[i].clone());
        i += 1;
    }
    out
}

/// A figure glued to itself (`2020` → `20`, `100%100%` → `100%`, `1010` → `10`): a 自评表's
/// target and actual run together where both are the same (asked only of glued text under
/// an 实际完成值 column that printed no actual). Words are not split: a name may repeat one.
fn glued_twice(text: &str) -> Option<&str> {
    let t = trim(text);
    if t.len() < 2 || t.len() % 2 != 0 || !t.is_char_boundary(t.len() / 2) {
        return None;
    }
    let (a, b) = t.split_at(t.len() / 2);
    let figure = a.starts_with(|c: char| c.is_ascii_digit())
        && a.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '%')
        && !(a.len() > 1 && a.starts_with('0') && !a.starts_with("0."));
    (a == b && figure).then_some(a)
}

/// Whether printed level names say the level 2 cannot stand under the level 1 (both known,
/// no published framework puts one under the other: `经济效益指标` under `成本指标`).
fn outside_level1(level1: &str, level2: &str) -> bool {
    match (jixiao_model::Level1::from_printed(level1), jixiao_model::Level2::from_printed(level2)) {
        (Some(c1), Some(c2)) => !c2.may_stand_under(c1),
        _ => false,
    }
}

/// A name with a figure glued to itself at its end, after a word (`…32.1公里2020` →
/// `…32.1公里`, `20`): the name, and the figure once.
fn glued_pair_after_name(text: &str) -> Option<(&str, &str)> {
    let t = trim(text);
    let run = t.chars().rev().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '%').count();
    let (name, tail) = t.split_at(t.len() - run);
    let word_before = name.chars().last().is_some_and(jixiao_model::text::is_cjk);
    let half = glued_twice(tail)?;
    (word_before && name.chars().count() >= 3).then_some((name, half))
}

/// The text a cell prints twice, separated by white space (`完成维护 完成维护` → `完成维护`).
/// `text` as `times` copies of one figure or word run together (`100%100%`, `11`, `否否`):
/// that one.
fn repeated(text: &str, times: usize) -> Option<&str> {
    let t = trim(text);
    if times < 2 || t.is_empty() || t.len() % times != 0 || !t.is_char_boundary(t.len() / times) {
        return None;
    }
    let one = &t[..t.len() / times];
    (one.repeat(times) == t).then_some(one)
}

fn printed_twice(text: &str) -> Option<&str> {
    let t = trim(text);
    t.char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .map(|(i, _)| (trim(&t[..i]), trim(&t[i..])))
        .find(|(a, b)| a.chars().count() >= 2 && a == b)
        .map(|(a, _)| a)
}

/// The figures of a funds row printed without separators (`202010100.00%10` under 全年预算数 |
/// 全年执行数 | 分值 | 执行率 | 得分): the one split whose execution rate is 执行数 / 预算数, whose
/// weight is at most 100 and whose score at most the weight; `2020` without a rate column
/// splits into equal halves (budget and execution alike). None when no split holds.
fn split_glued_amounts(text: &str, funds: &[Option<Funds>]) -> Option<Vec<String>> {
    let t = squeezed(text);
    if t.len() > 40
        || !t
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'%')
    {
        return None;
    }
    let cols: Vec<Funds> = funds
        .iter()
        .flatten()
        .copied()
        .filter(|f| *f != Funds::Note)
        .collect();
    let number = |s: &str| -> Option<f64> {
        let ok = !s.is_empty()
            && !(s.len() > 1 && s.starts_with('0') && !s.starts_with("0."))
            && s.split('.').count() <= 2
            && !s.starts_with('.')
            && !s.ends_with('.')
            && s.split('.').nth(1).is_none_or(|d| d.len() <= 2);
        ok.then(|| s.parse().ok()).flatten()
    };
    let Some(pct) = t.find('%') else {
        // Budget and execution alike (`2020` → 20 | 20).
        let half = t.len() / 2;
        let two = cols.len() >= 2 && t.len() % 2 == 0 && t[..half] == t[half..];
        return (two && number(&t[..half]).is_some())
            .then(|| vec![t[..half].to_string(), t[half..].to_string()]);
    };
    let rate_col = cols.iter().position(|f| *f == Funds::Rate)?;
    let (before, after) = (&t[..pct], &t[pct + 1..]);
    if rate_col < 2 || after.contains('%') {
        return None;
    }
    // Columns before the rate: budget(s), execution, weight; after it: the score. The
    // first column (年初预算数) may be empty: its figures then stand under the later ones.
    let mut found: Option<Vec<String>> = None;
    fn splits(s: &str, parts: usize) -> Vec<Vec<usize>> {
        if parts == 1 {
            return vec![vec![]];
        }
        let mut out = Vec::new();
        for i in 1..s.len() {
            for mut rest in splits(&s[i..], parts - 1) {
                for r in &mut rest {
                    *r += i;
                }
                let mut v = vec![i];
                v.extend(rest);
                out.push(v);
            }
        }
        out
    }
    if before.len() > 24 {
        return None;
    }
    for skip in 0..rate_col.saturating_sub(1).min(2) {
        let cols = &cols[skip..];
        let n = rate_col + 1 - skip;
        for cuts in splits(before, n) {
            let mut bounds = vec![0];
            bounds.extend(&cuts);
            bounds.push(before.len());
            let parts: Vec<&str> = bounds.windows(2).map(|w| &before[w[0]..w[1]]).collect();
            let Some(nums) = parts
                .iter()
                .map(|p| number(p))
                .collect::<Option<Vec<f64>>>()
            else {
                continue;
            };
            let get = |f: Funds| {
                cols.iter()
                    .position(|c| *c == f)
                    .and_then(|i| nums.get(i).copied())
            };
            let budget = get(Funds::Annual).or_else(|| get(Funds::Initial));
            let (Some(a), Some(b), Some(rate)) =
                (budget, get(Funds::Executed), nums.last().copied())
            else {
                continue;
            };
            // (A block with no 分值 column, `全年预算数 | 全年执行数 | 预算执行率`, needs none.)
            let weighted = cols.contains(&Funds::Weight);
            let weight = get(Funds::Weight).unwrap_or(if weighted { 0.0 } else { 100.0 });
            let score = if after.is_empty() {
                None
            } else {
                number(after)
            };
            // Nothing spent (rate 0) or no weight is possible in print but not worth a guess:
            // only splits with money spent, a weight and a rate up to 200% are taken.
            let consistent = a > 0.0
                && b > 0.0
                && rate > 0.0
                && rate <= 200.0
                && (b / a * 100.0 - rate).abs() < 0.06
                && weight > 0.0
                && weight <= 100.0
                && score.is_none_or(|sc| sc <= weight.max(100.0));
            if consistent {
                if found.is_some() {
                    return None; // ambiguous
                }
                let mut v: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
                let last = v.len() - 1;
                v[last].push('%');
                if !after.is_empty() {
                    v.push(after.to_string());
                }
                if skip > 0 {
                    v.insert(0, String::new());
                }
                found = Some(v);
            }
        }
    }
    found
}

/// A report's sentence saying what was done (`各位传承人…,积极开展了各项…活动。`,
/// `项目暂未完工。`): ended by its full stop. (`按时完成建设,随项目进度把控` is a name and its
/// result.)
fn result_sentence(text: &str) -> bool {
    let t = trim(text);
    t.chars().count() >= 5 && t.ends_with('。')
}

/// A cell of running text as a table cell: without the sentence's end punctuation, a level
/// heading of a report (`产出指标完成情况分析`) as the level's name, a copula between a name
/// and its value (`经费发放率为 | 98%`) neither's.
fn prose_cell(col: Column, text: &str) -> String {
    let t = trim(text.trim_end_matches(['。', '；', ';', '，', ',', '：', ':']));
    // `经费发放率为 | 98%`, `…发放指标为 | 100% | 实际完成值为100%`: the sentence's copula and
    // the words saying which value follows are neither the name's nor the value's.
    // `其中坡改梯 | 25.26hm`: a part of the total before it, named as such.
    let t = match col {
        Column::Level3 => t.strip_prefix("其中").map_or(t, |r| trim(r.trim_start_matches([':', '：']))),
        _ => t,
    };
    match col {
        Column::Level3 => {
            for tail in ["指标值为", "目标值为", "指标为", "均为", "为"] {
                if let Some(stem) = t.strip_suffix(tail) {
                    let word = stem.ends_with(['行', '作', '认', '成', '因', '以']);
                    if stem.chars().count() >= 2 && !(tail == "为" && word) {
                        return trim(stem).to_string();
                    }
                }
            }
        }
        Column::Target | Column::Actual => {
            let lead = ["实际完成值为", "实际完成值", "为"]
                .iter()
                .find_map(|w| t.strip_prefix(w))
                .map(|v| trim(v.trim_start_matches([':', '：'])));
            if let Some(v) = lead.filter(|v| v.starts_with(|c: char| c.is_ascii_digit())) {
                return v.to_string();
            }
        }
        _ => {}
    }
    if matches!(col, Column::Level1 | Column::Level2) {
        for tail in ["完成情况分析", "完成情况", "情况分析"] {
            if let Some(stem) = t.strip_suffix(tail) {
                if stem.ends_with("指标") {
                    return stem.to_string();
                }
            }
        }
    }
    t.to_string()
}

/// Items of a list that print an indicator's name and its target (`巡查频次8次;验收合格率
/// ≥86%;…`), split at clauses; items without a target are left out.
/// A row of a target list that prints no level: name and target only.
pub(super) fn unlevelled(name: String, value: &str, at: Origin) -> Indicator {
    fn no_level<C>(at: Origin) -> IndicatorLevel<C> {
        IndicatorLevel {
            category: None,
            printed: Located::new(String::new(), at),
            inherited: false,
        }
    }
    Indicator {
        level1: no_level(at),
        level2: no_level(at),
        level3: Some(Located::new(name, at)),
        description: None,
        target: Some(Located::new(Target::parse(value), at)),
        basis: None,
        weight: None,
        evaluation: None,
        at,
    }
}

pub(super) fn list_items(text: &str) -> Vec<(String, String)> {
    super::tokens::clauses(trim(text))
        .into_iter()
        .filter_map(|c| {
            let body = trim(c.trim_end_matches(['。', '；', ';', '，', ',']));
            let mut i = super::tokens::trailing_value(body)?;
            // `监测面积约111.45万亩`: an approximation is the value's word.
            if body[..i].ends_with('约') && i > '约'.len_utf8() {
                i -= '约'.len_utf8();
            }
            let name = trim(body[..i].trim_end_matches([',', '，', ':', '：']));
            let value = trim(&body[i..]);
            (super::class::target_shape(value) != Shape::No && !name.is_empty())
                .then(|| (name.to_string(), value.to_string()))
        })
        .collect()
}

/// The index after the row starting at `i`: the next token after a line or row boundary.
fn row_end(tokens: &[Token], i: usize) -> usize {
    let mut j = i + 1;
    while j < tokens.len() && tokens[j].brk < Break::Line {
        j += 1;
    }
    j
}

fn row_widths(tokens: &[Token], blocks: &[Block]) -> Vec<u32> {
    let mut width = vec![0u32; tokens.len()];
    let mut i = 0;
    while i < tokens.len() {
        let j = row_end(tokens, i);
        if matches!(blocks[tokens[i].block], Block::Table(_)) {
            for w in &mut width[i..j] {
                *w = (j - i) as u32;
            }
        }
        i = j;
    }
    width
}

/// A run of column headers starting at `i` (one per cell, line or piece): the table's
/// columns and the token after the run. At least three columns, one of them 三级指标 or
/// 指标值, and one a level.
fn header_at(tokens: &[Token], i: usize) -> Option<(Model, usize)> {
    let first = &tokens[i].class;
    // `级指标` before `二级指标`: the first header cell lost a character (a cut page, a cell
    // too narrow); it is the 一级指标 all the same.
    let cut_level1 = first.header.is_none()
        && first.level_like
        && tokens[i + 1..]
            .iter()
            .find(|t| !t.is_empty())
            .is_some_and(|t| t.class.header == Some(Column::Level2));
    if first.header.is_none()
        && !first.empty
        && !cut_level1
        && glued_header(&tokens[i].text).is_none()
    {
        return None;
    }
    let mut cols: Vec<(Column, &str)> = Vec::new();
    // The header's value columns are one per place (see `place_columns`).
    let mut places = false;
    let mut ignored_values = false;
    // The header cells of the other period's group (by their text's address).
    let mut other_period: Vec<*const u8> = Vec::new();
    let mut k = i;
    while k < tokens.len() && k - i < 40 {
        let t = &tokens[k];
        // `优 | 良 | 中 | 差` under `绩效指标评价标准`: four grades' thresholds, the first the
        // target.
        // (Only after a first column: asked of every token a walk passes, the grades are
        // looked for in header rows only.)
        let graded = if cols.is_empty() { None } else { graded_target(tokens, k) };
        if let Some((grades, next)) = graded {
            let at = cols
                .iter()
                .rposition(|(c, t)| {
                    matches!(c, Column::Target | Column::Ignored) && key(t).contains("评价标准")
                })
                .or_else(|| cols.iter().rposition(|(c, _)| *c == Column::Target));
            if let Some(at) = at {
                let text = cols[at].1;
                let mut sub = vec![(Column::Target, text)];
                sub.extend(std::iter::repeat((Column::Target, LOWER_GRADE)).take(grades - 1));
                cols.splice(at..=at, sub);
                k = next;
                continue;
            }
        }
        if k > i && t.brk == Break::Row && !cols.is_empty() && t.class.header.is_none() {
            break; // the header row ended
        }
        if t.is_empty() {
            k += 1;
            continue;
        }
        // A level name ends the header (the first data row).
        if t.class.is_level() && t.class.header.is_none() {
            break;
        }
        // A second line of header cells: the lower halves of cells printed over two lines
        // (`年度` / `指标值`: known columns again), or the sub-columns of one column
        // (`指标值` over `2021年实际实现值 | 预期2022年实现值`), which take its place.
        if k > i && t.brk >= Break::Line && t.class.header.is_some() && !cols.is_empty() {
            let e = row_end(tokens, k);
            let sub: Vec<(Column, &str)> = tokens[k..e]
                .iter()
                .filter(|u| !u.is_empty())
                .filter_map(|u| u.class.header.map(|h| (h, u.text.as_str())))
                .collect();
            let all_headers = sub.len() == tokens[k..e].iter().filter(|u| !u.is_empty()).count();
            if all_headers && sub.len() >= 2 {
                let known = |h: &Column| cols.iter().any(|(c, _)| c == h);
                // (Columns read past are no halves: `完成目标可能性 | 备注` after a
                // `半年度指标执行情况` are columns of their own.)
                if sub.iter().all(|(h, _)| known(h)) && sub.iter().any(|(h, _)| *h != Column::Ignored) {
                    k = e;
                    continue;
                }
                let levels = sub
                    .iter()
                    .any(|(h, _)| matches!(h, Column::Level1 | Column::Level2 | Column::Level3));
                // `预期指标值 … 自评得分` over `符号 | 单位 | 单项指标得分 | 权重占比 | 折算得分`
                // (河北): the sign and the unit split the target around its figure, the rest
                // split the column they name.
                let target_parts = sub
                    .iter()
                    .take_while(|(h, _)| matches!(h, Column::Operator | Column::Unit))
                    .count();
                if !levels
                    && target_parts == 2
                    && sub.len() > 2
                    && sub[0].0 == Column::Operator
                    && sub[1].0 == Column::Unit
                    && !known(&Column::Operator)
                    && known(&Column::Target)
                {
                    let rest = &sub[2..];
                    if let Some(parent) = rest.iter().find(|(h, _)| known(h)).map(|(h, _)| *h) {
                        let t = cols.iter().position(|(c, _)| *c == Column::Target).expect("known");
                        let target_text = cols[t].1;
                        cols.splice(
                            t..=t,
                            [sub[0], (Column::Target, target_text), sub[1]],
                        );
                        let at = cols
                            .iter()
                            .rposition(|(c, _)| *c == parent)
                            .expect("a known column");
                        cols.splice(at..=at, rest.iter().copied());
                        // The upper row's own 指标分值 beside the weight the lower row names
                        // prints each indicator's explanation in this form.
                        if cols.iter().filter(|(c, _)| *c == Column::Weight).count() == 2 {
                            if let Some(first) = cols.iter_mut().find(|(c, _)| *c == Column::Weight) {
                                first.0 = Column::Description;
                            }
                        }
                        k = e;
                        continue;
                    }
                }
                let parent = sub.iter().find(|(h, _)| known(h)).map(|(h, _)| *h);
                if let Some(parent) = parent.filter(|_| !levels) {
                    let at = cols
                        .iter()
                        .position(|(c, _)| *c == parent)
                        .expect("a known column");
                    cols.splice(at..=at, sub);
                    k = e;
                    continue;
                }
            }
        }
        let header = t.class.header.or_else(|| {
            (k == i)
                .then(|| {
                    if cut_level1 {
                        Some(Column::Level1)
                    } else {
                        glued_header(&t.text)
                    }
                })
                .flatten()
        });
        match header {
            // `指标值（长期）` beside `指标值（年度）`: the long-term columns are not the year's.
            // (Nor is `半年(程)指标值` beside `全年(程)指标值`.)
            // A long-term group's levels and values printed beside the year's, each cell
            // marked (`二级指标(长期)` … `二级指标(年度)`): read as what they are, recorded
            // nowhere, so each half of a row finds its own columns.
            Some(c @ (Column::Level2 | Column::Level3 | Column::Target))
                if ["长期", "中期"].iter().any(|w| t.text.contains(w))
                    && tokens[k + 1..].iter().take(12).any(|u| u.class.header == Some(c) && u.text.contains("年度")) =>
            {
                other_period.push(t.text.as_ptr());
                cols.push((c, t.text.as_str()))
            }
            // (Nor is `上年完成值`, last year's, beside the year's `指标实际完成值`.)
            Some(_) if ["长期", "中期", "半年", "上年", "去年"].iter().any(|w| t.text.contains(w)) => {
                ignored_values |= ["上年", "去年"].iter().any(|w| t.text.contains(w));
                cols.push((Column::Ignored, t.text.as_str()))
            }
            Some(c) => cols.push((c, t.text.as_str())),
            // `指标解释 | 指标方向 | 西坪镇尧山村 | 桃舟乡吾培村 | …` (a transfer's form with
            // one value column per place it pays): the first place's column is the target,
            // the others' values are read past.
            None if cols.len() >= 3
                && cols.iter().any(|(c, _)| matches!(c, Column::Level2 | Column::Level3))
                && !cols.iter().any(|(c, _)| matches!(c, Column::Actual))
                && (places || !cols.iter().any(|(c, _)| *c == Column::Target))
                && place_columns(&t.text) > 0 =>
            {
                let first = !places;
                places = true;
                if first {
                    cols.push((Column::Target, t.text.as_str()));
                }
                let more = place_columns(&t.text) - usize::from(first);
                cols.extend(std::iter::repeat((Column::Ignored, OTHER_PLACE)).take(more));
            }
            // Columns no vocabulary knows between known ones on the header's line
            // (`指标分值权重 指标赋分规则 佐证资料 指标实际完成值`): read past.
            None if cols.len() >= 3
                && t.brk < Break::Line
                && t.brk != Break::Glue
                && unknown_columns_before_header(tokens, k) =>
            {
                ignored_values = true;
                cols.push((Column::Ignored, t.text.as_str()))
            }
            // A word no vocabulary knows glued between two header cells (`考值参分`, an
            // OCR's 参考分值) is a column all the same, read past.
            None if cols.len() >= 2
                && t.brk == Break::Glue
                && (2..=6).contains(&t.class.chars)
                && !t.text.chars().any(|c| c.is_ascii_digit())
                && tokens
                    .get(k + 1)
                    .is_some_and(|u| u.brk == Break::Glue && u.class.header.is_some()) =>
            {
                cols.push((Column::Ignored, t.text.as_str()))
            }
            None => break,
        }
        k += 1;
    }
    // A header over two table rows whose upper row spans the levels
    // (`绩效指标 | 指标(colspan 3) | 指标值(rowspan 2)` over `一级指标 | 二级指标 | 三级指标`):
    // the columns the lower row leaves empty are the upper row's.
    if tokens[i].table && cols.iter().any(|(c, _)| matches!(c, Column::Level1 | Column::Level2)) {
        if let Some(merged) = upper_header_row(tokens, i, k, &cols) {
            cols = merged;
        }
    }
    // `年度` / `指标值` printed one per line: halves of one header cell.
    cols.dedup_by(|b, a| {
        a.0 == b.0
            && matches!(a.0, Column::Target | Column::Actual)
            && (a.1.chars().count() <= 2 || b.1.chars().count() <= 2)
    });
    let has = |c: Column| cols.iter().any(|(k, _)| *k == c);
    let levels = has(Column::Level1) || has(Column::Level2) || has(Column::Level3);
    // `项目 | 指标值 | 绩效金额`: an indentation tree whose first column holds the unit, the
    // project and the three levels, one under the other.
    if !levels && has(Column::ProjectName) && has(Column::Target) && cols.len() >= 2 {
        let mut columns = vec![Column::UnitName, Column::ProjectName];
        if has(Column::Amount) {
            columns.push(Column::Amount);
        }
        columns.extend([
            Column::Level1,
            Column::Level2,
            Column::Level3,
            Column::Target,
        ]);
        return Some((Model::new(columns), k));
    }
    if cols.len() < 3 || !(has(Column::Level3) || has(Column::Target)) {
        return None;
    }
    if !(has(Column::Level1) || has(Column::Level2)) {
        return None;
    }
    // `二级指标 三级指标 分值 得分` with no value column: the scrambled rest of a 自评表's
    // header (its 年度指标值 / 实际完成值 printed elsewhere), not the table's columns.
    let values = [Column::Target, Column::Actual, Column::Description, Column::Operator, Column::Unit];
    if !values.iter().any(|&c| has(c)) && (has(Column::Weight) || has(Column::Score)) {
        return None;
    }
    // `绩效指标 | 一级指标 | …`: a block label standing before the levels is no column; nor
    // is `绩效指标` beside a printed 三级指标.
    let level3_named = cols
        .iter()
        .any(|(c, t)| *c == Column::Level3 && squeezed(t).contains("三级"));
    let first_level = cols
        .iter()
        .position(|(c, _)| matches!(c, Column::Level1 | Column::Level2));
    let kept: Vec<(Column, &str)> = cols
        .iter()
        .enumerate()
        .filter(|(n, (c, t))| {
            let block_label = (*c == Column::Level3
                && (level3_named && !squeezed(t).contains("三级")
                    || first_level.is_some_and(|f| *n < f)))
                || (*c == Column::Goals
                    && squeezed(t) == "绩效目标"
                    && first_level.is_some_and(|f| *n + 1 == f));
            !block_label
        })
        .map(|(_, ct)| *ct)
        .collect();
    // A header over two rows flattened to one cell per line prints the columns spanning
    // both rows (`指标值`) before the lower row's levels; the table prints levels first.
    let mut kept = kept;
    let is_level = |c: &Column| matches!(c, Column::Level1 | Column::Level2 | Column::Level3);
    if let Some(first) = kept.iter().position(|(c, _)| is_level(c)) {
        let values_before = first > 0
            && kept[..first].iter().all(|(c, _)| {
                matches!(
                    c,
                    Column::Target | Column::Description | Column::Basis | Column::Weight
                        | Column::Score | Column::Actual | Column::Deviation | Column::Ignored
                )
            });
        let levels_then_rest = kept[first..].iter().take_while(|(c, _)| is_level(c)).count()
            == kept.len() - first;
        if values_before && levels_then_rest && !tokens[i].table {
            kept.rotate_left(first);
        }
    }
    let mut columns: Vec<Column> = kept.iter().map(|(c, _)| *c).collect();
    // `一级指标 | 二级指标 | 指标内容 | 指标值` (财预〔2015〕88号): with no 三级指标 column, the
    // 指标内容 is the indicator itself.
    if !columns.contains(&Column::Level3) {
        if let Some(n) = kept
            .iter()
            .position(|(c, t)| *c == Column::Description && key(t) == "指标内容")
        {
            columns[n] = Column::Level3;
        }
    }
    // The lower grades' thresholds: read as values (they look like targets), recorded nowhere.
    let lower_grades: Vec<bool> = kept
        .iter()
        .map(|(_, t)| std::ptr::eq(*t, LOWER_GRADE) || other_period.contains(&t.as_ptr()))
        .collect();
    // `评价内容 | 绩效内容 | …`: one header cell over both upper levels.
    let mut columns = upper_row_first(columns);
    // A header starting at 二级指标 (its 一级指标 cell lost or garbled: `一指`) may still
    // print level-1 names at the start of its rows.
    if columns.first() == Some(&Column::Level2) && !tokens[i].table {
        columns.insert(0, Column::Level1);
    }
    if let Some(l1) = columns.iter().position(|c| *c == Column::Level1) {
        // (`绩效指标分类` is one column: the category of the indicator beside it.)
        let spans_two = !cols
            .iter()
            .any(|(_, t)| squeezed(t).contains("一级") || key(t).ends_with("分类"));
        // `一级指标 | 指标名称 | 指标值` (a 监控表): the names may be level 2's (`质量`, `成本`).
        let named_only = cols.iter().any(|(c, t)| *c == Column::Level3 && key(t) == "指标名称");
        if (spans_two || named_only)
            && !columns.contains(&Column::Level2)
            && columns.get(l1 + 1) == Some(&Column::Level3)
        {
            columns.insert(l1 + 1, Column::Level2);
        }
    }
    // `一级指标 | 二级指标 | 绩效标准 | 当年预期实现值`: no column names the indicators, so
    // the 二级指标 cell spans two, the level's name and the indicator's.
    if !columns.contains(&Column::Level3) && columns.contains(&Column::Target) {
        if let Some(l2) = columns.iter().position(|c| *c == Column::Level2) {
            columns.insert(l2 + 1, Column::Level3);
        }
    }
    let same_places = columns.len() == lower_grades.len();
    let mut model = Model::new(columns);
    model.per_place = places;
    model.ignored_values = places || ignored_values;
    if other_period.is_empty() {
        hide_other_period(&mut model, tokens, i);
    }
    if same_places {
        for (h, lower) in model.hidden.iter_mut().zip(&lower_grades) {
            *h |= *lower;
        }
    }
    Some((model, k))
}

/// The header columns of a two-row header: the lower row's (`i..k`) by position, and where
/// it prints nothing, the upper row's header cells (spanning both rows), if they add a
/// column the lower row lacks.
fn upper_header_row<'t>(
    tokens: &'t [Token],
    i: usize,
    k: usize,
    cols: &[(Column, &'t str)],
) -> Option<Vec<(Column, &'t str)>> {
    // The lower row's start, then the upper row's.
    let mut b = i;
    while b > 0 && tokens[b].brk < Break::Row {
        b -= 1;
    }
    if b == 0 || tokens[b].brk != Break::Row {
        return None;
    }
    let mut a = b - 1;
    while a > 0 && tokens[a].brk < Break::Row {
        a -= 1;
    }
    let upper = &tokens[a..b];
    let lower = &tokens[b..k];
    // The upper row is a header row: words over columns, no values or levels.
    if upper.iter().any(|t| t.class.is_level() || t.text.chars().count() > 20) {
        return None;
    }
    let filled = |p: u32| lower.iter().any(|t| t.col == p && !t.is_empty());
    let mut merged: Vec<(u32, Column, &'t str)> = lower
        .iter()
        .filter(|t| !t.is_empty())
        .filter_map(|t| Some((t.col, t.class.header?, t.text.as_str())))
        .collect();
    if merged.len() != cols.len() {
        return None; // the lower row is not the header read so far
    }
    let mut adds = false;
    for t in upper.iter().filter(|t| !t.is_empty() && !filled(t.col)) {
        if let Some(h) = t.class.header {
            adds |= !cols.iter().any(|(c, _)| *c == h);
            merged.push((t.col, h, t.text.as_str()));
        }
    }
    if !adds {
        return None;
    }
    merged.sort_by_key(|(p, _, _)| *p);
    Some(merged.into_iter().map(|(_, c, t)| (c, t)).collect())
}

/// The header text given to the 良 / 中 / 差 columns of a graded target (`graded_target`).
static LOWER_GRADE: &str = "良中差";

/// `指标类型 | 指标名称 | 指标值 | 指标描述` (the names are level 2's, the 三级指标 column is
/// the table's own gap): a row `时效指标 | 全年 | 全年` read as name and target, where every
/// other row leaves the name empty and fills the explanation after the target, is target and
/// explanation like the others.
fn names_in_no_column(mut rows: Vec<GridRow>, model: &Model) -> Vec<GridRow> {
    let at = |k: Column| model.columns.iter().position(|c| *c == k);
    let (Some(l3), Some(t), Some(d)) = (at(Column::Level3), at(Column::Target), at(Column::Description)) else {
        return rows;
    };
    if !(l3 < t && t < d) {
        return rows;
    }
    let has = |r: &GridRow, c: usize| r.cells.iter().any(|(k, _)| *k == c);
    let named = rows.iter().filter(|r| has(r, l3)).count();
    let explained = rows.iter().filter(|r| has(r, d) && has(r, t) && !has(r, l3)).count();
    if named != 1 || explained < 3 {
        return rows;
    }
    for r in rows.iter_mut() {
        if has(r, l3) && has(r, t) && !has(r, d) && r.cells.iter().all(|(k, _)| *k <= t) {
            for (k, _) in r.cells.iter_mut() {
                if *k == t {
                    *k = d;
                } else if *k == l3 {
                    *k = t;
                }
            }
        }
    }
    rows
}

/// Whether token `k` and at most two more after it on the same line are words no column
/// vocabulary knows (short, no figures, no level or label) followed there by a column header.
fn unknown_columns_before_header(tokens: &[Token], k: usize) -> bool {
    let unknown = |t: &Token| {
        t.class.header.is_none()
            && !t.class.is_level()
            && t.class.label.is_none()
            && (2..=8).contains(&t.class.chars)
            && !t.text.chars().any(|c| c.is_ascii_digit())
            && !t.text.contains(['。', '，', ',', '；', ';', ':', '：'])
    };
    for (n, t) in tokens[k..].iter().take(4).enumerate() {
        if n > 0 && (t.brk >= Break::Line || t.brk == Break::Glue) {
            return false;
        }
        if n > 0 && t.class.header.is_some() {
            return true;
        }
        if !unknown(t) {
            return false;
        }
    }
    false
}

/// Whether `text` is the start of a level's name cut short (`时`, `可`, `生态`, `生態(t`):
/// the next group's level cell, no indicator's name.
fn starts_a_level_name(text: &str) -> bool {
    const NAMES: [&str; 17] = [
        "产出指标", "效益指标", "效果指标", "满意度指标", "成本指标", "数量指标", "质量指标",
        "时效指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标",
        "可持续性影响指标", "服务对象满意度指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
    ];
    // (A converter's pinyin after a traditional character: `生態(t`.)
    let head = text.split(['(', '（']).next().unwrap_or(text);
    let k = key(head);
    !k.is_empty() && NAMES.iter().any(|n| n.starts_with(&*k))
}

/// The value columns of the places after the first in a form with one per place.
static OTHER_PLACE: &str = "其他地方";

/// How many places' names a header cell prints (`西坪镇尧山村`: one; `笏石街道办埭头镇`,
/// glued: two), 0 for any other text. A place names a town, township, village, street
/// office, community, county or district (`…镇`, `…乡`, `…村`, `…街道办`, `…社区`, `…县`, `…区`);
/// a town followed by its village is one place.
fn place_columns(text: &str) -> usize {
    const ENDS: [&str; 10] = ["街道办事处", "街道办", "街道", "社区", "镇", "乡", "村", "县", "区", "旗"];
    let t = squeezed(text);
    let n = t.chars().count();
    if !(3..=40).contains(&n) || !t.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        return 0;
    }
    let mut count = 0;
    let mut rest: &str = &t;
    while !rest.is_empty() {
        // The shortest piece of two characters or more that ends like a place.
        let cut = rest
            .char_indices()
            .skip(1)
            .map(|(i, c)| i + c.len_utf8())
            .find(|&e| ENDS.iter().any(|w| rest[..e].ends_with(w)));
        let Some(mut e) = cut else { return 0 };
        // (`街道` then `办`: the longer ending.)
        for w in ["办事处", "办"] {
            if rest[e..].starts_with(w) && rest[..e].ends_with("街道") {
                e += w.len();
                break;
            }
        }
        // A village after its town (`西坪镇尧山村`) is the same place.
        let piece = &rest[..e];
        let town_village = count > 0 && piece.ends_with('村') && !piece.contains(['镇', '乡']);
        if !town_village || count == 0 {
            count += 1;
        }
        rest = &rest[e..];
    }
    count
}

/// The grades of a four-grade evaluation standard starting at `k` (`优 | 良 | 中 | 差`, one
/// per cell, or glued `优良中差`): how many, and the token after them.
fn graded_target(tokens: &[Token], k: usize) -> Option<(usize, usize)> {
    const GRADES: [&str; 4] = ["优", "良", "中", "差"];
    let grade_words = |text: &str| -> Option<usize> {
        let k = key(text);
        let mut rest: &str = &k;
        let mut n = 0;
        while !rest.is_empty() {
            let g = GRADES.iter().find(|g| rest.starts_with(**g))?;
            rest = &rest[g.len()..];
            rest = rest.strip_prefix("秀").or_else(|| rest.strip_prefix("好")).unwrap_or(rest);
            n += 1;
        }
        Some(n)
    };
    let mut n = 0;
    let mut j = k;
    while j < tokens.len() && n < 4 {
        let t = &tokens[j];
        if t.is_empty() {
            j += 1;
            continue;
        }
        if j > k && t.brk == Break::Row {
            break;
        }
        match grade_words(&t.text) {
            Some(g) if g > 0 && n + g <= 4 => n += g,
            _ => break,
        }
        j += 1;
    }
    (n >= 3).then_some((n, j))
}

/// A two-row header flattened upper row first: `年度指标值 | 实际完成值 | 分值 | 得分 | 一级指标
/// | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位`. The levels (merged over both rows)
/// stand first in the table; the lower row's value columns are the sub-columns of the upper
/// row's 指标值; the upper row's other columns follow.
fn upper_row_first(columns: Vec<Column>) -> Vec<Column> {
    use Column::*;
    let is_level = |c: &Column| matches!(c, Level1 | Level2 | Level3);
    let Some(f) = columns.iter().position(is_level) else {
        return columns;
    };
    let upper = &columns[..f];
    let valueish = |c: &Column| matches!(c, Target | Actual | Weight | Score | Deviation | Ignored);
    if upper.len() < 2 || !upper.iter().all(valueish) || !upper.contains(&Target) {
        return columns;
    }
    let lower = &columns[f..];
    let levels = lower.iter().take_while(|c| is_level(c)).count();
    let (lower_levels, subs) = lower.split_at(levels);
    if subs.is_empty() || !subs.contains(&Target) {
        return columns;
    }
    let mut out: Vec<Column> = lower_levels.to_vec();
    for c in upper {
        if *c == Target {
            out.extend_from_slice(subs);
        } else {
            out.push(*c);
        }
    }
    out
}

/// `一级 | 二级 | 三级 | 指标值 | 二级 | 三级 | 指标值` under `中期目标 | 年度目标`: two periods'
/// indicators side by side. The year's group is recorded, the other read past: the second
/// group unless the line above names 年度 first.
fn hide_other_period(model: &mut Model, tokens: &[Token], header: usize) {
    let Some((first, second)) = period_groups(&model.columns) else {
        return;
    };
    let cols = &model.columns;
    let above = &tokens[header.saturating_sub(30)..header];
    let goal = |t: &Token| t.text.contains("目标") || t.text.contains("指标");
    let year = above
        .iter()
        .position(|t| goal(t) && (t.text.contains("年度") || t.text.contains("当年")));
    let other = above.iter().position(|t| {
        goal(t)
            && ["中期", "长期", "实施期"]
                .iter()
                .any(|w| t.text.contains(w))
    });
    let year_first = matches!((year, other), (Some(y), Some(o)) if y < o);
    let hidden = if year_first {
        second..cols.len()
    } else {
        first..second
    };
    for h in &mut model.hidden[hidden] {
        *h = true;
    }
}

/// Where two periods' indicators stand side by side (`一级 | 二级 | 三级 | 指标值 | 二级 | 三级 |
/// 指标值`): the start of the first group and of the second (which runs to the end).
fn period_groups(cols: &[Column]) -> Option<(usize, usize)> {
    let (first, second) = [Column::Level2, Column::Level3].into_iter().find_map(|level| {
        let mut at = cols
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == level)
            .map(|(n, _)| n);
        Some((at.next()?, at.next()?))
    })?;
    cols[first..second].contains(&Column::Target).then_some((first, second))
}

/// A table of two periods side by side whose recorded period printed (nearly) no indicator
/// while the other did (a 申报表 that filled only its 中期 half): the model that records the other
/// period and leaves the empty one out, so rows are no longer joined to fill it.
fn filled_period(tokens: &[Token], grid: &Grid, model: &Model) -> Option<Model> {
    let (first, second) = period_groups(&model.columns)?;
    let groups = [first..second, second..model.columns.len()];
    let hidden = groups.iter().position(|g| g.clone().all(|k| model.is_hidden(k)))?;
    let value_cells = |row: &'_ GridRow, group: &std::ops::Range<usize>| -> Vec<usize> {
        row.cells
            .iter()
            .filter(|(c, range)| {
                group.contains(c)
                    && matches!(model.columns[*c], Column::Level3 | Column::Target)
                    && tokens[range.clone()].iter().any(|t| !t.is_empty())
            })
            .map(|(_, range)| range.start)
            .collect()
    };
    let shown = &groups[1 - hidden];
    let filled = grid.rows.iter().filter(|row| !value_cells(row, &groups[hidden]).is_empty()).count();
    // The empty period's columns pull cells of the next printed rows into them: those are
    // not its own (only cells of the row's own table row count).
    let own = grid
        .rows
        .iter()
        .filter(|row| {
            let Some(first) = row.cells.iter().map(|(_, r)| r.start).min() else {
                return false;
            };
            value_cells(row, shown)
                .into_iter()
                .any(|at| !tokens[first + 1..=at].iter().any(|t| t.brk == Break::Row))
        })
        .count();
    if own * 2 >= filled {
        return None;
    }
    let keep: Vec<usize> = (0..model.columns.len()).filter(|k| !shown.contains(k)).collect();
    let mut m = Model::new(keep.iter().map(|&k| model.columns[k]).collect());
    m.own_level1 = model.own_level1;
    m.results = model.results;
    for (n, &k) in keep.iter().enumerate() {
        m.hidden[n] = model.is_hidden(k) && !groups[hidden].contains(&k);
    }
    Some(m)
}

/// A cell that ends in the first column header after text glued before it
/// (`…以附件为准)一级指标`).
fn glued_header(text: &str) -> Option<Column> {
    if text.len() > 300 {
        return None;
    }
    // (The ending first: asked of every token a form's walk passes.)
    for word in ["一级指标", "绩效指标"] {
        if text.ends_with(word) && text.len() > word.len() {
            if period_heading(text).is_some() {
                return None;
            }
            return super::vocab::column(word);
        }
    }
    None
}

/// Whether `JX_DEBUG_GRID` asks for the grids on stderr: read once (the environment is
/// looked up under a lock, and this is asked for every row filed).
fn debug_grid() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("JX_DEBUG_GRID").is_some())
}

/// The first token after `start` that no table reaches past: a title, a note, a section
/// heading, a new header or a label that starts a new form, at the start of a row.
fn hard_stop(tokens: &[Token], start: usize) -> usize {
    let k = hard_stop_(tokens, start);
    if debug_grid() && k < tokens.len() {
        eprintln!("hard stop at {k}: {:?} {:?}", tokens[k].text, tokens[k].brk);
    }
    k
}

/// `长期绩效指标` / `年度绩效指标` standing before an indicator table (the 申报表 of
/// 财预〔2015〕88号 prints a long-term table, then the year's): which period the table is.
fn period_heading(text: &str) -> Option<Period> {
    // Asked of every token a table scan passes: the key only for text that may be one.
    if text.len() > 40 || !(text.contains("指标") || text.contains("指標")) {
        return None;
    }
    match key(text).as_ref() {
        "长期绩效指标" | "中长期绩效指标" | "实施期绩效指标" | "长期指标" => Some(Period::Long),
        "年度绩效指标" | "年度指标" => Some(Period::Year),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    Long,
    Year,
}

/// The period heading right before the header at `header`, if any.
fn period_before(tokens: &[Token], header: usize) -> Option<Period> {
    tokens[header.saturating_sub(3)..header]
        .iter()
        .rev()
        .filter(|t| !t.is_empty())
        .take(2)
        .find_map(|t| period_heading(&t.text))
}

fn hard_stop_(tokens: &[Token], start: usize) -> usize {
    let limit = (start + MAX_TABLE_TOKENS).min(tokens.len());
    let mut k = start;
    while k < limit {
        let t = &tokens[k];
        // The next period's table (`…年度绩效指标一级指标二级指标…`), glued or not.
        if k > start && period_heading(&t.text).is_some() {
            let next = (k + 1..limit).find(|&n| !tokens[n].is_empty());
            if next.is_some_and(|n| header_at(tokens, n).is_some()) {
                return k;
            }
        }
        if k > start
            && t.brk == Break::Row
            && t.table
            && tokens[k - 1].table
            && tokens[k - 1].block != t.block
            // A table broken by blank rows goes on with its level rows.
            && !t.class.is_level()
        {
            return k;
        }
        // Out of a printed table into running text.
        if k > start && tokens[k - 1].table && !t.cell {
            return k;
        }
        // A line that reads as a title or section heading once joined (`2、7.28 …绩效目标表`).
        if k > start && t.brk >= Break::Line && !t.cell {
            let e = row_end(tokens, k);
            if e > k + 1 {
                let line = join(&tokens[k..e]);
                let s = squeezed(&line);
                if is_table_title(&s) || super::vocab::section_heading(&line).is_some() {
                    return k;
                }
            }
        }
        // A table's title glued into the text (`…百分比省级部门预算项目支出绩效目标表2023年度…`)
        // starts the next table.
        if k > start && t.brk == Break::Glue && !t.cell && is_table_title(&squeezed(&t.text)) {
            return k;
        }
        // A report's numbered heading on a line of its own after a table printed cell by
        // cell (`(三)存在的问题和原因`); a level's heading (`(一)产出指标`) goes on.
        if k > start
            && t.brk >= Break::Line
            && !t.cell
            && !t.class.is_level()
            && !t.class.level_like
            && t.text.chars().count() >= 6
            && super::tokens::bracketed_numeral(&t.text)
            && tokens[start..k].iter().filter(|u| u.cell).count() >= 4
        {
            return k;
        }
        // A report's numbered heading glued after the last value (`…100%(二)項目財務…`).
        if k > start
            && t.brk == Break::Glue
            && !t.cell
            && t.text.chars().count() >= 6
            && super::tokens::bracketed_numeral(&t.text)
        {
            return k;
        }
        // So does what follows a table run on after its last row, glued or space-separated
        // (`总分100…`, `合计100`, `备注:`, `填表人`).
        if k > start && t.brk < Break::Line && !t.cell && t.class.stop {
            return k;
        }
        if t.brk >= Break::Line && k > start {
            let c = &t.class;
            let form_label = matches!(
                c.label,
                Some(Label::Name | Label::Code | Label::Department | Label::Goals)
            ) && c
                .header
                .is_none_or(|h| !matches!(h, Column::Level3 | Column::Target));
            if c.stop || form_label || header_at(tokens, k).is_some() {
                return k;
            }
        }
        k += 1;
    }
    limit
}

impl Walk<'_> {
    fn start(&mut self, r: &mut Reader) {
        if !self.draft.started {
            self.draft.started = true;
            self.draft.title = r.title.take();
            if self
                .draft
                .title
                .as_ref()
                .is_some_and(|t| department_wide_title(&t.value))
            {
                self.draft.department_wide = true;
            }
            if self.draft.project.at == Origin::default() {
                self.draft.project.at = Origin::line(self.tokens.first().map_or(0, |t| t.line));
            }
        }
    }

    /// `单位名称(项目类别/支出项目)` among `单位编码 | … | 年度预算安排 | 项目内容 | 绩效目标`: a
    /// budget system's tree (安徽) printed one cell per paragraph — the department and its
    /// amount, each unit (code, name, amount), each project category (`其他运转类`, amount)
    /// and each project (the unit's code, the project's name, amount), the project's 概况, goals
    /// and `【产出指标-数量指标】` lists below it. The header is read past (its `绩效目标` is no
    /// label); the amounts are in 元 when any is a whole number of seven digits or more.
    fn tree_header(&mut self, i: usize) -> Option<usize> {
        let toks = self.tokens;
        // (The bracket is the point here: `key` would drop it.) `单位编码` may come first.
        let is_header = |t: &Token| {
            // (No `称`, no `单位名称`: asked at every token, most are not squeezed.)
            if !t.text.contains('称') {
                return false;
            }
            let k = squeezed(&t.text);
            k.len() <= 90 && k.contains("单位名称") && (k.contains("支出项目") || k.contains("项目类别"))
        };
        let at = (i..toks.len().min(i + 3)).find(|&k| is_header(&toks[k]))?;
        let before_is_header = toks[i..at].iter().all(|t| {
            t.is_empty() || t.class.header.is_some() || key(&t.text).ends_with("编码")
        });
        if !before_is_header {
            return None; // the row before (a title) is read first
        }
        let mut next = at + 1;
        while next < toks.len() && next < at + 12 {
            let t = &toks[next];
            let kt = key(&t.text);
            let header_word = t.is_empty()
                || t.class.header.is_some()
                || t.class.label.is_some()
                || ["预算", "项目内容", "绩效目标"].iter().any(|w| kt.contains(w)) && t.class.chars <= 8;
            if !header_word {
                break;
            }
            next += 1;
        }
        let yuan = toks[next..].iter().take(4000).any(|t| {
            let s = trim(&t.text);
            s.len() >= 7 && s.len() <= 13 && s.bytes().all(|b| b.is_ascii_digit())
        });
        self.tree = Some(if yuan { AmountUnit::Yuan } else { AmountUnit::WanYuan });
        Some(next)
    }

    /// A self-evaluation's total row after its indicators (`总分 | 100 | 98`, glued
    /// `总分10098`): the printed 分值 and 得分 of the project. The row is then read as any
    /// (it ends the table above).
    fn total_row(&mut self, i: usize, j: usize) -> Option<usize> {
        let toks = self.tokens;
        if !self.self_eval || self.draft.project.indicators.is_empty() {
            return None;
        }
        // `总分` anywhere in the row (`其他需要说明事项 | 无 | 总分 | 100 | 96 | 优`), a sum's
        // word at its start.
        let (i, rest) = (i..j).find_map(|k| {
            let t = squeezed(&toks[k].text);
            let words = if k == i { &["总分", "合计", "总计"][..] } else { &["总分"][..] };
            let rest = words.iter().find_map(|w| t.strip_prefix(w))?;
            Some((k, rest.trim_start_matches([':', '：']).to_string()))
        })?;
        let rest = rest.as_str();
        let number = |s: &str| -> Option<Decimal> {
            let s = trim(s);
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
                .then(|| s.parse().ok())
                .flatten()
        };
        let mut nums: Vec<(Decimal, Origin)> = Vec::new();
        let at = Origin::cell(toks[i].line, toks[i].col);
        if !rest.is_empty() {
            // `总分10098`: the 分值 100 glued to the 得分.
            let glued = rest.len() > 3 && rest.starts_with("100") && !rest.starts_with("100.");
            match number(rest) {
                Some(_) if glued => {
                    let score = number(&rest[3..])?;
                    nums.push((Decimal::from(100), at));
                    nums.push((score, at));
                }
                Some(n) => nums.push((n, at)),
                None => return None,
            }
        }
        let mut grade = None;
        for t in &toks[i + 1..j] {
            if t.is_empty() {
                continue;
            }
            match number(&t.text) {
                Some(n) if nums.len() < 2 => nums.push((n, Origin::cell(t.line, t.col))),
                _ => {
                    // The grade printed after the score (`优`, `良好`, `合格`).
                    let g = trim(&t.text);
                    if ["优", "优秀", "良", "良好", "中", "合格", "差", "不合格", "较差"].contains(&g) {
                        grade = Some(Located::new(g.to_string(), Origin::cell(t.line, t.col)));
                    }
                    break;
                }
            }
        }
        let (points, score) = match nums[..] {
            [p, s] => (Some(p), Some(s)),
            [s] => (None, Some(s)),
            _ => return None,
        };
        if score.is_some_and(|(s, _)| s > Decimal::from(100)) {
            return None;
        }
        let e = self.draft.project.evaluation.get_or_insert_with(Default::default);
        if e.total_score.is_none() {
            e.total_points = points.map(|(d, at)| Located::new(d, at));
            e.total_score = score.map(|(d, at)| Located::new(d, at));
            if e.grade.is_none() {
                e.grade = grade;
            }
        }
        None
    }

    /// The tree row (`tree_header`) that starts at `i`, if one does.
    fn tree_row_at(&self, i: usize) -> Option<TreeRow> {
        let toks = self.tokens;
        let unit = self.tree?;
        // The next non-empty tokens, each a paragraph or cell of its own.
        let mut cells = Vec::with_capacity(3);
        let mut k = i;
        while k < toks.len() && cells.len() < 3 {
            let t = &toks[k];
            if !t.is_empty() {
                if t.brk < Break::Cell {
                    break;
                }
                cells.push(k);
            }
            k += 1;
        }
        let text = |n: usize| trim(&toks[cells[n]].text);
        let place = |n: usize| Origin::cell(toks[cells[n]].line, toks[cells[n]].col);
        let is_code = |s: &str| (3..=12).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        let amount = |n: usize| {
            let s = text(n);
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b','))
                .then(|| money(&Located::new(s.to_string(), place(n)), unit))
                .flatten()
        };
        let name_like = |n: usize| {
            let t = &toks[cells[n]];
            let s = text(n);
            !s.is_empty()
                && s.chars().count() <= 60
                && !s.starts_with(['【', '[', '〔'])
                && !s.contains(['。', ':', '：'])
                && !is_code(s)
                && t.class.label.is_none()
                && t.class.header.is_none()
                && !t.class.is_level()
        };
        if cells.len() == 3 && is_code(text(0)) && name_like(1) {
            if let Some(total) = amount(2) {
                let end = cells[2] + 1;
                return Some(if super::vocab::is_org_name(text(1)) {
                    TreeRow::Unit {
                        code: Located::new(text(0).to_string(), place(0)),
                        name: text(1).to_string(),
                        end,
                    }
                } else {
                    TreeRow::Project {
                        name: Located::new(text(1).to_string(), place(1)),
                        total,
                        end,
                    }
                });
            }
        }
        // A department's or a category's sum (`黄山市公安局 | 92156434`, `其他运转类 | 1681680`).
        if cells.len() >= 2 && name_like(0) && text(0).chars().count() <= 20 && amount(1).is_some() {
            return Some(TreeRow::Sum { end: cells[1] + 1 });
        }
        None
    }

    /// Reads the tree row starting at `i` (`tree_row_at`): a unit is filed as the budget unit
    /// of the projects below it (and gives the department its code when it is the
    /// department), a project starts (the one above ends), a sum is read past.
    fn tree_row(&mut self, r: &mut Reader, i: usize) -> Option<usize> {
        match self.tree_row_at(i)? {
            TreeRow::Unit { code, name, end } => {
                if let Some(u) = BudgetUnit::parse(&format!("{}{name}", code.value), code.at) {
                    r.add_unit(u);
                }
                if r.doc.department_code.is_none()
                    && r.doc.department.as_ref().is_some_and(|d| squeezed(&d.value) == squeezed(&name))
                {
                    r.doc.department_code = Some(code);
                }
                Some(end)
            }
            TreeRow::Project { name, total, end } => {
                self.finish(r);
                self.draft.project.name = name;
                self.draft.project.budget.total = Some(total);
                self.draft.name_label = true;
                self.start(r);
                Some(end)
            }
            TreeRow::Sum { end } => Some(end),
        }
    }

    /// Where a table read from `start` must end at the latest: at the next tree row, under
    /// a tree (the next project's row follows the last indicator list).
    fn stop_at_tree_row(&self, start: usize, stop: usize) -> usize {
        if self.tree.is_none() {
            return stop;
        }
        (start..stop)
            .find(|&k| {
                let t = &self.tokens[k];
                !t.is_empty() && t.brk >= Break::Cell && self.tree_row_at(k).is_some()
            })
            .unwrap_or(stop)
    }

    /// Ends the project being read and files it.
    fn finish(&mut self, r: &mut Reader) {
        let d = std::mem::take(&mut self.draft);
        self.expect = Expect::Nothing;
        self.funds = None;
        if !d.started {
            return;
        }
        let content = d.has_content();
        let mut p = d.project;
        if p.goals.is_empty() && !p.indicators.is_empty() {
            p.goals = d.multi_year_goals;
        }
        actual_clauses(&mut p.indicators);
        // A 年度财政资金总额 with no 其中 row splitting it: fiscal as a whole.
        if d.fiscal_total && p.budget.fiscal.is_none() {
            p.budget.fiscal = p.budget.total.clone();
        }
        // A total printed as the sum of its parts only: the parts' sum, where they are the
        // fiscal money and the rest (其他资金 printed, or nothing else printed at all).
        if d.total_unfilled && p.budget.total.is_none() {
            if let Some(fiscal) = &p.budget.fiscal {
                let other = p.budget.other.as_ref().map_or(Money::wan(Decimal::ZERO), |o| o.value);
                p.budget.total = Some(Located::new(fiscal.value + other, fiscal.at));
            }
        }
        let notice = std::mem::take(&mut self.notice);
        if r.stated_year.is_none() {
            r.stated_year = notice.year.clone();
        }
        if !d.name_label && !p.indicators.is_empty() {
            // A report or form titled after its project (`…2022年衔接资金项目绩效自评报告`)
            // is named by its title, not by what its text says the money was used for.
            let titled = d.title.as_ref().is_some_and(|t| {
                (t.value.contains("报告") || t.value.ends_with('表'))
                    && !name_from_title(&t.value).is_empty()
            });
            if let Some(n) = notice.name.filter(|_| !titled) {
                if p.name.value.is_empty() {
                    p.name = n;
                }
            }
            if p.budget.total.is_none() {
                p.budget.total = notice.total;
            }
            if p.goals.is_empty() {
                p.goals = notice.goals;
            }
        }
        let form_named = d.name_label && d.descriptor_labels >= 2;
        if p.indicators.is_empty() && p.goals.is_empty() && !content && p.unit.is_none() && !form_named {
            return; // a name alone (a 项目名称 column of some other table) is no project
        }
        // `820-马踏镇部门 | 8827620.53`: a department's subtotal row in a list of projects,
        // with no goal and no indicator of its own, is no project.
        if p.indicators.is_empty() && p.goals.is_empty() && p.purpose.is_none() {
            let name = p.name.value.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
            if ["部门", "(部门)", "（部门）"].iter().any(|e| name.trim_end().ends_with(e)) {
                return;
            }
        }
        // `51000021R000000019951-工资性支出`: the project's code printed before its name.
        if p.code.is_none() {
            if let Some((code, name)) = leading_project_code(&p.name.value) {
                let at = p.name.at;
                p.code = Some(Located::new(code.to_string(), at));
                p.name = Located::new(name.to_string(), at);
            }
        }
        if d.department_wide && p.name.value.is_empty() {
            r.doc.department_indicators.extend(p.indicators);
            // The form's 年度绩效目标 is the department's overall goal when no narrative says it.
            if r.doc.overall_goals.is_empty() {
                r.doc.overall_goals = p.goals;
            }
            return;
        }
        if p.name.value.is_empty() {
            let from_title = d
                .title
                .as_ref()
                .map(|t| (name_from_title(&t.value), t.at))
                .filter(|(n, _)| !n.is_empty());
            match (from_title, r.doc.projects.last_mut()) {
                (Some((name, at)), _) => p.name = Located::new(name, at),
                // A table without title or name continues the project above it (a form
                // split over pages, or its indicator grid printed as a table of its own).
                (None, Some(last)) if p.code.is_none() && d.title.is_none() => {
                    last.goals.extend(p.goals);
                    last.indicators.extend(p.indicators);
                    return;
                }
                (None, _) if p.indicators.is_empty()
                    && p.code.is_none()
                    && p.budget.total.is_none()
                    && p.budget.fiscal.is_none()
                    && p.budget.other.is_none() =>
                {
                    // Goals alone, with no name, code, amount or indicator: no project (a
                    // page's furniture that said 项目绩效目标, or a form whose table could
                    // not be read). They stand as the document's goals, so that what was
                    // recognised is kept, where no narrative states those.
                    r.note(
                        Severity::Info,
                        p.at,
                        "只有绩效目标、没有项目名称、金额和指标的内容不作为项目",
                    );
                    if r.doc.overall_goals.is_empty() {
                        r.doc.overall_goals = p.goals;
                    }
                    return;
                }
                (None, _) => r.note(Severity::Warning, p.at, "项目表没有项目名称"),
            }
        }
        if p.unit.is_none() {
            p.unit = r.unit.clone();
        }
        r.doc.projects.push(p);
    }

    /// An indicator table with a header: rows from `start` on.
    fn grid(&mut self, r: &mut Reader, start: usize, model: &Model) -> usize {
        self.start(r);
        self.expect = Expect::Nothing;
        let stop = self.stop_at_tree_row(start, hard_stop(self.tokens, start));
        let mut grid = align(self.tokens, start, stop, model, &self.width);
        let filled;
        let mut model = model;
        if let Some(m) = filled_period(self.tokens, &grid, model) {
            grid = align(self.tokens, start, stop, &m, &self.width);
            filled = m;
            model = &filled;
        }
        // A self-evaluation whose header lost its 得分 cell (merged above, cut off) still
        // prints a score after each row's result: a trailing score column is tried.
        let wider;
        if model.columns.contains(&Column::Actual)
            && !model
                .columns
                .iter()
                .any(|c| matches!(c, Column::Score | Column::Weight))
        {
            let mut m = model.clone();
            m.columns.push(Column::Score);
            m.hidden.push(false);
            let g = align(self.tokens, start, stop, &m, &self.width);
            if g.score > grid.score + 3.0 {
                grid = g;
                wider = m;
                model = &wider;
            }
        }
        if debug_grid() {
            eprintln!(
                "grid {:?} {start}..{stop} -> end {} score {} rows {}",
                model.columns,
                grid.end,
                grid.score,
                grid.rows.len()
            );
        }
        if !grid.rows.is_empty() {
            note_printed(r, &model.columns);
        }
        if let Some(line) = self
            .cut_name_at_text_end(&mut grid, model)
            .or_else(|| self.row_cut_at_text_end(&grid, model))
        {
            // (Once: a table may be searched again with another model.)
            if r.doc.cut_short_at.replace(Origin::line(line)).is_none() {
                r.note(
                    Severity::Warning,
                    Origin::line(line),
                    "文本在这一行指标中间结束，其指标值及以后的内容不在文件中：请检查文件是否完整（是否只复制或保存了一部分）",
                );
            }
        }
        self.file_rows(r, &grid, model);
        grid.end.max(start)
    }

    /// A text cut short inside a table (a page's excerpt, a preview) may end with the first
    /// characters of the next row's name on a line of their own (`开展质`, `总建`) after the
    /// last complete row: that row, its 三级指标 as printed and nothing more, whether the
    /// table search left the fragment out or took it into the last row's trailing column.
    /// Returns the fragment's line when it made that row.
    fn cut_name_at_text_end(&self, grid: &mut Grid, model: &Model) -> Option<u32> {
        // (The recorded half's where a table prints two periods side by side.)
        let Some(l3) = (0..model.columns.len())
            .rev()
            .find(|&c| model.columns[c] == Column::Level3 && !model.is_hidden(c))
        else {
            return None;
        };
        let Some(last) = self.tokens.iter().rposition(|t| !t.is_empty()) else { return None };
        let t = &self.tokens[last];
        let text = trim(&t.text);
        let n = text.chars().count();
        let fragment = t.brk >= Break::Line
            && !t.cell
            && (1..=24).contains(&n)
            && !text.contains(['。', '：', ':', '；', ';', '，', ',', '】', '[', '【', ']'])
            && !t.class.stop
            && t.class.label.is_none()
            && t.class.header.is_none()
            && !t.class.is_level()
            && t.class.target == Shape::No
            && !t.class.description
            && !t.class.basis
            && super::class::target_shape(text) == Shape::No
            && !starts_a_level_name(text);
        if !fragment {
            return None;
        }
        // The rows above it: a table's rows of cells (a pipe or one-cell-per-line table).
        let Some(row) = grid.rows.last() else { return None };
        let filled = |rg: &std::ops::Range<usize>| self.tokens[rg.clone()].iter().any(|t| !t.is_empty());
        let cells_before = row
            .cells
            .iter()
            .filter(|(_, rg)| rg.end <= last && filled(rg))
            .filter(|(_, rg)| self.tokens[rg.clone()].iter().all(|t| t.cell || t.is_empty() || t.brk >= Break::Line))
            .count();
        if cells_before < 2 || !row.cells.iter().any(|(c, _)| model.columns[*c] == Column::Level3) {
            return None;
        }
        if grid.end <= last {
            // Left out: only empty tokens between the table's end and the fragment.
            if self.tokens[grid.end..last].iter().any(|t| !t.is_empty()) {
                return None;
            }
        } else {
            // Taken into the last row: as its last cell, alone, in a column after the values,
            // a line of text after a row of table cells (where lines are the cells, the last
            // line is the row's last cell: `个别栏舍返工` under 偏差原因).
            let Some(&(c, ref rg)) = row.cells.last() else { return None };
            let row_of_cells = row
                .cells
                .iter()
                .filter(|(_, rg)| rg.end <= last && filled(rg))
                .all(|(_, rg)| self.tokens[rg.start].cell);
            if *rg != (last..last + 1)
                || !row_of_cells
                || !matches!(model.columns[c], Column::Deviation | Column::Basis | Column::Description | Column::Ignored)
            {
                return None;
            }
            grid.rows.last_mut().expect("a last row").cells.pop();
        }
        grid.rows.push(GridRow {
            cells: vec![(l3, last..last + 1)],
        });
        grid.end = grid.end.max(last + 1);
        Some(t.line)
    }

    /// The line of the table's last row when the text ends inside it, before its value: its
    /// last printed cell is the text's last, in a column before the target's (`可持续影响指标 |
    /// 实现建设总目标控制程度` and nothing after). The value was never in the text, not left
    /// blank: a blank cell would have been printed (`| |`) or the text would go on.
    fn row_cut_at_text_end(&self, grid: &Grid, model: &Model) -> Option<u32> {
        let last = self.tokens.iter().rposition(|t| !t.is_empty())?;
        let row = grid.rows.last()?;
        let filled =
            |rg: &std::ops::Range<usize>| self.tokens[rg.clone()].iter().any(|t| !t.is_empty());
        let (col, rg) = row.cells.iter().rfind(|(_, rg)| filled(rg))?;
        let target = (0..model.columns.len())
            .find(|&c| model.columns[c] == Column::Target && !model.is_hidden(c))?;
        // The row on lines of its own (a text glued into one line has no rows to tell apart).
        let line = self.tokens[row.cells[0].1.start].line;
        let above = grid.rows.len().checked_sub(2).map(|i| &grid.rows[i]);
        let own_line = above.is_none_or(|a| {
            a.cells
                .iter()
                .all(|(_, rg)| rg.clone().all(|k| self.tokens[k].line < line))
        });
        // A blank cell printed after it (`| |`) is a value left blank, not one cut off.
        let row_ends_there = self.tokens[last + 1..]
            .iter()
            .all(|t| t.line != self.tokens[last].line);
        (rg.contains(&last) && *col < target && own_line && row_ends_there).then_some(line)
    }

    /// Whether the nearest heading line before token `start` (within a few lines) announces a
    /// report's targets: `(四)绩效目标`, `项目绩效目标:` — not `绩效目标完成情况`, not a
    /// section about results.
    fn under_target_heading(&self, start: usize) -> bool {
        let line = self.tokens[start].line;
        for t in self.tokens[..start].iter().rev() {
            if t.line + 8 < line {
                return false;
            }
            if t.brk < Break::Line || t.text.chars().count() > 16 {
                continue;
            }
            let (rest, _) = jixiao_model::text::strip_enumerator(trim(&t.text));
            let rest = rest.trim_end_matches([':', '：']);
            if ["绩效目标", "项目绩效目标", "年度绩效目标", "预期绩效目标"].contains(&rest) {
                return true;
            }
            if rest.contains("完成") || rest.contains("情况") || rest.contains("实现") {
                return false;
            }
        }
        false
    }

    /// An indicator table printed without header, starting at a level name: the usual
    /// layouts are tried and the best reading kept.
    fn headerless(&mut self, r: &mut Reader, start: usize) -> Option<usize> {
        // Without a header, only a full level name (`产出指标`, `一、数量指标`) starts a
        // table: a bare `数量` is a word of some other table.
        let first = &self.tokens[start];
        // (`数量目标`: the levels as 福建's reports name them.)
        if !(first.text.contains("指标")
            || first.text.contains("指標")
            || super::tokens::template_numbered(&first.text)
            || first.text.ends_with('值')
            || (first.class.is_level() && first.text.ends_with("目标")))
        {
            return None;
        }
        let stop = self.stop_at_tree_row(start, hard_stop(self.tokens, start));
        // A report's lists print results, a target sometimes before them (`完成道路建设491米,
        // 已完成`).
        let candidates = if self.report {
            use Column::*;
            // Under a heading that announces the targets (`(四)绩效目标`, not `…完成情况`), a
            // report's items are what was set, not what was done (an ex-ante 评价报告).
            let m = if self.under_target_heading(start) {
                Model::new(vec![Level1, Level2, Level3, Target])
            } else {
                let mut m = Model::new(vec![Level1, Level2, Level3, Target, Actual]);
                m.results = true;
                m
            };
            // (A report may print its table too: `… | ≤ | 101400 | 元 | 5`.)
            let mut c = vec![m];
            c.extend(
                [
                    vec![Level1, Level2, Level3, Operator, Target, Unit, Weight],
                    vec![Level1, Level2, Level3, Operator, Target, Unit, Actual, Weight],
                ]
                .into_iter()
                .map(Model::new),
            );
            c
        } else if self.self_eval {
            // A self-evaluation whose header was scrambled away prints its rows in the
            // usual order: name, target, actual, then weight and score.
            use Column::*;
            let mut c = Model::candidates();
            c.extend(
                [
                    vec![Level1, Level2, Level3, Target, Actual, Weight, Score],
                    vec![Level1, Level2, Level3, Weight, Target, Actual, Score],
                    vec![Level1, Level2, Level3, Operator, Target, Unit, Actual, Weight],
                    vec![Level1, Level2, Level3, Operator, Target, Unit, Actual, Weight, Score],
                ]
                .into_iter()
                .map(Model::new),
            );
            c
        } else {
            Model::candidates()
        };
        let best = candidates
            .into_iter()
            .map(|m| {
                let g = align(self.tokens, start, stop, &m, &self.width);
                (g, m)
            })
            .max_by(|a, b| a.0.score.total_cmp(&b.0.score))?;
        let (grid, model) = best;
        // Rows with a value that reads as one, or (in an indentation tree) that stands on a
        // line of its own deeper than its name, whatever it says (`暂定量按15次作业…测算`).
        let indent_of = |row: &GridRow, col: Column| {
            row.cell(&model, col)
                .map(|(_, range)| &self.tokens[range.start])
                .filter(|t| t.brk >= Break::Line)
                .map(|t| t.indent)
        };
        let indicators = grid
            .rows
            .iter()
            .filter(|row| {
                let valued = row.cells.iter().any(|(c, range)| {
                    matches!(model.columns[*c], Column::Target | Column::Actual)
                        && self.tokens[range.clone()]
                            .iter()
                            .any(|t| t.full().target != Shape::No)
                });
                let deeper = matches!(
                    (indent_of(row, Column::Level3), indent_of(row, Column::Target)),
                    (Some(name), Some(value)) if value > name
                );
                // A report's item that says what was done under its level (`file_rows`).
                let done = model.results
                    && row.cell(&model, Column::Level2).is_some()
                    && row
                        .cell(&model, Column::Level3)
                        .is_some_and(|(_, rg)| result_sentence(&join(&self.tokens[rg.clone()])));
                valued || deeper || done
            })
            .count();
        if indicators == 0 || grid.score < 6.0 {
            return None;
        }
        self.start(r);
        self.expect = Expect::Nothing;
        note_printed(r, &model.columns);
        self.file_rows(r, &grid, &model);
        Some(grid.end.max(start + 1))
    }

    fn located(&self, range: &std::ops::Range<usize>) -> Option<Located<String>> {
        let toks = &self.tokens[range.clone()];
        let text = join(toks);
        let text = trim(&text).to_string();
        let first = toks.iter().find(|t| !t.is_empty())?;
        (!text.is_empty()).then(|| Located::new(text, Origin::cell(first.line, first.col)))
    }

    /// Turns a table's rows into the draft's indicators (and projects, where the table has
    /// project columns).
    fn file_rows(&mut self, r: &mut Reader, grid: &Grid, model: &Model) {
        for &k in &grid.skipped {
            let t = &self.tokens[k];
            r.note(
                Severity::Info,
                Origin::cell(t.line, t.col),
                format!("{}：{}", crate::report::NOT_UNDERSTOOD, trim(&t.text)),
            );
        }
        let mut levels = Levels::default();
        let mut first_new = self.draft.project.indicators.len();
        let rows = listed_names_merged(self.tokens, &grid.rows, model);
        let rows = if model.columns.contains(&Column::Target) {
            complete_lines_split(self.tokens, rows, model)
        } else {
            rows
        };
        let rows = names_in_no_column(rows, model);
        for (ri, row) in rows.iter().enumerate() {
            if debug_grid() {
                let cells: Vec<String> = row
                    .cells
                    .iter()
                    .map(|(c, rg)| {
                        format!("{:?}={}", model.columns[*c], join(&self.tokens[rg.clone()]))
                    })
                    .collect();
                eprintln!("row: {}", cells.join(" | "));
            }
            let mut cells: Vec<(Column, Located<String>)> = Vec::new();
            // A row of a two-period table that printed only the other period's half (cut by
            // the excerpt's end before the year's): its cells stand for the year's columns.
            let visible = |c: usize| {
                (0..model.columns.len()).find(|&v| model.columns[v] == model.columns[c] && !model.is_hidden(v))
            };
            let half_only = !row.cells.is_empty()
                && row.cells.iter().any(|(c, _)| model.is_hidden(*c))
                && row.cells.iter().all(|(c, _)| !model.is_hidden(*c) || visible(*c).is_some())
                && row
                    .cells
                    .iter()
                    .filter(|(c, _)| model.is_hidden(*c))
                    .all(|(c, _)| !row.cells.iter().any(|(v, _)| Some(*v) == visible(*c)))
                && row.cells.iter().any(|(c, _)| model.is_hidden(*c) && model.columns[*c] == Column::Level3)
                && ri + 1 == rows.len();
            for (c, range) in &row.cells {
                let c = &if half_only && model.is_hidden(*c) { visible(*c).unwrap_or(*c) } else { *c };
                if model.is_hidden(*c) {
                    continue;
                }
                // Column names left among the rows (`二级指标 三级指标`, `分值 得分` of a
                // header scrambled into the data) are no cell's content.
                let toks = &self.tokens[range.clone()];
                if toks.iter().any(|t| !t.is_empty())
                    && toks
                        .iter()
                        .filter(|t| !t.is_empty())
                        .all(|t| {
                            !t.class.is_level()
                                && matches!(
                                    t.class.header,
                                    Some(Column::Level1 | Column::Level2 | Column::Level3 | Column::Weight | Column::Score)
                                )
                        })
                {
                    continue;
                }
                if let Some(mut l) = self.located(range) {
                    // `指标2:` alone: an empty row of the template, numbered and never filled.
                    if super::tokens::template_numbered(&l.value)
                        && l.value.trim_end_matches([':', '：']).ends_with(|c: char| c.is_ascii_digit())
                    {
                        continue;
                    }
                    // Running text (a report's lists): the sentence's punctuation is no
                    // part of a cell (`数量指标。`, `94件;`), nor a level's report wording.
                    if self.report && !self.tokens[range.start].cell {
                        l.value = prose_cell(model.columns[*c], &l.value);
                    }
                    cells.push((model.columns[*c], l));
                }
            }
            // `004 >=`: the system's code before the operator is no part of the value.
            for (c, l) in cells.iter_mut() {
                if *c == Column::Operator {
                    if let Some(op) = super::class::coded_operator(&l.value) {
                        l.value = op.to_string();
                    } else if let Some(op) = super::class::placeheld_operator(&l.value) {
                        // `-定量`: an empty unit's `-` glued before the kind of value.
                        l.value = op.to_string();
                    }
                }
            }
            // The table's last row cut by the excerpt's end (`成本指标 | 气`, `社会效益指标 满`):
            // its levels and the start of what comes next after them, the name, which the
            // table prints before any value. A lone text that is no value (no figure, no
            // value's shape, no explanation) is that name, not a target or an explanation.
            if ri + 1 == rows.len() && model.columns.contains(&Column::Level3) {
                let others: Vec<usize> = (0..cells.len())
                    .filter(|&k| !matches!(cells[k].0, Column::Level1 | Column::Level2))
                    .collect();
                if let [k] = others[..] {
                    let text = trim(&cells[k].1.value);
                    let class = super::class::classify(text);
                    if matches!(cells[k].0, Column::Target | Column::Description | Column::Actual | Column::Basis)
                        && cells.iter().any(|(c, _)| matches!(c, Column::Level1 | Column::Level2))
                        && !text.is_empty()
                        && !text.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
                        && super::class::target_shape(text) == Shape::No
                        && !class.description
                        && !class.basis
                        && !class.is_level()
                    {
                        cells[k].0 = Column::Level3;
                    }
                }
            }
            // `22.8 | 22.8 | 1` under 年度指标值 | 实际完成值 | 权重 | 得分: a bare figure the
            // same as the target right after it is the actual (met as planned), not the row's
            // weight, though both fit a number.
            if model.columns.contains(&Column::Actual) && !cells.iter().any(|(c, _)| *c == Column::Actual) {
                let at = |k: Column| cells.iter().position(|(c, _)| *c == k);
                if let (Some(t), Some(w)) = (at(Column::Target), at(Column::Weight)) {
                    if w == t + 1 && trim(&cells[w].1.value) == trim(&cells[t].1.value) {
                        cells[w].0 = Column::Actual;
                    }
                }
            }
            let get = |k: Column| {
                let parts: Vec<&Located<String>> = cells
                    .iter()
                    .filter(|(c, _)| *c == k)
                    .map(|(_, l)| l)
                    .collect();
                let first = parts.first()?;
                let text: String = parts
                    .iter()
                    .map(|l| l.value.as_str())
                    .collect::<Vec<_>>()
                    .join("");
                Some(Located::new(text, first.at))
            };
            // Project columns: a grid with one row per indicator of many projects.
            if let Some(unit) = get(Column::UnitName) {
                if let Some(u) = unit_cell(&unit) {
                    r.add_unit(u);
                }
            }
            if let Some(name) = get(Column::ProjectName) {
                if self.draft.project.name.value != name.value {
                    if self.draft.has_content() || !self.draft.project.name.value.is_empty() {
                        let rows = first_new.min(self.draft.project.indicators.len());
                        backfill_level1(&mut self.draft.project.indicators[rows..]);
                        infer_lost_level1(&mut self.draft.project.indicators[rows..]);
                        infer_lost_level1(&mut self.draft.project.indicators[rows..]);
                        self.finish(r);
                        self.start(r);
                        first_new = 0;
                    }
                    levels = Levels::default();
                    let p = &mut self.draft.project;
                    p.name = name;
                    p.at = p.name.at;
                    p.code = get(Column::ProjectCode);
                    p.unit = r.unit.clone();
                    if let Some(a) = get(Column::Amount) {
                        p.budget.total = money(&a, r.amount_unit);
                    }
                    if let Some(g) = get(Column::Goals) {
                        for text in goals_of(&g.value) {
                            p.goals.push(Located::new(text, g.at));
                        }
                    }
                }
            }
            // Level headings of lists and prose (`一、产出指标`, `(一)数量指标:`) lose their
            // numbering and colon.
            let heading = |l: Located<String>| {
                let (t, _) = strip_enumerator(&l.value);
                let t = t.trim_end_matches([':', '：']).to_string();
                Located::new(t, l.at)
            };
            let mut l1 = get(Column::Level1).map(heading);
            let l2 = get(Column::Level2).map(heading);
            // A bare level-2 row (`成本指标` with no indicator; the name is a level 1 too)
            // before the next group's level 2 (`经济效益指标`): not that group's level 1.
            if let (Some(p1), Some(p2)) = (&l1, &l2) {
                if outside_level1(&p1.value, &p2.value) && jixiao_model::Level2::from_printed(&p1.value).is_some() {
                    l1 = None;
                }
            }
            let level3 = get(Column::Level3);
            let description = get(Column::Description);
            let basis = get(Column::Basis);
            let mut actual = get(Column::Actual);
            // A list item's closing punctuation (`≥95%;`) is not part of its value.
            let in_text = row
                .cells
                .iter()
                .any(|(c, rg)| model.columns[*c] == Column::Target && !self.tokens[rg.start].cell);
            // Joined as one writes a value: operator, number, unit (`米 | = | 3500` → `=3500米`).
            let rank = |c: &Column| match c {
                Column::Operator => 0,
                Column::Target => 1,
                _ => 2,
            };
            let mut parts: Vec<&(Column, Located<String>)> = cells
                .iter()
                .filter(|(c, _)| matches!(c, Column::Operator | Column::Target | Column::Unit))
                .collect();
            parts.sort_by_key(|(c, _)| rank(c));
            let target_parts: Vec<&str> = parts
                .iter()
                .map(|(_, l)| {
                    if in_text {
                        // A sentence's full stop stays with a value in words
                        // (`顺利接入，网络使用畅通。`), as printed.
                        let v = trim(l.value.trim_end_matches(['；', ';', '，', ',', '、']));
                        let bare = v.trim_end_matches('。');
                        if bare.chars().any(|c| c.is_ascii_digit()) || !bare.contains(['，', ',']) {
                            trim(bare)
                        } else {
                            v
                        }
                    } else {
                        l.value.as_str()
                    }
                })
                .collect();
            let target_at = cells
                .iter()
                .find(|(c, _)| *c == Column::Target)
                .or_else(|| {
                    cells
                        .iter()
                        .find(|(c, _)| matches!(c, Column::Operator | Column::Unit))
                })
                .map(|(_, l)| l.at);
            let mut joined = Target::join_parts(target_parts.iter().copied());
            // A form with a value column per place, its text glued: the places' equal values
            // run together after the operator (`≤100%100%`, `≥11` for two places that print
            // `100%` and `1`) are the one target.
            if model.per_place && !row.cells.iter().any(|(c, _)| model.columns[*c] == Column::Ignored) {
                let places = model.columns.iter().filter(|c| **c == Column::Ignored).count() + 1;
                let op = joined.chars().take_while(|c| "≥≤<>=≧≦＞＜＝﹥﹤﹦≈".contains(*c)).map(char::len_utf8).sum::<usize>();
                if let Some(one) = repeated(&joined[op..], places) {
                    joined = format!("{}{one}", &joined[..op]);
                }
            }
            let glued = row
                .cells
                .iter()
                .any(|(c, rg)| model.columns[*c] == Column::Target && self.tokens[rg.start].brk == super::tokens::Break::Glue);
            // A 自评表 whose 年度指标值 and 实际完成值 agree, printed in one cell with a space
            // between them (`完成维护 完成维护`): the two columns, not one value said twice.
            // Glued text runs the two figures together (`2020` → 20 | 20, `100%100%`).
            if actual.is_none() && model.columns.contains(&Column::Actual) {
                let twice = printed_twice(&joined).or_else(|| glued.then(|| glued_twice(&joined)).flatten());
                if let (Some(half), Some(at)) = (twice, target_at) {
                    let half = half.to_string();
                    actual = Some(Located::new(half.clone(), at));
                    joined = half;
                }
            }
            // `1 | 1 | 次` under 年度指标值 | 实际完成值 | 计量单位: the unit column after both
            // values serves both, so a bare figure of an actual takes it as the target does
            // (`1次`). (A unit between them, `指标值 | 度量单位 | 实际完成值`, is the target's.)
            let at = |k: Column| model.columns.iter().position(|c| *c == k);
            let shared_unit = matches!((at(Column::Actual), at(Column::Unit)), (Some(a), Some(u)) if u > a);
            let unit_cell = cells.iter().find(|(c, _)| *c == Column::Unit).filter(|_| shared_unit);
            if let (Some(a), Some((_, unit))) = (&actual, unit_cell) {
                let bare = !a.value.is_empty() && a.value.chars().all(|c| c.is_ascii_digit() || c == '.');
                let u = trim(&unit.value);
                if bare && !u.is_empty() && u.chars().count() <= 6 && !u.chars().any(|c| c.is_ascii_digit()) {
                    actual = Some(Located::new(format!("{}{u}", a.value), a.at));
                }
            }
            let mut target = target_at
                .filter(|_| !joined.is_empty())
                .map(|at| Located::new(Target::parse(&joined), at));
            // Glued text that printed a name and no target: the value may be glued to the
            // name's end (`开设课程数量220`, `按时间节点完成任务按时完成`).
            let mut level3 = level3;
            let glued_name = row.cells.iter().any(|(c, rg)| {
                model.columns[*c] == Column::Level3 && !self.tokens[rg.start].cell
            });
            let glued_target = row.cells.iter().any(|(c, rg)| {
                model.columns[*c] == Column::Target && !self.tokens[rg.start].cell
            });
            if level3.is_none() && glued_target && model.columns.contains(&Column::Level3) {
                if let Some(t) = &target {
                    // (Or a name with a value in words glued to its end: `提供信息及依据是`.)
                    let printed = &t.value.printed;
                    let cut = super::tokens::glued_head_name(printed)
                        .or_else(|| super::tokens::glued_tail_value(printed));
                    if let Some(i) = cut {
                        let name = trim(&t.value.printed[..i]).to_string();
                        let value = trim(&t.value.printed[i..]).to_string();
                        level3 = Some(Located::new(name, t.at));
                        target = Some(Located::new(Target::parse(&value), t.at));
                    }
                }
            }
            // `12月已完成` in a glued 自评表: the deadline set and the result reported, run
            // together (target 12月, actual 已完成).
            if actual.is_none() && glued_target && model.columns.contains(&Column::Actual) {
                if let Some(t) = &target {
                    let printed = trim(&t.value.printed);
                    let done = ["已完成", "未完成", "已完工", "按时完成", "按期完成"]
                        .iter()
                        .find(|w| printed.len() > w.len() && printed.ends_with(*w));
                    if let Some(w) = done {
                        let head = trim(&printed[..printed.len() - w.len()]);
                        if matches!(Target::parse(head).value, jixiao_model::TargetValue::Deadline { .. }) {
                            let at = t.at;
                            actual = Some(Located::new(w.to_string(), at));
                            target = Some(Located::new(Target::parse(head), at));
                        }
                    }
                }
            }
            if target.is_none() && glued_name && model.columns.contains(&Column::Target) {
                if let Some(l3) = &level3 {
                    if let Some(i) = super::tokens::glued_tail_value(&l3.value) {
                        let value = trim(&l3.value[i..]).to_string();
                        let name = trim(&l3.value[..i]).to_string();
                        target = Some(Located::new(Target::parse(&value), l3.at));
                        level3 = Some(Located::new(name, l3.at));
                    } else if let Some((name, half)) = (actual.is_none()
                        && model.columns.contains(&Column::Actual))
                    .then(|| glued_pair_after_name(&l3.value))
                    .flatten()
                    {
                        // `建设普通省道二级公路32.1公里2020`: a 自评表's equal target and
                        // actual glued to a name that holds figures of its own.
                        let (name, half) = (name.to_string(), half.to_string());
                        target = Some(Located::new(Target::parse(&half), l3.at));
                        actual = Some(Located::new(half, l3.at));
                        level3 = Some(Located::new(name, l3.at));
                    }
                }
            }
            // A report's item that prints only what was done under its level
            // (`(1)数量指标 对三名…传承人按照7000元/人进行补助。`): the sentence is the result,
            // not an indicator's name.
            if model.results && target.is_none() && actual.is_none() && description.is_none() {
                let sentence = row.cells.iter().any(|(c, rg)| {
                    model.columns[*c] == Column::Level3 && result_sentence(&join(&self.tokens[rg.clone()]))
                });
                if sentence && (l2.is_some() || levels.level2.is_some()) {
                    actual = level3.take();
                }
            }
            if let Some(p1) = &l1 {
                // A first level 1 printed alone in the middle of its group (a merged cell
                // printed at its middle row, `产出指标 | 开设课程数量 | 220` under 数量指标)
                // keeps the level 2 above when that level 2 belongs to it.
                let belongs = |l2: &Located<String>| {
                    match (
                        jixiao_model::Level1::from_printed(&p1.value),
                        jixiao_model::Level2::from_printed(&l2.value),
                    ) {
                        (Some(c1), Some(c2)) => c2.belongs_to(c1),
                        _ => false,
                    }
                };
                let first_of_group = levels.level1.is_none() && levels.level2.as_ref().is_some_and(belongs);
                let changed = levels.level1.as_ref().is_none_or(|l| l.value != p1.value);
                if changed && l2.is_none() && !first_of_group {
                    levels.level2 = None;
                }
            }
            // A level 2 that does not belong to the level 1 carried from above (`经济效益指标`
            // after a bare `成本指标` row) starts a group whose level 1 is not printed.
            if let (None, Some(p2), Some(carried)) = (&l1, &l2, &levels.level1) {
                if outside_level1(&carried.value, &p2.value) {
                    levels.level1 = None;
                }
            }
            // `90.00 | 90.00` above the first row (a level's points the flattening moved
            // there): bare figures with no name, printed or carried, are no indicator.
            let nameless = level3.is_none()
                && l1.is_none()
                && l2.is_none()
                && levels.level1.is_none()
                && levels.level2.is_none();
            if nameless
                && cells
                    .iter()
                    .all(|(_, l)| l.value.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ','))
            {
                continue;
            }
            if level3.is_none()
                && description.is_none()
                && target.is_none()
                && basis.is_none()
                && actual.is_none()
            {
                if l1.is_some() {
                    levels.level1 = l1;
                }
                if l2.is_some() {
                    levels.level2 = l2;
                }
                continue;
            }
            let number = |k: Column| {
                get(k).and_then(|l| {
                    // (`20%`: a weight printed as its share of the 100 points.)
                    let v = squeezed(&l.value);
                    let v = if k == Column::Weight { v.trim_end_matches('%') } else { &v };
                    v.trim_end_matches('分')
                        .replace(',', "")
                        .parse::<Decimal>()
                        .ok()
                })
            };
            let mut score = number(Column::Score);
            // A table printed one cell per line with its empty cells absent (a flattened web
            // page): a 自评表 row that printed its target and one figure more, equal to it,
            // shows the target met (the actual), not a score that happens to equal it.
            let own_line = |col: Column| {
                row.cell(model, col).is_some_and(|(_, rg)| {
                    let t = &self.tokens[rg.start];
                    t.brk >= Break::Line && !t.cell && !t.table
                })
            };
            if actual.is_none()
                && model.columns.contains(&Column::Actual)
                && row.cell(model, Column::Actual).is_none()
                && get(Column::Weight).is_none()
                && own_line(Column::Score)
                && own_line(Column::Target)
            {
                if let (Some(s), Some(t)) = (get(Column::Score), &target) {
                    if squeezed(&s.value) == squeezed(&t.value.printed) {
                        actual = Some(s);
                        score = None;
                    }
                }
            }
            let deviation = get(Column::Deviation);
            let evaluation = (actual.is_some()
                || model.columns.contains(&Column::Actual)
                || model.columns.contains(&Column::Score))
            .then(|| RowEvaluation {
                actual: actual.map(|a| a.map(|s| Target::parse(&s))),
                score,
                deviation,
            });
            let at = cells
                .first()
                .map_or(Origin::default(), |(_, l)| Origin::line(l.at.line));
            self.draft.project.indicators.push(Indicator {
                level1: level(l1, &mut levels.level1, Level1::from_level_cell),
                level2: level(l2, &mut levels.level2, Level2::from_level_cell),
                level3,
                description,
                target,
                basis,
                weight: number(Column::Weight),
                evaluation,
                at,
            });
        }
        let rows = first_new.min(self.draft.project.indicators.len());
        backfill_level1(&mut self.draft.project.indicators[rows..]);
        infer_lost_level1(&mut self.draft.project.indicators[rows..]);
    }

    /// A self-evaluation's funds header (`年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 |
    /// 得分`), one per cell or line: remembered for the amount rows below.
    fn funds_header(&mut self, r: &mut Reader, i: usize, j: usize) -> Option<usize> {
        let mut cols = Vec::new();
        let mut points = None;
        let mut unit = None;
        let mut k = i;
        // Cells of one row, or one per line.
        while k < self.tokens.len() && k - i < 12 {
            let t = &self.tokens[k];
            if points.is_none() {
                points = points_note(&t.text).map(|p| Located::new(p, Origin::line(t.line)));
            }
            if t.is_empty() {
                k += 1;
                continue;
            }
            match t.class.funds {
                Some(f) => cols.push(Some(f)),
                // `(A)`, `(B/A)` cut off their column words.
                None if t.class.chars == 0 && !cols.is_empty() => {
                    k += 1;
                    continue;
                }
                None if k < j
                    && cols.is_empty()
                    && t.class
                        .label
                        .is_none_or(|l| matches!(l, Label::Total | Label::BudgetSection)) =>
                {
                    // `资金情况（万元）`, `项目资金(元)` before the columns: the unit of the
                    // amounts below.
                    unit = unit.or_else(|| unit_in_label(&t.text));
                    k += 1;
                    continue;
                }
                None => break,
            }
            k += 1;
        }
        let named = |f: Funds| cols.contains(&Some(f));
        if cols.len() < 3
            || !(named(Funds::Annual) || named(Funds::Executed) || named(Funds::Initial))
        {
            return None;
        }
        self.funds_points = points.filter(|_| !named(Funds::Weight));
        self.funds = Some(cols);
        if let Some(u) = unit {
            r.amount_unit = u;
        }
        Some(k)
    }

    /// Labelled fields in the row `i..j`; `None` when the row has no label.
    fn labels(&mut self, r: &mut Reader, i: usize, j: usize) -> Option<usize> {
        let toks = self.tokens;
        if toks[i].class.label.is_none() && !toks[i].is_empty() {
            // Labels stand at the start of their row (or after its empty cells).
            let first = (i..j).find(|&k| !toks[k].is_empty())?;
            toks[first].class.label?;
        }
        // A row may go on into a funds header, an indicator header or levels (a whole form
        // printed on one line): the labels end there.
        let limit = (i + 1..j)
            .find(|&k| {
                let c = &toks[k].class;
                (c.label.is_none() && c.funds.is_some())
                    || (c.is_level() && c.label.is_none())
                    || header_at(toks, k).is_some()
                    || (self.self_eval && super::tokens::template_numbered(&toks[k].text))
                    // (`一级指标`, `二级指标 三级指标`: a scrambled header's words.)
                    || (c.label.is_none()
                        && matches!(c.header, Some(Column::Level1 | Column::Level2 | Column::Level3))
                        && squeezed(&toks[k].text).contains("级指标"))
            })
            .unwrap_or(j);
        let j = limit;
        let labels: Vec<usize> = (i..j).filter(|&k| toks[k].class.label.is_some()).collect();
        if labels.is_empty() {
            return None;
        }
        self.expect = Expect::Nothing;
        // A row of labels only, with the values in the row below (column by column).
        let values_in_row = |a: usize, b: usize| (a + 1..b).any(|k| !toks[k].is_empty());
        let ends: Vec<usize> = labels
            .iter()
            .skip(1)
            .copied()
            .chain(std::iter::once(j))
            .collect();
        let mut next = j;
        if let Some(k) = self.amount_columns(r, i, j, &labels) {
            return Some(k);
        }
        let only_labels = labels.len() >= 2
            && labels
                .iter()
                .zip(&ends)
                .all(|(&a, &b)| !values_in_row(a, b));
        if only_labels {
            if let Some(k) = self.goal_and_result_paragraphs(r, &labels, j) {
                return Some(k);
            }
            let k = row_end(toks, j.min(toks.len().saturating_sub(1)));
            let below: Vec<usize> = (j..k.min(toks.len()))
                .filter(|&x| !toks[x].is_empty())
                .collect();
            let plain = below.iter().all(|&x| {
                toks[x].class.label.is_none()
                    && !toks[x].class.is_level()
                    && toks[x].class.header.is_none()
            });
            // The cells below: a glued or clause break goes on in the same cell
            // (`为水濂村带来观光游客不少于` + `6万人,` + `村集体收入达` + `6万元。`).
            let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
            for &x in &below {
                let joins = matches!(toks[x].brk, Break::Glue | Break::Clause)
                    && ranges.last().is_some_and(|r| r.end == x);
                match ranges.last_mut() {
                    Some(last) if joins => last.end = x + 1,
                    _ => ranges.push(x..x + 1),
                }
            }
            if j < toks.len() && !below.is_empty() && plain && ranges.len() <= labels.len() {
                self.pair(r, &labels, ranges);
                // `年度预期目标 | 具体完成情况` over two or more rows of goal and result: each
                // further row of plain cells is one more goal (and its result).
                let mut k = k;
                let goals = labels
                    .iter()
                    .position(|&l| toks[l].class.label == Some(Label::Goals));
                while let Some(g) = goals.filter(|_| k < toks.len() && toks[k].brk >= Break::Line) {
                    let e = row_end(toks, k);
                    let cells: Vec<std::ops::Range<usize>> = (k..e)
                        .filter(|&x| !toks[x].is_empty())
                        .map(|x| x..x + 1)
                        .collect();
                    let plain = cells.iter().all(|c| {
                        let t = &toks[c.start];
                        t.class.label.is_none()
                            && !t.class.is_level()
                            && t.class.header.is_none()
                            && header_at(toks, c.start).is_none()
                            && !t.class.number
                            && t.class.chars >= 6
                    });
                    if cells.len() < 2 || cells.len() > labels.len() - g || !plain {
                        break;
                    }
                    // Column by column from the goal's (no heading label before it).
                    self.pair(r, &labels[g..g + cells.len()], cells);
                    k = e;
                }
                return Some(k);
            }
        }
        if labels.len() == 1 && labels[0] == i && i + 1 == j {
            if let Some(next) = self.label_run(r, i) {
                return Some(next);
            }
        }
        // A run of labels side by side, then their values side by side (`年度总体目标 预期目标
        // 实际完成情况 <goal> <achieved>`).
        let mut paired: Vec<std::ops::Range<usize>> = Vec::new();
        for (n, &a) in labels.iter().enumerate() {
            if paired.iter().any(|p| p.contains(&a)) {
                continue;
            }
            let run: Vec<usize> = labels[n..]
                .iter()
                .copied()
                .enumerate()
                .take_while(|(m, l)| *l == a + m)
                .map(|(_, l)| l)
                .collect();
            let last = *run.last().expect("a label");
            let end = ends[n + run.len() - 1];
            let values: Vec<usize> = (last + 1..end).filter(|&k| !toks[k].is_empty()).collect();
            if run.len() >= 2
                && values.len() >= 2
                && values.len() <= run.len()
                && goals_like_run(toks, &run)
            {
                let ranges = values.iter().map(|&v| v..v + 1).collect();
                self.pair(r, &run, ranges);
                paired.push(a..end);
            }
        }
        for (&a, &b) in labels.iter().zip(&ends) {
            if paired.iter().any(|p| p.contains(&a)) {
                continue;
            }
            let lab = toks[a].class.label.expect("a label");
            // `年度财政资金总额`: the whole amount is fiscal money (see `finish`).
            if lab == Label::Total && super::norm::key(&toks[a].text).contains("财政资金") {
                self.draft.fiscal_total = true;
            }
            if lab == Label::SpendingPlan {
                return Some(self.spending_plan(r, a, j));
            }
            if values_in_row(a, b) {
                // Amount rows of a funds block: values by column.
                if let (Some(funds), true) = (&self.funds, is_amount(lab)) {
                    let vals: Vec<usize> = (a + 1..b).filter(|&k| !toks[k].is_empty()).collect();
                    // A row of table cells with its placeholders (`—`) is read column by
                    // column, a trailing placeholder or two left out.
                    let all: Vec<usize> = (a + 1..b).collect();
                    let placeholders = all.len() > vals.len();
                    if vals.len() >= 2
                        && placeholders
                        && all.len() <= funds.len()
                        && toks[a + 1..b].iter().all(|t| t.cell)
                    {
                        let funds = funds.clone();
                        self.funds_row(r, lab, &all, &funds);
                        continue;
                    }
                    // `年度资金总额:202010100.00%10`: the row's figures run together.
                    let columns = funds
                        .iter()
                        .flatten()
                        .filter(|f| **f != Funds::Note)
                        .count();
                    if !vals.is_empty() && vals.len() < columns {
                        let glued: String = vals
                            .iter()
                            .map(|&v| squeezed(&toks[v].text).into_owned())
                            .collect();
                        if let Some(parts) = split_glued_amounts(&glued, funds) {
                            let at = Origin::cell(toks[vals[0]].line, toks[vals[0]].col);
                            let cells: Vec<Located<String>> =
                                parts.into_iter().map(|p| Located::new(p, at)).collect();
                            let funds = funds.clone();
                            self.funds_cells(r, lab, &cells, &funds);
                            continue;
                        }
                    }
                    if vals.len() >= 2 {
                        let funds = funds.clone();
                        self.funds_row(r, lab, &vals, &funds);
                        continue;
                    }
                }
                let b = first_cell_of_pairs(toks, lab, a + 1, b);
                // `甘孜州市场监督管理部门 项目经办人:`: a label no list names ends the value.
                let b = (a + 2..b)
                    .find(|&k| toks[k].class.colon && toks[k].class.chars <= 10)
                    .unwrap_or(b);
                self.field(r, a, a + 1..b);
            } else if b == j && (a + 1..j).all(|k| toks[k].is_empty()) && a + 1 == j {
                // The value stands below the label (one cell per line).
                next = self.value_below(r, a, j);
            } else {
                self.field(r, a, a + 1..a + 1);
            }
        }
        Some(next)
    }

    /// `资金来源(万元) | 财政拨款 | 非税安排 | 上年结转 | 其他` over `36 | 0 | 0 | 0`: a row of
    /// funds words (some no list names) with the amounts in the row below, column by column.
    /// A first cell heading the row (资金来源) has no amount when the row below is one short.
    fn amount_columns(
        &mut self,
        r: &mut Reader,
        i: usize,
        j: usize,
        labels: &[usize],
    ) -> Option<usize> {
        let toks = self.tokens;
        let cells: Vec<usize> = (i..j).filter(|&k| !toks[k].is_empty()).collect();
        let amounts = labels
            .iter()
            .filter(|&&l| {
                matches!(
                    toks[l].class.label,
                    Some(Label::Total | Label::Fiscal | Label::Other | Label::CarriedOver)
                )
            })
            .count();
        let wordy = cells.iter().all(|&k| {
            let t = &toks[k];
            t.class.chars <= 12
                && !t.text.bytes().any(|b| b.is_ascii_digit())
                && t.class.target == Shape::No
        });
        if cells.len() < 3 || amounts < 2 || !wordy || j >= toks.len() {
            return None;
        }
        let e = row_end(toks, j);
        let below: Vec<usize> = (j..e).filter(|&k| !toks[k].is_empty()).collect();
        let unit = r.amount_unit;
        let amount = |k: usize| {
            let t = &toks[k];
            money(&Located::new(t.text.clone(), Origin::cell(t.line, t.col)), unit)
        };
        let numeric_cells =
            |cells: &[usize]| cells.iter().all(|&k| toks[k].class.number || amount(k).is_some());
        let numeric = numeric_cells(&below);
        // `本年度预计投入 | 财政资金 | 其他` over `中央 | 省级 | 市级资金 | 本级` over the amounts
        // (湖南's 专项资金 form): the fiscal money split by level, one column each.
        if !numeric && below.len() >= 2 && e < toks.len() {
            let sub_wordy = below.iter().all(|&k| {
                let t = &toks[k];
                t.class.chars <= 6 && t.class.label.is_none() && !t.text.bytes().any(|b| b.is_ascii_digit())
            });
            let e2 = row_end(toks, e);
            let values: Vec<usize> = (e..e2).filter(|&k| !toks[k].is_empty()).collect();
            let named: Vec<usize> = cells
                .iter()
                .copied()
                .filter(|&c| matches!(toks[c].class.label, Some(Label::Total | Label::Fiscal | Label::Other)))
                .collect();
            let fiscal = named
                .iter()
                .position(|&c| toks[c].class.label == Some(Label::Fiscal))
                .filter(|_| sub_wordy && numeric_cells(&values) && values.len() == named.len() + below.len() - 1);
            if let Some(f) = fiscal {
                let mut v = 0;
                for (n, &c) in named.iter().enumerate() {
                    if n == f {
                        let parts: Option<Vec<Located<Money>>> =
                            values[v..v + below.len()].iter().map(|&k| amount(k)).collect();
                        if let Some(parts) = parts {
                            let at = parts[0].at;
                            let sum: Money = parts.into_iter().map(|m| m.value).sum();
                            self.start(r);
                            self.draft.project.budget.fiscal = Some(Located::new(sum, at));
                        }
                        v += below.len();
                    } else {
                        self.field(r, c, values[v]..values[v] + 1);
                        v += 1;
                    }
                }
                return Some(e2);
            }
        }
        let shift = match cells.len().checked_sub(below.len()) {
            Some(0) => 0,
            Some(1) => 1,
            _ => return None,
        };
        if below.is_empty() || !numeric {
            return None;
        }
        for (n, &c) in cells.iter().enumerate().skip(shift) {
            if toks[c].class.label.is_some() {
                let v = below[n - shift];
                self.field(r, c, v..v + 1);
            }
        }
        for &c in &cells[..shift] {
            if toks[c].class.label.is_some() {
                self.field(r, c, c + 1..c + 1);
            }
        }
        Some(e)
    }

    /// `预期目标 | 实际完成情况` over two paragraphs, one line per goal, a blank line between
    /// them (a flattened table's two cells): the first paragraph is the goals, the second
    /// what was achieved. Returns where reading goes on.
    fn goal_and_result_paragraphs(&mut self, r: &mut Reader, labels: &[usize], j: usize) -> Option<usize> {
        let toks = self.tokens;
        let n = labels.len();
        if n < 2
            || toks[labels[n - 2]].class.label != Some(Label::Goals)
            || toks[labels[n - 1]].class.label != Some(Label::Achieved)
        {
            return None;
        }
        // A paragraph of plain one-cell lines from `k`: its lines, and where it ends.
        let paragraph = |mut k: usize| {
            let mut lines = Vec::new();
            while k < toks.len() && (lines.is_empty() || toks[k].brk == Break::Line) {
                let e = row_end(toks, k);
                let c = &toks[k].class;
                let plain = e == k + 1
                    && !toks[k].is_empty()
                    && c.label.is_none()
                    && !c.is_level()
                    && c.header.is_none()
                    && !c.stop
                    && header_at(toks, k).is_none();
                if !plain {
                    break;
                }
                lines.push(k..e);
                k = e;
            }
            (lines, k)
        };
        if j >= toks.len() || toks[j].brk < Break::Line {
            return None;
        }
        let (goals, k) = paragraph(j);
        let (goals, results, end) = if k < toks.len() && toks[k].brk >= Break::Blank && !goals.is_empty() {
            let (results, end) = paragraph(k);
            (goals, results, end)
        } else {
            // No blank line between them: the results' numbering starts again
            // (`目标1:… | 目标2:… | 1.… | 2.…`).
            let number = |l: &std::ops::Range<usize>| goal_number(&join(&toks[l.clone()]));
            let first = goals.first().and_then(number);
            let restart = (1..goals.len()).find(|&m| first.is_some() && number(&goals[m]) == first);
            let Some(m) = restart.filter(|&m| goals[m..].len() == m) else {
                return None;
            };
            let mut goals = goals;
            let results = goals.split_off(m);
            (goals, results, k)
        };
        if goals.is_empty() || results.is_empty() {
            return None;
        }
        for &l in &labels[..n - 2] {
            self.field(r, l, l + 1..l + 1);
        }
        for g in goals {
            self.field(r, labels[n - 2], g);
        }
        for a in results {
            self.field(r, labels[n - 1], a);
        }
        self.expect = Expect::Nothing;
        Some(end)
    }

    /// Labels one per line, then their values one per line (a flattened table whose label
    /// column came out before its value column): paired from the end, since block labels
    /// (`总体目标` before `中期目标` / `年度目标`) stand first.
    fn label_run(&mut self, r: &mut Reader, i: usize) -> Option<usize> {
        let toks = self.tokens;
        let single_label = |k: usize| {
            let e = row_end(toks, k);
            (e == k + 1
                && toks[k].class.label.is_some()
                && toks[k]
                    .class
                    .header
                    .is_none_or(|h| !matches!(h, Column::Level3 | Column::Target)))
            .then_some(e)
        };
        let mut labels = vec![i];
        let mut k = row_end(toks, i);
        while k < toks.len() {
            match single_label(k) {
                Some(e) => {
                    labels.push(k);
                    k = e;
                }
                None => break,
            }
        }
        if labels.len() < 2 {
            return None;
        }
        let mut values: Vec<std::ops::Range<usize>> = Vec::new();
        while k < toks.len() && values.len() < labels.len() {
            let e = row_end(toks, k);
            let structural = toks[k..e].iter().any(|t| {
                let c = &t.class;
                c.label.is_some()
                    || c.header.is_some()
                    || c.is_level()
                    || c.stop
                    || c.funds.is_some()
            }) || toks[k].text.starts_with("其中");
            if structural || toks[k].brk == Break::Row {
                break;
            }
            values.push(k..e);
            k = e;
        }
        if values.is_empty() {
            return None;
        }
        self.pair(r, &labels, values);
        // `预期目标 / 实际完成情况` then goal, result, goal, result … one per line: the
        // further goals alternate with their results.
        let n = labels.len();
        let pairs = n >= 2
            && toks[labels[n - 2]].class.label == Some(Label::Goals)
            && toks[labels[n - 1]].class.label == Some(Label::Achieved);
        if pairs {
            let plain = |k: usize, e: usize| {
                !toks[k..e].iter().any(|t| {
                    let c = &t.class;
                    c.label.is_some() || c.header.is_some() || c.is_level() || c.stop
                }) && toks[k].brk != Break::Row
            };
            while k < toks.len() {
                let e = row_end(toks, k);
                if e >= toks.len() || !plain(k, e) || !goal_like(&join(&toks[k..e])) {
                    break;
                }
                let f = row_end(toks, e);
                if !plain(e, f) {
                    break;
                }
                self.field(r, labels[n - 2], k..e);
                k = f;
            }
            self.expect = Expect::Nothing;
        }
        Some(k)
    }

    /// Pairs a run of labels with the run of values printed below them. A general goals
    /// label before specific ones (`总体目标` over `年度目标`) is a block label; with fewer
    /// values than labels, the values belong to the first labels, except that a
    /// self-evaluation fills 实际完成情况 beside 预期目标.
    fn pair(&mut self, r: &mut Reader, labels: &[usize], values: Vec<std::ops::Range<usize>>) {
        let toks = self.tokens;
        let kind = |k: usize| toks[k].class.label.expect("a label");
        let goals_like = |l: Label| matches!(l, Label::Goals | Label::Skipped);
        let mut labs: Vec<usize> = labels.to_vec();
        let block = |a: Label, b: Label| {
            (a == Label::Goals && goals_like(b))
                || (a == Label::BudgetSection && b != Label::BudgetSection)
        };
        while labs.len() >= 2 && labs.len() > values.len() && block(kind(labs[0]), kind(labs[1])) {
            let block = labs.remove(0);
            self.field(r, block, block + 1..block + 1);
        }
        // A block heading the budget rows (资金情况) takes no value of its own.
        while labs.len() >= 2 && kind(labs[0]) == Label::BudgetSection {
            let block = labs.remove(0);
            self.field(r, block, block + 1..block + 1);
        }
        // `<预期目标>。 <实际完成情况>`: a self-evaluation's goal and result printed in one
        // line with a space between them: the goal ends with the sentence before the space
        // (not before a numbered sentence, which goes on with the goal's list).
        let mut values = values;
        if self.self_eval
            && values.len() == 1
            && labs.len() == 2
            && kind(labs[0]) == Label::Goals
            && kind(labs[1]) == Label::Achieved
        {
            let v = values[0].clone();
            let cut = (v.start + 1..v.end).find(|&m| {
                (Break::Space..=Break::Gap).contains(&toks[m].brk)
                    && toks[m - 1].text.ends_with(['。', '；', ';'])
                    && !toks[m].text.starts_with(|c: char| c.is_ascii_digit())
            });
            if let Some(m) = cut {
                values = vec![v.start..m, m..v.end];
            }
        }
        let extra = labs.len().saturating_sub(values.len());
        let offset = if self.self_eval { extra } else { 0 };
        // With fewer values than labels, an amount label whose value would be text (a goal
        // below `其他资金 / 年度目标`) is the empty one.
        let unit = r.amount_unit;
        let is_amount_value = |v: &std::ops::Range<usize>| {
            toks[v.clone()].iter().all(|t| {
                t.is_empty()
                    || t.class.number
                    || money(&Located::new(t.text.clone(), Origin::default()), unit).is_some()
            })
        };
        if extra > 0 && offset == 0 {
            let mut skips = extra;
            let mut v = 0;
            for &l in &labs {
                let amount = is_amount(kind(l));
                match values.get(v) {
                    Some(val) if skips > 0 && amount && !is_amount_value(val) => {
                        skips -= 1;
                        self.field(r, l, l + 1..l + 1);
                    }
                    Some(val) => {
                        self.field(r, l, val.clone());
                        v += 1;
                    }
                    None => self.field(r, l, l + 1..l + 1),
                }
            }
            return;
        }
        for (n, &l) in labs.iter().enumerate() {
            match n.checked_sub(offset).and_then(|v| values.get(v)) {
                Some(v) => self.field(r, l, v.clone()),
                None => self.field(r, l, l + 1..l + 1),
            }
        }
    }

    /// A label alone at the end of its row: its value is the row below, unless that row
    /// is a label, header, level or heading. Returns where reading goes on.
    fn value_below(&mut self, r: &mut Reader, a: usize, j: usize) -> usize {
        let toks = self.tokens;
        let lab = toks[a].class.label.expect("a label");
        // Skip empty cells (merged, or a blank line).
        let mut k = j;
        while k < toks.len() && toks[k].is_empty() && toks[k].brk != Break::Row {
            k += 1;
        }
        if k >= toks.len() {
            self.field(r, a, a + 1..a + 1);
            return k;
        }
        let t = &toks[k];
        // `项目联系人:` and its kin: a label no list names still is no value.
        let unknown_label = t.class.colon && t.class.chars <= 10;
        let blocked = unknown_label
            || t.class.label.is_some()
            || t.class.header.is_some()
            || t.class.is_level()
            || t.class.stop
            || t.class.funds.is_some();
        // An amount label's value is an amount: the prose below an empty 其他资金 is the
        // 资金用途 the budget row announced.
        if blocked || (is_amount(lab) && self.funds.is_none() && !money_like(t, r.amount_unit)) {
            self.field(r, a, a + 1..a + 1);
            return j;
        }
        // Funds amounts one per line: as many values as the funds block has columns.
        if let (Some(funds), true) = (&self.funds, is_amount(lab)) {
            let funds = funds.clone();
            let mut vals = Vec::new();
            let mut e = k;
            while e < toks.len() && vals.len() < funds.len() {
                let c = &toks[e].class;
                if c.label.is_some() || c.is_level() || c.header.is_some() {
                    break;
                }
                if !c.empty {
                    if !(c.target != Shape::No || money_like(&toks[e], r.amount_unit)) {
                        break;
                    }
                    vals.push(e);
                }
                e += 1;
            }
            if vals.len() >= 2 {
                self.funds_row(r, lab, &vals, &funds);
                return e;
            }
        }
        // The value ends where the row goes on with labels of its own (`<name> | 中期预算(万元)
        // | 284500 | …`).
        let end = row_end(toks, k);
        let end = (k + 1..end)
            .find(|&x| toks[x].class.label.is_some() && toks[x].brk >= Break::Cell)
            .unwrap_or(end);
        self.field(r, a, k..end);
        if lab == Label::Goals || lab == Label::Achieved {
            // Goals may go on over several lines (目标1 / 目标2 …).
            self.expect = Expect::Goals;
        }
        end
    }

    /// The values of one amount row of a funds block, by column.
    fn funds_row(&mut self, r: &mut Reader, lab: Label, vals: &[usize], funds: &[Option<Funds>]) {
        let cells: Vec<Located<String>> = vals
            .iter()
            .map(|&v| {
                let t = &self.tokens[v];
                Located::new(t.text.clone(), Origin::cell(t.line, t.col))
            })
            .collect();
        self.funds_cells(r, lab, &cells, funds);
    }

    fn funds_cells(
        &mut self,
        r: &mut Reader,
        lab: Label,
        cells: &[Located<String>],
        funds: &[Option<Funds>],
    ) {
        self.start(r);
        // Values stand under the first columns (trailing cells are left empty), unless the
        // 执行率 says otherwise: a row printing fewer values than the block has columns with
        // its rate further left than the rate's column left its leading cells out (年初预算数
        // merged away or empty).
        let rate_col = funds.iter().position(|f| *f == Some(Funds::Rate));
        let rate_cell = cells
            .iter()
            .position(|c| trim(&c.value).ends_with(['%', '％']) && percent(&c.value).is_some());
        let offset = match (rate_col, rate_cell) {
            (Some(col), Some(cell)) if cells.len() < funds.len() && col > cell => col - cell,
            _ => 0,
        };
        let mut annual = None;
        let mut fallback = None;
        for (n, l) in cells.iter().enumerate() {
            match funds.get(offset + n).copied().flatten() {
                Some(Funds::Annual) => annual = money(l, r.amount_unit),
                Some(Funds::Initial) if fallback.is_none() => fallback = money(l, r.amount_unit),
                _ => {}
            }
        }
        let value = annual.or(fallback);
        let b = &mut self.draft.project.budget;
        match lab {
            Label::Total => b.total = value,
            Label::Fiscal => b.fiscal = value,
            Label::Other => b.other = value,
            _ => {}
        }
        // A self-evaluation's funds block (全年执行数 printed): the row as printed, for the
        // re-scoring of its 执行率 and 得分.
        if funds.contains(&Some(Funds::Executed)) {
            let mut line = FundLine {
                at: cells.first().map_or(Origin::default(), |c| c.at),
                ..FundLine::default()
            };
            let decimal = |l: &Located<String>| {
                let t = trim(&l.value);
                t.parse::<Decimal>().ok().map(|d| Located::new(d, l.at))
            };
            for (n, l) in cells.iter().enumerate() {
                if trim(&l.value).is_empty() {
                    continue;
                }
                match funds.get(offset + n).copied().flatten() {
                    Some(Funds::Initial) => line.initial = money(l, r.amount_unit),
                    Some(Funds::Annual) => line.adjusted = money(l, r.amount_unit),
                    Some(Funds::Executed) => line.executed = money(l, r.amount_unit),
                    Some(Funds::Weight) => line.points = decimal(l),
                    Some(Funds::Rate) => {
                        line.rate = parse_percent(&l.value).map(|d| Located::new(d, l.at))
                    }
                    Some(Funds::Score) => line.score = decimal(l),
                    _ => {}
                }
            }
            if line.points.is_none() {
                line.points = self.funds_points.clone();
            }
            let printed = line.initial.is_some()
                || line.adjusted.is_some()
                || line.executed.is_some()
                || line.rate.is_some()
                || line.score.is_some();
            if printed {
                let e = self.draft.project.evaluation.get_or_insert_with(Default::default);
                let slot = match lab {
                    Label::Total => &mut e.funds.total,
                    Label::Fiscal => &mut e.funds.fiscal,
                    Label::CarriedOver => &mut e.funds.carried_over,
                    Label::Other => &mut e.funds.other,
                    _ => return,
                };
                if slot.is_none() {
                    *slot = Some(line);
                }
            }
        }
    }

    /// Sets the field a label names from the tokens of its value.
    fn field(&mut self, r: &mut Reader, a: usize, value: std::ops::Range<usize>) {
        let toks = self.tokens;
        let lab = toks[a].class.label.expect("a label");
        // `填报单位(盖章): 单位负责人:谭呈祥`: an empty label followed by another labelled
        // field; the second label's text is not the first one's value.
        let v = self
            .located(&value)
            .filter(|v| !starts_with_label(&v.value));
        // Boundaries: a second 项目名称 or 项目编码 starts the next project.
        // (Or after the tail of a table cut above its form: rows, no name.)
        let named = !self.draft.project.name.value.is_empty();
        match lab {
            Label::Name
                if (named && (self.draft.has_content() || v.is_none()))
                    || (!self.draft.project.indicators.is_empty() && v.is_some()) =>
            {
                self.finish(r);
            }
            Label::Code
                if self.draft.project.code.is_some()
                    && !self.draft.project.name.value.is_empty() =>
            {
                self.finish(r);
            }
            _ => {}
        }
        self.start(r);
        // `项目资金（元）`, `年度资金总额（万元）`: the label states the unit of its amounts.
        if matches!(
            lab,
            Label::BudgetSection | Label::Total | Label::Fiscal | Label::Other | Label::CarriedOver
        ) {
            if let Some(u) = unit_in_label(&toks[a].text) {
                r.amount_unit = u;
            }
        }
        let unit = r.amount_unit;
        let p = &mut self.draft.project;
        match lab {
            Label::Code => p.code = v,
            Label::Name => {
                if let Some(v) = v {
                    p.name = v;
                    self.draft.name_label = true;
                    self.draft.department_wide = false;
                }
            }
            // An amount label left empty (`金额(元)` heading a column) keeps what was read.
            Label::Total => {
                let k = super::norm::key(&toks[a].text);
                let rank = if ["本年", "年度", "当年"].iter().any(|w| k.contains(w)) {
                    2
                } else {
                    1
                };
                match v.as_ref().and_then(|v| money(v, unit)) {
                    Some(m) if rank >= self.draft.total_rank => {
                        p.budget.total = Some(m);
                        self.draft.total_rank = rank;
                    }
                    Some(_) => {}
                    None => self.draft.total_unfilled = true,
                }
                self.expect = Expect::Purpose;
            }
            Label::Fiscal => {
                if let Some(m) = v.as_ref().and_then(|v| money(v, unit)) {
                    p.budget.fiscal = Some(m);
                }
            }
            Label::Other => {
                if let Some(m) = v.as_ref().and_then(|v| money(v, unit)) {
                    p.budget.other = Some(m);
                }
            }
            Label::Skipped => {
                if is_project_descriptor_label(&toks[a].text) {
                    self.draft.descriptor_labels += 1;
                }
                if is_period_label(&toks[a].text) {
                    if let Some(v) = v.as_ref().filter(|v| names_a_period(&v.value)) {
                        p.period = Some(v.clone());
                    }
                }
                if is_multi_year_goal_label(&toks[a].text) {
                    if let Some(v) = v.as_ref().filter(|v| v.value.chars().count() >= 6) {
                        self.draft.multi_year_goals =
                            goals_of(&v.value).into_iter().map(|g| Located::new(g, v.at)).collect();
                    }
                }
            }
            Label::CarriedOver => {}
            Label::AmountUnit => {
                if let Some(u) = v
                    .as_ref()
                    .and_then(|v| AmountUnit::from_statement(&v.value))
                {
                    r.amount_unit = u;
                }
            }
            Label::DeptCode => {
                if let Some(v) = v.filter(|v| {
                    v.value
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-')
                }) {
                    r.doc.department_code.get_or_insert(v);
                }
            }
            Label::Title => {
                if let Some(v) = v {
                    if r.doc.year.is_none() {
                        if let Some(y) = super::narrative::year_in(&squeezed(&v.value)) {
                            r.doc.year = Some(Located::new(y, v.at));
                        }
                    }
                    if r.title.is_none() && !self.draft.name_label {
                        self.draft.title.get_or_insert(v);
                    }
                }
            }
            Label::Purpose => {
                p.purpose = v;
                if p.purpose.is_none() {
                    self.expect = Expect::Purpose;
                }
            }
            Label::BudgetSection => self.expect = Expect::Purpose,
            Label::Department => {
                // `主管部门(盖章): … 单位:万元`: an amount statement is no department.
                let v = v.filter(|v| amount_unit(&v.value).is_none() && !v.value.contains("盖章"));
                if let Some(v) = v {
                    let (code, name) = split_code(&v.value);
                    let k = super::norm::key(&toks[a].text);
                    let name = match department_name(name) {
                        // A grid's column (`单位名称(项目类别/支出项目)`) is no fallback's value.
                        n if k == "单位名称" && !super::vocab::is_org_name(n) => "",
                        n => n,
                    };
                    let rank = match k.chars().next() {
                        // `单位名称` (a 区域 or 整体 self-evaluation's reporting body) only where
                        // no department label is printed.
                        _ if k == "单位名称" => 0,
                        Some('中') if k.starts_with("中央") => 1,
                        Some('省') => 2,
                        Some('市') => 3,
                        Some('县' | '区') => 4,
                        // The form's own 主管部门 over a page header's 部门.
                        _ if k.contains("主管") => 6,
                        _ => 5,
                    };
                    if r.doc.department.is_some() && rank > r.department_rank && !name.is_empty() {
                        r.doc.department = None;
                        r.doc.department_code = None;
                    }
                    if r.doc.department.is_none() && !name.is_empty() {
                        r.department_rank = rank;
                        r.doc.department = Some(Located::new(name.to_string(), v.at));
                        if let Some(c) = code {
                            r.doc.department_code = Some(Located::new(c.to_string(), v.at));
                        }
                    }
                    let k = super::norm::key(&toks[a].text);
                    // `申报单位: 鄂州市图书馆` above the form: the applying unit is also the
                    // budget unit its projects belong to, where no 实施单位 says otherwise.
                    if k == "申报单位" && r.unit.is_none() && super::vocab::is_org_name(&v.value) {
                        r.add_unit(BudgetUnit {
                            code: code.map(str::to_string),
                            name: name.to_string(),
                            printed: v.value.clone(),
                            at: v.at,
                        });
                    }
                    if (k == "部门名称" || k == "部门单位名称") && !self.draft.name_label
                    {
                        self.draft.department_wide = true;
                    }
                }
            }
            Label::Unit => {
                // `填报单位(盖章):宁乡市坝塘镇人民政府`: the seal's note is no part of the
                // name; `(盖章) 单位:万元` is an amount statement, no unit.
                let v = v
                    .map(|v| {
                        let t = v.value.trim_start();
                        let t = t
                            .strip_prefix("(盖章)")
                            .or_else(|| t.strip_prefix("（盖章）"))
                            .map_or(t, |r| r.trim_start_matches([':', '：', ' ']));
                        Located::new(t.to_string(), v.at)
                    })
                    .filter(|v| !v.value.is_empty() && amount_unit(&v.value).is_none());
                if let Some(v) = v {
                    let unit = BudgetUnit {
                        code: split_code(&v.value).0.map(str::to_string),
                        name: split_code(&v.value).1.to_string(),
                        printed: v.value.clone(),
                        at: v.at,
                    };
                    // The document's units: the department when nothing else names it.
                    if !r.doc.units.iter().any(|u| u.printed == unit.printed) {
                        r.doc.units.push(unit.clone());
                    }
                    p.unit = Some(unit);
                }
            }
            Label::SpendingPlan => {}
            Label::Goals if goal_word_in_compound(toks, a, &value) => {
                // `績效目標5分`, `項目績效目標完成情況`, `績效目標合理性`: a report's scoring
                // items and headings run together, not a goal's label.
                self.expect = Expect::Nothing;
            }
            Label::Goals | Label::Achieved => {
                // The year's goal (年度目标) wins over a general one (总体目标) beside it.
                let rank = if super::norm::key(&toks[a].text).contains("年度") {
                    2
                } else {
                    1
                };
                if lab == Label::Goals
                    && v.is_some()
                    && rank > self.draft.goals_rank
                    && !p.goals.is_empty()
                {
                    p.goals.clear();
                }
                // `年度绩效总目标 | 产出指标 | <indicators with targets>`: read as rows.
                let listed = lab == Label::Goals
                    && rank >= self.draft.goals_rank
                    && value.len() >= 2
                    && toks[value.clone()]
                        .iter()
                        .find(|t| !t.is_empty())
                        .is_some_and(|t| t.class.is_level())
                    && self.level_list(r, value.start, value.end).is_some();
                let p = &mut self.draft.project;
                if lab == Label::Goals && rank < self.draft.goals_rank {
                    // A general goal after the year's: not the year's goal.
                } else if listed {
                    self.draft.goals_rank = self.draft.goals_rank.max(rank);
                } else if lab == Label::Goals {
                    if v.is_some() {
                        self.draft.goals_rank = self.draft.goals_rank.max(rank);
                    }
                    // Each cell of the value (a `目标1` label cell left out, and a short
                    // sub-label before the text: `绩效目标 总体描述 | <goal>`).
                    let mut k = value.start;
                    while k < value.end {
                        let mut e = k + 1;
                        while e < value.end && toks[e].brk < Break::Cell {
                            e += 1;
                        }
                        let cell = join(&toks[k..e]);
                        let sub_label = e < value.end
                            && squeezed(&cell).chars().count() <= 10
                            && !cell.contains(['，', ',', '。', '、', ';', '；'])
                            && squeezed(&join(&toks[e..value.end])).chars().count() > 12;
                        if !is_goal_number_label(&cell) && !sub_label {
                            let t = &toks[k];
                            for text in goals_of(&cell) {
                                p.goals
                                    .push(Located::new(text, Origin::cell(t.line, t.col)));
                            }
                        }
                        k = e;
                    }
                }
                self.expect = if lab == Label::Goals && !listed {
                    Expect::Goals
                } else {
                    Expect::Nothing
                };
            }
        }
    }

    /// `资金支出计划 | 3月底 | 6月底 | 10月底 | 12月底` and the percentages below.
    fn spending_plan(&mut self, r: &mut Reader, a: usize, j: usize) -> usize {
        self.start(r);
        let toks = self.tokens;
        // Month headers: in the row, or one per line.
        let mut months: Vec<(usize, usize)> = Vec::new();
        let mut k = a + 1;
        while k < toks.len() {
            let t = &toks[k];
            if k >= j && t.brk == Break::Row {
                break;
            }
            if t.is_empty() {
                k += 1;
                continue;
            }
            match month_quarter(&t.text) {
                Some(q) => months.push((k, q)),
                None => break,
            }
            k += 1;
        }
        if months.is_empty() {
            return j;
        }
        let mut plan = SpendingPlan::default();
        let header_end = k;
        let explicit = toks[a].brk == Break::Row || toks[j.min(toks.len() - 1)].brk == Break::Row;
        let end;
        if explicit && header_end == j {
            // Values in the next table row, right-aligned with the month columns.
            let e = row_end(toks, j.min(toks.len() - 1));
            let row: Vec<usize> = (j..e.min(toks.len())).collect();
            let header: Vec<usize> = (a..j).collect();
            let offset = header.len() as isize - row.len() as isize;
            for (pos, q) in &months {
                let hi = (*pos - a) as isize - offset;
                if hi >= 0 {
                    if let Some(&v) = row.get(hi as usize) {
                        let t = &toks[v];
                        plan.cumulative_percent[*q] =
                            percent(&t.text).map(|p| Located::new(p, Origin::cell(t.line, t.col)));
                    }
                }
            }
            end = e;
        } else {
            // One value per cell or line after the months.
            let mut e = header_end;
            for (_, q) in &months {
                while e < toks.len() && toks[e].is_empty() && toks[e].brk < Break::Line {
                    e += 1;
                }
                let Some(t) = toks.get(e) else { break };
                match percent(&t.text) {
                    Some(p) => {
                        plan.cumulative_percent[*q] =
                            Some(Located::new(p, Origin::cell(t.line, t.col)))
                    }
                    None if t.is_empty() => {}
                    None => break,
                }
                e += 1;
            }
            end = e.max(j);
        }
        self.draft.project.spending_plan = Some(plan);
        end
    }

    /// `(二)绩效目标:道路硬化≥0.565km;项目(工程)验收合格率≥100%;…`: targets listed in
    /// running text after a goals label, without levels. The list is the goal as printed,
    /// and each item with a value an indicator.
    fn target_list(&mut self, r: &mut Reader, text: &str, first: &Token) -> bool {
        let read = self.target_list_rows(r, text, first);
        if read {
            note_printed(r, &[Column::Level3, Column::Target]);
        }
        read
    }

    fn target_list_rows(&mut self, r: &mut Reader, text: &str, first: &Token) -> bool {
        let key = super::norm::key(text);
        let Some(pos) = ["绩效目标:", "绩效指标:", "绩效目标：", "绩效指标："]
            .iter()
            .find_map(|l| key.find(l).map(|p| (p, l.len())))
        else {
            return false;
        };
        if pos.0 > 12 {
            return false; // the label opens the paragraph (after its numbering)
        }
        // The same place in the printed text: after its first colon.
        let Some(colon) = text.find([':', '：']) else {
            return false;
        };
        let rest = trim(&text[colon + text[colon..].chars().next().map_or(1, char::len_utf8)..]);
        let items = list_items(rest);
        if items.len() < 2 {
            return false;
        }
        self.start(r);
        let at = Origin::cell(first.line, first.col);
        let p = &mut self.draft.project;
        if p.goals.is_empty() {
            p.goals.push(Located::new(rest.to_string(), at));
        }
        for (name, value) in items {
            p.indicators.push(unlevelled(name, &value, at));
        }
        true
    }

    /// `产出指标 | 开展文物安全巡查频次8次;编制文物宣传资料数量3个;…`: a level name, then its
    /// indicators listed in one cell with their targets. The list is a goal as printed too
    /// (it states what the year is to achieve). Returns where reading goes on.
    fn level_list(&mut self, r: &mut Reader, i: usize, j: usize) -> Option<usize> {
        let read = self.level_list_rows(r, i, j);
        if read.is_some() {
            note_printed(r, &[Column::Level3, Column::Target]);
        }
        read
    }

    fn level_list_rows(&mut self, r: &mut Reader, i: usize, j: usize) -> Option<usize> {
        let toks = self.tokens;
        let filled: Vec<usize> = (i..j).filter(|&k| !toks[k].is_empty()).collect();
        let [level, list] = filled[..] else {
            return None;
        };
        let lc = &toks[level].class;
        if !lc.is_level() || toks[list].text.chars().count() < 12 {
            return None;
        }
        let items = list_items(&toks[list].text);
        if items.len() < 2 {
            return None;
        }
        self.start(r);
        let at = Origin::cell(toks[list].line, toks[list].col);
        let printed = Located::new(
            trim(&toks[level].text).to_string(),
            Origin::cell(toks[level].line, toks[level].col),
        );
        let blank = Located::new(String::new(), at);
        let (level1, level2) = if lc.level1.is_some() || lc.satisfaction {
            (
                IndicatorLevel {
                    category: lc.level1,
                    printed,
                    inherited: false,
                },
                IndicatorLevel {
                    category: None,
                    printed: blank,
                    inherited: false,
                },
            )
        } else {
            (
                IndicatorLevel {
                    category: None,
                    printed: blank,
                    inherited: false,
                },
                IndicatorLevel {
                    category: lc.level2,
                    printed,
                    inherited: false,
                },
            )
        };
        let p = &mut self.draft.project;
        p.goals
            .push(Located::new(trim(&toks[list].text).to_string(), at));
        for (name, value) in items {
            p.indicators.push(Indicator {
                level1: level1.clone(),
                level2: level2.clone(),
                level3: Some(Located::new(name, at)),
                description: None,
                target: Some(Located::new(Target::parse(&value), at)),
                basis: None,
                weight: None,
                evaluation: None,
                at,
            });
        }
        Some(j)
    }

    /// Whether an indicator table's header starts within the next few cells after `j`
    /// (`绩 | 一级 | 二级指标 | …`: a vertical label's first character may come first).
    fn header_follows(&self, j: usize) -> bool {
        (j..self.tokens.len())
            .filter(|&k| !self.tokens[k].is_empty())
            .take(3)
            .any(|k| header_at(self.tokens, k).is_some())
    }

    /// A row without labels, header or levels: what a labelled row announced, a unit line,
    /// a title, narrative text, or a row of a table that is no form.
    fn plain_row(&mut self, r: &mut Reader, blocks: &[Block], i: usize, j: usize) {
        let toks = &self.tokens[i..j];
        let filled: Vec<&Token> = toks.iter().filter(|t| !t.is_empty()).collect();
        if filled.is_empty() {
            return;
        }
        let structural = filled
            .iter()
            .any(|t| t.class.header.is_some() || t.class.is_level() || t.class.stop);
        let expect = if self.narrative.in_section() {
            Expect::Nothing
        } else {
            std::mem::replace(&mut self.expect, Expect::Nothing)
        };
        match expect {
            // (The purpose is a field of the form's head: after the indicators, a line is a
            // note — `备注:1.预算执行情况口径… 2.定量指标完成数汇总原则…` — not the purpose.)
            Expect::Purpose
                if filled.len() == 1
                    && self.draft.project.purpose.is_none()
                    && self.draft.project.indicators.is_empty()
                    && !structural
                    && !filled[0].class.number
                    && filled[0].class.chars > 6 =>
            {
                let t = filled[0];
                self.draft.project.purpose = Some(Located::new(
                    trim(&t.text).to_string(),
                    Origin::cell(t.line, t.col),
                ));
                return;
            }
            Expect::Goals if !structural && goal_like(&join(toks)) => {
                let is_paragraph = matches!(blocks[toks[0].block], Block::Paragraph { .. });
                let cells: Vec<String> = if is_paragraph {
                    vec![join(toks)]
                } else {
                    filled
                        .iter()
                        .filter(|t| !is_goal_number_label(&t.text))
                        .map(|t| t.text.clone())
                        .collect()
                };
                let at = Origin::cell(filled[0].line, filled[0].col);
                for c in cells {
                    for g in goals_of(&c) {
                        self.draft.project.goals.push(Located::new(g, at));
                    }
                }
                self.expect = Expect::Goals;
                return;
            }
            // A sentence alone right above the indicator header, inside a form that printed
            // no goal: the 年度目标 cell whose label was lost with its merged cell (or printed
            // cut, `年度`).
            Expect::Nothing
                if self.draft.started
                    && self.draft.project.goals.is_empty()
                    && filled.len() == 1
                    && !structural
                    && !self.narrative.in_section()
                    && filled[0].class.label.is_none()
                    && !filled[0].class.number
                    && filled[0].class.chars >= 15
                    && filled[0].text.contains(['，', ',', '。', '；', ';'])
                    && self.header_follows(j) =>
            {
                let t = filled[0];
                let at = Origin::cell(t.line, t.col);
                for g in goals_of(&t.text) {
                    self.draft.project.goals.push(Located::new(g, at));
                }
                return;
            }
            _ => {}
        }
        match &blocks[toks[0].block] {
            // A paragraph printed as pipe cells (`207101天津市河北区人民法院 | 单位:万元 |`):
            // a unit line and an amount statement side by side.
            Block::Paragraph { .. }
                if filled.len() > 1
                    && filled
                        .iter()
                        .any(|t| r.unit_line(&t.text, Origin::cell(t.line, t.col))) =>
            {
                for t in &filled {
                    if let Some(u) = amount_unit(&t.text) {
                        r.amount_unit = u;
                    }
                }
            }
            Block::Paragraph { .. } => {
                let text = join(toks);
                let line = toks[0].line;
                let short = (text.len() <= 400).then(|| squeezed(&text).into_owned());
                // A new table's title, or a section heading, ends the project above.
                // (A subtitle inside a form, above its indicators, does not.)
                let title = short.as_deref().is_some_and(is_table_title);
                let form_above = self.draft.started
                    && self.draft.project.indicators.is_empty()
                    && !self.draft.project.name.value.is_empty();
                if (title && !form_above) || super::vocab::section_heading(&text).is_some() {
                    self.finish(r);
                }
                if self.draft.project.indicators.is_empty() && text.len() > 60 {
                    self.notice.read(&text, line);
                }
                // A report whose table came first and named no project (a page cut above its
                // form) may name it in the account that follows (`该…项目于…`).
                if !self.draft.started {
                    if let Some(last) = r.doc.projects.last_mut().filter(|p| p.name.value.is_empty() && p.code.is_none()) {
                        if let Some(n) = name_referred_to(&text) {
                            last.name = Located::new(n, Origin::line(line));
                        }
                    }
                }
                if !self.narrative.in_section() && self.target_list(r, &text, filled[0]) {
                    return;
                }
                self.narrative.paragraph(r, &text, short.as_deref(), line);
                r.paragraph(&text, short.as_deref(), line);
                // A table's title as the last piece of a line that holds more (a preview's
                // `1、2019年…绩效目标 1、…绩效目标表` before the form's first label) names the
                // table below.
                let last = filled[filled.len() - 1];
                // (Unless the pieces before it are part of the same title: `2、7.28 …目标表`.)
                let heading_before = || {
                    filled[..filled.len() - 1]
                        .iter()
                        .any(|t| key(&t.text).contains("目标"))
                };
                if filled.len() > 1 && last.text.len() <= 400 && (!title || heading_before()) {
                    let s = squeezed(&last.text);
                    if is_table_title(&s) {
                        if !title && !form_above {
                            self.finish(r);
                        }
                        r.paragraph(&last.text, Some(&s), last.line);
                    }
                }
            }
            Block::Table(_) => {
                let mut known = false;
                for t in &filled {
                    let at = Origin::cell(t.line, t.col);
                    if r.unit_line(&t.text, at) {
                        known = true;
                    } else if let Some(u) = amount_unit(&t.text) {
                        r.amount_unit = u;
                        known = true;
                    }
                }
                if !known && filled.len() == 1 {
                    let s = squeezed(&filled[0].text).into_owned();
                    if is_table_title(&s) {
                        self.finish(r);
                        r.paragraph(&filled[0].text, Some(&s), filled[0].line);
                        // `| 2020年度项目支出绩效自评表 |`: a title in the table's first row
                        // states the year (a numbered one, `9、…2020年…目标表`, is a
                        // project's).
                        if r.doc.year.is_none() && !strip_enumerator(&s).1 {
                            if let Some(y) = super::narrative::year_in(&s) {
                                r.doc.year = Some(Located::new(y, Origin::line(filled[0].line)));
                            }
                        }
                        known = true;
                    }
                }
                // Rows of the form's own table that say nothing known; other tables (the
                // budget disclosure) are not reported here.
                let in_form = self.form_block == Some(toks[0].block);
                if !known && self.draft.started && in_form {
                    let text: Vec<&str> = filled.iter().map(|t| t.text.as_str()).collect();
                    r.note(
                        Severity::Info,
                        Origin::line(filled[0].line),
                        format!("未识别的表格行，已跳过：{}", text.join(" | ")),
                    );
                }
            }
        }
    }
}

/// The number a goal's line opens with (`目标1:…`, `1.…`, `(2)…`), if any.
fn goal_number(text: &str) -> Option<u32> {
    let t = squeezed(text);
    let t = t.strip_prefix("目标").unwrap_or(&t);
    let t = t.trim_start_matches(['(', '（']);
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = &t[digits.len()..];
    (!digits.is_empty() && rest.starts_with([':', '：', '.', '、', ')', '）', '．']))
        .then(|| digits.parse().ok())
        .flatten()
}

/// A run of goal labels (预期目标 / 实际完成情况), whose values stand side by side after it.
fn goals_like_run(toks: &[Token], run: &[usize]) -> bool {
    run.iter().all(|&k| {
        matches!(
            toks[k].class.label,
            Some(Label::Goals | Label::Achieved | Label::Skipped)
        )
    })
}

/// A further goal below the first: numbered (`2、…`, `目标2：…`) or a sentence, not a short
/// block label (`本年度 绩效指标`).
fn goal_like(text: &str) -> bool {
    let s = squeezed(text);
    // A report's numbered heading (`4.绩效指标完成情况分析。`) opens the next section.
    let (rest, numbered) = strip_enumerator(&s);
    let rest = rest.trim_end_matches(['。', ':', '：']);
    if numbered
        && rest.chars().count() <= 20
        // (Not any ending: `2、严格监控企业安全隐患情况。` is a goal.)
        && ["分析", "完成情况", "情况说明", "存在问题", "改进措施", "意见建议", "概述", "概况"]
            .iter()
            .any(|w| rest.ends_with(w))
    {
        return false;
    }
    numbered || s.starts_with("目标") || s.chars().count() >= 12
}

/// The points a header's note states: `(20分)`, `（20分）`, `(20分*执行率)`.
fn points_note(text: &str) -> Option<Decimal> {
    let open = text.find(['(', '（'])?;
    let rest = &text[open..];
    let rest = rest.strip_prefix('(').or_else(|| rest.strip_prefix('（'))?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 || !rest[digits..].starts_with('分') {
        return None;
    }
    rest[..digits].parse().ok()
}

fn is_amount(l: Label) -> bool {
    matches!(
        l,
        Label::Total | Label::Fiscal | Label::Other | Label::CarriedOver
    )
}

fn department_wide_title(t: &str) -> bool {
    // `部門整體支出績效自評表`: traditional characters fold first.
    let folded = super::norm::fold(t);
    let s = squeezed(&folded);
    s.contains("部门整体") || s.contains("整体支出") || s.contains("整体绩效")
}

/// `单位：万元`, `金额单位：元`.
fn amount_unit(s: &str) -> Option<AmountUnit> {
    let s = squeezed(s);
    let unit_stmt = (s.starts_with("单位") || s.starts_with("金额单位")) && s.chars().count() <= 14;
    if unit_stmt {
        AmountUnit::from_statement(&s)
    } else {
        None
    }
}

/// The amount unit a label states in brackets: `项目资金（元）`, `预算数(万元)`.
fn unit_in_label(text: &str) -> Option<AmountUnit> {
    let s = squeezed(text);
    if s.contains("(万元)") || s.contains("（万元）") || s.contains("单位:万元") {
        Some(AmountUnit::WanYuan)
    } else if s.contains("(元)") || s.contains("（元）") || s.contains("单位:元") {
        Some(AmountUnit::Yuan)
    } else {
        None
    }
}

/// A printed amount, leniently: `854万(高标准农田建设400万元…)` → 854, `3,309,840.00` in a 元
/// table → 330.984.
fn money(l: &Located<String>, unit: AmountUnit) -> Option<Located<Money>> {
    let s = trim(&l.value);
    if let Some(m) = Money::parse(s, unit) {
        // `2800000.0000` printed bare in a table of 万元 (or of no stated unit) is a system
        // export in 元: one project of a department's budget does not reach 100亿元.
        let bare = s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
        if bare && unit == AmountUnit::WanYuan && m.0 >= jixiao_model::Decimal::from(1_000_000) {
            return Money::parse(s, AmountUnit::Yuan).map(|m| Located::new(m, l.at));
        }
        return Some(Located::new(m, l.at));
    }
    // The leading amount with its unit, ignoring what follows.
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '，')))
        .map_or(s.len(), |(i, _)| i);
    if end == 0 {
        return None;
    }
    let rest = &s[end..];
    // `10001000100%20` (预算数, 执行数, 执行率 and 得分 run together): the budget is the amount
    // the rate fits. (Longer than any rate: `97.80%` is read as before.)
    if rest.starts_with(['%', '％']) && end > 6 {
        if let Some((budget, _)) = budget_executed_by_rate(&s[..end]) {
            return Money::parse(budget, unit).map(|m| Located::new(m, l.at));
        }
    }
    let unit_len = ["万元", "亿元", "万", "亿", "元"]
        .iter()
        .find(|u| rest.starts_with(**u))
        .map_or(0, |u| u.len());
    Money::parse(&s[..end + unit_len], unit).map(|m| Located::new(m, l.at))
}

/// `10001000100` before a `%`: a budget, what was spent of it and the rate, run together
/// (1000 | 1000 | 100): the first cut whose rate is what was spent over the budget.
fn budget_executed_by_rate(figures: &str) -> Option<(&str, &str)> {
    use jixiao_model::Decimal;
    if figures.len() > 40 || !figures.is_ascii() {
        return None;
    }
    let part = |t: &str| -> Option<Decimal> {
        let lead_zero = t.len() > 1 && t.starts_with('0') && !t.starts_with("0.");
        let dotted = t.starts_with('.') || t.ends_with('.');
        (!t.is_empty() && !lead_zero && !dotted).then(|| t.parse().ok()).flatten()
    };
    let n = figures.len();
    for i in 1..n {
        for j in i + 1..n {
            let (Some(a), Some(b), Some(r)) = (part(&figures[..i]), part(&figures[i..j]), part(&figures[j..])) else {
                continue;
            };
            // (A rate is printed with two decimals at most: `4.7450` is figures run on.)
            let decimals = figures[j..].split_once('.').map_or(0, |(_, d)| d.len());
            if a.is_zero() || r > Decimal::from(200) || decimals > 2 {
                continue;
            }
            let rate = b / a * Decimal::from(100);
            if (rate - r).abs() <= Decimal::new(5, 1) {
                return Some((&figures[..i], &figures[i..j]));
            }
        }
    }
    None
}

/// `[103]六安市…`, `(433)乌海市…`, `324-甘孜州…`, `505_湘西州…`, `426002临西县…`: the code and the name.
/// The department's name in a 主管部门 cell: the whole cell when it is an organisation's
/// name; else its longest beginning that is one (a cell glued to the next fields:
/// `嘉峪关市文化和旅游局项目开始日期2023-01-01…`, but not `…局本级`); else the cell when it could
/// still be a name,
/// nothing when it holds figures or a label (`自评总分: 95`).
fn department_name(cell: &str) -> &str {
    let t = trim(cell);
    // A name in two merged cells (`广水市交通运输局 广水市交通运输局`) is one name.
    let mut words = t.split_whitespace();
    let t = match words.next() {
        Some(first) if words.all(|w| w == first) => first,
        _ => t,
    };
    if super::vocab::is_org_name(t) {
        return t;
    }
    let figures = |s: &str| s.contains([':', '：']) || s.chars().any(|c| c.is_ascii_digit());
    // What follows the name must be more than a word of it (`…局本级`, `…管理部门`).
    let longest = t
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&end| end < t.len())
        .rev()
        .find(|&end| {
            super::vocab::is_org_name(&t[..end])
                && (t[end..].chars().count() >= 4 || figures(&t[end..]))
        });
    match longest {
        Some(end) => trim(&t[..end]),
        None if figures(t) => "",
        None => t,
    }
}

fn split_code(s: &str) -> (Option<&str>, &str) {
    let t = trim(s);
    for (open, close) in [('[', ']'), ('(', ')'), ('（', '）'), ('【', '】')] {
        if let Some(rest) = t.strip_prefix(open) {
            if let Some(end) = rest.find(close) {
                let code = &rest[..end];
                if !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()) {
                    return (Some(code), trim(&rest[end + close.len_utf8()..]));
                }
            }
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits >= 3 {
        let rest = trim(&t[digits..]).trim_start_matches(['-', '—', '－', '_', ' ']);
        if !rest.is_empty() {
            return (Some(&t[..digits]), trim(rest));
        }
    }
    (None, t)
}

/// A project code before a name: ten or more letters and digits (most of them digits, as
/// budget systems number projects), a `-` or space, then the name.
fn leading_project_code(s: &str) -> Option<(&str, &str)> {
    let t = trim(s);
    let end = t.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))?;
    let head = &t[..end];
    // The code ends at its last separator before the name (`…19951-工资性支出`).
    // Or before a name that opens with a year (`…263357-2023年全县…`).
    let cut = head
        .rfind(['-', '_'])
        .filter(|&i| {
            let after = &head[i + 1..];
            i > 0
                && (after.is_empty()
                    || (after.len() == 4 && after.bytes().all(|b| b.is_ascii_digit()) && t[end..].starts_with('年')))
        })
        .unwrap_or(end);
    let (code, rest) = if cut < end {
        (&t[..cut], &t[cut + 1..])
    } else {
        (head, &t[end..])
    };
    let rest = trim(rest.trim_start_matches(['-', '—', '－', '_']));
    let digits = code.bytes().filter(u8::is_ascii_digit).count();
    let separated = cut < end || t[end..].starts_with([' ', '-', '—', '－', '\u{3000}']);
    (code.len() >= 10 && digits * 2 >= code.len() && separated && !rest.is_empty())
        .then_some((code, rest))
}

/// A 单位名称 cell of a grid (`820001-井研县马踏镇人民政府`).
fn unit_cell(l: &Located<String>) -> Option<BudgetUnit> {
    let (code, name) = split_code(&l.value);
    (!name.is_empty()).then(|| BudgetUnit {
        code: code.map(str::to_string),
        name: name.to_string(),
        printed: trim(&l.value).to_string(),
        at: l.at,
    })
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

/// `3月底`, `6月末`, `10月` → the quarter index in 3/6/10/12.
fn month_quarter(s: &str) -> Option<usize> {
    let s = squeezed(s);
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &s[digits.len()..];
    if !rest.starts_with('月') || rest.chars().count() > 3 {
        return None;
    }
    let m: u32 = digits.parse().ok()?;
    SpendingPlan::MONTHS.iter().position(|x| *x == m)
}

/// A bare number or an amount (`20.00`, `5万元`).
fn money_like(t: &Token, unit: AmountUnit) -> bool {
    t.class.number || money(&Located::new(t.text.clone(), Origin::default()), unit).is_some()
}

fn percent(s: &str) -> Option<Decimal> {
    let s = squeezed(s);
    let s = s.trim_end_matches(['%', '％']);
    s.parse::<Decimal>().ok()
}

/// Goals in one cell: separate paragraphs that each start with a number are separate
/// goals; otherwise the cell's lines are one text split at its numbering.
fn goals_of(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(trim)
        .filter(|l| !l.is_empty())
        .collect();
    let numbered = |l: &&str| strip_enumerator(l).1;
    if lines.len() > 1 && lines.iter().all(numbered) {
        return lines.iter().flat_map(|l| split_goals(l)).collect();
    }
    split_goals(&super::join_lines(text))
}

/// Drops pinyin left by a converter (`績效(jì xiào)` → `績效`).
fn strip_pinyin(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        match after.find(')') {
            Some(close)
                if close > 0
                    && after[..close].chars().all(|c| {
                        c == ' ' || super::norm::is_pinyin(c)
                    }) =>
            {
                out.push_str(&rest[..open]);
                rest = &after[close + 1..];
            }
            _ => {
                out.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `1、"双控"机制建设绩效目标表` → `"双控"机制建设`.
pub(super) fn name_from_title(title: &str) -> String {
    // Read without pinyin noise, then given back as printed: the name keeps the noise inside
    // it (`…財(cái)政…指標(biāo)`), as it keeps traditional characters.
    let name = name_from_plain_title(title);
    if !name.is_empty() && title.contains('(') {
        if let Some((plain, map)) = super::norm::without_pinyin_mapped(title) {
            if let Some(i) = plain.find(&name) {
                return trim(&title[map[i]..map[i + name.len()]]).to_string();
            }
        }
    }
    name
}

/// A bracketed phrase naming a project (`市级森林防火“三三制”补助经费项目`), not its publisher.
pub(super) fn names_a_project(inner: &str) -> bool {
    inner.chars().count() >= 4
        && ["项目", "资金", "经费", "工程"].iter().any(|e| inner.ends_with(e))
        && !super::vocab::is_org_name(inner)
}

/// [`name_from_title`] on the title without its pinyin noise.
fn name_from_plain_title(title: &str) -> String {
    let unnoised = strip_pinyin(title);
    // `首页>>部门信息公开>>…>>正文…`: a page's breadcrumb printed before the title.
    let unnoised = match unnoised.rfind('>') {
        Some(i) if unnoised[..i].contains("首页") => {
            let rest = &unnoised[i + 1..];
            rest.strip_prefix("正文").unwrap_or(rest).to_string()
        }
        _ => unnoised,
    };
    // `附件2:`, `附件 `: the attachment's number.
    let unnoised = match unnoised.trim_start().strip_prefix("附件") {
        Some(rest) => rest
            .trim_start_matches(|c: char| {
                c.is_ascii_digit() || c.is_whitespace() || "：:、.".contains(c)
            })
            .to_string(),
        None => unnoised,
    };
    let (t, _) = strip_enumerator(&unnoised);
    let mut t = t.to_string();
    // `(直达资金)…`: a kind printed before the name.
    if t.starts_with(['(', '（']) {
        if let Some(end) = t.find([')', '）']) {
            let inner = &t[t.chars().next().map_or(1, char::len_utf8)..end];
            if inner.chars().count() <= 8 && !inner.chars().any(|c| c.is_ascii_digit()) {
                t = t[end + t[end..].chars().next().map_or(1, char::len_utf8)..].to_string();
            }
        }
    }
    for prefix in ["关于", "關于", "关於", "關於"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.to_string();
        }
    }
    // `海口市秀英区水务局2022年衔接资金项目…`: the department before the year is the
    // publisher, not the name's.
    if let Some(y) = t.find(|c: char| c.is_ascii_digit()).filter(|&y| y > 0) {
        let digits = t[y..].chars().take_while(char::is_ascii_digit).count();
        if digits == 4
            && t[y + 4..].starts_with('年')
            && super::vocab::is_org_name(&t[..y])
            && t[y..].chars().count() >= 10
        {
            t = t[y..].to_string();
        }
    }
    // `2021年度本专科生奖助学金项目自评结果`: the year is the document's, not the name's.
    let year_len = t
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit())
        .count();
    if year_len == 4 {
        for y in ["年度", "年"] {
            if let Some(rest) = t[4..].strip_prefix(y) {
                if rest.chars().count() >= 4 {
                    t = rest.to_string();
                }
                break;
            }
        }
    }
    // `…自评表(市场监管经开区分局)`: the publisher in brackets after the form's kind; but
    // `…项目绩效自评报告(市级森林防火“三三制”补助经费项目)`: the project the report is about.
    if let Some(open) = t.rfind(['(', '（']) {
        let closed = t.ends_with([')', '）']);
        let before = trim(&t[..open]);
        if closed && (before.ends_with('表') || before.ends_with("报告")) {
            let inner = trim(t[open..].trim_start_matches(['(', '（']).trim_end_matches([')', '）']));
            t = if names_a_project(inner) { inner.to_string() } else { before.to_string() };
        }
    }
    for suffix in [
        "绩效评价报告",
        "績效評價報告",
        "自评报告",
        "評價報告",
        "评价报告",
        "項目支出績效目標表",
        "績效目標表",
        "績效自評表",
        "项目支出绩效自评表",
        "区域绩效目标自评表",
        "绩效目标自评表",
        "绩效自评表",
        "自评结果",
        "自评表",
        "项目支出绩效目标申报表",
        "绩效目标申报表",
        "项目绩效目标表",
        "绩效目标批复表",
        "绩效目标公开表",
        "区域绩效目标表",
        "绩效目标设定",
        "绩效目标表",
        "目标表",
        "绩效评价指标表",
        "评价指标表",
        "绩效指标表",
        "绩效评价表",
        "申报表",
        "批复表",
        "公开表",
        "绩效自评情况公示",
        "自评情况公示",
        "绩效自评情况",
        "自评情况",
    ] {
        if let Some(s) = t.strip_suffix(suffix) {
            t = s.to_string();
            break;
        }
    }
    // `…转移支付资金绩效的(自评报告)`: the words joining the name to the report's kind.
    for tail in ["绩效的", "的绩效", "绩效", "的"] {
        if let Some(s) = t.strip_suffix(tail) {
            if s.chars().count() >= 4 {
                t = s.to_string();
            }
            break;
        }
    }
    // `…工程项目2020年度`: the report's year after the name.
    for y in ["年度", "年"] {
        if let Some(s) = t.strip_suffix(y) {
            let digits = s.chars().rev().take_while(char::is_ascii_digit).count();
            if digits == 4 && s.chars().count() >= 8 {
                t = s[..s.len() - 4].to_string();
            }
            break;
        }
    }
    // `中央对地方专项转移支付`: the kind of money a 区域 form reports on, no project's name.
    let kind = t
        .trim_start_matches("中央对地方")
        .trim_start_matches("省对下");
    if matches!(kind, "专项转移支付" | "转移支付" | "共同财政事权转移支付") {
        return String::new();
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
                category: parse(&super::norm::key(&p.value)),
                printed: p,
                inherited: false,
            }
        }
        None => {
            let p = inherited.clone().unwrap_or_default();
            IndicatorLevel {
                category: parse(&super::norm::key(&p.value)),
                printed: p,
                inherited: true,
            }
        }
    }
}

/// A merged level-1 cell printed in the middle of its rows (vertically centred) leaves the
/// rows above it without level 1: they take it when their level 2 belongs to it.
/// Rows whose 一级指标 cell lost its name (a vertical label dropped in conversion, only `(50分)`
/// left): the level 1 their 二级指标 belongs to, marked as inherited.
fn infer_lost_level1(rows: &mut [Indicator]) {
    // A list or table that prints no level-1 cell at all (`数量指标:…;质量指标:…`, a table
    // of 二级 / 三级 only) lost none: its rows have no level 1 as printed. (A level-1 cell
    // whose name a conversion lost still stands: `(50分)`; `满意度指标` alone says
    // nothing, lists print it among their level-2 names.)
    let satisfaction_alone = |i: &Indicator| {
        i.level1.category == Some(jixiao_model::Level1::Satisfaction)
            && i.level2.printed.value.trim().is_empty()
    };
    let printed_none = rows.iter().all(|i| {
        i.level1.inherited || i.level1.printed.value.trim().is_empty() || satisfaction_alone(i)
    });
    for i in rows {
        let lost = super::norm::key(&i.level1.printed.value).is_empty();
        if let (true, Some(l2)) = (lost, i.level2.category) {
            let l1 = l2.parent(jixiao_model::Framework::Classic);
            // Unprinted, the level 1 is known (for the checks) but not shown as printed.
            let printed = if printed_none { String::new() } else { l1.name().to_string() };
            i.level1 = IndicatorLevel {
                category: Some(l1),
                printed: Located::new(printed, i.at),
                inherited: true,
            };
        }
    }
}

/// A report's list states each target, then what was achieved in a clause of its own
/// (`布防飞机数量≥6架,实际布防6架`): the clause is the row's 实际完成值, not a row.
fn actual_clauses(rows: &mut Vec<Indicator>) {
    let value = |i: &Indicator| {
        i.target.clone().or_else(|| i.evaluation.as_ref().and_then(|e| e.actual.clone()))
    };
    let mut k = 1;
    while k < rows.len() {
        let name = rows[k].level3.as_ref().map_or("", |n| n.value.trim());
        let (prev, this) = (&rows[k - 1], &rows[k]);
        // Both clauses of one sentence (a table's rows stand on lines of their own), the
        // second no more than a value's lead-in.
        let of_actual = name.starts_with("实际")
            && name.chars().count() <= 12
            && this.level3.as_ref().map(|n| n.at.line) == prev.level3.as_ref().map(|n| n.at.line)
            && this.weight.is_none()
            && this.description.is_none();
        let prev_free = prev.evaluation.as_ref().is_none_or(|e| {
            e.actual.is_none() || prev.target.is_none()
        });
        match (of_actual && prev_free && prev.level2.printed.value == this.level2.printed.value, value(prev), value(this)) {
            (true, Some(target), Some(actual)) => {
                let prev = &mut rows[k - 1];
                prev.target = Some(target);
                prev.evaluation.get_or_insert_with(Default::default).actual = Some(actual);
                rows.remove(k);
            }
            _ => k += 1,
        }
    }
}

fn backfill_level1(rows: &mut [Indicator]) {
    let Some(first) = rows.iter().position(|i| !i.level1.printed.value.is_empty()) else {
        return;
    };
    if first == 0 || !rows[first].level1.printed.value.is_empty() && !rows[first].level1.inherited {
        let l1 = rows[first].level1.clone();
        let Some(cat) = l1.category else { return };
        let fits = rows[..first].iter().all(|i| {
            i.level1.printed.value.is_empty()
                && i.level2.category.is_some_and(|c| c.belongs_to(cat))
        });
        if fits {
            for i in &mut rows[..first] {
                i.level1 = IndicatorLevel {
                    inherited: true,
                    ..l1.clone()
                };
            }
        }
    }
}

/// Records which of the form's optional columns a table just read prints: a rule about an
/// empty 指标描述 or 指标值确定依据 only applies where some table of the document has the column
/// (`Document::printed_fields`).
pub(super) fn note_printed(r: &mut Reader, columns: &[Column]) {
    let f = r.doc.printed_fields.get_or_insert_with(Default::default);
    for (column, field) in [
        (Column::Description, &mut f.description),
        (Column::Basis, &mut f.basis),
    ] {
        *field = Some(field.unwrap_or(false) || columns.contains(&column));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_executed_and_rate_run_together() {
        assert_eq!(budget_executed_by_rate("10001000100"), Some(("1000", "1000")));
        assert_eq!(budget_executed_by_rate("310.2154.7450"), Some(("310.2", "154.74")));
        // No cut makes the rate what was spent over the budget.
        assert_eq!(budget_executed_by_rate("97.80"), None);
        let at = Located::new("10001000100%20".to_string(), Origin::default());
        let m = money(&at, AmountUnit::WanYuan).expect("the budget");
        assert_eq!(m.value, Money::wan(jixiao_model::Decimal::from(1000)));
    }

    #[test]
    fn titles_and_months() {
        assert_eq!(
            name_from_title("1、\"双控\"机制建设绩效目标表"),
            "\"双控\"机制建设"
        );
        assert_eq!(
            name_from_title("1.  安全生产专项经费项目绩效目标表"),
            "安全生产专项经费"
        );
        assert_eq!(
            name_from_title("宁晋县高中助学金项目绩效评价指标表"),
            "宁晋县高中助学金项目"
        );
        assert_eq!(name_from_title("2023年雨露计划申报表"), "雨露计划");
        assert_eq!(
            name_from_title("保山市林业和草原局2021年度项目绩效自评报告(市级森林防火“三三制”补助经费项目)"),
            "市级森林防火“三三制”补助经费项目"
        );
        assert_eq!(
            name_from_title("海口市秀英区水务局2022年衔接资金项目绩效自评报告"),
            "衔接资金项目"
        );
        // An attachment's number, a transfer payment's 区域 table, a breadcrumb before it.
        assert_eq!(
            name_from_title("附件 生猪(牛羊)调出大县奖励资金区域绩效目标表"),
            "生猪(牛羊)调出大县奖励资金"
        );
        assert_eq!(
            name_from_title("附件2:农田建设资金绩效目标表"),
            "农田建设资金"
        );
        assert_eq!(
            name_from_title(
                "首页>>部门信息公开>>某县交通运输局>>正文某县公路安全生命防护工程绩效自评报告"
            ),
            "某县公路安全生命防护工程"
        );
        // A 区域 self-evaluation of a transfer fund names no project; its publisher in brackets.
        assert_eq!(
            name_from_title("2021年中央对地方专项转移支付区域绩效目标自评表(市场监管经开区分局)"),
            ""
        );
        assert_eq!(
            name_from_title("2021年农田建设资金区域绩效目标自评表（某县农业农村局）"),
            "农田建设资金"
        );
        // A 部门整体 title in traditional characters with a converter's pinyin left in.
        assert!(department_wide_title("2020年忠烈祠免費開放經費236.25萬元部門整體支出績效自評表"));
        assert!(department_wide_title("部门整体支出绩效目标表"));
        assert!(!department_wide_title("忠烈祠免費開放經費項目支出績效自評表"));
        assert_eq!(month_quarter("3月底"), Some(0));
        assert_eq!(month_quarter("12月底"), Some(3));
        assert_eq!(month_quarter("5月底"), None);
        assert!(is_goal_number_label("目标1"));
        assert!(!is_goal_number_label("目标"));
    }

    #[test]
    fn codes_and_amounts() {
        assert_eq!(
            split_code("[103]六安市金安区残疾人联合会"),
            (Some("103"), "六安市金安区残疾人联合会")
        );
        assert_eq!(
            split_code("(433)乌海市供销合作社联合社(部门)"),
            (Some("433"), "乌海市供销合作社联合社(部门)")
        );
        assert_eq!(
            split_code("820001-井研县马踏镇人民政府"),
            (Some("820001"), "井研县马踏镇人民政府")
        );
        assert_eq!(split_code("区卫生健康局"), (None, "区卫生健康局"));
        let m = |s: &str, u| {
            money(&Located::new(s.to_string(), Origin::default()), u).map(|m| m.value.0.to_string())
        };
        assert_eq!(
            m("854万(高标准农田建设400万元)", AmountUnit::WanYuan).as_deref(),
            Some("854")
        );
        assert_eq!(
            m("3,309,840.00", AmountUnit::Yuan).as_deref(),
            Some("330.984")
        );
        assert_eq!(m("6070.00", AmountUnit::WanYuan).as_deref(), Some("6070"));
    }
}

#[cfg(test)]
mod glued_amount_tests {
    use super::*;

    #[test]
    fn glued_funds_rows_split_where_the_rate_holds() {
        let cols = [
            Some(Funds::Annual),
            Some(Funds::Executed),
            Some(Funds::Weight),
            Some(Funds::Rate),
            Some(Funds::Score),
        ];
        assert_eq!(
            split_glued_amounts("202010100.00%10", &cols),
            Some(vec![
                "20".into(),
                "20".into(),
                "10".into(),
                "100.00%".into(),
                "10".into()
            ])
        );
        assert_eq!(
            split_glued_amounts("2020", &cols),
            Some(vec!["20".into(), "20".into()])
        );
        assert_eq!(
            split_glued_amounts("45.545.510100%10", &cols).map(|v| v[0].clone()),
            Some("45.5".into())
        );
        assert_eq!(split_glued_amounts("甲", &cols), None);
        // A central transfer's block has no 分值: budget, execution and rate.
        let plain = [Some(Funds::Annual), Some(Funds::Executed), Some(Funds::Rate)];
        assert_eq!(
            split_glued_amounts("40004000100%", &plain),
            Some(vec!["4000".into(), "4000".into(), "100%".into()])
        );
    }
}

/// Whether `text` is itself `label:value` (`单位负责人:谭呈祥`), so it cannot be the value of
/// the label before it.
fn starts_with_label(text: &str) -> bool {
    let Some((head, _)) = text.split_once([':', '：']) else {
        return false;
    };
    head.chars().count() <= 12 && super::vocab::label(head).is_some()
}

#[cfg(test)]
mod label_value_tests {
    #[test]
    fn bare_amounts_beyond_any_project_are_yuan() {
        use jixiao_model::{AmountUnit, Located, Origin};
        let m = |s: &str, u| super::money(&Located::new(s.to_string(), Origin::line(1)), u).map(|m| m.value.0.to_string());
        assert_eq!(m("2800000.0000", AmountUnit::WanYuan).as_deref(), Some("280"));
        assert_eq!(m("10606.7522", AmountUnit::WanYuan).as_deref(), Some("10606.7522"));
        // A printed unit is taken at its word.
        assert_eq!(m("2800000万元", AmountUnit::WanYuan).as_deref(), Some("2800000"));
        assert_eq!(m("2800000", AmountUnit::Yuan).as_deref(), Some("280"));
    }

    #[test]
    fn a_report_heading_is_no_goal() {
        use super::goal_like;
        assert!(!goal_like("4.绩效指标完成情况分析。"));
        assert!(!goal_like("(三)存在问题"));
        assert!(!goal_like("2.项目实施内容及过程概述"));
        // A goal may end in 情况 all the same.
        assert!(goal_like("2、严格监控企业安全隐患情况。"));
        assert!(goal_like("1、提高辖区防灾减灾救灾意识和技能。"));
    }

    #[test]
    fn a_labelled_field_is_no_value() {
        assert!(super::starts_with_label("单位负责人:谭呈祥"));
        assert!(super::starts_with_label("联系电话：0731-1234567"));
        assert!(!super::starts_with_label("南岳区乡村振兴局"));
        assert!(!super::starts_with_label("备注:以上为预计数"));
        assert!(!super::starts_with_label("2023年雨露计划就学补助项目"));
    }
}


#[cfg(test)]
mod leading_project_code_tests {
    use super::leading_project_code;

    #[test]
    fn a_budget_system_code_before_the_name() {
        assert_eq!(leading_project_code("51000021R000000019951-工资性支出"), Some(("51000021R000000019951", "工资性支出")));
        assert_eq!(
            leading_project_code("51092324T000010263357-2023年全县安可替代补助资金项目"),
            Some(("51092324T000010263357", "2023年全县安可替代补助资金项目"))
        );
        assert_eq!(leading_project_code("2023年全县安可替代补助资金项目"), None);
        assert_eq!(leading_project_code("5.12防灾减灾宣传周活动经费"), None);
    }
}

#[cfg(test)]
pub(super) fn place_columns_for_test(text: &str) -> usize {
    place_columns(text)
}
