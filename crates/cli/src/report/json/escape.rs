//! JSON string escaping by runs.
//!
//! serde_json looks every byte of a string up in a table, and strings (article
//! text, quotes, evidence sentences) are most of a report's bytes. Text rarely
//! needs escaping (a few quotes and newlines per paragraph), so this finds the
//! next byte that does 32 or eight at a time and copies the run before it in
//! one go.
//! The output is byte for byte serde_json's: `"`, `\` and the controls below
//! 0x20 are escaped (short forms where JSON has them, else `\u00xx` in lower
//! case hex); everything else, DEL and non-ASCII included, is copied as is.

use crate::report::block::{BLOCK, any_byte};

/// Appends `s` to `out` as a JSON string, quotes included. Inlined, scan
/// included (it has two callers, `serialize_str` and enum variants): most
/// strings are short and need no escape, so for them this is one scan and
/// one copy, and a call to an outlined scan cost a tenth of the scan.
#[inline]
pub(super) fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    match find_escape(bytes) {
        None => write_plain(out, bytes),
        Some(at) => write_escaped(out, bytes, at),
    }
}

/// [`write_str`] for a struct field's name. Inlined whole, scan included:
/// the name is a literal at every call site, so the scan folds away at
/// compile time and what is left is a copy of a constant.
#[inline(always)]
pub(super) fn write_key(out: &mut Vec<u8>, key: &str) {
    let bytes = key.as_bytes();
    match find_escape(bytes) {
        None => write_plain(out, bytes),
        Some(at) => write_escaped(out, bytes, at),
    }
}

/// A struct field's name as compact JSON writes it: `,"key":`, without the
/// comma for the first field. Inlined whole like [`write_key`], so for a
/// name that needs no escape (every one in a report) this is one capacity
/// check and a few constant stores.
#[inline(always)]
pub(super) fn write_compact_key(out: &mut Vec<u8>, key: &str, first: bool) {
    let bytes = key.as_bytes();
    if find_escape(bytes).is_some() {
        if !first {
            out.push(b',');
        }
        write_key(out, key);
        out.push(b':');
        return;
    }
    out.reserve(bytes.len() + 4);
    if !first {
        out.push(b',');
    }
    out.push(b'"');
    out.extend_from_slice(bytes);
    out.extend_from_slice(b"\":");
}

#[inline(always)]
fn write_plain(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    out.extend_from_slice(bytes);
    out.push(b'"');
}

