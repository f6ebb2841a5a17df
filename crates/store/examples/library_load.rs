//! How long the indicator library's load takes: [`Store::visible_model_projects`] as the
//! public sees it (every approved current project with its goals and indicators), the
//! store's part of building the library, timed apart from the build itself.
//!
//! `library_load DB_URL [RUNS]` — prints each run's wall time and the rows it returned.

use std::time::Instant;

use jixiao_store::{Store, Visibility};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let url = args.next().ok_or("用法：library_load 数据库地址 [次数]")?;
    let runs: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(3);
    let store = Store::open(&url).await?;
    for run in 1..=runs {
        let t = Instant::now();
        let projects = store.visible_model_projects(Visibility::Published).await?;
        let indicators: usize = projects.iter().map(|p| p.project.indicators.len()).sum();
        let goals: usize = projects.iter().map(|p| p.project.goals.len()).sum();
        println!(
            "第 {run} 次：{} 个项目，{indicators} 条指标，{goals} 条目标，用时 {:.2} 秒",
            projects.len(),
            t.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
