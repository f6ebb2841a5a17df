//! Any bytes, read and then reviewed: neither the reader nor the review engine may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(reading) = jixiao_read::read_bytes("fuzz.txt", data) {
        let report = jixiao_review::review(&reading.document, &jixiao_review::Config::default());
        let _ = jixiao_rules::render_json(&[("fuzz.txt", &report)]);
    }
});
