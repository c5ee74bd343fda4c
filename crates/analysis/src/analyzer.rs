//! The [`Analyzer`]: all lexicons compiled once, then any number of articles
//! analysed, one at a time or in parallel batches that keep input order.

use rayon::prelude::*;
use stance_core::Article;

use crate::actors::ActorSet;
use crate::stance::{self, Relation, RelationLexicon};

/// Everything the stages found in one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleAnalysis {
    /// Actors and their mentions.
    pub actors: ActorSet,
    /// Directed actor-to-actor relations, in sentence order.
    pub relations: Vec<Relation>,
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
            relations: RelationLexicon::builtin()?,
        })
    }
}

/// Analyses articles. `Send + Sync`: share one across threads.
#[derive(Debug)]
pub struct Analyzer {
    relations: RelationLexicon,
}

impl Analyzer {
    /// Analyses one article.
    pub fn analyze(&self, article: &Article) -> ArticleAnalysis {
        let actors = ActorSet::default();
        let relations = stance::find_relations(article, &actors, &self.relations);
        ArticleAnalysis { actors, relations }
    }

    /// Analyses a batch in parallel on the current rayon pool; results are in input order.
    ///
    /// Architecture invariant: each article's analysis depends on that article
    /// and the analyzer only, so the output is identical for any thread count.
    /// `article` picks the article out of each item, so callers can batch
    /// their own records (an article with its source path) without copying.
    pub fn analyze_batch<T, F>(&self, items: &[T], article: F) -> Vec<ArticleAnalysis>
    where
        T: Sync,
        F: Fn(&T) -> &Article + Sync,
    {
        items
            .par_iter()
            .map(|item| self.analyze(article(item)))
            .collect()
    }
}
