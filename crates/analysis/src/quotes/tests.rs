use stance_core::{Article, ArticleId};

use super::*;
use crate::actors::{Actor, ActorId, ActorKind, Mention, MentionForm, Origin};

/// Builds an actor set from `(name, kind, [mention texts])`, finding each mention text's occurrences.
pub(super) fn actors_for(text: &str, spec: &[(&str, ActorKind, &[&str])]) -> ActorSet {
    let mut set = ActorSet::default();
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
            let mut from = 0;
            while let Some(p) = text[from..].find(form) {
                let start = from + p;
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
                    set.mentions.push(Mention {
                        span: Span::new(start, end),
                        actor: i,
                        form: MentionForm::Name,
                    });
                }
                from = end;
            }
        }
    }
    set.mentions
        .sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    // Keep them non-overlapping: the longest at each start wins.
    let mut kept: Vec<Mention> = Vec::new();
    for m in set.mentions.drain(..) {
        if kept.last().is_none_or(|k| k.span.end <= m.span.start) {
            kept.push(m);
        }
    }
    set.mentions = kept;
    set
}

/// `(kind, starts_with, speaker name or "", mention, rule)` of each quote.
pub(super) fn run(
    text: &str,
    spec: &[(&str, ActorKind, &[&str])],
) -> Vec<(String, String, String, String, String)> {
    let article = Article::parse(ArticleId("t".into()), text.to_string()).unwrap();
    let actors = actors_for(article.text(), spec);
    let quotes = find(&article, &actors, &SpeechVerbs::builtin());
    quotes
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
        .collect()
}

const SEED: &str = include_str!("../../../../seeds/000_53a223d58a8d3c17.txt");

#[test]
fn seed_quotes() {
    use ActorKind::*;
    let spec: &[(&str, ActorKind, &[&str])] = &[
        (
            "North Korea",
            State,
            &["North Korea", "North Korean", "Pyongyang"],
        ),
        ("China", State, &["China", "Chinese", "Beijing"]),
        ("Wang Yi", Person, &["Wang Yi", "Wang"]),
        ("KCNA", Organization, &["KCNA"]),
        ("Sarah Kim", Person, &["Dr. Sarah Kim", "Dr. Kim"]),
    ];
    let got = run(SEED, spec);
    let want = [
        (
            "partial",
            "all forms of hegemonism",
            "",
            "North Korea and China",
            "partial-clause-subject",
        ),
        (
            "indirect",
            "maintaining and developing bilateral relations",
            "Wang Yi",
            "Wang",
            "indirect-that",
        ),
        (
            "direct",
            "China is willing to strengthen",
            "Wang Yi",
            "Wang",
            "direct-speaker-last",
        ),
        (
            "indirect",
            "the ministers had agreed",
            "KCNA",
            "North Korea's state news agency KCNA",
            "indirect-that",
        ),
        (
            "direct",
            "This move highlights",
            "Sarah Kim",
            "Dr. Sarah Kim",
            "direct-speaker-inverted",
        ),
        (
            "direct",
            "The concept of hegemonism",
            "Sarah Kim",
            "Dr. Kim",
            "direct-speaker-inverted",
        ),
        (
            "indirect",
            "the situation could have",
            "",
            "experts",
            "indirect-that",
        ),
        (
            "direct",
            "The deepening ties",
            "Sarah Kim",
            "Dr. Kim",
            "direct-speaker-inverted",
        ),
    ];
    check(&got, &want);
}

/// Compares quotes with `(kind, starts_with, speaker, mention, rule)` expectations.
pub(super) fn check(
    got: &[(String, String, String, String, String)],
    want: &[(&str, &str, &str, &str, &str)],
) {
    let shown: Vec<String> = got.iter().map(|q| format!("{q:?}")).collect();
    assert_eq!(got.len(), want.len(), "quotes:\n{}", shown.join("\n"));
    for (g, w) in got.iter().zip(want) {
        let ok = g.0 == w.0 && g.1.starts_with(w.1) && g.2 == w.2 && g.3 == w.3 && g.4 == w.4;
        assert!(
            ok,
            "expected {w:?}\ngot      {g:?}\nall:\n{}",
            shown.join("\n")
        );
    }
}

/// `QUOTES_DEBUG="text" cargo test -p stance-analysis debug_text -- --ignored --nocapture`
#[test]
#[ignore = "a debugging aid, prints the quotes of $QUOTES_DEBUG"]
fn debug_text() {
    let text = std::env::var("QUOTES_DEBUG").unwrap_or_default();
    for q in run(&format!("Title\n{text}\n"), &[]) {
        eprintln!("{q:?}");
    }
}

