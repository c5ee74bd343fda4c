//! Speaker resolution: from a candidate's literal mention ("Wang", "a State
//! Department spokesperson", "Jordan's foreign minister", "he") to an actor
//! of the [`ActorSet`], or `None` when it cannot be told.
//!
//! Kept apart from the passes that find quotes because it is the one step
//! that looks at the actors stage's output: the passes only mark token
//! ranges, and this module alone knows about names, roles, affiliations and
//! coreference, with its per-article [`Facts`] computed once on first use.

use std::cell::OnceCell;
use std::ops::Range;

use stance_core::Span;

use super::words::{DETERMINERS, NP_PREPS, PRONOUNS, SPOKES, is_in};
use super::{Cand, Cx, DIRECT, QUOTED};
use crate::actors::{ActorKind, ActorSet, Gender, MentionForm};
use crate::fast::{HashMap, gallop};

/// Resolves every candidate's mention to an actor, in text order so that a
/// pronoun can go to the speaker just before it.
///
/// Returns, per candidate, the members of a group speaker: a coordinated
/// mention ("North Korea and China") that is no single actor but whose every
/// conjunct is one ([`resolve_group`]); empty for every other candidate.
/// Kept beside the candidates rather than in them because only a handful of
/// quotes per corpus have one, and an empty `Vec` allocates nothing.
pub(super) fn resolve(cx: &Cx<'_>, actors: &ActorSet, cands: &mut [Cand]) -> Vec<Vec<usize>> {
    let facts = Facts::default();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    groups.resize_with(cands.len(), Vec::new);
    // Keys computed once, not at every comparison as a sort by a key
    // function does; the index breaks ties. The candidates come in runs
    // already in order (direct, indirect, partial), which a stable sort
    // merges in linear time: on a long article an unstable one cost more.
    let mut order: Vec<(usize, usize)> = cands
        .iter()
        .enumerate()
        .map(|(c, cand)| {
            let at = cand
                .mention
                .as_ref()
                .map_or(cand.span.start, |m| cx.toks[m.start].span.start);
            (at, c)
        })
        .collect();
    order.sort();
    // The last resolved speaker: actor and the token of its mention.
    let mut last: Option<(usize, usize)> = None;
    for (_, c) in order {
        if let Some(from) = cands[c].inherit {
            if cands[from].speaker.is_none() && groups[from].is_empty() {
                if let Some(m) = cands[from].mention.clone() {
                    (cands[from].speaker, groups[from]) =
                        resolve_speaker(cx, actors, &facts, &m, last);
                }
            }
            cands[c].speaker = cands[from].speaker;
            groups[c] = groups[from].clone();
            continue;
        }
        let Some(m) = cands[c].mention.clone() else {
            continue;
        };
        let speaker;
        (speaker, groups[c]) = resolve_speaker(cx, actors, &facts, &m, last);
        cands[c].speaker = speaker;
        if let Some(a) = speaker {
            last = Some((a, m.start));
        }
        if speaker.is_some() && cx.is(PRONOUNS, m.start) && m.len() == 1 {
            cands[c].confidence = (cands[c].confidence - 0.1).max(0.0);
        }
    }
    groups
}

/// The speaker a mention names, else the members of the group it names
/// (see [`resolve_group`]).
fn resolve_speaker<'a>(
    cx: &Cx<'_>,
    actors: &'a ActorSet,
    facts: &Facts<'a>,
    np: &Range<usize>,
    last: Option<(usize, usize)>,
) -> (Option<usize>, Vec<usize>) {
    match resolve_np(cx, actors, facts, np, last) {
        Some(a) => (Some(a), Vec::new()),
        None => (None, resolve_group(cx, actors, facts, np, last)),
    }
}

