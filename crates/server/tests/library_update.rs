//! The indicator library is updated, not rebuilt, after a write (issue 18), on SQLite and
//! PostgreSQL: a filler's edit is in the next read of their visibility and of those who may
//! read their drafts, in no other department's or the public's, and every updated snapshot
//! equals one built anew from the store.

mod common;

use axum::http::{Method, StatusCode};
use common::{App, Auth, Backend};
use jixiao_server::library::{build, Snapshot};
use jixiao_store::Visibility;
use serde_json::json;

/// A unique 三级指标 a filler of department A writes into their draft.
const EDITED: &str = "填报员改写指标甲K4M巡查次数";

/// The updated snapshot is the one built anew: same sources in the same order, same ids,
/// departments and documents, same entries and placements, same suggestions.
fn assert_same(updated: &Snapshot, built: &Snapshot, what: &str) {
    assert_eq!(updated.ids, built.ids, "{what}：项目");
    assert_eq!(updated.sources, built.sources, "{what}：来源");
    assert_eq!(updated.departments, built.departments, "{what}：部门");
    assert_eq!(updated.documents, built.documents, "{what}：文档");
    assert_eq!(
        updated.library.entries, built.library.entries,
        "{what}：条目"
    );
    assert_eq!(
        updated.library.placement(), built.library.placement(),
        "{what}：归属"
    );
    for s in &built.sources {
        let draft = jixiao_library::Draft {
            name: s.name.clone(),
            ..Default::default()
        };
        assert_eq!(
            updated.suggest(&draft, None, 20),
            built.suggest(&draft, None, 20),
            "{what}：建议"
        );
    }
}

async fn labels(app: &App, who: &Auth) -> Vec<String> {
    let r = app
        .get(who, "/api/v1/library?q=%E7%94%B2K4M&per_page=200")
        .await; // 甲K4M
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["label"].as_str().unwrap().to_string())
        .collect()
}