#[test]
fn odd_text_never_panics_and_kinds_never_overlap() {
    let cases = [
        "T\n\"",
        "T\n\"\"\"\"",
        "T\n'' '' ''",
        "T\nsaid",
        "T\nHe said",
        "T\naccording to",
        "T\n\u{201c}Unclosed quote runs on and on and on",
        "T\n\u{201d}Closing first\u{201c} then opening, she said.",
        "T\n\"A,\" \"B,\" \"C,\" he said, \"D.\"\n\"E.\n\"F,\" said",
        "T\nKim, who said, said, said that.",
        "T\n, said Kim.",
        "T\n\"We won.\" . . . \"We lost,\" \u{2014} said",
        "T\nÉlysée officials said that « la France » would act; the Élysée said: \u{201c}Non.\u{201d}",
        "T\nAccording to a report by the ministry, which said so, the talks, Kim said, failed.",
    ];
    for text in cases {
        let article = Article::parse(ArticleId("odd".into()), text.to_string()).unwrap();
        let quotes = find(&article, &ActorSet::default(), &SpeechVerbs::builtin());
        for (i, a) in quotes.iter().enumerate() {
            assert_eq!(a.id, i);
            assert!(
                a.span.end <= text.len() && a.span.start < a.span.end,
                "{text:?}: {a:?}"
            );
            assert!(text.is_char_boundary(a.span.start) && text.is_char_boundary(a.span.end));
            for b in &quotes[i + 1..] {
                assert!(
                    a.kind != b.kind || !a.span.overlaps(b.span),
                    "{text:?}: {a:?} / {b:?}"
                );
            }
        }
    }
}

#[test]
fn seed_quotes_with_the_real_actors_stage() {
    let analyzer = crate::AnalyzerBuilder::new().build().unwrap();
    let article = Article::parse(ArticleId("seed".into()), SEED.to_string()).unwrap();
    let analysis = analyzer.analyze(&article);
    let got: Vec<(&str, String, Option<&str>)> = analysis
        .quotes
        .iter()
        .map(|q| {
            let speaker = q.speaker.map(|a| analysis.actors.actors[a].name.as_str());
            let text: String = article.slice(q.span).chars().take(30).collect();
            (q.kind.as_str(), text, speaker)
        })
        .collect();
    let want = [
        ("partial", "all forms of hegemonism", None),
        (
            "indirect",
            "maintaining and developing bil",
            Some("Wang Yi"),
        ),
        ("direct", "China is willing to strengthen", Some("Wang Yi")),
        ("indirect", "the ministers had agreed on a ", Some("KCNA")),
        (
            "direct",
            "This move highlights the growi",
            Some("Sarah Kim"),
        ),
        (
            "direct",
            "The concept of hegemonism refe",
            Some("Sarah Kim"),
        ),
        ("indirect", "the situation could have far-r", None),
        (
            "direct",
            "The deepening ties between Chi",
            Some("Sarah Kim"),
        ),
    ];
    let want: Vec<(&str, String, Option<&str>)> = want
        .iter()
        .map(|(k, t, s)| (*k, (*t).to_string(), *s))
        .collect();
    assert_eq!(got, want);
}

/// One attribution rule on one hand-written sentence: every quote found, as
/// `(kind, exact content, speaker mention, rule)`.
struct Case {
    name: &'static str,
    text: &'static str,
    want: &'static [(&'static str, &'static str, &'static str, &'static str)],
}

macro_rules! t {
    ($name:ident, $text:expr, [$($want:expr),* $(,)?]) => {
        Case { name: stringify!($name), text: $text, want: &[$($want),*] }
    };
}

/// Runs each case with no actors and compares every quote exactly.
fn check_cases(cases: &[Case]) {
    for case in cases {
        let got = run(&format!("Title\n{}\n", case.text), &[]);
        let got: Vec<(String, String, String, String)> = got
            .into_iter()
            .map(|(kind, content, _, mention, rule)| (kind, content, mention, rule))
            .collect();
        let want: Vec<(String, String, String, String)> = case
            .want
            .iter()
            .map(|(k, c, m, r)| (k.to_string(), c.to_string(), m.to_string(), r.to_string()))
            .collect();
        assert_eq!(got, want, "case {}: {:?}", case.name, case.text);
    }
}

