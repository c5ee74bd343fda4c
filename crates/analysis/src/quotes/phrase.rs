//! Noun-phrase boundaries around a cue: the speaker phrase after a cue or
//! a closing mark ([`Finder::np_after`]), the subject before a verb
//! ([`Finder::subject_before`]) and the phrase ending at a comma
//! ([`Finder::np_before`]), each within a bounded window of tokens.
//!
//! Kept apart because every pass asks the same question, "which tokens name
//! the speaker?", and answers it with these few scanners; the passes decide
//! *whether* a speaker belongs there, this module only *where* its phrase
//! starts and ends. Resolving the phrase to an actor is `speaker.rs`.

use std::ops::Range;

use stance_core::TokenKind;

use super::Finder;
use super::words::{
    BE, BETWEEN, DAYS, DETERMINERS, NP_PREPS, PRONOUNS, SPOKES, STOP, is_leading_conjunction,
    is_opener, looks_verbal,
};

impl<'c, 'a> Finder<'c, 'a> {
    /// End of a look-ahead window from `i`: the sentence end, a quotation mark or `max` tokens.
    pub(super) fn window_end(&self, i: usize, max: usize) -> usize {
        let cx = self.cx;
        let mut j = i;
        let stop = (i + max).min(cx.toks.len());
        while j < stop
            && cx.same_para(i, j)
            && self.free(j)
            && (!cx.is_terminal(j) || self.title_dot(j))
        {
            j += 1;
        }
        j
    }

    /// A noun phrase starting at token `i`, ending before `limit`: "Wang", "Dr. Sarah Kim",
    /// "a State Department spokesperson", "he".
    pub(super) fn np_after(&self, i: usize, limit: usize) -> Option<Range<usize>> {
        let cx = self.cx;
        if i >= limit || !cx.is_word(i) || !self.free(i) {
            return None;
        }
        if cx.is(PRONOUNS, i) {
            return Some(i..i + 1);
        }
        let mut j = i;
        if cx.is(DETERMINERS, j) {
            j += 1;
        }
        let body = j;
        while j < limit && j - i < 10 {
            if cx.is_word(j) {
                let n = cx.norm(j);
                if cx.is(STOP, j) || cx.is(PRONOUNS, j) || (cx.cue_at(j).is_some() && j > body) {
                    if n == "and" && j > body && cx.is_cap(j - 1) && cx.is_cap(j + 1) {
                        j += 1;
                        continue;
                    }
                    if n == "of" && j > body && j + 1 < limit && cx.is_word(j + 1) {
                        j += 1;
                        continue;
                    }
                    // "a spokeswoman for Northern Rail", "officials at the State Department".
                    let named =
                        cx.is_cap(j + 1) || (cx.norm_get(j + 1) == "the" && cx.is_cap(j + 2));
                    if cx.is(NP_PREPS, j) && j > body && j + 1 < limit && named {
                        j += 1;
                        continue;
                    }
                    break;
                }
                if cx.cue_at(j).is_some() {
                    break;
                }
                // After a name, a lower-case word that looks like a verb ends the phrase
                // ("Theresa Lazaro opened"), while head nouns go on ("State Department officials").
                if j > body && cx.is_cap(j - 1) && !cx.is_cap(j) && looks_verbal(n) {
                    break;
                }
                j += 1;
            } else if cx.is_punct(j, ".") && j > body && self.title_dot(j) {
                j += 1;
            } else {
                break;
            }
        }
        (j > body).then_some(i..j)
    }

    /// Is the `.` at `j` part of a name ("Dr." or an initial "J.") followed by more of it?
    pub(super) fn title_dot(&self, j: usize) -> bool {
        self.cx.title_dot(j)
    }

