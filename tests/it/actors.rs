//! `stance actors list|check` and the actor flags of `stance analyze`.

use crate::util::*;

const SEED: &str = "seeds/000_53a223d58a8d3c17.txt";

fn actor_ids(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let article = if v.is_array() { v[0].clone() } else { v };
    article["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn list_prints_a_tsv_table_with_dated_roles() {
    let o = stance(&["actors", "list", "--kind", "person", "--date", "2022-03-02"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("id\tkind\tname\taffiliation\trole\tsource\n"),
        "{out}"
    );
    let biden = out
        .lines()
        .find(|l| l.starts_with("PER.BIDEN_JOE\t"))
        .unwrap();
    assert!(
        biden.contains("\tperson\tJoe Biden\tUSA\tPresident\tbuiltin:actors.en:"),
        "{biden}"
    );
    assert!(
        !out.lines().any(|l| l.starts_with("CHN\t")),
        "--kind person lists no states"
    );
}

#[test]
fn check_accepts_a_good_file_and_names_file_and_line_of_errors() {
    let d = Dir::new();
    let good = d.write(
        "good.tsv",
        "# name: mine\nORG.ZORBLAT\torganization\tZorblat Council\taffiliation=USA\n",
    );
    let o = stance(&["actors", "check", good.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).ends_with("good.tsv: 1 actors\n"),
        "{}",
        stdout(&o)
    );

    let bad = d.write("bad.tsv", "# comment\n\nX\tcountry\tXland\n");
    let o = stance(&["actors", "check", bad.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("bad.tsv:3: unknown kind \"country\""),
        "{}",
        stderr(&o)
    );

    let dangling = d.write("dangling.tsv", "PER.X\tperson\tX Y\taffiliation=NOWHERE\n");
    let o = stance(&["actors", "check", dangling.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("dangling.tsv:1: unknown affiliation \"NOWHERE\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn analyze_uses_user_gazetteers_and_writes_unresolved_names() {
    let d = Dir::new();
    let article = d.write("z.txt", "Zorblat Talks\nThe Zorblat Council met in Quixville. Officials in Quixville said China agreed.\n");
    let gaz = d.write("mine.tsv", "ORG.ZORBLAT\torganization\tZorblat Council\n");
    let unresolved = d.path().join("unresolved.tsv");
    let o = stance(&[
        "analyze",
        "-q",
        "-f",
        "json",
        article.to_str().unwrap(),
        "--actors",
        gaz.to_str().unwrap(),
        "--unresolved",
        unresolved.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(actor_ids(&stdout(&o)), ["ORG.ZORBLAT", "CHN"]);
    assert_eq!(
        std::fs::read_to_string(&unresolved).unwrap(),
        "name\tcount\tarticles\tfirst_article\nQuixville\t2\t1\tz\n"
    );
}

#[test]
fn no_builtin_actors_leaves_only_user_files() {
    let d = Dir::new();
    let gaz = d.write("mine.tsv", "PRK\tstate\tNorth Korea\tmetonyms=Pyongyang\n");
    let o = stance(&[
        "analyze",
        "-q",
        "-f",
        "json",
        SEED,
        "--no-builtin-actors",
        "--actors",
        gaz.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let ids = actor_ids(&stdout(&o));
    assert!(ids.contains(&"PRK".to_string()), "{ids:?}");
    assert!(!ids.contains(&"CHN".to_string()), "{ids:?}");
}

#[test]
fn seed_actors_in_json() {
    let o = stance(&["analyze", "-q", "-f", "json", SEED]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let ids = actor_ids(&stdout(&o));
    for id in [
        "PRK",
        "CHN",
        "USA",
        "RUS",
        "PRK.KCNA",
        "PER.WANG_YI",
        "PER.XI_JINPING",
        "NEW.SARAH_KIM",
    ] {
        assert!(ids.contains(&id.to_string()), "{id} missing from {ids:?}");
    }
    assert!(
        !ids.contains(&"KOR".to_string()),
        "Seoul inside Seoul National University is not South Korea: {ids:?}"
    );
}

#[test]
fn bad_gazetteer_is_a_fatal_error_with_file_and_line() {
    let d = Dir::new();
    let gaz = d.write("broken.tsv", "CHN\tstate\n");
    let o = stance(&["analyze", "-q", SEED, "--actors", gaz.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("broken.tsv:1: expected id<TAB>kind<TAB>name"),
        "{}",
        stderr(&o)
    );
}
