//! Terminal text, grouped by project, with ANSI colour when asked.

use std::fmt::Write;

use jixiao_model::Severity;

use super::{framework_name, groups};
use crate::catalogue::{severity_name, Category, RuleSet, Status, CATALOGUE};
use crate::finding::Finding;
use crate::report::Report;

struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }
    fn severity(&self, s: Severity) -> String {
        let code = match s {
            Severity::Error => "1;31",
            Severity::Warning => "33",
            Severity::Info => "36",
        };
        self.wrap(code, severity_name(s))
    }
}

/// Renders reports for the terminal: per document a header with the score, findings grouped
/// by project, then the summary by rule.
pub fn render_text(reports: &[(&str, &Report)], color: bool) -> String {
    let p = Paint(color);
    let mut out = String::new();
    for (file, r) in reports {
        let year = r
            .year
            .map_or("年度未注明".to_string(), |y| format!("{y}年"));
        let dept = r.department.as_deref().unwrap_or("部门未注明");
        let detected = if r.framework_detected {
            "自动识别"
        } else {
            "按配置"
        };
        let _ = writeln!(out, "{}", p.bold(&format!("═══ {file}　{dept}　{year}")));
        let _ = writeln!(out, "框架：{}（{detected}）", framework_name(r.framework));
        let _ = writeln!(
            out,
            "得分 {}（{}）· {} 个项目 · {} 行指标 · 错误 {} · 警告 {} · 提示 {}",
            p.bold(&r.score.value.to_string()),
            r.score.grade,
            r.projects.len(),
            r.indicators,
            r.counts.error,
            r.counts.warning,
            r.counts.info
        );
        if !r.grade_reasons.is_empty() {
            let _ = writeln!(out, "{}", p.bold(&format!("为什么是“{}”", r.score.grade)));
            for reason in &r.grade_reasons {
                let _ = writeln!(out, "  {reason}");
            }
            out.push('\n');
        }
        for group in groups(r) {
            match group.review_project(r) {
                Some((i, pr)) => {
                    let code = pr
                        .code
                        .as_deref()
                        .map_or(String::new(), |c| format!("（{c}）"));
                    let _ = writeln!(
                        out,
                        "{}",
                        p.bold(&format!(
                            "项目{}　{}{code}　第{}行　得分 {}（{}）",
                            i + 1,
                            pr.name,
                            pr.line,
                            pr.score.value,
                            pr.score.grade
                        ))
                    );
                }
                None => {
                    let _ = writeln!(out, "{}", p.bold(&group.plain_heading(r)));
                }
            }
            for f in group.findings {
                finding(&mut out, &p, f);
            }
            out.push('\n');
        }
        if r.findings.is_empty() {
            let _ = writeln!(out, "未发现问题。\n");
        } else {
            let _ = writeln!(out, "{}", p.bold("按规则汇总"));
            for s in &r.summary {
                let _ = writeln!(
                    out,
                    "  {} {} {}　{}　{} 条{}",
                    p.severity(s.severity),
                    s.rule,
                    s.title,
                    s.category.name(),
                    s.count,
                    if s.places > s.count {
                        format!("（{} 处）", s.places)
                    } else {
                        String::new()
                    }
                );
            }
            out.push('\n');
        }
    }
    out
}

/// One finding as the text report shows it: severity, rule, title and place, then the
/// message and the fixes, indented.
fn finding(out: &mut String, p: &Paint, f: &Finding) {
    let place = f.place();
    let place = if place.is_empty() {
        place
    } else {
        format!("　{}", p.dim(&place))
    };
    let _ = writeln!(
        out,
        "  {} {} {}{place}",
        p.severity(f.severity),
        f.rule_id,
        f.title
    );
    let _ = writeln!(out, "      {}", f.message);
    if let Some(s) = &f.suggestion {
        let _ = writeln!(out, "      {}", p.dim(&format!("建议：{s}")));
    }
    for (places, s) in f.other_suggestions() {
        let _ = writeln!(out, "      {}", p.dim(&format!("建议（{places}）：{s}")));
    }
}

/// Findings that belong to no document's report (the benchmark checks, computed on demand
/// from the indicator library), in the text report's layout; the caller prints the heading.
pub fn render_findings_text<'f>(findings: impl IntoIterator<Item = &'f Finding>, color: bool) -> String {
    let p = Paint(color);
    let mut out = String::new();
    for f in findings {
        finding(&mut out, &p, f);
    }
    out
}

/// The rule catalogue for `jixiao rules`: every rule set, its rules grouped by category, each
/// rule in one layout (id, severity, title, status when not 正式; message, fix, standard).
pub fn catalogue_text() -> String {
    let mut out = format!("jixiao 规则目录（共 {} 条）\n", CATALOGUE.len());
    for set in RuleSet::ALL {
        let rules = || CATALOGUE.iter().filter(move |r| r.set == set);
        let _ = writeln!(out, "\n══ {}（{} 条）", set.name(), rules().count());
        for cat in Category::ALL {
            if !rules().any(|r| r.category == cat) {
                continue;
            }
            let _ = writeln!(out, "\n【{}】", cat.name());
            for r in rules().filter(|r| r.category == cat) {
                let status = match r.status {
                    Status::Stable => String::new(),
                    s => format!("  （{}）", s.name()),
                };
                let _ = writeln!(
                    out,
                    "{}  {}  {}{status}",
                    r.id,
                    severity_name(r.severity),
                    r.title
                );
                let _ = writeln!(out, "    说明：{}", r.message);
                if !r.fix.is_empty() {
                    let _ = writeln!(out, "    建议：{}", r.fix);
                }
                let _ = writeln!(out, "    依据：{}", r.standard);
            }
        }
    }
    out.push_str(
        "\n可在配置文件中按规则停用或调整严重程度，例如：\n[rules.JX-M003]\nenabled = false\n\n标为“可选”的规则默认不检查，需要时在配置文件中启用，例如：\n[rules.JX-M010]\nenabled = true\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_lists_every_rule() {
        let t = catalogue_text();
        for r in CATALOGUE {
            assert!(t.contains(r.id) && t.contains(r.standard), "{}", r.id);
            // Each rule in the one layout: its head line, then 说明, 建议 and 依据.
            let status = match r.status {
                Status::Stable => String::new(),
                s => format!("  （{}）", s.name()),
            };
            let head = format!(
                "\n{}  {}  {}{status}\n    说明：{}\n",
                r.id,
                severity_name(r.severity),
                r.title,
                r.message
            );
            assert!(t.contains(&head), "{}", r.id);
        }
        assert_eq!(t.matches("\n    依据：").count(), CATALOGUE.len());
        assert!(t.contains("【完整性】") && t.contains("【时效】"));
        let review = t.find("══ 绩效目标审核（51 条）").unwrap();
        let disclosure = t.find("══ 部门预算公开（22 条）").unwrap();
        assert!(review < disclosure && disclosure < t.find("JX-D001").unwrap());
        let evaluation = t.find("══ 自评复核（15 条）").unwrap();
        assert!(disclosure < evaluation && evaluation < t.find("JX-E001").unwrap());
        let benchmark = t.find("══ 对标检查（5 条）").unwrap();
        assert!(evaluation < benchmark && benchmark < t.find("JX-B001").unwrap());
        assert!(t.contains("JX-B003  提示  目标偏离同类指标  （试行）\n"));
        assert!(t.contains("JX-E013  提示  分值分配与评分规则不同  （可选）\n"));
        assert!(t.ends_with("[rules.JX-M010]\nenabled = true\n"), "how to enable an opt-in rule");
    }
}
