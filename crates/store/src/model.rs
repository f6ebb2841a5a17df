//! The plain values the store's operations take and return: no SQL, no rows, no connection.
//! Field names and their JSON are those of the REST API (the service returns most of them
//! as they are); amounts in 万元 are exact decimals as text, times RFC 3339 text.

use serde::{Deserialize, Serialize};

use crate::error::StoreError;

/// 角色。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 系统管理员
    Admin,
    /// 财政审核员
    Reviewer,
    /// 部门填报员
    Filler,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Reviewer => "reviewer",
            Role::Filler => "filler",
        }
    }

    pub(crate) fn parse(s: &str) -> Result<Role, StoreError> {
        match s {
            "admin" => Ok(Role::Admin),
            "reviewer" => Ok(Role::Reviewer),
            "filler" => Ok(Role::Filler),
            other => Err(StoreError::Corrupt(format!("未知角色：{other}"))),
        }
    }
}

/// 审核流程状态（每个项目一个）。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 草稿
    Draft,
    /// 已提交
    Submitted,
    /// 已退回
    Returned,
    /// 已批准（即公开）
    Approved,
}

impl Status {
    /// The Chinese name shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Status::Draft => "草稿",
            Status::Submitted => "已提交",
            Status::Returned => "已退回",
            Status::Approved => "已批准",
        }
    }

    /// As stored (and in the API): `draft`, `submitted`, `returned`, `approved`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Returned => "returned",
            Status::Approved => "approved",
        }
    }

    pub(crate) fn parse(s: &str) -> Result<Status, StoreError> {
        match s {
            "draft" => Ok(Status::Draft),
            "submitted" => Ok(Status::Submitted),
            "returned" => Ok(Status::Returned),
            "approved" => Ok(Status::Approved),
            other => Err(StoreError::Corrupt(format!("数据库中的项目状态无法识别：{other}"))),
        }
    }
}

/// What a reader may see: the rule every list and aggregate applies in SQL, before paging.
/// The service derives it from the caller (SECURITY.md): admins and reviewers see
/// everything, a 部门填报员 their department's drafts and everyone's approved projects, the
/// public approved projects only. Rows hanging off a project (indicators, findings,
/// monitoring entries) follow their project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Visibility {
    Everything,
    /// This department's unpublished data, and what is approved.
    Department(i64),
    /// Approved (published) projects only.
    Published,
}

impl Visibility {
    /// Whether a project of this status and department may be seen: the rule
    /// `Filter::visible_projects` states in SQL, for rows already fetched.
    pub fn sees_project(self, approved: bool, department: Option<i64>) -> bool {
        match self {
            Visibility::Everything => true,
            Visibility::Department(d) => approved || department == Some(d),
            Visibility::Published => approved,
        }
    }
}

/// The filters the lists share (each list ignores those that do not apply to it).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ListFilter {
    /// A text the name must contain (taken literally: `%` and `_` are no wildcards).
    pub text: Option<String>,
    pub year: Option<i64>,
    pub department: Option<i64>,
    pub status: Option<Status>,
    pub project: Option<i64>,
    pub document: Option<i64>,
    /// Organisations under this one.
    pub parent: Option<i64>,
}

/// Which rows of a list: `limit` rows after `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slice {
    pub offset: i64,
    pub limit: i64,
}

/// One slice of a list and the total number of rows the list has.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed<T> {
    pub items: Vec<T>,
    pub total: i64,
}

// ---------------------------------------------------------------- accounts

/// 用户（不含口令哈希）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department_id: Option<i64>,
}

/// 新用户：口令已由调用方哈希（PHC 字符串）。
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub department_id: Option<i64>,
}

/// A user as the administration page shows them: the account, whether it may sign in,
/// its version (optimistic locking) and when it was created. Never the password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    #[serde(flatten)]
    pub user: User,
    pub active: bool,
    pub version: i64,
    pub created_at: String,
}

/// Changes to an account (each `None` leaves the field alone); the password already hashed
/// by the caller. A new password or deactivation ends the user's sessions.
#[derive(Debug, Clone, Default)]
pub struct AccountChanges {
    pub display_name: Option<String>,
    pub role: Option<Role>,
    /// `Some(None)`: no department (admins and reviewers).
    pub department_id: Option<Option<i64>>,
    pub active: Option<bool>,
    pub password_hash: Option<String>,
}

