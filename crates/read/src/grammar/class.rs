//! What a piece of printed text says, whatever its place: a level name, a column header, a
//! form label, a target value, an operator or unit of a split target, a basis, a
//! description, a heading. The table grammar assembles rows from these classes, so a new
//! layout needs vocabulary here, not a new module.

use jixiao_model::target::{is_unit, Target, TargetValue};
use jixiao_model::text::trim;
use jixiao_model::{Level1, Level2};

use super::norm::key;
use super::vocab::{self, Column, Label};

/// How much a text looks like a target value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Shape {
    #[default]
    No,
    /// A bare number, or a short qualitative word (`健全`, `按时完成`).
    Weak,
    /// A quantity with operator, unit or percent sign, or a deadline.
    Strong,
}

/// The classes of one piece of text.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Class {
    pub empty: bool,
    /// Characters without white space.
    pub chars: u32,
    pub level1: Option<Level1>,
    pub level2: Option<Level2>,
    /// `满意度指标` printed: a level 1 that forms print in the level-2 column too.
    pub satisfaction: bool,
    /// An organisation's name (`临西县应急管理局`).
    pub org: bool,
    /// Ends like the name of something measured (`合规性`, `覆盖率`, `人数`): a 三级指标, not a
    /// value or an explanation.
    pub name_like: bool,
    /// A short name ending in 指标 that is no known level (`实施效果指标`, `部门管理指标`).
    pub level_like: bool,
    /// `服务对象满意度`: a 二级指标 printed without 指标, or a 三级指标; the row decides.
    pub satisfaction_name: bool,
    pub header: Option<Column>,
    pub label: Option<Label>,
    pub target: Shape,
    /// An operator of a split target (`≥`, `=`, `定性`, `正向`).
    pub operator: bool,
    /// A unit of a split target (`%`, `次/年`, `万元`).
    pub unit: bool,
    /// A bare number (`95`, `10`, `3,309,840.00`).
    pub number: bool,
    /// A bare number of at most 100: a row's 分值 or 得分 can be one (a table's points
    /// add up to 100), an amount or a date serial (`44,561`) cannot.
    pub points: bool,
    /// Reads like a 指标值确定依据 (`临安办[2019]35号`, `计划标准`, `《…》`).
    pub basis: bool,
    /// Reads like a 指标解释 (`反映…情况`) or is long prose.
    pub description: bool,
    /// Ends any table: a title, a section heading, a note (`注：`), an attachment line.
    pub stop: bool,
    /// Ends in a colon: a lead-in (`定量指标计算:`), not a name.
    pub colon: bool,
    /// A column of a self-evaluation's funds block (`全年预算数`, `执行率`).
    pub funds: Option<vocab::Funds>,
    /// The value classes ([`complete`]) are set.
    pub complete: bool,
    /// A short share or points value (`10%`, `15分`): what a 权重 or 分值 cell may print
    /// besides a bare number; a value with another unit (`3次`) is no weight.
    pub share: bool,
    /// Text whose last word, after white space, is a value (`确保正常运行 100%`): cells
    /// joined across a boundary.
    pub tail_value: bool,
    /// Opens with the template's numbering of indicators (`指标3.化妆品抽验平均标准`): a
    /// 三级指标, never a value or an explanation, even where its row printed no value.
    pub numbered: bool,
    /// Gives or takes points (`得10分,每减少1%扣1分`): a 评（扣）分标准, read past.
    pub scoring: bool,
}

impl Class {
    pub fn is_level(&self) -> bool {
        self.level1.is_some() || self.level2.is_some() || self.satisfaction
    }

    /// Free text: none of the closed classes.
    pub fn is_text(&self) -> bool {
        !self.empty
            && !self.is_level()
            && self.header.is_none()
            && self.label.is_none()
            && !self.operator
            && !self.unit
            && !self.number
    }
}

