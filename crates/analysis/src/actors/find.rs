//! Finding the actors of one article: gazetteer hits, discovery of people and
//! organisations from titles, appositives and name shapes, then coreference.
//!
//! Everything after the gazetteer pass walks the tokens once, left to right,
//! looking at most a few tokens around each position.

use std::cell::Cell;

use crate::fast::{HashMap, HashSet, count_words, span_starts_upper};

use stance_core::{Article, Span, Token, TokenKind, Tokens};

use crate::actors::gazetteer::Gender;
use crate::actors::matcher::{Gazetteer, Hit, is_all_caps, is_sentence_start};
use crate::actors::model::{Actor, ActorId, ActorKind, ActorSet, Mention, MentionForm, Origin};
use crate::actors::titles::{TitleClass, Titles};
use crate::actors::words::{
    is_affil_prep, is_determiner, is_function, is_ing_modifier, is_name_suffix, is_org_joiner,
    is_particle, is_place_head, is_possessive_pronoun, is_say, is_title_modifier,
    is_verb_before_role,
};

/// Token flag: a word.
const WORD: u8 = 1;
/// Token flag: a word starting with a capital letter.
const CAP: u8 = 2;
/// Token flag: inside a gazetteer hit.
const HIT: u8 = 4;
/// Token flag: a role term (titles class role or anon) ends right before
/// this token, so [`Ctx::role_ending_at`] may find one here.
const ROLE_END: u8 = 8;

/// No hit or organisation at a token (see [`Facts::hit`], [`Facts::org`]).
const NONE: u32 = u32::MAX;

/// An index stored as `u32` with [`NONE`] for none.
fn index(i: u32) -> Option<usize> {
    (i != NONE).then_some(i as usize)
}

/// What the passes ask about one token, computed once per article.
///
/// One 12-byte record per token rather than four arrays (one of them 24
/// bytes a token): a 1 MB article has some 190,000 tokens, and the passes
/// read several of these facts at each token they look at.
#[derive(Clone, Copy, Debug)]
struct Facts {
    /// Index of the hit overlapping the token, or [`NONE`].
    hit: u32,
    /// Index of the discovered organisation covering the token, or [`NONE`].
    org: u32,
    /// [`WORD`], [`CAP`], [`HIT`] and [`ROLE_END`] bits.
    flags: u8,
    /// Classes of the one-word titles terms equal to the token, as a set of
    /// [`TitleClass::bit`].
    classes: u8,
    /// Tokens of the longest titles term starting here (see
    /// [`crate::actors::titles::TitleMatch::len`]), when `title` is set.
    title_len: u8,
    /// The class of that term, if one starts here.
    title: Option<TitleClass>,
}

/// Who an affiliation points to.
#[derive(Clone, Debug, PartialEq)]
enum Aff {
    Gaz(usize),
    Disc(usize),
}

/// An actor discovered in the article.
///
/// Its words borrow the article text (or the gazetteer): strings are made
/// only for the actors reported, not for every candidate name.
#[derive(Clone, Debug)]
struct Disc<'a> {
    name: &'a str,
    kind: ActorKind,
    role: Option<&'a str>,
    aff: Option<Aff>,
    /// Honorific it was introduced with ("Dr").
    honorific: Option<&'a str>,
    /// Words a later short reference may use ("Rossi", "Marco").
    short_words: Vec<&'a str>,
    /// Anonymous description rather than a name.
    anonymous: bool,
    /// The gazetteer entry this turned out to be ("Chinese foreign ministry" is `CHN.MFA`).
    gaz: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    Gaz(usize),
    Disc(usize),
}

#[derive(Clone, Debug)]
enum RefKind<'a> {
    /// A mention of a known actor.
    Actor(Key, MentionForm),
    /// A short name to resolve by coreference.
    Short {
        word: &'a str,
        /// The gazetteer hit whose [`Hit::shorts`] are candidates, if any.
        gaz: Option<usize>,
        /// The courtesy title written before it ("Mrs."), if any.
        honorific: Option<&'a str>,
        fallback: Option<usize>,
    },
    /// "the minister": the last person mentioned whose role holds that word.
    Role(&'a str),
    /// A one-word alias of a gazetteer person ("Trump") in an article that
    /// also names someone else of that surname ("Melania Trump"). Bare, it
    /// is the gazetteer person once the article has mentioned them (news
    /// style calls the others "Melania" or "Mrs. Trump"); with a courtesy
    /// title, or before the gazetteer person is mentioned, it is whichever
    /// of them was mentioned last, the gazetteer person when neither was.
    Surname {
        word: &'a str,
        entry: usize,
        form: MentionForm,
        honorific: Option<&'a str>,
    },
}

#[derive(Clone, Debug)]
struct Ref<'a> {
    span: Span,
    kind: RefKind<'a>,
}

struct Ctx<'a> {
    text: &'a str,
    gaz: &'a Gazetteer,
    tokens: &'a Tokens,
    toks: &'a [Token],
    /// Facts about each token: hit, organisation, flags, titles answers.
    facts: Vec<Facts>,
    /// Tokens where a titles term starts, in order: the passes that act only
    /// at a role, an anonymous source or an organisation word walk these.
    titled: Vec<u32>,
    hits: Vec<Hit>,
    discs: Vec<Disc<'a>>,
    /// Discovered actors by kind ([`kind_index`]) and name.
    by_name: [HashMap<&'a str, usize>; 4],
    refs: Vec<Ref<'a>>,
    /// Hits swallowed by a longer discovered name.
    consumed: Vec<bool>,
    /// Roles found before gazetteer people ("Chinese Foreign Minister Wang Yi").
    gaz_roles: HashMap<usize, &'a str>,
    /// Named people by the words a short reference may use ("McConnell" of
    /// "John McConnell"); made once the people are found, by
    /// [`Ctx::hit_refs`], and used again by [`Ctx::resolve`].
    by_short: HashMap<&'a str, Vec<usize>>,
    /// Discovered organisations by first token, in text order.
    org_starts: Vec<(usize, usize)>,
    /// Starts of weak hits (see [`Hit::weak`]).
    weak: HashSet<usize>,
    /// Entries named by a hit that is not weak, or affiliated with one.
    ///
    /// A bit set over the gazetteer's entries rather than a hash set: every
    /// hit adds one or two, and a few hundred entries fit in a few words.
    strong: Vec<u64>,
    date: Option<stance_core::Date>,
    sentences: &'a [stance_core::Sentence],
    /// The dateline (`ISTANBUL (Reuters) - `): an outlet named there is the
    /// article's credit, not an actor of the story.
    dateline: Option<Span>,
}

/// Finds the actors of `article` with `gazetteer`. See the module docs of
/// [`crate::actors`] for what counts as an actor and a mention.
pub fn find(article: &Article, gazetteer: &Gazetteer) -> ActorSet {
    let text = article.text();
    let hits = gazetteer.hits(text, article.title_span(), article.dateline_span());
    let tokens = article.tokens();
    let toks = tokens.as_slice();
    let (mut facts, titled) = token_facts(text, tokens, &gazetteer.titles);
    // Hits are in text order: each search starts where the last one ended.
    let mut from = 0;
    for (h, hit) in hits.iter().enumerate() {
        let rest = toks.get(from..).unwrap_or_default();
        let first = from + crate::fast::gallop(rest, |t| t.span.end <= hit.span.start);
        let mut k = first;
        while k < toks.len() && toks[k].span.start < hit.span.end {
            facts[k].hit = h as u32;
            facts[k].flags |= HIT;
            k += 1;
        }
        from = first;
    }
    let n_hits = hits.len();
    for &i in &titled {
        let f = facts[i as usize];
        if matches!(f.title, Some(TitleClass::Role | TitleClass::Anon)) {
            if let Some(f) = facts.get_mut(i as usize + usize::from(f.title_len)) {
                f.flags |= ROLE_END;
            }
        }
    }
    let mut cx = Ctx {
        text,
        gaz: gazetteer,
        tokens,
        toks,
        facts,
        titled,
        hits,
        discs: Vec::new(),
        by_name: Default::default(),
        refs: Vec::new(),
        consumed: vec![false; n_hits],
        gaz_roles: HashMap::default(),
        by_short: HashMap::default(),
        org_starts: Vec::new(),
        weak: HashSet::default(),
        strong: vec![0; gazetteer.entries().len().div_ceil(64)],
        date: article.meta.date,
        sentences: article.sentences(),
        dateline: article.dateline_span(),
    };
    // Each pass is `#[inline(never)]`: called once per article, the call
    // costs nothing, and a profile shows what each pass costs.
    cx.organisations();
    cx.lower_orgs();
    cx.people();
    cx.anonymous();
    cx.offices();
    cx.role_references();
    cx.hit_refs();
    cx.resolve()
}

