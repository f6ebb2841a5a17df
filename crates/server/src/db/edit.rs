//! The edits the API offers. Each runs in one write transaction: check the version the
//! client read (optimistic lock), change the row, bump its version, and write an audit
//! entry (who, when, what, before → after).

use std::str::FromStr;

use jixiao_model::{Level1, Level2, Target, TargetValue};
use jixiao_store::Store;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::accounts::audit;
use super::read::{Indicator, Organisation, Project};
use super::sql::{bind_all, numbered, Arg};
use super::{now, status_to_db, to_json};
use crate::auth::policy::Status;
use jixiao_store::text::{self, Field, TextProblem};
use crate::problem::Problem;

/// `UPDATE table SET sets…, version = version + 1 WHERE id AND version`; 409 or 404 when no
/// row matched.
async fn versioned_update(
    conn: &mut sqlx::AnyConnection,
    table: &str,
    id: i64,
    expected: i64,
    sets: &[(&str, Arg)],
) -> Result<(), Problem> {
    let mut sql = format!("UPDATE {table} SET version = version + 1");
    let mut args = Vec::new();
    for (col, arg) in sets {
        sql.push_str(&format!(", {col} = ?"));
        args.push(arg.clone());
    }
    sql.push_str(" WHERE id = ? AND version = ?");
    args.extend([Arg::Int(id), Arg::Int(expected)]);
    let done = bind_all(sqlx::query(&numbered(&sql)), &args)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 1 {
        return Ok(());
    }
    stale_or_missing(conn, table, id, expected).await
}

async fn stale_or_missing(
    conn: &mut sqlx::AnyConnection,
    table: &str,
    id: i64,
    expected: i64,
) -> Result<(), Problem> {
    let current: Option<i64> =
        sqlx::query_scalar(&format!("SELECT version FROM {table} WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    match current {
        Some(v) => Err(Problem::stale(expected, v)),
        None => Err(Problem::not_found(format!(
            "记录 {id} 不存在（可能已被删除）。"
        ))),
    }
}

async fn versioned_delete(
    conn: &mut sqlx::AnyConnection,
    table: &str,
    id: i64,
    expected: i64,
) -> Result<(), Problem> {
    let done = sqlx::query(&format!(
        "DELETE FROM {table} WHERE id = $1 AND version = $2"
    ))
    .bind(id)
    .bind(expected)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        stale_or_missing(conn, table, id, expected).await
    }
}

/// A row the API edits: its table, its entity name in the audit log, and its id.
trait Audited: Serialize {
    const TABLE: &'static str;
    const ENTITY: &'static str;
    fn id(&self) -> i64;
}

impl Audited for Organisation {
    const TABLE: &'static str = "organisations";
    const ENTITY: &'static str = "organisation";
    fn id(&self) -> i64 {
        self.id
    }
}

impl Audited for Project {
    const TABLE: &'static str = "projects";
    const ENTITY: &'static str = "project";
    fn id(&self) -> i64 {
        self.id
    }
}

impl Audited for Indicator {
    const TABLE: &'static str = "indicators";
    const ENTITY: &'static str = "indicator";
    fn id(&self) -> i64 {
        self.id
    }
}

