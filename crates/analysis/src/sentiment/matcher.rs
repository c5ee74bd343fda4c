//! One hash-based matcher over token normal forms for every term of every
//! lexicon: single words, multi-word terms and `word*` globs, longest match
//! first, so each token belongs to at most one match.

use std::cell::RefCell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::fast::{HashMap, WordMap, WordMemo};

/// One word of a pattern.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum WordPat {
    Exact(Box<str>),
    Prefix(Box<str>),
}

impl WordPat {
    fn parse(word: &str) -> WordPat {
        match word.strip_suffix('*') {
            Some(p) if !p.is_empty() => WordPat::Prefix(p.into()),
            _ => WordPat::Exact(word.into()),
        }
    }

    fn matches(&self, norm: &str) -> bool {
        match self {
            WordPat::Exact(w) => {
                same_word(w, norm) || strip_possessive(norm).is_some_and(|n| same_word(w, n))
            }
            WordPat::Prefix(p) => norm.starts_with(&**p),
        }
    }

    /// Exact words beat globs; longer globs beat shorter ones.
    fn specificity(&self) -> usize {
        match self {
            WordPat::Exact(_) => EXACT,
            WordPat::Prefix(p) => p.len(),
        }
    }
}

/// The specificity of an exact word, and so of every one-word pattern of the
/// exact map: `find` knows it without reading the pattern.
const EXACT: usize = 1000;

/// True when `word` has three or more equal letters in a row.
///
/// Looks at every second byte: a run of three has its first or its middle
/// byte at an odd index, and there that byte equals the next one. This runs
/// on every word that no entry matches, and most have no doubled letter.
fn has_run(word: &str) -> bool {
    let b = word.as_bytes();
    let mut i = 1;
    while i + 1 < b.len() {
        if b[i] == b[i + 1] && (b[i - 1] == b[i] || b.get(i + 2) == Some(&b[i])) {
            return true;
        }
        i += 2;
    }
    false
}

/// `word` with every run of three or more equal bytes cut to `keep`.
fn collapse_runs(word: &str, keep: usize) -> String {
    let b = word.as_bytes();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < b.len() {
        let mut j = i;
        while j < b.len() && b[j] == b[i] {
            j += 1;
        }
        let n = if j - i >= 3 { keep } else { j - i };
        for _ in 0..n {
            out.push(b[i] as char);
        }
        i = j;
    }
    out
}

/// "china's" → "china"; "leaders'" → "leaders".
///
/// Byte checks rather than `strip_suffix`: this runs on every word, and a
/// two-byte `memcmp` call costs more than the comparison.
pub(crate) fn strip_possessive(norm: &str) -> Option<&str> {
    let b = norm.as_bytes();
    let cut = match b {
        [.., b'\'', b's'] => 2,
        [.., b'\''] => 1,
        _ => return None,
    };
    Some(&norm[..b.len() - cut]).filter(|s| !s.is_empty())
}

/// `a == b` for short words, comparing the first byte inline before calling
/// out to `memcmp`.
fn same_word(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// The words after the one a match would start at: read one at a time, so
/// that the scorer hands over a sentence's tokens as they are and only the
/// words a multi-word pattern needs are looked at, where collecting every
/// normal form into a `Vec` first cost more than the look-ups.
pub(crate) trait Words<'w> {
    /// How many words there are.
    fn count(&self) -> usize;
    /// The normal form of word `i`, for `i < self.count()`.
    fn word(&self, i: usize) -> &'w str;
}

impl<'w> Words<'w> for [&'w str] {
    #[inline]
    fn count(&self) -> usize {
        self.len()
    }

    #[inline]
    fn word(&self, i: usize) -> &'w str {
        self[i]
    }
}

/// The first byte of the first of `rest`; 0 when there is none, and then no
/// multi-word pattern passes [`Matcher::consider`].
#[inline]
fn next_byte<'w, W: Words<'w> + ?Sized>(rest: &W) -> u8 {
    if rest.count() > 0 {
        rest.word(0).as_bytes().first().copied().unwrap_or(0)
    } else {
        0
    }
}

/// Regular English suffixes and what to put back on the stem, most specific
/// first; `=` undoes a doubled final consonant.
const INFLECTIONS: &[(&str, &[&str])] = &[
    ("iest", &["y"]),
    ("ier", &["y"]),
    ("est", &["", "e", "="]),
    ("ily", &["y"]),
    ("ies", &["y"]),
    ("ied", &["y"]),
    ("ing", &["", "e", "="]),
    ("ed", &["", "e", "="]),
    ("es", &["", "e"]),
    ("ly", &["", "le"]),
    ("s", &[""]),
];

