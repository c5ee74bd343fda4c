use super::*;

fn parse(text: &str, f: LexiconFormat) -> SentimentLexicon {
    SentimentLexicon::parse("t", text, f).unwrap()
}

fn err(text: &str, f: LexiconFormat) -> LexiconError {
    SentimentLexicon::parse("t", text, f).unwrap_err()
}

fn pairs(l: &SentimentLexicon) -> Vec<(&str, f64)> {
    l.entries
        .iter()
        .map(|e| (e.term.as_str(), e.weight))
        .collect()
}

#[test]
fn native() {
    let l = parse(
        "# name: demo\n# version: 2\nbad\t-0.5\r\nWell Done\t0.75\nhegemon*\t-0.6\n",
        LexiconFormat::Native,
    );
    assert_eq!(l.info.name, "demo");
    assert_eq!(l.info.version.as_deref(), Some("2"));
    assert_eq!(
        pairs(&l),
        [("bad", -0.5), ("well done", 0.75), ("hegemon*", -0.6)]
    );
    assert_eq!(
        err("bad\t-1.5\n", LexiconFormat::Native).to_string(),
        "t:1: bad weight \"-1.5\""
    );
    assert_eq!(err("ok\t0.1\nbad\tNaN\n", LexiconFormat::Native).line, 2);
    assert_eq!(
        err("bad\n", LexiconFormat::Native).kind,
        LexiconErrorKind::Columns {
            expected: "term<TAB>weight"
        }
    );
    assert_eq!(
        err(" \t0.5\n", LexiconFormat::Native).kind,
        LexiconErrorKind::EmptyTerm
    );
    let dup = parse("bad\t-0.5\nBad\t-0.4\n", LexiconFormat::Native);
    assert_eq!(pairs(&dup), [("bad", -0.5)]);
    assert_eq!(
        dup.warnings[0].to_string(),
        "t:2: duplicate term \"bad\" (first on line 1)"
    );
}

#[test]
fn vader_and_afinn() {
    let v = parse(
        "good\t1.9\t0.9\t[2, 2, 1]\r\n:)\t2.0\t0.5\t[2]\r\n",
        LexiconFormat::Vader,
    );
    assert_eq!(pairs(&v), [("good", 0.475), (":)", 0.5)]);
    assert_eq!(err("good\t9\t0\t[]\n", LexiconFormat::Vader).line, 1);
    let a = parse("abandon\t-2\ncan't stand\t-3\n", LexiconFormat::Afinn);
    assert_eq!(pairs(&a), [("abandon", -0.4), ("can't stand", -0.6)]);
    assert!(matches!(
        err("x\t6\n", LexiconFormat::Afinn).kind,
        LexiconErrorKind::BadWeight { .. }
    ));
}

#[test]
fn dic() {
    let text = "%\n1\tposemo\n2\tnegemo\n3\tfunct\n%\nabandon*\t2\ngood\t1\t3\nthe\t3\nkind of\t1\nodd\t1\t2\n";
    let l = parse(text, LexiconFormat::Dic);
    assert_eq!(
        pairs(&l),
        [
            ("abandon*", -BINARY_WEIGHT),
            ("good", BINARY_WEIGHT),
            ("kind of", BINARY_WEIGHT)
        ]
    );
    assert_eq!(l.info.categories, ["posemo", "negemo"]);
    assert_eq!(l.warnings.len(), 2, "{:?}", l.warnings); // unknown category, both signs
    assert_eq!(l.warnings[0].line, 4);
    assert_eq!(err("%\n1\tposemo\n", LexiconFormat::Dic).line, 0);
    let cat = "NEGATIVE\n    A LIE (1)\n    ABANDON* (1)\nPOSITIVE\n\tABILIT* (1)\nOTHER\n    X (1)\n    Y (1)\n";
    let l = parse(cat, LexiconFormat::Dic);
    let w = BINARY_WEIGHT;
    assert_eq!(pairs(&l), [("a lie", -w), ("abandon*", -w), ("abilit*", w)]);
    assert_eq!(l.warnings.len(), 1);
    assert_eq!(l.warnings[0].line, 7);
    assert_eq!(err("%\n1\tposemo\n%\ngood\n", LexiconFormat::Dic).line, 4);
}

#[test]
fn yaml() {
    let text = "# Lexicoder-style\nLSD:\n  negative:\n    - abandon*\n    - \"a lie\"\n  positive: [good, 'fair play']\n  \
                neg_positive:\n  - not good\n  neg_negative:\n    - not bad # comment\n  other:\n    - x\n";
    let l = parse(text, LexiconFormat::Yaml);
    let w = BINARY_WEIGHT;
    assert_eq!(
        pairs(&l),
        [
            ("abandon*", -w),
            ("a lie", -w),
            ("good", w),
            ("fair play", w),
            ("not good", -w),
            ("not bad", w)
        ]
    );
    assert_eq!(l.warnings.len(), 1);
    assert_eq!(l.warnings[0].line, 12);
    assert_eq!(err("positive:\n  - a: b\n", LexiconFormat::Yaml).line, 2);
    assert_eq!(err("- a\n", LexiconFormat::Yaml).line, 1);
    assert_eq!(err("positive: &x [a]\n", LexiconFormat::Yaml).line, 1);
}

#[test]
fn detect() {
    assert_eq!(LexiconFormat::detect("x.dic", ""), LexiconFormat::Dic);
    assert_eq!(LexiconFormat::detect("x.yml", ""), LexiconFormat::Yaml);
    assert_eq!(
        LexiconFormat::detect("v.txt", "good\t1.9\t0.9\t[2]\n"),
        LexiconFormat::Vader
    );
    assert_eq!(
        LexiconFormat::detect("a.txt", "good\t3\nbad\t-1\n"),
        LexiconFormat::Afinn
    );
    assert_eq!(
        LexiconFormat::detect("n.tsv", "good\t0.5\n"),
        LexiconFormat::Native
    );
    assert_eq!(
        LexiconFormat::detect("n.tsv", "good\t1\n"),
        LexiconFormat::Native
    );
}

/// The byte-by-byte path for ASCII terms gives what the `char` path gives.
#[test]
fn ascii_normalisation_agrees_with_chars() {
    for term in [
        "",
        " ",
        "Good",
        "  not   GOOD ",
        "a\tb\nc\x0bd\x0ce\rf",
        "\x0bword\x0b",
        "don't",
        "well-known*",
        "*",
        "x\x1fy",
        "MiXeD  Case\t\tTERM",
    ] {
        assert_eq!(normalise_ascii(term), normalise_chars(term), "{term:?}");
    }
    assert_eq!(
        normalise_term("Caf\u{c9}  Bien\u{2019}s"),
        "caf\u{e9} bien's"
    );
}
