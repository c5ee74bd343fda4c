//! One module per subcommand.

pub(crate) mod actors;
pub(crate) mod analyze;
