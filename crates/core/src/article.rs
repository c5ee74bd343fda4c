//! The article model: one document's text, where its parts are, and its metadata.

use std::fmt;
use std::sync::OnceLock;

use crate::date::Date;
use crate::layout::{self, Layout};
use crate::segment;
use crate::span::{CharMap, Span};
use crate::token::Tokens;

/// A stable identifier for an article within a run: the JSONL/CSV `id` field,
/// or the file stem of a plain-text article.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct ArticleId(pub String);

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Metadata of an article, from its layout (headline, dateline, credit) or its record fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    /// Headline, or the record's `title`.
    pub title: Option<String>,
    /// Author line without the "By ", when the text has one.
    pub byline: Option<String>,
    /// Publication date: the record's `date` field, else the dateline's.
    pub date: Option<Date>,
    /// Place named in the dateline, as written ("BEIJING, CHINA").
    pub place: Option<String>,
    /// Agency or outlet: the record's `source`, else the dateline agency, else the credit's name.
    pub source: Option<String>,
    /// The trailing credit lines, as written.
    pub credit: Option<String>,
    /// The record's `url`.
    pub url: Option<String>,
    /// Any other record fields, in input order, as JSON text or plain strings.
    pub extra: Vec<(String, String)>,
}

/// One sentence: its span and the range of its tokens in [`Article::tokens`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Bytes of the sentence, trimmed of outer whitespace.
    pub span: Span,
    /// Index of the paragraph it belongs to.
    pub paragraph: usize,
    /// Token indices of the sentence.
    pub tokens: std::ops::Range<usize>,
}

/// Something odd but not fatal about an article's text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseWarning {
    /// The text holds NUL or other control characters (other than tab and line breaks).
    ControlCharacters {
        /// How many there were.
        count: usize,
    },
    /// A record's `date` field was present but not a date.
    BadDate {
        /// The field value as given.
        value: String,
    },
    /// No body paragraphs after the headline.
    NoBody,
}

impl fmt::Display for ParseWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseWarning::ControlCharacters { count } => {
                write!(f, "text holds {count} control characters")
            }
            ParseWarning::BadDate { value } => write!(f, "date field {value:?} is not a date"),
            ParseWarning::NoBody => f.write_str("article has a headline but no body"),
        }
    }
}

/// Why a text could not be made into an article.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseError {
    /// The text is empty or only whitespace.
    Empty,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str("article text is empty"),
        }
    }
}

impl std::error::Error for ParseError {}

/// The fields of a corpus record (a JSONL object or CSV row) that make an article.
#[derive(Clone, Debug, Default)]
pub struct Record {
    /// Identifier of the article.
    pub id: ArticleId,
    /// Title, if the record has one.
    pub title: Option<String>,
    /// The article body.
    pub text: String,
    /// Date as given (`YYYY-MM-DD`, or any form [`Date::parse`] reads).
    pub date: Option<String>,
    /// Outlet or agency.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Other fields, carried through as metadata.
    pub extra: Vec<(String, String)>,
}

/// A parsed article.
///
/// Architecture invariant: `text` is the document exactly as read (minus a
/// leading byte-order mark); nothing rewrites it. Normalisation happens in
/// token normal forms, so every span maps straight back to the input.
#[derive(Clone, Debug)]
pub struct Article {
    /// Identifier within the run.
    pub id: ArticleId,
    /// Metadata.
    pub meta: Meta,
    text: String,
    title_span: Option<Span>,
    dateline: Option<Span>,
    paragraphs: Vec<Span>,
    sentences: Vec<Sentence>,
    tokens: Tokens,
    /// Built on the first [`Article::char_span`]: a run that prints no spans
    /// (`--stages sentiment`) never pays for it, about 3% of its time.
    chars: OnceLock<CharMap>,
    warnings: Vec<ParseWarning>,
}

impl Article {
    /// Parses a plain-text article: headline on the first non-empty line, then
    /// an optional byline, a dateline, paragraphs and trailing credits.
    ///
    /// ```
    /// use stance_core::{Article, ArticleId};
    /// let text = "Talks Resume\nGENEVA (Reuters) - Iran and the EU met. They agreed to meet again.\n";
    /// let article = Article::parse(ArticleId("a1".into()), text.to_string()).unwrap();
    /// assert_eq!(article.meta.title.as_deref(), Some("Talks Resume"));
    /// assert_eq!(article.meta.place.as_deref(), Some("GENEVA"));
    /// assert_eq!(article.meta.source.as_deref(), Some("Reuters"));
    /// assert_eq!(article.sentences().len(), 2);
    /// ```
    pub fn parse(id: ArticleId, text: String) -> Result<Article, ParseError> {
        let text = strip_bom(text);
        if text.trim().is_empty() {
            return Err(ParseError::Empty);
        }
        let layout = layout::plain(&text);
        let mut meta = Meta {
            title: layout.headline.map(|s| s.slice(&text).to_string()),
            ..Meta::default()
        };
        let title_span = layout.headline;
        let mut warnings = Vec::new();
        if layout.paragraphs.is_empty() {
            warnings.push(ParseWarning::NoBody);
        }
        fill_layout_meta(&text, &layout, &mut meta);
        Ok(Article::build(id, meta, text, title_span, layout, warnings))
    }

