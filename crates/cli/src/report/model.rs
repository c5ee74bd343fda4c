//! The report schema: what one analysed article looks like in JSON, JSONL and
//! CSV. This is a documented contract (`docs/report-schema.md`); bump
//! [`SCHEMA_VERSION`] when a field changes meaning or disappears.

use serde::Serialize;
use stance_analysis::ArticleAnalysis;
use stance_core::{Article, Span};

use crate::input::Item;

/// Version of the report schema.
pub(crate) const SCHEMA_VERSION: &str = "1.0";

/// One article's report.
#[derive(Debug, Serialize)]
pub(crate) struct ArticleReport<'a> {
    pub(crate) schema_version: &'static str,
    pub(crate) id: &'a str,
    pub(crate) source_path: &'a str,
    pub(crate) source_line: Option<u64>,
    pub(crate) title: Option<&'a str>,
    pub(crate) byline: Option<&'a str>,
    pub(crate) date: Option<String>,
    pub(crate) place: Option<&'a str>,
    pub(crate) source: Option<&'a str>,
    pub(crate) url: Option<&'a str>,
    pub(crate) counts: Counts,
    pub(crate) tone: Option<Tone>,
    pub(crate) actors: Vec<ActorReport<'a>>,
    pub(crate) quotes: Vec<QuoteReport<'a>>,
    pub(crate) relations: Vec<RelationReport<'a>>,
    pub(crate) warnings: Vec<String>,
    pub(crate) metadata: serde_json::Map<String, serde_json::Value>,
    pub(crate) lexicons: &'a [LexiconRef],
    /// Present only when `--stages` left stages out: the ones that ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) stages: Option<Vec<&'static str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) sentences: Option<Vec<SentenceReport<'a>>>,
}

/// Which lexicon produced a report.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct LexiconRef {
    pub(crate) name: String,
    pub(crate) version: Option<String>,
    pub(crate) hash: String,
}

impl LexiconRef {
    /// Every sentiment lexicon `analyzer` uses, in load order.
    pub(crate) fn all(analyzer: &stance_analysis::Analyzer) -> Vec<LexiconRef> {
        analyzer
            .lexicons()
            .iter()
            .map(|l| LexiconRef {
                name: l.name.clone(),
                version: l.version.clone(),
                hash: l.hash.clone(),
            })
            .collect()
    }
}

/// One sentence's sentiment with its evidence (`--evidence`).
#[derive(Debug, Serialize)]
pub(crate) struct SentenceReport<'a> {
    pub(crate) span: CharSpan,
    pub(crate) score: f64,
    pub(crate) label: &'static str,
    pub(crate) evidence: Vec<EvidenceReport<'a>>,
}

/// One lexicon term's contribution to a sentence score.
#[derive(Debug, Serialize)]
pub(crate) struct EvidenceReport<'a> {
    pub(crate) text: &'a str,
    pub(crate) span: CharSpan,
    pub(crate) entry: &'a str,
    pub(crate) lexicon: &'a str,
    pub(crate) base: f64,
    pub(crate) multipliers: Vec<MultiplierReport<'a>>,
    pub(crate) contribution: f64,
}

#[derive(Debug, Serialize)]
pub(crate) struct MultiplierReport<'a> {
    pub(crate) reason: stance_analysis::sentiment::Reason,
    pub(crate) factor: f64,
    pub(crate) cue: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Counts {
    pub(crate) paragraphs: usize,
    pub(crate) sentences: usize,
    pub(crate) words: usize,
}

#[derive(Debug, Serialize)]
pub(crate) struct Tone {
    pub(crate) score: f64,
    pub(crate) label: &'static str,
}

#[derive(Debug, Serialize)]
pub(crate) struct ActorReport<'a> {
    pub(crate) id: &'a str,
    pub(crate) name: &'a str,
    pub(crate) kind: &'static str,
    pub(crate) role: Option<&'a str>,
    pub(crate) affiliation: Option<&'a str>,
    pub(crate) affiliation_name: Option<&'a str>,
    pub(crate) origin: stance_analysis::actors::Origin,
    pub(crate) mentions: usize,
    pub(crate) spans: Vec<CharSpan>,
    /// The distinct spellings of its mentions, in text order.
    pub(crate) forms: Vec<&'a str>,
    pub(crate) sentiment: Option<f64>,
    pub(crate) sentiment_reporter: Option<f64>,
    pub(crate) sentiment_quoted: Option<f64>,
    pub(crate) label: Option<&'static str>,
    pub(crate) evidence_sentences: &'a [usize],
}