/// [`versioned_update`] of `before`'s row and its audit entry (before → after), in one
/// write transaction.
async fn audited_update<T: Audited>(
    store: &Store,
    by: i64,
    before: &T,
    version: i64,
    sets: &[(&str, Arg)],
    after: &T,
) -> Result<(), Problem> {
    let mut tx = store.begin_write().await?;
    versioned_update(&mut tx, T::TABLE, before.id(), version, sets).await?;
    audit(
        &mut tx,
        Some(by),
        T::ENTITY,
        Some(before.id()),
        "update",
        Some(&to_json(before)),
        Some(&to_json(after)),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// [`versioned_delete`] of `before`'s row and its audit entry, in one write transaction.
async fn audited_delete<T: Audited>(
    store: &Store,
    by: i64,
    before: &T,
    version: i64,
) -> Result<(), Problem> {
    let mut tx = store.begin_write().await?;
    versioned_delete(&mut tx, T::TABLE, before.id(), version).await?;
    audit(
        &mut tx,
        Some(by),
        T::ENTITY,
        Some(before.id()),
        "delete",
        Some(&to_json(before)),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// `text` against the limits and characters of `field` ([`jixiao_store::text`], the same
/// table as the import): 422 naming the field.
pub fn checked(field: Field, text: &str) -> Result<(), Problem> {
    field.check(text).map_err(|problem| {
        Problem::unprocessable(match problem {
            TextProblem::TooLong { max, .. } => format!("字段“{}”过长（最多 {max} 字）。", field.name),
            TextProblem::Forbidden(c) => format!(
                "字段“{}”含有不允许的控制字符（{}）。",
                field.name,
                jixiao_store::text::code_point(c)
            ),
        })
    })
}

/// An optional text field: `""` clears it.
fn opt_text(field: Field, s: &str) -> Result<Arg, Problem> {
    let t = s.trim();
    checked(field, t)?;
    Ok(if t.is_empty() {
        Arg::Null
    } else {
        Arg::Text(t.to_string())
    })
}

/// A required text field, trimmed.
pub fn required(field: Field, s: &str) -> Result<String, Problem> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Problem::unprocessable(format!("字段“{}”不能为空。", field.name)));
    }
    checked(field, t)?;
    Ok(t.to_string())
}

/// An amount in 万元 (`"12.5"`); `""` clears it.
fn money(field: &'static str, s: &str) -> Result<Arg, Problem> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(Arg::Null);
    }
    checked(Field { name: field, ..text::AMOUNT }, t)?;
    match Decimal::from_str(t) {
        Ok(d) if d >= Decimal::ZERO => Ok(Arg::Text(d.normalize().to_string())),
        _ => Err(Problem::unprocessable(format!(
            "字段“{field}”应为不小于 0 的金额（万元，如 \"12.5\"），实际为“{t}”。"
        ))),
    }
}

// ---------------------------------------------------------------- organisations

/// 新建组织。
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewOrganisation {
    pub parent_id: i64,
    /// department 部门 / unit 预算单位
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub code: Option<String>,
}

