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

/// A word of up to 15 bytes packed into two machine words: its bytes
/// little-endian and zero-padded, its length in the last byte.
///
/// Comparing two of these is two integer compares; a `Box<str>` key costs a
/// pointer chase to a separately allocated string and a `memcmp` call, and on
/// a table of ~45,000 lexicon words the chase misses the cache on most hits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Packed(u64, u64);

impl Packed {
    const MAX: usize = 15;

    /// `None` for a word longer than [`Packed::MAX`] bytes.
    #[inline]
    fn new(word: &str) -> Option<Packed> {
        let b = word.as_bytes();
        let n = b.len();
        // Fixed-size loads, overlapping where the word is shorter than the
        // load (the overlapping bytes are the same bytes, so OR keeps them),
        // instead of a variable-length copy. Each load is one slice of fixed
        // length: one bounds check and one unaligned load, where indexing
        // byte by byte checked every byte.
        let load8 = |at: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[at..at + 8]);
            u64::from_le_bytes(w)
        };
        let load4 = |at: usize| {
            let mut w = [0u8; 4];
            w.copy_from_slice(&b[at..at + 4]);
            u64::from(u32::from_le_bytes(w))
        };
        let (lo, hi) = match n {
            0 => (0, 0),
            // The first, middle and last bytes cover every byte of a word
            // of one to three bytes.
            1..=3 => (
                u64::from(b[0])
                    | u64::from(b[n / 2]) << (n / 2 * 8)
                    | u64::from(b[n - 1]) << ((n - 1) * 8),
                0,
            ),
            4..=7 => (load4(0) | load4(n - 4) << ((n - 4) * 8), 0),
            8 => (load8(0), 0),
            9..=Packed::MAX => (load8(0), load8(n - 8) >> ((16 - n) * 8)),
            _ => return None,
        };
        Some(Packed(lo, hi | (n as u64) << 56))
    }

    /// The word back, for listing a map's keys.
    #[cfg(test)]
    fn unpack(self) -> String {
        let n = (self.1 >> 56) as usize;
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.0.to_le_bytes());
        bytes[8..].copy_from_slice(&self.1.to_le_bytes());
        String::from_utf8_lossy(&bytes[..n]).into_owned()
    }
}

/// A hash map keyed by words, built for look-ups of article words in
/// lexicons: words of up to 15 bytes (nearly all of them) are kept packed
/// in the table itself ([`Packed`]); longer ones in a second map.
///
/// Words of up to 7 bytes, most words of a text, have a table of their own
/// keyed by one `u64` (the bytes and the length): its buckets are 8 bytes
/// smaller, and it holds only the short words (~7,000 of the ~54,000 words
/// of the sentiment lexicons with their inflections), so most look-ups
/// touch a table of ~400 KB instead of one of ~2 MB: fewer L1 misses, and
/// sentiment scoring ran ~4% faster.
#[derive(Clone, Debug)]
pub(crate) struct WordMap<V> {
    tiny: HashMap<u64, V>,
    short: HashMap<Packed, V>,
    long: HashMap<Box<str>, V>,
}

/// Where a word is kept in a [`WordMap`].
enum Key {
    Tiny(u64),
    Short(Packed),
    Long,
}

impl Key {
    #[inline]
    fn of(word: &str) -> Key {
        match Packed::new(word) {
            // Up to 7 bytes the length byte of `.1` is all of `.1`, and the
            // top byte of `.0` is free for it.
            Some(p) if word.len() <= 7 => Key::Tiny(p.0 | p.1),
            Some(p) => Key::Short(p),
            None => Key::Long,
        }
    }
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            tiny: HashMap::default(),
            short: HashMap::default(),
            long: HashMap::default(),
        }
    }
}

impl<V> WordMap<V> {
    /// Room for `tiny` more words of up to 7 bytes and `short` more of 8 to 15.
    pub(crate) fn reserve(&mut self, tiny: usize, short: usize) {
        self.tiny.reserve(tiny);
        self.short.reserve(short);
    }