/// A `[start, end)` pair of Unicode character offsets into the text as read.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
pub(crate) struct CharSpan(pub(crate) usize, pub(crate) usize);

impl CharSpan {
    pub(crate) fn of(article: &Article, span: Span) -> CharSpan {
        let (s, e) = article.char_span(span);
        CharSpan(s, e)
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct QuoteReport<'a> {
    pub(crate) id: usize,
    pub(crate) kind: &'static str,
    pub(crate) text: &'a str,
    pub(crate) span: CharSpan,
    pub(crate) cue: Option<&'a str>,
    pub(crate) cue_span: Option<CharSpan>,
    pub(crate) cue_class: Option<&'static str>,
    pub(crate) speaker: Option<SpeakerReport<'a>>,
    pub(crate) sentiment: Option<f64>,
    pub(crate) label: Option<&'static str>,
    pub(crate) targets: Vec<QuoteTargetReport<'a>>,
    pub(crate) rule: &'static str,
    pub(crate) confidence: f64,
}

#[derive(Debug, Serialize)]
pub(crate) struct SpeakerReport<'a> {
    pub(crate) id: Option<&'a str>,
    pub(crate) name: Option<&'a str>,
    pub(crate) mention: Option<&'a str>,
    pub(crate) mention_span: Option<CharSpan>,
    /// The members of a group speaker ("North Korea and China"), when the
    /// mention coordinates actors and `id` is therefore null; else empty.
    pub(crate) group: Vec<MemberReport<'a>>,
}

/// One member of a group speaker.
#[derive(Debug, Serialize)]
pub(crate) struct MemberReport<'a> {
    pub(crate) id: &'a str,
    pub(crate) name: &'a str,
}

#[derive(Debug, Serialize)]
pub(crate) struct QuoteTargetReport<'a> {
    pub(crate) id: &'a str,
    pub(crate) name: &'a str,
    pub(crate) score: f64,
    pub(crate) label: &'static str,
    pub(crate) evidence: Vec<&'a str>,
    pub(crate) evidence_spans: Vec<CharSpan>,
}

#[derive(Debug, Serialize)]
pub(crate) struct RelationReport<'a> {
    pub(crate) source: &'a str,
    pub(crate) source_name: &'a str,
    pub(crate) target: &'a str,
    pub(crate) target_name: &'a str,
    pub(crate) polarity: f64,
    pub(crate) intensity: f64,
    pub(crate) label: &'static str,
    pub(crate) class: &'a str,
    pub(crate) cues: Vec<&'a str>,
    pub(crate) cue_spans: Vec<CharSpan>,
    pub(crate) sentence: usize,
    pub(crate) sentence_span: CharSpan,
    pub(crate) evidence: &'a str,
    pub(crate) via: stance_analysis::stance::Via,
    pub(crate) negated: bool,
    pub(crate) rule: &'static str,
    pub(crate) confidence: f64,
}

/// How much of a report to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Detail {
    /// All of it: JSON, JSONL and text.
    Full,
    /// What the CSV tables print. Left empty: actors' spans and forms,
    /// quotes' targets, relations' cue spans, warnings and metadata, which
    /// cost a Vec each (a quarter of building the model) and are not printed.
    Tables,
}

