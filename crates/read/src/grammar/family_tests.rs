//! Every layout family the reader knows, each with a real document's shape (shortened) and
//! what a careful reader enters into the form, inline. The corpus (`tests/fixtures/corpus`)
//! measures the families on whole documents; these pin the mechanisms down.

use jixiao_model::record::ExtractionRecord;

use crate::read_bytes;

/// Department, then each project and its rows (自评 fields after `||` where printed).
fn render(text: &str) -> String {
    let reading = read_bytes("t.txt", text.as_bytes()).expect("reads");
    let rec = ExtractionRecord::from(&reading.document);
    let o = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    let n = |x: Option<f64>| x.map_or("-".into(), |x| x.to_string());
    let mut out = format!(
        "D {} | {} | {}\n",
        o(&rec.organization),
        o(&rec.organization_code),
        rec.year.map_or("-".into(), |y| y.to_string())
    );
    for p in &rec.projects {
        let name = if p.name.is_empty() {
            "-".to_string()
        } else {
            p.name.clone()
        };
        out.push_str(&format!(
            "P {} | unit {} | {} {} | goals {}\n",
            name,
            o(&p.unit),
            n(p.budget_total),
            n(p.budget_fiscal),
            p.goals.join(" / ")
        ));
        for r in &p.indicators {
            out.push_str(&format!(
                "  {}|{}|{}|{}|{}|{}",
                o(&r.level1),
                o(&r.level2),
                o(&r.level3),
                o(&r.description),
                o(&r.target),
                o(&r.basis)
            ));
            if r.actual.is_some() || r.weight.is_some() || r.score.is_some() {
                out.push_str(&format!(
                    " || {}|{}|{}",
                    o(&r.actual),
                    n(r.weight),
                    n(r.score)
                ));
            }
            out.push('\n');
        }
    }
    out
}

/// A merged 一级指标 cell printed at the middle row of its group, after rows that print no
/// level 1: the level 2 above goes on (it belongs under that level 1).
#[test]
fn level_one_printed_mid_group() {
    let doc = "\
项目名称 | 主体班 | ||||
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | |
数量指标 | 主体班培训人次 | 280人次 | ||||
情景教学或外训批次 | 6次 | |||||
产出指标 | 开设课程数量 | 220 | ||||
质量指标 | 培训完成率 | 100% | ||||
";
    let want = "\
D - | - | -
P 主体班 | unit - | - - | goals 
  产出指标|数量指标|主体班培训人次|-|280人次|-
  产出指标|数量指标|情景教学或外训批次|-|6次|-
  产出指标|数量指标|开设课程数量|-|220|-
  产出指标|质量指标|培训完成率|-|100%|-
";
    assert_eq!(render(doc), want);
}

/// Pipe rows without the leading `|`, padding `||||`, merged cells dropped, annotations in level names.
#[test]
fn pipe() {
    let doc = "\
项目支出绩效目标申报表 |
(2022年度) | ||||||
项目名称 | 原州区2022年南部水源涵养林建设项目 | |||||
主管部门及代码 | 固原市原州区自然资源局 | 实施单位 | 固原市原州区自然资源局 | |||
项目资金 (万元) | 年度资金总额: | 6070.00 | ||||
其中:财政拨款 | 6070.00 | |||||
绩 效 指 标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | ||
产出指标 | 数量指标 (必填硬性指标) | 实施营造林总面积(亩) | 80000 | |||
其中:实施新造林总面积(亩) | 30000 | |||||
质量指标 (必填) | 苗木成活率(≥**%) | 85 | ||||
";
    let want = "\
D 固原市原州区自然资源局 | - | 2022
P 原州区2022年南部水源涵养林建设项目 | unit 固原市原州区自然资源局 | 6070 6070 | goals 
  产出指标|数量指标 (必填硬性指标)|实施营造林总面积(亩)|-|80000|-
  产出指标|数量指标 (必填硬性指标)|其中:实施新造林总面积(亩)|-|30000|-
  产出指标|质量指标 (必填)|苗木成活率(≥**%)|-|85|-
";
    assert_eq!(render(doc), want);
}

/// One cell per paragraph, level names broken over paragraphs (`经济效益` / `指标`).
#[test]
fn cells() {
    let doc = "\
项目名称

岳阳县2022年高标准农田建设项目

主管部门

岳阳县农业农村局

一级指标

二级指标

三级指标

指标值

产出指标

数量指标

脱贫村村内道路硬化里程

≥100公里

脱贫户供水设施数量

≥20座

效益指标

经济效益

指标

年增粮食

3500公斤
";
    let want = "\
D 岳阳县农业农村局 | - | -
P 岳阳县2022年高标准农田建设项目 | unit - | - - | goals 
  产出指标|数量指标|脱贫村村内道路硬化里程|-|≥100公里|-
  产出指标|数量指标|脱贫户供水设施数量|-|≥20座|-
  效益指标|经济效益指标|年增粮食|-|3500公斤|-
";
    assert_eq!(render(doc), want);
}

/// One cell per line, where a 三级指标 ends in a figure (`开展执法周宣活动3次`) and its value
/// follows on the next line: the line is one cell, its figure no value split off.
#[test]
fn cell_lines_names_ending_in_a_figure() {
    let doc = "\
项目名称
安全生产执法宣传
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
按照上级要求开展执法周宣活动3次
3次
发放宣传资料5000份
≥5000份
质量指标
宣传覆盖率
≥90%
效益指标
社会效益指标
群众安全意识提升
明显提升
";
    let want = "\
D - | - | -
P 安全生产执法宣传 | unit - | - - | goals 
  产出指标|数量指标|按照上级要求开展执法周宣活动3次|-|3次|-
  产出指标|数量指标|发放宣传资料5000份|-|≥5000份|-
  产出指标|质量指标|宣传覆盖率|-|≥90%|-
  效益指标|社会效益指标|群众安全意识提升|-|明显提升|-
";
    assert_eq!(render(doc), want);
}

/// A 自评 report's table with a progress column (`实施进度`, what was done) and the evaluation
/// framework's level-1 name (`项目决策`) printed over the rows, merged cells absent below it.
#[test]
fn progress_column_and_framework_level1() {
    let doc = "\
项目名称 | 文明城市创建专项资金 |
一级指标 | 二级指标 | 三级指标 | 指标值 | 实施进度 |
项目决策 | 数量指标 | 宣传次数 | 至少全年完成2次宣传 | 已完成100% |
质量指标 | 创建质量 | 按质按量完成 | 已完成100% |
满意度指标 | 满意度指标 | 群众满意度 | 90% | 已完成100% |
";
    let want = "\
D - | - | -
P 文明城市创建专项资金 | unit - | - - | goals 
  项目决策|数量指标|宣传次数|-|至少全年完成2次宣传|- || 已完成100%|-|-
  项目决策|质量指标|创建质量|-|按质按量完成|- || 已完成100%|-|-
  满意度指标|满意度指标|群众满意度|-|90%|- || 已完成100%|-|-
";
    assert_eq!(render(doc), want);
}

/// A 自评表 page cut above its header: pipe rows whose target is split over 计算符号 /
/// 指标值 / 度量单位, then the actual and the 分值; merged level cells absent.
#[test]
fn headerless_split_targets_with_actuals() {
    let doc = "\
成本指标 | 安全隐患排查成本预算 | = | 6 | 万元 | 6 | 5 |
警示标志设置成本预算 | = | 5 | 万元 | 5 | 5 |
效益指标 | 社会效益指标 | 环境治理亮化美化率 | ≥ | 90 | % | 93 | 10 |
安全隐患排查有效处置率 | ≥ | 90 | % | 91 | 10 |
满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥ | 95 | % | 96 | 10 |
";
    let want = "\
D - | - | -
P - | unit - | - - | goals 
  产出指标|成本指标|安全隐患排查成本预算|-|=6万元|- || 6|5|-
  产出指标|成本指标|警示标志设置成本预算|-|=5万元|- || 5|5|-
  效益指标|社会效益指标|环境治理亮化美化率|-|≥90%|- || 93|10|-
  效益指标|社会效益指标|安全隐患排查有效处置率|-|≥90%|- || 91|10|-
  满意度指标|服务对象满意度指标|群众满意度|-|≥95%|- || 96|10|-
";
    assert_eq!(render(doc), want);
}

/// A 自评 report's table in traditional characters, run together from a web page: targets with
/// traditional units (`>=2個`), the actual, a 累計完成率 after it (`0%當年…`), a repeated
/// value after its operator (`>=100%100%`), and the report's next heading glued on (`(二)…`).
#[test]
fn glued_traditional_with_completion_rates() {
    let doc = "\
項目名稱:人才驛站補助
項目年度績效目標(定量目標)評價內容績效內容績效目標值實際完成值累計完成率產出目標數量目標當年獲得市級以上確認的人才驛站數量>=2個0個0%當年人才驛站組織活動數量>=28次40次143%質量目標人才驛站補助資金到位率>=100%100%100%(二)項目財務管理狀況本項目累計安排資金10萬元,其中:項目立項6分,
";
    let want = "\
D - | - | -
P 人才驛站補助 | unit - | - - | goals 
  產出目標|數量目標|當年獲得市級以上確認的人才驛站數量|-|>=2個|- || 0個|-|-
  產出目標|數量目標|當年人才驛站組織活動數量|-|>=28次|- || 40次|-|-
  產出目標|質量目標|人才驛站補助資金到位率|-|>=100%|- || 100%|-|-
";
    assert_eq!(render(doc), want);
}

/// A budget explanation converted from PDF, wrapped at the page's width with words broken
/// over lines (`资金支付及` / `时率`), the page starting after the list's first verb
/// (`1条数量指标:`) and a space after the others (`设 1条`).
#[test]
fn wrapped_prose_target_list() {
    let doc = "\
项目名称:应急运维系统运行维护
1条数量指标:开通业务月份≥1个月;设 1条质量指标:
应急运维系统保障率≥80%;设 1条时效指标:资金支付及
时率=100%;设 1条成本指标:项目成本超支率≤0%;设 1
条经济效益指标:维护单位日常运转定性有效;设 1条满意
度指标:职工满意度≥90%。
";
    let want = "\
D - | - | -
P 应急运维系统运行维护 | unit - | - - | goals 
  -|数量指标|开通业务月份|-|≥1个月|-
  -|质量指标|应急运维系统保障率|-|≥80%|-
  -|时效指标|资金支付及时率|-|=100%|-
  -|成本指标|项目成本超支率|-|≤0%|-
  -|经济效益指标|维护单位日常运转|-|有效|-
  满意度指标|-|职工满意度|-|≥90%|-
";
    assert_eq!(render(doc), want);
}

/// Rows run together whose values are periods in figures (`服务周期2023.07-2024.01`) or start
/// with an operator after a word (`…次数提升≥上年度依法维权次数`).
#[test]
fn glued_periods_and_operators() {
    let doc = "\
项目名称雾炮车降尘抑尘服务
一级指标二级指标三级指标指标值
产出指标时效指标服务周期2023.07-2024.01
补贴期限2020.1.1-2020.12.31
效益指标社会效益指标群众依法维权次数提升≥上年度依法维权次数
";
    let want = "\
D - | - | -
P 雾炮车降尘抑尘服务 | unit - | - - | goals 
  产出指标|时效指标|服务周期|-|2023.07-2024.01|-
  产出指标|时效指标|补贴期限|-|2020.1.1-2020.12.31|-
  效益指标|社会效益指标|群众依法维权次数提升|-|≥上年度依法维权次数|-
";
    assert_eq!(render(doc), want);
}

/// A self-evaluation report's prose: each target, then what was achieved in a clause of its
/// own (`布防飞机数量≥6架,实际布防6架`), hours and per-mille values included; its goal
/// ends at the next numbered heading (`4.绩效指标完成情况分析。`).
#[test]
fn report_prose_targets_with_actual_clauses() {
    let doc = "\
云南省2022年度中央自然灾害资金绩效自评报告

年度绩效目标:推进森林草原航空消防救援能力建设,及时处置火灾,努力减少灾害损失。

4.绩效指标完成情况分析。

(1)产出指标。

数量指标:布防飞机数量≥6架,实际布防6架;飞机飞行时长≥928小时,实际飞行时长909.93小时。

(2)效益指标。

社会效益指标:森林火灾受害率≤0.9‰,实际受害率0.0046‰。
";
    let out = render(doc);
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(
        rows,
        [
            "  产出指标|数量指标|布防飞机数量|-|≥6架|- || 6架|-|-",
            "  产出指标|数量指标|飞机飞行时长|-|≥928小时|- || 909.93小时|-|-",
            "  效益指标|社会效益指标|森林火灾受害率|-|≤0.9‰|- || 0.0046‰|-|-",
        ],
        "{out}"
    );
    // The report's next numbered heading is no goal.
    assert!(out.contains("goals 推进森林草原航空消防救援能力建设,及时处置火灾,努力减少灾害损失。\n"), "{out}");
}

/// An indentation tree: unit, project and amount (元), then 一级 / 二级 / 三级 with the value below
/// (a name's unit in brackets after a space stays the name's: `接种人次 (人次)`).
#[test]
fn indent() {
    let doc = "\
单位:元

项目

指标值

绩效金额

 石嘴山市疾病预防控制中心

  狂犬、乙肝、流感等疫苗及美沙酮药物

3000000

   产出指标

    时效指标(必填)

     疫苗提供及时率

100%

    数量指标

     接种人次 (人次)

≥5000人次

   满意度指标

    服务对象满意度指标(必填)

     服务对象满意度

100%
";
    let want = "\
D 石嘴山市疾病预防控制中心 | - | -
P 狂犬、乙肝、流感等疫苗及美沙酮药物 | unit 石嘴山市疾病预防控制中心 | 300 - | goals 
  产出指标|时效指标(必填)|疫苗提供及时率|-|100%|-
  产出指标|数量指标|接种人次 (人次)|-|≥5000人次|-
  满意度指标|服务对象满意度指标(必填)|服务对象满意度|-|100%|-
";
    assert_eq!(render(doc), want);
}

/// Cells split by spaces, level names broken over lines (`项目完成` / `指标`), a block label before the levels.
#[test]
fn spaces() {
    let doc = "\
项目名称 特困家庭再扶助
预算单位 区卫生健康局
绩效指标 一级指标 二级指标 三级指标 指标值(包含数字及文字描述)
绩效指标 项目完成
指标
数量指标 对符合政策法规的家庭进行扶助 63人
时效指标 项目实施时间 2021年1月-12月
项目效益
指标
社会效益
指标
促进人口与经济协调发展 100%
";
    let want = "\
D 区卫生健康局 | - | 2021
P 特困家庭再扶助 | unit 区卫生健康局 | - - | goals 
  项目完成指标|数量指标|对符合政策法规的家庭进行扶助|-|63人|-
  项目完成指标|时效指标|项目实施时间|-|2021年1月-12月|-
  项目效益指标|社会效益指标|促进人口与经济协调发展|-|100%|-
";
    assert_eq!(render(doc), want);
}

/// Text run together: labels, headers, level names and values glued.
#[test]
fn glued() {
    let doc = "\
项目名称博物馆纪念馆免费开放补助资金项目类型新增项目
年度绩效目标进一步提高博物馆纪念馆运行效率一级指标二级指标三级指标指标目标值产出指标数量指标免费开放天数=300天质量指标博物馆绩效考核指标完成率=100%
";
    let want = "\
D - | - | -
P 博物馆纪念馆免费开放补助资金 | unit - | - - | goals 进一步提高博物馆纪念馆运行效率
  产出指标|数量指标|免费开放天数|-|=300天|-
  产出指标|质量指标|博物馆绩效考核指标完成率|-|=100%|-
";
    assert_eq!(render(doc), want);
}

/// Glued rows whose values are words: the stem of the name's last word (`完备性完备`), a
/// lone 是, a level name printed 可持续性影响, a value repeating its name (the name printed
/// twice is two cells).
#[test]
fn glued_values_in_words() {
    let doc = "\
项目名称防震减灾工作经费
一级指标二级指标指标名称目标值
产出指标数量指标培训人员人次培训人员人次达标
效益指标社会效益指标地震安全知识知晓率≥95%
可持续影响指标地震应急预案完备性完备
跨部门沟通协作机制健全性健全
效果指标可持续性影响提供信息及依据是
";
    let want = "\
D - | - | -
P 防震减灾工作经费 | unit - | - - | goals 
  产出指标|数量指标|培训人员人次|-|培训人员人次达标|-
  效益指标|社会效益指标|地震安全知识知晓率|-|≥95%|-
  效益指标|可持续影响指标|地震应急预案完备性|-|完备|-
  效益指标|可持续影响指标|跨部门沟通协作机制健全性|-|健全|-
  效果指标|可持续性影响|提供信息及依据|-|是|-
";
    assert_eq!(render(doc), want);
}

/// Glued rows whose level names carry a template's marks or notes (`数量指标*`,
/// `时效指标(必填)`): the note is the level's, not the start of the indicator's name.
#[test]
fn glued_level_notes() {
    let doc = "\
项目名称外聘人员经费
一级指标二级指标三级指标指标值
产出指标数量指标*外聘人员招聘数量≥10人
时效指标(必填)疫苗提供及时率100%
";
    let want = "\
D - | - | -
P 外聘人员经费 | unit - | - - | goals 
  产出指标|数量指标*|外聘人员招聘数量|-|≥10人|-
  产出指标|时效指标(必填)|疫苗提供及时率|-|100%|-
";
    assert_eq!(render(doc), want);
}

/// Glued rows, a line each, under a header whose 指标值 carries its note
/// (`指标值（包含数字及文字描述）`): the note is the header's, not the first row's.
#[test]
fn glued_header_note() {
    let doc = "\
项目名称赛事经费
一级指标二级指标三级指标指标值（包含数字及文字描述）
产出指标数量指标开展运动种类1种
质量指标经费支出合规率100%
";
    let want = "\
D - | - | -
P 赛事经费 | unit - | - - | goals 
  产出指标|数量指标|开展运动种类|-|1种|-
  产出指标|质量指标|经费支出合规率|-|100%|-
";
    assert_eq!(render(doc), want);
}

/// Glued rows whose value has no unit or sign to show where it starts: a bare figure, a
/// value in words, a lone 是 — the name keeps its own endings (`及时率`).
#[test]
fn glued_values_without_units() {
    let doc = "\
项目名称党校主体班
一级指标二级指标三级指标指标值
产出指标数量指标开设课程数量220
培训合格率100
质量指标防汛物资配备是否齐全是
时效指标按时间节点完成任务按时完成
";
    let want = "\
D - | - | -
P 党校主体班 | unit - | - - | goals 
  产出指标|数量指标|开设课程数量|-|220|-
  产出指标|数量指标|培训合格率|-|100|-
  产出指标|质量指标|防汛物资配备是否齐全|-|是|-
  产出指标|时效指标|按时间节点完成任务|-|按时完成|-
";
    assert_eq!(render(doc), want);
}

/// A 申报表 one cell per line, cut by the page before its budget, goals and indicators:
/// the 项目名称 beside the form's descriptive labels (项目类别, 项目性质) is still the
/// form's project, the 申报单位 above the form its unit, and 项目概况 describes the
/// project rather than saying what the money is for (no 资金用途).
#[test]
fn form_cut_before_its_indicators() {
    let doc = "\
鄂州市2020年市直部门预算项目支出绩效目标表

 申报单位: 鄂州市图书馆

金额单位:万元

项目名称

图书馆资源购置和信息共享等专项经费

项目类别

运行维护类

项目性质

常年性项目

项目概况

流动图书车下乡服务
";
    let want = "\
D 鄂州市图书馆 | - | 2020
P 图书馆资源购置和信息共享等专项经费 | unit 鄂州市图书馆 | - - | goals 
";
    assert_eq!(render(doc), want);
    let reading = read_bytes("t.txt", doc.as_bytes()).expect("reads");
    assert_eq!(reading.document.projects[0].purpose, None, "项目概况 is no 资金用途");
}

/// A 自评表 whose one 计量单位 column follows both 年度指标值 and 实际完成值: the unit
/// serves both values (`1 | 1 | 次` → target `≥1次`, actual `1次`). Where the unit stands
/// between them (`指标值 | 度量单位 | 实际完成值`) it is the target's alone.
#[test]
fn self_evaluation_unit_column_shared_by_target_and_actual() {
    let after = "\
项目名称 | 自然资源业务支出项目 |
一级指标 | 二级指标 | 三级指标 | 指标方向 | 年度指标值 | 实际完成值 | 计量单位 | 分值 | 得分 |
产出指标 | 数量指标 | 租车次数 | 大于等于 | 1 | 1 | 次 | 8 | 8 |
 | 质量指标 | 宣传合格率 | 等于 | 100 | 100 | % | 7 | 7 |
";
    let out = render(after);
    assert!(out.contains("|数量指标|租车次数|-|大于等于1次|- || 1次|8|8"), "{out}");
    assert!(out.contains("|质量指标|宣传合格率|-|等于100%|- || 100%|7|7"), "{out}");
    let between = "\
项目名称 | 铁路护路经费 |
一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分 |
产出指标 | 数量指标 | 护路经费 | = | 6 | 万元 | 6 | 10 | 10 |
";
    let out = render(between);
    assert!(out.contains("|数量指标|护路经费|-|=6万元|- || 6|10|10"), "{out}");
}

