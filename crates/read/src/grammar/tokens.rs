//! From blocks to a stream of tokens: every cell or piece of text the document prints, in
//! order, each with the strength of the boundary before it.
//!
//! Tables arrive with their rows and cells known (office files, Word dumps, pipe tables);
//! flattened tables do not: one cell per line or paragraph, cells split by runs of spaces or
//! by ` | `, or glued together without any separator. The stream keeps whatever boundary the
//! text shows ([`Break`]) and splits glued text where vocabulary or a target value begins,
//! so that the table grammar can assemble rows from content whatever the delimiter.

use jixiao_model::text::{is_cjk, trim};

use super::class::{classify, classify_words, complete, target_shape, Class, Shape};
use super::vocab::Column;
use crate::layout::Block;

/// The boundary before a token, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Break {
    /// None: the text was glued and split by its content.
    Glue,
    /// One space inside a line.
    Space,
    /// The end of a list item inside a line (`；`, `。`, a comma after a value).
    Clause,
    /// A run of spaces or a ` | ` inside a line: a cell boundary, unless the text wrapped.
    Gap,
    /// A table cell boundary.
    Cell,
    /// A line break.
    Line,
    /// A blank line (or a paragraph boundary in an office file).
    Blank,
    /// A table row boundary.
    Row,
}

/// One cell or piece of text.
#[derive(Debug, Clone)]
pub struct Token {
    /// As printed, trimmed; paragraphs inside a cell joined by `\n`.
    pub text: String,
    pub line: u32,
    /// The cell's column in its table row (1-based), or the piece's place in its line.
    pub col: u32,
    pub brk: Break,
    /// How many spaces were printed before the piece inside its line, for joining pieces
    /// back (white space is never compared, so its kind is not kept).
    pub gap: u8,
    /// Spaces before a line's first piece, on that piece (an indentation tree's depth: the
    /// value printed deeper than its name); 0 on every other token.
    pub indent: u8,
    /// Index of the block the token comes from.
    pub block: usize,
    /// A table cell (of a table, a pipe row or a pipe line), not a piece of running text.
    pub cell: bool,
    /// A cell of a table block (office files, Word dumps, `|`-led pipe tables).
    pub table: bool,
    /// The vocabulary classes; [`Token::full`] adds the value classes when asked.
    pub class: Class,
    /// All classes, computed on first use and shared by the tokens of one text (a table
    /// prints its level names, values and bases row after row; each is completed once).
    full: Shared,
    /// The classes of this token joined with the next 1..[`MAX_SPAN`] tokens as one cell
    /// ([`span_class`]): the table grammar tries many layouts over the same tokens.
    spans: std::cell::OnceCell<Box<[std::cell::OnceCell<Class>]>>,
}

/// Most tokens one cell may take (text split at spaces or glued vocabulary).
pub const MAX_SPAN: usize = 16;

impl Token {
    fn new<'b>(
        cache: &mut Classes<'b>,
        text: &'b str,
        line: u32,
        col: u32,
        brk: Break,
        gap: &str,
        block: usize,
    ) -> Token {
        let (class, full) = cache.shared(text);
        Token::with_class(text, (class, full), line, col, brk, gap, block)
    }

    fn with_class(
        text: &str,
        (class, full): (Class, Shared),
        line: u32,
        col: u32,
        brk: Break,
        gap: &str,
        block: usize,
    ) -> Token {
        Token {
            text: text.to_string(),
            line,
            col,
            brk,
            gap: gap.chars().count().min(255) as u8,
            indent: 0,
            block,
            cell: false,
            table: false,
            class,
            full,
            spans: std::cell::OnceCell::new(),
        }
    }

    fn in_cell(mut self) -> Token {
        self.cell = true;
        self
    }

    fn in_table(mut self) -> Token {
        self.cell = true;
        self.table = true;
        self
    }

    /// All classes, the value classes computed on first use.
    pub fn full(&self) -> &Class {
        self.full.get_or_init(|| complete(self.class, &self.text))
    }

    pub fn is_empty(&self) -> bool {
        self.class.empty
    }
}

/// All classes of `tokens[p..p + len]` joined as one cell ([`join`]), computed once per
/// document: every layout the table grammar tries asks for the same spans.
pub fn span_class(tokens: &[Token], p: usize, len: usize) -> Class {
    if len == 1 {
        return *tokens[p].full();
    }
    let slots = tokens[p]
        .spans
        .get_or_init(|| (1..MAX_SPAN).map(|_| std::cell::OnceCell::new()).collect());
    // A total row's label or page furniture is never part of a cell with its neighbours
    // (`合计100 评价结论…` is no indicator).
    let joined = || {
        let mut c = classify(&join(&tokens[p..p + len]));
        c.stop |= tokens[p..p + len].iter().any(|t| t.class.stop);
        // Nor is a level's name glued before text (`社会效益指标受益…户人口数` after an empty
        // `经济效益指标`): the name is the level, the text the next cell.
        c.stop |= tokens[p].class.is_level() && tokens[p + 1].brk == Break::Glue && !c.is_level();
        // Nor is a name printed twice in a row (`培训人员人次培训人员人次达标`): the copy opens
        // the next cell.
        c.stop |= tokens[p..p + len]
            .windows(2)
            .any(|w| w[1].brk == Break::Glue && w[0].class.chars >= 3 && w[0].text == w[1].text);
        c
    };
    match slots.get(len - 2) {
        Some(slot) => *slot.get_or_init(joined),
        None => joined(),
    }
}

/// A fast hash for short cell texts (FxHash): the cache below is looked up for every cell.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
}

type FxBuild = std::hash::BuildHasherDefault<Fx>;

/// A token's full classes ([`Token::full`]), computed once for all tokens of one text.
type Shared = std::rc::Rc<std::cell::OnceCell<Class>>;

/// The vocabulary classes of the texts of the document being read: tables repeat their
/// level names, values and bases row after row. Keyed by the blocks' own text (no copy);
/// made anew for each document. Each text also has the one cell its tokens share for their
/// full classes.
#[derive(Default)]
struct Classes<'b>(std::collections::HashMap<&'b str, (Class, Shared), FxBuild>);

impl<'b> Classes<'b> {
    /// [`classify_words`] of a text of the blocks.
    fn get(&mut self, text: &'b str) -> Class {
        self.shared(text).0
    }

    /// [`classify_words`] of a text of the blocks, and the cell of its full classes.
    fn shared(&mut self, text: &'b str) -> (Class, Shared) {
        if text.len() > 120 {
            return (classify_words(text), Shared::default()); // long texts rarely repeat
        }
        let (c, full) = self
            .0
            .entry(text)
            .or_insert_with(|| (classify_words(text), Shared::default()));
        (*c, full.clone())
    }

    /// [`classify_words`] of a text made on the way (pieces joined back): looked up, not kept.
    fn peek(&self, text: &str) -> Class {
        match self.0.get(text) {
            Some((c, _)) if text.len() <= 120 => *c,
            _ => classify_words(text),
        }
    }
}

/// Joins consecutive tokens back into one text, as printed.
pub fn join(tokens: &[Token]) -> String {
    let mut out = String::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.is_empty() {
            continue;
        }
        if i > 0 && !out.is_empty() {
            match t.brk {
                Break::Glue => {}
                Break::Space | Break::Gap => out.extend(std::iter::repeat_n(' ', t.gap as usize)),
                Break::Clause => {}
                _ => {
                    // A line break inside a cell: Chinese wraps without a space.
                    let ascii_both = out.ends_with(|c: char| c.is_ascii_alphanumeric())
                        && t.text.starts_with(|c: char| c.is_ascii_alphanumeric());
                    if ascii_both {
                        out.push(' ');
                    }
                }
            }
        }
        out.push_str(&t.text);
    }
    out
}

/// Is the line one printed as pipe-separated cells (`a | b |`, `|`, `||||`)?
fn pipe_pieces(line: &str) -> Option<Vec<&str>> {
    if !line.contains('|') {
        return None;
    }
    let t = trim(line);
    let inner = t.strip_prefix('|').unwrap_or(t);
    let mut pieces: Vec<&str> = inner.split('|').map(trim).collect();
    // A terminating `|` closes the last cell.
    if t.ends_with('|') {
        pieces.pop();
    }
    Some(pieces)
}

/// Splits a line of text at runs of two or more spaces (cells) and single spaces (maybe
/// cells): `(gap before, piece)`.
/// Whether a figure after `before` may open a value glued to a name: after a word, but not
/// after the words a figure belongs to (`第3`, `共5`, `指标1`, `2023年12`).
fn word_before_figure(before: char) -> bool {
    is_cjk(before) && !"第指标约近共计年月日号".contains(before)
}

/// White space that separates pieces inside a line (and indents it).
fn is_line_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{a0}' | '\t')
}

fn space_pieces(line: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut gap_start = 0;
    for (i, c) in line.char_indices() {
        let space = is_line_space(c);
        match (space, start) {
            (true, Some(s)) => {
                out.push((&line[gap_start..s], &line[s..i]));
                start = None;
                gap_start = i;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((&line[gap_start..s], &line[s..]));
    }
    // The first piece has no gap inside its line.
    if let Some(first) = out.first_mut() {
        first.0 = "";
    }
    out
}

fn gap_break(gap: &str) -> Break {
    let n = gap.chars().count();
    if gap.contains('\t') || n >= 2 || gap.contains('\u{3000}') {
        Break::Gap
    } else {
        Break::Space
    }
}

/// Words that begin a new field inside glued text: level names, headers, labels.
const ANCHORS: &[&str] = &[
    "一级指标",
    "二级指标",
    "三级指标",
    "绩效指标描述",
    "指标值确定依据",
    "指标解释",
    "产出指标",
    "效益指标",
    "效果指标",
    "满意度指标",
    "成本指标",
    "项目完成指标",
    "项目效益指标",
    "数量指标",
    "质量指标",
    "时效指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "社会公众或服务对象满意度指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "服务对象满意度",
    "产出目标",
    "效益目标",
    "效果目标",
    "满意度目标",
    "成本目标",
    "数量目标",
    "质量目标",
    "时效目标",
    "项目名称",
    "主管部门",
    "实施单位",
    "年度资金总额",
    "其中:财政拨款",
    "其中：财政拨款",
    "其他资金",
    "年度绩效目标",
    "年度目标",
    "总体目标",
    "绩效目标",
    "绩效指标",
    "长期绩效指标",
    "中长期绩效指标",
    "年度绩效指标",
    "指标值",
    "目标值",
    "项目编码",
    "资金用途",
    "预算数",
    "年度指标值",
    "实际完成值",
    "全年实际值",
    "偏差原因分析及改进措施",
    "分值",
    "得分",
    "社会效益目标",
    "经济效益目标",
    "生态效益目标",
    "可持续影响目标",
    // The levels of the 中央预算内投资 template (以工代赈 and other NDRC projects).
    "实施效果指标",
    "过程管理指标",
    "计划管理指标",
    "资金管理指标",
    "项目管理指标",
    "监督检查指标",
    // (Printed so in seed 001: `可持续性影响企业达标以及事故预防`.)
    "可持续性影响指标",
    "可持续性影响",
];

/// Every word glued text is split at: [`ANCHORS`] and the vocabulary's labels and column
/// headers of three characters or more.
fn anchors() -> &'static [&'static str] {
    static ALL: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<&'static str> = ANCHORS.to_vec();
        all.extend(super::vocab::LABELS.iter().map(|(w, _)| *w));
        all.extend(super::vocab::COLUMNS.iter().map(|(w, _)| *w));
        // The funds block's columns (`全年预算数` before `预算数` is cut as a label).
        all.extend([
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "调整后预算数",
            "实际执行数",
            "执行率",
            "预算执行率",
            // A central transfer's 区域(项目) self-evaluation: its name's label and the
            // departments of each level (`中央主管部门财政部`).
            "转移支付(项目)名称",
            "转移支付（项目）名称",
            "中央主管部门",
            "地方主管部门",
            // `部门:505_湘西州教育和体育局金额单位:万元`: the short label with its colon.
            "部门:",
            "部门：",
        ]);
        all.retain(|w| w.chars().count() >= 3 || matches!(*w, "分值" | "得分" | "权重"));
        all.sort_unstable();
        all.dedup();
        all
    })
}

/// The anchors as one leftmost-longest automaton, built once (glue cuts, broken-word
/// mending and the glued-form checks all scan with it).
fn anchor_automaton() -> &'static aho_corasick::AhoCorasick {
    static ALL: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(anchors())
            .expect("anchor lists build")
    })
}

/// The level names among the anchors: the only words running prose is split at.
const LEVEL_ANCHORS: &[&str] = &[
    "产出指标",
    "效益指标",
    "效果指标",
    "满意度指标",
    "成本指标",
    "数量指标",
    "质量指标",
    "时效指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "社会效益目标",
    "经济效益目标",
    "生态效益目标",
    "可持续影响目标",
    // 福建's reports name the levels 目标 (`(3)数量目标:…绩效目标值是2个`).
    "数量目标",
    "质量目标",
    "时效目标",
    "成本目标",
];

/// Whether `c` is a comparison sign a glued target value starts with (`≥≤<>≧≦＞＜﹥﹤`). Asked
/// of nearly every character of glued text: a `match`, where `"≥≤…".contains(c)` builds a
/// substring searcher for each character.
fn is_operator(c: char) -> bool {
    matches!(c, '≥' | '≤' | '<' | '>' | '≧' | '≦' | '＞' | '＜' | '﹥' | '﹤')
}

/// Whether `c` is a sign a target value may start with (`≥≤<>=≧≦＞＜＝≈`, and the small forms
/// `﹥﹤﹦` some converters print).
fn is_value_sign(c: char) -> bool {
    // (`═`: a converter's double rule for =, `═100%`.)
    matches!(c, '≥' | '≤' | '<' | '>' | '=' | '≧' | '≦' | '＞' | '＜' | '＝' | '﹥' | '﹤' | '﹦' | '≈' | '═')
}

/// Characters units end in (`个`, `万元`, `平方米`): a comma after one may end a value.
// The traditional forms too (`>=2個0個`): tables in traditional characters are read as printed.
const UNIT_CHARS: &str = "个次人份家天日辆台套件场户元年月周分项处所座米亩吨册期批篇条部名支队张本组类块箱只株棵间栋宗起单页门网区镇村点盏根架艘度头孔眼口节届轮遍班种斤克升倍例個輛臺場戶項處張組類塊隻間棟單頁門網區鎮點盞節屆輪種噸畝冊條隊頭";