pub async fn create_organisation(
    store: &Store,
    by: i64,
    new: &NewOrganisation,
) -> Result<Organisation, Problem> {
    let name = required(text::ORG_NAME, &new.name)?;
    let code = match &new.code {
        Some(c) => {
            checked(text::ORG_CODE, c.trim())?;
            Some(c.trim()).filter(|c| !c.is_empty())
        }
        None => None,
    };
    let parent = super::read::organisation_by_id(store, new.parent_id)
        .await
        .map_err(|_| Problem::unprocessable(format!("上级组织 {} 不存在。", new.parent_id)))?;
    let fits = matches!(
        (parent.kind.as_str(), new.kind.as_str()),
        ("bureau", "department") | ("department", "unit")
    );
    if !fits {
        return Err(Problem::unprocessable(format!(
            "组织层级不对：{} 之下只能建立{}。",
            parent.name,
            if parent.kind == "bureau" {
                "部门（kind: department）"
            } else {
                "预算单位（kind: unit）"
            }
        )));
    }
    let mut tx = store.begin_write().await?;
    let taken: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM organisations WHERE parent_id = $1 AND kind = $2 AND name = $3",
    )
    .bind(new.parent_id)
    .bind(&new.kind)
    .bind(&name)
    .fetch_optional(&mut *tx)
    .await?;
    if taken.is_some() {
        return Err(Problem::conflict(format!(
            "{} 之下已有名为“{name}”的组织。",
            parent.name
        )));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO organisations (parent_id, kind, name, code, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(new.parent_id)
    .bind(&new.kind)
    .bind(&name)
    .bind(code)
    .bind(now())
    .fetch_one(&mut *tx)
    .await?;
    let org = Organisation {
        id,
        parent_id: Some(new.parent_id),
        kind: new.kind.clone(),
        name,
        code: code.map(str::to_string),
        version: 1,
    };
    audit(
        &mut tx,
        Some(by),
        "organisation",
        Some(id),
        "create",
        None,
        Some(&to_json(&org)),
    )
    .await?;
    tx.commit().await?;
    Ok(org)
}

/// 修改组织。
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationEdit {
    pub version: Option<i64>,
    pub name: Option<String>,
    pub code: Option<String>,
}

pub async fn update_organisation(
    store: &Store,
    by: i64,
    before: &Organisation,
    version: i64,
    edit: &OrganisationEdit,
) -> Result<Organisation, Problem> {
    let mut after = before.clone();
    let mut sets = Vec::new();
    if let Some(name) = &edit.name {
        after.name = required(text::ORG_NAME, name)?;
        sets.push(("name", Arg::Text(after.name.clone())));
    }
    if let Some(code) = &edit.code {
        let arg = opt_text(text::ORG_CODE, code)?;
        after.code = match &arg {
            Arg::Text(t) => Some(t.clone()),
            _ => None,
        };
        sets.push(("code", arg));
    }
    after.version = version + 1;
    audited_update(store, by, before, version, &sets, &after).await?;
    Ok(after)
}

pub async fn delete_organisation(
    store: &Store,
    by: i64,
    before: &Organisation,
    version: i64,
) -> Result<(), Problem> {
    if before.kind == "bureau" {
        return Err(Problem::conflict("财政局是组织树的根，不能删除。"));
    }
    let mut tx = store.begin_write().await?;
    let used: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM organisations WHERE parent_id = $1) + (SELECT COUNT(*) FROM users WHERE department_id = $1) \
         + (SELECT COUNT(*) FROM documents WHERE department_id = $1) + (SELECT COUNT(*) FROM projects WHERE department_id = $1 OR unit_id = $1)",
    )
    .bind(before.id)
    .fetch_one(&mut *tx)
    .await?;
    if used > 0 {
        return Err(Problem::conflict(format!(
            "“{}”下仍有下级组织、用户或数据，不能删除。",
            before.name
        )));
    }
    versioned_delete(&mut tx, "organisations", before.id, version).await?;
    audit(
        &mut tx,
        Some(by),
        "organisation",
        Some(before.id),
        "delete",
        Some(&to_json(before)),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------- projects

/// 修改项目（只改给出的字段；可选文字字段给 "" 即清空）。
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectEdit {
    pub version: Option<i64>,
    pub name: Option<String>,
    pub code: Option<String>,
    pub purpose: Option<String>,
    /// 预算数（万元，字符串形式的精确小数）。
    pub budget_total: Option<String>,
    pub budget_fiscal: Option<String>,
    pub budget_other: Option<String>,
}

fn arg_text(a: &Arg) -> Option<String> {
    match a {
        Arg::Text(t) => Some(t.clone()),
        _ => None,
    }
}

impl ProjectEdit {
    /// The column changes, applied also to `after` for the audit log.
    fn changes(&self, after: &mut Project) -> Result<Vec<(&'static str, Arg)>, Problem> {
        let mut sets = Vec::new();
        if let Some(v) = &self.name {
            after.name = required(text::PROJECT_NAME, v)?;
            sets.push(("name", Arg::Text(after.name.clone())));
        }
        let texts: [(Field, &Option<String>, &mut Option<String>); 2] = [
            (text::PROJECT_CODE, &self.code, &mut after.code),
            (text::PURPOSE, &self.purpose, &mut after.purpose),
        ];
        for (col, value, field) in texts {
            if let Some(v) = value {
                let arg = opt_text(col, v)?;
                let col = col.name;
                *field = arg_text(&arg);
                sets.push((col, arg));
            }
        }
        let amounts: [(&'static str, &Option<String>, &mut Option<String>); 3] = [
            ("budget_total", &self.budget_total, &mut after.budget_total),
            (
                "budget_fiscal",
                &self.budget_fiscal,
                &mut after.budget_fiscal,
            ),
            ("budget_other", &self.budget_other, &mut after.budget_other),
        ];
        for (col, value, field) in amounts {
            if let Some(v) = value {
                let arg = money(col, v)?;
                *field = arg_text(&arg);
                sets.push((col, arg));
            }
        }
        Ok(sets)
    }
}

/// 新建项目（在某文档的当前修订版中）。
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewProject {
    pub document_id: i64,
    pub name: String,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub purpose: Option<String>,
    #[serde(default)]
    pub budget_total: Option<String>,
    #[serde(default)]
    pub budget_fiscal: Option<String>,
    #[serde(default)]
    pub budget_other: Option<String>,
}

pub async fn create_project(
    store: &Store,
    by: i64,
    doc: &super::read::Document,
    new: &NewProject,
) -> Result<Project, Problem> {
    let revision_id = doc
        .current_revision_id
        .ok_or_else(|| Problem::conflict("该文档还没有任何修订版。"))?;
    let at = now();
    let mut p = Project {
        id: 0,
        document_id: doc.id,
        revision_id,
        department_id: doc.department_id,
        unit_id: None,
        year: doc.year,
        code: None,
        name: String::new(),
        budget_total: None,
        budget_fiscal: None,
        budget_other: None,
        purpose: None,
        status: status_to_db(Status::Draft).to_string(),
        line: 0,
        version: 1,
        updated_at: at.clone(),
    };
    let edit = ProjectEdit {
        version: None,
        name: Some(new.name.clone()),
        code: new.code.clone(),
        purpose: new.purpose.clone(),
        budget_total: new.budget_total.clone(),
        budget_fiscal: new.budget_fiscal.clone(),
        budget_other: new.budget_other.clone(),
    };
    edit.changes(&mut p)?;
    let mut tx = store.begin_write().await?;
    let position: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(position), -1) + 1 FROM projects WHERE revision_id = $1",
    )
    .bind(revision_id)
    .fetch_one(&mut *tx)
    .await?;
    p.id = sqlx::query_scalar(
        "INSERT INTO projects (revision_id, document_id, department_id, year, position, code, name, budget_total, \
         budget_fiscal, budget_other, purpose, status, line, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'draft', 0, $12, $12) RETURNING id",
    )
    .bind(revision_id)
    .bind(doc.id)
    .bind(doc.department_id)
    .bind(doc.year)
    .bind(position)
    .bind(&p.code)
    .bind(&p.name)
    .bind(&p.budget_total)
    .bind(&p.budget_fiscal)
    .bind(&p.budget_other)
    .bind(&p.purpose)
    .bind(&at)
    .fetch_one(&mut *tx)
    .await?;
    audit(
        &mut tx,
        Some(by),
        "project",
        Some(p.id),
        "create",
        None,
        Some(&to_json(&p)),
    )
    .await?;
    tx.commit().await?;
    Ok(p)
}

