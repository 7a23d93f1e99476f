//! Every SQL query in Kindred lives under this module. Queries use `$1…$N`
//! placeholders, which SQLite and PostgreSQL both accept, and run on either
//! backend through `on_reader!` / `on_writer!`.

pub mod audit;
pub mod boards;
pub mod enrollment;
pub mod groups;
pub mod notices;
pub mod secrets;
pub mod sessions;
pub mod signups;
pub mod throttle;
pub mod users;
