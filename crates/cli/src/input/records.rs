//! Turning input files into a stream of articles and problems.
//!
//! Reading is split in two so that parsing scales with threads: the [`Reader`]
//! does only I/O and framing (one line, one CSV row, one file) and yields
//! [`Pending`] records in input order; [`Pending::parse`] (UTF-8 check, JSON,
//! `Article::parse`) runs on the worker threads.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::sync::Arc;

use serde_json::Value;
use stance_core::{Article, ArticleId, Record};

use super::discover::describe_io;
use super::json_array::{Splitter, Step};
use super::object::{self, FieldValue, Fields};
use super::{Entry, InputFormat, InputPath, InputProblem, Item};

/// Which record fields (JSONL keys or CSV header names) hold the article.
#[derive(Clone, Debug)]
pub(crate) struct Columns {
    /// Field holding the body; default `text`, falling back to `body`, `content`.
    pub(crate) text: Option<String>,
    /// Field holding the id; default `id`. Records without one get `<file stem>:<line>`.
    pub(crate) id: Option<String>,
    /// Field holding the title; default `title`, falling back to `headline`.
    pub(crate) title: Option<String>,
}

impl Columns {
    fn text_names(&self) -> Vec<&str> {
        match &self.text {
            Some(t) => vec![t.as_str()],
            None => vec!["text", "body", "content"],
        }
    }
    fn id_names(&self) -> Vec<&str> {
        match &self.id {
            Some(t) => vec![t.as_str()],
            None => vec!["id"],
        }
    }
    fn title_names(&self) -> Vec<&str> {
        match &self.title {
            Some(t) => vec![t.as_str()],
            None => vec!["title", "headline"],
        }
    }
}

/// A record read but not parsed yet: what the [`Reader`] yields, in input order.
#[derive(Debug)]
pub(crate) enum Pending {
    /// A whole plain-text file, not yet checked for NUL bytes or UTF-8.
    Text {
        path: Arc<str>,
        stem: Arc<str>,
        bytes: Vec<u8>,
    },
    /// One non-blank JSONL line (terminator removed).
    JsonLine {
        path: Arc<str>,
        stem: Arc<str>,
        line: u64,
        bytes: Vec<u8>,
    },
    /// One element of a JSON array, as read (not yet checked for UTF-8),
    /// and the line it starts on.
    JsonElement {
        path: Arc<str>,
        stem: Arc<str>,
        ordinal: usize,
        line: u64,
        bytes: Vec<u8>,
    },
    /// A JSON file that is one value, not an array: read and parsed whole.
    JsonValue {
        path: Arc<str>,
        stem: Arc<str>,
        ordinal: usize,
        value: Value,
    },
    /// One CSV/TSV row, already split into fields.
    CsvRow {
        path: Arc<str>,
        line: Option<u64>,
        record: Record,
        size: usize,
    },
}

/// One thing the [`Reader`] yields: a record to parse, or a problem.
pub(crate) type PendingEntry = Result<Pending, InputProblem>;

impl Pending {
    /// Bytes of input this record holds (to bound batches before parsing).
    pub(crate) fn size(&self) -> usize {
        match self {
            Pending::Text { bytes, .. }
            | Pending::JsonLine { bytes, .. }
            | Pending::JsonElement { bytes, .. } => bytes.len(),
            // Parsed JSON is already in memory whole; count its text.
            Pending::JsonValue { value, .. } => match value {
                Value::Object(map) => map.values().map(|v| v.as_str().map_or(0, str::len)).sum(),
                _ => 0,
            },
            Pending::CsvRow { size, .. } => *size,
        }
    }

