//! `stance eval sentiment FILE`: Pearson r and 3-class macro-F1 against
//! VADER-style ground truth (`id<TAB>mean_rating<TAB>text`, ratings on -4..4).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use stance_analysis::sentiment::Label;

use super::lexicon::LexiconOpts;

/// `stance eval sentiment`.
#[derive(Debug, Args)]
pub(crate) struct EvalSentimentArgs {
    /// Ground truth: `id<TAB>mean_rating<TAB>text` per line (CRLF or LF), mean rating on -4..4.
    pub(crate) file: PathBuf,
    /// Write one JSON object per item, in input order: id, gold (mean rating), score, label.
    #[arg(long, value_name = "FILE")]
    pub(crate) predictions: Option<PathBuf>,
    /// Gold labels: a mean rating within ±BAND of zero is neutral.
    #[arg(long, value_name = "BAND", default_value_t = 0.5)]
    pub(crate) neutral_band: f64,
    #[command(flatten)]
    pub(crate) lexicon: LexiconOpts,
}

#[derive(serde::Serialize)]
struct Prediction<'a> {
    id: &'a str,
    gold: f64,
    score: f64,
    label: Label,
}

pub(crate) fn run(args: &EvalSentimentArgs) -> anyhow::Result<ExitCode> {
    let engine = args.lexicon.engine()?;
    let text = std::fs::read(&args.file)
        .with_context(|| format!("failed to read {}", args.file.display()))?;
    let text = String::from_utf8_lossy(&text);
    let mut gold = Vec::new();
    let mut pred = Vec::new();
    let mut gold_labels = Vec::new();
    let mut labels = Vec::new();
    let mut out = match &args.predictions {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => None,
    };
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let mut cols = line.splitn(3, '\t');
        let (Some(id), Some(mean), Some(body)) = (cols.next(), cols.next(), cols.next()) else {
            anyhow::bail!(
                "{}:{}: expected id<TAB>mean_rating<TAB>text",
                args.file.display(),
                i + 1
            );
        };
        let mean: f64 = mean.trim().parse().with_context(|| {
            format!(
                "{}:{}: bad mean rating {mean:?}",
                args.file.display(),
                i + 1
            )
        })?;
        let (sentiment, _) = engine.text(body);
        let score = sentiment.tone.score;
        let label = sentiment.tone.label;
        if let Some(out) = &mut out {
            serde_json::to_writer(
                &mut *out,
                &Prediction {
                    id,
                    gold: mean,
                    score,
                    label,
                },
            )?;
            out.write_all(b"\n")?;
        }
        gold.push(mean);
        pred.push(score);
        gold_labels.push(if mean >= args.neutral_band {
            Label::Positive
        } else if mean <= -args.neutral_band {
            Label::Negative
        } else {
            Label::Neutral
        });
        labels.push(label);
    }
    if let Some(mut out) = out {
        out.flush()?;
    }
    let r = pearson(&gold, &pred);
    let (f1, acc) = macro_f1(&gold_labels, &labels);
    println!(
        "items={} pearson_r={r:.4} macro_f1={f1:.4} accuracy={acc:.4} file={}",
        gold.len(),
        args.file.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Pearson correlation of two equally long series (0 when either is constant).
pub(crate) fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len()) as f64;
    if n == 0.0 {
        return 0.0;
    }
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

/// Macro-averaged F1 over the three labels, and accuracy.
pub(crate) fn macro_f1(gold: &[Label], pred: &[Label]) -> (f64, f64) {
    let labels = [Label::Negative, Label::Neutral, Label::Positive];
    let mut f1 = 0.0;
    for l in labels {
        let tp = gold
            .iter()
            .zip(pred)
            .filter(|(g, p)| **g == l && **p == l)
            .count() as f64;
        let fp = gold
            .iter()
            .zip(pred)
            .filter(|(g, p)| **g != l && **p == l)
            .count() as f64;
        let fnn = gold
            .iter()
            .zip(pred)
            .filter(|(g, p)| **g == l && **p != l)
            .count() as f64;
        if tp > 0.0 {
            let (p, r) = (tp / (tp + fp), tp / (tp + fnn));
            f1 += 2.0 * p * r / (p + r);
        }
    }
    let correct = gold.iter().zip(pred).filter(|(g, p)| g == p).count() as f64;
    (
        f1 / 3.0,
        if gold.is_empty() {
            0.0
        } else {
            correct / gold.len() as f64
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics() {
        assert!((pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]) - 1.0).abs() < 1e-12);
        assert!((pearson(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
        let g = [
            Label::Negative,
            Label::Neutral,
            Label::Positive,
            Label::Positive,
        ];
        let (f1, acc) = macro_f1(&g, &g);
        assert_eq!((f1, acc), (1.0, 1.0));
    }
}