#[derive(Clone, Debug)]
struct Pattern {
    words: Vec<WordPat>,
    specificity: usize,
}

/// A compiled set of patterns, each with a payload.
///
/// Look-ups cost one hash probe for most words: one table holds both the
/// exact entries and every regular inflection of every single-word entry
/// (listed ahead of time instead of trying ~20 stem guesses per unknown word
/// at run time); besides, the glob prefixes bucketed by first byte (a few
/// `starts_with` checks).
#[derive(Clone, Debug)]
pub(crate) struct Matcher<T> {
    patterns: Vec<Pattern>,
    payloads: Vec<T>,
    /// Per pattern id, the first byte of its second word, or 0 for a
    /// one-word pattern. Every word pattern matches only words that start
    /// with its first byte, so `find` drops a multi-word candidate on this
    /// one byte without reading the pattern: frequent first words ("a",
    /// "not", "the") lead to dozens of multi-word patterns.
    second: Vec<u8>,
    exact: HashMap<Box<str>, Vec<u32>>,
    /// Glob prefixes by their first byte, shortest first (the order in which
    /// ties between equally good matches are broken).
    prefix: Vec<Vec<(Box<str>, Vec<u32>)>>,
    /// The exact map and the inflection map in one, so that `find` answers
    /// both with one hash probe; built on first use after the last `add`
    /// (see [`Matcher::table`]).
    table: OnceLock<Table>,
}

/// The look-up table [`Matcher::find`] probes once per word.
#[derive(Clone, Debug, Default)]
struct Table {
    words: WordMap<Slot>,
    /// The multi-word patterns of every slot that has some, each as a run:
    /// two words of [`Table::seconds`], then the pattern ids, then `NO_ID`
    /// (index 0 is no run). Kept out of the slots so that a slot is 16 bytes
    /// and a bucket of the table 32 (it was 48 with a `Box<[u32]>` in the
    /// slot): the table is ~2 MB rather than ~3 MB, and a probe for a word
    /// that is in it misses the cache less often.
    multi: Vec<u32>,
    /// The first bytes of the glob prefixes.
    heads: Heads,
    /// Which table this is, for [`Memo`]: unique among the tables built in
    /// this process (a clone shares it, and has the same entries).
    id: u64,
}

/// The source of [`Table::id`]; 0 is no table.
static TABLE_IDS: AtomicU64 = AtomicU64::new(1);

/// How many slots a [`Memo`] has, as a power of two: 16,384 slots of 24
/// bytes, 384 KB per thread. c1's 339 articles have ~16,000 distinct words
/// that the memo may keep; of c1's 227,000 look-ups, `find` worked out
/// 47,000 answers with 4,096 slots of one per set, 36,000 with 8,192,
/// 28,000 with 16,384 and 24,000 with 32,768, and 22,900 with 16,384 slots
/// of two per set. The frequent words that make up most look-ups stay in
/// any size.
const MEMO_BITS: u32 = 14;

/// One table's answers for the words it was asked about: per word, the
/// one-word match ([`Remembered::alone`]) and the run of patterns of
/// several words that start with the word ([`Remembered::run`]).
///
/// Most words of a text are matched by nothing, and for those
/// [`Matcher::find`] runs its whole chain of fallbacks (possessive, glob
/// heads, inflection, elongation) before it says so; the frequent words
/// that lead to patterns of several words ("the", "a", "to", "in") cost a
/// probe of the big table each time. A text repeats its words, so the memo
/// answers most look-ups with one probe of a small table. It is per thread
/// (no locking) and bounded ([`MEMO_BITS`]), and it only ever holds what
/// `find` works out from the word alone, so output does not depend on what
/// it holds.
pub(crate) struct Memo {
    /// The [`Table::id`] whose answers `words` holds; 0 for none.
    owner: u64,
    words: WordMemo<Remembered>,
}

/// What [`Memo`] keeps for a word.
///
/// Why this gives `find`'s answer. A pattern of several words that matches
/// is longer than any one-word pattern, so it wins; when none matches,
/// `find` answers what it would answer with no words after `first`, which
/// is `alone`. A word is kept only when the only patterns of several words
/// that may start with it are its table slot's run (not its possessive's,
/// nor a glob's), so `run` lists them all, in the order `find` tries them.
#[derive(Clone, Copy, Debug, Default)]
struct Remembered {
    /// The pattern id `find` gives the word with nothing after it, or
    /// [`NO_ID`].
    alone: u32,
    /// [`Slot::multi`] of the word's slot; 0 for none.
    run: u32,
}

