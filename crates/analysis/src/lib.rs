//! The analysis stages of `stance`: actors, quotes, sentiment and stance.
//!
//! ```text
//! Article ──▶ actors::find ──▶ quotes::find ──▶ sentiment ──▶ stance ──▶ ArticleAnalysis
//! ```
//!
//! An [`Analyzer`] holds every lexicon, parsed and compiled once; analysing an
//! article reads only the article and the analyzer, so articles can be
//! analysed in any order on any number of threads with identical results.
#![deny(missing_docs)]

pub mod actors;
mod analyzer;
mod fast;
pub mod lexicon;
pub mod quotes;
pub mod sentiment;
mod stages;
pub mod stance;

pub use analyzer::{Analyzer, AnalyzerBuilder, ArticleAnalysis};
pub use stages::{Stages, UnknownStage};
