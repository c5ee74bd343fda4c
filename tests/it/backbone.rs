//! The backbone: seeds in, reports out, bad inputs named, exit codes kept.

use crate::util::*;

const SEED: &str = "seeds/000_53a223d58a8d3c17.txt";

/// README's main command shows the seed's headline, date, place, source and paragraph count.
#[test]
fn text_report_of_the_seed() {
    let o = stance(&["analyze", SEED]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("== North Korea, China Agree to Deepen Ties Against Hegemonism\n"),
        "{out}"
    );
    assert!(
        out.contains("date 2025-09-29 · place BEIJING, CHINA · source Dw"),
        "{out}"
    );
    assert!(out.contains("   8 paragraphs · 15 sentences · "), "{out}");
}

/// JSONL gives one object per article with every key of the schema.
#[test]
fn jsonl_has_every_schema_key() {
    let o = stance(&["analyze", "seeds/", "--format", "jsonl", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(!lines.is_empty());
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for key in [
            "schema_version",
            "id",
            "source_path",
            "title",
            "date",
            "place",
            "source",
            "counts",
            "tone",
            "actors",
            "quotes",
            "relations",
        ] {
            assert!(v.get(key).is_some(), "missing {key} in {line}");
        }
        for key in ["paragraphs", "sentences", "words"] {
            assert!(v["counts"][key].is_u64(), "counts.{key} in {line}");
        }
    }
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["id"], "000_53a223d58a8d3c17");
    assert_eq!(first["date"], "2025-09-29");
    assert_eq!(first["place"], "BEIJING, CHINA");
    assert_eq!(first["source"], "Dw");
    assert_eq!(first["counts"]["paragraphs"], 8);
}

/// `--format json` is one valid JSON array holding the same objects as JSONL.
#[test]
fn json_array_matches_jsonl() {
    let json = stdout(&stance(&["analyze", "seeds/", "-f", "json", "-q"]));
    let jsonl = stdout(&stance(&["analyze", "seeds/", "-f", "jsonl", "-q"]));
    let array: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let objects: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(array, objects);
}

