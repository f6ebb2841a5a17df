//! `serve`: first administrator, demo data on an empty database only, and real TCP serving.

mod common;

use axum::http::Method;
use common::{fresh_store, seeds_dir, Backend};
use jixiao_server::serve::{prepare, ADMIN_PASSWORD_ENV};
use jixiao_server::ServeOptions;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn count(store: &jixiao_store::Store, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(store.pool())
        .await
        .unwrap()
}

async fn demo_loads_once_and_is_published(b: Backend) {
    let store = fresh_store(b).await;
    std::env::set_var(ADMIN_PASSWORD_ENV, common::PASSWORD);
    let opts = ServeOptions {
        demo: true,
        seeds_dir: seeds_dir(),
        ..Default::default()
    };
    prepare(&store, &opts).await.unwrap();
    let documents = count(&store, "SELECT COUNT(*) FROM documents").await;
    let seeds = std::fs::read_dir(seeds_dir()).unwrap().count() as i64;
    assert_eq!(documents, seeds, "每份种子文档一份");
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM projects WHERE status <> 'approved'"
        )
        .await,
        0,
        "演示数据公开可读"
    );
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM users WHERE role = 'admin'").await,
        1
    );
    // A second start changes nothing: no second admin, no second import.
    let revisions = count(&store, "SELECT COUNT(*) FROM document_revisions").await;
    prepare(&store, &opts).await.unwrap();
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM document_revisions").await,
        revisions
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM users").await, 1);
}
both!(demo_loads_once_and_is_published);

/// `--demo` with the corpus: the seeds and the real documents of `tests/fixtures/corpus`
/// (those the reader refuses skipped and counted), all published, so the library, suggestions
/// and the comparisons show something to the public on first start; the time is printed.
async fn demo_with_the_corpus_fills_library_and_comparisons(b: Backend) {
    let store = fresh_store(b).await;
    std::env::set_var(ADMIN_PASSWORD_ENV, common::PASSWORD);
    let corpus = seeds_dir().join("../corpus");
    let started = std::time::Instant::now();
    let loaded = jixiao_server::serve::load_demo(&store, &seeds_dir(), Some(&corpus)).await.unwrap().unwrap();
    let secs = started.elapsed().as_secs_f64();
    let txt = std::fs::read_dir(&corpus).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "txt")).count();
    println!("{b:?}：演示数据 {loaded:?}，用时 {secs:.1} 秒");
    assert_eq!(loaded.corpus + loaded.skipped, txt, "{b:?}：每份语料文档或导入或跳过");
    assert!(loaded.corpus >= txt * 3 / 4, "{b:?}：大部分语料文档可读：{loaded:?}");
    let documents = count(&store, "SELECT COUNT(*) FROM documents").await;
    assert_eq!(documents as usize, loaded.seeds + loaded.corpus);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM projects WHERE status <> 'approved'").await, 0);
    // The public sees the library, and a department comparison of several departments.
    let app = common::App::on_store(store.clone()).await;
    let r = app.get(&common::Auth::Public, "/api/v1/library?per_page=1").await;
    assert!(r.body["total"].as_u64().unwrap() > 500, "{}", r.body["total"]);
    let r = app.get(&common::Auth::Public, "/api/v1/compare/departments").await;
    let years = r.body["years"].as_array().unwrap().len();
    assert!(years >= 5, "语料跨多个年度：{}", r.body["years"]);
    let mut most = 0;
    for y in r.body["years"].as_array().unwrap() {
        let d = app.get(&common::Auth::Public, &format!("/api/v1/compare/departments?year={y}")).await;
        most = most.max(d.body["departments"].as_array().unwrap().len());
    }
    assert!(most >= 3, "某一年度至少有三个部门可对比（最多 {most} 个）");
    // Suggestions answer on the corpus: plausible new projects of two sectors get indicators
    // of similar published projects, each with the projects it comes from.
    for (project, source_word) in [("安全生产宣传培训", "应急管理局"), ("公共图书馆免费开放", "文化和旅游局")] {
        let r = app
            .send(&common::Auth::Public, Method::POST, "/api/v1/library/suggest", Some(json!({ "name": project })))
            .await;
        assert_eq!(r.status, axum::http::StatusCode::OK, "{project}：{}", r.body);
        let items = r.body["items"].as_array().unwrap();
        assert!(items.len() >= 5, "{b:?}：“{project}”应有建议：{}", r.body);
        assert!(items.iter().all(|i| !i["sources"].as_array().unwrap().is_empty()), "{}", r.body);
        assert!(r.body.to_string().contains(source_word), "{b:?}：“{project}”的建议应出自{source_word}的项目：{}", r.body);
    }
    // The 自评表's stored findings are current after the bulk approval: reviewing each again
    // (as any later edit or step would) changes none of them.
    let revisions: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT p.revision_id FROM projects p JOIN documents d ON d.current_revision_id = p.revision_id \
         WHERE p.evaluation IS NOT NULL ORDER BY p.revision_id",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    assert!(revisions.len() >= 12, "{b:?}: the corpus's 自评表: {revisions:?}");
    let reviewing = jixiao_import::reviewing(store.clone());
    let findings = |r: i64| {
        let store = store.clone();
        async move {
            let rows: Vec<(String, String)> = sqlx::query_as("SELECT rule, message FROM findings WHERE revision_id = $1 ORDER BY rule, message")
                .bind(r)
                .fetch_all(store.pool())
                .await
                .unwrap();
            rows
        }
    };
    for r in revisions {
        let stored = findings(r).await;
        reviewing.rereview_revision(r).await.unwrap();
        assert_eq!(findings(r).await, stored, "{b:?}: revision {r}'s findings after the demo's approval");
    }
    // Again: nothing more.
    assert!(jixiao_server::serve::load_demo(&store, &seeds_dir(), Some(&corpus)).await.unwrap().is_none());
}
both!(demo_with_the_corpus_fills_library_and_comparisons);

