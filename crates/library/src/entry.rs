//! The library's entries: indicators of the same meaning, grouped over every stored project.
//!
//! An entry is a meaning key ([`crate::meaning_key`]) and a compatible unit family (`%`, money
//! in 元 or 万元, `个`…): `隐患排查率` with `%` and `培训天数` with `天` are entries; a row
//! whose target has no unit (`高`, `是`) joins the key's most used unit. Each entry counts the
//! departments and projects using it, the years seen, the target values per unit (min,
//! quartiles, max, exact decimals), the typical descriptions and bases, and the sectors (行业)
//! of its departments ([`crate::sector`], read from the departments' names); it is 共性 when
//! departments of at least [`Options::common_min_sectors`] sectors use it, 个性 (sector-specific)
//! otherwise.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use jixiao_model::pairing::ProjectKey;
use jixiao_model::{Decimal, Direction, Document, Framework, Indicator, Level1, Level2};

use crate::normalise::{meaning_key, normalise};
use crate::sector::sector_of;
use crate::LibraryError;

/// A stored project as the library reads it: who published it, when, and its indicators.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceProject {
    /// 部门名称.
    pub department: String,
    pub year: Option<i32>,
    pub code: Option<String>,
    pub name: String,
    pub purpose: Option<String>,
    pub goals: Vec<String>,
    /// 预算数（万元）.
    pub budget: Option<Decimal>,
    pub framework: Framework,
    pub indicators: Vec<Indicator>,
}

impl SourceProject {
    /// The projects of a document (the department named by the document, else the unit).
    pub fn from_document(doc: &Document) -> Vec<SourceProject> {
        let framework = doc.framework();
        doc.projects
            .iter()
            .map(|p| SourceProject {
                department: doc
                    .department
                    .as_ref()
                    .map(|d| d.value.clone())
                    .or_else(|| p.unit.as_ref().map(|u| u.name.clone()))
                    .unwrap_or_default(),
                year: doc.year.as_ref().map(|y| y.value),
                code: p.code.as_ref().map(|c| c.value.clone()),
                name: p.name.value.clone(),
                purpose: p.purpose.as_ref().map(|x| x.value.clone()),
                goals: p.goals.iter().map(|g| g.value.clone()).collect(),
                budget: p.budget.total.as_ref().map(|m| m.value.decimal()),
                framework,
                indicators: p.indicators.clone(),
            })
            .collect()
    }

    /// What identifies the project across years (code, else department + name).
    pub fn key(&self) -> ProjectKey {
        ProjectKey::new(self.code.as_deref(), Some(&self.department), &self.name, None)
    }
}

/// How the library is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// An entry used by departments of at least this many sectors (行业, [`crate::sector`];
    /// 其他 counts as one) is 共性 (common across sectors).
    pub common_min_sectors: usize,
}

impl Default for Options {
    /// Three sectors, not two: a department's name is rough evidence of what a project does
    /// (a 财政局 publishes transfers for other sectors, a 镇人民政府 carries out every sector's
    /// work) and two related sectors often share a program (应急 and 林草 on forest fires,
    /// 农业 and 水利 on irrigation), so an indicator of two sectors is still mostly
    /// sector-specific; one used by three is measured across the board (满意度, 项目总成本,
    /// 资金拨付及时率).
    fn default() -> Options {
        Options { common_min_sectors: 3 }
    }
}

/// The target values of one unit in an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueStats {
    pub unit: String,
    pub count: usize,
    pub min: Decimal,
    pub q1: Decimal,
    pub median: Decimal,
    pub q3: Decimal,
    pub max: Decimal,
}

/// One entry of the library.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What `show` takes: the name, with the unit family when the name has several entries.
    pub label: String,
    /// The name shown: the key for grouped 满意度 wordings, else the most used wording.
    pub name: String,
    pub key: String,
    /// `%`, `元` (元 and 万元), or the unit as printed; `None` when no row has a unit.
    pub unit_family: Option<String>,
    pub level1: Option<Level1>,
    pub level2: Option<Level2>,
    pub direction: Option<Direction>,
    pub rows: usize,
    pub departments: usize,
    /// The sectors of the departments using it, each with how many of its departments do,
    /// most departments first (ties by name).
    pub sectors: Vec<(&'static str, usize)>,
    pub projects: usize,
    pub years: Vec<i32>,
    /// Normalised wordings with their counts, most used first.
    pub wordings: Vec<(String, usize)>,
    pub values: Vec<ValueStats>,
    /// Typical descriptions and bases (most used first, at most three each).
    pub descriptions: Vec<String>,
    pub bases: Vec<String>,
    /// 共性 (used in enough sectors) rather than sector-specific (个性).
    pub common: bool,
}

/// The library: entries, most used first, and which entry each stored indicator is in.
///
/// It is kept current by [`Library::update`], in time proportional to the change: each
/// meaning key keeps running counts of its rows per unit family (wordings, departments,
/// projects, years, the target values as a counted multiset, descriptions, bases, levels,
/// directions), adjusted by the rows removed and added; only the touched keys' entries are
/// made again from those counts, and a row's placement goes through its slot (key and unit
/// family), so that no placement is renumbered when entries move. The result equals
/// [`Library::build`] of the new sources (entries, their order and every placement).
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub entries: Vec<Entry>,
    options: Options,
    /// Each source's stable serial and its rows (`None`: the name normalises to nothing).
    sources: Vec<(u64, Vec<Option<Member>>)>,
    next_serial: u64,
    /// The running counts of each meaning key.
    keys: HashMap<String, KeyCounts>,
    /// Slots: a key and a unit family (`None`: the key's rows without a unit).
    slots: Vec<Slot>,
    slot_ids: HashMap<String, HashMap<Option<String>, u32>>,
    free_slots: Vec<u32>,
    /// The index in `entries` of each slot's entry.
    slot_entry: Vec<Option<usize>>,
    /// The slots whose rows each entry holds (parallel to `entries`).
    entry_slots: Vec<Vec<u32>>,
    /// Each department's sector, read once per name (a scan of the keyword table); never
    /// forgotten, department names being few.
    department_sectors: HashMap<String, &'static str>,
}

