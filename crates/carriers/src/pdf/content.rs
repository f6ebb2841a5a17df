//! A page's content streams interpreted for what reading needs: each shown string as a
//! piece of text with its position, size and end (by the font's glyph widths), and the
//! horizontal and vertical rules drawn. Form XObjects are followed (with their matrix and
//! resources); the graphics state, text state included, is saved and restored by `q`/`Q`.
//! Fills in white (a page or cell background) draw no rules.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::Font;
use super::{Page, Piece, Rule};
use crate::limits::MAX_ENTRY_BYTES;

/// Most content operations interpreted on one page, forms included.
const MAX_OPERATIONS: usize = 2_000_000;
/// Deepest nesting of forms followed.
const MAX_FORM_DEPTH: usize = 8;
/// Deepest `q` nesting kept.
const MAX_SAVED: usize = 64;
/// Most rules kept from one page (a page of tables draws some hundreds; laying a page out
/// takes time that grows with rules times pieces).
const MAX_RULES: usize = 20_000;

/// A 2-D affine matrix `[a b c d e f]` as PDF writes them.
#[derive(Debug, Clone, Copy)]
pub(super) struct Matrix(pub(super) [f32; 6]);

impl Matrix {
    pub(super) const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `other` (PDF's `self × other`).
    pub(super) fn then(self, o: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [oa, ob, oc, od, oe, of] = o.0;
        Matrix([
            a * oa + b * oc,
            a * ob + b * od,
            c * oa + d * oc,
            c * ob + d * od,
            e * oa + f * oc + oe,
            e * ob + f * od + of,
        ])
    }

    pub(super) fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// How much a vertical length grows (the size of text drawn with this matrix).
    fn scale(self) -> f32 {
        let [_, _, c, d, ..] = self.0;
        (c * c + d * d).sqrt()
    }
}

fn numbers(ops: &[Object]) -> Vec<f32> {
    ops.iter()
        .filter_map(|o| o.as_float().ok())
        .filter(|v| v.is_finite())
        .collect()
}

fn matrix_of(ops: &[Object]) -> Option<Matrix> {
    let n = numbers(ops);
    (n.len() == 6).then(|| Matrix([n[0], n[1], n[2], n[3], n[4], n[5]]))
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

/// The graphics state that reading follows, saved by `q` and restored by `Q`.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    leading: f32,
    char_space: f32,
    word_space: f32,
    hscale: f32,
    rise: f32,
    /// Whether fills and strokes are in white (drawing no visible rule).
    fill_white: bool,
    stroke_white: bool,
}

/// Text and line matrices, set anew by `BT`.
struct Text {
    tm: Matrix,
    line: Matrix,
}

/// Reads the pages of one document, keeping each font read once.
pub(super) struct Reader<'d> {
    doc: &'d Document,
    fonts: HashMap<ObjectId, Rc<Font>>,
    unknown: Rc<Font>,
}

/// Where names are looked up: the resource dictionaries in force, nearest first.
type Resources<'d> = Vec<&'d Dictionary>;

impl<'d> Reader<'d> {
    pub(super) fn new(doc: &'d Document) -> Self {
        Reader {
            doc,
            fonts: HashMap::new(),
            unknown: Rc::new(Font::unknown(doc)),
        }
    }

    pub(super) fn page(&mut self, id: ObjectId) -> Result<Page, lopdf::Error> {
        let doc = self.doc;
        let (dict, ids) = doc.get_page_resources(id)?;
        let mut resources: Resources = dict.into_iter().collect();
        resources.extend(ids.iter().filter_map(|i| doc.get_dictionary(*i).ok()));
        let data = doc.get_page_content_with_limit(id, MAX_ENTRY_BYTES)?;
        let content = Content::decode(&data)?;
        let mut page = Page::default();
        let mut budget = MAX_OPERATIONS;
        let state = State {
            ctm: Matrix::IDENTITY,
            font: None,
            size: 12.0,
            leading: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            hscale: 1.0,
            rise: 0.0,
            fill_white: false,
            stroke_white: false,
        };
        self.run(&content, &resources, state, &mut page, &mut budget, 0);
        Ok(page)
    }

