//! Review throughput on a generated corpus of 1 M indicator rows.
//!
//! Documents are generated one at a time (500 projects × 10 rows, rows drawn from the shapes
//! the published seeds use: clean rows, copied names, ≥100%, unit contradictions, costs,
//! goals with numbers), reviewed, and dropped. Only `review` is timed, as wall time and as
//! time on a CPU (the machine is shared: wall time includes waiting for a core); peak memory
//! is the process's VmHWM. Target: < 2 s on one core, peak < 1 GiB.
//!
//! The checksum covers every finding (rule, place, message, quotes, fix): a change meant only
//! to make the review faster must leave it unchanged. Run with `cargo bench -p jixiao-review`.

// The allocator the `jixiao` binary (the CLI and the server, which review) uses: the review
// makes many small strings, and glibc's malloc and free took a fifth of its time here.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::{Duration, Instant};

use jixiao_model::*;
use jixiao_review::{review, Config};

const TOTAL_ROWS: usize = 1_000_000;
const PROJECTS_PER_DOC: usize = 500;

/// (一级, 二级, 三级, 描述, 指标值, 依据); `{n}` becomes a number.
const ROWS: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "产出指标",
        "数量指标",
        "宣传活动次数",
        "全年开展宣传活动的次数",
        "≥{n}次",
        "年度工作计划",
    ),
    (
        "产出指标",
        "数量指标",
        "执法检查企业数量",
        "全年检查企业的数量",
        "≥{n}家",
        "临安办[2019]10号",
    ),
    (
        "产出指标",
        "质量指标",
        "宣传覆盖率",
        "宣传覆盖的村居占全部村居的比例",
        "≥9{d}%",
        "年度工作计划",
    ),
    (
        "产出指标",
        "质量指标",
        "工作任务完成情况",
        "工作任务完成情况",
        "工作任务完成情况",
        "",
    ),
    (
        "产出指标",
        "时效指标",
        "按时完成率",
        "按时完成率",
        "按时完成",
        "",
    ),
    (
        "产出指标",
        "时效指标",
        "资金及时发放率",
        "资金按时发放的比例",
        "≥100%",
        "冀民[2018]120号",
    ),
    (
        "产出指标",
        "成本指标",
        "宣传材料费",
        "印制宣传材料的费用",
        "≤{n}万元",
        "预算支出标准",
    ),
    (
        "产出指标",
        "成本指标",
        "项目预算控制",
        "项目预算控制",
        "项目预算控制内",
        "",
    ),
    (
        "效益指标",
        "社会效益指标",
        "安全知识知晓率",
        "知晓安全知识的群众占受访群众的比例",
        "≥8{d}%",
        "历史标准",
    ),
    (
        "效益指标",
        "社会效益指标",
        "农村住房保险对象人数（按年平均）",
        "农村住房保险对象的户数",
        "{n}000人",
        "冀民[2018]120号",
    ),
    (
        "效益指标",
        "生态效益指标",
        "生态效益指标",
        "生态效益指标",
        "促进生态文明建设",
        "",
    ),
    (
        "效益指标",
        "可持续影响指标",
        "宣传机制健全性",
        "宣传工作机制是否健全",
        "健全",
        "计划标准",
    ),
    (
        "效益指标",
        "经济效益指标",
        "受灾对象财产损失降低率",
        "损失降低的比例",
        "≥0",
        "",
    ),
    (
        "满意度指标",
        "服务对象满意度指标",
        "群众满意度",
        "受访群众中表示满意的比例",
        "≥9{d}%",
        "历史标准",
    ),
    (
        "满意度指标",
        "服务对象满意度指标",
        "企业满意度",
        "企业满意度",
        "100企业满意度",
        "临汛字【20196】4号",
    ),
];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

fn located<T>(value: T, line: u32, cell: u32) -> Located<T> {
    Located::new(value, Origin::cell(line, cell))
}

