//! One module per subcommand.

pub(crate) mod actors;
pub(crate) mod analyze;
pub(crate) mod eval_quotes;
pub(crate) mod eval_sentiment;
pub(crate) mod eval_targets;
pub(crate) mod explain;
pub(crate) mod lexicon;
