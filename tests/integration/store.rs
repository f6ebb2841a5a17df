//! `jixiao import`: documents into the database, with a summary.

use crate::util::{fixtures, jixiao, temp_dir};

#[test]
fn import_directory_twice_then_a_bad_file() {
    let dir = temp_dir("import");
    let db = format!("sqlite://{}", dir.join("j.db").display());
    let seeds = fixtures().join("seeds");
    let out = jixiao(&["import", "--db", &db, seeds.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "已导入 5 个，内容未变 0 个，失败 0 个。"
    );
    let out = jixiao(&["import", "--db", &db, seeds.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "已导入 0 个，内容未变 5 个，失败 0 个。"
    );
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, [0u8, 159, 146, 150, 0, 0, 1, 2]).unwrap();
    let out = jixiao(&["import", "--db", &db, bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.txt") && err.contains("无法识别文本编码"),
        "{err}"
    );
}
