//! Directed actor-to-actor relations from predicates: "Seoul praised Tokyo",
//! "sanctions imposed on Pyongyang by Washington", "Beijing's support for
//! North Korea", "North Korea and China agreed to deepen ties".
//!
//! Per sentence: the actor mentions are grouped by coordination ("North Korea
//! and China"), relation cues are found with the longest-match lexicon, and
//! each cue's frame says where its source and target attach. Rules are
//! surface rules over tokens (no parser), each named in the relation's `rule`.

use std::ops::Range;

use stance_core::{Article, Span};

use super::lexicon::{Frame, RelationLexicon};
use crate::actors::{ActorKind, ActorSet, MentionCursor, MentionForm};

/// Where a relation's evidence came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// A predicate between the two actors in one sentence.
    Predicate,
    /// A speaker's stance toward an actor named in their quote.
    Quote,
    /// Derived: an official's relation credited to the state or body they speak for.
    Affiliation,
}

impl Via {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Predicate => "predicate",
            Via::Quote => "quote",
            Via::Affiliation => "affiliation",
        }
    }
}

/// The reading of a relation's polarity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RelationLabel {
    /// Joint, symmetric cooperation (agree, cooperate, ally, meet).
    Cooperative,
    /// One-sided support (support, praise, welcome, aid).
    Supportive,
    /// Neither (negated or cancelled acts, polarity below 0.1 in size).
    Neutral,
    /// Verbal conflict (urge, warn, accuse, criticize, reject, oppose, resist).
    Critical,
    /// Strong conflict (condemn, sanction, threaten, attack): polarity at or below -0.5.
    Hostile,
}

impl RelationLabel {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationLabel::Cooperative => "cooperative",
            RelationLabel::Supportive => "supportive",
            RelationLabel::Neutral => "neutral",
            RelationLabel::Critical => "critical",
            RelationLabel::Hostile => "hostile",
        }
    }

    /// Label of a polarity; `joint` marks symmetric cooperation classes.
    pub fn of(polarity: f64, joint: bool) -> RelationLabel {
        if polarity >= 0.1 {
            if joint {
                RelationLabel::Cooperative
            } else {
                RelationLabel::Supportive
            }
        } else if polarity <= -0.5 {
            RelationLabel::Hostile
        } else if polarity <= -0.1 {
            RelationLabel::Critical
        } else {
            RelationLabel::Neutral
        }
    }
}

/// A directed relation between two actors of one article.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    /// Index of the source actor in the article's [`ActorSet`].
    pub source: usize,
    /// Index of the target actor.
    pub target: usize,
    /// In [-1, 1]: intensity / 10, after negation.
    pub polarity: f64,
    /// On the cooperation–conflict scale, -10..=10, after negation.
    pub intensity: f64,
    /// Reading of the polarity.
    pub label: RelationLabel,
    /// Cue spans (the words that carry the relation).
    pub cues: Vec<Span>,
    /// Lexicon terms or quote cues that fired, parallel to `cues`.
    pub cue_terms: Vec<String>,
    /// Class of the strongest cue ("condemn"), or "quote" for quote stance.
    pub class: String,
    /// Index of the sentence in `article.sentences()`.
    pub sentence: usize,
    /// Predicate, quote or derived affiliation.
    pub via: Via,
    /// True when a negation ("did not", "refused to") governs the cue.
    pub negated: bool,
    /// Which attachment rule fired.
    pub rule: &'static str,
    /// How sure the rule is, 0..=1.
    pub confidence: f32,
    /// Mention spans of the source and target that the rule attached
    /// (several when cues merged); for quote relations, the target's mentions.
    pub participants: Vec<Span>,
}

/// One actor mention as a participant, in token coordinates of its sentence.
#[derive(Clone, Copy, Debug)]
struct Slot {
    actor: usize,
    /// First and one-past-last sentence-relative token index.
    start: usize,
    end: usize,
    /// Followed by a possessive `'s`.
    possessive: bool,
    /// The mention's bytes.
    span: Span,
}

/// Coordinated participants: "North Korea and China".
#[derive(Clone, Debug)]
struct Group {
    /// The member slots. A slot either joins the group before it or starts
    /// its own, so members are consecutive and a range holds them without
    /// an allocation per group.
    members: Range<usize>,
    start: usize,
    end: usize,
    possessive: bool,
}

