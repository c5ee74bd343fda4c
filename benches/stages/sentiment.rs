//! Sentiment stage: sentence scores and tone over every seed, plus one
//! target-dependent score per sentence.

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use stance_analysis::sentiment::SentimentEngine;
use stance_core::{Article, ArticleId};

const SEEDS: &[&str] = &[
    include_str!("../../seeds/000_53a223d58a8d3c17.txt"),
    include_str!("../../seeds/001_turkey_hosts_russia_ukraine_talks.txt"),
    include_str!("../../seeds/002_japan_china_taiwan_remarks.txt"),
    include_str!("../../seeds/003_israel_rejects_us_iran_framework.txt"),
    include_str!("../../seeds/004_eu_trade_defences_us_china.txt"),
    include_str!("../../seeds/005_india_china_border_talks.txt"),
];

/// Registers the `sentiment` group.
pub fn bench(c: &mut Criterion) {
    let engine = SentimentEngine::builtin().expect("built-in lexicons parse");
    let articles: Vec<Article> = SEEDS
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Article::parse(ArticleId(format!("seed{i}")), (*t).to_string()).expect("seed parses")
        })
        .collect();
    let bytes: usize = SEEDS.iter().map(|s| s.len()).sum();
    let mut group = c.benchmark_group("sentiment");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("article", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(engine.article(black_box(a)));
            }
        })
    });
    group.bench_function("article+toward", |b| {
        b.iter(|| {
            for a in &articles {
                let s = engine.article(a);
                for sent in &s.sentences {
                    if let Some(t) = a.tokens().get(sent.tokens.start) {
                        black_box(engine.toward(a.tokens(), sent, t.span));
                    }
                }
            }
        })
    });
    group.finish();
}