/// A central transfer's 区域(项目) 自评表 run together by a converter (四川, 2021): the
/// page's breadcrumb before it names site sections (`专项资金(涉农补贴)` is no budget
/// field); the name's label `转移支付(项目)名称` and the 中央 / 地方主管部门 glued to their
/// values; a money name with a note in brackets is one name; the funds block prints no
/// 分值 (`40004000100%` → 4000 | 4000 | 100%); each row ends in its target and actual run
/// together where they agree (`2020` → 20 | 20), after a name that holds figures of its
/// own; a bare 成本指标 row is no level 1 of the 效益 rows after it.
#[test]
fn central_transfer_self_evaluation_glued() {
    let doc = "\
首页 > 政务公开 > 重点领域公开 > 专项资金(涉农补贴)
索引号
11511181008798440B/2022-00034
   车辆购置税收入补助地方资金(普通省道公路建设)绩效目标自评
(2021年度)
转移支付(项目)名称车辆购置税收入补助地方资金(普通省道公路建设)
中央主管部门财政部
地方主管部门阆中市交通运输局资金使用单位阆中市交通运输局
项目资金
(万元)

全年预算数(A)全年执行数(B)预算执行率(B/A)
年度资金总额:40004000100%
绩效指标一级
指标
二级指标三级指标指标值全年实际完成值未完成原因和改进措施

数量指标建设普通省道二级公路32.1公里2020

时效指标按期完成投资1010

成本指标

经济效益
指标
对经济发展的促进作用1010
满意度指标服务对象
满意度指标
改善通行服务水平群众满意度2020
";
    let want = "\
D 阆中市交通运输局 | - | 2021
P 车辆购置税收入补助地方资金(普通省道公路建设) | unit 阆中市交通运输局 | 4000 - | goals 
  产出指标|数量指标|建设普通省道二级公路32.1公里|-|20|- || 20|-|-
  产出指标|时效指标|按期完成投资|-|10|- || 10|-|-
  效益指标|经济效益指标|对经济发展的促进作用|-|10|- || 10|-|-
  满意度指标|服务对象满意度指标|改善通行服务水平群众满意度|-|20|- || 20|-|-
";
    assert_eq!(render(doc), want);
    let reading = read_bytes("t.txt", doc.as_bytes()).expect("reads");
    assert_eq!(reading.document.projects[0].purpose, None, "the breadcrumb is no field");
}

/// A table printed one cell per line whose values are bare figures: the header printed a
/// column per line says the lines are cells, so a name ending in a quantity
/// (`建设普通省道二级公路32.1公里`) is one cell, not a name glued to its value (a 自评表 here:
/// the figures are its target and actual).
#[test]
fn cell_lines_with_bare_figures_keep_quantities_in_names() {
    let doc = "\
项目名称
省道公路建设
一级指标
二级指标
三级指标
年度指标值
全年完成值
产出指标
数量指标
建设普通省道二级公路32.1公里
20
20
质量指标
建设符合验收要求
20
20
时效指标
按期完成投资
10
10
";
    let want = "\
D - | - | -
P 省道公路建设 | unit - | - - | goals 
  产出指标|数量指标|建设普通省道二级公路32.1公里|-|20|- || 20|-|-
  产出指标|质量指标|建设符合验收要求|-|20|- || 20|-|-
  产出指标|时效指标|按期完成投资|-|10|- || 10|-|-
";
    assert_eq!(render(doc), want);
}

/// An indentation tree whose values read as no value at all (a sentence, a cut word): the
/// value stands on a line of its own, deeper than its name, which says what it is.
#[test]
fn indentation_tree_values_in_words() {
    let doc = "\
项目名称：人工增雨飞机作业项目
绩效指标
产出指标
  数量指标
    飞机增雨作业航时
      暂定量按15次作业且总航时不少于30小时测算
  质量指标
    围绕农业生产、生态环境修复等需求
      解
";
    let want = "\
D - | - | -
P 人工增雨飞机作业项目 | unit - | - - | goals 
  产出指标|数量指标|飞机增雨作业航时|-|暂定量按15次作业且总航时不少于30小时测算|-
  产出指标|质量指标|围绕农业生产、生态环境修复等需求|-|解|-
";
    assert_eq!(render(doc), want);
}

/// A 自评表 printed one cell per line with its empty cells absent: a row that printed its
/// target and one figure more, equal to it, met its target (the figure is the actual, not
/// a score equal to the target by chance); a row that printed all its cells reads in order.
#[test]
fn self_evaluation_cell_lines_target_met() {
    let doc = "\
项目名称
生猪养殖场建设项目
一级指标
二级指标
三级指标
年度指标值
实际完成值
指标得分
偏差原因分析
产出指标
数量指标
种母猪存栏数
20
20
质量指标
验收合格率
100%
98%
9
个别栏舍返工
";
    let want = "\
D - | - | -
P 生猪养殖场建设项目 | unit - | - - | goals 
  产出指标|数量指标|种母猪存栏数|-|20|- || 20|-|-
  产出指标|质量指标|验收合格率|-|100%|- || 98%|-|9
";
    assert_eq!(render(doc), want);
}

/// Glued rows, one a line: a line that ends in its own value (`…是否齐全是`) is a whole row,
/// not the first half of a name the next line ends.
#[test]
fn glued_line_ending_in_its_value_is_a_row() {
    let doc = "\
项目名称应急防灾减灾救灾防汛抗旱经费
一级指标二级指标三级指标年度指标值
产出指标数量指标防汛物资配备是否齐全是
应急预案演练次数1次
质量指标专项资金使用率≥100%
";
    let want = "\
D - | - | -
P 应急防灾减灾救灾防汛抗旱经费 | unit - | - - | goals 
  产出指标|数量指标|防汛物资配备是否齐全|-|是|-
  产出指标|数量指标|应急预案演练次数|-|1次|-
  产出指标|质量指标|专项资金使用率|-|≥100%|-
";
    assert_eq!(render(doc), want);
}

/// Glued rows whose names open with the template's numbering (`指标1`, no colon): the
/// numbering's figure is part of the name, so the bare figure at the end is still the value.
#[test]
fn glued_values_after_numbered_names() {
    let doc = "\
项目名称暖通改造经费
一级指标二级指标三级指标目标值
产出指标数量指标指标1工程资金金额43.2
质量指标指标1工程完工率100
指标2工程验收合格率100
";
    let want = "\
D - | - | -
P 暖通改造经费 | unit - | - - | goals 
  产出指标|数量指标|指标1工程资金金额|-|43.2|-
  产出指标|质量指标|指标1工程完工率|-|100|-
  产出指标|质量指标|指标2工程验收合格率|-|100|-
";
    assert_eq!(render(doc), want);
}

/// A 自评表 in space-separated lines, 分值 before the values (宁夏's order) and a `—` where
/// a cell is empty: the placeholder keeps its column's place, so a bare figure after the
/// target is the actual, not the 分值 (`22.8    22.8    —    1`).
#[test]
fn self_evaluation_spaces_with_placeholders() {
    let doc = "\
2022年度项目支出绩效自评表
项目名称    生猪养殖场建设项目
一级指标    二级指标    三级指标    年度指标值    全年完成值    指标权重    指标得分    未完成原因分析及改进措施
产出指标    数量指标    公猪舍面积    22.8    22.8    —    1    —
母猪舍面积    180    180    —    3    —
质量指标    验收合格率    100%    98%    10    9    个别栏舍返工
";
    let want = "\
D - | - | 2022
P 生猪养殖场建设项目 | unit - | - - | goals 
  产出指标|数量指标|公猪舍面积|-|22.8|- || 22.8|-|1
  产出指标|数量指标|母猪舍面积|-|180|- || 180|-|3
  产出指标|质量指标|验收合格率|-|100%|- || 98%|10|9
";
    assert_eq!(render(doc), want);
}

/// A 自评表 whose 预期目标 and 实际完成情况 share one line, one space between them (a
/// converter's cell break): the goal is the sentence before the space, not the whole line
/// given to 实际完成情况. Where lines are rows, a value cut after its lead-in
/// (`完成时间为 | 2022年12月30日`) is one cell, not a row ending and another starting.
#[test]
fn self_evaluation_goal_and_result_in_one_line() {
    let doc = "\
项目支出绩效自评表（2022年度）
项目名称 市级文物保护专项经费
年度总体目标 预期目标 实际完成情况
通过项目实施,完成罗氏宗祠、李氏宗祠、英布墓日常维护,旧址病虫害防治测绘、国保省保矢量数据测绘、石刻护栏制装,加大文物保护力度,发挥文物的宣传教育价值。 基本完成年度目标。
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产出指标 数量指标 修缮建筑面积 6000平方米 6000平方米 7 7
时效指标 项目设计、招标、施工 完成时间为2022年12月30日 完成时间为2022年12月30日 6 5
";
    let want = "\
D - | - | 2022
P 市级文物保护专项经费 | unit - | - - | goals 通过项目实施,完成罗氏宗祠、李氏宗祠、英布墓日常维护,旧址病虫害防治测绘、国保省保矢量数据测绘、石刻护栏制装,加大文物保护力度,发挥文物的宣传教育价值。
  产出指标|数量指标|修缮建筑面积|-|6000平方米|- || 6000平方米|7|7
  产出指标|时效指标|项目设计、招标、施工|-|完成时间为2022年12月30日|- || 完成时间为2022年12月30日|6|5
";
    assert_eq!(render(doc), want);
}

/// A 自评表's `预期目标 | 目标实际完成情况` over two paragraphs (a flattened table's two
/// cells, one line per goal, a blank line between): the first paragraph is the goals.
#[test]
fn self_evaluation_goals_and_results_as_paragraphs() {
    let doc = "\
2021年中央对地方专项转移支付区域绩效目标自评表
单位名称 遂宁市市场监督管理局经开区分局
预期目标 目标实际完成情况

 目标1:完成两品一械抽检工作
 目标2:加强两品一械企业监管力度

 目标1:配合完成抽检148个批次
 目标2:加强了两品一械企业监管力度

一级指标 二级指标 三级指标 年度指标值 实际完成值
产出指标 数量指标 抽检批次 ≥140个 148个
";
    let want = "\
D 遂宁市市场监督管理局经开区分局 | - | 2021
P - | unit - | - - | goals 目标1:完成两品一械抽检工作 / 目标2:加强两品一械企业监管力度
  产出指标|数量指标|抽检批次|-|≥140个|- || 148个|-|-
";
    assert_eq!(render(doc), want);
}

/// 四川's funds block: 年度资金总额 printed over a column label only, its parts as
/// subtotals (`(一)财政拨款小计 6.30`, `(二)自有资金小计 0.00`): the total is their sum.
#[test]
fn total_printed_as_its_parts() {
    let doc = "\
2021年项目支出绩效目标表
项目名称 特困家庭再扶助
预算单位 区卫生健康局
项目资金(万元) 年度资金总额 金额(万元)
   (一)财政拨款小计 6.30
       1、一般公共预算 6.30
       2、政府性基金 0.00
   (二)自有资金小计 0.00
       1、事业收入 0.00
   (三)其他收入 0.00
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 扶助人数 ≥21人
";
    let want = "\
D 区卫生健康局 | - | 2021
P 特困家庭再扶助 | unit 区卫生健康局 | 6.3 6.3 | goals 
  产出指标|数量指标|扶助人数|-|≥21人|-
";
    assert_eq!(render(doc), want);
}

/// A single space a conversion left inside a value or a name is no cell boundary: an
/// operator and its figure (`≤ 0.7万元`), a figure and its unit (`3.2 万户`), a name and
/// its unit in brackets (`培训天数 (天)≥10天`).
#[test]
fn spaces_inside_values() {
    let doc = "\
项目名称防震减灾工作经费
一级指标二级指标三级指标指标值
产出指标成本指标地震灾害调查、评估、应急处置≤ 0.7万元
数量指标农村住房保险补贴户数3.2 万户
培训天数 (天)≥10天
";
    let want = "\
D - | - | -
P 防震减灾工作经费 | unit - | - - | goals 
  产出指标|成本指标|地震灾害调查、评估、应急处置|-|≤ 0.7万元|-
  产出指标|数量指标|农村住房保险补贴户数|-|3.2 万户|-
  产出指标|数量指标|培训天数 (天)|-|≥10天|-
";
    assert_eq!(render(doc), want);
}

/// The project part in text lines, labels carrying their unit in brackets: with a colon
/// (`年度资金总额（万元）：1125`, `其中：财政资金（万元）：1125`), glued to the value
/// (`其中：财政资金（万元）1125`), and the goal's label glued to its sentence.
#[test]
fn labels_with_notes_in_text() {
    let colons = "\
项目名称：物业管理
年度资金总额（万元）：1125
其中：财政资金（万元）：1000
其他资金（万元）：125
年度绩效目标：完成开发区安置小区物业管理工作，确保小区环境整洁、设施运转正常。
产出指标
  数量指标
    管理小区数量
      5个
";
    let glued = "\
项目名称物业管理
年度资金总额（万元）1125
其中：财政资金（万元）1000
其他资金（万元）125
年度绩效目标完成开发区安置小区物业管理工作，确保小区环境整洁、设施运转正常。
一级指标二级指标三级指标指标值
产出指标数量指标管理小区数量5个
";
    let want = "\
D - | - | -
P 物业管理 | unit - | 1125 1000 | goals 完成开发区安置小区物业管理工作，确保小区环境整洁、设施运转正常。
  产出指标|数量指标|管理小区数量|-|5个|-
";
    assert_eq!(render(colons), want);
    assert_eq!(render(glued), want);
}

/// A row of cells split by runs of spaces: each piece is one cell, so a name that ends in
/// a figure (`每年财政补助1000万元`) or a value in words with a date in it stays whole.
#[test]
fn spaced_cells_keep_their_words() {
    let doc = "\
项目名称    东津院区建设补助
一级指标    二级指标    三级指标    年度指标值    实际完成值    分值    得分
产出指标    成本指标    每年财政补助1000万元    1000万元    1000万元    10    10
时效指标    建设完成时间    完成时间为2022年12月30日    完成时间为2022年12月30日    5    5
质量指标    县级储备粮库存粮 食明显变质比例    0    0    5    5
";
    let want = "\
D - | - | 2022
P 东津院区建设补助 | unit - | - - | goals 
  产出指标|成本指标|每年财政补助1000万元|-|1000万元|- || 1000万元|10|10
  产出指标|时效指标|建设完成时间|-|完成时间为2022年12月30日|- || 完成时间为2022年12月30日|5|5
  产出指标|质量指标|县级储备粮库存粮 食明显变质比例|-|0|- || 0|5|5
";
    assert_eq!(render(doc), want);
}

/// The national 申报表 as a web page or Word file lays it out: a 绩效指标 cell spanning
/// the table at the left and a header over two rows whose upper row spans the levels
/// (`指标`) while 指标值 spans both rows. The lower row gives the levels, the upper the rest.
#[test]
fn two_row_header_over_the_levels() {
    let doc = "\
| 项目名称 | 赛事经费 |  |  |  |
| 绩效指标 | 指标 |  |  | 指标值（包含数字及文字描述） |
|  | 一级指标 | 二级指标 | 三级指标 |  |
|  | 产出指标 | 数量指标 | 开展运动种类 | 1种 |
|  |  | 质量指标 | 经费支出合规率 | 100% |
";
    let want = "\
D - | - | -
P 赛事经费 | unit - | - - | goals 
  产出指标|数量指标|开展运动种类|-|1种|-
  产出指标|质量指标|经费支出合规率|-|100%|-
";
    assert_eq!(render(doc), want);
}

/// The same two-row header flattened one cell per line: 指标值 (spanning both rows) is
/// printed before the levels of the lower row, but the table's rows print levels first.
#[test]
fn two_row_header_flattened() {
    let doc = "\
项目名称
赛事经费
绩效指标
指标
指标值（包含数字及文字描述）
一级指标
二级指标
三级指标
产出指标
数量指标
开展运动种类
1种
质量指标
经费支出合规率
100%
";
    let want = "\
D - | - | -
P 赛事经费 | unit - | - - | goals 
  产出指标|数量指标|开展运动种类|-|1种|-
  产出指标|质量指标|经费支出合规率|-|100%|-
";
    assert_eq!(render(doc), want);
}

/// A target split over 计量单位 / 指标性质 / 指标值, joined as one writes it.
#[test]
fn split() {
    let doc = "\
| 一级指标 | 二级指标 | 三级指标 | 计量单位 | 指标性质 | 指标值 |
| 产出指标 | 数量指标 | 绿化美化公路 | 米 | = | 3500 |
|  |  | 购买发放李子苗 | 株 | = | 15000 |
|  | 质量指标 | 树木成活率 | % | ≥ | 85 |
";
    let want = "\
D - | - | -
P - | unit - | - - | goals 
  产出指标|数量指标|绿化美化公路|-|=3500米|-
  产出指标|数量指标|购买发放李子苗|-|=15000株|-
  产出指标|质量指标|树木成活率|-|≥85%|-
";
    assert_eq!(render(doc), want);
}

/// Space-separated split targets with a 分值 column: a spreadsheet's date serial left in
/// the 目标值 and 计量单位 cells (`44,561`) is no 分值 (points are at most 100).
#[test]
fn split_points() {
    let doc = "\
一级指标 二级指标 三级指标 指标方向 目标值 计量单位 分值 备注
产出指标 数量指标 出差人次 正向 = 24 人/次 4
产出指标 时效指标 项目财政资金到位时间 正向 = 44,561 44,561 10
产出指标 成本指标 出差总成本 反向 = 1 万元 4
";
    let out = render(doc);
    assert!(
        out.contains("|项目财政资金到位时间|-|= 44,561 44,561|- || -|10|-"),
        "{out}"
    );
    assert!(out.contains("|出差人次|-|= 24人/次|- || -|4|-"), "{out}");
}

/// Annotations (`(50分)`, `★`), a header broken over lines, a self-evaluation's columns.
#[test]
fn annot() {
    let doc = "\
项目名称 | 河西村特色种养补贴到户项目 |
绩效指标 | 一级 指标 | 二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 |
产 出 指 标 (50分) |
数量指标 | ★补助各类瓜果蔬菜种植面积 | 20 | 29.5亩 | 29.5亩 | 20 |
其中桃树种植面积 | 1.5亩 | 1.5亩 |
效 益 指 标 (30分) |
社会效益 指标 |
受益人口数量 | 10 | 90人 | 90人 | 10 |
";
    let want = "\
D - | - | -
P 河西村特色种养补贴到户项目 | unit - | - - | goals 
  产 出 指 标 (50分)|数量指标|★补助各类瓜果蔬菜种植面积|-|29.5亩|- || 29.5亩|20|20
  产 出 指 标 (50分)|数量指标|其中桃树种植面积|-|1.5亩|- || 1.5亩|-|-
  效 益 指 标 (30分)|社会效益 指标|受益人口数量|-|90人|- || 90人|10|10
";
    assert_eq!(render(doc), want);
}

/// Extra columns (指标解释, 评（扣）分标准, 备注) beside the ones the record keeps.
#[test]
fn extra() {
    let doc = "\
一级指标	二级指标	三级指标	指标解释	评（扣）分标准	指标值	备注
产出指标	数量指标	培训人次	全年培训的人次	未达到扣5分	≥200人次	
	质量指标	培训合格率	考核合格人数/参训人数	每低1%扣1分	≥95%	
满意度指标	服务对象满意度指标	学员满意度	问卷调查	低于90%不得分	≥90%	
";
    let want = "\
D - | - | -
P - | unit - | - - | goals 
  产出指标|数量指标|培训人次|全年培训的人次|≥200人次|-
  产出指标|质量指标|培训合格率|考核合格人数/参训人数|≥95%|-
  满意度指标|服务对象满意度指标|学员满意度|问卷调查|≥90%|-
";
    assert_eq!(render(doc), want);
}

/// A notice listing targets in prose under numbered level headings.
#[test]
fn prose() {
    let doc = "\
同心县2025年设施农业技术培训项目绩效目标设定
项目总体绩效目标:提高种植人员种植技术和管理水平。现将具体绩效目标设定如下:
一、产出指标
(一)数量指标
设施温棚种植人员(县内培训)≧300人;
(二)时效指标
完成时限,2025年10月底前;
二、效益指标
(一)社会效益指标
学员种植技术水平,提高;
三、 满意度指标
服务对象满意度指标,参训学员满意度≥95%。
";
    let want = "\
D - | - | 2025
P 同心县2025年设施农业技术培训项目 | unit - | - - | goals 提高种植人员种植技术和管理水平。
  产出指标|数量指标|设施温棚种植人员(县内培训)|-|≧300人|-
  产出指标|时效指标|完成时限|-|2025年10月底前|-
  效益指标|社会效益指标|学员种植技术水平|-|提高|-
  满意度指标|服务对象满意度指标|参训学员满意度|-|≥95%|-
";
    assert_eq!(render(doc), want);
}

/// Traditional characters with pinyin left by a converter, a split target.
#[test]
fn trad() {
    let doc = "\
一級(jí)指標(biāo) | 二級(jí)指標(biāo) | 三級(jí)指標(biāo) | 指標(biāo)值類型 | *指標(biāo)值 | 計(jì)量單位 |
產(chǎn)出指標(biāo) | 數(shù)量指標(biāo) | 業(yè)務(wù)工作支出安排金額 | 定量 | 28.8 | 萬元 |
質(zhì)量指標(biāo) | 業(yè)務(wù)工作支出到位率 | 定量 | 100 | % |
";
    let want = "\
D - | - | -
P - | unit - | - - | goals 
  產(chǎn)出指標(biāo)|數(shù)量指標(biāo)|業(yè)務(wù)工作支出安排金額|-|28.8萬元|-
  產(chǎn)出指標(biāo)|質(zhì)量指標(biāo)|業(yè)務(wù)工作支出到位率|-|100%|-
";
    assert_eq!(render(doc), want);
}

