//! Result types: scores, labels and evidence, all serialisable for reports.

use std::ops::Range;

use stance_core::Span;

/// A three-way sentiment label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// Below the negative threshold.
    Negative,
    /// Between the thresholds.
    Neutral,
    /// Above the positive threshold.
    Positive,
}

impl Label {
    /// `negative`, `neutral` or `positive`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Negative => "negative",
            Label::Neutral => "neutral",
            Label::Positive => "positive",
        }
    }
}

/// Why a multiplier was applied to a term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// An intensifier or diminisher before the term.
    Intensifier,
    /// A negator reversed the term.
    Negation,
    /// An even number of negators cancelled out.
    DoubleNegation,
    /// A positive term is what a harm falls on ("a threat to peace").
    HarmedObject,
    /// The term is in a clause before an adversative cue ("but").
    ContrastBefore,
    /// The term is after an adversative cue.
    ContrastAfter,
    /// The term is in a concessive clause ("although", "despite").
    Concessive,
    /// A hedge or modal in the term's clause.
    Hedge,
    /// The sentence is a question.
    Question,
    /// Exclamation marks in the sentence.
    Exclamation,
    /// The term is written in capitals.
    Emphasis,
    /// The term is capitalised mid-sentence, so probably part of a name.
    ProperName,
}

/// One multiplier applied to a term, with the cue that caused it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Multiplier {
    /// Why.
    pub reason: Reason,
    /// The factor.
    pub factor: f64,
    /// Bytes of the cue word(s), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cue: Option<Span>,
}

/// One matched lexicon term and what it contributes to its sentence's score.
///
/// Invariant: the `contribution`s of a sentence's evidence sum to its score;
/// `raw = base * product(multipliers)` and `contribution = raw * scale`, where
/// `scale` is the sentence's squashing factor `score / sum(raw)`.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Evidence {
    /// Bytes of the matched words in the article.
    pub span: Span,
    /// Token indices of the matched words.
    #[serde(skip)]
    pub tokens: Range<usize>,
    /// The lexicon entry as written (`hegemon*`).
    pub entry: &'static str,
    /// Name of the lexicon it came from.
    pub lexicon: &'static str,
    /// The entry's weight in `[-1, 1]`.
    pub base: f64,
    /// Multipliers in the order applied.
    pub multipliers: Vec<Multiplier>,
    /// `base` times every multiplier.
    pub raw: f64,
    /// Share of the sentence score.
    pub contribution: f64,
    /// Clause index inside the sentence.
    #[serde(skip)]
    pub clause: u32,
}

impl Evidence {
    /// `base` times every multiplier except contrast re-weighting: what the
    /// term says about the words around it. "But" decides which clause sums
    /// up a sentence, not what a clause says about its own target.
    pub fn local_raw(&self) -> f64 {
        self.multipliers
            .iter()
            .filter(|m| !matches!(m.reason, Reason::ContrastBefore | Reason::ContrastAfter))
            .fold(self.base, |acc, m| acc * m.factor)
    }
}

/// The sentiment of one sentence.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SentenceSentiment {
    /// Bytes of the sentence.
    pub span: Span,
    /// Token indices of the sentence.
    #[serde(skip)]
    pub tokens: Range<usize>,
    /// Score in `[-1, 1]`.
    pub score: f64,
    /// Label by the sentence thresholds.
    pub label: Label,
    /// The terms that make up the score.
    pub evidence: Vec<Evidence>,
    /// Token index where each clause starts, ascending (the first is `tokens.start`).
    #[serde(skip)]
    pub clause_starts: Vec<usize>,
    /// Token index of each adversative cue ("but") that has words before it.
    #[serde(skip)]
    pub contrasts: Vec<usize>,
    /// True when the sentence opens with an adversative cue ("But ...").
    #[serde(skip)]
    pub opens_with_contrast: bool,
    /// Token ranges inside quotation marks (a quote left open runs to the
    /// sentence end; a close with no open starts at the sentence start).
    #[serde(skip)]
    pub quotes: Vec<Range<usize>>,
    /// Token indices, ascending, that continue a unit of several tokens (a
    /// lexicon entry of several words matched here); every other token of
    /// the sentence starts a unit. A part of the sentence that starts and
    /// ends where units start is split into the same units as the sentence
    /// is there, which lets a caller know a part's evidence without scoring
    /// it again.
    #[serde(skip)]
    pub continued: Vec<usize>,
    /// The units the scoring split the sentence into, by start, lone words
    /// that matched nothing left out: a part of the sentence is split
    /// again from them without looking its words up again
    /// (`SentimentEngine::part`).
    #[serde(skip)]
    pub(crate) units: Vec<super::engine::Unit>,
}

impl SentenceSentiment {
    /// The quote containing token `t`, if any.
    pub fn quote_of(&self, t: usize) -> Option<usize> {
        self.quotes.iter().position(|q| q.contains(&t))
    }
}

impl SentenceSentiment {
    /// The clause index of token `t`.
    pub fn clause_of(&self, t: usize) -> u32 {
        self.clause_starts
            .partition_point(|&s| s <= t)
            .saturating_sub(1) as u32
    }
}

/// The tone of a document: a length-independent average of sentence scores.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Tone {
    /// Score in `[-1, 1]`.
    pub score: f64,
    /// Label by the document thresholds.
    pub label: Label,
    /// Sentences with at least one evidence item.
    pub opinionated_sentences: usize,
    /// All sentences.
    pub sentences: usize,
}

/// The sentiment of an article: tone plus each sentence.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ArticleSentiment {
    /// Document tone.
    pub tone: Tone,
    /// Per sentence, in order.
    pub sentences: Vec<SentenceSentiment>,
}

impl Default for ArticleSentiment {
    fn default() -> Self {
        ArticleSentiment {
            tone: Tone {
                score: 0.0,
                label: Label::Neutral,
                opinionated_sentences: 0,
                sentences: 0,
            },
            sentences: Vec::new(),
        }
    }
}

impl ArticleSentiment {
    /// The sentence containing byte `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<&SentenceSentiment> {
        let i = self.sentences.partition_point(|s| s.span.end <= at);
        self.sentences.get(i).filter(|s| s.span.start <= at)
    }
}

/// One sentence evidence item as weighed toward a target.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct TargetItem {
    /// Index into the sentence's `evidence`.
    pub evidence: usize,
    /// Weight of the item for this target (distance, clause, side).
    pub weight: f64,
    /// Share of the target score.
    pub contribution: f64,
}

/// Sentiment toward one span (an actor mention) inside a sentence.
///
/// Invariant: the `contribution`s of `items` sum to `score`.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TargetScore {
    /// Score in `[-1, 1]`.
    pub score: f64,
    /// Label by the target thresholds.
    pub label: Label,
    /// The weighed evidence.
    pub items: Vec<TargetItem>,
}
