//! The indicator library (指标库) as the service shows it: built from the store on demand,
//! from exactly what the caller may see, and cached until the next write.
//!
//! - **What it is built from.** [`Store::visible_model_projects`] with the caller's
//!   [`Visibility`]: admins and reviewers see every current project, a 部门填报员 their own
//!   department's unpublished projects and everyone's approved ones, the public approved ones
//!   only. An entry, a value distribution, a suggestion or a peer benchmark therefore never
//!   rests on a draft the caller may not read.
//! - **Kept current.** A snapshot per visibility is cached with the store's change stamp (the
//!   last audit entry and the last imported revision: every write through jixiao adds one) and
//!   the service's own write generation (bumped after every successful write request). A read
//!   whose stamp or generation differs asks the store what changed since the snapshot's stamp
//!   ([`Store::library_changes`]: the documents the audit entries after the snapshot's
//!   [`ChangeMark`] touched, those it had not seen — a write committed out of id order —
//!   included) and updates the
//!   snapshot for those documents only ([`Snapshot::updated`]); organisation changes, bulk
//!   approvals and changes of more than a tenth of the sources build it anew. There is no
//!   snapshot older than the last write, and an updated one equals one built anew.
//! - **Bounded.** One build at a time (later readers of the same visibility wait for it and
//!   reuse it), at most [`MAX_CACHED`] visibilities kept, the grouping on a blocking thread.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use jixiao_library::{Benchmarks, Thresholds};
use jixiao_rules::Finding;
use jixiao_library::{Draft, Entry, Library, Options, SimilarityIndex, SourceProject, Suggestion};
use jixiao_model::{Framework, Level1};
use jixiao_store::domain::{ChangeMark, LibraryChanges, VisibleProject};
use jixiao_store::{Project, Store, StoreError, Visibility};
use serde::Serialize;

/// Fills what a suggestion request left empty (name, purpose, goals) from the stored project
/// it names — the caller has already been allowed to read it.
pub async fn complete_draft(store: &Store, draft: &mut Draft, project: &Project) -> Result<(), StoreError> {
    if draft.name.is_empty() {
        draft.name = project.name.clone();
    }
    if draft.purpose.is_empty() {
        draft.purpose = project.purpose.clone().unwrap_or_default();
    }
    if draft.goals.is_empty() {
        draft.goals = store.goals_of(project.id).await?;
    }
    Ok(())
}

/// Visibilities kept at once (one per department with a signed-in filler, plus two).
pub const MAX_CACHED: usize = 64;

/// Peers a target needs before `JX-B003` compares it with them (`Thresholds::default`).
pub const MIN_PEERS: usize = 10;

/// The library of what one reader may see.
pub struct Snapshot {
    pub sources: Vec<SourceProject>,
    /// The store's project id of each source.
    pub ids: Vec<i64>,
    /// The store's department id of each source (`None`: the document names none).
    pub departments: Vec<Option<i64>>,
    /// The store's document id of each source.
    pub documents: Vec<i64>,
    pub library: Library,
    pub index: SimilarityIndex,
    /// The rules' settings the benchmark checks run with (the review configuration's
    /// `[rules.JX-B003]` and the like).
    rules: Arc<jixiao_rules::Settings>,
    benchmarks: OnceLock<Benchmarks>,
    identities: OnceLock<Vec<jixiao_library::compare::ProjectIdentity>>,
    /// The department comparison of each year asked for, kept as long as the snapshot: it
    /// is rebuilt after any write, so they never outlive what they sum up (`crate::compare`).
    pub(crate) department_comparisons: std::sync::Mutex<HashMap<i32, Arc<crate::compare::DepartmentComparison>>>,
}

/// The library's sources, in the order of `rows`: the department's name, else empty; the
/// framework of the project's document (2021 when any of its indicators is 一级 成本指标).
pub fn sources(rows: Vec<VisibleProject>) -> (Vec<SourceProject>, Vec<i64>) {
    let mut guideline: HashMap<i64, bool> = HashMap::new();
    for r in &rows {
        let cost = r.project.indicators.iter().any(|i| i.level1.category == Some(Level1::Cost));
        *guideline.entry(r.document_id).or_default() |= cost;
    }
    rows.into_iter()
        .map(|r| {
            let framework = if guideline.get(&r.document_id).copied().unwrap_or(false) {
                Framework::Guideline2021
            } else {
                Framework::Classic
            };
            let p = r.project;
            let source = SourceProject {
                department: r.department.unwrap_or_default(),
                year: r.year.and_then(|y| i32::try_from(y).ok()),
                code: p.code.map(|c| c.value),
                name: p.name.value,
                purpose: p.purpose.map(|x| x.value),
                goals: p.goals.into_iter().map(|g| g.value).collect(),
                budget: p.budget.total.map(|m| m.value.decimal()),
                framework,
                indicators: p.indicators,
            };
            (source, r.id)
        })
        .unzip()
}

