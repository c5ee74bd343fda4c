//! Criterion bench of report writing: every format `stance analyze` writes
//! (text, JSON, JSONL, the CSV tables), rendered from analyses computed once
//! outside the timed loop, with `Throughput::Bytes` of article text.
//!
//! ```sh
//! cargo bench -p stance-cli --bench report -- --quick
//! ```

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use stance_analysis::AnalyzerBuilder;
use stance_core::{Article, ArticleId};

#[allow(dead_code, reason = "shared with the pipeline bench")]
mod common;

/// `report/<format>/{seeds,fixtures,long_128KiB}`: rendering every article's
/// report, the parts concatenated as the writer copies them out.
fn report(c: &mut Criterion) {
    let analyzer = AnalyzerBuilder::new()
        .build()
        .expect("built-in lexicons build");
    let long = common::long_article_text(128 << 10);
    let sets: [(&str, u64, Vec<Article>); 3] = [
        ("seeds", common::seed_bytes(), common::seed_articles()),
        (
            "fixtures",
            common::bytes_of(common::FIXTURES),
            common::articles_of(common::FIXTURES),
        ),
        (
            "long_128KiB",
            long.len() as u64,
            vec![Article::parse(ArticleId("long".into()), long).expect("long article parses")],
        ),
    ];
    let mut g = c.benchmark_group("report");
    for format in ["text", "json", "jsonl", "csv"] {
        for (name, bytes, articles) in &sets {
            let render = stance_cli::render_for_bench(format, &analyzer, articles.clone());
            assert!(!render().is_empty(), "{format} report of {name} is empty");
            g.throughput(Throughput::Bytes(*bytes));
            g.bench_function(BenchmarkId::new(format, name), |b| {
                b.iter(|| black_box(render()))
            });
        }
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = report
}
criterion_main!(benches);
