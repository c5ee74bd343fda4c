//! Property tests: whatever the text, spans stay inside the document and on
//! character boundaries, scores stay finite and in [-1, 1], and an article's
//! report does not depend on its neighbours, on being analysed twice, or on
//! the thread count.
//!
//! Deterministic for CI: a fixed seed, no persistence files, modest case
//! counts (library properties 64 cases, whole-binary properties 24).

use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use serde_json::Value;
use stance_core::{Article, ArticleId, Record};

use crate::regression::checks;
use crate::util::*;

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(0x5eed_2026),
        ..Config::default()
    }
}

/// Pieces of news prose and of hostile text, glued together at random.
const FRAGMENTS: &[&str] = &[
    "China",
    "the United States",
    "Wang Yi",
    "Dr. Kim",
    "Mr. Lee",
    "the U.S.",
    "Beijing",
    "North Korea",
    "Russia",
    "the EU",
    "Foreign Minister",
    "a spokesperson",
    " said",
    " told reporters",
    " according to",
    " “We will resist,” ",
    "\"Never.\"",
    " ‘quoted’ ",
    "\"",
    "“",
    "”",
    "'",
    "«",
    "»",
    ". ",
    "! ",
    "? ",
    "... ",
    "…",
    ", ",
    " not ",
    " very ",
    " good",
    " terrible",
    " condemned",
    " praised",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "Café",
    "Élysée",
    "عنوان الخبر",
    "שלום",
    "😀",
    "👍🏽",
    "👨‍👩‍👧",
    "İstanbul",
    "ǅ",
    "\u{212a}",
    "3.5",
    "1,200",
    "Sept. 29, 2025",
    "BEIJING, CHINA - SEPTEMBER 29, 2025 - ",
    "GENEVA (Reuters) - ",
    "By Jane Doe\n",
    "*Reporting by Dw.*",
    "\u{feff}",
    "\u{0}",
    "\u{1b}[31m",
    "\u{202e}",
    "\u{200d}",
    "\u{301}",
    "-",
    "—",
    "(",
    ")",
    ":)",
    "#",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(FRAGMENTS).prop_map(String::from),
        1 => prop::collection::vec(any::<char>(), 0..6).prop_map(String::from_iter),
        1 => "[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..48).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(config(64))]

    /// Every span of a parsed plain-text article is in the text, on character boundaries.
    #[test]
    fn parsed_articles_keep_their_invariants(text in text()) {
        checks::run_parse_text(text.as_bytes());
    }

    /// The same for corpus records, whatever the other fields hold.
    #[test]
    fn records_keep_their_invariants(
        text in text(),
        title in proptest::option::of(text()),
        date in proptest::option::of(text()),
    ) {
        let record = Record {
            id: ArticleId("p".into()),
            title,
            text: text.clone(),
            date,
            ..Record::default()
        };
        match Article::from_record(record) {
            Ok(article) => checks::check_article(&article, &text),
            Err(_) => {
                let empty = text.trim_start_matches('\u{feff}').trim().is_empty();
                prop_assert!(empty, "parse failed on a non-empty text");
            }
        }
    }

    /// The whole analysis of an article: spans in the text, deterministic.
    #[test]
    fn analyses_keep_their_invariants(text in text()) {
        checks::run_analyze(text.as_bytes());
    }
}

/// Writes `texts` as a JSONL corpus with ids `a0`, `a1`, ...
fn corpus(texts: &[String]) -> String {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| serde_json::json!({"id": format!("a{i}"), "text": t}).to_string() + "\n")
        .collect()
}

/// The reports of a run, by id; the run must not have hit a panic.
fn by_id(o: &std::process::Output) -> BTreeMap<String, Value> {
    assert!(code(o) == 0 || code(o) == 1, "{}", stderr(o));
    assert!(
        !stderr(o).contains("internal error"),
        "a stage panicked:\n{}",
        stderr(o)
    );
    stdout(o)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (v["id"].as_str().unwrap().to_string(), v)
        })
        .collect()
}

/// Keys whose numbers are scores in [-1, 1].
const SCORES: &[&str] = &["score", "sentiment", "polarity", "tone"];
/// Keys that hold one character span `[start, end]` or a list of them.
const SPAN_KEYS: &[&str] = &[
    "span",
    "spans",
    "cue",
    "cue_span",
    "cue_spans",
    "sentence_span",
    "speaker_span",
    "mention_span",
];

