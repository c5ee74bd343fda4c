//! Bench inputs: the seeds and the test fixtures, embedded with `include_str!` so nothing is read
//! or downloaded at bench time, and long articles built from their paragraphs.

use stance_core::{Article, ArticleId};

/// The same allocator as the `stance` binary (crates/cli/src/main.rs), so that
/// bench figures are the binary's figures.
#[global_allocator]
static GLOBAL: stance_alloc::Allocator = stance_alloc::Allocator;

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

/// The hand-written fixtures of `tests/fixtures/articles/`, by file stem:
/// short articles that each stress one case (metonyms, quote layouts,
/// negated relations...), so they are dense in actors, quotes and relations.
pub(crate) const FIXTURES: &[(&str, &str)] = &[
    (
        "01_metonyms_capitals",
        include_str!("../tests/fixtures/articles/01_metonyms_capitals.txt"),
    ),
    (
        "02_aliases_demonyms",
        include_str!("../tests/fixtures/articles/02_aliases_demonyms.txt"),
    ),
    (
        "03_leaders_titles",
        include_str!("../tests/fixtures/articles/03_leaders_titles.txt"),
    ),
    (
        "04_experts_appositives",
        include_str!("../tests/fixtures/articles/04_experts_appositives.txt"),
    ),
    (
        "05_dr_kim_vs_kim_jong_un",
        include_str!("../tests/fixtures/articles/05_dr_kim_vs_kim_jong_un.txt"),
    ),
    (
        "06_washington_state_not_usa",
        include_str!("../tests/fixtures/articles/06_washington_state_not_usa.txt"),
    ),
    (
        "07_georgia_us_state_jordan_person",
        include_str!("../tests/fixtures/articles/07_georgia_us_state_jordan_person.txt"),
    ),
    (
        "08_turkiye_georgia_country",
        include_str!("../tests/fixtures/articles/08_turkiye_georgia_country.txt"),
    ),
    (
        "09_xi_leader_vs_xi_letter",
        include_str!("../tests/fixtures/articles/09_xi_leader_vs_xi_letter.txt"),
    ),
    (
        "10_direct_quote_layouts",
        include_str!("../tests/fixtures/articles/10_direct_quote_layouts.txt"),
    ),
    (
        "11_indirect_speech",
        include_str!("../tests/fixtures/articles/11_indirect_speech.txt"),
    ),
    (
        "12_multi_paragraph_quote_anonymous",
        include_str!("../tests/fixtures/articles/12_multi_paragraph_quote_anonymous.txt"),
    ),
    (
        "13_relations_polarity_negative",
        include_str!("../tests/fixtures/articles/13_relations_polarity_negative.txt"),
    ),
    (
        "14_relations_negation_nominal",
        include_str!("../tests/fixtures/articles/14_relations_negation_nominal.txt"),
    ),
    (
        "15_positive_tone",
        include_str!("../tests/fixtures/articles/15_positive_tone.txt"),
    ),
    (
        "16_neutral_tone",
        include_str!("../tests/fixtures/articles/16_neutral_tone.txt"),
    ),
];

/// Total bytes of `texts`.
pub(crate) fn bytes_of(texts: &[(&str, &str)]) -> u64 {
    texts.iter().map(|(_, t)| t.len() as u64).sum()
}

/// Parses each of `texts`; seeds and fixtures always parse.
pub(crate) fn articles_of(texts: &[(&str, &str)]) -> Vec<Article> {
    texts.iter().map(|(n, t)| parse(n, t)).collect()
}

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
