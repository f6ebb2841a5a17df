//! The OpenAPI 3 document served at `/api/openapi.json`, built from [`ROUTES`] so that the
//! document and the router are checked against each other by a test.
//!
//! Why a table of routes rather than `utoipa` (issue 14): the document is generated from one
//! list that a test (`tests/api.rs`, both backends) compares with what the router serves, so
//! it cannot drift; summaries and access notes are Chinese text kept beside the path. Measured
//! on 2026-12-05 on the 2-core development machine, `utoipa` 5 alone brings 20 crates and 29 s
//! of cold build (proc macros), before deriving schemas on every request type. Kept by hand
//! for build time.

use serde_json::{json, Map, Value};

/// Who may call a route (documentation only; the handlers enforce it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// 公众可读（只看已批准数据）。
    Public,
    /// 需登录。
    Login,
    /// 仅系统管理员。
    Admin,
}

/// One operation: method, path (axum syntax `{id}`), Chinese summary, access, whether it
/// takes a JSON body.
pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub summary: &'static str,
    pub access: Access,
    pub body: Body,
    pub list: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    None,
    Json,
    /// 原始文件字节（上传导入）。
    File,
}

const fn r(
    method: &'static str,
    path: &'static str,
    summary: &'static str,
    access: Access,
    body: Body,
) -> Route {
    Route {
        method,
        path,
        summary,
        access,
        body,
        list: false,
    }
}

const fn list(path: &'static str, summary: &'static str) -> Route {
    Route {
        method: "get",
        path,
        summary,
        access: Access::Public,
        body: Body::None,
        list: true,
    }
}

use Access::{Admin, Login, Public};
use Body::{File, Json};