impl Memo {
    /// A memo that keeps nothing.
    fn none() -> Memo {
        Memo {
            owner: 0,
            words: WordMemo::none(),
        }
    }

    /// Empties the memo for the table `owner`.
    fn reset(&mut self, owner: u64) {
        if self.owner == 0 {
            self.words = WordMemo::new(MEMO_BITS);
        } else {
            self.words.clear();
        }
        self.owner = owner;
    }
}

thread_local! {
    /// The memo of the table this thread used last.
    static MEMO: RefCell<Memo> = RefCell::new(Memo::none());
}

/// A filter on the first bytes of the glob prefixes: a word passes only if
/// some prefix starts with the same [`Heads::len`] bytes as the word (the
/// shortest prefix's length, at most 3), so the prefix buckets are read for
/// the few words that may match a glob. A filter on the first two bytes let
/// two words in five into their bucket, and nearly none matched there.
#[derive(Clone, Debug)]
struct Heads {
    /// Bit [`Heads::bit`] for the head of every prefix; 4,096 bits.
    bits: Vec<u64>,
    /// How many bytes a head has: every prefix has at least this many.
    len: usize,
}

impl Default for Heads {
    fn default() -> Self {
        Heads {
            bits: vec![0; 64],
            len: 3,
        }
    }
}

impl Heads {
    /// The filter for `prefixes`.
    fn new<'p>(prefixes: impl Iterator<Item = &'p str> + Clone) -> Heads {
        let len = prefixes.clone().map(str::len).min().unwrap_or(3).min(3);
        let mut heads = Heads {
            len,
            ..Heads::default()
        };
        for p in prefixes {
            let bit = heads.bit(p.as_bytes());
            heads.bits[bit >> 6] |= 1 << (bit & 63);
        }
        heads
    }

    /// A hash of the first [`Heads::len`] bytes of `b`, which has that many
    /// or more, in 12 bits. Always inlined: out of line it cost a call, a
    /// spill of `find`'s registers and ~19 instructions for every word.
    #[inline(always)]
    fn bit(&self, b: &[u8]) -> usize {
        let key = match self.len {
            1 => u32::from(b[0]),
            2 => u32::from(b[0]) | u32::from(b[1]) << 8,
            _ => u32::from(b[0]) | u32::from(b[1]) << 8 | u32::from(b[2]) << 16,
        };
        (key.wrapping_mul(0x9e37_79b1) >> 20) as usize
    }

    /// The first byte of `word` when some prefix may match it; `None` when
    /// none can: the word is shorter than every prefix, or no prefix starts
    /// with its head.
    #[inline(always)]
    fn first_byte(&self, word: &str) -> Option<u8> {
        let b = word.as_bytes();
        // `len` is 1 or more: a glob's prefix is never empty.
        if b.len() < self.len {
            return None;
        }
        let bit = self.bit(b);
        (self.bits[bit >> 6] >> (bit & 63) & 1 != 0).then(|| b[0])
    }
}

impl Table {
    /// Bit `c & 63` for the first byte `c` of the second word of every
    /// pattern in the run at `at` (all bits for a byte 0, which passes every
    /// word: see [`Matcher::consider`]). The few very common words that
    /// lead to multi-word patterns ("a", "in", "on") are followed by another
    /// word far more often than by any pattern's: one bit test skips the run.
    fn seconds(&self, at: usize) -> u64 {
        u64::from(self.multi[at]) | u64::from(self.multi[at + 1]) << 32
    }
}

/// What one word leads to: the patterns whose first word it is exactly, and
/// the single-word pattern it is a regular inflection of.
#[derive(Clone, Copy, Debug)]
struct Slot {
    /// The first one-word pattern that is exactly this word, or `NO_ID`:
    /// later ones tie with it and lose, so `find` needs no loop for them.
    single: u32,
    /// `NO_INFLECTION` when the word is no inflection of an entry.
    inflection: u32,
    /// Where the run of the patterns of two words or more whose first word
    /// this is starts in [`Table::multi`], or 0 for none.
    multi: u32,
    /// Which rule of [`INFLECTIONS`] gave `inflection` (lower wins); only
    /// read while building, and it fits in the slot's padding.
    rank: u8,
}

