//! Shown by the service worker when a page cannot load offline.

use leptos::prelude::*;
use leptos_meta::Title;

/// "You're offline", with the way to the crisis page.
#[component]
pub fn OfflinePage() -> impl IntoView {
    view! {
        <Title text="You're offline · Kindred" />
        <div class="page-header">
            <h1 class="page-header__title">"You're offline"</h1>
            <p class="page-header__lead">
                "This page needs a connection. Your crisis resources are still available."
            </p>
        </div>
        <p>
            <a class="button button--primary" href="/crisis">
                "Open crisis resources"
            </a>
        </p>
    }
}
