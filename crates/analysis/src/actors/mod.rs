//! Actors: who is in the story.

mod model;

pub use model::{Actor, ActorId, ActorKind, ActorSet, Mention, MentionForm, Origin};
