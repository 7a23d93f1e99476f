//! Single-use enrollment codes. Only a hash of each code is stored.

use crate::domain::ids::UserId;
use crate::domain::role::{LevelOfCare, Role};
use crate::server::db::Db;
use crate::{on_reader, on_writer};

/// Stores a new code.
pub async fn insert(
    db: &Db,
    code: &str,
    code_hash: &str,
    level: LevelOfCare,
    created_by: UserId,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query(
            "INSERT INTO enrollment_codes (code, code_hash, level_of_care, created_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(code)
        .bind(code_hash)
        .bind(level.as_str())
        .bind(created_by.0)
        .bind(now)
        .bind(expires_at)
        .execute(pool).await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// What redeeming a code did.
#[derive(Debug, PartialEq, Eq)]
pub enum Redeemed {
    /// The account was created and the code used up.
    Created(UserId, LevelOfCare),
    /// The code is unknown, used or expired: nothing was written.
    CodeInvalid,
    /// The e-mail address is taken: nothing was written.
    EmailTaken,
}

/// Creates a client account and uses up the code in one transaction, so a code
/// can never enroll two people however many requests race for it.
pub async fn redeem(
    db: &Db,
    code_hash: &str,
    email: &str,
    password_hash: &str,
    preferred_name: &str,
    now: i64,
) -> Result<Redeemed, sqlx::Error> {
    on_writer!(db, |pool| {
        let mut tx = pool.begin().await?;
        let level: Option<String> = sqlx::query_scalar(
            "SELECT level_of_care FROM enrollment_codes \
             WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(code_hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(level) = level.as_deref().and_then(LevelOfCare::parse) else {
            return Ok(Redeemed::CodeInvalid);
        };
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, role, preferred_name, level_of_care, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING RETURNING id",
        )
        .bind(email)
        .bind(password_hash)
        .bind(Role::Client.as_str())
        .bind(preferred_name)
        .bind(level.as_str())
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else {
            return Ok(Redeemed::EmailTaken);
        };
        let claimed = sqlx::query(
            "UPDATE enrollment_codes SET used_at = $1, used_by = $2 \
             WHERE code_hash = $3 AND used_at IS NULL AND expires_at > $1",
        )
        .bind(now)
        .bind(id)
        .bind(code_hash)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed != 1 {
            // Someone else used the code between our read and our write: roll back.
            return Ok(Redeemed::CodeInvalid);
        }
        tx.commit().await?;
        Ok(Redeemed::Created(UserId(id), level))
    })
}

/// An open (unused, unexpired) code as staff see it.
#[derive(Clone, Debug, sqlx::FromRow, PartialEq, Eq)]
pub struct OpenCodeRow {
    /// The code (normalised).
    pub code: String,
    /// Level of care text.
    pub level_of_care: String,
    /// When it was issued.
    pub created_at: i64,
    /// When it stops working.
    pub expires_at: i64,
    /// Preferred name of the staff member who issued it.
    pub issued_by: String,
}

/// Open codes, newest first.
pub async fn list_open(db: &Db, now: i64, limit: i64) -> Result<Vec<OpenCodeRow>, sqlx::Error> {
    on_reader!(db, |pool| {
        sqlx::query_as::<_, OpenCodeRow>(
            "SELECT c.code, c.level_of_care, c.created_at, c.expires_at, u.preferred_name AS issued_by \
             FROM enrollment_codes c JOIN users u ON u.id = c.created_by \
             WHERE c.used_at IS NULL AND c.expires_at > $1 ORDER BY c.id DESC LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(pool)
        .await
    })
}
