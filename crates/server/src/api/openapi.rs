//! The OpenAPI 3 document served at `/api/openapi.json`, built from [`ROUTES`] so that the
//! document and the router are checked against each other by a test.

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
        "文档详情（含各修订版）",
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
        "项目详情（含指标）",
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
        "/api/v1/projects/{id}/submit",
        "提交审核（部门填报员）",
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
        "保存运行监控填报（?from=1&to=7；version 为读取时的版本，首次为 0；数据不合规时 422 列出全部问题）",
        Login,
        Json,
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
        "审计日志（谁、何时、改了什么、改前 → 改后）",
        Admin,
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

fn operation(route: &Route) -> Value {
    let mut parameters: Vec<Value> = route
        .path
        .split('/')
        .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .map(|name| json!({ "name": name, "in": "path", "required": true, "schema": { "type": "integer" } }))
        .collect();
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
    match route.body {
        Body::Json => {
            op["requestBody"] = json!({ "required": true, "content": { "application/json": {} } });
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
