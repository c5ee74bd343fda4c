//! serde_json's pretty layout (two-space indent), written a line at a time.
//!
//! `PrettyFormatter` writes a line break and then the indentation one level
//! at a time, each a separate write; a pretty report is mostly line breaks
//! and indentation, so this writes the comma, the line break and all the
//! indentation as one slice of a constant. Layout decisions are copied from
//! serde_json 1 (`PrettyFormatter::with_indent(b"  ")`) line for line.

use std::io;

use serde_json::ser::Formatter;

/// Indentation levels one slice of [`BREAK`] covers.
const LEVELS: usize = 64;

/// `",\n"` and the indentation of [`LEVELS`] levels.
static BREAK: [u8; 2 + 2 * LEVELS] = {
    let mut b = [b' '; 2 + 2 * LEVELS];
    b[0] = b',';
    b[1] = b'\n';
    b
};

/// The pretty layout's state, as in serde_json's `PrettyFormatter`.
#[derive(Debug, Default)]
pub(super) struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    /// A line break (after a comma when `comma`) and the current indentation.
    fn line<W: ?Sized + io::Write>(&self, w: &mut W, comma: bool) -> io::Result<()> {
        let start = usize::from(!comma);
        if self.level <= LEVELS {
            return w.write_all(&BREAK[start..2 + 2 * self.level]);
        }
        w.write_all(&BREAK[start..2])?;
        for _ in 0..self.level {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(w, false)?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.line(w, !first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(w, false)?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.line(w, !first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::Pretty;

    fn pretty<T: Serialize>(value: &T) -> String {
        let mut out = Vec::new();
        value
            .serialize(&mut serde_json::Serializer::with_formatter(
                &mut out,
                Pretty::default(),
            ))
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn matches_serde_json_at_any_depth() {
        let mut deep = serde_json::json!({"leaf": [1, {}, [], {"a": null}]});
        for depth in 0..80 {
            deep = if depth % 2 == 0 {
                serde_json::json!([deep, depth])
            } else {
                serde_json::json!({"k": deep, "e": []})
            };
            assert_eq!(pretty(&deep), serde_json::to_string_pretty(&deep).unwrap());
        }
    }
}