/// `产出值` / `数量值`: some templates end level names in 值 instead of 指标.
fn level_name(k: &str) -> std::borrow::Cow<'_, str> {
    // `服务对象满意度指标等`: the template's `等`.
    if let Some(stem) = k.strip_suffix('等').filter(|s| s.ends_with("指标")) {
        return stem.into();
    }
    // `产出指标完成情况分析`: a report's heading over a level's results.
    for tail in ["完成情况分析", "完成情况", "情况分析"] {
        if let Some(stem) = k.strip_suffix(tail) {
            if stem.ends_with("指标") && (4..=9).contains(&stem.chars().count()) {
                return stem.to_string().into();
            }
        }
    }
    // `社会效益目标`, `产出目标`: 目标 for 指标.
    if let Some(stem) = k.strip_suffix("目标") {
        if (2..=8).contains(&stem.chars().count())
            && !stem.contains("绩效")
            && !stem.contains("年度")
        {
            return format!("{stem}指标").into();
        }
    }
    match k.strip_suffix('值') {
        Some(stem) if !stem.ends_with("指标") && (2..=8).contains(&stem.chars().count()) => {
            format!("{stem}指标").into()
        }
        _ => k.into(),
    }
}

/// Level-1 names beyond the model's canonical spellings (old templates).
/// Whether a key may name a level at all: it holds one of the levels' stems.
fn may_be_level(k: &str) -> bool {
    static STEMS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    matcher(
        &STEMS,
        &[
            "产出",
            "效益",
            "效果",
            "满意",
            "成本",
            "数量",
            "质量",
            "时效",
            "经济",
            "社会",
            "生态",
            "可持续",
            "完成",
        ],
    )
    .is_match(k)
}

fn level1_of(k: &str) -> Option<Level1> {
    if !may_be_level(k) {
        return None;
    }
    let k = &*level_name(k);
    match k {
        "项目完成指标" | "项目完成" => Some(Level1::Output),
        "项目效益指标" | "项目效益" | "效果指标" | "效益" => Some(Level1::Benefit),
        _ => Level1::from_printed(k),
    }
}

fn level2_of(k: &str) -> Option<Level2> {
    if !may_be_level(k) {
        return None;
    }
    let k = &*level_name(k);
    // `产出数量`, `产出质量`: the level 1 printed before the level 2.
    if let Some(rest) = k.strip_prefix("产出") {
        if matches!(
            rest,
            "数量" | "质量" | "时效" | "成本" | "数量指标" | "质量指标" | "时效指标" | "成本指标"
        ) {
            return Level2::from_printed(rest);
        }
    }
    match k {
        // Without 指标, `服务对象满意度` is mostly a 三级指标.
        "群众满意度指标" => Some(Level2::ServiceSatisfaction),
        "数量" | "质量" | "时效" | "成本" if k.chars().count() == 2 => {
            Level2::from_printed(k)
        }
        _ => Level2::from_printed(k),
    }
}

/// Words a qualitative target is made of.
/// Endings of indicator names.
const NAME_ENDINGS: &[&str] = &[
    "率", "性", "度", "数", "量", "面积", "时间", "时限", "成本", "情况", "标准", "金额", "费用",
    "效益", "影响", "人次", "次数", "期限", "规模", "长度", "里程",
];

const QUALITATIVE: &[&str] = &[
    "达成",
    "符合",
    "严格",
    "明显",
    "效果",
    "满足",
    "正常运转",
    "按要求",
    "按计划",
    "健全",
    "完善",
    "按时",
    "及时",
    "有效",
    "提高",
    "提升",
    "显著",
    "达标",
    "合格",
    "良好",
    "明显",
    "逐步",
    "稳定",
    "持续",
    "长期",
    "增加",
    "减少",
    "降低",
    "改善",
    "全覆盖",
    "完成",
    "规范",
    "优良",
    "优秀",
    "满意",
    "较好",
    "大幅",
    "基本",
    "到位",
    "落实",
    "保障",
    "可控",
    "高中低",
    "应保尽保",
    "不超",
    "无",
    "是",
    "否",
    "高",
    "中",
    "低",
    "好",
    "优",
    "良",
    "正常",
];

/// An operator a budget system prints after its code (`004 >=`, `005 <=`): the operator.
pub(super) fn coded_operator(text: &str) -> Option<&str> {
    let t = text.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let op = t[digits..].trim_start();
    (digits == 3 && op.len() < t.len() - digits && OPERATOR_WORDS.contains(&op)).then_some(op)
}

