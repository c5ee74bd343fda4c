//! Pass 2, direct quotes: which quoted segments stand as the speaker's own
//! sentence or clause, and where their speaker is: after the closing mark,
//! before the opening mark, in the previous attribution or a short sentence
//! just before, at the start of the next sentence, or in the reported
//! statement of the sentence before ([`Finder::after_reported`]).
//!
//! Kept apart from the unquoted rules because everything here starts from a
//! quoted segment of `marks.rs` and looks around its marks, while reported
//! speech starts from a cue.

use std::ops::Range;

use stance_core::TokenKind;

use super::words::{BE, BETWEEN, PRONOUNS};
use super::{CLOSE, CUE_USED, Cand, CueClass, DIRECT, Finder, QuoteKind, marks, strip_comma};

impl<'c, 'a> Finder<'c, 'a> {
    /// Pass 2: direct quotes and their speakers.
    pub(super) fn direct(&mut self) {
        let cx = self.cx;
        for (si, seg) in self.segs.iter().enumerate() {
            if self.is_direct(seg) {
                self.direct[si] = true;
                for f in &mut self.flags[seg.open.start..seg.end_token()] {
                    *f |= DIRECT;
                }
            }
        }
        // Most recent direct candidate, for "…," she said. "…" continuations.
        let mut last: Option<(usize, usize)> = None; // (cand index, end token of its attribution)
        for si in 0..self.segs.len() {
            if !self.direct[si] {
                if let Some((cand, end)) = self.mixed(si) {
                    last = Some((self.cands.len(), end));
                    self.cands.push(cand);
                }
                continue;
            }
            let seg = &self.segs[si];
            let mut cand = Cand {
                kind: QuoteKind::Direct,
                span: strip_comma(cx.text, seg.content),
                tokens: seg.tokens.clone(),
                cue: None,
                cue_class: None,
                mention: None,
                inherit: None,
                rule: "direct-no-speaker",
                confidence: 0.6,
                speaker: None,
            };
            let mut attrib_end = seg.end_token();
            if let Some((cue, class, mention, rule, end)) = self.speaker_after(seg) {
                self.set_cue(&mut cand, cue, class);
                cand.mention = Some(mention);
                cand.rule = rule;
                cand.confidence = 0.95;
                attrib_end = end;
            } else if let Some((cue, class, mention, rule)) = self.speaker_before(seg) {
                self.set_cue(&mut cand, cue, class);
                cand.mention = Some(mention);
                cand.rule = rule;
                cand.confidence = 0.95;
            } else if let Some(prev) = last.filter(|&(_, end)| self.continues(end, seg.open.start))
            {
                let p = &self.cands[prev.0];
                cand.cue = p.cue;
                cand.cue_class = p.cue_class;
                cand.mention = p.mention.clone();
                cand.inherit = Some(prev.0);
                cand.rule = "direct-speaker-prev";
                cand.confidence = 0.8;
            } else if let Some((cue, class, mention)) = self.speaker_next(seg) {
                self.set_cue(&mut cand, cue, class);
                cand.mention = Some(mention);
                cand.rule = "direct-speaker-next";
                cand.confidence = 0.75;
            }
            if cand.mention.is_some() {
                last = Some((self.cands.len(), attrib_end));
            }
            self.cands.push(cand);
        }
    }

    pub(super) fn set_cue(&mut self, cand: &mut Cand, cue: Range<usize>, class: CueClass) {
        for f in &mut self.flags[cue.clone()] {
            *f |= CUE_USED;
        }
        cand.cue = Some(self.cx.span_of(&cue));
        cand.cue_class = Some(class);
    }

