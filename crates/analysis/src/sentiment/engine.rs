//! The scoring engine: match terms, find clauses, apply shifters, squash.

use std::ops::Range;
use std::path::Path;

use stance_core::{Article, Span, TokenKind, Tokens};

use super::builtin;
use super::config::SentimentConfig;
use super::formats::{LexiconFormat, LexiconInfo, SentimentLexicon};
use super::intern::Interner;
use super::matcher::{Matcher, Memo, Words};
use super::shifters::{ContrastKind, Cue, ShifterLexicon};
use super::types::{
    ArticleSentiment, Evidence, Multiplier, Reason, SentenceSentiment, TargetItem, TargetScore,
    Tone,
};
use crate::lexicon::LexiconError;

/// The words [`is_clause_word`] accepts (its `match` lists them again, for
/// speed; a test keeps the two in step).
const CLAUSE_WORDS: [&str; 17] = [
    "and", "or", "but", "yet", "while", "whereas", "although", "though", "because", "however",
    "which", "who", "whom", "whose", "unless", "despite", "whereby",
];

/// Per length, bit `c - b'a'` for the first byte `c` of every clause word
/// of that length.
const CLAUSE_FIRST: [u32; 9] = {
    let mut bits = [0u32; 9];
    let mut i = 0;
    while i < CLAUSE_WORDS.len() {
        let w = CLAUSE_WORDS[i].as_bytes();
        bits[w.len()] |= 1 << (w[0] - b'a');
        i += 1;
    }
    bits
};

/// Words that open a new clause besides contrast cues and punctuation (one
/// `match`: this runs on every word). Length and first byte are tested
/// first, on one bit: most words ("the", "to", "that") fail there without
/// comparing strings. That test is inlined into the sentence loop and the
/// string `match` kept out of line: as one out-of-line function it cost a
/// call on ~200,000 words of c1, most of them rejected by the bit.
#[inline(always)]
fn is_clause_word(word: &str) -> bool {
    let b = word.as_bytes();
    let bits = CLAUSE_FIRST.get(b.len()).copied().unwrap_or(0);
    let c = b.first().map_or(u8::MAX, |&c| c.wrapping_sub(b'a'));
    c < 26 && bits >> c & 1 != 0 && is_listed_clause_word(word)
}

/// The string comparisons of [`is_clause_word`], for the words that pass its bit test.
#[inline(never)]
fn is_listed_clause_word(word: &str) -> bool {
    matches!(
        word,
        "and"
            | "or"
            | "but"
            | "yet"
            | "while"
            | "whereas"
            | "although"
            | "though"
            | "because"
            | "however"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "unless"
            | "despite"
            | "whereby"
    )
}

/// Relative pronouns: a clause they open right after a target describes the target.
const RELATIVES: &[&str] = &["who", "which", "whose", "whom", "that"];

/// Speech and reporting verbs: a target right before one ("Smith said"), or
/// right after one that follows a comma or quote ("..., said Smith"), is the
/// source of what the sentence reports. One `match` rather than a list
/// search: this runs for every scored term.
fn is_speech_verb(word: &str) -> bool {
    matches!(
        word,
        "acknowledged"
            | "added"
            | "adds"
            | "announced"
            | "argued"
            | "argues"
            | "asked"
            | "asks"
            | "believes"
            | "claimed"
            | "claims"
            | "conceded"
            | "concedes"
            | "contended"
            | "contends"
            | "continued"
            | "countered"
            | "declared"
            | "emphasized"
            | "explained"
            | "explains"
            | "insisted"
            | "insists"
            | "maintained"
            | "maintains"
            | "noted"
            | "notes"
            | "observed"
            | "predicted"
            | "recalled"
            | "remarked"
            | "replied"
            | "responded"
            | "said"
            | "say"
            | "says"
            | "stated"
            | "stressed"
            | "suggested"
            | "suggests"
            | "testified"
            | "thinks"
            | "told"
            | "tells"
            | "tweeted"
            | "warned"
            | "warns"
            | "wrote"
            | "writes"
    )
}

/// Punctuation that ends a clause.
/// Nouns of harm that take what they harm after "to" or "for".
fn is_harm_noun(word: &str) -> bool {
    matches!(
        word,
        "threat"
            | "threats"
            | "risk"
            | "risks"
            | "danger"
            | "dangers"
            | "damage"
            | "harm"
            | "blow"
            | "obstacle"
            | "obstacles"
            | "consequences"
            | "setback"
            | "menace"
            | "affront"
    )
}

/// The harm a term starting at token `start` is the object of: a harm noun
/// and "to"/"for" right before the term or one or two words before it ("a
/// threat to regional peace"), all after `first`, the sentence's first token.
/// Its span runs from the noun to the preposition.
fn harm_before(tokens: &Tokens, first: usize, start: usize) -> Option<Span> {
    let toks = tokens.as_slice();
    for p in (first + 1..start).rev().take(3) {
        let t = &toks[p];
        if t.kind == TokenKind::Punct {
            return None;
        }
        if matches!(tokens.norm(t), "to" | "for") {
            let head = &toks[p - 1];
            return is_harm_noun(tokens.norm(head)).then(|| Span::new(head.span.start, t.span.end));
        }
    }
    None
}

fn is_boundary_punct(norm: &str) -> bool {
    matches!(
        norm,
        "," | ";"
            | ":"
            | "("
            | ")"
            | "["
            | "]"
            | "\u{2014}"
            | "\u{2013}"
            | "-"
            | "."
            | "!"
            | "?"
            | "\u{2026}"
    )
}

#[derive(Clone, Debug)]
enum Payload {
    Neutral,
    Sentiment {
        weight: f64,
        lexicon: u16,
        term: &'static str,
    },
    Cue(Cue),
}

