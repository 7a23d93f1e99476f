//! Failed sign-in counters, keyed by a keyed hash of the account or the address.

use crate::server::db::Db;
use crate::{on_reader, on_writer};

/// The failure record of one key.
#[derive(Clone, Copy, Debug, sqlx::FromRow, PartialEq, Eq)]
pub struct Failures {
    /// Failures counted in the current window.
    pub failures: i64,
    /// When the window started.
    pub first_failure_at: i64,
    /// The latest failure.
    pub last_failure_at: i64,
}

/// Reads the failure record of `key`.
pub async fn get(db: &Db, key: &str) -> Result<Option<Failures>, sqlx::Error> {
    on_reader!(db, |pool| {
        sqlx::query_as::<_, Failures>(
            "SELECT failures, first_failure_at, last_failure_at FROM login_throttle WHERE key = $1",
        )
        .bind(key)
        .fetch_optional(pool)
        .await
    })
}

/// Counts one more failure for `key`, starting a new window when the old one is
/// older than `window_start`.
pub async fn record_failure(
    db: &Db,
    key: &str,
    now: i64,
    window_start: i64,
) -> Result<(), sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query(
            "INSERT INTO login_throttle (key, failures, first_failure_at, last_failure_at) \
             VALUES ($1, 1, $2, $2) \
             ON CONFLICT (key) DO UPDATE SET \
               failures = CASE WHEN login_throttle.first_failure_at < $3 THEN 1 ELSE login_throttle.failures + 1 END, \
               first_failure_at = CASE WHEN login_throttle.first_failure_at < $3 THEN $2 ELSE login_throttle.first_failure_at END, \
               last_failure_at = $2",
        )
        .bind(key)
        .bind(now)
        .bind(window_start)
        .execute(pool).await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Forgets the failures of `key` (after a successful sign-in).
pub async fn clear(db: &Db, key: &str) -> Result<(), sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query("DELETE FROM login_throttle WHERE key = $1")
            .bind(key)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(())
}
