//! The floor `stance` is compared against: read a file, split on whitespace,
//! lowercase each word, and (with `--lookup LEXICON`) look each word up once
//! in a hash map of `term<TAB>weight` lines (the VADER lexicon in
//! `bench-compare.sh`). Built by `scripts/bench-compare.sh` with `rustc -O`;
//! std only, so it is not a workspace member.
//!
//! Usage: bare_baseline FILE [--lookup LEXICON]

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .expect("usage: bare_baseline FILE [--lookup LEXICON]");
    let lexicon: Option<HashMap<String, f64>> = match args.get(2).map(String::as_str) {
        Some("--lookup") => {
            let text = std::fs::read_to_string(args.get(3).expect("--lookup needs a path"))
                .expect("cannot read lexicon");
            Some(
                text.lines()
                    .filter_map(|l| {
                        let mut f = l.split('\t');
                        let term = f.next()?;
                        let weight = f.next()?.trim().parse().ok()?;
                        Some((term.to_lowercase(), weight))
                    })
                    .collect(),
            )
        }
        _ => None,
    };
    let mut reader = BufReader::with_capacity(1 << 16, File::open(path).expect("cannot open"));
    let mut line = String::new();
    let mut word = String::new();
    let (mut words, mut bytes, mut hits, mut total) = (0u64, 0u64, 0u64, 0.0f64);
    loop {
        line.clear();
        if reader.read_line(&mut line).expect("cannot read") == 0 {
            break;
        }
        for w in line.split_whitespace() {
            word.clear();
            for c in w.chars() {
                word.extend(c.to_lowercase());
            }
            words += 1;
            bytes += word.len() as u64;
            if let Some(lex) = &lexicon {
                if let Some(v) = lex.get(word.as_str()) {
                    hits += 1;
                    total += v;
                }
            }
        }
    }
    // Printing the totals keeps the optimiser from removing the loop.
    println!("words {words} bytes {bytes} hits {hits} sum {total:.3}");
}
