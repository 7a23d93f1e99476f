//! The state every request handler shares.

use crate::server::clock::Clock;
use crate::server::config::Config;
use crate::server::db::Db;
use std::sync::Arc;

/// Shared application state: database, configuration, clock and the server key.
#[derive(Clone)]
pub struct AppState {
    /// The database pool(s).
    pub db: Db,
    /// Validated configuration.
    pub config: Arc<Config>,
    /// The clock (manual in tests).
    pub clock: Arc<dyn Clock>,
    /// A random key kept in the database, used for keyed hashes (throttle keys).
    pub server_key: Arc<ServerKey>,
    /// A short-lived copy of the directory listing (see `server::directory`).
    pub directory_cache: Arc<crate::server::directory::DirectoryCache>,
}

impl AppState {
    /// Now, in UTC epoch seconds.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }
}

/// A secret key; never serialised or printed.
pub struct ServerKey(pub(crate) Vec<u8>);

impl std::fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ServerKey(***)")
    }
}

impl ServerKey {
    /// HMAC-SHA256 of `parts` under this key, as hex.
    pub fn keyed_hash(&self, parts: &[&str]) -> String {
        use hmac::{Hmac, Mac};
        type HmacSha256 = Hmac<sha2::Sha256>;
        let Ok(mut mac) = HmacSha256::new_from_slice(&self.0) else {
            // HMAC accepts keys of any length; this branch cannot be reached.
            return String::new();
        };
        for part in parts {
            mac.update(part.as_bytes());
            mac.update(&[0]);
        }
        hex::encode(mac.finalize().into_bytes())
    }
}