/// Which audit entries: by entity (`project`, `indicator`, `user` …), action, acting user,
/// entity id and a time range (`from` ≤ at < `to`, ISO text as stored).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub entity: Option<String>,
    pub action: Option<String>,
    pub user_id: Option<i64>,
    pub entity_id: Option<i64>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// An audit entry to write (who, what, before → after as JSON text).
#[derive(Debug, Clone, Default)]
pub struct NewAudit<'a> {
    pub user_id: Option<i64>,
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub action: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

/// 审计记录。
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub user_id: Option<i64>,
    /// The acting user's name (`None`: the system, or a user since deleted).
    pub who: Option<String>,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub action: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// How far past a page's start the audit log's matching entries are counted.
pub const AUDIT_COUNT_LIMIT: i64 = 10_000;

/// A page of the audit log: its entries, how many match — counted up to
/// [`AUDIT_COUNT_LIMIT`] past the page's start — and whether more than that match.
#[derive(Debug, Clone, Serialize)]
pub struct AuditLog {
    pub items: Vec<AuditEntry>,
    pub total: i64,
    pub more: bool,
}

/// A project's history line: an audit entry about the project, one of its indicators or its
/// document, with the name of who did it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub at: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub action: String,
    /// `None`: the system (or a deleted user).
    pub who: Option<String>,
    /// The row before and after the change, as the audit log keeps them.
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

// ---------------------------------------------------------------- organisations

/// 组织（财政局、部门、预算单位）。
#[derive(Debug, Clone, Serialize)]
pub struct Organisation {
    pub id: i64,
    pub parent_id: Option<i64>,
    /// bureau 财政局 / department 部门 / unit 预算单位
    pub kind: String,
    pub name: String,
    pub code: Option<String>,
    pub version: i64,
}

/// 新建组织（名称与编码已检查过）。
#[derive(Debug, Clone)]
pub struct NewOrganisation {
    pub parent_id: i64,
    pub kind: String,
    pub name: String,
    pub code: Option<String>,
}

/// 修改组织：`None` 不改；`code: Some(None)` 清空。
#[derive(Debug, Clone, Default)]
pub struct OrganisationChanges {
    pub name: Option<String>,
    pub code: Option<Option<String>>,
}

// ---------------------------------------------------------------- fiscal years

/// 预算年度：是否仍开放部门填报（`open` 开放填报 / `closed` 已截止）与申报截止日期。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FiscalYear {
    pub year: i64,
    /// open 开放填报 / closed 已截止
    pub status: String,
    /// 申报截止日期（YYYY-MM-DD，北京时间；当日仍可填报）；null：未定。
    pub deadline: Option<String>,
    pub version: i64,
    pub created_at: String,
}

impl FiscalYear {
    /// Whether the departments' fillers may no longer draft, change or submit this year's
    /// targets on `today` (`YYYY-MM-DD`, Beijing time): closed by hand, or past its deadline
    /// (the deadline's own day is still open).
    pub fn closed_on(&self, today: &str) -> bool {
        self.status == "closed" || self.deadline.as_deref().is_some_and(|d| today > d)
    }
}

/// A year with what it holds: current documents and projects by workflow status (草稿,
/// 已提交, 已退回, 已批准), every department's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FiscalYearSummary {
    #[serde(flatten)]
    pub year: FiscalYear,
    pub documents: i64,
    /// Projects by status, in the order draft, submitted, returned, approved.
    pub projects: [i64; 4],
}

/// 新建预算年度（已检查：年度 2000–2100，状态 open/closed，日期 YYYY-MM-DD）。
#[derive(Debug, Clone)]
pub struct NewFiscalYear {
    pub year: i64,
    pub status: String,
    pub deadline: Option<String>,
}

/// 修改预算年度：`None` 不改；`deadline: Some(None)` 清空截止日期。
#[derive(Debug, Clone, Default)]
pub struct FiscalYearChanges {
    pub status: Option<String>,
    pub deadline: Option<Option<String>>,
}

// ---------------------------------------------------------------- documents