    /// Decodes and parses the record into an article. Pure CPU work: safe to
    /// run on any thread, and its result depends on the record alone.
    pub(crate) fn parse(self, columns: &Columns) -> Entry {
        match self {
            Pending::Text { path, stem, bytes } => parse_text(bytes, &path, &stem),
            Pending::JsonLine {
                path,
                stem,
                line,
                bytes,
            } => {
                let size = bytes.len();
                let text = match decode(bytes) {
                    Ok(t) => t,
                    Err(e) => {
                        return Err(InputProblem {
                            path: path.to_string(),
                            line: Some(line),
                            message: e.to_string(),
                        });
                    }
                };
                let fields = match json_fields(text.trim_start_matches('\u{feff}')) {
                    Ok(fields) => fields,
                    Err(message) => {
                        return Err(InputProblem {
                            path: path.to_string(),
                            line: Some(line),
                            message,
                        });
                    }
                };
                object_to_item(
                    columns,
                    fields,
                    &path,
                    &stem,
                    Some(line),
                    line as usize,
                    size,
                )
            }
            // A JSON array has no record lines: a problem names the element
            // and the line it starts on, while ids and `source_line` stay as
            // they were when arrays were read whole (`<stem>:<element>`, no
            // line), so that a corpus's ids do not depend on its layout.
            Pending::JsonElement {
                path,
                stem,
                ordinal,
                line,
                bytes,
            } => {
                let size = bytes.len();
                let named = |message: String| InputProblem {
                    path: path.to_string(),
                    line: Some(line),
                    message: format!("element {ordinal}: {message}"),
                };
                let text = decode(bytes).map_err(|e| named(e.to_string()))?;
                let fields = json_fields(&text).map_err(named)?;
                object_to_item(columns, fields, &path, &stem, None, ordinal, size)
                    .map_err(|p| named(p.message))
            }
            Pending::JsonValue {
                path,
                stem,
                ordinal,
                value,
            } => into_fields(value)
                .map_err(|message| InputProblem {
                    path: path.to_string(),
                    line: None,
                    message,
                })
                .and_then(|fields| object_to_item(columns, fields, &path, &stem, None, ordinal, 0))
                .map_err(|mut p| {
                    p.message = format!("element {ordinal}: {}", p.message);
                    p
                }),
            Pending::CsvRow {
                path,
                line,
                record,
                size,
            } => to_item(
                crate::guard::catch(|| Article::from_record(record)),
                &path,
                line,
                size,
            ),
        }
    }
}

/// Streams records from a list of inputs, one at a time, without parsing them.
pub(crate) struct Reader {
    inputs: VecDeque<InputPath>,
    forced: Option<InputFormat>,
    columns: Columns,
    max_bytes: usize,
    current: Option<Source>,
    pending: VecDeque<PendingEntry>,
}

enum Source {
    /// A JSON file holding an array, read element by element.
    JsonArray {
        path: Arc<str>,
        stem: Arc<str>,
        splitter: Box<Splitter<Box<dyn BufRead + Send>>>,
        /// Elements read so far.
        ordinal: usize,
    },
    Lines {
        path: Arc<str>,
        stem: Arc<str>,
        reader: Box<dyn BufRead + Send>,
        line: u64,
    },
    Csv {
        path: Arc<str>,
        stem: Arc<str>,
        reader: Box<csv::Reader<Metered>>,
        header: Vec<String>,
        roles: CsvRoles,
        delimiter: u8,
        /// Lines before the csv reader's line 1 (after a skipped over-long record).
        line_base: u64,
    },
}

#[derive(Clone, Debug)]
struct CsvRoles {
    text: usize,
    id: Option<usize>,
    title: Option<usize>,
    date: Option<usize>,
    source: Option<usize>,
    url: Option<usize>,
}

impl Reader {
    /// A reader over `inputs`; `forced` overrides the format implied by extensions.
    pub(crate) fn new(
        inputs: Vec<InputPath>,
        forced: Option<InputFormat>,
        columns: Columns,
        max_bytes: usize,
    ) -> Reader {
        Reader {
            inputs: inputs.into(),
            forced,
            columns,
            max_bytes,
            current: None,
            pending: VecDeque::new(),
        }
    }

