//! Message templates: `{name}` placeholders filled from named arguments.

/// Fills `{name}` placeholders from `args`; unknown placeholders are left as they are.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    fill_pieces(&pieces(template), args)
}

/// A part of a template: literal text or a `{name}` placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'t> {
    Text(&'t str),
    Arg(&'t str),
}

/// Cuts a template at its placeholders: `超过{sum}。` → `超过`, `{sum}`, `。`. A `{` without a
/// closing `}` is text.
pub(crate) fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            break;
        };
        out.push(Piece::Text(&rest[..open]));
        out.push(Piece::Arg(&after[..close]));
        rest = &after[close + 1..];
    }
    out.push(Piece::Text(rest));
    out
}

pub(crate) fn fill_pieces(pieces: &[Piece], args: &[(&str, &str)]) -> String {
    // Enough room for every argument once: one allocation for almost every message.
    let room = pieces.iter().map(|p| match p {
        Piece::Text(t) => t.len(),
        Piece::Arg(_) => 0,
    });
    let room = room.sum::<usize>() + args.iter().map(|(_, v)| v.len()).sum::<usize>();
    let mut out = String::with_capacity(room);
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Arg(key) => match args.iter().find(|(k, _)| k == key) {
                // A value quoted from a cell Word wrapped (`≥100⏎%`) reads as one line.
                Some((_, v)) if v.contains('\n') => {
                    for line in v.split('\n') {
                        out.push_str(line.trim());
                    }
                }
                Some((_, v)) => out.push_str(v),
                None => {
                    out.push('{');
                    out.push_str(key);
                    out.push('}');
                }
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill() {
        assert_eq!(
            fill(
                "指标值“{target}”{reason}。",
                &[("target", "3*300"), ("reason", "是算式")]
            ),
            "指标值“3*300”是算式。"
        );
        assert_eq!(fill("{x} {y}", &[("x", "1")]), "1 {y}");
        assert_eq!(fill("“{t}”", &[("t", "≥100\n %")]), "“≥100%”");
        assert_eq!(fill("开{", &[]), "开{");
        assert_eq!(fill("{a{b}c}", &[("a{b", "1")]), "1c}");
        assert_eq!(fill("", &[]), "");
    }
}
