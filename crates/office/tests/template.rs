//! The 项目支出绩效目标申报表 template (issue 17): written blank or prefilled, filled in as a
//! user would, saved by LibreOffice, and read back by the one reading path
//! (`jixiao_carriers::read_bytes`, what the upload uses) to exactly what was in it; filled in
//! wrongly, refused whole with messages naming the cells.

mod support;

use std::io::{Read, Write};
use std::path::Path;

use jixiao_model::{Decimal, Document, Level1, Level2, Project};
use jixiao_carriers::template as layout;
use jixiao_office::template::{self, TemplateFill};
use jixiao_carriers::CarrierError;
use support::seeds;

/// The fields of a project a filler types, as comparable values.
fn fields(p: &Project) -> serde_json::Value {
    let text = |v: &Option<jixiao_model::Located<String>>| v.as_ref().map(|v| v.value.clone());
    let money = |m: &Option<jixiao_model::Located<jixiao_model::Money>>| {
        m.as_ref().map(|m| m.value.0.normalize().to_string())
    };
    serde_json::json!({
        "name": p.name.value,
        "code": text(&p.code),
        "unit": p.unit.as_ref().map(|u| u.printed.clone()),
        "budget": [money(&p.budget.total), money(&p.budget.fiscal), money(&p.budget.other)],
        "purpose": text(&p.purpose),
        // The form prints the plan's row: left empty, it reads as a plan of no month, which is
        // what "no plan" was typed as.
        "plan": p.spending_plan.as_ref().filter(|s| s.cumulative_percent.iter().any(Option::is_some)).map(|s| s.cumulative_percent.iter().map(|v| v.as_ref().map(|v| v.value.normalize().to_string())).collect::<Vec<_>>()),
        "goals": p.goals.iter().map(|g| g.value.clone()).collect::<Vec<_>>(),
        "indicators": p.indicators.iter().map(|i| serde_json::json!({
            "level1": [i.level1.printed.value.clone(), format!("{:?}", i.level1.category)],
            "level2": [i.level2.printed.value.clone(), format!("{:?}", i.level2.category)],
            "level3": text(&i.level3),
            "description": text(&i.description),
            "target": i.target.as_ref().map(|t| (t.value.printed.clone(), format!("{:?}", t.value.value))),
            "basis": text(&i.basis),
        })).collect::<Vec<_>>(),
    })
}

fn read(name: &str, bytes: &[u8]) -> Document {
    jixiao_carriers::read_bytes(name, bytes)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .document
}

