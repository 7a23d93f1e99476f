//! Reusable components.

pub mod alert;
pub mod async_view;
pub mod crisis_panel;
pub mod form_field;
pub mod seat_actions;
pub mod staff_only;