/// The members of a coordinated speaker phrase ("North Korea and China",
/// "Russia, China and Iran", "Mr. Reyes and Ms. Tan"), in text order, when
/// every conjunct between the commas and "and"s resolves to its own actor;
/// otherwise none.
///
/// All or nothing, because a group is only as certain as its weakest member:
/// "Trump and his aides" or "the leaders of China and Russia" (whose first
/// conjunct, "the leaders of China", names no one) stay unresolved rather
/// than being credited to the one actor that could be found. A pronoun
/// conjunct is resolved as a lone pronoun would be ("he and Ms. Tan").
fn resolve_group<'a>(
    cx: &Cx<'_>,
    actors: &'a ActorSet,
    facts: &Facts<'a>,
    np: &Range<usize>,
    last: Option<(usize, usize)>,
) -> Vec<usize> {
    // A comma or "and" inside a name ("Office of Management and Budget")
    // joins nothing; and a name running over the phrase's edge ("… Circuit
    // and William M. Landes" read as one name by the actors stage) leaves
    // the conjuncts unknown.
    let inside_name = |j: usize| actors.mention_overlapping(cx.toks[j].span).is_some();
    let coordinates = |j: usize| (cx.norm_is(j, "and") || cx.is_punct(j, "&")) && !inside_name(j);
    let joins = |j: usize| coordinates(j) || (cx.is_punct(j, ",") && !inside_name(j));
    let whole = cx.span_of(np);
    if !np.clone().any(coordinates)
        || mentions_overlapping(actors, whole).any(|m| !whole.contains(m.span))
    {
        return Vec::new();
    }
    let mut members: Vec<usize> = Vec::new();
    let mut start = np.start;
    for j in np.start..=np.end {
        if j < np.end && !joins(j) {
            continue;
        }
        let conjunct = start..j;
        start = j + 1;
        // The comma before "and" in "Russia, China, and Iran".
        if conjunct.is_empty() {
            continue;
        }
        match resolve_np(cx, actors, facts, &conjunct, last) {
            Some(a) if !members.contains(&a) => members.push(a),
            _ => return Vec::new(),
        }
    }
    if members.len() < 2 {
        members.clear();
    }
    members
}

/// The actor a speaker phrase refers to, or `None` when the text does not settle it.
///
/// In order: a pronoun goes to [`resolve_pronoun`]; a person named anywhere in
/// the phrase outside a possessive ("Reserve Bank of India Gov. Sanjay
/// Malhotra", "Marco Rossi of the Bruegel think tank") is the speaker; else the
/// last actor named in the head (after any possessive, before "of"/"in"/"at"/
/// "from"/"for") when only common nouns follow it ("Yonhap news agency"), or
/// the organisation or state a spokesperson-like head speaks for ("a State
/// Department spokesperson", "Iceland's foreign ministry"). A coordinated
/// subject naming two actors is no single speaker. An anonymous description
/// the actors stage resolved ("an Israeli official") speaks for its affiliation
/// when that is an actor of the article.
fn resolve_np<'a>(
    cx: &Cx<'_>,
    actors: &'a ActorSet,
    facts: &Facts<'a>,
    np: &Range<usize>,
    last: Option<(usize, usize)>,
) -> Option<usize> {
    if np.len() == 1 && cx.is(PRONOUNS, np.start) {
        return resolve_pronoun(cx, actors, np.start, last);
    }
    let Some((actor, form)) = resolve_phrase(cx, actors, np) else {
        // "the official" after "an Israeli official": the same anonymous source speaks for its state.
        let person = resolve_role(cx, actors, facts, np)?;
        let anonymous = facts.mentions(actors).anonymous[person];
        let affiliated = facts.affiliation(actors, person);
        return Some(affiliated.filter(|_| anonymous).unwrap_or(person));
    };
    // "Jordan's foreign minister" when the actors stage linked the role to a
    // person named elsewhere in the article: that person speaks.
    let named_person = actors
        .actors
        .get(actor)
        .is_some_and(|a| a.kind == ActorKind::Person)
        && facts.mentions(actors).named[actor];
    if form == MentionForm::Description && !named_person {
        // The organisation or state named in the phrase, else the description's affiliation.
        let named = mentions_overlapping(actors, cx.span_of(np))
            .rev()
            .filter(|m| m.form != MentionForm::Description && m.actor != actor)
            .find(|m| {
                matches!(
                    actors.actors.get(m.actor).map(|a| a.kind),
                    Some(ActorKind::Organization | ActorKind::State)
                )
            })
            .map(|m| m.actor);
        let affiliated = facts.affiliation(actors, actor);
        if let Some(a) = named.or(affiliated) {
            return Some(a);
        }
    }
    Some(actor)
}