/// A self-evaluation flattened onto one line: funds block, goals beside their results, rows with 实际完成值 / 分值 / 得分.
#[test]
fn selfeval() {
    let doc = "\
项目支出绩效自评表 (2022年度) 项目名称 委托业务项目 主管部门 219-池州市贵池区棠溪镇人民政府 实施单位 219001-池州市贵池区棠溪镇人民政府 项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 90 89.974 89.974 10 99.97% 10 年度总体目标 预期目标 实际完成情况 完成基建项目预算编制、审计和设计。 已完成。 绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 产出指标(50分) 数量指标 基建工程委托业务项目数量 ≥50个 50 8 8 质量指标 委托业务报告合格率 ≥100百分比 100 8 8 经费支出合规性 严格执行相关制度规定 达成预期指标 8 8
";
    let want = "\
D 池州市贵池区棠溪镇人民政府 | 219 | 2022
P 委托业务项目 | unit 219001-池州市贵池区棠溪镇人民政府 | 89.974 - | goals 完成基建项目预算编制、审计和设计。
  产出指标(50分)|数量指标|基建工程委托业务项目数量|-|≥50个|- || 50|8|8
  产出指标(50分)|质量指标|委托业务报告合格率|-|≥100百分比|- || 100|8|8
  产出指标(50分)|质量指标|经费支出合规性|-|严格执行相关制度规定|- || 达成预期指标|8|8
";
    assert_eq!(render(doc), want);
}

/// A transfer fund's 区域 self-evaluation: the reporting body under 单位名称 (no 主管部门
/// printed) is the department; the title names the kind of money, no project.
#[test]
fn regional_selfeval_reporting_body() {
    let doc = "\
2021年中央对地方专项转移支付区域绩效目标自评表(市场监管经开区分局)
填报类型:整体□  区域√  项目□
单位名称 遂宁市市场监督管理局经开区分局 联系人及电话 田苗苗,15881923688
一级
指标
二级指标 三级指标 指标值 完成值
数量指标 指标1.药品抽验品种 ≥3 4
指标2.化妆品抽验批次 ≥3 7
";
    let out = render(doc);
    assert!(out.starts_with("D 遂宁市市场监督管理局经开区分局 | - | 2021\nP - |"), "{out}");
    assert!(out.contains("|数量指标|指标1.药品抽验品种|-|≥3|- || 4|-|-"), "{out}");
}

/// A central transfer payment's 区域 self-evaluation names the central and the local
/// department: the local one is the document's; 资金使用单位 is the unit.
#[test]
fn regional_selfeval_local_department() {
    let doc = "\
中央转移支付某区全民健身中心项目绩效自评表 | |||||||
(2023年度) | |||||||
转移支付(项目)名称 | 某区全民健身中心项目 | ||||||
中央主管部门 | 国家体育总局 | ||||||
地方主管部门 | 某市某区人民政府 | 资金使用单位 | 某区体育发展中心 | ||||
二级指标 | 三级指标 | 指标值 | 全年实际完成值 | 未完成原因和改进措施 | |
数量指标 | 新建全民健身中心数量 | 1 | 建设中 | |||
";
    let out = render(doc);
    assert!(out.starts_with("D 某市某区人民政府 | - | 2023\nP 某区全民健身中心项目 | unit 某区体育发展中心 |"), "{out}");
}

/// A 三级指标 cell listing several things with their figures, the row's own values in the
/// cells after it: one indicator named by the whole list, not one per item.
#[test]
fn listed_name_with_its_own_values() {
    let doc = "\
2022年度项目支出绩效自评表
项目名称
|
春节走访慰问经费
|
一级指标
|
二级指标
|
三级指标
|
年初目标值(A)
|
实际完成值(B)
|
得分
|
产出指标(60分)
|
数量指标
|
慰问伤残军人50人;革命烈士遗属50人;烈士家庭6户;边海防官兵320人。
|
100%
|
100%
|
20
|
质量指标
|
补助经费足额拨付率
|
100%
|
100%
|
20
|
";
    let out = render(doc);
    let want = "\
  产出指标(60分)|数量指标|慰问伤残军人50人;革命烈士遗属50人;烈士家庭6户;边海防官兵320人。|-|100%|- || 100%|-|20
  产出指标(60分)|质量指标|补助经费足额拨付率|-|100%|- || 100%|-|20
";
    assert!(out.ends_with(want), "{out}");
}

/// A glued self-evaluation whose total row runs on into the form's notes: the table ends at
/// `总分`, the notes (`预算执行情况口径:预算数为调整后…`) are no rows.
#[test]
fn glued_total_row_ends_the_table() {
    let doc = "\
绩效目标自评表(2020年度)项目名称渔船补贴项目主管部门某区农业局绩效指标一级指标二级指标三级指标年度指标值实际完成值得分产出指标质量指标渔船补贴发放率100%100%20满意度指标服务对象满意度退捕渔民满意度90%95%10总分100偏差大或目标未完成原因分析无备注:1.预算执行情况口径:预算数为调整后财政资金总额,执行数为资金使用单位财政资金实际支出数。2.定量指标计分原则:正向指标得分不得突破权重总额3
";
    let out = render(doc);
    let rows = out.lines().filter(|l| l.starts_with("  ")).count();
    assert_eq!(rows, 2, "{out}");
    assert!(out.contains("|渔船补贴发放率|-|100%|- || 100%|-|20"), "{out}");
}

/// A form whose 年度目标 label was cut to `年度` (its merged cell lost): the sentence alone
/// right above the indicator header is the goal.
#[test]
fn goal_without_its_label_above_the_indicators() {
    let doc = "\
项目支出绩效目标表 |
(2025年度) |
项目名称 |
农村文化建设配套补助经费 |
|||||
年度资金总额: |
5.00 |
||||
年度 |
文化惠民工程,主要用于送戏进万村,每村4400元。 |
|||||
绩 |
一级 |
二级指标 |
三级指标 |
指标值 |
||
产出指标 |
数量指标 |
送戏进村数量 |
70个 |
";
    let out = render(doc);
    assert!(out.contains("goals 文化惠民工程,主要用于送戏进万村,每村4400元。\n"), "{out}");
    assert!(out.contains("产出指标|数量指标|送戏进村数量|-|70个|-"), "{out}");
}

/// A glued table without header whose values are each followed by the row's 分值, its
/// 合计 row running on into the evaluation's conclusion: weights read, the table ends there.
#[test]
fn glued_rows_with_weights_and_a_total() {
    let doc = "\
产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 时效指标按时发放率=100% 22.5 效益指标经济效益指标结余率≤5% 22.5 合计100 评价结论及时、足额缴纳。存在问题暂无改进措施暂无项目负责人:财务负责人:
";
    let out = render(doc);
    let want = "\
  产出指标|数量指标|足额保障率|-|=100%|- || -|22.5|-
  产出指标|数量指标|科目调整次数|-|≤10次|- || -|22.5|-
  产出指标|时效指标|按时发放率|-|=100%|- || -|22.5|-
  效益指标|经济效益指标|结余率|-|≤5%|- || -|22.5|-
";
    assert!(out.ends_with(want), "{out}");
}

/// A self-evaluation whose only budget row is 年度财政资金总额: the whole amount is fiscal.
#[test]
fn fiscal_total_is_fiscal() {
    let doc = "\
2022年度项目支出绩效自评表
项目名称 | 春节走访慰问经费 |
主管部门 | 保山市退役军人事务局 |
预算执行情况(万元) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 |
年度财政资金总额 | 34.64 | 34.64 | 100% | 20 |
一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |
产出指标 | 质量指标 | 补助经费足额拨付率 | 100% | 100% | 20 |
";
    let out = render(doc);
    assert!(out.contains("P 春节走访慰问经费 | unit - | 34.64 34.64 |"), "{out}");
}

/// A self-evaluation row whose 年度指标值 and 实际完成值 agree, a long qualitative value
/// (one token: too long for a cell of its own) printed twice with a space between: target
/// and actual, not one value.
#[test]
fn selfeval_value_printed_twice() {
    let doc = "\
文物保护专项经费绩效自评表(2022年度)
项目名称 文物保护专项经费
绩效指标 一级指标 二级指标 三级指标 年度 实际 分值 得分 偏差原因分析及改进措施
指标值 完成值
产出指标 数量指标 指标1:修缮建筑数量 完成六安市罗氏宗祠、李氏宗祠、英布墓日常维护,指挥部旧址报病虫害防治测绘、国保省保矢量数据测绘、龙盘石刻护栏制装 完成六安市罗氏宗祠、李氏宗祠、英布墓日常维护,指挥部旧址报病虫害防治测绘、国保省保矢量数据测绘、龙盘石刻护栏制装
7 7
指标2:修缮建筑面积 6000平方米 6000平方米 7 7
质量指标 指标1:验收通过率 100% 95% 6 5
";
    let out = render(doc);
    for row in [
        "产出指标|数量指标|指标1:修缮建筑数量|-|完成六安市罗氏宗祠、李氏宗祠、英布墓日常维护,指挥部旧址报病虫害防治测绘、国保省保矢量数据测绘、龙盘石刻护栏制装|- || 完成六安市罗氏宗祠、李氏宗祠、英布墓日常维护,指挥部旧址报病虫害防治测绘、国保省保矢量数据测绘、龙盘石刻护栏制装|7|7",
        "产出指标|数量指标|指标2:修缮建筑面积|-|6000平方米|- || 6000平方米|7|7",
        "产出指标|质量指标|指标1:验收通过率|-|100%|- || 95%|6|5",
    ] {
        assert!(out.contains(row), "{row}\n{out}");
    }
}

/// A self-evaluation glued without any separator (a web page's table text run together):
/// 分值 glued before 年度指标值, the target and actual printed twice when they agree, the
/// 得分 glued to the next row's name; units of one and two characters.
#[test]
fn selfeval_glued_without_separators() {
    let doc = "\
绩效目标自评表(2022年度)项目名称水标尺制作安装项目主管部门某县水利局实施单位某县水利局绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及拟采取的改进措施产出指标(70分)数量指标安装坡面水标尺10≥266米≥266米10水标尺宽度10≥50厘米≥50厘米10质量指标项目(工程)验收合格率20100%100%20时效指标及时(按期)开工率10≥90%≥90%10及时(按期)完工率10≥90%≥90%10满意度指标(10分)服务对象满意度指标受益群众满意度10≥95%≥95%10总分100100
";
    let out = render(doc);
    for row in [
        "产出指标(70分)|数量指标|安装坡面水标尺|-|≥266米|- || ≥266米|10|10",
        "产出指标(70分)|数量指标|水标尺宽度|-|≥50厘米|- || ≥50厘米|10|10",
        "产出指标(70分)|质量指标|项目(工程)验收合格率|-|100%|- || 100%|20|20",
        "产出指标(70分)|时效指标|及时(按期)完工率|-|≥90%|- || ≥90%|10|10",
        "满意度指标(10分)|服务对象满意度指标|受益群众满意度|-|≥95%|- || ≥95%|10|10",
    ] {
        assert!(out.contains(row), "{row}\n{out}");
    }
}

/// Glued rows with a note in brackets that holds a form word (`预算数`), and a total row
/// whose figures are glued to its label (`合计100`): neither splits nor makes a row.
#[test]
fn glued_bracket_note_and_total_row() {
    let doc = "\
项目支出绩效自评表
项目名称 社保缴费项目 主管部门 某县人力资源和社会保障局
一级指标 二级指标 三级指标 指标值 分值
产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 时效指标按时发放率=100% 22.5 效益指标经济效益指标结余率(计算方法为:结余数/预算数)≤5% 22.5 合计100
";
    let want = "\
D 某县人力资源和社会保障局 | - | -
P 社保缴费项目 | unit - | - - | goals 
  产出指标|数量指标|足额保障率|-|=100%|- || -|22.5|-
  产出指标|数量指标|科目调整次数|-|≤10次|- || -|22.5|-
  产出指标|时效指标|按时发放率|-|=100%|- || -|22.5|-
  效益指标|经济效益指标|结余率(计算方法为:结余数/预算数)|-|≤5%|- || -|22.5|-
";
    assert_eq!(render(doc), want);
}

/// A 公开表's heading line glued: `部门:` with the department's code joined by `_`, then
/// `金额单位:` — the department and its code, not one long name.
#[test]
fn glued_department_line_with_code() {
    let doc = "\
2023年项目支出绩效目标表公开

部门:505_湘西州教育和体育局金额单位:万元
项目名称 学生伙食费
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 补助学生数量 168人
";
    let out = render(doc);
    assert!(
        out.starts_with("D 湘西州教育和体育局 | 505 | 2023\n"),
        "{out}"
    );
}

/// Level-1 names of the table's own (`实施效果指标`, `过程管理指标`) with the usual level-1
/// names under them; a header cell cut short (`级指标`); a funds label no list names.
/// A self-evaluation flattened to one cell per line with some cells closed by ` |`; its
/// funds rows print five values under six columns (年初预算数 left out): the 执行率 places
/// them.
#[test]
fn selfeval_funds_without_a_leading_cell() {
    let doc = "\
项目支出绩效自评表 |
项目名称 | 马鹿坑野生动物收容所建设项目 |
主管部门 | 临翔区林业和草原局 | 实施单位 | 临翔区林业和草原局 |
项目资金 (万元) |
| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
年度资金总额 |
| 32.4 | 31.69 | 10 | 97.80% | 9 |
其中:当年财政拨款 |
| 32.4 | 31.69 | 10 | 97.80% | 9 |
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
产出指标 | 数量指标 | 野生动物收容所 | ≥200平方米 | 204.46平方米 | 10 | 10 | 无 |
";
    let out = render(doc);
    assert!(
        out.contains("P 马鹿坑野生动物收容所建设项目 | unit 临翔区林业和草原局 | 32.4 32.4 |"),
        "{out}"
    );
    assert!(
        out.contains("野生动物收容所|-|≥200平方米|- || 204.46平方米|10|10"),
        "{out}"
    );
}

/// A 广西 申报表: a multi-year 项目总金额 beside the year's 本年度项目金额, a 资金性质 block
/// whose 金额(元) column header holds no amount, amounts in 元.
#[test]
fn year_amount_over_whole_project_sum() {
    let doc = "\
项目编码 | 406-2020-YBXM-1338-01-0144 | 项目名称 | 外聘人员经费 | |||||
项目总金额(元) | 42,194,984.40 | 本年度项目金额(元) | 14,064,994.80 | |||||
资金性质 | 预算管理资金 | 金额(元) | ||||||
一般公共预算资金 | 经费拨款 | 14,064,994.80 | ||||||
其他收入 | 其他收入 | 0.00 | ||||||
年度目标* | 完成年度外聘人员工资发放。 | |||||||
一级指标 | 二级指标 | 三级指标 | 指标值 | 指标解释 | ||||
产出指标 | 数量指标* | 外聘人员招聘数量 | ≧240人 | 考察计划招聘的外聘人员是否按计划数量到位 | ||||
";
    let out = render(doc);
    assert!(
        out.contains("P 外聘人员经费 | unit - | 1406.49948 1406.49948 |"),
        "{out}"
    );
}

/// Pipe rows without the leading `|`: the unit line beside `单位:万元` in one row, an empty
/// 其他资金 and the 资金用途 on the row below it.
#[test]
fn pipe_unit_row_and_purpose_below_an_empty_amount() {
    let doc = "\
3.办案业务费-2023中央绩效目标表
207101天津市河北区人民法院 | 单位:万元 | |||||
项目名称 | 安全隐患维修 | |||||
预算规模及资金用途 | 预算数 | 20.00 | 其中:财政 资金 | 20.00 | 其他资金 | |
用于维修审判楼玻璃幕墙等 | ||||||
绩效目标 | 1.维修审判大楼玻璃幕墙等。 |
一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 |
产出指标 | 数量指标 | 维修面积 | 维修面积 | ≥400平方米 |
";
    let out = render(doc);
    assert!(
        out.contains("P 安全隐患维修 | unit 207101天津市河北区人民法院 | 20 20 |"),
        "{out}"
    );
    let rec = ExtractionRecord::from(&read_bytes("t.txt", doc.as_bytes()).unwrap().document);
    assert_eq!(
        rec.projects[0].purpose.as_deref(),
        Some("用于维修审判楼玻璃幕墙等")
    );
}

#[test]
fn own_level1_names() {
    let doc = "\
专项名称

清水河治理工程

本次下达中央预算内投资(万元)

853

级指标

二级指标

三级指标

指标值

实施效果指标

产出指标

劳务报酬占中央投资比例

≥32.68%

效益指标

项目区农村基础设施条件

持续改善

过程管理指标

计划管理指标

投资计划分解(转发)用时

≤20工作日

资金管理指标

中央预算内投资支付率

≥95%

文件下载

政策咨询
";
    let want = "\
D - | - | -
P 清水河治理工程 | unit - | 853 - | goals 
  实施效果指标|产出指标|劳务报酬占中央投资比例|-|≥32.68%|-
  实施效果指标|效益指标|项目区农村基础设施条件|-|持续改善|-
  过程管理指标|计划管理指标|投资计划分解(转发)用时|-|≤20工作日|-
  过程管理指标|资金管理指标|中央预算内投资支付率|-|≥95%|-
";
    assert_eq!(render(doc), want);
}

/// A level name beside its indicators listed with their targets in one cell; funds words
/// (some no list names) over their amounts.
#[test]
fn level_lists() {
    let doc = "\
项目名称 | 全市文物保护专项经费 | 预算金额 | 36万元 |
资金来源(万元) | 财政拨款 | 非税安排 | 上年结转 | 其他 |
36 | 0 | 0 | 0 |
年度绩效总目标 | 产出指标 | 开展文物安全巡查频次8次;编制文物宣传资料数量3个;文物保护项目验收合格率≥86%。 |
效益指标 | 文物保护宣传覆盖人次≥20万人次;文物保护名录和数据库基本健全。 |
资金拨付对象 | 市文化和旅游局 |
";
    let want = "\
D - | - | -
P 全市文物保护专项经费 | unit - | 36 36 | goals 开展文物安全巡查频次8次;编制文物宣传资料数量3个;文物保护项目验收合格率≥86%。 / 文物保护宣传覆盖人次≥20万人次;文物保护名录和数据库基本健全。
  产出指标|-|开展文物安全巡查频次|-|8次|-
  产出指标|-|编制文物宣传资料数量|-|3个|-
  产出指标|-|文物保护项目验收合格率|-|≥86%|-
  效益指标|-|文物保护宣传覆盖人次|-|≥20万人次|-
  效益指标|-|文物保护名录和数据库|-|基本健全|-
";
    assert_eq!(render(doc), want);
}

/// A self-evaluation written as a report: level headings over lists of results, a target
/// sometimes before its result.
#[test]
fn report() {
    let doc = "\
关于2021年度政法转移支付资金绩效的自评报告
(三)绩效指标完成情况分析。
1.产出指标完成情况分析。
(1)数量指标。
办理法律援助案件94件;调解各类纠纷数量1087件。
(2)质量指标。
完成道路建设491米,已完成;
";
    let want = "\
D - | - | 2021
P 政法转移支付资金 | unit - | - - | goals 
  产出指标|数量指标|办理法律援助案件|-|-|- || 94件|-|-
  产出指标|数量指标|调解各类纠纷数量|-|-|- || 1087件|-|-
  产出指标|质量指标|完成道路建设|-|491米|- || 已完成|-|-
";
    assert_eq!(render(doc), want);
}

/// A 二级指标 broken over two lines (`受益对象` / `满意度指标`; `服务对象` is mended, see
/// `wrapped_service_satisfaction_level`) in a space-separated table leaves its first half as
/// a name alone: a name with no level, value, weight or score is
/// not an indicator row.
#[test]
fn bare_names_are_not_rows() {
    let doc = "\
项目名称 乡镇道路维护
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 维护道路里程 ≥10公里
满意度指标 受益对象
满意度指标
满意度95%以上 ≧95%
";
    let reading = read_bytes("t.txt", doc.as_bytes()).expect("reads");
    let out = render(doc);
    assert!(
        out.contains("产出指标|数量指标|维护道路里程|-|≥10公里|-"),
        "{out}"
    );
    assert!(!out.contains("|受益对象|"), "{out}");
    assert!(
        reading
            .diagnostics
            .iter()
            .any(|d| d.message.contains("不是指标，已跳过：受益对象")),
        "{:?}",
        reading.diagnostics
    );
}

