//! Template environment, the signed-in viewer shown on every page, and page errors.

use std::sync::OnceLock;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use minijinja::Environment;
use serde::Serialize;

use crate::auth::caller::{Caller, Credential};
use crate::auth::policy::{Actor, Role};
use crate::auth::session::csrf_for;
use crate::problem::Problem;
use crate::state::AppState;

/// Every template, embedded in the binary (name → source).
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("error.html", include_str!("../../templates/error.html")),
    ("login.html", include_str!("../../templates/login.html")),
    ("dashboard.html", include_str!("../../templates/dashboard.html")),
    ("admin_years.html", include_str!("../../templates/admin_years.html")),
    ("department.html", include_str!("../../templates/department.html")),
    ("project.html", include_str!("../../templates/project.html")),
    ("upload.html", include_str!("../../templates/upload.html")),
    ("draft.html", include_str!("../../templates/draft.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("compare_project.html", include_str!("../../templates/compare_project.html")),
    ("compare_departments.html", include_str!("../../templates/compare_departments.html")),
    ("library.html", include_str!("../../templates/library.html")),
    ("project_benchmarks.html", include_str!("../../templates/project_benchmarks.html")),
    ("library_entry.html", include_str!("../../templates/library_entry.html")),
    ("library_suggest.html", include_str!("../../templates/library_suggest.html")),
    ("check_target.html", include_str!("../../templates/check_target.html")),
    ("monitoring.html", include_str!("../../templates/monitoring.html")),
    ("monitoring_result.html", include_str!("../../templates/monitoring_result.html")),
    ("queue.html", include_str!("../../templates/queue.html")),
    ("admin_users.html", include_str!("../../templates/admin_users.html")),
    ("admin_audit.html", include_str!("../../templates/admin_audit.html")),
    ("admin_organisations.html", include_str!("../../templates/admin_organisations.html")),
];

fn env() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        // Replaces the built-in: also escapes U+2028/U+2029 (see `json_for_html`).
        env.add_filter("tojson", tojson);
        for (name, source) in TEMPLATES {
            // Templates are part of the binary: a syntax error is a build defect, caught by tests.
            if let Err(e) = env.add_template(name, source) {
                eprintln!("模板 {name} 有语法错误：{e}");
            }
        }
        env
    })
}

/// JSON that is safe inside HTML: in a `<script type="application/json">` element and in
/// an attribute value. `<`, `>`, `&` and `'` become `\u003c` … `\u0027` (so no `</script>`,
/// no entity, no end of a quoted attribute can appear), U+2028 and U+2029 `\u2028`/`\u2029`
/// (line terminators to older JavaScript). `"` needs nothing in an element; attributes that
/// hold JSON are single-quoted.
pub fn json_for_html(value: &serde_json::Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\'' => out.push_str("\\u0027"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The `tojson` filter: [`json_for_html`], marked safe (it needs no further escaping).
fn tojson(value: &minijinja::Value) -> Result<minijinja::Value, minijinja::Error> {
    let json = serde_json::to_value(value)
        .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, format!("无法转换为 JSON：{e}")))?;
    Ok(minijinja::Value::from_safe_string(json_for_html(&json)))
}

/// Renders template `name` with `ctx` (which should carry `me`, the viewer).
pub fn render<T: Serialize>(name: &str, ctx: T) -> Result<Html<String>, PageError> {
    let tmpl = env().get_template(name).map_err(|e| PageError::Internal(format!("模板 {name}：{e}")))?;
    tmpl.render(ctx).map(Html).map_err(|e| PageError::Internal(format!("模板 {name} 渲染失败：{e:#}")))
}

/// 当前浏览者：公众或已登录用户（含其 CSRF 令牌，页面脚本写操作时带上）。
#[derive(Debug, Clone, Serialize)]
pub struct Viewer {
    pub signed_in: bool,
    pub user_id: Option<i64>,
    pub name: String,
    /// admin / reviewer / filler / public
    pub role: &'static str,
    pub role_name: &'static str,
    pub department_id: Option<i64>,
    pub csrf: String,
    /// May import documents (上传导入 in the menu): admins and fillers, not reviewers.
    pub can_import: bool,
    /// An administrator (系统管理 in the menu).
    pub is_admin: bool,
    #[serde(skip)]
    pub actor: Actor,
}

