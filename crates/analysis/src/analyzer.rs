//! The [`Analyzer`]: all lexicons compiled once, then any number of articles
//! analysed, one at a time or in parallel batches that keep input order.

use rayon::prelude::*;
use stance_core::Article;

use crate::actors::ActorSet;
use crate::quotes::{self, Quote, SpeechVerbs};

/// Everything the stages found in one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleAnalysis {
    /// Actors and their mentions.
    pub actors: ActorSet,
    /// Quotations with their speakers, in text order.
    pub quotes: Vec<Quote>,
}

/// Builds an [`Analyzer`].
#[derive(Clone, Debug, Default)]
pub struct AnalyzerBuilder {}

impl AnalyzerBuilder {
    /// A builder with the built-in lexicons.
    pub fn new() -> AnalyzerBuilder {
        AnalyzerBuilder::default()
    }

    /// Compiles the lexicons into an analyzer.
    pub fn build(&self) -> Result<Analyzer, crate::lexicon::LexiconError> {
        Ok(Analyzer {
            speech_verbs: SpeechVerbs::builtin(),
        })
    }
}

/// Analyses articles. `Send + Sync`: share one across threads.
#[derive(Debug)]
pub struct Analyzer {
    speech_verbs: SpeechVerbs,
}

impl Analyzer {
    /// Analyses one article.
    pub fn analyze(&self, article: &Article) -> ArticleAnalysis {
        let actors = ActorSet::default();
        let quotes = quotes::find(article, &actors, &self.speech_verbs);
        ArticleAnalysis { actors, quotes }
    }

    /// Analyses a batch in parallel on the current rayon pool; results are in input order.
    ///
    /// Architecture invariant: each article's analysis depends on that article
    /// and the analyzer only, so the output is identical for any thread count.
    pub fn analyze_batch(&self, articles: &[Article]) -> Vec<ArticleAnalysis> {
        articles.par_iter().map(|a| self.analyze(a)).collect()
    }
}
