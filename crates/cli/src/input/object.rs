//! A JSONL record's fields, read straight from the line.
//!
//! A record is a flat object of string fields almost always, and building a
//! `serde_json::Value` tree for it (a map, an owned key and value per field)
//! costs more than the scan. [`flat_object`] reads that common shape into
//! borrowed fields (owned only where a string had escapes) and declines
//! everything else: numbers, booleans, nested values, duplicate keys, any
//! syntax error. Declined lines go to serde_json as before, so every value it
//! would read differently and every error message stay serde_json's.

use std::borrow::Cow;

use serde_json::Value;

// Where a JSON string ends or needs unescaping: the report writer's search
// for bytes to escape, which skips clean 32-byte blocks of a record's text
// and reads the few bytes of a key or id as one word.
use crate::report::plain_run;

/// One field's value.
#[derive(Debug, PartialEq)]
pub(super) enum FieldValue<'a> {
    /// A string, borrowed from the line unless it had escapes.
    Str(Cow<'a, str>),
    /// Anything else, as serde_json read it (never a string).
    Json(Value),
}

/// A record's fields in key order (byte order, as serde_json's map keeps
/// them), each key once.
pub(super) type Fields<'a> = Vec<(Cow<'a, str>, FieldValue<'a>)>;

/// The fields of serde_json's map, in its order.
pub(super) fn from_map(map: serde_json::Map<String, Value>) -> Fields<'static> {
    map.into_iter()
        .map(|(k, v)| {
            let v = match v {
                Value::String(s) => FieldValue::Str(Cow::Owned(s)),
                other => FieldValue::Json(other),
            };
            (Cow::Owned(k), v)
        })
        .collect()
}