    fn open_next(&mut self) -> bool {
        let Some(input) = self.inputs.pop_front() else {
            return false;
        };
        let shown: Arc<str> = input.to_string().into();
        let stem: Arc<str> = match &input {
            InputPath::Stdin => "stdin".into(),
            InputPath::File(p) => p
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default()
                .into(),
        };
        let format = self.forced.unwrap_or(match &input {
            InputPath::Stdin => InputFormat::Text,
            InputPath::File(p) => InputFormat::from_path(p),
        });
        let problem = |message: String| InputProblem {
            path: shown.to_string(),
            line: None,
            message,
        };
        let raw: Box<dyn Read + Send> = match &input {
            InputPath::Stdin => Box::new(io::stdin()),
            InputPath::File(p) => match File::open(p) {
                Ok(f) => {
                    if let Ok(meta) = f.metadata() {
                        if meta.is_dir() {
                            self.pending
                                .push_back(Err(problem("is a directory".into())));
                            return true;
                        }
                        // Only a regular file knows its length: a pipe (`<(cmd)`) says 0.
                        if meta.is_file() && meta.len() == 0 {
                            self.pending.push_back(Err(problem("empty file".into())));
                            return true;
                        }
                    }
                    Box::new(f)
                }
                Err(e) => {
                    self.pending.push_back(Err(problem(describe_io(&e))));
                    return true;
                }
            },
        };
        match format {
            InputFormat::Text => {
                let entry = read_bounded(raw, self.max_bytes)
                    .map(|bytes| Pending::Text {
                        path: shown.clone(),
                        stem,
                        bytes,
                    })
                    .map_err(|e| problem(e.to_string()));
                self.pending.push_back(entry);
            }
            InputFormat::Json => self.read_json(raw, &shown, &stem),
            InputFormat::Jsonl => {
                self.current = Some(Source::Lines {
                    path: shown,
                    stem,
                    reader: Box::new(BufReader::with_capacity(1 << 16, raw)),
                    line: 0,
                });
            }
            InputFormat::Csv | InputFormat::Tsv => {
                let delimiter = if format == InputFormat::Tsv {
                    b'\t'
                } else {
                    b','
                };
                let mut reader = csv::ReaderBuilder::new()
                    .delimiter(delimiter)
                    .flexible(false)
                    .from_reader(Metered::new(raw, self.max_bytes));
                let header: Vec<String> = match reader.byte_headers() {
                    Ok(h) => h
                        .iter()
                        .map(|f| {
                            String::from_utf8_lossy(f)
                                .trim_start_matches('\u{feff}')
                                .to_string()
                        })
                        .collect(),
                    Err(e) => {
                        self.pending
                            .push_back(Err(problem(format!("cannot read CSV header: {e}"))));
                        return true;
                    }
                };
                match self.csv_roles(&header) {
                    Ok(roles) => {
                        self.current = Some(Source::Csv {
                            path: shown,
                            stem,
                            reader: Box::new(reader),
                            header,
                            roles,
                            delimiter,
                            line_base: 0,
                        })
                    }
                    Err(message) => self.pending.push_back(Err(InputProblem {
                        path: shown.to_string(),
                        line: Some(1),
                        message,
                    })),
                }
            }
        }
        true
    }