    /// The subject of the cue at `v`: a noun phrase ending just before it, over
    /// adverbs and auxiliaries ("she has also said"); `None` for a passive
    /// ("was reported") or when no phrase is there.
    pub(super) fn subject_before(&self, v: usize) -> Option<Range<usize>> {
        let cx = self.cx;
        let floor = cx.sentence_of(v).start;
        let mut end = v;
        while end > floor && cx.is_word(end - 1) && cx.is(BETWEEN, end - 1) {
            end -= 1;
        }
        // "Xi Jinping on Friday called": a time adjunct between subject and verb.
        if end >= floor + 3 && cx.norm(end - 2) == "on" && cx.is(DAYS, end - 1) {
            end -= 2;
        }
        if end > floor && cx.is_word(end - 1) && cx.is(BE, end - 1) && cx.norm(v) != "quoted" {
            return None;
        }
        // "Choe thanked Beijing … and said that …": the subject of the first verb.
        // A name before "and" may instead end a coordinated subject ("Kim
        // and Lee said"): then no verb follows the sentence's first phrase
        // before the "and", and the subject is looked for below.
        if end > floor && cx.norm(end - 1) == "and" {
            let first = self.first_verb_subject(floor, end - 1);
            if first.is_some() || !cx.is_cap(end - 2) {
                return first;
            }
        }
        // "She cut it to $42,000, but said …": "but" joins two verbs of one subject too.
        if end > floor + 1 && cx.norm(end - 1) == "but" && cx.is_punct(end - 2, ",") {
            return self.first_verb_subject(floor, end - 1);
        }
        // Appositive: `Hugh Hill, a doctor, said` — the name before the first comma.
        if end > floor && cx.is_punct(end - 1, ",") {
            let open = (floor.max(end.saturating_sub(26))..end - 1)
                .rev()
                .find(|&j| cx.is_punct(j, ","));
            // A phrase after a comma is itself an appositive ("a farmer in
            // Ames, Iowa"): the name is further back.
            let (open, np) = match open.and_then(|o| Some((o, self.np_before(o, floor)?))) {
                Some((o, np)) if !(np.start > floor && cx.is_punct(np.start - 1, ",")) => (o, np),
                found => self.first_appositive(floor, end - 1).or(found)?,
            };
            // The appositive must read like a description, not a clause with a verb of its own.
            // A relative clause ("Cruz, who says …, said") may hold a cue of its own.
            // So may one inside the appositive ("a Republican who has
            // refused to endorse him"): cues after its "who" are allowed.
            let mut relative = false;
            let appos_ok = (open + 1..end - 1).all(|j| {
                relative |= cx.is_word(j) && matches!(cx.norm(j), "who" | "which");
                self.free(j) && (relative || cx.cue_at(j).is_none())
            });
            if !appos_ok {
                return None;
            }
            // `Nowak's lawyer, Piotr Zielinski, called`: the name in the appositive is the mention.
            let name = open + 1..end - 1;
            let is_name = !name.is_empty()
                && name
                    .clone()
                    .all(|j| cx.is_cap(j) || (cx.is_punct(j, ".") && self.title_dot(j)));
            if is_name && !cx.is_cap(np.end - 1) {
                return Some(name);
            }
            return Some(np);
        }
        // `Sen. Bernie Sanders (I-Vt.) criticized`: skip the parenthesis.
        if end > floor && cx.is_punct(end - 1, ")") {
            end = (floor.max(end.saturating_sub(8))..end - 1)
                .rev()
                .find(|&j| cx.is_punct(j, "("))?;
        }
        let np = self.np_before(end, floor)?;
        // `Officials who spoke on condition of anonymity said`: the phrase before "who".
        if np.start > floor && cx.is_word(np.start - 1) && cx.is(STOP, np.start - 1) {
            let from = floor.max(np.start.saturating_sub(12));
            let who = (from..np.start)
                .rev()
                .take_while(|&j| self.free(j) && !cx.is_punct(j, ",") && !cx.is_terminal(j))
                .find(|&j| cx.norm_is(j, "who"));
            if let Some(w) = who {
                if let Some(head) = self.np_before(w, floor) {
                    return Some(head);
                }
            }
        }
        // `Kim, who said …`: the relative pronoun's antecedent is the speaker.
        if np.len() == 1
            && cx.norm(np.start) == "who"
            && np.start > floor + 1
            && cx.is_punct(np.start - 1, ",")
        {
            return self.np_before(np.start - 1, floor);
        }
        Some(np)
    }

    /// The subject of a sentence's first verb when a cue is that verb's
    /// second (`Choe thanked Beijing and said …`), `conj` the "and" or "but"
    /// before the cue: the noun phrase that opens the sentence, after an
    /// opening adjunct ("In a statement, Gov. Scott blasted Congress and
    /// said …"), followed by its verb or by an appositive or relative
    /// clause ("Brian Fallon, a spokesman for …, called on … and said",
    /// "Sanders, who endorsed Canova and said …").
    pub(super) fn first_verb_subject(&self, floor: usize, conj: usize) -> Option<Range<usize>> {
        let cx = self.cx;
        let mut s = floor;
        if cx.is_word(s) && is_leading_conjunction(cx.norm(s)) {
            s += 1;
        }
        // "In a statement, …", "Sunday morning, …".
        if cx.is_word(s) && (is_opener(cx.norm(s)) || cx.is(DAYS, s)) {
            s = (s..conj).find(|&j| cx.is_punct(j, ","))? + 1;
        }
        // "Separately, …", "Meanwhile, …": a sentence adverb is no subject.
        if cx.is_word(s)
            && cx.is_punct(s + 1, ",")
            && (cx.norm(s).ends_with("ly")
                || matches!(
                    cx.norm(s),
                    "meanwhile" | "however" | "still" | "instead" | "now"
                ))
        {
            s += 2;
        }
        let mut np = self.np_after(s, conj)?;
        // A lower-case phrase runs on over its verb ("the governor visited
        // the plant"): it ends at the first past tense or cue after a noun.
        if let Some(v) = (np.start + 1..np.end).find(|&j| {
            !cx.is(DETERMINERS, j - 1)
                && !cx.is_cap(j)
                && (looks_verbal(cx.norm(j)) || cx.cue_at(j).is_some())
        }) {
            np.end = v;
        }
        let verb = cx.is_word(np.end);
        // An appositive or relative clause closed before the first verb.
        let aside = cx.is_punct(np.end, ",") && (np.end + 1..conj).any(|j| cx.is_punct(j, ","));
        (np.end < conj && (verb || aside)).then_some(np)
    }