/// Mixed quotes: the reporter's words running into quoted ones, then `," X said`.
const MIXED: &[Case] = &[
    // The attribution after the closing mark covers the whole sentence.
    t!(
        mixed_sentence_is_the_content,
        "The mayor \"made a costly mistake,\" Lopez said.",
        [
            (
                "indirect",
                "The mayor \"made a costly mistake",
                "Lopez",
                "mixed-speaker-after"
            ),
            (
                "partial",
                "made a costly mistake",
                "Lopez",
                "partial-in-reported"
            ),
        ]
    ),
    // The inverted attribution and a time adjunct after it.
    t!(
        mixed_inverted_attribution,
        "But the plan was \"dead on arrival,\" said Ana Ruiz on Monday.",
        [
            (
                "indirect",
                "But the plan was \"dead on arrival",
                "Ana Ruiz",
                "mixed-speaker-after"
            ),
            (
                "partial",
                "dead on arrival",
                "Ana Ruiz",
                "partial-in-reported"
            ),
        ]
    ),
    // A verb with an object of its own after the quote is not an attribution
    // of the sentence; the quoted label is the council's word for "it".
    t!(
        mixed_needs_a_bare_attribution,
        "After the council called it \"a farce,\" Lopez said the vote would go ahead.",
        [
            ("indirect", "it \"a farce", "the council", "indirect-bare"),
            ("partial", "a farce", "the council", "partial-in-reported"),
            (
                "indirect",
                "the vote would go ahead",
                "Lopez",
                "indirect-bare"
            ),
        ]
    ),
    // A participle after the quote reports the subject's words, not the sentence's.
    t!(
        mixed_not_before_a_participle,
        "The union studied the \"final offer,\" saying it cut pensions.",
        [("partial", "final offer", "", "partial-no-speaker")]
    ),
];

#[test]
fn mixed_quotes() {
    check_cases(MIXED);
}

/// Reported clauses that open with "it": a clause when a verb follows, an object otherwise.
const IT_CLAUSE: &[Case] = &[
    // "it" and a past tense open the reported clause.
    t!(
        it_then_verb_is_a_clause,
        "The agency said it detected a small quake.",
        [(
            "indirect",
            "it detected a small quake",
            "The agency",
            "indirect-bare"
        )]
    ),
    // A modal after "it" does too.
    t!(
        it_then_modal_is_a_clause,
        "Some experts say it could take years.",
        [(
            "indirect",
            "it could take years",
            "Some experts",
            "indirect-bare"
        )]
    ),
    // "it" as the object of the cue is not reported speech.
    t!(
        it_as_object_is_not_a_clause,
        "The mayor called it a farce.",
        []
    ),
];

#[test]
fn it_clauses() {
    check_cases(IT_CLAUSE);
}

/// Subjects with an appositive that has commas of its own.
const APPOSITIVES: &[Case] = &[
    // An age between commas: the name opens the sentence.
    t!(
        age_then_description,
        "Marley Ortiz, 21, a nurse from Reno, said she would vote in March.",
        [(
            "indirect",
            "she would vote in March",
            "Marley Ortiz",
            "indirect-bare"
        )]
    ),
    // A place with its state abbreviation, after a conjunction.
    t!(
        place_with_state_after_but,
        "But Tom Reyes, a farmer in Ames, Iowa, said the price was too low.",
        [(
            "indirect",
            "the price was too low",
            "Tom Reyes",
            "indirect-bare"
        )]
    ),
    // A prepositional opener is no subject: the phrase before the appositive stays.
    t!(
        no_subject_from_an_opener,
        "In Reno, Nevada, the mayor, a Democrat, said the water was safe.",
        [(
            "indirect",
            "the water was safe",
            "the mayor",
            "indirect-bare"
        )]
    ),
];

#[test]
fn appositive_subjects() {
    check_cases(APPOSITIVES);
}

/// `declined` and `refused` report a refusal to speak or act: their content
/// is the `to`-infinitive (or "comment"); other senses of "declined" are not speech.
const REFUSALS: &[Case] = &[
    // A refusal with its infinitive.
    t!(
        declined_to_comment,
        "The ministry declined to comment on the report.",
        [(
            "indirect",
            "to comment on the report",
            "The ministry",
            "indirect-bare"
        )]
    ),
    // Falling figures are not speech.
    t!(sales_declined, "Sales declined five percent last year.", []),
    // A cue in a relative clause about the speaker keeps the next quote the speaker's.
    t!(
        relative_clause_keeps_the_speaker,
        "\"We lost the vote,\" said Ana Ruiz, who declined to give details. \"We will try again.\"",
        [
            (
                "direct",
                "We lost the vote",
                "Ana Ruiz",
                "direct-speaker-inverted"
            ),
            ("indirect", "to give details", "Ana Ruiz", "indirect-bare"),
            (
                "direct",
                "We will try again.",
                "Ana Ruiz",
                "direct-speaker-prev"
            ),
        ]
    ),
];

#[test]
fn refusals() {
    check_cases(REFUSALS);
}