    /// Builds an article from a corpus record; the record's fields win over
    /// what the body's dateline or credit says.
    pub fn from_record(record: Record) -> Result<Article, ParseError> {
        let text = strip_bom(record.text);
        if text.trim().is_empty() {
            return Err(ParseError::Empty);
        }
        let layout = layout::body(&text);
        let mut meta = Meta::default();
        let mut warnings = Vec::new();
        fill_layout_meta(&text, &layout, &mut meta);
        meta.title = record.title.filter(|t| !t.trim().is_empty());
        if let Some(d) = record.date.filter(|d| !d.trim().is_empty()) {
            match Date::parse(&d) {
                Some(date) => meta.date = Some(date),
                None => warnings.push(ParseWarning::BadDate { value: d }),
            }
        }
        if let Some(s) = record.source.filter(|s| !s.trim().is_empty()) {
            meta.source = Some(s);
        }
        meta.url = record.url;
        meta.extra = record.extra;
        Ok(Article::build(
            record.id, meta, text, None, layout, warnings,
        ))
    }

    fn build(
        id: ArticleId,
        meta: Meta,
        text: String,
        title_span: Option<Span>,
        layout: Layout,
        mut warnings: Vec<ParseWarning>,
    ) -> Article {
        if layout.controls > 0 {
            warnings.push(ParseWarning::ControlCharacters {
                count: layout.controls,
            });
        }
        let paragraphs = layout.paragraphs;
        // The tokeniser notes where sentences may end, in text order, and
        // each paragraph's are those before the next paragraph's start.
        // Sized, like the sentences, so as not to grow by doubling: news
        // has one possible end in about a hundred bytes, and one article in
        // a hundred one in fifty (none of 2,500 one in forty).
        let mut ends = Vec::with_capacity(text.len() / 40 + 4);
        let tokens = Tokens::with_sentence_ends(&text, &paragraphs, &mut ends);
        // Every sentence but a cut overlong one ends at one of `ends` or at
        // its paragraph's end.
        let mut sentences = Vec::with_capacity(ends.len() + paragraphs.len());
        let mut ends = &ends[..];
        // Sentences come in text order: each one's tokens are searched for
        // from where the last one's ended.
        let mut next = 0;
        // One buffer for every paragraph's sentence spans, not one each.
        let mut spans = Vec::with_capacity(16);
        for (pi, p) in paragraphs.iter().enumerate() {
            spans.clear();
            let (here, rest) = ends.split_at(crate::token::gallop(ends, |&e| e < p.end));
            ends = rest;
            segment::split_paragraph_at(&text, *p, here, &mut spans);
            for &span in &spans {
                let range = tokens.range_in_within(span, next..tokens.len());
                next = range.end;
                sentences.push(Sentence {
                    span,
                    paragraph: pi,
                    tokens: range,
                });
            }
        }
        Article {
            id,
            meta,
            title_span,
            dateline: layout.dateline.map(|d| d.span),
            paragraphs,
            sentences,
            tokens,
            chars: OnceLock::new(),
            text,
            warnings,
        }
    }

    /// The document exactly as read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The headline's span, for plain-text articles.
    pub fn title_span(&self) -> Option<Span> {
        self.title_span
    }

    /// The dateline's span, when the first paragraph had one.
    pub fn dateline_span(&self) -> Option<Span> {
        self.dateline
    }

    /// Body paragraphs (dateline, headline, byline and credits excluded).
    pub fn paragraphs(&self) -> &[Span] {
        &self.paragraphs
    }

    /// Sentences of the body, in order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// Tokens of the body, in order.
    pub fn tokens(&self) -> &Tokens {
        &self.tokens
    }

    /// Non-fatal oddities found while parsing.
    pub fn warnings(&self) -> &[ParseWarning] {
        &self.warnings
    }

    /// Number of word and number tokens in the body.
    pub fn word_count(&self) -> usize {
        self.tokens
            .as_slice()
            .iter()
            .filter(|t| matches!(t.kind, crate::TokenKind::Word | crate::TokenKind::Number))
            .count()
    }

    /// The text of `span`.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// Converts a byte span to Unicode character offsets into the text as read.
    pub fn char_span(&self, span: Span) -> (usize, usize) {
        self.chars
            .get_or_init(|| CharMap::new(&self.text))
            .chars(&self.text, span)
    }

    /// The index of the sentence containing byte `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= at);
        self.sentences
            .get(i)
            .filter(|s| s.span.start <= at)
            .map(|_| i)
    }
}

fn strip_bom(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    text
}

fn fill_layout_meta(text: &str, layout: &Layout, meta: &mut Meta) {
    meta.byline = layout.byline.map(|s| s.slice(text).to_string());
    if let Some(d) = &layout.dateline {
        meta.place = Some(d.place.slice(text).to_string());
        meta.date = d.date;
        meta.source = d.agency.map(|a| a.slice(text).to_string());
    }
    if !layout.credits.is_empty() {
        let credit: Vec<&str> = layout
            .credits
            .iter()
            .map(|c| c.slice(text).trim())
            .collect();
        meta.credit = Some(credit.join("\n"));
        if meta.source.is_none() {
            meta.source = layout
                .credits
                .iter()
                .find_map(|c| layout::credit_source(text, *c))
                .map(|s| s.slice(text).to_string());
        }
    }
}
