//! `stance eval quotes DIR`: scores the quote extractor against brat standoff
//! attribution annotations (the PolNeAR layout: `DIR/text/<article>.txt` and
//! `DIR/attributions/<article>_<annotator>.ann`).
//!
//! Spans are compared in Unicode code points after trimming whitespace,
//! quotation marks, edge punctuation (`,.;:`) and a leading complementizer
//! "that" from both sides, because PolNeAR keeps the marks, the comma of
//! `"…," she said` and the "that" of `said that …` inside the content while
//! `stance` reports the words only. Content spans are compared
//! per attribution: gold discontinuous ranges are one unit, and predicted quotes
//! sharing one cue (`"…," she said. "…"`) are one unit. A unit matches
//! *exactly* when the trimmed extents are equal, and *by overlap* when the
//! shared characters cover at least half of both the gold and the predicted
//! ranges. Matching is one-to-one, largest overlap first.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use stance_analysis::actors::ActorSet;
use stance_analysis::quotes::{self, QuoteKind, SpeechVerbs};
use stance_core::{Article, ArticleId};

/// Arguments of `stance eval quotes`.
#[derive(Debug, clap::Args)]
pub(crate) struct EvalQuotesArgs {
    /// Split directory holding `text/` and `attributions/` (e.g. PolNeAR `dev`).
    pub(crate) dir: PathBuf,
    /// Write every predicted quote and every gold attribution, with matches, as JSONL.
    #[arg(long, value_name = "FILE")]
    pub(crate) predictions: Option<PathBuf>,
    /// Score only the first N articles (in name order).
    #[arg(long, value_name = "N")]
    pub(crate) limit: Option<usize>,
}

/// Character ranges `[start, end)`.
type Ranges = Vec<(usize, usize)>;

/// One gold attribution.
#[derive(Debug, Default)]
struct Gold {
    id: String,
    content: Ranges,
    cue: Ranges,
    source: Ranges,
}

/// One predicted unit: the quotes that share a cue.
#[derive(Debug, Default)]
struct Pred {
    quotes: Vec<usize>,
    content: Ranges,
    cue: Ranges,
    source: Ranges,
}

#[derive(Debug, Default, Clone, Copy)]
struct Prf {
    tp_pred: usize,
    tp_gold: usize,
    pred: usize,
    gold: usize,
}

impl Prf {
    fn add(&mut self, other: Prf) {
        self.tp_pred += other.tp_pred;
        self.tp_gold += other.tp_gold;
        self.pred += other.pred;
        self.gold += other.gold;
    }

