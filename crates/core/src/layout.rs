//! The layout of a news article: headline, byline, dateline, paragraphs and a
//! trailing credit line, found without changing a byte of the text.

use crate::date::{Date, month_number};
use crate::span::Span;

/// Where the parts of an article are, as byte spans into its text.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Layout {
    pub(crate) headline: Option<Span>,
    pub(crate) byline: Option<Span>,
    pub(crate) dateline: Option<Dateline>,
    pub(crate) paragraphs: Vec<Span>,
    pub(crate) credits: Vec<Span>,
    /// Control characters in the whole text (see [`Lines::controls`]).
    pub(crate) controls: usize,
}

/// A dateline at the start of the first paragraph: `BEIJING, CHINA - SEPTEMBER 29, 2025 - `.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Dateline {
    /// The whole dateline including the trailing dash.
    pub(crate) span: Span,
    pub(crate) place: Span,
    pub(crate) date: Option<Date>,
    pub(crate) date_span: Option<Span>,
    pub(crate) agency: Option<Span>,
}

/// The lines of a text, and its control characters.
struct Lines {
    /// Each line's span, without its terminator.
    spans: Vec<Span>,
    /// Control characters (`char::is_control`: C0, DEL and C1) other than
    /// tab and line breaks. Counted here because finding the line breaks
    /// already stops at every C0 byte: a pass of its own over the text cost
    /// as much as finding the lines.
    controls: usize,
}

/// Splits `text` into lines (`\n`, `\r\n` or `\r`), and counts its control
/// characters (see [`Lines::controls`]).
fn lines(text: &str) -> Lines {
    let bytes = text.as_bytes();
    // News has a line break in about every hundred bytes.
    let mut out = Vec::with_capacity(text.len() / 64);
    let mut controls = 0;
    let mut start = 0;
    let mut i = 0;
    // Branch-free, so `position_from` tests a block of bytes at once. Line
    // breaks are C0 bytes; so is tab, neither a line break nor counted, but
    // leaving it out cost a third more in every block for a byte that news
    // text hardly has. A C1 character (U+0080..=U+009F) is the two bytes
    // `C2 80..=9F`, so nothing is decoded.
    let stop = |c: u8| (c < 0x20) | (c == 0x7f) | (c == 0xc2);
    while let Some(at) = crate::segment::position_from(bytes, i, stop) {
        i = at;
        match bytes[i] {
            b'\n' => {
                out.push(Span::new(start, i));
                // Paragraphs are mostly apart by a blank line: take its
                // break here rather than search for it.
                while bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                    out.push(Span::new(i, i));
                }
                start = i + 1;
            }
            b'\r' => {
                out.push(Span::new(start, i));
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            0xc2 => {
                controls += usize::from(
                    bytes
                        .get(i + 1)
                        .is_some_and(|&d| (0x80..=0x9f).contains(&d)),
                );
            }
            b'\t' => {}
            _ => controls += 1,
        }
        i += 1;
    }
    if start < bytes.len() {
        out.push(Span::new(start, bytes.len()));
    }
    Lines {
        spans: out,
        controls,
    }
}

fn is_blank(text: &str, span: Span) -> bool {
    span.slice(text).trim().is_empty()
}

fn trim(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.end - trail)
}

/// Finds the layout of a plain-text article whose first non-empty line is its headline.
pub(crate) fn plain(text: &str) -> Layout {
    let lines = lines(text);
    let mut rest = lines
        .spans
        .iter()
        .copied()
        .skip_while(|l| is_blank(text, *l));
    let headline = rest.next().map(|l| trim(text, l));
    let body: Vec<Span> = rest.collect();
    let mut layout = body_layout(text, &body, true);
    layout.headline = headline;
    layout.controls = lines.controls;
    layout
}

/// Finds the layout of a body whose title is held elsewhere (JSONL, CSV).
pub(crate) fn body(text: &str) -> Layout {
    let lines = lines(text);
    let mut layout = body_layout(text, &lines.spans, false);
    layout.controls = lines.controls;
    layout
}

