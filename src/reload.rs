//! Watching the knowledge directory: a burst of file events (an editor's
//! write-then-rename, a `git pull` touching ten files) becomes one reload
//! through `LiveBase::reload`, which swaps in only a base with no problems.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use notify_debouncer_full::notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::state::{LiveBase, Reloaded};

/// Quiet time after the last file event before reloading. Long enough to
/// cover a `git pull` or an editor's save dance, short enough to feel live.
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

/// Watches `live`'s directory and reloads after each burst of changes,
/// reporting every outcome except "unchanged" to `report`.
pub fn watch(
    live: Arc<LiveBase>,
    report: impl Fn(Reloaded) + Send + 'static,
) -> Result<Watcher, WatchError> {
    let dir = live.dir().to_path_buf();
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx).map_err(|e| error(&dir, e))?;
    debouncer
        .watch(&dir, RecursiveMode::Recursive)
        .map_err(|e| error(&dir, e))?;
    let stop = Arc::new(AtomicBool::new(false));
    let stopping = Arc::clone(&stop);
    let thread = std::thread::Builder::new()
        .name("knowledge-watcher".into())
        .spawn(move || {
            let mut watching = true;
            // The last refusal reported: the same problems again (one save
            // can arrive as two batches) are not news.
            let mut last_refusal: Option<String> = None;
            while !stopping.load(Ordering::SeqCst) {
                let changed = match rx.recv_timeout(REARM_EVERY) {
                    Ok(Ok(events)) => events
                        .iter()
                        .any(|e| e.paths.iter().any(|p| p.starts_with(&dir))),
                    // Watch errors (a directory removed under us) still mean "look again".
                    Ok(Err(_)) => true,
                    Err(mpsc::RecvTimeoutError::Timeout) => false,
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                };
                // A directory that disappeared loses its watch: re-arm when it is back.
                let rearmed = !watching
                    && dir.is_dir()
                    && debouncer.watch(&dir, RecursiveMode::Recursive).is_ok();
                if rearmed {
                    watching = true;
                }
                if changed || rearmed {
                    if !dir.is_dir() {
                        watching = false;
                    }
                    match live.reload() {
                        Reloaded::Unchanged { .. } => {}
                        outcome @ Reloaded::Kept { .. } => {
                            let text = outcome.to_string();
                            if last_refusal.as_deref() != Some(text.as_str()) {
                                last_refusal = Some(text);
                                report(outcome);
                            }
                        }
                        outcome => {
                            last_refusal = None;
                            report(outcome);
                        }
                    }
                }
            }
        })
        .map_err(|e| WatchError::Watch {
            path: "knowledge watcher thread".into(),
            message: e.to_string(),
        })?;
    Ok(Watcher {
        stop,
        thread: Some(thread),
    })
}

fn error(dir: &Path, e: impl std::fmt::Display) -> WatchError {
    WatchError::Watch {
        path: dir.display().to_string(),
        message: e.to_string(),
    }
}
