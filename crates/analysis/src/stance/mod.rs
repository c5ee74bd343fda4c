//! Stance: directed actor-to-actor relations, each actor's portrayal, and each
//! speaker's stance toward the actors in their quotes.

mod lexicon;
mod relations;
mod voices;

pub use lexicon::{Cue, Frame, RelationLexicon};
pub use relations::{Relation, RelationLabel, Via, find as find_relations};
pub use voices::{
    Portrayal, QuoteStance, QuoteTarget, derive_affiliations, portray, quote_relations,
    quote_stances,
};

#[cfg(test)]
mod tests;
