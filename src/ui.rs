//! Components and pages. Everything here renders on the server and hydrates in
//! the browser; forms are `<ActionForm/>`s, so they also work without JavaScript.

pub mod components;
pub mod context;
pub mod layout;
pub mod pages;
