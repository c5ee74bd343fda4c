//! Quotes: who said what — direct, indirect and partial quotations with their
//! cue, speaker mention and resolved speaker.
//!
//! The stage runs in four passes over the article's tokens, each linear in the
//! length of the text (every look-around is bounded by the sentence or a
//! fixed window of tokens):
//!
//! 1. **Marks** (`marks.rs`): double quotation marks are paired paragraph by
//!    paragraph into quoted segments; a paragraph left open continues into the
//!    next one when that opens with a mark.
//! 2. **Direct quotes**: a segment that stands as a sentence or clause of its
//!    own (at a sentence start, after a colon, or after a cue and a comma) is
//!    *direct*. Its speaker is looked for after the closing mark (`"…," Wang
//!    said.`, `"…," said Dr. Sarah Kim, a regional expert`), before the
//!    opening mark (`Kim told reporters: "…"`), in the previous attribution
//!    (`"…," she said. "…"`, a paragraph that opens with a quote after a
//!    quoted paragraph, `Kim said the talks failed. "…"`), in a short sentence
//!    about a named person just before (`Rossi was blunt. "…"`) or at the
//!    start of the next sentence (`"…." Nurse Elena Markou said this …`).
//!    Other segments are *partial*; but a partial segment closed by a comma
//!    and a bare attribution (`Gore "made a mistake," Lichtman said.`) makes
//!    its whole sentence a *mixed* quote, reported speech with the partial
//!    quote inside.
//! 3. **Indirect quotes**: outside direct quotes, a cue from the
//!    [`SpeechVerbs`] lexicon with a subject before it gives reported speech
//!    (`Wang stated that …`, `X told reporters that …`, `He added that …`,
//!    `…, saying that …`), as do `according to X, …`, `…, according to X.`
//!    and `…, X said.` / `…, said X.` / `X, he said, Y` without marks. The
//!    content runs from after the cue (and its "that") to the end of the
//!    clause: the sentence end, a semicolon, colon or spaced dash, or a comma
//!    that opens a new clause (`, but`, `, while`, `, Devine suggested`).
//!    A sentence-final attribution (`…, sources said.`, `…, according to
//!    X.`) is taken first and reports the sentence before it, inner cues
//!    included (`Protocol called for …, sources said.`), or only its last
//!    clause when an earlier clause has a cue of its own.
//!    Besides speech verbs the lexicon holds a few belief and evidence verbs
//!    (`believes`, `wants`, `polls show`), as PolNeAR and PARC count them as
//!    attributions.
//! 4. **Speakers**: the literal mention is resolved to an actor of the
//!    [`ActorSet`]: a person named in the phrase, else the actor named at its
//!    head, else the organisation or state a spokesperson-like head speaks for
//!    ("a State Department spokesperson"); an anonymous description ("an
//!    Israeli official") speaks for the state or organisation it names, or its
//!    affiliation; "Jordan's foreign minister" goes to the one person with that
//!    role and affiliation. A pronoun goes to the actors stage's own
//!    coreference, else to the most recent speaker when no other compatible
//!    actor is mentioned since outside quotations, else to the one compatible
//!    actor of its and the previous sentence. A speaker that cannot be
//!    resolved stays `None` rather than being guessed (no gender is known, so
//!    "he" after two people stays unresolved).
//!
//! **Files.** Pass 2 is `direct.rs`, with mixed and partial quotes in
//! `partial.rs`; pass 3 is `reported.rs` (subject and cue, "Asked …"), with
//! the sentence-final attribution and `according to X` in
//! `attribution.rs`; pass 4 is `speaker.rs`. The passes share the
//! noun-phrase scanners of `phrase.rs` (where a speaker phrase starts and
//! ends) and the closed word lists of `words.rs`; this file keeps the
//! driver, the token context `Cx` and the `Finder` state with the helpers
//! every pass uses.
//!
//! A plain-text article's headline is outside the body's tokens; its
//! attribution (`Kasich: "…"`, `Trump Says …`) comes from `headline.rs` and
//! is the first quote.
//!
//! **Spans.** Content excludes the quotation marks, a trailing comma and, for
//! reported speech, the complementizer "that". A partial quote's span also
//! drops a trailing period.
//!
//! **Overlap rule.** Quotes of the same kind never overlap. A partial quote
//! inside reported speech (`Morris says the campaign will "compete
//! vigorously"`) lies inside the indirect quote's span and takes its speaker
//! and cue; a partial quote outside reported speech takes the subject of its
//! sentence as speaker mention (`North Korea and China have agreed to resist
//! "all forms of hegemonism."`) and is resolved only when that subject is one
//! actor — a coordinated subject ("North Korea and China") keeps the mention
//! but no single speaker.