    fn line(&self, name: &str) -> String {
        let p = ratio(self.tp_pred, self.pred);
        let r = ratio(self.tp_gold, self.gold);
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        format!(
            "{name:<26} P {:>5.1}  R {:>5.1}  F1 {:>5.1}   (pred {}, gold {})",
            100.0 * p,
            100.0 * r,
            100.0 * f,
            self.pred,
            self.gold
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[derive(Debug, Default)]
struct Totals {
    articles: usize,
    skipped: usize,
    content_exact: Prf,
    content_overlap: Prf,
    cue_exact: Prf,
    cue_overlap: Prf,
    source_exact: Prf,
    source_overlap: Prf,
    /// Content-matched pairs whose gold has a source: (with source, exact, overlapping).
    source_acc: (usize, usize, usize),
    by_kind: BTreeMap<&'static str, (usize, usize)>,
}

/// Runs the evaluation and prints the table.
pub(crate) fn run(args: &EvalQuotesArgs) -> anyhow::Result<ExitCode> {
    let text_dir = args.dir.join("text");
    let ann_dir = args.dir.join("attributions");
    let mut anns: BTreeMap<String, PathBuf> = BTreeMap::new();
    let entries = std::fs::read_dir(&ann_dir)
        .with_context(|| format!("failed to read {}", ann_dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".ann") else {
            continue;
        };
        let Some((article, _annotator)) = stem.rsplit_once('_') else {
            continue;
        };
        // Several annotators: keep the first file in name order.
        anns.entry(article.to_string())
            .and_modify(|p| {
                if path < *p {
                    *p = path.clone();
                }
            })
            .or_insert(path);
    }
    let verbs = SpeechVerbs::builtin();
    let actors = ActorSet::default();
    let mut out = match &args.predictions {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p)
                .with_context(|| format!("failed to create {}", p.display()))?,
        )),
        None => None,
    };
    let mut totals = Totals::default();
    for (name, ann_path) in anns.iter().take(args.limit.unwrap_or(usize::MAX)) {
        let text_path = text_dir.join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&text_path)
            .with_context(|| format!("failed to read {}", text_path.display()))?;
        let ann = std::fs::read_to_string(ann_path)
            .with_context(|| format!("failed to read {}", ann_path.display()))?;
        let chars: Vec<char> = text.chars().collect();
        let bom = usize::from(text.starts_with('\u{feff}'));
        let golds = parse_ann(&ann, &chars);
        // A panic inside `core` on odd text must not end the whole evaluation: count and skip.
        let parsed =
            std::panic::catch_unwind(|| Article::parse(ArticleId(name.clone()), text.clone()));
        let Ok(Ok(article)) = parsed else {
            eprintln!("warning: skipped {name}: the article could not be parsed");
            totals.skipped += 1;
            continue;
        };
        let found = quotes::find(&article, &actors, &verbs);
        let to_chars = |s: stance_core::Span| {
            let (a, b) = article.char_span(s);
            (a + bom, b + bom)
        };
        // Units: quotes sharing a cue; partial quotes inside reported speech belong to it already.
        let mut units: Vec<Pred> = Vec::new();
        let mut by_cue: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        for (qi, q) in found.iter().enumerate() {
            if q.kind == QuoteKind::Partial && (q.rule == "partial-in-reported" || q.cue.is_none())
            {
                continue;
            }
            let content = norm(&chars, to_chars(q.span));
            let unit = match q.cue.map(to_chars) {
                Some(c) => *by_cue.entry(c).or_insert_with(|| {
                    units.push(Pred::default());
                    units.len() - 1
                }),
                None => {
                    units.push(Pred::default());
                    units.len() - 1
                }
            };
            let u = &mut units[unit];
            u.quotes.push(qi);
            u.content.extend(content);
            if let Some(c) = q.cue.map(to_chars).and_then(|c| norm(&chars, c)) {
                if !u.cue.contains(&c) {
                    u.cue.push(c);
                }
            }
            if let Some(s) = q
                .speaker_mention
                .map(to_chars)
                .and_then(|s| norm(&chars, s))
            {
                if !u.source.contains(&s) {
                    u.source.push(s);
                }
            }
        }
        let matches = match_units(&golds, &units);
        totals.articles += 1;
        totals
            .content_exact
            .add(count(&matches, golds.len(), units.len(), |g, p| {
                extent(&golds[g].content) == extent(&units[p].content)
            }));
        totals
            .content_overlap
            .add(count(&matches, golds.len(), units.len(), |_, _| true));
        for &(g, p) in &matches {
            if golds[g].source.is_empty() {
                continue;
            }
            totals.source_acc.0 += 1;
            if !units[p].source.is_empty() && extent(&units[p].source) == extent(&golds[g].source) {
                totals.source_acc.1 += 1;
            }
            if overlap(&units[p].source, &golds[g].source) > 0 {
                totals.source_acc.2 += 1;
            }
        }
        for q in &found {
            let e = totals.by_kind.entry(q.kind.as_str()).or_default();
            e.0 += 1;
        }
        let gold_cues: Vec<(usize, usize)> = golds.iter().filter_map(|g| extent(&g.cue)).collect();
        let pred_cues: Vec<(usize, usize)> =
            units.iter().flat_map(|u| u.cue.iter().copied()).collect();
        totals.cue_exact.add(span_prf(&gold_cues, &pred_cues, true));
        totals
            .cue_overlap
            .add(span_prf(&gold_cues, &pred_cues, false));
        let gold_src: Vec<(usize, usize)> =
            golds.iter().filter_map(|g| extent(&g.source)).collect();
        let pred_src: Vec<(usize, usize)> = units
            .iter()
            .flat_map(|u| u.source.iter().copied())
            .collect();
        totals
            .source_exact
            .add(span_prf(&gold_src, &pred_src, true));
        totals
            .source_overlap
            .add(span_prf(&gold_src, &pred_src, false));
        if let Some(w) = out.as_mut() {
            write_jsonl(
                w, name, &chars, &article, &found, &units, &golds, &matches, bom,
            )?;
        }
    }
    if let Some(mut w) = out {
        w.flush()?;
    }
    print_totals(&args.dir, &totals);
    Ok(ExitCode::SUCCESS)
}

