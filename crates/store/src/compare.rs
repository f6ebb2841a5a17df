//! Figures of projects for the comparisons (对比): the review's stored grade and the latest
//! monitoring entry of each project, with the reader's visibility applied in SQL. The service
//! lines them up with the indicator library's projects (the same visibility).

use serde::de::DeserializeOwned;

use crate::error::StoreError;
use crate::model::{DepartmentFigures, MonitoringEntry, ProjectFigures, Visibility};
use crate::sql::{bind_all, current, numbered, Arg, Col, Filter};
use crate::Store;

/// Which projects' figures: a year's, or some projects' (by id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FiguresOf<'a> {
    Year(i64),
    Projects(&'a [i64]),
}

/// The latest monitoring entry `e` of project `p`: the last month furthest, then the longest.
const LATEST_ENTRY: &str = "LEFT JOIN monitoring_entries e ON e.project_id = p.id AND NOT EXISTS (\
    SELECT 1 FROM monitoring_entries x WHERE x.project_id = e.project_id AND (x.last_month > e.last_month \
    OR (x.last_month = e.last_month AND x.first_month < e.first_month)))";

/// [`LATEST_ENTRY`] as `seen` may read it: monitoring (运行监控) is the administrator's and the
/// reviewer's, and a filler's for their own department only; the public reads none
/// (SECURITY.md). A project the caller may see but whose monitoring they may not read joins
/// no entry: no 执行数, no 实际值.
fn latest_entry(seen: Visibility) -> String {
    match seen {
        Visibility::Everything => LATEST_ENTRY.to_string(),
        // (A department id from the caller's session, an integer: no text is spliced in.)
        Visibility::Department(d) => format!("{LATEST_ENTRY} AND p.department_id = {d}"),
        Visibility::Published => format!("{LATEST_ENTRY} AND 1 = 0"),
    }
}

/// A stored amount in 万元 (`col`, else `fallback`) as whole yuan, for SQL sums on both backends.
fn yuan(col: &str, fallback: Option<&str>) -> String {
    let fallback = fallback.map_or(String::new(), |f| format!("NULLIF({f}, ''), "));
    format!("CAST(ROUND(CAST(COALESCE(NULLIF({col}, ''), {fallback}'0') AS NUMERIC) * 10000) AS BIGINT)")
}

/// Ids per query (bound as arguments, well below either backend's limit).
const IDS_PER_QUERY: usize = 500;

impl Store {
    /// The grade and the latest monitoring entry (the last month furthest, then the longest
    /// period) of each current project the reader may see among `of`, in id order.
    pub async fn project_figures<P: DeserializeOwned>(
        &self,
        seen: Visibility,
        of: FiguresOf<'_>,
    ) -> Result<Vec<ProjectFigures<P>>, StoreError> {
        match of {
            FiguresOf::Year(y) => {
                let mut f = Filter::new();
                f.and(current(self.backend()), []).and("p.year = ?", [Arg::Int(y)]);
                self.figures(seen, f).await
            }
            FiguresOf::Projects(ids) => {
                let mut out = Vec::new();
                for chunk in ids.chunks(IDS_PER_QUERY) {
                    let mut f = Filter::new();
                    let marks = vec!["?"; chunk.len()].join(", ");
                    f.and(current(self.backend()), [])
                        .and(&format!("p.id IN ({marks})"), chunk.iter().map(|&i| Arg::Int(i)));
                    out.extend(self.figures(seen, f).await?);
                }
                out.sort_by_key(|f| f.project_id);
                Ok(out)
            }
        }
    }

    async fn figures<P: DeserializeOwned>(&self, seen: Visibility, mut f: Filter) -> Result<Vec<ProjectFigures<P>>, StoreError> {
        f.visible_projects(seen);
        let entry_cols: Vec<String> = crate::monitoring::COLS.split(", ").map(|c| format!("e.{}", c.trim())).collect();
        let sql = format!(
            "SELECT p.id AS pid, p.department_id AS pdepartment, p.grade_value AS pgrade_value, p.grade AS pgrade, {} \
             FROM projects p {}{} ORDER BY p.id",
            entry_cols.join(", "),
            latest_entry(seen),
            f.where_sql()
        );
        let rows = bind_all(sqlx::query(&numbered(&sql)), f.args()).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                let monitoring: Option<MonitoringEntry<P>> = match r.opt_int("id")? {
                    Some(_) => Some(crate::monitoring::entry(r)?),
                    None => None,
                };
                Ok(ProjectFigures {
                    project_id: r.int("pid")?,
                    department_id: r.opt_int("pdepartment")?,
                    grade_value: r.opt_int("pgrade_value")?,
                    grade: r.opt_text("pgrade")?,
                    monitoring,
                })
            })
            .collect()
    }
}