/// What a snapshot holds besides its rules and its lazily computed parts.
struct Parts {
    sources: Vec<SourceProject>,
    ids: Vec<i64>,
    departments: Vec<Option<i64>>,
    documents: Vec<i64>,
    library: Library,
    index: SimilarityIndex,
}

impl Snapshot {
    pub fn new(sources: Vec<SourceProject>, ids: Vec<i64>) -> Snapshot {
        let library = Library::build(&sources, Options::default());
        let index = SimilarityIndex::new(&sources);
        let (departments, documents) = (vec![None; ids.len()], vec![0; ids.len()]);
        Snapshot::assembled(Parts { sources, ids, departments, documents, library, index }, Arc::default())
    }

    /// A snapshot of these parts with nothing computed lazily yet (the one place that
    /// starts the lazy parts empty, so no constructor can forget one).
    fn assembled(parts: Parts, rules: Arc<jixiao_rules::Settings>) -> Snapshot {
        let Parts { sources, ids, departments, documents, library, index } = parts;
        Snapshot {
            sources,
            ids,
            departments,
            documents,
            library,
            index,
            rules,
            benchmarks: OnceLock::new(),
            identities: OnceLock::new(),
            department_comparisons: std::sync::Mutex::new(HashMap::new()),
        }
    }

    /// The same snapshot, its benchmark checks run with `rules` (nothing computed yet).
    pub fn with_rules(self, rules: Arc<jixiao_rules::Settings>) -> Snapshot {
        Snapshot { rules, benchmarks: OnceLock::new(), ..self }
    }

    /// The same sources, library and index, with nothing computed lazily yet.
    fn copy(&self) -> Snapshot {
        let parts = Parts {
            sources: self.sources.clone(),
            ids: self.ids.clone(),
            departments: self.departments.clone(),
            documents: self.documents.clone(),
            library: self.library.clone(),
            index: self.index.clone(),
        };
        Snapshot::assembled(parts, self.rules.clone())
    }

    /// The snapshot after `changes`: the sources of the changed documents (and projects)
    /// leave, their current visible projects come in at their place in id order, and the
    /// library and the similarity index are updated for those only (`Library::update`,
    /// `SimilarityIndex::update`: equal to building them from the new sources). What is
    /// computed lazily (benchmarks, identities, department comparisons) starts afresh.
    pub fn updated(self, changes: LibraryChanges) -> Snapshot {
        let mut documents = changes.documents.clone();
        documents.sort_unstable();
        let mut projects = changes.projects.clone();
        projects.sort_unstable();
        let gone: Vec<usize> = (0..self.ids.len())
            .filter(|&k| documents.binary_search(&self.documents[k]).is_ok() || projects.binary_search(&self.ids[k]).is_ok())
            .collect();
        // The same projects read again (an edit, a workflow step): nothing moves, so the
        // 135k sources of 1 M indicators are not put together again.
        let same_projects = gone.len() == changes.rows.len() && gone.iter().zip(&changes.rows).all(|(&k, r)| self.ids[k] == r.id);
        if same_projects {
            self.replaced(&gone, changes.rows)
        } else {
            self.merged(&documents, &projects, changes.rows)
        }
    }

    /// [`Snapshot::updated`] when `rows` are the projects at `at` read again.
    fn replaced(self, at: &[usize], rows: Vec<VisibleProject>) -> Snapshot {
        let Snapshot {
            sources: mut kept,
            ids,
            mut departments,
            mut documents,
            mut library,
            mut index,
            rules,
            ..
        } = self;
        let fresh_departments: Vec<Option<i64>> = rows.iter().map(|r| r.department_id).collect();
        let fresh_documents: Vec<i64> = rows.iter().map(|r| r.document_id).collect();
        let (fresh_sources, _) = sources(rows);
        let mut moved: Vec<Option<usize>> = (0..kept.len()).map(Some).collect();
        let mut index_moved = moved.clone();
        for (((&k, s), dep), doc) in at.iter().zip(fresh_sources).zip(fresh_departments).zip(fresh_documents) {
            let before = std::mem::replace(&mut kept[k], s);
            if before != kept[k] || departments[k] != dep || documents[k] != doc {
                moved[k] = None;
                if !SimilarityIndex::indexes_alike(&before, &kept[k]) {
                    index_moved[k] = None;
                }
            }
            departments[k] = dep;
            documents[k] = doc;
        }
        library.update(&kept, &moved);
        index.update(&kept, &index_moved);
        Snapshot::assembled(Parts { sources: kept, ids, departments, documents, library, index }, rules)
    }

