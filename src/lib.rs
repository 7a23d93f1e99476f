//! Kindred: a group-therapy companion for IOP and PHP programs.
//!
//! The same crate is compiled twice: for the server (`ssr`) and for the
//! browser (`hydrate`). Server-only code lives in [`server`], gated here once.

pub mod api;
pub mod app;
pub mod domain;
pub mod error;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod server;

/// Browser entry point: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // A marker for tests and styles: the page is interactive from here on.
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}
