//! Pass 3, reported speech outside quotation marks: a cue with a subject
//! before it (`Wang stated that …`, `X told reporters that …`, `…, saying
//! that …`), where its content runs from after the cue and its "that" to
//! the end of the clause ([`Finder::clause_end`]), and the question of an
//! opening "Asked whether …," ([`Finder::asked`]).
//!
//! Kept apart from direct quotes because these rules start from a cue, not
//! from quotation marks, and most of their work is deciding where a
//! reported clause ends; the attributions whose content comes before the
//! cue are `attribution.rs`.

use std::ops::Range;

use stance_core::TokenKind;

use super::words::{
    ADJUNCT, BE, BETWEEN, CLAUSE_BREAK, DAYS, DETERMINERS, PRONOUNS, TELL, TO_OK, looks_verbal,
};
use super::{CUE_USED, Cand, CueClass, DIRECT, Finder, QuoteKind};

impl<'c, 'a> Finder<'c, 'a> {
    /// Pass 3: reported speech outside quotation marks.
    pub(super) fn indirect(&mut self) {
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

    /// `X said (that) …`, `X told reporters (that) …`, `…, X said.`, `…, said X.`
    pub(super) fn reported(
        &self,
        v: usize,
        n: usize,
        class: CueClass,
        sent: &Range<usize>,
        covered: usize,
    ) -> Option<(Cand, Option<Cand>)> {
        let cx = self.cx;
        let after = v + n;
        // "continued" is speech with a quotation (`"…," he continued`) or a
        // "that" clause; otherwise it goes on with an act ("continued his
        // attacks", "the borrowing continued").
        if cx.norm(v) == "continued" && self.that_after(after, sent).is_none() {
            return None;
        }
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
                || self.day_ends_sentence(after, sent)
                || self.object_ends_sentence(v, after, sent)
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
            // either (the partial pass gives them the cue), unless the
            // reported clause goes on after the closing mark (`Bush said
            // "local forces" must lead`): then the quoted words open it,
            // and the partial quote lies inside.
            if rule == "indirect-bare"
                && self.is_open_mark(start)
                && !self.clause_after_close(start, sent)
            {
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
                // "called it a \"quiet revolution\"": a label in marks is
                // the speaker's word for the object, "it" included.
                let quoted_label = first == "it" && self.label_close(v, start, sent).is_some();
                if called_for || it_clause || quoted_label {
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
    pub(super) fn verb_like(&self, i: usize) -> bool {
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
    pub(super) fn that_after(&self, after: usize, sent: &Range<usize>) -> Option<usize> {
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
    pub(super) fn participle(
        &self,
        v: usize,
        n: usize,
        class: CueClass,
        sent: &Range<usize>,
    ) -> Option<Cand> {
        let cx = self.cx;
        // `…, saying …`, or `… by saying …` / `… and saying …`, where the
        // participle is the manner or the second act of the subject's verb.
        let joined =
            v > sent.start + 1 && cx.is_word(v - 1) && matches!(cx.norm(v - 1), "by" | "and");
        if v <= sent.start || !(cx.is_punct(v - 1, ",") || joined) || !cx.norm(v).ends_with("ing") {
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
            // The subject of the sentence's first verb ("The mayor ended
            // the strike by saying …"), else the phrase that opens it.
            let first = self.first_verb_subject(sent.start, v);
            c.mention = Some(first.or_else(|| self.sentence_subject(v))?);
        }
        Some(c)
    }

    /// Direct candidates whose cue is in sentence `sn`, last first.
    pub(super) fn direct_in_sentence(&self, sn: u32) -> impl Iterator<Item = (usize, &Cand)> + '_ {
        let k = self.direct_by_sent.partition_point(|&(s, _)| s <= sn);
        self.direct_by_sent[..k]
            .iter()
            .rev()
            .take_while(move |&&(s, _)| s == sn)
            .map(|&(_, ci)| (ci, &self.cands[ci]))
    }

    /// Does the reported clause go on after the quoted segment that opens
    /// at `o`: a lower-case word other than "and" or "or" right after its
    /// closing mark, in the sentence (`"local forces" must lead the way`),
    /// no comma closing the quoted words, and no label verb ("called")
    /// before them?
    fn clause_after_close(&self, o: usize, sent: &Range<usize>) -> bool {
        let cx = self.cx;
        let k = self.segs.partition_point(|s| s.open.start < o);
        let Some(seg) = self.segs.get(k).filter(|s| s.open.start == o) else {
            return false;
        };
        // `called ''a disgrace,'' blaming …`: a comma inside the marks ends the clause.
        let Some(close) = seg
            .close
            .clone()
            .filter(|_| !seg.content.slice(cx.text).ends_with(','))
        else {
            return false;
        };
        // "called" takes a label in marks, not a clause that opens with one.
        let label = o > 0 && cx.norm(o - 1).starts_with("call");
        let w = close.end;
        !label
            && w < sent.end
            && cx.is_word(w)
            && !cx.is_cap(w)
            && !matches!(cx.norm(w), "and" | "or")
    }

    /// Does the cue at `v`, a verb with an object before what is said
    /// ("told", "assured"), end the sentence with that object from `after`
    /// (`…, Devine told The Huffington Post.`, `…, she told reporters on
    /// Monday.`)? Then it is a sentence-final attribution like `…, X said.`
    pub(super) fn object_ends_sentence(&self, v: usize, after: usize, sent: &Range<usize>) -> bool {
        let cx = self.cx;
        if !cx.is(TELL, v) {
            return false;
        }
        let Some(obj) = self.np_after(after, sent.end) else {
            return false;
        };
        let e = obj.end;
        e >= sent.end
            || cx.is_terminal(e)
            || self.day_ends_sentence(e, sent)
            || (cx.is_word(e)
                && ["on", "in", "at", "during", "last"].contains(&cx.norm(e))
                && self.np_ends_sentence(e, sent))
    }

    /// The end of a label in marks after "called" and its object (`called
    /// it "a fundamental mistake"`): the token after the closing mark of a
    /// segment that opens within four tokens of `start`, the content's
    /// first token. It tells "called it \"…\"" (a label the speaker gave)
    /// from "called it a farce" (no quote). `None` for another cue or no
    /// such label.
    fn label_close(&self, v: usize, start: usize, sent: &Range<usize>) -> Option<usize> {
        let cx = self.cx;
        if !matches!(cx.norm(v), "called" | "calls" | "calling" | "call") {
            return None;
        }
        let k = self.segs.partition_point(|s| s.open.start < start);
        let seg = self.segs.get(k).filter(|s| s.open.start < start + 4)?;
        let close = seg.close.as_ref()?;
        (close.end <= sent.end && seg.tokens.start > start).then_some(close.end)
    }

    /// Does a bare time word end the sentence at `i` (`…, officials said
    /// Tuesday.`, `said Tuesday night.`, `said this week.`)? News writes the
    /// day without "on", so the attribution is still the sentence's last
    /// words.
    pub(super) fn day_ends_sentence(&self, i: usize, sent: &Range<usize>) -> bool {
        let cx = self.cx;
        let day = cx.is_word(i) && (cx.is(DAYS, i) || matches!(cx.norm(i), "today" | "yesterday"));
        let week = cx.is_word(i + 1)
            && matches!(cx.norm(i), "this" | "last")
            && matches!(cx.norm(i + 1), "week" | "month" | "year");
        let next = if week {
            i + 2
        } else if day {
            // "Tuesday night", "Tuesday morning".
            i + 1
                + usize::from(matches!(
                    cx.norm_get(i + 1),
                    "night" | "morning" | "evening" | "afternoon"
                ))
        } else {
            return false;
        };
        next >= sent.end || cx.is_terminal(next)
    }

    /// Does a short adjunct ("on Tuesday", "in a statement") run from `i` to the sentence end?
    pub(super) fn np_ends_sentence(&self, i: usize, sent: &Range<usize>) -> bool {
        let cx = self.cx;
        let end = (i..sent.end)
            .find(|&j| cx.is_terminal(j) || cx.is_punct(j, ","))
            .unwrap_or(sent.end);
        end - i <= 5
    }

    pub(super) fn direct_at(&self, i: usize) -> bool {
        self.flags.get(i).is_some_and(|&f| f & DIRECT != 0)
    }

    /// "and" at token `j`, after a comma, opens a clause of its own rather
    /// than joining two phrases: a determiner, a pronoun or a capitalised
    /// word follows (`, and he …`, `, and the …`, `, and Kim …`), or, with
    /// `verbal`, a past-tense verb (`, and signed …`).
    pub(super) fn and_opens_clause(&self, j: usize, verbal: bool) -> bool {
        let cx = self.cx;
        cx.norm_is(j, "and")
            && cx.is_word(j + 1)
            && (cx.is(DETERMINERS, j + 1)
                || cx.is(PRONOUNS, j + 1)
                || cx.is_cap(j + 1)
                || (verbal && looks_verbal(cx.norm(j + 1))))
    }

    /// Where reported content starting at `start` ends: the sentence end, or a
    /// direct quote that follows after a colon.
    pub(super) fn clause_end(&self, start: usize, sent: &Range<usize>) -> usize {
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
                                || (cx.is_word(j + 1)
                                    && looks_verbal(cx.norm(j + 1))
                                    && !self.has_finite_verb(start..j)))
                    }
                    TokenKind::Number => false,
                    TokenKind::Symbol => j > start && self.dash_ends_content(j, sent),
                    TokenKind::Punct => {
                        cx.is_punct(j, ";")
                            || cx.is_punct(j, ":")
                            || (j > start && self.dash_ends_content(j, sent))
                            || (j > start
                                && cx.is_punct(j, ",")
                                && self.comma_ends_content(j, start))
                    }
                }
            })
            .unwrap_or(sent.end)
    }

