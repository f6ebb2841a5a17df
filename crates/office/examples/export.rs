//! Writes a document's official tables: `cargo run -p jixiao-office --example export -- FILE
//! OUT_DIR` reads FILE (any carrier) and writes OUT_DIR/NAME.xlsx, .docx, .csv and .json.

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file, out] = args.as_slice() else {
        eprintln!("用法：export 文件 输出目录");
        std::process::exit(2);
    };
    let reading = match jixiao_carriers::read_file(Path::new(file)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let doc = &reading.document;
    let stem = Path::new(file)
        .file_stem()
        .map_or("document".into(), |s| s.to_string_lossy().into_owned());
    std::fs::create_dir_all(out).expect("output directory");
    for (ext, bytes) in [
        ("xlsx", jixiao_office::write_xlsx(doc)),
        ("docx", jixiao_office::write_docx(doc)),
        ("csv", jixiao_office::write_csv(doc)),
        ("json", jixiao_office::write_json(doc)),
    ] {
        let path = Path::new(out).join(format!("{stem}.{ext}"));
        std::fs::write(&path, bytes).expect("writes output");
        println!("{}", path.display());
    }
}
