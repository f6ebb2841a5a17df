//! 完整性：缺少的一级/二级指标、目标、指标、预算、依据、资金用途，空单元格，类别名充当指标名。

use jixiao_model::{Framework, Indicator, Level1, Level2, Origin, Project};
use jixiao_rules::Rule;

use crate::rules::{row_list, RowText};
use crate::{at, quote, Ctx};

pub(crate) fn document(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let n = doc.projects.len();
    let first = doc.projects.first().map_or(Origin::default(), |p| p.at);
    let scope = format!("本文档全部{n}个项目");
    if n > 0 && !ctx.layout.budget {
        ctx.emit(
            Rule::C005,
            at(None, None, first, Some("预算数")),
            &[("scope", &scope)],
            vec![],
        );
    }
    let has_rows = doc.projects.iter().any(|p| !p.indicators.is_empty());
    // A layout that prints no basis column (a 公开表) lacks no basis.
    if has_rows && !ctx.layout.basis && !ctx.layout.basis_known {
        ctx.emit(
            Rule::C006,
            at(None, None, first, Some("指标值确定依据")),
            &[("scope", &scope)],
            vec![],
        );
    }
}

pub(crate) fn project(ctx: &mut Ctx, pi: usize, p: &Project, texts: &[RowText]) {
    let here = at(Some(pi), None, p.at, None);
    // A self-evaluation (自评表: its rows print what was achieved) is reviewed for its results
    // and scores (the JX-E rules); the goal is the target table's, checked there. Many of its
    // forms print no goal text at all (the indicator table headed 年度绩效目标).
    let self_evaluation = p.evaluation.is_some() || p.indicators.iter().any(|i| i.evaluation.is_some());
    if p.goals.is_empty() && !self_evaluation {
        ctx.emit(
            Rule::C003,
            at(Some(pi), None, p.at, Some("绩效目标")),
            &[],
            vec![],
        );
    }
    if p.indicators.is_empty() {
        ctx.emit(
            Rule::C004,
            at(Some(pi), None, p.at, Some("绩效指标")),
            &[],
            vec![],
        );
        return;
    }
    if ctx.layout.budget && p.budget.total.is_none() && p.budget.fiscal.is_none() {
        ctx.emit(
            Rule::C005,
            at(Some(pi), None, p.at, Some("预算数")),
            &[("scope", "项目")],
            vec![],
        );
    }
    if ctx.layout.purpose && p.purpose.is_none() {
        ctx.emit(
            Rule::C010,
            at(Some(pi), None, p.at, Some("资金用途")),
            &[],
            vec![],
        );
    }
    levels(ctx, pi, p, here.clone());
    let project_has_basis = p.indicators.iter().any(|i| i.basis.is_some());
    if ctx.layout.basis && !project_has_basis {
        ctx.emit(
            Rule::C006,
            at(Some(pi), None, p.at, Some("指标值确定依据")),
            &[("scope", "本项目")],
            vec![],
        );
    }
    type EmptyCell = fn(&RowText) -> bool;
    let columns: [(&str, bool, EmptyCell); 3] = [
        // A row with neither a name nor a value (a template's `……` left in place) is an
        // unused row, not an indicator whose name is missing.
        ("三级指标", true, |t| {
            t.level3.is_empty() && t.target.as_deref().is_some_and(|v| v.chars().any(char::is_alphanumeric))
        }),
        ("指标描述", ctx.layout.description, |t| {
            t.description.as_ref().is_none_or(|d| d.is_empty())
        }),
        (
            "指标值确定依据",
            ctx.layout.basis && project_has_basis,
            |t| t.basis_empty,
        ),
    ];
    for (field, applies, empty) in columns {
        if !applies {
            continue;
        }
        let rows: Vec<usize> = texts
            .iter()
            .enumerate()
            .filter(|(_, t)| empty(t))
            .map(|(r, _)| r + 1)
            .collect();
        if let Some(&first) = rows.first() {
            let origin = p.indicators[first - 1].at;
            ctx.emit(
                Rule::C007,
                at(Some(pi), Some(first), origin, Some(field)),
                &[
                    ("count", &rows.len().to_string()),
                    ("field", field),
                    ("rows", &row_list(&rows)),
                ],
                vec![],
            );
        }
    }
}

