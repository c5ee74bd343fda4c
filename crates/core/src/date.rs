//! Calendar dates as news writes them: "SEPTEMBER 29, 2025", "Nov. 3, 2026",
//! "29 September 2025", "2025-09-29".

use std::fmt;

/// A calendar date, printed as ISO 8601 `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2025.
    pub year: u16,
    /// Month, 1-12.
    pub month: u8,
    /// Day of the month, 1-31.
    pub day: u8,
}

impl Date {
    /// Builds a date if the day exists in that month (leap years included).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Parses the whole of `text` as a date in one of the forms news uses.
    ///
    /// Returns `None` when `text` is not exactly one date; a year is required.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim().trim_end_matches(['.', ',']);
        if let Some(date) = parse_iso(text) {
            return Some(date);
        }
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        match words.as_slice() {
            // "September 29, 2025", "Nov. 3, 2026", "Sept 29 2025"
            [month, day, year] if month_number(month).is_some() => {
                Date::new(parse_year(year)?, month_number(month)?, parse_day(day)?)
            }
            // "29 September 2025"
            [day, month, year] => {
                Date::new(parse_year(year)?, month_number(month)?, parse_day(day)?)
            }
            _ => None,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

fn parse_iso(text: &str) -> Option<Date> {
    let mut parts = text.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() < 2 {
        return None;
    }
    // Accept a trailing time ("2025-09-29T10:00:00Z") by reading the first two day digits only.
    let d = d.get(..2)?;
    let rest = text.get(10..).unwrap_or("");
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

fn parse_year(word: &str) -> Option<u16> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

fn parse_day(word: &str) -> Option<u8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic()); // "3rd", "29th"
    (1..=2)
        .contains(&digits.len())
        .then(|| digits.parse().ok())
        .flatten()
}

/// The month number of an English month name or abbreviation, any case, with or
/// without a trailing period ("SEPTEMBER", "Sept.", "sep").
pub fn month_number(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 || word.len() > 9 {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .position(|m| {
            *m == lower
                || (lower.len() <= 4
                    && m.starts_with(&lower)
                    && (lower.len() == 3 || lower == "sept"))
        })
        .map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_forms_parse_to_iso() {
        let cases = [
            ("SEPTEMBER 29, 2025", "2025-09-29"),
            ("Nov. 3, 2026", "2026-11-03"),
            ("March 4, 2026", "2026-03-04"),
            ("Sept. 2, 2025", "2025-09-02"),
            ("29 September 2025", "2025-09-29"),
            ("2025-09-29", "2025-09-29"),
            ("2026-01-15T08:00:00Z", "2026-01-15"),
            ("Feb 29, 2024", "2024-02-29"),
        ];
        for (text, iso) in cases {
            assert_eq!(
                Date::parse(text).map(|d| d.to_string()).as_deref(),
                Some(iso),
                "{text}"
            );
        }
    }

    #[test]
    fn non_dates_are_rejected() {
        for text in [
            "Reuters",
            "Feb 30, 2025",
            "May",
            "September 2025",
            "2025-13-01",
            "Mayday 3, 2025",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
    }
}