/// Builds a [`SentimentEngine`].
#[derive(Clone, Debug)]
pub struct SentimentEngineBuilder {
    builtin: bool,
    lexicons: Vec<SentimentLexicon>,
    config: SentimentConfig,
}

impl Default for SentimentEngineBuilder {
    fn default() -> Self {
        SentimentEngineBuilder {
            builtin: true,
            lexicons: Vec::new(),
            config: SentimentConfig::default(),
        }
    }
}

impl SentimentEngineBuilder {
    /// A builder with the built-in lexicons and the default configuration.
    pub fn new() -> SentimentEngineBuilder {
        SentimentEngineBuilder::default()
    }

    /// Whether to load the built-in sentiment lexicons. Default `true`.
    /// The shifter lexicons (negators, intensifiers, contrast, hedges) are always loaded.
    pub fn builtin_lexicons(&mut self, yes: bool) -> &mut Self {
        self.builtin = yes;
        self
    }

    /// Adds a parsed lexicon after the built-in ones; on a shared term the
    /// lexicon added last wins. Default: none.
    pub fn add_lexicon(&mut self, lexicon: SentimentLexicon) -> &mut Self {
        self.lexicons.push(lexicon);
        self
    }

    /// Reads a lexicon file (format detected when `format` is `None`) and adds it.
    pub fn add_path(
        &mut self,
        path: &Path,
        format: Option<LexiconFormat>,
    ) -> Result<&mut Self, LexiconError> {
        let lex = SentimentLexicon::from_path(path, format)?;
        Ok(self.add_lexicon(lex))
    }

    /// Sets the model constants. Default [`SentimentConfig::default`].
    pub fn config(&mut self, config: SentimentConfig) -> &mut Self {
        self.config = config;
        self
    }

    /// Parses the built-in lexicons and compiles every term into one matcher.
    pub fn build(&self) -> Result<SentimentEngine, LexiconError> {
        let mut sentiment: Vec<SentimentLexicon> = Vec::new();
        if self.builtin {
            for (origin, text) in builtin::SENTIMENT {
                sentiment.push(SentimentLexicon::parse(
                    origin,
                    text,
                    LexiconFormat::Native,
                )?);
            }
        }
        sentiment.extend(self.lexicons.iter().cloned());
        let mut shifters = Vec::new();
        for (origin, text, role) in builtin::SHIFTERS {
            shifters.push(ShifterLexicon::parse(origin, text, *role)?);
        }
        // Later entries override earlier ones on the same term; cues beat sentiment terms.
        let mut terms: crate::fast::HashMap<String, Payload> = crate::fast::HashMap::default();
        terms.reserve(sentiment.iter().map(|l| l.entries.len()).sum());
        let mut order: Vec<String> = Vec::new();
        let mut names = Vec::new();
        let mut strings = Interner::lock();
        strings.reserve(sentiment.iter().map(|l| l.entries.len() + 1).sum());
        for (i, lex) in sentiment.iter().enumerate() {
            names.push(strings.intern(&lex.info.name));
            for e in &lex.entries {
                if e.weight == 0.0 {
                    // A neutral entry: matched, so it blocks shorter entries
                    // and inflection fallbacks ("according" is not "accord").
                    if terms.insert(e.term.clone(), Payload::Neutral).is_none() {
                        order.push(e.term.clone());
                    }
                    continue;
                }
                let p = Payload::Sentiment {
                    weight: e.weight,
                    lexicon: i as u16,
                    term: strings.intern(&e.term),
                };
                if terms.insert(e.term.clone(), p).is_none() {
                    order.push(e.term.clone());
                }
            }
        }
        for lex in &shifters {
            for (term, cue, _) in &lex.cues {
                if terms.insert(term.clone(), Payload::Cue(*cue)).is_none() {
                    order.push(term.clone());
                }
            }
        }
        let mut matcher = Matcher::default();
        matcher.reserve(order.len());
        for term in &order {
            if let Some(p) = terms.remove(term) {
                matcher.add(term, p);
            }
        }
        // Compile the inflection table now, so start-up pays for it and not
        // the first article a worker happens to score.
        matcher.compile();
        let mut lexicons: Vec<LexiconInfo> = sentiment.into_iter().map(|l| l.info).collect();
        lexicons.extend(shifters.into_iter().map(|l| l.info));
        Ok(SentimentEngine {
            matcher,
            names,
            lexicons,
            config: self.config,
        })
    }
}

/// Scores sentences, documents and targets. Built once, `Send + Sync`.
#[derive(Clone, Debug)]
pub struct SentimentEngine {
    matcher: Matcher<Payload>,
    names: Vec<&'static str>,
    lexicons: Vec<LexiconInfo>,
    config: SentimentConfig,
}

/// A unit's term is the engine's interned copy: no copy per match.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum UnitKind {
    Sentiment {
        weight: f64,
        lexicon: u16,
        term: &'static str,
    },
    Cue(Cue),
    Word,
    Punct,
}

/// A run of tokens scored as one: a matched entry, a cue, a word or a
/// punctuation mark; `clause` counts the clauses before it in its range.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Unit {
    tokens: Range<usize>,
    kind: UnitKind,
    clause: u32,
}

impl SentimentEngine {
    /// An engine with the built-in lexicons and default configuration.
    pub fn builtin() -> Result<SentimentEngine, LexiconError> {
        SentimentEngineBuilder::new().build()
    }

    /// Name, version and hash of every lexicon loaded, sentiment lexicons first.
    pub fn lexicons(&self) -> &[LexiconInfo] {
        &self.lexicons
    }

    /// The model constants.
    pub fn config(&self) -> &SentimentConfig {
        &self.config
    }

