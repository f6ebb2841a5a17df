//! 运行监控与自评 across departments, for the dashboard: each project's latest stored
//! monitoring entry of the year goes through `jixiao-assess` (warning lights; the 自评 score
//! when the entry covers the whole year), summed per department.

use jixiao_assess::{
    report_lights, score_year_end, LightConfig, MonitoringReport, Period, ScoringConfig,
};
use jixiao_store::Store;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::api::monitoring::{entry_of, monitoring_of};
use crate::auth::policy::Actor;
use crate::problem::Problem;

/// One department's lights and scores.
#[derive(Debug, Clone, Serialize)]
pub struct DepartmentLights {
    pub department: String,
    pub department_id: Option<i64>,
    /// Projects with a monitoring entry this year.
    pub projects: usize,
    /// 预算执行 lights: red, yellow, green.
    pub budget: [usize; 3],
    /// Indicator lights: red, yellow, green, blue, not applicable.
    pub indicators: [usize; 5],
    /// Projects scored (entries covering 1–12月) and their mean 自评 score.
    pub scored: usize,
    pub mean_score: Option<String>,
}

/// At most this many entries are evaluated for one dashboard (the latest first).
const MAX_ENTRIES: i64 = 500;

pub async fn departments(
    store: &Store,
    actor: Actor,
    year: i64,
) -> Result<Vec<DepartmentLights>, Problem> {
    let rows = store.monitored_projects(actor.visibility(), year, MAX_ENTRIES).await?;
    let mut out: Vec<DepartmentLights> = Vec::new();
    let mut last_project = None;
    let mut scores: Vec<(usize, Decimal)> = Vec::new();
    for r in rows {
        let project_id = r.project_id;
        if last_project == Some(project_id) {
            continue; // only the project's latest period
        }
        last_project = Some(project_id);
        let (first, last) = (r.first_month, r.last_month);
        let Ok(period) = Period::new(Some(year as i32), first as u32, last as u32) else {
            continue;
        };
        let Some(entry) = entry_of(store, project_id, period).await? else {
            continue;
        };
        let row = store.project(project_id).await?;
        let project = store.model_project(&row).await?;
        let mut monitored = monitoring_of(&entry);
        // 全年预算数 defaults to the project's budget (as on the monitoring page).
        if monitored.annual_budget.is_none() {
            monitored.annual_budget = project.budget.total.as_ref().map(|m| m.value);
        }
        let doc = jixiao_store::domain::document(String::new(), None, Some(year), vec![project]);
        let report = MonitoringReport {
            period,
            projects: vec![monitored],
        };
        let department = r.department.unwrap_or_else(|| "（未注明部门）".into());
        let index = match out.iter().position(|d| d.department == department) {
            Some(i) => i,
            None => {
                out.push(DepartmentLights {
                    department,
                    department_id: r.department_id,
                    projects: 0,
                    budget: [0; 3],
                    indicators: [0; 5],
                    scored: 0,
                    mean_score: None,
                });
                out.len() - 1
            }
        };
        let d = &mut out[index];
        d.projects += 1;
        for lights in report_lights(&doc, &report, &LightConfig::default()) {
            for (total, n) in d.indicators.iter_mut().zip(lights.counts()) {
                *total += n;
            }
            match lights.budget.light.label() {
                "红灯" => d.budget[0] += 1,
                "黄灯" => d.budget[1] += 1,
                "绿灯" => d.budget[2] += 1,
                _ => {}
            }
        }
        if first == 1 && last == 12 {
            if let Ok(scored) = score_year_end(&doc, &report, &ScoringConfig::default()) {
                for s in scored {
                    scores.push((index, s.total));
                }
            }
        }
    }
    for (i, d) in out.iter_mut().enumerate() {
        let mine: Vec<Decimal> = scores
            .iter()
            .filter(|(j, _)| *j == i)
            .map(|(_, s)| *s)
            .collect();
        d.scored = mine.len();
        if !mine.is_empty() {
            let mean = mine.iter().copied().sum::<Decimal>() / Decimal::from(mine.len());
            d.mean_score = Some(mean.round_dp(2).to_string());
        }
    }
    out.sort_by(|a, b| {
        b.indicators[0]
            .cmp(&a.indicators[0])
            .then(a.department.cmp(&b.department))
    });
    Ok(out)
}
