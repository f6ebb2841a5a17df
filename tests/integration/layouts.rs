//! The same tables in every layout real documents use: the reader must read a form whatever
//! carries it. Each corpus and seed golden's project (real indicator names and values, hand
//! checked) is printed again as a 项目支出绩效目标表 or 自评表 in the layouts issue 12 lists —
//! pipe rows, merged cells blank or absent, one cell per line, space-separated lines, an HTML
//! table with rowspans, an indentation tree, the target split into 计算符号 / 指标值 /
//! 计量单位, glued rows — with header wordings and column orders real forms print and the
//! project's budget and goal above the table, and read back through the one reading entry
//! (`jixiao_carriers::read_bytes`). A layout the reader cannot read generally shows up here as
//! a low figure long before a user's document finds it. Run with `--nocapture` for the
//! figures and the first misreadings of each layout (`LAYOUT_SHOW=n` for more,
//! `LAYOUT_DUMP=dir` writes every printed document).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::util::{fixtures, Score};

/// One indicator row to print.
#[derive(Clone, Debug)]
struct Row {
    level1: String,
    level2: String,
    level3: String,
    description: Option<String>,
    target: String,
    basis: Option<String>,
    /// 实际完成值, 分值, 得分 where the golden is a 自评表's.
    actual: Option<String>,
    weight: Option<f64>,
    score: Option<f64>,
}

/// One project to print: its name, department, year and rows.
#[derive(Clone, Debug)]
struct Project {
    source: String,
    name: String,
    department: String,
    year: i64,
    /// 年度资金总额, 财政资金, 其他资金 in 万元, where the golden has them.
    budget: [Option<f64>; 3],
    /// 年度目标, where the golden has exactly one that prints on one line.
    goal: Option<String>,
    /// 资金支出计划: cumulative % by the end of March, June, October, December.
    plan: Option<[f64; 4]>,
    rows: Vec<Row>,
}

/// A level's name as printed, plain enough to print again (annotations such as `(50分)`
/// stay; conversion noise such as pinyin does not).
fn level_name(s: &str) -> bool {
    printable(s) && s.chars().count() <= 16 && !s.chars().any(|c| c.is_ascii_alphabetic())
}

/// A cell a printed table can hold as one cell in every layout: one line, no separator.
fn printable(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 60
        && !s.contains(['|', '\n', '\t', '<', '>', '&'])
        && !s.contains("  ")
        && s.trim() == s
}

/// A sentence that prints on one line of any layout.
fn printable_long(s: &str) -> bool {
    !s.is_empty()
        && !s.contains(['|', '\n', '\t', '<', '>', '&'])
        && !s.contains("  ")
        && s.trim() == s
}

/// Goldens' projects whose rows are plain enough to print again in any layout.
fn projects() -> Vec<Project> {
    let mut dirs = vec![fixtures().join("corpus/goldens"), fixtures().join("goldens")];
    let mut out = Vec::new();
    for dir in dirs.drain(..) {
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        paths.sort();
        for path in paths {
            let golden: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let source = path.file_stem().unwrap().to_string_lossy().into_owned();
            let department = golden["organization"].as_str().unwrap_or("某某县应急管理局");
            let year = golden["year"].as_i64().unwrap_or(2023);
            for p in golden["projects"].as_array().into_iter().flatten() {
                let Some(name) = p["name"].as_str().filter(|n| printable(n)) else {
                    continue;
                };
                let text = |v: &Value| v.as_str().map(str::to_string);
                let rows: Option<Vec<Row>> = p["indicators"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|r| {
                        let row = Row {
                            level1: text(&r["level1"])?,
                            level2: text(&r["level2"])?,
                            level3: text(&r["level3"])?,
                            description: text(&r["description"]),
                            target: text(&r["target"])?,
                            basis: text(&r["basis"]),
                            actual: text(&r["actual"]),
                            weight: r["weight"].as_f64(),
                            score: r["score"].as_f64(),
                        };
                        // A cell that is itself a level's name (`生态效益指标` printed as a
                        // 三级指标) cannot be told from one once merged cells are dropped.
                        let level_like = |s: &str| {
                            let s = s.trim_end_matches("指标");
                            s.chars().count() <= 4 && s.ends_with("效益")
                        };
                        let ok = level_name(&row.level1)
                            && !level_like(&row.level3)
                            && !row.description.as_deref().is_some_and(level_like)
                            && level_name(&row.level2)
                            && [&row.level3, &row.target].iter().all(|s| printable(s))
                            && row.actual.as_deref().is_none_or(printable)
                            && row.description.as_deref().is_none_or(printable)
                            && row.basis.as_deref().is_none_or(printable);
                        ok.then_some(row)
                    })
                    .collect();
                let Some(rows) = rows.filter(|r| r.len() >= 2) else {
                    continue;
                };
                // Rows of one level must stand together, as merged cells print them.
                let mut seen: Vec<(&str, &str)> = Vec::new();
                let grouped = rows.iter().all(|r| {
                    let key = (r.level1.as_str(), r.level2.as_str());
                    if seen.last() == Some(&key) {
                        return true;
                    }
                    let fresh = !seen.contains(&key);
                    seen.push(key);
                    fresh
                });
                if !grouped {
                    continue;
                }
                let goals: Vec<&str> =
                    p["goals"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
                let goal = match goals[..] {
                    [g] if g.chars().count() <= 120 && printable_long(g) => Some(g.to_string()),
                    _ => None,
                };
                out.push(Project {
                    source: source.clone(),
                    name: name.to_string(),
                    department: department.to_string(),
                    year,
                    budget: ["budget_total", "budget_fiscal", "budget_other"].map(|f| p[f].as_f64()),
                    goal,
                    plan: p["spending_plan"].as_array().and_then(|a| {
                        let v: Vec<f64> = a.iter().filter_map(Value::as_f64).collect();
                        <[f64; 4]>::try_from(v).ok()
                    }),
                    rows,
                });
            }
        }
    }
    out
}

/// The columns a form prints, with the wording of its header cells.
struct Columns {
    /// Which of the wordings and orders this table takes.
    variant: usize,
    level: [&'static str; 3],
    description: Option<&'static str>,
    target: &'static str,
    basis: Option<&'static str>,
}

/// Header wordings real forms print, taken in turn.
fn columns(k: usize, p: &Project) -> Columns {
    let has_desc = p.rows.iter().any(|r| r.description.is_some());
    let has_basis = p.rows.iter().any(|r| r.basis.is_some());
    let levels = [
        ["一级指标", "二级指标", "三级指标"],
        ["一级指标", "二级指标", "三级指标"],
        ["一级指标", "二级指标", "指标名称"],
    ];
    let targets = ["指标值", "年度指标值", "目标值", "指标值（包含数字及文字描述）"];
    let descriptions = ["指标解释", "指标说明", "绩效指标描述"];
    let bases = ["指标值确定依据", "指标值设定依据及数据来源", "指标值设定依据"];
    Columns {
        variant: k,
        level: levels[k % levels.len()],
        description: has_desc.then(|| descriptions[k % descriptions.len()]),
        target: targets[k % targets.len()],
        basis: has_basis.then(|| bases[k % bases.len()]),
    }
}

/// What each row prints, in column order; `None` where a merged cell stands (the level's
/// name printed on its first row only).
fn table(p: &Project, c: &Columns) -> (Vec<String>, Vec<Vec<Option<String>>>) {
    let mut header: Vec<String> = c.level.iter().map(|s| s.to_string()).collect();
    header.extend(c.description.map(str::to_string));
    header.push(c.target.to_string());
    header.extend(c.basis.map(str::to_string));
    let mut rows = Vec::new();
    for (i, r) in p.rows.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| &p.rows[j]);
        let new1 = prev.is_none_or(|q| q.level1 != r.level1);
        let new2 = new1 || prev.is_none_or(|q| q.level2 != r.level2);
        let mut cells = vec![
            new1.then(|| r.level1.clone()),
            new2.then(|| r.level2.clone()),
            Some(r.level3.clone()),
        ];
        if c.description.is_some() {
            cells.push(Some(r.description.clone().unwrap_or_default()));
        }
        cells.push(Some(r.target.clone()));
        if c.basis.is_some() {
            cells.push(Some(r.basis.clone().unwrap_or_default()));
        }
        rows.push(cells);
    }
    (header, rows)
}

