#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Integration tests: the real router against real SQLite and real PostgreSQL.
//!
//! Every test in `both_backends!` runs twice. PostgreSQL tests use
//! `TEST_DATABASE_URL` (a fresh database per test); `make test` starts a
//! throwaway cluster and sets `KINDRED_REQUIRE_PG=1`, so a missing server fails
//! the run instead of being skipped.

#[macro_use]
mod support;

mod accounts;
mod authorization;
mod boards;
mod closures;
mod crash;
mod directory;
mod http_security;
mod sessions;
mod signups;
