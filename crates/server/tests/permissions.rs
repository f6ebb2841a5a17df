//! The permission matrix: every write endpoint × every role × own/other department, with
//! the status code each cell must answer. Every cell acts on a fresh target in the state the
//! endpoint needs (a draft, or a submitted project for return/approve), so cells do not
//! disturb each other. Runs on SQLite and PostgreSQL.
//!
//! "Own" means department A (the filler's), "other" department B. Projects a caller may not
//! read answer 404 even to writes, so a filler cannot learn of another department's drafts.

mod common;

use axum::http::Method;
use common::{App, Auth, Backend};
use serde_json::{json, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    CreateOrganisation,
    UpdateOrganisation,
    DeleteOrganisation,
    UploadDocument,
    DeleteDocument,
    CreateProject,
    CreateDraft,
    CopyProject,
    UpdateProject,
    DeleteProject,
    Submit,
    Return,
    Approve,
    Comment,
    CreateIndicator,
    UpdateIndicator,
    DeleteIndicator,
    CreateUser,
    UpdateUser,
    CreateFiscalYear,
    UpdateFiscalYear,
    CreateToken,
    RevokeToken,
    Logout,
}

use Endpoint::*;

/// Columns: 公众, 系统管理员, 财政审核员, 部门填报员 — each for own then other department.
const MATRIX: &[(Endpoint, [u16; 8])] = &[
    //                     公众       管理员      审核员      填报员
    (CreateOrganisation, [401, 401, 201, 201, 403, 403, 403, 403]),
    (UpdateOrganisation, [401, 401, 200, 200, 403, 403, 403, 403]),
    (DeleteOrganisation, [401, 401, 204, 204, 403, 403, 403, 403]),
    (UploadDocument, [401, 401, 201, 201, 403, 403, 201, 403]),
    (DeleteDocument, [401, 401, 204, 204, 403, 403, 403, 403]),
    (CreateProject, [401, 401, 201, 201, 403, 403, 201, 404]),
    // A draft names its department; a copy is made in the project's (a filler's other
    // department's draft is hidden: 404).
    (CreateDraft, [401, 401, 201, 201, 403, 403, 201, 403]),
    (CopyProject, [401, 401, 201, 201, 403, 403, 201, 404]),
    (UpdateProject, [401, 401, 200, 200, 403, 403, 200, 404]),
    (DeleteProject, [401, 401, 204, 204, 403, 403, 204, 404]),
    (Submit, [401, 401, 200, 200, 403, 403, 200, 404]),
    (Return, [401, 401, 200, 200, 200, 200, 403, 404]),
    (Approve, [401, 401, 200, 200, 200, 200, 403, 404]),
    (Comment, [401, 401, 201, 201, 201, 201, 201, 404]),
    (CreateIndicator, [401, 401, 201, 201, 403, 403, 201, 404]),
    (UpdateIndicator, [401, 401, 200, 200, 403, 403, 200, 404]),
    (DeleteIndicator, [401, 401, 204, 204, 403, 403, 204, 404]),
    (CreateUser, [401, 401, 201, 201, 403, 403, 403, 403]),
    (UpdateUser, [401, 401, 200, 200, 403, 403, 403, 403]),
    // Fiscal years belong to no department: own and other are two years.
    (CreateFiscalYear, [401, 401, 201, 201, 403, 403, 403, 403]),
    (UpdateFiscalYear, [401, 401, 200, 200, 403, 403, 403, 403]),
    (CreateToken, [401, 401, 201, 201, 201, 201, 201, 201]),
    // Own/other: a token of department A's or B's filler.
    (RevokeToken, [401, 401, 204, 204, 404, 404, 204, 404]),
    (Logout, [401, 401, 204, 204, 204, 204, 204, 204]),
];

