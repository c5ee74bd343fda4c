//! Attributions in a plain-text article's headline, which is not part of the
//! body's tokens or sentences.
//!
//! Headlines drop the words a body sentence would have, so two compact forms
//! carry most of their attributions:
//!
//! - a source label and a colon: `Kasich: 'We Are Going All The Way.'`,
//!   `Poll: Trump and Clinton hold narrow leads` — the label is the speaker,
//!   there is no cue;
//! - a subject and a speech verb, often in title case: `Trump Says He Never
//!   Pledged …`, `Senator slams plan` — the words after the verb are the content.
//!
//! A headline is one line, so the look-up is a scan of a few words; the body
//! passes never see it.

use stance_core::{Article, Span};

use super::words::{BE, PRONOUNS, STOP, is_in};
use super::{CueClass, Quote, QuoteKind, SpeechVerbs};
use crate::actors::ActorSet;

/// Most words a speaker label or subject may have (`OK Gov Mary Fallin:`).
const MAX_SPEAKER_WORDS: usize = 5;

/// Marks and punctuation trimmed from the ends of a headline's content.
const EDGE: &[char] = &[
    ' ', '.', ',', ';', ':', '"', '\'', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}',
];

/// Opening quotation marks: content that starts with one is the speaker's own words.
const OPENERS: &[char] = &['"', '\'', '\u{2018}', '\u{201c}'];

/// Words after a verb that make it a phrasal verb or a passive ("Calls Off", "Praised By").
const PARTICLES: &[&str] = &[
    "off", "up", "out", "back", "down", "over", "by", "as", "in", "on", "at", "with", "from",
    "into",
];

/// Adverbs between a headline's subject and its verb (`Cuban Just Revealed`).
const ADVERBS: &[&str] = &["just", "now", "also", "finally", "again", "reportedly"];

/// The headline's attribution, if it has one of the two forms.
pub(super) fn find(article: &Article, actors: &ActorSet, lexicon: &SpeechVerbs) -> Option<Quote> {
    let title = article.title_span()?;
    let text = article.text();
    let line = title.slice(text);
    let (speaker, cue, class, content, rule) = colon_label(line)
        .filter(|&(label, _)| names_a_source(&line[label.0..label.1]))
        .map(|(speaker, content)| (speaker, None, None, content, "headline-label"))
        .or_else(|| {
            speech_verb(line, lexicon).map(|(speaker, cue, class, content)| {
                (speaker, Some(cue), Some(class), content, "headline-verb")
            })
        })?;
    // Offsets within the line, moved into the text.
    let at = |r: (usize, usize)| Span::new(title.start + r.0, title.start + r.1);
    let kind = if line[content.0..].starts_with(OPENERS) {
        QuoteKind::Direct
    } else {
        QuoteKind::Indirect
    };
    let content = trim(line, content)?;
    let speaker_mention = at(speaker);
    Some(Quote {
        id: 0,
        kind,
        span: at(content),
        cue: cue.map(at),
        speaker_mention: Some(speaker_mention),
        speaker: speaker_in(actors, speaker_mention),
        group: Vec::new(),
        cue_class: class,
        rule,
        confidence: 0.6,
    })
}

/// `Label: content` with a short label that does not open with an article
/// ("The Latest:" is a section name, not a source). Returns the label's and
/// the content's byte ranges in `line`.
fn colon_label(line: &str) -> Option<((usize, usize), (usize, usize))> {
    let colon = line.find(": ")?;
    let label = &line[..colon];
    let words = label.split_whitespace().count();
    let first = label.split_whitespace().next()?;
    if words > MAX_SPEAKER_WORDS
        || label.contains([',', ';', '"', '\u{201c}'])
        || ["the", "a", "an"].contains(&first.to_lowercase().as_str())
    {
        return None;
    }
    let content = (colon + 2, line.len());
    (words_in(&line[content.0..]) >= 3).then_some(((0, colon), content))
}

