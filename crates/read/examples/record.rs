//! Prints the extraction record of text documents: `cargo run -p jixiao-read --example record -- FILE`.
//! A development aid for scoring the text reader alone (`jixiao extract` reads every carrier).
fn main() {
    for path in std::env::args().skip(1) {
        match jixiao_read::read_path(std::path::Path::new(&path)) {
            Ok(r) => {
                let rec = jixiao_model::record::ExtractionRecord::from(&r.document);
                println!("{}", serde_json::to_string_pretty(&rec).unwrap());
            }
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    }
}
