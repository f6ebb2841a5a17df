//! `/api/v1/documents`: imported documents and their revisions; upload-and-import.
//!
//! An upload is the file's raw bytes as the request body with `?name=文件名`, in any carrier
//! `jixiao-carriers` reads (.txt, .docx, .xlsx, .html, .pdf). It is read once (a file that is
//! not a target document is refused with 422 and nothing stored); that same reading is then
//! imported by the store in one transaction, which — for a 部门填报员 — refuses it unless the
//! department it names is the filler's (403, nothing written). The same bytes twice change
//! nothing, changed bytes make a new revision.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::query::{Id, ListParams, Paged, Params};
use super::version::VersionParam;
use crate::auth::caller::Caller;
use crate::auth::policy::{check_admin, check_upload, Role};
use crate::json::read_body;
use crate::problem::Problem;
use crate::state::AppState;

pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Params(p): Params<ListParams>,
) -> Result<Response, Problem> {
    let w = p.window()?;
    let listed = state.store.documents(caller.actor().visibility(), &p.filter(), w.slice()).await?;
    Ok(Json(Paged::new(listed, w)).into_response())
}

pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Response, Problem> {
    let seen = caller.actor().visibility();
    let doc = state.store.document(seen, id).await?;
    let of_document = jixiao_store::ListFilter {
        document: Some(id),
        ..jixiao_store::ListFilter::default()
    };
    let (revisions, grade, tables) = tokio::try_join!(
        state.store.revisions(id),
        state.store.document_grade(seen, id),
        state.store.department_tables(seen, &of_document)
    )?;
    let mut body = serde_json::to_value(&doc).map_err(|e| Problem::internal(&e))?;
    body["revisions"] = json!(revisions);
    // The review's grade of the current revision (its reasons name projects: only for a
    // reader who sees every project of it, as the document's own findings).
    body["grade"] = json!(grade);
    // The 部门整体支出绩效目标表 it prints (overall goals, department budget, department-wide
    // indicators), under the same rule; `null` when it prints none.
    body["department_table"] = json!(tables.into_iter().next());
    Ok(Json(body).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadParams {
    /// 文件名（保存为文档来源名）。
    pub name: Option<String>,
}

/// The upload's file name from `?name=`: required, no path, at most 200 characters.
pub fn file_name(name: Option<&str>) -> Result<String, Problem> {
    let name = name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| {
            Problem::bad_request("请用 ?name= 参数给出文件名，例如 ?name=2024年部门绩效目标.txt。")
        })?;
    let max = jixiao_store::text::FILE_NAME.max;
    if name.contains(['/', '\\']) || name.chars().count() > max || jixiao_store::text::forbidden_char(name).is_some() {
        return Err(Problem::bad_request(format!(
            "文件名不能含路径分隔符或控制字符，且不超过 {max} 个字符。"
        )));
    }
    Ok(name.to_string())
}

/// Reads an upload once, through `jixiao-carriers` (text, .docx, .xlsx, .html, .pdf), on a
/// blocking thread: a file that is not a target document is refused (422) before anything
/// is written.
pub async fn read_upload(name: &str, bytes: Vec<u8>) -> Result<jixiao_import::ReadDocument, Problem> {
    let file = name.to_string();
    tokio::task::spawn_blocking(move || jixiao_import::ReadDocument::read(&file, bytes))
        .await
        .map_err(|e| Problem::internal(&e))?
        .map_err(import_problem)
}

/// An import failure as the API answers it.
pub fn import_problem(e: jixiao_import::ImportError) -> Problem {
    match e {
        jixiao_import::ImportError::Read(r) => Problem::unprocessable(r.to_string()),
        jixiao_import::ImportError::WrongDepartment { printed, .. } => Problem::forbidden(format!(
            "部门填报员只能导入本部门的文档；该文档的部门（{}）不是您所在的部门。",
            printed.as_deref().unwrap_or("未印部门名称")
        )),
        jixiao_import::ImportError::Store { source, .. } => source.into(),
        other => Problem::internal(&other),
    }
}

/// 导入结果。
#[derive(Debug, Serialize)]
pub struct UploadOutcome {
    /// imported 已导入（新文档或新修订版）/ unchanged 内容未变，未写入
    pub result: &'static str,
    pub document_id: i64,
    pub revision_id: i64,
    pub revision: i64,
    pub projects: i64,
    pub indicators: i64,
    pub findings: i64,
}

/// Stores a document read once by [`read_upload`] (the reading the caller checked is the one
/// stored). `department`: only into this department (a 部门填报员's), decided in the
/// import's transaction from this reading. True when something was written.
async fn import_upload(
    state: &AppState,
    by: i64,
    doc: &jixiao_import::ReadDocument,
    department: Option<i64>,
) -> Result<(bool, UploadOutcome), Problem> {
    let options = jixiao_store::ImportOptions {
        imported_by: Some(by),
        department,
    };
    // The store writes the import's audit entry in the import's own transaction.
    let outcome = jixiao_import::import_read(&state.store, doc, &options)
        .await
        .map_err(import_problem)?;
    let (created, revision_id) = match outcome {
        jixiao_store::ImportOutcome::Imported { revision_id, .. } => (true, revision_id),
        jixiao_store::ImportOutcome::Unchanged { revision_id, .. } => (false, revision_id),
    };
    let counts = state.store.revision_counts(revision_id).await?;
    Ok((
        created,
        UploadOutcome {
            result: if created { "imported" } else { "unchanged" },
            document_id: counts.document_id,
            revision_id,
            revision: counts.revision,
            projects: counts.projects,
            indicators: counts.indicators,
            findings: counts.findings,
        },
    ))
}

pub async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    Params(p): Params<UploadParams>,
    request: Request,
) -> Result<Response, Problem> {
    let user = caller.require_user()?.clone();
    check_upload(caller.actor(), None)?;
    let name = file_name(p.name.as_deref())?;
    let bytes = read_body(request, &state, state.settings.limits).await?;
    // One reading: the one whose department is checked is the one stored. A filler's import
    // is restricted to their department; the store decides that inside its transaction, from
    // this reading, and also refuses to add a revision to another department's document.
    let doc = read_upload(&name, bytes.to_vec()).await?;
    // A filler's document (or filled 申报表) of a year whose 申报 is closed.
    let year = doc.reading.document.year.as_ref().map(|y| i64::from(y.value));
    super::years::check_open(&state, caller.actor(), year).await?;
    let department = match user.role {
        Role::Filler => Some(user.department_id.ok_or_else(|| {
            Problem::forbidden("您的账户没有所属部门，不能导入文档。")
        })?),
        _ => None,
    };
    let (created, outcome) = import_upload(&state, user.id, &doc, department).await?;
    let status = if created {
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
    let doc = state.store.document(caller.actor().visibility(), id).await?;
    // A diff compares every project of two revisions, drafts included: only for those who
    // see the whole document (admins, reviewers, the department's fillers).
    let actor = caller.actor();
    let whole = actor.reads_everything()
        || (actor.own_department().is_some() && actor.own_department() == doc.department_id);
    if !whole {
        return Err(Problem::not_found(format!("文档 {id} 不存在，或您无权查看其修订差异。")));
    }
    let revisions = state.store.revisions(id).await?;
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
    Ok(Json(state.store.diff_revisions(against, current).await?).into_response())
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
    state.store.document(caller.actor().visibility(), id).await?;
    state.store.delete_document(by, id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
