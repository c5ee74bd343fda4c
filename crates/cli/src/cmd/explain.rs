//! `stance explain "TEXT"`: every sentence's score with the evidence that
//! makes it up, and optionally the sentiment toward given phrases.

use std::io::{Read, Write};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use stance_analysis::sentiment::{Evidence, TargetScore};
use stance_core::{CharMap, Span};

use super::lexicon::LexiconOpts;

/// `stance explain`.
#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The text to explain; `-` reads stdin.
    pub(crate) text: String,
    /// Also score the sentiment toward every occurrence of this phrase (repeatable, case-sensitive).
    #[arg(long, value_name = "PHRASE")]
    pub(crate) target: Vec<String>,
    /// Print JSON (tone, sentences with evidence, targets) instead of text; spans are byte offsets.
    #[arg(long)]
    pub(crate) json: bool,
    #[command(flatten)]
    pub(crate) lexicon: LexiconOpts,
}

#[derive(serde::Serialize)]
struct TargetOut<'a> {
    phrase: &'a str,
    span: Span,
    #[serde(flatten)]
    score: TargetScore,
}

pub(crate) fn run(args: &ExplainArgs) -> anyhow::Result<ExitCode> {
    let engine = args.lexicon.engine()?;
    let text = if args.text == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("failed to read stdin")?;
        s
    } else {
        args.text.clone()
    };
    let (sentiment, tokens) = engine.text(&text);
    let mut targets = Vec::new();
    for phrase in &args.target {
        for (at, _) in text.match_indices(phrase.as_str()) {
            let span = Span::new(at, at + phrase.len());
            if let Some(s) = sentiment.sentence_at(at) {
                targets.push((
                    s,
                    TargetOut {
                        phrase,
                        span,
                        score: engine.toward(&tokens, s, span),
                    },
                ));
            }
        }
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        let targets: Vec<&TargetOut<'_>> = targets.iter().map(|(_, t)| t).collect();
        let doc = serde_json::json!({
            "lexicons": engine.lexicons(),
            "tone": sentiment.tone,
            "sentences": sentiment.sentences,
            "targets": targets,
        });
        serde_json::to_writer_pretty(&mut out, &doc)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let chars = CharMap::new(&text);
    let t = &sentiment.tone;
    writeln!(
        out,
        "tone {:+.3} {} ({} of {} sentences with evidence)",
        t.score,
        t.label.as_str(),
        t.opinionated_sentences,
        t.sentences
    )?;
    for (n, s) in sentiment.sentences.iter().enumerate() {
        writeln!(
            out,
            "[{}] {:+.3} {:<8} {:?}",
            n + 1,
            s.score,
            s.label.as_str(),
            s.span.slice(&text)
        )?;
        for e in &s.evidence {
            writeln!(out, "    {}", evidence_line(&text, &chars, e))?;
        }
        for (_, target) in targets.iter().filter(|(ts, _)| std::ptr::eq(*ts, s)) {
            let (a, b) = chars.chars(&text, target.span);
            writeln!(
                out,
                "    toward {:?} @{a}..{b}: {:+.3} {}",
                target.phrase,
                target.score.score,
                target.score.label.as_str()
            )?;
            for item in &target.score.items {
                let e = &s.evidence[item.evidence];
                writeln!(
                    out,
                    "      {:?} weight {:.2} -> {:+.3}",
                    e.span.slice(&text),
                    item.weight,
                    item.contribution
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn evidence_line(text: &str, chars: &CharMap, e: &Evidence) -> String {
    let (a, b) = chars.chars(text, e.span);
    let mut line = format!(
        "{:?} @{a}..{b} {}:{:?} {:+.2}",
        e.span.slice(text),
        e.lexicon,
        e.entry,
        e.base
    );
    for m in &e.multipliers {
        let cue = m
            .cue
            .map(|c| format!(" {:?}", c.slice(text)))
            .unwrap_or_default();
        let reason = serde_json::to_value(m.reason)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        line.push_str(&format!(" x{:.2} ({reason}{cue})", m.factor));
    }
    line.push_str(&format!(" = {:+.3} -> {:+.3}", e.raw, e.contribution));
    line
}