/// An operator after a placeholder dash (`-定量`, `—定性`: the empty unit column before the
/// kind of value, glued): the operator.
pub(super) fn placeheld_operator(text: &str) -> Option<&str> {
    let t = text.trim();
    let op = t.strip_prefix(['-', '－', '—'])?.trim_start();
    OPERATOR_WORDS.contains(&op).then_some(op)
}

const OPERATOR_WORDS: &[&str] = &[
    "≥",
    "≤",
    ">",
    "<",
    "=",
    "≧",
    "≦",
    "═",
    ">=",
    "<=",
    "=>",
    "=<",
    "＞",
    "＜",
    "＝",
    // The small forms some converters print (`﹦100%`).
    "﹥",
    "﹤",
    "﹦",
    "≈",
    "定性",
    "定量",
    "正向",
    "反向",
    "正向指标",
    "反向指标",
    "大于",
    "小于",
    "等于",
    "大于等于",
    "小于等于",
    "不低于",
    "不高于",
    "不少于",
    "不超过",
    "≥=",
    "＞=",
    "＜=",
];

/// Standards a basis names.
const BASIS_WORDS: &[&str] = &[
    "计划标准",
    "历史标准",
    "行业标准",
    "其他标准",
    "预算支出标准",
    "财政部门标准",
    "经验标准",
    "标准",
    "计划",
    "历史数据",
    "行业数据",
    "工作计划",
    "实施方案",
    "工作方案",
];

/// Openings of a 指标解释.
const DESCRIPTION_STARTS: &[&str] = &[
    "反映",
    "考察",
    "衡量",
    "用于",
    "该指标",
    "主要",
    "体现",
    "考核",
    "指标",
    "是指",
];

