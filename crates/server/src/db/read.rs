//! Reads for the API. Every list takes the caller ([`Actor`]) and shows only what they may
//! see: unpublished projects (and their indicators) are filtered in SQL, not after paging.

use jixiao_store::Store;
use serde::Serialize;
use sqlx::any::AnyRow;

use super::sql::{bind_all, numbered, Arg, Col, Filter, CURRENT};
use super::status_from_db;
use crate::api::query::{ListParams, Window};
use crate::auth::policy::{Actor, Status};
use crate::problem::Problem;

/// Runs the page query and, only when the page is full or empty, `SELECT COUNT(*)` for
/// the total (a short page already tells the total); maps rows with `map`.
async fn page<T>(
    store: &Store,
    cols: &str,
    from: &str,
    filter: &Filter,
    order: &str,
    w: Window,
    map: impl Fn(&AnyRow) -> Result<T, Problem>,
) -> Result<(Vec<T>, i64), Problem> {
    let where_sql = filter.where_sql();
    let page_sql = numbered(&format!(
        "SELECT {cols} FROM {from}{where_sql} ORDER BY {order} LIMIT ? OFFSET ?"
    ));
    let mut args = filter.args().to_vec();
    args.extend([Arg::Int(w.limit()), Arg::Int(w.offset())]);
    let rows = bind_all(sqlx::query(&page_sql), &args)
        .fetch_all(store.pool())
        .await?;
    let items = rows.iter().map(map).collect::<Result<Vec<T>, Problem>>()?;
    let short_page = !items.is_empty() && (items.len() as i64) < w.limit();
    if short_page || (items.is_empty() && w.offset() == 0) {
        let total = items.len() as i64 + w.offset();
        return Ok((items, total));
    }
    let count_sql = numbered(&format!("SELECT COUNT(*) FROM {from}{where_sql}"));
    let row = bind_all(sqlx::query(&count_sql), filter.args())
        .fetch_one(store.pool())
        .await?;
    let total: i64 = sqlx::Row::try_get(&row, 0)?;
    Ok((items, total))
}

// ---------------------------------------------------------------- organisations

/// 组织（财政局、部门、预算单位）。
#[derive(Debug, Clone, Serialize)]
pub struct Organisation {
    pub id: i64,
    pub parent_id: Option<i64>,
    /// bureau 财政局 / department 部门 / unit 预算单位
    pub kind: String,
    pub name: String,
    pub code: Option<String>,
    pub version: i64,
}

const ORG_COLS: &str = "o.id, o.parent_id, o.kind, o.name, o.code, o.version";

fn organisation(r: &AnyRow) -> Result<Organisation, Problem> {
    Ok(Organisation {
        id: r.int("id")?,
        parent_id: r.opt_int("parent_id")?,
        kind: r.text("kind")?,
        name: r.text("name")?,
        code: r.opt_text("code")?,
        version: r.int("version")?,
    })
}

pub async fn organisations(
    store: &Store,
    p: &ListParams,
    w: Window,
) -> Result<(Vec<Organisation>, i64), Problem> {
    let mut f = Filter::new();
    if let Some(parent) = p.parent {
        f.and("o.parent_id = ?", [Arg::Int(parent)]);
    }
    if let Some(q) = p.text() {
        f.contains("o.name", q);
    }
    page(
        store,
        ORG_COLS,
        "organisations o",
        &f,
        "o.id",
        w,
        organisation,
    )
    .await
}

pub async fn organisation_by_id(store: &Store, id: i64) -> Result<Organisation, Problem> {
    let row = sqlx::query(&format!(
        "SELECT {ORG_COLS} FROM organisations o WHERE o.id = $1"
    ))
    .bind(id)
    .fetch_optional(store.pool())
    .await?
    .ok_or_else(|| Problem::not_found(format!("组织 {id} 不存在。")))?;
    organisation(&row)
}

// ---------------------------------------------------------------- years

pub async fn years(store: &Store) -> Result<Vec<i64>, Problem> {
    Ok(
        sqlx::query_scalar("SELECT year FROM fiscal_years ORDER BY year DESC")
            .fetch_all(store.pool())
            .await?,
    )
}

// ---------------------------------------------------------------- documents

/// 文档（逻辑文档，当前修订版的概要）。
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub id: i64,
    pub department_id: Option<i64>,
    pub year: Option<i64>,
    pub source_name: String,
    pub current_revision_id: Option<i64>,
    pub revision: Option<i64>,
    pub sha256: Option<String>,
    pub size: Option<i64>,
    pub imported_at: Option<String>,
}

const DOC_COLS: &str = "d.id, d.department_id, d.year, d.source_name, d.current_revision_id, \
    r.revision, r.sha256, r.size, r.imported_at";