/// Whether `c` is one of [`UNIT_CHARS`]: asked for nearly every character of glued text, so
/// looked up in a sorted copy (a search of the string costs a scan of ~300 bytes).
fn is_unit_char(c: char) -> bool {
    static SORTED: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let sorted = SORTED.get_or_init(|| {
        let mut v: Vec<char> = UNIT_CHARS.chars().collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    sorted.binary_search(&c).is_ok()
}

/// Splits a piece into list items: after `；` / `;` / `。`, and after a comma that follows a
/// value (`…≥80万元,促使…`).
pub(super) fn clauses(piece: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in piece.char_indices() {
        let end = i + c.len_utf8();
        if end >= piece.len() {
            break;
        }
        let cut = match c {
            '；' | ';' | '。' => true,
            // `44,561`: a thousands separator.
            ',' if piece[..i].ends_with(|c: char| c.is_ascii_digit())
                && piece[end..].starts_with(|c: char| c.is_ascii_digit()) =>
            {
                false
            }
            // A comma after a value: only worth checking after a figure, a percent sign or a
            // unit-like character.
            // (`1429.39hm,`: a unit in letters too.)
            ',' | '，'
                if !(piece[..i].ends_with(|p: char| {
                    p.is_ascii_digit() || p.is_ascii_alphabetic() || matches!(p, '%' | '％' | '‰' | '时') || is_unit_char(p)
                }) || piece[..i].ends_with("以上")
                    || piece[..i].ends_with("以下")
                    || piece[..i].ends_with("以内")) =>
            {
                false
            }
            // `得10分,每减少1%扣1分`: a scoring rule's clauses are one cell.
            ',' | '，' if scored_before(&piece[start..i]) => false,
            ',' | '，' => {
                let before = &piece[start..i];
                trailing_value(before).is_some_and(|v| target_shape(&before[v..]) == Shape::Strong)
                    || target_shape(before) == Shape::Strong
            }
            _ => false,
        };
        if cut && end > start {
            out.push(&piece[start..end]);
            start = end;
        }
    }
    if start < piece.len() {
        out.push(&piece[start..]);
    }
    out
}

/// The length of a unit in brackets at the start of `rest` (`（%）`, `(个)`, `（万元）`), 0 if none.
fn unit_bracket_len(rest: &str) -> usize {
    let Some(open) = rest.chars().next().filter(|c| matches!(c, '(' | '（')) else { return 0 };
    let inner = &rest[open.len_utf8()..];
    let Some(close) = inner.find([')', '）']) else { return 0 };
    let unit = &inner[..close];
    let short = (1..=3).contains(&unit.chars().count())
        && unit.chars().all(|c| is_unit_char(c) || matches!(c, '%' | '％' | '万' | '亿' | '千' | '平' | '方' | '公'));
    if short {
        open.len_utf8() + close + inner[close..].chars().next().map_or(0, char::len_utf8)
    } else {
        0
    }
}

/// Whether `before` ends with a scoring rule's points (`得10分`, `扣0.5分`).
fn scored_before(before: &str) -> bool {
    let Some(body) = before.strip_suffix('分') else { return false };
    let figure = body.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    figure.len() < body.len() && figure.ends_with(['得', '扣'])
}

/// The length of a points annotation at the start of `rest`: `(10分)`, `（5分）`, `15分`.
/// The length of a note right after a level's name in glued text that belongs to the name:
/// its points (`(10分)`, `15分`), marks (`*`, `★★`) or a template's note in brackets
/// (`(必填硬性指标)`, `（必填）`).
fn level_note_after(rest: &str) -> usize {
    // (A bracketed note one space after the name, `数量指标 (必填硬性指标)`, too.)
    if let Some(spaced) = rest.strip_prefix([' ', '\u{3000}']).filter(|r| r.starts_with(['(', '（'])) {
        let note = level_note_after(spaced);
        return if note > 0 { rest.len() - spaced.len() + note } else { 0 };
    }
    let points = points_after(rest);
    if points > 0 {
        return points;
    }
    // `服务对象满意度指标等`: the template's `等` after a level's name (no name starts so).
    if rest.starts_with('等') && !rest.starts_with("等级") {
        return '等'.len_utf8();
    }
    let marks: usize = rest
        .chars()
        .take_while(|c| matches!(c, '*' | '＊' | '★' | '☆'))
        .map(char::len_utf8)
        .sum();
    if marks > 0 {
        return marks;
    }
    // (A bracketed note, as after a header's word, that a template prints.)
    let len = header_note_after(rest);
    let note = rest[..len].trim_start_matches(['(', '（']).trim_end_matches([')', '）']);
    let template = ["必填", "选填", "硬性", "核心", "共性", "个性"].iter().any(|w| note.contains(w));
    if template && note.chars().count() <= 12 {
        len
    } else {
        0
    }
}

/// Level-2 names printed without their `指标` (`产出数量`, `经济效益`), of four characters or
/// more (two-character ones, `质量`, start indicator names too: `质量合格率`).
const SHORT_LEVEL2: &[&str] = &[
    "产出数量",
    "产出质量",
    "产出时效",
    "产出成本",
    "经济效益",
    "社会效益",
    "生态效益",
    "环境效益",
    "可持续影响",
    "可持续性影响",
    "经济成本",
    "社会成本",
    "生态环境成本",
    "服务对象满意度",
];

/// The length of a short level-2 name (see [`SHORT_LEVEL2`]) opening `rest` and followed by
/// more text (a name of its row), not by `指标` / `目标` (the full name, an anchor).
fn short_level2_at(rest: &str) -> Option<usize> {
    let w = SHORT_LEVEL2.iter().filter(|w| rest.starts_with(**w)).max_by_key(|w| w.len())?;
    let after = &rest[w.len()..];
    let more = after.chars().take(2).count() == 2;
    let named = ["指标", "目标", "类", "方面", "的", "和", "与", "及", "、", ",", "，", ")", "）", ":", "："]
        .iter()
        .any(|x| after.starts_with(x));
    // (`社会效益效益指标`: a level's name printed so, one cell.)
    let level_next = LEVEL_ANCHORS.iter().any(|l| after.starts_with(l));
    (more && !named && !level_next).then_some(w.len())
}

fn points_after(rest: &str) -> usize {
    let (open, body) = match rest.strip_prefix(['(', '（']) {
        Some(b) => (rest.len() - b.len(), b),
        None => (0, rest),
    };
    let digits = body
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(body.len());
    // `(40 分)`: a conversion's space inside the brackets.
    let spaced = if open > 0 { body[digits..].len() - body[digits..].trim_start_matches(' ').len() } else { 0 };
    if digits == 0 || !body[digits + spaced..].starts_with('分') {
        return 0;
    }
    let after = &body[digits + spaced + '分'.len_utf8()..];
    if open > 0 {
        match after.strip_prefix([')', '）']) {
            Some(a) => rest.len() - a.len(),
            None => 0,
        }
    } else if after.starts_with(['值', '数']) {
        0 // `10分值`: a header word, not points
    } else {
        rest.len() - after.len()
    }
}

/// The length of the text right after a form word that makes the word part of a table's
/// name (`绩效目标` + `自评表`), if any.
fn title_word_after(rest: &str) -> Option<usize> {
    [
        "自评表",
        "申报表",
        "公开表",
        "批复表",
        "评价表",
        "自评报告",
        "评价报告",
        "表",
    ]
    .iter()
    .find(|w| rest.starts_with(*w))
    .map(|w| w.len())
    // `…绩效目标自评` (a title without its 表).
    .or_else(|| (rest == "自评").then_some(rest.len()))
}

/// `设1条`, `设 2 条`, `设置3个`, `共4项`: how many indicators a level holds, printed before its
/// name in prose (`设1条数量指标:开通业务月份≥1个月;设1条质量指标:…`).
fn is_count_prefix(s: &str) -> bool {
    // (Without a figure there is no count: most text is not copied to be checked.)
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.trim_start_matches([';', '；', ',', '，', '。', ':', '：']);
    // The verb may be lost to a page or a space before it (`…;设 1条质量指标`, a page
    // starting `1条数量指标:`): the count alone says it.
    let (rest, verb) = match ["设置", "设定", "共设", "设", "共"].iter().find_map(|p| s.strip_prefix(p)) {
        Some(rest) => (rest, true),
        None => (s, false),
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    // Without the verb only `条` counts indicators (`8个安置小区` is a quantity).
    let words: &[&str] = if verb { &["条", "个", "项"] } else { &["条"] };
    digits > 0 && digits <= 2 && words.contains(&&rest[digits..])
}

/// The length of a bracketed note right after a column header (`（包含数字及文字描述）`,
/// `(万元)`), or 0.
fn header_note_after(rest: &str) -> usize {
    let Some(open) = rest.chars().next().filter(|c| matches!(c, '(' | '（')) else {
        return 0;
    };
    let inner = &rest[open.len_utf8()..];
    inner
        .char_indices()
        .take(20)
        .find(|&(_, c)| matches!(c, ')' | '）'))
        .map_or(0, |(k, c)| open.len_utf8() + k + c.len_utf8())
}

/// Where glued text is split: before each anchor word and before a trailing target value.
fn glue_cuts(piece: &str, levels_only: bool, cells: bool) -> Vec<usize> {
    let mut cuts = Vec::new();
    if piece.chars().count() < 5 {
        return cuts;
    }
    // Pinyin noise inside words (`績(jī)效指標(biāo)`) hides them: cut the text without it,
    // each cut standing after the group of the character before it.
    if piece.contains('(') {
        if let Some((plain, map)) = super::norm::without_pinyin_mapped(piece) {
            return glue_cuts(&plain, levels_only, cells).into_iter().map(|c| map[c]).collect();
        }
    }
    // Traditional text (`產出目標數量目標…`) is matched in its simplified form; folding
    // keeps every character's width, so the cuts stand at the same bytes.
    let folded;
    let (piece, raw) = if piece.contains('標') || piece.contains('稱') {
        folded = super::norm::fold_same_width(piece);
        (folded.as_str(), piece)
    } else {
        (piece, piece)
    };
    // (The six words in one scan: this is asked of every piece and item of a line.)
    static INTERESTING: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let interesting = INTERESTING
        .get_or_init(|| {
            aho_corasick::AhoCorasick::new(["指标", "名称", "目标", "部门", "单位", "资金", "执行"])
                .expect("word list builds")
        })
        .is_match(piece);
    if interesting {
        // Leftmost-longest words, in one pass.
        static LEVELS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
        let build = |words: &[&str]| {
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(words)
                .expect("anchor lists build")
        };
        let ac = if levels_only {
            LEVELS.get_or_init(|| build(LEVEL_ANCHORS))
        } else {
            anchor_automaton()
        };
        // In a sentence (`…未按照绩效目标及时执行,…。`) a form label is a word of it, unless
        // a colon makes it a label (`绩效目标:…`).
        // A form glued together that holds a sentence or two (`项目名称…项目实施单位…项目主管
        // 单位…项目年度目标2022年市急救中心正式运行。…`) names several fields: it is no sentence.
        let found: Vec<(usize, usize)> = ac
            .find_iter(piece)
            .map(|m| (m.start(), m.end() - m.start()))
            // Inside brackets a word is part of a note (`结余率(计算方法为:结余数/预算数)`).
            .filter(|&(i, _)| !inside_brackets(piece, i))
            // A label's value follows it; before a comma the word is a sentence's
            // (`…将资金落实到具体项目单位,并严格按照…`).
            .filter(|&(i, len)| {
                !(piece[i + len..].starts_with([',', '，'])
                    && super::vocab::label_of_key(&piece[i..i + len]).is_some())
            })
            .collect();
        // `产出指标产出数量完成…`, `效益指标经济效益减轻…`: a level 2 printed short (no 指标)
        // right after its level 1 (and the level's points), or opening a row of glued cells,
        // is the level 2's cell.
        let mut found = found;
        if !levels_only {
            let after_level1 = found
                .iter()
                .filter(|&&(i, len)| jixiao_model::Level1::from_printed(&piece[i..i + len]).is_some())
                .map(|&(i, len)| i + len + level_note_after(&piece[i + len..]));
            let starts: Vec<usize> = (!cells).then_some(0).into_iter().chain(after_level1).collect();
            for at in starts {
                if let Some(len) = short_level2_at(&piece[at..]) {
                    if !found.iter().any(|&(i, l)| i <= at && at < i + l) {
                        found.push((at, len));
                    }
                }
            }
            found.sort_unstable();
        }
        let sentence = piece.contains(['。', '，', '；']) && {
            // Counted from the words already found (no second scan: this runs for every
            // piece with a comma).
            let mut labels: Vec<&str> = found
                .iter()
                .map(|&(i, len)| &piece[i..i + len])
                .filter(|w| super::vocab::label_of_key(w).is_some())
                .collect();
            labels.sort_unstable();
            labels.dedup();
            labels.len() < 4
        };
        // A label right after a table's title (`…绩效目标表绩效目标保障…，…。`) starts the
        // form, sentence or not: both words stand.
        let title_end = |i: usize, len: usize| Some(i + len + title_word_after(&piece[i + len..])?);
        let after_title: Vec<usize> = found
            .iter()
            .filter_map(|&(i, len)| title_end(i, len))
            .filter(|e| found.iter().any(|&(j, _)| j == *e))
            .collect();
        let hits: Vec<(usize, usize)> = found
            .into_iter()
            .filter(|&(i, len)| {
                !sentence
                    || i == 0
                    || after_title.contains(&i)
                    || title_end(i, len).is_some_and(|e| after_title.contains(&e))
                    || piece[i + len..].starts_with([':', '：'])
                    || super::vocab::label_of_key(&piece[i..i + len]).is_none()
            })
            .collect();
        // A word that a table's name goes on from (`…绩效目标自评表`, `绩效指标表`) is the
        // title's, not a label: the title ends after its last word.
        let mut title_ends = Vec::new();
        let hits: Vec<(usize, usize)> = hits
            .into_iter()
            .filter(|&(i, len)| match title_word_after(&piece[i + len..]) {
                Some(w) => {
                    title_ends.push(i + len + w);
                    false
                }
                None => true,
            })
            .collect();
        // `车辆购置税收入补助地方资金(普通省道公路建设)`: a money label is followed by its
        // amount, its unit's note or another label; followed by a note of words in brackets
        // it is part of a name.
        let hits: Vec<(usize, usize)> = hits
            .into_iter()
            .filter(|&(i, len)| {
                use super::vocab::Label;
                let money = matches!(
                    super::vocab::label_of_key(&piece[i..i + len]),
                    Some(Label::Total | Label::Fiscal | Label::Other)
                );
                let after = &piece[i + len..];
                let worded = match after.chars().next() {
                    Some(open @ ('(' | '（')) => {
                        let note = after[open.len_utf8()..].split([')', '）']).next().unwrap_or("");
                        !note.contains('元') && !note.contains("万") && note.chars().count() > 2
                    }
                    _ => false,
                };
                !(money && i > 0 && worded)
            })
            .collect();
        // `其中：财政资金（万元）5`: the lead-in is the label's.
        let hits: Vec<(usize, usize)> = hits
            .into_iter()
            .map(|(i, len)| {
                let lead = piece[..i].trim_end_matches([':', '：']);
                if i > 0 && lead == "其中" {
                    (0, i + len)
                } else {
                    (i, len)
                }
            })
            .collect();
        // Truly glued text holds several words, or starts with one followed by its value;
        // one word at the end of a heading (`2021年部门整体绩效目标`) is no glue.
        // `2021年部门预算绩效目标`: two words making one heading (no value between or after).
        let heading = hits.len() == 2
            && hits[0].0 + hits[0].1 == hits[1].0
            && hits[1].0 + hits[1].1 == piece.len()
            && piece.ends_with("绩效目标");
        let glued = !heading
            && (hits.len() >= 2
                || hits
                    .first()
                    .is_some_and(|&(i, len)| i == 0 && len < piece.len()));
        let glued = glued || (!title_ends.is_empty() && !hits.is_empty());
        // `(1)时效目标:…`: a numbered item opened by a level and its colon — cut after the
        // level (its number stays with it).
        // (Any level name the model knows, its marks too: `2.社会公众或服务对象满意度指标：`,
        // `1.数量指标*：`.)
        if !glued {
            if let Some(&(i, _)) = hits.first() {
                let colon = piece[i..].find([':', '：']).map(|c| i + c);
                let (_, numbered) = jixiao_model::text::strip_enumerator(&piece[..i]);
                if let (true, Some(colon)) = (i > 0 && numbered, colon) {
                    let (head, _) = jixiao_model::text::strip_enumerator(&piece[..colon]);
                    let head = trim(head.trim_end_matches(['*', '＊', '★']));
                    if LEVEL_ANCHORS.contains(&head)
                        || jixiao_model::Level1::from_printed(head).is_some()
                        || jixiao_model::Level2::from_printed(head).is_some()
                    {
                        cuts.push(colon);
                    }
                }
            }
        }
        // `设1条质量指标:…`: a level named after the count of its indicators.
        let glued = glued
            || hits
                .first()
                .is_some_and(|&(i, _)| i > 0 && is_count_prefix(&piece[..i]));
        // `=116人该指标值数据合理`: `该指标…` opens an explanation (指标值说明), whose words
        // are no header.
        let explains = |i: usize| !levels_only && piece[..i].ends_with('该') && piece[i..].starts_with("指标");
        for &(i, _) in hits.iter().filter(|&&(i, _)| explains(i)) {
            if i > '该'.len_utf8() {
                cuts.push(i - '该'.len_utf8());
            }
        }
        if glued {
            cuts.extend(title_ends.into_iter().filter(|&e| e < piece.len()));
            for (i, len) in hits {
                if explains(i) {
                    continue;
                }
                if i > 0 {
                    cuts.push(i);
                }
                // A level's points glued after its name (`数量指标(10分)`, `数量指标15分`)
                // are the level's.
                let len = if LEVEL_ANCHORS.contains(&&piece[i..i + len]) {
                    len + level_note_after(&piece[i + len..])
                } else if super::vocab::column(&piece[i..i + len]).is_some()
                    || super::vocab::label(&piece[i..i + len]).is_some()
                    || piece[..i + len].starts_with("其中")
                {
                    // A header's or label's note (`指标值（包含数字及文字描述）`,
                    // `年度资金总额（万元）`) is the header's.
                    len + header_note_after(&piece[i + len..])
                } else {
                    len
                };
                if i + len < piece.len() {
                    cuts.push(i + len);
                }
            }
        }
    }
    // A row of glued cells opening with its level 2 printed short (`产出质量培训合格率≥90%`)
    // and naming no other word.
    if !interesting && !levels_only && !cells {
        if let Some(len) = short_level2_at(piece) {
            cuts.push(len);
        }
    }
    if levels_only && piece.contains('表') {
        // Prose is cut at level names only, but a table's title glued before the form's
        // first label (`…绩效目标表绩效目标保障…，…。`) ends there all the same.
        let found: Vec<(usize, usize)> = anchor_automaton()
            .find_iter(piece)
            .map(|m| (m.start(), m.end() - m.start()))
            .collect();
        for &(i, len) in &found {
            let Some(w) = title_word_after(&piece[i + len..]) else { continue };
            let end = i + len + w;
            if let Some(&(_, l)) = found.iter().find(|&&(j, l)| {
                j == end && super::vocab::label_of_key(&piece[j..j + l]).is_some()
            }) {
                cuts.push(end);
                if end + l < piece.len() {
                    cuts.push(end + l);
                }
            }
        }
    }
    // `≥3次《…建设方案》`, `100%《…》`: a document's title glued after a value is the basis
    // column's (指标值确定依据), never the value's.
    if !levels_only && !cells && piece.contains('《') {
        for (i, _) in piece.match_indices('《') {
            let before = trim(&piece[..i]);
            let valued = before.ends_with(|c: char| c.is_ascii_digit() || c == '%' || c == '％')
                || trailing_value(before).is_some();
            if i > 0 && valued {
                cuts.push(i);
            }
        }
    }
    // `48000人冀民[2018]120号`, `≥5000份临汛字【20196】4号`: a document's number glued after
    // a value is the basis's too. The number's issuer (`冀民`, `临汛字`) runs into the
    // value's one-character unit: after a figure the first character is the unit's, after
    // `%` none is.
    if !levels_only && !cells && piece.contains(['[', '【', '〔']) {
        for (b, open) in piece.match_indices(['[', '【', '〔']) {
            let rest = &piece[b + open.len()..];
            let year = rest.chars().take_while(char::is_ascii_digit).count();
            let numbered = (4..=5).contains(&year)
                && rest[year..].starts_with([']', '】', '〕'])
                && rest[year..].chars().skip(1).take_while(char::is_ascii_digit).count() >= 1;
            if !numbered {
                continue;
            }
            let run: Vec<(usize, char)> = piece[..b].char_indices().rev().take_while(|(_, c)| is_cjk(*c)).collect();
            let Some(&(run_start, _)) = run.last() else { continue };
            let before_run = piece[..run_start].chars().last();
            let k = run.len();
            let issuer = match before_run {
                Some('%' | '％') => k,
                Some(c) if c.is_ascii_digit() || c == '·' || c == '/' => k.saturating_sub(1),
                _ => continue,
            };
            if !(2..=4).contains(&issuer) {
                continue;
            }
            let cut = run[issuer - 1].0;
            let value = &piece[..cut];
            if trailing_value(value).is_some() || value.ends_with(|c: char| c.is_ascii_digit() || c == '%' || c == '％') {
                cuts.push(cut);
            }
        }
    }
    if levels_only {
        cuts.extend(result_pair_cuts(piece));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let _ = raw;
    if !levels_only {
        // Within each part between words.
        let mut bounds = vec![0];
        bounds.extend(cuts.iter().copied());
        bounds.push(piece.len());
        for w in bounds.windows(2) {
            let part = &piece[w[0]..w[1]];
            // Only cell-sized text: running prose holds no glued cells.
            if part.len() <= 420 {
                cuts.extend(candidate_cuts(part, cells).into_iter().map(|c| c + w[0]));
            }
        }
        // `…发放到位得10分,每减少1%扣1分`: a 评（扣）分标准 glued after the row's cells is one
        // cell, from its first `得N分` / `扣N分` to its last; its figures are no values.
        if let Some(rule) = scoring_rule_span(piece).filter(|_| !cells) {
            cuts.retain(|&c| c <= rule.start || c >= rule.end);
            cuts.push(rule.start);
            cuts.push(rule.end);
            cuts.retain(|&c| c > 0 && c < piece.len());
        }
        cuts.sort_unstable();
        cuts.dedup();
    }
    cuts
}

/// Where a scoring rule (评（扣）分标准) stands in `piece`: from its first `得N分` / `扣N分` /
/// `不得分` to the end of its last, if the piece holds one after other text.
fn scoring_rule_span(piece: &str) -> Option<std::ops::Range<usize>> {
    if !piece.contains('分') || !(piece.contains('得') || piece.contains('扣')) {
        return None;
    }
    let chars: Vec<(usize, char)> = piece.char_indices().collect();
    let mut first = None;
    let mut last = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c != '得' && c != '扣' {
            continue;
        }
        let figure = chars[k + 1..].iter().take_while(|(_, d)| d.is_ascii_digit() || *d == '.').count();
        let end = k + 1 + figure;
        let scored = figure > 0 && chars.get(end).is_some_and(|x| x.1 == '分');
        let none = c == '得' && k > 0 && chars[k - 1].1 == '不' && chars.get(k + 1).is_some_and(|x| x.1 == '分');
        if scored || none {
            let start = if none { chars[k - 1].0 } else { i };
            first.get_or_insert(start);
            let stop = if none { k + 2 } else { end + 1 };
            last = Some(chars.get(stop).map_or(piece.len(), |x| x.0));
        }
    }
    let (mut start, end) = (first?, last?);
    let head = &piece[..start];
    // The rule opens with its threshold (`90%得10分`) or its manner (`按标准发放得10分`).
    let value = head.len()
        - head
            .trim_end_matches("以上")
            .trim_end_matches("以下")
            .trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '%' | '％'))
            .trim_end_matches(|c: char| is_operator(c) || c == '=')
            .len();
    if value > 0 && head[head.len() - value..].chars().any(|c| c.is_ascii_digit()) {
        start -= value;
    } else if let Some(by) = head.rfind('按').filter(|&b| head[b..].chars().count() <= 8) {
        if !head[by..].chars().any(|c| c.is_ascii_digit() || matches!(c, ',' | '，' | '。')) {
            start = by;
        }
    }
    (start > 0).then_some(start..end)
}

/// A report's sentence pairing each target with its result (`…每月中旬发放指标为100%实际完成值
/// 为100%义务兵…发放指标为100%实际完成值为100%`): cut before each `实际完成值` and after the
/// figure it is, where the next indicator's name follows.
fn result_pair_cuts(piece: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    for (i, word) in piece.match_indices("实际完成值") {
        if i > 0 {
            cuts.push(i);
        }
        // The target before it (`…发放指标为100%`), where a copula ends the name: the
        // name's own figures (`每年3月、9月份发放`) are not the value.
        let before = &piece[..i];
        let unitless = before.trim_end_matches(|c: char| c == '%' || c == '％' || is_unit_char(c));
        let figure_start = unitless.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.').len();
        if figure_start < unitless.len() && ["为", "：", ":"].iter().any(|w| before[..figure_start].ends_with(w)) {
            cuts.push(figure_start);
        }
        let rest = &piece[i + word.len()..];
        let lead = rest.len() - rest.trim_start_matches(['为', '是', ':', '：']).len();
        let value = &rest[lead..];
        let figure = value
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_digit() || c == '.'))
            .map_or(value.len(), |(k, _)| k);
        if figure == 0 {
            continue;
        }
        // The figure's unit: `%` or a character or two (`次`, `万元`) before the next name.
        let unit = value[figure..]
            .char_indices()
            .take_while(|&(k, c)| c == '%' || c == '％' || (k < 6 && is_unit_char(c)))
            .last()
            .map_or(0, |(k, c)| k + c.len_utf8());
        let end = i + word.len() + lead + figure + unit;
        let next = &piece[end..];
        if next.chars().take(2).count() == 2 && next.chars().next().is_some_and(is_cjk) {
            cuts.push(end);
        }
    }
    cuts
}

