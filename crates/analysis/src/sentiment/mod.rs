//! Sentiment: a clause-aware lexicon engine with evidence for every score.
//!
//! ```text
//! tokens ──▶ matcher (terms, cues; longest match, each token once)
//!        ──▶ clauses (punctuation, conjunctions, contrast cues)
//!        ──▶ shifters per term (intensifier, negation, hedge, contrast, question, !, CAPS)
//!        ──▶ sentence score S/√(S²+α) ──▶ document tone (mean over sentences)
//!                                      └─▶ toward(target span): distance/clause-weighted
//! ```
//! Built once with [`SentimentEngineBuilder`] from the built-in lexicons and
//! any researcher dictionaries ([`formats`]); every score is the sum of its
//! [`Evidence`] items.

mod builtin;
mod config;
mod engine;
pub mod formats;
mod matcher;
mod shifters;
mod types;

pub use config::{SentimentConfig, TargetConfig, Thresholds};
pub use engine::{SentimentEngine, SentimentEngineBuilder};
pub use formats::{LexiconEntry, LexiconFormat, LexiconInfo, SentimentLexicon};
pub use shifters::{ContrastKind, Cue, ShifterLexicon, ShifterRole};
pub use types::{
    ArticleSentiment, Evidence, Label, Multiplier, Reason, SentenceSentiment, TargetItem,
    TargetScore, Tone,
};

/// Parses every built-in lexicon, for `stance lexicon info` and `dump`.
pub fn builtin_lexicons()
-> Result<(Vec<SentimentLexicon>, Vec<ShifterLexicon>), crate::lexicon::LexiconError> {
    let mut s = Vec::new();
    for (origin, text) in builtin::SENTIMENT {
        s.push(SentimentLexicon::parse(
            origin,
            text,
            LexiconFormat::Native,
        )?);
    }
    let mut c = Vec::new();
    for (origin, text, role) in builtin::SHIFTERS {
        c.push(ShifterLexicon::parse(origin, text, *role)?);
    }
    Ok((s, c))
}

#[cfg(test)]
mod tests;
