//! Invariant checks shared by the fuzz targets and by the corpus-replay
//! regression tests in `tests/it/regression.rs` (which include this file by
//! path, so CI checks exactly what the fuzzer checks without needing libFuzzer).
//!
//! Each `run_*` function takes raw fuzzer bytes, feeds them to one entry point
//! of the library, and panics if the result breaks a documented invariant.
//! Inputs that are not UTF-8 are skipped: every entry point takes `&str`, and
//! decoding is the CLI's job (its readers reject invalid UTF-8 with a message).

use std::sync::OnceLock;

use stance_analysis::{Analyzer, AnalyzerBuilder};
use stance_core::{Article, ArticleId, Record, Span, Tokens, segment};

/// The analyzer every check shares, built once with the built-in lexicons.
pub fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| {
        AnalyzerBuilder::new()
            .build()
            .expect("built-in lexicons compile")
    })
}

/// Asserts that `span` lies inside `text` and on character boundaries.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span} outside the text (len {})",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span} not on char boundaries"
    );
}

/// Asserts that `spans` are in order and pairwise disjoint.
pub fn check_sorted_disjoint(spans: &[Span], what: &str) {
    for w in spans.windows(2) {
        assert!(
            w[0].end <= w[1].start,
            "{what} {} and {} overlap or are out of order",
            w[0],
            w[1]
        );
    }
}

/// Every invariant of a parsed article: spans in bounds, sentences inside
/// paragraphs, token ranges valid, character offsets consistent.
pub fn check_article(article: &Article, input: &str) {
    let text = article.text();
    let expected = input.strip_prefix('\u{feff}').unwrap_or(input);
    assert_eq!(
        text, expected,
        "text must be the input as read, minus a BOM"
    );
    if let Some(s) = article.title_span() {
        check_span(text, s, "title");
    }
    if let Some(s) = article.dateline_span() {
        check_span(text, s, "dateline");
    }
    let paragraphs = article.paragraphs();
    for p in paragraphs {
        check_span(text, *p, "paragraph");
    }
    check_sorted_disjoint(paragraphs, "paragraphs");
    let tokens = article.tokens();
    let token_spans: Vec<Span> = tokens.as_slice().iter().map(|t| t.span).collect();
    for t in &token_spans {
        check_span(text, *t, "token");
        assert!(!t.is_empty(), "empty token at {t}");
    }
    check_sorted_disjoint(&token_spans, "tokens");
    let sentences = article.sentences();
    let sentence_spans: Vec<Span> = sentences.iter().map(|s| s.span).collect();
    check_sorted_disjoint(&sentence_spans, "sentences");
    for s in sentences {
        check_span(text, s.span, "sentence");
        assert!(!s.span.is_empty(), "empty sentence at {}", s.span);
        let para = paragraphs
            .get(s.paragraph)
            .unwrap_or_else(|| panic!("sentence {} names paragraph {}", s.span, s.paragraph));
        assert!(
            para.contains(s.span),
            "sentence {} outside its paragraph {para}",
            s.span
        );
        assert!(s.tokens.start <= s.tokens.end && s.tokens.end <= tokens.len());
        for t in &token_spans[s.tokens.clone()] {
            assert!(s.span.contains(*t), "token {t} outside sentence {}", s.span);
        }
        assert_eq!(
            article.sentence_at(s.span.start).map(|i| sentences[i].span),
            Some(s.span)
        );
    }
    for (i, t) in tokens.as_slice().iter().enumerate() {
        let norm = tokens.norm(t);
        assert!(!norm.is_empty(), "token {i} has an empty normal form");
    }
    check_char_offsets(article, &token_spans);
    for w in article.warnings() {
        let _ = w.to_string();
    }
}

/// Character offsets from the article's `CharMap` equal a plain count.
fn check_char_offsets(article: &Article, spans: &[Span]) {
    let text = article.text();
    // Counting from the start for every span is quadratic: sample at most 64.
    let step = (spans.len() / 64).max(1);
    for span in spans.iter().step_by(step) {
        let (s, e) = article.char_span(*span);
        assert_eq!(
            s,
            text[..span.start].chars().count(),
            "char start of {span}"
        );
        assert_eq!(
            e - s,
            text[span.start..span.end].chars().count(),
            "char length of {span}"
        );
    }
    let (_, end) = article.char_span(Span::new(text.len(), text.len()));
    assert_eq!(end, text.chars().count(), "char offset of the end");
}