/// A page of a document-sharing site: the title printed as a file name (`….docx`), and a
/// second table whose title is glued to the last value of the first; 专项资金名称 and a
/// county-level 主管部门 glued to their values.
#[test]
fn glued_titles_file_names_and_fund_forms() {
    let doc = "\
2020年度县级专项资金绩效目标自评表.docx
1、2020年度县级专项资金绩效目标自评表专项资金名称县级储备粮负责人及电话旷建成县级主管部门衡山县商务和粮食局实施单位粮食调控储备与产业发展股
";
    let out = render(doc);
    assert!(
        out.starts_with(
            "D 衡山县商务和粮食局 | - | 2020\nP 县级储备粮 | unit 粮食调控储备与产业发展股"
        ),
        "{out}"
    );

    let doc = "\
项目支出绩效目标表(2023年度)项目名称博物馆免费开放补助资金项目主管部门某市文化和旅游局年度绩效目标提高免费开放服务水平绩效指标一级指标二级指标三级指标指标值产出指标数量指标免费开放天数=300天满意度指标服务对象满意度服务对象满意度=99%省级部门预算项目支出绩效目标表2023年度项目名称博物馆提升改造项目项目主管部门某市文化和旅游局绩效指标一级指标二级指标三级指标指标值产出指标数量指标展厅改造面积≥800平方米
";
    let out = render(doc);
    let names: Vec<&str> = out.lines().filter(|l| l.starts_with("P ")).collect();
    assert_eq!(names.len(), 2, "{out}");
    assert!(names[1].starts_with("P 博物馆提升改造项目 |"), "{out}");
    assert!(
        !out.contains("项目支出绩效目标表|") && !out.contains("2023年度|"),
        "{out}"
    );
}

/// A form glued together from a PDF that holds sentences (`…正式运行。…`): it names many
/// fields, so it is a form, not prose; words broken by a space (`产 出 指 标`, `年度指标 值`)
/// are mended before the text is cut.
#[test]
fn glued_form_with_sentences_and_broken_words() {
    let doc = "\
1、某市财政预算支出项目绩效目标自评表项目名称急救人员培训开办费项目实施单位某市急救中心项目主管单位某市卫生健康委员会项目负责人张三项目属性一次性项目年度目标2022年市急救中心正式运行。填报日期:2023年4月23日。
";
    let out = render(doc);
    assert!(
        out.starts_with("D 某市卫生健康委员会 | - | -\nP 急救人员培训开办费 | unit 某市急救中心"),
        "{out}"
    );

    let doc = "\
县级专项资金绩效目标自评表 专项资金名称县级储备粮实施单位粮食调控股 绩 效 指 标一级 指标二级 指标三级指标年度指标 值全年 完成值产 出 指 标数量 指标稻谷储备到位率100%100%库存数量真实率100%100%
";
    let out = render(doc);
    assert!(
        out.contains("产出指标|数量指标|稻谷储备到位率|-|100%|- || 100%"),
        "{out}"
    );
}

/// A table in traditional characters whose cells name no 項目 or 指標 (`主管部門`, `實施單位`)
/// is still a part of the form.
#[test]
fn traditional_department_table() {
    let doc = "\
| 主管部門 | 麗江市自然資源和規劃局 | 實施單位 | 麗江市古城區自然資源局 |
|||||||||
| 一級指標 | 二級指標 | 三級指標 | 年度指標值 |
| 產出指標 | 數量指標 | 衛片執法補助經費 | 72890元 |
";
    let out = render(doc);
    assert!(out.starts_with("D 麗江市自然資源和規劃局 |"), "{out}");
}

/// A self-evaluation's title in the first row of its table states the year.
#[test]
fn title_row_states_the_year() {
    let doc = "\
| 2020年度項(xiàng)目支出績效自評表 | ||||
| 項目名稱 | 衛片執法補助經費 | ||||
| 一級指標 | 二級指標 | 三級指標 | 年度指標值 |
| 產出指標 | 數量指標 | 衛片執法補助經費 | 72890元 |
";
    let out = render(doc);
    assert!(out.starts_with("D - | - | 2020\n"), "{out}");
}

/// 长期 / 年度 column pairs: the year's columns are the row, another period's are read past.
#[test]
fn long_term_and_annual_columns() {
    let doc = "\
| 项目名称 | 大型普查经费 |
| 一级指标 | 二级指标(长期) | 三级指标(长期) | 指标值(长期) | 二级指标(年度) | 三级指标(年度) | 指标值(年度) |
| 产出指标 | 数量指标 | 普查资料开发文章 | 20篇 | 数量指标 | 经济普查资料开发文章 | 6篇 |
| 效益指标 | 社会效益指标 | 普查数据质量 | 逐年提高 | 社会效益指标 | 数据差错率 | ≤1% |
";
    let want = "\
D - | - | -
P 大型普查经费 | unit - | - - | goals 
  产出指标|数量指标|经济普查资料开发文章|-|6篇|-
  效益指标|社会效益指标|数据差错率|-|≤1%|-
";
    assert_eq!(render(doc), want);
}

/// A self-evaluation whose header was lost in conversion: its rows still print target,
/// actual, weight and score in that order.
#[test]
fn selfeval_rows_without_a_header() {
    let doc = "\
项目支出绩效自评表
项目名称 乡镇道路维护
产出指标 数量指标 维护道路里程 ≥10公里 12公里 20 20
产出指标 质量指标 验收合格率 100% 98% 20 18
满意度指标 服务对象满意度指标 群众满意度 ≥90% 95% 10 10
";
    let out = render(doc);
    for row in [
        "产出指标|数量指标|维护道路里程|-|≥10公里|- || 12公里|20|20",
        "产出指标|质量指标|验收合格率|-|100%|- || 98%|20|18",
        "满意度指标|服务对象满意度指标|群众满意度|-|≥90%|- || 95%|10|10",
    ] {
        assert!(out.contains(row), "{row}\n{out}");
    }
}

/// 填报单位(盖章): the seal's note is no part of the unit's name, and an amount statement
/// after it is no unit.
#[test]
fn sealed_unit_labels() {
    let doc = "\
| 填报单位(盖章):某县畜牧兽医水产局 |
| 项目名称 | 重大动物疫病防控 |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 免疫密度 | 100% |
";
    assert!(
        render(doc).contains("P 重大动物疫病防控 | unit 某县畜牧兽医水产局 |"),
        "{}",
        render(doc)
    );
    let doc = "\
|
填报单位:(盖章) 单位:万元 |
||||||
|
项目名称 | 重大动物疫病防控 |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 免疫密度 | 100% |
";
    assert!(
        render(doc).contains("P 重大动物疫病防控 | unit - |"),
        "{}",
        render(doc)
    );
}

/// A row of labels (`总体目标 年度目标 年度总体目标完成情况`) over a goal whose text was cut
/// at its figures: the goal is one cell under the year's label.
#[test]
fn goal_under_a_row_of_labels() {
    let doc = "\
项目名称 水濂村旅游基础设施
总体目标 年度目标 年度总体目标完成情况
为水濂村带来观光游客不少于6万人,村集体收入达6万元。
绩效指标 一级指标 二级指标 三级指标 指标值 备注
产出指标 数量指标 旅游基础设施建设工程 >=20平方米
";
    let out = render(doc);
    assert!(
        out.contains("goals 为水濂村带来观光游客不少于6万人,村集体收入达6万元。\n"),
        "{out}"
    );
}

/// A portal's furniture that says 项目绩效目标 (`信息分类: 项目绩效目标`) starts no project: goals
/// with no name, amount or indicator are no project.
#[test]
fn furniture_goals_are_no_project() {
    let doc = "\
号: /202212-00029 信息分类: 项目绩效目标
内容分类: 财政、金融、审计、统计,其他 发文日期: 2022-12-29

项目支出绩效目标表
项目名称 残疾人精准康复
年度资金总额: 80
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 签约康复人数 ≥18000人
";
    let out = render(doc);
    let projects: Vec<&str> = out.lines().filter(|l| l.starts_with("P ")).collect();
    assert_eq!(projects.len(), 1, "{out}");
    assert!(projects[0].starts_with("P 残疾人精准康复 |"), "{out}");
}

/// Amount rows one under the other in space-separated text: the figure after a label is its
/// value, not a piece of a label broken over lines (`其中:财政拨款` / `80` / `其他资金`).
#[test]
fn amount_rows_under_each_other() {
    let doc = "\
项目名称 残疾人精准康复
 年度资金总额: 80
   其中:财政拨款 80
         其他资金   0.00
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 签约康复人数 ≥18000人
";
    assert!(
        render(doc).contains("P 残疾人精准康复 | unit - | 80 80 |"),
        "{}",
        render(doc)
    );
}

/// A self-evaluation's funds header printed one cell per paragraph, each column's header
/// broken in two (`年初` / `预算数`): the columns are still found, and the year's budget read.
#[test]
fn funds_headers_broken_in_two() {
    let doc = "项目名称\n\n暖通改造经费\n\n项目资金(万元)\n\n年初\n\n预算数\n\n全年\n\n预算数\n\n全年\n\n执行数\n\n分值\n\n执行率\n\n得分\n\n年度资金总额\n\n43.2\n\n43.2\n\n37.24\n\n10\n\n86%\n\n9\n\n一级指标\n\n二级指标\n\n三级指标\n\n年度指标值\n\n实际完成值\n\n产出指标\n\n数量指标\n\n改造面积\n\n≥1000平方米\n\n1200平方米\n";
    assert!(
        render(doc).contains("P 暖通改造经费 | unit - | 43.2 "),
        "{}",
        render(doc)
    );
}

/// Targets listed under bracketed level headings (`【产出指标-数量指标】`), each indicator a
/// numbered line with its value in brackets (`指标1:机柜数量(≥77台)`), as a city portal
/// publishes every department's project targets.
#[test]
fn bracketed_level_headings() {
    let doc = "项目名称\n\n机房租赁服务采购项目\n\n【总体目标】\n\n保障机房内所有设备设施运转\n\n【产出指标-数量指标】\n\n指标1:机柜数量(≥77台)\n\n【产出指标-时效指标】\n\n指标1:维护及时性(<24小时)\n\n【效益指标-社会效益指标】\n\n指标1:服务保障民生(有力保障)\n\n【满意度指标-服务对象满意度指标】\n\n指标1:提升群众安全感(≥90%)\n";
    let out = render(doc);
    for row in [
        "产出指标|数量指标|指标1:机柜数量|-|≥77台|-",
        "产出指标|时效指标|指标1:维护及时性|-|<24小时|-",
        "效益指标|社会效益指标|指标1:服务保障民生|-|有力保障|-",
        "满意度指标|服务对象满意度指标|指标1:提升群众安全感|-|≥90%|-",
    ] {
        assert!(out.contains(row), "{row}\n{out}");
    }
}

/// A 主管部门 cell glued to the next fields (`…旅游局项目开始日期2023-01-01…`) gives the
/// department's name only; a cell holding no name (`自评总分: 95`) gives none; a name in two
/// merged cells is one name.
#[test]
fn department_glued_to_the_next_fields() {
    let doc = "\
项目名称 文物保护经费 主管部门 嘉峪关市文化和旅游局项目开始日期2023-01-01项目总投资20万元
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 修缮文物点 ≥3处
";
    assert!(
        render(doc).starts_with("D 嘉峪关市文化和旅游局 |"),
        "{}",
        render(doc)
    );
    let doc = "\
项目名称 道路养护 主管部门 自评总分: 95
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 养护里程 ≥30公里
";
    assert!(render(doc).starts_with("D - |"), "{}", render(doc));
    let doc = "\
项目名称 道路养护 主管部门 广水市交通运输局 广水市交通运输局
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 养护里程 ≥30公里
";
    assert!(
        render(doc).starts_with("D 广水市交通运输局 |"),
        "{}",
        render(doc)
    );
}

/// A notice that states the project's money in a sentence (`…安排《…资金预算指标的通知》…资金
/// 50万元,实施…项目`) and prints no budget field: the sentence gives the budget. A spent amount (`实际支出…万元`) or a
/// target (`产值≥80万元`) does not.
#[test]
fn budget_stated_in_a_sentence() {
    let doc = "\
关于设施农业种植项目绩效目标设定的公示
根据《关于下达2023年衔接推进乡村振兴资金预算指标的通知》精神,安排《关于提前下达2023年第一批补助资金预算指标的通知》(宁财(农)指标[2022]605号)资金50万元,实施设施农业种植项目,项目负责人为张三。
项目总体绩效目标:提高种植人员种植技术和管理水平。
一、产出指标
(一)数量指标
种植数量≥17600株;
二、效益指标
(一)经济效益指标
特色产业产值≥80万元;
";
    let out = render(doc);
    assert!(
        out.contains("P 设施农业种植项目 | unit - | 50 - |"),
        "{out}"
    );
    let spent = doc.replace(
        "(宁财(农)指标[2022]605号)资金50万元",
        "(宁财(农)指标[2022]605号),全年实际支出50万元",
    );
    let out = render(&spent);
    assert!(out.contains("P 设施农业种植项目 | unit - | - - |"), "{out}");
}

/// The four-part disclosure of a project (立项依据、实施主体、预算安排、绩效目标), each part a
/// numbered heading over a paragraph: the title names the project, 实施主体 its unit,
/// 预算安排 its budget, and the 绩效目标 paragraph lists its targets in running text.
#[test]
fn four_part_project_disclosure() {
    let doc = "\
章贡区2019年林业有害生物防治项目立项依据、实施主体、预算安排及绩效目标情况公示

一、立项依据

《章贡区2019-2020年度松材线虫病防治实施方案》

二、实施主体

赣州市林业局章贡分局牵头,各镇具体实施。

三、预算安排

根据财政预算安排,全年预算数为 362万元,执行数为362万元。

四、绩效目标

全区主要森林病虫害发生面积2.06万亩,发生率8.06%;防治作业面积19.699万亩,无公害防治率100%;累计监测面积约111.45万亩,监测覆盖率100%。
";
    let out = render(doc);
    assert!(
        out.starts_with("D 赣州市林业局章贡分局 | - | 2019\n"),
        "{out}"
    );
    assert!(
        out.contains("P 章贡区2019年林业有害生物防治项目 | unit 赣州市林业局章贡分局 | 362 - |"),
        "{out}"
    );
    for row in [
        "-|-|全区主要森林病虫害发生面积|-|2.06万亩|-",
        "-|-|发生率|-|8.06%|-",
        "-|-|无公害防治率|-|100%|-",
        "-|-|监测覆盖率|-|100%|-",
        "-|-|累计监测面积|-|约111.45万亩|-",
    ] {
        assert!(out.contains(row), "{row}\n{out}");
    }
}

/// A funds letter's table that prints no year: the year the letter allocates the money for
/// (`现将2022年…资金397万元下达你单位`) is the document's.
#[test]
fn year_of_the_money_a_letter_allocates() {
    let doc = "\
县畜牧发展中心:
根据《市财政局关于提前下达中央奖励资金预算指标的通知》文件,现将2022年生猪调出大县奖励资金397万元下达你单位,用于支持生猪产业发展。
附件 生猪调出大县奖励资金区域绩效目标表
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 生猪调出量 ≥10万头
";
    let out = render(doc);
    assert!(
        out.starts_with("D ") && out.lines().next().unwrap().ends_with("| 2022"),
        "{out}"
    );
}

/// A list of projects with a department's subtotal row above them (`820-马踏镇部门` and its
/// sum): the subtotal is no project.
#[test]
fn a_department_subtotal_row_is_no_project() {
    let doc = "\
| 部门预算项目绩效目标申报表(2023年度) | ||||||||||||
| 金额单位:元 | ||||||||||||
| 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 |
| 820-马踏镇部门 | 8,827,620.53 | |||||||||||
| 820001-井研县马踏镇人民政府 | 村组干部报酬 | 3,309,840.00 | 按时发放村组干部报酬 | 产出指标 | 数量指标 | 村组干部人数 | ≥ | 230 | 个 | 10 | 正向指标 |
| 满意度指标 | 服务对象满意度指标 | 人民群众满意度 | ≥ | 95 | % | 10 | 正向指标 | |||||
";
    let out = render(doc);
    assert!(!out.contains("马踏镇部门 |"), "{out}");
    assert_eq!(out.lines().filter(|l| l.starts_with("P ")).count(), 1, "{out}");
}

/// The four-grade form (河北, 2018–2020): 绩效指标分类 | 绩效指标 | 绩效指标描述 |
/// 绩效指标评价标准 over 优 / 良 / 中 / 差 | 评价标准确定依据. The 优 threshold is the target;
/// the lower grades are read past; 分类 is level 1 alone (no level 2 under the same cell).
#[test]
fn four_grade_evaluation_standard() {
    let doc = "\
提前下达2019年中央财政困难群众救助补助预算指标绩效目标表
| 绩效目标 | 保障农村低保金的发放，保障农村低保户的基本生活。 | | | | | | |
| 绩效指标分类 | 绩效指标 | 绩效指标描述 | 绩效指标评价标准 | | | | 评价标准确定依据 |
| | | | 优 | 良 | 中 | 差 | |
| 产出指标 | 救助覆盖率 | 困难群众基本生活救助是否应救尽救 | 100% | 90% | 85% | 85% | 按临时救助标准评价 |
| | 资金按标准发放的比率 | 救助资金按标准发放的比率 | 90% | 80% | 70% | 70% | 按临时救助标准评价 |
| 效果指标 | 救助对象满意度(%) | 满意和较满意的救助对象数量占调研对象总数的比率 | 85% | 80% | 70% | 70% | 按服务对象满意度评价 |
";
    assert_eq!(
        render(doc),
        "\
D - | - | 2019
P 提前下达2019年中央财政困难群众救助补助预算指标 | unit - | - - | goals 保障农村低保金的发放，保障农村低保户的基本生活。
  产出指标|-|救助覆盖率|困难群众基本生活救助是否应救尽救|100%|按临时救助标准评价
  产出指标|-|资金按标准发放的比率|救助资金按标准发放的比率|90%|按临时救助标准评价
  效果指标|-|救助对象满意度(%)|满意和较满意的救助对象数量占调研对象总数的比率|85%|按服务对象满意度评价
"
    );
}

/// A document-sharing site's preview of a traditional text with pinyin noise inside every
/// word (`績(jī)效目標(biāo)`), glued: the words are found through the noise (which stays in the
/// cells as printed), and the table's title, the last piece of a line that holds a heading
/// too, names the project (the noise inside the name kept as printed, like the corpus rule).
#[test]
fn pinyin_noise_inside_glued_words() {
    let doc = "\
1、2019年預(yù)算項(xiàng)目績(jī)效目標(biāo) 1、提前下達(dá)2019年救助補(bǔ)助預(yù)算指標(biāo)績(jī)效目標(biāo)表績(jī)效目標(biāo)保障農(nóng)村低保戶的基本生活。績(jī)效指標(biāo)分類績(jī)效指標(biāo)績(jī)效指標(biāo)描述績(jī)效指標(biāo)評(píng)價(jià)標(biāo)準(zhǔn)評(píng)價(jià)標(biāo)準(zhǔn)確定依據(jù)優(yōu)良中差產(chǎn)出指標(biāo)救助覆蓋率100%90%85%85%按臨時(shí)救助標(biāo)準(zhǔn)評(píng)價(jià)
";
    let out = render(doc);
    assert!(
        out.contains("P 提前下達(dá)2019年救助補(bǔ)助預(yù)算指標(biāo) |"),
        "{out}"
    );
    assert!(out.contains("goals 保障農(nóng)村低保戶的基本生活。"), "{out}");
    assert!(
        out.contains("  產(chǎn)出指標(biāo)|-|救助覆蓋率|-|100%|按臨時(shí)救助標(biāo)準(zhǔn)評(píng)價(jià)"),
        "{out}"
    );
}

/// A budget explanation's target list counting each level's indicators (`设1条数量指标:…;
/// 设1条质量指标:…`, 广西): the count is no text of the row, and the kind of value a system
/// prints between name and value (`…日常运转定性有效`) no part of either. The list prints
/// no level 1: none is made up (the model still knows each level 2's place).
#[test]
fn levels_named_after_their_count() {
    let doc = "\
（三）应急运维项目绩效目标
项目绩效目标：设1条数量指标:开通业务月份≥1个月;设1条质量指标:应急运维系统保障率≥80%;设1条经济效益指标:维护单位日常运转定性有效;设1条满意度指标:职工满意度≥90%。
";
    let out = render(doc);
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(
        rows,
        [
            "  -|数量指标|开通业务月份|-|≥1个月|-",
            "  -|质量指标|应急运维系统保障率|-|≥80%|-",
            "  -|经济效益指标|维护单位日常运转|-|有效|-",
            "  满意度指标|-|职工满意度|-|≥90%|-",
        ],
        "{out}"
    );
    assert!(!out.contains("设1条"), "{out}");
}

/// A budget system's tree of units and projects printed one cell per paragraph (安徽
/// `…年项目绩效目标和指标`): the department's and the categories' sums are read past, a unit
/// row (code, name, amount) is the budget unit and gives the department its code, each
/// project row (the unit's code, the name, the amount in 元) starts a project, whose
/// `【总体目标】` and `【一级-二级】` lists follow; the next project row ends the list above.
#[test]
fn budget_tree_printed_cell_by_cell() {
    let doc = "\
黄山市公安局2025年项目绩效目标和指标

单位编码

单位名称(项目类别
/支出项目)

年度预算安排

项目内容

绩效目标

黄山市公安局

92156434

 037001

 黄山市公安局

27955180

  其他运转类

1681680

   037001

   黄山市雪亮工程市本级机房租赁服务采购项目

1681680

【项目概况】:该项目为市本级雪亮工程后端机房租赁服务,共计77个机柜。

【总体目标】

保障雪亮工程机房租赁延续,保障机房内所有设备设施运转

【产出指标-数量指标】

指标1:机柜数量(≥77台)

【满意度指标-服务对象满意度指标】

指标1:提升群众安全感(≥90%)

  本级项目

26273500

   037001

   执法办案费

100000

【项目概况】:专门用于国保、反恐、禁毒业务。

【产出指标-数量指标】

指标1:办案数量(≥100件)
";
    assert_eq!(
        render(doc),
        "\
D 黄山市公安局 | 037001 | 2025
P 黄山市雪亮工程市本级机房租赁服务采购项目 | unit 037001黄山市公安局 | 168.168 - | goals 保障雪亮工程机房租赁延续,保障机房内所有设备设施运转
  产出指标|数量指标|指标1:机柜数量|-|≥77台|-
  满意度指标|服务对象满意度指标|指标1:提升群众安全感|-|≥90%|-
P 执法办案费 | unit 037001黄山市公安局 | 10 - | goals 
  产出指标|数量指标|指标1:办案数量|-|≥100件|-
"
    );
}

