//! Character offsets of the spans a report prints.
//!
//! Reports give spans in characters, the analysis keeps them in bytes, and a
//! report converts a few hundred of them per article (every actor mention,
//! quote, cue and evidence span). `Article::char_span` answers each from a
//! checkpoint every 64 bytes and counts up to 63 bytes on from it, about 230
//! instructions a span; that was a fifth of building a report. This index
//! keeps a checkpoint every 8 bytes, built in one pass over the text, so a
//! lookup counts at most 7 bytes, within one word. It lives only while one
//! report is built; core's map stays small for the callers that keep it.

use std::cell::OnceCell;

use stance_core::Span;

/// Bytes between checkpoints: one word.
const WORD: usize = 8;

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Byte offset to character offset for one text.
pub(crate) struct CharIndex<'a> {
    text: &'a str,
    /// Characters before byte `i * WORD`, for every `i <= len / WORD`;
    /// empty for ASCII text, whose offsets are the same in both. Built on
    /// the first lookup: a report with no spans (`--stages sentiment`)
    /// never pays for it.
    before: OnceCell<Vec<u32>>,
}

impl<'a> CharIndex<'a> {
    pub(crate) fn new(text: &'a str) -> CharIndex<'a> {
        CharIndex {
            text,
            before: OnceCell::new(),
        }
    }

    fn before(&self) -> &[u32] {
        self.before.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut before = Vec::new();
            if !self.text.is_ascii() {
                before.reserve_exact(bytes.len() / WORD + 1);
                let mut chars = 0u32;
                let mut words = bytes.chunks_exact(WORD);
                for w in &mut words {
                    before.push(chars);
                    chars += WORD as u32 - continuations(word(w));
                }
                // The block of the tail (or of the end, when the length is
                // a multiple of WORD).
                before.push(chars);
            }
            before
        })
    }

    /// The character offset of byte offset `byte` (clamped to the text), as
    /// `Article::char_span` gives it; the tests' view of [`CharIndex::span`].
    #[cfg(test)]
    fn offset(&self, byte: usize) -> usize {
        offset_in(self.text.as_bytes(), self.before(), byte)
    }

    /// `span` as a `(start, end)` pair of character offsets, as
    /// `Article::char_span` gives it (offsets clamped to the text).
    pub(crate) fn span(&self, span: Span) -> (usize, usize) {
        let (text, before) = (self.text.as_bytes(), self.before());
        (
            offset_in(text, before, span.start),
            offset_in(text, before, span.end),
        )
    }
}

/// [`CharIndex::offset`] with the checkpoints in hand.
fn offset_in(text: &[u8], before: &[u32], byte: usize) -> usize {
    if before.is_empty() {
        return byte;
    }
    let byte = byte.min(text.len());
    let block = byte / WORD;
    let start = block * WORD;
    let base = before.get(block).copied().unwrap_or(0) as usize;
    let head = byte - start;
    if head == 0 {
        return base;
    }
    // The `head` bytes from the checkpoint, masked out of their word.
    let x = word(&text[start..(start + WORD).min(text.len())]);
    let x = x & ((1u64 << (8 * head)) - 1);
    base + head - continuations(x) as usize
}

/// Up to eight bytes as a little-endian word, zero-padded.
fn word(bytes: &[u8]) -> u64 {
    match bytes.first_chunk::<WORD>() {
        Some(w) => u64::from_le_bytes(*w),
        None => {
            let mut w = [0; WORD];
            w[..bytes.len()].copy_from_slice(bytes);
            u64::from_le_bytes(w)
        }
    }
}

/// UTF-8 continuation bytes (`10xxxxxx`) in `x`: bit 7 set and bit 6 clear
/// (`x << 1` moves each byte's bit 6 to its bit 7). The flags are summed by
/// one multiply into the top byte, as the machine may lack `popcnt`.
fn continuations(x: u64) -> u32 {
    let flags = (x & !(x << 1) & HIGH) >> 7;
    (flags.wrapping_mul(ONES) >> 56) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the article's own map says.
    fn by_core(text: &str, byte: usize) -> usize {
        stance_core::CharMap::new(text).char_offset(text, byte)
    }

    #[test]
    fn every_offset_matches_core() {
        for text in [
            "",
            "ascii only",
            "é",
            "aé“b”€😀z\u{7f}\u{80}ÿ",
            &"“quoted” — text, é and 😀. ".repeat(9),
        ] {
            let index = CharIndex::new(text);
            for byte in 0..=text.len() + 3 {
                assert_eq!(index.offset(byte), by_core(text, byte), "{text:?} {byte}");
            }
        }
    }

    proptest! {
        #[test]
        fn offsets_match_core(text in "\\PC{0,200}") {
            let index = CharIndex::new(&text);
            for byte in 0..=text.len() {
                prop_assert_eq!(index.offset(byte), by_core(&text, byte));
            }
        }
    }
}
