//! Users, sessions, API tokens and the audit log. Secrets are never stored: sessions and
//! tokens by their SHA-256, passwords as the caller's argon2 PHC string (hashing and
//! checking passwords is the caller's work, bounded by its own limits).

use sqlx::any::AnyRow;

use crate::db::WriteTx;
use crate::error::StoreError;
use crate::model::{
    Account, AccountChanges, AuditEntry, AuditFilter, AuditLog, HistoryEntry, NewAudit, NewUser, Role, Slice, User,
    AUDIT_COUNT_LIMIT,
};
use crate::sql::{bind_all, numbered, Arg, Col, Filter};
use crate::time::now;
use crate::Store;

const USER_COLS: &str = "u.id, u.username, u.display_name, u.role, u.department_id";

fn user(row: &AnyRow) -> Result<User, StoreError> {
    Ok(User {
        id: row.int("id")?,
        username: row.text("username")?,
        display_name: row.text("display_name")?,
        role: Role::parse(&row.text("role")?)?,
        department_id: row.opt_int("department_id")?,
    })
}

fn account(row: &AnyRow) -> Result<Account, StoreError> {
    Ok(Account {
        user: user(row)?,
        active: row.int("active")? != 0,
        version: row.int("version")?,
        created_at: row.text("created_at")?,
    })
}

