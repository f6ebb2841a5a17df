//! Seed 004 (石家庄高新区应急管理局 2020 年度部门预算情况说明), read end to end: every figure of
//! its sections 二 to 七, the parts around them, and exactly the inconsistencies a careful
//! reader finds in it.

use std::fmt::Write;

use jixiao_disclosure::{check, read_disclosure, Disclosure, Figure, FundingRow, Statement};
use jixiao_rules::{Rule, Settings};
use jixiao_model::{Document, Located, Money};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/seeds/004_ef264869df8a45bf.txt"
);

fn read() -> (Disclosure, Document) {
    let bytes = std::fs::read(SEED).expect("seed 004 is in tests/fixtures");
    let (blocks, _) = jixiao_read::text_blocks("004_ef264869df8a45bf.txt", &bytes).unwrap();
    let (disclosure, notes) = read_disclosure(&blocks);
    assert_eq!(notes, vec![], "the reader understood every figure");
    let (document, _) = jixiao_read::read_blocks("004_ef264869df8a45bf.txt", &blocks).unwrap();
    (disclosure.expect("seed 004 is a disclosure"), document)
}

fn money(m: &Option<Located<Money>>) -> String {
    m.as_ref()
        .map_or("-".into(), |m| format!("{}@{}", m.value.0, m.at.line))
}

fn figure(f: &Figure) -> String {
    let change = f.change.as_ref().map_or("-".into(), |c| {
        format!("{}「{}」@{}", c.value.0, c.printed, c.at.line)
    });
    format!(
        "{} 本年{} 上年{} 增减{}",
        f.item.name(),
        money(&f.amount),
        money(&f.previous),
        change
    )
}

fn statement(s: &Statement) -> String {
    let mut out = format!("[{}]\n", s.kind.name());
    for f in &s.figures {
        writeln!(out, "  {}", figure(f)).unwrap();
    }
    out
}

