//! Login rate limiting and the bound on concurrent password hashing.
//!
//! [`LoginLimiter`] counts failed logins per user name (from anywhere) and per client address
//! (whatever the user names) inside a sliding window. The check and the record happen in
//! one critical section: [`LoginLimiter::begin`] *reserves* an attempt against both counts
//! before the password is checked, and the reservation becomes a failure
//! ([`Attempt::failed`]) or is released ([`Attempt::succeeded`], or dropped). So a burst of
//! parallel guesses cannot all pass the check before any of them is recorded: with a limit
//! of 5, the 6th concurrent attempt is refused while the first five are still hashing.
//!
//! Kept in memory: a restart forgets it, which only ever lets an attacker start over once.
//!
//! Why hand-written rather than a crate: the maintained limiters (`governor`, `tower`'s
//! rate limit) count *requests* at a rate (GCRA / token bucket); a cell is spent on every
//! check and cannot be given back. Here only *failures* count, a success clears the user's
//! failures but not the address's, and an in-flight attempt must hold a reservation that is
//! released if it does not fail. Building that on `governor` would need a second map of
//! pending attempts beside it — the same code as here plus a dependency. This module is
//! ~150 lines with deterministic-time unit tests.
//!
//! [`HashGate`] bounds the password checks computed at once (argon2id with 19 MiB each:
//! 120 unbounded parallel logins took the server from 416 MB to 1 GB). Logins beyond the
//! bound wait in a short line; beyond the line they are refused at once (429).

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Most keys of one kind kept; beyond it the stalest are forgotten (a flood of distinct
/// user names or addresses cannot grow memory without bound).
const MAX_KEYS: usize = 100_000;

#[derive(Debug, Default)]
struct Book {
    failures: VecDeque<Instant>,
    /// Attempts checked and not yet decided.
    pending: usize,
    /// The current lockout has been reported (audited) once.
    reported: bool,
}

impl Book {
    fn prune(&mut self, now: Instant, window: Duration) {
        while self
            .failures
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= window)
        {
            self.failures.pop_front();
        }
    }

    fn used(&self) -> usize {
        self.failures.len() + self.pending
    }

    /// Seconds until one more attempt is allowed (`max` reached).
    fn wait(&self, max: usize, now: Instant, window: Duration) -> u64 {
        if self.failures.len() < max {
            return 1; // blocked by attempts still in flight: they end within a second or two
        }
        let freeing = self.failures[self.failures.len() - max];
        window
            .saturating_sub(now.saturating_duration_since(freeing))
            .as_secs()
            .max(1)
    }

    fn idle(&self) -> bool {
        self.pending == 0 && self.failures.is_empty()
    }
}

#[derive(Debug, Default)]
struct Books {
    users: HashMap<String, Book>,
    clients: HashMap<String, Book>,
}

/// Keeps a map below [`MAX_KEYS`]: aged-out entries first, then the stalest idle half.
fn make_room(map: &mut HashMap<String, Book>, now: Instant, window: Duration) {
    if map.len() < MAX_KEYS {
        return;
    }
    map.retain(|_, b| {
        b.prune(now, window);
        !b.idle()
    });
    if map.len() < MAX_KEYS {
        return;
    }
    let mut last: Vec<(Instant, String)> = map
        .iter()
        .filter(|(_, b)| b.pending == 0)
        .map(|(k, b)| (b.failures.back().copied().unwrap_or(now), k.clone()))
        .collect();
    last.sort();
    for (_, key) in last.into_iter().take(MAX_KEYS / 2) {
        map.remove(&key);
    }
}

/// A refused attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocked {
    /// Seconds to wait (`Retry-After`).
    pub wait: u64,
    /// The first refusal of this lockout (worth one audit entry; the rest are not, or a
    /// flood of refused attempts would flood the audit log).
    pub first: bool,
    /// Blocked by the client address's count (else by the user name's).
    pub by_client: bool,
}

/// 登录失败限流器。
#[derive(Debug)]
pub struct LoginLimiter {
    per_user: usize,
    per_client: usize,
    window: Duration,
    books: Mutex<Books>,
}

/// A reserved login attempt; dropping it undecided releases the reservation.
#[derive(Debug)]
pub struct Attempt {
    limiter: Arc<LoginLimiter>,
    user: String,
    client: String,
    done: bool,
}

impl LoginLimiter {
    pub fn new(per_user: usize, per_client: usize, window: Duration) -> LoginLimiter {
        LoginLimiter {
            per_user: per_user.max(1),
            per_client: per_client.max(1),
            window,
            books: Mutex::new(Books::default()),
        }
    }