/// A table printed cell by cell whose value headers a conversion broke with a space
/// (`半年(程) 指标值`, 江苏): each header is mended whole, `三级指标` stays a column of its own,
/// and the year's value is the 全年 column's, not the half year's.
#[test]
fn half_year_and_full_year_values() {
    let doc = "\
项目名称

文化公园运转经费

一级指标

二级指标

三级指标

半年(程) 指标值

全年(程) 指标值

产出指标

数量指标

开放天数

≥150天

≥300天

满意度指标

服务对象满意度指标

游客满意度

≥90%

≥90%
";
    let out = render(doc);
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(
        rows,
        [
            "  产出指标|数量指标|开放天数|-|≥300天|-",
            "  满意度指标|服务对象满意度指标|游客满意度|-|≥90%|-",
        ],
        "{out}"
    );
}

/// A self-evaluation run together whose first level 2 under a level 1 prints no row
/// (`经济效益指标社会效益指标受益…户人口数10≥1000人≥1000人10`): the empty level stays a level,
/// the next level's name is never joined to the indicator after it.
#[test]
fn an_empty_level_glued_before_the_next() {
    let doc = "\
项目支出绩效自评表(2022年度)项目名称水标尺制作安装主管部门中江县水利局绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及拟采取的改进措施产出指标(70分)数量指标安装坡面水标尺10≥266米≥266米10效益指标(20分)经济效益指标社会效益指标受益脱贫户人口数10≥1000人≥1000人10满意度指标(10分)服务对象满意度指标受益户满意度10≥95%≥95%10
";
    let out = render(doc);
    assert!(
        out.contains("  效益指标(20分)|社会效益指标|受益脱贫户人口数|-|≥1000人|- || ≥1000人|10|10"),
        "{out}"
    );
}

/// The 申报表 of 财预〔2015〕88号 prints a long-term table (`长期绩效指标`) and then the year's
/// (`年度绩效指标`), each under its own header: the year's rows are the project's, the
/// long-term ones read past once the year's follow — glued together as well.
#[test]
fn long_term_table_then_the_years() {
    let cells = "\
项目名称 | 镇域内基础设施建设 |
长期绩效指标 |
一级指标 | 二级指标 | 指标内容 | 指标值 | 备注 |
产出指标 | 数量指标 | 改造道路里程 | 50公里 | |
满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% | |
年度绩效指标 |
一级指标 | 二级指标 | 指标内容 | 指标值 | 备注 |
产出指标 | 数量指标 | 改造道路里程 | 12公里 | |
满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥95% | |
";
    let rows = |out: &str| -> Vec<String> {
        out.lines().filter(|l| l.starts_with("  ")).map(str::to_string).collect()
    };
    let out = render(cells);
    assert_eq!(
        rows(&out),
        [
            "  产出指标|数量指标|改造道路里程|-|12公里|-",
            "  满意度指标|服务对象满意度指标|群众满意度|-|≥95%|-",
        ],
        "{out}"
    );
    let glued = "项目绩效目标表(2021年度)项目名称镇域内基础设施建设长期绩效指标一级指标二级指标指标内容指标值备注产出指标数量指标改造道路里程50公里满意度指标服务对象满意度指标群众满意度≥90%年度绩效指标一级指标二级指标指标内容指标值备注产出指标数量指标改造道路里程12公里满意度指标服务对象满意度指标群众满意度≥95%\n";
    let out = render(glued);
    assert_eq!(
        rows(&out),
        [
            "  产出指标|数量指标|改造道路里程|-|12公里|-",
            "  满意度指标|服务对象满意度指标|群众满意度|-|≥95%|-",
        ],
        "{out}"
    );
}

/// A self-evaluation keeps its project part as printed: each funds row (年初预算数 …
/// 得分, the amounts in 万元) and the total row's 分值, 得分 and grade, wherever in its row
/// `总分` stands — what the re-scoring of 执行率 and 总分 needs.
#[test]
fn self_evaluation_funds_and_total_as_printed() {
    let doc = "\
| 2022年度项目支出绩效自评表 |
| 项目名称 | 义务教育营养改善计划专项资金 | 主管部门 | 永德县教育体育局 |
| 项目资金 (万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
| 年度资金总额 | 40 | 40 | 38 | 10 | 95% | 9.5 |
| 其中:当年财政拨款 | 40 | 40 | 38 | — | 95% | — |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 受助学生人数 | ≥1200人 | 1250人 | 50 | 50 |
| 满意度指标 | 服务对象满意度指标 | 学生满意度 | ≥95% | 100% | 40 | 37 |
| 其他需要说明事项 | 无 | 总分 | 100 | 96.5 | 优 |
";
    let reading = read_bytes("t.txt", doc.as_bytes()).expect("reads");
    let p = &reading.document.projects[0];
    let e = p.evaluation.as_ref().expect("a self-evaluation's part");
    let total = e.funds.total.as_ref().expect("年度资金总额");
    let show = |m: &Option<jixiao_model::Located<jixiao_model::Money>>| {
        m.as_ref().map(|m| m.value.0.to_string())
    };
    assert_eq!(show(&total.initial).as_deref(), Some("40"));
    assert_eq!(show(&total.adjusted).as_deref(), Some("40"));
    assert_eq!(show(&total.executed).as_deref(), Some("38"));
    assert_eq!(total.rate.as_ref().map(|r| r.value.to_string()).as_deref(), Some("95"));
    assert_eq!(total.points.as_ref().map(|r| r.value.to_string()).as_deref(), Some("10"));
    assert_eq!(total.score.as_ref().map(|r| r.value.to_string()).as_deref(), Some("9.5"));
    let fiscal = e.funds.fiscal.as_ref().expect("其中:当年财政拨款");
    assert_eq!(show(&fiscal.executed).as_deref(), Some("38"));
    assert!(fiscal.score.is_none(), "{fiscal:?}");
    assert_eq!(e.total_points.as_ref().map(|d| d.value.to_string()).as_deref(), Some("100"));
    assert_eq!(e.total_score.as_ref().map(|d| d.value.to_string()).as_deref(), Some("96.5"));
    assert_eq!(e.grade.as_ref().map(|g| g.value.as_str()), Some("优"));
}

/// A funds block whose header states its points (`预算执行情况(万元) (20分)`, `得分 (20分*执行率)`)
/// where no 分值 column prints them: each row is worth those points.
#[test]
fn self_evaluation_funds_points_in_the_header() {
    let doc = "\
| 项目名称 | 生猪养殖场建设项目 | 主管部门 | 昌宁县供销社 |
| 预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) |
| 年度财政资金总额 | 50 | 10 | 20% | 4 |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 养殖场建设面积 | ≥1000平方米 | 1000平方米 | 30 | 30 |
";
    let reading = read_bytes("t.txt", doc.as_bytes()).expect("reads");
    let e = reading.document.projects[0].evaluation.as_ref().expect("a self-evaluation's part");
    let total = e.funds.total.as_ref().expect("年度财政资金总额");
    assert_eq!(total.points.as_ref().map(|p| p.value.to_string()).as_deref(), Some("20"));
    assert_eq!(total.score.as_ref().map(|p| p.value.to_string()).as_deref(), Some("4"));
}

/// A 部门整体 table whose labels are printed down their merged cells two characters a line
/// (`年度` / `总体` / `目标`), with a 年度履职目标 block (部门职能 | 年度目标任务 | …) after the
/// goals: the goals are the numbered targets, not the block's header.
#[test]
fn department_table_with_vertical_labels() {
    let doc = "\
部门整体支出绩效目标表
部门(单位)名称 中共宁德市委党史和地方志研究室 部门预算编码 901001033
年度
总体
目标
 目标1:确保本室各人员工资及福利的发放;
 目标2:确保本室日常办公所需经费正常运行。
年度
履职
目标
部门职能 年度目标任务 支出项目名称 预算金额(万元)
确保日常工作正常运行 按时发放2019年人员工资待遇 基本支出 171.41

一级指标 二级指标 三级指标 指标解释 目标值
产出指标 数量指标 志鉴地情相关工作开展所需资金的供应时效 100%(历史标准) 100%
质量指标 各类书籍审稿率 100%(计划标准) 1
";
    let reading = read_bytes("t.txt", doc.as_bytes()).expect("reads");
    let rec = ExtractionRecord::from(&reading.document);
    assert_eq!(
        rec.overall_goals,
        ["目标1:确保本室各人员工资及福利的发放;", "目标2:确保本室日常办公所需经费正常运行。"]
    );
    assert_eq!(rec.department_indicators.len(), 2, "{:?}", rec.department_indicators);
}

/// 福建's self-evaluation reports: levels named 目标, each item numbered, the target and the
/// result in words (`…绩效目标值是2个,实际完成值为0个,目标完成率为0%`).
#[test]
fn report_sentences_of_target_and_result() {
    let doc = "\
人才驿站补助资金项目绩效自评报告
1.产出目标完成情况
(2)成本目标:项目资金投入绩效目标值是10万元,实际完成值为0万元,目标完成率为0%。
(3)数量目标:当年获得市级以上确认的人才驿站数量绩效目标值是2个,实际完成值为0个,目标完成率为0%;当年人才驿站组织活动数量绩效目标值是28次,实际完成值为40次,目标完成率为143%。
";
    let out = render(doc);
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(
        rows,
        [
            "  -|成本目标|项目资金投入|-|10万元|- || 0万元|-|-",
            "  -|数量目标|当年获得市级以上确认的人才驿站数量|-|2个|- || 0个|-|-",
            "  -|数量目标|当年人才驿站组织活动数量|-|28次|- || 40次|-|-",
        ],
        "{out}"
    );
}

/// A 自评表 spreadsheet flattened to one run of space-separated text, its header scrambled
/// away (`二级指标 三级指标` and `分值 得分` among the rows): rows numbered as the template
/// numbers them (`指标6:`) are name, target, actual, weight and score; header words left
/// among them are no cell; an empty template row (`指标9:`) is no indicator.
#[test]
fn numbered_self_evaluation_rows_without_header() {
    let doc = "\
项目支出绩效自评表(2021年度) 项目名称 国家基本公共卫生服务 主管部门 某县卫生健康局 年度总体目标 国家基本公共卫生服务 二级指标 三级指标 分值 得分 指标6:举办健康教育宣传咨询活动 12次 96次 1 1 指标7:建立预防接种证 221人 221人 2 2 指标8:适龄儿童疫苗接种率 100.00% 97.30% 2 1.9 指标9: 质量指标
";
    let want = "\
D 某县卫生健康局 | - | 2021
P 国家基本公共卫生服务 | unit - | - - | goals 国家基本公共卫生服务
  -|-|指标6:举办健康教育宣传咨询活动|-|12次|- || 96次|1|1
  -|-|指标7:建立预防接种证|-|221人|- || 221人|2|2
  -|-|指标8:适龄儿童疫苗接种率|-|100.00%|- || 97.30%|2|1.9
";
    assert_eq!(render(doc), want);
}

/// A glued (OCR'd) 自评表 whose header holds a word no vocabulary knows (`考值参分`, the
/// 参考分值 scrambled) and `未完成原因分析及改进措施`; a value in words printed twice between
/// weight and score (`5符合相关文件要求符合相关文件要求5`) is target and actual.
#[test]
fn glued_self_evaluation_with_unknown_header_word_and_repeated_words() {
    let doc = "\
项目名称初中公用经费主管部门某市教育局
一级指标二级指标三级指标考值参分指标值(A)全年实际值(B)得分未完成原因分析及改进措施产出指标质量指标公用经费标准5符合相关文件要求符合相关文件要求5时效指标公用经费完成时间52021年12月完成2021年12月完成4
";
    let want = "\
D 某市教育局 | - | 2021
P 初中公用经费 | unit - | - - | goals 
  产出指标|质量指标|公用经费标准|-|符合相关文件要求|- || 符合相关文件要求|-|5
  产出指标|时效指标|公用经费完成时间|-|2021年12月完成|- || 2021年12月完成|-|4
";
    assert_eq!(render(doc), want);
}

/// 湖南's glued target table: its header `评(扣分标准)` is one column (the bracket holds the
/// rest of the word, not a note).
#[test]
fn bracketed_rest_of_a_header_word() {
    assert_eq!(
        crate::grammar::vocab::column("评(扣分标准)"),
        Some(crate::grammar::vocab::Column::Ignored)
    );
}

/// 河北's 预算项目绩效自评表 as space-separated lines: goals and results under
/// `年度预期目标 具体完成情况`, one pair a row; a two-line header whose lower line splits the
/// target around its figure (`符号 | 单位`) and the 自评得分 into 单项指标得分 / 权重占比 /
/// 折算得分, the upper row's 指标分值 then printing each indicator's explanation.
#[test]
fn two_line_self_evaluation_header_with_sign_and_unit() {
    let doc = "\
某县民政局2020年度预算项目绩效自评表
一、基本情况 项目名称: 百岁老人高龄津贴 实施(主管)单位 314002-某县民政局机关 金额单位: 万元
三、目标完成情况 年度预期目标 具体完成情况 总体完成率(%)
为百岁高龄老年人发放补贴。 为百岁高龄老年人发放补贴。 100.00
促进社会稳定文明和谐 促进社会稳定文明和谐
四、年度绩效指标完成情况 一级指标 二级指标 三级指标 指标分值 预期指标值 单项指标实际完成值 单项指标完成情况 自评得分
符号 单位(文字描述) 单项指标得分 权重占比(%) 单项指标折算得分
产出指标 质量指标 符合条件申报对象覆盖率 享受补贴人数占申报对象总数的比例 >= 98 %(百分比) 100% 完成 25.00 25.00 6.25
时效指标 完成率 按时完成审批的比例(百分比) >= 99 %(百分比) 100% 完成 25.00 25.00 6.25
";
    let want = "\
D 某县民政局机关 | 314002 | 2020
P 百岁老人高龄津贴 | unit 314002-某县民政局机关 | - - | goals 为百岁高龄老年人发放补贴。 / 促进社会稳定文明和谐
  产出指标|质量指标|符合条件申报对象覆盖率|享受补贴人数占申报对象总数的比例|>= 98%(百分比)|- || 100%|25|25
  产出指标|时效指标|完成率|按时完成审批的比例(百分比)|>= 99%(百分比)|- || 100%|25|25
";
    assert_eq!(render(doc), want);
}

/// A glued 自评表 without weight column whose header lost its 一级指标 (`一指二级指标…`):
/// level-1 names still open rows, and a value in words printed twice before the score
/// (`成本控制不超过预算不超过预算10`) is target and actual, the next row's name after it.
#[test]
fn glued_self_evaluation_repeated_words_before_the_score() {
    let doc = "\
项目名称东津院区建设补助主管部门某市卫生健康委
一指二级指标三级指标年初目标值(A)实际完成值(B)得分产出指标数量指标成本控制不超过预算不超过预算10质量指标保证财政建设补助专款专用专款专用专款专用10时效指标完成时间1年1年10
";
    let want = "\
D 某市卫生健康委 | - | -
P 东津院区建设补助 | unit - | - - | goals 
  产出指标|数量指标|成本控制|-|不超过预算|- || 不超过预算|-|10
  产出指标|质量指标|保证财政建设补助专款专用|-|专款专用|- || 专款专用|-|10
  产出指标|时效指标|完成时间|-|1年|- || 1年|-|10
";
    assert_eq!(render(doc), want);
}

/// 湖北's glued 目标表 whose header names no indicator column (`一级指标二级指标绩效标准
/// 当年预期实现值`): the 二级指标 cell spans the level and the indicator, the 绩效标准 is the
/// basis (`反映…`).
#[test]
fn glued_header_without_an_indicator_column() {
    let doc = "\
项目名称办公大楼运行保障
一级指标二级指标绩效标准当年预期实现值数量指标办公大楼日常维修维护次数反映办公大楼全年维修维护情况2280次质量指标维修维护验收合格率反映维修维护质量情况95%
";
    let want = "\
D - | - | -
P 办公大楼运行保障 | unit - | - - | goals 
  -|数量指标|办公大楼日常维修维护次数|-|2280次|反映办公大楼全年维修维护情况
  -|质量指标|维修维护验收合格率|-|95%|反映维修维护质量情况
";
    assert_eq!(render(doc), want);
}

/// 江苏's 项目绩效公开 form, one cell per paragraph, its rows under the evaluation
/// framework's levels (决策 / 过程 over 项目立项, 资金管理): the levels are level cells.
#[test]
fn evaluation_framework_levels_one_cell_per_paragraph() {
    let doc = "\
项目名称

文化公园运转经费

一级指标

二级指标

三级指标

全年(程) 指标值

决策

项目立项

立项程序规范性

规范

立项依据充分性

充分

过程

资金管理

资金使用合规性

合规
";
    let want = "\
D - | - | -
P 文化公园运转经费 | unit - | - - | goals 
  决策|项目立项|立项程序规范性|-|规范|-
  决策|项目立项|立项依据充分性|-|充分|-
  过程|资金管理|资金使用合规性|-|合规|-
";
    assert_eq!(render(doc), want);
}

/// A 自评报告 titled after its project: the title names it (department and year dropped),
/// not the project its text says the money was used for (`用于实施…项目`); the amount is
/// the one its account says was allocated.
#[test]
fn report_named_by_its_title() {
    let doc = "\
某市某区水务局2022年衔接资金项目绩效自评报告
一、绩效目标分解下达情况
(一)某市某区水务局2022年衔接资金共下达105万元,用于实施西秀镇龙头村蔬菜园产业项目。
(二)某市某区水务局2022年衔接资金项目绩效目标为做好西秀镇龙头田洋产业农业灌溉用水的工作。
二、项目绩效指标完成情况分析。
1.产出指标完成情况分析。
(1)数量指标。完成年度建设项目1个。
";
    let got = render(doc);
    // (`…资金共下达105万元`: the amount right after the verb.)
    assert!(got.contains("P 衔接资金项目 | unit - | 105 -"), "{got}");
    // (`…绩效目标为…`: a copula states the goal as a colon does.)
    assert!(got.contains("goals 做好西秀镇龙头田洋产业农业灌溉用水的工作。"), "{got}");
}

/// 湖南's 部门整体 table glued a row a line (`…指标解释 | 指标说明及公式 | 预期达到目标`): an
/// indicator's name ending as names do (…数量, …率) is cut from the explanation glued after it.
#[test]
fn glued_name_then_its_explanation() {
    let doc = "\
项目名称部门整体
一级指标二级指标三级指标指标解释指标说明及公式预期达到目标
产出指标数量指标消化利用农作物秸秆数量建立秸秆综合利用点
5个
质量指标党建任务完成率上级党组织要求完成党建工作任务完成率
100%
";
    let want = "\
D - | - | -
P 部门整体 | unit - | - - | goals 
  产出指标|数量指标|消化利用农作物秸秆数量|建立秸秆综合利用点|5个|-
  产出指标|质量指标|党建任务完成率|上级党组织要求完成党建工作任务完成率|100%|-
";
    assert_eq!(render(doc), want);
}

/// 新疆's 项目情况公告公示: the project is named in the opening sentence (`…项目由…实施完成,
/// 涉及资金895.8万元`), its indicators listed under the levels.
#[test]
fn announcement_names_the_project_it_carries_out() {
    let doc = "\
某职业技术学院项目情况公告公示
依据州财政局文件及所列分配资金,2019年高等职业院校国家助学金资助补助资金项目由某职业技术学院实施完成,涉及资金895.8万元,现将项目有关情况公示如下:
七、绩效目标
(一)产出指标
1、数量指标:资助建档立卡贫困子女1966人。
";
    let got = render(doc);
    assert!(
        got.contains("P 2019年高等职业院校国家助学金资助补助资金项目 | unit - | 895.8 -"),
        "{got}"
    );
    assert!(got.contains("产出指标|数量指标|资助建档立卡贫困子女|-|1966人|-"), "{got}");
}

/// A 自评表 printed one cell a line (`… |`), then the report's next numbered section on a
/// line of its own (`(三)存在的问题和原因`): the table ends there, its sentences are no row.
#[test]
fn report_heading_after_a_table_cell_by_cell() {
    let doc = "\
项目名称 |
本专科生奖助学金项目 |
一级指标 |
二级指标 |
三级指标 |
年度指标值 |
实际完成值 |
效益指标 |
服务对象满意度指标 |
资助学生满意度 |
95% |
95% |
(三)存在的问题和原因
1、受资助本专科困难学生覆盖率有待进一步提高。主要原因是经费有限。
";
    let got = render(doc);
    assert!(got.contains("效益指标|服务对象满意度指标|资助学生满意度|-|95%|- || 95%|-|-"), "{got}");
    assert!(!got.contains("存在的问题"), "{got}");
}

/// A PDF's text wrapping a narrow level-2 cell (`服务对象` / `满意度指标`): the halves are one
/// name, though the second is the level 1's.
#[test]
fn wrapped_service_satisfaction_level() {
    let doc = "\
项目名称 党支部书记补贴
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 补贴人数 ≥12人
满意度指标 服务对象
满意度指标
群众满意度 ≥95%
";
    let got = render(doc);
    assert!(got.contains("满意度指标|服务对象满意度指标|群众满意度|-|≥95%|-"), "{got}");
}

