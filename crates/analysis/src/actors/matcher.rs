//! The compiled [`Gazetteer`]: every surface form of every entry, matched
//! leftmost-longest (a byte trie tried at word starts, or one Aho-Corasick
//! automaton when some form does not start with a letter or digit), plus the
//! context guards applied to each hit.

use crate::fast::HashMap;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};
use stance_core::Span;

use crate::actors::gazetteer::{self, Ambiguity, Entry};
use crate::actors::model::{ActorId, ActorKind, MentionForm};
use crate::actors::titles::Titles;
use crate::lexicon::{LexiconError, LexiconErrorKind, read_to_string};

/// The built-in gazetteer, `lexicons/actors.en.tsv`.
pub(crate) const ACTORS_EN: &str = include_str!("../../../../lexicons/actors.en.tsv");
/// The built-in titles lexicon, `lexicons/titles.en.tsv`.
pub(crate) const TITLES_EN: &str = include_str!("../../../../lexicons/titles.en.tsv");

/// How a pattern relates to the form written in the gazetteer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Variant {
    /// Exactly as written.
    Exact,
    /// Upper-cased; valid only next to another all-caps word.
    Caps,
    /// First letter capitalised ("The Kremlin"); valid at a sentence start.
    Initial,
}

/// One reading of a pattern: which entry, as what form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cand {
    pub(crate) entry: usize,
    pub(crate) form: MentionForm,
    variant: Variant,
}

/// A gazetteer hit that passed the boundary and context guards.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) span: Span,
    /// The reading chosen for a full form (name, alias, demonym, metonym).
    pub(crate) full: Option<Cand>,
    /// Entries for which this is a short form, to be resolved by coreference.
    pub(crate) shorts: Vec<usize>,
    /// An ambiguous form in a weak position ("Georgia", or "Turkey" opening a
    /// sentence or in a headline): it counts only if the article names the
    /// same actor some other, unambiguous way.
    pub(crate) weak: bool,
}

/// Builds a [`Gazetteer`] from the built-in file and any user files.
///
/// ```
/// use stance_analysis::actors::GazetteerBuilder;
/// let mut b = GazetteerBuilder::new();
/// b.add_str("mine.tsv", "ORG.BRUEGEL\torganization\tBruegel\n").unwrap();
/// let gaz = b.build().unwrap();
/// assert!(gaz.get(&stance_analysis::actors::ActorId("ORG.BRUEGEL".into())).is_some());
/// ```
#[derive(Clone, Debug)]
pub struct GazetteerBuilder {
    builtin: bool,
    files: Vec<Vec<Entry>>,
    titles: Vec<(String, String)>,
}

impl Default for GazetteerBuilder {
    fn default() -> Self {
        GazetteerBuilder {
            builtin: true,
            files: Vec::new(),
            titles: Vec::new(),
        }
    }
}

impl GazetteerBuilder {
    /// A builder that starts from the built-in gazetteer.
    pub fn new() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// Whether to include the built-in `actors.en` gazetteer (default: `true`).
    /// The built-in titles lexicon is always used.
    pub fn builtin(&mut self, yes: bool) -> &mut GazetteerBuilder {
        self.builtin = yes;
        self
    }

    /// Adds a gazetteer file. An entry whose id is already known replaces the
    /// earlier entry, so a user file can correct the built-in one.
    pub fn add_path(&mut self, path: &Path) -> Result<&mut GazetteerBuilder, LexiconError> {
        let text = read_to_string(path)?;
        self.add_str(&path.display().to_string(), &text)
    }

    /// Adds gazetteer text; `file` names it in errors.
    pub fn add_str(
        &mut self,
        file: &str,
        text: &str,
    ) -> Result<&mut GazetteerBuilder, LexiconError> {
        self.files.push(gazetteer::parse(text, file)?);
        Ok(self)
    }

    /// Adds a titles file (`term<TAB>class`) after the built-in one.
    pub fn add_titles_str(&mut self, file: &str, text: &str) -> &mut GazetteerBuilder {
        self.titles.push((file.to_string(), text.to_string()));
        self
    }

    /// Merges the files, checks that every affiliation names a known id, and
    /// compiles the matcher of the surface forms.
    pub fn build(&self) -> Result<Gazetteer, LexiconError> {
        let builtin = if self.builtin {
            gazetteer::parse(ACTORS_EN, "builtin:actors.en")?
        } else {
            Vec::new()
        };
        let most = builtin.len() + self.files.iter().map(Vec::len).sum::<usize>();
        let mut entries: Vec<Entry> = Vec::with_capacity(most);
        let mut by_id: HashMap<ActorId, usize> =
            HashMap::with_capacity_and_hasher(most, Default::default());
        let mut add = |e: Entry| match by_id.get(&e.id) {
            Some(&i) => entries[i] = e,
            None => {
                by_id.insert(e.id.clone(), entries.len());
                entries.push(e);
            }
        };
        // The built-in entries are moved in; the user's files stay with the
        // builder and are copied.
        builtin.into_iter().for_each(&mut add);
        for file in &self.files {
            file.iter().cloned().for_each(&mut add);
        }
        for e in &entries {
            if let Some(aff) = e.affiliation.as_ref().filter(|a| !by_id.contains_key(*a)) {
                return Err(LexiconError::new(
                    &e.file,
                    e.line,
                    LexiconErrorKind::Syntax(format!("unknown affiliation {:?}", aff.0)),
                ));
            }
        }
        let mut titles = Titles::default();
        titles.add(TITLES_EN, "builtin:titles.en")?;
        for (file, text) in &self.titles {
            titles.add(text, file)?;
        }
        Gazetteer::compile(entries, by_id, titles)
    }
}