    /// Always inlined: with three tables the compiler kept it out of line,
    /// and the sentiment matcher calls it for every word of a text.
    #[inline(always)]
    pub(crate) fn get(&self, word: &str) -> Option<&V> {
        match Key::of(word) {
            Key::Tiny(k) => self.tiny.get(&k),
            Key::Short(k) => self.short.get(&k),
            Key::Long => self.long.get(word),
        }
    }

    /// The value of `word`, inserting `f()` first if it has none: one probe
    /// where `get_mut` then `insert` cost two for a new word.
    pub(crate) fn get_or_insert_with(&mut self, word: &str, f: impl FnOnce() -> V) -> &mut V {
        match Key::of(word) {
            Key::Tiny(k) => self.tiny.entry(k).or_insert_with(f),
            Key::Short(k) => self.short.entry(k).or_insert_with(f),
            Key::Long => self.long.entry(word.into()).or_insert_with(f),
        }
    }

    /// Inserts `value` for `word`, returning the value it replaces.
    pub(crate) fn insert(&mut self, word: &str, value: V) -> Option<V> {
        match Key::of(word) {
            Key::Tiny(k) => self.tiny.insert(k, value),
            Key::Short(k) => self.short.insert(k, value),
            Key::Long => self.long.insert(word.into(), value),
        }
    }

    /// Every word and its value, in no particular order.
    #[cfg(test)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = (String, &V)> {
        let len = 0xff << 56;
        let tiny = self
            .tiny
            .iter()
            .map(move |(&k, v)| (Packed(k & !len, k & len).unpack(), v));
        let short = self.short.iter().map(|(k, v)| (k.unpack(), v));
        tiny.chain(short)
            .chain(self.long.iter().map(|(k, v)| (k.to_string(), v)))
    }
}

/// A bounded cache from words to small values: `1 << bits` slots in sets
/// of two, each slot holding one [`Packed`] word and its value; a new word
/// goes first in its set, pushing the set's first word second and evicting
/// its second. Words longer than [`Packed::MAX`] bytes and the empty word
/// are never kept.
///
/// For answers that are costly to work out once per word but the same every
/// time (the sentiment matcher's fallbacks on words no entry matches): a
/// text repeats its words, so most look-ups are of a word seen before, and
/// one multiply and a compare or two find it where a hash map's probe
/// costs several times that. Two slots per set keep a frequent word that
/// shares its set with a run of rare ones, which one slot lost each time.
/// Its memory is fixed, whatever the corpus.
#[derive(Clone, Debug)]
pub(crate) struct WordMemo<V> {
    /// Empty for a memo that keeps nothing.
    sets: Vec<[(Packed, V); 2]>,
    shift: u32,
}

impl<V: Copy + Default> WordMemo<V> {
    /// A memo of `1 << bits` slots, all empty; `bits` from 2 to 33.
    pub(crate) fn new(bits: u32) -> WordMemo<V> {
        WordMemo {
            sets: vec![[(Packed(0, 0), V::default()); 2]; 1 << (bits - 1)],
            shift: 65 - bits,
        }
    }

    /// A memo that keeps nothing: every `get` misses.
    pub(crate) fn none() -> WordMemo<V> {
        WordMemo {
            sets: Vec::new(),
            shift: 0,
        }
    }

    /// Empties every slot.
    pub(crate) fn clear(&mut self) {
        self.sets.fill([(Packed(0, 0), V::default()); 2]);
    }

    /// The set of `p`: the top bits of a multiplicative hash of both halves.
    #[inline(always)]
    fn set(&self, p: Packed) -> usize {
        const K: u64 = 0x9e37_79b9_7f4a_7c15;
        ((p.0 ^ p.1.rotate_left(29)).wrapping_mul(K) >> self.shift) as usize
    }

    /// The value kept for `word`, if it is still kept.
    #[inline(always)]
    pub(crate) fn get(&self, word: &str) -> Option<V> {
        let p = Packed::new(word)?;
        // The empty word packs to `Packed(0, 0)`, the mark of an empty slot.
        if p.1 == 0 {
            return None;
        }
        let [(k0, v0), (k1, v1)] = *self.sets.get(self.set(p))?;
        if k0 == p {
            Some(v0)
        } else {
            (k1 == p).then_some(v1)
        }
    }

