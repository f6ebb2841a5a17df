//! The narrative part: 总体绩效目标 / 分项绩效目标 / 工作保障措施 paragraphs, the budget year
//! and the department named in a heading.

use jixiao_model::text::{squeezed, trim};
use jixiao_model::{Located, Origin};

use super::vocab::{is_org_name, section_heading_of, Section};
use super::Reader;

/// Punctuation a complete paragraph ends with; a long paragraph without it was broken
/// across lines by conversion and continues in the next one.
const PARAGRAPH_END: &[char] = &[
    '。', '；', ';', '！', '!', '？', '?', '：', ':', '）', ')', '”', '"', '」', '.',
];

/// The narrative sections, gathered paragraph by paragraph during the one pass over the
/// document's blocks.
#[derive(Default)]
pub(super) struct Narrative {
    section: Option<Section>,
    seen_table: bool,
    paragraphs: Vec<(Section, Located<String>)>,
    /// The last line that is only an organisation's name (a signature under a notice).
    signature: Option<Located<String>>,
}

impl Narrative {
    /// Inside 总体绩效目标 / 分项绩效目标 / 工作保障措施: lines are narrative, not forms.
    pub fn in_section(&self) -> bool {
        matches!(
            self.section,
            Some(Section::Overall | Section::Sub | Section::Safeguards)
        )
    }

    pub fn table(&mut self) {
        self.seen_table = true;
        self.section = None;
    }

    /// A form's labelled fields end the section without being a table: headings after
    /// them may still state the year and the department.
    pub fn end_section(&mut self) {
        self.section = None;
    }

    /// `squeezed` is the paragraph without white space, when it is short enough to be a
    /// heading (longer paragraphs are body text).
    pub fn paragraph(&mut self, r: &mut Reader, text: &str, squeezed: Option<&str>, line: u32) {
        if let Some(s) = squeezed {
            if !self.seen_table {
                heading_facts(r, text, s, line);
            }
            if s.chars().count() <= 30
                && is_org_name(s)
                && !s.starts_with(|c: char| c.is_ascii_digit())
            {
                self.signature = Some(Located::new(trim(text).to_string(), Origin::line(line)));
            }
            if let Some(found) = section_heading_of(text, s) {
                self.section = Some(found);
                return;
            }
            if super::is_table_title(s) {
                self.section = None;
                return;
            }
        }
        if let Some(s) = self.section.filter(|s| *s != Section::Other) {
            self.paragraphs
                .push((s, Located::new(trim(text).to_string(), Origin::line(line))));
        }
    }

    pub fn finish(self, r: &mut Reader) {
        if r.doc.department.is_none() && r.doc.units.is_empty() {
            r.doc.department = self.signature.clone();
        }
        let mut joined: Vec<(Section, Located<String>)> = Vec::new();
        for (s, p) in self.paragraphs {
            if let Some((last_s, last)) = joined.last_mut() {
                let broken = *last_s == s
                    && last.value.chars().count() >= 40
                    && !last.value.ends_with(PARAGRAPH_END);
                if broken {
                    last.value.push_str(&p.value);
                    continue;
                }
            }
            joined.push((s, p));
        }
        let mut first_overall = true;
        for (s, mut p) in joined {
            match s {
                Section::Overall => {
                    if first_overall {
                        p.value = drop_goal_label(&p.value).to_string();
                        first_overall = false;
                    }
                    r.doc.overall_goals.push(p)
                }
                Section::Sub => r.doc.sub_goals.push(p),
                Section::Safeguards => r.doc.safeguards.push(p),
                Section::Other => {}
            }
        }
    }
}

/// `临西县应急管理局总绩效目标：（一）负责…` → `（一）负责…`.
fn drop_goal_label(p: &str) -> &str {
    for sep in ['：', ':'] {
        if let Some(i) = p.find(sep) {
            let label = &p[..i];
            if label.chars().count() <= 30 && label.ends_with("目标") {
                return trim(&p[i + sep.len_utf8()..]);
            }
        }
    }
    p
}

/// Facts stated by headings before the first table: the budget year and the department.
pub(super) fn heading_facts(r: &mut Reader, text: &str, s: &str, line: u32) {
    if text.len() > 240 {
        return; // headings are short
    }
    let n = s.chars().count();
    // A project table's title (`9、…2020年自然灾害救助专项资金…绩效目标表`) is no year heading;
    // a whole-document title (`…2023年部门预算项目支出绩效目标公开表`) is.
    let folded = super::norm::fold(s);
    let names_document = ["部门", "预算", "绩效", "公开", "决算", "自评"]
        .iter()
        .any(|k| folded.contains(k))
        && (!super::is_table_title(s)
            || s.ends_with("公开表")
            || !jixiao_model::text::strip_enumerator(s).1);
    // `（2024年度）` on its own line under a title.
    let bare_year = n <= 10
        && s.trim_matches(['（', '）', '(', ')'])
            .trim_end_matches('度')
            .ends_with('年');
    // A page's furniture (`发布日期: 2022年04月02日`) dates the page, not the budget.
    let furniture = ["发布日期", "发布时间", "发文日期", "索引号", "成文日期"]
        .iter()
        .any(|k| folded.contains(k));
    if r.doc.year.is_none() && n <= 60 && (names_document || bare_year) && !furniture {
        if let Some(y) = year_in(s).or_else(|| bracketed_year(s)) {
            r.doc.year = Some(Located::new(y, Origin::line(line)));
        }
    }
    if r.doc.department.is_none() && is_org_name(s) && !s.starts_with(|c: char| c.is_ascii_digit())
    {
        r.doc.department = Some(Located::new(trim(text).to_string(), Origin::line(line)));
    }
    // `大英县民政局2022年度…绩效自评情况公示`, `关于…中心2020年…的公示`: a document's title
    // led by its department; the department when no form names one (see resolve_department).
    if r.title_department.is_none() && names_document && n <= 80 {
        if let Some(at) = s.find(|c: char| c.is_ascii_digit()) {
            let head = s[..at].strip_prefix("关于").unwrap_or(&s[..at]);
            if is_org_name(head) && year_in(&s[at..]).is_some() {
                r.title_department = Some(Located::new(head.to_string(), Origin::line(line)));
            }
        }
    }
}