/// A compiled gazetteer: entries, titles and the matcher of all surface forms.
///
/// `Send + Sync`; build once, share across threads.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_id: HashMap<ActorId, usize>,
    pub(crate) titles: Titles,
    /// How the surface forms (patterns) are found in a text.
    search: Search,
    /// The first two bytes of every pattern, as a bit set indexed by
    /// `first << 8 | second` (a one-byte pattern sets every second byte).
    /// A fixed-size array: indexing it by two bytes needs no bounds check.
    pairs: Box<[u64; 1024]>,
    /// The first byte of every pattern. Most word starts are lower-case
    /// words, and few patterns start in lower case ("the Kremlin"): this
    /// answers them from the byte the scan holds in a register, before
    /// [`Gazetteer::may_start`] reads the text.
    firsts: [bool; 256],
    /// Readings of each pattern, by pattern id.
    cands: Vec<Vec<Cand>>,
    /// Organisations and groups by lower-cased name and alias.
    orgs_lower: HashMap<String, usize>,
    /// People by (state, lower-cased role title), for "the U.S. president".
    offices: HashMap<(usize, String), Vec<usize>>,
    /// The index of each entry's affiliation, found once here rather than
    /// by hashing its id for every hit.
    affiliation_of: Vec<Option<usize>>,
}

impl Gazetteer {
    /// The built-in gazetteer alone.
    pub fn builtin() -> Result<Gazetteer, LexiconError> {
        GazetteerBuilder::new().build()
    }

    /// All entries, built-in first, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn get(&self, id: &ActorId) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// The one person who held `title` (lower case) for `state` on `date`
    /// (without a date: the one holding it now, open-ended).
    pub(crate) fn office_holder(
        &self,
        state: usize,
        title: &str,
        date: Option<stance_core::Date>,
    ) -> Option<usize> {
        let list = self.offices.get(&(state, title.to_string()))?;
        let mut holders = list.iter().copied().filter(|&p| {
            let e = &self.entries[p];
            match date {
                Some(d) => e
                    .roles
                    .iter()
                    .any(|r| r.title.eq_ignore_ascii_case(title) && r.holds_on(d)),
                None => e
                    .roles
                    .iter()
                    .any(|r| r.title.eq_ignore_ascii_case(title) && r.to.is_none()),
            }
        });
        let first = holders.next()?;
        holders.next().is_none().then_some(first)
    }

    /// The organisation or group whose name or alias, lower-cased, is `lower`.
    pub(crate) fn org_named(&self, lower: &str) -> Option<usize> {
        self.orgs_lower.get(lower).copied()
    }

    pub(crate) fn entry(&self, i: usize) -> &Entry {
        &self.entries[i]
    }

    pub(crate) fn index(&self, id: &ActorId) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The index of entry `i`'s affiliation: `index` of its `affiliation`.
    pub(crate) fn affiliation_index(&self, i: usize) -> Option<usize> {
        self.affiliation_of.get(i).copied().flatten()
    }

    /// The state an entry speaks for: itself if a state, else the first state
    /// up its affiliation chain.
    pub(crate) fn state_of(&self, mut i: usize) -> Option<usize> {
        for _ in 0..8 {
            let e = &self.entries[i];
            if e.kind == ActorKind::State {
                return Some(i);
            }
            i = self.affiliation_index(i)?;
        }
        None
    }

