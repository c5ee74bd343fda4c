//! Cutting a JSON array into its elements as it is read, so that a corpus
//! exported as one `[{...}, {...}]` file streams like JSONL: memory holds one
//! element at a time (at most `--max-article-bytes` of it), not the file.
//!
//! The splitter only tracks the array's structure: strings (with their
//! escapes) and the nesting of objects and arrays. Each element's bytes are
//! parsed later, on a worker thread, like a JSONL line; an element that is
//! not valid JSON inside is that element's problem only. A fault in the
//! array's own structure (a missing comma, an unclosed array) ends the file,
//! named by line, after the elements before it.

use std::io::{self, BufRead};

/// One step of [`Splitter::next_element`].
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// The bytes of one element, and the line it starts on (1-based).
    Element { bytes: Vec<u8>, line: u64 },
    /// An element of `len` bytes, over the limit: skipped, reading went on.
    TooLong { len: usize, line: u64 },
    /// The array's structure is broken here; nothing more is read.
    Broken { message: String, line: u64 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Before the opening `[`.
    Start,
    /// After `[`: an element or `]`.
    First,
    /// After an element: `,` or `]`.
    After,
    /// After `]`: only white space may follow.
    Done,
    /// After a fault: nothing more is read.
    Failed,
}

/// Reads the elements of one JSON array from `reader`.
pub(crate) struct Splitter<R> {
    reader: R,
    max: usize,
    line: u64,
    state: State,
}

impl<R: BufRead> Splitter<R> {
    /// A splitter for a reader positioned at the array (a byte-order mark and
    /// white space before the `[` are skipped); elements over `max` bytes
    /// are reported, not kept.
    pub(crate) fn new(reader: R, max: usize) -> Splitter<R> {
        Splitter {
            reader,
            max,
            line: 1,
            state: State::Start,
        }
    }

    /// The next element, a skipped one, a structural fault, or `None` at the end.
    pub(crate) fn next_element(&mut self) -> io::Result<Option<Step>> {
        if self.state == State::Failed {
            return Ok(None);
        }
        loop {
            self.skip_space()?;
            let Some(b) = self.peek()? else {
                return Ok(match self.state {
                    State::Done | State::Failed => None,
                    State::Start => self.broken("empty JSON file"),
                    _ => self.broken("the JSON array is not closed (file truncated?)"),
                });
            };
            match (self.state, b) {
                (State::Done | State::Failed, _) => {
                    return Ok(self.broken(&format!(
                        "unexpected {} after the end of the JSON array",
                        describe(b)
                    )));
                }
                (State::Start, b'[') => {
                    self.reader.consume(1);
                    self.state = State::First;
                }
                (State::Start, _) => {
                    return Ok(
                        self.broken(&format!("expected a JSON array, found {}", describe(b)))
                    );
                }
                (State::First | State::After, b']') => {
                    self.reader.consume(1);
                    self.state = State::Done;
                }
                (State::After, b',') => {
                    self.reader.consume(1);
                    self.skip_space()?;
                    if self.peek()? == Some(b']') {
                        return Ok(self.broken("a comma before ']' (trailing comma)"));
                    }
                    return self.element().map(Some);
                }
                (State::After, _) => {
                    return Ok(self.broken(&format!(
                        "expected ',' or ']' after an element, found {}",
                        describe(b)
                    )));
                }
                (State::First, _) => return self.element().map(Some),
            }
        }
    }

    /// A fault: stops the splitter.
    fn broken(&mut self, message: &str) -> Option<Step> {
        self.state = State::Failed;
        Some(Step::Broken {
            message: message.to_string(),
            line: self.line,
        })
    }

    fn peek(&mut self) -> io::Result<Option<u8>> {
        Ok(self.reader.fill_buf()?.first().copied())
    }

    /// Skips JSON white space (and a byte-order mark before the array, byte
    /// by byte: a small read buffer may split it).
    fn skip_space(&mut self) -> io::Result<()> {
        const BOM: &[u8] = b"\xef\xbb\xbf";
        let mut bom = 0;
        loop {
            let buf = self.reader.fill_buf()?;
            if self.state == State::Start && bom < BOM.len() && buf.first() == Some(&BOM[bom]) {
                self.reader.consume(1);
                bom += 1;
                continue;
            }
            let n = buf
                .iter()
                .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                .unwrap_or(buf.len());
            self.line += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
            let more = n == buf.len() && n > 0;
            self.reader.consume(n);
            if !more {
                return Ok(());
            }
        }
    }

