//! In-app notices for clients.

use crate::server::db::Db;
use crate::{on_reader, on_writer};

/// Adds one notice per user in `users`.
pub async fn add(db: &Db, users: &[(i64, String)], now: i64) -> Result<(), sqlx::Error> {
    if users.is_empty() {
        return Ok(());
    }
    on_writer!(db, |pool| {
        let mut tx = pool.begin().await?;
        for (user_id, body) in users {
            sqlx::query("INSERT INTO notices (user_id, created_at, body) VALUES ($1, $2, $3)")
                .bind(user_id)
                .bind(now)
                .bind(body)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await
    })
}

/// A user's unread notices, newest first: (id, created_at, body).
pub async fn unread(db: &Db, user_id: i64) -> Result<Vec<(i64, i64, String)>, sqlx::Error> {
    on_reader!(db, |pool| sqlx::query_as::<_, (i64, i64, String)>(
        "SELECT id, created_at, body FROM notices WHERE user_id = $1 AND read_at IS NULL \
         ORDER BY id DESC LIMIT 20"
    )
    .bind(user_id)
    .fetch_all(pool)
    .await)
}

/// Marks all of a user's notices read.
pub async fn mark_all_read(db: &Db, user_id: i64, now: i64) -> Result<u64, sqlx::Error> {
    on_writer!(db, |pool| sqlx::query(
        "UPDATE notices SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL"
    )
    .bind(now)
    .bind(user_id)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))
}

/// Users with an active signup for a session.
pub async fn signed_up_users(db: &Db, session_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    on_reader!(db, |pool| sqlx::query_as::<_, (i64,)>(
        "SELECT user_id FROM signups WHERE session_id = $1 \
         AND status IN ('confirmed', 'waitlisted', 'offered')"
    )
    .bind(session_id)
    .fetch_all(pool)
    .await
    .map(|rows| rows.into_iter().map(|(id,)| id).collect()))
}