    /// Number of compiled terms and cues.
    pub fn len(&self) -> usize {
        self.matcher.len()
    }

    /// True when no term is loaded.
    pub fn is_empty(&self) -> bool {
        self.matcher.len() == 0
    }

    /// Scores every sentence of an article and its tone.
    pub fn article(&self, article: &Article) -> ArticleSentiment {
        let tokens = article.tokens();
        let sentences: Vec<SentenceSentiment> = article
            .sentences()
            .iter()
            .map(|s| self.sentence(article.text(), tokens, s.tokens.clone(), s.span))
            .collect();
        let tone = self.tone(&sentences);
        ArticleSentiment { tone, sentences }
    }

    /// Scores free text: splits it into sentences (one paragraph per line) and
    /// returns the sentences and tone, with the tokens the spans refer to.
    pub fn text(&self, text: &str) -> (ArticleSentiment, Tokens) {
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let end = start + line.len();
            if !line.trim().is_empty() {
                paragraphs.push(Span::new(start, end));
            }
            start = end;
        }
        let tokens = Tokens::new(text, &paragraphs);
        let spans = stance_core::segment::sentences(text, &paragraphs);
        // Sentences in text order: each one's tokens are searched for from
        // where the last one's ended, as `Article::parse` does.
        let mut next = 0;
        let sentences: Vec<SentenceSentiment> = spans
            .iter()
            .map(|&s| {
                let range = tokens.range_in_within(s, next..tokens.len());
                next = range.end;
                self.sentence(text, &tokens, range, s)
            })
            .collect();
        let tone = self.tone(&sentences);
        (ArticleSentiment { tone, sentences }, tokens)
    }

    /// Document tone: the squashed sum of every evidence item, scaled down
    /// once the text is longer than a few sentences:
    ///
    /// `tone = R' / sqrt(R'² + alpha)`, `R' = R * k / max(k, n)`,
    ///
    /// where `R` is the sum of all items' `raw` values,
    /// `n = n_opinionated + w · n_other` with `w` the
    /// [`SentimentConfig::neutral_sentence_weight`], and `k` is
    /// [`SentimentConfig::tone_window`]. A text of up to `k` sentences is
    /// scored as one unit; beyond that `R'` is the evidence per `k`
    /// sentences, so tone reflects how dense and strong the sentiment is, not
    /// how long the text is: 30 copies of a sentence score as 3 copies do.
    /// A sentence that opens with an adversative cue ("But ...") contrasts
    /// with the one before: its items count `contrast_after` times, the
    /// previous sentence's `contrast_before` times.
    pub fn tone(&self, sentences: &[SentenceSentiment]) -> Tone {
        let cfg = &self.config;
        let opinionated = sentences.iter().filter(|s| !s.evidence.is_empty()).count();
        let other = sentences.len() - opinionated;
        let n = opinionated as f64 + cfg.neutral_sentence_weight * other as f64;
        let mut raw = 0.0;
        for (i, s) in sentences.iter().enumerate() {
            let mut factor = 1.0;
            if i > 0 && s.opens_with_contrast {
                factor *= cfg.contrast_after;
            }
            if sentences.get(i + 1).is_some_and(|n| n.opens_with_contrast) {
                factor *= cfg.contrast_before;
            }
            raw += factor * s.evidence.iter().map(|e| e.raw).sum::<f64>();
        }
        let scaled = raw * cfg.tone_window / n.max(cfg.tone_window);
        let (score, _) = squash(scaled, cfg.alpha);
        Tone {
            score,
            label: cfg.thresholds.label(score),
            opinionated_sentences: opinionated,
            sentences: sentences.len(),
        }
    }

    /// Scores one sentence: the tokens `range` of `tokens`, which cover `span` of `text`.
    pub fn sentence(
        &self,
        text: &str,
        tokens: &Tokens,
        range: Range<usize>,
        span: Span,
    ) -> SentenceSentiment {
        self.score(text, tokens, range, span, None)
    }

    /// Scores the tokens `range` of a sentence already scored as `sentence`
    /// (a part of it: a quote's words), as [`SentimentEngine::sentence`]
    /// would score `range` alone, reusing the sentence's matches where they
    /// are provably the part's (see [`Known`]) instead of looking every word
    /// up again. `range` must lie inside `sentence.tokens`, and `sentence` be
    /// this engine's scoring of the same `tokens`.
    pub(crate) fn part(
        &self,
        text: &str,
        tokens: &Tokens,
        sentence: &SentenceSentiment,
        range: Range<usize>,
        span: Span,
    ) -> SentenceSentiment {
        let inside = sentence.tokens.start <= range.start && range.end <= sentence.tokens.end;
        self.score(text, tokens, range, span, inside.then_some(sentence))
    }

    /// [`SentimentEngine::sentence`], with the matches of an enclosing
    /// sentence's scoring to reuse, if any.
    fn score(
        &self,
        text: &str,
        tokens: &Tokens,
        range: Range<usize>,
        span: Span,
        known: Option<&SentenceSentiment>,
    ) -> SentenceSentiment {
        let Units {
            units,
            clause_starts,
            cues,
            quotes,
            continued,
            first_word,
            opens_with_contrast,
        } = self.units(tokens, range.clone(), known.map(Known::new));
        let toks = tokens.as_slice();
        let cfg = &self.config;
        let tspan =
            |r: &Range<usize>| Span::new(toks[r.start].span.start, toks[r.end - 1].span.end);
        let SentenceCues { question, bangs } = cues;
        // Asked for by the first term scored, if any.
        let mut word_cues: Option<WordCues> = None;
        // Adversative cues with a word before them, and concessive clauses.
        let mut adversative: Vec<(usize, Span)> = Vec::new();
        let mut concessive_clauses: Vec<(u32, Span)> = Vec::new();
        let mut hedges: Vec<(u32, f64, Span)> = Vec::new();
        for u in &units {
            match u.kind {
                // A word before the cue: it is not the first word's unit.
                UnitKind::Cue(Cue::Contrast(ContrastKind::Adversative))
                    if u.tokens.start > first_word =>
                {
                    adversative.push((u.tokens.start, tspan(&u.tokens)));
                }
                UnitKind::Cue(Cue::Contrast(ContrastKind::Concessive)) => {
                    concessive_clauses.push((u.clause, tspan(&u.tokens)));
                }
                UnitKind::Cue(Cue::Hedge(f)) => hedges.push((u.clause, f, tspan(&u.tokens))),
                _ => {}
            }
        }

        let mut evidence = Vec::new();
        let mut pending: Vec<(usize, Span)> = Vec::new(); // negators: (token end, span)
        let mut clause = 0u32;
        for (j, u) in units.iter().enumerate() {
            if u.clause != clause {
                pending.clear();
                clause = u.clause;
            }
            let (weight, lexicon, term) = match &u.kind {
                UnitKind::Cue(Cue::Negator) => {
                    pending.push((u.tokens.end, tspan(&u.tokens)));
                    continue;
                }
                UnitKind::Sentiment {
                    weight,
                    lexicon,
                    term,
                } => (*weight, *lexicon, *term),
                _ => continue,
            };
            // A term inside a web address or e-mail address is not text
            // (":/" in "http://", "sick" in "sick.example.com").
            if in_address(text, tspan(&u.tokens)) {
                continue;
            }
            let mut mults = Vec::new();
            // Intensifiers: walk back over nearby cues in the clause.
            let mut k = j;
            while k > 0 {
                k -= 1;
                let v = &units[k];
                if v.clause != u.clause || u.tokens.start - v.tokens.end > cfg.intensifier_window {
                    break;
                }
                match v.kind {
                    UnitKind::Cue(Cue::Intensifier(f)) => mults.push(Multiplier {
                        reason: Reason::Intensifier,
                        factor: f,
                        cue: Some(tspan(&v.tokens)),
                    }),
                    UnitKind::Sentiment { .. } | UnitKind::Punct => break,
                    _ => {}
                }
            }
            // "a threat to peace", "consequences for global stability": the
            // positive term is what is harmed, which is bad news.
            if weight > 0.0 {
                if let Some(cue) = harm_before(tokens, range.start, u.tokens.start) {
                    mults.push(Multiplier {
                        reason: Reason::HarmedObject,
                        factor: cfg.harmed_object,
                        cue: Some(cue),
                    });
                }
            }
            // Negation: every pending negator within the window.
            // How many negators are within reach, and the nearest (no Vec: this runs per term).
            let (count, last) = pending
                .iter()
                .filter(|(end, _)| u.tokens.start - end <= cfg.negation_window)
                .fold((0usize, None), |(n, _), &(_, s)| (n + 1, Some(s)));
            pending.clear();
            if count % 2 == 1 {
                let factor = if weight > 0.0 {
                    cfg.negated_positive
                } else {
                    cfg.negated_negative
                };
                mults.push(Multiplier {
                    reason: Reason::Negation,
                    factor,
                    cue: last,
                });
            } else if count > 0 {
                let cue = last;
                mults.push(Multiplier {
                    reason: Reason::DoubleNegation,
                    factor: cfg.double_negation,
                    cue,
                });
            }
            for &(c, f, s) in &hedges {
                if c == u.clause {
                    mults.push(Multiplier {
                        reason: Reason::Hedge,
                        factor: f,
                        cue: Some(s),
                    });
                }
            }
            if let Some(&(_, s)) = adversative.iter().rev().find(|(p, _)| *p < u.tokens.start) {
                mults.push(Multiplier {
                    reason: Reason::ContrastAfter,
                    factor: cfg.contrast_after,
                    cue: Some(s),
                });
            }
            if let Some(&(_, s)) = adversative.iter().find(|(p, _)| *p >= u.tokens.end) {
                mults.push(Multiplier {
                    reason: Reason::ContrastBefore,
                    factor: cfg.contrast_before,
                    cue: Some(s),
                });
            }
            if let Some(&(_, s)) = concessive_clauses.iter().find(|(c, _)| *c == u.clause) {
                mults.push(Multiplier {
                    reason: Reason::Concessive,
                    factor: cfg.concessive,
                    cue: Some(s),
                });
            }
            if question {
                mults.push(Multiplier {
                    reason: Reason::Question,
                    factor: cfg.question,
                    cue: None,
                });
            }
            if bangs > 0 {
                let factor = 1.0 + cfg.exclamation * bangs.min(3) as f64;
                mults.push(Multiplier {
                    reason: Reason::Exclamation,
                    factor,
                    cue: None,
                });
            }
            let surface = tspan(&u.tokens).slice(text);
            // The tests below are pure, and each is asked only once those
            // before it hold, the cheapest and most often false first: most
            // terms are in lower case, so the sentence's word cues and the
            // look back for the sentence start are seldom needed.
            let mut cues =
                || *word_cues.get_or_insert_with(|| WordCues::of(text, &toks[range.clone()]));
            // At the start of a sentence a capitalised term is a name when a
            // speech verb follows it ("Moody says ...").
            let named = || {
                let opens = (range.start..u.tokens.start)
                    .rev()
                    .map(|i| &toks[i])
                    .find(|t| {
                        !matches!(
                            tokens.norm(t),
                            "\"" | "\u{201c}" | "'" | "\u{2018}" | "(" | "-" | "\u{2014}"
                        ) && !is_markup(text, t.span)
                    })
                    .is_none_or(|t| matches!(tokens.norm(t), "." | ":" | "!" | "?" | ";"));
                !opens
                    || toks
                        .get(u.tokens.end)
                        .is_some_and(|t| u.tokens.end < range.end && is_speech_verb(tokens.norm(t)))
            };
            // A capitalised term inside a sentence that is not in title case
            // is most likely part of a name ("Justice Department", "Hope Hicks").
            if toks[u.tokens.clone()]
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .all(|t| {
                    let w = t.span.slice(text);
                    crate::fast::starts_upper(w) && w.chars().any(char::is_lowercase)
                })
                && {
                    let c = cues();
                    let title_case = c.capitalised * 2 > c.words;
                    !title_case && c.has_lower
                }
                && named()
            {
                mults.push(Multiplier {
                    reason: Reason::ProperName,
                    factor: cfg.proper_name,
                    cue: None,
                });
            }
            if !surface.chars().any(char::is_lowercase)
                && surface.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && cues().has_lower
            {
                mults.push(Multiplier {
                    reason: Reason::Emphasis,
                    factor: cfg.emphasis,
                    cue: None,
                });
            }
            let raw = mults.iter().fold(weight, |acc, m| acc * m.factor);
            evidence.push(Evidence {
                span: tspan(&u.tokens),
                tokens: u.tokens.clone(),
                entry: term,
                lexicon: self
                    .names
                    .get(lexicon as usize)
                    .copied()
                    .unwrap_or_default(),
                base: weight,
                multipliers: mults,
                raw,
                contribution: 0.0,
                clause: u.clause,
            });
        }
        let sum: f64 = evidence.iter().map(|e| e.raw).sum();
        let (score, scale) = squash(sum, cfg.alpha);
        for e in &mut evidence {
            e.contribution = e.raw * scale;
        }
        SentenceSentiment {
            span,
            quotes,
            tokens: range,
            score,
            label: cfg.thresholds.label(score),
            evidence,
            clause_starts,
            contrasts: adversative.iter().map(|(t, _)| *t).collect(),
            opens_with_contrast,
            continued,
            units,
        }
    }

    /// Sentiment toward `target` (bytes of a mention inside `sentence`).
    ///
    /// Each of the sentence's evidence items, without its contrast
    /// multipliers ([`Evidence::local_raw`]), is weighed by its distance to the
    /// target ([`super::TargetConfig`]): same clause and near words count most,
    /// so "Seoul praised Tokyo but condemned Pyongyang" is positive toward
    /// Tokyo and negative toward Pyongyang. Costs one pass over the sentence's
    /// evidence; `tokens` must be the tokens the sentence was scored on.
    pub fn toward(
        &self,
        tokens: &Tokens,
        sentence: &SentenceSentiment,
        target: Span,
    ) -> TargetScore {
        let mut items = Vec::with_capacity(sentence.evidence.len());
        let sum = self.weigh(tokens, sentence, target, |evidence, weight, local| {
            items.push(TargetItem {
                evidence,
                weight,
                contribution: weight * local,
            });
        });
        let (score, scale) = squash(sum, self.config.alpha);
        for it in &mut items {
            it.contribution *= scale;
        }
        TargetScore {
            score,
            label: self.config.target.thresholds.label(score),
            items,
        }
    }

    /// The `score` of [`SentimentEngine::toward`] alone, without listing the
    /// weighed items: stance asks for it for every mention in a sentence
    /// with evidence, and reads nothing else.
    pub(crate) fn toward_score(
        &self,
        tokens: &Tokens,
        sentence: &SentenceSentiment,
        target: Span,
    ) -> f64 {
        let sum = self.weigh(tokens, sentence, target, |_, _, _| {});
        squash(sum, self.config.alpha).0
    }

    /// Weighs each evidence item of `sentence` toward `target` (see
    /// [`SentimentEngine::toward`]), handing `item` its index, weight and
    /// local raw value in order; returns the sum of weight times local raw.
    fn weigh(
        &self,
        tokens: &Tokens,
        sentence: &SentenceSentiment,
        target: Span,
        mut item: impl FnMut(usize, f64, f64),
    ) -> f64 {
        let cfg = &self.config.target;
        let mut tr = tokens.range_in_within(target, sentence.tokens.clone());
        if tr.is_empty() {
            let at = tokens
                .first_at_or_after(target.start)
                .min(sentence.tokens.end.saturating_sub(1));
            tr = at..at + 1;
        }
        let toks = tokens.as_slice();
        let norm = |i: usize| toks.get(i).map(|t| tokens.norm(t)).unwrap_or("");
        let tclause = sentence.clause_of(tr.start);
        // A relative clause opened right after the target describes it.
        let mut next = tr.end;
        if norm(next) == "," {
            next += 1;
        }
        let relative_clause = (next < sentence.tokens.end && RELATIVES.contains(&norm(next)))
            .then(|| sentence.clause_of(next))
            .filter(|&c| c != tclause);
        // A possessive target owns the phrase after it ("Trump's failed policy").
        let possessive_end = if norm(tr.end - 1).ends_with("'s") || norm(tr.end) == "'s" {
            tr.end + 3
        } else {
            tr.end
        };
        // The target is the source of a report: "Smith said", "..., said
        // Smith", "according to Smith".
        let first = sentence.tokens.start;
        let speech = |i: usize| is_speech_verb(norm(i));
        let speaker = (next < sentence.tokens.end && speech(next))
            || (tr.start >= first + 2
                && speech(tr.start - 1)
                && matches!(norm(tr.start - 2), "," | "\"" | "\u{201d}"))
            || (tr.start >= first + 2
                && norm(tr.start - 2) == "according"
                && norm(tr.start - 1) == "to");
        let mut sum = 0.0;
        for (i, e) in sentence.evidence.iter().enumerate() {
            let weight = if e.tokens.start < possessive_end && e.tokens.end > tr.start {
                cfg.inside
            } else {
                let (d, side) = if e.tokens.end <= tr.start {
                    (tr.start - e.tokens.end, cfg.before)
                } else {
                    (e.tokens.start.saturating_sub(tr.end), cfg.after)
                };
                let dc = if Some(e.clause) == relative_clause {
                    0
                } else {
                    e.clause.abs_diff(tclause)
                };
                let (lo, hi) = if e.tokens.end <= tr.start {
                    (e.tokens.end, tr.start)
                } else {
                    (tr.end, e.tokens.start)
                };
                let quoted = sentence.quote_of(e.tokens.start) != sentence.quote_of(tr.start);
                let across = sentence
                    .contrasts
                    .iter()
                    .filter(|&&c| lo <= c && c < hi)
                    .count();
                (-(d as f64) / cfg.decay).exp()
                    * cfg.other_clause.powi(dc as i32)
                    * cfg.across_contrast.powi(across as i32)
                    * if quoted { cfg.across_quote } else { 1.0 }
                    * if speaker { cfg.speaker } else { 1.0 }
                    * side
            };
            let local = e.local_raw();
            sum += weight * local;
            item(i, weight, local);
        }
        sum
    }

    /// Splits a sentence into units (matched terms, cues, words, punctuation)
    /// with clause indices; returns the units, the token index where each
    /// clause starts, the sentence-wide cues and the quotes, gathered in the
    /// same pass over the tokens.
    ///
    /// A word that no entry matches (most words) is a unit of one token that
    /// scoring skips, so it is not listed: scoring walks a few units per
    /// sentence rather than one per token. What scoring needs from those
    /// words, where the first word is, is returned on the side.
    fn units(&self, tokens: &Tokens, range: Range<usize>, known: Option<Known<'_>>) -> Units {
        self.matcher
            .with_memo(|memo| self.units_with(memo, tokens, range, known))
    }

    /// [`SentimentEngine::units`], with the matcher's memo of this thread.
    fn units_with(
        &self,
        memo: &mut Memo,
        tokens: &Tokens,
        range: Range<usize>,
        mut known: Option<Known<'_>>,
    ) -> Units {
        let toks = &tokens.as_slice()[range.clone()];
        // Punctuation and matched words: about a third of the tokens.
        let mut units = Vec::with_capacity(toks.len() / 2);
        let mut first_word = usize::MAX;
        let mut opens_with_contrast = false;
        // Most sentences have no entry of several words: no allocation.
        let mut continued = Vec::new();
        let mut cues = SentenceCues::default();
        let mut quotes = Quotes::new(range.start);
        let mut clause = 0u32;
        // Room for the clauses of most sentences: one allocation, no growth.
        let mut clause_starts = Vec::with_capacity(8);
        clause_starts.push(range.start);
        let mut clause_has_words = false;
        let mut i = 0;
        while i < toks.len() {
            let at = range.start + i;
            let norm = tokens.norm(&toks[i]);
            if toks[i].kind == TokenKind::Punct {
                cues.punct(norm);
                quotes.punct(at, norm);
                units.push(Unit {
                    tokens: at..at + 1,
                    kind: UnitKind::Punct,
                    clause,
                });
                if is_boundary_punct(norm) && clause_has_words {
                    clause += 1;
                    clause_has_words = false;
                    clause_starts.push(at + 1);
                }
                i += 1;
                continue;
            }
            let reused = known.as_mut().and_then(|k| k.unit_at(at, range.end - at));
            let found = match reused {
                Some(found) => found,
                None => self.find(memo, tokens, norm, &toks[i + 1..]),
            };
            let Found::Unit(len, kind) = found else {
                // Most words: one token that matched nothing. What the
                // general case below does for them, without its loop over
                // the unit's tokens and its tests for cues.
                if clause_has_words && is_clause_word(norm) {
                    clause += 1;
                    clause_starts.push(at);
                }
                clause_has_words = true;
                if first_word == usize::MAX {
                    first_word = at;
                }
                i += 1;
                continue;
            };
            // A match of several words may cover punctuation ("well-known"
            // is one token, "u.s." one, but a pattern may span "," too).
            for (t, k) in toks[i..i + len].iter().zip(at..) {
                if t.kind == TokenKind::Punct {
                    let norm = tokens.norm(t);
                    cues.punct(norm);
                    quotes.punct(k, norm);
                }
            }
            let opens = matches!(kind, UnitKind::Cue(Cue::Contrast(_))) || is_clause_word(norm);
            if opens && clause_has_words {
                clause += 1;
                clause_starts.push(at);
            }
            clause_has_words = true;
            if first_word == usize::MAX {
                first_word = at;
                opens_with_contrast = matches!(
                    kind,
                    UnitKind::Cue(Cue::Contrast(ContrastKind::Adversative))
                );
            }
            if len > 1 {
                continued.extend(at + 1..at + len);
            }
            units.push(Unit {
                tokens: at..at + len,
                kind,
                clause,
            });
            i += len;
        }
        Units {
            units,
            clause_starts,
            cues,
            quotes: quotes.finish(range.end),
            continued,
            first_word,
            opens_with_contrast,
        }
    }

    /// The unit that starts at the word `norm`, followed by the tokens
    /// `rest` of its range: the longest entry matched there, or the word alone.
    #[inline]
    fn find(
        &self,
        memo: &mut Memo,
        tokens: &Tokens,
        norm: &str,
        rest: &[stance_core::Token],
    ) -> Found {
        let rest = TokenWords { tokens, toks: rest };
        match self.matcher.find_with(memo, norm, &rest) {
            Some((
                len,
                Payload::Sentiment {
                    weight,
                    lexicon,
                    term,
                },
            )) => Found::Unit(
                len,
                UnitKind::Sentiment {
                    weight: *weight,
                    lexicon: *lexicon,
                    term,
                },
            ),
            Some((len, Payload::Cue(cue))) => Found::Unit(len, UnitKind::Cue(*cue)),
            Some((1, Payload::Neutral)) => Found::Lone,
            Some((len, Payload::Neutral)) => Found::Unit(len, UnitKind::Word),
            None if norm.ends_with("n't") => Found::Unit(1, UnitKind::Cue(Cue::Negator)),
            None => Found::Lone,
        }
    }
}