fn starts_like_number(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// Whether text ends by announcing its value (`完成时间为`, `合格率为`): a lead-in cut from
/// the value after it, neither a name nor a value.
fn names_its_value_next(t: &str) -> bool {
    let mut rev = t.chars().rev();
    rev.next() == Some('为') && rev.next().is_some_and(|c| "间限期准例率数量值".contains(c))
}

/// The target shape of `s` (trimmed, short).
pub fn target_shape(s: &str) -> Shape {
    let s = trim(s).trim_end_matches(['。', '；', ';', '，', ',', '、']);
    let n = s.chars().count();
    if n == 0 || n > 40 || names_its_value_next(s) {
        return Shape::No;
    }
    // A scoring rule (`得10分,每减少1%扣1分`, `按期完成得10分`) is no value.
    if (s.contains('得') || s.contains('扣')) && scores_points(s) {
        return Shape::No;
    }
    // Template hints (`≥**%`, `XX人`) are no values.
    // (One pass over the bytes for the three ASCII pairs: three substring searches each
    // built a searcher, for every text classified. With the sign `match` below,
    // `target_shape` −8% instructions.)
    let hint = s
        .as_bytes()
        .windows(2)
        .any(|w| matches!(w, b"**" | b"XX" | b"xx"));
    if hint || s.contains('＊') {
        return Shape::No;
    }
    // A number before a colon numbers a name (`指标1:技…`, `1:技`): no value.
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && (s[digits..].starts_with(':') || s[digits..].starts_with('：')) {
        return Shape::No;
    }
    // `完成时间为2022年12月30日`, `完成时限：2023年底`: a deadline after the words that name
    // it is a value, not a sentence.
    if let Some(i) = s.find(|c: char| c.is_ascii_digit()).filter(|&i| i > 0) {
        let head = &s[..i];
        if head.chars().count() <= 6
            && head.ends_with(['为', '：', ':', '于'])
            && ["时间", "时限", "日期", "完成"].iter().any(|w| head.contains(w))
            && matches!(Target::parse(&s[i..]).value, TargetValue::Deadline { .. })
        {
            return Shape::Strong;
        }
    }
    let first = s.chars().next().unwrap();
    let symbolic = matches!(
        first,
        '≥' | '≤' | '<' | '>' | '=' | '≧' | '≦' | '＞' | '＜' | '＝' | '﹥' | '﹤' | '﹦' | '≈' | '═'
    );
    let has_digit =
        s.bytes().any(|b| b.is_ascii_digit()) || s.chars().any(|c| ('０'..='９').contains(&c));
    if symbolic || starts_like_number(s) || (has_digit && n <= 16) {
        match Target::parse(s).value {
            TargetValue::Quantity {
                op, unit, trailing, ..
            } => {
                if let Some(tr) = &trailing {
                    // `≤28.40/株`: an operator and a number are a value whatever follows;
                    // `12艘次`: a number with a short word after it may be one.
                    let short = tr.chars().count() <= 2;
                    return if symbolic && op.is_some() && tr.chars().count() <= 4 {
                        Shape::Strong
                    } else if symbolic || (short && starts_like_number(s)) {
                        Shape::Weak
                    } else {
                        Shape::No
                    };
                }
                return if op.is_some() || unit.is_some() {
                    Shape::Strong
                } else {
                    Shape::Weak
                };
            }
            // `12月底前按照市普查办要求完成60%` is a sentence, not a deadline.
            TargetValue::Deadline { .. } if n <= 12 => return Shape::Strong,
            TargetValue::Deadline { .. } => return Shape::No,
            TargetValue::Other { .. } if symbolic => return Shape::Weak,
            _ => {}
        }
        // `2023年底`, `12月31日前`, `年底前`.
        if has_digit
            && (s.ends_with("前") || s.ends_with("底") || s.ends_with("日") || s.ends_with("月"))
        {
            return Shape::Strong;
        }
    }
    if n <= 8
        && !s.ends_with('率')
        && !s.ends_with("数")
        && !s.ends_with("度")
        && !s.ends_with("情况")
    {
        static QUAL: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
        let qual = matcher(&QUAL, QUALITATIVE);
        // `基本支出`, `基本运行经费`: 基本 naming a kind of money, a name, not a value
        // (`基本完成`, `及时支出` are values).
        let kind_of_money = ["支出", "经费", "费用", "资金"].iter().any(|w| s.ends_with(w))
            && qual.find_iter(s).all(|m| &s[m.range()] == "基本");
        if qual.is_match(s) && !kind_of_money {
            return Shape::Weak;
        }
    }
    if n <= 12
        && (s.contains("前完成") || s.contains("年底") || s.contains("月底") || s.starts_with("按"))
    {
        return Shape::Weak;
    }
    // `每亩300`, `300元/亩`: a short text with a figure in it.
    if n <= 10 && has_digit {
        return Shape::Weak;
    }
    Shape::No
}

/// Whether `s` gives or takes points (`得10分`, `扣0.5分`): a 评（扣）分标准's words.
fn scores_points(s: &str) -> bool {
    s.match_indices(['得', '扣']).any(|(i, w)| {
        let rest = &s[i + w.len()..];
        let figure = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.').len();
        figure > 0 && rest[figure..].starts_with('分')
    })
}

fn is_number(s: &str) -> bool {
    let s = trim(s).trim_end_matches('分');
    !s.is_empty()
        && s.len() <= 24
        && s.bytes().any(|b| b.is_ascii_digit())
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',' || b == b'-')
}

/// A number (see [`is_number`]) no larger than 100.
fn is_points(s: &str) -> bool {
    let s = trim(s).trim_end_matches('分');
    // (Copied only to drop thousands separators: most figures print none.)
    let v = if s.contains(',') {
        s.chars().filter(|c| *c != ',').collect::<String>().parse::<f64>()
    } else {
        s.parse::<f64>()
    };
    v.is_ok_and(|v| v <= 100.0)
}

fn is_basis(s: &str, k: &str) -> bool {
    if s.contains('号') && s.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    if s.starts_with('《') || s.contains("〔20") || s.contains("[20") || s.contains("【20") {
        return true;
    }
    let n = k.chars().count();
    n <= 14 && BASIS_WORDS.iter().any(|w| k.ends_with(w) || k == *w)
        || (n <= 30
            && (k.starts_with("根据") || k.starts_with("依据") || k.starts_with("按照"))
            && !k.ends_with('率'))
}

