//! The gazetteer file format and its parser.
//!
//! ```text
//! # name: actors.en
//! # license: CC0-1.0
//! CHN<TAB>state<TAB>China<TAB>aliases=PRC|People's Republic of China<TAB>demonyms=Chinese<TAB>metonyms=Beijing
//! PER.WANG_YI<TAB>person<TAB>Wang Yi<TAB>short=Wang<TAB>affiliation=CHN<TAB>role=Foreign Minister@2022-12-30..
//! ```
//!
//! One actor per line: `id`, `kind` (`state`, `organization`, `person`,
//! `group`), canonical `name`, then any number of `key=value` columns:
//!
//! | key | value | effect |
//! | --- | --- | --- |
//! | `aliases` | `\|`-separated surface forms | a mention by name, case-sensitive |
//! | `demonyms` | forms | "Chinese" is a mention of China |
//! | `metonyms` | forms | "Beijing", "the Kremlin" speak for the state |
//! | `short` | forms | "Wang", "Kim": valid only once the full name appeared in the article |
//! | `affiliation` | an id in this or an earlier file | the state or organisation it belongs to |
//! | `role` | `Title@FROM..TO` list, ISO dates, open ends allowed | the role held on the article's date; `TO` is exclusive |
//! | `ambiguous` | `us-state`, `given-name`, `word`, `place` (or any word) | switches on a context guard |
//! | `unless_next` / `unless_prev` | words | an adjacent word that vetoes a match ("Washington state") |
//!
//! Every form is matched exactly as written and in ALL CAPS when the
//! neighbouring word is in capitals too (datelines, shouted headlines); a form
//! starting with a lower-case letter ("the Kremlin") also matches with a
//! capital at a sentence start.

use crate::fast::HashMap;

use stance_core::Date;

use crate::actors::model::{ActorId, ActorKind};
use crate::lexicon::{LexiconError, LexiconErrorKind, lines};

/// How news addresses a person: "Mr." or "Mrs."/"Ms.".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// Addressed as "Mrs.", "Ms." or "Miss".
    Female,
    /// Addressed as "Mr.".
    Male,
}

/// Why a name needs a context check before it counts.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Ambiguity {
    /// Also a U.S. state ("Georgia", "Washington"): vetoed by "state", "state of", U.S. politics words.
    UsState,
    /// Also a given name or surname ("Jordan", "Chad"): vetoed next to another capitalised name.
    GivenName,
    /// Also a common word ("Turkey"): vetoed when followed by a capitalised name word.
    Word,
    /// Also a place rather than the actor ("Washington"); only `unless_*` lists apply.
    Place,
    /// Any other reason, kept for documentation; no built-in guard.
    Other(String),
}

impl Ambiguity {
    fn parse(word: &str) -> Ambiguity {
        match word {
            "us-state" => Ambiguity::UsState,
            "given-name" => Ambiguity::GivenName,
            "word" => Ambiguity::Word,
            "place" => Ambiguity::Place,
            other => Ambiguity::Other(other.to_string()),
        }
    }
}

/// A role held during a period: `Title@FROM..TO`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedRole {
    /// The title ("President").
    pub title: String,
    /// First day in office, if known.
    pub from: Option<Date>,
    /// First day out of office (exclusive), if it ended.
    pub to: Option<Date>,
}

impl DatedRole {
    /// True when the role was held on `date`.
    pub fn holds_on(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date < t)
    }
}

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Stable id (`CHN`, `PER.WANG_YI`).
    pub id: ActorId,
    /// Kind of actor.
    pub kind: ActorKind,
    /// Canonical name; also matched as a surface form.
    pub name: String,
    /// Other full names and abbreviations.
    pub aliases: Vec<String>,
    /// Adjectives for a state or people ("Chinese").
    pub demonyms: Vec<String>,
    /// Capitals and seats of power ("Beijing", "the Kremlin").
    pub metonyms: Vec<String>,
    /// Short forms valid only after the full name appeared ("Wang").
    pub short: Vec<String>,
    /// Id of the state or organisation this entry belongs to.
    pub affiliation: Option<ActorId>,
    /// Roles with dates.
    pub roles: Vec<DatedRole>,
    /// For people: the courtesy titles news uses for them (`gender=m` for
    /// "Mr.", `f` for "Mrs."/"Ms."), so that "Mrs. Clinton" is told apart
    /// from Bill Clinton. Given only where people share a surname.
    pub gender: Option<Gender>,
    /// The guard to apply, if the name is ambiguous.
    pub ambiguous: Option<Ambiguity>,
    /// Words that veto a match when they follow it.
    pub unless_next: Vec<String>,
    /// Words that veto a match when they precede it.
    pub unless_prev: Vec<String>,
    /// File the entry came from (`builtin:actors.en` or a path).
    pub file: String,
    /// 1-based line in that file.
    pub line: usize,
}

