//! The global allocator of the `stance` binary and of the benches: mimalloc.
//!
//! The analysis makes many small, short-lived allocations per sentence
//! (token normal forms, units, evidence, report rows). Under glibc's
//! allocator they cost about a tenth of a full run's instructions; with
//! mimalloc's thread-local free lists a whole run takes 9.5% fewer
//! instructions (callgrind, 3 MB of news, all stages), sentiment-only 14%.
//! Output does not depend on the allocator.
//!
//! Blocks of a mebibyte or more go to the system allocator instead: glibc
//! maps them on their own, grows them with `mremap` and unmaps them when
//! freed, while mimalloc keeps freed memory for a while before returning
//! it. One 16 MB record (a CSV field at the `--max-article-bytes` limit,
//! read into a buffer that doubles as it grows) otherwise left about
//! 100 MB resident. Telling mimalloc to return memory at once instead
//! (`purge_delay` 0) cost a fifth of the run time in page faults.
//! The last few large blocks freed are kept, within bounds, for the next
//! large requests of any thread (module `spare`): a long article's tables no
//! longer cost a fresh mapping and its page faults per article.
//!
//! mimalloc's own freed memory is never purged (returned to the system):
//! it madvises its segments for transparent huge pages, so a purged and
//! reused page costs a fault that zeroes 2 MiB. With the default 10 ms
//! delay, a sentiment-only run over 50 MB of news took 3,400-4,300 such
//! faults and 28-83 ms of kernel time; without purging, 981 faults and
//! 4-24 ms. Resident memory stays bounded by what the batches of
//! `stance analyze` hold at once, which is what it peaks at anyway.
//!
//! This is a crate of its own so that the binary and the benches of every
//! crate use one definition:
//!
//! ```ignore
//! #[global_allocator]
//! static GLOBAL: stance_alloc::Allocator = stance_alloc::Allocator;
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::{c_int, c_long, c_void};
use std::ptr;
use std::sync::Once;

use libmimalloc_sys as mi;

mod spare;

/// The alignment mimalloc gives every block at least as large as it
/// (`MI_MAX_ALIGN_SIZE`; mimalloc's own `mi_malloc_aligned` relies on it in
/// `mi_malloc_is_naturally_aligned`).
const NATURAL_ALIGN: usize = 16;

/// Blocks at least this large go to the C allocator through `spare` (the
/// system allocator when over-aligned; see the crate documentation).
const LARGE: usize = 1 << 20;

/// mimalloc behind Rust's allocator interface, for blocks under a mebibyte;
/// the C allocator, with a few freed blocks kept for reuse, for larger ones.
///
/// Unlike the `mimalloc` crate, which calls the aligned entry points for
/// every request, this one calls `mi_malloc` and `mi_realloc` when the
/// alignment is one that mimalloc gives anyway: the aligned entry points
/// cost a few percent of a sentiment-only run in checks.
#[derive(Clone, Copy, Debug, Default)]
pub struct Allocator;

// `mi_option_set` is in the library libmimalloc-sys builds, but its Rust
// declaration comes only with that crate's `extended` feature (and one
// more dependency).
unsafe extern "C" {
    fn mi_option_set(option: c_int, value: c_long);
}

/// `mi_option_purge_delay` in mimalloc v2's `mi_option_t` (include/mimalloc.h).
const MI_OPTION_PURGE_DELAY: c_int = 15;

static CONFIGURE: Once = Once::new();

/// Sets mimalloc's options before its first block is handed out (see the
/// crate documentation); afterwards one load and a branch per allocation.
#[inline]
fn configure() {
    CONFIGURE.call_once(|| {
        // SAFETY: sets one option's value; `Once` runs it on one thread
        // only, before this allocator has made its first mimalloc call.
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
    });
}

/// True when a plain `mi_malloc(size)` is aligned to `align`.
#[inline]
fn natural(align: usize, size: usize) -> bool {
    align <= NATURAL_ALIGN && align <= size
}

// SAFETY: every pointer handed out comes from mimalloc with at least the
// layout's size and alignment (plain calls only where `natural` holds, see
// `NATURAL_ALIGN`), and every pointer taken back was handed out by it.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() >= LARGE {
            // SAFETY: the caller's contract, passed on.
            return unsafe {
                if layout.align() <= NATURAL_ALIGN {
                    spare::alloc(layout.size())
                } else {
                    System.alloc(layout)
                }
            };
        }
        configure();
        // SAFETY: plain C allocation calls; a null result is passed on.
        unsafe {
            if natural(layout.align(), layout.size()) {
                mi::mi_malloc(layout.size()).cast()
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.size() >= LARGE {
            // SAFETY: the caller's contract, passed on.
            return unsafe {
                if layout.align() <= NATURAL_ALIGN {
                    spare::alloc_zeroed(layout.size())
                } else {
                    System.alloc_zeroed(layout)
                }
            };
        }
        configure();
        // SAFETY: as for `alloc`.
        unsafe {
            if natural(layout.align(), layout.size()) {
                mi::mi_zalloc(layout.size()).cast()
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator with `layout` (the caller's
        // contract), so from the allocator its size chose.
        unsafe {
            if layout.size() >= LARGE {
                if layout.align() <= NATURAL_ALIGN {
                    spare::dealloc(ptr, layout.size());
                } else {
                    System.dealloc(ptr, layout);
                }
            } else {
                mi::mi_free(ptr.cast::<c_void>());
            }
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        match (layout.size() >= LARGE, new_size >= LARGE) {
            // SAFETY: the block is a large one and stays large, with the
            // same alignment, so it stays with the allocator that made it.
            (true, true) => {
                return unsafe {
                    if layout.align() <= NATURAL_ALIGN {
                        spare::grow(ptr, layout.size(), new_size)
                    } else {
                        System.realloc(ptr, layout, new_size)
                    }
                };
            }
            (false, false) => {}
            // Crossing the line: a new block from the other allocator.
            _ => {
                // SAFETY: `new_size` with the old alignment is a valid layout
                // (the caller's contract); the old block is live and holds
                // `layout.size()` bytes, the new one `new_size`.
                unsafe {
                    let new = Layout::from_size_align_unchecked(new_size, layout.align());
                    let p = self.alloc(new);
                    if !p.is_null() {
                        ptr::copy_nonoverlapping(ptr, p, layout.size().min(new_size));
                        self.dealloc(ptr, layout);
                    }
                    return p;
                }
            }
        }
        // SAFETY: `ptr` came from mimalloc with `layout`; the new block
        // keeps the alignment by the same rule as `alloc`.
        unsafe {
            if natural(layout.align(), new_size) {
                mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of every size and alignment the analysis asks for come back
    /// aligned, readable and writable, also after growing and shrinking.
    #[test]
    fn blocks_keep_their_alignment() {
        let a = Allocator;
        for align in [1usize, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [
                1usize, 3, 8, 12, 16, 24, 40, 100, 1000, 70_000, 400_000, LARGE,
            ] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: non-zero sizes, freed with the layout they were made with.
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size} align {align}");
                    p.write_bytes(7, size);
                    let q = a.realloc(p, layout, size * 3);
                    assert_eq!(q as usize % align, 0, "grown: size {size} align {align}");
                    assert_eq!(*q.add(size - 1), 7);
                    let grown = Layout::from_size_align(size * 3, align).unwrap();
                    let z = a.alloc_zeroed(layout);
                    assert_eq!(z as usize % align, 0);
                    assert!((0..size).all(|i| *z.add(i) == 0));
                    a.dealloc(z, layout);
                    a.dealloc(q, grown);
                }
            }
        }
    }
}
