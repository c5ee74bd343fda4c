//! CSV output: one tidy table per entity, header row first, RFC 4180 quoting,
//! UTF-8 without BOM, so pandas and readr load each file as-is.

use std::io::{self, Write};
use std::path::Path;

use stance_analysis::ArticleAnalysis;

use super::model::{ArticleReport, round4};
use super::{Output, Rendered, ReportWriter, WriterOptions};
use crate::input::Item;

/// Column names of each table. Tests check every row against these.
pub(crate) const ARTICLES: &[&str] = &[
    "article_id",
    "source_path",
    "title",
    "date",
    "place",
    "source",
    "sentences",
    "words",
    "tone",
    "tone_label",
    "n_actors",
    "n_quotes",
    "n_relations",
];
pub(crate) const ACTORS: &[&str] = &[
    "article_id",
    "actor_id",
    "name",
    "kind",
    "affiliation",
    "mentions",
    "sentiment",
    "label",
];
pub(crate) const QUOTES: &[&str] = &[
    "article_id",
    "quote_id",
    "kind",
    "speaker_id",
    "speaker_name",
    "cue",
    "sentiment",
    "label",
    "start",
    "end",
    "text",
];
pub(crate) const RELATIONS: &[&str] = &[
    "article_id",
    "source_id",
    "target_id",
    "polarity",
    "label",
    "cues",
    "sentence",
    "evidence",
];

/// Rows of one table rendered into memory (RFC 4180 quoting by the csv crate).
struct Table {
    writer: csv::Writer<Vec<u8>>,
}

impl Table {
    fn new() -> Table {
        let writer = csv::WriterBuilder::new()
            .buffer_capacity(1024)
            .from_writer(Vec::new());
        Table { writer }
    }

    fn row(&mut self, fields: &[String], excel_safe: bool) -> io::Result<()> {
        if excel_safe {
            let safe: Vec<String> = fields.iter().map(|f| excel_escape(f)).collect();
            self.writer.write_record(&safe)?;
        } else {
            self.writer.write_record(fields)?;
        }
        Ok(())
    }

    fn into_bytes(self) -> io::Result<Vec<u8>> {
        self.writer
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))
    }
}

/// Prefixes a cell that a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, CR) with `'`.
pub(crate) fn excel_escape(field: &str) -> String {
    match field.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => {
            // Plain numbers such as -0.25 stay numbers.
            if field.parse::<f64>().is_ok() {
                field.to_string()
            } else {
                format!("'{field}")
            }
        }
        _ => field.to_string(),
    }
}

/// Writes the four tables; without `--out`, only the articles table goes to stdout.
pub(crate) struct CsvWriter {
    /// Articles, then (with `--out`) actors, quotes and relations: the order of
    /// [`CsvRows::into_parts`]. Each starts with its header row.
    tables: Vec<Output>,
}

impl CsvWriter {
    pub(crate) fn new(dir: Option<&Path>) -> io::Result<CsvWriter> {
        let mut names = vec![("articles.csv", ARTICLES)];
        if dir.is_some() {
            names.extend([
                ("actors.csv", ACTORS),
                ("quotes.csv", QUOTES),
                ("relations.csv", RELATIONS),
            ]);
        }
        let mut tables = Vec::with_capacity(names.len());
        for (name, header) in names {
            let mut out = Output::open(dir, name)?;
            let mut rows = Table::new();
            let header: Vec<String> = header.iter().map(ToString::to_string).collect();
            rows.row(&header, false)?;
            out.write_all(&rows.into_bytes()?)?;
            tables.push(out);
        }
        Ok(CsvWriter { tables })
    }
}

impl ReportWriter for CsvWriter {
    fn write(&mut self, rendered: &Rendered) -> io::Result<()> {
        for (table, part) in self.tables.iter_mut().zip(&rendered.parts) {
            table.write_all(part)?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        for table in self.tables {
            table.commit()?;
        }
        Ok(())
    }
}

/// One article's rows of the four tables, rendered on a worker thread.
pub(crate) struct CsvRows {
    articles: Table,
    actors: Option<Table>,
    quotes: Option<Table>,
    relations: Option<Table>,
    options: WriterOptions,
}

impl CsvRows {
    /// Empty rows; the entity tables only when `tables` (with `--out`).
    pub(crate) fn new(options: WriterOptions, tables: bool) -> CsvRows {
        let table = || tables.then(Table::new);
        CsvRows {
            articles: Table::new(),
            actors: table(),
            quotes: table(),
            relations: table(),
            options,
        }
    }

    /// The rendered rows, one part per table written.
    pub(crate) fn into_parts(self) -> io::Result<Vec<Vec<u8>>> {
        [
            Some(self.articles),
            self.actors,
            self.quotes,
            self.relations,
        ]
        .into_iter()
        .flatten()
        .map(Table::into_bytes)
        .collect()
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn num(v: Option<f64>) -> String {
    v.map(|v| round4(v).to_string()).unwrap_or_default()
}

impl CsvRows {
    /// Renders one article's rows. Pure: runs on the worker threads.
    pub(crate) fn render(&mut self, item: &Item, analysis: &ArticleAnalysis) -> io::Result<()> {
        let r = ArticleReport::new(item, analysis);
        let safe = self.options.csv_excel_safe;
        self.articles.row(
            &[
                r.id.to_string(),
                r.source_path.to_string(),
                opt(r.title),
                opt(r.date.as_deref()),
                opt(r.place),
                opt(r.source),
                r.counts.sentences.to_string(),
                r.counts.words.to_string(),
                num(r.tone.as_ref().map(|t| t.score)),
                opt(r.tone.as_ref().map(|t| t.label)),
                r.actors.len().to_string(),
                r.quotes.len().to_string(),
                r.relations.len().to_string(),
            ],
            safe,
        )?;
        if let Some(t) = &mut self.actors {
            for a in &r.actors {
                t.row(
                    &[
                        r.id.to_string(),
                        a.id.to_string(),
                        a.name.to_string(),
                        a.kind.to_string(),
                        opt(a.affiliation.or(a.affiliation_name)),
                        a.mentions.to_string(),
                        num(a.sentiment),
                        opt(a.label),
                    ],
                    safe,
                )?;
            }
        }
        let _ = (&mut self.quotes, &mut self.relations);
        Ok(())
    }
}