/// The length in characters of the longest prefix of `chars` printed twice in a row, of 3
/// to `max` characters (`培训人员人次培训人员人次…`).
fn repeated_prefix(chars: &[(usize, char)], max: usize) -> Option<usize> {
    (3..=(chars.len() / 2).min(max))
        .rev()
        .find(|&len| chars[..len].iter().map(|x| x.1).eq(chars[len..2 * len].iter().map(|x| x.1)))
}

/// Further places glued cells may meet, offered to the table grammar (which joins them back
/// where they belong to one cell): a name printed twice (`甲数量甲数量2种`), an explanation
/// starting (`…满意度达到目标值`, `…反映…`), a number glued after a value (`95%以上10`).
fn candidate_cuts(piece: &str, cells: bool) -> Vec<usize> {
    let mut cuts = Vec::new();
    if piece.len() < 12 {
        return cuts; // too short to hold two cells
    }
    let chars: Vec<(usize, char)> = piece.char_indices().collect();
    let n = chars.len();
    // A repeated name: the longest prefix printed twice in a row (names are short).
    if let Some(len) = repeated_prefix(&chars, 40) {
        cuts.push(chars[len].0);
        if 2 * len < n {
            cuts.push(chars[2 * len].0);
        }
    }
    // `消化利用农作物秸秆数量建立秸秆综合利用点`, `党建任务完成率上级党组织要求…`: a name
    // ending as indicators' names do (…数量, …率) may be followed by its explanation.
    // (Not where lines or runs of spaces print the cells: there a piece is one cell.)
    for w in ["数量", "率"].into_iter().filter(|_| !cells) {
        for (i, _) in piece.match_indices(w) {
            // (With its unit in brackets: `执法检查覆盖率（%）执法检查量占…`.)
            let unit = unit_bracket_len(&piece[i + w.len()..]);
            let end = i + w.len() + unit;
            let before = piece[..i].chars().count();
            let after: Vec<char> = piece[end..].chars().take(6).collect();
            // (`效率`, `频率`, `比率`: words, not a name's end.)
            let word = piece[..i].ends_with(['效', '频', '概', '比', '汇', '税', '利', '功']);
            if before >= 4 && !word && after.len() >= 5 && after.iter().all(|&c| is_cjk(c)) {
                cuts.push(end);
            }
        }
    }
    // `5指标2:`, `8指标2:服务对象…`: the template's numbering starts the next row's name.
    for (i, _) in piece.match_indices("指标") {
        if i > 0 && template_numbered(&piece[i..]) {
            cuts.push(i);
        }
        // `指标2:总分10098`: an unfilled numbered row before the total row, which ends the
        // table.
        let rest = piece[i + "指标".len()..].trim_start_matches(|c: char| c.is_ascii_digit());
        let numbered = rest.len() < piece.len() - i - "指标".len();
        if let Some(after) = rest.strip_prefix([':', '：']).filter(|_| numbered) {
            if ["总分", "合计", "总计"].iter().any(|w| after.starts_with(w)) {
                cuts.push(piece.len() - after.len());
            }
        }
    }
    for w in ["反映", "达到", "考察", "衡量"] {
        for (i, _) in piece.match_indices(w) {
            if piece[..i].chars().count() >= 3 {
                cuts.push(i);
                // `反映办公大楼全年维修维护情况2280次`: the explanation ends in 情况 (or 程度,
                // 水平), and the value follows it.
                let rest = &piece[i..];
                for end_word in ["情况", "程度", "水平"] {
                    if let Some(j) = rest.find(end_word) {
                        let after = i + j + end_word.len();
                        let next = piece[after..].chars().next();
                        if j <= 60 && next.is_some_and(|c| c.is_ascii_digit() || is_operator(c)) {
                            cuts.push(after);
                            // …and the value (`2280次`) ends before the next row's name.
                            if let Some(end) = value_with_unit_end(&piece[after..]) {
                                if piece[after + end..].chars().next().is_some_and(is_cjk) {
                                    cuts.push(after + end);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    // `成本控制率不超预算水电气消耗下降率`: a cost indicator's target in words (`不超预算`,
    // `不超过预算`, `不超出年度预算`) between its name and the next row's.
    if !cells {
        for (i, _) in piece.match_indices("不超") {
            let rest = &piece[i..];
            let Some(j) = rest.find("预算") else { continue };
            if rest[..j].chars().count() > 6 {
                continue;
            }
            // (At the piece's start the name before it is cut off already.)
            let before = piece[..i].chars().count();
            if before >= 3 {
                cuts.push(i);
            } else if before > 0 {
                continue;
            }
            let mut end = i + j + "预算".len();
            if piece[end..].starts_with(['内', '数']) {
                end += '内'.len_utf8();
            }
            if piece[end..].chars().next().is_some_and(is_cjk) {
                cuts.push(end);
            }
        }
    }
    cuts.extend(repeated_value_cuts(&chars, piece.len()));
    // `…设备维护及安全性高高`, `…明显变质比例00`: a one-character value copied (年度指标值,
    // 实际完成值) at the end of an indicator's name.
    if !cells && n >= 6 {
        let (a, b) = (chars[n - 2].1, chars[n - 1].1);
        let ending = ["性", "度", "率", "例", "数", "量"].iter().any(|e| piece[..chars[n - 2].0].ends_with(e));
        let value = "高低好优良强是否有无0".contains(a);
        if a == b && value && ending {
            cuts.extend([chars[n - 2].0, chars[n - 1].0]);
        }
    }
    cuts.extend(repeated_text_cuts(&chars, piece.len()));
    // `开设课程数量220`: a bare figure at the end, after a word, may be the value.
    let run = chars
        .iter()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .count();
    if (1..=7).contains(&run) && run + 3 <= n {
        let (at, first) = chars[n - run];
        let before = chars[n - run - 1].1;
        // (Figures earlier in the piece mean cells run together that the cuts above split.)
        let plain = !piece[numbering_len(piece).min(at)..at].bytes().any(|b| b.is_ascii_digit());
        if plain && first.is_ascii_digit() && word_before_figure(before) {
            cuts.push(at);
        }
    }
    // `100%20`, `95%以上10`: a bare number right after a value ends it.
    for (k, &(i, c)) in chars.iter().enumerate().skip(1) {
        let prev = chars[k - 1].1;
        let after_value = value_ends_at(&chars, k) || {
            let before = &piece[..i];
            before.ends_with("以上") || before.ends_with("以下") || before.ends_with("以内")
        };
        if c.is_ascii_digit() && after_value {
            cuts.push(i);
            // `≥50厘米10水标尺宽度`: a score (or weight) between two rows' cells; the next
            // row's name starts after it.
            let run = chars[k..]
                .iter()
                .take_while(|(_, d)| d.is_ascii_digit())
                .count();
            let next = chars.get(k + run).copied();
            let names_next = next.is_some_and(|(_, next)| ends_scores(next));
            if let (Some((j, _)), true) = (next, run <= 3 && names_next) {
                cuts.push(j);
            }
            // `50件2020添置灯光设备`, `100件2018` at the end: the 分值 and the 得分 run
            // together (20 | 20), then the next row's name. Four figures or more are no one
            // score.
            if run >= 4 && (names_next || next.is_none()) {
                let j = next.map_or(piece.len(), |(j, _)| j);
                if let Some(split) = two_scores(&piece[i..j]) {
                    cuts.push(i + split);
                    if j < piece.len() {
                        cuts.push(j);
                    }
                }
            }
        }
        // `≧735人次7351010`: after a value with its unit, the actual, met as planned (735,
        // the value's own figure), then the 分值 and the 得分 (10 | 10).
        if c.is_ascii_digit() && (is_unit_char(prev) || prev == '%' || prev == '％') {
            let run = chars[k..].iter().take_while(|(_, d)| d.is_ascii_digit() || *d == '.').count();
            let next = chars.get(k + run).copied();
            if run >= 5 && next.is_none_or(|(_, d)| ends_scores(d)) {
                let j = next.map_or(piece.len(), |(j, _)| j);
                if let Some((actual, split)) = actual_then_scores(&piece[..i], &piece[i..j]) {
                    cuts.extend([i, i + actual, i + actual + split]);
                    if j < piece.len() {
                        cuts.push(j);
                    }
                }
            }
        }
        // `≤441010`: a target's figure, the same figure as the actual (met as planned), then
        // the 分值 and the 得分, all run together after the operator.
        if is_operator(c) || matches!(c, '=' | '＝' | '﹦' | '═') {
            let run = chars[k + 1..].iter().take_while(|(_, d)| d.is_ascii_digit() || *d == '.').count();
            let next = chars.get(k + 1 + run).copied();
            if run >= 6 && next.is_none_or(|(_, d)| ends_scores(d)) {
                let start = i + c.len_utf8();
                let end = next.map_or(piece.len(), |(j, _)| j);
                let digits = &piece[start..end];
                let found = (1..=digits.len() / 2).find_map(|n| {
                    let (target, rest) = digits.split_at(n);
                    let rest = rest.strip_prefix(target)?;
                    let plain = |t: &str| !t.starts_with('.') && !t.ends_with('.');
                    (plain(target) && !(target.starts_with('0') && target.len() > 1))
                        .then(|| two_scores(rest))
                        .flatten()
                        .map(|split| (n, split))
                });
                if let Some((n, split)) = found {
                    cuts.extend([start + n, start + 2 * n, start + 2 * n + split]);
                    if end < piece.len() {
                        cuts.push(end);
                    }
                }
            }
        }
        let op = |ch: char| is_operator(ch);
        // `…100%(二)項目財務管理狀況`: a report's numbered heading after a value.
        if (c == '(' || c == '（') && k >= 1 && value_ends_at(&chars, k) && bracketed_numeral(&piece[i..]) {
            cuts.push(i);
        }
        // `…次数提升≥2022年依法维权次数`, `2023年01月--12月≥12个月`: an operator glued after
        // a word starts the value.
        if op(c) && is_cjk(prev) {
            cuts.push(i);
        }
        // `服务周期2023.07-2024.01`, `补贴期限2020.1.1-2020.12.31`,
        // `使用周期2020年1月--2020年11月`: a period in figures after a name is its value.
        if c.is_ascii_digit() && is_cjk(prev) && !"第约近共计每".contains(prev) && period_at(&piece[i..]) {
            cuts.push(i);
        }
        // `0%當年人才驛站…`, `340%質量目標`: a percentage ends its cell before a word that
        // is not the value's own (`95%以上`, `90%及以上`, `5%左右`).
        if (prev == '%' || prev == '％') && is_cjk(c) && !"以及或左至之的".contains(c) {
            cuts.push(i);
        }
        // (And after its `以上` / `以下`: `90%以上实际发放金额/…`.)
        if is_cjk(c) && k >= 3 && matches!(chars[k - 3].1, '%' | '％') && {
            let w = &piece[chars[k - 2].0..i];
            w == "以上" || w == "以下"
        } {
            cuts.push(i);
        }
        // `水标尺10≥266米`: a weight glued between a name and an operator's value. The
        // figure starts a cell after a name, and the operator another after the figure.
        if op(c) && prev.is_ascii_digit() {
            cuts.push(i);
        }
        // (A unit character too: `宽度10≥50厘米`, `满意度10≥95%`; a value is not followed
        // by an operator.)
        if c.is_ascii_digit() && is_cjk(prev) {
            let run_end = chars[k..]
                .iter()
                .position(|(_, d)| !(d.is_ascii_digit() || *d == '.'))
                .map(|n| k + n);
            if run_end.is_some_and(|e| op(chars[e].1)) {
                cuts.push(i);
            }
        }
    }
    cuts
}

/// Where a run of figures printed right after a value splits into a 分值 and its 得分 run
/// together (`2020` → 20 | 20, `2018` → 20 | 18, `100100` → 100 | 100): the one split into
/// two numbers without leading zeros, neither above 100, the score not above the weight.
fn two_scores(run: &str) -> Option<usize> {
    if !(4..=6).contains(&run.len()) || !run.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |s: &str| (s == "0" || !s.starts_with('0')).then(|| s.parse::<u32>().ok()).flatten();
    let mut splits = (1..run.len()).filter(|&k| {
        matches!((number(&run[..k]), number(&run[k..])), (Some(w), Some(s)) if (1..=100).contains(&w) && s <= w)
    });
    let k = splits.next()?;
    splits.next().is_none().then_some(k)
}

/// A run of figures after a value (`735人次` + `7351010`) that starts with the value's own
/// figure (the actual, met as planned) and goes on with a 分值 and its 得分 run together
/// (see [`two_scores`]): the actual's length and the split of the rest.
fn actual_then_scores(before: &str, run: &str) -> Option<(usize, usize)> {
    // The value's figure: the digits before its unit (at most three characters: `人次`, `%`).
    let unit = before.chars().rev().take_while(|c| is_unit_char(*c) || matches!(c, '%' | '％')).take(4).count();
    let body: String = before.chars().rev().skip(unit).collect::<Vec<_>>().into_iter().rev().collect();
    if !(1..=3).contains(&unit) {
        return None;
    }
    let digits = body.len() - body.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.').len();
    let figure = &body[body.len() - digits..];
    if figure.is_empty() || figure.starts_with('.') {
        return None;
    }
    let rest = run.strip_prefix(figure)?;
    two_scores(rest).map(|split| (figure.len(), split))
}

/// The length of a value with its unit at the start of `s` (`2280次…`, `≥95%…`, `10万元…`):
/// an operator, a number, and the longest unit (up to three characters) after it.
fn value_with_unit_end(s: &str) -> Option<usize> {
    let body = s.trim_start_matches(|c: char| is_operator(c));
    let op_len = s.len() - body.len();
    let digits = body
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(body.len(), |(i, _)| i);
    if digits == 0 {
        return None;
    }
    let rest = &body[digits..];
    // The ends of the unit's first one, two and three characters; the longest unit wins.
    let ends: Vec<usize> = rest.char_indices().skip(1).map(|(i, _)| i).chain([rest.len()]).take(3).collect();
    let unit = ends.into_iter().rev().find(|&i| i > 0 && jixiao_model::target::is_unit(&rest[..i]))?;
    Some(op_len + digits + unit)
}

/// A value printed twice in a row, as a 自评表 prints 年度指标值 and 实际完成值 when they
/// agree (`合格率20100%100%20`, `总投资1020万元20万元10`): cuts around both copies and
/// before the weight glued in front of them. Without the repetition such figures stay
/// ambiguous (`20100%` is 20 + 100% or 2 + 0100%).
fn repeated_value_cuts(chars: &[(usize, char)], len: usize) -> Vec<usize> {
    let mut cuts = Vec::new();
    let at = |k: usize| chars.get(k).map_or(len, |c| c.0);
    let ends_value = |c: char| c == '%' || c == '％' || is_unit_char(c);
    let mut p = 0;
    while p < chars.len() {
        let starts_value = chars[p].1.is_ascii_digit() || is_operator(chars[p].1);
        // (Most characters start no value: no copies looked for after them.)
        if !starts_value {
            p += 1;
            continue;
        }
        let twice = |l: usize| {
            let (a, b) = (&chars[p..p + l], &chars[p + l..p + 2 * l]);
            ends_value(a[l - 1].1)
                && a.iter().map(|x| x.1).eq(b.iter().map(|x| x.1))
                && a.iter().any(|x| x.1.is_ascii_digit())
        };
        let longest = (2..=12usize.min((chars.len() - p) / 2))
            .rev()
            .find(|&l| twice(l));
        let Some(l) = longest else {
            p += 1;
            continue;
        };
        // The first copy's operator is its own (`到位率>=100%100%`: the value is `>=100%`).
        let mut s = p;
        while s > 0 && (is_operator(chars[s - 1].1) || chars[s - 1].1 == '=') {
            s -= 1;
        }
        cuts.extend([at(s), at(p + l), at(p + 2 * l)]);
        // The weight: the figures between the name and the first copy.
        let mut w = p;
        while w > 0 && chars[w - 1].1.is_ascii_digit() {
            w -= 1;
        }
        if w < p && w > 0 && is_cjk(chars[w - 1].1) && p - w <= 3 {
            cuts.push(at(w));
        }
        p += 2 * l;
    }
    cuts.retain(|&c| c > 0 && c < len);
    cuts
}

/// A value in words printed twice between a 自评表 row's weight and score, as 年度指标值 and
/// 实际完成值 when they agree (`公用经费标准5符合相关文件要求符合相关文件要求5`,
/// `完成时间52021年12月完成2021年12月完成4`, `市场价8是是8`): cuts around both copies and
/// before the weight. Only where a figure stands before the copies (and, for a short answer,
/// after them too), as weight and score do.
fn repeated_text_cuts(chars: &[(usize, char)], len: usize) -> Vec<usize> {
    let mut cuts = Vec::new();
    let at = |k: usize| chars.get(k).map_or(len, |c| c.0);
    let n = chars.len();
    let mut p = 1;
    while p < n {
        if !chars[p - 1].1.is_ascii_digit() || chars[p].1.is_whitespace() {
            p += 1;
            continue;
        }
        // (The copy is compared first: it mostly differs at its first character, so each
        // length costs a comparison or two, not a count of its words: `candidate_cuts` −30%
        // instructions on the corpus.)
        let twice = |l: usize| {
            let (a, b) = (&chars[p..p + l], &chars[p + l..p + 2 * l]);
            let after = chars.get(p + 2 * l).map(|c| c.1);
            if !(after.is_none_or(|c| c.is_ascii_digit()) && a.iter().map(|x| x.1).eq(b.iter().map(|x| x.1))) {
                return false;
            }
            let words = a.iter().filter(|x| is_cjk(x.1)).count();
            // (A short answer, `8是是8`, only between two figures.)
            let short = words == l && after.is_some_and(|c| c.is_ascii_digit());
            words >= 3 || short
        };
        let Some(l) = (1..=40usize.min((n - p) / 2)).rev().find(|&l| twice(l)) else {
            p += 1;
            continue;
        };
        let mut w = p;
        while w > 0 && chars[w - 1].1.is_ascii_digit() {
            w -= 1;
        }
        if p - w > 3 || w == 0 || !is_cjk(chars[w - 1].1) {
            p += 1;
            continue;
        }
        cuts.extend([at(w), at(p), at(p + l), at(p + 2 * l)]);
        p += 2 * l;
    }
    // Without a weight column (`成本控制不超过预算不超过预算10`): the copies end at the
    // score's figures, the name before them.
    for d in 1..n {
        if !(chars[d].1.is_ascii_digit() && is_cjk(chars[d - 1].1)) || cuts.contains(&at(d)) {
            continue;
        }
        let run = chars[d..].iter().take_while(|c| c.1.is_ascii_digit()).count();
        // A 分值 and its 得分 run together after the copies (`合格合格2020`, 20 | 20) say as
        // much as three characters of copied words: a two-character value (`合格`) is copied
        // too.
        // (Figures ending there: not a value's, `1000万元`.)
        let ends_figures = chars.get(d + run).is_none_or(|c| ends_scores(c.1));
        let scores = two_scores(&chars_text(chars, d, d + run)).filter(|_| ends_figures);
        let least = if scores.is_some() { 2 } else { 3 };
        let twice = |l: usize| {
            let (a, b) = (&chars[d - 2 * l..d - l], &chars[d - l..d]);
            a.iter().map(|x| x.1).eq(b.iter().map(|x| x.1)) && a.iter().filter(|x| is_cjk(x.1)).count() >= least
        };
        if let Some(l) = (least..=40usize.min(d.saturating_sub(2) / 2)).rev().find(|&l| twice(l)) {
            cuts.extend([at(d - 2 * l), at(d - l), at(d)]);
            // (`…专款专用10成本…`: the next row's name after the score.)
            let named_next = chars.get(d + run).is_some_and(|c| is_cjk(c.1));
            if run <= 3 && named_next {
                cuts.push(at(d + run));
            }
            if let Some(split) = scores {
                cuts.push(at(d) + split);
                cuts.push(at(d + run));
            }
        }
    }
    cuts.retain(|&c| c > 0 && c < len);
    cuts
}

/// Whether `c`, right after a figure, starts a word (the next row's name) rather than the
/// figure's unit or its words (`10万元`, `95%以上`, `2020年`).
fn ends_scores(c: char) -> bool {
    is_cjk(c) && !is_unit_char(c) && !"以至多余万千亿年月日号".contains(c)
}

/// The characters `chars[from..to]` as text.
fn chars_text(chars: &[(usize, char)], from: usize, to: usize) -> String {
    chars[from..to].iter().map(|c| c.1).collect()
}

/// Whether `s` starts with a period in figures: a year (`2023.07-2024.01`,
/// `2020.1.1-2020.12.31`, `2020年1月--2020年11月`) running to a second date, or a
/// deadline that ends the text (`2021年全年`).
fn period_at(s: &str) -> bool {
    let year = s.bytes().take_while(u8::is_ascii_digit).count();
    if year != 4 || !s[4..].starts_with(['.', '年', '/', '-']) {
        return false;
    }
    let head: String = s.chars().take(24).collect();
    if ["-", "—", "～", "~", "至"].iter().any(|d| head[4..].contains(d)) {
        return true;
    }
    // A deadline ending the text (`…物业管理工作2021年全年`, `2022年12月底前`).
    s[4..].starts_with('年')
        && s.chars().count() <= 12
        && ["全年", "底", "前", "内", "完成", "月"].iter().any(|w| s.ends_with(w))
}

/// Whether `s` starts with a heading's numeral in brackets: `(二)`, `（十一）`.
pub(super) fn bracketed_numeral(s: &str) -> bool {
    let Some(rest) = s.strip_prefix(['(', '（']) else { return false };
    let n = rest.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).count();
    (1..=3).contains(&n) && rest.chars().nth(n).is_some_and(|c| c == ')' || c == '）')
}

/// Whether byte `at` of `s` stands inside an open `(`/`（` (one not closed before it).
fn inside_brackets(s: &str, at: usize) -> bool {
    let mut depth = 0i32;
    for c in s[..at].chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
}

/// Whether a target value ends just before `chars[k]`: `100%`, `266米`, `50厘米`, `20万元`
/// (a figure and its unit, a date's 年月日 excepted).
fn value_ends_at(chars: &[(usize, char)], k: usize) -> bool {
    let prev = chars[k - 1].1;
    if prev == '%' || prev == '％' {
        return true;
    }
    if !is_unit_char(prev) || matches!(prev, '年' | '月' | '日' | '时' | '点' | '号') {
        return false;
    }
    let digit = |at: usize| chars[at].1.is_ascii_digit();
    (k >= 2 && digit(k - 2))
        // A two-character unit: 厘米, 公里, 万元, 平方米 (its last two characters).
        || (k >= 3 && "厘公千万亿平方立吨".contains(chars[k - 2].1) && digit(k - 3))
}

/// Splits a glued segment before its trailing target value: `参训人员结业率≥100%;` →
/// `参训人员结业率` + `≥100%;`. The value must read as a strong target on its own.
pub(super) fn trailing_value(seg: &str) -> Option<usize> {
    let body = seg.trim_end_matches(['。', '；', ';', '，', ',', '、']);
    if body.chars().count() < 3 {
        return None;
    }
    // `…每年3月、9月份发放指标为`: a copula at the end says the value comes after.
    if body.ends_with("指标为") || body.ends_with("值为") {
        return None;
    }
    let mut best = None;
    let mut prev: Option<char> = None;
    // A value is short: it starts within the last 40 characters.
    let tail_from = body.char_indices().rev().nth(40).map_or(0, |(i, _)| i);
    for (i, c) in body.char_indices() {
        if i > 0 && i >= tail_from {
            let op = is_value_sign;
            let starts_value = (op(c) && !prev.is_some_and(op))
                || (c.is_ascii_digit()
                    && !prev.is_some_and(|p| {
                        p.is_ascii_digit() || p == '.' || p == '·' || is_value_sign(p)
                    }));
            if starts_value && target_shape(&body[i..]) == Shape::Strong {
                let name = trim(&body[..i]).trim_end_matches([',', '，', ':', '：']);
                // A name has words: not `>` of `>=`, not `(` of `( ≥**个 )`.
                let wordy = name.chars().filter(|c| c.is_alphanumeric()).count() >= 2
                    // `2021年12月` of `2021年12月31日`: a date is one value.
                    && !name
                        .chars()
                        .all(|c| c.is_ascii_digit() || "年月日号.-/ 底前末".contains(c));
                // A sentence (`…,村集体收入达6万元。`) keeps its figures.
                let sentence = name.contains(['。', '；', ';'])
                    || (name.contains(['，', ',']) && name.bytes().any(|b| b.is_ascii_digit()));
                if wordy && !sentence && !name.ends_with(['(', '（']) {
                    best = Some(i - operator_words_before(&body[..i]));
                    break;
                }
            }
        }
        prev = Some(c);
    }
    if best.is_none() {
        // `地震应急预案完备性完备`: a value that is the stem of the name's last word.
        let chars: Vec<(usize, char)> = body.char_indices().collect();
        if let Some(at) = stem_value_at(&chars) {
            return Some(at);
        }
        // `生态修复功能提高。`: a change word glued to the end of a name.
        for verb in [
            "持续提高",
            "明显提高",
            "基本健全",
            "健全",
            "逐步完善",
            "有效提高",
            "提高",
            "提升",
            "增加",
            "改善",
            "减少",
            "降低",
            "减轻",
        ] {
            if let Some(name) = body.strip_suffix(verb) {
                // The word that says how it changes goes with it (`持续改善`, `有所减轻`).
                let modifier = ["进一步", "持续", "有所", "明显", "显著", "有效", "逐步", "不断", "稳步", "大幅", "巩固"]
                    .iter()
                    .find(|m| name.ends_with(*m))
                    .map_or(0, |m| m.len());
                let name = trim(&name[..name.len() - modifier]);
                if name.chars().count() >= 3
                    && !name.ends_with([',', '，', '、', '不'])
                    && !name.contains(['，', ',', '。', '；', ';'])
                {
                    return Some(body.len() - verb.len() - modifier);
                }
            }
        }
        // `维护单位日常运转定性有效`: a value after the kind of value a system prints between
        // name and value (the caller drops the kind from the name).
        for kind in ["定性", "定量"] {
            if let Some(at) = body.rfind(kind) {
                let tail = &body[at + kind.len()..];
                let name = trim(body[..at].trim_end_matches(['-', '－']));
                if name.chars().count() >= 2
                    && (1..=6).contains(&tail.chars().count())
                    && !tail.contains([',', '，', '。', '；', ';'])
                    && target_shape(tail) != Shape::No
                {
                    return Some(at + kind.len());
                }
            }
        }
        // `重点建设工程安排数量：2。`, `服务周期内空气质量：优良。`: a report's list writes each
        // indicator as its name, a colon and the value.
        if let Some(colon) = body.find([':', '：']) {
            let name = trim(&body[..colon]);
            let tail = trim(body[colon..].trim_start_matches([':', '：']));
            let tail_start = tail.as_ptr() as usize - body.as_ptr() as usize;
            let plain = |t: &str| !t.contains([',', '，', '。', '；', ';', ':', '：']);
            if (3..=30).contains(&name.chars().count())
                && plain(name)
                && !name.ends_with(|c: char| c.is_ascii_digit())
                && !template_numbered(name)
                // (`注:1、其他资金包括…`: a note's numbered list, not a value.)
                && !name.ends_with('注')
                && !jixiao_model::text::strip_enumerator(tail).1
                && (1..=20).contains(&tail.chars().count())
                && plain(tail)
                && (target_shape(tail) != Shape::No
                    // A value in words after an indicator's name (`建设项目成本：参照政府采购
                    // 成本控制`): the name ends as indicators' names do.
                    || (tail.chars().count() <= 12
                        && ["率", "数", "量", "度", "性", "情况", "成本", "水平", "效果", "标准", "条件", "影响"]
                            .iter()
                            .any(|e| name.ends_with(e))))
            {
                return Some(tail_start);
            }
        }
        // `带动村集体及种植户增收致富,增加;`: a short qualitative value after the one comma.
        if let Some(comma) = body.rfind([',', '，']) {
            let name = &body[..comma];
            let tail = trim(body[comma..].trim_start_matches([',', '，']));
            // Where `tail` starts in `body` (trimming may have cut the end too: `\u{feff}`).
            let tail_start = tail.as_ptr() as usize - body.as_ptr() as usize;
            let one_comma = !name.contains([',', '，', '。', '；', ';'])
                && (!name.ends_with(|c: char| c.is_ascii_digit())
                    || !tail.starts_with(|c: char| c.is_ascii_digit()));
            // (A clause opened by a verb, `搞好提质改造`, goes on the sentence.)
            const CLAUSE_VERBS: &[&str] = &[
                "搞好", "做好", "加强", "推进", "推动", "促进", "开展", "实现", "确保", "提供",
                "建立", "组织",
            ];
            let clause = CLAUSE_VERBS
                .iter()
                .any(|v| tail.starts_with(v) && tail.len() > v.len());
            if one_comma
                && name.chars().count() >= 2
                && (1..=6).contains(&tail.chars().count())
                && target_shape(tail) != Shape::No
                && !clause
            {
                return Some(tail_start);
            }
        }
    }
    best
}

/// Where a target glued to the end of its indicator's name starts, for a row of glued text
/// that has a name and no target: a bare figure (`开设课程数量220`, `验收合格率1`), a value in
/// words opened by a word values start with (`按时间节点完成任务按时完成`,
/// `成本控制不超过预算`), or a lone 是 / 否 (`项目实施是否产生经济价值否`). Only asked where
/// the table has a target column and the row printed none: a name alone keeps its words.
pub(super) fn glued_tail_value(name: &str) -> Option<usize> {
    let body = trim(name);
    let offset = body.as_ptr() as usize - name.as_ptr() as usize;
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let n = chars.len();
    if n < 4 {
        return None;
    }
    // A name holding a sentence's punctuation is a sentence, whose last words are its own,
    // unless they are a short value in words after a comma's clause (`…,解决居民群众生产
    // 生活问题持续保障`).
    let name_ok_with = |k: usize, clause: bool| {
        k >= 3
            && !matches!(chars[k - 1].1, '、' | '和' | '及' | '与' | '不' | '的' | '是' | '否' | ':' | '：' | '(' | '（')
            && !body[..chars[k].0].contains(['。', '；', ';'])
            && (clause || !body[..chars[k].0].contains(['，', ',']))
            // Figures inside the name are another cell's run together: no row to mend.
            && !body[numbering_len(body).min(chars[k].0)..chars[k].0].chars().any(|c| c.is_ascii_digit())
    };
    let name_ok = |k: usize| name_ok_with(k, false);
    // A bare figure after a word.
    let run = chars
        .iter()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .count();
    if (1..=7).contains(&run) && run < n {
        let k = n - run;
        let before = chars[k - 1].1;
        let leading_zero = chars[k].1 == '0' && chars.get(k + 1).is_some_and(|c| c.1.is_ascii_digit());
        // (A name's closing note is a word's end too: `公猪舍(≥**平方米)22.8`, `培训天数(天)30`.)
        let note_closed = matches!(before, ')' | '）') && body[..chars[k].0].contains(['(', '（']);
        if chars[k].1.is_ascii_digit()
            && !leading_zero
            && (word_before_figure(before) || note_closed)
            && name_ok(k)
        {
            return Some(offset + chars[k].0);
        }
    }
    // A figure with its unit after a word, whatever words follow the unit (`学生补助标准
    // 17元/人.每天`): the first figure of the name's tail opens the value.
    if let Some(k) = (3..n).find(|&k| chars[k].1.is_ascii_digit()) {
        let before = chars[k - 1].1;
        let tail = &body[chars[k].0..];
        let with_unit = matches!(
            jixiao_model::Target::parse(tail).value,
            jixiao_model::TargetValue::Quantity { unit: Some(_), .. }
        );
        // (One figure: `32.1公里2020` is a name's figure, then the row's values.)
        let one_figure = tail.chars().skip_while(|c| c.is_ascii_digit() || *c == '.').all(|c| !c.is_ascii_digit());
        // An amount's name ends so (`…标准`, `…数量`, `…面积`); a sentence's verb (`…新建300米
        // 深机井`) does not.
        let head = &body[..chars[k].0];
        let amount_name = ["标准", "数", "量", "额", "费", "价", "成本", "面积", "长度", "时间", "时长", "规模", "补助", "补贴"]
            .iter()
            .any(|e| head.ends_with(e));
        if with_unit
            && amount_name
            && one_figure
            && tail.chars().count() <= 12
            && !tail.contains(['，', ',', '。', '；', ';'])
            && word_before_figure(before)
            && name_ok(k)
        {
            return Some(offset + chars[k].0);
        }
    }
    if let Some(&(at, last)) = chars.last() {
        // (`…不适用此指标无`: 无 too, but not the 无 of 有无.)
        let no = last == '无' && chars[n - 2].1 != '有';
        if (matches!(last, '是' | '否') || no) && name_ok(n - 1) {
            return Some(offset + at);
        }
    }
    if let Some(at) = stem_value_at(&chars) {
        return Some(offset + at);
    }
    // `培训人员人次培训人员人次达标`: the value repeats the name it follows.
    if let Some(len) = repeated_prefix(&chars, n).filter(|&len| !chars[..len].iter().any(|c| c.1.is_ascii_digit())) {
        return Some(offset + chars[len].0);
    }
    const OPENERS: &[&str] = &[
        "按时", "按期", "及时", "如期", "全部", "全面", "严格", "符合", "达到", "达标", "合格",
        "良好", "显著", "明显", "有效", "稳步", "持续", "逐步", "大幅", "不超过", "不高于",
        "不低于", "控制在", "确保", "规范", "健全", "完善", "满足", "优良", "优秀", "较好",
        "完备", "齐全", "完好", "畅通", "合理", "合规", "准确", "顺利", "长期", "长远", "参照",
        "按照", "有所", "进一步", "提升", "提高", "促进", "增强", "便于",
    ];
    // Name endings: a tail holding one before its end is still the name (`完备性完备`).
    let ends_name =
        |t: &str| ["率", "数", "度", "性", "量", "值", "情况"].iter().any(|w| t.ends_with(w));
    for k in 3..n {
        let tail = &body[chars[k].0..];
        let len = n - k;
        // `及时率`, `合格数`: the name's own ending, not a value.
        let inner = &tail[..chars[n - 1].0 - chars[k].0];
        let name_inside = ["率", "度", "性", "情况"].iter().any(|w| inner.contains(w));
        // Right after a name's ending (`长期使用性`, `生态影响`, `公共服务水平提升情况`), a
        // value opened by a value's word may be long, even a sentence (`顺利接入，网络使用
        // 畅通。`, `提高企业安全生产水平`).
        let head = &body[..chars[k].0];
        let after_ending = ["率", "度", "性", "情况", "状况", "影响", "影响力", "作用"]
            .iter()
            .any(|e| head.ends_with(e))
            && len <= 30
            && !name_inside;
        let short = len <= 10 && !tail.contains(['，', ',', '。', '；', ';']);
        if !(short || after_ending) || ends_name(tail) || name_inside {
            continue;
        }
        let clause = len <= 6 && !tail.contains(['，', ',']);
        if OPENERS.iter().any(|w| tail.starts_with(w)) && name_ok_with(k, clause) {
            return Some(offset + chars[k].0);
        }
    }
    None
}

#[cfg(test)]
mod glued_tail_value_tests {
    use super::glued_tail_value;

    fn cut(s: &str) -> Option<(&str, &str)> {
        glued_tail_value(s).map(|c| (&s[..c], &s[c..]))
    }

    #[test]
    fn two_scores_run_together() {
        use super::two_scores;
        assert_eq!(two_scores("2020"), Some(2));
        assert_eq!(two_scores("2018"), Some(2));
        assert_eq!(two_scores("1510"), Some(2));
        assert_eq!(two_scores("100100"), Some(3));
        assert_eq!(two_scores("10095"), Some(3));
        // No split, or more than one: not two scores.
        assert_eq!(two_scores("1500"), None);
        assert_eq!(two_scores("2000"), None);
        assert_eq!(two_scores("1234567"), None);
    }

    #[test]
    fn values_glued_after_their_names() {
        assert_eq!(cut("地震应急预案完备性完备"), Some(("地震应急预案完备性", "完备")));
        assert_eq!(cut("宣传工作人员配备合理性合理"), Some(("宣传工作人员配备合理性", "合理")));
        assert_eq!(cut("培训人员人次培训人员人次达标"), Some(("培训人员人次", "培训人员人次达标")));
        assert_eq!(cut("项目预算控制项目预算控制内"), Some(("项目预算控制", "项目预算控制内")));
        assert_eq!(cut("保障人民群众基本文化权益影响程度明显"), Some(("保障人民群众基本文化权益影响程度", "明显")));
        assert_eq!(cut("开设课程数量220"), Some(("开设课程数量", "220")));
        assert_eq!(cut("公猪舍(≥**平方米)22.8"), Some(("公猪舍(≥**平方米)", "22.8")));
        // A figure with its unit after an amount's name; not a sentence's figure, not a
        // name's figure before the row's values.
        assert_eq!(cut("学生补助标准17元/人.每天"), Some(("学生补助标准", "17元/人.每天")));
        assert_eq!(cut("主要建设内容为新建300米深机井"), None);
        assert_eq!(cut("建设普通省道二级公路32.1公里2020"), None);
        assert_eq!(cut("建设项目成本参照政府采购成本控制"), Some(("建设项目成本", "参照政府采购成本控制")));
        assert_eq!(cut("长期使用性顺利接入，网络使用畅通。"), Some(("长期使用性", "顺利接入，网络使用畅通。")));
        // After a comma's clause, a short value in words still ends the name; a long tail
        // there is the sentence's own.
        assert_eq!(
            cut("持续提供人力物力保障,解决居民群众生产生活问题持续保障"),
            Some(("持续提供人力物力保障,解决居民群众生产生活问题", "持续保障"))
        );
        assert_eq!(cut("加强宣传,确保群众知晓政策并按时足额领取补贴"), None);
        // After a name's ending word (影响, 情况, 状况), a longer value in words.
        assert_eq!(cut("对监管企业发展的影响提高企业安全生产水平"), Some(("对监管企业发展的影响", "提高企业安全生产水平")));
        assert_eq!(cut("公共服务水平提升情况提升安全管理水平"), Some(("公共服务水平提升情况", "提升安全管理水平")));
        assert_eq!(cut("社会影响力确保全区人民生命财产安全"), Some(("社会影响力", "确保全区人民生命财产安全")));
        assert_eq!(cut("改善运行状况便于信息化应用"), Some(("改善运行状况", "便于信息化应用")));
        // A name alone keeps its words.
        assert_eq!(cut("资金使用合规性"), None);
        assert_eq!(cut("项目完成及时率"), None);
        assert_eq!(cut("群众满意度"), None);
        assert_eq!(cut("资金按照规定用途使用情况"), None);
        assert_eq!(cut("本项目不适用此指标无"), Some(("本项目不适用此指标", "无")));
        assert_eq!(cut("是否发生安全事故有无"), None);
    }
}

/// Where a value that repeats the stem of its name's last word starts, at the end of glued
/// text: `地震应急预案完备性完备`, `基础教育巩固提高情况巩固提高`.
fn stem_value_at(chars: &[(usize, char)]) -> Option<usize> {
    let n = chars.len();
    for ending in ["性", "情况"] {
        let e = ending.chars().count();
        for l in 2..=4 {
            if n < 2 * l + e + 2 {
                continue;
            }
            let value = &chars[n - l..];
            let stem = &chars[n - l - e - l..n - l - e];
            let printed_ending = chars[n - l - e..n - l].iter().map(|c| c.1).eq(ending.chars());
            if printed_ending && stem.iter().map(|c| c.1).eq(value.iter().map(|c| c.1)) {
                return Some(chars[n - l].0);
            }
        }
    }
    None
}

/// The length of a comparison in words at the end of a name glued before its figure
/// (`残疾学生入学率大于` + `90%`): the words are the value's.
fn operator_words_before(before: &str) -> usize {
    const WORDS: &[&str] = &[
        "不低于", "不高于", "不少于", "不多于", "不超过", "不大于", "不小于", "大于", "小于", "高于",
        "低于", "超过", "多于", "少于", "达到",
    ];
    WORDS
        .iter()
        .find(|w| before.ends_with(*w) && before.chars().count() >= w.chars().count() + 2)
        .map_or(0, |w| w.len())
}

/// Where the value starts in a target cell of glued text that holds its indicator's name
/// too (`培训合格率100`, `采购设备10台套`), for a row that printed no name: at the first
/// figure or comparison sign after a name of words, if what follows reads as a value.
pub(super) fn glued_head_name(value: &str) -> Option<usize> {
    let body = trim(value);
    let offset = body.as_ptr() as usize - value.as_ptr() as usize;
    let (k, _) = body
        .char_indices()
        .find(|&(_, c)| c.is_ascii_digit() || is_operator(c) || c == '=')?;
    let k = k - operator_words_before(&body[..k]);
    let name = &body[..k];
    let words = name.chars().filter(|&c| is_cjk(c)).count();
    let clean = !name.contains(['，', ',', '。', '；', ';', '(', '（', ':', '：'])
        && name.chars().all(|c| is_cjk(c) || c.is_alphabetic());
    (words >= 2 && clean && target_shape(&body[k..]) != Shape::No).then_some(offset + k)
}

/// A target printed in brackets after its indicator: `指标1:机柜数量(≥77台)` → the name ends
/// at the bracket, the value is inside it. The value must read as a target on its own (not
/// a note like `(县内培训)`, a unit `(人)` or points `(10分)`); a numbered template line
/// (`指标1:…`) also brackets qualitative values (`(正面支撑)`), never a template's hint
/// (`(≥**%)`), which stays part of the name as printed.
fn bracketed_value(part: &str) -> Option<(usize, std::ops::Range<usize>)> {
    let body = part.trim_end_matches(['。', '；', ';', '，', ',', '、']);
    let close = body.strip_suffix(')').or_else(|| body.strip_suffix('）'))?;
    let open = close.rfind(['(', '（'])?;
    let inner_start = open + close[open..].chars().next().map_or(1, char::len_utf8);
    let inner = trim(&close[inner_start..]);
    let name = trim(&close[..open]);
    if inner.is_empty() || name.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return None;
    }
    let points = inner.ends_with('分')
        && inner[..inner.len() - '分'.len_utf8()]
            .trim_end()
            .parse::<f64>()
            .is_ok();
    let numbered = template_numbered(name);
    let strong = target_shape(inner) == Shape::Strong;
    let qualitative = numbered
        && (2..=8).contains(&inner.chars().count())
        && !inner.contains(['(', '（', ',', '，', '。', '*', '＊'])
        && !inner.contains("XX")
        && !inner.contains("xx");
    if points || !(strong || qualitative) {
        return None;
    }
    let start = inner.as_ptr() as usize - part.as_ptr() as usize;
    Some((open, start..start + inner.len()))
}

/// Whether a name opens with the national template's numbering of indicators (`指标1:`,
/// `指标12：`, `指标3.`): a row's name, whatever table or list it stands in.
/// Bytes of a template's numbering that opens a name (`指标1`, `指标2:`, `指标3.`) when a
/// word follows it; 0 when the name opens otherwise. Its figure is no value run into the name.
fn numbering_len(name: &str) -> usize {
    let Some(rest) = name.strip_prefix("指标") else { return 0 };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return 0;
    }
    let after = &rest[digits..];
    let after = after.strip_prefix([':', '：', '.', '．', '、']).unwrap_or(after);
    if after.starts_with(is_cjk) {
        name.len() - after.len()
    } else {
        0
    }
}

pub(super) fn template_numbered(name: &str) -> bool {
    // (`strip_prefix` in a loop is `trim_start_matches("指标")` without building a searcher.)
    let mut rest = name;
    while let Some(r) = rest.strip_prefix("指标") {
        rest = r;
    }
    if rest.len() == name.len() || !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let after = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    after.starts_with([':', '：'])
        // `指标3.化妆品…`, not a decimal (`指标1.5`).
        || after
            .strip_prefix(['.', '．'])
            .is_some_and(|r| r.starts_with(|c: char| !c.is_ascii_digit() && !c.is_whitespace()))
}

/// `一、`, `(三)`, `2.`: a list numbering and nothing else.
fn is_numbering(p: &str) -> bool {
    let (rest, stripped) = jixiao_model::text::strip_enumerator(p);
    stripped && rest.is_empty() && p.chars().count() <= 5
}

/// Whether a line is running prose and nothing else: long, sentences, no level name, no
/// label, no value glued to a name. It stays one token (splitting and classifying its
/// pieces would cost most of the reading time and find nothing).
fn plain_prose(line: &str) -> bool {
    static WORDS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    if line.len() < 180 || line.matches('。').count() < 2 {
        return false;
    }
    // `<预期目标>。 <实际完成情况>。`: a sentence ended and a space before the next is two
    // cells of a space-separated row (a self-evaluation's goal beside its result).
    if line.contains("。 ") || line.contains("。\u{3000}") {
        return false;
    }
    let words = WORDS.get_or_init(|| {
        let mut w: Vec<&str> = LEVEL_ANCHORS.to_vec();
        w.extend([
            "指标",
            "指標",
            "目标:",
            "目标：",
            "≥",
            "≤",
            ">=",
            "<=",
            "≧",
            "≦",
            "|",
        ]);
        aho_corasick::AhoCorasick::new(w).expect("word list builds")
    });
    !words.is_match(line) && !names_fields(line)
}

/// Whether text names several fields of a form (`项目名称`, `项目实施单位`, `项目主管单位`,
/// `项目属性`): four different labels make a form glued together, whatever sentences it holds.
fn names_fields(text: &str) -> bool {
    let ac = anchor_automaton();
    let mut labels: Vec<&str> = ac
        .find_iter(text)
        .map(|m| &text[m.start()..m.end()])
        .filter(|w| super::vocab::label_of_key(w).is_some())
        .collect();
    labels.sort_unstable();
    labels.dedup();
    labels.len() >= 4
}

/// Pushes the pieces of one line of a paragraph.
fn push_line<'b>(
    cache: &mut Classes<'b>,
    out: &mut Vec<Token>,
    line: &'b str,
    n: u32,
    first_brk: Break,
    block: usize,
    lines_are_cells: bool,
) {
    if plain_prose(line) {
        out.push(Token::new(cache, trim(line), n, 1, first_brk, "", block));
        return;
    }
    let mut brk = first_brk;
    let mut col = 0;
    // A numbering printed apart from its heading (`三、 满意度指标`) goes with it.
    let mut pieces = space_pieces(line);
    let mut k = 0;
    while k + 1 < pieces.len() {
        let (_, p) = pieces[k];
        if is_numbering(p) {
            let start = p.as_ptr() as usize - line.as_ptr() as usize;
            let next = pieces[k + 1].1;
            let end = next.as_ptr() as usize - line.as_ptr() as usize + next.len();
            pieces[k + 1] = (pieces[k].0, &line[start..end]);
            pieces.remove(k);
        } else {
            k += 1;
        }
    }
    mend_spaced_values(line, &mut pieces);
    // A row of cells split by runs of spaces (`名称    值    实际值    分值`), or a document
    // printing a cell per line: each piece is a cell, whose words stay together
    // (`完成时间为2022年12月30日`, `开展执法周宣活动3次`).
    let gaps = pieces.iter().filter(|(gap, _)| gap_break(gap) == Break::Gap).count();
    let spaced_cells = gaps >= 3;
    // There, and on a line that is one cell (no run of spaces where lines are the cells), a
    // single space is inside a cell (`关于做好 2019 防灾减灾周…`): the pieces it separates
    // are one piece (level names in it are still cut apart as glued text is).
    if spaced_cells || (lines_are_cells && gaps == 0) {
        let mut k = 1;
        while k < pieces.len() {
            if gap_break(pieces[k].0) == Break::Space {
                let start = pieces[k - 1].1.as_ptr() as usize - line.as_ptr() as usize;
                let end = pieces[k].1.as_ptr() as usize - line.as_ptr() as usize + pieces[k].1.len();
                pieces[k - 1].1 = &line[start..end];
                pieces.remove(k);
            } else {
                k += 1;
            }
        }
    }
    // Pieces the page prints as cells (lines, runs of spaces): no cut is offered after a
    // name's ending inside one (`…数量`, `…率`).
    let one_cell_pieces = lines_are_cells || spaced_cells;
    // A row of five or more cells split by single spaces: a comma inside a piece is inside
    // its cell (`本着节约的原则,控制在预算中。`), no name and value run together.
    let spaced_row = pieces.len() >= 5;
    for (gap, piece) in pieces {
        let piece_brk = if col == 0 { brk } else { gap_break(gap) };
        // `年度资金总额（万元）：1125`: a label with its note, a colon, the value.
        let (piece, piece_brk) = match noted_label(cache, piece) {
            Some((label, rest)) => {
                col += 1;
                out.push(Token::new(cache, label, n, col, piece_brk, gap, block));
                (rest, Break::Glue)
            }
            None => (piece, piece_brk),
        };
        // Glued text: split into list items, each at anchors, then each part before a
        // trailing value. A piece that is itself a word, a title or a heading stays whole.
        let (whole, whole_full) = cache.shared(piece);
        // Running prose (sentences, longer than a table cell) is split at level names only.
        // (A glued form holds sentences too, among many field words.)
        // (The piece's cuts are kept: a piece that is one item is cut the same way below.)
        let mut piece_cuts = None;
        // (A glued table row opening with its level names and holding no clause, only an
        // explanation's sentences, `成本指标经济成本指标…经费≤70万元反映…经费。`, is no prose.)
        let row_of_cells = LEVEL_ANCHORS.iter().any(|w| piece.starts_with(w))
            && !piece.contains([',', '，', ':', '：', '；', ';']);
        let prose = piece.contains('。')
            && piece.chars().count() > 40
            && !row_of_cells
            && piece_cuts.insert(glue_cuts(piece, false, one_cell_pieces)).len() < 8;
        // Where lines are the cells, a line of sentences naming no indicator, goal or label
        // (`已完工,剩余3%尾款未付,且最高限价低于预算金额。提高预算准确度。`, a 偏差原因 cell) is
        // one cell.
        let sentences = lines_are_cells
            && piece.len() == line.trim().len()
            && piece.ends_with('。')
            && piece.contains([',', '，'])
            && !piece.contains([':', '：'])
            && !piece.contains("指标")
            && !piece.contains("目标");
        let keep = whole.stop
            || whole.label.is_some()
            || whole.header.is_some()
            || whole.is_level()
            || sentences;
        let mut parts: Vec<(&str, Break)> = Vec::new();
        let items = if keep { vec![piece] } else { clauses(piece) };
        for (ci, item) in items.into_iter().enumerate() {
            let cuts = if keep {
                Vec::new()
            } else if !prose && item == piece {
                piece_cuts.take().unwrap_or_else(|| glue_cuts(item, prose, one_cell_pieces))
            } else {
                glue_cuts(item, prose, one_cell_pieces)
            };
            let mut start = 0;
            let mut brk = if ci == 0 { Break::Glue } else { Break::Clause };
            for c in cuts.into_iter().chain(std::iter::once(item.len())) {
                if c > start {
                    parts.push((&item[start..c], brk));
                    brk = Break::Glue;
                }
                start = c;
            }
        }
        let mut first = true;
        let parts_len = parts.len();
        for (part, part_brk) in parts {
            let mut sub: Vec<&str> = Vec::new();
            // The separator between glued fields (`数量指标:…`, `…指标,受益…`) belongs to
            // neither.
            let part = if part_brk == Break::Glue || part_brk == Break::Clause {
                trim(part.trim_start_matches([':', '：', ',', '，', '、']))
            } else {
                part
            };
            // The brackets of a heading (`【产出指标-数量指标】`) are no cells; nor is the count
            // before a level's name (`设1条` 数量指标).
            if trim(part).chars().all(|c| "【】〔〕[]-－—".contains(c)) || is_count_prefix(part) {
                // A placeholder standing as a cell of its own between runs of spaces
                // (`22.8    22.8    —    1`) keeps its column's place, as an empty cell.
                let placeholder = part.len() == piece.len()
                    && col > 0
                    && piece_brk == Break::Gap
                    && trim(part).chars().all(|c| "-－—".contains(c));
                if placeholder {
                    col += 1;
                    out.push(Token::new(cache, part, n, col, piece_brk, gap, block));
                    first = false;
                }
                continue;
            }
            let value_split = if (spaced_cells || lines_are_cells) && parts_len == 1 {
                None
            } else {
                trailing_value(part)
                    .filter(|&i| !(spaced_row && trim(&part[..i]).ends_with([',', '，'])))
                    .map(|i| (i, i..part.len()))
                    .or_else(|| bracketed_value(part))
            };
            match value_split {
                Some((i, value)) => {
                    let name = trim(&part[..i]).trim_end_matches([',', '，', ':', '：']);
                    let name = name
                        .strip_suffix("定性")
                        .or_else(|| name.strip_suffix("定量"))
                        .map_or(name, |n| trim(n.trim_end_matches(['-', '－'])));
                    sub.push(name);
                    sub.push(&part[value]);
                }
                None => sub.push(part),
            }
            for (si, s) in sub.into_iter().enumerate() {
                col += 1;
                let b = if first {
                    piece_brk
                } else if si == 0 {
                    part_brk
                } else {
                    Break::Glue
                };
                let g = if first && col > 1 { gap } else { "" };
                // The whole piece was classified already; parts repeat across rows.
                let class = if s.len() == piece.len() {
                    (whole, whole_full.clone())
                } else {
                    cache.shared(s)
                };
                out.push(Token::with_class(s, class, n, col, b, g, block));
                first = false;
            }
        }
        brk = Break::Space;
    }
}

/// A label printed with a note in brackets before a colon and its value
/// (`年度资金总额（万元）：1125`, `项目资金(万元):30`), or before a sentence
/// (`年度绩效目标：完成…。`): the label and the value.
fn noted_label<'b>(cache: &mut Classes<'b>, piece: &'b str) -> Option<(&'b str, &'b str)> {
    // The colon right after the note (`其中：财政资金（万元）：5` has one before it too).
    // (Searched for only in text with a colon: most pieces have none.)
    let has_colon = piece.contains([':', '：']);
    let colon = [")：", "）：", "):", "）:"]
        .iter()
        .filter(|_| has_colon)
        .filter_map(|w| piece.find(w).map(|i| i + w.find([':', '：']).unwrap_or(0)))
        .min();
    // Or a label before the first colon of running text (`年度绩效目标：完成…。`), which
    // the glue cuts leave whole (prose is cut at level names only).
    let prose = piece.contains('。') && piece.chars().count() > 40;
    if prose && colon.is_none() && !has_colon {
        // `年度绩效目标完成…。`: the label glued to its sentence.
        let m = anchor_automaton().find(piece).filter(|m| m.start() == 0)?;
        let label = &piece[..m.end()];
        let rest = trim(&piece[m.end()..]);
        return (cache.get(label).label.is_some() && rest.chars().count() >= 6)
            .then_some((label, rest));
    }
    let colon = colon.or_else(|| piece.find([':', '：']).filter(|_| prose))?;
    let label = trim(&piece[..colon]);
    let rest = trim(piece[colon..].trim_start_matches([':', '：']));
    (!rest.is_empty() && (2..=20).contains(&label.chars().count()))
        .then_some(())
        .filter(|_| cache.get(label).label.is_some())
        .map(|_| (label, rest))
}

/// Pieces a single space cut out of one value or name, joined back: an operator and its
/// figure (`≤ 0.7万元`), a figure and its unit (`3.2 万户`), a name and the unit in brackets
/// after it (`培训天数 (天)≥10天`: the bracket goes with the name).
fn mend_spaced_values<'a>(line: &'a str, pieces: &mut Vec<(&'a str, &'a str)>) {
    let at = |p: &str| p.as_ptr() as usize - line.as_ptr() as usize;
    let mut k = 1;
    while k < pieces.len() {
        let (gap, next) = pieces[k];
        let prev = pieces[k - 1].1;
        if gap_break(gap) != Break::Space {
            k += 1;
            continue;
        }
        let op_then_figure = prev.ends_with(|c: char| is_operator(c) || c == '=')
            && next.starts_with(|c: char| c.is_ascii_digit());
        let figure_then_unit = prev.ends_with(|c: char| c.is_ascii_digit())
            && prev.chars().any(|c| c.is_ascii_digit())
            && (1..=3).contains(&next.chars().count())
            && next.chars().all(|c| is_unit_char(c) || "万亿千平方立公厘%％".contains(c))
            && next.chars().any(|c| is_unit_char(c) || c == '%' || c == '％');
        // `数量指标 (必填硬性指标)实施…`, `效益指标 (40 分)`: a level's note one space after its
        // name is the level's (the name of the row after it stays a piece of its own).
        let named = |head: &str| LEVEL_ANCHORS.iter().any(|w| head.ends_with(w));
        // (Or cut inside its points: `效益指标(40` `分)`.)
        let name_end = if named(prev) {
            Some(at(prev) + prev.len())
        } else {
            prev.rfind(['(', '（'])
                .filter(|&o| named(prev[..o].trim_end()) && prev[o..].chars().skip(1).all(|c| c.is_ascii_digit()))
                .map(|o| at(prev) + prev[..o].trim_end().len())
        };
        let level_note = name_end.and_then(|e| {
            let rest = &line[e..];
            let n = level_note_after(rest);
            (n > 0 && rest[n - 1..].starts_with([')', '）', '分']) && e + n > at(next)).then_some(e + n)
        });
        if let Some(end) = level_note {
            let start = at(prev);
            pieces[k - 1].1 = &line[start..end];
            // The note may run past this piece (`(40 分)` spans two).
            while k < pieces.len() && at(pieces[k].1) + pieces[k].1.len() <= end {
                pieces.remove(k);
            }
            if k < pieces.len() && at(pieces[k].1) < end {
                let (gap, p) = pieces[k];
                let cut = end - at(p);
                pieces[k] = (gap, &p[cut..]);
                let _ = gap;
            }
            if k < pieces.len() && at(pieces[k].1) == end {
                // Glued after the note: no gap before it.
                pieces[k].0 = "";
            }
            continue;
        }
        if op_then_figure || figure_then_unit {
            let start = at(prev);
            let end = at(next) + next.len();
            pieces[k - 1].1 = &line[start..end];
            pieces.remove(k);
            continue;
        }
        // `(天)≥10天`: a unit in brackets, then the value.
        if let Some(close) = next.strip_prefix(['(', '（']).and_then(|r| r.find([')', '）'])) {
            let open = next.chars().next().map_or(1, char::len_utf8);
            let group_end = open + close + next[open + close..].chars().next().map_or(1, char::len_utf8);
            let rest = &next[group_end..];
            let unit = &next[open..open + close];
            let short_unit = (1..=3).contains(&unit.chars().count()) && !unit.contains(|c: char| c.is_ascii_digit());
            if short_unit
                && !prev.ends_with(|c: char| c.is_ascii_digit())
                && rest.starts_with(|c: char| c.is_ascii_digit() || is_operator(c) || c == '=')
            {
                let start = at(prev);
                pieces[k - 1].1 = &line[start..at(next) + group_end];
                pieces[k].1 = rest;
            } else if short_unit && rest.is_empty() && prev.ends_with(is_cjk) {
                // `培训天数 (天)` alone (its value on the next line): the name's unit.
                let start = at(prev);
                pieces[k - 1].1 = &line[start..at(next) + next.len()];
                pieces.remove(k);
                continue;
            }
        }
        k += 1;
    }
}

/// Whether a document's text prints a table one cell per line (a web page's table copied
/// as text, an indentation tree): level names and values stand on lines of their own, and
/// no line glues a level name to what follows it.
fn lines_are_cells<'b>(cache: &mut Classes<'b>, blocks: &'b [Block]) -> bool {
    let (mut levels, mut values, mut glued, mut headers) = (0usize, 0usize, 0usize, 0usize);
    for block in blocks {
        let Block::Paragraph { text, .. } = block else { continue };
        for l in text.split('\n') {
            let l = trim(l);
            if l.is_empty() || l.contains('|') || l.chars().count() > 60 {
                continue;
            }
            // (Through the cache: the same lines are classified again as tokens.)
            let c = cache.get(l);
            if c.header.is_some() {
                headers += 1;
            }
            if c.is_level() {
                levels += 1;
            } else if LEVEL_ANCHORS.iter().any(|a| l.starts_with(a)) {
                glued += 1;
            } else if l.chars().count() <= 12 && target_shape(l) == Shape::Strong {
                values += 1;
            }
        }
    }
    // (Values that are bare figures say little; a header printed a column per line, `一级指标`
    // / `二级指标` / `三级指标` / `年度指标值`, says as much.)
    levels >= 3 && (values >= 3 || headers >= 4) && glued * 4 <= levels
}

/// The token stream of a document's blocks.
pub fn tokens(blocks: &[Block]) -> Vec<Token> {
    let mut cache = Classes::default();
    let cells: usize = blocks
        .iter()
        .map(|b| match b {
            Block::Table(t) => t.rows.iter().map(|r| r.cells.len()).sum(),
            Block::Paragraph { .. } => 2,
        })
        .sum();
    let mut out: Vec<Token> = Vec::with_capacity(cells + 16);
    let mut last_line = 0u32;
    // Pipe lines printed one cell per line (`项目名称 |`): cells, not rows.
    let pipe_rows = pipe_lines_are_rows(blocks);
    let lines_are_cells = lines_are_cells(&mut cache, blocks);
    let mut next_row = false;
    for (bi, block) in blocks.iter().enumerate() {
        match block {
            Block::Table(t) if !relevant(t) && !row_tail(blocks, bi) => {
                // A table that names no level, header, label or goal (the budget
                // disclosure's statements): nothing a form is read from.
                next_row = true;
            }
            Block::Table(t) => {
                for row in &t.rows {
                    for (ci, cell) in row.cells.iter().enumerate() {
                        let brk = if ci == 0 { Break::Row } else { Break::Cell };
                        let text = trim(&cell.text);
                        // `绩效目标 1、…` printed in one cell: the label and its value.
                        if let Some((label, value)) = label_in_cell(&mut cache, text) {
                            out.push(
                                Token::new(&mut cache, label, cell.line, cell.col, brk, "", bi)
                                    .in_table(),
                            );
                            out.push(
                                Token::new(
                                    &mut cache,
                                    value,
                                    cell.line,
                                    cell.col,
                                    Break::Cell,
                                    "",
                                    bi,
                                )
                                .in_table(),
                            );
                            continue;
                        }
                        out.push(
                            Token::new(&mut cache, text, cell.line, cell.col, brk, "", bi)
                                .in_table(),
                        );
                    }
                    last_line = row.line;
                }
                next_row = true;
            }
            Block::Paragraph { text, line } => {
                for (k, l) in text.split('\n').enumerate() {
                    let n = line + k as u32;
                    let blank_before = last_line > 0 && n > last_line + 1;
                    let mut brk = if next_row {
                        Break::Row
                    } else if blank_before {
                        Break::Blank
                    } else {
                        Break::Line
                    };
                    next_row = false;
                    last_line = n;
                    if let Some(pieces) = pipe_pieces(l) {
                        if pieces.iter().all(|p| p.is_empty()) {
                            // `|||||`: empty cells; in row layouts a row of its own.
                            if pipe_rows {
                                next_row = true;
                            }
                            continue;
                        }
                        if pipe_rows {
                            brk = Break::Row;
                        }
                        // Trailing empty cells are padding of the flattened row.
                        let last = pieces.iter().rposition(|p| !p.is_empty()).unwrap_or(0);
                        for (pi, p) in pieces[..=last].iter().enumerate() {
                            let b = if pi == 0 { brk } else { Break::Cell };
                            let col = pi as u32 + 1;
                            if let Some((label, value)) = label_in_cell(&mut cache, p) {
                                out.push(
                                    Token::new(&mut cache, label, n, col, b, "", bi).in_cell(),
                                );
                                out.push(
                                    Token::new(&mut cache, value, n, col, Break::Cell, "", bi)
                                        .in_cell(),
                                );
                                continue;
                            }
                            out.push(Token::new(&mut cache, p, n, col, b, "", bi).in_cell());
                        }
                        continue;
                    }
                    if trim(l).is_empty() {
                        continue;
                    }
                    let first = out.len();
                    push_line(&mut cache, &mut out, l, n, brk, bi, lines_are_cells);
                    // The line's first piece keeps its indentation (an indentation tree's depth).
                    if let Some(t) = out.get_mut(first) {
                        t.indent = l.chars().take_while(|&c| is_line_space(c)).count().min(255) as u8;
                    }
                }
            }
        }
    }
    merge_fragments(&cache, &mut out);
    unlabel_breadcrumbs(&mut out);
    numbered_names_in_rows(&mut out);
    blank_placeholders(&mut out);
    out
}

/// `指标1:` / `指标2:` standing alone in text (`…2018指标2:时效指标指标1:指标2: 成本指标…`,
/// `指标2` on a line of its own): the template's numbered rows left unfilled, printed between
/// the level names. An empty cell, not a part of the level name after it.
fn blank_placeholders(tokens: &mut [Token]) {
    for t in tokens.iter_mut().filter(|t| !t.cell && !t.class.empty) {
        let s = trim(&t.text);
        let number = s.strip_prefix("指标").map(|r| r.trim_end_matches([':', '：']));
        if number.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
            t.class.empty = true;
        }
    }
}