/// What a web page or a signed form prints after its tables: signatures, contacts, page
/// furniture.
const STOP_WORDS: &[&str] = &[
    "审核意见",
    "填表人",
    "联系电话",
    "填报日期",
    "负责人签字",
    "扫一扫",
    "相关解读",
    "全部留言",
    "打印本页",
    "关闭窗口",
    "附件下载",
    "上一篇",
    "下一篇",
    "分享到",
    "【字体",
    "发布时间",
    "责任编辑",
    "主办单位",
    "网站地图",
    "版权所有",
    "浏览次数",
    "阅读次数",
    "我要纠错",
    "(盖章)",
    "（盖章）",
    "年月日",
    "政府主办",
    "办公室承办",
    "网站标识码",
    "网站监督",
    "监督电话",
    "邮箱:",
    "邮箱：",
    "ICP备",
    "公网安备",
    "内容保障",
    "技术支持",
    "Copyright",
    "当前位置",
    "手机版",
    "无障碍",
    "文件下载",
    "政策咨询",
    "如果您对",
    "相关链接",
    "信息来源",
    "【打印",
    "【关闭",
    "视力保护",
    "返回顶部",
    // A self-evaluation's last rows, after its indicators.
    "其他需要说明",
    "手机扫码",
    "联系客服",
    "关注微信",
    "下载APP",
];

/// Page furniture printed as a word of its own (a link, a button).
const STOP_CELLS: &[&str] = &[
    "合计",
    "总计",
    "总分",
    "标签",
    "打印",
    "关闭",
    "收藏",
    "分享",
    "纠错",
    "下载",
    "文件下载",
    "打印本页",
];

/// One automaton for a word list, built once.
fn matcher(
    cell: &'static std::sync::OnceLock<aho_corasick::AhoCorasick>,
    words: &[&str],
) -> &'static aho_corasick::AhoCorasick {
    cell.get_or_init(|| aho_corasick::AhoCorasick::new(words).expect("word lists build"))
}

/// `注：…`, `附件…`, `说明：…`, a table title, a section heading, page furniture.
fn is_stop(s: &str, k: &str) -> bool {
    static STOP: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let t = trim(s);
    if k.chars().count() <= 40 && matcher(&STOP, STOP_WORDS).is_match(k) {
        return true;
    }
    if STOP_CELLS.contains(&k.trim_end_matches([':', '：'])) {
        return true;
    }
    // `合计100`, `总分100100`: a total row's label with its figures glued on.
    if ["合计", "总计", "总分"].iter().any(|w| {
        k.strip_prefix(w).is_some_and(|rest| {
            !rest.is_empty()
                && rest
                    .trim_end_matches('分')
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.')
        })
    }) {
        return true;
    }
    // `总分100偏差大或…`: a self-evaluation's total row glued to the notes after the table.
    if k
        .strip_prefix("总分")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    {
        return true;
    }
    // `优秀□ 良好□ 合格□`: a form's tick boxes, no value of a table.
    t.matches(['□', '☑', '■']).count() >= 2
        || t.starts_with("注：")
        || t.starts_with("注:")
        || t.starts_with("备注：")
        || t.starts_with("说明：")
        || t.starts_with("填表说明")
        || t.starts_with("附件")
        || super::is_table_title(k)
        || (t.starts_with(|c: char| {
            "一二三四五六七八九十(（第总部整分工保预项".contains(c) || c.is_ascii_digit()
        }) && vocab::section_heading(t).is_some())
}

/// Classifies one piece of printed text: [`classify_words`], then what it says as a value.
pub fn classify(text: &str) -> Class {
    // (The key is taken once for both steps: the table search classifies every span it
    // tries this way.)
    let (c, k) = classify_words_keyed(text);
    complete_keyed(c, text, k.as_deref())
}

/// The vocabulary classes of a text (levels, headers, labels, funds columns, stops):
/// what the walk over a document looks at for every token. [`complete`] adds the value
/// classes the table grammar needs, only for the tokens it reads.
pub fn classify_words(text: &str) -> Class {
    classify_words_keyed(text).0
}

