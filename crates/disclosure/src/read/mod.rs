//! Reading a disclosure from the shared layout blocks: the document is cut into its
//! numbered sections (`二、部门预算安排总体情况`), recognised by their words rather than their
//! numbers since departments order them differently, and each section has its own reader.

mod assets;
mod basic;
mod procurement;
mod statements;

use jixiao_model::text::{squeeze, trim};
use jixiao_model::{AmountUnit, Decimal, Diagnostic, Located, Money, Origin, Severity};
use jixiao_read::layout::{Block, Cell};

use crate::model::{Disclosure, Procurement, Statement, StatementKind, Term};

/// The sections of a 部门预算公开.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    /// 部门职责、机构设置等基本情况
    Basic,
    /// 部门预算安排总体情况
    Budget,
    /// 机关运行经费
    RunningCosts,
    /// “三公”经费
    ThreePublic,
    /// 预算绩效信息: read by `jixiao-read`, skipped here.
    Performance,
    /// 政府采购
    Procurement,
    /// 国有资产
    Assets,
    /// 名词解释
    Terms,
    /// 其他重要情况说明
    Other,
}

impl Section {
    /// The section a top-level heading (`三、2020年度机关运行经费情况说明`) opens.
    fn of_heading(text: &str) -> Option<Section> {
        let t = trim(text);
        let numeral_end = t
            .char_indices()
            .find(|(_, c)| !"一二三四五六七八九十".contains(*c))
            .map(|(i, _)| i)?;
        if numeral_end == 0 || !t[numeral_end..].starts_with('、') || t.chars().count() > 40 {
            return None;
        }
        let s = squeeze(t);
        // Order matters: `三公` headings also say 经费, 政府采购 headings 支出.
        let words: [(&[&str], Section); 9] = [
            (&["三公"], Section::ThreePublic),
            (&["机关运行"], Section::RunningCosts),
            (&["政府采购"], Section::Procurement),
            (&["国有资产", "资产占用", "资产信息"], Section::Assets),
            (&["名词解释"], Section::Terms),
            (&["绩效"], Section::Performance),
            (&["部门职责", "机构设置", "基本情况"], Section::Basic),
            (
                &["预算安排", "收支预算", "收入支出", "总体情况"],
                Section::Budget,
            ),
            (&["其他重要", "其他需要", "其他说明"], Section::Other),
        ];
        words
            .iter()
            .find(|(ws, _)| ws.iter().any(|w| s.contains(w)))
            .map(|(_, sec)| *sec)
    }

    /// Sections whose figures make a document a disclosure (a target document also has
    /// numbered 总体绩效目标 headings).
    fn is_core(self) -> bool {
        !matches!(self, Section::Performance | Section::Other)
    }
}

/// Collects diagnostics while reading.
#[derive(Default)]
pub(crate) struct Notes(pub Vec<Diagnostic>);

impl Notes {
    pub fn warn(&mut self, at: Origin, message: impl Into<String>) {
        self.0.push(Diagnostic {
            severity: Severity::Warning,
            at,
            message: message.into(),
        });
    }
    pub fn info(&mut self, at: Origin, message: impl Into<String>) {
        self.0.push(Diagnostic {
            severity: Severity::Info,
            at,
            message: message.into(),
        });
    }
}

/// Reads the disclosure parts of a document; `None` when it has none (a document that only
/// publishes targets).
pub fn read_disclosure(blocks: &[Block]) -> (Option<Disclosure>, Vec<Diagnostic>) {
    let mut notes = Notes::default();
    let mut disclosure = Disclosure::default();
    let mut sections: Vec<(Section, Vec<&Block>)> = Vec::new();
    let mut front: Vec<&Block> = Vec::new();
    for block in blocks {
        if let Block::Paragraph { text, .. } = block {
            if let Some(section) = Section::of_heading(text) {
                sections.push((section, Vec::new()));
                continue;
            }
        }
        match sections.last_mut() {
            Some((_, body)) => body.push(block),
            None => front.push(block),
        }
    }
    if !sections.iter().any(|(s, _)| s.is_core()) {
        return (None, notes.0);
    }
    read_title(&front, &mut disclosure);
    for (section, body) in sections {
        match section {
            Section::Basic => basic::read(&body, &mut disclosure, &mut notes),
            Section::Budget => disclosure
                .budget
                .extend(statements::read_budget(&body, &mut notes)),
            Section::RunningCosts => {
                disclosure.running_costs =
                    statements::read_one(StatementKind::RunningCosts, &body, &mut notes)
            }
            Section::ThreePublic => {
                disclosure.three_public =
                    statements::read_one(StatementKind::ThreePublic, &body, &mut notes)
            }
            Section::Procurement => {
                let p = procurement::read(&body, &mut notes);
                if p != Procurement::default() {
                    disclosure.procurement = Some(p);
                }
            }
            Section::Assets => disclosure.assets = assets::read(&body, &mut notes),
            Section::Terms => disclosure.terms.extend(read_terms(&body)),
            Section::Other => disclosure
                .other_notes
                .extend(paragraphs(&body).map(|(t, line)| Located::new(t.to_string(), line))),
            Section::Performance => {}
        }
    }
    (Some(disclosure), notes.0)
}

/// The paragraphs of a section body with their origin.
pub(crate) fn paragraphs<'a>(body: &'a [&'a Block]) -> impl Iterator<Item = (&'a str, Origin)> {
    body.iter().filter_map(|b| match b {
        Block::Paragraph { text, line } if !trim(text).is_empty() => {
            Some((trim(text), Origin::line(*line)))
        }
        _ => None,
    })
}

