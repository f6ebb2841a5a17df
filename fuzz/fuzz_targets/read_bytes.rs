//! Any bytes, read as a document: the reader must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(reading) = jixiao_read::read_bytes("fuzz.txt", data) {
        // The record view must hold for whatever was read.
        let _ = jixiao_model::record::ExtractionRecord::from(&reading.document);
    }
});
