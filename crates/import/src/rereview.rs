//! The review again of a stored revision after an edit ([`jixiao_store::Reviewer`]): the
//! original bytes are read again (the last readings are kept, so a run of edits reads once)
//! and the stored projects, edits included, are laid over what was read. A field the edit did
//! not change keeps what the reader gave it (its line and cell, a level inherited from the
//! row above, the spending plan, the layout's printed fields), so an untouched project is
//! reviewed exactly as on import; a changed field takes the stored value at the same place.
//! Then every rule set runs as on import ([`crate::read_and_review`]'s) and its findings and
//! grades replace the stored ones.

use std::str::FromStr;
use std::sync::{Arc, Mutex};

use jixiao_model::{
    Budget, Document, Indicator, Level1, Level2, Located, Money, Origin, Project, Target,
};
use jixiao_store::{Reviewed, Reviewer, StoredProject, StoredRevision};
use rust_decimal::Decimal;

/// A reading of some bytes: the document and the budget disclosure printed with it.
struct Read {
    document: Document,
    disclosure: Option<jixiao_disclosure::Disclosure>,
}

/// The review of the import, again, over stored revisions ([`jixiao_store::Store::with_reviewer`]).
#[derive(Default)]
pub struct StoredReviewer {
    /// The last few readings, by the SHA-256 of their bytes (most recent last).
    cache: Mutex<Vec<(String, Arc<Option<Read>>)>>,
}

const CACHED: usize = 4;

impl StoredReviewer {
    pub fn new() -> StoredReviewer {
        StoredReviewer::default()
    }

    fn read(&self, rev: &StoredRevision) -> Arc<Option<Read>> {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = cache.iter().position(|(sha, _)| *sha == rev.sha256) {
            let hit = cache.remove(i);
            let read = hit.1.clone();
            cache.push(hit);
            return read;
        }
        drop(cache);
        let read = Arc::new(
            jixiao_carriers::read_bytes(&rev.file_name, &rev.bytes)
                .ok()
                .map(|reading| Read {
                    disclosure: reading.disclosure,
                    document: reading.document,
                }),
        );
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.push((rev.sha256.clone(), read.clone()));
        if cache.len() > CACHED {
            cache.remove(0);
        }
        read
    }
}

impl Reviewer for StoredReviewer {
    fn review(&self, rev: &StoredRevision) -> Reviewed {
        let read = self.read(rev);
        let read = read.as_ref().as_ref();
        let doc = overlay(read.map(|r| &r.document), rev);
        let approved: Vec<(usize, Project)> = rev
            .approved
            .iter()
            .enumerate()
            .filter_map(|(i, t)| Some((i, stored_project(t.as_ref()?))))
            .collect();
        let approved: Vec<(usize, &Project)> = approved.iter().map(|(i, p)| (*i, p)).collect();
        let report = crate::check_document(
            &doc,
            read.and_then(|r| r.disclosure.as_ref()),
            &approved,
            &jixiao_review::Config::default(),
            &jixiao_assess::ScoringConfig::default(),
        );
        Reviewed {
            findings: crate::rule_findings(&report).collect(),
            grades: crate::grades(&report),
        }
    }
}

/// The document as stored: what was read, with every stored project laid over the project
/// read at its position (projects added by an edit are built from the store alone).
pub fn overlay(read: Option<&Document>, rev: &StoredRevision) -> Document {
    let mut doc = read.cloned().unwrap_or_else(|| Document {
        source: rev.file_name.clone(),
        year: rev
            .projects
            .iter()
            .find_map(|p| p.project.year)
            .and_then(|y| i32::try_from(y).ok())
            .map(|y| Located::new(y, Origin::line(1))),
        ..Document::default()
    });
    let read_projects = std::mem::take(&mut doc.projects);
    doc.projects = rev
        .projects
        .iter()
        .map(|sp| {
            let imported = usize::try_from(sp.position)
                .ok()
                .and_then(|i| read_projects.get(i))
                // A project added by an edit has line 0 (and may take the position of a
                // deleted last one).
                .filter(|p| sp.project.line != 0 && i64::from(p.at.line) == sp.project.line);
            match imported {
                Some(p) => over_project(p.clone(), sp),
                None => stored_project(sp),
            }
        })
        .collect();
    doc
}

fn origin(line: i64, cell: Option<i64>) -> Origin {
    Origin {
        line: u32::try_from(line).unwrap_or(0),
        cell: cell.and_then(|c| u32::try_from(c).ok()),
    }
}

fn amount(text: Option<&str>) -> Option<Decimal> {
    text.and_then(|t| Decimal::from_str(t.trim()).ok())
}

