//! The speech-verb lexicon: which words cue a quotation, and what sort of speech act each one reports.

use crate::fast::{FirstWords, HashMap};

use crate::lexicon::{self, LexiconError, LexiconErrorKind};

/// The built-in speech-verb list, `form<TAB>class`.
pub(crate) const SPEECH_VERBS_EN: &str = include_str!("../../../../lexicons/speech-verbs.en.tsv");

/// What kind of speech act a cue reports; the stance stage weighs quotes by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CueClass {
    /// A neutral report of speech ("said", "told", "according to").
    Neutral,
    /// The speaker asserts or argues ("insisted", "claimed", "argued").
    Assertion,
    /// The speaker criticises someone ("accused", "condemned").
    Criticism,
    /// The speaker warns ("warned", "cautioned").
    Warning,
    /// The speaker praises someone ("praised", "hailed").
    Praise,
}

impl CueClass {
    /// The lower-case name used in the lexicon file and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            CueClass::Neutral => "neutral",
            CueClass::Assertion => "assertion",
            CueClass::Criticism => "criticism",
            CueClass::Warning => "warning",
            CueClass::Praise => "praise",
        }
    }

    fn parse(s: &str) -> Option<CueClass> {
        Some(match s {
            "neutral" => CueClass::Neutral,
            "assertion" => CueClass::Assertion,
            "criticism" => CueClass::Criticism,
            "warning" => CueClass::Warning,
            "praise" => CueClass::Praise,
            _ => return None,
        })
    }
}

/// Speech cues keyed by their lower-cased word forms.
///
/// One-word and several-word cues ("according to") share one map keyed by
/// the first word, so matching at a token costs one hash lookup.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpeechVerbs {
    by_first: HashMap<String, Cues>,
    /// The keys of `by_first`, to skip the lookup for most words.
    filter: FirstWords,
    /// 1,024 bits, one per low five bits of a key's first byte and of its
    /// last byte ([`SpeechVerbs::may_start_ends`]).
    ends: [u64; 16],
}

/// The bit of [`SpeechVerbs::ends`] for a word's first and last bytes.
#[inline]
fn ends_key(first: u8, last: u8) -> usize {
    usize::from(first & 31) | usize::from(last & 31) << 5
}

/// The cues starting with one word.
#[derive(Clone, Debug, Default, PartialEq)]
struct Cues {
    /// The word alone as a cue.
    single: Option<CueClass>,
    /// (Remaining words, class) of several-word cues, longest first.
    multi: Vec<(Vec<String>, CueClass)>,
}

impl SpeechVerbs {
    /// The built-in English list (`lexicons/speech-verbs.en.tsv`).
    pub fn builtin() -> SpeechVerbs {
        // The built-in file is checked by a unit test, so it always parses.
        SpeechVerbs::parse("builtin:speech-verbs.en", SPEECH_VERBS_EN).unwrap_or_default()
    }

    /// Reads a speech-verb file (`form<TAB>class`, `#` comments).
    pub fn from_path(path: &std::path::Path) -> Result<SpeechVerbs, LexiconError> {
        let text = lexicon::read_to_string(path)?;
        SpeechVerbs::parse(&path.display().to_string(), &text)
    }

    /// Parses speech-verb lines; `origin` names the file in errors.
    pub fn parse(origin: &str, text: &str) -> Result<SpeechVerbs, LexiconError> {
        let mut out = SpeechVerbs::default();
        let (_, lines) = lexicon::lines(text);
        let mut first_line: HashMap<String, usize> = HashMap::default();
        for line in lines {
            let err = |kind| LexiconError::new(origin, line.number, kind);
            let (form, class) = line.text.split_once('\t').ok_or_else(|| {
                err(LexiconErrorKind::Columns {
                    expected: "form<TAB>class",
                })
            })?;
            let form = form.trim().to_lowercase();
            let class = class.trim();
            if form.is_empty() {
                return Err(err(LexiconErrorKind::EmptyTerm));
            }
            let class = CueClass::parse(class).ok_or_else(|| {
                err(LexiconErrorKind::Unknown {
                    what: "class",
                    value: class.to_string(),
                })
            })?;
            if let Some(&first) = first_line.get(&form) {
                return Err(err(LexiconErrorKind::Duplicate {
                    term: form,
                    first_line: first,
                }));
            }
            first_line.insert(form.clone(), line.number);
            out.insert(&form, class);
        }
        Ok(out)
    }

    /// Adds one cue (one word or several separated by spaces), replacing an earlier class.
    pub fn insert(&mut self, form: &str, class: CueClass) {
        let mut words = form.split_whitespace().map(str::to_lowercase);
        let Some(first) = words.next() else { return };
        let rest: Vec<String> = words.collect();
        self.filter.insert(&first);
        if let (Some(&f), Some(&l)) = (first.as_bytes().first(), first.as_bytes().last()) {
            let k = ends_key(f, l);
            self.ends[k >> 6] |= 1 << (k & 63);
        }
        let entry = self.by_first.entry(first).or_default();
        if rest.is_empty() {
            entry.single = Some(class);
        } else {
            let multi = &mut entry.multi;
            multi.retain(|(r, _)| r != &rest);
            multi.push((rest, class));
            multi.sort_by_key(|(r, _)| std::cmp::Reverse(r.len()));
        }
    }

    /// Number of cue forms.
    pub fn len(&self) -> usize {
        self.by_first
            .values()
            .map(|c| usize::from(c.single.is_some()) + c.multi.len())
            .sum()
    }