    /// The key for a user name: trimmed, case-insensitive, at most 64 characters (no user
    /// name is longer).
    pub fn user_key(username: &str) -> String {
        username.trim().to_lowercase().chars().take(64).collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Books> {
        self.books.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Checks both counts and, when neither is used up, reserves one attempt against both —
    /// in one critical section.
    pub fn begin(self: &Arc<Self>, client: &str, username: &str, now: Instant) -> Result<Attempt, Blocked> {
        let user = Self::user_key(username);
        let mut books = self.lock();
        let books = &mut *books;
        make_room(&mut books.users, now, self.window);
        make_room(&mut books.clients, now, self.window);
        let ub = books.users.entry(user.clone()).or_default();
        ub.prune(now, self.window);
        let cb = books.clients.entry(client.to_string()).or_default();
        cb.prune(now, self.window);
        let user_full = ub.used() >= self.per_user;
        let client_full = cb.used() >= self.per_client;
        if user_full || client_full {
            let (book, max) = if client_full { (&mut *cb, self.per_client) } else { (&mut *ub, self.per_user) };
            let first = !book.reported;
            book.reported = true;
            let mut wait = book.wait(max, now, self.window);
            if client_full && user_full {
                wait = wait.max(ub.wait(self.per_user, now, self.window));
            }
            return Err(Blocked {
                wait,
                first,
                by_client: client_full,
            });
        }
        for b in [&mut *ub, &mut *cb] {
            b.pending += 1;
            b.reported = false;
        }
        Ok(Attempt {
            limiter: self.clone(),
            user,
            client: client.to_string(),
            done: false,
        })
    }

    /// Failures and attempts in flight for a user name (tests and diagnostics).
    pub fn used_by_user(&self, username: &str) -> usize {
        self.lock().users.get(&Self::user_key(username)).map_or(0, Book::used)
    }
}

impl Attempt {
    fn settle(&mut self, f: impl Fn(&mut Book, bool)) {
        let mut books = self.limiter.lock();
        let books = &mut *books;
        for (map, key, is_user) in [(&mut books.users, &self.user, true), (&mut books.clients, &self.client, false)] {
            if let Some(b) = map.get_mut(key) {
                b.pending = b.pending.saturating_sub(1);
                f(b, is_user);
                if b.idle() {
                    map.remove(key);
                }
            }
        }
        self.done = true;
    }

    /// The password was wrong (or the user unknown): the reservation becomes a failure of
    /// both the user name and the address.
    pub fn failed(mut self, now: Instant) {
        self.settle(|b, _| b.failures.push_back(now));
    }

    /// The login succeeded: the user name's failures are forgotten; the address keeps its
    /// count (one valid account must not reset an address's budget for guessing others).
    pub fn succeeded(mut self) {
        self.settle(|b, is_user| {
            if is_user {
                b.failures.clear();
            }
        });
    }
}

impl Drop for Attempt {
    fn drop(&mut self) {
        if !self.done {
            self.settle(|_, _| {});
        }
    }
}

/// Bounds the password checks computed at once, and computes them on its own threads:
/// `concurrency` fixed threads rather than tokio's blocking pool (shared with uploads and
/// file reads), so password checks can neither crowd out other blocking work nor spread over
/// the pool's many threads. Their argon2 memory is reused between checks
/// (`auth::password::with_memory`).
#[derive(Debug)]
pub struct HashGate {
    permits: Arc<Semaphore>,
    waiting: AtomicUsize,
    queue: usize,
    jobs: Mutex<std::sync::mpsc::Sender<Job>>,
}

type Job = Box<dyn FnOnce() + Send>;

/// Too many logins at once: answered 429 without hashing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

/// How long a login waits in line for a password check at most.
const MAX_WAIT: Duration = Duration::from_secs(10);

impl HashGate {
    pub fn new(concurrency: usize, queue: usize) -> HashGate {
        let concurrency = concurrency.max(1);
        let (tx, rx) = std::sync::mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..concurrency {
            let rx = rx.clone();
            // The threads end when the gate (the sender) is dropped.
            let _ = std::thread::Builder::new().name(format!("jixiao-hash-{i}")).spawn(move || loop {
                let job = match rx.lock() {
                    Ok(r) => r.recv(),
                    Err(_) => return,
                };
                match job {
                    Ok(job) => job(),
                    Err(_) => return,
                }
            });
        }
        HashGate {
            permits: Arc::new(Semaphore::new(concurrency)),
            waiting: AtomicUsize::new(0),
            queue,
            jobs: Mutex::new(tx),
        }
    }

    /// A permit to compute one password hash, after at most [`MAX_WAIT`] in a line of at
    /// most `queue`; else [`Busy`] at once.
    async fn enter(&self) -> Result<OwnedSemaphorePermit, Busy> {
        if let Ok(p) = self.permits.clone().try_acquire_owned() {
            return Ok(p);
        }
        struct InLine<'a>(&'a AtomicUsize);
        impl Drop for InLine<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::SeqCst);
            }
        }
        let ahead = self.waiting.fetch_add(1, Ordering::SeqCst);
        let _in_line = InLine(&self.waiting);
        if ahead >= self.queue {
            return Err(Busy);
        }
        match tokio::time::timeout(MAX_WAIT, self.permits.clone().acquire_owned()).await {
            Ok(Ok(p)) => Ok(p),
            _ => Err(Busy),
        }
    }

    /// Runs `check` (a password hash) on the gate's threads once a permit is free. The
    /// permit is held until `check` has run, even if the caller stops waiting.
    pub async fn run<T: Send + 'static>(&self, check: impl FnOnce() -> T + Send + 'static) -> Result<T, Busy> {
        let permit = self.enter().await?;
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _permit = permit;
            let _ = tx.send(check());
        });
        let sent = self.jobs.lock().map_err(|_| Busy)?.send(job);
        if sent.is_err() {
            return Err(Busy);
        }
        rx.await.map_err(|_| Busy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(per_user: usize, per_client: usize) -> Arc<LoginLimiter> {
        Arc::new(LoginLimiter::new(per_user, per_client, Duration::from_secs(300)))
    }

    #[test]
    fn fifth_failure_blocks_the_user_everywhere_until_the_window_passes() {
        let l = limiter(5, 100);
        let t0 = Instant::now();
        for i in 0..5 {
            let a = l.begin("10.0.0.1", "Alice", t0 + Duration::from_secs(i)).unwrap();
            a.failed(t0 + Duration::from_secs(i));
        }
        let at = t0 + Duration::from_secs(10);
        let b = l.begin("10.0.0.1", "alice", at).unwrap_err();
        assert_eq!((b.wait, b.first, b.by_client), (290, true, false));
        // Only the first refusal of a lockout is worth reporting.
        assert!(!l.begin("10.0.0.1", "alice", at).unwrap_err().first);
        // The same user from another address, and with other case and spaces: blocked too.
        assert!(l.begin("10.0.0.2", " ALICE ", at).is_err());
        // Another user from the same address is not.
        assert!(l.begin("10.0.0.1", "bob", at).is_ok());
        // Once the first failure is 300 s old, one attempt is free again.
        assert!(l.begin("10.0.0.1", "alice", t0 + Duration::from_secs(300)).is_ok());
    }

    #[test]
    fn an_address_is_limited_whatever_the_user_names() {
        let l = limiter(5, 3);
        let t0 = Instant::now();
        for name in ["a", "b", "c"] {
            l.begin("10.0.0.9", name, t0).unwrap().failed(t0);
        }
        let b = l.begin("10.0.0.9", "d", t0).unwrap_err();
        assert!(b.by_client);
        assert_eq!(b.wait, 300);
        assert!(l.begin("10.0.0.8", "d", t0).is_ok());
    }

    #[test]
    fn parallel_attempts_reserve_before_they_are_checked() {
        let l = limiter(5, 100);
        let t0 = Instant::now();
        // Sixty attempts begun before any is decided: five get through, the rest wait.
        let mut held = Vec::new();
        let mut refused = 0;
        for _ in 0..60 {
            match l.begin("10.0.0.1", "alice", t0) {
                Ok(a) => held.push(a),
                Err(b) => {
                    assert_eq!(b.wait, 1, "blocked by attempts in flight");
                    refused += 1;
                }
            }
        }
        assert_eq!((held.len(), refused), (5, 55));
        for a in held {
            a.failed(t0);
        }
        assert_eq!(l.used_by_user("alice"), 5);
        assert_eq!(l.begin("10.0.0.1", "alice", t0).unwrap_err().wait, 300);
    }

    #[test]
    fn success_clears_the_user_not_the_address_and_drop_releases() {
        let l = limiter(2, 3);
        let t0 = Instant::now();
        l.begin("x", "k", t0).unwrap().failed(t0);
        l.begin("x", "k", t0).unwrap().failed(t0);
        assert!(l.begin("x", "k", t0).is_err());
        let l2 = limiter(2, 3);
        l2.begin("x", "k", t0).unwrap().failed(t0);
        l2.begin("x", "k", t0).unwrap().succeeded();
        assert_eq!(l2.used_by_user("k"), 0);
        // The address still counts its failure: two more and it is blocked.
        l2.begin("x", "m", t0).unwrap().failed(t0);
        l2.begin("x", "n", t0).unwrap().failed(t0);
        assert!(l2.begin("x", "o", t0).unwrap_err().by_client);
        // An attempt dropped undecided (an internal error) gives its reservation back.
        let l3 = limiter(1, 10);
        drop(l3.begin("x", "k", t0).unwrap());
        assert!(l3.begin("x", "k", t0).is_ok());
    }

    #[tokio::test]
    async fn the_gate_bounds_hashing_and_turns_away_beyond_its_line() {
        let gate = Arc::new(HashGate::new(1, 1));
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let g = gate.clone();
        let first = tokio::spawn(async move {
            g.run(move || {
                hold.recv().unwrap();
                std::thread::current().name().map(str::to_string)
            })
            .await
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        let g = gate.clone();
        let waiting = tokio::spawn(async move { g.run(|| 2).await });
        tokio::time::sleep(Duration::from_millis(50)).await;
        // One computing, one waiting: the third is turned away at once.
        assert_eq!(gate.run(|| 3).await, Err(Busy));
        release.send(()).unwrap();
        assert_eq!(first.await.unwrap(), Ok(Some("jixiao-hash-0".to_string())), "on the gate's own thread");
        assert_eq!(waiting.await.unwrap(), Ok(2));
        assert_eq!(gate.run(|| 4).await, Ok(4));
    }
}