/// [`classify_words`], and the [`key`] of the trimmed text where it took one.
fn classify_words_keyed(text: &str) -> (Class, Option<std::borrow::Cow<'_, str>>) {
    let t = trim(text);
    // Placeholders of unused template rows (`……`, `-`, `—`, `/`) say nothing.
    if t.is_empty()
        || t.chars()
            .all(|c| matches!(c, '…' | '.' | '-' | '—' | '－' | '/' | '／' | '_'))
    {
        return (
            Class {
                empty: true,
                complete: true,
                ..Class::default()
            },
            None,
        );
    }
    // Vocabulary is short; only annotations (`绩效指标(权重分值…)`) make it long.
    let long = t.len() > 240 || (t.len() > 130 && !t.contains(['(', '（']));
    // Figures (`95`, `12.5`, `3,309,840.00`) are no words.
    let figure = t.bytes().any(|b| b.is_ascii_digit())
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b','));
    let keyed = !(long || figure);
    let k = if keyed {
        key(t)
    } else {
        std::borrow::Cow::Borrowed(t)
    };
    let chars = k.chars().count() as u32;
    let mut c = Class {
        chars,
        colon: t.ends_with([':', '：']) || names_its_value_next(t),
        ..Class::default()
    };
    // `(50分)` alone: a level-1 cell whose name the conversion lost, its score left.
    if k.is_empty() && t.starts_with(['(', '（']) && t.contains('分') {
        c.level_like = true;
        return (c, keyed.then_some(k));
    }
    if figure {
        c.number = is_number(t);
        c.points = c.number && is_points(t);
        return (c, None);
    }
    if !long && chars <= 20 {
        let word = vocab::may_be_word(&k);
        if word {
            c.funds = vocab::funds_of_key(&k);
        }
        // Most texts hold no level stem: one scan for both levels.
        let may_level = may_be_level(&k);
        c.level1 = if may_level { level1_of(&k) } else { None };
        c.level2 = if may_level && c.level1.is_none() {
            level2_of(&k)
        } else {
            None
        };
        c.satisfaction = k == "满意度指标" || k == "满意度";
        c.satisfaction_name = matches!(
            k.as_ref(),
            "服务对象满意度" | "社会公众满意度" | "社会公众或服务对象满意度"
        );
        if c.level1 == Some(Level1::Cost) {
            // `成本指标` is a level 2 of the classic framework and a level 1 of 2021's.
            c.level2 = Some(Level2::Cost);
        }
        c.header = if word { vocab::column_of_key(&k) } else { None };
        c.org = vocab::is_org_name(t);
        c.level_like = c.level1.is_none()
            && c.level2.is_none()
            && !c.satisfaction
            && c.header.is_none()
            && (((3..=10).contains(&chars) && (k.ends_with("指标") || k.ends_with("指標")))
                // The evaluation framework's level-1 names (决策 / 过程 / 产出 / 效益), which
                // some target and 自评 tables print over their own rows.
                || matches!(
                    k.as_ref(),
                    "项目决策" | "项目过程" | "决策" | "过程" | "项目立项" | "资金投入" | "资金管理"
                        | "组织实施" | "过程管理" | "项目管理"
                ));
        // `【总体目标】`: a label printed as a heading in brackets.
        let bracketed = || {
            let inner = t.strip_prefix('【')?.strip_suffix('】')?;
            vocab::label_of_key(&key(inner))
        };
        c.label = if word { vocab::label_of_key(&k) } else { None }
            .or_else(|| bracketed().filter(|_| !c.is_level() && c.header.is_none()))
            .or_else(|| {
            // A funds column (`年初预算数`) or column header is no field label.
            (c.funds.is_none() && c.header.is_none() && !c.is_level())
                .then(|| vocab::funds_label(&k, t))
                .flatten()
        });
        c.operator = OPERATOR_WORDS.contains(&k.as_ref()) || coded_operator(t).is_some();
        c.unit = !c.operator && chars <= 8 && !starts_like_number(&k) && is_unit(&k);
        c.number = is_number(t);
        c.points = c.number && is_points(t);
    }
    if c.is_text() && chars <= 120 {
        c.stop = is_stop(t, &k);
    }
    c.numbered = c.is_text() && super::tokens::template_numbered(t);
    (c, keyed.then_some(k))
}

/// Adds the value classes (target shape, basis, description, name endings) to the
/// vocabulary classes of `text`.
pub fn complete(c: Class, text: &str) -> Class {
    complete_keyed(c, text, None)
}

