//! Browser end-to-end test: the real service on 127.0.0.1 with a fresh SQLite database and
//! known users (admin, a reviewer, fillers of two departments), driven by real Chromium
//! through `tests/e2e/run.mjs` (playwright-core). Screenshots go to `docs/screenshots/`.
//!
//! Needs `chromium` and `node` (installed by `scripts/install-test-deps.sh`); the npm
//! package is installed into `tests/e2e/node_modules` on first run.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao_server::auth::password::hash_password;
use jixiao_server::auth::policy::Role;
use jixiao_server::{router, AppState, Settings};
use jixiao_store::{NewOrganisation, NewUser, Store};

const PASSWORD: &str = "浏览器测试-口令-2024";
/// 门源县应急管理局 (uploaded in the browser by its filler).
const SEED_A: &str = "002_cab738b0acffaaf0.txt";
/// 石家庄高新区应急管理局 (the other department).
const SEED_B: &str = "004_ef264869df8a45bf.txt";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn have(program: &str) -> bool {
    Command::new(program).arg("--version").output().is_ok_and(|o| o.status.success())
}

/// The department printed on a seed, as the reader reads it.
fn department_of(seed: &Path) -> String {
    let reading = jixiao_read::read_path(seed).expect("种子文档应能读取");
    reading.document.department.expect("种子文档应印有部门名称").value
}

async fn department(store: &Store, admin: i64, name: &str) -> i64 {
    let bureau: i64 = sqlx::query_scalar("SELECT id FROM organisations WHERE kind = 'bureau' ORDER BY id LIMIT 1")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let new = NewOrganisation { parent_id: bureau, kind: "department".into(), name: name.into(), code: None };
    store.create_organisation(admin, &new).await.expect("应能建立部门").id
}

async fn user(store: &Store, admin: i64, username: &str, display_name: &str, role: Role, department_id: Option<i64>) {
    let password_hash = hash_password(PASSWORD).unwrap();
    let new = NewUser { username, display_name, password_hash: &password_hash, role, department_id };
    store.create_user(Some(admin), &new).await.unwrap_or_else(|e| panic!("建立用户 {username}：{e}"));
}

fn npm_install(e2e: &Path) {
    if e2e.join("node_modules/playwright-core").exists() {
        return;
    }
    let (cmd, args): (&str, &[&str]) = if e2e.join("package-lock.json").exists() {
        ("npm", &["ci", "--no-audit", "--no-fund"])
    } else {
        ("npm", &["install", "--no-audit", "--no-fund"])
    };
    let status = Command::new(cmd).args(args).current_dir(e2e).status().expect("应能运行 npm");
    assert!(status.success(), "在 tests/e2e 中安装 playwright-core 失败（npm {}）", args.join(" "));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_in_a_real_browser() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists() && have("node") && have("npm"),
        "浏览器测试需要 chromium（{chromium}）、node 和 npm：请先运行 scripts/install-test-deps.sh"
    );
    let root = root();
    let e2e = root.join("tests/e2e");
    let seeds = root.join("tests/fixtures/seeds");
    let shots = root.join("docs/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    npm_install(&e2e);

    // A fresh database with the admin, two departments and their users.
    let dir = std::env::temp_dir().join(format!("jixiao_browser_{}_{}", std::process::id(), jixiao_store::time::now().replace(':', "")));
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::open(&format!("sqlite://{}", dir.join("e2e.db").display())).await.unwrap();
    std::env::set_var(jixiao_server::serve::ADMIN_PASSWORD_ENV, PASSWORD);
    jixiao_server::serve::ensure_admin(&store).await.unwrap();
    let admin: i64 = sqlx::query_scalar("SELECT id FROM users WHERE role = 'admin'").fetch_one(store.pool()).await.unwrap();
    let dept_a = department(&store, admin, &department_of(&seeds.join(SEED_A))).await;
    let dept_b = department(&store, admin, &department_of(&seeds.join(SEED_B))).await;
    user(&store, admin, "reviewer", "王审核", Role::Reviewer, None).await;
    user(&store, admin, "filler_a", "李填报", Role::Filler, Some(dept_a)).await;
    user(&store, admin, "filler_b", "赵填报", Role::Filler, Some(dept_b)).await;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = router(AppState::new(store.clone(), Settings::default()));
    let server = tokio::spawn(async move {
        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap();
    });

    let base = format!("http://{addr}");
    let seed_a = seeds.join(SEED_A);
    let output = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg(e2e.join("run.mjs"))
            .arg(&base)
            .env("JIXIAO_E2E_PASSWORD", PASSWORD)
            .env("JIXIAO_E2E_SEED", &seed_a)
            .env("JIXIAO_E2E_SHOTS", &shots)
            .env("CHROMIUM", &chromium)
            .output()
            .expect("应能运行 node")
    })
    .await
    .unwrap();
    server.abort();
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(output.status.success(), "浏览器测试失败（退出码 {:?}）：\n{stdout}\n{stderr}", output.status.code());
}
