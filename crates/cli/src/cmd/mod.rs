//! One module per subcommand.

pub(crate) mod actors;
pub(crate) mod analyze;
pub(crate) mod eval_quotes;
