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
//!
//! ```
//! use stance_analysis::sentiment::{Label, SentimentEngine};
//! use stance_core::{Article, ArticleId, Span};
//!
//! let engine = SentimentEngine::builtin().unwrap();
//! let text = "Talks Stall\nSeoul praised Tokyo but condemned Pyongyang.";
//! let article = Article::parse(ArticleId("demo".into()), text.into()).unwrap();
//! let sentiment = engine.article(&article);
//! // Toward one mention: find its sentence, then weigh that sentence's evidence.
//! let at = text.find("Pyongyang").unwrap();
//! let mention = Span::new(at, at + "Pyongyang".len());
//! let sentence = sentiment.sentence_at(mention.start).unwrap();
//! let toward = engine.toward(article.tokens(), sentence, mention);
//! assert_eq!(toward.label, Label::Negative);
//! let sum: f64 = toward.items.iter().map(|i| i.contribution).sum();
//! assert!((sum - toward.score).abs() < 1e-12);
//! ```

mod builtin;
mod config;
mod engine;
pub mod formats;
mod intern;
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
