//! Server functions: the app's API. Each one authenticates and authorizes
//! first, parses its input into domain types, then calls the server layer.

pub mod account;
pub mod boards;
pub mod closures;
pub mod directory;
pub mod program;
pub mod signup;
pub mod staff_groups;
