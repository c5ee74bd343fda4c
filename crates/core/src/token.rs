//! Word tokens with spans and a lower-cased, apostrophe-folded normal form.
//!
//! Every later stage (actor matching, sentiment, quotes) looks at the same
//! tokens, so the article is tokenised once. Normal forms live in one shared
//! buffer so tokenising allocates a handful of times per article, not per word.

use std::num::NonZeroU32;

use crate::span::Span;

/// What kind of token this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or abbreviation dots ("don't", "U.S.").
    Word,
    /// Digits, possibly with inner `.`/`,` ("3.5", "1,200").
    Number,
    /// One punctuation character.
    Punct,
    /// An emoticon (":)", "<3") or an emoji.
    Symbol,
}

/// One token: its bytes in the article and where its normal form lives.
///
/// 24 bytes: the normal form's start and a 16-bit length fit in the room
/// that the span's alignment leaves after the kind (with a 32-bit end the
/// token took 32). Every stage walks the tokens, and a 1 MB article has
/// 200,000 of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Bytes of the token in the article text.
    pub span: Span,
    /// The kind of token.
    pub kind: TokenKind,
    /// Where the normal form starts in [`Tokens::norms`]: never 0, since
    /// the buffer opens with a byte that no token uses. Knowing that, the
    /// compiler drops two of the tests of every [`Tokens::norm`] slice (an
    /// offset of 0 is always a char boundary, so `str` indexing tests for
    /// it first, on the start and on the end), a few instructions on each
    /// of the million or so calls the stages make on a 1.4 MB sample.
    norm_start: NonZeroU32,
    /// The normal form's length, or [`LONG_NORM`] for one that long or
    /// longer, whose length [`Tokens::long_norms`] keeps.
    norm_len: u16,
}

/// `Token::norm_len` of a normal form of 65,535 bytes or more.
const LONG_NORM: u16 = u16::MAX;

/// How far into [`Tokens::norms`] the lower-cased text starts: far enough
/// that no normal form starts at 0 (see `Token::norm_start`).
const NORM_BASE: usize = 1;

/// The offset in `norms` as a `Token::norm_start`; offsets are at least
/// [`NORM_BASE`] but for an offset past 4 GiB cut to 32 bits (such texts
/// were never supported), which gives 1 rather than a panic. (Made with
/// `NonZeroU32::MIN.saturating_add`, the tokeniser's loop took 1 M
/// instructions more on a 1.4 MB sample.)
fn norm_offset(at: u32) -> NonZeroU32 {
    NonZeroU32::new(at).unwrap_or(NonZeroU32::MIN)
}

/// The tokens of a text, with their normal forms.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    tokens: Vec<Token>,
    /// A space ([`NORM_BASE`] bytes), then the text with ASCII letters
    /// lower-cased (so an ASCII token's normal form is its own span of it,
    /// `NORM_BASE` bytes on), followed by the normal forms of the other
    /// tokens.
    norms: String,
    /// Start and length of every normal form of [`LONG_NORM`] bytes or more
    /// (a "word" of 64 KiB without a space: almost never).
    long_norms: Vec<(u32, u32)>,
}

impl Tokens {
    /// Tokenises the bytes of `text` covered by `spans`, in order.
    ///
    /// Spans must be sorted and disjoint; tokens never cross a span boundary,
    /// which keeps paragraphs apart.
    pub fn new(text: &str, spans: &[Span]) -> Tokens {
        Tokens::with_sentence_ends(text, spans, &mut Vec::new())
    }