const NO_INFLECTION: u32 = u32::MAX;
const NO_ID: u32 = u32::MAX;

impl<T> Default for Matcher<T> {
    fn default() -> Self {
        Matcher {
            patterns: Vec::new(),
            payloads: Vec::new(),
            second: Vec::new(),
            exact: HashMap::default(),
            prefix: vec![Vec::new(); 256],
            table: OnceLock::new(),
        }
    }
}

impl<T> Matcher<T> {
    /// Room for `n` more terms.
    pub(crate) fn reserve(&mut self, n: usize) {
        self.patterns.reserve(n);
        self.payloads.reserve(n);
        self.second.reserve(n);
        self.exact.reserve(n);
    }

    /// Adds a normalised term (lower case, single spaces).
    pub(crate) fn add(&mut self, term: &str, payload: T) {
        let words: Vec<WordPat> = term.split(' ').map(WordPat::parse).collect();
        let specificity = words.iter().map(WordPat::specificity).sum();
        let id = self.patterns.len() as u32;
        match &words[0] {
            WordPat::Exact(w) => self.exact.entry(w.clone()).or_default().push(id),
            WordPat::Prefix(p) => {
                let first = usize::from(p.as_bytes()[0]);
                let bucket = &mut self.prefix[first];
                match bucket.iter_mut().find(|(q, _)| q == p) {
                    Some((_, ids)) => ids.push(id),
                    None => {
                        bucket.push((p.clone(), vec![id]));
                        bucket.sort_by_key(|(q, _)| q.len());
                    }
                }
            }
        }
        self.second.push(match words.get(1) {
            Some(WordPat::Exact(w) | WordPat::Prefix(w)) => {
                w.as_bytes().first().copied().unwrap_or(0)
            }
            None => 0,
        });
        self.patterns.push(Pattern { words, specificity });
        self.payloads.push(payload);
        self.table = OnceLock::new();
    }

    /// The best match starting at `first`, followed by the words `rest`: its
    /// length in words and payload. Longest wins, then the most specific
    /// (exact over glob, longer glob), then the pattern added first.
    #[cfg(test)]
    pub(crate) fn find<'w, W: Words<'w> + ?Sized>(
        &self,
        first: &str,
        rest: &W,
    ) -> Option<(usize, &T)> {
        let (found, _) = self.find_id(first, rest);
        found.map(|(n, id)| (n, &self.payloads[id as usize]))
    }

    /// Runs `f` with this thread's [`Memo`], emptied first if it held
    /// another table's answers. Should `f` ask for the memo again, the inner
    /// call gets one that keeps nothing.
    pub(crate) fn with_memo<R>(&self, f: impl FnOnce(&mut Memo) -> R) -> R {
        let owner = self.table().id;
        MEMO.with(|cell| match cell.try_borrow_mut() {
            Ok(mut memo) => {
                if memo.owner != owner {
                    memo.reset(owner);
                }
                f(&mut memo)
            }
            Err(_) => f(&mut Memo::none()),
        })
    }

    /// [`Matcher::find`], answered from `memo` when it knows `first`, and
    /// teaching it `first` otherwise when it can. `memo` must come from
    /// [`Matcher::with_memo`] on this matcher.
    #[inline]
    pub(crate) fn find_with<'w, W: Words<'w> + ?Sized>(
        &self,
        memo: &mut Memo,
        first: &str,
        rest: &W,
    ) -> Option<(usize, &T)> {
        let found = match memo.words.get(first) {
            Some(r) => {
                let longer = match r.run {
                    0 => None,
                    run => self.longer(run as usize, rest),
                };
                longer.or((r.alone != NO_ID).then_some((1, r.alone)))
            }
            None => {
                let (found, keep) = self.find_id(first, rest);
                if let Some(run) = keep {
                    let alone = match (run, found) {
                        // No pattern of several words: the answer is the
                        // word's alone.
                        (0, _) | (_, Some((1, _))) => found.map_or(NO_ID, |(_, id)| id),
                        _ => self.find_id(first, &[][..]).0.map_or(NO_ID, |(_, id)| id),
                    };
                    memo.words.insert(first, Remembered { alone, run });
                }
                found
            }
        };
        found.map(|(n, id)| (n, &self.payloads[id as usize]))
    }

