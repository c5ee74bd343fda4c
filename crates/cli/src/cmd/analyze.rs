//! `stance analyze`: read, analyse in parallel batches, write in input order.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use stance_analysis::AnalyzerBuilder;

use crate::args::AnalyzeArgs;
use crate::cmd::actors::UnresolvedTally;
use crate::guard;
use crate::input::{self, InputPath, Item, Reader};
use crate::report;

/// A batch is analysed once it holds this many articles...
const BATCH_ARTICLES: usize = 1024;
/// ...or this many bytes, whichever comes first: memory stays bounded whatever the corpus size.
const BATCH_BYTES: usize = 8 << 20;

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
        // The analyzer keeps a lexicon's warnings (duplicate terms, unknown
        // categories) to itself; name each on stderr with its file and line.
        if let Ok(lex) = stance_analysis::sentiment::SentimentLexicon::from_path(
            p,
            config.lexicon.lexicon_format,
        ) {
            for w in &lex.warnings {
                writeln!(std::io::stderr(), "stance: warning: {w}")?;
            }
        }
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

    let mut writer = report::writer(config.format, config.out.as_deref(), writer_options)?;
    let reader = Reader::new(
        files,
        config.input_format,
        config.columns.clone(),
        config.max_article_bytes,
    );
    let started = Instant::now();
    let (mut analysed, mut bytes) = (0usize, 0usize);
    let mut batch: Vec<Item> = Vec::with_capacity(BATCH_ARTICLES);
    let mut batch_bytes = 0usize;
    // Analyses and writes a batch; returns how many articles were skipped
    // because analysing them panicked.
    let mut flush = |batch: &mut Vec<Item>,
                     writer: &mut Box<dyn report::ReportWriter>|
     -> anyhow::Result<usize> {
        let analyses = match guard::catch(|| {
            pool.install(|| analyzer.analyze_batch(batch, |item: &Item| &item.article))
        }) {
            Ok(analyses) => analyses.into_iter().map(Ok).collect(),
            // A bug in a stage: find the article(s) that trigger it, one at a time.
            Err(_) => batch
                .iter()
                .map(|item| guard::catch(|| analyzer.analyze(&item.article)))
                .collect::<Vec<_>>(),
        };
        let mut panicked = 0;
        for (item, analysis) in batch.iter().zip(&analyses) {
            match analysis {
                Ok(analysis) => {
                    writer.write(item, analysis)?;
                    if let Some(t) = unresolved.as_mut() {
                        t.add(
                            &item.article.id.0,
                            &analyzer.unresolved(&item.article, analysis),
                        );
                    }
                    analysed += 1;
                    bytes += item.bytes;
                }
                Err(message) => {
                    panicked += 1;
                    let at = match item.source_line {
                        Some(line) => format!("{}:{line}", item.source_path),
                        None => item.source_path.clone(),
                    };
                    progress.suspend(|| {
                        writeln!(std::io::stderr(), "stance: skipped {at}: {message}")
                    })?;
                }
            }
        }
        progress.set_position(bytes as u64);
        progress.set_message(format!("{analysed} articles"));
        batch.clear();
        Ok(panicked)
    };
    let mut ids = SeenIds::default();
    for entry in reader {
        match entry {
            Ok(item) => {
                if let Some(warning) = ids.check(&item) {
                    progress
                        .suspend(|| writeln!(std::io::stderr(), "stance: warning: {warning}"))?;
                }
                batch_bytes += item.bytes;
                batch.push(item);
                if batch.len() >= BATCH_ARTICLES || batch_bytes >= BATCH_BYTES {
                    skipped += flush(&mut batch, &mut writer)?;
                    batch_bytes = 0;
                }
            }
            Err(problem) => {
                skipped += 1;
                progress.suspend(|| writeln!(std::io::stderr(), "stance: skipped {problem}"))?;
            }
        }
    }
    skipped += flush(&mut batch, &mut writer)?;
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

/// How many article ids are remembered for the duplicate check (about 40 MB);
/// past that, one warning says duplicates are no longer checked, so memory
/// stays bounded on any corpus.
const MAX_TRACKED_IDS: usize = 1 << 20;

/// Article ids seen so far and where each was first seen. A duplicate is
/// analysed like any other article (its report keeps its `source_path` and
/// `source_line`), but named on stderr with both places so it can be fixed.
///
/// Ids are kept as 64-bit hashes (a false alarm needs a hash collision:
/// odds about 1 in 2^44 for a million ids) with their place as an index
/// into the source paths seen, so a million ids take tens of megabytes.
#[derive(Default)]
struct SeenIds {
    first: std::collections::HashMap<u64, (u32, Option<u64>)>,
    paths: Vec<String>,
    full: bool,
}

impl SeenIds {
    /// The warning for `item` if its id was seen before.
    fn check(&mut self, item: &Item) -> Option<String> {
        use std::hash::{Hash, Hasher};
        let at = |path: &str, line: Option<u64>| match line {
            Some(line) => format!("{path}:{line}"),
            None => path.to_string(),
        };
        let id = &item.article.id.0;
        // DefaultHasher::new() has fixed keys: the same id hashes alike every run.
        let mut h = std::collections::hash_map::DefaultHasher::new();
        id.hash(&mut h);
        let key = h.finish();
        if let Some(&(path, line)) = self.first.get(&key) {
            let first = at(&self.paths[path as usize], line);
            let here = at(&item.source_path, item.source_line);
            return Some(format!("duplicate id {id:?} at {here} (first at {first})"));
        }
        if self.first.len() >= MAX_TRACKED_IDS {
            if self.full {
                return None;
            }
            self.full = true;
            return Some(format!(
                "more than {MAX_TRACKED_IDS} articles: duplicate ids are no longer checked"
            ));
        }
        if self.paths.last() != Some(&item.source_path) {
            self.paths.push(item.source_path.clone());
        }
        let path = (self.paths.len() - 1) as u32;
        self.first.insert(key, (path, item.source_line));
        None
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

    fn item(id: &str, path: &str, line: Option<u64>) -> Item {
        let article =
            stance_core::Article::parse(stance_core::ArticleId(id.into()), "Title\nBody.".into())
                .unwrap();
        Item {
            article,
            source_path: path.into(),
            source_line: line,
            bytes: 0,
        }
    }

    #[test]
    fn duplicate_ids_name_both_places() {
        let mut ids = SeenIds::default();
        assert_eq!(ids.check(&item("a", "c.jsonl", Some(1))), None);
        assert_eq!(ids.check(&item("b", "c.jsonl", Some(2))), None);
        assert_eq!(
            ids.check(&item("a", "d.jsonl", Some(9))).as_deref(),
            Some("duplicate id \"a\" at d.jsonl:9 (first at c.jsonl:1)")
        );
        assert_eq!(
            ids.check(&item("a", "x.txt", None)).as_deref(),
            Some("duplicate id \"a\" at x.txt (first at c.jsonl:1)")
        );
    }
}