fn body_layout(text: &str, lines: &[Span], allow_byline: bool) -> Layout {
    let mut layout = Layout::default();
    let mut lines = lines;
    // Byline: the first non-blank line, if it reads "By Name".
    if allow_byline {
        if let Some(pos) = lines.iter().position(|l| !is_blank(text, *l)) {
            let line = trim(text, lines[pos]);
            if let Some(name) = byline(text, line) {
                layout.byline = Some(name);
                lines = &lines[pos + 1..];
            }
        }
    }
    layout.paragraphs = paragraphs(text, lines);
    // Credits: trailing paragraphs that read "Reporting by ..." and the like.
    while let Some(last) = layout.paragraphs.last() {
        if is_credit(last.slice(text)) {
            layout.credits.insert(0, *last);
            layout.paragraphs.pop();
        } else {
            break;
        }
    }
    if let Some(first) = layout.paragraphs.first_mut() {
        if let Some(d) = dateline(text, *first) {
            *first = trim(text, Span::new(d.span.end, first.end));
            layout.dateline = Some(d);
            if first.is_empty() {
                layout.paragraphs.remove(0);
            }
        }
    }
    layout
}

/// Groups lines into paragraph spans.
///
/// One line is one paragraph (the seed's form) unless blank lines separate
/// blocks of several lines each, as in hard-wrapped text: then a block is a paragraph.
fn paragraphs(text: &str, lines: &[Span]) -> Vec<Span> {
    // The non-blank lines, trimmed, and where each block of them ends in
    // that list: blocks without a list of their own, so the common case
    // (one line each) costs no allocation per paragraph.
    let mut trimmed: Vec<Span> = Vec::with_capacity(lines.len());
    // Blocks are mostly one line and a blank one.
    let mut block_ends: Vec<usize> = Vec::with_capacity(lines.len() / 2 + 1);
    let mut saw_blank = false;
    for line in lines {
        let t = trim(text, *line);
        if t.is_empty() {
            let open = trimmed.len() > block_ends.last().copied().unwrap_or(0);
            saw_blank |= open || !block_ends.is_empty();
            if open {
                block_ends.push(trimmed.len());
            }
        } else {
            trimmed.push(t);
        }
    }
    if trimmed.len() > block_ends.last().copied().unwrap_or(0) {
        block_ends.push(trimmed.len());
    }
    // Each block as a (start, end) range of `trimmed`.
    let blocks = || {
        std::iter::once(0)
            .chain(block_ends.iter().copied())
            .zip(block_ends.iter().copied())
    };
    let wrapped = saw_blank && blocks().any(|(start, end)| end - start > 1);
    if wrapped {
        blocks()
            .map(|(start, end)| Span::new(trimmed[start].start, trimmed[end - 1].end))
            .collect()
    } else {
        trimmed
    }
}

fn byline(text: &str, line: Span) -> Option<Span> {
    let s = line.slice(text);
    let rest = s.strip_prefix("By ").or_else(|| s.strip_prefix("BY "))?;
    let words = rest.split_whitespace().count();
    let ok = rest.chars().next().is_some_and(char::is_uppercase)
        && (1..=12).contains(&words)
        && s.len() <= 120
        && !rest.trim_end().ends_with(['.', '!', '?'])
        || rest.trim_end().ends_with(" Jr.");
    ok.then(|| trim(text, Span::new(line.end - rest.len(), line.end)))
}

const CREDIT_STARTS: &[&str] = &[
    "reporting by",
    "additional reporting by",
    "writing by",
    "editing by",
    "compiled by",
    "source:",
    "sources:",
    "with reporting by",
    "(reporting by",
    "(additional reporting by",
    "(editing by",
    "(writing by",
];

fn is_credit(paragraph: &str) -> bool {
    let p = paragraph
        .trim()
        .trim_start_matches(['*', '_', '(', '['])
        .trim_start();
    if p.len() >= 300 {
        return false;
    }
    // The first 30 characters, lower-cased. ASCII lower-cases byte for
    // byte, so it is compared in place: only other text is copied.
    let head = &p[..p.char_indices().nth(30).map_or(p.len(), |(i, _)| i)];
    let lower;
    let head = if head.is_ascii() {
        head
    } else {
        lower = head.to_lowercase();
        &lower
    };
    CREDIT_STARTS.iter().any(|s| {
        let s = s.trim_start_matches('(');
        head.get(..s.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(s))
    })
}

