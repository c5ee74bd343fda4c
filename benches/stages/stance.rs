//! The stance stage alone: predicate relations, quote stances, quote
//! relations, derived affiliations and portrayals, as `Analyzer::analyze`
//! runs them, on inputs whose actors, quotes and sentiment are computed once
//! outside the timed loop.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput};
use stance_analysis::actors::{self, ActorSet, Gazetteer};
use stance_analysis::quotes::{self, Quote, SpeechVerbs};
use stance_analysis::sentiment::{ArticleSentiment, SentimentEngine};
use stance_analysis::stance::{self, RelationLexicon};
use stance_core::{Article, ArticleId};

use crate::common;

/// One article with the outputs of the stages stance reads.
struct Input {
    article: Article,
    actors: ActorSet,
    quotes: Vec<Quote>,
    sentiment: ArticleSentiment,
}

/// The lexicons the stance stage reads.
struct Lexicons {
    relations: RelationLexicon,
    engine: SentimentEngine,
}

fn inputs(articles: Vec<Article>) -> Vec<Input> {
    let gaz = Gazetteer::builtin().expect("built-in gazetteer");
    let verbs = SpeechVerbs::builtin();
    let engine = SentimentEngine::builtin().expect("built-in sentiment lexicons");
    articles
        .into_iter()
        .map(|article| {
            let actors = actors::find(&article, &gaz);
            let quotes = quotes::find(&article, &actors, &verbs);
            let sentiment = engine.article(&article);
            Input {
                article,
                actors,
                quotes,
                sentiment,
            }
        })
        .collect()
}

/// The whole stance stage on one article, exactly the calls of `Analyzer::analyze`.
fn stance_stage(lex: &Lexicons, i: &Input) -> usize {
    let mut relations = stance::find_relations(&i.article, &i.actors, &lex.relations);
    let quote_stances = stance::quote_stances(
        &i.article,
        &i.actors,
        &i.quotes,
        &relations,
        &i.sentiment,
        &lex.engine,
    );
    let from_quotes =
        stance::quote_relations(&i.article, &i.actors, &i.quotes, &quote_stances, &relations);
    relations.extend(from_quotes);
    stance::derive_affiliations(&i.actors, &mut relations);
    let portrayals = stance::portray(&i.article, &i.actors, &i.quotes, &i.sentiment, &lex.engine);
    black_box((&quote_stances, &portrayals));
    relations.len() + quote_stances.len() + portrayals.len()
}

/// `stance/all/{seeds,fixtures,long_*}`: the whole stage per article set
/// and on one article of growing size;
/// `stance/{relations,quote_stances,quote_relations,portray}/{seeds,fixtures,long_1MiB}`:
/// its parts (quote relations include the derived affiliations, and take
/// the predicate relations and quote stances as inputs too).
#[allow(
    unreachable_pub,
    reason = "called from the bench harness in benches/pipeline.rs"
)]
pub fn bench(c: &mut Criterion) {
    let lex = Lexicons {
        relations: RelationLexicon::builtin().expect("built-in relation lexicon"),
        engine: SentimentEngine::builtin().expect("built-in sentiment lexicons"),
    };
    let mut sets: Vec<(String, u64, Vec<Input>)> = vec![
        (
            "seeds".into(),
            common::bytes_of(common::SEEDS),
            inputs(common::seed_articles()),
        ),
        (
            "fixtures".into(),
            common::bytes_of(common::FIXTURES),
            inputs(common::articles_of(common::FIXTURES)),
        ),
    ];
    // One article of growing size: throughput should stay flat (no quadratic part).
    for &(size, bytes) in common::LONG_SIZES {
        let text = common::long_article_text(bytes);
        let len = text.len() as u64;
        let article = Article::parse(ArticleId("long".into()), text).expect("long article parses");
        sets.push((format!("long_{size}"), len, inputs(vec![article])));
    }
    let mut g = c.benchmark_group("stance");
    for (name, bytes, set) in &sets {
        g.throughput(Throughput::Bytes(*bytes));
        g.bench_with_input(BenchmarkId::new("all", name), set, |b, set| {
            b.iter(|| {
                for i in set {
                    black_box(stance_stage(&lex, black_box(i)));
                }
            })
        });
    }
    // The parts on the seeds, the fixtures and the longest article (to
    // show which part grows faster than the text).
    sets.drain(2..sets.len() - 1);
    for (name, bytes, set) in &sets {
        g.throughput(Throughput::Bytes(*bytes));
        g.bench_with_input(BenchmarkId::new("relations", name), set, |b, set| {
            b.iter(|| {
                for i in set {
                    black_box(stance::find_relations(
                        black_box(&i.article),
                        &i.actors,
                        &lex.relations,
                    ));
                }
            })
        });
        let predicates: Vec<_> = set
            .iter()
            .map(|i| stance::find_relations(&i.article, &i.actors, &lex.relations))
            .collect();
        g.bench_with_input(BenchmarkId::new("quote_stances", name), set, |b, set| {
            b.iter(|| {
                for (i, rel) in set.iter().zip(&predicates) {
                    black_box(stance::quote_stances(
                        black_box(&i.article),
                        &i.actors,
                        &i.quotes,
                        rel,
                        &i.sentiment,
                        &lex.engine,
                    ));
                }
            })
        });
        let stances: Vec<_> = set
            .iter()
            .zip(&predicates)
            .map(|(i, rel)| {
                stance::quote_stances(
                    &i.article,
                    &i.actors,
                    &i.quotes,
                    rel,
                    &i.sentiment,
                    &lex.engine,
                )
            })
            .collect();
        g.bench_with_input(BenchmarkId::new("quote_relations", name), set, |b, set| {
            b.iter(|| {
                for ((i, rel), st) in set.iter().zip(&predicates).zip(&stances) {
                    let mut relations = rel.clone();
                    relations.extend(stance::quote_relations(
                        black_box(&i.article),
                        &i.actors,
                        &i.quotes,
                        st,
                        rel,
                    ));
                    stance::derive_affiliations(&i.actors, &mut relations);
                    black_box(relations);
                }
            })
        });
        g.bench_with_input(BenchmarkId::new("portray", name), set, |b, set| {
            b.iter(|| {
                for i in set {
                    black_box(stance::portray(
                        black_box(&i.article),
                        &i.actors,
                        &i.quotes,
                        &i.sentiment,
                        &lex.engine,
                    ));
                }
            })
        });
    }
    g.finish();
}
