//! 系统管理 (issue 17), for administrators only: users (create, role and department, stop
//! or restore, reset the password), organisations, fiscal years (open or close a year's 申报,
//! its deadline) and the audit log with filters and each change's before and after. Writes go
//! from `assets/app.js` to `/api/v1/users`, `/api/v1/organisations` and
//! `/api/v1/fiscal-years` (admin only, CSRF, audited); these pages only read, through the
//! store's `accounts`, `organisations`, `fiscal_years` and `audit_log`.

use std::collections::BTreeSet;

use axum::extract::State;
use axum::response::Response;
use jixiao_store::{ListFilter, Role, Slice};
use serde::Serialize;
use serde_json::Value;

use super::render::{page_result, render, PageError, PageQuery, Viewer};
use crate::api::misc::AuditParams;
use crate::auth::policy::check_admin;
use crate::state::AppState;

fn admin_only(me: &Viewer) -> Result<(), PageError> {
    check_admin(me.actor).map_err(PageError::from)
}

pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Admin => "系统管理员",
        Role::Reviewer => "财政审核员",
        Role::Filler => "部门填报员",
    }
}

async fn departments(state: &AppState) -> Result<Vec<minijinja::Value>, PageError> {
    let orgs = state.store.organisations(&ListFilter::default(), Slice { offset: 0, limit: 1000 }).await?;
    Ok(orgs
        .items
        .into_iter()
        .filter(|o| o.kind == "department")
        .map(|o| minijinja::context! { id => o.id, name => o.name })
        .collect())
}

pub async fn users(State(state): State<AppState>, me: Viewer) -> Response {
    if !me.signed_in {
        return PageError::NeedLogin(String::new()).into_page(None);
    }
    let r = async {
        admin_only(&me)?;
        let departments = departments(&state).await?;
        let accounts = state.store.accounts().await?;
        let rows: Vec<_> = accounts
            .into_iter()
            .map(|a| minijinja::context! {
                id => a.user.id,
                username => a.user.username,
                display_name => a.user.display_name,
                role => a.user.role.as_str(),
                role_name => role_name(a.user.role),
                department_id => a.user.department_id,
                active => a.active,
                version => a.version,
                created_at => a.created_at.replace('T', " ").trim_end_matches('Z').to_string(),
            })
            .collect();
        render("admin_users.html", minijinja::context! { me, rows, departments })
    }
    .await;
    page_result(&me, r)
}

/// One changed field of an audit entry: its name (as stored, and in Chinese), the value
/// before and after.
#[derive(Debug, Serialize)]
pub struct Change {
    pub field: String,
    pub name: &'static str,
    pub before: String,
    pub after: String,
}

/// The Chinese name of a stored field (the audit log keeps the rows' own field names).
fn field_name(field: &str) -> &'static str {
    match field {
        "id" => "编号",
        "version" => "版本",
        "username" => "用户名",
        "display_name" => "姓名",
        "role" => "角色",
        "department_id" => "所属部门（编号）",
        "active" => "在用",
        "password_reset" => "重设口令",
        "name" => "名称",
        "code" => "编码",
        "kind" => "类别",
        "parent_id" => "上级组织（编号）",
        "status" => "状态",
        "year" => "年度",
        "purpose" => "资金用途",
        "budget_total" => "年度资金总额",
        "budget_fiscal" => "财政拨款",
        "budget_other" => "其他资金",
        "level1_printed" | "level1" => "一级指标",
        "level2_printed" | "level2" => "二级指标",
        "level3" => "三级指标",
        "target_printed" => "指标值",
        "target_kind" => "指标值类型",
        "target_op" => "比较符号",
        "target_value" => "目标数值",
        "target_unit" => "计量单位",
        "description" => "指标说明",
        "basis" => "确定依据",
        "weight" => "分值",
        "position" => "顺序",
        "body" => "内容",
        "comment" => "意见",
        "indicator_id" => "指标（编号）",
        "project_id" => "项目（编号）",
        "document_id" => "文档（编号）",
        "updated_at" => "修改时间",
        "deadline" => "申报截止日期",
        "created_at" => "建立时间",
        _ => "",
    }
}

fn shown(v: Option<&Value>) -> String {
    let text = match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::Bool(true)) => "是".into(),
        Some(Value::Bool(false)) => "否".into(),
        Some(Value::String(s)) => match s.as_str() {
            "admin" => "系统管理员".into(),
            "reviewer" => "财政审核员".into(),
            "filler" => "部门填报员".into(),
            "draft" => "草稿".into(),
            "submitted" => "已提交".into(),
            "returned" => "已退回".into(),
            "approved" => "已批准".into(),
            // A fiscal year's 填报状态.
            "open" => "开放填报".into(),
            "closed" => "已截止".into(),
            _ => s.clone(),
        },
        Some(v) => v.to_string(),
    };
    if text.chars().count() > 200 {
        format!("{}…", text.chars().take(200).collect::<String>())
    } else {
        text
    }
}