/// [`write_str`] for a string whose first escape is at `at`.
#[inline(never)]
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8], mut at: usize) {
    out.reserve(bytes.len() + 8);
    out.push(b'"');
    let mut rest = bytes;
    loop {
        out.extend_from_slice(&rest[..at]);
        write_escape(out, rest[at]);
        rest = &rest[at + 1..];
        match find_escape(rest) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// How many bytes at the start of `bytes` a JSON string holds as they are:
/// the run before the first `"`, `\` or control byte. The JSONL reader uses
/// it to find where a string ends or needs unescaping.
pub(crate) fn plain_run(bytes: &[u8]) -> usize {
    find_escape_outlined(bytes).unwrap_or(bytes.len())
}

/// [`find_escape`] as one function, for strings only known at run time.
#[inline(never)]
fn find_escape_outlined(bytes: &[u8]) -> Option<usize> {
    find_escape(bytes)
}

/// The first byte of `bytes` that JSON needs escaped. Reads whole blocks
/// and words only: clean 32-byte blocks are skipped, the last word overlaps
/// the one before, and a string shorter than a word is gathered into one
/// (most strings in a report are keys and labels of a few bytes, so they
/// must not fall back to a byte loop).
#[inline(always)]
fn find_escape(bytes: &[u8]) -> Option<usize> {
    let len = bytes.len();
    if len < 8 {
        return find_escape_short(bytes);
    }
    let mut i = 0;
    // Long strings (quotes, evidence sentences) skip clean blocks 32 bytes
    // at a time, then the words below find the byte in a dirty block.
    while let Some(block) = bytes[i..].first_chunk::<BLOCK>() {
        if block_dirty(block) {
            break;
        }
        i += BLOCK;
    }
    while i + 8 <= len {
        if let Some(p) = first_flagged(word_at(bytes, i)) {
            return Some(i + p);
        }
        i += 8;
    }
    // The bytes before `i` are clean, so the first flag in an overlapping
    // last word is past them.
    if i < len {
        let at = len - 8;
        if let Some(p) = first_flagged(word_at(bytes, at)) {
            return Some(at + p);
        }
    }
    None
}

/// [`find_escape`] for fewer than eight bytes: up to three bytes (first,
/// middle, last) or two overlapping halves, padded with spaces.
#[inline(always)]
fn find_escape_short(bytes: &[u8]) -> Option<usize> {
    let len = bytes.len();
    match len {
        0 => None,
        1..=3 => {
            let at = [0, len / 2, len - 1];
            let word = u64::from(bytes[at[0]])
                | u64::from(bytes[at[1]]) << 8
                | u64::from(bytes[at[2]]) << 16
                | (ONES * u64::from(b' ')) << 24;
            first_flagged(word).map(|p| at[p])
        }
        _ => {
            let half = |i: usize| {
                let mut w = [0; 4];
                w.copy_from_slice(&bytes[i..i + 4]);
                u64::from(u32::from_le_bytes(w))
            };
            // Byte 4 + k of the word is byte len - 4 + k of the string.
            let word = half(0) | half(len - 4) << 32;
            first_flagged(word).map(|p| if p < 4 { p } else { p + len - 8 })
        }
    }
}

/// Whether any byte of `block` needs escaping.
#[inline(always)]
fn block_dirty(block: &[u8; BLOCK]) -> bool {
    any_byte(block, |b| {
        u8::from(b < 0x20) | u8::from(b == b'"') | u8::from(b == b'\\')
    })
}

fn word_at(bytes: &[u8], i: usize) -> u64 {
    let mut w = [0; 8];
    w.copy_from_slice(&bytes[i..i + 8]);
    u64::from_le_bytes(w)
}

/// The index (0..8, in memory order) of the first byte of `word` that needs escaping.
fn first_flagged(word: u64) -> Option<usize> {
    let mask = escape_mask(word);
    (mask != 0).then(|| (mask.trailing_zeros() / 8) as usize)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` (little-endian) that needs escaping.
/// Only the lowest set bit is exact (a borrow out of a flagged byte can flag
/// the byte above it), which is all [`first_flagged`] uses.
fn escape_mask(word: u64) -> u64 {
    // A byte below 0x20 borrows when 0x20 is subtracted, and had its high bit clear.
    let control = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = zero_bytes(word ^ (ONES * u64::from(b'"')));
    let backslash = zero_bytes(word ^ (ONES * u64::from(b'\\')));
    (control | quote | backslash) & HIGH
}

/// Flags the zero bytes of `x` (lowest one exact).
fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x
}

fn write_escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match b {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0c => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => {
            let hex = [HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]];
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', hex[0], hex[1]]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_byte_below_0x80_matches_serde_json() {
        for b in 0u8..0x80 {
            // At each position of a word, and in the tail.
            for pad in 0..17 {
                let s = format!("{}{}x", "a".repeat(pad), b as char);
                assert_eq!(
                    escaped(&s),
                    serde_json::to_string(&s).unwrap(),
                    "{b:#x} {pad}"
                );
            }
        }
    }

    #[test]
    fn runs_of_escapes_and_non_ascii() {
        for s in [
            "",
            "\"",
            "\"\"\\\\\n\n\u{1}\u{1f}",
            "“quoted” — text\u{7f}é😀\t",
            "0123456789abcdef\"0123456789abcdef",
        ] {
            assert_eq!(escaped(s), serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn long_strings_match_serde_json() {
        let para = "A \"quoted\" line\\ with “curly” quotes, é and 😀.\n";
        for s in [
            "x".repeat(5000),
            para.repeat(100),
            format!("{}\u{1}{}\"", "y".repeat(700), "z".repeat(70)),
            format!("{}\u{1f}", "w".repeat(1023)),
            "\n".repeat(600),
        ] {
            assert_eq!(escaped(&s), serde_json::to_string(&s).unwrap());
        }
    }

    proptest! {
        #[test]
        fn long_matches_serde_json(s in "(\\PC|[\"\\\\\\x00-\\x1f])*", n in 1usize..40) {
            let s = s.repeat(n);
            prop_assert_eq!(escaped(&s), serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn matches_serde_json(s in "(\\PC|[\"\\\\\\x00-\\x1f\\x7f])*") {
            prop_assert_eq!(escaped(&s), serde_json::to_string(&s).unwrap());
        }
    }
}
