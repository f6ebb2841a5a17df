//! Test harness: a real store (SQLite temp file or a fresh PostgreSQL database), the real
//! router driven in-process, users of every role with API tokens, and two departments
//! filled from the seed documents.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use jixiao_server::{router, AppState, Settings};
use jixiao_store::Store;
use serde_json::{json, Value};
use tower::ServiceExt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Writes each test once and runs it on both backends: `both!(name);` after
/// `async fn name(b: Backend)`.
#[macro_export]
macro_rules! both {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::common::Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::common::Backend::Postgres).await
            }
        }
    };
}

pub fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds")
}

/// 门源县应急管理局, 2023 (department A).
pub const SEED_A: &str = "002_cab738b0acffaaf0.txt";
/// 石家庄高新区应急管理局, 2020 (department B).
pub const SEED_B: &str = "004_ef264869df8a45bf.txt";

pub fn seed(name: &str) -> Vec<u8> {
    std::fs::read(seeds_dir().join(name)).expect("种子文档应存在")
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "{prefix}_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// A fresh, migrated store. PostgreSQL gets a new database per call.
pub async fn fresh_store(backend: Backend) -> Store {
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join(unique("jixiao_server_test"));
            std::fs::create_dir_all(&dir).unwrap();
            Store::open(&format!("sqlite://{}", dir.join("test.db").display()))
                .await
                .expect("SQLite 数据库应能打开")
        }
        Backend::Postgres => {
            let base = std::env::var("JIXIAO_TEST_PG_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string());
            let admin = Store::connect(&base).await.unwrap_or_else(|e| {
                panic!("无法连接 PostgreSQL（{base}）：{e}。请先运行 scripts/pg-test-server.sh 启动测试数据库。")
            });
            drop_old_databases(&admin).await;
            let name = unique("jixiao_srv");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(admin.pool())
                .await
                .expect("应能建立测试数据库");
            admin.close().await;
            let (root, _) = base.rsplit_once('/').expect("PostgreSQL 地址应含数据库名");
            Store::open(&format!("{root}/{name}"))
                .await
                .expect("PostgreSQL 测试数据库应能打开")
        }
    }
}

static CLEANED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Drops test databases left by earlier runs (other process ids). A database still in use
/// cannot be dropped, so a concurrent run elsewhere is never disturbed.
async fn drop_old_databases(admin: &Store) {
    if CLEANED.swap(true, Ordering::SeqCst) {
        return;
    }
    let mine = format!("jixiao_srv_{}_%", std::process::id());
    let old: Vec<String> = sqlx::query_scalar(
        "SELECT datname::text FROM pg_database WHERE datname LIKE 'jixiao_srv_%' AND datname NOT LIKE $1",
    )
    .bind(mine)
    .fetch_all(admin.pool())
    .await
    .unwrap_or_default();
    for name in old {
        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
            .execute(admin.pool())
            .await;
    }
}

/// How a request authenticates.
#[derive(Debug, Clone)]
pub enum Auth {
    Public,
    Bearer(String),
    /// Session cookie, and the CSRF token to send (None: send none).
    Session {
        cookie: String,
        csrf: Option<String>,
    },
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Value,
    /// The body as sent (a download's bytes).
    pub bytes: axum::body::Bytes,
}