fn document(seed: u64, rows_per_project: usize) -> Document {
    let mut rng = Lcg(seed);
    let mut line = 1u32;
    let projects = (0..PROJECTS_PER_DOC)
        .map(|p| {
            let start = line;
            let indicators = (0..rows_per_project)
                .map(|_| {
                    line += 7;
                    let (l1, l2, l3, desc, target, basis) = ROWS[rng.next() % ROWS.len()];
                    let n = (rng.next() % 40 + 1).to_string();
                    let d = (rng.next() % 10).to_string();
                    let target = target.replace("{n}", &n).replace("{d}", &d);
                    Indicator {
                        level1: IndicatorLevel {
                            category: Level1::from_printed(l1),
                            printed: located(l1.into(), line, 1),
                            inherited: false,
                        },
                        level2: IndicatorLevel {
                            category: Level2::from_printed(l2),
                            printed: located(l2.into(), line, 2),
                            inherited: false,
                        },
                        level3: Some(located(l3.into(), line, 3)),
                        description: Some(located(desc.into(), line, 4)),
                        target: Some(located(Target::parse(&target), line, 5)),
                        basis: (!basis.is_empty()).then(|| located(basis.into(), line, 6)),
                        weight: None,
                        at: Origin::line(line),
                        evaluation: None,
                    }
                })
                .collect();
            Project {
                period: None,
                unit: None,
                code: Some(located(format!("426-{p:04}"), start, 2)),
                name: located(format!("安全生产宣传项目{p}"), start, 4),
                budget: Budget {
                    total: Some(located(Money(Decimal::from(20 + p % 30)), start + 2, 2)),
                    fiscal: Some(located(Money(Decimal::from(20 + p % 30)), start + 2, 4)),
                    other: None,
                },
                purpose: Some(located(
                    "开展安全生产宣传，印制宣传材料。".into(),
                    start + 3,
                    1,
                )),
                spending_plan: Some(SpendingPlan {
                    cumulative_percent: [25, 50, 75, 100]
                        .map(|v| Some(located(Decimal::from(v), start + 4, 1))),
                }),
                goals: vec![located(
                    format!(
                        "1、全年开展安全生产宣传{}次以上，宣传覆盖率达到90%，2019年底前完成考评。",
                        p % 9 + 1
                    ),
                    start + 5,
                    2,
                )],
                indicators,
                at: Origin::line(start),
                evaluation: None,
            }
        })
        .collect();
    Document {
        source: format!("corpus-{seed}.txt"),
        year: Some(located(2020, 1, 1)),
        projects,
        ..Default::default()
    }
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Nanoseconds this thread has run on a CPU (not waiting for one).
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// Feeds everything a user reads of a finding into `h`.
fn hash_finding(f: &jixiao_rules::Finding, h: &mut DefaultHasher) {
    (f.rule_id, f.severity as u8, &f.message, &f.suggestion).hash(h);
    let l = &f.location;
    (l.project, l.row, l.line, l.cell, l.field).hash(h);
    for q in &f.quotes {
        (q.field, &q.value).hash(h);
    }
}

fn main() {
    let rows_per_project = 10;
    let docs = TOTAL_ROWS / (PROJECTS_PER_DOC * rows_per_project);
    let cfg = Config::default();
    let (mut wall, mut cpu) = (Duration::ZERO, 0u64);
    let (mut rows, mut findings) = (0usize, 0usize);
    let mut checksum = DefaultHasher::new();
    for seed in 0..docs as u64 {
        let doc = document(seed + 1, rows_per_project);
        let (started, cpu_started) = (Instant::now(), cpu_ns());
        let report = review(&doc, &cfg);
        cpu += cpu_ns() - cpu_started;
        wall += started.elapsed();
        rows += report.indicators;
        findings += report.findings.len();
        for f in &report.findings {
            hash_finding(f, &mut checksum);
        }
        std::hint::black_box(&report);
    }
    let secs = wall.as_secs_f64();
    let cpu_secs = cpu as f64 / 1e9;
    println!("审核基准：{docs} 份文档，{rows} 行指标，{findings} 条审核意见");
    println!("审核意见校验和：{:016x}", checksum.finish());
    println!("审核耗时：{secs:.3} 秒（墙钟），{cpu_secs:.3} 秒（占用 CPU，单线程）");
    println!("吞吐量：{:.0} 行/秒（按 CPU 时间）", rows as f64 / cpu_secs);
    match peak_rss_kib() {
        Some(kib) => println!("峰值内存（VmHWM）：{:.1} MiB", kib as f64 / 1024.0),
        None => println!("峰值内存：无法读取 /proc/self/status"),
    }
    assert_eq!(rows, TOTAL_ROWS);
}