/// `…绩效目标自评表 (2021)`: a bare year in brackets closing a title.
fn bracketed_year(s: &str) -> Option<i32> {
    let t = trim(s).strip_suffix([')', '）'])?;
    let open = t.rfind(['(', '（'])?;
    let inner = trim(&t[open..][t[open..].chars().next()?.len_utf8()..]);
    let y: i32 = (inner.len() == 4 && inner.bytes().all(|b| b.is_ascii_digit()))
        .then(|| inner.parse().ok())??;
    (1990..=2100).contains(&y).then_some(y)
}

/// The first `YYYY年` in a heading.
pub(super) fn year_in(s: &str) -> Option<i32> {
    let chars: Vec<char> = s.chars().collect();
    for w in 0..chars.len().saturating_sub(4) {
        let digits = &chars[w..w + 4];
        let before_ok = w == 0 || !chars[w - 1].is_ascii_digit();
        if before_ok && digits.iter().all(|c| c.is_ascii_digit()) && chars.get(w + 4) == Some(&'年')
        {
            let y: i32 = digits.iter().collect::<String>().parse().ok()?;
            if (1990..=2100).contains(&y) {
                return Some(y);
            }
        }
    }
    None
}

/// The department and its code, once every unit line is known.
///
/// The department is the one a heading names, else the first budget unit. Its code is the
/// unit code printed beside that very name (the most specific one); when the heading uses a
/// name no unit line prints (an abbreviation), the department-level code (the shortest)
/// stands for it.
pub(super) fn resolve_department(r: &mut Reader) {
    if r.doc.department.is_none() {
        if let Some(u) = r.doc.units.first() {
            r.doc.department = Some(Located::new(u.name.clone(), u.at));
        }
    }
    if r.doc.department.is_none() {
        r.doc.department = r.title_department.take();
    }
    // `乌海市供销合作社联合社(部门)`: the bracketed kind is no part of the name.
    if let Some(d) = &mut r.doc.department {
        for tail in [
            "(部门)",
            "（部门）",
            "(单位)",
            "（单位）",
            "(本级)",
            "（本级）",
        ] {
            if let Some(stem) = d.value.strip_suffix(tail) {
                d.value = stem.to_string();
            }
        }
    }
    let Some(dept) = &r.doc.department else {
        return;
    };
    // The code printed with the department (`(433)乌海市供销合作社联合社`) is its own; a unit
    // of the same name (`(433001)…`) is the department's 本级 unit, not the department.
    if r.doc.department_code.is_some() {
        return;
    }
    let name = squeezed(&dept.value);
    let coded = || {
        r.doc
            .units
            .iter()
            .filter_map(|u| u.code.as_ref().map(|c| (c, u)))
    };
    let exact = coded()
        .filter(|(_, u)| squeezed(&u.name) == name)
        .max_by_key(|(c, _)| c.len());
    let chosen = exact.or_else(|| coded().min_by_key(|(c, _)| c.len()));
    if let Some((code, u)) = chosen {
        r.doc.department_code = Some(Located::new(code.clone(), u.at));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_headings() {
        assert_eq!(year_in("2021年部门整体绩效目标"), Some(2021));
        assert_eq!(year_in("2020年度部门预算情况说明"), Some(2020));
        assert_eq!(
            year_in("门源县应急管理局2023年部门预算项目支出绩效目标公开表"),
            Some(2023)
        );
        assert_eq!(year_in("临汛字【20196】4号"), None);
        assert_eq!(year_in("部门整体绩效目标"), None);
        assert_eq!(bracketed_year("转移支付区域(项目)绩效目标自评表 (2021)"), Some(2021));
        assert_eq!(bracketed_year("自评表（2021）"), Some(2021));
        assert_eq!(bracketed_year("某某项目(12345)"), None);
        assert_eq!(bracketed_year("某某项目"), None);
    }

    #[test]
    fn goal_labels() {
        assert_eq!(
            drop_goal_label("临西县应急管理局总绩效目标：（一）负责"),
            "（一）负责"
        );
        assert_eq!(
            drop_goal_label("（二）拟订应急管理：政策"),
            "（二）拟订应急管理：政策"
        );
    }
}