/// A participle or verb form before a role is the sentence's verb, not part
/// of the role ("beating rival Ted Cruz", "including billionaire Carlos
/// Slim"); nouns in -ing that do make roles ("polling director", "founding
/// editor") are listed.
fn is_verb_form(w: &str) -> bool {
    (w.ends_with("ing") && !is_ing_modifier(w)) || is_verb_before_role(w)
}

/// The [`Facts`] of every token, before hits and organisations are known,
/// and the tokens where a titles term starts.
///
/// One pass that reads each token's bytes once: the titles look-up (rare
/// past its filter) answers most tokens from their first and last bytes.
#[inline(never)] // once per article; kept apart so profiles show it
fn token_facts(text: &str, tokens: &Tokens, titles: &Titles) -> (Vec<Facts>, Vec<u32>) {
    let mut titled = Vec::new();
    let mut facts = SPARE_FACTS.take();
    facts.clear();
    let bytes = text.as_bytes();
    facts.extend(tokens.as_slice().iter().enumerate().map(|(i, t)| {
        // The token's bytes, sliced once for both the case test and the
        // titles filter (each sliced it, with its bounds checks).
        let word = bytes.get(t.span.start..t.span.end).unwrap_or_default();
        let flags = match (t.kind, word.first()) {
            (TokenKind::Word, Some(&c)) if c.is_ascii() => {
                if c.is_ascii_uppercase() {
                    WORD | CAP
                } else {
                    WORD
                }
            }
            (TokenKind::Word, _) if span_starts_upper(text, t.span) => WORD | CAP,
            (TokenKind::Word, _) => WORD,
            _ => 0,
        };
        let (found, classes) = titles.classify_bytes(text, tokens, i, t, word);
        let (title, title_len) = match found {
            Some(m) => {
                titled.push(i as u32);
                (Some(m.class), m.len)
            }
            None => (None, 0),
        };
        Facts {
            hit: NONE,
            org: NONE,
            flags,
            classes,
            title_len,
            title,
        }
    }));
    (facts, titled)
}

thread_local! {
    /// The [`Facts`] buffer of the last article this thread finished,
    /// reused by the next rather than allocated and freed per article: the
    /// allocator prepares a fresh page for each new buffer (about 3,000
    /// instructions an article on c1).
    static SPARE_FACTS: Cell<Vec<Facts>> = const { Cell::new(Vec::new()) };
}

/// The largest [`Facts`] buffer kept in [`SPARE_FACTS`] (12 MB): an odd
/// huge article does not pin its buffer for the rest of the run.
const SPARE_FACTS_MAX: usize = 1 << 20;

/// Hands `facts` back to [`SPARE_FACTS`] for the next article.
fn spare_facts(facts: Vec<Facts>) {
    if facts.capacity() <= SPARE_FACTS_MAX {
        SPARE_FACTS.set(facts);
    }
}

impl<'a> Ctx<'a> {
    fn hit(&self, i: usize) -> Option<usize> {
        self.facts.get(i).and_then(|f| index(f.hit))
    }

    fn org(&self, i: usize) -> Option<usize> {
        self.facts.get(i).and_then(|f| index(f.org))
    }

    /// The flag bits of token `i` (none past the end).
    fn flags(&self, i: usize) -> u8 {
        self.facts.get(i).map_or(0, |f| f.flags)
    }

    /// The one-word titles classes of token `i` (none past the end).
    fn classes(&self, i: usize) -> u8 {
        self.facts.get(i).map_or(0, |f| f.classes)
    }

