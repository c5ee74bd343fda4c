//! Table-driven scoring rules on a small hand-written test lexicon, so the
//! rules are checked apart from the built-in weights.

use stance_core::{Span, Tokens};

use super::*;

const TEST_LEXICON: &str = "# name: test\n# version: 1\n\
aggression\t-0.7\nally\t0.4\namiable\t0.5\nbad\t-0.5\ncondemn*\t-0.7\ncooperation\t0.5\n\
excellent\t0.8\ngood\t0.5\nhegemon*\t-0.6\ninvasion\t-0.6\nmerit\t0.4\nnot amiab*\t-0.4\n\
praised\t0.6\nsanction*\t-0.4\nsupports\t0.4\nterrible\t-0.8\nthreat\t-0.5\n";

fn engine() -> SentimentEngine {
    let lex = SentimentLexicon::parse("test", TEST_LEXICON, LexiconFormat::Native).unwrap();
    SentimentEngineBuilder::new()
        .builtin_lexicons(false)
        .add_lexicon(lex)
        .build()
        .unwrap()
}

fn sentence(e: &SentimentEngine, text: &str) -> (SentenceSentiment, Tokens) {
    let tokens = Tokens::of(text);
    let s = e.sentence(text, &tokens, 0..tokens.len(), Span::new(0, text.len()));
    (s, tokens)
}

fn score(e: &SentimentEngine, text: &str) -> f64 {
    sentence(e, text).0.score
}

/// `(name, text, expected sign)`: -1 negative, 0 zero, 1 positive.
macro_rules! t {
    ($name:expr, $text:expr, $sign:expr) => {
        ($name, $text, $sign)
    };
}

const SIGNS: &[(&str, &str, i32)] = &[
    t!("plain positive", "The talks were good.", 1),
    t!("plain negative", "The talks were bad.", -1),
    t!("nobody supports", "Nobody supports the invasion.", -1),
    t!("not good", "The deal is not good.", -1),
    t!("n't", "The deal isn't good.", -1),
    t!("not bad", "The deal is not bad.", 1),
    t!("double negation", "The plan is not without merit.", 1),
    t!("lack of", "There was a lack of cooperation.", -1),
    t!("fail to", "They failed to reach good terms.", -1),
    t!(
        "little reason for",
        "The record gave little reason for cooperation.",
        -1
    ),
    t!("few signs of", "There were few signs of good faith.", -1),
    t!("neither nor", "It was neither good nor excellent.", -1),
    t!("no word", "Nothing here at all.", 0),
    t!(
        "political words",
        "Sanctions, hegemonism, invasion and aggression.",
        -1
    ),
    t!("ally", "Japan is an ally.", 1),
    t!(
        "but outweighs",
        "The food was good, but the service was terrible.",
        -1
    ),
    t!(
        "although concedes",
        "Although the service was terrible, the food was excellent.",
        1
    ),
    t!("multiple buts", "It was bad but good, but terrible.", -1),
];

#[test]
fn signs() {
    let e = engine();
    for &(name, text, sign) in SIGNS {
        let s = score(&e, text);
        let got = if s > 1e-9 {
            1
        } else if s < -1e-9 {
            -1
        } else {
            0
        };
        assert_eq!(got, sign, "{name}: {text:?} scored {s}");
    }
}

#[test]
fn not_amiable_counted_once() {
    let e = engine();
    let (s, _) = sentence(&e, "He was not amiable.");
    assert_eq!(s.evidence.len(), 1, "{:?}", s.evidence);
    assert_eq!(s.evidence[0].entry, "not amiab*");
    assert!(s.score < 0.0);
}

