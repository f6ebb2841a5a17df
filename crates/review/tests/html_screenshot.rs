//! The HTML report renders in Chromium: a headless screenshot of seed 002's report.

use std::path::{Path, PathBuf};
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

#[test]
fn html_report_renders_in_chromium() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let seed = root.join("tests/fixtures/seeds/002_cab738b0acffaaf0.txt");
    let reading = jixiao_read::read_path(&seed).expect("seed reads");
    let report = jixiao_review::review(&reading.document, &jixiao_review::Config::default());
    let html = jixiao_rules::render_html(&[("002_cab738b0acffaaf0.txt", &report)]);

    let dir = std::env::temp_dir().join(format!("jixiao-review-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("report.html");
    std::fs::write(&page, &html).unwrap();
    let png = dir.join("report.png");

    assert!(
        Path::new(CHROMIUM).exists(),
        "未找到 {CHROMIUM}：请先运行项目的安装脚本（CI 的 .ci 脚本会安装 chromium），或在本机执行 `apt-get update && apt-get install -y chromium`"
    );
    let status = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            &format!("--user-data-dir={}", dir.join("profile").display()),
            &format!("--screenshot={}", png.display()),
            "--window-size=1280,2000",
            &format!("file://{}", page.display()),
        ])
        .status()
        .expect("chromium starts");
    assert!(status.success(), "chromium exited with {status}");
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG file");
    assert!(
        bytes.len() > 50_000,
        "a non-trivial page ({} bytes)",
        bytes.len()
    );
    // Keep the latest screenshot for people to look at.
    if std::env::var_os("JIXIAO_SAVE_SCREENSHOT").is_some() {
        let out = root.join("docs/screenshots/review-report.png");
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        std::fs::copy(&png, out).unwrap();
    }
    let _ = std::fs::remove_dir_all(&dir);
}
