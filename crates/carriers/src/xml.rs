//! A small pull reader over quick-xml for the package parts (.docx body, numbering): local
//! names, unescaped attributes and text, entity references folded into text, a nesting
//! bound, and errors that say where (line of the part) in Chinese.

use quick_xml::events::Event as QEvent;
use quick_xml::Reader;

use crate::limits::MAX_DEPTH;

#[derive(Debug, PartialEq)]
pub enum Event {
    /// An element opens; `empty` when it is `<x/>` (no End follows).
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        empty: bool,
    },
    End(String),
    Text(String),
}

/// Why a part could not be parsed: a message and the line it was found on.
#[derive(Debug)]
pub struct XmlError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "第{}行：{}", self.line, self.message)
    }
}

pub struct Pull<'a> {
    src: &'a str,
    reader: Reader<&'a [u8]>,
    depth: usize,
    done: bool,
}

fn local(qname: &str) -> String {
    match qname.split_once(':') {
        Some((_, l)) => l.to_string(),
        None => qname.to_string(),
    }
}

impl<'a> Pull<'a> {
    pub fn new(src: &'a str) -> Self {
        let mut reader = Reader::from_str(src);
        reader.config_mut().check_end_names = true;
        Pull {
            src,
            reader,
            depth: 0,
            done: false,
        }
    }

    fn error(&self, pos: u64, message: String) -> XmlError {
        let pos = (pos as usize).min(self.src.len());
        let line = self.src.as_bytes()[..pos]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        XmlError { line, message }
    }

    fn start(
        &mut self,
        e: &quick_xml::events::BytesStart<'_>,
        empty: bool,
    ) -> Result<Event, XmlError> {
        let name = local(e.name().as_ref());
        let mut attrs = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|err| {
                self.error(self.reader.buffer_position(), format!("属性错误：{err}"))
            })?;
            let v = jixiao_read::carrier::cell_html::decode_entities(&a.value);
            attrs.push((local(a.key.as_ref()), v));
        }
        if !empty {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(self.error(
                    self.reader.buffer_position(),
                    format!("元素嵌套超过 {MAX_DEPTH} 层"),
                ));
            }
        }
        Ok(Event::Start { name, attrs, empty })
    }

    /// The next event, `Ok(None)` at the end of a well-formed part.
    pub fn next(&mut self) -> Result<Option<Event>, XmlError> {
        loop {
            if self.done {
                return Ok(None);
            }
            let ev = match self.reader.read_event() {
                Ok(ev) => ev,
                Err(e) => {
                    let pos = self.reader.error_position();
                    return Err(self.error(pos, format!("XML 格式错误：{e}")));
                }
            };
            let out = match ev {
                QEvent::Start(e) => self.start(&e, false)?,
                QEvent::Empty(e) => self.start(&e, true)?,
                QEvent::End(e) => {
                    self.depth = self.depth.saturating_sub(1);
                    Event::End(local(e.name().as_ref()))
                }
                QEvent::Text(t) => Event::Text(t.html_content().into_owned()),
                QEvent::CData(t) => Event::Text(t.html_content().into_owned()),
                QEvent::GeneralRef(r) => {
                    let s = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => match r.html_content().as_ref() {
                            "amp" => "&".into(),
                            "lt" => "<".into(),
                            "gt" => ">".into(),
                            "quot" => "\"".into(),
                            "apos" => "'".into(),
                            _ => String::new(),
                        },
                    };
                    Event::Text(s)
                }
                QEvent::Eof => {
                    self.done = true;
                    if self.depth > 0 {
                        return Err(self.error(
                            self.src.len() as u64,
                            "XML 意外结束（文件可能被截断）".into(),
                        ));
                    }
                    return Ok(None);
                }
                _ => continue,
            };
            return Ok(Some(out));
        }
    }
}

pub fn attr<'v>(attrs: &'v [(String, String)], name: &str) -> Option<&'v str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(src: &str) -> Result<Vec<Event>, XmlError> {
        let mut p = Pull::new(src);
        let mut out = Vec::new();
        while let Some(e) = p.next()? {
            out.push(e);
        }
        Ok(out)
    }

    #[test]
    fn names_attrs_text_and_entities() {
        let ev = all(r#"<w:p a:x="1&amp;2"><w:t>甲&lt;乙&#x4E19;</w:t><w:br/></w:p>"#).unwrap();
        assert_eq!(
            ev[0],
            Event::Start {
                name: "p".into(),
                attrs: vec![("x".into(), "1&2".into())],
                empty: false
            }
        );
        let text: String = ev
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(text, "甲<乙丙");
        assert!(
            matches!(&ev[ev.len() - 2], Event::Start { name, empty: true, .. } if name == "br")
        );
    }

    #[test]
    fn broken_and_truncated_xml_say_where() {
        let err = all("<a>\n<b>\n</a>").unwrap_err();
        assert!(err.message.contains("XML 格式错误"), "{err}");
        assert_eq!(err.line, 3);
        let err = all("<a><b>文字").unwrap_err();
        assert!(err.message.contains("截断"), "{err}");
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert!(all(&deep).unwrap_err().message.contains("嵌套"));
    }
}