const DOC_FROM: &str = "documents d LEFT JOIN document_revisions r ON r.id = d.current_revision_id";

fn document(r: &AnyRow) -> Result<Document, Problem> {
    Ok(Document {
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

/// A document is visible when the caller sees everything, it is the filler's own
/// department's, or one of its projects is approved (published).
fn visible_documents(f: &mut Filter, actor: Actor) {
    if actor.reads_everything() {
        return;
    }
    let published =
        "EXISTS (SELECT 1 FROM projects p WHERE p.document_id = d.id AND p.status = 'approved')";
    match actor.own_department() {
        Some(dep) => f.and(
            &format!("d.department_id = ? OR {published}"),
            [Arg::Int(dep)],
        ),
        None => f.and(published, []),
    };
}

pub async fn documents(
    store: &Store,
    actor: Actor,
    p: &ListParams,
    w: Window,
) -> Result<(Vec<Document>, i64), Problem> {
    let mut f = Filter::new();
    if let Some(y) = p.year {
        f.and("d.year = ?", [Arg::Int(y.into())]);
    }
    if let Some(dep) = p.department {
        f.and("d.department_id = ?", [Arg::Int(dep)]);
    }
    if let Some(q) = p.text() {
        f.contains("d.source_name", q);
    }
    visible_documents(&mut f, actor);
    page(store, DOC_COLS, DOC_FROM, &f, "d.id", w, document).await
}

pub async fn document_by_id(store: &Store, actor: Actor, id: i64) -> Result<Document, Problem> {
    let mut f = Filter::new();
    f.and("d.id = ?", [Arg::Int(id)]);
    visible_documents(&mut f, actor);
    let sql = numbered(&format!(
        "SELECT {DOC_COLS} FROM {DOC_FROM}{}",
        f.where_sql()
    ));
    let row = bind_all(sqlx::query(&sql), f.args())
        .fetch_optional(store.pool())
        .await?
        .ok_or_else(|| Problem::not_found(format!("文档 {id} 不存在，或您无权查看。")))?;
    document(&row)
}

/// 修订版。
#[derive(Debug, Clone, Serialize)]
pub struct Revision {
    pub id: i64,
    pub revision: i64,
    pub file_name: String,
    pub sha256: String,
    pub size: i64,
    pub imported_at: String,
}

pub async fn revisions(store: &Store, document_id: i64) -> Result<Vec<Revision>, Problem> {
    let rows = sqlx::query(
        "SELECT id, revision, file_name, sha256, size, imported_at FROM document_revisions \
         WHERE document_id = $1 ORDER BY revision",
    )
    .bind(document_id)
    .fetch_all(store.pool())
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

// ---------------------------------------------------------------- projects

/// 项目（金额为万元，精确小数以字符串表示）。
#[derive(Debug, Clone, Serialize)]
pub struct Project {
    pub id: i64,
    pub document_id: i64,
    pub revision_id: i64,
    pub department_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub year: Option<i64>,
    pub code: Option<String>,
    pub name: String,
    pub budget_total: Option<String>,
    pub budget_fiscal: Option<String>,
    pub budget_other: Option<String>,
    pub purpose: Option<String>,
    /// draft 草稿 / submitted 已提交 / returned 已退回 / approved 已批准
    pub status: String,
    pub line: i64,
    pub version: i64,
    pub updated_at: String,
}

impl Project {
    pub fn status(&self) -> Result<Status, Problem> {
        status_from_db(&self.status)
    }
    /// Projects without a department (unrecognised documents) belong to nobody's department.
    pub fn department(&self) -> i64 {
        self.department_id.unwrap_or(0)
    }
}

const PROJECT_COLS: &str = "p.id, p.document_id, p.revision_id, p.department_id, p.unit_id, p.year, p.code, \
    p.name, p.budget_total, p.budget_fiscal, p.budget_other, p.purpose, p.status, p.line, p.version, p.updated_at";

fn project(r: &AnyRow) -> Result<Project, Problem> {
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
        status: r.text("status")?,
        line: r.int("line")?,
        version: r.int("version")?,
        updated_at: r.text("updated_at")?,
    })
}


/// The project conditions shared by the project and indicator lists (alias `p`): current
/// revisions only, then the year, department and status asked for.
fn current_projects(f: &mut Filter, p: &ListParams) {
    f.and(CURRENT, []);
    if let Some(y) = p.year {
        f.and("p.year = ?", [Arg::Int(y.into())]);
    }
    if let Some(dep) = p.department {
        f.and("p.department_id = ?", [Arg::Int(dep)]);
    }
    if let Some(s) = p.status {
        f.and(
            "p.status = ?",
            [Arg::Text(super::status_to_db(s.into()).into())],
        );
    }
}

pub async fn projects(
    store: &Store,
    actor: Actor,
    p: &ListParams,
    w: Window,
) -> Result<(Vec<Project>, i64), Problem> {
    let mut f = Filter::new();
    if let Some(doc) = p.document {
        f.and("p.document_id = ?", [Arg::Int(doc)]);
    }
    current_projects(&mut f, p);
    if let Some(q) = p.text() {
        f.contains("p.name", q);
    }
    f.visible_projects(actor);
    page(store, PROJECT_COLS, "projects p", &f, "p.id", w, project).await
}

/// Any project by id, without visibility (for permission checks before writes).
pub async fn project_row(store: &Store, id: i64) -> Result<Project, Problem> {
    let row = sqlx::query(&format!(
        "SELECT {PROJECT_COLS} FROM projects p WHERE p.id = $1"
    ))
    .bind(id)
    .fetch_optional(store.pool())
    .await?
    .ok_or_else(|| Problem::not_found(format!("项目 {id} 不存在。")))?;
    project(&row)
}

// ---------------------------------------------------------------- indicators

/// 绩效指标。
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub id: i64,
    pub project_id: Option<i64>,
    pub department_id: Option<i64>,
    pub position: i64,
    /// 一级指标（规范类别，如 output）与所印原文。
    pub level1: Option<String>,
    pub level1_printed: String,
    pub level2: Option<String>,
    pub level2_printed: String,
    /// 三级指标。
    pub level3: Option<String>,
    pub description: Option<String>,
    /// 指标值（所印原文）及其解析。
    pub target_printed: Option<String>,
    pub target_kind: Option<String>,
    pub target_op: Option<String>,
    pub target_value: Option<String>,
    pub target_unit: Option<String>,
    pub basis: Option<String>,
    pub weight: Option<String>,
    pub line: i64,
    pub version: i64,
}

const INDICATOR_COLS: &str = "i.id, i.project_id, i.department_id, i.position, i.level1, i.level1_printed, \
    i.level2, i.level2_printed, i.level3, i.description, i.target_printed, i.target_kind, i.target_op, \
    i.target_value, i.target_unit, i.basis, i.weight, i.line, i.version";

fn indicator(r: &AnyRow) -> Result<Indicator, Problem> {
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
        line: r.int("line")?,
        version: r.int("version")?,
    })
}