    /// The best pattern of several words in the run at `at` of
    /// [`Table::multi`] that matches the words before `rest`' first.
    fn longer<'w, W: Words<'w> + ?Sized>(&self, at: usize, rest: &W) -> Option<(usize, u32)> {
        let mut best = None;
        self.consider_run(self.table(), at, rest, &mut best);
        best.map(|(n, _, id)| (n, id))
    }

    /// [`Matcher::find`] with the pattern id, and whether [`Memo`] may keep
    /// the word: `Some` of its slot's [`Slot::multi`] (0 for none) when
    /// that run holds every pattern of several words that may start with
    /// `first`.
    fn find_id<'w, W: Words<'w> + ?Sized>(
        &self,
        first: &str,
        rest: &W,
    ) -> (Option<(usize, u32)>, Option<u32>) {
        let table = self.table();
        let mut best: Option<(usize, usize, u32)> = None;
        let mut alone = true;
        let slot = table.words.get(first);
        // A slot's one-word pattern before its longer ones: a longer match
        // always wins over it, and the ids of each kind stay in order, so
        // ties break as they would over all ids in order.
        if let Some(slot) = slot {
            self.consider_slot(table, slot, rest, &mut best);
        }
        if let Some(slot) = strip_possessive(first).and_then(|s| table.words.get(s)) {
            alone &= slot.multi == 0;
            self.consider_slot(table, slot, rest, &mut best);
        }
        if let Some(b) = table.heads.first_byte(first) {
            for (p, ids) in &self.prefix[usize::from(b)] {
                // The bucket shares the first byte; check the second inline.
                if first.len() >= p.len()
                    && (p.len() < 2 || first.as_bytes()[1] == p.as_bytes()[1])
                    && first.starts_with(&**p)
                {
                    alone &= ids
                        .iter()
                        .all(|&id| self.patterns[id as usize].words.len() == 1);
                    self.consider(ids.iter().copied(), rest, &mut best);
                }
            }
        }
        let found = match best {
            Some((n, _, id)) => Some((n, id)),
            None => self.find_inflected(first, slot).map(|id| (1, id)),
        };
        (found, alone.then(|| slot.map_or(0, |s| s.multi)))
    }

    /// [`Matcher::consider`] for a slot's one-word pattern, then its longer
    /// ones. The one-word pattern is checked inline, without reading it: it
    /// matches whenever its slot is found, it is [`EXACT`], and most slots
    /// have no longer patterns.
    #[inline(always)]
    fn consider_slot<'w, W: Words<'w> + ?Sized>(
        &self,
        table: &Table,
        slot: &Slot,
        rest: &W,
        best: &mut Option<(usize, usize, u32)>,
    ) {
        if slot.single != NO_ID && best.is_none_or(|b| (1, EXACT) > (b.0, b.1)) {
            *best = Some((1, EXACT, slot.single));
        }
        if slot.multi != 0 {
            self.consider_run(table, slot.multi as usize, rest, best);
        }
    }

    /// [`Matcher::consider`] for the run at `at` (not 0) of [`Table::multi`],
    /// unless the next word's first byte is no second word of the run's.
    #[inline(always)]
    fn consider_run<'w, W: Words<'w> + ?Sized>(
        &self,
        table: &Table,
        at: usize,
        rest: &W,
        best: &mut Option<(usize, usize, u32)>,
    ) {
        if table.seconds(at) >> (next_byte(rest) & 63) & 1 != 0 {
            let ids = table.multi[at + 2..].iter().copied();
            self.consider(ids.take_while(|&id| id != NO_ID), rest, best);
        }
    }

    /// Makes `best` the first of `ids` that matches and beats it. Every id
    /// passed here has a first word that matches the word before `rest` (the
    /// exact key, its possessive, or a glob checked by the caller), so only
    /// the words of `rest` are compared.
    fn consider<'w, W: Words<'w> + ?Sized>(
        &self,
        ids: impl Iterator<Item = u32>,
        rest: &W,
        best: &mut Option<(usize, usize, u32)>,
    ) {
        let next = next_byte(rest);
        for id in ids {
            let second = self.second[id as usize];
            if second != 0 && second != next {
                continue;
            }
            let p = &self.patterns[id as usize];
            let n = p.words.len();
            if n > rest.count() + 1
                || (n > 1
                    && !p.words[1..]
                        .iter()
                        .enumerate()
                        .all(|(i, w)| w.matches(rest.word(i))))
            {
                continue;
            }
            if best.is_none_or(|b| (n, p.specificity) > (b.0, b.1)) {
                *best = Some((n, p.specificity, id));
            }
        }
    }

