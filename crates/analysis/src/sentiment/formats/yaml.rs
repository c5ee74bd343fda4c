//! quanteda YAML dictionaries, as the Lexicoder Sentiment Dictionary ships:
//!
//! ```yaml
//! positive:
//!   - abilit*
//!   - "fair play"
//! negative: [abandon*, abuse*]
//! neg_positive:
//!   - not good
//! ```
//! A small reader for the subset these files use: `key:` maps nested by
//! indentation, block lists (`- item`), flow lists (`[a, b]`), single or
//! double quoted scalars and `#` comments. A list's sign comes from the name
//! of the key that holds it ([`super::dic::category_sign`]); lists under other
//! keys are warned about and skipped. Anchors, multi-line scalars and maps
//! inside lists are rejected with the line number.

use super::dic::category_sign;
use super::{BINARY_WEIGHT, Sink};
use crate::lexicon::{Header, LexiconError, LexiconErrorKind};

pub(super) fn parse(text: &str, sink: &mut Sink) -> Result<Header, LexiconError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header = super::header_of(text);
    // Stack of (indent, key) for nested maps.
    let mut stack: Vec<(usize, String)> = Vec::new();
    // The key holding the list being read: its sign, name, and whether it was warned about.
    let mut current: Option<(Option<f64>, String, bool)> = None;
    for (i, raw) in text.split('\n').enumerate() {
        let number = i + 1;
        let line = strip_comment(raw.strip_suffix('\r').unwrap_or(raw));
        if line.trim().is_empty() || line.trim() == "---" || line.trim() == "..." {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let body = line.trim();
        if let Some(item) = body
            .strip_prefix('-')
            .filter(|r| r.is_empty() || r.starts_with(' '))
        {
            let Some((sign, key, warned)) = &mut current else {
                return Err(sink.error(
                    number,
                    LexiconErrorKind::Syntax("list item outside a key".into()),
                ));
            };
            if sign.is_none() && !*warned {
                *warned = true;
                let value = key.clone();
                sink.warn(
                    number,
                    LexiconErrorKind::Unknown {
                        what: "category",
                        value,
                    },
                );
            }
            let item = item.trim();
            if item.ends_with(':') || (item.contains(": ") && !is_quoted(item)) {
                return Err(sink.error(
                    number,
                    LexiconErrorKind::Syntax("maps inside lists are not supported".into()),
                ));
            }
            if let Some(sign) = *sign {
                sink.push(number, &unquote(item), sign * BINARY_WEIGHT)?;
            }
            continue;
        }
        let Some((key, value)) = split_key(body) else {
            return Err(sink.error(
                number,
                LexiconErrorKind::Syntax(format!("expected `key:` or `- item`, found {body:?}")),
            ));
        };
        if value.starts_with('&')
            || value.starts_with('*')
            || value.starts_with('|')
            || value.starts_with('>')
        {
            return Err(sink.error(
                number,
                LexiconErrorKind::Syntax("anchors and block scalars are not supported".into()),
            ));
        }
        while stack.last().is_some_and(|(ind, _)| *ind >= indent) {
            stack.pop();
        }
        stack.push((indent, key.clone()));
        let sign = category_sign(&key);
        current = Some((sign, key.clone(), false));
        if value.is_empty() {
            // A nested map or a block list follows; an unknown key is warned
            // about only once list items appear under it.
            if sign.is_some() {
                sink.category(&key);
            }
            continue;
        }
        let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) else {
            return Err(sink.error(
                number,
                LexiconErrorKind::Syntax(format!("expected a list under {key:?}")),
            ));
        };
        match sign {
            Some(sign) => {
                sink.category(&key);
                for item in split_flow(inner) {
                    sink.push(number, &unquote(item), sign * BINARY_WEIGHT)?;
                }
            }
            None => sink.warn(
                number,
                LexiconErrorKind::Unknown {
                    what: "category",
                    value: key.clone(),
                },
            ),
        }
    }
    Ok(header)
}

/// The line without a trailing `# comment` (outside quotes).
fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if i == 0 || line[..i].ends_with(' ') => return &line[..i],
            _ => {}
        }
    }
    line
}

fn split_key(body: &str) -> Option<(String, &str)> {
    let (key, rest) = if body.starts_with('"') || body.starts_with('\'') {
        let q = body.chars().next()?;
        let end = body[1..].find(q)? + 1;
        let rest = body[end + 1..].trim_start().strip_prefix(':')?;
        (body[1..end].to_string(), rest)
    } else {
        let (k, rest) = body.split_once(':')?;
        if !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        (k.trim().to_string(), rest)
    };
    Some((key, rest.trim()))
}

fn is_quoted(s: &str) -> bool {
    (s.starts_with('"') && s.ends_with('"') || s.starts_with('\'') && s.ends_with('\''))
        && s.len() >= 2
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    if is_quoted(s) {
        let inner = &s[1..s.len() - 1];
        if s.starts_with('\'') {
            inner.replace("''", "'")
        } else {
            inner.replace("\\\"", "\"")
        }
    } else {
        s.to_string()
    }
}

fn split_flow(inner: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quote: Option<char> = None;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, ',') => {
                out.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(inner[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}