    fn compile(
        entries: Vec<Entry>,
        by_id: HashMap<ActorId, usize>,
        titles: Titles,
    ) -> Result<Gazetteer, LexiconError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut cands: Vec<Vec<Cand>> = Vec::new();
        let mut pattern_of: HashMap<String, usize> = HashMap::default();
        let mut add = |surface: String, cand: Cand| {
            let id = *pattern_of.entry(surface.clone()).or_insert_with(|| {
                patterns.push(surface);
                cands.push(Vec::new());
                cands.len() - 1
            });
            let list = &mut cands[id];
            // One reading per entry and variant: the first listed form wins (name before demonym).
            if !list
                .iter()
                .any(|c| c.entry == cand.entry && c.variant == cand.variant)
            {
                list.push(cand);
            }
        };
        for (i, e) in entries.iter().enumerate() {
            let forms = std::iter::once((&e.name, MentionForm::Name))
                .chain(e.aliases.iter().map(|a| (a, MentionForm::Name)))
                .chain(e.metonyms.iter().map(|a| (a, MentionForm::Metonym)))
                .chain(e.demonyms.iter().map(|a| (a, MentionForm::Demonym)))
                .chain(e.short.iter().map(|a| (a, MentionForm::Short)));
            for (form, kind) in forms {
                add(
                    form.clone(),
                    Cand {
                        entry: i,
                        form: kind,
                        variant: Variant::Exact,
                    },
                );
                let caps = form.to_uppercase();
                if caps != *form {
                    add(
                        caps,
                        Cand {
                            entry: i,
                            form: kind,
                            variant: Variant::Caps,
                        },
                    );
                }
                let mut chars = form.chars();
                if let Some(c) = chars.next().filter(|c| c.is_lowercase()) {
                    let initial: String = c.to_uppercase().chain(chars).collect();
                    add(
                        initial,
                        Cand {
                            entry: i,
                            form: kind,
                            variant: Variant::Initial,
                        },
                    );
                }
            }
        }
        let mut pairs = Box::new([0u64; 1024]);
        let mut firsts = [false; 256];
        for p in &patterns {
            let b = p.as_bytes();
            let Some(&first) = b.first() else { continue };
            firsts[usize::from(first)] = true;
            let seconds = match b.get(1) {
                Some(&second) => usize::from(second)..usize::from(second) + 1,
                None => 0..256,
            };
            for second in seconds {
                let k = usize::from(first) << 8 | second;
                pairs[k >> 6] |= 1 << (k & 63);
            }
        }
        let word_starts = patterns
            .iter()
            .all(|p| p.chars().next().is_some_and(is_word_char));
        let search = if word_starts {
            Search::WordStarts(Trie::new(&patterns))
        } else {
            Search::Scan(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .map_err(|e| {
                        LexiconError::new("gazetteer", 0, LexiconErrorKind::Syntax(e.to_string()))
                    })?,
            )
        };
        let mut orgs_lower = HashMap::default();
        for (i, e) in entries.iter().enumerate() {
            if matches!(e.kind, ActorKind::Organization | ActorKind::Group) {
                for n in std::iter::once(&e.name).chain(&e.aliases) {
                    orgs_lower.entry(n.to_lowercase()).or_insert(i);
                }
            }
        }
        let mut gaz = Gazetteer {
            entries,
            by_id,
            titles,
            search,
            pairs,
            firsts,
            cands,
            orgs_lower,
            offices: HashMap::default(),
            affiliation_of: Vec::new(),
        };
        gaz.affiliation_of = gaz
            .entries
            .iter()
            .map(|e| e.affiliation.as_ref().and_then(|a| gaz.index(a)))
            .collect();
        let mut offices: HashMap<(usize, String), Vec<usize>> = HashMap::default();
        for (i, e) in gaz.entries.iter().enumerate() {
            let state = e
                .affiliation
                .as_ref()
                .and_then(|a| gaz.index(a))
                .and_then(|a| gaz.state_of(a));
            if let (ActorKind::Person, Some(state)) = (e.kind, state) {
                for r in &e.roles {
                    let list = offices.entry((state, r.title.to_lowercase())).or_default();
                    if !list.contains(&i) {
                        list.push(i);
                    }
                }
            }
        }
        gaz.offices = offices;
        Ok(gaz)
    }

    /// All hits in `text`, in order, non-overlapping.
    ///
    /// One pass (see [`Gazetteer::find_at`]); a hit that fails the
    /// word-boundary check restarts the search at the next word, so the cost
    /// stays linear in the text times the longest form.
    ///
    /// `headline` and `dateline` are the article's spans: all-caps forms are
    /// accepted anywhere in a dateline ("N'DJAMENA -").
    #[inline(never)] // once per article; kept apart so profiles show it
    pub(crate) fn hits(
        &self,
        text: &str,
        headline: Option<Span>,
        dateline: Option<Span>,
    ) -> Vec<Hit> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = self.find_at(text, pos) else {
                break;
            };
            let span = Span::new(m.start, m.end);
            if !is_boundary(text, span) {
                pos = next_word_start(text, m.start);
                continue;
            }
            let mut full: Option<Cand> = None;
            let mut shorts = Vec::new();
            for c in &self.cands[m.pattern] {
                if !self.accepts(text, span, *c, dateline) {
                    continue;
                }
                if c.form == MentionForm::Short {
                    if !shorts.contains(&c.entry) {
                        shorts.push(c.entry);
                    }
                } else if full.is_none_or(|f| rank(c.form) < rank(f.form)) {
                    full = Some(*c);
                }
            }
            if full.is_some() || !shorts.is_empty() {
                let weak = full.is_some_and(|c| {
                    let e = &self.entries[c.entry];
                    match e.ambiguous {
                        Some(Ambiguity::UsState) => c.form == MentionForm::Name,
                        Some(Ambiguity::Word) => {
                            is_sentence_start(text, span.start)
                                || headline.is_some_and(|h| h.contains(span))
                        }
                        _ => false,
                    }
                });
                out.push(Hit {
                    span,
                    full,
                    shorts,
                    weak,
                });
                pos = m.end;
            } else {
                pos = next_word_start(text, m.start);
            }
        }
        out
    }

    /// The leftmost-longest match starting at or after `pos`.
    ///
    /// When every pattern starts with an alphanumeric character
    /// ([`Search::WordStarts`]), only word starts are tried, each with an
    /// anchored search: a match starting inside a word fails the boundary
    /// check in [`Gazetteer::hits`], which then skips to the end of that word,
    /// where no word starts, so the hits are the same as with one unanchored
    /// scan of every byte, at a fraction of the cost.
    ///
    /// A word start is a character that is not preceded by an alphanumeric
    /// one (`in_word`) and is an ASCII letter or digit or a non-ASCII
    /// character (no ASCII punctuation or space starts a pattern).
    fn find_at(&self, text: &str, mut pos: usize) -> Option<Found> {
        let trie = match &self.search {
            Search::WordStarts(trie) => trie,
            Search::Scan(ac) => {
                let m = ac.find(Input::new(text).span(pos..text.len()))?;
                return Some(Found {
                    pattern: m.pattern().as_usize(),
                    start: m.start(),
                    end: m.end(),
                });
            }
        };
        let bytes = text.as_bytes();
        // Is the character before `pos` alphanumeric (then no word starts at `pos`)?
        let mut in_word = word_char_before(text, pos);
        loop {
            // Eight bytes at a time while the text is ASCII: this loop is
            // where a scan spends its time. The word starts of a block are
            // its letters and digits with none before them, found with bit
            // operations rather than a branch per byte.
            while let Some(block) = bytes.get(pos..).and_then(<[u8]>::first_chunk::<8>) {
                let x = u64::from_le_bytes(*block);
                // The ASCII bytes before the first other one (mostly all eight).
                let ascii = match x & HIGH {
                    0 => 8,
                    high => (high.trailing_zeros() / 8) as usize,
                };
                if ascii == 0 {
                    break;
                }
                let kept = if ascii == 8 {
                    u64::MAX
                } else {
                    (1 << (8 * ascii)) - 1
                };
                let alnum = ascii_alnum_bits(x) & kept;
                let mut starts = alnum & !(alnum << 8 | u64::from(in_word) << 7);
                while starts != 0 {
                    // The high bit of the byte at a word start.
                    let bit = starts.trailing_zeros();
                    let at = pos + (bit / 8) as usize;
                    let first = (x >> (bit - 7)) as u8;
                    // The second byte is in the block but at its last byte.
                    let second = || match bit {
                        63 => bytes.get(at + 1).copied().unwrap_or(0),
                        _ => (x >> (bit + 1)) as u8,
                    };
                    if self.firsts[usize::from(first)] && self.pair(first, second()) {
                        if let Some(m) = trie.longest_at(bytes, at) {
                            return Some(m);
                        }
                    }
                    starts &= starts - 1;
                }
                in_word = alnum >> (8 * ascii - 1) & 1 != 0;
                pos += ascii;
                if ascii < 8 {
                    break;
                }
            }
            // One character the blocks leave: a non-ASCII one, or one of the
            // last seven bytes of the text.
            let &b = bytes.get(pos)?;
            if b.is_ascii() {
                let alnum = ASCII_ALNUM[usize::from(b)];
                if alnum && !in_word && self.may_start(bytes, pos) {
                    if let Some(m) = trie.longest_at(bytes, pos) {
                        return Some(m);
                    }
                }
                in_word = alnum;
                pos += 1;
                continue;
            }
            if !in_word && self.may_start(bytes, pos) {
                if let Some(m) = trie.longest_at(bytes, pos) {
                    return Some(m);
                }
            }
            if b == 0xE2 && bytes.get(pos + 1) == Some(&0x80) {
                // U+2000..U+203F: spaces, dashes, curly quotes; none alphanumeric.
                in_word = false;
                pos += 3;
            } else {
                let c = text[pos..].chars().next()?;
                in_word = is_word_char(c);
                pos += c.len_utf8();
            }
        }
    }

    /// Can a pattern start at byte `pos`, judging by its first two bytes?
    fn may_start(&self, bytes: &[u8], pos: usize) -> bool {
        let second = bytes.get(pos + 1).copied().unwrap_or(0);
        self.pair(bytes[pos], second)
    }

    /// Does a pattern start with `first` and `second` (0 past the text's end)?
    #[inline(always)]
    fn pair(&self, first: u8, second: u8) -> bool {
        let k = usize::from(first) << 8 | usize::from(second);
        self.pairs[k >> 6] >> (k & 63) & 1 != 0
    }

    /// The case-variant and ambiguity guards for one reading of a hit.
    fn accepts(&self, text: &str, span: Span, c: Cand, dateline: Option<Span>) -> bool {
        let e = &self.entries[c.entry];
        match c.variant {
            Variant::Exact => {}
            Variant::Caps => {
                let caps = |w: Option<(&str, usize)>| w.is_some_and(|(w, _)| is_all_caps(w));
                let in_dateline = dateline.is_some_and(|d| d.contains(span));
                if !(in_dateline
                    || caps(prev_word(text, span.start))
                    || caps(next_word(text, span.end)))
                {
                    return false;
                }
            }
            Variant::Initial => {
                if !is_sentence_start(text, span.start) {
                    return false;
                }
            }
        }
        // The words around the hit, looked up only by the guards that need them.
        let next = || next_word(text, span.end).map(|(w, _)| w);
        let prev = || prev_word(text, span.start);
        if e.unless_next
            .iter()
            .any(|x| phrase_after(text, span.end, x))
            || e.unless_prev
                .iter()
                .any(|x| phrase_before(text, span.start, x))
        {
            return false;
        }
        let name_like = |w: &str| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !is_all_caps(w)
                && !self.titles.is_stop_str(w)
                && !self.titles.starts_role_str(w)
        };
        match &e.ambiguous {
            Some(Ambiguity::GivenName) => {
                // "Jordan Peterson", "Michael Jordan", "Chad Smith".
                let after = next().is_some_and(|w| {
                    name_like(w)
                        && only_spaces(
                            text,
                            span.end,
                            next_word(text, span.end).map_or(span.end, |(_, s)| s),
                        )
                });
                let before = prev().is_some_and(|(w, s)| {
                    name_like(w) && only_spaces(text, s + w.len(), span.start)
                });
                if after || before {
                    return false;
                }
            }
            Some(Ambiguity::UsState) => {
                const US: &[&str] = &[
                    "state",
                    "State",
                    "Senate",
                    "Legislature",
                    "Gov.",
                    "Governor",
                    "Democrats",
                    "Republicans",
                    "Bulldogs",
                    "Tech",
                ];
                if next().is_some_and(|w| US.contains(&w)) {
                    return false;
                }
                if prev().is_some_and(|(w, s)| {
                    w == "of"
                        && prev_word(text, s)
                            .is_some_and(|(w2, _)| w2.eq_ignore_ascii_case("state"))
                }) {
                    return false;
                }
            }
            Some(Ambiguity::Word) => {
                // "Turkey Hill", but "Turkey said" and "AU Commission".
                if !is_all_caps(span.slice(text)) && next().is_some_and(&name_like) {
                    return false;
                }
            }
            Some(Ambiguity::Place | Ambiguity::Other(_)) | None => {}
        }
        if c.form == MentionForm::Short && !is_sentence_start(text, span.start) {
            // A short form inside a longer capitalised name is part of that
            // name ("Sarah Kim"); one that opens a sentence ("... in Iowa.
            // Clinton said") is not inside anything.
            if prev().is_some_and(|(w, s)| {
                name_like(w)
                    && only_spaces(text, s + w.len(), span.start)
                    && !is_sentence_start(text, s)
            }) {
                return false;
            }
        }
        true
    }
}

