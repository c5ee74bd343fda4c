//! TEMPORARY wiring for `stance eval quotes` on the quotes branch; the lead's
//! CLI frame replaces this file (see `cmd/eval_quotes.rs` for the entry points).

mod cmd {
    pub(crate) mod eval_quotes;
}

use clap::Parser;

#[derive(Parser)]
#[command(name = "stance")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(clap::Subcommand)]
enum Cmd {
    /// Measure a stage against annotated data.
    #[command(subcommand)]
    Eval(Eval),
}

#[derive(clap::Subcommand)]
enum Eval {
    /// Score quote extraction against brat attribution annotations (PolNeAR).
    Quotes(cmd::eval_quotes::EvalQuotesArgs),
}

fn main() -> anyhow::Result<std::process::ExitCode> {
    match Cli::parse().cmd {
        Cmd::Eval(Eval::Quotes(args)) => cmd::eval_quotes::run(&args),
    }
}