    /// [`Tokens::new`], also pushing to `ends` the offset of every `.`, `!`,
    /// `?` and `…` in `spans`, in order: the places where a sentence may end.
    ///
    /// The tokeniser looks at every one of them anyway, so the sentence
    /// splitter need not scan the text again for them
    /// ([`crate::segment::split_paragraph_at`]); that scan, stopping at the
    /// lead byte of every curly quote and dash as well, was most of its cost.
    pub(crate) fn with_sentence_ends(text: &str, spans: &[Span], ends: &mut Vec<usize>) -> Tokens {
        // Room for the normal forms appended after the text's: news has
        // about 36 bytes of tokens with a curly apostrophe, an accent or a
        // curly quote per kilobyte (3.6% of both the 339 articles of a 1.4 MB
        // sample and four of 1 MB), so a sixteenth more is enough for most.
        // Sized to the text alone, the first of them doubled the buffer:
        // on a long article, a copy of the text and a fresh block of twice
        // its size from the system allocator.
        let mut norms = String::with_capacity(NORM_BASE + text.len() + text.len() / 16);
        norms.push(' ');
        norms.push_str(text);
        norms.make_ascii_lowercase();
        let mut out = Tokens {
            // About 0.19 tokens a byte in the same samples, and one article
            // in nine over 0.2 (which grew the vector once), none over 0.25.
            tokens: Vec::with_capacity(text.len() / 4 + 8),
            norms,
            long_norms: Vec::new(),
        };
        for span in spans {
            out.push_range(text, *span, ends);
        }
        out
    }

    /// Tokenises all of `text`.
    pub fn of(text: &str) -> Tokens {
        Tokens::new(text, &[Span::new(0, text.len())])
    }

    /// All tokens in order.
    pub fn as_slice(&self) -> &[Token] {
        &self.tokens
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The token at `index`.
    pub fn get(&self, index: usize) -> Option<&Token> {
        self.tokens.get(index)
    }

    /// The normal form of `token`: lower case, with curly apostrophes folded to `'`.
    pub fn norm(&self, token: &Token) -> &str {
        let start = token.norm_start.get() as usize;
        let len = if token.norm_len == LONG_NORM {
            self.long_norms
                .iter()
                .find(|&&(s, _)| s == token.norm_start.get())
                .map_or(0, |&(_, n)| n as usize)
        } else {
            usize::from(token.norm_len)
        };
        &self.norms[start..start + len]
    }

    /// The index of the first token that starts at or after byte `at`.
    pub fn first_at_or_after(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < at)
    }

    /// Indices of the tokens lying inside `span`.
    pub fn range_in(&self, span: Span) -> std::ops::Range<usize> {
        let start = self.first_at_or_after(span.start);
        let end = self.tokens.partition_point(|t| t.span.end <= span.end);
        start..end.max(start)
    }

    /// [`Tokens::range_in`] for a span whose tokens lie in `within` (a
    /// sentence's, or all from a known start): searches there, by galloping
    /// from `within.start`, which on a long article stays in cache where a
    /// search of all tokens misses at almost every step. Falls back to
    /// [`Tokens::range_in`] when the tokens around `within` show the answer
    /// is outside it, so the result is always the same.
    pub fn range_in_within(
        &self,
        span: Span,
        within: std::ops::Range<usize>,
    ) -> std::ops::Range<usize> {
        let t = &self.tokens;
        let (a, b) = (within.start.min(t.len()), within.end.min(t.len()));
        let before = a.checked_sub(1).map(|i| &t[i]);
        let after = t.get(b);
        let inside = before.is_none_or(|x| x.span.start < span.start && x.span.end <= span.end)
            && after.is_none_or(|x| x.span.start >= span.start && x.span.end > span.end);
        if a > b || !inside {
            return self.range_in(span);
        }
        let start = a + gallop(&t[a..b], |x| x.span.start < span.start);
        // The end is searched for from the start, not from `a`: a mention
        // in a sentence is a token or two past its start, but may be dozens
        // past the sentence's. Tokens are sorted by end as by start, so
        // where the end comes before the start (a token covering all of
        // `span`), the first token at the start already ends past `span`,
        // and the range is empty either way.
        let end = start + gallop(&t[start..b], |x| x.span.end <= span.end);
        start..end
    }

    /// Pushes the token `text[start..end]`, checking whether it is ASCII.
    fn push(&mut self, text: &str, start: usize, end: usize, kind: TokenKind) {
        let ascii = text[start..end].is_ascii();
        self.push_word(text, start, end, kind, ascii);
    }

