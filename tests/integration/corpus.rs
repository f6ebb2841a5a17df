//! `jixiao extract` on the corpus of real published documents (`tests/fixtures/corpus`):
//! other departments, provinces and layouts than the seeds, each with a golden read twice
//! independently and reconciled. Scored as `../shared/tools/score-extraction --goldens
//! tests/fixtures/corpus/goldens --docs tests/fixtures/corpus` scores, per layout family too.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::util::{fixtures, jixiao, Score};

/// What the reader must reach, per batch of documents (the `batch` column of corpus.tsv):
/// a ratchet just under today's figures, raised as the reader improves. Issue 12 asks for
/// 0.98.
///
/// - Batch 1, the 80 documents the reader was developed with: 0.716 rows, 0.897 projects.
/// - Batch 2, 16 documents gathered and annotated on 2026-12-05 by helpers the reader's
///   author did not see at work, and first read unseen (0.368 rows, 0.647 projects: the
///   honest measure of how far the reader generalised); afterwards developed with too.
///   Moved down once, 0.44 -> 0.43 (2026-12-07): a name printed twice in glued text is two
///   cells (the layout test's glued rows gained), and one OCR-scrambled 自评表 of this batch,
///   read with no row right before or after, reads two more wrong rows.
/// - Batch 5, 10 documents gathered and read twice by helpers on 2026-12-07, first read unseen
///   by the reader of commit a0ba7a6: 0.361 rows, 0.800 projects (two refused).
/// - Batch 6, 3 documents gathered and read twice the same day, first read unseen by the
///   reader of that day's fourth commit: 0.200 rows, 1.000 projects.
/// - Raised once both were read (2026-12-07): batch 5 to 0.578 / 1.000 (a central transfer's
///   glued 自评表 read), batch 6 to 1.000 / 1.000.
/// - Batch 7, 8 documents gathered and read twice by helpers on 2026-12-07 (afternoon), first
///   read unseen by the reader of commit 78ba9c8: 0.271 rows, 0.933 projects (one refused);
///   raised once read (the filled half of a two-period table, a 监控表's columns, a report's
///   target-and-result sentences) to 0.58 / 0.99.
/// - Batch 8, 10 documents gathered and read twice by helpers the same afternoon, first read
///   unseen by the reader of commit 2d71140: 0.320 rows, 0.857 projects (one refused);
///   raised once read (glued headers each a column, a budget system's coded operators and 元
///   funds, a report's project named with its approved amount, cells copying the name) to
///   0.72 / 0.95.
/// - Batch 9, 7 documents gathered and read twice by helpers the same afternoon, first read
///   unseen by the reader of commit 6a3b330: 0.530 rows, 0.800 projects; raised once read (a
///   report's table with split targets, a table's tail before the next form's 项目名称, numbered
///   sub-items `一、…` in a table) to 0.87 / 0.87. Batch 2 rose with it (0.448 → 0.460 rows,
///   0.875 → 0.909 projects: the same site's table tail).
/// - Batch 10, 10 documents gathered and read twice by helpers on 2026-12-07 (evening; 7
///   self-evaluations, five of them reports, 2 批复表 sent with their funding notices, a 申报表),
///   first read unseen by the reader of commit 2cd9fd2: 0.309 rows, 0.526 projects (one
///   refused: a report cut before its indicators); raised once read (labels printed with their
///   bracketed word in glued text, a report's title broken over lines with its project in
///   brackets, a report's items under a heading announcing targets) to 0.45 / 0.73.
/// - Raised once the 自评表 read better (issue 15, 2026-12-07: the small signs ﹦﹥﹤, a pipe row
///   broken inside an empty cell, a glued 分值 and 得分 run together, the template's unfilled
///   `指标N` rows, a 偏差原因 line kept whole, a comma inside a spaced cell, a short pipe row cut
///   at its end, one-character values copied in glued text): batch 1 0.828 → 0.845 rows,
///   0.960 → 0.966 projects, to 0.84 / 0.96; batch 2 0.460 → 0.506 rows, to 0.50.
/// - Raised once more (issues 12 and 15, 2026-12-07 night: a table's last row cut after its
///   levels or on a line of its own at the text's end, one value column per place, a cost
///   indicator named like a funds label, cells closed by a `|` on the next line, `不超预算`
///   glued between rows, a deadline and its result run together, `项目单位`, header columns
///   no vocabulary knows, a two-period table's halves marked per cell): batch 1 0.845 →
///   0.852, batch 2 0.506 → 0.558, batch 4 0.914 →
///   0.927, batch 5 0.578 → 0.593, batch 7 0.583 → 0.611, batch 8 0.721 → 0.833, batch 9
///   0.876 → 0.899, batch 10 0.455 → 0.527 rows; projects unchanged.
/// - Raised once more (issues 12 and 15, 2026-12-08: glued rows' short level-2 names and level
///   notes, a glued actual repeating the target then its 分值 and 得分, a glued 评（扣）分标准
///   read past as one cell, `基本支出` a name, a spaced row numbered like a heading): batch 1
///   0.852 → 0.861, batch 2 0.558 → 0.566 rows; projects unchanged.
/// - Batch 11, 6 self-evaluations gathered and read twice on 2026-12-08 (a 自评表 in
///   single-space cells, two glued traditional-character previews with pinyin noise, a
///   serialized table's tail, two reports cut before their indicators), first read unseen by
///   the reader of commit 854d895: 0.333 rows, 1.000 projects (one refused).
const FLOORS: &[(&str, f64, f64)] = &[
    ("1", 0.86, 0.96),
    ("2", 0.56, 0.90),
    ("3", 0.63, 0.99),
    ("4", 0.92, 0.99),
    ("5", 0.59, 0.99),
    ("6", 0.99, 0.99),
    ("7", 0.61, 0.99),
    ("8", 0.83, 0.95),
    ("9", 0.89, 0.87),
    ("10", 0.52, 0.73),
    ("11", 0.33, 0.99),
];

