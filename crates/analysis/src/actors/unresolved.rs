//! Capitalised names seen but not classified, so a researcher can extend the gazetteer.

use crate::fast::HashMap;

use stance_core::{Article, Span, TokenKind};

use crate::actors::matcher::{Gazetteer, is_sentence_start};
use crate::actors::model::ActorSet;
use crate::actors::titles::TitleClass;

/// A capitalised name that no actor covers.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct UnresolvedName {
    /// The name as written (possessive `'s` removed).
    pub name: String,
    /// How often it occurs.
    pub count: usize,
    /// Where, in byte offsets.
    pub spans: Vec<Span>,
}

/// Runs of capitalised words in the body that are not part of any mention,
/// not titles or stop words, and not a lone capitalised word opening a
/// sentence; most frequent first, then by name. This is what `--unresolved`
/// writes.
pub fn unresolved(article: &Article, set: &ActorSet, gazetteer: &Gazetteer) -> Vec<UnresolvedName> {
    let text = article.text();
    let tokens = article.tokens();
    let toks = tokens.as_slice();
    let mut found: HashMap<String, Vec<Span>> = HashMap::default();
    let mut m = 0;
    let mut i = 0;
    let covered = |span: Span, m: &mut usize| {
        while *m < set.mentions.len() && set.mentions[*m].span.end <= span.start {
            *m += 1;
        }
        set.mentions.get(*m).is_some_and(|x| x.span.overlaps(span))
    };
    let name_word = |k: usize, m: &mut usize| {
        let t = &toks[k];
        t.kind == TokenKind::Word
            && t.span
                .slice(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            && !gazetteer.titles.is_word(text, tokens, k, TitleClass::Stop)
            && gazetteer.titles.match_at(text, tokens, k).is_none()
            && !covered(t.span, m)
    };
    while i < toks.len() {
        if let Some(t) = gazetteer.titles.match_at(text, tokens, i) {
            i += usize::from(t.len);
            continue;
        }
        if !name_word(i, &mut m) {
            i += 1;
            continue;
        }
        let s = i;
        i += 1;
        while i < toks.len()
            && text[toks[i - 1].span.end..toks[i].span.start]
                .bytes()
                .all(|b| b == b' ')
            && name_word(i, &mut m)
        {
            i += 1;
        }
        if i == s + 1 && is_sentence_start(text, toks[s].span.start) {
            continue;
        }
        let span = Span::new(toks[s].span.start, toks[i - 1].span.end);
        let name = span.slice(text);
        let name = name
            .strip_suffix("'s")
            .or_else(|| name.strip_suffix("\u{2019}s"))
            .unwrap_or(name);
        found.entry(name.to_string()).or_default().push(span);
    }
    let mut out: Vec<UnresolvedName> = found
        .into_iter()
        .map(|(name, spans)| UnresolvedName {
            name,
            count: spans.len(),
            spans,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    out
}
