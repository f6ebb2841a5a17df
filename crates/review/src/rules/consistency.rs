//! 一致性：绩效目标与指标值、名称中的数值与指标值、同名指标、重复行、层级归属、框架混用。

use std::rc::Rc;

use jixiao_model::{Comparison, Decimal, Indicator, Level1, Level2, Project};
use jixiao_rules::Rule;

use crate::rules::{excerpt, RowText};
use crate::text::{clean, mentions, target_amount, topic_bigrams, topic_overlap, Measure, Mention};
use crate::{at, quote, Ctx};

pub(crate) fn document(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let rows = || {
        doc.projects.iter().enumerate().flat_map(|(pi, p)| {
            p.indicators
                .iter()
                .enumerate()
                .map(move |(r, i)| (pi, r, i))
        })
    };
    let cost_level1 = rows().any(|(_, _, i)| i.level1.category == Some(Level1::Cost));
    let classic = rows().find(|(_, _, i)| {
        i.level1.category == Some(Level1::Output) && i.level2.category == Some(Level2::Cost)
    });
    if let (true, Some((pi, r, i))) = (cost_level1, classic) {
        let place = format!(
            "如项目“{}”第{}行",
            excerpt(&doc.projects[pi].name.value, 20),
            r + 1
        );
        ctx.emit(
            Rule::R006,
            at(Some(pi), Some(r + 1), i.at, Some("二级指标")),
            &[("where", &place)],
            vec![],
        );
    }
}

pub(crate) fn project<'a>(ctx: &mut Ctx<'a>, pi: usize, p: &'a Project, texts: &[RowText]) {
    goals_vs_indicators(ctx, pi, p);
    sub_goals_vs_indicators(ctx, pi, p);
    copied_goals(ctx, pi, p);
    same_names(ctx, pi, p, texts);
}

/// The clauses of a project's goals (split at Chinese and Latin punctuation), trimmed.
fn clauses(p: &Project) -> impl Iterator<Item = (&jixiao_model::Located<String>, &str)> {
    p.goals.iter().flat_map(|g| {
        g.value
            .split(['，', ',', '；', ';', '。', '！', '、'])
            .map(str::trim)
            .filter(|c| c.chars().count() >= 4)
            .map(move |c| (g, c))
    })
}

/// R008: a goal clause copied word for word from another project of the document, naming
/// that project's subject — two characters of its name printed in no other project's name,
/// not in this project's name (`提高公民安全防震意识` in 森林防火工作经费, copied from
/// 防震减灾工作经费), and nowhere else in this project's goals and indicators. All of it
/// together: shared wording alone is common (`降低安全事故发生率`), a word of another project
/// that this project uses elsewhere is its own too, and projects of much the same name (a
/// program's two years, two 宣传周 of one office: bigrams of the names shared at 40% or more)
/// may well share their goals.
fn copied_goals<'a>(ctx: &mut Ctx<'a>, pi: usize, p: &'a Project) {
    if !ctx.on(Rule::R008) || ctx.doc.projects.len() < 2 {
        return;
    }
    let doc = ctx.doc;
    let bigrams = crate::rules::cjk_bigrams;
    let names = ctx.memo.name_bigrams(&doc.projects);
    let own = bigrams(&p.name.value);
    // Each clause's bigrams once (asked of every bigram of every other clause).
    let all: Vec<(&str, Vec<(char, char)>)> = clauses(p).map(|c| (c.1, bigrams(c.1))).collect();
    let rows: Vec<(char, char)> = p.indicators.iter().flat_map(|i| bigrams(i.level3_text())).collect();
    let elsewhere = |term: (char, char), clause: &str| {
        rows.contains(&term) || all.iter().any(|(c, b)| *c != clause && b.contains(&term))
    };
    let mut reported = false;
    for (goal, clause) in clauses(p) {
        if reported {
            break;
        }
        for term in bigrams(clause) {
            // Cheapest first: a bigram of one other project's name alone.
            let Some(&Some(other)) = names.get(&term) else { continue };
            if other == pi || own.contains(&term) || elsewhere(term, clause) {
                continue;
            }
            let q = &doc.projects[other];
            if !clauses(q).any(|(_, c)| c == clause) {
                continue;
            }
            let theirs = bigrams(&q.name.value);
            let shared = own.iter().filter(|b| theirs.contains(b)).count();
            let union = own.len() + theirs.len() - shared;
            if union == 0 || shared * 10 >= union * 4 {
                continue; // names alike: the same kind of project
            }
            let term: String = [term.0, term.1].iter().collect();
            let text = excerpt(clause, 40);
            ctx.emit(
                Rule::R008,
                at(Some(pi), None, goal.at, Some("绩效目标")),
                &[("clause", &text), ("other", &q.name.value), ("term", &term), ("name", &p.name.value)],
                vec![quote("绩效目标", text.clone()), quote("项目名称", q.name.value.clone())],
            );
            reported = true;
            break;
        }
    }
}

