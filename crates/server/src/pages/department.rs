//! 部门 page: the department's projects with budget, indicator count, the review's grade
//! (优/良/中/差 as stored with each project) and status, department totals, each current
//! document's grade with its reasons, its 部门整体支出绩效目标表 (overall goals, department
//! budget, department-wide indicators, and its review workflow: status, submit with the
//! confirmation of its open findings, return or approve, comments; a 部门整体 自评表 with its
//! 自评复核 section, as a project's), and (for its 填报员)
//! submitting every draft at once: its projects and its 部门整体 tables.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use axum::extract::State;
use axum::response::{Html, Response};
use rust_decimal::Decimal;

use super::dashboard::{asks_undated, pick_year, YearQuery};
use super::render::{page_result, render, PageError, Viewer, PageQuery, PagePath};
use super::{format, queries};
use crate::auth::policy::{check, Action};
use crate::state::AppState;

pub async fn page(State(state): State<AppState>, me: Viewer, PagePath(id): PagePath<String>, PageQuery(q): PageQuery<YearQuery>) -> Response {
    let r = build(&state, &me, &id, q).await;
    page_result(&me, r)
}

/// A project or a 部门整体 table "提交本部门全部草稿" would submit, as its confirmation lists
/// it: the API path it is submitted through (`{api}/submit`, with its version).
#[derive(Debug, serde::Serialize)]
struct Submittable {
    api: String,
    version: i64,
    name: String,
    /// The review's grade (projects; a table is graded with its document).
    grade: Option<String>,
    errors: i64,
}

