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
    /// 绩效目标文档
    document: PathBuf,
    /// 填好的 1–12 月监控模板（全年执行数与实际完成值）
    #[arg(long)]
    year_end: PathBuf,
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
        .with_context(|| format!("无法读取配置文件 {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("配置文件 {} 格式错误", path.display()))
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
    let Some(report) = read_filled(&args.year_end, &doc) else {
        return Ok(ExitCode::from(1));
    };
    let scores = match jixiao_assess::score_year_end(&doc, &report, &cfg) {
        Ok(s) => s,
        Err(errors) => {
            for e in &errors {
                eprintln!("错误：{e}");
            }
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
