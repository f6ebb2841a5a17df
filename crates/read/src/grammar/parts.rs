//! The four-part disclosure of a project (项目立项依据、实施主体、预算安排、绩效目标情况公示):
//! what county sites publish for each project as running text under four numbered headings,
//! with no table. Read only when the forms found no project: the title names the project,
//! 实施主体 its unit, 预算安排 its budget, and the 绩效目标 part lists its targets.

use jixiao_model::text::{squeezed, strip_enumerator, trim};
use jixiao_model::{AmountUnit, BudgetUnit, Located, Money, Origin, Project};

use super::vocab::is_org_name;
use super::Reader;
use crate::layout::Block;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Basis,
    Subject,
    Budget,
    Targets,
}

/// The part a heading paragraph opens (`四、绩效目标`, `(二)实施主体:`).
fn part_of(text: &str) -> Option<Part> {
    if text.len() > 60 {
        return None;
    }
    let s = squeezed(text);
    let (s, _) = strip_enumerator(&s);
    let s = s.trim_end_matches([':', '：', '。']);
    let s = s.strip_suffix("情况").unwrap_or(s);
    match s {
        "立项依据" | "项目立项依据" => Some(Part::Basis),
        "实施主体" | "项目实施主体" | "实施单位" => Some(Part::Subject),
        "预算安排" | "项目预算安排" | "资金安排" | "预算安排及资金来源" => {
            Some(Part::Budget)
        }
        "绩效目标" | "项目绩效目标" | "年度绩效目标" => Some(Part::Targets),
        _ => None,
    }
}

/// Reads the disclosure into a project; false (and nothing changed) when the document is
/// not one (fewer than three of the four parts, or no title naming the project).
pub(super) fn read(r: &mut Reader, blocks: &[Block]) -> bool {
    let paragraphs: Vec<(&str, u32)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text, line } if !trim(text).is_empty() => {
                Some((text.as_str(), *line))
            }
            _ => None,
        })
        .collect();
    let heads: Vec<(usize, Part)> = paragraphs
        .iter()
        .enumerate()
        .filter_map(|(k, (t, _))| part_of(t).map(|p| (k, p)))
        .collect();
    let has = |part: Part| heads.iter().any(|h| h.1 == part);
    let distinct = [Part::Basis, Part::Subject, Part::Budget, Part::Targets]
        .into_iter()
        .filter(|&p| has(p))
        .count();
    if distinct < 3 || !has(Part::Targets) {
        return false;
    }
    let first = heads[0].0;
    let Some((name, at)) = paragraphs[..first]
        .iter()
        .rev()
        .find_map(|(t, line)| project_in_title(t).map(|n| (n, Origin::line(*line))))
    else {
        return false;
    };
    // Each part's paragraphs: up to the next part's heading.
    let body = |part: Part| -> Vec<(&str, u32)> {
        let Some(i) = heads.iter().position(|h| h.1 == part) else {
            return Vec::new();
        };
        let end = heads.get(i + 1).map_or(paragraphs.len(), |h| h.0);
        paragraphs[heads[i].0 + 1..end].to_vec()
    };
    let mut p = Project {
        name: Located::new(name, at),
        at,
        ..Project::default()
    };
    let mut subject = None;
    if let Some((t, line)) = body(Part::Subject).first() {
        if let Some(name) = org_at_start(t) {
            let at = Origin::line(*line);
            subject = Some(Located::new(name.to_string(), at));
            p.unit = Some(BudgetUnit {
                code: None,
                name: name.to_string(),
                printed: name.to_string(),
                at,
            });
        }
    }
    p.budget.total = body(Part::Budget)
        .iter()
        .find_map(|(t, line)| stated_amount(t).map(|m| Located::new(m, Origin::line(*line))));
    for (t, line) in body(Part::Targets) {
        let at = Origin::line(line);
        p.goals.push(Located::new(trim(t).to_string(), at));
        for (name, value) in super::form::list_items(t) {
            p.indicators.push(super::form::unlevelled(name, &value, at));
        }
    }
    if p.indicators.is_empty() && p.goals.is_empty() {
        return false;
    }
    if !p.indicators.is_empty() {
        // A list of targets in running text prints names and values, no 指标解释 or 依据.
        super::form::note_printed(r, &[super::vocab::Column::Level3, super::vocab::Column::Target]);
    }
    if r.doc.year.is_none() {
        if let Some(y) = super::narrative::year_in(&squeezed(&p.name.value)) {
            r.doc.year = Some(Located::new(y, at));
        }
    }
    if r.doc.department.is_none() {
        r.doc.department = subject;
    }
    r.doc.projects.push(p);
    true
}

/// `章贡区2019年林业有害生物防治项目立项依据、实施主体、…情况公示` → the project's name:
/// what stands before the first part's word, without `关于` and a closing `的`.
fn project_in_title(t: &str) -> Option<String> {
    let s = squeezed(t);
    let cut = ["立项依据", "实施主体", "预算安排", "绩效目标"]
        .iter()
        .filter_map(|w| s.find(w))
        .min()?;
    let name = s[..cut].strip_prefix("关于").unwrap_or(&s[..cut]);
    let name = name.trim_end_matches(['的', '、', ',', '，']);
    let n = name.chars().count();
    ((4..=60).contains(&n) && !name.contains(['。', '；', ';'])).then(|| name.to_string())
}

/// The organisation a 实施主体 sentence starts with (`赣州市林业局章贡分局牵头,各镇具体实施。`).
fn org_at_start(t: &str) -> Option<&str> {
    let t = trim(t);
    let clause = t.split([',', '，', '。', '；', ';', '、']).next()?;
    clause
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .rev()
        .find(|&end| is_org_name(&clause[..end]))
        .map(|end| &clause[..end])
}

/// The first amount a 预算安排 sentence states (`全年预算数为 362万元`), not one spent
/// (`执行数为362万元`, `支出…`).
fn stated_amount(t: &str) -> Option<Money> {
    let s = squeezed(t);
    for clause in s.split([',', '，', '。', '；', ';']) {
        if ["执行", "支出", "结余", "结转", "完成"]
            .iter()
            .any(|w| clause.contains(w))
        {
            continue;
        }
        for (unit_text, unit) in [("万元", AmountUnit::WanYuan), ("元", AmountUnit::Yuan)] {
            let Some(end) = clause.find(unit_text) else {
                continue;
            };
            let digits = clause[..end]
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
                .last()
                .map(|(i, _)| i)?;
            if let Some(m) = Money::parse(&clause[digits..end], unit) {
                return Some(m);
            }
        }
    }
    None
}
