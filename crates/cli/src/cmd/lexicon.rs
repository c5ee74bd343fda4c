//! `stance lexicon check|info|dump`, and the lexicon flags every sentiment command shares.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use stance_analysis::lexicon::LexiconError;
use stance_analysis::sentiment::{
    LexiconFormat, SentimentConfig, SentimentEngine, SentimentEngineBuilder, SentimentLexicon,
    ShifterLexicon, ShifterRole,
};

/// Lexicon flags: extra dictionaries, formats, and whether to keep the built-in ones.
#[derive(Clone, Debug, Default, Args)]
pub(crate) struct LexiconOpts {
    /// Add a sentiment lexicon (repeatable); on a shared term the file given last wins over earlier ones and the built-in lexicons.
    #[arg(long = "lexicon", value_name = "PATH")]
    pub(crate) lexicons: Vec<PathBuf>,
    /// Format of the --lexicon files: native, vader, afinn, dic, yaml [default: from the extension and first lines].
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub(crate) lexicon_format: Option<LexiconFormat>,
    /// Do not load the built-in sentiment lexicons (negators, intensifiers, contrast words and hedges stay).
    #[arg(long)]
    pub(crate) no_builtin_lexicons: bool,
    /// Set a scoring constant, e.g. `--param target.decay=8` (repeatable; see `stance lexicon info`).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub(crate) params: Vec<String>,
}

/// Warnings shown per lexicon when loading; `stance lexicon check` shows all.
const MAX_WARNINGS: usize = 3;

fn parse_format(s: &str) -> Result<LexiconFormat, String> {
    LexiconFormat::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = LexiconFormat::ALL.iter().map(|f| f.name()).collect();
        format!(
            "unknown lexicon format {s:?} (expected one of {})",
            names.join(", ")
        )
    })
}

impl LexiconOpts {
    /// The model constants after `--param`s.
    pub(crate) fn config(&self) -> anyhow::Result<SentimentConfig> {
        let mut config = SentimentConfig::default();
        for p in &self.params {
            let Some((name, value)) = p.split_once('=') else {
                bail!("--param {p:?}: expected NAME=VALUE")
            };
            let value: f64 = value
                .trim()
                .parse()
                .with_context(|| format!("--param {p:?}: not a number"))?;
            config
                .set(name.trim(), value)
                .map_err(|e| anyhow::anyhow!("--param {p:?}: {e}"))?;
        }
        Ok(config)
    }

    /// Loads the lexicons (warnings to stderr) and builds the engine.
    pub(crate) fn engine(&self) -> anyhow::Result<SentimentEngine> {
        let mut builder = SentimentEngineBuilder::new();
        builder
            .builtin_lexicons(!self.no_builtin_lexicons)
            .config(self.config()?);
        for lex in self.load()? {
            builder.add_lexicon(lex);
        }
        builder.build().context("cannot build the sentiment engine")
    }

    /// Parses each `--lexicon` file once, in order. A parse error names the
    /// file and line and stops the run; warnings (a duplicate term, an
    /// unknown category) go to stderr, the first few per file and then a
    /// count that points at `stance lexicon check`. The analyzer and the
    /// engine keep lexicon warnings to themselves, so this is where they show.
    pub(crate) fn load(&self) -> anyhow::Result<Vec<SentimentLexicon>> {
        let mut stderr = std::io::stderr();
        let mut out = Vec::with_capacity(self.lexicons.len());
        for path in &self.lexicons {
            let lex = SentimentLexicon::from_path(path, self.lexicon_format)?;
            for w in lex.warnings.iter().take(MAX_WARNINGS) {
                writeln!(stderr, "stance: warning: {w}")?;
            }
            if lex.warnings.len() > MAX_WARNINGS {
                let more = lex.warnings.len() - MAX_WARNINGS;
                let shown = path.display();
                writeln!(
                    stderr,
                    "stance: warning: {more} more in {shown} (see `stance lexicon check {shown}`)"
                )?;
            }
            out.push(lex);
        }
        Ok(out)
    }
}

/// `stance lexicon`.
#[derive(Debug, Args)]
pub(crate) struct LexiconArgs {
    #[command(subcommand)]
    pub(crate) command: LexiconCommand,
}

