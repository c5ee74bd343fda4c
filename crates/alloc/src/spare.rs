//! Large blocks (a mebibyte or more), from the C allocator, with the last
//! few a thread freed kept for its next large requests.
//!
//! Why: a 1 MB article needs a handful of such blocks (its token table,
//! ~5 MB; its normal forms, ~2 MB; per-token tables of the actor stage;
//! the reader's line and the writer's report). glibc maps each one on its
//! own and unmaps it when freed, so the next article faulted every page in
//! again: eight 1 MB articles took 20,600 page faults and a fifth of their
//! time in the kernel, where 8 MB of short articles took 970. A block kept
//! here is handed out again without a system call or a fault.
//!
//! What is kept is bounded, so that resident memory stays what the largest
//! articles need at once: at most [`SLOTS`] blocks and [`BUDGET`] bytes per
//! thread, no block over [`MAX_KEPT`] (a record at the `--max-article-bytes`
//! limit is read once and its buffer given back), and a request that no kept
//! block fits first gives back the kept blocks too small for it.
//!
//! Only blocks with the C allocator's natural alignment pass through here;
//! `malloc`, `realloc` and `free` need no size, so a kept block may serve
//! any request it is large enough for.

use std::cell::Cell;
use std::ffi::c_void;
use std::ptr;

unsafe extern "C" {
    fn malloc(size: usize) -> *mut c_void;
    fn realloc(ptr: *mut c_void, size: usize) -> *mut c_void;
    fn free(ptr: *mut c_void);
}

/// Blocks kept per thread.
const SLOTS: usize = 4;
/// Bytes kept per thread, at most.
const BUDGET: usize = 32 << 20;
/// Larger blocks are given back at once.
const MAX_KEPT: usize = 16 << 20;

/// A kept block and the size it is known to hold (the size it was last
/// asked for: `malloc` may have given more). A null pointer is an empty slot.
#[derive(Clone, Copy)]
struct Kept {
    ptr: *mut u8,
    size: usize,
}

const EMPTY: Kept = Kept {
    ptr: ptr::null_mut(),
    size: 0,
};

/// One thread's kept blocks; given back when the thread ends.
struct Spares(Cell<[Kept; SLOTS]>);

impl Drop for Spares {
    fn drop(&mut self) {
        for k in self.0.get() {
            if !k.ptr.is_null() {
                // SAFETY: every kept pointer came from `malloc`/`realloc` and
                // is owned by this list alone.
                unsafe { free(k.ptr.cast()) }
            }
        }
    }
}

thread_local! {
    static SPARES: Spares = const { Spares(Cell::new([EMPTY; SLOTS])) };
}

/// A block of at least `size` bytes: the smallest kept block that holds
/// them, or a new one.
///
/// # Safety
/// As `malloc`: the block is uninitialised.
pub(crate) unsafe fn alloc(size: usize) -> *mut u8 {
    let reused = SPARES
        .try_with(|s| {
            let mut kept = s.0.get();
            let best = (0..SLOTS)
                .filter(|&i| !kept[i].ptr.is_null() && kept[i].size >= size)
                .min_by_key(|&i| kept[i].size);
            match best {
                Some(i) => {
                    let p = kept[i].ptr;
                    kept[i] = EMPTY;
                    s.0.set(kept);
                    p
                }
                None => {
                    // Blocks too small for this request are unlikely to fit
                    // the next ones either: give them back before mapping
                    // more, so that kept memory does not add to the peak.
                    for k in &mut kept {
                        if !k.ptr.is_null() {
                            // SAFETY: as in `Spares::drop`.
                            unsafe { free(k.ptr.cast()) };
                            *k = EMPTY;
                        }
                    }
                    s.0.set(kept);
                    ptr::null_mut()
                }
            }
        })
        .unwrap_or(ptr::null_mut());
    if reused.is_null() {
        // SAFETY: a plain C allocation; a null result is passed on.
        unsafe { malloc(size).cast() }
    } else {
        reused
    }
}

/// [`alloc`], zeroed.
///
/// # Safety
/// As `calloc`.
pub(crate) unsafe fn alloc_zeroed(size: usize) -> *mut u8 {
    // SAFETY: the caller's contract; the block holds `size` bytes.
    unsafe {
        let p = alloc(size);
        if !p.is_null() {
            p.write_bytes(0, size);
        }
        p
    }
}