mod attribution;
mod direct;
mod headline;
mod lexicon;
mod marks;
mod partial;
mod phrase;
mod reported;
mod speaker;
#[cfg(test)]
mod tests;
mod words;

use std::cell::Cell;
use std::ops::Range;

use stance_core::{Article, Span, Token, TokenKind, Tokens};

use crate::actors::ActorSet;
use crate::fast::{gallop, span_starts_upper};

pub use lexicon::{CueClass, SpeechVerbs};
use words::{TITLES, UNKNOWN_CLASSES, WordList, word_classes};

/// How a quotation is rendered in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words in quotation marks standing as the speaker's own sentence or clause.
    Direct,
    /// Reported speech without quotation marks (`X said that …`, `according to X`).
    Indirect,
    /// A few quoted words inside the reporter's sentence (`resist "all forms of hegemonism"`).
    Partial,
}

impl QuoteKind {
    /// The lower-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Partial => "partial",
        }
    }
}

/// One quotation: what was said, by whom, and how the text says so.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Quote {
    /// 0-based position among the article's quotes, in text order.
    pub id: usize,
    /// Direct, indirect or partial.
    pub kind: QuoteKind,
    /// Bytes of the content, without quotation marks, outer whitespace or a trailing comma.
    /// A multi-paragraph quote's span runs from its first to its last content byte.
    pub span: Span,
    /// The speech verb or `according to`, when the text has one for this quote.
    pub cue: Option<Span>,
    /// The literal source mention ("Wang", "he", "a State Department spokesperson").
    pub speaker_mention: Option<Span>,
    /// Index of the speaking actor in [`ActorSet::actors`]; `None` when unresolved.
    pub speaker: Option<usize>,
    /// A group speaker's members ("North Korea and China"), indices in
    /// [`ActorSet::actors`] in text order, when the mention coordinates two
    /// or more actors and so names no single `speaker`; empty otherwise.
    pub group: Vec<usize>,
    /// The class of the cue from the speech-verb lexicon.
    pub cue_class: Option<CueClass>,
    /// The rule that found the quote and its speaker (e.g. `direct-speaker-last`).
    pub rule: &'static str,
    /// How sure the rule is, in `0.0..=1.0`.
    pub confidence: f32,
}

impl Quote {
    /// The actors the quote speaks for: its speaker, else a group speaker's
    /// members; empty when unresolved.
    pub fn voices(&self) -> &[usize] {
        match &self.speaker {
            Some(s) => std::slice::from_ref(s),
            None => &self.group,
        }
    }
}

/// Finds every quotation of `article`, resolving speakers against `actors`.
///
/// Returns quotes sorted by span start, with `id` their index.
pub fn find(article: &Article, actors: &ActorSet, lexicon: &SpeechVerbs) -> Vec<Quote> {
    let mut cx = Cx::new(article, lexicon);
    let segments = marks::segments(
        cx.text,
        cx.toks,
        article.paragraphs(),
        &cx.para_tokens,
        &cx.mark_tokens,
    );
    let (mut cands, quoted) = {
        let mut found = Finder::new(&cx, &segments);
        found.direct();
        found.indirect();
        found.asked();
        found.after_reported();
        found.partial();
        // The direct segments' tokens are flagged; add every quote's content.
        let mut quoted = std::mem::take(&mut found.flags);
        for c in &found.cands {
            for f in &mut quoted[c.tokens.clone()] {
                *f |= QUOTED;
            }
        }
        (found.cands, quoted)
    };
    cx.quoted = quoted;
    let groups = speaker::resolve(&cx, actors, &mut cands);
    let body = finish(&cx, cands, groups);
    // The headline comes before the body in the text, so its quote is first.
    match headline::find(article, actors, lexicon) {
        Some(first) => std::iter::once(first)
            .chain(body)
            .enumerate()
            .map(|(id, q)| Quote { id, ..q })
            .collect(),
        None => body,
    }
}

