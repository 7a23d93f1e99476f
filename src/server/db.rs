//! The database handle: SQLite (embedded default) or PostgreSQL, chosen at run
//! time by the scheme of `DATABASE_URL`. Queries are written once in `repo/`
//! and run against either backend through the [`on_reader!`]/[`on_writer!`]
//! macros, which expand the same code for both pool types.

use crate::error::AppError;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

/// A connection pool for one of the two supported backends.
#[derive(Clone, Debug)]
pub enum Db {
    /// Embedded SQLite: many readers, exactly one writer connection.
    Sqlite {
        /// Pool for reads (WAL lets them run beside the writer).
        reader: SqlitePool,
        /// A single connection: SQLite allows one writer at a time, so writes queue here
        /// instead of failing with "database is locked".
        writer: SqlitePool,
    },
    /// PostgreSQL, shared by several app servers.
    Postgres(PgPool),
}

/// Which backend a [`Db`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// Runs `$body` with `$pool` bound to the backend's read pool.
#[macro_export]
macro_rules! on_reader {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::server::db::Db::Sqlite { reader: $pool, .. } => $body,
            $crate::server::db::Db::Postgres($pool) => $body,
        }
    };
}

/// Runs `$body` with `$pool` bound to the backend's write pool.
#[macro_export]
macro_rules! on_writer {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::server::db::Db::Sqlite { writer: $pool, .. } => $body,
            $crate::server::db::Db::Postgres($pool) => $body,
        }
    };
}

/// Why the database could not be opened or migrated (start-up only).
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The URL's scheme is neither sqlite: nor postgres:.
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got {0:?})")]
    UnknownScheme(String),
    /// Connecting failed.
    #[error("could not open the database: {0}")]
    Connect(#[source] sqlx::Error),
    /// A migration failed.
    #[error("a database migration failed: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
    /// Creating the directory for the SQLite file failed.
    #[error("could not create the directory for the SQLite file: {0}")]
    Io(#[source] std::io::Error),
}

impl Db {
    /// Opens a pool for `url`. For SQLite the file (and its directory) is created
    /// if missing; WAL, foreign keys and a busy timeout are switched on.
    pub async fn connect(url: &str) -> Result<Self, DbError> {
        if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)
                .map_err(DbError::Connect)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5));
            if let Some(dir) = opts.get_filename().parent() {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(dir).map_err(DbError::Io)?;
                }
            }
            let writer = SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(opts.clone())
                .await
                .map_err(DbError::Connect)?;
            let reader = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(opts.read_only(false))
                .await
                .map_err(DbError::Connect)?;
            Ok(Self::Sqlite { reader, writer })
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let opts = PgConnectOptions::from_str(url).map_err(DbError::Connect)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await
                .map_err(DbError::Connect)?;
            Ok(Self::Postgres(pool))
        } else {
            Err(DbError::UnknownScheme(
                url.split(':').next().unwrap_or_default().to_string(),
            ))
        }
    }

    /// Applies the embedded migrations of this backend.
    pub async fn migrate(&self) -> Result<(), DbError> {
        match self {
            Self::Sqlite { writer, .. } => sqlx::migrate!("migrations/sqlite")
                .run(writer)
                .await
                .map_err(DbError::Migrate),
            Self::Postgres(pool) => sqlx::migrate!("migrations/postgres")
                .run(pool)
                .await
                .map_err(DbError::Migrate),
        }
    }

    /// Which backend this is.
    pub fn backend(&self) -> Backend {
        match self {
            Self::Sqlite { .. } => Backend::Sqlite,
            Self::Postgres(_) => Backend::Postgres,
        }
    }

    /// Answers whether the database is reachable (for `/readyz`).
    pub async fn ping(&self) -> bool {
        on_reader!(self, |pool| sqlx::query("SELECT 1")
            .execute(pool)
            .await
            .is_ok())
    }

    /// SQLite's `PRAGMA integrity_check` ("ok" when the file is sound); PostgreSQL
    /// keeps its own consistency and answers "ok".
    pub async fn integrity_check(&self) -> Result<String, sqlx::Error> {
        match self {
            Self::Sqlite { writer, .. } => {
                sqlx::query_scalar::<_, String>("PRAGMA integrity_check")
                    .fetch_one(writer)
                    .await
            }
            Self::Postgres(_) => Ok("ok".into()),
        }
    }

    /// Closes all connections (graceful shutdown).
    pub async fn close(&self) {
        match self {
            Self::Sqlite { reader, writer } => {
                reader.close().await;
                writer.close().await;
            }
            Self::Postgres(pool) => pool.close().await,
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        // The cause goes to the server log; the browser only learns that it failed.
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}
