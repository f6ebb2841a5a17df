//! Login-and-read load (issue 13; not a CI test): starts `jixiao serve` in a child process
//! (the demo documents, `--trust-proxy` so each simulated client can come from its own
//! address), then for a given time runs, at once,
//!
//! - login workers (default 120): POST /api/v1/auth/login for a pool of real users, with right
//!   and wrong passwords and unknown names, each request from a random client address
//!   (`X-Forwarded-For`), new connection each time, no pause but `--pause-ms`;
//! - read workers (default 40): the public API and pages (project list and detail, indicator
//!   list, search, dashboard, department page).
//!
//! It prints the status counts per kind, the number of 5xx answers and the server's peak
//! resident memory (VmHWM of the child, and the largest VmRSS sampled every 100 ms), and
//! exits 1 when any answer was 5xx or the peak reached 300 MiB.
//!
//! ```sh
//! cargo run -p jixiao-server --example login_load -- [--seconds 60] [--logins 120] [--readers 40] [--db URL]
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

const PASSWORD: &str = "load-test-口令-0123456789";
const USERS: usize = 20;
const LIMIT_MIB: u64 = 300;

struct Options {
    seconds: u64,
    logins: usize,
    readers: usize,
    pause_ms: u64,
    db: Option<String>,
}

fn options() -> Options {
    let mut o = Options { seconds: 60, logins: 120, readers: 40, pause_ms: 0, db: None };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut num = || args.next().and_then(|n| n.parse::<u64>().ok()).unwrap_or_else(|| usage(&a));
        match a.as_str() {
            "--seconds" => o.seconds = num(),
            "--logins" => o.logins = num() as usize,
            "--readers" => o.readers = num() as usize,
            "--pause-ms" => o.pause_ms = num(),
            "--db" => o.db = args.next(),
            _ => usage(&a),
        }
    }
    o
}

fn usage(arg: &str) -> ! {
    eprintln!("参数有误：{arg}\n用法：login_load [--seconds 60] [--logins 120] [--readers 40] [--pause-ms 0] [--db URL]");
    std::process::exit(2)
}

/// The child: `login_load --serve ADDR DB` serves like `jixiao serve --demo --trust-proxy`.
fn serve_child(addr: String, db: String) {
    let opts = jixiao_server::ServeOptions {
        db_url: db,
        addr,
        demo: true,
        seeds_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds"),
        trust_proxy: true,
        ..Default::default()
    };
    if let Err(e) = jixiao_server::serve_blocking(opts) {
        eprintln!("服务出错：{e}");
        std::process::exit(1);
    }
}

/// A tiny xorshift: reproducible enough, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// One HTTP/1.1 request on a new connection; the status code (0 when the connection failed).
async fn request(addr: &str, method: &str, path: &str, headers: &[(&str, String)], body: &[u8]) -> (u16, Vec<u8>) {
    let Ok(mut stream) = tokio::net::TcpStream::connect(addr).await else { return (0, vec![]) };
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    if stream.write_all(head.as_bytes()).await.is_err() || stream.write_all(body).await.is_err() {
        return (0, vec![]);
    }
    let mut out = Vec::new();
    if stream.read_to_end(&mut out).await.is_err() && out.is_empty() {
        return (0, vec![]);
    }
    let status = std::str::from_utf8(&out[..out.len().min(12)])
        .ok()
        .and_then(|l| l.get(9..12))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = match out.windows(4).position(|w| w == b"\r\n\r\n") {
        Some(i) => out[i + 4..].to_vec(),
        None => vec![],
    };
    (status, body)
}

