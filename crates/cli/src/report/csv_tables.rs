//! CSV output: one tidy table per entity, header row first, RFC 4180 quoting,
//! UTF-8 without BOM, so pandas and readr load each file as-is.

use std::io::{self, Write};
use std::path::Path;

use stance_analysis::ArticleAnalysis;

use super::model::{ArticleReport, Detail, round4};
use super::num;
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

/// Rows of one table rendered into memory, spelled as the csv crate's
/// default writer spells them (RFC 4180): cells joined by commas, a cell
/// quoted when it holds a comma, a quote, CR or LF, with its quotes doubled,
/// rows ended by LF. Cells are written straight into the buffer: the csv
/// crate wanted each row as a slice of owned strings, and allocating,
/// formatting and freeing a string per cell cost more than the tables'
/// bytes.
struct Table {
    buf: Vec<u8>,
    /// `--excel-safe`: text cells that look like formulas get a `'`.
    excel_safe: bool,
    /// Where the current row starts, and whether a cell was written in it.
    row_start: usize,
    cells: bool,
}

/// Opens `dir/name` (stdout without `--out`) and writes the header row.
fn open_table(dir: Option<&Path>, name: &str, header: &[&str]) -> io::Result<Output> {
    let mut out = Output::open(dir, name)?;
    let mut rows = Table::new(false);
    for column in header {
        rows.text(column);
    }
    rows.end_row();
    out.write_all(&rows.buf)?;
    Ok(out)
}

impl Table {
    fn new(excel_safe: bool) -> Table {
        Table {
            buf: Vec::with_capacity(1024),
            excel_safe,
            row_start: 0,
            cells: false,
        }
    }

    /// The comma before every cell but a row's first.
    fn next_cell(&mut self) {
        if self.cells {
            self.buf.push(b',');
        }
        self.cells = true;
    }

    /// A text cell, quoted if it must be.
    fn text(&mut self, field: &str) {
        self.next_cell();
        let prefix = self.excel_safe && formula_like(field);
        let bytes = field.as_bytes();
        if !needs_quotes(bytes) {
            if prefix {
                self.buf.push(b'\'');
            }
            self.buf.extend_from_slice(bytes);
            return;
        }
        self.buf.push(b'"');
        if prefix {
            self.buf.push(b'\'');
        }
        let mut parts = field.split('"');
        if let Some(first) = parts.next() {
            self.buf.extend_from_slice(first.as_bytes());
        }
        for part in parts {
            self.buf.extend_from_slice(b"\"\"");
            self.buf.extend_from_slice(part.as_bytes());
        }
        self.buf.push(b'"');
    }

    /// A text cell that may be empty.
    fn opt(&mut self, field: Option<&str>) {
        self.text(field.unwrap_or_default());
    }

    /// A count. Digits never need quotes, nor a formula guard.
    fn int(&mut self, n: usize) {
        self.next_cell();
        num::write_u64(&mut self.buf, n as u64);
    }

    /// A score cell (empty for none), spelled as `Display` spells it; the
    /// report model has already rounded it. Numbers never need quotes, and
    /// `-0.25` stays a number under `--excel-safe`.
    fn score(&mut self, v: Option<f64>) {
        self.next_cell();
        let Some(v) = v else { return };
        if !num::write_score(&mut self.buf, v) {
            // Writing into a Vec cannot fail.
            let _ = write!(self.buf, "{v}");
        }
    }

    /// Ends the row. A row of one empty cell is written as `""`, as the csv
    /// crate does, so that a reader does not take it for a blank line.
    fn end_row(&mut self) {
        if self.buf.len() == self.row_start {
            self.buf.extend_from_slice(b"\"\"");
        }
        self.buf.push(b'\n');
        self.row_start = self.buf.len();
        self.cells = false;
    }
}