/// `石家庄高新区应急管理局` above `2020 年度部门预算情况说明`.
fn read_title(front: &[&Block], d: &mut Disclosure) {
    let paras: Vec<(&str, Origin)> = paragraphs(front).collect();
    let Some(pos) = paras
        .iter()
        .position(|(t, _)| squeeze(t).contains("预算") && t.chars().count() <= 40)
    else {
        return;
    };
    let (title, at) = paras[pos];
    d.year = year_in(title).map(|y| Located::new(y, at));
    let before_year: String = squeeze(title)
        .split(|c: char| c.is_ascii_digit())
        .next()
        .unwrap_or_default()
        .to_string();
    if pos > 0 && paras[pos - 1].0.chars().count() <= 40 {
        let (name, at) = paras[pos - 1];
        d.department = Some(Located::new(squeeze(name), at));
    } else if !before_year.is_empty() {
        d.department = Some(Located::new(before_year, at));
    }
}

/// The first four-digit year in a text (`2020 年度` → 2020).
pub(crate) fn year_in(text: &str) -> Option<i32> {
    let s = squeeze(text);
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let four = b.get(i..i + 4)?;
        let before_ok = i == 0 || !b[i - 1].is_ascii_digit();
        let after_ok = !b.get(i + 4).is_some_and(u8::is_ascii_digit);
        (before_ok && after_ok && four.iter().all(u8::is_ascii_digit) && four[0] == b'2')
            .then(|| s[i..i + 4].parse().ok())
            .flatten()
    })
}

/// `1、财政拨款收入：是指……` → 财政拨款收入 / 是指……
fn read_terms(body: &[&Block]) -> Vec<Term> {
    paragraphs(body)
        .filter_map(|(text, at)| {
            let (rest, _) = jixiao_model::text::strip_enumerator(text);
            let split = rest.find(['：', ':'])?;
            let term = trim(&rest[..split]);
            let colon = rest[split..].chars().next().map_or(1, char::len_utf8);
            let definition = trim(&rest[split + colon..]);
            (!term.is_empty() && term.chars().count() <= 20).then(|| Term {
                term: term.to_string(),
                definition: definition.to_string(),
                at,
            })
        })
        .collect()
}

/// A sub-heading such as `（二）关于2020年度收入预算情况说明`: its text after the enumerator.
pub(crate) fn sub_heading(text: &str) -> Option<&str> {
    let t = trim(text);
    if !(t.starts_with('（') || t.starts_with('(')) {
        return None;
    }
    let (rest, stripped) = jixiao_model::text::strip_enumerator(t);
    (stripped && rest.chars().count() <= 40).then_some(rest)
}

/// An amount cell in a table whose amounts are in `unit`; `Err` when the cell holds
/// something that is not a number.
pub(crate) fn money_cell(cell: &Cell, unit: AmountUnit) -> Result<Option<Located<Money>>, String> {
    Ok(decimal_cell(cell)?.map(|l| {
        l.map(|d| match unit {
            AmountUnit::WanYuan => Money(d),
            AmountUnit::Yuan => Money((d / Decimal::from(10_000)).normalize()),
            AmountUnit::YiYuan => Money((d * Decimal::from(10_000)).normalize()),
        })
    }))
}

/// A number cell (`10.00`); empty cells are `None`.
pub(crate) fn decimal_cell(cell: &Cell) -> Result<Option<Located<Decimal>>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    match crate::figures::decimal(&cell.text) {
        Some(d) => Ok(Some(Located::new(d, cell.origin()))),
        None => Err(format!(
            "{}：“{}”不是数字，已忽略",
            cell.origin(),
            trim(&cell.text)
        )),
    }
}

/// Appends a paragraph to a statement and reads its figures.
pub(crate) fn add_paragraph(stmt: &mut Statement, text: &str, at: Origin, notes: &mut Notes) {
    stmt.text.push(Located::new(text.to_string(), at));
    statements::read_figures(stmt, text, at, notes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_headings() {
        for (text, want) in [
            ("一、部门职责、机构设置等基本情况", Some(Section::Basic)),
            ("二、部门预算安排总体情况", Some(Section::Budget)),
            (
                "三、2020年度机关运行经费情况说明",
                Some(Section::RunningCosts),
            ),
            (
                "四、2020年度“三公”经费支出预算情况说明",
                Some(Section::ThreePublic),
            ),
            ("五、预算绩效信息", Some(Section::Performance)),
            (
                "六、2020 年度政府采购支出情况说明",
                Some(Section::Procurement),
            ),
            ("七、国有资产信息", Some(Section::Assets)),
            ("八、名词解释", Some(Section::Terms)),
            ("九、其他重要情况说明", Some(Section::Other)),
            ("一、总体绩效目标 ", Some(Section::Performance)),
            ("（一）部门职责", None),
            ("1、负责加强全区应急管理能力建设", None),
            ("十一、", None),
        ] {
            assert_eq!(Section::of_heading(text), want, "{text}");
        }
    }

    #[test]
    fn years() {
        assert_eq!(year_in("2020 年度部门预算情况说明"), Some(2020));
        assert_eq!(year_in("第12345号"), None);
        assert_eq!(year_in(""), None);
    }

    #[test]
    fn target_documents_have_no_disclosure() {
        let blocks = jixiao_read::carrier::text::blocks(
            "一、总体绩效目标\n\n做好应急管理工作。\n\n二、分项绩效目标\n\n三、工作保障措施\n",
        );
        assert_eq!(read_disclosure(&blocks).0, None);
    }
}