/// The fields an entry changed (objects compared field by field; anything else whole).
pub fn changes(before: Option<&Value>, after: Option<&Value>) -> Vec<Change> {
    match (before, after) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            let keys: BTreeSet<&String> = b.keys().chain(a.keys()).collect();
            keys.into_iter()
                .filter(|k| b.get(*k) != a.get(*k))
                .map(|k| change(k, shown(b.get(k)), shown(a.get(k))))
                .collect()
        }
        (None, Some(Value::Object(a))) => {
            a.iter().map(|(k, v)| change(k, String::new(), shown(Some(v)))).collect()
        }
        (Some(Value::Object(b)), None) => {
            b.iter().map(|(k, v)| change(k, shown(Some(v)), String::new())).collect()
        }
        (None, None) => Vec::new(),
        (b, a) => vec![change("value", shown(b), shown(a))],
    }
}

fn change(field: &str, before: String, after: String) -> Change {
    let name = match field_name(field) {
        "" if field == "value" => "（值）",
        "" => "其他",
        n => n,
    };
    Change { field: field.to_string(), name, before, after }
}

fn entity_name(entity: &str) -> &str {
    match entity {
        "project" => "项目",
        "department_table" => "部门整体支出绩效目标表",
        "indicator" => "指标",
        "document" => "文档",
        "comment" => "意见",
        "organisation" => "组织",
        "user" => "用户",
        "session" => "登录会话",
        "token" | "api_token" => "API 令牌",
        "monitoring" => "运行监控",
        "fiscal_year" => "预算年度",
        other => other,
    }
}

const PER_PAGE: i64 = 100;

pub async fn audit(State(state): State<AppState>, me: Viewer, PageQuery(q): PageQuery<AuditQuery>) -> Response {
    if !me.signed_in {
        return PageError::NeedLogin(String::new()).into_page(None);
    }
    let r = async {
        admin_only(&me)?;
        let number = |field: &str, v: &Option<String>| -> Result<Option<i64>, PageError> {
            match v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                None => Ok(None),
                Some(t) => t.parse().map(Some).map_err(|_| PageError::BadRequest(format!("{field}应为整数，实际为“{t}”。"))),
            }
        };
        // The API's filters (`GET /api/v1/audit`), `to` inclusive.
        let params = AuditParams::checked(
            q.entity.clone(),
            q.action.clone(),
            number("用户", &q.user)?,
            number("对象编号", &q.entity_id)?,
            q.from.as_deref(),
            q.to.as_deref(),
        )
        .map_err(PageError::BadRequest)?;
        let page = number("页码", &q.page)?.unwrap_or(1).max(1);
        let listed = state.store.audit_log(&params.filter(), Slice { offset: (page - 1) * PER_PAGE, limit: PER_PAGE }).await?;
        let rows: Vec<_> = listed
            .items
            .into_iter()
            .map(|e| minijinja::context! {
                id => e.id,
                at => e.at.replace('T', " ").trim_end_matches('Z').to_string(),
                who => e.who.unwrap_or_else(|| "系统".into()),
                entity => entity_name(&e.entity).to_string(),
                entity_id => e.entity_id,
                action => e.action,
                changes => changes(e.before.as_ref(), e.after.as_ref()),
            })
            .collect();
        let users: Vec<_> = state
            .store
            .accounts()
            .await?
            .into_iter()
            .map(|a| minijinja::context! { id => a.user.id, name => format!("{}（{}）", a.user.display_name, a.user.username) })
            .collect();
        let entities = [
            ("project", "项目"), ("department_table", "部门整体表"), ("indicator", "指标"), ("document", "文档"), ("comment", "意见"),
            ("organisation", "组织"), ("user", "用户"), ("session", "登录会话"), ("monitoring", "运行监控"), ("fiscal_year", "预算年度"),
        ];
        let entities: Vec<_> = entities.iter().map(|(v, n)| minijinja::context! { value => v, name => n }).collect();
        let pages = (listed.total + PER_PAGE - 1) / PER_PAGE;
        // The filters as the page's links keep them (each value encoded).
        let filters: String = [
            ("entity", q.entity.clone()), ("action", q.action.clone()), ("user", params.user.map(|u| u.to_string())),
            ("entity_id", params.entity_id.map(|i| i.to_string())), ("from", q.from.clone()), ("to", q.to.clone()),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.filter(|v| !v.trim().is_empty()).map(|v| format!("&{k}={}", url_encode(v.trim()))))
        .collect();
        render(
            "admin_audit.html",
            minijinja::context! {
                me, rows, users, entities, page, pages, filters,
                more => listed.more,
                next => (page < pages || listed.more).then_some(page + 1),
                total => listed.total,
                q => minijinja::context! {
                    entity => q.entity, action => q.action, user => params.user, entity_id => params.entity_id,
                    from => q.from, to => q.to,
                },
            },
        )
    }
    .await;
    page_result(&me, r)
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct AuditQuery {
    pub entity: Option<String>,
    pub action: Option<String>,
    pub user: Option<String>,
    pub entity_id: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_name_each_field_with_before_and_after() {
        let b = json!({ "target_printed": "≥90%", "level3": "培训人次", "version": 1 });
        let a = json!({ "target_printed": "≥95%", "level3": "培训人次", "version": 2 });
        let c = changes(Some(&b), Some(&a));
        assert_eq!(
            c.iter().map(|c| (c.name, c.before.as_str(), c.after.as_str())).collect::<Vec<_>>(),
            [("指标值", "≥90%", "≥95%"), ("版本", "1", "2")]
        );
        let roles = changes(Some(&json!({ "role": "filler", "active": true })), Some(&json!({ "role": "reviewer", "active": false })));
        assert_eq!(
            roles.iter().map(|c| (c.name, c.before.as_str(), c.after.as_str())).collect::<Vec<_>>(),
            [("在用", "是", "否"), ("角色", "部门填报员", "财政审核员")]
        );
        let year = changes(Some(&json!({ "status": "open", "deadline": "2027-06-30" })), Some(&json!({ "status": "closed", "deadline": null })));
        assert_eq!(
            year.iter().map(|c| (c.name, c.before.as_str(), c.after.as_str())).collect::<Vec<_>>(),
            [("申报截止日期", "2027-06-30", ""), ("状态", "开放填报", "已截止")]
        );
        assert_eq!(changes(None, Some(&json!({ "name": "新" })))[0].after, "新");
        assert!(changes(None, None).is_empty());
        assert_eq!(shown(Some(&json!("长".repeat(300)))).chars().count(), 201);
    }
}

