//! The quotes stage alone: `quotes::find` on every seed, and on one long
//! article made of the seed's body repeated, to show throughput stays flat as
//! articles grow (the stage is linear in text length).

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use stance_analysis::actors::ActorSet;
use stance_analysis::quotes::{self, SpeechVerbs};
use stance_core::{Article, ArticleId};

const SEEDS: &[(&str, &str)] = &[
    (
        "000_53a223d58a8d3c17",
        include_str!("../../seeds/000_53a223d58a8d3c17.txt"),
    ),
    (
        "001_turkey_hosts_russia_ukraine_talks",
        include_str!("../../seeds/001_turkey_hosts_russia_ukraine_talks.txt"),
    ),
    (
        "002_japan_china_taiwan_remarks",
        include_str!("../../seeds/002_japan_china_taiwan_remarks.txt"),
    ),
    (
        "003_israel_rejects_us_iran_framework",
        include_str!("../../seeds/003_israel_rejects_us_iran_framework.txt"),
    ),
    (
        "004_eu_trade_defences_us_china",
        include_str!("../../seeds/004_eu_trade_defences_us_china.txt"),
    ),
    (
        "005_india_china_border_talks",
        include_str!("../../seeds/005_india_china_border_talks.txt"),
    ),
];

/// An article of about `bytes` bytes: the seed's headline, then its body paragraphs repeated.
fn long_article(bytes: usize) -> String {
    let seed = SEEDS[0].1;
    let (headline, body) = seed.split_once('\n').unwrap_or((seed, ""));
    let body: String = body
        .lines()
        .filter(|l| !l.starts_with('*'))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut out = format!("{headline}\n");
    while out.len() < bytes {
        out.push_str(&body);
    }
    out
}

/// Benchmarks `quotes::find` with an empty actor set (speaker resolution then
/// only costs its look-ups) on the seeds and on 100 KB and 1 MB articles.
#[allow(
    unreachable_pub,
    reason = "called from the bench harness in benches/pipeline.rs"
)]
pub fn bench(c: &mut Criterion) {
    let verbs = SpeechVerbs::builtin();
    let actors = ActorSet::default();
    let mut group = c.benchmark_group("quotes");
    let seeds: Vec<Article> = SEEDS
        .iter()
        .map(|(id, text)| {
            Article::parse(ArticleId((*id).into()), (*text).to_string()).expect("seed parses")
        })
        .collect();
    group.throughput(Throughput::Bytes(
        SEEDS.iter().map(|(_, t)| t.len() as u64).sum(),
    ));
    group.bench_function("seeds", |b| {
        b.iter(|| {
            for a in &seeds {
                black_box(quotes::find(black_box(a), &actors, &verbs));
            }
        });
    });
    for size in [100_000, 1_000_000] {
        let text = long_article(size);
        let article =
            Article::parse(ArticleId("long".into()), text.clone()).expect("long article parses");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        group.bench_function(format!("long_{}kb", size / 1000), |b| {
            b.iter(|| black_box(quotes::find(black_box(&article), &actors, &verbs)));
        });
    }
    group.finish();
}
