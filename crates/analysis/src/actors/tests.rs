use stance_core::{Article, ArticleId, Span};

use super::*;

/// The built-in gazetteer, compiled once for all tests.
fn builtin() -> &'static Gazetteer {
    static GAZ: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
    GAZ.get_or_init(|| Gazetteer::builtin().unwrap())
}

fn analyse(text: &str) -> (Article, ActorSet) {
    let article = Article::parse(ArticleId("t".into()), text.to_string()).unwrap();
    let gaz = builtin();
    let set = find(&article, gaz);
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

/// The name of the actor mentioned in the first occurrence of `form`.
fn name_at(article: &Article, set: &ActorSet, form: &str) -> String {
    let at = article.text().find(form).unwrap();
    let m = set
        .mention_overlapping(Span::new(at, at + form.len()))
        .unwrap();
    set.actors[m.actor].name.clone()
}

const SEED: &str = include_str!("../../../../seeds/000_53a223d58a8d3c17.txt");

#[test]
fn seed_mentions_and_forms() {
    let (a, set) = analyse(SEED);
    let forms: Vec<String> = set
        .mentions
        .iter()
        .filter(|m| m.form != MentionForm::Name)
        .map(|m| {
            format!(
                "{}:{:?}:{}",
                a.slice(m.span),
                m.form,
                set.actors[m.actor].id
            )
        })
        .collect();
    for want in [
        "BEIJING:Metonym:CHN",
        "Pyongyang:Metonym:PRK",
        "Kim:Short:NEW.SARAH_KIM",
        "Wang:Short:PER.WANG_YI",
        "Russian:Demonym:RUS",
    ] {
        assert!(forms.iter().any(|f| f == want), "{want} not in {forms:?}");
    }
    // "Dr. Kim" is never Kim Jong Un.
    assert!(
        !forms
            .iter()
            .any(|f| f.starts_with("Kim:") && f.contains("KIM_JONG")),
        "{forms:?}"
    );
    // Mentions are sorted and never overlap.
    assert!(
        set.mentions
            .windows(2)
            .all(|w| w[0].span.end <= w[1].span.start)
    );
    // The headline counts.
    let title = a.title_span().unwrap();
    assert!(set.mentions.iter().any(|m| title.contains(m.span)));
}

/// `name, text, ids that must be found, ids that must not`.
macro_rules! t {
    ($name:ident, $text:expr, [$($yes:expr),*], [$($no:expr),*]) => {
        #[test]
        fn $name() {
            let text = concat!("Headline\n", $text);
            let (_, set) = analyse(text);
            let ids: Vec<&str> = set.actors.iter().map(|a| a.id.0.as_str()).collect();
            $(assert!(ids.contains(&$yes), "{} missing from {ids:?}", $yes);)*
            $(assert!(!ids.contains(&$no), "{} wrongly in {ids:?}", $no);)*
        }
    };
}

t!(
    washington_state_is_not_the_united_states,
    "Apple growers in Washington state want new buyers.",
    [],
    ["USA"]
);
t!(
    washington_post_is_not_the_united_states,
    "The Washington Post reported the story first.",
    [],
    ["USA"]
);
t!(
    washington_the_government_is,
    "Officials in Washington said the talks would resume.",
    ["USA"],
    []
);
t!(
    us_and_dotted_forms,
    "The U.S. and the US both mean America, said a diplomat.",
    ["USA"],
    []
);
t!(
    xi_capitalised_only,
    "The xi baryon decays fast, a physicist said.",
    [],
    ["CHN", "PER.XI_JINPING"]
);
t!(
    xi_short_after_full_name,
    "Xi Jinping met Putin. Xi said ties were strong.",
    ["PER.XI_JINPING", "PER.PUTIN_VLADIMIR"],
    []
);
t!(
    jordan_given_name,
    "Michael Jordan and Jordan Peterson spoke at the dinner.",
    [],
    ["JOR"]
);
t!(
    jordan_state,
    "Troops in Jordan were put on alert, Jordanian officials said.",
    ["JOR"],
    []
);
t!(
    chad_given_name,
    "Chad Smith, a drummer, said the tour would go on.",
    [],
    ["TCD"]
);
t!(
    georgia_alone_is_the_us_state,
    "Georgia lawmakers voted on the bill in Atlanta on Monday.",
    [],
    ["GEO"]
);
t!(
    georgia_with_tbilisi,
    "Georgia said talks in Tbilisi had gone well.",
    ["GEO"],
    []
);
t!(
    turkey_mid_sentence,
    "Leaders from Turkey and Greece met on Monday.",
    ["TUR"],
    []
);
t!(
    turkey_bird_at_sentence_start,
    "Turkey prices rose before the holiday.",
    [],
    ["TUR"]
);
t!(
    turkiye_alias,
    "Officials in Ankara said Türkiye would host the talks.",
    ["TUR"],
    []
);
t!(
    short_form_before_full_name_is_dropped,
    "Kim said nothing. Later Kim Jong Un spoke.",
    ["PER.KIM_JONGUN"],
    []
);
t!(
    kremlin_metonym,
    "The Kremlin rejected the plan.",
    ["RUS"],
    []
);

#[test]
fn short_forms_need_the_full_name_first() {
    let (a, set) = analyse(
        "Headline\nWang said nothing new. Wang Yi later met reporters, and Wang spoke at length.",
    );
    let shorts: Vec<usize> = set
        .mentions
        .iter()
        .filter(|m| m.form == MentionForm::Short)
        .map(|m| m.span.start)
        .collect();
    assert_eq!(shorts, [a.text().rfind("Wang spoke").unwrap()]);
}

#[test]
fn discovered_people_and_organisations() {
    let text = "Headline\nTrade economist Marco Rossi of the Bruegel think tank said tariffs hurt. \
                Rossi added that spokesperson Lin Qiao of China disagreed. \
                Dr. Amal Haddad, a nuclear policy analyst at the American University of Beirut, said more. \
                The farmers' union FNSEA called a strike.";
    let got = summary(text);
    let want = [
        r#"NEW.MARCO_ROSSI Marco Rossi role="Trade economist" aff="NEW.BRUEGEL" n=2"#,
        r#"NEW.BRUEGEL Bruegel role="-" aff="-" n=1"#,
    ];
    for w in want {
        assert!(got.iter().any(|g| g == w), "{w} not in {got:#?}");
    }
    assert!(
        got.iter()
            .any(|g| g.starts_with("NEW.LIN_QIAO Lin Qiao role=\"spokesperson\"")),
        "{got:#?}"
    );
    assert!(got.iter().any(|g| g.starts_with("NEW.AMAL_HADDAD Amal Haddad role=\"nuclear policy analyst\" aff=\"NEW.AMERICAN_UNIVERSITY_OF_BEIRUT\"")), "{got:#?}");
    assert!(
        got.iter().any(|g| g.starts_with("NEW.FNSEA FNSEA")),
        "{got:#?}"
    );
}

#[test]
fn anonymous_sources_keep_their_affiliation() {
    let (_, set) = analyse(
        "Headline\nA State Department spokesperson said talks went well, an Israeli official said.",
    );
    let anon: Vec<(String, Option<String>, Option<String>)> = set
        .actors
        .iter()
        .filter(|a| a.kind == ActorKind::Person)
        .map(|a| {
            (
                a.name.clone(),
                a.affiliation.as_ref().map(|x| x.0.clone()),
                a.affiliation_name.clone(),
            )
        })
        .collect();
    assert_eq!(
        anon,
        [
            (
                "State Department spokesperson".into(),
                Some("USA".into()),
                Some("State Department".into())
            ),
            ("Israeli official".into(), Some("ISR".into()), None),
        ]
    );
}

#[test]
fn dated_roles_follow_the_article_date() {
    let role = |date: &str| {
        let text = format!("Headline\nWASHINGTON - {date} - Joe Biden spoke.");
        let (_, set) = analyse(&text);
        set.actors
            .iter()
            .find(|a| a.name == "Joe Biden")
            .and_then(|a| a.role.clone())
    };
    assert_eq!(role("MARCH 2, 2022").as_deref(), Some("President"));
    assert_eq!(role("MARCH 2, 2015").as_deref(), Some("Vice President"));
    assert_eq!(role("MARCH 2, 2026"), None);
}

#[test]
fn pronouns_resolve_to_the_last_fitting_actor() {
    let text = "Headline\nChina and Marco Rossi, an economist at the Bruegel think tank, disagreed. He said it would not last.";
    let (a, set) = analyse(text);
    let he = a.text().find("He said").unwrap();
    let it = a.text().find("it would").unwrap();
    assert_eq!(
        set.actors[resolve_pronoun(&set, he, "He").unwrap()].name,
        "Marco Rossi"
    );
    assert_eq!(
        set.actors[resolve_pronoun(&set, it, "it").unwrap()].name,
        "Bruegel"
    );
    assert_eq!(resolve_pronoun(&set, he, "table"), None);
}

#[test]
fn unresolved_lists_unknown_capitalised_names() {
    let text = "Headline\nThe Zorblat Council met in Quixville. Officials from Quixville said China agreed.";
    let (a, set) = analyse(text);
    let gaz = builtin();
    let un: Vec<(String, usize)> = unresolved(&a, &set, gaz)
        .into_iter()
        .map(|u| (u.name, u.count))
        .collect();
    assert_eq!(un, [("Quixville".to_string(), 2)]);
}

#[test]
fn builtin_gazetteer_is_tidy() {
    // Parses (unique ids per file, known keys, valid dates) and every affiliation resolves.
    let gaz = builtin();
    let states = gaz
        .entries()
        .iter()
        .filter(|e| e.kind == ActorKind::State)
        .count();
    assert!(states >= 193, "{states} states");
    for e in gaz.entries() {
        assert!(!e.name.trim().is_empty(), "{}", e.id);
        if let Some(aff) = &e.affiliation {
            assert!(gaz.get(aff).is_some(), "{} -> {aff}", e.id);
        }
        for form in e
            .aliases
            .iter()
            .chain(&e.demonyms)
            .chain(&e.metonyms)
            .chain(&e.short)
        {
            assert_eq!(form.trim(), form, "{}: {form:?} has outer spaces", e.id);
        }
    }
    for id in [
        "CHN",
        "PRK",
        "USA",
        "RUS",
        "PRK.KCNA",
        "PER.WANG_YI",
        "PER.XI_JINPING",
    ] {
        assert!(gaz.get(&ActorId(id.into())).is_some(), "{id}");
    }
}

#[test]
fn builtin_titles_have_a_header() {
    let (h, _) = crate::lexicon::lines(matcher::TITLES_EN);
    assert_eq!(h.name.as_deref(), Some("titles.en"));
    assert_eq!(h.license.as_deref(), Some("CC0-1.0 (written for stance)"));
}

#[test]
fn user_files_add_and_replace_entries() {
    let mut b = GazetteerBuilder::new();
    b.add_str(
        "mine.tsv",
        "ORG.ZORBLAT\torganization\tZorblat Council\taliases=Zorblat\nPRK\tstate\tNorth Korea\n",
    )
    .unwrap();
    let gaz = b.build().unwrap();
    assert_eq!(gaz.get(&ActorId("PRK".into())).unwrap().file, "mine.tsv");
    let article = Article::parse(
        ArticleId("t".into()),
        "Headline\nThe Zorblat Council met.".into(),
    )
    .unwrap();
    let set = find(&article, &gaz);
    assert_eq!(set.actors[0].id.0, "ORG.ZORBLAT");
    let mut bad = GazetteerBuilder::new();
    bad.builtin(false)
        .add_str("bad.tsv", "# c\nP\tperson\tA B\taffiliation=NOPE\n")
        .unwrap();
    assert_eq!(
        bad.build().unwrap_err().to_string(),
        "bad.tsv:2: unknown affiliation \"NOPE\""
    );
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
        if let Some(role) = want["role"].as_str().filter(|role| {
            !a.role
                .as_deref()
                .is_some_and(|r| r.eq_ignore_ascii_case(role))
        }) {
            problems.push(format!("{}: role {:?}, want {role:?}", a.name, a.role));
        }
        if let Some(aff) = want["affiliation"]
            .as_str()
            .filter(|aff| !aff_names(a).iter().any(|n| n == aff))
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
    if expect["exact"].as_bool() == Some(true) {
        // Every actor found must be expected or explicitly allowed.
        let allowed: Vec<&str> = expect["allowed_actors"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
            .collect();
        for a in &set.actors {
            let wanted = expect["actors"].as_array().into_iter().flatten().any(|w| {
                w["id"].as_str() == Some(a.id.0.as_str())
                    || w["name"]
                        .as_str()
                        .is_some_and(|n| names_of(a).iter().any(|x| x == n))
            });
            if !wanted && !allowed.iter().any(|x| *x == a.id.0 || *x == a.name) {
                problems.push(format!("extra {} {:?}", a.id, a.name));
            }
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
    let gaz = builtin();
    let mut report = Vec::new();
    let mut failed = 0;
    let mut paths: Vec<_> = ["tests/fixtures/expect", "tests/fixtures/actors"]
        .iter()
        .flat_map(|d| std::fs::read_dir(repo(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json")
                && !p.to_string_lossy().ends_with(".expect.json")
        })
        .collect();
    paths.sort();
    for expect in paths {
        let stem = expect.file_stem().unwrap().to_string_lossy().to_string();
        // `000_seed_exact.json` checks the seed `000_53a223d58a8d3c17.txt` exactly.
        let stem = if stem == "000_seed_exact" {
            "000_53a223d58a8d3c17".to_string()
        } else {
            stem
        };
        let article = ["tests/fixtures/articles", "seeds", "tests/fixtures/actors"]
            .iter()
            .map(|d| repo(&format!("{d}/{stem}.txt")))
            .find(|p| p.exists());
        let Some(article) = article else { continue };
        let problems = check_fixture(gaz, &article, &expect);
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
        println!(
            "  {:?} {:?} -> {}",
            a.slice(m.span),
            m.form,
            set.actors[m.actor].id
        );
    }
    let gaz = builtin();
    println!(
        "unresolved: {:?}",
        unresolved(&a, &set, gaz)
            .iter()
            .map(|u| (&u.name, u.count))
            .collect::<Vec<_>>()
    );
}

#[test]
fn offices_without_names_follow_the_date() {
    let who = |date: &str, body: &str| {
        let text = format!("Headline\nWASHINGTON - {date} - {body}");
        let (a, set) = analyse(&text);
        set.mentions
            .iter()
            .filter(|m| m.form == MentionForm::Description)
            .map(|m| format!("{}={}", a.slice(m.span), set.actors[m.actor].id))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        who("MARCH 2, 2022", "The U.S. president spoke."),
        ["president=PER.BIDEN_JOE"]
    );
    assert_eq!(
        who("MARCH 2, 2026", "The U.S. president spoke."),
        ["president=PER.TRUMP_DONALD"]
    );
    assert!(who("MARCH 2, 2026", "A former U.S. president spoke.").is_empty());
    assert!(who("MARCH 2, 2026", "Russian President Vladimir Putin spoke.").is_empty());
}

#[test]
fn builtin_gazetteer_has_no_escapes_or_stray_spaces() {
    for (i, line) in matcher::ACTORS_EN.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        assert!(
            !line.contains('\\'),
            "line {}: backslash in {line:?}",
            i + 1
        );
        assert!(
            !line.contains("  "),
            "line {}: double space in {line:?}",
            i + 1
        );
    }
}

#[test]
fn odd_texts_never_panic_and_spans_stay_valid() {
    let odd = [
        "x",
        "Headline only",
        "H\nDr.",
        "H\nDr. ",
        "H\n(",
        "H\nU.S.",
        "H\nKim",
        "H\nJ. K.",
        "H\nWashington-",
        "H\n, a regional expert at",
        "H\nSarah Kim, a",
        "H\nThe University of",
        "H\n“Élysée” said the Élysée’s spokesman, an official.",
        "H\r\nBEIJING, CHINA - SEPTEMBER 29, 2025 - China.\r\nChinese Foreign Minister\r\n",
        "H\nan Israeli official officials Israeli",
        "H\nChina's health ministry think tank FNSEA (",
        "H\nMr. Mr. Mr. Dr. Kim Kim Kim Jong Un Kim.",
    ];
    for text in odd {
        let Ok(article) = Article::parse(ArticleId("t".into()), text.to_string()) else {
            continue;
        };
        let gaz = builtin();
        let set = find(&article, gaz);
        for m in &set.mentions {
            assert!(
                article.text().get(m.span.start..m.span.end).is_some(),
                "{text:?}: bad span {:?}",
                m.span
            );
            assert!(m.actor < set.actors.len());
        }
        assert!(
            set.mentions
                .windows(2)
                .all(|w| w[0].span.end <= w[1].span.start),
            "{text:?}"
        );
        let _ = unresolved(&article, &set, gaz);
    }
}

#[test]
fn the_minister_refers_back_to_the_last_minister() {
    let text = "Headline\nForeign Minister Wang Yi met Marco Rossi, an economist at the Bruegel think tank. \
                The minister said ties were strong. The economist disagreed. The president of the bank was absent.";
    let (a, set) = analyse(text);
    let refs: Vec<String> = set
        .mentions
        .iter()
        .filter(|m| m.form == MentionForm::Pronoun)
        .map(|m| format!("{}={}", a.slice(m.span), set.actors[m.actor].name))
        .collect();
    assert_eq!(refs, ["minister=Wang Yi", "economist=Marco Rossi"]);
}

#[test]
fn word_start_search_finds_what_a_full_scan_finds() {
    // Every form starts with a letter: hits come from anchored searches at
    // word starts. One form starting with "#" forces the full scan; both
    // must report the same hits for the other forms.
    const FILE: &str = "KOR\tstate\tSouth Korea\taliases=Korea|ROK|R.O.K.\tdemonyms=South Korean|Korean\tmetonyms=Seoul|the Blue House\n\
PRK\tstate\tNorth Korea\tdemonyms=North Korean\n\
ORG.EX\torganization\tÉcole Example\taliases=al-Example|Ex\n";
    let build = |extra: &str| {
        let mut b = GazetteerBuilder::new();
        b.builtin(false);
        b.add_str("t.tsv", &format!("{FILE}{extra}")).unwrap();
        b.build().unwrap()
    };
    let words = build("");
    let scan = build("ORG.TAG\torganization\t#Tagged\n");
    let texts = [
        "North Koreans and South Korea's Seoul met. Korea, xKorea and Koreana; ROK-Korean talks.",
        "SEOUL - THE BLUE HOUSE said the Blue House and École Example (al-Example, Ex) agreed.",
        "«Korea» “Korea”—Korea…Korea's R.O.K. NorthKorea North Korea",
        "Ex-Korea ExKorea 3Korea Korea3 Ko",
    ];
    for text in texts {
        let a = words.hits(text, None, None);
        let b: Vec<_> = scan
            .hits(text, None, None)
            .into_iter()
            .filter(|h| !text[h.span.start..h.span.end].starts_with('#'))
            .collect();
        assert_eq!(a, b, "{text}");
        assert!(!a.is_empty(), "{text}");
    }
}

#[test]
fn discovered_ids_fold_the_name_the_same_with_or_without_ascii() {
    let id = |name: &str| find::disc_id(name).0;
    assert_eq!(
        id("Seoul National University"),
        "NEW.SEOUL_NATIONAL_UNIVERSITY"
    );
    assert_eq!(id("  O'Neil -- & Co. "), "NEW.O_NEIL_CO");
    assert_eq!(id("Bruegel"), "NEW.BRUEGEL");
    assert_eq!(id("..."), "NEW.");
    // The character path gives the ASCII letters the same slug.
    assert_eq!(id("Université Laval"), "NEW.UNIVERSITÉ_LAVAL");
    assert_eq!(id("Laval, Québec"), "NEW.LAVAL_QUÉBEC");
}

/// A given name before a gazetteer person's one-word alias names someone
/// else of that surname: "John McConnell" (a speechwriter) is not Mitch
/// McConnell, "Melania Trump" is not Donald Trump. A given name the
/// gazetteer person has ("Donald Trump", "Barack Obama") still is them.
#[test]
fn a_different_given_name_is_a_different_person() {
    let text = "Speech furor\n\nThe speech was drafted by John McConnell; Mitch McConnell was not told. Melania Trump praised Donald Trump at the convention, and Barack Obama watched.\n";
    assert_eq!(
        summary(text),
        [
            "NEW.JOHN_MCCONNELL John McConnell role=\"-\" aff=\"-\" n=1",
            "PER.MCCONNELL_MITCH Mitch McConnell role=\"Senate Minority Leader\" aff=\"USA.SENATE\" n=1",
            "NEW.MELANIA_TRUMP Melania Trump role=\"-\" aff=\"-\" n=1",
            "PER.TRUMP_DONALD Donald Trump role=\"President\" aff=\"USA\" n=1",
            "PER.OBAMA_BARACK Barack Obama role=\"President\" aff=\"USA\" n=1",
        ]
    );
}

/// The surname alone, once both bearers are named: bare, it is the
/// gazetteer person the article mentioned ("Trump said" is Donald Trump);
/// with a courtesy title it is the last one mentioned ("Mrs. Obama" just
/// after "Michelle Obama"); and when the gazetteer person is not mentioned
/// at all, the one the article named ("McConnell said" after "John
/// McConnell").
#[test]
fn a_shared_surname_goes_to_the_bearer_the_text_points_at() {
    let (article, set) = analyse(
        "Convention notes\n\nDonald Trump spoke first. Melania Trump followed, and Trump said she did well. Michelle Obama spoke on Monday; Mrs. Obama was cheered.\n\nThe speech was drafted by John McConnell. McConnell said it took a week.\n",
    );
    let who = |form: &str| name_at(&article, &set, form);
    assert_eq!(who("Trump said"), "Donald Trump");
    assert_eq!(who("Obama was"), "Michelle Obama");
    assert_eq!(who("McConnell said"), "John McConnell");
}

/// Appositives and roles the occupations in the titles lexicon open: a role
/// word after a role word belongs to it ("chief strategist"), a possessive
/// owner or a possessive pronoun may come first ("Sanders's", "his"), and a
/// capitalised title before the name wins over a description before it
/// ("rival Sen. Ted Cruz" is a senator).
#[test]
fn occupations_and_relational_appositives_introduce_people() {
    let text = "Campaign notes\n\nTad Devine, Sanders's chief strategist, said the race was close. Kim Novak, his top aide, agreed. Fox News anchor Megyn Kelly asked about it, and rival Sen. Ted Cruz laughed. Trump paints rival Jane Doe as weak.\n";
    assert_eq!(
        summary(text),
        [
            "NEW.TAD_DEVINE Tad Devine role=\"Sanders's chief strategist\" aff=\"-\" n=1",
            "NEW.KIM_NOVAK Kim Novak role=\"top aide\" aff=\"-\" n=1",
            "ORG.MEDIA_FOX_NEWS Fox News role=\"-\" aff=\"-\" n=1",
            "NEW.MEGYN_KELLY Megyn Kelly role=\"anchor\" aff=\"ORG.MEDIA_FOX_NEWS\" n=1",
            "PER.CRUZ_TED Ted Cruz role=\"Sen.\" aff=\"USA.SENATE\" n=1",
            "PER.TRUMP_DONALD Donald Trump role=\"President\" aff=\"USA\" n=1",
            "NEW.JANE_DOE Jane Doe role=\"rival\" aff=\"-\" n=1",
        ]
    );
}

/// Words that only look like names before a role or an appositive: a place
/// before an office ("New Jersey Gov. Chris Christie"), a sentence adverb
/// ("Publicly, the GOP nominee"), and an outlet before a bare role that
/// opens the clause's subject ("As reported by Western Journalism, former
/// CIA operative and Marine John Tiegen found").
#[test]
fn places_adverbs_and_outlets_before_roles_are_not_people() {
    let text = "Campaign notes\n\nHe was introduced by former rival New Jersey Gov. Chris Christie on Monday. Publicly, the GOP nominee feuds with his party. As reported by Western Journalism, former CIA operative and Marine John Tiegen found both issues disqualifying.\n";
    let people: Vec<String> = analyse(text)
        .1
        .actors
        .iter()
        .filter(|a| a.kind == ActorKind::Person)
        .map(|a| a.name.clone())
        .collect();
    assert_eq!(people, ["Chris Christie"]);
}

/// News outlets are actors ("CNN", "The New York Times", "the AP"), except
/// the agency a dateline credits ("ISTANBUL (Reuters) - "), which reports the
/// story rather than being in it; bare names that are also people's
/// surnames ("Forbes") stay people's.
#[test]
fn outlets_are_actors_but_the_dateline_credit_is_not() {
    let text = "Talks resume\n\nISTANBUL (Reuters) - CNN and The New York Times reported the talks, the AP said, and Steve Forbes wrote about them.\n";
    let (_, set) = analyse(text);
    let ids: Vec<&str> = set.actors.iter().map(|a| a.id.0.as_str()).collect();
    assert_eq!(
        ids,
        [
            "ORG.MEDIA_CNN",
            "ORG.MEDIA_NYT",
            "ORG.MEDIA_AP",
            "NEW.STEVE_FORBES"
        ]
    );
}

/// Two people named "Clinton": the bare surname follows the one the article
/// has named most so far (after "her husband, Bill Clinton" a story about
/// Hillary Clinton still means her), and a courtesy title picks by the
/// gazetteer's `gender` ("Mrs. Clinton" is never Bill, "Mr. Clinton" never
/// Hillary).
#[test]
fn shared_surnames_follow_salience_and_courtesy_titles() {
    let (article, set) = analyse(
        "Campaign notes\n\nHillary Clinton spoke in Iowa. Clinton said the race was close. Her husband, Bill Clinton, spoke later. Clinton said she would win. Mr. Clinton said he agreed, and Mrs. Clinton thanked him.\n",
    );
    let who = |form: &str| name_at(&article, &set, form);
    assert_eq!(who("Clinton said she"), "Hillary Clinton");
    assert_eq!(who("Clinton said he"), "Bill Clinton");
    assert_eq!(who("Clinton thanked"), "Hillary Clinton");
}

/// US political figures of 2008-2025: an unambiguous surname is an alias
/// ("Pence agreed", "Kavanaugh and Gorsuch"), a relative with another given
/// name stays someone else ("Ann Romney", and the bare "Romney" after her
/// when Mitt Romney is not named; "Hunter Biden" is not Joe Biden), a shared
/// surname waits for the full name ("Sanders" is nobody before "Bernie
/// Sanders" and Bernie Sanders after it), and the role follows the article
/// date (Mike Pence is a governor in 2016, vice president in 2018).
#[test]
fn us_political_figures_resolve_and_follow_the_date() {
    let text = "Campaign notes\n\nSanders spoke first. Pence agreed. Ann Romney praised her husband, and Romney smiled. Hunter Biden declined to comment. Kavanaugh and Gorsuch joined the majority. Bernie Sanders disagreed, and Sanders said so.\n";
    let (_, set) = analyse(text);
    let found: Vec<(&str, usize)> = set
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.0.as_str(), set.mentions_of(i).count()))
        .collect();
    assert_eq!(
        found,
        [
            ("PER.PENCE_MIKE", 1),
            ("NEW.ANN_ROMNEY", 2),
            ("PER.BIDEN_HUNTER", 1),
            ("PER.KAVANAUGH_BRETT", 1),
            ("PER.GORSUCH_NEIL", 1),
            ("PER.SANDERS_BERNIE", 2),
        ]
    );
    let role = |date: &str| {
        let text = format!("Headline\nWASHINGTON - {date} - Mike Pence spoke.");
        let (_, set) = analyse(&text);
        set.actors
            .iter()
            .find(|a| a.name == "Mike Pence")
            .and_then(|a| a.role.clone())
    };
    assert_eq!(
        role("JULY 20, 2016").as_deref(),
        Some("Governor of Indiana")
    );
    assert_eq!(role("MAY 1, 2018").as_deref(), Some("Vice President"));
}
