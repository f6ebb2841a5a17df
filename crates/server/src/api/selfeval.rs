//! `GET /api/v1/projects/{id}/self-evaluation.xlsx` (issue 15): a published self-evaluation
//! (自评表) as .xlsx, re-scored — each row's published 得分 beside the one the scoring rules
//! give, the funds block, total and grade both ways, the breaks noted — in the one table model
//! (`jixiao_assess::self_evaluation_tables`) drawn by `jixiao-office`'s one .xlsx writer.
//! Where the caller may also see the paired target table, the rows are judged against its
//! approved targets. Who may download it is who may read the project (a hidden project and a
//! target table's project answer 404); the page serves the same file
//! (`/projects/{id}/self-evaluation.xlsx`).

use axum::extract::State;
use axum::response::Response;

use super::query::Id;
use super::templates::TemplateFile;
use crate::auth::caller::Caller;
use crate::auth::policy::{check, Action, Actor};
use crate::problem::Problem;
use crate::state::AppState;

/// The 自评表 of project `id` as .xlsx, for `actor`.
pub async fn file(state: &AppState, actor: Actor, id: i64) -> Result<TemplateFile, Problem> {
    let hidden = || Problem::not_found("未找到该记录，或您无权查看。");
    let p = state.store.project(id).await.map_err(|_| hidden())?;
    check(actor, Action::Read, p.department(), p.status).map_err(|_| hidden())?;
    let department = match p.department_id {
        Some(d) => state.store.organisation(d).await.ok().map(|o| o.name),
        None => None,
    };
    let doc = crate::pages::selfeval::judged_document(&state.store, actor.visibility(), &p, department)
        .await?
        .ok_or_else(|| Problem::not_found("该项目是绩效目标表，不是已公开的自评表，没有自评表可下载。"))?;
    let tables = crate::pages::selfeval::tables(&doc);
    let bytes = jixiao_office::write_table::tables_xlsx(&tables).map_err(|e| Problem::internal(&e))?;
    Ok(TemplateFile { bytes, name: format!("{}绩效自评表", p.name), fallback: format!("project-{id}-self-evaluation") })
}

/// `GET /api/v1/projects/{id}/self-evaluation.xlsx`.
pub async fn self_evaluation_xlsx(State(state): State<AppState>, caller: Caller, Id(id): Id) -> Result<Response, Problem> {
    Ok(file(&state, caller.actor(), id).await?.into_response())
}
