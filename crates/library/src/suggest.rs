//! Suggestions while drafting: the indicators of the stored projects most like a new one.
//!
//! Projects are ranked by BM25 over character bigrams of their name (counted twice), purpose
//! and goals; Chinese needs no word segmentation for this (`安全生产宣传` → 安全 全生 生产 产宣
//! 宣传). Overlapping bigrams are how search engines index Chinese without a dictionary
//! (Lucene's CJK bigram filter): no segmenter and its dictionary to carry (jieba-rs brings
//! about 5 MB), and the domain's own terms that no general dictionary holds (`三三制`,
//! `两癌筛查`, `防震减灾`) match as well as common words do. The indicators of the most similar
//! projects are offered by library entry, each with its typical target values and the
//! projects it comes from.

use std::collections::{BTreeMap, HashMap};

use jixiao_model::{Level1, Level2};

use crate::entry::{Library, SourceProject};

/// A new project's texts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub name: String,
    pub purpose: String,
    pub goals: Vec<String>,
}

/// One suggested indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The library entry (index in `Library::entries`).
    pub entry: usize,
    pub label: String,
    pub level1: Option<Level1>,
    pub level2: Option<Level2>,
    /// The entry's typical value over the whole library (`中位数95%（4个）`).
    pub typical: Option<String>,
    /// Targets the similar projects printed, most used first.
    pub targets: Vec<String>,
    /// The similar projects it comes from (`部门·年度·项目`), most similar first.
    pub sources: Vec<String>,
    pub score: f64,
}