fn kib_of(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

type Counts = Arc<Mutex<BTreeMap<(&'static str, u16), u64>>>;

fn count(counts: &Counts, kind: &'static str, status: u16) {
    *counts.lock().unwrap().entry((kind, status)).or_insert(0) += 1;
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--serve") {
        return serve_child(args[2].clone(), args[3].clone());
    }
    let o = options();
    let dir = std::env::temp_dir().join(format!("jixiao_login_load_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = o.db.clone().unwrap_or_else(|| format!("sqlite://{}", dir.join("load.db").display()));
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let addr = format!("127.0.0.1:{port}");
    let child = Command::new(std::env::current_exe().unwrap())
        .args(["--serve", &addr, &db])
        .env(jixiao_server::serve::ADMIN_PASSWORD_ENV, PASSWORD)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("启动服务进程");
    let pid = child.id();
    let server = Server(child);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let ok = rt.block_on(run(&o, &addr, pid));
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
    std::process::exit(if ok { 0 } else { 1 });
}

async fn run(o: &Options, addr: &str, pid: u32) -> bool {
    let ready = Instant::now();
    loop {
        if request(addr, "GET", "/api/v1/years", &[], b"").await.0 == 200 {
            break;
        }
        if ready.elapsed() > Duration::from_secs(120) {
            eprintln!("服务 120 秒内未就绪");
            return false;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    println!("服务已就绪（{:.1} 秒，演示数据已导入），启动后常驻内存 {} MiB", ready.elapsed().as_secs_f64(), kib_of(pid, "VmRSS:") / 1024);
    // Users to log in as (created by the admin through the API).
    let json = [("Content-Type", "application/json".to_string())];
    let token = admin_token(addr).await;
    let auth = ("Authorization", format!("Bearer {token}"));
    for i in 0..USERS {
        let body = format!(r#"{{"username":"load{i}","password":"{PASSWORD}","role":"reviewer"}}"#);
        let (s, b) = request(addr, "POST", "/api/v1/users", &[json[0].clone(), auth.clone()], body.as_bytes()).await;
        assert!(s == 201 || s == 409, "新建用户：{s} {}", String::from_utf8_lossy(&b));
    }
    let (_, b) = request(addr, "GET", "/api/v1/projects?per_page=200", &[], b"").await;
    let projects: Vec<i64> = serde_json::from_slice::<serde_json::Value>(&b).unwrap()["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["id"].as_i64())
        .collect();
    let departments: Vec<i64> = serde_json::from_slice::<serde_json::Value>(&b).unwrap()["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["department_id"].as_i64())
        .collect();
    println!("{} 个公开项目，{USERS} 个用户；{} 个登录客户端、{} 个读取客户端，{} 秒", projects.len(), o.logins, o.readers, o.seconds);

    let counts: Counts = Arc::default();
    let peak_rss = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(o.seconds);
    let mut tasks = Vec::new();
    {
        let peak = peak_rss.clone();
        tasks.push(tokio::spawn(async move {
            while Instant::now() < deadline {
                peak.fetch_max(kib_of(pid, "VmRSS:"), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }));
    }
    for w in 0..o.logins {
        let (addr, counts, pause) = (addr.to_string(), counts.clone(), o.pause_ms);
        tasks.push(tokio::spawn(async move {
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((w as u64 + 1) * 0x1000_0001));
            while Instant::now() < deadline {
                let (user, password, kind) = match rng.below(10) {
                    0..=3 => (format!("load{}", rng.below(USERS as u64)), PASSWORD.to_string(), "登录（正确口令）"),
                    4..=7 => (format!("load{}", rng.below(USERS as u64)), format!("wrong{}", rng.next()), "登录（错误口令）"),
                    _ => (format!("nobody{}", rng.below(1000)), "x".to_string(), "登录（未知用户）"),
                };
                let client = format!("10.{}.{}.{}", rng.below(256), rng.below(256), 1 + rng.below(254));
                let body = format!(r#"{{"username":"{user}","password":"{password}"}}"#);
                let headers = [("Content-Type", "application/json".to_string()), ("X-Forwarded-For", client)];
                let (status, _) = request(&addr, "POST", "/api/v1/auth/login", &headers, body.as_bytes()).await;
                count(&counts, kind, status);
                if pause > 0 {
                    tokio::time::sleep(Duration::from_millis(pause)).await;
                }
            }
        }));
    }
    for w in 0..o.readers {
        let (addr, counts, projects, departments) = (addr.to_string(), counts.clone(), projects.clone(), departments.clone());
        tasks.push(tokio::spawn(async move {
            let mut rng = Rng(0xD1B5_4A32_D192_ED03 ^ ((w as u64 + 7) * 0x0100_0193));
            let pick = |rng: &mut Rng, v: &[i64]| v.get(rng.below(v.len() as u64) as usize).copied().unwrap_or(1);
            while Instant::now() < deadline {
                let path = match rng.below(6) {
                    0 => "/api/v1/projects?per_page=50".to_string(),
                    1 => format!("/api/v1/projects/{}", pick(&mut rng, &projects)),
                    2 => format!("/api/v1/indicators?project={}", pick(&mut rng, &projects)),
                    3 => "/search?q=%E5%AE%89%E5%85%A8".to_string(),
                    4 => "/".to_string(),
                    _ => format!("/departments/{}", pick(&mut rng, &departments)),
                };
                let (status, _) = request(&addr, "GET", &path, &[], b"").await;
                count(&counts, "读取", status);
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let hwm = kib_of(pid, "VmHWM:");
    let sampled = peak_rss.load(Ordering::Relaxed);
    let counts = counts.lock().unwrap().clone();
    let mut per_kind: BTreeMap<&str, Vec<(u16, u64)>> = BTreeMap::new();
    for ((kind, status), n) in &counts {
        per_kind.entry(kind).or_default().push((*status, *n));
    }
    println!("\n结果（{} 秒）：", o.seconds);
    let mut total = 0;
    for (kind, statuses) in &per_kind {
        let n: u64 = statuses.iter().map(|(_, n)| n).sum();
        total += n;
        let shown: Vec<String> = statuses.iter().map(|(s, n)| format!("{s}: {n}")).collect();
        println!("  {kind}：{n} 次（{:.0} 次/秒） {}", n as f64 / o.seconds as f64, shown.join("，"));
    }
    let server_errors: u64 = counts.iter().filter(|((_, s), _)| *s >= 500 || *s == 0).map(|(_, n)| n).sum();
    println!("  合计 {total} 次请求；5xx 或连接失败：{server_errors}");
    println!("  服务进程峰值常驻内存：VmHWM {} MiB（每 100 ms 采样的 VmRSS 最大 {} MiB），上限 {LIMIT_MIB} MiB", hwm / 1024, sampled / 1024);
    let ok = server_errors == 0 && hwm / 1024 < LIMIT_MIB;
    println!("{}", if ok { "通过：无 5xx，内存低于上限。" } else { "未通过。" });
    ok
}

/// An API token for the administrator (via a session: login, then POST /api/v1/auth/tokens).
async fn admin_token(addr: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let body = format!(r#"{{"username":"admin","password":"{PASSWORD}"}}"#);
    let req = format!(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(req.as_bytes()).await.unwrap();
    let mut out = String::new();
    stream.read_to_string(&mut out).await.unwrap();
    let cookie = out
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: jixiao_session=").or_else(|| l.strip_prefix("Set-Cookie: jixiao_session=")))
        .and_then(|v| v.split(';').next())
        .expect("会话 Cookie")
        .to_string();
    let json: serde_json::Value = serde_json::from_str(&out[out.find("\r\n\r\n").unwrap() + 4..]).unwrap();
    let csrf = json["csrf_token"].as_str().unwrap().to_string();
    let headers = [
        ("Content-Type", "application/json".to_string()),
        ("Cookie", format!("jixiao_session={cookie}")),
        ("X-CSRF-Token", csrf),
    ];
    let (s, b) = request(addr, "POST", "/api/v1/auth/tokens", &headers, br#"{"name":"load"}"#).await;
    assert_eq!(s, 201, "{}", String::from_utf8_lossy(&b));
    serde_json::from_slice::<serde_json::Value>(&b).unwrap()["token"].as_str().unwrap().to_string()
}