/// `首页 > 政务公开 > 专项资金(涉农补贴)`: a page's breadcrumb names sections of the site,
/// not fields of the form, whatever words they use.
fn unlabel_breadcrumbs(tokens: &mut [Token]) {
    let arrow = |t: &Token| matches!(t.text.as_str(), ">" | ">>" | "»" | "＞" | "〉" | "›");
    let mut start = 0;
    while start < tokens.len() {
        let line = tokens[start].line;
        let end = start + tokens[start..].iter().take_while(|t| t.line == line).count();
        let arrows = tokens[start..end].iter().filter(|t| arrow(t)).count();
        if arrows >= 2 && !tokens[start..end].iter().any(|t| t.cell) {
            for t in &mut tokens[start..end] {
                t.class.label = None;
            }
        }
        start = end;
    }
}

/// A cell that prints a form label, then its value: after a colon (`预算单位:东莞市交通运输局`)
/// or, for goals, after white space (`绩效目标 1、…`).
fn label_in_cell<'b>(cache: &mut Classes<'b>, text: &'b str) -> Option<(&'b str, &'b str)> {
    if let Some(colon) = text.find([':', '：']) {
        let label = trim(&text[..colon]);
        let rest = trim(text[colon..].trim_start_matches([':', '：']));
        if !rest.is_empty()
            && (2..=12).contains(&label.chars().count())
            && cache.get(label).label.is_some()
            && cache.get(text).label.is_none()
        {
            return Some((label, rest));
        }
    }
    let end = text.find(char::is_whitespace)?;
    let (label, rest) = (&text[..end], trim(&text[end..]));
    if rest.is_empty() || label.chars().count() > 10 {
        return None;
    }
    // Only the goals labels are printed so (绩效目标 1、…); `绩效目标 总体描述` is a label
    // and a sub-label, not a goal.
    if !label.contains("目标")
        || (rest.chars().count() <= 6 && !rest.contains(['、', '：', ':', '.']))
    {
        return None;
    }
    let c = cache.get(label);
    matches!(c.label, Some(super::vocab::Label::Goals)).then_some((label, rest))
}