    /// The tokeniser's fast paths, for the ASCII that is most of news:
    /// skips spaces and controls, and pushes plain words and numbers and
    /// punctuation that cannot open an emoticon, one table look-up each,
    /// until the end of `bytes` or a byte that needs [`Tokens::push_range`]'s
    /// other paths (a word it cannot tell is whole, a non-ASCII byte, an
    /// emoticon's first byte), whose offset it returns.
    ///
    /// A function of its own, out of line, so that its loop has the
    /// registers to itself: inlined into `push_range`, with the rarer paths
    /// around it, its loop kept the range's end on the stack.
    #[inline(never)]
    fn push_plain(&mut self, bytes: &[u8], mut i: usize, ends: &mut Vec<usize>) -> usize {
        while let Some(&b) = bytes.get(i) {
            let class = CLASS[usize::from(b)];
            if class & SPACE != 0 {
                i += 1;
                continue;
            }
            if class & ALNUM != 0 {
                // Most words are a run of ASCII letters and digits that
                // `ends_word` can tell is whole: take those here, and leave
                // the rest to `scan_word`, which gives the same answer for these.
                let j = alnum_end(bytes, i + 1);
                if !ends_word(bytes, j) {
                    break;
                }
                // Words mostly start with a letter: no second look at them.
                let letter = class == LETTER || bytes[i..j].iter().any(u8::is_ascii_alphabetic);
                let kind = if letter {
                    TokenKind::Word
                } else {
                    TokenKind::Number
                };
                self.push_ascii(i, j, kind);
                i = j;
                continue;
            }
            // ASCII punctuation that cannot open an emoticon (letters and
            // digits took the path above): one token, as the checks in
            // `push_range` would find after trying every emoticon.
            if class & PUNCT == 0 {
                break;
            }
            if class & END != 0 {
                ends.push(i);
            }
            self.push_ascii(i, i + 1, TokenKind::Punct);
            i += 1;
        }
        i
    }

    /// [`Tokens::push_word`] for an ASCII token, which needs no text.
    #[inline(always)]
    fn push_ascii(&mut self, start: usize, end: usize, kind: TokenKind) {
        self.push_token(
            start,
            end,
            kind,
            (start + NORM_BASE) as u32,
            (end - start) as u32,
        );
    }

    /// Pushes the token `start..end` whose normal form is the `len` bytes
    /// of `norms` at `norm_start`.
    #[inline(always)]
    fn push_token(&mut self, start: usize, end: usize, kind: TokenKind, norm_start: u32, len: u32) {
        let norm_start = norm_offset(norm_start);
        // Normal forms start at distinct offsets (an ASCII token's at its
        // own start in the text, any other's after the text), so the start
        // names a long one. One comparison, where `u16::try_from` and a
        // test for `LONG_NORM` took six instructions.
        let norm_len = match len {
            n if n < u32::from(LONG_NORM) => n as u16,
            _ => {
                self.long_norms.push((norm_start.get(), len));
                LONG_NORM
            }
        };
        self.tokens.push(Token {
            span: Span::new(start, end),
            kind,
            norm_start,
            norm_len,
        });
    }

    /// Pushes a token whose caller knows whether it is ASCII. An ASCII
    /// token's normal form is its own span of the lower-cased copy of the
    /// text that `norms` starts with; any other token's is appended.
    fn push_word(&mut self, text: &str, start: usize, end: usize, kind: TokenKind, ascii: bool) {
        let (norm_start, norm_end) = if ascii {
            ((start + NORM_BASE) as u32, (end + NORM_BASE) as u32)
        } else {
            let norm_start = self.norms.len() as u32;
            for c in text[start..end].chars() {
                match c {
                    '\u{2019}' | '\u{2018}' | '\u{02bc}' => self.norms.push('\''),
                    c if c.is_ascii() => self.norms.push(c.to_ascii_lowercase()),
                    // No case: skips the search of the case tables.
                    c if is_general_punctuation(c) => self.norms.push(c),
                    c => self.norms.extend(c.to_lowercase()),
                }
            }
            (norm_start, self.norms.len() as u32)
        };
        self.push_token(start, end, kind, norm_start, norm_end - norm_start);
    }

