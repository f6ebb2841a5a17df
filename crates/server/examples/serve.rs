//! Runs the service like `jixiao serve` (for the load benchmark until the main binary
//! carries the command): `serve [--db URL] [--addr HOST:PORT] [--demo]`.

use jixiao_server::{serve_blocking, ServeOptions};

fn main() {
    let mut opts = ServeOptions::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--db" => opts.db_url = args.next().unwrap_or_default(),
            "--addr" => opts.addr = args.next().unwrap_or_default(),
            "--demo" => opts.demo = true,
            other => {
                eprintln!("未知参数：{other}（可用：--db URL、--addr HOST:PORT、--demo）");
                std::process::exit(2);
            }
        }
    }
    if let Err(e) = serve_blocking(opts) {
        eprintln!("错误：{e}");
        std::process::exit(1);
    }
}
