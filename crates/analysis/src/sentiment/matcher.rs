//! One hash-based matcher over token normal forms for every term of every
//! lexicon: single words, multi-word terms and `word*` globs, longest match
//! first, so each token belongs to at most one match.

use crate::fast::HashMap;

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
            WordPat::Exact(w) => &**w == norm || strip_possessive(norm) == Some(&**w),
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
pub(crate) fn strip_possessive(norm: &str) -> Option<&str> {
    norm.strip_suffix("'s")
        .or_else(|| norm.strip_suffix('\''))
        .filter(|s| !s.is_empty())
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
#[derive(Clone, Debug)]
pub(crate) struct Matcher<T> {
    patterns: Vec<Pattern>,
    payloads: Vec<T>,
    exact: HashMap<Box<str>, Vec<u32>>,
    prefix: HashMap<Box<str>, Vec<u32>>,
    prefix_lens: Vec<usize>,
}

impl<T> Default for Matcher<T> {
    fn default() -> Self {
        Matcher {
            patterns: Vec::new(),
            payloads: Vec::new(),
            exact: HashMap::default(),
            prefix: HashMap::default(),
            prefix_lens: Vec::new(),
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
                if !self.prefix_lens.contains(&p.len()) {
                    self.prefix_lens.push(p.len());
                    self.prefix_lens.sort_unstable();
                }
                self.prefix.entry(p.clone()).or_default().push(id);
            }
        }
        self.patterns.push(Pattern { words, specificity });
        self.payloads.push(payload);
    }

    /// The best match starting at `norms[0]`: its length in tokens and payload.
    /// Longest wins, then the most specific (exact over glob, longer glob).
    pub(crate) fn find(&self, norms: &[&str]) -> Option<(usize, &T)> {
        let first = *norms.first()?;
        let mut best: Option<(usize, usize, u32)> = None;
        let mut consider = |ids: &[u32]| {
            for &id in ids {
                let p = &self.patterns[id as usize];
                let n = p.words.len();
                if n > norms.len() || !p.words.iter().zip(norms).all(|(w, t)| w.matches(t)) {
                    continue;
                }
                let key = (n, p.specificity, id);
                if best.is_none_or(|b| (key.0, key.1) > (b.0, b.1)) {
                    best = Some(key);
                }
            }
        };
        if let Some(ids) = self.exact.get(first) {
            consider(ids);
        }
        if let Some(ids) = strip_possessive(first).and_then(|s| self.exact.get(s)) {
            consider(ids);
        }
        for &len in &self.prefix_lens {
            if len > first.len() {
                break;
            }
            if first.is_char_boundary(len) {
                if let Some(ids) = self.prefix.get(&first[..len]) {
                    consider(ids);
                }
            }
        }
        if best.is_none() {
            return self.find_inflected(first);
        }
        best.map(|(n, _, id)| (n, &self.payloads[id as usize]))
    }

    /// A single-word exact entry for a regular inflection of `word` that the
    /// lexicons do not list ("fooled" → "fool", "apologized" → "apologize",
    /// "badly" → "bad", "worries" → "worry", "funniest" → "funny").
    ///
    /// Elongated words ("sooooo", "laaame") are tried with every run of three
    /// or more equal letters cut to two, then to one.
    fn find_inflected(&self, word: &str) -> Option<(usize, &T)> {
        if !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        if has_run(word) {
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
        self.find_suffixed(word)
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
    }
}