static PREPOSITIONS: WordSet = WordSet::new(&[
    "in", "at", "from", "to", "into", "of", "on", "over", "about", "for", "with", "against", "by",
    "toward", "towards", "across", "near", "under", "within", "during", "through",
]);
static LEFT_BARRIERS: WordSet = WordSet::new(&[
    ";", ":", "but", "while", "whereas", "although", "though", "despite", "yet", "\"",
]);
static RIGHT_BARRIERS: WordSet = WordSet::new(&[
    ";", ":", "but", "while", "whereas", "although", "though", "despite", "which", "who", "that",
    "because",
]);
static NEGATORS: WordSet = WordSet::new(&[
    "not",
    "never",
    "no",
    "n't",
    "without",
    "refused",
    "refuses",
    "refuse",
    "declined",
    "declines",
    "decline",
    "failed",
    "fails",
    "fail",
    "cannot",
    "won't",
    "didn't",
    "doesn't",
    "don't",
    "wouldn't",
    "isn't",
    "wasn't",
    "aren't",
    "weren't",
    "hasn't",
    "haven't",
    "hadn't",
    "couldn't",
    "shouldn't",
]);
const ABSTAIN: &[&str] = &[
    "refused", "refuses", "refuse", "declined", "declines", "decline",
];
static AUX_PASSIVE: WordSet = WordSet::new(&[
    "was", "were", "is", "are", "been", "be", "being", "got", "gets",
]);
static COORD_FILLERS: WordSet = WordSet::new(&[
    "and", ",", "both", "his", "her", "its", "their", "the", "a", "an", "&",
]);
static ROLE_NOUNS: WordSet = WordSet::new(&[
    "counterpart",
    "counterparts",
    "president",
    "minister",
    "leader",
    "chief",
    "envoy",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "official",
    "officials",
    "ally",
    "allies",
    "partner",
    "partners",
    "foreign",
    "prime",
    "premier",
]);

/// A closed list of words, with the shapes (first byte and length) its
/// words have: the rules ask these lists about most words of a sentence
/// with two actors, nearly all of them in no list, and the shape turns
/// those away with one bit test where a scan compared them with every
/// entry (29 negators for each of three words before each cue).
struct WordSet {
    words: &'static [&'static str],
    /// Per first byte, bit `n` set when a word of `n` bytes (31 for longer) starts with it.
    shapes: [u32; 256],
}

impl WordSet {
    const fn new(words: &'static [&'static str]) -> WordSet {
        let mut shapes = [0u32; 256];
        let mut i = 0;
        while i < words.len() {
            let b = words[i].as_bytes();
            if !b.is_empty() {
                let n = if b.len() < 31 { b.len() } else { 31 };
                shapes[b[0] as usize] |= 1 << n;
            }
            i += 1;
        }
        WordSet { words, shapes }
    }

    /// Is `w` one of the words?
    #[inline]
    fn contains(&self, w: &&str) -> bool {
        let b = w.as_bytes();
        match b.first() {
            Some(&first) => {
                self.shapes[usize::from(first)] >> b.len().min(31) & 1 != 0
                    && self.words.contains(w)
            }
            None => self.words.contains(w),
        }
    }
}

/// Finds predicate relations in every sentence of `article`.
pub fn find(article: &Article, actors: &ActorSet, lex: &RelationLexicon) -> Vec<Relation> {
    let mut out = Vec::new();
    if actors.mentions.is_empty() {
        return out;
    }
    let tokens = article.tokens();
    let text = article.text();
    // One set of buffers for every sentence, not allocations per sentence.
    let mut words: Vec<&str> = Vec::new();
    let mut slots: Vec<Slot> = Vec::new();
    let mut modifiers: Vec<usize> = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut cursor = MentionCursor::new(actors);
    for (si, sentence) in article.sentences().iter().enumerate() {
        // A relation joins two different actors (`push` drops the rest), so
        // a sentence that names fewer than two has none to find.
        let mentions = cursor.inside(sentence.span);
        let Some(first) = mentions.first() else {
            continue;
        };
        if mentions.iter().all(|m| m.actor == first.actor) {
            continue;
        }
        let toks = &tokens.as_slice()[sentence.tokens.clone()];
        find_slots(text, toks, actors, mentions, &mut slots, &mut modifiers);
        let Some(first) = slots.first() else {
            continue;
        };
        if slots.iter().all(|s| s.actor == first.actor) {
            continue;
        }
        words.clear();
        words.extend(toks.iter().map(|t| tokens.norm(t)));
        group(&slots, &words, &modifiers, &mut groups);
        let mut ctx = Ctx {
            words: &words,
            groups: &groups,
            slots: &slots,
            last_subject: None,
        };
        let mut i = 0;
        while i < words.len() {
            let Some((c, n)) = lex.longest_at(&words, i) else {
                i += 1;
                continue;
            };
            let cue = lex.cue(c);
            let cue_span = Span::new(toks[i].span.start, toks[i + n - 1].span.end);
            let (negated, abstain) = negation(&words, i, lex);
            for (src, tgt, rule, confidence) in ctx.attach(cue.frame, i, n) {
                for &s in &groups_or_slot(&ctx, src) {
                    for &t in &groups_or_slot(&ctx, tgt) {
                        let found = Found {
                            cue,
                            cue_span,
                            sentence: si,
                            negated,
                            abstain,
                            rule,
                            confidence,
                        };
                        push(&mut out, actors, s, t, &found);
                    }
                }
            }
            i += n;
        }
    }
    out
}

