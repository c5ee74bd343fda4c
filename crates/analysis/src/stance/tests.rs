//! Relation rules, table-driven: a sentence, the actor surface forms in it,
//! and the exact set of signed directed relations expected.

use stance_core::{Article, ArticleId, Record, Span};

use super::*;
use crate::actors::{Actor, ActorId, ActorKind, ActorSet, Mention, MentionForm, Origin};

/// Builds an actor set by marking every whole-word occurrence of each surface
/// form (test-only stand-in for the actors stage, so these tests check the
/// relation rules alone).
fn actor_set(text: &str, forms: &[(&str, &str, ActorKind, MentionForm)]) -> ActorSet {
    let mut set = ActorSet::default();
    let mut mentions = Vec::new();
    for (surface, id, kind, form) in forms {
        let index = match set.actors.iter().position(|a| a.id.0 == *id) {
            Some(i) => i,
            None => {
                set.actors.push(Actor {
                    id: ActorId(id.to_string()),
                    name: id.to_string(),
                    kind: *kind,
                    role: None,
                    affiliation: None,
                    affiliation_name: None,
                    origin: Origin::Gazetteer,
                    gender: None,
                });
                set.actors.len() - 1
            }
        };
        for (at, _) in text.match_indices(surface) {
            let end = at + surface.len();
            let before_ok = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before_ok && after_ok {
                mentions.push(Mention {
                    span: Span::new(at, end),
                    actor: index,
                    form: *form,
                });
            }
        }
    }
    mentions.sort_by_key(|m| m.span.start);
    mentions.dedup_by(|b, a| b.span.overlaps(a.span));
    set.mentions = mentions;
    set
}

use ActorKind::{Organization as O, Person as P, State as S};
use MentionForm::{Demonym as D, Metonym as M, Name as N};

