//! Drafting a 项目支出绩效目标表 or a 部门整体支出绩效目标表 in jixiao itself (issue 17):
//! `POST /api/v1/drafts` (新建),
//! `POST /api/v1/drafts/review` (the same body reviewed, nothing stored: the live review of
//! the drafting page) and `POST /api/v1/projects/{id}/copy` (复制为下一年度草稿).
//!
//! A project draft (`kind` `project`, the default) becomes a `jixiao_model::Document` of one
//! project, a department-wide one (`kind` `department`) a document of no project whose
//! `overall_goals`, `department_budget` and `department_indicators` are the table, as the
//! reader makes of a published 部门整体绩效目标表. Either is reviewed by the same rule set as
//! an import and stored by `jixiao-import`'s `import_draft` as a new logical document of the
//! department: a project draft is from then on a draft project like an imported one (edited,
//! submitted, reviewed); a department-wide one is, like an imported document's 部门整体 table,
//! a draft of its own workflow (`api/tables.rs`: submitted, returned, approved like a project),
//! seen by its department, reviewers and admins until approved (`Store::department_tables`),
//! by everyone once approved. Who may draft for which
//! department is `policy::check_draft`; the store checks the department again inside its
//! transaction.

use std::str::FromStr;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use jixiao_model::{
    Budget, BudgetUnit, Document, Indicator, IndicatorLevel, Level1, Level2, Located, Money,
    Origin, PrintedFields, Project, SpendingPlan, Target,
};
use jixiao_store::{text, ListFilter, Slice, Visibility};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::input::{amount, optional, required};
use super::query::Id;
use crate::auth::caller::Caller;
use crate::auth::policy::{check_draft, Action, Actor};
use crate::json::JsonBody;
use crate::problem::Problem;
use crate::state::AppState;

/// The 一级指标 a draft may use, and the 二级指标 under each (财预〔2021〕101号 framework).
pub const LEVELS: &[(&str, &[&str])] = &[
    (
        "产出指标",
        &["数量指标", "质量指标", "时效指标", "成本指标"],
    ),
    (
        "效益指标",
        &[
            "经济效益指标",
            "社会效益指标",
            "生态效益指标",
            "可持续影响指标",
        ],
    ),
    ("满意度指标", &["服务对象满意度指标"]),
    (
        "成本指标",
        &["经济成本指标", "社会成本指标", "生态环境成本指标"],
    ),
];

/// Lines the drafted document's rows are "printed" on, so that findings locate them: the
/// project on line 1, its goals from line 10, indicator `k` on line `100 + k`.
pub const INDICATOR_LINE: u32 = 100;
const GOAL_LINE: u32 = 10;

/// 绩效目标表的种类。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftKind {
    /// 项目支出绩效目标表（一个项目）。
    #[default]
    Project,
    /// 部门整体支出绩效目标表（年度总体目标、部门预算、部门整体指标）。
    Department,
}

impl DraftKind {
    fn is_project(&self) -> bool {
        *self == DraftKind::Project
    }
}

/// 新建绩效目标表：一个项目，或部门整体（`kind`）。
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DraftRequest {
    /// project（默认）项目支出 / department 部门整体。
    #[serde(default, skip_serializing_if = "DraftKind::is_project")]
    pub kind: DraftKind,
    /// 所属部门（部门填报员可省略：本部门；系统管理员必填）。
    #[serde(default)]
    pub department_id: Option<i64>,
    /// 年度。
    pub year: i64,
    /// 项目名称（项目支出必填；部门整体没有这一栏）。
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub code: Option<String>,
    /// 实施单位。
    #[serde(default)]
    pub unit: Option<String>,
    /// 项目概况与资金用途。
    #[serde(default)]
    pub purpose: Option<String>,
    /// 预算数（万元，精确小数的字符串）；部门整体：部门预算总额、其中财政拨款、其他资金。
    #[serde(default)]
    pub budget_total: Option<String>,
    #[serde(default)]
    pub budget_fiscal: Option<String>,
    #[serde(default)]
    pub budget_other: Option<String>,
    /// 资金支出计划：3、6、10、12 月底累计支出百分比（"" 为未填）。
    #[serde(default)]
    pub plan: Vec<String>,
    /// 年度绩效目标；部门整体：年度总体目标。
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub indicators: Vec<DraftIndicator>,
}

