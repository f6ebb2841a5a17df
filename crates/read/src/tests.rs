//! Whole-document tests: layouts beyond the seeds, re-encodings, and robustness.

use jixiao_model::record::ExtractionRecord;
use proptest::prelude::*;

use crate::read_bytes;

const SEEDS: [(&str, &str); 5] = [
    (
        "000",
        include_str!("../../../tests/fixtures/seeds/000_c2d12ba55cbeb785.txt"),
    ),
    (
        "001",
        include_str!("../../../tests/fixtures/seeds/001_bad47639f8145b87.txt"),
    ),
    (
        "002",
        include_str!("../../../tests/fixtures/seeds/002_cab738b0acffaaf0.txt"),
    ),
    (
        "003",
        include_str!("../../../tests/fixtures/seeds/003_dc947c097ca44fd8.txt"),
    ),
    (
        "004",
        include_str!("../../../tests/fixtures/seeds/004_ef264869df8a45bf.txt"),
    ),
];

/// A compact rendering of what was read: one line per project and per indicator row.
fn render(text: &str) -> String {
    let reading = read_bytes("t.txt", text.as_bytes()).expect("reads");
    let rec = ExtractionRecord::from(&reading.document);
    let mut out = String::new();
    let o = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    for p in &rec.projects {
        let plan = p.spending_plan.as_ref().map(|v| {
            v.iter()
                .map(|x| x.map_or("-".into(), |x| x.to_string()))
                .collect::<Vec<_>>()
                .join(",")
        });
        out.push_str(&format!(
            "P {} | {} | {:?} {:?} {:?} | plan {} | goals {}\n",
            p.name,
            o(&p.code),
            p.budget_total,
            p.budget_fiscal,
            p.budget_other,
            plan.unwrap_or_else(|| "-".into()),
            p.goals.join(" / ")
        ));
        for i in &p.indicators {
            out.push_str(&format!(
                "  {}|{}|{}|{}|{}|{}\n",
                o(&i.level1),
                o(&i.level2),
                o(&i.level3),
                o(&i.description),
                o(&i.target),
                o(&i.basis)
            ));
        }
    }
    out
}

#[test]
fn pipe_table_with_split_target_columns() {
    let doc = "\
1、执法装备配置绩效目标表

| 项目名称 | 执法装备配置 | 项目编码 | 13-0001 |
|---|---|---|---|
| 预算数 | 20 | 其中：财政资金 | 20 |
| 绩效目标 | 1、配置执法装备。2、提升执法能力。 | | |

| 一级指标 | 二级指标 | 三级指标 | 指标解释 | 计算符号 | 指标值 | 度量单位 | 绩效标准 |
|---|---|---|---|---|---|---|---|
| 产出指标 | 数量指标 | 配置执法记录仪 | 配置数量 | ≥ | 10 | 台 | 计划标准 |
|  |  | 配置执法车辆 | 车辆数量 | = | 2 | 辆 | 计划标准 |
|  | 质量指标 | 验收合格率 | 合格数/总数 | ≥ | 95 | % | 行业标准 |
| 满意度指标 | 服务对象满意度指标 | 执法人员满意度 | 调查 | 定性 | 满意 |  | 历史标准 |
";
    let want = "\
P 执法装备配置 | 13-0001 | Some(20.0) Some(20.0) None | plan - | goals 1、配置执法装备。 / 2、提升执法能力。
  产出指标|数量指标|配置执法记录仪|配置数量|≥10台|计划标准
  产出指标|数量指标|配置执法车辆|车辆数量|=2辆|计划标准
  产出指标|质量指标|验收合格率|合格数/总数|≥95%|行业标准
  满意度指标|服务对象满意度指标|执法人员满意度|调查|满意|历史标准
";
    assert_eq!(render(doc), want);
}

#[test]
fn amounts_in_yuan_are_converted() {
    let doc = "\
单位：元
项目名称\t应急演练
预算数\t3000000\t其中：财政拨款\t3000000\t其他资金\t
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t演练次数\t≥2次
";
    assert_eq!(render(doc), "P 应急演练 | - | Some(300.0) Some(300.0) None | plan - | goals \n  产出指标|数量指标|演练次数|-|≥2次|-\n");
}