pub async fn indicators(
    store: &Store,
    actor: Actor,
    p: &ListParams,
    w: Window,
) -> Result<(Vec<Indicator>, i64), Problem> {
    let mut f = Filter::new();
    if let Some(project) = p.project {
        f.and("i.project_id = ?", [Arg::Int(project)]);
    }
    current_projects(&mut f, p);
    if let Some(q) = p.text() {
        f.contains("i.level3", q);
    }
    f.visible_projects(actor);
    let order = if p.project.is_some() {
        "i.position, i.id"
    } else {
        "i.id"
    };
    page(
        store,
        INDICATOR_COLS,
        "indicators i JOIN projects p ON p.id = i.project_id",
        &f,
        order,
        w,
        indicator,
    )
    .await
}

/// An indicator with the project it belongs to (for permission checks).
pub async fn indicator_row(store: &Store, id: i64) -> Result<(Indicator, Project), Problem> {
    let row = sqlx::query(&format!(
        "SELECT {INDICATOR_COLS} FROM indicators i WHERE i.id = $1"
    ))
    .bind(id)
    .fetch_optional(store.pool())
    .await?
    .ok_or_else(|| Problem::not_found(format!("指标 {id} 不存在。")))?;
    let ind = indicator(&row)?;
    let project_id = ind
        .project_id
        .ok_or_else(|| Problem::not_found(format!("指标 {id} 不属于任何项目。")))?;
    Ok((ind, project_row(store, project_id).await?))
}

pub async fn indicators_of(store: &Store, project_id: i64) -> Result<Vec<Indicator>, Problem> {
    let rows = sqlx::query(&format!("SELECT {INDICATOR_COLS} FROM indicators i WHERE i.project_id = $1 ORDER BY i.position, i.id"))
        .bind(project_id)
        .fetch_all(store.pool())
        .await?;
    rows.iter().map(indicator).collect()
}

pub async fn goals_of(store: &Store, project_id: i64) -> Result<Vec<String>, Problem> {
    Ok(
        sqlx::query_scalar("SELECT text FROM goals WHERE project_id = $1 ORDER BY position")
            .bind(project_id)
            .fetch_all(store.pool())
            .await?,
    )
}

// ---------------------------------------------------------------- findings, comments, audit

