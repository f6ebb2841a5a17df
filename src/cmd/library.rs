//! `jixiao library build | search | show`: the indicator library (指标库) of a database, built
//! the way the service builds it (`jixiao_server::library`), from every current project — or,
//! with `--published`, from approved (published) projects only, as the public sees it.

use std::collections::{BTreeMap, BTreeSet};
use std::process::ExitCode;

use jixiao_server::library::{build, Snapshot};
use jixiao_store::{Store, Visibility};

use super::store::DEFAULT_DB;

#[derive(clap::Args)]
pub struct Common {
    /// 数据库地址：sqlite://文件 或 postgres://…
    #[arg(long, default_value = DEFAULT_DB)]
    db: String,
    /// 只用已批准（公开）的项目，即公众看到的指标库
    #[arg(long)]
    published: bool,
}

#[derive(clap::Subcommand)]
pub enum Library {
    /// 由数据库中的项目归纳指标库，输出概况（条目数、共性指标、按一级指标分布、最常用的条目、对标检查提示）
    Build {
        #[command(flatten)]
        common: Common,
        /// 列出最常用的条目数（及对标检查提示的条数）
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// 审核配置文件（TOML）：其中的 [rules.JX-B003] 等可停用对标检查规则或调整严重程度
        #[arg(long)]
        config: Option<std::path::PathBuf>,
    },
    /// 查找名称或写法含有某词的条目
    Search {
        /// 指标名称中的词，如：满意度
        word: String,
        #[command(flatten)]
        common: Common,
    },
    /// 显示一个条目：指标值分布（按单位：最小、四分位、最大）、部门与项目数、各行业的部门数、年度、常见写法、解释与依据、共性（3 个及以上行业使用）或个性、使用的项目
    Show {
        /// 条目名称（同名多单位时含单位，如：培训人数（人））
        entry: String,
        #[command(flatten)]
        common: Common,
    },
}

fn snapshot(common: &Common) -> anyhow::Result<Snapshot> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let store = Store::open(&common.db).await?;
        let seen = if common.published {
            Visibility::Published
        } else {
            Visibility::Everything
        };
        let snapshot = build(&store, seen).await?;
        store.close().await;
        Ok(snapshot)
    })
}

pub fn run(command: Library) -> anyhow::Result<ExitCode> {
    let mut out = String::new();
    let code = match command {
        Library::Build { common, top, config } => {
            let rules = match config {
                Some(path) => jixiao_review::Config::load(&path)?.rules().clone(),
                None => jixiao_rules::Settings::default(),
            };
            let s = snapshot(&common)?.with_rules(std::sync::Arc::new(rules));
            out.push_str(&summary(&s, top));
            ExitCode::SUCCESS
        }
        Library::Search { word, common } => {
            let s = snapshot(&common)?;
            let found = s.library.search(&word);
            if found.is_empty() {
                out.push_str(&format!("没有找到含“{}”的条目。\n", word.trim()));
                ExitCode::from(1)
            } else {
                out.push_str(&format!("含“{}”的条目 {} 个：\n", word.trim(), found.len()));
                for e in found {
                    out.push_str(&format!("{}\n", e.line()));
                }
                ExitCode::SUCCESS
            }
        }
        Library::Show { entry, common } => {
            let s = snapshot(&common)?;
            let (k, e) = s.entry(&entry)?;
            out.push_str(&e.describe());
            let users = s.users_of(k);
            out.push_str(&format!("使用的项目（{}个）：\n", users.len()));
            for (_, p, targets) in users.iter().take(30) {
                let p = &s.sources[*p];
                let year = p.year.map_or("年度不详".to_string(), |y| format!("{y}年"));
                out.push_str(&format!("  {}·{year}·{}：{}\n", p.department, p.name, targets.join("；")));
            }
            if users.len() > 30 {
                out.push_str(&format!("  ……另有 {} 个项目\n", users.len() - 30));
            }
            ExitCode::SUCCESS
        }
    };
    // A reader that stops early (`| head`) is no error.
    use std::io::Write;
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(code),
    }
}

/// The summary `build` prints.
pub fn summary(s: &Snapshot, top: usize) -> String {
    let departments: BTreeSet<&str> = s
        .sources
        .iter()
        .map(|p| p.department.as_str())
        .filter(|d| !d.is_empty())
        .collect();
    let years: BTreeSet<i32> = s.sources.iter().filter_map(|p| p.year).collect();
    let rows: usize = s.sources.iter().map(|p| p.indicators.len()).sum();
    let entries = &s.library.entries;
    let common = entries.iter().filter(|e| e.common).count();
    let years: Vec<String> = years.iter().map(i32::to_string).collect();
    let mut out = format!(
        "指标库：{} 个部门、{} 个项目、{} 行指标（年度：{}），归纳为 {} 个条目，其中共性指标 {} 个。\n",
        departments.len(),
        s.sources.len(),
        rows,
        if years.is_empty() {
            "不详".to_string()
        } else {
            years.join("、")
        },
        entries.len(),
        common
    );
    let mut by_level: BTreeMap<&str, usize> = BTreeMap::new();
    for e in entries {
        *by_level.entry(e.level1.map_or("未分类", |l| l.name())).or_default() += 1;
    }
    out.push_str("按一级指标：");
    out.push_str(
        &by_level
            .iter()
            .map(|(l, n)| format!("{l} {n} 个"))
            .collect::<Vec<_>>()
            .join("，"),
    );
    out.push('\n');
    if top > 0 && !entries.is_empty() {
        out.push_str(&format!("最常用的条目（前 {}）：\n", top.min(entries.len())));
        for e in entries.iter().take(top) {
            out.push_str(&format!("  {}\n", e.line()));
        }
    }
    // The benchmark checks, through the rules' text renderer, under a heading per department
    // (its statistics) or project.
    let b = s.benchmarks();
    let mut rules: BTreeMap<&str, usize> = BTreeMap::new();
    for f in b.all() {
        *rules.entry(f.rule_id).or_default() += 1;
    }
    if rules.is_empty() {
        out.push_str("对标检查：无提示。\n");
        return out;
    }
    out.push_str(&format!(
        "对标检查：{} 条提示（{}）。\n",
        b.len(),
        rules.iter().map(|(r, n)| format!("{r} {n} 条")).collect::<Vec<_>>().join("，")
    ));
    let year = |y: Option<i32>| y.map_or("年度不详".to_string(), |y| format!("{y}年"));
    let department = |d: &str| if d.is_empty() { "未识别部门".to_string() } else { d.to_string() };
    let mut left = top;
    for (d, y, findings) in &b.departments {
        if left == 0 {
            break;
        }
        let shown = &findings[..findings.len().min(left)];
        left -= shown.len();
        out.push_str(&format!("{}·{}\n", department(d), year(*y)));
        out.push_str(&jixiao_rules::render_findings_text(shown, false));
    }
    let mut rows: Vec<&jixiao_rules::Finding> = b.rows.iter().collect();
    rows.sort_by_key(|f| (f.location.project, f.location.row));
    let mut last = None;
    for f in rows.into_iter().take(left) {
        let p = f.location.project.unwrap_or_default();
        if last != Some(p) {
            let source = &s.sources[p];
            out.push_str(&format!("{}·{}·{}\n", department(&source.department), year(source.year), source.name));
            last = Some(p);
        }
        out.push_str(&jixiao_rules::render_findings_text([f], false));
    }
    out
}
