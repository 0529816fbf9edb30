//! Counts events being handled, so shutdown can let replies in flight
//! finish before the process exits, and so memory a burst used can be
//! handed back to the system once the burst is over.

use std::sync::Arc;
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
    /// Idle releases still due after the last burst (see [`RELEASE_TAIL`]).
    tail: AtomicUsize,
}

/// Idle releases made after the first one that follows a burst. Work an
/// event started can free memory after the event counts as done (HTTP
/// buffers, connection tasks): one release right at the end raced those
/// frees and, about one burst in three, kept 10 MB for good. Four more at
/// [`RELEASE_EVERY`] cover the next second.
pub const RELEASE_TAIL: usize = 4;

/// How often [`InFlight::release_if_idle`] should be called. Releasing walks
/// the allocator's free lists: worth doing a few times a second after
/// activity, not per event. (It used to run when a burst of 256 events
/// drained; under CPU pressure a burst drains in pieces, the last piece
/// was smaller than that, and the pages were kept.)
pub const RELEASE_EVERY: Duration = Duration::from_millis(250);

/// Hands freed heap pages back to the system. An allocator keeps the pages
/// a burst used (the heap itself falls back; measured with valgrind
/// massif, see RELIABILITY.md), so without this the process stays at its
/// peak size. The binary allocates with mimalloc, which keeps each
/// thread's freed pages with the thread until that thread allocates again:
/// after a burst, idle threads keep theirs. So this thread hands back its
/// own now, and every other runtime thread its own when it next goes idle
/// ([`release_own_if_due`]). (glibc's `malloc_trim` alone, as before
/// mimalloc, left a burst's growth in about one run in three:
/// `tests/load.rs`.) Both allocators are asked; the one not in use has
/// nothing to give.
fn release_memory() {
    RELEASES.fetch_add(1, Ordering::Relaxed);
    release_own_if_due();
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim has no preconditions; it only returns free pages.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Releases memory whenever the bot goes idle after activity, every
/// [`RELEASE_EVERY`], for as long as the runtime runs; spawned by `serve`.
pub async fn release_while_idle(inflight: Arc<InFlight>) {
    let mut tick = tokio::time::interval(RELEASE_EVERY);
    loop {
        tick.tick().await;
        if inflight.release_if_idle() {
            // Workers idle since the burst hand back their own memory only
            // when they next go idle (`release_own_if_due`): tasks wake
            // them. Two per worker, as any worker may take any task.
            let workers = tokio::runtime::Handle::current().metrics().num_workers();
            for _ in 0..2 * workers {
                tokio::spawn(tokio::task::yield_now());
            }
        }
    }
}

/// Releases asked for so far (see [`release_memory`]).
static RELEASES: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// The releases this thread has made its own.
    static RELEASED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Hands this thread's freed pages back to the system if a release was
/// asked for since it last did: the async runtime calls this whenever one
/// of its threads goes idle, which costs an atomic load when none is due.
pub fn release_own_if_due() {
    let due = RELEASES.load(Ordering::Relaxed);
    if RELEASED.with(|released| catch_up(released, due)) {
        // SAFETY: mi_collect has no preconditions: it frees this thread's
        // empty pages and purges free pages no thread holds.
        unsafe {
            libmimalloc_sys::mi_collect(true);
        }
    }
}

/// Whether a thread that has made `released` releases its own must release
/// now that `due` were asked for; it then has made them all.
fn catch_up(released: &std::cell::Cell<usize>, due: usize) -> bool {
    let behind = released.get() != due;
    released.set(due);
    behind
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

    /// Hands memory back to the system when nothing is in flight and
    /// events were handled since the last time. True if it released.
    pub fn release_if_idle(&self) -> bool {
        if self.count() != 0 {
            return false;
        }
        if self.since_release.swap(0, Ordering::Relaxed) > 0 {
            self.tail.store(RELEASE_TAIL, Ordering::Relaxed);
        } else if self
            .tail
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |t| t.checked_sub(1))
            .is_err()
        {
            return false;
        }
        release_memory();
        true
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

    #[test]
    fn a_thread_releases_once_however_many_releases_it_missed() {
        let released = std::cell::Cell::new(0);
        assert!(!catch_up(&released, 0), "none asked");
        assert!(catch_up(&released, 1));
        assert!(!catch_up(&released, 1), "made already");
        assert!(catch_up(&released, 4), "three missed: one release");
        assert!(!catch_up(&released, 4));
    }

    #[test]
    fn release_if_idle_only_after_activity_and_when_idle() {
        let f = InFlight::default();
        assert!(!f.release_if_idle(), "nothing happened");
        let guard = f.enter();
        assert!(!f.release_if_idle(), "an event is in flight");
        drop(guard);
        assert!(f.release_if_idle());
        for _ in 0..RELEASE_TAIL {
            assert!(f.release_if_idle(), "a few more as late frees land");
        }
        assert!(!f.release_if_idle(), "then quiet until the next burst");
    }

    #[tokio::test]
    async fn drain_gives_up_after_the_limit() {
        let f = InFlight::default();
        let _stuck = f.enter();
        assert!(!f.drain(Duration::from_millis(50)).await);
    }
}