#[test]
fn every_but_counts() {
    let e = engine();
    // Each "but" re-weights only its neighbouring clauses.
    let (s, _) = sentence(&e, "It was good but bad but good.");
    let reasons: Vec<Vec<Reason>> = s
        .evidence
        .iter()
        .map(|e| e.multipliers.iter().map(|m| m.reason).collect())
        .collect();
    assert_eq!(
        reasons,
        [
            vec![Reason::ContrastBefore],
            vec![Reason::ContrastAfter, Reason::ContrastBefore],
            vec![Reason::ContrastAfter]
        ]
    );
}

#[test]
fn intensifiers_and_hedges() {
    let e = engine();
    assert!(score(&e, "It was very good.") > score(&e, "It was good."));
    assert!(score(&e, "It was slightly good.") < score(&e, "It was good."));
    assert!(score(&e, "It may be good.") < score(&e, "It is good."));
    assert!(score(&e, "Is it good?") < score(&e, "It is good."));
    assert!(score(&e, "It is good!") > score(&e, "It is good."));
}

#[test]
fn evidence_sums_to_score() {
    let e = engine();
    for text in [
        "Nobody supports the invasion, but Japan is a very good ally!",
        "Not bad.",
        "Nothing.",
        "Good bad.",
    ] {
        let (s, _) = sentence(&e, text);
        let sum: f64 = s.evidence.iter().map(|e| e.contribution).sum();
        assert!(
            (sum - s.score).abs() < 1e-12,
            "{text}: {sum} vs {}",
            s.score
        );
        for ev in &s.evidence {
            let raw = ev.multipliers.iter().fold(ev.base, |a, m| a * m.factor);
            assert!((raw - ev.raw).abs() < 1e-12);
        }
    }
}

#[test]
fn long_text_does_not_saturate() {
    let e = engine();
    let tone = |text: &str| e.text(text).0.tone.score;
    let one = "The cooperation was good.";
    let calm = "The weather was mild.";
    // Beyond the tone window, tone depends on the density of evidence, not on length.
    let (three, forty) = (tone(&[one; 3].join(" ")), tone(&[one; 40].join(" ")));
    assert!((three - forty).abs() < 1e-9, "{three} vs {forty}");
    let mixed = |n: usize| tone(&[one, calm, calm, calm].repeat(n).join(" "));
    assert!((mixed(10) - mixed(50)).abs() < 1e-9);
    assert!(mixed(50) > 0.0 && mixed(50) < forty);
    // A single sentence keeps its sentence score.
    let (single, tokens) = sentence(&e, one);
    drop(tokens);
    assert!((tone(one) - single.score).abs() < 1e-12);
}

#[test]
fn target_gets_its_own_clause() {
    let e = engine();
    let text = "Seoul praised Tokyo but condemned Pyongyang.";
    let (s, tokens) = sentence(&e, text);
    let at = |w: &str| {
        let i = text.find(w).unwrap();
        Span::new(i, i + w.len())
    };
    let tokyo = e.toward(&tokens, &s, at("Tokyo"));
    let pyongyang = e.toward(&tokens, &s, at("Pyongyang"));
    assert!(tokyo.score > 0.0, "{tokyo:?}");
    assert!(pyongyang.score < 0.0, "{pyongyang:?}");
    let sum: f64 = tokyo.items.iter().map(|i| i.contribution).sum();
    assert!((sum - tokyo.score).abs() < 1e-12);
    // The score alone is the same number, to the bit.
    for (w, t) in [
        ("Seoul", None),
        ("Tokyo", Some(&tokyo)),
        ("Pyongyang", Some(&pyongyang)),
    ] {
        let full = t.map_or_else(|| e.toward(&tokens, &s, at(w)).score, |t| t.score);
        let alone = e.toward_score(&tokens, &s, at(w));
        assert_eq!(alone.to_bits(), full.to_bits(), "{w}");
    }
}

#[test]
fn lexicons_are_recorded() {
    let e = engine();
    let names: Vec<&str> = e.lexicons().iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "test",
            "negators.en",
            "intensifiers.en",
            "contrast.en",
            "hedges.en"
        ]
    );
    assert!(e.lexicons().iter().all(|l| l.hash.len() == 16));
}