    fn csv_roles(&self, header: &[String]) -> Result<CsvRoles, String> {
        let find = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| header.iter().position(|h| h == n))
        };
        let text = find(&self.columns.text_names()).ok_or_else(|| {
            format!(
                "no text column (looked for {}; header is {}); use --text-column",
                self.columns.text_names().join(", "),
                header.join(",")
            )
        })?;
        Ok(CsvRoles {
            text,
            id: find(&self.columns.id_names()),
            title: find(&self.columns.title_names()),
            date: find(&["date", "published", "publish_date"]),
            source: find(&["source", "outlet", "publisher"]),
            url: find(&["url", "link"]),
        })
    }

    /// A JSON array streams element by element ([`Source::JsonArray`]);
    /// any other JSON value is read whole, bounded by `--max-article-bytes`.
    fn read_json(&mut self, raw: Box<dyn Read + Send>, path: &Arc<str>, stem: &Arc<str>) {
        let problem = |message: String| InputProblem {
            path: path.to_string(),
            line: None,
            message,
        };
        let mut reader: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(1 << 16, raw));
        // Peek at the first byte that is not white space (or a byte-order
        // mark) without consuming anything: the whole-value path below
        // reports JSON errors by line.
        let first = match reader.fill_buf() {
            Ok(buf) => {
                let buf = buf.strip_prefix(b"\xef\xbb\xbf").unwrap_or(buf);
                buf.iter()
                    .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                    .copied()
            }
            Err(e) => {
                self.pending.push_back(Err(problem(describe_io(&e))));
                return;
            }
        };
        if first == Some(b'[') {
            self.current = Some(Source::JsonArray {
                path: path.clone(),
                stem: stem.clone(),
                splitter: Box::new(Splitter::new(reader, self.max_bytes)),
                ordinal: 0,
            });
            return;
        }
        let text = match read_bounded(Box::new(reader), self.max_bytes)
            .and_then(|b| decode(b).map_err(ReadError::Decode))
        {
            Ok(t) => t,
            Err(ReadError::TooLarge(max)) => {
                self.pending.push_back(Err(problem(format!(
                    "JSON file is over --max-article-bytes {max}; a JSON file that is not an \
                     array is read whole, so make it an array or JSONL (one object per line)"
                ))));
                return;
            }
            Err(e) => {
                self.pending.push_back(Err(problem(e.to_string())));
                return;
            }
        };
        let value: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                self.pending.push_back(Err(InputProblem {
                    path: path.to_string(),
                    line: Some(e.line() as u64),
                    message: format!("invalid JSON: {e}"),
                }));
                return;
            }
        };
        let objects = match value {
            Value::Array(items) => items,
            other => vec![other],
        };
        for (i, value) in objects.into_iter().enumerate() {
            self.pending.push_back(Ok(Pending::JsonValue {
                path: path.clone(),
                stem: stem.clone(),
                ordinal: i + 1,
                value,
            }));
        }
    }

    fn next_element(&mut self) -> Option<PendingEntry> {
        let Some(Source::JsonArray {
            path,
            stem,
            splitter,
            ordinal,
        }) = &mut self.current
        else {
            return None;
        };
        let problem = |line: u64, message: String| InputProblem {
            path: path.to_string(),
            line: Some(line),
            message,
        };
        match splitter.next_element() {
            Ok(None) => None,
            Ok(Some(Step::Element { bytes, line })) => {
                *ordinal += 1;
                Some(Ok(Pending::JsonElement {
                    path: path.clone(),
                    stem: stem.clone(),
                    ordinal: *ordinal,
                    line,
                    bytes,
                }))
            }
            Ok(Some(Step::TooLong { len, line })) => {
                *ordinal += 1;
                Some(Err(problem(
                    line,
                    format!(
                        "element {}: {len} bytes, over --max-article-bytes {}",
                        ordinal, self.max_bytes
                    ),
                )))
            }
            Ok(Some(Step::Broken { message, line })) => {
                Some(Err(problem(line, format!("invalid JSON array: {message}"))))
            }
            Err(e) => {
                let p = InputProblem {
                    path: path.to_string(),
                    line: None,
                    message: describe_io(&e),
                };
                self.current = None;
                Some(Err(p))
            }
        }
    }

    fn next_line(&mut self) -> Option<PendingEntry> {
        let Some(Source::Lines {
            path,
            stem,
            reader,
            line,
        }) = &mut self.current
        else {
            return None;
        };
        loop {
            *line += 1;
            let n = *line;
            match read_line_bounded(reader.as_mut(), self.max_bytes) {
                Ok(None) => return None,
                Ok(Some(LineRead::TooLong(len))) => {
                    return Some(Err(InputProblem {
                        path: path.to_string(),
                        line: Some(n),
                        message: format!(
                            "line is {len} bytes, over --max-article-bytes {}",
                            self.max_bytes
                        ),
                    }));
                }
                Ok(Some(LineRead::Line(bytes))) => {
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(Ok(Pending::JsonLine {
                        path: path.clone(),
                        stem: stem.clone(),
                        line: n,
                        bytes,
                    }));
                }
                Err(e) => {
                    return Some(Err(InputProblem {
                        path: path.to_string(),
                        line: Some(n),
                        message: describe_io(&e),
                    }));
                }
            }
        }
    }

    fn next_row(&mut self) -> Option<PendingEntry> {
        let Some(Source::Csv {
            path,
            stem,
            reader,
            header,
            roles,
            delimiter,
            line_base,
        }) = &mut self.current
        else {
            return None;
        };
        let base = *line_base;
        let start_line = base + reader.position().line();
        reader.get_ref().start_record();
        let mut record = csv::ByteRecord::new();
        let result = reader.read_byte_record(&mut record);
        let line = record.position().map(|p| base + p.line());
        let problem = |message: String, line: Option<u64>| InputProblem {
            path: path.to_string(),
            line,
            message,
        };
        match result {
            Ok(false) => None,
            Err(e) if Metered::is_too_long(&e) => {
                drop(record);
                // Skip the rest of the line the record was on and go on with a
                // fresh csv reader: the old one is inside the record.
                let old = std::mem::replace(
                    reader.as_mut(),
                    csv::Reader::from_reader(Metered::new(Box::new(io::empty()), 0)),
                );
                let mut metered = old.into_inner();
                let skipped = metered.skip_line();
                *line_base = metered.lines();
                **reader = csv::ReaderBuilder::new()
                    .delimiter(*delimiter)
                    .flexible(false)
                    .has_headers(false)
                    .from_reader(metered);
                let message = match skipped {
                    Ok(()) => format!(
                        "record is over --max-article-bytes {}; skipped to the end of its line",
                        self.max_bytes
                    ),
                    Err(e) => describe_io(&e),
                };
                Some(Err(problem(message, Some(start_line))))
            }
            Err(e) => {
                let line = e.position().map(|p| base + p.line()).or(line);
                let message = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => {
                        format!("row has {len} fields, header has {expected_len}")
                    }
                    _ => format!("malformed CSV: {e}"),
                };
                // The csv reader recovers at the next record, so the run goes on.
                Some(Err(problem(message, line)))
            }
            Ok(true) => {
                let size = record.as_slice().len();
                // An unclosed quote swallows every row after it into one field:
                // the file ended inside quotes and a field holds lines shaped like rows.
                let row_like = |f: &[u8]| {
                    header.len() > 1
                        && f.split(|&b| b == b'\n').skip(1).any(|l| {
                            l.iter().filter(|&&b| b == *delimiter).count() + 1 >= header.len()
                        })
                };
                if reader.get_ref().ended_inside_quotes() && record.iter().any(row_like) {
                    let end = base + reader.position().line();
                    return Some(Err(problem(
                        format!(
                            "unclosed quote: this record runs to the end of the file (line {end}), \
                             swallowing the rows after it; close the quote and run again"
                        ),
                        Some(start_line),
                    )));
                }
                if size > self.max_bytes {
                    return Some(Err(problem(
                        format!(
                            "record is {size} bytes, over --max-article-bytes {}",
                            self.max_bytes
                        ),
                        Some(start_line),
                    )));
                }
                let mut fields = Vec::with_capacity(record.len());
                for (i, f) in record.iter().enumerate() {
                    match std::str::from_utf8(f) {
                        Ok(s) => fields.push(s.to_string()),
                        Err(e) => {
                            return Some(Err(problem(
                                format!(
                                    "invalid UTF-8 in column {:?} at byte {} of the field",
                                    header[i],
                                    e.valid_up_to()
                                ),
                                line,
                            )));
                        }
                    }
                }
                let get = |i: Option<usize>| {
                    i.and_then(|i| fields.get(i))
                        .filter(|s| !s.is_empty())
                        .cloned()
                };
                let used = [
                    Some(roles.text),
                    roles.id,
                    roles.title,
                    roles.date,
                    roles.source,
                    roles.url,
                ];
                let extra = header
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !used.contains(&Some(*i)))
                    .map(|(i, h)| (h.clone(), fields.get(i).cloned().unwrap_or_default()))
                    .collect();
                let record = Record {
                    id: ArticleId(
                        get(roles.id).unwrap_or_else(|| format!("{stem}:{}", line.unwrap_or(0))),
                    ),
                    title: get(roles.title),
                    text: fields.get(roles.text).cloned().unwrap_or_default(),
                    date: get(roles.date),
                    source: get(roles.source),
                    url: get(roles.url),
                    extra,
                };
                Some(Ok(Pending::CsvRow {
                    path: path.clone(),
                    line,
                    record,
                    size,
                }))
            }
        }
    }
}