    /// Does the comma at `j` end reported content that starts at `start`?
    /// When a new clause opens after it: a new attribution, a clause-break
    /// word (`, but`, `, while`), a cue, or `, and he …`, looked for after
    /// a closing mark too (`"… Trump," but conceded …`); or the verb of the
    /// sentence the cue's clause was inside (`Voters who believe the media
    /// are biased, are unlikely to …`).
    fn comma_ends_content(&self, j: usize, start: usize) -> bool {
        let cx = self.cx;
        let w = if self.is_close_mark(j + 1) {
            j + 2
        } else {
            j + 1
        };
        if self.new_attribution_at(w) {
            return true;
        }
        if !cx.is_word(w) {
            return false;
        }
        let matrix_verb = start > 0 && !cx.is_cap(w) && cx.is(BE, w) && self.inside_relative(start);
        cx.is(CLAUSE_BREAK, w)
            || cx.cue_at(w).is_some()
            || self.and_opens_clause(w, false)
            || matrix_verb
    }

    /// Is the cue whose content starts at `start` inside a relative clause
    /// (`Voters who believe …`): a "who" or "that" within a few words
    /// before the content, with no comma between?
    fn inside_relative(&self, start: usize) -> bool {
        let cx = self.cx;
        let floor = cx.sentence_of(start).start.max(start.saturating_sub(6));
        (floor..start)
            .rev()
            .take_while(|&k| !cx.is_punct(k, ","))
            .any(|k| cx.is_word(k) && (cx.norm_is(k, "who") || cx.norm_is(k, "which")))
    }

