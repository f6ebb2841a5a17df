//! Prints everything a reading yields (document, diagnostics, encoding, or the error) in
//! Debug form: `cargo run -p jixiao-read --example dump -- FILE...`. A development aid for
//! changes that must not alter what is read (performance work): compare dumps before/after.
fn main() {
    for path in std::env::args().skip(1) {
        println!("== {path}");
        match jixiao_read::read_path(std::path::Path::new(&path)) {
            Ok(r) => println!("{r:#?}"),
            Err(e) => println!("error: {e}"),
        }
    }
}
