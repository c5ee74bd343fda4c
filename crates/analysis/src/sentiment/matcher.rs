//! One hash-based matcher over token normal forms for every term of every
//! lexicon: single words, multi-word terms and `word*` globs, longest match
//! first, so each token belongs to at most one match.

use std::sync::OnceLock;

use crate::fast::{HashMap, WordMap};

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
            WordPat::Exact(_) => 1000,
            WordPat::Prefix(p) => p.len(),
        }
    }
}

/// True when `word` has three or more equal letters in a row.
fn has_run(word: &str) -> bool {
    word.as_bytes()
        .windows(3)
        .any(|w| w[0] == w[1] && w[1] == w[2])
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
    /// Per first byte, bit `c & 63` for the second byte `c` of every glob
    /// prefix in the bucket (all bits for a one-byte prefix): most words
    /// skip their bucket on one bit test.
    prefix_second: Vec<u64>,
    /// The exact map and the inflection map in one, so that `find` answers
    /// both with one hash probe; built on first use after the last `add`
    /// (see [`Matcher::table`]).
    table: OnceLock<WordMap<Slot>>,
}

/// What one word leads to: the patterns whose first word it is exactly, and
/// the single-word pattern it is a regular inflection of.
#[derive(Clone, Debug)]
struct Slot {
    /// The first one-word pattern that is exactly this word, or `NO_ID`:
    /// later ones tie with it and lose, so `find` needs no loop for them.
    single: u32,
    /// The patterns of two words or more whose first word this is, by id.
    multi: Box<[u32]>,
    /// `NO_INFLECTION` when the word is no inflection of an entry.
    inflection: u32,
    /// Which rule of [`INFLECTIONS`] gave `inflection` (lower wins), while building.
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
            prefix_second: vec![0; 256],
            table: OnceLock::new(),
        }
    }
}