impl Viewer {
    pub fn public() -> Viewer {
        Viewer {
            signed_in: false,
            user_id: None,
            name: "公众".into(),
            role: "public",
            role_name: "公众",
            department_id: None,
            csrf: String::new(),
            can_import: false,
            is_admin: false,
            actor: Actor::Public,
        }
    }

    fn from_caller(caller: &Caller) -> Viewer {
        let Some(user) = &caller.user else { return Viewer::public() };
        let (role, role_name) = match user.role {
            Role::Admin => ("admin", "系统管理员"),
            Role::Reviewer => ("reviewer", "财政审核员"),
            Role::Filler => ("filler", "部门填报员"),
        };
        let csrf = match &caller.credential {
            Credential::Session(token) => csrf_for(token),
            _ => String::new(),
        };
        Viewer {
            signed_in: true,
            user_id: Some(user.id),
            name: user.display_name.clone(),
            role,
            role_name,
            department_id: user.department_id,
            csrf,
            can_import: crate::auth::policy::check_upload(caller.actor(), None).is_ok(),
            is_admin: user.role == Role::Admin,
            actor: caller.actor(),
        }
    }

    pub fn is(&self, role: Role) -> bool {
        self.actor.role() == Some(role)
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match Caller::from_request_parts(parts, state).await {
            Ok(caller) => Ok(Viewer::from_caller(&caller)),
            Err(p) => Err(PageError::from(p).into_page(None)),
        }
    }
}

/// A page's query string as `T`; a malformed one is a Chinese 400 page (axum's own rejection
/// is English text).
pub struct PageQuery<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequestParts<S> for PageQuery<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(t)| PageQuery(t))
            .map_err(|_| PageError::BadRequest("网址中的查询参数无效（参数重复或取值格式不对）。".into()).into_page(None))
    }
}

/// A page's path parameters as `T`; malformed ones (`/projects/abc/…`) are a Chinese 400 page.
pub struct PagePath<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned + Send> FromRequestParts<S> for PagePath<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(t)| PagePath(t))
            .map_err(|_| PageError::BadRequest("网址中的编号应为整数。".into()).into_page(None))
    }
}

/// A page request's whole body; over the limit, a Chinese 413 problem (axum's rejection is
/// English text).
pub struct PageBody(pub axum::body::Bytes);

impl axum::extract::FromRequest<AppState> for PageBody {
    type Rejection = Response;

    async fn from_request(req: axum::extract::Request, state: &AppState) -> Result<Self, Response> {
        crate::json::read_body(req, state, state.settings.limits)
            .await
            .map(PageBody)
            .map_err(IntoResponse::into_response)
    }
}

/// 页面错误：以中文错误页显示（需要登录时转到登录页）。
#[derive(Debug)]
pub enum PageError {
    NeedLogin(String),
    Forbidden(String),
    NotFound(String),
    BadRequest(String),
    Internal(String),
}

impl From<Problem> for PageError {
    fn from(p: Problem) -> PageError {
        match p.status.as_u16() {
            401 => PageError::NeedLogin(p.detail),
            403 => PageError::Forbidden(p.detail),
            404 => PageError::NotFound(p.detail),
            400 | 409 | 413 | 422 => PageError::BadRequest(p.detail),
            _ => PageError::Internal(p.detail),
        }
    }
}

impl From<jixiao_store::StoreError> for PageError {
    fn from(e: jixiao_store::StoreError) -> PageError {
        PageError::from(Problem::from(e))
    }
}

