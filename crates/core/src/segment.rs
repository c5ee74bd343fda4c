//! Sentence segmentation for news prose.
//!
//! A sentence ends at `.`, `!`, `?` or an ellipsis, after any closing quotes or
//! brackets, when the next word starts like a sentence (a capital letter, an
//! opening quote). The dot of a title or abbreviation ("Dr.", "Sept.", "U.S."),
//! of an initial ("J. K. Rao") or inside a number ("3.5") does not end one, and
//! a quote that ends with `,"`/`."` followed by a lower-case word (`..." he
//! said.`) carries on. Paragraphs always end sentences.

use crate::span::Span;

/// Words that, followed by a dot, are an abbreviation that never ends a sentence
/// in news prose (titles and name parts that always precede something).
/// Kept sorted, so a duplicate shows; look-ups use [`TITLE_KEYS`].
const TITLES: &[&str] = &[
    "adm", "amb", "approx", "brig", "capt", "cf", "cmdr", "col", "cpl", "dept", "dr", "drs", "est",
    "fig", "fr", "ft", "gen", "gov", "hon", "insp", "jr", "lt", "maj", "messrs", "mme", "mr",
    "mrs", "ms", "mt", "no", "nos", "op", "pp", "pres", "prof", "rep", "reps", "rev", "sen",
    "sens", "sgt", "sr", "st", "supt", "vol", "vs",
];

/// Abbreviations that usually continue ("Sept. 29", "Inc. said") but may end a
/// sentence; they end one only before a typical sentence-opening word.
/// Sorted, as [`TITLES`] is.
const SOFT: &[&str] = &[
    "a.m", "apr", "aug", "bros", "co", "corp", "dec", "e.g", "e.u", "etc", "feb", "i.e", "inc",
    "jan", "jul", "jun", "ltd", "mar", "nov", "oct", "p.m", "sep", "sept", "u.k", "u.n", "u.s",
];

/// Words that commonly open a sentence; after a soft abbreviation they signal a break.
const OPENERS: &[&str] = &[
    "A",
    "An",
    "And",
    "As",
    "At",
    "But",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "On",
    "She",
    "So",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "We",
    "What",
    "When",
    "While",
    "Yet",
];

/// Splits each paragraph span of `text` into sentence spans, trimmed of outer whitespace.
pub fn sentences(text: &str, paragraphs: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for p in paragraphs {
        split_paragraph(text, *p, &mut out);
    }
    out
}

/// The index of the first byte at or after `from` for which `hit` holds.
///
/// Tests 32 bytes at a time without branching on each, then the first 16 and
/// the next 8 of the block that has one, then byte by byte: prose has a
/// sentence end or line break every hundred bytes or so, and most blocks
/// hold none.
///
/// `hit` must be branch-free (`|` of comparisons, not `||` or `matches!`)
/// for the block test to compile to a few vector compares: with branches the
/// compiler tests each byte in turn, about five instructions a byte, and the
/// sentence splitter spent half its time here.
#[inline]
pub(crate) fn position_from(bytes: &[u8], from: usize, hit: impl Fn(u8) -> bool) -> Option<usize> {
    let any = |block: &[u8]| block.iter().fold(0u8, |any, &b| any | u8::from(hit(b))) != 0;
    let mut i = from;
    while let Some(block) = bytes.get(i..i + 32) {
        if any(block) {
            break;
        }
        i += 32;
    }
    for width in [16, 8] {
        if bytes.get(i..i + width).is_some_and(|part| !any(part)) {
            i += width;
        }
    }
    bytes.get(i..)?.iter().position(|&b| hit(b)).map(|p| i + p)
}

