//! Parsers for the sentiment dictionary formats researchers already have.
//!
//! Every parser turns a file's text into a [`SentimentLexicon`]: a list of
//! `(term, weight)` entries with weights in `[-1, 1]`, plus non-fatal warnings.
//! Terms are lower case; a word ending in `*` matches any word it starts
//! (`hegemon*`), and a term may have several words (`lack of respect`).
//!
//! | format | file | weight |
//! |---|---|---|
//! | [`LexiconFormat::Native`] | `term<TAB>weight` | as written, must lie in `[-1, 1]` |
//! | [`LexiconFormat::Vader`] | `token<TAB>mean<TAB>sd<TAB>ratings` | `mean / 4` (VADER rates on -4..4) |
//! | [`LexiconFormat::Afinn`] | `word<TAB>integer` | `score / 5` (AFINN rates on -5..5) |
//! | [`LexiconFormat::Dic`] | LIWC `.dic` (`%` category header, then `word<TAB>cat ids`) or Wordstat `.cat` (category tree) | `±BINARY_WEIGHT` |
//! | [`LexiconFormat::Yaml`] | quanteda YAML (Lexicoder): `positive`, `negative`, `neg_positive`, `neg_negative` | `±BINARY_WEIGHT` |

mod afinn;
pub use dic::category_sign;
mod dic;
mod native;
mod vader;
mod yaml;

use crate::fast::HashMap;
use std::path::Path;

use crate::lexicon::{Header, LexiconError, LexiconErrorKind, content_hash};

/// Weight given to a term of a binary (category) dictionary: LIWC `.dic` and
/// Lexicoder YAML say only "positive" or "negative", so each match counts as
/// a moderately strong term, before shifters.
pub const BINARY_WEIGHT: f64 = 0.5;

/// The file format of a sentiment lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LexiconFormat {
    /// `term<TAB>weight`, weight in `[-1, 1]` (the built-in format).
    Native,
    /// VADER: `token<TAB>mean<TAB>sd<TAB>[ratings]`, mean in `[-4, 4]`.
    Vader,
    /// AFINN: `word<TAB>integer`, integer in `[-5, 5]`.
    Afinn,
    /// LIWC / Wordstat-style `.dic`: a `%`-delimited category header, then words with category ids.
    Dic,
    /// quanteda YAML dictionary with `positive`/`negative`/`neg_positive`/`neg_negative` keys.
    Yaml,
}

impl LexiconFormat {
    /// All formats, for help texts.
    pub const ALL: [LexiconFormat; 5] = [
        LexiconFormat::Native,
        LexiconFormat::Vader,
        LexiconFormat::Afinn,
        LexiconFormat::Dic,
        LexiconFormat::Yaml,
    ];

    /// The format's name as written on the command line.
    pub fn name(self) -> &'static str {
        match self {
            LexiconFormat::Native => "native",
            LexiconFormat::Vader => "vader",
            LexiconFormat::Afinn => "afinn",
            LexiconFormat::Dic => "dic",
            LexiconFormat::Yaml => "yaml",
        }
    }

    /// Parses a format name (`native`, `tsv`, `vader`, `afinn`, `dic`, `liwc`, `yaml`, `yml`).
    pub fn from_name(name: &str) -> Option<LexiconFormat> {
        Some(match name.to_ascii_lowercase().as_str() {
            "native" | "tsv" => LexiconFormat::Native,
            "vader" => LexiconFormat::Vader,
            "afinn" => LexiconFormat::Afinn,
            "dic" | "liwc" | "wordstat" => LexiconFormat::Dic,
            "yaml" | "yml" | "quanteda" | "lexicoder" => LexiconFormat::Yaml,
            _ => return None,
        })
    }

    /// Guesses the format from the file name and, for tab-separated files, the
    /// first content line: `.dic`/`.cat` is [`Dic`](Self::Dic), `.yml`/`.yaml` is
    /// [`Yaml`](Self::Yaml); otherwise three or more columns are VADER, two
    /// columns of integers some beyond ±1 are AFINN, and anything else is native.
    pub fn detect(path: &str, text: &str) -> LexiconFormat {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".dic") || lower.ends_with(".cat") {
            return LexiconFormat::Dic;
        }
        if lower.ends_with(".yml") || lower.ends_with(".yaml") {
            return LexiconFormat::Yaml;
        }
        let (_, lines) = crate::lexicon::lines(text);
        let mut ints_beyond_one = false;
        for line in lines.iter().take(200) {
            let cols: Vec<&str> = line.text.split('\t').collect();
            if cols.len() >= 3 {
                return LexiconFormat::Vader;
            }
            if let Some(w) = cols.get(1) {
                match w.trim().parse::<i64>() {
                    Ok(n) if n.abs() > 1 => ints_beyond_one = true,
                    Ok(_) => {}
                    Err(_) => return LexiconFormat::Native,
                }
            }
        }
        if ints_beyond_one {
            LexiconFormat::Afinn
        } else {
            LexiconFormat::Native
        }
    }
}