/// `Article::parse` of arbitrary text.
pub fn run_parse_text(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    match Article::parse(ArticleId("fuzz".into()), input.to_string()) {
        Ok(article) => check_article(&article, input),
        Err(_) => assert!(input.trim_start_matches('\u{feff}').trim().is_empty()),
    }
}

/// `Article::from_record` of a record whose fields are cut from the input at
/// `\u{1f}` (unit separator): text, title, date, source, url, then extras.
pub fn run_parse_record(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let mut fields = input.split('\u{1f}');
    let text = fields.next().unwrap_or_default().to_string();
    let mut opt = || fields.next().map(str::to_string);
    let (title, date, source, url) = (opt(), opt(), opt(), opt());
    let extra: Vec<(String, String)> = fields.map(|f| ("x".to_string(), f.to_string())).collect();
    let record = Record {
        id: ArticleId("fuzz".into()),
        title,
        text: text.clone(),
        date,
        source,
        url,
        extra,
    };
    match Article::from_record(record) {
        Ok(article) => check_article(&article, &text),
        Err(_) => assert!(text.trim_start_matches('\u{feff}').trim().is_empty()),
    }
}

/// `segment::sentences` over the whole input as one paragraph.
pub fn run_segment(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let para = [Span::new(0, text.len())];
    let spans = segment::sentences(text, &para);
    for s in &spans {
        check_span(text, *s, "sentence");
        assert!(!s.is_empty(), "empty sentence at {s}");
        let slice = s.slice(text);
        assert_eq!(slice, slice.trim(), "sentence {s} is not trimmed");
    }
    check_sorted_disjoint(&spans, "sentences");
    // Nothing but whitespace is lost between sentences.
    let mut at = 0;
    for s in &spans {
        assert!(text[at..s.start].trim().is_empty(), "text lost before {s}");
        at = s.end;
    }
    assert!(text[at..].trim().is_empty(), "text lost at the end");
}

/// `Tokens::of` the whole input.
pub fn run_tokens(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let tokens = Tokens::of(text);
    let spans: Vec<Span> = tokens.as_slice().iter().map(|t| t.span).collect();
    for (t, s) in tokens.as_slice().iter().zip(&spans) {
        check_span(text, *s, "token");
        assert!(!s.is_empty(), "empty token at {s}");
        assert!(!tokens.norm(t).is_empty(), "empty normal form at {s}");
    }
    check_sorted_disjoint(&spans, "tokens");
    for s in &spans {
        let r = tokens.range_in(*s);
        assert_eq!(r.len(), 1, "range_in({s}) = {r:?}");
    }
}

/// The shared lexicon line reader.
pub fn run_lexicon_lines(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (_, lines) = stance_analysis::lexicon::lines(text);
    let mut last = 0;
    for line in &lines {
        assert!(line.number > last, "line numbers must increase");
        last = line.number;
        assert!(
            !line.text.contains('\n'),
            "line {} holds a newline",
            line.number
        );
        assert!(
            !line.text.trim().is_empty(),
            "blank line {} returned",
            line.number
        );
        assert!(
            !line.text.trim_start().starts_with('#'),
            "comment line {} returned",
            line.number
        );
    }
    let _ = stance_analysis::lexicon::content_hash(text);
}

/// `Analyzer::analyze` of one plain-text article: every span the stages
/// return lies in the text, on character boundaries.
pub fn run_analyze(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(article) = Article::parse(ArticleId("fuzz".into()), input.to_string()) else {
        return;
    };
    let analysis = analyzer().analyze(&article);
    let text = article.text();
    let actors = &analysis.actors;
    let mentions: Vec<Span> = actors.mentions.iter().map(|m| m.span).collect();
    for m in &actors.mentions {
        check_span(text, m.span, "mention");
        assert!(!m.span.is_empty(), "empty mention at {}", m.span);
        assert!(
            m.actor < actors.actors.len(),
            "mention {} names no actor",
            m.span
        );
    }
    check_sorted_disjoint(&mentions, "mentions");
    check_relations(&article, &analysis);
    check_quotes(&article, &analysis);
    check_sentiment(&article, &analysis);
    check_portrayals(&article, &analysis);
    // The analysis depends on the article only: analysing it again gives the same.
    assert_eq!(
        analyzer().analyze(&article),
        analysis,
        "analysis is not deterministic"
    );
}