/// Whether a cell needs quotes: it holds a comma, a quote, CR or LF. Tested
/// 32 bytes at a time by a branch-free mask that compiles to SIMD compares,
/// since quotes and evidence sentences make most of a table's bytes.
fn needs_quotes(bytes: &[u8]) -> bool {
    use super::block::{BLOCK, any_byte};
    let special = |b: u8| {
        u8::from(b == b',') | u8::from(b == b'"') | u8::from(b == b'\r') | u8::from(b == b'\n')
    };
    let mut blocks = bytes.chunks_exact(BLOCK);
    for block in &mut blocks {
        let block: &[u8; BLOCK] = block.try_into().expect("chunks_exact gives whole blocks");
        if any_byte(block, special) {
            return true;
        }
    }
    let rest = blocks.remainder();
    if bytes.len() < WORD {
        return rest.iter().any(|&b| special(b) != 0);
    }
    // The rest a word at a time, the last word overlapping bytes already
    // seen (harmless for a yes or no): most cells are short names and ids.
    let mut words = rest.chunks_exact(WORD);
    if words.by_ref().any(special_word) {
        return true;
    }
    !words.remainder().is_empty() && special_word(&bytes[bytes.len() - WORD..])
}

const WORD: usize = 8;

/// Whether any byte of an 8-byte `word` is a comma, quote, CR or LF: a byte
/// equal to `c` is a zero byte of `x ^ c`, and `(v - 0x01..) & !v & 0x80..`
/// is not zero exactly when `v` has a zero byte.
fn special_word(word: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let x = word
        .first_chunk::<WORD>()
        .map_or(0, |w| u64::from_le_bytes(*w));
    let zero = |c: u8| {
        let v = x ^ (ONES * u64::from(c));
        v.wrapping_sub(ONES) & !v & HIGH
    };
    zero(b',') | zero(b'"') | zero(b'\r') | zero(b'\n') != 0
}

/// Whether a spreadsheet would evaluate the cell: it starts with `=`, `+`,
/// `-`, `@`, tab or CR and is not a plain number such as -0.25.
fn formula_like(field: &str) -> bool {
    matches!(
        field.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    ) && field.parse::<f64>().is_err()
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
        let mut table = Table::new(safe);
        for key in &self.order {
            let d = &self.rows[key];
            table.text(&key.0);
            table.text(&d.source_name);
            table.text(&key.1);
            table.text(&d.target_name);
            table.int(d.articles.len());
            table.int(d.relations);
            table.score(Some(round4(d.polarity_sum / d.relations as f64)));
            for &n in &d.labels {
                table.int(n);
            }
            table.text(&d.articles.join(" "));
            table.end_row();
        }
        out.write_all(&table.buf)?;
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
        let safe = options.csv_excel_safe;
        let table = || tables.then(|| Table::new(safe));
        CsvRows {
            articles: Table::new(safe),
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
        .map(|t| t.buf)
        .collect();
        Ok(Rendered {
            parts,
            dyads: self.dyads.unwrap_or_default(),
        })
    }
}

