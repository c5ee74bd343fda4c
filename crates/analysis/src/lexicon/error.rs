//! Lexicon errors: which file, which line, what is wrong.

use std::fmt;

/// What is wrong with a lexicon line or file.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum LexiconErrorKind {
    /// The file could not be read.
    Io(String),
    /// The file is not UTF-8; the byte offset of the first bad byte.
    NotUtf8 {
        /// Offset of the first invalid byte.
        byte: usize,
    },
    /// A line does not have the columns the format needs.
    Columns {
        /// What the format expects.
        expected: &'static str,
    },
    /// A weight is not a finite number in the allowed range.
    BadWeight {
        /// The column as written.
        value: String,
    },
    /// The term is empty.
    EmptyTerm,
    /// The term appeared before on the given line.
    Duplicate {
        /// The term.
        term: String,
        /// Line of the first occurrence.
        first_line: usize,
    },
    /// A category, kind or key the format does not know.
    Unknown {
        /// What sort of thing ("category", "kind", "key").
        what: &'static str,
        /// The value as written.
        value: String,
    },
    /// Any other syntax problem, described.
    Syntax(String),
}

/// A lexicon problem with its file and 1-based line (0 when it concerns the whole file).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub struct LexiconError {
    /// File path or `builtin:<name>`.
    pub path: String,
    /// 1-based line number, or 0 for the whole file.
    pub line: usize,
    /// What went wrong.
    pub kind: LexiconErrorKind,
}

impl LexiconError {
    /// Builds an error for `path` at `line`.
    pub fn new(path: impl Into<String>, line: usize, kind: LexiconErrorKind) -> LexiconError {
        LexiconError {
            path: path.into(),
            line,
            kind,
        }
    }
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: ", self.path, self.line)?;
        } else {
            write!(f, "{}: ", self.path)?;
        }
        match &self.kind {
            LexiconErrorKind::Io(e) => write!(f, "cannot read lexicon: {e}"),
            LexiconErrorKind::NotUtf8 { byte } => {
                write!(f, "not UTF-8 (invalid byte at offset {byte})")
            }
            LexiconErrorKind::Columns { expected } => write!(f, "expected {expected}"),
            LexiconErrorKind::BadWeight { value } => write!(f, "bad weight {value:?}"),
            LexiconErrorKind::EmptyTerm => f.write_str("empty term"),
            LexiconErrorKind::Duplicate { term, first_line } => {
                write!(f, "duplicate term {term:?} (first on line {first_line})")
            }
            LexiconErrorKind::Unknown { what, value } => write!(f, "unknown {what} {value:?}"),
            LexiconErrorKind::Syntax(msg) => f.write_str(msg),
        }
    }
}

/// Reads a lexicon file as UTF-8, naming the offending byte if it is not.
pub fn read_to_string(path: &std::path::Path) -> Result<String, LexiconError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| LexiconError::new(&shown, 0, LexiconErrorKind::Io(e.to_string())))?;
    String::from_utf8(bytes).map_err(|e| {
        let byte = e.utf8_error().valid_up_to();
        LexiconError::new(shown, 0, LexiconErrorKind::NotUtf8 { byte })
    })
}
