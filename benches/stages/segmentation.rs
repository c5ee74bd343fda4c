//! Segmentation alone, apart from the rest of `Article::parse`: sentence
//! splitting (`segment::sentences`) and tokenising (`Tokens::new`) over the
//! paragraph spans the layout found, computed once outside the timed loop.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput};
use stance_core::{Article, ArticleId, Span, Tokens, segment};

use crate::common;

/// An article's text with its paragraph spans, as `Article::parse` hands them on.
struct Input {
    text: String,
    paragraphs: Vec<Span>,
}

impl Input {
    fn of(article: &Article) -> Input {
        Input {
            text: article.text().to_string(),
            paragraphs: article.paragraphs().to_vec(),
        }
    }
}

/// `segmentation/{sentences,tokens}/{seeds,fixtures}`: every article of the
/// set; `segmentation/{sentences,tokens}/long_*`: one article of growing
/// size (throughput should stay flat).
#[allow(
    unreachable_pub,
    reason = "called from the bench harness in benches/pipeline.rs"
)]
pub fn bench(c: &mut Criterion) {
    let mut sets: Vec<(String, u64, Vec<Input>)> =
        [("seeds", common::SEEDS), ("fixtures", common::FIXTURES)]
            .into_iter()
            .map(|(name, texts)| {
                let inputs = common::articles_of(texts).iter().map(Input::of).collect();
                (name.to_string(), common::bytes_of(texts), inputs)
            })
            .collect();
    for &(size, bytes) in common::LONG_SIZES {
        let text = common::long_article_text(bytes);
        let len = text.len() as u64;
        let article = Article::parse(ArticleId("long".into()), text).expect("long article parses");
        sets.push((format!("long_{size}"), len, vec![Input::of(&article)]));
    }
    let mut g = c.benchmark_group("segmentation");
    for (name, bytes, inputs) in &sets {
        g.throughput(Throughput::Bytes(*bytes));
        g.bench_with_input(BenchmarkId::new("sentences", name), inputs, |b, inputs| {
            b.iter(|| {
                for i in inputs {
                    black_box(segment::sentences(black_box(&i.text), &i.paragraphs));
                }
            })
        });
        g.bench_with_input(BenchmarkId::new("tokens", name), inputs, |b, inputs| {
            b.iter(|| {
                for i in inputs {
                    black_box(Tokens::new(black_box(&i.text), &i.paragraphs));
                }
            })
        });
    }
    g.finish();
}
