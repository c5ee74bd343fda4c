//! `stance actors list` and `stance actors check FILE...`, plus the
//! `--unresolved FILE` tally that `stance analyze` writes.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use stance_analysis::actors::{ActorKind, Entry, GazetteerBuilder, UnresolvedName, gazetteer};
use stance_core::Date;

/// `stance actors`: inspect and validate gazetteers.
#[derive(Debug, clap::Args)]
pub(crate) struct ActorsArgs {
    #[command(subcommand)]
    pub(crate) command: ActorsCommand,
}

/// The `stance actors` subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum ActorsCommand {
    /// Print every gazetteer entry as a TSV table (id, kind, name, affiliation, role, source).
    List(ListArgs),
    /// Validate gazetteer files: syntax, kinds, keys, dates, duplicate ids, affiliations.
    Check(CheckArgs),
}

/// Flags of `stance actors list`.
#[derive(Debug, clap::Args)]
pub(crate) struct ListArgs {
    /// Add a gazetteer file after the built-in one (repeatable); its ids replace earlier ones.
    #[arg(long = "actors", value_name = "FILE")]
    pub(crate) actors: Vec<PathBuf>,
    /// Leave out the built-in gazetteer.
    #[arg(long)]
    pub(crate) no_builtin_actors: bool,
    /// Only entries of this kind.
    #[arg(long, value_enum)]
    pub(crate) kind: Option<KindArg>,
    /// Show the role held on this date (YYYY-MM-DD) [default: the current role].
    #[arg(long, value_name = "DATE")]
    pub(crate) date: Option<String>,
}

/// Flags of `stance actors check`.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// Gazetteer files to validate; affiliations may point into the built-in gazetteer.
    #[arg(required = true, value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,
    /// Check the files alone, without the built-in gazetteer to resolve affiliations.
    #[arg(long)]
    pub(crate) no_builtin_actors: bool,
}

/// An actor kind on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum KindArg {
    State,
    Organization,
    Person,
    Group,
}

impl KindArg {
    fn kind(self) -> ActorKind {
        match self {
            KindArg::State => ActorKind::State,
            KindArg::Organization => ActorKind::Organization,
            KindArg::Person => ActorKind::Person,
            KindArg::Group => ActorKind::Group,
        }
    }
}

/// Runs `stance actors ...`.
pub(crate) fn run(args: &ActorsArgs) -> anyhow::Result<ExitCode> {
    match &args.command {
        ActorsCommand::List(a) => list(a),
        ActorsCommand::Check(a) => check(a),
    }
}

fn list(args: &ListArgs) -> anyhow::Result<ExitCode> {
    let date = match &args.date {
        Some(d) => Some(Date::parse(d).with_context(|| format!("--date {d:?} is not a date"))?),
        None => None,
    };
    let mut builder = GazetteerBuilder::new();
    builder.builtin(!args.no_builtin_actors);
    for p in &args.actors {
        builder.add_path(p)?;
    }
    let gaz = builder.build()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(out, "id\tkind\tname\taffiliation\trole\tsource")?;
    for e in gaz.entries() {
        if args.kind.is_some_and(|k| k.kind() != e.kind) {
            continue;
        }
        let role = role_of(e, date);
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}:{}",
            e.id,
            e.kind.as_str(),
            e.name,
            e.affiliation.as_ref().map_or("", |a| a.0.as_str()),
            role,
            e.file,
            e.line
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn role_of(e: &Entry, date: Option<Date>) -> &str {
    e.role_on(date).unwrap_or("")
}

fn check(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr();
    let mut bad = 0;
    let mut builder = GazetteerBuilder::new();
    builder.builtin(!args.no_builtin_actors);
    for path in &args.files {
        let shown = path.display().to_string();
        let text = match stance_analysis::lexicon::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                writeln!(stderr, "stance: {e}")?;
                bad += 1;
                continue;
            }
        };
        match gazetteer::parse(&text, &shown) {
            Ok(entries) => {
                builder.add_str(&shown, &text)?;
                writeln!(stdout, "{shown}: {} actors", entries.len())?;
            }
            Err(e) => {
                writeln!(stderr, "stance: {e}")?;
                bad += 1;
            }
        }
    }
    // Affiliations are checked across the files that parsed.
    if let Err(e) = builder.build() {
        writeln!(stderr, "stance: {e}")?;
        bad += 1;
    }
    Ok(if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Capitalised names no actor covered, tallied over a run for `--unresolved FILE`.
///
/// `stance analyze` calls [`UnresolvedTally::add`] for each article with
/// `analyzer.unresolved(&article, &analysis)` and [`UnresolvedTally::write`]
/// at the end.
#[derive(Debug, Default)]
pub(crate) struct UnresolvedTally {
    names: HashMap<String, Tally>,
}

#[derive(Debug, Default)]
struct Tally {
    count: usize,
    articles: usize,
    first_article: String,
}

impl UnresolvedTally {
    /// Adds one article's unresolved names.
    pub(crate) fn add(&mut self, article: &str, names: &[UnresolvedName]) {
        for n in names {
            let t = self.names.entry(n.name.clone()).or_default();
            if t.articles == 0 {
                t.first_article = article.to_string();
            }
            t.count += n.count;
            t.articles += 1;
        }
    }

    /// Writes `name<TAB>count<TAB>articles<TAB>first_article`, most frequent first.
    pub(crate) fn write(&self, path: &Path) -> anyhow::Result<()> {
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        let mut out = std::io::BufWriter::new(file);
        self.write_to(&mut out)?;
        out.flush()
            .with_context(|| format!("cannot write {}", path.display()))
    }

    fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut rows: Vec<(&String, &Tally)> = self.names.iter().collect();
        rows.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(b.0)));
        writeln!(out, "name\tcount\tarticles\tfirst_article")?;
        for (name, t) in rows {
            writeln!(
                out,
                "{name}\t{}\t{}\t{}",
                t.count, t.articles, t.first_article
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tally_sums_and_sorts() {
        let n = |name: &str, count| UnresolvedName {
            name: name.into(),
            count,
            spans: Vec::new(),
        };
        let mut t = UnresolvedTally::default();
        t.add("a1", &[n("Quixville", 2), n("Zorblat", 1)]);
        t.add("a2", &[n("Zorblat", 2)]);
        let mut out = Vec::new();
        t.write_to(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "name\tcount\tarticles\tfirst_article\nZorblat\t3\t2\ta1\nQuixville\t2\t1\ta1\n"
        );
    }
}