    /// [`Snapshot::updated`] when projects come or go: the sources are merged in id order.
    fn merged(self, gone_documents: &[i64], gone_projects: &[i64], rows: Vec<VisibleProject>) -> Snapshot {
        let fresh_departments: Vec<Option<i64>> = rows.iter().map(|r| r.department_id).collect();
        let fresh_documents: Vec<i64> = rows.iter().map(|r| r.document_id).collect();
        let (fresh_sources, fresh_ids) = sources(rows);
        let mut fresh = fresh_sources
            .into_iter()
            .zip(fresh_ids)
            .zip(fresh_departments)
            .zip(fresh_documents)
            .map(|(((s, id), dep), doc)| (s, id, dep, doc))
            .peekable();
        let Snapshot {
            sources: old_sources,
            ids: old_ids,
            departments: old_departments,
            documents: old_documents,
            mut library,
            mut index,
            rules,
            ..
        } = self;
        let mut merged = Merged::with_capacity(old_sources.len() + fresh.len());
        let mut moved = Moved {
            library: vec![None; old_sources.len()],
            index: vec![None; old_sources.len()],
        };
        // The sources of changed documents, by id: one read again unchanged (the document's
        // other projects, a project now visible as before) keeps its place in the library.
        let mut replaced: HashMap<i64, (usize, Item)> = HashMap::new();
        let old = old_sources.into_iter().zip(old_ids).zip(old_departments).zip(old_documents);
        for (k, (((s, id), dep), doc)) in old.enumerate() {
            if gone_documents.binary_search(&doc).is_ok() || gone_projects.binary_search(&id).is_ok() {
                replaced.insert(id, (k, (s, id, dep, doc)));
                continue;
            }
            while let Some(f) = fresh.next_if(|f| f.1 < id) {
                merged.fresh(f, &mut replaced, &mut moved);
            }
            let at = merged.push((s, id, dep, doc));
            moved.library[k] = Some(at);
            moved.index[k] = Some(at);
        }
        for f in fresh {
            merged.fresh(f, &mut replaced, &mut moved);
        }
        let Merged { sources, ids, departments, documents } = merged;
        library.update(&sources, &moved.library);
        index.update(&sources, &moved.index);
        Snapshot::assembled(Parts { sources, ids, departments, documents, library, index }, rules)
    }

    /// Every benchmark finding of the snapshot (`JX-B001`…`B005`, rows located by source
    /// index), computed once on first use with the snapshot's rules' settings. They are not
    /// stored: they compare with other documents and change with them.
    pub fn benchmarks(&self) -> &Benchmarks {
        self.benchmarks.get_or_init(|| {
            let limits = Thresholds { min_peers: MIN_PEERS, ..Thresholds::default() };
            Benchmarks::check(&self.sources, &self.library, &self.rules, &limits)
        })
    }

    /// Every project's identity across years (code, department, name normalised), computed
    /// once: what the comparisons (`crate::compare`) match projects by.
    pub fn identities(&self) -> &[jixiao_library::compare::ProjectIdentity] {
        self.identities.get_or_init(|| crate::compare::identities_of(&self.sources))
    }

    /// The benchmark findings about the project with store id `id`, as shown for it: its
    /// department's statistics of its year (no project in the location), then its rows'
    /// (`Location::project` 0: the project asked for), with the project's name.
    pub fn benchmarks_of(&self, id: i64) -> (Vec<Finding>, String) {
        let Some(k) = self.ids.iter().position(|&x| x == id) else {
            return (Vec::new(), String::new());
        };
        let findings = self
            .benchmarks()
            .of_project(&self.sources, k)
            .into_iter()
            .map(|f| {
                let mut f = f.clone();
                f.location.project = f.location.project.map(|_| 0);
                f
            })
            .collect();
        (findings, self.sources[k].name.clone())
    }

    /// The entry named `label` (its label, else name, else the key of the words).
    pub fn entry(&self, label: &str) -> Result<(usize, &Entry), jixiao_library::LibraryError> {
        let e = self.library.find(label)?;
        let k = self.library.entries.iter().position(|x| std::ptr::eq(x, e)).unwrap_or(0);
        Ok((k, e))
    }

    /// The projects using entry `k`: (store id, source index, the targets they printed).
    pub fn users_of(&self, k: usize) -> Vec<(i64, usize, Vec<String>)> {
        let mut out = Vec::new();
        for (p, source) in self.sources.iter().enumerate() {
            let targets: Vec<String> = (0..source.indicators.len())
                .filter(|&i| self.library.placed(p, i) == Some(k))
                .map(|i| {
                    self.sources[p].indicators[i]
                        .target
                        .as_ref()
                        .map_or(String::new(), |t| t.value.printed.clone())
                })
                .collect();
            if !targets.is_empty() {
                out.push((self.ids[p], p, targets));
            }
        }
        out
    }

    /// Suggestions for a draft: the indicators of the (at most 5) most similar projects,
    /// leaving out the project `except` itself (a project page asks for its own).
    pub fn suggest(&self, draft: &Draft, except: Option<i64>, limit: usize) -> Vec<Suggestion> {
        // The same ranking over the others (the project's own rows still count in the
        // entries' typical values: they are what the library knows), without building an
        // index of the others (a clone of every source: seconds with 1 M indicators).
        let skip = except.and_then(|id| self.ids.iter().position(|&x| x == id));
        jixiao_library::suggest_without(&self.library, &self.sources, &self.index, draft, skip, 5, limit)
    }
}

