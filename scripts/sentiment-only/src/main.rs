//! `stance-sentiment-only CORPUS.jsonl`: the sentiment stage alone, end to end
//! on one thread, as the sentiment-only row of `scripts/bench-compare.sh`:
//! read each line, parse the JSON record, `Article::from_record` (layout,
//! sentences, tokens), then `SentimentEngine::article`. Prints the article
//! count and the sum of tones so the work cannot be optimised away.

use std::io::BufRead;

use stance_analysis::sentiment::SentimentEngine;
use stance_core::{Article, ArticleId, Record};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: stance-sentiment-only CORPUS.jsonl");
    let engine = SentimentEngine::builtin().expect("built-in lexicons parse");
    let file = std::fs::File::open(&path).expect("cannot open corpus");
    let reader = std::io::BufReader::with_capacity(1 << 16, file);
    let (mut articles, mut tone) = (0usize, 0.0f64);
    for line in reader.lines() {
        let line = line.expect("cannot read corpus");
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(&line).expect("corpus line is JSON");
        let field = |k: &str| value.get(k).and_then(|v| v.as_str()).map(str::to_string);
        let record = Record {
            id: ArticleId(field("id").unwrap_or_default()),
            title: field("title"),
            text: field("text").unwrap_or_default(),
            date: field("date"),
            source: field("source"),
            url: None,
            extra: Vec::new(),
        };
        let Ok(article) = Article::from_record(record) else {
            continue;
        };
        let sentiment = engine.article(&article);
        tone += sentiment.tone.score;
        articles += 1;
    }
    println!("articles {articles} tone {tone:.3}");
}
