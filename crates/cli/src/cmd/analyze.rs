//! `stance analyze`: read, analyse in parallel batches, write in input order.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use stance_analysis::AnalyzerBuilder;
use stance_analysis::actors::UnresolvedName;

use crate::args::AnalyzeArgs;
use crate::cmd::actors::UnresolvedTally;
use crate::guard;
use crate::input::{self, InputPath, InputProblem, Pending, PendingEntry, Reader};
use crate::report;

/// A batch is analysed once it holds this many articles...
const BATCH_ARTICLES: usize = 256;
/// ...or this many bytes, whichever comes first: memory stays bounded whatever the corpus size.
///
/// Small, because about five batches are alive at once and every byte they
/// hold is memory the allocator first has to fault in: at 8 MiB a 2-thread
/// run peaked at 92 MB resident and spent up to a fifth of its CPU time in
/// the kernel zeroing fresh (transparent huge) pages; at 1 MiB it peaks at
/// 58 MB. A batch of ~200 news articles still gives every thread work.
const BATCH_BYTES: usize = 1 << 20;

/// What a worker makes of one record: its report, or why it was skipped.
type Done = Result<Report, InputProblem>;

/// One article's rendered report, its input size, where it came from (for
/// duplicate-id warnings), and (with `--unresolved`) the names no actor covers.
struct Report {
    rendered: report::Rendered,
    bytes: usize,
    id: String,
    path: std::sync::Arc<str>,
    line: Option<u64>,
    unresolved: Option<Vec<UnresolvedName>>,
}