/// The 中央预算内投资 (以工代赈) form of the 发展改革委: its 一级指标 are 实施效果指标 and
/// 过程管理指标, and 产出 / 效益 / 满意度 stand one level lower. Its tree is complete in its
/// own terms, which the general categories do not describe.
fn investment_form(p: &Project) -> bool {
    p.indicators.iter().any(|i| {
        let l1 = crate::text::clean(&i.level1.printed.value);
        l1.starts_with("实施效果") || l1.starts_with("过程管理")
    })
}

/// A 人员类 project: it pays wages, allowances or social insurance for the unit's own staff
/// (`工资性支出`, `社保缴费`). Such spending is fixed by the payroll, not by what it delivers, and
/// provinces give it a short common indicator set (四川's 人员类项目: 发放(缴纳)覆盖率,
/// 足额保障率(参保率), 按时发放率, 科目调整次数, 结余率) with no 满意度, 质量 or 成本 to ask for;
/// both labellers called C001/C002 on such tables pedantic
/// (tests/fixtures/review-precision). Known by its name, or by the common set's own rows when
/// the name is not printed.
fn personnel_project(p: &Project) -> bool {
    // The unit's own payroll, not programmes that carry the same words
    // (`城乡居民基本养老保险补助`, `农民工工资专户监管` are programmes with beneficiaries).
    const NAME_WORDS: &[&str] = &[
        "工资性", "工资福利", "人员工资", "职工工资", "基本工资", "绩效工资", "津补贴", "津贴补贴",
        "人员经费", "人员支出", "职业年金", "住房公积金", "离退休费", "社保缴费", "社会保险缴费",
        "社会保险费", "养老保险缴费", "医疗保险缴费",
    ];
    const COMMON_ROWS: &[&str] = &["足额保障率", "发放(缴纳)覆盖率", "发放覆盖率", "缴纳覆盖率", "按时发放率"];
    let name = crate::text::clean(&p.name.value);
    NAME_WORDS.iter().any(|w| name.contains(w))
        || p.indicators.iter().any(|i| {
            let l3 = crate::text::clean(i.level3_text());
            COMMON_ROWS.iter().any(|w| l3.starts_with(w))
        })
}

/// Words of the standard categories: a printed category name holding one (`社会、经济、生态
/// 效益指标`, `预期产出指标`) is understood, only worded its own way.
const CATEGORY_WORDS: &[&str] = &["产出", "效益", "效果", "满意度", "成本", "数量", "质量", "时效", "可持续"];