/// 一行绩效指标。
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DraftIndicator {
    pub level1: String,
    pub level2: String,
    pub level3: String,
    /// 指标值（如 ≥95%、明显提升）。
    #[serde(default)]
    pub target: Option<String>,
    /// 指标解释。
    #[serde(default)]
    pub description: Option<String>,
    /// 指标值设定依据。
    #[serde(default)]
    pub basis: Option<String>,
}

fn at(line: u32) -> Origin {
    Origin::line(line)
}

fn money(
    field: &'static str,
    v: &Option<String>,
    line: u32,
) -> Result<Option<Located<Money>>, Problem> {
    let Some(v) = v else { return Ok(None) };
    Ok(amount(field, v)?
        .map(|a| Located::new(Money(Decimal::from_str(&a).unwrap_or_default()), at(line))))
}

fn percent(k: usize, v: &str) -> Result<Option<Located<Decimal>>, Problem> {
    let t = v.trim().trim_end_matches('%');
    if t.is_empty() {
        return Ok(None);
    }
    let month = SpendingPlan::MONTHS[k];
    match Decimal::from_str(t) {
        Ok(d) if d >= Decimal::ZERO && d <= Decimal::ONE_HUNDRED => {
            Ok(Some(Located::new(d.normalize(), at(3))))
        }
        _ => Err(Problem::unprocessable(format!(
            "资金支出计划“{month}月底累计支出”应为 0 到 100 之间的百分数，实际为“{}”。",
            v.trim()
        ))),
    }
}

fn filled(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|v| !v.trim().is_empty())
}

impl DraftRequest {
    /// The draft as a document, in `department` (its name): of one project, or of the
    /// department-wide table (see [`DraftKind`]). Every text against the limits of
    /// [`jixiao_store::text`], amounts exact, levels from [`LEVELS`]; 422 naming the field
    /// otherwise.
    pub fn document(&self, department: &str) -> Result<Document, Problem> {
        if !(2000..=2100).contains(&self.year) {
            return Err(Problem::unprocessable(format!(
                "年度应在 2000 到 2100 之间，实际为 {}。",
                self.year
            )));
        }
        if self.kind == DraftKind::Department {
            return self.department_document(department);
        }
        let name = required(text::PROJECT_NAME, &self.name)?;
        let located =
            |field, v: &Option<String>, line| -> Result<Option<Located<String>>, Problem> {
                Ok(match v {
                    Some(v) => optional(field, v)?.map(|t| Located::new(t, at(line))),
                    None => None,
                })
            };
        let unit = located(text::UNIT_NAME, &self.unit, 1)?.map(|u| BudgetUnit {
            code: None,
            printed: u.value.clone(),
            name: u.value,
            at: at(1),
        });
        if self.plan.len() > 4 {
            return Err(Problem::unprocessable(
                "资金支出计划最多 4 项（3、6、10、12 月底）。",
            ));
        }
        let mut plan: [Option<Located<Decimal>>; 4] = Default::default();
        for (k, v) in self.plan.iter().enumerate() {
            plan[k] = percent(k, v)?;
        }
        let goals = self.goals()?;
        let indicators = self.indicators()?;
        let project = Project {
            period: None,
            unit,
            code: located(text::PROJECT_CODE, &self.code, 1)?,
            name: Located::new(name, at(1)),
            budget: Budget {
                total: money("budget_total", &self.budget_total, 2)?,
                fiscal: money("budget_fiscal", &self.budget_fiscal, 2)?,
                other: money("budget_other", &self.budget_other, 2)?,
            },
            purpose: located(text::PURPOSE, &self.purpose, 4)?,
            spending_plan: plan.iter().any(Option::is_some).then_some(SpendingPlan {
                cumulative_percent: plan,
            }),
            goals,
            indicators,
            at: at(1),
            evaluation: None,
        };
        Ok(Document {
            source: format!("新建绩效目标表：{}", project.name.value),
            department: Some(Located::new(department.to_string(), at(1))),
            year: i32::try_from(self.year)
                .ok()
                .map(|y| Located::new(y, at(1))),
            projects: vec![project],
            // The form has a place for every field: a rule about an empty one applies.
            printed_fields: Some(PrintedFields {
                description: Some(true),
                basis: Some(true),
                budget: Some(true),
                plan: Some(true),
                purpose: Some(true),
            }),
            ..Document::default()
        })
    }

