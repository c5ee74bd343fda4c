//! JSON (one array) and JSONL (one object per line) writers.

use std::io::{self, Write};

use stance_analysis::ArticleAnalysis;

use super::model::ArticleReport;
use super::{Output, ReportWriter};
use crate::input::Item;

pub(crate) struct JsonWriter {
    out: Output,
    lines: bool,
    count: usize,
    options: super::WriterOptions,
}

impl JsonWriter {
    pub(crate) fn new(out: Output, lines: bool, options: super::WriterOptions) -> JsonWriter {
        JsonWriter {
            out,
            lines,
            count: 0,
            options,
        }
    }
}

impl ReportWriter for JsonWriter {
    fn write(&mut self, item: &Item, analysis: &ArticleAnalysis) -> io::Result<()> {
        let report = ArticleReport::new(item, analysis, &self.options);
        if self.lines {
            serde_json::to_writer(&mut self.out, &report)?;
            self.out.write_all(b"\n")?;
        } else {
            self.out
                .write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
            serde_json::to_writer_pretty(&mut self.out, &report)?;
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
