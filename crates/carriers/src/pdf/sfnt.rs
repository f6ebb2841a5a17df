//! The character map of an embedded TrueType/OpenType font program (its `cmap` table),
//! inverted: glyph id → character. What a composite font shown by glyph ids (Identity-H)
//! without a ToUnicode map still says about its text.
//!
//! Any bytes parse: offsets out of the data end the reading, and the work is bounded.

use std::collections::HashMap;

/// Most characters taken from one font's map.
const MAX_CHARS: usize = 200_000;

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    let b = d.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([b[0], b[1]]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    let b = d.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

/// The `cmap` table of a font program (a TrueType collection's first font).
fn cmap_table(font: &[u8]) -> Option<&[u8]> {
    let mut base = 0usize;
    if font.get(0..4) == Some(b"ttcf") {
        base = u32_at(font, 12)? as usize;
    }
    let n = u16_at(font, base + 4)? as usize;
    for i in 0..n.min(256) {
        let rec = base + 12 + i * 16;
        if font.get(rec..rec + 4)? == b"cmap" {
            let off = u32_at(font, rec + 8)? as usize;
            let len = u32_at(font, rec + 12)? as usize;
            return font.get(off..off.checked_add(len)?);
        }
    }
    None
}

/// Glyph id → character from the font's Unicode subtables (Windows Unicode BMP or full
/// repertoire, or a Unicode platform one). Where several characters share a glyph the
/// lowest code is kept (a unified ideograph rather than its compatibility twin).
pub(super) fn glyph_chars(font: &[u8]) -> HashMap<u16, char> {
    let mut out = HashMap::new();
    let Some(cmap) = cmap_table(font) else {
        return out;
    };
    let n = u16_at(cmap, 2).unwrap_or(0) as usize;
    let mut subtables: Vec<(u8, usize)> = Vec::new();
    for i in 0..n.min(64) {
        let rec = 4 + i * 8;
        let (Some(platform), Some(encoding), Some(off)) = (
            u16_at(cmap, rec),
            u16_at(cmap, rec + 2),
            u32_at(cmap, rec + 4),
        ) else {
            break;
        };
        let rank = match (platform, encoding) {
            (3, 10) => 0,
            (0, 4) | (0, 6) => 1,
            (3, 1) => 2,
            (0, _) => 3,
            _ => continue,
        };
        subtables.push((rank, off as usize));
    }
    subtables.sort();
    for (_, off) in subtables {
        let mut pairs: Vec<(u32, u16)> = Vec::new();
        match u16_at(cmap, off) {
            Some(4) => format4(cmap, off, &mut pairs),
            Some(12) => format12(cmap, off, &mut pairs),
            _ => {}
        }
        pairs.sort();
        for (code, gid) in pairs {
            if gid != 0 {
                if let Some(c) = char::from_u32(code) {
                    out.entry(gid).or_insert(c);
                }
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

fn format4(t: &[u8], off: usize, out: &mut Vec<(u32, u16)>) {
    let Some(seg2) = u16_at(t, off + 6) else {
        return;
    };
    let segs = seg2 as usize / 2;
    let ends = off + 14;
    let starts = ends + segs * 2 + 2;
    let deltas = starts + segs * 2;
    let range_offsets = deltas + segs * 2;
    for s in 0..segs {
        let (Some(end), Some(start), Some(delta), Some(ro)) = (
            u16_at(t, ends + s * 2),
            u16_at(t, starts + s * 2),
            u16_at(t, deltas + s * 2),
            u16_at(t, range_offsets + s * 2),
        ) else {
            return;
        };
        if start > end {
            continue;
        }
        for c in start..=end {
            if c == 0xFFFF || out.len() >= MAX_CHARS {
                break;
            }
            let gid = if ro == 0 {
                c.wrapping_add(delta)
            } else {
                let at = range_offsets + s * 2 + ro as usize + (c - start) as usize * 2;
                match u16_at(t, at) {
                    Some(0) | None => 0,
                    Some(g) => g.wrapping_add(delta),
                }
            };
            out.push((u32::from(c), gid));
        }
    }
}

fn format12(t: &[u8], off: usize, out: &mut Vec<(u32, u16)>) {
    let Some(n) = u32_at(t, off + 12) else {
        return;
    };
    for g in 0..n as usize {
        let at = off + 16 + g * 12;
        let (Some(start), Some(end), Some(first)) =
            (u32_at(t, at), u32_at(t, at + 4), u32_at(t, at + 8))
        else {
            return;
        };
        if start > end || end > 0x10FFFF {
            continue;
        }
        for c in start..=end {
            if out.len() >= MAX_CHARS {
                return;
            }
            let gid = first.saturating_add(c - start);
            if let Ok(gid) = u16::try_from(gid) {
                out.push((c, gid));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A font program with only a `cmap` table holding one format 4 subtable.
    fn font_with_format4(segments: &[(u16, u16, i16)]) -> Vec<u8> {
        let segs = segments.len() + 1;
        let mut sub = Vec::new();
        let push16 = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_be_bytes());
        push16(&mut sub, 4);
        push16(&mut sub, 0); // length, unchecked
        push16(&mut sub, 0);
        push16(&mut sub, (segs * 2) as u16);
        for _ in 0..3 {
            push16(&mut sub, 0);
        }
        for s in segments {
            push16(&mut sub, s.1);
        }
        push16(&mut sub, 0xFFFF);
        push16(&mut sub, 0);
        for s in segments {
            push16(&mut sub, s.0);
        }
        push16(&mut sub, 0xFFFF);
        for s in segments {
            push16(&mut sub, s.2 as u16);
        }
        push16(&mut sub, 1);
        for _ in 0..segs {
            push16(&mut sub, 0);
        }
        let mut cmap = Vec::new();
        push16(&mut cmap, 0);
        push16(&mut cmap, 1);
        push16(&mut cmap, 3);
        push16(&mut cmap, 1);
        cmap.extend_from_slice(&12u32.to_be_bytes());
        cmap.extend(sub);
        let mut font = Vec::new();
        font.extend_from_slice(&0x0001_0000u32.to_be_bytes());
        push16(&mut font, 1);
        for _ in 0..3 {
            push16(&mut font, 0);
        }
        font.extend_from_slice(b"cmap");
        font.extend_from_slice(&0u32.to_be_bytes());
        font.extend_from_slice(&28u32.to_be_bytes());
        font.extend_from_slice(&(cmap.len() as u32).to_be_bytes());
        font.extend(cmap);
        font
    }

    #[test]
    fn format4_inverted() {
        // 一 (4E00) and 丁 (4E01) at glyphs 3 and 4; compatibility 豈 (F900) shares glyph 3.
        let font = font_with_format4(&[
            (0x4E00, 0x4E01, (3i32 - 0x4E00) as i16),
            (0xF900, 0xF900, (3i32 - 0xF900) as i16),
        ]);
        let map = glyph_chars(&font);
        assert_eq!(map.get(&3), Some(&'一'));
        assert_eq!(map.get(&4), Some(&'丁'));
    }

    #[test]
    fn junk_gives_nothing() {
        for junk in [
            &b""[..],
            b"ttcf\xff\xff\xff\xff",
            b"\0\x01\0\0\xff\xff",
            &[0u8; 40],
        ] {
            assert!(glyph_chars(junk).is_empty());
        }
        let mut font = font_with_format4(&[(0x41, 0x5A, 10)]);
        font.truncate(font.len() - 6);
        let _ = glyph_chars(&font);
    }
}
