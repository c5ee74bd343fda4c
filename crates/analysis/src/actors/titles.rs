//! The titles lexicon (`lexicons/titles.en.tsv`): roles, honorifics,
//! organisation words and words that never start a name, matched on tokens.
//!
//! Format: `term<TAB>class`. A term with a capital letter matches with that
//! exact case ("President" but not "president"); an all-lower-case term
//! matches in any case ("spokesperson", "Spokesperson").

use crate::fast::{HashMap, WordFilter};

use stance_core::{Token, TokenKind, Tokens};

use crate::lexicon::{LexiconError, LexiconErrorKind, lines};

/// What a titles-lexicon term is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum TitleClass {
    /// A title or role describing a person.
    Role,
    /// A role that makes an anonymous source ("official"); also a role.
    Anon,
    /// A courtesy title ("Dr.").
    Honorific,
    /// A word that makes a capitalised run an organisation.
    Org,
    /// A capitalised word that never belongs to a name.
    Stop,
    /// A given name ("Mitt"): it makes a run of two or more capitalised
    /// words a person ("Mitt Romney had a lead") where no title, verb of
    /// saying or appositive says so. One word only, and only ever a class
    /// of the token (see [`Titles::classify`]), never the term starting
    /// there, so that it does not hide a role or honorific.
    Given,
}

impl TitleClass {
    /// A distinct bit per class.
    pub(crate) fn bit(self) -> u8 {
        match self {
            TitleClass::Role => 1,
            TitleClass::Anon => 2,
            TitleClass::Honorific => 4,
            TitleClass::Org => 8,
            TitleClass::Stop => 16,
            TitleClass::Given => 32,
        }
    }
}

#[derive(Clone, Debug)]
struct Term {
    /// Token texts of the term as written.
    words: Vec<String>,
    /// Lower-case token normal forms.
    norms: Vec<String>,
    case_sensitive: bool,
    class: TitleClass,
}

/// The compiled titles lexicon.
#[derive(Clone, Debug, Default)]
pub(crate) struct Titles {
    by_first: HashMap<String, Vec<Term>>,
    /// The keys of `by_first`, to skip the lookup for most tokens.
    filter: WordFilter,
    /// The keys of `by_first` that a token written with a lower-case first
    /// letter can match: keys of a case-insensitive term, or of a
    /// case-sensitive one whose first word does not start with a capital.
    /// "the" is a key only for the stop word "The", so the most frequent
    /// words of a text skip the look-up.
    lower_filter: WordFilter,
    /// The first, second and last bytes of the keys of `by_first`, as a bit
    /// set (see [`Heads::key`]): read from a token's text, before its normal
    /// form is looked up, they turn away most tokens. A first and last byte
    /// alone let 42% of the tokens of a news text through (every "the",
    /// "that", "to" for the stop word "The" and the role "ten"...).
    heads: Heads,
    /// Some term starts with a word of punctuation only (none built in):
    /// then a punctuation token may start a term.
    punct_keys: bool,
}

/// A bit set over the first, second and last bytes of a word (see
/// [`Heads::key`]): 65,536 bits, indexed without a bounds check.
#[derive(Clone, Debug)]
struct Heads(Box<[u64; 1024]>);

impl Default for Heads {
    fn default() -> Heads {
        Heads(Box::new([0; 1024]))
    }
}

impl Heads {
    /// The bit of a word whose first byte is `first` and whose second
    /// (0 for a one-byte word) and last bytes are `second` and `last`.
    ///
    /// The first byte keeps six bits, so that a capital and a lower-case
    /// letter differ (a token written in lower case can match fewer terms,
    /// see [`Titles::lower_filter`]); the others keep five (`& 31`), which
    /// a letter's case does not change. For a token whose three bytes are
    /// ASCII, its normal form has the same second and last bytes `& 31` (it
    /// lower-cases ASCII letters in place and folds only other characters),
    /// and a first byte that is the same letter in lower case.
    #[inline(always)]
    fn key(first: u8, second: u8, last: u8) -> usize {
        usize::from(first & 63) << 10 | usize::from(second & 31) << 5 | usize::from(last & 31)
    }

    /// The three bytes of `word` [`Heads::key`] reads, when all are ASCII.
    #[inline(always)]
    fn bytes(word: &[u8]) -> Option<(u8, u8, u8)> {
        let (&first, &last) = (word.first()?, word.last()?);
        let second = word.get(1).copied().unwrap_or(0);
        ((first | second | last) < 0x80).then_some((first, second, last))
    }