impl Answer {
    pub fn content_type(&self) -> &str {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
    pub fn detail(&self) -> &str {
        self.body["detail"].as_str().unwrap_or("")
    }
}

pub struct App {
    pub router: Router,
    pub store: Store,
    pub admin: Auth,
    pub reviewer: Auth,
    /// Filler of department A.
    pub filler: Auth,
    /// Filler of department B.
    pub filler_b: Auth,
    pub dept_a: i64,
    pub dept_b: i64,
    pub doc_a: i64,
    pub doc_b: i64,
    /// The router's indicator library cache (`jixiao_server::library`).
    pub library: std::sync::Arc<jixiao_server::library::LibraryCache>,
}

pub const PASSWORD: &str = "测试口令-0123456789";

impl App {
    /// Every kind of reader with whether it may read department A's drafts: who sees what a
    /// visibility test expects, in one list.
    pub fn readers_of_a_drafts(&self) -> [(&'static str, &Auth, bool); 5] {
        [
            ("系统管理员", &self.admin, true),
            ("财政审核员", &self.reviewer, true),
            ("本部门填报员", &self.filler, true),
            ("外部门填报员", &self.filler_b, false),
            ("公众", &Auth::Public, false),
        ]
    }

    /// Store + router with an admin; seeds A and B imported; reviewer and fillers created.
    pub async fn new(backend: Backend) -> App {
        Self::with_settings(backend, Settings::default()).await
    }

    pub async fn with_settings(backend: Backend, settings: Settings) -> App {
        let store = fresh_store(backend).await;
        std::env::set_var(jixiao_server::serve::ADMIN_PASSWORD_ENV, PASSWORD);
        jixiao_server::serve::ensure_admin(&store).await.unwrap();
        let state = AppState::new(store.clone(), settings);
        let library = state.library.clone();
        let router = router(state);
        let mut app = App {
            library,
            router,
            store,
            admin: Auth::Public,
            reviewer: Auth::Public,
            filler: Auth::Public,
            filler_b: Auth::Public,
            dept_a: 0,
            dept_b: 0,
            doc_a: 0,
            doc_b: 0,
        };
        app.admin = app.token_for("admin").await;
        let a = app.upload(&app.admin.clone(), SEED_A, &seed(SEED_A)).await;
        assert!(a.status.is_success(), "导入种子 A：{} {}", a.status, a.body);
        let b = app.upload(&app.admin.clone(), SEED_B, &seed(SEED_B)).await;
        assert!(b.status.is_success(), "导入种子 B：{} {}", b.status, b.body);
        app.doc_a = a.body["document_id"].as_i64().unwrap();
        app.doc_b = b.body["document_id"].as_i64().unwrap();
        let doc = app
            .get(
                &app.admin.clone(),
                &format!("/api/v1/documents/{}", app.doc_a),
            )
            .await;
        app.dept_a = doc.body["department_id"].as_i64().expect("种子 A 应有部门");
        let doc = app
            .get(
                &app.admin.clone(),
                &format!("/api/v1/documents/{}", app.doc_b),
            )
            .await;
        app.dept_b = doc.body["department_id"].as_i64().expect("种子 B 应有部门");
        app.reviewer = app.user("reviewer", json!({ "role": "reviewer" })).await;
        app.filler = app
            .user(
                "filler_a",
                json!({ "role": "filler", "department_id": app.dept_a }),
            )
            .await;
        app.filler_b = app
            .user(
                "filler_b",
                json!({ "role": "filler", "department_id": app.dept_b }),
            )
            .await;
        app
    }

    /// The router over a store already filled (nothing imported here, no users created but
    /// the administrator's token): for tests of what another path stored.
    pub async fn on_store(store: Store) -> App {
        std::env::set_var(jixiao_server::serve::ADMIN_PASSWORD_ENV, PASSWORD);
        jixiao_server::serve::ensure_admin(&store).await.unwrap();
        let state = AppState::new(store.clone(), Settings::default());
        let library = state.library.clone();
        let router = router(state);
        let mut app = App {
            library,
            router,
            store,
            admin: Auth::Public,
            reviewer: Auth::Public,
            filler: Auth::Public,
            filler_b: Auth::Public,
            dept_a: 0,
            dept_b: 0,
            doc_a: 0,
            doc_b: 0,
        };
        app.admin = app.token_for("admin").await;
        app
    }

    /// Creates a user (as admin) and returns an API token for them.
    pub async fn user(&self, username: &str, extra: Value) -> Auth {
        let mut body = json!({ "username": username, "password": PASSWORD });
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        let r = self
            .send(&self.admin, Method::POST, "/api/v1/users", Some(body))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        self.token_for(username).await
    }

    /// Logs in (session) and creates an API token.
    pub async fn token_for(&self, username: &str) -> Auth {
        let session = self.login(username, PASSWORD).await;
        let r = self
            .send(
                &session,
                Method::POST,
                "/api/v1/auth/tokens",
                Some(json!({ "name": "测试" })),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        Auth::Bearer(r.body["token"].as_str().unwrap().to_string())
    }

    /// Logs in; returns the session (cookie + CSRF token).
    pub async fn login(&self, username: &str, password: &str) -> Auth {
        let r = self
            .send(
                &Auth::Public,
                Method::POST,
                "/api/v1/auth/login",
                Some(json!({ "username": username, "password": password })),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "登录 {username}：{}", r.body);
        let cookie = r
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("jixiao_session="))
            .and_then(|c| c.split(';').next())
            .unwrap()
            .to_string();
        Auth::Session {
            cookie,
            csrf: r.body["csrf_token"].as_str().map(str::to_string),
        }
    }

    pub async fn raw(
        &self,
        auth: &Auth,
        method: Method,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Answer {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(ct) = content_type {
            req = req.header(header::CONTENT_TYPE, ct);
        }
        match auth {
            Auth::Public => {}
            Auth::Bearer(t) => req = req.header(header::AUTHORIZATION, format!("Bearer {t}")),
            Auth::Session { cookie, csrf } => {
                req = req.header(header::COOKIE, cookie.as_str());
                if let Some(c) = csrf {
                    req = req.header("x-csrf-token", c.as_str());
                }
            }
        }
        let response = self
            .router
            .clone()
            .oneshot(req.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        Answer {
            status,
            headers,
            body,
            bytes,
        }
    }

    pub async fn send(
        &self,
        auth: &Auth,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Answer {
        match body {
            Some(b) => {
                self.raw(
                    auth,
                    method,
                    path,
                    Some("application/json"),
                    serde_json::to_vec(&b).unwrap(),
                )
                .await
            }
            None => self.raw(auth, method, path, None, Vec::new()).await,
        }
    }

    pub async fn get(&self, auth: &Auth, path: &str) -> Answer {
        self.send(auth, Method::GET, path, None).await
    }

    pub async fn upload(&self, auth: &Auth, name: &str, bytes: &[u8]) -> Answer {
        self.raw(
            auth,
            Method::POST,
            &format!("/api/v1/documents?name={name}"),
            Some("text/plain"),
            bytes.to_vec(),
        )
        .await
    }

    /// The first project of a document (as admin sees it).
    pub async fn first_project(&self, doc: i64) -> Value {
        let r = self
            .get(
                &self.admin,
                &format!("/api/v1/projects?document={doc}&per_page=1"),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        r.body["items"][0].clone()
    }

    /// Creates a fresh draft project (as admin) in `doc`, with one indicator.
    pub async fn fresh_project(&self, doc: i64) -> (i64, i64) {
        let r = self
            .send(
                &self.admin,
                Method::POST,
                "/api/v1/projects",
                Some(json!({ "document_id": doc, "name": "测试项目", "budget_total": "10.5" })),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let project = r.body["id"].as_i64().unwrap();
        let r = self
            .send(&self.admin, Method::POST, "/api/v1/indicators", Some(json!({
                "project_id": project, "level1": "产出指标", "level2": "数量指标", "level3": "培训人次", "target": "≥100人次"
            })))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        (project, r.body["id"].as_i64().unwrap())
    }

    /// Moves a project to 已提交 (as admin). A project with error findings needs a
    /// justification (说明) to be submitted: it is given when the API asks for it.
    pub async fn submit_as_admin(&self, project: i64) {
        let v = self
            .get(&self.admin, &format!("/api/v1/projects/{project}"))
            .await
            .body["version"]
            .as_i64()
            .unwrap();
        let r = self
            .send(
                &self.admin,
                Method::POST,
                &format!("/api/v1/projects/{project}/submit"),
                Some(json!({ "version": v })),
            )
            .await;
        let r = if r.status == StatusCode::UNPROCESSABLE_ENTITY && r.detail().contains("错误级审核发现") {
            self.send(
                &self.admin,
                Method::POST,
                &format!("/api/v1/projects/{project}/submit"),
                Some(json!({ "version": v, "comment": "测试：错误级审核发现已知，带着错误提交。" })),
            )
            .await
        } else {
            r
        };
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }

    /// Submits and approves a project as admin: it is published.
    pub async fn publish_as_admin(&self, project: i64) {
        self.submit_as_admin(project).await;
        let v = self.get(&self.admin, &format!("/api/v1/projects/{project}")).await.body["version"]
            .as_i64()
            .unwrap();
        let r = self
            .send(
                &self.admin,
                Method::POST,
                &format!("/api/v1/projects/{project}/approve"),
                Some(json!({ "version": v })),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }

    pub async fn audit_count(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
            .fetch_one(self.store.pool())
            .await
            .unwrap()
    }

    /// A fingerprint of every table's row count, to show a refused request changed nothing.
    pub async fn row_counts(&self) -> Vec<i64> {
        let mut out = Vec::new();
        for t in [
            "organisations",
            "users",
            "documents",
            "document_revisions",
            "projects",
            "indicators",
            "goals",
            "findings",
            "comments",
            "audit_log",
            "api_tokens",
        ] {
            out.push(
                sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {t}"))
                    .fetch_one(self.store.pool())
                    .await
                    .unwrap(),
            );
        }
        out
    }
}
