//! Users, sessions and API tokens (argon2 password hashes; tokens stored as SHA-256 only).

use argon2::password_hash::{self, Output, ParamsString, PasswordHash, Salt, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use jixiao_store::Store;
use serde::Serialize;
use sqlx::any::AnyRow;

use super::sql::Col;
use super::{in_secs, now, role_from_db, role_to_db, to_json};
use crate::auth::policy::Role;
use crate::auth::ratelimit::HashGate;
use crate::problem::Problem;

/// 用户（不含口令哈希）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    #[serde(serialize_with = "role_name")]
    pub role: Role,
    pub department_id: Option<i64>,
}

fn role_name<S: serde::Serializer>(r: &Role, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(role_to_db(*r))
}

const USER_COLS: &str = "u.id, u.username, u.display_name, u.role, u.department_id";

fn user(row: &AnyRow) -> Result<User, Problem> {
    let role = row.text("role")?;
    Ok(User {
        id: row.int("id")?,
        username: row.text("username")?,
        display_name: row.text("display_name")?,
        role: role_from_db(&role).ok_or_else(|| Problem::internal(&format!("未知角色：{role}")))?,
        department_id: row.opt_int("department_id")?,
    })
}

pub async fn user_by_session(store: &Store, hash: &str) -> Result<Option<User>, Problem> {
    let sql = format!(
        "SELECT {USER_COLS} FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1"
    );
    let row = sqlx::query(&sql)
        .bind(hash)
        .bind(now())
        .fetch_optional(store.pool())
        .await?;
    row.as_ref().map(user).transpose()
}