/// Builds the library of what `seen` may see, uncached (the `jixiao library` command).
pub async fn build(store: &Store, seen: Visibility) -> Result<Snapshot, StoreError> {
    let rows = store.visible_model_projects(seen).await?;
    let built = tokio::task::spawn_blocking(move || {
        let departments: Vec<Option<i64>> = rows.iter().map(|r| r.department_id).collect();
        let documents: Vec<i64> = rows.iter().map(|r| r.document_id).collect();
        let (sources, ids) = sources(rows);
        Snapshot {
            departments,
            documents,
            ..Snapshot::new(sources, ids)
        }
    })
    .await;
    Ok(pure(built))
}

/// A source with its store ids: project, department, document.
type Item = (SourceProject, i64, Option<i64>, i64);

/// The sources of a snapshot being put together, in id order.
struct Merged {
    sources: Vec<SourceProject>,
    ids: Vec<i64>,
    departments: Vec<Option<i64>>,
    documents: Vec<i64>,
}

impl Merged {
    fn with_capacity(n: usize) -> Merged {
        Merged {
            sources: Vec::with_capacity(n),
            ids: Vec::with_capacity(n),
            departments: Vec::with_capacity(n),
            documents: Vec::with_capacity(n),
        }
    }

    /// Appends a source; its index.
    fn push(&mut self, (s, id, dep, doc): Item) -> usize {
        self.sources.push(s);
        self.ids.push(id);
        self.departments.push(dep);
        self.documents.push(doc);
        self.ids.len() - 1
    }

    /// Appends a source read again; when it equals the one it replaces, that one is moved
    /// here rather than removed and added (for the similarity index, when its text is the same).
    fn fresh(&mut self, item: Item, replaced: &mut HashMap<i64, (usize, Item)>, moved: &mut Moved) {
        let before = replaced.remove(&item.1);
        let at = self.push(item);
        if let Some((k, (s, _, dep, doc))) = before {
            if s == self.sources[at] && dep == self.departments[at] && doc == self.documents[at] {
                moved.library[k] = Some(at);
            }
            if SimilarityIndex::indexes_alike(&s, &self.sources[at]) {
                moved.index[k] = Some(at);
            }
        }
    }
}

/// Where each former source went, for the library and for the similarity index (which
/// reads only names, purposes and goals).
struct Moved {
    library: Vec<Option<usize>>,
    index: Vec<Option<usize>>,
}

/// The result of pure work on a blocking thread: a panic there is a defect, carried on as
/// the panic it was.
fn pure<T>(done: Result<T, tokio::task::JoinError>) -> T {
    done.unwrap_or_else(|e| match e.try_into_panic() {
        Ok(panic) => std::panic::resume_unwind(panic),
        Err(e) => panic!("构建指标库的线程被取消：{e}"),
    })
}

/// The most documents a change may touch for the snapshot to be updated rather than built
/// anew: a tenth of its sources (and at least 64).
pub fn max_changed_documents(sources: usize) -> usize {
    (sources / 10).max(64)
}

/// `previous` brought up to date with the store (updated in place when no reader holds it
/// any more, else a copy), or `None` when the store says the changes are too many or not
/// a few documents'.
async fn update(store: &Store, seen: Visibility, since: &ChangeMark, previous: Arc<Snapshot>) -> Result<Option<Snapshot>, StoreError> {
    let limit = max_changed_documents(previous.sources.len());
    let Some(changes) = store.library_changes(since, seen, limit).await? else {
        return Ok(None);
    };
    let updated = tokio::task::spawn_blocking(move || {
        let base = Arc::try_unwrap(previous).unwrap_or_else(|shared| shared.copy());
        base.updated(changes)
    })
    .await;
    Ok(Some(pure(updated)))
}

struct Cached {
    generation: u64,
    stamp: (i64, i64),
    /// The audit log as the snapshot has read it: what to ask the store for next time.
    mark: ChangeMark,
    snapshot: Arc<Snapshot>,
}

/// The snapshots of the service, one per visibility.
#[derive(Default)]
pub struct LibraryCache {
    generation: AtomicU64,
    /// Snapshots built anew and snapshots updated, since the service started.
    built: AtomicU64,
    updated: AtomicU64,
    snapshots: tokio::sync::Mutex<HashMap<Visibility, Cached>>,
    /// The rules' settings every snapshot's benchmark checks run with.
    rules: Arc<jixiao_rules::Settings>,
}

impl LibraryCache {
    /// A cache whose snapshots run the benchmark checks with `rules` (a review
    /// configuration's `Config::rules`: `[rules.JX-B003] enabled = false` and the like).
    pub fn with_rules(rules: jixiao_rules::Settings) -> LibraryCache {
        LibraryCache { rules: Arc::new(rules), ..LibraryCache::default() }
    }

    /// After a write of this process: every snapshot is rebuilt on its next read.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// How many snapshots were built anew and how many updated (`Snapshot::updated`) since
    /// the service started.
    pub fn counts(&self) -> (u64, u64) {
        (self.built.load(Ordering::Relaxed), self.updated.load(Ordering::Relaxed))
    }

