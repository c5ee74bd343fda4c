//! Bench inputs: the seeds, embedded with `include_str!` so nothing is read
//! or downloaded at bench time, and long articles built from their paragraphs.

use stance_core::{Article, ArticleId};

/// The plain-text seeds, by file stem.
pub(crate) const SEEDS: &[(&str, &str)] = &[
    (
        "000_53a223d58a8d3c17",
        include_str!("../seeds/000_53a223d58a8d3c17.txt"),
    ),
    (
        "001_turkey_hosts_russia_ukraine_talks",
        include_str!("../seeds/001_turkey_hosts_russia_ukraine_talks.txt"),
    ),
    (
        "002_japan_china_taiwan_remarks",
        include_str!("../seeds/002_japan_china_taiwan_remarks.txt"),
    ),
    (
        "003_israel_rejects_us_iran_framework",
        include_str!("../seeds/003_israel_rejects_us_iran_framework.txt"),
    ),
    (
        "004_eu_trade_defences_us_china",
        include_str!("../seeds/004_eu_trade_defences_us_china.txt"),
    ),
    (
        "005_india_china_border_talks",
        include_str!("../seeds/005_india_china_border_talks.txt"),
    ),
];

/// Total bytes of the seeds.
pub(crate) fn seed_bytes() -> u64 {
    SEEDS.iter().map(|(_, t)| t.len() as u64).sum()
}

/// Parses a seed; seeds always parse.
pub(crate) fn parse(name: &str, text: &str) -> Article {
    Article::parse(ArticleId(name.to_string()), text.to_string()).expect("seeds parse")
}

/// Every seed, parsed.
pub(crate) fn seed_articles() -> Vec<Article> {
    SEEDS.iter().map(|(n, t)| parse(n, t)).collect()
}

/// One article of about `bytes` bytes: the first seed's headline, then the
/// body paragraphs of all seeds, cycled, one paragraph per line. Real
/// sentences with the same actors over and over: the case where a quadratic
/// loop over mentions or quotes shows.
pub(crate) fn long_article_text(bytes: usize) -> String {
    let mut paragraphs: Vec<&str> = Vec::new();
    for (_, text) in SEEDS {
        // Skip the headline; keep non-empty body lines.
        paragraphs.extend(text.lines().skip(1).filter(|l| !l.trim().is_empty()));
    }
    let headline = SEEDS[0].1.lines().next().unwrap_or("Headline");
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str(headline);
    out.push_str("\n\n");
    for p in paragraphs.iter().cycle() {
        if out.len() >= bytes {
            break;
        }
        out.push_str(p.trim());
        out.push_str("\n\n");
    }
    out
}

/// Sizes for the long-article groups: throughput should be flat across them.
pub(crate) const LONG_SIZES: &[(&str, usize)] = &[
    ("16KiB", 16 << 10),
    ("128KiB", 128 << 10),
    ("1MiB", 1 << 20),
];
