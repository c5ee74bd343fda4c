//! Large blocks (a mebibyte or more), from the C allocator, with the last
//! few freed kept for the next large requests.
//!
//! Why: a 1 MB article needs a handful of such blocks (its token table,
//! ~5 MB; its normal forms, ~2 MB; per-token tables of the actor stage;
//! the reader's line and the writer's report). glibc maps each one on its
//! own and unmaps it when freed, so the next article faulted every page in
//! again: eight 1 MB articles took 20,600 page faults and a fifth of their
//! time in the kernel, where 8 MB of short articles took 970. A block kept
//! here is handed out again without a system call or a fault.
//!
//! One list serves the whole process, not one per thread: a long article's
//! blocks are made on one thread and freed on another (the reader's record
//! on the worker that analyses it, the worker's report on the thread that
//! writes it). Lists per thread kept blocks their threads never asked for
//! again, and the first request none of them fitted gave them all back:
//! each 1 MB article still mapped ~5 MB afresh (11,300 faults for eight).
//! Large requests are rare (a few per long article), so a lock costs
//! nothing.
//!
//! What is kept is bounded, so that resident memory is at most what the
//! articles in flight need plus [`BUDGET`]: at most [`SLOTS`] blocks and
//! [`BUDGET`] bytes, largest kept first, no block over [`MAX_KEPT`] (a
//! record at the `--max-article-bytes` limit is read once and its buffer
//! given back).
//!
//! Only blocks with the C allocator's natural alignment pass through here;
//! `malloc`, `realloc` and `free` need no size, so a kept block may serve
//! any request it is large enough for.

use std::ffi::c_void;
use std::ptr;
use std::sync::{Mutex, PoisonError};

unsafe extern "C" {
    fn malloc(size: usize) -> *mut c_void;
    fn realloc(ptr: *mut c_void, size: usize) -> *mut c_void;
    fn free(ptr: *mut c_void);
    fn malloc_usable_size(ptr: *mut c_void) -> usize;
}

/// Blocks kept, at most.
const SLOTS: usize = 8;
/// Bytes kept, at most.
const BUDGET: usize = 32 << 20;
/// Larger blocks are given back at once.
const MAX_KEPT: usize = 16 << 20;

/// A kept block and the size it is known to hold (the size it was last
/// asked for: `malloc` may have given more). A null pointer is an empty slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Kept {
    ptr: *mut u8,
    size: usize,
}

const EMPTY: Kept = Kept {
    ptr: ptr::null_mut(),
    size: 0,
};

/// The kept blocks, largest first, empty slots last. Only bookkeeping: the
/// functions below call `malloc` and `free`, outside the lock.
#[derive(Debug)]
struct Spares([Kept; SLOTS]);

// SAFETY: a kept block is plain memory from `malloc`, owned by the list
// alone; `malloc` and `free` may be called for it from any thread.
unsafe impl Send for Spares {}

impl Spares {
    const fn new() -> Spares {
        Spares([EMPTY; SLOTS])
    }

    /// Takes the smallest kept block of at least `size` bytes, if any.
    fn take(&mut self, size: usize) -> Option<*mut u8> {
        // Largest first: the last one that fits is the smallest that does.
        let i = self
            .0
            .iter()
            .rposition(|k| !k.ptr.is_null() && k.size >= size)?;
        let p = self.0[i].ptr;
        self.0.copy_within(i + 1.., i);
        self.0[SLOTS - 1] = EMPTY;
        Some(p)
    }

    /// Keeps `block` if the bounds allow, largest blocks first; returns the
    /// blocks that no longer fit (this one or kept ones), to be freed.
    fn put(&mut self, block: Kept) -> [Kept; SLOTS + 1] {
        let mut given_back = [EMPTY; SLOTS + 1];
        if block.size > MAX_KEPT {
            given_back[0] = block;
            return given_back;
        }
        let mut all = [EMPTY; SLOTS + 1];
        all[..SLOTS].copy_from_slice(&self.0);
        all[SLOTS] = block;
        all.sort_unstable_by_key(|k| std::cmp::Reverse(k.size));
        let mut kept = [EMPTY; SLOTS];
        let (mut n, mut total, mut back) = (0, 0, 0);
        for k in all.into_iter().filter(|k| !k.ptr.is_null()) {
            if n < SLOTS && total + k.size <= BUDGET {
                kept[n] = k;
                n += 1;
                total += k.size;
            } else {
                given_back[back] = k;
                back += 1;
            }
        }
        self.0 = kept;
        given_back
    }
}

static SPARES: Mutex<Spares> = Mutex::new(Spares::new());

/// Runs `f` on the list. No code under the lock panics, and the slots are
/// valid in any state, so a poisoned lock is used as it is.
fn with_spares<R>(f: impl FnOnce(&mut Spares) -> R) -> R {
    f(&mut SPARES.lock().unwrap_or_else(PoisonError::into_inner))
}