/// The fields of `json` when it is one object whose values are all strings
/// or null; `None` for anything else, valid or not.
pub(super) fn flat_object(json: &str) -> Option<Fields<'_>> {
    let mut p = Parser { s: json, at: 0 };
    p.skip_ws();
    p.eat(b'{')?;
    // A record has a handful of fields: one allocation, not three.
    let mut fields: Fields<'_> = Vec::with_capacity(8);
    p.skip_ws();
    if p.eat(b'}').is_none() {
        loop {
            p.skip_ws();
            let key = p.string()?;
            p.skip_ws();
            p.eat(b':')?;
            p.skip_ws();
            let value = match p.peek()? {
                b'"' => FieldValue::Str(p.string()?),
                b'n' => {
                    p.literal("null")?;
                    FieldValue::Json(Value::Null)
                }
                _ => return None,
            };
            fields.push((key, value));
            p.skip_ws();
            match p.peek()? {
                b',' => p.at += 1,
                b'}' => {
                    p.at += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    p.skip_ws();
    if p.at != json.len() {
        return None;
    }
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    if fields.windows(2).any(|w| w[0].0 == w[1].0) {
        return None;
    }
    Some(fields)
}

struct Parser<'a> {
    s: &'a str,
    /// Byte offset of the next unread byte; always on a character boundary.
    at: usize,
}

impl<'a> Parser<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.s.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.at += 1)
    }

    fn literal(&mut self, word: &str) -> Option<()> {
        self.s[self.at..]
            .starts_with(word)
            .then(|| self.at += word.len())
    }

    /// JSON's whitespace: space, tab, line feed, carriage return.
    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// A string at `at` (its opening quote), unescaped.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let start = self.at;
        let run = plain_run(&self.bytes()[start..]);
        self.at += run;
        if self.peek()? == b'"' {
            self.at += 1;
            return Some(Cow::Borrowed(&self.s[start..start + run]));
        }
        // Escapes: copy runs and decode escapes until the closing quote. An
        // escape is never shorter than what it decodes to, so the rest of
        // the line bounds the string and `out` never grows.
        let mut out = String::with_capacity(self.s.len() - start);
        out.push_str(&self.s[start..self.at]);
        loop {
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(Cow::Owned(out));
                }
                b'\\' => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                // A raw control character: serde_json's error to report.
                _ => return None,
            }
            let run = plain_run(&self.bytes()[self.at..]);
            out.push_str(&self.s[self.at..self.at + run]);
            self.at += run;
        }
    }

    /// One escape after its backslash.
    fn escape(&mut self, out: &mut String) -> Option<()> {
        let c = match self.peek()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                self.at += 1;
                let unit = self.hex4()?;
                let c = match unit {
                    0xD800..=0xDBFF => {
                        // A surrogate pair; anything else is serde_json's to judge.
                        self.literal("\\u")?;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return None;
                        }
                        char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?
                    }
                    _ => char::from_u32(unit)?,
                };
                out.push(c);
                return Some(());
            }
            _ => return None,
        };
        self.at += 1;
        out.push(c);
        Some(())
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes().get(self.at..self.at + 4)?;
        let mut n = 0;
        for &d in digits {
            n = n * 16 + char::from(d).to_digit(16)?;
        }
        self.at += 4;
        Some(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// serde_json's reading of `json` as fields, or `None` when it is not an object.
    fn via_serde(json: &str) -> Option<Fields<'static>> {
        match serde_json::from_str(json) {
            Ok(Value::Object(map)) => Some(from_map(map)),
            _ => None,
        }
    }

    fn owned(fields: Fields<'_>) -> Vec<(String, FieldValue<'static>)> {
        fields
            .into_iter()
            .map(|(k, v)| {
                let v = match v {
                    FieldValue::Str(s) => FieldValue::Str(Cow::Owned(s.into_owned())),
                    FieldValue::Json(j) => FieldValue::Json(j),
                };
                (k.into_owned(), v)
            })
            .collect()
    }

    /// Whatever the fast path accepts, serde_json reads the same way.
    fn agrees(json: &str) -> bool {
        match flat_object(json) {
            Some(fast) => via_serde(json).map(owned) == Some(owned(fast)),
            None => true,
        }
    }

    /// `plain_run` stops where a byte-by-byte walk stops, for each kind of
    /// stop at every place in and after the first blocks.
    #[test]
    fn plain_run_matches_a_byte_walk() {
        for stop in [b'"', b'\\', 0, 0x1f, b'\n', b' ', 0x7f, 0xe2] {
            for len in 0..80 {
                for at in 0..=len {
                    let mut bytes = vec![b'a'; len];
                    if at < len {
                        bytes[at] = stop;
                    }
                    let want = bytes
                        .iter()
                        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                        .unwrap_or(len);
                    assert_eq!(plain_run(&bytes), want, "{stop:#x} at {at} of {len}");
                }
            }
        }
    }

    #[test]
    fn reads_flat_string_objects() {
        let f = flat_object(r#" {"text": "a \"b\"\n\u00e9\ud83d\ude00\/", "id":null ,"a":"x"} "#)
            .unwrap();
        assert_eq!(
            owned(f),
            vec![
                ("a".to_string(), FieldValue::Str("x".into())),
                ("id".to_string(), FieldValue::Json(Value::Null)),
                (
                    "text".to_string(),
                    FieldValue::Str("a \"b\"\n\u{e9}\u{1f600}/".into())
                ),
            ]
        );
        assert_eq!(flat_object("{}"), Some(vec![]));
    }

    #[test]
    fn declines_what_serde_json_should_judge() {
        for json in [
            r#"{"id": 1, "text": "x"}"#,
            r#"{"text": true}"#,
            r#"{"text": ["x"]}"#,
            r#"{"text": {"a": "b"}}"#,
            r#"{"text": "x", "text": "y"}"#,
            r#"{"text": "x",}"#,
            r#"{"text": "x"} x"#,
            r#"{"text": "x""#,
            "{\"text\": \"a\u{1}b\"}",
            r#"{"text": "\ud800"}"#,
            r#"{"text": "\udc00"}"#,
            r#"{"text": "\ud800\u0041"}"#,
            r#"{"text": "\x"}"#,
            r#"{"text": "\u12"}"#,
            r#"["text"]"#,
            r#""text""#,
            "",
            "nul",
            r#"{"text": nul}"#,
        ] {
            assert_eq!(flat_object(json), None, "{json}");
        }
    }

    #[test]
    fn agrees_with_serde_json_on_samples() {
        // Long text: long runs with escapes between them.
        let long = serde_json::to_string(&format!(
            "{}\n\n{}\"quoted\" — “curly” é 😀\\{}",
            "a".repeat(2000),
            "b ".repeat(300),
            "c".repeat(513)
        ))
        .unwrap();
        for json in [
            r#"{"b": "1", "a": "2", "B": "3", "é": "4", "aa": null}"#.to_string(),
            r#"{"text": "\u0000\u001f\"\\\b\f\n\r\t\u2028"}"#.to_string(),
            "\t{ \"text\" :\r\"x\" }\r ".to_string(),
            format!("{{\"text\": {long}, \"id\": \"x\"}}"),
        ] {
            assert!(flat_object(&json).is_some(), "{json}");
            assert!(agrees(&json), "{json}");
        }
        // A raw control deep in a long string is still declined.
        let raw = format!(
            "{{\"text\": \"{}\u{1}{}\"}}",
            "a".repeat(700),
            "b".repeat(100)
        );
        assert_eq!(flat_object(&raw), None);
    }

    proptest! {
        #[test]
        fn agrees_with_serde_json(
            pairs in proptest::collection::vec(
                ("[a-z\"\\\\é]{0,4}", proptest::option::of("(\\PC|[\"\\\\\\x00-\\x1f])*")),
                0..5,
            ),
            ws in "[ \t\r]{0,2}",
        ) {
            let body: Vec<String> = pairs
                .iter()
                .map(|(k, v)| {
                    let v = v.as_ref().map_or("null".to_string(), |v| serde_json::to_string(v).unwrap());
                    format!("{}{ws}:{ws}{v}", serde_json::to_string(k).unwrap())
                })
                .collect();
            let json = format!("{ws}{{{}}}{ws}", body.join(&format!("{ws},")));
            prop_assert!(agrees(&json), "{}", json);
            // Without duplicate keys, it is read rather than declined.
            let mut keys: Vec<&String> = pairs.iter().map(|p| &p.0).collect();
            keys.sort();
            keys.dedup();
            if keys.len() == pairs.len() {
                prop_assert!(flat_object(&json).is_some(), "{}", json);
            }
        }

        #[test]
        fn escaped_forms_agree(s in "(\\PC|[\"\\\\\\x00-\\x1f])*") {
            // serde_json writes controls as \u00xx; also try \uXXXX for everything.
            let escaped: String = s.chars().map(|c| {
                let mut units = [0u16; 2];
                c.encode_utf16(&mut units).iter().map(|u| format!("\\u{u:04X}")).collect::<String>()
            }).collect();
            let json = format!("{{\"t\": \"{escaped}\"}}");
            prop_assert!(flat_object(&json).is_some());
            prop_assert!(agrees(&json));
        }
    }
}
