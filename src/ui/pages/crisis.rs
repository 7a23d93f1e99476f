//! The crisis page: reachable from every page, without signing in, and offline.

use crate::ui::components::crisis_panel::CrisisPanel;
use leptos::prelude::*;
use leptos_meta::Title;

/// Crisis resources: 988 (call, text, chat), Crisis Text Line, SAMHSA, 911 and the program's line.
#[component]
pub fn CrisisPage() -> impl IntoView {
    view! {
        <Title text="Need help now? · Kindred" />
        <div class="page-header">
            <h1 class="page-header__title">"Need help now?"</h1>
            <p class="page-header__lead">
                "If you are thinking about harming yourself or someone else, or you feel unsafe, reach out now. "
                "You don't have to go through this alone, and you don't need to sign in."
            </p>
        </div>
        <CrisisPanel heading_id="crisis-now" />
        <section class="card" aria-labelledby="crisis-more">
            <h2 id="crisis-more" class="card__title">"Good to know"</h2>
            <div class="card__body">
                <p>"This page works without a connection once you have opened Kindred on this device."</p>
            </div>
        </section>
    }
}
