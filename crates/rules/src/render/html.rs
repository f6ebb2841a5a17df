//! A standalone HTML report for people: inline CSS, Chinese, readable on screen and on paper.

use std::fmt::Write;

use jixiao_model::text::escape_html as esc;
use jixiao_model::Severity;

use super::{framework_name, groups};
use crate::catalogue::severity_name;
use crate::finding::{finding_ids, Finding};
use crate::report::Report;

const CSS: &str = r#"
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f5f6f8}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:20px;margin:28px 0 8px;border-bottom:2px solid #d0d7de;padding-bottom:4px}
h3{font-size:16px;margin:20px 0 8px}
.meta{color:#57606a;margin:0 0 16px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:10px 16px;min-width:120px}
.card b{display:block;font-size:26px;line-height:1.2}
.card span{color:#57606a;font-size:13px}
.grade-优 b{color:#1a7f37}.grade-良 b{color:#0969da}.grade-中 b{color:#9a6700}.grade-差 b{color:#cf222e}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #d0d7de;margin:8px 0 16px}
th,td{border-bottom:1px solid #eaeef2;padding:6px 10px;text-align:left;vertical-align:top}
th{background:#f0f3f6;font-weight:600;white-space:nowrap}
td.num{text-align:right;white-space:nowrap}
.sev{display:inline-block;padding:0 8px;border-radius:10px;font-size:13px;white-space:nowrap;color:#fff}
.sev-error{background:#cf222e}.sev-warning{background:#bf8700}.sev-info{background:#0969da}
.rule{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;white-space:nowrap}
.where{color:#57606a;font-size:13px;white-space:nowrap}
.msg{margin:0}
.quotes{margin:4px 0 0;padding:0;list-style:none;color:#57606a;font-size:13px}
.quotes q{color:#1f2328;background:#fff8c5;quotes:"“" "”"}
.fix{margin:4px 0 0;color:#1a7f37;font-size:13px}
.project-head{display:flex;justify-content:space-between;align-items:baseline;gap:12px}
.score{font-weight:600;white-space:nowrap}
.ok{color:#1a7f37}
footer{color:#57606a;font-size:12px;margin:32px 0 8px}
@media print{body{background:#fff;font-size:12px}main{max-width:none;padding:0}.card,table{break-inside:avoid-page}tr{break-inside:avoid}h2{break-before:page}h2:first-of-type{break-before:auto}}
"#;


fn sev_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    }
}

/// Renders reports as one standalone HTML page (no external resources).
pub fn render_html(reports: &[(&str, &Report)]) -> String {
    let mut h = String::new();
    let title = match reports {
        [(file, _)] => format!("绩效目标审核报告 · {}", file),
        _ => format!("绩效目标审核报告 · {} 份文档", reports.len()),
    };
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        esc(&title),
        esc(&title)
    );
    for (file, r) in reports {
        document(&mut h, file, r);
    }
    h.push_str("<footer>由 jixiao 生成。等级按财预〔2015〕88号：优、良可进入预算安排，中须修改完善后重新报送，差不得进入下一步预算安排流程。得分按项目计（每个问题按严重程度扣分，同一原因重复出现的只略增扣分），文档得分为项目平均分再扣除文档整体问题（含部门预算公开）；资金与目标不能对应或缺少目标、指标的，等级至多为中；多数指标没有可考核指标值的，评为差。");
    h.push_str("</footer>\n</main>\n</body>\n</html>\n");
    h
}

fn document(h: &mut String, file: &str, r: &Report) {
    let dept = r.department.as_deref().unwrap_or("部门未注明");
    let year = r
        .year
        .map_or("年度未注明".to_string(), |y| format!("{y}年"));
    let _ = write!(
        h,
        "<h2>{}</h2>\n<p class=\"meta\">{} · {} · {}（{}）</p>\n",
        esc(file),
        esc(dept),
        year,
        framework_name(r.framework),
        if r.framework_detected {
            "自动识别"
        } else {
            "按配置"
        }
    );
    let _ = writeln!(
        h,
        "<div class=\"cards\"><div class=\"card grade-{g}\"><b>{v}</b><span>文档得分（{g}）</span></div>\
<div class=\"card\"><b>{p}</b><span>项目</span></div><div class=\"card\"><b>{i}</b><span>指标行</span></div>\
<div class=\"card\"><b style=\"color:#cf222e\">{e}</b><span>错误</span></div><div class=\"card\"><b style=\"color:#9a6700\">{w}</b><span>警告</span></div>\
<div class=\"card\"><b style=\"color:#0969da\">{n}</b><span>提示</span></div></div>",
        g = r.score.grade,
        v = r.score.value,
        p = r.projects.len(),
        i = r.indicators,
        e = r.counts.error,
        w = r.counts.warning,
        n = r.counts.info
    );
    if !r.grade_reasons.is_empty() {
        let _ = write!(
            h,
            "<h3>为什么是“{}”</h3>\n<ul class=\"reasons\">",
            r.score.grade
        );
        for reason in &r.grade_reasons {
            let _ = write!(h, "<li>{}</li>", esc(reason));
        }
        h.push_str("</ul>\n");
    }
    if r.findings.is_empty() {
        h.push_str("<p class=\"ok\">未发现问题。</p>\n");
        return;
    }
    h.push_str("<h3>按规则汇总</h3>\n<table><thead><tr><th>规则</th><th>问题</th><th>类别</th><th>严重程度</th><th>条数</th><th>处数</th></tr></thead><tbody>\n");
    for s in &r.summary {
        let _ = writeln!(
            h,
            "<tr><td class=\"rule\">{}</td><td>{}</td><td>{}</td><td><span class=\"sev {}\">{}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            s.rule,
            esc(s.title),
            s.category.name(),
            sev_class(s.severity),
            severity_name(s.severity),
            s.count,
            s.places
        );
    }
    h.push_str("</tbody></table>\n");
    if !r.projects.is_empty() {
        h.push_str("<h3>项目得分</h3>\n<table><thead><tr><th>#</th><th>项目</th><th>指标行</th><th>错误</th><th>警告</th><th>提示</th><th>得分</th></tr></thead><tbody>\n");
        for (i, p) in r.projects.iter().enumerate() {
            let _ = writeln!(
                h,
                "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num score\">{}（{}）</td></tr>",
                i + 1,
                esc(&p.name),
                p.indicators,
                p.counts.error,
                p.counts.warning,
                p.counts.info,
                p.score.value,
                p.score.grade
            );
        }
        h.push_str("</tbody></table>\n");
    }
    let mut ids = finding_ids(&r.findings).into_iter();
    for group in groups(r) {
        match group.review_project(r) {
            Some((i, p)) => {
                let code = p
                    .code
                    .as_deref()
                    .map_or(String::new(), |c| format!("（{}）", esc(c)));
                let _ = writeln!(
                    h,
                    "<div class=\"project-head\"><h3>项目{}　{}{}　<span class=\"where\">第{}行</span></h3><span class=\"score\">得分 {}（{}）</span></div>",
                    i + 1,
                    esc(&p.name),
                    code,
                    p.line,
                    p.score.value,
                    p.score.grade
                );
            }
            None => {
                let _ = writeln!(h, "<h3>{}</h3>", esc(&group.plain_heading(r)));
            }
        }
        findings_table(h, group.findings, &mut ids);
    }
}

/// A table of findings, a row each (its id the finding's), as the report shows a group.
fn findings_table<'f>(
    h: &mut String,
    findings: impl IntoIterator<Item = &'f Finding>,
    ids: &mut impl Iterator<Item = String>,
) {
    h.push_str("<table><thead><tr><th>严重程度</th><th>规则</th><th>位置</th><th>问题与建议</th></tr></thead><tbody>\n");
    for f in findings {
        let _ = write!(
            h,
            "<tr id=\"{}\"><td><span class=\"sev {}\">{}</span></td><td class=\"rule\">{}<br>{}</td><td class=\"where\">{}</td><td><p class=\"msg\">{}</p>",
            esc(&ids.next().unwrap_or_default()),
            sev_class(f.severity),
            severity_name(f.severity),
            f.rule_id,
            esc(f.title),
            esc(&f.place()).replace(" · ", "<br>"),
            esc(&f.message)
        );
        if !f.quotes.is_empty() {
            h.push_str("<ul class=\"quotes\">");
            for q in &f.quotes {
                let _ = write!(h, "<li>{}：<q>{}</q></li>", esc(q.field), esc(&q.value));
            }
            h.push_str("</ul>");
        }
        if let Some(s) = &f.suggestion {
            let _ = write!(h, "<p class=\"fix\">建议：{}</p>", esc(s));
        }
        for (places, s) in f.other_suggestions() {
            let _ = write!(
                h,
                "<p class=\"fix\">建议（{}）：{}</p>",
                esc(&places),
                esc(s)
            );
        }
        h.push_str("</td></tr>\n");
    }
    h.push_str("</tbody></table>\n");
}

/// Findings that belong to no document's report (the benchmark checks, computed on demand
/// from the indicator library) as the report's table of findings: an HTML fragment, every
/// text escaped, for a page that has its own styles (classes `sev sev-info`, `rule`, `where`,
/// `msg`, `quotes`, `fix`).
pub fn render_findings_html(findings: &[Finding]) -> String {
    let mut h = String::new();
    findings_table(&mut h, findings, &mut finding_ids(findings).into_iter());
    h
}