impl Iterator for Reader {
    type Item = PendingEntry;

    fn next(&mut self) -> Option<PendingEntry> {
        loop {
            if let Some(e) = self.pending.pop_front() {
                return Some(e);
            }
            let next = match &self.current {
                Some(Source::Lines { .. }) => self.next_line(),
                Some(Source::JsonArray { .. }) => self.next_element(),
                Some(Source::Csv { .. }) => self.next_row(),
                None => {
                    if !self.open_next() {
                        return None;
                    }
                    continue;
                }
            };
            match next {
                Some(e) => return Some(e),
                None => self.current = None,
            }
        }
    }
}

/// The fields of one JSON object (a JSONL line or an array element): flat
/// objects are read in place, anything else through serde_json.
fn json_fields(json: &str) -> Result<Fields<'_>, String> {
    if let Some(fields) = object::flat_object(json) {
        return Ok(fields);
    }
    match serde_json::from_str(json) {
        Ok(value) => into_fields(value),
        Err(e) => Err(format!(
            "invalid JSON at column {}: {}",
            e.column(),
            json_message(&e)
        )),
    }
}

/// The fields of a record that serde_json read, which must be an object.
fn into_fields(value: Value) -> Result<Fields<'static>, String> {
    match value {
        Value::Object(map) => Ok(object::from_map(map)),
        other => Err(format!(
            "expected a JSON object, found {}",
            json_type(&other)
        )),
    }
}