pub async fn update_project(
    store: &Store,
    by: i64,
    before: &Project,
    version: i64,
    edit: &ProjectEdit,
) -> Result<Project, Problem> {
    let mut after = before.clone();
    let mut sets = edit.changes(&mut after)?;
    after.version = version + 1;
    after.updated_at = now();
    sets.push(("updated_at", Arg::Text(after.updated_at.clone())));
    audited_update(store, by, before, version, &sets, &after).await?;
    Ok(after)
}

pub async fn delete_project(
    store: &Store,
    by: i64,
    before: &Project,
    version: i64,
) -> Result<(), Problem> {
    audited_delete(store, by, before, version).await
}

/// Moves a project through the workflow (submit / return / approve), with an optional
/// comment written in the same transaction.
pub async fn transition(
    store: &Store,
    by: i64,
    before: &Project,
    version: i64,
    to: Status,
    action: &str,
    comment: Option<&str>,
) -> Result<Project, Problem> {
    if let Some(c) = comment {
        checked(Field { name: "comment", ..text::COMMENT }, c.trim())?;
    }
    let mut after = before.clone();
    after.status = status_to_db(to).to_string();
    after.version = version + 1;
    after.updated_at = now();
    let sets = [
        ("status", Arg::Text(after.status.clone())),
        ("updated_at", Arg::Text(after.updated_at.clone())),
    ];
    let mut tx = store.begin_write().await?;
    versioned_update(&mut tx, "projects", before.id, version, &sets).await?;
    if let Some(body) = comment.map(str::trim).filter(|b| !b.is_empty()) {
        insert_comment(&mut tx, by, before.id, None, body).await?;
    }
    audit(
        &mut tx,
        Some(by),
        "project",
        Some(before.id),
        action,
        Some(&to_json(before)),
        Some(&to_json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

// ---------------------------------------------------------------- comments

async fn insert_comment(
    conn: &mut sqlx::AnyConnection,
    by: i64,
    project_id: i64,
    indicator_id: Option<i64>,
    body: &str,
) -> Result<i64, Problem> {
    Ok(sqlx::query_scalar(
        "INSERT INTO comments (project_id, indicator_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(project_id)
    .bind(indicator_id)
    .bind(by)
    .bind(body)
    .bind(now())
    .fetch_one(conn)
    .await?)
}

pub async fn add_comment(
    store: &Store,
    by: i64,
    project_id: i64,
    indicator_id: Option<i64>,
    body: &str,
) -> Result<i64, Problem> {
    let body = required(text::COMMENT, body)?;
    let mut tx = store.begin_write().await?;
    if let Some(ind) = indicator_id {
        let owner: Option<Option<i64>> =
            sqlx::query_scalar("SELECT project_id FROM indicators WHERE id = $1")
                .bind(ind)
                .fetch_optional(&mut *tx)
                .await?;
        if owner != Some(Some(project_id)) {
            return Err(Problem::unprocessable(format!(
                "指标 {ind} 不属于项目 {project_id}。"
            )));
        }
    }
    let id = insert_comment(&mut tx, by, project_id, indicator_id, &body).await?;
    let after =
        serde_json::json!({ "project_id": project_id, "indicator_id": indicator_id, "body": body });
    audit(
        &mut tx,
        Some(by),
        "comment",
        Some(id),
        "create",
        None,
        Some(&after.to_string()),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

// ---------------------------------------------------------------- indicators

/// 修改指标（只改给出的字段）。指标值给出所印文字，服务端解析其类型、符号、数值与单位。
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorEdit {
    pub version: Option<i64>,
    /// 一级指标（如“产出指标”）。
    pub level1: Option<String>,
    /// 二级指标（如“数量指标”）。
    pub level2: Option<String>,
    /// 三级指标。
    pub level3: Option<String>,
    pub description: Option<String>,
    /// 指标值（如“≥95%”）。
    pub target: Option<String>,
    pub basis: Option<String>,
    /// 分值/权重。
    pub weight: Option<String>,
}

fn category_name<T: serde::Serialize>(c: Option<T>) -> Arg {
    match c.map(|c| serde_json::to_value(c)) {
        Some(Ok(serde_json::Value::String(s))) => Arg::Text(s),
        _ => Arg::Null,
    }
}

impl IndicatorEdit {
    fn changes(&self, after: &mut Indicator) -> Result<Vec<(&'static str, Arg)>, Problem> {
        let mut sets = Vec::new();
        if let Some(v) = &self.level1 {
            after.level1_printed = required(text::LEVEL1, v)?;
            let cat = category_name(Level1::from_printed(&after.level1_printed));
            after.level1 = arg_text(&cat);
            sets.push(("level1_printed", Arg::Text(after.level1_printed.clone())));
            sets.push(("level1", cat));
        }
        if let Some(v) = &self.level2 {
            after.level2_printed = required(text::LEVEL2, v)?;
            let cat = category_name(Level2::from_printed(&after.level2_printed));
            after.level2 = arg_text(&cat);
            sets.push(("level2_printed", Arg::Text(after.level2_printed.clone())));
            sets.push(("level2", cat));
        }
        let texts: [(Field, &Option<String>, &mut Option<String>); 3] = [
            (text::LEVEL3, &self.level3, &mut after.level3),
            (text::DESCRIPTION, &self.description, &mut after.description),
            (text::BASIS, &self.basis, &mut after.basis),
        ];
        for (col, value, field) in texts {
            if let Some(v) = value {
                let arg = opt_text(col, v)?;
                let col = col.name;
                *field = arg_text(&arg);
                sets.push((col, arg));
            }
        }
        if let Some(w) = &self.weight {
            checked(text::WEIGHT, w.trim())?;
            let arg = match w.trim() {
                "" => Arg::Null,
                t => match Decimal::from_str(t) {
                    Ok(d) if d >= Decimal::ZERO && d <= Decimal::from(100) => {
                        Arg::Text(d.normalize().to_string())
                    }
                    _ => {
                        return Err(Problem::unprocessable(format!(
                            "字段“weight”应为 0 到 100 的数，实际为“{t}”。"
                        )))
                    }
                },
            };
            after.weight = arg_text(&arg);
            sets.push(("weight", arg));
        }
        if let Some(t) = &self.target {
            let printed = t.trim();
            checked(text::TARGET, printed)?;
            if printed.is_empty() {
                after.target_printed = None;
                after.target_kind = None;
                after.target_op = None;
                after.target_value = None;
                after.target_unit = None;
                for col in [
                    "target_printed",
                    "target_kind",
                    "target_op",
                    "target_value",
                    "target_upper",
                    "target_unit",
                    "target_json",
                ] {
                    sets.push((col, Arg::Null));
                }
            } else {
                let target = Target::parse(printed);
                let kind = match &target.value {
                    TargetValue::Quantity { .. } => "quantity",
                    TargetValue::Qualitative { .. } => "qualitative",
                    TargetValue::Deadline { .. } => "deadline",
                    TargetValue::NotATarget => "not_a_target",
                    TargetValue::Other { .. } => "other",
                };
                let upper = match &target.value {
                    TargetValue::Quantity { upper, .. } => upper.map(|u| u.to_string()),
                    _ => None,
                };
                after.target_printed = Some(printed.to_string());
                after.target_kind = Some(kind.to_string());
                after.target_op = arg_text(&category_name(target.comparison()));
                after.target_value = target.number().map(|n| n.to_string());
                after.target_unit = target.unit().map(str::to_string);
                let opt = |o: &Option<String>| o.clone().map_or(Arg::Null, Arg::Text);
                sets.extend([
                    ("target_printed", Arg::Text(printed.to_string())),
                    ("target_kind", Arg::Text(kind.to_string())),
                    ("target_op", opt(&after.target_op)),
                    ("target_value", opt(&after.target_value)),
                    ("target_upper", opt(&upper)),
                    ("target_unit", opt(&after.target_unit)),
                    ("target_json", Arg::Text(to_json(&target))),
                ]);
            }
        }
        Ok(sets)
    }
}

/// 新建指标。
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewIndicator {
    pub project_id: i64,
    pub level1: String,
    pub level2: String,
    pub level3: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default)]
    pub basis: Option<String>,
    #[serde(default)]
    pub weight: Option<String>,
}

pub async fn create_indicator(
    store: &Store,
    by: i64,
    project: &Project,
    new: &NewIndicator,
) -> Result<Indicator, Problem> {
    let mut ind = Indicator {
        id: 0,
        project_id: Some(project.id),
        department_id: project.department_id,
        position: 0,
        level1: None,
        level1_printed: String::new(),
        level2: None,
        level2_printed: String::new(),
        level3: None,
        description: None,
        target_printed: None,
        target_kind: None,
        target_op: None,
        target_value: None,
        target_unit: None,
        basis: None,
        weight: None,
        line: 0,
        version: 1,
    };
    let edit = IndicatorEdit {
        version: None,
        level1: Some(new.level1.clone()),
        level2: Some(new.level2.clone()),
        level3: Some(required(text::LEVEL3, &new.level3)?),
        description: new.description.clone(),
        target: new.target.clone(),
        basis: new.basis.clone(),
        weight: new.weight.clone(),
    };
    let sets = edit.changes(&mut ind)?;
    let at = now();
    let mut tx = store.begin_write().await?;
    ind.position = sqlx::query_scalar(
        "SELECT COALESCE(MAX(position), -1) + 1 FROM indicators WHERE project_id = $1",
    )
    .bind(project.id)
    .fetch_one(&mut *tx)
    .await?;
    let mut cols = vec![
        "revision_id",
        "project_id",
        "department_id",
        "position",
        "line",
        "created_at",
        "updated_at",
    ];
    let mut args = vec![
        Arg::Int(project.revision_id),
        Arg::Int(project.id),
        project.department_id.map_or(Arg::Null, Arg::Int),
        Arg::Int(ind.position),
        Arg::Int(0),
        Arg::Text(at.clone()),
        Arg::Text(at),
    ];
    for (col, arg) in sets {
        cols.push(col);
        args.push(arg);
    }
    let marks = vec!["?"; cols.len()].join(", ");
    let sql = numbered(&format!(
        "INSERT INTO indicators ({}) VALUES ({marks}) RETURNING id",
        cols.join(", ")
    ));
    let row = bind_all(sqlx::query(&sql), &args)
        .fetch_one(&mut *tx)
        .await?;
    ind.id = sqlx::Row::try_get(&row, 0)?;
    audit(
        &mut tx,
        Some(by),
        "indicator",
        Some(ind.id),
        "create",
        None,
        Some(&to_json(&ind)),
    )
    .await?;
    tx.commit().await?;
    Ok(ind)
}

pub async fn update_indicator(
    store: &Store,
    by: i64,
    before: &Indicator,
    version: i64,
    edit: &IndicatorEdit,
) -> Result<Indicator, Problem> {
    let mut after = before.clone();
    let mut sets = edit.changes(&mut after)?;
    after.version = version + 1;
    sets.push(("updated_at", Arg::Text(now())));
    audited_update(store, by, before, version, &sets, &after).await?;
    Ok(after)
}

pub async fn delete_indicator(
    store: &Store,
    by: i64,
    before: &Indicator,
    version: i64,
) -> Result<(), Problem> {
    audited_delete(store, by, before, version).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_exact_and_checked() {
        assert_eq!(
            money("budget_total", " 12.50 ").unwrap(),
            Arg::Text("12.5".into())
        );
        assert_eq!(money("budget_total", "").unwrap(), Arg::Null);
        assert_eq!(
            money("budget_total", "十万").unwrap_err().detail,
            "字段“budget_total”应为不小于 0 的金额（万元，如 \"12.5\"），实际为“十万”。"
        );
        assert!(money("budget_total", "-1").is_err());
    }
}
