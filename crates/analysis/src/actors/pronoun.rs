//! Pronoun resolution for the quotes stage: who "he" or "it" is at a position.

use crate::actors::model::{ActorKind, ActorSet, MentionForm};

/// What a pronoun can refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PronounClass {
    /// he, him, his, she, her, hers: a person.
    Person,
    /// it, its: a state or organisation.
    Thing,
    /// they, them, their: an organisation, state, group, or anonymous people.
    Plural,
}

impl PronounClass {
    /// The class of an English pronoun, any case; `None` for other words.
    pub fn of(word: &str) -> Option<PronounClass> {
        match word.to_ascii_lowercase().as_str() {
            "he" | "him" | "his" | "she" | "her" | "hers" | "himself" | "herself" => {
                Some(PronounClass::Person)
            }
            "it" | "its" | "itself" => Some(PronounClass::Thing),
            "they" | "them" | "their" | "theirs" | "themselves" => Some(PronounClass::Plural),
            _ => None,
        }
    }
}

/// The actor (index into [`ActorSet::actors`]) that `pronoun` at byte `at`
/// most likely refers to: the most recent compatible mention starting before
/// `at`. `None` if the word is not a pronoun or nothing fits.
///
/// The search is purely by recency and kind (no gender); the quotes stage
/// should limit how far back it accepts the answer, e.g. to the paragraph:
/// compare the returned actor's last mention before `at` with its own bounds.
///
/// ```
/// # use stance_analysis::actors::*;
/// # use stance_core::{Article, ArticleId};
/// let text = "Talks\nChina's foreign minister Wang Yi met Marco Rossi, an economist at Bruegel. He said talks went well.";
/// let article = Article::parse(ArticleId("a".into()), text.into()).unwrap();
/// let gaz = Gazetteer::builtin().unwrap();
/// let set = find(&article, &gaz);
/// let he = text.find("He said").unwrap();
/// let who = resolve_pronoun(&set, he, "He").unwrap();
/// assert_eq!(set.actors[who].name, "Marco Rossi");
/// ```
pub fn resolve_pronoun(set: &ActorSet, at: usize, pronoun: &str) -> Option<usize> {
    let class = PronounClass::of(pronoun)?;
    let before = set.mentions.partition_point(|m| m.span.start < at);
    set.mentions[..before].iter().rev().find_map(|m| {
        let a = &set.actors[m.actor];
        let fits = match class {
            PronounClass::Person => {
                // A named person, or a singular anonymous one ("an official", not "officials").
                a.kind == ActorKind::Person
                    && !(m.form == MentionForm::Description && a.name.ends_with('s'))
            }
            PronounClass::Thing => {
                matches!(a.kind, ActorKind::State | ActorKind::Organization)
                    && m.form != MentionForm::Demonym
            }
            PronounClass::Plural => match a.kind {
                ActorKind::Person => a.name.ends_with('s'),
                _ => m.form != MentionForm::Demonym,
            },
        };
        fits.then_some(m.actor)
    })
}