    /// 年度目标 (项目) or 年度总体目标 (部门整体), blank lines dropped.
    fn goals(&self) -> Result<Vec<Located<String>>, Problem> {
        let mut goals = Vec::new();
        for g in &self.goals {
            if let Some(g) = optional(text::GOAL, g)? {
                goals.push(Located::new(g, at(GOAL_LINE + goals.len() as u32)));
            }
        }
        Ok(goals)
    }

    fn indicators(&self) -> Result<Vec<Indicator>, Problem> {
        if self.indicators.len() > 200 {
            return Err(Problem::unprocessable("一张绩效目标表最多 200 条指标。"));
        }
        self.indicators
            .iter()
            .enumerate()
            .map(|(k, i)| i.indicator(k))
            .collect()
    }

    /// The 部门整体支出绩效目标表: 年度总体目标, 部门预算 (total = fiscal + other when all
    /// three are filled, fiscal not above total) and the department-wide indicators; the
    /// project's fields have no place on it and are refused when filled.
    fn department_document(&self, department: &str) -> Result<Document, Problem> {
        let project_only = [
            ("项目名称", !self.name.trim().is_empty()),
            ("项目编码", filled(&self.code)),
            ("实施单位", filled(&self.unit)),
            ("项目概况与资金用途", filled(&self.purpose)),
            (
                "资金支出计划",
                self.plan.iter().any(|p| !p.trim().is_empty()),
            ),
        ];
        if let Some((field, _)) = project_only.iter().find(|(_, set)| *set) {
            return Err(Problem::unprocessable(format!(
                "部门整体支出绩效目标表没有“{field}”一栏：请选择项目支出绩效目标表，或清空该栏。"
            )));
        }
        let budget = Budget {
            total: money("budget_total", &self.budget_total, 2)?,
            fiscal: money("budget_fiscal", &self.budget_fiscal, 2)?,
            other: money("budget_other", &self.budget_other, 2)?,
        };
        let value = |m: &Option<Located<Money>>| m.as_ref().map(|m| m.value.0);
        if let (Some(total), Some(fiscal)) = (value(&budget.total), value(&budget.fiscal)) {
            if fiscal > total {
                return Err(Problem::unprocessable(format!(
                    "部门预算的财政拨款（{} 万元）不能大于部门预算总额（{} 万元）。",
                    fiscal.normalize(),
                    total.normalize()
                )));
            }
            if let Some(other) = value(&budget.other) {
                if fiscal + other != total {
                    return Err(Problem::unprocessable(format!(
                        "部门预算的财政拨款与其他资金之和（{} 万元）应等于部门预算总额（{} 万元）。",
                        (fiscal + other).normalize(),
                        total.normalize()
                    )));
                }
            }
        }
        let budgeted = budget.total.is_some() || budget.fiscal.is_some() || budget.other.is_some();
        Ok(Document {
            source: format!("新建部门整体支出绩效目标表：{department}"),
            department: Some(Located::new(department.to_string(), at(1))),
            year: i32::try_from(self.year)
                .ok()
                .map(|y| Located::new(y, at(1))),
            overall_goals: self.goals()?,
            department_budget: budgeted.then_some(budget),
            department_indicators: self.indicators()?,
            // The form prints 指标解释 and 指标值设定依据 for every row; it has no project part.
            printed_fields: Some(PrintedFields {
                description: Some(true),
                basis: Some(true),
                budget: Some(false),
                plan: Some(false),
                purpose: Some(false),
            }),
            ..Document::default()
        })
    }
}