/// The name a credit gives as the article's source: `*Reporting by Dw.*` -> `Dw`.
pub(crate) fn credit_source(text: &str, credit: Span) -> Option<Span> {
    let s = credit.slice(text);
    let lower = s.to_lowercase();
    let at = lower.find(" by ")? + 4;
    let name_part = &s[at..];
    let end = name_part
        .find([';', '|', '\n', '*', '_', ')', ']'])
        .unwrap_or(name_part.len());
    let name = name_part[..end].trim().trim_end_matches(['.', ',']).trim();
    // Multiple reporters: keep the first one.
    let name = name
        .split(" and ")
        .next()
        .unwrap_or(name)
        .split(',')
        .next()
        .unwrap_or(name)
        .trim();
    if name.is_empty() {
        return None;
    }
    let start = credit.start + at + name_part.find(name)?;
    Some(Span::new(start, start + name.len()))
}

/// Dashes that separate dateline parts: hyphen, en dash, em dash, double hyphen.
fn dash_len(s: &str) -> Option<usize> {
    if s.starts_with("--") {
        Some(2)
    } else {
        s.chars()
            .next()
            .filter(|c| matches!(c, '-' | '\u{2013}' | '\u{2014}' | '\u{2012}'))
            .map(char::len_utf8)
    }
}

/// After optional spaces, a dash, then spaces: returns bytes consumed.
fn separator(s: &str) -> Option<usize> {
    let lead = s.len() - s.trim_start_matches([' ', '\t', '\u{a0}']).len();
    let d = dash_len(&s[lead..])?;
    let after = &s[lead + d..];
    let trail = after.len() - after.trim_start_matches([' ', '\t', '\u{a0}']).len();
    // "PLACE-based" is a word, not a separator: require a space on one side.
    (lead > 0 || trail > 0).then_some(lead + d + trail)
}

