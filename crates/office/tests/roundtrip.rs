//! Round trip as a property (issue 7): any document jixiao can hold, written as .xlsx or
//! .docx and read back, gives the same extraction record.

use jixiao_model::record::ExtractionRecord;
use jixiao_model::{
    Budget, Document, Indicator, IndicatorLevel, Level1, Level2, Located, Money, Origin, Project,
    Target,
};
use proptest::prelude::*;

/// Words that are never form labels or column headers, so generated text stays data.
const WORDS: &[&str] = &[
    "安全", "检查", "培训", "宣传", "演练", "应急", "物资", "储备", "企业", "隐患", "排查", "防汛",
    "救援", "设备", "维护", "监管",
];

fn text(min: usize, max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(WORDS), min..=max).prop_map(|w| w.concat())
}

const LEVELS: &[(Level1, Level2)] = &[
    (Level1::Output, Level2::Quantity),
    (Level1::Output, Level2::Quality),
    (Level1::Output, Level2::Timeliness),
    (Level1::Output, Level2::Cost),
    (Level1::Benefit, Level2::Social),
    (Level1::Benefit, Level2::Sustainability),
    (Level1::Satisfaction, Level2::ServiceSatisfaction),
];

fn target() -> impl Strategy<Value = String> {
    prop_oneof![
        (
            1u32..500,
            proptest::sample::select(&["次", "人", "家", "份", "%", "万元"][..]),
            proptest::sample::select(&["≥", "≤", ""][..])
        )
            .prop_map(|(n, u, op)| format!("{op}{n}{u}")),
        proptest::sample::select(&["健全", "完备", "按时完成", "效果显著"][..])
            .prop_map(String::from),
    ]
}

fn at() -> Origin {
    Origin::line(1)
}

fn indicator() -> impl Strategy<Value = Indicator> {
    (
        proptest::sample::select(LEVELS),
        text(2, 4),
        proptest::option::of(text(3, 6)),
        target(),
        proptest::option::of(text(2, 3)),
    )
        .prop_map(|((l1, l2), level3, description, target, basis)| Indicator {
            level1: IndicatorLevel {
                category: Some(l1),
                printed: Located::new(l1.name().to_string(), at()),
                inherited: false,
            },
            level2: IndicatorLevel {
                category: Some(l2),
                printed: Located::new(l2.name().to_string(), at()),
                inherited: false,
            },
            level3: Some(Located::new(level3, at())),
            description: description.map(|d| Located::new(d, at())),
            target: Some(Located::new(Target::parse(&target), at())),
            basis: basis.map(|b| Located::new(b, at())),
            weight: None,
            at: at(),
            evaluation: None,
        })
}

fn project() -> impl Strategy<Value = Project> {
    (
        text(2, 4),
        1u32..100_000,
        proptest::collection::vec(text(4, 8), 1..3),
        proptest::collection::vec(indicator(), 1..7),
    )
        .prop_map(|(name, cents, goals, mut indicators)| {
            // Rows grouped by level as printed tables group them.
            indicators.sort_by_key(|i| (i.level1.category, i.level2.category));
            let amount = Money(rust_decimal::Decimal::new(i64::from(cents), 2));
            Project {
                name: Located::new(format!("{name}项目"), at()),
                budget: Budget {
                    total: Some(Located::new(amount, at())),
                    fiscal: Some(Located::new(amount, at())),
                    other: None,
                },
                goals: goals
                    .into_iter()
                    .enumerate()
                    .map(|(i, g)| Located::new(format!("{}、{g}。", i + 1), at()))
                    .collect(),
                indicators,
                ..Project::default()
            }
        })
}

fn document() -> impl Strategy<Value = Document> {
    proptest::collection::vec(project(), 1..4).prop_map(|mut projects| {
        // Distinct names: a record matches projects by name.
        for (i, p) in projects.iter_mut().enumerate() {
            p.name.value = format!("{}{}", p.name.value, "甲乙丙丁".chars().nth(i).unwrap());
        }
        Document {
            source: "生成.txt".into(),
            projects,
            ..Document::default()
        }
    })
}

/// The record's projects, compared without white space (as the extraction record is).
fn projects_of(doc: &Document) -> serde_json::Value {
    let squeeze = |v: serde_json::Value| -> serde_json::Value {
        serde_json::from_str(
            &v.to_string()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>(),
        )
        .unwrap()
    };
    let mut record = serde_json::to_value(ExtractionRecord::from(doc)).unwrap();
    for p in record["projects"].as_array_mut().unwrap() {
        p["unit"] = serde_json::Value::Null;
    }
    squeeze(record["projects"].clone())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn xlsx_and_docx_round_trip(doc in document()) {
        let want = projects_of(&doc);
        prop_assert!(want.as_array().is_some_and(|p| !p.is_empty() && p[0]["indicators"].as_array().is_some_and(|i| !i.is_empty())));
        for (kind, bytes) in [("xlsx", jixiao_office::write_xlsx(&doc)), ("docx", jixiao_office::write_docx(&doc))] {
            let back = jixiao_carriers::read_bytes(&format!("生成.{kind}"), &bytes)
                .unwrap_or_else(|e| panic!("{kind}: {e}"));
            prop_assert_eq!(&projects_of(&back.document), &want, "{}", kind);
        }
    }
}