/// Turns one JSON object's fields into an article, taking the configured
/// fields out and carrying the rest into metadata.
fn object_to_item(
    columns: &Columns,
    mut fields: Fields<'_>,
    path: &str,
    stem: &str,
    line: Option<u64>,
    ordinal: usize,
    bytes: usize,
) -> Entry {
    let problem = |message: String| InputProblem {
        path: path.to_string(),
        line,
        message,
    };
    // The first of `names` present is taken out of the record (the others
    // stay, as metadata); a number or null is accepted unless `required`.
    let take_str = |fields: &mut Fields<'_>,
                    names: &[&str],
                    required: bool|
     -> Result<Option<String>, String> {
        for name in names {
            if let Some(i) = fields.iter().position(|(k, _)| k == name) {
                return match fields.remove(i).1 {
                    FieldValue::Str(s) => Ok(Some(s.into_owned())),
                    FieldValue::Json(Value::Number(n)) if !required => Ok(Some(n.to_string())),
                    FieldValue::Json(Value::Null) if !required => Ok(None),
                    FieldValue::Json(other) => Err(format!(
                        "field {name:?} should be a string, found {}",
                        json_type(&other)
                    )),
                };
            }
        }
        Ok(None)
    };
    let text = match take_str(&mut fields, &columns.text_names(), true) {
        Ok(Some(t)) => t,
        Ok(None) => {
            return Err(problem(format!("no {:?} field", columns.text_names()[0])));
        }
        Err(m) => return Err(problem(m)),
    };
    let taken = (|| -> Result<_, String> {
        Ok((
            take_str(&mut fields, &columns.id_names(), false)?,
            take_str(&mut fields, &columns.title_names(), false)?,
            take_str(&mut fields, &["date"], false)?,
            take_str(&mut fields, &["source"], false)?,
            take_str(&mut fields, &["url"], false)?,
        ))
    })();
    let (id, title, date, source, url) = match taken {
        Ok(f) => f,
        Err(m) => return Err(problem(m)),
    };
    let id = id.unwrap_or_else(|| format!("{stem}:{}", line.unwrap_or(ordinal as u64)));
    let extra = fields
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                FieldValue::Str(s) => s.into_owned(),
                FieldValue::Json(other) => other.to_string(),
            };
            (k.into_owned(), v)
        })
        .collect();
    let record = Record {
        id: ArticleId(id),
        title,
        text,
        date,
        source,
        url,
        extra,
    };
    to_item(
        crate::guard::catch(|| Article::from_record(record)),
        path,
        line,
        bytes,
    )
}