    fn push_range(&mut self, text: &str, range: Span, ends: &mut Vec<usize>) {
        // Cut at the range's end: `get` then answers both "still inside the
        // range?" and "inside the text?" with one comparison.
        let bytes = &text.as_bytes()[..range.end];
        let mut i = range.start;
        loop {
            i = self.push_plain(bytes, i, ends);
            let Some(&b) = bytes.get(i) else {
                break;
            };
            if CLASS[usize::from(b)] & ALNUM != 0 {
                // A word `push_plain` could not tell was whole.
                let (end, kind, ascii) = scan_word(text, i, range.end, ends);
                self.push_word(text, i, end, kind, ascii);
                i = end;
                continue;
            }
            // ASCII needs no decoding; the checks below give the same answers
            // for it as for the decoded character.
            let c = if b.is_ascii() {
                char::from(b)
            } else {
                match text[i..range.end].chars().next() {
                    Some(c) => c,
                    None => break,
                }
            };
            let len = c.len_utf8();
            if c.is_whitespace() || c.is_control() {
                i += len;
            } else if is_alphanumeric(c) {
                let (end, kind, ascii) = scan_word(text, i, range.end, ends);
                self.push_word(text, i, end, kind, ascii);
                i = end;
            } else if let Some(n) = emoticon_len(&bytes[i..range.end]) {
                self.push(text, i, i + n, TokenKind::Symbol);
                i += n;
            } else if is_symbol(c) {
                // Keep an emoji with its modifiers, variation selectors and joiners together.
                let mut end = i + len;
                let mut join = false;
                for n in text[end..range.end].chars() {
                    if n == '\u{200d}' {
                        join = true;
                    } else if join || is_emoji_modifier(n) {
                        join = false;
                    } else {
                        break;
                    }
                    // What follows a joiner is kept whatever it is.
                    if is_sentence_end(n) {
                        ends.push(end);
                    }
                    end += n.len_utf8();
                }
                self.push(text, i, end, TokenKind::Symbol);
                i = end;
            } else {
                // ASCII ones took the fast path above.
                if c == '\u{2026}' {
                    ends.push(i);
                }
                self.push(text, i, i + len, TokenKind::Punct);
                i += len;
            }
        }
    }
}

/// `slice.partition_point(pred)` for an answer expected near the start:
/// probes 1, 2, 4, ... elements ahead, then searches the last gap.
///
/// Passes that walk a long article in text order (sentences, paragraph
/// ends, the tokens of each gazetteer hit) know where the next answer
/// starts. A plain
/// binary search over the rest of a 200,000-token article jumps across
/// megabytes and misses the cache at almost every step; this one stays
/// within a few cache lines of the answer and costs O(log distance).
#[inline]
pub fn gallop<T>(slice: &[T], mut pred: impl FnMut(&T) -> bool) -> usize {
    let mut lo = 0;
    let mut step = 1;
    loop {
        let probe = lo + step;
        match slice.get(probe - 1) {
            Some(x) if pred(x) => {
                lo = probe;
                step *= 2;
            }
            _ => {
                let hi = probe.min(slice.len());
                return lo + slice[lo..hi].partition_point(pred);
            }
        }
    }
}

const DIGIT: u8 = 1;
const LETTER: u8 = 2;
const ALNUM: u8 = DIGIT | LETTER;
/// A space or control character (`b <= b' '` or DEL): never part of a token.
const SPACE: u8 = 4;
/// ASCII punctuation that is a token of its own: any but `:`, `;`, `<`, `=`,
/// which may open an emoticon.
const PUNCT: u8 = 8;
/// `.`, `!` or `?`, where a sentence may end (with `PUNCT`).
const END: u8 = 32;
/// A byte at which `scan_word` may go on past a run of letters and digits:
/// a connector (`'`, `-`, `&`, `.`, `,`), or any non-ASCII byte (a letter, a
/// mark, a curly apostrophe).
const JOIN: u8 = 16;