impl Entry {
    /// The role held on `date`; without a date, the current (open-ended) role,
    /// else the last one listed.
    pub fn role_on(&self, date: Option<Date>) -> Option<&str> {
        let role = match date {
            Some(d) => self.roles.iter().rev().find(|r| r.holds_on(d)),
            None => self
                .roles
                .iter()
                .rev()
                .find(|r| r.to.is_none())
                .or(self.roles.last()),
        };
        role.map(|r| r.title.as_str())
    }
}

/// Parses one gazetteer file. `file` names it in errors (`builtin:actors.en` or a path).
///
/// Errors: fewer than three columns, an unknown kind or key, a column without
/// `=`, an empty value, a bad role date, an id given twice in the file.
pub fn parse(text: &str, file: &str) -> Result<Vec<Entry>, LexiconError> {
    let (_header, content) = lines(text);
    let mut out = Vec::with_capacity(content.len());
    let mut first_line: HashMap<String, usize> = HashMap::default();
    for line in content {
        let err = |kind| LexiconError::new(file, line.number, kind);
        let mut cols = line.text.split('\t');
        let (Some(id), Some(kind), Some(name)) = (cols.next(), cols.next(), cols.next()) else {
            return Err(err(LexiconErrorKind::Columns {
                expected: "id<TAB>kind<TAB>name[<TAB>key=value...]",
            }));
        };
        let (id, kind, name) = (id.trim(), kind.trim(), name.trim());
        if id.is_empty() || name.is_empty() {
            return Err(err(LexiconErrorKind::EmptyTerm));
        }
        if id.chars().any(char::is_whitespace) {
            return Err(err(LexiconErrorKind::Syntax(format!(
                "id {id:?} holds whitespace"
            ))));
        }
        let kind = match kind {
            "state" => ActorKind::State,
            "organization" | "organisation" => ActorKind::Organization,
            "person" => ActorKind::Person,
            "group" => ActorKind::Group,
            other => {
                return Err(err(LexiconErrorKind::Unknown {
                    what: "kind",
                    value: other.to_string(),
                }));
            }
        };
        if let Some(&first) = first_line.get(id) {
            return Err(err(LexiconErrorKind::Duplicate {
                term: id.to_string(),
                first_line: first,
            }));
        }
        first_line.insert(id.to_string(), line.number);
        let mut entry = Entry {
            id: ActorId(id.to_string()),
            kind,
            gender: None,
            name: name.to_string(),
            aliases: Vec::new(),
            demonyms: Vec::new(),
            metonyms: Vec::new(),
            short: Vec::new(),
            affiliation: None,
            roles: Vec::new(),
            ambiguous: None,
            unless_next: Vec::new(),
            unless_prev: Vec::new(),
            file: file.to_string(),
            line: line.number,
        };
        for col in cols {
            let col = col.trim();
            if col.is_empty() {
                continue;
            }
            let Some((key, value)) = col.split_once('=') else {
                return Err(err(LexiconErrorKind::Syntax(format!(
                    "expected key=value, found {col:?}"
                ))));
            };
            let (key, value) = (key.trim(), value.trim());
            if value.is_empty() {
                return Err(err(LexiconErrorKind::Syntax(format!(
                    "empty value for {key}"
                ))));
            }
            let list = || -> Vec<String> {
                value
                    .split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            };
            match key {
                "aliases" | "alias" => entry.aliases.extend(list()),
                "demonyms" | "demonym" => entry.demonyms.extend(list()),
                "metonyms" | "metonym" => entry.metonyms.extend(list()),
                "short" => entry.short.extend(list()),
                "affiliation" => entry.affiliation = Some(ActorId(value.to_string())),
                "role" | "roles" => {
                    for r in list() {
                        entry
                            .roles
                            .push(parse_role(&r).map_err(|m| err(LexiconErrorKind::Syntax(m)))?);
                    }
                }
                "ambiguous" => entry.ambiguous = Some(Ambiguity::parse(value)),
                "gender" => {
                    entry.gender = Some(match value {
                        "f" => Gender::Female,
                        "m" => Gender::Male,
                        other => {
                            return Err(err(LexiconErrorKind::Unknown {
                                what: "gender (f or m)",
                                value: other.to_string(),
                            }));
                        }
                    })
                }
                "unless_next" => entry.unless_next.extend(list()),
                "unless_prev" => entry.unless_prev.extend(list()),
                other => {
                    return Err(err(LexiconErrorKind::Unknown {
                        what: "key",
                        value: other.to_string(),
                    }));
                }
            }
        }
        out.push(entry);
    }
    Ok(out)
}