/// A slot: how many rows it holds (freed, and its id reused, when none).
#[derive(Debug, Clone, Default)]
struct Slot {
    rows: usize,
}

/// What a row brought to its key's counts (kept to take it away again).
#[derive(Debug, Clone)]
struct Member {
    slot: u32,
    key: String,
    /// `None`: the row has no unit.
    family: Option<String>,
    name: String,
    unit: Option<String>,
    /// Shared by the rows of a source.
    department: Arc<str>,
    /// The department's sector.
    sector: &'static str,
    year: Option<i32>,
    value: Option<Decimal>,
    description: Option<String>,
    basis: Option<String>,
    level1: Option<Level1>,
    level2: Option<Level2>,
    reverse: Option<bool>,
}

/// The counts of one key's rows of one unit family (or of those without a unit).
#[derive(Debug, Clone, Default)]
struct Counts {
    rows: usize,
    wordings: HashMap<String, usize>,
    /// Per department: its rows and its sector.
    departments: HashMap<Arc<str>, (usize, &'static str)>,
    /// Per sector: how many of `departments` are of it.
    sectors: HashMap<&'static str, usize>,
    projects: HashMap<u64, usize>,
    years: BTreeMap<i32, usize>,
    /// Per unit as printed: the target values (normalised) and how often each.
    values: BTreeMap<String, BTreeMap<Decimal, usize>>,
    descriptions: HashMap<String, usize>,
    bases: HashMap<String, usize>,
    level1: BTreeMap<Level1, usize>,
    level2: BTreeMap<Level2, usize>,
    /// Rows read as positive, as reverse.
    directions: [usize; 2],
}

#[derive(Debug, Clone, Default)]
struct KeyCounts {
    families: BTreeMap<Option<String>, Counts>,
}

/// The unit family: money in 元, 万元, 亿元 is `元`; other units are themselves.
pub fn unit_family(unit: &str) -> String {
    let bare = unit.trim_start_matches(['万', '千', '百', '亿']);
    if bare == "元" {
        "元".to_string()
    } else {
        unit.to_string()
    }
}

/// The unit of a row: its target's, else the one its name printed in brackets.
pub fn row_unit(i: &Indicator) -> Option<String> {
    i.target
        .as_ref()
        .and_then(|t| t.value.unit().map(str::to_string))
        .or_else(|| normalise(i.level3_text()).unit_hint)
}

/// The `p` percentile (0 to 1) of sorted values, linearly interpolated, exact.
pub fn percentile(sorted: &[Decimal], p: Decimal) -> Decimal {
    if sorted.is_empty() {
        return Decimal::ZERO;
    }
    let pos = p * Decimal::from(sorted.len() - 1);
    let lo = pos.floor();
    let i = rust_decimal::prelude::ToPrimitive::to_usize(&lo).unwrap_or(0);
    let frac = pos - lo;
    match sorted.get(i + 1) {
        Some(next) if !frac.is_zero() => sorted[i] + (*next - sorted[i]) * frac,
        _ => sorted[i],
    }
}

fn bump<K: std::hash::Hash + Eq + Clone>(map: &mut HashMap<K, usize>, k: &K, add: bool) {
    if add {
        match map.get_mut(k) {
            Some(n) => *n += 1,
            None => {
                map.insert(k.clone(), 1);
            }
        }
    } else if let Some(n) = map.get_mut(k) {
        *n -= 1;
        if *n == 0 {
            map.remove(k);
        }
    }
}

fn bump_ordered<K: Ord + Clone>(map: &mut BTreeMap<K, usize>, k: &K, add: bool) {
    if add {
        *map.entry(k.clone()).or_default() += 1;
    } else if let Some(n) = map.get_mut(k) {
        *n -= 1;
        if *n == 0 {
            map.remove(k);
        }
    }
}

impl Counts {
    fn count(&mut self, m: &Member, project: u64, add: bool) {
        if add {
            self.rows += 1;
        } else {
            self.rows -= 1;
        }
        bump(&mut self.wordings, &m.name, add);
        if !m.department.is_empty() {
            // A department's first row counts it in its sector, its last row out.
            if add {
                match self.departments.get_mut(&m.department) {
                    Some(d) => d.0 += 1,
                    None => {
                        self.departments.insert(m.department.clone(), (1, m.sector));
                        bump(&mut self.sectors, &m.sector, true);
                    }
                }
            } else if let Some(d) = self.departments.get_mut(&m.department) {
                d.0 -= 1;
                if d.0 == 0 {
                    self.departments.remove(&m.department);
                    bump(&mut self.sectors, &m.sector, false);
                }
            }
        }
        bump(&mut self.projects, &project, add);
        if let Some(y) = m.year {
            bump_ordered(&mut self.years, &y, add);
        }
        if let (Some(v), Some(unit)) = (m.value, &m.unit) {
            if add {
                *self.values.entry(unit.clone()).or_default().entry(v).or_default() += 1;
            } else if let Some(list) = self.values.get_mut(unit) {
                bump_ordered(list, &v, false);
                if list.is_empty() {
                    self.values.remove(unit);
                }
            }
        }
        if let Some(d) = &m.description {
            bump(&mut self.descriptions, d, add);
        }
        if let Some(b) = &m.basis {
            bump(&mut self.bases, b, add);
        }
        if let Some(l) = m.level1 {
            bump_ordered(&mut self.level1, &l, add);
        }
        if let Some(l) = m.level2 {
            bump_ordered(&mut self.level2, &l, add);
        }
        if let Some(r) = m.reverse {
            let n = &mut self.directions[usize::from(r)];
            if add {
                *n += 1;
            } else {
                *n -= 1;
            }
        }
    }
}

/// How many distinct keys the maps hold together.
fn union_len<K: std::hash::Hash + Eq>(maps: &[&HashMap<K, usize>]) -> usize {
    match maps {
        [a] => a.len(),
        [a, b] => {
            let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
            large.len() + small.keys().filter(|k| !large.contains_key(*k)).count()
        }
        _ => {
            let mut seen: HashSet<&K> = HashSet::new();
            for m in maps {
                seen.extend(m.keys());
            }
            seen.len()
        }
    }
}

/// The sectors of the departments of several counts, each with its departments, most first
/// (ties by name): the largest counts' own tally, plus the departments only the others have.
fn sectors_of(counts: &[&Counts]) -> Vec<(&'static str, usize)> {
    let mut per: HashMap<&'static str, usize> = HashMap::new();
    if let Some(base) = (0..counts.len()).max_by_key(|&i| counts[i].departments.len()) {
        per.clone_from(&counts[base].sectors);
        for (i, c) in counts.iter().enumerate().filter(|&(i, _)| i != base) {
            for (d, &(_, sector)) in &c.departments {
                let seen = counts[base].departments.contains_key(d) || counts[..i].iter().any(|e| e.departments.contains_key(d));
                if !seen {
                    *per.entry(sector).or_default() += 1;
                }
            }
        }
    }
    let mut v: Vec<(&'static str, usize)> = per.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    v
}

/// The counts of the maps added up, most used first (ties by the item), at most `limit`.
fn merged_most_used<K: Ord + Clone + std::hash::Hash + Eq>(maps: &[&HashMap<K, usize>], limit: usize) -> Vec<(K, usize)> {
    let total = |k: &K| maps.iter().map(|m| m.get(k).copied().unwrap_or(0)).sum::<usize>();
    let mut best: Vec<(&K, usize)> = Vec::new();
    let better = |a: &(&K, usize), b: &(&K, usize)| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0));
    for (m, map) in maps.iter().enumerate() {
        for k in map.keys() {
            if maps[..m].iter().any(|earlier| earlier.contains_key(k)) {
                continue;
            }
            let item = (k, total(k));
            if best.len() < limit {
                best.push(item);
                best.sort_by(better);
            } else if limit > 0 && better(&item, &best[limit - 1]).is_lt() {
                best[limit - 1] = item;
                best.sort_by(better);
            }
        }
    }
    best.into_iter().map(|(k, n)| (k.clone(), n)).collect()
}