impl std::fmt::Display for LexiconFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Name, version, hash and size of a loaded lexicon: what a report records.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct LexiconInfo {
    /// `# name:` from the header, else the file stem.
    pub name: String,
    /// `# version:` from the header, if any.
    pub version: Option<String>,
    /// `# license:` from the header, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// FNV-1a hash of the file's bytes ([`content_hash`]).
    pub hash: String,
    /// The path, or `builtin:<name>`.
    pub origin: String,
    /// The file format.
    pub format: LexiconFormat,
    /// What role the file plays: `sentiment`, `negators`, `intensifiers`, `contrast`, `hedges`.
    pub role: &'static str,
    /// Number of entries.
    pub entries: usize,
    /// Categories used (binary dictionaries) or `positive`/`negative` counts as names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
}

/// One sentiment term.
#[derive(Clone, Debug, PartialEq)]
pub struct LexiconEntry {
    /// The term as written, lower case (`hegemon*`, `lack of respect`).
    pub term: String,
    /// Weight in `[-1, 1]`.
    pub weight: f64,
    /// 1-based line in the file.
    pub line: usize,
}

/// A parsed sentiment lexicon: entries in file order, plus warnings.
#[derive(Clone, Debug)]
pub struct SentimentLexicon {
    /// What the lexicon is.
    pub info: LexiconInfo,
    /// Its entries, in file order, without duplicates.
    pub entries: Vec<LexiconEntry>,
    /// Non-fatal problems (duplicates, unknown categories), each with file and line.
    pub warnings: Vec<LexiconError>,
}

impl SentimentLexicon {
    /// Parses `text` read from `origin` in `format`.
    pub fn parse(
        origin: &str,
        text: &str,
        format: LexiconFormat,
    ) -> Result<SentimentLexicon, LexiconError> {
        let mut sink = Sink::new(origin);
        let header = match format {
            LexiconFormat::Native => native::parse(text, &mut sink)?,
            LexiconFormat::Vader => vader::parse(text, &mut sink)?,
            LexiconFormat::Afinn => afinn::parse(text, &mut sink)?,
            LexiconFormat::Dic => dic::parse(text, &mut sink)?,
            LexiconFormat::Yaml => yaml::parse(text, &mut sink)?,
        };
        let name = header.name.clone().unwrap_or_else(|| stem(origin));
        let info = LexiconInfo {
            name,
            version: header.version,
            license: header.license,
            hash: content_hash(text),
            origin: origin.to_string(),
            format,
            role: "sentiment",
            entries: sink.entries.len(),
            categories: sink.categories,
        };
        Ok(SentimentLexicon {
            info,
            entries: sink.entries,
            warnings: sink.warnings,
        })
    }

    /// Reads and parses a lexicon file; the format is `format` or, if `None`,
    /// [`LexiconFormat::detect`]ed.
    pub fn from_path(
        path: &Path,
        format: Option<LexiconFormat>,
    ) -> Result<SentimentLexicon, LexiconError> {
        let text = crate::lexicon::read_to_string(path)?;
        let origin = path.display().to_string();
        let format = format.unwrap_or_else(|| LexiconFormat::detect(&origin, &text));
        SentimentLexicon::parse(&origin, &text, format)
    }
}

/// The file stem of a path-like origin ("builtin:sentiment.en" → "sentiment.en").
fn stem(origin: &str) -> String {
    let base = origin.rsplit(['/', '\\', ':']).next().unwrap_or(origin);
    match base.rsplit_once('.') {
        Some((s, ext)) if !s.is_empty() && ext.len() <= 5 => s.to_string(),
        _ => base.to_string(),
    }
}

