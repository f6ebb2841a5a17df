//! `/api/v1/documents`: imported documents and their revisions; upload-and-import.
//!
//! An upload is the file's raw bytes as the request body with `?name=文件名`. It is read
//! first (a file that is not a target document is refused with 422 and nothing stored),
//! then checked against the caller's department, then imported by the store in one
//! transaction: the same bytes twice change nothing, changed bytes make a new revision.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use super::query::{Id, ListParams, Paged, Params};
use super::version::VersionParam;
use crate::auth::caller::Caller;
use crate::auth::policy::{check_admin, check_upload, Role};
use crate::db::{import, read};
use crate::json::read_body;
use crate::problem::Problem;
use crate::state::AppState;

pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Params(p): Params<ListParams>,
) -> Result<Response, Problem> {
    let w = p.window()?;
    let (items, total) = read::documents(&state.store, caller.actor(), &p, w).await?;
    Ok(Json(Paged::new(items, total, w)).into_response())
}

pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Response, Problem> {
    let doc = read::document_by_id(&state.store, caller.actor(), id).await?;
    let revisions = read::revisions(&state.store, id).await?;
    let mut body = serde_json::to_value(&doc).map_err(|e| Problem::internal(&e))?;
    body["revisions"] = json!(revisions);
    Ok(Json(body).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadParams {
    /// 文件名（保存为文档来源名）。
    pub name: Option<String>,
}

pub async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    Params(p): Params<UploadParams>,
    request: Request,
) -> Result<Response, Problem> {
    let user = caller.require_user()?.clone();
    check_upload(caller.actor(), None)?;
    let name = p
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| {
            Problem::bad_request("请用 ?name= 参数给出文件名，例如 ?name=2024年部门绩效目标.txt。")
        })?;
    if name.contains(['/', '\\']) || name.chars().count() > 200 {
        return Err(Problem::bad_request(
            "文件名不能含路径分隔符，且不超过 200 个字符。",
        ));
    }
    let bytes = read_body(request, &state, state.settings.limits).await?;
    // Read first: reject non-documents before anything is written, and learn the department.
    let bytes_for_read = bytes.clone();
    let file = name.to_string();
    let reading =
        tokio::task::spawn_blocking(move || jixiao_read::read_bytes(&file, &bytes_for_read))
            .await
            .map_err(|e| Problem::internal(&e))?
            .map_err(|e| Problem::unprocessable(e.to_string()))?;
    if user.role == Role::Filler {
        let printed = reading
            .document
            .department
            .as_ref()
            .map(|d| d.value.clone());
        let department = match &printed {
            Some(name) => import::department_named(&state.store, name).await?,
            None => None,
        };
        match department {
            Some(d) => check_upload(caller.actor(), Some(d))?,
            None => {
                return Err(Problem::forbidden(format!(
                    "部门填报员只能导入本部门的文档；该文档的部门（{}）不是您所在的部门。",
                    printed.as_deref().unwrap_or("未印部门名称")
                )))
            }
        }
    }
    let outcome = import::import_upload(&state.store, user.id, name, &bytes).await?;
    let status = if outcome.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(outcome)).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiffParams {
    /// 对比的修订版 id（默认：上一修订版）。
    pub against: Option<i64>,
}

pub async fn diff(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    Params(p): Params<DiffParams>,
) -> Result<Response, Problem> {
    let doc = read::document_by_id(&state.store, caller.actor(), id).await?;
    let revisions = read::revisions(&state.store, id).await?;
    let current = doc
        .current_revision_id
        .ok_or_else(|| Problem::not_found("该文档没有修订版。"))?;
    let against = match p.against {
        Some(a) if revisions.iter().any(|r| r.id == a) => a,
        Some(a) => return Err(Problem::not_found(format!("修订版 {a} 不属于文档 {id}。"))),
        None => {
            let pos = revisions.iter().position(|r| r.id == current).unwrap_or(0);
            match pos.checked_sub(1).and_then(|i| revisions.get(i)) {
                Some(prev) => prev.id,
                None => {
                    return Err(Problem::not_found(
                        "该文档只有一个修订版，没有可比较的版本。",
                    ))
                }
            }
        }
    };
    Ok(Json(import::diff(&state.store, against, current).await?).into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    _headers: HeaderMap,
    Params(_v): Params<VersionParam>,
) -> Result<Response, Problem> {
    check_admin(caller.actor())?;
    let by = caller.require_user()?.id;
    read::document_by_id(&state.store, caller.actor(), id).await?;
    import::delete_document(&state.store, by, id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