/// The uncompressed trie while [`Trie::new`] builds it, one node per
/// pattern prefix (node 0 is the root), in flat arrays sized once: with a
/// vector of children per node, building allocated some 20,000 times at
/// start-up.
struct Built {
    /// The byte of the edge into each node.
    byte: Vec<u8>,
    /// Each node's most recently added child, or [`Trie::NONE`].
    first: Vec<u32>,
    /// Each node's next sibling (the child added before it), or [`Trie::NONE`].
    next: Vec<u32>,
    /// Each node's number of children.
    count: Vec<u32>,
    /// The pattern ending at each node, or [`Trie::NONE`].
    pattern: Vec<u32>,
}

impl Built {
    /// A root alone, with room for `nodes` nodes.
    fn new(nodes: usize) -> Built {
        let mut built = Built {
            byte: Vec::with_capacity(nodes),
            first: Vec::with_capacity(nodes),
            next: Vec::with_capacity(nodes),
            count: Vec::with_capacity(nodes),
            pattern: Vec::with_capacity(nodes),
        };
        built.push(0, Trie::NONE);
        built
    }

    fn push(&mut self, byte: u8, next: u32) -> usize {
        self.byte.push(byte);
        self.first.push(Trie::NONE);
        self.next.push(next);
        self.count.push(0);
        self.pattern.push(Trie::NONE);
        self.byte.len() - 1
    }