/// A final `…, sources said.` reports the whole sentence before it, over an inner cue.
const FINAL_ATTRIBUTION: &[Case] = &[
    // The inner "called for" is part of what the sources said.
    t!(
        final_attribution_wins_over_inner_cue,
        "Protocol called for the convoy to turn back, sources said.",
        [(
            "indirect",
            "Protocol called for the convoy to turn back",
            "sources",
            "indirect-speaker-last"
        )]
    ),
    // `according to X` at the end does too.
    t!(
        final_according_to,
        "The board rejected the offer, according to two people at the meeting.",
        [(
            "indirect",
            "The board rejected the offer",
            "two people",
            "according-to"
        )]
    ),
    // After a new clause (`, but`) only the last clause is the final attribution's;
    // the first keeps its own cue.
    t!(
        final_attribution_reports_its_clause,
        "Kim said the talks failed, but the deal is close, aides said.",
        [
            ("indirect", "the talks failed", "Kim", "indirect-bare"),
            (
                "indirect",
                "but the deal is close",
                "aides",
                "indirect-speaker-last"
            ),
        ]
    ),
    // Without a cue of its own, the first clause is the final attribution's too.
    t!(
        final_attribution_takes_both_clauses,
        "Rain may delay the harvest, but prices will hold, the growers said.",
        [(
            "indirect",
            "Rain may delay the harvest, but prices will hold",
            "the growers",
            "indirect-speaker-last"
        )]
    ),
    // A cue inside an appositive's relative clause does not hide the subject.
    t!(
        relative_clause_inside_appositive,
        "Gov. Ana Ruiz, a Democrat who has refused to endorse him, said the race was close.",
        [
            ("indirect", "to endorse him", "who", "indirect-bare"),
            (
                "indirect",
                "the race was close",
                "Gov. Ana Ruiz",
                "indirect-bare"
            ),
        ]
    ),
];

#[test]
fn final_attributions() {
    check_cases(FINAL_ATTRIBUTION);
}

/// A whole quoted sentence right after the subject's cue is direct; a few quoted words stay partial.
const QUOTED_SENTENCE_AFTER_CUE: &[Case] = &[
    // The sentence's subject and cue, then a full sentence in marks.
    t!(
        quoted_sentence_after_cue_is_direct,
        "She says \"we worked hard to keep the plant open.\"",
        [(
            "direct",
            "we worked hard to keep the plant open.",
            "She",
            "direct-speaker-first"
        )]
    ),
    // An object in marks after "called" stays a partial quote, with the
    // cue: the label is what the mayor said.
    t!(
        quoted_object_after_cue_is_partial,
        "The mayor called \"a disgrace\" what the council did.",
        [("partial", "a disgrace", "The mayor", "partial-after-cue")]
    ),
];

#[test]
fn quoted_sentence_after_cue() {
    check_cases(QUOTED_SENTENCE_AFTER_CUE);
}

/// Stance cues PolNeAR annotates as attributions: defending, blaming,
/// expressing, pointing to, referring to, and "calls" for a call or a label.
const STANCE_CUES: &[Case] = &[
    // "defended" takes its object as the content.
    t!(
        defended_object,
        "The mayor defended the new parking rules.",
        [(
            "indirect",
            "the new parking rules",
            "The mayor",
            "indirect-bare"
        )]
    ),
    // "blamed" too, with its criticism class.
    t!(
        blamed_object,
        "Growers blamed the late frost for the poor harvest.",
        [(
            "indirect",
            "the late frost for the poor harvest",
            "Growers",
            "indirect-bare"
        )]
    ),
    // "referring to" after a direct quote names what the speaker meant.
    t!(
        referring_to_after_quote,
        "\"They broke their word,\" Kim said, referring to the city council.",
        [
            (
                "direct",
                "They broke their word",
                "Kim",
                "direct-speaker-last"
            ),
            ("indirect", "the city council", "Kim", "indirect-participle"),
        ]
    ),
    // "vowing" takes a to-infinitive.
    t!(
        vowing_to,
        "Nurses walked out on Monday, vowing to stay out until June.",
        [(
            "indirect",
            "to stay out until June",
            "Nurses",
            "indirect-participle"
        )]
    ),
];

#[test]
fn stance_cues() {
    check_cases(STANCE_CUES);
}

/// A headline and the `(kind, content, mention, rule)` of each quote it holds.
type HeadlineCase = (
    &'static str,
    &'static [(&'static str, &'static str, &'static str, &'static str)],
);

/// The headline's attribution: a source label and a colon, or a subject and a
/// speech verb in title case; tags on the story are no speakers.
#[test]
fn headline_attributions() {
    let cases: &[HeadlineCase] = &[
        // A label names the source; quoted content is direct.
        (
            "Kasich: 'We Will Go All The Way To Cleveland.'",
            &[(
                "direct",
                "We Will Go All The Way To Cleveland",
                "Kasich",
                "headline-label",
            )],
        ),
        // A speech verb in title case, with the adverb left out of the subject.
        (
            "Mayor Ruiz Just Says The Bridge Will Reopen",
            &[(
                "indirect",
                "The Bridge Will Reopen",
                "Mayor Ruiz",
                "headline-verb",
            )],
        ),
        // A shouted tag and a participle are no sources.
        ("BOMBSHELL: The Bridge Will Not Reopen This Year", &[]),
        ("Breaking: The Bridge Will Not Reopen This Year", &[]),
        // A verb inside a clause is not the headline's attribution.
        ("Drivers who complained find the bridge open", &[]),
    ];
    for (title, want) in cases {
        let got: Vec<(String, String, String, String)> =
            run(&format!("{title}\nThe council met on Monday.\n"), &[])
                .into_iter()
                .map(|(kind, content, _, mention, rule)| (kind, content, mention, rule))
                .collect();
        let want: Vec<(String, String, String, String)> = want
            .iter()
            .map(|(k, c, m, r)| (k.to_string(), c.to_string(), m.to_string(), r.to_string()))
            .collect();
        assert_eq!(got, want, "{title:?}");
    }
}

