//! Figures of projects for the comparisons (对比): the review's stored grade and the latest
//! monitoring entry of each project, with the reader's visibility applied in SQL. The service
//! lines them up with the indicator library's projects (the same visibility).

use serde::de::DeserializeOwned;

use crate::error::StoreError;
use crate::model::{MonitoringEntry, ProjectFigures, Visibility};
use crate::sql::{bind_all, numbered, Arg, Col, Filter, CURRENT};
use crate::Store;

/// Which projects' figures: a year's, or some projects' (by id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FiguresOf<'a> {
    Year(i64),
    Projects(&'a [i64]),
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
                f.and(CURRENT, []).and("p.year = ?", [Arg::Int(y)]);
                self.figures(seen, f).await
            }
            FiguresOf::Projects(ids) => {
                let mut out = Vec::new();
                for chunk in ids.chunks(IDS_PER_QUERY) {
                    let mut f = Filter::new();
                    let marks = vec!["?"; chunk.len()].join(", ");
                    f.and(CURRENT, [])
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
             FROM projects p LEFT JOIN monitoring_entries e ON e.project_id = p.id AND NOT EXISTS (\
             SELECT 1 FROM monitoring_entries x WHERE x.project_id = e.project_id AND (x.last_month > e.last_month \
             OR (x.last_month = e.last_month AND x.first_month < e.first_month))){} ORDER BY p.id",
            entry_cols.join(", "),
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