/// What starts at a word: a unit to list, or the word alone, matched by
/// nothing (or by a neutral entry of one word), which scoring skips and
/// [`SentimentEngine::units`] does not list.
enum Found {
    Lone,
    /// A unit of this many tokens, and its kind.
    Unit(usize, UnitKind),
}

/// The units of an enclosing sentence's scoring, read while a part of it is
/// split: at a token where a unit of the sentence starts, the part's unit is
/// the sentence's whenever that unit ends inside the part.
///
/// Why this is exact. At a word, the sentence took the best match over the
/// tokens from there to its end; the part's candidates there are the
/// sentence's that end inside the part, compared in the same order, so the
/// sentence's best is also the part's when it fits (and when no entry
/// matched, none matches in the part either; the inflection and `n't`
/// fallbacks read the word alone). At a token inside a unit of several
/// tokens the sentence did not look, and the part looks the word up.
struct Known<'a> {
    /// The listed units (punctuation and matched words), by start.
    units: &'a [Unit],
    /// Tokens inside a unit of several tokens, ascending.
    continued: &'a [usize],
}

impl<'a> Known<'a> {
    fn new(sentence: &'a SentenceSentiment) -> Known<'a> {
        Known {
            units: &sentence.units,
            continued: &sentence.continued,
        }
    }

    /// The sentence's unit at word token `at`, if one starts there and has at
    /// most `room` tokens: its length and kind. Calls come with `at` ascending.
    fn unit_at(&mut self, at: usize, room: usize) -> Option<Found> {
        while self.continued.first().is_some_and(|&c| c < at) {
            self.continued = &self.continued[1..];
        }
        if self.continued.first() == Some(&at) {
            return None;
        }
        while self.units.first().is_some_and(|u| u.tokens.start < at) {
            self.units = &self.units[1..];
        }
        match self.units.first() {
            Some(u) if u.tokens.start == at => {
                let len = u.tokens.len();
                (len <= room).then(|| Found::Unit(len, u.kind.clone()))
            }
            // A word left out of the list: it matched nothing, alone.
            _ => Some(Found::Lone),
        }
    }
}

/// A sentence split into units, and what the split shows about it.
struct Units {
    units: Vec<Unit>,
    /// The token index where each clause starts.
    clause_starts: Vec<usize>,
    cues: SentenceCues,
    /// Token ranges inside quotation marks.
    quotes: Vec<Range<usize>>,
    /// Tokens that continue a unit of several tokens
    /// ([`SentenceSentiment::continued`]).
    continued: Vec<usize>,
    /// The token where the first unit that is not punctuation starts, or
    /// `usize::MAX`: an adversative cue after it has a word before it.
    first_word: usize,
    /// The first unit that is not punctuation is an adversative cue ("But ...").
    opens_with_contrast: bool,
}

/// The tokens of a sentence after a word, as the matcher reads them: a
/// token's normal form is looked up only when a pattern needs it.
struct TokenWords<'a> {
    tokens: &'a Tokens,
    toks: &'a [stance_core::Token],
}