/// Tokens of the article with the facts every rule looks up.
struct Cx<'a> {
    text: &'a str,
    toks: &'a [Token],
    tokens: &'a Tokens,
    /// Paragraph of each token.
    para: Vec<u32>,
    /// Token range of each paragraph.
    para_tokens: Vec<Range<usize>>,
    /// Token range of each sentence.
    sentences: Vec<Range<usize>>,
    /// Per paragraph, the first sentence that does not end at or before its
    /// first token: where [`Cx::sent_at`] starts its search.
    para_sent: Vec<u32>,
    /// Per token, [`DIRECT`] or [`QUOTED`] when it is inside a direct
    /// quotation or a quote's content (filled after the passes).
    quoted: Vec<u8>,
    /// [`Cx::cue_at`] of every token, computed once.
    cues: Vec<Option<(u8, CueClass)>>,
    /// [`word_classes`] of each token's normal form, [`UNKNOWN_CLASSES`]
    /// until first asked: the look-arounds ask several lists about the same
    /// few tokens ("a stop word or a pronoun?"), and one hash look-up per
    /// token answers them all.
    classes: Vec<Cell<u16>>,
    /// Tokens that may be quotation marks ([`marks::may_be_mark`]), in order.
    mark_tokens: Vec<usize>,
    /// Tokens where a cue starts ([`Cx::cue_at`] is `Some`), in order.
    cue_tokens: Vec<usize>,
}