impl<T> Matcher<T> {
    /// Adds a normalised term (lower case, single spaces).
    pub(crate) fn add(&mut self, term: &str, payload: T) {
        let words: Vec<WordPat> = term.split(' ').map(WordPat::parse).collect();
        let specificity = words.iter().map(WordPat::specificity).sum();
        let id = self.patterns.len() as u32;
        match &words[0] {
            WordPat::Exact(w) => self.exact.entry(w.clone()).or_default().push(id),
            WordPat::Prefix(p) => {
                let first = usize::from(p.as_bytes()[0]);
                self.prefix_second[first] |= match p.as_bytes().get(1) {
                    Some(&c) => 1 << (c & 63),
                    None => u64::MAX,
                };
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

    /// The best match starting at `norms[0]`: its length in tokens and payload.
    /// Longest wins, then the most specific (exact over glob, longer glob).
    pub(crate) fn find(&self, norms: &[&str]) -> Option<(usize, &T)> {
        let first = *norms.first()?;
        let table = self.table();
        let mut best: Option<(usize, usize, u32)> = None;
        // 0 when there is no next word: then no multi-word pattern passes.
        let next = norms
            .get(1)
            .and_then(|w| w.as_bytes().first().copied())
            .unwrap_or(0);
        // Every id passed here has a first word that matches `first` (the
        // exact key, its possessive, or a glob checked below), so only the
        // words after it are compared.
        let mut consider = |ids: &[u32]| {
            for &id in ids {
                let second = self.second[id as usize];
                if second != 0 && second != next {
                    continue;
                }
                let p = &self.patterns[id as usize];
                let n = p.words.len();
                if n > norms.len()
                    || (n > 1
                        && !p.words[1..]
                            .iter()
                            .zip(&norms[1..])
                            .all(|(w, t)| w.matches(t)))
                {
                    continue;
                }
                let key = (n, p.specificity, id);
                if best.is_none_or(|b| (key.0, key.1) > (b.0, b.1)) {
                    best = Some(key);
                }
            }
        };
        let slot = table.get(first);
        // A slot's one-word pattern before its longer ones: a longer match
        // always wins over it, and the ids of each kind stay in order, so
        // ties break as they would over all ids in order.
        if let Some(slot) = slot {
            if slot.single != NO_ID {
                consider(&[slot.single]);
            }
            consider(&slot.multi);
        }
        if let Some(slot) = strip_possessive(first).and_then(|s| table.get(s)) {
            if slot.single != NO_ID {
                consider(&[slot.single]);
            }
            consider(&slot.multi);
        }
        if let Some(&b) = first.as_bytes().first() {
            // A prefix of two bytes or more matches only a word with its
            // second byte; a one-byte prefix sets every bit.
            let mask = self.prefix_second[usize::from(b)];
            let skip = mask != u64::MAX
                && first
                    .as_bytes()
                    .get(1)
                    .is_none_or(|&c| mask >> (c & 63) & 1 == 0);
            let bucket: &[(Box<str>, Vec<u32>)] = if skip {
                &[]
            } else {
                &self.prefix[usize::from(b)]
            };
            for (p, ids) in bucket {
                // The bucket shares the first byte; check the second inline.
                if first.len() >= p.len()
                    && (p.len() < 2 || first.as_bytes()[1] == p.as_bytes()[1])
                    && first.starts_with(&**p)
                {
                    consider(ids);
                }
            }
        }
        if best.is_none() {
            return self.find_inflected(first, slot);
        }
        best.map(|(n, _, id)| (n, &self.payloads[id as usize]))
    }

    /// A single-word exact entry for a regular inflection of `word` that the
    /// lexicons do not list ("fooled" → "fool", "apologized" → "apologize",
    /// "badly" → "bad", "worries" → "worry", "funniest" → "funny").
    ///
    /// Elongated words ("sooooo", "laaame") are tried with every run of three
    /// or more equal letters cut to two, then to one.
    fn find_inflected(&self, word: &str, slot: Option<&Slot>) -> Option<(usize, &T)> {
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
            for keep in [2, 1] {
                let short = collapse_runs(word, keep);
                if let Some(ids) = self.exact.get(short.as_str()) {
                    if let Some(&id) = ids
                        .iter()
                        .find(|&&id| self.patterns[id as usize].words.len() == 1)
                    {
                        return Some((1, &self.payloads[id as usize]));
                    }
                }
                if let Some(found) = self.find_suffixed(&short) {
                    return Some(found);
                }
            }
            return None;
        }
        Some((1, &self.payloads[inflection as usize]))
    }

    /// The exact map with every word that [`Matcher::find_suffixed`] would
    /// resolve merged into it, with the pattern it resolves to: each rule of
    /// [`INFLECTIONS`] run forwards on every single-word exact entry. When two
    /// entries give the same form, the rule that `find_suffixed` tries first
    /// wins, as it would there.
    fn table(&self) -> &WordMap<Slot> {
        self.table.get_or_init(|| {
            let mut table: WordMap<Slot> = WordMap::default();
            table.reserve(self.exact.len() * 6);
            for (key, ids) in &self.exact {
                table.insert(
                    key,
                    Slot {
                        single: ids
                            .iter()
                            .copied()
                            .find(|&id| self.patterns[id as usize].words.len() == 1)
                            .unwrap_or(NO_ID),
                        multi: ids
                            .iter()
                            .copied()
                            .filter(|&id| self.patterns[id as usize].words.len() > 1)
                            .collect(),
                        inflection: NO_INFLECTION,
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
                        match table.get_mut(form.as_str()) {
                            Some(slot) if slot.rank <= rank => {}
                            Some(slot) => {
                                slot.rank = rank;
                                slot.inflection = id;
                            }
                            None => {
                                let slot = Slot {
                                    single: NO_ID,
                                    multi: Box::default(),
                                    inflection: id,
                                    rank,
                                };
                                table.insert(&form, slot);
                            }
                        }
                    }
                }
            }
            table
        })
    }

    /// The inflection part of [`Matcher::table`]: form → pattern id.
    #[cfg(test)]
    fn inflections(&self) -> HashMap<Box<str>, u32> {
        self.table()
            .iter()
            .filter(|(_, s)| s.inflection != NO_INFLECTION)
            .map(|(k, s)| (k.into_boxed_str(), s.inflection))
            .collect()
    }

    fn find_suffixed(&self, word: &str) -> Option<(usize, &T)> {
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
                        return Some((1, &self.payloads[id as usize]));
                    }
                }
            }
        }
        None
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
        assert_eq!(m.find(&["not", "amiable"]), Some((2, &2)));
        assert_eq!(m.find(&["amiable"]), Some((1, &3)));
        assert_eq!(m.find(&["amiably"]), Some((1, &4)));
        assert_eq!(m.find(&["hegemonism"]), Some((1, &5)));
        assert_eq!(m.find(&["not", "here"]), Some((1, &1)));
        assert_eq!(m.find(&["hegemony's"]), Some((1, &5)));
        assert_eq!(m.find(&["he"]), None);
        m.add("fool", 6);
        m.add("worry", 7);
        m.add("stop", 8);
        assert_eq!(m.find(&["fooled"]), Some((1, &6)));
        assert_eq!(m.find(&["worries"]), Some((1, &7)));
        assert_eq!(m.find(&["stopped"]), Some((1, &8)));
        assert_eq!(m.find(&["fools"]), Some((1, &6)));
        m.add("lame", 9);
        m.add("good", 10);
        m.add("funny", 11);
        assert_eq!(m.find(&["laaaame"]), Some((1, &9)));
        assert_eq!(m.find(&["goooood"]), Some((1, &10)));
        assert_eq!(m.find(&["funniest"]), Some((1, &11)));
        // A one-letter glob, and possessives.
        m.add("z*", 12);
        assert_eq!(m.find(&["zany"]), Some((1, &12)));
        assert_eq!(m.find(&["z"]), Some((1, &12)));
        assert_eq!(strip_possessive("china's"), Some("china"));
        assert_eq!(strip_possessive("leaders'"), Some("leaders"));
        assert_eq!(strip_possessive("'s"), None);
        assert_eq!(strip_possessive("'"), None);
        assert_eq!(strip_possessive("chinas"), None);
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
            let by_guess = m.find_suffixed(p).map(|(_, &i)| i);
            let by_map = inflections
                .get(p.as_str())
                .map(|&id| m.payloads[id as usize]);
            let by_table = m
                .table()
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
