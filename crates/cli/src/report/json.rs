//! JSON (one array) and JSONL (one object per line) writers.

mod escape;
mod pretty;
mod ser;

pub(crate) use escape::plain_run;

use std::io::{self, Write};

use stance_analysis::ArticleAnalysis;

use super::model::ArticleReport;
use super::{Output, Rendered, ReportWriter};
use crate::input::Item;

pub(crate) struct JsonWriter {
    out: Output,
    lines: bool,
    count: usize,
}

impl JsonWriter {
    pub(crate) fn new(out: Output, lines: bool) -> JsonWriter {
        JsonWriter {
            out,
            lines,
            count: 0,
        }
    }
}

impl JsonWriter {
    /// Renders one report into `buf`: compact with its newline for JSONL,
    /// pretty for the JSON array (the writer adds the separators).
    pub(super) fn render(
        buf: &mut Vec<u8>,
        item: &Item,
        analysis: &ArticleAnalysis,
        options: &super::WriterOptions,
        lines: bool,
    ) -> io::Result<()> {
        let report = ArticleReport::new(item, analysis, options);
        if lines {
            ser::write_compact(buf, &report)?;
            buf.push(b'\n');
        } else {
            ser::write_pretty(buf, &report)?;
        }
        Ok(())
    }
}

impl ReportWriter for JsonWriter {
    fn write(&mut self, rendered: &Rendered) -> io::Result<()> {
        if !self.lines {
            self.out
                .write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        }
        for part in &rendered.parts {
            self.out.write_all(part)?;
        }
        self.count += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        if !self.lines {
            self.out
                .write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.commit()
    }
}
