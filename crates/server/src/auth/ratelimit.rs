//! Login rate limiting: after `max_failures` failed attempts for one (client address, user
//! name) inside `window`, further attempts are refused until the oldest failure ages out.
//! Kept in memory: a restart forgets it, which only ever lets an attacker start over once.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// 登录失败限流器。
#[derive(Debug)]
pub struct LoginLimiter {
    max_failures: usize,
    window: Duration,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginLimiter {
    pub fn new(max_failures: usize, window: Duration) -> LoginLimiter {
        LoginLimiter {
            max_failures: max_failures.max(1),
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// The key for one client and user name (case-insensitive on the name).
    pub fn key(client: &str, username: &str) -> String {
        format!("{client}\u{0}{}", username.trim().to_lowercase())
    }

    /// `Err(seconds to wait)` when `key` has used up its attempts.
    pub fn check(&self, key: &str, now: Instant) -> Result<(), u64> {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let Some(times) = map.get_mut(key) else {
            return Ok(());
        };
        prune(times, now, self.window);
        if times.len() < self.max_failures {
            return Ok(());
        }
        let oldest = times.front().copied().unwrap_or(now);
        let wait = self
            .window
            .saturating_sub(now.saturating_duration_since(oldest));
        Err(wait.as_secs().max(1))
    }

    pub fn record_failure(&self, key: &str, now: Instant) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        // Bound memory under a flood of distinct keys: drop entries whose failures aged out.
        if map.len() > 100_000 {
            map.retain(|_, t| {
                t.back()
                    .is_some_and(|last| now.saturating_duration_since(*last) < self.window)
            });
        }
        let times = map.entry(key.to_string()).or_default();
        prune(times, now, self.window);
        times.push_back(now);
    }

    /// A successful login clears the record.
    pub fn record_success(&self, key: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(key);
    }
}

fn prune(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while times
        .front()
        .is_some_and(|t| now.saturating_duration_since(*t) >= window)
    {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifth_failure_blocks_until_window_passes() {
        let limiter = LoginLimiter::new(5, Duration::from_secs(300));
        let key = LoginLimiter::key("10.0.0.1", "Alice");
        let t0 = Instant::now();
        for i in 0..5 {
            assert_eq!(limiter.check(&key, t0 + Duration::from_secs(i)), Ok(()));
            limiter.record_failure(&key, t0 + Duration::from_secs(i));
        }
        assert_eq!(limiter.check(&key, t0 + Duration::from_secs(10)), Err(290));
        // Another user from the same address, or the same user elsewhere, is not blocked.
        assert_eq!(
            limiter.check(&LoginLimiter::key("10.0.0.1", "bob"), t0),
            Ok(())
        );
        assert_eq!(
            limiter.check(&LoginLimiter::key("10.0.0.2", "alice"), t0),
            Ok(())
        );
        // Same user, other case: same key.
        assert!(limiter
            .check(
                &LoginLimiter::key("10.0.0.1", "ALICE "),
                t0 + Duration::from_secs(10)
            )
            .is_err());
        // Once the first failure is 300 s old, one attempt is free again.
        assert_eq!(limiter.check(&key, t0 + Duration::from_secs(300)), Ok(()));
    }

    #[test]
    fn success_clears() {
        let limiter = LoginLimiter::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        limiter.record_failure("k", t0);
        limiter.record_failure("k", t0);
        assert!(limiter.check("k", t0).is_err());
        limiter.record_success("k");
        assert_eq!(limiter.check("k", t0), Ok(()));
    }
}
