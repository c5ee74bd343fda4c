//! Scores a JSONL corpus with the `vader-sentimental` crate exactly as
//! `scripts/vader_score.py` does with Python vaderSentiment: the title and
//! every non-empty line of `text`, one `polarity_scores` call each. Prints
//! the number of pieces and the sum of compound scores, so the work cannot be
//! optimised away.
//!
//! Usage: stance-bench-vader-rs CORPUS.jsonl

use std::io::{BufRead, BufReader};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: stance-bench-vader-rs CORPUS.jsonl");
    let file = std::fs::File::open(&path).expect("cannot open the corpus");
    let analyzer = vader_sentimental::SentimentIntensityAnalyzer::new();
    let (mut pieces, mut total) = (0u64, 0.0f64);
    for line in BufReader::with_capacity(1 << 16, file).lines() {
        let line = line.expect("cannot read the corpus");
        if line.trim().is_empty() {
            continue;
        }
        let rec: serde_json::Value = serde_json::from_str(&line).expect("a JSON object per line");
        let title = rec.get("title").and_then(|v| v.as_str()).unwrap_or("");
        let text = rec.get("text").and_then(|v| v.as_str()).unwrap_or("");
        for piece in std::iter::once(title).chain(text.split('\n')) {
            if !piece.trim().is_empty() {
                total += analyzer.polarity_scores(piece).compound;
                pieces += 1;
            }
        }
    }
    println!("pieces {pieces} compound_sum {total:.3}");
}