impl DraftIndicator {
    fn indicator(&self, k: usize) -> Result<Indicator, Problem> {
        let row = at(INDICATOR_LINE + k as u32);
        let n = k + 1;
        let printed1 = required(text::LEVEL1, &self.level1)?;
        // Printed variants (效果指标) are the canonical 一级 name.
        let Some(category) = Level1::from_printed(&printed1) else {
            return Err(Problem::unprocessable(format!(
                "第 {n} 条指标的一级指标应为产出指标、效益指标、满意度指标或成本指标，实际为“{printed1}”。"
            )));
        };
        let (level1, level2s) = LEVELS[match category {
            Level1::Output => 0,
            Level1::Benefit => 1,
            Level1::Satisfaction => 2,
            Level1::Cost => 3,
        }];
        let level1 = level1.to_string();
        let level2 = required(text::LEVEL2, &self.level2)?;
        // A 二级 of another 一级 is refused; wording outside the list (a copy of an older
        // published table) is kept as printed.
        let listed = LEVELS.iter().any(|(_, l2s)| l2s.contains(&level2.as_str()));
        if listed && !level2s.contains(&level2.as_str()) {
            return Err(Problem::unprocessable(format!(
                "第 {n} 条指标的二级指标“{level2}”不属于{level1}（可选：{}）。",
                level2s.join("、")
            )));
        }
        let level3 = required(text::LEVEL3, &self.level3)?;
        let target = match &self.target {
            Some(t) => optional(text::TARGET, t)?,
            None => None,
        };
        let text_of = |field, v: &Option<String>| -> Result<Option<Located<String>>, Problem> {
            Ok(match v {
                Some(v) => optional(field, v)?.map(|t| Located::new(t, row)),
                None => None,
            })
        };
        Ok(Indicator {
            level1: IndicatorLevel {
                category: Level1::from_printed(&level1),
                printed: Located::new(level1, row),
                inherited: false,
            },
            level2: IndicatorLevel {
                category: Level2::from_printed(&level2),
                printed: Located::new(level2, row),
                inherited: false,
            },
            level3: Some(Located::new(level3, row)),
            description: text_of(text::DESCRIPTION, &self.description)?,
            target: target.map(|t| Located::new(Target::parse(&t), row)),
            basis: text_of(text::BASIS, &self.basis)?,
            weight: None,
            evaluation: None,
            at: row,
        })
    }
}

/// 审核发现（草稿）：`row` 是指标的序号（从 0 开始），`None` 是整个项目。
#[derive(Debug, Clone, Serialize)]
pub struct DraftFinding {
    pub rule: String,
    /// error / warning / info
    pub severity: String,
    pub severity_name: &'static str,
    pub message: String,
    pub row: Option<usize>,
}

/// What the review finds in a drafted document, each finding once per place.
pub fn findings(doc: &Document) -> Vec<DraftFinding> {
    let report = jixiao_import::review_draft(doc);
    let rows = doc
        .projects
        .first()
        .map_or(doc.department_indicators.len(), |p| p.indicators.len());
    let mut out = Vec::new();
    for f in &report.findings {
        for l in f.locations() {
            let severity = serde_json::to_value(f.severity)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_else(|| "warning".into());
            let row = (l.line as usize)
                .checked_sub(INDICATOR_LINE as usize)
                .filter(|&r| r < rows);
            let found = DraftFinding {
                rule: f.rule.id().to_string(),
                severity_name: jixiao_rules::severity_name(f.severity),
                severity,
                message: f.message.clone(),
                row,
            };
            if !out.iter().any(|o: &DraftFinding| {
                o.rule == found.rule && o.row == found.row && o.message == found.message
            }) {
                out.push(found);
            }
        }
    }
    out
}

/// 草稿的审核结果。
#[derive(Debug, Serialize)]
pub struct DraftReview {
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<DraftFinding>,
}

impl DraftReview {
    fn of(doc: &Document) -> DraftReview {
        let findings = findings(doc);
        DraftReview {
            errors: findings.iter().filter(|f| f.severity == "error").count(),
            warnings: findings.iter().filter(|f| f.severity == "warning").count(),
            findings,
        }
    }
}

