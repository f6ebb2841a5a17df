//! Aggregates for the dashboard and department pages, with the reader's visibility applied
//! in SQL (the same rule as the lists).
//!
//! Budgets are summed in SQL as whole yuan (万元 × 10000, an integer) so the sum is exact
//! without moving every row out of the database: amounts are printed to at most four
//! decimals of 万元 (one yuan), and each is rounded to the yuan before summing.

use rust_decimal::Decimal;

use crate::db::Backend;
use crate::error::StoreError;
use crate::model::{DepartmentTotals, ProjectSummary, Status, Visibility};
use crate::sql::{bind_all, current, numbered, Arg, Col, Filter};
use crate::Store;

/// A stored amount in 万元 as whole yuan, in SQL that SQLite and PostgreSQL both run.
const BUDGET_YUAN: &str = "CAST(SUM(CAST(ROUND(CAST(COALESCE(p.budget_total, '0') AS NUMERIC) * 10000) AS BIGINT)) AS BIGINT)";

fn yuan_to_wan(yuan: i64) -> Decimal {
    Decimal::new(yuan, 4).normalize()
}

impl Store {
    /// The year's projects by department, in one pass over the projects (their indicator
    /// and finding counts are kept on them, migration 0005): workflow status, budget,
    /// indicators, findings by severity and the projects by their stored grade (the review's,
    /// migration 0008). In no particular order.
    pub async fn department_totals(&self, seen: Visibility, year: i64) -> Result<Vec<DepartmentTotals>, StoreError> {
        let mut f = Filter::new();
        f.and(current(self.backend()), []).and("p.year = ?", [Arg::Int(year)]);
        self.totals(seen, f).await
    }

    /// As [`Store::department_totals`], for the projects whose document prints no year (so
    /// that they too are reachable from the dashboard).
    pub async fn department_totals_undated(&self, seen: Visibility) -> Result<Vec<DepartmentTotals>, StoreError> {
        let mut f = Filter::new();
        f.and(current(self.backend()), []).and("p.year IS NULL", []);
        self.totals(seen, f).await
    }

    async fn totals(&self, seen: Visibility, mut f: Filter) -> Result<Vec<DepartmentTotals>, StoreError> {
        f.visible_projects(seen);
        let count = |s: &str| format!("SUM(CASE WHEN p.status = '{s}' THEN 1 ELSE 0 END) AS {s}");
        let total = |col: &str, name: &str| format!("CAST(SUM(p.{col}) AS BIGINT) AS {name}");
        let grade = |g: &str, name: &str| format!("SUM(CASE WHEN p.grade = '{g}' THEN 1 ELSE 0 END) AS {name}");
        let sql = format!(
            "SELECT p.department_id, MAX(o.name) AS name, COUNT(*) AS projects, {BUDGET_YUAN} AS budget_yuan, {}, {}, {}, {}, \
             {}, {}, {}, {}, {}, {}, {}, {} \
             FROM projects p LEFT JOIN organisations o ON o.id = p.department_id{} GROUP BY p.department_id",
            count("draft"),
            count("submitted"),
            count("returned"),
            count("approved"),
            total("indicator_count", "indicators"),
            total("findings_error", "fe"),
            total("findings_warning", "fw"),
            total("findings_info", "fi"),
            grade("优", "q0"),
            grade("良", "q1"),
            grade("中", "q2"),
            grade("差", "q3"),
            f.where_sql()
        );
        let rows = bind_all(sqlx::query(&numbered(&sql)), f.args()).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                Ok(DepartmentTotals {
                    department_id: r.opt_int("department_id")?,
                    name: r.opt_text("name")?,
                    projects: r.int("projects")?,
                    budget: yuan_to_wan(r.opt_int("budget_yuan")?.unwrap_or(0)),
                    draft: r.int("draft")?,
                    submitted: r.int("submitted")?,
                    returned: r.int("returned")?,
                    approved: r.int("approved")?,
                    indicators: r.int("indicators")?,
                    findings: [r.int("fe")?, r.int("fw")?, r.int("fi")?],
                    quality: [r.int("q0")?, r.int("q1")?, r.int("q2")?, r.int("q3")?],
                })
            })
            .collect()
    }

    /// A department's current projects the reader may see (of one year, or all), newest
    /// year first, in document order; at most 2,000.
    pub async fn department_projects(
        &self,
        seen: Visibility,
        department: i64,
        year: Option<i64>,
    ) -> Result<Vec<ProjectSummary>, StoreError> {
        let mut f = Filter::new();
        f.and(current(self.backend()), []).and("p.department_id = ?", [Arg::Int(department)]);
        self.summaries(seen, f, year).await
    }

    /// As [`Store::department_projects`], for the projects of documents that named no
    /// department (the dashboard's 未识别部门 row).
    pub async fn unplaced_projects(&self, seen: Visibility, year: Option<i64>) -> Result<Vec<ProjectSummary>, StoreError> {
        let mut f = Filter::new();
        f.and(current(self.backend()), []).and("p.department_id IS NULL", []);
        self.summaries(seen, f, year).await
    }

    async fn summaries(&self, seen: Visibility, mut f: Filter, year: Option<i64>) -> Result<Vec<ProjectSummary>, StoreError> {
        if let Some(y) = year {
            f.and("p.year = ?", [Arg::Int(y)]);
        }
        // SQLite: a department's projects (or those of no department) by `projects_department`,
        // the department and year. With the public's `p.status = 'approved'` it took
        // `projects_status_year` instead and read every approved project of the year, looking
        // each up for its department (the public department page, 2023: 11 ms against 0.1 ms).
        match self.backend() {
            Backend::Sqlite => f.visible_projects_by(seen, "+p.status"),
            Backend::Postgres => f.visible_projects(seen),
        };
        let sql = format!(
            "SELECT p.id, p.year, p.code, p.name, p.budget_total, p.status, p.version, \
             p.indicator_count AS n_indicators, \
             p.grade_value, p.grade, p.grade_reasons, p.findings_error AS n_errors \
             FROM projects p{} ORDER BY p.year DESC, p.document_id, p.position LIMIT 2000",
            f.where_sql()
        );
        let rows = bind_all(sqlx::query(&numbered(&sql)), f.args()).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                Ok(ProjectSummary {
                    id: r.int("id")?,
                    year: r.opt_int("year")?,
                    code: r.opt_text("code")?,
                    name: r.text("name")?,
                    budget_total: r.opt_text("budget_total")?,
                    status: Status::parse(&r.text("status")?)?,
                    version: r.int("version")?,
                    indicators: r.int("n_indicators")?,
                    grade: crate::read::stored_grade(r)?,
                    errors: r.int("n_errors")?,
                })
            })
            .collect()
    }
}
