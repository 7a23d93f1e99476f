//! The append-only audit log of staff access and security events.

use crate::domain::ids::UserId;
use crate::server::db::Db;
use crate::{on_reader, on_writer};

/// One audit entry.
#[derive(Clone, Debug, sqlx::FromRow, PartialEq, Eq)]
pub struct AuditRow {
    /// When it happened.
    pub at: i64,
    /// Who did it (None for anonymous events).
    pub actor_id: Option<i64>,
    /// What was done, e.g. `auth.sign_in`.
    pub action: String,
    /// What it was done to.
    pub subject: Option<String>,
    /// Extra detail (never a password or token).
    pub detail: Option<String>,
}

/// Appends an entry.
pub async fn append(
    db: &Db,
    at: i64,
    actor: Option<UserId>,
    action: &str,
    subject: Option<&str>,
    detail: Option<&str>,
) -> Result<(), sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query(
            "INSERT INTO audit_log (at, actor_id, action, subject, detail) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(at)
        .bind(actor.map(|a| a.0))
        .bind(action)
        .bind(subject)
        .bind(detail)
        .execute(pool).await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// The newest entries first.
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<AuditRow>, sqlx::Error> {
    on_reader!(db, |pool| {
        sqlx::query_as::<_, AuditRow>(
            "SELECT at, actor_id, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(pool)
        .await
    })
}
