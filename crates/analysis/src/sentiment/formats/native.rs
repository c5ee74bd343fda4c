//! The native format: `term<TAB>weight`, weight in `[-1, 1]`.

use super::{Sink, parse_number};
use crate::lexicon::{Header, LexiconError, LexiconErrorKind, lines};

pub(super) fn parse(text: &str, sink: &mut Sink) -> Result<Header, LexiconError> {
    let (header, lines) = lines(text);
    sink.reserve(lines.len());
    for line in lines {
        let mut cols = line.text.split('\t');
        let (Some(term), Some(weight), None) = (cols.next(), cols.next(), cols.next()) else {
            return Err(sink.error(
                line.number,
                LexiconErrorKind::Columns {
                    expected: "term<TAB>weight",
                },
            ));
        };
        let w = parse_number(sink, line.number, weight)?;
        sink.push(line.number, term, w)?;
    }
    Ok(header)
}