    /// A named resource of a category (`Font`, `XObject`) with its id where it has one.
    fn resource(
        &self,
        resources: &Resources<'d>,
        category: &[u8],
        name: &[u8],
    ) -> Option<(Option<ObjectId>, &'d Object)> {
        let doc = self.doc;
        resources.iter().find_map(|r| {
            let group = deref(doc, r.get(category).ok()?)?.as_dict().ok()?;
            let entry = group.get(name).ok()?;
            let id = entry.as_reference().ok();
            Some((id, deref(doc, entry)?))
        })
    }

    fn font(&mut self, resources: &Resources<'d>, name: &[u8]) -> Rc<Font> {
        let Some((id, object)) = self.resource(resources, b"Font", name) else {
            return self.unknown.clone();
        };
        if let Some(f) = id.and_then(|id| self.fonts.get(&id)) {
            return f.clone();
        }
        let font = match object.as_dict() {
            Ok(dict) => Rc::new(Font::of(self.doc, dict, MAX_ENTRY_BYTES)),
            Err(_) => self.unknown.clone(),
        };
        if let Some(id) = id {
            self.fonts.insert(id, font.clone());
        }
        font
    }

    fn run(
        &mut self,
        content: &Content,
        resources: &Resources<'d>,
        mut gs: State,
        page: &mut Page,
        budget: &mut usize,
        depth: usize,
    ) {
        let mut saved: Vec<State> = Vec::new();
        let mut text = Text {
            tm: Matrix::IDENTITY,
            line: Matrix::IDENTITY,
        };
        // The path being built: segments in page space.
        let mut path: Vec<Segment> = Vec::new();
        let mut current = (0.0f32, 0.0f32);
        let mut start = (0.0f32, 0.0f32);
        for op in &content.operations {
            if *budget == 0 {
                return;
            }
            *budget -= 1;
            let n = || numbers(&op.operands);
            match op.operator.as_str() {
                "q" if saved.len() < MAX_SAVED => saved.push(gs.clone()),
                "Q" => {
                    if let Some(s) = saved.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    if let Some(m) = matrix_of(&op.operands) {
                        gs.ctm = m.then(gs.ctm);
                    }
                }
                "g" | "rg" | "k" | "sc" | "scn" => gs.fill_white = white(&n(), op.operator == "k"),
                "G" | "RG" | "K" | "SC" | "SCN" => {
                    gs.stroke_white = white(&n(), op.operator == "K")
                }
                "cs" => gs.fill_white = false,
                "CS" => gs.stroke_white = false,
                "BT" => {
                    text.tm = Matrix::IDENTITY;
                    text.line = Matrix::IDENTITY;
                }
                "Tf" => {
                    if let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) {
                        gs.font = Some(self.font(resources, name));
                    }
                    if let Some(size) = op.operands.get(1).and_then(|o| o.as_float().ok()) {
                        if size.is_finite() {
                            gs.size = size;
                        }
                    }
                }
                "TL" => gs.leading = n().first().copied().unwrap_or(0.0),
                "Tc" => gs.char_space = n().first().copied().unwrap_or(0.0),
                "Tw" => gs.word_space = n().first().copied().unwrap_or(0.0),
                "Tz" => gs.hscale = n().first().copied().unwrap_or(100.0) / 100.0,
                "Ts" => gs.rise = n().first().copied().unwrap_or(0.0),
                "Td" | "TD" => {
                    let v = n();
                    if v.len() == 2 {
                        if op.operator == "TD" {
                            gs.leading = -v[1];
                        }
                        text.line = Matrix::translate(v[0], v[1]).then(text.line);
                        text.tm = text.line;
                    }
                }
                "Tm" => {
                    if let Some(m) = matrix_of(&op.operands) {
                        text.line = m;
                        text.tm = m;
                    }
                }
                "T*" => next_line(&mut text, &gs),
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator == "\"" {
                        let v = n();
                        if v.len() >= 2 {
                            gs.word_space = v[0];
                            gs.char_space = v[1];
                        }
                    }
                    if op.operator == "'" || op.operator == "\"" {
                        next_line(&mut text, &gs);
                    }
                    let font = gs.font.clone().unwrap_or_else(|| self.unknown.clone());
                    let items: Vec<&Object> = match op.operator.as_str() {
                        "TJ" => op
                            .operands
                            .first()
                            .and_then(|o| o.as_array().ok())
                            .map(|a| a.iter().collect())
                            .unwrap_or_default(),
                        _ => op.operands.last().into_iter().collect(),
                    };
                    show(page, &mut text, &gs, &font, &items);
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) {
                        self.form(resources, name, &gs, page, budget, depth);
                    }
                }
                "m" => {
                    let v = n();
                    if v.len() == 2 {
                        current = gs.ctm.apply(v[0], v[1]);
                        start = current;
                    }
                }
                "l" => {
                    let v = n();
                    if v.len() == 2 {
                        let p = gs.ctm.apply(v[0], v[1]);
                        path.push((current, p));
                        current = p;
                    }
                }
                "c" | "v" | "y" => {
                    // A curve ends where its last two operands say; it draws no rule.
                    let v = n();
                    if v.len() >= 4 {
                        current = gs.ctm.apply(v[v.len() - 2], v[v.len() - 1]);
                    }
                }
                "h" => {
                    path.push((current, start));
                    current = start;
                }
                "re" => {
                    let v = n();
                    if v.len() == 4 {
                        let (x, y, w, h) = (v[0], v[1], v[2], v[3]);
                        let c = [
                            gs.ctm.apply(x, y),
                            gs.ctm.apply(x + w, y),
                            gs.ctm.apply(x + w, y + h),
                            gs.ctm.apply(x, y + h),
                        ];
                        rect_or_edges(&mut path, c);
                        current = c[0];
                        start = c[0];
                    }
                }
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                    let stroked = !matches!(op.operator.as_str(), "f" | "F" | "f*");
                    let filled = !matches!(op.operator.as_str(), "S" | "s");
                    let visible = (stroked && !gs.stroke_white) || (filled && !gs.fill_white);
                    for (p, q) in path.drain(..) {
                        if visible {
                            add_rule(page, p, q);
                        }
                    }
                }
                "n" => path.clear(),
                _ => {}
            }
        }
    }

    /// Runs a form XObject: its content with its matrix and resources (the current ones
    /// where it has none).
    fn form(
        &mut self,
        resources: &Resources<'d>,
        name: &[u8],
        gs: &State,
        page: &mut Page,
        budget: &mut usize,
        depth: usize,
    ) {
        let Some((_, object)) = self.resource(resources, b"XObject", name) else {
            return;
        };
        let Ok(stream) = object.as_stream() else {
            return;
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
            return;
        }
        let Ok(data) = stream.get_plain_content_with_limit(MAX_ENTRY_BYTES) else {
            return;
        };
        let Ok(content) = Content::decode(&data) else {
            return;
        };
        let mut inner = gs.clone();
        if let Some(m) = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| deref(self.doc, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| matrix_of(a))
        {
            inner.ctm = m.then(gs.ctm);
        }
        let own = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| deref(self.doc, o))
            .and_then(|o| o.as_dict().ok());
        let resources: Resources = match own {
            Some(r) => vec![r],
            None => resources.clone(),
        };
        self.run(&content, &resources, inner, page, budget, depth + 1);
    }
}