    /// Does the spaced dash at `j` end reported content? PolNeAR keeps in
    /// the content what a dash adds to the reported clause ("— including
    /// …", "— if only to …") and a parenthesis between two dashes; what
    /// ends it is an appositive the reporter adds about the content ("— a
    /// message that was not heeded"), a dash before a determiner with no
    /// second dash after it, or a new attribution or cue after the dash.
    fn dash_ends_content(&self, j: usize, sent: &Range<usize>) -> bool {
        let cx = self.cx;
        if !self.is_dash(j) {
            return false;
        }
        let k = j + 1;
        if !cx.is_word(k) {
            return false;
        }
        // A new attribution or cue, or a new clause (`- though it is
        // unclear …`, `- then was drawn …`).
        if cx.cue_at(k).is_some()
            || self.new_attribution_at(k)
            || cx.is(CLAUSE_BREAK, k)
            || cx.norm_is(k, "then")
        {
            return true;
        }
        cx.is(DETERMINERS, k) && !(k + 1..sent.end).any(|d| self.is_dash(d))
    }

    /// Does `r` hold a finite verb: a form of "be", an auxiliary or modal,
    /// or a past tense? Content that does ("it started marking down her
    /// wealth") is a clause, whose "and improved …" goes on inside it;
    /// content without one is the object of the cue ("denied the charges"),
    /// after which "and countered …" is the speaker's next act.
    fn has_finite_verb(&self, r: Range<usize>) -> bool {
        let cx = self.cx;
        r.into_iter().any(|i| {
            cx.is_word(i)
                && !cx.is_cap(i)
                && (cx.is(BE, i)
                    || matches!(
                        cx.norm(i),
                        "has"
                            | "have"
                            | "had"
                            | "will"
                            | "would"
                            | "could"
                            | "can"
                            | "should"
                            | "may"
                            | "might"
                            | "must"
                            | "does"
                            | "did"
                            | "do"
                    )
                    || looks_verbal(cx.norm(i)))
        })
    }

