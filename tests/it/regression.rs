//! Regressions: each bug found by the hostile suite or the fuzzer keeps a test
//! here, with a `// See:` comment naming where it came from.
//!
//! Fuzzer crashes are kept as minimised inputs in
//! `tests/fixtures/hostile/fuzz/<target>/` and replayed through the same
//! invariant checks the fuzz targets run (`fuzz/src/checks.rs`, included by
//! path), so CI checks them without libFuzzer.

use std::path::PathBuf;

use stance_core::{Article, ArticleId};

use crate::util::*;

#[path = "../../fuzz/src/checks.rs"]
#[allow(unreachable_pub, dead_code)]
pub(crate) mod checks;

/// The replay function of each fuzz target, by target name.
fn target(name: &str) -> fn(&[u8]) {
    match name {
        "parse_text" => checks::run_parse_text,
        "parse_record" => checks::run_parse_record,
        "segment" => checks::run_segment,
        "tokens" => checks::run_tokens,
        "lexicon_lines" => checks::run_lexicon_lines,
        "analyze" => checks::run_analyze,
        "lexicon_gazetteer" => checks::run_lexicon_gazetteer,
        "lexicon_titles" => checks::run_lexicon_titles,
        "lexicon_relations" => checks::run_lexicon_relations,
        "lexicon_sentiment" => checks::run_lexicon_sentiment,
        "lexicon_shifters" => checks::run_lexicon_shifters,
        "lexicon_speech_verbs" => checks::run_lexicon_speech_verbs,
        other => panic!("no fuzz target {other:?}"),
    }
}

fn fuzz_dir() -> PathBuf {
    repo("tests/fixtures/hostile/fuzz")
}

/// Replays one kept fuzz input through its target's checks.
fn replay(target_name: &str, file: &str) {
    let bytes = std::fs::read(fuzz_dir().join(target_name).join(file)).unwrap();
    target(target_name)(&bytes);
}

/// Every kept fuzz input, under every target it was found with, still passes.
#[test]
fn every_kept_fuzz_input_replays() {
    let Ok(targets) = std::fs::read_dir(fuzz_dir()) else {
        return;
    };
    for t in targets {
        let t = t.unwrap();
        if !t.file_type().unwrap().is_dir() {
            continue;
        }
        let name = t.file_name().to_string_lossy().into_owned();
        let run = target(&name);
        for f in std::fs::read_dir(t.path()).unwrap() {
            let f = f.unwrap();
            let bytes = std::fs::read(f.path()).unwrap();
            let result = std::panic::catch_unwind(|| run(&bytes));
            assert!(result.is_ok(), "{name}/{}", f.file_name().to_string_lossy());
        }
    }
}

/// The built-in lexicons pass their own parser's fuzz checks.
#[test]
fn builtin_lexicons_pass_the_lexicon_checks() {
    for (name, file) in [
        ("lexicon_gazetteer", "lexicons/actors.en.tsv"),
        ("lexicon_titles", "lexicons/titles.en.tsv"),
        ("lexicon_relations", "lexicons/relations.en.tsv"),
        ("lexicon_speech_verbs", "lexicons/speech-verbs.en.tsv"),
    ] {
        target(name)(&std::fs::read(repo(file)).unwrap());
        target("lexicon_lines")(&std::fs::read(repo(file)).unwrap());
    }
    // The first byte picks the format or role: 0 native sentiment, 0 negators,
    // 1 intensifiers, 2 contrast, 3 hedges.
    let with = |pick: u8, file: &str| {
        let mut bytes = vec![pick];
        bytes.extend(std::fs::read(repo(file)).unwrap());
        bytes
    };
    for file in ["lexicons/sentiment.en.tsv", "lexicons/politics.en.tsv"] {
        target("lexicon_sentiment")(&with(0, file));
    }
    for (pick, file) in [
        (0, "lexicons/negators.en.txt"),
        (1, "lexicons/intensifiers.en.tsv"),
        (2, "lexicons/contrast.en.tsv"),
        (3, "lexicons/hedges.en.tsv"),
    ] {
        target("lexicon_shifters")(&with(pick, file));
    }
}

/// The seeds themselves pass every check of every target.
#[test]
fn seeds_pass_every_fuzz_check() {
    for entry in std::fs::read_dir(repo("seeds")).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        for name in [
            "parse_text",
            "parse_record",
            "segment",
            "tokens",
            "lexicon_lines",
            "analyze",
        ] {
            target(name)(&bytes);
        }
    }
}

// See: tests/it/hostile.rs `ten_thousand_unmatched_opening_quotes` (found by the
// hostile suite): the dateline parser sliced the first paragraph at byte 120,
// which panicked when a multi-byte character straddled it, and the panic ended
// the whole run with exit 101.
#[test]
fn dateline_head_cut_inside_a_character() {
    for pad in 117..=121 {
        let text = format!(
            "Headline\n{}\u{201c}we agree - said Iran.\n",
            "x".repeat(pad)
        );
        let article = Article::parse(ArticleId("r".into()), text.clone()).unwrap();
        checks::check_article(&article, &text);
    }
    replay("parse_text", "dateline-120-byte-cut.txt");
}

// See: fuzz artifact fuzz/artifacts/parse_text/crash-c7c139417d18961563dd7a6ab8e8026c972e92e7
// (kept as tests/fixtures/hostile/fuzz/parse_text/charmap-end-at-stride-multiple.txt):
// in a non-ASCII text whose length is a multiple of 256 bytes, `CharMap` gave
// character offset 0 for the end of the text, so a sentence or quote ending the
// article was reported as `[start, 0]`.
#[test]
fn char_offset_of_the_end_of_a_256_byte_text() {
    replay("parse_text", "charmap-end-at-stride-multiple.txt");
    let text = format!("Title\nCaf\u{e9} met Iran.{}", " x.".repeat(78));
    let text = format!("{text}{}", "y".repeat(256 - text.len()));
    assert_eq!(text.len(), 256);
    let article = Article::parse(ArticleId("r".into()), text.clone()).unwrap();
    let last = article.sentences().last().unwrap().span;
    assert_eq!(last.end, 256);
    assert_eq!(article.char_span(last).1, text.chars().count());
}

// See: tests/it/props.rs `analyses_keep_their_invariants`, minimal failing input
// "China\nChinaChina1,200": the actors stage's appositive scan ran past the
// last token (", 200" at the end of the text) and indexed out of bounds.
#[test]
fn appositive_at_the_end_of_the_text() {
    checks::run_analyze(b"China\nChinaChina1,200");
    checks::run_analyze(b"Talks\nWang Yi, former 2");
}

// See: tests/it/props.rs `reports_are_valid_and_independent`, minimal failing
// input "China\"Aljdng Ikbsr praised condemned»Vtfonjxc": the quotes stage kept
// a partial quote [6, 36) ('"' closed by '»') and an indirect quote [27, 45)
// starting inside it, so two quotes crossed. Quotes may nest, never cross.
#[test]
fn quotes_never_cross() {
    checks::run_analyze("Title\nChina\"Aljdng Ikbsr praised condemned»Vtfonjxc".as_bytes());
    let record = stance_core::Record {
        id: ArticleId("x".into()),
        text: "China\"Aljdng Ikbsr praised condemned»Vtfonjxc".into(),
        ..Default::default()
    };
    let article = Article::from_record(record).unwrap();
    let analysis = checks::analyzer().analyze(&article);
    checks::check_quotes(&article, &analysis);
}
