//! Stance: directed actor-to-actor relations, each actor's portrayal, and each
//! speaker's stance toward the actors in their quotes.

mod lexicon;
mod relations;

pub use lexicon::{Cue, Frame, RelationLexicon};
pub use relations::{Relation, RelationLabel, Via, find as find_relations};

#[cfg(test)]
mod tests;