fn print_totals(dir: &Path, t: &Totals) {
    println!(
        "quotes evaluated on {} ({} articles, {} skipped)",
        dir.display(),
        t.articles,
        t.skipped
    );
    println!("{}", t.content_exact.line("content exact"));
    println!("{}", t.content_overlap.line("content overlap>=50%"));
    println!("{}", t.cue_exact.line("cue exact"));
    println!("{}", t.cue_overlap.line("cue overlap"));
    println!("{}", t.source_exact.line("source exact"));
    println!("{}", t.source_overlap.line("source overlap"));
    let (n, exact, over) = t.source_acc;
    println!(
        "source mention accuracy on content matches: exact {:.1}%  overlap {:.1}%  ({n} matched attributions with a gold source)",
        100.0 * ratio(exact, n),
        100.0 * ratio(over, n)
    );
    let kinds: Vec<String> = t
        .by_kind
        .iter()
        .map(|(k, (n, _))| format!("{k} {n}"))
        .collect();
    println!("predicted quotes by kind: {}", kinds.join(", "));
}

/// Parses brat standoff: `T` spans and the `E` events binding them into attributions.
fn parse_ann(ann: &str, chars: &[char]) -> Vec<Gold> {
    let mut spans: BTreeMap<&str, (&str, Ranges)> = BTreeMap::new();
    let mut events: Vec<(&str, Vec<(&str, &str)>)> = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((ty, ranges)) = body.split_once(' ') else {
                continue;
            };
            let mut rs = Ranges::new();
            for r in ranges.split(';') {
                let mut nums = r.split_whitespace().map(str::parse::<usize>);
                if let (Some(Ok(a)), Some(Ok(b))) = (nums.next(), nums.next()) {
                    rs.push((a.min(chars.len()), b.min(chars.len())));
                }
            }
            spans.insert(id, (ty, rs));
        } else if id.starts_with('E') {
            let args = body
                .split_whitespace()
                .filter_map(|a| a.split_once(':'))
                .collect();
            events.push((id, args));
        }
    }
    let mut out = Vec::new();
    for (id, args) in events {
        let mut g = Gold {
            id: id.to_string(),
            ..Gold::default()
        };
        for (role, t) in args {
            let Some((_, ranges)) = spans.get(t) else {
                continue;
            };
            let normed = ranges.iter().filter_map(|&r| norm(chars, r));
            match role {
                "Content" | "Content2" => g.content.extend(normed),
                "Cue" => g.cue.extend(normed),
                "Source" => g.source.extend(normed),
                _ => {}
            }
        }
        if !g.content.is_empty() {
            g.content.sort_unstable();
            out.push(g);
        }
    }
    out
}

/// Trims whitespace, quotation marks and edge punctuation from a character range.
fn norm(chars: &[char], (mut a, mut b): (usize, usize)) -> Option<(usize, usize)> {
    let trim = |c: char| {
        c.is_whitespace() || "\"\u{201c}\u{201d}'\u{2018}\u{2019},.;:\u{2014}-".contains(c)
    };
    b = b.min(chars.len());
    while a < b && trim(chars[a]) {
        a += 1;
    }
    while b > a && trim(chars[b - 1]) {
        b -= 1;
    }
    // A leading "that " (`said that …`).
    if b >= a + 5
        && chars[a..a + 5]
            .iter()
            .collect::<String>()
            .eq_ignore_ascii_case("that ")
    {
        a += 5;
        while a < b && trim(chars[a]) {
            a += 1;
        }
    }
    (a < b).then_some((a, b))
}

fn extent(r: &Ranges) -> Option<(usize, usize)> {
    let a = r.iter().map(|x| x.0).min()?;
    let b = r.iter().map(|x| x.1).max()?;
    Some((a, b))
}

fn len(r: &Ranges) -> usize {
    r.iter().map(|x| x.1 - x.0).sum()
}

fn overlap(a: &Ranges, b: &Ranges) -> usize {
    let mut n = 0;
    for x in a {
        for y in b {
            let lo = x.0.max(y.0);
            let hi = x.1.min(y.1);
            n += hi.saturating_sub(lo);
        }
    }
    n
}