/// 系统管理 · 组织: the tree 财政局 → 部门 → 预算单位, to add, rename and delete (through
/// `/api/v1/organisations`, admin only).
pub async fn organisations(State(state): State<AppState>, me: Viewer) -> Response {
    if !me.signed_in {
        return PageError::NeedLogin(String::new()).into_page(None);
    }
    let r = async {
        admin_only(&me)?;
        let all = state.store.organisations(&ListFilter::default(), Slice { offset: 0, limit: 5000 }).await?;
        // Depth-first from the roots, children by name.
        let mut rows = Vec::with_capacity(all.items.len());
        let mut stack: Vec<(i64, usize)> = Vec::new();
        let children = |parent: Option<i64>| {
            let mut c: Vec<_> = all.items.iter().filter(|o| o.parent_id == parent).collect();
            c.sort_by(|a, b| a.name.cmp(&b.name));
            c
        };
        for root in children(None).into_iter().rev() {
            stack.push((root.id, 0));
        }
        let mut seen = BTreeSet::new();
        while let Some((id, depth)) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            let Some(o) = all.items.iter().find(|o| o.id == id) else { continue };
            let kind_name = match o.kind.as_str() {
                "bureau" => "财政局",
                "department" => "部门",
                "unit" => "预算单位",
                _ => "其他",
            };
            rows.push(minijinja::context! {
                id => o.id, name => o.name.clone(), code => o.code.clone(), kind => o.kind.clone(), kind_name,
                version => o.version, depth, indent => depth * 2,
            });
            for c in children(Some(o.id)).into_iter().rev() {
                stack.push((c.id, depth + 1));
            }
        }
        let parents: Vec<_> = all
            .items
            .iter()
            .filter(|o| o.kind == "bureau" || o.kind == "department")
            .map(|o| minijinja::context! { id => o.id, name => o.name.clone(), kind => o.kind.clone() })
            .collect();
        render("admin_organisations.html", minijinja::context! { me, rows, parents, total => all.total })
    }
    .await;
    page_result(&me, r)
}

/// 系统管理 · 预算年度: each year with its 填报状态, deadline, whether it is closed today, and
/// what it holds (documents, projects by status); a form to add a year, one per year to open
/// or close it and set its deadline.
pub async fn years(State(state): State<AppState>, me: Viewer) -> Response {
    if !me.signed_in {
        return PageError::NeedLogin(String::new()).into_page(None);
    }
    let r = async {
        admin_only(&me)?;
        let today = jixiao_store::time::today_in_china();
        let rows: Vec<_> = state
            .store
            .fiscal_years()
            .await?
            .into_iter()
            .map(|y| {
                let closed = y.year.closed_on(&today);
                minijinja::context! {
                    year => y.year.year,
                    status => y.year.status.clone(),
                    deadline => y.year.deadline.clone(),
                    version => y.year.version,
                    closed,
                    state => if y.year.status == "closed" { "已截止" } else if closed { "已过截止日期" } else { "开放填报" },
                    documents => y.documents,
                    draft => y.projects[0], submitted => y.projects[1], returned => y.projects[2], approved => y.projects[3],
                }
            })
            .collect();
        let next = jixiao_store::time::now().get(..4).and_then(|y| y.parse::<i64>().ok()).unwrap_or(2026) + 1;
        render("admin_years.html", minijinja::context! { me, rows, today, next, total => rows.len() })
    }
    .await;
    page_result(&me, r)
}

/// `text` as a query string value (UTF-8, percent-encoded but unreserved characters).
fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