impl<'a> Words<'a> for TokenWords<'a> {
    #[inline]
    fn count(&self) -> usize {
        self.toks.len()
    }

    #[inline]
    fn word(&self, i: usize) -> &'a str {
        self.tokens.norm(&self.toks[i])
    }
}

/// What the whole sentence's punctuation says about each of its terms:
/// whether it is a question, and its exclamation marks.
#[derive(Clone, Copy, Debug, Default)]
struct SentenceCues {
    /// The last punctuation mark (closing quotes and brackets aside) is "?".
    question: bool,
    bangs: usize,
}

/// What the whole sentence's words say about each of its terms: whether it
/// is in title case or in capitals (a capitalised term inside ordinary text
/// is likely a name).
///
/// Read only for a sentence with a term to score, in a pass of its own:
/// most sentences and quote parts have none, and gathering these in the
/// pass that finds the units cost ~40 instructions for every word.
#[derive(Clone, Copy, Debug, Default)]
struct WordCues {
    /// Some word has a lower-case letter.
    has_lower: bool,
    words: usize,
    /// Words that start with a capital letter.
    capitalised: usize,
}

impl WordCues {
    /// The cues of the word tokens of `toks`, in `text`.
    fn of(text: &str, toks: &[stance_core::Token]) -> WordCues {
        let mut cues = WordCues::default();
        for t in toks.iter().filter(|t| t.kind == TokenKind::Word) {
            // Once one word has a lower-case letter, no other is decoded.
            cues.has_lower = cues.has_lower || t.span.slice(text).chars().any(char::is_lowercase);
            cues.words += 1;
            cues.capitalised += usize::from(crate::fast::span_starts_upper(text, t.span));
        }
        cues
    }
}