/// The request for one cell, after preparing its target (as admin).
async fn prepare(
    app: &App,
    endpoint: Endpoint,
    own: bool,
    n: usize,
) -> (Method, String, Option<Value>, Option<Vec<u8>>) {
    let (dept, doc, seed) = if own {
        (app.dept_a, app.doc_a, common::SEED_A)
    } else {
        (app.dept_b, app.doc_b, common::SEED_B)
    };
    let unique = format!("矩阵{n}");
    // A year of its own per cell (the matrix has fewer than 70 cells of fiscal years).
    let year = 2030 + (n as i64) % 70;
    match endpoint {
        CreateFiscalYear => (Method::POST, "/api/v1/fiscal-years".into(), Some(json!({ "year": year })), None),
        UpdateFiscalYear => {
            let r = app.send(&app.admin, Method::POST, "/api/v1/fiscal-years", Some(json!({ "year": year }))).await;
            assert_eq!(r.status.as_u16(), 201, "应能建立预算年度：{}", r.body);
            (Method::PUT, format!("/api/v1/fiscal-years/{year}"), Some(json!({ "version": 1, "status": "closed" })), None)
        }
        CreateOrganisation => (
            Method::POST,
            "/api/v1/organisations".into(),
            Some(json!({ "parent_id": dept, "kind": "unit", "name": unique })),
            None,
        ),
        UpdateOrganisation | DeleteOrganisation => {
            let r = app
                .send(
                    &app.admin,
                    Method::POST,
                    "/api/v1/organisations",
                    Some(json!({ "parent_id": dept, "kind": "unit", "name": unique })),
                )
                .await;
            let id = r.body["id"].as_i64().expect("应能建立预算单位");
            if endpoint == UpdateOrganisation {
                (
                    Method::PUT,
                    format!("/api/v1/organisations/{id}"),
                    Some(json!({ "version": 1, "code": "999" })),
                    None,
                )
            } else {
                (
                    Method::DELETE,
                    format!("/api/v1/organisations/{id}?version=1"),
                    None,
                    None,
                )
            }
        }
        UploadDocument => {
            // Changed bytes of the department's own document: a new revision.
            let text = String::from_utf8(common::seed(seed)).unwrap() + &format!("\n{unique}\n");
            (
                Method::POST,
                format!("/api/v1/documents?name={seed}"),
                None,
                Some(text.into_bytes()),
            )
        }
        DeleteDocument => {
            let r = app
                .upload(&app.admin, &format!("m{n}_{seed}"), &common::seed(seed))
                .await;
            let id = r.body["document_id"].as_i64().expect("应能导入文档");
            (
                Method::DELETE,
                format!("/api/v1/documents/{id}"),
                None,
                None,
            )
        }
        CreateProject => (
            Method::POST,
            "/api/v1/projects".into(),
            Some(json!({ "document_id": doc, "name": unique })),
            None,
        ),
        CreateDraft => (
            Method::POST,
            "/api/v1/drafts".into(),
            Some(json!({ "department_id": dept, "year": 2026, "name": unique, "indicators": [
                { "level1": "产出指标", "level2": "数量指标", "level3": "培训人次", "target": "≥100人次" }
            ] })),
            None,
        ),
        CreateToken => (
            Method::POST,
            "/api/v1/auth/tokens".into(),
            Some(json!({ "name": unique })),
            None,
        ),
        RevokeToken => {
            let owner = if own { &app.filler } else { &app.filler_b };
            let r = app
                .send(
                    owner,
                    Method::POST,
                    "/api/v1/auth/tokens",
                    Some(json!({ "name": unique })),
                )
                .await;
            let id = r.body["id"].as_i64().expect("应能建立令牌");
            (
                Method::DELETE,
                format!("/api/v1/auth/tokens/{id}"),
                None,
                None,
            )
        }
        Logout => (Method::POST, "/api/v1/auth/logout".into(), None, None),
        CreateUser => (
            Method::POST,
            "/api/v1/users".into(),
            Some(
                json!({ "username": format!("u{n}"), "password": common::PASSWORD, "role": "filler", "department_id": dept }),
            ),
            None,
        ),
        UpdateUser => {
            let r = app
                .send(
                    &app.admin,
                    Method::POST,
                    "/api/v1/users",
                    Some(json!({ "username": format!("u{n}"), "password": common::PASSWORD, "role": "filler", "department_id": dept })),
                )
                .await;
            let id = r.body["id"].as_i64().expect("应能建立用户");
            (
                Method::PUT,
                format!("/api/v1/users/{id}"),
                Some(json!({ "version": 1, "display_name": unique })),
                None,
            )
        }
        _ => {
            let (project, indicator) = app.fresh_project(doc).await;
            let p = format!("/api/v1/projects/{project}");
            let i = format!("/api/v1/indicators/{indicator}");
            match endpoint {
                UpdateProject => (
                    Method::PUT,
                    p,
                    Some(json!({ "version": 1, "name": unique })),
                    None,
                ),
                DeleteProject => (Method::DELETE, format!("{p}?version=1"), None, None),
                CopyProject => (Method::POST, format!("{p}/copy"), Some(json!({})), None),
                // The matrix is about roles: a fresh project carries review findings since
                // edits are re-reviewed, and submitting with errors needs a 说明.
                Submit => (
                    Method::POST,
                    format!("{p}/submit"),
                    Some(json!({ "version": 1, "comment": "权限矩阵：带着审核发现提交" })),
                    None,
                ),
                Return | Approve => {
                    app.submit_as_admin(project).await;
                    let verb = if endpoint == Return {
                        "return"
                    } else {
                        "approve"
                    };
                    (
                        Method::POST,
                        format!("{p}/{verb}"),
                        Some(json!({ "version": 2, "comment": "审核意见" })),
                        None,
                    )
                }
                Comment => (
                    Method::POST,
                    format!("{p}/comments"),
                    Some(json!({ "body": "请补充依据", "indicator_id": indicator })),
                    None,
                ),
                CreateIndicator => (
                    Method::POST,
                    "/api/v1/indicators".into(),
                    Some(
                        json!({ "project_id": project, "level1": "效益指标", "level2": "社会效益指标", "level3": unique, "target": "显著" }),
                    ),
                    None,
                ),
                UpdateIndicator => (
                    Method::PUT,
                    i,
                    Some(json!({ "version": 1, "target": "≥90%" })),
                    None,
                ),
                DeleteIndicator => (Method::DELETE, format!("{i}?version=1"), None, None),
                _ => unreachable!(),
            }
        }
    }
}

