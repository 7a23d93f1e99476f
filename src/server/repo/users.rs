//! Accounts.

use crate::domain::ids::UserId;
use crate::domain::role::{LevelOfCare, Role};
use crate::server::db::Db;
use crate::{on_reader, on_writer};

/// A user row as stored (the password hash never leaves the server).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UserRow {
    /// Primary key.
    pub id: i64,
    /// Normalised e-mail address.
    pub email: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Role text.
    pub role: String,
    /// Preferred name.
    pub preferred_name: String,
    /// Level of care text (clients).
    pub level_of_care: Option<String>,
    /// When the account was disabled, if it was.
    pub disabled_at: Option<i64>,
}

impl UserRow {
    /// The typed id.
    pub fn user_id(&self) -> UserId {
        UserId(self.id)
    }

    /// The typed role; an unknown role text is treated as the least privileged.
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Client)
    }

    /// The typed level of care.
    pub fn level_of_care(&self) -> Option<LevelOfCare> {
        self.level_of_care.as_deref().and_then(LevelOfCare::parse)
    }
}

const USER_COLUMNS: &str =
    "id, email, password_hash, role, preferred_name, level_of_care, disabled_at";

/// A new account to insert.
#[derive(Debug)]
pub struct NewUser<'a> {
    /// Normalised e-mail.
    pub email: &'a str,
    /// Argon2id PHC string.
    pub password_hash: &'a str,
    /// Role.
    pub role: Role,
    /// Preferred name.
    pub preferred_name: &'a str,
    /// Level of care (clients).
    pub level_of_care: Option<LevelOfCare>,
    /// Creation time.
    pub now: i64,
}

/// Finds an account by normalised e-mail.
pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
    on_reader!(db, |pool| {
        sqlx::query_as::<_, UserRow>(&sql)
            .bind(email)
            .fetch_optional(pool)
            .await
    })
}

/// Finds an account by id.
pub async fn find_by_id(db: &Db, id: UserId) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    on_reader!(db, |pool| {
        sqlx::query_as::<_, UserRow>(&sql)
            .bind(id.0)
            .fetch_optional(pool)
            .await
    })
}

/// Inserts an account; `Ok(None)` when the e-mail is already taken.
pub async fn insert(db: &Db, user: &NewUser<'_>) -> Result<Option<UserId>, sqlx::Error> {
    let id = on_writer!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO users (email, password_hash, role, preferred_name, level_of_care, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING RETURNING id",
        )
        .bind(user.email)
        .bind(user.password_hash)
        .bind(user.role.as_str())
        .bind(user.preferred_name)
        .bind(user.level_of_care.map(LevelOfCare::as_str))
        .bind(user.now)
        .fetch_optional(pool)
        .await
    })?;
    Ok(id.map(UserId))
}

/// Counts all accounts (used to decide whether to load the demo program).
pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    on_reader!(db, |pool| {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM users")
            .fetch_one(pool)
            .await
    })
}