    fn insert(&mut self, k: usize) {
        self.0[(k >> 6) & 1023] |= 1 << (k & 63);
    }

    #[inline(always)]
    fn contains(&self, k: usize) -> bool {
        self.0[(k >> 6) & 1023] >> (k & 63) & 1 != 0
    }
}

/// A match of a titles term on tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TitleMatch {
    /// Number of tokens: a `u8`, so that the actor pass keeps it in a
    /// compact per-token record ([`Titles::add`] rejects longer terms).
    pub(crate) len: u8,
    /// Class of the term.
    pub(crate) class: TitleClass,
}

impl Titles {
    /// Parses a titles file and adds its terms.
    pub(crate) fn add(&mut self, text: &str, file: &str) -> Result<(), LexiconError> {
        let (_header, content) = lines(text);
        let mut seen: HashMap<(String, TitleClass), usize> = HashMap::default();
        for line in content {
            let err = |kind| LexiconError::new(file, line.number, kind);
            let Some((term, class)) = line.text.split_once('\t') else {
                return Err(err(LexiconErrorKind::Columns {
                    expected: "term<TAB>class",
                }));
            };
            let term = term.trim();
            if term.is_empty() {
                return Err(err(LexiconErrorKind::EmptyTerm));
            }
            let class = match class.trim() {
                "role" => TitleClass::Role,
                "anon" => TitleClass::Anon,
                "honorific" => TitleClass::Honorific,
                "org" => TitleClass::Org,
                "stop" => TitleClass::Stop,
                "given" => TitleClass::Given,
                other => {
                    return Err(err(LexiconErrorKind::Unknown {
                        what: "class",
                        value: other.to_string(),
                    }));
                }
            };
            if let Some(&first) = seen.get(&(term.to_string(), class)) {
                return Err(err(LexiconErrorKind::Duplicate {
                    term: term.to_string(),
                    first_line: first,
                }));
            }
            seen.insert((term.to_string(), class), line.number);
            let toks = Tokens::of(term);
            let words: Vec<String> = toks
                .as_slice()
                .iter()
                .map(|t| t.span.slice(term).to_string())
                .collect();
            let norms: Vec<String> = toks
                .as_slice()
                .iter()
                .map(|t| toks.norm(t).to_string())
                .collect();
            let Some(first) = norms.first().cloned() else {
                return Err(err(LexiconErrorKind::EmptyTerm));
            };
            if class == TitleClass::Given && norms.len() > 1 {
                return Err(err(LexiconErrorKind::Syntax(format!(
                    "a given name is one word; {term:?} has {}",
                    norms.len()
                ))));
            }
            if norms.len() > usize::from(u8::MAX) {
                return Err(err(LexiconErrorKind::Syntax(format!(
                    "term has {} words; at most {} are allowed",
                    norms.len(),
                    u8::MAX
                ))));
            }
            let case_sensitive = term.chars().any(char::is_uppercase);
            self.filter.insert(&first);
            self.punct_keys |= !first.chars().any(char::is_alphanumeric);
            let lower_too =
                !case_sensitive || !words[0].starts_with(|c: char| c.is_ascii_uppercase());
            if lower_too {
                self.lower_filter.insert(&first);
            }
            // A token not written in lower case matches any key: one that
            // starts with a capital or with something other than a letter.
            // A lower-case one matches only the keys of `lower_filter`.
            if let Some((a, b, z)) = Heads::bytes(first.as_bytes()) {
                self.heads.insert(Heads::key(a.to_ascii_uppercase(), b, z));
                if lower_too {
                    self.heads.insert(Heads::key(a, b, z));
                }
            }
            self.by_first.entry(first).or_default().push(Term {
                words,
                norms,
                case_sensitive,
                class,
            });
        }
        Ok(())
    }

    /// The longest term starting at token `i`; on a tie, the one listed first.
    pub(crate) fn match_at(&self, text: &str, tokens: &Tokens, i: usize) -> Option<TitleMatch> {
        self.classify(text, tokens, i).0
    }

    /// True when the word at token `i` alone is a term of `class` (any case rule applies).
    pub(crate) fn is_word(&self, text: &str, tokens: &Tokens, i: usize, class: TitleClass) -> bool {
        self.classify(text, tokens, i).1 & class.bit() != 0
    }