/// `field` holding `stored` (kept as read, origin and all, when equal).
fn set_text(field: &mut Option<Located<String>>, stored: Option<&str>, at: Origin) {
    let stored = stored.filter(|t| !t.trim().is_empty());
    if field.as_ref().map(|f| f.value.as_str()) == stored {
        return;
    }
    let at = field.as_ref().map_or(at, |f| f.at);
    *field = stored.map(|t| Located::new(t.to_string(), at));
}

fn set_money(field: &mut Option<Located<Money>>, stored: Option<&str>, at: Origin) {
    let stored = amount(stored);
    if field.as_ref().map(|f| f.value.0) == stored {
        return;
    }
    let at = field.as_ref().map_or(at, |f| f.at);
    *field = stored.map(|d| Located::new(Money(d), at));
}

fn over_project(mut p: Project, sp: &StoredProject) -> Project {
    let s = &sp.project;
    if p.name.value != s.name {
        p.name.value = s.name.clone();
    }
    set_text(&mut p.code, s.code.as_deref(), p.at);
    set_text(&mut p.purpose, s.purpose.as_deref(), p.at);
    set_money(&mut p.budget.total, s.budget_total.as_deref(), p.at);
    set_money(&mut p.budget.fiscal, s.budget_fiscal.as_deref(), p.at);
    set_money(&mut p.budget.other, s.budget_other.as_deref(), p.at);
    let same_goals = p.goals.len() == sp.goals.len()
        && p.goals.iter().zip(&sp.goals).all(|(a, b)| a.value == *b);
    if !same_goals {
        let at = p.at;
        p.goals = sp
            .goals
            .iter()
            .enumerate()
            .map(|(i, g)| Located::new(g.clone(), p.goals.get(i).map_or(at, |o| o.at)))
            .collect();
    }
    // Each stored row over the first row read at its line and cell not taken yet.
    let mut read: Vec<Option<Indicator>> = std::mem::take(&mut p.indicators)
        .into_iter()
        .map(Some)
        .collect();
    p.indicators = sp
        .indicators
        .iter()
        .map(|(si, cell)| {
            let at = origin(si.line, *cell);
            let found = read
                .iter_mut()
                .find(|r| r.as_ref().is_some_and(|r| si.line != 0 && r.at == at))
                .and_then(Option::take);
            match found {
                Some(r) => over_indicator(r, si),
                None => stored_indicator(si, at),
            }
        })
        .collect();
    p
}

fn over_indicator(mut i: Indicator, s: &jixiao_store::Indicator) -> Indicator {
    if i.level1.printed.value != s.level1_printed {
        i.level1.printed.value = s.level1_printed.clone();
        i.level1.category = Level1::from_printed(&s.level1_printed);
    }
    if i.level2.printed.value != s.level2_printed {
        i.level2.printed.value = s.level2_printed.clone();
        i.level2.category = Level2::from_printed(&s.level2_printed);
    }
    let at = i.at;
    set_text(&mut i.level3, s.level3.as_deref(), at);
    set_text(&mut i.description, s.description.as_deref(), at);
    set_text(&mut i.basis, s.basis.as_deref(), at);
    let stored = s.target_printed.as_deref().filter(|t| !t.trim().is_empty());
    if i.target.as_ref().map(|t| t.value.printed.as_str()) != stored {
        let at = i.target.as_ref().map_or(at, |t| t.at);
        i.target = stored.map(|t| Located::new(Target::parse(t), at));
    }
    let weight = amount(s.weight.as_deref());
    if i.weight != weight {
        i.weight = weight;
    }
    i
}

fn stored_indicator(s: &jixiao_store::Indicator, at: Origin) -> Indicator {
    let mut i = jixiao_store::domain::indicator(s.clone());
    i.at = at;
    i
}

fn stored_project(sp: &StoredProject) -> Project {
    let s = &sp.project;
    let at = Origin::line(u32::try_from(s.line).unwrap_or(0));
    let text = |t: &Option<String>| {
        t.as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| Located::new(t.to_string(), at))
    };
    let money = |t: &Option<String>| amount(t.as_deref()).map(|d| Located::new(Money(d), at));
    Project {
        period: None,
        unit: None,
        code: text(&s.code),
        name: Located::new(s.name.clone(), at),
        budget: Budget {
            total: money(&s.budget_total),
            fiscal: money(&s.budget_fiscal),
            other: money(&s.budget_other),
        },
        purpose: text(&s.purpose),
        spending_plan: None,
        goals: sp
            .goals
            .iter()
            .map(|g| Located::new(g.clone(), at))
            .collect(),
        indicators: sp
            .indicators
            .iter()
            .map(|(i, cell)| stored_indicator(i, origin(i.line, *cell)))
            .collect(),
        at,
        evaluation: s.evaluation.clone(),
    }
}
