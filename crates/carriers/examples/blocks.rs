//! Prints the blocks (paragraphs and table rows) jixiao-carriers reads from files:
//! `cargo run -p jixiao-carriers --example blocks -- FILE...`. For looking at what a carrier
//! made of a real document.

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
            Ok(blocks) => print!("{}", jixiao_read::layout::render(&blocks)),
            Err(e) => println!("错误：{e}"),
        }
    }
}