impl SentenceCues {
    fn punct(&mut self, norm: &str) {
        if !matches!(
            norm,
            "\"" | "'" | "\u{201c}" | "\u{201d}" | ")" | "\u{2019}"
        ) {
            self.question = norm == "?";
        }
        if norm == "!" {
            self.bangs += 1;
        }
    }
}

/// Token ranges between quotation marks in a sentence, fed its punctuation
/// tokens in order by the pass that finds its units (a second pass over
/// every token of the sentence cost as much as the quotes are worth).
#[derive(Clone, Debug, Default)]
struct Quotes {
    /// The sentence's first token.
    start: usize,
    out: Vec<Range<usize>>,
    /// The token after the open quotation mark.
    open: Option<usize>,
    seen_close_first: bool,
}

impl Quotes {
    fn new(start: usize) -> Quotes {
        Quotes {
            start,
            ..Quotes::default()
        }
    }

    /// Punctuation token `i`.
    #[inline]
    fn punct(&mut self, i: usize, norm: &str) {
        match (norm, self.open) {
            ("\u{201c}" | "\"", None) => self.open = Some(i + 1),
            ("\u{201d}" | "\"", Some(start)) => {
                self.out.push(start..i);
                self.open = None;
            }
            ("\u{201d}", None) if !self.seen_close_first && self.out.is_empty() => {
                self.out.push(self.start..i);
                self.seen_close_first = true;
            }
            _ => {}
        }
    }

