//! `/api/v1/library`: the indicator library (指标库) of what the caller may see — entries by
//! words and 一级/二级 category, an entry's value distribution and the projects using it,
//! suggestions for a project being drafted — and a project's benchmark checks (`JX-B…`).
//! Everything is derived from [`crate::library`]'s snapshot of the caller's visibility, so
//! another department's draft never shows, not even as a count or a quartile.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use jixiao_library::{Draft, LibraryError};
use jixiao_store::text;

use super::input::{checked, optional};
use super::projects::allowed;
use super::query::{Id, Params, DEFAULT_PER_PAGE, MAX_PER_PAGE};
use crate::auth::caller::Caller;
use crate::auth::policy::Action;
use crate::json::JsonBody;
use crate::library::{filtered, EntryDetail, EntrySummary, SuggestionView};
use crate::problem::Problem;
use crate::state::AppState;

/// 指标库列表参数。
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryParams {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// 指标名称或写法包含的文字。
    pub q: Option<String>,
    /// 一级指标（如 产出指标；“未分类”为未识别的）。
    pub level1: Option<String>,
    /// 二级指标（如 数量指标）。
    pub level2: Option<String>,
}

impl LibraryParams {
    /// Checks the texts and the page window; (page, per_page).
    pub fn window(&self) -> Result<(u32, u32), Problem> {
        for (name, v) in [("q", &self.q), ("level1", &self.level1), ("level2", &self.level2)] {
            if v.as_deref().is_some_and(|v| v.chars().count() > text::QUERY.max) {
                return Err(Problem::bad_request(format!(
                    "参数“{name}”过长（最多 {} 字）。",
                    text::QUERY.max
                )));
            }
        }
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE);
        if page == 0 {
            return Err(Problem::bad_request("page 从 1 开始。"));
        }
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(Problem::bad_request(format!("per_page 应在 1 到 {MAX_PER_PAGE} 之间。")));
        }
        Ok((page, per_page))
    }
}

fn trimmed(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// 指标库条目列表（常用在前）。
pub async fn list(State(state): State<AppState>, caller: Caller, Params(p): Params<LibraryParams>) -> Result<Response, Problem> {
    let (page, per_page) = p.window()?;
    let snapshot = state.library.get(&state.store, caller.actor().visibility()).await?;
    let found = filtered(&snapshot, trimmed(&p.q), trimmed(&p.level1), trimmed(&p.level2));
    let total = found.len();
    let items: Vec<EntrySummary> = found
        .into_iter()
        .skip((page as usize - 1).saturating_mul(per_page as usize))
        .take(per_page as usize)
        .map(EntrySummary::of)
        .collect();
    Ok(Json(json!({ "items": items, "total": total, "page": page, "per_page": per_page })).into_response())
}

/// A library error as a problem: no entry 404, several 400 naming them (all visible).
pub fn problem(e: LibraryError) -> Problem {
    match e {
        // The name asked for is not echoed: a 404 reads the same whether the entry does not
        // exist or rests only on what the caller may not see.
        LibraryError::NoSuchEntry(_) => Problem::not_found("指标库中没有这一条目，或您无权查看其来源。"),
        LibraryError::Ambiguous(..) => Problem::bad_request(format!("{e}；请用完整名称（含单位）。")),
    }
}

/// 指标库条目详情：指标值分布（按单位：最小、四分位、最大）、使用的部门（按行业）与项目、年度、
/// 常见写法、解释与依据、共性或个性。
pub async fn get(State(state): State<AppState>, caller: Caller, Path(key): Path<String>) -> Result<Response, Problem> {
    if key.chars().count() > text::LEVEL3.max {
        return Err(Problem::bad_request(format!(
            "条目名称过长（最多 {} 字）。",
            text::LEVEL3.max
        )));
    }
    let snapshot = state.library.get(&state.store, caller.actor().visibility()).await?;
    let (k, _) = snapshot.entry(&key).map_err(problem)?;
    Ok(Json(EntryDetail::of(&snapshot, k)).into_response())
}

/// 指标建议：新项目的名称、用途与目标（或已有项目），返回相似项目的指标、常见值与来源项目。
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuggestRequest {
    pub name: Option<String>,
    pub purpose: Option<String>,
    #[serde(default)]
    pub goals: Vec<String>,
    /// 为已有项目建议：其名称、用途与目标作为缺省，建议中不含它自己。
    pub project_id: Option<i64>,
    /// 最多返回条数（1–50，默认 20）。
    pub limit: Option<u32>,
}

/// At most this many goals are read from a request.
pub const MAX_GOALS: usize = 50;

impl SuggestRequest {
    /// The draft's texts, checked (422 naming the field).
    pub fn draft(&self) -> Result<Draft, Problem> {
        let name = match &self.name {
            Some(n) => optional(text::PROJECT_NAME, n)?.unwrap_or_default(),
            None => String::new(),
        };
        let purpose = match &self.purpose {
            Some(p) => optional(text::PURPOSE, p)?.unwrap_or_default(),
            None => String::new(),
        };
        if self.goals.len() > MAX_GOALS {
            return Err(Problem::unprocessable(format!("字段“goals”最多 {MAX_GOALS} 条。")));
        }
        let mut goals = Vec::new();
        for g in &self.goals {
            checked(text::GOAL, g.trim())?;
            goals.push(g.trim().to_string());
        }
        Ok(Draft { name, purpose, goals })
    }
}

pub async fn suggest(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<SuggestRequest>,
) -> Result<Response, Problem> {
    let limit = body.limit.unwrap_or(20);
    if !(1..=50).contains(&limit) {
        return Err(Problem::unprocessable("字段“limit”应在 1 到 50 之间。"));
    }
    let mut draft = body.draft()?;
    if let Some(id) = body.project_id {
        // The project must be one the caller may read (404 otherwise, as everywhere).
        let p = allowed(&state, &caller, id, Action::Read).await?;
        crate::library::complete_draft(&state.store, &mut draft, &p).await?;
    }
    if draft.name.is_empty() && draft.purpose.is_empty() && draft.goals.is_empty() {
        return Err(Problem::unprocessable(
            "请至少给出项目名称（name）、资金用途（purpose）或绩效目标（goals）之一。",
        ));
    }
    let snapshot = state.library.get(&state.store, caller.actor().visibility()).await?;
    let items: Vec<SuggestionView> = snapshot
        .suggest(&draft, body.project_id, limit as usize)
        .iter()
        .map(SuggestionView::of)
        .collect();
    Ok(Json(json!({ "items": items })).into_response())
}

/// 项目的对标检查：与上年、预算和同类指标比较的提示，列出比较的数字。Each item is a finding
/// of the rules' JSON schema (`crates/rules/README.md`: `rule_set` `benchmark`, the figures
/// as `quotes`); `location.project` 0 is this project, none a statistic of its department.
pub async fn benchmarks(State(state): State<AppState>, caller: Caller, Id(id): Id) -> Result<Response, Problem> {
    allowed(&state, &caller, id, Action::Read).await?;
    let snapshot = state.library.get(&state.store, caller.actor().visibility()).await?;
    let (findings, name) = snapshot.benchmarks_of(id);
    let items = jixiao_rules::findings_json(&findings, |f| f.location.project.map(|_| name.as_str()));
    Ok(Json(json!({ "items": items })).into_response())
}
