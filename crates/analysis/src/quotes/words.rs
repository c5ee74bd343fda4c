//! Word classes: the closed lists of lower-case words the rules ask about
//! (pronouns, determiners, clause breaks, titles, spokesperson heads, …) and
//! the one hash look-up that answers for all of them.
//!
//! Kept apart from the rules because it is data plus a look-up table: every
//! pass asks "is this a stop word or a pronoun?" of the same few tokens, and
//! [`word_classes`] answers all the lists at once, which [`super::Cx::classes`]
//! caches per token.

use std::sync::OnceLock;

use crate::fast::{HashMap, WordFilter};

pub(super) const PRONOUNS: WordList = WordList {
    bit: 1 << 0,
    words: &["he", "she", "they", "it", "we", "i", "you", "who"],
};

pub(super) const DETERMINERS: WordList = WordList {
    bit: 1 << 1,
    words: &[
        "a", "an", "the", "this", "these", "those", "his", "her", "their", "its", "our", "my",
        "your", "one", "some", "many", "several", "two", "three", "four", "both", "all", "most",
        "other", "another", "each", "every", "no", "any", "few", "senior", "top",
    ],
};

pub(super) const STOP: WordList = WordList {
    bit: 1 << 2,
    words: &[
        "that",
        "which",
        "whom",
        "whose",
        "and",
        "or",
        "but",
        "as",
        "if",
        "when",
        "while",
        "because",
        "after",
        "before",
        "since",
        "although",
        "though",
        "than",
        "so",
        "then",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "from",
        "by",
        "into",
        "about",
        "over",
        "under",
        "against",
        "during",
        "without",
        "between",
        "through",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "must",
        "did",
        "does",
        "do",
        "not",
        "also",
        "there",
        "here",
        "where",
        "what",
        "how",
        "why",
        "now",
        "today",
        "yesterday",
        "tonight",
        "later",
        "earlier",
        "again",
        "still",
        "already",
        "even",
        "just",
        "only",
        "never",
        "once",
        "recently",
        "previously",
        "however",
        "said",
        "says",
        "told",
        "it's",
        "he's",
        "she's",
        "himself",
        "herself",
        "themselves",
        "him",
        "them",
        "me",
        "us",
        "upon",
        "via",
        "per",
        "like",
        "unlike",
        "whether",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "last",
        "next",
        "week",
        "year",
        "month",
        "night",
        "morning",
        "afternoon",
        "evening",
    ],
};

/// Words allowed between a subject and its verb ("Wang also said", "she has said").
pub(super) const BETWEEN: WordList = WordList {
    bit: 1 << 3,
    words: &[
        "also",
        "later",
        "then",
        "again",
        "previously",
        "once",
        "further",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "might",
        "may",
        "did",
        "does",
        "do",
        "reportedly",
        "publicly",
        "privately",
        "repeatedly",
        "had",
        "recently",
        "often",
        "even",
        "subsequently",
        "separately",
        "flatly",
        "angrily",
        "simply",
    ],
};

/// Passive or copular auxiliaries: "was reported", "is expected" are not speech by the subject.
pub(super) const BE: WordList = WordList {
    bit: 1 << 4,
    words: &["is", "was", "were", "are", "be", "been", "being", "am"],
};

/// Verbs whose object comes before the reported clause ("told reporters the …").
pub(super) const TELL: WordList = WordList {
    bit: 1 << 5,
    words: &[
        "told", "tell", "tells", "telling", "informed", "assured", "reminded", "warned", "urged",
        "asked",
    ],
};

/// Cue forms that may take a `to`-infinitive as their content ("urged X to", "vowed to").
pub(super) const TO_OK: WordList = WordList {
    bit: 1 << 6,
    words: &[
        "urged",
        "urges",
        "urging",
        "asked",
        "asks",
        "asking",
        "called",
        "calling",
        "vowed",
        "vowing",
        "pledging",
        "pledged",
        "promised",
        "threatened",
        "threatens",
        "told",
        "warned",
        "demanded",
        "proposed",
        "declined",
        "refused",
    ],
};

/// Words of the adjunct a speech verb may have before its "that" ("said in a statement on Tuesday that").
pub(super) const ADJUNCT: WordList = WordList {
    bit: 1 << 7,
    words: &[
        "in",
        "on",
        "at",
        "during",
        "with",
        "to",
        "a",
        "an",
        "the",
        "his",
        "her",
        "their",
        "its",
        "statement",
        "interview",
        "speech",
        "letter",
        "email",
        "post",
        "tweet",
        "briefing",
        "conference",
        "news",
        "press",
        "release",
        "video",
        "message",
        "reporters",
        "later",
        "earlier",
        "also",
        "again",
        "repeatedly",
        "publicly",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "last",
        "week",
        "month",
        "year",
        "night",
        "morning",
        "evening",
        "recently",
        "previously",
        "once",
        "often",
        "phone",
        "call",
    ],
};