/// `--format csv --out DIR` writes the four tables with the documented columns, every row the header's width.
#[test]
fn csv_tables_have_the_documented_columns() {
    let dir = Dir::new();
    let o = stance(&["analyze", "seeds/", "-f", "csv", "-o", dir.str(), "-q"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let expect: [(&str, &[&str]); 5] = [
        (
            "articles.csv",
            &[
                "article_id",
                "source_path",
                "title",
                "date",
                "place",
                "source",
                "sentences",
                "words",
                "tone",
                "tone_label",
                "n_actors",
                "n_quotes",
                "n_relations",
            ],
        ),
        (
            "actors.csv",
            &[
                "article_id",
                "actor_id",
                "name",
                "kind",
                "affiliation",
                "mentions",
                "sentiment",
                "label",
            ],
        ),
        (
            "quotes.csv",
            &[
                "article_id",
                "quote_id",
                "kind",
                "speaker_id",
                "speaker_name",
                "cue",
                "sentiment",
                "label",
                "start",
                "end",
                "text",
            ],
        ),
        (
            "relations.csv",
            &[
                "article_id",
                "source_id",
                "target_id",
                "polarity",
                "label",
                "cues",
                "sentence",
                "evidence",
            ],
        ),
        (
            "dyads.csv",
            &[
                "source_id",
                "source_name",
                "target_id",
                "target_name",
                "articles",
                "relations",
                "mean_polarity",
                "cooperative",
                "supportive",
                "neutral",
                "critical",
                "hostile",
                "article_ids",
            ],
        ),
    ];
    for (name, columns) in expect {
        let (header, _) = read_csv(&dir.path().join(name));
        assert_eq!(header, columns, "{name}");
    }
    let (_, rows) = read_csv(&dir.path().join("articles.csv"));
    let seed = rows
        .iter()
        .find(|r| r[0] == "000_53a223d58a8d3c17")
        .expect("seed row");
    assert_eq!(
        &seed[2..6],
        [
            "North Korea, China Agree to Deepen Ties Against Hegemonism",
            "2025-09-29",
            "BEIJING, CHINA",
            "Dw"
        ]
    );
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Good articles next to an empty file, a binary file, a Latin-1 file and a JSONL
/// file with one broken line: the good ones are reported, each bad one named, exit 1.
#[test]
fn mixed_directory_reports_good_and_names_bad() {
    let dir = Dir::new();
    dir.write("a.txt", std::fs::read(repo(SEED)).unwrap());
    dir.write("b_empty.txt", "");
    dir.write("c_blob.bin", b"\x00\x01\x02\x03binary\x00");
    dir.write(
        "d_latin1.txt",
        b"Caf\xe9 au lait\nPARIS - Le caf\xe9 est ferm\xe9.\n",
    );
    dir.write(
        "e.jsonl",
        "{\"id\":\"j1\",\"title\":\"One\",\"text\":\"Russia and China met.\"}\n{\"id\":\"j2\",\"text\": oops}\n{\"id\":\"j3\",\"title\":\"Three\",\"text\":\"Iran talks resumed.\"}\n",
    );
    let o = stance(&["analyze", dir.str(), "-f", "jsonl"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let ids: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, ["a", "j1", "j3"]);
    let err = stderr(&o);
    let d = dir.str();
    for expected in [
        format!("stance: skipped {d}/b_empty.txt: empty file"),
        format!("stance: skipped {d}/c_blob.bin: binary file (NUL byte at offset 0)"),
        format!("stance: skipped {d}/d_latin1.txt: invalid UTF-8: byte 0xe9 at offset 3 (line 1)"),
        format!("stance: skipped {d}/e.jsonl:2: invalid JSON at column 20"),
        "stance: 3 article(s) analysed, 4 skipped".to_string(),
    ] {
        assert!(err.contains(&expected), "missing {expected:?} in\n{err}");
    }
}

/// Malformed CSV rows are named by line; the other rows are analysed.
#[test]
fn csv_corpus_with_a_short_row() {
    let dir = Dir::new();
    let path = dir.write("c.csv", "id,headline,body,section\nc1,Hello,\"Japan and China met, again.\",world\nc2,Bad\nc3,Fine,\"Iran, Iraq talk.\",asia\n");
    let o = stance(&[
        "analyze",
        path.to_str().unwrap(),
        "-f",
        "jsonl",
        "--text-column",
        "body",
    ]);
    assert_eq!(code(&o), 1);
    let objects: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 2);
    assert_eq!(objects[0]["title"], "Hello");
    assert_eq!(objects[0]["metadata"]["section"], "world");
    assert_eq!(objects[1]["source_line"], 4);
    assert!(
        stderr(&o).contains("c.csv:3: row has 2 fields, header has 4"),
        "{}",
        stderr(&o)
    );
}

/// A missing path exits 1 and says so; no arguments is a usage error (2).
#[test]
fn exit_codes() {
    let o = stance(&["analyze", "no/such/file.txt"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("no/such/file.txt: no such file or directory"));
    assert_eq!(code(&stance(&["analyze"])), 2);
    assert_eq!(code(&stance(&["analyze", "seeds/", "--threads", "0"])), 2);
}

/// `--out` pointing at a file is refused before anything is written.
#[test]
fn out_must_not_be_a_file() {
    let dir = Dir::new();
    let file = dir.write("taken", "x");
    let o = stance(&["analyze", SEED, "-o", file.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("is a file, not a directory"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

/// `-` reads one plain-text article from stdin; JSONL from stdin with --input-format.
#[test]
fn stdin_inputs() {
    let o = stance_stdin(
        &["analyze", "-", "-f", "jsonl"],
        b"Talks Resume\nGENEVA (Reuters) - Iran and the EU met.\n",
    );
    assert_eq!(code(&o), 0);
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(
        (
            v["title"].as_str(),
            v["place"].as_str(),
            v["source"].as_str()
        ),
        (Some("Talks Resume"), Some("GENEVA"), Some("Reuters"))
    );
    let o = stance_stdin(
        &["analyze", "-", "--input-format", "jsonl", "-f", "jsonl"],
        b"{\"id\":\"s1\",\"text\":\"Hi there.\"}\n",
    );
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("\"id\":\"s1\""));
}

/// Reports are byte-identical whatever the thread count.
#[test]
fn threads_do_not_change_output() {
    for format in ["text", "jsonl"] {
        let one = stance(&[
            "analyze",
            "seeds/",
            "tests/fixtures",
            "-f",
            format,
            "-j",
            "1",
            "-q",
        ]);
        let four = stance(&[
            "analyze",
            "seeds/",
            "tests/fixtures",
            "-f",
            format,
            "-j",
            "4",
            "-q",
        ]);
        assert_eq!(code(&one), code(&four));
        assert!(!one.stdout.is_empty());
        assert_eq!(one.stdout, four.stdout, "{format}");
    }
}
