//! One page per file; every page component's name ends in `Page`.

pub mod account;
pub mod boards;
pub mod closures;
pub mod crisis;
pub mod directory;
pub mod enroll;
pub mod group;
pub mod group_editor;
pub mod home;
pub mod my_schedule;
pub mod not_found;
pub mod offline;
pub mod roster;
pub mod sign_in;
pub mod staff_codes;
