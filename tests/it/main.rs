//! The one integration-test binary: runs the real `stance` binary on the
//! seeds and on inputs built in temporary directories.

mod actors;
mod backbone;
mod hostile;
mod layout;
mod props;
mod quotes;
mod regression;
mod scale;
mod sentiment;
mod snapshots;
mod stance;
mod util;