/// One-to-one matches of gold and predicted units whose shared characters cover
/// half of each, largest overlap first.
fn match_units(golds: &[Gold], units: &[Pred]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (g, gold) in golds.iter().enumerate() {
        for (p, unit) in units.iter().enumerate() {
            let shared = overlap(&gold.content, &unit.content);
            if shared > 0 && 2 * shared >= len(&gold.content) && 2 * shared >= len(&unit.content) {
                pairs.push((shared, g, p));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_g = vec![false; golds.len()];
    let mut used_p = vec![false; units.len()];
    let mut out = Vec::new();
    for (_, g, p) in pairs {
        if !used_g[g] && !used_p[p] {
            used_g[g] = true;
            used_p[p] = true;
            out.push((g, p));
        }
    }
    out
}

fn count(
    matches: &[(usize, usize)],
    gold: usize,
    pred: usize,
    ok: impl Fn(usize, usize) -> bool,
) -> Prf {
    let tp = matches.iter().filter(|&&(g, p)| ok(g, p)).count();
    Prf {
        tp_pred: tp,
        tp_gold: tp,
        pred,
        gold,
    }
}

/// P/R counts for two sets of spans, by exact equality or any overlap, one-to-one.
fn span_prf(gold: &[(usize, usize)], pred: &[(usize, usize)], exact: bool) -> Prf {
    let mut gold: Vec<(usize, usize)> = gold.to_vec();
    gold.sort_unstable();
    gold.dedup();
    let mut pred: Vec<(usize, usize)> = pred.to_vec();
    pred.sort_unstable();
    pred.dedup();
    let mut used = vec![false; gold.len()];
    let mut tp = 0;
    for p in &pred {
        let hit = gold.iter().enumerate().find(|(i, g)| {
            !used[*i]
                && if exact {
                    *g == p
                } else {
                    g.0 < p.1 && p.0 < g.1
                }
        });
        if let Some((i, _)) = hit {
            used[i] = true;
            tp += 1;
        }
    }
    Prf {
        tp_pred: tp,
        tp_gold: tp,
        pred: pred.len(),
        gold: gold.len(),
    }
}

fn text_of(chars: &[char], r: (usize, usize)) -> String {
    chars[r.0.min(chars.len())..r.1.min(chars.len())]
        .iter()
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn write_jsonl(
    w: &mut impl Write,
    name: &str,
    chars: &[char],
    article: &Article,
    found: &[quotes::Quote],
    units: &[Pred],
    golds: &[Gold],
    matches: &[(usize, usize)],
    bom: usize,
) -> anyhow::Result<()> {
    let to_chars = |s: stance_core::Span| {
        let (a, b) = article.char_span(s);
        (a + bom, b + bom)
    };
    let unit_of = |qi: usize| units.iter().position(|u| u.quotes.contains(&qi));
    for (qi, q) in found.iter().enumerate() {
        let unit = unit_of(qi);
        let gold = unit
            .and_then(|u| matches.iter().find(|m| m.1 == u))
            .map(|m| golds[m.0].id.clone());
        let span = to_chars(q.span);
        let cue = q.cue.map(to_chars);
        let src = q.speaker_mention.map(to_chars);
        let row = serde_json::json!({
            "type": "prediction",
            "article": name,
            "quote": q.id,
            "kind": q.kind,
            "rule": q.rule,
            "confidence": q.confidence,
            "content": [span.0, span.1],
            "content_text": text_of(chars, span),
            "cue": cue.map(|c| [c.0, c.1]),
            "cue_text": cue.map(|c| text_of(chars, c)),
            "cue_class": q.cue_class,
            "source": src.map(|c| [c.0, c.1]),
            "source_text": src.map(|c| text_of(chars, c)),
            "scored": unit.is_some(),
            "unit": unit,
            "unit_content": unit.and_then(|u| extent(&units[u].content)).map(|e| [e.0, e.1]),
            "matched_gold": gold,
        });
        writeln!(w, "{row}")?;
    }
    for (gi, g) in golds.iter().enumerate() {
        let matched = matches.iter().any(|m| m.0 == gi);
        let ext = extent(&g.content).unwrap_or_default();
        let row = serde_json::json!({
            "type": "gold",
            "article": name,
            "id": g.id,
            "content": g.content,
            "content_text": text_of(chars, ext),
            "cue_text": extent(&g.cue).map(|c| text_of(chars, c)),
            "source_text": extent(&g.source).map(|c| text_of(chars, c)),
            "matched": matched,
        });
        writeln!(w, "{row}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brat_spans_are_trimmed_and_bound() {
        let text = "X said: \"We won,\" she said.";
        let chars: Vec<char> = text.chars().collect();
        let ann = "T1\tSource 18 21\tshe\nT2\tCue 22 26\tsaid\nT3\tContent 8 17\t\"We won,\"\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n";
        let golds = parse_ann(ann, &chars);
        assert_eq!(golds.len(), 1);
        assert_eq!(text_of(&chars, golds[0].content[0]), "We won");
        assert_eq!(text_of(&chars, golds[0].source[0]), "she");
    }

    #[test]
    fn overlap_needs_half_of_both() {
        let g = Gold {
            content: vec![(0, 10)],
            ..Gold::default()
        };
        let p = Pred {
            content: vec![(5, 30)],
            ..Pred::default()
        };
        assert!(match_units(&[g], &[p]).is_empty());
        let g = Gold {
            content: vec![(0, 10)],
            ..Gold::default()
        };
        let p = Pred {
            content: vec![(2, 12)],
            ..Pred::default()
        };
        assert_eq!(match_units(&[g], &[p]), [(0, 0)]);
    }
}