    /// The child of `node` by `byte`, added if missing.
    fn child(&mut self, node: usize, byte: u8) -> usize {
        let found = self.children(node).find(|&(b, _)| b == byte);
        if let Some((_, child)) = found {
            return child;
        }
        let child = self.push(byte, self.first[node]);
        self.first[node] = child as u32;
        self.count[node] += 1;
        child
    }

    /// The (byte, child) edges of `node`, newest first.
    fn children(&self, node: usize) -> impl Iterator<Item = (u8, usize)> + '_ {
        let mut c = self.first[node];
        std::iter::from_fn(move || {
            let child = (c != Trie::NONE).then_some(c as usize)?;
            c = self.next[child];
            Some((self.byte[child], child))
        })
    }
}

/// How [`Gazetteer::hits`] finds the patterns.
#[derive(Clone, Debug)]
enum Search {
    /// Every pattern starts with an alphanumeric character, so a hit that
    /// passes the word-boundary check starts a word: the longest pattern at
    /// each word start, from a trie.
    WordStarts(Trie),
    /// Any other gazetteer: one leftmost-longest Aho-Corasick scan.
    Scan(AhoCorasick),
}

/// A pattern found in a text.
#[derive(Clone, Copy, Debug)]
struct Found {
    pattern: usize,
    start: usize,
    end: usize,
}