    /// A single-word exact entry for a regular inflection of `word` that the
    /// lexicons do not list ("fooled" → "fool", "apologized" → "apologize",
    /// "badly" → "bad", "worries" → "worry", "funniest" → "funny").
    ///
    /// Elongated words ("sooooo", "laaame") are tried with every run of three
    /// or more equal letters cut to two, then to one.
    fn find_inflected(&self, word: &str, slot: Option<&Slot>) -> Option<u32> {
        let inflection = slot.map_or(NO_INFLECTION, |s| s.inflection);
        // Tests in the order that rejects most words soonest. A word with an
        // inflection entry is a key of the table: lower-case ASCII, five
        // bytes or more. Any other word can only match once shortened, so it
        // needs a run of three equal letters and lower-case ASCII letters.
        let run = has_run(word);
        if inflection == NO_INFLECTION && (!run || !word.bytes().all(|b| b.is_ascii_lowercase())) {
            return None;
        }
        if run {
            return self.find_elongated(word);
        }
        Some(inflection)
    }

    /// [`Matcher::find_inflected`] for a word with a run of three equal
    /// letters. Rare, so kept out of line: inlined, its string building made
    /// `find` save and restore more registers on every call.
    #[cold]
    #[inline(never)]
    fn find_elongated(&self, word: &str) -> Option<u32> {
        for keep in [2, 1] {
            let short = collapse_runs(word, keep);
            if let Some(ids) = self.exact.get(short.as_str()) {
                if let Some(&id) = ids
                    .iter()
                    .find(|&&id| self.patterns[id as usize].words.len() == 1)
                {
                    return Some(id);
                }
            }
            if let Some(found) = self.find_suffixed(&short) {
                return Some(found);
            }
        }
        None
    }

