//! VADER's lexicon: `token<TAB>mean<TAB>sd<TAB>[ratings]`, mean on -4..4, scaled to `mean / 4`.

use super::{Sink, parse_number};
use crate::lexicon::{Header, LexiconError, LexiconErrorKind, lines};

pub(super) fn parse(text: &str, sink: &mut Sink) -> Result<Header, LexiconError> {
    let (header, lines) = lines(text);
    for line in lines {
        let cols: Vec<&str> = line.text.split('\t').collect();
        if cols.len() < 2 {
            return Err(sink.error(
                line.number,
                LexiconErrorKind::Columns {
                    expected: "token<TAB>mean<TAB>sd<TAB>ratings",
                },
            ));
        }
        let mean = parse_number(sink, line.number, cols[1])?;
        if !(-4.0..=4.0).contains(&mean) {
            return Err(sink.error(
                line.number,
                LexiconErrorKind::BadWeight {
                    value: cols[1].trim().to_string(),
                },
            ));
        }
        sink.push(line.number, cols[0], mean / 4.0)?;
    }
    Ok(header)
}