async fn permission_matrix(b: Backend) {
    let app = App::new(b).await;
    let roles: [(&str, Auth); 4] = [
        ("公众", Auth::Public),
        ("系统管理员", app.admin.clone()),
        ("财政审核员", app.reviewer.clone()),
        ("部门填报员", app.filler.clone()),
    ];
    let mut n = 0;
    let mut failures = Vec::new();
    for (endpoint, expected) in MATRIX {
        for (r, (role, auth)) in roles.iter().enumerate() {
            for (o, own) in [true, false].into_iter().enumerate() {
                n += 1;
                let (method, path, json_body, raw) = prepare(&app, *endpoint, own, n).await;
                let audit_before = app.audit_count().await;
                let answer = match raw {
                    Some(bytes) => {
                        app.raw(auth, method.clone(), &path, Some("text/plain"), bytes)
                            .await
                    }
                    None => app.send(auth, method.clone(), &path, json_body).await,
                };
                let want = expected[r * 2 + o];
                let dept = if own { "本部门" } else { "外部门" };
                if answer.status.as_u16() != want {
                    failures.push(format!(
                        "{endpoint:?} {role} {dept}: 期望 {want}，实际 {} {}",
                        answer.status.as_u16(),
                        answer.body
                    ));
                }
                let audited = app.audit_count().await > audit_before;
                if answer.status.is_success() != audited {
                    failures.push(format!(
                        "{endpoint:?} {role} {dept}: 成功的写操作才记审计日志（状态 {}）",
                        answer.status
                    ));
                }
                if !answer.status.is_success()
                    && answer.content_type() != "application/problem+json"
                {
                    failures.push(format!("{endpoint:?} {role} {dept}: 错误应为 problem+json"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "权限矩阵不符：\n{}",
        failures.join("\n")
    );
}
both!(permission_matrix);
