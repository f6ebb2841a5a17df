//! 项目 page: the project's 绩效目标表 drawn like the published table (merged 一级/二级
//! cells, the same columns), review findings on the rows they concern, the spending plan,
//! comments, the workflow buttons the viewer's role allows, the history of changes, the
//! benchmark checks (对标, `JX-B…`, with their figures) and a link to indicator suggestions.
//! A self-evaluation's page adds its 自评 section (`selfeval.rs`: published vs recomputed);
//! a target table's shows its paired self-evaluation's actuals beside the targets; each
//! links to the other.

use axum::extract::State;
use axum::response::{Html, Response};
use serde::Serialize;

use super::format;
use super::render::{page_result, render, PageError, Viewer, PagePath};
use crate::auth::policy::{check, Action};
use crate::state::AppState;
use jixiao_store::{Comment, Indicator, Project};

/// 表中一行：指标，及其一级/二级单元格的合并行数（`None`：被上一行的合并单元格覆盖）。
#[derive(Debug, Serialize)]
struct Row {
    #[serde(flatten)]
    indicator: Indicator,
    level1_span: Option<usize>,
    level2_span: Option<usize>,
    findings: Vec<FindingView>,
    comments: Vec<Comment>,
    /// 配对自评表中同一指标的实际完成值（目标表页面，有配对的自评表时）。
    paired_actual: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct FindingView {
    rule: String,
    severity: String,
    severity_name: &'static str,
    message: String,
    line: Option<i64>,
    /// The indicator row it is about (index in the table), when the review said.
    row: Option<i64>,
    /// 修改建议, when the rule gives one.
    suggestion: Option<String>,
}

/// Spans for runs of equal printed 一级 (and, inside them, 二级) names, as in the printed table.
fn spans(indicators: &[Indicator]) -> Vec<(Option<usize>, Option<usize>)> {
    let n = indicators.len();
    let mut out = vec![(None, None); n];
    let mut i = 0;
    while i < n {
        let l1 = &indicators[i].level1_printed;
        let end1 = (i..n).find(|&k| &indicators[k].level1_printed != l1).unwrap_or(n);
        out[i].0 = Some(end1 - i);
        let mut j = i;
        while j < end1 {
            let l2 = &indicators[j].level2_printed;
            let end2 = (j..end1).find(|&k| &indicators[k].level2_printed != l2).unwrap_or(end1);
            out[j].1 = Some(end2 - j);
            j = end2;
        }
        i = end1;
    }
    out
}

pub async fn page(State(state): State<AppState>, me: Viewer, PagePath(id): PagePath<String>) -> Response {
    let r = build(&state, &me, &id).await;
    page_result(&me, r)
}

async fn findings_of(state: &AppState, project_id: i64) -> Result<Vec<FindingView>, PageError> {
    Ok(state
        .store
        .project_findings(project_id)
        .await?
        .into_iter()
        .map(|f| FindingView {
            rule: f.rule,
            severity_name: format::severity_name(&f.severity),
            severity: f.severity,
            message: f.message,
            line: f.line,
            row: f.row,
            suggestion: f.suggestion,
        })
        .collect())
}

/// 历史：该项目、其指标和所属文档的审计记录（最新在前）。
#[derive(Debug, Serialize)]
struct HistoryEntry {
    at: String,
    who: String,
    what: String,
    changes: Vec<super::admin::Change>,
}

fn action_name(entity: &str, action: &str) -> String {
    let thing = match entity {
        "project" => "项目",
        "indicator" => "指标",
        "document" => "文档",
        "comment" => "意见",
        _ => "记录",
    };
    let verb = match action {
        "create" => "新建",
        "update" => "修改",
        "delete" => "删除",
        "submit" => "提交",
        "return" => "退回",
        "approve" | "approve_demo" => "批准",
        "import" => "导入",
        "reorder" => "调整顺序",
        _ => "操作",
    };
    format!("{verb}{thing}")
}

async fn history(state: &AppState, project: &Project) -> Result<Vec<HistoryEntry>, PageError> {
    Ok(state
        .store
        .project_history(project.id, project.document_id)
        .await?
        .into_iter()
        .map(|a| {
            let mut what = action_name(&a.entity, &a.action);
            if a.entity == "indicator" {
                // Which indicator: its 三级指标 as it was (or is, when new).
                let named = [&a.before, &a.after].into_iter().flatten().find_map(|v| v["level3"].as_str().map(str::to_string));
                match named {
                    Some(n) => what.push_str(&format!("“{n}”")),
                    None => what.push_str(&format!("（指标 {}）", a.entity_id.unwrap_or(0))),
                }
            }
            // What changed, field by field (edits only: an import or a new row has no before).
            let changes = if a.action == "update" && a.before.is_some() {
                super::admin::changes(a.before.as_ref(), a.after.as_ref())
                    .into_iter()
                    .filter(|c| !matches!(c.field.as_str(), "version" | "updated_at" | "target_kind" | "target_op" | "target_value" | "target_unit" | "level1" | "level2"))
                    .collect()
            } else {
                Vec::new()
            };
            HistoryEntry {
                at: a.at.replace('T', " ").trim_end_matches('Z').to_string(),
                who: a.who.unwrap_or_else(|| "系统".into()),
                what,
                changes,
            }
        })
        .collect())
}

async fn spending_plan(state: &AppState, id: i64) -> Result<Vec<Option<String>>, PageError> {
    Ok(state.store.spending_plan(id).await?)
}

async fn department_name(state: &AppState, id: Option<i64>) -> Result<String, PageError> {
    let Some(id) = id else { return Ok("（未识别部门）".into()) };
    Ok(state.store.organisation(id).await.map(|o| o.name).unwrap_or_else(|_| "（未识别部门）".into()))
}

async fn build(state: &AppState, me: &Viewer, id: &str) -> Result<Html<String>, PageError> {
    let id: i64 = id.parse().map_err(|_| PageError::BadRequest(format!("项目编号应为整数，实际为“{id}”。")))?;
    let project = state.store.project(id).await.map_err(|_| PageError::NotFound("未找到该记录，或您无权查看。".into()))?;
    let status = project.status;
    let dept = project.department();
    check(me.actor, Action::Read, dept, status)?;
    let store = &state.store;
    // Review comments and the change history (who did what) are for signed-in users, as
    // `GET /api/v1/projects/{id}/comments` is: the public sees the published table only.
    let staff = me.signed_in;
    // The document's own findings (项目预算之和与合计不符 …), as far as the viewer may see them.
    let of_document = jixiao_store::ListFilter { document: Some(project.document_id), ..Default::default() };
    let (indicators, goals, comments, findings, history, plan, department, document_findings, grade) = tokio::try_join!(
        async { store.indicators_of(id).await.map_err(PageError::from) },
        async { store.goals_of(id).await.map_err(PageError::from) },
        async { if staff { store.comments(id).await.map_err(PageError::from) } else { Ok(Vec::new()) } },
        findings_of(state, id),
        async { if staff { history(state, &project).await } else { Ok(Vec::new()) } },
        spending_plan(state, id),
        department_name(state, project.department_id),
        async {
            let found = store.document_findings(me.actor.visibility(), &of_document).await?;
            Ok::<_, PageError>(found.into_iter().map(|f| FindingView {
                rule: f.rule,
                severity_name: format::severity_name(&f.severity),
                severity: f.severity,
                message: f.message,
                line: f.line,
                row: None,
                suggestion: f.suggestion,
            }).collect::<Vec<_>>())
        },
        async { store.project_grade(id).await.map_err(PageError::from) },
    )?;
    // One cycle per project: the self-evaluation of this target table's project, or the
    // target table of this self-evaluation, as far as the viewer may see it.
    let paired = store.paired_project(me.actor.visibility(), id).await?;
    let self_evaluation = crate::api::selfeval::judged_document(store, me.actor.visibility(), &project, Some(department.clone()))
        .await?
        .and_then(|doc| super::selfeval::view(&doc));
    let paired_actuals = match &paired {
        Some(p) if p.self_evaluation => super::selfeval::actuals_by_row(&indicators, &store.indicators_of(p.id).await?),
        _ => Vec::new(),
    };
    // What the filler confirms on submitting: the project's findings by severity.
    let errors = findings.iter().filter(|f| f.severity == "error").count();
    let warnings = findings.iter().filter(|f| f.severity == "warning").count();
    // A finding belongs to the row the review said (rows of a one-row-per-project 公开表 all
    // share the project's line); in a project not graded yet (imported by an older version,
    // which kept no rows) to the row printed on its line; the rest concern the whole project.
    let old = grade.is_none();
    let mut general_findings = Vec::new();
    let mut row_findings: Vec<Vec<FindingView>> = vec![Vec::new(); indicators.len()];
    for f in findings {
        let by_row = f.row.and_then(|r| usize::try_from(r).ok()).filter(|r| *r < indicators.len());
        let by_line = || indicators.iter().position(|i| f.line.is_some_and(|l| l == i.line && l > 0));
        match by_row.or_else(|| if old { by_line() } else { None }) {
            Some(k) => row_findings[k].push(f),
            None => general_findings.push(f),
        }
    }
    let project_comments: Vec<_> = comments.iter().filter(|c| c.indicator_id.is_none()).cloned().collect();
    let spans = spans(&indicators);
    let has_paired_actuals = paired_actuals.iter().any(Option::is_some);
    let rows: Vec<Row> = indicators
        .into_iter()
        .zip(spans)
        .zip(row_findings)
        .enumerate()
        .map(|(k, ((indicator, (l1, l2)), findings))| Row {
            paired_actual: paired_actuals.get(k).cloned().flatten(),
            comments: comments.iter().filter(|c| c.indicator_id == Some(indicator.id)).cloned().collect(),
            indicator,
            level1_span: l1,
            level2_span: l2,
            findings,
        })
        .collect();
    // A filler's year whose 申报 is closed: neither changed nor submitted, and told why.
    let year_closed = crate::api::years::closed_for(state, me.actor, project.year).await?;
    let can = |a: Action| check(me.actor, a, dept, status).is_ok() && (year_closed.is_none() || !matches!(a, Action::Edit | Action::Submit));
    let edit_denied = match check(me.actor, Action::Edit, dept, status) {
        Ok(()) => year_closed.clone(),
        Err(p) if me.signed_in => Some(p.detail),
        Err(_) => None,
    };
    let quarters = ["一季度", "二季度", "三季度", "四季度"];
    let plan: Vec<_> = quarters
        .iter()
        .enumerate()
        .map(|(k, q)| minijinja::context! { quarter => q, percent => plan.get(k).cloned().flatten() })
        .collect();
    let budget = |s: &Option<String>| format::money(s.as_deref()).map(format::wan);
    render(
        "project.html",
        minijinja::context! {
            me,
            project => &project,
            department,
            status_name => status.name(),
            budget_total => budget(&project.budget_total),
            budget_fiscal => budget(&project.budget_fiscal),
            budget_other => budget(&project.budget_other),
            goals, rows, plan,
            has_plan => plan_has_values(&plan),
            general_findings, document_findings, project_comments, history, errors, warnings,
            grade_text => format::grade_text(grade.as_ref()),
            grade_meaning => format::grade_meaning(grade.as_ref()),
            grade_reasons => grade.map(|g| g.reasons).unwrap_or_default(),
            can_edit => can(Action::Edit),
            can_submit => can(Action::Submit),
            can_review => can(Action::Approve),
            can_comment => me.signed_in && can(Action::Comment),
            can_copy => project.year.is_some() && crate::auth::policy::check_draft(me.actor, Some(dept)).is_ok(),
            edit_denied,
            paired,
            self_evaluation,
            has_paired_actuals,
        },
    )
}

/// The benchmark checks (对标, `JX-B…`) of a project, an HTML fragment the project page loads
/// after it is shown: the library they compare with is rebuilt after every write, which the
/// table itself need not wait for. Against what the viewer may see: last year, budget, peers.
pub async fn benchmarks(State(state): State<AppState>, me: Viewer, PagePath(id): PagePath<String>) -> Response {
    let r = async {
        let id: i64 = id.parse().map_err(|_| PageError::BadRequest(format!("项目编号应为整数，实际为“{id}”。")))?;
        let project = state.store.project(id).await.map_err(|_| PageError::NotFound("未找到该记录，或您无权查看。".into()))?;
        check(me.actor, Action::Read, project.department(), project.status)?;
        let library = state.library.get(&state.store, me.actor.visibility()).await?;
        let (findings, _) = library.benchmarks_of(id);
        // The rules' one HTML renderer of findings, every text escaped there.
        let table = (!findings.is_empty()).then(|| minijinja::Value::from_safe_string(jixiao_rules::render_findings_html(&findings)));
        render("project_benchmarks.html", minijinja::context! { table, min_peers => crate::library::MIN_PEERS })
    }
    .await;
    page_result(&me, r)
}

fn plan_has_values(plan: &[minijinja::Value]) -> bool {
    plan.iter().any(|v| v.get_attr("percent").is_ok_and(|p| !p.is_none() && !p.is_undefined()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ind(l1: &str, l2: &str) -> Indicator {
        Indicator {
            id: 0,
            project_id: None,
            department_id: None,
            position: 0,
            level1: None,
            level1_printed: l1.into(),
            level2: None,
            level2_printed: l2.into(),
            level3: None,
            description: None,
            target_printed: None,
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

    fn row(level3: &str, actual: Option<&str>) -> Indicator {
        Indicator { level3: Some(level3.into()), actual_printed: actual.map(str::to_string), ..ind("产出指标", "数量指标") }
    }

    /// A target table's rows take the actuals of the self-evaluation's rows of the same
    /// 三级指标 (normalised: punctuation and spaces aside), each used once, in any order.
    #[test]
    fn paired_actuals_follow_the_level3_names() {
        let targets = [row("培训人次", None), row("“双控”检查次数", None), row("培训人次", None), row("满意度", None)];
        let evaluated = [row("双控检查次数", Some("12次")), row("培训 人次", Some("130人次")), row("满意度", None)];
        let got = crate::pages::selfeval::actuals_by_row(&targets, &evaluated);
        assert_eq!(got, [Some("130人次".to_string()), Some("12次".to_string()), None, None]);
    }

    #[test]
    fn merged_cells_follow_runs_of_equal_names() {
        let rows = [
            ind("产出指标", "数量指标"),
            ind("产出指标", "数量指标"),
            ind("产出指标", "质量指标"),
            ind("效益指标", "社会效益指标"),
            ind("产出指标", "数量指标"),
        ];
        assert_eq!(
            spans(&rows),
            vec![(Some(3), Some(2)), (None, None), (None, Some(1)), (Some(1), Some(1)), (Some(1), Some(1))]
        );
        assert!(spans(&[]).is_empty());
    }

    #[test]
    fn history_names_are_chinese() {
        assert_eq!(action_name("indicator", "update"), "修改指标");
        assert_eq!(action_name("project", "approve"), "批准项目");
        assert_eq!(action_name("document", "import"), "导入文档");
    }
}

/// 调整指标顺序：把一条指标与上一条或下一条交换（页面上的 ↑ ↓）。
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Move {
    pub indicator_id: i64,
    /// "up" 或 "down"
    pub dir: String,
}

/// The API has no position field, so reordering is a page action: same caller (cookie and
/// CSRF header), same permission check, one write transaction, one audit entry.
pub async fn reorder(
    State(state): State<AppState>,
    caller: crate::auth::caller::Caller,
    crate::api::query::Id(id): crate::api::query::Id,
    crate::json::JsonBody(m): crate::json::JsonBody<Move>,
) -> Result<axum::http::StatusCode, crate::problem::Problem> {
    use crate::problem::Problem;
    let by = caller.require_user()?.id;
    crate::api::projects::allowed(&state, &caller, id, Action::Edit).await?;
    let dir = match m.dir.as_str() {
        "up" => jixiao_store::Direction::Up,
        "down" => jixiao_store::Direction::Down,
        d => return Err(Problem::unprocessable(format!("字段“dir”应为 up 或 down，实际为“{d}”。"))),
    };
    state.store.move_indicator(by, id, m.indicator_id, dir).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}
