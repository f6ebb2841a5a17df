//! The REST API under `/api/v1` (JSON in and out, errors as Chinese problem+json) and the
//! OpenAPI document at `/api/openapi.json`. Handlers are thin: parse, ask
//! [`crate::auth::policy`], call the store's operations, answer.

pub mod auth;
pub mod documents;
pub mod drafts;
pub mod exports;
pub mod indicators;
pub mod input;
pub mod compare;
pub mod library;
pub mod misc;
pub mod monitoring;
pub mod openapi;
pub mod organisations;
pub mod projects;
pub mod tables;
pub mod query;
pub mod selfeval;
pub mod templates;
pub mod version;
pub mod years;

use axum::routing::{delete, get, post};
use axum::Router;

use crate::problem::Problem;
use crate::state::AppState;

/// The API routes (listed in [`openapi::ROUTES`]; a test checks the two agree).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(misc::openapi))
        .route("/api/v1/auth/login", post(auth::login))
        .route("/api/v1/auth/logout", post(auth::logout))
        .route("/api/v1/auth/me", get(auth::me))
        .route("/api/v1/auth/tokens", post(auth::create_token))
        .route("/api/v1/auth/tokens/{id}", delete(auth::revoke_token))
        .route(
            "/api/v1/organisations",
            get(organisations::list).post(organisations::create),
        )
        .route(
            "/api/v1/organisations/{id}",
            get(organisations::get)
                .put(organisations::update)
                .delete(organisations::delete),
        )
        .route("/api/v1/years", get(misc::years))
        .route("/api/v1/fiscal-years", get(years::list).post(years::create))
        .route("/api/v1/fiscal-years/{year}", axum::routing::put(years::update))
        .route(
            "/api/v1/documents",
            get(documents::list).post(documents::upload),
        )
        .route(
            "/api/v1/documents/{id}",
            get(documents::get).delete(documents::delete),
        )
        .route("/api/v1/documents/{id}/diff", get(documents::diff))
        .route(
            "/api/v1/projects",
            get(projects::list).post(projects::create),
        )
        .route(
            "/api/v1/projects/{id}",
            get(projects::get)
                .put(projects::update)
                .delete(projects::delete),
        )
        .route("/api/v1/drafts", post(drafts::create))
        .route("/api/v1/drafts/review", post(drafts::review))
        .route("/api/v1/drafts/template", get(templates::blank_template).post(templates::draft_template))
        .route("/api/v1/projects/{id}/template", get(templates::project_template))
        .route("/api/v1/projects/{id}/self-evaluation.xlsx", get(selfeval::self_evaluation_xlsx))
        .route("/api/v1/projects/{id}/monitoring/self-evaluation.xlsx", get(monitoring::self_evaluation_xlsx))
        .route("/api/v1/years/{year}/workbook", get(exports::year_workbook_file))
        .route("/api/v1/projects/{id}/copy", post(drafts::copy))
        .route("/api/v1/projects/{id}/submit", post(projects::submit))
        .route("/api/v1/projects/{id}/return", post(projects::send_back))
        .route("/api/v1/projects/{id}/approve", post(projects::approve))
        .route("/api/v1/department-tables", get(tables::list))
        .route("/api/v1/department-tables/{id}", get(tables::get))
        .route("/api/v1/department-tables/{id}/submit", post(tables::submit))
        .route("/api/v1/department-tables/{id}/return", post(tables::send_back))
        .route("/api/v1/department-tables/{id}/approve", post(tables::approve))
        .route(
            "/api/v1/department-tables/{id}/comments",
            get(tables::comments).post(tables::add_comment),
        )
        .route(
            "/api/v1/projects/{id}/comments",
            get(projects::comments).post(projects::add_comment),
        )
        .route(
            "/api/v1/projects/{id}/monitoring",
            get(monitoring::get).put(monitoring::put),
        )
        .route(
            "/api/v1/indicators",
            get(indicators::list).post(indicators::create),
        )
        .route(
            "/api/v1/indicators/{id}",
            get(indicators::get)
                .put(indicators::update)
                .delete(indicators::delete),
        )
        .route("/api/v1/findings", get(misc::findings))
        .route("/api/v1/search", get(misc::search))
        .route("/api/v1/users", get(misc::users).post(misc::create_user))
        .route("/api/v1/users/{id}", axum::routing::put(misc::update_user))
        .route("/api/v1/audit", get(misc::audit))
        .route("/api/v1/library", get(library::list))
        .route("/api/v1/library/suggest", post(library::suggest))
        .route("/api/v1/library/{key}", get(library::get))
        .route("/api/v1/projects/{id}/benchmarks", get(library::benchmarks))
        .route("/api/v1/compare/project", get(compare::project))
        .route("/api/v1/compare/project.csv", get(compare::project_csv_file))
        .route("/api/v1/compare/departments", get(compare::departments))
        .route("/api/v1/compare/departments.csv", get(compare::departments_csv_file))
}

/// Unknown paths under the API.
pub async fn not_found() -> Problem {
    Problem::not_found("没有这个接口。接口列表见 /api/openapi.json。")
}

/// A known path with a method it does not take.
pub async fn method_not_allowed() -> Problem {
    Problem::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "方法不允许",
        "该接口不支持此 HTTP 方法。接口列表见 /api/openapi.json。",
    )
}
