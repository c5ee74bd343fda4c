//! The `stance` command-line tool.
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

fn main() -> ExitCode {
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