impl<'a> ArticleReport<'a> {
    /// Builds the report of `item` from its analysis. Strings are borrowed
    /// from the article and the analysis: a report is rendered and dropped
    /// at once, so owning copies would only cost allocations.
    pub(crate) fn new(
        item: &'a Item,
        analysis: &'a ArticleAnalysis,
        options: &'a super::WriterOptions,
    ) -> ArticleReport<'a> {
        ArticleReport::with_detail(item, analysis, options, Detail::Full)
    }

    /// [`ArticleReport::new`], or only the parts the CSV tables print.
    pub(crate) fn with_detail(
        item: &'a Item,
        analysis: &'a ArticleAnalysis,
        options: &'a super::WriterOptions,
        detail: Detail,
    ) -> ArticleReport<'a> {
        let full = detail == Detail::Full;
        let article = &item.article;
        let meta = &article.meta;
        let actors = &analysis.actors.actors;
        ArticleReport {
            schema_version: SCHEMA_VERSION,
            id: &article.id.0,
            source_path: &item.source_path,
            source_line: item.source_line,
            title: meta.title.as_deref(),
            byline: meta.byline.as_deref(),
            date: meta.date.map(|d| d.to_string()),
            place: meta.place.as_deref(),
            source: meta.source.as_deref(),
            url: meta.url.as_deref(),
            counts: Counts {
                paragraphs: article.paragraphs().len(),
                sentences: article.sentences().len(),
                words: article.word_count(),
            },
            tone: options.stages.sentiment().then(|| Tone {
                score: round4(analysis.sentiment.tone.score),
                label: analysis.sentiment.tone.label.as_str(),
            }),
            actors: ActorReport::all(article, analysis, detail),
            quotes: analysis
                .quotes
                .iter()
                .map(|q| QuoteReport::new(article, analysis, q, detail))
                .collect(),
            relations: analysis
                .relations
                .iter()
                .map(|r| RelationReport::new(article, actors, r, detail))
                .collect(),
            warnings: if full {
                article.warnings().iter().map(ToString::to_string).collect()
            } else {
                Vec::new()
            },
            metadata: if full {
                meta.extra
                    .iter()
                    .map(|(k, v)| {
                        let value = serde_json::from_str(v)
                            .unwrap_or_else(|_| serde_json::Value::String(v.clone()));
                        (k.clone(), value)
                    })
                    .collect()
            } else {
                serde_json::Map::new()
            },
            lexicons: &options.lexicons,
            stages: (!options.stages.is_all()).then(|| options.stages.names()),
            sentences: (full && options.evidence).then(|| {
                analysis
                    .sentiment
                    .sentences
                    .iter()
                    .map(|s| SentenceReport::new(article, s))
                    .collect()
            }),
        }
    }
}

impl<'a> ActorReport<'a> {
    /// Every actor's report, in actor order.
    fn all(
        article: &'a Article,
        analysis: &'a ArticleAnalysis,
        detail: Detail,
    ) -> Vec<ActorReport<'a>> {
        let actors = &analysis.actors.actors;
        let mentions = &analysis.actors.mentions;
        // Each actor's mention spans in text order, grouped in one pass
        // (asking `mentions_of` per actor is actors × mentions on a long
        // article) by a counting sort into one buffer: actor `i` has
        // `grouped[start[i]..start[i + 1]]`. Mentions of no actor are dropped.
        let mut start = vec![0; actors.len() + 1];
        for m in mentions {
            if let Some(n) = start.get_mut(m.actor + 1) {
                *n += 1;
            }
        }
        for i in 0..actors.len() {
            start[i + 1] += start[i];
        }
        let mut grouped = Vec::new();
        if detail == Detail::Full {
            let mut next = start.clone();
            grouped = vec![Span::default(); start[actors.len()]];
            for m in mentions {
                if let Some(at) = next.get_mut(m.actor).filter(|_| m.actor < actors.len()) {
                    grouped[*at] = m.span;
                    *at += 1;
                }
            }
        }
        actors
            .iter()
            .enumerate()
            .map(|(i, actor)| {
                // None for `Detail::Tables`, which leaves spans and forms empty.
                let spans = grouped.get(start[i]..start[i + 1]).unwrap_or_default();
                let portrayal = analysis.portrayals.get(i);
                let mut forms: Vec<&str> = Vec::new();
                for &span in spans {
                    let form = article.slice(span);
                    if !forms.contains(&form) {
                        forms.push(form);
                    }
                }
                ActorReport {
                    id: &actor.id.0,
                    name: &actor.name,
                    kind: actor.kind.as_str(),
                    role: actor.role.as_deref(),
                    affiliation: actor.affiliation.as_ref().map(|a| a.0.as_str()),
                    affiliation_name: actor.affiliation_name.as_deref(),
                    origin: actor.origin,
                    mentions: start[i + 1] - start[i],
                    spans: spans.iter().map(|&s| CharSpan::of(article, s)).collect(),
                    forms,
                    sentiment: portrayal.and_then(|p| p.sentiment).map(round4),
                    sentiment_reporter: portrayal.and_then(|p| p.sentiment_reporter).map(round4),
                    sentiment_quoted: portrayal.and_then(|p| p.sentiment_quoted).map(round4),
                    label: portrayal.map(|p| p.label.as_str()),
                    evidence_sentences: portrayal.map_or(&[], |p| p.evidence_sentences.as_slice()),
                }
            })
            .collect()
    }
}