/// A 自评报告 page cut above its form: the table first, unnamed, then the report's account
/// naming the project (`该…项目于…`).
#[test]
fn report_names_its_project_after_the_table() {
    let doc = "\
一级指标 | 二级指标 | 三级指标 | 指标值 | 实施进度 |
项目决策 | 数量指标 | 宣传次数 | 至少全年完成2次宣传 | 已完成100% |
质量指标 | 创建质量 | 按质按量完成 | 已完成100% |

二、项目资金申报及使用情况

(一)项目资金申报及批复情况。

该双心及文明城市创建专项资金项目于2020年初向财政局进行资金申报工作。
";
    let got = render(doc);
    assert!(got.contains("P 双心及文明城市创建专项资金 |"), "{got}");
    assert!(got.contains("项目决策|数量指标|宣传次数|-|至少全年完成2次宣传|- || 已完成100%|-|-"), "{got}");
}

/// A 区域 form one cell per paragraph: 地方资金 is the other share's label, and the sentence
/// below it, right above the indicator header, is the goal whose label was lost.
#[test]
fn regional_form_local_money_then_an_unlabelled_goal() {
    let doc = "\
项目名称

农村危房改造补助资金

资金情况(万元)

下达资金总额

其中:中央财政补助

参见附件1具体金额

地方资金

支持农村低收入群体等重点对象实施危房改造和危房抗震改造,保障其基本住房安全。

一级指标

二级指标

三级指标

指标值

产出指标

数量指标

改造户数

≥100户
";
    let got = render(doc);
    assert!(
        got.contains("goals 支持农村低收入群体等重点对象实施危房改造和危房抗震改造,保障其基本住房安全。"),
        "{got}"
    );
    assert!(got.contains("产出指标|数量指标|改造户数|-|≥100户|-"), "{got}");
}

/// A 区域 self-evaluation in space-separated lines: the transfer's budget (`转移支付预算数(A)
/// 5.8万`), and rows printed with no value at all. A name opening with the template's
/// numbering (`指标3.…`) starts its own row: it is no value of the row above, nor the rest of
/// its name.
#[test]
fn numbered_names_without_values_in_spaced_self_evaluation() {
    let doc = "\
2021年中央对地方专项转移支付区域绩效目标自评表
单位名称 遂宁市市场监督管理局经开区分局
 转移支付预算数(A) 5.8万 预算执行率(B/A) 100%
 转移支付执行数(B) 5.8万
一级指标 二级指标 三级指标 指标值 完成值
数量指标 指标1.药品抽验品种 ≥3 4
时效指标 任务完成时间 2021年底 2021年底
成本指标 指标1.培训成本 400元/人、天 180元/人、天
指标2.药品抽验平均标准
指标3.化妆品抽验平均标准
效益指标 社会效益指标 指标1.总体安全状况 逐步提高 逐步提高
";
    let want = "\
D 遂宁市市场监督管理局经开区分局 | - | 2021
P - | unit - | 5.8 - | goals 
  产出指标|数量指标|指标1.药品抽验品种|-|≥3|- || 4|-|-
  产出指标|时效指标|任务完成时间|-|2021年底|- || 2021年底|-|-
  产出指标|成本指标|指标1.培训成本|-|400元/人、天|- || 180元/人、天|-|-
  产出指标|成本指标|指标2.药品抽验平均标准|-|-|-
  产出指标|成本指标|指标3.化妆品抽验平均标准|-|-|-
  效益指标|社会效益指标|指标1.总体安全状况|-|逐步提高|- || 逐步提高|-|-
";
    assert_eq!(render(doc), want);
}

/// A 自评 report's scoring run together after its table: `績效目標5分`, `績效目標合理性`,
/// `項目績效目標完成情況` are a score, a criterion and a heading, not goals.
#[test]
fn goal_word_inside_scoring_phrases_is_no_goal() {
    let doc = "\
項目年度績效目標(定量目標)評價內容績效內容績效目標值實際完成值累計完成率產出目標數量目標當年人才驛站組織活動數量>=28次40次143%(二)項目財務管理狀況本項目累計安排資金10萬元,其中:項目立項6分,績效目標5分,資金投入4分,總得分90,(二)項目績效目標完成情況1.產出目標完成情況,績效目標合理性本項目滿分3分,得3分,得分原因為:績效目標設置合理,
";
    let want = "\
D - | - | -
P - | unit - | - - | goals 
  產出目標|數量目標|當年人才驛站組織活動數量|-|>=28次|- || 40次|-|-
";
    assert_eq!(render(doc), want);
}

/// A form that states only a multi-year goal (`中长期目标`): it is the project's goal. Where a
/// year's goal is printed beside it, the year's wins.
#[test]
fn multi_year_goal_only_where_no_year_goal() {
    let only = "\
项目名称
文化公园运转经费
中长期目标
加强对文化公园的管理,保证文化公园免费开放运转。
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
开放天数
≥300天
";
    let want = "\
D - | - | -
P 文化公园运转经费 | unit - | - - | goals 加强对文化公园的管理,保证文化公园免费开放运转。
  产出指标|数量指标|开放天数|-|≥300天|-
";
    assert_eq!(render(only), want);
    let both = only.replace(
        "一级指标\n",
        "年度目标\n全年开放不少于300天,接待游客10万人次。\n一级指标\n",
    );
    assert!(render(&both).contains("goals 全年开放不少于300天,接待游客10万人次。\n"), "{}", render(&both));
}

/// A 自评表 one cell per line whose rows print no 权重: a bare figure the same as the target
/// right after it is the actual, the figure after it the row's points — not a weight equal to
/// the target.
#[test]
fn actual_equal_to_target_is_no_weight() {
    let doc = "\
2022年度项目支出绩效自评表
项目名称
生猪养殖场建设项目
一级指标
二级指标
三级指标
年度指标值
全年完成值
指标权重
指标得分
产出指标(40分)
数量指标
公猪舍(≥**平方米)
22.8
22.8
1
隔离舍(≥**平方米)
54
54
2
";
    let want = "\
D - | - | 2022
P 生猪养殖场建设项目 | unit - | - - | goals 
  产出指标(40分)|数量指标|公猪舍(≥**平方米)|-|22.8|- || 22.8|-|1
  产出指标(40分)|数量指标|隔离舍(≥**平方米)|-|54|- || 54|-|2
";
    assert_eq!(render(doc), want);
}

/// 湖南's 专项资金 form: the amounts' labels in one row, the fiscal money split by level in the
/// row below (`中央 | 省级 | 市级资金 | 本级`), the amounts under both: fiscal money is the sum of
/// its levels.
#[test]
fn fiscal_money_split_by_level_under_its_label() {
    let doc = "\
| 雨露计划绩效目标申报表 | |||||||||
| 专项基本情况 | 专项名称 | 2023年雨露计划就学补助项目 | |||||||
| 专项资金情况 | 本年度预计投入(万元) | 财政资金(万元) | 其他 | ||||||
| 中央 | 省级 | 市级资金 | 本级 | ||||||
| 7.5 | 0 | 6 | 1.5 | 0 | 0 | ||||
| 专项年度绩效指标 | 一级指标 | 二级指标 | 三级指标内容 | 指标值及单位 | |||||
| 产出 指标 | 数量指标 | 年度申请就学补助户数 | >=101人 | ||||||
";
    let want = "\
D - | - | -
P 2023年雨露计划就学补助项目 | unit - | 7.5 7.5 | goals 
  产出 指标|数量指标|年度申请就学补助户数|-|>=101人|-
";
    assert_eq!(render(doc), want);
}

/// 四川's 申报表 states fiscal money as `(一)财政拨款小计` over its sources.
#[test]
fn fiscal_subtotal_of_sichuan_form() {
    let doc = "\
项目支出绩效目标申报表
项目名称 特困家庭再扶助
项目资金(万元) 年度资金总额 6.30
   (一)财政拨款小计 6.30
       1、一般公共预算 6.30
   (二)自有资金小计 0.00
年度目标
对独生子女伤残、死亡适龄家庭进行政策特别扶助。
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 扶助人数 ≥20人
";
    assert!(render(doc).contains("| unit - | 6.3 6.3 |"), "{}", render(doc));
}

/// A 湖北 form glued by conversion: name, explanation (`反映…情况`), value, next name — the
/// explanation ends in 情况 before the value, and the value with its unit before the next
/// row's name.
#[test]
fn glued_explanation_value_and_next_name() {
    let doc = "\
项目名称办公大楼运行保障绩效指标一级指标二级指标绩效标准当年预期实现值数量指标办公大楼日常维修维护次数反映办公大楼全年维修维护情况2280次大楼安检巡察次数反映大楼保卫巡检情况200次质量指标办公大楼日常维修维护验收合格率反映办公大楼全年维修维护质量情况>92%
";
    let out = render(doc);
    for row in [
        "|数量指标|办公大楼日常维修维护次数|-|2280次|反映办公大楼全年维修维护情况",
        "|数量指标|大楼安检巡察次数|-|200次|反映大楼保卫巡检情况",
        "|质量指标|办公大楼日常维修维护验收合格率|-|>92%|反映办公大楼全年维修维护质量情况",
    ] {
        assert!(out.contains(row), "{row}\n{out}");
    }
}

/// The notes under a 自评表 (`备注:1.预算执行情况口径…` `2.定量指标完成数汇总原则…`): a budget
/// word in the first is no field whose value the next line gives — the purpose is a field of
/// the form's head, not a line after its indicators.
#[test]
fn notes_after_the_table_are_no_purpose() {
    let doc = "\
项目名称
春节走访慰问经费
一级指标
二级指标
三级指标
年度指标值
实际完成值
产出指标
数量指标
走访慰问人数
≥300人
312人
备注:1.预算执行情况口径:预算数为调整后财政资金总额(包括上年结余结转),执行数为资金使用单位财政资金实际支出数。
2.定量指标完成数汇总原则:绝对值直接累加计算,相对值按照资金额度加权
";
    let reading = read_bytes("t.txt", doc.as_bytes()).expect("reads");
    let rec = ExtractionRecord::from(&reading.document);
    assert_eq!(rec.projects.len(), 1, "{}", render(doc));
    assert_eq!(rec.projects[0].purpose, None, "{}", render(doc));
    assert_eq!(rec.projects[0].indicators.len(), 1, "{}", render(doc));
}

/// A 申报表 printing 中期目标 and 年度目标 side by side that filled only its 中期 half (the
/// year's columns print the level 2 alone): the filled half is recorded, one row per line.
#[test]
fn two_periods_with_the_year_left_empty() {
    let doc = "\
项目名称 | 城管执法车辆维修燃油费 | |||||||
总 体 目 标 | 中期目标(2023年—2023年) | 年度目标 | ||||||
保障城管执法巡查车辆的维修及燃油费用 | ||||||||
绩 效 指 标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 二级指标 | 三级指标 | 指标值 | |
产出指标 | 数量指标 | 完成修理养护的设施数量 | ≥90辆 | 数量指标 | ||||
质量指标 | 经费支出合规性 | 较高 | 质量指标 | |||||
项目验收合格率 | ≥100百分比 | |||||||
养护维修质量合格率 | ≥100百分比 | |||||||
时效指标 | 项目完成及时性 | 程度较高 | 时效指标 | |||||
经费支出时效性 | 及时支出 | |||||||
";
    let want = "\
  产出指标|数量指标|完成修理养护的设施数量|-|≥90辆|-
  产出指标|质量指标|经费支出合规性|-|较高|-
  产出指标|质量指标|项目验收合格率|-|≥100百分比|-
  产出指标|质量指标|养护维修质量合格率|-|≥100百分比|-
  产出指标|时效指标|项目完成及时性|-|程度较高|-
  产出指标|时效指标|经费支出时效性|-|及时支出|-
";
    let out = render(doc);
    assert!(out.ends_with(want), "{out}");
}

/// A 监控表's columns of the year so far (`半年度指标执行情况`, `完成目标可能性`, `备注`,
/// printed on lines of their own) are columns read past, not the halves of the ones above;
/// `指标名称` beside `一级指标` may hold level 2's names.
#[test]
fn monitoring_table_columns() {
    let doc = "\
项目名称 | 申遗经费 | |||||
绩效指标 | 一级 指标 | 指标名称 | 三级指标 | 指标值 |
半年度 指标执行情况 |
完成目标可能性(确定能、有可能、不可能) | 备注 |
产出指标 | 数量 | 举办活动场次 | ≥5场 | 已举办3场 | 确定能 | |
效益指标 | 社会效益 | 工业遗产价值宣传 | 有效提升 | 已开展 | 确定能 | |
";
    let want = "\
  产出指标|数量|举办活动场次|-|≥5场|-
  效益指标|社会效益|工业遗产价值宣传|-|有效提升|-
";
    let out = render(doc);
    assert!(out.ends_with(want), "{out}");
}

/// A 自评 report that writes each target and its result in one sentence (`…发放指标为100%实际
/// 完成值为100%…`), or a value after a copula (`经费发放率为98%`): each indicator a row, the
/// copula neither the name's nor the value's; an item that only says what was done (a sentence
/// ended by its full stop) is the result.
#[test]
fn report_targets_with_results_in_sentences() {
    let doc = "\
优抚对象生活补助经费转移支付2023年度绩效自评报告
(四)绩效指标完成情况分析
2.质量指标。经费发放率为98%。
3.时效指标。优抚对象生活补助金每月中旬发放指标为100%实际完成值为100%义务兵家庭优待金每年3月、9月份发放指标为100%实际完成值为100%
(5)社会效益指标 各位传承人按照资金补助标准和要求,积极开展了各项非遗传承实践活动。
";
    let want = "\
  -|质量指标|经费发放率|-|-|- || 98%|-|-
  -|时效指标|优抚对象生活补助金每月中旬发放|-|100%|- || 100%|-|-
  -|时效指标|义务兵家庭优待金每年3月、9月份发放|-|100%|- || 100%|-|-
  -|社会效益指标|-|-|-|- || 各位传承人按照资金补助标准和要求,积极开展了各项非遗传承实践活动|-|-
";
    let out = render(doc);
    assert!(out.ends_with(want), "{out}");
}

/// `预期目标 实际完成情况` over the goals one per line and then the results one per line, no
/// blank line between: the results' numbering starts again where they begin.
#[test]
fn goals_then_results_numbered_again() {
    let doc = "\
项目名称 防震减灾综合保障
年度总体目标完成情况 预期目标 实际完成情况
目标1:省政府对市政府防震减灾目标管理绩效考核第一名。
目标2:全省市级防震减灾综合考核先进单位。
1.省政府对市政府防震减灾目标管理绩效考核第一名。
2.全省市级防震减灾综合考核先进单位。
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分
产出指标 数量指标 接受业务培训人数 200 200余人 10 10
";
    let out = render(doc);
    assert!(
        out.contains("goals 目标1:省政府对市政府防震减灾目标管理绩效考核第一名。 / 目标2:全省市级防震减灾综合考核先进单位。\n"),
        "{out}"
    );
}

/// Both periods filled, the 中期 half first: the year's half is recorded, row by row.
#[test]
fn two_periods_both_filled() {
    let doc = "\
项目名称 | 城管执法车辆维修燃油费 | |||||||
总 体 目 标 | 中期目标(2023年—2025年) | 年度目标 | ||||||
绩 效 指 标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 二级指标 | 三级指标 | 指标值 | |
产出指标 | 数量指标 | 三年修理车辆数 | ≥270辆 | 数量指标 | 年度修理车辆数 | ≥90辆 |
质量指标 | 三年验收合格率 | ≥95% | 质量指标 | 年度验收合格率 | ≥98% |
";
    let want = "\
  产出指标|数量指标|年度修理车辆数|-|≥90辆|-
  产出指标|质量指标|年度验收合格率|-|≥98%|-
";
    let out = render(doc);
    assert!(out.ends_with(want), "{out}");
}

/// Glued column headers one after another (`指标值完成值权重得分`) are columns each, though
/// their run reads as one shape; `倍` is a unit (`≥2倍10倍`: target and actual).
#[test]
fn glued_headers_each_a_column() {
    let doc = "\
项目名称普惠金融发展专项资金绩效目标完成情况一级指标二级指标三级指标指标值完成值权重得分产出指标数量指标创业担保贷款发放额增长率≥10%115.25%20%20效益指标经济效益指标创业担保基金放大倍数≥2倍10倍10%10
";
    let out = render(doc);
    for row in [
        "  产出指标|数量指标|创业担保贷款发放额增长率|-|≥10%|- || 115.25%|20|20\n",
        "  效益指标|经济效益指标|创业担保基金放大倍数|-|≥2倍|- || 10倍|10|10\n",
    ] {
        assert!(out.contains(row), "{row}\n{out}");
    }
}

/// A 自评表 from a budget system: its funds in 元 as the block's label says (`项目资金(元)`),
/// each operator after the system's code (`004 >=`), and a level's points left above the
/// first row (`90.00 | 90.00`, no name) that are no indicator.
#[test]
fn budget_system_self_evaluation() {
    let doc = "\
项目支出绩效自评表 | |||||||||||
项目名称 | 能源安全检查及新能源项目推进经费 | ||||||||||
主管部门 | 保山市能源局 | 实施单位 | 保山市能源局 | ||||||||
项目资金(元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 备注 | ||||
年度资金总额 | 330,000.00 | 329,998.60 | 329,998.60 | 10.00 | 100.00 | 10.00 | |||||
其中:当年财政拨款 | 330,000.00 | 329,998.60 | 329,998.60 | 100.00 | |||||||
项目支出绩效指标表 | |||||||||||
绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | ||||||
一级 指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | ||||||
90.00 | 90.00 | ||||||||||
产出指标 | 数量指标 | 赴省能源局等汇报工作次数 | 004 >= | 20 | 次 | 113 | 22.50 | 22.50 | |||
产出指标 | 成本指标 | 经费支出 | 005 <= | 33 | 万元 | 32.9999 | 22.50 | 22.50 | |||
";
    let want = "\
P 能源安全检查及新能源项目推进经费 | unit 保山市能源局 | 32.99986 32.99986 | goals 
  产出指标|数量指标|赴省能源局等汇报工作次数|-|>=20次|- || 113|22.5|22.5
  产出指标|成本指标|经费支出|-|<=33万元|- || 32.9999|22.5|22.5
";
    let out = render(doc);
    assert!(out.ends_with(want), "{out}");
}

/// A report that names its project with the amount approved (`…治理项目立项批复525.39万元`),
/// lists parts of a total in one sentence (`…面积1429.39hm,其中坡改梯25.26hm,…`) and says
/// of a level only what stands (`项目暂未完工。`).
#[test]
fn report_naming_its_project_and_listing_parts() {
    let doc = "\
一、绩效目标分解下达情况
四川省财政厅《关于提前下达20xx年中央和省级水利发展资金预算的通知》下达我县中央水利发展资金500万元。
(二)省内资金安排、分解下达预算和绩效目标情况。
西川河小流域水土流失综合治理项目立项批复525.39万元,其中500万元为中央水利发展资金,其余为地方自筹。
(三)绩效指标完成情况分析。
1.产出指标完成情况分析。
(1)数量指标。治理水土流失面积1429.39hm,其中坡改梯25.26hm,封育治理958.81hm。
(2)质量指标。项目暂未完工。
";
    let want = "\
P 西川河小流域水土流失综合治理项目 | unit - | 525.39 - | goals 
  产出指标|数量指标|治理水土流失面积|-|-|- || 1429.39hm|-|-
  产出指标|数量指标|坡改梯|-|-|- || 25.26hm|-|-
  产出指标|数量指标|封育治理|-|-|- || 958.81hm|-|-
  产出指标|质量指标|-|-|-|- || 项目暂未完工|-|-
";
    let out = render(doc);
    assert!(out.ends_with(want), "{out}");
}

/// A 自评表 printed one cell per paragraph whose target and actual copy its name
/// (`美化环境。` three times): one row, not three.
#[test]
fn self_evaluation_cells_copying_the_name() {
    let doc = "\
一级指标
二级指标
三级指标
年度指标值
实际完成值

效益指标

社会效益指标

美化环境。

美化环境。

美化环境。

满意度指标

满意度指标

辖区企业满意率

≥95%

98%
";
    let out = render(doc);
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows[0].starts_with("  效益指标|社会效益指标|美化环境。|-|美化环境"), "{out}");
    assert!(rows[0].ends_with(" || 美化环境。|-|-"), "{out}");
}

/// A page that opens on the tail of one 自评表 (its rows, split targets and weights, no name;
/// the page's text reports 评价结论) before the next form's 项目名称: the tail is a project
/// of its own, read with its operator and unit columns, and the next form starts anew.
#[test]
fn tail_of_a_table_before_the_next_form() {
    let doc = "\
成本指标 | 城乡居民参保网络宣传成本预算 | ≤ | 101400 | 元 | 5 | |||||
效益指标 | 社会效益指标 | 城乡居民参保网络宣传群众知晓率 | = | 100 | % | 15 | ||||
满意度指标 | 服务对象满意度指标 | 城乡居民参保人员满意度 | ≥ | 90 | % | 10 | ||||
合计 | 100 | |||||||||
评价结论 | 结合自评情况,说明项目自评总分,说明项目实施取得的成效或成果。(200字以内) | |||||||||
部门预算项目支出绩效自评表(2023年度) | ||||||||||
项目名称 | 51092322T000000431595-城乡居民监管工作经费 | |||||||||
主管部门 | 大英县医疗保障局 | 实施单位 (盖章) | 大英县医疗保障局 | |||||||
";
    let out = render(doc);
    let want = "\
P - | unit - | - - | goals 
  产出指标|成本指标|城乡居民参保网络宣传成本预算|-|≤101400元|- || -|5|-
  效益指标|社会效益指标|城乡居民参保网络宣传群众知晓率|-|=100%|- || -|15|-
  满意度指标|服务对象满意度指标|城乡居民参保人员满意度|-|≥90%|- || -|10|-
P 城乡居民监管工作经费 | unit 大英县医疗保障局 | - - | goals 
";
    assert!(out.ends_with(want), "{out}");
}