pub(crate) fn run(args: &AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let config = args.to_config()?;
    let mut builder = AnalyzerBuilder::new();
    for p in &config.actors {
        builder.add_actors_path(p);
    }
    if config.no_builtin_actors {
        builder.no_builtin_actors();
    }
    for lex in config.lexicon.load()? {
        builder.add_lexicon(lex);
    }
    if config.lexicon.no_builtin_lexicons {
        builder.no_builtin_lexicons();
    }
    builder.sentiment_config(config.lexicon.config()?);
    builder.stages(config.writer.stages);
    let analyzer = builder.build().context("cannot build the analyzer")?;
    let mut writer_options = config.writer.clone();
    writer_options.lexicons = report::model::LexiconRef::all(&analyzer);
    let mut unresolved = config
        .unresolved
        .as_ref()
        .map(|_| UnresolvedTally::default());
    let tally_unresolved = unresolved.is_some();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()
        .context("cannot start worker threads")?;

    let (files, problems) = input::discover(&config.paths);
    let mut skipped = problems.len();
    let mut stderr = std::io::stderr();
    for p in &problems {
        writeln!(stderr, "stance: skipped {p}")?;
    }
    if let Some(out) = &config.out {
        refuse_overwriting_inputs(out, &files)?;
    }
    let total_bytes: u64 = files
        .iter()
        .filter_map(|f| match f {
            InputPath::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            InputPath::Stdin => None,
        })
        .sum();
    let progress = progress_bar(config.quiet, total_bytes);

    let (renderer, mut writer) =
        report::writer(config.format, config.out.as_deref(), writer_options)?;
    let reader = Reader::new(
        files,
        config.input_format,
        config.columns.clone(),
        config.max_article_bytes,
    );
    let columns = &config.columns;
    // Everything per record but the reading and the copying out runs on the
    // workers: decoding, parsing, analysis and rendering. The batch keeps
    // problems in place, so they are reported in input order too.
    // A panic in a stage or a writer costs that article only (`guard`).
    let work = |entry: PendingEntry| -> std::io::Result<Done> {
        let item = match entry.and_then(|pending| pending.parse(columns)) {
            Ok(item) => item,
            Err(problem) => return Ok(Err(problem)),
        };
        let done = guard::catch(|| -> std::io::Result<_> {
            let analysis = analyzer.analyze(&item.article);
            let rendered = renderer.render(&item, &analysis)?;
            let unresolved =
                tally_unresolved.then(|| analyzer.unresolved(&item.article, &analysis));
            Ok((rendered, unresolved))
        });
        Ok(match done {
            Ok(result) => {
                let (rendered, unresolved) = result?;
                Ok(Report {
                    rendered,
                    bytes: item.bytes,
                    id: item.article.id.0.clone(),
                    path: item.source_path.clone(),
                    line: item.source_line,
                    unresolved,
                })
            }
            Err(message) => Err(InputProblem {
                path: item.source_path.to_string(),
                line: item.source_line,
                message,
            }),
        })
    };
    let started = Instant::now();
    let (mut analysed, mut bytes) = (0usize, 0usize);
    // Three stages overlap, so the serial work (reading, writing) hides
    // behind the parallel work: a reader thread cuts the input into batches,
    // an analysis thread runs each batch on the pool, and this thread writes
    // the results. Channels of one batch keep memory bounded: at most about
    // five batches exist at once (being read, queued, analysed, queued, written).
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (batch_tx, batch_rx) = mpsc::sync_channel::<Vec<PendingEntry>>(1);
        let (done_tx, done_rx) = mpsc::sync_channel::<Vec<Done>>(1);
        let reading = scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH_ARTICLES);
            let mut batch_bytes = 0usize;
            for entry in reader {
                batch_bytes += entry.as_ref().map_or(0, Pending::size);
                batch.push(entry);
                if batch.len() >= BATCH_ARTICLES || batch_bytes >= BATCH_BYTES {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_ARTICLES));
                    if batch_tx.send(full).is_err() {
                        return; // the writer stopped (error or closed pipe)
                    }
                    batch_bytes = 0;
                }
            }
            let _ = batch_tx.send(batch);
        });
        let analysing = scope.spawn(move || -> std::io::Result<()> {
            for mut batch in batch_rx {
                let done = pool.install(|| {
                    batch
                        .par_drain(..)
                        .map(work)
                        .collect::<std::io::Result<Vec<Done>>>()
                })?;
                if done_tx.send(done).is_err() {
                    break;
                }
            }
            Ok(())
        });
        let mut ids = SeenIds::default();
        for done in done_rx {
            for d in done {
                match d {
                    Ok(report) => {
                        if let Some(warning) = ids.check(&report.id, &report.path, report.line) {
                            progress.suspend(|| {
                                writeln!(std::io::stderr(), "stance: warning: {warning}")
                            })?;
                        }
                        writer.write(&report.rendered)?;
                        if let (Some(t), Some(names)) = (unresolved.as_mut(), &report.unresolved) {
                            t.add(&report.id, names);
                        }
                        analysed += 1;
                        bytes += report.bytes;
                    }
                    Err(problem) => {
                        skipped += 1;
                        progress
                            .suspend(|| writeln!(std::io::stderr(), "stance: skipped {problem}"))?;
                    }
                }
            }
            progress.set_position(bytes as u64);
            progress.set_message(format!("{analysed} articles"));
        }
        // A panic on another thread is a bug: let it surface as one.
        let analysed_ok = analysing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        reading
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        analysed_ok.context("cannot render reports")
    })?;
    writer.finish().context("cannot finish writing reports")?;
    if let (Some(t), Some(path)) = (&unresolved, &config.unresolved) {
        t.write(path)?;
    }
    progress.finish_and_clear();

    let secs = started.elapsed().as_secs_f64();
    if !config.quiet {
        let mbs = if secs > 0.0 {
            bytes as f64 / 1e6 / secs
        } else {
            0.0
        };
        writeln!(
            stderr,
            "stance: {analysed} article(s) analysed, {skipped} skipped, {:.2} MB in {secs:.2} s ({mbs:.1} MB/s)",
            bytes as f64 / 1e6
        )?;
    }
    Ok(if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Article ids seen so far and where each was first seen. A duplicate is
/// analysed like any other article (its report keeps its `source_path` and
/// `source_line`), but named on stderr with both places so it can be fixed.
///
/// Kept compact, since it lives as long as the run: per id, a 64-bit hash,
/// the index of its file and its line as 32-bit numbers: 16 bytes a slot
/// (about 20 with the table's spare room), where the ids and places as
/// strings took about 150 (a 500 MB corpus of 108,000 articles grew peak
/// memory by 20 MB) and a 64-bit optional line 40. Two different ids share a hash with
/// a probability of about n²/2⁶⁵: one in 3·10⁶ for ten million articles, and
/// then the warning names a false duplicate; nothing else changes.
/// The line of a whole-file article (one without a line number).
const NO_LINE: u32 = u32::MAX;

#[derive(Default)]
struct SeenIds {
    /// Hash of the id → (file index, line or [`NO_LINE`]).
    first: std::collections::HashMap<u64, (u32, u32)>,
    /// Files by index; articles of one file arrive together.
    paths: Vec<std::sync::Arc<str>>,
}

impl SeenIds {
    /// The warning for article `id`, read at `path` and `line`, if its id was seen before.
    fn check(&mut self, id: &str, path: &std::sync::Arc<str>, line: Option<u64>) -> Option<String> {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        let key = BuildHasherDefault::<DefaultHasher>::default().hash_one(id);
        if self.paths.last() != Some(path) {
            self.paths.push(path.clone());
        }
        let file = (self.paths.len() - 1) as u32;
        match self.first.entry(key) {
            std::collections::hash_map::Entry::Occupied(first) => {
                let (first_file, first_line) = *first.get();
                let first_line = (first_line != NO_LINE).then_some(u64::from(first_line));
                let first_path = &self.paths[first_file as usize];
                Some(format!(
                    "duplicate id {id:?} at {} (first at {})",
                    place(path, line),
                    place(first_path, first_line)
                ))
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                // A corpus line past 4·10⁹ (no real corpus has one) is
                // named as the last line a u32 holds.
                let line = line.map_or(NO_LINE, |l| u32::try_from(l).unwrap_or(NO_LINE - 1));
                slot.insert((file, line));
                None
            }
        }
    }
}

/// `path:line`, or `path` for a whole-file article.
fn place(path: &str, line: Option<u64>) -> String {
    match line {
        Some(line) => format!("{path}:{line}"),
        None => path.to_string(),
    }
}

fn progress_bar(quiet: bool, total_bytes: u64) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:30} {bytes}/{total_bytes} · {msg} · {binary_bytes_per_sec} · eta {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// Refuses a run whose report files would replace one of its input files.
fn refuse_overwriting_inputs(out: &std::path::Path, files: &[InputPath]) -> anyhow::Result<()> {
    const NAMES: &[&str] = &[
        "report.txt",
        "report.json",
        "articles.jsonl",
        "articles.csv",
        "actors.csv",
        "quotes.csv",
        "relations.csv",
        "dyads.csv",
    ];
    let inputs: Vec<std::path::PathBuf> = files
        .iter()
        .filter_map(|f| match f {
            InputPath::File(p) => std::fs::canonicalize(p).ok(),
            InputPath::Stdin => None,
        })
        .collect();
    for name in NAMES {
        if let Ok(dest) = std::fs::canonicalize(out.join(name)) {
            if inputs.contains(&dest) {
                anyhow::bail!("--out would overwrite input file {}", dest.display());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_ids_name_both_places() {
        let mut ids = SeenIds::default();
        let (c, d, x) = ("c.jsonl".into(), "d.jsonl".into(), "x.txt".into());
        assert_eq!(ids.check("a", &c, Some(1)), None);
        assert_eq!(ids.check("b", &c, Some(2)), None);
        assert_eq!(
            ids.check("a", &d, Some(9)).as_deref(),
            Some("duplicate id \"a\" at d.jsonl:9 (first at c.jsonl:1)")
        );
        assert_eq!(
            ids.check("a", &x, None).as_deref(),
            Some("duplicate id \"a\" at x.txt (first at c.jsonl:1)")
        );
        // A file named again later gets a new index; places stay right.
        assert_eq!(ids.check("z", &c, Some(5)), None);
        assert_eq!(
            ids.check("z", &x, None).as_deref(),
            Some("duplicate id \"z\" at x.txt (first at c.jsonl:5)")
        );
    }
}
