//! The `stance` command-line tool: a thin entry point, the code lives in the
//! `stance_cli` library (`src/lib.rs`) so that benches can reach the report
//! writers.

/// The analysis makes many small, short-lived allocations per sentence
/// (token normal forms, units, evidence, report rows). Under glibc's
/// allocator they cost about 13% of a full run's instructions; mimalloc's
/// thread-local free lists cut the whole run by 9.5% (callgrind, 3 MB of
/// news, all stages) and sentiment-only by 14%. Output is unaffected.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc v2's `mi_option_e` (mimalloc.h); the
/// Rust bindings do not name it.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // Give freed memory back to the system at once: a run that meets a
    // record near the 16 MB limit otherwise keeps the buffers that read it
    // resident for a while (debug build on a 100 MB CSV field: 88 MB peak,
    // 69 MB with this; glibc returns such blocks at once too). No measurable
    // cost on news corpora, where few pages ever fall wholly free.
    // SAFETY: a plain option setter, called before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
    stance_cli::run()
}