/// An attribution inside a leading subordinate clause reports that clause only.
const SUBORDINATE: &[Case] = &[
    // The content ends at the comma that closes the "While …" clause.
    t!(
        while_clause_ends_at_comma,
        "While both parties say the port must reopen, they differ on the cost.",
        [(
            "indirect",
            "the port must reopen",
            "both parties",
            "indirect-bare"
        )]
    ),
    // A main-clause attribution keeps its commas.
    t!(
        main_clause_keeps_commas,
        "Both parties say the port, which closed in May, must reopen.",
        [(
            "indirect",
            "the port, which closed in May, must reopen",
            "Both parties",
            "indirect-bare"
        )]
    ),
];

#[test]
fn subordinate_clauses() {
    check_cases(SUBORDINATE);
}

/// `Asked whether …, X said …`: the question put to the speaker, with no mention of who asked.
const ASKED: &[Case] = &[
    // Over an adjunct to the wh-word; the main clause keeps its own attribution.
    t!(
        asked_whether,
        "Asked at a hearing whether the port would reopen, Kim said the work had begun.",
        [
            (
                "indirect",
                "whether the port would reopen",
                "",
                "asked-question"
            ),
            ("indirect", "the work had begun", "Kim", "indirect-bare"),
        ]
    ),
    // "When asked about" too.
    t!(
        when_asked_about,
        "When asked about the budget, the mayor smiled.",
        [("indirect", "about the budget", "", "asked-question")]
    ),
    // "Asked" without a question is no attribution.
    t!(
        asked_to_leave,
        "Asked to leave, the protesters sat down.",
        []
    ),
];

#[test]
fn asked_questions() {
    check_cases(ASKED);
}

/// A sentence-initial "According to" source phrase runs to its comma.
const ACCORDING_FRONT: &[Case] = &[
    // A source that is no plain noun phrase, after "But".
    t!(
        according_to_long_source,
        "But according to the schedule published Thursday, the mayor will speak first.",
        [(
            "indirect",
            "the mayor will speak first",
            "the schedule published Thursday",
            "according-to"
        )]
    ),
    // A cue later in the clause, with its own subject inside, does not block it.
    t!(
        according_to_with_inner_cue,
        "According to the Post, aides studied what would happen if the governor announced a run.",
        [(
            "indirect",
            "aides studied what would happen if the governor announced a run",
            "the Post",
            "according-to"
        )]
    ),
];

#[test]
fn according_to_front() {
    check_cases(ACCORDING_FRONT);
}

/// One rule on one hand-written sentence, with the cue: every quote found,
/// as `(kind, exact content, speaker mention, cue, rule)`.
struct CueCase {
    name: &'static str,
    text: &'static str,
    want: &'static [(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    )],
}

macro_rules! tc {
    ($name:ident, $text:expr, [$($want:expr),* $(,)?]) => {
        CueCase { name: stringify!($name), text: $text, want: &[$($want),*] }
    };
}

/// Runs each case with no actors and compares every quote, cue included, exactly.
fn check_cue_cases(cases: &[CueCase]) {
    for case in cases {
        let text = format!("Title\n{}\n", case.text);
        let article = Article::parse(ArticleId("t".into()), text).unwrap();
        let quotes = find(&article, &ActorSet::default(), &SpeechVerbs::builtin());
        let got: Vec<(String, String, String, String, String)> = quotes
            .iter()
            .map(|q| {
                let slice = |s: Option<Span>| s.map(|s| article.slice(s).to_string());
                (
                    q.kind.as_str().to_string(),
                    article.slice(q.span).to_string(),
                    slice(q.speaker_mention).unwrap_or_default(),
                    slice(q.cue).unwrap_or_default(),
                    q.rule.to_string(),
                )
            })
            .collect();
        let want: Vec<(String, String, String, String, String)> = case
            .want
            .iter()
            .map(|(k, c, m, v, r)| {
                (
                    k.to_string(),
                    c.to_string(),
                    m.to_string(),
                    v.to_string(),
                    r.to_string(),
                )
            })
            .collect();
        assert_eq!(got, want, "case {}: {:?}", case.name, case.text);
    }
}