/// Takes back a block from [`alloc`] that holds at least `size` bytes: kept
/// for this thread's next request if it fits the bounds, else freed.
///
/// # Safety
/// `ptr` came from [`alloc`], [`alloc_zeroed`] or [`grow`] and is not used
/// again.
pub(crate) unsafe fn dealloc(ptr: *mut u8, size: usize) {
    let kept = size <= MAX_KEPT
        && SPARES
            .try_with(|s| {
                // The kept blocks and this one, largest first: keep as many
                // as the bounds allow, give back the rest.
                let old = s.0.get();
                let mut all = [EMPTY; SLOTS + 1];
                all[..SLOTS].copy_from_slice(&old);
                all[SLOTS] = Kept { ptr, size };
                all.sort_unstable_by_key(|k| std::cmp::Reverse(k.size));
                let mut kept = [EMPTY; SLOTS];
                let (mut n, mut total) = (0, 0);
                for k in all {
                    if k.ptr.is_null() {
                        continue;
                    }
                    if n < SLOTS && total + k.size <= BUDGET {
                        kept[n] = k;
                        n += 1;
                        total += k.size;
                    } else {
                        // SAFETY: a block from `malloc` that no slot holds.
                        unsafe { free(k.ptr.cast()) };
                    }
                }
                s.0.set(kept);
            })
            .is_ok();
    if !kept {
        // SAFETY: the caller's contract: a block from `malloc`/`realloc`.
        unsafe { free(ptr.cast()) }
    }
}

/// Resizes a block from [`alloc`] (glibc grows a mapped block in place
/// with `mremap`).
///
/// # Safety
/// As `realloc`; `new_size` is not zero.
pub(crate) unsafe fn grow(ptr: *mut u8, new_size: usize) -> *mut u8 {
    // SAFETY: the caller's contract.
    unsafe { realloc(ptr.cast(), new_size).cast() }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: usize = 1 << 20;

    fn kept_sizes() -> Vec<usize> {
        let mut v: Vec<usize> = SPARES
            .with(|s| s.0.get())
            .iter()
            .filter(|k| !k.ptr.is_null())
            .map(|k| k.size)
            .collect();
        v.sort_unstable();
        v
    }

    /// A freed block is handed out again for a request it holds, the
    /// smallest that fits first; a request none fits gives back the ones
    /// too small for it; the bounds on count, bytes and block size hold.
    #[test]
    fn blocks_are_kept_within_bounds_and_reused() {
        // Runs on a thread of its own so that the list starts empty.
        std::thread::spawn(|| {
            // SAFETY: blocks from `alloc`, written within their size and
            // given back once each.
            unsafe {
                let a = alloc(3 * MIB);
                let b = alloc(2 * MIB);
                a.write_bytes(1, 3 * MIB);
                dealloc(a, 3 * MIB);
                dealloc(b, 2 * MIB);
                assert_eq!(kept_sizes(), [2 * MIB, 3 * MIB]);

                let c = alloc(2 * MIB + 1);
                assert_eq!(c, a, "the smallest kept block that fits");
                assert_eq!(kept_sizes(), [2 * MIB]);
                let z = alloc_zeroed(MIB);
                assert_eq!(z, b);
                assert!((0..MIB).all(|i| *z.add(i) == 0));
                dealloc(z, MIB);
                dealloc(c, 2 * MIB + 1);
                assert_eq!(kept_sizes(), [MIB, 2 * MIB + 1]);

                // Nothing kept holds 4 MiB: both kept blocks go.
                let d = alloc(4 * MIB);
                assert_eq!(kept_sizes(), Vec::<usize>::new());
                dealloc(d, 4 * MIB);

                // Over the count: the smallest goes.
                let blocks: Vec<_> = (1..=5).map(|i| (alloc(i * MIB), i * MIB)).collect();
                for (p, n) in blocks {
                    dealloc(p, n);
                }
                assert_eq!(kept_sizes(), [2 * MIB, 3 * MIB, 4 * MIB, 5 * MIB]);

                // Over the bytes: 16 + 15 + 5 > 32 MiB, so only the two
                // largest stay (the 5 MiB request took the kept 5 MiB block,
                // the 15 MiB one gave back the rest, all too small for it).
                let big: Vec<_> = [5 * MIB, 15 * MIB, 16 * MIB]
                    .map(|n| (alloc(n), n))
                    .into_iter()
                    .collect();
                for (p, n) in big {
                    dealloc(p, n);
                }
                assert_eq!(kept_sizes(), [15 * MIB, 16 * MIB]);

                // Over the block bound: not kept (and the request gave back
                // the kept blocks, none being large enough).
                let huge = alloc(MAX_KEPT + 1);
                dealloc(huge, MAX_KEPT + 1);
                assert_eq!(kept_sizes(), Vec::<usize>::new());
            }
        })
        .join()
        .unwrap();
    }
}
