//! Lexicon files: the line reader every format shares, and its errors.
//!
//! Every lexicon is a UTF-8 text file read line by line; `#` starts a comment
//! line. Errors carry the file name and the 1-based line number so that a
//! researcher can fix a lexicon saved by a spreadsheet without guessing.

mod error;

pub use error::{LexiconError, LexiconErrorKind, read_to_string};

/// The file a lexicon came from: a path, or `builtin:<name>` for embedded ones.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Origin(pub String);

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The `# key: value` header comments at the top of a lexicon file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header {
    /// `# name:`.
    pub name: Option<String>,
    /// `# version:`.
    pub version: Option<String>,
    /// `# license:`.
    pub license: Option<String>,
}

/// One content line of a lexicon file: its 1-based number and text without the line break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number in the file.
    pub number: usize,
    /// The line, without `\r\n`/`\n` and without a leading BOM.
    pub text: &'a str,
}

/// Splits a lexicon file into its header and its content lines, skipping blank
/// lines and `#` comments.
pub fn lines(text: &str) -> (Header, Vec<Line<'_>>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut header = Header::default();
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(comment) = trimmed.strip_prefix('#') {
            if let Some((key, value)) = comment.split_once(':') {
                let value = Some(value.trim().to_string());
                match key.trim() {
                    "name" if header.name.is_none() => header.name = value,
                    "version" if header.version.is_none() => header.version = value,
                    "license" if header.license.is_none() => header.license = value,
                    _ => {}
                }
            }
            continue;
        }
        out.push(Line {
            number: i + 1,
            text: line,
        });
    }
    (header, out)
}

/// A stable 64-bit FNV-1a hash of a lexicon's bytes, printed in reports so a
/// result can be tied to the exact file that produced it.
pub fn content_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_lines() {
        let (h, lines) =
            lines("\u{feff}# name: demo\r\n# version: 1.2\r\n\r\nalpha\t1\r\n# note\nbeta\t2");
        assert_eq!(h.name.as_deref(), Some("demo"));
        assert_eq!(h.version.as_deref(), Some("1.2"));
        assert_eq!(
            lines,
            [
                Line {
                    number: 4,
                    text: "alpha\t1"
                },
                Line {
                    number: 6,
                    text: "beta\t2"
                }
            ]
        );
    }
}