/// Where reported content ends at a dash or at "and" with a past tense.
const CONTENT_ENDS: &[CueCase] = &[
    // A parenthesis between two dashes stays inside the reported clause.
    tc!(
        dash_pair_inside,
        "The mayor said the new bridge - built in only two years - would open in May.",
        [(
            "indirect",
            "the new bridge - built in only two years - would open in May",
            "The mayor",
            "said",
            "indirect-bare"
        )]
    ),
    // A dash that adds a condition to the reported clause does too.
    tc!(
        dash_condition_inside,
        "Aides said the vote would be close \u{2014} if it happens at all.",
        [(
            "indirect",
            "the vote would be close \u{2014} if it happens at all",
            "Aides",
            "said",
            "indirect-bare"
        )]
    ),
    // A dash before the reporter's own appositive ends it.
    tc!(
        dash_appositive_outside,
        "The council said it rejected the request \u{2014} a decision that angered the union.",
        [(
            "indirect",
            "it rejected the request",
            "The council",
            "said",
            "indirect-bare"
        )]
    ),
    // In a reported clause with a verb, "and" and a past tense go on inside it.
    tc!(
        and_past_inside_a_clause,
        "The senator said the program started in March and expanded in June.",
        [(
            "indirect",
            "the program started in March and expanded in June",
            "The senator",
            "said",
            "indirect-bare"
        )]
    ),
    // After an object of the cue, "and" and a past tense is the speaker's next act.
    tc!(
        and_past_after_an_object,
        "The mayor praised the volunteers and opened the new clinic.",
        [(
            "indirect",
            "the volunteers",
            "The mayor",
            "praised",
            "indirect-bare"
        )]
    ),
];

#[test]
fn content_ends() {
    check_cue_cases(CONTENT_ENDS);
}

/// Speech acts the lexicon gained: demands, plain statements and jokes.
const MORE_CUES: &[CueCase] = &[
    // "called for" is one cue; the demand is the content.
    tc!(
        called_for_is_one_cue,
        "The union called for a new vote on the contract.",
        [(
            "indirect",
            "a new vote on the contract",
            "The union",
            "called for",
            "indirect-bare"
        )]
    ),
    // A cue of three words.
    tc!(
        made_it_clear,
        "Aides made it clear that the governor would not run again.",
        [(
            "indirect",
            "the governor would not run again",
            "Aides",
            "made it clear",
            "indirect-that"
        )]
    ),
    tc!(
        joked_that,
        "The senator joked that the hearing would last all summer.",
        [(
            "indirect",
            "the hearing would last all summer",
            "The senator",
            "joked",
            "indirect-that"
        )]
    ),
    tc!(
        points_out_that,
        "The report points out that most of the new jobs were part-time.",
        [(
            "indirect",
            "most of the new jobs were part-time",
            "The report",
            "points out",
            "indirect-that"
        )]
    ),
];

#[test]
fn more_cues() {
    check_cue_cases(MORE_CUES);
}

/// A cue that is the second verb of its subject (`X did A and said B`).
const SECOND_VERB: &[CueCase] = &[
    // After an opening adjunct.
    tc!(
        and_said_after_an_opener,
        "In a statement, the governor visited the plant and said the state would cut taxes.",
        [(
            "indirect",
            "the state would cut taxes",
            "the governor",
            "said",
            "indirect-bare"
        )]
    ),
    // Over an appositive of the subject.
    tc!(
        and_said_after_an_appositive,
        "Maria Lopez, a spokeswoman for the clinic, opened the doors and said the staff would stay.",
        [(
            "indirect",
            "the staff would stay",
            "Maria Lopez",
            "said",
            "indirect-bare"
        )]
    ),
    // ", but said".
    tc!(
        but_said,
        "She cut the debt to $42,000, but said the loans were still too high.",
        [(
            "indirect",
            "the loans were still too high",
            "She",
            "said",
            "indirect-bare"
        )]
    ),
];

#[test]
fn second_verb_subjects() {
    check_cue_cases(SECOND_VERB);
}

/// A bare day or week after a sentence-final attribution.
const DAY_AFTER: &[CueCase] = &[
    tc!(
        said_weekday,
        "The plant will reopen in March, officials said Tuesday.",
        [(
            "indirect",
            "The plant will reopen in March",
            "officials",
            "said",
            "indirect-speaker-last"
        )]
    ),
    tc!(
        said_weekday_night,
        "The talks had stalled, the mediator said Friday night.",
        [(
            "indirect",
            "The talks had stalled",
            "the mediator",
            "said",
            "indirect-speaker-last"
        )]
    ),
    tc!(
        said_this_week,
        "Two stores will close, the company said this week.",
        [(
            "indirect",
            "Two stores will close",
            "the company",
            "said",
            "indirect-speaker-last"
        )]
    ),
];

#[test]
fn day_after_final_attribution() {
    check_cue_cases(DAY_AFTER);
}

