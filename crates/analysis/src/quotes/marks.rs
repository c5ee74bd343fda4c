//! Pairing quotation marks into quoted segments, paragraph by paragraph.
//!
//! Double marks only: straight `"`, curly `“ ”`, low `„`, guillemets `« »` and
//! the typewriter pair `''`. Single quotes inside double ones are part of the
//! quoted text; elsewhere they are apostrophes far more often than quotes, so
//! they are ignored. A paragraph that ends inside an open quote continues it
//! when the next paragraph opens with a mark (the news convention for a quote
//! running over several paragraphs); otherwise the quote ends with its paragraph.

use std::ops::Range;

use stance_core::{Span, Token, TokenKind};

/// What a quotation mark token can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    /// A straight mark: opens or closes depending on state and context.
    Straight,
}

/// A quoted stretch of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Segment {
    /// Tokens of the opening mark.
    pub(crate) open: Range<usize>,
    /// Tokens of the closing mark; `None` when the quote ran to the end of its paragraph.
    pub(crate) close: Option<Range<usize>>,
    /// Content tokens, between the marks.
    pub(crate) tokens: Range<usize>,
    /// Content bytes, without marks and outer whitespace.
    pub(crate) content: Span,
    /// True when the quote runs over more than one paragraph.
    pub(crate) multi_paragraph: bool,
}

impl Segment {
    /// Index of the last token of the segment, marks included.
    pub(crate) fn end_token(&self) -> usize {
        self.close.as_ref().map_or(self.tokens.end, |c| c.end)
    }
}

/// False when token `t` is certainly no mark: every mark is punctuation
/// starting with one of these bytes (curly marks with 0xE2, guillemets with
/// 0xC2), so words, commas and full stops are rejected here.
#[inline(always)]
pub(crate) fn may_be_mark(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Punct
        && matches!(
            text.as_bytes().get(t.span.start),
            Some(b'"' | b'\'' | 0xE2 | 0xC2)
        )
}

/// The mark at token `i` and how many tokens it takes.
fn mark_at(text: &str, toks: &[Token], i: usize) -> Option<(Mark, usize)> {
    let t = &toks[i];
    if !may_be_mark(text, t) {
        return None;
    }
    match t.span.slice(text) {
        "\u{201c}" | "\u{201e}" | "\u{ab}" => Some((Mark::Open, 1)),
        "\u{201d}" | "\u{bb}" => Some((Mark::Close, 1)),
        "\"" => Some((Mark::Straight, 1)),
        "'" | "\u{2018}" | "\u{2019}" => {
            let next = toks.get(i + 1)?;
            let pair = next.span.start == t.span.end && next.span.slice(text) == t.span.slice(text);
            if !pair {
                return None;
            }
            let kind = match t.span.slice(text) {
                "\u{2018}" => Mark::Open,
                "\u{2019}" => Mark::Close,
                _ => Mark::Straight,
            };
            Some((kind, 2))
        }
        _ => None,
    }
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// For a straight mark spanning `span`: does the context say it opens (`Some(true)`),
/// closes (`Some(false)`) or cannot tell (`None`)?
fn straight_context(text: &str, span: Span, para: Span) -> Option<bool> {
    let before = if span.start <= para.start {
        None
    } else {
        char_before(text, span.start)
    };
    let after = if span.end >= para.end {
        None
    } else {
        char_after(text, span.end)
    };
    let open_like = before.is_none_or(|c| c.is_whitespace() || "([{\u{2014}\u{2013}-/".contains(c));
    let close_like =
        after.is_none_or(|c| c.is_whitespace() || ",.;:?!)]}\u{2014}\u{2013}-".contains(c));
    match (open_like, close_like) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

struct Open {
    marks: Range<usize>,
    content_start: usize,
    multi: bool,
}

/// Finds the quoted segments of the paragraphs. `para_tokens[p]` are the token
/// indices of paragraph `p`, and `candidates` the indices of the tokens for
/// which [`may_be_mark`] holds, in order: the pass visits those alone, as
/// the caller's pass over the tokens has already turned the rest away.
pub(crate) fn segments(
    text: &str,
    toks: &[Token],
    paragraphs: &[Span],
    para_tokens: &[Range<usize>],
    candidates: &[usize],
) -> Vec<Segment> {
    // A segment takes two marks (one when left open): room for all of
    // them, so that the list is not copied as it grows.
    let mut out = Vec::with_capacity(candidates.len() / 2 + 1);
    // Cursor into `candidates`; token indices only grow, across paragraphs too.
    let mut c = 0;
    let mut carry: Option<(Open, usize)> = None; // open quote and the paragraph it was left open in
    for (p, range) in para_tokens.iter().enumerate() {
        let para = paragraphs[p];
        let mut state: Option<Open> = None;
        let mut i = range.start;
        if let Some((open, prev_p)) = carry.take() {
            let reopens = i < range.end
                && mark_at(text, toks, i).is_some_and(|(m, _)| m != Mark::Close)
                && prev_p + 1 == p;
            if reopens {
                let (_, n) = mark_at(text, toks, i).unwrap_or((Mark::Open, 1));
                i += n;
                state = Some(Open {
                    multi: true,
                    ..open
                });
            } else {
                push_unclosed(text, toks, paragraphs[prev_p], open, &mut out);
            }
        }
        loop {
            while candidates.get(c).is_some_and(|&k| k < i) {
                c += 1;
            }
            match candidates.get(c) {
                Some(&k) if k < range.end => i = k,
                _ => break,
            }
            let Some((mark, n)) = mark_at(text, toks, i) else {
                i += 1;
                continue;
            };
            let span = Span::new(toks[i].span.start, toks[i + n - 1].span.end);
            let opens = match mark {
                Mark::Open => true,
                Mark::Close => false,
                Mark::Straight => match (state.is_some(), straight_context(text, span, para)) {
                    (false, Some(false)) => {
                        // A stray closing-looking mark with nothing open: ignore it.
                        i += n;
                        continue;
                    }
                    (open, _) => !open,
                },
            };
            if opens {
                // A second opening mark while one is open: the first was stray.
                state = Some(Open {
                    marks: i..i + n,
                    content_start: span.end,
                    multi: false,
                });
            } else if let Some(open) = state.take() {
                let content = trim(text, Span::new(open.content_start, span.start));
                if !content.is_empty() {
                    out.push(Segment {
                        tokens: open.marks.end..i,
                        open: open.marks,
                        close: Some(i..i + n),
                        content,
                        multi_paragraph: open.multi,
                    });
                }
            }
            i += n;
        }
        if let Some(open) = state {
            carry = Some((open, p));
        }
    }
    if let Some((open, p)) = carry {
        push_unclosed(text, toks, paragraphs[p], open, &mut out);
    }
    out
}

/// An open quote that its paragraph ends without closing: kept when it holds a few words.
fn push_unclosed(text: &str, toks: &[Token], para: Span, open: Open, out: &mut Vec<Segment>) {
    let end_tok = toks.partition_point(|t| t.span.start < para.end);
    let words = toks[open.marks.end..end_tok]
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .take(3)
        .count();
    let content = trim(text, Span::new(open.content_start, para.end));
    if words >= 3 && !content.is_empty() {
        out.push(Segment {
            tokens: open.marks.end..end_tok,
            open: open.marks,
            close: None,
            content,
            multi_paragraph: open.multi,
        });
    }
}

/// `span` without outer whitespace.
pub(crate) fn trim(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.end - trail)
}