/// Appends the sentences of paragraph `para` to `out` (see [`sentences`]).
pub(crate) fn split_paragraph(text: &str, para: Span, out: &mut Vec<Span>) {
    let bytes = &text.as_bytes()[..para.end];
    // The scan jumps from one possible end (`.`, `!`, `?`, or the lead byte
    // of `…`) to the next, so ordinary words cost a byte comparison each.
    let next_end = |mut i: usize| loop {
        i = position_from(bytes, i, |b| {
            (b == b'.') | (b == b'!') | (b == b'?') | (b == 0xE2)
        })?;
        match text[i..].chars().next() {
            Some(c) if is_end(c) => return Some(i),
            c => i += c.map_or(1, char::len_utf8),
        }
    };
    split(text, para, out, next_end);
}

/// [`split_paragraph`] for a paragraph whose possible sentence ends are
/// known: `ends` holds the offset of every `.`, `!`, `?` and `…` in `para`,
/// in order, as [`crate::Tokens`] finds them while tokenising.
pub(crate) fn split_paragraph_at(text: &str, para: Span, ends: &[usize], out: &mut Vec<Span>) {
    let mut k = 0;
    let next_end = |i: usize| {
        while ends.get(k).is_some_and(|&e| e < i) {
            k += 1;
        }
        ends.get(k).copied()
    };
    split(text, para, out, next_end);
}

fn is_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{2026}')
}

/// Splits paragraph `para`; `next_end(i)` is the first offset at or after
/// `i` in the paragraph that holds `.`, `!`, `?` or `…`.
#[inline]
fn split(
    text: &str,
    para: Span,
    out: &mut Vec<Span>,
    mut next_end: impl FnMut(usize) -> Option<usize>,
) {
    // Byte offsets throughout; `at` decodes the character at one.
    let end = para.end;
    let bytes = text.as_bytes();
    // Most characters looked at are ASCII, which needs no decoding.
    let at = |pos: usize| match bytes.get(pos) {
        Some(&b) if b.is_ascii() => char::from(b),
        _ => text[pos..].chars().next().unwrap_or('\0'),
    };
    let after = |pos: usize| pos + at(pos).len_utf8();
    let mut start = para.start;
    let mut i = para.start;
    while i < end {
        match next_end(i) {
            Some(at) => i = at,
            None => break,
        }
        let c = at(i);
        // Run of terminal punctuation ("?!", "...").
        let mut j = i;
        while after(j) < end && is_end(at(after(j))) {
            j = after(j);
        }
        // Closing quotes and brackets belong to the sentence that ends here.
        let mut k = j;
        while after(k) < end && is_closer(at(after(k))) {
            k = after(k);
        }
        // Need whitespace, then the start of the next sentence.
        let mut n = after(k);
        if n < end && !at(n).is_whitespace() {
            i = after(j);
            continue;
        }
        while n < end && at(n).is_whitespace() {
            n = after(n);
        }
        if n >= end {
            break; // the paragraph ends here anyway
        }
        let next = at(n);
        let opens = next.is_uppercase() || is_opener(next) || next.is_ascii_digit() && j > i;
        let single_dot = i == j && c == '.';
        if opens && (!single_dot || dot_ends_sentence(text, start, i, n)) {
            push_trimmed(text, start, after(k), out);
            start = n;
        }
        i = n;
    }
    if start < end {
        push_trimmed(text, start, para.end, out);
    }
}