/// Character bigrams of the CJK and alphanumeric runs of `text` (a lone character is itself).
pub fn bigrams(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, out: &mut Vec<String>| {
        match run.len() {
            0 => {}
            1 => out.push(run[0].to_string()),
            _ => out.extend(run.windows(2).map(|w| w.iter().collect::<String>())),
        }
        run.clear();
    };
    for c in text.chars() {
        if jixiao_model::text::is_cjk(c) || c.is_alphanumeric() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn project_text(p: &SourceProject) -> String {
    let mut t = format!("{} {} ", p.name, p.name);
    t.push_str(p.purpose.as_deref().unwrap_or(""));
    for g in &p.goals {
        t.push(' ');
        t.push_str(g);
    }
    t
}

/// BM25 (k1 = 1.2, b = 0.75) over the bigrams of every stored project, kept current by
/// [`SimilarityIndex::update`] (document frequencies, lengths and the average length as
/// [`SimilarityIndex::new`] of the new sources would have them).
#[derive(Debug, Clone, Default)]
pub struct SimilarityIndex {
    /// Each bigram's documents and term frequencies (in no particular order).
    pub(crate) postings: HashMap<String, Vec<(u32, u32)>>,
    pub(crate) lengths: Vec<u32>,
    pub(crate) average: f64,
}

impl SimilarityIndex {
    /// Whether the index sees `a` and `b` alike (same name, purpose and goals): a source
    /// changed only in its indicators, department or year may be given to
    /// [`SimilarityIndex::update`] as moved, so an edit leaves the postings untouched
    /// rather than renumbering every list.
    pub fn indexes_alike(a: &SourceProject, b: &SourceProject) -> bool {
        a.name == b.name && a.purpose == b.purpose && a.goals == b.goals
    }

    pub fn new(projects: &[SourceProject]) -> SimilarityIndex {
        let mut index = SimilarityIndex::default();
        index.update(projects, &[]);
        index
    }

    /// Brings the index up to date with `projects`, given where each former source went
    /// (`moved[old] = Some(new)` when unchanged, `None` when removed or changed; every
    /// source no `moved` names is added), as [`crate::Library::update`] takes it.
    pub fn update(&mut self, projects: &[SourceProject], moved: &[Option<usize>]) {
        let added = crate::added_sources(projects.len(), moved);
        let at = |d: u32| moved.get(d as usize).copied().flatten();
        let everything_kept = moved.len() == projects.len() && moved.iter().enumerate().all(|(k, m)| *m == Some(k));
        if !everything_kept {
            for list in self.postings.values_mut() {
                list.retain_mut(|(d, _)| match at(*d) {
                    Some(new) => {
                        *d = new as u32;
                        true
                    }
                    None => false,
                });
            }
            self.postings.retain(|_, list| !list.is_empty());
        }
        let mut lengths = vec![0u32; projects.len()];
        for (old, &len) in self.lengths.iter().enumerate() {
            if let Some(new) = at(old as u32) {
                lengths[new] = len;
            }
        }
        for (d, p) in projects.iter().enumerate().filter(|(d, _)| added[*d]) {
            let grams = bigrams(&project_text(p));
            lengths[d] = grams.len() as u32;
            let mut tf: HashMap<String, u32> = HashMap::new();
            for g in grams {
                *tf.entry(g).or_default() += 1;
            }
            for (g, n) in tf {
                self.postings.entry(g).or_default().push((d as u32, n));
            }
        }
        let total: u64 = lengths.iter().map(|&l| u64::from(l)).sum();
        self.average = if lengths.is_empty() { 0.0 } else { total as f64 / lengths.len() as f64 };
        self.lengths = lengths;
    }

    /// Projects by BM25 score against `query`, best first (ties by index), scores above zero.
    pub fn rank(&self, query: &str) -> Vec<(usize, f64)> {
        self.rank_without(query, None)
    }

    /// The first `k` of [`SimilarityIndex::rank_without`], without sorting the rest (with
    /// 10⁵ sources a common bigram scores most of them).
    pub fn top_without(&self, query: &str, without: Option<(usize, &SourceProject)>, k: usize) -> Vec<(usize, f64)> {
        let mut ranked = self.scores_without(query, without);
        if ranked.len() > k {
            if k == 0 {
                return Vec::new();
            }
            ranked.select_nth_unstable_by(k - 1, best_first);
            ranked.truncate(k);
        }
        ranked.sort_by(best_first);
        ranked
    }

    /// [`SimilarityIndex::rank`] as the index of the same sources would rank with the texts
    /// of source `without.0` (`without.1`, the source indexed there) emptied: its bigrams not
    /// counted in the document frequencies, its length zero in the average, itself never
    /// ranked. The same scores as building that index anew, without building it (a
    /// project's own suggestions, leaving it out, over 10⁵ sources).
    pub fn rank_without(&self, query: &str, without: Option<(usize, &SourceProject)>) -> Vec<(usize, f64)> {
        let mut ranked = self.scores_without(query, without);
        ranked.sort_by(best_first);
        ranked
    }

    /// Every source's score above zero, in index order (see [`SimilarityIndex::rank_without`]).
    fn scores_without(&self, query: &str, without: Option<(usize, &SourceProject)>) -> Vec<(usize, f64)> {
        const K1: f64 = 1.2;
        const B: f64 = 0.75;
        let n = self.lengths.len() as f64;
        let (skip, skipped_grams, average) = match without.filter(|(k, _)| *k < self.lengths.len()) {
            None => (None, Vec::new(), self.average),
            Some((k, p)) => {
                let mut own = bigrams(&project_text(p));
                own.sort();
                own.dedup();
                let total: u64 = self.lengths.iter().enumerate().filter(|(d, _)| *d != k).map(|(_, &l)| u64::from(l)).sum();
                (Some(k as u32), own, total as f64 / self.lengths.len() as f64)
            }
        };
        let mut grams = bigrams(query);
        grams.sort();
        grams.dedup();
        // One score per source (a dense array: a common bigram's list holds most sources),
        // each summed over the query's bigrams in the same (sorted) order. Every term is
        // above zero (idf > 0, tf ≥ 1), so the sources scored are those above zero.
        let mut scores = vec![0.0f64; self.lengths.len()];
        for g in &grams {
            let Some(list) = self.postings.get(g) else { continue };
            let df = (list.len() - usize::from(skipped_grams.binary_search(g).is_ok())) as f64;
            let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
            for &(d, tf) in list {
                if Some(d) == skip {
                    continue;
                }
                let tf = f64::from(tf);
                let len = f64::from(self.lengths[d as usize]);
                let norm = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / average.max(1.0)));
                scores[d as usize] += idf * norm;
            }
        }
        scores.into_iter().enumerate().filter(|(_, s)| *s > 0.0).collect()
    }
}

/// Higher score first, then lower index (a total order: indexes differ).
fn best_first(a: &(usize, f64), b: &(usize, f64)) -> std::cmp::Ordering {
    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
}