impl<'a> QuoteReport<'a> {
    fn new(
        article: &'a Article,
        analysis: &'a ArticleAnalysis,
        q: &'a stance_analysis::quotes::Quote,
        detail: Detail,
    ) -> QuoteReport<'a> {
        let actors = &analysis.actors.actors;
        let stance = analysis.quote_stances.get(q.id);
        let speaker_actor = q.speaker.map(|i| &actors[i]);
        let speaker =
            (q.speaker_mention.is_some() || speaker_actor.is_some()).then(|| SpeakerReport {
                id: speaker_actor.map(|a| a.id.0.as_str()),
                name: speaker_actor.map(|a| a.name.as_str()),
                mention: q.speaker_mention.map(|m| article.slice(m)),
                mention_span: q.speaker_mention.map(|m| CharSpan::of(article, m)),
                group: q
                    .group
                    .iter()
                    .map(|&i| MemberReport {
                        id: &actors[i].id.0,
                        name: &actors[i].name,
                    })
                    .collect(),
            });
        QuoteReport {
            id: q.id,
            kind: q.kind.as_str(),
            text: article.slice(q.span),
            span: CharSpan::of(article, q.span),
            cue: q.cue.map(|c| article.slice(c)),
            cue_span: q.cue.map(|c| CharSpan::of(article, c)),
            cue_class: q.cue_class.map(|c| c.as_str()),
            speaker,
            sentiment: stance.map(|s| round4(s.sentiment)),
            label: stance.map(|s| s.label.as_str()),
            targets: stance
                .filter(|_| detail == Detail::Full)
                .map(|s| {
                    s.targets
                        .iter()
                        .map(|t| QuoteTargetReport {
                            id: &actors[t.actor].id.0,
                            name: &actors[t.actor].name,
                            score: round4(t.score),
                            label: t.stance,
                            evidence: t.evidence.iter().map(|e| article.slice(*e)).collect(),
                            evidence_spans: t
                                .evidence
                                .iter()
                                .map(|e| CharSpan::of(article, *e))
                                .collect(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            rule: q.rule,
            confidence: round4(f64::from(q.confidence)),
        }
    }
}

impl<'a> RelationReport<'a> {
    fn new(
        article: &'a Article,
        actors: &'a [stance_analysis::actors::Actor],
        r: &'a stance_analysis::stance::Relation,
        detail: Detail,
    ) -> RelationReport<'a> {
        let (src, tgt) = (&actors[r.source], &actors[r.target]);
        let sentence = article.sentences()[r.sentence].span;
        RelationReport {
            source: &src.id.0,
            source_name: &src.name,
            target: &tgt.id.0,
            target_name: &tgt.name,
            polarity: round4(r.polarity),
            intensity: round4(r.intensity),
            label: r.label.as_str(),
            class: &r.class,
            cues: r.cues.iter().map(|c| article.slice(*c)).collect(),
            cue_spans: if detail == Detail::Full {
                r.cues.iter().map(|c| CharSpan::of(article, *c)).collect()
            } else {
                Vec::new()
            },
            sentence: r.sentence,
            sentence_span: CharSpan::of(article, sentence),
            evidence: article.slice(sentence),
            via: r.via,
            negated: r.negated,
            rule: r.rule,
            confidence: round4(f64::from(r.confidence)),
        }
    }
}

impl<'a> SentenceReport<'a> {
    fn new(
        article: &'a Article,
        s: &'a stance_analysis::sentiment::SentenceSentiment,
    ) -> SentenceReport<'a> {
        SentenceReport {
            span: CharSpan::of(article, s.span),
            score: round4(s.score),
            label: s.label.as_str(),
            evidence: s
                .evidence
                .iter()
                .map(|e| EvidenceReport {
                    text: article.slice(e.span),
                    span: CharSpan::of(article, e.span),
                    entry: e.entry,
                    lexicon: e.lexicon,
                    base: round4(e.base),
                    multipliers: e
                        .multipliers
                        .iter()
                        .map(|m| MultiplierReport {
                            reason: m.reason,
                            factor: round4(m.factor),
                            cue: m.cue.map(|c| article.slice(c)),
                        })
                        .collect(),
                    contribution: round4(e.contribution),
                })
                .collect(),
        }
    }
}

/// Rounds a score for output; scores are kept exact until a writer prints them.
pub(crate) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