/// The real server over TCP: starts, answers the public API, logs the admin in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_over_tcp() {
    let dir = std::env::temp_dir().join(format!("jixiao_serve_tcp_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    std::env::set_var(ADMIN_PASSWORD_ENV, common::PASSWORD);
    let opts = ServeOptions {
        db_url: format!("sqlite://{}", dir.join("serve.db").display()),
        addr: addr.clone(),
        demo: true,
        seeds_dir: seeds_dir(),
        ..Default::default()
    };
    let server = tokio::spawn(jixiao_server::serve(opts));
    let mut answer = String::new();
    for _ in 0..200 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        if let Ok(a) = http(
            &addr,
            "GET /api/v1/projects?per_page=1 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
        )
        .await
        {
            answer = a;
            break;
        }
    }
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"total\":"), "{answer}");
    let body = format!(
        r#"{{"username":"admin","password":"{}"}}"#,
        common::PASSWORD
    );
    let login = format!(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let answer = http(&addr, &login).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer
            .to_lowercase()
            .contains("set-cookie: jixiao_session="),
        "{answer}"
    );
    assert!(answer.contains("HttpOnly; SameSite=Strict"));

    // The public department page shows the budget disclosure printed around the targets
    // (seed 004), read again from the stored original bytes.
    let orgs = http(&addr, "GET /api/v1/organisations?per_page=200 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").await.unwrap();
    let json = &orgs[orgs.find("\r\n\r\n").unwrap() + 4..];
    let json = &json[json.find('{').unwrap()..json.rfind('}').unwrap() + 1];
    let orgs: serde_json::Value = serde_json::from_str(json).unwrap();
    let dept = orgs["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "石家庄高新区应急管理局" && o["kind"] == "department")
        .expect("seed 004's department")["id"]
        .as_i64()
        .unwrap();
    let page = http(&addr, &format!("GET /departments/{dept} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")).await.unwrap();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("部门预算公开") && page.contains("政府采购") && page.contains("861.04"), "{page}");
    // The second view draws the section from the rendering kept for those bytes: the same page.
    let again = http(&addr, &format!("GET /departments/{dept} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")).await.unwrap();
    let body = |p: &str| p[p.find("\r\n\r\n").unwrap()..].to_string();
    assert_eq!(body(&again), body(&page));
    server.abort();
}

async fn http(addr: &str, request: &str) -> std::io::Result<String> {
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    stream.write_all(request.as_bytes()).await?;
    let mut out = Vec::new();
    stream.read_to_end(&mut out).await?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}