/// The indicators of the `similar` projects most like `draft`, by entry, best first, at most
/// `limit`.
pub fn suggest(
    library: &Library,
    projects: &[SourceProject],
    index: &SimilarityIndex,
    draft: &Draft,
    similar: usize,
    limit: usize,
) -> Vec<Suggestion> {
    suggest_without(library, projects, index, draft, None, similar, limit)
}

/// [`suggest`] leaving out the source `without` (a stored project's own suggestions): the
/// ranking of [`SimilarityIndex::rank_without`], as if its name, purpose, goals and
/// indicators were empty (its rows still count in the entries' typical values: they are
/// what the library knows).
pub fn suggest_without(
    library: &Library,
    projects: &[SourceProject],
    index: &SimilarityIndex,
    draft: &Draft,
    without: Option<usize>,
    similar: usize,
    limit: usize,
) -> Vec<Suggestion> {
    let query = format!("{} {} {} {}", draft.name, draft.name, draft.purpose, draft.goals.join(" "));
    let without = without.and_then(|k| projects.get(k).map(|p| (k, p)));
    let ranked: Vec<(usize, f64)> = index.top_without(&query, without, similar);
    struct Acc {
        score: f64,
        targets: BTreeMap<String, usize>,
        sources: Vec<String>,
    }
    let mut by_entry: HashMap<usize, Acc> = HashMap::new();
    for &(p, score) in &ranked {
        let project = &projects[p];
        let source = format!(
            "{}·{}·{}",
            project.department,
            project.year.map_or("年度不详".to_string(), |y| format!("{y}年")),
            project.name
        );
        for (i, ind) in project.indicators.iter().enumerate() {
            let Some(e) = library.placed(p, i) else {
                continue;
            };
            let acc = by_entry.entry(e).or_insert(Acc { score: 0.0, targets: BTreeMap::new(), sources: Vec::new() });
            if !acc.sources.contains(&source) {
                acc.score += score;
                acc.sources.push(source.clone());
            }
            if let Some(t) = &ind.target {
                *acc.targets.entry(t.value.printed.clone()).or_default() += 1;
            }
        }
    }
    let mut out: Vec<Suggestion> = by_entry
        .into_iter()
        .map(|(e, acc)| {
            let entry = &library.entries[e];
            let mut targets: Vec<(String, usize)> = acc.targets.into_iter().collect();
            targets.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            Suggestion {
                entry: e,
                label: entry.label.clone(),
                level1: entry.level1,
                level2: entry.level2,
                typical: entry
                    .values
                    .first()
                    .map(|v| format!("中位数{}{}（{}个）", v.median, v.unit, v.count)),
                targets: targets.into_iter().take(3).map(|t| t.0).collect(),
                sources: acc.sources,
                score: acc.score,
            }
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.label.cmp(&b.label)));
    out.truncate(limit);
    out
}