impl<'a> Cx<'a> {
    fn new(article: &'a Article, lexicon: &'a SpeechVerbs) -> Cx<'a> {
        let tokens = article.tokens();
        let toks = tokens.as_slice();
        // Written once per token, in order, rather than zeroed first.
        let mut para: Vec<u32> = Vec::with_capacity(toks.len());
        let mut para_tokens = Vec::with_capacity(article.paragraphs().len());
        let mut t = 0;
        for (p, span) in article.paragraphs().iter().enumerate() {
            // Tokens are in text order: a search from the paragraph's start
            // finds its end (see `gallop` for why not a binary search).
            let start = t;
            t += gallop(&toks[start..], |tok| tok.span.start < span.end);
            para.extend(std::iter::repeat_n(p as u32, t - start));
            para_tokens.push(start..t);
        }
        // Tokens after the last paragraph, if any, count as the first's.
        para.resize(toks.len(), 0);
        let sentences: Vec<Range<usize>> = article
            .sentences()
            .iter()
            .map(|s| s.tokens.clone())
            .collect();
        // The sentences of an article follow one another (`Article::sentences`
        // is in order), so the sentence of a token is found by a search when
        // a rule asks (a few times per cue) rather than written for every
        // token.
        debug_assert!(sentences.windows(2).all(|w| w[0].end <= w[1].start));
        let mut para_sent = Vec::with_capacity(para_tokens.len());
        let mut k = 0;
        for r in &para_tokens {
            while sentences.get(k).is_some_and(|s| s.end <= r.start) {
                k += 1;
            }
            para_sent.push(k as u32);
        }
        let text = article.text();
        // One pass over the tokens for the per-token facts: whether a cue
        // may start at a word (the lexicon's filter turns most words away;
        // the rest are matched below), and which other tokens may be
        // quotation marks.
        // Sized for what a news text needs (on a 1.4 MB sample, 6% of the
        // tokens may be cues and 3.4% marks), so that they rarely grow.
        let mut may_cue: Vec<usize> = Vec::with_capacity(toks.len() / 12);
        let mut mark_tokens: Vec<usize> = Vec::with_capacity(toks.len() / 24);
        let bytes = text.as_bytes();
        for (i, t) in toks.iter().enumerate() {
            if t.kind != TokenKind::Word {
                if marks::may_be_mark(text, t) {
                    mark_tokens.push(i);
                }
                continue;
            }
            // The word's end bytes in the text first: most words stop there.
            let ends = match (
                bytes.get(t.span.start),
                bytes.get(t.span.end.wrapping_sub(1)),
            ) {
                (Some(&first), Some(&last)) => lexicon.may_start_ends(first, last),
                _ => true,
            };
            if ends && lexicon.may_start(tokens.norm(t)) {
                may_cue.push(i);
            }
        }
        let mut cx = Cx {
            quoted: Vec::new(),
            text,
            toks,
            tokens,
            para,
            para_tokens,
            sentences,
            para_sent,
            cues: vec![None; toks.len()],
            classes: vec![Cell::new(UNKNOWN_CLASSES); toks.len()],
            mark_tokens,
            cue_tokens: Vec::with_capacity(may_cue.len()),
        };
        for i in may_cue {
            cx.cues[i] = cx.find_cue(lexicon, i);
            if cx.cues[i].is_some() {
                cx.cue_tokens.push(i);
            }
        }
        cx
    }

    /// The normal form of token `i`, read from the tokens when asked: the
    /// look-arounds ask about few tokens, so no copy is made for every token.
    #[inline]
    fn norm(&self, i: usize) -> &'a str {
        self.tokens.norm(&self.toks[i])
    }

    /// [`Cx::norm`], or `""` past the last token (no normal form is empty).
    #[inline]
    fn norm_get(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| self.tokens.norm(t))
    }

    /// Is token `i`'s normal form `w` (a non-empty normal form)? Most
    /// tokens asked are turned away by their first byte in the text,
    /// without fetching the normal form: a word's normal form starts with
    /// its first character in lower case, which for an ASCII character is
    /// that byte in lower case (see `Tokens::norm`). The rule words the
    /// look-arounds test this way ("and", "that", "of") are asked about
    /// most tokens of a clause.
    #[inline]
    fn norm_is(&self, i: usize, w: &str) -> bool {
        let t = &self.toks[i];
        if t.kind == TokenKind::Word {
            if let Some(&first) = self.text.as_bytes().get(t.span.start) {
                if first.is_ascii() && w.as_bytes().first() != Some(&first.to_ascii_lowercase()) {
                    return false;
                }
            }
        }
        self.norm(i) == w
    }

    fn s(&self, i: usize) -> &'a str {
        self.toks[i].span.slice(self.text)
    }

    /// The word lists holding token `i`'s normal form, as [`word_classes`].
    #[inline]
    fn classes(&self, i: usize) -> u16 {
        let cell = &self.classes[i];
        let known = cell.get();
        if known != UNKNOWN_CLASSES {
            return known;
        }
        let found = word_classes(self.norm(i));
        cell.set(found);
        found
    }

    /// Is token `i`'s normal form in `list`?
    #[inline]
    fn is(&self, list: WordList, i: usize) -> bool {
        self.classes(i) & list.bit != 0
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }

    /// Is token `i` a capitalised word? Asked of the few tokens the
    /// look-arounds visit, so it is answered from the text each time rather
    /// than computed for every token up front.
    #[inline]
    fn is_cap(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Word && span_starts_upper(self.text, t.span))
    }

    /// Is token `i` the punctuation `p`? Compares bytes, with the length
    /// first: this runs at every token of every look-around, and slicing the
    /// text as a `str` checks char boundaries each time.
    #[inline]
    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.kind == TokenKind::Punct
                && t.span.end - t.span.start == p.len()
                && self.text.as_bytes().get(t.span.start..t.span.end) == Some(p.as_bytes())
        })
    }

    /// A sentence-ending mark; the dot of "Sen." or "J." before a name is not one.
    /// Tests the kind once and the bytes in one match, where four
    /// [`Cx::is_punct`] calls would each look the token up again.
    fn is_terminal(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i).filter(|t| t.kind == TokenKind::Punct) else {
            return false;
        };
        match self.text.as_bytes().get(t.span.start..t.span.end) {
            Some(b"!" | b"?" | b"\xE2\x80\xA6") => true,
            Some(b".") => !self.title_dot(i),
            _ => false,
        }
    }

    /// Is the `.` at `j` part of a name ("Dr." or an initial "J.") followed by more of it?
    fn title_dot(&self, j: usize) -> bool {
        j > 0
            && self.is_cap(j + 1)
            && self.toks[j - 1].span.end == self.toks[j].span.start
            && (self.is(TITLES, j - 1)
                || (self.s(j - 1).chars().count() == 1 && self.is_cap(j - 1)))
    }

    fn same_para(&self, a: usize, b: usize) -> bool {
        self.para[a] == self.para[b]
    }

    /// The index of the sentence holding token `i`, `u32::MAX` for a token
    /// outside every sentence, `None` past the last token.
    fn sent_at(&self, i: usize) -> Option<u32> {
        if i >= self.toks.len() {
            return None;
        }
        // Every sentence before the paragraph's first ends at or before its
        // first token, so at or before `i`; a search from there takes a few
        // steps where one over the article's sentences took a dozen.
        let lo = self
            .para
            .get(i)
            .and_then(|&p| self.para_sent.get(p as usize))
            .map_or(0, |&k| k as usize)
            .min(self.sentences.len());
        let k = lo + gallop(&self.sentences[lo..], |r| r.end <= i);
        Some(match self.sentences.get(k) {
            Some(r) if r.start <= i => k as u32,
            _ => u32::MAX,
        })
    }

    /// The sentence token range holding token `i`.
    fn sentence_of(&self, i: usize) -> Range<usize> {
        match self.sent_at(i) {
            Some(s) if s != u32::MAX => self.sentences[s as usize].clone(),
            _ => {
                let p = self.para.get(i).copied().unwrap_or(0) as usize;
                self.para_tokens.get(p).cloned().unwrap_or(i..i + 1)
            }
        }
    }

    fn span_of(&self, r: &Range<usize>) -> Span {
        Span::new(self.toks[r.start].span.start, self.toks[r.end - 1].span.end)
    }

    /// A speech cue starting at token `i`: its token count and class. Verbs
    /// must be written in lower case ("States" in "United States" is a name).
    fn cue_at(&self, i: usize) -> Option<(usize, CueClass)> {
        self.cues
            .get(i)
            .copied()
            .flatten()
            .map(|(n, c)| (usize::from(n), c))
    }

    /// Computes [`Cx::cue_at`] for token `i`.
    fn find_cue(&self, lexicon: &SpeechVerbs, i: usize) -> Option<(u8, CueClass)> {
        if !self.is_word(i) {
            return None;
        }
        // Up to three words, fewer at the end of the article.
        let words = (i + 3).min(self.toks.len()) - i;
        let (n, class) = lexicon.match_lazy(self.norm(i), words, |k| self.norm_get(i + k))?;
        if n == 1 && self.is_cap(i) {
            return None;
        }
        // "think tank", "show trial": a noun compound, not a verb.
        let compound = matches!(
            self.norm_get(i + 1),
            "tank" | "tanks" | "trial" | "trials" | "host" | "runner"
        );
        if n == 1 && compound {
            return None;
        }
        if n > 1 && !self.same_para(i, i + n - 1) {
            return None;
        }
        // "has so far avoided criticising Beijing", "refrained from
        // commenting", "stopped short of calling it": speech that did not
        // happen reports nothing.
        let before = |k: usize| if i >= k { self.norm(i - k) } else { "" };
        let avoided = matches!(before(1), "avoided" | "avoid" | "avoids" | "avoiding")
            || (before(1) == "from" && before(2).starts_with("refrain"))
            || (before(1) == "of" && before(2) == "short" && before(3).starts_with("stop"));
        if avoided {
            return None;
        }
        Some((n as u8, class))
    }
}

