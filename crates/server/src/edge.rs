//! What every request and response passes, before any handler (issue 13):
//!
//! - [`security_headers`]: Content-Security-Policy (scripts only from this service, no inline
//!   script), `X-Content-Type-Options: nosniff`, `frame-ancestors 'none'` and
//!   `X-Frame-Options: DENY`, `Referrer-Policy`, `Cache-Control: no-store` unless a handler
//!   chose caching (the assets), HSTS when served over HTTPS; and one line on standard error
//!   for every refused request (403, 429: the security log).
//! - [`refuse_cross_site_writes`]: a write (any method but GET/HEAD/OPTIONS) sent by a
//!   browser from another site is refused, whatever it carries (`Sec-Fetch-Site`, else
//!   `Origin` against `Host`).
//! - [`check_text`]: the path, the query string and JSON and form bodies must be UTF-8 text
//!   without control characters other than TAB, LF and CR
//!   ([`jixiao_store::text::is_forbidden`]); otherwise a Chinese 400 before any handler or
//!   database sees it (PostgreSQL answered NUL with an error, hence a 500).
//! - [`Client`]: the client's address and whether it came over HTTPS; `X-Forwarded-For` and
//!   `X-Forwarded-Proto` count only with [`Settings::trust_proxy`](crate::Settings).

use std::net::{IpAddr, SocketAddr};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use jixiao_store::text::{code_point, forbidden_char};
use serde_json::Value;

use crate::problem::Problem;
use crate::state::{AppState, Settings};

/// The policy: everything from this service only; no inline script, no eval; styles may be
/// inline (ECharts and the monitoring lights set `style` attributes); no framing.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

/// Who is on the other end: address (for rate limits and the logs) and scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    pub addr: String,
    /// Came over HTTPS (known only through a trusted proxy's `X-Forwarded-Proto`).
    pub https: bool,
}

impl Client {
    pub fn of(parts_headers: &HeaderMap, connect: Option<&ConnectInfo<SocketAddr>>, settings: &Settings) -> Client {
        let forwarded_for = settings
            .trust_proxy
            .then(|| forwarded_client(parts_headers))
            .flatten();
        let addr = forwarded_for
            .or_else(|| connect.map(|ConnectInfo(a)| a.ip().to_string()))
            .unwrap_or_else(|| "local".to_string());
        let https = settings.trust_proxy
            && parts_headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"));
        Client { addr, https }
    }

    /// Cookies are `Secure` when configured so, or when the request came over HTTPS.
    pub fn secure_cookies(&self, settings: &Settings) -> bool {
        settings.secure_cookies || self.https
    }
}

/// The address a trusted proxy appended last to `X-Forwarded-For`: the one it saw. Entries
/// further left were sent by the client and could say anything.
fn forwarded_client(headers: &HeaderMap) -> Option<String> {
    let last = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .rfind(|v| !v.is_empty())?;
    last.parse::<IpAddr>().ok().map(|ip| ip.to_string())
}

impl FromRequestParts<AppState> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(Client::of(
            &parts.headers,
            parts.extensions.get::<ConnectInfo<SocketAddr>>(),
            &state.settings,
        ))
    }
}

fn is_write(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Headers on every response, and the security log of refusals.
pub async fn security_headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let client = Client::of(
        request.headers(),
        request.extensions().get::<ConnectInfo<SocketAddr>>(),
        &state.settings,
    );
    let mut response = next.run(request).await;
    let status = response.status();
    if matches!(status, StatusCode::FORBIDDEN | StatusCode::TOO_MANY_REQUESTS) {
        eprintln!(
            "安全事件：{} {} {method} {path}（客户端 {}）",
            jixiao_store::time::now(),
            status.as_u16(),
            client.addr
        );
    }
    let h = response.headers_mut();
    let set = |h: &mut HeaderMap, name: &'static str, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(h, "content-security-policy", CSP);
    set(h, "x-content-type-options", "nosniff");
    set(h, "x-frame-options", "DENY");
    set(h, "referrer-policy", "same-origin");
    set(h, "cross-origin-opener-policy", "same-origin");
    set(h, "cross-origin-resource-policy", "same-origin");
    set(h, "permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, "cache-control", "no-store");
    }
    if client.secure_cookies(&state.settings) {
        set(h, "strict-transport-security", "max-age=31536000");
    }
    response
}

/// A write from a page of another site: refused (403) before any handler runs.
pub async fn refuse_cross_site_writes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if is_write(request.method()) {
        if let Some(why) = cross_site(request.headers(), state.settings.trust_proxy) {
            return refuse(request.uri().path(), request.headers(), StatusCode::FORBIDDEN, why);
        }
    }
    next.run(request).await
}

