//! Stored rows as `jixiao-model` values, for the code that works on a `Document` (downloads
//! through jixiao-office, monitoring validation and lights through jixiao-assess): the data
//! as it is now in the database, edits included.

use std::str::FromStr;

use jixiao_model::{
    Budget, Document, Indicator, IndicatorLevel, Level1, Level2, Located, Money, Origin, Project,
    RowEvaluation, Target,
};
use rust_decimal::Decimal;

use crate::error::StoreError;
use crate::model;
use crate::Store;

fn at(line: i64) -> Origin {
    Origin::line(u32::try_from(line).unwrap_or(0))
}

fn located(text: Option<String>, line: i64) -> Option<Located<String>> {
    text.filter(|t| !t.trim().is_empty())
        .map(|t| Located::new(t, at(line)))
}

fn amount(text: &Option<String>, line: i64) -> Option<Located<Money>> {
    text.as_deref()
        .and_then(|t| Decimal::from_str(t.trim()).ok())
        .map(|d| Located::new(Money(d), at(line)))
}

/// A stored indicator as the model's row (the target parsed again from its printed text).
pub fn indicator(i: model::Indicator) -> Indicator {
    let here = at(i.line);
    Indicator {
        level1: IndicatorLevel {
            category: Level1::from_printed(&i.level1_printed),
            printed: Located::new(i.level1_printed, here),
            inherited: false,
        },
        level2: IndicatorLevel {
            category: Level2::from_printed(&i.level2_printed),
            printed: Located::new(i.level2_printed, here),
            inherited: false,
        },
        level3: located(i.level3, i.line),
        description: located(i.description, i.line),
        target: i
            .target_printed
            .filter(|t| !t.trim().is_empty())
            .map(|t| Located::new(Target::parse(&t), here)),
        basis: located(i.basis, i.line),
        weight: i.weight.as_deref().and_then(|w| Decimal::from_str(w).ok()),
        evaluation: row_evaluation(i.actual_printed, i.score.as_deref(), i.deviation, here),
        at: here,
    }
}

/// A stored row's self-evaluation (实际完成值 typed again like a target, 得分 exact with its
/// printed decimals, 偏差原因); `None` when the row prints none of them (a target table's).
pub fn row_evaluation(actual: Option<String>, score: Option<&str>, deviation: Option<String>, at: Origin) -> Option<RowEvaluation> {
    let e = RowEvaluation {
        actual: actual.filter(|a| !a.trim().is_empty()).map(|a| Located::new(Target::parse(&a), at)),
        score: score.and_then(|s| Decimal::from_str(s.trim()).ok()),
        deviation: deviation.filter(|d| !d.trim().is_empty()).map(|d| Located::new(d, at)),
    };
    (e != RowEvaluation::default()).then_some(e)
}

/// A document made of stored projects.
pub fn document(source: String, department: Option<String>, year: Option<i64>, projects: Vec<Project>) -> Document {
    Document {
        source,
        department: department.map(|d| Located::new(d, Origin::line(1))),
        year: year
            .and_then(|y| i32::try_from(y).ok())
            .map(|y| Located::new(y, Origin::line(1))),
        projects,
        ..Document::default()
    }
}

/// Puts a stored 部门整体支出绩效目标表 (the caller's to see: the store's
/// `department_tables` under the reader's visibility) into a document made of stored
/// projects: its overall goals, department budget and department-wide indicators, which the
/// office writers draw as the 部门整体 part (and, for a 部门整体 自评表, its printed part, which
/// the re-scoring reads).
pub fn with_department_table(mut doc: Document, table: model::DepartmentTable) -> Document {
    let line = 1;
    doc.overall_goals = table.overall_goals.into_iter().map(|g| Located::new(g, at(line))).collect();
    let budget = Budget {
        total: amount(&table.budget_total, line),
        fiscal: amount(&table.budget_fiscal, line),
        other: amount(&table.budget_other, line),
    };
    doc.department_budget = (budget.total.is_some() || budget.fiscal.is_some() || budget.other.is_some()).then_some(budget);
    doc.department_indicators = table.indicators.into_iter().map(indicator).collect();
    doc.department_evaluation = table.evaluation;
    doc
}