    fn word(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.span.slice(self.text))
    }

    /// Token `i` is `w` as written. Compares bytes: token spans are
    /// character boundaries, so the `str` slice's checks of them in
    /// [`Ctx::word`] are not needed for a comparison.
    fn word_is(&self, i: usize, w: &str) -> bool {
        self.toks.get(i).is_some_and(|t| {
            self.text.as_bytes().get(t.span.start..t.span.end) == Some(w.as_bytes())
        })
    }

    fn norm(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| self.tokens.norm(t))
    }

    fn is_word(&self, i: usize) -> bool {
        self.flags(i) & WORD != 0
    }

    /// A word starting with a capital letter.
    fn is_cap(&self, i: usize) -> bool {
        self.flags(i) & CAP != 0
    }

    fn is_stop(&self, i: usize) -> bool {
        self.classes(i) & TitleClass::Stop.bit() != 0
    }

    /// Tokens `a` and `b = a + 1` are separated by spaces only.
    fn adjacent(&self, a: usize, b: usize) -> bool {
        // Bytes, not a `str` slice: the gap is tested byte by byte anyway,
        // and token ends and starts are character boundaries.
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) => self
                .text
                .as_bytes()
                .get(x.span.end..y.span.start)
                .is_some_and(|gap| gap.iter().all(|&c| c == b' ' || c == b'\t')),
            _ => false,
        }
    }

    fn title_at(&self, i: usize) -> Option<(usize, TitleClass)> {
        let f = self.facts.get(i)?;
        f.title.map(|c| (usize::from(f.title_len), c))
    }

    fn is_person_title(&self, i: usize) -> bool {
        matches!(
            self.title_at(i),
            Some((
                _,
                TitleClass::Role | TitleClass::Anon | TitleClass::Honorific
            ))
        )
    }

    fn is_org_head(&self, i: usize) -> bool {
        self.is_cap(i) && self.classes(i) & TitleClass::Org.bit() != 0
    }

    /// The full gazetteer reading of the hit at token `i`, if any.
    fn full_hit(&self, i: usize) -> Option<(usize, usize)> {
        let h = self.hit(i)?;
        self.hits[h].full.map(|c| (h, c.entry))
    }

    fn state_hit(&self, i: usize) -> Option<(usize, usize)> {
        self.full_hit(i)
            .filter(|&(_, e)| self.gaz.entry(e).kind == ActorKind::State)
    }

    fn first_of_sentence(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| is_sentence_start(self.text, t.span.start))
    }

    /// A capitalised token that can be part of a name.
    #[inline(always)]
    fn is_name_word(&self, i: usize) -> bool {
        // Most tokens are not capitalised: answered here, without a call.
        self.is_cap(i) && self.is_cap_name_word(i)
    }

    /// [`Ctx::is_name_word`] for a capitalised token.
    #[inline(never)]
    fn is_cap_name_word(&self, i: usize) -> bool {
        if self.is_stop(i)
            || self.org(i).is_some()
            || self.is_person_title(i)
            || self.is_org_head(i)
        {
            return false;
        }
        match self.hit(i) {
            // "Warren-style", "T-shirts": a lower-case word after a hyphen
            // makes the token a word about a name, not part of one.
            None => !has_lower_suffix(self.word(i)),
            // A short form ("Kim") may be part of a longer name ("Sarah Kim").
            Some(h) => self.hits[h].full.is_none(),
        }
    }

    fn span_of(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].span.start, self.toks[b - 1].span.end)
    }

    fn slice(&self, a: usize, b: usize) -> &'a str {
        self.span_of(a, b).slice(self.text)
    }

    fn add_disc(&mut self, d: Disc<'a>) -> usize {
        let names = &mut self.by_name[kind_index(d.kind)];
        if let Some(&i) = names.get(d.name) {
            let old = &mut self.discs[i];
            if old.role.is_none() {
                old.role = d.role;
            }
            if old.aff.is_none() {
                old.aff = d.aff;
            }
            return i;
        }
        names.insert(d.name, self.discs.len());
        self.discs.push(d);
        self.discs.len() - 1
    }

    fn add_org(&mut self, name: &'a str, aff: Option<Aff>, first: usize) -> usize {
        let before = self.discs.len();
        let d = self.add_disc(Disc {
            name,
            kind: ActorKind::Organization,
            role: None,
            aff,
            honorific: None,
            short_words: Vec::new(),
            anonymous: false,
            gaz: None,
        });
        if d == before {
            self.org_starts.push((first, d));
            self.discs[d].gaz = self.gaz.org_named(&self.discs[d].name.to_lowercase());
        }
        d
    }

    /// The key a discovered actor resolves to: its gazetteer entry if it has one.
    fn canonical(&self, key: Key) -> Key {
        match key {
            Key::Disc(d) => self.discs[d].gaz.map_or(key, Key::Gaz),
            Key::Gaz(_) => key,
        }
    }

    /// The start of up to two lower-case modifiers right before token `i`
    /// ("health" in "Chad's health ministry", "senior" in "a senior
    /// official"): adjacent words, not function words, not in a gazetteer
    /// hit and, with `outside_orgs`, not in a discovered organisation.
    fn modifiers_before(&self, i: usize, outside_orgs: bool) -> usize {
        let mut start = i;
        let mut mods = 0;
        while start > 0 && mods < 2 && self.adjacent(start - 1, start) {
            let p = start - 1;
            if self.is_word(p)
                && !self.is_cap(p)
                && !is_function(self.norm(p))
                && self.hit(p).is_none()
                && !(outside_orgs && self.org(p).is_some())
            {
                start = p;
                mods += 1;
            } else {
                break;
            }
        }
        start
    }

    /// Organisations named by a state and a lower-case organisation word:
    /// "Chad's health ministry", "the Chinese foreign ministry". Not when a
    /// name follows ("North Korea's state news agency KCNA").
    #[inline(never)]
    fn lower_orgs(&mut self) {
        for t in 0..self.titled.len() {
            let i = self.titled[t] as usize;
            let Some((len, TitleClass::Org)) = self.title_at(i).filter(|_| i >= 1) else {
                continue;
            };
            if self.is_cap(i) || self.org(i).is_some() {
                continue;
            }
            let end = i + len;
            if self.full_hit(end).is_some() || self.is_name_word(end) || self.is_acronym(end) {
                continue;
            }
            let start = self.modifiers_before(i, false);
            if start == 0 || !self.adjacent(start - 1, start) {
                continue;
            }
            let Some((h, state)) = self.state_hit(start - 1) else {
                continue;
            };
            let hit_text = self.hits[h].span.slice(self.text);
            let possessive =
                self.word(start - 1).ends_with("'s") || self.word(start - 1).ends_with("\u{2019}s");
            let form = self.hits[h].full.map(|c| c.form);
            if !(possessive || form == Some(MentionForm::Demonym)) || hit_text.is_empty() {
                continue;
            }
            let first = self
                .toks
                .partition_point(|t| t.span.end <= self.hits[h].span.start);
            if first > 0 && matches!(self.norm(first - 1), "a" | "an") {
                continue;
            }
            self.consumed[h] = true;
            let name = self.slice(first, end);
            let d = self.add_org(name, Some(Aff::Gaz(state)), first);
            for k in first..end {
                self.facts[k].org = d as u32;
            }
            self.refs.push(Ref {
                span: self.span_of(first, end),
                kind: RefKind::Actor(Key::Disc(d), MentionForm::Name),
            });
        }
    }

    /// Organisations by shape: capitalised runs holding an organisation word
    /// ("Seoul National University"), a name before a lower-case
    /// organisation word ("the Bruegel think tank"), and acronyms ("FNSEA").
    #[inline(never)]
    fn organisations(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            // Both ways to start need a capital (an organisation head is
            // capitalised): on to the next capitalised token, in one scan.
            if !self.is_cap(i) {
                i += self.facts[i..]
                    .iter()
                    .position(|f| f.flags & CAP != 0)
                    .unwrap_or(n - i);
                continue;
            }
            let starts = (self.is_cap(i)
                && !self.is_stop(i)
                && !self.is_person_title(i)
                && self
                    .full_hit(i)
                    .is_none_or(|(_, e)| self.gaz.entry(e).kind == ActorKind::State))
                || self.is_org_head(i);
            if !starts {
                i += 1;
                continue;
            }
            // Extend over capitalised words, state names and joiners.
            let mut j = i;
            let mut end = i;
            let mut head = false;
            while j < n {
                if j > i && !self.adjacent(j - 1, j) {
                    break;
                }
                let cap_ok = self.is_cap(j)
                    && !self.is_stop(j)
                    && !self.is_person_title(j)
                    && self
                        .full_hit(j)
                        .is_none_or(|(_, e)| self.gaz.entry(e).kind == ActorKind::State);
                if cap_ok || self.is_org_head(j) {
                    head |= self.is_org_head(j);
                    j += 1;
                    end = j;
                } else if j > i
                    && is_org_joiner(self.norm(j))
                    && self.is_cap(j + 1)
                    && !self.is_stop(j + 1)
                {
                    j += 1;
                } else if j > i
                    && is_org_joiner(self.norm(j))
                    && self.norm(j + 1) == "the"
                    && self.is_cap(j + 2)
                    && !self.is_stop(j + 2)
                {
                    // "University of the Philippines"
                    j += 2;
                } else {
                    break;
                }
            }
            // A run of organisation words alone ("the Commission") names
            // nothing new, nor does a state's own name that ends in one
            // ("Soviet Union"): a single gazetteer hit.
            let one_hit = self.hit(i).is_some() && (i..end).all(|k| self.hit(k) == self.hit(i));
            let run_has_name = !one_hit && (i..end).any(|k| !self.is_org_head(k));
            let generic = if !head && (i..end).any(|k| self.full_hit(k).is_none()) {
                self.lower_org_word(end)
            } else {
                None
            };
            if generic.is_some() {
                // Only the capitalised words right before "think tank" name it.
                let mut st = end - 1;
                while st > i && self.is_cap(st - 1) {
                    st -= 1;
                }
                i = st;
            }
            if (head && run_has_name) || generic.is_some() {
                let aff = (i..end)
                    .find_map(|k| self.state_hit(k))
                    .map(|(_, e)| Aff::Gaz(e));
                // State names at the start of an org name are part of it, not mentions.
                for k in i..end {
                    if let Some((h, _)) = self.state_hit(k) {
                        self.consumed[h] = true;
                    }
                }
                let name = self
                    .slice(i, end)
                    .trim_end_matches("'s")
                    .trim_end_matches("\u{2019}s");
                let d = self.add_org(name, aff, i);
                let stop = end + generic.unwrap_or(0);
                for k in i..stop {
                    self.facts[k].org = d as u32;
                }
                self.refs.push(Ref {
                    span: self.span_of(i, end),
                    kind: RefKind::Actor(Key::Disc(d), MentionForm::Name),
                });
                // "(FNSEA)" right after the name is its acronym.
                if self.word_is(stop, "(")
                    && self.is_acronym(stop + 1)
                    && self.word_is(stop + 2, ")")
                {
                    let w = self.word(stop + 1);
                    self.facts[stop + 1].org = d as u32;
                    self.by_name[kind_index(ActorKind::Organization)].insert(w, d);
                    self.refs.push(Ref {
                        span: self.toks[stop + 1].span,
                        kind: RefKind::Actor(Key::Disc(d), MentionForm::Name),
                    });
                }
                i = stop.max(i + 1);
                continue;
            }
            if end == i + 1 && self.is_acronym(i) {
                let w = self.word(i);
                let d = self.add_org(w, None, i);
                self.facts[i].org = d as u32;
                self.refs.push(Ref {
                    span: self.toks[i].span,
                    kind: RefKind::Actor(Key::Disc(d), MentionForm::Name),
                });
            }
            i = end.max(i + 1);
        }
    }

    /// A lower-case organisation word at `i` ("think tank"), by token count.
    fn lower_org_word(&self, i: usize) -> Option<usize> {
        if i == 0 || !self.adjacent(i - 1, i) || self.is_cap(i) {
            return None;
        }
        match self.title_at(i) {
            Some((len, TitleClass::Org)) => Some(len),
            _ => None,
        }
    }

    /// An all-caps word of 3 to 8 letters that no list knows ("FNSEA").
    #[inline(always)]
    fn is_acronym(&self, i: usize) -> bool {
        // Most words asked about are capitalised with a lower-case letter
        // second ("The", "Trump"): read from the text's bytes as
        // [`is_all_caps`] would, that answers them here, without a call.
        let head = self
            .toks
            .get(i)
            .and_then(|t| self.text.as_bytes().get(t.span.start..t.span.end))
            .unwrap_or_default();
        !head.iter().take(2).any(u8::is_ascii_lowercase) && self.is_acronym_rest(i)
    }

    /// Token `i` is all its line holds, apart from a full stop after it.
    fn alone_on_line(&self, i: usize) -> bool {
        let span = self.toks[i].span;
        let bytes = self.text.as_bytes();
        let starts = span.start == 0 || bytes.get(span.start - 1) == Some(&b'\n');
        let mut end = span.end;
        if bytes.get(end) == Some(&b'.') {
            end += 1;
        }
        starts && matches!(bytes.get(end), None | Some(b'\n' | b'\r'))
    }

    /// [`Ctx::is_acronym`] past its first test.
    #[inline(never)]
    fn is_acronym_rest(&self, i: usize) -> bool {
        // The checks on cached token facts first: most words fail them.
        if !self.is_word(i) || self.hit(i).is_some() || self.is_stop(i) || self.is_person_title(i) {
            return false;
        }
        let w = self.word(i);
        // "(R-S.C.)", "D-N.Y.": a party and a state after a name;
        // "ABSTRACT." or "LETTERS." alone on a line: a section label.
        if is_party_label(w) || self.alone_on_line(i) {
            return false;
        }
        is_all_caps(w)
            && (3..=8).contains(&w.chars().filter(|c| c.is_alphabetic()).count())
            // Not in a shouted line.
            && !(i > 0 && is_all_caps(self.word(i - 1)))
            && !is_all_caps(self.word(i + 1))
    }

    /// The role term ending right before token `end`: its start.
    fn role_ending_at(&self, end: usize) -> Option<usize> {
        // Most tokens follow no role term: the flag answers them (a term
        // ending the text has no token to carry the flag).
        if end < self.facts.len() && self.flags(end) & ROLE_END == 0 {
            return None;
        }
        (end.saturating_sub(4)..end).find(|&j| {
            matches!(self.title_at(j), Some((len, TitleClass::Role | TitleClass::Anon)) if j + len == end)
                && (j + 1..end).all(|k| self.adjacent(k - 1, k))
        })
    }

    /// The role phrase ending before `end` ("Chinese Foreign Minister", "his North Korean counterpart"):
    /// (role text, start token of the role, affiliation).
    fn role_before(&self, end: usize) -> Option<(&'a str, usize, Option<Aff>)> {
        if end == 0 || !self.adjacent(end - 1, end) {
            return None;
        }
        let mut start = self.role_ending_at(end)?;
        let role_end = end;
        // A title-case office takes capitalised words before it ("Fisheries Minister").
        let title_case = self.is_cap(start);
        let mut mods = 0;
        while start > 0 && self.adjacent(start - 1, start) {
            let p = start - 1;
            if let Some(s) = self.role_ending_at(start) {
                // A lower-case role before a title-case office is another
                // description ("nominee Sen. Tim Kaine", "rival Sen. Ted
                // Cruz"): the office is the role.
                if title_case && !self.is_cap(s) {
                    break;
                }
                start = s;
                continue;
            }
            if mods >= 2 || self.hit(p).is_some() || self.org(p).is_some() {
                break;
            }
            let lower_mod = self.is_word(p)
                && !self.is_cap(p)
                && !is_function(self.norm(p))
                && !is_verb_form(self.norm(p))
                && (!title_case || is_title_modifier(self.norm(p)));
            let opener = self.is_cap(p) && !self.is_stop(p) && self.first_of_sentence(p);
            let office_word =
                title_case && self.is_cap(p) && !self.is_stop(p) && !self.is_person_title(p);
            if lower_mod || opener || office_word {
                start = p;
                mods += 1;
            } else {
                break;
            }
        }
        let aff = self.aff_before(start);
        Some((self.slice(start, role_end), start, aff))
    }

    /// The state or organisation named right before token `i`.
    fn aff_before(&self, i: usize) -> Option<Aff> {
        if i == 0 || !self.adjacent(i - 1, i) {
            return None;
        }
        let p = i - 1;
        if let Some(d) = self.org(p) {
            return Some(Aff::Disc(d));
        }
        self.full_hit(p).map(|(_, e)| Aff::Gaz(e))
    }

    /// An actor named at token `i` (after an optional "the").
    fn aff_at(&self, i: usize) -> Option<Aff> {
        let i = if self.norm(i) == "the" { i + 1 } else { i };
        // "the institute": the last organisation named with that word.
        if !self.is_cap(i)
            && matches!(self.title_at(i), Some((1, TitleClass::Org)))
            && self.org(i).is_none()
        {
            let word = self.norm(i);
            let before = self.org_starts.partition_point(|&(t, _)| t < i);
            return self.org_starts[..before]
                .iter()
                .rev()
                .find(|&&(_, d)| {
                    self.discs[d]
                        .name
                        .to_lowercase()
                        .split_whitespace()
                        .any(|w| w == word)
                })
                .map(|&(_, d)| Aff::Disc(d));
        }
        if let Some(d) = self.org(i) {
            return Some(Aff::Disc(d));
        }
        self.full_hit(i).map(|(_, e)| Aff::Gaz(e))
    }

    /// ", a regional expert at Seoul National University" after token `end`.
    fn appositive(&self, end: usize) -> Option<(&'a str, Option<Aff>)> {
        if !self.word_is(end, ",") {
            return None;
        }
        let mut k = end + 1;
        // "a", "the", and "his top aide", "their lawyer".
        let determined = is_determiner(self.norm(k)) || is_possessive_pronoun(self.norm(k));
        if determined {
            k += 1;
        }
        let role_start = k;
        // A few modifiers ("former U.S.", "No. 2"), then a role term.
        for _ in 0..5 {
            // The text may end inside the appositive ("China1,200").
            if k >= self.toks.len() {
                return None;
            }
            if let Some((len, TitleClass::Role | TitleClass::Anon)) = self.title_at(k) {
                // Before a capitalised title only its own modifiers ("a
                // former President"), not the sentence's words ("During the
                // Cold War, many followed President Reagan").
                let sentence_word = |m: usize| {
                    self.is_word(m) && !self.is_cap(m) && !is_title_modifier(self.norm(m))
                };
                if self.is_cap(k) && (role_start..k).any(sentence_word) {
                    return None;
                }
                let mut role_end = k + len;
                // "chief strategist", "senior adviser": a role word after
                // the role word belongs to it.
                while let Some((more, TitleClass::Role | TitleClass::Anon)) =
                    self.title_at(role_end)
                {
                    if self.is_cap(role_end) {
                        break;
                    }
                    role_end += more;
                }
                // "professor of international relations"
                if matches!(self.norm(role_end), "of" | "for") {
                    let mut m = role_end + 1;
                    while m < role_end + 5
                        && self.is_word(m)
                        && !self.is_cap(m)
                        && !is_function(self.norm(m))
                    {
                        m += 1;
                    }
                    if m > role_end + 1 {
                        role_end = m;
                    }
                }
                // "... at Ground Zero, sources said": the role is the
                // subject of a verb of saying, not an appositive.
                if is_say(self.norm(role_end)) {
                    return None;
                }
                // "Instead, businessman Donald Trump": a bare role before a
                // name is that name's title, not an appositive of the word
                // before the comma.
                if !determined && self.is_cap(role_end) && self.is_word(role_end) {
                    return None;
                }
                // Without a determiner, the appositive must close after the
                // role ("Tad Devine, Sanders's chief strategist, said"); "As
                // reported by Western Journalism, former CIA operative and
                // Marine John Tiegen found" opens the subject of the clause.
                let closed = self
                    .toks
                    .get(role_end)
                    .is_none_or(|t| t.kind == TokenKind::Punct)
                    || is_affil_prep(self.norm(role_end))
                    || matches!(self.norm(role_end), "who" | "whose");
                if !determined && !closed {
                    return None;
                }
                let role = self.slice(role_start, role_end);
                // "at ORG", or later in the clause ("who now teaches at ORG").
                let mut aff = None;
                for m in role_end..(role_end + 8).min(self.toks.len()) {
                    if self.toks[m].kind == TokenKind::Punct {
                        break;
                    }
                    if is_affil_prep(self.norm(m)) {
                        if let Some(a) = self.aff_at(m + 1) {
                            aff = Some(a);
                            break;
                        }
                    }
                }
                return Some((role, aff));
            }
            let modifier = self.hit(k).is_some()
                || (self.is_word(k) && !self.is_cap(k) && !is_function(self.norm(k)))
                // "Sanders's chief strategist": the one the role is held for.
                || (self.is_cap(k) && strip_possessive(self.word(k)).len() < self.word(k).len())
                || self
                    .toks
                    .get(k)
                    .is_some_and(|t| t.kind == TokenKind::Number)
                || self.word_is(k, "No")
                || (self.word_is(k, ".") && k > 0 && self.word_is(k - 1, "No"));
            if !modifier {
                return self.unlisted_role(end, role_start);
            }
            k += 1;
        }
        self.unlisted_role(end, role_start)
    }

    /// ", a hydrologist at the University of Seville": a role the titles
    /// lexicon does not list, recognised by a determiner before it and an
    /// organisation after it.
    fn unlisted_role(&self, end: usize, role_start: usize) -> Option<(&'a str, Option<Aff>)> {
        if role_start != end + 2 || !matches!(self.norm(end + 1), "a" | "an" | "the") {
            return None;
        }
        for m in role_start..(role_start + 4).min(self.toks.len()) {
            if is_affil_prep(self.norm(m)) && m > role_start {
                let aff = self.aff_at(m + 1)?;
                return Some((self.slice(role_start, m), Some(aff)));
            }
            if !self.is_word(m) || self.is_cap(m) || is_function(self.norm(m)) {
                return None;
            }
        }
        None
    }

    /// People: name runs with a title before them, an honorific, an
    /// appositive, an organisation after them or a verb of saying.
    #[inline(never)]
    fn people(&mut self) {
        let n = self.toks.len();
        let mut last_role: Option<(usize, &'a str)> = None; // (sentence start byte, role)
        let mut i = 0;
        while i < n {
            // Neither in a hit nor capitalised: no name starts here. The
            // next token that is either, found in one scan of the flags.
            if self.facts[i].flags & (CAP | HIT) == 0 {
                i += self.facts[i..]
                    .iter()
                    .position(|f| f.flags & (CAP | HIT) != 0)
                    .unwrap_or(n - i);
                continue;
            }
            if let Some((_, e)) = self.full_hit(i) {
                if self.gaz.entry(e).kind == ActorKind::Person {
                    if let Some((r, _, _)) = self.role_before(i) {
                        self.gaz_roles.entry(e).or_insert(r);
                    }
                    if let Some(r) = self.gaz_role(e) {
                        last_role = Some((self.sentence_of(i), r));
                    }
                }
                i += 1;
                continue;
            }
            if !self.is_name_word(i) {
                i += 1;
                continue;
            }
            let s = i;
            let mut e = i + 1;
            while e < n && self.adjacent(e - 1, e) {
                // "Dave Leip's Atlas": a possessive ends the name.
                let last = self.word(e - 1);
                if strip_possessive(last).len() < last.len() {
                    break;
                }
                if self.word_is(e, "Jr") || self.word_is(e, "Sr") {
                    // "Thomas R. Whitaker Jr."
                    e += 1;
                    if self.word_is(e, ".") {
                        e += 1;
                    }
                    break;
                } else if self.is_name_word(e) {
                    e += 1;
                } else if self.word_is(e, ".")
                    && self.word(e - 1).chars().count() <= 2
                    && self.word(e - 1).chars().all(char::is_uppercase)
                    && (self.is_name_word(e + 1)
                        || self.word_is(e + 1, "Jr")
                        || self.word_is(e + 1, "Sr"))
                {
                    // Initials: "J. K. Rao", "Thomas R. Whitaker".
                    e += 1;
                } else if is_particle(self.word(e))
                    && self.is_name_word(e + 1)
                    && self.adjacent(e, e + 1)
                {
                    e += 2;
                } else {
                    break;
                }
            }
            // "John McConnell", "Hunter Biden": the surname is a gazetteer
            // person's one-word alias, but the given name before it is not
            // theirs, so this is someone else of that surname.
            if let Some(h) = self.other_bearer(s, e) {
                self.consumed[h] = true;
                e += 1;
            }
            i = e;
            let single_short = e == s + 1 && self.hit(s).is_some();
            let honorific = self.honorific_before(s);
            let name = strip_possessive(self.slice(s, e));
            if single_short {
                // "Kim", "Dr. Kim" where "Kim" is a gazetteer short form: coreference decides.
                let h = self.hit(s).unwrap_or_default();
                let gaz = Some(h);
                self.consumed[h] = true;
                self.refs.push(Ref {
                    span: self.toks[s].span,
                    kind: RefKind::Short {
                        word: name,
                        gaz,
                        honorific,
                        fallback: None,
                    },
                });
                continue;
            }
            // Past the short forms (one run in fifteen on c1): the cues around
            // the name, which a short form does not use.
            // "former rival New Jersey Gov. Chris Christie", "Dallas
            // Mavericks owner Mark Cuban": a run right before a role names
            // the place or body of that role, not a person.
            let before_role = self.adjacent(e - 1, e)
                && matches!(
                    self.title_at(e),
                    Some((_, TitleClass::Role | TitleClass::Anon))
                );
            let role = if before_role {
                None
            } else {
                self.role_before(s)
            };
            // "Gov. Chris Christie of New Jersey, a Trump ally": after "of"
            // the run is a place or body, and the appositive is the person's
            // before it.
            let after_of = s > 0 && self.norm(s - 1) == "of";
            let appos = if after_of { None } else { self.appositive(e) };
            let of_org = if is_affil_prep(self.norm(e)) && self.adjacent(e - 1, e) {
                self.aff_at(e + 1).filter(|a| matches!(a, Aff::Disc(_)) || matches!(a, Aff::Gaz(g) if self.gaz.entry(*g).kind == ActorKind::Organization))
            } else {
                None
            };
            // "Chad Miller said", "said Chad Miller", "Chad Miller, who grows apples".
            let says = e - s >= 2
                && (is_say(self.norm(e))
                    || (s > 0 && is_say(self.norm(s - 1)))
                    || (self.word_is(e, ",") && self.norm(e + 1) == "who"));
            let n_words = self.name_words(s, e, name);
            let cue = role.is_some()
                || appos.is_some()
                // "Mr. Romney": a courtesy title makes even one word a person.
                || honorific.is_some()
                || (n_words >= 2 && (of_org.is_some() || says || self.given_name_run(s, e)));
            let known = self.by_name[kind_index(ActorKind::Person)]
                .get(name)
                .copied();
            if !cue && known.is_none() {
                if n_words == 1 {
                    self.refs.push(Ref {
                        span: self.span_of(s, e),
                        kind: RefKind::Short {
                            word: name,
                            gaz: None,
                            honorific,
                            fallback: None,
                        },
                    });
                }
                continue;
            }
            // "Dr. Kim" with no "Kim" before: a person of that name, unless
            // coreference finds one. Also when a "Kim" of one word is known
            // already, if nothing but a courtesy title marks this one: "Ms.
            // Epstein" after "Lee Epstein" is her, not the one-word "Epstein"
            // an earlier "Ms. Epstein" left as a fallback.
            if n_words == 1 && (known.is_none() || (role.is_none() && appos.is_none())) {
                let fallback = self.add_disc(Disc {
                    name,
                    kind: ActorKind::Person,
                    role: role.as_ref().map(|r| r.0).or(appos.as_ref().map(|a| a.0)),
                    aff: role
                        .as_ref()
                        .and_then(|r| r.2.clone())
                        .or(appos.as_ref().and_then(|a| a.1.clone())),
                    honorific,
                    short_words: vec![name],
                    anonymous: false,
                    gaz: None,
                });
                self.refs.push(Ref {
                    span: self.span_of(s, e),
                    kind: RefKind::Short {
                        word: name,
                        gaz: None,
                        honorific,
                        fallback: Some(fallback),
                    },
                });
                continue;
            }
            let sentence = self.sentence_of(s);
            // An honorific that is also a role ("Professor") is the role when nothing better is written.
            let honorific_role = (s > 0 && self.classes(s - 1) & TitleClass::Role.bit() != 0)
                .then(|| self.word(s - 1));
            let mut role_text = role
                .as_ref()
                .map(|r| r.0)
                .or(appos.as_ref().map(|a| a.0))
                .or(honorific_role);
            let counterpart = role_text.is_some_and(|r| r.ends_with("counterpart"));
            if let (true, Some((sent, prev))) = (counterpart, &last_role) {
                if *sent == sentence {
                    role_text = Some(*prev);
                }
            }
            let aff = role
                .as_ref()
                .and_then(|r| r.2.clone())
                .or(appos.as_ref().and_then(|a| a.1.clone()))
                .or(of_org)
                .or_else(|| self.who_clause_aff(e));
            let mut words = name.split_whitespace();
            let first_word = words.next().unwrap_or_default();
            let mut short_words = vec![words.next_back().unwrap_or(first_word)];
            if n_words >= 2 {
                short_words.push(first_word);
            }
            let d = self.add_disc(Disc {
                name,
                kind: ActorKind::Person,
                role: role_text,
                aff,
                honorific,
                short_words,
                anonymous: false,
                gaz: None,
            });
            if let Some(r) = role_text {
                last_role = Some((sentence, r));
            }
            self.refs.push(Ref {
                span: self.span_of(s, e),
                kind: RefKind::Actor(Key::Disc(d), MentionForm::Name),
            });
        }
    }

    /// The hit at token `e` when the name run `s..e` opens with a given name
    /// and `e` is a one-word alias of a gazetteer person none of whose names
    /// holds a word of the run: "John McConnell" is not Mitch McConnell,
    /// while "George Bush" may be George W. Bush.
    fn other_bearer(&self, s: usize, e: usize) -> Option<usize> {
        if self.classes(s) & TitleClass::Given.bit() == 0 || !self.adjacent(e - 1, e) {
            return None;
        }
        let (h, entry) = self.full_hit(e)?;
        let entry = self.gaz.entry(entry);
        if entry.kind != ActorKind::Person || self.hits[h].span != self.toks[e].span {
            return None;
        }
        let run = self.slice(s, e);
        let shares_a_word = |name: &str| name.split(' ').any(|w| run.split(' ').any(|r| r == w));
        if shares_a_word(&entry.name) || entry.aliases.iter().any(|a| shares_a_word(a)) {
            return None;
        }
        Some(h)
    }

    /// "Mitt Romney had a lead": the run of name words `s..e` opens with a
    /// given name and does not end in a word for a place or a law ("Charles
    /// River", "Dodd-Frank Act"). The headline, where every word is
    /// capitalised ("Will Trump Win?"), is not among the body's tokens, so
    /// it never gets here.
    fn given_name_run(&self, s: usize, e: usize) -> bool {
        self.classes(s) & TitleClass::Given.bit() != 0 && !is_place_head(self.norm(e - 1))
    }

    /// `count_words(name)` for a name made of tokens `s..e`: tokens hold no
    /// whitespace, so the words are one more than the gaps of spaces between
    /// them, counted without reading the name's bytes again. Any other gap
    /// (none in practice) falls back to counting.
    fn name_words(&self, s: usize, e: usize, name: &str) -> usize {
        let mut words = 1;
        for k in s + 1..e {
            let gap = self
                .text
                .as_bytes()
                .get(self.toks[k - 1].span.end..self.toks[k].span.start)
                .unwrap_or_default();
            if gap.is_empty() {
                continue;
            }
            if !gap.iter().all(|&b| b == b' ' || b == b'\t') {
                return count_words(name);
            }
            words += 1;
        }
        words
    }

    /// The index of the sentence holding token `i` (binary search).
    fn sentence_of(&self, i: usize) -> usize {
        self.sentences.partition_point(|s| s.tokens.end <= i)
    }

    /// ", who studies ... at Korea University": an organisation after a
    /// preposition in the relative clause after token `end`.
    fn who_clause_aff(&self, end: usize) -> Option<Aff> {
        if !self.word_is(end, ",") || self.norm(end + 1) != "who" {
            return None;
        }
        for m in end + 2..(end + 12).min(self.toks.len()) {
            if self.toks[m].kind == TokenKind::Punct {
                return None;
            }
            if is_affil_prep(self.norm(m)) {
                if let Some(a) = self.aff_at(m + 1) {
                    return Some(a);
                }
            }
        }
        None
    }

    /// The honorific right before token `s` ("Dr."), as written without the dot.
    fn honorific_before(&self, s: usize) -> Option<&'a str> {
        (s.saturating_sub(2)..s).find_map(|j| match self.title_at(j) {
            Some((len, TitleClass::Honorific)) if j + len == s => Some(self.word(j)),
            _ => None,
        })
    }

    /// Anonymous sources: "a State Department spokesperson", "an Israeli official", "Israeli officials".
    #[inline(never)]
    fn anonymous(&mut self) {
        for t in 0..self.titled.len() {
            let i = self.titled[t] as usize;
            let Some((len, TitleClass::Anon)) = self.title_at(i) else {
                continue;
            };
            let end = i + len;
            if self.org(i).is_some()
                || self.hit(i).is_some()
                || (self.is_name_word(end) && self.adjacent(end - 1, end))
            {
                continue;
            }
            // Modifiers ("senior"), then the affiliation chunk, then a determiner.
            let start = self.modifiers_before(i, true);
            let Some(aff) = self.aff_before(start) else {
                continue;
            };
            let mut chunk = start - 1;
            while chunk > 0 && self.adjacent(chunk - 1, chunk) {
                let same = match &aff {
                    Aff::Disc(d) => self.org(chunk - 1) == Some(*d),
                    Aff::Gaz(_) => {
                        self.hit(chunk - 1).is_some() && self.hit(chunk - 1) == self.hit(chunk)
                    }
                };
                if same { chunk -= 1 } else { break }
            }
            let det = chunk > 0 && is_determiner(self.norm(chunk - 1));
            let plural = self.norm(end - 1).ends_with('s');
            if !det && !plural {
                continue;
            }
            let name = self.slice(chunk, end);
            let role = self.slice(start, end);
            let d = self.add_disc(Disc {
                name,
                kind: ActorKind::Person,
                role: Some(role),
                aff: Some(aff),
                honorific: None,
                short_words: Vec::new(),
                anonymous: true,
                gaz: None,
            });
            self.refs.push(Ref {
                span: self.span_of(start, end),
                kind: RefKind::Actor(Key::Disc(d), MentionForm::Description),
            });
        }
    }

    /// Offices named without a name: "the U.S. president", "China's foreign
    /// minister" refer to whoever held that office on the article's date,
    /// when the gazetteer knows exactly one holder.
    #[inline(never)]
    fn offices(&mut self) {
        for t in 0..self.titled.len() {
            let i = self.titled[t] as usize;
            let Some((len, TitleClass::Role | TitleClass::Anon)) =
                self.title_at(i).filter(|_| i >= 1)
            else {
                continue;
            };
            let end = i + len;
            if self.org(i).is_some() || self.hit(i).is_some() || !self.adjacent(i - 1, i) {
                continue;
            }
            // A name follows: that person is named already ("Russian President Vladimir Putin").
            if (self.adjacent(end - 1, end)
                && (self.is_name_word(end) || self.full_hit(end).is_some()))
                || self.word_is(end, "-")
            {
                continue;
            }
            let Some((h, state)) = self.state_hit(i - 1) else {
                continue;
            };
            let first = self
                .toks
                .partition_point(|t| t.span.end <= self.hits[h].span.start);
            if first > 0
                && matches!(
                    self.norm(first - 1),
                    "former" | "ex" | "late" | "a" | "an" | "previous" | "next" | "new"
                )
            {
                continue;
            }
            let title = self.slice(i, end).to_lowercase();
            if let Some(p) = self.gaz.office_holder(state, &title, self.date) {
                self.refs.push(Ref {
                    span: self.span_of(i, end),
                    kind: RefKind::Actor(Key::Gaz(p), MentionForm::Description),
                });
            }
        }
    }

    /// "the minister said": a definite role with no name and no state after
    /// or before it refers back to the last person holding such a role.
    #[inline(never)]
    fn role_references(&mut self) {
        for t in 0..self.titled.len() {
            let i = self.titled[t] as usize;
            let Some((1, TitleClass::Role | TitleClass::Anon)) =
                self.title_at(i).filter(|_| i >= 1)
            else {
                continue;
            };
            if self.norm(i - 1) != "the"
                || self.is_cap(i)
                || self.org(i).is_some()
                || self.hit(i).is_some()
            {
                continue;
            }
            let next = i + 1;
            if (self.adjacent(i, next)
                && (self.is_name_word(next) || self.full_hit(next).is_some()))
                || matches!(self.norm(next), "of" | "for" | "at")
            {
                continue;
            }
            let title = self.norm(i);
            if title.ends_with('s') {
                continue;
            }
            self.refs.push(Ref {
                span: self.toks[i].span,
                kind: RefKind::Role(title),
            });
        }
    }

    /// The role of gazetteer entry `g` in this article: on a dated article
    /// the one the gazetteer lists for that date, else the one the text
    /// gave. On an undated one, a title the text gives in capitals ("Senate
    /// Majority Leader Mitch McConnell") wins over the gazetteer's current
    /// role, which an article from another year contradicts; a lower-case
    /// description ("spokesman", "foreign policy chief") does not.
    fn gaz_role(&self, g: usize) -> Option<&'a str> {
        let gaz: &'a Gazetteer = self.gaz;
        let e = gaz.entry(g);
        let written = self.gaz_roles.get(&g).copied();
        match (self.date, written) {
            (None, Some(w)) if w.starts_with(char::is_uppercase) => Some(w),
            _ => e.role_on(self.date).or(written),
        }
    }

    /// The role a resolved actor holds, for "the minister".
    fn role_of(&self, key: Key) -> Option<&'a str> {
        match key {
            Key::Gaz(g) => {
                if self.gaz.entry(g).kind != ActorKind::Person {
                    return None;
                }
                self.gaz_role(g)
            }
            Key::Disc(d) => {
                let disc = &self.discs[d];
                (disc.kind == ActorKind::Person && !disc.anonymous)
                    .then_some(disc.role)
                    .flatten()
            }
        }
    }

    /// The gender an actor is known by: the gazetteer's `gender`, or the
    /// courtesy title a discovered person was introduced with ("Ms. Khan").
    fn gender_of(&self, k: Key) -> Option<Gender> {
        match k {
            Key::Gaz(g) => self.gaz.entry(g).gender,
            Key::Disc(d) => self.discs[d].honorific.and_then(addressed),
        }
    }

    /// Can actor `k` be the one a courtesy title of `address` names? Yes
    /// unless its gender is known and differs.
    fn fits(&self, k: Key, address: Option<Gender>) -> bool {
        address.is_none_or(|a| self.gender_of(k).is_none_or(|g| g == a))
    }

    /// Gazetteer hits not swallowed by a discovered name become references.
    #[inline(never)]
    fn hit_refs(&mut self) {
        for (i, d) in self.discs.iter().enumerate() {
            if d.kind == ActorKind::Person && !d.anonymous {
                for &w in &d.short_words {
                    self.by_short.entry(w).or_default().push(i);
                }
            }
        }
        for (h, hit) in self.hits.iter().enumerate() {
            if self.consumed[h] {
                continue;
            }
            let credit = self.dateline.is_some_and(|d| d.contains(hit.span))
                && hit.full.is_some_and(|c| {
                    // The place ("BRUSSELS" for the EU) is a mention; the credit is a name.
                    c.form == MentionForm::Name
                        && self.gaz.entry(c.entry).kind == ActorKind::Organization
                });
            if credit {
                continue;
            }
            let kind = match hit.full {
                Some(c)
                    if self.gaz.entry(c.entry).kind == ActorKind::Person
                        && self.by_short.contains_key(hit.span.slice(self.text)) =>
                {
                    RefKind::Surname {
                        word: hit.span.slice(self.text),
                        entry: c.entry,
                        form: c.form,
                        honorific: prev_honorific(self, hit.span.start),
                    }
                }
                Some(c) => {
                    if hit.weak {
                        self.weak.insert(hit.span.start);
                    } else {
                        set_bit(&mut self.strong, c.entry);
                        if let Some(aff) = self.gaz.affiliation_index(c.entry) {
                            set_bit(&mut self.strong, aff);
                        }
                    }
                    RefKind::Actor(Key::Gaz(c.entry), c.form)
                }
                None => {
                    let honorific = prev_honorific(self, hit.span.start);
                    RefKind::Short {
                        word: hit.span.slice(self.text),
                        gaz: Some(h),
                        honorific,
                        fallback: None,
                    }
                }
            };
            self.refs.push(Ref {
                span: hit.span,
                kind,
            });
        }
    }

    /// Coreference and assembly: walk references in text order, link short
    /// forms to the most fitting actor introduced before them, drop overlaps.
    #[inline(never)]
    fn resolve(mut self) -> ActorSet {
        // The token facts are not needed past the passes.
        spare_facts(std::mem::take(&mut self.facts));
        // Text order, longest first at one start, and the order of finding
        // among equal spans: the index makes every key distinct, so any sort
        // of the keys gives the stable order without moving the references,
        // and the keys sit together (no look-up through the references per
        // comparison). Each pass pushes its references in text order, so the
        // keys are a few sorted runs: the stable sort finds and merges them
        // (some 20 instructions a key on a long article, where the
        // unstable one partitioned them as if at random, some 90).
        let mut sorted: Vec<(usize, usize, usize)> = self
            .refs
            .iter()
            .enumerate()
            .map(|(i, r)| (r.span.start, usize::MAX - r.span.end, i))
            .collect();
        sorted.sort();
        // key -> last mention order
        let mut introduced: HashMap<Key, usize> =
            HashMap::with_capacity_and_hasher(self.refs.len(), Default::default());
        // key -> mentions so far: the salience a bare shared surname follows.
        let mut mentioned: HashMap<Key, usize> = HashMap::default();
        let by_short = std::mem::take(&mut self.by_short);
        let mut resolved: Vec<(Span, Key, MentionForm)> = Vec::with_capacity(self.refs.len());
        let mut last_end = 0;
        // For "the minister": the last introduced actor whose role holds each
        // word, kept up to date as actors are introduced (only when needed).
        let any_role = self.refs.iter().any(|r| matches!(r.kind, RefKind::Role(_)));
        let mut role_words: HashMap<Key, Vec<String>> = HashMap::default();
        let mut last_by_word: HashMap<String, Key> = HashMap::default();
        for (order, &(_, _, i)) in sorted.iter().enumerate() {
            let r = &self.refs[i];
            if r.span.start < last_end {
                continue;
            }
            let (key, form) = match &r.kind {
                RefKind::Actor(Key::Gaz(g), _)
                    if self.weak.contains(&r.span.start) && !has_bit(&self.strong, *g) =>
                {
                    continue;
                }
                RefKind::Actor(k, f) => (*k, *f),
                RefKind::Short {
                    word,
                    gaz,
                    honorific,
                    fallback,
                } => {
                    // Ranked by a matching courtesy title, then by how often
                    // the article has named each so far, then by recency:
                    // after "Hillary Clinton" (the story's subject) and a
                    // mention of "her husband, Bill Clinton", "Clinton" is
                    // still hers; news style names the secondary bearer in
                    // full.
                    let mut best: Option<(bool, usize, usize, Key)> = None;
                    let shorts = gaz.map_or(&[][..], |h| &self.hits[h].shorts[..]);
                    let cands = shorts.iter().map(|&g| Key::Gaz(g)).chain(
                        by_short
                            .get(word)
                            .into_iter()
                            .flatten()
                            .map(|&i| Key::Disc(i)),
                    );
                    let address = honorific.and_then(addressed);
                    for k in cands {
                        let Some(&seen) = introduced.get(&k) else {
                            continue;
                        };
                        if Some(k) == fallback.map(Key::Disc) {
                            continue;
                        }
                        // "Mrs. Clinton" is not Bill Clinton, "Mr. Kim" not Kim Yo Jong.
                        if !self.fits(k, address) {
                            continue;
                        }
                        let titled = honorific.is_some()
                            && matches!(k, Key::Disc(d) if self.discs[d].honorific.is_some());
                        let count = mentioned.get(&k).copied().unwrap_or(0);
                        if best.is_none_or(|(bt, bc, bs, _)| (titled, count, seen) > (bt, bc, bs)) {
                            best = Some((titled, count, seen, k));
                        }
                    }
                    match (best, fallback) {
                        (Some((_, _, _, k)), Some(f)) => {
                            // "Ted Cruz ... Sen. Cruz": the title the short
                            // form was written with is the person's, when
                            // the full name came without one.
                            if let Key::Disc(d) = k {
                                if self.discs[d].role.is_none() {
                                    self.discs[d].role = self.discs[*f].role;
                                }
                                if self.discs[d].aff.is_none() {
                                    self.discs[d].aff = self.discs[*f].aff.clone();
                                }
                            }
                            (k, MentionForm::Short)
                        }
                        (Some((_, _, _, k)), None) => (k, MentionForm::Short),
                        (None, Some(f)) => (Key::Disc(*f), MentionForm::Name),
                        (None, None) => continue,
                    }
                }
                RefKind::Surname {
                    word,
                    entry,
                    form,
                    honorific,
                } => {
                    let address = honorific.and_then(addressed);
                    let fits = |k: Key| self.fits(k, address);
                    let gaz_seen = introduced.get(&Key::Gaz(*entry)).copied();
                    let mut best = (gaz_seen, Key::Gaz(*entry));
                    let others = if honorific.is_some() || gaz_seen.is_none() {
                        by_short.get(word).map_or(&[][..], Vec::as_slice)
                    } else {
                        &[]
                    };
                    // "Mrs. Obama" after "Barack Obama" and "Michelle Obama".
                    if !fits(Key::Gaz(*entry)) {
                        best.0 = None;
                    }
                    for &d in others.iter().filter(|&&d| fits(Key::Disc(d))) {
                        if let Some(&seen) = introduced.get(&Key::Disc(d)) {
                            if best.0.is_none_or(|b| seen > b) {
                                best = (Some(seen), Key::Disc(d));
                            }
                        }
                    }
                    match best.1 {
                        Key::Gaz(_) => (best.1, *form),
                        Key::Disc(_) => (best.1, MentionForm::Short),
                    }
                }
                RefKind::Role(title) => match last_by_word.get(*title) {
                    Some(&k) => (k, MentionForm::Pronoun),
                    None => continue,
                },
            };
            if form != MentionForm::Short || introduced.contains_key(&key) {
                introduced.insert(key, order);
                *mentioned.entry(key).or_insert(0) += 1;
                if any_role {
                    let words = role_words.entry(key).or_insert_with(|| {
                        self.role_of(key).map_or_else(Vec::new, |r| {
                            r.to_lowercase()
                                .split_whitespace()
                                .map(String::from)
                                .collect()
                        })
                    });
                    for w in words.iter() {
                        match last_by_word.get_mut(w.as_str()) {
                            Some(k) => *k = key,
                            None => {
                                last_by_word.insert(w.clone(), key);
                            }
                        }
                    }
                }
            }
            last_end = r.span.end;
            resolved.push((r.span, self.canonical(key), form));
        }
        self.assemble(resolved)
    }

    #[inline(never)]
    fn assemble(&self, resolved: Vec<(Span, Key, MentionForm)>) -> ActorSet {
        // Keys in order of first mention, then the actors: both vectors are
        // made at their final size.
        let mut index: HashMap<Key, usize> =
            HashMap::with_capacity_and_hasher(resolved.len(), Default::default());
        let mut keys: Vec<Key> = Vec::new();
        let mentions = resolved
            .into_iter()
            .map(|(span, key, form)| {
                let next = keys.len();
                let actor = *index.entry(key).or_insert_with(|| {
                    keys.push(key);
                    next
                });
                Mention { span, actor, form }
            })
            .collect();
        let mut ids: HashMap<String, usize> = HashMap::default();
        let actors = keys
            .into_iter()
            .map(|key| self.actor(key, &mut ids))
            .collect();
        ActorSet { actors, mentions }
    }

    fn aff_ids(&self, aff: &Option<Aff>) -> (Option<ActorId>, Option<String>) {
        let aff = match aff {
            Some(Aff::Disc(d)) => self.discs[*d].gaz.map(Aff::Gaz).or(Some(Aff::Disc(*d))),
            other => other.clone(),
        };
        match &aff {
            None => (None, None),
            Some(Aff::Gaz(g)) => {
                let e = self.gaz.entry(*g);
                // An institution that speaks for a state affiliates its people with the state.
                match self.gaz.state_of(*g) {
                    Some(s) if s != *g => {
                        (Some(self.gaz.entry(s).id.clone()), Some(e.name.clone()))
                    }
                    _ => (Some(e.id.clone()), None),
                }
            }
            Some(Aff::Disc(d)) => (
                Some(disc_id(self.discs[*d].name)),
                Some(self.discs[*d].name.to_string()),
            ),
        }
    }

    fn actor(&self, key: Key, ids: &mut HashMap<String, usize>) -> Actor {
        match key {
            Key::Gaz(g) => {
                let e = self.gaz.entry(g);
                let role = self.gaz_role(g).map(String::from);
                Actor {
                    id: e.id.clone(),
                    name: e.name.clone(),
                    kind: e.kind,
                    role,
                    affiliation: e.affiliation.clone(),
                    affiliation_name: None,
                    origin: Origin::Gazetteer,
                    gender: self.gender_of(key),
                }
            }
            Key::Disc(d) => {
                let disc = &self.discs[d];
                let base = disc_id(disc.name).0;
                // The first actor with a slug takes it as is; later ones are numbered.
                let id = match ids.get_mut(base.as_str()) {
                    Some(n) => {
                        *n += 1;
                        format!("{base}_{n}")
                    }
                    None => {
                        ids.insert(base.clone(), 1);
                        base
                    }
                };
                let (affiliation, affiliation_name) = self.aff_ids(&disc.aff);
                Actor {
                    id: ActorId(id),
                    name: disc.name.to_string(),
                    kind: disc.kind,
                    role: disc.role.map(String::from),
                    affiliation,
                    affiliation_name,
                    origin: Origin::Discovered,
                    gender: self.gender_of(key),
                }
            }
        }
    }
}

