//! Grammars: from blocks to the domain model. They know what performance-target
//! documents print (labelled form cells, indicator column headers, merged cells, the
//! one-row-per-project 公开表, narrative sections) and nothing about carriers.

mod align;
mod class;
#[cfg(test)]
mod family_tests;
mod form;
mod items;
mod narrative;
mod norm;
mod parts;
mod public;
mod tokens;
pub mod vocab;

use jixiao_model::text::{squeezed, trim};
use jixiao_model::{AmountUnit, BudgetUnit, Diagnostic, Document, Located, Origin, Severity};

use crate::layout::{Block, Cell};

pub use items::{split_goals, split_item};

/// State carried while walking a document's blocks in order.
pub(crate) struct Reader {
    pub doc: Document,
    pub diagnostics: Vec<Diagnostic>,
    /// The amount unit stated last (`单位：万元`).
    pub amount_unit: AmountUnit,
    /// The budget unit line printed last: it heads the tables below it.
    pub unit: Option<BudgetUnit>,
    /// The table title printed last (`1、"双控"机制建设绩效目标表`), consumed by the next table.
    pub title: Option<Located<String>>,
    /// How local the department found so far is (中央 0, 省 1, 市 2, 县/区 3, the form's
    /// own unqualified 主管部门 4): a regional form names every level's, the most local
    /// is the document's.
    pub department_rank: u8,
    /// The department a document's title names (`大英县民政局2022年度…公示`): the
    /// department only when no form label or unit names one.
    pub title_department: Option<Located<String>>,
    /// The last short paragraph line and its number (a title's first half, perhaps).
    pub last_line: Option<(String, u32)>,
    /// The year a notice allocates money for (`现将2022年…资金397万元下达你单位`): the
    /// document's year when no heading or form states one.
    pub stated_year: Option<Located<i32>>,
}

impl Reader {
    pub fn note(&mut self, severity: Severity, at: Origin, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            severity,
            at,
            message: message.into(),
        });
    }

    /// Records a budget unit line (`426002临西县应急管理局`) when `text` is one.
    pub fn unit_line(&mut self, text: &str, at: Origin) -> bool {
        let t = trim(text);
        // Cheap tests first: a unit line is short and starts with its code.
        if t.len() > 180 || !t.starts_with(|c: char| c.is_ascii_digit()) || t.chars().count() > 60 {
            return false;
        }
        let Some(unit) = BudgetUnit::parse(t, at) else {
            return false;
        };
        let code_ok = unit.code.as_ref().is_some_and(|c| c.len() >= 3);
        if !code_ok || !vocab::is_org_name(&unit.name) {
            return false;
        }
        self.add_unit(unit);
        true
    }

    pub fn add_unit(&mut self, unit: BudgetUnit) {
        let key = squeezed(&unit.printed);
        if !self.doc.units.iter().any(|u| squeezed(&u.printed) == key) {
            self.doc.units.push(unit.clone());
        }
        self.unit = Some(unit);
    }

    /// `squeezed` is the paragraph without white space when it is short enough to be a
    /// heading, a unit statement or a table title.
    pub(crate) fn paragraph(&mut self, text: &str, squeezed: Option<&str>, line: u32) {
        let at = Origin::line(line);
        if self.unit_line(text, at) {
            return;
        }
        let Some(s) = squeezed else {
            return; // body text: no unit statement or table title
        };
        if s.starts_with("单位") && s.chars().count() <= 12 {
            if let Some(u) = AmountUnit::from_statement(s) {
                self.amount_unit = u;
                return;
            }
        }
        // `(市级森林防火“三三制”补助经费项目)` on the line under a report's title: the project it
        // reports on, part of the title.
        if let Some(t) = self.title.as_mut() {
            let bracketed = s.starts_with(['(', '（']) && s.ends_with([')', '）']);
            let inner = s.trim_start_matches(['(', '（']).trim_end_matches([')', '）']);
            if bracketed
                && line > t.at.line
                && line <= t.at.line + 2
                && !t.value.ends_with([')', '）'])
                && form::names_a_project(inner)
            {
                t.value.push_str(trim(text));
                self.last_line = None;
                return;
            }
        }
        if is_table_title(s) {
            // A title broken over two lines (`天津市…光辉路(…)` / `工程项目2020年度绩效自评报告`).
            let continues = self.last_line.as_ref().filter(|(prev, l)| {
                line <= l + 2
                    && !s.starts_with(|c: char| c.is_ascii_digit() || c == '(' || c == '（')
                    && !jixiao_model::text::strip_enumerator(s).1
                    && !s.starts_with("关于")
                    && !is_table_title(prev)
                    && !vocab::is_org_name(prev)
            });
            let text = strip_file_name(trim(text));
            let title = match continues {
                Some((prev, _)) => format!("{prev}{text}"),
                None => text.to_string(),
            };
            // Broken over two lines (`保山市林业和草原局2021年度` / `项目绩效自评报告`), the title
            // states its year and department only when joined; before any project is read.
            if continues.is_some() && self.doc.projects.is_empty() {
                let joined = jixiao_model::text::squeezed(&title);
                narrative::heading_facts(self, &title, &joined, line);
            }
            self.title = Some(Located::new(title, at));
        }
        // A short line that may start a title broken over two lines.
        let plain = s.chars().count() <= 40
            && !s.contains(['。', '，', '；', ':', '：', ',', ';'])
            && !s.starts_with(|c: char| c.is_ascii_digit());
        self.last_line = plain.then(|| (s.to_string(), line));
    }
}