#[test]
fn several_projects_in_one_table_and_unit_lines() {
    let doc = "\
426003 石家庄高新技术产业开发区安全生产监察大队
单位：万元
项目名称\t甲项目\t项目编码\tA-1
资金支出计划（%）\t3月底\t6月底\t10月底\t12月底
\t25%\t50%\t75%\t100%
一级指标\t二级指标\t三级指标\t指标值
产出指标\t时效指标\t完成时间\t2024年6月底前
项目名称\t乙项目\t项目编码\tA-2
一级指标\t二级指标\t三级指标\t指标值
效益指标\t社会效益指标\t事故下降\t≥10%
";
    let want = "\
P 甲项目 | A-1 | None None None | plan 25,50,75,100 | goals 
  产出指标|时效指标|完成时间|-|2024年6月底前|-
P 乙项目 | A-2 | None None None | plan - | goals 
  效益指标|社会效益指标|事故下降|-|≥10%|-
";
    assert_eq!(render(doc), want);
    let reading = read_bytes("t.txt", doc.as_bytes()).unwrap();
    assert_eq!(
        reading.document.department_code.as_ref().unwrap().value,
        "426003"
    );
    assert_eq!(
        reading.document.projects[1]
            .unit
            .as_ref()
            .unwrap()
            .code
            .as_deref(),
        Some("426003")
    );
}

#[test]
fn department_wide_table() {
    let doc = "\
2024年部门整体绩效目标表
部门名称\t某县应急管理局
年度绩效目标\t1、检查企业300家。2、开展演练4次。
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t检查企业数\t≥300家
";
    let reading = read_bytes("t.txt", doc.as_bytes()).unwrap();
    assert_eq!(
        reading.document.department.as_ref().unwrap().value,
        "某县应急管理局"
    );
    let goals: Vec<&str> = reading
        .document
        .overall_goals
        .iter()
        .map(|g| g.value.as_str())
        .collect();
    assert_eq!(goals, ["1、检查企业300家。", "2、开展演练4次。"]);
    assert!(reading.document.projects.is_empty());
    assert_eq!(reading.document.department_indicators.len(), 1);
    assert_eq!(
        reading.document.department_indicators[0]
            .level3
            .as_ref()
            .unwrap()
            .value,
        "检查企业数"
    );
}

#[test]
fn one_cell_per_line_document() {
    let doc = "\
2、执法装备配置绩效目标表
项目名称
执法装备配置
预算数
20万元
一级指标
二级指标
三级指标
指标值
指标值确定依据

产出指标
数量指标
配置执法记录仪
≥10台
计划标准

配置执法车辆
=2辆
计划标准
";
    let want = "\
P 执法装备配置 | - | Some(20.0) None None | plan - | goals 
  产出指标|数量指标|配置执法记录仪|-|≥10台|计划标准
  产出指标|数量指标|配置执法车辆|-|=2辆|计划标准
";
    assert_eq!(render(doc), want);
}

/// The Ministry of Finance template (项目支出绩效目标申报表): a merged 绩效指标 label column
/// before the levels, 年度总体目标, funds as 年度资金总额 / 其中：财政拨款 / 其他资金.
#[test]
fn ministry_template_with_a_label_column() {
    let doc = "\
项目支出绩效目标申报表
（2024年度）
项目名称\t安全生产执法检查\t主管部门\t某县应急管理局
实施单位\t某县应急管理局\t项目属性\t经常性项目
项目资金（万元）\t年度资金总额\t12.5\t其中：财政拨款\t10\t其他资金\t2.5
年度总体目标\t完成全年执法检查任务，检查企业不少于200家。
绩效指标\t一级指标\t二级指标\t三级指标\t指标值
\t产出指标\t数量指标\t检查企业数量\t≥200家
\t\t时效指标\t完成时间\t2024年12月底前
\t满意度指标\t服务对象满意度指标\t企业满意度\t≥90%
";
    let want = "\
P 安全生产执法检查 | - | Some(12.5) Some(10.0) Some(2.5) | plan - | goals 完成全年执法检查任务，检查企业不少于200家。
  产出指标|数量指标|检查企业数量|-|≥200家|-
  产出指标|时效指标|完成时间|-|2024年12月底前|-
  满意度指标|服务对象满意度指标|企业满意度|-|≥90%|-
";
    assert_eq!(render(doc), want);
    let reading = read_bytes("t.txt", doc.as_bytes()).unwrap();
    assert_eq!(reading.document.year.as_ref().map(|y| y.value), Some(2024));
}

