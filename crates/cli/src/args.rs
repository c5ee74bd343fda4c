//! Command-line flags, a close mirror of what the user typed, and their
//! conversion into a validated [`RunConfig`]. Libraries never see clap types.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};

use crate::input::{Columns, InputFormat};
use crate::report::{Format, WriterOptions};

/// Who is in the story, who says what, and who stands where.
#[derive(Debug, Parser)]
#[command(name = "stance", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Analyse articles and print or write per-article reports.
    Analyze(AnalyzeArgs),
    /// List or check actor gazetteers.
    Actors(crate::cmd::actors::ActorsArgs),
    /// Show how a text's sentiment score is made up, term by term.
    Explain(crate::cmd::explain::ExplainArgs),
    /// Measure a stage against human-annotated data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Check, list or dump sentiment lexicons.
    Lexicon(crate::cmd::lexicon::LexiconArgs),
}

/// `stance eval` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum EvalCommand {
    /// Quote extraction against brat attribution annotations (PolNeAR): P/R/F1 of content, cue, source.
    Quotes(crate::cmd::eval_quotes::EvalQuotesArgs),
    /// Pearson r and macro-F1 on VADER-style ground truth (`id<TAB>mean_rating<TAB>text`).
    Sentiment(crate::cmd::eval_sentiment::EvalSentimentArgs),
    /// Macro-F1 and accuracy of target-dependent scoring on NewsMTSC JSONL.
    Targets(crate::cmd::eval_targets::EvalTargetsArgs),
}

/// The most worker threads `--threads` accepts: far above any machine's
/// cores, low enough that a typo (`-j 100000`) cannot stall the run spawning threads.
pub(crate) const MAX_THREADS: usize = 1024;

/// Default for `--max-article-bytes`: 16 MiB, far above any news article.
pub(crate) const DEFAULT_MAX_ARTICLE_BYTES: usize = 16 << 20;

#[derive(Debug, Args)]
pub(crate) struct AnalyzeArgs {
    /// Files or directories to read (`-` for stdin). Directories are read recursively in name order.
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
    /// Report format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
    /// Write reports into this directory instead of stdout (created if missing).
    #[arg(long, short = 'o', value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    /// Input format for every file, overriding the extension (.txt text, .jsonl, .json, .csv, .tsv).
    #[arg(long, value_enum)]
    pub(crate) input_format: Option<InputFormat>,
    /// JSONL key / CSV column holding the article body [default: text, then body, content].
    #[arg(long, value_name = "NAME")]
    pub(crate) text_column: Option<String>,
    /// JSONL key / CSV column holding the article id [default: id; else FILE-STEM:LINE].
    #[arg(long, value_name = "NAME")]
    pub(crate) id_column: Option<String>,
    /// JSONL key / CSV column holding the title [default: title, then headline].
    #[arg(long, value_name = "NAME")]
    pub(crate) title_column: Option<String>,
    /// Worker threads, 1 to 1024 [default: all cores]. Output is identical for any value.
    #[arg(long, short = 'j', value_name = "N")]
    pub(crate) threads: Option<usize>,
    /// Skip (and report) any article or corpus line larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_ARTICLE_BYTES)]
    pub(crate) max_article_bytes: usize,
    /// Prefix CSV cells starting with = + - @ with ' so spreadsheets do not run them as formulas.
    #[arg(long)]
    pub(crate) csv_excel_safe: bool,
    /// No progress bar and no summary line on stderr.
    #[arg(long, short = 'q')]
    pub(crate) quiet: bool,
    /// Add a gazetteer file after the built-in one (repeatable); `stance actors check` validates it.
    #[arg(long = "actors", value_name = "FILE")]
    pub(crate) actors: Vec<PathBuf>,
    /// Leave out the built-in gazetteer (use only --actors files).
    #[arg(long)]
    pub(crate) no_builtin_actors: bool,
    /// Write capitalised names that no actor covered to FILE (TSV: name, count, articles, first_article).
    #[arg(long, value_name = "FILE")]
    pub(crate) unresolved: Option<PathBuf>,
    /// Add per-sentence sentiment with every evidence item (term, lexicon, weight, multipliers) to JSON/JSONL reports.
    #[arg(long)]
    pub(crate) evidence: bool,
    /// Run only these stages, comma-separated: actors, quotes, sentiment, stance (each
    /// adds what it needs: quotes → actors; stance → all). Others stay empty in reports.
    #[arg(long, value_name = "LIST", default_value = "all", value_parser = parse_stages)]
    pub(crate) stages: stance_analysis::Stages,
    #[command(flatten)]
    pub(crate) lexicon: crate::cmd::lexicon::LexiconOpts,
}

fn parse_stages(list: &str) -> Result<stance_analysis::Stages, String> {
    stance_analysis::Stages::parse(list).map_err(|e| e.to_string())
}

/// A validated analyze run.
#[derive(Debug)]
pub(crate) struct RunConfig {
    pub(crate) paths: Vec<PathBuf>,
    pub(crate) format: Format,
    pub(crate) out: Option<PathBuf>,
    pub(crate) input_format: Option<InputFormat>,
    pub(crate) columns: Columns,
    pub(crate) threads: usize,
    pub(crate) max_article_bytes: usize,
    pub(crate) writer: WriterOptions,
    pub(crate) quiet: bool,
    pub(crate) actors: Vec<PathBuf>,
    pub(crate) no_builtin_actors: bool,
    pub(crate) unresolved: Option<PathBuf>,
    pub(crate) lexicon: crate::cmd::lexicon::LexiconOpts,
}

impl AnalyzeArgs {
    /// Checks the flags and resolves defaults.
    pub(crate) fn to_config(&self) -> anyhow::Result<RunConfig> {
        let threads = match self.threads {
            Some(0) => bail!("--threads must be at least 1"),
            Some(n) if n > MAX_THREADS => bail!("--threads must be at most {MAX_THREADS}"),
            Some(n) => n,
            None => std::thread::available_parallelism()
                .map(usize::from)
                .unwrap_or(1),
        };
        if self.max_article_bytes == 0 {
            bail!("--max-article-bytes must be at least 1");
        }
        if let Some(out) = &self.out {
            if out.exists() && !out.is_dir() {
                bail!("--out {} is a file, not a directory", out.display());
            }
            std::fs::create_dir_all(out)
                .with_context(|| format!("cannot create --out directory {}", out.display()))?;
        }
        Ok(RunConfig {
            paths: self.paths.clone(),
            format: self.format,
            out: self.out.clone(),
            input_format: self.input_format,
            columns: Columns {
                text: self.text_column.clone(),
                id: self.id_column.clone(),
                title: self.title_column.clone(),
            },
            threads,
            max_article_bytes: self.max_article_bytes,
            writer: WriterOptions {
                csv_excel_safe: self.csv_excel_safe,
                evidence: self.evidence,
                lexicons: Vec::new(),
                stages: self.stages,
            },
            quiet: self.quiet,
            actors: self.actors.clone(),
            no_builtin_actors: self.no_builtin_actors,
            unresolved: self.unresolved.clone(),
            lexicon: self.lexicon.clone(),
        })
    }
}