/// What to do with lexicons.
#[derive(Debug, Subcommand)]
pub(crate) enum LexiconCommand {
    /// Validate a lexicon file; prints problems as FILE:LINE: message. Exit 0 clean, 1 warnings, 2 errors.
    Check {
        /// The file (sentiment lexicon in any format, or a negators/intensifiers/contrast/hedges file).
        file: PathBuf,
        /// Format [default: from the extension and first lines].
        #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
        format: Option<LexiconFormat>,
    },
    /// List the lexicons in use: name, version, role, format, entries, hash, origin; and the scoring constants.
    Info {
        #[command(flatten)]
        lexicon: LexiconOpts,
    },
    /// Print the effective sentiment terms (after overrides) as native `term<TAB>weight`, sorted.
    Dump {
        #[command(flatten)]
        lexicon: LexiconOpts,
        /// Add a third column naming the lexicon each term came from.
        #[arg(long)]
        origin: bool,
    },
}

pub(crate) fn run(args: &LexiconArgs) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match &args.command {
        LexiconCommand::Check { file, format } => check(&mut out, file, *format),
        LexiconCommand::Info { lexicon } => {
            let engine = lexicon.engine()?;
            writeln!(out, "name\tversion\trole\tformat\tentries\thash\torigin")?;
            for l in engine.lexicons() {
                let version = l.version.as_deref().unwrap_or("-");
                writeln!(
                    out,
                    "{}\t{version}\t{}\t{}\t{}\t{}\t{}",
                    l.name, l.role, l.format, l.entries, l.hash, l.origin
                )?;
                if !l.categories.is_empty() {
                    writeln!(out, "  categories: {}", l.categories.join(", "))?;
                }
            }
            let config = serde_json::to_string(engine.config())?;
            writeln!(out, "constants: {config}")?;
            Ok(ExitCode::SUCCESS)
        }
        LexiconCommand::Dump { lexicon, origin } => {
            let mut terms: BTreeMap<String, (f64, String)> = BTreeMap::new();
            if !lexicon.no_builtin_lexicons {
                let (builtin, _) = stance_analysis::sentiment::builtin_lexicons()?;
                for l in builtin {
                    for e in l.entries {
                        terms.insert(e.term, (e.weight, l.info.name.clone()));
                    }
                }
            }
            for path in &lexicon.lexicons {
                let l = SentimentLexicon::from_path(path, lexicon.lexicon_format)
                    .with_context(|| format!("cannot load lexicon {}", path.display()))?;
                for e in l.entries {
                    terms.insert(e.term, (e.weight, l.info.name.clone()));
                }
            }
            writeln!(
                out,
                "# name: dump\n# format: term<TAB>weight{}",
                if *origin { "<TAB>lexicon" } else { "" }
            )?;
            for (term, (w, name)) in terms {
                if *origin {
                    writeln!(out, "{term}\t{w}\t{name}")?;
                } else {
                    writeln!(out, "{term}\t{w}")?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn check(
    out: &mut impl Write,
    file: &std::path::Path,
    format: Option<LexiconFormat>,
) -> anyhow::Result<ExitCode> {
    let shown = file.display().to_string();
    let report = |out: &mut dyn Write, e: &LexiconError| writeln!(out, "{e}");
    if let (None, Some(role)) = (format, ShifterRole::from_file_name(&shown)) {
        let text = stance_analysis::lexicon::read_to_string(file)?;
        return match ShifterLexicon::parse(&shown, &text, role) {
            Ok(l) => {
                writeln!(
                    out,
                    "ok: {} {} entries ({} v{}, hash {})",
                    shown,
                    l.info.entries,
                    role.name(),
                    l.info.version.as_deref().unwrap_or("-"),
                    l.info.hash
                )?;
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                report(out, &e)?;
                Ok(ExitCode::from(2))
            }
        };
    }
    match SentimentLexicon::from_path(file, format) {
        Ok(l) => {
            for w in &l.warnings {
                report(out, w)?;
            }
            let i = &l.info;
            writeln!(
                out,
                "{}: {} {} entries, {} warnings (format {}, name {}, version {}, hash {})",
                if l.warnings.is_empty() {
                    "ok"
                } else {
                    "warnings"
                },
                shown,
                i.entries,
                l.warnings.len(),
                i.format,
                i.name,
                i.version.as_deref().unwrap_or("-"),
                i.hash
            )?;
            Ok(if l.warnings.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Err(e) => {
            report(out, &e)?;
            Ok(ExitCode::from(2))
        }
    }
}
