//! Any bytes read as a document, then written as the official tables (PDF, .xlsx, a year's
//! workbook) and the PDF read back: no writer may panic on any content the reader lets
//! through, and the PDF must stay a file jixiao's own reader opens.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(reading) = jixiao_read::read_bytes("fuzz.txt", data) else { return };
    let doc = &reading.document;
    let pdf = jixiao_office::write_pdf(doc);
    assert!(pdf.starts_with(b"%PDF-1.4"));
    let _ = jixiao_carriers::read_bytes("fuzz.pdf", &pdf);
    let _ = jixiao_office::write_xlsx(doc);
    if let Ok(mut book) = jixiao_office::YearWorkbook::new("fuzz") {
        let _ = book.add_department(doc);
        let _ = book.finish();
    }
});