/// Writes one audit entry inside the caller's transaction.
pub(crate) async fn audit(tx: &mut WriteTx, entry: NewAudit<'_>) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_log (at, user_id, entity, entity_id, action, before_json, after_json) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(now())
    .bind(entry.user_id)
    .bind(entry.entity)
    .bind(entry.entity_id)
    .bind(entry.action)
    .bind(entry.before)
    .bind(entry.after)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// The active user whose unexpired session has this token hash.
    pub async fn user_by_session(&self, token_hash: &str) -> Result<Option<User>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLS} FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1"
        );
        let row = sqlx::query(&sql)
            .bind(token_hash)
            .bind(now())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(user).transpose()
    }

    /// The active user whose unrevoked API token has this hash.
    pub async fn user_by_token(&self, token_hash: &str) -> Result<Option<User>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLS} FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND t.revoked = 0 AND u.active = 1"
        );
        let row = sqlx::query(&sql)
            .bind(token_hash)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(user).transpose()
    }

    /// The active user of this name (trimmed) and their password hash, for a login to check.
    pub async fn login_candidate(&self, username: &str) -> Result<Option<(User, String)>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLS}, u.password_hash FROM users u WHERE u.username = $1 AND u.active = 1"
        );
        let row = sqlx::query(&sql)
            .bind(username.trim())
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| Ok((user(&r)?, r.text("password_hash")?))).transpose()
    }

    /// Starts a session (its token's hash, valid for `ttl`) and audits the login.
    pub async fn create_session(
        &self,
        user_id: i64,
        token_hash: &str,
        ttl: std::time::Duration,
    ) -> Result<(), StoreError> {
        let expires = crate::time::in_secs(ttl.as_secs());
        let mut tx = self.begin_write().await?;
        sqlx::query("INSERT INTO sessions (user_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(user_id)
            .bind(token_hash)
            .bind(now())
            .bind(expires)
            .execute(&mut *tx)
            .await?;
        let entry = NewAudit { user_id: Some(user_id), entity: "session", action: "login", ..NewAudit::default() };
        audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ends a session (`None`: the caller used an API token, there is no session to end; the
    /// logout is still audited).
    pub async fn end_session(&self, user_id: i64, token_hash: Option<&str>) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        if let Some(hash) = token_hash {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(hash)
                .execute(&mut *tx)
                .await?;
        }
        let entry = NewAudit { user_id: Some(user_id), entity: "session", action: "logout", ..NewAudit::default() };
        audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Stores a new API token's hash (audited); returns its id.
    pub async fn create_token(&self, user_id: i64, name: &str, token_hash: &str) -> Result<i64, StoreError> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(user_id)
        .bind(name)
        .bind(token_hash)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        let after = serde_json::json!({ "name": name, "user_id": user_id }).to_string();
        let entry = NewAudit {
            user_id: Some(user_id),
            entity: "api_token",
            entity_id: Some(id),
            action: "create",
            before: None,
            after: Some(&after),
        };
        audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Revokes an API token (audited). Users revoke their own; admins any. Someone else's
    /// token is [`StoreError::NotFound`], so token ids reveal nothing; a revoked one is a
    /// [`StoreError::Conflict`].
    pub async fn revoke_token(&self, by: &User, id: i64) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let owner: Option<(i64, i64)> =
            sqlx::query_as("SELECT user_id, revoked FROM api_tokens WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((owner, revoked)) = owner.filter(|(o, _)| *o == by.id || by.role == Role::Admin)
        else {
            return Err(StoreError::NotFound(format!("API 令牌 {id} 不存在。")));
        };
        if revoked != 0 {
            return Err(StoreError::Conflict(format!("API 令牌 {id} 已被撤销。")));
        }
        sqlx::query("UPDATE api_tokens SET revoked = 1 WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let before = serde_json::json!({ "user_id": owner, "revoked": false }).to_string();
        let after = serde_json::json!({ "user_id": owner, "revoked": true }).to_string();
        let entry = NewAudit {
            user_id: Some(by.id),
            entity: "api_token",
            entity_id: Some(id),
            action: "revoke",
            before: Some(&before),
            after: Some(&after),
        };
        audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Creates a user (audited, `by` the admin or `None` for the system). A name in use is a
    /// [`StoreError::Conflict`]; a filler's department must be a department.
    pub async fn create_user(&self, by: Option<i64>, new: &NewUser<'_>) -> Result<User, StoreError> {
        let mut tx = self.begin_write().await?;
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
            .bind(new.username)
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_some() {
            return Err(StoreError::Conflict(format!("用户名“{}”已被使用。", new.username)));
        }
        if let Some(d) = new.department_id {
            let kind: Option<String> = sqlx::query_scalar("SELECT kind FROM organisations WHERE id = $1")
                .bind(d)
                .fetch_optional(&mut *tx)
                .await?;
            if kind.as_deref() != Some("department") {
                return Err(StoreError::Invalid(format!("department_id {d} 不是一个部门。")));
            }
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (username, display_name, password_hash, role, department_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(new.username)
        .bind(new.display_name)
        .bind(new.password_hash)
        .bind(new.role.as_str())
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
        let after = crate::to_json(&created);
        let entry = NewAudit {
            user_id: by,
            entity: "user",
            entity_id: Some(id),
            action: "create",
            before: None,
            after: Some(&after),
        };
        audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(created)
    }

    /// Every user, in id order.
    pub async fn users(&self) -> Result<Vec<User>, StoreError> {
        let rows = sqlx::query(&format!("SELECT {USER_COLS} FROM users u ORDER BY u.id"))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(user).collect()
    }

    /// Every account (active or not) with its version, in id order.
    pub async fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let rows = sqlx::query(&format!("SELECT {USER_COLS}, u.active, u.version, u.created_at FROM users u ORDER BY u.id"))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(account).collect()
    }

    /// Changes an account read at `version` (audited, before and after; the password only as
    /// `password_reset`). A filler needs a department and others have none; the last active
    /// administrator cannot be demoted or deactivated ([`StoreError::Conflict`]). A new
    /// password or a deactivation ends the user's sessions; a new password also revokes the
    /// user's API tokens.
    pub async fn update_account(&self, by: i64, id: i64, version: i64, changes: &AccountChanges) -> Result<Account, StoreError> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(&format!("SELECT {USER_COLS}, u.active, u.version, u.created_at FROM users u WHERE u.id = $1"))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("用户 {id} 不存在。")))?;
        let before = account(&row)?;
        if before.version != version {
            return Err(StoreError::Stale { expected: version, actual: before.version });
        }
        let mut after = before.clone();
        if let Some(name) = &changes.display_name {
            after.user.display_name = name.clone();
        }
        if let Some(role) = changes.role {
            after.user.role = role;
        }
        if let Some(d) = changes.department_id {
            after.user.department_id = d;
        }
        if let Some(active) = changes.active {
            after.active = active;
        }
        match (after.user.role, after.user.department_id) {
            (Role::Filler, None) => return Err(StoreError::Invalid("部门填报员必须属于一个部门。".into())),
            (Role::Admin | Role::Reviewer, Some(_)) => {
                return Err(StoreError::Invalid("只有部门填报员属于某个部门，其他角色不应指定部门。".into()))
            }
            (_, Some(d)) => {
                let kind: Option<String> = sqlx::query_scalar("SELECT kind FROM organisations WHERE id = $1")
                    .bind(d)
                    .fetch_optional(&mut *tx)
                    .await?;
                if kind.as_deref() != Some("department") {
                    return Err(StoreError::Invalid(format!("department_id {d} 不是一个部门。")));
                }
            }
            _ => {}
        }
        let was_admin = before.user.role == Role::Admin && before.active;
        let stays_admin = after.user.role == Role::Admin && after.active;
        if was_admin && !stays_admin {
            let admins: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1")
                .fetch_one(&mut *tx)
                .await?;
            if admins <= 1 {
                return Err(StoreError::Conflict("这是最后一个在用的系统管理员，不能改变其角色或停用。".into()));
            }
        }
        after.version = version + 1;
        let sql = numbered(
            "UPDATE users SET display_name = ?, role = ?, department_id = ?, active = ?, version = ? WHERE id = ? AND version = ?",
        );
        let args = [
            Arg::Text(after.user.display_name.clone()),
            Arg::Text(after.user.role.as_str().into()),
            after.user.department_id.map_or(Arg::NullInt, Arg::Int),
            Arg::Int(i64::from(after.active)),
            Arg::Int(after.version),
            Arg::Int(id),
            Arg::Int(version),
        ];
        bind_all(sqlx::query(&sql), &args).execute(&mut *tx).await?;
        if let Some(hash) = &changes.password_hash {
            sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2").bind(hash).bind(id).execute(&mut *tx).await?;
        }
        if changes.password_hash.is_some() || !after.active {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
        }
        // A password is reset when it may be known to someone else: the user's API tokens go
        // with it (a stopped user's tokens already answer nothing).
        if changes.password_hash.is_some() {
            sqlx::query("UPDATE api_tokens SET revoked = 1 WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
        }
        let before_json = crate::to_json(&before);
        let mut after_value = serde_json::to_value(&after).unwrap_or_default();
        if changes.password_hash.is_some() {
            after_value["password_reset"] = serde_json::Value::Bool(true);
        }
        let after_json = after_value.to_string();
        let entry = NewAudit {
            user_id: Some(by),
            entity: "user",
            entity_id: Some(id),
            action: "update",
            before: Some(&before_json),
            after: Some(&after_json),
        };
        audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(after)
    }

    /// How many active administrators there are.
    pub async fn count_admins(&self) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1")
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// Writes one audit entry on its own (a refused login, say).
    pub async fn record_audit(&self, entry: NewAudit<'_>) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The audit log, newest first (by time, then id), as `filter` asks. Its `total` is
    /// counted up to [`AUDIT_COUNT_LIMIT`] entries past the page's start; `more` says more
    /// match (counting a million entries for a number nobody reads took longer than the page).
    pub async fn audit_log(&self, filter: &AuditFilter, slice: Slice) -> Result<AuditLog, StoreError> {
        let cols = "a.id, a.at, a.user_id, u.display_name, a.entity, a.entity_id, a.action, a.before_json, a.after_json";
        let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
        let mut f = Filter::new();
        if let Some(e) = &filter.entity {
            f.and("a.entity = ?", [Arg::Text(e.clone())]);
        }
        if let Some(a) = &filter.action {
            f.and("a.action = ?", [Arg::Text(a.clone())]);
        }
        if let Some(u) = filter.user_id {
            f.and("a.user_id = ?", [Arg::Int(u)]);
        }
        if let Some(id) = filter.entity_id {
            f.and("a.entity_id = ?", [Arg::Int(id)]);
        }
        if let Some(from) = &filter.from {
            f.and("a.at >= ?", [Arg::Text(from.clone())]);
        }
        if let Some(to) = &filter.to {
            f.and("a.at < ?", [Arg::Text(to.clone())]);
        }
        let where_sql = f.where_sql();
        // One entity's entries are few: found by `audit_entity` and sorted. SQLite would rather
        // walk `audit_entity_recent` in order through every entry of the kind (a second at a
        // million), unless the order is an expression (`+`, which PostgreSQL's text lacks and
        // its planner does not need).
        let order = match (filter.entity_id, self.backend()) {
            (Some(_), crate::db::Backend::Sqlite) => "+a.at DESC, a.id DESC",
            _ => "a.at DESC, a.id DESC",
        };
        let page_sql = numbered(&format!(
            "SELECT {cols} FROM audit_log a LEFT JOIN users u ON u.id = a.user_id{where_sql} ORDER BY {order} LIMIT ? OFFSET ?"
        ));
        let mut args = f.args().to_vec();
        args.extend([Arg::Int(slice.limit), Arg::Int(slice.offset)]);
        let rows = bind_all(sqlx::query(&page_sql), &args).fetch_all(self.pool()).await?;
        let entry = |r: &AnyRow| {
            Ok(AuditEntry {
                id: r.int("id")?,
                at: r.text("at")?,
                user_id: r.opt_int("user_id")?,
                who: r.opt_text("display_name")?,
                entity: r.text("entity")?,
                entity_id: r.opt_int("entity_id")?,
                action: r.text("action")?,
                before: parse(r.opt_text("before_json")?),
                after: parse(r.opt_text("after_json")?),
            })
        };
        let items = rows.iter().map(entry).collect::<Result<Vec<_>, StoreError>>()?;
        // A short page (or none at the start) says the total; else count, up to the limit.
        if (!items.is_empty() && (items.len() as i64) < slice.limit) || (items.is_empty() && slice.offset == 0) {
            let total = slice.offset + items.len() as i64;
            return Ok(AuditLog { items, total, more: false });
        }
        let cap = slice.offset + AUDIT_COUNT_LIMIT;
        let count_sql = numbered(&format!("SELECT COUNT(*) FROM (SELECT 1 FROM audit_log a{where_sql} LIMIT ?) c"));
        let mut args = f.args().to_vec();
        args.push(Arg::Int(cap + 1));
        let counted: i64 = sqlx::Row::try_get(&bind_all(sqlx::query(&count_sql), &args).fetch_one(self.pool()).await?, 0)?;
        Ok(AuditLog { items, total: counted.min(cap), more: counted > cap })
    }

    /// What happened to a project, its indicators and its document (newest first, at most
    /// 100 entries), with who did it.
    pub async fn project_history(&self, project_id: i64, document_id: i64) -> Result<Vec<HistoryEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT a.at, a.entity, a.entity_id, a.action, u.display_name, a.before_json, a.after_json FROM audit_log a LEFT JOIN users u ON u.id = a.user_id \
             WHERE (a.entity = 'project' AND a.entity_id = $1) \
                OR (a.entity = 'indicator' AND a.entity_id IN (SELECT id FROM indicators WHERE project_id = $1)) \
                OR (a.entity = 'document' AND a.entity_id = $2) \
             ORDER BY a.id DESC LIMIT 100",
        )
        .bind(project_id)
        .bind(document_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(HistoryEntry {
                    at: r.text("at")?,
                    entity: r.text("entity")?,
                    entity_id: r.opt_int("entity_id")?,
                    action: r.text("action")?,
                    who: r.opt_text("display_name")?,
                    before: r.opt_text("before_json")?.and_then(|s| serde_json::from_str(&s).ok()),
                    after: r.opt_text("after_json")?.and_then(|s| serde_json::from_str(&s).ok()),
                })
            })
            .collect()
    }

    /// A change stamp: the last audit entry and the last imported revision. Every write
    /// through jixiao adds one of them, so equal stamps mean nothing was written since.
    pub async fn change_stamp(&self) -> Result<(i64, i64), StoreError> {
        Ok(sqlx::query_as(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM audit_log), (SELECT COALESCE(MAX(id), 0) FROM document_revisions)",
        )
        .fetch_one(self.pool())
        .await?)
    }
}