/// Could the label be a source rather than a tag on the story? Tags are
/// shouted ("BOOM:", "EXCLUSIVE:"), participles ("Breaking:", "Revealed:")
/// or a clause of their own ("Bill is back:"); "AP:", "Poll:" and "Kasich:"
/// are sources.
fn names_a_source(label: &str) -> bool {
    let words: Vec<&str> = word_ranges(label).map(|(a, b)| &label[a..b]).collect();
    let shouted = words
        .iter()
        .all(|w| w.len() > 3 && !w.chars().any(char::is_lowercase));
    let participle = matches!(words.as_slice(), [w] if w.ends_with("ing") || w.ends_with("ed"));
    let clause = words.iter().any(|w| is_in(BE, &w.to_lowercase()));
    !(shouted || participle || clause)
}

/// `Subject Verb content`: the first speech verb among the first few words,
/// in a finite form ("Says", "slams"; not "criticizing"), with the subject
/// before it and at least two words after it. Returns the subject's, the
/// cue's and the content's byte ranges in `line`, and the cue's class.
#[allow(clippy::type_complexity)]
fn speech_verb(
    line: &str,
    lexicon: &SpeechVerbs,
) -> Option<((usize, usize), (usize, usize), CueClass, (usize, usize))> {
    let words: Vec<(usize, usize)> = word_ranges(line).take(MAX_SPEAKER_WORDS + 1).collect();
    for (i, &(s, e)) in words.iter().enumerate().skip(1) {
        let w = line[s..e].to_lowercase();
        let Some((1, class)) = lexicon.match_lazy(&w, 1, |_| "") else {
            continue;
        };
        // The subject, without the adverbs before the verb.
        let mut last = i - 1;
        while last > 0
            && ADVERBS.contains(&line[words[last].0..words[last].1].to_lowercase().as_str())
        {
            last -= 1;
        }
        // A subject of names and nouns: a function word ("Hacker who
        // revealed", "Immigrants can find") makes the verb part of a clause.
        let clause = words[..=last].iter().any(|&(a, b)| {
            let w = line[a..b].to_lowercase();
            is_in(STOP, &w) || is_in(PRONOUNS, &w)
        });
        if w.ends_with("ing") || clause || line[..s].contains([',', ':', ';']) {
            return None;
        }
        // After the character that ends the verb (a space, or a mark).
        let after = line[e..]
            .chars()
            .next()
            .map_or(line.len(), |c| e + c.len_utf8());
        let content = (after, line.len());
        // "Calls Off Strike", "Signs Up": a particle makes another verb.
        let particle = word_ranges(&line[after..]).next().is_some_and(|(a, b)| {
            PARTICLES.contains(&line[after + a..after + b].to_lowercase().as_str())
        });
        if particle || words_in(&line[after..]) < 2 {
            return None;
        }
        return Some(((0, words[last].1), (s, e), class, content));
    }
    None
}

/// Byte ranges of the whitespace-separated words of `s`, without edge punctuation.
fn word_ranges(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    s.split(' ').filter_map(move |w| {
        let start = at;
        at += w.len() + 1;
        let lead = w.len() - w.trim_start_matches(EDGE).len();
        let core = w.trim_matches(EDGE);
        (!core.is_empty()).then_some((start + lead, start + lead + core.len()))
    })
}

fn words_in(s: &str) -> usize {
    word_ranges(s).count()
}

/// `r` without edge marks and punctuation; `None` when nothing is left.
fn trim(line: &str, r: (usize, usize)) -> Option<(usize, usize)> {
    let s = &line[r.0..r.1];
    let start = r.0 + (s.len() - s.trim_start_matches(EDGE).len());
    let end = r.0 + s.trim_end_matches(EDGE).len();
    (start < end).then_some((start, end))
}

/// The actor named last in the speaker phrase (its head: "Former Mexico
/// leader Calderon" is Calderon), if the actors stage found one there.
fn speaker_in(actors: &ActorSet, span: Span) -> Option<usize> {
    actors.mentions_in(span).last().map(|m| m.actor)
}
