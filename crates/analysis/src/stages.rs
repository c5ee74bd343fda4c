//! Which analysis stages run: all of them by default, or a subset for
//! corpus passes that need only one table (`stance analyze --stages sentiment`
//! scores a million articles without finding actors or quotes).

use std::fmt;

/// A set of stages, closed under their dependencies: quotes need actors
/// (speakers are resolved through them) and stance needs actors, quotes and
/// sentiment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Stages {
    actors: bool,
    quotes: bool,
    sentiment: bool,
    stance: bool,
}

/// A `--stages` list named a stage that does not exist.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown stage {0:?} (expected actors, quotes, sentiment, stance or all)")]
pub struct UnknownStage(pub String);

impl Stages {
    /// Every stage.
    pub const ALL: Stages = Stages {
        actors: true,
        quotes: true,
        sentiment: true,
        stance: true,
    };

    /// The stage names in pipeline order.
    pub const NAMES: [&'static str; 4] = ["actors", "quotes", "sentiment", "stance"];

    /// Parses a comma-separated list (`"sentiment"`, `"actors,quotes"`,
    /// `"all"`) and adds what the named stages depend on.
    pub fn parse(list: &str) -> Result<Stages, UnknownStage> {
        let mut s = Stages {
            actors: false,
            quotes: false,
            sentiment: false,
            stance: false,
        };
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match name.to_ascii_lowercase().as_str() {
                "all" => s = Stages::ALL,
                "actors" => s.actors = true,
                "quotes" => s.quotes = true,
                "sentiment" => s.sentiment = true,
                "stance" => s.stance = true,
                _ => return Err(UnknownStage(name.to_string())),
            }
        }
        if !(s.actors || s.quotes || s.sentiment || s.stance) {
            return Err(UnknownStage(list.to_string()));
        }
        s.quotes |= s.stance;
        s.actors |= s.quotes;
        s.sentiment |= s.stance;
        Ok(s)
    }

    /// True when every stage runs.
    pub fn is_all(&self) -> bool {
        *self == Stages::ALL
    }

    /// Actors and their mentions.
    pub fn actors(&self) -> bool {
        self.actors
    }

    /// Quotations and speakers.
    pub fn quotes(&self) -> bool {
        self.quotes
    }

    /// Sentence sentiment and document tone.
    pub fn sentiment(&self) -> bool {
        self.sentiment
    }

    /// Relations, quote stances and portrayals.
    pub fn stance(&self) -> bool {
        self.stance
    }

    /// The names of the stages that run, in pipeline order.
    pub fn names(&self) -> Vec<&'static str> {
        let on = [self.actors, self.quotes, self.sentiment, self.stance];
        Stages::NAMES
            .iter()
            .zip(on)
            .filter_map(|(n, on)| on.then_some(*n))
            .collect()
    }
}

impl Default for Stages {
    fn default() -> Self {
        Stages::ALL
    }
}

impl fmt::Display for Stages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.names().join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dependencies are added; unknown names and empty lists are refused.
    #[test]
    fn parse_closes_over_dependencies() {
        let names = |s: &str| Stages::parse(s).map(|s| s.to_string());
        assert_eq!(names("sentiment").unwrap(), "sentiment");
        assert_eq!(names("quotes").unwrap(), "actors,quotes");
        assert_eq!(names("stance").unwrap(), "actors,quotes,sentiment,stance");
        assert_eq!(names("Actors, sentiment").unwrap(), "actors,sentiment");
        assert!(Stages::parse("all").unwrap().is_all());
        assert_eq!(
            Stages::parse("sentiment,tone"),
            Err(UnknownStage("tone".into()))
        );
        assert_eq!(Stages::parse(" , "), Err(UnknownStage(" , ".into())));
    }
}
