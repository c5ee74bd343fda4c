//! A bug must cost one article, not the run: parsing and analysis of each
//! article run under `catch_unwind`, and a panic becomes a skipped article
//! named on stderr like any other bad input.

use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs `f`; a panic becomes `Err` with a message saying it is a bug.
///
/// The default panic hook has already printed where the panic happened.
pub(crate) fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    // Unwind safety: on a panic the partial result is dropped and only the
    // message is kept, so no broken state is observed afterwards.
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        format!(
            "internal error ({what}); this is a bug in stance, please report it with this input"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::catch;

    #[test]
    fn a_panic_becomes_a_message() {
        assert_eq!(catch(|| 7), Ok(7));
        let err = catch(|| -> u8 { panic!("boom at {}", 3) }).unwrap_err();
        assert!(
            err.starts_with("internal error (boom at 3); this is a bug"),
            "{err}"
        );
        let err = catch(|| -> u8 { std::panic::panic_any(5u8) }).unwrap_err();
        assert!(err.starts_with("internal error (unknown panic)"), "{err}");
    }
}