/// A group's numbered sub-items in one level (`一、示范区建立` then `1、…`, `二、…`): names of
/// rows with values, not section headings that end the table.
#[test]
fn numbered_sub_items_in_a_table() {
    let doc = "\
项目名称 | 化肥减量增效示范县项目补助资金 | ||||||||
年度绩效目标 (80分) | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | |||
产出指标 | 数量指标 | 一、示范区建立 | ≧20000亩 | 20000亩 | 15.0 | ||||
1、水稻侧深施肥+缓控释肥 | ≧500亩 | 500亩 | 5.0 | ||||||
二、化肥减量增效田间试验 | ≧15组 | 15组 | 15.0 | ||||||
1、肥料利用率 | ≧5组 | 5组 | 5.0 | ||||||
质量指标 | 示范区配方肥到位率 | ≧80% | 85.6% | 10.0 | |||||
";
    let want = "\
  产出指标|数量指标|一、示范区建立|-|≧20000亩|- || 20000亩|-|15
  产出指标|数量指标|1、水稻侧深施肥+缓控释肥|-|≧500亩|- || 500亩|-|5
  产出指标|数量指标|二、化肥减量增效田间试验|-|≧15组|- || 15组|-|15
  产出指标|数量指标|1、肥料利用率|-|≧5组|- || 5组|-|5
  产出指标|质量指标|示范区配方肥到位率|-|≧80%|- || 85.6%|-|10
";
    let out = render(doc);
    assert!(out.ends_with(want), "{out}");
}

/// Labels printed with their bracketed word (`专项(项目)名称`, `主管部门(单位)名称`), glued to
/// their values by a conversion: cut at the label as printed, not after its first word.
#[test]
fn glued_labels_with_a_bracketed_word() {
    let doc = "\
2023年福彩中心绩效项目支出自评表
专项(项目)名称彩票市场调控资金﹣宁夏福彩AP系统改版升级
主管部门(单位)名称宁夏回族自治区民政厅资金使用单位宁夏福利彩票发行中心
绩效指标一级指标二级指标三级指标年度指标值全年完成值
产出指标数量指标福彩APP系统改版升级100%100%
质量指标验收合格率100%100%
";
    let out = render(doc);
    assert!(out.starts_with("D 宁夏回族自治区民政厅 | - | 2023\n"), "{out}");
    assert!(out.contains("P 彩票市场调控资金﹣宁夏福彩AP系统改版升级 | unit 宁夏福利彩票发行中心 |"), "{out}");
    assert!(out.contains("  产出指标|质量指标|验收合格率|-|100%|- || 100%|-|-\n"), "{out}");
}

/// A report's title broken over lines, its department and year on the first, the project it
/// reports on in brackets under it: all three read from the joined title.
#[test]
fn report_title_over_lines_with_the_project_in_brackets() {
    let doc = "\
保山市林业和草原局2021年度
项目绩效自评报告
(市级森林防火“三三制”补助经费项目)
一、项目基本情况
(一)项目资金情况
1.项目资金到位情况。保山市财政局下达我局森林防火三三制经费75.96万元,全部到位。
(二)项目绩效指标完成情况
1.产出指标完成情况。火案查处率100%;市级森林防火物资储备112万元。
";
    let out = render(doc);
    assert!(out.starts_with("D 保山市林业和草原局 | - | 2021\n"), "{out}");
    assert!(out.contains("P 市级森林防火“三三制”补助经费项目 |"), "{out}");
    assert!(out.contains("|火案查处率|"), "{out}");
}

/// An ex-ante 评价报告 lists its targets under `(四)绩效目标` by level: what was set (targets),
/// not what was done, as the same items under `…完成情况` are.
#[test]
fn report_items_under_a_target_heading_are_targets() {
    let head = "\
美丽乡村示范点及自然村财政奖励资金绩效评价报告
一、项目概况
";
    let items = "\
成本指标:
该项目需县级财政安排资金8144万元,县级安排877万元。
";
    let set = render(&format!("{head}(四)绩效目标\n{items}"));
    assert!(set.contains("|成本指标|县级安排|-|877万元|-\n"), "{set}");
    let done = render(&format!("{head}(二)绩效目标完成情况\n{items}"));
    assert!(done.contains("|成本指标|县级安排|-|-|- || 877万元|-|-\n"), "{done}");
}

/// A target split over 指标性质 | 指标值 | 度量单位 whose sign is one of the small forms a
/// converter prints (`﹦`, U+FE66; `﹥`, `﹤`): a sign like `=` or `＞`, kept as printed.
#[test]
fn small_form_signs_in_a_split_target() {
    let doc = "\
项目名称 | 河道保洁 | |||||||
一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分 |
产出指标 | 数量指标 | 保洁河道长度 | ﹦ | 12 | 公里 | 12 | 20 | 20 |
质量指标 | 验收合格率 | ﹥ | 90 | % | 95 | 30 | 30 |
效益指标 | 社会效益指标 | 群众投诉次数 | ﹤ | 5 | 次 | 2 | 30 | 30 |
";
    let want = "\
D - | - | -
P 河道保洁 | unit - | - - | goals 
  产出指标|数量指标|保洁河道长度|-|﹦12公里|- || 12|20|20
  产出指标|质量指标|验收合格率|-|﹥90%|- || 95|30|30
  效益指标|社会效益指标|群众投诉次数|-|﹤5次|- || 2|30|30
";
    assert_eq!(render(doc), want);
}

/// Pipe rows of a page that prints a line break inside an empty cell: the row goes on on the
/// next line, led by `|` (`…健全性 | 定性 | 优良中低差 |` then `| 优 | 10 |`). The rest is the
/// same row's cells, not a table of its own.
#[test]
fn pipe_row_broken_inside_a_cell() {
    let doc = "\
项目名称 | 道路保洁 |
一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 |
产出指标 | 数量指标 | 清扫道路长度 | ≥ | 12 | 公里 | 12 | 20 |
效益指标 | 可持续影响指标 | 保洁长效机制健全性 | 定性 | 健全 |
| 健全 | 10 |
满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥ | 90 | % | 95 | 10 |
";
    let want = "\
D - | - | -
P 道路保洁 | unit - | - - | goals 
  产出指标|数量指标|清扫道路长度|-|≥12公里|- || 12|20|-
  效益指标|可持续影响指标|保洁长效机制健全性|-|健全|- || 健全|10|-
  满意度指标|服务对象满意度指标|群众满意度|-|≥90%|- || 95|10|-
";
    assert_eq!(render(doc), want);
}

/// A 自评表 glued together without separators, its 分值 and 得分 printed after the values
/// and run together as one figure (`20件20件1515`, `合格合格2018`: 15 | 15, 20 | 18), then
/// the next row's name.
#[test]
fn glued_self_evaluation_weight_and_score_run_together() {
    let doc = "\
项目支出绩效自评表
项目名称设备购置
一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施
产出指标数量指标购置办公桌椅20件20件1515购置档案柜10件10件1510质量指标设备验收质量合格合格2018
";
    let want = "\
D - | - | -
P 设备购置 | unit - | - - | goals 
  产出指标|数量指标|购置办公桌椅|-|20件|- || 20件|15|15
  产出指标|数量指标|购置档案柜|-|10件|- || 10件|15|10
  产出指标|质量指标|设备验收质量|-|合格|- || 合格|20|18
";
    assert_eq!(render(doc), want);
}

/// A glued 自评表 that prints the template's unfilled numbered rows (`指标1:`, `指标2:`)
/// between its level names (`…指标2:时效指标指标1:指标2:成本指标…`): empty cells, no part of
/// the level after them, and the level 1 above goes on.
#[test]
fn glued_template_placeholders_between_levels() {
    let doc = "\
项目支出绩效自评表
项目名称设备购置
一级指标二级指标三级指标年度指标值实际完成值分值得分
产出指标数量指标购置办公桌椅20件20件3030指标2:时效指标指标1:指标2:成本指标设备购置成本2万元2万元2018指标2:
";
    let want = "\
D - | - | -
P 设备购置 | unit - | - - | goals 
  产出指标|数量指标|购置办公桌椅|-|20件|- || 20件|30|30
  产出指标|成本指标|设备购置成本|-|2万元|- || 2万元|20|18
";
    assert_eq!(render(doc), want);
}

/// A glued 自评表 whose last level prints an unfilled numbered row right before the total
/// row (`…100%100%2020指标2:总分10098项目名称…`): the total ends the table, and the next
/// form (another project's) starts after it.
#[test]
fn glued_placeholder_before_the_total_row() {
    let doc = "\
项目支出绩效自评表
项目名称设备购置项目资金(万元)年度资金总额30其中:当年财政拨款30一级指标二级指标三级指标年度指标值实际完成值分值得分满意度指标服务对象满意度指标演出人员满意度100%100%2020指标2:总分10098项目名称演员培训项目资金(万元)年度资金总额40其中:当年财政拨款40一级指标二级指标三级指标年度指标值实际完成值分值得分产出指标数量指标培训人次50人次50人次1010
";
    let want = "\
D - | - | -
P 设备购置 | unit - | 30 30 | goals 
  满意度指标|服务对象满意度指标|演出人员满意度|-|100%|- || 100%|20|20
P 演员培训 | unit - | 40 40 | goals 
  产出指标|数量指标|培训人次|-|50人次|- || 50人次|10|10
";
    assert_eq!(render(doc), want);
}

/// A table printed one cell per line whose template rows were left unfilled (`指标2` on a
/// line of its own, no name, no value): no indicator.
#[test]
fn unfilled_template_rows_one_cell_per_line() {
    let doc = "\
项目支出绩效自评表
项目名称
设备购置
一级指标
二级指标
三级指标
年度指标值
实际完成值
分值
得分
产出指标
数量指标
指标1购置桌椅
20
20
10
10
指标2
效益指标
社会效益指标
指标1学校发展能力
100
100
10
9
指标2
";
    let want = "\
D - | - | -
P 设备购置 | unit - | - - | goals 
  产出指标|数量指标|指标1购置桌椅|-|20|- || 20|10|10
  效益指标|社会效益指标|指标1学校发展能力|-|100|- || 100|10|9
";
    assert_eq!(render(doc), want);
}

/// A 自评表 printed one cell per line whose 偏差原因 cell holds sentences with a figure
/// (`已完工,剩余3%尾款未付,…。提高预算准确度。`): the line is one cell, not rows of its own.
#[test]
fn deviation_sentences_one_cell_per_line() {
    let doc = "\
项目支出绩效自评表
项目名称
校舍维修
一级指标
二级指标
三级指标
年度指标值
实际完成值
分值
得分
偏差原因分析及改进措施
产出指标
数量指标
维修资金金额
43.2
37.24
10
9
已完工,剩余3%尾款未付,且最高限价低于预算金额。提高预算准确度。
质量指标
工程验收合格率
100
100
10
10
";
    let want = "\
D - | - | -
P 校舍维修 | unit - | - - | goals 
  产出指标|数量指标|维修资金金额|-|43.2|- || 37.24|10|9
  产出指标|质量指标|工程验收合格率|-|100|- || 100|10|10
";
    assert_eq!(render(doc), want);
}

/// A 自评表 in lines whose cells are split by single spaces, a value in words holding a
/// comma (`本着节约的原则,控制在预算中。`): the comma is inside the cell, not between a name
/// and its value.
#[test]
fn spaced_row_value_with_a_comma() {
    let doc = "\
项目支出绩效自评表
项目名称 文物保护
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分
产出指标 数量指标 修缮建筑面积 6000平方米 6000平方米 7 7
成本指标 项目成本控制在预算内 本着节约的原则,控制在预算中。 100% 5 5
";
    let want = "\
D - | - | -
P 文物保护 | unit - | - - | goals 
  产出指标|数量指标|修缮建筑面积|-|6000平方米|- || 6000平方米|7|7
  产出指标|成本指标|项目成本控制在预算内|-|本着节约的原则,控制在预算中。|- || 100%|5|5
";
    assert_eq!(render(doc), want);
}

/// A 自评表 in pipe rows whose last row is cut after its 分值 (the page ends): printed from
/// its level-1 name, the row's missing cells are its last ones (`95` the 实际完成值, `10` the
/// 分值, no 得分), not merged cells before it.
#[test]
fn pipe_self_evaluation_last_row_cut() {
    let doc = "\
项目名称 | 执法补助经费 |
| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
| 产出指标 | 数量指标 | 执法巡查次数 | ≥ | 12 | 次 | 12 | 30.00 | 30.00 | |
| 效益指标 | 社会效益指标 | 违法行为制止率 | ≥ | 95 | % | 95 | 30.00 | 27.00 | |
| 满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥ | 95 | % | 95 | 10.00 |
";
    let want = "\
D - | - | -
P 执法补助经费 | unit - | - - | goals 
  产出指标|数量指标|执法巡查次数|-|≥12次|- || 12|30|30
  效益指标|社会效益指标|违法行为制止率|-|≥95%|- || 95|30|27
  满意度指标|服务对象满意度指标|群众满意度|-|≥95%|- || 95|10|-
";
    assert_eq!(render(doc), want);
}

/// A glued 自评表 without 分值 whose one-character values are copied into 年度指标值 and
/// 全年完成值 right after the name (`…变质比例00`, `…安全性高高`): name, target, actual.
#[test]
fn glued_one_character_values_copied() {
    let doc = "\
专项资金绩效目标自评表
专项资金名称粮食储备
一级指标二级指标三级指标年度指标值全年完成值未完成原因和改进措施
产出指标数量指标储备粮到位率100%100%质量指标库存粮食明显变质比例00效益指标可持续影响指标储备设备维护及安全性高高满意度指标服务对象满意度指标市民满意度90%95%
";
    let want = "\
D - | - | -
P 粮食储备 | unit - | - - | goals 
  产出指标|数量指标|储备粮到位率|-|100%|- || 100%|-|-
  产出指标|质量指标|库存粮食明显变质比例|-|0|- || 0|-|-
  效益指标|可持续影响指标|储备设备维护及安全性|-|高|- || 高|-|-
  满意度指标|服务对象满意度指标|市民满意度|-|90%|- || 95%|-|-
";
    assert_eq!(render(doc), want);
}

/// A table cut by the excerpt's end inside its last row: the row's levels and the first
/// characters of its name (`成本指标 | 气`), printed before any value. That lone text is the
/// name, whatever the layout (pipes, lines of space-separated cells, one cell per line); a
/// lone value there (`95%`) stays a value.
#[test]
fn last_row_cut_after_its_levels() {
    let pipes = "\
项目名称 | 档案库房改造 |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 灭火装置 | 10套 |
| | 时效指标 | 项目完工时间 | 2021年12月31日 |
| | 成本指标 | 气|
";
    let want = "\
D - | - | 2021
P 档案库房改造 | unit - | - - | goals 
  产出指标|数量指标|灭火装置|-|10套|-
  产出指标|时效指标|项目完工时间|-|2021年12月31日|-
  产出指标|成本指标|岗位|-|-|-
";
    assert_eq!(render(&pipes.replace("气", "岗位")), want);
    let spaces = "\
项目名称 电影放映补助
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分
产出指标 数量指标 放映设备数量 ≥5套 5套 20 20
效益指标 经济效益指标 影院营业收入 ≥150万元 188.6万元 5 5
社会效益指标 满
";
    let want = "\
D - | - | -
P 电影放映补助 | unit - | - - | goals 
  产出指标|数量指标|放映设备数量|-|≥5套|- || 5套|20|20
  效益指标|经济效益指标|影院营业收入|-|≥150万元|- || 188.6万元|5|5
  效益指标|社会效益指标|满|-|-|-
";
    assert_eq!(render(spaces), want);
    let value = "\
项目名称 | 档案库房改造 |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 灭火装置 | 10套 |
| | 质量指标 | 95% |
";
    let want = "\
D - | - | -
P 档案库房改造 | unit - | - - | goals 
  产出指标|数量指标|灭火装置|-|10套|-
  产出指标|质量指标|-|-|95%|-
";
    assert_eq!(render(value), want);
}

/// A transfer's target table with one value column per place it pays (`指标解释 | 指标方向 |
/// 西坪镇尧山村 | 桃舟乡吾培村`): the first place's value is the target, with the
/// direction's sign; the other places' values are read past, in cells one per line and in
/// glued text, where the places' equal values run together (`≤100%100%`, `≥11`).
#[test]
fn one_value_column_per_place() {
    let cells = "\
项目名称 |
小型水利专项资金 |
绩效 指标 |
一级指标 |
二级指标 |
三级指标 |
指 标 解 释 |
西坪镇尧山村 |
桃舟乡吾培村 |
芦田镇三洋村 |
|
产出 指标 |
数量指标 |
开展小型水利工程建设(个) |
反映小型水利工程建设项目开展情况 |
1 |
1 |
1 |
||
时效指标 |
工程完工率 |
反映工程完工情况 |
100% |
100% |
100% |
";
    let want = "\
D - | - | -
P 小型水利专项资金 | unit - | - - | goals 
  产出 指标|数量指标|开展小型水利工程建设(个)|反映小型水利工程建设项目开展情况|1|-
  产出 指标|时效指标|工程完工率|反映工程完工情况|100%|-
";
    assert_eq!(render(cells), want);
    let glued = "\
项目名称水毁修复专项资金绩效指标一级指标二级指标三级指标指标解释指标方向笏石街道办埭头镇成本指标经济成本指标成本控制率(%)反映成本控制情况≤100%100%产出指标数量指标开展修复工程(个)反映修复项目开展情况≥11
";
    let want = "\
D - | - | -
P 水毁修复专项资金 | unit - | - - | goals 
  成本指标|经济成本指标|成本控制率(%)|反映成本控制情况|≤100%|-
  产出指标|数量指标|开展修复工程(个)|反映修复项目开展情况|≥1|-
";
    assert_eq!(render(glued), want);
}

#[test]
fn place_columns_counted() {
    use super::form::place_columns_for_test as p;
    assert_eq!(p("西坪镇尧山村"), 1);
    assert_eq!(p("笏石街道办埭头镇"), 2);
    assert_eq!(p("西坪镇尧山村桃舟乡吾培村"), 2);
    assert_eq!(p("指标值"), 0);
    assert_eq!(p("备注"), 0);
    assert_eq!(p("2021年"), 0);
}

/// A cost indicator named after the sum it watches (`项目计划总投资`, a word that labels a
/// form's funds elsewhere) in a glued 自评表 row with its 分值 before the values: the name,
/// then 10 | 20万元 | 20万元 | 10, not a name that swallowed the weight.
#[test]
fn glued_cost_indicator_named_like_a_funds_label() {
    let doc = "\
绩效目标自评表(2022年度)项目名称小型水库水标尺制作安装绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及拟采取的改进措施产出指标(70分)数量指标安装坡面水标尺10≥266米≥266米10成本指标项目计划总投资1020万元20万元10效益指标(20分)社会效益指标群众生产生活条件改善状况10显著提升显著提升10
";
    let want = "\
D - | - | 2022
P 小型水库水标尺制作安装 | unit - | - - | goals 
  产出指标(70分)|数量指标|安装坡面水标尺|-|≥266米|- || ≥266米|10|10
  产出指标(70分)|成本指标|项目计划总投资|-|20万元|- || 20万元|10|10
  效益指标(20分)|社会效益指标|群众生产生活条件改善状况|-|显著提升|- || 显著提升|10|10
";
    assert_eq!(render(doc), want);
}

/// A table flattened one cell per line, each cell's closing `|` on the line below it (a
/// 自评表 whose cells are sentences: `美化环境。` then `|`): cells as printed, their full
/// stops kept, one row per indicator.
#[test]
fn cells_closed_by_a_pipe_below() {
    let doc = "\
项目完成指标
|
质量指标
|
做好河道保洁服务。
|
做好河道保洁服务。
|
做好河道保洁服务。
|
效益指标
|
社会效益指标
|
美化环境。
|
美化环境。
|
美化环境。
|
满意度指标
|
满意度指标
|
辖区企业满意率达95%以上。
|
辖区企业满意率达95%以上。
|
辖区企业满意率达95%以上。
|
";
    let want = "\
D - | - | -
P - | unit - | - - | goals 
  项目完成指标|质量指标|做好河道保洁服务。|-|做好河道保洁服务。|- || 做好河道保洁服务。|-|-
  效益指标|社会效益指标|美化环境。|-|美化环境。|- || 美化环境。|-|-
  满意度指标|满意度指标|辖区企业满意率达95%以上。|-|辖区企业满意率达95%以上。|- || 辖区企业满意率达95%以上。|-|-
";
    assert_eq!(render(doc), want);
}