/// C001/C002/C011: the categories a project's table covers.
fn levels(ctx: &mut Ctx, pi: usize, p: &Project, here: crate::Location) {
    let fw = ctx.framework;
    let investment = investment_form(p);
    let personnel = personnel_project(p);
    let mut present: Vec<Level1> = p
        .indicators
        .iter()
        .filter_map(|i| {
            if investment {
                Level1::from_level_cell(&i.level2.printed.value)
            } else {
                i.level1_category(fw)
            }
        })
        .collect();
    // A satisfaction row filed under another level (R007 says so) is not a missing level.
    if p.indicators
        .iter()
        .any(|i| crate::text::is_satisfaction_name(i.level3_text()))
    {
        present.push(Level1::Satisfaction);
    }
    let mut required = vec![Level1::Output, Level1::Benefit, Level1::Satisfaction];
    if personnel {
        required.pop();
    } else if fw == Framework::Guideline2021 {
        required.insert(1, Level1::Cost);
    }
    // A table the text's end cuts short (`Document::cut_short_at`) may print the levels after
    // the cut row's: only those before it can be called missing.
    let cut_level = ctx
        .doc
        .cut_short_at
        .and_then(|_| p.indicators.iter().find(|i| ctx.doc.is_cut_short(i)))
        .map(|i| i.level1_category(fw));
    const ORDER: [Level1; 4] = [Level1::Output, Level1::Cost, Level1::Benefit, Level1::Satisfaction];
    let before_cut = |l: &Level1| match cut_level {
        None => true,
        Some(None) => false,
        Some(Some(c)) => {
            ORDER.iter().position(|o| o == l) < ORDER.iter().position(|o| *o == c)
        }
    };
    let missing: Vec<&str> = required
        .iter()
        .filter(|l| !present.contains(l) && before_cut(l))
        .map(|l| l.name())
        .collect();
    if !missing.is_empty() {
        ctx.emit(
            Rule::C001,
            here.clone(),
            &[("missing", &missing.join("、"))],
            vec![],
        );
    }
    // The output levels after a cut inside 产出 were never in the text.
    let cut_in_output = cut_level.is_some_and(|c| c.is_none_or(|c| c == Level1::Output));
    if present.contains(&Level1::Output) && !investment && !personnel && !cut_in_output {
        let outputs = || p.indicators.iter().filter(|i| i.level1_category(fw) == Some(Level1::Output));
        let mut output_level2: Vec<Level2> = outputs().filter_map(|i| i.level2.category).collect();
        let mut required = vec![Level2::Quantity, Level2::Quality, Level2::Timeliness];
        if fw == Framework::Classic {
            required.push(Level2::Cost);
        }
        // Only when the printed levels leave one missing: the rows' own words (hot path).
        if required.iter().any(|l| !output_level2.contains(l)) {
            output_level2.extend(outputs().filter_map(crate::rules::levels::output_level2_by_name));
        }
        let missing: Vec<&str> = required
            .iter()
            .filter(|l| !output_level2.contains(l))
            .map(|l| l.name())
            .collect();
        if !missing.is_empty() {
            ctx.emit(
                Rule::C002,
                here.clone(),
                &[("level1", "产出指标"), ("missing", &missing.join("、"))],
                vec![],
            );
        }
    }
    // C011: each unknown printed category once per project.
    let mut seen: Vec<String> = Vec::new();
    for (r, i) in p.indicators.iter().enumerate() {
        let unknown = [
            (
                "一级指标",
                i.level1.category.is_none(),
                &i.level1.printed,
                "产出指标、效益指标、满意度指标",
            ),
            (
                "二级指标",
                i.level2.category.is_none(),
                &i.level2.printed,
                "数量指标、质量指标、社会效益指标、服务对象满意度指标",
            ),
        ];
        for (level, is_unknown, printed, expected) in unknown {
            if !is_unknown {
                continue;
            }
            let text = crate::text::clean(&printed.value).into_owned();
            if text.is_empty()
                || seen.contains(&text)
                || investment
                || CATEGORY_WORDS.iter().any(|w| text.contains(w))
            {
                continue;
            }
            seen.push(text.clone());
            ctx.emit(
                Rule::C011,
                at(Some(pi), Some(r + 1), printed.at, Some(level)),
                &[("level", level), ("printed", &text), ("expected", expected)],
                vec![quote(level, text.clone())],
            );
        }
    }
}

