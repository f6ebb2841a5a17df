//! The incremental update equals a build from scratch: random sequences of added, changed
//! and removed sources (a seeded generator, so a failure repeats; departments of several
//! sectors, rows with and without descriptions and bases), after each step the updated
//! library and similarity index compared with [`Library::build`] and [`SimilarityIndex::new`]
//! of the same sources.

use crate::entry::tests::indicator;
use crate::{Library, Options, SimilarityIndex, SourceProject};

/// xorshift64*: small, seeded, enough to pick from lists.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Departments of several sectors, some sharing one (应急, 卫生健康), and none named.
const DEPARTMENTS: [&str; 9] = [
    "甲县应急管理局",
    "乙县财政局",
    "丙县教育局",
    "丁县民政局",
    "戊县地震局",
    "己县卫生健康局",
    "庚县人民医院",
    "辛县食用菌研究所",
    "",
];
const NAMES: [&str; 6] = [
    "安全生产宣传",
    "农村低保",
    "学生资助",
    "物业管理",
    "森林防火宣传",
    "住房保险",
];
/// (一级, 二级, 三级) rows: shared keys, a key with two unit families, 满意度 wordings, marks,
/// and names that normalise to nothing.
const ROWS: [(&str, &str, &str); 10] = [
    ("产出指标", "数量指标", "宣传活动开展的数量（次）"),
    ("产出指标", "数量指标", "培训人数"),
    ("产出指标", "质量指标", "执法检查覆盖率（%）"),
    ("产出指标", "成本指标", "项目总成本(≤**万元)"),
    ("成本指标", "经济成本指标", "★项目总成本"),
    ("满意度指标", "服务对象满意度指标", "群众满意度"),
    ("满意度指标", "服务对象满意度指标", "受益群众满意度"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度"),
    ("效益指标", "社会效益指标", "群众安全意识提升"),
    ("产出指标", "数量指标", "（）"),
];
/// 指标解释 and 指标值确定依据 as printed ("": none; spaces around are trimmed).
const DESCRIPTIONS: [&str; 4] = [
    "宣传的次数情况",
    "群众对当年安全生产宣传的整体满意度",
    " 执法检查量占应覆盖对象数量的比率",
    "",
];
const BASES: [&str; 4] = ["临西办字【2019】6号", "冀民[2018]120号", "依据历史标准 ", ""];
const TARGETS: [&str; 12] = [
    "≥4次",
    "≥6次",
    "≥100人",
    "≥3次",
    "100%",
    "≥90%",
    "≥95%",
    "≤20万元",
    "≤1125万元",
    "高",
    "有所提升",
    "",
];

fn random_project(rng: &mut Rng) -> SourceProject {
    let rows: Vec<(&str, &str, &str, &str)> = (0..rng.below(6))
        .map(|_| {
            let (a, b, c) = ROWS[rng.below(ROWS.len())];
            (a, b, c, rng.pick(&TARGETS))
        })
        .collect();
    let mut p = crate::entry::tests::project(
        rng.pick(&DEPARTMENTS),
        2020 + rng.below(4) as i32,
        rng.pick(&NAMES),
        &[],
    );
    let texts: Vec<(usize, &str, &str)> = (0..rows.len())
        .map(|k| (k, rng.pick(&DESCRIPTIONS), rng.pick(&BASES)))
        .collect();
    p.indicators = rows.iter().map(|r| indicator(r.0, r.1, r.2, r.3)).collect();
    let mut p = crate::entry::tests::explain(p, &texts);
    if rng.below(3) == 0 {
        p.purpose = Some(format!("开展{}工作", rng.pick(&NAMES)));
    }
    p.goals = (0..rng.below(3))
        .map(|_| rng.pick(&NAMES).to_string())
        .collect();
    p
}

fn assert_same_index(a: &SimilarityIndex, b: &SimilarityIndex, step: usize) {
    assert_eq!(a.lengths, b.lengths, "第{step}步：文档长度");
    assert_eq!(
        a.average.to_bits(),
        b.average.to_bits(),
        "第{step}步：平均长度"
    );
    let sorted = |i: &SimilarityIndex| {
        let mut v: Vec<(String, Vec<(u32, u32)>)> = i
            .postings
            .iter()
            .map(|(g, l)| {
                let mut l = l.clone();
                l.sort();
                (g.clone(), l)
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(sorted(a), sorted(b), "第{step}步：倒排表");
}

#[test]
fn random_updates_equal_a_rebuild() {
    // What the sequences went through: entries of one sector and of several, with and
    // without typical descriptions and bases.
    let (mut specific, mut common, mut explained) = (false, false, false);
    for seed in 1..=20u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let options = Options {
            common_min_sectors: 2,
        };
        let mut sources: Vec<SourceProject> = (0..rng.below(8))
            .map(|_| random_project(&mut rng))
            .collect();
        let mut library = Library::build(&sources, options);
        let mut index = SimilarityIndex::new(&sources);
        // Given a changed source as moved when its text is alike (what the server does).
        let mut index_alike = SimilarityIndex::new(&sources);
        for step in 0..40 {
            // Each former source is kept, removed or changed; new ones come in between.
            let mut next: Vec<SourceProject> = Vec::new();
            let mut moved = Vec::with_capacity(sources.len());
            let mut alike = Vec::with_capacity(sources.len());
            for old in std::mem::take(&mut sources) {
                while rng.below(6) == 0 {
                    next.push(random_project(&mut rng));
                }
                match rng.below(10) {
                    0 | 1 => {
                        moved.push(None);
                        alike.push(None);
                    }
                    2 => {
                        moved.push(None);
                        let old_copy = old.clone();
                        let mut changed = old;
                        if changed.indicators.is_empty() || rng.below(2) == 0 {
                            changed.indicators.push(
                                random_project(&mut rng)
                                    .indicators
                                    .pop()
                                    .unwrap_or_else(|| {
                                        indicator("产出指标", "数量指标", "培训人数", "≥3次")
                                    }),
                            );
                        } else {
                            changed
                                .indicators
                                .remove(rng.below(changed.indicators.len()));
                        }
                        if rng.below(4) == 0 {
                            changed.name.push_str("改");
                        }
                        alike.push(SimilarityIndex::indexes_alike(&old_copy, &changed).then_some(next.len()));
                        next.push(changed);
                    }
                    _ => {
                        moved.push(Some(next.len()));
                        alike.push(Some(next.len()));
                        next.push(old);
                    }
                }
            }
            if rng.below(3) == 0 {
                next.push(random_project(&mut rng));
            }
            sources = next;
            library.update(&sources, &moved);
            index.update(&sources, &moved);
            index_alike.update(&sources, &alike);
            let built = Library::build(&sources, options);
            assert_eq!(library.entries, built.entries, "种子{seed}第{step}步：条目");
            for e in &library.entries {
                specific |= e.sectors.len() == 1 && e.departments > 1;
                common |= e.common;
                explained |= !e.descriptions.is_empty() && !e.bases.is_empty();
            }
            assert_eq!(
                library.placement(), built.placement(),
                "种子{seed}第{step}步：归属"
            );
            assert_same_index(&index, &SimilarityIndex::new(&sources), step);
            assert_same_index(&index_alike, &SimilarityIndex::new(&sources), step);
        }
    }
    assert!(specific && common && explained, "{specific} {common} {explained}");
}

#[test]
fn an_update_recomputes_only_the_touched_keys() {
    let mut sources = crate::entry::tests::sample();
    let mut library = Library::build(&sources, Options::default());
    let before = library.entries.clone();
    // The 财政局 project's 项目总成本 goes from ≤1125万元 to ≤1000万元.
    sources[3].indicators[0] = indicator("产出指标", "成本指标", "项目总成本", "≤1000万元");
    let moved: Vec<Option<usize>> = (0..sources.len()).map(|k| (k != 3).then_some(k)).collect();
    library.update(&sources, &moved);
    let cost = library.find("项目总成本").unwrap();
    assert_eq!(
        cost.values[0].line(),
        "万元：2个，最小20，下四分位265，中位510，上四分位755，最大1000"
    );
    let changed: Vec<&str> = library
        .entries
        .iter()
        .zip(&before)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.label.as_str())
        .collect();
    assert_eq!(changed, ["项目总成本"]);
    // Removing the only 民政局 project empties its entries: they disappear.
    sources.remove(2);
    let moved = [Some(0), Some(1), None, Some(2), Some(3)];
    library.update(&sources, &moved);
    assert!(library.find("农村低保标准").is_err());
    assert_eq!(
        library.entries,
        Library::build(&sources, Options::default()).entries
    );
}

#[test]
fn rows_without_a_unit_follow_the_most_used_family_as_it_changes() {
    let row = |target: &str| indicator("产出指标", "数量指标", "培训人数", target);
    let mut sources = vec![
        crate::entry::tests::project("甲局", 2022, "甲", &[]),
        crate::entry::tests::project("乙局", 2022, "乙", &[]),
        crate::entry::tests::project("丙局", 2023, "丙", &[]),
    ];
    sources[0].indicators = vec![row("≥100人"), row("高")];
    sources[1].indicators = vec![row("≥3次"), row("≥3次")];
    sources[2].indicators = vec![row("≥50人")];
    let options = Options { common_min_sectors: 2 };
    let mut library = Library::build(&sources, options);
    // 人 is used twice, 次 twice: the tie goes to the smaller family (人), which takes 高.
    assert_eq!(library.entries[library.placed(0, 1).unwrap()].label, "培训人数（人）");
    assert_eq!(library.entries[library.placed(0, 1).unwrap()].rows, 3);
    // 丙 leaves: 次 is now the most used, and 高 moves to it with no row of its own touched.
    library.update(&sources[..2], &[Some(0), Some(1), None]);
    let built = Library::build(&sources[..2], options);
    assert_eq!(library.entries, built.entries);
    assert_eq!(library.placement(), built.placement());
    assert_eq!(library.entries[library.placed(0, 1).unwrap()].label, "培训人数（次）");
    // The same value twice is counted twice in the distribution.
    let times = library.find("培训人数（次）").unwrap();
    assert_eq!(times.values[0].line(), "次：2个，最小3，下四分位3，中位3，上四分位3，最大3");
    // Everything removed, then added again: as built from nothing.
    library.update(&[], &[None, None]);
    assert!(library.entries.is_empty());
    library.update(&sources, &[]);
    let built = Library::build(&sources, options);
    assert_eq!(library.entries, built.entries);
    assert_eq!(library.placement(), built.placement());
}
