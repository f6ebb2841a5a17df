//! The jixiao HTTP service: REST API under `/api/v1` (JSON, errors as
//! `application/problem+json` in Chinese), accounts and roles (session cookies with CSRF
//! protection, API tokens), and [`serve`] behind `jixiao serve`.

pub mod api;
pub mod auth;
pub mod json;
pub mod problem;