/// The department a caller may draft for (by `check_draft`) and its name.
pub(crate) async fn department(
    state: &AppState,
    actor: Actor,
    asked: Option<i64>,
) -> Result<(i64, String), Problem> {
    let id = check_draft(actor, asked)?;
    match state.store.organisation(id).await {
        Ok(o) if o.kind == "department" => Ok((id, o.name)),
        _ => Err(Problem::unprocessable(format!("部门 {id} 不存在。"))),
    }
}

/// 保存草稿的结果。
#[derive(Debug, Serialize)]
pub struct DraftSaved {
    pub document_id: i64,
    pub department_id: i64,
    /// 项目支出绩效目标表的项目；部门整体支出绩效目标表没有（不输出）。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<i64>,
    #[serde(flatten)]
    pub review: DraftReview,
}

/// Stores `draft` in `department` as a new document of one draft project (by `by`).
async fn save(
    state: &AppState,
    by: i64,
    department: (i64, String),
    draft: &DraftRequest,
) -> Result<DraftSaved, Problem> {
    let doc = draft.document(&department.1)?;
    let review = DraftReview::of(&doc);
    // A name of its own: a draft is never a revision of another document.
    let mut nonce = [0u8; 6];
    getrandom::fill(&mut nonce).map_err(|e| Problem::internal(&e))?;
    let nonce: String = nonce.iter().map(|b| format!("{b:02x}")).collect();
    let name = match doc.projects.first() {
        Some(p) => {
            let short: String = p.name.value.chars().take(60).collect();
            format!("新建绩效目标表 {short} {nonce}")
        }
        None => format!("新建部门整体支出绩效目标表 {nonce}"),
    };
    let bytes = serde_json::to_vec_pretty(&DraftRequest {
        department_id: Some(department.0),
        ..draft.clone()
    })
    .map_err(|e| Problem::internal(&e))?;
    let new = jixiao_import::DraftDocument::new(&name, bytes, doc);
    let options = jixiao_store::ImportOptions {
        imported_by: Some(by),
        department: Some(department.0),
    };
    let outcome = jixiao_import::import_draft(&state.store, &new, &options)
        .await
        .map_err(super::documents::import_problem)?;
    let document_id = match outcome {
        jixiao_store::ImportOutcome::Imported { document_id, .. }
        | jixiao_store::ImportOutcome::Unchanged { document_id, .. } => document_id,
    };
    let project_id = if draft.kind == DraftKind::Project {
        let filter = ListFilter {
            document: Some(document_id),
            ..ListFilter::default()
        };
        let listed = state
            .store
            .projects(
                Visibility::Everything,
                &filter,
                Slice {
                    offset: 0,
                    limit: 1,
                },
            )
            .await?;
        let id = listed
            .items
            .first()
            .map(|p| p.id)
            .ok_or_else(|| Problem::internal(&"草稿保存后未找到项目"))?;
        Some(id)
    } else {
        None
    };
    Ok(DraftSaved {
        document_id,
        department_id: department.0,
        project_id,
        review,
    })
}

/// `POST /api/v1/drafts`: a new 绩效目标表 as a draft of the caller's department.
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<DraftRequest>,
) -> Result<Response, Problem> {
    let by = caller.require_user()?.id;
    let dept = department(&state, caller.actor(), body.department_id).await?;
    super::years::check_open(&state, caller.actor(), Some(body.year)).await?;
    let saved = save(&state, by, dept, &body).await?;
    Ok((StatusCode::CREATED, Json(saved)).into_response())
}

/// `POST /api/v1/drafts/review`: what the review finds in the draft as it is (nothing stored).
pub async fn review(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<DraftRequest>,
) -> Result<Response, Problem> {
    caller.require_user()?;
    let (_, name) = department(&state, caller.actor(), body.department_id).await?;
    let doc = body.document(&name)?;
    Ok(Json(DraftReview::of(&doc)).into_response())
}