/// One row per indicator of many projects, the project cells merged (empty below).
#[test]
fn one_grid_for_many_projects() {
    let doc = "\
| 项目名称 | 金额（万元） | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |
|---|---|---|---|---|---|---|
| 防汛物资储备 | 8 | 储备物资满足汛期需要 | 产出指标 | 数量指标 | 储备编织袋 | ≥5000条 |
|  |  |  |  | 时效指标 | 储备完成时间 | 5月底 |
| 应急演练 | 3.5 | 组织综合演练 | 产出指标 | 数量指标 | 演练次数 | ≥2次 |
|  |  |  | 满意度指标 | 服务对象满意度指标 | 参演单位满意度 | ≥90% |
";
    let want = "\
P 防汛物资储备 | - | Some(8.0) None None | plan - | goals 储备物资满足汛期需要
  产出指标|数量指标|储备编织袋|-|≥5000条|-
  产出指标|时效指标|储备完成时间|-|5月底|-
P 应急演练 | - | Some(3.5) None None | plan - | goals 组织综合演练
  产出指标|数量指标|演练次数|-|≥2次|-
  满意度指标|服务对象满意度指标|参演单位满意度|-|≥90%|-
";
    assert_eq!(render(doc), want);
}

fn record_of(bytes: &[u8], what: &str) -> ExtractionRecord {
    let reading = read_bytes("seed.txt", bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
    ExtractionRecord::from(&reading.document)
}

#[test]
fn seeds_read_the_same_in_every_encoding() {
    for (name, text) in SEEDS {
        let want = record_of(text.as_bytes(), name);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let (gbk, _, lossy) = encoding_rs::GB18030.encode(text);
        assert!(!lossy);
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let crlf = text.replace('\n', "\r\n");
        for (enc, bytes) in [
            ("bom", bom),
            ("gb18030", gbk.into_owned()),
            ("utf16le", le),
            ("utf16be", be),
            ("crlf", crlf.into_bytes()),
        ] {
            assert_eq!(
                record_of(&bytes, &format!("{name} as {enc}")),
                want,
                "{name} as {enc}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4000)) {
        let _ = read_bytes("random", &bytes);
    }

    #[test]
    fn random_text_never_panics(text in "[\\t\\n 一级指标二级三值项目名称预算数绩效目标|<p>ol1.≥%0-9a-z]{0,2000}") {
        let _ = read_bytes("random", text.as_bytes());
    }

    #[test]
    fn truncated_seeds_never_panic(seed in 0usize..5, cut in 0.0f64..1.0) {
        let bytes = SEEDS[seed].1.as_bytes();
        let at = (bytes.len() as f64 * cut) as usize;
        let _ = read_bytes("cut", &bytes[..at]);
    }

    #[test]
    fn shuffled_seed_lines_never_panic(seed in 0usize..5, swaps in proptest::collection::vec((0usize..3000, 0usize..3000), 1..50)) {
        let mut lines: Vec<&str> = SEEDS[seed].1.lines().collect();
        let n = lines.len();
        for (a, b) in swaps {
            lines.swap(a % n, b % n);
        }
        let _ = read_bytes("shuffled", lines.join("\n").as_bytes());
    }

    #[test]
    fn dropped_seed_lines_never_panic(seed in 0usize..5, drops in proptest::collection::vec(0usize..3000, 1..80)) {
        let lines: Vec<&str> = SEEDS[seed].1.lines().collect();
        let n = lines.len();
        let kept: Vec<&str> = lines.iter().enumerate().filter(|(i, _)| !drops.iter().any(|d| d % n == *i)).map(|(_, l)| *l).collect();
        let _ = read_bytes("dropped", kept.join("\n").as_bytes());
    }
}
