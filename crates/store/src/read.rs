//! Reads. Every list takes a [`Visibility`] and returns only what the reader may see:
//! unpublished projects (and what hangs off them) are filtered in SQL, not after paging.

use sqlx::any::AnyRow;

use crate::db::Backend;
use crate::error::StoreError;
use crate::model::{
    Comment, DepartmentTable, Finding, FiscalYear, FiscalYearSummary, Indicator, ListFilter, Listed, Organisation, Project,
    ProjectFinding, Revision, Slice, Status, StoredDocument, StoredGrade, TableState, Visibility,
};
use crate::sql::{bind_all, current, listed, numbered, Arg, Col, Filter};
use crate::Store;

// ---------------------------------------------------------------- organisations

const ORG_COLS: &str = "o.id, o.parent_id, o.kind, o.name, o.code, o.version";

fn organisation(r: &AnyRow) -> Result<Organisation, StoreError> {
    Ok(Organisation {
        id: r.int("id")?,
        parent_id: r.opt_int("parent_id")?,
        kind: r.text("kind")?,
        name: r.text("name")?,
        code: r.opt_text("code")?,
        version: r.int("version")?,
    })
}

// ---------------------------------------------------------------- documents

const DOC_COLS: &str = "d.id, d.department_id, d.year, d.source_name, d.current_revision_id, \
    r.revision, r.sha256, r.size, r.imported_at";
const DOC_FROM: &str = "documents d LEFT JOIN document_revisions r ON r.id = d.current_revision_id";

/// 部门整体 tables (aliased `t`) of current revisions (`r`) with their documents (`d`).
const TABLE_FROM: &str = "department_tables t JOIN documents d ON d.id = t.document_id \
    JOIN document_revisions r ON r.id = t.id AND r.id = d.current_revision_id";

/// The conditions of the 部门整体 tables a reader may see, with the document, department,
/// year and status asked for.
fn table_filter(seen: Visibility, filter: &ListFilter) -> Filter {
    let mut f = Filter::new();
    if let Some(doc) = filter.document {
        f.and("d.id = ?", [Arg::Int(doc)]);
    }
    if let Some(y) = filter.year {
        f.and("d.year = ?", [Arg::Int(y)]);
    }
    if let Some(dep) = filter.department {
        f.and("d.department_id = ?", [Arg::Int(dep)]);
    }
    if let Some(status) = filter.status {
        f.and("t.status = ?", [Arg::Text(status.as_str().into())]);
    }
    let (table, args) = table_seen("t.id", seen);
    f.and(&table, args);
    f
}

fn document(r: &AnyRow) -> Result<StoredDocument, StoreError> {
    Ok(StoredDocument {
        id: r.int("id")?,
        department_id: r.opt_int("department_id")?,
        year: r.opt_int("year")?,
        source_name: r.text("source_name")?,
        current_revision_id: r.opt_int("current_revision_id")?,
        revision: r.opt_int("revision")?,
        sha256: r.opt_text("sha256")?,
        size: r.opt_int("size")?,
        imported_at: r.opt_text("imported_at")?,
    })
}

/// A document (aliased `d`) is visible when the reader sees everything, it is the reader's
/// own department's, or one of its projects or its current 部门整体 table is approved
/// (published).
fn visible_documents(f: &mut Filter, seen: Visibility) {
    let published = "EXISTS (SELECT 1 FROM projects p WHERE p.document_id = d.id AND p.status = 'approved') \
        OR EXISTS (SELECT 1 FROM department_tables t WHERE t.id = d.current_revision_id AND t.status = 'approved')";
    match seen {
        Visibility::Everything => {}
        Visibility::Department(dep) => {
            f.and(
                &format!("d.department_id = ? OR {published}"),
                [Arg::Int(dep)],
            );
        }
        Visibility::Published => {
            f.and(published, []);
        }
    }
}

// ---------------------------------------------------------------- projects

pub(crate) const PROJECT_COLS: &str = "p.id, p.document_id, p.revision_id, p.department_id, p.unit_id, p.year, p.code, \
    p.name, p.budget_total, p.budget_fiscal, p.budget_other, p.purpose, p.status, p.line, p.version, p.updated_at, p.evaluation";

/// The columns [`finding`] reads, of `findings x` joined to `document_revisions r`.
const FINDING_COLS: &str =
    "x.id, r.document_id, x.revision_id, x.rule, x.severity, x.message, x.line, x.cell, x.suggestion, x.quotes";

/// A stored finding's quotes (JSON, migration 0022; `NULL` before it).
fn quotes(r: &AnyRow) -> Result<Vec<crate::model::FindingQuote>, StoreError> {
    match r.opt_text("quotes")? {
        Some(json) => serde_json::from_str(&json)
            .map_err(|_| StoreError::Corrupt("审核发现的引文".into())),
        None => Ok(Vec::new()),
    }
}