/// A byte trie of the patterns, for the longest pattern starting at a given
/// byte (an anchored leftmost-longest search).
///
/// Runs of nodes with one child and no pattern are folded into the node
/// they lead to, as up to eight bytes compared at once ([`TrieNode::skip`]):
/// most walks pass such runs ("the " before "Kremlin", "inping" of "Xi
/// Jinping"), and a node visit costs some twenty instructions where a
/// masked compare of eight bytes costs a handful.
#[derive(Clone, Debug)]
struct Trie {
    /// Node reached from the root by each first byte, or [`Trie::NONE`].
    root: Vec<u32>,
    /// Per node: the bytes folded into it, its edges (`edges[first..first +
    /// len]`, sorted by byte) and the pattern ending there, or [`Trie::NONE`].
    nodes: Vec<TrieNode>,
    /// (byte, child node) of every node, grouped by node.
    edges: Vec<(u8, u32)>,
    /// The children of each wide node (more than [`Trie::NARROW`] edges) by
    /// byte, or [`Trie::NONE`]: the few nodes near the root that most walks
    /// pass ("S" of "Seoul", "Sudan", ...), read without a binary search.
    wide: Vec<[u32; 256]>,
}

#[derive(Clone, Copy, Debug)]
struct TrieNode {
    /// The bytes that follow the edge into this node before the node is
    /// reached (the single-child nodes folded into it), little-endian, the
    /// first in the lowest byte; `skip_len` of them (at most eight).
    skip: u64,
    /// `skip_len` low bytes set: the bytes of a text word compared with `skip`.
    skip_mask: u64,
    skip_len: u32,
    first: u32,
    len: u32,
    pattern: u32,
    /// Index in [`Trie::wide`] when `len` is over [`Trie::NARROW`].
    wide: u32,
}

impl Trie {
    const NONE: u32 = u32::MAX;
    /// Edges searched one by one; a node with more has a [`Trie::wide`] table.
    const NARROW: usize = 8;
    /// The most bytes folded into one node: one `u64` compare.
    const SKIP: usize = 8;

    fn new(patterns: &[String]) -> Trie {
        let mut built = Built::new(patterns.iter().map(String::len).sum::<usize>() + 1);
        for (id, p) in patterns.iter().enumerate() {
            let mut node = 0;
            for &b in p.as_bytes() {
                node = built.child(node, b);
            }
            // Patterns are distinct; the first one listed keeps the node.
            if node != 0 && built.pattern[node] == Trie::NONE {
                built.pattern[node] = id as u32;
            }
        }
        // The kept nodes and their edges are at most the built ones.
        let most = built.byte.len();
        let mut trie = Trie {
            root: vec![Trie::NONE; 256],
            nodes: Vec::with_capacity(most),
            edges: Vec::with_capacity(most),
            wide: Vec::new(),
        };
        // Nodes are laid out breadth first: each node's edges are filled in
        // when it is taken from the queue (the built node and the kept one).
        let mut queue = std::collections::VecDeque::with_capacity(most);
        let mut list: Vec<(u8, u32)> = Vec::new();
        for (b, child) in built.children(0) {
            let kept = trie.fold(&built, child, &mut queue);
            trie.root[usize::from(b)] = kept;
        }
        while let Some((node, kept)) = queue.pop_front() {
            list.clear();
            for (b, child) in built.children(node) {
                list.push((b, trie.fold(&built, child, &mut queue)));
            }
            list.sort_unstable_by_key(|e| e.0);
            let mut table = Trie::NONE;
            if list.len() > Trie::NARROW {
                let mut by_byte = [Trie::NONE; 256];
                for &(b, child) in &list {
                    by_byte[usize::from(b)] = child;
                }
                table = trie.wide.len() as u32;
                trie.wide.push(by_byte);
            }
            let n = &mut trie.nodes[kept as usize];
            n.first = trie.edges.len() as u32;
            n.len = list.len() as u32;
            n.wide = table;
            trie.edges.extend_from_slice(&list);
        }
        trie
    }

    /// Adds the node for built node `node`, entered by an edge: it folds in
    /// the run of single-child nodes without a pattern that starts there,
    /// and is queued to get its edges. Returns its index.
    fn fold(
        &mut self,
        built: &Built,
        mut node: usize,
        queue: &mut std::collections::VecDeque<(usize, u32)>,
    ) -> u32 {
        let mut skip = [0u8; 8];
        let mut len = 0;
        while len < Trie::SKIP && built.pattern[node] == Trie::NONE && built.count[node] == 1 {
            let child = built.first[node] as usize;
            skip[len] = built.byte[child];
            len += 1;
            node = child;
        }
        let kept = self.nodes.len() as u32;
        self.nodes.push(TrieNode {
            skip: u64::from_le_bytes(skip),
            skip_mask: if len == 8 {
                u64::MAX
            } else {
                (1 << (8 * len)) - 1
            },
            skip_len: len as u32,
            first: 0,
            len: 0,
            pattern: built.pattern[node],
            wide: Trie::NONE,
        });
        queue.push_back((node, kept));
        kept
    }

