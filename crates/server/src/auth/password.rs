//! Passwords: argon2id hashes as standard PHC strings, checked in bounded memory on the
//! [`HashGate`]'s threads. The store keeps the hashes; hashing and checking happen here.

use argon2::password_hash::{self, Output, ParamsString, PasswordHash, Salt, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use jixiao_store::{Store, User};

use crate::auth::ratelimit::HashGate;
use crate::problem::Problem;

/// What a password check found.
#[derive(Debug)]
pub enum PasswordCheck {
    Right(User),
    /// Unknown user, or a wrong password (the caller cannot tell which); the user's id when
    /// the name exists, for the audit log.
    Wrong { user_id: Option<i64> },
    /// Too many password checks at once: nothing was hashed.
    Busy,
}

/// Checks `password` for `username`. The hashing runs through `gate` (argon2 takes 19 MiB
/// per check): bounded, on the gate's own threads.
pub async fn check_password(
    store: &Store,
    gate: &HashGate,
    username: &str,
    password: &str,
) -> Result<PasswordCheck, Problem> {
    let found = store.login_candidate(username).await?;
    // An unknown user costs the same hashing work, so timing does not reveal user names.
    let hash = match &found {
        Some((_, hash)) => hash.clone(),
        None => DUMMY_HASH.to_string(),
    };
    let password = password.to_string();
    let Ok(ok) = gate.run(move || verify_password(&password, &hash)).await else {
        return Ok(PasswordCheck::Busy);
    };
    match found {
        Some((user, _)) if ok => Ok(PasswordCheck::Right(user)),
        Some((user, _)) => Ok(PasswordCheck::Wrong { user_id: Some(user.id) }),
        None => Ok(PasswordCheck::Wrong { user_id: None }),
    }
}

/// An argon2id hash of "x", used to equalise timing for unknown users.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1uZ7uYJq1P0TnlnUK3bD6Y1UZ0r7N0uQkq1Uq5bC5x8";

/// Argon2's working memory (19 MiB with the default parameters), kept for the next hash.
/// Allocating it afresh for every hash let the system allocator keep one more 19 MiB block
/// per hash (glibc raises its mmap threshold after the first free, then cannot hand the freed
/// heap block back): measured, RSS grew by 19 MiB with each of the first hashes on one thread
/// and passed 300 MiB under the login load. Reused, it is at most [`KEPT_MEMORY`] blocks plus
/// those in use at once (bounded by the login [`HashGate`]).
static SPARE_MEMORY: std::sync::Mutex<Vec<Vec<Block>>> = std::sync::Mutex::new(Vec::new());
const KEPT_MEMORY: usize = 4;

fn with_memory<T>(blocks: usize, f: impl FnOnce(&mut [Block]) -> T) -> T {
    let spare = || SPARE_MEMORY.lock().unwrap_or_else(|p| p.into_inner());
    let mut memory = spare().pop().unwrap_or_default();
    memory.resize(blocks, Block::default());
    let out = f(&mut memory[..blocks]);
    let mut kept = spare();
    if kept.len() < KEPT_MEMORY {
        kept.push(memory);
    }
    out
}

/// The argon2 output of `password` with `argon`'s parameters and `salt`, in reused memory.
fn argon2_output(argon: &Argon2, params: &Params, password: &str, salt: Salt<'_>, len: usize) -> password_hash::Result<Output> {
    let mut salt_buf = [0u8; 64];
    let salt = salt.decode_b64(&mut salt_buf)?;
    with_memory(params.block_count(), |memory| {
        Output::init_with(len, |out| {
            argon
                .hash_password_into_with_memory(password.as_bytes(), salt, out, memory)
                .map_err(password_hash::Error::from)
        })
    })
}

/// Whether `password` matches the PHC string `hash` (any argon2 variant and parameters it
/// names; compared in constant time).
pub fn verify_password(password: &str, hash: &str) -> bool {
    let Ok(h) = PasswordHash::new(hash) else { return false };
    let (Some(salt), Some(expected)) = (h.salt, h.hash) else { return false };
    let Ok(algorithm) = Algorithm::try_from(h.algorithm) else { return false };
    let Ok(version) = h.version.map_or(Ok(Version::default()), Version::try_from) else { return false };
    let Ok(params) = Params::try_from(&h) else { return false };
    let argon = Argon2::new(algorithm, version, params.clone());
    argon2_output(&argon, &params, password, salt, expected.len()).is_ok_and(|out| out == expected)
}

/// An argon2id hash (default parameters: 19 MiB, 2 passes) of `password`, as a PHC string.
pub fn hash_password(password: &str) -> Result<String, Problem> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| Problem::internal(&e))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| Problem::internal(&e))?;
    let params = Params::default();
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let out = argon2_output(&argon, &params, password, salt.as_salt(), Params::DEFAULT_OUTPUT_LEN)
        .map_err(|e| Problem::internal(&e))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| Problem::internal(&e))?,
        salt: Some(salt.as_salt()),
        hash: Some(out),
    };
    Ok(phc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hashes written by the argon2 crate's own hasher (every stored hash so far) verify, and
    /// ours verify with its verifier: the reused-memory path computes the same function.
    #[test]
    fn hashes_agree_with_the_argon2_crate() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let salt = SaltString::encode_b64(b"0123456789abcdef").unwrap();
        let theirs = Argon2::default().hash_password("口令".as_bytes(), &salt).unwrap().to_string();
        assert!(verify_password("口令", &theirs));
        assert!(!verify_password("口令2", &theirs));
        let ours = hash_password("口令").unwrap();
        assert!(Argon2::default().verify_password("口令".as_bytes(), &PasswordHash::new(&ours).unwrap()).is_ok());
        // Other parameters and variants named in the hash are honoured.
        let light = Argon2::new(Algorithm::Argon2i, Version::V0x10, Params::new(1024, 1, 1, None).unwrap());
        let other = light.hash_password(b"x", &salt).unwrap().to_string();
        assert!(verify_password("x", &other) && !verify_password("y", &other));
    }

    #[test]
    fn password_round_trip() {
        let h = hash_password("正确的口令").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("正确的口令", &h));
        assert!(!verify_password("错误的口令", &h));
        assert!(!verify_password("x", "not a hash"));
        // The stand-in for unknown users must parse, or it would skip the hashing work.
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }
}
