//! The sentence-final attribution (`…, sources said.`, `…, said Kim.`,
//! `…, according to Kim.`), which reports the sentence before it, or only
//! its last clause when an earlier clause has a cue of its own, and
//! `according to X` wherever it stands in the sentence.
//!
//! Kept apart from the subject-verb rules ([`Finder::reported`]) because
//! here the content comes *before* the cue, or the cue is no verb at all:
//! [`Finder::indirect`] tries these first, so that a sentence's inner cues
//! (`Protocol called for …, sources said.`) are not taken as quotes of
//! their own.

use std::ops::Range;

use stance_core::TokenKind;

use super::words::{CLAUSE_BREAK, is_leading_conjunction};
use super::{CUE_USED, Cand, CueClass, Finder, QuoteKind};

impl<'c, 'a> Finder<'c, 'a> {
    /// The attribution at the end of a sentence, cue at `k`, that reports
    /// all of the sentence before its comma: `…, sources said.`, `…, said
    /// Kim.`, `…, according to Kim.` Any other use of the cue is `None`.
    pub(super) fn final_attribution(&self, k: usize, sent: &Range<usize>) -> Option<Cand> {
        let cx = self.cx;
        if !self.free(k) || self.flags[k] & CUE_USED != 0 {
            return None;
        }
        let (n, class) = cx.cue_at(k)?;
        // Only a cue after a comma (`, said Kim`, `, according to`) or near
        // the sentence end (`, Kim said on Tuesday.`) can be one: most
        // sentences' last cue is neither, and is turned away here.
        if !(k > sent.start && cx.is_punct(k - 1, ",")) && sent.end - (k + n) > 8 {
            return None;
        }
        let (cand, tail) = if cx.norm(k) == "according" {
            self.according_to(k, n, class, sent, sent.start)?
        } else {
            self.reported(k, n, class, sent, sent.start)?
        };
        let last = cand.mention.as_ref().map_or(k + n, |m| m.end.max(k + n));
        // The phrase runs on to the sentence end ("two people at the
        // meeting", "on Tuesday"), with no clause after it.
        let ends = (last..sent.end).all(|j| !cx.is_punct(j, ",") && cx.cue_at(j).is_none());
        let before = cand.tokens.end <= k && cand.tokens.start == sent.start;
        if tail.is_some() || !ends || !before {
            return None;
        }
        // The attribution reports its own clause: `A, and he added B,
        // according to X` is X's for B only.
        let from = self.last_clause(cand.tokens.clone());
        if from == cand.tokens.start {
            return Some(cand);
        }
        let tokens = self.content(from, cand.tokens.end)?;
        Some(Cand {
            span: cx.span_of(&tokens),
            tokens,
            ..cand
        })
    }

    /// The start of the last clause of `r` when an earlier clause has a cue
    /// of its own (`Kim said A, but B, aides said`): after the last `;`,
    /// `:`, spaced dash, or comma before a word that opens a new clause
    /// (`, but`, `, while`, `, which`, `, and he`) that follows a cue, as
    /// [`Finder::clause_end`] would end that cue's content there. Without
    /// an inner cue the whole of `r` is the final attribution's
    /// (`A, but B, Miller said`).
    pub(super) fn last_clause(&self, r: Range<usize>) -> usize {
        let cx = self.cx;
        let mut from = r.start;
        let mut cue = false;
        for j in r.start + 1..r.end.saturating_sub(1) {
            if cx.toks[j].kind == TokenKind::Word {
                cue |= cx.cue_at(j).is_some();
                continue;
            }
            if !cue {
                continue;
            }
            let comma_break = cx.is_punct(j, ",")
                && cx.is_word(j + 1)
                && (cx.is(CLAUSE_BREAK, j + 1)
                    || cx.norm_is(j + 1, "which")
                    || self.and_opens_clause(j + 1, true));
            if comma_break || cx.is_punct(j, ";") || cx.is_punct(j, ":") || self.is_dash(j) {
                from = j + 1;
            }
        }
        from
    }

    /// Does a clause open at token `i` of `sent`, for a source phrase put
    /// first (`According to X, …`)? At the sentence start, after a
    /// leading conjunction or mark, after a colon or semicolon (`And it
    /// has not gone unnoticed: according to recent polls, …`), or after
    /// one opening word and its comma (`Now, according to …`).
    fn clause_opens_at(&self, i: usize, sent: &Range<usize>) -> bool {
        let cx = self.cx;
        i == sent.start
            || (i == sent.start + 1
                && (!cx.is_word(sent.start) || is_leading_conjunction(cx.norm(sent.start))))
            || (i > sent.start && (cx.is_punct(i - 1, ":") || cx.is_punct(i - 1, ";")))
            || (i == sent.start + 2 && cx.is_punct(i - 1, ",") && cx.is_word(sent.start))
    }