/// Relations name real actors and sentences; scores are finite and in range.
pub fn check_relations(article: &Article, analysis: &stance_analysis::ArticleAnalysis) {
    let text = article.text();
    let n_actors = analysis.actors.actors.len();
    for r in &analysis.relations {
        assert!(
            r.source < n_actors && r.target < n_actors,
            "relation names no actor: {r:?}"
        );
        assert!(
            r.sentence < article.sentences().len(),
            "relation names no sentence: {r:?}"
        );
        assert!(
            r.polarity.is_finite() && (-1.0..=1.0).contains(&r.polarity),
            "polarity {} out of [-1, 1]",
            r.polarity
        );
        assert!(
            r.intensity.is_finite() && (-10.0..=10.0).contains(&r.intensity),
            "intensity {} out of [-10, 10]",
            r.intensity
        );
        assert!(
            r.confidence.is_finite() && (0.0..=1.0).contains(&r.confidence),
            "confidence {} out of [0, 1]",
            r.confidence
        );
        assert_eq!(
            r.cues.len(),
            r.cue_terms.len(),
            "cues and cue terms differ: {r:?}"
        );
        for c in &r.cues {
            check_span(text, *c, "relation cue");
        }
    }
}

/// A small article that names entries of most kinds, to run a fuzzed gazetteer or titles file against.
const PROBE: &str = "Talks Resume\nBEIJING (Reuters) - China and the United States met. \
Foreign Minister Wang Yi said Beijing condemned the move. \"We will resist,\" he told \
reporters, according to Dr. Kim, a regional expert at Seoul National University.\n";

/// The gazetteer parser, then a gazetteer compiled from the same text (alone,
/// and for one input in eight after the built-in one) matched against a probe
/// article and the text itself.
pub fn run_lexicon_gazetteer(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = text.split('\n').count();
    match stance_analysis::actors::gazetteer::parse(text, "fuzz") {
        Ok(entries) => {
            for e in &entries {
                assert!(
                    e.line >= 1 && e.line <= lines,
                    "entry line {} of {lines}",
                    e.line
                );
            }
        }
        Err(e) => {
            assert!(e.line <= lines, "error line {} of {lines}", e.line);
            let _ = e.to_string();
            return;
        }
    }
    // Compiling over the built-in gazetteer costs ~0.1 s, so only one input in
    // eight does it; the rest compile the fuzzed file alone.
    let over_builtin = data.first().is_some_and(|b| b % 8 == 0);
    for builtin in [false, true] {
        if builtin && !over_builtin {
            break;
        }
        let mut b = stance_analysis::actors::GazetteerBuilder::new();
        b.builtin(builtin);
        if b.add_str("fuzz", text).is_err() {
            return;
        }
        let Ok(gazetteer) = b.build() else {
            continue;
        };
        for probe in [PROBE, text] {
            let Ok(article) = Article::parse(ArticleId("fuzz".into()), probe.to_string()) else {
                continue;
            };
            let actors = stance_analysis::actors::find(&article, &gazetteer);
            for m in &actors.mentions {
                check_span(article.text(), m.span, "mention");
                assert!(m.actor < actors.actors.len());
            }
        }
    }
}