/// Why a request comes from another site, if it does. Browsers send `Sec-Fetch-Site` (set by
/// the browser itself, so a page cannot forge it); older ones only `Origin`, compared with
/// `Host` (or the trusted proxy's `X-Forwarded-Host`). Clients that are no browser send
/// neither and are judged by their credentials alone (bearer tokens).
pub fn cross_site(headers: &HeaderMap, trust_proxy: bool) -> Option<String> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(site) = text("sec-fetch-site") {
        return match site.to_ascii_lowercase().as_str() {
            "same-origin" | "none" => None,
            other => Some(format!("拒绝来自其他网站的写请求（Sec-Fetch-Site: {other}）。")),
        };
    }
    let origin = text("origin")?;
    let host = if trust_proxy { text("x-forwarded-host").or_else(|| text("host")) } else { text("host") };
    let origin_host = origin.split_once("://").map(|(_, rest)| rest.trim_end_matches('/'));
    match (origin_host, host) {
        (Some(o), Some(h)) if o.eq_ignore_ascii_case(h) => None,
        _ => Some(format!("拒绝来自其他网站的写请求（Origin: {origin}）。")),
    }
}

/// Pages get a Chinese error page, everything else problem+json.
fn wants_page(path: &str, headers: &HeaderMap) -> bool {
    !path.starts_with("/api/")
        && headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("text/html"))
}

fn refuse(path: &str, headers: &HeaderMap, status: StatusCode, detail: String) -> Response {
    if wants_page(path, headers) {
        let page = match status {
            StatusCode::FORBIDDEN => crate::pages::PageError::Forbidden(detail),
            _ => crate::pages::PageError::BadRequest(detail),
        };
        return page.into_page(None);
    }
    match status {
        StatusCode::FORBIDDEN => Problem::forbidden(detail).into_response(),
        _ => Problem::bad_request(detail).into_response(),
    }
}

/// `%XX` decoding (`+` as space when `plus`); `None` for bytes that are not UTF-8.
fn decode(raw: &str, plus: bool) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let hex = |c: u8| (c as char).to_digit(16);
        match b {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b),
            },
            b'+' if plus => out.push(b' '),
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// The first problem with `name=value` pairs (query string or form body).
fn pairs_problem(raw: &str, what: &str) -> Option<String> {
    for pair in raw.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let Some(key) = decode(k, true) else {
            return Some(format!("{what}不是有效的 UTF-8 文本。"));
        };
        let shown: String = key.chars().filter(|c| !c.is_control()).take(40).collect();
        if let Some(c) = forbidden_char(&key) {
            return Some(format!("{what}的名称含有不允许的控制字符（{}）。", code_point(c)));
        }
        let Some(value) = decode(v, true) else {
            return Some(format!("{what}“{shown}”不是有效的 UTF-8 文本。"));
        };
        if let Some(c) = forbidden_char(&value) {
            return Some(format!("{what}“{shown}”含有不允许的控制字符（{}）。", code_point(c)));
        }
    }
    None
}

/// The first string of a JSON value holding a forbidden character: (path, character).
fn json_problem(v: &Value, path: &mut String) -> Option<(String, char)> {
    match v {
        Value::String(s) => forbidden_char(s).map(|c| (path.clone(), c)),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            let found = json_problem(item, path);
            path.truncate(len);
            found
        }),
        Value::Object(map) => map.iter().find_map(|(k, item)| {
            if let Some(c) = forbidden_char(k) {
                return Some((format!("{path}（字段名）"), c));
            }
            let len = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(k);
            let found = json_problem(item, path);
            path.truncate(len);
            found
        }),
        _ => None,
    }
}

