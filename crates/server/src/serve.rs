//! `jixiao serve`: open (and migrate) the database, make sure there is an administrator,
//! load the demo documents when asked on an empty database, then serve until Ctrl-C.

use std::net::SocketAddr;
use std::path::PathBuf;

use jixiao_store::{Store, StoreError};

use crate::auth::password::hash_password;
use crate::auth::session::random_token;
use crate::json::Limits;
use crate::problem::Problem;
use crate::router::router;
use crate::state::{AppState, Settings};

/// The environment variable holding the first administrator's password.
pub const ADMIN_PASSWORD_ENV: &str = "JIXIAO_ADMIN_PASSWORD";

/// `jixiao serve` 的选项。
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// `sqlite://文件` (default `sqlite://jixiao.db`) or `postgres://…`.
    pub db_url: String,
    /// `HOST:PORT`, default `127.0.0.1:8080`.
    pub addr: String,
    /// Import the demo documents when the database holds none.
    pub demo: bool,
    /// Where the demo documents are (the seeds).
    pub seeds_dir: PathBuf,
    /// Real published documents loaded with the demo besides the seeds (the test corpus's
    /// `*.txt`), so that the library and the comparisons have something to show; documents
    /// the reader refuses are skipped and counted. `None`: the seeds only.
    pub corpus_dir: Option<PathBuf>,
    /// Largest accepted request body (uploads), bytes.
    pub upload_limit: usize,
    /// Mark cookies `Secure` (behind TLS): `--secure-cookies`.
    pub secure_cookies: bool,
    /// Trust a reverse proxy's `X-Forwarded-*` headers: `--trust-proxy`.
    pub trust_proxy: bool,
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            db_url: "sqlite://jixiao.db".to_string(),
            addr: "127.0.0.1:8080".to_string(),
            demo: false,
            seeds_dir: PathBuf::from("tests/fixtures/seeds"),
            corpus_dir: None,
            upload_limit: 8 * 1024 * 1024,
            secure_cookies: false,
            trust_proxy: false,
        }
    }
}

/// 服务启动失败的原因。
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("无法监听地址 {addr}：{}", jixiao_model::io_reason(source))]
    Bind {
        addr: String,
        source: std::io::Error,
    },
    #[error("服务运行出错：{}", jixiao_model::io_reason(.0))]
    Io(#[from] std::io::Error),
    #[error("初始化失败：{0}")]
    Setup(String),
}

impl From<Problem> for ServerError {
    fn from(p: Problem) -> ServerError {
        ServerError::Setup(p.detail)
    }
}

/// Runs the service on a new multi-threaded runtime (for callers without one).
pub fn serve_blocking(opts: ServeOptions) -> Result<(), ServerError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(serve(opts))
}

impl ServeOptions {
    /// The service settings these options give.
    pub fn settings(&self) -> Settings {
        Settings {
            limits: Limits {
                body_bytes: self.upload_limit,
            },
            secure_cookies: self.secure_cookies,
            trust_proxy: self.trust_proxy,
            ..Settings::default()
        }
    }
}

/// Reviews again, one by one, the current revisions that have no stored grade yet.
async fn grade_old_revisions(store: Store) {
    let mut last = Vec::new();
    loop {
        let Ok(ids) = store.ungraded_revisions(50).await else { return };
        // Nothing left, or nothing graded the last time (no reviewer): done.
        if ids.is_empty() || ids == last {
            return;
        }
        last = ids.clone();
        for id in ids {
            if let Err(e) = store.rereview_revision(id).await {
                eprintln!("重新审核修订版 {id} 失败：{e}");
                return;
            }
        }
    }
}