async fn a_fillers_edit_updates_only_what_may_see_it(b: Backend) {
    let app = App::new(b).await;
    // One project of A approved, so the public's library is not empty either.
    let approved = app.first_project(app.doc_b).await["id"].as_i64().unwrap();
    app.publish_as_admin(approved).await;
    let seen = [
        ("系统管理员", Visibility::Everything, &app.admin, true),
        (
            "本部门填报员",
            Visibility::Department(app.dept_a),
            &app.filler,
            true,
        ),
        (
            "外部门填报员",
            Visibility::Department(app.dept_b),
            &app.filler_b,
            false,
        ),
        ("公众", Visibility::Published, &Auth::Public, false),
    ];
    // Every visibility's snapshot is built once.
    for (name, _, who, _) in &seen {
        assert!(labels(&app, who).await.is_empty(), "{name}");
    }
    let (built_before, updated_before) = app.library.counts();
    assert_eq!((built_before, updated_before), (4, 0));
    // The filler of A rewrites an indicator of their draft, adds one and deletes another.
    let project = app.first_project(app.doc_a).await["id"].as_i64().unwrap();
    let detail = app
        .get(&app.filler, &format!("/api/v1/projects/{project}"))
        .await;
    assert_eq!(detail.status, StatusCode::OK, "{}", detail.body);
    let first = &detail.body["indicators"][0];
    let r = app
        .send(
            &app.filler,
            Method::PUT,
            &format!("/api/v1/indicators/{}", first["id"]),
            Some(json!({ "version": first["version"], "level3": EDITED, "target": "≥24次" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app
        .send(&app.filler, Method::POST, "/api/v1/indicators", Some(json!({
            "project_id": project, "level1": "产出指标", "level2": "数量指标", "level3": "新增指标甲K4M覆盖村数", "target": "≥30个"
        })))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let rows = detail.body["indicators"].as_array().unwrap().len();
    let last = &detail.body["indicators"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    let r = app
        .send(
            &app.filler,
            Method::DELETE,
            &format!(
                "/api/v1/indicators/{}?version={}",
                last["id"], last["version"]
            ),
            None,
        )
        .await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    // The next read of each visibility: the edit for those who may read A's drafts only.
    for (name, vis, who, sees) in &seen {
        let found = labels(&app, who).await;
        let expected: Vec<String> = if *sees {
            vec!["新增指标甲K4M覆盖村数".into(), EDITED.into()]
        } else {
            vec![]
        };
        let mut found_sorted = found.clone();
        found_sorted.sort();
        let mut expected_sorted = expected.clone();
        expected_sorted.sort();
        assert_eq!(found_sorted, expected_sorted, "{name}：{found:?}");
        let updated = app.library.get(&app.store, *vis).await.unwrap();
        let built = build(&app.store, *vis).await.unwrap();
        assert_same(&updated, &built, name);
        // One row added, one deleted: the project has as many rows as before, each placed.
        let k = updated.ids.iter().position(|&id| id == project);
        assert_eq!(k.is_some(), *sees, "{name}");
        if let Some(k) = k {
            assert_eq!(updated.sources[k].indicators.len(), rows, "{name}");
            assert_eq!(updated.library.placement()[k].len(), rows, "{name}");
        }
    }
    let (built_after, updated_after) = app.library.counts();
    assert_eq!(built_after, built_before, "写入后不应整体重建");
    assert_eq!(updated_after, 4, "每个可见范围更新一次");
    // The entry's values are the edited ones, for A's filler.
    let r = app.get(&app.filler, "/api/v1/library/%E6%96%B0%E5%A2%9E%E6%8C%87%E6%A0%87%E7%94%B2K4M%E8%A6%86%E7%9B%96%E6%9D%91%E6%95%B0").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["values"][0]["max"], "30");
    assert_eq!(r.body["used_by"][0]["project_id"].as_i64(), Some(project));
    // Approving the project publishes the edit: the public's snapshot is updated too.
    app.publish_as_admin(project).await;
    assert_eq!(labels(&app, &Auth::Public).await.len(), 2);
    assert_eq!(labels(&app, &app.filler_b).await.len(), 2);
    for (name, vis, _, _) in &seen {
        let updated = app.library.get(&app.store, *vis).await.unwrap();
        assert_same(&updated, &build(&app.store, *vis).await.unwrap(), name);
    }
    assert_eq!(app.library.counts().0, built_before, "批准后也不应整体重建");
    // A write elsewhere that is not a few documents' (a bulk approval) builds anew.
    app.store.approve_all_drafts().await.unwrap();
    let public = app
        .library
        .get(&app.store, Visibility::Published)
        .await
        .unwrap();
    assert_same(
        &public,
        &build(&app.store, Visibility::Published).await.unwrap(),
        "全部批准后",
    );
    assert_eq!(app.library.counts().0, built_before + 1);
}
both!(a_fillers_edit_updates_only_what_may_see_it);

/// A new revision of a document, and a document deleted: their projects leave the snapshot
/// and the new revision's come in, as a rebuild has them.
async fn a_new_revision_and_a_deletion_update_the_snapshot(b: Backend) {
    let app = App::new(b).await;
    let vis = Visibility::Everything;
    let before = app.library.get(&app.store, vis).await.unwrap();
    let b_project = app.first_project(app.doc_b).await["id"].as_i64().unwrap();
    assert!(before.ids.contains(&b_project));
    let source = String::from_utf8(common::seed(common::SEED_B)).unwrap();
    let b_ind = app
        .get(&app.admin, &format!("/api/v1/projects/{b_project}"))
        .await
        .body["indicators"][0]["level3"]
        .as_str()
        .unwrap()
        .to_string();
    let r = app
        .upload(
            &app.filler_b,
            common::SEED_B,
            source.replacen(&b_ind, "新修订指标乙R5", 1).as_bytes(),
        )
        .await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    drop(before);
    let after = app.library.get(&app.store, vis).await.unwrap();
    assert!(!after.ids.contains(&b_project), "旧修订版的项目应离开");
    assert!(after.library.find("新修订指标乙R5").is_ok());
    assert_same(&after, &build(&app.store, vis).await.unwrap(), "新修订版");
    // A reader still holds the old snapshot while the document is deleted: it is copied, not changed.
    let held = after.clone();
    let r = app
        .send(
            &app.admin,
            Method::DELETE,
            &format!("/api/v1/documents/{}", app.doc_b),
            None,
        )
        .await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let deleted = app.library.get(&app.store, vis).await.unwrap();
    assert!(deleted.library.find("新修订指标乙R5").is_err());
    assert!(
        held.library.find("新修订指标乙R5").is_ok(),
        "读者手中的快照不变"
    );
    assert_same(
        &deleted,
        &build(&app.store, vis).await.unwrap(),
        "删除文档后",
    );
    assert_eq!(app.library.counts(), (1, 2));
}
both!(a_new_revision_and_a_deletion_update_the_snapshot);
