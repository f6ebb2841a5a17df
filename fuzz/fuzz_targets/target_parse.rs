//! Any text, parsed as a target value and a printed amount: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let t = jixiao_model::Target::parse(s);
        let _ = t.value.render();
        let _ = jixiao_model::Money::parse(s, jixiao_model::AmountUnit::WanYuan);
        let _ = jixiao_model::Level2::from_printed(s);
    }
});