pub async fn user_by_token(store: &Store, hash: &str) -> Result<Option<User>, Problem> {
    let sql = format!(
        "SELECT {USER_COLS} FROM api_tokens t JOIN users u ON u.id = t.user_id \
         WHERE t.token_hash = $1 AND t.revoked = 0 AND u.active = 1"
    );
    let row = sqlx::query(&sql)
        .bind(hash)
        .fetch_optional(store.pool())
        .await?;
    row.as_ref().map(user).transpose()
}

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
    let sql = format!(
        "SELECT {USER_COLS}, u.password_hash FROM users u WHERE u.username = $1 AND u.active = 1"
    );
    let row = sqlx::query(&sql)
        .bind(username.trim())
        .fetch_optional(store.pool())
        .await?;
    // An unknown user costs the same hashing work, so timing does not reveal user names.
    let hash = match &row {
        Some(r) => r.text("password_hash")?,
        None => DUMMY_HASH.to_string(),
    };
    let password = password.to_string();
    let Ok(ok) = gate.run(move || verify_password(&password, &hash)).await else {
        return Ok(PasswordCheck::Busy);
    };
    match row {
        Some(r) if ok => Ok(PasswordCheck::Right(user(&r)?)),
        Some(r) => Ok(PasswordCheck::Wrong {
            user_id: Some(r.int("id")?),
        }),
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

pub async fn create_session(
    store: &Store,
    user_id: i64,
    hash: &str,
    ttl: std::time::Duration,
) -> Result<(), Problem> {
    let expires = in_secs(ttl.as_secs());
    let mut tx = store.begin_write().await?;
    sqlx::query("INSERT INTO sessions (user_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(user_id)
        .bind(hash)
        .bind(now())
        .bind(expires)
        .execute(&mut *tx)
        .await?;
    audit(&mut tx, Some(user_id), "session", None, "login", None, None).await?;
    tx.commit().await?;
    Ok(())
}

/// Ends a session (`None`: the caller used an API token, there is no session to end; the
/// logout is still recorded).
pub async fn delete_session(
    store: &Store,
    user_id: i64,
    hash: Option<&str>,
) -> Result<(), Problem> {
    let mut tx = store.begin_write().await?;
    if let Some(hash) = hash {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(hash)
            .execute(&mut *tx)
            .await?;
    }
    audit(
        &mut tx,
        Some(user_id),
        "session",
        None,
        "logout",
        None,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Stores a new API token's hash; returns its id.
pub async fn create_token(
    store: &Store,
    user_id: i64,
    name: &str,
    hash: &str,
) -> Result<i64, Problem> {
    let mut tx = store.begin_write().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(user_id)
    .bind(name)
    .bind(hash)
    .bind(now())
    .fetch_one(&mut *tx)
    .await?;
    let after = serde_json::json!({ "name": name, "user_id": user_id });
    audit(
        &mut tx,
        Some(user_id),
        "api_token",
        Some(id),
        "create",
        None,
        Some(&after.to_string()),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Revokes an API token. Users revoke their own; admins any. Someone else's token answers
/// 404 so token ids reveal nothing.
pub async fn revoke_token(store: &Store, by: &User, id: i64) -> Result<(), Problem> {
    let mut tx = store.begin_write().await?;
    let owner: Option<(i64, i64)> =
        sqlx::query_as("SELECT user_id, revoked FROM api_tokens WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((owner, revoked)) = owner.filter(|(o, _)| *o == by.id || by.role == Role::Admin)
    else {
        return Err(Problem::not_found(format!("API 令牌 {id} 不存在。")));
    };
    if revoked != 0 {
        return Err(Problem::conflict(format!("API 令牌 {id} 已被撤销。")));
    }
    sqlx::query("UPDATE api_tokens SET revoked = 1 WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let before = serde_json::json!({ "user_id": owner, "revoked": false });
    let after = serde_json::json!({ "user_id": owner, "revoked": true });
    audit(
        &mut tx,
        Some(by.id),
        "api_token",
        Some(id),
        "revoke",
        Some(&before.to_string()),
        Some(&after.to_string()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// 新用户。
pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub role: Role,
    pub department_id: Option<i64>,
}

pub async fn create_user(
    store: &Store,
    by: Option<i64>,
    new: &NewUser<'_>,
) -> Result<User, Problem> {
    let hash = hash_password(new.password)?;
    let mut tx = store.begin_write().await?;
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
        .bind(new.username)
        .fetch_optional(&mut *tx)
        .await?;
    if taken.is_some() {
        return Err(Problem::conflict(format!(
            "用户名“{}”已被使用。",
            new.username
        )));
    }
    if let Some(d) = new.department_id {
        let kind: Option<String> =
            sqlx::query_scalar("SELECT kind FROM organisations WHERE id = $1")
                .bind(d)
                .fetch_optional(&mut *tx)
                .await?;
        if kind.as_deref() != Some("department") {
            return Err(Problem::unprocessable(format!(
                "department_id {d} 不是一个部门。"
            )));
        }
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (username, display_name, password_hash, role, department_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(new.username)
    .bind(new.display_name)
    .bind(hash)
    .bind(role_to_db(new.role))
    .bind(new.department_id)
    .bind(now())
    .fetch_one(&mut *tx)
    .await?;
    let created = User {
        id,
        username: new.username.to_string(),
        display_name: new.display_name.to_string(),
        role: new.role,
        department_id: new.department_id,
    };
    audit(
        &mut tx,
        by,
        "user",
        Some(id),
        "create",
        None,
        Some(&to_json(&created)),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

pub async fn list_users(store: &Store) -> Result<Vec<User>, Problem> {
    let rows = sqlx::query(&format!("SELECT {USER_COLS} FROM users u ORDER BY u.id"))
        .fetch_all(store.pool())
        .await?;
    rows.iter().map(user).collect()
}

pub async fn count_admins(store: &Store) -> Result<i64, Problem> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1")
            .fetch_one(store.pool())
            .await?,
    )
}

/// Writes one audit entry inside the caller's transaction.
pub async fn audit(
    conn: &mut sqlx::AnyConnection,
    user_id: Option<i64>,
    entity: &str,
    entity_id: Option<i64>,
    action: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<(), Problem> {
    sqlx::query(
        "INSERT INTO audit_log (at, user_id, entity, entity_id, action, before_json, after_json) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(now())
    .bind(user_id)
    .bind(entity)
    .bind(entity_id)
    .bind(action)
    .bind(before)
    .bind(after)
    .execute(conn)
    .await?;
    Ok(())
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
