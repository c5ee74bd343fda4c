//! The [`Analyzer`]: all lexicons compiled once, then any number of articles
//! analysed, one at a time or in parallel batches that keep input order.

use rayon::prelude::*;
use stance_core::Article;

use std::path::PathBuf;

use crate::actors::{self, ActorSet, Gazetteer, GazetteerBuilder, UnresolvedName};
use crate::lexicon::LexiconError;
use crate::quotes::{self, Quote, SpeechVerbs};
use crate::sentiment::{
    ArticleSentiment, LexiconFormat, LexiconInfo, SentimentConfig, SentimentEngine,
    SentimentEngineBuilder,
};
use crate::stages::Stages;
use crate::stance::{self, Portrayal, QuoteStance, Relation, RelationLexicon};

/// Everything the stages found in one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleAnalysis {
    /// Actors and their mentions.
    pub actors: ActorSet,
    /// Quotations with their speakers, in text order.
    pub quotes: Vec<Quote>,
    /// Directed actor-to-actor relations (predicates, quotes, derived
    /// affiliations), in sentence order.
    pub relations: Vec<Relation>,
    /// Each actor's portrayal, parallel to `actors.actors`.
    pub portrayals: Vec<Portrayal>,
    /// Each quote's sentiment and targets, parallel to `quotes`.
    pub quote_stances: Vec<QuoteStance>,
    /// Document tone and per-sentence sentiment with evidence.
    pub sentiment: ArticleSentiment,
}

/// Builds an [`Analyzer`].
#[derive(Clone, Debug, Default)]
pub struct AnalyzerBuilder {
    actors_paths: Vec<PathBuf>,
    no_builtin_actors: bool,
    sentiment: SentimentEngineBuilder,
    stages: Stages,
}

impl AnalyzerBuilder {
    /// A builder with the built-in lexicons.
    pub fn new() -> AnalyzerBuilder {
        AnalyzerBuilder::default()
    }

    /// Adds a gazetteer file (`--actors FILE`) after the built-in one; an id
    /// it repeats replaces the earlier entry. Default: none.
    pub fn add_actors_path(&mut self, path: impl Into<PathBuf>) -> &mut AnalyzerBuilder {
        self.actors_paths.push(path.into());
        self
    }

    /// Leaves out the built-in gazetteer `lexicons/actors.en.tsv`, so only
    /// added files are used. Default: the built-in gazetteer is used.
    pub fn no_builtin_actors(&mut self) -> &mut AnalyzerBuilder {
        self.no_builtin_actors = true;
        self
    }

    /// Adds a sentiment lexicon file after the built-in ones (on a shared term
    /// the file added last wins). `format: None` detects it from the extension
    /// and first lines. Default: no extra lexicons.
    pub fn add_lexicon_path(
        &mut self,
        path: &std::path::Path,
        format: Option<LexiconFormat>,
    ) -> Result<&mut Self, LexiconError> {
        self.sentiment.add_path(path, format)?;
        Ok(self)
    }

    /// Adds an already parsed sentiment lexicon after the built-in ones (on a
    /// shared term the lexicon added last wins), so a caller that reports the
    /// lexicon's warnings need not read the file twice. Default: none.
    pub fn add_lexicon(&mut self, lexicon: crate::sentiment::SentimentLexicon) -> &mut Self {
        self.sentiment.add_lexicon(lexicon);
        self
    }

    /// Leaves out the built-in sentiment lexicons (shifters stay). Default: they are loaded.
    pub fn no_builtin_lexicons(&mut self) -> &mut Self {
        self.sentiment.builtin_lexicons(false);
        self
    }

    /// Sets the sentiment model constants. Default [`SentimentConfig::default`].
    pub fn sentiment_config(&mut self, config: SentimentConfig) -> &mut Self {
        self.sentiment.config(config);
        self
    }

    /// Runs only these stages (and what they depend on); the others leave
    /// their part of [`ArticleAnalysis`] empty. Default [`Stages::ALL`].
    pub fn stages(&mut self, stages: Stages) -> &mut Self {
        self.stages = stages;
        self
    }

    /// Compiles the lexicons into an analyzer.
    pub fn build(&self) -> Result<Analyzer, LexiconError> {
        // Without the actors stage the gazetteer is never consulted: leave
        // it empty rather than compile ~800 entries into automata.
        let actors = self.stages.actors();
        let mut gaz = GazetteerBuilder::new();
        gaz.builtin(actors && !self.no_builtin_actors);
        for p in self.actors_paths.iter().filter(|_| actors) {
            gaz.add_path(p)?;
        }
        Ok(Analyzer {
            gazetteer: gaz.build()?,
            relations: RelationLexicon::builtin()?,
            speech_verbs: SpeechVerbs::builtin(),
            sentiment: self.sentiment.build()?,
            stages: self.stages,
        })
    }
}

/// Analyses articles. `Send + Sync`: share one across threads.
#[derive(Debug)]
pub struct Analyzer {
    gazetteer: Gazetteer,
    relations: RelationLexicon,
    speech_verbs: SpeechVerbs,
    sentiment: SentimentEngine,
    stages: Stages,
}

impl Analyzer {
    /// Analyses one article with the stages this analyzer runs.
    pub fn analyze(&self, article: &Article) -> ArticleAnalysis {
        let stages = self.stages;
        let actors = if stages.actors() {
            actors::find(article, &self.gazetteer)
        } else {
            ActorSet::default()
        };
        let quotes = if stages.quotes() {
            quotes::find(article, &actors, &self.speech_verbs)
        } else {
            Vec::new()
        };
        let sentiment = if stages.sentiment() {
            self.sentiment.article(article)
        } else {
            ArticleSentiment::default()
        };
        if !stages.stance() {
            return ArticleAnalysis {
                actors,
                quotes,
                sentiment,
                ..ArticleAnalysis::default()
            };
        }
        let mut relations = stance::find_relations(article, &actors, &self.relations);
        let quote_stances = stance::quote_stances(
            article,
            &actors,
            &quotes,
            &relations,
            &sentiment,
            &self.sentiment,
        );
        let from_quotes =
            stance::quote_relations(article, &actors, &quotes, &quote_stances, &relations);
        relations.extend(from_quotes);
        stance::derive_affiliations(&actors, &mut relations);
        let portrayals = stance::portray(article, &actors, &quotes, &sentiment, &self.sentiment);
        ArticleAnalysis {
            actors,
            quotes,
            relations,
            portrayals,
            quote_stances,
            sentiment,
        }
    }

    /// The stages this analyzer runs.
    pub fn stages(&self) -> Stages {
        self.stages
    }

    /// The compiled gazetteer (for `stance actors list`).
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Capitalised names in `article` that no actor of `analysis` covers
    /// (`--unresolved FILE`).
    pub fn unresolved(&self, article: &Article, analysis: &ArticleAnalysis) -> Vec<UnresolvedName> {
        actors::unresolved(article, &analysis.actors, &self.gazetteer)
    }

    /// The sentiment engine, for target-dependent scoring of actor mentions
    /// ([`SentimentEngine::toward`]).
    pub fn sentiment(&self) -> &SentimentEngine {
        &self.sentiment
    }

    /// Name, version and hash of every sentiment lexicon in use, for reports.
    pub fn lexicons(&self) -> &[LexiconInfo] {
        self.sentiment.lexicons()
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