impl Store {
    /// A stored project with its goals and indicators, as the model's project (indicators in
    /// `position` order, so an indicator's index here is its index in the project's table).
    pub async fn model_project(&self, p: &model::Project) -> Result<Project, StoreError> {
        let (indicators, goals) = tokio::try_join!(self.indicators_of(p.id), self.goals_of(p.id))?;
        Ok(Project {
            period: None,
            unit: None,
            code: located(p.code.clone(), p.line),
            name: Located::new(p.name.clone(), at(p.line)),
            budget: Budget {
                total: amount(&p.budget_total, p.line),
                fiscal: amount(&p.budget_fiscal, p.line),
                other: amount(&p.budget_other, p.line),
            },
            purpose: located(p.purpose.clone(), p.line),
            spending_plan: None,
            goals: goals.into_iter().map(|g| Located::new(g, at(p.line))).collect(),
            indicators: indicators.into_iter().map(indicator).collect(),
            at: at(p.line),
            evaluation: p.evaluation.clone(),
        })
    }
}

/// A current project the reader may see, as the model's project, with what the indicator
/// library needs besides: the store's ids, the department's and the unit's names and the year.
#[derive(Debug, Clone)]
pub struct VisibleProject {
    pub id: i64,
    pub document_id: i64,
    pub department_id: Option<i64>,
    /// The department's name (`None` when the document names none).
    pub department: Option<String>,
    pub year: Option<i64>,
    pub status: model::Status,
    pub project: Project,
}

impl Store {
    /// Every project of a current revision the reader may see (visibility applied in SQL),
    /// with its goals and indicators, in id order: three queries whatever the number of
    /// projects. The indicator library (指标库) is built from these, so it never holds what
    /// the reader may not see.
    pub async fn visible_model_projects(&self, seen: model::Visibility) -> Result<Vec<VisibleProject>, StoreError> {
        self.visible_model_projects_of(seen, None).await
    }

    /// [`Store::visible_model_projects`], of the documents `documents` only when given.
    async fn visible_model_projects_of(
        &self,
        seen: model::Visibility,
        documents: Option<&[i64]>,
    ) -> Result<Vec<VisibleProject>, StoreError> {
        use crate::read::{indicator as indicator_row, project as project_row, INDICATOR_COLS, PROJECT_COLS};
        use crate::sql::{bind_all, current, numbered, Arg, Col, Filter};
        let mut f = Filter::new();
        f.and(current(self.backend()), []);
        f.visible_projects(seen);
        if let Some(docs) = documents {
            let marks = vec!["?"; docs.len()].join(", ");
            f.and(&format!("p.document_id IN ({marks})"), docs.iter().map(|&d| Arg::Int(d)));
        }
        // A few documents' projects in document order (`projects_document`; in id order
        // SQLite walks every approved project through `projects_status`), sorted below.
        let order = if documents.is_some() { "p.document_id, p.id" } else { "p.id" };
        // Every query here takes the same conditions (`?`s bound to `f`'s arguments).
        let (filter, where_sql) = (&f, f.where_sql());
        let fetch = |sql: String| async move {
            bind_all(sqlx::query(&numbered(&sql)), filter.args()).fetch_all(self.pool()).await
        };
        let (rows, mut goals, mut indicators) = match self.backend() {
            crate::Backend::Sqlite => {
                // sqlx hands SQLite's rows over one at a time from the connection's worker
                // thread, each row a wake-up of both sides: 1 M indicator rows took 17–22 s,
                // most of it in futex calls, three times what PostgreSQL needs for the whole
                // library. Each project's goals and indicators as one JSON text (SQLite's
                // json_group_array, in C) make it 135 k rows instead of 1.35 M.
                let rows = fetch(format!(
                    "SELECT {PROJECT_COLS}, o.name AS department_name, \
                     (SELECT json_group_array(json_array(g.position, g.text)) FROM goals g \
                      WHERE g.project_id = p.id) AS goals_json, \
                     (SELECT json_group_array(json_array({INDICATOR_COLS})) FROM indicators i \
                      WHERE i.project_id = p.id) AS indicators_json \
                     FROM projects p LEFT JOIN organisations o ON o.id = p.department_id{where_sql} ORDER BY {order}"
                ))
                .await?;
                let mut goals = std::collections::HashMap::new();
                let mut indicators = std::collections::HashMap::new();
                for r in &rows {
                    let id = r.int("id")?;
                    goals.insert(id, aggregated_goals(&r.text("goals_json")?)?);
                    indicators.insert(id, aggregated_indicators(&r.text("indicators_json")?)?);
                }
                (rows, goals, indicators)
            }
            crate::Backend::Postgres => {
                let rows = fetch(format!(
                    "SELECT {PROJECT_COLS}, o.name AS department_name FROM projects p \
                     LEFT JOIN organisations o ON o.id = p.department_id{where_sql} ORDER BY {order}"
                ))
                .await?;
                let ind_rows = fetch(format!(
                    "SELECT {INDICATOR_COLS} FROM indicators i JOIN projects p ON p.id = i.project_id{where_sql} \
                     ORDER BY i.project_id, i.position, i.id"
                ))
                .await?;
                let goal_rows = fetch(format!(
                    "SELECT g.project_id, g.text FROM goals g JOIN projects p ON p.id = g.project_id{where_sql} \
                     ORDER BY g.project_id, g.position"
                ))
                .await?;
                let mut indicators: std::collections::HashMap<i64, Vec<Indicator>> = std::collections::HashMap::new();
                for r in &ind_rows {
                    let i = indicator_row(r)?;
                    if let Some(p) = i.project_id {
                        indicators.entry(p).or_default().push(indicator(i));
                    }
                }
                let mut goals: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
                for r in &goal_rows {
                    goals.entry(r.int("project_id")?).or_default().push(r.text("text")?);
                }
                (rows, goals, indicators)
            }
        };
        rows.iter()
            .map(|r| {
                let p = project_row(r)?;
                let line = p.line;
                Ok(VisibleProject {
                    id: p.id,
                    document_id: p.document_id,
                    department_id: p.department_id,
                    department: r.opt_text("department_name")?,
                    year: p.year,
                    status: p.status,
                    project: Project {
                        period: None,
                        unit: None,
                        code: located(p.code.clone(), line),
                        name: Located::new(p.name.clone(), at(line)),
                        budget: Budget {
                            total: amount(&p.budget_total, line),
                            fiscal: amount(&p.budget_fiscal, line),
                            other: amount(&p.budget_other, line),
                        },
                        purpose: located(p.purpose.clone(), line),
                        spending_plan: None,
                        goals: goals.remove(&p.id).unwrap_or_default().into_iter().map(|g| Located::new(g, at(line))).collect(),
                        indicators: indicators.remove(&p.id).unwrap_or_default(),
                        at: at(line),
                        evaluation: p.evaluation.clone(),
                    },
                })
            })
            .collect::<Result<Vec<VisibleProject>, StoreError>>()
            .map(|mut rows| {
                rows.sort_by_key(|r| r.id);
                rows
            })
    }
}