/// 文档（逻辑文档，当前修订版的概要）。
#[derive(Debug, Clone, Serialize)]
pub struct StoredDocument {
    pub id: i64,
    pub department_id: Option<i64>,
    pub year: Option<i64>,
    pub source_name: String,
    pub current_revision_id: Option<i64>,
    pub revision: Option<i64>,
    pub sha256: Option<String>,
    pub size: Option<i64>,
    pub imported_at: Option<String>,
}

/// 部门整体支出绩效目标表：一份文档当前修订版所印的年度总体目标、部门预算与部门整体指标，
/// 及其审核流程状态（`id` 即所在修订版的编号，同 `revision_id`）。
#[derive(Debug, Clone, Serialize)]
pub struct DepartmentTable {
    /// 表的编号：所在修订版的编号（表随修订版保存，流程也以它为键）。
    pub id: i64,
    pub document_id: i64,
    pub revision_id: i64,
    pub department_id: Option<i64>,
    pub year: Option<i64>,
    pub file_name: String,
    /// 审核流程状态（与项目相同：草稿 → 已提交 → 已退回 / 已批准即公开）。
    pub status: Status,
    /// 乐观锁版本号（提交、退回、批准时给出读取时的版本）。
    pub version: i64,
    pub updated_at: String,
    /// 部门预算总额、其中财政拨款、其他资金（万元，精确小数的文本；未印为 `None`）。
    pub budget_total: Option<String>,
    pub budget_fiscal: Option<String>,
    pub budget_other: Option<String>,
    /// 年度总体目标（总体绩效目标），按所印顺序。
    pub overall_goals: Vec<String>,
    /// 部门整体绩效指标，按所印顺序（部门整体自评表的指标行带实际完成值、得分、偏差原因）。
    pub indicators: Vec<Indicator>,
    /// 部门整体自评表的所印部分（资金情况、实际完成情况、总分与等级）；目标表为 `None`。
    pub evaluation: Option<Box<jixiao_model::ProjectEvaluation>>,
}

/// The workflow row of a 部门整体支出绩效目标表 (`department_tables`): what a transition
/// changes and the audit log keeps before and after. `id` is the revision printing the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableState {
    pub id: i64,
    pub document_id: i64,
    pub department_id: Option<i64>,
    pub year: Option<i64>,
    pub status: Status,
    pub version: i64,
    pub updated_at: String,
}

impl TableState {
    /// The department the table belongs to (0: none named), as the role rules take it.
    pub fn department(&self) -> i64 {
        self.department_id.unwrap_or(0)
    }
}

/// 修订版。
#[derive(Debug, Clone, Serialize)]
pub struct Revision {
    pub id: i64,
    pub revision: i64,
    pub file_name: String,
    pub sha256: String,
    pub size: i64,
    pub imported_at: String,
}

/// What a revision holds: its document, its number and its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevisionCounts {
    pub document_id: i64,
    pub revision: i64,
    pub projects: i64,
    pub indicators: i64,
    pub findings: i64,
}

// ---------------------------------------------------------------- projects, indicators

/// 项目（金额为万元，精确小数以字符串表示）。
#[derive(Debug, Clone, Serialize)]
pub struct Project {
    pub id: i64,
    pub document_id: i64,
    pub revision_id: i64,
    pub department_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub year: Option<i64>,
    pub code: Option<String>,
    pub name: String,
    pub budget_total: Option<String>,
    pub budget_fiscal: Option<String>,
    pub budget_other: Option<String>,
    pub purpose: Option<String>,
    /// draft 草稿 / submitted 已提交 / returned 已退回 / approved 已批准
    pub status: Status,
    pub line: i64,
    pub version: i64,
    pub updated_at: String,
    /// 自评表所印的项目部分（资金情况、实际完成情况、总分与等级）；目标表为 `None`，自评表
    /// 即使只有指标行印了实际完成值或得分也为 `Some`（据此分辨两类项目）。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<Box<jixiao_model::ProjectEvaluation>>,
}

impl Project {
    /// Projects without a department (unrecognised documents) belong to nobody's department.
    pub fn department(&self) -> i64 {
        self.department_id.unwrap_or(0)
    }
}