/// Runs the relation finder and returns `source>target:sign` strings, sorted.
fn relations(text: &str, forms: &[(&str, &str, ActorKind, MentionForm)]) -> Vec<String> {
    let article = Article::from_record(Record {
        id: ArticleId("t".into()),
        text: text.into(),
        ..Record::default()
    })
    .unwrap();
    let set = actor_set(text, forms);
    let lex = RelationLexicon::builtin().unwrap();
    let mut out: Vec<String> = find_relations(&article, &set, &lex)
        .iter()
        .map(|r| {
            let sign = if r.polarity > 0.0 {
                "+"
            } else if r.polarity < 0.0 {
                "-"
            } else {
                "0"
            };
            format!(
                "{}>{}:{sign}",
                set.actors[r.source].id, set.actors[r.target].id
            )
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

macro_rules! t {
    ($name:ident, $text:expr, [$($form:expr),* $(,)?], [$($want:expr),* $(,)?]) => {
        #[test]
        fn $name() {
            let got = relations($text, &[$($form),*]);
            let want: Vec<&str> = vec![$($want),*];
            assert_eq!(got, want, "{}", $text);
        }
    };
}

t!(
    coordinated_agreement_both_directions,
    "North Korea and China agreed to deepen ties.",
    [("North Korea", "PRK", S, N), ("China", "CHN", S, N)],
    ["CHN>PRK:+", "PRK>CHN:+"]
);

t!(
    praise_and_condemn_in_one_sentence,
    "Seoul praised Tokyo but condemned Pyongyang.",
    [
        ("Seoul", "KOR", S, M),
        ("Tokyo", "JPN", S, M),
        ("Pyongyang", "PRK", S, M)
    ],
    ["KOR>JPN:+", "KOR>PRK:-"]
);

t!(
    passive_sanctions_with_by,
    "Pyongyang was sanctioned by Washington last year.",
    [("Pyongyang", "PRK", S, M), ("Washington", "USA", S, M)],
    ["USA>PRK:-"]
);

t!(
    noun_sanctions_imposed_on_with_by,
    "New sanctions imposed on Pyongyang by Washington took effect.",
    [("Pyongyang", "PRK", S, M), ("Washington", "USA", S, M)],
    ["USA>PRK:-"]
);

t!(
    possessive_nominalisation,
    "The United States has long been critical of Beijing's support for North Korea.",
    [
        ("United States", "USA", S, N),
        ("Beijing", "CHN", S, M),
        ("North Korea", "PRK", S, N)
    ],
    ["CHN>PRK:+", "USA>CHN:-"]
);

t!(
    fronted_pushback_goes_to_main_subject,
    "In a move seen as a pushback against the United States, North Korea and China have agreed to deepen their bilateral ties.",
    [
        ("United States", "USA", S, N),
        ("North Korea", "PRK", S, N),
        ("China", "CHN", S, N)
    ],
    ["CHN>PRK:+", "CHN>USA:-", "PRK>CHN:+", "PRK>USA:-"]
);

t!(
    relative_clause_after_between_keeps_both,
    "It highlights the partnership between China and North Korea, which is aimed at countering US influence.",
    [
        ("China", "CHN", S, N),
        ("North Korea", "PRK", S, N),
        ("US", "USA", S, N)
    ],
    ["CHN>PRK:+", "CHN>USA:-", "PRK>CHN:+", "PRK>USA:-"]
);

t!(
    strain_relations_between_and_relative_clause,
    "The deal will strain relations between China and the United States, which has long been critical of Beijing.",
    [
        ("China", "CHN", S, N),
        ("United States", "USA", S, N),
        ("Beijing", "CHN", S, M)
    ],
    ["CHN>USA:-", "USA>CHN:-"]
);

t!(
    ties_with_after_subject,
    "China has been expanding its economic and military ties with North Korea, despite sanctions imposed on Pyongyang.",
    [
        ("China", "CHN", S, N),
        ("North Korea", "PRK", S, N),
        ("Pyongyang", "PRK", S, M)
    ],
    ["CHN>PRK:+", "PRK>CHN:+"]
);

t!(
    negation_flips_a_mild_rejection,
    "Beijing did not rule out talks with Taipei.",
    [("Beijing", "CHN", S, M), ("Taipei", "TWN", S, M)],
    ["CHN>TWN:+", "TWN>CHN:+"]
);

t!(
    refusing_to_condemn_is_abstention,
    "India refused to condemn Russia at the vote.",
    [("India", "IND", S, N), ("Russia", "RUS", S, N)],
    ["IND>RUS:0"]
);

// The negation is "bow"'s, past the preposition: the pressure itself stands.
t!(
    negation_stops_at_a_preposition,
    "Tbilisi would not bow to pressure from Brussels.",
    [("Tbilisi", "GEO", S, M), ("Brussels", "BEL", S, M)],
    ["BEL>GEO:-"]
);

t!(
    not_supporting_is_mildly_negative,
    "Germany does not support France on the tariff plan.",
    [("Germany", "DEU", S, N), ("France", "FRA", S, N)],
    ["DEU>FRA:-"]
);

t!(
    demonym_modifier_is_not_a_participant,
    "Chinese Foreign Minister Wang Yi condemned the Japanese premier's remarks and warned Tokyo.",
    [
        ("Chinese", "CHN", S, D),
        ("Wang Yi", "PER.WANG_YI", P, N),
        ("Tokyo", "JPN", S, M)
    ],
    ["PER.WANG_YI>JPN:-"]
);

t!(
    no_actor_no_relation,
    "The ministry condemned the attack on the convoy.",
    [("Seoul", "KOR", S, M)],
    []
);

t!(
    organisation_accuses_state,
    "NATO accused Russia of sabotage.",
    [("NATO", "IGO.NATO", O, N), ("Russia", "RUS", S, N)],
    ["IGO.NATO>RUS:-"]
);

/// A quote part is scored only when `unscored_rest` cannot rule it out, so
/// the rule must never hide evidence: for every token range of each
/// sentence, when it names a rest, the range has evidence exactly when the
/// rest has. The lexicon adds multi-word entries (across a quotation mark
/// or a comma, neutral ones) so that range edges fall
/// inside units of the whole sentence.
#[test]
fn unscored_rest_agrees_with_scoring_every_part() {
    use crate::sentiment::{LexiconFormat, SentimentEngineBuilder, SentimentLexicon};
    use stance_core::Tokens;

    let lexicon = "# name: parts\n# version: 1\n\
        all but good\t0\ngood news\t0.5\nnot bad at all\t0.6\nplain \" good\t0\n\
        said \" great\t0.7\nwell , fine\t0.3\nworst of\t-0.4\n";
    let lex = SentimentLexicon::parse("parts", lexicon, LexiconFormat::Native).unwrap();
    let engine = SentimentEngineBuilder::new()
        .add_lexicon(lex)
        .build()
        .unwrap();
    let texts = [
        "He said \" great things are coming,\" and it was not bad at all, she said.",
        "\"It is good news for Seoul,\" the minister said, \"but the worst of it is over.\"",
        "Kim said that the talks were all but good, well, fine, though hardly a success!",
        "Is this really the end of the war, or only a pause?",
        "The UN said: \"We condemn the attack, which was not bad at all for them.\"",
        "Good news, said Lee; \"the sanctions are terrible, and very bad,\" he added.",
        "Plain \" good people left, and plain \" good people stayed.",
        "They call it good news (not bad at all) - \" worst of all, said \" great.",
    ];
    let mut checked = 0;
    for text in texts {
        let tokens = Tokens::of(text);
        let toks = tokens.as_slice();
        let n = tokens.len();
        let span = |r: &std::ops::Range<usize>| {
            Span::new(toks[r.start].span.start, toks[r.end - 1].span.end)
        };
        let whole = engine.sentence(text, &tokens, 0..n, Span::new(0, text.len()));
        for a in 0..n {
            for b in a + 1..=n {
                if b - a == n {
                    continue;
                }
                let Some(rest) = voices::unscored_rest(&whole, a..b) else {
                    continue;
                };
                assert!(a <= rest.start && rest.end == b, "{text:?} {a}..{b}");
                let part = engine.sentence(text, &tokens, a..b, span(&(a..b)));
                let rest_empty = rest.is_empty()
                    || engine
                        .sentence(text, &tokens, rest.clone(), span(&rest))
                        .evidence
                        .is_empty();
                assert_eq!(part.evidence.is_empty(), rest_empty, "{text:?} {a}..{b}");
                checked += 1;
            }
        }
    }
    assert!(checked > 150, "{checked}");
}

/// The cursor answers as `ActorSet::mentions_in` does, for spans in text
/// order, overlapping ones, and a span that goes back.
#[test]
fn mention_cursor_matches_mentions_in() {
    let text = "Seoul and Tokyo met. Tokyo praised Seoul, and Beijing and Seoul agreed. Tokyo.";
    let set = actor_set(
        text,
        &[
            ("Seoul", "KOR", S, N),
            ("Tokyo", "JPN", S, N),
            ("Beijing", "CHN", S, N),
        ],
    );
    let mut spans: Vec<Span> = Vec::new();
    for start in (0..text.len()).step_by(3) {
        for len in [0, 4, 5, 9, 20, 40] {
            spans.push(Span::new(start, (start + len).min(text.len())));
        }
    }
    // In order of start, then a few that go back.
    spans.extend([Span::new(0, 20), Span::new(21, 40), Span::new(5, 70)]);
    let mut cursor = crate::actors::MentionCursor::new(&set);
    for span in spans {
        assert_eq!(cursor.inside(span), set.mentions_in(span), "{span:?}");
    }
}
