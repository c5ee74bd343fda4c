//! Criterion benches of the pipeline, one group per stage plus `end_to_end`,
//! all with `Throughput::Bytes` of article text.
//!
//! ```sh
//! cargo bench -p stance-analysis --bench pipeline -- --quick
//! cargo bench -p stance-analysis --bench pipeline -- end_to_end   # one group
//! ```
//!
//! Stage owners add `benches/stages/<stage>.rs` exposing
//! `pub fn bench(c: &mut Criterion)`; they are included below. Report
//! writing is benched in `benches/report.rs` (a bench of the `stance-cli`
//! crate, which holds the writers):
//!
//! ```sh
//! cargo bench -p stance-cli --bench report -- --quick
//! ```

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use stance_analysis::AnalyzerBuilder;
use stance_core::{Article, ArticleId};

#[allow(dead_code, reason = "shared with the stage bench files")]
mod common;

// Stage groups, one file per stage, each with `pub fn bench(c: &mut Criterion)`.
#[allow(unreachable_pub, reason = "called from this harness only")]
#[path = "stages/actors.rs"]
mod actors;
#[allow(unreachable_pub, reason = "called from this harness only")]
#[path = "stages/quotes.rs"]
mod quotes;
#[allow(unreachable_pub, reason = "called from this harness only")]
#[path = "stages/segmentation.rs"]
mod segmentation;
#[allow(unreachable_pub, reason = "called from this harness only")]
#[path = "stages/sentiment.rs"]
mod sentiment;
#[allow(unreachable_pub, reason = "called from this harness only")]
#[path = "stages/stance.rs"]
mod stance;

/// `Article::parse`: layout, sentence segmentation and tokens.
fn parse(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    for (name, text) in common::SEEDS {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("seed", name), text, |b, text| {
            b.iter(|| Article::parse(ArticleId(String::new()), black_box(text.to_string())))
        });
    }
    for &(size, bytes) in common::LONG_SIZES {
        let text = common::long_article_text(bytes);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("long", size), &text, |b, text| {
            b.iter(|| Article::parse(ArticleId(String::new()), black_box(text.clone())))
        });
    }
    g.finish();
}

/// Building the analyzer: every lexicon parsed and compiled (start-up cost).
fn startup(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    g.bench_function("analyzer_build", |b| {
        b.iter(|| {
            AnalyzerBuilder::new()
                .build()
                .expect("built-in lexicons build")
        })
    });
    g.finish();
}

/// Parse and every stage, as `stance analyze` runs them (without report writing).
fn end_to_end(c: &mut Criterion) {
    let analyzer = AnalyzerBuilder::new()
        .build()
        .expect("built-in lexicons build");
    let mut g = c.benchmark_group("end_to_end");
    g.throughput(Throughput::Bytes(common::seed_bytes()));
    g.bench_function("all_seeds", |b| {
        b.iter(|| {
            for (name, text) in common::SEEDS {
                let article = common::parse(name, black_box(text));
                black_box(analyzer.analyze(&article));
            }
        })
    });
    // One article of growing size: MB/s must stay flat (no quadratic stage).
    for &(size, bytes) in common::LONG_SIZES {
        let text = common::long_article_text(bytes);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("long", size), &text, |b, text| {
            b.iter(|| {
                let article = Article::parse(ArticleId(String::new()), black_box(text.clone()))
                    .expect("long article parses");
                black_box(analyzer.analyze(&article))
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = parse, segmentation::bench, startup, actors::bench, quotes::bench, sentiment::bench,
        stance::bench, end_to_end
}
criterion_main!(benches);
