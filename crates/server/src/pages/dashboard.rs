//! 首页/仪表盘 per year: departments, total budget, projects, indicators, review quality
//! distribution, open findings and workflow status, with charts (ECharts, vendored).

use axum::extract::State;
use axum::response::Response;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::queries;
use cache::Summary;
use super::render::{page_result, render, PageError, Viewer, PageQuery};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct YearQuery {
    pub year: Option<String>,
}

/// The dashboard's "year" of the projects whose document prints no year (`?year=unknown`):
/// they have their own view, so that no project is out of reach.
pub const UNDATED: i64 = 0;

/// `?year=unknown`: the projects without a year.
pub fn asks_undated(asked: Option<&str>) -> bool {
    asked.map(str::trim) == Some("unknown")
}

/// The year asked for, or the latest one that has data.
pub fn pick_year(asked: Option<&str>, years: &[i64]) -> Result<Option<i64>, PageError> {
    match asked.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => text
            .parse::<i64>()
            .map(Some)
            .map_err(|_| PageError::BadRequest(format!("年度应为四位数字，实际为“{text}”。"))),
        None => Ok(years.first().copied()),
    }
}

pub async fn page(State(state): State<AppState>, me: Viewer, PageQuery(q): PageQuery<YearQuery>) -> Response {
    let r = build(&state, &me, q).await;
    page_result(&me, r)
}

async fn build(state: &AppState, me: &Viewer, q: YearQuery) -> Result<axum::response::Html<String>, PageError> {
    let years = state.store.years().await?;
    let undated = cache::summary(&state.store, me.actor, UNDATED).await?;
    let has_undated = !undated.departments.is_empty();
    let year = if asks_undated(q.year.as_deref()) {
        Some(UNDATED)
    } else {
        match pick_year(q.year.as_deref(), &years)? {
            Some(y) => Some(y),
            None if has_undated => Some(UNDATED),
            None => None,
        }
    };
    // The signed-in viewer's work queues (我的草稿 / 被退回, 待审核) with their counts.
    let queues = super::queue::counts(state, me, None).await?;
    // Those who draft or review are told which years are open, until when.
    let deadlines = if me.signed_in { crate::api::years::deadlines(state).await? } else { Vec::new() };
    let Some(year) = year else {
        return render("dashboard.html", minijinja::context! { me, years, queues, deadlines, year => None::<i64> });
    };
    let summary = if year == UNDATED { undated } else { cache::summary(&state.store, me.actor, year).await? };
    let Summary { departments, lights, document_findings } = &*summary;
    // Links keep the year: `?year=unknown` for the projects without one.
    let year_param = if year == UNDATED { "unknown".to_string() } else { year.to_string() };
    let total_budget: Decimal = departments.iter().map(|d| d.budget).sum();
    let indicators: i64 = departments.iter().map(|d| d.indicators).sum();
    let (mut findings, mut quality) = ([0i64; 3], [0i64; 4]);
    for d in departments {
        findings.iter_mut().zip(d.findings).for_each(|(t, n)| *t += n);
        quality.iter_mut().zip(d.quality).for_each(|(t, n)| *t += n);
    }
    // The documents' own findings (项目预算之和与合计不符 …) count as well.
    findings.iter_mut().zip(document_findings).for_each(|(t, n)| *t += n);
    let projects: i64 = departments.iter().map(|d| d.projects).sum();
    let status = [
        ("草稿", departments.iter().map(|d| d.draft).sum::<i64>()),
        ("已提交", departments.iter().map(|d| d.submitted).sum()),
        ("已退回", departments.iter().map(|d| d.returned).sum()),
        ("已批准", departments.iter().map(|d| d.approved).sum()),
    ];
    // Charts get plain numbers; the budget chart shows the 20 largest departments.
    let chart = serde_json::json!({
        "status": status.iter().map(|(n, v)| serde_json::json!({"name": n, "value": v})).collect::<Vec<_>>(),
        "severity": { "names": ["错误", "警告", "提示"], "values": findings },
        "quality": { "names": ["优", "良", "中", "差"], "values": quality },
        "budget": {
            "names": departments.iter().take(20).map(|d| d.name.clone()).collect::<Vec<_>>(),
            "values": departments.iter().take(20).map(|d| d.budget.round_dp(2).to_string()).collect::<Vec<_>>(),
        },
    });
    let shown: Vec<_> = departments.iter().take(200).collect();
    render(
        "dashboard.html",
        minijinja::context! {
            me, years, year, year_param, has_undated, queues, deadlines,
            undated => year == UNDATED,
            department_count => departments.len(),
            departments => shown,
            more_departments => departments.len().saturating_sub(200),
            total_budget => super::format::wan(total_budget),
            projects, indicators,
            open_findings => findings.iter().sum::<i64>(),
            findings, quality,
            status => status.iter().map(|(n, v)| minijinja::context!{ name => n, value => v }).collect::<Vec<_>>(),
            chart,
            lights,
        },
    )
}

