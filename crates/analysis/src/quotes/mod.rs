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
mod phrase;
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
use words::{
    ADJUNCT, BE, BETWEEN, CLAUSE_BREAK, DETERMINERS, PRONOUNS, TELL, TITLES, TO_OK,
    UNKNOWN_CLASSES, WordList, looks_verbal, word_classes,
};

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
    /// The class of the cue from the speech-verb lexicon.
    pub cue_class: Option<CueClass>,
    /// The rule that found the quote and its speaker (e.g. `direct-speaker-last`).
    pub rule: &'static str,
    /// How sure the rule is, in `0.0..=1.0`.
    pub confidence: f32,
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
    speaker::resolve(&cx, actors, &mut cands);
    let body = finish(&cx, cands);
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

    /// A mixed quote: the reporter's words running into a few quoted ones,
    /// then the attribution (`Gore "made a strategic mistake," Lichtman
    /// said.`). The attribution after the closing mark covers the whole
    /// sentence, as it does for a direct quote, so the content runs from the
    /// sentence start to the closing mark; it is reported speech with a
    /// partial quote inside (found later, in [`Finder::partial`]). Only a
    /// segment closed by a comma (or `?`/`!`) counts: `"…."` ends the
    /// sentence, and what follows starts a new one. The stretch is then
    /// flagged as [`DIRECT`] so that no other rule takes its words or cue.
    fn mixed(&mut self, si: usize) -> Option<(Cand, usize)> {
        let cx = self.cx;
        let seg = &self.segs[si];
        let close = seg.close.clone()?;
        let content = seg.content.slice(cx.text);
        let comma = content.ends_with([',', '?', '!']) || cx.is_punct(close.end, ",");
        if !comma || seg.multi_paragraph {
            return None;
        }
        let o = seg.open.start;
        let para_start = cx.para_tokens[cx.para[o] as usize].start;
        let start = cx.sentence_of(o).start.max(para_start);
        if start >= o || (start..o).any(|j| !self.free(j)) {
            return None;
        }
        // Inside parentheses the words are an aside, not the sentence.
        if (start..o).any(|j| cx.is_punct(j, "(")) {
            return None;
        }
        let (cue, class, mention, _, end) = self.speaker_after(seg)?;
        // A bare attribution, `Lichtman said.` or `said Kim on Tuesday.`: a
        // participle (`, claiming he …`) or a verb with its own object
        // (`Issa said Clinton's "judgment" …`, `posted the clip to …`) makes
        // the quoted words a part of another statement.
        let bare = end >= cx.toks.len()
            || !cx.same_para(end, o)
            || cx.is_terminal(end)
            || cx.is_punct(end, ",")
            || (cx.is_word(end)
                && ["on", "in", "at", "during", "after", "before", "last"].contains(&cx.norm(end)));
        if !bare || cx.norm(cue.start).ends_with("ing") {
            return None;
        }
        let mut cand = Cand {
            kind: QuoteKind::Indirect,
            span: strip_comma(
                cx.text,
                Span::new(cx.toks[start].span.start, seg.content.end),
            ),
            tokens: start..seg.tokens.end,
            cue: None,
            cue_class: None,
            mention: Some(mention),
            inherit: None,
            rule: "mixed-speaker-after",
            confidence: 0.8,
            speaker: None,
        };
        self.set_cue(&mut cand, cue, class);
        for f in &mut self.flags[start..close.end] {
            *f |= DIRECT;
        }
        Some((cand, end))
    }

    /// Pass 3: reported speech outside quotation marks.
    fn indirect(&mut self) {
        let cx = self.cx;
        for (ci, c) in self.cands.iter().enumerate() {
            if let Some(cue) = c.cue {
                let t = cx.toks.partition_point(|t| t.span.start < cue.start);
                if let Some(sn) = cx.sent_at(t) {
                    self.direct_by_sent.push((sn, ci));
                }
            }
        }
        self.direct_by_sent.sort_unstable();
        // Only cue tokens can start reported speech: jump from one to the
        // next. Sentences and cue tokens are both in text order, so one
        // cursor serves all sentences (most have no cue) rather than a
        // binary search for each; it goes back only when a cue of several
        // words ran past the previous sentence's end.
        let mut next = 0;
        for s in 0..cx.sentences.len() {
            let sent = cx.sentences[s].clone();
            if next > 0 && cx.cue_tokens[next - 1] >= sent.start {
                next = cx.cue_tokens.partition_point(|&k| k < sent.start);
            }
            while cx.cue_tokens.get(next).is_some_and(|&k| k < sent.start) {
                next += 1;
            }
            if cx.cue_tokens.get(next).is_none_or(|&k| k >= sent.end) {
                continue;
            }
            // `…, sources said.` covers the whole sentence before it, inner
            // cues included: when the sentence's last cue is such a final
            // attribution, it is taken first.
            // Cues before its content's clause are looked at as in a
            // sentence ending there.
            let mut sent = sent;
            let last = next + cx.cue_tokens[next..].partition_point(|&k| k < sent.end) - 1;
            if last > next {
                if let Some(cand) = self.final_attribution(cx.cue_tokens[last], &sent) {
                    let cue = cx.cue_tokens[last];
                    let n = cx.cue_at(cue).map_or(1, |(n, _)| n);
                    for f in &mut self.flags[cue..cue + n] {
                        *f |= CUE_USED;
                    }
                    sent.end = cand.tokens.start;
                    self.cands.push(cand);
                }
            }
            let mut covered = sent.start; // no new content may start before this token
            let mut i = sent.start;
            loop {
                while cx.cue_tokens.get(next).is_some_and(|&k| k < i) {
                    next += 1;
                }
                match cx.cue_tokens.get(next) {
                    Some(&k) if k < sent.end => i = k,
                    _ => break,
                }
                if !self.free(i) || self.flags[i] & CUE_USED != 0 {
                    i += 1;
                    continue;
                }
                let Some((n, class)) = cx.cue_at(i) else {
                    i += 1;
                    continue;
                };
                let got = if cx.norm(i) == "according" {
                    self.according_to(i, n, class, &sent, covered)
                } else {
                    self.reported(i, n, class, &sent, covered)
                        .or_else(|| self.participle(i, n, class, &sent).map(|c| (c, None)))
                };
                match got {
                    Some((cand, tail)) => {
                        for f in &mut self.flags[i..i + n] {
                            *f |= CUE_USED;
                        }
                        covered = cand.tokens.end.max(i + n);
                        self.cands.push(cand);
                        if let Some(t) = tail {
                            covered = covered.max(t.tokens.end);
                            self.cands.push(t);
                        }
                        i = covered;
                    }
                    None => i += n,
                }
            }
        }
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

    /// `X said (that) …`, `X told reporters (that) …`, `…, X said.`, `…, said X.`
    fn reported(
        &self,
        v: usize,
        n: usize,
        class: CueClass,
        sent: &Range<usize>,
        covered: usize,
    ) -> Option<(Cand, Option<Cand>)> {
        let cx = self.cx;
        let after = v + n;
        let at_end = after >= sent.end || cx.is_terminal(after);
        if let Some(np) = self.subject_before(v) {
            // `…, X said.`
            let comma_after =
                cx.is_punct(after, ",") && !cx.is_punct(np.start.saturating_sub(1), ",");
            if at_end
                || (comma_after && cx.is_word(after + 1) && cx.norm(after + 1).ends_with("ing"))
                || (cx.is_word(after)
                    && ["on", "in", "at", "during", "last"].contains(&cx.norm(after))
                    && self.np_ends_sentence(after, sent))
            {
                let comma = np
                    .start
                    .checked_sub(1)
                    .filter(|&c| c > sent.start && cx.is_punct(c, ","))?;
                let content = self.content(covered.max(sent.start), comma)?;
                let mut c = self.cand(QuoteKind::Indirect, content, v..after, class);
                c.mention = Some(np);
                c.rule = "indirect-speaker-last";
                c.confidence = 0.7;
                return Some((c, None));
            }
            // `X, he said, Y`: both sides are the content.
            if cx.is_punct(after, ",")
                && np.start > sent.start + 1
                && cx.is_punct(np.start - 1, ",")
                && np.start > covered
            {
                if let Some(before) = self.content(covered.max(sent.start), np.start - 1) {
                    let mut c = self.cand(QuoteKind::Indirect, before, v..after, class);
                    c.mention = Some(np.clone());
                    c.rule = "indirect-parenthetical";
                    c.confidence = 0.7;
                    let rest = self.clause_end(after + 1, sent);
                    if let Some(tail) = self.content(after + 1, rest) {
                        let mut t = self.cand(QuoteKind::Indirect, tail, v..after, class);
                        t.mention = Some(np);
                        t.rule = "indirect-parenthetical";
                        t.confidence = 0.7;
                        return Some((c, Some(t)));
                    }
                    return Some((c, None));
                }
            }
            // Speaker first: over an object and up to "that".
            let mut start = after;
            let mut rule = "indirect-bare";
            if let Some(t) = self.that_after(after, sent) {
                start = t + 1;
                rule = "indirect-that";
            } else if cx.is(TELL, v) {
                if let Some(obj) = self.np_after(after, sent.end) {
                    start = obj.end;
                }
            }
            while start < sent.end && (cx.is_punct(start, ",") || cx.is_punct(start, ":")) {
                start += 1;
            }
            if start >= sent.end || self.is_open_mark(start) && self.direct_at(start) {
                return None;
            }
            // Quote marks that no direct rule claimed are not reported speech
            // either: an indirect quote around them would overlap the partial
            // quote found inside it.
            if rule == "indirect-bare" && self.is_open_mark(start) {
                return None;
            }
            if rule == "indirect-bare" {
                let first = cx.norm(start);
                let called_for =
                    first == "for" && matches!(cx.norm(v), "called" | "calling" | "calls" | "call");
                // "declined to comment", "declined comment" are speech;
                // "sales declined 5 percent" is not.
                if cx.norm(v) == "declined" && !matches!(first, "to" | "comment") {
                    return None;
                }
                // "said it detected a quake": "it" and a verb open a clause,
                // where "called it a farce" has "it" as the object.
                let it_clause = first == "it" && self.verb_like(start + 1);
                if called_for || it_clause {
                    // "called for faster progress": the demand is the content.
                } else if (first == "to" && !cx.is(TO_OK, v))
                    || [
                        "by", "as", "and", "or", "but", "it", "in", "on", "at", "for", "with",
                        "from", "off", "up", "out", "back", "down", "over", "into",
                    ]
                    .contains(&first)
                    || cx.is_terminal(start)
                {
                    return None;
                }
            }
            let mut end = self.clause_end(start, sent);
            // `While both parties say the U.S. must lead, they differ …`:
            // an attribution inside a leading subordinate clause reports
            // that clause only, which ends at its comma.
            let sub = np.start.checked_sub(1).filter(|&w| {
                w == sent.start
                    && cx.is_word(w)
                    && matches!(
                        cx.norm(w),
                        "while"
                            | "although"
                            | "though"
                            | "if"
                            | "when"
                            | "because"
                            | "since"
                            | "unless"
                    )
            });
            if sub.is_some() {
                if let Some(comma) = (start..end).find(|&j| cx.is_punct(j, ",")) {
                    end = comma;
                }
            }
            let content = self.content(start, end)?;
            let mut c = self.cand(QuoteKind::Indirect, content, v..after, class);
            c.mention = Some(np);
            c.rule = rule;
            c.confidence = if rule == "indirect-that" { 0.85 } else { 0.65 };
            return Some((c, None));
        }
        // `…, said X.` without marks.
        if v > sent.start && cx.is_punct(v - 1, ",") {
            let np = self.np_after(after, sent.end)?;
            if np.end < sent.end && !cx.is_terminal(np.end) && !cx.is_punct(np.end, ",") {
                return None;
            }
            let content = self.content(covered.max(sent.start), v - 1)?;
            let mut c = self.cand(QuoteKind::Indirect, content, v..after, class);
            c.mention = Some(np);
            c.rule = "indirect-inverted";
            c.confidence = 0.7;
            return Some((c, None));
        }
        None
    }

    /// Does token `i` read as the finite verb of a clause: an auxiliary or
    /// modal ("is", "would"), a past tense ("detected") or a third-person
    /// present ("raises")? A plural noun also ends in "-s", but after a
    /// pronoun subject ("it raises") it is rarely one.
    fn verb_like(&self, i: usize) -> bool {
        let cx = self.cx;
        if !cx.is_word(i) || cx.is_cap(i) {
            return false;
        }
        let w = cx.norm(i);
        cx.is(BE, i)
            || cx.is(BETWEEN, i)
            || matches!(
                w,
                "can" | "should" | "must" | "won't" | "can't" | "isn't" | "wasn't"
            )
            || w.ends_with("ed")
            || (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss"))
    }

    /// The complementizer "that" within a few tokens after a cue (`told reporters on Tuesday that`).
    ///
    /// Verbs that take an object ("told a meeting of BRICS officials by video
    /// link that") may have any words before it; other verbs only an adjunct
    /// ("said in a statement on Tuesday that"), so that the relative "that" of
    /// `says the actions … the shootings that Obama mentioned` is not taken.
    fn that_after(&self, after: usize, sent: &Range<usize>) -> Option<usize> {
        let cx = self.cx;
        let object = after.checked_sub(1).is_some_and(|v| cx.is(TELL, v));
        // An adjunct opens with a preposition: "said in his nightly video address that".
        let adjunct = cx.is_word(after)
            && [
                "in", "on", "at", "during", "with", "to", "after", "before", "via", "through",
            ]
            .contains(&cx.norm(after));
        let reach = if object || adjunct { 14 } else { 3 };
        (after..(after + reach).min(sent.end))
            .take_while(|&j| {
                // Only a punctuation token can be a sentence end, `;` or `,`.
                let punct = cx.toks.get(j).is_some_and(|t| t.kind == TokenKind::Punct);
                self.free(j)
                    && !(punct && (cx.is_terminal(j) || cx.is_punct(j, ";") || cx.is_punct(j, ",")))
                    && (object
                        || adjunct
                        || cx.norm_is(j, "that")
                        || cx.is_cap(j)
                        || cx.is(ADJUNCT, j))
            })
            .find(|&j| cx.is_word(j) && cx.norm_is(j, "that"))
    }

    /// `…, saying that …` / `…, adding that …`: a participle after a comma
    /// reports more words of the speaker before it in the same sentence.
    fn participle(&self, v: usize, n: usize, class: CueClass, sent: &Range<usize>) -> Option<Cand> {
        let cx = self.cx;
        if v <= sent.start || !cx.is_punct(v - 1, ",") || !cx.norm(v).ends_with("ing") {
            return None;
        }
        let after = v + n;
        let mut start = self.that_after(after, sent).map_or(after, |t| t + 1);
        while start < sent.end && (cx.is_punct(start, ",") || cx.is_punct(start, ":")) {
            start += 1;
        }
        if start >= sent.end || self.is_open_mark(start) && self.direct_at(start) {
            return None;
        }
        let content = self.content(start, self.clause_end(start, sent))?;
        let mut c = self.cand(QuoteKind::Indirect, content, v..after, class);
        c.rule = "indirect-participle";
        c.confidence = 0.6;
        let sn = cx.sent_at(v).unwrap_or(u32::MAX);
        let prior = self
            .cands
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, p)| p.kind == QuoteKind::Indirect && p.tokens.end > sent.start)
            .chain(self.direct_in_sentence(sn))
            .find(|(_, p)| {
                p.mention.is_some()
                    && p.cue.is_some_and(|cue| {
                        cue.end <= cx.toks[v].span.start
                            && cue.start >= cx.toks[sent.start].span.start
                    })
            });
        if let Some((pi, p)) = prior {
            c.mention = p.mention.clone();
            c.inherit = Some(pi);
        } else {
            c.mention = Some(self.sentence_subject(v)?);
        }
        Some(c)
    }

    /// Direct candidates whose cue is in sentence `sn`, last first.
    fn direct_in_sentence(&self, sn: u32) -> impl Iterator<Item = (usize, &Cand)> + '_ {
        let k = self.direct_by_sent.partition_point(|&(s, _)| s <= sn);
        self.direct_by_sent[..k]
            .iter()
            .rev()
            .take_while(move |&&(s, _)| s == sn)
            .map(|&(_, ci)| (ci, &self.cands[ci]))
    }

    /// Does a short adjunct ("on Tuesday", "in a statement") run from `i` to the sentence end?
    fn np_ends_sentence(&self, i: usize, sent: &Range<usize>) -> bool {
        let cx = self.cx;
        let end = (i..sent.end)
            .find(|&j| cx.is_terminal(j) || cx.is_punct(j, ","))
            .unwrap_or(sent.end);
        end - i <= 5
    }

    fn direct_at(&self, i: usize) -> bool {
        self.flags.get(i).is_some_and(|&f| f & DIRECT != 0)
    }

    /// Where reported content starting at `start` ends: the sentence end, or a
    /// direct quote that follows after a colon.
    fn clause_end(&self, start: usize, sent: &Range<usize>) -> usize {
        let cx = self.cx;
        (start..sent.end)
            .find(|&j| {
                if !self.free(j) {
                    return true;
                }
                // One test of the kind picks the checks that can hold: most
                // tokens are words, and a word is never `;`, `:`, `,` or a
                // dash (it starts with a letter or a digit), while only a
                // word can be "and". `free` held, so `j` is a token.
                match cx.toks[j].kind {
                    TokenKind::Word => {
                        j > start
                            && cx.norm_is(j, "and")
                            && (cx.cue_at(j + 1).is_some()
                                || (cx.is_word(j + 1) && looks_verbal(cx.norm(j + 1))))
                    }
                    TokenKind::Number => false,
                    TokenKind::Symbol => j > start && self.is_dash(j),
                    TokenKind::Punct => {
                        cx.is_punct(j, ";")
                            || cx.is_punct(j, ":")
                            || (j > start && self.is_dash(j))
                            || (j > start
                                && cx.is_punct(j, ",")
                                && (self.new_attribution_at(j + 1)
                                    || (cx.is_word(j + 1)
                                        && (cx.is(CLAUSE_BREAK, j + 1)
                                            || cx.cue_at(j + 1).is_some()
                                            || (cx.norm_is(j + 1, "and")
                                                && cx.is_word(j + 2)
                                                && (cx.is(DETERMINERS, j + 2)
                                                    || cx.is(PRONOUNS, j + 2)
                                                    || cx.is_cap(j + 2)))))))
                    }
                }
            })
            .unwrap_or(sent.end)
    }

    /// A spaced dash (` - `, ` — `) between clauses.
    fn is_dash(&self, j: usize) -> bool {
        let cx = self.cx;
        let t = cx.toks[j];
        // Every dash starts with `-` or 0xE2: test that byte before slicing the text.
        matches!(cx.text.as_bytes().get(t.span.start), Some(b'-' | 0xE2))
            && matches!(cx.s(j), "-" | "\u{2014}" | "\u{2013}" | "--")
            && cx.text[..t.span.start].ends_with(' ')
            && cx.text[t.span.end..].starts_with(' ')
    }

    /// Does a new attribution (`Devine suggested`) start at token `i`: a subject then its cue?
    fn new_attribution_at(&self, i: usize) -> bool {
        let cx = self.cx;
        (i + 1..(i + 8).min(cx.toks.len()))
            .take_while(|&c| cx.is_word(c) || (cx.is_punct(c, ".") && self.title_dot(c)))
            .find(|&c| cx.cue_at(c).is_some())
            .is_some_and(|c| self.subject_before(c).is_some_and(|np| np.start == i))
    }

    /// `Asked whether the talks failed, Kim said …`, `When asked about the
    /// deal, …`: a sentence that opens with "asked" reports the question put
    /// to the speaker, from its wh-word (or "if", "about") to the comma that
    /// ends the participle clause. The question is the content; it has no
    /// speaker mention of its own (the one asking is not named). A
    /// capitalised "Asked" is no cue for [`Cx::cue_at`], so the sentence
    /// starts are looked at here, one byte test each.
    fn asked(&mut self) {
        let cx = self.cx;
        for s in 0..cx.sentences.len() {
            let sent = cx.sentences[s].clone();
            let mut a = sent.start;
            if a < sent.end && cx.is_word(a) && cx.norm_is(a, "when") {
                a += 1;
            }
            if a + 3 >= sent.end || !cx.is_word(a) || !cx.norm_is(a, "asked") || !self.free(a) {
                continue;
            }
            // Over an adjunct ("during a January debate") to the question.
            let from = (a + 1..sent.end.min(a + 10))
                .take_while(|&j| cx.is_word(j) || cx.toks[j].kind == TokenKind::Number)
                .find(|&j| {
                    matches!(
                        cx.norm(j),
                        "whether"
                            | "if"
                            | "why"
                            | "what"
                            | "how"
                            | "when"
                            | "where"
                            | "who"
                            | "about"
                    )
                });
            let Some(from) = from else { continue };
            let Some(comma) = (from + 1..sent.end).find(|&j| cx.is_punct(j, ",")) else {
                continue;
            };
            let Some(tokens) = self.content(from, comma) else {
                continue;
            };
            // Reported speech found earlier keeps its words.
            if self
                .cands
                .iter()
                .any(|c| c.tokens.start < tokens.end && tokens.start < c.tokens.end)
            {
                continue;
            }
            let mut c = self.cand(QuoteKind::Indirect, tokens, a..a + 1, CueClass::Neutral);
            c.rule = "asked-question";
            c.confidence = 0.6;
            self.flags[a] |= CUE_USED;
            self.cands.push(c);
        }
    }

    /// Pass 4: partial quotes, with the speaker of the reported speech around them
    /// or of their sentence's subject.
    fn partial(&mut self) {
        let cx = self.cx;
        let mut indirect: Vec<usize> = (0..self.cands.len())
            .filter(|&c| self.cands[c].kind == QuoteKind::Indirect)
            .collect();
        indirect.sort_by_key(|&c| self.cands[c].span.start);
        for (si, seg) in self.segs.iter().enumerate() {
            if self.direct[si] {
                continue;
            }
            let span = strip_end(cx.text, seg.content, &[',', '.', ' ']);
            let k = indirect.partition_point(|&c| self.cands[c].span.end <= span.start);
            let host = indirect
                .get(k)
                .copied()
                .filter(|&c| self.cands[c].span.contains(span));
            let mut cand = Cand {
                kind: QuoteKind::Partial,
                span,
                tokens: seg.tokens.clone(),
                cue: None,
                cue_class: None,
                mention: None,
                inherit: None,
                rule: "partial-no-speaker",
                confidence: 0.5,
                speaker: None,
            };
            if let Some(h) = host {
                let h = &self.cands[h];
                cand.cue = h.cue;
                cand.cue_class = h.cue_class;
                cand.mention = h.mention.clone();
                cand.inherit = host;
                cand.rule = "partial-in-reported";
                cand.confidence = 0.75;
            } else if let Some(np) = self.sentence_subject(seg.open.start) {
                cand.mention = Some(np);
                cand.rule = "partial-clause-subject";
                cand.confidence = 0.55;
            }
            self.cands.push(cand);
        }
    }

    /// The subject of the sentence holding token `i`, after a leading adverbial
    /// ("In a move seen as …, North Korea and China have agreed …").
    fn sentence_subject(&self, i: usize) -> Option<Range<usize>> {
        let cx = self.cx;
        let sent = cx.sentence_of(i);
        let mut s = sent.start;
        let opener = [
            "in",
            "as",
            "after",
            "while",
            "when",
            "despite",
            "with",
            "on",
            "at",
            "during",
            "since",
            "amid",
            "for",
            "by",
            "following",
        ];
        if cx.is_word(s) && opener.contains(&cx.norm(s)) {
            s = (s..i).find(|&j| cx.is_punct(j, ","))? + 1;
        }
        let np = self.np_after(s, i)?;
        // The phrase must be followed by its verb, not be the object of something else.
        (np.end < i && cx.is_word(np.end)).then_some(np)
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
fn finish(cx: &Cx<'_>, cands: Vec<Cand>) -> Vec<Quote> {
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
    for c in by_span.into_iter().map(|(_, _, i)| &cands[i]) {
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
            cue_class: c.cue_class,
            rule: c.rule,
            confidence: c.confidence,
        });
    }
    out
}