/// A stored project as a draft of the next year (`copy_budget`: keep the amounts): targets,
/// goals, unit, purpose and spending plan copied; what was achieved (self-evaluation,
/// monitoring) is not part of a draft.
pub async fn next_year(
    state: &AppState,
    project: &jixiao_store::Project,
    copy_budget: bool,
) -> Result<DraftRequest, Problem> {
    let year = project
        .year
        .ok_or_else(|| Problem::unprocessable("该项目没有年度，不能复制为下一年度草稿。"))?;
    let store = &state.store;
    let (indicators, goals, plan) = tokio::try_join!(
        store.indicators_of(project.id),
        store.goals_of(project.id),
        store.spending_plan(project.id)
    )?;
    let unit = match project.unit_id {
        Some(u) => store.organisation(u).await.ok().map(|o| o.name),
        None => None,
    };
    let keep = |v: &Option<String>| if copy_budget { v.clone() } else { None };
    Ok(DraftRequest {
        kind: DraftKind::Project,
        department_id: project.department_id,
        year: year + 1,
        name: project.name.clone(),
        code: project.code.clone(),
        unit,
        purpose: project.purpose.clone(),
        budget_total: keep(&project.budget_total),
        budget_fiscal: keep(&project.budget_fiscal),
        budget_other: keep(&project.budget_other),
        plan: plan.into_iter().map(Option::unwrap_or_default).collect(),
        goals,
        indicators: indicators
            .into_iter()
            .map(|i| DraftIndicator {
                level1: i.level1_printed,
                level2: i.level2_printed,
                level3: i.level3.unwrap_or_default(),
                target: i.target_printed,
                description: i.description,
                basis: i.basis,
            })
            .collect(),
    })
}

/// 复制为下一年度草稿。
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CopyRequest {
    /// "blank"（默认，预算数留空）或 "copy"（沿用本年度预算数）。
    #[serde(default)]
    pub budget: Option<String>,
}