/// A stored finding, from the columns [`FINDING_COLS`].
fn finding(r: &AnyRow) -> Result<Finding, StoreError> {
    Ok(Finding {
        id: r.int("id")?,
        document_id: r.int("document_id")?,
        revision_id: r.int("revision_id")?,
        rule: r.text("rule")?,
        severity: r.text("severity")?,
        message: r.text("message")?,
        line: r.opt_int("line")?,
        cell: r.opt_int("cell")?,
        suggestion: r.opt_text("suggestion")?,
        quotes: quotes(r)?,
    })
}

/// A stored grade from the columns `grade_value, grade, grade_reasons` (`None` when not
/// graded yet).
pub(crate) fn stored_grade(r: &AnyRow) -> Result<Option<StoredGrade>, StoreError> {
    let (Some(value), Some(grade)) = (r.opt_int("grade_value")?, r.opt_text("grade")?) else {
        return Ok(None);
    };
    let reasons = r
        .opt_text("grade_reasons")?
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    Ok(Some(StoredGrade { value, grade, reasons }))
}

pub(crate) fn project(r: &AnyRow) -> Result<Project, StoreError> {
    Ok(Project {
        id: r.int("id")?,
        document_id: r.int("document_id")?,
        revision_id: r.int("revision_id")?,
        department_id: r.opt_int("department_id")?,
        unit_id: r.opt_int("unit_id")?,
        year: r.opt_int("year")?,
        code: r.opt_text("code")?,
        name: r.text("name")?,
        budget_total: r.opt_text("budget_total")?,
        budget_fiscal: r.opt_text("budget_fiscal")?,
        budget_other: r.opt_text("budget_other")?,
        purpose: r.opt_text("purpose")?,
        status: Status::parse(&r.text("status")?)?,
        line: r.int("line")?,
        version: r.int("version")?,
        updated_at: r.text("updated_at")?,
        evaluation: r.opt_text("evaluation")?.map(|t| evaluation(&t)).transpose()?,
    })
}

/// A project's stored self-evaluation part (JSON written by `save_revision`).
pub(crate) fn evaluation(text: &str) -> Result<Box<jixiao_model::ProjectEvaluation>, StoreError> {
    serde_json::from_str(text)
        .map(Box::new)
        .map_err(|e| StoreError::Corrupt(format!("自评表项目部分：{e}")))
}

/// The conditions of [`Store::projects`] and [`Store::project_count`]: one list, counted or not.
fn project_filter(backend: Backend, seen: Visibility, filter: &ListFilter) -> Filter {
    let mut f = Filter::new();
    if let Some(doc) = filter.document {
        f.and("p.document_id = ?", [Arg::Int(doc)]);
    }
    current_projects(&mut f, backend, filter);
    if let Some(q) = text(filter) {
        f.contains("p.name", q);
    }
    f.visible_projects(seen);
    f
}

/// The project conditions shared by the project and indicator lists (alias `p`): current
/// revisions only, then the year, department and status asked for.
fn current_projects(f: &mut Filter, backend: Backend, filter: &ListFilter) {
    f.and(current(backend), []);
    if let Some(y) = filter.year {
        f.and("p.year = ?", [Arg::Int(y)]);
    }
    if let Some(dep) = filter.department {
        f.and("p.department_id = ?", [Arg::Int(dep)]);
    }
    if let Some(s) = filter.status {
        f.and("p.status = ?", [Arg::Text(s.as_str().into())]);
    }
}