/// Adds `i` to the bit set `bits` (which is long enough for it).
fn set_bit(bits: &mut [u64], i: usize) {
    if let Some(w) = bits.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

/// True when the bit set `bits` holds `i`.
fn has_bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 != 0)
}

/// The slot of `kind` in [`Ctx::by_name`].
fn kind_index(kind: ActorKind) -> usize {
    match kind {
        ActorKind::State => 0,
        ActorKind::Organization => 1,
        ActorKind::Person => 2,
        ActorKind::Group => 3,
    }
}

fn prev_honorific<'a>(cx: &Ctx<'a>, at: usize) -> Option<&'a str> {
    let i = cx.toks.partition_point(|t| t.span.start < at);
    cx.honorific_before(i)
}

/// The gender a courtesy title addresses ("Mr." a man, "Mrs."/"Ms." a
/// woman); `None` for titles that say nothing of it ("Dr.", "Prof.").
fn addressed(honorific: &str) -> Option<Gender> {
    match honorific.trim_end_matches('.') {
        "Mr" | "Sir" => Some(Gender::Male),
        "Mrs" | "Ms" | "Miss" | "Dame" => Some(Gender::Female),
        _ => None,
    }
}

/// True when `word` ends in a hyphen and an English word that makes it a
/// word about a name ("Warren-style", "Texas-based", "T-shirts"), not a
/// part of one ("Ban Ki-moon", "Moon Jae-in" keep theirs).
fn has_lower_suffix(word: &str) -> bool {
    // A byte scan: `rsplit_once` searched for a `char` and cost four
    // times as much on the capitalised words of a text, nearly all
    // without a hyphen.
    let bytes = word.as_bytes();
    bytes
        .iter()
        .rposition(|&b| b == b'-')
        .is_some_and(|p| word.get(p + 1..).is_some_and(is_name_suffix))
}

/// "R-Ky.", "D-N.Y.", "I-Vt.": a party letter, a hyphen and a state.
fn is_party_label(word: &str) -> bool {
    matches!(word.as_bytes(), [b'R' | b'D' | b'I', b'-', c, ..] if c.is_ascii_uppercase())
}

fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("'s")
        .or_else(|| s.strip_suffix("\u{2019}s"))
        .unwrap_or(s)
}

/// `NEW.<SLUG>`: the name in upper case, non-alphanumerics folded to `_`.
pub(crate) fn disc_id(name: &str) -> ActorId {
    const PREFIX: &str = "NEW.";
    let mut slug = String::with_capacity(PREFIX.len() + name.len());
    slug.push_str(PREFIX);
    // A run of other characters becomes one `_`, none at either end.
    let mut gap = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c.is_alphanumeric() {
            if gap && slug.len() > PREFIX.len() {
                slug.push('_');
            }
            gap = false;
            if c.is_ascii() {
                slug.push(c.to_ascii_uppercase());
            } else {
                slug.extend(c.to_uppercase());
            }
        } else {
            gap = true;
        }
    }
    ActorId(slug)
}
