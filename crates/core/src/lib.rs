//! The article model of `stance`: text in, structure out, with no I/O.
//!
//! `core` turns a `&str` into an [`Article`]: headline, byline, dateline
//! (place, ISO date, agency), paragraphs, trailing credits, sentences and
//! tokens, all as byte [`Span`]s into the text exactly as read. Reports convert
//! spans to character offsets with [`Article::char_span`].
//!
//! ```
//! use stance_core::{Article, ArticleId};
//! let text = "North Korea, China Agree to Deepen Ties\n\
//!             BEIJING, CHINA - SEPTEMBER 29, 2025 - North Korea and China agreed. Dr. Kim said so.\n\
//!             *Reporting by Dw.*";
//! let a = Article::parse(ArticleId("seed".into()), text.into()).unwrap();
//! assert_eq!(a.meta.date.unwrap().to_string(), "2025-09-29");
//! assert_eq!(a.meta.place.as_deref(), Some("BEIJING, CHINA"));
//! assert_eq!(a.meta.source.as_deref(), Some("Dw"));
//! assert_eq!(a.paragraphs().len(), 1);
//! assert_eq!(a.sentences().len(), 2);
//! ```
#![deny(missing_docs)]

mod article;
mod date;
mod layout;
pub mod segment;
mod span;
mod token;

pub use article::{Article, ArticleId, Meta, ParseError, ParseWarning, Record, Sentence};
pub use date::{Date, month_number};
pub use span::{CharMap, Span};
pub use token::{Token, TokenKind, Tokens, gallop};
