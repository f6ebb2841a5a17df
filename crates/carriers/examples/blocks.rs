//! Prints the blocks (paragraphs and table rows) jixiao-carriers reads from files:
//! `cargo run -p jixiao-carriers --example blocks -- FILE...`. For looking at what a carrier
//! made of a real document.

use jixiao_read::layout::Block;

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}：{e}");
                continue;
            }
        };
        println!("== {path}");
        match jixiao_carriers::blocks(&path, &bytes) {
            Ok(blocks) => {
                for b in blocks {
                    match b {
                        Block::Paragraph { text, line } => println!("P{line} {text}"),
                        Block::Table(t) => {
                            println!("T");
                            for r in t.rows {
                                let cells: Vec<String> =
                                    r.cells.iter().map(|c| c.text.replace('\n', "⏎")).collect();
                                println!("  R{} [{}]", r.line, cells.join("|"));
                            }
                        }
                    }
                }
            }
            Err(e) => println!("错误：{e}"),
        }
    }
}