/// 修改或新建项目的字段（已检查、已规范）：`None` 不改；可清空的字段 `Some(None)` 清空。
#[derive(Debug, Clone, Default)]
pub struct ProjectChanges {
    pub name: Option<String>,
    pub code: Option<Option<String>>,
    pub purpose: Option<Option<String>>,
    pub budget_total: Option<Option<String>>,
    pub budget_fiscal: Option<Option<String>>,
    pub budget_other: Option<Option<String>>,
}

/// 绩效指标。Its fields are in the order of `read::INDICATOR_COLS`: SQLite's aggregated
/// rows (`domain.rs`) are read into it from JSON arrays in that order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Indicator {
    pub id: i64,
    pub project_id: Option<i64>,
    pub department_id: Option<i64>,
    pub position: i64,
    /// 一级指标（规范类别，如 output）与所印原文。
    pub level1: Option<String>,
    pub level1_printed: String,
    pub level2: Option<String>,
    pub level2_printed: String,
    /// 三级指标。
    pub level3: Option<String>,
    pub description: Option<String>,
    /// 指标值（所印原文）及其解析。
    pub target_printed: Option<String>,
    pub target_kind: Option<String>,
    pub target_op: Option<String>,
    pub target_value: Option<String>,
    pub target_unit: Option<String>,
    pub basis: Option<String>,
    pub weight: Option<String>,
    /// 自评表：实际完成值（所印原文）、得分（精确小数，保留所印位数）、偏差原因分析及改进措施；
    /// 目标表上为 `None`。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_printed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deviation: Option<String>,
    pub line: i64,
    pub version: i64,
}

/// 修改或新建指标的字段（已检查、已规范）。一级、二级指标给所印文字，其规范类别由存储推出；
/// 指标值给所印文字，其类型、符号、数值与单位由存储解析（`jixiao_model::Target::parse`）。
#[derive(Debug, Clone, Default)]
pub struct IndicatorChanges {
    pub level1: Option<String>,
    pub level2: Option<String>,
    pub level3: Option<Option<String>>,
    pub description: Option<Option<String>>,
    pub basis: Option<Option<String>>,
    pub weight: Option<Option<String>>,
    pub target: Option<Option<String>>,
}

/// Which way an indicator moves in its project's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

// ---------------------------------------------------------------- findings, comments

/// 审核发现。
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub id: i64,
    pub document_id: i64,
    pub revision_id: i64,
    pub rule: String,
    pub severity: String,
    pub message: String,
    pub line: Option<i64>,
    pub cell: Option<i64>,
    /// 修改建议 (`None` for findings stored before migration 0022, or a rule that gives none).
    pub suggestion: Option<String>,
    /// The values quoted as evidence (empty before migration 0022).
    pub quotes: Vec<FindingQuote>,
}

/// A finding about one project, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectFinding {
    pub rule: String,
    pub severity: String,
    pub message: String,
    pub line: Option<i64>,
    /// The indicator row it is about: its index in the project's table (`None`: the project).
    pub row: Option<i64>,
    /// 修改建议, when the rule gives one.
    pub suggestion: Option<String>,
}

/// The review's grade (财预〔2015〕88号: 优 / 良 / 中 / 差) of a project or a document, as
/// computed by `jixiao-rules`' `Grading` and stored with it: the score, the grade and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredGrade {
    /// 得分 0–100.
    pub value: i64,
    pub grade: String,
    /// Chinese sentences: what cost the most, what capped the grade, what it means.
    pub reasons: Vec<String>,
}

/// The grades of a document's review, to store with it: the document's and each project's
/// (in the order of the document's projects).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewGrades {
    pub document: Option<StoredGrade>,
    pub projects: Vec<StoredGrade>,
}

/// 审核意见（针对项目或其中一条指标，或针对一张部门整体支出绩效目标表）。
#[derive(Debug, Clone, Serialize)]
pub struct Comment {
    pub id: i64,
    /// 所属项目（部门整体表的意见为 `None`，JSON 中不出现）。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<i64>,
    /// 所属部门整体表（项目的意见为 `None`，JSON 中不出现）。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_id: Option<i64>,
    pub indicator_id: Option<i64>,
    pub author_id: Option<i64>,
    pub author: Option<String>,
    pub body: String,
    pub created_at: String,
}

// ---------------------------------------------------------------- aggregates

