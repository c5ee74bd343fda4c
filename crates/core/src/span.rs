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
/// Pure-ASCII texts, the common case for English news, convert for free.
/// Other texts keep a checkpoint every 8 bytes (`CharMap::STRIDE`), so a
/// conversion counts the few bytes of one word past its checkpoint: reports
/// convert every span they print (every mention, quote, cue and evidence
/// span), and with a checkpoint every 64 bytes, counting up to 63 bytes on
/// from it, that took about 230 instructions a span, a fifth of building a
/// report. The map costs 4 bytes per 8 of text, for the article being
/// reported.
#[derive(Clone, Debug, Default)]
pub struct CharMap {
    /// Characters before byte `i * STRIDE`, for every `i <= len / STRIDE`; empty for ASCII text.
    checkpoints: Vec<u32>,
}

impl CharMap {
    const STRIDE: usize = 8;

    /// Builds the map for `text`.
    pub fn new(text: &str) -> CharMap {
        if text.is_ascii() {
            return CharMap::default();
        }
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / Self::STRIDE + 1);
        let mut chars = 0u32;
        let mut words = bytes.chunks_exact(Self::STRIDE);
        for w in &mut words {
            checkpoints.push(chars);
            chars += Self::STRIDE as u32 - continuations(word(w));
        }
        // The block of the tail, or of the end of the text when its length
        // is a multiple of STRIDE.
        checkpoints.push(chars);
        CharMap { checkpoints }
    }

    /// The character offset of byte offset `byte` in the text this map was
    /// built for: the bytes before it that start a character.
    pub fn char_offset(&self, text: &str, byte: usize) -> usize {
        if self.checkpoints.is_empty() {
            return byte;
        }
        let bytes = text.as_bytes();
        let byte = byte.min(bytes.len());
        let block = byte / Self::STRIDE;
        let start = block * Self::STRIDE;
        let base = self.checkpoints.get(block).copied().unwrap_or(0) as usize;
        let head = byte - start;
        if head == 0 {
            return base;
        }
        // The `head` bytes from the checkpoint, masked out of their word.
        let x = word(&bytes[start..(start + Self::STRIDE).min(bytes.len())]);
        let x = x & ((1u64 << (8 * head)) - 1);
        base + head - continuations(x) as usize
    }

    /// Converts a byte span into a `(start, end)` pair of character offsets.
    pub fn chars(&self, text: &str, span: Span) -> (usize, usize) {
        (
            self.char_offset(text, span.start),
            self.char_offset(text, span.end),
        )
    }
}

/// Up to eight bytes as a little-endian word, zero-padded.
fn word(bytes: &[u8]) -> u64 {
    match bytes.first_chunk::<8>() {
        Some(w) => u64::from_le_bytes(*w),
        None => {
            let mut w = [0; 8];
            w[..bytes.len()].copy_from_slice(bytes);
            u64::from_le_bytes(w)
        }
    }
}

/// UTF-8 continuation bytes (`10xxxxxx`) in `x`: bit 7 set and bit 6 clear
/// (`x << 1` moves each byte's bit 6 to its bit 7; what crosses into the
/// next byte is masked off). The flags are summed by one multiply into the
/// top byte: `count_ones` has no instruction of its own in the baseline
/// x86-64 the binary is built for, and took 15.
fn continuations(x: u64) -> u32 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let flags = (x & !(x << 1) & (ONES << 7)) >> 7;
    (flags.wrapping_mul(ONES) >> 56) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every offset, on a character boundary or not, is the number of
    /// bytes before it that start a character, for texts mixing one- to
    /// four-byte characters at every alignment.
    #[test]
    fn offsets_count_character_starts() {
        for text in [
            String::new(),
            "é".to_string(),
            "aé“b”€😀z\u{7f}\u{80}ÿ".repeat(30),
            "“quoted” — text, é and 😀. ".repeat(9),
        ] {
            let map = CharMap::new(&text);
            let b = text.as_bytes();
            for byte in 0..=b.len() {
                let expect = b[..byte]
                    .iter()
                    .filter(|&&x| x & 0b1100_0000 != 0b1000_0000)
                    .count();
                assert_eq!(map.char_offset(&text, byte), expect, "{byte}");
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