#[test]
fn builtin_lexicons_are_tidy() {
    let (sentiment, shifters) = builtin_lexicons().unwrap();
    for lex in &sentiment {
        assert!(
            lex.warnings.is_empty(),
            "{}: {:?}",
            lex.info.origin,
            lex.warnings
        );
        assert!(
            lex.info.version.is_some(),
            "{} has no version",
            lex.info.origin
        );
        let terms: Vec<&str> = lex.entries.iter().map(|e| e.term.as_str()).collect();
        assert!(
            terms.windows(2).all(|w| w[0] < w[1]),
            "{} is not sorted",
            lex.info.origin
        );
    }
    for lex in &shifters {
        assert!(
            lex.info.version.is_some(),
            "{} has no version",
            lex.info.origin
        );
        assert_eq!(
            lex.info.license.as_deref(),
            Some("CC0-1.0 (written for stance)")
        );
        let terms: Vec<&str> = lex.cues.iter().map(|c| c.0.as_str()).collect();
        assert!(
            terms.windows(2).all(|w| w[0] < w[1]),
            "{} is not sorted",
            lex.info.origin
        );
    }
}

#[test]
fn builtin_known_failures() {
    let e = SentimentEngine::builtin().unwrap();
    for (text, sign) in [
        ("Nobody supports the invasion.", -1.0),
        ("The sanctions deepened the crisis.", -1.0),
        ("Hegemonism and aggression threaten the region.", -1.0),
        ("Japan is a trusted ally.", 1.0),
        ("He was not amiable.", -1.0),
    ] {
        let s = score(&e, text);
        assert!(s * sign > 0.0, "{text:?} scored {s}");
    }
    for word in ["sanction", "hegemony", "invasion", "ally", "aggression"] {
        let (s, _) = sentence(&e, word);
        assert_eq!(
            s.evidence.len(),
            1,
            "{word} is not in the built-in lexicons"
        );
    }
}

#[test]
fn sentence_initial_but_contrasts_with_the_previous_sentence() {
    let e = engine();
    let tone = |text: &str| e.text(text).0.tone.score;
    let plain = tone("The food was excellent. The service was bad.");
    let but = tone("The food was excellent. But the service was bad.");
    assert!(plain > 0.0 && but < 0.0, "{plain} {but}");
    // A "But" opening the first sentence has nothing to contrast with.
    assert_eq!(tone("But the food was good."), tone("The food was good."));
}

#[test]
fn web_addresses_and_handles() {
    let e = SentimentEngine::builtin().unwrap();
    // The ":/" of "http://" is no emoticon.
    let (s, _) = sentence(&e, "Read it at http://example.com/page now");
    assert!(s.evidence.is_empty(), "{:?}", s.evidence);
    // A capitalised word after a handle, hashtag or address opens the text:
    // it is not damped as part of a name.
    for text in [
        "@anna Excellent!",
        "#news Excellent!",
        "http://x.org Excellent!",
    ] {
        let (s, _) = sentence(&e, text);
        assert_eq!(s.evidence.len(), 1, "{text}: {:?}", s.evidence);
        assert!(
            s.evidence[0]
                .multipliers
                .iter()
                .all(|m| m.reason != Reason::ProperName),
            "{text}: {:?}",
            s.evidence
        );
    }
    // At the start of a sentence, a capitalised term before a speech verb is
    // a name; inside a sentence, a capitalised term still reads as a name.
    for text in [
        "Moody says the vote is over.",
        "They met Hope Hicks at noon.",
    ] {
        let (s, _) = sentence(&e, text);
        assert!(
            s.evidence
                .iter()
                .all(|e| e.multipliers.iter().any(|m| m.reason == Reason::ProperName)),
            "{text}: {:?}",
            s.evidence
        );
    }
}

