//! Hash maps keyed by short words, with a fast non-cryptographic hasher.
//!
//! Every stage looks words up in lexicon maps, several times per token; with
//! the standard library's SipHash those look-ups were a quarter of the
//! pipeline's CPU time. The keys come from lexicons and article text, and no
//! output depends on iteration order (reports are sorted or follow the text),
//! so a deterministic FxHash is safe here. HashDoS is not a concern for a
//! batch tool reading the user's own corpus: the worst case is a slower run.

pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, rustc_hash::FxBuildHasher>;
pub(crate) type HashSet<K> = std::collections::HashSet<K, rustc_hash::FxBuildHasher>;

/// A 16 384-bit filter in front of a map keyed by words: most words of a
/// text are in no lexicon, and a bit test keyed on a word's first byte, last
/// byte and length rejects about six in seven of them without hashing.
///
/// A word that was [inserted](WordFilter::insert) always passes; a word that
/// passes may still be absent from the map.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordFilter {
    /// 256 words of bits once anything is inserted; empty rejects everything.
    bits: Vec<u64>,
}

impl WordFilter {
    fn key(word: &str) -> Option<usize> {
        let b = word.as_bytes();
        let (&first, &last) = (b.first()?, b.last()?);
        Some(usize::from(first & 31) | usize::from(last & 31) << 5 | b.len().min(15) << 10)
    }

    /// Lets `word` pass from now on.
    pub(crate) fn insert(&mut self, word: &str) {
        let Some(k) = WordFilter::key(word) else {
            return;
        };
        if self.bits.is_empty() {
            self.bits = vec![0; 256];
        }
        self.bits[k >> 6] |= 1 << (k & 63);
    }

    /// False when `word` was certainly never inserted.
    #[inline]
    pub(crate) fn may_contain(&self, word: &str) -> bool {
        WordFilter::key(word)
            .and_then(|k| self.bits.get(k >> 6).map(|w| w >> (k & 63) & 1 != 0))
            .unwrap_or(false)
    }
}

/// The first words of a lexicon's entries, to turn away most words of a
/// text before a hash look-up.
///
/// One [`WordFilter`] keys a word on its first byte, last byte and length,
/// which lets very common words through ("and" passes for "aid", "add" and
/// "admit" alike: a sixth of a news text passed it, few of them cues). A
/// second filter keyed on the word without its last byte tells most of
/// those apart, and costs one more bit test for the few words that pass
/// the first. A word that was [inserted](FirstWords::insert) always passes.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct FirstWords {
    whole: WordFilter,
    head: WordFilter,
}

impl FirstWords {
    /// The word without its last byte, when that is a non-empty `str`;
    /// `None` makes [`FirstWords::may_contain`] rely on the first filter alone.
    #[inline]
    fn head(word: &str) -> Option<&str> {
        let n = word.len();
        if n < 2 { None } else { word.get(..n - 1) }
    }

    /// Lets `word` pass from now on.
    pub(crate) fn insert(&mut self, word: &str) {
        self.whole.insert(word);
        if let Some(h) = FirstWords::head(word) {
            self.head.insert(h);
        }
    }

    /// False when `word` was certainly never inserted.
    #[inline]
    pub(crate) fn may_contain(&self, word: &str) -> bool {
        self.whole.may_contain(word)
            && FirstWords::head(word).is_none_or(|h| self.head.may_contain(h))
    }
}

pub(crate) use stance_core::gallop;

/// True when `s` starts with an upper-case letter; an ASCII first byte is
/// answered without decoding a `char`.
#[inline]
pub(crate) fn starts_upper(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => s.chars().next().is_some_and(char::is_uppercase),
        None => false,
    }
}

/// [`starts_upper`] of `text[span]` for a non-empty span: an ASCII first
/// byte is read without slicing the text.
#[inline]
pub(crate) fn span_starts_upper(text: &str, span: stance_core::Span) -> bool {
    match text.as_bytes().get(span.start) {
        Some(b) if b.is_ascii() && span.end > span.start => b.is_ascii_uppercase(),
        _ => starts_upper(span.slice(text)),
    }
}

/// `s.split_whitespace().count()`, by bytes when `s` is ASCII.
pub(crate) fn count_words(s: &str) -> usize {
    if !s.is_ascii() {
        return s.split_whitespace().count();
    }
    // The ASCII characters `char::is_whitespace` accepts: tab to carriage return, space.
    let space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let mut words = 0;
    let mut prev_space = true;
    for &b in s.as_bytes() {
        let sp = space(b);
        if prev_space && !sp {
            words += 1;
        }
        prev_space = sp;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::{FirstWords, WordFilter, count_words, starts_upper};

    #[test]
    fn ascii_fast_paths_agree_with_char_methods() {
        for s in [
            "",
            " ",
            "a",
            "A",
            "Über",
            "über",
            "Émile Zola",
            "  Lula  da\tSilva ",
            "x\u{b}y",
            "a\u{a0}b",
            "J. K. Rao",
            "\r\nX",
            "9lives",
        ] {
            assert_eq!(count_words(s), s.split_whitespace().count(), "{s:?}");
            assert_eq!(
                starts_upper(s),
                s.chars().next().is_some_and(char::is_uppercase),
                "{s:?}"
            );
        }
    }

    #[test]
    fn inserted_words_pass() {
        let mut f = WordFilter::default();
        assert!(!f.may_contain("said"));
        for w in ["said", "according", "é", "x"] {
            f.insert(w);
        }
        for w in ["said", "according", "é", "x"] {
            assert!(f.may_contain(w), "{w}");
        }
        assert!(!f.may_contain(""));
        assert!(!f.may_contain("the"));
    }

    #[test]
    fn first_words_let_inserted_words_pass() {
        let mut f = FirstWords::default();
        let words = ["said", "according", "aid", "x", "é", "café", "naïve"];
        for w in words {
            f.insert(w);
        }
        for w in words {
            assert!(f.may_contain(w), "{w}");
        }
        // Same first byte, last byte and length as "aid": the second filter tells them apart.
        assert!(!f.may_contain("and"));
        assert!(!f.may_contain(""));
    }
}