fn text(filter: &ListFilter) -> Option<&str> {
    filter
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

// ---------------------------------------------------------------- indicators

pub(crate) const INDICATOR_COLS: &str = "i.id, i.project_id, i.department_id, i.position, i.level1, i.level1_printed, \
    i.level2, i.level2_printed, i.level3, i.description, i.target_printed, i.target_kind, i.target_op, \
    i.target_value, i.target_unit, i.basis, i.weight, i.actual_printed, i.score, i.deviation, i.line, i.version";

pub(crate) fn indicator(r: &AnyRow) -> Result<Indicator, StoreError> {
    Ok(Indicator {
        id: r.int("id")?,
        project_id: r.opt_int("project_id")?,
        department_id: r.opt_int("department_id")?,
        position: r.int("position")?,
        level1: r.opt_text("level1")?,
        level1_printed: r.text("level1_printed")?,
        level2: r.opt_text("level2")?,
        level2_printed: r.text("level2_printed")?,
        level3: r.opt_text("level3")?,
        description: r.opt_text("description")?,
        target_printed: r.opt_text("target_printed")?,
        target_kind: r.opt_text("target_kind")?,
        target_op: r.opt_text("target_op")?,
        target_value: r.opt_text("target_value")?,
        target_unit: r.opt_text("target_unit")?,
        basis: r.opt_text("basis")?,
        weight: r.opt_text("weight")?,
        actual_printed: r.opt_text("actual_printed")?,
        score: r.opt_text("score")?,
        deviation: r.opt_text("deviation")?,
        line: r.int("line")?,
        version: r.int("version")?,
    })
}

/// Findings quote the text they judge, so they follow what they concern: a project's
/// findings (aliased `x`) are visible with the project (approved, or the filler's own
/// department); the document's own findings (reader diagnostics, document-wide rules, which
/// may quote any line, a draft project's or the 部门整体 table's too) only when every project
/// of that revision and its 部门整体 table, if it prints one, are visible — to the public, when
/// the whole document is approved. Admins and reviewers see all.
fn visible_findings(f: &mut Filter, seen: Visibility) {
    let (table, table_args) = table_seen("x.revision_id", seen);
    let (seen, mut args) = match seen {
        Visibility::Everything => return,
        Visibility::Department(d) => (
            "(p.status = 'approved' OR COALESCE(p.department_id, 0) = ?)",
            vec![Arg::Int(d), Arg::Int(d)],
        ),
        Visibility::Published => ("p.status = 'approved'", vec![]),
    };
    args.extend(table_args);
    f.and(
        &format!(
            "(x.project_position IS NOT NULL AND EXISTS (SELECT 1 FROM projects p \
               WHERE p.revision_id = x.revision_id AND p.position = x.project_position AND {seen})) \
             OR (x.project_position IS NULL AND NOT EXISTS (SELECT 1 FROM projects p \
               WHERE p.revision_id = x.revision_id AND NOT {seen}) AND {table})"
        ),
        args,
    );
}

/// SQL true when the 部门整体 table of the revision `revision` (an SQL expression), if it
/// prints one, is visible: approved, or of the reader's department (`?` bound to it), or the
/// reader sees everything. Its arguments follow.
fn table_seen(revision: &str, seen: Visibility) -> (String, Vec<Arg>) {
    let (cond, args) = match seen {
        Visibility::Everything => return ("1 = 1".into(), vec![]),
        Visibility::Department(d) => ("(dt.status = 'approved' OR COALESCE(dt.department_id, 0) = ?)", vec![Arg::Int(d)]),
        Visibility::Published => ("dt.status = 'approved'", vec![]),
    };
    (format!("NOT EXISTS (SELECT 1 FROM department_tables dt WHERE dt.id = {revision} AND NOT {cond})"), args)
}

const DOC_FINDINGS: &str =
    "findings x JOIN document_revisions r ON r.id = x.revision_id JOIN documents d ON d.id = r.document_id";

/// The conditions of a document's own findings (no project position) of current revisions,
/// as the reader may see them, with the document, department and year asked for.
fn document_level(seen: Visibility, filter: &ListFilter) -> Filter {
    let mut f = Filter::new();
    f.and("x.project_position IS NULL", [])
        .and("r.id = d.current_revision_id", []);
    if let Some(doc) = filter.document {
        f.and("r.document_id = ?", [Arg::Int(doc)]);
    }
    if let Some(y) = filter.year {
        f.and("d.year = ?", [Arg::Int(y)]);
    }
    if let Some(dep) = filter.department {
        f.and("d.department_id = ?", [Arg::Int(dep)]);
    }
    visible_documents(&mut f, seen);
    visible_findings(&mut f, seen);
    f
}

impl Store {
    /// Organisations (everyone may read the tree), by id.
    pub async fn organisations(
        &self,
        filter: &ListFilter,
        slice: Slice,
    ) -> Result<Listed<Organisation>, StoreError> {
        let mut f = Filter::new();
        if let Some(parent) = filter.parent {
            f.and("o.parent_id = ?", [Arg::Int(parent)]);
        }
        if let Some(q) = text(filter) {
            f.contains("o.name", q);
        }
        listed(
            self,
            ORG_COLS,
            "organisations o",
            &f,
            "o.id",
            slice,
            organisation,
        )
        .await
    }

    pub async fn organisation(&self, id: i64) -> Result<Organisation, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {ORG_COLS} FROM organisations o WHERE o.id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("组织 {id} 不存在。")))?;
        organisation(&row)
    }

    /// The names of the organisations among `ids` (those that exist), in one query per 500
    /// ids: a page listing a hundred projects names their departments without a query each.
    pub async fn organisation_names(&self, ids: &[i64]) -> Result<std::collections::HashMap<i64, String>, StoreError> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let mut names = std::collections::HashMap::new();
        for chunk in ids.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let args: Vec<Arg> = chunk.iter().map(|&i| Arg::Int(i)).collect();
            let rows = bind_all(sqlx::query(&numbered(&format!("SELECT o.id, o.name FROM organisations o WHERE o.id IN ({marks})"))), &args)
                .fetch_all(self.pool())
                .await?;
            for r in &rows {
                names.insert(r.int("id")?, r.text("name")?);
            }
        }
        Ok(names)
    }

    /// The fiscal years with data, newest first.
    pub async fn years(&self) -> Result<Vec<i64>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT year FROM fiscal_years ORDER BY year DESC")
                .fetch_all(self.pool())
                .await?,
        )
    }

    /// A fiscal year as stored (`None`: no document or administrator has named it).
    pub async fn fiscal_year(&self, year: i64) -> Result<Option<FiscalYear>, StoreError> {
        let row = sqlx::query("SELECT year, status, deadline, version, created_at FROM fiscal_years WHERE year = $1")
            .bind(year)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(fiscal_year).transpose()
    }

    /// Every fiscal year as stored, newest first, without counting anything (what the pages
    /// tell those who draft: which years are open, until when).
    pub async fn fiscal_year_states(&self) -> Result<Vec<FiscalYear>, StoreError> {
        let rows = sqlx::query("SELECT year, status, deadline, version, created_at FROM fiscal_years ORDER BY year DESC")
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(fiscal_year).collect()
    }

    /// Every fiscal year, newest first, with its current documents and its projects by
    /// status (every department's: for the administration of years).
    pub async fn fiscal_years(&self) -> Result<Vec<FiscalYearSummary>, StoreError> {
        let rows = sqlx::query("SELECT year, status, deadline, version, created_at FROM fiscal_years ORDER BY year DESC")
            .fetch_all(self.pool())
            .await?;
        let documents: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT year, COUNT(*) FROM documents WHERE year IS NOT NULL AND current_revision_id IS NOT NULL GROUP BY year",
        )
        .fetch_all(self.pool())
        .await?;
        let projects: Vec<(i64, String, i64)> = sqlx::query_as(&format!(
            "SELECT p.year, p.status, COUNT(*) FROM projects p WHERE p.year IS NOT NULL AND {} GROUP BY p.year, p.status",
            current(self.backend())
        ))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let year = fiscal_year(row)?;
                let mut counts = [0; 4];
                for (y, status, n) in &projects {
                    if *y == year.year {
                        let k = match Status::parse(status)? {
                            Status::Draft => 0,
                            Status::Submitted => 1,
                            Status::Returned => 2,
                            Status::Approved => 3,
                        };
                        counts[k] += n;
                    }
                }
                let documents = documents.iter().find(|(y, _)| *y == year.year).map_or(0, |(_, n)| *n);
                Ok(FiscalYearSummary { year, documents, projects: counts })
            })
            .collect()
    }

    pub async fn documents(
        &self,
        seen: Visibility,
        filter: &ListFilter,
        slice: Slice,
    ) -> Result<Listed<StoredDocument>, StoreError> {
        let mut f = Filter::new();
        if let Some(y) = filter.year {
            f.and("d.year = ?", [Arg::Int(y)]);
        }
        if let Some(dep) = filter.department {
            f.and("d.department_id = ?", [Arg::Int(dep)]);
        }
        if let Some(q) = text(filter) {
            f.contains("d.source_name", q);
        }
        visible_documents(&mut f, seen);
        listed(self, DOC_COLS, DOC_FROM, &f, "d.id", slice, document).await
    }

    /// A document the reader may see.
    pub async fn document(&self, seen: Visibility, id: i64) -> Result<StoredDocument, StoreError> {
        let mut f = Filter::new();
        f.and("d.id = ?", [Arg::Int(id)]);
        visible_documents(&mut f, seen);
        let sql = numbered(&format!(
            "SELECT {DOC_COLS} FROM {DOC_FROM}{}",
            f.where_sql()
        ));
        let row = bind_all(sqlx::query(&sql), f.args())
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("文档 {id} 不存在，或您无权查看。")))?;
        document(&row)
    }

    /// A document's revisions, oldest first.
    pub async fn revisions(&self, document_id: i64) -> Result<Vec<Revision>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, revision, file_name, sha256, size, imported_at FROM document_revisions \
             WHERE document_id = $1 ORDER BY revision",
        )
        .bind(document_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Revision {
                    id: r.int("id")?,
                    revision: r.int("revision")?,
                    file_name: r.text("file_name")?,
                    sha256: r.text("sha256")?,
                    size: r.int("size")?,
                    imported_at: r.text("imported_at")?,
                })
            })
            .collect()
    }

    /// A revision's file name and SHA-256 (what identifies its bytes).
    pub async fn revision_file(&self, revision_id: i64) -> Result<(String, String), StoreError> {
        let key: Option<(String, String)> =
            sqlx::query_as("SELECT file_name, sha256 FROM document_revisions WHERE id = $1")
                .bind(revision_id)
                .fetch_optional(self.pool())
                .await?;
        key.ok_or_else(|| StoreError::NotFound(format!("修订版 {revision_id} 不存在。")))
    }

    /// A revision's original bytes, as imported.
    pub async fn revision_content(&self, revision_id: i64) -> Result<Vec<u8>, StoreError> {
        let bytes: Option<Vec<u8>> =
            sqlx::query_scalar("SELECT content FROM document_revisions WHERE id = $1")
                .bind(revision_id)
                .fetch_optional(self.pool())
                .await?;
        bytes.ok_or_else(|| StoreError::NotFound(format!("修订版 {revision_id} 不存在。")))
    }

    /// (revision, project) of every project of the department's current revisions, whoever
    /// may see them: the caller decides which revisions it shows whole.
    pub async fn current_projects_of_department(
        &self,
        department: i64,
    ) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT p.revision_id, p.id FROM projects p \
             JOIN documents d ON d.id = p.document_id AND d.current_revision_id = p.revision_id \
             WHERE p.department_id = $1",
        )
        .bind(department)
        .fetch_all(self.pool())
        .await?)
    }

    /// Projects of current revisions the reader may see, by id.
    pub async fn projects(
        &self,
        seen: Visibility,
        filter: &ListFilter,
        slice: Slice,
    ) -> Result<Listed<Project>, StoreError> {
        let f = project_filter(self.backend(), seen, filter);
        listed(self, PROJECT_COLS, "projects p", &f, "p.id", slice, project).await
    }

    /// How many projects [`Store::projects`] would list (its `total`), without listing any:
    /// a queue's count on the home page (PostgreSQL sorted a status's 10⁴ projects by id
    /// for the one row the count came with).
    pub async fn project_count(&self, seen: Visibility, filter: &ListFilter) -> Result<i64, StoreError> {
        let f = project_filter(self.backend(), seen, filter);
        let row = bind_all(sqlx::query(&numbered(&format!("SELECT COUNT(*) FROM projects p{}", f.where_sql()))), f.args())
            .fetch_one(self.pool())
            .await?;
        Ok(sqlx::Row::try_get(&row, 0)?)
    }

    /// Any project by id, whoever may see it: the caller checks the reader's rights on it.
    pub async fn project(&self, id: i64) -> Result<Project, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {PROJECT_COLS} FROM projects p WHERE p.id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("项目 {id} 不存在。")))?;
        project(&row)
    }

    /// A project's 资金使用计划: cumulative percentages by quarter, as printed.
    pub async fn spending_plan(&self, project_id: i64) -> Result<Vec<Option<String>>, StoreError> {
        let text: Option<Option<String>> =
            sqlx::query_scalar("SELECT spending_plan FROM projects WHERE id = $1")
                .bind(project_id)
                .fetch_optional(self.pool())
                .await?;
        let text =
            text.ok_or_else(|| StoreError::NotFound(format!("项目 {project_id} 不存在。")))?;
        Ok(text
            .and_then(|t| serde_json::from_str::<Vec<Option<String>>>(&t).ok())
            .unwrap_or_default())
    }

    /// Indicators of current projects the reader may see (a project's in its order).
    pub async fn indicators(
        &self,
        seen: Visibility,
        filter: &ListFilter,
        slice: Slice,
    ) -> Result<Listed<Indicator>, StoreError> {
        let mut f = Filter::new();
        if let Some(project) = filter.project {
            f.and("i.project_id = ?", [Arg::Int(project)]);
        }
        current_projects(&mut f, self.backend(), filter);
        if let Some(q) = text(filter) {
            f.contains("i.level3", q);
        }
        f.visible_projects(seen);
        let order = if filter.project.is_some() {
            "i.position, i.id"
        } else {
            "i.id"
        };
        listed(
            self,
            INDICATOR_COLS,
            "indicators i JOIN projects p ON p.id = i.project_id",
            &f,
            order,
            slice,
            indicator,
        )
        .await
    }

    /// An indicator with the project it belongs to, whoever may see them.
    pub async fn indicator(&self, id: i64) -> Result<(Indicator, Project), StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {INDICATOR_COLS} FROM indicators i WHERE i.id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("指标 {id} 不存在。")))?;
        let ind = indicator(&row)?;
        let project_id = ind
            .project_id
            .ok_or_else(|| StoreError::NotFound(format!("指标 {id} 不属于任何项目。")))?;
        Ok((ind, self.project(project_id).await?))
    }

    /// A project's indicators in order: an indicator's index here is its index in the
    /// project's table (and in `GET /api/v1/projects/{id}`).
    pub async fn indicators_of(&self, project_id: i64) -> Result<Vec<Indicator>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {INDICATOR_COLS} FROM indicators i WHERE i.project_id = $1 ORDER BY i.position, i.id"
        ))
        .bind(project_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(indicator).collect()
    }

    /// A project's goals (绩效目标), in order.
    pub async fn goals_of(&self, project_id: i64) -> Result<Vec<String>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT text FROM goals WHERE project_id = $1 ORDER BY position")
                .bind(project_id)
                .fetch_all(self.pool())
                .await?,
        )
    }

    /// Findings of current revisions the reader may see (see [`Visibility`]: a document's
    /// own findings need every project of it visible).
    pub async fn findings(
        &self,
        seen: Visibility,
        filter: &ListFilter,
        slice: Slice,
    ) -> Result<Listed<Finding>, StoreError> {
        let mut f = Filter::new();
        if let Some(doc) = filter.document {
            f.and("r.document_id = ?", [Arg::Int(doc)]);
        }
        f.and("r.id = d.current_revision_id", []);
        if let Some(y) = filter.year {
            f.and("d.year = ?", [Arg::Int(y)]);
        }
        if let Some(dep) = filter.department {
            f.and("d.department_id = ?", [Arg::Int(dep)]);
        }
        if let Some(q) = text(filter) {
            f.contains("x.message", q);
        }
        visible_documents(&mut f, seen);
        visible_findings(&mut f, seen);
        let from = "findings x JOIN document_revisions r ON r.id = x.revision_id JOIN documents d ON d.id = r.document_id";
        listed(self, FINDING_COLS, from, &f, "x.id", slice, finding).await
    }

    /// The 部门整体支出绩效目标表 of current revisions the reader may see — overall goals,
    /// department budget, department-wide indicators, workflow status —, newest year first,
    /// at most 100. Filters: document, department and year of the document, status of the
    /// table. A table has its own workflow (`department_tables`, keyed by its revision): the
    /// public sees it once approved, a filler also their own department's drafts, submitted and
    /// returned tables, reviewers and admins every one.
    pub async fn department_tables(
        &self,
        seen: Visibility,
        filter: &ListFilter,
    ) -> Result<Vec<DepartmentTable>, StoreError> {
        self.department_tables_in(seen, filter, Slice { offset: 0, limit: 100 }).await.map(|l| l.items)
    }

    /// [`Store::department_tables`], a slice of them and how many there are in all (the work
    /// queues' pages and counts).
    pub async fn department_tables_in(
        &self,
        seen: Visibility,
        filter: &ListFilter,
        slice: Slice,
    ) -> Result<Listed<DepartmentTable>, StoreError> {
        let f = table_filter(seen, filter);
        let total: i64 = {
            let sql = numbered(&format!("SELECT COUNT(*) FROM {TABLE_FROM}{}", f.where_sql()));
            let row = bind_all(sqlx::query(&sql), f.args()).fetch_one(self.pool()).await?;
            sqlx::Row::try_get(&row, 0)?
        };
        if slice.limit <= 0 || total == 0 {
            return Ok(Listed { items: Vec::new(), total });
        }
        let mut args = f.args().to_vec();
        args.extend([Arg::Int(slice.limit), Arg::Int(slice.offset)]);
        let sql = numbered(&format!(
            "SELECT d.id AS document_id, r.id AS revision_id, d.department_id, d.year, r.file_name, \
             t.status, t.version, t.updated_at, \
             r.budget_total, r.budget_fiscal, r.budget_other, r.department_evaluation FROM {TABLE_FROM}{} \
             ORDER BY d.year DESC, d.id LIMIT ? OFFSET ?",
            f.where_sql()
        ));
        let rows = bind_all(sqlx::query(&sql), &args)
            .fetch_all(self.pool())
            .await?;
        let mut tables = rows
            .iter()
            .map(|r| {
                Ok(DepartmentTable {
                    id: r.int("revision_id")?,
                    document_id: r.int("document_id")?,
                    revision_id: r.int("revision_id")?,
                    department_id: r.opt_int("department_id")?,
                    year: r.opt_int("year")?,
                    file_name: r.text("file_name")?,
                    status: Status::parse(&r.text("status")?)?,
                    version: r.int("version")?,
                    updated_at: r.text("updated_at")?,
                    budget_total: r.opt_text("budget_total")?,
                    budget_fiscal: r.opt_text("budget_fiscal")?,
                    budget_other: r.opt_text("budget_other")?,
                    overall_goals: Vec::new(),
                    indicators: Vec::new(),
                    evaluation: r.opt_text("department_evaluation")?.map(|t| evaluation(&t)).transpose()?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        if tables.is_empty() {
            return Ok(Listed { items: tables, total });
        }
        let marks = vec!["?"; tables.len()].join(", ");
        let revisions: Vec<Arg> = tables.iter().map(|t| Arg::Int(t.revision_id)).collect();
        let goals_sql = numbered(&format!(
            "SELECT g.revision_id, g.text FROM goals g WHERE g.revision_id IN ({marks}) \
             AND g.project_id IS NULL AND g.kind = 'overall' ORDER BY g.revision_id, g.position"
        ));
        for r in bind_all(sqlx::query(&goals_sql), &revisions)
            .fetch_all(self.pool())
            .await?
        {
            let revision = r.int("revision_id")?;
            if let Some(t) = tables.iter_mut().find(|t| t.revision_id == revision) {
                t.overall_goals.push(r.text("text")?);
            }
        }
        let indicators_sql = numbered(&format!(
            "SELECT i.revision_id AS of_revision, {INDICATOR_COLS} FROM indicators i \
             WHERE i.revision_id IN ({marks}) AND i.project_id IS NULL ORDER BY i.revision_id, i.position"
        ));
        for r in bind_all(sqlx::query(&indicators_sql), &revisions)
            .fetch_all(self.pool())
            .await?
        {
            let revision = r.int("of_revision")?;
            if let Some(t) = tables.iter_mut().find(|t| t.revision_id == revision) {
                t.indicators.push(indicator(&r)?);
            }
        }
        Ok(Listed { items: tables, total })
    }

    /// The workflow row of the 部门整体 table printed by revision `id`, whoever may see it
    /// (the caller decides with the role rules); [`StoreError::NotFound`] when that revision
    /// prints none or is no longer its document's current one (older revisions are history).
    pub async fn table_state(&self, id: i64) -> Result<TableState, StoreError> {
        let r = sqlx::query(
            "SELECT t.id, t.document_id, t.department_id, t.year, t.status, t.version, t.updated_at FROM department_tables t \
             JOIN documents d ON d.id = t.document_id AND d.current_revision_id = t.id WHERE t.id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("部门整体支出绩效目标表 {id} 不存在。")))?;
        Ok(TableState {
            id: r.int("id")?,
            document_id: r.int("document_id")?,
            department_id: r.opt_int("department_id")?,
            year: r.opt_int("year")?,
            status: Status::parse(&r.text("status")?)?,
            version: r.int("version")?,
            updated_at: r.text("updated_at")?,
        })
    }

    /// The findings of the revision printing 部门整体 table `id` that are about no project
    /// (its own, the document's): what its page shows before it is submitted, and what a
    /// submit without a justification is refused for. The caller has checked the reader may
    /// see the table.
    pub async fn table_findings(&self, id: i64) -> Result<Vec<Finding>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {FINDING_COLS} FROM findings x JOIN document_revisions r ON r.id = x.revision_id \
             WHERE x.revision_id = $1 AND x.project_position IS NULL ORDER BY x.line, x.id",
        ))
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(finding).collect()
    }

    /// Every finding stored with revision `revision_id`, in the order stored, as it was given
    /// to the store (rule, rule set, severity, message, place, suggestion and quotes): what a
    /// re-review or an export reads back. The caller has checked the reader may see it.
    pub async fn revision_findings(&self, revision_id: i64) -> Result<Vec<crate::model::NewFinding>, StoreError> {
        let rows = sqlx::query(
            "SELECT rule, rule_set, severity, message, line, cell, project_position, row_position, suggestion, quotes \
             FROM findings WHERE revision_id = $1 ORDER BY id",
        )
        .bind(revision_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let severity = serde_json::from_value(serde_json::Value::String(r.text("severity")?))
                    .map_err(|_| StoreError::Corrupt("审核发现的严重程度".into()))?;
                let index = |v: Option<i64>| v.and_then(|v| usize::try_from(v).ok());
                Ok(crate::model::NewFinding {
                    rule: r.text("rule")?,
                    rule_set: r.text("rule_set")?,
                    severity,
                    message: r.text("message")?,
                    line: r.opt_int("line")?.and_then(|l| u32::try_from(l).ok()).unwrap_or(0),
                    cell: r.opt_int("cell")?.and_then(|c| u32::try_from(c).ok()),
                    project: index(r.opt_int("project_position")?),
                    row: index(r.opt_int("row_position")?),
                    suggestion: r.opt_text("suggestion")?,
                    quotes: quotes(r)?,
                })
            })
            .collect()
    }

    /// The documents' own findings (not about one project: reader diagnostics, document-wide
    /// rules such as 项目预算之和与合计不符) of current revisions the reader may see, by
    /// document and line; at most 500. Filters: document, department and year of the document.
    pub async fn document_findings(
        &self,
        seen: Visibility,
        filter: &ListFilter,
    ) -> Result<Vec<Finding>, StoreError> {
        let f = document_level(seen, filter);
        let sql = numbered(&format!(
            "SELECT {FINDING_COLS} FROM {DOC_FINDINGS}{} \
             ORDER BY r.document_id, x.line, x.id LIMIT 500",
            f.where_sql()
        ));
        let rows = bind_all(sqlx::query(&sql), f.args())
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(finding).collect()
    }

    /// How many documents' own findings (see [`Store::document_findings`]) the reader may
    /// see, of the documents of `year` (`None`: documents that print no year), by severity:
    /// [错误, 警告, 提示]. The dashboard adds them to the projects' findings.
    pub async fn document_finding_counts(
        &self,
        seen: Visibility,
        year: Option<i64>,
    ) -> Result<[i64; 3], StoreError> {
        let mut f = document_level(seen, &ListFilter::default());
        match year {
            Some(y) => f.and("d.year = ?", [Arg::Int(y)]),
            None => f.and("d.year IS NULL", []),
        };
        let sql = numbered(&format!(
            "SELECT x.severity, COUNT(*) AS n FROM {DOC_FINDINGS}{} GROUP BY x.severity",
            f.where_sql()
        ));
        let rows = bind_all(sqlx::query(&sql), f.args())
            .fetch_all(self.pool())
            .await?;
        let mut counts = [0i64; 3];
        for r in &rows {
            let k = match r.text("severity")?.as_str() {
                "error" => 0,
                "warning" => 1,
                _ => 2,
            };
            counts[k] += r.int("n")?;
        }
        Ok(counts)
    }

    /// The findings about one project (those of its revision at its position), by line.
    pub async fn project_findings(
        &self,
        project_id: i64,
    ) -> Result<Vec<ProjectFinding>, StoreError> {
        let rows = sqlx::query(
            "SELECT x.rule, x.severity, x.message, x.line, x.row_position, x.suggestion FROM projects p JOIN findings x \
             ON x.revision_id = p.revision_id AND x.project_position = p.position WHERE p.id = $1 \
             ORDER BY x.row_position, x.line, x.id",
        )
        .bind(project_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ProjectFinding {
                    rule: r.text("rule")?,
                    severity: r.text("severity")?,
                    message: r.text("message")?,
                    line: r.opt_int("line")?,
                    row: r.opt_int("row_position")?,
                    suggestion: r.opt_text("suggestion")?,
                })
            })
            .collect()
    }

    /// The review's grade of a project, as stored with it (`None`: not graded yet). Whoever
    /// may see the project may see its grade: the caller has checked.
    pub async fn project_grade(&self, project_id: i64) -> Result<Option<StoredGrade>, StoreError> {
        let row = sqlx::query("SELECT grade_value, grade, grade_reasons FROM projects WHERE id = $1")
            .bind(project_id)
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("项目 {project_id} 不存在。")))?;
        stored_grade(&row)
    }

    /// The review's grade of a document's current revision, as stored with it: `None` when
    /// not graded yet, or when the reader may not see every project of it and its 部门整体
    /// table (its reasons name them; the rule of the document's own findings).
    pub async fn document_grade(&self, seen: Visibility, document_id: i64) -> Result<Option<StoredGrade>, StoreError> {
        let mut f = Filter::new();
        f.and("d.id = ?", [Arg::Int(document_id)]);
        let (cond, args) = match seen {
            Visibility::Everything => ("1 = 1", vec![]),
            Visibility::Department(d) => ("(p.status = 'approved' OR COALESCE(p.department_id, 0) = ?)", vec![Arg::Int(d)]),
            Visibility::Published => ("p.status = 'approved'", vec![]),
        };
        f.and(&format!("NOT EXISTS (SELECT 1 FROM projects p WHERE p.revision_id = r.id AND NOT {cond})"), args);
        let (table, args) = table_seen("r.id", seen);
        f.and(&table, args);
        let sql = numbered(&format!(
            "SELECT r.grade_value, r.grade, r.grade_reasons FROM documents d \
             JOIN document_revisions r ON r.id = d.current_revision_id{}",
            f.where_sql()
        ));
        let row = bind_all(sqlx::query(&sql), f.args()).fetch_optional(self.pool()).await?;
        match row {
            Some(r) => stored_grade(&r),
            None => Ok(None),
        }
    }

    /// The review's grade of a revision, as stored with it (`None`: not graded yet). The
    /// caller has checked that the reader may see every project of it.
    pub async fn revision_grade(&self, revision_id: i64) -> Result<Option<StoredGrade>, StoreError> {
        let row = sqlx::query("SELECT grade_value, grade, grade_reasons FROM document_revisions WHERE id = $1")
            .bind(revision_id)
            .fetch_optional(self.pool())
            .await?;
        match row {
            Some(r) => stored_grade(&r),
            None => Ok(None),
        }
    }

    /// A project's comments, oldest first, with their authors' names.
    pub async fn comments(&self, project_id: i64) -> Result<Vec<Comment>, StoreError> {
        self.comments_of(
            "SELECT c.id, c.project_id, CAST(NULL AS BIGINT) AS table_id, c.indicator_id, c.author_id, u.display_name, c.body, c.created_at \
             FROM comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.project_id = $1 ORDER BY c.id",
            project_id,
        )
        .await
    }

    /// A 部门整体 table's comments, oldest first, with their authors' names.
    pub async fn table_comments(&self, table_id: i64) -> Result<Vec<Comment>, StoreError> {
        self.comments_of(
            "SELECT c.id, CAST(NULL AS BIGINT) AS project_id, c.table_id, CAST(NULL AS BIGINT) AS indicator_id, c.author_id, u.display_name, c.body, c.created_at \
             FROM department_table_comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.table_id = $1 ORDER BY c.id",
            table_id,
        )
        .await
    }

    async fn comments_of(&self, sql: &str, id: i64) -> Result<Vec<Comment>, StoreError> {
        let rows = sqlx::query(sql).bind(id).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                Ok(Comment {
                    id: r.int("id")?,
                    project_id: r.opt_int("project_id")?,
                    table_id: r.opt_int("table_id")?,
                    indicator_id: r.opt_int("indicator_id")?,
                    author_id: r.opt_int("author_id")?,
                    author: r.opt_text("display_name")?,
                    body: r.text("body")?,
                    created_at: r.text("created_at")?,
                })
            })
            .collect()
    }
}

fn fiscal_year(r: &AnyRow) -> Result<FiscalYear, StoreError> {
    Ok(FiscalYear {
        year: r.int("year")?,
        status: r.text("status")?,
        deadline: r.opt_text("deadline")?,
        version: r.int("version")?,
        created_at: r.text("created_at")?,
    })
}
