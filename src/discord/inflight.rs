//! Counts events being handled, so shutdown can let replies in flight
//! finish before the process exits.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Notify;

/// The number of events being handled right now.
#[derive(Debug, Default)]
pub struct InFlight {
    count: AtomicUsize,
    idle: Notify,
}

/// Marks one event as in flight until dropped.
pub struct Guard<'a>(&'a InFlight);

impl InFlight {
    pub fn enter(&self) -> Guard<'_> {
        self.count.fetch_add(1, Ordering::SeqCst);
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