/// "Jordan's foreign minister", "the foreign minister": the one person whose role
/// is the phrase's head words and, when the phrase names a state or
/// organisation, whose affiliation it is.
fn resolve_role<'a>(
    cx: &Cx<'_>,
    actors: &'a ActorSet,
    facts: &Facts<'a>,
    np: &Range<usize>,
) -> Option<usize> {
    let mut words: Vec<&str> = Vec::new();
    for j in np.clone().rev() {
        if !cx.is_word(j) || cx.is(DETERMINERS, j) || cx.norm(j).ends_with("'s") {
            break;
        }
        words.push(cx.norm(j));
    }
    if words.is_empty() || words.len() > 4 {
        return None;
    }
    words.reverse();
    let last = words[words.len() - 1];
    let role = words.join(" ");
    let owner = mentions_overlapping(actors, cx.span_of(np))
        .find(|m| {
            matches!(
                actors.actors.get(m.actor).map(|a| a.kind),
                Some(ActorKind::Organization | ActorKind::State)
            )
        })
        .map(|m| &actors.actors[m.actor].id);
    let mut found = facts
        .roles(actors, last)
        .iter()
        .filter(|(r, _)| role_matches(r, &role))
        .map(|&(_, p)| p)
        .filter(|&p| owner.is_none_or(|o| actors.actors[p].affiliation.as_ref() == Some(o)));
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// Facts about the article's actors that speaker resolution asks for once
/// per quote, computed once per article on first use (asking the
/// [`ActorSet`] each time is linear in its actors or mentions per quote).
#[derive(Default)]
struct Facts<'a> {
    mentions: OnceCell<MentionFacts>,
    /// Actor index by id, the first actor with it ([`ActorSet::index_of`]).
    ids: OnceCell<HashMap<&'a str, usize>>,
    /// People with a role: the lower-cased role and the actor, in actor
    /// order, by the role's last word. A phrase matches the role or a
    /// word-suffix of it ([`role_matches`]), so both end in the same word;
    /// a long article has thousands of people, and scanning them all for
    /// every speaker phrase made speaker resolution quadratic.
    roles: OnceCell<HashMap<String, Vec<(String, usize)>>>,
}

/// Is `role` the lower-cased role `r` or a word-suffix of it ("foreign
/// minister" and "minister" for "foreign minister")?
fn role_matches(r: &str, role: &str) -> bool {
    r == role
        || (r.len() > role.len()
            && r.ends_with(role)
            && r.as_bytes()[r.len() - role.len() - 1] == b' ')
}

/// Per actor: how it is mentioned.
struct MentionFacts {
    /// Some mention is a [`MentionForm::Name`] or [`MentionForm::Short`].
    named: Vec<bool>,
    /// Every mention is a [`MentionForm::Description`] or [`MentionForm::Pronoun`].
    anonymous: Vec<bool>,
}

impl<'a> Facts<'a> {
    fn mentions(&self, actors: &ActorSet) -> &MentionFacts {
        self.mentions.get_or_init(|| {
            let n = actors.actors.len();
            let mut named = vec![false; n];
            let mut anonymous = vec![true; n];
            for m in &actors.mentions {
                let Some(a) = named.get_mut(m.actor) else {
                    continue;
                };
                *a |= matches!(m.form, MentionForm::Name | MentionForm::Short);
                anonymous[m.actor] &=
                    matches!(m.form, MentionForm::Description | MentionForm::Pronoun);
            }
            MentionFacts { named, anonymous }
        })
    }

    /// The index of the actor `actor` is affiliated with, if that is an actor of the article.
    fn affiliation(&self, actors: &'a ActorSet, actor: usize) -> Option<usize> {
        let id = actors.actors.get(actor)?.affiliation.as_ref()?;
        let ids = self.ids.get_or_init(|| {
            let mut ids: HashMap<&str, usize> = HashMap::default();
            for (i, a) in actors.actors.iter().enumerate() {
                ids.entry(a.id.0.as_str()).or_insert(i);
            }
            ids
        });
        ids.get(id.0.as_str()).copied()
    }

