//! Reusable components.

pub mod alert;
pub mod async_view;
pub mod form_field;
pub mod staff_only;