    /// True when there are no cues.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// False when no cue starts with `word`, for most words without a hash lookup.
    #[inline]
    pub(crate) fn may_start(&self, word: &str) -> bool {
        self.filter.may_contain(word)
    }

    /// False when no cue starts with a word whose first and last bytes in
    /// the text are `first` and `last`, both ASCII; true for any other bytes.
    ///
    /// A word's normal form is its characters in lower case, one by one
    /// (`Tokens::norm`): an ASCII character gives its byte in lower case, and
    /// lower case keeps a byte's low five bits, so the first and last bytes
    /// of the text tell as much as those of the normal form, without
    /// fetching it. This turns away three words in five of a news text, at
    /// less than half the cost of [`SpeechVerbs::may_start`]. (Testing the
    /// second byte too turns away four in five, but cost more than it saved.)
    #[inline]
    pub(crate) fn may_start_ends(&self, first: u8, last: u8) -> bool {
        if (first | last) >= 0x80 {
            return true;
        }
        let k = ends_key(first, last);
        self.ends[k >> 6] >> (k & 63) & 1 != 0
    }

    /// The cue starting at word `norms[0]`: how many words it takes and its class.
    /// Several-word cues win over a one-word cue with the same first word.
    pub fn match_at(&self, norms: &[&str]) -> Option<(usize, CueClass)> {
        let first = *norms.first()?;
        if !self.filter.may_contain(first) {
            return None;
        }
        self.match_listed(norms)
    }

    /// [`SpeechVerbs::match_at`] for a first word that already passed
    /// [`SpeechVerbs::may_start`], without testing the filter again.
    pub(crate) fn match_listed(&self, norms: &[&str]) -> Option<(usize, CueClass)> {
        let first = *norms.first()?;
        self.match_lazy(first, norms.len(), |k| norms[k])
    }

    /// [`SpeechVerbs::match_listed`] for the words `first`, then `next(1)`,
    /// `next(2)`, … (`words` of them in all), where a word after the first is
    /// asked for only when a several-word cue starts with `first`: most
    /// words that pass the filter are no cue, and fetching the next two
    /// words' normal forms for each of them cost more than the look-up.
    pub(crate) fn match_lazy<'n>(
        &self,
        first: &str,
        words: usize,
        next: impl Fn(usize) -> &'n str,
    ) -> Option<(usize, CueClass)> {
        let cues = self.by_first.get(first)?;
        for (rest, class) in &cues.multi {
            if words > rest.len() && rest.iter().enumerate().all(|(k, a)| *a == next(k + 1)) {
                return Some((rest.len() + 1, *class));
            }
        }
        cues.single.map(|c| (1, c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_sorted_and_unique() {
        let verbs = SpeechVerbs::parse("builtin", SPEECH_VERBS_EN).unwrap();
        assert!(verbs.len() > 150);
        let (header, lines) = lexicon::lines(SPEECH_VERBS_EN);
        assert_eq!(
            header.license.as_deref(),
            Some("CC0-1.0 (written for stance)")
        );
        let forms: Vec<&str> = lines
            .iter()
            .map(|l| l.text.split('\t').next().unwrap())
            .collect();
        let mut sorted = forms.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(
            forms, sorted,
            "speech-verbs.en.tsv must be sorted and unique"
        );
        for form in [
            "said",
            "says",
            "say",
            "saying",
            "stated",
            "told",
            "added",
            "warned",
            "explained",
            "noted",
        ] {
            assert!(verbs.match_at(&[form]).is_some(), "{form}");
        }
        assert_eq!(
            verbs.match_at(&["according", "to", "x"]),
            Some((2, CueClass::Neutral))
        );
        assert_eq!(verbs.match_at(&["according"]), None);
        assert_eq!(
            verbs.match_at(&["criticised"]),
            Some((1, CueClass::Criticism))
        );
        assert_eq!(verbs.match_at(&["praised"]), Some((1, CueClass::Praise)));
        assert_eq!(verbs.match_at(&["warned"]), Some((1, CueClass::Warning)));
    }

    /// The end-byte filter never turns away a first word of a cue, in any
    /// ASCII case, nor a word with a byte beyond ASCII at either end.
    #[test]
    fn end_bytes_keep_every_cue() {
        let verbs = SpeechVerbs::builtin();
        for first in verbs.by_first.keys() {
            for w in [
                first.clone(),
                first.to_uppercase(),
                first.to_ascii_uppercase(),
            ] {
                let b = w.as_bytes();
                let (f, l) = (b[0], b[b.len() - 1]);
                assert!(verbs.may_start_ends(f, l), "{w}");
            }
        }
        assert!(verbs.may_start_ends(0xC3, b'z'));
        assert!(verbs.may_start_ends(b'z', 0x99));
        assert!(!verbs.may_start_ends(b'z', b'z'));
        assert!(!SpeechVerbs::default().may_start_ends(b's', b'd'));
    }

    #[test]
    fn errors_name_the_line() {
        let e = SpeechVerbs::parse("f.tsv", "# c\nsaid\tneutral\nyelled\tloud\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(matches!(
            e.kind,
            LexiconErrorKind::Unknown { what: "class", .. }
        ));
        let e = SpeechVerbs::parse("f.tsv", "said\tneutral\nsaid\tpraise\n").unwrap_err();
        assert!(matches!(
            e.kind,
            LexiconErrorKind::Duplicate { first_line: 1, .. }
        ));
        let e = SpeechVerbs::parse("f.tsv", "said neutral\n").unwrap_err();
        assert!(matches!(e.kind, LexiconErrorKind::Columns { .. }));
    }
}
