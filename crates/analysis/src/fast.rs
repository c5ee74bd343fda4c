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

#[cfg(test)]
mod tests {
    use super::WordFilter;

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
}