/// Whether colour operands are white: gray 1, RGB 1 1 1, CMYK 0 0 0 0.
fn white(v: &[f32], cmyk: bool) -> bool {
    match v.len() {
        1 => v[0] >= 0.99,
        3 => v.iter().all(|c| *c >= 0.99),
        4 if cmyk => v.iter().all(|c| *c <= 0.01),
        _ => false,
    }
}

fn next_line(text: &mut Text, gs: &State) {
    text.line = Matrix::translate(0.0, -gs.leading).then(text.line);
    text.tm = text.line;
}

/// Shows strings (and TJ position adjustments), recording a piece per string, placed and
/// advanced by the font's glyph widths.
fn show(page: &mut Page, text: &mut Text, gs: &State, font: &Font, items: &[&Object]) {
    for item in items {
        if let Ok(adjust) = item.as_float() {
            if adjust.is_finite() {
                let tx = -adjust / 1000.0 * gs.size * gs.hscale;
                text.tm = Matrix::translate(tx, 0.0).then(text.tm);
            }
            continue;
        }
        let Ok(bytes) = item.as_str() else {
            continue;
        };
        let m = Matrix::translate(0.0, gs.rise).then(text.tm).then(gs.ctm);
        let (x, y) = m.apply(0.0, 0.0);
        let mut s = String::new();
        let mut advance = 0.0;
        for g in font.glyphs(bytes) {
            let word = if g.word_break { gs.word_space } else { 0.0 };
            advance += (g.width / 1000.0 * gs.size + gs.char_space + word) * gs.hscale;
            s.extend(g.text.chars().filter(|c| !c.is_control()));
        }
        if !advance.is_finite() {
            advance = 0.0;
        }
        text.tm = Matrix::translate(advance, 0.0).then(text.tm);
        let (end, _) = text.tm.then(gs.ctm).apply(0.0, 0.0);
        let size = gs.size.abs() * m.scale();
        if !s.is_empty() && x.is_finite() && y.is_finite() && end.is_finite() && size.is_finite() {
            page.pieces.push(Piece {
                x,
                y,
                end,
                size,
                text: s,
            });
        }
    }
}