/// The part above the indicator table, as label/value pairs.
fn head(p: &Project) -> Vec<(&'static str, String)> {
    let mut out = vec![
        ("项目名称", p.name.clone()),
        ("主管部门", p.department.clone()),
    ];
    let labels = ["年度资金总额（万元）", "其中：财政资金（万元）", "其他资金（万元）"];
    for (label, amount) in labels.into_iter().zip(p.budget) {
        if let Some(a) = amount {
            out.push((label, figure(Some(a))));
        }
    }
    if let Some(g) = &p.goal {
        out.push(("年度绩效目标", g.clone()));
    }
    out
}

/// The part above the table as rows of cells: the label/value pairs, then the spending
/// plan as printed (`资金支出计划（%） | 3月底 | 6月底 | 10月底 | 12月底` over the figures).
fn head_rows(p: &Project) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = head(p).into_iter().map(|(l, v)| vec![l.to_string(), v]).collect();
    if let Some(plan) = p.plan {
        let mut months = vec!["资金支出计划（%）".to_string()];
        months.extend(["3月底", "6月底", "10月底", "12月底"].map(str::to_string));
        let mut figures = vec![String::new()];
        figures.extend(plan.map(|x| figure(Some(x))));
        rows.push(months);
        rows.push(figures);
    }
    rows
}

/// [`head_rows`] as pipe rows.
fn head_pipe(p: &Project) -> String {
    head_rows(p).iter().map(|r| format!("| {} |\n", r.join(" | "))).collect()
}

/// [`head_rows`] one cell per line, empty cells absent.
fn head_lines(p: &Project) -> String {
    head_rows(p).iter().flatten().filter(|c| !c.is_empty()).map(|c| format!("{c}\n")).collect()
}

fn title(p: &Project) -> String {
    format!("{}年度项目支出绩效目标表", p.year)
}

type Render = fn(&Project, &Columns) -> (String, Vec<u8>);

/// Pipe rows, every merged cell printed on every row.
fn pipe_full(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (header, rows) = table(p, c);
    let mut s = format!("{}\n\n", title(p));
    s.push_str(&head_pipe(p));
    s.push_str(&format!("| {} |\n", header.join(" | ")));
    let mut last: Vec<String> = Vec::new();
    for r in rows {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, x)| match x {
                Some(x) => x.clone(),
                None => last[i].clone(),
            })
            .collect();
        s.push_str(&format!("| {} |\n", cells.join(" | ")));
        last = cells;
    }
    ("t.md".into(), s.into_bytes())
}