/// `1、…绩效目标表`, `…项目支出绩效目标申报表`: a heading that names the table below it.
pub(crate) fn is_table_title(squeezed: &str) -> bool {
    const ENDINGS: [&str; 11] = [
        "目标表",
        "申报表",
        "公开表",
        "批复表",
        "指标表",
        "自评表",
        "评价表",
        "自评结果",
        "评价报告",
        "自评报告",
        "绩效目标设定",
    ];
    if squeezed.chars().count() > 120 {
        return false;
    }
    // A document site prints the title as a file name: `《…绩效目标自评表.docx》`.
    let squeezed = strip_file_name(squeezed);
    if ENDINGS.iter().any(|e| squeezed.ends_with(e)) {
        return true;
    }
    // Only a title ending in one of these (or in pinyin noise) is worth folding.
    if !squeezed.ends_with(['表', '果', '告', '定', ')', '）']) {
        return false;
    }
    // Traditional characters, pinyin left by a converter: compare the folded text.
    !squeezed.is_ascii() && {
        let k = norm::fold(squeezed);
        ENDINGS.iter().any(|e| k.ends_with(e))
    }
}

/// `《…自评表.docx》` → `…自评表`: a title printed as a file name on a document-sharing page.
fn strip_file_name(s: &str) -> &str {
    let s = s.trim_start_matches('《').trim_end_matches('》');
    // (Compared ignoring case, not lowercased into a new string: every figure with a
    // decimal point has a `.`.)
    let lower_ext = s.rsplit_once('.').filter(|(stem, ext)| {
        !stem.is_empty()
            && ["doc", "docx", "xls", "xlsx", "pdf", "wps", "et", "txt"]
                .iter()
                .any(|e| ext.eq_ignore_ascii_case(e))
    });
    lower_ext.map_or(s, |(stem, _)| stem)
}

/// Whether a line standing alone reads as a heading around tables — a table title
/// (`2、…绩效目标表`), a budget unit line (`426002临西县应急管理局`), an amount statement
/// (`单位：万元`) or a section heading — rather than a piece of a table's row. Carriers that
/// see a lone line inside a table (spreadsheets merge both across the sheet) ask this.
pub fn looks_like_heading(line: &str) -> bool {
    let t = trim(line);
    if t.len() > 400 {
        return false;
    }
    let s = squeezed(t);
    is_table_title(&s)
        || vocab::section_heading(t).is_some()
        || (s.starts_with("单位")
            && s.chars().count() <= 12
            && AmountUnit::from_statement(&s).is_some())
        || BudgetUnit::parse(t, Origin::line(0)).is_some_and(|u| {
            u.code.as_ref().is_some_and(|c| c.len() >= 3) && vocab::is_org_name(&u.name)
        })
}

/// A cell's text with its line breaks joined without a separator (Word wraps inside cells).
pub(crate) fn cell_text(cell: &Cell) -> String {
    join_lines(&cell.text)
}

pub(crate) fn join_lines(s: &str) -> String {
    if !s.contains('\n') {
        return trim(s).to_string();
    }
    let mut out = String::with_capacity(s.len());
    for line in s.split('\n') {
        out.push_str(trim(line));
    }
    out
}

/// Reads blocks into a document.
pub(crate) fn read(source: &str, blocks: &[Block]) -> (Document, Vec<Diagnostic>) {
    let mut r = Reader {
        doc: Document {
            source: source.to_string(),
            ..Document::default()
        },
        diagnostics: Vec::new(),
        amount_unit: AmountUnit::WanYuan,
        unit: None,
        title: None,
        department_rank: 0,
        title_department: None,
        last_line: None,
        stated_year: None,
    };
    let mended = tokens::mend_broken_words(blocks);
    let blocks = mended.as_deref().unwrap_or(blocks);
    let tokens = tokens::tokens(blocks);
    form::read(&mut r, blocks, &tokens);
    if r.doc.projects.is_empty() && r.doc.department_indicators.is_empty() {
        parts::read(&mut r, blocks);
    }
    if r.doc.year.is_none() {
        // `（2022年度）` standing alone, wherever a flattened form put it.
        r.doc.year = tokens.iter().find_map(|t| {
            // (Most tokens hold no 年: not squeezed, a copy for the long ones.)
            if !t.text.contains('年') {
                return None;
            }
            let s = squeezed(&t.text);
            let s = s.trim_matches(['（', '）', '(', ')']);
            let y = s.strip_suffix("年度").or_else(|| s.strip_suffix('年'))?;
            let y: i32 = y.parse().ok()?;
            (1990..=2100)
                .contains(&y)
                .then(|| Located::new(y, Origin::line(t.line)))
        });
    }
    if r.doc.year.is_none() {
        // `绩效目标自评表(2022年度)项目名称…`: the bracketed year of a title glued to the
        // form's text.
        r.doc.year = tokens.iter().find_map(|t| {
            if !t.text.contains('年') {
                return None;
            }
            let s = squeezed(&t.text);
            let y = bracketed_year(&s)?;
            Some(Located::new(y, Origin::line(t.line)))
        });
    }
    if r.doc.year.is_none() {
        r.doc.year = r.stated_year.take();
    }
    if r.doc.year.is_none() {
        // Last: the year of a time target (`2021年1月-12月`, `2021年12月31日前`).
        r.doc.year = r
            .doc
            .projects
            .iter()
            .flat_map(|p| &p.indicators)
            .chain(&r.doc.department_indicators)
            .filter_map(|i| i.target.as_ref())
            .find_map(|t| {
                let y = narrative::year_in(&squeezed(&t.value.printed))?;
                Some(Located::new(y, t.at))
            });
    }
    narrative::resolve_department(&mut r);
    drop_bare_names(&mut r);
    (r.doc, r.diagnostics)
}

