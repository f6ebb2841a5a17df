use jixiao_read::layout::Block;
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap();
        let blocks = if path.ends_with(".txt") {
            jixiao_read::text_blocks(&path, &bytes).unwrap().0
        } else {
            jixiao_office::blocks(&path, &bytes).unwrap()
        };
        for b in blocks {
            match b {
                Block::Paragraph { text, .. } => println!(
                    "P {}",
                    text.split_whitespace().collect::<Vec<_>>().join(" ")
                ),
                Block::Table(t) => {
                    println!("T");
                    for r in t.rows {
                        let cells: Vec<String> =
                            r.cells.iter().map(|c| c.text.replace('\n', "⏎")).collect();
                        println!("  R [{}]", cells.join("|"));
                    }
                }
            }
        }
    }
}
