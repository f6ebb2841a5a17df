//! Glyph widths of a PDF font (字宽), read from the font dictionary, so that a run of text
//! ends where the printer put it: the next run shown without a move starts there, and an
//! estimate off by a little puts a Latin run after the CJK run that follows it.

use lopdf::{Dictionary, Document, Object};

/// Most width entries kept for one font (a CJK font lists some thousands).
const MAX_ENTRIES: usize = 70_000;

/// A font's widths in thousandths of the text size.
#[derive(Debug, Clone)]
pub(super) enum Widths {
    /// A simple font: one byte a code, widths listed from `FirstChar`.
    Simple {
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    /// A composite (Type0) font: two bytes a code, ranges of codes with widths.
    Composite {
        ranges: Vec<(u32, u32, f32)>,
        default: f32,
    },
}

impl Widths {
    /// The widths of a font dictionary, if it gives them. A composite font's are by CID. A
    /// Type3 font's, in its own glyph space, are brought to thousandths of the text size by
    /// its `FontMatrix`.
    pub(super) fn of(doc: &Document, font: &Dictionary) -> Option<Widths> {
        let subtype = font.get(b"Subtype").and_then(Object::as_name).ok()?;
        match subtype {
            b"Type0" => composite(doc, font),
            b"Type3" => {
                let scale = font
                    .get_deref(b"FontMatrix", doc)
                    .ok()
                    .and_then(|m| m.as_array().ok())
                    .and_then(|m| m.first())
                    .and_then(|a| deref(doc, a))
                    .and_then(number)
                    .map(|a| a.abs() * 1000.0)
                    .filter(|s| *s > 0.0 && s.is_finite())?;
                match simple(doc, font)? {
                    Widths::Simple {
                        first,
                        widths,
                        missing,
                    } => Some(Widths::Simple {
                        first,
                        widths: widths.iter().map(|w| w * scale).collect(),
                        missing: missing * scale,
                    }),
                    other => Some(other),
                }
            }
            _ => simple(doc, font),
        }
    }

    /// The width of a code, in thousandths of the text size.
    pub(super) fn width(&self, code: u32) -> f32 {
        match self {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .unwrap_or(*missing),
            Widths::Composite { ranges, default } => {
                let i = ranges.partition_point(|r| r.1 < code);
                match ranges.get(i) {
                    Some(&(a, _, w)) if a <= code => w,
                    _ => *default,
                }
            }
        }
    }
}

fn number(o: &Object) -> Option<f32> {
    o.as_float().ok().filter(|v| v.is_finite())
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

fn simple(doc: &Document, font: &Dictionary) -> Option<Widths> {
    let first = font.get_deref(b"FirstChar", doc).ok().and_then(number)?;
    let list = font.get_deref(b"Widths", doc).ok()?.as_array().ok()?;
    let widths: Vec<f32> = list
        .iter()
        .take(256)
        .map(|o| deref(doc, o).and_then(number).unwrap_or(0.0))
        .collect();
    let missing = font
        .get_deref(b"FontDescriptor", doc)
        .ok()
        .and_then(|d| d.as_dict().ok())
        .and_then(|d| d.get_deref(b"MissingWidth", doc).ok())
        .and_then(number)
        .unwrap_or(0.0);
    Some(Widths::Simple {
        first: first.max(0.0) as u32,
        widths,
        missing,
    })
}

fn composite(doc: &Document, font: &Dictionary) -> Option<Widths> {
    let descendants = font
        .get_deref(b"DescendantFonts", doc)
        .ok()?
        .as_array()
        .ok()?;
    let cid_font = deref(doc, descendants.first()?)?.as_dict().ok()?;
    let default = cid_font
        .get_deref(b"DW", doc)
        .ok()
        .and_then(number)
        .unwrap_or(1000.0);
    let mut ranges = Vec::new();
    if let Some(w) = cid_font
        .get_deref(b"W", doc)
        .ok()
        .and_then(|o| o.as_array().ok())
    {
        // Either `c [w1 w2 …]` (widths from c on) or `first last w`.
        let mut items = w.iter().filter_map(|o| deref(doc, o));
        while let Some(start) = items.next().and_then(number) {
            if ranges.len() >= MAX_ENTRIES {
                break;
            }
            let start = start.max(0.0) as u32;
            match items.next() {
                Some(Object::Array(list)) => {
                    for (i, o) in list.iter().take(MAX_ENTRIES).enumerate() {
                        let code = start.saturating_add(i as u32);
                        let w = deref(doc, o).and_then(number).unwrap_or(default);
                        ranges.push((code, code, w));
                    }
                }
                Some(last) => {
                    let (Some(last), Some(w)) = (number(last), items.next().and_then(number))
                    else {
                        break;
                    };
                    ranges.push((start, last.max(0.0) as u32, w));
                }
                None => break,
            }
        }
    }
    ranges.sort_by_key(|r| (r.0, r.1));
    Some(Widths::Composite { ranges, default })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_take_their_listed_widths() {
        let simple = Widths::Simple {
            first: 32,
            widths: vec![250.0, 333.0],
            missing: 500.0,
        };
        assert_eq!(
            [
                simple.width(32),
                simple.width(33),
                simple.width(34),
                simple.width(5)
            ],
            [250.0, 333.0, 500.0, 500.0]
        );
        let composite = Widths::Composite {
            ranges: vec![(3, 3, 278.0), (10, 20, 556.0)],
            default: 1000.0,
        };
        assert_eq!(
            [
                composite.width(3),
                composite.width(15),
                composite.width(21),
                composite.width(0)
            ],
            [278.0, 556.0, 1000.0, 1000.0]
        );
    }
}