/// [`complete`], given the [`key`] of the trimmed text when it is at hand.
fn complete_keyed(mut c: Class, text: &str, k: Option<&str>) -> Class {
    if c.complete {
        return c;
    }
    c.complete = true;
    if c.empty {
        return c;
    }
    let t = trim(text);
    let chars = c.chars;
    if !c.is_level() && c.header.is_none() && c.label.is_none() && !c.operator {
        c.target = target_shape(t);
        c.share = c.target == Shape::Strong
            && chars <= 6
            && t.ends_with(['%', '％', '分'])
            && !t.starts_with(|ch: char| "≥≤<>=≧≦＞＜＝﹥﹤﹦".contains(ch));
    }
    if c.is_text() && chars <= 60 {
        if let Some((head, last)) = t.rsplit_once(char::is_whitespace) {
            c.tail_value = !trim(head).is_empty() && target_shape(last) == Shape::Strong;
        }
    }
    if c.is_text() {
        let short = chars <= 30;
        let k = match (short, k) {
            (true, Some(k)) => std::borrow::Cow::Borrowed(k),
            (true, None) => key(t),
            (false, _) => std::borrow::Cow::Borrowed(t),
        };
        c.name_like = short
            && chars <= 25
            && c.target == Shape::No
            && NAME_ENDINGS.iter().any(|e| k.ends_with(e));
        c.basis = is_basis(t, &k);
        c.description = chars >= 24 || DESCRIPTION_STARTS.iter().any(|w| k.starts_with(w));
        c.scoring = chars <= 60 && (t.contains('得') || t.contains('扣')) && scores_points(t);
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> String {
        let c = classify(text);
        let mut parts: Vec<String> = Vec::new();
        if c.empty {
            parts.push("empty".into());
        }
        if let Some(l) = c.level1 {
            parts.push(format!("L1:{}", l.name()));
        }
        if let Some(l) = c.level2 {
            parts.push(format!("L2:{}", l.name()));
        }
        if c.satisfaction {
            parts.push("satisfaction".into());
        }
        if let Some(h) = c.header {
            parts.push(format!("header:{h:?}"));
        }
        if let Some(l) = c.label {
            parts.push(format!("label:{l:?}"));
        }
        if c.target != Shape::No {
            parts.push(format!("target:{:?}", c.target));
        }
        for (flag, name) in [
            (c.operator, "operator"),
            (c.unit, "unit"),
            (c.number, "number"),
            (c.basis, "basis"),
            (c.description, "description"),
            (c.stop, "stop"),
        ] {
            if flag {
                parts.push(name.into());
            }
        }
        if parts.is_empty() {
            parts.push("text".into());
        }
        parts.join(" ")
    }

    #[test]
    fn classes() {
        let cases = [
            ("产出指标", "L1:产出指标"),
            ("產(chǎn)出指標(biāo)", "L1:产出指标"),
            ("项目完成\n指标", "L1:产出指标"),
            ("数量指标 (必填硬性指标)", "L2:数量指标"),
            ("经济效益", "L2:经济效益指标"),
            ("满意度指标", "L1:满意度指标 satisfaction"),
            ("成本指标", "L1:成本指标 L2:成本指标"),
            ("一级指标", "header:Level1"),
            ("指标值(包含数字及文字描述)", "header:Target"),
            ("年度资金总额:", "header:Amount label:Total"),
            ("其中:财政拨款", "label:Fiscal"),
            ("≥95%", "target:Strong"),
            ("100%", "target:Strong"),
            ("2023年底", "target:Strong"),
            ("按时完成", "target:Weak"),
            ("85", "target:Weak number"),
            ("≤", "operator"),
            ("定性", "operator"),
            ("万元", "unit"),
            ("临安办[2019]35号", "basis"),
            ("计划标准", "basis"),
            ("反映办公大楼全年维修维护情况", "description"),
            ("疫苗提供及时率", "text"),
            ("注:各地请根据实际情况选择", "stop"),
            ("2、安全生产及应急宣传费绩效目标表", "stop"),
            ("", "empty"),
            ("基本支出", "text"),
            ("及时支出", "target:Weak"),
        ];
        for (text, want) in cases {
            assert_eq!(show(text), want, "{text:?}");
        }
    }
}