    /// The quotes, a quote left open running to token `end`.
    fn finish(self, end: usize) -> Vec<Range<usize>> {
        let mut out = self.out;
        if let Some(start) = self.open {
            out.push(start..end);
        }
        out
    }
}

/// The whitespace-delimited chunk of `text` around `span`.
///
/// Runs twice per scored term. Each side is read byte by byte while the
/// bytes are ASCII (a byte test for the ASCII characters that
/// `char::is_whitespace` accepts, instead of decoding every character);
/// the first byte that is not ASCII hands that side to the decoding search,
/// since Unicode has spaces of more than one byte.
fn chunk(text: &str, span: Span) -> &str {
    let b = text.as_bytes();
    let space = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    let mut start = span.start;
    while start > 0 && b[start - 1].is_ascii() && !space(b[start - 1]) {
        start -= 1;
    }
    if start > 0 && !b[start - 1].is_ascii() {
        start = text[..span.start]
            .rfind(char::is_whitespace)
            .map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
    }
    let mut end = span.end;
    while end < b.len() && b[end].is_ascii() && !space(b[end]) {
        end += 1;
    }
    if end < b.len() && !b[end].is_ascii() {
        end = text[span.end..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| span.end + i);
    }
    &text[start..end]
}

/// `c.contains("://")`, for chunks of a few bytes: a byte scan, without
/// setting up a substring searcher.
fn has_scheme(c: &str) -> bool {
    c.as_bytes().windows(3).any(|w| w == b"://")
}