/// A block of at least `size` bytes: the smallest kept block that holds
/// them, or a new one.
///
/// # Safety
/// As `malloc`: the block is uninitialised.
pub(crate) unsafe fn alloc(size: usize) -> *mut u8 {
    match with_spares(|s| s.take(size)) {
        Some(p) => p,
        // SAFETY: a plain C allocation; a null result is passed on.
        None => unsafe { malloc(size).cast() },
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
/// for the next request if it fits the bounds, else freed.
///
/// # Safety
/// `ptr` came from [`alloc`], [`alloc_zeroed`] or [`grow`] and is not used
/// again.
pub(crate) unsafe fn dealloc(ptr: *mut u8, size: usize) {
    let given_back = with_spares(|s| s.put(Kept { ptr, size }));
    for k in given_back.into_iter().filter(|k| !k.ptr.is_null()) {
        // SAFETY: a block from `malloc`/`realloc` that no slot holds.
        unsafe { free(k.ptr.cast()) }
    }
}

/// Resizes a block from [`alloc`] that holds `old_size` bytes to hold
/// `new_size`.
///
/// A kept block handed out for a smaller request already holds more, and a
/// growing buffer (a long article's report) asks again and again: it stays
/// where it is while it fits. Past that, a kept block that fits takes the
/// bytes and the old block is kept in turn; only when none fits does
/// `realloc` move it (and glibc's `mremap` resizes a mapped block to the
/// new size, trimming what a kept block had beyond it, with fresh pages to
/// fault in when it grows).
///
/// # Safety
/// As `realloc`; `ptr` holds `old_size` bytes; `new_size` is not zero.
pub(crate) unsafe fn grow(ptr: *mut u8, old_size: usize, new_size: usize) -> *mut u8 {
    // SAFETY: `ptr` is a live block from `malloc`/`realloc`.
    if new_size <= unsafe { malloc_usable_size(ptr.cast()) } {
        return ptr;
    }
    if let Some(p) = with_spares(|s| s.take(new_size)) {
        // SAFETY: two distinct live blocks, `ptr` holding `old_size` bytes
        // and `p` at least `new_size`; `ptr` is given up here.
        unsafe {
            ptr::copy_nonoverlapping(ptr, p, old_size.min(new_size));
            dealloc(ptr, old_size);
        }
        return p;
    }
    // SAFETY: the caller's contract.
    unsafe { realloc(ptr.cast(), new_size).cast() }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: usize = 1 << 20;

    /// A stand-in block: the list never reads or frees what it keeps.
    fn block(id: usize, size: usize) -> Kept {
        Kept {
            ptr: ptr::without_provenance_mut(id * 64),
            size,
        }
    }

    fn sizes(blocks: &[Kept]) -> Vec<usize> {
        blocks
            .iter()
            .filter(|k| !k.ptr.is_null())
            .map(|k| k.size)
            .collect()
    }

    /// A freed block is handed out again for a request it holds, the
    /// smallest that fits first; a request none fits leaves the list as it
    /// is; the bounds on count, bytes and block size hold, the smallest
    /// blocks going first.
    #[test]
    fn blocks_are_kept_within_bounds_and_reused() {
        let mut s = Spares::new();
        assert_eq!(sizes(&s.put(block(1, 3 * MIB))), []);
        assert_eq!(sizes(&s.put(block(2, 2 * MIB))), []);
        assert_eq!(sizes(&s.0), [3 * MIB, 2 * MIB]);

        assert_eq!(s.take(2 * MIB + 1), Some(block(1, 0).ptr), "smallest fit");
        assert_eq!(sizes(&s.0), [2 * MIB]);
        assert_eq!(s.take(4 * MIB), None, "nothing kept holds 4 MiB");
        assert_eq!(sizes(&s.0), [2 * MIB], "a miss gives nothing back");
        assert_eq!(s.take(MIB), Some(block(2, 0).ptr));
        assert_eq!(sizes(&s.0), []);

        // Over the count: the smallest goes.
        for i in 1..=SLOTS + 1 {
            let back = s.put(block(i, i * MIB / 2));
            let expect: &[usize] = if i == SLOTS + 1 { &[MIB / 2] } else { &[] };
            assert_eq!(sizes(&back), expect);
        }
        assert_eq!(s.0[SLOTS - 1].size, MIB, "the half-MiB block went");

        // Over the bytes: 2 + 16 + 15 > 32 MiB after the others, so the
        // list keeps the largest that fit the budget.
        let mut s = Spares::new();
        s.put(block(1, 2 * MIB));
        s.put(block(2, 16 * MIB));
        let back = s.put(block(3, 15 * MIB));
        assert_eq!(sizes(&back), [2 * MIB]);
        assert_eq!(sizes(&s.0), [16 * MIB, 15 * MIB]);

        // Over the block bound: not kept.
        let back = s.put(block(4, MAX_KEPT + 1));
        assert_eq!(sizes(&back), [MAX_KEPT + 1]);
        assert_eq!(sizes(&s.0), [16 * MIB, 15 * MIB]);
    }
}
