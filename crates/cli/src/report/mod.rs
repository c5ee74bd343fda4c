//! Report writers: text for reading, JSON/JSONL for programs, CSV tables for
//! spreadsheets, pandas and R. Each writer receives articles in input order.

mod csv_tables;
mod json;
pub(crate) mod model;
mod output;
mod text;

use std::io;
use std::path::Path;

pub(crate) use output::Output;

use crate::input::Item;
use stance_analysis::ArticleAnalysis;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// A readable report per article.
    Text,
    /// A JSON array of article objects.
    Json,
    /// One JSON object per line, one line per article.
    Jsonl,
    /// Tidy tables: articles.csv, actors.csv, quotes.csv, relations.csv.
    Csv,
}

/// Writes article reports, in input order.
pub(crate) trait ReportWriter {
    /// Writes one article's report.
    fn write(&mut self, item: &Item, analysis: &ArticleAnalysis) -> io::Result<()>;
    /// Completes the output (closing brackets, renaming temporary files into place).
    fn finish(self: Box<Self>) -> io::Result<()>;
}

/// Options shared by the writers.
#[derive(Clone, Debug, Default)]
pub(crate) struct WriterOptions {
    /// Prefix CSV cells that a spreadsheet would run as a formula with `'`.
    pub(crate) csv_excel_safe: bool,
    /// Include per-sentence sentiment evidence in JSON reports.
    pub(crate) evidence: bool,
    /// The lexicons that produced the reports (name, version, hash).
    pub(crate) lexicons: Vec<model::LexiconRef>,
}

/// The writer for `format`, to stdout or into `out`.
pub(crate) fn writer(
    format: Format,
    out: Option<&Path>,
    options: WriterOptions,
) -> io::Result<Box<dyn ReportWriter>> {
    Ok(match format {
        Format::Text => Box::new(text::TextWriter::new(
            Output::open(out, "report.txt")?,
            options,
        )),
        Format::Json => Box::new(json::JsonWriter::new(
            Output::open(out, "report.json")?,
            false,
            options,
        )),
        Format::Jsonl => Box::new(json::JsonWriter::new(
            Output::open(out, "articles.jsonl")?,
            true,
            options,
        )),
        Format::Csv => Box::new(csv_tables::CsvWriter::new(out, options)?),
    })
}