/// Checks one report against the text it came from.
fn check_report(report: &Value, text: &str) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let chars: Vec<char> = text.chars().collect();
    check_value(report, &chars, "");
    // Actor forms are exactly the text at their spans.
    for actor in report["actors"].as_array().unwrap() {
        let mut forms: Vec<String> = Vec::new();
        for span in actor["spans"].as_array().unwrap() {
            let (s, e) = pair(span).unwrap();
            let form: String = chars[s..e].iter().collect();
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
        let got: Vec<&str> = actor["forms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        assert_eq!(got, forms, "actor {}", actor["id"]);
        assert_eq!(actor["mentions"], actor["spans"].as_array().unwrap().len());
    }
    let at = |span: &Value| -> String {
        let (s, e) = pair(span).unwrap();
        chars[s..e].iter().collect()
    };
    // Quote spans never overlap each other, except that a partial quote may
    // nest wholly inside the reported speech around it (documented in
    // docs/report-schema.md): quotes never cross.
    let quotes: Vec<(usize, usize, String)> = report["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|q| {
            let (s, e) = q.get("span").and_then(pair)?;
            Some((s, e, q["kind"].as_str().unwrap_or_default().to_string()))
        })
        .collect();
    for (i, a) in quotes.iter().enumerate() {
        for b in &quotes[i + 1..] {
            let disjoint = a.1 <= b.0 || b.1 <= a.0;
            let nested_partial = (a.2 == "partial" && b.2 != "partial" && b.0 <= a.0 && a.1 <= b.1)
                || (b.2 == "partial" && a.2 != "partial" && a.0 <= b.0 && b.1 <= a.1);
            assert!(disjoint || nested_partial, "quotes {a:?} and {b:?} overlap");
        }
    }
    // Quote, cue, speaker and evidence texts are the text at their spans.
    for q in report["quotes"].as_array().unwrap() {
        assert_eq!(at(&q["span"]), q["text"].as_str().unwrap(), "quote text");
        if !q["cue"].is_null() {
            assert_eq!(at(&q["cue_span"]), q["cue"].as_str().unwrap(), "quote cue");
        }
        if let Some(m) = q["speaker"]["mention_span"].as_array() {
            assert_eq!(
                at(&Value::Array(m.clone())),
                q["speaker"]["mention"].as_str().unwrap(),
                "speaker mention"
            );
        }
        let c = q["confidence"]
            .as_f64()
            .expect("quote confidence is a number");
        assert!((0.0..=1.0).contains(&c), "quote confidence {c}");
    }
    for sentence in report["sentences"].as_array().into_iter().flatten() {
        for e in sentence["evidence"].as_array().unwrap() {
            assert_eq!(at(&e["span"]), e["text"].as_str().unwrap(), "evidence text");
        }
    }
    // Relations: numbers where numbers belong, text equal to the text at its spans.
    for rel in report["relations"].as_array().unwrap() {
        for key in ["polarity", "intensity", "confidence"] {
            assert!(rel[key].is_number(), "relation {key} is {}", rel[key]);
        }
        let intensity = rel["intensity"].as_f64().unwrap();
        assert!((-10.0..=10.0).contains(&intensity), "intensity {intensity}");
        let confidence = rel["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&confidence), "confidence {confidence}");
        let cues: Vec<String> = rel["cue_spans"]
            .as_array()
            .unwrap()
            .iter()
            .map(at)
            .collect();
        let want: Vec<&str> = rel["cues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(cues, want, "relation cues");
        assert_eq!(at(&rel["sentence_span"]), rel["evidence"].as_str().unwrap());
    }
    // The sentiment stage always runs: a tone with a number (NaN would be null).
    let tone = report["tone"].as_object().expect("a tone object");
    assert!(
        tone["score"].is_number(),
        "tone without a numeric score: {tone:?}"
    );
}

fn pair(v: &Value) -> Option<(usize, usize)> {
    let a = v.as_array()?;
    if a.len() != 2 {
        return None;
    }
    Some((a[0].as_u64()? as usize, a[1].as_u64()? as usize))
}

/// Walks a report: spans in bounds, scores finite and in [-1, 1].
fn check_value(v: &Value, chars: &[char], key: &str) {
    match v {
        Value::Object(map) => {
            if let (Some(s), Some(e)) = (
                map.get("start").and_then(Value::as_u64),
                map.get("end").and_then(Value::as_u64),
            ) {
                assert!(
                    s <= e && e as usize <= chars.len(),
                    "start/end {s}..{e} outside the text"
                );
            }
            for (k, v) in map {
                check_value(v, chars, k);
            }
        }
        Value::Array(items) => {
            if SPAN_KEYS.contains(&key) {
                let spans: Vec<&Value> = if pair(v).is_some() {
                    vec![v]
                } else {
                    items.iter().collect()
                };
                for span in spans {
                    if let Some((s, e)) = pair(span) {
                        assert!(
                            s <= e && e <= chars.len(),
                            "{key} {span} outside {} chars",
                            chars.len()
                        );
                    }
                }
            }
            for item in items {
                check_value(item, chars, key);
            }
        }
        Value::Number(n) => {
            let x = n.as_f64().unwrap();
            assert!(x.is_finite(), "{key} = {n}");
            if SCORES.contains(&key) {
                assert!((-1.0..=1.0).contains(&x), "{key} = {x} outside [-1, 1]");
            }
        }
        _ => {}
    }
}

/// The report of an article without the fields that say where it was read.
fn placeless(v: &Value) -> Value {
    let mut v = v.clone();
    let map = v.as_object_mut().unwrap();
    map.remove("id");
    map.remove("source_line");
    map.remove("source_path");
    v
}

proptest! {
    #![proptest_config(config(24))]

    /// Whole-binary reports: spans and scores valid; 1 and 4 threads give the
    /// same bytes; an article's report is the same alone, among others, and
    /// when analysed a second time; CSV scores are finite numbers in [-1, 1].
    #[test]
    fn reports_are_valid_and_independent(
        texts in prop::collection::vec(text(), 1..6),
        alone in any::<prop::sample::Index>(),
    ) {
        let dir = Dir::new();
        let mut batch = texts.clone();
        batch.push(texts[0].clone()); // the first article, analysed twice
        let jsonl = corpus(&batch);
        let path = dir.write("c.jsonl", &jsonl);
        let p = path.to_str().unwrap();
        let one = stance(&["analyze", p, "-f", "jsonl", "-q", "--evidence", "-j", "1"]);
        let four = stance(&["analyze", p, "-f", "jsonl", "-q", "--evidence", "-j", "4"]);
        prop_assert_eq!(&one.stdout, &four.stdout);
        let all = by_id(&one);
        for (i, text) in batch.iter().enumerate() {
            if let Some(r) = all.get(&format!("a{i}")) {
                check_report(r, text);
            }
        }
        let last = format!("a{}", texts.len());
        prop_assert_eq!(all.get("a0").map(placeless), all.get(&last).map(placeless));

        let k = alone.index(texts.len());
        let single_path = dir.write("one.jsonl", corpus(&texts[k..=k]));
        let single = by_id(&stance(&[
            "analyze",
            single_path.to_str().unwrap(),
            "-f",
            "jsonl",
            "-q",
            "--evidence",
        ]));
        prop_assert_eq!(
            single.get("a0").map(placeless),
            all.get(&format!("a{k}")).map(placeless)
        );

        let out = dir.path().join("csv");
        let o = stance(&["analyze", p, "-f", "csv", "-o", out.to_str().unwrap(), "-q"]);
        prop_assert!(code(&o) == 0 || code(&o) == 1);
        for (table, columns) in [
            ("articles.csv", &["tone"][..]),
            ("actors.csv", &["sentiment"][..]),
            ("quotes.csv", &["sentiment", "start", "end"][..]),
            ("relations.csv", &["polarity"][..]),
        ] {
            let (header, rows) = read_csv(&out.join(table));
            for column in columns {
                let Some(at) = header.iter().position(|h| h == column) else { continue };
                for row in &rows {
                    let cell = &row[at];
                    if cell.is_empty() {
                        continue;
                    }
                    let x: f64 = cell.parse().unwrap_or_else(|_| panic!("{table} {column} = {cell:?}"));
                    prop_assert!(x.is_finite(), "{} {} = {}", table, column, cell);
                    if *column != "start" && *column != "end" {
                        prop_assert!((-1.0..=1.0).contains(&x), "{} {} = {}", table, column, x);
                    }
                }
            }
        }
    }
}
