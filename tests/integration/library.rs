//! `jixiao library build | search | show`: the indicator library of a database loaded with
//! the seed documents, current after a further import.

use crate::util::{fixtures, jixiao, temp_dir};

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn build_search_and_show_from_the_database() {
    let dir = temp_dir("library");
    let db = format!("sqlite://{}", dir.join("j.db").display());
    let seeds = fixtures().join("seeds");
    let out = jixiao(&["import", "--db", &db, seeds.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // build: a summary of what was read.
    let out = jixiao(&["library", "build", "--db", &db, "--top", "5"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with("指标库：") && first.contains("个项目") && first.contains("个条目，其中共性指标"),
        "{text}"
    );
    assert!(text.contains("按一级指标：产出指标"), "{text}");
    assert!(text.contains("最常用的条目（前 5）：") && text.contains("对标检查"), "{text}");
    // The most used entry of five departments' documents is a 满意度 entry used by several.
    let top = text.lines().find(|l| l.starts_with("  ") && l.contains("｜")).unwrap();
    assert!(top.contains("满意度"), "{top}");
    // The benchmark checks through the rules' text renderer: a heading per department (its
    // statistics), each finding as `jixiao check` prints one.
    assert!(text.contains("对标检查：1 条提示（JX-B005 1 条）。\n未识别部门·2021年\n  提示 JX-B005 满意度目标多为≥90%\n      未识别部门的项目2021年的4个满意度目标中4个（100%）为≥90%"), "{text}");
    assert!(text.contains("      建议：结合以往满意度调查结果设定满意度目标。\n"), "{text}");
    // `[rules.JX-B005]` of a review configuration changes its severity or disables it.
    for (config, says) in [("severity = \"warning\"", "  警告 JX-B005 满意度目标多为≥90%\n"), ("enabled = false", "对标检查：无提示。\n")] {
        let file = dir.join("rules.toml");
        std::fs::write(&file, format!("[rules.JX-B005]\n{config}\n")).unwrap();
        let out = jixiao(&["library", "build", "--db", &db, "--top", "5", "--config", file.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout(&out).contains(says), "{config}: {}", stdout(&out));
    }

    // search: entries with the word, one line each.
    let out = jixiao(&["library", "search", "满意度", "--db", &db]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.starts_with("含“满意度”的条目"), "{text}");
    let lines: Vec<&str> = text.lines().skip(1).collect();
    assert!(
        lines.len() >= 2 && lines.iter().all(|l| l.contains("满意度") && l.contains("个部门")),
        "{text}"
    );

    // show: the entry in full, with the projects using it.
    let label = lines[0].split('｜').next().unwrap();
    let out = jixiao(&["library", "show", label, "--db", &db]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    assert!(text.starts_with(label), "{text}");
    for part in [
        "方向：",
        "指标值分布：",
        "%：",
        "最小",
        "下四分位",
        "中位",
        "上四分位",
        "最大",
        "不同写法：",
        "使用的项目（",
    ] {
        assert!(text.contains(part), "缺少“{part}”：{text}");
    }
    assert!(
        text.lines()
            .any(|l| l.starts_with("  ") && l.contains("年·") && l.contains("%")),
        "{text}"
    );

    // An unknown entry: a Chinese error, exit code 2.
    let out = jixiao(&["library", "show", "不存在的指标名称", "--db", &db]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("指标库中没有“不存在的指标名称”这一条目"));

    // Imported projects are drafts: the published library is empty.
    let out = jixiao(&["library", "build", "--db", &db, "--published"]);
    assert!(
        stdout(&out).starts_with("指标库：0 个部门、0 个项目、0 行指标"),
        "{}",
        stdout(&out)
    );

    // Current after an import: a new document's indicator is an entry at once.
    let out = jixiao(&["library", "search", "命令行新指标Z8", "--db", &db]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("没有找到"));
    let source = std::fs::read_to_string(seeds.join("002_cab738b0acffaaf0.txt")).unwrap();
    let changed = source.replacen("地震培训次数 ≥2次", "命令行新指标Z8次数 ≥7次", 1);
    assert_ne!(changed, source);
    let new = dir.join("new.txt");
    std::fs::write(&new, changed).unwrap();
    let out = jixiao(&["import", "--db", &db, new.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = jixiao(&["library", "show", "命令行新指标Z8次数", "--db", &db]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    assert!(text.contains("次：1个，最小7，下四分位7，中位7，上四分位7，最大7"), "{text}");
    assert!(text.contains("门源县应急管理局·2023年·防震减灾工作经费：≥7次"), "{text}");
}
