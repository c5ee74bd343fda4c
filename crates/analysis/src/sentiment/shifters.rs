//! Shifter lexicons: negators, intensifiers, contrast cues and hedges.
//!
//! Each is a small line-based file in `lexicons/` with a `#` header (name,
//! version, license, format). Terms may have several words and `word*` globs.

use super::formats::{LexiconFormat, LexiconInfo, normalise_term};
use crate::lexicon::{LexiconError, LexiconErrorKind, content_hash, lines};

/// How a contrast cue re-weights the clauses around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ContrastKind {
    /// "but", "however", "yet": what follows outweighs what came before.
    Adversative,
    /// "although", "despite": the clause the cue opens is conceded, so it weighs less.
    Concessive,
}

/// What a shifter cue does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cue {
    /// Reverses the next sentiment term in the clause.
    Negator,
    /// Multiplies the next sentiment term by the factor (> 1 intensifies, < 1 diminishes).
    Intensifier(f64),
    /// Damps every sentiment term in its clause by the factor.
    Hedge(f64),
    /// Re-weights clauses around it.
    Contrast(ContrastKind),
}

/// Which shifter file a lexicon is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShifterRole {
    /// `negators.en.txt`: one term per line.
    Negators,
    /// `intensifiers.en.tsv`: `term<TAB>factor`, factor in `(0, 3]`.
    Intensifiers,
    /// `contrast.en.tsv`: `term<TAB>adversative|concessive`.
    Contrast,
    /// `hedges.en.tsv`: `term<TAB>factor`, factor in `(0, 1]`.
    Hedges,
}

impl ShifterRole {
    /// The role's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            ShifterRole::Negators => "negators",
            ShifterRole::Intensifiers => "intensifiers",
            ShifterRole::Contrast => "contrast",
            ShifterRole::Hedges => "hedges",
        }
    }

    /// Guesses the role from a file name (`negators*`, `intensifiers*`, `contrast*`, `hedges*`).
    pub fn from_file_name(path: &str) -> Option<ShifterRole> {
        let base = path
            .rsplit(['/', '\\', ':'])
            .next()
            .unwrap_or(path)
            .to_ascii_lowercase();
        [
            ShifterRole::Negators,
            ShifterRole::Intensifiers,
            ShifterRole::Contrast,
            ShifterRole::Hedges,
        ]
        .into_iter()
        .find(|r| base.starts_with(r.name()))
    }
}

/// A parsed shifter file.
#[derive(Clone, Debug)]
pub struct ShifterLexicon {
    /// What the file is.
    pub info: LexiconInfo,
    /// `(term, cue, line)` in file order.
    pub cues: Vec<(String, Cue, usize)>,
}

impl ShifterLexicon {
    /// Parses a shifter file of the given role. Duplicates and bad factors are errors.
    pub fn parse(
        origin: &str,
        text: &str,
        role: ShifterRole,
    ) -> Result<ShifterLexicon, LexiconError> {
        let (header, lines) = lines(text);
        let err = |line: usize, kind| LexiconError::new(origin, line, kind);
        let mut cues: Vec<(String, Cue, usize)> = Vec::new();
        let mut seen = std::collections::HashMap::new();
        for line in lines {
            let cols: Vec<&str> = line.text.split('\t').collect();
            let term = normalise_term(cols[0]);
            if term.is_empty() {
                return Err(err(line.number, LexiconErrorKind::EmptyTerm));
            }
            let factor = |lo: f64, hi: f64| -> Result<f64, LexiconError> {
                let v = cols.get(1).map(|s| s.trim()).unwrap_or("");
                match v.parse::<f64>() {
                    Ok(f) if f.is_finite() && f > lo && f <= hi => Ok(f),
                    _ => Err(err(
                        line.number,
                        LexiconErrorKind::BadWeight {
                            value: v.to_string(),
                        },
                    )),
                }
            };
            let expected_cols = if role == ShifterRole::Negators { 1 } else { 2 };
            if cols.len() != expected_cols {
                let expected = match role {
                    ShifterRole::Negators => "one term per line",
                    ShifterRole::Intensifiers | ShifterRole::Hedges => "term<TAB>factor",
                    ShifterRole::Contrast => "term<TAB>adversative|concessive",
                };
                return Err(err(line.number, LexiconErrorKind::Columns { expected }));
            }
            let cue = match role {
                ShifterRole::Negators => Cue::Negator,
                ShifterRole::Intensifiers => Cue::Intensifier(factor(0.0, 3.0)?),
                ShifterRole::Hedges => Cue::Hedge(factor(0.0, 1.0)?),
                ShifterRole::Contrast => match cols[1].trim() {
                    "adversative" => Cue::Contrast(ContrastKind::Adversative),
                    "concessive" => Cue::Contrast(ContrastKind::Concessive),
                    other => {
                        let value = other.to_string();
                        return Err(err(
                            line.number,
                            LexiconErrorKind::Unknown {
                                what: "kind",
                                value,
                            },
                        ));
                    }
                },
            };
            if let Some(&first_line) = seen.get(&term) {
                return Err(err(
                    line.number,
                    LexiconErrorKind::Duplicate { term, first_line },
                ));
            }
            seen.insert(term.clone(), line.number);
            cues.push((term, cue, line.number));
        }
        let name = header.name.unwrap_or_else(|| role.name().to_string());
        let info = LexiconInfo {
            name,
            version: header.version,
            license: header.license,
            hash: content_hash(text),
            origin: origin.to_string(),
            format: LexiconFormat::Native,
            role: role.name(),
            entries: cues.len(),
            categories: Vec::new(),
        };
        Ok(ShifterLexicon { info, cues })
    }
}
