//! Small closed sets of words that the actor passes test tokens against.
//!
//! Each set is a `match` on the word rather than a scan of a slice: the
//! compiler dispatches on the length first and compares a few bytes, where
//! `<[&str]>::contains` called `memcmp` once per entry of the same length
//! (up to a dozen for a three-letter word against [`is_function`]). These
//! tests run several times per capitalised token.

/// Defines `fn $name(w: &str) -> bool`, true for the listed words exactly.
macro_rules! word_set {
    ($(#[$doc:meta])* $name:ident: $($w:literal),+ $(,)?) => {
        $(#[$doc])*
        pub(super) fn $name(w: &str) -> bool {
            matches!(w, $($w)|+)
        }
    };
}

word_set! {
    /// Lower-case words that join the parts of a name ("Lula da Silva").
    is_particle: "da", "de", "do", "dos", "das", "van", "von", "der", "den", "bin", "bint",
    "ibn", "al", "el", "la", "le", "di", "du", "del", "ben",
}

word_set! {
    /// Lower-case words that join the parts of an organisation name.
    is_org_joiner: "of", "for", "and", "&", "on",
}

word_set! {
    /// Determiners that open an anonymous description.
    is_determiner: "a", "an", "one", "another", "two", "three", "four", "several", "some",
    "many", "the",
}

word_set! {
    /// Possessive determiners that open a relational appositive ("Kim
    /// Devine, his top aide").
    is_possessive_pronoun: "his", "her", "their", "its", "our", "my", "your",
}

word_set! {
    /// Prepositions that link a person to an organisation.
    is_affil_prep: "at", "of", "with", "from", "for",
}

word_set! {
    /// Verbs of saying that make a bare two-word name a person.
    is_say: "said", "says", "told", "added", "noted", "wrote", "explained", "stated", "argued",
    "warned", "insisted", "replied", "according",
}

word_set! {
    /// Lower-case words that never modify a role.
    is_function: "a", "an", "the", "his", "her", "its", "their", "our", "my", "your", "and",
    "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "that",
    "this", "who", "which", "said", "says", "told", "is", "was", "are", "were", "be", "has",
    "have", "had", "not", "also", "then", "when", "while", "after", "before", "between",
    "among", "than", "where", "whose", "whom", "against", "including", "like", "over", "about",
    "into", "despite", "versus", "without", "during", "through", "toward", "towards",
}

word_set! {
    /// Verbs that put a role before a name as their object ("paints rival
    /// Hillary Clinton", "hired pollster Frank Luntz"): not part of the role.
    is_verb_before_role: "paints", "calls", "called", "slams", "slammed", "blasts", "blasted",
    "urges", "urged", "tells", "asks", "asked", "joins", "joined", "meets", "met", "faces",
    "faced", "attacks", "attacked", "hits", "praises", "praised", "thanks", "thanked", "backs",
    "backed", "endorses", "endorsed", "beats", "beat", "defeats", "leads", "led", "trails",
    "trailed", "picks", "picked", "names", "named", "taps", "tapped", "hires", "hired", "fires",
    "fired", "accuses", "accused", "blames", "blamed", "mocks", "mocked", "rips", "ripped",
    "knocks", "knocked", "warns", "warned", "welcomes", "welcomed", "invites", "invited",
    "replaces", "replaced", "succeeds", "succeeded", "follows", "followed", "visits",
    "visited", "defends", "defended", "supports", "supported", "opposes", "opposed",
    "challenges", "challenged", "sues", "sued", "targets", "targeted", "criticizes",
    "criticized", "interviewed", "introduced", "introduces", "appointed", "nominated",
}

word_set! {
    /// Words in -ing that modify a role rather than being a verb before it
    /// ("polling director", "founding editor", "ranking member").
    is_ing_modifier: "leading", "founding", "managing", "ranking", "visiting", "sitting",
    "acting", "outgoing", "incoming", "polling", "marketing", "fundraising", "banking",
    "publishing", "consulting", "lobbying", "broadcasting", "advertising", "reigning",
    "governing", "presiding", "serving", "standing", "longstanding", "training", "nursing",
}

word_set! {
    /// Last words (normal forms) of a capitalised run that name a place, a
    /// law or an event, not a person, even after a given name ("Charles
    /// River", "Martin Luther King Day", "Dodd-Frank Act"): the organisation
    /// words of the titles lexicon already end organisations.
    is_place_head: "river", "lake", "bay", "creek", "street", "st", "avenue", "ave", "road",
    "boulevard", "drive", "highway", "park", "square", "bridge", "island", "islands", "county",
    "city", "town", "valley", "hall", "beach", "mountain", "mountains", "station", "stadium",
    "arena", "airport", "memorial", "monument", "tower", "building", "day", "act", "amendment",
    "doctrine", "plan", "rule", "award", "prize", "medal", "cup", "trophy", "show", "hotel",
}

word_set! {
    /// Lower-case words that modify a capitalised title ("former President",
    /// "acting Attorney General"). Before such a title other lower-case
    /// words are the sentence's ("I think Judge Curiel", "support Speaker
    /// Ryan"), where before a lower-case role they are often its own
    /// ("creative writing professor").
    is_title_modifier: "former", "then", "acting", "late", "outgoing", "incoming", "retired",
    "interim", "current", "longtime", "disgraced", "embattled", "deputy", "assistant", "state",
    "federal", "county", "city", "district", "circuit", "police", "fire", "campaign", "senior",
    "junior",
}

word_set! {
    /// Words after a hyphen that turn a name into an adjective or a thing
    /// ("Warren-style", "Texas-based", "Bush-era", "T-shirts").
    is_name_suffix: "style", "type", "based", "backed", "led", "era", "like", "esque", "shirt",
    "shirts", "spent", "born", "owned", "run", "funded", "aligned", "allied", "friendly",
    "leaning", "linked", "supported", "controlled", "inspired", "sponsored", "appointed",
    "nominated", "endorsed", "related", "centric", "minded", "area", "bound", "made",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_exactly() {
        assert!(is_particle("da") && is_particle("bint") && !is_particle("Da"));
        assert!(is_org_joiner("&") && !is_org_joiner("the"));
        assert!(is_determiner("the") && is_determiner("several") && !is_determiner("his"));
        assert!(is_affil_prep("with") && !is_affil_prep("in"));
        assert!(is_say("according") && !is_say("say"));
        assert!(is_name_suffix("style") && !is_name_suffix("moon"));
        assert!(is_title_modifier("former") && !is_title_modifier("think"));
        assert!(is_place_head("river") && is_place_head("act") && !is_place_head("River"));
        assert!(is_function("whom") && is_function("a") && !is_function("") && !is_function("wh"));
    }
}