/// An attachment point: a whole group, or one member of a group.
#[derive(Clone, Copy, Debug)]
enum Part {
    Group(usize),
    Member(usize, usize),
}

/// (actor, mention span) of each participant a part stands for.
fn groups_or_slot(ctx: &Ctx<'_>, part: Part) -> Vec<(usize, Span)> {
    let slot = |s: usize| (ctx.slots[s].actor, ctx.slots[s].span);
    match part {
        Part::Group(g) => ctx.groups[g].members.clone().map(slot).collect(),
        Part::Member(g, m) => vec![slot(ctx.groups[g].members.start + m)],
    }
}

/// A cue that fired, with how it attached.
struct Found<'a> {
    cue: &'a super::lexicon::Cue,
    cue_span: Span,
    sentence: usize,
    negated: bool,
    abstain: bool,
    rule: &'static str,
    confidence: f32,
}

fn push(
    out: &mut Vec<Relation>,
    actors: &ActorSet,
    (source, source_span): (usize, Span),
    (target, target_span): (usize, Span),
    f: &Found<'_>,
) {
    let Found {
        cue,
        cue_span,
        sentence,
        negated,
        abstain,
        rule,
        confidence,
    } = *f;
    if source == target || affiliated(actors, source, target) {
        return;
    }
    let mut intensity = cue.intensity;
    if negated {
        intensity = if intensity < 0.0 {
            // Refusing to condemn is abstention; not opposing or not ruling
            // out is mild accommodation, never more than +2.
            if abstain {
                0.0
            } else {
                (-intensity * 0.5).min(2.0)
            }
        } else {
            -intensity * 0.5
        };
    }
    let polarity = (intensity / 10.0).clamp(-1.0, 1.0);
    let joint = matches!(
        cue.class.as_str(),
        "agree" | "cooperate" | "ally" | "meet" | "mediate"
    ) || cue.frame.symmetric();
    let label = RelationLabel::of(polarity, joint);
    // One relation per (source, target, sentence, direction of feeling): merge cues.
    if let Some(r) = out.iter_mut().find(|r| {
        r.source == source
            && r.target == target
            && r.sentence == sentence
            && r.via == Via::Predicate
            && (r.polarity >= 0.0) == (polarity >= 0.0)
    }) {
        if !r.cues.contains(&cue_span) {
            r.cues.push(cue_span);
            r.cue_terms.push(cue.term.clone());
        }
        if polarity.abs() > r.polarity.abs() {
            r.polarity = polarity;
            r.intensity = intensity;
            r.label = label;
            r.class = cue.class.clone();
            r.negated = negated;
            r.rule = rule;
        }
        r.confidence = r.confidence.max(confidence);
        for p in [source_span, target_span] {
            if !r.participants.contains(&p) {
                r.participants.push(p);
            }
        }
        return;
    }
    out.push(Relation {
        source,
        target,
        polarity,
        intensity,
        label,
        cues: vec![cue_span],
        cue_terms: vec![cue.term.clone()],
        class: cue.class.clone(),
        sentence,
        via: Via::Predicate,
        negated,
        rule,
        confidence,
        participants: vec![source_span, target_span],
    });
}

