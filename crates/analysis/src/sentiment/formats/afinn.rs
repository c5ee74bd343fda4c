//! AFINN: `word<TAB>integer`, integer on -5..5, scaled to `score / 5`.

use super::Sink;
use crate::lexicon::{Header, LexiconError, LexiconErrorKind, lines};

pub(super) fn parse(text: &str, sink: &mut Sink) -> Result<Header, LexiconError> {
    let (header, lines) = lines(text);
    for line in lines {
        let Some((term, score)) = line.text.rsplit_once('\t') else {
            return Err(sink.error(
                line.number,
                LexiconErrorKind::Columns {
                    expected: "word<TAB>integer",
                },
            ));
        };
        let n: i64 = score
            .trim()
            .parse()
            .ok()
            .filter(|n: &i64| (-5..=5).contains(n))
            .ok_or_else(|| {
                sink.error(
                    line.number,
                    LexiconErrorKind::BadWeight {
                        value: score.trim().to_string(),
                    },
                )
            })?;
        sink.push(line.number, term, n as f64 / 5.0)?;
    }
    Ok(header)
}
