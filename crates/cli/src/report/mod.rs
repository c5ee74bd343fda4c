//! Report writers: text for reading, JSON/JSONL for programs, CSV tables for
//! spreadsheets, pandas and R. Each writer receives articles in input order.

mod block;
mod csv_tables;
mod json;
pub(crate) mod model;
mod num;
mod output;
mod text;

use std::io;
use std::path::Path;

pub(crate) use json::plain_run;
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

/// One article's report rendered to bytes: one part per output of the
/// format (text, JSON and JSONL: one; CSV: articles, actors, quotes,
/// relations). Rendering is pure, so it runs on the worker threads and only
/// the copying out is serial.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    pub(crate) parts: Vec<Vec<u8>>,
    /// CSV with `--out`: the article's relations, for the corpus-wide dyads table.
    pub(crate) dyads: Vec<csv_tables::DyadPart>,
}

/// Renders reports; `Sync`, shared by every worker thread.
#[derive(Clone, Debug)]
pub(crate) struct Renderer {
    pub(crate) format: Format,
    pub(crate) options: WriterOptions,
    /// Whether the CSV entity tables (actors, quotes, relations) are written.
    pub(crate) tables: bool,
}

impl Renderer {
    /// Renders one article's report. The bytes depend only on the article
    /// and its analysis, never on its position in the output.
    pub(crate) fn render(&self, item: &Item, analysis: &ArticleAnalysis) -> io::Result<Rendered> {
        let mut buf = Vec::new();
        let parts = match self.format {
            Format::Text => {
                text::TextWriter::render(&mut buf, item, analysis, &self.options)?;
                vec![buf]
            }
            Format::Json | Format::Jsonl => {
                // A compact report runs about three times its article's text
                // (quotes and evidence repeat it, keys and spans add to it);
                // sizing the buffer once spares a dozen doublings and copies.
                buf.reserve(item.article.text().len() * 4 + 2048);
                let lines = self.format == Format::Jsonl;
                json::JsonWriter::render(&mut buf, item, analysis, &self.options, lines)?;
                vec![buf]
            }
            Format::Csv => {
                let mut rows = csv_tables::CsvRows::new(&self.options, self.tables);
                rows.render(item, analysis)?;
                return rows.into_rendered();
            }
        };
        Ok(Rendered {
            parts,
            dyads: Vec::new(),
        })
    }
}

/// Writes rendered article reports, in input order.
pub(crate) trait ReportWriter {
    /// Writes one article's rendered report (from this format's [`Renderer`]).
    fn write(&mut self, rendered: &Rendered) -> io::Result<()>;
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
    /// The stages that ran (`--stages`); reports name them when not all ran.
    pub(crate) stages: stance_analysis::Stages,
}

/// The renderer and the writer for `format`, to stdout or into `out`.
pub(crate) fn writer(
    format: Format,
    out: Option<&Path>,
    options: WriterOptions,
) -> io::Result<(Renderer, Box<dyn ReportWriter>)> {
    let renderer = Renderer {
        format,
        options: options.clone(),
        tables: out.is_some(),
    };
    let writer: Box<dyn ReportWriter> = match format {
        Format::Text => Box::new(text::TextWriter::new(Output::open(out, "report.txt")?)),
        Format::Json => Box::new(json::JsonWriter::new(
            Output::open(out, "report.json")?,
            false,
        )),
        Format::Jsonl => Box::new(json::JsonWriter::new(
            Output::open(out, "articles.jsonl")?,
            true,
        )),
        Format::Csv => Box::new(csv_tables::CsvWriter::new(out, options)?),
    };
    Ok((renderer, writer))
}