/// Pipe rows, a merged cell blank below its first row (`|  |`).
fn pipe_blank(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (header, rows) = table(p, c);
    let mut s = format!("{}\n\n", title(p));
    s.push_str(&head_pipe(p));
    s.push_str(&format!("| {} |\n", header.join(" | ")));
    for r in rows {
        let cells: Vec<String> = r.iter().map(|x| x.clone().unwrap_or_default()).collect();
        s.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    ("t.md".into(), s.into_bytes())
}

/// Pipe rows with the rowspans dropped: a merged cell is absent below its first row.
fn pipe_absent(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (header, rows) = table(p, c);
    let mut s = format!("{}\n\n", title(p));
    s.push_str(&head_pipe(p));
    s.push_str(&format!("| {} |\n", header.join(" | ")));
    for r in rows {
        let cells: Vec<String> = r.iter().flatten().cloned().collect();
        s.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    ("t.md".into(), s.into_bytes())
}

/// An HTML table flattened to one cell per line, rowspans dropped.
fn cell_lines(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (header, rows) = table(p, c);
    let mut s = format!("{}\n", title(p));
    s.push_str(&head_lines(p));
    s.push_str("绩效指标\n");
    for h in &header {
        s.push_str(&format!("{h}\n"));
    }
    for r in rows {
        for x in r.iter().flatten() {
            if !x.is_empty() {
                s.push_str(&format!("{x}\n"));
            }
        }
    }
    ("t.txt".into(), s.into_bytes())
}

/// One cell per paragraph, each ending in ` |` (a converter's flattened table).
fn cell_bars(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (header, rows) = table(p, c);
    let mut s = format!("{}\n\n", title(p));
    for c in head_rows(p).iter().flatten().filter(|c| !c.is_empty()) {
        s.push_str(&format!("{c} |\n\n"));
    }
    for h in &header {
        s.push_str(&format!("{h} |\n\n"));
    }
    for r in rows {
        for x in r.iter().flatten() {
            s.push_str(&format!("{x} |\n\n"));
        }
    }
    ("t.txt".into(), s.into_bytes())
}

/// [`head_rows`] as text lines, cells split by runs of spaces, empty cells left out.
fn head_spaces(p: &Project) -> String {
    head_rows(p)
        .iter()
        .map(|r| {
            let cells: Vec<&str> = r.iter().map(String::as_str).filter(|c| !c.is_empty()).collect();
            format!("{}\n", cells.join("    "))
        })
        .collect()
}

/// A row as a text line whose cells are split by runs of spaces, an empty cell as `—`.
fn spaced_line(cells: impl IntoIterator<Item = String>) -> String {
    let cells: Vec<String> = cells.into_iter().map(|x| if x.is_empty() { "—".to_string() } else { x }).collect();
    format!("{}\n", cells.join("    "))
}

/// Text lines with cells split by runs of spaces; a merged cell printed on its first row.
fn spaces(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (header, rows) = table(p, c);
    let mut s = format!("{}\n", title(p));
    s.push_str(&head_spaces(p));
    s.push_str(&format!("{}\n", header.join("    ")));
    for r in rows {
        s.push_str(&spaced_line(r.into_iter().flatten()));
    }
    ("t.txt".into(), s.into_bytes())
}

/// A real HTML table, merged cells as rowspans.
fn html(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (header, rows) = table(p, c);
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut s = format!(
        "<html><head><meta charset=\"utf-8\"></head><body><p>{}</p><table>",
        title(p)
    );
    for r in head_rows(p) {
        s.push_str("<tr>");
        for c in &r {
            s.push_str(&format!("<td>{}</td>", esc(c)));
        }
        s.push_str("</tr>");
    }
    s.push_str("<tr>");
    for h in &header {
        s.push_str(&format!("<td>{h}</td>"));
    }
    s.push_str("</tr>");
    // How many rows each merged cell spans.
    let span = |i: usize, col: usize| {
        1 + rows[i + 1..]
            .iter()
            .take_while(|r| r[col].is_none())
            .count()
    };
    for (i, r) in rows.iter().enumerate() {
        s.push_str("<tr>");
        for (col, x) in r.iter().enumerate() {
            if let Some(x) = x {
                let n = if col < 2 { span(i, col) } else { 1 };
                if n > 1 {
                    s.push_str(&format!("<td rowspan=\"{n}\">{}</td>", esc(x)));
                } else {
                    s.push_str(&format!("<td>{}</td>", esc(x)));
                }
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</table></body></html>");
    ("t.html".into(), s.into_bytes())
}

/// An indentation tree: 一级 / 二级 / 三级 at growing indentation, the value on its own line.
fn tree(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (_, rows) = table(p, c);
    let mut s = format!("{}\n", title(p));
    for (l, v) in head(p) {
        s.push_str(&format!("{l}：{v}\n"));
    }
    s.push_str("绩效指标\n");
    for r in &rows {
        if let Some(l1) = &r[0] {
            s.push_str(&format!("{l1}\n"));
        }
        if let Some(l2) = &r[1] {
            s.push_str(&format!("  {l2}\n"));
        }
        s.push_str(&format!("    {}\n", r[2].as_deref().unwrap_or_default()));
        let target_col = 3 + usize::from(c.description.is_some());
        s.push_str(&format!("      {}\n", r[target_col].as_deref().unwrap_or_default()));
    }
    ("t.txt".into(), s.into_bytes())
}

/// Split `≥95%` into operator, figure and unit, as forms with 计算符号 / 指标值 / 计量单位
/// columns print it; a qualitative value stays whole in 指标值.
fn split_target(t: &str) -> (String, String, String) {
    let ops = ["≥", "≤", ">=", "<=", "＞", "＜", ">", "<", "="];
    let (op, rest) = ops
        .iter()
        .find_map(|o| t.strip_prefix(o).map(|r| (o.to_string(), r)))
        .unwrap_or_default();
    let rest = if op.is_empty() { t } else { rest };
    let fig: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let unit = &rest[fig.len()..];
    if fig.is_empty() || unit.chars().any(|c| c.is_ascii_digit()) || unit.chars().count() > 4 {
        return (String::new(), t.to_string(), String::new());
    }
    (op, fig, unit.to_string())
}

/// Each row's level cells (`None` where a merged cell stands), its target as printed, and
/// the target split into sign, figure and unit ([`split_target`]).
fn split_rows(p: &Project, c: &Columns) -> Vec<(Vec<Option<String>>, String, (String, String, String))> {
    let (_, rows) = table(p, c);
    let target_col = 3 + usize::from(c.description.is_some());
    rows.into_iter()
        .map(|mut r| {
            let t = r[target_col].clone().unwrap_or_default();
            let split = split_target(&t);
            r.truncate(3);
            (r, t, split)
        })
        .collect()
}

/// Pipe rows where the target is split over 计算符号 | 指标值 | 计量单位.
fn pipe_split(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let mut s = format!("{}\n\n", title(p));
    s.push_str(&head_pipe(p));
    let mut header: Vec<&str> = c.level.to_vec();
    header.extend(["计算符号", "指标值", "计量单位"]);
    s.push_str(&format!("| {} |\n", header.join(" | ")));
    for (levels, _, (op, fig, unit)) in split_rows(p, c) {
        let mut cells: Vec<String> = levels.into_iter().map(Option::unwrap_or_default).collect();
        cells.extend([op, fig, unit]);
        s.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    ("t.md".into(), s.into_bytes())
}

/// The split columns (计算符号 | 指标值 | 计量单位) one cell per line, empty cells absent (a
/// flattened web table: a qualitative value prints no sign and no unit).
fn split_lines(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let mut s = format!("{}\n", title(p));
    s.push_str(&head_lines(p));
    s.push_str("绩效指标\n");
    for h in c.level.iter().chain(&["计算符号", "指标值", "计量单位"]) {
        s.push_str(&format!("{h}\n"));
    }
    for (levels, _, (op, fig, unit)) in split_rows(p, c) {
        for x in levels.into_iter().flatten().chain([op, fig, unit]) {
            if !x.is_empty() {
                s.push_str(&format!("{x}\n"));
            }
        }
    }
    ("t.txt".into(), s.into_bytes())
}

/// The split columns in text lines whose cells are split by runs of spaces, an empty cell
/// printed as `—`.
fn split_spaces(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let mut s = format!("{}\n", title(p));
    s.push_str(&head_spaces(p));
    let mut header: Vec<&str> = c.level.to_vec();
    header.extend(["计算符号", "指标值", "计量单位"]);
    s.push_str(&format!("{}\n", header.join("    ")));
    for (levels, _, (op, fig, unit)) in split_rows(p, c) {
        s.push_str(&spaced_line(levels.into_iter().flatten().chain([op, fig, unit])));
    }
    ("t.txt".into(), s.into_bytes())
}

/// A 指标性质 column holding the sign (`≥`, `≤`), or `定量` / `定性` where the value has none,
/// beside 指标值 and 度量单位.
fn pipe_nature(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let mut s = format!("{}\n\n", title(p));
    s.push_str(&head_pipe(p));
    let mut header: Vec<&str> = c.level.to_vec();
    header.extend(["指标性质", "指标值", "度量单位"]);
    s.push_str(&format!("| {} |\n", header.join(" | ")));
    for (levels, t, (op, fig, unit)) in split_rows(p, c) {
        let nature = if !op.is_empty() {
            op
        } else if unit.is_empty() && fig == t {
            // A value in words (or a figure printed with its words): 定性.
            if t.starts_with(|c: char| c.is_ascii_digit()) { "定量".to_string() } else { "定性".to_string() }
        } else {
            "定量".to_string()
        };
        let mut cells: Vec<String> = levels.into_iter().map(Option::unwrap_or_default).collect();
        cells.extend([nature, fig, unit]);
        s.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    ("t.md".into(), s.into_bytes())
}

/// The indicators as a narrative list under level headings, as reports print them:
/// `（一）产出指标` / `1.数量指标：开设课程数量：220门；培训人次：≥500人次。`
fn prose(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (_, rows) = table(p, c);
    let mut s = format!("{}\n", title(p));
    for (l, v) in head(p) {
        s.push_str(&format!("{l}：{v}\n"));
    }
    s.push_str("绩效指标\n");
    let target_col = 3 + usize::from(c.description.is_some());
    let numerals = ["一", "二", "三", "四", "五", "六"];
    let (mut n1, mut n2) = (0, 0);
    let mut line = String::new();
    for r in &rows {
        if r[0].is_some() || r[1].is_some() {
            if !line.is_empty() {
                s.push_str(&format!("{}。\n", line.trim_end_matches('；')));
                line.clear();
            }
        }
        if let Some(l1) = &r[0] {
            s.push_str(&format!("（{}）{l1}\n", numerals[n1 % numerals.len()]));
            n1 += 1;
            n2 = 0;
        }
        if let Some(l2) = &r[1] {
            n2 += 1;
            line.push_str(&format!("{n2}.{l2}："));
        }
        let name = r[2].as_deref().unwrap_or_default();
        let target = r[target_col].as_deref().unwrap_or_default();
        line.push_str(&format!("{name}：{target}；"));
    }
    if !line.is_empty() {
        s.push_str(&format!("{}。\n", line.trim_end_matches('；')));
    }
    ("t.txt".into(), s.into_bytes())
}

/// Rows on lines of their own with the cells glued together, as PDF conversion prints them
/// (a merged cell on its first row only).
fn glued_rows(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (header, rows) = table(p, c);
    let mut s = format!("{}\n", title(p));
    for (l, v) in head(p) {
        s.push_str(&format!("{l}{v}\n"));
    }
    s.push_str(&format!("{}\n", header.concat()));
    for r in rows {
        let cells: Vec<String> = r.iter().flatten().cloned().collect();
        s.push_str(&format!("{}\n", cells.concat()));
    }
    ("t.txt".into(), s.into_bytes())
}

/// A figure as a form prints it: `10`, `9.5`.
fn figure(x: Option<f64>) -> String {
    x.map(|x| {
        // Shortest form that reads back the same: `10`, `9.5`, `38.766462`.
        format!("{x}")
    })
    .unwrap_or_default()
}

/// A 自评表's indicator table: 年度指标值, 实际完成值, 分值, 得分 and 偏差原因, each row's
/// cells as `(cells, merged)`; level names on their group's first row only.
fn eval_table(p: &Project, variant: usize) -> (Vec<String>, Vec<Vec<Option<String>>>) {
    /// A 自评表's value columns.
    #[derive(Clone, Copy)]
    enum V {
        Target,
        Actual,
        Weight,
        Score,
        Deviation,
    }
    use V::*;
    // Orders and wordings real 自评表 print.
    let forms: [&[(&str, V)]; 4] = [
        &[("年度指标值", Target), ("实际完成值", Actual), ("分值", Weight), ("得分", Score), ("偏差原因分析及改进措施", Deviation)],
        &[("分值", Weight), ("指标值(A)", Target), ("全年实际值(B)", Actual), ("得分", Score), ("未完成原因分析及改进措施", Deviation)],
        &[("年度指标值", Target), ("全年完成值", Actual), ("指标权重", Weight), ("指标得分", Score), ("偏差原因分析", Deviation)],
        &[("预期指标值", Target), ("实际完成指标值", Actual), ("分值", Weight), ("得分", Score), ("未完成原因和改进措施", Deviation)],
    ];
    // A form that prints no 分值 has no 分值 column (flattened, a lone figure would be read
    // as the weight, not the score).
    let weighted = p.rows.iter().any(|r| r.weight.is_some());
    let form: Vec<(&str, V)> =
        forms[variant % forms.len()].iter().copied().filter(|(_, v)| weighted || !matches!(v, Weight)).collect();
    let mut header: Vec<String> = ["一级指标", "二级指标", "三级指标"].map(str::to_string).to_vec();
    header.extend(form.iter().map(|(h, _)| h.to_string()));
    let rows = p
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let prev = i.checked_sub(1).map(|j| &p.rows[j]);
            let new1 = prev.is_none_or(|q| q.level1 != r.level1);
            let new2 = new1 || prev.is_none_or(|q| q.level2 != r.level2);
            let mut cells = vec![
                new1.then(|| r.level1.clone()),
                new2.then(|| r.level2.clone()),
                Some(r.level3.clone()),
            ];
            cells.extend(form.iter().map(|(_, v)| {
                Some(match v {
                    Target => r.target.clone(),
                    Actual => r.actual.clone().unwrap_or_default(),
                    Weight => figure(r.weight),
                    Score => figure(r.score),
                    Deviation => String::new(),
                })
            }));
            cells
        })
        .collect();
    (header, rows)
}

fn eval_title(p: &Project) -> String {
    format!("{}年度项目支出绩效自评表", p.year)
}

/// A 自评表 in pipe rows, merged cells blank.
fn eval_pipe(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (header, rows) = eval_table(p, c.variant);
    let mut s = format!("{}\n\n", eval_title(p));
    for (l, v) in head(p) {
        s.push_str(&format!("| {l} | {v} |\n"));
    }
    s.push_str(&format!("| {} |\n", header.join(" | ")));
    for r in rows {
        let cells: Vec<String> = r.iter().map(|x| x.clone().unwrap_or_default()).collect();
        s.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    ("t.md".into(), s.into_bytes())
}

/// A 自评表 flattened to one cell per line, merged and empty cells absent.
fn eval_lines(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (header, rows) = eval_table(p, c.variant);
    let mut s = format!("{}\n", eval_title(p));
    for (l, v) in head(p) {
        s.push_str(&format!("{l}\n{v}\n"));
    }
    for h in &header {
        s.push_str(&format!("{h}\n"));
    }
    for r in rows {
        for x in r.iter().flatten().filter(|x| !x.is_empty()) {
            s.push_str(&format!("{x}\n"));
        }
    }
    ("t.txt".into(), s.into_bytes())
}

/// A 自评表 as a real HTML table with rowspans.
fn eval_html(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (header, rows) = eval_table(p, c.variant);
    let mut s = format!(
        "<html><head><meta charset=\"utf-8\"></head><body><p>{}</p><table>",
        eval_title(p)
    );
    for (l, v) in head(p) {
        s.push_str(&format!("<tr><td>{l}</td><td colspan=\"7\">{v}</td></tr>"));
    }
    s.push_str(&format!("<tr><td>{}</td></tr>", header.join("</td><td>")));
    let span = |i: usize, col: usize| 1 + rows[i + 1..].iter().take_while(|r| r[col].is_none()).count();
    for (i, r) in rows.iter().enumerate() {
        s.push_str("<tr>");
        for (col, x) in r.iter().enumerate() {
            if let Some(x) = x {
                let n = if col < 2 { span(i, col) } else { 1 };
                s.push_str(&format!("<td rowspan=\"{n}\">{x}</td>"));
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</table></body></html>");
    ("t.html".into(), s.into_bytes())
}

/// A 自评表 in text lines, cells split by runs of spaces, empty cells as `—`.
fn eval_spaces(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (header, rows) = eval_table(p, c.variant);
    let mut s = format!("{}\n", eval_title(p));
    for (l, v) in head(p) {
        s.push_str(&format!("{l}    {v}\n"));
    }
    s.push_str(&format!("{}\n", header.join("    ")));
    for r in rows {
        s.push_str(&spaced_line(r.into_iter().flatten()));
    }
    ("t.txt".into(), s.into_bytes())
}

/// Simplified characters of the forms' words and units in their traditional forms, as
/// documents of 港澳台-style converters and some county sites print them.
const TRADITIONAL: &[(char, char)] = &[
    ('产', '產'), ('标', '標'), ('级', '級'), ('数', '數'), ('质', '質'), ('时', '時'),
    ('满', '滿'), ('经', '經'), ('济', '濟'), ('会', '會'), ('态', '態'), ('续', '續'),
    ('响', '響'), ('务', '務'), ('对', '對'), ('项', '項'), ('称', '稱'), ('资', '資'),
    ('预', '預'), ('门', '門'), ('单', '單'), ('实', '實'), ('际', '際'), ('绩', '績'),
    ('额', '額'), ('财', '財'), ('拨', '撥'), ('总', '總'), ('体', '體'), ('设', '設'),
    ('计', '計'), ('划', '劃'), ('发', '發'), ('达', '達'), ('护', '護'), ('维', '維'),
    ('训', '訓'), ('应', '應'), ('灾', '災'), ('险', '險'), ('传', '傳'), ('众', '眾'),
    ('检', '檢'), ('验', '驗'), ('农', '農'), ('业', '業'), ('卫', '衛'), ('环', '環'),
    ('万', '萬'), ('个', '個'), ('户', '戶'), ('养', '養'), ('补', '補'), ('贴', '貼'),
    ('报', '報'), ('据', '據'), ('确', '確'), ('规', '規'), ('范', '範'), ('宁', '寧'),
    ('县', '縣'), ('区', '區'), ('镇', '鎮'), ('乡', '鄉'), ('围', '圍'), ('员', '員'),
    ('测', '測'), ('观', '觀'), ('识', '識'), ('证', '證'), ('开', '開'), ('关', '關'),
    ('这', '這'), ('为', '為'), ('与', '與'), ('从', '從'), ('们', '們'), ('个', '個'),
    ('购', '購'), ('费', '費'), ('达', '達'), ('过', '過'), ('进', '進'), ('运', '運'),
    ('营', '營'), ('区', '區'), ('场', '場'), ('处', '處'), ('办', '辦'), ('宣', '宣'),
    ('务', '務'), ('导', '導'), ('层', '層'), ('项', '項'), ('问', '問'), ('题', '題'),
    ('动', '動'), ('劳', '勞'), ('学', '學'), ('专', '專'), ('长', '長'), ('东', '東'),
    ('车', '車'), ('辆', '輛'), ('线', '線'), ('网', '網'), ('络', '絡'), ('电', '電'),
    ('书', '書'), ('记', '記'), ('录', '錄'), ('档', '檔'), ('案', '案'), ('数', '數'),
];

fn traditional(s: &str) -> String {
    s.chars()
        .map(|c| TRADITIONAL.iter().find(|(a, _)| *a == c).map_or(c, |(_, t)| *t))
        .collect()
}

/// The whole project in traditional characters, values and names too.
fn in_traditional(p: &Project) -> Project {
    let t = |s: &String| traditional(s);
    Project {
        source: p.source.clone(),
        name: t(&p.name),
        department: t(&p.department),
        year: p.year,
        budget: p.budget,
        goal: p.goal.as_ref().map(t),
        plan: p.plan,
        rows: p
            .rows
            .iter()
            .map(|r| Row {
                level1: t(&r.level1),
                level2: t(&r.level2),
                level3: t(&r.level3),
                description: r.description.as_ref().map(t),
                target: t(&r.target),
                basis: r.basis.as_ref().map(t),
                actual: r.actual.as_ref().map(t),
                weight: r.weight,
                score: r.score,
            })
            .collect(),
    }
}

/// Pipe rows with rowspans dropped, in traditional characters (headers and title too).
fn trad_pipe(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (name, bytes) = pipe_absent(p, c);
    (name, traditional(&String::from_utf8(bytes).unwrap()).into_bytes())
}

/// One cell per line, in traditional characters.
fn trad_lines(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (name, bytes) = cell_lines(p, c);
    (name, traditional(&String::from_utf8(bytes).unwrap()).into_bytes())
}

/// The national 申报表's HTML: a 绩效指标 label cell spanning the header and every row at
/// the left, and (every other table) a two-row header whose 绩效指标 spans the three
/// levels above 一级 / 二级 / 三级.
fn html_form(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (header, rows) = table(p, c);
    let mut s = format!(
        "<html><head><meta charset=\"utf-8\"></head><body><p>{}</p><table>",
        title(p)
    );
    for (l, v) in head(p) {
        s.push_str(&format!(
            "<tr><td colspan=\"2\">{l}</td><td colspan=\"{}\">{v}</td></tr>",
            header.len() - 1
        ));
    }
    if let Some(plan) = p.plan {
        s.push_str("<tr><td colspan=\"2\" rowspan=\"2\">资金支出计划（%）</td>");
        for m in ["3月底", "6月底", "10月底", "12月底"] {
            s.push_str(&format!("<td>{m}</td>"));
        }
        s.push_str("</tr><tr>");
        for x in plan {
            s.push_str(&format!("<td>{}</td>", figure(Some(x))));
        }
        s.push_str("</tr>");
    }
    let two_rows = c.variant % 2 == 1;
    let span_all = rows.len() + if two_rows { 2 } else { 1 };
    s.push_str(&format!("<tr><td rowspan=\"{span_all}\">绩效指标</td>"));
    if two_rows {
        s.push_str("<td colspan=\"3\">指标</td>");
        for h in &header[3..] {
            s.push_str(&format!("<td rowspan=\"2\">{h}</td>"));
        }
        s.push_str("</tr><tr>");
        for h in &header[..3] {
            s.push_str(&format!("<td>{h}</td>"));
        }
    } else {
        for h in &header {
            s.push_str(&format!("<td>{h}</td>"));
        }
    }
    s.push_str("</tr>");
    let span = |i: usize, col: usize| 1 + rows[i + 1..].iter().take_while(|r| r[col].is_none()).count();
    for (i, r) in rows.iter().enumerate() {
        s.push_str("<tr>");
        for (col, x) in r.iter().enumerate() {
            if let Some(x) = x {
                let n = if col < 2 { span(i, col) } else { 1 };
                s.push_str(&format!("<td rowspan=\"{n}\">{x}</td>"));
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</table></body></html>");
    ("t.html".into(), s.into_bytes())
}

/// [`html_form`] flattened to one cell per line, as a web page's text copy prints it: the
/// upper header row (`绩效指标`, `指标`, `指标值`…) before the lower (`一级指标`…).
fn form_lines(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (header, rows) = table(p, c);
    let mut s = format!("{}\n", title(p));
    s.push_str(&head_lines(p));
    s.push_str("绩效指标\n");
    if c.variant % 2 == 1 {
        s.push_str("指标\n");
        for h in &header[3..] {
            s.push_str(&format!("{h}\n"));
        }
        for h in &header[..3] {
            s.push_str(&format!("{h}\n"));
        }
    } else {
        for h in &header {
            s.push_str(&format!("{h}\n"));
        }
    }
    for r in rows {
        for x in r.iter().flatten().filter(|x| !x.is_empty()) {
            s.push_str(&format!("{x}\n"));
        }
    }
    ("t.txt".into(), s.into_bytes())
}

/// A 部门整体支出绩效目标表: the department's name and goal above the indicator table, the
/// merged cells blank (pipe rows).
fn dept_pipe(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (header, rows) = table(p, c);
    let mut s = format!("{}年度部门整体支出绩效目标表\n\n", p.year);
    s.push_str(&format!("| 部门名称 | {} |\n", p.department));
    if let Some(g) = &p.goal {
        s.push_str(&format!("| 年度总体目标 | {g} |\n"));
    }
    s.push_str(&format!("| {} |\n", header.join(" | ")));
    for r in rows {
        let cells: Vec<String> = r.iter().map(|x| x.clone().unwrap_or_default()).collect();
        s.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    ("t.md".into(), s.into_bytes())
}

/// The same, one cell per line, merged cells absent.
fn dept_lines(p: &Project, c: &Columns) -> (String, Vec<u8>) {
    let (header, rows) = table(p, c);
    let mut s = format!("{}年度部门整体支出绩效目标表\n部门名称\n{}\n", p.year, p.department);
    if let Some(g) = &p.goal {
        s.push_str(&format!("年度总体目标\n{g}\n"));
    }
    for h in &header {
        s.push_str(&format!("{h}\n"));
    }
    for r in rows {
        for x in r.iter().flatten().filter(|x| !x.is_empty()) {
            s.push_str(&format!("{x}\n"));
        }
    }
    ("t.txt".into(), s.into_bytes())
}

/// What a reading of the printed table must give.
fn expected(p: &Project, c: &Columns, with_desc_basis: bool, eval: bool) -> Value {
    let rows: Vec<Value> = p
        .rows
        .iter()
        .map(|r| {
            let mut row = json!({
                "level1": r.level1, "level2": r.level2, "level3": r.level3,
                "description": if with_desc_basis && c.description.is_some() { r.description.clone() } else { None },
                "target": r.target,
                "basis": if with_desc_basis && c.basis.is_some() { r.basis.clone() } else { None },
            });
            if eval {
                row["actual"] = json!(r.actual);
                row["weight"] = json!(r.weight);
                row["score"] = json!(r.score);
            }
            row
        })
        .collect();
    json!({"projects": [{
        "name": p.name,
        "budget_total": p.budget[0], "budget_fiscal": p.budget[1], "budget_other": p.budget[2],
        "goals": p.goal.iter().collect::<Vec<_>>(),
        "spending_plan": p.plan,
        "indicators": rows,
    }]})
}

/// The layouts that print the spending plan (资金支出计划).
const PLANS: &[&str] = &[
    "pipe_full", "pipe_blank", "pipe_absent", "pipe_split", "cell_lines", "cell_bars", "spaces",
    "html", "html_form", "form_lines", "trad_pipe", "trad_lines",
];

/// What each layout must reach (rows F1): a ratchet just under today's figures.
/// (Lowered once, 2026-12-07 evening, where batch 9's goldens joined the printings with
/// content the old ones lacked — a group's numbered sub-items `一、…` / `1、…` under one level,
/// a value cell that repeats its name — while every earlier golden's printings read the same:
/// tree 0.958 → 0.95, glued rows 0.935 → 0.915 and 0.85 → 0.835 with three projects, glued
/// with 指标解释 0.71 → 0.70, 自评表 in spaces 0.92 → 0.89. Once more, 2026-12-07 night, for
/// batch 10's: a 自评表 whose benefit rows print a clause as name and a sentence as value
/// (`拓展彩票销售渠道,捉升彩票销售量` | `同比2022年销量显著提高`), which glued together leave no
/// mark where the name ends: glued rows 0.915 → 0.91.)
const FLOORS: &[(&str, f64)] = &[
    ("pipe_full", 0.99),
    ("pipe_blank", 0.99),
    ("pipe_absent", 0.99),
    ("cell_lines", 0.98),
    ("cell_bars", 0.98),
    ("spaces", 0.99),
    ("html", 0.99),
    ("html_form", 0.99),
    ("form_lines", 0.98),
    ("tree", 0.95),
    ("pipe_split", 0.99),
    ("split_lines", 0.99),
    ("split_spaces", 0.99),
    ("pipe_nature", 0.99),
    ("prose", 0.85),
    ("glued_rows", 0.91),
    ("glued_full", 0.70),
    ("eval_pipe", 0.98),
    ("eval_lines", 0.91),
    ("eval_html", 0.98),
    ("eval_spaces", 0.89),
    ("trad_pipe", 0.99),
    ("trad_lines", 0.98),
    ("dept_pipe", 0.99),
    ("dept_lines", 0.98),
];

/// How a layout prints a project: its indicator table alone, or a 自评表 with actuals.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// 绩效目标表, with the description and basis columns where the golden has them.
    Targets,
    /// 绩效目标表 without description and basis.
    TargetsOnly,
    /// 绩效目标表 in traditional characters: the project printed and expected so.
    Traditional,
    /// 部门整体 table: the rows are the department's, the goal its overall goal.
    Department,
    /// 自评表: only projects whose rows all carry 实际完成值 and 得分.
    Evaluation,
}

#[test]
fn every_layout_reads_the_same_tables() {
    let projects = projects();
    assert!(projects.len() >= 60, "{} projects to print", projects.len());
    use Kind::*;
    let layouts: &[(&str, Render, Kind)] = &[
        ("pipe_full", pipe_full, Targets),
        ("pipe_blank", pipe_blank, Targets),
        ("pipe_absent", pipe_absent, Targets),
        ("cell_lines", cell_lines, Targets),
        ("cell_bars", cell_bars, Targets),
        ("spaces", spaces, Targets),
        ("html", html, Targets),
        ("html_form", html_form, Targets),
        ("form_lines", form_lines, Targets),
        ("tree", tree, TargetsOnly),
        ("pipe_split", pipe_split, TargetsOnly),
        ("split_lines", split_lines, TargetsOnly),
        ("split_spaces", split_spaces, TargetsOnly),
        ("pipe_nature", pipe_nature, TargetsOnly),
        ("prose", prose, TargetsOnly),
        ("glued_rows", glued_rows, TargetsOnly),
        ("glued_full", glued_rows, Targets),
        ("eval_pipe", eval_pipe, Evaluation),
        ("eval_lines", eval_lines, Evaluation),
        ("eval_html", eval_html, Evaluation),
        ("eval_spaces", eval_spaces, Evaluation),
        ("trad_pipe", trad_pipe, Traditional),
        ("trad_lines", trad_lines, Traditional),
        ("dept_pipe", dept_pipe, Department),
        ("dept_lines", dept_lines, Department),
    ];
    let mut report = format!("{} projects, {} rows\nlayout        rows F1  projects F1\n", projects.len(),
        projects.iter().map(|p| p.rows.len()).sum::<usize>());
    let mut scores: BTreeMap<&str, Score> = BTreeMap::new();
    let mut misreadings: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    // Per layout: project fields right, fields printed, first misreadings.
    let mut fields: BTreeMap<&str, (usize, usize, Vec<String>)> = BTreeMap::new();
    for (k, p) in projects.iter().enumerate() {
        let evaluated = p.rows.iter().all(|r| r.actual.is_some());
        for &(name, render, kind) in layouts {
            if (kind == Evaluation) != evaluated {
                continue;
            }
            let c = columns(k, p);
            let c = if matches!(kind, Targets | Traditional | Department) {
                c
            } else {
                Columns { description: None, basis: None, ..c }
            };
            let trad;
            let p = if kind == Traditional {
                trad = in_traditional(p);
                &trad
            } else {
                p
            };
            // Layouts that print no spending plan expect none.
            let planless;
            let p = if PLANS.contains(&name) {
                p
            } else {
                planless = Project { plan: None, ..p.clone() };
                &planless
            };
            let (file, bytes) = render(p, &c);
            if let Ok(dir) = std::env::var("LAYOUT_DUMP") {
                let ext = file.rsplit('.').next().unwrap_or("txt");
                let path = format!("{dir}/{name}-{k:03}.{ext}");
                std::fs::write(path, &bytes).unwrap();
            }
            let want = expected(p, &c, matches!(kind, Targets | Traditional | Department), kind == Evaluation);
            let want = if kind == Department {
                let project = &want["projects"][0];
                json!({
                    "department_indicators": project["indicators"],
                    "overall_goals": project["goals"],
                    "projects": [],
                })
            } else {
                want
            };
            let got = match jixiao_carriers::read_bytes(&file, &bytes) {
                Ok(reading) => {
                    serde_json::to_value(jixiao_model::record::ExtractionRecord::from(&reading.document))
                        .unwrap()
                }
                Err(_) => json!({"projects": []}),
            };
            let mut one = Score::default();
            one.add(&want, &got);
            if one.exact_rows < one.gold_rows || one.out_rows != one.gold_rows {
                misreadings.entry(name).or_default().push(format!(
                    "{} ({}): {}/{} exact, {} read; {}",
                    p.source,
                    p.name,
                    one.exact_rows,
                    one.gold_rows,
                    one.out_rows,
                    one.mismatches.first().cloned().unwrap_or_default()
                ));
            }
            scores.entry(name).or_default().add(&want, &got);
            // The project's own fields: budget and goal (a department's: its goal).
            if kind == Department {
                let f = fields.entry(name).or_default();
                if want["overall_goals"].as_array().is_some_and(|g| !g.is_empty()) {
                    f.1 += 1;
                    if crate::score::same(&want["overall_goals"], &got["overall_goals"]) {
                        f.0 += 1;
                    } else if f.2.len() < 6 {
                        f.2.push(format!("{}: overall_goals got {}", p.source, got["overall_goals"]));
                    }
                }
                continue;
            }
            let gp = &want["projects"][0];
            let op = got["projects"].as_array().and_then(|ps| {
                ps.iter().find(|q| crate::score::same(&q["name"], &gp["name"])).or(ps.first())
            });
            let f = fields.entry(name).or_default();
            for key in ["budget_total", "budget_fiscal", "budget_other", "goals", "spending_plan"] {
                let w = &gp[key];
                if w.is_null() || w.as_array().is_some_and(Vec::is_empty) {
                    continue;
                }
                f.1 += 1;
                if op.is_some_and(|q| crate::score::same(&q[key], w)) {
                    f.0 += 1;
                } else if f.2.len() < 6 {
                    f.2.push(format!(
                        "{} ({}): {key} want {w} got {}",
                        p.source,
                        p.name,
                        op.map_or(Value::Null, |q| q[key].clone())
                    ));
                }
            }
        }
    }
    for &(name, _, _) in layouts {
        let Some(s) = scores.get(name) else { continue };
        let f = &fields[name];
        report.push_str(&format!(
            "{name:<12} {:>8.3} {:>12.3}  ({} rows)  budget and goal {}/{}\n",
            s.row_f1(),
            s.project_f1(),
            s.gold_rows,
            f.0,
            f.1
        ));
    }
    for (name, (_, _, m)) in &fields {
        if !m.is_empty() {
            report.push_str(&format!("\n{name}: project fields misread\n"));
            for line in m {
                report.push_str(&format!("  {line}\n"));
            }
        }
    }
    for (name, m) in &misreadings {
        report.push_str(&format!("\n{name}: {} projects misread\n", m.len()));
        for line in m.iter().take(std::env::var("LAYOUT_SHOW").ok().and_then(|v| v.parse().ok()).unwrap_or(8)) {
            report.push_str(&format!("  {line}\n"));
        }
    }
    println!("{report}");
    for (name, (right, printed, _)) in &fields {
        let share = *right as f64 / (*printed).max(1) as f64;
        assert!(share >= 0.95, "{name}: budget and goal {right}/{printed}\n{report}");
    }
    for &(name, floor) in FLOORS {
        let f1 = scores.get(name).map_or(0.0, Score::row_f1);
        assert!(f1 >= floor, "{name}: rows F1 {f1:.3} under {floor}\n{report}");
    }
}

/// A department publishes its projects one after another in one document: every project
/// must come out with its own rows, whatever the layout and whether each table repeats the
/// title. Three projects per document, the goldens' projects in turn.
#[test]
fn projects_one_after_another() {
    let projects = projects();
    let layouts: &[(&str, Render)] = &[
        ("pipe_absent", pipe_absent),
        ("cell_lines", cell_lines),
        ("spaces", spaces),
        ("form_lines", form_lines),
        ("glued_rows", glued_rows),
        ("tree", tree),
    ];
    let mut report = String::from("layout        rows F1  projects F1  (3 projects a document)\n");
    let mut failures = Vec::new();
    let mut floors = Vec::new();
    for &(name, render) in layouts {
        let mut score = Score::default();
        let mut shown = 0;
        for (d, chunk) in projects.chunks(3).enumerate() {
            let mut text = String::new();
            let mut want = Vec::new();
            for (j, p) in chunk.iter().enumerate() {
                let k = d * 3 + j;
                let c = Columns { description: None, basis: None, ..columns(k, p) };
                let (_, bytes) = render(p, &c);
                let one = String::from_utf8(bytes).unwrap();
                // Every other document prints the title once, above the first table.
                let one = if d % 2 == 1 && j > 0 {
                    one.split_once('\n').map_or(one.clone(), |(_, rest)| rest.to_string())
                } else {
                    one
                };
                text.push_str(&one);
                text.push('\n');
                want.push(expected(p, &c, false, false)["projects"][0].clone());
            }
            let want = json!({"projects": want});
            if let Ok(dir) = std::env::var("LAYOUT_DUMP") {
                std::fs::write(format!("{dir}/multi_{name}-{d:03}.txt"), &text).unwrap();
                std::fs::write(format!("{dir}/multi_{name}-{d:03}.want"), want.to_string()).unwrap();
            }
            let got = match jixiao_carriers::read_bytes("t.txt", text.as_bytes()) {
                Ok(r) => serde_json::to_value(jixiao_model::record::ExtractionRecord::from(&r.document))
                    .unwrap(),
                Err(_) => json!({"projects": []}),
            };
            let mut one = Score::default();
            one.add(&want, &got);
            if (one.matched_projects < one.gold_projects || one.out_projects != one.gold_projects)
                && shown < 4
            {
                shown += 1;
                failures.push(format!(
                    "{name} document {d}: {} of {} projects found, {} read; {}",
                    one.matched_projects,
                    one.gold_projects,
                    one.out_projects,
                    one.mismatches.first().cloned().unwrap_or_default()
                ));
            }
            score.add(&want, &got);
        }
        report.push_str(&format!("{name:<12} {:>8.3} {:>12.3}\n", score.row_f1(), score.project_f1()));
        floors.push((name, score.project_f1(), score.row_f1()));
    }
    for f in &failures {
        report.push_str(&format!("  {f}\n"));
    }
    println!("{report}");
    // Every project found in every layout; rows as the single-project layouts read them
    // (a ratchet under today's figures).
    for (name, projects_f1, rows_f1) in floors {
        let rows_floor = if name == "glued_rows" { 0.835 } else { 0.9 };
        assert!(projects_f1 >= 0.99 && rows_f1 >= rows_floor, "{name}\n{report}");
    }
}
