//! The actors stage: gazetteer matching, discovery and coreference over the seeds.

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use stance_analysis::actors::{self, Gazetteer};
use stance_core::{Article, ArticleId};

const SEEDS: &[(&str, &str)] = &[
    ("000", include_str!("../../seeds/000_53a223d58a8d3c17.txt")),
    (
        "001",
        include_str!("../../seeds/001_turkey_hosts_russia_ukraine_talks.txt"),
    ),
    (
        "002",
        include_str!("../../seeds/002_japan_china_taiwan_remarks.txt"),
    ),
    (
        "003",
        include_str!("../../seeds/003_israel_rejects_us_iran_framework.txt"),
    ),
    (
        "004",
        include_str!("../../seeds/004_eu_trade_defences_us_china.txt"),
    ),
    (
        "005",
        include_str!("../../seeds/005_india_china_border_talks.txt"),
    ),
];

/// `actors/find`: [`actors::find`] on every seed, parsed beforehand;
/// `actors/find_long`: the seeds joined into one long article (linearity check);
/// `actors/gazetteer_build`: parsing and compiling the built-in gazetteer once.
pub fn bench(c: &mut Criterion) {
    let gaz = Gazetteer::builtin().expect("built-in gazetteer");
    let articles: Vec<Article> = SEEDS
        .iter()
        .map(|(id, text)| {
            Article::parse(ArticleId((*id).into()), (*text).into()).expect("seed parses")
        })
        .collect();
    let bytes: usize = articles.iter().map(|a| a.text().len()).sum();
    let mut group = c.benchmark_group("actors");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("find", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(actors::find(black_box(a), &gaz));
            }
        })
    });
    // One long article (all seeds, eight times over): throughput should match the short ones.
    let long_text: String = (0..8)
        .flat_map(|_| SEEDS.iter().map(|(_, t)| *t))
        .collect::<Vec<_>>()
        .join("\n");
    let long = Article::parse(ArticleId("long".into()), long_text).expect("long article parses");
    group.throughput(Throughput::Bytes(long.text().len() as u64));
    group.bench_function("find_long", |b| {
        b.iter(|| black_box(actors::find(black_box(&long), &gaz)))
    });
    group.finish();
    c.bench_function("actors/gazetteer_build", |b| {
        b.iter(|| black_box(Gazetteer::builtin().expect("builds")))
    });
}
