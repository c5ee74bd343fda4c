//! Fuzz targets for `stance`; the checks live in `checks.rs` so that the
//! regression tests in `tests/it/regression.rs` replay crashes with the same code.

pub mod checks;
