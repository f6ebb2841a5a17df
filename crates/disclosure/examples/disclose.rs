//! `cargo run -p jixiao-disclosure --example disclose -- FILE [html|xlsx OUT]`: prints the
//! disclosure read from FILE as JSON, its findings and reader notes.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("用法：disclose 文件 [html|xlsx 输出文件]");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("错误：{path}：{e}");
            std::process::exit(1);
        }
    };
    let (blocks, _) = match jixiao_read::text_blocks(path, &bytes) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("错误：{e}");
            std::process::exit(1);
        }
    };
    let (disclosure, notes) = jixiao_disclosure::read_disclosure(&blocks);
    for n in &notes {
        eprintln!("提示：{}", n.message);
    }
    let Some(d) = disclosure else {
        eprintln!("{path}：没有预算公开内容");
        return;
    };
    let document = jixiao_read::read_blocks(path, &blocks).map(|(d, _)| d).unwrap_or_default();
    match (args.get(2).map(String::as_str), args.get(3)) {
        (Some("html"), Some(out)) => std::fs::write(out, jixiao_disclosure::render_html(&d)).expect("写入失败"),
        (Some("xlsx"), Some(out)) => std::fs::write(out, jixiao_disclosure::write_xlsx(&d).expect("生成失败")).expect("写入失败"),
        _ => {
            println!("{}", serde_json::to_string_pretty(&d).expect("JSON"));
            for f in jixiao_disclosure::check(&d, &document) {
                println!("{} {}", f.rule_id, f.message);
            }
        }
    }
}
