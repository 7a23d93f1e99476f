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

/// Browser entry point. Pages are rendered on the server and work as plain
/// HTML; only the few interactive parts (`#[island]` components) hydrate, so
/// the WebAssembly holds those and nothing else.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // A marker for tests and styles: the islands hydrate right after this
    // returns (in the same task), so the page is interactive once it is set.
    leptos::prelude::set_timeout(
        || {
            if let Some(root) = leptos::prelude::document().document_element() {
                let _ = root.set_attribute("data-hydrated", "true");
            }
        },
        std::time::Duration::ZERO,
    );
}
