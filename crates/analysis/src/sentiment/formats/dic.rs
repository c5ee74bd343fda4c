//! LIWC-style `.dic`: a category table between two `%` lines, then one word
//! (or `word*` glob, or phrase) per line followed by category ids; or a
//! Wordstat `.cat` category tree (see `parse_wordstat`).
//!
//! ```text
//! %
//! 1 posemo
//! 2 negemo
//! %
//! abandon* 2
//! good 1
//! ```
//! Categories are mapped to a sign by name ([`category_sign`]); other
//! categories are reported once as a warning and their words ignored. A word in
//! both a positive and a negative category cancels out and is warned about.

use crate::fast::HashMap;

use super::{BINARY_WEIGHT, Sink};
use crate::lexicon::{Header, LexiconError, LexiconErrorKind, lines};

/// The sign of a category name in a binary sentiment dictionary, or `None` if
/// the category carries no sentiment we know. Lexicoder's `neg_positive`
/// ("not good") is negative and `neg_negative` ("not bad") positive.
pub fn category_sign(name: &str) -> Option<f64> {
    let n = name.trim().to_ascii_lowercase().replace([' ', '-'], "_");
    match n.as_str() {
        "positive" | "pos" | "posemo" | "positive_emotion" | "positive_words" | "neg_negative" => {
            Some(1.0)
        }
        "negative" | "neg" | "negemo" | "negative_emotion" | "negative_words" | "neg_positive"
        | "anger" | "anx" | "sad" => Some(-1.0),
        _ => None,
    }
}

/// Wordstat `.cat` (as Lexicoder ships): a category name at the left margin,
/// then its words indented, each optionally followed by a weight in
/// parentheses (`ABANDON* (1)`), which is ignored. A line at the left margin
/// without a weight is a category; an indented line is a word of the nearest
/// category above it.
///
/// ```text
/// NEGATIVE
///     A LIE (1)
///     ABANDON* (1)
/// POSITIVE
///     ABILIT* (1)
/// ```
fn parse_wordstat(text: &str, sink: &mut Sink) -> Result<(), LexiconError> {
    let (_, lines) = lines(text);
    // (indent, sign, name, warned)
    let mut stack: Vec<(usize, Option<f64>, String, bool)> = Vec::new();
    for l in lines {
        let indent = l.text.len() - l.text.trim_start().len();
        let body = l.text.trim();
        let (term, is_entry) = match body.strip_suffix(')').and_then(|b| b.rsplit_once('(')) {
            Some((t, n)) if n.trim().parse::<f64>().is_ok() => (t.trim(), true),
            _ => (body, false),
        };
        while stack.last().is_some_and(|(i, ..)| *i >= indent) {
            stack.pop();
        }
        if !is_entry && (indent == 0 || stack.is_empty()) {
            let sign = category_sign(term);
            if sign.is_some() {
                sink.category(&term.to_ascii_lowercase());
            }
            stack.push((indent, sign, term.to_string(), false));
            continue;
        }
        let Some((_, sign, name, warned)) = stack.last_mut() else {
            return Err(sink.error(
                l.number,
                LexiconErrorKind::Syntax("word before any category".into()),
            ));
        };
        match *sign {
            Some(sign) => sink.push(l.number, term, sign * BINARY_WEIGHT)?,
            None if !*warned => {
                *warned = true;
                let value = name.clone();
                sink.warn(
                    l.number,
                    LexiconErrorKind::Unknown {
                        what: "category",
                        value,
                    },
                );
            }
            None => {}
        }
    }
    Ok(())
}

pub(super) fn parse(text: &str, sink: &mut Sink) -> Result<Header, LexiconError> {
    let (header, lines) = lines(text);
    let mut iter = lines.into_iter();
    match iter.next() {
        Some(l) if l.text.trim() == "%" => {}
        Some(_) => return parse_wordstat(text, sink).map(|()| header),
        None => return Ok(header),
    }
    // id -> (sign or None, name, line)
    let mut cats: HashMap<String, (Option<f64>, String)> = HashMap::default();
    let mut closed = false;
    for l in iter.by_ref() {
        let t = l.text.trim();
        if t == "%" {
            closed = true;
            break;
        }
        let mut parts = t.split_whitespace();
        let (Some(id), Some(_)) = (parts.next(), parts.clone().next()) else {
            return Err(sink.error(
                l.number,
                LexiconErrorKind::Columns {
                    expected: "category id<TAB>name",
                },
            ));
        };
        let name = parts.collect::<Vec<_>>().join(" ");
        let sign = category_sign(&name);
        if sign.is_none() {
            sink.warn(
                l.number,
                LexiconErrorKind::Unknown {
                    what: "category",
                    value: name.clone(),
                },
            );
        } else {
            sink.category(&name);
        }
        cats.insert(id.to_string(), (sign, name));
    }
    if !closed {
        return Err(sink.error(
            0,
            LexiconErrorKind::Syntax("category header has no closing `%`".into()),
        ));
    }
    for l in iter {
        let fields: Vec<&str> = if l.text.contains('\t') {
            l.text
                .split('\t')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .collect()
        } else {
            l.text.split_whitespace().collect()
        };
        // Trailing fields that are category ids; the rest is the term.
        let n_ids = fields
            .iter()
            .rev()
            .take_while(|f| cats.contains_key(**f) || f.parse::<u32>().is_ok())
            .count();
        if n_ids == 0 || n_ids == fields.len() {
            return Err(sink.error(
                l.number,
                LexiconErrorKind::Columns {
                    expected: "word<TAB>category ids",
                },
            ));
        }
        let term = fields[..fields.len() - n_ids].join(" ");
        let mut sum = 0.0;
        let mut signed = false;
        for id in &fields[fields.len() - n_ids..] {
            match cats.get(*id) {
                Some((Some(s), _)) => {
                    sum += s;
                    signed = true;
                }
                Some((None, _)) => {}
                None => sink.warn(
                    l.number,
                    LexiconErrorKind::Unknown {
                        what: "category",
                        value: (*id).to_string(),
                    },
                ),
            }
        }
        if !signed {
            continue;
        }
        if sum == 0.0 {
            sink.warn(
                l.number,
                LexiconErrorKind::Syntax(format!(
                    "{term:?} is both positive and negative; ignored"
                )),
            );
            continue;
        }
        sink.push(l.number, &term, sum.signum() * BINARY_WEIGHT)?;
    }
    Ok(header)
}