/// Whether a table may hold any part of a form: one of its cells holds a word of the
/// vocabulary or a title.
fn relevant(t: &crate::layout::Table) -> bool {
    static WORDS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        aho_corasick::AhoCorasick::new([
            "指标", "指標", "目标", "目標", "项目", "項目", "绩效", "績效", "资金", "預算", "预算",
            "单位", "部门", "满意", "產出", "产出", "效益",
            // Traditional characters (`主管部門`, `實施單位`, `資金`).
            "資金", "單位", "部門", "滿意",
        ])
        .expect("word list builds")
    });
    t.rows
        .iter()
        .any(|r| r.cells.iter().any(|c| words.is_match(&c.text)))
}

/// Whether table block `bi` is the rest of the pipe row printed on the line above, broken
/// by a line break inside one of its cells (`…健全性 | 定性 | 优良中低差 |` then `| 优 | 10 |`):
/// one short row right after a pipe line that is a row of its own.
fn row_tail(blocks: &[Block], bi: usize) -> bool {
    let Block::Table(t) = &blocks[bi] else { return false };
    let Some(Block::Paragraph { text, .. }) = bi.checked_sub(1).map(|k| &blocks[k]) else {
        return false;
    };
    let last = trim(text.rsplit('\n').next().unwrap_or(""));
    t.rows.len() == 1
        && t.rows[0].cells.len() <= 4
        && last.ends_with('|')
        && pipe_pieces(last).is_some_and(|p| p.iter().filter(|p| !p.is_empty()).count() >= 3)
}

