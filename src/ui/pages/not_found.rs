//! The 404 page.

use leptos::prelude::*;
use leptos_meta::Title;

/// Page not found.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Title text="Page not found · Kindred" />
        <div class="page-header">
            <h1 class="page-header__title">"Page not found"</h1>
            <p class="page-header__lead">"We couldn't find that page. It may have moved."</p>
        </div>
        <p>
            <a href="/">"Go to the home page"</a>
        </p>
    }
}
