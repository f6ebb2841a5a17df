//! `jixiao monitor` and `jixiao score`: in-year monitoring and year-end self-evaluation.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use jixiao_assess::{LightConfig, MonitoringReport, Period, ScoringConfig};
use jixiao_office::monitoring as xlsx;
use jixiao_office::write_html::page_html;
use jixiao_office::write_table::tables_xlsx;

use super::{read_document, write_file};

#[derive(clap::Subcommand)]
pub enum Monitor {
    /// 生成预填项目与指标的监控填报模板（.xlsx）
    Template {
        /// 绩效目标文档
        document: PathBuf,
        /// 监控期起始月份
        #[arg(long, default_value_t = 1)]
        from_month: u32,
        /// 监控期截止月份（如 7 表示 1–7 月）
        #[arg(long, default_value_t = 7)]
        to_month: u32,
        /// 年度（文档未注明时）
        #[arg(long)]
        year: Option<i32>,
        /// 输出文件
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 导入填好的模板：逐格检查，有错误时不导入（退出码 1）
    Import { document: PathBuf, filled: PathBuf },
    /// 计算并输出预警灯
    Lights {
        document: PathBuf,
        filled: PathBuf,
        /// 预警阈值配置（JSON）
        #[arg(long)]
        config: Option<PathBuf>,
        /// 另存为网页
        #[arg(long)]
        html: Option<PathBuf>,
        /// 另存为 .xlsx
        #[arg(long)]
        xlsx: Option<PathBuf>,
    },
}

#[derive(clap::Args)]
pub struct ScoreArgs {
    /// 绩效目标文档；或已公开的项目支出绩效自评表（此时不需 --year-end，按评分规则复核所印得分）
    document: PathBuf,
    /// 填好的 1–12 月监控模板（全年执行数与实际完成值）
    #[arg(long)]
    year_end: Option<PathBuf>,
    /// 与自评表同一项目的绩效目标表：按批复的年度指标值复核（只用于已公开的自评表）
    #[arg(long)]
    targets: Option<PathBuf>,
    /// 评分配置（JSON）
    #[arg(long)]
    config: Option<PathBuf>,
    /// 项目支出绩效自评表（网页）
    #[arg(long)]
    html: Option<PathBuf>,
    /// 项目支出绩效自评表（.xlsx）
    #[arg(long)]
    xlsx: Option<PathBuf>,
    /// 部门汇总（网页）
    #[arg(long)]
    summary_html: Option<PathBuf>,
}

fn json_config<T: serde::de::DeserializeOwned + Default>(path: Option<&Path>) -> anyhow::Result<T> {
    let Some(path) = path else {
        return Ok(T::default());
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("无法读取配置文件 {}：{}", path.display(), jixiao_model::io_reason(&e)))?;
    serde_json::from_str(&text).with_context(|| format!("配置文件 {} 格式错误", path.display()))
}

/// `jixiao score 自评表`: a published self-evaluation as the year-end input. Its printed
/// scores are re-scored by the rules (each row published beside recomputed, with the
/// arithmetic, then the findings `JX-E…`); with `--targets` each project is paired with the
/// target table's project and judged against the approved 年度指标值 (`JX-E015` where the
/// 自评表 changed one). Exit code 1 when a finding is an error.
fn score_published(args: &ScoreArgs, doc: &jixiao_model::Document, cfg: &ScoringConfig) -> anyhow::Result<ExitCode> {
    let evaluates = doc.projects.iter().any(jixiao_model::Project::is_self_evaluation)
        || doc.department_evaluation.as_deref().is_some_and(|e| !e.is_empty())
        || doc.department_indicators.iter().any(|i| i.evaluation.is_some());
    if !evaluates {
        anyhow::bail!(
            "{} 不是已公开的自评表（没有实际完成值、分值或得分）：按监控数据打分请用 --year-end 给出填好的 1–12 月监控模板",
            args.document.display()
        );
    }
    if let Err(e) = cfg.validate() {
        anyhow::bail!("评分配置错误：{e}");
    }
    let targets = match &args.targets {
        Some(path) => Some(read_document(path)?),
        None => None,
    };
    let pairs = targets.as_ref().map(|t| jixiao_model::pairing::pair_documents(t, doc)).unwrap_or_default();
    let approved: Vec<(usize, &jixiao_model::Project)> = match &targets {
        Some(t) => pairs.iter().map(|p| (p.evaluation, &t.projects[p.target])).collect(),
        None => Vec::new(),
    };
    if let Some(t) = &targets {
        for (i, p) in doc.projects.iter().enumerate().filter(|(_, p)| p.is_self_evaluation()) {
            match pairs.iter().find(|x| x.evaluation == i) {
                Some(pair) => println!(
                    "「{}」与绩效目标表项目「{}」为同一项目（{}），按批复的年度指标值复核",
                    p.name.value,
                    t.projects[pair.target].name.value,
                    pair.by.label()
                ),
                None => println!("「{}」在绩效目标表中找不到同一项目（按项目编码，或部门、项目名称与年度），按自评表所印的年度指标值复核", p.name.value),
            }
        }
    }
    let (judged, _) = jixiao_assess::with_approved_targets(doc, &approved);
    let rescored = jixiao_assess::rescore(&judged, cfg);
    print!("{}", jixiao_assess::rescored_text(&judged, &rescored));
    let settings = jixiao_rules::Settings::default();
    let findings = jixiao_assess::check_against_targets(doc, &approved, cfg, &settings);
    if findings.is_empty() {
        println!("复核意见：无，所印得分均与评分规则相符。");
    } else {
        println!("复核意见（{} 条）：", findings.len());
        print!("{}", jixiao_rules::render_findings_text(&findings, false));
    }
    let scores: Vec<jixiao_assess::ProjectScore> = rescored.iter().filter_map(|r| r.score(&judged, cfg)).collect();
    let tables = jixiao_assess::self_evaluation_tables(&judged, &scores);
    if let Some(p) = &args.html {
        write_file(p, page_html(&tables).as_bytes())?;
    }
    if let Some(p) = &args.xlsx {
        write_file(p, &tables_xlsx(&tables)?)?;
    }
    if args.summary_html.is_some() {
        anyhow::bail!("部门汇总需要监控数据（--year-end）");
    }
    let errors = findings.iter().any(|f| f.severity == jixiao_model::Severity::Error);
    Ok(if errors { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Reads a filled template, printing every bad cell; `None` when any cell is wrong.
fn read_filled(filled: &Path, doc: &jixiao_model::Document) -> Option<MonitoringReport> {
    match xlsx::read_monitoring_path(filled, doc) {
        Ok(report) => Some(report),
        Err(errors) => {
            for e in &errors {
                eprintln!("错误：{e}");
            }
            eprintln!("共 {} 处错误，未导入任何数据。", errors.len());
            None
        }
    }
}

pub fn monitor(cmd: Monitor) -> anyhow::Result<ExitCode> {
    match cmd {
        Monitor::Template {
            document,
            from_month,
            to_month,
            year,
            output,
        } => {
            let doc = read_document(&document)?;
            let year = year.or(doc.year.as_ref().map(|y| y.value));
            let period =
                Period::new(year, from_month, to_month).map_err(|e| anyhow::anyhow!("{e}"))?;
            write_file(&output, &xlsx::monitor_template(&doc, period, None)?)?;
            println!("已生成监控模板：{}", output.display());
        }
        Monitor::Import { document, filled } => {
            let doc = read_document(&document)?;
            let Some(report) = read_filled(&filled, &doc) else {
                return Ok(ExitCode::from(1));
            };
            let lights = jixiao_assess::report_lights(&doc, &report, &LightConfig::default());
            print!("{}", jixiao_assess::report::lights_text(&doc, &lights));
        }
        Monitor::Lights {
            document,
            filled,
            config,
            html,
            xlsx: xlsx_out,
        } => {
            let doc = read_document(&document)?;
            let cfg: LightConfig = json_config(config.as_deref())?;
            let Some(report) = read_filled(&filled, &doc) else {
                return Ok(ExitCode::from(1));
            };
            let lights = jixiao_assess::report_lights(&doc, &report, &cfg);
            print!("{}", jixiao_assess::report::lights_text(&doc, &lights));
            if let Some(p) = html {
                write_file(
                    &p,
                    page_html(&jixiao_assess::lights_tables(&doc, &report, &lights)).as_bytes(),
                )?;
            }
            if let Some(p) = xlsx_out {
                write_file(&p, &tables_xlsx(&jixiao_assess::lights_tables(&doc, &report, &lights))?)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn score(args: ScoreArgs) -> anyhow::Result<ExitCode> {
    let doc = read_document(&args.document)?;
    let cfg: ScoringConfig = json_config(args.config.as_deref())?;
    let Some(year_end) = &args.year_end else {
        return score_published(&args, &doc, &cfg);
    };
    if args.targets.is_some() {
        anyhow::bail!("--targets 只用于已公开的自评表；按监控数据打分时，绩效目标即所给的文档");
    }
    // Every error, the template's and the scoring's, names its sheet and cell.
    let (report, scores) = match xlsx::score_year_end_path(year_end, &doc, &cfg) {
        Ok(read) => read,
        Err(errors) => {
            for e in &errors {
                eprintln!("错误：{e}");
            }
            eprintln!("共 {} 处错误，未评分。", errors.len());
            return Ok(ExitCode::from(1));
        }
    };
    print!("{}", jixiao_assess::report::scores_text(&scores));
    let tables = jixiao_assess::self_evaluation_tables(&doc, &scores);
    if let Some(p) = &args.html {
        write_file(p, page_html(&tables).as_bytes())?;
    }
    if let Some(p) = &args.xlsx {
        write_file(p, &tables_xlsx(&tables)?)?;
    }
    if let Some(p) = &args.summary_html {
        let lights = jixiao_assess::report_lights(&doc, &report, &LightConfig::default());
        let summary = jixiao_assess::department_summary(&doc, &scores, Some(&report), &lights);
        write_file(
            p,
            page_html(&jixiao_assess::department_summary_tables(&summary)).as_bytes(),
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
