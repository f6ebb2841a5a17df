//! Prints the token stream of a text file (lines FROM..TO): `cargo run -p jixiao-read --example tokens -- FILE [FROM TO]`.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = std::fs::read_to_string(&args[0]).expect("a UTF-8 text file");
    let from: u32 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let to: u32 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(u32::MAX);
    for l in jixiao_read::grammar::debug_tokens(&text).lines() {
        let n: u32 = l
            .split_whitespace()
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        if (from..=to).contains(&n) {
            println!("{l}");
        }
    }
}
