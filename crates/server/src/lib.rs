//! The jixiao HTTP service: REST API under `/api/v1` (JSON, errors as
//! `application/problem+json` in Chinese), accounts and roles (session cookies with CSRF
//! protection, API tokens), and [`serve`] behind `jixiao serve`.

pub mod api;
pub mod auth;
pub mod compare;
pub mod edge;
pub mod json;
pub mod library;
pub mod pages;
pub mod problem;
pub mod router;
pub mod serve;
pub mod state;

pub use router::router;
pub use serve::{serve, serve_blocking, ServeOptions, ServerError};
pub use state::{AppState, Settings};