    /// `Marley Ortiz, 21, a nurse from Reno, said`: an appositive with commas
    /// of its own (an age, "Reno, Nev.") hides the name from the last comma
    /// before the cue. The name is then the noun phrase that opens the
    /// sentence (after a conjunction such as "But") and ends at its first
    /// comma; returns that comma and the phrase. `comma` is the comma just
    /// before the cue.
    pub(super) fn first_appositive(
        &self,
        floor: usize,
        comma: usize,
    ) -> Option<(usize, Range<usize>)> {
        let cx = self.cx;
        let first = (floor..comma.min(floor + 12)).find(|&j| cx.is_punct(j, ","))?;
        if first >= comma || comma - first > 30 {
            return None;
        }
        let np = self.np_before(first, floor)?;
        let opens =
            np.start == floor || (np.start == floor + 1 && is_leading_conjunction(cx.norm(floor)));
        opens.then_some((first, np))
    }

    /// A poll's share ending at token `k`, the count of "<n> in <m>" ("two
    /// in three", "about three in 10"), as the phrase from its first
    /// number (or a hedge before it: "about", "nearly", "roughly").
    fn share_before(&self, k: usize, floor: usize) -> Option<Range<usize>> {
        let cx = self.cx;
        if k < floor + 2 || !cx.norm_is(k - 1, "in") {
            return None;
        }
        let n = k - 2;
        let number = cx.toks[n].kind == TokenKind::Number
            || matches!(
                cx.norm(n),
                "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine"
            );
        if !number {
            return None;
        }
        let hedge = n > floor
            && matches!(
                cx.norm(n - 1),
                "about" | "nearly" | "roughly" | "almost" | "some"
            );
        Some(if hedge { n - 1 } else { n }..k + 1)
    }

    /// A noun phrase ending just before token `end`, not reaching below `floor`.
    pub(super) fn np_before(&self, end: usize, floor: usize) -> Option<Range<usize>> {
        let cx = self.cx;
        let mut start = end;
        while start > floor && end - start < 10 {
            let k = start - 1;
            if !self.free(k) {
                break;
            }
            if cx.is_word(k) {
                let n = cx.norm(k);
                if cx.is(PRONOUNS, k) {
                    if start == end {
                        start = k;
                    }
                    break;
                }
                if cx.is(DETERMINERS, k) {
                    if start == end {
                        // A poll's share or a quantifier is the whole
                        // subject: "Two in three said", "Several said".
                        return self.share_before(k, floor).or_else(|| {
                            matches!(n, "several" | "many" | "most" | "some" | "both" | "few")
                                .then_some(k..end)
                        });
                    }
                    start = k;
                    // "a spokesman for the ministry": the phrase goes on before the preposition.
                    let goes_on = n == "the"
                        && k > floor + 1
                        && (cx.is(NP_PREPS, k - 1) || (cx.norm(k - 1) == "of" && cx.is_cap(k - 2)))
                        && cx.is_word(k - 2)
                        && (cx.is_cap(k + 1) || cx.is(SPOKES, k - 2));
                    if goes_on {
                        continue;
                    }
                    break;
                }
                if n == "and" && start < end && k > floor && cx.is_cap(k - 1) && cx.is_cap(start) {
                    start = k;
                    continue;
                }
                if n == "of" && start < end && k > floor && cx.is_word(k - 1) {
                    start = k;
                    continue;
                }
                // "Hospitals in Athens reported", "a spokesman for the ministry said".
                if cx.is(NP_PREPS, k)
                    && start < end
                    && k > floor
                    && (cx.is_cap(start)
                        || (cx.norm(start) == "the"
                            && (cx.is_cap(start + 1) || cx.is(SPOKES, k - 1))))
                    && cx.is_word(k - 1)
                    && !cx.is(STOP, k - 1)
                    && !cx.is(DETERMINERS, k - 1)
                    && !cx.is(PRONOUNS, k - 1)
                    && !cx.norm(k - 1).ends_with("ed")
                    && !cx.norm(k - 1).ends_with("ing")
                    && cx.cue_at(k - 1).is_none()
                {
                    start = k;
                    continue;
                }
                if cx.is(STOP, k) || cx.cue_at(k).is_some() {
                    break;
                }
                if start == end && (n.ends_with("'s") || n.ends_with('\'')) {
                    return None;
                }
                start = k;
            } else if cx.is_punct(k, ".") && start < end && self.title_dot(k) {
                start = k;
            } else if cx.toks[k].kind == TokenKind::Number && start == end {
                // "About three in 10 said".
                return self.share_before(k, floor);
            } else if cx.toks[k].kind == TokenKind::Number
                && start < end
                && cx.is_word(start)
                && !cx.is_cap(start)
            {
                // "46 percent of voters"
                start = k;
                break;
            } else {
                break;
            }
        }
        if start == end || cx.norm_is(start, "of") || cx.norm_is(start, "and") {
            return None;
        }
        // A lone lower-case word that is not a plausible subject noun ("ties said") is
        // accepted only when it is plural-looking or follows a determiner.
        Some(start..end)
    }
}
