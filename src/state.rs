//! The live knowledge base: one `Engine` in service, replaced whole and
//! atomically, and only by a base that loaded with zero problems.
//!
//! Questions hold an `Arc` of the engine they started with, so a reload
//! never changes the base under a question in flight.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use arc_swap::ArcSwap;

use crate::engine::Engine;
use crate::knowledge::{self, Counts, KnowledgeBase, Problem};

/// The engine in service and where it was loaded from.
#[derive(Debug)]
pub struct LiveBase {
    current: ArcSwap<Engine>,
    dir: PathBuf,
}

/// What a reload did.
#[derive(Debug)]
pub enum Reloaded {
    /// The new base is in service.
    Swapped { counts: Counts, fingerprint: String },
    /// The files have problems; the previous base is still in service.
    Kept { problems: Vec<Problem> },
}

impl LiveBase {
    /// Loads `dir`; fails with every problem if it is not valid.
    pub fn load(dir: &Path) -> Result<Self, Vec<Problem>> {
        Ok(Self::new(knowledge::load_dir(dir)?, dir))
    }

    /// Puts an already loaded base in service; `dir` is where reloads read.
    pub fn new(kb: KnowledgeBase, dir: &Path) -> Self {
        LiveBase {
            current: ArcSwap::from_pointee(Engine::new(kb)),
            dir: dir.to_path_buf(),
        }
    }

    /// The engine to answer with. Hold it for the whole question.
    pub fn engine(&self) -> Arc<Engine> {
        self.current.load_full()
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Re-reads the knowledge directory and swaps the result in if, and
    /// only if, it has no problems. Loading and indexing happen before the
    /// swap, off the answer path.
    pub fn reload(&self) -> Reloaded {
        match knowledge::load_dir(&self.dir) {
            Ok(kb) => {
                let engine = Engine::new(kb);
                let counts = engine.kb.counts();
                let fingerprint = engine.kb.fingerprint.clone();
                self.current.store(Arc::new(engine));
                Reloaded::Swapped {
                    counts,
                    fingerprint,
                }
            }
            Err(problems) => Reloaded::Kept { problems },
        }
    }
}