/// A project's goals as `json_group_array(json_array(position, text))` gives them, in order.
fn aggregated_goals(json: &str) -> Result<Vec<String>, StoreError> {
    let mut goals: Vec<(i64, String)> =
        serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("项目目标：{e}")))?;
    goals.sort_by_key(|(position, _)| *position);
    Ok(goals.into_iter().map(|(_, text)| text).collect())
}

/// A project's indicators as `json_group_array(json_array(INDICATOR_COLS))` gives them, in
/// the order the row-by-row query sorts them (position, then id).
fn aggregated_indicators(json: &str) -> Result<Vec<Indicator>, StoreError> {
    // One JSON array per row, its values in `INDICATOR_COLS`' order, which is the field order
    // of `model::Indicator` (serde reads a struct from an array field by field).
    let mut rows: Vec<model::Indicator> =
        serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("项目指标：{e}")))?;
    rows.sort_by_key(|r| (r.position, r.id));
    Ok(rows.into_iter().map(indicator).collect())
}

/// What changed for the indicator library since a [`ChangeMark`]: the documents whose projects were imported, edited, moved through the workflow or
/// deleted, and their current projects the reader may see now.
#[derive(Debug, Clone, Default)]
pub struct LibraryChanges {
    /// Documents some change touched: every project of theirs is replaced by `rows`.
    pub documents: Vec<i64>,
    /// Projects some change named (a deleted one among them): none of them stays unless in `rows`.
    pub projects: Vec<i64>,
    /// The current projects of `documents` the reader may see, as [`Store::visible_model_projects`]
    /// gives them, in id order.
    pub rows: Vec<VisibleProject>,
}

/// How far back [`Store::change_mark`] looks for audit ids handed out but not seen: on
/// PostgreSQL an id is handed out at the INSERT and seen at the commit, so a transaction
/// may commit after a later one was seen. Far wider than the connections that can write
/// at once.
pub const CHANGE_LOOKBACK: i64 = 256;

/// How far a reader of the audit log has read: every entry up to `last` but those in
/// `unseen` (ids in the [`CHANGE_LOOKBACK`] entries before `last` that no committed entry
/// had when the mark was taken: still being written, or rolled back).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeMark {
    pub last: i64,
    pub unseen: Vec<i64>,
}

