//! The relation lexicon: cues that put two actors in a relation, with a class,
//! an intensity on a cooperation–conflict scale, and the frame that says where
//! source and target attach. Format in `lexicons/relations.en.tsv`'s header.

use crate::fast::{FirstWords, HashMap};

use crate::lexicon::{self, LexiconError, LexiconErrorKind};

/// How a cue's source and target attach to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Frame {
    /// `SOURCE cue [prep] TARGET`; passive `TARGET was cue by SOURCE`.
    Verb,
    /// Symmetric verb: `SOURCE and TARGET cue`, `SOURCE cue with TARGET`.
    Sym,
    /// `[SOURCE's] cue (for|of|on|against|with|to) TARGET`.
    Noun,
    /// Symmetric noun: `cue between SOURCE and TARGET`, `SOURCE's cue with TARGET`.
    SymNoun,
    /// `SOURCE is cue TARGET` ("critical of").
    Adj,
}

impl Frame {
    fn parse(s: &str) -> Option<Frame> {
        Some(match s {
            "verb" => Frame::Verb,
            "sym" => Frame::Sym,
            "noun" => Frame::Noun,
            "symnoun" => Frame::SymNoun,
            "adj" => Frame::Adj,
            _ => return None,
        })
    }

    /// True for frames whose relation holds in both directions.
    pub fn symmetric(self) -> bool {
        matches!(self, Frame::Sym | Frame::SymNoun)
    }
}

/// One relation cue.
#[derive(Clone, Debug, PartialEq)]
pub struct Cue {
    /// The term as written in the lexicon ("deepen ties").
    pub term: String,
    /// Its words (normal forms).
    pub words: Vec<String>,
    /// Kind of act ("condemn").
    pub class: String,
    /// -10 (most hostile) ..= 10 (most cooperative).
    pub intensity: f64,
    /// Where source and target attach.
    pub frame: Frame,
}

/// All relation cues, indexed by first word for a single left-to-right pass.
#[derive(Clone, Debug, Default)]
pub struct RelationLexicon {
    cues: Vec<Cue>,
    /// First word -> cue indices, longest first.
    by_first: HashMap<String, Vec<usize>>,
    /// The keys of `by_first`: [`RelationLexicon::longest_at`] runs at every
    /// word of every sentence with an actor, and most words start no cue, so
    /// a bit test turns most of them away before they are hashed.
    filter: FirstWords,
}

/// The built-in relation lexicon.
pub(crate) const RELATIONS_EN: &str = include_str!("../../../../lexicons/relations.en.tsv");

impl RelationLexicon {
    /// Parses a relation lexicon; `path` names it in errors.
    pub fn parse(path: &str, text: &str) -> Result<RelationLexicon, LexiconError> {
        let (_, lines) = lexicon::lines(text);
        let mut lex = RelationLexicon::default();
        let mut first_line: HashMap<String, usize> = HashMap::default();
        for line in lines {
            let err = |kind| LexiconError::new(path, line.number, kind);
            let cols: Vec<&str> = line.text.split('\t').collect();
            if cols.len() != 4 {
                return Err(err(LexiconErrorKind::Columns {
                    expected: "term<TAB>class<TAB>intensity<TAB>frame",
                }));
            }
            let term = cols[0].trim().to_lowercase();
            if term.is_empty() {
                return Err(err(LexiconErrorKind::EmptyTerm));
            }
            if let Some(&first) = first_line.get(&term) {
                return Err(err(LexiconErrorKind::Duplicate {
                    term,
                    first_line: first,
                }));
            }
            let intensity: f64 = cols[2]
                .trim()
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite() && (-10.0..=10.0).contains(v))
                .ok_or_else(|| {
                    err(LexiconErrorKind::BadWeight {
                        value: cols[2].to_string(),
                    })
                })?;
            let frame = Frame::parse(cols[3].trim()).ok_or_else(|| {
                err(LexiconErrorKind::Unknown {
                    what: "frame",
                    value: cols[3].to_string(),
                })
            })?;
            let class = cols[1].trim().to_string();
            if class.is_empty() {
                return Err(err(LexiconErrorKind::Unknown {
                    what: "class",
                    value: String::new(),
                }));
            }
            first_line.insert(term.clone(), line.number);
            let words = term.split_whitespace().map(str::to_string).collect();
            lex.cues.push(Cue {
                term,
                words,
                class,
                intensity,
                frame,
            });
        }
        for (i, cue) in lex.cues.iter().enumerate() {
            lex.filter.insert(&cue.words[0]);
            lex.by_first
                .entry(cue.words[0].clone())
                .or_default()
                .push(i);
        }
        for list in lex.by_first.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(lex.cues[i].words.len()));
        }
        Ok(lex)
    }

    /// The built-in lexicon.
    pub fn builtin() -> Result<RelationLexicon, LexiconError> {
        RelationLexicon::parse("builtin:relations.en", RELATIONS_EN)
    }

    /// Number of cues.
    pub fn len(&self) -> usize {
        self.cues.len()
    }

    /// True when there are no cues.
    pub fn is_empty(&self) -> bool {
        self.cues.is_empty()
    }

    /// The cue at `index`.
    pub fn cue(&self, index: usize) -> &Cue {
        &self.cues[index]
    }

    /// The longest cue starting at word `i` of `words`: (cue index, words used).
    ///
    /// Inlined so that the filter test runs in the caller's loop: most words
    /// stop there, without a call.
    #[inline(always)]
    pub fn longest_at(&self, words: &[&str], i: usize) -> Option<(usize, usize)> {
        if !self.filter.may_contain(words[i]) {
            return None;
        }
        self.longest_listed(words, i)
    }

    /// [`RelationLexicon::longest_at`] for a word that passed the filter.
    fn longest_listed(&self, words: &[&str], i: usize) -> Option<(usize, usize)> {
        let list = self.by_first.get(words[i])?;
        list.iter().copied().find_map(|c| {
            let cue = &self.cues[c];
            let n = cue.words.len();
            (i + n <= words.len() && cue.words.iter().zip(&words[i..i + n]).all(|(a, b)| a == b))
                .then_some((c, n))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_sorted_without_duplicates() {
        let lex = RelationLexicon::builtin().unwrap();
        assert!(lex.len() > 300, "{}", lex.len());
        let (_, lines) = lexicon::lines(RELATIONS_EN);
        let terms: Vec<&str> = lines
            .iter()
            .map(|l| l.text.split('\t').next().unwrap())
            .collect();
        let mut sorted = terms.clone();
        sorted.sort_unstable();
        assert_eq!(terms, sorted, "relations.en.tsv must be sorted");
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = RelationLexicon::parse(
            "my.tsv",
            "# c\nsupport\tsupport\t5\tverb\nslam\tcriticize\tNaN\tverb\n",
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "my.tsv:3: bad weight \"NaN\"");
        let e = RelationLexicon::parse("my.tsv", "hug\tpraise\t3\tcuddle\n").unwrap_err();
        assert_eq!(e.to_string(), "my.tsv:1: unknown frame \"cuddle\"");
        let e = RelationLexicon::parse("my.tsv", "hug\tpraise\t3\tverb\nhug\tpraise\t3\tverb\n")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "my.tsv:2: duplicate term \"hug\" (first on line 1)"
        );
    }

    #[test]
    fn longest_cue_wins() {
        let lex = RelationLexicon::builtin().unwrap();
        let words = ["agreed", "to", "deepen", "ties", "with"];
        let (c, n) = lex.longest_at(&words, 2).unwrap();
        assert_eq!((lex.cue(c).term.as_str(), n), ("deepen ties", 2));
    }
}