pub(crate) fn row(ctx: &mut Ctx, pi: Option<usize>, row: usize, ind: &Indicator, t: &RowText) {
    if let (Some(l3), true) = (&ind.level3, t.is_category) {
        ctx.emit(
            Rule::C009,
            at(pi, Some(row), l3.at, Some("三级指标")),
            &[("level3", &*t.level3)],
            vec![quote("三级指标", t.level3.clone())],
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;
    use jixiao_rules::Rule;

    #[test]
    fn c001_missing_level1() {
        let mut d = doc(vec![good_project()]);
        assert_none(&d, Rule::C001);
        d.projects[0]
            .indicators
            .retain(|i| i.level1.printed.value != "满意度指标");
        assert_found(&d, Rule::C001, 1, None, "满意度指标");
    }

    /// A table the text's end cuts inside a row: the levels after the cut row's may follow in
    /// the published document, those before it may not.
    #[test]
    fn c001_c002_only_before_the_cut() {
        let cut_at = |d: &mut jixiao_model::Document, level1: &str| {
            let i = d.projects[0]
                .indicators
                .iter()
                .rposition(|i| i.level1.printed.value == level1)
                .expect("a row of that level");
            d.projects[0].indicators.truncate(i + 1);
            d.projects[0].indicators[i].at = jixiao_model::Origin::line(99);
            d.projects[0].indicators[i].target = None;
            d.cut_short_at = Some(jixiao_model::Origin::line(99));
        };
        // Cut inside 产出: neither the levels after it nor 产出's own second levels are missing.
        let mut d = doc(vec![good_project()]);
        d.projects[0].indicators.retain(|i| i.level2.printed.value != "时效指标");
        cut_at(&mut d, "产出指标");
        assert_none(&d, Rule::C001);
        assert_none(&d, Rule::C002);
        // Cut inside 效益 with no 产出 before it: 产出 is missing, 满意度 may follow.
        let mut d = doc(vec![good_project()]);
        d.projects[0].indicators.retain(|i| i.level1.printed.value != "产出指标");
        cut_at(&mut d, "效益指标");
        assert_found(&d, Rule::C001, 1, None, "缺少一级指标：产出指标。");
        // The same table, not cut: 满意度 is missing too.
        d.cut_short_at = None;
        assert_found(&d, Rule::C001, 1, None, "产出指标、满意度指标");
    }

    #[test]
    fn c001_a_misfiled_satisfaction_row_is_not_a_missing_level() {
        // Seed 004: 受训学员满意度 printed under 可持续影响指标.
        let mut d = doc(vec![good_project()]);
        d.projects[0].indicators[6] = ind(
            "效益指标",
            "可持续影响指标",
            "受训学员满意度 (%)",
            "满意的学员占比",
            "≥90%",
            "计划",
        );
        assert_none(&d, Rule::C001);
        assert_found(
            &d,
            Rule::R007,
            1,
            Some(7),
            "是满意度，却列在“可持续影响指标”下",
        );
    }

    /// cells_sichuan-qingshen_fagai_2023 (工资性支出), glued_sichuan-daying_shebao_undated (no
    /// name printed; 四川's 人员类 common rows): outputs and benefits, nothing else to ask for.
    #[test]
    fn c001_c002_a_personnel_project_needs_only_outputs_and_benefits() {
        let rows = || {
            vec![
                ind("产出指标", "数量指标", "发放(缴纳)覆盖率", "", "100%", ""),
                ind("效益指标", "社会效益指标", "足额保障率(参保率)", "", "100%", ""),
            ]
        };
        let mut p = good_project();
        p.name.value = "工资性支出".into();
        p.indicators = rows();
        let d = doc(vec![p]);
        assert_none(&d, Rule::C001);
        assert_none(&d, Rule::C002);
        let mut p = good_project();
        p.name.value = String::new();
        p.indicators = rows();
        assert_none(&doc(vec![p.clone()]), Rule::C002);
        // Still outputs and benefits: a payroll table with no benefit row lacks one.
        p.indicators.pop();
        assert_found(&doc(vec![p]), Rule::C001, 1, None, "效益指标");
        // A project that is not about the unit's pay still needs all of them, programmes
        // named after insurance or wages included.
        for name in ["城乡居民基本养老保险补助", "农民工工资专户监管"] {
            let mut p = good_project();
            p.name.value = name.into();
            p.indicators = vec![
                ind("产出指标", "数量指标", "参保人数", "", "≥1000人", ""),
                ind("效益指标", "社会效益指标", "待遇按时足额发放", "", "100%", ""),
            ];
            assert_found(&doc(vec![p]), Rule::C001, 1, None, "满意度指标");
        }
        let mut p = good_project();
        p.name.value = "森林防火物资购置".into();
        p.indicators = vec![
            ind("产出指标", "数量指标", "购置灭火器数量", "", "100个", ""),
            ind("效益指标", "社会效益指标", "火灾发生率", "", "≤1%", ""),
        ];
        let d = doc(vec![p]);
        assert_found(&d, Rule::C001, 1, None, "满意度指标");
        assert_found(&d, Rule::C002, 1, None, "质量指标");
    }

    #[test]
    fn c002_missing_level2() {
        let mut d = doc(vec![good_project()]);
        assert_none(&d, Rule::C002);
        d.projects[0]
            .indicators
            .retain(|i| i.level2.printed.value != "时效指标");
        assert_found(&d, Rule::C002, 1, None, "时效指标");
    }

    /// prose_hubei-jingmen_wenwu_2022: a prose list prints no second levels; its outputs are
    /// counts (巡查频次 8次, 资料数量 3个) and a quality rate (验收合格率 ≥86%): only 时效 and 成本
    /// are missing. prose_ningxia-tongxin-xiamaguan_nongye_2023: 成活率 filed under 数量指标 is
    /// a quality measure (R007 says where it belongs), not a missing 质量指标.
    #[test]
    fn c002_reads_second_levels_from_names_where_none_is_printed() {
        let mut p = good_project();
        p.indicators = vec![
            ind("产出指标", "", "开展文物安全巡查频次", "", "8次", ""),
            ind("产出指标", "", "编制文物宣传资料数量", "", "3个", ""),
            ind("产出指标", "", "文物保护项目验收合格率", "", "≥86%", ""),
            ind("效益指标", "", "文物保护宣传覆盖人次", "", "≥20万人次", ""),
            ind("满意度指标", "", "群众满意度", "", "≥90%", ""),
        ];
        let d = doc(vec![p]);
        let r = run(&d);
        let c002: Vec<_> = r.of(Rule::C002).map(|f| f.message.clone()).collect();
        assert_eq!(c002, ["产出指标下缺少二级指标：时效指标、成本指标。"]);

        let mut d = doc(vec![good_project()]);
        d.projects[0].indicators.retain(|i| i.level2.printed.value != "质量指标");
        assert_found(&d, Rule::C002, 1, None, "质量指标");
        d.projects[0].indicators.push(ind("产出指标", "数量指标", "种植作物成活率(≥**%)", "", ">=85%", ""));
        assert_none(&d, Rule::C002);
        assert_found(&d, Rule::R007, 1, None, "“种植作物成活率(≥**%)”是反映质量的比率，却列在“数量指标”下");
    }

    #[test]
    fn c003_no_goals() {
        let mut d = doc(vec![good_project()]);
        assert_none(&d, Rule::C003);
        d.projects[0].goals.clear();
        assert_found(&d, Rule::C003, 1, None, "没有填写绩效目标");
        // A self-evaluation's rows print results: its goal is the target table's
        // (selfeval_yunnan-changning-gongxiao_shengzhu_2022 prints none).
        d.projects[0].indicators[0].evaluation = Some(jixiao_model::RowEvaluation::default());
        assert_none(&d, Rule::C003);
    }

    #[test]
    fn c004_no_indicators() {
        let mut d = doc(vec![good_project()]);
        assert_none(&d, Rule::C004);
        d.projects[0].indicators.clear();
        assert_found(&d, Rule::C004, 1, None, "没有任何绩效指标");
    }

    #[test]
    fn c005_no_budget() {
        let mut d = doc(vec![good_project(), good_project()]);
        assert_none(&d, Rule::C005);
        d.projects[1].budget.total = None;
        d.projects[1].budget.fiscal = None;
        assert_found(&d, Rule::C005, 2, None, "项目未列预算数");
        d.projects[0].budget = Default::default();
        let r = crate::review(&d, &Default::default());
        let f: Vec<_> = r.of(Rule::C005).collect();
        assert_eq!(
            f.len(),
            1,
            "one document-level finding when the layout prints no budget"
        );
        assert!(
            f[0].message.starts_with("本文档全部2个项目"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn c006_no_basis() {
        let mut d = doc(vec![good_project(), good_project()]);
        assert_none(&d, Rule::C006);
        for i in &mut d.projects[1].indicators {
            i.basis = None;
        }
        assert_found(
            &d,
            Rule::C006,
            2,
            None,
            "本项目的指标均未填写指标值确定依据",
        );
    }

    #[test]
    fn c006_only_where_the_layout_prints_a_basis() {
        // A 公开表 (seed 002) prints no basis column: no basis is missing.
        let mut d = doc(vec![good_project(), good_project()]);
        for p in &mut d.projects {
            for i in &mut p.indicators {
                i.basis = None;
                i.description = None;
            }
            p.purpose = None;
            p.spending_plan = None;
        }
        d.printed_fields = Some(jixiao_model::PrintedFields {
            budget: Some(true),
            description: Some(false),
            basis: Some(false),
            plan: Some(false),
            purpose: Some(false),
        });
        assert_none(&d, Rule::C006);
        assert_none(&d, Rule::C007);
        // A form that prints the column but leaves it empty everywhere: one finding, both
        // projects listed.
        d.printed_fields = Some(jixiao_model::PrintedFields {
            basis: Some(true),
            ..Default::default()
        });
        let r = run(&d);
        let c006: Vec<_> = r.of(Rule::C006).collect();
        assert_eq!(c006.len(), 1, "{c006:#?}");
        assert_eq!(c006[0].places(), 2);
        // Unknown layout and nothing filled in: judged at the document level, as before.
        d.printed_fields = None;
        assert_found_doc(
            &d,
            Rule::C006,
            "本文档全部2个项目的指标均未填写指标值确定依据",
        );
    }

    #[test]
    fn c007_empty_cells() {
        let mut d = doc(vec![good_project()]);
        assert_none(&d, Rule::C007);
        d.projects[0].indicators[2].description = None;
        d.projects[0].indicators[4].description = None;
        assert_found(
            &d,
            Rule::C007,
            1,
            Some(3),
            "2行指标的“指标描述”为空（第3、5行）",
        );
        // A value without a name: the name is missing.
        let mut d = doc(vec![good_project()]);
        d.projects[0].indicators[4].level3 = None;
        assert_found(&d, Rule::C007, 1, Some(5), "1行指标的“三级指标”为空（第5行）");
        // A template's `……` row (selfeval_anhui-xiaoxian-zhangzhuangzhai_nongye_2023) is an
        // unused row.
        d.projects[0].indicators[4].target = Some(jixiao_model::Located::new(
            jixiao_model::Target::parse("……"),
            jixiao_model::Origin::default(),
        ));
        assert_none(&d, Rule::C007);
    }

    #[test]
    fn c008_empty_target() {
        let mut d = doc(vec![good_project()]);
        assert_none(&d, Rule::C008);
        d.projects[0].indicators[1].target = None;
        assert_found(&d, Rule::C008, 1, Some(2), "没有填写指标值");
        // A value published blank but for its unit is no value either.
        let mut u = doc(vec![good_project()]);
        u.projects[0].indicators[1].target = Some(jixiao_model::Located::new(
            jixiao_model::Target::parse("≧ %"),
            jixiao_model::Origin::default(),
        ));
        assert_found(&u, Rule::C008, 1, Some(2), "没有填写指标值");
        assert_none(&u, Rule::M005);
        // A self-evaluation report's row prints its result instead (`办理法律援助案件94件`).
        d.projects[0].indicators[1].evaluation = Some(jixiao_model::RowEvaluation {
            actual: Some(jixiao_model::Located::new(
                jixiao_model::Target::parse("94件"),
                jixiao_model::Origin::default(),
            )),
            ..Default::default()
        });
        assert_none(&d, Rule::C008);
    }

    /// A row the text's end cut short (`Document::cut_short_at`) is not judged: its value was
    /// never in the text. Another row's blank value still is.
    #[test]
    fn c008_not_on_the_row_the_text_ends_in() {
        let mut d = doc(vec![good_project()]);
        let last = d.projects[0].indicators.len() - 1;
        d.projects[0].indicators[last].target = None;
        d.projects[0].indicators[last].at = jixiao_model::Origin::line(99);
        assert_found(&d, Rule::C008, 1, Some(last + 1), "没有填写指标值");
        d.cut_short_at = Some(jixiao_model::Origin::line(99));
        assert_none(&d, Rule::C008);
        d.projects[0].indicators[1].target = None;
        assert_found(&d, Rule::C008, 1, Some(2), "没有填写指标值");
    }

    #[test]
    fn c009_category_as_level3() {
        let mut d = doc(vec![good_project()]);
        assert_none(&d, Rule::C009);
        d.projects[0].indicators[5] = ind(
            "效益指标",
            "社会效益指标",
            "社会效益指标",
            "社会效益指标",
            "增强社会影响力",
            "文件",
        );
        assert_found(&d, Rule::C009, 1, Some(6), "“社会效益指标”只是指标类别名称");
        // The description repeating it is the same problem: no separate M003.
        assert_none(&d, Rule::M003);
    }

    #[test]
    fn c010_no_purpose() {
        let mut d = doc(vec![good_project(), good_project()]);
        assert_none(&d, Rule::C010);
        d.projects[1].purpose = None;
        assert_found(&d, Rule::C010, 2, None, "未填写资金用途");
    }

    #[test]
    fn c011_unknown_category() {
        let mut d = doc(vec![good_project()]);
        assert_none(&d, Rule::C011);
        d.projects[0].indicators[0] = ind(
            "产出指标",
            "数里指标",
            "培训次数",
            "全年培训的次数",
            "≥4次",
            "计划",
        );
        assert_found(&d, Rule::C011, 1, Some(1), "二级指标“数里指标”");
    }

    #[test]
    fn c011_a_name_worded_its_own_way_is_understood() {
        // A combined benefit level (a Dongguan form), a weight glued in front by a conversion.
        let mut d = doc(vec![good_project()]);
        d.projects[0].indicators[4].level2.printed.value = "社会、经济、生态效益指标".into();
        d.projects[0].indicators[0] = ind("产出指标", "7.5数量指标", "培训次数", "", "≥4次", "");
        assert_none(&d, Rule::C011);
        assert_none(&d, Rule::C002);
    }

    #[test]
    fn the_investment_form_is_complete_in_its_own_terms() {
        // 中央预算内投资 (以工代赈): 实施效果指标 over 产出 / 效益 / 满意度, 过程管理指标 over
        // 计划管理 / 资金管理 / 项目管理 / 监督检查.
        let mut p = good_project();
        p.indicators = vec![
            ind("实施效果指标", "产出指标", "新建渠道长度", "", "≥2公里", ""),
            ind("实施效果指标", "效益指标", "带动务工人数", "", "≥50人", ""),
            ind("实施效果指标", "满意度指标", "务工群众满意度", "", "≥90%", ""),
            ind("过程管理指标", "计划管理指标", "开工及时性", "", "按时开工", ""),
            ind("过程管理指标", "资金管理指标", "劳务报酬发放率", "", "100%", ""),
        ];
        let d = doc(vec![p]);
        for rule in [Rule::C001, Rule::C002, Rule::C011] {
            assert_none(&d, rule);
        }
        // Without its 实施效果 level, the same rows lack the categories.
        let mut p = good_project();
        p.indicators = vec![ind("过程管理办法", "计划管理指标", "开工及时性", "", "按时开工", "")];
        assert_found(&doc(vec![p]), Rule::C001, 1, None, "产出指标");
    }
}
