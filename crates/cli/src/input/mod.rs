//! Inputs: which files to read, in which format, and the articles they hold.
//!
//! Reading is streaming: a JSONL or CSV corpus is read record by record, so a
//! corpus larger than memory flows through in bounded batches. Every problem
//! is an [`InputProblem`] naming the file and line (or byte), never a panic,
//! and never the end of the run.

mod discover;
mod json_array;
mod object;
mod records;

use std::fmt;
use std::path::PathBuf;

pub(crate) use discover::discover;
pub(crate) use records::{Columns, Pending, PendingEntry, Reader};

/// Input formats, chosen by extension or `--input-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum InputFormat {
    /// A plain-text article: headline, optional byline and dateline, paragraphs.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// A JSON array of objects (streamed element by element), or one object.
    Json,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
}

impl InputFormat {
    /// The format an extension implies; anything unknown is read as text
    /// (and rejected there if it turns out to be binary).
    pub(crate) fn from_path(path: &std::path::Path) -> InputFormat {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            "json" => InputFormat::Json,
            "csv" => InputFormat::Csv,
            "tsv" | "tab" => InputFormat::Tsv,
            _ => InputFormat::Text,
        }
    }
}

/// Where an input comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum InputPath {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

impl fmt::Display for InputPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputPath::Stdin => f.write_str("<stdin>"),
            InputPath::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// A skipped input or record: where, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct InputProblem {
    /// File (or `<stdin>`) as the user named it.
    pub(crate) path: String,
    /// 1-based line of the record, when the problem is one record of a corpus.
    pub(crate) line: Option<u64>,
    /// What is wrong.
    pub(crate) message: String,
}

impl fmt::Display for InputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// An article read from an input, with where it came from.
#[derive(Debug)]
pub(crate) struct Item {
    /// The parsed article.
    pub(crate) article: stance_core::Article,
    /// The file it came from, as the user named it.
    pub(crate) source_path: std::sync::Arc<str>,
    /// 1-based line of its record in a JSONL/CSV corpus.
    pub(crate) source_line: Option<u64>,
    /// Bytes of input this article took (for throughput figures).
    pub(crate) bytes: usize,
}

/// One thing an input yields: an article or a problem.
pub(crate) type Entry = Result<Item, InputProblem>;