/// True when one actor belongs to the other (a minister and their own state).
fn affiliated(actors: &ActorSet, a: usize, b: usize) -> bool {
    let (x, y) = (&actors.actors[a], &actors.actors[b]);
    x.affiliation.as_ref() == Some(&y.id) || y.affiliation.as_ref() == Some(&x.id)
}

/// Negation governing the cue at `i`: (negated, abstention). Looks back three
/// words, stopping at another cue so "did not rule out talks" negates only "rule out".
fn negation(words: &[&str], i: usize, lex: &RelationLexicon) -> (bool, bool) {
    let from = i.saturating_sub(3);
    for j in (from..i).rev() {
        if lex.longest_at(words, j).is_some_and(|(_, n)| j + n <= i) {
            break;
        }
        let w = words[j];
        if NEGATORS.contains(&w) || w.ends_with("n't") {
            return (true, ABSTAIN.contains(&w));
        }
        if matches!(w, "." | ";" | ",") {
            break;
        }
        // "would not bow to pressure from Brussels": past a preposition the
        // negation is the verb's before it, not the noun cue's; "refused to
        // condemn" and "no to sanctions" still reach their negator, which
        // the next step finds.
        if matches!(
            w,
            "to" | "from" | "by" | "under" | "against" | "with" | "of"
        ) {
            let p = if j > 0 { words[j - 1] } else { "" };
            if !(NEGATORS.contains(&p) || p.ends_with("n't")) {
                break;
            }
        }
    }
    (false, false)
}

/// Maps mentions to sentence-relative token ranges in `out`, dropping demonyms
/// that only modify a following person or organisation ("Chinese Foreign
/// Minister Wang Yi"), whose token indices go to `modifiers`: "and Russian
/// President Putin" still coordinates with the name before it. Both buffers
/// are cleared first.
fn find_slots(
    text: &str,
    toks: &[stance_core::Token],
    actors: &ActorSet,
    mentions: &[crate::actors::Mention],
    out: &mut Vec<Slot>,
    modifiers: &mut Vec<usize>,
) {
    out.clear();
    modifiers.clear();
    for (mi, m) in mentions.iter().enumerate() {
        let start = toks.partition_point(|t| t.span.end <= m.span.start);
        let end = toks
            .partition_point(|t| t.span.start < m.span.end)
            .max(start + 1)
            .min(toks.len());
        if start >= toks.len() {
            continue;
        }
        if m.form == MentionForm::Demonym {
            if let Some(next) = mentions.get(mi + 1) {
                let next_kind = actors.actors[next.actor].kind;
                let gap = &text[m.span.end..next.span.start.max(m.span.end)];
                let gap_words = gap.split_whitespace().count();
                if matches!(next_kind, ActorKind::Person | ActorKind::Organization)
                    && gap_words <= 4
                    && !gap.contains([',', ';', '.'])
                {
                    modifiers.extend(start..end);
                    continue;
                }
            }
        }
        let after = &text[m.span.end..];
        let possessive =
            after.starts_with("'s") || after.starts_with("\u{2019}s") || after.starts_with("' ");
        out.push(Slot {
            actor: m.actor,
            start,
            end,
            possessive,
            span: m.span,
        });
    }
}

/// Groups slots joined by coordination: "X and Y", "X, Y and Z", "X and his
/// counterpart Y", into `groups` (cleared first).
fn group(slots: &[Slot], words: &[&str], modifiers: &[usize], groups: &mut Vec<Group>) {
    groups.clear();
    for (i, s) in slots.iter().enumerate() {
        if let Some(g) = groups.last_mut() {
            let prev = &slots[g.members.end - 1];
            let gap = &words[prev.end.min(s.start)..s.start];
            let has_and = gap.contains(&"and") || gap.contains(&"&");
            let gap_start = prev.end.min(s.start);
            let fillers_ok = gap.iter().enumerate().all(|(k, w)| {
                COORD_FILLERS.contains(w)
                    || ROLE_NOUNS.contains(w)
                    || modifiers.contains(&(gap_start + k))
            });
            let list_comma = gap == [","]
                && words[s.end.min(words.len())..]
                    .iter()
                    .take(2)
                    .any(|w| *w == "and")
                && !fronted_object(&slots[g.members.start], slots.get(i + 1), words);
            if !prev.possessive && fillers_ok && gap.len() <= 6 && (has_and || list_comma) {
                g.members.end = i + 1;
                g.end = s.end;
                g.possessive = s.possessive;
                continue;
            }
        }
        groups.push(Group {
            members: i..i + 1,
            start: s.start,
            end: s.end,
            possessive: s.possessive,
        });
    }
}

