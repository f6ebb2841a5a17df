//! Fuzz data shaped into a well-formed PDF, so that it gets past the file structure lopdf
//! parses and reaches the PDF carrier's own code (content streams, fonts, CMaps, embedded
//! font programs, the page layout). The data is cut at 0xFE bytes into a content stream, a
//! ToUnicode CMap, a font program, an encoding CMap and a byte of choices. Two pages show
//! the content with a composite font (an Identity, Unicode or legacy CJK CMap or the embedded
//! one; the ToUnicode map; the font program as FontFile2 and as CIDToGIDMap; widths), a
//! Type3 font (glyph names, the same ToUnicode map, FontMatrix widths) and a simple font; the
//! second page draws the content again through a form XObject that draws itself. The
//! carrier and the readers behind it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lopdf::{dictionary, Document, Object, Stream};

const ENCODINGS: [&str; 6] = [
    "Identity-H",
    "UniGB-UCS2-H",
    "UniGB-UTF16-H",
    "GBK-EUC-H",
    "B5pc-H",
    "90ms-RKSJ-H",
];

fn stream(doc: &mut Document, bytes: &[u8]) -> Object {
    Object::Reference(doc.add_object(Stream::new(dictionary! {}, bytes.to_vec())))
}

fn numbers(v: &[f32]) -> Object {
    Object::Array(v.iter().map(|x| Object::Real(*x)).collect())
}

fn pdf(data: &[u8]) -> Option<Vec<u8>> {
    let mut parts = data.splitn(5, |b| *b == 0xFE);
    let content = parts.next().unwrap_or_default();
    let to_unicode = parts.next().unwrap_or_default();
    let program = parts.next().unwrap_or_default();
    let cmap = parts.next().unwrap_or_default();
    let choice = parts.next().and_then(|p| p.first()).copied().unwrap_or(0);

    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let tu = stream(&mut doc, to_unicode);
    let ff = stream(&mut doc, program);
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => "F",
        "FontFile2" => ff.clone(),
    });
    let cid_to_gid = if choice & 1 != 0 {
        ff
    } else {
        Object::Name(b"Identity".to_vec())
    };
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "F",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("GB1"),
            "Supplement" => 2,
        },
        "FontDescriptor" => descriptor,
        "DW" => 1000,
        "W" => vec![
            1.into(),
            vec![500.into(), 600.into()].into(),
            10.into(),
            20.into(),
            250.into(),
        ],
        "CIDToGIDMap" => cid_to_gid,
    });
    let encoding = if choice & 2 != 0 {
        stream(&mut doc, cmap)
    } else {
        Object::Name(
            ENCODINGS[(choice >> 2) as usize % ENCODINGS.len()]
                .as_bytes()
                .to_vec(),
        )
    };
    let type0 = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "F",
        "Encoding" => encoding,
        "DescendantFonts" => vec![cid_font.into()],
        "ToUnicode" => tu.clone(),
    });
    let type3 = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type3",
        "FontMatrix" => numbers(&[0.001, 0.0, 0.0, -0.001, 0.0, 0.0]),
        "FontBBox" => numbers(&[0.0, 0.0, 1000.0, 1000.0]),
        "FirstChar" => 0,
        "LastChar" => 3,
        "Widths" => vec![1000.into(), 500.into(), 0.into(), 250.into()],
        "Encoding" => dictionary! {
            "Type" => "Encoding",
            "Differences" => vec![
                0.into(),
                Object::Name(b"g41D6".to_vec()),
                Object::Name(b"uni4E00".to_vec()),
                Object::Name(b"two".to_vec()),
                Object::Name(b"greaterequal".to_vec()),
            ],
        },
        "CharProcs" => dictionary! {},
        "Resources" => dictionary! {},
        "ToUnicode" => tu,
    });
    let simple = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "TrueType",
        "BaseFont" => "Arial",
        "FirstChar" => 32,
        "Widths" => vec![Object::Integer(278); 95],
        "Encoding" => "WinAnsiEncoding",
    });
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
    let form = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => numbers(&[0.0, 0.0, 595.0, 842.0]),
            "Matrix" => numbers(&[1.0, 0.0, 0.0, 1.0, 0.0, -20.0]),
        },
        content.to_vec(),
    ));
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => type0, "F2" => type3, "F3" => simple },
        "XObject" => dictionary! { "X1" => form },
    });
    if let Ok(Object::Stream(s)) = doc.get_object_mut(form) {
        s.dict.set("Resources", resources);
    }
    let draw_form = doc.add_object(Stream::new(dictionary! {}, b"q /X1 Do Q".to_vec()));
    let mut kids = Vec::new();
    for contents in [
        Object::Reference(content_id),
        vec![content_id.into(), draw_form.into()].into(),
    ] {
        kids.push(Object::Reference(doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => numbers(&[0.0, 0.0, 595.0, 842.0]),
            "Contents" => contents,
            "Resources" => resources,
        })));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Count" => kids.len() as i64,
            "Kids" => kids,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).ok()?;
    Some(bytes)
}

fuzz_target!(|data: &[u8]| {
    let Some(bytes) = pdf(data) else { return };
    if let Ok(reading) = jixiao_carriers::read_bytes("fuzz.pdf", &bytes) {
        let _ = jixiao_model::record::ExtractionRecord::from(&reading.document);
    }
});
