//! The `stance` command-line tool: a thin entry point, the code lives in the
//! `stance_cli` library (`src/lib.rs`) so that benches can reach the report
//! writers.

/// mimalloc: see `crates/alloc` for why.
#[global_allocator]
static GLOBAL: stance_alloc::Allocator = stance_alloc::Allocator;

fn main() -> std::process::ExitCode {
    stance_cli::run()
}
