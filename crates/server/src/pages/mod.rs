//! Server-rendered pages in Chinese (issue 5): login, dashboard, department, project table
//! (绩效目标表), editing, upload, review workflow, work queues (待办), search, 指标库 (the indicator library, suggestions) and 运行监控 (monitoring entries,
//! saved through the API's save path).
//!
//! Pages are minijinja templates (`crates/server/templates`, embedded at compile time) over
//! the same store, [`Caller`](crate::auth::caller::Caller) and role policy as the API. Reads
//! are rendered here; writes from the pages (edits, workflow, uploads, comments) are sent by
//! `assets/app.js` to the JSON API with the session's CSRF token, so every write goes through
//! the one permission check the API has. Downloads (.xlsx/.docx/.csv) are written by
//! jixiao-office from the stored rows. Assets (htmx, ECharts, CSS) are served by jixiao
//! itself: nothing comes from a CDN.

mod admin;
mod assets;
mod check;
mod dashboard;
mod download;
mod draft;
mod department;
mod format;
mod compare;
mod library;
mod login;
mod monitoring;
mod overview;
mod project;
mod queries;
mod queue;
mod render;
mod search;
pub(crate) mod selfeval;
mod upload;

use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use crate::state::AppState;

pub use format::severity_name;
pub use render::{PageError, Viewer};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard::page))
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/departments/{id}", get(department::page))
        .route("/projects/{id}", get(project::page))
        .route("/projects/{id}/benchmarks", get(project::benchmarks))
        .route("/projects/{id}/reorder", post(project::reorder))
        .route("/projects/{id}/download/{format}", get(download::project_file))
        .route("/departments/{id}/download/{format}", get(download::department_file))
        .route("/years/{year}/download/{format}", get(download::year_file))
        .route("/projects/{id}/template.xlsx", get(download::project_template))
        .route("/projects/{id}/self-evaluation.xlsx", get(download::self_evaluation))
        .route("/drafts/new", get(draft::page))
        .route("/drafts/template.xlsx", get(download::blank_template))
        .route("/upload", get(upload::page))
        .route("/upload/diagnose", post(upload::diagnose))
        .route("/search", get(search::page))
        .route("/library", get(library::index))
        .route("/library/suggest", get(library::suggest))
        .route("/library/{key}", get(library::entry))
        .route("/compare/project", get(compare::project))
        .route("/compare/departments", get(compare::departments))
        .route("/queue", get(queue::page))
        .route("/admin/users", get(admin::users))
        .route("/admin/audit", get(admin::audit))
        .route("/admin/organisations", get(admin::organisations))
        .route("/admin/years", get(admin::years))
        .route("/ui/check-target", get(check::target))
        .route("/monitoring", get(monitoring::page).post(monitoring::preview))
        .route("/monitoring/template/{document}", get(monitoring::template))
        .route("/monitoring/entry", post(monitoring::entry))
        .route("/monitoring/self-evaluation/{document}", get(monitoring::self_evaluation))
        .route("/assets/{file}", get(assets::serve))
}

/// Unknown page.
pub async fn not_found() -> Response {
    PageError::NotFound("页面不存在。".into()).into_page(None)
}

/// After a write: the dashboard's cached figures are recomputed in the background.
pub fn after_write(store: jixiao_store::Store) {
    dashboard::cache::refresh_after_write(store)
}