impl PageError {
    pub fn into_page(self, me: Option<&Viewer>) -> Response {
        let (status, title, detail) = match self {
            PageError::NeedLogin(_) => return Redirect::to("/login").into_response(),
            PageError::Forbidden(d) => (StatusCode::FORBIDDEN, "无权查看", d),
            PageError::NotFound(d) => (StatusCode::NOT_FOUND, "未找到", d),
            PageError::BadRequest(d) => (StatusCode::BAD_REQUEST, "请求无效", d),
            PageError::Internal(d) => {
                eprintln!("页面内部错误：{d}");
                (StatusCode::INTERNAL_SERVER_ERROR, "服务器内部错误", "服务器处理该页面时出错，请稍后再试。".to_string())
            }
        };
        let me = me.cloned().unwrap_or_else(Viewer::public);
        let ctx = minijinja::context! { me, title, detail, status => status.as_u16() };
        match render("error.html", ctx) {
            Ok(html) => (status, html).into_response(),
            Err(_) => (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], format!("{title}：{detail}")).into_response(),
        }
    }
}

/// A page result: the page, or an error page for the same viewer.
pub fn page_result(me: &Viewer, r: Result<Html<String>, PageError>) -> Response {
    match r {
        Ok(html) => html.into_response(),
        Err(e) => e.into_page(Some(me)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_parses() {
        for (name, source) in TEMPLATES {
            let mut env = Environment::new();
            for (n, s) in TEMPLATES {
                env.add_template(n, s).unwrap_or_else(|e| panic!("模板 {n}：{e}"));
            }
            assert!(env.get_template(name).is_ok(), "{name} 应能加载（{} 字节）", source.len());
        }
    }

    #[test]
    fn json_in_pages_cannot_end_its_element_or_attribute() {
        let hostile = "</script><svg/onload=alert(1)>&amp;'\"\u{2028}\u{2029}部门";
        let json = json_for_html(&serde_json::json!({ "names": [hostile] }));
        assert_eq!(
            json,
            r#"{"names":["\u003c/script\u003e\u003csvg/onload=alert(1)\u003e\u0026amp;\u0027\"\u2028\u2029部门"]}"#
        );
        // Still the same JSON to a parser.
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["names"][0], hostile);
        let html = env()
            .template_from_str("<script type=\"application/json\">{{ x | tojson }}</script><b data-x='{{ x | tojson }}'>")
            .unwrap()
            .render(minijinja::context! { x => hostile })
            .unwrap();
        assert!(!html.contains("</script><svg"), "{html}");
        assert_eq!(html.matches("</script>").count(), 1, "{html}");
        assert!(!html[html.find("data-x='").unwrap() + 8..].trim_end_matches("'>").contains('\''), "{html}");
    }

    /// No template writes data unescaped or runs inline script (the CSP forbids it anyway).
    #[test]
    fn templates_have_no_safe_filter_and_no_inline_script() {
        for (name, source) in TEMPLATES {
            let squeezed: String = source.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(!squeezed.contains("|safe"), "{name} 不应使用 | safe");
            for (i, _) in source.match_indices("<script") {
                let tag = &source[i..i + source[i..].find('>').unwrap()];
                assert!(
                    tag.contains(" src=") || tag.contains("type=\"application/json\""),
                    "{name}：内联脚本 {tag}"
                );
            }
            let lower = source.to_lowercase();
            for attr in [" onclick=", " onchange=", " onload=", " onsubmit=", " oninput=", " onerror=", "javascript:"] {
                assert!(!lower.contains(attr), "{name} 含有内联事件处理 {attr}");
            }
        }
    }

    #[test]
    fn error_page_is_chinese_and_escaped() {
        let resp = PageError::NotFound("<script>坏</script>项目不存在".into()).into_page(None);
        assert_eq!(resp.status(), StatusCode::NOT_FOUND);
        let html = render("error.html", minijinja::context! { me => Viewer::public(), title => "未找到", detail => "<b>x</b>", status => 404 })
            .unwrap()
            .0;
        assert!(html.contains("&lt;b&gt;x&lt;&#x2f;b&gt;"), "{html}");
        assert!(html.contains("未找到"));
    }
}
