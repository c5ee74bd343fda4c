//! `stance eval targets FILE`: macro-F1 and accuracy of target-dependent
//! scoring on NewsMTSC JSONL (`sentence_normalized`, `targets[].from/to` in
//! code points, `polarity` 2/4/6 = negative/neutral/positive).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use stance_analysis::sentiment::Label;
use stance_core::{Span, Tokens};

use super::eval_sentiment::macro_f1;
use super::lexicon::LexiconOpts;

/// Which lines to score, by 1-based line number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Split {
    /// Every line.
    All,
    /// Lines with `line % 5 != 0`: the part to tune on.
    Tune,
    /// Lines with `line % 5 == 0`: kept apart while tuning.
    Heldout,
}

/// `stance eval targets`.
#[derive(Debug, Args)]
pub(crate) struct EvalTargetsArgs {
    /// NewsMTSC-style JSONL.
    pub(crate) file: PathBuf,
    /// Write one JSON object per target, in input order: line (1-based), target (0-based), gold, score, label.
    #[arg(long, value_name = "FILE")]
    pub(crate) predictions: Option<PathBuf>,
    /// Score every line, or only the tuning or held-out fifth.
    #[arg(long, value_enum, default_value_t = Split::All)]
    pub(crate) split: Split,
    #[command(flatten)]
    pub(crate) lexicon: LexiconOpts,
}

#[derive(serde::Serialize)]
struct Prediction {
    line: usize,
    target: usize,
    gold: Label,
    score: f64,
    label: Label,
}

pub(crate) fn run(args: &EvalTargetsArgs) -> anyhow::Result<ExitCode> {
    let engine = args.lexicon.engine()?;
    let shown = args.file.display().to_string();
    let text =
        std::fs::read_to_string(&args.file).with_context(|| format!("failed to read {shown}"))?;
    let mut out = match &args.predictions {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => None,
    };
    let (mut gold, mut pred) = (Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        let keep = match args.split {
            Split::All => true,
            Split::Tune => number % 5 != 0,
            Split::Heldout => number % 5 == 0,
        };
        if !keep || line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{shown}:{number}: not JSON"))?;
        let Some(sentence) = v["sentence_normalized"].as_str() else {
            bail!("{shown}:{number}: no sentence_normalized");
        };
        let tokens = Tokens::of(sentence);
        let scored = engine.sentence(
            sentence,
            &tokens,
            0..tokens.len(),
            Span::new(0, sentence.len()),
        );
        let byte_of = |cp: usize| {
            sentence
                .char_indices()
                .nth(cp)
                .map_or(sentence.len(), |(b, _)| b)
        };
        let targets = v["targets"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        for (t, target) in targets.iter().enumerate() {
            let (Some(from), Some(to), Some(polarity)) = (
                target["from"].as_u64(),
                target["to"].as_u64(),
                target["polarity"].as_f64(),
            ) else {
                bail!("{shown}:{number}: target {t} lacks from/to/polarity");
            };
            let g = match polarity as i64 {
                2 => Label::Negative,
                4 => Label::Neutral,
                6 => Label::Positive,
                _ => bail!(
                    "{shown}:{number}: target {t} has polarity {polarity}, expected 2, 4 or 6"
                ),
            };
            let span = Span::new(byte_of(from as usize), byte_of(to as usize));
            let s = engine.toward(&tokens, &scored, span);
            if let Some(out) = &mut out {
                let p = Prediction {
                    line: number,
                    target: t,
                    gold: g,
                    score: s.score,
                    label: s.label,
                };
                serde_json::to_writer(&mut *out, &p)?;
                out.write_all(b"\n")?;
            }
            gold.push(g);
            pred.push(s.label);
        }
    }
    if let Some(mut out) = out {
        out.flush()?;
    }
    let (f1, acc) = macro_f1(&gold, &pred);
    let split = format!("{:?}", args.split).to_lowercase();
    println!(
        "targets={} macro_f1={f1:.4} accuracy={acc:.4} split={split} file={shown}",
        gold.len()
    );
    Ok(ExitCode::SUCCESS)
}