/// A number with the same measure as the target, stated in the indicator's own name.
fn names_own_number(ind: &Indicator, m: Measure) -> bool {
    mentions(ind.level3_text()).iter().any(|x| x.measure == m)
}

/// A name ending in a timeliness rate (`及时率`, `按时完成率`…).
fn timeliness_rate_name(name: &str) -> bool {
    let core = name.trim_end_matches([')', '%', '(', '）', '（']);
    ["及时率", "按时完成率", "按期完成率", "准时率", "按时率"].iter().any(|w| core.ends_with(w))
}

/// R001: a number promised in a goal (`完成培训2次以上`) against the indicator about the same
/// thing (`地震培训次数 ≥2次`). The indicator is the one whose name shares the most of the
/// goal clause's words; nothing is reported when the match is weak or ambiguous.
fn goals_vs_indicators<'a>(ctx: &mut Ctx<'a>, pi: usize, p: &'a Project) {
    if !ctx.on(Rule::R001) {
        return;
    }
    let texts: Vec<&str> = p.goals.iter().map(|g| g.value.as_str()).collect();
    let clauses = ['，', ',', '；', ';', '。', '！'];
    promises_vs_indicators(ctx, pi, p, &texts, &clauses, Rule::R001, "绩效目标");
}

/// R009: a number the document's prose 分项绩效目标 states for a project (`检查覆盖率达到
/// 90%`, `≥ 98%`) against the project's indicator about the same thing, as R001 does for
/// the table's own goals. The prose is assigned to a project by its heading
/// (`（一）安全生产专项经费项目`, `1、危险化学品及重大危险源企业安全评审`): a short paragraph
/// sharing most of one project's name; prose under no such heading is not compared.
fn sub_goals_vs_indicators<'a>(ctx: &mut Ctx<'a>, pi: usize, p: &'a Project) {
    if !ctx.on(Rule::R009) || ctx.doc.sub_goals.is_empty() {
        return;
    }
    let sections = sub_goal_sections(ctx.doc);
    let texts: Vec<&str> = sections
        .iter()
        .filter(|(owner, _)| *owner == pi)
        .map(|(_, t)| *t)
        .collect();
    if !texts.is_empty() {
        // Prose states a thing and its figure in one sentence, often with a comma between
        // (`实际解决隐患数量占排查出的隐患数量，≥98%；`): sentences, not clauses.
        let sentences = ['；', ';', '。', '！'];
        promises_vs_indicators(ctx, pi, p, &texts, &sentences, Rule::R009, "分项绩效目标");
    }
}