/// Whether the document's pipe lines are rows (`a | b | c |`) rather than one cell per line
/// (`项目名称 |`): most such lines print two or more cells.
fn pipe_lines_are_rows(blocks: &[Block]) -> bool {
    let (mut rows, mut cells) = (0, 0);
    for b in blocks {
        if let Block::Paragraph { text, .. } = b {
            for l in text.split('\n') {
                if let Some(p) = pipe_pieces(l) {
                    match p.iter().filter(|p| !p.is_empty()).count() {
                        0 => {}
                        1 => cells += 1,
                        _ => rows += 1,
                    }
                }
            }
        }
    }
    rows > cells
}

/// `一、示范区建立 | ≧20000亩 | 20000亩 | 15.0`: a cell numbered as a section's heading is an
/// indicator's name where a value follows it (a group of sub-items `1、…` `2、…`), not the
/// heading that ends a table.
fn numbered_names_in_rows(tokens: &mut [Token]) {
    for k in 0..tokens.len() {
        let t = &tokens[k];
        if !(t.class.stop && t.text.trim_start().starts_with(|c: char| "一二三四五六七八九十".contains(c))) {
            continue;
        }
        // The cell right after it, in its row (or on the next line, a cell per line).
        let valued = tokens[k + 1..]
            .iter()
            .take_while(|u| u.brk < Break::Row)
            .find(|u| !u.is_empty())
            .is_some_and(|u| u.brk <= Break::Line && u.full().target == Shape::Strong);
        if valued {
            tokens[k].class.stop = false;
        }
    }
}

