//! Per-user rate limiting (governor), with one polite notice per window so
//! a user who is limited hears about it once, not once per message.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// How long after a notice we stay silent to the same user.
const NOTICE_EVERY: Duration = Duration::from_secs(60);

/// How often (in checks) idle users are forgotten, bounding memory.
const SWEEP_EVERY: u64 = 1024;

/// What to do with one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Over the limit; `notify` is true for the first refusal in a window.
    Limited {
        notify: bool,
    },
}

/// A per-user limiter; `None` inside when limiting is off.
pub struct UserLimiter {
    limiter: Option<DefaultKeyedRateLimiter<u64>>,
    notified: Mutex<HashMap<u64, Instant>>,
    checks: AtomicU64,
}

impl UserLimiter {
    /// `per_minute` requests a minute per user (as a burst that refills
    /// steadily); 0 turns limiting off.
    pub fn new(per_minute: u32) -> Self {
        UserLimiter {
            limiter: NonZeroU32::new(per_minute).map(|n| RateLimiter::keyed(Quota::per_minute(n))),
            notified: Mutex::new(HashMap::new()),
            checks: AtomicU64::new(0),
        }
    }

    /// Counts one request by `user`.
    pub fn check(&self, user: u64) -> Verdict {
        let Some(limiter) = &self.limiter else {
            return Verdict::Allowed;
        };
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            limiter.retain_recent();
            if let Ok(mut n) = self.notified.lock() {
                n.retain(|_, at| at.elapsed() < NOTICE_EVERY);
            }
        }
        if limiter.check_key(&user).is_ok() {
            return Verdict::Allowed;
        }
        let notify = match self.notified.lock() {
            Ok(mut n) => {
                let due = n.get(&user).is_none_or(|at| at.elapsed() >= NOTICE_EVERY);
                if due {
                    n.insert(user, Instant::now());
                }
                due
            }
            Err(_) => false,
        };
        Verdict::Limited { notify }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_limits_after_burst_and_notifies_once() {
        let l = UserLimiter::new(3);
        for _ in 0..3 {
            assert_eq!(l.check(7), Verdict::Allowed);
        }
        assert_eq!(l.check(7), Verdict::Limited { notify: true });
        assert_eq!(l.check(7), Verdict::Limited { notify: false });
        assert_eq!(l.check(8), Verdict::Allowed, "users are limited separately");
    }

    #[test]
    fn zero_turns_limiting_off() {
        let l = UserLimiter::new(0);
        for _ in 0..100 {
            assert_eq!(l.check(1), Verdict::Allowed);
        }
    }
}
