//! Watching the knowledge directory: a burst of file changes (an editor's
//! write-then-rename, a `git pull` touching ten files, a file written in
//! chunks) becomes one reload, once the directory has been quiet for
//! [`DEBOUNCE`], through `LiveBase`, which swaps in only a base with no
//! problems and none of whose files changed while it was being read.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::state::{LiveBase, Reloaded};

/// Quiet time after the last change before reloading: a save in progress
/// (two chunks 0.18 s apart, an editor's rename dance, a `git pull`) is
/// over by then, and 0.3 s still feels live.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

/// How often the watcher checks for a vanished directory coming back.
const REARM_EVERY: Duration = Duration::from_millis(500);

/// Why the watcher could not start.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("cannot watch {path}: {message}")]
    Watch { path: String, message: String },
}

/// A running watcher; stops when dropped.
pub struct Watcher {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Whether a file event changes what a reload would read. Opens, reads and
/// closes-after-reading are our own reloads looking: counting them made
/// every reload schedule the next. Metadata (a `touch`, a chmod) changes no
/// byte of the base.
pub fn is_change(kind: &EventKind) -> bool {
    use notify::event::ModifyKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(notify::event::AccessKind::Close(notify::event::AccessMode::Write)) => {
            true
        }
        EventKind::Access(_) | EventKind::Other => false,
        EventKind::Any => true,
    }
}

/// What the watcher thread hears from notify.
type Heard = notify::Result<Event>;

/// Watches `live`'s directory and reloads after each quiet burst of
/// changes, reporting every outcome except "unchanged" to `report`.
pub fn watch(
    live: Arc<LiveBase>,
    report: impl Fn(Reloaded) + Send + 'static,
) -> Result<Watcher, WatchError> {
    // notify reports absolute paths: watch the canonical directory so
    // paths compare like with like whatever `knowledge.dir` says.
    let dir = live
        .dir()
        .canonicalize()
        .unwrap_or_else(|_| live.dir().to_path_buf());
    let (tx, rx) = mpsc::channel::<Heard>();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| error(&dir, e))?;
    watcher
        .watch(&dir, RecursiveMode::Recursive)
        .map_err(|e| error(&dir, e))?;
    let stop = Arc::new(AtomicBool::new(false));
    let stopping = Arc::clone(&stop);
    let thread = std::thread::Builder::new()
        .name("knowledge-watcher".into())
        .spawn(move || run(&live, &dir, watcher, &rx, &stopping, &report))
        .map_err(|e| WatchError::Watch {
            path: "knowledge watcher thread".into(),
            message: e.to_string(),
        })?;
    Ok(Watcher {
        stop,
        thread: Some(thread),
    })
}

/// Whether anything heard so far is a change under `dir`; drains what is
/// waiting without blocking.
fn drain(rx: &mpsc::Receiver<Heard>, dir: &Path) -> Result<bool, mpsc::TryRecvError> {
    let mut changed = false;
    loop {
        match rx.try_recv() {
            Ok(heard) => changed |= relevant(&heard, dir),
            Err(mpsc::TryRecvError::Empty) => return Ok(changed),
            Err(e) => return Err(e),
        }
    }
}

fn relevant(heard: &Heard, dir: &Path) -> bool {
    match heard {
        Ok(e) => is_change(&e.kind) && e.paths.iter().any(|p| p.starts_with(dir)),
        // Watch errors (a directory removed under us) mean "look again".
        Err(_) => true,
    }
}

/// The watcher thread: wait for a change, wait for quiet, reload.
fn run(
    live: &LiveBase,
    dir: &Path,
    mut watcher: RecommendedWatcher,
    rx: &mpsc::Receiver<Heard>,
    stopping: &AtomicBool,
    report: &impl Fn(Reloaded),
) {
    let mut watching = true;
    // When the directory was last seen changing; `None` when nothing is pending.
    let mut pending: Option<Instant> = None;
    while !stopping.load(Ordering::SeqCst) {
        let wait = match pending {
            Some(at) => DEBOUNCE.saturating_sub(at.elapsed()),
            None => REARM_EVERY,
        };
        match rx.recv_timeout(wait) {
            Ok(heard) => {
                if relevant(&heard, dir) {
                    pending = Some(Instant::now());
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        }
        // A directory that disappeared loses its watch: re-arm when it is back.
        if !watching && dir.is_dir() && watcher.watch(dir, RecursiveMode::Recursive).is_ok() {
            watching = true;
            pending = Some(Instant::now());
            continue;
        }
        let Some(at) = pending else { continue };
        if at.elapsed() < DEBOUNCE {
            continue;
        }
        if !dir.is_dir() {
            watching = false;
        }
        tracing::debug!(dir = %dir.display(), "knowledge files changed; re-reading");
        // Read, then swap only if nothing changed while reading: a base
        // read mid-save is a draft, never served.
        let outcome = live.reload_if(|| match drain(rx, dir) {
            Ok(changed) => !changed,
            Err(_) => false,
        });
        match outcome {
            None => {
                tracing::debug!("knowledge files changed while being read; waiting for quiet");
                pending = Some(Instant::now());
            }
            Some(Reloaded::Unchanged { .. }) => pending = None,
            Some(outcome) => {
                pending = None;
                report(outcome);
            }
        }
    }
}

fn error(dir: &Path, e: impl std::fmt::Display) -> WatchError {
    WatchError::Watch {
        path: dir.display().to_string(),
        message: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, ModifyKind, RenameMode};

    #[test]
    fn is_change_ignores_our_own_reads() {
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Read
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            notify::event::MetadataKind::AccessTime
        ))));
    }

    #[test]
    fn is_change_counts_writes_creates_removes_and_renames() {
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Name(
            RenameMode::Both
        ))));
        assert!(is_change(&EventKind::Remove(
            notify::event::RemoveKind::File
        )));
    }
}
