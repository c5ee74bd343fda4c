//! The embedded lexicons, parsed when an engine is built.

use super::shifters::ShifterRole;

/// `(name, text)` of the built-in sentiment lexicons, general first, domain
/// last: a later lexicon overrides an earlier one on the same term.
pub(crate) const SENTIMENT: &[(&str, &str)] = &[
    (
        "builtin:sentiment.en.tsv",
        include_str!("../../../../lexicons/sentiment.en.tsv"),
    ),
    (
        "builtin:politics.en.tsv",
        include_str!("../../../../lexicons/politics.en.tsv"),
    ),
];

/// `(name, text, role)` of the built-in shifter lexicons.
pub(crate) const SHIFTERS: &[(&str, &str, ShifterRole)] = &[
    (
        "builtin:negators.en.txt",
        include_str!("../../../../lexicons/negators.en.txt"),
        ShifterRole::Negators,
    ),
    (
        "builtin:intensifiers.en.tsv",
        include_str!("../../../../lexicons/intensifiers.en.tsv"),
        ShifterRole::Intensifiers,
    ),
    (
        "builtin:contrast.en.tsv",
        include_str!("../../../../lexicons/contrast.en.tsv"),
        ShifterRole::Contrast,
    ),
    (
        "builtin:hedges.en.tsv",
        include_str!("../../../../lexicons/hedges.en.tsv"),
        ShifterRole::Hedges,
    ),
];