/// Quoted words right after a cue, with no comma or colon.
const QUOTE_AFTER_CUE: &[CueCase] = &[
    // The quoted words are all that was said: a partial quote with the cue.
    tc!(
        partial_after_cue,
        "Many members said \"far too early\" and the rest said nothing.",
        [(
            "partial",
            "far too early",
            "Many members",
            "said",
            "partial-after-cue"
        )]
    ),
    // The reported clause goes on after the marks: it opens with them.
    tc!(
        clause_opens_with_quote,
        "The general said \"local forces\" must lead the fight.",
        [
            (
                "indirect",
                "\"local forces\" must lead the fight",
                "The general",
                "said",
                "indirect-bare"
            ),
            (
                "partial",
                "local forces",
                "The general",
                "said",
                "partial-in-reported"
            ),
        ]
    ),
];

#[test]
fn quote_after_cue() {
    check_cue_cases(QUOTE_AFTER_CUE);
}

/// "according to" at the start of a clause other than the sentence's, and
/// before a comma that opens a new clause.
const ACCORDING_MORE: &[CueCase] = &[
    tc!(
        according_after_colon,
        "And the trend is clear: according to the new survey, most renters plan to move.",
        [(
            "indirect",
            "most renters plan to move",
            "the new survey",
            "according to",
            "according-to"
        )]
    ),
    tc!(
        according_after_opening_word,
        "Now, according to the county clerk, turnout has doubled.",
        [(
            "indirect",
            "turnout has doubled",
            "the county clerk",
            "according to",
            "according-to"
        )]
    ),
    // A source phrase with marks in it runs to its comma.
    tc!(
        according_to_source_with_marks,
        "According to her \"green jobs\" plan, every county would get a training center.",
        [
            ("partial", "green jobs", "", "", "partial-no-speaker"),
            (
                "indirect",
                "every county would get a training center",
                "her \"green jobs\" plan",
                "According to",
                "according-to"
            ),
        ]
    ),
    tc!(
        according_to_before_but,
        "Turnout rose by a third according to the county clerk, but the count is not final.",
        [(
            "indirect",
            "Turnout rose by a third",
            "the county clerk",
            "according to",
            "according-to"
        )]
    ),
];

#[test]
fn according_to_more() {
    check_cue_cases(ACCORDING_MORE);
}

/// A sentence-final attribution with the object of "told".
const TOLD_LAST: &[CueCase] = &[
    tc!(
        told_reporters_last,
        "The plant will close in June, the owner told reporters.",
        [(
            "indirect",
            "The plant will close in June",
            "the owner",
            "told",
            "indirect-speaker-last"
        )]
    ),
    tc!(
        told_reporters_after_mixed,
        "The mayor \"made a costly mistake,\" Lopez told reporters on Monday.",
        [
            (
                "indirect",
                "The mayor \"made a costly mistake",
                "Lopez",
                "told",
                "mixed-speaker-after"
            ),
            (
                "partial",
                "made a costly mistake",
                "Lopez",
                "told",
                "partial-in-reported"
            ),
        ]
    ),
];

#[test]
fn told_object_last() {
    check_cue_cases(TOLD_LAST);
}

/// "when asked" after the start of the sentence.
const ASKED_LATER: &[CueCase] = &[
    tc!(
        when_asked_after_a_quote,
        "\"We will see,\" the governor said when asked whether she would run again.",
        [
            (
                "direct",
                "We will see",
                "the governor",
                "said",
                "direct-speaker-last"
            ),
            (
                "indirect",
                "whether she would run again",
                "",
                "asked",
                "asked-question"
            ),
        ]
    ),
    tc!(
        when_asked_then_dash,
        "But when asked which road would close first - the question of the day - the mayor left.",
        [(
            "indirect",
            "which road would close first",
            "",
            "asked",
            "asked-question"
        )]
    ),
];

#[test]
fn asked_later_in_the_sentence() {
    check_cue_cases(ASKED_LATER);
}

/// Where reported content ends at a comma inside a closing mark, at the
/// verb of the sentence around a relative clause, and at a dash before a
/// new clause.
const CONTENT_ENDS_MORE: &[CueCase] = &[
    tc!(
        comma_inside_closing_mark,
        "Aides said the goal was \"to win the state,\" but the polls were close.",
        [
            (
                "indirect",
                "the goal was \"to win the state",
                "Aides",
                "said",
                "indirect-bare"
            ),
            (
                "partial",
                "to win the state",
                "Aides",
                "said",
                "partial-in-reported"
            ),
        ]
    ),
    tc!(
        relative_clause_then_matrix_verb,
        "Farmers who say the tariffs hurt exports, are planting less corn this year.",
        [(
            "indirect",
            "the tariffs hurt exports",
            "who",
            "say",
            "indirect-bare"
        )]
    ),
    tc!(
        dash_then_though,
        "The mayor said the bridge would reopen - though the date is still unclear.",
        [(
            "indirect",
            "the bridge would reopen",
            "The mayor",
            "said",
            "indirect-bare"
        )]
    ),
];

