//! Pure types and rules shared by the browser and the server: no SQL, no UI.

pub mod account;
pub mod board;
pub mod group;
pub mod group_input;
pub mod ids;
pub mod role;
pub mod schedule;
pub mod signup;