/// Every route of the API.
pub const ROUTES: &[Route] = &[
    r(
        "post",
        "/api/v1/auth/login",
        "登录（成功后设置会话 Cookie，返回 CSRF 令牌）",
        Public,
        Json,
    ),
    r("post", "/api/v1/auth/logout", "退出登录", Login, Body::None),
    r("get", "/api/v1/auth/me", "当前用户", Login, Body::None),
    r(
        "post",
        "/api/v1/auth/tokens",
        "为当前用户创建 API 令牌（只显示一次）",
        Login,
        Json,
    ),
    r(
        "delete",
        "/api/v1/auth/tokens/{id}",
        "撤销 API 令牌（本人的；管理员可撤销任何人的）",
        Login,
        Body::None,
    ),
    list(
        "/api/v1/organisations",
        "组织列表（财政局 → 部门 → 预算单位），可按 q、parent 过滤",
    ),
    r("post", "/api/v1/organisations", "新建组织", Admin, Json),
    r(
        "get",
        "/api/v1/organisations/{id}",
        "组织详情",
        Public,
        Body::None,
    ),
    r(
        "put",
        "/api/v1/organisations/{id}",
        "修改组织（需 version）",
        Admin,
        Json,
    ),
    r(
        "delete",
        "/api/v1/organisations/{id}",
        "删除组织（需 version）",
        Admin,
        Body::None,
    ),
    list("/api/v1/years", "预算年度列表"),
    r(
        "get",
        "/api/v1/fiscal-years",
        "预算年度管理：各年度的填报状态（open 开放填报 / closed 已截止）、申报截止日期、今日是否已截止（closed），及其文档数与各状态的项目数",
        Admin,
        Body::None,
    ),
    r(
        "post",
        "/api/v1/fiscal-years",
        "新建预算年度（可同时定截止日期）",
        Admin,
        Json,
    ),
    r(
        "put",
        "/api/v1/fiscal-years/{year}",
        "开放或截止某年度的申报、设定或清除截止日期（需 version）；已截止年度的部门填报员不能再新建、修改、导入或提交该年度的绩效目标",
        Admin,
        Json,
    ),
    list(
        "/api/v1/documents",
        "文档列表，可按 year、department、q 过滤",
    ),
    r(
        "post",
        "/api/v1/documents",
        "上传文档并导入（请求体为文件原始字节，?name= 文件名）",
        Login,
        File,
    ),
    r(
        "get",
        "/api/v1/documents/{id}",
        "文档详情（含各修订版；可见其全部项目时含审核等级 grade：得分、优/良/中/差与理由，以及 department_table：所印的部门整体支出绩效目标表——年度总体目标、部门预算、部门整体指标，未印为 null）",
        Public,
        Body::None,
    ),
    r(
        "get",
        "/api/v1/documents/{id}/diff",
        "与另一修订版的差异（?against=修订版 id）",
        Public,
        Body::None,
    ),
    r(
        "delete",
        "/api/v1/documents/{id}",
        "删除文档",
        Admin,
        Body::None,
    ),
    list(
        "/api/v1/projects",
        "项目列表，可按 year、department、status、q 过滤",
    ),
    r("post", "/api/v1/projects", "在文档中新建项目", Login, Json),
    r(
        "get",
        "/api/v1/projects/{id}",
        "项目详情（含指标与审核等级 grade：得分、优/良/中/差与理由；自评表另含 evaluation 与各指标的实际完成值、得分、偏差原因；paired：目标表与自评表中的同一项目）",
        Public,
        Body::None,
    ),
    r(
        "put",
        "/api/v1/projects/{id}",
        "修改项目（需 version）",
        Login,
        Json,
    ),
    r(
        "delete",
        "/api/v1/projects/{id}",
        "删除项目（需 version）",
        Login,
        Body::None,
    ),
    r(
        "post",
        "/api/v1/drafts",
        "新建绩效目标表（kind=project 一个项目的草稿，返回 project_id；kind=department 部门整体支出绩效目标表，只有本部门、审核员与管理员可见；部门填报员为本部门；保存时审核，返回审核发现）",
        Login,
        Json,
    ),
    r(
        "post",
        "/api/v1/drafts/review",
        "审核尚未保存的绩效目标表草稿（请求体同新建，不保存）",
        Login,
        Json,
    ),
    r(
        "get",
        "/api/v1/drafts/template",
        "空白的项目支出绩效目标申报表（.xlsx，离线填写后用 POST /api/v1/documents 导入；部门填报员的模板印有本部门）",
        Public,
        Body::None,
    ),
    r(
        "post",
        "/api/v1/drafts/template",
        "以尚未保存的草稿预填的申报表（.xlsx；请求体同新建，检查同保存，不保存；只有项目支出绩效目标表，kind=department 为 422）",
        Login,
        Json,
    ),
    r(
        "get",
        "/api/v1/projects/{id}/template",
        "以项目或草稿预填的申报表（.xlsx；?year= 改印年度；看不到该项目时 404）",
        Public,
        Body::None,
    ),
    r(
        "get",
        "/api/v1/projects/{id}/self-evaluation.xlsx",
        "已公开的项目支出绩效自评表（.xlsx）：各行所印得分与按评分规则重算的得分并列，资金、总分与等级两者并列，与规则不符处作注；可查看配对的绩效目标表时按批复的年度指标值复核；看不到该项目或它不是自评表时 404",
        Public,
        Body::None,
    ),
    r(
        "get",
        "/api/v1/years/{year}/workbook",
        "全年汇总工作簿（.xlsx）：目录（各部门项目数、预算合计）、每个部门的绩效目标表、全年指标明细；只含调用者可查看的部门与项目",
        Public,
        Body::None,
    ),
    r(
        "post",
        "/api/v1/projects/{id}/copy",
        "复制为下一年度草稿（指标与目标沿用，预算数默认留空，不复制完成情况）",
        Login,
        Json,
    ),
    r(
        "post",
        "/api/v1/projects/{id}/submit",
        "提交审核（部门填报员；有错误级审核发现时须在 comment 中写明理由）",
        Login,
        Json,
    ),
    r(
        "post",
        "/api/v1/projects/{id}/return",
        "退回修改（财政审核员）",
        Login,
        Json,
    ),
    r(
        "post",
        "/api/v1/projects/{id}/approve",
        "批准并公开（财政审核员）",
        Login,
        Json,
    ),
    r(
        "get",
        "/api/v1/projects/{id}/comments",
        "项目及其指标的审核意见",
        Login,
        Body::None,
    ),
    r(
        "post",
        "/api/v1/projects/{id}/comments",
        "发表审核意见（可指向某个指标）",
        Login,
        Json,
    ),
    list(
        "/api/v1/department-tables",
        "部门整体支出绩效目标表列表（各文档当前修订版所印；含审核流程状态 status 与 version），可按 year、department、status、document 过滤；草稿、已提交与已退回的表只有本部门、审核员与管理员可见，已批准的公开",
    ),
    r(
        "get",
        "/api/v1/department-tables/{id}",
        "部门整体支出绩效目标表详情（id 即所在修订版的 id；年度总体目标、部门预算、部门整体指标、流程状态；看不到时 404）",
        Public,
        Body::None,
    ),
    r(
        "post",
        "/api/v1/department-tables/{id}/submit",
        "提交部门整体支出绩效目标表审核（部门填报员；表有错误级审核发现时须在 comment 中写明理由）",
        Login,
        Json,
    ),
    r(
        "post",
        "/api/v1/department-tables/{id}/return",
        "退回部门整体支出绩效目标表修改（财政审核员；须填写意见）",
        Login,
        Json,
    ),
    r(
        "post",
        "/api/v1/department-tables/{id}/approve",
        "批准并公开部门整体支出绩效目标表（财政审核员）",
        Login,
        Json,
    ),
    r(
        "get",
        "/api/v1/department-tables/{id}/comments",
        "部门整体支出绩效目标表的审核意见",
        Login,
        Body::None,
    ),
    r(
        "post",
        "/api/v1/department-tables/{id}/comments",
        "对部门整体支出绩效目标表发表审核意见",
        Login,
        Json,
    ),
    r(
        "get",
        "/api/v1/projects/{id}/monitoring",
        "项目某一监控期间的运行监控填报（?from=1&to=7；审核员、管理员和本部门填报员可看）",
        Login,
        Body::None,
    ),
    r(
        "put",
        "/api/v1/projects/{id}/monitoring",
        "保存运行监控填报（?from=1&to=7；version 为读取时的版本，首次为 0；数据不合规时 422 列出全部问题；截至12月的填报另可填 year_end：资金来源明细、实际完成情况，执行率低于 90% 时须填执行率偏低原因说明；执行数超过全年预算数时照常保存，应答的 warnings 列出）",
        Login,
        Json,
    ),
    r(
        "get",
        "/api/v1/projects/{id}/monitoring/self-evaluation.xlsx",
        "按项目截至12月的运行监控填报打分的项目支出绩效自评表（.xlsx，同 jixiao score --year-end：资金来源明细、实际完成情况、执行率偏低原因说明一并列出；审核员、管理员和本部门填报员可下载；尚无全年填报时 404，无法打分时 422 列出原因）",
        Login,
        Body::None,
    ),
    list(
        "/api/v1/indicators",
        "指标列表，可按 year、department、project、status、q 过滤",
    ),
    r(
        "post",
        "/api/v1/indicators",
        "在项目中新建指标",
        Login,
        Json,
    ),
    r(
        "get",
        "/api/v1/indicators/{id}",
        "指标详情",
        Public,
        Body::None,
    ),
    r(
        "put",
        "/api/v1/indicators/{id}",
        "修改指标（需 version）",
        Login,
        Json,
    ),
    r(
        "delete",
        "/api/v1/indicators/{id}",
        "删除指标（需 version）",
        Login,
        Body::None,
    ),
    list(
        "/api/v1/findings",
        "审核发现（导入时审核引擎给出），可按 document 过滤",
    ),
    list("/api/v1/search", "按名称搜索组织、项目和指标（?q=）"),
    r("get", "/api/v1/users", "用户列表", Admin, Body::None),
    r(
        "post",
        "/api/v1/users",
        "新建用户（角色：admin / reviewer / filler）",
        Admin,
        Json,
    ),
    r(
        "put",
        "/api/v1/users/{id}",
        "修改用户（需 version）：姓名、角色与部门、停用/启用（active）、重设口令（password，用户的会话随之结束）",
        Admin,
        Json,
    ),
    r(
        "get",
        "/api/v1/audit",
        "审计日志（谁、何时、改了什么、改前 → 改后），新的在前，可按对象类型、操作、操作用户、对象编号与日期过滤，分页；total 只数到本页起点之后 10,000 条，more 为 true 时符合条件的更多",
        Admin,
        Body::None,
    ),
    r(
        "get",
        "/api/v1/library",
        "指标库条目（由调用者可见的项目归纳，常用在前），可按 q、level1、level2 过滤，分页",
        Public,
        Body::None,
    ),
    r(
        "get",
        "/api/v1/library/{key}",
        "指标库条目详情（key 为条目名称）：各单位指标值分布（最小、四分位、最大）、部门与项目数、各行业的部门数、年度、常见写法、解释与依据、共性（多个行业使用）或个性、使用的项目",
        Public,
        Body::None,
    ),
    r(
        "post",
        "/api/v1/library/suggest",
        "指标建议：按名称、用途与目标找相似项目，返回其指标、常见值与来源项目；typical_target 为相似项目最常用的指标值，拆成起草表一行的计算符号（op）、数值（number）、单位（unit）或定性文字（text）（只读，不改数据）",
        Public,
        Json,
    ),
    r(
        "get",
        "/api/v1/projects/{id}/benchmarks",
        "项目的对标检查（JX-B001–B005：与上年实际、预算增幅、同类指标比较及部门套用值统计）：items 为规则目录的审核意见（rule_set 为 benchmark，比较的数字在 quotes 中；location.project 为 0 指本项目，缺省为部门统计），按需计算，不入库",
        Public,
        Body::None,
    ),
    r(
        "get",
        "/api/v1/compare/project",
        "项目跨年度对比（?id=项目ID）：调用者可见的同一项目各年度（按项目编码，否则按部门与规范化的项目名称匹配，不跨部门）的预算、审核得分与等级、最近一期监控的预算执行率，以及各指标的目标值与实际完成值",
        Public,
        Body::None,
    ),
    r(
        "get",
        "/api/v1/compare/project.csv",
        "项目跨年度对比的 CSV 下载（UTF-8 带 BOM，每年度每指标一行）",
        Public,
        Body::None,
    ),
    r(
        "get",
        "/api/v1/compare/departments",
        "部门对比（?year=年度，缺省最近一年）：调用者可见的各部门项目数、指标数、定量指标占比、预算、审核等级分布与平均审核得分、预算执行率",
        Public,
        Body::None,
    ),
    r(
        "get",
        "/api/v1/compare/departments.csv",
        "部门对比的 CSV 下载（UTF-8 带 BOM，每部门一行）",
        Public,
        Body::None,
    ),
];