/// The words that name what a figure measures: the part of `before` after its last comma
/// (`开展自然灾害风险普查工作，普查率达到` → `普查率达到`), or the part before that too when the
/// last is too short to name anything (`实际解决隐患数量占排查出的隐患数量，` → the part
/// before the comma).
fn near_figure(before: &str) -> &str {
    let cuts: Vec<usize> = before
        .match_indices(['，', ',', '、', '：', ':'])
        .map(|(i, sep)| i + sep.len())
        .collect();
    let cjk = |s: &str| s.chars().filter(|c| jixiao_model::text::is_cjk(*c)).count();
    let mut start = cuts.last().copied().unwrap_or(0);
    let mut k = cuts.len();
    while cjk(&before[start..]) < 3 && k > 0 {
        k -= 1;
        start = if k == 0 { 0 } else { cuts[k - 1] };
    }
    &before[start..]
}

/// The 分项绩效目标 paragraphs under a heading naming a project, with that project's index.
fn sub_goal_sections(doc: &jixiao_model::Document) -> Vec<(usize, &str)> {
    let names: Vec<Vec<(char, char)>> = doc
        .projects
        .iter()
        .map(|p| crate::rules::cjk_bigrams(&p.name.value))
        .collect();
    let heading = |text: &str| -> Option<usize> {
        let t = jixiao_model::text::strip_enumerator(text.trim()).0;
        if t.chars().count() > 40 || t.contains(['，', ',', '。', '；', ';']) {
            return None;
        }
        let own = crate::rules::cjk_bigrams(t);
        let scored: Vec<(usize, f32)> = names
            .iter()
            .enumerate()
            .filter(|(_, n)| n.len() >= 2)
            .map(|(k, n)| {
                let shared = n.iter().filter(|b| own.contains(b)).count();
                (k, shared as f32 / n.len() as f32)
            })
            .filter(|&(_, s)| s >= 0.6)
            .collect();
        let best = scored.iter().map(|s| s.1).fold(0.0f32, f32::max);
        let top: Vec<usize> = scored.iter().filter(|s| s.1 == best).map(|s| s.0).collect();
        (top.len() == 1).then(|| top[0])
    };
    let mut out = Vec::new();
    let mut owner = None;
    for g in &doc.sub_goals {
        match heading(&g.value) {
            Some(k) => owner = Some(k),
            None => {
                if let Some(k) = owner {
                    out.push((k, g.value.as_str()));
                }
            }
        }
    }
    out
}