    /// The library of what `seen` may see, as of now.
    pub async fn get(&self, store: &Store, seen: Visibility) -> Result<Arc<Snapshot>, StoreError> {
        let mut snapshots = self.snapshots.lock().await;
        let generation = self.generation.load(Ordering::SeqCst);
        let stamp = store.change_stamp().await?;
        if let Some(c) = snapshots.get(&seen) {
            if c.generation == generation && c.stamp == stamp {
                return Ok(c.snapshot.clone());
            }
        }
        // Read before the changes: what commits meanwhile is read now or next time (twice is
        // harmless), never missed.
        let mark = store.change_mark().await?;
        let updated = match snapshots.remove(&seen) {
            Some(c) => update(store, seen, &c.mark, c.snapshot).await?,
            None => None,
        };
        let snapshot = Arc::new(match updated {
            Some(s) => {
                self.updated.fetch_add(1, Ordering::Relaxed);
                s
            }
            None => {
                self.built.fetch_add(1, Ordering::Relaxed);
                build(store, seen).await?.with_rules(self.rules.clone())
            }
        });
        if snapshots.len() >= MAX_CACHED && !snapshots.contains_key(&seen) {
            snapshots.retain(|v, _| matches!(v, Visibility::Everything | Visibility::Published));
        }
        snapshots.insert(
            seen,
            Cached {
                generation,
                stamp,
                mark,
                snapshot: snapshot.clone(),
            },
        );
        warm_department_comparisons(store.clone(), snapshot.clone(), seen);
        Ok(snapshot)
    }
}

/// Works out each year's 部门对比 of a new snapshot in the background, newest year first, so
/// that no visitor waits for a year's first comparison (summing a year's departments in SQL
/// took 20–80 ms at 1 M indicators, up to 360 ms with the page: the slowest comparison
/// requests). A visitor who comes first computes it as before; an error only leaves it to them.
fn warm_department_comparisons(store: Store, snapshot: Arc<Snapshot>, seen: Visibility) {
    tokio::spawn(async move {
        for year in crate::compare::years(&snapshot) {
            if crate::compare::departments(&store, &snapshot, seen, Some(year)).await.is_err() {
                break;
            }
        }
    });
}

// ---------------------------------------------------------------- what the API and pages show

fn levels(e: &Entry) -> (Option<&'static str>, Option<&'static str>) {
    (e.level1.map(Level1::name), e.level2.map(jixiao_model::Level2::name))
}

/// A sector (行业, read from department names) and how many of its departments use an entry.
#[derive(Debug, Clone, Serialize)]
pub struct SectorCount {
    pub name: &'static str,
    pub departments: usize,
}

/// An entry in a list.
#[derive(Debug, Clone, Serialize)]
pub struct EntrySummary {
    /// What `GET /api/v1/library/{key}` takes.
    pub label: String,
    pub name: String,
    pub level1: Option<&'static str>,
    pub level2: Option<&'static str>,
    pub unit_family: Option<String>,
    pub departments: usize,
    /// The sectors (行业) of those departments, most departments first.
    pub sectors: Vec<SectorCount>,
    pub projects: usize,
    pub rows: usize,
    pub years: Vec<i32>,
    /// 共性 (used in at least [`Options::common_min_sectors`] sectors) or 个性.
    pub common: bool,
    /// `中位数95%（4个）`, the most used unit's median.
    pub typical: Option<String>,
}

impl EntrySummary {
    pub fn of(e: &Entry) -> EntrySummary {
        let (level1, level2) = levels(e);
        EntrySummary {
            label: e.label.clone(),
            name: e.name.clone(),
            level1,
            level2,
            unit_family: e.unit_family.clone(),
            departments: e.departments,
            sectors: e.sectors.iter().map(|&(name, departments)| SectorCount { name, departments }).collect(),
            projects: e.projects,
            rows: e.rows,
            years: e.years.clone(),
            common: e.common,
            typical: e
                .values
                .first()
                .map(|v| format!("中位数{}{}（{}个）", v.median, v.unit, v.count)),
        }
    }
}

/// The target values of one unit.
#[derive(Debug, Clone, Serialize)]
pub struct ValuesView {
    pub unit: String,
    pub count: usize,
    pub min: String,
    pub q1: String,
    pub median: String,
    pub q3: String,
    pub max: String,
}

/// A project using an entry.
#[derive(Debug, Clone, Serialize)]
pub struct UserView {
    pub project_id: i64,
    pub project: String,
    pub department: String,
    pub year: Option<i32>,
    pub targets: Vec<String>,
}

/// An entry in full.
#[derive(Debug, Clone, Serialize)]
pub struct EntryDetail {
    #[serde(flatten)]
    pub summary: EntrySummary,
    /// 正向 / 反向 / 定性或不详.
    pub direction: &'static str,
    pub values: Vec<ValuesView>,
    /// Wordings with their counts, most used first (at most 20).
    pub wordings: Vec<(String, usize)>,
    pub descriptions: Vec<String>,
    pub bases: Vec<String>,
    /// The projects using it (at most [`MAX_USERS`]).
    pub used_by: Vec<UserView>,
}

