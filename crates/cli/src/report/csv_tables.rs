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

/// Opens `dir/name` (stdout without `--out`) and writes the header row.
fn open_table(dir: Option<&Path>, name: &str, header: &[&str]) -> io::Result<Output> {
    let mut out = Output::open(dir, name)?;
    let mut rows = Table::new();
    let header: Vec<String> = header.iter().map(ToString::to_string).collect();
    rows.row(&header, false)?;
    out.write_all(&rows.into_bytes()?)?;
    Ok(out)
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
    /// [`CsvRows::into_rendered`]. Each starts with its header row.
    tables: Vec<Output>,
    dyads: Option<Dyads>,
    dir: Option<std::path::PathBuf>,
    options: WriterOptions,
}

/// One article's rows of the four tables, rendered on a worker thread.
pub(crate) struct CsvRows<'a> {
    articles: Table,
    actors: Option<Table>,
    quotes: Option<Table>,
    relations: Option<Table>,
    dyads: Option<Vec<DyadPart>>,
    options: &'a WriterOptions,
}

/// The corpus view: one row per directed (source, target) pair over the whole run.
pub(crate) const DYADS: &[&str] = &[
    "source_id",
    "source_name",
    "target_id",
    "target_name",
    "articles",
    "relations",
    "mean_polarity",
    "cooperative",
    "supportive",
    "neutral",
    "critical",
    "hostile",
    "article_ids",
];

#[derive(Default)]
struct Dyad {
    source_name: String,
    target_name: String,
    articles: Vec<String>,
    relations: usize,
    polarity_sum: f64,
    labels: [usize; 5],
}

/// Accumulates dyads in first-seen order so the table is deterministic.
#[derive(Default)]
struct Dyads {
    order: Vec<(String, String)>,
    rows: std::collections::HashMap<(String, String), Dyad>,
}

/// One relation's contribution to the dyads table, taken on a worker thread
/// and added to the corpus-wide [`Dyads`] in input order.
#[derive(Debug)]
pub(crate) struct DyadPart {
    article: String,
    source: String,
    source_name: String,
    target: String,
    target_name: String,
    polarity: f64,
    label: &'static str,
}

impl DyadPart {
    fn of(article: &str, rel: &super::model::RelationReport<'_>) -> DyadPart {
        DyadPart {
            article: article.to_string(),
            source: rel.source.to_string(),
            source_name: rel.source_name.to_string(),
            target: rel.target.to_string(),
            target_name: rel.target_name.to_string(),
            polarity: rel.polarity,
            label: rel.label,
        }
    }
}

impl Dyads {
    fn add(&mut self, relations: &[DyadPart]) {
        for rel in relations {
            let article = rel.article.as_str();
            let key = (rel.source.clone(), rel.target.clone());
            let dyad = self.rows.entry(key.clone()).or_insert_with(|| {
                self.order.push(key);
                Dyad {
                    source_name: rel.source_name.to_string(),
                    target_name: rel.target_name.to_string(),
                    ..Dyad::default()
                }
            });
            if dyad.articles.last().map(String::as_str) != Some(article) {
                dyad.articles.push(article.to_string());
            }
            dyad.relations += 1;
            dyad.polarity_sum += rel.polarity;
            let slot = [
                "cooperative",
                "supportive",
                "neutral",
                "critical",
                "hostile",
            ]
            .iter()
            .position(|l| *l == rel.label)
            .unwrap_or(2);
            dyad.labels[slot] += 1;
        }
    }

    fn write(self, dir: Option<&Path>, safe: bool) -> io::Result<()> {
        let mut out = open_table(dir, "dyads.csv", DYADS)?;
        let mut table = Table::new();
        for key in &self.order {
            let d = &self.rows[key];
            let mut row = vec![
                key.0.clone(),
                d.source_name.clone(),
                key.1.clone(),
                d.target_name.clone(),
                d.articles.len().to_string(),
                d.relations.to_string(),
                round4(d.polarity_sum / d.relations as f64).to_string(),
            ];
            row.extend(d.labels.iter().map(ToString::to_string));
            row.push(d.articles.join(" "));
            table.row(&row, safe)?;
        }
        out.write_all(&table.into_bytes()?)?;
        out.commit()
    }
}