/// R001 and R009: each number a text promises (a goal, a prose sub-goal) against the
/// project's indicator about the same thing.
fn promises_vs_indicators<'a>(
    ctx: &mut Ctx<'a>,
    pi: usize,
    p: &'a Project,
    texts: &[&'a str],
    separators: &[char],
    rule: Rule,
    source: &'static str,
) {
    // Each number a clause promises, with its clause.
    let promises: Vec<(&str, Mention)> = texts
        .iter()
        .flat_map(|t| t.split(separators))
        .flat_map(|clause| mentions(clause).into_iter().map(move |m| (clause, m)))
        .collect();
    if promises.is_empty() {
        return;
    }
    struct Candidate<'a> {
        row: usize,
        ind: &'a Indicator,
        value: Decimal,
        measure: Measure,
        name: Rc<[(char, char)]>,
        description: Rc<[(char, char)]>,
        /// A timeliness rate (`…及时率`): about time, not about amounts of work.
        timely: bool,
    }
    let mut candidates: Vec<Candidate> = Vec::new();
    for (r, ind) in p.indicators.iter().enumerate() {
        let Some((value, measure)) = ind.target.as_ref().and_then(|t| target_amount(&t.value))
        else {
            continue;
        };
        // Only indicators some promise could be about.
        if measure == Measure::Count
            || !promises.iter().any(|(_, m)| m.measure.compatible(measure))
            || names_own_number(ind, measure)
        {
            continue; // R002 speaks about those
        }
        candidates.push(Candidate {
            row: r + 1,
            ind,
            value,
            measure,
            name: ctx.memo.topic(ind.level3_text()),
            description: ind
                .description
                .as_ref()
                .map_or_else(|| Rc::from([]), |d| ctx.memo.topic(&d.value)),
            timely: timeliness_rate_name(ind.level3_text()),
        });
    }
    if candidates.is_empty() {
        return;
    }
    // Prose (R009) is matched strictly: the words right before the figure against the
    // indicator's name alone, most of the name's words shared, two at least.
    let prose = rule == Rule::R009;
    let threshold = if prose {
        ctx.cfg.thresholds.goal_match.max(0.6)
    } else {
        ctx.cfg.thresholds.goal_match
    };
    let mut reported: Vec<usize> = Vec::new();
    for (clause, m) in promises {
        // The clause without the number: `实现省州级培训|` for `实现省州级培训4次以上`.
        let topic = if prose {
            topic_bigrams(near_figure(&clause[..m.start]))
        } else {
            topic_bigrams(&[&clause[..m.start], "|", &clause[m.end..]].concat())
        };
        // A timeliness rate (`项目(工程)完成及时率`) is about time: a clause promising a share
        // of the works (`完成项目主体工程70%`) is not about it unless it speaks of time.
        let timely_clause = ["及时", "按时", "按期", "准时"].iter().any(|w| clause.contains(w));
        let eligible = |c: &&Candidate| {
            c.measure.compatible(m.measure)
                && c.measure != Measure::Count
                && (timely_clause || !c.timely)
        };
        // Scored by the clause's words the name shares, then by the share of them: the name
        // sharing most words wins (`劳务报酬占中央投资比例`, seven, over `年度计划投资完成率`,
        // whose one word left after the filler, 投资, every clause about investment shares).
        let by_name: Vec<((usize, f32), &Candidate)> = candidates
            .iter()
            .filter(eligible)
            .map(|c| {
                // `name` is sorted (as `topic_overlap` has it): the words shared, then their share.
                let shared = topic.iter().filter(|b| c.name.binary_search(b).is_ok()).count();
                let overlap = topic_overlap(&topic, &c.name);
                ((shared, if prose && shared < 2 { 0.0 } else { overlap }), c)
            })
            .filter(|((_, s), _)| *s >= threshold)
            .collect();
        // The names first: a description is read only when no name is about the clause (a
        // long description sharing the clause's words must not outbid the indicator named
        // after it).
        let scored: Vec<((usize, f32), &Candidate)> = if by_name.is_empty() && !prose {
            candidates
                .iter()
                .filter(eligible)
                .map(|c| {
                    let shared = topic.iter().filter(|b| c.description.binary_search(b).is_ok()).count();
                    ((shared, topic_overlap(&topic, &c.description)), c)
                })
                .filter(|((_, s), _)| *s >= threshold)
                .collect()
        } else {
            by_name
        };
        let better = |a: (usize, f32), b: (usize, f32)| a.0 > b.0 || (a.0 == b.0 && a.1 > b.1 + 1e-6);
        let Some(best) = scored.iter().map(|s| s.0).reduce(|a, b| if better(b, a) { b } else { a }) else {
            continue;
        };
        let top: Vec<&Candidate> = scored
            .iter()
            .filter(|s| !better(best, s.0))
            .map(|s| s.1)
            .collect();
        if top.iter().any(|c| c.value != top[0].value) {
            continue; // ambiguous
        }
        let c = top[0];
        // A share the goal requires at least (`不低于中央投资30%的比例`) is kept by an indicator
        // at or above it (`≥32.68%`): a required minimum, not a figure to repeat. (A count the
        // goal plans, `至少组织1次培训`, is the plan: `≥4次` states another.)
        let floor = m.measure == Measure::Percent
            && ["不低于", "不少于", "至少"].iter().any(|w| clause[..m.start].contains(w));
        let at_least = matches!(
            c.ind.target.as_ref().and_then(|t| t.value.comparison()),
            Some(Comparison::AtLeast | Comparison::MoreThan)
        );
        if c.value == m.value || reported.contains(&c.row) || (floor && at_least && c.value >= m.value) {
            continue;
        }
        reported.push(c.row);
        let target = c.ind.target.as_ref().unwrap();
        let clause_text = excerpt(jixiao_model::text::strip_enumerator(clause).0, 40);
        ctx.emit(
            rule,
            at(Some(pi), Some(c.row), target.at, Some("指标值")),
            &[
                ("goal", &clause_text),
                ("level3", c.ind.level3_text()),
                ("target", target.value.printed.trim()),
            ],
            vec![
                quote(source, clause_text.clone()),
                quote("三级指标", c.ind.level3_text()),
                quote("指标值", target.value.printed.trim()),
            ],
        );
    }
}

