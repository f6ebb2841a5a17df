//! The official tables as PDF (issue 17): written by hand with a predefined CJK font and
//! read back by jixiao's own PDF reader; the file's structure checked byte by byte (every
//! cross-reference offset, every stream's `/Length`); any content writes without a panic.

mod support;

use jixiao_model::{Document, Located, Origin, Project};
use support::seeds;

/// The file's objects where the cross-reference table says they are, each stream exactly
/// `/Length` bytes long; returns the page content streams.
fn check_structure(pdf: &[u8]) -> Vec<String> {
    // Everything after the binary comment line is ASCII; offsets are byte offsets.
    let find = |needle: &[u8], from: usize| -> Option<usize> {
        pdf[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|i| from + i)
    };
    assert!(pdf.starts_with(b"%PDF-1.4\n"));
    assert!(pdf.ends_with(b"%%EOF\n"));
    let tail = std::str::from_utf8(&pdf[pdf.len() - 40..]).unwrap();
    let startxref: usize = tail
        .rsplit("startxref\n")
        .next()
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        pdf[startxref..].starts_with(b"xref\n0 "),
        "startxref points at the table"
    );
    let table = std::str::from_utf8(&pdf[startxref..]).unwrap();
    let count: usize = table.lines().nth(1).unwrap()[2..].parse().unwrap();
    let entries: Vec<&str> = table.lines().skip(2).take(count).collect();
    assert!(entries[0].starts_with("0000000000 65535 f"));
    for (n, entry) in entries.iter().enumerate().skip(1) {
        assert_eq!(entry.len(), 19, "{entry:?}: 20 bytes with the line end");
        let offset: usize = entry[..10].parse().unwrap();
        let head = format!("{n} 0 obj\n");
        assert!(
            pdf[offset..].starts_with(head.as_bytes()),
            "object {n} at {offset}"
        );
    }
    let mut contents = Vec::new();
    let mut at = 0;
    while let Some(i) = find(b"/Length ", at) {
        let start = i + b"/Length ".len();
        let digits = pdf[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let len: usize = std::str::from_utf8(&pdf[start..start + digits])
            .unwrap()
            .parse()
            .unwrap();
        let data = find(b">>\nstream\n", start).unwrap() + b">>\nstream\n".len();
        assert_eq!(
            &pdf[data + len..data + len + 10],
            b"\nendstream",
            "stream at {data}"
        );
        contents.push(String::from_utf8(pdf[data..data + len].to_vec()).unwrap());
        at = data + len;
    }
    // lopdf agrees (the reader's parser).
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    assert!(!doc.get_pages().is_empty());
    contents
}

fn hex(text: &str) -> String {
    text.encode_utf16().map(|u| format!("{u:04X}")).collect()
}

#[test]
fn seeds_read_back_from_the_pdf() {
    for (name, text, _) in seeds() {
        let doc = jixiao_carriers::read_bytes(&format!("{name}.txt"), &text)
            .unwrap()
            .document;
        let pdf = jixiao_office::write_pdf(&doc);
        check_structure(&pdf);
        let back = jixiao_carriers::read_bytes(&format!("{name}.pdf"), &pdf)
            .unwrap_or_else(|e| panic!("{name}.pdf: {e}"))
            .document;
        assert_eq!(back.projects.len(), doc.projects.len(), "{name}");
        // The 部门整体支出绩效目标表: the department's goals and indicators.
        let goals = |d: &Document| {
            d.overall_goals
                .iter()
                .map(|g| g.value.split_whitespace().collect::<String>())
                .collect::<String>()
        };
        assert_eq!(goals(&back), goals(&doc), "{name}");
        assert_eq!(
            back.department_indicators.len(),
            doc.department_indicators.len(),
            "{name}"
        );
        for (want, got) in doc.projects.iter().zip(&back.projects) {
            assert_eq!(got.name.value, want.name.value, "{name}");
            let money = |p: &Project| p.budget.total.as_ref().map(|m| m.value);
            assert_eq!(money(got), money(want), "{name}: {}", want.name.value);
            assert_eq!(
                got.indicators.len(),
                want.indicators.len(),
                "{name}: {}",
                want.name.value
            );
            // Line breaks inside a cell are layout: white space aside, the same text.
            let squeeze = |s: &str| s.split_whitespace().collect::<String>();
            for (a, b) in want.indicators.iter().zip(&got.indicators) {
                assert_eq!(b.level1.printed.value, a.level1.printed.value, "{name}");
                assert_eq!(b.level2.printed.value, a.level2.printed.value, "{name}");
                assert_eq!(squeeze(b.level3_text()), squeeze(a.level3_text()), "{name}");
                let t = |i: &jixiao_model::Indicator| {
                    i.target.as_ref().map(|t| squeeze(&t.value.printed))
                };
                assert_eq!(t(b), t(a), "{name}: {}", a.level3_text());
            }
        }
    }
}

