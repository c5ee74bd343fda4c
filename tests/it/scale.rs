//! Parallelism must not show: every format is byte-identical for any
//! `--threads`, in input order, across batch boundaries, with bad records
//! reported in place. (`backbone::threads_do_not_change_output` covers text
//! and JSONL on the seeds; these cover the rest.)

use crate::util::{Dir, code, stance, stderr, stdout};

const FORMATS: &[&str] = &["text", "json", "jsonl", "csv"];

/// Runs `analyze` on `inputs` with `threads`, returning stdout, stderr, the
/// exit code and, with `out`, every report file's bytes by name.
fn run(inputs: &[&str], format: &str, threads: &str, out: Option<&Dir>) -> Run {
    let mut args = vec!["analyze"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["-f", format, "-j", threads, "-q"]);
    if let Some(dir) = out {
        args.extend_from_slice(&["-o", dir.str()]);
    }
    let o = stance(&args);
    let mut files = Vec::new();
    if let Some(dir) = out {
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            files.push((name, std::fs::read(entry.path()).unwrap()));
        }
        files.sort();
    }
    Run {
        code: code(&o),
        stdout: o.stdout.clone(),
        stderr: stderr(&o),
        files,
    }
}

#[derive(Debug, PartialEq, Eq)]
struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
    files: Vec<(String, Vec<u8>)>,
}

/// Seeds and fixtures, every format, to stdout and into `--out`: 1 vs 4 threads.
#[test]
fn every_format_is_identical_for_1_and_4_threads() {
    let inputs = ["seeds/", "tests/fixtures"];
    for format in FORMATS {
        let one = run(&inputs, format, "1", None);
        let four = run(&inputs, format, "4", None);
        assert!(!one.stdout.is_empty(), "{format}");
        assert_eq!(one, four, "{format} to stdout");

        let (d1, d4) = (Dir::new(), Dir::new());
        let one = run(&inputs, format, "1", Some(&d1));
        let four = run(&inputs, format, "4", Some(&d4));
        assert!(!one.files.is_empty(), "{format}");
        assert_eq!(one, four, "{format} into --out");
    }
}

/// A corpus of many records spans several batches (1,024 articles each) and
/// holds bad lines: reports and skip messages keep input order for 1, 2 and 4 threads.
#[test]
fn many_records_keep_input_order_across_batches() {
    // Short records keep the test fast; the sentences vary so that articles
    // differ in actors and relations.
    const TEXTS: &[&str] = &[
        "China and Japan held talks in Tokyo on Monday.",
        "Germany criticised Russia over the attack, officials said.",
        "The United Nations welcomed the agreement between India and Pakistan.",
        "\"We will not back down,\" Iran's foreign minister said.",
    ];
    let dir = Dir::new();
    let mut corpus = String::new();
    for i in 0..2100 {
        match i % 500 {
            7 => corpus.push_str("{not json\n"),
            8 => corpus.push_str("{\"id\": \"no-text\"}\n"),
            _ => {
                let v = serde_json::json!({
                    "id": format!("copy-{i}"),
                    "title": format!("Report {i}"),
                    "text": TEXTS[i % TEXTS.len()],
                });
                corpus.push_str(&v.to_string());
                corpus.push('\n');
            }
        }
    }
    let path = dir.write("corpus.jsonl", corpus);
    let path = path.to_str().unwrap();
    for format in ["jsonl", "csv"] {
        let one = run(&[path], format, "1", None);
        assert_eq!(one.code, 1, "{format}: bad lines are skipped");
        assert_eq!(one.stderr.matches("stance: skipped").count(), 10);
        for threads in ["2", "4"] {
            assert_eq!(
                one,
                run(&[path], format, threads, None),
                "{format}, {threads} threads"
            );
        }
    }
    let ids: Vec<String> = String::from_utf8(run(&[path], "jsonl", "2", None).stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["id"].as_str().unwrap().to_string()
        })
        .collect();
    let expected: Vec<String> = (0..2100)
        .filter(|i| !matches!(i % 500, 7 | 8))
        .map(|i| format!("copy-{i}"))
        .collect();
    assert_eq!(ids, expected);
}

/// `--stages sentiment` (the corpus-wide sentiment pass) leaves actors, quotes
/// and relations empty, names the stages it ran, and scores every seed's
/// sentences and tone exactly as the full pipeline does; `--stages quotes`
/// brings actors along; an unknown stage is a usage error (exit 2).
#[test]
fn stages_sentiment_matches_the_full_run() {
    let parse = |o: &std::process::Output| -> Vec<serde_json::Value> {
        assert_eq!(code(o), 0, "{}", stderr(o));
        stdout(o)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let seeds = |extra: &[&str]| {
        let mut args = vec!["analyze", "seeds/", "-f", "jsonl", "--evidence", "-q"];
        args.extend_from_slice(extra);
        parse(&stance(&args))
    };
    let full = seeds(&[]);
    let only = seeds(&["--stages", "sentiment"]);
    assert_eq!(full.len(), only.len());
    assert!(full.len() >= 6);
    for (f, o) in full.iter().zip(&only) {
        assert_eq!(o["stages"], serde_json::json!(["sentiment"]));
        assert!(f.get("stages").is_none(), "a full run does not list stages");
        for empty in ["actors", "quotes", "relations"] {
            assert_eq!(o[empty], serde_json::json!([]), "{empty}");
        }
        assert!(!f["actors"].as_array().unwrap().is_empty());
        assert_eq!(o["tone"], f["tone"]);
        assert_eq!(o["sentences"], f["sentences"]);
    }
    let quotes = parse(&stance(&[
        "analyze",
        "seeds/000_53a223d58a8d3c17.txt",
        "-f",
        "jsonl",
        "-q",
        "--stages",
        "quotes",
    ]));
    assert_eq!(quotes[0]["stages"], serde_json::json!(["actors", "quotes"]));
    assert_eq!(quotes[0]["tone"], serde_json::Value::Null);
    assert_eq!(quotes[0]["quotes"].as_array().unwrap().len(), 8);
    assert_eq!(quotes[0]["relations"], serde_json::json!([]));
    let bad = stance(&["analyze", "seeds/", "--stages", "tone"]);
    assert_eq!(code(&bad), 2);
    assert!(
        stderr(&bad).contains("unknown stage \"tone\""),
        "{}",
        stderr(&bad)
    );
}