/// Drops "rows" that carry a name and nothing else: no 二级指标, no target, no actual, no
/// weight or score. In real tables such a row is a header fragment (`年初指`, `分值 得分`) or
/// a sentence of a scoring rule that a flattened or scrambled layout left in the grid; a
/// true indicator row always prints at least its value or its place in the tree.
fn drop_bare_names(r: &mut Reader) {
    let bare = |i: &jixiao_model::Indicator| {
        i.target.is_none()
            && i.weight.is_none()
            && i.level2.printed.value.trim().is_empty()
            && i.evaluation.as_ref().is_none_or(|e| e.actual.is_none() && e.score.is_none())
    };
    let mut dropped = Vec::new();
    let lists = r
        .doc
        .projects
        .iter_mut()
        .map(|p| &mut p.indicators)
        .chain(std::iter::once(&mut r.doc.department_indicators));
    for list in lists {
        list.retain(|i| {
            let keep = !bare(i);
            if !keep {
                let name = i.level3.as_ref().map(|l| l.value.clone()).unwrap_or_default();
                dropped.push((i.at, name));
            }
            keep
        });
    }
    for (at, name) in dropped {
        r.note(
            Severity::Info,
            at,
            format!("只有名称、没有二级指标和指标值的行不是指标，已跳过：{name}"),
        );
    }
}

#[cfg(test)]
mod heading_tests {
    #[test]
    fn lone_lines() {
        for heading in [
            "2、安全生产及应急宣传费绩效目标表",
            "426002临西县应急管理局",
            "单位：万元",
            "三、工作保障措施",
        ] {
            assert!(super::looks_like_heading(heading), "{heading}");
        }
        for piece in [
            "执法检查量占应覆盖对象数量的比率",
            "≥90%",
            "产出指标",
            "临安办[2019]10号",
        ] {
            assert!(!super::looks_like_heading(piece), "{piece}");
        }
    }

    #[test]
    fn bracketed_years() {
        use super::bracketed_year as y;
        assert_eq!(y("绩效目标自评表(2022年度)项目名称"), Some(2022));
        assert_eq!(y("项目支出绩效自评表（2021年）"), Some(2021));
        assert_eq!(y("(2022年12月31日前)"), None);
        assert_eq!(y("(12022年度)"), None);
        assert_eq!(y("(1889年度)"), None);
        assert_eq!(y("((("), None);
    }

    #[test]
    fn titles_printed_as_file_names() {
        use super::is_table_title as t;
        assert!(t("2020年度县级专项资金绩效目标自评表.docx"));
        assert!(t("《鄂州市2022年市直部门预算项目支出绩效目标表.docx》"));
        assert!(t("项目支出绩效目标申报表.PDF"));
        assert!(!t("绩效目标.docx说明"));
        assert!(!t(".docx"));
    }
}

/// The token stream of a text document, one token per line (`break text [classes]`): a
/// development aid for seeing how the grammar sees a layout.
#[doc(hidden)]
pub fn debug_tokens(text: &str) -> String {
    let blocks = crate::carrier::text::blocks(text);
    let mended = tokens::mend_broken_words(&blocks);
    let toks = tokens::tokens(mended.as_deref().unwrap_or(&blocks));
    toks.iter()
        .map(|t| format!("{:>5} {:?} {:?} {:?}\n", t.line, t.brk, t.text, t.class))
        .collect()
}

/// `(2022年度)` or `（2022年）` anywhere in a text: a form's title states its year so.
fn bracketed_year(s: &str) -> Option<i32> {
    for (i, _) in s.match_indices(['(', '（']) {
        let rest = s[i..].trim_start_matches(['(', '（']);
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.len() != 4 {
            continue;
        }
        let tail = &rest[4..];
        let closed = ["年度)", "年度）", "年)", "年）"].iter().any(|t| tail.starts_with(t));
        match digits.parse::<i32>() {
            Ok(y) if closed && (1990..=2100).contains(&y) => return Some(y),
            _ => {}
        }
    }
    None
}