/// ASCII byte classes for the tokeniser. Letters and digits are exactly
/// `LETTER` or `DIGIT`, which `scan_word` matches on.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = match c {
            b'0'..=b'9' => DIGIT,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            0..=b' ' | 0x7f => SPACE,
            b'.' => PUNCT | JOIN | END,
            b'!' | b'?' => PUNCT | END,
            b'\'' | b'-' | b'&' | b',' => PUNCT | JOIN,
            b':' | b';' | b'<' | b'=' => 0,
            0x80.. => JOIN,
            _ => PUNCT,
        };
        b += 1;
    }
    t
};

/// The end of the run of ASCII letters and digits that goes on at `at`.
///
/// Looks at eight bytes at a time (`alnum_bytes`): the tokeniser's inner
/// loop, where a byte-by-byte table walk cost about seven instructions a
/// byte. Most words end within the first eight.
fn alnum_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let stops = !alnum_bytes(word) & HIGH_BITS;
        if stops != 0 {
            // Little-endian: the lowest set bit is the first stop.
            return at + (stops.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while bytes
        .get(at)
        .is_some_and(|&b| CLASS[usize::from(b)] & ALNUM != 0)
    {
        at += 1;
    }
    at
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = LOW_BITS * 0x80;

/// The high bit of each byte of `x` that is an ASCII letter or digit.
///
/// Range tests on all eight bytes at once: with the high bits cleared,
/// adding `0x80 - lo` sets a byte's high bit exactly when it is at least
/// `lo`, and no sum carries into the next byte. Letters are tested after
/// setting bit 5 (upper to lower case), which maps no other byte into
/// `a..=z`; non-ASCII bytes are dropped at the end.
fn alnum_bytes(x: u64) -> u64 {
    let low = x & !HIGH_BITS;
    let at_least = |lo: u8| low + LOW_BITS * (0x80 - u64::from(lo));
    let digit = at_least(b'0') & !at_least(b'9' + 1);
    let folded = low | (LOW_BITS * 0x20);
    let letter = (folded + LOW_BITS * (0x80 - u64::from(b'a')))
        & !(folded + LOW_BITS * (0x80 - u64::from(b'z' + 1)));
    (digit | letter) & !x & HIGH_BITS
}

/// True when a run of ASCII letters and digits that stops at `j` is a whole
/// word, the answer `scan_word` would give: at the end of the range, before
/// a byte that cannot join it to more (a space), or before an ASCII
/// connector with no letter or digit after it ("said.", "Iran, "), since
/// each connector joins only before one (and the kept final dot of "U.S."
/// needs an earlier joining dot). Before a non-ASCII byte (a letter, a curly
/// apostrophe) it does not know, and says no.
fn ends_word(bytes: &[u8], j: usize) -> bool {
    match bytes.get(j) {
        None => true,
        Some(&b) if CLASS[usize::from(b)] & JOIN == 0 => true,
        Some(&b) => {
            b.is_ascii()
                && bytes
                    .get(j + 1)
                    .is_none_or(|&n| n.is_ascii() && CLASS[usize::from(n)] & ALNUM == 0)
        }
    }
}

/// Scans a word or number starting at `start`; returns its end, its kind,
/// and whether it is all ASCII. Pushes to `ends` the offset of each dot it
/// takes in ("U.S.", "3.5"), as [`Tokens::with_sentence_ends`] promises.
fn scan_word(
    text: &str,
    start: usize,
    limit: usize,
    ends: &mut Vec<usize>,
) -> (usize, TokenKind, bool) {
    let bytes = text.as_bytes();
    let mut end = start;
    let mut all_digits = true;
    let mut single_letter_dots = true; // "U.S.": letters separated by dots
    let mut run = 0usize; // letters since the last connector
    let mut saw_dot = false;
    let mut ascii = true;
    let mut at = start;
    while at < limit {
        let b = bytes[at];
        // Fast path: a run of ASCII letters and digits continues the word.
        // The same bookkeeping as the per-character branch below: a letter
        // clears `all_digits`, and a letter with another letter or digit
        // before it (since the last connector) clears `single_letter_dots`.
        let class = CLASS[usize::from(b)];
        if class & ALNUM != 0 {
            let from = at;
            let mut letter = class == LETTER;
            let mut later_letter = false;
            at += 1;
            while at < limit {
                match CLASS[usize::from(bytes[at])] {
                    DIGIT => {}
                    LETTER => {
                        letter = true;
                        later_letter = true;
                    }
                    _ => break,
                }
                at += 1;
            }
            if letter {
                all_digits = false;
                if run >= 1 || later_letter {
                    single_letter_dots = false;
                }
            }
            run += at - from;
            end = at;
            continue;
        }
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            text[at..limit].chars().next().unwrap_or('\0')
        };
        let len = c.len_utf8();
        if is_alphanumeric(c) || is_mark(c) {
            ascii = false; // ASCII letters and digits took the path above
            if !c.is_ascii_digit() {
                all_digits = false;
            }
            run += 1;
            if run > 1 && c.is_alphabetic() {
                single_letter_dots = false;
            }
            at += len;
            end = at;
            continue;
        }
        // Only these characters can join two parts of a word; anything else
        // (a space, most often) ends it without looking further.
        if !matches!(c, '\'' | '\u{2019}' | '-' | '\u{2011}' | '&' | '.' | ',') {
            break;
        }
        let next = match bytes.get(at + len) {
            Some(&n) if at + len < limit && n.is_ascii() => Some(char::from(n)),
            _ => text[at + len..limit].chars().next(),
        };
        let next_alnum = next.is_some_and(is_alphanumeric);
        let joins = match c {
            '\'' | '\u{2019}' | '-' | '\u{2011}' | '&' => next_alnum && !all_digits,
            '.' => next_alnum && (all_digits || single_letter_dots),
            ',' => all_digits && next.is_some_and(|n| n.is_ascii_digit()),
            _ => false,
        };
        if joins {
            ascii &= c.is_ascii();
            if c == '.' {
                ends.push(at);
            }
            saw_dot |= c == '.';
            run = 0;
            at += len;
            end = at;
            continue;
        }
        // "U.S." keeps its final dot; "Dr." does not (the dot may end a sentence).
        if c == '.' && saw_dot && single_letter_dots && !all_digits && run == 1 {
            ends.push(at);
            end = at + 1;
        }
        break;
    }
    // A dangling "n't" in "don't" is already inside the word; a trailing "'s"
    // stays attached ("China's") because possessives name the owner.
    (
        end,
        if all_digits {
            TokenKind::Number
        } else {
            TokenKind::Word
        },
        ascii,
    )
}

/// A character at which a sentence may end: what the sentence splitter looks for.
fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{2026}')
}