impl<'a> CsvRows<'a> {
    /// Renders one article's rows. Pure: runs on the worker threads.
    pub(crate) fn render(&mut self, item: &Item, analysis: &ArticleAnalysis) -> io::Result<()> {
        let r = ArticleReport::with_detail(item, analysis, self.options, Detail::Tables);
        let t = &mut self.articles;
        t.text(r.id);
        t.text(r.source_path);
        t.opt(r.title);
        t.opt(r.date.as_deref());
        t.opt(r.place);
        t.opt(r.source);
        t.int(r.counts.sentences);
        t.int(r.counts.words);
        t.score(r.tone.as_ref().map(|t| t.score));
        t.opt(r.tone.as_ref().map(|t| t.label));
        t.int(r.actors.len());
        t.int(r.quotes.len());
        t.int(r.relations.len());
        t.end_row();
        if let Some(t) = &mut self.actors {
            for a in &r.actors {
                t.text(r.id);
                t.text(a.id);
                t.text(a.name);
                t.text(a.kind);
                t.opt(a.affiliation.or(a.affiliation_name));
                t.int(a.mentions);
                t.score(a.sentiment);
                t.opt(a.label);
                t.end_row();
            }
        }
        if let Some(t) = &mut self.relations {
            for rel in &r.relations {
                t.text(r.id);
                t.text(rel.source);
                t.text(rel.target);
                t.score(Some(rel.polarity));
                t.text(rel.label);
                t.text(&rel.cues.join("; "));
                t.int(rel.sentence);
                t.text(rel.evidence);
                t.end_row();
            }
        }
        if let Some(d) = &mut self.dyads {
            d.extend(r.relations.iter().map(|rel| DyadPart::of(r.id, rel)));
        }
        if let Some(t) = &mut self.quotes {
            for q in &r.quotes {
                let speaker = q.speaker.as_ref();
                t.text(r.id);
                t.int(q.id);
                t.text(q.kind);
                // A group speaker's members, "; "-joined as relation cues are.
                match speaker.filter(|s| !s.group.is_empty()) {
                    Some(s) => {
                        let ids: Vec<&str> = s.group.iter().map(|g| g.id).collect();
                        let names: Vec<&str> = s.group.iter().map(|g| g.name).collect();
                        t.text(&ids.join("; "));
                        t.text(&names.join("; "));
                    }
                    None => {
                        t.opt(speaker.and_then(|s| s.id));
                        t.opt(speaker.and_then(|s| s.name.or(s.mention)));
                    }
                }
                t.opt(q.cue);
                t.score(q.sentiment);
                t.opt(q.label);
                t.int(q.span.0);
                t.int(q.span.1);
                t.text(q.text);
                t.end_row();
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the csv crate's default writer makes of `rows`, with the
    /// `--excel-safe` prefix applied the way the writers did before.
    fn by_csv_crate(rows: &[Vec<String>], excel_safe: bool) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        for row in rows {
            let row: Vec<String> = row
                .iter()
                .map(|f| {
                    if excel_safe && formula_like(f) {
                        format!("'{f}")
                    } else {
                        f.clone()
                    }
                })
                .collect();
            w.write_record(&row).unwrap();
        }
        w.into_inner().unwrap()
    }

    fn by_table(rows: &[Vec<String>], excel_safe: bool) -> Vec<u8> {
        let mut t = Table::new(excel_safe);
        for row in rows {
            for f in row {
                t.text(f);
            }
            t.end_row();
        }
        t.buf
    }

    #[test]
    fn text_cells_match_the_csv_crate() {
        let long = "word, \"quoted\" ".repeat(20);
        let fields = [
            "",
            "plain",
            "a,b",
            "say \"hi\"",
            "\"",
            "\"\"",
            "line\nbreak",
            "cr\r",
            "tab\there",
            "=SUM(A1)",
            "-0.25",
            "-inf",
            "+1 555",
            "@user",
            "\tx",
            "\r=1",
            "=\"x\",y",
            "“curly” — é",
            "0123456789012345678901234567890,",
            "01234567890123456789012345678901",
            long.as_str(),
        ];
        let mut rows: Vec<Vec<String>> = fields.iter().map(|f| vec![f.to_string()]).collect();
        rows.push(fields.iter().map(ToString::to_string).collect());
        rows.push(vec![String::new(), String::new()]);
        for safe in [false, true] {
            assert_eq!(
                String::from_utf8(by_table(&rows, safe)).unwrap(),
                String::from_utf8(by_csv_crate(&rows, safe)).unwrap(),
                "excel_safe: {safe}"
            );
        }
    }

    #[test]
    fn quotes_are_found_at_every_position() {
        for len in 1..80 {
            for at in 0..len {
                for special in [b',', b'"', b'\r', b'\n'] {
                    let mut field = vec![b'a'; len];
                    field[at] = special;
                    assert!(needs_quotes(&field), "{len} {at} {special}");
                }
            }
            assert!(!needs_quotes(&vec![b'a'; len]), "{len}");
            assert!(!needs_quotes("é“”\t'".repeat(len).as_bytes()), "{len}");
        }
    }

    #[test]
    fn number_cells_match_display() {
        let mut t = Table::new(true);
        let scores = [
            Some(0.25),
            Some(-0.0),
            Some(1.0),
            Some(0.1 + 0.2),
            Some(f64::NAN),
            None,
        ];
        for v in scores {
            t.score(v);
        }
        t.int(0);
        t.int(1234);
        t.end_row();
        let want: Vec<String> = scores
            .iter()
            .map(|v| v.map(|v| v.to_string()).unwrap_or_default())
            .chain(["0".to_string(), "1234".to_string()])
            .collect();
        assert_eq!(String::from_utf8(t.buf).unwrap(), want.join(",") + "\n");
    }
}