fn parse_role(text: &str) -> Result<DatedRole, String> {
    let (title, dates) = match text.split_once('@') {
        Some((t, d)) => (t.trim(), Some(d.trim())),
        None => (text.trim(), None),
    };
    if title.is_empty() {
        return Err(format!("role {text:?} has no title"));
    }
    let (mut from, mut to) = (None, None);
    if let Some(dates) = dates {
        let Some((f, t)) = dates.split_once("..") else {
            return Err(format!("role {text:?}: expected Title@FROM..TO"));
        };
        let date = |s: &str| -> Result<Option<Date>, String> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            Date::parse(s)
                .map(Some)
                .ok_or_else(|| format!("role {text:?}: bad date {s:?}"))
        };
        from = date(f)?;
        to = date(t)?;
    }
    Ok(DatedRole {
        title: title.to_string(),
        from,
        to,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_columns_roles_and_guards() {
        let text = "# name: t\nUSA\tstate\tUnited States\taliases=U.S.|US\tmetonyms=Washington\tunless_next=state|Post\tambiguous=place\n\
                    PER.X\tperson\tX Y\tshort=Y\taffiliation=USA\trole=President@2017-01-20..2021-01-20|President@2025-01-20..\n";
        let e = parse(text, "t.tsv").unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].aliases, ["U.S.", "US"]);
        assert_eq!(e[0].unless_next, ["state", "Post"]);
        assert_eq!(e[0].ambiguous, Some(Ambiguity::Place));
        assert_eq!(e[1].line, 3);
        let d = |s| Date::parse(s);
        assert_eq!(e[1].role_on(d("2019-05-01")), Some("President"));
        assert_eq!(e[1].role_on(d("2022-05-01")), None);
        assert_eq!(e[1].role_on(None), Some("President"));
    }

    #[test]
    fn errors_name_file_and_line() {
        let cases: &[(&str, &str)] = &[
            (
                "CHN\tstate\n",
                "f.tsv:1: expected id<TAB>kind<TAB>name[<TAB>key=value...]",
            ),
            (
                "# c\n\nCHN\tcountry\tChina\n",
                "f.tsv:3: unknown kind \"country\"",
            ),
            (
                "CHN\tstate\tChina\tcolour=red\n",
                "f.tsv:1: unknown key \"colour\"",
            ),
            (
                "CHN\tstate\tChina\tdemonyms\n",
                "f.tsv:1: expected key=value, found \"demonyms\"",
            ),
            (
                "CHN\tstate\tChina\nCHN\tstate\tPRC\n",
                "f.tsv:2: duplicate term \"CHN\" (first on line 1)",
            ),
            (
                "P\tperson\tA B\trole=President@2025-13-01..\n",
                "f.tsv:1: role \"President@2025-13-01..\": bad date \"2025-13-01\"",
            ),
            (
                "P\tperson\tA B\trole=President@2025\n",
                "f.tsv:1: role \"President@2025\": expected Title@FROM..TO",
            ),
            (
                "P\tperson\tA B\tgender=x\n",
                "f.tsv:1: unknown gender (f or m) \"x\"",
            ),
        ];
        for (text, msg) in cases {
            assert_eq!(
                parse(text, "f.tsv").unwrap_err().to_string(),
                *msg,
                "{text:?}"
            );
        }
    }
}