/// Weekdays, for time adjuncts ("on Friday").
pub(super) const DAYS: WordList = WordList {
    bit: 1 << 8,
    words: &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ],
};

/// Prepositions that may sit inside a speaker phrase before a name.
pub(super) const NP_PREPS: WordList = WordList {
    bit: 1 << 9,
    words: &["for", "at", "in", "from"],
};

/// Words that, after a comma, start a new clause outside the reported content.
pub(super) const CLAUSE_BREAK: WordList = WordList {
    bit: 1 << 10,
    words: &[
        "but",
        "with",
        "while",
        "whereas",
        "although",
        "though",
        "compared",
        "according",
        "adding",
        "saying",
        "noting",
        "arguing",
        "citing",
        "when",
        "even",
        "despite",
        "unlike",
    ],
};

/// Titles whose abbreviation dot belongs to the name ("Dr. Kim").
pub(super) const TITLES: WordList = WordList {
    bit: 1 << 11,
    words: &[
        "dr", "mr", "mrs", "ms", "sen", "gov", "rep", "gen", "prof", "st", "lt", "col", "capt",
        "adm", "sgt", "rev", "pres", "amb", "jr", "sr",
    ],
};

/// Head nouns of phrases that speak for an organisation ("a State Department spokesperson").
pub(super) const SPOKES: WordList = WordList {
    bit: 1 << 12,
    words: &[
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "spokespeople",
        "spokesmen",
        "official",
        "officials",
        "source",
        "sources",
        "representative",
        "representatives",
        "statement",
        "readout",
        "spokesperson's",
        "aide",
        "aides",
        "diplomat",
        "diplomats",
        "envoy",
        "adviser",
        "advisers",
        "advisor",
        "ministry",
        "office",
    ],
};

/// Plural head nouns common in speaker phrases, which end in "s" like verbs.
pub(super) const PLURAL_HEADS: WordList = WordList {
    bit: 1 << 13,
    words: &[
        "officials",
        "sources",
        "experts",
        "analysts",
        "spokesmen",
        "aides",
        "lawmakers",
        "leaders",
        "diplomats",
        "officers",
        "representatives",
        "members",
        "advisers",
        "advisors",
        "negotiators",
        "ministers",
        "researchers",
        "economists",
        "authorities",
        "investigators",
        "prosecutors",
        "activists",
        "residents",
        "witnesses",
    ],
};

/// A conjunction that may open a sentence before its subject or source
/// ("But Kim, a nurse, said", "And according to the poll, …").
pub(super) fn is_leading_conjunction(w: &str) -> bool {
    matches!(w, "but" | "and" | "yet" | "so")
}

/// A word that opens an adverbial before a sentence's subject ("In a
/// statement, …", "After the vote, …"), which runs to the first comma.
pub(super) fn is_opener(w: &str) -> bool {
    matches!(
        w,
        "in" | "as"
            | "after"
            | "while"
            | "when"
            | "despite"
            | "with"
            | "on"
            | "at"
            | "during"
            | "since"
            | "amid"
            | "for"
            | "by"
            | "following"
    )
}

/// A lower-case word shaped like a past-tense verb (a third-person "-s" is too
/// often a plural noun to tell).
pub(super) fn looks_verbal(w: &str) -> bool {
    !is_in(PLURAL_HEADS, w) && w.ends_with("ed")
}

/// A closed list of lower-case words, with its bit in [`word_classes`].
#[derive(Clone, Copy)]
pub(super) struct WordList {
    pub(super) bit: u16,
    words: &'static [&'static str],
}

const WORD_LISTS: [WordList; 14] = [
    PRONOUNS,
    DETERMINERS,
    STOP,
    BETWEEN,
    BE,
    TELL,
    TO_OK,
    ADJUNCT,
    DAYS,
    NP_PREPS,
    CLAUSE_BREAK,
    TITLES,
    SPOKES,
    PLURAL_HEADS,
];

/// The lists holding `w`, as a set of [`WordList::bit`]: one hash look-up
/// instead of a scan of each list (STOP alone has over a hundred words).
pub(super) fn word_classes(w: &str) -> u16 {
    static CLASSES: OnceLock<(WordFilter, HashMap<&'static str, u16>)> = OnceLock::new();
    let (filter, classes) = CLASSES.get_or_init(|| {
        let mut filter = WordFilter::default();
        let mut m: HashMap<&'static str, u16> = HashMap::default();
        for list in WORD_LISTS {
            for &word in list.words {
                filter.insert(word);
                *m.entry(word).or_insert(0) |= list.bit;
            }
        }
        (filter, m)
    });
    if !filter.may_contain(w) {
        return 0;
    }
    classes.get(w).copied().unwrap_or(0)
}

/// [`super::Cx::classes`] of a token not looked up yet; no word is in all the lists.
pub(super) const UNKNOWN_CLASSES: u16 = u16::MAX;

pub(super) fn is_in(list: WordList, w: &str) -> bool {
    word_classes(w) & list.bit != 0
}