/// Collects entries, checking terms and duplicates, for every parser.
pub(crate) struct Sink {
    origin: String,
    entries: Vec<LexiconEntry>,
    seen: HashMap<String, usize>,
    warnings: Vec<LexiconError>,
    categories: Vec<String>,
}

impl Sink {
    fn new(origin: &str) -> Sink {
        Sink {
            origin: origin.to_string(),
            entries: Vec::new(),
            seen: HashMap::default(),
            warnings: Vec::new(),
            categories: Vec::new(),
        }
    }

    pub(crate) fn error(&self, line: usize, kind: LexiconErrorKind) -> LexiconError {
        LexiconError::new(self.origin.clone(), line, kind)
    }

    pub(crate) fn warn(&mut self, line: usize, kind: LexiconErrorKind) {
        let e = self.error(line, kind);
        self.warnings.push(e);
    }

    pub(crate) fn category(&mut self, name: &str) {
        if !self.categories.iter().any(|c| c == name) {
            self.categories.push(name.to_string());
        }
    }

    /// Room for `n` more entries, when the parser knows how many lines it
    /// will push: the duplicate check's map does not grow step by step.
    pub(crate) fn reserve(&mut self, n: usize) {
        self.entries.reserve(n);
        self.seen.reserve(n);
    }

    /// Adds a term after normalising it (trim, lower case, single spaces).
    /// A duplicate is a warning and the first occurrence is kept.
    pub(crate) fn push(
        &mut self,
        line: usize,
        term: &str,
        weight: f64,
    ) -> Result<(), LexiconError> {
        let term = normalise_term(term);
        if term.is_empty() || term == "*" {
            return Err(self.error(line, LexiconErrorKind::EmptyTerm));
        }
        if !weight.is_finite() || !(-1.0..=1.0).contains(&weight) {
            return Err(self.error(
                line,
                LexiconErrorKind::BadWeight {
                    value: weight.to_string(),
                },
            ));
        }
        if let Some(&first_line) = self.seen.get(&term) {
            self.warn(line, LexiconErrorKind::Duplicate { term, first_line });
            return Ok(());
        }
        self.seen.insert(term.clone(), line);
        self.entries.push(LexiconEntry { term, weight, line });
        Ok(())
    }
}

/// Lower-cases a term, folds curly apostrophes and collapses inner whitespace.
///
/// An ASCII term (nearly every term of the built-in lexicons) is done byte
/// by byte: decoding and lower-casing each `char` cost ~1,000 instructions
/// per term, a fifth of building the engine.
pub(crate) fn normalise_term(term: &str) -> String {
    if term.is_ascii() {
        normalise_ascii(term)
    } else {
        normalise_chars(term)
    }
}

/// [`normalise_term`] of any term, one `char` at a time.
fn normalise_chars(term: &str) -> String {
    let mut out = String::with_capacity(term.len());
    for word in term.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '\u{2019}' | '\u{2018}' | '\u{02bc}' => out.push('\''),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// [`normalise_term`] of an ASCII term: no curly apostrophes, and the
/// ASCII characters `char::is_whitespace` accepts are tab to carriage
/// return and space.
fn normalise_ascii(term: &str) -> String {
    let b = term.as_bytes();
    let space = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    // Most terms are already words joined by single spaces.
    let tidy = b.first().is_none_or(|&c| c != b' ')
        && b.last().is_none_or(|&c| c != b' ')
        && !b.iter().any(|&c| space(c) && c != b' ')
        && !b.windows(2).any(|w| w == b"  ");
    if tidy {
        return term.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(term.len());
    let mut gap = false;
    for &c in b {
        if space(c) {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        out.push(char::from(c.to_ascii_lowercase()));
    }
    out
}

/// Parses a weight column, naming the column on error.
pub(crate) fn parse_number(sink: &Sink, line: usize, value: &str) -> Result<f64, LexiconError> {
    let v = value.trim();
    match v.parse::<f64>() {
        Ok(w) if w.is_finite() => Ok(w),
        _ => Err(sink.error(
            line,
            LexiconErrorKind::BadWeight {
                value: v.to_string(),
            },
        )),
    }
}

/// Returns the header of a line-based file (re-exported for parsers).
pub(crate) fn header_of(text: &str) -> Header {
    crate::lexicon::lines(text).0
}

#[cfg(test)]
mod tests;