/// The OpenAPI 3.1 document.
pub fn document() -> Value {
    let mut paths = Map::new();
    for route in ROUTES {
        let entry = paths
            .entry(route.path.to_string())
            .or_insert_with(|| json!({}));
        entry[route.method] = operation(route);
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "jixiao 预算绩效目标管理 API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "所有错误以 application/problem+json 返回，title 与 detail 为中文。\
                写操作：会话 Cookie 登录时须带 X-CSRF-Token 头；或使用 Authorization: Bearer 令牌。\
                可修改的记录都带 version，修改时须提交（请求体 version 字段或 If-Match 头），过期版本返回 409。\
                路径、查询参数和 JSON 请求体中的文字不得含控制字符（制表符、换行、回车除外），否则返回 400；\
                各文字字段有长度上限（超出返回 422，指明字段）。来自其他网站的浏览器写请求一律拒绝（403）。",
        },
        "paths": paths,
        "components": {
            "securitySchemes": {
                "session": { "type": "apiKey", "in": "cookie", "name": crate::auth::session::SESSION_COOKIE },
                "token": { "type": "http", "scheme": "bearer" },
            },
            "schemas": {
                "Problem": {
                    "type": "object",
                    "properties": {
                        "type": { "type": "string" },
                        "title": { "type": "string" },
                        "status": { "type": "integer" },
                        "detail": { "type": "string" },
                    },
                    "required": ["title", "status", "detail"],
                },
            },
        },
    })
}

