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
use jixiao_assess::ScoringConfig;
use jixiao_model::Document;

use super::query::Id;
use super::templates::TemplateFile;
use crate::auth::caller::Caller;
use crate::auth::policy::{check, Action, Actor};
use crate::problem::Problem;
use crate::state::AppState;

/// The stored self-evaluation `project` as a one-project document to re-score: with the
/// approved targets of its paired target table put in where the caller may see that table
/// (`jixiao_assess::with_approved_targets`: the re-scoring judges the actuals against what
/// was approved, as the stored findings `JX-E015` do), else as printed. `None` when the
/// project is no self-evaluation.
pub(crate) async fn judged_document(
    store: &jixiao_store::Store,
    seen: jixiao_store::Visibility,
    project: &jixiao_store::Project,
    department: Option<String>,
) -> Result<Option<Document>, jixiao_store::StoreError> {
    if project.evaluation.is_none() {
        return Ok(None);
    }
    let model = store.model_project(project).await?;
    let doc = jixiao_store::domain::document(project.name.clone(), department, project.year, vec![model]);
    let paired = store.paired_project(seen, project.id).await?.filter(|p| !p.self_evaluation);
    let Some(paired) = paired else { return Ok(Some(doc)) };
    let target = store.project(paired.id).await?;
    let target = store.model_project(&target).await?;
    Ok(Some(jixiao_assess::with_approved_targets(&doc, &[(0, &target)]).0))
}

/// The 自评表 of a self-evaluation `doc` ([`judged_document`]) re-scored, as the one table
/// model lays it out (`jixiao_assess::self_evaluation_tables`): each row's published 得分
/// beside the recomputed one, the funds block, the totals and grade, the breaks as notes.
pub(crate) fn tables(doc: &Document) -> jixiao_model::table::TableSet {
    let cfg = ScoringConfig::default();
    let scores: Vec<jixiao_assess::ProjectScore> =
        jixiao_assess::rescore(doc, &cfg).iter().filter_map(|r| r.score(doc, &cfg)).collect();
    jixiao_assess::self_evaluation_tables(doc, &scores)
}

/// The 自评表 of project `id` as .xlsx, for `actor`.
pub async fn file(state: &AppState, actor: Actor, id: i64) -> Result<TemplateFile, Problem> {
    let hidden = || Problem::not_found("未找到该记录，或您无权查看。");
    let p = state.store.project(id).await.map_err(|_| hidden())?;
    check(actor, Action::Read, p.department(), p.status).map_err(|_| hidden())?;
    let department = match p.department_id {
        Some(d) => state.store.organisation(d).await.ok().map(|o| o.name),
        None => None,
    };
    let doc = judged_document(&state.store, actor.visibility(), &p, department)
        .await?
        .ok_or_else(|| Problem::not_found("该项目是绩效目标表，不是已公开的自评表，没有自评表可下载。"))?;
    let tables = tables(&doc);
    let bytes = jixiao_office::write_table::tables_xlsx(&tables).map_err(|e| Problem::internal(&e))?;
    Ok(TemplateFile { bytes, name: format!("{}绩效自评表", p.name), fallback: format!("project-{id}-self-evaluation") })
}

/// `GET /api/v1/projects/{id}/self-evaluation.xlsx`.
pub async fn self_evaluation_xlsx(State(state): State<AppState>, caller: Caller, Id(id): Id) -> Result<Response, Problem> {
    Ok(file(&state, caller.actor(), id).await?.into_response())
}