    /// The longest pattern that `bytes` holds at `pos`.
    ///
    /// Out of line: inlined into the scan of [`Gazetteer::find_at`], it
    /// made the compiler keep the scan's state on the stack, copied for
    /// every block of eight bytes, where this is called at one word start
    /// in four.
    #[inline(never)]
    fn longest_at(&self, bytes: &[u8], pos: usize) -> Option<Found> {
        let mut node = *self.root.get(usize::from(*bytes.get(pos)?))?;
        let mut end = pos + 1;
        let mut best = None;
        while node != Trie::NONE {
            let n = self.nodes[node as usize];
            if n.skip_len != 0 {
                let same = match bytes.get(end..).and_then(<[u8]>::first_chunk::<8>) {
                    Some(block) => (u64::from_le_bytes(*block) ^ n.skip) & n.skip_mask == 0,
                    None => {
                        let len = n.skip_len as usize;
                        bytes.get(end..end + len) == n.skip.to_le_bytes().get(..len)
                    }
                };
                if !same {
                    break;
                }
                end += n.skip_len as usize;
            }
            if n.pattern != Trie::NONE {
                best = Some(Found {
                    pattern: n.pattern as usize,
                    start: pos,
                    end,
                });
            }
            let Some(&b) = bytes.get(end) else { break };
            node = if n.len as usize <= Trie::NARROW {
                let edges = &self.edges[n.first as usize..(n.first + n.len) as usize];
                edges.iter().find(|e| e.0 == b).map_or(Trie::NONE, |e| e.1)
            } else {
                self.wide
                    .get(n.wide as usize)
                    .map_or(Trie::NONE, |t| t[usize::from(b)])
            };
            end += 1;
        }
        best
    }
}

