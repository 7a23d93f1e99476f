//! Server-side sessions. Only a SHA-256 hash of the cookie token is stored, so a
//! copy of the database cannot be used to sign in.

use crate::domain::ids::UserId;
use crate::server::db::Db;
use crate::server::repo::users::UserRow;
use crate::{on_reader, on_writer};

/// A session joined with its account.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    /// Hash of the token.
    pub id_hash: String,
    /// When the session was created.
    pub created_at: i64,
    /// Last request seen.
    pub last_seen_at: i64,
    /// Absolute end of the session.
    pub expires_at: i64,
    /// The account.
    #[sqlx(flatten)]
    pub user: UserRow,
}

/// Creates a session.
pub async fn create(
    db: &Db,
    id_hash: &str,
    user: UserId,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query(
            "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at) \
             VALUES ($1, $2, $3, $3, $4)",
        )
        .bind(id_hash)
        .bind(user.0)
        .bind(now)
        .bind(expires_at)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Looks a session up by token hash, with its account.
pub async fn find(db: &Db, id_hash: &str) -> Result<Option<SessionRow>, sqlx::Error> {
    on_reader!(db, |pool| {
        sqlx::query_as::<_, SessionRow>(
            "SELECT s.id_hash, s.created_at, s.last_seen_at, s.expires_at, \
                    u.id, u.email, u.password_hash, u.role, u.preferred_name, u.level_of_care, u.disabled_at \
             FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1",
        )
        .bind(id_hash)
        .fetch_optional(pool)
        .await
    })
}

/// Records activity on a session.
pub async fn touch(db: &Db, id_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(now)
            .bind(id_hash)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Ends one session.
pub async fn delete(db: &Db, id_hash: &str) -> Result<(), sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Ends every session of an account ("sign out everywhere"); returns how many.
pub async fn delete_all_for_user(db: &Db, user: UserId) -> Result<u64, sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user.0)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })
}

/// Counts the live sessions of an account.
pub async fn count_for_user(db: &Db, user: UserId) -> Result<i64, sqlx::Error> {
    on_reader!(db, |pool| {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM sessions WHERE user_id = $1")
            .bind(user.0)
            .fetch_one(pool)
            .await
    })
}

/// Deletes sessions past their absolute lifetime or idle longer than `idle_cutoff` allows.
pub async fn purge_expired(db: &Db, now: i64, idle_before: i64) -> Result<u64, sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at < $2")
            .bind(now)
            .bind(idle_before)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })
}