/// Curly quotes and apostrophes, dashes, the ellipsis, odd spaces
/// (U+2000..=U+206F): most of the non-ASCII characters in English news. None
/// is a letter, a digit or a mark, and none has case.
fn is_general_punctuation(c: char) -> bool {
    matches!(c, '\u{2000}'..='\u{206f}')
}

/// `c.is_alphanumeric()`, answered at once for general punctuation, for
/// which the standard library searches its tables (a few hundred
/// instructions for each curly quote).
fn is_alphanumeric(c: char) -> bool {
    !is_general_punctuation(c) && c.is_alphanumeric()
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}')
}

fn is_symbol(c: char) -> bool {
    matches!(c as u32, 0x2600..=0x27BF | 0x1F000..=0x1FAFF | 0x2B00..=0x2BFF | 0x2190..=0x21FF)
}

fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F)
}

/// Length of an ASCII emoticon at the start of `bytes`, if any.
fn emoticon_len(bytes: &[u8]) -> Option<usize> {
    const EMOTICONS: &[&str] = &[
        ":-)", ":-(", ":-d", ":-p", ":'(", ":')", ":-/", ":-|", ";-)", ":)", ":(", ":d", ":p",
        ":/", ":|", ";)", "<3", "</3", ":o", ":-o", ":]", ":[", "=)", "=(", ":*", "xd",
    ];
    let mut buf = [0u8; 3];
    let n = bytes.len().min(3);
    for (b, c) in buf.iter_mut().zip(&bytes[..n]) {
        *b = c.to_ascii_lowercase();
    }
    let prefix = &buf[..n];
    EMOTICONS
        .iter()
        .filter(|e| prefix.starts_with(e.as_bytes()))
        .map(|e| e.len())
        .max()
        .filter(|&n| {
            // The emoticon must not run into a word (":pass" is not ":p").
            bytes.get(n).is_none_or(|b| !b.is_ascii_alphanumeric())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A token is 24 bytes, and a word of 64 KiB or more (ASCII or not)
    /// keeps its whole normal form.
    #[test]
    fn long_words_keep_their_normal_form() {
        assert_eq!(size_of::<Token>(), 24);
        for word in ["X".repeat(70_000), "É".repeat(40_000), "a".repeat(65_535)] {
            let text = format!("Before {word} after.");
            let t = Tokens::of(&text);
            let norms: Vec<&str> = t.as_slice().iter().map(|k| t.norm(k)).collect();
            assert_eq!(norms.len(), 4, "{}", word.len());
            assert_eq!(norms[1], word.to_lowercase());
            assert_eq!([norms[0], norms[2], norms[3]], ["before", "after", "."]);
        }
    }

    fn words(text: &str) -> Vec<String> {
        let t = Tokens::of(text);
        t.as_slice()
            .iter()
            .map(|tok| t.norm(tok).to_string())
            .collect()
    }

    #[test]
    fn news_tokens() {
        assert_eq!(
            words("The U.S. didn’t back China's $1.2 billion plan... :) 👍🏽"),
            [
                "the", "u.s.", "didn't", "back", "china's", "$", "1.2", "billion", "plan", ".",
                ".", ".", ":)", "👍🏽"
            ]
        );
        assert_eq!(
            words("Dr. Kim, a well-known expert."),
            ["dr", ".", "kim", ",", "a", "well-known", "expert", "."]
        );
        assert_eq!(
            words("1,200 troops; J. K. Rao"),
            ["1,200", "troops", ";", "j", ".", "k", ".", "rao"]
        );
    }

    #[test]
    fn punctuation_norms() {
        assert_eq!(
            words("“Quote” — ‘x’ ’ … ʼ"),
            ["“", "quote", "”", "—", "'", "x", "'", "'", "…", "'"]
        );
    }

    #[test]
    fn spans_point_at_the_text() {
        let text = "“Élysée” said.";
        let t = Tokens::of(text);
        let spans: Vec<&str> = t
            .as_slice()
            .iter()
            .map(|tok| tok.span.slice(text))
            .collect();
        assert_eq!(spans, ["“", "Élysée", "”", "said", "."]);
    }

    /// `range_in_within` gives what `range_in` gives for every span of a
    /// text (token edges, inside words, across sentences), whatever range it
    /// is told to search, and `gallop` answers as `partition_point` does.
    #[test]
    fn range_in_within_equals_range_in() {
        let text = "Iran and the EU met. They agreed, \u{201c}again\u{201d}; talks go on.";
        let t = Tokens::of(text);
        let n = t.len();
        let cuts: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &a in &cuts {
            for &b in cuts.iter().filter(|&&b| b >= a) {
                let span = Span::new(a, b);
                let want = t.range_in(span);
                for lo in 0..=n {
                    for hi in [lo, (lo + 3).min(n), n] {
                        assert_eq!(
                            t.range_in_within(span, lo..hi),
                            want,
                            "{a}..{b} in {lo}..{hi}"
                        );
                    }
                }
            }
        }
        for len in 0..40usize {
            let v: Vec<usize> = (0..len).collect();
            for cut in 0..=len {
                assert_eq!(gallop(&v, |&x| x < cut), v.partition_point(|&x| x < cut));
            }
        }
    }

    /// `alnum_end` stops where a byte-by-byte walk stops, for every byte
    /// value at every place in and after the eight-byte block.
    #[test]
    fn alnum_end_matches_a_byte_walk() {
        for b in 0..=255u8 {
            for at in 0..20 {
                let mut bytes = vec![b'a'; 20];
                bytes[at] = b;
                for from in 0..=20 {
                    let want = (from..20)
                        .find(|&k| !bytes[k].is_ascii_alphanumeric())
                        .unwrap_or(20);
                    assert_eq!(alnum_end(&bytes, from), want, "{b:#x} at {at} from {from}");
                }
            }
        }
    }

    /// Where `ends_word` says a run of letters and digits is a whole word,
    /// `scan_word` finds the same word: every string of up to four pieces
    /// from letters, digits, connectors, spaces and non-ASCII characters.
    #[test]
    fn ends_word_agrees_with_scan_word() {
        let pieces = [
            "a", "B", "7", ".", ",", "'", "-", "&", " ", ":", "é", "’", "”", "\u{300}",
        ];
        let mut texts = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..4 {
            texts = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            all.extend(texts.iter().cloned());
        }
        let mut checked = 0;
        for text in &all {
            let bytes = text.as_bytes();
            for i in 0..bytes.len() {
                if !bytes[i].is_ascii_alphanumeric() {
                    continue;
                }
                let j = alnum_end(bytes, i + 1);
                if ends_word(bytes, j) {
                    let letter = bytes[i..j].iter().any(u8::is_ascii_alphabetic);
                    let kind = if letter {
                        TokenKind::Word
                    } else {
                        TokenKind::Number
                    };
                    assert_eq!(
                        scan_word(text, i, bytes.len(), &mut Vec::new()),
                        (j, kind, true),
                        "{text:?} at {i}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    /// `with_sentence_ends` reports every `.`, `!`, `?` and `…` in its
    /// spans, whichever path of the tokeniser takes it (a word's inner or
    /// final dot, punctuation, what follows an emoji joiner), and no other
    /// offset: every string of up to four pieces, in one span and in two.
    #[test]
    fn sentence_ends_are_every_end_character() {
        let pieces = [
            "a",
            "B",
            "7",
            ".",
            "!",
            "?",
            "…",
            "’",
            "'",
            "-",
            ",",
            " ",
            ":",
            "é",
            "😀",
            "\u{200d}",
            "\u{1f3fb}",
            "\u{300}",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            texts = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            for text in &texts {
                let cut = text.len() / 2;
                let cut = (cut..=text.len())
                    .find(|&c| text.is_char_boundary(c))
                    .unwrap_or(0);
                for spans in [
                    vec![Span::new(0, text.len())],
                    vec![Span::new(0, cut), Span::new(cut, text.len())],
                ] {
                    let mut ends = Vec::new();
                    Tokens::with_sentence_ends(text, &spans, &mut ends);
                    let want: Vec<usize> = text
                        .char_indices()
                        .filter(|&(_, c)| is_sentence_end(c))
                        .map(|(i, _)| i)
                        .collect();
                    assert_eq!(ends, want, "{text:?}");
                }
            }
        }
    }

    /// What `is_alphanumeric` and `push_word` assume of general punctuation.
    #[test]
    fn general_punctuation_has_no_letters_digits_marks_or_case() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!c.is_alphanumeric() && !is_mark(c), "{c:?}");
            assert!(c.to_lowercase().eq([c]), "{c:?}");
        }
        assert!(is_general_punctuation('\u{2019}') && !is_general_punctuation('\u{2070}'));
    }
}
