//! Actors: who is in the story.
//!
//! [`find`] reports every state, organisation, group and person an article
//! mentions, with each mention's span and form, in four steps:
//!
//! 1. **Gazetteer hits.** Every surface form of every [`Entry`] (names,
//!    aliases, demonyms, metonyms, short forms) is matched leftmost-longest
//!    over the whole text, headline and dateline included: the longest form
//!    at each word start, from a byte trie (or, when some form does not start
//!    with a letter or digit, one Aho-Corasick pass). Hits must sit on word
//!    boundaries and pass the entry's guards (`unless_next`/`unless_prev`,
//!    `ambiguous=`; see [`gazetteer`]).
//! 2. **Discovery.** Organisations by shape ("Seoul National University",
//!    "the Bruegel think tank", "FNSEA"); people by a title before the name
//!    ("Chinese Foreign Minister Wang Yi", "spokesperson Mao Ning"), an
//!    honorific ("Dr. Sarah Kim"), an appositive (", a regional expert at
//!    Seoul National University"), "of ORG" or a verb of saying; anonymous
//!    sources ("a State Department spokesperson", "Israeli officials").
//!    Discovered actors get ids `NEW.<SLUG>` and [`Origin::Discovered`].
//! 3. **Coreference.** A short form ("Wang", "Rossi", "Dr. Kim") links to an
//!    actor whose full name appeared earlier: a person introduced with an
//!    honorific wins when the short form has one, else the most recently
//!    mentioned candidate. A short form with no antecedent is dropped (and
//!    listed by [`unresolved`]).
//! 4. **Assembly.** Mentions are sorted and never overlap; actors are listed
//!    in order of first mention.
//!
//! Decisions worth knowing:
//! - A demonym or state name that modifies a person's title ("*Chinese*
//!   Foreign Minister", "*Russian* President") is a mention of that state
//!   *and* the person's affiliation: the article speaks of the state through
//!   its official. A state name inside an organisation's name ("*Seoul*
//!   National University") is part of that name, not a mention; it becomes
//!   the organisation's affiliation.
//! - Gazetteer people carry the gazetteer's `affiliation` and the role they
//!   held on the article's date; a title written before them only fills in
//!   a missing role.
//! - A person affiliated through a state institution ("a State Department
//!   spokesperson") gets the state as `affiliation` and the institution as
//!   `affiliation_name`.
//! - "counterpart" takes the role of the last titled person in the sentence
//!   ("Foreign Minister Wang Yi and his counterpart Choe Son Hui").
//! - An office named without a name after a state ("the U.S. president",
//!   "China's foreign minister") is a [`MentionForm::Description`] of the one
//!   gazetteer person holding it on the article's date (open-ended roles when
//!   the article has no date); "former", "a", "new" before it turn this off.
//! - "the minister", "the economist" (a definite singular role with no name
//!   or state) is a [`MentionForm::Pronoun`] of the last person mentioned
//!   whose role holds that word; nothing is added if no one fits.
//! - Ambiguous names (`ambiguous=us-state`, or `word` at a sentence start or
//!   in the headline) count only when the article also names the same actor
//!   another way ("Tbilisi", "Turkish") or names someone affiliated with it.
//! - Pronouns: [`resolve_pronoun`] answers "who is *he* at byte N" by recency
//!   and kind. The quotes stage keeps its own stricter resolver over
//!   [`ActorSet::mentions`]; both read the same mentions.

mod find;
pub mod gazetteer;
mod matcher;
mod model;
mod pronoun;
mod titles;
mod unresolved;
mod words;

pub use find::find;
pub use gazetteer::{Ambiguity, DatedRole, Entry, Gender};
pub use matcher::{Gazetteer, GazetteerBuilder};
pub(crate) use model::MentionCursor;
pub use model::{Actor, ActorId, ActorKind, ActorSet, Mention, MentionForm, Origin};
pub use pronoun::{PronounClass, resolve_pronoun};
pub use unresolved::{UnresolvedName, unresolved};

#[cfg(test)]
mod tests;