    /// The exact map with every word that [`Matcher::find_suffixed`] would
    /// resolve merged into it, with the pattern it resolves to: each rule of
    /// [`INFLECTIONS`] run forwards on every single-word exact entry. When two
    /// entries give the same form, the rule that `find_suffixed` tries first
    /// wins, as it would there.
    fn table(&self) -> &Table {
        self.table.get_or_init(|| {
            let mut table: WordMap<Slot> = WordMap::default();
            // About 1 in 7 words of the table (inflections included) has
            // up to 7 bytes.
            table.reserve(self.exact.len(), self.exact.len() * 6);
            let mut multi = vec![NO_ID];
            for (key, ids) in &self.exact {
                let longer = ids
                    .iter()
                    .copied()
                    .filter(|&id| self.patterns[id as usize].words.len() > 1);
                let start = if longer.clone().next().is_some() {
                    let start = multi.len();
                    let seconds =
                        longer
                            .clone()
                            .fold(0u64, |m, id| match self.second[id as usize] {
                                0 => u64::MAX,
                                c => m | 1 << (c & 63),
                            });
                    multi.extend([seconds as u32, (seconds >> 32) as u32]);
                    multi.extend(longer);
                    multi.push(NO_ID);
                    start as u32
                } else {
                    0
                };
                table.insert(
                    key,
                    Slot {
                        single: ids
                            .iter()
                            .copied()
                            .find(|&id| self.patterns[id as usize].words.len() == 1)
                            .unwrap_or(NO_ID),
                        inflection: NO_INFLECTION,
                        multi: start,
                        rank: u8::MAX,
                    },
                );
            }
            let mut form = String::new();
            for (key, ids) in &self.exact {
                let Some(&id) = ids
                    .iter()
                    .find(|&&id| self.patterns[id as usize].words.len() == 1)
                else {
                    continue;
                };
                if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase()) {
                    continue;
                }
                let mut rank = 0u8;
                for &(suffix, replacements) in INFLECTIONS {
                    for &add in replacements {
                        rank += 1;
                        form.clear();
                        if add == "=" {
                            // "stop" → "stopp" + "ed"; find_suffixed wants a
                            // stem of four or more letters ending in a
                            // doubled consonant.
                            let last = key.as_bytes()[key.len() - 1];
                            if key.len() < 3 || b"aeiou".contains(&last) {
                                continue;
                            }
                            form.push_str(key);
                            form.push(char::from(last));
                        } else {
                            let Some(stem) = key.strip_suffix(add) else {
                                continue;
                            };
                            form.push_str(stem);
                        }
                        if form.len() < 3 {
                            continue;
                        }
                        form.push_str(suffix);
                        if form.len() < 5 {
                            continue;
                        }
                        // One probe: a new form starts as a slot that any
                        // rule outranks.
                        let slot = table.get_or_insert_with(&form, || Slot {
                            single: NO_ID,
                            inflection: NO_INFLECTION,
                            multi: 0,
                            rank: u8::MAX,
                        });
                        if slot.rank > rank {
                            slot.rank = rank;
                            slot.inflection = id;
                        }
                    }
                }
            }
            let prefixes = self.prefix.iter().flatten().map(|(p, _)| &**p);
            Table {
                words: table,
                multi,
                heads: Heads::new(prefixes),
                id: TABLE_IDS.fetch_add(1, Ordering::Relaxed),
            }
        })
    }

    /// The inflection part of [`Matcher::table`]: form → pattern id.
    #[cfg(test)]
    fn inflections(&self) -> HashMap<Box<str>, u32> {
        self.table()
            .words
            .iter()
            .filter(|(_, s)| s.inflection != NO_INFLECTION)
            .map(|(k, s)| (k.into_boxed_str(), s.inflection))
            .collect()
    }

    fn find_suffixed(&self, word: &str) -> Option<u32> {
        if word.len() < 5 {
            return None;
        }
        let mut key = String::with_capacity(word.len() + 1);
        for &(suffix, replacements) in INFLECTIONS {
            let Some(stem) = word.strip_suffix(suffix) else {
                continue;
            };
            if stem.len() < 3 {
                continue;
            }
            for &add in replacements {
                key.clear();
                key.push_str(stem);
                if add == "=" {
                    // Doubled final consonant: "stopped" → "stop".
                    let b = stem.as_bytes();
                    if b.len() < 4
                        || b[b.len() - 1] != b[b.len() - 2]
                        || b"aeiou".contains(&b[b.len() - 1])
                    {
                        continue;
                    }
                    key.pop();
                } else {
                    key.push_str(add);
                }
                if let Some(ids) = self.exact.get(key.as_str()) {
                    if let Some(&id) = ids
                        .iter()
                        .find(|&&id| self.patterns[id as usize].words.len() == 1)
                    {
                        return Some(id);
                    }
                }
            }
        }
        None
    }

    /// [`Matcher::find`] over a slice of words.
    /// Checks on the way that [`Matcher::find_with`] agrees, whether the
    /// memo is asked first or second.
    #[cfg(test)]
    fn find_words(&self, norms: &[&str]) -> Option<(usize, &T)>
    where
        T: PartialEq + std::fmt::Debug,
    {
        let found = self.find(norms[0], &norms[1..]);
        for _ in 0..2 {
            let memo = self.with_memo(|m| self.find_with(m, norms[0], &norms[1..]));
            assert_eq!(memo, found, "{norms:?}");
        }
        found
    }

    /// Builds the tables `find` would otherwise build on first use.
    pub(crate) fn compile(&self) {
        self.table();
    }

    /// Number of patterns.
    pub(crate) fn len(&self) -> usize {
        self.patterns.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_and_most_specific_wins() {
        let mut m = Matcher::default();
        m.add("not", 1);
        m.add("not amiab*", 2);
        m.add("amiable", 3);
        m.add("amiab*", 4);
        m.add("hegemon*", 5);
        assert_eq!(m.find_words(&["not", "amiable"]), Some((2, &2)));
        assert_eq!(m.find_words(&["amiable"]), Some((1, &3)));
        assert_eq!(m.find_words(&["amiably"]), Some((1, &4)));
        assert_eq!(m.find_words(&["hegemonism"]), Some((1, &5)));
        assert_eq!(m.find_words(&["not", "here"]), Some((1, &1)));
        assert_eq!(m.find_words(&["hegemony's"]), Some((1, &5)));
        assert_eq!(m.find_words(&["he"]), None);
        m.add("fool", 6);
        m.add("worry", 7);
        m.add("stop", 8);
        assert_eq!(m.find_words(&["fooled"]), Some((1, &6)));
        assert_eq!(m.find_words(&["worries"]), Some((1, &7)));
        assert_eq!(m.find_words(&["stopped"]), Some((1, &8)));
        assert_eq!(m.find_words(&["fools"]), Some((1, &6)));
        m.add("lame", 9);
        m.add("good", 10);
        m.add("funny", 11);
        assert_eq!(m.find_words(&["laaaame"]), Some((1, &9)));
        assert_eq!(m.find_words(&["goooood"]), Some((1, &10)));
        assert_eq!(m.find_words(&["funniest"]), Some((1, &11)));
        // A one-letter glob, and possessives.
        m.add("z*", 12);
        assert_eq!(m.find_words(&["zany"]), Some((1, &12)));
        assert_eq!(m.find_words(&["z"]), Some((1, &12)));
        assert_eq!(strip_possessive("china's"), Some("china"));
        assert_eq!(strip_possessive("leaders'"), Some("leaders"));
        assert_eq!(strip_possessive("'s"), None);
        assert_eq!(strip_possessive("'"), None);
        assert_eq!(strip_possessive("chinas"), None);
    }

    /// The head filter lets through every word that some glob matches, for
    /// shortest prefixes of one, two, three and more bytes, and turns away
    /// words that share no head with a prefix.
    #[test]
    fn heads_pass_every_word_a_glob_matches() {
        for prefixes in [
            &["z", "hegemon"][..],
            &["ab", "abcde"],
            &["fai", "refus"],
            &["fail", "declin", "refus"],
        ] {
            let heads = Heads::new(prefixes.iter().copied());
            for p in prefixes {
                for word in [p.to_string(), format!("{p}s"), format!("{p}ing")] {
                    assert_eq!(heads.first_byte(&word), word.bytes().next(), "{word}");
                }
            }
            assert_eq!(heads.first_byte(""), None);
        }
        let heads = Heads::new(["fail", "refus"].into_iter());
        assert_eq!(heads.len, 3);
        assert_eq!(heads.first_byte("fa"), None);
        assert_eq!(heads.first_byte("the"), None);
        assert_eq!(Heads::new(std::iter::empty()).first_byte("the"), None);
    }

    /// `has_run` agrees with a look at every three bytes in a row, for runs
    /// at every position of words of every length up to 7.
    #[test]
    fn has_run_finds_every_run() {
        let mut words = vec![String::new()];
        for _ in 0..7 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| ["a", "b"].map(|c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
        }
        for w in &words {
            let slow = w
                .as_bytes()
                .windows(3)
                .any(|x| x[0] == x[1] && x[1] == x[2]);
            assert_eq!(has_run(w), slow, "{w}");
        }
    }

    /// The inflection map built ahead of time resolves exactly the words that
    /// the stem-guessing `find_suffixed` resolves, to the same entries, also
    /// where two entries claim one form ("dies": "die" or "dy"?).
    #[test]
    fn inflection_map_equals_stem_guessing() {
        let words = [
            "fool", "worry", "stop", "lame", "good", "funny", "gentle", "hope", "hop", "die", "dy",
            "ban", "bann", "agree", "free", "happy", "sad", "bad", "abuse", "kill", "cry", "lie",
            "panic", "fix", "star", "quiz", "ally", "allied", "terrible", "simple", "wise", "dim",
            "ache", "ski", "tie", "boo", "hurt", "crisis", "threat", "abc", "ab", "sue", "hug",
        ];
        let mut m = Matcher::default();
        for (i, w) in words.iter().enumerate() {
            m.add(w, i);
        }
        m.add("fool around", 99);
        let mut probes: Vec<String> = Vec::new();
        for w in words {
            for (suffix, _) in INFLECTIONS {
                probes.push(format!("{w}{suffix}"));
                probes.push(format!("{}{suffix}", &w[..w.len() - 1]));
                probes.push(format!("{w}{}{suffix}", &w[w.len() - 1..]));
            }
        }
        let inflections = m.inflections();
        probes.extend(inflections.keys().map(|k| k.to_string()));
        let mut resolved = 0;
        for p in &probes {
            let by_guess = m.find_suffixed(p).map(|id| m.payloads[id as usize]);
            let by_map = inflections
                .get(p.as_str())
                .map(|&id| m.payloads[id as usize]);
            let by_table = m
                .table()
                .words
                .get(p.as_str())
                .filter(|s| s.inflection != NO_INFLECTION)
                .map(|s| m.payloads[s.inflection as usize]);
            assert_eq!(by_map, by_table, "{p}");
            assert_eq!(by_guess, by_map, "{p}");
            resolved += usize::from(by_guess.is_some());
        }
        assert!(resolved > 100, "{resolved}");
    }
}