async fn build(state: &AppState, me: &Viewer, id: &str, q: YearQuery) -> Result<Html<String>, PageError> {
    // `/departments/unknown`: the projects of documents that named no department.
    let (department, org) = if id == "unknown" {
        (None, minijinja::context! { id => "unknown", name => "（未识别部门）" })
    } else {
        let id: i64 = id.parse().map_err(|_| PageError::BadRequest(format!("部门编号应为整数，实际为“{id}”。")))?;
        (Some(id), minijinja::Value::from_serialize(state.store.organisation(id).await?))
    };
    // `?year=unknown`: the projects whose document prints no year.
    let undated = asks_undated(q.year.as_deref());
    let year = if undated { None } else { pick_year(q.year.as_deref(), &[])? };
    let mut projects = queries::projects_of_department(&state.store, me.actor, department, year).await?;
    if undated {
        projects.retain(|p| p.year.is_none());
    }
    let total: Decimal = projects.iter().filter_map(|p| format::money(p.budget_total.as_deref())).sum();
    let indicators: i64 = projects.iter().map(|p| p.indicators).sum();
    // Projects by their grade, as the dashboard counts them.
    let grades: Vec<minijinja::Value> = ["优", "良", "中", "差"]
        .iter()
        .map(|g| {
            let n = projects.iter().filter(|p| p.grade.as_ref().is_some_and(|x| x.grade == *g)).count();
            minijinja::context! { grade => g, count => n }
        })
        .collect();
    let years: Vec<i64> = {
        let mut y: Vec<i64> = projects.iter().filter_map(|p| p.year).collect();
        y.dedup();
        y
    };
    // What "提交本部门全部草稿" submits, one API call per project (each with its version),
    // listed in the confirmation the button opens; the department's draft 部门整体 tables
    // follow (below), through their own workflow endpoint.
    // Years whose 申报 is closed to this filler: their drafts are not offered, and the page
    // says why.
    let mut closed_years: std::collections::BTreeMap<i64, String> = std::collections::BTreeMap::new();
    for y in projects.iter().filter_map(|p| p.year).collect::<std::collections::BTreeSet<_>>() {
        if let Some(why) = crate::api::years::closed_for(state, me.actor, Some(y)).await? {
            closed_years.insert(y, why);
        }
    }
    let mut submittable: Vec<Submittable> = match department {
        Some(d) => projects
            .iter()
            .filter(|p| check(me.actor, Action::Submit, d, p.status).is_ok() && !p.year.is_some_and(|y| closed_years.contains_key(&y)))
            .map(|p| Submittable {
                api: format!("/api/v1/projects/{}", p.id),
                version: p.version,
                name: p.name.clone(),
                grade: Some(p.grade_text.clone()),
                errors: p.errors,
            })
            .collect(),
        None => Vec::new(),
    };
    let submit_projects = submittable.len();
    // The documents' own findings (not about one project), as far as the viewer may see them.
    let document_findings = match department {
        Some(d) => {
            let filter = jixiao_store::ListFilter { department: Some(d), year, ..Default::default() };
            state.store.document_findings(me.actor.visibility(), &filter).await?
        }
        None => Vec::new(),
    };
    let document_findings: Vec<_> = document_findings
        .into_iter()
        .map(|f| minijinja::context! {
            document_id => f.document_id,
            severity_name => format::severity_name(&f.severity),
            severity => f.severity,
            message => f.message,
            line => f.line,
        })
        .collect();
    // The 部门整体支出绩效目标表 of its documents (imported or drafted here), as far as the
    // viewer may see them (their own workflow status: drafts to the department, reviewers and
    // admins; approved ones to everyone), each with what the viewer may do with it.
    let department_tables = match department {
        Some(d) => {
            let filter = jixiao_store::ListFilter {
                department: Some(d),
                year,
                ..Default::default()
            };
            state
                .store
                .department_tables(me.actor.visibility(), &filter)
                .await?
        }
        None => Vec::new(),
    };
    let amount = |v: &Option<String>| format::money(v.as_deref()).map(format::wan);
    let mut flows = HashMap::new();
    for t in department_tables.iter().filter(|t| !undated || t.year.is_none()) {
        let closed = crate::api::years::closed_for(state, me.actor, t.year).await?;
        let (flow, errors) = table_flow(state, me, t, closed.is_some()).await?;
        if let (Some(y), Some(why)) = (t.year, closed) {
            closed_years.insert(y, why);
        }
        // A table its filler may submit goes with the projects (its errors need the same
        // justification as theirs).
        if flow.get_attr("can_submit").is_ok_and(|c| c.is_true()) {
            submittable.push(Submittable {
                api: format!("/api/v1/department-tables/{}", t.id),
                version: t.version,
                name: match t.year {
                    Some(y) => format!("部门整体支出绩效目标表（{y} 年度）"),
                    None => "部门整体支出绩效目标表".to_string(),
                },
                grade: None,
                errors: errors as i64,
            });
        }
        flows.insert(t.id, flow);
    }
    let submit_tables = submittable.len() - submit_projects;
    let submit_count = submittable.len();
    let submit_errors: i64 = submittable.iter().map(|p| p.errors).sum();
    let can_submit_all = me.is(crate::auth::policy::Role::Filler) && submit_count > 0;
    let department_tables: Vec<_> = department_tables
        .iter()
        .filter(|t| !undated || t.year.is_none())
        .map(|t| {
            minijinja::context! {
                id => t.id,
                version => t.version,
                status => t.status.as_str(),
                status_name => t.status.name(),
                flow => flows.remove(&t.id),
                document_id => t.document_id,
                year => t.year,
                file_name => &t.file_name,
                budget_total => amount(&t.budget_total),
                budget_fiscal => amount(&t.budget_fiscal),
                budget_other => amount(&t.budget_other),
                overall_goals => &t.overall_goals,
                self_evaluation => department_self_evaluation(t),
                indicators => t.indicators.iter().map(|i| minijinja::context! {
                    level1 => &i.level1_printed,
                    level2 => &i.level2_printed,
                    level3 => &i.level3,
                    target => &i.target_printed,
                    description => &i.description,
                    basis => &i.basis,
                }).collect::<Vec<_>>(),
            }
        })
        .collect();
    // Revisions whose every project the viewer may see: their disclosure and their grade
    // (whose reasons name projects) are shown.
    let mut revisions = match department {
        Some(d) => whole_revisions(state, d, &projects).await?,
        None => Vec::new(),
    };
    // …and whose 部门整体 table, when it prints one, the viewer may see too.
    let mut whole = Vec::with_capacity(revisions.len());
    for r in revisions.drain(..) {
        match state.store.table_state(r).await {
            Ok(t) if check(me.actor, Action::Read, t.department(), t.status).is_err() => {}
            Ok(_) | Err(jixiao_store::StoreError::NotFound(_)) => whole.push(r),
            Err(e) => return Err(e.into()),
        }
    }
    let revisions = whole;
    let mut disclosures = Vec::new();
    let mut documents = Vec::new();
    for &revision in &revisions {
        if let Some(section) = disclosure_of(state, revision).await? {
            disclosures.push(minijinja::Value::from_safe_string(section));
        }
        let (file_name, _) = state.store.revision_file(revision).await?;
        let grade = state.store.revision_grade(revision).await?;
        documents.push(minijinja::context! {
            file_name,
            grade_text => format::grade_text(grade.as_ref()),
            meaning => format::grade_meaning(grade.as_ref()),
            reasons => grade.map(|g| g.reasons).unwrap_or_default(),
        });
    }
    render(
        "department.html",
        minijinja::context! {
            me, org, year, years, projects, undated,
            total => format::wan(total),
            indicators, grades, documents,
            submittable, submit_count, submit_projects, submit_tables, submit_errors,
            can_submit_all,
            closed_years => closed_years.values().collect::<Vec<_>>(),
            document_findings,
            department_tables,
            disclosures,
        },
    )
}