/// A department's figures for one year (the dashboard's row), over the projects the reader
/// may see: workflow status, budget, indicators, findings by severity and quality grades.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentTotals {
    pub department_id: Option<i64>,
    /// `None`: projects of documents that named no department.
    pub name: Option<String>,
    pub projects: i64,
    /// 预算数合计，万元。
    pub budget: rust_decimal::Decimal,
    pub draft: i64,
    pub submitted: i64,
    pub returned: i64,
    pub approved: i64,
    pub indicators: i64,
    /// Review findings by severity: [错误, 警告, 提示].
    pub findings: [i64; 3],
    /// Projects by the review's stored grade ([`StoredGrade`]): [优, 良, 中, 差]; projects not
    /// graded yet are in none.
    pub quality: [i64; 4],
}

/// A project as the department page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectSummary {
    pub id: i64,
    pub year: Option<i64>,
    pub code: Option<String>,
    pub name: String,
    pub budget_total: Option<String>,
    pub status: Status,
    pub version: i64,
    pub indicators: i64,
    /// The review's grade of the project, as stored (`None`: not graded yet).
    pub grade: Option<StoredGrade>,
    /// How many of its findings are errors (错误).
    pub errors: i64,
}

/// A search hit: a project, or an indicator with its project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub project_id: i64,
    pub project: String,
    pub department: Option<String>,
    pub year: Option<i64>,
    pub status: Status,
    /// 三级指标 and 指标值, for indicator hits.
    pub level3: Option<String>,
    pub target: Option<String>,
}

/// What a search found (newest first, at most the limit of each kind).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchHits {
    pub projects: Vec<SearchHit>,
    pub indicators: Vec<SearchHit>,
}

/// A project with a monitoring entry in some year, and the period of its entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonitoredProject {
    pub project_id: i64,
    pub first_month: i64,
    pub last_month: i64,
    pub department_id: Option<i64>,
    pub department: Option<String>,
}

/// A project's figures for the comparisons (对比): the review's stored grade and its latest
/// monitoring entry, if any.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectFigures<P> {
    pub project_id: i64,
    pub department_id: Option<i64>,
    /// The review's 得分 and 优/良/中/差 as stored (`None`: not graded yet).
    pub grade_value: Option<i64>,
    pub grade: Option<String>,
    pub monitoring: Option<MonitoringEntry<P>>,
}

/// A department's figures of one year for the comparisons, summed in SQL over the projects
/// the reader may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentFigures {
    pub department_id: Option<i64>,
    /// Projects by the review's grade [优, 良, 中, 差], those graded and their scores' sum.
    pub grades: [i64; 4],
    pub graded: i64,
    pub score_sum: i64,
    /// Projects with a monitoring entry, and their latest entries' 全年预算 (the project's
    /// budget when the entry gives none) and 执行数, 万元 (exact to the yuan).
    pub monitored: i64,
    pub annual: rust_decimal::Decimal,
    pub spent: rust_decimal::Decimal,
    /// Published self-evaluations (自评表) printing a total 得分, and those totals' sum
    /// (exact to the hundredth).
    pub self_evaluated: i64,
    pub self_score_sum: rust_decimal::Decimal,
}

// ---------------------------------------------------------------- monitoring

/// 一个项目一个监控期间的填报（金额为万元，精确小数以字符串表示）。`P` is what is entered
/// for each indicator (the service's `jixiao_assess::IndicatorProgress`), kept as JSON.
#[derive(Debug, Clone, Serialize)]
pub struct MonitoringEntry<P> {
    pub id: i64,
    pub project_id: i64,
    pub year: Option<i64>,
    pub first_month: i64,
    pub last_month: i64,
    /// 全年预算数（缺省取项目预算数）。
    pub annual_budget: Option<String>,
    /// 截至期末执行数。
    pub spent_to_date: Option<String>,
    /// 全年预计执行数。
    pub expected_full_year_spend: Option<String>,
    /// 各指标的填报；`indicator` 是项目指标（按顺序）的下标。
    pub indicators: Vec<P>,
    /// 年终自评另需填报的内容（截至12月的填报；其他期间为空）。
    pub year_end: YearEndFigures,
    pub version: i64,
    pub created_by: Option<i64>,
    pub created_at: String,
    pub updated_by: Option<i64>,
    pub updated_at: String,
}