/// An article (or the parse error, or the panic it caused) as an entry.
fn to_item(
    article: Result<Result<Article, stance_core::ParseError>, String>,
    path: &str,
    line: Option<u64>,
    bytes: usize,
) -> Entry {
    let problem = |message: String| InputProblem {
        path: path.to_string(),
        line,
        message,
    };
    match article {
        Err(panic) => Err(problem(panic)),
        Ok(Err(e)) => Err(problem(e.to_string())),
        Ok(Ok(article)) => {
            let bytes = if bytes == 0 {
                article.text().len()
            } else {
                bytes
            };
            Ok(Item {
                article,
                source_path: path.into(),
                source_line: line,
                bytes,
            })
        }
    }
}

/// The reader under a CSV parser: it counts the bytes each record pulls and
/// refuses more than `--max-article-bytes` (plus the parser's own buffer), so
/// one huge or unterminated record is skipped rather than loaded whole.
struct Metered {
    inner: BufReader<Box<dyn Read + Send>>,
    /// Bytes handed to the parser since the current record began.
    record: std::cell::Cell<u64>,
    /// Line breaks handed to the parser (or skipped) so far.
    lines: u64,
    /// Quote characters handed to the parser since the start (or the last skip).
    quotes: u64,
    /// The input has ended.
    eof: bool,
    limit: u64,
}

/// Marks the I/O error [`Metered`] returns for an over-long record.
#[derive(Debug)]
struct RecordTooLong;

impl std::fmt::Display for RecordTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("record is over --max-article-bytes")
    }
}

impl std::error::Error for RecordTooLong {}

impl Metered {
    /// Room for the csv parser's read-ahead buffer (8 KiB) on top of the limit.
    const SLACK: u64 = 1 << 16;

    fn new(raw: Box<dyn Read + Send>, max: usize) -> Metered {
        Metered {
            inner: BufReader::with_capacity(1 << 16, raw),
            record: Default::default(),
            lines: 0,
            quotes: 0,
            eof: false,
            limit: (max as u64).saturating_add(Self::SLACK),
        }
    }

    /// Starts counting a new record.
    fn start_record(&self) {
        self.record.set(0);
    }

    /// Line breaks consumed so far.
    fn lines(&self) -> u64 {
        self.lines
    }

    /// True when the parser has had all the input and an odd number of quote
    /// characters: the last record ran to the end of the file inside a quoted field.
    fn ended_inside_quotes(&self) -> bool {
        self.eof && self.quotes % 2 == 1
    }