/// `POST /api/v1/projects/{id}/copy`: the project (year N) as a draft of year N+1 in its
/// department. Hidden projects answer 404; drafting for the department is `check_draft`.
pub async fn copy(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    JsonBody(body): JsonBody<CopyRequest>,
) -> Result<Response, Problem> {
    let by = caller.require_user()?.id;
    let project = super::projects::allowed(&state, &caller, id, Action::Read).await?;
    let copy_budget = match body.budget.as_deref().unwrap_or("blank") {
        "blank" => false,
        "copy" => true,
        other => {
            return Err(Problem::unprocessable(format!(
                "字段“budget”应为 blank 或 copy，实际为“{other}”。"
            )))
        }
    };
    let dept = department(&state, caller.actor(), Some(project.department())).await?;
    let draft = next_year(&state, &project, copy_budget).await?;
    super::years::check_open(&state, caller.actor(), Some(draft.year)).await?;
    let saved = save(&state, by, dept, &draft).await?;
    Ok((StatusCode::CREATED, Json(saved)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_model::TargetValue;

    fn draft() -> DraftRequest {
        DraftRequest {
            year: 2025,
            name: "应急演练".into(),
            budget_total: Some("12.50".into()),
            budget_fiscal: Some("10".into()),
            budget_other: Some("2.5".into()),
            plan: vec!["30".into(), "".into(), "80%".into(), "100".into()],
            goals: vec!["完成演练".into(), " ".into()],
            indicators: vec![DraftIndicator {
                level1: "产出指标".into(),
                level2: "数量指标".into(),
                level3: "演练次数".into(),
                target: Some("≥4次".into()),
                ..DraftIndicator::default()
            }],
            ..DraftRequest::default()
        }
    }

    #[test]
    fn a_draft_is_a_document_of_one_project() {
        let doc = draft().document("某局").unwrap();
        let p = &doc.projects[0];
        assert_eq!(doc.department.as_ref().unwrap().value, "某局");
        assert_eq!(
            p.budget.total.as_ref().unwrap().value.0.to_string(),
            "12.5",
            "amounts are exact and normalised"
        );
        let plan: Vec<_> = p
            .spending_plan
            .as_ref()
            .unwrap()
            .cumulative_percent
            .iter()
            .map(|c| c.as_ref().map(|c| c.value.to_string()))
            .collect();
        assert_eq!(
            plan,
            [
                Some("30".into()),
                None,
                Some("80".into()),
                Some("100".into())
            ]
        );
        assert_eq!(p.goals.len(), 1);
        assert_eq!(p.indicators[0].at.line, INDICATOR_LINE);
        assert!(matches!(
            p.indicators[0].target.as_ref().unwrap().value.value,
            TargetValue::Quantity { .. }
        ));
    }

    #[test]
    fn wrong_levels_plans_and_years_are_refused_in_chinese() {
        let mut d = draft();
        d.indicators[0].level2 = "社会效益指标".into();
        assert_eq!(
            d.document("某局").unwrap_err().detail,
            "第 1 条指标的二级指标“社会效益指标”不属于产出指标（可选：数量指标、质量指标、时效指标、成本指标）。"
        );
        let mut d = draft();
        d.plan[1] = "120".into();
        assert_eq!(
            d.document("某局").unwrap_err().detail,
            "资金支出计划“6月底累计支出”应为 0 到 100 之间的百分数，实际为“120”。"
        );
        let mut d = draft();
        d.year = 25;
        assert!(d.document("某局").is_err());
        let mut d = draft();
        d.budget_total = Some("十万".into());
        assert_eq!(d.document("某局").unwrap_err().status.as_u16(), 422);
    }

    fn department() -> DraftRequest {
        DraftRequest {
            kind: DraftKind::Department,
            year: 2026,
            budget_total: Some("1200.5".into()),
            budget_fiscal: Some("1000".into()),
            budget_other: Some("200.50".into()),
            goals: vec!["全面完成应急管理各项工作".into(), "".into()],
            indicators: vec![DraftIndicator {
                level1: "产出指标".into(),
                level2: "数量指标".into(),
                level3: "演练次数".into(),
                target: Some("演练次数".into()),
                ..DraftIndicator::default()
            }],
            ..DraftRequest::default()
        }
    }

    #[test]
    fn a_department_draft_is_the_department_wide_table() {
        let doc = department().document("某局").unwrap();
        assert!(doc.projects.is_empty());
        assert_eq!(doc.overall_goals.len(), 1);
        assert_eq!(doc.department_indicators.len(), 1);
        let budget = doc.department_budget.as_ref().unwrap();
        assert_eq!(budget.other.as_ref().unwrap().value.0.to_string(), "200.5");
        // The review's row findings land on the department-wide rows.
        let found = findings(&doc);
        assert!(
            found
                .iter()
                .any(|f| f.rule == "JX-M002" && f.row == Some(0)),
            "{found:?}"
        );
        let mut d = department();
        d.budget_total = None;
        d.budget_fiscal = None;
        d.budget_other = Some(" ".into());
        assert_eq!(d.document("某局").unwrap().department_budget, None);
    }

    #[test]
    fn a_department_draft_refuses_project_fields_and_uneven_budgets() {
        let mut d = department();
        d.name = "应急演练".into();
        assert_eq!(
            d.document("某局").unwrap_err().detail,
            "部门整体支出绩效目标表没有“项目名称”一栏：请选择项目支出绩效目标表，或清空该栏。"
        );
        let mut d = department();
        d.plan = vec!["".into(), "50".into()];
        assert!(d
            .document("某局")
            .unwrap_err()
            .detail
            .contains("资金支出计划"));
        let mut d = department();
        d.budget_other = Some("100".into());
        assert_eq!(
            d.document("某局").unwrap_err().detail,
            "部门预算的财政拨款与其他资金之和（1100 万元）应等于部门预算总额（1200.5 万元）。"
        );
        let mut d = department();
        d.budget_fiscal = Some("1300".into());
        d.budget_other = None;
        assert_eq!(
            d.document("某局").unwrap_err().detail,
            "部门预算的财政拨款（1300 万元）不能大于部门预算总额（1200.5 万元）。"
        );
        let mut d = department();
        d.indicators[0].level1 = "其他指标".into();
        assert!(d
            .document("某局")
            .unwrap_err()
            .detail
            .starts_with("第 1 条指标的一级指标"));
    }

    #[test]
    fn the_review_locates_findings_on_rows() {
        let mut d = draft();
        d.indicators[0].target = Some("演练次数".into());
        let found = findings(&d.document("某局").unwrap());
        assert!(
            found
                .iter()
                .any(|f| f.rule == "JX-M002" && f.row == Some(0)),
            "{found:?}"
        );
    }
}