    /// Both answers for token `i` with one lookup: the longest term starting
    /// there, and the classes of one-word terms equal to the token (a bit set
    /// of [`TitleClass::bit`]).
    #[inline(always)]
    pub(crate) fn classify(
        &self,
        text: &str,
        tokens: &Tokens,
        i: usize,
    ) -> (Option<TitleMatch>, u8) {
        match tokens.as_slice().get(i) {
            Some(first) => self.classify_token(text, tokens, i, first),
            None => (None, 0),
        }
    }

    /// [`Titles::classify`] for token `i`, which is `first`.
    #[inline(always)]
    pub(crate) fn classify_token(
        &self,
        text: &str,
        tokens: &Tokens,
        i: usize,
        first: &Token,
    ) -> (Option<TitleMatch>, u8) {
        let bytes = text
            .as_bytes()
            .get(first.span.start..first.span.end)
            .unwrap_or_default();
        self.classify_bytes(text, tokens, i, first, bytes)
    }

    /// [`Titles::classify_token`] given the token's bytes, `bytes` (empty
    /// only for an empty span), which the caller has sliced already.
    #[inline(always)]
    pub(crate) fn classify_bytes(
        &self,
        text: &str,
        tokens: &Tokens,
        i: usize,
        first: &Token,
        bytes: &[u8],
    ) -> (Option<TitleMatch>, u8) {
        // A punctuation token (one in seven) is one punctuation character,
        // as is its normal form: it equals no key that holds a letter or a
        // digit, and only words get one-word classes.
        if first.kind == TokenKind::Punct && !self.punct_keys {
            return (None, 0);
        }
        // Most tokens start no term: first their text's first, second and
        // last bytes, which need no normal form (when all are ASCII), then
        // the filter on the normal form, and only then a hash look-up.
        if let Some((a, b, z)) = Heads::bytes(bytes) {
            if !self.heads.contains(Heads::key(a, b, z)) {
                return (None, 0);
            }
        }
        // Past that filter (one token in eight), the normal form's: a word
        // written in lower case cannot equal a case-sensitive first word
        // that starts with a capital ("the" is not "The").
        let norm = tokens.norm(first);
        let filter = if bytes.first().is_some_and(u8::is_ascii_lowercase) {
            &self.lower_filter
        } else {
            &self.filter
        };
        if !filter.may_contain(norm) {
            return (None, 0);
        }
        self.classify_slow(norm, text, tokens, i)
    }

    /// [`Titles::classify`] past the filter: the hash look-up, out of line.
    #[inline(never)]
    fn classify_slow(
        &self,
        norm: &str,
        text: &str,
        tokens: &Tokens,
        i: usize,
    ) -> (Option<TitleMatch>, u8) {
        match self.by_first.get(norm) {
            Some(cands) => classify_with(cands, text, tokens, i),
            None => (None, 0),
        }
    }
    /// True when `word` (one word, as written) is a stop word.
    pub(crate) fn is_stop_str(&self, word: &str) -> bool {
        let word = word.trim_end_matches('.');
        self.by_first
            .get(&word.to_lowercase())
            .is_some_and(|cands| {
                cands.iter().any(|t| {
                    t.class == TitleClass::Stop
                        && t.norms.len() == 1
                        && t.words[0].trim_end_matches('.') == word
                })
            })
    }

    /// True when `word` (one word, as written) starts any role or honorific term.
    pub(crate) fn starts_role_str(&self, word: &str) -> bool {
        let word = word.trim_end_matches('.');
        self.by_first
            .get(&word.to_lowercase())
            .is_some_and(|cands| {
                cands.iter().any(|t| {
                    matches!(
                        t.class,
                        TitleClass::Role | TitleClass::Anon | TitleClass::Honorific
                    ) && (!t.case_sensitive || t.words[0].trim_end_matches('.') == word)
                })
            })
    }
}

