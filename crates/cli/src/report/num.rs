//! Numbers for the CSV cells, without the general float algorithm.
//!
//! Every score in a report is rounded to four decimal places
//! ([`super::model::round4`]) and is small, so its shortest round-trip
//! spelling, the one Rust's `Display` prints, is its integer part and up to
//! four decimals. Writing those digits directly costs about a hundred
//! instructions; `Display` for `f64` costs about 600, and was a sixth of
//! rendering the CSV tables. (JSON keeps serde_json's zmij, which is already
//! about as fast as this.)
//!
//! Why the spelling is exact: such a value `v` is the double nearest to
//! `n / 10_000` for an integer `n` (checked, not assumed). Below 1e11 a
//! double's rounding interval is narrower than 1e-5, so no decimal with fewer
//! digits than `n / 10_000` (each at least 1e-4 away from it) rounds to
//! `v`, and `n / 10_000` itself does. Anything else (unrounded values, huge
//! ones, NaN) goes to the caller's general path.

/// Bound on `|n|` (so on `|v| < 1e11`) for the argument above; far above any score.
const LIMIT: u64 = 1_000_000_000_000_000;

/// Appends `v` as `Display` spells it and returns true when `v` is a
/// four-place value below 1e11; otherwise appends nothing and returns false.
pub(super) fn write_score(out: &mut Vec<u8>, v: f64) -> bool {
    // The nearest whole number, without `round` (a libm call here): the
    // check below accepts only an exact `n`, so how ties go does not matter.
    // Saturating casts make NaN 0 and the infinities huge; both fail it.
    let x = v * 10_000.0;
    let n = (x + 0.5f64.copysign(x)) as i64;
    if !(n.unsigned_abs() < LIMIT && n as f64 / 10_000.0 == v) {
        return false;
    }
    let abs = n.unsigned_abs();
    let (int, frac) = (abs / 10_000, (abs % 10_000) as u32);
    out.reserve(24);
    if v.is_sign_negative() {
        out.push(b'-');
    }
    write_u64(out, int);
    if frac != 0 {
        out.push(b'.');
        let digits = [frac / 1000, frac / 100 % 10, frac / 10 % 10, frac % 10];
        // `frac` is not zero, so a digit other than 0 ends the trim.
        let mut len = digits.len();
        while digits[len - 1] == 0 {
            len -= 1;
        }
        for &d in &digits[..len] {
            out.push(b'0' + d as u8);
        }
    }
    true
}

/// Appends `n` in decimal, as `Display` spells it.
pub(super) fn write_u64(out: &mut Vec<u8>, mut n: u64) {
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    while n != 0 {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.extend_from_slice(&buf[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::round4;
    use proptest::prelude::*;

    fn spelled(v: f64) -> Option<String> {
        let mut out = Vec::new();
        write_score(&mut out, v).then(|| String::from_utf8(out).unwrap())
    }

    fn check(v: f64) {
        if let Some(s) = spelled(v) {
            assert_eq!(s, v.to_string(), "{v:?}");
        }
    }

    #[test]
    fn every_small_four_place_value_matches() {
        for n in -300_000i64..=300_000 {
            let v = n as f64 / 10_000.0;
            assert!(spelled(v).is_some(), "{v}");
            check(v);
        }
    }

    #[test]
    fn edges_match_or_fall_back() {
        for v in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.0001,
            -0.0001,
            0.00005,
            1e-7,
            99_999_999_999.999_9,
            1e11,
            123_456_789.123_4,
            1e15,
            1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.1 + 0.2,
            1.0 / 3.0,
        ] {
            check(v);
            check(round4(v));
        }
        assert_eq!(spelled(-0.0).unwrap(), "-0");
        assert!(spelled(0.1 + 0.2).is_none());
        assert!(spelled(f64::NAN).is_none());
    }

    #[test]
    fn integers_match_display() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, u64::MAX] {
            let mut out = Vec::new();
            write_u64(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }

    proptest! {
        #[test]
        fn rounded_values_match(x in -1e12f64..1e12) {
            check(round4(x));
            check(x);
        }

        #[test]
        fn scores_match(x in -4.0f64..4.0) {
            check(round4(x));
            check(x);
        }
    }
}
