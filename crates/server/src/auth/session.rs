//! Session cookies and CSRF tokens.
//!
//! A login issues a random session token, sent as an `HttpOnly; SameSite=Strict` cookie (the
//! store keeps only its hash). Writes authenticated by that cookie must also carry the CSRF
//! token in the `X-CSRF-Token` header (or a `_csrf` form field on pages): the token is
//! derived from the session token, returned by the login call and readable in the
//! `jixiao_csrf` cookie, so a page from another site can neither read nor forge it.
//! Bearer-token calls need no CSRF token: browsers never attach them by themselves.

use axum::http::{header, HeaderMap};
use sha2::{Digest, Sha256};

pub const SESSION_COOKIE: &str = "jixiao_session";
pub const CSRF_COOKIE: &str = "jixiao_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// A new random token: 32 bytes from the OS, hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // The OS generator failing is not recoverable for a login service.
    getrandom::fill(&mut bytes).expect("操作系统随机数生成器不可用");
    hex(&bytes)
}

/// SHA-256 of a secret token, hex: what the store keeps instead of the token.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// The CSRF token that belongs to a session token.
pub fn csrf_for(session_token: &str) -> String {
    hex(&Sha256::digest(
        format!("jixiao-csrf\u{0}{session_token}").as_bytes(),
    ))
}

/// Compares without an early exit, so timing reveals nothing about the expected token.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

/// The `Set-Cookie` values that start a session (both cookies).
pub fn login_cookies(session_token: &str, max_age_secs: u64, secure: bool) -> [String; 2] {
    let secure = if secure { "; Secure" } else { "" };
    [
        format!("{SESSION_COOKIE}={session_token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}{secure}"),
        format!("{CSRF_COOKIE}={}; Path=/; SameSite=Strict; Max-Age={max_age_secs}{secure}", csrf_for(session_token)),
    ]
}

/// The `Set-Cookie` values that end a session.
pub fn logout_cookies(secure: bool) -> [String; 2] {
    let secure = if secure { "; Secure" } else { "" };
    [
        format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}"),
        format!("{CSRF_COOKIE}=; Path=/; SameSite=Strict; Max-Age=0{secure}"),
    ]
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn cookies_are_found_among_others() {
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; jixiao_session=abc ; b=2"),
        );
        h.append(header::COOKIE, HeaderValue::from_static("jixiao_csrf=def"));
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, CSRF_COOKIE), Some("def"));
        assert_eq!(cookie(&h, "missing"), None);
    }

    #[test]
    fn login_cookie_flags() {
        let [session, csrf] = login_cookies("tok", 3600, true);
        assert_eq!(
            session,
            "jixiao_session=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600; Secure"
        );
        assert!(csrf.starts_with(&format!(
            "jixiao_csrf={}; Path=/; SameSite=Strict",
            csrf_for("tok")
        )));
        assert!(!csrf.contains("HttpOnly"), "页面脚本需要读取 CSRF 令牌");
        let [session, _] = login_cookies("tok", 60, false);
        assert!(!session.contains("Secure"));
    }

    #[test]
    fn tokens_are_random_and_csrf_is_bound_to_the_session() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(csrf_for(&a), csrf_for(&b));
        assert!(same_token(&csrf_for(&a), &csrf_for(&a)));
        assert!(!same_token(&csrf_for(&a), &csrf_for(&b)));
        assert!(!same_token("ab", "abc"));
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