/// Decides whether the single `.` at byte `dot` ends the sentence that began
/// at byte `start`; the next sentence would begin at byte `next`.
fn dot_ends_sentence(text: &str, start: usize, dot: usize, next: usize) -> bool {
    // The word before the dot.
    let mut w = dot;
    while w > start {
        // ASCII needs no decoding, and one look-up tells whether it ends the word.
        let b = text.as_bytes()[w - 1];
        if b.is_ascii() {
            if WORD_START[usize::from(b)] {
                break;
            }
            w -= 1;
            continue;
        }
        let Some(p) = text[..w].chars().next_back() else {
            break;
        };
        if p.is_whitespace() || is_opener(p) {
            break;
        }
        w -= p.len_utf8();
    }
    let word = &text[w..dot];
    if word.is_empty() {
        return true;
    }
    // An initial ("J.", "K.") before a capitalised word is part of a name.
    let mut chars = word.chars();
    let only = chars.next().filter(|_| chars.next().is_none());
    if only.is_some_and(|c| c.is_alphabetic() && c.is_uppercase()) {
        return false;
    }
    // Titles and soft abbreviations are short ASCII words: an ASCII word is
    // lower-cased into its key, and one longer than all of them is neither,
    // with no allocation and no look-up. (`to_lowercase` can shorten other
    // text: the Kelvin sign becomes "k".)
    let lower = if word.is_ascii() {
        if word.len() > LONGEST_ABBREVIATION {
            return true;
        }
        key(word.as_bytes(), true)
    } else {
        key(word.to_lowercase().as_bytes(), false)
    };
    let Some(lower) = lower else {
        return true;
    };
    if TITLE_KEYS.binary_search(&lower).is_ok() {
        return false;
    }
    if SOFT_KEYS.binary_search(&lower).is_ok() {
        let next_word: String = text[next..]
            .chars()
            .skip_while(|c| is_opener(*c))
            .take_while(|c| c.is_alphanumeric())
            .collect();
        return OPENERS.contains(&next_word.as_str());
    }
    true
}

/// The ASCII bytes before which the word ending at a dot starts: whitespace,
/// an opening quote or bracket (what [`dot_ends_sentence`] stops at).
static WORD_START: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8 as char;
        // `char::is_whitespace` of ASCII, which is not `const` before Rust 1.87.
        t[b] = matches!(c, ' ' | '\t'..='\r') || is_opener(c) || c == '(';
        b += 1;
    }
    t
};

/// `word` (lower-cased first if `fold`) as one number, for a word of at
/// most seven bytes: its bytes from the lowest, and its length in the top
/// byte, so that "dr" and "dr\0" differ.
///
/// The dot of every sentence looks up the word before it in [`TITLES`] and
/// [`SOFT`]; a binary search of numbers costs a fifth of one of strings,
/// which compared slices at every step.
const fn key(word: &[u8], fold: bool) -> Option<u64> {
    if word.len() > 7 {
        return None;
    }
    let mut k = (word.len() as u64) << 56;
    let mut i = 0;
    while i < word.len() {
        let b = if fold {
            word[i].to_ascii_lowercase()
        } else {
            word[i]
        };
        k |= (b as u64) << (8 * i);
        i += 1;
    }
    Some(k)
}

/// The keys of `words`, sorted.
const fn sorted_keys<const N: usize>(words: &[&str]) -> [u64; N] {
    let mut keys = [0u64; N];
    let mut i = 0;
    while i < N {
        let Some(k) = key(words[i].as_bytes(), false) else {
            panic!("abbreviations are at most seven bytes");
        };
        // Insertion sort: a few dozen keys, once, at compile time.
        let mut j = i;
        while j > 0 && keys[j - 1] > k {
            keys[j] = keys[j - 1];
            j -= 1;
        }
        keys[j] = k;
        i += 1;
    }
    keys
}

const TITLE_KEYS: [u64; TITLES.len()] = sorted_keys(TITLES);
const SOFT_KEYS: [u64; SOFT.len()] = sorted_keys(SOFT);

/// The longest entry of [`TITLES`] and [`SOFT`], in bytes.
const LONGEST_ABBREVIATION: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < TITLES.len() + SOFT.len() {
        let len = if i < TITLES.len() {
            TITLES[i].len()
        } else {
            SOFT[i - TITLES.len()].len()
        };
        if len > n {
            n = len;
        }
        i += 1;
    }
    n
};

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']' | '\u{00bb}' | '*' | '_'
    )
}

const fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201c}' | '\u{2018}' | '(' | '[' | '\u{00ab}'
    )
}