/// What a monitoring entry says (already checked by the caller).
#[derive(Debug, Clone)]
pub struct MonitoringFigures<P> {
    pub annual_budget: Option<String>,
    pub spent_to_date: Option<String>,
    pub expected_full_year_spend: Option<String>,
    pub indicators: Vec<P>,
    pub year_end: YearEndFigures,
}

/// 年终自评另需填报的内容（万元，精确小数以字符串表示；未填为 `None`）：资金来源明细
/// （其中本年财政拨款、上年结转资金、其他资金各自的全年预算数与执行数）、实际完成情况、
/// 执行率偏低原因说明。
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct YearEndFigures {
    pub fiscal_budget: Option<String>,
    pub fiscal_spent: Option<String>,
    pub carried_over_budget: Option<String>,
    pub carried_over_spent: Option<String>,
    pub other_budget: Option<String>,
    pub other_spent: Option<String>,
    pub goal_actual: Option<String>,
    pub budget_explanation: Option<String>,
}

impl YearEndFigures {
    /// The columns of `monitoring_entries` in field order.
    pub(crate) const COLUMNS: [&'static str; 8] = [
        "fiscal_budget",
        "fiscal_spent",
        "carried_over_budget",
        "carried_over_spent",
        "other_budget",
        "other_spent",
        "goal_actual",
        "budget_explanation",
    ];

    /// The values in [`YearEndFigures::COLUMNS`] order.
    pub(crate) fn values(&self) -> [Option<String>; 8] {
        [
            self.fiscal_budget.clone(),
            self.fiscal_spent.clone(),
            self.carried_over_budget.clone(),
            self.carried_over_spent.clone(),
            self.other_budget.clone(),
            self.other_spent.clone(),
            self.goal_actual.clone(),
            self.budget_explanation.clone(),
        ]
    }

    /// Nothing entered.
    pub fn is_empty(&self) -> bool {
        *self == YearEndFigures::default()
    }
}

/// How many rows each table holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RowCounts {
    pub organisations: i64,
    pub users: i64,
    pub documents: i64,
    pub document_revisions: i64,
    pub projects: i64,
    pub indicators: i64,
    pub goals: i64,
    pub findings: i64,
    pub comments: i64,
    pub monitoring_entries: i64,
    pub audit_log: i64,
    pub api_tokens: i64,
    pub sessions: i64,
}

// ---------------------------------------------------------------- saving documents

/// A document read elsewhere (any carrier, reviewed), to be stored as a new revision.
#[derive(Debug, Clone, Copy)]
pub struct NewRevision<'a> {
    /// The file name: the document's source name.
    pub file_name: &'a str,
    /// The original bytes, kept with the revision.
    pub bytes: &'a [u8],
    /// Their SHA-256, hex: the same bytes twice are one revision.
    pub sha256: &'a str,
    /// What the file turned out to be (`Docx`, `Text(Utf8)` …).
    pub carrier: &'a str,
    pub document: &'a jixiao_model::Document,
    /// What the review and the reader found.
    pub findings: &'a [NewFinding],
    /// The review's grades of the document and its projects.
    pub grades: &'a NewGrades,
}

/// A finding to keep with a revision: a review rule's, or a reader's warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFinding {
    /// The rule (`JX-M002`), or `read.diagnostic` for the reader's warnings.
    pub rule: String,
    /// The rule set that made it: `review`, `disclosure` or `read` (migration 0007).
    pub rule_set: String,
    pub severity: jixiao_model::Severity,
    pub message: String,
    /// The printed line (from 1; 0 when unknown) and cell.
    pub line: u32,
    pub cell: Option<u32>,
    /// The project's index in the document; `None` for the document itself.
    pub project: Option<usize>,
    /// The indicator row's index in the project's table; `None` for the project as a whole.
    pub row: Option<usize>,
    /// The suggested fix (migration 0022).
    pub suggestion: Option<String>,
    /// The values quoted from the document as evidence, in order (migration 0022).
    pub quotes: Vec<FindingQuote>,
}

/// A value a finding quotes from the document: the field (`指标值`) and what is printed there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingQuote {
    pub field: String,
    pub value: String,
}