#[test]
fn a_source_is_not_what_it_reports() {
    let e = engine();
    for (text, source, topic) in [
        ("Kim said the talks were terrible.", "Kim", "talks"),
        ("The talks were terrible, said Kim.", "Kim", "talks"),
        ("According to Kim, the talks were terrible.", "Kim", "talks"),
    ] {
        let (s, tokens) = sentence(&e, text);
        let at = |w: &str| {
            let i = text.find(w).unwrap();
            Span::new(i, i + w.len())
        };
        let src = e.toward(&tokens, &s, at(source));
        let top = e.toward(&tokens, &s, at(topic));
        assert!(top.score < 0.0, "{text}: {top:?}");
        assert!(
            src.score.abs() < top.score.abs() * 0.5,
            "{text}: source {} vs topic {}",
            src.score,
            top.score
        );
        let sum: f64 = src.items.iter().map(|i| i.contribution).sum();
        assert!((sum - src.score).abs() < 1e-12);
    }
    // A name after "said" with no comma or quote before it is the reported subject.
    let text = "Lee said Kim was terrible.";
    let (s, tokens) = sentence(&e, text);
    let i = text.find("Kim").unwrap();
    let kim = e.toward(&tokens, &s, Span::new(i, i + 3));
    assert!(kim.label == Label::Negative, "{kim:?}");
}

/// A part of a scored sentence split from the sentence's units
/// ([`SentimentEngine::part`]) scores exactly as the part scored alone, for
/// every part of every sentence: entries of several words that cross a
/// part's ends, negators, contrast cues and quotes cut anywhere.
#[test]
fn parts_score_as_if_alone() {
    let check = |e: &SentimentEngine, text: &str| {
        let (scored, tokens) = e.text(text);
        let toks = tokens.as_slice();
        for s in &scored.sentences {
            for a in s.tokens.clone() {
                for b in a + 1..=s.tokens.end {
                    let span = Span::new(toks[a].span.start, toks[b - 1].span.end);
                    assert_eq!(
                        e.part(text, &tokens, s, a..b, span),
                        e.sentence(text, &tokens, a..b, span),
                        "{:?}",
                        span.slice(text)
                    );
                }
            }
        }
    };
    check(
        &engine(),
        "But he was not amiable, and \"not amiably\" so: no good, not amiab.\n\
         Although the ally is very good, it is not amiable but a terrible threat?\n\
         \"Sanctions are not good,\" he said; \"the invasion is NOT AMIABLE!\"",
    );
    let builtin = SentimentEngine::builtin().unwrap();
    check(
        &builtin,
        include_str!("../../../../seeds/001_turkey_hosts_russia_ukraine_talks.txt"),
    );
}

/// A positive term after a harm noun and "to"/"for" (with up to two words
/// between) is what is harmed, so it counts against ("a threat to peace",
/// the seed's "consequences for global stability"); "came for cooperation"
/// is no harm, and a full stop ends the reach.
#[test]
fn harmed_object_counts_against() {
    let e = engine();
    let harmed = |text: &str| -> Vec<(&'static str, f64)> {
        sentence(&e, text)
            .0
            .evidence
            .iter()
            .filter(|ev| {
                ev.multipliers
                    .iter()
                    .any(|m| m.reason == Reason::HarmedObject)
            })
            .map(|ev| (ev.entry, ev.contribution))
            .collect()
    };
    let h = harmed("It is a threat to regional cooperation.");
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!(h[0].0, "cooperation");
    assert!(h[0].1 < 0.0);
    assert!(score(&e, "It is a threat to regional cooperation.") < 0.0);
    assert_eq!(harmed("Sanctions are a risk for good ties.")[0].0, "good");
    for text in [
        "The ally came for cooperation.",
        "A threat. Cooperation came.",
        "A threat to the very long road to cooperation.",
    ] {
        assert!(harmed(text).is_empty(), "{text}");
    }
}