    /// The people whose role could match a phrase ending in `last`.
    fn roles(&self, actors: &ActorSet, last: &str) -> &[(String, usize)] {
        let by_last = self.roles.get_or_init(|| {
            let mut by_last: HashMap<String, Vec<(String, usize)>> = HashMap::default();
            for (i, a) in actors.actors.iter().enumerate() {
                if let (Some(r), ActorKind::Person) = (&a.role, a.kind) {
                    let r = r.to_lowercase();
                    let last = r.rsplit(' ').next().unwrap_or_default().to_string();
                    by_last.entry(last).or_default().push((r, i));
                }
            }
            by_last
        });
        by_last.get(last).map_or(&[], Vec::as_slice)
    }
}

fn resolve_phrase(
    cx: &Cx<'_>,
    actors: &ActorSet,
    np: &Range<usize>,
) -> Option<(usize, MentionForm)> {
    let kind = |a: usize| actors.actors.get(a).map(|x| x.kind);
    // Outside any possessive prefix.
    let mut own = np.clone();
    if let Some(pos) = own.clone().rev().find(|&j| cx.norm(j).ends_with("'s")) {
        if pos + 1 < own.end {
            own.start = pos + 1;
        }
    }
    let all = mentions_overlapping(actors, cx.span_of(&own));
    let coordinated = own.clone().any(|j| cx.norm_is(j, "and"));
    let is_person = |m: &&crate::actors::Mention| kind(m.actor) == Some(ActorKind::Person);
    let persons = all.clone().filter(is_person);
    if let Some(p) = persons.clone().next_back() {
        if coordinated && persons.clone().any(|o| o.actor != p.actor) {
            return None;
        }
        // Every mention in the phrase is a person.
        if !coordinated || all.clone().all(|m| is_person(&m)) {
            return Some((p.actor, p.form));
        }
        return None;
    }
    // Head region: before the first "of" or locative preposition.
    let mut head = own.clone();
    if let Some(of) = head
        .clone()
        .find(|&j| cx.norm_is(j, "of") || cx.is(NP_PREPS, j))
    {
        head.end = of.max(head.start + 1);
    }
    let head_span = cx.span_of(&head);
    let inside = all.clone().filter(|m| m.span.overlaps(head_span));
    let head_word = cx.norm(head.end - 1);
    if let Some(m) = inside.clone().next_back() {
        // "The Office of Management and Budget and Treasury": the
        // coordination may lie past the head's "of".
        if coordinated && all.clone().any(|o| o.actor != m.actor) {
            return None;
        }
        let head_last = cx.toks[head.end - 1].span;
        if m.span.overlaps(head_last) || m.span.end >= head_last.end {
            return Some((m.actor, m.form));
        }
        let org = matches!(
            kind(m.actor),
            Some(ActorKind::Organization | ActorKind::State)
        );
        if org && is_in(SPOKES, head_word) {
            return Some((m.actor, m.form));
        }
        // "Yonhap news agency", "the Bruegel think tank": a name then common nouns.
        let tail_lower = (head.start..head.end)
            .filter(|&j| cx.toks[j].span.start >= m.span.end)
            .all(|j| cx.is_word(j) && !cx.is_cap(j));
        if org && tail_lower && matches!(m.form, MentionForm::Name | MentionForm::Short) {
            return Some((m.actor, m.form));
        }
        return None;
    }
    // Nothing on the head; a spokesperson phrase with an organisation or state in it.
    if is_in(SPOKES, head_word) {
        let span = cx.span_of(np);
        return mentions_overlapping(actors, span)
            .rev()
            .find(|m| {
                matches!(
                    kind(m.actor),
                    Some(ActorKind::Organization | ActorKind::State)
                )
            })
            .map(|m| (m.actor, m.form));
    }
    None
}

/// The mentions overlapping `span`, in order. An iterator that can run from
/// either end and be cloned, so that a caller asking several questions of
/// them (the last person, whether all are persons) allocates nothing.
fn mentions_overlapping(
    actors: &ActorSet,
    span: Span,
) -> impl DoubleEndedIterator<Item = &crate::actors::Mention> + Clone {
    let i = actors
        .mentions
        .partition_point(|m| m.span.end <= span.start);
    let rest = &actors.mentions[i..];
    let n = rest.iter().take_while(|m| m.span.start < span.end).count();
    rest[..n].iter().filter(move |m| m.span.overlaps(span))
}