/// Prepares the database and serves until Ctrl-C.
pub async fn serve(opts: ServeOptions) -> Result<(), ServerError> {
    let store = Store::open(&opts.db_url).await?;
    prepare(&store, &opts).await?;
    let settings = opts.settings();
    let state = AppState::new(store.clone(), settings);
    // Documents imported before grades were stored (migration 0008) are reviewed again in
    // the background, a revision per transaction; until then their pages say 未评.
    tokio::spawn(grade_old_revisions(state.store.clone()));
    let app = router(state);
    let listener = tokio::net::TcpListener::bind(&opts.addr)
        .await
        .map_err(|source| ServerError::Bind {
            addr: opts.addr.clone(),
            source,
        })?;
    let local = listener.local_addr()?;
    println!("jixiao 服务已启动：http://{local}/ （接口说明：http://{local}/api/openapi.json，按 Ctrl-C 停止）");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    store.close().await;
    Ok(())
}

/// Schema (done by `Store::open`), first administrator, demo data.
pub async fn prepare(store: &Store, opts: &ServeOptions) -> Result<(), ServerError> {
    ensure_admin(store).await?;
    if opts.demo {
        let started = std::time::Instant::now();
        let loaded = load_demo(store, &opts.seeds_dir, opts.corpus_dir.as_deref()).await?;
        let secs = started.elapsed().as_secs_f64();
        match loaded {
            Some(d) => {
                println!("已导入演示数据（用时 {secs:.1} 秒）：示例文档 {} 份（{}）。", d.seeds, opts.seeds_dir.display());
                if let Some(dir) = &opts.corpus_dir {
                    println!(
                        "另有语料文档 {} 份（{}）；{} 份无法读取，已跳过。",
                        d.corpus,
                        dir.display(),
                        d.skipped
                    );
                }
            }
            None => println!("数据库中已有文档，未导入演示数据。"),
        }
    }
    Ok(())
}

/// What the demo loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoLoaded {
    /// Seed documents imported.
    pub seeds: usize,
    /// Corpus documents imported, and those the reader refused (skipped).
    pub corpus: usize,
    pub skipped: usize,
}

/// Imports the demo documents when the database has none — the seeds, then the `*.txt` of
/// `corpus` (two at a time; a document the reader refuses is skipped and counted) —; the
/// demo's projects are then approved so that the public view shows them, the 自评表 paired
/// with them reviewed again. `None` when documents already exist.
pub async fn load_demo(store: &Store, seeds: &std::path::Path, corpus: Option<&std::path::Path>) -> Result<Option<DemoLoaded>, StoreError> {
    // Reviewing as the service does (`jixiao_import::reviewing`): each 自评表 is judged against
    // its paired target table whichever comes first, and the bulk approval at the end reviews
    // again those whose pairing it changes (a published 自评表 sees published targets only).
    let store = &jixiao_import::reviewing(store.clone());
    let Some(n) = jixiao_import::load_demo(store, seeds).await? else {
        return Ok(None);
    };
    let mut loaded = DemoLoaded { seeds: n, corpus: 0, skipped: 0 };
    if let Some(dir) = corpus {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        let summary = jixiao_import::import_paths(
            store,
            &files,
            2,
            &jixiao_import::ImportOptions::default(),
            |_, _, _| {},
        )
        .await;
        loaded.corpus = summary.imported.len() + summary.unchanged.len();
        loaded.skipped = summary.failed.len();
    }
    store.approve_all_drafts().await?;
    Ok(Some(loaded))
}

/// Creates the administrator `admin` when there is none: password from
/// `JIXIAO_ADMIN_PASSWORD`, or generated and printed once.
pub async fn ensure_admin(store: &Store) -> Result<(), ServerError> {
    if store.count_admins().await? > 0 {
        return Ok(());
    }
    let (password, generated) = match std::env::var(ADMIN_PASSWORD_ENV) {
        Ok(p) if !p.is_empty() => (p, false),
        _ => (random_token()[..20].to_string(), true),
    };
    let password_hash = hash_password(&password)?;
    let new = jixiao_store::NewUser {
        username: "admin",
        display_name: "系统管理员",
        password_hash: &password_hash,
        role: jixiao_store::Role::Admin,
        department_id: None,
    };
    store.create_user(None, &new).await?;
    if generated {
        println!("已创建系统管理员 admin，初始口令（只显示这一次）：{password}");
    } else {
        println!("已创建系统管理员 admin，口令取自环境变量 {ADMIN_PASSWORD_ENV}。");
    }
    Ok(())
}
