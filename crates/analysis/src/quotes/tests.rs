use stance_core::{Article, ArticleId};

use super::*;
use crate::actors::{Actor, ActorId, Mention, Origin};

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
            "that maintaining and developing bilateral relations",
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
            "that the ministers had agreed",
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
            "that the situation could have",
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