/// A straight segment of a path, from one point to another in page space.
type Segment = ((f32, f32), (f32, f32));

/// A thin rectangle is a rule along its long side; a larger one is its four edges.
fn rect_or_edges(path: &mut Vec<Segment>, c: [(f32, f32); 4]) {
    let xs = [c[0].0, c[1].0, c[2].0, c[3].0];
    let ys = [c[0].1, c[1].1, c[2].1, c[3].1];
    let (x0, x1) = (
        xs.iter().copied().fold(f32::MAX, f32::min),
        xs.iter().copied().fold(f32::MIN, f32::max),
    );
    let (y0, y1) = (
        ys.iter().copied().fold(f32::MAX, f32::min),
        ys.iter().copied().fold(f32::MIN, f32::max),
    );
    if y1 - y0 < 2.0 {
        let y = (y0 + y1) / 2.0;
        path.push(((x0, y), (x1, y)));
    } else if x1 - x0 < 2.0 {
        let x = (x0 + x1) / 2.0;
        path.push(((x, y0), (x, y1)));
    } else {
        path.extend([(c[0], c[1]), (c[1], c[2]), (c[2], c[3]), (c[3], c[0])]);
    }
}

fn add_rule(page: &mut Page, p: (f32, f32), q: (f32, f32)) {
    let (dx, dy) = ((q.0 - p.0).abs(), (q.1 - p.1).abs());
    if !(dx.is_finite() && dy.is_finite() && p.0.is_finite() && p.1.is_finite()) {
        return;
    }
    if page.horizontal.len() + page.vertical.len() >= MAX_RULES {
        return;
    }
    if dy < 1.0 && dx >= 2.0 {
        page.horizontal.push(Rule {
            at: (p.1 + q.1) / 2.0,
            a: p.0.min(q.0),
            b: p.0.max(q.0),
        });
    } else if dx < 1.0 && dy >= 2.0 {
        page.vertical.push(Rule {
            at: (p.0 + q.0) / 2.0,
            a: p.1.min(q.1),
            b: p.1.max(q.1),
        });
    }
}
