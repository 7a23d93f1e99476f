//! Everything that only runs on the server: configuration, database, HTTP
//! middleware, authentication, background jobs and the command line.

pub mod auth;
pub mod boards;
pub mod cli;
pub mod clock;
pub mod closures;
pub mod config;
pub mod db;
pub mod directory;
pub mod feed;
pub mod http;
pub mod ops;
pub mod repo;
pub mod router;
pub mod safety;
pub mod seed;
pub mod signup;
pub mod staff_groups;
pub mod state;

pub use cli::main_entry;