impl Store {
    /// The year's projects the reader may see, summed per department in SQL (one row per
    /// department, `None` for documents naming none): the review's grades and the sum of
    /// scores, over the projects with a monitoring entry (the latest) the 全年预算 — the
    /// project's budget when the entry gives none — and the 执行数, as whole yuan, and the
    /// published self-evaluations' printed totals (自评得分) and their sum.
    pub async fn department_figures(&self, seen: Visibility, year: i64) -> Result<Vec<DepartmentFigures>, StoreError> {
        // Current projects by a join rather than a subquery per project (`sql::current`'s form
        // then): PostgreSQL hashes the documents once instead of looking each of a year's 10⁵
        // projects' document up (91 → 58 ms for 40k projects); SQLite looks them up by key.
        let mut f = Filter::new();
        f.and("p.year = ?", [Arg::Int(year)]);
        f.visible_projects(seen);
        let grade = |g: &str, name: &str| format!("SUM(CASE WHEN p.grade = '{g}' THEN 1 ELSE 0 END) AS {name}");
        let monitored_yuan = |col: &str, fallback: Option<&str>, name: &str| {
            format!("CAST(SUM(CASE WHEN e.id IS NULL THEN 0 ELSE {} END) AS BIGINT) AS {name}", yuan(col, fallback))
        };
        let sql = format!(
            "SELECT p.department_id, {}, {}, {}, {}, \
             SUM(CASE WHEN p.grade_value IS NULL THEN 0 ELSE 1 END) AS graded, \
             CAST(SUM(COALESCE(p.grade_value, 0)) AS BIGINT) AS score_sum, \
             SUM(CASE WHEN e.id IS NULL THEN 0 ELSE 1 END) AS monitored, {}, {}, \
             SUM(CASE WHEN p.self_score IS NULL THEN 0 ELSE 1 END) AS self_evaluated, \
             CAST(SUM(CASE WHEN p.self_score IS NULL THEN 0 \
               ELSE CAST(ROUND(CAST(p.self_score AS NUMERIC) * 100) AS BIGINT) END) AS BIGINT) AS self_hundredths \
             FROM projects p JOIN documents cd ON cd.id = p.document_id AND cd.current_revision_id = p.revision_id \
             {}{} GROUP BY p.department_id",
            grade("优", "g0"),
            grade("良", "g1"),
            grade("中", "g2"),
            grade("差", "g3"),
            monitored_yuan("e.annual_budget", Some("p.budget_total"), "annual_yuan"),
            monitored_yuan("e.spent_to_date", None, "spent_yuan"),
            latest_entry(seen),
            f.where_sql()
        );
        let rows = bind_all(sqlx::query(&numbered(&sql)), f.args()).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                Ok(DepartmentFigures {
                    department_id: r.opt_int("department_id")?,
                    grades: [r.int("g0")?, r.int("g1")?, r.int("g2")?, r.int("g3")?],
                    graded: r.int("graded")?,
                    score_sum: r.opt_int("score_sum")?.unwrap_or(0),
                    monitored: r.int("monitored")?,
                    annual: rust_decimal::Decimal::new(r.opt_int("annual_yuan")?.unwrap_or(0), 4).normalize(),
                    spent: rust_decimal::Decimal::new(r.opt_int("spent_yuan")?.unwrap_or(0), 4).normalize(),
                    self_evaluated: r.int("self_evaluated")?,
                    self_score_sum: rust_decimal::Decimal::new(r.opt_int("self_hundredths")?.unwrap_or(0), 2).normalize(),
                })
            })
            .collect()
    }
}