/// R003/R004: the same name twice in one project.
fn same_names(ctx: &mut Ctx, pi: usize, p: &Project, texts: &[RowText]) {
    // Named rows sorted by name (a stable sort: one name's rows stay in order), then the runs
    // of one name, reported in the order they first appear.
    let mut named: Vec<usize> = (0..texts.len())
        .filter(|&r| !texts[r].level3.is_empty())
        .collect();
    named.sort_by(|&a, &b| texts[a].level3.cmp(&texts[b].level3));
    let mut groups: Vec<&[usize]> = named
        .chunk_by(|&a, &b| texts[a].level3 == texts[b].level3)
        .filter(|rows| rows.len() > 1)
        .collect();
    groups.sort();
    for rows in groups {
        let target = |r: usize| texts[r].target.as_deref().unwrap_or_default();
        let mut distinct: Vec<&str> = Vec::new();
        for &r in rows {
            let t = target(r);
            if !distinct.contains(&t) {
                distinct.push(t);
            }
        }
        let ind = &p.indicators[rows[1]];
        if distinct.len() > 1 {
            let list = distinct
                .iter()
                .map(|t| format!("“{t}”"))
                .collect::<Vec<_>>()
                .join("、");
            ctx.emit(
                Rule::R003,
                at(Some(pi), Some(rows[1] + 1), ind.at, Some("三级指标")),
                &[
                    ("level3", ind.level3_text()),
                    ("count", &rows.len().to_string()),
                    ("targets", &list),
                ],
                vec![quote("三级指标", ind.level3_text())],
            );
        } else {
            let desc = |r: usize| texts[r].description.as_deref().unwrap_or_default();
            for &r in &rows[1..] {
                if desc(r) == desc(rows[0]) {
                    let i = &p.indicators[r];
                    ctx.emit(
                        Rule::R004,
                        at(Some(pi), Some(r + 1), i.at, None),
                        &[
                            ("level3", i.level3_text()),
                            ("target", target(r)),
                            ("first", &(rows[0] + 1).to_string()),
                        ],
                        vec![quote("三级指标", i.level3_text())],
                    );
                }
            }
        }
    }
}