/// Reads a filled template back and checks it is the one project with what `want` holds,
/// in `department` and `year`.
fn assert_reads_back(name: &str, bytes: &[u8], department: &str, year: i32, want: &serde_json::Value) {
    let reading = jixiao_carriers::read_bytes(name, bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    // Nothing of the form is left over or misread.
    assert!(reading.diagnostics.is_empty(), "{name}: {:#?}", reading.diagnostics);
    assert!(reading.report.not_understood.is_empty(), "{name}: {:#?}", reading.report.not_understood);
    let doc = reading.document;
    assert_eq!(doc.department.as_ref().map(|d| d.value.as_str()), Some(department), "{name}: 主管部门");
    assert_eq!(doc.year.as_ref().map(|y| y.value), Some(year), "{name}: 年度");
    assert_eq!(doc.projects.len(), 1, "{name}: {:#?}", doc.projects.iter().map(|p| &p.name.value).collect::<Vec<_>>());
    let got = fields(&doc.projects[0]);
    for key in want.as_object().unwrap().keys() {
        assert_eq!(got[key], want[key], "{name}: {key}");
    }
}

/// The first project of each seed (its department and year, or stand-ins when the seed
/// prints none).
fn seed_projects() -> Vec<(String, String, i32, Project)> {
    seeds()
        .into_iter()
        .map(|(name, text, _)| {
            let doc = read(&format!("{name}.txt"), &text);
            let department = doc.department.as_ref().map_or("某县应急管理局".to_string(), |d| d.value.clone());
            let year = doc.year.as_ref().map_or(2024, |y| y.value);
            (name, department, year, doc.projects[0].clone())
        })
        .collect()
}

fn prefilled(department: &str, year: i32, p: &Project) -> Vec<u8> {
    template::write_template(&TemplateFill {
        department: Some(department),
        year: Some(year),
        project: Some(p),
    })
    .unwrap()
}

#[test]
fn seeds_first_projects_round_trip_through_the_template() {
    for (name, department, year, p) in seed_projects() {
        let bytes = prefilled(&department, year, &p);
        assert_reads_back(&format!("{name}.xlsx"), &bytes, &department, year, &fields(&p));
    }
}

/// A cell value typed into the template.
enum Typed<'a> {
    Text(&'a str),
    Number(&'a str),
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Fills cells of a written workbook's first sheet as a spreadsheet program saves what is
/// typed into them: the cell element keeps its style (text format, borders, validation
/// around it), and gets an inline string or a number.
fn fill(bytes: &[u8], cells: &[(&str, Typed<'_>)]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let mut xml = String::from_utf8(data).unwrap();
            for (at, value) in cells {
                // `<c r="B4" s="7"/>`: the blank, styled cell the template has there.
                let start = xml.find(&format!("<c r=\"{at}\"")).unwrap_or_else(|| panic!("{at} 不在模板中"));
                let end = start + xml[start..].find("/>").unwrap() + 2;
                let element = &xml[start..end];
                assert!(!element.contains("</c>"), "{at} 已有内容：{element}");
                let open = element.trim_end_matches("/>");
                let filled = match value {
                    Typed::Text(t) => format!("{open} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>", escape(t)),
                    Typed::Number(n) => format!("{open}><v>{n}</v></c>"),
                };
                xml.replace_range(start..end, &filled);
            }
            data = xml.into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn blank(department: Option<&str>, year: Option<i32>) -> Vec<u8> {
    template::write_template(&TemplateFill { department, year, project: None }).unwrap()
}

/// What a filler types into a blank template of 某县应急管理局 for 2026.
fn typed() -> Vec<(&'static str, Typed<'static>)> {
    use Typed::*;
    vec![
        ("B4", Text("安全生产执法检查专项")),
        ("E5", Text("426002某县应急管理局")),
        ("B6", Text("0012-2026-001")),
        ("C7", Number("12.345")),
        ("C8", Number("10")),
        ("C9", Number("2.345")),
        ("B10", Text("用于全县工贸企业安全生产执法检查、专家服务和培训。")),
        ("B12", Number("30")),
        ("C12", Number("55.5")),
        ("D12", Number("80")),
        ("E12", Number("100")),
        // One goal per row; the third row is left empty.
        ("C13", Text("完成全县工贸企业执法检查全覆盖")),
        ("C14", Text("重大事故零发生")),
        ("A17", Text("产出指标")),
        ("B17", Text("数量指标")),
        ("C17", Text("执法检查企业数")),
        ("D17", Text("全年检查的工贸企业家数")),
        ("E17", Text("≥120家")),
        ("F17", Text("2026年执法检查计划")),
        // The next row leaves its levels to the row above, as the hint allows.
        ("C18", Text("专家服务次数")),
        ("E18", Text("≥4次")),
        ("B19", Text("质量指标")),
        ("C19", Text("隐患整改率")),
        ("E19", Text("95%")),
        ("F19", Text("省应急管理厅要求")),
        ("A20", Text("效益指标")),
        ("B20", Text("社会效益指标")),
        ("C20", Text("较大以上事故起数")),
        ("E20", Text("0起")),
        ("A21", Text("满意度指标")),
        ("B21", Text("服务对象满意度指标")),
        ("C21", Text("企业满意度")),
        ("D21", Text("被检查企业对执法服务的满意程度")),
        ("E21", Text("≥90%")),
    ]
}

fn typed_fields() -> serde_json::Value {
    let level = |printed: &str, category: String| serde_json::json!([printed, category]);
    let l1 = |l: Level1| level(l.name(), format!("{:?}", Some(l)));
    let l2 = |l: Level2| level(l.name(), format!("{:?}", Some(l)));
    let target = |t: &str| serde_json::json!([t, format!("{:?}", jixiao_model::Target::parse(t).value)]);
    let row = |a: Level1, b: Level2, c: &str, d: Option<&str>, e: &str, f: Option<&str>| {
        serde_json::json!({ "level1": l1(a), "level2": l2(b), "level3": c, "description": d, "target": target(e), "basis": f })
    };
    serde_json::json!({
        "name": "安全生产执法检查专项",
        "code": "0012-2026-001",
        "unit": "426002某县应急管理局",
        "budget": ["12.345", "10", "2.345"],
        "purpose": "用于全县工贸企业安全生产执法检查、专家服务和培训。",
        "plan": ["30", "55.5", "80", "100"],
        "goals": ["完成全县工贸企业执法检查全覆盖", "重大事故零发生"],
        "indicators": [
            row(Level1::Output, Level2::Quantity, "执法检查企业数", Some("全年检查的工贸企业家数"), "≥120家", Some("2026年执法检查计划")),
            row(Level1::Output, Level2::Quantity, "专家服务次数", None, "≥4次", None),
            row(Level1::Output, Level2::Quality, "隐患整改率", None, "95%", Some("省应急管理厅要求")),
            row(Level1::Benefit, Level2::Social, "较大以上事故起数", None, "0起", None),
            row(Level1::Satisfaction, Level2::ServiceSatisfaction, "企业满意度", Some("被检查企业对执法服务的满意程度"), "≥90%", None),
        ],
    })
}

#[test]
fn a_blank_template_filled_in_reads_back() {
    let bytes = fill(&blank(Some("某县应急管理局"), Some(2026)), &typed());
    assert_reads_back("申报表.xlsx", &bytes, "某县应急管理局", 2026, &typed_fields());
    // Levels left empty under a row inherit its levels, as merged cells do.
    let doc = read("申报表.xlsx", &bytes);
    let inherited: Vec<(bool, bool)> = doc.projects[0].indicators.iter().map(|i| (i.level1.inherited, i.level2.inherited)).collect();
    assert_eq!(inherited[..3], [(false, false), (true, true), (true, false)]);
}

#[test]
fn the_template_has_drop_downs_numbers_notes_and_print_setup() {
    let bytes = blank(None, None);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let part = |zip: &mut zip::ZipArchive<_>, name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let sheet = part(&mut zip, "xl/worksheets/sheet1.xml");
    let level1: Vec<&str> = Level1::ALL.iter().map(|l| l.name()).collect();
    let level2: Vec<&str> = Level2::ALL.iter().map(|l| l.name()).collect();
    // 3 goal rows from row 13, the header on row 16, the indicator rows from row 17.
    let last = 16 + template::MIN_INDICATOR_ROWS;
    for (col, names) in [("A", level1), ("B", level2)] {
        let list = format!("<formula1>\"{}\"</formula1>", names.join(","));
        assert!(sheet.contains(&list), "{col}: {list} 不在 {sheet}");
        assert!(sheet.contains(&format!("sqref=\"{col}17:{col}{last}\"")), "{col}17:{col}{last}");
    }
    assert!(sheet.contains("fitToPage=\"1\""), "按页宽缩放");
    assert!(sheet.contains("fitToHeight=\"0\""), "一页宽");
    let workbook = part(&mut zip, "xl/workbook.xml");
    assert!(workbook.contains(&format!("{}!$A$1:$F${last}", layout::SHEET)), "打印区域：{workbook}");
    assert!(workbook.contains(&format!("<definedName name=\"{}\"", layout::MARK)), "模板标记：{workbook}");
    assert!(zip.file_names().any(|n| n.is_ok_and(|n| n.starts_with("xl/comments"))), "批注");
    let styles = part(&mut zip, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"0.00####\""), "金额为数字格式");
    // Read back blank: the layout's own text is no project.
    let reading = jixiao_carriers::read_bytes("空白.xlsx", &blank(Some("某县应急管理局"), Some(2026)));
    match reading {
        Err(CarrierError::Template { problems, .. }) => assert_eq!(problems, ["第4行 B列：请填写项目名称。"]),
        other => panic!("空白模板应提示填写项目名称：{other:?}"),
    }
}

#[test]
fn a_filled_template_prints_its_amounts_as_numbers() {
    let bytes = fill(&blank(Some("某县应急管理局"), Some(2026)), &typed());
    let sheets = calamine_cells(&bytes);
    assert_eq!(sheets.get("C7").map(String::as_str), Some("n:12.345"));
    // Prefilled amounts are number cells too.
    let (_, department, year, p) = seed_projects().remove(1);
    let cells = calamine_cells(&prefilled(&department, year, &p));
    assert_eq!(cells.get("C7").map(String::as_str), Some("n:60"));
    assert_eq!(cells.get("B12").map(String::as_str), Some("n:30"));
}

/// Each non-empty cell of the first sheet as `n:` number or `s:` text, by its name.
fn calamine_cells(bytes: &[u8]) -> std::collections::HashMap<String, String> {
    use calamine::{Data, Reader};
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range(layout::SHEET).unwrap();
    let (r0, c0) = range.start().unwrap();
    range
        .cells()
        .filter_map(|(r, c, v)| {
            let at = format!("{}{}", layout::column_name(c as u32 + c0), r as u32 + r0 + 1);
            match v {
                Data::Float(f) => Some((at, format!("n:{f}"))),
                Data::Int(i) => Some((at, format!("n:{i}"))),
                Data::String(s) => Some((at, format!("s:{s}"))),
                _ => None,
            }
        })
        .collect()
}

fn problems(bytes: &[u8]) -> Vec<String> {
    match jixiao_carriers::read_bytes("申报表.xlsx", bytes) {
        Err(CarrierError::Template { problems, .. }) => problems,
        Err(e) => panic!("应为申报表填写错误：{e}"),
        Ok(r) => panic!("应拒绝，实际读出 {} 个项目", r.document.projects.len()),
    }
}

#[test]
fn broken_templates_are_refused_naming_the_cell() {
    use Typed::*;
    let mut cells = typed();
    // 年度资金总额 in words, a row without its 三级指标.
    cells.retain(|(at, _)| !["C7", "C18"].contains(at));
    cells.push(("C7", Text("十二万")));
    let bytes = fill(&blank(Some("某县应急管理局"), Some(2026)), &cells);
    assert_eq!(
        problems(&bytes),
        [
            "第7行 C列：年度资金总额应为数字（单位万元，如 12.5），实际为“十二万”。",
            "第18行 C列：缺少三级指标：每条指标须填写三级指标（不用的行请整行清空）。",
        ]
    );
    let err = jixiao_carriers::read_bytes("申报表.xlsx", &bytes).unwrap_err().to_string();
    assert!(err.starts_with("申报表.xlsx：申报表填写有误，未导入。第7行 C列："), "{err}");

    // Levels not in the lists, a level 2 under another level 1, a plan over 100, no year.
    let mut cells = typed();
    cells.retain(|(at, _)| !["A20", "B19", "E12"].contains(at));
    cells.extend([("A20", Text("其他指标")), ("B19", Text("社会效益指标")), ("E12", Number("120"))]);
    let bytes = fill(&blank(Some("某县应急管理局"), None), &cells);
    assert_eq!(
        problems(&bytes),
        [
            "第2行 A列：年度应写作“（2026年度）”这样的四位年份，实际为“（    年度）”。",
            "第12行 E列：资金支出计划“12月底”应为 0 到 100 之间的数字（累计支出百分比），实际为“120”。",
            "第19行 B列：二级指标“社会效益指标”不属于一级指标“产出指标”。",
            "第20行 A列：一级指标应为产出指标、效益指标、满意度指标、成本指标之一，实际为“其他指标”。",
        ]
    );

    // A negative amount.
    let mut cells = typed();
    cells.retain(|(at, _)| *at != "C9");
    cells.push(("C9", Number("-3")));
    assert_eq!(problems(&fill(&blank(Some("某县应急管理局"), Some(2026)), &cells)), ["第9行 C列：其他资金不能为负数，实际为“-3”。"]);

    // No 主管部门, and a first row without levels.
    let mut cells = typed();
    cells.retain(|(at, _)| !["A17", "B17"].contains(at));
    let bytes = fill(&blank(None, Some(2026)), &cells);
    assert_eq!(
        problems(&bytes),
        ["第5行 B列：请填写主管部门。", "第17行 A列：请选择一级指标。", "第17行 B列：请选择二级指标。"]
    );
}

/// `soffice`, when installed.
fn soffice() -> Option<std::path::PathBuf> {
    std::env::var("PATH")
        .unwrap_or_default()
        .split(':')
        .map(|d| Path::new(d).join("soffice"))
        .find(|p| p.is_file())
}

#[test]
fn templates_saved_by_libreoffice_read_back() {
    if soffice().is_none() {
        eprintln!("未安装 LibreOffice（soffice）：跳过");
        return;
    }
    let dir = support::temp_dir("template");
    let mut files = Vec::new();
    let mut wants = Vec::new();
    for (name, department, year, p) in seed_projects() {
        let path = dir.join(format!("{name}.xlsx"));
        std::fs::write(&path, prefilled(&department, year, &p)).unwrap();
        files.push(path);
        wants.push((department, year, fields(&p)));
    }
    let path = dir.join("filled.xlsx");
    std::fs::write(&path, fill(&blank(Some("某县应急管理局"), Some(2026)), &typed())).unwrap();
    files.push(path);
    wants.push(("某县应急管理局".to_string(), 2026, typed_fields()));
    // A wrongly filled one: still the template after LibreOffice saved it, still refused.
    let mut cells = typed();
    cells.retain(|(at, _)| *at != "C18");
    let broken = dir.join("broken.xlsx");
    std::fs::write(&broken, fill(&blank(Some("某县应急管理局"), Some(2026)), &cells)).unwrap();
    let out = dir.join("out");
    let mut all = files.clone();
    all.push(broken.clone());
    support::convert(&all, "xlsx:Calc Office Open XML", None, &out);
    assert_eq!(
        problems(&std::fs::read(out.join("broken.xlsx")).unwrap()),
        ["第18行 C列：缺少三级指标：每条指标须填写三级指标（不用的行请整行清空）。"]
    );
    for (file, (department, year, want)) in files.iter().zip(&wants) {
        let saved = out.join(file.file_name().unwrap());
        let bytes = std::fs::read(&saved).unwrap();
        // LibreOffice kept the drop-downs.
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
        let mut sheet = String::new();
        zip.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut sheet).unwrap();
        assert!(sheet.contains("dataValidation"), "{}", saved.display());
        assert_reads_back(&saved.display().to_string(), &bytes, department, *year, want);
    }
}

/// A department's own workbook whose sheet happens to have the template's name, without
/// the template's mark: read as any other form, not checked as the template.
#[test]
fn only_the_marked_template_is_checked() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(layout::SHEET).unwrap();
    let rows: [&[&str]; 4] = [
        &["项目名称", "自制表格的项目"],
        &["年度资金总额", "十万"],
        &["一级指标", "二级指标", "三级指标", "指标值"],
        &["产出指标", "数量指标", "", "≥4次"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, t) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *t).unwrap();
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let doc = read("自制.xlsx", &bytes);
    assert_eq!(doc.projects[0].name.value, "自制表格的项目");
}

#[test]
fn amounts_read_back_as_exact_decimals() {
    // Amounts with up to four decimals (元) and large ones stay exact.
    let (_, department, year, mut p) = seed_projects().remove(0);
    for (m, v) in [(&mut p.budget.total, "123456.7891"), (&mut p.budget.fiscal, "100000.0001"), (&mut p.budget.other, "23456.789")] {
        *m = Some(jixiao_model::Located::new(jixiao_model::Money(v.parse::<Decimal>().unwrap()), jixiao_model::Origin::line(1)));
    }
    let bytes = prefilled(&department, year, &p);
    let back = read("金额.xlsx", &bytes);
    let b = &back.projects[0].budget;
    let got: Vec<String> = [&b.total, &b.fiscal, &b.other].iter().map(|m| m.as_ref().unwrap().value.0.normalize().to_string()).collect();
    assert_eq!(got, ["123456.7891", "100000.0001", "23456.789"]);
}