/// True when `span` lies inside a web or e-mail address.
fn in_address(text: &str, span: Span) -> bool {
    let c = chunk(text, span);
    has_scheme(c)
        || c.starts_with("www.")
        || (c.contains('@') && c.contains('.') && !c.starts_with('@'))
}

/// True when the token at `span` is social-media markup that does not open or
/// continue a sentence: an @handle, a #hashtag, an address or an emoticon
/// ("@anna Sweet!!!" opens with "Sweet").
fn is_markup(text: &str, span: Span) -> bool {
    let c = chunk(text, span);
    c.starts_with('@')
        || c.starts_with('#')
        || has_scheme(c)
        || c.starts_with("www.")
        || (!c.is_empty() && !c.chars().any(char::is_alphanumeric))
}

/// `S / sqrt(S² + alpha)` and the factor that maps raw items onto it.
fn squash(sum: f64, alpha: f64) -> (f64, f64) {
    let score = sum / (sum * sum + alpha).sqrt();
    let scale = if sum == 0.0 {
        1.0 / alpha.sqrt()
    } else {
        score / sum
    };
    (score, scale)
}

#[cfg(test)]
mod tests {
    use super::{CLAUSE_WORDS, is_clause_word};
    use stance_core::Span;

    /// `chunk` finds the chunk the decoding search finds, ASCII or not.
    #[test]
    fn chunk_agrees_with_char_search() {
        let slow = |text: &str, span: Span| {
            let start = text[..span.start]
                .rfind(char::is_whitespace)
                .map_or(0, |i| {
                    i + text[i..].chars().next().map_or(1, char::len_utf8)
                });
            let end = text[span.end..]
                .find(char::is_whitespace)
                .map_or(text.len(), |i| span.end + i);
            text[start..end].to_string()
        };
        for text in [
            "see http://x.example/a sick",
            "caf\u{e9} sick\u{a0}day x",
            "\u{2003}sick\u{2003}",
            "a\tb\nsick\x0bc",
            "\u{85}sick\u{e9}s\u{3000}",
            "sick",
        ] {
            for (i, _) in text.char_indices() {
                for (j, _) in text[i..].char_indices().skip(1) {
                    let span = Span::new(i, i + j);
                    assert_eq!(
                        super::chunk(text, span),
                        slow(text, span),
                        "{text:?} {span:?}"
                    );
                }
            }
        }
    }

    /// The bit filter in front of the `match` lets every clause word through,
    /// and other words, however close, do not pass.
    #[test]
    fn clause_words_pass_their_filter() {
        for w in CLAUSE_WORDS {
            assert!(is_clause_word(w), "{w}");
        }
        for w in [
            "", "a", "the", "was", "with", "on", "whe", "Although", "ands", "\u{e9}",
        ] {
            assert!(!is_clause_word(w), "{w}");
        }
    }
}