/// Level names and headers broken over lines (`项目完成` / `指标`, `可持续影` / `响指标`)
/// are put back together: a token that is no such word, followed by one or two pieces on
/// the next lines with which it makes one, takes them in.
fn merge_fragments(cache: &Classes, tokens: &mut Vec<Token>) {
    let mut i = 0;
    while i + 1 < tokens.len() {
        let a = &tokens[i];
        let mergeable = |t: &Token| {
            !t.is_empty()
                && t.text.chars().count() <= 10
                && matches!(
                    t.brk,
                    Break::Line | Break::Blank | Break::Glue | Break::Space
                )
        };
        if a.is_empty() || a.text.chars().count() > 10 || !mergeable(&tokens[i + 1]) {
            i += 1;
            continue;
        }
        let mut merged = None;
        for n in 1..=2usize {
            if i + n >= tokens.len() || !mergeable(&tokens[i + n]) {
                break;
            }
            let text: String = tokens[i..=i + n].iter().map(|t| t.text.as_str()).collect();
            let c = cache.peek(&text);
            let word = c.is_level() || c.header.is_some() || c.label.is_some() || c.funds.is_some();
            let first = &tokens[i].class;
            let first_word = first.is_level() || first.header.is_some() || first.label.is_some();
            // Only when the first piece alone is no word, or the rest is a bare suffix.
            let tail: String = tokens[i + 1..=i + n]
                .iter()
                .map(|t| t.text.as_str())
                .collect();
            let suffix = matches!(
                trim(&tail),
                "指标" | "指標" | "标" | "指" | "指标:" | "指标："
            );
            // (Classified only when the whole is a word: otherwise it does not matter.)
            let tail_word = word && {
                let tail_class = cache.peek(&tail);
                tail_class.is_level()
                    || tail_class.header.is_some()
                    || tail_class.label.is_some()
                    || tail_class.funds.is_some()
            };
            // The rest must be a fragment, not a word of its own (`持续改善` + `满意度指标`).
            let _ = (first_word, suffix);
            // A figure is a field's value, never a piece of its label (`其中:财政拨款` /
            // `80` / `其他资金`).
            let figure = c.label.is_some()
                && !c.is_level()
                && c.header.is_none()
                && tokens[i + 1..=i + n]
                    .iter()
                    .any(|t| t.text.starts_with(|c: char| c.is_ascii_digit()));
            // `年初` / `预算数`, `全年` / `执行数`: a funds column's header broken in two, whose
            // second half is a word too.
            let funds_column = c.funds.is_some()
                && n == 1
                && matches!(trim(&tokens[i].text), "年初" | "全年" | "调整后" | "实际");
            // A level's header is whole: `三级指标` + `半年(程)指标值` are two columns.
            let level_header = matches!(
                first.header,
                Some(Column::Level1 | Column::Level2 | Column::Level3)
            ) && c.header != first.header;
            // `服务对象` / `满意度指标`: the level 2's name wrapped in its narrow cell (its second
            // half is the level 1's name).
            let whom = c.level2.is_some()
                && matches!(trim(&tokens[i].text), "服务对象" | "社会公众" | "社会公众或服务对象");
            // A unit alone (`万元`, a 计量单位 cell) ends a row; a label broken over lines
            // prints its unit last (`年度资金总额` / `（万元）`), never first.
            let unit_first = first.unit && !tokens[i].text.contains(['(', '（']);
            // `指标值` / `完成值` / `权重`: column headers glued one after another are columns
            // each, though their run reads as one shape (`…权重`).
            let headers_each = tokens[i..=i + n].iter().all(|t| t.class.header.is_some());
            if (word && (!tail_word || whom) && !figure && !level_header && !unit_first && !headers_each)
                || funds_column
            {
                merged = Some((n, text, c));
            }
        }
        if let Some((n, text, c)) = merged {
            tokens[i].text = text;
            tokens[i].class = c;
            tokens[i].full = Shared::default();
            tokens[i].spans = std::cell::OnceCell::new();
            tokens.drain(i + 1..=i + n);
        }
        i += 1;
    }
}