    /// Keeps `value` for `word`, first in its set.
    pub(crate) fn insert(&mut self, word: &str, value: V) {
        let Some(p) = Packed::new(word).filter(|p| p.1 != 0) else {
            return;
        };
        let i = self.set(p);
        if let Some(set) = self.sets.get_mut(i) {
            *set = [(p, value), set[0]];
        }
    }
}

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
    use super::{FirstWords, Packed, WordFilter, WordMap, WordMemo, count_words, starts_upper};

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

    /// Every length from 0 to 16 bytes, ASCII and not: a packed word
    /// unpacks to itself, and two words pack equal only when they are equal
    /// (a shorter word is not a longer one with zero bytes: the length is
    /// part of the key).
    #[test]
    fn packed_words_round_trip_and_stay_distinct() {
        let words: Vec<String> = (0..=16)
            .flat_map(|n| {
                [
                    "abcdefghijklmnopq"[..n].to_string(),
                    "zyxwvutsrqponmlkj"[..n].to_string(),
                    "é".repeat(n / 2),
                ]
            })
            .collect();
        let mut map = WordMap::default();
        for (i, w) in words.iter().enumerate() {
            match Packed::new(w) {
                Some(p) => assert_eq!(p.unpack(), *w),
                None => assert!(w.len() > Packed::MAX, "{w}"),
            }
            map.insert(w, i);
        }
        for (i, w) in words.iter().enumerate() {
            // "é".repeat(0) and the empty prefixes are one word.
            let first = words.iter().position(|x| x == w).unwrap();
            let expect = words.iter().rposition(|x| x == w).unwrap();
            assert!(first <= i);
            assert_eq!(map.get(w), Some(&expect), "{w:?}");
        }
        assert_eq!(map.get("abcdefghijklmnop\u{0}"), None);
        assert_eq!(map.get("abc\u{0}"), None);
        *map.get_or_insert_with("abcdefghijklmnop", || 0) = 99;
        assert_eq!(map.get("abcdefghijklmnop"), Some(&99));
        let long = "qqqqqqqqqqqqqqqqqqqq";
        for (w, v) in [("qqqq", 5), (long, 7)] {
            assert_eq!(*map.get_or_insert_with(w, || v), v);
            assert_eq!(*map.get_or_insert_with(w, || v + 1), v);
        }
        let mut listed: Vec<String> = map.iter().map(|(k, _)| k).collect();
        listed.sort();
        let mut distinct = words.clone();
        distinct.extend(["qqqq", long].map(String::from));
        distinct.sort();
        distinct.dedup();
        assert_eq!(listed, distinct);
    }

    /// A memo gives back what was kept for a word until another word takes
    /// its slot, never a value for a word it was not given, and keeps
    /// nothing for the empty word or a word too long to pack.
    #[test]
    fn memo_keeps_words_until_evicted() {
        let mut memo: WordMemo<u32> = WordMemo::new(2);
        assert_eq!(memo.get("said"), None);
        assert_eq!(memo.get(""), None);
        memo.insert("", 7);
        assert_eq!(memo.get(""), None);
        let long = "internationalisation";
        memo.insert(long, 7);
        assert_eq!(memo.get(long), None);
        let words = [
            "a",
            "the",
            "said",
            "according",
            "abcdefghijklmno",
            "caf\u{e9}",
        ];
        for (i, w) in words.iter().enumerate() {
            memo.insert(w, i as u32);
            assert_eq!(memo.get(w), Some(i as u32), "{w}");
            for (j, v) in words[..i].iter().enumerate() {
                // Evicted or kept, never another word's value.
                assert!(memo.get(v).is_none_or(|x| x == j as u32), "{v}");
            }
        }
        memo.clear();
        assert!(words.iter().all(|w| memo.get(w).is_none()));
        let none: WordMemo<u32> = WordMemo::none();
        assert_eq!(none.get("said"), None);
    }
}