pub(crate) fn row(ctx: &mut Ctx, pi: Option<usize>, row: usize, ind: &Indicator) {
    // R002: the name or description states a number the target contradicts.
    if let Some((value, measure)) = ind.target.as_ref().and_then(|t| target_amount(&t.value)) {
        let sources = [
            ("三级指标", Some(ind.level3_text())),
            (
                "指标描述",
                ind.description.as_ref().map(|d| d.value.as_str()),
            ),
        ];
        for (source, text) in sources {
            let Some(text) = text else { continue };
            let stated: Vec<_> = mentions(text)
                .into_iter()
                .filter(|m| m.measure == measure)
                .collect();
            if !stated.is_empty() && stated.iter().all(|m| m.value != value) {
                let t = ind.target.as_ref().unwrap();
                ctx.emit(
                    Rule::R002,
                    at(pi, Some(row), t.at, Some("指标值")),
                    &[
                        ("source", source),
                        ("stated", &stated[0].printed),
                        ("target", t.value.printed.trim()),
                    ],
                    vec![quote(source, text), quote("指标值", t.value.printed.trim())],
                );
                break;
            }
        }
    }
    // R005: a level 2 under a level 1 it does not belong to.
    if let (Some(l1), Some(l2)) = (ind.level1.category, ind.level2.category) {
        let parent = l2.parent(ctx.framework);
        // A flattened table drops a merged 一级 cell: rows of the next level 1 (效益 after
        // 产出, 满意度 after either) then inherit the one above. That is a lost cell, not a
        // level 2 filed wrongly.
        let lost_cell = ind.level1.inherited
            && matches!(
                (l1, parent),
                (Level1::Output, Level1::Benefit) | (_, Level1::Satisfaction)
            );
        if parent != l1 && !lost_cell {
            ctx.emit(
                Rule::R005,
                at(pi, Some(row), ind.level2.printed.at, Some("二级指标")),
                &[
                    ("level2", &*clean(&ind.level2.printed.value)),
                    ("parent", parent.name()),
                    ("level1", &*clean(&ind.level1.printed.value)),
                ],
                vec![],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;
    use jixiao_model::{Document, Located, Origin};
    use jixiao_rules::Rule;

    /// Two projects, the second's goal keeping a clause of the first's.
    fn copied(first: &str, second: &str, clause: &str) -> Document {
        let mut a = good_project();
        a.name = Located::new(first.into(), Origin::line(2));
        a.goals = vec![Located::new(format!("完成演练2次以上，{clause}。"), Origin::line(2))];
        let mut b = good_project();
        b.name = Located::new(second.into(), Origin::line(9));
        b.goals = vec![Located::new(format!("完成巡查15次以上，{clause}。"), Origin::line(9))];
        doc(vec![a, b])
    }

    #[test]
    fn r008_goal_copied_from_another_project() {
        let d = copied("防震减灾工作经费", "森林防火工作经费", "提高公民安全防震意识");
        assert_found(&d, Rule::R008, 2, None, "其中的“防震”是该项目的内容，与本项目“森林防火工作经费”无关");
        // The project whose goal it is has nothing copied.
        assert_eq!(run(&d).of(Rule::R008).count(), 1);
    }

    #[test]
    fn r008_shared_wording_alone_is_no_copy() {
        // The same clause naming no other project's subject.
        assert_none(&copied("防震减灾工作经费", "森林防火工作经费", "降低安全事故发生率"), Rule::R008);
        // Projects of much the same name share goals (a program's two years, two 宣传周).
        assert_none(
            &copied("5.12 防灾减灾宣传周活动经费", "7.28 防震减灾知识宣传周活动经费", "切实加强我区居民的防灾意识"),
            Rule::R008,
        );
    }

    /// A project with a 检查覆盖率 indicator (≥90%) and the document's prose 分项绩效目标.
    fn with_sub_goals(sub_goals: &[&str]) -> Document {
        let mut p = good_project();
        p.name = Located::new("安全生产专项经费".into(), Origin::line(40));
        p.indicators[0] = ind("产出指标", "质量指标", "检查覆盖率", "", "≥90%", "计划");
        let mut d = doc(vec![p]);
        d.sub_goals = sub_goals
            .iter()
            .enumerate()
            .map(|(k, t)| Located::new(t.to_string(), Origin::line(20 + k as u32)))
            .collect();
        d
    }

    #[test]
    fn words_near_a_figure() {
        use super::near_figure as n;
        assert_eq!(n("开展自然灾害风险普查工作，普查率达到"), "普查率达到");
        assert_eq!(n("实际解决隐患数量占排查出的隐患数量， "), "实际解决隐患数量占排查出的隐患数量， ");
        assert_eq!(n("促进安全生产单位监督管理,工作好评率, "), "工作好评率, ");
        assert_eq!(n(""), "");
    }

    #[test]
    fn r009_sub_goal_and_indicator_disagree() {
        let d = with_sub_goals(&[
            "（一）安全生产专项经费项目",
            "绩效目标：督促企业消除各类隐患，预防和减少事故的发生。",
            "绩效指标：完成对全区企业的检查工作，检查覆盖率达到95%；保障全区安全生产工作稳步向前。",
        ]);
        assert_found(
            &d,
            Rule::R009,
            1,
            Some(1),
            "分项绩效目标写明“绩效指标：完成对全区企业的检查工作，检查覆盖率达到95%”，对应指标“检查覆盖率”的指标值却是“≥90%”",
        );
        // Figures about something else in the same sentence are not matched to it (the
        // seeds' 普查率 and 工作好评率 against 宣传活动满意度 and 工作考核情况).
        let mut d = with_sub_goals(&[
            "（一）安全生产专项经费项目",
            "开展自然灾害风险普查工作，普查率达到60%；促进安全生产单位监督管理,工作好评率, 100%。",
        ]);
        d.projects[0].indicators[0] =
            ind("产出指标", "质量指标", "安全生产工作考核情况", "宣传活动满意度", "≥90%", "计划");
        assert_none(&d, Rule::R009);
        assert_found(
            &with_sub_goals(&["（一）安全生产专项经费项目", "检查覆盖率达到95%；"]),
            Rule::R009,
            1,
            Some(1),
            "对应指标“检查覆盖率”的指标值却是“≥90%”",
        );
    }

    #[test]
    fn r009_agreeing_or_unassigned_prose_is_no_finding() {
        // The prose says what the table says.
        assert_none(
            &with_sub_goals(&["（一）安全生产专项经费项目", "检查覆盖率达到90%；"]),
            Rule::R009,
        );
        // Prose under a heading that names no project of the document (another project's).
        assert_none(
            &with_sub_goals(&["（二）交通费项目", "检查覆盖率达到95%；"]),
            Rule::R009,
        );
        // Prose before any heading.
        assert_none(&with_sub_goals(&["检查覆盖率达到95%；"]), Rule::R009);
    }

    #[test]
    fn r001_goal_and_indicator_disagree() {
        assert_none(&doc(vec![good_project()]), Rule::R001);
        let mut p = good_project();
        p.goals = vec![Located::new(
            "目标2: 组织开展隐患排查治理, 安监人员的业务能力培训工作, 实现省州级培训4次以上;"
                .into(),
            Origin::default(),
        )];
        p.indicators[0] = ind(
            "产出指标",
            "数量指标",
            "省、州级培训",
            "参加省、州级培训的次数",
            "≥8次",
            "计划",
        );
        assert_found(
            &doc(vec![p.clone()]),
            Rule::R001,
            1,
            Some(1),
            "绩效目标写明“实现省州级培训4次以上”，对应指标“省、州级培训”的指标值却是“≥8次”",
        );
        // A goal about something else (演练) is not matched to the training count.
        p.goals = vec![Located::new("完成演练2次以上".into(), Origin::default())];
        assert_none(&doc(vec![p]), Rule::R001);
    }

    /// cells_hunan-yueyang_nongye_2022: a share of the works is not a timeliness rate;
    /// cells_anhui-shucheng_yigongdaizhen_2023: the indicator named after the clause is its
    /// match, not one whose description shares the clause's words.
    #[test]
    fn r001_matches_what_the_goal_is_about() {
        let mut p = good_project();
        p.goals = vec![Located::new("完成项目主体工程70%".into(), Origin::default())];
        p.indicators[2] = ind("产出指标", "时效指标", "项目(工程)完成及时率", "按期完成的工程比例", "≥100%", "计划");
        assert_none(&doc(vec![p.clone()]), Rule::R001);
        // …while a goal about time is about it.
        p.goals = vec![Located::new("项目工程按期完成率达到90%".into(), Origin::default())];
        assert_found(&doc(vec![p]), Rule::R001, 1, Some(3), "对应指标“项目(工程)完成及时率”的指标值却是“≥100%”");

        let mut p = good_project();
        p.goals = vec![Located::new("严格按照不低于中央投资30%的比例发放劳务报酬".into(), Origin::default())];
        p.indicators[0] = ind("产出指标", "数量指标", "劳务报酬占中央投资比例", "", "≥32.68%", "计划");
        p.indicators[1] = ind("产出指标", "质量指标", "年度计划投资完成率", "按照不低于中央投资计划的比例发放劳务报酬的完成情况", "≥95%", "计划");
        // The named indicator is the match, and ≥32.68% keeps the floor of 30%: no finding.
        assert_none(&doc(vec![p.clone()]), Rule::R001);
        // A target below the floor contradicts it.
        p.indicators[0] = ind("产出指标", "数量指标", "劳务报酬占中央投资比例", "", "≥25%", "计划");
        let r = run(&doc(vec![p]));
        let rows: Vec<_> = r.of(Rule::R001).map(|f| f.location.row).collect();
        assert_eq!(rows, [Some(1)], "{:#?}", r.of(Rule::R001).collect::<Vec<_>>());
    }

    #[test]
    fn r002_name_number_differs() {
        assert_none(&doc(vec![good_project()]), Rule::R002);
        let mut p = good_project();
        p.indicators[0] = ind(
            "产出指标",
            "数量指标",
            "保障33名退休干部工作的正常开展",
            "",
            "≥3人",
            "计划",
        );
        assert_found(
            &doc(vec![p.clone()]),
            Rule::R002,
            1,
            Some(1),
            "三级指标写明“33名”，指标值却是“≥3人”",
        );
        p.indicators[0] = ind(
            "产出指标",
            "数量指标",
            "按照上级要求开展宣传活动3次",
            "进企业次数",
            "3次",
            "计划",
        );
        assert_none(&doc(vec![p]), Rule::R002);
    }

    #[test]
    fn r003_same_name_different_targets() {
        assert_none(&doc(vec![good_project()]), Rule::R003);
        let mut p = good_project();
        p.indicators[1] = ind(
            "产出指标",
            "质量指标",
            "宣传活动次数",
            "另一口径",
            "≥6次",
            "计划",
        );
        assert_found(
            &doc(vec![p]),
            Rule::R003,
            1,
            Some(2),
            "出现2次，指标值分别为“≥4次”、“≥6次”",
        );
    }

    #[test]
    fn r004_duplicate_rows() {
        assert_none(&doc(vec![good_project()]), Rule::R004);
        let mut p = good_project();
        let dup = p.indicators[0].clone();
        p.indicators.insert(1, dup);
        assert_found(&doc(vec![p]), Rule::R004, 1, Some(2), "与第1行完全重复");
    }

    #[test]
    fn r005_level2_under_wrong_level1() {
        assert_none(&doc(vec![good_project()]), Rule::R005);
        let mut p = good_project();
        p.indicators[4] = ind(
            "产出指标",
            "社会效益指标",
            "安全知识知晓率",
            "知晓比例",
            "≥85%",
            "计划",
        );
        assert_found(
            &doc(vec![p]),
            Rule::R005,
            1,
            Some(5),
            "二级指标“社会效益指标”属于效益指标，却列在“产出指标”下",
        );
    }

    #[test]
    fn r005_not_on_a_lost_level1_cell() {
        // 湘潭 城管 2023: the 满意度指标 cell was merged away; its row inherits 效益指标.
        let mut p = good_project();
        let mut row = ind(
            "效益指标",
            "服务对象满意度指标",
            "群众满意度",
            "满意比例",
            "≥90%",
            "计划",
        );
        row.level1.inherited = true;
        p.indicators[4] = row.clone();
        assert_none(&doc(vec![p.clone()]), Rule::R005);
        // Printed on the row itself, the same level 1 is an error.
        row.level1.inherited = false;
        p.indicators[4] = row;
        assert_found(&doc(vec![p]), Rule::R005, 1, Some(5), "服务对象满意度指标");
    }

    #[test]
    fn r006_mixed_frameworks() {
        assert_none(&doc(vec![good_project()]), Rule::R006);
        let mut p = good_project();
        p.indicators.push(ind(
            "成本指标",
            "经济成本指标",
            "设备购置成本",
            "设备购置费用",
            "≤3万元",
            "计划",
        ));
        assert_found(
            &doc(vec![p]),
            Rule::R006,
            1,
            Some(4),
            "既把成本指标列为一级指标",
        );
    }
}
