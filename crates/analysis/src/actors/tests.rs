use stance_core::{Article, ArticleId};

use super::*;

fn analyse(text: &str) -> (Article, ActorSet) {
    let article = Article::parse(ArticleId("t".into()), text.to_string()).unwrap();
    let gaz = Gazetteer::builtin().unwrap();
    let set = find(&article, &gaz);
    (article, set)
}

fn summary(text: &str) -> Vec<String> {
    let (_, set) = analyse(text);
    set.actors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            format!(
                "{} {} role={:?} aff={:?} n={}",
                a.id,
                a.name,
                a.role.as_deref().unwrap_or("-"),
                a.affiliation.as_ref().map_or("-", |x| x.0.as_str()),
                set.mentions_of(i).count()
            )
        })
        .collect()
}

const SEED: &str = include_str!("../../../../seeds/000_53a223d58a8d3c17.txt");

#[test]
fn seed_dump() {
    for l in summary(SEED) {
        println!("{l}");
    }
    let (a, set) = analyse(SEED);
    for m in &set.mentions {
        println!(
            "{:?} {:?} -> {}",
            a.slice(m.span),
            m.form,
            set.actors[m.actor].id
        );
    }
}
