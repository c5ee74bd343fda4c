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
use crate::input::{self, InputPath, InputProblem, Pending, PendingEntry, Reader};
use crate::report;

/// A batch is analysed once it holds this many articles...
const BATCH_ARTICLES: usize = 1024;
/// ...or this many bytes, whichever comes first: memory stays bounded whatever the corpus size.
const BATCH_BYTES: usize = 8 << 20;

/// What a worker makes of one record: its report, or why it was skipped.
type Done = Result<Report, InputProblem>;

/// One article's rendered report, its input size, and (with `--unresolved`)
/// its id and the names no actor covers.
struct Report {
    rendered: report::Rendered,
    bytes: usize,
    unresolved: Option<(String, Vec<UnresolvedName>)>,
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
    for p in &config.lexicon.lexicons {
        builder.add_lexicon_path(p, config.lexicon.lexicon_format)?;
    }
    if config.lexicon.no_builtin_lexicons {
        builder.no_builtin_lexicons();
    }
    builder.sentiment_config(config.lexicon.config()?);
    let analyzer = builder.build().context("cannot build the analyzer")?;
    let mut writer_options = config.writer.clone();
    writer_options.lexicons = analyzer
        .lexicons()
        .iter()
        .map(|l| report::model::LexiconRef {
            name: l.name.clone(),
            version: l.version.clone(),
            hash: l.hash.clone(),
        })
        .collect();
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
    let work = |entry: PendingEntry| -> std::io::Result<Done> {
        let item = match entry.and_then(|pending| pending.parse(columns)) {
            Ok(item) => item,
            Err(problem) => return Ok(Err(problem)),
        };
        let analysis = analyzer.analyze(&item.article);
        Ok(Ok(Report {
            rendered: renderer.render(&item, &analysis)?,
            bytes: item.bytes,
            unresolved: tally_unresolved.then(|| {
                (
                    item.article.id.0.clone(),
                    analyzer.unresolved(&item.article, &analysis),
                )
            }),
        }))
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
        for done in done_rx {
            for d in done {
                match d {
                    Ok(report) => {
                        writer.write(&report.rendered)?;
                        if let (Some(t), Some((id, names))) =
                            (unresolved.as_mut(), &report.unresolved)
                        {
                            t.add(id, names);
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