/// A pronoun's speaker: the actors stage's resolution, else the most recent
/// speaker when no other candidate of a compatible kind is mentioned since.
fn resolve_pronoun(
    cx: &Cx<'_>,
    actors: &ActorSet,
    at: usize,
    last: Option<(usize, usize)>,
) -> Option<usize> {
    let word = cx.norm(at);
    let span = cx.toks[at].span;
    if let Some(m) = actors.mention_overlapping(span) {
        if m.span == span || m.form == MentionForm::Pronoun {
            return Some(m.actor);
        }
    }
    let personal = matches!(word, "he" | "she");
    // "she" is not a man the gazetteer or a courtesy title ("Mr. Xu") knows as one.
    let wrong_gender = match word {
        "he" => Some(Gender::Female),
        "she" => Some(Gender::Male),
        _ => None,
    };
    let compatible = |a: usize| {
        let Some(actor) = actors.actors.get(a) else {
            return false;
        };
        if personal {
            actor.kind == ActorKind::Person
                && (wrong_gender.is_none() || actor.gender != wrong_gender)
        } else {
            actor.kind != ActorKind::Person
        }
    };
    if !matches!(word, "he" | "she" | "they" | "it") {
        return None;
    }
    // Tier 1: since the last speaker (when close), nobody else compatible is mentioned.
    let para = cx.para[at] as usize;
    let floor = at.saturating_sub(400);
    if let Some((a, tok)) = last {
        if tok >= floor && para - (cx.para[tok] as usize) <= 2 && compatible(a) {
            let others = compatible_mentions(cx, actors, tok + 1, at, &compatible);
            if others.iter().all(|&o| o == a) {
                return Some(a);
            }
        }
    }
    // Tier 2: exactly one compatible actor in this and the previous sentence.
    let sn = cx.sent_at(at).unwrap_or(u32::MAX);
    let from = if sn == u32::MAX || sn == 0 {
        cx.para_tokens[para].start
    } else {
        cx.sentences[sn as usize - 1].start
    };
    let found = compatible_mentions(cx, actors, from.max(floor), at, &compatible);
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Distinct compatible actors mentioned between tokens `from` and `to`
/// (stops counting at two), skipping demonyms and mentions inside quotation marks.
fn compatible_mentions(
    cx: &Cx<'_>,
    actors: &ActorSet,
    from: usize,
    to: usize,
    compatible: &dyn Fn(usize) -> bool,
) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let (Some(a), Some(b)) = (cx.toks.get(from), cx.toks.get(to)) else {
        return out;
    };
    let i = actors
        .mentions
        .partition_point(|m| m.span.start < a.span.start);
    for m in actors.mentions[i..]
        .iter()
        .take_while(|m| m.span.start < b.span.start)
    {
        if m.form == MentionForm::Demonym || !compatible(m.actor) || out.contains(&m.actor) {
            continue;
        }
        // The mention starts between tokens `from` and `to`, so its token
        // is there: a search of the whole article (200,000 tokens in a
        // long one) would miss the cache at almost every step.
        let t = from
            + gallop(&cx.toks[from..to.max(from)], |t| {
                t.span.start < m.span.start
            });
        if cx
            .quoted
            .get(t)
            .is_some_and(|&f| f & (DIRECT | QUOTED) != 0)
        {
            continue;
        }
        out.push(m.actor);
        if out.len() > 1 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use stance_core::{Article, ArticleId};

    use super::super::tests::actors_for;
    use super::super::{SpeechVerbs, find};
    use crate::actors::ActorKind::{self, Organization, Person, State};

    /// `(content, speaker name or "", group member names)` of each quote of
    /// `body`, the paragraph under a headline that quotes no one.
    fn speakers(
        body: &str,
        spec: &[(&str, ActorKind, &[&str])],
    ) -> Vec<(String, String, Vec<String>)> {
        let text = format!("Headline\n\n{body}\n");
        let article = Article::parse(ArticleId("t".into()), text).unwrap();
        let actors = actors_for(article.text(), spec);
        find(&article, &actors, &SpeechVerbs::builtin())
            .iter()
            .map(|q| {
                let name = |a: usize| actors.actors[a].name.clone();
                (
                    article.slice(q.span).to_string(),
                    q.speaker.map(name).unwrap_or_default(),
                    q.group.iter().map(|&a| name(a)).collect(),
                )
            })
            .collect()
    }

    fn want(content: &str, speaker: &str, group: &[&str]) -> (String, String, Vec<String>) {
        let group = group.iter().map(|g| g.to_string()).collect();
        (content.to_string(), speaker.to_string(), group)
    }

    /// The seed's partial quote: its subject "North Korea and China" is a
    /// group of two states, not one speaker and not an unknown one.
    #[test]
    fn coordinated_states_speak_as_a_group() {
        let text = "North Korea and China have agreed to deepen their ties to resist \"all forms of hegemonism.\"";
        let spec: &[(&str, ActorKind, &[&str])] = &[
            ("North Korea", State, &["North Korea"]),
            ("China", State, &["China"]),
        ];
        assert_eq!(
            speakers(text, spec),
            [want(
                "all forms of hegemonism",
                "",
                &["North Korea", "China"]
            )]
        );
    }

    /// People with titles: each conjunct is resolved as a speaker phrase of its own.
    #[test]
    fn two_titled_people() {
        let text = "Senator Ana Reyes and Mr. Tomas Berg said the bill would pass.";
        let spec: &[(&str, ActorKind, &[&str])] = &[
            ("Ana Reyes", Person, &["Ana Reyes"]),
            ("Tomas Berg", Person, &["Tomas Berg"]),
        ];
        assert_eq!(
            speakers(text, spec),
            [want(
                "the bill would pass",
                "",
                &["Ana Reyes", "Tomas Berg"]
            )]
        );
    }

    /// All or nothing: a conjunct that names no actor ("Lyon's mayor")
    /// leaves the whole subject unresolved rather than crediting China alone.
    #[test]
    fn a_conjunct_naming_no_actor_is_no_group() {
        let text = "China and Lyon's mayor said the bridge would reopen.";
        let spec: &[(&str, ActorKind, &[&str])] = &[
            ("China", State, &["China"]),
            ("Lyon", Organization, &["Lyon"]),
        ];
        assert_eq!(
            speakers(text, spec),
            [want("the bridge would reopen", "", &[])]
        );
    }

    /// "He" skips a woman the gazetteer knows as one: with Hillary Clinton
    /// (`gender=f`) and Bernie Sanders both just named, "He said" is
    /// Sanders; without that knowledge it would be left unresolved.
    #[test]
    fn a_pronoun_skips_people_of_the_other_gender() {
        let text = "Headline\n\nHillary Clinton met Bernie Sanders on Monday. He said the talks went well.\n";
        let article = Article::parse(ArticleId("t".into()), text.to_string()).unwrap();
        let spec: &[(&str, ActorKind, &[&str])] = &[
            ("Hillary Clinton", Person, &["Hillary Clinton"]),
            ("Bernie Sanders", Person, &["Bernie Sanders"]),
        ];
        let mut actors = actors_for(article.text(), spec);
        let quotes = find(&article, &actors, &SpeechVerbs::builtin());
        assert_eq!(quotes[0].speaker, None);
        actors.actors[0].gender = Some(crate::actors::Gender::Female);
        let quotes = find(&article, &actors, &SpeechVerbs::builtin());
        assert_eq!(quotes[0].speaker, Some(1));
        assert_eq!(article.slice(quotes[0].span), "the talks went well");
    }

    /// "and" inside a name joins nothing: the office is one member, not
    /// "the Office of Management" and "Budget".
    #[test]
    fn and_inside_a_name_is_not_a_coordination() {
        let text = "The Office of Management and Budget and Treasury said the deficit would grow.";
        let spec: &[(&str, ActorKind, &[&str])] = &[
            (
                "Office of Management and Budget",
                Organization,
                &["Office of Management and Budget"],
            ),
            ("Treasury", Organization, &["Treasury"]),
        ];
        assert_eq!(
            speakers(text, spec),
            [want(
                "the deficit would grow",
                "",
                &["Office of Management and Budget", "Treasury"]
            )]
        );
    }
}