fn media_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Refuses control characters and non-UTF-8 text in the path, the query string and JSON or
/// form bodies (400 in Chinese, naming the parameter or field).
pub async fn check_text(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let headers = request.headers().clone();
    match decode(&path, false) {
        None => return refuse(&path, &headers, StatusCode::BAD_REQUEST, "路径不是有效的 UTF-8 文本。".into()),
        Some(p) => {
            if let Some(c) = forbidden_char(&p) {
                return refuse(&path, &headers, StatusCode::BAD_REQUEST, format!("路径含有不允许的控制字符（{}）。", code_point(c)));
            }
        }
    }
    if let Some(q) = request.uri().query() {
        if let Some(why) = pairs_problem(q, "查询参数") {
            return refuse(&path, &headers, StatusCode::BAD_REQUEST, why);
        }
    }
    let media = media_type(&headers);
    let (json, form) = (media == "application/json", media == "application/x-www-form-urlencoded");
    if !json && !form {
        return next.run(request).await;
    }
    let limit = state.settings.limits.body_bytes;
    let (parts, body) = request.into_parts();
    let bytes: Bytes = match axum::body::to_bytes(body, limit).await {
        Ok(b) => b,
        Err(_) => return Problem::too_large(limit).into_response(),
    };
    let problem = if json {
        // Bodies that are not JSON at all are left to the handler (it explains the syntax).
        serde_json::from_slice::<Value>(&bytes)
            .ok()
            .and_then(|v| json_problem(&v, &mut String::new()))
            .map(|(field, c)| {
                let place = if field.is_empty() { "请求体".to_string() } else { format!("字段“{field}”") };
                format!("{place}含有不允许的控制字符（{}）。", code_point(c))
            })
    } else {
        match std::str::from_utf8(&bytes) {
            Ok(text) => pairs_problem(text, "表单字段"),
            Err(_) => Some("表单不是有效的 UTF-8 文本。".into()),
        }
    };
    if let Some(why) = problem {
        return refuse(&path, &headers, StatusCode::BAD_REQUEST, why);
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(decode("a%20b+c", true).as_deref(), Some("a b c"));
        assert_eq!(decode("a+b", false).as_deref(), Some("a+b"));
        assert_eq!(decode("%E5%BA%94%E6%80%A5", true).as_deref(), Some("应急"));
        assert_eq!(decode("%FF", true), None);
        assert_eq!(decode("100%", true).as_deref(), Some("100%"));
        assert_eq!(decode("%4", true).as_deref(), Some("%4"));
        assert_eq!(decode("%00", true).as_deref(), Some("\0"));
    }

    #[test]
    fn query_problems_name_the_parameter() {
        assert_eq!(pairs_problem("q=%00", "查询参数").as_deref(), Some("查询参数“q”含有不允许的控制字符（U+0000）。"));
        assert_eq!(pairs_problem("q=a%09b&year=2024", "查询参数"), None);
        assert_eq!(pairs_problem("q=%1B%5B31m", "查询参数").as_deref(), Some("查询参数“q”含有不允许的控制字符（U+001B）。"));
        assert_eq!(pairs_problem("q=%FF", "查询参数").as_deref(), Some("查询参数“q”不是有效的 UTF-8 文本。"));
        assert_eq!(pairs_problem("%00=1", "表单字段").as_deref(), Some("表单字段的名称含有不允许的控制字符（U+0000）。"));
    }

    #[test]
    fn json_problems_name_the_field() {
        let v: Value = serde_json::from_str(r#"{"a":"ok","b":[{"c":"x\u0000"}]}"#).unwrap();
        assert_eq!(json_problem(&v, &mut String::new()), Some(("b[0].c".into(), '\0')));
        let v: Value = serde_json::from_str(r#"{"a":"tab\tnewline\n"}"#).unwrap();
        assert_eq!(json_problem(&v, &mut String::new()), None);
    }

    #[test]
    fn cross_site_writes() {
        let h = |pairs: &[(&'static str, &'static str)]| {
            let mut m = HeaderMap::new();
            for (k, v) in pairs {
                m.insert(*k, HeaderValue::from_static(v));
            }
            m
        };
        assert!(cross_site(&h(&[("sec-fetch-site", "cross-site")]), false).is_some());
        assert!(cross_site(&h(&[("sec-fetch-site", "same-site")]), false).is_some());
        assert!(cross_site(&h(&[("sec-fetch-site", "same-origin"), ("origin", "https://evil.example")]), false).is_none());
        assert!(cross_site(&h(&[("origin", "https://evil.example"), ("host", "jixiao.example")]), false).is_some());
        assert!(cross_site(&h(&[("origin", "http://jixiao.example:8080"), ("host", "jixiao.example:8080")]), false).is_none());
        assert!(cross_site(&h(&[("origin", "null"), ("host", "jixiao.example")]), false).is_some());
        // A proxy that rewrites Host: its X-Forwarded-Host counts only when trusted.
        let proxied = h(&[("origin", "https://jixiao.example"), ("host", "127.0.0.1:8080"), ("x-forwarded-host", "jixiao.example")]);
        assert!(cross_site(&proxied, false).is_some());
        assert!(cross_site(&proxied, true).is_none());
        assert!(cross_site(&h(&[]), false).is_none(), "scripts send neither header");
    }

    #[test]
    fn forwarded_headers_count_only_from_a_trusted_proxy() {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", HeaderValue::from_static("6.6.6.6, 10.1.2.3"));
        h.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        let plain = Settings::default();
        let trusting = Settings { trust_proxy: true, ..Settings::default() };
        assert_eq!(Client::of(&h, None, &plain), Client { addr: "local".into(), https: false });
        assert_eq!(Client::of(&h, None, &trusting), Client { addr: "10.1.2.3".into(), https: true });
        h.insert("x-forwarded-for", HeaderValue::from_static("not an address"));
        assert_eq!(Client::of(&h, None, &trusting).addr, "local");
    }
}
