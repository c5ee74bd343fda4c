//! Byte spans into an article's text, and the map from byte to character offsets.

use std::fmt;

/// A half-open byte range `[start, end)` into one article's text.
///
/// Stages work in bytes because slicing a `&str` is then free; reports convert
/// to Unicode character offsets with [`CharMap`] because that is what Python,
/// R and the gold sets researchers use count in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// Creates a span; `start` must not exceed `end`.
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers in `text`.
    ///
    /// Returns an empty string rather than panicking if the span does not fit,
    /// because a span is only ever produced against its own article.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Converts byte offsets in one text to Unicode scalar (character) offsets.
///
/// Pure-ASCII texts, the common case for English news, convert for free. Other
/// texts keep a checkpoint every 64 bytes (`CharMap::STRIDE`) so each conversion
/// counts at most that many bytes: reports convert every span they print, and
/// with 256 that counting was a tenth of rendering a long article. The map
/// costs 4 bytes per 64 of text.
#[derive(Clone, Debug, Default)]
pub struct CharMap {
    /// Characters before byte `i * STRIDE`, for every `i <= len / STRIDE`; empty for ASCII text.
    checkpoints: Vec<u32>,
}

impl CharMap {
    const STRIDE: usize = 64;

    /// Builds the map for `text`.
    pub fn new(text: &str) -> CharMap {
        if text.is_ascii() {
            return CharMap::default();
        }
        let bytes = text.as_bytes();
        // One per block begun, and one for the end: sized so that the last
        // push does not grow it (with `len / STRIDE + 1` it did for most texts).
        let mut checkpoints = Vec::with_capacity(bytes.len().div_ceil(Self::STRIDE) + 1);
        let mut chars = 0u32;
        for (i, chunk) in bytes.chunks(Self::STRIDE).enumerate() {
            debug_assert_eq!(i, checkpoints.len());
            checkpoints.push(chars);
            chars += count_chars(chunk) as u32;
        }
        // One more for the end of the text: when its length is a multiple of
        // STRIDE, the offset of `text.len()` falls in a block of its own.
        checkpoints.push(chars);
        CharMap { checkpoints }
    }

    /// The character offset of byte offset `byte` in the text this map was built for.
    pub fn char_offset(&self, text: &str, byte: usize) -> usize {
        if self.checkpoints.is_empty() {
            return byte;
        }
        let byte = byte.min(text.len());
        let block = byte / Self::STRIDE;
        let base = self.checkpoints.get(block).copied().unwrap_or(0) as usize;
        let from = block * Self::STRIDE;
        base + count_chars(&text.as_bytes()[from..byte])
    }

    /// Converts a byte span into a `(start, end)` pair of character offsets.
    pub fn chars(&self, text: &str, span: Span) -> (usize, usize) {
        let start = self.char_offset(text, span.start);
        // A span that ends in the block it starts in (a name, a short
        // quote) is counted from its start: fewer bytes than from the block's.
        let end = if span.start <= span.end
            && span.end <= text.len()
            && span.end / Self::STRIDE == span.start / Self::STRIDE
            && !self.checkpoints.is_empty()
        {
            start + count_chars(&text.as_bytes()[span.start..span.end])
        } else {
            self.char_offset(text, span.end)
        };
        (start, end)
    }
}

const fn is_continuation(b: u8) -> bool {
    b & 0b1100_0000 == 0b1000_0000
}

/// The characters in `bytes` of UTF-8 (its bytes that are not continuation
/// bytes), eight bytes at a time: reports convert every span they print, and
/// most news text has curly quotes or accents, so the map is built and asked
/// for nearly every article. A byte-by-byte count cost about five
/// instructions a byte.
///
/// Each word's continuation bytes are added up lane by lane (one byte lane
/// per byte position) and the lanes summed once at the end, by a multiply:
/// `count_ones` has no instruction of its own in the baseline x86-64 the
/// binary is built for, and took 15 for every word.
fn count_chars(bytes: &[u8]) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    let mut continuations = 0;
    // 31 words at most per sum, so that the lanes' total (at most 8 * 31)
    // fits the top byte the multiply gathers it in.
    for block in bytes.chunks(8 * 31) {
        let mut words = block.chunks_exact(8);
        let mut lanes = 0u64;
        for c in &mut words {
            let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            // Bit 7 of each byte set and bit 6 clear: `x << 1` moves each
            // byte's bit 6 to its bit 7 (what crosses into the next byte is
            // masked off).
            lanes += (x & !(x << 1) & (LOW << 7)) >> 7;
        }
        continuations += (lanes.wrapping_mul(LOW) >> 56) as usize;
        continuations += words
            .remainder()
            .iter()
            .filter(|&&b| is_continuation(b))
            .count();
    }
    bytes.len() - continuations
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The block count agrees with a byte-by-byte count for every length
    /// and alignment of text mixing one- to four-byte characters.
    #[test]
    fn char_count_by_blocks_matches_bytes() {
        let text = "aé“b”€😀z\u{7f}\u{80}ÿ".repeat(30);
        let b = text.as_bytes();
        for start in 0..20 {
            for end in start..b.len() {
                let expect = b[start..end]
                    .iter()
                    .filter(|&&x| !is_continuation(x))
                    .count();
                assert_eq!(count_chars(&b[start..end]), expect, "{start}..{end}");
            }
        }
    }

    /// `chars` gives each end's `char_offset`, for spans within a block
    /// and across blocks, on ASCII and other text.
    #[test]
    fn chars_of_a_span_are_its_ends_offsets() {
        for text in ["aé“b”€😀z".repeat(30), "plain ascii ".repeat(30)] {
            let map = CharMap::new(&text);
            let cuts: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for &a in &cuts {
                for &b in cuts.iter().filter(|&&b| b >= a && b - a < 150) {
                    let want = (map.char_offset(&text, a), map.char_offset(&text, b));
                    assert_eq!(map.chars(&text, Span::new(a, b)), want, "{a}..{b}");
                }
            }
        }
    }

    #[test]
    fn ascii_offsets_are_bytes() {
        let text = "North Korea and China";
        let map = CharMap::new(text);
        assert_eq!(map.chars(text, Span::new(16, 21)), (16, 21));
    }

    #[test]
    fn multibyte_offsets_count_characters() {
        // "“" is three bytes, "é" two: the span of "Elysée" must count each as one character.
        let text = "“Paris” said the Elysée. ".repeat(40);
        let map = CharMap::new(&text);
        let byte = text.rfind("Elysée").unwrap();
        let expected = text[..byte].chars().count();
        assert_eq!(map.char_offset(&text, byte), expected);
        assert_eq!(map.char_offset(&text, text.len()), text.chars().count());
    }

    #[test]
    fn end_of_a_text_whose_length_is_a_multiple_of_the_stride() {
        for len in [CharMap::STRIDE, 2 * CharMap::STRIDE] {
            let text = format!("é{}", "a".repeat(len - 2));
            assert_eq!(text.len(), len);
            let map = CharMap::new(&text);
            assert_eq!(map.char_offset(&text, len), len - 1);
            assert_eq!(map.chars(&text, Span::new(2, len)), (1, len - 1));
        }
    }
}