/// A text cut short inside a table ends with the first characters of the next row's name
/// on a line of its own, after the last complete row: the row, its name as printed (with
/// the levels carried), whether the table search left the line out (cells one per line) or
/// took it into the row above's last column (a pipe 自评表's 未完成原因). The start of a
/// level's name (`时`, `生态`) is no indicator.
#[test]
fn name_cut_at_the_text_end() {
    let pipes = "\
项目名称 | 全民健身中心项目 |
| 一级指标 | 二级指标 | 三级指标 | 指标值 | 全年实际完成值 | 未完成原因和改进措施 |
| 产出指标 | 数量指标 | 新建全民健身中心数量 | 1 | 建设中 | |||
总建
";
    let want = "\
D - | - | -
P 全民健身中心项目 | unit - | - - | goals 
  产出指标|数量指标|新建全民健身中心数量|-|1|- || 建设中|-|-
  产出指标|数量指标|总建|-|-|-
";
    assert_eq!(render(pipes), want);
    let lines = "\
项目名称
危房改造补助资金
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
重点对象危房改造户数
应改尽改

7度以上抗震设防地区
";
    let want = "\
D - | - | -
P 危房改造补助资金 | unit - | - - | goals 
  产出指标|数量指标|重点对象危房改造户数|-|应改尽改|-
  产出指标|数量指标|7度以上抗震设防地区|-|-|-
";
    assert_eq!(render(lines), want);
    let level = lines.replace("7度以上抗震设防地区", "时");
    let want = "\
D - | - | -
P 危房改造补助资金 | unit - | - - | goals 
  产出指标|数量指标|重点对象危房改造户数|-|应改尽改|-
";
    assert_eq!(render(&level), want);
}

/// A text that ends inside a row, before the row's value (a page's excerpt): the reader says
/// where (`Document::cut_short_at`), so that no rule calls the value missing. A row whose
/// blank value cell is printed, or a text that goes on after the table, is not cut.
#[test]
fn text_ending_inside_a_row() {
    let cut_at = |text: &str| {
        let reading = read_bytes("t.txt", text.as_bytes()).expect("reads");
        let at = reading.document.cut_short_at.map(|o| o.line);
        // The user is told, at that line.
        let told = reading
            .diagnostics
            .iter()
            .find(|d| d.message.starts_with("文本在这一行指标中间结束"))
            .map(|d| d.at.line);
        assert_eq!(told, at, "{text}");
        at
    };
    let table = "\
项目名称 | 档案库房改造 |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 灭火装置 | 10套 |
| 效益指标 | 社会效益指标 | 群众安全感提升程度 |
";
    assert_eq!(cut_at(table), Some(4));
    let no_pipe = table.trim_end().trim_end_matches(['|', ' ']);
    assert_eq!(cut_at(no_pipe), Some(4));
    let blank = table.replace("提升程度 |", "提升程度 | |");
    assert_eq!(cut_at(&blank), None);
    let whole = table.replace("提升程度 |", "提升程度 | 明显提升 |");
    assert_eq!(cut_at(&whole), None);
    // One cell per line, the text ending at a name.
    let lines = "\
项目名称
危房改造补助资金
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
重点对象危房改造户数
应改尽改
效益指标
社会效益指标
农户住房安全保障率
";
    assert_eq!(cut_at(lines), Some(11));
    assert_eq!(cut_at(&format!("{lines}≥95%\n")), None);
}

/// A cost indicator's target in words (`不超预算`, `不超过预算`) glued between its name and
/// the next row's in a converted table: name | target, then the next row.
#[test]
fn glued_target_in_words_within_budget() {
    let doc = "\
项目名称办公大楼运行保障一级指标二级指标三级指标指标值产出指标成本指标成本控制率不超预算水电气消耗下降率≥5%数量指标维修次数不超过预算年度维修维护次数≥20次
";
    let want = "\
D - | - | -
P 办公大楼运行保障 | unit - | - - | goals 
  产出指标|成本指标|成本控制率|-|不超预算|-
  产出指标|成本指标|水电气消耗下降率|-|≥5%|-
  产出指标|数量指标|维修次数|-|不超过预算|-
  产出指标|数量指标|年度维修维护次数|-|≥20次|-
";
    assert_eq!(render(doc), want);
}

/// A glued 自评表 row whose deadline target and reported result run together
/// (`完成时间12月已完成`): name, target 12月, actual 已完成.
#[test]
fn glued_deadline_and_result_run_together() {
    let doc = "\
项目名称福彩系统改版升级一级指标二级指标三级指标年度指标值实际完成值偏差原因分析及改进措施产出指标数量指标系统改版升级100%100%质量指标验收合格率100%100%时效指标完成时间12月已完成
";
    let want = "\
D - | - | -
P 福彩系统改版升级 | unit - | - - | goals 
  产出指标|数量指标|系统改版升级|-|100%|- || 100%|-|-
  产出指标|质量指标|验收合格率|-|100%|- || 100%|-|-
  产出指标|时效指标|完成时间|-|12月|- || 已完成|-|-
";
    assert_eq!(render(doc), want);
}

/// `项目单位` and `项目执行单位` name the unit carrying the project, in a pipe form as in
/// glued text; in a glued sentence (`…落实到具体项目单位,并…`) the words before a comma are
/// the sentence's, no label.
#[test]
fn project_unit_labels() {
    let pipes = "\
项目名称 | 瓶改管工程 | |||
项目主管部门 | 罗湖区住房和建设局 | 项目单位 | 罗湖区南湖街道办事处 |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 改造户数 | 1000户 |
";
    let want = "\
D 罗湖区住房和建设局 | - | -
P 瓶改管工程 | unit 罗湖区南湖街道办事处 | - - | goals 
  产出指标|数量指标|改造户数|-|1000户|-
";
    assert_eq!(render(pipes), want);
    let glued = "\
街道办、财政所:现下达水利专项资金35万元,请你们尽快将资金落实到具体项目单位,并严格按照管理办法,切实管好用好水利专项资金,附件:1.资金安排表2.绩效目标表秀屿区财政局2025年9月19日附件2秀屿区2025年水利专项资金绩效目标表项目名称水利专项资金主管部门(单位)名称秀屿区水利局资金情况(万元)资金总额35其中:财政拨款35其他资金0总体目标开展2个水毁修复,绩效指标一级指标二级指标三级指标指标解释指标值产出指标数量指标开展修复工程(个)反映修复项目开展情况≥1
";
    let want = "\
D 秀屿区水利局 | - | -
P 水利专项资金 | unit - | 35 35 | goals 开展2个水毁修复,
  产出指标|数量指标|开展修复工程(个)|反映修复项目开展情况|≥1|-
";
    assert_eq!(render(glued), want);
}

/// A 自评表 header with columns no vocabulary knows between known ones (`指标赋分规则 |
/// 佐证资料`, `完成率`) and last year's value (`上年完成值`): read past, the header whole (not
/// its tail read as a row), the rows under their own columns.
#[test]
fn header_with_unknown_columns() {
    let pipes = "\
项目名称 | 调查队专项经费 |
| 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值设置依据 | 上年完成值 | 指标分值权重 | 指标赋分规则 | 佐证资料 | 指标实际完成值 | 完成率 | 指标得分 | 偏差原因分析及改进措施 |
| 产出指标 | 数量指标 | 住户数据产品 | 120人 | 计划标准 | 118人 | 20 | 完成得满分 | 台账 | 120人 | 100% | 20 | 无 |
";
    let want = "\
D - | - | -
P 调查队专项经费 | unit - | - - | goals 
  产出指标|数量指标|住户数据产品|-|120人|计划标准 || 120人|20|20
";
    assert_eq!(render(pipes), want);
}

/// `指标类型 | 指标名称 | 指标值 | 指标描述` whose 指标名称 holds level 2's names: no row
/// names an indicator, each explains its target after it; a row printing the same word as
/// target and explanation (`时效指标 | 全年 | 全年`) is target and explanation like the others.
#[test]
fn type_name_value_description_table() {
    let doc = "\
项目名称 | 绿化养护经费 |
指标类型 | 指标名称 | 指标值 | 指标描述 |
产出指标 | 数量指标 | 375万平方米 | 完成全市375万平方米的绿地养护 |
质量指标 | 100% | 达到绿化绿地全覆盖 |
时效指标 | 全年 | 全年 |
效益指标 | 社会效益指标 | 是 | 满足市民生存环境的需求 |
";
    let want = "\
D - | - | -
P 绿化养护经费 | unit - | - - | goals 
  产出指标|数量指标|-|完成全市375万平方米的绿地养护|375万平方米|-
  产出指标|质量指标|-|达到绿化绿地全覆盖|100%|-
  产出指标|时效指标|-|全年|全年|-
  效益指标|社会效益指标|-|满足市民生存环境的需求|是|-
";
    assert_eq!(render(doc), want);
}

/// A two-period table printed one cell per line whose header marks each cell's period
/// (`二级指标(长期) | 三级指标(长期) | 指标值(长期) | 二级指标(年度) | …`): each row's two halves
/// are one row (the year's recorded), and a last row cut after the long-term half records
/// what it printed.
#[test]
fn two_periods_marked_per_cell_one_per_line() {
    let doc = "\
项目名称

大型普查经费

一级指标

二级指标(长期)

三级指标(长期)

指标值(长期)

二级指标(年度)

三级指标(年度)

指标值(年度)

产出指标

数量指标

普查资料开发文章

20篇

数量指标

普查资料开发文章

6篇

产出指标

数量指标

普查员业务培
";
    let want = "\
D - | - | -
P 大型普查经费 | unit - | - - | goals 
  产出指标|数量指标|普查资料开发文章|-|6篇|-
  产出指标|数量指标|普查员业务培|-|-|-
";
    assert_eq!(render(doc), want);
}

/// 项目期 / 实施期限 / 起止时间 beside the form's other labels: the project's period as
/// printed, which the review's time rules read (a deadline after the budget year is no
/// fault of a project that runs into that year). A value that names no time is no period.
#[test]
fn the_project_period_is_read_from_its_label() {
    let period = |text: &str| {
        let reading = read_bytes("t.txt", text.as_bytes()).expect("reads");
        reading.document.projects.iter().map(|p| p.period.as_ref().map(|v| v.value.clone())).collect::<Vec<_>>()
    };
    let form = |label: &str, value: &str| {
        format!(
            "项目支出绩效目标申报表\n(2022年度)\n项目名称 | 南部水源涵养林建设项目 | |||||\n主管部门及代码 | 某区自然资源局 | 实施单位 | 某区自然资源局 | |||\n项目属性 | 新建 | {label} | {value} | |||\n项目资金 (万元) | 年度资金总额: | 6070.00 | ||||\n年度总体目标 | 实施营造林8万亩。 | |||||\n绩 效 指 标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | ||\n产出指标 | 数量指标 | 实施营造林总面积(亩) | 80000 | |||\n时效指标 | 项目完成时间 | 2023年底 | ||||\n"
        )
    };
    assert_eq!(period(&form("项目期", "2022年3月-2023年11月")), [Some("2022年3月-2023年11月".to_string())]);
    assert_eq!(period(&form("项目支出实施期", "3年")), [Some("3年".to_string())]);
    assert_eq!(period(&form("起止时间", "2022.1—2023.12")), [Some("2022.1—2023.12".to_string())]);
    assert_eq!(period(&form("项目期", "02 经常性项目")), [None]);
}

/// Glued rows whose level 2 is printed short, without its `指标` (`产出数量`, `经济效益`),
/// right after the level 1 or opening the row: the level 2's cell, not the start of the
/// indicator's name.
#[test]
fn glued_short_level_two_names() {
    let doc = "\
项目支出绩效目标表
项目名称护工培训
一级指标二级指标三级指标指标值
产出指标产出数量完成护工培训任务12500名
产出质量培训合格率≥90%
效益指标经济效益减轻参训人员经济负担有效减轻
社会效益培训带动就业人数≥200人
";
    let want = "\
D - | - | -
P 护工培训 | unit - | - - | goals 
  产出指标|产出数量|完成护工培训任务|-|12500名|-
  产出指标|产出质量|培训合格率|-|≥90%|-
  效益指标|经济效益|减轻参训人员经济负担|-|有效减轻|-
  效益指标|社会效益|培训带动就业人数|-|≥200人|-
";
    assert_eq!(render(doc), want);
}

/// A level's template note one space after its name in glued rows
/// (`数量指标 (必填硬性指标)实施…`): the level's, as printed, not the start of the name.
#[test]
fn glued_level_note_after_a_space() {
    let doc = "\
项目支出绩效目标表
项目名称 南部水源涵养林建设项目
一级指标二级指标三级指标指标值
产出指标数量指标 (必填硬性指标)实施营造林总面积(亩)80000
质量指标 (必填)苗木成活率85%
";
    let want = "\
D - | - | -
P 南部水源涵养林建设项目 | unit - | - - | goals 
  产出指标|数量指标 (必填硬性指标)|实施营造林总面积(亩)|-|80000|-
  产出指标|质量指标 (必填)|苗木成活率|-|85%|-
";
    assert_eq!(render(doc), want);
}

/// A glued self-evaluation row whose actual repeats the target's figure (met as planned),
/// then the 分值 and the 得分, all run together: `≧735人次7351010`, `≤441010`.
#[test]
fn glued_actual_repeating_the_target_then_scores() {
    let doc = "\
项目支出绩效自评表
项目名称 营养改善计划
一级指标二级指标三级指标年度指标值实际完成值分值得分
产出指标数量指标受益学生人数≧735人次7351010
质量指标营养改善计划覆盖率≧100%100%1010
时效指标资金到位率≤441010
";
    let want = "\
D - | - | -
P 营养改善计划 | unit - | - - | goals 
  产出指标|数量指标|受益学生人数|-|≧735人次|- || 735|10|10
  产出指标|质量指标|营养改善计划覆盖率|-|≧100%|- || 100%|10|10
  产出指标|时效指标|资金到位率|-|≤4|- || 4|10|10
";
    assert_eq!(render(doc), want);
}

/// A glued row that opens with its level names and holds an explanation's sentence (`…经费
/// ≤70万元反映…经费。`), no clause: a row of cells, cut as glued cells are, not running prose
/// cut at level names only.
#[test]
fn glued_row_with_an_explanation_sentence() {
    let doc = "\
项目支出绩效目标表
项目名称 卫生监督执法专项
一级指标二级指标三级指标指标值类型目标值度量单位指标值内容
成本指标经济成本指标疾病预防控制中心经费≤70万元反映疾病预防控制中心经费。
社会成本指标实施项目对社会产生的不利影响定性减少反映实施项目对社会产生的不利影响。
";
    let want = "\
D - | - | -
P 卫生监督执法专项 | unit - | - - | goals 
  成本指标|经济成本指标|疾病预防控制中心经费|反映疾病预防控制中心经费。|≤70万元|-
  成本指标|社会成本指标|实施项目对社会产生的不利影响|反映实施项目对社会产生的不利影响。|减少|-
";
    assert_eq!(render(doc), want);
}

/// `=116人该指标值数据合理`: an explanation opening `该指标…` glued after the value is the
/// 指标值说明's, whose words (`指标值`) are no column header.
#[test]
fn glued_explanation_opening_with_the_indicator() {
    let doc = "\
项目支出绩效目标表
项目名称 林业人员经费
一级指标二级指标三级指标计算符号目标值度量单位指标值说明
产出指标数量指标保障在职职工人数(人)=116人该指标值数据合理
保障退休职工人数(人)=81人该指标值数据合理
质量指标工资发放准确性(%)≥95%该指标值数据合理
";
    let want = "\
D - | - | -
P 林业人员经费 | unit - | - - | goals 
  产出指标|数量指标|保障在职职工人数(人)|该指标值数据合理|=116人|-
  产出指标|数量指标|保障退休职工人数(人)|该指标值数据合理|=81人|-
  产出指标|质量指标|工资发放准确性(%)|该指标值数据合理|≥95%|-
";
    assert_eq!(render(doc), want);
}

/// A spaced table's last row cut after its name at the text's end (`成本指标  基本支出`): 基本
/// naming a kind of money is a name (`基本支出`), not the qualitative value `基本…`.
#[test]
fn spaced_last_row_cut_after_a_money_name() {
    let doc = "\
项目支出绩效目标表
项目名称 人员经费
一级指标 二级指标 三级指标 指标解释 目标值
产出指标 数量指标 保障在职人员 100% 100%
时效指标 项目完成时间 2019年12月 100%
成本指标  基本支出 
";
    let want = "\
D - | - | -
P 人员经费 | unit - | - - | goals 
  产出指标|数量指标|保障在职人员|100%|100%|-
  产出指标|时效指标|项目完成时间|2019年12月|100%|-
  产出指标|成本指标|基本支出|-|-|-
";
    assert_eq!(render(doc), want);
}

/// A spaced row whose name is numbered like a top-level heading (`二、田间试验    ≧15组    15组
/// 15`): its cells make it a row of the table, not a section heading ending it.
#[test]
fn spaced_row_named_like_a_heading() {
    let doc = "\
2022年度项目支出绩效自评表
项目名称    化肥减量增效示范县项目
一级指标    二级指标    三级指标    年度指标值    全年完成值    指标得分    偏差原因分析
产出指标    数量指标    一、示范区建立    ≧20000亩    20000亩    15    —
1、施用配方肥    ≧18500亩    18500亩    5    —
二、化肥减量增效田间试验    ≧15组    15组    15    —
1、肥料利用率    ≧5组    5组    5    —
";
    let want = "\
D - | - | 2022
P 化肥减量增效示范县项目 | unit - | - - | goals 
  产出指标|数量指标|一、示范区建立|-|≧20000亩|- || 20000亩|-|15
  产出指标|数量指标|1、施用配方肥|-|≧18500亩|- || 18500亩|-|5
  产出指标|数量指标|二、化肥减量增效田间试验|-|≧15组|- || 15组|-|15
  产出指标|数量指标|1、肥料利用率|-|≧5组|- || 5组|-|5
";
    assert_eq!(render(doc), want);
}

/// The template's `等` after a level's name (`服务对象满意度指标等`), one cell per line: the
/// level's, as printed, not the start of the next indicator's name.
#[test]
fn level_name_with_the_templates_etc_one_cell_per_line() {
    let doc = "\
项目支出绩效目标表
项目名称
营养改善计划
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
受益学生人数
≧735人
满意度指标
服务对象满意度指标等
学生满意度
≧95%
家长满意度
≧95%
";
    let want = "\
D - | - | -
P 营养改善计划 | unit - | - - | goals 
  产出指标|数量指标|受益学生人数|-|≧735人|-
  满意度指标|服务对象满意度指标等|学生满意度|-|≧95%|-
  满意度指标|服务对象满意度指标等|家长满意度|-|≧95%|-
";
    assert_eq!(render(doc), want);
}

/// Glued rows with a 评（扣）分标准 column (`…90%得10分,每减少1%扣1分`): the scoring rule, from
/// its threshold or its `按…` to its last points, is one cell read past; its figures make no
/// value and no row.
#[test]
fn glued_scoring_rules_read_past() {
    let doc = "\
项目支出绩效目标表
项目名称 学生伙食费
一级指标二级指标三级指标指标值指标值内容评(扣)分标准
质量指标伙食补助发放率90%以上实际发放金额/应发放金额100%得10分,每减少1%扣1分
时效指标任务完成时间2023年12月31日反映该项目完成时间按期完成得10分,每超出10天扣1分
效益指标社会效益指标残疾学生入学率大于90%适龄学生入学情况90%得10分,每减少1%扣1分
";
    let want = "\
D - | - | 2023
P 学生伙食费 | unit - | - - | goals 
  产出指标|质量指标|伙食补助发放率|实际发放金额/应发放金额|90%以上|-
  产出指标|时效指标|任务完成时间|反映该项目完成时间|2023年12月31日|-
  效益指标|社会效益指标|残疾学生入学率|适龄学生入学情况|大于90%|-
";
    assert_eq!(render(doc), want);
}

/// A level's points with a conversion's spaces in glued rows (`效益指标 (40 分)社会效益指标…`,
/// `产出指标(60 分)`): the level's, as printed, not a value in brackets or a name's start.
#[test]
fn glued_level_points_with_spaces() {
    let doc = "\
项目支出绩效目标表
项目名称 服务贸易发展资金
一级指标二级指标三级指标指标值
产出指标(60 分)数量指标支持服务外包企业数量≥3家
效益指标 (40 分)社会效益指标带动就业人数≥200人
";
    let want = "\
D - | - | -
P 服务贸易发展资金 | unit - | - - | goals 
  产出指标(60 分)|数量指标|支持服务外包企业数量|-|≥3家|-
  效益指标 (40 分)|社会效益指标|带动就业人数|-|≥200人|-
";
    assert_eq!(render(doc), want);
}

/// Glued rows whose name ends with its unit in brackets (`覆盖率（%）`), then its explanation:
/// the name ends there, as after `…率` alone.
#[test]
fn glued_name_with_its_unit_then_explanation() {
    let doc = "\
项目支出绩效目标表
项目名称 安全生产执法经费
一级指标二级指标三级指标指标解释指标值
产出指标数量指标执法检查覆盖率（%）执法检查量占应覆盖对象数量的比率≥90%
物资储备覆盖率（%）物资量占应覆盖对象数量的比率≥95%
";
    let want = "\
D - | - | -
P 安全生产执法经费 | unit - | - - | goals 
  产出指标|数量指标|执法检查覆盖率（%）|执法检查量占应覆盖对象数量的比率|≥90%|-
  产出指标|数量指标|物资储备覆盖率（%）|物资量占应覆盖对象数量的比率|≥95%|-
";
    assert_eq!(render(doc), want);
}