/// The official layout: titles, the indicator columns, the seal and signature block; the font
/// is the predefined `STSong-Light` with `UniGB-UCS2-H` and a ToUnicode map, nothing embedded.
#[test]
fn the_pdf_prints_the_official_layout() {
    let (name, text, _) = seeds().into_iter().next().unwrap();
    let doc = jixiao_carriers::read_bytes(&format!("{name}.txt"), &text)
        .unwrap()
        .document;
    let pdf = jixiao_office::write_pdf(&doc);
    let all = check_structure(&pdf).join("\n");
    for words in [
        "项目支出绩效目标表",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "填报单位（盖章）：",
        "负责人（签字）：",
        "联系电话：",
        "填报日期：",
    ] {
        assert!(all.contains(&hex(words)), "{words}");
    }
    let raw = String::from_utf8_lossy(&pdf);
    for part in [
        "/BaseFont /STSong-Light /Encoding /UniGB-UCS2-H",
        "/Subtype /CIDFontType0",
        "/Registry (Adobe) /Ordering (GB1) /Supplement 2",
        "/ToUnicode 6 0 R",
        "/MediaBox [0 0 595.28 841.89]",
    ] {
        assert!(raw.contains(part), "{part}");
    }
    assert!(!raw.contains("/FontFile"), "no font embedded");
    // Every project on its own pages, each signed.
    let signed = all.matches(&hex("负责人（签字）：")).count();
    assert_eq!(
        signed,
        doc.projects.len().max(1)
            + usize::from(!doc.department_indicators.is_empty() || !doc.overall_goals.is_empty())
    );
}

fn project(name: &str, indicators: usize, text: &str) -> Project {
    let doc = jixiao_carriers::read_bytes("x.txt", seeds()[0].1.as_slice())
        .unwrap()
        .document;
    let mut p = doc.projects[0].clone();
    p.name = Located::new(name.to_string(), Origin::default());
    let template = p.indicators[0].clone();
    p.indicators = (0..indicators)
        .map(|i| {
            let mut ind = template.clone();
            ind.level3 = Some(Located::new(format!("{text}{i}"), Origin::default()));
            ind.level1.inherited = i > 0;
            ind.level2.inherited = i > 0;
            ind
        })
        .collect();
    p
}

/// A long table goes on over pages with its header again on each, and reads back whole.
#[test]
fn long_tables_break_pages_and_repeat_the_header() {
    let doc = Document {
        year: Some(Located::new(2024, Origin::default())),
        department: Some(Located::new("测试局".into(), Origin::default())),
        projects: vec![project("长表项目", 150, "第几项指标完成数量")],
        ..Document::default()
    };
    let pdf = jixiao_office::write_pdf(&doc);
    let contents = check_structure(&pdf);
    let pages: Vec<&String> = contents.iter().filter(|c| c.contains(" Tj ET")).collect();
    assert!(pages.len() >= 4, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&hex("一级指标")), "page {i} has the header");
    }
    let back = jixiao_carriers::read_bytes("long.pdf", &pdf)
        .unwrap()
        .document;
    assert_eq!(back.projects.len(), 1);
    let got: Vec<String> = back.projects[0]
        .indicators
        .iter()
        .map(|i| i.level3_text().to_string())
        .collect();
    let want: Vec<String> = (0..150).map(|i| format!("第几项指标完成数量{i}")).collect();
    assert_eq!(got, want);
}

/// Any content writes a valid file: very long text (a cell taller than a page), control
/// characters, characters beyond the BMP, empty tables, no projects at all.
#[test]
fn odd_content_never_panics() {
    let odd = [
        "很长".repeat(3000),
        "\u{0}\u{1}\u{7f}\t\r\n\u{202e}控制字符\u{1b}[31m".to_string(),
        "😀𠀀 emoji 与扩展汉字".to_string(),
        String::new(),
        "a".repeat(5000),
        " ".repeat(200),
        "<>()\\/%[]{}".repeat(40),
    ];
    let mut docs = vec![Document::default()];
    for text in &odd {
        let mut doc = Document {
            department: Some(Located::new(text.clone(), Origin::default())),
            overall_goals: vec![Located::new(text.clone(), Origin::default())],
            ..Document::default()
        };
        let mut p = project(text, 3, text);
        p.goals = vec![Located::new(text.clone(), Origin::default())];
        let mut empty = project(text, 0, text);
        empty.goals.clear();
        empty.spending_plan = None;
        doc.projects = vec![p, empty];
        docs.push(doc);
    }
    for doc in &docs {
        let pdf = jixiao_office::write_pdf(doc);
        check_structure(&pdf);
        // The reader takes it (or says why) without panicking either.
        let _ = jixiao_carriers::read_bytes("odd.pdf", &pdf);
    }
    // A cell taller than a page is broken over pages and read back whole.
    let doc = Document {
        projects: vec![project(&"很长的项目名称".repeat(500), 2, "指标")],
        ..Document::default()
    };
    let pdf = jixiao_office::write_pdf(&doc);
    let pages = check_structure(&pdf)
        .iter()
        .filter(|c| c.contains(" Tj ET"))
        .count();
    assert!(pages >= 2, "{pages}");
}