#[test]
fn content_ends_more() {
    check_cue_cases(CONTENT_ENDS_MORE);
}

/// A participle joined by "by" or "and" rather than a comma.
const JOINED_PARTICIPLE: &[CueCase] = &[tc!(
    by_saying,
    "The mayor ended the strike by saying that the city would raise wages.",
    [(
        "indirect",
        "the city would raise wages",
        "The mayor",
        "saying",
        "indirect-participle"
    )]
)];

#[test]
fn joined_participles() {
    check_cue_cases(JOINED_PARTICIPLE);
}

/// "X did A to a name and said B": the name ends the object, not a subject.
const NAME_BEFORE_AND: &[CueCase] = &[
    tc!(
        name_object_then_and_said,
        "The senator visited Garland and said the hearing should go ahead.",
        [(
            "indirect",
            "the hearing should go ahead",
            "The senator",
            "said",
            "indirect-bare"
        )]
    ),
    // A coordinated subject of names is still found as before.
    tc!(
        coordinated_names_subject,
        "Kim and Lee said the plan would fail.",
        [(
            "indirect",
            "the plan would fail",
            "Kim and Lee",
            "said",
            "indirect-bare"
        )]
    ),
];

#[test]
fn name_before_and() {
    check_cue_cases(NAME_BEFORE_AND);
}

/// A sentence adverb before the subject is no subject.
const ADVERB_OPENER: &[CueCase] = &[tc!(
    adverb_then_subject,
    "Separately, the ministers agreed to close the border, citing the floods in the south.",
    [(
        "indirect",
        "the floods in the south",
        "the ministers",
        "citing",
        "indirect-participle"
    )]
)];

#[test]
fn adverb_opener() {
    check_cue_cases(ADVERB_OPENER);
}

/// A poll's share or a bare quantifier as the subject.
const SHARE_SUBJECTS: &[CueCase] = &[
    tc!(
        share_in_words,
        "Two in three said the economy was getting worse.",
        [(
            "indirect",
            "the economy was getting worse",
            "Two in three",
            "said",
            "indirect-bare"
        )]
    ),
    tc!(
        share_with_hedge_and_digits,
        "In the survey, about four in 10 say prices will rise.",
        [(
            "indirect",
            "prices will rise",
            "about four in 10",
            "say",
            "indirect-bare"
        )]
    ),
    tc!(
        bare_quantifier,
        "Several said the line was too long.",
        [(
            "indirect",
            "the line was too long",
            "Several",
            "said",
            "indirect-bare"
        )]
    ),
];

#[test]
fn share_subjects() {
    check_cue_cases(SHARE_SUBJECTS);
}

/// "called it" with a label in marks is the speaker's word for it.
const CALLED_IT: &[CueCase] = &[
    tc!(
        called_it_quoted_label,
        "The senator called it a \"quiet revolution\" in farming.",
        [
            (
                "indirect",
                "it a \"quiet revolution\" in farming",
                "The senator",
                "called",
                "indirect-bare"
            ),
            (
                "partial",
                "quiet revolution",
                "The senator",
                "called",
                "partial-in-reported"
            ),
        ]
    ),
    // Without marks it stays no quote, as before.
    tc!(called_it_plain, "The mayor called it a farce.", []),
];

#[test]
fn called_it_label() {
    check_cue_cases(CALLED_IT);
}

/// "continued" cues a quotation or a "that" clause, not an act that goes on.
const CONTINUED: &[CueCase] = &[
    tc!(
        continued_after_quote,
        "\"The road is closed,\" she continued.",
        [(
            "direct",
            "The road is closed",
            "she",
            "continued",
            "direct-speaker-last"
        )]
    ),
    tc!(
        continued_an_act,
        "The council continued its review of the budget.",
        []
    ),
];

#[test]
fn continued_cue() {
    check_cue_cases(CONTINUED);
}

/// Speech that did not happen reports nothing: "avoided criticising X",
/// "refrained from commenting on X" and "stopped short of calling X ..."
/// are no quotes (seed 002 had "far avoided" criticising Beijing); the same
/// verbs said plainly still are.
#[test]
fn avoided_speech_is_no_quote() {
    check_cases(&[
        t!(
            avoided,
            "The president has so far avoided criticising Beijing directly over the dispute.",
            []
        ),
        t!(
            refrained,
            "The minister refrained from commenting on the new tariffs.",
            []
        ),
        t!(
            stopped_short,
            "The senator stopped short of calling the deal a betrayal.",
            []
        ),
        t!(
            said_plainly,
            "The senator said the deal was a betrayal.",
            [(
                "indirect",
                "the deal was a betrayal",
                "The senator",
                "indirect-bare"
            )]
        ),
    ]);
}
