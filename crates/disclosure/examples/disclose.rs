//! `cargo run -p jixiao-disclosure --example disclose -- FILE`: prints the disclosure read
//! from FILE as JSON and its findings. (`jixiao export --format disclosure-html` or
//! `disclosure-xlsx` writes it as a page or a workbook, through `jixiao-office`.)

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::from(1)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let path = args
        .get(1)
        .ok_or("用法：disclose 文件")?;
    let bytes = std::fs::read(path).map_err(|e| format!("{path}：{e}"))?;
    let (blocks, _) = jixiao_read::text_blocks(path, &bytes).map_err(|e| e.to_string())?;
    let (disclosure, notes) = jixiao_disclosure::read_disclosure(&blocks);
    for n in &notes {
        eprintln!("提示：{}", n.message);
    }
    let d = disclosure.ok_or(format!("{path}：没有预算公开内容"))?;
    let document = jixiao_read::read_blocks(path, &blocks)
        .map(|(d, _)| d)
        .unwrap_or_default();
    println!(
        "{}",
        serde_json::to_string_pretty(&d).map_err(|e| e.to_string())?
    );
    for f in jixiao_disclosure::check(&d, &document, &Default::default()) {
        println!("{} {}", f.rule_id, f.message);
    }
    Ok(())
}