/// Projects listed under an entry.
pub const MAX_USERS: usize = 100;

impl EntryDetail {
    pub fn of(snapshot: &Snapshot, k: usize) -> EntryDetail {
        let e = &snapshot.library.entries[k];
        EntryDetail {
            summary: EntrySummary::of(e),
            direction: match e.direction {
                Some(jixiao_model::Direction::Positive) => "正向",
                Some(jixiao_model::Direction::Reverse) => "反向",
                None => "定性或不详",
            },
            values: e
                .values
                .iter()
                .map(|v| ValuesView {
                    unit: v.unit.clone(),
                    count: v.count,
                    min: v.min.to_string(),
                    q1: v.q1.to_string(),
                    median: v.median.to_string(),
                    q3: v.q3.to_string(),
                    max: v.max.to_string(),
                })
                .collect(),
            wordings: e.wordings.iter().take(20).cloned().collect(),
            descriptions: e.descriptions.clone(),
            bases: e.bases.clone(),
            used_by: snapshot
                .users_of(k)
                .into_iter()
                .take(MAX_USERS)
                .map(|(id, p, targets)| {
                    let s = &snapshot.sources[p];
                    UserView {
                        project_id: id,
                        project: s.name.clone(),
                        department: s.department.clone(),
                        year: s.year,
                        targets,
                    }
                })
                .collect(),
        }
    }
}

/// A suggested indicator.
#[derive(Debug, Clone, Serialize)]
pub struct SuggestionView {
    pub label: String,
    pub level1: Option<&'static str>,
    pub level2: Option<&'static str>,
    pub typical: Option<String>,
    /// Targets the similar projects printed, most used first.
    pub targets: Vec<String>,
    /// `部门·年度·项目` of the similar projects it comes from.
    pub sources: Vec<String>,
    /// The most used of `targets` split as the drafting form's row takes it (`None`: no
    /// target, or none a row could hold: `工作任务完成情况`, `3*300`).
    pub typical_target: Option<TargetParts>,
}

impl SuggestionView {
    pub fn of(s: &Suggestion) -> SuggestionView {
        SuggestionView {
            label: s.label.clone(),
            level1: s.level1.map(Level1::name),
            level2: s.level2.map(jixiao_model::Level2::name),
            typical: s.typical.clone(),
            targets: s.targets.clone(),
            sources: s.sources.clone(),
            typical_target: s.targets.first().and_then(|t| TargetParts::of(t)),
        }
    }
}

/// 指标值拆成起草表一行的各栏：计算符号、数值、度量单位，或定性的文字（由模型的指标值解析得出）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetParts {
    /// 指标值原文。
    pub printed: String,
    /// 计算符号，取起草表的选项：≥ > = ≤ < 约；文字指标值为“定性”。
    pub op: &'static str,
    /// 数值（定量时）。
    pub number: Option<String>,
    /// 度量单位（定量且印有单位时）。
    pub unit: Option<String>,
    /// 指标值文字（定性时：定性值、时限，或一行的数值与单位容不下的定量值如区间）。
    pub text: Option<String>,
}

impl TargetParts {
    /// `printed` parsed by [`jixiao_model::Target::parse`]; `None` when it sets no value a
    /// draft should copy (it names the indicator, or cannot be understood).
    pub fn of(printed: &str) -> Option<TargetParts> {
        use jixiao_model::{Comparison, Target, TargetValue};
        let target = Target::parse(printed);
        let printed = target.printed.trim().to_string();
        let text = |printed: String| TargetParts {
            op: "定性",
            number: None,
            unit: None,
            text: Some(printed.clone()),
            printed,
        };
        match target.value {
            // One operator, one number, one unit: what a row's three fields hold. A printed
            // `=` is left out as the form leaves it out (`100%`).
            TargetValue::Quantity { op, value, upper: None, unit, trailing: None } => Some(TargetParts {
                op: match op {
                    None | Some(Comparison::Equal) => "=",
                    Some(Comparison::About) => "约",
                    Some(c) => c.symbol(),
                },
                number: Some(value.to_string()),
                unit,
                text: None,
                printed,
            }),
            // A range or a number with words after it: kept as printed, in the text field,
            // so the row stores exactly what the similar project printed.
            TargetValue::Quantity { .. } | TargetValue::Qualitative { .. } | TargetValue::Deadline { .. } => Some(text(printed)),
            TargetValue::NotATarget | TargetValue::Other { .. } => None,
        }
    }
}

/// Entries filtered by words (`Library::search`) and 一级/二级 names (empty: any).
pub fn filtered<'a>(snapshot: &'a Snapshot, q: Option<&str>, level1: Option<&str>, level2: Option<&str>) -> Vec<&'a Entry> {
    let by_words: Vec<&Entry> = match q.map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => snapshot.library.search(q),
        None => snapshot.library.entries.iter().collect(),
    };
    by_words
        .into_iter()
        .filter(|e| {
            let (l1, l2) = levels(e);
            wanted(level1, l1) && wanted(level2, l2)
        })
        .collect()
}