/// The longest sentence, in bytes. Prose never comes close (a 700-word
/// sentence is 4 KiB); a text without sentence ends (a scraped list, a page of
/// names, a binary blob decoded as text) is cut at the last whitespace before
/// the limit, so stages that look at pairs of words within a sentence stay
/// linear in the article's length.
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// Pushes `start..end` trimmed, cut into pieces of at most [`MAX_SENTENCE_BYTES`].
fn push_trimmed(text: &str, mut start: usize, end: usize, out: &mut Vec<Span>) {
    while end - start > MAX_SENTENCE_BYTES {
        let mut limit = start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let cut = text[start..limit]
            .rfind(char::is_whitespace)
            .map(|i| start + i)
            .filter(|&c| c > start)
            .unwrap_or(limit);
        push_piece(text, start, cut, out);
        start = cut;
    }
    push_piece(text, start, end, out);
}

fn push_piece(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let slice = &text[start..end];
    // A sentence mostly starts with a letter and ends with its stop:
    // visible ASCII at both ends leaves nothing to trim.
    let visible = |b: &u8| b.is_ascii_graphic();
    let bytes = slice.as_bytes();
    if bytes.first().is_some_and(visible) && bytes.last().is_some_and(visible) {
        out.push(Span::new(start, end));
        return;
    }
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviation_lists_are_sorted() {
        for list in [TITLES, SOFT] {
            assert!(list.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()));
            assert!(list.iter().all(|w| w.len() <= LONGEST_ABBREVIATION));
        }
        // The keys hold every word, and nothing else of up to seven bytes.
        for (list, keys) in [(TITLES, &TITLE_KEYS[..]), (SOFT, &SOFT_KEYS[..])] {
            assert_eq!(keys.len(), list.len());
            for w in list {
                assert!(
                    keys.binary_search(&key(w.as_bytes(), true).unwrap())
                        .is_ok()
                );
                let nul = format!("{w}\0");
                assert!(
                    keys.binary_search(&key(nul.as_bytes(), true).unwrap())
                        .is_err()
                );
            }
            assert_eq!(
                keys.binary_search(&key(b"DR", true).unwrap()).is_ok(),
                list.contains(&"dr")
            );
            assert!(keys.binary_search(&key(b"said", true).unwrap()).is_err());
            assert!(keys.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn word_start_table_is_the_char_test() {
        for b in 0..128u8 {
            let c = char::from(b);
            assert_eq!(
                WORD_START[usize::from(b)],
                c.is_whitespace() || is_opener(c) || c == '(',
                "{b:#x}"
            );
        }
    }

    #[test]
    fn position_from_finds_what_position_finds() {
        let text = "a".repeat(40) + "." + &"b".repeat(20) + "!";
        let bytes = text.as_bytes();
        let hit = |b: u8| b == b'.' || b == b'!';
        for from in 0..=bytes.len() + 2 {
            let want = bytes
                .get(from..)
                .and_then(|rest| rest.iter().position(|&b| hit(b)))
                .map(|p| from + p);
            assert_eq!(position_from(bytes, from, hit), want, "{from}");
        }
    }

    /// Splitting at the ends the tokeniser reports gives what scanning for
    /// them gives, paragraph by paragraph.
    #[test]
    fn split_at_known_ends_equals_scanning() {
        let text = "Dr. Kim met the U.S. envoy… Then? “Yes!” he said. 3.5 percent. \
                    J. K. Rao left 😀\u{200d}. Next. e.g. This. Inc. The end.\n\
                    (Reuters) - Talks “ended.” Mr. Lee…! ok. Sept. 29 came.";
        let paras = [Span::new(0, 120), Span::new(120, text.len())];
        assert!(text.is_char_boundary(120));
        let mut ends = Vec::new();
        crate::Tokens::with_sentence_ends(text, &paras, &mut ends);
        let mut known = Vec::new();
        for p in paras {
            let here: Vec<usize> = ends
                .iter()
                .copied()
                .filter(|&e| p.contains(Span::new(e, e)))
                .collect();
            split_paragraph_at(text, p, &here, &mut known);
        }
        let scanned = sentences(text, &paras);
        assert!(scanned.len() > 8, "{}", scanned.len());
        assert_eq!(known, scanned);
    }

    /// Each case: name, paragraph text, expected sentences.
    macro_rules! t {
        ($name:ident, $text:expr, [$($s:expr),* $(,)?]) => {
            #[test]
            fn $name() {
                let text: &str = $text;
                let got: Vec<&str> = sentences(text, &[Span::new(0, text.len())])
                    .iter()
                    .map(|s| s.slice(text))
                    .collect();
                let want: Vec<&str> = vec![$($s),*];
                assert_eq!(got, want);
            }
        };
    }

    t!(
        titles_do_not_split,
        "Dr. Sarah Kim met Mr. Lee. They talked.",
        ["Dr. Sarah Kim met Mr. Lee.", "They talked."]
    );
    t!(
        us_before_name_continues,
        "The U.S. State Department said so. Then it left.",
        ["The U.S. State Department said so.", "Then it left."]
    );
    t!(
        us_at_end_splits_before_opener,
        "Troops left the U.S. The move surprised many.",
        ["Troops left the U.S.", "The move surprised many."]
    );
    t!(
        months_continue,
        "On Sept. 29 the talks began. On Nov. 3, 2026 they ended.",
        [
            "On Sept. 29 the talks began.",
            "On Nov. 3, 2026 they ended."
        ]
    );
    t!(
        initials_continue,
        "Analyst J. K. Rao disagreed. He left.",
        ["Analyst J. K. Rao disagreed.", "He left."]
    );
    t!(
        decimals_continue,
        "Growth was 3.5 percent. Exports fell.",
        ["Growth was 3.5 percent.", "Exports fell."]
    );
    t!(
        quote_then_said_continues,
        "\"We will resist,\" he said. \"Never.\" She agreed.",
        ["\"We will resist,\" he said.", "\"Never.\"", "She agreed."]
    );
    t!(
        quote_period_inside_lowercase_continues,
        "\"It is over.\" he said. Fine.",
        ["\"It is over.\" he said.", "Fine."]
    );
    t!(
        question_in_quote,
        "\"Why now?\" asked Wang. Nobody knew.",
        ["\"Why now?\" asked Wang.", "Nobody knew."]
    );
    t!(
        curly_quotes_end_sentences,
        "“We agree.” “So do we,” Lee said.",
        ["“We agree.”", "“So do we,” Lee said."]
    );
    t!(
        ellipsis_then_capital,
        "He paused... Then he spoke.",
        ["He paused...", "Then he spoke."]
    );
    t!(
        ellipsis_char,
        "He paused… then he spoke. Done.",
        ["He paused… then he spoke.", "Done."]
    );
    t!(
        no_terminal_punctuation,
        "Headline without a stop",
        ["Headline without a stop"]
    );
    t!(
        number_abbrev,
        "He is No. 2 in the party. He said so.",
        ["He is No. 2 in the party.", "He said so."]
    );
    #[test]
    fn sentences_without_ends_are_cut_at_whitespace() {
        let text = "word ".repeat(3000) + "é".repeat(3000).as_str();
        let spans = sentences(&text, &[Span::new(0, text.len())]);
        assert!(spans.len() > 3, "{}", spans.len());
        for s in &spans {
            assert!(s.len() <= MAX_SENTENCE_BYTES, "{s}");
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        // Words are never split: every piece of the first part ends at a word end.
        assert!(spans[..2].iter().all(|s| s.slice(&text).ends_with("word")));
        let joined: String = spans
            .iter()
            .map(|s| s.slice(&text).replace(' ', ""))
            .collect();
        assert_eq!(joined, text.replace(' ', ""));
    }

    t!(
        jr_continues,
        "Martin Luther King Jr. Day passed. Next.",
        ["Martin Luther King Jr. Day passed.", "Next."]
    );
}
