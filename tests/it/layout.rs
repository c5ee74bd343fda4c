//! Article layout on every seed and fixture: headline, date, place, source,
//! byline and paragraph count exactly as `tests/fixtures/expect/*.json` states.

use serde_json::Value;

use crate::util::*;

/// Runs `stance analyze` on `path` and returns its JSONL objects.
fn reports(path: &str) -> Vec<Value> {
    let o = stance(&["analyze", path, "-f", "jsonl", "-q"]);
    assert_eq!(code(&o), 0, "{path}: {}", stderr(&o));
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn check(name: &str, report: &Value, expect: &Value) {
    for key in ["title", "date", "place", "source", "byline"] {
        if let Some(want) = expect.get(key) {
            assert_eq!(&report[key], want, "{name}: {key}");
        }
    }
    if let Some(want) = expect.get("paragraphs") {
        assert_eq!(&report["counts"]["paragraphs"], want, "{name}: paragraphs");
    }
}

#[test]
fn every_text_article_has_the_expected_layout() {
    let mut checked = 0;
    for dir in ["seeds", "tests/fixtures/articles"] {
        for entry in std::fs::read_dir(repo(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("txt") {
                continue;
            }
            let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
            let expect_path = repo(&format!("tests/fixtures/expect/{stem}.json"));
            let expect: Value =
                serde_json::from_str(&std::fs::read_to_string(&expect_path).unwrap()).unwrap();
            let got = reports(path.to_str().unwrap());
            assert_eq!(got.len(), 1);
            check(&stem, &got[0], &expect);
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} articles checked");
}

#[test]
fn jsonl_corpus_records_have_the_expected_layout() {
    let expect: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(repo("tests/fixtures/expect/corpus.expect.json")).unwrap(),
    )
    .unwrap();
    let got = reports("seeds/corpus.jsonl");
    assert_eq!(got.len(), expect.len());
    for (i, (r, e)) in got.iter().zip(&expect).enumerate() {
        check(&format!("corpus line {}", i + 1), r, e);
        assert_eq!(r["source_line"], i + 1);
        assert!(
            r["metadata"]["section"].is_string(),
            "extra fields are carried through"
        );
    }
}
