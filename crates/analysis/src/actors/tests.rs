use stance_core::{Article, ArticleId};

use super::*;

fn analyse(text: &str) -> (Article, ActorSet) {
    let article = Article::parse(ArticleId("t".into()), text.to_string()).unwrap();
    let gaz = Gazetteer::builtin().unwrap();
    let set = find(&article, &gaz);
    (article, set)
}

fn summary(text: &str) -> Vec<String> {
    let (_, set) = analyse(text);
    set.actors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            format!(
                "{} {} role={:?} aff={:?} n={}",
                a.id,
                a.name,
                a.role.as_deref().unwrap_or("-"),
                a.affiliation.as_ref().map_or("-", |x| x.0.as_str()),
                set.mentions_of(i).count()
            )
        })
        .collect()
}

const SEED: &str = include_str!("../../../../seeds/000_53a223d58a8d3c17.txt");

#[test]
fn seed_dump() {
    for l in summary(SEED) {
        println!("{l}");
    }
    let (a, set) = analyse(SEED);
    for m in &set.mentions {
        println!(
            "{:?} {:?} -> {}",
            a.slice(m.span),
            m.form,
            set.actors[m.actor].id
        );
    }
}

/// Checks one article against its `tests/fixtures/expect/*.json`: every
/// expected actor is there (by id, or by name with role and affiliation),
/// no `absent_actors` id is, and no actor is listed twice.
fn check_fixture(
    gaz: &Gazetteer,
    article_path: &std::path::Path,
    expect_path: &std::path::Path,
) -> Vec<String> {
    let text = std::fs::read_to_string(article_path).unwrap();
    let expect: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(expect_path).unwrap()).unwrap();
    let article = Article::parse(ArticleId("t".into()), text).unwrap();
    let set = find(&article, gaz);
    let mut problems = Vec::new();
    let names_of = |a: &Actor| -> Vec<String> {
        let mut v = vec![a.name.clone()];
        if let Some(e) = gaz.get(&a.id) {
            v.extend(e.aliases.iter().cloned());
        }
        v
    };
    let aff_names = |a: &Actor| -> Vec<String> {
        let mut v: Vec<String> = a.affiliation_name.iter().cloned().collect();
        if let Some(id) = &a.affiliation {
            v.push(id.0.clone());
            if let Some(x) = set.actors.iter().find(|x| &x.id == id) {
                v.push(x.name.clone());
            }
            if let Some(e) = gaz.get(id) {
                v.push(e.name.clone());
            }
        }
        v
    };
    for want in expect["actors"].as_array().into_iter().flatten() {
        let found =
            set.actors
                .iter()
                .find(|a| match (want["id"].as_str(), want["name"].as_str()) {
                    (Some(id), _) => a.id.0 == id,
                    (None, Some(name)) => names_of(a).iter().any(|n| n == name),
                    _ => false,
                });
        let Some(a) = found else {
            problems.push(format!("missing {want}"));
            continue;
        };
        if let Some(role) = want["role"].as_str()
            && !a
                .role
                .as_deref()
                .is_some_and(|r| r.eq_ignore_ascii_case(role))
        {
            problems.push(format!("{}: role {:?}, want {role:?}", a.name, a.role));
        }
        if let Some(aff) = want["affiliation"].as_str()
            && !aff_names(a).iter().any(|n| n == aff)
        {
            problems.push(format!(
                "{}: affiliation {:?}, want {aff:?}",
                a.name,
                aff_names(a)
            ));
        }
    }
    for id in expect["absent_actors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
    {
        if set.actors.iter().any(|a| a.id.0 == id) {
            problems.push(format!("unexpected {id}"));
        }
    }
    for (i, a) in set.actors.iter().enumerate() {
        if set.actors[..i]
            .iter()
            .any(|b| b.id == a.id || b.name.eq_ignore_ascii_case(&a.name))
        {
            problems.push(format!("duplicate {} {}", a.id, a.name));
        }
    }
    problems
}

fn repo(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

#[test]
fn fixtures_meet_expectations() {
    let gaz = Gazetteer::builtin().unwrap();
    let mut report = Vec::new();
    let mut failed = 0;
    let mut paths: Vec<_> = std::fs::read_dir(repo("tests/fixtures/expect"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for expect in paths {
        let stem = expect.file_stem().unwrap().to_string_lossy().to_string();
        let article = ["tests/fixtures/articles", "seeds", "tests/fixtures/actors"]
            .iter()
            .map(|d| repo(&format!("{d}/{stem}.txt")))
            .find(|p| p.exists());
        let Some(article) = article else { continue };
        let problems = check_fixture(&gaz, &article, &expect);
        if !problems.is_empty() {
            failed += 1;
        }
        report.push(format!(
            "{stem}: {}",
            if problems.is_empty() {
                "ok".to_string()
            } else {
                problems.join("; ")
            }
        ));
    }
    println!("{}", report.join("\n"));
    assert_eq!(failed, 0, "{}", report.join("\n"));
}

#[test]
#[ignore = "debugging aid: prints actors and mentions of ACTORS_DEBUG_FILE"]
fn dump() {
    let path = std::env::var("ACTORS_DEBUG_FILE").unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    for l in summary(&text) {
        println!("{l}");
    }
    let (a, set) = analyse(&text);
    for m in &set.mentions {
        println!("  {:?} {:?} -> {}", a.slice(m.span), m.form, set.actors[m.actor].id);
    }
    let gaz = Gazetteer::builtin().unwrap();
    println!("unresolved: {:?}", unresolved(&a, &set, &gaz).iter().map(|u| (&u.name, u.count)).collect::<Vec<_>>());
}
