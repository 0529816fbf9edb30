//! Counts events being handled, so shutdown can let replies in flight
//! finish before the process exits, and so memory a burst used can be
//! handed back to the system once the burst is over.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Notify;

/// The number of events being handled right now.
#[derive(Debug, Default)]
pub struct InFlight {
    count: AtomicUsize,
    idle: Notify,
    /// Events started since memory was last released.
    since_release: AtomicUsize,
}

/// Events a burst must have had before its end releases memory: releasing
/// walks the allocator's free lists, worth it after a burst, not per event.
pub const RELEASE_AFTER_EVENTS: usize = 256;

/// Hands freed heap pages back to the system. glibc keeps the pages a burst
/// used (the heap itself falls back; measured with valgrind massif, see
/// RELIABILITY.md), so without this the process stays at its peak size.
fn release_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim has no preconditions; it only returns free pages.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Marks one event as in flight until dropped.
pub struct Guard<'a>(&'a InFlight);

impl InFlight {
    pub fn enter(&self) -> Guard<'_> {
        self.count.fetch_add(1, Ordering::SeqCst);
        self.since_release.fetch_add(1, Ordering::Relaxed);
        Guard(self)
    }

    pub fn count(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }

    /// Waits until nothing is in flight, or `limit` passes. True if idle.
    pub async fn drain(&self, limit: Duration) -> bool {
        let wait = async {
            loop {
                let notified = self.idle.notified();
                if self.count() == 0 {
                    return;
                }
                notified.await;
            }
        };
        tokio::time::timeout(limit, wait).await.is_ok()
    }
}

impl Drop for Guard<'_> {
    fn drop(&mut self) {
        if self.0.count.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.idle.notify_waiters();
            if self.0.since_release.load(Ordering::Relaxed) >= RELEASE_AFTER_EVENTS {
                self.0.since_release.store(0, Ordering::Relaxed);
                release_memory();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[tokio::test]
    async fn drain_waits_for_guards_to_drop() {
        let f = Arc::new(InFlight::default());
        let g = Arc::clone(&f);
        let task = tokio::spawn(async move {
            let _guard = g.enter();
            tokio::time::sleep(Duration::from_millis(100)).await;
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert_eq!(f.count(), 1);
        assert!(f.drain(Duration::from_secs(5)).await);
        assert_eq!(f.count(), 0);
        task.await.unwrap();
    }

    #[tokio::test]
    async fn drain_gives_up_after_the_limit() {
        let f = InFlight::default();
        let _stuck = f.enter();
        assert!(!f.drain(Duration::from_millis(50)).await);
    }
}
