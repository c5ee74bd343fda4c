//! The 32-byte block test that the JSON escaper and the CSV quoting check
//! share: does any byte of a block pass a per-byte test?

/// Bytes per block of [`any_byte`].
pub(super) const BLOCK: usize = 32;

/// Whether `hit` gives a non-zero mask for any byte of `block`.
///
/// Written as a mask per byte and two halves or-ed together, the shape that
/// LLVM turns into a few SSE2 compares (under one instruction a byte, where
/// 64-bit words take two); an early exit or a fold over booleans compiles to
/// a byte loop instead. `hit` must be branch-free (`|` of `u8::from` of
/// comparisons) for the same reason.
#[inline(always)]
pub(super) fn any_byte(block: &[u8; BLOCK], hit: impl Fn(u8) -> u8) -> bool {
    let mut mask = [0u8; BLOCK];
    for (m, &b) in mask.iter_mut().zip(block) {
        *m = hit(b);
    }
    let (lo, hi) = mask.split_at(BLOCK / 2);
    let half = |h: &[u8]| {
        let mut w = [0; BLOCK / 2];
        w.copy_from_slice(h);
        u128::from_ne_bytes(w)
    };
    half(lo) | half(hi) != 0
}
