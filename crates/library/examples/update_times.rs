//! The library's update after a write, in process, over a synthetic library (issue 18): the
//! time of `Library::build` and `SimilarityIndex::new` of every source, and of
//! `Library::update` / `SimilarityIndex::update` after one project is edited in place (the
//! sources keep their places) and after one project is added in the middle (every later
//! source moves). Not a test: it prints times. A seeded generator, so runs compare.
//!
//! ```sh
//! cargo run --release -p jixiao-library --example update_times -- [--indicators 200000] [--edits 5]
//! ```

use std::time::Instant;

use jixiao_library::{Library, Options, SimilarityIndex, SourceProject};
use jixiao_model::{Indicator, IndicatorLevel, Level1, Level2, Located, Origin, Target};

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
}

const SAT: [&str; 6] = ["群众满意度", "服务对象满意度", "受益群众满意度", "社会公众满意度", "受助对象满意度", "学生满意度"];
const THINGS: [&str; 12] = ["宣传活动", "培训", "检查", "资助学生", "发放补贴", "维修道路", "巡查", "采购设备", "救助对象", "监测点位", "办理案件", "接种疫苗"];
const MEASURES: [(&str, &str, &str); 6] = [
    ("数量指标", "开展的数量", "次"),
    ("数量指标", "覆盖人数", "人"),
    ("质量指标", "合格率", "%"),
    ("时效指标", "完成及时率", "%"),
    ("成本指标", "成本", "万元"),
    ("质量指标", "达标率", "%"),
];

fn indicator(l1: &str, l2: &str, l3: &str, target: &str, description: Option<String>) -> Indicator {
    let at = Origin::line(1);
    Indicator {
        level1: IndicatorLevel { category: Level1::from_printed(l1), printed: Located::new(l1.into(), at), inherited: false },
        level2: IndicatorLevel { category: Level2::from_printed(l2), printed: Located::new(l2.into(), at), inherited: false },
        level3: Some(Located::new(l3.into(), at)),
        description: description.map(|d| Located::new(d, at)),
        target: (!target.is_empty()).then(|| Located::new(Target::parse(target), at)),
        basis: None,
        weight: None,
        evaluation: None,
        at,
    }
}

fn project(rng: &mut Rng, serial: usize) -> SourceProject {
    let department = format!("虚构部门{}", rng.below(1900));
    let thing = THINGS[rng.below(THINGS.len())];
    let mut indicators = Vec::new();
    for _ in 0..6 {
        let (l2, m, unit) = MEASURES[rng.below(MEASURES.len())];
        let name = if rng.below(20) == 0 { format!("{thing}{m}{}", rng.below(5000)) } else { format!("{thing}{m}") };
        let value = match unit {
            "%" => format!("≥{}%", 80 + rng.below(21)),
            "万元" => format!("≤{}万元", 1 + rng.below(2000)),
            u => format!("≥{}{u}", 1 + rng.below(500)),
        };
        let description = (rng.below(3) == 0).then(|| format!("反映{thing}{m}情况"));
        indicators.push(indicator("产出指标", l2, &name, &value, description));
    }
    indicators.push(indicator("效益指标", "社会效益指标", &format!("{thing}效果提升"), if rng.below(2) == 0 { "有所提升" } else { "显著" }, None));
    let sat = SAT[rng.below(SAT.len())];
    indicators.push(indicator("满意度指标", "服务对象满意度指标", sat, &format!("≥{}%", 85 + rng.below(11)), None));
    SourceProject {
        department,
        year: Some(2019 + rng.below(5) as i32),
        code: None,
        name: format!("{thing}项目{serial}"),
        purpose: Some(format!("开展{thing}工作，提升服务水平")),
        goals: vec![format!("完成{thing}任务")],
        budget: None,
        framework: jixiao_model::Framework::Classic,
        indicators,
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let mut indicators: usize = 200_000;
    let mut edits: usize = 5;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--indicators" => indicators = args.next().and_then(|n| n.parse().ok()).unwrap_or(indicators),
            "--edits" => edits = args.next().and_then(|n| n.parse().ok()).unwrap_or(edits),
            other => {
                eprintln!("未知参数：{other}");
                std::process::exit(2);
            }
        }
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut sources: Vec<SourceProject> = Vec::new();
    let mut rows = 0;
    while rows < indicators {
        let p = project(&mut rng, sources.len());
        rows += p.indicators.len();
        sources.push(p);
    }
    println!("数据：{} 个项目，{rows} 条指标；{}构建", sources.len(), if cfg!(debug_assertions) { "调试" } else { "发布" });
    let started = Instant::now();
    let mut library = Library::build(&sources, Options::default());
    println!("构建指标库：{:.0} ms，{} 个条目", ms(started), library.entries.len());
    let started = Instant::now();
    let mut index = SimilarityIndex::new(&sources);
    println!("构建相似度索引：{:.0} ms", ms(started));
    for k in 0..edits {
        // One indicator of one project edited: that source leaves and comes back at its place.
        let p = rng.below(sources.len());
        sources[p].indicators[7] = indicator("满意度指标", "服务对象满意度指标", "群众满意度", &format!("≥{}%", 80 + k), None);
        let moved: Vec<Option<usize>> = (0..sources.len()).map(|q| (q != p).then_some(q)).collect();
        let started = Instant::now();
        library.update(&sources, &moved);
        let lib = ms(started);
        let started = Instant::now();
        index.update(&sources, &moved);
        println!("第{}次原位修改：指标库更新 {lib:.1} ms，索引更新 {:.1} ms", k + 1, ms(started));
        // One project added in the middle: every later source moves by one.
        let at = rng.below(sources.len());
        let fresh = project(&mut rng, sources.len());
        sources.insert(at, fresh);
        let moved: Vec<Option<usize>> = (0..sources.len() - 1).map(|q| Some(if q < at { q } else { q + 1 })).collect();
        let started = Instant::now();
        library.update(&sources, &moved);
        let lib = ms(started);
        let started = Instant::now();
        index.update(&sources, &moved);
        println!("第{}次中间新增：指标库更新 {lib:.1} ms，索引更新 {:.1} ms", k + 1, ms(started));
    }
    let started = Instant::now();
    let built = Library::build(&sources, Options::default());
    println!("同一数据整体重建：{:.0} ms", ms(started));
    assert_eq!(built.entries, library.entries, "更新后的条目与整体重建不同");
}
