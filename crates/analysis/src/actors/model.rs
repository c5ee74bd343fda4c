//! The actor types every later stage (quotes, stance) consumes.

use std::fmt;

use stance_core::Span;

/// A stable actor identifier: ISO 3166 alpha-3 for states (`CHN`), `IGO.*` for
/// international organisations, `<ISO3>.*` for state institutions, `ORG.*`,
/// `GRP.*`, `PER.*` for gazetteer entries, and `NEW.<slug>` for actors
/// discovered in the article itself.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct ActorId(pub String);

impl fmt::Display for ActorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What sort of actor this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A state or territory (`CHN`, `TWN`).
    State,
    /// An international organisation, state institution, company, university, armed group.
    Organization,
    /// A named or anonymous person.
    Person,
    /// A people or faction without one organisation.
    Group,
}

impl ActorKind {
    /// The lower-case name used in reports and lexicon files.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Organization => "organization",
            ActorKind::Person => "person",
            ActorKind::Group => "group",
        }
    }
}

/// Where an actor came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// An entry of a gazetteer (built-in or `--actors FILE`).
    Gazetteer,
    /// Found in the article by a title, appositive or organisation shape.
    Discovered,
}

/// How a mention refers to its actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionForm {
    /// The canonical name or an alias ("China", "PRC", "Wang Yi").
    Name,
    /// A short form that links back to an earlier full name ("Wang", "Dr. Kim").
    Short,
    /// An adjective/demonym ("Chinese").
    Demonym,
    /// A capital or seat of power ("Beijing", "the Kremlin").
    Metonym,
    /// A pronoun or descriptive phrase resolved to the actor ("he", "the minister").
    Pronoun,
    /// An anonymous or descriptive reference ("a State Department spokesperson").
    Description,
}

/// One occurrence of an actor in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Bytes of the mention in the article text.
    pub span: Span,
    /// Index of the actor in [`ActorSet::actors`].
    pub actor: usize,
    /// How the mention refers to the actor.
    pub form: MentionForm,
}

/// An actor found in one article.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    /// Stable identifier.
    pub id: ActorId,
    /// Canonical name.
    pub name: String,
    /// Kind of actor.
    pub kind: ActorKind,
    /// Role or title ("Foreign Minister", "regional expert").
    pub role: Option<String>,
    /// The state or organisation it belongs to or speaks for.
    pub affiliation: Option<ActorId>,
    /// Free-text affiliation when it is not itself an actor with an id.
    pub affiliation_name: Option<String>,
    /// Gazetteer entry or discovered in the text.
    pub origin: Origin,
    /// How news addresses a person ("Mr."/"Mrs."), when the gazetteer or the
    /// text's own courtesy title says: lets "she" skip a man and "Mrs.
    /// Clinton" skip Bill Clinton.
    pub gender: Option<crate::actors::Gender>,
}

/// The actors of one article and all their mentions, sorted by position.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ActorSet {
    /// Actors in order of first mention.
    pub actors: Vec<Actor>,
    /// Mentions sorted by `span.start`; they never overlap.
    pub mentions: Vec<Mention>,
}

impl ActorSet {
    /// Mentions of the actor at `index`, in order.
    pub fn mentions_of(&self, index: usize) -> impl Iterator<Item = &Mention> + '_ {
        self.mentions.iter().filter(move |m| m.actor == index)
    }

    /// The mention overlapping `span` that starts first, if any.
    pub fn mention_overlapping(&self, span: Span) -> Option<&Mention> {
        let i = self.mentions.partition_point(|m| m.span.end <= span.start);
        self.mentions[i..]
            .iter()
            .take_while(|m| m.span.start < span.end)
            .find(|m| m.span.overlaps(span))
    }

    /// Mentions lying inside `span`.
    pub fn mentions_in(&self, span: Span) -> &[Mention] {
        let start = self.mentions.partition_point(|m| m.span.start < span.start);
        inside(&self.mentions[start..], span)
    }

    /// Index of the actor with this id.
    pub fn index_of(&self, id: &ActorId) -> Option<usize> {
        self.actors.iter().position(|a| &a.id == id)
    }
}

/// [`ActorSet::mentions_in`] for spans asked in text order (by start), as
/// the sentences and the quotes of an article are: the mentions are sorted by start, so
/// the first one at or after a span's start is found by moving on from the
/// previous span's, not by two binary searches over all of them for each
/// sentence (two searches of ~170 instructions for each of 11,697
/// sentences of a 1.4 MB sample, most of which name nobody).
pub(crate) struct MentionCursor<'a> {
    mentions: &'a [Mention],
    /// The first mention not starting before the last span asked about
    /// (every mention before it starts before that span).
    next: usize,
}

impl<'a> MentionCursor<'a> {
    pub(crate) fn new(actors: &'a ActorSet) -> MentionCursor<'a> {
        MentionCursor {
            mentions: &actors.mentions,
            next: 0,
        }
    }

    /// The mentions lying inside `span`. A span starting before the last
    /// one asked about is answered too, with a binary search.
    pub(crate) fn inside(&mut self, span: Span) -> &'a [Mention] {
        let mentions = self.mentions;
        if self.next > 0 && mentions[self.next - 1].span.start >= span.start {
            self.next = mentions.partition_point(|m| m.span.start < span.start);
        }
        while mentions
            .get(self.next)
            .is_some_and(|m| m.span.start < span.start)
        {
            self.next += 1;
        }
        inside(&mentions[self.next.min(mentions.len())..], span)
    }
}

/// The mentions inside `span` at the head of `from`, which holds the
/// mentions starting at or after `span.start` in order: the run of them
/// that start before the span's end and end inside it.
fn inside(from: &[Mention], span: Span) -> &[Mention] {
    let n = from
        .iter()
        .take_while(|m| m.span.start < span.end && m.span.end <= span.end)
        .count();
    &from[..n]
}