    /// A spaced dash (` - `, ` — `) between clauses.
    pub(super) fn is_dash(&self, j: usize) -> bool {
        let cx = self.cx;
        let t = cx.toks[j];
        // Every dash starts with `-` or 0xE2: test that byte before slicing the text.
        matches!(cx.text.as_bytes().get(t.span.start), Some(b'-' | 0xE2))
            && matches!(cx.s(j), "-" | "\u{2014}" | "\u{2013}" | "--")
            && cx.text[..t.span.start].ends_with(' ')
            && cx.text[t.span.end..].starts_with(' ')
    }

    /// Does a new attribution (`Devine suggested`) start at token `i`: a subject then its cue?
    pub(super) fn new_attribution_at(&self, i: usize) -> bool {
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
    pub(super) fn asked(&mut self) {
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
            // The participle clause ends at its comma.
            if let Some(c) = self.asked_question(a, |from| {
                (from + 1..sent.end).find(|&j| cx.is_punct(j, ","))
            }) {
                self.flags[a] |= CUE_USED;
                self.cands.push(c);
            }
        }
        // `"…," Trump told ITV when asked how ties would fare.`: "when
        // asked" later in the sentence, whose question runs to a comma, a
        // spaced dash or the sentence end. A lower-case "asked" is a cue token.
        for &a in &cx.cue_tokens {
            let mid = a >= 2
                && cx.norm_is(a, "asked")
                && cx.norm_is(a - 1, "when")
                && !cx.is_cap(a - 1)
                && self.free(a)
                && self.flags[a] & CUE_USED == 0;
            if !mid {
                continue;
            }
            let sent = cx.sentence_of(a);
            if let Some(c) = self.asked_question(a, |from| {
                Some(
                    (from + 1..sent.end)
                        .find(|&j| cx.is_punct(j, ",") || cx.is_terminal(j) || self.is_dash(j))
                        .unwrap_or(sent.end),
                )
            }) {
                self.flags[a] |= CUE_USED;
                self.cands.push(c);
            }
        }
    }

    /// The question put with "asked" at token `a`: from its wh-word (or
    /// "if", "about"), over an adjunct ("during a January debate"), to the
    /// token `end` finds after it. It has no speaker mention of its own
    /// (the one asking is not named); `None` when no question follows or
    /// reported speech found earlier holds its words.
    fn asked_question(&self, a: usize, end: impl Fn(usize) -> Option<usize>) -> Option<Cand> {
        let cx = self.cx;
        let sent = cx.sentence_of(a);
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
                        | "which"
                        | "about"
                )
            })?;
        let tokens = self.content(from, end(from)?)?;
        if self
            .cands
            .iter()
            .any(|c| c.tokens.start < tokens.end && tokens.start < c.tokens.end)
        {
            return None;
        }
        let mut c = self.cand(QuoteKind::Indirect, tokens, a..a + 1, CueClass::Neutral);
        c.rule = "asked-question";
        c.confidence = 0.6;
        Some(c)
    }
}