impl Store {
    /// Where the audit log stands now (see [`ChangeMark`]). Every write that changes what the
    /// indicator library reads (imports, edits, workflow steps, deletions) writes an audit
    /// entry in its own transaction, so the entries after a mark are the changes after it.
    pub async fn change_mark(&self) -> Result<ChangeMark, StoreError> {
        let last: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM audit_log")
            .fetch_one(self.pool())
            .await?;
        let present: Vec<i64> = sqlx::query_scalar("SELECT id FROM audit_log WHERE id > $1 AND id <= $2 ORDER BY id")
            .bind(last - CHANGE_LOOKBACK)
            .bind(last)
            .fetch_all(self.pool())
            .await?;
        let present: std::collections::HashSet<i64> = present.into_iter().collect();
        let unseen = ((last - CHANGE_LOOKBACK).max(0) + 1..=last).filter(|id| !present.contains(id)).collect();
        Ok(ChangeMark { last, unseen })
    }

    /// What changed for the indicator library of `seen` since `since` (the audit entries
    /// after it and those it had not seen), or `None` when the changes are not a few
    /// documents' (an organisation renamed or moved, a bulk approval, more than
    /// `max_documents` documents touched): the caller then builds the library anew.
    pub async fn library_changes(
        &self,
        since: &ChangeMark,
        seen: model::Visibility,
        max_documents: usize,
    ) -> Result<Option<LibraryChanges>, StoreError> {
        use crate::sql::{bind_all, numbered, Arg, Col};
        // One range of ids from the first unseen one (at most CHANGE_LOOKBACK entries more),
        // the entities picked here: an `OR id IN (…)` or an `entity IN (…)` in the query
        // makes SQLite scan the whole log (or all of its entries of those entities) instead.
        let from = since.unseen.iter().copied().min().map_or(since.last, |u| u.min(since.last + 1) - 1);
        let all = sqlx::query("SELECT id, entity, entity_id, before_json, after_json FROM audit_log WHERE id > $1 ORDER BY id")
            .bind(from)
            .fetch_all(self.pool())
            .await?;
        let mut entries = Vec::new();
        for r in all {
            let id = r.int("id")?;
            let after_mark = id > since.last || since.unseen.contains(&id);
            if after_mark && matches!(r.text("entity")?.as_str(), "project" | "indicator" | "document" | "organisation") {
                entries.push(r);
            }
        }
        if entries.len() > max_documents {
            return Ok(None);
        }
        let field = |r: &sqlx::any::AnyRow, name: &str| -> Result<Option<i64>, StoreError> {
            for column in ["after_json", "before_json"] {
                if let Some(text) = r.opt_text(column)? {
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
                        if let Some(id) = v.get(name).and_then(serde_json::Value::as_i64) {
                            return Ok(Some(id));
                        }
                    }
                }
            }
            Ok(None)
        };
        let mut documents: std::collections::BTreeSet<i64> = std::collections::BTreeSet::new();
        let mut projects: std::collections::BTreeSet<i64> = std::collections::BTreeSet::new();
        for r in &entries {
            let id = r.opt_int("entity_id")?;
            match (r.text("entity")?.as_str(), id) {
                ("document", Some(d)) => {
                    documents.insert(d);
                }
                ("project", Some(p)) => {
                    projects.insert(p);
                    documents.extend(field(r, "document_id")?);
                }
                ("indicator", _) => match field(r, "project_id")? {
                    Some(p) => {
                        projects.insert(p);
                    }
                    None => return Ok(None),
                },
                // An organisation's name or place, a change of many projects at once.
                _ => return Ok(None),
            }
        }
        if !projects.is_empty() {
            let ids: Vec<i64> = projects.iter().copied().collect();
            for chunk in ids.chunks(500) {
                let marks = vec!["?"; chunk.len()].join(", ");
                let args: Vec<Arg> = chunk.iter().map(|&p| Arg::Int(p)).collect();
                let rows = bind_all(
                    sqlx::query(&numbered(&format!("SELECT DISTINCT document_id FROM projects WHERE id IN ({marks})"))),
                    &args,
                )
                .fetch_all(self.pool())
                .await?;
                for r in &rows {
                    documents.insert(r.int("document_id")?);
                }
            }
        }
        if documents.len() > max_documents {
            return Ok(None);
        }
        let documents: Vec<i64> = documents.into_iter().collect();
        let mut rows = Vec::new();
        for chunk in documents.chunks(500) {
            rows.extend(self.visible_model_projects_of(seen, Some(chunk)).await?);
        }
        rows.sort_by_key(|r| r.id);
        Ok(Some(LibraryChanges { documents, projects: projects.into_iter().collect(), rows }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite's aggregated goals and indicators come back in the row-by-row query's order
    /// (position, then id) whatever order the aggregate met them in, NULLs as `None`.
    #[test]
    fn aggregated_rows_keep_the_row_by_row_order() {
        let goals = aggregated_goals(r#"[[1,"目标二"],[0,"目标一"]]"#).unwrap();
        assert_eq!(goals, ["目标一", "目标二"]);
        let row = |id: i64, position: i64, level3: &str| {
            format!(
                r#"[{id},7,null,{position},"output","产出指标","quantity","数量指标","{level3}",null,"≥2次","quantitative","≥","2","次",null,"10",null,null,null,12,1]"#
            )
        };
        let json = format!("[{},{},{}]", row(9, 1, "乙"), row(8, 1, "甲"), row(5, 0, "首"));
        let rows = aggregated_indicators(&json).unwrap();
        let names: Vec<_> = rows.iter().map(|i| i.level3.as_ref().unwrap().value.as_str()).collect();
        assert_eq!(names, ["首", "甲", "乙"]);
        assert_eq!(rows[0].target.as_ref().unwrap().value.printed, "≥2次");
        assert_eq!((rows[0].description.as_ref(), rows[0].weight.map(|w| w.to_string())), (None, Some("10".into())));
        assert!(aggregated_indicators(r#"[[1]]"#).is_err(), "a short row is corrupt, not a panic");
        assert_eq!(aggregated_indicators("[]").unwrap().len(), 0);
    }

    fn stored_indicator(level3: &str, target: &str) -> model::Indicator {
        model::Indicator {
            id: 1,
            project_id: None,
            department_id: Some(2),
            position: 0,
            level1: Some("output".into()),
            level1_printed: "产出指标".into(),
            level2: Some("quantity".into()),
            level2_printed: "数量指标".into(),
            level3: Some(level3.into()),
            description: None,
            target_printed: Some(target.into()),
            target_kind: None,
            target_op: None,
            target_value: None,
            target_unit: None,
            basis: None,
            weight: None,
            actual_printed: None,
            score: None,
            deviation: None,
            line: 0,
            version: 1,
        }
    }

    fn table(budget: [Option<&str>; 3]) -> model::DepartmentTable {
        model::DepartmentTable {
            id: 9,
            document_id: 3,
            revision_id: 9,
            department_id: Some(2),
            year: Some(2023),
            file_name: "部门整体".into(),
            status: model::Status::Approved,
            version: 4,
            updated_at: "2023-01-01T00:00:00Z".into(),
            budget_total: budget[0].map(str::to_string),
            budget_fiscal: budget[1].map(str::to_string),
            budget_other: budget[2].map(str::to_string),
            overall_goals: vec!["全面提升应急管理能力".into(), "事故起数下降".into()],
            indicators: vec![stored_indicator("演练次数", "≥12次")],
            evaluation: None,
        }
    }

    /// A stored 部门整体 table becomes the document's 部门整体 part, exact amounts kept; a
    /// table printing no budget leaves none.
    #[test]
    fn a_stored_department_table_fills_the_documents_department_part() {
        let doc = document("导出".into(), Some("某局".into()), Some(2023), Vec::new());
        let doc = with_department_table(doc, table([Some("1200.5"), Some("1000"), None]));
        let goals: Vec<&str> = doc.overall_goals.iter().map(|g| g.value.as_str()).collect();
        assert_eq!(goals, ["全面提升应急管理能力", "事故起数下降"]);
        let budget = doc.department_budget.as_ref().unwrap();
        assert_eq!(budget.total.as_ref().unwrap().value.0.to_string(), "1200.5");
        assert_eq!(budget.fiscal.as_ref().unwrap().value.0.to_string(), "1000");
        assert!(budget.other.is_none());
        assert_eq!(doc.department_indicators.len(), 1);
        let row = &doc.department_indicators[0];
        assert_eq!((row.level1.category, row.level3.as_ref().unwrap().value.as_str()), (Some(Level1::Output), "演练次数"));
        assert_eq!(row.target.as_ref().unwrap().value.printed, "≥12次");
        let unbudgeted = with_department_table(document("导出".into(), None, None, Vec::new()), table([None, None, None]));
        assert!(unbudgeted.department_budget.is_none());
    }
}