    /// Does the comma at `j` open a new clause (`, but …`, `, while …`, `, and he …`)?
    fn comma_opens_clause(&self, j: usize) -> bool {
        let cx = self.cx;
        cx.is_punct(j, ",")
            && cx.is_word(j + 1)
            && (cx.is(CLAUSE_BREAK, j + 1) || self.and_opens_clause(j + 1, false))
    }

    /// `According to X, …`, `…, according to X.`, `…, according to X, …` and `… according to X.`
    pub(super) fn according_to(
        &self,
        i: usize,
        n: usize,
        class: CueClass,
        sent: &Range<usize>,
        covered: usize,
    ) -> Option<(Cand, Option<Cand>)> {
        let cx = self.cx;
        let front = self.clause_opens_at(i, sent);
        let mut np = match self.np_after(i + n, sent.end) {
            Some(np) => np,
            // `According to her "clawback" plan, …`: marks in the source
            // phrase; it runs to the comma found below.
            None if front && (cx.is_word(i + n) || self.is_open_mark(i + n)) => i + n..i + n,
            None => return None,
        };
        let content = if front {
            if !cx.is_punct(np.end, ",") {
                // A source phrase that is no plain noun phrase ("July's
                // Post/ABC polling", "the schedule published Thursday",
                // "early results of exit polls conducted by Edison Research
                // for the Associated Press and television networks") still
                // runs to the comma that opens the reported clause.
                let comma = (np.end..sent.end.min(i + n + 30))
                    .take_while(|&j| self.free(j) && !cx.is_terminal(j))
                    .find(|&j| cx.is_punct(j, ","))?;
                np.end = comma;
            }
            if np.is_empty() {
                return None;
            }
            let mut from = np.end + 1;
            if cx.is_word(from) && matches!(cx.norm(from), "who" | "which") {
                // `According to X, who announced it on Saturday, …`
                from = (from..sent.end.min(from + 25)).find(|&j| cx.is_punct(j, ","))? + 1;
            } else if let Some(name) = self.np_after(from, sent.end).filter(|r| {
                r.len() <= 4 && r.clone().all(|j| cx.is_cap(j)) && cx.is_punct(r.end, ",")
            }) {
                // `According to the U.N. refugee agency, UNHCR, …`
                np.end = name.end;
                from = name.end + 1;
            }
            let c = self.content(from, sent.end)?;
            // The clause has its own attribution ("According to a readout,
            // Wang stated that …"): a cue whose subject opens the clause.
            let inner = c.clone().any(|j| {
                self.free(j)
                    && cx.cue_at(j).is_some()
                    && self.subject_before(j).is_some_and(|s| s.start == c.start)
            });
            if inner {
                return None;
            }
            c
        } else if cx.is_punct(i - 1, ",") {
            let before = self.content(covered.max(sent.start), i - 1)?;
            // `…, according to Roffman, Trump made further demands`: both sides.
            let relative = cx.is_word(np.end + 1) && matches!(cx.norm(np.end + 1), "who" | "which");
            if cx.is_punct(np.end, ",") && !relative {
                let rest = self.clause_end(np.end + 1, sent);
                if let Some(tail) = self.content(np.end + 1, rest) {
                    let mut c = self.cand(QuoteKind::Indirect, before, i..i + n, class);
                    c.mention = Some(np.clone());
                    c.rule = "according-to";
                    c.confidence = 0.75;
                    let mut t = self.cand(QuoteKind::Indirect, tail, i..i + n, class);
                    t.mention = Some(np);
                    t.rule = "according-to";
                    t.confidence = 0.75;
                    return Some((c, Some(t)));
                }
            }
            before
        } else if cx.is_word(i - 1)
            && (np.end >= sent.end || cx.is_terminal(np.end) || self.comma_opens_clause(np.end))
        {
            // `Clinton leads by five points according to a new poll.`, or
            // `… according to a count by the AP, but Sanders has vowed …`.
            self.content(covered.max(sent.start), i)?
        } else {
            return None;
        };
        let mut c = self.cand(QuoteKind::Indirect, content, i..i + n, class);
        c.mention = Some(np);
        c.rule = "according-to";
        c.confidence = 0.8;
        Some((c, None))
    }
}
