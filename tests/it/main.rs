//! The one integration-test binary: runs the real `stance` binary on the
//! seeds and on inputs built in temporary directories.

mod actors;
mod backbone;
mod hostile;
mod layout;
mod props;
mod quotes;
mod regression;
mod sentiment;
// The helpers are `pub` for the test modules; the binary exports nothing.
#[allow(unreachable_pub)]
mod util;