impl Suggestion {
    /// `宣传活动开展的数量｜产出指标/数量指标｜中位数5次（2个）｜常见值：≥4次、≥6次｜来源：…`.
    pub fn line(&self) -> String {
        let levels = [self.level1.map(Level1::name), self.level2.map(Level2::name)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("/");
        format!(
            "{}｜{}｜{}｜常见值：{}｜来源：{}",
            self.label,
            if levels.is_empty() { "未分类" } else { &levels },
            self.typical.as_deref().unwrap_or("无定量值"),
            if self.targets.is_empty() { "无".to_string() } else { self.targets.join("、") },
            self.sources.join("；")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::tests::{project, sample};
    use crate::entry::Options;

    fn projects() -> Vec<SourceProject> {
        let mut v = sample();
        v[0].purpose = Some("开展安全生产宣传月活动，发放宣传资料".into());
        v.push(project("临西县应急管理局", 2023, "森林防火宣传", &[
            ("产出指标", "数量指标", "开展宣传活动（次）", "≥3次"),
            ("满意度指标", "服务对象满意度指标", "群众森林防火安全知识普及满意度", "≥90%"),
        ]));
        v.push(project("某县教育局", 2023, "学生资助", &[
            ("产出指标", "数量指标", "中等职业学校国家助学金应受助学生数", "≥300人"),
        ]));
        v
    }

    #[test]
    fn bigrams_of_chinese_and_ascii() {
        assert_eq!(bigrams("安全生产宣传"), ["安全", "全生", "生产", "产宣", "宣传"]);
        assert_eq!(bigrams("5·12 宣传周"), ["5", "12", "宣传", "传周"]);
    }

    #[test]
    fn a_safety_publicity_project_gets_publicity_indicators() {
        let ps = projects();
        let lib = Library::build(&ps, Options::default());
        let index = SimilarityIndex::new(&ps);
        let draft = Draft { name: "2024年安全生产宣传教育".into(), purpose: "安全生产宣传".into(), goals: vec![] };
        let lines: Vec<String> = suggest(&lib, &ps, &index, &draft, 3, 6).iter().map(Suggestion::line).collect();
        assert_eq!(
            lines,
            [
                "服务对象满意度｜满意度指标/服务对象满意度指标｜中位数90%（5个）｜常见值：≥90%、≥95%｜来源：临西县应急管理局·2023年·安全生产宣传培训；临西县应急管理局·2022年·安全生产宣传培训；临西县应急管理局·2023年·森林防火宣传",
                "宣传活动开展的数量｜产出指标/数量指标｜中位数5次（2个）｜常见值：≥4次、≥6次｜来源：临西县应急管理局·2023年·安全生产宣传培训；临西县应急管理局·2022年·安全生产宣传培训",
                "执法检查覆盖率｜产出指标/质量指标｜中位数100%（2个）｜常见值：100%｜来源：临西县应急管理局·2023年·安全生产宣传培训；临西县应急管理局·2022年·安全生产宣传培训",
                "制作与发放外宣品的数量｜产出指标/数量指标｜中位数2000份（1个）｜常见值：≥2000份｜来源：临西县应急管理局·2022年·安全生产宣传培训",
                "开展宣传活动｜产出指标/数量指标｜中位数3次（1个）｜常见值：≥3次｜来源：临西县应急管理局·2023年·森林防火宣传",
            ]
        );
        // A student-aid draft gets the student-aid project first, and nothing of publicity.
        let draft = Draft { name: "学生资助".into(), ..Draft::default() };
        let s = suggest(&lib, &ps, &index, &draft, 1, 10);
        assert_eq!(s.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(), ["中等职业学校国家助学金应受助学生数"]);
        // Nothing alike, nothing suggested.
        let draft = Draft { name: "航天器".into(), ..Draft::default() };
        assert!(suggest(&lib, &ps, &index, &draft, 3, 10).is_empty());
    }

    /// Leaving a source out ranks and suggests exactly as an index built anew over the
    /// sources with that one's texts and rows emptied (what the server did before).
    #[test]
    fn leaving_a_source_out_is_an_index_built_without_it() {
        let ps = projects();
        let lib = Library::build(&ps, Options::default());
        let index = SimilarityIndex::new(&ps);
        for skip in 0..ps.len() {
            let mut others = ps.clone();
            others[skip].indicators.clear();
            others[skip].name.clear();
            others[skip].purpose = None;
            others[skip].goals.clear();
            let rebuilt = SimilarityIndex::new(&others);
            for query in ["安全生产宣传培训", "森林防火宣传 宣传", "学生资助", "航天器", &project_text(&ps[skip])] {
                assert_eq!(index.rank_without(query, Some((skip, &ps[skip]))), rebuilt.rank(query), "{skip}: {query}");
                let draft = Draft { name: query.to_string(), ..Draft::default() };
                assert_eq!(
                    suggest_without(&lib, &ps, &index, &draft, Some(skip), 5, 20),
                    suggest(&lib, &others, &rebuilt, &draft, 5, 20),
                    "{skip}: {query}"
                );
                assert!(index.rank_without(query, Some((skip, &ps[skip]))).iter().all(|(d, _)| *d != skip));
            }
        }
        assert_eq!(index.rank_without("安全生产宣传", None), index.rank("安全生产宣传"));
        for k in 0..5 {
            let ranked = index.rank_without("安全生产宣传 学生资助", Some((1, &ps[1])));
            assert_eq!(index.top_without("安全生产宣传 学生资助", Some((1, &ps[1])), k), ranked[..k.min(ranked.len())]);
        }
    }
}
