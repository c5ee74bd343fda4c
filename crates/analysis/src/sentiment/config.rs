//! Every constant of the scoring model, in one documented struct.

/// Label thresholds: a score at or above `positive` is positive, at or below
/// `negative` is negative, anything between is neutral.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Thresholds {
    /// Lowest positive score.
    pub positive: f64,
    /// Highest negative score.
    pub negative: f64,
}

impl Thresholds {
    /// The label of `score`.
    pub fn label(&self, score: f64) -> super::Label {
        if score >= self.positive {
            super::Label::Positive
        } else if score <= self.negative {
            super::Label::Negative
        } else {
            super::Label::Neutral
        }
    }
}

/// How target-dependent scoring weighs the evidence of a sentence.
///
/// An evidence item at token distance `d` from the target, `c` clauses away,
/// gets weight `exp(-d / decay) * other_clause^c * side`, where `side` is
/// `before` or `after` depending on which side of the target it lies, times
/// `across_contrast` for each adversative cue ("but") between them; items
/// inside the target (or in its possessive phrase, "Trump's failed policy")
/// get `inside`. When the target is the speaker of a speech verb, items
/// outside it also get `speaker`. A relative clause opened right after the target ("Kim, who
/// threatened ...") counts as the target's own clause.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct TargetConfig {
    /// Token distance at which an item's weight falls to 1/e. Default 20.
    pub decay: f64,
    /// Weight factor per clause boundary between item and target. Default 0.8.
    pub other_clause: f64,
    /// Factor for an item inside a quotation the target is not in (or the
    /// reverse): a speaker's quote evaluates its topic, not the speaker. Default 0.5.
    pub across_quote: f64,
    /// Factor per adversative cue between item and target. Default 0.5.
    pub across_contrast: f64,
    /// Factor for every item outside the target when the target is the
    /// speaker of a speech verb ("Smith said ...", "..., said Smith",
    /// "according to Smith"): what a source says is mostly about its topic,
    /// not about the source. Default 0.3.
    pub speaker: f64,
    /// Factor for items before the target. Default 1.0.
    pub before: f64,
    /// Factor for items after the target. Default 1.0.
    pub after: f64,
    /// Weight of items inside the target mention or its possessive phrase. Default 1.0.
    pub inside: f64,
    /// Label thresholds for target scores. Default ±0.1.
    pub thresholds: Thresholds,
}

impl Default for TargetConfig {
    fn default() -> Self {
        TargetConfig {
            decay: 20.0,
            other_clause: 0.8,
            across_contrast: 0.5,
            across_quote: 0.5,
            speaker: 0.3,
            before: 1.0,
            after: 1.0,
            inside: 1.0,
            thresholds: Thresholds {
                positive: 0.1,
                negative: -0.1,
            },
        }
    }
}

/// The constants of the scoring model. Defaults are documented per field.
///
/// A sentence's raw sum `S` of evidence items (base weight times
/// multipliers) is squashed to `S / sqrt(S² + alpha)`, which is near-linear
/// for one or two terms and approaches ±1 only for many strong terms.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct SentimentConfig {
    /// Squashing constant for sentence scores. Default 1.0.
    pub alpha: f64,
    /// Factor for a negated positive term ("not good"). Default -0.75.
    pub negated_positive: f64,
    /// Factor for a negated negative term ("not bad" is mildly positive). Default -0.3.
    pub negated_negative: f64,
    /// Factor when an even number of negators cancel ("not without merit"). Default 0.9.
    pub double_negation: f64,
    /// Factor for a positive term that is what a harm falls on ("a threat
    /// to peace", "consequences for global stability"). Default -0.75.
    pub harmed_object: f64,
    /// Most tokens between a negator and the term it reverses. Default 4.
    pub negation_window: usize,
    /// Most tokens between an intensifier and the term it scales. Default 2.
    pub intensifier_window: usize,
    /// Factor for terms in the clause before an adversative cue ("good, but ..."). Default 0.5.
    pub contrast_before: f64,
    /// Factor for terms after an adversative cue that has words before it. Default 1.5.
    pub contrast_after: f64,
    /// Factor for terms in a clause opened by a concessive cue ("although ..."). Default 0.5.
    pub concessive: f64,
    /// Factor for terms in a question. Default 0.8.
    pub question: f64,
    /// Added to the factor 1 per `!` in the sentence, at most three. Default 0.2.
    pub exclamation: f64,
    /// Factor for a term written in capitals inside mixed-case text. Default 1.25.
    pub emphasis: f64,
    /// Factor for a capitalised term inside a sentence not in title case
    /// ("Justice Department", "Hope Hicks"). Default 0.3.
    pub proper_name: f64,
    /// Weight of a sentence without evidence in the document tone denominator. Default 0.2.
    pub neutral_sentence_weight: f64,
    /// Number of sentences a document tone is computed over before it is
    /// scaled down for length (see [`super::SentimentEngine::tone`]). Default 3.
    pub tone_window: f64,
    /// Labels of sentence scores and document tone. Default ±0.05.
    pub thresholds: Thresholds,
    /// Target-dependent scoring.
    pub target: TargetConfig,
}

