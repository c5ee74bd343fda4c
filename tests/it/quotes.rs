//! Quote extraction on hand-written fixture articles (`tests/fixtures/quotes/`),
//! one per layout: exact kinds, content starts, speaker mentions, resolved
//! speakers and rules. Actors are given by hand so that these tests pin the
//! quotes stage alone; `seeds` are covered in the analysis crate's unit tests.

use stance_analysis::actors::{Actor, ActorId, ActorKind, ActorSet, Mention, MentionForm, Origin};
use stance_analysis::quotes::{self, CueClass, QuoteKind, SpeechVerbs};
use stance_core::{Article, ArticleId, Span};

use ActorKind::{Organization, Person, State};

/// An actor: name, kind, and the texts of its mentions (every whole-word occurrence).
type ActorSpec<'a> = (&'a str, ActorKind, &'a [&'a str]);

/// `(kind, content starts with, speaker name or "", mention or "", rule)`.
type Want<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str);

fn actors_for(text: &str, spec: &[ActorSpec<'_>]) -> ActorSet {
    let mut set = ActorSet::default();
    let mut mentions = Vec::new();
    for (i, (name, kind, forms)) in spec.iter().enumerate() {
        set.actors.push(Actor {
            id: ActorId(format!("NEW.{i}")),
            name: (*name).to_string(),
            kind: *kind,
            role: None,
            affiliation: None,
            affiliation_name: None,
            origin: Origin::Discovered,
            gender: None,
        });
        for form in *forms {
            for (start, _) in text.match_indices(form) {
                let end = start + form.len();
                let bounded = !text[..start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                    && !text[end..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if bounded {
                    mentions.push(Mention {
                        span: Span::new(start, end),
                        actor: i,
                        form: MentionForm::Name,
                    });
                }
            }
        }
    }
    mentions.sort_by_key(|m: &Mention| (m.span.start, std::cmp::Reverse(m.span.end)));
    for m in mentions {
        if set
            .mentions
            .last()
            .is_none_or(|k: &Mention| k.span.end <= m.span.start)
        {
            set.mentions.push(m);
        }
    }
    set
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../../tests/fixtures/quotes/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn check(name: &str, spec: &[ActorSpec<'_>], want: &[Want<'_>]) -> Vec<quotes::Quote> {
    let article = Article::parse(ArticleId(name.into()), fixture(name)).unwrap();
    let actors = actors_for(article.text(), spec);
    let found = quotes::find(&article, &actors, &SpeechVerbs::builtin());
    let got: Vec<(String, String, String, String, String)> = found
        .iter()
        .map(|q| {
            (
                q.kind.as_str().to_string(),
                article.slice(q.span).to_string(),
                q.speaker
                    .map(|a| actors.actors[a].name.clone())
                    .unwrap_or_default(),
                q.speaker_mention
                    .map(|m| article.slice(m).to_string())
                    .unwrap_or_default(),
                q.rule.to_string(),
            )
        })
        .collect();
    let shown = got
        .iter()
        .map(|g| format!("{g:?}"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(got.len(), want.len(), "{name}: got\n{shown}");
    for (g, w) in got.iter().zip(want) {
        let ok = g.0 == w.0 && g.1.starts_with(w.1) && g.2 == w.2 && g.3 == w.3 && g.4 == w.4;
        assert!(ok, "{name}: expected {w:?}\ngot {g:?}\nall:\n{shown}");
    }
    for (i, q) in found.iter().enumerate() {
        assert_eq!(q.id, i);
        assert!((0.0..=1.0).contains(&q.confidence));
    }
    found
}

#[test]
fn speaker_last_and_organisations() {
    let spec: &[ActorSpec<'_>] = &[
        ("Anna Verhoef", Person, &["Anna Verhoef", "Verhoef"]),
        (
            "Port of Rotterdam Authority",
            Organization,
            &["port authority"],
        ),
    ];
    let q = check(
        "01_speaker_last.txt",
        spec,
        &[
            (
                "direct",
                "We cannot accept a fee that doubles overnight",
                "Anna Verhoef",
                "Anna Verhoef",
                "direct-speaker-last",
            ),
            (
                "direct",
                "The numbers were published months ago",
                "Port of Rotterdam Authority",
                "the port authority",
                "direct-speaker-last",
            ),
        ],
    );
    assert_eq!(q[0].cue_class, Some(CueClass::Neutral));
    let article = Article::parse(ArticleId("01".into()), fixture("01_speaker_last.txt")).unwrap();
    assert_eq!(article.slice(q[0].cue.unwrap()), "said");
}

#[test]
fn inverted_appositive_and_short_names() {
    let spec: &[ActorSpec<'_>] = &[
        ("Luis Ortega", Person, &["Luis Ortega", "Dr. Ortega"]),
        ("Hugh Hill", Person, &["Hugh Hill"]),
    ];
    check(
        "02_inverted_appositive.txt",
        spec,
        &[
            (
                "direct",
                "Farmers are already leaving the land",
                "Luis Ortega",
                "Luis Ortega",
                "direct-speaker-inverted",
            ),
            (
                "direct",
                "The canals lose a fifth",
                "Hugh Hill",
                "Hugh Hill",
                "direct-colon",
            ),
            (
                "direct",
                "It is the worst summer",
                "Luis Ortega",
                "Dr. Ortega",
                "direct-speaker-inverted",
            ),
        ],
    );
}

#[test]
fn speaker_first_and_colon() {
    let spec: &[ActorSpec<'_>] = &[
        ("Kari Lund", Person, &["Kari Lund"]),
        ("Norway", State, &["Norway", "Norwegian"]),
        ("Iceland", State, &["Iceland", "Iceland's"]),
    ];
    check(
        "03_speaker_first_colon.txt",
        spec,
        &[
            (
                "direct",
                "Our quotas are set by science",
                "Kari Lund",
                "Norwegian Fisheries Minister Kari Lund",
                "direct-colon",
            ),
            // The ministry is no actor here; a ministry speaks for the state its phrase names.
            (
                "direct",
                "Norway is rewriting",
                "Iceland",
                "Iceland's foreign ministry",
                "direct-speaker-first",
            ),
        ],
    );
}

#[test]
fn multi_paragraph_quote_and_continuation() {
    let spec: &[ActorSpec<'_>] = &[("Claire Dubois", Person, &["Claire Dubois", "Dubois"])];
    let q = check(
        "04_multi_paragraph.txt",
        spec,
        &[
            // "defended her budget" is itself an attribution (a stance cue).
            (
                "indirect",
                "her budget",
                "Claire Dubois",
                "Mayor Claire Dubois",
                "indirect-bare",
            ),
            (
                "direct",
                "We have cut spending in every department. We have frozen hiring for two years.\n\"And still",
                "Claire Dubois",
                "Dubois",
                "direct-speaker-last",
            ),
            (
                "direct",
                "Nobody in this room wants higher taxes.",
                "Claire Dubois",
                "Dubois",
                "direct-speaker-prev",
            ),
        ],
    );
    assert_eq!(q[1].cue, q[2].cue, "a continued quote shares its cue");
}

#[test]
fn according_to_front_and_back() {
    let spec: &[ActorSpec<'_>] = &[
        (
            "Federal Statistical Office",
            Organization,
            &["Federal Statistical Office"],
        ),
        ("Ifo Institute", Organization, &["Ifo Institute"]),
        ("China", State, &["China"]),
    ];
    check(
        "05_according_to.txt",
        spec,
        &[
            (
                "indirect",
                "production dropped by 1.2 percent in May",
                "Federal Statistical Office",
                "the Federal Statistical Office",
                "according-to",
            ),
            // "a report by the Ifo Institute": the head is "report", which is no actor.
            (
                "indirect",
                "Exports to China were also weaker",
                "",
                "a report",
                "according-to",
            ),
        ],
    );
}

#[test]
fn said_that_and_pronouns() {
    let spec: &[ActorSpec<'_>] = &[(
        "Maria Alvarez",
        Person,
        &["Senator Maria Alvarez", "Alvarez"],
    )];
    check(
        "06_said_that_pronoun.txt",
        spec,
        &[
            (
                "indirect",
                "the line would connect three counties",
                "Maria Alvarez",
                "Alvarez",
                "indirect-that",
            ),
            (
                "indirect",
                "the state would pay for a third of the cost",
                "Maria Alvarez",
                "She",
                "indirect-that",
            ),
            (
                "direct",
                "This is the project our region has waited for",
                "Maria Alvarez",
                "she",
                "direct-speaker-last",
            ),
        ],
    );
}

#[test]
fn reported_speech_without_marks() {
    let spec: &[ActorSpec<'_>] = &[
        ("Tom Briggs", Person, &["Tom Briggs"]),
        ("Northern Rail", Organization, &["Northern Rail"]),
    ];
    check(
        "07_no_marks_speaker_last.txt",
        spec,
        &[
            (
                "indirect",
                "The offer was the best the members could hope for this year",
                "Tom Briggs",
                "union leader Tom Briggs",
                "indirect-speaker-last",
            ),
            (
                "indirect",
                "The company would honour the deal in full",
                "Northern Rail",
                "a spokeswoman for Northern Rail",
                "indirect-inverted",
            ),
        ],
    );
}

#[test]
fn speaker_in_previous_and_next_sentence() {
    let spec: &[ActorSpec<'_>] = &[
        ("Nikos Petrou", Person, &["Health Minister Nikos Petrou"]),
        ("Elena Markou", Person, &["Elena Markou"]),
        ("Athens", Organization, &["Athens"]),
    ];
    check(
        "08_prev_next_sentence.txt",
        spec,
        &[
            // The hospitals report; "Athens" only locates them, so no speaker is guessed.
            (
                "indirect",
                "record admissions during the heat wave",
                "",
                "Hospitals in Athens",
                "indirect-bare",
            ),
            (
                "indirect",
                "the worst was still to come",
                "Nikos Petrou",
                "Health Minister Nikos Petrou",
                "indirect-that",
            ),
            (
                "direct",
                "We expect the peak on Friday.",
                "Nikos Petrou",
                "Health Minister Nikos Petrou",
                "direct-speaker-prev",
            ),
            (
                "direct",
                "Our wards are full and our staff are exhausted.",
                "Elena Markou",
                "Nurse Elena Markou",
                "direct-speaker-next",
            ),
        ],
    );
}

#[test]
fn curly_quotes_with_single_quotes_inside() {
    let spec: &[ActorSpec<'_>] = &[
        ("Ewa Nowak", Person, &["Ewa Nowak", "Nowak's"]),
        ("Piotr Zielinski", Person, &["Piotr Zielinski"]),
    ];
    let q = check(
        "09_quotes_in_quotes_curly.txt",
        spec,
        &[
            (
                "direct",
                "The minister called our reporting ‘a danger to the nation,’ and that is why we are here",
                "Ewa Nowak",
                "Ewa Nowak",
                "direct-speaker-inverted",
            ),
            (
                "indirect",
                "the case “a test of the constitution.”",
                "Piotr Zielinski",
                "Piotr Zielinski",
                "indirect-bare",
            ),
            (
                "partial",
                "a test of the constitution",
                "Piotr Zielinski",
                "Piotr Zielinski",
                "partial-in-reported",
            ),
        ],
    );
    assert!(
        q[1].span.contains(q[2].span),
        "a partial quote lies inside its reported speech"
    );
}

#[test]
fn anonymous_sources_stay_unresolved() {
    let spec: &[ActorSpec<'_>] = &[("United States", State, &["United States"])];
    check(
        "10_anonymous_sources.txt",
        spec,
        &[
            (
                "direct",
                "The security situation has deteriorated sharply",
                "",
                "a State Department spokesperson",
                "direct-speaker-last",
            ),
            (
                "indirect",
                "the decision was taken overnight",
                "",
                "Officials",
                "indirect-bare",
            ),
        ],
    );
}

#[test]
fn spokesperson_resolves_to_the_organisation() {
    let spec: &[ActorSpec<'_>] = &[(
        "U.S. Department of State",
        Organization,
        &["State Department"],
    )];
    check(
        "10_anonymous_sources.txt",
        spec,
        &[
            (
                "direct",
                "The security situation",
                "U.S. Department of State",
                "a State Department spokesperson",
                "direct-speaker-last",
            ),
            (
                "indirect",
                "the decision was taken overnight",
                "",
                "Officials",
                "indirect-bare",
            ),
        ],
    );
}

#[test]
fn partial_quotes_and_cue_classes() {
    let spec: &[ActorSpec<'_>] = &[
        ("Mark Fraser", Person, &["Mark Fraser"]),
        ("Laura Chen", Person, &["Laura Chen"]),
        ("Canada", State, &["Canada's"]),
    ];
    let q = check(
        "11_partial_and_criticism.txt",
        spec,
        &[
            (
                "indirect",
                "the government's energy deal",
                "",
                "Canada's opposition leader",
                "indirect-bare",
            ),
            (
                "indirect",
                "the government of selling",
                "Mark Fraser",
                "Opposition leader Mark Fraser",
                "indirect-bare",
            ),
            (
                "partial",
                "our grid to the highest bidder",
                "Mark Fraser",
                "Opposition leader Mark Fraser",
                "partial-in-reported",
            ),
            (
                "indirect",
                "the deal as a \"historic step\"",
                "Laura Chen",
                "Prime Minister Laura Chen",
                "indirect-bare",
            ),
            (
                "partial",
                "historic step",
                "Laura Chen",
                "Prime Minister Laura Chen",
                "partial-in-reported",
            ),
        ],
    );
    let classes: Vec<Option<CueClass>> = q.iter().map(|q| q.cue_class).collect();
    assert_eq!(
        classes,
        [
            Some(CueClass::Criticism),
            Some(CueClass::Criticism),
            Some(CueClass::Criticism),
            Some(CueClass::Praise),
            Some(CueClass::Praise)
        ]
    );
    assert_eq!(q[2].kind, QuoteKind::Partial);
}

#[test]
fn ambiguous_pronouns_are_not_guessed() {
    let spec: &[ActorSpec<'_>] = &[
        ("Robert Hale", Person, &["Robert Hale"]),
        ("Diane Ross", Person, &["Diane Ross", "Ross"]),
    ];
    check(
        "12_pronoun_ambiguity.txt",
        spec,
        &[
            // Two people in the sentence before: "he" stays unresolved (no gender is known).
            (
                "direct",
                "Nobody has done more for teachers",
                "",
                "he",
                "direct-speaker-last",
            ),
            (
                "direct",
                "Families pay too much already",
                "Diane Ross",
                "she",
                "direct-speaker-last",
            ),
        ],
    );
}

#[test]
fn quote_spans_of_one_kind_never_overlap() {
    for entry in std::fs::read_dir(format!(
        "{}/../../tests/fixtures/quotes",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let article = Article::parse(ArticleId("f".into()), text).unwrap();
        let found = quotes::find(&article, &ActorSet::default(), &SpeechVerbs::builtin());
        for (i, a) in found.iter().enumerate() {
            for b in &found[i + 1..] {
                assert!(
                    a.kind != b.kind || !a.span.overlaps(b.span),
                    "{}: {a:?} / {b:?}",
                    path.display()
                );
            }
        }
    }
}

/// One expected quote of a `tests/fixtures/expect/*.json` file.
#[derive(Debug)]
struct Expected {
    speaker: Option<String>,
    kind: String,
    starts_with: String,
}

/// The quotes of every fixture article and seed that has a `quotes` list in
/// `tests/fixtures/expect/`, through the real analyzer (actors, then quotes):
/// each expected quote is found with its kind, content start and speaker.
/// Returns `(article, expected, problem)` for every miss.
fn expectation_misses() -> Vec<(String, String, String)> {
    let root = crate::util::root();
    let analyzer = stance_analysis::AnalyzerBuilder::new().build().unwrap();
    let mut misses = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(root.join("tests/fixtures/expect"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for path in files {
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let Some(list) = json.get("quotes").and_then(|q| q.as_array()) else {
            continue;
        };
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        let article_path = [
            root.join(format!("tests/fixtures/articles/{stem}.txt")),
            root.join(format!("seeds/{stem}.txt")),
        ]
        .into_iter()
        .find(|p| p.exists());
        let Some(article_path) = article_path else {
            continue;
        };
        let text = std::fs::read_to_string(&article_path).unwrap();
        let article = Article::parse(ArticleId(stem.clone()), text).unwrap();
        let analysis = analyzer.analyze(&article);
        for item in list {
            let want = Expected {
                speaker: item
                    .get("speaker")
                    .and_then(|s| s.as_str())
                    .map(str::to_string),
                kind: item
                    .get("kind")
                    .and_then(|s| s.as_str())
                    .unwrap_or("")
                    .to_string(),
                starts_with: item
                    .get("starts_with")
                    .and_then(|s| s.as_str())
                    .unwrap_or("")
                    .to_string(),
            };
            let found = analysis.quotes.iter().find(|q| {
                q.kind.as_str() == want.kind && article.slice(q.span).starts_with(&want.starts_with)
            });
            let problem = match found {
                None => Some("not found".to_string()),
                Some(q) => {
                    let name = q.speaker.map(|a| analysis.actors.actors[a].name.clone());
                    (name != want.speaker).then(|| {
                        let mention = q.speaker_mention.map(|m| article.slice(m).to_string());
                        let near: Vec<String> = q
                            .speaker_mention
                            .map(|m| {
                                analysis
                                    .actors
                                    .mentions
                                    .iter()
                                    .filter(|x| x.span.overlaps(m))
                                    .map(|x| {
                                        let a = &analysis.actors.actors[x.actor];
                                        format!("{}={}({:?},{:?},aff {:?})", article.slice(x.span), a.name, a.kind, x.form, a.affiliation)
                                    })
                                    .collect()
                            })
                            .unwrap_or_default();
                        format!("speaker {name:?} (mention {mention:?}, rule {}; actor mentions {near:?})", q.rule)
                    })
                }
            };
            if let Some(p) = problem {
                misses.push((stem.clone(), format!("{want:?}"), p));
            }
        }
    }
    misses
}

#[test]
fn fixture_expectations_with_real_actors() {
    let misses = expectation_misses();
    let shown: Vec<String> = misses
        .iter()
        .map(|m| format!("{}: {} -> {}", m.0, m.1, m.2))
        .collect();
    assert!(
        misses.is_empty(),
        "{} misses:\n{}",
        misses.len(),
        shown.join("\n")
    );
}