/// [`Titles::classify`] for token `i`, given the terms whose first word is its normal form.
fn classify_with(
    cands: &[Term],
    text: &str,
    tokens: &Tokens,
    i: usize,
) -> (Option<TitleMatch>, u8) {
    let toks = tokens.as_slice();
    let first = &toks[i];
    let first_text = first.span.slice(text);
    let mut best: Option<TitleMatch> = None;
    let mut mask = 0u8;
    for term in cands {
        // At most `u8::MAX` (see [`Titles::add`]).
        let n = term.norms.len();
        // The first word matches: by its normal form (the key of `cands`)
        // or, for a case-sensitive term, as written.
        let first_ok = !term.case_sensitive || first_text == term.words[0];
        if n == 1 && first.kind == TokenKind::Word && first_ok {
            mask |= term.class.bit();
        }
        if term.class == TitleClass::Given {
            continue;
        }
        if !first_ok || i + n > toks.len() || best.is_some_and(|b| usize::from(b.len) >= n) {
            continue;
        }
        let ok = (1..n).all(|k| {
            let t: &Token = &toks[i + k];
            // Words of a multi-word term must be adjacent apart from spaces.
            if !only_spaces(text, toks[i + k - 1].span.end, t.span.start) {
                return false;
            }
            if term.case_sensitive {
                t.span.slice(text) == term.words[k]
            } else {
                tokens.norm(t) == term.norms[k]
            }
        });
        if ok {
            best = Some(TitleMatch {
                len: n as u8,
                class: term.class,
            });
        }
    }
    (best, mask)
}

fn only_spaces(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to)
        .is_some_and(|s| s.bytes().all(|b| b == b' ' || b == b'\t'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_match_and_case_rules() {
        let mut t = Titles::default();
        t.add(
            "Minister\trole\nForeign Minister\trole\nspokesperson\tanon\nDr.\thonorific\n",
            "t",
        )
        .unwrap();
        let text = "Foreign Minister Wang and Spokesperson Mao met Dr. Kim and the minister";
        let toks = Tokens::of(text);
        assert_eq!(
            t.match_at(text, &toks, 0),
            Some(TitleMatch {
                len: 2,
                class: TitleClass::Role
            })
        );
        assert_eq!(
            t.match_at(text, &toks, 4),
            Some(TitleMatch {
                len: 1,
                class: TitleClass::Anon
            })
        );
        assert_eq!(
            t.match_at(text, &toks, 7),
            Some(TitleMatch {
                len: 2,
                class: TitleClass::Honorific
            })
        );
        assert_eq!(
            t.match_at(text, &toks, 12),
            None,
            "\"Minister\" is case-sensitive"
        );
    }

    #[test]
    fn a_term_may_start_with_punctuation() {
        let mut t = Titles::default();
        t.add("minister\trole\n", "t").unwrap();
        let text = "& Co said the minister";
        let toks = Tokens::of(text);
        assert_eq!(t.match_at(text, &toks, 0), None);
        t.add("& Co\torg\n", "t").unwrap();
        assert_eq!(
            t.match_at(text, &toks, 0),
            Some(TitleMatch {
                len: 2,
                class: TitleClass::Org
            })
        );
        assert!(t.match_at(text, &toks, 4).is_some());
    }

    #[test]
    fn a_given_name_is_a_class_of_the_token_never_the_term_there() {
        let mut t = Titles::default();
        t.add("Professor\thonorific\nProfessor\tgiven\nMitt\tgiven\n", "t")
            .unwrap();
        let text = "Mitt Romney met Professor Lee and mitt";
        let toks = Tokens::of(text);
        assert_eq!(t.classify(text, &toks, 0), (None, TitleClass::Given.bit()));
        // The honorific still starts a term where a given name is the same word.
        assert_eq!(
            t.classify(text, &toks, 3),
            (
                Some(TitleMatch {
                    len: 1,
                    class: TitleClass::Honorific
                }),
                TitleClass::Honorific.bit() | TitleClass::Given.bit()
            )
        );
        assert_eq!(t.classify(text, &toks, 6), (None, 0), "case-sensitive");
        assert_eq!(
            t.add("Mary Ann\tgiven\n", "t").unwrap_err().to_string(),
            "t:1: a given name is one word; \"Mary Ann\" has 2"
        );
    }

    #[test]
    fn errors() {
        let mut t = Titles::default();
        assert_eq!(
            t.add("x\n", "t").unwrap_err().to_string(),
            "t:1: expected term<TAB>class"
        );
        assert_eq!(
            t.add("x\tfoo\n", "t").unwrap_err().to_string(),
            "t:1: unknown class \"foo\""
        );
        assert_eq!(
            t.add("x\trole\nx\trole\n", "t").unwrap_err().to_string(),
            "t:2: duplicate term \"x\" (first on line 1)"
        );
    }
}
