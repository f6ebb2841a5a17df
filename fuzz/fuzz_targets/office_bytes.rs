//! Any bytes as an office file (.xlsx, .docx, .html, .pdf, text; the first byte picks which
//! name the file arrives under): the carriers and the readers behind them must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 5] = ["fuzz.xlsx", "fuzz.docx", "fuzz.html", "fuzz.pdf", "fuzz.txt"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = NAMES[pick as usize % NAMES.len()];
    if let Ok(reading) = jixiao_carriers::read_bytes(name, bytes) {
        let _ = jixiao_model::record::ExtractionRecord::from(&reading.document);
    }
});