    /// Is the segment a quotation in its own right rather than a few words inside the reporter's sentence?
    pub(super) fn is_direct(&self, seg: &marks::Segment) -> bool {
        let cx = self.cx;
        let o = seg.open.start;
        let words = cx.toks[seg.tokens.clone()]
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .count();
        if words == 0 {
            return false;
        }
        let content = seg.content.slice(cx.text);
        let ends_punct = content.ends_with([',', '.', '?', '!', '\u{2014}', '\u{2026}', ':', ';']);
        let starts_upper = content
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_uppercase);
        let starts_clause = o == 0
            || !cx.same_para(o - 1, o)
            || cx.is_terminal(o - 1)
            || cx.is_punct(o - 1, ":")
            || cx.is_punct(o - 1, "\u{2014}")
            || self.flags[o - 1] & CLOSE != 0
            || cx.cue_at(o - 1).is_some()
            || (cx.is_punct(o - 1, ",")
                && o >= 2
                && (cx.cue_at(o - 2).is_some() || self.cue_before_comma(o - 1)));
        // `called the deal "a historic step"`: quoted words as the verb's object.
        // But a whole sentence in marks after the sentence's own subject and
        // cue (`She says "we worked hard."`) is the speaker's own words.
        let bare_cue = o > 0
            && cx.same_para(o - 1, o)
            && cx.cue_at(o - 1).is_some()
            && !starts_upper
            && !(words >= 4
                && content.ends_with(['.', '?', '!'])
                && self
                    .subject_before(o - 1)
                    .is_some_and(|np| np.start == cx.sentence_of(o - 1).start));
        if starts_clause && !bare_cue {
            return words >= 3 || ends_punct || starts_upper;
        }
        starts_upper && words >= 6 && ends_punct
    }

    /// `X said, "…"` / `said Kim, "…"`: a cue within a few tokens before the comma at `comma`.
    pub(super) fn cue_before_comma(&self, comma: usize) -> bool {
        let cx = self.cx;
        let floor = cx.sentence_of(comma).start.max(comma.saturating_sub(6));
        (floor..comma).any(|j| cx.cue_at(j).is_some())
    }

    /// Is the stretch from token `from` to the opening mark at `to` nothing but
    /// the end of the previous attribution: the same sentence end, or the
    /// paragraph break before a quote that opens a paragraph?
    pub(super) fn continues(&self, from: usize, to: usize) -> bool {
        let cx = self.cx;
        if to < from || to - from > 40 {
            return false;
        }
        // The rest of the attribution's sentence only: no other quote, cue or sentence.
        let mut ended = false;
        // A relative clause about the speaker (`said Kim, who declined to
        // be named.`) is still the attribution, cue or not.
        let mut relative = false;
        for j in from..to {
            relative |= !ended
                && j > from
                && cx.is_punct(j - 1, ",")
                && cx.is_word(j)
                && matches!(cx.norm(j), "who" | "whose");
            if !self.free(j) || ((ended || !relative) && cx.cue_at(j).is_some()) {
                return false;
            }
            if cx.is_terminal(j) {
                ended = true;
            } else if ended && cx.is_word(j) {
                return false;
            }
        }
        // Either the same paragraph, or the next one opening with this quote.
        let p_to = cx.para[to] as usize;
        let p_from = cx.para[from.min(to).min(cx.toks.len() - 1)] as usize;
        p_to == p_from || (p_to == p_from + 1 && cx.para_tokens[p_to].start == to)
    }

    /// Speaker after the closing mark: `"…," Wang said.` / `"…," said Dr. Kim, …` /
    /// `"…," according to X.` Returns cue, class, mention, rule and the end of the attribution.
    #[allow(clippy::type_complexity)]
    pub(super) fn speaker_after(
        &self,
        seg: &marks::Segment,
    ) -> Option<(Range<usize>, CueClass, Range<usize>, &'static str, usize)> {
        let cx = self.cx;
        let close = seg.close.as_ref()?;
        let mut i = close.end;
        if i >= cx.toks.len() || !cx.same_para(i, close.start) {
            return None;
        }
        // `"… ." Nurse Elena Markou said this …` starts a new sentence: see `speaker_next`.
        if seg.content.slice(cx.text).ends_with('.') && cx.is_cap(i) && !cx.is(PRONOUNS, i) {
            return None;
        }
        if cx.is_punct(i, ",") || cx.is_punct(i, "\u{2014}") {
            i += 1;
        }
        let limit = self.window_end(i, 14);
        // Inverted: the cue comes first.
        let mut v = i;
        while v < limit && cx.is_word(v) && cx.is(BETWEEN, v) {
            v += 1;
        }
        if let Some((n, class)) = cx.cue_at(v).filter(|_| v < limit) {
            if let Some(np) = self.np_after(v + n, limit) {
                let rule = if cx.norm(v) == "according" {
                    "direct-according-to"
                } else {
                    "direct-speaker-inverted"
                };
                let end = np.end;
                return Some((v..v + n, class, np, rule, end));
            }
            return None;
        }
        // Speaker then cue.
        let np = self.np_after(i, limit)?;
        let mut v = np.end;
        if cx.is_punct(v, ",") {
            // Appositive: `"…," Hugh Hill, a doctor, said.`
            let close_comma = (v + 1..limit.min(v + 12)).find(|&j| cx.is_punct(j, ","))?;
            v = close_comma + 1;
        }
        while v < limit
            && cx.is_word(v)
            && (cx.is(BETWEEN, v) || (cx.is(BE, v) && cx.norm_get(v + 1) == "quoted"))
        {
            v += 1;
        }
        let (n, class) = cx.cue_at(v).filter(|_| v < limit)?;
        Some((v..v + n, class, np, "direct-speaker-last", v + n))
    }

    /// Speaker before the opening mark: `Kim said: "…"`, `Kim told reporters, "…"`.
    pub(super) fn speaker_before(
        &self,
        seg: &marks::Segment,
    ) -> Option<(Range<usize>, CueClass, Range<usize>, &'static str)> {
        let cx = self.cx;
        let o = seg.open.start;
        if o == 0 || !cx.same_para(o - 1, o) {
            return None;
        }
        let colon = cx.is_punct(o - 1, ":");
        let mut j = if colon || cx.is_punct(o - 1, ",") {
            o - 1
        } else {
            o
        };
        let floor = cx.sentence_of(o - 1).start.max(j.saturating_sub(10));
        // Find the nearest cue before the mark, over an object or adjunct ("told CNN on Sunday:").
        while j > floor {
            j -= 1;
            if !self.free(j) {
                return None;
            }
            if let Some((n, class)) = cx.cue_at(j) {
                if self.flags[j] & CUE_USED != 0 {
                    return None;
                }
                let rule = if colon {
                    "direct-colon"
                } else {
                    "direct-speaker-first"
                };
                if let Some(np) = self.subject_before(j) {
                    return Some((j..j + n, class, np, rule));
                }
                // `said Kim: "…"`: the speaker after an inverted cue.
                let np = self.np_after(j + n, o)?;
                return Some((j..j + n, class, np, rule));
            }
            if cx.is_terminal(j) {
                return None;
            }
        }
        None
    }

    /// Speaker at the start of the next sentence: `"…" Kim said on Tuesday.`
    pub(super) fn speaker_next(
        &self,
        seg: &marks::Segment,
    ) -> Option<(Range<usize>, CueClass, Range<usize>)> {
        let cx = self.cx;
        let close = seg.close.as_ref()?;
        let i = close.end;
        if i >= cx.toks.len()
            || !cx.same_para(i, close.start)
            || !cx.is_terminal(close.start.saturating_sub(1))
        {
            return None;
        }
        let sent = cx.sentence_of(i);
        if sent.start != i {
            return None;
        }
        let np = self.np_after(i, sent.end)?;
        let mut v = np.end;
        while v < sent.end && cx.is_word(v) && cx.is(BETWEEN, v) {
            v += 1;
        }
        let (n, class) = cx.cue_at(v)?;
        // Only a bare attribution: the cue must not introduce its own content.
        let after = v + n;
        let bare = after >= sent.end
            || cx.is_terminal(after)
            || [
                "on",
                "in",
                "at",
                "during",
                "after",
                "this",
                "so",
                "it",
                "later",
                "afterwards",
            ]
            .contains(&cx.norm(after));
        bare.then_some((v..v + n, class, np))
    }

    /// A direct quote with no speaker that opens the sentence right after a
    /// reported statement (`Kim said the talks had failed. "We tried …"`) is
    /// the same speaker's.
    pub(super) fn after_reported(&mut self) {
        let cx = self.cx;
        let mut by_sentence: Vec<(u32, usize)> = Vec::new();
        for (ci, c) in self.cands.iter().enumerate() {
            if c.kind == QuoteKind::Indirect && c.mention.is_some() {
                if let Some(cue) = c.cue {
                    let t = cx.toks.partition_point(|t| t.span.start < cue.start);
                    if let Some(sn) = cx.sent_at(t) {
                        by_sentence.push((sn, ci));
                    }
                }
            }
        }
        by_sentence.sort_unstable();
        for ci in 0..self.cands.len() {
            let c = &self.cands[ci];
            if c.kind != QuoteKind::Direct || c.mention.is_some() || c.tokens.start == 0 {
                continue;
            }
            let open = c.tokens.start - 1;
            let Some(prev) = self.previous_sentence(open) else {
                continue;
            };
            let sn = cx.sent_at(prev.start).unwrap_or(u32::MAX);
            let k = by_sentence.partition_point(|&(s, _)| s <= sn);
            let host = k
                .checked_sub(1)
                .and_then(|k| by_sentence.get(k))
                .filter(|&&(s, h)| s == sn && self.cands[h].tokens.end <= open);
            if let Some(&(_, host)) = host {
                let mention = self.cands[host].mention.clone();
                let c = &mut self.cands[ci];
                c.mention = mention;
                c.inherit = Some(host);
                c.rule = "direct-speaker-prev";
                c.confidence = 0.7;
            } else if let Some(np) = self
                .short_sentence_subject(&prev)
                .filter(|_| cx.same_para(prev.start, open))
            {
                // `Rossi was blunt. "The beef quota …"`: a short sentence about a named person.
                let c = &mut self.cands[ci];
                c.mention = Some(np);
                c.rule = "direct-speaker-prev-subject";
                c.confidence = 0.55;
            }
        }
    }

    /// The tokens of the sentence just before the quote opening at `open`,
    /// when the quote starts a sentence: the rest of the paragraph back to the
    /// previous sentence end, or the last sentence of the previous paragraph.
    pub(super) fn previous_sentence(&self, open: usize) -> Option<Range<usize>> {
        let cx = self.cx;
        let para = cx.para[open] as usize;
        if cx.para_tokens[para].start == open {
            let last = open.checked_sub(1)?;
            return Some(cx.sentence_of(last));
        }
        if !cx.is_terminal(open - 1) {
            return None;
        }
        let floor = cx.para_tokens[para].start.max(open.saturating_sub(60));
        let mut start = open - 1;
        while start > floor && !cx.is_terminal(start - 1) {
            start -= 1;
        }
        if start == floor && floor != cx.para_tokens[para].start {
            return None;
        }
        Some(start..open)
    }

    /// The named subject of a short sentence without quotes of its own.
    pub(super) fn short_sentence_subject(&self, sent: &Range<usize>) -> Option<Range<usize>> {
        let cx = self.cx;
        if sent.len() > 12 || sent.clone().any(|j| !self.free(j) || self.is_open_mark(j)) {
            return None;
        }
        let np = self.np_after(sent.start, sent.end)?;
        let named =
            cx.is_cap(np.end - 1) || (np.len() == 1 && matches!(cx.norm(np.start), "he" | "she"));
        (named && np.end < sent.end && cx.is_word(np.end)).then_some(np)
    }
}
