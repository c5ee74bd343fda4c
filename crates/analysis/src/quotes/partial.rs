//! Partial quotes, a few quoted words inside the reporter's sentence, and
//! the mixed quote one makes: a partial segment closed by a comma and a
//! bare attribution (`Gore "made a mistake," Lichtman said.`) turns its
//! whole sentence into reported speech with the partial quote inside.
//!
//! Kept apart because a partial quote borrows its speaker rather than
//! having one: from the reported speech around it, from its sentence's
//! subject, or (for a mixed quote) from the attribution after it, and it
//! runs last, once the direct and reported quotes it may lie in are known.

use std::ops::Range;

use stance_core::Span;

use super::words::is_opener;
use super::{CUE_USED, Cand, DIRECT, Finder, QuoteKind, strip_comma, strip_end};

impl<'c, 'a> Finder<'c, 'a> {
    /// A mixed quote: the reporter's words running into a few quoted ones,
    /// then the attribution (`Gore "made a strategic mistake," Lichtman
    /// said.`). The attribution after the closing mark covers the whole
    /// sentence, as it does for a direct quote, so the content runs from the
    /// sentence start to the closing mark; it is reported speech with a
    /// partial quote inside (found later, in [`Finder::partial`]). Only a
    /// segment closed by a comma (or `?`/`!`) counts: `"…."` ends the
    /// sentence, and what follows starts a new one. The stretch is then
    /// flagged as [`DIRECT`] so that no other rule takes its words or cue.
    pub(super) fn mixed(&mut self, si: usize) -> Option<(Cand, usize)> {
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
        // `"…," Mayorkas told reporters.`: the object of "told" ends it too.
        let told = || self.object_ends_sentence(cue.start, cue.end, &cx.sentence_of(cue.start));
        if !(bare || told()) || cx.norm(cue.start).ends_with("ing") {
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

    /// Pass 4: partial quotes, with the speaker of the reported speech around them
    /// or of their sentence's subject.
    pub(super) fn partial(&mut self) {
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
            } else if let Some((cue, class, np)) = self.cue_before_mark(seg.open.start) {
                cand.cue = Some(cx.span_of(&cue));
                cand.cue_class = Some(class);
                cand.mention = Some(np);
                cand.rule = "partial-after-cue";
                cand.confidence = 0.7;
            } else if let Some(np) = self.sentence_subject(seg.open.start) {
                cand.mention = Some(np);
                cand.rule = "partial-clause-subject";
                cand.confidence = 0.55;
            }
            self.cands.push(cand);
        }
    }

    /// `Patrick says "it's a two-man race."`, `21 percent said "not too
    /// likely"`: a cue with its subject right before the opening mark `o`,
    /// with no comma or colon, makes the quoted words what the subject
    /// said. Returns the cue's tokens, its class and the subject. A cue
    /// glued to the word before it ("so-called") or already used is none.
    pub(super) fn cue_before_mark(
        &self,
        o: usize,
    ) -> Option<(Range<usize>, super::CueClass, Range<usize>)> {
        let cx = self.cx;
        let c =
            (o.saturating_sub(3)..o).find(|&c| cx.cue_at(c).is_some_and(|(n, _)| c + n == o))?;
        let (n, class) = cx.cue_at(c)?;
        let glued = c > 0 && cx.toks[c - 1].span.end == cx.toks[c].span.start;
        if glued || !self.free(c) || self.flags[c] & CUE_USED != 0 || !cx.same_para(c, o) {
            return None;
        }
        let np = self.subject_before(c)?;
        Some((c..c + n, class, np))
    }

    /// The subject of the sentence holding token `i`, after a leading adverbial
    /// ("In a move seen as …, North Korea and China have agreed …").
    pub(super) fn sentence_subject(&self, i: usize) -> Option<Range<usize>> {
        let cx = self.cx;
        let sent = cx.sentence_of(i);
        let mut s = sent.start;
        if cx.is_word(s) && is_opener(cx.norm(s)) {
            s = (s..i).find(|&j| cx.is_punct(j, ","))? + 1;
        }
        let np = self.np_after(s, i)?;
        // The phrase must be followed by its verb, not be the object of something else.
        (np.end < i && cx.is_word(np.end)).then_some(np)
    }
}