#[cfg(test)]
mod sign_tests {
    #[test]
    fn sign_sets_agree_with_their_lists() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(super::is_operator(c), "≥≤<>≧≦＞＜﹥﹤".contains(c), "{c:?}");
            assert_eq!(super::is_value_sign(c), "≥≤<>=≧≦＞＜＝﹥﹤﹦≈═".contains(c), "{c:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::carrier::text::blocks;

    /// Found by fuzzing (office_bytes): a value after the one comma that ends in a character
    /// trimming drops (`\u{feff}`) cut the text inside that character.
    #[test]
    fn a_clause_after_the_comma_is_no_value() {
        // `增加` after the one comma is the row's value; a clause opened by a verb is the
        // sentence going on.
        let v = "带动村集体及种植户增收致富,增加";
        assert_eq!(trailing_value(v).map(|i| &v[i..]), Some("增加"));
        let g = "全面完成集镇立面改造、机关、学校、乡村振兴等项目,搞好提质改造";
        assert_eq!(trailing_value(g), None);
    }

    #[test]
    fn a_value_after_its_name_and_a_colon() {
        let v = "重点建设工程安排数量：2。";
        assert_eq!(trailing_value(v).map(|i| &v[i..]), Some("2。"));
        let v = "服务周期内空气质量：优良";
        assert_eq!(trailing_value(v).map(|i| &v[i..]), Some("优良"));
        let v = "建设项目成本：参照政府采购成本控制";
        assert_eq!(trailing_value(v).map(|i| &v[i..]), Some("参照政府采购成本控制"));
        // Labels, numbered names and notes keep their colon's text.
        assert_eq!(trailing_value("主管部门：武汉市青山区教育局"), None);
        assert_eq!(trailing_value("指标1：开设课程数量"), None);
        assert_eq!(trailing_value("说明无注:1、其他资金包括和中央"), None);
    }

    #[test]
    fn a_converter_s_double_rule_is_an_equals_sign() {
        let v = "生均补助标准达标率═100%";
        assert_eq!(trailing_value(v).map(|i| &v[i..]), Some("═100%"));
    }

    #[test]
    fn a_comparison_in_words_is_the_value_s() {
        let v = "残疾学生入学率大于90%";
        assert_eq!(trailing_value(v).map(|i| &v[i..]), Some("大于90%"));
        let v = "项目验收合格率不低于95%";
        assert_eq!(trailing_value(v).map(|i| &v[i..]), Some("不低于95%"));
    }

    #[test]
    fn a_value_repeating_the_stem_of_the_name() {
        let v = "地震应急预案完备性完备";
        assert_eq!(trailing_value(v).map(|i| &v[i..]), Some("完备"));
        assert_eq!(trailing_value("资金使用合规性"), None);
        let v = "基础教育巩固提高情况巩固提高";
        assert_eq!(trailing_value(v).map(|i| &v[i..]), Some("巩固提高"));
        let v = "基础教育学校办学条件持续改善";
        assert_eq!(trailing_value(v).map(|i| &v[i..]), Some("持续改善"));
        let v = "残疾学生家庭负担率有所减轻";
        assert_eq!(trailing_value(v).map(|i| &v[i..]), Some("有所减轻"));
    }

    #[test]
    fn a_trimmed_tail_is_cut_at_a_character() {
        let _ = tokens(&blocks("<=,7\u{feff},;)#"));
        let seg = "安全检查工作,按时\u{feff}";
        let i = trailing_value(seg).expect("a value after the comma");
        assert_eq!(&seg[i..], "按时\u{feff}");
    }

    fn show(text: &str) -> String {
        let toks = tokens(&blocks(text));
        toks.iter()
            .map(|t| {
                let b = match t.brk {
                    Break::Glue => "+",
                    Break::Space => "_",
                    Break::Gap => "~",
                    Break::Cell => "|",
                    Break::Line => "/",
                    Break::Blank => "//",
                    Break::Row => "#",
                    Break::Clause => ";",
                };
                format!("{b}{}", t.text)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn streams() {
        let cases = [
            // One cell per paragraph, blank lines between.
            (
                "一级指标\n\n二级指标\n\n产出指标",
                "/一级指标 //二级指标 //产出指标",
            ),
            // Runs of spaces and single spaces.
            (
                "产出指标 数量指标 签约康复人数 ≥18000人\n涉及乡镇街数量 =22个",
                "/产出指标 _数量指标 _签约康复人数 _≥18000人 /涉及乡镇街数量 _=22个",
            ),
            ("一级  二级", "/一级 ~二级"),
            // Level names broken over lines.
            (
                "项目完成\n指标\n数量指标 x 1人",
                "/项目完成指标 /数量指标 _x _1人",
            ),
            ("经济效益\n\n指标", "/经济效益指标"),
            // A unit alone ends its row; it opens no label with the next name.
            ("≤\n8\n万元\n安全生产经费\n≤", "/≤ /8 /万元 /安全生产经费 /≤"),
            ("年度资金总额\n（万元）", "/年度资金总额（万元）"),
            // A document's title glued after a value is the basis's.
            (
                "网络正常率正常时间所占比率100%《信息化平台建设方案》",
                "/网络正常率 +正常时间所占比率 +100% +《信息化平台建设方案》",
            ),
            // So is a document's number; its issuer is not the value's unit.
            ("对象的户数48000人冀民[2018]120号", "/对象的户数 +48000人 +冀民[2018]120号"),
            ("外宣品的数量≥5000份临汛字【20196】4号", "/外宣品的数量 +≥5000份 +临汛字【20196】4号"),
            ("资金及时发放率≥100%冀民[2018]120号", "/资金及时发放率 +≥100% +冀民[2018]120号"),
            // A report's numbered level before its colon, marks and all.
            ("2.社会公众或服务对象满意度指标：市民满意度", "/2.社会公众或服务对象满意度指标 +市民满意度"),
            ("1.数量指标*：外聘人员招聘数量", "/1.数量指标* +外聘人员招聘数量"),
            // Glued text split at vocabulary and values.
            (
                "质量指标校舍维修改造质量合格率100%",
                "/质量指标 +校舍维修改造质量合格率 +100%",
            ),
            ("参训人员结业率≥100%;", "/参训人员结业率 +≥100%;"),
            ("完成时限,2025年10月底前;", "/完成时限 +2025年10月底前;"),
            // Pipe rows without a leading pipe; trailing padding dropped.
            (
                "一级指标 | 二级指标 | 三级指标 | ||\n产出指标 | 数量指标 | 甲 | ≥1次 |",
                "#一级指标 |二级指标 |三级指标 #产出指标 |数量指标 |甲 |≥1次",
            ),
            // One cell per line with terminating pipes.
            (
                "项目名称 |\n临时救助 |\n|\n主管部门 |",
                "/项目名称 /临时救助 //主管部门",
            ),
            // Numbers inside names stay.
            ("开展5·12防灾减灾宣传周活动", "/开展5·12防灾减灾宣传周活动"),
        ];
        for (text, want) in cases {
            assert_eq!(show(text), want, "{text:?}");
        }
    }

    #[test]
    fn joins_as_printed() {
        let toks = tokens(&blocks("目标1:聘用人员1人 目标2:在岗率100%"));
        assert_eq!(join(&toks), "目标1:聘用人员1人 目标2:在岗率100%");
    }
}

/// Mends words a PDF conversion broke with a space (`产 出 指 标`, `一级 指标`, `年度指标 值`):
/// a single space between two Chinese characters is dropped where a form word runs across
/// it, and every such space of a table run together (a long line with few spaces and form
/// words glued to the text before them), where spaces are wraps inside cells. A space
/// between two whole words (`产出指标 数量指标`) separates cells and stays, and so does
/// every space of a line whose cells are split by pipes or tabs.
/// `None` when no paragraph has such a space, so most documents are not copied.
pub fn mend_broken_words(blocks: &[Block]) -> Option<Vec<Block>> {
    let joined = vertical_labels(blocks);
    let blocks = joined.as_deref().unwrap_or(blocks);
    let mended = match reflow_wrapped(blocks) {
        Some(flowed) => Some(mend_blocks(&flowed).unwrap_or(flowed)),
        None => mend_blocks(blocks),
    };
    mended.or(joined)
}

/// A form's label printed down a merged cell, a word or two per line (`年度` / `总体` /
/// `目标`): the lines joined back into the label, or `None` when there is none.
fn vertical_labels(blocks: &[Block]) -> Option<Vec<Block>> {
    // Two characters a line (`年度`), no figure, no word of its own.
    fn short(b: &Block) -> Option<(&str, u32)> {
        one_line(b).filter(|(t, _)| {
            t.chars().count() == 2
                && t.chars().all(is_cjk)
                && super::vocab::label_of_key(t).is_none()
                && super::vocab::column(t).is_none()
        })
    }
    // Blocks are copied only once a label is found (most documents have none):
    // `blocks[..copied]` are in `out`.
    let mut out: Vec<Block> = Vec::new();
    let mut copied = 0;
    let mut i = 0;
    while i < blocks.len() {
        // The longest run of short lines on consecutive lines that reads as a label.
        let mut best = None;
        let mut text = String::new();
        let mut j = i;
        let mut last = None;
        while j < blocks.len() && j - i < 4 {
            let Some((t, n)) = short(&blocks[j]) else { break };
            if last.is_some_and(|m: u32| n != m + 1) {
                break;
            }
            last = Some(n);
            text.push_str(t);
            j += 1;
            let k = super::norm::key(&text);
            if j - i >= 2 && super::vocab::label_of_key(&k).is_some() {
                best = Some((j, text.clone()));
            }
        }
        match best {
            Some((end, label)) => {
                let line = one_line(&blocks[i]).map_or(0, |(_, n)| n);
                out.extend(blocks[copied..i].iter().cloned());
                out.push(Block::Paragraph { text: label, line });
                copied = end;
                i = end;
            }
            None => i += 1,
        }
    }
    (copied > 0).then(|| {
        out.extend(blocks[copied..].iter().cloned());
        out
    })
}

/// [`mend_broken_words`] after the reflow.
fn mend_blocks(blocks: &[Block]) -> Option<Vec<Block>> {
    // Each paragraph's mended text, computed once; most paragraphs have nothing to mend.
    let mended: Vec<Option<String>> = blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { text, .. } => match report_sentences(text) {
                Some(plain) => Some(mend_text(&plain).unwrap_or(plain)),
                None => mend_text(text),
            },
            Block::Table(_) => None,
        })
        .collect();
    // In a table only a header cell broken by a space is mended (other spaces are the cell's).
    let broken_cells: Vec<bool> = blocks
        .iter()
        .map(|b| match b {
            Block::Table(t) => t
                .rows
                .iter()
                .any(|r| r.cells.iter().any(|c| !broken_header(&c.text).is_empty())),
            Block::Paragraph { .. } => false,
        })
        .collect();
    if mended.iter().all(Option::is_none) && !broken_cells.contains(&true) {
        return None;
    }
    // (A mended paragraph is made from its text, not copied first.)
    let blocks: Vec<Block> = blocks
        .iter()
        .zip(&broken_cells)
        .zip(mended)
        .map(|((b, broken), m)| match (b, m) {
            (Block::Paragraph { line, .. }, Some(text)) => Block::Paragraph { text, line: *line },
            (Block::Table(t), _) if *broken => {
                let mut t = t.clone();
                for c in t.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
                    let drop = broken_header(&c.text);
                    if !drop.is_empty() {
                        c.text = c
                            .text
                            .char_indices()
                            .filter(|(i, _)| !drop.contains(i))
                            .map(|(_, ch)| ch)
                            .collect();
                    }
                }
                Block::Table(t)
            }
            (other, _) => other.clone(),
        })
        .collect();
    Some(blocks)
}

/// A paragraph of one line, trimmed, with its line number.
fn one_line(b: &Block) -> Option<(&str, u32)> {
    match b {
        Block::Paragraph { text, line } if !text.contains('\n') => Some((trim(text), *line)),
        _ => None,
    }
}

/// Prose a PDF conversion wrapped at a fixed width (`…;设 1条质量指标:` / `应急运维系统…`,
/// every line as long as the page allows), one paragraph per line: the wrapped lines joined
/// again, or `None` when no run of lines is such prose. A line ending a sentence, a list
/// item and a level name starting a line keep their breaks.
fn reflow_wrapped(blocks: &[Block]) -> Option<Vec<Block>> {
    // Blocks are copied only once a run is reflowed (most documents have none):
    // `blocks[..copied]` are in `out`.
    let mut out: Vec<Block> = Vec::new();
    let mut copied = 0;
    let mut i = 0;
    while i < blocks.len() {
        // A run of one-line paragraphs on consecutive lines.
        let mut j = i;
        while j < blocks.len()
            && one_line(&blocks[j]).is_some_and(|(_, n)| j == i || one_line(&blocks[j - 1]).is_some_and(|(_, m)| n == m + 1))
        {
            j += 1;
        }
        if j == i {
            i += 1;
            continue;
        }
        let run: Vec<(&str, u32)> = blocks[i..j].iter().filter_map(one_line).collect();
        let lines: Vec<&str> = run.iter().map(|r| r.0).collect();
        match wrapped_joins(&lines) {
            Some(joins) => {
                out.extend(blocks[copied..i].iter().cloned());
                copied = j;
                let mut k = 0;
                while k < lines.len() {
                    let mut text = lines[k].to_string();
                    let line = run[k].1;
                    while joins[k] {
                        k += 1;
                        text.push_str(lines[k]);
                    }
                    out.push(Block::Paragraph { text, line });
                    k += 1;
                }
            }
            None => {}
        }
        i = j;
    }
    (copied > 0).then(|| {
        out.extend(blocks[copied..].iter().cloned());
        out
    })
}

/// For each line of a run, whether it was wrapped and goes on in the next; `None` when the
/// run is not prose wrapped at a fixed width.
fn wrapped_joins(lines: &[&str]) -> Option<Vec<bool>> {
    if lines.len() < 4 {
        return None;
    }
    // Widths in half-width cells: figures and Latin letters take half a character's room.
    let lens: Vec<usize> = lines
        .iter()
        .map(|l| l.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum())
        .collect();
    let max = *lens.iter().max()?;
    if !(32..=120).contains(&max) {
        return None;
    }
    // (A conversion's punctuation, full or half width, moves the margin a little.)
    let full = |i: usize| {
        lens[i] * 20 >= max * 17 && !lines[i].contains('|') && !lines[i].contains("  ")
    };
    let n_full = (0..lines.len()).filter(|&i| full(i)).count();
    if n_full < 4 || n_full * 2 < lines.len() {
        return None;
    }
    // Prose has punctuation in most of its lines; a table's rows run together have none
    // (`产出指标数量指标开设课程数量220`).
    let punctuated = (0..lines.len())
        .filter(|&i| full(i) && lines[i].contains(['，', ',', '、', '；', ';', '：', ':', '。']))
        .count();
    if punctuated * 3 < n_full * 2 {
        return None;
    }
    let starts_item = |l: &str| {
        let mut cs = l.chars();
        let (first, second) = (cs.next(), cs.next());
        first.is_some_and(|c| c.is_ascii_digit()) && matches!(second, Some('.' | '、' | '．'))
            || first.is_some_and(|c| "一二三四五六七八九十".contains(c)) && second == Some('、')
            || l.starts_with(['(', '（', '第'])
            || LEVEL_ANCHORS.iter().any(|a| l.starts_with(a))
    };
    let joins: Vec<bool> = (0..lines.len())
        .map(|i| {
            lines.get(i + 1).is_some_and(|next| {
                full(i) && !lines[i].ends_with('。') && !next.is_empty() && !starts_item(next)
            })
        })
        .collect();
    joins.contains(&true).then_some(joins)
}

/// A report's sentences of target and result (`…到位时间绩效目标值是2023年12月前,实际完成值为
/// 2023年12月前,目标完成率为100%`, 福建): the words between name, target and result dropped
/// (`…到位时间2023年12月前,实际完成2023年12月前`), or `None` when the paragraph has none.
fn report_sentences(text: &str) -> Option<String> {
    if !(text.contains("目标值") && text.contains("实际完成值")) {
        return None;
    }
    let mut out = text.to_string();
    for (from, to) in [
        ("绩效目标值是", ""),
        ("绩效目标值为", ""),
        ("目标值是", ""),
        ("目标值为", ""),
        ("实际完成值为", "实际完成"),
        ("实际完成值是", "实际完成"),
    ] {
        out = out.replace(from, to);
    }
    // `,目标完成率为143%`: a figure the rows do not record.
    while let Some(at) = out.find("目标完成率为") {
        let start = out[..at].trim_end_matches([',', '，']).len();
        let rest = &out[at + "目标完成率为".len()..];
        let len = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | '%' | '％')))
            .map_or(rest.len(), |(i, _)| i);
        out.replace_range(start..at + "目标完成率为".len() + len, "");
    }
    (out != text).then_some(out)
}

/// A paragraph's text with its broken words mended, or `None` when nothing is to mend.
fn mend_text(text: &str) -> Option<String> {
    let drops: Vec<Vec<usize>> = text.split('\n').map(mend_line).collect();
    if drops.iter().all(Vec::is_empty) {
        return None;
    }
    let lines: Vec<String> = text
        .split('\n')
        .zip(&drops)
        .map(|(l, drop)| {
            l.char_indices()
                .filter(|(i, _)| !drop.contains(i))
                .map(|(_, c)| c)
                .collect()
        })
        .collect();
    Some(lines.join("\n"))
}

/// How many form words in `line` are glued to the text before them (`100%质量指标`,
/// `…收购价格执行率100%100%成本指标`): words of a table whose cells ran together.
fn glued_words(line: &str) -> usize {
    let ac = anchor_automaton();
    ac.find_iter(line)
        .filter(|m| {
            line[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace() && !matches!(c, '|' | '、' | ':' | '：'))
        })
        .count()
}

/// A column header broken by a space (`半年(程) 指标值`, `全年 完成值`): the spaces of a line
/// (or cell) that is one header once joined, though not every piece is one.
fn broken_header(line: &str) -> Vec<usize> {
    let t = line.trim();
    if !t.contains(' ') || t.chars().count() > 24 || t.contains("  ") {
        return Vec::new();
    }
    let joined: String = t.split(' ').collect();
    let pieces_headers = t.split(' ').all(|p| super::vocab::column(p).is_some());
    if pieces_headers || super::vocab::column(&joined).is_none() {
        return Vec::new();
    }
    let offset = t.as_ptr() as usize - line.as_ptr() as usize;
    t.match_indices(' ').map(|(i, _)| i + offset).collect()
}

/// A label that opens a line, broken by a run of spaces where its cell wrapped
/// (`年度主要目标     和成果 新建…`): the spaces inside it, where the pieces joined are a
/// form's label and the first piece alone is none.
fn broken_leading_label(line: &str) -> Vec<usize> {
    let t = line.trim_start();
    let offset = line.len() - t.len();
    let Some(gap) = t.find(' ') else { return Vec::new() };
    let first = &t[..gap];
    let rest = t[gap..].trim_start();
    let second = rest.split(' ').next().unwrap_or("");
    let all_cjk = |s: &str| !s.is_empty() && s.chars().all(is_cjk);
    if !all_cjk(first) || !all_cjk(second) || first.chars().count() > 10 || second.chars().count() > 6 {
        return Vec::new();
    }
    let known = |s: &str| super::vocab::label_of_key(&super::norm::key(s)).is_some();
    if known(first) || !known(&format!("{first}{second}")) {
        return Vec::new();
    }
    let end = t.len() - rest.len();
    (gap..end).map(|i| offset + i).collect()
}

/// The byte offsets of the spaces in `line` that break a form word.
fn mend_line(line: &str) -> Vec<usize> {
    let mut drop = mend_line_spaces(line);
    // `设 1条质量指标`: a space a conversion put between the verb and the count.
    if line.contains("设 ") {
        for (i, _) in line.match_indices("设 ") {
            let rest = &line[i + "设 ".len()..];
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if (1..=2).contains(&digits) && rest[digits..].starts_with(['条', '个', '项']) {
                drop.push(i + "设".len());
            }
        }
        drop.sort_unstable();
        drop.dedup();
    }
    drop
}

/// The spaces of [`mend_line`] that break words.
fn mend_line_spaces(line: &str) -> Vec<usize> {
    // Pipes and tabs separate the cells of such lines: a space there is the cell's own.
    if !line.contains(' ') || line.contains(['|', '\t']) {
        return Vec::new();
    }
    let broken = broken_header(line);
    if !broken.is_empty() {
        return broken;
    }
    let broken = broken_leading_label(line);
    if !broken.is_empty() {
        return broken;
    }
    let cjk = is_cjk;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    // Single spaces between two Chinese characters, as offsets in `line`.
    let spaces: Vec<usize> = (1..chars.len().saturating_sub(1))
        .filter(|&k| chars[k].1 == ' ' && cjk(chars[k - 1].1) && cjk(chars[k + 1].1))
        .map(|k| chars[k].0)
        .collect();
    if spaces.is_empty() {
        return spaces;
    }
    // Text run together (a long line with few spaces, cells glued without separators): its
    // spaces are where a cell's text wrapped (`县级储备粮管理制 度严格执行率`), not
    // separators.
    let all_spaces = chars.iter().filter(|c| c.1 == ' ').count();
    if chars.len() >= 120 && all_spaces * 12 <= chars.len() && glued_words(line) >= 3 {
        return spaces;
    }
    // The line without those spaces, and where each space stood in it.
    let mut squeezed = String::with_capacity(line.len());
    let mut at = Vec::with_capacity(spaces.len());
    let mut last = 0;
    for &s in &spaces {
        squeezed.push_str(&line[last..s]);
        at.push(squeezed.len());
        last = s + 1;
    }
    squeezed.push_str(&line[last..]);
    let ac = anchor_automaton();
    // A field's label standing whole on one side of the space begins or ends a cell.
    let is_word = |s: &str| super::vocab::label_of_key(s).is_some();
    let mut drop = Vec::new();
    for m in ac.find_iter(&squeezed) {
        let inside: Vec<usize> = (0..at.len())
            .filter(|&k| m.start() < at[k] && at[k] < m.end())
            .collect();
        for (j, &k) in inside.iter().enumerate() {
            let before = if j == 0 { m.start() } else { at[inside[j - 1]] };
            let after = inside.get(j + 1).map_or(m.end(), |&n| at[n]);
            // `委托业务项目 主管部门`: a whole label after the space is a cell of its own,
            // though `项目主管部门` is a label too. (A column header is not: `全年 完成值`
            // is one header in a run of them.)
            if !is_word(&squeezed[before..at[k]]) && !is_word(&squeezed[at[k]..after]) {
                drop.push(spaces[k]);
            }
        }
    }
    drop
}

#[cfg(test)]
mod mend_tests {
    fn mended(line: &str) -> String {
        let drop = super::mend_line(line);
        line.char_indices()
            .filter(|(i, _)| !drop.contains(i))
            .map(|(_, c)| c)
            .collect()
    }

    #[test]
    fn notes_after_a_level() {
        use super::level_note_after as n;
        assert_eq!(n("(10分)保障人数"), "(10分)".len());
        assert_eq!(n("*外聘人员招聘数量"), "*".len());
        assert_eq!(n("★★培训人数"), "★★".len());
        assert_eq!(n("(必填硬性指标)按照辖区内"), "(必填硬性指标)".len());
        assert_eq!(n("（必填）疫苗提供及时率"), "（必填）".len());
        assert_eq!(n("(县内培训)人数"), 0);
        assert_eq!(n("培训人数"), 0);
    }

    #[test]
    fn points_after_a_level() {
        use super::points_after as p;
        assert_eq!(p("(10分)保障人数"), "(10分)".len());
        assert_eq!(p("（5分）公用经费"), "（5分）".len());
        assert_eq!(p("15分派车次数"), "15分".len());
        assert_eq!(p("15派车次数"), 0);
        assert_eq!(p("(10分"), 0);
        assert_eq!(p("派车次数"), 0);
    }

    #[test]
    fn a_leading_label_wrapped_in_its_cell_is_mended() {
        assert_eq!(mended("年度主要目标     和成果 新建晾晒房一座"), "年度主要目标和成果 新建晾晒房一座");
        // Two labels side by side stay apart; so do words that make no label.
        assert_eq!(mended("项目名称     主管部门"), "项目名称     主管部门");
        assert_eq!(mended("产出指标     数量指标 开设课程"), "产出指标     数量指标 开设课程");
    }

    #[test]
    fn broken_form_words_are_mended() {
        assert_eq!(
            mended("绩 效 指 标一级 指标二级 指标三级指标"),
            "绩效指标一级指标二级指标三级指标"
        );
        assert_eq!(mended("产 出 指 标数量 指标"), "产出指标数量指标");
        // Whole words apart stay apart; other spaces stay.
        assert_eq!(
            mended("产出指标 数量指标 新增数量 10个"),
            "产出指标 数量指标 新增数量 10个"
        );
        assert_eq!(
            mended("项目名称 办公局域网维护费"),
            "项目名称 办公局域网维护费"
        );
        assert_eq!(
            mended("委托业务项目 主管部门 某镇"),
            "委托业务项目 主管部门 某镇"
        );
        // A table run together: every space between two Chinese characters is a wrap.
        let glued = "产出指标数量指标5000吨稻谷、500吨成 品粮储备到位率100%100%库存数量真实率100%100%质量指标县级储备粮管理制 度严格执行率100%100%储备粮管理专户管 理率100%100%时效指标县级储备粮贷款付 息及时率100%100%";
        assert_eq!(mended(glued), glued.replace(' ', ""));
        // Cells apart by spaces, however long: spaces stay.
        let spaced = "业务装备经费 776001-扎赉特旗人民检察院 32-专项资金项目 1,030,700.00 保障我院日常办公办案装备需要,充分发挥部门职能,进一步提高办公效率,让全院干警在得到良好保障的办公氛围中工作。 满意度指标(10分) 服务对象满意度 使用人员满意度 正向 大于等于 98 % 10";
        assert_eq!(mended(spaced), spaced);
    }
}