impl CsvWriter {
    pub(crate) fn new(dir: Option<&Path>, options: WriterOptions) -> io::Result<CsvWriter> {
        let mut tables = vec![open_table(dir, "articles.csv", ARTICLES)?];
        if dir.is_some() {
            tables.push(open_table(dir, "actors.csv", ACTORS)?);
            tables.push(open_table(dir, "quotes.csv", QUOTES)?);
            tables.push(open_table(dir, "relations.csv", RELATIONS)?);
        }
        Ok(CsvWriter {
            tables,
            dyads: dir.map(|_| Dyads::default()),
            dir: dir.map(Path::to_path_buf),
            options,
        })
    }
}

impl ReportWriter for CsvWriter {
    fn write(&mut self, rendered: &Rendered) -> io::Result<()> {
        for (table, part) in self.tables.iter_mut().zip(&rendered.parts) {
            table.write_all(part)?;
        }
        if let Some(d) = &mut self.dyads {
            d.add(&rendered.dyads);
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        let this = *self;
        for table in this.tables {
            table.commit()?;
        }
        if let Some(d) = this.dyads {
            d.write(this.dir.as_deref(), this.options.csv_excel_safe)?;
        }
        Ok(())
    }
}

impl CsvRows<'_> {
    /// Empty rows; the entity tables and dyads only when `tables` (with `--out`).
    pub(crate) fn new(options: &WriterOptions, tables: bool) -> CsvRows<'_> {
        let table = || tables.then(Table::new);
        CsvRows {
            articles: Table::new(),
            actors: table(),
            quotes: table(),
            relations: table(),
            dyads: tables.then(Vec::new),
            options,
        }
    }

    /// The rendered rows, one part per table written, and the dyad parts.
    pub(crate) fn into_rendered(self) -> io::Result<Rendered> {
        let parts = [
            Some(self.articles),
            self.actors,
            self.quotes,
            self.relations,
        ]
        .into_iter()
        .flatten()
        .map(Table::into_bytes)
        .collect::<io::Result<_>>()?;
        Ok(Rendered {
            parts,
            dyads: self.dyads.unwrap_or_default(),
        })
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// A score cell; the report model has already rounded it.
fn num(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

impl<'a> CsvRows<'a> {
    /// Renders one article's rows. Pure: runs on the worker threads.
    pub(crate) fn render(&mut self, item: &Item, analysis: &ArticleAnalysis) -> io::Result<()> {
        let r = ArticleReport::new(item, analysis, self.options);
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
        if let Some(t) = &mut self.relations {
            for rel in &r.relations {
                t.row(
                    &[
                        r.id.to_string(),
                        rel.source.to_string(),
                        rel.target.to_string(),
                        rel.polarity.to_string(),
                        rel.label.to_string(),
                        rel.cues.join("; "),
                        rel.sentence.to_string(),
                        rel.evidence.to_string(),
                    ],
                    safe,
                )?;
            }
        }
        if let Some(d) = &mut self.dyads {
            d.extend(r.relations.iter().map(|rel| DyadPart::of(r.id, rel)));
        }
        if let Some(t) = &mut self.quotes {
            for q in &r.quotes {
                let speaker = q.speaker.as_ref();
                t.row(
                    &[
                        r.id.to_string(),
                        q.id.to_string(),
                        q.kind.to_string(),
                        opt(speaker.and_then(|s| s.id)),
                        opt(speaker.and_then(|s| s.name.or(s.mention))),
                        opt(q.cue),
                        num(q.sentiment),
                        opt(q.label),
                        q.span.0.to_string(),
                        q.span.1.to_string(),
                        q.text.to_string(),
                    ],
                    safe,
                )?;
            }
        }
        Ok(())
    }
}
