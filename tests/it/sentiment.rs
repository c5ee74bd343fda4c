//! `stance explain`, `stance eval` and `stance lexicon` end to end, on
//! hand-written fixtures in temporary directories.

use crate::util::{Dir, code, stance, stderr, stdout};

fn explain_json(text: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["explain", "--json", text];
    args.extend_from_slice(extra);
    let o = stance(&args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

fn tone(text: &str) -> f64 {
    explain_json(text, &[])["tone"]["score"].as_f64().unwrap()
}

// See: #5 (known VADER failures, with exact expected signs)
#[test]
fn known_failures() {
    assert!(tone("Nobody supports the invasion.") < 0.0);
    assert!(tone("The regime's hegemony and aggression drew sanctions.") < 0.0);
    assert!(tone("Japan remains a loyal ally.") > 0.0);
    let v = explain_json("He was not amiable.", &[]);
    let evidence = v["sentences"][0]["evidence"].as_array().unwrap();
    assert!(v["tone"]["score"].as_f64().unwrap() < 0.0);
    assert_eq!(evidence.len(), 1, "{evidence:?}");
}

#[test]
fn every_but_and_no_saturation() {
    let v = explain_json("The plan was good but costly, but it worked.", &[]);
    let ev = v["sentences"][0]["evidence"].as_array().unwrap();
    let reasons: Vec<String> = ev
        .iter()
        .map(|e| {
            let m = e["multipliers"].as_array().unwrap();
            m.iter()
                .map(|m| m["reason"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
                .join("+")
        })
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r == "contrast_after+contrast_before"),
        "{reasons:?}"
    );
    let few = tone(&["The talks were a success."; 3].join(" "));
    let many = tone(&["The talks were a success."; 30].join(" "));
    assert!((few - many).abs() < 1e-9 && many < 0.9, "{few} {many}");
}

#[test]
fn evidence_sums_to_the_score() {
    let v = explain_json(
        "Critics condemned the very reckless invasion, but allies praised the talks.",
        &[],
    );
    for s in v["sentences"].as_array().unwrap() {
        let sum: f64 = s["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["contribution"].as_f64().unwrap())
            .sum();
        assert!((sum - s["score"].as_f64().unwrap()).abs() < 1e-9);
    }
    assert!(
        v["lexicons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["name"] == "sentiment.en")
    );
}

#[test]
fn targets_get_opposite_signs() {
    let v = explain_json(
        "Seoul praised Tokyo but condemned Pyongyang.",
        &["--target", "Tokyo", "--target", "Pyongyang"],
    );
    let t = v["targets"].as_array().unwrap();
    assert!(t[0]["score"].as_f64().unwrap() > 0.0, "{t:?}");
    assert!(t[1]["score"].as_f64().unwrap() < 0.0, "{t:?}");
}

#[test]
fn eval_sentiment_and_predictions() {
    let dir = Dir::new();
    let gold = dir.write("gold.txt", "1\t2.5\tWhat a wonderful, happy day!\r\n2\t-3.0\tThis is awful and I hate it.\r\n3\t0.1\tThe bus leaves at nine.\r\n");
    let preds = dir.path().join("p.jsonl");
    let o = stance(&[
        "eval",
        "sentiment",
        gold.to_str().unwrap(),
        "--predictions",
        preds.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let last = stdout(&o).lines().last().unwrap().to_string();
    assert!(
        last.contains("pearson_r=") && last.contains("macro_f1=1.0000"),
        "{last}"
    );
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&preds)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["id"], "2");
    assert_eq!(lines[1]["label"], "negative");
}

#[test]
fn eval_targets_and_predictions() {
    let dir = Dir::new();
    let gold = dir.write(
        "t.jsonl",
        concat!(
            r#"{"sentence_normalized": "Seoul praised Tokyo but condemned Pyongyang.", "targets": [{"from": 14, "to": 19, "mention": "Tokyo", "polarity": 6.0}, {"from": 34, "to": 43, "mention": "Pyongyang", "polarity": 2.0}]}"#,
            "\n",
            r#"{"sentence_normalized": "Émile met the mayor on Tuesday.", "targets": [{"from": 0, "to": 5, "mention": "Émile", "polarity": 4.0}]}"#,
            "\n"
        ),
    );
    let preds = dir.path().join("p.jsonl");
    let o = stance(&[
        "eval",
        "targets",
        gold.to_str().unwrap(),
        "--predictions",
        preds.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o)
            .lines()
            .last()
            .unwrap()
            .contains("targets=3 macro_f1=1.0000 accuracy=1.0000"),
        "{}",
        stdout(&o)
    );
    let p = std::fs::read_to_string(&preds).unwrap();
    let first: serde_json::Value = serde_json::from_str(p.lines().next().unwrap()).unwrap();
    assert_eq!(
        (first["line"].as_u64(), first["target"].as_u64()),
        (Some(1), Some(0))
    );
    assert_eq!(first["gold"], "positive");
}

#[test]
fn researcher_formats_load_and_check() {
    let dir = Dir::new();
    let vader = dir.write("v.txt", "splendid\t3.2\t0.4\t[3, 3, 4]\n");
    let v = explain_json(
        "A splendid plan.",
        &[
            "--no-builtin-lexicons",
            "--lexicon",
            vader.to_str().unwrap(),
        ],
    );
    assert!((v["sentences"][0]["evidence"][0]["base"].as_f64().unwrap() - 0.8).abs() < 1e-12);
    let yaml = dir.write(
        "lsd.yml",
        "positive:\n  - splend*\nnegative: [dreadful]\nneg_positive:\n  - not splend*\n",
    );
    let v = explain_json(
        "Not splendid.",
        &["--no-builtin-lexicons", "--lexicon", yaml.to_str().unwrap()],
    );
    assert_eq!(v["sentences"][0]["evidence"].as_array().unwrap().len(), 1);
    assert!(v["tone"]["score"].as_f64().unwrap() < 0.0);

    let bad = dir.write("bad.tsv", "good\t0.5\nbad\t-2\n");
    let o = stance(&["lexicon", "check", bad.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(
        stdout(&o).contains("bad.tsv:2: bad weight \"-2\""),
        "{}",
        stdout(&o)
    );
    let dup = dir.write("dup.dic", "%\n1\tposemo\n%\ngood\t1\ngood\t1\n");
    let o = stance(&["lexicon", "check", dup.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains("dup.dic:5: duplicate term"),
        "{}",
        stdout(&o)
    );
    for f in [
        "sentiment.en.tsv",
        "politics.en.tsv",
        "negators.en.txt",
        "intensifiers.en.tsv",
        "contrast.en.tsv",
        "hedges.en.tsv",
    ] {
        let o = stance(&["lexicon", "check", &format!("lexicons/{f}")]);
        assert_eq!(code(&o), 0, "{f}: {}", stdout(&o));
    }
    let o = stance(&["lexicon", "info"]);
    assert!(stdout(&o).contains("politics.en\t"), "{}", stdout(&o));
}