    /// Discards input up to and including the next line break.
    fn skip_line(&mut self) -> io::Result<()> {
        self.quotes = 0;
        loop {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                return Ok(());
            }
            match memchr::memchr(b'\n', buf) {
                Some(i) => {
                    self.inner.consume(i + 1);
                    self.lines += 1;
                    return Ok(());
                }
                None => {
                    let n = buf.len();
                    self.inner.consume(n);
                }
            }
        }
    }

    fn is_too_long(e: &csv::Error) -> bool {
        match e.kind() {
            csv::ErrorKind::Io(io) => io.get_ref().is_some_and(|e| e.is::<RecordTooLong>()),
            _ => false,
        }
    }
}

impl Read for Metered {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.record.get() > self.limit {
            return Err(io::Error::other(RecordTooLong));
        }
        let n = self.inner.read(buf)?;
        self.eof |= n == 0 && !buf.is_empty();
        self.record.set(self.record.get() + n as u64);
        self.lines += memchr::memchr_iter(b'\n', &buf[..n]).count() as u64;
        self.quotes += memchr::memchr_iter(b'"', &buf[..n]).count() as u64;
        Ok(n)
    }
}

/// serde_json's message without its own "at line 1 column N" suffix (one line is one record).
fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[derive(Debug)]
enum ReadError {
    Io(io::Error),
    TooLarge(usize),
    Binary(usize),
    Decode(DecodeError),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => f.write_str(&describe_io(e)),
            ReadError::TooLarge(max) => {
                write!(f, "file is over --max-article-bytes {max}")
            }
            ReadError::Binary(at) => write!(f, "binary file (NUL byte at offset {at})"),
            ReadError::Decode(e) => write!(f, "{e}"),
        }
    }
}

/// Invalid UTF-8, located by byte offset and line.
#[derive(Debug)]
pub(crate) struct DecodeError {
    byte: usize,
    line: usize,
    value: u8,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "invalid UTF-8: byte 0x{:02x} at offset {} (line {}); convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8)",
            self.value, self.byte, self.line
        )
    }
}

fn decode(bytes: Vec<u8>) -> Result<String, DecodeError> {
    String::from_utf8(bytes).map_err(|e| {
        let byte = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..byte].iter().filter(|&&b| b == b'\n').count() + 1;
        DecodeError {
            byte,
            line,
            value: bytes[byte],
        }
    })
}

fn read_bounded(raw: Box<dyn Read + Send>, max: usize) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    raw.take((max as u64).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() > max {
        return Err(ReadError::TooLarge(max));
    }
    Ok(bytes)
}

/// Checks and parses a whole plain-text file read by the [`Reader`].
fn parse_text(bytes: Vec<u8>, path: &str, stem: &str) -> Entry {
    let problem = |message: String| InputProblem {
        path: path.to_string(),
        line: None,
        message,
    };
    if let Some(at) = memchr_nul(&bytes) {
        return Err(problem(ReadError::Binary(at).to_string()));
    }
    let size = bytes.len();
    let text = decode(bytes).map_err(|e| problem(e.to_string()))?;
    if text.trim().is_empty() {
        return Err(problem("empty file (only whitespace)".into()));
    }
    to_item(
        crate::guard::catch(|| Article::parse(ArticleId(stem.to_string()), text)),
        path,
        None,
        size,
    )
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

enum LineRead {
    Line(Vec<u8>),
    TooLong(usize),
}

/// Reads one line (without its terminator), never holding more than `max` bytes of it.
fn read_line_bounded(reader: &mut dyn BufRead, max: usize) -> io::Result<Option<LineRead>> {
    let mut line = Vec::new();
    let mut total = 0usize;
    let mut any = false;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        total += chunk.len();
        if total <= max {
            line.extend_from_slice(chunk);
        } else {
            line = Vec::new();
        }
        let consumed = done.unwrap_or(chunk.len());
        reader.consume(consumed);
        if done.is_some() {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if total > max {
        return Ok(Some(LineRead::TooLong(total)));
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(Some(LineRead::Line(line)))
}
