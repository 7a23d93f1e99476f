//! Server secrets kept in the database so that every app server shares them.

use crate::server::db::Db;
use crate::{on_reader, on_writer};

/// Returns the secret called `name`, creating it from `fresh` if it does not exist yet.
/// Concurrent first starts agree on one value (insert-if-absent, then read).
pub async fn get_or_create(db: &Db, name: &str, fresh: &str) -> Result<String, sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query(
            "INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(fresh)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    on_reader!(db, |pool| {
        sqlx::query_scalar::<_, String>("SELECT value FROM app_secrets WHERE name = $1")
            .bind(name)
            .fetch_one(pool)
            .await
    })
}