struct Doc {
    name: String,
    families: Vec<String>,
    batch: String,
    golden: Value,
}

fn corpus() -> Vec<Doc> {
    let dir = fixtures().join("corpus");
    let manifest = std::fs::read_to_string(dir.join("corpus.tsv")).expect("corpus.tsv");
    manifest
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let name = cols[0].to_string();
            let golden = std::fs::read_to_string(dir.join("goldens").join(format!("{name}.json")))
                .unwrap_or_else(|e| panic!("golden of {name}: {e}"));
            Doc {
                families: cols[1].split(',').map(str::to_string).collect(),
                batch: cols.get(6).unwrap_or(&"1").to_string(),
                golden: serde_json::from_str(&golden).expect("golden JSON"),
                name,
            }
        })
        .collect()
}

#[test]
fn corpus_reads_as_the_goldens_say() {
    let docs = corpus();
    assert!(docs.len() >= 40, "the corpus holds {} documents", docs.len());
    let mut total = Score::default();
    let mut by_family: BTreeMap<String, Score> = BTreeMap::new();
    let mut by_batch: BTreeMap<String, Score> = BTreeMap::new();
    for doc in &docs {
        let path = fixtures().join("corpus").join(format!("{}.txt", doc.name));
        let out = jixiao(&["extract", "--format", "record", path.to_str().unwrap()]);
        // A document the reader cannot read at all scores as empty, like the shared scorer.
        let record: Value = if out.status.success() {
            serde_json::from_slice(&out.stdout).expect("one JSON object")
        } else {
            serde_json::json!({"projects": []})
        };
        total.add(&doc.golden, &record);
        by_batch.entry(doc.batch.clone()).or_default().add(&doc.golden, &record);
        for f in &doc.families {
            by_family.entry(f.clone()).or_default().add(&doc.golden, &record);
        }
    }
    let mut report = String::from("family        docs  rows  F1     projects F1\n");
    for (f, s) in &by_family {
        let n = docs.iter().filter(|d| d.families.contains(f)).count();
        report.push_str(&format!(
            "{f:<12} {n:>5} {:>5}  {:.3}  {:.3}\n",
            s.gold_rows,
            s.row_f1(),
            s.project_f1()
        ));
    }
    report.push_str(&format!(
        "all          {:>5} {:>5}  {:.3}  {:.3}\n",
        docs.len(),
        total.gold_rows,
        total.row_f1(),
        total.project_f1()
    ));
    for (batch, s) in &by_batch {
        let n = docs.iter().filter(|d| &d.batch == batch).count();
        report.push_str(&format!(
            "batch {batch:<6} {n:>5} {:>5}  {:.3}  {:.3}\n",
            s.gold_rows,
            s.row_f1(),
            s.project_f1()
        ));
    }
    println!("{report}");
    for &(batch, min_rows, min_projects) in FLOORS {
        let s = &by_batch[batch];
        assert!(
            s.row_f1() >= min_rows && s.project_f1() >= min_projects,
            "batch {batch}: extraction F1 {:.3}, projects F1 {:.3}\n{report}\n{:#?}",
            s.row_f1(),
            s.project_f1(),
            s.mismatches
        );
    }
}