/// A quote before its speaker is resolved.
#[derive(Clone, Debug)]
struct Cand {
    kind: QuoteKind,
    span: Span,
    /// Content tokens.
    tokens: Range<usize>,
    cue: Option<Span>,
    cue_class: Option<CueClass>,
    /// Token range of the speaker mention.
    mention: Option<Range<usize>>,
    /// Inherit the resolved speaker of this earlier candidate.
    inherit: Option<usize>,
    rule: &'static str,
    confidence: f32,
    speaker: Option<usize>,
}

struct Finder<'c, 'a> {
    cx: &'c Cx<'a>,
    segs: &'c [marks::Segment],
    /// Per token, the [`DIRECT`], [`CUE_USED`], [`OPEN`] and [`CLOSE`]
    /// flags: one byte per token to set up, where a table each took four.
    flags: Vec<u8>,
    /// Whether each segment is direct.
    direct: Vec<bool>,
    /// `(sentence of the cue, candidate)` for direct quotes, sorted.
    direct_by_sent: Vec<(u32, usize)>,
    cands: Vec<Cand>,
}

/// [`Finder::flags`]: the token is covered by a direct segment (marks
/// included; no rule asks which segment).
const DIRECT: u8 = 1;
/// The token is already used as the cue of some quote.
const CUE_USED: u8 = 2;
/// The token opens a quoted segment.
const OPEN: u8 = 4;
/// The token ends a segment's closing mark.
const CLOSE: u8 = 8;
/// [`Cx::quoted`]: the token is in the content of some quote.
const QUOTED: u8 = 16;

impl<'c, 'a> Finder<'c, 'a> {
    fn new(cx: &'c Cx<'a>, segs: &'c [marks::Segment]) -> Finder<'c, 'a> {
        let mut flags = vec![0u8; cx.toks.len()];
        for s in segs {
            flags[s.open.start] |= OPEN;
            if let Some(c) = &s.close {
                flags[c.end - 1] |= CLOSE;
            }
        }
        Finder {
            direct_by_sent: Vec::new(),
            flags,
            cx,
            segs,
            direct: vec![false; segs.len()],
            // One candidate per segment and about one per cue: sized for
            // them, the vector of ~150-byte candidates is not copied as it
            // grows (thousands of them in a long article).
            cands: Vec::with_capacity(segs.len() + cx.cue_tokens.len()),
        }
    }

