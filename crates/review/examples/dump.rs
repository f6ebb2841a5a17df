//! Prints the text report of the files given (a quick look at what review finds).
fn main() {
    for path in std::env::args().skip(1) {
        let reading = match jixiao_read::read_path(std::path::Path::new(&path)) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{e}");
                continue;
            }
        };
        let report = jixiao_review::review(&reading.document, &jixiao_review::Config::default());
        print!("{}", jixiao_rules::render_text(&[(&path, &report)], false));
    }
}