fn rank(form: MentionForm) -> u8 {
    match form {
        MentionForm::Name => 0,
        MentionForm::Metonym => 1,
        MentionForm::Demonym => 2,
        _ => 3,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Bytes that are ASCII letters or digits.
const ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Each byte of a `u64` set to 1.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte of a `u64`.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` (eight bytes of text, first byte lowest)
/// that is an ASCII letter or digit.
///
/// Range tests on eight bytes at once: with the high bits cleared, adding
/// `0x80 - lo` to a byte sets its high bit exactly when it is `>= lo`, and
/// no sum carries into the next byte.
#[inline(always)]
fn ascii_alnum_bits(x: u64) -> u64 {
    let y = x & !HIGH;
    let digit = (y + ONES * (0x80 - 0x30)) & !(y + ONES * (0x7f - 0x39));
    // `| 0x20` folds A-Z onto a-z, and nothing else onto a-z.
    let l = y | (ONES * 0x20);
    let letter = (l + ONES * (0x80 - 0x61)) & !(l + ONES * (0x7f - 0x7a));
    (digit | letter) & !x & HIGH
}

/// Is the character ending at byte `at` alphanumeric? (`at` is a character boundary.)
fn word_char_before(text: &str, at: usize) -> bool {
    match at.checked_sub(1).map(|i| text.as_bytes()[i]) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[..at].chars().next_back().is_some_and(is_word_char),
    }
}

fn is_boundary(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let first = text[span.start..span.end].chars().next();
    let last = text[span.start..span.end].chars().next_back();
    let left_ok = before.is_none_or(|b| !(is_word_char(b) && first.is_some_and(is_word_char)));
    let right_ok = after.is_none_or(|a| !(is_word_char(a) && last.is_some_and(is_word_char)));
    left_ok && right_ok
}

fn next_word_start(text: &str, from: usize) -> usize {
    // Skip the rest of the word the failed hit started in.
    let mut end = from;
    for (i, c) in text[from..].char_indices() {
        if i > 0 && !is_word_char(c) {
            break;
        }
        end = from + i + c.len_utf8();
    }
    end
}

/// The word ending right before `at` (skipping spaces and punctuation other
/// than a line break), with its start.
pub(crate) fn prev_word(text: &str, at: usize) -> Option<(&str, usize)> {
    let head = &text[..at];
    let trimmed = head.trim_end_matches([' ', '\t', ',', '"', '\u{201c}', '\u{201d}', '(', ')']);
    let end = trimmed.len();
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.' || c == '-' || c == '\'')
        .last()
        .map(|(i, _)| i)?;
    let word = &text[start..end];
    let word = word.trim_start_matches(['.', '-', '\'']);
    (!word.is_empty()).then(|| (word, end - word.len()))
}

/// The word starting right after `at` (skipping spaces), with its start.
pub(crate) fn next_word(text: &str, at: usize) -> Option<(&str, usize)> {
    let tail = &text[at..];
    let skip = tail.len() - tail.trim_start_matches([' ', '\t', ',']).len();
    let start = at + skip;
    let len: usize = text[start..]
        .char_indices()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.' || c == '-' || c == '\'')
        .map(|(_, c)| c.len_utf8())
        .sum();
    let word = text[start..start + len].trim_end_matches(['.', '\'']);
    (!word.is_empty()).then_some((word, start))
}

/// True when `phrase` follows `at` (after spaces) as whole words; a
/// lower-case phrase matches in any case.
fn phrase_after(text: &str, at: usize, phrase: &str) -> bool {
    let tail = text[at..].trim_start_matches([' ', '\t']);
    let fold = phrase.chars().all(|c| !c.is_uppercase());
    let Some(head) = tail.get(..phrase.len()) else {
        return false;
    };
    let same = if fold {
        head.eq_ignore_ascii_case(phrase)
    } else {
        head == phrase
    };
    same && (phrase.ends_with('.')
        || tail[phrase.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric()))
}

/// True when `phrase` precedes `at` (before spaces) as whole words.
fn phrase_before(text: &str, at: usize, phrase: &str) -> bool {
    let head = text[..at].trim_end_matches([' ', '\t']);
    let fold = phrase.chars().all(|c| !c.is_uppercase());
    if head.len() < phrase.len() || !head.is_char_boundary(head.len() - phrase.len()) {
        return false;
    }
    let (rest, tail) = head.split_at(head.len() - phrase.len());
    let same = if fold {
        tail.eq_ignore_ascii_case(phrase)
    } else {
        tail == phrase
    };
    same && rest
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn only_spaces(text: &str, from: usize, to: usize) -> bool {
    from <= to
        && text
            .get(from..to)
            .is_some_and(|s| s.bytes().all(|b| b == b' ' || b == b'\t'))
}

pub(crate) fn is_all_caps(w: &str) -> bool {
    // Most words tested are capitalised or lower case: an ASCII lower-case
    // letter in the first two bytes answers without decoding characters.
    let b = w.as_bytes();
    if b.iter().take(2).any(u8::is_ascii_lowercase) {
        return false;
    }
    let mut letters = 0;
    for c in w.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

/// True when `at` starts a sentence, a line or the text (after opening quotes).
pub(crate) fn is_sentence_start(text: &str, at: usize) -> bool {
    let head = text[..at].trim_end_matches([' ', '\t', '"', '\u{201c}', '\'', '\u{2018}', '(']);
    match head.chars().next_back() {
        None => true,
        Some(c) => matches!(
            c,
            '\n' | '\r' | '.' | '!' | '?' | ':' | '-' | '\u{2014}' | '\u{2013}'
        ),
    }
}

#[cfg(test)]
mod block_tests {
    use super::{ASCII_ALNUM, Gazetteer, ascii_alnum_bits};

    #[test]
    fn alnum_bits_agree_with_the_table_in_every_lane() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                // The other lanes hold bytes that stress carries and folds.
                let mut block = [b'@', 0x7f, 0xff, b'z', b'{', b'0', b'/', 0x80];
                block[lane] = b;
                let bits = ascii_alnum_bits(u64::from_le_bytes(block));
                for (k, &byte) in block.iter().enumerate() {
                    let set = bits >> (8 * k + 7) & 1 != 0;
                    assert_eq!(
                        set,
                        ASCII_ALNUM[usize::from(byte)],
                        "byte {byte:#x} in lane {k}"
                    );
                }
            }
        }
    }

    /// Every hit of a text full of ASCII blocks broken by other characters
    /// is found at the same place whether the search starts at 0 or right
    /// after the previous hit, and none starts inside a word.
    #[test]
    fn word_starts_across_blocks_and_other_characters() {
        let gaz = Gazetteer::builtin().unwrap();
        let text = "China\u{2019}s Xi met Chad\u{e9} officials; \u{201c}Beijing\u{201d} and Moscow, \
                    Seoul\u{a0}Beijing x9China Ch\u{e9}China, 'China' (Russia) U.S. Kremlin";
        let hits = gaz.hits(text, None, None);
        let found: Vec<&str> = hits.iter().map(|h| h.span.slice(text)).collect();
        assert!(
            found.contains(&"Beijing") && found.contains(&"Moscow"),
            "{found:?}"
        );
        for h in &hits {
            let before = text[..h.span.start].chars().next_back();
            assert!(!before.is_some_and(char::is_alphanumeric), "{found:?}");
        }
    }
}

#[cfg(test)]
mod trie_tests {
    use super::Trie;

    /// The longest pattern at `pos`, by brute force over the patterns.
    fn naive(patterns: &[String], text: &[u8], pos: usize) -> Option<(usize, usize)> {
        patterns
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.is_empty() && text[pos..].starts_with(p.as_bytes()))
            .max_by_key(|&(id, p)| (p.len(), std::cmp::Reverse(id)))
            .map(|(id, p)| (id, pos + p.len()))
    }

    #[test]
    fn longest_at_agrees_with_brute_force_on_narrow_and_wide_nodes() {
        // "S" gets more than `Trie::NARROW` children, so it has a wide table.
        let mut patterns: Vec<String> =
            ["Sa", "Se", "Si", "So", "Su", "Sy", "Sh", "St", "Sp", "Sw"]
                .iter()
                .map(|s| format!("{s}x"))
                .collect();
        patterns.extend(
            [
                "Seoul",
                "Sudan",
                "Syria",
                "the Kremlin",
                "the Gambia",
                "X",
                "Xi",
                "Xi Jinping",
                "Chad",
                "Chadian",
                "Ürümqi",
                "9",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        let trie = Trie::new(&patterns);
        assert!(!trie.wide.is_empty());
        let text = "Seoul, Sudan and Syria; Sax Swx Spy; the Kremlin, the Gambia, thx \
                    X Xi Xi Jinping Chadian Ürümqi 9 S";
        let bytes = text.as_bytes();
        for pos in 0..bytes.len() {
            let got = trie.longest_at(bytes, pos).map(|f| (f.pattern, f.end));
            assert_eq!(got, naive(&patterns, bytes, pos), "at {pos}");
        }
    }
}