    fn free(&self, i: usize) -> bool {
        self.flags.get(i).is_some_and(|&f| f & DIRECT == 0)
    }

    /// Content tokens `from..to`, trimmed of edge punctuation; `None` if it
    /// holds a direct quote or fewer than two words.
    fn content(&self, from: usize, to: usize) -> Option<Range<usize>> {
        let cx = self.cx;
        let (mut a, mut b) = (from, to);
        while a < b && cx.toks[a].kind == TokenKind::Punct && !self.is_open_mark(a) {
            a += 1;
        }
        while b > a && cx.toks[b - 1].kind == TokenKind::Punct && !self.is_close_mark(b - 1) {
            b -= 1;
        }
        if (a..b).any(|j| !self.free(j)) {
            return None;
        }
        let words = (a..b).filter(|&j| cx.is_word(j)).take(2).count();
        (words >= 2).then_some(a..b)
    }

    fn is_open_mark(&self, i: usize) -> bool {
        self.flags.get(i).is_some_and(|&f| f & OPEN != 0)
    }

    fn is_close_mark(&self, i: usize) -> bool {
        self.flags.get(i).is_some_and(|&f| f & CLOSE != 0)
    }

    fn cand(
        &self,
        kind: QuoteKind,
        tokens: Range<usize>,
        cue: Range<usize>,
        class: CueClass,
    ) -> Cand {
        let cx = self.cx;
        Cand {
            kind,
            span: cx.span_of(&tokens),
            tokens,
            cue: Some(cx.span_of(&cue)),
            cue_class: Some(class),
            mention: None,
            inherit: None,
            rule: "",
            confidence: 0.0,
            speaker: None,
        }
    }
}

/// Drops a trailing comma (and the whitespace before it) from a content span.
fn strip_comma(text: &str, span: Span) -> Span {
    strip_end(text, span, &[',', ' '])
}

/// Drops trailing `chars` from a content span, unless nothing would be left.
fn strip_end(text: &str, span: Span, chars: &[char]) -> Span {
    let s = span.slice(text);
    let t = s.trim_end_matches(chars);
    if t.is_empty() {
        span
    } else {
        Span::new(span.start, span.start + t.len())
    }
}

/// Sorts, drops same-kind overlaps, and numbers the quotes.
fn finish(cx: &Cx<'_>, cands: Vec<Cand>, mut groups: Vec<Vec<usize>>) -> Vec<Quote> {
    // By span, ties in candidate order: sorting small keys with the index
    // as the last one moves 24 bytes per step where sorting the candidates
    // moved a whole `Cand` (~150 bytes). Stable, for the runs the
    // candidates come in (see `resolve`).
    let mut by_span: Vec<(usize, usize, usize)> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| (c.span.start, c.span.end, i))
        .collect();
    by_span.sort();
    let mut out: Vec<Quote> = Vec::with_capacity(cands.len());
    // Invariant: quotes of one kind never overlap, and quotes of different
    // kinds never cross; the only nesting allowed is a partial quote wholly
    // inside the reported speech around it. Because same-kind quotes are
    // disjoint and sorted, only the last accepted quote of each kind can
    // overlap the next candidate, so the check is constant time.
    let mut last: [Option<(Span, QuoteKind)>; 3] = [None; 3];
    for (c, i) in by_span.into_iter().map(|(_, _, i)| (&cands[i], i)) {
        let k = c.kind as usize;
        let clashes = last.iter().flatten().any(|&(span, kind)| {
            if !span.overlaps(c.span) {
                return false;
            }
            let nested = (kind == QuoteKind::Partial
                && c.kind == QuoteKind::Indirect
                && c.span.contains(span))
                || (c.kind == QuoteKind::Partial
                    && kind == QuoteKind::Indirect
                    && span.contains(c.span));
            !nested
        });
        if c.span.is_empty() || clashes {
            continue;
        }
        last[k] = Some((c.span, c.kind));
        out.push(Quote {
            id: out.len(),
            kind: c.kind,
            span: c.span,
            cue: c.cue,
            speaker_mention: c.mention.as_ref().map(|m| cx.span_of(m)),
            speaker: c.speaker,
            group: std::mem::take(&mut groups[i]),
            cue_class: c.cue_class,
            rule: c.rule,
            confidence: c.confidence,
        });
    }
    out
}