fn text(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

fn maybe_text(description: &str) -> Value {
    json!({ "type": ["string", "null"], "description": description })
}

fn integer(description: &str) -> Value {
    json!({ "type": "integer", "description": description })
}

fn version() -> Value {
    json!({ "type": ["integer", "null"], "description": "读取时的版本号（或用 If-Match 头）；过期返回 409" })
}

fn object(required: &[&str], properties: Value) -> Value {
    json!({ "type": "object", "additionalProperties": false, "required": required, "properties": properties })
}

/// A monitoring value (实际或当前完成值), as jixiao-assess reads it.
fn actual_value() -> Value {
    json!({
        "oneOf": [
            { "type": "object", "required": ["kind", "value"], "properties": { "kind": { "const": "number" }, "value": { "type": "string", "description": "数值（单位同指标值，百分比记百分数）" } } },
            { "type": "object", "required": ["kind", "band"], "properties": { "kind": { "const": "band" },
                "band": { "enum": ["achieved", "partly_achieved", "not_achieved"], "description": "达成年度指标 / 部分达成并具有一定效果 / 未达成且效果较差" },
                "share": { "type": "string", "description": "得分比例（百分数，可省略）" } } },
            { "type": "object", "required": ["kind", "month"], "properties": { "kind": { "const": "completed" }, "month": { "type": "integer", "minimum": 1, "maximum": 12 } } },
            { "type": "object", "required": ["kind"], "properties": { "kind": { "const": "not_completed" } } },
            { "type": "null" },
        ]
    })
}

/// The JSON request body of a route, as the handler's type reads it (unknown fields are
/// refused with 422, so `additionalProperties` is false).
pub fn request_schema(method: &str, path: &str) -> Option<Value> {
    let money = |what: &str| maybe_text(&format!("{what}（万元，精确小数的字符串，如 \"12.50\"）"));
    let transition = || object(&[], json!({ "version": version(), "comment": maybe_text("意见（退回时必填）") }));
    Some(match (method, path) {
        ("post", "/api/v1/auth/login") => object(&["username", "password"], json!({ "username": text("用户名"), "password": text("口令") })),
        ("post", "/api/v1/auth/tokens") => object(&["name"], json!({ "name": text("令牌名称（用途）") })),
        ("post", "/api/v1/organisations") => object(
            &["parent_id", "kind", "name"],
            json!({ "parent_id": integer("上级组织 id"), "kind": { "enum": ["department", "unit"], "description": "department 部门 / unit 预算单位" },
                    "name": text("名称"), "code": maybe_text("编码") }),
        ),
        ("put", "/api/v1/organisations/{id}") => object(&[], json!({ "version": version(), "name": maybe_text("名称"), "code": maybe_text("编码（空字符串清除）") })),
        ("post", "/api/v1/fiscal-years") => object(
            &["year"],
            json!({ "year": integer("预算年度（2000–2100）"),
                    "status": { "enum": ["open", "closed"], "description": "open 开放填报（默认）/ closed 已截止" },
                    "deadline": maybe_text("申报截止日期 YYYY-MM-DD（北京时间，当日仍可填报；空：未定）") }),
        ),
        ("put", "/api/v1/fiscal-years/{year}") => object(
            &[],
            json!({ "version": version(),
                    "status": { "enum": ["open", "closed"], "description": "open 开放填报 / closed 已截止" },
                    "deadline": maybe_text("申报截止日期 YYYY-MM-DD（空字符串清除）") }),
        ),
        ("post", "/api/v1/projects") => object(
            &["document_id", "name"],
            json!({ "document_id": integer("所属文档 id"), "name": text("项目名称"), "code": maybe_text("项目编码"), "purpose": maybe_text("资金用途"),
                    "budget_total": money("年度资金总额"), "budget_fiscal": money("财政拨款"), "budget_other": money("其他资金") }),
        ),
        ("put", "/api/v1/projects/{id}") => object(
            &[],
            json!({ "version": version(), "name": maybe_text("项目名称"), "code": maybe_text("项目编码"), "purpose": maybe_text("资金用途"),
                    "budget_total": money("年度资金总额"), "budget_fiscal": money("财政拨款"), "budget_other": money("其他资金") }),
        ),
        ("post", "/api/v1/drafts" | "/api/v1/drafts/review" | "/api/v1/drafts/template") => {
            let opt = |what: &str| maybe_text(what);
            object(
                &["year"],
                json!({
                    "kind": { "enum": ["project", "department"], "default": "project",
                              "description": "project 项目支出绩效目标表（默认）/ department 部门整体支出绩效目标表（年度总体目标、部门预算、部门整体指标；项目名称、项目编码、实施单位、资金用途、资金支出计划须为空）" },
                    "department_id": { "type": ["integer", "null"], "description": "所属部门 id（部门填报员可省略，即本部门；系统管理员必填）" },
                    "year": integer("年度"),
                    "name": text("项目名称（项目支出必填）"),
                    "code": opt("项目编码"),
                    "unit": opt("实施单位"),
                    "purpose": opt("项目概况与资金用途"),
                    "budget_total": money("预算数（年度资金总额）；部门整体：部门预算总额"),
                    "budget_fiscal": money("其中：财政资金；部门整体：其中财政拨款（不大于总额）"),
                    "budget_other": money("其他资金（部门整体：三项都填时，财政拨款与其他资金之和须等于总额）"),
                    "plan": { "type": "array", "maxItems": 4, "items": { "type": "string" },
                              "description": "资金支出计划：3、6、10、12 月底累计支出百分比（0–100，\"\" 为未填）" },
                    "goals": { "type": "array", "items": { "type": "string" }, "description": "年度绩效目标；部门整体：年度总体目标" },
                    "indicators": { "type": "array", "maxItems": 200, "items": object(
                        &["level1", "level2", "level3"],
                        json!({
                            "level1": { "enum": ["产出指标", "效益指标", "满意度指标", "成本指标"], "description": "一级指标" },
                            "level2": { "enum": ["数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标",
                                                 "可持续影响指标", "服务对象满意度指标", "经济成本指标", "社会成本指标", "生态环境成本指标"],
                                        "description": "二级指标（须属于所选一级指标）" },
                            "level3": text("三级指标"),
                            "target": opt("指标值（如 ≥95%、明显提升）"),
                            "description": opt("指标解释"),
                            "basis": opt("指标值设定依据"),
                        }),
                    ) },
                }),
            )
        }
        ("post", "/api/v1/projects/{id}/copy") => object(
            &[],
            json!({ "budget": { "enum": ["blank", "copy", null], "description": "blank 预算数留空（默认）/ copy 沿用本年度预算数" } }),
        ),
        ("post", "/api/v1/projects/{id}/submit") => object(
            &[],
            json!({ "version": version(), "comment": maybe_text("提交说明（项目有错误级审核发现时必填，写明带着错误提交的理由）") }),
        ),
        ("post", "/api/v1/department-tables/{id}/submit") => object(
            &[],
            json!({ "version": version(), "comment": maybe_text("提交说明（表有错误级审核发现时必填，写明带着错误提交的理由）") }),
        ),
        ("post", "/api/v1/projects/{id}/return" | "/api/v1/projects/{id}/approve") => transition(),
        ("post", "/api/v1/department-tables/{id}/return" | "/api/v1/department-tables/{id}/approve") => transition(),
        ("post", "/api/v1/department-tables/{id}/comments") => object(&["body"], json!({ "body": text("意见（针对整张表）") })),
        ("post", "/api/v1/projects/{id}/comments") => object(&["body"], json!({ "body": text("意见"), "indicator_id": { "type": ["integer", "null"], "description": "针对的指标 id（行意见）" } })),
        ("put", "/api/v1/projects/{id}/monitoring") => object(
            &[],
            json!({
                "version": version(),
                "annual_budget": money("全年预算数"),
                "spent_to_date": money("截至期末执行数"),
                "expected_full_year_spend": money("全年预计执行数"),
                "indicators": { "type": "array", "items": {
                    "type": "object", "required": ["indicator"],
                    "properties": {
                        "indicator": integer("指标在项目中的序号（从 0 开始）"),
                        "current": actual_value(),
                        "expected_full_year": actual_value(),
                        "likelihood": { "enum": ["certain", "possible", "impossible", null], "description": "完成可能性：确定能 / 有可能 / 完全不可能" },
                        "cause": { "enum": ["funding", "institutional", "staffing", "hardware", "other", null], "description": "偏差原因：经费 / 制度 / 人员 / 硬件 / 其他" },
                        "cause_text": maybe_text("偏差原因分析"),
                        "measures": maybe_text("改进措施"),
                    },
                } },
                "year_end": {
                    "type": ["object", "null"], "additionalProperties": false,
                    "description": "年终自评另需填报的内容，只用于截至12月（?to=12）的填报；各项资金之和应等于全年预算数、执行数",
                    "properties": {
                        "fiscal_budget": money("其中：本年财政拨款全年预算数"),
                        "fiscal_spent": money("其中：本年财政拨款执行数"),
                        "carried_over_budget": money("上年结转资金全年预算数"),
                        "carried_over_spent": money("上年结转资金执行数"),
                        "other_budget": money("其他资金全年预算数"),
                        "other_spent": money("其他资金执行数"),
                        "goal_actual": maybe_text("实际完成情况（总体目标的完成情况）"),
                        "budget_explanation": maybe_text("执行率偏低原因说明（预算执行率低于 90% 时必填）"),
                    },
                },
            }),
        ),
        ("post", "/api/v1/indicators") => object(
            &["project_id", "level1", "level2", "level3"],
            json!({ "project_id": integer("所属项目 id"), "level1": text("一级指标（如 产出指标）"), "level2": text("二级指标（如 数量指标）"),
                    "level3": text("三级指标"), "description": maybe_text("指标说明"), "target": maybe_text("指标值（如 ≥95%）"),
                    "basis": maybe_text("指标值确定依据"), "weight": maybe_text("分值/权重") }),
        ),
        ("put", "/api/v1/indicators/{id}") => object(
            &[],
            json!({ "version": version(), "level1": maybe_text("一级指标"), "level2": maybe_text("二级指标"), "level3": maybe_text("三级指标"),
                    "description": maybe_text("指标说明"), "target": maybe_text("指标值"), "basis": maybe_text("指标值确定依据"), "weight": maybe_text("分值/权重") }),
        ),
        ("post", "/api/v1/library/suggest") => object(
            &[],
            json!({ "name": maybe_text("项目名称"), "purpose": maybe_text("资金用途"),
                    "goals": { "type": "array", "items": { "type": "string" }, "description": "绩效目标（最多 50 条）" },
                    "project_id": { "type": ["integer", "null"], "description": "为已有项目建议（须可查看）：其名称、用途与目标作缺省，结果不含它自己" },
                    "limit": { "type": ["integer", "null"], "description": "最多返回条数（1–50，默认 20）" } }),
        ),
        ("post", "/api/v1/users") => object(
            &["username", "password", "role"],
            json!({ "username": text("用户名（不超过 64 字）"), "display_name": maybe_text("姓名"), "password": text("口令（至少 10 个字符）"),
                    "role": { "enum": ["admin", "reviewer", "filler"], "description": "系统管理员 / 财政审核员 / 部门填报员" },
                    "department_id": { "type": ["integer", "null"], "description": "所属部门（部门填报员必填，其他角色不填）" } }),
        ),
        ("put", "/api/v1/users/{id}") => object(
            &[],
            json!({ "version": version(), "display_name": maybe_text("姓名"),
                    "role": { "enum": ["admin", "reviewer", "filler", null], "description": "新角色（与 department_id 一起决定所属部门）" },
                    "department_id": { "type": ["integer", "null"], "description": "所属部门（部门填报员）" },
                    "active": { "type": ["boolean", "null"], "description": "false 停用（会话随之结束），true 启用" },
                    "password": maybe_text("新口令（至少 10 个字符；会话与 API 令牌随之失效）") }),
        ),
        _ => return None,
    })
}

fn operation(route: &Route) -> Value {
    let mut parameters: Vec<Value> = route
        .path
        .split('/')
        .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .map(|name| match name {
            "key" => json!({ "name": name, "in": "path", "required": true, "description": "条目名称（同名多单位时含单位，如 培训人数（人））", "schema": { "type": "string" } }),
            _ => json!({ "name": name, "in": "path", "required": true, "schema": { "type": "integer" } }),
        })
        .collect();
    if route.path == "/api/v1/library" {
        for (name, what) in [
            ("page", "页码，从 1 开始"),
            ("per_page", "每页条数（1–200，默认 50）"),
            ("q", "指标名称或写法包含的文字"),
            ("level1", "一级指标名称（如 产出指标；未分类）"),
            ("level2", "二级指标名称（如 数量指标）"),
        ] {
            parameters.push(json!({ "name": name, "in": "query", "required": false, "description": what, "schema": { "type": "string" } }));
        }
    }
    if route.path == "/api/v1/audit" {
        for (name, what, kind) in [
            ("page", "页码，从 1 开始", "integer"),
            ("per_page", "每页条数（1–200，默认 50）", "integer"),
            ("entity", "对象类型：project / department_table / indicator / document / comment / organisation / user / session / monitoring", "string"),
            ("action", "操作（如 update、submit、approve、import、login_failed）", "string"),
            ("user", "操作用户的 id", "integer"),
            ("entity_id", "对象编号", "integer"),
            ("from", "起始日期（含），如 2026-12-01", "string"),
            ("to", "截止日期（含），如 2026-12-31", "string"),
        ] {
            parameters.push(json!({ "name": name, "in": "query", "required": false, "description": what, "schema": { "type": kind } }));
        }
    }
    if route.path.starts_with("/api/v1/compare/project") {
        parameters.push(json!({ "name": "id", "in": "query", "required": true, "description": "项目 ID", "schema": { "type": "integer" } }));
    }
    if route.path.starts_with("/api/v1/compare/departments") {
        parameters.push(json!({ "name": "year", "in": "query", "required": false, "description": "预算年度（缺省为最近一年）", "schema": { "type": "integer" } }));
    }
    if route.list {
        for (name, what) in [
            ("page", "页码，从 1 开始"),
            ("per_page", "每页条数（1–200，默认 50）"),
            ("q", "名称包含的文字"),
            ("year", "预算年度"),
            ("department", "部门 id"),
            ("status", "状态：draft / submitted / returned / approved"),
        ] {
            parameters.push(json!({ "name": name, "in": "query", "required": false, "description": what, "schema": { "type": "string" } }));
        }
    }
    if route.path.ends_with("/monitoring") {
        for (name, what, required) in [
            ("from", "监控期间起始月份（1–12，缺省 1）", false),
            ("to", "监控期间截至月份（1–12）", true),
        ] {
            parameters.push(json!({ "name": name, "in": "query", "required": required, "description": what, "schema": { "type": "integer" } }));
        }
    }
    let problem = json!({ "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } });
    let mut op = json!({
        "summary": route.summary,
        "parameters": parameters,
        "responses": {
            "200": { "description": "成功", "content": { "application/json": {} } },
            "400": { "description": "请求无效", "content": problem["content"].clone() },
            "401": { "description": "需要登录", "content": problem["content"].clone() },
            "403": { "description": "无权操作", "content": problem["content"].clone() },
            "404": { "description": "未找到", "content": problem["content"].clone() },
        },
    });
    if route.path.ends_with(".csv") {
        op["responses"]["200"] = json!({ "description": "CSV（UTF-8 带 BOM）", "content": { "text/csv": {} } });
    }
    match route.body {
        Body::Json => {
            let schema = request_schema(route.method, route.path).unwrap_or_else(|| json!({ "type": "object" }));
            op["requestBody"] = json!({ "required": true, "content": { "application/json": { "schema": schema } } });
            op["responses"]["409"] = json!({ "description": "版本冲突或状态冲突", "content": problem["content"].clone() });
            op["responses"]["422"] = json!({ "description": "字段缺失、类型错误或未知字段", "content": problem["content"].clone() });
        }
        Body::File => {
            op["requestBody"] = json!({ "required": true, "content": { "application/octet-stream": {}, "text/plain": {} } });
            op["responses"]["413"] =
                json!({ "description": "文件超过上传上限", "content": problem["content"].clone() });
            op["responses"]["422"] = json!({ "description": "不是可识别的绩效目标文档", "content": problem["content"].clone() });
        }
        Body::None => {}
    }
    if route.path == "/api/v1/auth/login" {
        op["responses"]["429"] = json!({ "description": "登录失败次数过多（按用户名和客户端地址计），或同时登录的请求过多；见 Retry-After", "content": problem["content"].clone() });
    }
    match route.access {
        Access::Public => {}
        Access::Login | Access::Admin => {
            op["security"] = json!([{ "session": [] }, { "token": [] }])
        }
    }
    if route.access == Access::Admin {
        op["description"] = json!("仅系统管理员。");
    }
    op
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 17: every JSON body has its schema in the document (fields, types, which are
    /// required), and a field the schema names is one the handler reads: a body of the
    /// schema's required fields with made-up values parses (the handler's own checks aside).
    #[test]
    fn every_json_body_has_a_request_schema() {
        let doc = document();
        for route in ROUTES.iter().filter(|r| r.body == Body::Json) {
            let schema = &doc["paths"][route.path][route.method]["requestBody"]["content"]["application/json"]["schema"];
            assert_eq!(schema["type"], "object", "{} {}", route.method, route.path);
            assert_eq!(schema["additionalProperties"], false, "{} {}", route.method, route.path);
            let properties = schema["properties"].as_object().unwrap_or_else(|| panic!("{} {}", route.method, route.path));
            assert!(!properties.is_empty(), "{} {}", route.method, route.path);
            for required in schema["required"].as_array().unwrap() {
                assert!(properties.contains_key(required.as_str().unwrap()), "{} {}: {required}", route.method, route.path);
            }
            for (name, p) in properties {
                let described = p["description"].is_string() || p["type"] == "array" || p["oneOf"].is_array();
                assert!(described, "{} {}: {name} 应有中文说明", route.method, route.path);
            }
        }
        // The schemas name the fields the handlers' types read.
        let read = |schema: &Value| -> Vec<String> { schema["properties"].as_object().unwrap().keys().cloned().collect() };
        let user: crate::api::misc::UserEdit = serde_json::from_value(json!({
            "version": 1, "display_name": "甲", "role": "filler", "department_id": 2, "active": true, "password": "0123456789"
        })).unwrap();
        assert_eq!(user.version, Some(1));
        let mut fields = read(&request_schema("put", "/api/v1/users/{id}").unwrap());
        fields.sort();
        assert_eq!(fields, ["active", "department_id", "display_name", "password", "role", "version"]);
        let edit: Result<crate::api::indicators::IndicatorEdit, _> = serde_json::from_value(
            read(&request_schema("put", "/api/v1/indicators/{id}").unwrap()).into_iter().map(|k| (k, Value::Null)).collect::<serde_json::Map<_, _>>().into(),
        );
        assert!(edit.is_ok(), "{edit:?}");
        let project: Result<crate::api::projects::ProjectEdit, _> = serde_json::from_value(
            read(&request_schema("put", "/api/v1/projects/{id}").unwrap()).into_iter().map(|k| (k, Value::Null)).collect::<serde_json::Map<_, _>>().into(),
        );
        assert!(project.is_ok(), "{project:?}");
    }

    #[test]
    fn every_route_is_a_documented_operation() {
        let doc = document();
        let mut count = 0;
        for route in ROUTES {
            let op = &doc["paths"][route.path][route.method];
            assert!(op["summary"].is_string(), "{} {}", route.method, route.path);
            count += 1;
        }
        let documented: usize = doc["paths"]
            .as_object()
            .unwrap()
            .values()
            .map(|p| p.as_object().unwrap().len())
            .sum();
        assert_eq!(documented, count, "同一方法与路径不应重复列出");
        assert_eq!(
            doc["paths"]["/api/v1/projects/{id}"]["put"]["parameters"][0]["name"],
            "id"
        );
    }
}
