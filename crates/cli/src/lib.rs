//! The `stance` command-line tool, as a library: `src/main.rs` calls [`run`].
//! Nothing here is an API; `render_for_bench` exists for `benches/report.rs` only.
//!
//! Exit codes: 0 every input was analysed; 1 some inputs or records were
//! skipped (each named on stderr); 2 usage errors and fatal errors (bad
//! flags, unreadable lexicon, unwritable output). A closed stdout pipe ends quietly with 0.

mod args;
mod cmd;
mod guard;
mod input;
mod interrupt;
mod report;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// Runs `stance` with the process's arguments; the exit code of the binary.
pub fn run() -> ExitCode {
    let cli = args::Cli::parse();
    interrupt::install();
    let result = match &cli.command {
        args::Command::Analyze(a) => cmd::analyze::run(a),
        args::Command::Actors(a) => cmd::actors::run(a),
        args::Command::Eval(args::EvalCommand::Quotes(a)) => cmd::eval_quotes::run(a),
        args::Command::Explain(a) => cmd::explain::run(a),
        args::Command::Eval(args::EvalCommand::Sentiment(a)) => cmd::eval_sentiment::run(a),
        args::Command::Eval(args::EvalCommand::Targets(a)) => cmd::eval_targets::run(a),
        args::Command::Lexicon(a) => cmd::lexicon::run(a),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            interrupt::remove_temps();
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "stance: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Bench support for `benches/report.rs`, not an API: analyses `articles`
/// once with `analyzer`, then returns a function that renders every report
/// in `format` (`text`, `json`, `jsonl` or `csv`, the latter with all four
/// tables as with `--out`) as `stance analyze` does, and returns the rendered
/// bytes of all articles one after the other. Only rendering is timed.
///
/// # Panics
///
/// On an unknown format, or if rendering fails (it writes to memory only).
#[doc(hidden)]
pub fn render_for_bench(
    format: &str,
    analyzer: &stance_analysis::Analyzer,
    articles: Vec<stance_core::Article>,
) -> impl Fn() -> Vec<u8> + use<> {
    let format = <report::Format as clap::ValueEnum>::from_str(format, true)
        .unwrap_or_else(|e| panic!("unknown report format {format:?}: {e}"));
    let options = report::WriterOptions {
        lexicons: report::model::LexiconRef::all(analyzer),
        stages: analyzer.stages(),
        ..report::WriterOptions::default()
    };
    let renderer = report::Renderer {
        format,
        options,
        tables: true,
    };
    let source_path: std::sync::Arc<str> = "bench".into();
    let items: Vec<(input::Item, stance_analysis::ArticleAnalysis)> = articles
        .into_iter()
        .map(|article| {
            let analysis = analyzer.analyze(&article);
            let item = input::Item {
                bytes: article.text().len(),
                article,
                source_path: source_path.clone(),
                source_line: None,
            };
            (item, analysis)
        })
        .collect();
    move || {
        let mut out = Vec::new();
        for (item, analysis) in &items {
            let rendered = renderer
                .render(item, analysis)
                .expect("rendering to memory succeeds");
            for part in &rendered.parts {
                out.extend_from_slice(part);
            }
        }
        out
    }
}