/// The year's aggregates, kept between requests: summing a year of a million-indicator
/// database takes tens of milliseconds, while the data changes far less often than the
/// dashboard is opened. An entry is reused while the database's change stamp (the last
/// audit entry and the last imported revision: every write through jixiao adds one) is the
/// same, and for at most [`cache::MAX_AGE`] even then, for writes made outside jixiao.
/// After a write through jixiao the entries of that database are recomputed in the
/// background ([`cache::refresh_after_write`]), so the next visitor usually finds them fresh;
/// a page never shows figures older than the last write.
pub mod cache {
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex, OnceLock};
    use std::time::{Duration, Instant};

    use jixiao_store::Store;

    use super::queries::{self, DepartmentRow};
    use crate::auth::policy::{Actor, Visibility};
    use crate::problem::Problem;

    pub const MAX_AGE: Duration = Duration::from_secs(60);

    #[derive(Debug)]
    pub struct Summary {
        /// The year's projects by department (totals are summed from these).
        pub departments: Vec<DepartmentRow>,
        /// 运行监控预警与自评得分, by department.
        pub lights: Vec<super::super::overview::DepartmentLights>,
        /// The documents' own findings by severity (not about one project).
        pub document_findings: [i64; 3],
    }

    /// (database, year, what the viewer may see)
    type Key = (String, i64, Visibility);

    struct Entry {
        stamp: (i64, i64),
        at: Instant,
        /// Last time a page used it: only entries in use are refreshed after writes.
        used: Instant,
        /// A viewer with this visibility, to recompute the entry after a write.
        actor: Actor,
        data: Arc<Summary>,
    }

    fn entries() -> &'static Mutex<HashMap<Key, Entry>> {
        static CACHE: OnceLock<Mutex<HashMap<Key, Entry>>> = OnceLock::new();
        CACHE.get_or_init(|| Mutex::new(HashMap::new()))
    }

    /// One computation at a time per entry: a visitor arriving while the background refresh
    /// computes the entry they need waits for it and takes its result instead of doing the
    /// same work beside it (other entries do not make them wait).
    fn computing(key: &Key) -> Arc<tokio::sync::Mutex<()>> {
        static LOCKS: OnceLock<Mutex<HashMap<Key, Arc<tokio::sync::Mutex<()>>>>> = OnceLock::new();
        let mut locks = LOCKS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
        if locks.len() > 1024 {
            locks.retain(|_, lock| Arc::strong_count(lock) > 1); // drop the idle ones
        }
        locks.entry(key.clone()).or_default().clone()
    }

    async fn stamp(store: &Store) -> Result<(i64, i64), Problem> {
        Ok(store.change_stamp().await?)
    }

    fn database(store: &Store) -> String {
        store.identity().to_string()
    }

    fn key(store: &Store, actor: Actor, year: i64) -> Key {
        (database(store), year, actor.visibility())
    }

    /// The entry when it is still fresh; a page's use (`touch`) keeps it among those refreshed.
    fn fresh(key: &Key, stamp: (i64, i64), touch: bool) -> Option<Arc<Summary>> {
        let mut map = entries().lock().ok()?;
        let e = map.get_mut(key)?;
        (e.stamp == stamp && e.at.elapsed() < MAX_AGE).then(|| {
            if touch {
                e.used = Instant::now();
            }
            e.data.clone()
        })
    }

    pub async fn summary(store: &Store, actor: Actor, year: i64) -> Result<Arc<Summary>, Problem> {
        load(store, actor, year, true).await
    }

    async fn load(store: &Store, actor: Actor, year: i64, touch: bool) -> Result<Arc<Summary>, Problem> {
        let key = key(store, actor, year);
        if let Some(data) = fresh(&key, stamp(store).await?, touch) {
            return Ok(data);
        }
        let lock = computing(&key);
        let _one_at_a_time = lock.lock().await;
        // The stamp again: a write may have landed, or a refresh finished, while we waited.
        let now_stamp = stamp(store).await?;
        if let Some(data) = fresh(&key, now_stamp, touch) {
            return Ok(data);
        }
        let data = compute(store, actor, year).await?;
        if let Ok(mut map) = entries().lock() {
            // Bounded: stale entries go first, and the map never outgrows a few hundred keys.
            map.retain(|_, e| e.used.elapsed() < MAX_AGE);
            if map.len() < 512 {
                let now = Instant::now();
                let used = if touch { now } else { map.get(&key).map_or(now, |e| e.used) };
                map.insert(key, Entry { stamp: now_stamp, at: now, used, data: data.clone(), actor });
            }
        }
        Ok(data)
    }

    async fn compute(store: &Store, actor: Actor, year: i64) -> Result<Arc<Summary>, Problem> {
        let dated = (year != super::UNDATED).then_some(year);
        let (departments, lights, document_findings) = tokio::try_join!(
            queries::departments_of_year(store, actor, year),
            async {
                match dated {
                    Some(y) => super::super::overview::departments(store, actor, y).await,
                    None => Ok(Vec::new()),
                }
            },
            async { store.document_finding_counts(actor.visibility(), dated).await.map_err(Problem::from) },
        )?;
        Ok(Arc::new(Summary { departments, lights, document_findings }))
    }

    /// Recomputes, in the background, the entries of `store`'s database that pages used in
    /// the last [`MAX_AGE`] (the router calls this after every successful write request).
    /// One refresh runs at a time; writes arriving meanwhile make it go round once more, so a
    /// burst of imports costs a few recomputations, not one per file.
    pub fn refresh_after_write(store: Store) {
        static DIRTY: AtomicBool = AtomicBool::new(false);
        static RUNNING: OnceLock<Arc<tokio::sync::Mutex<()>>> = OnceLock::new();
        DIRTY.store(true, Ordering::SeqCst);
        let Ok(running) = RUNNING.get_or_init(Default::default).clone().try_lock_owned() else {
            return; // the running refresh sees DIRTY and goes round again
        };
        tokio::spawn(async move {
            let _running = running;
            while DIRTY.swap(false, Ordering::SeqCst) {
                let db = database(&store);
                let wanted: Vec<(i64, Actor)> = match entries().lock() {
                    Ok(map) => map
                        .iter()
                        .filter(|((d, _, _), e)| *d == db && e.used.elapsed() < MAX_AGE)
                        .map(|((_, year, _), e)| (*year, e.actor))
                        .collect(),
                    Err(_) => return,
                };
                for (year, actor) in wanted {
                    // An error only means the next visitor computes the figures itself. A refresh
                    // is no use: entries no page asked for in MAX_AGE are left to expire.
                    let _ = load(&store, actor, year, false).await;
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_defaults_to_the_latest_and_must_be_a_number() {
        assert_eq!(pick_year(None, &[2024, 2023]).unwrap(), Some(2024));
        assert_eq!(pick_year(Some(""), &[]).unwrap(), None);
        assert_eq!(pick_year(Some("2020"), &[2024]).unwrap(), Some(2020));
        match pick_year(Some("二〇二〇"), &[]) {
            Err(PageError::BadRequest(m)) => assert_eq!(m, "年度应为四位数字，实际为“二〇二〇”。"),
            other => panic!("{other:?}"),
        }
    }
}