/// A category asked for (`None`: any; `未分类`: none recognised) and an entry's.
fn wanted(want: Option<&str>, have: Option<&str>) -> bool {
    match want {
        None => true,
        Some(w) => have == Some(w) || (w == "未分类" && have.is_none()),
    }
}

/// 一级 category: its name, its entries, and its 二级 categories with their entries.
pub type Category = (String, usize, Vec<(String, usize)>);

/// The 一级 → 二级 categories of the entries, with counts, in the frameworks' order.
pub fn categories(snapshot: &Snapshot) -> Vec<Category> {
    let mut by: std::collections::BTreeMap<(u8, String), (usize, std::collections::BTreeMap<String, usize>)> =
        std::collections::BTreeMap::new();
    for e in &snapshot.library.entries {
        let (l1, l2) = levels(e);
        let order = match e.level1 {
            Some(Level1::Output) => 0,
            Some(Level1::Cost) => 1,
            Some(Level1::Benefit) => 2,
            Some(Level1::Satisfaction) => 3,
            None => 4,
        };
        let slot = by.entry((order, l1.unwrap_or("未分类").to_string())).or_default();
        slot.0 += 1;
        *slot.1.entry(l2.unwrap_or("未分类").to_string()).or_default() += 1;
    }
    by.into_iter()
        .map(|((_, l1), (n, l2s))| (l1, n, l2s.into_iter().collect()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_model::{Budget, IndicatorLevel, Located, Origin, Project, Target};

    fn indicator(l1: &str, l2: &str, l3: &str, target: &str) -> jixiao_model::Indicator {
        let at = Origin::line(1);
        jixiao_model::Indicator {
            level1: IndicatorLevel {
                category: jixiao_model::Level1::from_printed(l1),
                printed: Located::new(l1.into(), at),
                inherited: false,
            },
            level2: IndicatorLevel {
                category: jixiao_model::Level2::from_printed(l2),
                printed: Located::new(l2.into(), at),
                inherited: false,
            },
            level3: Some(Located::new(l3.into(), at)),
            description: None,
            target: Some(Located::new(Target::parse(target), at)),
            basis: None,
            weight: None,
            evaluation: None,
            at,
        }
    }

    fn row(id: i64, document: i64, dept: &str, name: &str, rows: &[(&str, &str, &str, &str)]) -> VisibleProject {
        VisibleProject {
            id,
            document_id: document,
            department_id: Some(1),
            department: Some(dept.into()),
            year: Some(2023),
            status: jixiao_store::Status::Draft,
            project: Project {
                period: None,
                unit: None,
                code: None,
                name: Located::new(name.into(), Origin::line(1)),
                budget: Budget::default(),
                purpose: None,
                spending_plan: None,
                goals: vec![],
                indicators: rows.iter().map(|r| indicator(r.0, r.1, r.2, r.3)).collect(),
                at: Origin::line(1),
                evaluation: None,
            },
        }
    }

    #[test]
    fn sources_keep_ids_departments_and_the_documents_framework() {
        let (sources, ids) = sources(vec![
            row(7, 1, "甲局", "宣传", &[("产出指标", "数量指标", "宣传次数", "≥4次")]),
            row(9, 1, "甲局", "采购", &[("成本指标", "经济成本指标", "采购成本", "≤10万元")]),
            row(11, 2, "乙局", "宣传", &[("产出指标", "数量指标", "宣传次数", "≥6次")]),
        ]);
        assert_eq!(ids, [7, 9, 11]);
        assert_eq!(sources[0].framework, Framework::Guideline2021, "同一文档有一级成本指标");
        assert_eq!(sources[2].framework, Framework::Classic);
        let snap = Snapshot::new(sources, ids);
        let (k, e) = snap.entry("宣传次数").unwrap();
        assert_eq!((e.projects, e.departments), (2, 2));
        let users: Vec<(i64, Vec<String>)> = snap.users_of(k).into_iter().map(|(id, _, t)| (id, t)).collect();
        assert_eq!(users, [(7, vec!["≥4次".to_string()]), (11, vec!["≥6次".to_string()])]);
        let detail = EntryDetail::of(&snap, k);
        assert_eq!(
            (
                detail.values[0].min.as_str(),
                detail.values[0].median.as_str(),
                detail.values[0].max.as_str()
            ),
            ("4", "5", "6")
        );
        assert_eq!(
            filtered(&snap, None, Some("成本指标"), None)
                .iter()
                .map(|e| e.label.as_str())
                .collect::<Vec<_>>(),
            ["采购成本"]
        );
        assert_eq!(
            categories(&snap)[0],
            ("产出指标".to_string(), 1, vec![("数量指标".to_string(), 1)])
        );
        // A project asking for its own suggestions gets the others'.
        let draft = Draft {
            name: "宣传".into(),
            ..Draft::default()
        };
        let s = snap.suggest(&draft, Some(7), 10);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].sources, ["乙局·2023年·宣传"]);
        assert_eq!(snap.suggest(&draft, None, 10)[0].sources.len(), 2);
    }

    /// The typical target a suggestion offers the drafting form: the most used of the
    /// similar projects' targets, split by the model's parser into the row's operator,
    /// number and unit, or kept as text where a row's three fields cannot hold it.
    #[test]
    fn typical_targets_split_as_the_drafting_form_takes_them() {
        let parts = |op: &'static str, number: Option<&str>, unit: Option<&str>, text: Option<&str>, printed: &str| TargetParts {
            printed: printed.into(),
            op,
            number: number.map(Into::into),
            unit: unit.map(Into::into),
            text: text.map(Into::into),
        };
        let cases: &[(&str, Option<TargetParts>)] = &[
            ("≥4次", Some(parts("≥", Some("4"), Some("次"), None, "≥4次"))),
            ("≤10万元", Some(parts("≤", Some("10"), Some("万元"), None, "≤10万元"))),
            ("大于等于95%", Some(parts("≥", Some("95"), Some("%"), None, "大于等于95%"))),
            ("100%", Some(parts("=", Some("100"), Some("%"), None, "100%"))),
            ("=0起", Some(parts("=", Some("0"), Some("起"), None, "=0起"))),
            ("约12.5公里", Some(parts("约", Some("12.5"), Some("公里"), None, "约12.5公里"))),
            ("<3天", Some(parts("<", Some("3"), Some("天"), None, "<3天"))),
            ("明显提升", Some(parts("定性", None, None, Some("明显提升"), "明显提升"))),
            ("2024年12月底前", Some(parts("定性", None, None, Some("2024年12月底前"), "2024年12月底前"))),
            ("工作任务完成情况", None),
            ("3*300", None),
        ];
        for (printed, expected) in cases {
            assert_eq!(&TargetParts::of(printed), expected, "{printed}");
        }
        // In a suggestion: the first (most used) target, the display strings kept.
        let (sources, ids) = sources(vec![
            row(1, 1, "甲局", "安全生产宣传", &[("产出指标", "数量指标", "宣传次数", "≥4次")]),
            row(2, 2, "乙局", "安全生产宣传月", &[("产出指标", "数量指标", "宣传次数", "≥4次")]),
            row(3, 3, "丙局", "安全生产宣传周", &[("产出指标", "数量指标", "宣传次数", "≥6次")]),
        ]);
        let snap = Snapshot::new(sources, ids);
        let draft = Draft { name: "安全生产宣传".into(), ..Draft::default() };
        let view = SuggestionView::of(&snap.suggest(&draft, None, 10)[0]);
        assert_eq!((view.label.as_str(), view.level1, view.level2), ("宣传次数", Some("产出指标"), Some("数量指标")));
        assert_eq!(view.targets, ["≥4次", "≥6次"]);
        assert_eq!(view.typical.as_deref(), Some("中位数4次（3个）"));
        assert_eq!(view.typical_target, Some(parts("≥", Some("4"), Some("次"), None, "≥4次")));
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["typical_target"], serde_json::json!({ "printed": "≥4次", "op": "≥", "number": "4", "unit": "次", "text": null }));
    }

    /// The benchmark checks run with the cache's rules: a review configuration's
    /// `[rules.JX-B003]` disables one or changes its severity.
    #[test]
    fn benchmarks_follow_the_rules_settings() {
        let mut rows: Vec<VisibleProject> = (0..11)
            .map(|k| row(k, k, &format!("部门{k}"), "干部培训", &[("产出指标", "质量指标", "培训合格率", &format!("≥{}%", 90 + k % 5))]))
            .collect();
        rows.push(row(11, 11, "某县党校", "干部培训", &[("产出指标", "质量指标", "培训合格率", "≥60%")]));
        let (sources, ids) = sources(rows);
        let fresh = || Snapshot::new(sources.clone(), ids.clone());
        let (found, name) = fresh().benchmarks_of(11);
        assert_eq!((found.len(), name.as_str()), (1, "干部培训"));
        assert_eq!(found[0].rule_id, "JX-B003");
        assert_eq!((found[0].location.project, found[0].location.row), (Some(0), Some(1)), "the project asked for");
        assert_eq!(found[0].severity, jixiao_model::Severity::Info);
        let config = |toml: &str| Arc::new(jixiao_review::Config::from_toml("rules.toml", toml).unwrap().rules().clone());
        let warned = fresh().with_rules(config("[rules.JX-B003]\nseverity = \"warning\"\n"));
        assert_eq!(warned.benchmarks_of(11).0[0].severity, jixiao_model::Severity::Warning);
        let off = fresh().with_rules(config("[rules.JX-B003]\nenabled = false\n"));
        assert!(off.benchmarks().is_empty());
        assert!(fresh().benchmarks_of(999).0.is_empty(), "no such project");
    }
}
