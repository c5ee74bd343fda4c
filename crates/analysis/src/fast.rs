//! Hash maps keyed by short words, with a fast non-cryptographic hasher.
//!
//! Every stage looks words up in lexicon maps, several times per token; with
//! the standard library's SipHash those look-ups were a quarter of the
//! pipeline's CPU time. The keys come from lexicons and article text, and no
//! output depends on iteration order (reports are sorted or follow the text),
//! so a deterministic FxHash is safe here. HashDoS is not a concern for a
//! batch tool reading the user's own corpus: the worst case is a slower run.

pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, rustc_hash::FxBuildHasher>;
pub(crate) type HashSet<K> = std::collections::HashSet<K, rustc_hash::FxBuildHasher>;