/// The 自评 section of a 部门整体 自评表 (the viewer may see the table), as a project's
/// self-evaluation has it; `None` for a target table.
fn department_self_evaluation(t: &jixiao_store::DepartmentTable) -> Option<super::selfeval::SelfEvaluationView> {
    let doc = jixiao_store::domain::document(t.file_name.clone(), None, t.year, Vec::new());
    let doc = jixiao_store::domain::with_department_table(doc, t.clone());
    super::selfeval::department_view(&doc)
}

/// What the viewer may do with a 部门整体 table on its department's page, by the role rules
/// of a project (`check` with the table's department and status): submit (with the count of
/// its error and warning findings, which the confirmation shows), return or approve, comment;
/// and its comments, for those signed in. Also its error count.
async fn table_flow(state: &AppState, me: &Viewer, t: &jixiao_store::DepartmentTable, year_closed: bool) -> Result<(minijinja::Value, usize), PageError> {
    let department = t.department_id.unwrap_or(0);
    let can = |action| check(me.actor, action, department, t.status).is_ok() && !(year_closed && action == Action::Submit);
    let findings = state.store.table_findings(t.id).await?;
    let errors = findings.iter().filter(|f| f.severity == "error").count();
    let warnings = findings.iter().filter(|f| f.severity == "warning").count();
    let comments: Vec<_> = if me.signed_in {
        state
            .store
            .table_comments(t.id)
            .await?
            .into_iter()
            .map(|c| minijinja::context! {
                author => c.author,
                body => c.body,
                at => c.created_at.replace('T', " ").trim_end_matches('Z').to_string(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let flow = minijinja::context! {
        can_submit => can(Action::Submit),
        can_review => can(Action::Approve),
        can_comment => me.signed_in && can(Action::Comment),
        errors, warnings, comments,
    };
    Ok((flow, errors))
}

/// The current revisions of the department whose every project the viewer may see (a
/// document still partly in draft shows its disclosure and its grade only to those who see
/// its drafts). Their 部门预算公开 is read again from the stored original bytes: the sections
/// are HTML written by `jixiao-office`'s one HTML writer from `jixiao-disclosure`'s
/// publication, which escapes every text it prints; they go into
/// the page as markup, all other data as escaped text.
async fn whole_revisions(state: &AppState, department: i64, visible: &[queries::ProjectRow]) -> Result<Vec<i64>, PageError> {
    let pairs = state.store.current_projects_of_department(department).await?;
    let seen = |p: &i64| visible.iter().any(|v| v.id == *p);
    let mut revisions: Vec<i64> = pairs.iter().filter(|(_, p)| seen(p)).map(|(r, _)| *r).collect();
    revisions.sort_unstable();
    revisions.dedup();
    revisions.retain(|r| pairs.iter().filter(|(rev, _)| rev == r).all(|(_, p)| seen(p)));
    Ok(revisions)
}

/// A revision's 部门预算公开 section, rendered once per process for the same bytes (by their
/// SHA-256 and file name): reading the stored file again took most of the page's time (40 ms
/// on SQLite).
async fn disclosure_of(state: &AppState, revision: i64) -> Result<Option<String>, PageError> {
    type Sections = HashMap<(String, String), Option<String>>;
    static RENDERED: OnceLock<Mutex<Sections>> = OnceLock::new();
    let (file_name, sha256) = state.store.revision_file(revision).await?;
    let key = (sha256, file_name);
    if let Some(hit) = RENDERED.get_or_init(Default::default).lock().ok().and_then(|m| m.get(&key).cloned()) {
        return Ok(hit);
    }
    let bytes = state.store.revision_content(revision).await?;
    let section = jixiao_carriers::read_bytes(&key.1, &bytes)
        .ok()
        .and_then(|reading| reading.disclosure)
        .map(|d| jixiao_office::write_html::publication_section(&jixiao_disclosure::publication(&d), "disclosure"));
    if let Ok(mut map) = RENDERED.get_or_init(Default::default).lock() {
        if map.len() >= 4096 {
            map.clear(); // bounded; a miss only means reading the file again
        }
        map.insert(key, section.clone());
    }
    Ok(section)
}
