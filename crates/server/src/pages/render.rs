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
    ("department.html", include_str!("../../templates/department.html")),
    ("project.html", include_str!("../../templates/project.html")),
    ("upload.html", include_str!("../../templates/upload.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("check_target.html", include_str!("../../templates/check_target.html")),
    ("monitoring.html", include_str!("../../templates/monitoring.html")),
];

fn env() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        for (name, source) in TEMPLATES {
            // Templates are part of the binary: a syntax error is a build defect, caught by tests.
            if let Err(e) = env.add_template(name, source) {
                eprintln!("模板 {name} 有语法错误：{e}");
            }
        }
        env
    })
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

impl From<sqlx::Error> for PageError {
    fn from(e: sqlx::Error) -> PageError {
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