/// 审核发现。
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub id: i64,
    pub document_id: i64,
    pub revision_id: i64,
    pub rule: String,
    pub severity: String,
    pub message: String,
    pub line: Option<i64>,
    pub cell: Option<i64>,
}

pub async fn findings(
    store: &Store,
    actor: Actor,
    p: &ListParams,
    w: Window,
) -> Result<(Vec<Finding>, i64), Problem> {
    let mut f = Filter::new();
    if let Some(doc) = p.document {
        f.and("r.document_id = ?", [Arg::Int(doc)]);
    }
    f.and("r.id = d.current_revision_id", []);
    if let Some(y) = p.year {
        f.and("d.year = ?", [Arg::Int(y.into())]);
    }
    if let Some(dep) = p.department {
        f.and("d.department_id = ?", [Arg::Int(dep)]);
    }
    if let Some(q) = p.text() {
        f.contains("x.message", q);
    }
    visible_documents(&mut f, actor);
    visible_findings(&mut f, actor);
    let from = "findings x JOIN document_revisions r ON r.id = x.revision_id JOIN documents d ON d.id = r.document_id";
    let cols = "x.id, r.document_id, x.revision_id, x.rule, x.severity, x.message, x.line, x.cell";
    page(store, cols, from, &f, "x.id", w, |r| {
        Ok(Finding {
            id: r.int("id")?,
            document_id: r.int("document_id")?,
            revision_id: r.int("revision_id")?,
            rule: r.text("rule")?,
            severity: r.text("severity")?,
            message: r.text("message")?,
            line: r.opt_int("line")?,
            cell: r.opt_int("cell")?,
        })
    })
    .await
}

/// Findings quote the text they judge, so they follow what they concern: a project's
/// findings are visible with the project (approved, or the filler's own department); the
/// document's own findings (reader diagnostics, document-wide rules, which may quote any
/// line, a draft project's too) only when every project of that revision is visible — to
/// the public, when the whole document is approved. Admins and reviewers see all.
fn visible_findings(f: &mut Filter, actor: Actor) {
    if actor.reads_everything() {
        return;
    }
    let (seen, args) = match actor.own_department() {
        Some(d) => ("(p.status = 'approved' OR COALESCE(p.department_id, 0) = ?)", vec![Arg::Int(d), Arg::Int(d)]),
        None => ("p.status = 'approved'", vec![]),
    };
    f.and(
        &format!(
            "(x.project_position IS NOT NULL AND EXISTS (SELECT 1 FROM projects p \
               WHERE p.revision_id = x.revision_id AND p.position = x.project_position AND {seen})) \
             OR (x.project_position IS NULL AND NOT EXISTS (SELECT 1 FROM projects p \
               WHERE p.revision_id = x.revision_id AND NOT {seen}))"
        ),
        args,
    );
}

/// 审核意见。
#[derive(Debug, Clone, Serialize)]
pub struct Comment {
    pub id: i64,
    pub project_id: i64,
    pub indicator_id: Option<i64>,
    pub author_id: Option<i64>,
    pub author: Option<String>,
    pub body: String,
    pub created_at: String,
}

pub async fn comments(store: &Store, project_id: i64) -> Result<Vec<Comment>, Problem> {
    let rows = sqlx::query(
        "SELECT c.id, c.project_id, c.indicator_id, c.author_id, u.display_name, c.body, c.created_at \
         FROM comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.project_id = $1 ORDER BY c.id",
    )
    .bind(project_id)
    .fetch_all(store.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Comment {
                id: r.int("id")?,
                project_id: r.int("project_id")?,
                indicator_id: r.opt_int("indicator_id")?,
                author_id: r.opt_int("author_id")?,
                author: r.opt_text("display_name")?,
                body: r.text("body")?,
                created_at: r.text("created_at")?,
            })
        })
        .collect()
}

/// 审计记录。
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub user_id: Option<i64>,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub action: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

pub async fn audit(store: &Store, w: Window) -> Result<(Vec<AuditEntry>, i64), Problem> {
    let cols =
        "a.id, a.at, a.user_id, a.entity, a.entity_id, a.action, a.before_json, a.after_json";
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    page(
        store,
        cols,
        "audit_log a",
        &Filter::new(),
        "a.id DESC",
        w,
        |r| {
            Ok(AuditEntry {
                id: r.int("id")?,
                at: r.text("at")?,
                user_id: r.opt_int("user_id")?,
                entity: r.text("entity")?,
                entity_id: r.opt_int("entity_id")?,
                action: r.text("action")?,
                before: parse(r.opt_text("before_json")?),
                after: parse(r.opt_text("after_json")?),
            })
        },
    )
    .await
}
