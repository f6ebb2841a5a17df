//! `/api/v1/indicators`: 三级绩效指标. Visibility and edit rights follow the project.

use std::str::FromStr;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use jixiao_store::{text, Indicator, IndicatorChanges};
use rust_decimal::Decimal;
use serde::Deserialize;

use super::input::{checked, given, optional, required};
use super::projects::allowed;
use super::query::{Id, ListParams, Paged, Params};
use super::version::{expected_version, VersionParam};
use crate::auth::caller::Caller;
use crate::auth::policy::{check, Action};
use crate::json::JsonBody;
use crate::problem::Problem;
use crate::state::AppState;

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

/// 分值/权重：0 到 100 的数（规范化）；`""` 清空。
fn weight(w: &str) -> Result<Option<String>, Problem> {
    checked(text::WEIGHT, w.trim())?;
    match w.trim() {
        "" => Ok(None),
        t => match Decimal::from_str(t) {
            Ok(d) if d >= Decimal::ZERO && d <= Decimal::from(100) => Ok(Some(d.normalize().to_string())),
            _ => Err(Problem::unprocessable(format!("字段“weight”应为 0 到 100 的数，实际为“{t}”。"))),
        },
    }
}

impl IndicatorEdit {
    /// The fields given, checked and normalised (in the order they are reported).
    fn changes(&self) -> Result<IndicatorChanges, Problem> {
        Ok(IndicatorChanges {
            level1: given(&self.level1, |v| required(text::LEVEL1, v))?,
            level2: given(&self.level2, |v| required(text::LEVEL2, v))?,
            level3: given(&self.level3, |v| optional(text::LEVEL3, v))?,
            description: given(&self.description, |v| optional(text::DESCRIPTION, v))?,
            basis: given(&self.basis, |v| optional(text::BASIS, v))?,
            weight: given(&self.weight, weight)?,
            target: given(&self.target, |t| {
                let printed = t.trim();
                checked(text::TARGET, printed)?;
                Ok((!printed.is_empty()).then(|| printed.to_string()))
            })?,
        })
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

pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Params(p): Params<ListParams>,
) -> Result<Response, Problem> {
    let w = p.window()?;
    let listed = state.store.indicators(caller.actor().visibility(), &p.filter(), w.slice()).await?;
    Ok(Json(Paged::new(listed, w)).into_response())
}

/// The indicator when the caller may do `action` on its project.
async fn allowed_indicator(
    state: &AppState,
    caller: &Caller,
    id: i64,
    action: Action,
) -> Result<Indicator, Problem> {
    let (ind, project) = state.store.indicator(id).await?;
    check(caller.actor(), Action::Read, project.department(), project.status)?;
    check(caller.actor(), action, project.department(), project.status)?;
    if action == Action::Edit {
        super::years::check_open(state, caller.actor(), project.year).await?;
    }
    Ok(ind)
}

pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Response, Problem> {
    Ok(Json(allowed_indicator(&state, &caller, id, Action::Read).await?).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<NewIndicator>,
) -> Result<Response, Problem> {
    let by = caller.require_user()?.id;
    let project = allowed(&state, &caller, body.project_id, Action::Edit).await?;
    let new = IndicatorEdit {
        version: None,
        level1: Some(body.level1),
        level2: Some(body.level2),
        level3: Some(required(text::LEVEL3, &body.level3)?),
        description: body.description,
        target: body.target,
        basis: body.basis,
        weight: body.weight,
    }
    .changes()?;
    let ind = state.store.create_indicator(by, &project, &new).await?;
    Ok((StatusCode::CREATED, Json(ind)).into_response())
}

pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    headers: HeaderMap,
    JsonBody(body): JsonBody<IndicatorEdit>,
) -> Result<Response, Problem> {
    let by = caller.require_user()?.id;
    let version = expected_version(&headers, body.version)?;
    let before = allowed_indicator(&state, &caller, id, Action::Edit).await?;
    let changes = body.changes()?;
    Ok(Json(state.store.update_indicator(by, &before, version, &changes).await?).into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    headers: HeaderMap,
    Params(v): Params<VersionParam>,
) -> Result<Response, Problem> {
    let by = caller.require_user()?.id;
    let version = expected_version(&headers, v.version)?;
    let before = allowed_indicator(&state, &caller, id, Action::Edit).await?;
    state.store.delete_indicator(by, &before, version).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