/// All the items of the maps added up, most used first (ties by the item).
fn merged_all<K: Ord + Clone + std::hash::Hash + Eq>(maps: &[&HashMap<K, usize>]) -> Vec<(K, usize)> {
    let mut all: BTreeMap<&K, usize> = BTreeMap::new();
    for m in maps {
        for (k, n) in m.iter() {
            *all.entry(k).or_default() += n;
        }
    }
    let mut v: Vec<(K, usize)> = all.into_iter().map(|(k, n)| (k.clone(), n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

fn merged_first<K: Ord + Copy>(maps: &[&BTreeMap<K, usize>]) -> Option<K> {
    let mut all: BTreeMap<K, usize> = BTreeMap::new();
    for m in maps {
        for (k, n) in m.iter() {
            *all.entry(*k).or_default() += n;
        }
    }
    // Most used, ties by the smaller item (what `most_used` gives first).
    let mut best: Option<(K, usize)> = None;
    for (k, n) in all {
        if best.is_none_or(|(_, b)| n > b) {
            best = Some((k, n));
        }
    }
    best.map(|b| b.0)
}

/// The statistics of a counted multiset of values (sorted, normalised).
fn stats_of(unit: String, values: &BTreeMap<Decimal, usize>) -> ValueStats {
    let count: usize = values.values().sum();
    // The value at sorted position `i`.
    let at = |i: usize| -> Decimal {
        let mut seen = 0;
        for (v, n) in values {
            seen += n;
            if i < seen {
                return *v;
            }
        }
        Decimal::ZERO
    };
    let q = |p: &str| -> Decimal {
        let p: Decimal = p.parse().unwrap_or_default();
        let pos = p * Decimal::from(count - 1);
        let lo = pos.floor();
        let i = rust_decimal::prelude::ToPrimitive::to_usize(&lo).unwrap_or(0);
        let frac = pos - lo;
        let here = at(i);
        if i + 1 < count && !frac.is_zero() {
            let next = at(i + 1);
            (here + (next - here) * frac).normalize()
        } else {
            here.normalize()
        }
    };
    ValueStats {
        unit,
        count,
        min: at(0).normalize(),
        q1: q("0.25"),
        median: q("0.5"),
        q3: q("0.75"),
        max: at(count - 1).normalize(),
    }
}

/// The order of entries: most projects first, then by label (key and unit family only
/// break ties of equal labels, so the order is total).
fn entry_order(x: &Entry, y: &Entry) -> std::cmp::Ordering {
    y.projects
        .cmp(&x.projects)
        .then_with(|| x.label.cmp(&y.label))
        .then_with(|| x.key.cmp(&y.key))
        .then_with(|| x.unit_family.cmp(&y.unit_family))
}

impl Library {
    /// Groups every indicator of `projects` into entries.
    pub fn build(projects: &[SourceProject], options: Options) -> Library {
        let mut library = Library { options, ..Library::default() };
        library.update(projects, &[]);
        library
    }

    /// The entry (index in [`Library::entries`]) of indicator `index` of source `project`.
    pub fn placed(&self, project: usize, index: usize) -> Option<usize> {
        let m = self.sources.get(project)?.1.get(index)?.as_ref()?;
        self.slot_entry[m.slot as usize]
    }

    /// `placement()[project][indicator]`: the entry of every indicator of every source.
    pub fn placement(&self) -> Vec<Vec<Option<usize>>> {
        self.sources
            .iter()
            .map(|(_, rows)| rows.iter().map(|m| m.as_ref().and_then(|m| self.slot_entry[m.slot as usize])).collect())
            .collect()
    }

    fn slot(&mut self, key: &str, family: &Option<String>) -> u32 {
        if let Some(&s) = self.slot_ids.get(key).and_then(|f| f.get(family)) {
            self.slots[s as usize].rows += 1;
            return s;
        }
        let s = match self.free_slots.pop() {
            Some(s) => s,
            None => {
                self.slots.push(Slot::default());
                self.slot_entry.push(None);
                (self.slots.len() - 1) as u32
            }
        };
        self.slots[s as usize].rows = 1;
        self.slot_ids.entry(key.to_string()).or_default().insert(family.clone(), s);
        s
    }

    fn member(&mut self, project: &SourceProject, department: &Arc<str>, sector: &'static str, ind: &Indicator) -> Option<Member> {
        let n = normalise(ind.level3_text());
        let key = meaning_key(&n.name);
        if key.is_empty() {
            return None;
        }
        let unit = row_unit(ind);
        let family = unit.as_deref().map(unit_family);
        let target = ind.target.as_ref().map(|t| &t.value);
        let text = |t: Option<&jixiao_model::Located<String>>| {
            t.map(|d| d.value.trim()).filter(|s| !s.is_empty()).map(str::to_string)
        };
        Some(Member {
            slot: self.slot(&key, &family),
            key,
            family,
            name: n.name,
            value: if unit.is_some() { target.and_then(|t| t.number()).map(|v| v.normalize()) } else { None },
            unit,
            department: department.clone(),
            sector,
            year: project.year,
            description: text(ind.description.as_ref()),
            basis: text(ind.basis.as_ref()),
            level1: ind.level1_category(project.framework),
            level2: ind.level2.category,
            reverse: target.and_then(|t| t.direction()).map(|d| d == Direction::Reverse),
        })
    }

    /// Brings the library up to date with `projects`, the sources as they are now, given
    /// where each former source went: `moved[old] = Some(new)` when the source at `old` is
    /// unchanged at `new`, `None` when it was removed or changed (a changed source is one
    /// removed and one added). Every source of `projects` that no `moved` names is added.
    /// The rows of removed sources are taken from their keys' counts and those of added ones
    /// counted in; only the entries of the keys so touched are made again (from the counts,
    /// not the rows); the result equals [`Library::build`] of `projects`.
    pub fn update(&mut self, projects: &[SourceProject], moved: &[Option<usize>]) {
        let added = crate::added_sources(projects.len(), moved);
        let mut touched: HashSet<String> = HashSet::new();
        // The entries whose rows leave are stale (their index, before anything moves).
        let mut stale: Vec<usize> = Vec::new();
        let mut forget = |library: &mut Library, (serial, rows): (u64, Vec<Option<Member>>)| {
            for m in rows.into_iter().flatten() {
                stale.extend(library.slot_entry[m.slot as usize]);
                library.forget(&m, serial);
                if !touched.contains(&m.key) {
                    touched.insert(m.key);
                }
            }
        };
        let in_place = moved.len() == projects.len() && moved.iter().enumerate().all(|(k, m)| m.is_none_or(|n| n == k));
        if in_place {
            // No source moves (an edit): only the changed ones are taken out.
            for (k, _) in moved.iter().enumerate().filter(|(_, m)| m.is_none()) {
                let source = std::mem::take(&mut self.sources[k]);
                forget(self, source);
            }
        } else {
            let old_sources = std::mem::take(&mut self.sources);
            let mut sources: Vec<(u64, Vec<Option<Member>>)> = vec![(0, Vec::new()); projects.len()];
            for (old, source) in old_sources.into_iter().enumerate() {
                match moved.get(old).copied().flatten() {
                    Some(new) => sources[new] = source,
                    None => forget(self, source),
                }
            }
            self.sources = sources;
        }
        for (p, project) in projects.iter().enumerate().filter(|(p, _)| added[*p]) {
            let serial = self.next_serial;
            self.next_serial += 1;
            let mut rows = Vec::with_capacity(project.indicators.len());
            let department: Arc<str> = Arc::from(project.department.as_str());
            let sector = match self.department_sectors.get(&project.department) {
                Some(&s) => s,
                None => {
                    let s = sector_of(&project.department);
                    self.department_sectors.insert(project.department.clone(), s);
                    s
                }
            };
            for ind in &project.indicators {
                let member = self.member(project, &department, sector, ind);
                if let Some(m) = &member {
                    if !self.keys.contains_key(&m.key) {
                        self.keys.insert(m.key.clone(), KeyCounts::default());
                    }
                    let families = &mut self.keys.get_mut(&m.key).expect("inserted above").families;
                    if !families.contains_key(&m.family) {
                        families.insert(m.family.clone(), Counts::default());
                    }
                    let counts = families.get_mut(&m.family).expect("inserted above");
                    counts.count(m, serial, true);
                    if !touched.contains(&m.key) {
                        touched.insert(m.key.clone());
                    }
                }
                rows.push(member);
            }
            self.sources[p] = (serial, rows);
        }
        // The entries of untouched keys stay as they are; every entry of a touched key is
        // made again (a family's label and the rows without a unit depend on the others).
        for key in &touched {
            for s in self.slot_ids.get(key).into_iter().flat_map(|f| f.values()) {
                stale.extend(self.slot_entry[*s as usize]);
            }
        }
        let mut fresh: Vec<(Entry, Vec<u32>)> = Vec::new();
        for key in &touched {
            if let Some(counts) = self.keys.get(key) {
                fresh.extend(self.entries_of(key, counts));
            }
        }
        fresh.sort_by(|a, b| entry_order(&a.0, &b.0));
        let mut is_stale = vec![false; self.entries.len()];
        for k in stale {
            is_stale[k] = true;
        }
        // The kept entries are in order already: one pass merges the new ones in.
        let old_entries = std::mem::take(&mut self.entries);
        let old_slots = std::mem::take(&mut self.entry_slots);
        let mut entries = Vec::with_capacity(old_entries.len() + fresh.len());
        let mut entry_slots = Vec::with_capacity(old_entries.len() + fresh.len());
        let mut fresh = fresh.into_iter().peekable();
        let mut push = |entry: Entry, slots: Vec<u32>, slot_entry: &mut Vec<Option<usize>>| {
            for &s in &slots {
                slot_entry[s as usize] = Some(entries.len());
            }
            entries.push(entry);
            entry_slots.push(slots);
        };
        for ((entry, slots), stale) in old_entries.into_iter().zip(old_slots).zip(is_stale) {
            if stale {
                continue;
            }
            while let Some((e, s)) = fresh.next_if(|f| entry_order(&f.0, &entry).is_lt()) {
                push(e, s, &mut self.slot_entry);
            }
            push(entry, slots, &mut self.slot_entry);
        }
        for (e, s) in fresh {
            push(e, s, &mut self.slot_entry);
        }
        self.entries = entries;
        self.entry_slots = entry_slots;
    }

    /// Takes a removed row out of its key's counts and its slot.
    fn forget(&mut self, m: &Member, serial: u64) {
        if let Some(key) = self.keys.get_mut(&m.key) {
            if let Some(counts) = key.families.get_mut(&m.family) {
                counts.count(m, serial, false);
                if counts.rows == 0 {
                    key.families.remove(&m.family);
                }
            }
            if key.families.is_empty() {
                self.keys.remove(&m.key);
            }
        }
        let slot = &mut self.slots[m.slot as usize];
        slot.rows -= 1;
        if slot.rows == 0 {
            self.slot_entry[m.slot as usize] = None;
            if let Some(families) = self.slot_ids.get_mut(&m.key) {
                families.remove(&m.family);
                if families.is_empty() {
                    self.slot_ids.remove(&m.key);
                }
            }
            self.free_slots.push(m.slot);
        }
    }

    /// The entries of one meaning key (one per unit family) with the slots of each: the
    /// rows without a unit join the key's most used unit family.
    fn entries_of(&self, key: &str, counts: &KeyCounts) -> Vec<(Entry, Vec<u32>)> {
        let slot = |family: &Option<String>| self.slot_ids[key][family];
        let unitless = counts.families.get(&None);
        // The most used family, ties by the family.
        let mut main: Option<(&String, usize)> = None;
        for (f, c) in &counts.families {
            if let Some(f) = f {
                if main.is_none_or(|(_, n)| c.rows > n) {
                    main = Some((f, c.rows));
                }
            }
        }
        let Some((main, _)) = main else {
            return unitless
                .map(|c| vec![(self.entry(key, None, &[c], false), vec![slot(&None)])])
                .unwrap_or_default();
        };
        let several = counts.families.keys().filter(|f| f.is_some()).count() > 1;
        counts
            .families
            .iter()
            .filter_map(|(f, c)| Some((f.as_ref()?, c)))
            .map(|(f, c)| {
                let family = Some(f.clone());
                match unitless {
                    Some(u) if f == main => {
                        (self.entry(key, family.clone(), &[c, u], several), vec![slot(&family), slot(&None)])
                    }
                    _ => (self.entry(key, family.clone(), &[c], several), vec![slot(&family)]),
                }
            })
            .collect()
    }

    fn entry(&self, key: &str, unit_family: Option<String>, counts: &[&Counts], several: bool) -> Entry {
        let wordings = merged_all(&counts.iter().map(|c| &c.wordings).collect::<Vec<_>>());
        let name = if key.ends_with("满意度") {
            key.to_string()
        } else {
            wordings[0].0.clone()
        };
        let label = match (&unit_family, several) {
            (Some(f), true) => format!("{name}（{f}）"),
            _ => name.clone(),
        };
        // A department has one sector (its name's): the sectors' departments add up to all.
        let sectors = sectors_of(counts);
        let departments = sectors.iter().map(|s| s.1).sum();
        let projects = union_len(&counts.iter().map(|c| &c.projects).collect::<Vec<_>>());
        let years: BTreeSet<i32> = counts.iter().flat_map(|c| c.years.keys().copied()).collect();
        let mut values: BTreeMap<&String, BTreeMap<Decimal, usize>> = BTreeMap::new();
        for c in counts {
            for (unit, list) in &c.values {
                let merged = values.entry(unit).or_default();
                for (v, n) in list {
                    *merged.entry(*v).or_default() += n;
                }
            }
        }
        let mut values: Vec<ValueStats> = values.into_iter().map(|(u, v)| stats_of(u.clone(), &v)).collect();
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.unit.cmp(&b.unit)));
        let texts = |f: fn(&Counts) -> &HashMap<String, usize>| -> Vec<String> {
            merged_most_used(&counts.iter().map(|c| f(c)).collect::<Vec<_>>(), 3).into_iter().map(|(s, _)| s).collect()
        };
        let directions = counts.iter().fold([0, 0], |d, c| [d[0] + c.directions[0], d[1] + c.directions[1]]);
        Entry {
            label,
            name,
            key: key.to_string(),
            unit_family,
            level1: merged_first(&counts.iter().map(|c| &c.level1).collect::<Vec<_>>()),
            level2: merged_first(&counts.iter().map(|c| &c.level2).collect::<Vec<_>>()),
            direction: match directions {
                [0, 0] => None,
                [p, r] if r > p => Some(Direction::Reverse),
                _ => Some(Direction::Positive),
            },
            rows: counts.iter().map(|c| c.rows).sum(),
            departments,
            common: sectors.len() >= self.options.common_min_sectors,
            sectors,
            projects,
            years: years.into_iter().collect(),
            wordings,
            values,
            descriptions: texts(|c| &c.descriptions),
            bases: texts(|c| &c.bases),
        }
    }

    /// Entries whose name or a wording contains `word` (white space and full-width forms
    /// ignored), most used first.
    pub fn search(&self, word: &str) -> Vec<&Entry> {
        let w = normalise(word).name;
        if w.is_empty() {
            return Vec::new();
        }
        self.entries
            .iter()
            .filter(|e| e.label.contains(&w) || e.key.contains(&w) || e.wordings.iter().any(|(x, _)| x.contains(&w)))
            .collect()
    }

    /// The entry `show` names: its label, else its name, else the key of the words given.
    pub fn find(&self, name: &str) -> Result<&Entry, LibraryError> {
        let name = name.trim();
        if let Some(e) = self.entries.iter().find(|e| e.label == name) {
            return Ok(e);
        }
        let key = meaning_key(&normalise(name).name);
        let found: Vec<&Entry> = self.entries.iter().filter(|e| e.name == name || e.key == key).collect();
        match found.as_slice() {
            [] => Err(LibraryError::NoSuchEntry(name.to_string())),
            [one] => Ok(one),
            many => Err(LibraryError::Ambiguous(
                name.to_string(),
                many.iter().map(|e| e.label.as_str()).collect::<Vec<_>>().join("、"),
            )),
        }
    }
}

impl ValueStats {
    /// `%：4个，最小90，下四分位90，中位95，上四分位97.5，最大100`.
    pub fn line(&self) -> String {
        format!(
            "{}：{}个，最小{}，下四分位{}，中位{}，上四分位{}，最大{}",
            self.unit, self.count, self.min, self.q1, self.median, self.q3, self.max
        )
    }
}

impl Entry {
    /// One line for lists.
    pub fn line(&self) -> String {
        let levels = match (self.level1, self.level2) {
            (Some(a), Some(b)) => format!("{}/{}", a.name(), b.name()),
            (Some(a), None) => a.name().to_string(),
            (None, Some(b)) => b.name().to_string(),
            (None, None) => "未分类".to_string(),
        };
        let years: Vec<String> = self.years.iter().map(i32::to_string).collect();
        format!(
            "{}｜{}｜{}个部门（{}个行业） {}个项目｜{}｜{}",
            self.label,
            levels,
            self.departments,
            self.sectors.len(),
            self.projects,
            if years.is_empty() { "年度不详".to_string() } else { years.join("、") },
            if self.common { "共性" } else { "个性" }
        )
    }

    /// `应急（3个部门）、民政（1个部门）`: the sectors and their departments.
    pub fn sectors_line(&self) -> String {
        self.sectors.iter().map(|(s, n)| format!("{s}（{n}个部门）")).collect::<Vec<_>>().join("、")
    }

    /// The entry in full, for `show`.
    pub fn describe(&self) -> String {
        let mut out = format!("{}\n", self.line());
        if !self.sectors.is_empty() {
            out.push_str(&format!("行业：{}\n", self.sectors_line()));
        }
        let dir = match self.direction {
            Some(Direction::Positive) => "正向",
            Some(Direction::Reverse) => "反向",
            None => "定性或不详",
        };
        out.push_str(&format!("方向：{dir}；共{}行\n", self.rows));
        out.push_str("指标值分布：\n");
        if self.values.is_empty() {
            out.push_str("  （无定量指标值）\n");
        }
        for v in &self.values {
            out.push_str(&format!("  {}\n", v.line()));
        }
        out.push_str("不同写法：\n");
        for (w, n) in self.wordings.iter().take(10) {
            out.push_str(&format!("  {w}（{n}次）\n"));
        }
        for (title, list) in [("常见指标解释", &self.descriptions), ("常见指标值确定依据", &self.bases)] {
            if !list.is_empty() {
                out.push_str(&format!("{title}：\n"));
                for d in list {
                    out.push_str(&format!("  {d}\n"));
                }
            }
        }
        out
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use jixiao_model::{IndicatorLevel, Located, Origin, Target};

    pub fn indicator(l1: &str, l2: &str, l3: &str, target: &str) -> Indicator {
        let at = Origin::line(1);
        Indicator {
            level1: IndicatorLevel { category: Level1::from_printed(l1), printed: Located::new(l1.into(), at), inherited: false },
            level2: IndicatorLevel { category: Level2::from_printed(l2), printed: Located::new(l2.into(), at), inherited: false },
            level3: Some(Located::new(l3.into(), at)),
            description: None,
            target: (!target.is_empty()).then(|| Located::new(Target::parse(target), at)),
            basis: None,
            weight: None,
            evaluation: None,
            at,
        }
    }

    pub fn project(dept: &str, year: i32, name: &str, rows: &[(&str, &str, &str, &str)]) -> SourceProject {
        SourceProject {
            department: dept.into(),
            year: Some(year),
            name: name.into(),
            indicators: rows.iter().map(|r| indicator(r.0, r.1, r.2, r.3)).collect(),
            ..SourceProject::default()
        }
    }

    /// Gives rows their 指标解释 and 指标值确定依据 (`(row, description, basis)`, "" for none).
    pub fn explain(mut p: SourceProject, texts: &[(usize, &str, &str)]) -> SourceProject {
        let at = Origin::line(1);
        for &(row, description, basis) in texts {
            let ind = &mut p.indicators[row];
            ind.description = (!description.is_empty()).then(|| Located::new(description.into(), at));
            ind.basis = (!basis.is_empty()).then(|| Located::new(basis.into(), at));
        }
        p
    }

    /// Real rows of the goldens (应急、民政、财政、农业 documents), with the descriptions and
    /// bases printed beside such rows.
    pub fn sample() -> Vec<SourceProject> {
        const SAT: &str = "满意度指标";
        const SERV: &str = "服务对象满意度指标";
        const COVERAGE: &str = "执法检查量占应覆盖对象数量的比率";
        const PUBLICITY: &str = "群众对当年安全生产宣传的整体满意度";
        vec![
            explain(
                project("临西县应急管理局", 2022, "安全生产宣传培训", &[
                    ("产出指标", "数量指标", "宣传活动开展的数量（次）", "≥4次"),
                    ("产出指标", "数量指标", "制作与发放外宣品的数量（份）", "≥2000份"),
                    ("产出指标", "质量指标", "执法检查覆盖率（%）", "100%"),
                    (SAT, SERV, "群众满意度", "≥90%"),
                ]),
                &[(0, "宣传的次数情况", "临安办【2019】11"), (2, COVERAGE, "临安办[2019]10号"), (3, PUBLICITY, "临西办字【2019】6号")],
            ),
            explain(
                project("临西县应急管理局", 2023, "安全生产宣传培训", &[
                    ("产出指标", "数量指标", "宣传活动开展的数量（次）", "≥6次"),
                    ("产出指标", "质量指标", "执法检查覆盖率（%）", "100%"),
                    (SAT, SERV, "服务对象满意度", "≥95%"),
                ]),
                &[(1, COVERAGE, " 临安办[2019]10号 "), (2, PUBLICITY, "临西办字【2019】6号")],
            ),
            explain(
                project("某县民政局", 2019, "农村低保", &[
                    ("产出指标", "数量指标", "★★★农村低保发放人数(按月平均)(≥**人)", "≥3200人"),
                    ("产出指标", "成本指标", "★农村低保标准(≥**元/人·月)", "≥400元/人·月"),
                    (SAT, SERV, "★受助对象满意度(≥**%)", "≥90%"),
                    (SAT, SERV, "受益群众满意度", "≥92%"),
                ]),
                &[(3, "群众对救助的满意率", "")],
            ),
            explain(
                project("某县财政局", 2021, "物业管理", &[
                    ("产出指标", "成本指标", "指标1:项目总成本(≤**万元)", "≤1125万元"),
                    (SAT, SERV, "满意度", "高"),
                ]),
                &[(1, "群众满意数量占总数的比例", "群众满意度")],
            ),
            explain(
                project("某县农业农村局", 2022, "农村住房保险", &[
                    ("产出指标", "成本指标", "项目总成本", "≤20万元"),
                    ("产出指标", "数量指标", "农村住房保险对象人数（按年平均）", "≥5000人"),
                    (SAT, SERV, "农户对住房保险对象满意度", "≥90%"),
                    (SAT, SERV, "社会公众满意度(必填硬性指标)", "≥85%"),
                ]),
                &[(1, "农村住房保险对象的户数", "冀民[2018]120号"), (3, "接受基本建设的企业对提供服务的满意程度", "冀民[2018]120号")],
            ),
        ]
    }

    #[test]
    fn entries_of_real_rows() {
        let lib = Library::build(&sample(), Options::default());
        let lines: Vec<String> = lib.entries.iter().map(Entry::line).collect();
        assert_eq!(
            lines,
            [
                "服务对象满意度｜满意度指标/服务对象满意度指标｜4个部门（4个行业） 5个项目｜2019、2021、2022、2023｜共性",
                "宣传活动开展的数量｜产出指标/数量指标｜1个部门（1个行业） 2个项目｜2022、2023｜个性",
                "执法检查覆盖率｜产出指标/质量指标｜1个部门（1个行业） 2个项目｜2022、2023｜个性",
                "项目总成本｜产出指标/成本指标｜2个部门（2个行业） 2个项目｜2021、2022｜个性",
                "农户满意度｜满意度指标/服务对象满意度指标｜1个部门（1个行业） 1个项目｜2022｜个性",
                "农村低保发放人数(按月平均)｜产出指标/数量指标｜1个部门（1个行业） 1个项目｜2019｜个性",
                "农村低保标准｜产出指标/成本指标｜1个部门（1个行业） 1个项目｜2019｜个性",
                "农村住房保险对象人数(按年平均)｜产出指标/数量指标｜1个部门（1个行业） 1个项目｜2022｜个性",
                "制作与发放外宣品的数量｜产出指标/数量指标｜1个部门（1个行业） 1个项目｜2022｜个性",
                "救助对象满意度｜满意度指标/服务对象满意度指标｜1个部门（1个行业） 1个项目｜2019｜个性",
            ]
        );
        // The 满意度 wordings of four departments of four sectors: 共性. The most used
        // descriptions and bases, at most three, ties by the text; the 财政局's row without a
        // unit brings its own.
        let sat = lib.find("群众满意度").unwrap();
        assert_eq!(sat.sectors, [("农业", 1), ("应急", 1), ("民政", 1), ("财政", 1)]);
        assert_eq!(
            sat.describe(),
            "服务对象满意度｜满意度指标/服务对象满意度指标｜4个部门（4个行业） 5个项目｜2019、2021、2022、2023｜共性\n\
             行业：农业（1个部门）、应急（1个部门）、民政（1个部门）、财政（1个部门）\n\
             方向：正向；共5行\n\
             指标值分布：\n  %：4个，最小85，下四分位88.75，中位91，上四分位92.75，最大95\n\
             不同写法：\n  受益群众满意度（1次）\n  服务对象满意度（1次）\n  满意度（1次）\n  \
             社会公众满意度（1次）\n  群众满意度（1次）\n\
             常见指标解释：\n  群众对当年安全生产宣传的整体满意度\n  接受基本建设的企业对提供服务的满意程度\n  \
             群众对救助的满意率\n\
             常见指标值确定依据：\n  临西办字【2019】6号\n  冀民[2018]120号\n  群众满意度\n"
        );
        // One description and one basis twice (spaces around a basis trimmed).
        let coverage = lib.find("执法检查覆盖率").unwrap();
        assert_eq!((coverage.descriptions.as_slice(), coverage.bases.as_slice()), (&["执法检查量占应覆盖对象数量的比率".to_string()][..], &["临安办[2019]10号".to_string()][..]));
        assert!(coverage.describe().ends_with("常见指标解释：\n  执法检查量占应覆盖对象数量的比率\n常见指标值确定依据：\n  临安办[2019]10号\n"));
        // No row printed either: neither heading.
        let leaflets = lib.find("制作与发放外宣品的数量").unwrap();
        assert!(leaflets.descriptions.is_empty() && leaflets.bases.is_empty());
        assert!(!leaflets.describe().contains("常见指标"), "{}", leaflets.describe());
        // A description without a basis.
        let people = lib.find("农村住房保险对象人数(按年平均)").unwrap();
        assert_eq!((people.descriptions.clone(), people.bases.clone()), (vec!["农村住房保险对象的户数".to_string()], vec!["冀民[2018]120号".to_string()]));
        // 元 and 万元 are one family; the value keeps its unit.
        let cost = lib.find("项目总成本").unwrap();
        assert_eq!(cost.unit_family.as_deref(), Some("元"));
        assert_eq!(cost.values[0].line(), "万元：2个，最小20，下四分位296.25，中位572.5，上四分位848.75，最大1125");
        assert_eq!(lib.placement()[3], [Some(3), Some(0)]);
        assert_eq!(lib.search("宣传").iter().map(|e| e.label.as_str()).collect::<Vec<_>>(), ["宣传活动开展的数量"]);
        assert_eq!(lib.find("不存在的指标"), Err(LibraryError::NoSuchEntry("不存在的指标".into())));
    }

    #[test]
    fn a_name_with_two_unit_families_makes_two_entries() {
        let lib = Library::build(
            &[
                project("某县民政局", 2022, "甲", &[("产出指标", "数量指标", "培训人数", "≥100人")]),
                project("某县财政局", 2022, "乙", &[("产出指标", "数量指标", "培训人数", "≥3次")]),
                project("某县农业农村局", 2022, "丙", &[("产出指标", "数量指标", "培训人数", "≥50人")]),
            ],
            Options { common_min_sectors: 2 },
        );
        let labels: Vec<&str> = lib.entries.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["培训人数（人）", "培训人数（次）"]);
        assert!(lib.entries[0].common && !lib.entries[1].common);
        assert!(matches!(lib.find("培训人数"), Err(LibraryError::Ambiguous(..))));
        assert_eq!(lib.find("培训人数（次）").unwrap().values[0].line(), "次：1个，最小3，下四分位3，中位3，上四分位3，最大3");
    }

    #[test]
    fn common_means_used_in_several_sectors() {
        let row = |target| [("产出指标", "质量指标", "隐患整改率（%）", target)];
        // Four departments of one sector (应急: the seeds' 应急管理局 and a 地震局): 个性,
        // however many departments.
        let mut ps = vec![
            project("临西县应急管理局", 2022, "安全生产执法检查", &row("≥90%")),
            project("门源县应急管理局", 2023, "安全生产监管", &row("≥95%")),
            project("石家庄高新技术产业开发区应急管理局", 2020, "安全生产执法", &row("≥90%")),
            project("宣城市地震局", 2021, "地震安全性评价监管", &row("100%")),
        ];
        let line = |ps: &[SourceProject], options: Options| Library::build(ps, options).entries[0].line();
        assert_eq!(line(&ps[..], Options::default()), "隐患整改率｜产出指标/质量指标｜4个部门（1个行业） 4个项目｜2020、2021、2022、2023｜个性");
        assert_eq!(Library::build(&ps, Options::default()).entries[0].sectors, [("应急", 4)]);
        // A 市场监督管理局 makes two sectors: 共性 only where two are enough.
        ps.push(project("遂宁市安居区市场监督管理局", 2021, "特种设备安全监察", &row("100%")));
        assert_eq!(line(&ps[..], Options::default()), "隐患整改率｜产出指标/质量指标｜5个部门（2个行业） 5个项目｜2020、2021、2022、2023｜个性");
        assert!(Library::build(&ps, Options { common_min_sectors: 2 }).entries[0].common);
        // A 住房和建设局, the third sector: 共性, the departments still counted per sector.
        ps.push(project("罗湖区住房和建设局", 2022, "燃气安全检查", &row("≥98%")));
        let lib = Library::build(&ps, Options::default());
        assert_eq!(lib.entries[0].line(), "隐患整改率｜产出指标/质量指标｜6个部门（3个行业） 6个项目｜2020、2021、2022、2023｜共性");
        assert!(
            lib.entries[0].describe().starts_with(&format!("{}\n行业：应急（4个部门）、住建（1个部门）、市场监管（1个部门）\n", lib.entries[0].line())),
            "{}",
            lib.entries[0].describe()
        );
        // A department of no known sector is 其他, one sector more; one with no name, none.
        ps.truncate(5);
        ps.push(project("澧县食用菌研究所", 2022, "安全生产", &row("100%")));
        ps.push(project("", 2022, "安全生产", &row("100%")));
        let e = &Library::build(&ps, Options::default()).entries[0];
        assert_eq!((e.departments, e.sectors.clone(), e.common), (6, vec![("应急", 4), ("其他", 1), ("市场监管", 1)], true));
    }

    #[test]
    fn percentiles_are_exact() {
        let v: Vec<Decimal> = [1, 2, 3, 4].into_iter().map(Decimal::from).collect();
        assert_eq!(percentile(&v, "0.25".parse().unwrap()).to_string(), "1.75");
        assert_eq!(percentile(&v, Decimal::ONE).to_string(), "4");
        assert_eq!(percentile(&v, Decimal::ZERO).to_string(), "1");
    }
}