impl Default for SentimentConfig {
    fn default() -> Self {
        SentimentConfig {
            alpha: 1.0,
            negated_positive: -0.75,
            negated_negative: -0.3,
            double_negation: 0.9,
            harmed_object: -0.75,
            negation_window: 4,
            intensifier_window: 2,
            contrast_before: 0.5,
            contrast_after: 1.5,
            concessive: 0.5,
            question: 0.8,
            exclamation: 0.2,
            emphasis: 1.25,
            proper_name: 0.3,
            neutral_sentence_weight: 0.2,
            tone_window: 3.0,
            thresholds: Thresholds {
                positive: 0.05,
                negative: -0.05,
            },
            target: TargetConfig::default(),
        }
    }
}

impl SentimentConfig {
    /// Names accepted by [`set`](Self::set).
    pub const PARAMS: &[&str] = &[
        "alpha",
        "negated_positive",
        "negated_negative",
        "double_negation",
        "harmed_object",
        "negation_window",
        "intensifier_window",
        "contrast_before",
        "contrast_after",
        "concessive",
        "question",
        "exclamation",
        "emphasis",
        "proper_name",
        "neutral_sentence_weight",
        "tone_window",
        "positive",
        "negative",
        "target.decay",
        "target.other_clause",
        "target.across_contrast",
        "target.across_quote",
        "target.speaker",
        "target.before",
        "target.after",
        "target.inside",
        "target.positive",
        "target.negative",
    ];

    /// Sets one constant by name (see [`PARAMS`](Self::PARAMS)); for experiments.
    pub fn set(&mut self, name: &str, value: f64) -> Result<(), String> {
        if !value.is_finite() {
            return Err(format!("{name}: {value} is not a finite number"));
        }
        let window = || {
            if value >= 0.0 {
                Ok(value as usize)
            } else {
                Err(format!("{name} must be >= 0"))
            }
        };
        match name {
            "alpha" if value > 0.0 => self.alpha = value,
            "negated_positive" => self.negated_positive = value,
            "negated_negative" => self.negated_negative = value,
            "double_negation" => self.double_negation = value,
            "harmed_object" => self.harmed_object = value,
            "negation_window" => self.negation_window = window()?,
            "intensifier_window" => self.intensifier_window = window()?,
            "contrast_before" => self.contrast_before = value,
            "contrast_after" => self.contrast_after = value,
            "concessive" => self.concessive = value,
            "question" => self.question = value,
            "exclamation" => self.exclamation = value,
            "emphasis" => self.emphasis = value,
            "proper_name" => self.proper_name = value,
            "neutral_sentence_weight" => self.neutral_sentence_weight = value,
            "tone_window" if value >= 1.0 => self.tone_window = value,
            "positive" => self.thresholds.positive = value,
            "negative" => self.thresholds.negative = value,
            "target.decay" if value > 0.0 => self.target.decay = value,
            "target.other_clause" => self.target.other_clause = value,
            "target.across_contrast" => self.target.across_contrast = value,
            "target.across_quote" => self.target.across_quote = value,
            "target.speaker" => self.target.speaker = value,
            "target.before" => self.target.before = value,
            "target.after" => self.target.after = value,
            "target.inside" => self.target.inside = value,
            "target.positive" => self.target.thresholds.positive = value,
            "target.negative" => self.target.thresholds.negative = value,
            "alpha" | "target.decay" => return Err(format!("{name} must be > 0")),
            "tone_window" => return Err(format!("{name} must be >= 1")),
            _ => {
                return Err(format!(
                    "unknown parameter {name:?} (known: {})",
                    Self::PARAMS.join(", ")
                ));
            }
        }
        Ok(())
    }
}
