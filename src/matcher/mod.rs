//! The question matcher: a question in, ranked facts with a confidence out.
//! Pure and synchronous; builds an [`Index`] once per knowledge base.
//!
//! normalize → lexicon (stopwords, aliases, synonyms, typo repair) → index
//! (postings, idf) → score (lexical coverage + similarity to the example
//! questions) → confidence.

pub mod aside;
pub mod char_class;
mod char_class_of;
pub mod decide;
pub mod edits;
pub mod english;
pub mod frame;
pub mod index;
pub mod lexicon;
pub mod normalize;
pub mod score;
pub mod stopwords;
pub mod thesaurus;

pub use index::Index;
pub use score::{Match, Scored};