/// A titles file (`term<TAB>class`) added to an empty gazetteer, matched against the probe.
pub fn run_lexicon_titles(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Over an empty gazetteer: compiling the built-in one would cost ~0.1 s a run.
    let mut b = stance_analysis::actors::GazetteerBuilder::new();
    b.builtin(false).add_titles_str("fuzz", text);
    match b.build() {
        Ok(gazetteer) => {
            let article = Article::parse(ArticleId("fuzz".into()), PROBE.to_string())
                .expect("the probe parses");
            let actors = stance_analysis::actors::find(&article, &gazetteer);
            for m in &actors.mentions {
                check_span(article.text(), m.span, "mention");
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

/// The relation lexicon parser: accepted cues have finite intensities in range and words.
pub fn run_lexicon_relations(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match stance_analysis::stance::RelationLexicon::parse("fuzz", text) {
        Ok(lex) => {
            for i in 0..lex.len() {
                let cue = lex.cue(i);
                assert!(
                    cue.intensity.is_finite() && (-10.0..=10.0).contains(&cue.intensity),
                    "cue {:?} intensity {}",
                    cue.term,
                    cue.intensity
                );
                assert!(!cue.words.is_empty(), "cue {:?} has no words", cue.term);
            }
            let words: Vec<&str> = text.split_whitespace().take(64).collect();
            for i in 0..words.len() {
                if let Some((idx, len)) = lex.longest_at(&words, i) {
                    assert!(idx < lex.len() && len >= 1 && i + len <= words.len());
                }
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

/// Asserts `x` is finite and in `[lo, hi]`.
fn check_range(x: f64, lo: f64, hi: f64, what: &str) {
    assert!(
        x.is_finite() && (lo..=hi).contains(&x),
        "{what} = {x} outside [{lo}, {hi}]"
    );
}

/// Quotes: spans in the text, disjoint except a partial quote inside reported speech, speakers real, confidence in [0, 1].
pub fn check_quotes(article: &Article, analysis: &stance_analysis::ArticleAnalysis) {
    let text = article.text();
    for q in &analysis.quotes {
        check_span(text, q.span, "quote");
        assert!(!q.span.is_empty(), "empty quote at {}", q.span);
        if let Some(c) = q.cue {
            check_span(text, c, "quote cue");
        }
        if let Some(m) = q.speaker_mention {
            check_span(text, m, "speaker mention");
        }
        if let Some(sp) = q.speaker {
            assert!(
                sp < analysis.actors.actors.len(),
                "quote speaker {sp} is no actor"
            );
        }
        check_range(f64::from(q.confidence), 0.0, 1.0, "quote confidence");
    }
    // Quotes never overlap, except that a partial quote may sit wholly inside
    // the reported speech around it ("called the deal \"a historic betrayal\"").
    use stance_analysis::quotes::QuoteKind;
    let quotes = &analysis.quotes;
    for (i, a) in quotes.iter().enumerate() {
        for b in &quotes[i + 1..] {
            let nested = |inner: &stance_analysis::quotes::Quote,
                          outer: &stance_analysis::quotes::Quote| {
                inner.kind == QuoteKind::Partial
                    && outer.kind != QuoteKind::Partial
                    && outer.span.contains(inner.span)
            };
            assert!(
                !a.span.overlaps(b.span) || nested(a, b) || nested(b, a),
                "quotes {} ({:?}) and {} ({:?}) overlap",
                a.span,
                a.kind,
                b.span,
                b.kind
            );
        }
    }
}

/// Sentiment: every score finite and in [-1, 1], every evidence span in the text.
pub fn check_sentiment(article: &Article, analysis: &stance_analysis::ArticleAnalysis) {
    let text = article.text();
    let s = &analysis.sentiment;
    check_range(s.tone.score, -1.0, 1.0, "tone");
    for sent in &s.sentences {
        check_span(text, sent.span, "sentiment sentence");
        check_range(sent.score, -1.0, 1.0, "sentence score");
        for e in &sent.evidence {
            check_span(text, e.span, "evidence");
            for x in [e.base, e.raw, e.contribution] {
                assert!(x.is_finite(), "evidence {} not finite: {x}", e.entry);
            }
            for m in &e.multipliers {
                assert!(m.factor.is_finite(), "multiplier {:?} not finite", m.reason);
                if let Some(c) = m.cue {
                    check_span(text, c, "multiplier cue");
                }
            }
        }
    }
}

/// Sentiment lexicons in every format (the first byte picks native, VADER,
/// AFINN, `.dic` or YAML): accepted entries have weights in [-1, 1] and
/// problems name a line of the file. An accepted lexicon is compiled (without
/// the built-in ones) and scores the probe article and the file's own text.
pub fn run_lexicon_sentiment(data: &[u8]) {
    use stance_analysis::sentiment::{LexiconFormat, SentimentEngineBuilder, SentimentLexicon};
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let format = LexiconFormat::ALL[usize::from(pick) % LexiconFormat::ALL.len()];
    let lines = text.split('\n').count();
    let lex = match SentimentLexicon::parse("fuzz", text, format) {
        Ok(lex) => lex,
        Err(e) => {
            assert!(e.line <= lines, "error line {} of {lines}: {e}", e.line);
            return;
        }
    };
    for e in &lex.entries {
        check_range(e.weight, -1.0, 1.0, "lexicon weight");
        assert!(!e.term.trim().is_empty(), "empty term on line {}", e.line);
        assert!(
            e.line >= 1 && e.line <= lines,
            "entry line {} of {lines}",
            e.line
        );
    }
    for w in &lex.warnings {
        assert!(w.line <= lines, "warning line {} of {lines}: {w}", w.line);
    }
    let mut b = SentimentEngineBuilder::new();
    b.builtin_lexicons(false).add_lexicon(lex);
    let Ok(engine) = b.build() else {
        return;
    };
    for probe in [PROBE, text] {
        let Ok(article) = Article::parse(ArticleId("fuzz".into()), probe.to_string()) else {
            continue;
        };
        let s = engine.article(&article);
        check_range(s.tone.score, -1.0, 1.0, "tone");
        for sent in &s.sentences {
            check_range(sent.score, -1.0, 1.0, "sentence score");
            for e in &sent.evidence {
                check_span(article.text(), e.span, "evidence");
            }
        }
    }
}

/// Shifter lexicons (negators, intensifiers, contrast words, hedges; the
/// first byte picks the role): parse errors name a line, factors are finite.
pub fn run_lexicon_shifters(data: &[u8]) {
    use stance_analysis::sentiment::{ShifterLexicon, ShifterRole};
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let role = [
        ShifterRole::Negators,
        ShifterRole::Intensifiers,
        ShifterRole::Contrast,
        ShifterRole::Hedges,
    ][usize::from(pick) % 4];
    let lines = text.split('\n').count();
    match ShifterLexicon::parse("fuzz", text, role) {
        Ok(lex) => {
            for (term, _, line) in &lex.cues {
                assert!(!term.trim().is_empty(), "empty shifter on line {line}");
                assert!(*line >= 1 && *line <= lines, "cue line {line} of {lines}");
            }
        }
        Err(e) => assert!(e.line <= lines, "error line {} of {lines}: {e}", e.line),
    }
}

/// The speech-verb list of the quotes stage (`form<TAB>class`): errors name a
/// line; an accepted list matches within bounds and finds quotes in the probe
/// article and in the file's own text with the checks of [`check_quotes`].
pub fn run_lexicon_speech_verbs(data: &[u8]) {
    use stance_analysis::quotes::SpeechVerbs;
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = text.split('\n').count();
    let verbs = match SpeechVerbs::parse("fuzz", text) {
        Ok(v) => v,
        Err(e) => {
            assert!(e.line <= lines, "error line {} of {lines}: {e}", e.line);
            return;
        }
    };
    let words: Vec<&str> = text.split_whitespace().take(64).collect();
    for i in 0..words.len() {
        if let Some((n, _)) = verbs.match_at(&words[i..]) {
            assert!(n >= 1 && i + n <= words.len(), "match of {n} words at {i}");
        }
    }
    static GAZETTEER: OnceLock<stance_analysis::actors::Gazetteer> = OnceLock::new();
    let gazetteer = GAZETTEER
        .get_or_init(|| stance_analysis::actors::Gazetteer::builtin().expect("built-in gazetteer"));
    for probe in [PROBE, text] {
        let Ok(article) = Article::parse(ArticleId("fuzz".into()), probe.to_string()) else {
            continue;
        };
        let actors = stance_analysis::actors::find(&article, gazetteer);
        let quotes = stance_analysis::quotes::find(&article, &actors, &verbs);
        let analysis = stance_analysis::ArticleAnalysis {
            actors,
            quotes,
            ..Default::default()
        };
        check_quotes(&article, &analysis);
    }
}

/// Actor portrayals and quote stances: parallel to actors and quotes, every
/// score finite and in [-1, 1], evidence in the text.
pub fn check_portrayals(article: &Article, analysis: &stance_analysis::ArticleAnalysis) {
    let text = article.text();
    let n_actors = analysis.actors.actors.len();
    assert_eq!(
        analysis.portrayals.len(),
        n_actors,
        "one portrayal per actor"
    );
    for (i, p) in analysis.portrayals.iter().enumerate() {
        assert_eq!(p.actor, i, "portrayals are parallel to actors");
        for x in [p.sentiment, p.sentiment_reporter, p.sentiment_quoted]
            .into_iter()
            .flatten()
        {
            check_range(x, -1.0, 1.0, "portrayal");
        }
        for &s in &p.evidence_sentences {
            assert!(s < article.sentences().len(), "portrayal sentence {s}");
        }
    }
    assert_eq!(
        analysis.quote_stances.len(),
        analysis.quotes.len(),
        "one stance per quote"
    );
    for (i, q) in analysis.quote_stances.iter().enumerate() {
        assert_eq!(q.quote, i, "quote stances are parallel to quotes");
        check_range(q.sentiment, -1.0, 1.0, "quote sentiment");
        for t in &q.targets {
            assert!(t.actor < n_actors, "quote target {} is no actor", t.actor);
            check_range(t.score, -1.0, 1.0, "quote target score");
            for e in &t.evidence {
                check_span(text, *e, "quote target evidence");
            }
        }
    }
}
