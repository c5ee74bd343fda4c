//! The readable text report.

use std::io::{self, Write};

use stance_analysis::ArticleAnalysis;

use super::model::ArticleReport;
use super::{Output, Rendered, ReportWriter};
use crate::input::Item;

/// Shortens `text` to about `max` characters on a word boundary, one line.
fn ellipsize(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let cut = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(a, _)| a)
        .to_string();
    format!("{cut} …")
}

pub(crate) struct TextWriter {
    out: Output,
    count: usize,
}

impl TextWriter {
    pub(crate) fn new(out: Output) -> TextWriter {
        TextWriter { out, count: 0 }
    }
}

/// `s` with control characters (other than line breaks and tabs) and
/// bidirectional overrides written as `\u{..}` escapes, so a title holding
/// ESC sequences or U+202E cannot restyle or reorder the reader's terminal.
fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && !matches!(c, '\n' | '\t') || is_bidi_control(c);
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

impl ReportWriter for TextWriter {
    fn write(&mut self, rendered: &Rendered) -> io::Result<()> {
        if self.count > 0 {
            writeln!(self.out)?;
        }
        self.count += 1;
        for part in &rendered.parts {
            self.out.write_all(part)?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        self.out.commit()
    }
}

impl TextWriter {
    /// Renders one article's block into `buf` (the writer puts a blank line
    /// between blocks). Pure: runs on the worker threads.
    pub(super) fn render(
        buf: &mut Vec<u8>,
        item: &Item,
        analysis: &ArticleAnalysis,
        options: &super::WriterOptions,
    ) -> io::Result<()> {
        let r = ArticleReport::new(item, analysis, options);
        // The report is built in memory and made printable before it reaches
        // a terminal: article text can hold escape sequences.
        let w = &mut *buf;
        writeln!(w, "== {}", r.title.unwrap_or("(untitled)"))?;
        let mut origin = format!("   id {} · {}", r.id, r.source_path);
        if let Some(line) = r.source_line {
            origin.push_str(&format!(":{line}"));
        }
        writeln!(w, "{origin}")?;
        let mut facts = Vec::new();
        facts.push(format!("date {}", r.date.as_deref().unwrap_or("-")));
        facts.push(format!("place {}", r.place.unwrap_or("-")));
        facts.push(format!("source {}", r.source.unwrap_or("-")));
        if let Some(b) = r.byline {
            facts.push(format!("by {b}"));
        }
        writeln!(w, "   {}", facts.join(" · "))?;
        writeln!(
            w,
            "   {} paragraphs · {} sentences · {} words",
            r.counts.paragraphs, r.counts.sentences, r.counts.words
        )?;
        for warning in &r.warnings {
            writeln!(w, "   warning: {warning}")?;
        }
        if let Some(tone) = &r.tone {
            writeln!(w, "\n   Tone: {} ({:+.2})", tone.label, tone.score)?;
        }
        if !r.actors.is_empty() {
            writeln!(w, "\n   Actors ({})", r.actors.len())?;
            for a in &r.actors {
                let mut line = format!("   - {} [{}] {}", a.name, a.id, a.kind);
                let mut who = Vec::new();
                if let Some(role) = a.role {
                    who.push(role.to_string());
                }
                match (a.affiliation, a.affiliation_name) {
                    (Some(id), Some(name)) if id.starts_with("NEW.") => who.push(name.to_string()),
                    (Some(id), _) => who.push(id.to_string()),
                    (None, Some(name)) => who.push(name.to_string()),
                    _ => {}
                }
                if !who.is_empty() {
                    line.push_str(&format!(" ({})", who.join(", ")));
                }
                let noun = if a.mentions == 1 {
                    "mention"
                } else {
                    "mentions"
                };
                line.push_str(&format!(" · {} {noun}: {}", a.mentions, a.forms.join(", ")));
                if let (Some(s), Some(l)) = (a.sentiment, a.label) {
                    line.push_str(&format!(" · portrayed {l} ({s:+.2})"));
                }
                writeln!(w, "{line}")?;
            }
        }
        if !r.quotes.is_empty() {
            writeln!(w, "\n   Quotes ({})", r.quotes.len())?;
            for q in &r.quotes {
                let who = match &q.speaker {
                    Some(s) => match (s.name, s.mention) {
                        (Some(name), Some(m)) if name != m => format!("{name} (\"{m}\")"),
                        (Some(name), _) => name.to_string(),
                        (None, Some(m)) if !s.group.is_empty() => {
                            let names: Vec<&str> = s.group.iter().map(|g| g.name).collect();
                            format!("{} (\"{m}\")", names.join(" + "))
                        }
                        (None, Some(m)) => format!("\"{m}\" (unresolved)"),
                        (None, None) => "unknown".to_string(),
                    },
                    None => "unknown".to_string(),
                };
                let mut line = format!("   - [{}] {who}", q.kind);
                if let Some(cue) = q.cue {
                    line.push_str(&format!(" · {cue}"));
                }
                if let (Some(s), Some(l)) = (q.sentiment, q.label) {
                    line.push_str(&format!(" · {l} ({s:+.2})"));
                }
                writeln!(w, "{line}")?;
                writeln!(w, "     \"{}\"", ellipsize(q.text, 110))?;
            }
        }
        if !r.relations.is_empty() {
            writeln!(w, "\n   Relations ({})", r.relations.len())?;
            for rel in &r.relations {
                let via = match rel.via {
                    stance_analysis::stance::Via::Predicate => String::new(),
                    other => format!(" [via {}]", other.as_str()),
                };
                writeln!(
                    w,
                    "   - {} -> {}: {} ({:+.2}){} · \"{}\" · s{}",
                    rel.source_name,
                    rel.target_name,
                    rel.label,
                    rel.polarity,
                    via,
                    rel.cues.join("\", \""),
                    rel.sentence + 1
                )?;
            }
        }
        let escaped = match printable(&String::from_utf8_lossy(buf)) {
            std::borrow::Cow::Owned(s) => Some(s),
            std::borrow::Cow::Borrowed(_) => None,
        };
        if let Some(s) = escaped {
            *buf = s.into_bytes();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn escapes_terminal_controls_only() {
        assert_eq!(printable("Plain title\n\tok"), "Plain title\n\tok");
        assert_eq!(printable("Red\u{1b}[31m!\u{7}"), "Red\\u{1b}[31m!\\u{7}");
        assert_eq!(printable("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(printable("عنوان 😀"), "عنوان 😀");
    }
}