/// Parses a dateline at the start of paragraph `para`.
pub(crate) fn dateline(text: &str, para: Span) -> Option<Dateline> {
    let s = para.slice(text);
    // The first 120 bytes, cut back to a character boundary before slicing.
    let head = &s[..floor_boundary(s, s.len().min(120))];
    // PLACE is everything up to "(", or up to the first separator.
    let paren = head.find('(');
    let sep = find_separator(head);
    let (place_end, after_place) = match (paren, sep) {
        (Some(p), Some((d, _))) if p < d => (p, p),
        (Some(p), None) => (p, p),
        (_, Some((d, _))) => (d, d),
        _ => return None,
    };
    let place_raw = head[..place_end].trim_end();
    let mut place_text = place_raw.trim_end_matches(',').trim_end();
    let mut date = None;
    let mut date_span = None;
    let mut agency = None;
    if !is_place(place_text) {
        // "WASHINGTON, Sept. 3, 2025 - ": the date follows the place after a comma.
        let (p, d, at) = place_text.match_indices(',').find_map(|(i, _)| {
            let rest = &place_text[i + 1..];
            Date::parse(rest).map(|d| {
                (
                    &place_text[..i],
                    d,
                    i + 1 + (rest.len() - rest.trim_start().len()),
                )
            })
        })?;
        if !is_place(p.trim_end()) {
            return None;
        }
        date = Some(d);
        date_span = Some(Span::new(para.start + at, para.start + place_text.len()));
        place_text = p.trim_end();
    }
    let mut pos = after_place;
    if head[pos..].starts_with('(') {
        let close = head[pos..].find(')')? + pos;
        let inner_raw = &head[pos + 1..close];
        let inner = inner_raw.trim();
        let inner_start = para.start + pos + 1 + (inner_raw.len() - inner_raw.trim_start().len());
        if let Some(d) = Date::parse(inner) {
            date = Some(d);
            date_span = Some(Span::new(inner_start, inner_start + inner.len()));
        } else if is_agency(inner) {
            agency = Some(Span::new(inner_start, inner_start + inner.len()));
        } else {
            return None;
        }
        pos = close + 1;
        pos += separator(&head[pos..])?;
    } else {
        pos += separator(&head[pos..])?;
    }
    // Optional "DATE - " after the place separator.
    if date.is_none() {
        if let Some((d_end, _)) = find_separator(&head[pos..]) {
            let candidate = head[pos..pos + d_end].trim();
            if let Some(d) = Date::parse(candidate) {
                let start = para.start + pos + (head[pos..].len() - head[pos..].trim_start().len());
                date = Some(d);
                date_span = Some(Span::new(start, start + candidate.len()));
                pos += d_end + separator(&head[pos + d_end..])?;
            }
        }
    }
    // A bare "PLACE - " needs an all-caps place to be told from a sentence.
    if date.is_none() && agency.is_none() && place_text.chars().any(char::is_lowercase) {
        return None;
    }
    let place_start = para.start;
    Some(Dateline {
        span: Span::new(para.start, para.start + pos),
        place: Span::new(place_start, place_start + place_text.len()),
        date,
        date_span,
        agency,
    })
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Finds the first dash separator with a space on at least one side.
fn find_separator(s: &str) -> Option<(usize, usize)> {
    let mut search = 0;
    while let Some(rel) = s[search..].find(['-', '\u{2013}', '\u{2014}', '\u{2012}']) {
        let at = search + rel;
        // Back up over spaces so the separator includes them.
        let start = s[..at].trim_end_matches([' ', '\t', '\u{a0}']).len();
        if let Some(n) = separator(&s[start..]) {
            return Some((start, n));
        }
        search = at + s[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// A dateline place: one to five comma-separated parts of capitalised words, no sentence inside.
fn is_place(s: &str) -> bool {
    if s.is_empty()
        || s.len() > 60
        || month_number(s.split_whitespace().next().unwrap_or("")).is_some()
            && Date::parse(s).is_some()
    {
        return false;
    }
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    parts.len() <= 4
        && parts.iter().all(|part| {
            let words: Vec<&str> = part.split_whitespace().collect();
            !words.is_empty()
                && words.len() <= 4
                && words.iter().all(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        || matches!(*w, "de" | "da" | "of" | "al" | "el" | "la")
                })
        })
}

/// A news agency named in a dateline: "Reuters", "AP", "AFP", "Xinhua".
fn is_agency(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.split_whitespace().count() <= 4
        && s.chars().next().is_some_and(char::is_uppercase)
        && !s.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(first: &str) -> Option<(String, Option<String>, Option<String>, String)> {
        let d = dateline(first, Span::new(0, first.len()))?;
        Some((
            d.place.slice(first).to_string(),
            d.date.map(|d| d.to_string()),
            d.agency.map(|a| a.slice(first).to_string()),
            first[d.span.end..].to_string(),
        ))
    }

    /// `paragraphs` groups lines as a list of blocks did (the code before
    /// it kept no list per block), for every pattern of up to eight blank,
    /// short and padded lines.
    #[test]
    fn paragraphs_group_as_blocks_did() {
        fn blocks_reference(text: &str, lines: &[Span]) -> Vec<Span> {
            let mut blocks: Vec<Vec<Span>> = Vec::new();
            let mut current: Vec<Span> = Vec::new();
            let mut saw_blank = false;
            for line in lines {
                if is_blank(text, *line) {
                    saw_blank |= !current.is_empty() || !blocks.is_empty();
                    if !current.is_empty() {
                        blocks.push(std::mem::take(&mut current));
                    }
                } else {
                    current.push(trim(text, *line));
                }
            }
            if !current.is_empty() {
                blocks.push(current);
            }
            if saw_blank && blocks.iter().any(|b| b.len() > 1) {
                blocks
                    .iter()
                    .map(|b| Span::new(b[0].start, b[b.len() - 1].end))
                    .collect()
            } else {
                blocks.into_iter().flatten().collect()
            }
        }
        let kinds = ["", "  ", "One.", " Two "];
        for n in 0..=8u32 {
            for code in 0..4usize.pow(n) {
                let text: Vec<&str> = (0..n).map(|k| kinds[code / 4usize.pow(k) % 4]).collect();
                let text = text.join("\n");
                let lines = lines(&text).spans;
                assert_eq!(
                    paragraphs(&text, &lines),
                    blocks_reference(&text, &lines),
                    "{text:?}"
                );
            }
        }
    }

    /// The control characters `lines` counts are those `char::is_control`
    /// finds, other than tab and line breaks.
    #[test]
    fn counts_controls_as_char_is_control_does() {
        let text = "a\u{0}b\tc\n\r\u{7f}\u{80}\u{9f}\u{a0}\u{85}é\u{1b}ÿ\u{2028}\r\n\u{1}";
        let by_chars = text
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            .count();
        assert_eq!(lines(text).controls, by_chars);
        assert_eq!(by_chars, 7);
    }

    #[test]
    fn credits_in_any_case() {
        assert!(is_credit("(Reporting by Ali Kaya)"));
        assert!(is_credit("*REPORTING BY Dw.*"));
        assert!(is_credit("Source: Xinhua"));
        assert!(!is_credit("Reporters said"));
        assert!(!is_credit("Sourc"));
        assert!(!is_credit("Édition spéciale"));
    }

    #[test]
    fn seed_dateline() {
        assert_eq!(
            parse("BEIJING, CHINA - SEPTEMBER 29, 2025 - In a move seen"),
            Some((
                "BEIJING, CHINA".into(),
                Some("2025-09-29".into()),
                None,
                "In a move seen".into()
            ))
        );
    }

    /// A multi-byte character straddling the 120-byte dateline window must
    /// not panic (found on PolNeAR by the scale corpus).
    #[test]
    fn dateline_window_ends_inside_a_character() {
        let first = "COLUMBIA, S.C. (AP) \u{2014} The Latest on the 2016 presidential election and two crucial contests Saturday: South Carolina\u{2019}s primary";
        assert!(!first.is_char_boundary(120));
        assert_eq!(parse(first).map(|p| p.0), Some("COLUMBIA, S.C.".into()));
    }

    #[test]
    fn wire_datelines() {
        assert_eq!(
            parse("ISTANBUL (Reuters) - Turkey said"),
            Some((
                "ISTANBUL".into(),
                None,
                Some("Reuters".into()),
                "Turkey said".into()
            ))
        );
        assert_eq!(
            parse("TOKYO (Nov. 3, 2026) — Japan's prime minister"),
            Some((
                "TOKYO".into(),
                Some("2026-11-03".into()),
                None,
                "Japan's prime minister".into()
            ))
        );
        assert_eq!(
            parse("BRUSSELS, Belgium - March 4, 2026 - The EU"),
            Some((
                "BRUSSELS, Belgium".into(),
                Some("2026-03-04".into()),
                None,
                "The EU".into()
            ))
        );
        assert_eq!(
            parse("KYIV - Russia fired"),
            Some(("KYIV".into(), None, None, "Russia fired".into()))
        );
        assert_eq!(
            parse("WASHINGTON, Sept. 3, 2025 — The Senate"),
            Some((
                "WASHINGTON".into(),
                Some("2025-09-03".into()),
                None,
                "The Senate".into()
            ))
        );
    }

    #[test]
    fn sentences_are_not_datelines() {
        assert_eq!(parse("The ceasefire - agreed last week - held."), None);
        assert_eq!(
            parse("In Beijing - a city of millions - people wait."),
            None
        );
        assert_eq!(parse("Russia and Ukraine agreed to talks."), None);
        assert_eq!(parse("Self-reliance is key, he said."), None);
    }

    #[test]
    fn plain_layout_of_seed_shape() {
        let text = "Headline Here\nBEIJING, CHINA - SEPTEMBER 29, 2025 - First para.\nSecond para.\n*Reporting by Dw.*";
        let l = plain(text);
        assert_eq!(l.headline.unwrap().slice(text), "Headline Here");
        assert_eq!(l.paragraphs.len(), 2);
        assert_eq!(l.paragraphs[0].slice(text), "First para.");
        assert_eq!(l.credits.len(), 1);
        assert_eq!(credit_source(text, l.credits[0]).unwrap().slice(text), "Dw");
    }

    #[test]
    fn byline_and_wrapped_paragraphs() {
        let text = "Title\r\nBy Maria Okafor\r\n\r\nISTANBUL (Reuters) - One\r\ntwo.\r\n\r\nThree\r\nfour.\r\n\r\nAdditional reporting by Ali Kaya; Editing by Tom Reed\r\n";
        let l = plain(text);
        assert_eq!(l.byline.unwrap().slice(text), "Maria Okafor");
        let paras: Vec<&str> = l.paragraphs.iter().map(|p| p.slice(text)).collect();
        assert_eq!(paras, ["One\r\ntwo.", "Three\r\nfour."]);
        assert_eq!(
            credit_source(text, l.credits[0]).unwrap().slice(text),
            "Ali Kaya"
        );
    }
}
