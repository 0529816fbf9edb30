//! A knowledge base together with its search index: the unit that answers
//! questions, and the unit a reload replaces whole.

use std::time::SystemTime;

use crate::knowledge::KnowledgeBase;
use crate::matcher::Index;

/// An immutable, ready-to-answer base.
#[derive(Debug)]
pub struct Engine {
    pub kb: KnowledgeBase,
    pub index: Index,
    /// When this base was loaded.
    pub loaded_at: SystemTime,
}

impl Engine {
    /// Indexes `kb`. Call off the answer path: it walks every fact.
    pub fn new(kb: KnowledgeBase) -> Self {
        let index = Index::build(&kb);
        Engine {
            kb,
            index,
            loaded_at: SystemTime::now(),
        }
    }
}
