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
    /// The files are byte-for-byte what is already in service.
    Unchanged { fingerprint: String },
}

impl std::fmt::Display for Reloaded {
    /// One line on success; on problems, every problem on its own line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reloaded::Swapped {
                counts,
                fingerprint,
            } => write!(f, "Reloaded: {counts} (version {fingerprint})."),
            Reloaded::Unchanged { fingerprint } => {
                write!(f, "Knowledge unchanged (version {fingerprint}).")
            }
            Reloaded::Kept { problems } => {
                write!(
                    f,
                    "Reload refused: {} problem(s). Still serving the last good knowledge base.",
                    problems.len()
                )?;
                for p in problems {
                    write!(f, "\n{p}")?;
                }
                Ok(())
            }
        }
    }
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
        self.install(knowledge::load_dir(&self.dir))
    }

    /// Like [`reload`](Self::reload), but after reading asks `still_valid`
    /// whether what was read can be trusted (the watcher: "did any file
    /// change while I read?"); `None` when it cannot, and nothing changes.
    pub fn reload_if(&self, still_valid: impl FnOnce() -> bool) -> Option<Reloaded> {
        let loaded = knowledge::load_dir(&self.dir);
        still_valid().then(|| self.install(loaded))
    }

    /// Swaps in a freshly loaded base, if it loaded with no problems and
    /// differs from the one in service.
    fn install(&self, loaded: Result<KnowledgeBase, Vec<Problem>>) -> Reloaded {
        match loaded {
            Ok(kb) if kb.fingerprint == self.current.load().kb.fingerprint => Reloaded::Unchanged {
                fingerprint: kb.fingerprint,
            },
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

#[cfg(test)]
mod tests {
    use super::*;

    fn copy_knowledge() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        for sub in ["", "facts", "sources"] {
            let from = Path::new("knowledge").join(sub);
            std::fs::create_dir_all(tmp.path().join(sub)).unwrap();
            for e in std::fs::read_dir(&from).unwrap().flatten() {
                if e.path().is_file() {
                    std::fs::write(
                        tmp.path().join(sub).join(e.file_name()),
                        std::fs::read(e.path()).unwrap(),
                    )
                    .unwrap();
                }
            }
        }
        tmp
    }

    #[test]
    fn reload_swaps_valid_keeps_broken_and_skips_unchanged() {
        let tmp = copy_knowledge();
        let live = LiveBase::load(tmp.path()).unwrap();
        let before = live.engine();
        assert!(matches!(live.reload(), Reloaded::Unchanged { .. }));
        let topics = tmp.path().join("topics.toml");
        let text = std::fs::read_to_string(&topics).unwrap();
        std::fs::write(
            &topics,
            text.replace("title = \"Sanctions\"", "title = \"US sanctions\""),
        )
        .unwrap();
        assert!(matches!(live.reload(), Reloaded::Swapped { .. }));
        assert_ne!(live.engine().kb.fingerprint, before.kb.fingerprint);
        std::fs::write(&topics, "[[topic]\n").unwrap();
        let kept = live.reload();
        assert!(matches!(&kept, Reloaded::Kept { problems } if !problems.is_empty()));
        assert!(
            kept.to_string()
                .contains("Still serving the last good knowledge base")
        );
        assert_eq!(
            live.engine().kb.topic("sanctions").unwrap().title,
            "US sanctions"
        );
        // The engine a question already holds is never changed under it.
        assert_eq!(before.kb.topic("sanctions").unwrap().title, "Sanctions");
    }
}