/// Plural heads whose "of X" names who acts ("the leaders of X and Y agreed").
const SUBJECT_HEADS: &[&str] = &[
    "ministers",
    "leaders",
    "presidents",
    "governments",
    "delegations",
    "officials",
    "envoys",
    "heads",
    "representatives",
    "negotiators",
    "diplomats",
];

const CLAUSE_VERBS: &[&str] = &[
    "have", "has", "had", "are", "is", "were", "was", "will", "would", "could", "can", "may",
    "might", "should", "must", "said", "say", "says", "agreed", "agree", "signed", "met",
];

/// "In a move seen as a pushback against X, Y and Z have agreed": X ends a
/// fronted prepositional phrase and "Y and Z" begin the main clause, so the
/// comma does not join a list.
fn fronted_object(first: &Slot, after_and: Option<&Slot>, words: &[&str]) -> bool {
    let Some(next) = after_and else { return false };
    let after_prep = first
        .start
        .checked_sub(1)
        .is_some_and(|j| PREPOSITIONS.contains(&words[j]))
        || first
            .start
            .checked_sub(2)
            .is_some_and(|j| PREPOSITIONS.contains(&words[j]) && words[j + 1] == "the");
    after_prep
        && words
            .get(next.end)
            .is_some_and(|w| CLAUSE_VERBS.contains(w))
}

struct Ctx<'a> {
    words: &'a [&'a str],
    groups: &'a [Group],
    slots: &'a [Slot],
    last_subject: Option<usize>,
}