    /// Reads one element: an object or array to its matching close, a string
    /// to its closing quote, any other value to the next delimiter.
    fn element(&mut self) -> io::Result<Step> {
        let line = self.line;
        let mut bytes = Vec::new();
        let mut len = 0usize;
        let mut depth = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        let mut scalar = false;
        let mut done = false;
        while !done {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                self.state = State::Failed;
                return Ok(Step::Broken {
                    message: "the JSON array is not closed (file truncated?)".into(),
                    line,
                });
            }
            let mut used = buf.len();
            for (i, &b) in buf.iter().enumerate() {
                if len + i == 0 {
                    match b {
                        b'{' | b'[' => depth = 1,
                        b'"' => in_string = true,
                        _ => scalar = true,
                    }
                    continue;
                }
                if b == b'\n' {
                    self.line += 1;
                }
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if b == b'\\' {
                        escaped = true;
                    } else if b == b'"' {
                        in_string = false;
                        if depth == 0 {
                            used = i + 1;
                            done = true;
                            break;
                        }
                    }
                } else if scalar {
                    if matches!(b, b',' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        // The delimiter belongs to the array, not the value.
                        self.line -= u64::from(b == b'\n');
                        used = i;
                        done = true;
                        break;
                    }
                } else {
                    match b {
                        b'"' => in_string = true,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                used = i + 1;
                                done = true;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            if len + used <= self.max {
                bytes.extend_from_slice(&buf[..used]);
            } else {
                bytes = Vec::new();
            }
            len += used;
            self.reader.consume(used);
        }
        self.state = State::After;
        Ok(if len > self.max {
            Step::TooLong { len, line }
        } else {
            Step::Element { bytes, line }
        })
    }
}

/// A byte as a message names it.
fn describe(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("'{}'", char::from(b))
    } else {
        format!("byte 0x{b:02x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every step for `input` read through a buffer of `cap` bytes (small
    /// buffers split elements, strings and escapes across reads).
    fn steps(input: &str, max: usize, cap: usize) -> Vec<Step> {
        let reader = io::BufReader::with_capacity(cap, input.as_bytes());
        let mut s = Splitter::new(reader, max);
        let mut out = Vec::new();
        while let Some(step) = s.next_element().unwrap() {
            out.push(step);
        }
        out
    }

    fn element(text: &str, line: u64) -> Step {
        Step::Element {
            bytes: text.as_bytes().to_vec(),
            line,
        }
    }

    /// Objects with nested brackets and braces inside strings, escaped
    /// quotes and backslashes, scalars and nested arrays come out whole, with
    /// the line each starts on, whatever the read buffer's size.
    #[test]
    fn elements_come_out_whole() {
        let input = "\u{feff} [\n{\"text\":\"a ] } [ {\\\" \\\\\"},\n 7 ,\"x,]\", [1,[2]] ,\n\n{\"t\":{\"u\":[]}}\n]\n";
        for cap in [1, 2, 3, 7, 64] {
            assert_eq!(
                steps(input, 1000, cap),
                [
                    element("{\"text\":\"a ] } [ {\\\" \\\\\"}", 2),
                    element("7", 3),
                    element("\"x,]\"", 3),
                    element("[1,[2]]", 3),
                    element("{\"t\":{\"u\":[]}}", 5),
                ],
                "buffer {cap}"
            );
        }
        assert_eq!(steps("[]", 10, 8), []);
        assert_eq!(steps(" [ ] \n", 10, 8), []);
    }

    /// An element over the limit is skipped by length and reading goes on.
    #[test]
    fn long_elements_are_skipped_not_kept() {
        assert_eq!(
            steps("[{\"t\":\"0123456789\"},{\"t\":\"ok\"}]", 12, 4),
            [
                Step::TooLong { len: 18, line: 1 },
                element("{\"t\":\"ok\"}", 1),
            ]
        );
    }

    /// Faults in the array's structure end it, named by line, after the
    /// elements before them.
    #[test]
    fn broken_structure_is_named_by_line() {
        // (input, the elements before the fault, the fault and its line)
        let cases: [(&str, &[&str], &str, u64); 6] = [
            (
                "[{\"a\":1}\n{\"b\":2}]",
                &["{\"a\":1}"],
                "expected ',' or ']' after an element, found '{'",
                2,
            ),
            (
                "[{\"a\":1},\n{\"b\":",
                &["{\"a\":1}"],
                "the JSON array is not closed (file truncated?)",
                2,
            ),
            ("[1,]", &["1"], "a comma before ']' (trailing comma)", 1),
            (
                "[1]\n]",
                &["1"],
                "unexpected ']' after the end of the JSON array",
                2,
            ),
            (
                "[1",
                &[],
                "the JSON array is not closed (file truncated?)",
                1,
            ),
            ("  ", &[], "empty JSON file", 1),
        ];
        for (input, before, message, line) in cases {
            let mut expect: Vec<Step> = before.iter().map(|e| element(e, 1)).collect();
            expect.push(Step::Broken {
                message: message.into(),
                line,
            });
            assert_eq!(steps(input, 100, 8), expect, "{input:?}");
        }
    }
}
