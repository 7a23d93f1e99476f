//! One page per file; every page component's name ends in `Page`.

pub mod account;
pub mod crisis;
pub mod enroll;
pub mod home;
pub mod not_found;
pub mod offline;
pub mod sign_in;
pub mod staff_codes;