impl Ctx<'_> {
    /// (source, target, rule, confidence) pairs for the cue at `i..i+n`.
    fn attach(&mut self, frame: Frame, i: usize, n: usize) -> Vec<(Part, Part, &'static str, f32)> {
        let end = i + n;
        let mut out = Vec::new();
        // "drawing swift condemnation from Tokyo, Seoul and Washington",
        // "praise from Brussels": the act comes from the group after "from"
        // and is aimed at the clause's subject.
        if matches!(frame, Frame::Noun | Frame::Verb) && self.possessor(i).is_none() {
            if let Some(src) = self.after_word(end, "from", 1) {
                if let Some(tgt) = self.left_group(i).or_else(|| self.sentence_subject(i)) {
                    out.push((Part::Group(src), tgt, "noun-from", 0.7));
                }
                return out;
            }
        }
        match frame {
            Frame::Verb | Frame::Adj => {
                // Passive: "X was condemned by Y", "a parade hosted by Y".
                let aux = i > 0 && AUX_PASSIVE.contains(&self.words[i - 1])
                    || i > 1
                        && AUX_PASSIVE.contains(&self.words[i - 2])
                        && self.words[i - 1].ends_with("ly");
                let by = self.after_word(end, "by", 3);
                if frame == Frame::Verb && (aux || by.is_some()) {
                    if let (Some(src), Some(tgt)) = (by, self.left_group(i)) {
                        out.push((Part::Group(src), tgt, "passive-by", 0.8));
                        return out;
                    }
                    if aux {
                        return out;
                    }
                }
                // "Beijing's support for North Korea": the verb form used as a noun.
                if let Some(p) = self.possessor(i) {
                    if let Some(t) = self.right_group(end, 4) {
                        out.push((Part::Group(p), Part::Group(t), "possessive-noun", 0.8));
                    }
                    return out;
                }
                let target = self.right_group(end, if frame == Frame::Adj { 3 } else { 6 });
                let source = self.left_group(i).or_else(|| self.coordinated_subject(i));
                if let (Some(s), Some(t)) = (source, target) {
                    self.remember(s);
                    out.push((
                        s,
                        Part::Group(t),
                        if frame == Frame::Adj {
                            "adjective"
                        } else {
                            "active-verb"
                        },
                        0.75,
                    ));
                } else if let (None, Some(t)) = (source, target) {
                    if let Some(s) = self.fronted_subject(i) {
                        out.push((Part::Group(s), Part::Group(t), "fronted-phrase", 0.55));
                    }
                }
            }
            Frame::Noun => {
                let target = self.right_group(end, 4);
                let Some(t) = target else { return out };
                if let Some(p) = self.possessor(i) {
                    out.push((Part::Group(p), Part::Group(t), "possessive-noun", 0.8));
                } else if let Some(src) = self.after_word(self.groups[t].end, "by", 2) {
                    out.push((Part::Group(src), Part::Group(t), "noun-by", 0.75));
                } else if let Some(s) = self.fronted_subject(i) {
                    out.push((Part::Group(s), Part::Group(t), "fronted-phrase", 0.55));
                } else if let Some(s) = self.left_group(i) {
                    out.push((s, Part::Group(t), "noun-subject", 0.5));
                }
            }
            Frame::Sym | Frame::SymNoun => {
                // "ties between X and Y"
                if let Some(g) = self.after_word(end, "between", 2) {
                    self.pairwise(g, &mut out, "between");
                    return out;
                }
                // "X's ties with Y", "X cooperates with Y"
                if let Some(t) = self
                    .after_word(end, "with", 4)
                    .or_else(|| self.after_word(end, "to", 1))
                {
                    let s = self
                        .possessor(i)
                        .map(Part::Group)
                        .or_else(|| self.left_group(i));
                    if let Some(s) = s {
                        self.remember(s);
                        out.push((s, Part::Group(t), "symmetric-with", 0.75));
                        out.push((Part::Group(t), s, "symmetric-with", 0.75));
                    }
                    return out;
                }
                // "X and Y agreed", "X and Y have agreed to deepen ties"
                if let Some(Part::Group(g)) =
                    self.left_group(i).or_else(|| self.coordinated_subject(i))
                {
                    if self.groups[g].members.len() >= 2 {
                        self.remember(Part::Group(g));
                        self.pairwise(g, &mut out, "coordinated-subject");
                    } else if frame == Frame::Sym {
                        if let Some(t) = self.right_group(i + 1, 3) {
                            out.push((Part::Group(g), Part::Group(t), "symmetric-object", 0.6));
                            out.push((Part::Group(t), Part::Group(g), "symmetric-object", 0.6));
                        }
                    }
                }
            }
        }
        out
    }

    fn pairwise(
        &self,
        g: usize,
        out: &mut Vec<(Part, Part, &'static str, f32)>,
        rule: &'static str,
    ) {
        let n = self.groups[g].members.len();
        for a in 0..n {
            for b in 0..n {
                if a != b {
                    out.push((Part::Member(g, a), Part::Member(g, b), rule, 0.8));
                }
            }
        }
    }

    fn remember(&mut self, part: Part) {
        if let Part::Group(g) = part {
            self.last_subject = Some(g);
        }
    }

    /// The group whose possessive `'s` precedes the cue, allowing two modifiers between.
    fn possessor(&self, cue: usize) -> Option<usize> {
        self.groups.iter().rposition(|g| {
            g.possessive
                && g.end <= cue
                && cue - g.end <= 2
                && self.words[g.end..cue]
                    .iter()
                    .all(|w| w.chars().all(char::is_alphabetic))
        })
    }

    /// The group right after the cue, within `max_gap` words, not crossing a barrier.
    fn right_group(&self, from: usize, max_gap: usize) -> Option<usize> {
        let g = self.groups.iter().position(|g| g.start >= from)?;
        let gap = &self.words[from..self.groups[g].start];
        (gap.len() <= max_gap
            && !gap
                .iter()
                .any(|w| RIGHT_BARRIERS.contains(w) || *w == "," || *w == "."))
        .then_some(g)
    }

    /// The group following `word` (which follows the cue within `within` words).
    fn after_word(&self, from: usize, word: &str, within: usize) -> Option<usize> {
        let at =
            (from..(from + within + 1).min(self.words.len())).find(|&j| self.words[j] == word)?;
        if self.words[from..at]
            .iter()
            .any(|w| RIGHT_BARRIERS.contains(w) || *w == ",")
        {
            return None;
        }
        self.right_group(at + 1, 2)
    }

    /// The subject to the left of the cue: the nearest group not inside a
    /// prepositional phrase, without crossing a clause barrier. Before
    /// ", which/who" it is the last conjunct, unless the group follows
    /// "between" (then "which" refers to the relation itself).
    fn left_group(&self, cue: usize) -> Option<Part> {
        for g in (0..self.groups.len()).rev() {
            let grp = &self.groups[g];
            if grp.end > cue {
                continue;
            }
            let gap = &self.words[grp.end..cue];
            if gap.iter().any(|w| LEFT_BARRIERS.contains(w)) || gap.len() > 12 {
                return None;
            }
            // A coordinator right before the cue means another verb's object sits here.
            if gap
                .first()
                .is_some_and(|w| matches!(*w, "but" | "and" | "yet"))
            {
                return None;
            }
            if gap.len() >= 2 && matches!(gap[gap.len() - 1], "and" | "but" | "yet")
                || gap.last() == Some(&"and")
            {
                return None;
            }
            let before = grp.start.checked_sub(1).map(|j| self.words[j]);
            let relative = gap.iter().any(|w| matches!(*w, "which" | "who"));
            if before == Some("between") {
                return relative.then_some(Part::Group(g));
            }
            // "The foreign ministers of Türkiye, Georgia and Azerbaijan agreed":
            // after "<role> of", the group is who acts.
            let role_of = before == Some("of")
                && grp.start >= 2
                && SUBJECT_HEADS.contains(&self.words[grp.start - 2]);
            // "over northern Japan", "against the United States": a preposition
            // one modifier back still makes a prepositional phrase.
            let before2 = grp.start.checked_sub(2).map(|j| self.words[j]);
            let modifier = before.is_some_and(|w| w.chars().all(|c| c.is_ascii_lowercase()));
            let in_pp = before.is_some_and(|w| PREPOSITIONS.contains(&w))
                || (modifier && before2.is_some_and(|w| PREPOSITIONS.contains(&w)));
            if in_pp && !role_of {
                continue;
            }
            if grp.possessive {
                continue;
            }
            if relative && grp.members.len() > 1 {
                return Some(Part::Member(g, grp.members.len() - 1));
            }
            return Some(Part::Group(g));
        }
        None
    }

    /// The first group of the sentence, when nothing but words (no clause
    /// barrier) separates it from the cue at `cue`: the subject of a long
    /// clause ("North Korea fired a missile ..., drawing condemnation from X").
    fn sentence_subject(&self, cue: usize) -> Option<Part> {
        let g = self.groups.first()?;
        let before = g.start.checked_sub(1).map(|j| self.words[j]);
        (g.end <= cue
            && !before.is_some_and(|w| PREPOSITIONS.contains(&w))
            && !self.words[g.end..cue]
                .iter()
                .any(|w| LEFT_BARRIERS.contains(w)))
        .then_some(Part::Group(0))
    }

    /// "Seoul praised Tokyo but condemned Pyongyang": the second verb shares the first one's subject.
    fn coordinated_subject(&self, cue: usize) -> Option<Part> {
        let prev = cue.checked_sub(1).map(|j| self.words[j]);
        let prev2 = cue.checked_sub(2).map(|j| self.words[j]);
        let coord = |w: Option<&str>| matches!(w, Some("but" | "and" | "yet" | "then"));
        (coord(prev) || coord(prev2) && prev.is_some_and(|w| w.ends_with("ly") || w == "also"))
            .then_some(self.last_subject.map(Part::Group))
            .flatten()
    }

    /// For a cue in a fronted phrase ("In a move seen as a pushback against the
    /// United States, North Korea and China have agreed"), the main clause's subject.
    fn fronted_subject(&self, cue: usize) -> Option<usize> {
        let comma = (cue..self.words.len()).find(|&j| self.words[j] == ",")?;
        if self.words[..cue]
            .iter()
            .any(|w| *w == "," || LEFT_BARRIERS.contains(w))
        {
            return None;
        }
        let g = self.groups.iter().position(|g| g.start > comma)?;
        (self.groups[g].start - comma <= 3).then_some(g)
    }
}

#[cfg(test)]
mod word_set_tests {
    use super::*;

    /// The shape test never turns a listed word away.
    #[test]
    fn word_sets_hold_their_words_only() {
        for set in [
            &PREPOSITIONS,
            &LEFT_BARRIERS,
            &RIGHT_BARRIERS,
            &NEGATORS,
            &AUX_PASSIVE,
            &COORD_FILLERS,
            &ROLE_NOUNS,
        ] {
            for w in set.words {
                assert!(set.contains(w), "{w}");
            }
            for w in ["", "x", "the-end", "notably", "n", "counterpartss"] {
                assert_eq!(set.contains(&w), set.words.contains(&w), "{w}");
            }
        }
    }
}