fn funding(f: &FundingRow) -> String {
    f.columns()
        .iter()
        .filter_map(|(name, m)| m.map(|m| format!("{name}{}", m.value.0)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn title_duties_and_units() {
    let (d, _) = read();
    assert_eq!(
        d.department.as_ref().unwrap().value,
        "石家庄高新区应急管理局"
    );
    assert_eq!(
        d.year.as_ref().map(|y| (y.value, y.at.line)),
        Some((2020, 5))
    );
    let duties: Vec<(u32, &str)> = d
        .duties
        .iter()
        .map(|t| (t.at.line, t.value.as_str()))
        .collect();
    assert_eq!(
        duties,
        vec![
            (13, "负责加强全区应急管理能力建设，完成各项任务，提高综合应急管理能力和；"),
            (15, "负责做好水旱灾害应急救援工作，做好风灾防御工作，做好灾情核查、损失评估、救灾捐赠等灾害救助工作，做好应急值守、政务值守、做好地震应急救援工作；"),
            (17, "负责全区安全生产督导检查工作，加强行政执法监察，提高行政执法监察能力；"),
            (19, "负责全区安全生产战略和规划、指导系统业务活动；信访接待、业务宣传、政务信息公开等工作；"),
            (21, "负责日常工作的协调和督查、安全生产信息化建设；"),
            (23, "负责安全生产巡查、考核的组织实施工作，做好安全生产委员会工作；"),
            (25, "完成区工委和上级机关赋予的其它各项工作任务。"),
        ]
    );
    let units: Vec<String> = d
        .institutions
        .iter()
        .map(|u| {
            format!(
                "{} {} {} {}",
                u.name,
                u.nature.as_deref().unwrap_or("-"),
                u.rank.as_deref().unwrap_or("-"),
                u.funding.as_deref().unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(
        units,
        vec![
            "高新区应急管理局 行政 正科级 财政拨款",
            "高新区安全生产监察大队 事业 正科级 财政性资金基本保障"
        ]
    );
}

#[test]
fn section_2_budget_figures() {
    let (d, _) = read();
    let got: String = d.budget.iter().map(statement).collect();
    assert_eq!(
        got,
        "[收入支出预算总体情况]
  合计 本年861.04@37 上年667.25@37 增减193.79「增加了193.79万元」@37
  基本支出 本年- 上年- 增减199.18「基本支出增加199.18万元」@37
  项目支出 本年334.3@37 上年- 增减-5.39「比2019年度减少5.39万元」@37
[收入预算情况]
  合计 本年861.04@41 上年- 增减-
  一般公共预算拨款 本年861.04@41 上年- 增减-
  政府性基金预算拨款 本年0@41 上年- 增减-
  财政专户核拨收入 本年0@41 上年- 增减-
  其他收入 本年0@41 上年- 增减-
[支出预算情况]
  合计 本年861.04@45 上年- 增减-
  基本支出 本年526.74@45 上年- 增减-
  项目支出 本年334.3@45 上年- 增减-
[财政拨款收入支出预算总体情况]
  合计 本年861.04@49 上年- 增减193.79「较2019年预算增加193.79万元」@49
  基本支出 本年- 上年- 增减199.18「基本支出增加199.18万元」@49
  项目支出 本年- 上年- 增减-5.39「项目支出减少5.39万元」@49
"
    );
    let headings: Vec<u32> = d.budget.iter().map(Statement::line).collect();
    assert_eq!(headings, vec![35, 39, 43, 47]);
}

#[test]
fn sections_3_and_4_running_costs_and_three_public() {
    let (d, _) = read();
    assert_eq!(
        statement(d.running_costs.as_ref().unwrap()),
        "[机关运行经费]\n  机关运行经费 本年18.5@53 上年- 增减-\n"
    );
    assert_eq!(
        statement(d.three_public.as_ref().unwrap()),
        "[“三公”经费]
  “三公”经费合计 本年0@57 上年- 增减-
  因公出国（境）费 本年0@59 上年- 增减0「较上年无变化」@59
  公务用车购置及运行维护费 本年0@60 上年- 增减0「较上年无变化」@60
  公务接待费 本年0@61 上年- 增减0「较上年无变化」@61
"
    );
}

#[test]
fn section_6_procurement() {
    let (d, _) = read();
    let p = d.procurement.as_ref().unwrap();
    assert_eq!(
        statement(p.statement.as_ref().unwrap()),
        "[政府采购]\n  合计 本年170.62@469 上年- 增减-\n  一般公共预算拨款 本年170.62@469 上年- 增减-\n"
    );
    let mut got = format!(
        "合计@{}: {}\n",
        p.total.as_ref().unwrap().line,
        funding(p.total.as_ref().unwrap())
    );
    for g in &p.groups {
        let sub = g.subtotal.as_ref().unwrap();
        writeln!(
            got,
            "{}小计@{}: {}",
            g.unit.as_ref().unwrap().value,
            sub.line,
            funding(sub)
        )
        .unwrap();
        for l in &g.lines {
            writeln!(
                got,
                "  @{} {} 预算{} | {} {} {} 数量{} 单价{} | {}",
                l.amount.line,
                l.project.value,
                l.project_budget.as_ref().unwrap().value.0,
                l.item.value,
                l.catalogue_code.as_ref().unwrap().value,
                l.measure.as_deref().unwrap(),
                l.quantity.as_ref().unwrap().value,
                l.unit_price.as_ref().unwrap().value.0,
                funding(&l.amount),
            )
            .unwrap();
        }
    }
    assert_eq!(
        got,
        "合计@477: 合计170.62 一般公共预算拨款170.62
石家庄高新技术产业开发区应急管理局小计@478: 合计0.8 一般公共预算拨款0.8
  @479 乡、村两级灾害信息员培训经费 预算1.00 | 其他印刷品 A080299 箱 数量10.00 单价0.03 | 合计0.3 一般公共预算拨款0.3
  @480 防汛安全知识培训经费 预算1.00 | 其他办公消耗用品及类似物品 A0999 箱 数量25.00 单价0.02 | 合计0.50 一般公共预算拨款0.50
石家庄高新技术产业开发区安全生产监察大队小计@481: 合计169.82 一般公共预算拨款169.82
  @489 安全生产月活动经费 预算3.00 | 其他办公消耗用品及类似物品 A0999 个 数量5.00 单价0.2 | 合计1.00 一般公共预算拨款1.00
  @490 安全生产月活动经费 预算3.00 | 其他印刷品 A080299 箱 数量1.00 单价1.58 | 合计1.58 一般公共预算拨款1.58
  @491 安全生产新闻宣传试点城市工作活动经费 预算9.68 | 其他办公消耗用品及类似物品 A0999 箱 数量2.00 单价0.22 | 合计0.44 一般公共预算拨款0.44
  @492 安全生产新闻宣传试点城市工作活动经费 预算9.68 | 其他办公消耗用品及类似物品 A0999 箱 数量55.00 单价0.02 | 合计1.10 一般公共预算拨款1.10
  @493 安全生产新闻宣传试点城市工作活动经费 预算9.68 | 其他办公消耗用品及类似物品 A0999 个 数量10.00 单价0.45 | 合计4.50 一般公共预算拨款4.50
  @497 危险化学品及重大危险源企业安全评审 预算160.00 | 安全服务 C0810 项 数量1.00 单价160.00 | 合计160.00 一般公共预算拨款160.00
  @498 日常公用经费 预算13.75 | 其他办公消耗用品及类似物品 A0999 个 数量60.00 单价0.02 | 合计1.20 一般公共预算拨款1.20
"
    );
}

#[test]
fn section_7_assets() {
    let (d, _) = read();
    let a = d.assets.as_ref().unwrap();
    assert_eq!(
        a.as_of.as_ref().map(|x| (x.value.as_str(), x.at.line)),
        Some(("2019年12月31日", 502))
    );
    assert_eq!(money(&a.total), "74.5@502");
    let classes: Vec<String> = a
        .classes
        .iter()
        .map(|c| {
            format!(
                "{} {} {}%",
                c.name,
                c.amount.value.0,
                c.share.as_ref().unwrap().value
            )
        })
        .collect();
    assert_eq!(
        classes,
        vec![
            "交通运输 25.72 34.50%",
            "家具用具 9.93 13.2%",
            "通用设备 38.85 52.3%"
        ]
    );
    let planned: Vec<String> = a
        .planned
        .iter()
        .map(|p| format!("{} {}{}", p.item, p.quantity, p.measure))
        .collect();
    assert_eq!(planned, vec!["办公设备计算机 1台", "制证设备 1台"]);
    let table: Vec<String> = a
        .table
        .iter()
        .map(|r| {
            format!(
                "@{} {} 数量{}{} 价值{}",
                r.line,
                r.label,
                r.quantity
                    .as_ref()
                    .map_or("-".into(), |q| q.value.to_string()),
                r.measure.as_deref().unwrap_or(""),
                money(&r.value)
            )
        })
        .collect();
    assert_eq!(
        table,
        vec![
            "@508 资产总额 数量- 价值74.5@508",
            "@509 1、房屋（平方米） 数量-平方米 价值-",
            "@510 其中：办公用房（平方米） 数量-平方米 价值-",
            "@511 2、车辆（台、辆） 数量2台、辆 价值25.72@511",
            "@512 3、单价在20万以上的设备 数量- 价值-",
            "@513 4、其他固定资产 数量- 价值48.78@513",
        ]
    );
}

#[test]
fn terms_and_other_notes() {
    let (d, _) = read();
    let terms: Vec<(&str, u32)> = d
        .terms
        .iter()
        .map(|t| (t.term.as_str(), t.at.line))
        .collect();
    assert_eq!(
        terms,
        vec![
            ("财政拨款收入", 517),
            ("其他收入", 519),
            ("基本支出", 521),
            ("项目支出", 523),
            ("机关运行费", 525),
            ("“三公”经费", 527)
        ]
    );
    assert_eq!(
        d.terms[5].definition,
        "指因公出国（境）费用、公务接待费、公务用车费用。"
    );
    assert_eq!(d.other_notes.len(), 1);
    assert_eq!(d.other_notes[0].at.line, 531);
}

/// By hand: 861.04 = 667.25 + 193.79 = 526.74 + 334.3; 193.79 = 199.18 − 5.39; income 861.04
/// = 861.04 + 0 + 0 + 0; “三公” 0 = 0 + 0 + 0; procurement 0.3 + 0.50 = 0.8, 1.00 + 1.58 +
/// 0.44 + 1.10 + 4.50 + 160.00 + 1.20 = 169.82, 0.8 + 169.82 = 170.62 = the prose, every
/// quantity × price is its amount, every project named exists (日常公用经费 is 基本支出),
/// no project's lines exceed its 预算资金; assets 25.72 + 9.93 + 38.85 = 74.5 and 34.50 +
/// 13.2 + 52.3 = 100, table 25.72 + 48.78 = 74.5 = the prose. What does not hold: the
/// shares are not the amounts over the total (25.72 / 74.5 = 34.52%, 9.93 / 74.5 = 13.33%,
/// 38.85 / 74.5 = 52.15%); the procurement prose lists 审计服务 while the table's only
/// service is 安全服务 (C0810); and the computer and the 制证设备 the assets section plans to buy
/// are not among the procurement items (其他印刷品, 其他办公消耗用品及类似物品, 安全服务): a
/// hint (提示) to check, since a computer is a 集中采购 item. Hints are 提示, the shares 警告.
#[test]
fn the_inconsistencies_a_careful_reader_finds() {
    let (d, doc) = read();
    assert_eq!(doc.projects.len(), 21);
    let found: Vec<(&str, u32, String)> = check(&d, &doc, &Settings::default())
        .into_iter()
        .map(|f| (f.rule_id, f.location.line, f.message))
        .collect();
    assert_eq!(
        found,
        vec![
            ("JX-D021", 469, "第469行：政府采购说明列有“审计服务”，政府采购预算表的采购物品中没有这一类（表中为“其他印刷品”、“其他办公消耗用品及类似物品”、“安全服务”）。".to_string()),
            ("JX-D017", 502, "第502行：交通运输25.72万元占总额74.5万元的34.52%，文中写作34.50%。".to_string()),
            ("JX-D017", 502, "第502行：家具用具9.93万元占总额74.5万元的13.33%，文中写作13.2%。".to_string()),
            ("JX-D017", 502, "第502行：通用设备38.85万元占总额74.5万元的52.15%，文中写作52.3%。".to_string()),
            ("JX-D020", 502, "第502行：国有资产说明本年拟购置“办公设备计算机”1台，政府采购预算表中没有相应的采购物品。".to_string()),
            ("JX-D020", 502, "第502行：国有资产说明本年拟购置“制证设备”1台，政府采购预算表中没有相应的采购物品。".to_string()),
        ]
    );
}

#[test]
fn project_names_match_across_line_breaks() {
    // "安全生产 月活动经 费" in the PDF table is the project "安全生产月活动经费".
    let (d, doc) = read();
    assert!(check(&d, &doc, &Settings::default()).iter().all(|f| f.rule != Rule::D012));
    let mut without = doc.clone();
    without
        .projects
        .retain(|p| p.name.value != "安全生产月活动经费");
    let d012: Vec<String> = check(&d, &without, &Settings::default())
        .into_iter()
        .filter(|f| f.rule == Rule::D012)
        .map(|f| f.message)
        .collect();
    assert_eq!(
        d012,
        vec!["第489行第1列：政府采购项目来源“安全生产月活动经费”不是本文档绩效目标表中的项目。"]
    );
}

#[test]
fn laid_out_for_publication() {
    let (d, _) = read();
    let p = jixiao_disclosure::publication(&d);
    assert_eq!(p.title, "石家庄高新区应急管理局2020年度部门预算公开");
    let headings: Vec<&str> = p.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "一、基本情况",
            "二、收支预算",
            "三、机关运行经费",
            "四、“三公”经费",
            "五、政府采购",
            "六、国有资产",
            "七、名词解释",
            "八、其他重要情况说明",
        ]
    );
    let procurement = p.sections[4].pieces.iter().find_map(|piece| piece.table.as_ref()).unwrap();
    let line = procurement.rows.iter().find(|r| r[2].text == "安全服务").unwrap();
    let shown: Vec<(&str, Option<String>)> =
        line[2..7].iter().map(|c| (c.text.as_str(), c.number.map(|n| n.to_string()))).collect();
    assert_eq!(
        shown,
        [("安全服务", None), ("C0810", None), ("项", None), ("1.00", Some("1.00".into())), ("160.00", Some("160.00".into()))]
    );
}

#[test]
fn target_only_seeds_have_no_disclosure() {
    for seed in [
        "000_c2d12ba55cbeb785.txt",
        "001_bad47639f8145b87.txt",
        "002_cab738b0acffaaf0.txt",
        "003_dc947c097ca44fd8.txt",
    ] {
        let path = format!(
            "{}/../../tests/fixtures/seeds/{seed}",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(&path).unwrap();
        let (disclosure, _) = jixiao_disclosure::read_bytes(seed, &bytes).unwrap();
        assert_eq!(disclosure, None, "{seed}");
    }
}

#[test]
fn findings_serialise_like_review_findings() {
    let (d, doc) = read();
    let first = check(&d, &doc, &Settings::default()).into_iter().next().unwrap();
    assert_eq!(
        serde_json::to_value(&first).unwrap(),
        serde_json::json!({
            "rule": "JX-D021",
            "category": "consistency",
            "category_name": "一致性",
            "severity": "info",
            "severity_name": "提示",
            "title": "采购说明所列品目不在采购表中",
            "message": "第469行：政府采购说明列有“审计服务”，政府采购预算表的采购物品中没有这一类（表中为“其他印刷品”、“其他办公消耗用品及类似物品”、“安全服务”）。",
            "location": { "part": "政府采购", "line": 469 },
            "quotes": [
                { "field": "品目", "value": "审计服务" },
                { "field": "表中采购物品", "value": "“其他印刷品”、“其他办公消耗用品及类似物品”、“安全服务”" }
            ],
            "suggestion": "统一文字说明与政府采购表的品目。"
        })
    );
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["procurement"]["total"]["total"]["value"], "170.62");
    assert_eq!(json["budget"][0]["figures"][0]["change"]["value"], "193.79");
}
