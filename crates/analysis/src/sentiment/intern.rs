//! Lexicon strings (entries and lexicon names) shared by every piece of
//! evidence, kept for the life of the process.
//!
//! Each scored term puts its entry and its lexicon's name into an
//! [`Evidence`](super::Evidence). With `Arc<str>` that was two atomic
//! increments per term and two decrements when the report was dropped, on
//! counters shared by every worker thread (all evidence of one lexicon
//! shares one name): a tenth of the sentence scorer's time on one thread,
//! and cache-line traffic between threads on more. A `&'static str` costs a
//! copy of two words.
//!
//! The strings are leaked once per distinct string, not per engine: an
//! engine built again from the same lexicons (tests, benches, `lexicon`
//! subcommands) finds them already interned, so memory is bounded by the
//! distinct lexicon text a process ever loads.

use std::sync::{Mutex, OnceLock};

use crate::fast::HashSet;

/// The interned strings; a lock is taken once per engine build.
static STRINGS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();

/// Interns many strings under one lock.
pub(crate) struct Interner {
    strings: std::sync::MutexGuard<'static, HashSet<&'static str>>,
}

impl Interner {
    /// Takes the process-wide table (a poisoned lock is still a valid set:
    /// every insert completes before the guard is dropped).
    pub(crate) fn lock() -> Interner {
        let strings = STRINGS
            .get_or_init(Mutex::default)
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Interner { strings }
    }

    /// Room for `n` more strings, so that the set does not grow step by
    /// step while an engine is built.
    pub(crate) fn reserve(&mut self, n: usize) {
        self.strings.reserve(n);
    }

    /// The process-wide copy of `s`.
    pub(crate) fn intern(&mut self, s: &str) -> &'static str {
        if let Some(&found) = self.strings.get(s) {
            return found;
        }
        let leaked: &'static str = Box::leak(Box::from(s));
        self.strings.insert(leaked);
        leaked
    }
}

#[cfg(test)]
mod tests {
    use super::Interner;

    #[test]
    fn equal_strings_are_interned_once() {
        let a = Interner::lock().intern("hegemon*");
        let b = Interner::lock().intern(&String::from("hegemon*"));
        assert_eq!(a, "hegemon*");
        assert!(std::ptr::eq(a, b), "the second call reuses the first copy");
        let c = Interner::lock().intern("hegemony");
        assert!(!std::ptr::eq(a, c));
    }
}
